// A saved mapping profile, loaded in the Data quality view, maps the file's unknown codes and
// re-reads the file: the codes leave the unknown list and their rows enter the measures —
// the same result the CLI gives with `--mapping` on the same file and profile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, openPage, cspViolations, ROOT, WWW } from './browser.mjs';

const CLI = join(ROOT, 'target/release/yjlens');
const SAMPLE = join(WWW, 'sample-extract.csv');
let env;
let dir;
let profilePath;

// The sample carries two unknown outcome labels (src/sample: UNKNOWN_OUTCOME_LABELS).
const PROFILE = {
  columns: {},
  outcomes: { 'Youth Diversion Programme': 'Community Resolution', 'Outcome 21': 'Outcome 22' },
  ethnicities: {},
  sexes: {},
  month_first: [],
};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yjlens-profile-'));
  profilePath = join(dir, 'profile.json');
  writeFileSync(profilePath, JSON.stringify(PROFILE));
  env = await start();
});
after(async () => {
  await env.close();
  rmSync(dir, { recursive: true, force: true });
});

function cliQuality(extra = []) {
  const report = JSON.parse(execFileSync(CLI, ['report', SAMPLE, '--json', ...extra], { maxBuffer: 1 << 30 }));
  return report.quality;
}

test('loading a mapping profile maps the unknown codes and re-reads the file', async () => {
  const before = cliQuality();
  const mapped = cliQuality(['--mapping', profilePath]);
  const unknownOutcomes = (q) => q.unknown_codes.filter((c) => c.field === 'outcome');
  // Without the profile: 2 unknown labels on 3 rows (2 + 1); with it: none.
  assert.deepEqual(unknownOutcomes(before).map((c) => c.rows).sort(), [1, 2]);
  assert.deepEqual(unknownOutcomes(mapped), []);

  const { page, context, log } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  const shown = () => page.evaluate(() => document.querySelector('yj-lens').report.quality.unknown_codes.filter((c) => c.field === 'outcome'));
  assert.equal((await shown()).length, 2);
  await page.locator('yj-lens [role="tab"]', { hasText: 'Data quality' }).click();
  const loadedAt = Date.now();
  const chooser = page.waitForEvent('filechooser');
  await page.locator('yj-lens button', { hasText: 'Load a mapping profile' }).click();
  const reloaded = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-loaded', () => ok(), { once: true })));
  await (await chooser).setFiles(profilePath);
  await reloaded;
  // The widget's report now agrees with the CLI's on the same file and profile.
  assert.deepEqual(await shown(), []);
  const q = await page.evaluate(() => document.querySelector('yj-lens').report.quality);
  assert.equal(q.rows_used, mapped.rows_used);
  assert.deepEqual(q.warnings, mapped.warnings);
  // Saving (from the Export panel) gives back the profile in use: labels only.
  await page.locator('yj-lens details.exports summary').click();
  const download = page.waitForEvent('download');
  await page.locator('yj-lens details.exports button', { hasText: 'Save mapping profile' }).click();
  const saved = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  assert.deepEqual(saved.outcomes, PROFILE.outcomes);
  assert.deepEqual(log.requests.filter((r) => r.at > loadedAt).map((r) => r.url), []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});
