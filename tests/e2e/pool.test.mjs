// Issue 15: a file read by a pool of parse workers gives the report reading it in one go
// gives. The same extract — quoted fields with line breaks placed where the cuts fall, exact
// duplicates in other ranges, rejected rows, unknown codes — is analysed with workers = 1, 2
// and 4: the figures and the data quality report are identical, and the number of readers
// (the coordinating worker and the parse workers it starts) is the one asked for. A parse
// worker that cannot start gives one sentence (English and Welsh) and the widget reads the
// next file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, openPage, cspViolations, ROOT, WWW } from './browser.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env.close();
});

const HEADER = 'child_id,offence_date,outcome_date,outcome,offence_category,sex,ethnicity,date_of_birth\n';
const ROWS = 6000;

/**
 * The extract: row i is child C(i mod 900). Most of each row comes before a quoted line break
 * in its offence category, so a cut just after "the first line feed after a point" mostly
 * falls inside that quoted field (checked below). Every 97th row repeats row 1 exactly (a
 * duplicate, mostly in a later range); every 131st has an impossible date (rejected); every 53rd an
 * unknown outcome (kept, warned).
 */
function extract() {
  const pad = 'x'.repeat(120);
  let s = HEADER;
  const row = (i) => {
    const outcome = i % 53 === 0 ? 'Mystery order' : ['Youth Caution', 'Referral Order', 'DTO', 'Fine'][i % 4];
    const date = i % 131 === 0 ? '31/02/2023' : `0${1 + (i % 9)}/02/2023`;
    const sex = ['M', 'F', 'M', ''][i % 4];
    const eth = ['White', 'Black', 'Asian', 'Mixed', 'Zz'][i % 5];
    return `C${i % 900},${date},15/03/2023,${outcome},"Theft ${pad} ${i % 7}\nfrom a shop",${sex},${eth},01/0${1 + (i % 9)}/2008\n`;
  };
  for (let i = 0; i < ROWS; i++) {
    s += row(i);
    if (i % 97 === 96) s += row(1);
  }
  return s;
}

/** Whether offset `p` of `text` is inside a quoted field (quotes counted from the start). */
function insideQuotes(text, p) {
  let inside = false;
  for (let i = 0; i < p; i++) if (text.charCodeAt(i) === 34) inside = !inside;
  return inside;
}

/**
 * The cut points a pool of `n` makes (pool.js `plan`: just after the first line feed after the
 * coordinating worker's share, 1/n − 0.05 of the data, then after each equal share of the rest;
 * this file is far under a parse worker's range size, so each share is one range).
 */
function cuts(text, n) {
  const startAt = HEADER.length;
  const after = (p) => text.indexOf('\n', p) + 1;
  const first = after(startAt + Math.floor((text.length - startAt) * (1 / n - 0.05)));
  const out = [first];
  for (let k = 1; k < n - 1; k++) out.push(after(first + Math.floor(((text.length - first) * k) / (n - 1))));
  return out;
}

