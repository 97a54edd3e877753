// A large extract (≥ 100 MB) loads in the worker in chunks, with progress, while the page
// stays responsive: the main thread keeps running its own timers and input handlers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, openPage, cspViolations, ROOT } from './browser.mjs';

const CLI = join(ROOT, 'target/release/yjlens');
let env;
let dir;
let file;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yjlens-large-'));
  file = join(dir, 'large-extract.csv');
  // ~156 bytes a row (census ethnicity labels are long): 700,000 rows ≈ 109 MB.
  execFileSync('sh', ['-c', `"${CLI}" sample --rows 700000 --seed 3 > "${file}"`]);
  env = await start();
});
after(async () => {
  await env.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a 100 MB+ extract loads with progress and the page stays responsive', { timeout: 240_000 }, async () => {
  const size = statSync(file).size;
  assert.ok(size >= 100 * 1024 * 1024, `fixture is ${size} bytes`);
  const { page, context, log } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  // Record progress events, and run a 10 ms ticker and a synthetic input handler on the
  // main thread while the file is read.
  await page.evaluate(() => {
    const el = document.querySelector('yj-lens');
    window.__progress = [];
    window.__ticks = 0;
    window.__longestGap = 0;
    window.__clicks = 0;
    let last = performance.now();
    window.__ticker = setInterval(() => {
      const now = performance.now();
      window.__longestGap = Math.max(window.__longestGap, now - last);
      last = now;
      window.__ticks++;
    }, 10);
    el.addEventListener('yj-progress', (e) => window.__progress.push(e.detail));
    window.__loaded = new Promise((ok) => el.addEventListener('yj-loaded', () => ok(performance.now()), { once: true }));
    document.body.addEventListener('click', () => window.__clicks++);
  });
  const started = Date.now();
  await page.locator('yj-lens input[type="file"]').setInputFiles(file);
  // While reading: the page answers clicks.
  await page.waitForFunction(() => window.__progress.length >= 2, null, { timeout: 120_000 });
  await page.mouse.click(5, 5);
  await page.evaluate(() => window.__loaded);
  const seconds = (Date.now() - started) / 1000;
  const { progress, ticks, clicks, longestGap } = await page.evaluate(() => {
    clearInterval(window.__ticker);
    return { progress: window.__progress, ticks: window.__ticks, clicks: window.__clicks, longestGap: window.__longestGap };
  });
  const partial = progress.filter((p) => p.loaded > 0 && p.loaded < size);
  console.log(`large file: ${(size / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s; ${progress.length} progress events (${partial.length} before the end); longest main-thread timer gap ${longestGap.toFixed(0)} ms`);
  // Progress: the bar moves while the file is read — several events short of the end,
  // increasing, then one at the file's size. The worker posts at most one every 50 ms, so a fast
  // load gives few: 9–14 in 1.1–2.0 s here (it was asserted ≥ 10, and failed at 9 on a 1.1 s
  // load). At least 5 short of the end: one every ~200 ms of a 1 s read.
  assert.ok(partial.length >= 5, `${partial.length} progress events before the end (${progress.length} in all)`);
  for (let i = 1; i < progress.length; i++) assert.ok(progress[i].loaded >= progress[i - 1].loaded);
  assert.equal(progress.at(-1).loaded, size);
  assert.equal(progress.at(-1).total, size);
  // Responsive: the click during the read was handled, and the 10 ms ticker kept running
  // (a blocked main thread would have run it a handful of times at most).
  assert.equal(clicks, 1);
  assert.ok(ticks > 50, `${ticks} ticks`);
  const rows = await page.evaluate(() => document.querySelector('yj-lens').report.quality.rows_read);
  assert.equal(rows, 700_000);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});
