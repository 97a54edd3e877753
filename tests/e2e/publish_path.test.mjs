// Issue 15: disclosure control lives in the publish module (`yjlens_publish_bg.wasm`), which
// the CSV module does without. A page of public widgets runs it alone — on its own thread for
// the catalogue and the charts, in its worker for the aggregate file — and never fetches the
// CSV module; an analyst's page fetches it only for a disclosure-controlled export, which is
// byte for byte the file the command line writes (but the time it was written).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { start, openPage, cspViolations, WWW } from './browser.mjs';

const CLI = join(WWW, '..', 'target/release/yjlens');
let env;

before(async () => {
  env = await start();
});
after(async () => {
  await env.close();
});

/** How many times each package file was requested so far. */
const fetched = (log) => {
  const n = {};
  for (const r of log.requests) {
    const path = new URL(r.url).pathname;
    if (path.startsWith('/yjlens/')) n[path.slice('/yjlens/'.length)] = (n[path.slice('/yjlens/'.length)] ?? 0) + 1;
  }
  return n;
};

test('a page of public widgets runs the publish module alone: no CSV module, its charts drawn', { timeout: 90_000 }, async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/public.html`);
  const drawn = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-drawn', (e) => ok(e.detail), { once: true })));
  assert.ok((await drawn).charts > 0, 'the overview drew its charts');
  const n = fetched(log);
  assert.ok(n['yjlens_publish_bg.wasm'] >= 1, 'the publish module (by the page and by its worker)');
  assert.equal(n['yjlens_bg.wasm'], undefined, 'the CSV module is never fetched');
  assert.equal(n['yjlens_full_bg.wasm'], undefined);
  // The figures are the aggregate file's, disclosure-controlled: a [c] where a count was 1–4.
  const figures = await page.evaluate(() => document.querySelector('yj-lens').report.figures.length);
  assert.ok(figures > 1000, `${figures} figures`);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a public dashboard built from script, the element before the module, fetches no CSV module either', { timeout: 90_000 }, async () => {
  // www/test-pages/public-script.js: createElement, append, then import('yj-lens.js') (README,
  // "What your web team needs").
  const { page, context, log } = await openPage(env.browser, `${env.base}/test-pages/public-script.html`);
  await page.waitForFunction(() => document.querySelector('yj-lens')?.report?.public === true, null, { timeout: 60_000 });
  await page.waitForFunction(() => [...document.querySelector('yj-lens').shadowRoot.querySelectorAll('canvas')].length > 0, null, { timeout: 30_000 });
  const n = fetched(log);
  assert.ok(n['yjlens_publish_bg.wasm'] >= 1, 'the publish module');
  assert.equal(n['yjlens_bg.wasm'], undefined, 'the CSV module is never fetched');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('an analyst’s controlled export fetches the publish module, and is the file the command line writes', { timeout: 120_000 }, async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/test-pages/analyst.html`);
  await page.waitForFunction(() => customElements.get('yj-lens') !== undefined);
  const loaded = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-loaded', () => ok(), { once: true })));
  await page.locator('yj-lens input[type="file"]').first().setInputFiles(join(WWW, 'sample-extract.csv'));
  await loaded;
  assert.equal(fetched(log)['yjlens_publish_bg.wasm'], undefined, 'not fetched to analyse a CSV');

  // Read as bytes: `Blob.text()` would drop the byte order mark.
  const exported = await page.evaluate(async () => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await (await document.querySelector('yj-lens').exportAggregate({ suppress: true, k: 5, round_to_5: true })).arrayBuffer()));
  assert.equal(fetched(log)['yjlens_publish_bg.wasm'], 1, 'fetched for the controlled export, once');
  // An unsuppressed export needs no disclosure control: written by the CSV module itself.
  const open = await page.evaluate(async () => (await document.querySelector('yj-lens').exportAggregate({ suppress: false })).text());
  assert.match(open.split('\n')[1], /,false,/);

  // The command line's file of the same extract and choices (k = 5, rounded to 5): the same
  // bytes but the `generated_at` column (each written at its own time).
  const cli = execFileSync(CLI, ['aggregate', '--round-to-5', join(WWW, 'sample-extract.csv')], { maxBuffer: 1 << 28 }).toString();
  const timeless = (csv) => csv.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, 'T');
  assert.ok(exported.startsWith('\ufeff'), 'the BOM first, for Excel');
  assert.ok(timeless(exported) === timeless(cli), 'the widget’s controlled export is the command line’s file');
  // It is controlled: some rows suppressed, and every published count a multiple of 5.
  assert.match(exported, /,true,/);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});