test('workers = 1, 2 and 4 give the same figures and data quality, read by that many in parallel', { timeout: 240_000 }, async () => {
  const text = extract();
  // ASCII only: string offsets are byte offsets.
  assert.ok(/^[\x00-\x7f]*$/.test(text));
  // Every cut of the pools of 2 and 4 falls inside a quoted field with a line break, so each
  // range after the first starts in the middle of a record and is read again from the right place.
  for (const n of [2, 4]) for (const c of cuts(text, n)) assert.ok(insideQuotes(text, c), `cut ${c} of ${n} inside quotes`);
  const { page, context, log } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  // What the page fetches from now on: the parse workers' scripts, but no wasm module (they
  // are given the coordinating worker's, compiled).
  const requests = [];
  context.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const runs = {};
  for (const n of [1, 2, 4]) {
    runs[n] = await page.evaluate(
      async ([csv, n]) => {
        const el = document.querySelector('yj-lens');
        el.workers = n;
        const report = await el.loadExtract(new File([csv], 'pool.csv', { type: 'text/csv' }));
        return {
          figures: JSON.stringify(report.figures),
          quality: report.quality,
          started: el.dataset.parseWorkers,
        };
      },
      [text, n],
    );
  }
  // Read in one go with 1; otherwise the coordinating worker reads the first range and 1 or 3
  // parse workers the others.
  assert.equal(runs[1].started, '0');
  assert.equal(runs[2].started, '2');
  assert.equal(runs[4].started, '4');
  assert.ok(requests.some((p) => p.endsWith('/yj-parse-worker.js')), requests.join(' '));
  assert.deepEqual(requests.filter((p) => p.endsWith('.wasm')), []);
  // 6000 rows + 61 repeats of row 1 (after i = 96, 193, …, 5916: ⌊6000/97⌋ = 61) = 6061
  // read; rejected (31/02/2023): i = 0, 131, …, 5895 (⌊5999/131⌋ + 1 = 46); the 61 repeats
  // dropped as duplicates; 6061 − 46 − 61 = 5954 used.
  const q = runs[1].quality;
  assert.equal(q.rows_read, 6061);
  assert.equal(q.rows_rejected, 46);
  assert.equal(q.duplicates, 61);
  assert.equal(q.rows_used, 5954);
  // 900 children (each has rows not rejected); the unknown outcome on kept rows i = 53·k,
  // k = 1..113 (53·113 = 5989; i = 0 is rejected, and no other multiple of 53 is one of 131) = 113.
  assert.equal(q.children, 900);
  assert.equal(q.unknown_codes.find((c) => c.field === 'outcome')?.rows, 113);
  for (const n of [2, 4]) {
    assert.deepEqual(runs[n].quality, runs[1].quality, `quality with ${n} workers`);
    assert.equal(runs[n].figures, runs[1].figures, `figures with ${n} workers`);
  }
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a file under 8 MB is read in one go unless workers are asked for', { timeout: 120_000 }, async () => {
  const { page, context } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  const started = await page.evaluate(async (csv) => {
    const el = document.querySelector('yj-lens');
    el.workers = null;
    await el.loadExtract(new File([csv], 'small.csv'));
    return [el.dataset.parseWorkers, el.hasAttribute('workers')];
  }, extract());
  assert.deepEqual(started, ['0', false]);
  await context.close();
});

