// The vertical slice, end to end in Chromium under the demo's CSP: the sample loads through
// the element's API and through the file input; the table equals the native CLI's figures;
// the chart is drawn; no CSP violation; no request after the page's own files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { start, openPage, cspViolations, inkedPixels, ROOT, WWW } from './browser.mjs';

const CLI = join(ROOT, 'target/release/yjlens');
const SAMPLE = join(WWW, 'sample-extract.csv');
let env;

before(async () => {
  env = await start();
});
after(async () => env.close());

/** The native CLI's quarterly binary reoffending figures for a file, keyed by cohort label. */
function nativeQuarterlyRates(file) {
  const report = JSON.parse(execFileSync(CLI, ['report', file, '--json'], { maxBuffer: 1 << 30 }));
  const rows = report.figures.filter(
    (f) => f.measure === 'reoffending_binary_rate' && f.period_type === 'quarter' && f.breakdown === 'all',
  );
  return new Map(rows.map((f) => [f.period_label, f]));
}

/** The widget's reoffending table, as displayed: { label → [cells] }. */
async function shownReoffendingTable(page) {
  const tab = page.locator('yj-lens [role="tab"]', { hasText: 'Reoffending' }).first();
  await tab.click();
  // The headline period is rolling 12 months; the quarterly cohorts are one choice away.
  await page.locator('yj-lens select', { has: page.locator('option[value="quarter"]') }).first().selectOption('quarter');
  const table = page.locator('yj-lens [role="tabpanel"] table').first();
  return table.evaluate((t) =>
    Object.fromEntries([...t.tBodies[0].rows].map((r) => [r.cells[0].textContent, [...r.cells].map((c) => c.textContent)])),
  );
}

function assertTableMatchesNative(shown, native) {
  assert.ok(native.size >= 8, `the sample should give several quarterly cohorts, got ${native.size}`);
  assert.equal(Object.keys(shown).length, native.size);
  for (const [label, f] of native) {
    const row = shown[label];
    assert.ok(row, `cohort ${label} missing from the table`);
    // Cohort and reoffenders are exact counts; the rate is shown to 1 dp, half away from 0.
    assert.equal(row[1], f.denominator.toLocaleString('en-GB'), `${label} cohort`);
    assert.equal(row[2], f.numerator.toLocaleString('en-GB'), `${label} reoffenders`);
    const expected = (Math.round(Number((f.value * 10).toPrecision(12))) / 10).toFixed(1);
    assert.equal(row[3], expected, `${label} rate`);
  }
}

test('the demo opens with the synthetic sample, chart and table drawn, under the CSP', async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  const loadedAt = Date.now();
  const shown = await shownReoffendingTable(page);
  assertTableMatchesNative(shown, nativeQuarterlyRates(SAMPLE));
  const canvas = page.locator('yj-lens canvas[role="img"]').first();
  await page.waitForTimeout(300);
  assert.ok((await inkedPixels(page, canvas)) > 5_000, 'the chart canvas is drawn');
  const label = await canvas.getAttribute('aria-label');
  assert.match(label, /Binary reoffending rate by quarterly cohort/);
  assert.match(label, /latest final cohort .*\d+\.\d% \(\d+ of \d+\)/);

  // Load the same file again through the element's API: no request is made for it.
  await page.evaluate(async () => {
    const el = document.querySelector('yj-lens');
    const bytes = new TextEncoder().encode('child_id,offence_date,outcome_date,outcome\nX1,2023-01-01,2023-02-01,Youth Caution\n');
    await el.loadExtract(bytes.buffer);
  });
  const after = log.requests.filter((r) => r.at > loadedAt);
  assert.deepEqual(after.map((r) => r.url), [], 'no network request after the page loaded');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a file chosen with the file input is analysed like the CLI does', async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  const loadedAt = Date.now();
  const progress = page.evaluate(
    () => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-progress', (e) => ok(e.detail), { once: true })),
  );
  await page.locator('yj-lens input[type="file"]').setInputFiles(SAMPLE);
  const p = await progress;
  assert.ok(p.total > 100_000, 'progress reports the file size');
  await page.waitForFunction(() => /Analysed/.test(document.querySelector('yj-lens').shadowRoot.querySelector('.status').textContent));
  assertTableMatchesNative(await shownReoffendingTable(page), nativeQuarterlyRates(SAMPLE));
  assert.deepEqual(log.requests.filter((r) => r.at > loadedAt).map((r) => r.url), []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});
