// Awkward data on every view and export (issue 12, page items): an extract of one quarter, one
// of a single child, one with 20,000 distinct unknown codes; and the host page's own error
// handler, which must hear nothing from the widget's charts at any width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { start, openPage, cspViolations, ROOT, WWW } from './browser.mjs';

const PAGE = join(WWW, 'test-hostile-views.html');
const [HEAD, ...ROWS] = readFileSync(join(WWW, 'sample-extract.csv'), 'utf8').trim().split('\n');
const COLUMNS = HEAD.split(',');
const col = (name) => COLUMNS.indexOf(name);
/** dd/mm/yyyy in July–September 2024. */
const inQuarter = (d) => /^\d\d\/0[789]\/2024$/.test(d);
// Every sample row whose outcome date is in Jul–Sep 2024 (246 rows; one of them is rejected).
const ONE_QUARTER = [HEAD, ...ROWS.filter((r) => inQuarter(r.split(',')[col('outcome_date')]))].join('\n');
// The first child of the sample: 8 rows, all used.
const ONE_CHILD = [HEAD, ...ROWS.filter((r) => r.startsWith('YJ000001,'))].join('\n');
let env;

before(async () => {
  copyFileSync(join(ROOT, 'tests/fixtures/e2e/hostile/blank.html'), PAGE);
  env = await start();
});
after(async () => {
  await env.close();
  rmSync(PAGE, { force: true });
});

/** A blank host page that records what reaches its own error handler (as a portal's would). */
async function host(viewport) {
  const opened = await openPage(env.browser, 'about:blank', viewport ? { viewport } : {});
  await opened.page.addInitScript(() => {
    window.hostErrors = [];
    window.addEventListener('error', (e) => window.hostErrors.push(String(e.message)));
    window.addEventListener('unhandledrejection', (e) => window.hostErrors.push(`unhandled rejection: ${e.reason?.message ?? e.reason}`));
  });
  await opened.page.goto(`${env.base}/test-hostile-views.html`);
  await opened.page.evaluate(() => customElements.whenDefined('yj-lens'));
  return opened;
}

/**
 * Load `csv` (text) into a new <yj-lens> (with the sample's population if `population`);
 * returns its quality summary.
 */
async function loadText(page, csv, label, { population = false } = {}) {
  return page.evaluate(
    async ([csv, label, population]) => {
      document.getElementById('host').replaceChildren();
      const el = document.createElement('yj-lens');
      window.yjErrors = [];
      el.addEventListener('yj-error', (e) => window.yjErrors.push(e.detail.message));
      document.getElementById('host').append(el);
      if (population) await el.loadPopulation(await fetch('sample-population.csv').then((r) => r.blob()));
      const r = await el.loadExtract(new File([csv], label, { type: 'text/csv' }), { label });
      return { read: r.quality.rows_read, used: r.quality.rows_used, date: r.extract_date, rates: r.figures.some((f) => f.measure === 'disp_rri' && f.value !== null) };
    },
    [csv, label, population],
  );
}

/** Text a user must never see: a raw JavaScript error, or a value that is not a value. */
const RAW = /TypeError|ReferenceError|Cannot read properties|is not a function|undefined|NaN|\[object Object\]|could not be shown/;

/**
 * Open every tab, try every option of every control there, and click every chart's PNG, SVG
 * and CSV download; then every download of the Export panel (figures CSV, board pack of every
 * view, mapping profile) and of Data quality. Returns what was seen and the downloads made.
 */
async function everyViewAndExport(page) {
  const downloads = [];
  const onDownload = (d) => downloads.push(d.suggestedFilename());
  page.on('download', onDownload);
  const seen = await page.evaluate(async (rawSource) => {
    const el = document.querySelector('yj-lens');
    const root = el.shadowRoot;
    const pause = (ms = 60) => new Promise((ok) => setTimeout(ok, ms));
    const raw = [];
    const look = (where) => {
      const text = root.querySelector('.yj').innerText;
      const m = new RegExp(rawSource).exec(text);
      if (m) raw.push(`${where}: …${text.slice(Math.max(0, m.index - 80), m.index + 80)}…`);
    };
    let clicks = 0;
    const tabs = [...root.querySelectorAll('[role="tab"]')].map((t) => t.id);
    for (const id of tabs) {
      root.getElementById(id).click();
      await pause();
      look(id);
      for (const name of [...root.querySelectorAll('.controls select')].map((s) => s.name)) {
        for (const value of [...root.querySelector(`.controls select[name="${name}"]`).options].map((o) => o.value)) {
          const sel = root.querySelector(`.controls select[name="${name}"]`);
          if (!sel) continue;
          sel.value = value;
          sel.dispatchEvent(new Event('change'));
          await pause(20);
          look(`${id} ${name}=${value}`);
        }
      }
      for (const b of root.querySelectorAll('.chart-tools button')) {
        if (!/^(PNG|SVG|CSV)$/.test(b.textContent)) continue;
        b.click();
        clicks++;
        await pause(250);
      }
      look(`${id} downloads`);
    }
    // The Export panel: the figures (with disclosure control), the board pack of every view,
    // the mapping profile.
    const exports = root.querySelector('details.exports');
    exports.open = true;
    for (const box of exports.querySelectorAll('fieldset:nth-of-type(2) input[type="checkbox"]')) box.checked = true;
    for (const b of exports.querySelectorAll('button')) {
      b.click();
      clicks++;
      await pause(1500);
    }
    // Data quality's own download (the rejected rows), when there are rejected rows.
    root.getElementById('tab-quality').click();
    await pause();
    const rejected = [...root.querySelectorAll('.panels button')].find((b) => /rejected rows/.test(b.textContent));
    if (rejected) {
      rejected.click();
      clicks++;
    }
    await pause(1500);
    look('after the exports');
    const error = root.querySelector('.error').hidden ? '' : root.querySelector('.error').textContent;
    return { tabs: tabs.length, clicks, raw, error, yjErrors: window.yjErrors, hostErrors: window.hostErrors };
  }, RAW.source);
  page.off('download', onDownload);
  return { ...seen, downloads };
}

