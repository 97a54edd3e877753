// Issue 15's CSV path, in Chromium under the demo CSP: an analyst's page (the widget and
// nothing else, no sample) given a CSV extract fetches exactly the package files that
// `scripts/shipped.mjs` lists (the files `make wasm` reports as the CSV path's size), and none
// of the modules only KPI files, comparator files or spreadsheets need; an interventions file
// given afterwards brings the full module, and the case-level figures stay the same. Sizes are
// not asserted here: they are in BENCHMARKS.md.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, openPage, cspViolations, WWW } from './browser.mjs';
import { csvPath, gzipBytes } from '../../scripts/shipped.mjs';

const PKG = join(WWW, 'yjlens');
let env;

before(async () => {
  env = await start();
});
after(async () => {
  await env.close();
});

/** The package files requested so far, relative to the package, each once, sorted. */
const fetched = (log) => [...new Set(log.requests.map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/yjlens/')).map((p) => p.slice('/yjlens/'.length)))].sort();

test('a CSV on an analyst page fetches the CSV path alone; an interventions file then brings the full module, the case-level figures unchanged', { timeout: 120_000 }, async (t) => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/test-pages/analyst.html`);
  await page.waitForFunction(() => customElements.get('yj-lens') !== undefined);
  const drawn = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-drawn', (e) => ok(e.detail), { once: true })));
  await page.locator('yj-lens input[type="file"]').first().setInputFiles(join(WWW, 'sample-extract.csv'));
  const first = await drawn;
  assert.ok(first.charts > 0, 'the overview drew its charts');

  // Every tab an analyst is offered for a CSV alone, each drawn (no KPIs or Compare tab).
  const tabs = await page.locator('yj-lens [role="tab"]').allTextContents();
  assert.deepEqual(tabs, ['Overview', 'Reoffending', 'Custody & remand', 'Ethnicity', 'Throughput', 'Data quality']);
  for (const name of tabs.slice(1)) {
    const shown = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-drawn', (e) => ok(e.detail.view), { once: true })));
    await page.locator('yj-lens [role="tab"]', { hasText: name }).click();
    await shown;
  }

  const files = fetched(log);
  t.diagnostic(`fetched: ${files.map((f) => `${f} ${gzipBytes(join(PKG, f))} B gzip`).join(', ')}`);
  // What make wasm reports as the CSV path is what the browser fetched — but the parse
  // workers' module, which only a file of 8 MB or more starts (pool.js), and this one is 0.8 MB.
  assert.deepEqual(files, csvPath(PKG).filter((f) => f !== 'yj-parse-worker.js'));
  // Loaded only for KPI or comparator files (the full wasm module, the KPIs and Compare
  // views) or for a spreadsheet (its module and reader).
  const lazy = files.filter((f) => /yjlens_full|yjlens_sheets|^sheets\.js$|^views\/(kpis|compare)\.js$/.test(f));
  assert.deepEqual(lazy, []);

  // An interventions file then arrives: the worker fetches the full module once, gives it the
  // extract again, and every figure but the KPIs' is what the CSV module computed.
  const caseLevel = () => page.evaluate(() => JSON.stringify(document.querySelector('yj-lens').report.figures.filter((f) => !/^kpi/.test(f.measure))));
  const before = await caseLevel();
  const used = await page.evaluate(async () => {
    const csv = await (await fetch('/sample-interventions.csv')).blob();
    return (await document.querySelector('yj-lens').loadInterventions(csv)).rows_used;
  });
  assert.ok(used > 0, 'the interventions were read');
  await page.locator('yj-lens [role="tab"]', { hasText: 'KPIs' }).click();
  await page.waitForFunction(() => document.querySelector('yj-lens').shadowRoot.querySelector('#panel-kpis figure, #panel-kpis table') !== null, null, { timeout: 60_000 });
  assert.equal(await caseLevel(), before);
  const full = fetched(log).filter((f) => /yjlens_full|^views\/kpis\.js$/.test(f));
  assert.deepEqual(full, ['views/kpis.js', 'yjlens_full.js', 'yjlens_full_bg.wasm']);
  assert.equal(log.requests.filter((r) => r.url.endsWith('/yjlens_full_bg.wasm')).length, 1, 'the full module is fetched once');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});