test('wasm served as application/octet-stream: the module is compiled from its bytes, and the parse workers are given it', { timeout: 120_000 }, async () => {
  // Some servers send .wasm without its MIME type, which streaming compilation refuses.
  const context = await env.browser.newContext();
  const wasm = [];
  await context.route('**/*.wasm', async (route) => {
    wasm.push(new URL(route.request().url()).pathname);
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${env.base}/test-pages/analyst.html`);
  await page.waitForFunction(() => customElements.get('yj-lens') !== undefined);
  const read = (n) =>
    page.evaluate(
      async ([csv, n]) => {
        const el = document.querySelector('yj-lens');
        el.workers = n;
        const report = await el.loadExtract(new File([csv], 'pool.csv', { type: 'text/csv' }));
        return { rows: report.quality.rows_used, readers: el.dataset.parseWorkers };
      },
      [extract(), n],
    );
  // Read in one go first, until its charts are drawn: the widget's worker has started (its
  // module compiled from the bytes fetched again after streaming compilation refused them), and
  // the page's own chart drawer too.
  const drawn = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-drawn', () => ok(), { once: true })));
  assert.deepEqual(await read(1), { rows: 5954, readers: '0' });
  await drawn;
  const before = wasm.length;
  assert.ok(before >= 2, wasm.join(' '));
  // 5954 rows used (the first test's arithmetic), read by this worker and one parse worker,
  // which fetched no module.
  assert.deepEqual(await read(2), { rows: 5954, readers: '2' });
  assert.equal(wasm.length, before, wasm.join(' '));
  assert.deepEqual(errors, []);
  await context.close();
});

const PARSE_WORKER_FAILED = {
  en: 'Part of this file could not be read by the parallel readers, so it was not analysed; try again (if it fails again, whoever runs this page can set the widget to read with one worker: workers="1").',
  cy: 'Nid oedd modd i’r darllenwyr cyfochrog ddarllen rhan o’r ffeil hon, felly ni chafodd ei dadansoddi; rhowch gynnig arall arni (os bydd yn methu eto, gall pwy bynnag sy’n rhedeg y dudalen hon osod y teclyn i ddarllen gydag un gweithiwr: workers="1").',
};

/**
 * A copy of the site whose parse worker throws as it starts, read with two workers and then
 * with one: the first load's error and the sentence on screen, and the second's rows. `early`:
 * the copy runs the unminified sources (www/src), with the coordinating worker waiting 500 ms
 * after starting its parse workers, so the parse worker has failed before it is given its share
 * (as happened by chance on a loaded machine).
 */
async function brokenParseWorker(t, lang, { early = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'yjlens-pool-'));
  cpSync(WWW, dir, { recursive: true });
  if (early) {
    cpSync(join(WWW, 'src'), join(dir, 'yjlens'), { recursive: true });
    const started = 'const workers = Array.from({ length: n - 1 }, parseWorker);\n';
    const pool = readFileSync(join(WWW, 'src/pool.js'), 'utf8');
    assert.ok(pool.includes(started), 'pool.js starts its parse workers in one line');
    writeFileSync(join(dir, 'yjlens/pool.js'), pool.replace(started, `${started}  await new Promise((wait) => setTimeout(wait, 500));\n`));
  }
  writeFileSync(join(dir, 'yjlens/yj-parse-worker.js'), "throw new Error('this parse worker is broken');\n");
  const broken = await start({ root: dir });
  // Closed whatever the outcome: a server left open would keep this file's process running.
  t.after(async () => {
    await broken.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const { page, context } = await openPage(broken.browser, `${broken.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  const out = await page.evaluate(
    async ([csv, lang]) => {
      const el = document.querySelector('yj-lens');
      el.setAttribute('lang', lang);
      el.workers = 2;
      const error = await el.loadExtract(new File([csv], 'pool.csv')).then(() => null, (e) => e);
      const shown = el.shadowRoot.querySelector('[role="alert"]')?.textContent ?? '';
      el.workers = 1;
      const report = await el.loadExtract(new File([csv], 'pool.csv'));
      return { kind: error?.kind, message: error?.message, shown, rows: report.quality.rows_used };
    },
    [extract(), lang],
  );
  await context.close();
  return out;
}

for (const lang of ['en', 'cy']) {
  test(`a parse worker that fails gives one sentence (${lang}) and the widget reads the next file`, { timeout: 120_000 }, async (t) => {
    const out = await brokenParseWorker(t, lang);
    // The pool's failure (not a crash of the widget's worker), and on screen its sentence alone.
    assert.deepEqual(out, { kind: 'pool', message: PARSE_WORKER_FAILED[lang], shown: PARSE_WORKER_FAILED[lang], rows: 5954 });
  });
}

test('a parse worker that fails before it is given its share: the same sentence, not a crash', { timeout: 120_000 }, async (t) => {
  // Before the fix its error reached the widget's worker unhandled while the file was cut, and
  // the load ended as a crash ("Something went wrong…", the worker restarted).
  const out = await brokenParseWorker(t, 'en', { early: true });
  assert.deepEqual(out, { kind: 'pool', message: PARSE_WORKER_FAILED.en, shown: PARSE_WORKER_FAILED.en, rows: 5954 });
});

test('a large extract: the year-earlier figures another worker computes are those one worker computes, in English and Welsh, with a population and the KPIs', { timeout: 420_000 }, async () => {
  // 250,000 rows (over pool.js's EARLIER_FROM, 200,000): with two readers a worker of the pool
  // computes the year-earlier figures while the widget's worker computes the others; with one,
  // the widget's worker computes them all. A page with the widget only (the demo page's KPI
  // files bring the full module at once); then with a population (the rates a year earlier),
  // in Welsh, and with an interventions file (the full module: the other worker still runs the
  // CSV module).
  const dir = mkdtempSync(join(tmpdir(), 'yjlens-earlier-'));
  const file = join(dir, 'earlier.csv');
  execFileSync('sh', ['-c', `"${join(ROOT, 'target/release/yjlens')}" sample --rows 250000 --seed 5 > "${file}"`]);
  const { page, context, log } = await openPage(env.browser, `${env.base}/test-pages/analyst.html`);
  await page.waitForFunction(() => customElements.get('yj-lens') !== undefined);
  // The file as the page holds a dropped one: a File backed by the file on disk.
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('input'), { type: 'file', id: 'pick' })));
  await page.setInputFiles('#pick', file);
  const runs = {};
  for (const step of ['en', 'population', 'cy', 'kpi']) {
    if (step === 'population') {
      await page.evaluate(async () => {
        const el = document.querySelector('yj-lens');
        await el.loadPopulation(await (await fetch('../sample-population.csv')).blob());
      });
    }
    if (step === 'cy') {
      // The switch analyses the file held again, in Welsh (then with the pool's worker too).
      await page.evaluate(() => document.querySelector('yj-lens').setAttribute('lang', 'cy'));
      await page.waitForFunction(() => (document.querySelector('yj-lens').report?.notes ?? []).some((n) => n.includes('Olrheinydd lleol')), null, { timeout: 60_000 });
    }
    if (step === 'kpi') {
      await page.evaluate(async () => {
        const el = document.querySelector('yj-lens');
        await el.loadInterventions(await (await fetch('../sample-interventions.csv')).blob());
      });
    }
    for (const n of [1, 2]) {
      runs[`${step}${n}`] = await page.evaluate(async (n) => {
        const el = document.querySelector('yj-lens');
        el.workers = n;
        const loaded = new Promise((ok) => el.addEventListener('yj-loaded', (e) => ok(e.detail.timing), { once: true }));
        const report = await el.loadExtract(document.getElementById('pick').files[0]);
        const timing = await loaded;
        return {
          asAt: report.year_earlier_as_at,
          earlier: JSON.stringify(report.year_earlier),
          count: report.year_earlier.length,
          rates: report.year_earlier.filter((f) => f.denominator !== null && f.unit.startsWith('per ')).length,
          figures: report.figures.length,
          kpis: report.figures.filter((f) => f.measure.startsWith('kpi')).length,
          elsewhere: timing.earlier_memory_bytes > 0,
        };
      }, n);
    }
  }
  for (const step of ['en', 'population', 'cy', 'kpi']) {
    const [one, two] = [runs[`${step}1`], runs[`${step}2`]];
    assert.equal(one.elsewhere, false, `${step}: one reader computes them itself`);
    assert.equal(two.elsewhere, true, `${step}: two readers hand them to another worker`);
    assert.ok(one.count > 100, `${one.count} year-earlier figures`);
    assert.equal(two.asAt, one.asAt);
    assert.equal(two.figures, one.figures);
    assert.equal(two.earlier, one.earlier, `${step}: the same year-earlier figures, definitions included`);
  }
  // Rates a year earlier once the population is given; KPI figures once the interventions are.
  assert.equal(runs.en1.rates, 0);
  assert.ok(runs.population2.rates > 0, `${runs.population2.rates} rates`);
  assert.equal(runs.cy1.kpis, 0);
  assert.ok(runs.kpi2.kpis > 0, `${runs.kpi2.kpis} KPI figures`);
  // The year-earlier sentence each definition ends with is in the page's language.
  assert.match(runs.en1.earlier, /As at 30 Sep 2024, a year before the extract date/);
  assert.match(runs.cy2.earlier, /Fel ar 30 Medi 2024, flwyddyn cyn dyddiad y darn data/);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a large file refused ends the worker started for its year-earlier figures', { timeout: 120_000 }, async () => {
  const { page, context } = await openPage(env.browser, `${env.base}/test-pages/analyst.html`);
  await page.waitForFunction(() => customElements.get('yj-lens') !== undefined);
  const names = () => page.workers().map((w) => new URL(w.url()).pathname.split('/').pop()).sort();
  // 1,500,000 lines of 15 bytes: 22.5 MB, over the 20 MB from which the widget's worker starts
  // a worker for the year-earlier figures while it reads; no column of it is an extract's, so
  // the file is refused.
  const refusal = await page.evaluate(async () => {
    const el = document.querySelector('yj-lens');
    el.workers = 2;
    let error = null;
    await el.loadExtract(new File(['not,an,extract\n'.repeat(1_500_000)], 'junk.csv')).catch((e) => (error = e.message));
    return error;
  });
  // One sentence saying what is wrong and what to do.
  assert.match(refusal, /^No column matches child_id .*: choose which of the file's columns holds it\.$/);
  // The parse workers and that worker end: only the widget's own worker is left.
  let left = names();
  for (let i = 0; i < 50 && left.length > 1; i++) {
    await page.waitForTimeout(100);
    left = names();
  }
  assert.deepEqual(left, ['yj-worker.js']);
  await context.close();
});