for (const [name, csv, population, expected] of [
  // Hand-counted: 246 rows with an outcome date in Jul–Sep 2024, one rejected; the latest
  // outcome date, 30 Sep 2024, is the extract date. With the sample's population: RRIs too.
  ['an extract of one quarter (Jul–Sep 2024)', ONE_QUARTER, true, { read: 246, used: 245, date: '2024-09-30', rates: true }],
  // YJ000001: 8 offences, the latest outcome on 25 Feb 2025; no population, so no RRI.
  ['an extract of a single child', ONE_CHILD, false, { read: 8, used: 8, date: '2025-02-25', rates: false }],
]) {
  test(`${name}: every view and every export works, with no raw error`, async () => {
    const { page, context, log } = await host();
    assert.deepEqual(await loadText(page, csv, 'awkward.csv', { population }), expected);
    const seen = await everyViewAndExport(page);
    assert.equal(seen.tabs, 6);
    assert.deepEqual(seen.raw, [], 'no raw JavaScript error or undefined value on any view');
    assert.equal(seen.error, '');
    assert.deepEqual(seen.yjErrors, []);
    assert.deepEqual(seen.hostErrors, [], 'nothing reached the host page’s error handler');
    assert.deepEqual(log.errors, []);
    // Every click downloaded a file; the board pack among them.
    assert.equal(seen.downloads.length, seen.clicks, seen.downloads.join(" "));
    assert.ok(seen.downloads.some((f) => /^yjlens-board-pack-2\d{3}-\d\d-\d\d\.html$/.test(f)), seen.downloads.join(', '));
    assert.ok(seen.downloads.some((f) => /^yjlens-figures-.*\.csv$/.test(f)));
    assert.ok(seen.downloads.filter((f) => /\.png$/.test(f)).length > 0);
    assert.deepEqual(await cspViolations(page), []);
    await context.close();
  });
}

