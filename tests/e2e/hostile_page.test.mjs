// A host page that does things in an awkward order (issue 12, page items): the mode switched
// after, before and during a load; two files chosen in quick succession; the worker dying under
// a loaded report; bytes given as any typed-array view; a `src` that redirects to another site.
// Whatever the order, the widget shows one consistent state: public mode never shows an
// unsuppressed figure, the last file chosen wins, and after a crash the figures on screen still
// answer every setting and export (with their population and extract date), or are cleared
// with a sentence.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { start, openPage, cspViolations, ROOT, WWW } from './browser.mjs';

const PAGE = join(WWW, 'test-hostile-page.html');
// The sample: 5,069 data lines under its header (`wc -l www/sample-extract.csv` = 5,070).
const SAMPLE_ROWS = readFileSync(join(WWW, 'sample-extract.csv'), 'utf8').trim().split('\n').length - 1;
let env;

before(async () => {
  copyFileSync(join(ROOT, 'tests/fixtures/e2e/hostile/blank.html'), PAGE);
  env = await start();
});
after(async () => {
  await env.close();
  rmSync(PAGE, { force: true });
});

/** A blank host page; `window.lens()` makes a <yj-lens> (attributes given) and records its events. */
async function host() {
  const opened = await openPage(env.browser, `${env.base}/test-hostile-page.html`);
  await opened.page.evaluate(async () => {
    await customElements.whenDefined('yj-lens');
    window.seen = { errors: [], loaded: [] };
    window.lens = (attrs = {}) => {
      const el = document.createElement('yj-lens');
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      el.addEventListener('yj-error', (e) => window.seen.errors.push(e.detail.message));
      el.addEventListener('yj-loaded', (e) => window.seen.loaded.push(e.detail.report.public ? 'public' : e.detail.report.quality.rows_read));
      document.getElementById('host').append(el);
      return el;
    };
    window.sample = () => fetch('sample-extract.csv').then((r) => r.blob());
    window.population = () => fetch('sample-population.csv').then((r) => r.blob());
    window.until = async (test, ms = 20_000) => {
      for (const t0 = Date.now(); Date.now() - t0 < ms; await new Promise((ok) => setTimeout(ok, 50))) if (test()) return true;
      return false;
    };
  });
  return opened;
}

/**
 * What the widget shows on every tab that a public page must never show: a table cell that is
 * a bare count from 1 to 4, or "(n of N)" with n from 1 to 4 (as in "2.4% (2 of 85)"), in the
 * text or an accessible name. Also whether the drop zone and the analyst toolbar are visible.
 */
