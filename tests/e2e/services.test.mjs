// A multi-service extract (a regional or PCC dashboard): the Service control appears, and
// choosing a service shows that service's figures — equal to the native CLI's `service`
// breakdown of the same file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, openPage, cspViolations, ROOT, WWW } from './browser.mjs';

const CLI = join(ROOT, 'target/release/yjlens');
let env;
let dir;
let file;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yjlens-services-'));
  file = join(dir, 'two-services.csv');
  // The sample's children split between two services by the parity of their id number.
  const [header, ...rows] = readFileSync(join(WWW, 'sample-extract.csv'), 'utf8').trimEnd().split('\n');
  const split = rows.map((r) => {
    const n = Number(r.slice(2, 8));
    return r.replace(/,Synthetic YJS$/, n % 2 ? ',North YJS' : ',South YJS');
  });
  writeFileSync(file, [header, ...split].join('\n') + '\n');
  env = await start();
});
after(async () => {
  await env.close();
  rmSync(dir, { recursive: true, force: true });
});

test('choosing a service shows that service’s reoffending cohorts, as the CLI computes them', async () => {
  const report = JSON.parse(execFileSync(CLI, ['report', file, '--json'], { maxBuffer: 1 << 30 }));
  const native = new Map(
    report.figures
      .filter((f) => f.measure === 'reoffending_binary_rate' && f.period_type === 'quarter' && f.breakdown === 'service' && f.group === 'North YJS')
      .map((f) => [f.period_label, f]),
  );
  assert.ok(native.size >= 8, `${native.size} quarterly cohorts for North YJS`);
  const { page, context } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  await page.locator('yj-lens input[type="file"]').setInputFiles(file);
  await page.waitForFunction(() => /Analysed two-services/.test(document.querySelector('yj-lens').shadowRoot.querySelector('.status').textContent));
  await page.locator('yj-lens [role="tab"]', { hasText: 'Reoffending' }).first().click();
  await page.locator('yj-lens select', { has: page.locator('option[value="quarter"]') }).first().selectOption('quarter');
  const service = page.locator('yj-lens select', { has: page.locator('option[value="North YJS"]') });
  assert.equal(await service.count(), 1, 'a Service control for a multi-service extract');
  await service.selectOption('North YJS');
  assert.match(await page.locator('yj-lens [role="tabpanel"] h2').first().textContent(), /service: North YJS/);
  const shown = await page.locator('yj-lens [role="tabpanel"] table').first().evaluate((t) =>
    Object.fromEntries([...t.tBodies[0].rows].map((r) => [r.cells[0].textContent, [...r.cells].map((c) => c.textContent)])),
  );
  assert.equal(Object.keys(shown).length, native.size);
  for (const [label, f] of native) {
    // Cohort and reoffenders are exact counts of North YJS's children.
    assert.equal(shown[label]?.[1], f.denominator.toLocaleString('en-GB'), `${label} cohort`);
    assert.equal(shown[label]?.[2], f.numerator.toLocaleString('en-GB'), `${label} reoffenders`);
  }
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});
