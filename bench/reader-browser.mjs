// Reader throughput in headless Chromium: the demo page's <yj-lens> loads one CSV extract
// (a Blob fetched from the page's own origin) in its Web Worker, and the worker reports
// where the time went: read_ms (streamed read + parse, 4 MB chunks) and analyse_ms (every
// measure), plus the wasm linear memory after the load (its peak: it never shrinks).
//
//   node bench/reader-browser.mjs FILE.csv [RUNS] [WWW_ROOT]
//
// FILE is copied to WWW_ROOT/bench-reader.csv (gitignored) and served from there; WWW_ROOT
// defaults to this checkout's www/ (run `make wasm` first). Each run uses a fresh page (a
// fresh worker and wasm instance). Prints one JSON line per run and the best run.
import { copyFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { start, openPage, WWW } from '../tests/e2e/browser.mjs';

const [file, runsArg, rootArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/reader-browser.mjs FILE.csv [RUNS] [WWW_ROOT]');
  process.exit(2);
}
const runs = Number(runsArg ?? 3);
const root = resolve(rootArg ?? WWW);
const served = join(root, 'bench-reader.csv');
copyFileSync(file, served);
const size = statSync(served).size;
const env = await start({ root });
const results = [];
try {
  for (let i = 0; i < runs; i++) {
    const { page, context, log } = await openPage(env.browser, `${env.base}/`);
    await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 120_000 });
    const t = await page.evaluate(async () => {
      const blob = await (await fetch('bench-reader.csv')).blob();
      const el = document.querySelector('yj-lens');
      const loaded = new Promise((ok) => el.addEventListener('yj-loaded', (e) => ok(e.detail), { once: true }));
      const t0 = performance.now();
      await el.loadExtract(blob);
      const detail = await loaded;
      return { ...detail.timing, total_ms: performance.now() - t0, rows_read: el.report.quality.rows_read };
    });
    if (log.errors.length) throw new Error(log.errors.join('\n'));
    const r = {
      run: i + 1,
      bytes: t.bytes,
      rows_read: t.rows_read,
      read_ms: Math.round(t.read_ms),
      analyse_ms: Math.round(t.analyse_ms),
      total_ms: Math.round(t.total_ms),
      read_MB_s: +(t.bytes / 1e6 / (t.read_ms / 1000)).toFixed(1),
      wasm_memory_MB: t.wasm_memory_bytes === undefined ? null : +(t.wasm_memory_bytes / 1048576).toFixed(0),
    };
    console.log(JSON.stringify(r));
    results.push(r);
    await context.close();
  }
} finally {
  await env.close();
  rmSync(served, { force: true });
}
const best = results.reduce((a, b) => (b.read_ms < a.read_ms ? b : a));
console.log(`best of ${runs}: ${(size / 1e6).toFixed(1)} MB, read+parse ${best.read_ms} ms = ${best.read_MB_s} MB/s, analyse ${best.analyse_ms} ms, wasm memory ${best.wasm_memory_MB} MB`);
