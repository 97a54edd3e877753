// Benchmark (not a test; timings are reported, never asserted) of spreadsheets in (issue 13):
//  1. the spreadsheet module's size (gzip) beside the main module's;
//  2. reading a 100,000-row .xlsx natively (`yjlens quality`) against the same rows as CSV;
//  3. in headless Chromium: the .xlsx turned into CSV by the spreadsheet module (called from
//     the page), and dropped on the widget (the worker's read: conversion + parsing) against
//     the CSV, best of 3 each.
// node bench/spreadsheet.mjs [ROWS]   (needs target/release/yjlens and the built package)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { start, openPage, ROOT, WWW } from '../tests/e2e/browser.mjs';
import { records, xlsxOf } from '../tests/e2e/workbook.mjs';

const ROWS = Number(process.argv[2] ?? 100_000);
const CLI = process.env.YJLENS_CLI ?? join(ROOT, 'target/release/yjlens');
const PKG = join(WWW, 'yjlens');
const dir = join(WWW, 'bench-tmp');
mkdirSync(dir, { recursive: true });
const csv = join(dir, `extract-${ROWS}.csv`);
const xlsx = join(dir, `extract-${ROWS}.xlsx`);
writeFileSync(csv, execFileSync(CLI, ['sample', '--rows', String(ROWS), '--seed', '1'], { maxBuffer: 1 << 30 }));
writeFileSync(xlsx, xlsxOf(records(readFileSync(csv, 'utf8'))));
const mb = (p) => (statSync(p).size / 1e6).toFixed(1);
const gz = (f) => gzipSync(readFileSync(join(PKG, f)), { level: 9 }).length;
console.log(`package: yjlens_bg.wasm ${gz('yjlens_bg.wasm')} B gzip; spreadsheet module: yjlens_sheets_bg.wasm ${gz('yjlens_sheets_bg.wasm')} B + yjlens_sheets.js ${gz('yjlens_sheets.js')} B + sheets.js ${gz('sheets.js')} B gzip`);
console.log(`${ROWS.toLocaleString('en-GB')} rows: CSV ${mb(csv)} MB, .xlsx ${mb(xlsx)} MB`);

const best = (runs) => Math.min(...runs).toFixed(0);
const native = (file) => {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const t = process.hrtime.bigint();
    execFileSync(CLI, ['quality', file], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
    runs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return best(runs);
};
console.log(`native (yjlens quality, best of 3): CSV ${native(csv)} ms, .xlsx ${native(xlsx)} ms`);

const env = await start();
try {
  const { page, context } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  const url = `/${dir.slice(WWW.length + 1)}`;
  const convert = await page.evaluate(async ([u, name]) => {
    const bytes = new Uint8Array(await (await fetch(u)).arrayBuffer());
    const { toCsv } = await import('/yjlens/sheets.js');
    const runs = [];
    let size = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const { csv } = await toCsv(bytes, { name });
      runs.push(performance.now() - t);
      size = csv.length;
    }
    return { runs, size };
  }, [`${url}/extract-${ROWS}.xlsx`, 'extract.xlsx']);
  console.log(`browser: .xlsx → CSV in the spreadsheet module ${best(convert.runs)} ms (best of 3; ${(convert.size / 1e6).toFixed(1)} MB of CSV)`);
  const drop = async (file) => {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const loaded = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-loaded', (e) => ok(e.detail.timing), { once: true })));
      await page.locator('yj-lens input[type="file"]').first().setInputFiles(file);
      runs.push((await loaded).read_ms);
    }
    return best(runs);
  };
  console.log(`browser: dropped on the widget, the worker's read (best of 3): CSV ${await drop(csv)} ms, .xlsx ${await drop(xlsx)} ms (conversion + the same CSV parsing)`);
  await context.close();
} finally {
  await env.close();
}
