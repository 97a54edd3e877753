// Benchmark (not a test; timings are reported, never asserted):
//  1. drop → all charts of the shown view drawn, for a 50,000-row extract, RUNS times (default 5;
//     median printed), with the main-thread tasks over 50 ms of each drop (each view timed too);
//  2. the longest main-thread task while a 1,000,000-row extract is ingested (longtask observer).
// node bench/widget.mjs   (needs target/release/yjlens and the built package)
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { start, openPage, ROOT, WWW } from '../tests/e2e/browser.mjs';

const CLI = join(ROOT, 'target/release/yjlens');
const dir = join(WWW, 'bench-tmp');
mkdirSync(dir, { recursive: true });
const files = {};
for (const rows of [50_000, 1_000_000]) {
  const path = join(dir, `extract-${rows}.csv`);
  writeFileSync(path, execFileSync(CLI, ['sample', '--rows', String(rows), '--seed', '11'], { maxBuffer: 1 << 30 }));
  files[rows] = path;
}
const env = await start();
try {
  const { page, context } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  await page.locator('yj-lens [role="tab"]', { hasText: 'Reoffending' }).click();
  await page.waitForTimeout(300);
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: false });
  });
  const times = [];
  const RUNS = Number(process.env.RUNS ?? 5);
  for (let run = 1; run <= RUNS; run++) {
    await page.evaluate(() => { window.__long.length = 0; });
    const done = page.evaluate(() => new Promise((ok) => {
      const el = document.querySelector('yj-lens');
      let t0 = 0;
      el.addEventListener('yj-progress', () => { t0 ||= performance.now(); }, { once: true });
      const onDrawn = (e) => { if (e.detail.since_load_ms !== null) { el.removeEventListener('yj-drawn', onDrawn); ok(e.detail); } };
      el.addEventListener('yj-drawn', onDrawn);
    }));
    await page.locator('yj-lens input[type="file"]').setInputFiles(files[50_000]);
    const d = await done;
    await page.waitForTimeout(300);
    const long = await page.evaluate(() => window.__long);
    times.push(d.since_load_ms);
    console.log(`50k rows run ${run}: drop → ${d.charts} charts of "${d.view}" drawn in ${d.since_load_ms.toFixed(0)} ms (render ${d.render_ms.toFixed(0)} ms); main-thread tasks over 50 ms: ${long.length ? long.map((x) => x.toFixed(0)).join(', ') : 'none'} (load ${loadavg()[0].toFixed(2)})`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`50k rows: median ${sorted[sorted.length >> 1].toFixed(0)} ms of ${RUNS} (${times.map((x) => x.toFixed(0)).join(', ')})`);
  for (const name of ['Overview', 'Custody & remand', 'Ethnicity', 'Throughput', 'Data quality']) {
    const done = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-drawn', (e) => ok(e.detail), { once: true })));
    await page.locator('yj-lens [role="tab"]', { hasText: name }).click();
    const d = await done;
    console.log(`  switch to ${name}: ${d.charts} charts rendered and drawn in ${d.render_ms.toFixed(0)} ms`);
  }
  await page.evaluate(() => { window.__long.length = 0; });
  const t = Date.now();
  const loaded = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-loaded', (e) => ok(e.detail.timing), { once: true })));
  await page.locator('yj-lens input[type="file"]').setInputFiles(files[1_000_000]);
  const timing = await loaded;
  const wall = Date.now() - t;
  await page.waitForTimeout(1500);
  const long = await page.evaluate(() => window.__long);
  console.log(`1M rows (${(statSync(files[1_000_000]).size / 1e6).toFixed(0)} MB): loaded in ${wall} ms wall (worker read ${timing?.read_ms?.toFixed(0)} ms, analyse ${timing?.analyse_ms?.toFixed(0)} ms)`);
  console.log(`  long main-thread tasks during ingest + render: ${long.length}, longest ${long.length ? Math.max(...long).toFixed(0) : 0} ms; all: ${long.map((x) => x.toFixed(0)).join(', ')}`);
  await context.close();
} finally {
  await env.close();
}