test('the host page’s error handler hears nothing from the charts, every tab opened at 1280 and 390 px', async () => {
  for (const width of [1280, 390]) {
    const { page, context, log } = await host({ width, height: 900 });
    // The sample, whose views hold some 30 charts between them.
    await loadText(page, [HEAD, ...ROWS].join('\n'), 'sample.csv');
    const out = await page.evaluate(async () => {
      const root = document.querySelector('yj-lens').shadowRoot;
      let drawn = 0;
      for (const tab of [...root.querySelectorAll('[role="tab"]')].map((t) => t.id)) {
        root.getElementById(tab).click();
        // Two frames and a pause: the charts are drawn, then resized by their own height.
        await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
        await new Promise((ok) => setTimeout(ok, 300));
        drawn += [...root.querySelectorAll('canvas.chart-canvas')].filter((c) => c.width > 0 && c.style.width).length;
      }
      return { drawn, hostErrors: window.hostErrors };
    });
    assert.ok(out.drawn >= 10, `${out.drawn} charts drawn at ${width} px`);
    assert.deepEqual(out.hostErrors, [], `at ${width} px`);
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});

test('the published figures of one quarter: every public view opens with no raw error', async () => {
  const { page, context, log } = await host();
  await loadText(page, ONE_QUARTER, 'quarter.csv', { population: true });
  // The aggregate file the analyst would publish (disclosure control on), served as the src.
  const aggregate = await page.evaluate(async () => (await document.querySelector('yj-lens').exportAggregate({ suppress: true })).text());
  await page.route('**/quarter-aggregate.csv', (route) => route.fulfill({ status: 200, contentType: 'text/csv', body: aggregate }));
  const out = await page.evaluate(async (rawSource) => {
    const el = document.createElement('yj-lens');
    el.setAttribute('mode', 'public');
    el.setAttribute('src', 'quarter-aggregate.csv');
    document.getElementById('host').replaceChildren(el);
    for (let i = 0; i < 400 && !el.report?.public; i++) await new Promise((ok) => setTimeout(ok, 50));
    const root = el.shadowRoot;
    const raw = [];
    const tabs = [...root.querySelectorAll('[role="tab"]')].map((t) => t.id);
    for (const id of tabs) {
      root.getElementById(id).click();
      await new Promise((ok) => setTimeout(ok, 100));
      const text = root.querySelector('.yj').innerText;
      const m = new RegExp(rawSource).exec(text);
      if (m) raw.push(`${id}: …${text.slice(Math.max(0, m.index - 80), m.index + 80)}…`);
    }
    return { public: el.report?.public === true, tabs: tabs.length, raw, error: root.querySelector('.error').hidden ? '' : root.querySelector('.error').textContent, hostErrors: window.hostErrors };
  }, RAW.source);
  assert.deepEqual(out, { public: true, tabs: 6, raw: [], error: '', hostErrors: [] });
  assert.deepEqual(log.errors, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('20,000 distinct unknown codes: Data quality shows the 50 most frequent per column, says how many more, and downloads them all', async () => {
  // 500 sample rows, then rows copied from the first with another child id and:
  //   outcome "Code-00001" … "Code-20000" (one row each) and "Common code" (25 rows):
  //     20,001 unknown outcome codes in 20,025 rows;
  //   ethnicity "Eth-001" … "Eth-120" (two rows each, outcome Referral Order):
  //     120 unknown ethnicity codes in 240 rows.
  // Shown: outcome — "Common code", then 49 one-row codes, "and 19,951 more codes in 19,951
  // rows" (20,001 − 50 codes; 20,025 − 25 − 49 rows); ethnicity — 50 codes, "and 70 more codes
  // in 140 rows".
  const base = ROWS[0].split(',');
  const make = (id, outcome, ethnicity) => {
    const c = [...base];
    c[col('child_id')] = id;
    c[col('outcome')] = outcome;
    if (ethnicity) c[col('ethnicity')] = ethnicity;
    return c.join(',');
  };
  const lines = [HEAD, ...ROWS.slice(0, 500)];
  for (let i = 1; i <= 20_000; i++) lines.push(make(`U${String(i).padStart(5, '0')}`, `Code-${String(i).padStart(5, '0')}`));
  for (let i = 1; i <= 25; i++) lines.push(make(`C${i}`, 'Common code'));
  for (let j = 1; j <= 120; j++) for (const k of [1, 2]) lines.push(make(`E${j}-${k}`, 'Referral Order', `Eth-${String(j).padStart(3, '0')}`));

  const { page, context, log } = await host();
  const loaded = await loadText(page, lines.join('\n'), 'codes.csv');
  assert.equal(loaded.read, 500 + 20_000 + 25 + 240);
  const out = await page.evaluate(async () => {
    const root = document.querySelector('yj-lens').shadowRoot;
    const t0 = performance.now();
    root.getElementById('tab-quality').click();
    const ms = performance.now() - t0;
    const table = [...root.querySelectorAll('.mapping table')][0];
    const perField = {};
    for (const tr of table.querySelectorAll('tbody tr')) {
      const field = tr.querySelector('th').textContent;
      perField[field] ??= { codes: 0, more: '' };
      if (tr.querySelector('select') || /cannot be mapped/.test(tr.textContent)) perField[field].codes++;
      else perField[field].more = tr.querySelector('td').textContent;
    }
    const firstOutcome = [...table.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th').textContent === 'Outcome')?.querySelector('td').textContent;
    const button = [...root.querySelectorAll('.panels button')].find((b) => /every unknown code/i.test(b.textContent));
    return { ms, nodes: root.querySelectorAll('*').length, perField, firstOutcome, button: button?.textContent ?? null };
  });
  assert.equal(out.perField.Outcome.codes, 50);
  assert.equal(out.perField.Outcome.more, 'and 19,951 more codes in 19,951 rows (all of them are in the download)');
  assert.equal(out.perField.Ethnicity.codes, 50);
  assert.equal(out.perField.Ethnicity.more, 'and 70 more codes in 140 rows (all of them are in the download)');
  assert.equal(out.firstOutcome, 'Common code', 'the most frequent code first');
  assert.ok(out.nodes < 20_000, `${out.nodes} elements in the widget`);
  assert.ok(out.button, 'a download of every unknown code');
  // The download holds all 20,121 codes: a title line, a blank line, the head, then one line each.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.evaluate(() => [...document.querySelector('yj-lens').shadowRoot.querySelectorAll('.panels button')].find((b) => /every unknown code/i.test(b.textContent)).click()),
  ]);
  assert.equal(download.suggestedFilename(), 'yjlens-unknown-codes.csv');
  const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const csvLines = text.trimEnd().split('\r\n');
  // 20,001 + 120 codes; 20,025 + 240 rows (the title is quoted: it has commas).
  assert.equal(csvLines[0], '"Unknown codes: 20,121 codes in 20,265 rows (kept, but in no measure until mapped)"');
  assert.equal(csvLines[2], 'Column,Value in the file,Rows');
  assert.equal(csvLines.length - 3, 20_001 + 120);
  assert.ok(csvLines.includes('Outcome,Common code,25'));
  assert.ok(csvLines.includes('Outcome,Code-20000,1'));
  assert.ok(csvLines.includes('Ethnicity,Eth-120,2'));
  assert.deepEqual(log.errors, []);
  await context.close();
});