async function smallCountsShown(page) {
  return page.evaluate(async () => {
    const root = document.querySelector('yj-lens').shadowRoot;
    const found = new Set();
    const look = () => {
      for (const c of root.querySelectorAll('td')) if (/^[1-4]$/.test(c.textContent.trim())) found.add(`cell ${c.textContent.trim()}`);
      const text = [root.textContent, ...[...root.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label'))].join(' ');
      for (const m of text.matchAll(/\([1-4] of [\d,]+\)/g)) found.add(m[0]);
    };
    look();
    for (const tab of [...root.querySelectorAll('[role="tab"]')]) {
      root.getElementById(tab.id).click();
      await new Promise((ok) => setTimeout(ok, 50));
      look();
    }
    return {
      small: [...found],
      drop: !root.querySelector('.drop').hidden,
      toolbar: !root.querySelector('.toolbar').hidden,
      tabs: root.querySelectorAll('[role="tab"]').length,
    };
  });
}

test('public mode never shows an unsuppressed figure, whatever the order of mode, src and loads', async () => {
  const { page, context, log } = await host();
  // 1. An analyst widget with the sample (and its population) loaded. Its Ethnicity and
  // Reoffending views show small counts such as "(2 of 85)": the check below can see them.
  await page.evaluate(async () => {
    const el = window.lens({ src: 'sample-aggregate.csv' });
    await el.loadExtract(await window.sample(), { label: 'sample', population: await window.population() });
  });
  const analyst = await smallCountsShown(page);
  assert.ok(analyst.small.length > 0, 'the analyst views show counts from 1 to 4 (so the check can see them)');
  assert.ok(analyst.drop && analyst.toolbar);

  // 2. Switched to public after the load: the analyst figures go; the published file (src,
  // suppressed) is shown instead, with no drop zone and no analyst toolbar.
  await page.evaluate(() => document.querySelector('yj-lens').setAttribute('mode', 'public'));
  assert.ok(await page.evaluate(() => window.until(() => document.querySelector('yj-lens').report?.public === true)), 'the published figures are shown');
  let shown = await smallCountsShown(page);
  assert.deepEqual(shown.small, [], 'no count from 1 to 4 after switching to public');
  assert.equal(shown.drop, false, 'no drop zone in public mode');
  assert.equal(shown.toolbar, false, 'no analyst toolbar in public mode');

  // 3. Back to analyst: nothing of the published file is left as if analysed; the drop zone is
  // back and a file can be read again.
  const back = await page.evaluate(async () => {
    const el = document.querySelector('yj-lens');
    el.setAttribute('mode', 'analyst');
    const root = el.shadowRoot;
    const empty = { report: el.report, drop: !root.querySelector('.drop').hidden, tabs: root.querySelectorAll('[role="tab"]').length };
    const r = await el.loadExtract(await window.sample(), { label: 'sample again' });
    return { empty, rows: r.quality.rows_read };
  });
  assert.deepEqual(back.empty, { report: null, drop: true, tabs: 0 });
  assert.equal(back.rows, SAMPLE_ROWS);

  // 4. A load under way when the page switches to public: its figures never appear.
  const during = await page.evaluate(async () => {
    const el = document.querySelector('yj-lens');
    const loading = el.loadExtract(new File([await window.sample()], 'late.csv')).then(() => 'resolved', (e) => e.kind);
    el.setAttribute('mode', 'public');
    const outcome = await loading;
    await window.until(() => el.report?.public === true);
    // Any analysis the worker might still finish has had time to arrive.
    await new Promise((ok) => setTimeout(ok, 1500));
    return { outcome, public: el.report?.public === true };
  });
  assert.notEqual(during.outcome, 'resolved', 'the load was not completed into a public page');
  assert.equal(during.public, true);
  shown = await smallCountsShown(page);
  assert.deepEqual(shown.small, []);
  assert.equal(shown.drop, false);

  // 5. Switched back and forth in one task, then public: still only the published figures.
  await page.evaluate(async () => {
    const el = document.querySelector('yj-lens');
    el.setAttribute('mode', 'analyst');
    await el.loadExtract(await window.sample(), { label: 'sample' });
    el.setAttribute('mode', 'public');
    el.setAttribute('mode', 'analyst');
    el.setAttribute('mode', 'public');
    await window.until(() => el.report?.public === true);
    await new Promise((ok) => setTimeout(ok, 500));
  });
  shown = await smallCountsShown(page);
  assert.deepEqual(shown.small, []);
  assert.equal(shown.drop, false);
  assert.equal(await page.evaluate(() => document.querySelector('yj-lens').report?.public), true);

  // 6. Public first, then a file through the API: refused in one sentence, nothing shown.
  const refused = await page.evaluate(async () => {
    document.getElementById('host').replaceChildren();
    const el = window.lens({ mode: 'public' });
    try {
      await el.loadExtract(await window.sample());
      return 'loaded';
    } catch (e) {
      return e.message;
    }
  });
  assert.match(refused, /public dashboard/);
  shown = await smallCountsShown(page);
  assert.deepEqual(shown, { small: [], drop: false, toolbar: false, tabs: 0 });

  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('two files chosen in quick succession: the last one wins, the first is cancelled without an error', async () => {
  const { page, context, log } = await host();
  const out = await page.evaluate(async () => {
    const el = window.lens();
    const text = await (await window.sample()).text();
    // A big extract: the sample's rows again and again under new ids, past 300,000 rows (~48 MB).
    const [head, ...rows] = text.trim().split('\n');
    const big = [head];
    for (let i = 0; big.length <= 300_000; i++) for (const r of rows) big.push(r.replace(/^YJ/, `B${i}-`));
    const bigFile = new File([big.join('\n'), '\n'], 'big.csv', { type: 'text/csv' });
    const first = el.loadExtract(bigFile).then((r) => `resolved ${r.quality.rows_read}`, (e) => e.kind);
    await new Promise((ok) => setTimeout(ok, 300));
    // The second file is dropped on the drop zone, as a person would.
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'sample.csv', { type: 'text/csv' }));
    const loaded = new Promise((ok) => el.addEventListener('yj-loaded', ok, { once: true }));
    el.shadowRoot.querySelector('.drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    const firstOutcome = await first;
    await Promise.race([loaded, new Promise((ok) => setTimeout(ok, 30_000))]);
    // Anything the first file's worker might still send has had time to arrive.
    await new Promise((ok) => setTimeout(ok, 1500));
    const root = el.shadowRoot;
    const afterLoad = {
      rows: el.report?.quality.rows_read,
      status: root.querySelector('.status').textContent,
      error: root.querySelector('.error').hidden ? '' : root.querySelector('.error').textContent,
    };
    // The worker holds the sample, not the big file: a setting change re-analyses the sample.
    const again = new Promise((ok) => el.addEventListener('yj-loaded', ok, { once: true }));
    el.settings = { reference_group: 'Black' };
    await Promise.race([again, new Promise((ok) => setTimeout(ok, 20_000))]);
    return { firstOutcome, afterLoad, rowsAfterSetting: el.report.quality.rows_read, reference: el.report.settings.reference_group, seen: window.seen };
  });
  // The sample: 5,069 rows read, 12 rejected → 5,057 used.
  assert.equal(out.firstOutcome, 'cancelled', 'the first load is cancelled, not completed over the second');
  assert.deepEqual(out.afterLoad, { rows: SAMPLE_ROWS, status: 'Analysed sample.csv: 5,057 rows used of 5,069 read.', error: '' });
  assert.deepEqual(out.seen.loaded, [SAMPLE_ROWS, SAMPLE_ROWS], 'the big file’s figures were never shown; the sample’s twice (load, then setting)');
  assert.deepEqual(out.seen.errors, []);
  assert.equal(out.rowsAfterSetting, SAMPLE_ROWS);
  assert.equal(out.reference, 'Black');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('after the worker crashes, the figures on screen still answer settings and exports, with their population and extract date', async () => {
  const { page, context, log } = await host();
  const out = await page.evaluate(async () => {
    const el = window.lens();
    const root = el.shadowRoot;
    await el.loadExtract(await window.sample(), { label: 'sample', population: await window.population(), populationLabel: 'sample population' });
    const next = () => new Promise((ok) => el.addEventListener('yj-loaded', ok, { once: true }));
    let loaded = next();
    el.settings = { extract_date: '2025-06-30' };
    await loaded;
    const fte = () => el.report.figures.find((f) => f.measure === 'fte_rate' && f.period_type === 'financial_year' && f.breakdown === 'all' && f.value !== null)?.value ?? null;
    const state = () => ({
      rows: el.report?.quality.rows_read ?? null,
      date: el.report?.extract_date ?? null,
      dateSource: el.report?.extract_date_source ?? null,
      population: el.report?.population?.source ?? null,
      fte: el.report ? fte() : null,
      reference: el.report?.settings.reference_group ?? null,
      error: root.querySelector('.error').hidden ? '' : root.querySelector('.error').textContent,
    });
    const before = state();
    const choose = (v) => {
      const sel = root.querySelector('select[name="reference-group-for-rri"]');
      sel.value = v;
      sel.dispatchEvent(new Event('change'));
    };
    // The worker dies while idle (as a wasm trap kills it), then the analyst changes a setting.
    const crash = () => el.engine.worker.onerror(new ErrorEvent('error', { message: 'RuntimeError: unreachable' }));
    crash();
    loaded = next();
    choose('Black');
    await Promise.race([loaded, new Promise((ok) => setTimeout(ok, 20_000))]);
    const idle = state();
    const csv = await el.exportAggregate({ suppress: false }).then((b) => b.text(), (e) => `refused: ${e.message}`);

    // The worker dies while reading another file: that file fails with a sentence; the
    // sample's figures stay, and still answer a setting change.
    const other = el.loadExtract(new File([await window.sample()], 'other.csv')).then(() => 'resolved', (e) => e.kind);
    await new Promise((ok) => setTimeout(ok, 50));
    crash();
    const otherOutcome = await other;
    const sentence = root.querySelector('.error').textContent;
    loaded = next();
    choose('Asian');
    await Promise.race([loaded, new Promise((ok) => setTimeout(ok, 20_000))]);
    const duringLoad = state();
    return { before, idle, csv: { lines: csv.split('\n').length, fte: /fte_rate/.test(csv), start: csv.slice(0, 40) }, otherOutcome, sentence, duringLoad, errors: window.seen.errors };
  });
  // The same file, population and date give the same first-time entrant rate as before the crash.
  assert.equal(out.before.rows, SAMPLE_ROWS);
  assert.equal(out.before.date, '2025-06-30');
  assert.equal(out.before.population, 'sample population');
  assert.ok(out.before.fte > 0);
  assert.deepEqual(out.idle, { ...out.before, reference: 'Black' }, 'after a crash: same rows, date, population and rates; the new setting applied; no error');
  assert.ok(out.csv.lines > 100 && out.csv.fte, `the export works after the crash: ${out.csv.start}`);
  assert.equal(out.otherOutcome, 'crash');
  assert.match(out.sentence, /restarted and you can try again/);
  assert.deepEqual(out.duringLoad, { ...out.before, reference: 'Asian', error: '' }, 'the sample’s figures, population and date are back in the new worker');
  assert.equal(out.errors.length, 1, `one error, the crash while reading: ${out.errors.join(' | ')}`);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a worker that crashes again while being given the file back: the screen is cleared with a sentence, and the next file is read', async () => {
  const { page, context, log } = await host();
  const out = await page.evaluate(async () => {
    const el = window.lens();
    const root = el.shadowRoot;
    await el.loadExtract(await window.sample(), { label: 'sample' });
    const crash = () => el.engine.worker.onerror(new ErrorEvent('error', { message: 'RuntimeError: unreachable' }));
    crash();
    // The new worker is being given the sample back when it dies too.
    await new Promise((ok) => setTimeout(ok, 30));
    crash();
    await window.until(() => el.report === null, 5000);
    const cleared = {
      report: el.report === null ? null : 'a report',
      tabs: root.querySelectorAll('[role="tab"]').length,
      panels: root.querySelector('.panels').childElementCount,
      toolbar: !root.querySelector('.toolbar').hidden,
      drop: !root.querySelector('.drop').hidden,
      sentence: root.querySelector('.error').textContent,
    };
    const again = await el.loadExtract(await window.sample(), { label: 'sample' });
    return { cleared, rows: again.quality.rows_read };
  });
  assert.deepEqual({ ...out.cleared, sentence: undefined }, { report: null, tabs: 0, panels: 0, toolbar: false, drop: true, sentence: undefined }, 'no figure is left that the worker cannot answer for');
  assert.match(out.cleared.sentence, /could not be read .*again.* choose the file again/i);
  assert.equal(out.rows, SAMPLE_ROWS);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('loadExtract and loadPopulation read any typed-array view by exactly its bytes', async () => {
  const { page, context, log } = await host();
  const out = await page.evaluate(async () => {
    const el = window.lens();
    const csv = new Uint8Array(await (await window.sample()).arrayBuffer());
    // The file in the middle of a bigger buffer, after 4 bytes and before 8 that are not the
    // file: a reader that took the whole buffer would see "JUNKchild_id" as the first header.
    // An even length (padded with a newline) so a Uint16Array can cover it exactly.
    const n = csv.length + (csv.length % 2);
    const buf = new ArrayBuffer(4 + n + 8);
    const all = new Uint8Array(buf);
    all.set(new TextEncoder().encode('JUNK'), 0);
    all.fill(10, 4, 4 + n);
    all.set(csv, 4);
    all.set(new TextEncoder().encode('JUNKJUNK'), 4 + n);
    const views = {
      DataView: new DataView(buf, 4, n),
      Uint8Array: new Uint8Array(buf, 4, n),
      Uint16Array: new Uint16Array(buf, 4, n / 2),
      ArrayBuffer: csv.slice().buffer,
      Blob: new Blob([csv]),
    };
    const rows = {};
    for (const [name, view] of Object.entries(views)) {
      rows[name] = await el.loadExtract(view, { label: name }).then((r) => `${r.quality.rows_read} read, ${r.quality.rows_used} used`, (e) => `${e.kind}: ${e.message}`);
    }
    // The caller's buffer changed afterwards changes nothing: the widget copied its bytes.
    all.fill(0);
    const pop = new Uint8Array(await (await window.population()).arrayBuffer());
    const popBuf = new ArrayBuffer(pop.length + 16);
    new Uint8Array(popBuf).set(pop, 16);
    await el.loadPopulation(new DataView(popBuf, 16, pop.length), { label: 'population as a DataView' });
    const fte = el.report.figures.find((f) => f.measure === 'fte_rate' && f.breakdown === 'all' && f.value !== null);
    return { rows, population: el.report.population?.source ?? null, rate: Boolean(fte), stillRows: el.report.quality.rows_read, errors: window.seen.errors };
  });
  // The sample: 5,069 rows read, 12 rejected → 5,057 used, whichever way its bytes are given.
  const same = '5069 read, 5057 used';
  assert.deepEqual(out.rows, { DataView: same, Uint8Array: same, Uint16Array: same, ArrayBuffer: same, Blob: same });
  assert.equal(out.population, 'population as a DataView');
  assert.ok(out.rate, 'the population read from a DataView gives first-time entrant rates');
  assert.equal(out.stillRows, SAMPLE_ROWS, 're-analysed from the copy, not the zeroed buffer');
  assert.deepEqual(out.errors, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a src or population-src that redirects is refused before the redirect is followed, in one sentence', async () => {
  const { page, context, log } = await host();
  // localhost is another origin than 127.0.0.1 (the page's): a redirect there must not be followed.
  const elsewhere = `http://localhost:${new URL(env.base).port}`;
  await page.route('**/moved/*.csv', (route) =>
    route.fulfill({ status: 302, headers: { location: `${elsewhere}/${new URL(route.request().url()).pathname.split('/').pop()}` } }),
  );
  const out = await page.evaluate(async () => {
    const firstError = (el) => new Promise((ok) => el.addEventListener('yj-error', (e) => ok(e.detail.message), { once: true }));
    const pub = window.lens({ mode: 'public' });
    let seen = firstError(pub);
    pub.setAttribute('src', 'moved/sample-aggregate.csv');
    const figures = await seen;
    const analyst = window.lens();
    seen = firstError(analyst);
    analyst.setAttribute('population-src', 'moved/sample-population.csv');
    const population = await seen;
    await new Promise((ok) => setTimeout(ok, 500));
    return { figures, population, report: pub.report === null, popText: analyst.shadowRoot.querySelector('.population p').textContent };
  });
  assert.match(out.figures, /^The figures file sample-aggregate\.csv was not loaded: .*redirect.*\.$/);
  assert.match(out.population, /^The population file sample-population\.csv was not loaded: .*redirect.*\.$/);
  assert.equal(out.report, true, 'no figures shown');
  assert.match(out.popText, /No population loaded/);
  assert.deepEqual(log.requests.filter((r) => r.url.startsWith(elsewhere)).map((r) => r.url), [], 'no request to the other site');
  assert.deepEqual(await cspViolations(page), [], 'not even one the page’s CSP had to block');
  await context.close();
});

test('a file that fails after cancelling another: the figures on screen keep their population and typed extract date, and still answer', async () => {
  const { page, context, log } = await host();
  const out = await page.evaluate(async () => {
    const el = window.lens();
    const root = el.shadowRoot;
    const text = await (await window.sample()).text();
    await el.loadExtract(new File([text], 'sample.csv'), { label: 'sample', population: await window.population(), populationLabel: 'sample population' });
    // The extract date typed in the settings panel: it holds for this file only.
    let loaded = new Promise((ok) => el.addEventListener('yj-loaded', ok, { once: true }));
    const date = root.querySelector('input[placeholder="dd/mm/yyyy"]');
    date.value = '31/03/2025';
    date.dispatchEvent(new Event('change'));
    await loaded;
    const fte = () => el.report.figures.find((f) => f.measure === 'fte_rate' && f.period_type === 'financial_year' && f.breakdown === 'all' && f.value !== null)?.value ?? null;
    const before = { rows: el.report.quality.rows_read, date: el.report.extract_date, population: el.report.population?.source, fte: fte() };
    // A big file without a population (the sample's would go with it)…
    const [head, ...rows] = text.trim().split('\n');
    const big = [head];
    for (let i = 0; big.length <= 200_000; i++) for (const r of rows) big.push(r.replace(/^YJ/, `B${i}-`));
    const first = el.loadExtract(new File([big.join('\n'), '\n'], 'big.csv')).then(() => 'resolved', (e) => e.kind);
    await new Promise((ok) => setTimeout(ok, 300));
    // …then, before it is read, a file the widget refuses (no column holds the child's id).
    const refused = await el.loadExtract(new File([text.replace(/^child_id,/, 'reference,')], 'renamed.csv')).then(() => 'resolved', (e) => e.message);
    const firstOutcome = await first;
    const panel = root.querySelector('.population p').textContent;
    loaded = new Promise((ok) => el.addEventListener('yj-loaded', ok, { once: true }));
    el.settings = { reference_group: 'Mixed' };
    await Promise.race([loaded, new Promise((ok) => setTimeout(ok, 20_000))]);
    const after = { rows: el.report.quality.rows_read, date: el.report.extract_date, population: el.report.population?.source, fte: fte() };
    return { before, firstOutcome, refused, panel, after, reference: el.report.settings.reference_group };
  });
  assert.equal(out.firstOutcome, 'cancelled');
  assert.match(out.refused, /child/i, out.refused);
  assert.equal(out.panel, 'Population in use: sample population.', 'the population of the figures on screen is back');
  assert.deepEqual(out.before, { rows: SAMPLE_ROWS, date: '2025-03-31', population: 'sample population', fte: out.before.fte });
  assert.ok(out.before.fte > 0);
  assert.deepEqual(out.after, out.before, 'same file, date, population and rates after the recovery');
  assert.equal(out.reference, 'Mixed');
  assert.deepEqual(log.errors, []);
  await context.close();
});
