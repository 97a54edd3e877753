// Issue 10, ethnicity: the "most over-represented" headline names a group only when it has at
// least 10 children at the stage and an RRI interval wholly above 1, and otherwise says why; the
// change of a gap is in percentage points only; the stage table has one figure per column, with
// counts, cautions below 10 and "0" (never an index) for a zero count; the charts' accessible
// names carry the counts; one stage control; nothing cut off on a 390 px phone.
//
// Fixture: tests/fixtures/e2e/ethnicity-stages.csv (made by make_ethnicity.mjs), population
// White 10,000, Black, Asian, Mixed, Other 1,000 each (known-ethnicity total 14,000).
// Latest complete rolling 12 months: Jul 2023 – Jun 2024 (extract date 30 Jun 2024).
//
// By hand (rate = count ÷ population; RRI = rate ÷ White's rate;
// interval exp(ln RRI ± 1.96·√(1/a − 1/n₁ + 1/c − 1/n₂))):
// - Custody: White 20, Black 12, Asian 2, Mixed 0, Other 3 (known 37).
//   Black share 12/37 = 32.43% → "32.4% (12 of 37)"; population share 1,000/14,000 = 7.14%;
//   gap 32.43 − 7.14 = +25.3 points. RRI (12/1,000)/(20/10,000) = 6.00;
//   √(1/12 − 1/1,000 + 1/20 − 1/10,000) = √0.13223 = 0.3636; exp(1.7918 ± 0.7127) = 2.94–12.24:
//   over, and 12 ≥ 10 → Black is named. A year earlier (Jul 2022 – Jun 2023): White 20, Black 5,
//   share 5/25 = 20.0%, gap +12.86; change 25.29 − 12.86 = +12.4 percentage points (the old
//   code also printed a relative % of a gap, +96.7%). Mixed 0 → "0", never an RRI of 0.00.
//   Asian 2 → "fewer than 10: treat with caution".
// - Out of court: White 10, Mixed 8 (known 18). Mixed RRI (8/1,000)/(10/10,000) = 8.00;
//   √(1/8 − 1/1,000 + 1/10 − 1/10,000) = 0.4732; lower bound exp(2.0794 − 0.9274) = 3.16 > 1:
//   significant, but 8 < 10 → not named ("groups below 10 children are not named"); the old
//   code named Mixed (largest gap, 8/18 = 44.4% vs 7.1%).
// - Throughput (any occasion): White 430, Black 22, Asian 12, Mixed 18, Other 13, Unknown 5.
//   Every RRI is below 1 (Black 22/43 = 0.51) → "no group significantly over-represented"; the
//   old code named White (the reference group: 430/495 = 86.9% vs 71.4%).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, openPage, cspViolations, ROOT } from './browser.mjs';

const CLI = join(ROOT, 'target/release/yjlens');
const FIXTURES = join(ROOT, 'tests/fixtures/e2e');
const EXTRACT = join(FIXTURES, 'ethnicity-stages.csv');
const POPULATION = join(FIXTURES, 'ethnicity-population.csv');
const PERIOD = 'Jul 2023 – Jun 2024';
let env;
let report;

before(async () => {
  env = await start();
  report = JSON.parse(execFileSync(CLI, ['report', EXTRACT, '--population', POPULATION, '--json'], { maxBuffer: 1 << 30 }));
});
after(async () => env.close());

const oneDp = (v) => (Math.round(Number((Math.abs(v) * 10).toPrecision(12))) / 10 * Math.sign(v)).toFixed(1);
const twoDp = (v) => (Math.round(Number((v * 100).toPrecision(12))) / 100).toFixed(2);
const signed1 = (v) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${oneDp(Math.abs(v))}`;

/** The CLI's figure of the latest complete rolling 12 months. */
function fig(measure, stage, group) {
  const f = report.figures.find(
    (x) => x.measure === measure && x.stage === stage && x.group === group && x.breakdown === 'ethnicity' && x.period_type === 'rolling_12m' && x.period_label === PERIOD,
  );
  assert.ok(f, `${measure} ${stage} ${group} in the CLI report`);
  return f;
}

const shadow = (page, fn, arg) => page.evaluate(([src, a]) => new Function('root', 'arg', src)(document.querySelector('yj-lens').shadowRoot, a), [fn, arg]);

async function load(viewport) {
  const { page, context, log } = await openPage(env.browser, `${env.base}/`, viewport ? { viewport } : undefined);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  await page.evaluate(
    async ([extract, population]) => {
      const lens = document.querySelector('yj-lens');
      await lens.loadExtract(new Blob([extract], { type: 'text/csv' }), { label: 'ethnicity-stages.csv' });
      await lens.loadPopulation(new Blob([population], { type: 'text/csv' }), { label: 'ethnicity-population.csv' });
    },
    [readFileSync(EXTRACT, 'utf8'), readFileSync(POPULATION, 'utf8')],
  );
  await page.waitForFunction(() => document.querySelector('yj-lens').report?.checks?.population_given === true);
  return { page, context, log };
}

/** Rows of the table whose caption starts with `caption`, as arrays of cell texts. */
const tableRows = (page, caption) =>
  shadow(
    page,
    `const t = [...root.querySelectorAll("[role=tabpanel] table")].find((t) => t.caption?.textContent.startsWith(arg));
     return t ? { head: [...t.tHead.rows[0].cells].map((c) => c.textContent), rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)) } : null;`,
    caption,
  );

test('the fixture’s figures are the ones worked out by hand', () => {
  const rri = fig('disp_rri', 'custody', 'Black');
  assert.equal(twoDp(rri.value), '6.00');
  assert.equal(`${twoDp(rri.ci_low)}–${twoDp(rri.ci_high)}`, '2.94–12.24');
  assert.equal(rri.flag, 'over');
  assert.equal(fig('disp_count', 'custody', 'Black').value, 12);
  assert.equal(oneDp(fig('disp_share', 'custody', 'Black').value), '32.4');
  assert.equal(oneDp(fig('disp_gap_pp', 'custody', 'Black').value), '25.3');
  const mixed = fig('disp_rri', 'out_of_court', 'Mixed');
  assert.equal(twoDp(mixed.value), '8.00');
  assert.equal(mixed.flag, 'over');
  assert.ok(mixed.ci_low > 3.1 && mixed.ci_low < 3.2, String(mixed.ci_low));
  assert.equal(fig('disp_count', 'out_of_court', 'Mixed').value, 8);
  for (const g of ['Black', 'Asian', 'Mixed', 'Other']) assert.notEqual(fig('disp_rri', 'throughput', g).flag, 'over', g);
  assert.equal(fig('disp_count', 'custody', 'Mixed').value, 0);
});

test('Overview: the most over-represented group needs ≥ 10 children and an interval above 1; gaps change in points', async () => {
  const { page, context, log } = await load();
  const t = await shadow(
    page,
    `const card = [...root.querySelectorAll("[role=tabpanel] section")].find((s) => s.querySelector("h3")?.textContent.startsWith("Most over-represented"));
     const t = card?.querySelector("table");
     return t ? { head: [...t.tHead.rows[0].cells].map((c) => c.textContent), rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)) } : null;`,
  );
  assert.ok(t, 'the over-represented table');
  const row = (stage) => t.rows.find((r) => r[0] === stage);

  // Custody: Black, with its counts and interval; the change of the gap in points only.
  const custody = row('Custody');
  const share = fig('disp_share', 'custody', 'Black');
  const rri = fig('disp_rri', 'custody', 'Black');
  const gap = fig('disp_gap_pp', 'custody', 'Black');
  const gapBefore = report.figures.find(
    (x) => x.measure === 'disp_gap_pp' && x.stage === 'custody' && x.group === 'Black' && x.period_type === 'rolling_12m' && x.period_label === 'Jul 2022 – Jun 2023',
  );
  assert.equal(custody[1], PERIOD);
  assert.equal(custody[2], 'Black');
  assert.ok(custody[3].includes(`${oneDp(share.value)}% (${share.numerator} of ${share.denominator})`), custody[3]);
  assert.ok(custody[3].includes('32.4% (12 of 37)'), custody[3]);
  assert.ok(custody[3].includes(`gap ${signed1(gap.value)} percentage points`), custody[3]);
  assert.ok(custody[4].startsWith(`${twoDp(rri.value)} (95% interval ${twoDp(rri.ci_low)}–${twoDp(rri.ci_high)}; 12 children)`), custody[4]);
  assert.ok(custody[5].startsWith(`${signed1(gap.value - gapBefore.value)} percentage points`), custody[5]);
  assert.equal(signed1(gap.value - gapBefore.value), '+12.4');
  for (const r of t.rows) assert.ok(!/relative/.test(r[5]) && !/%/.test(r[5]), `no relative change of a gap: ${r[5]}`);

  // Out of court: Mixed is significant but only 8 children → not named, and the row says why.
  const ooc = row('Out of court (cautions)');
  assert.ok(!ooc.slice(2).join(' ').includes('Mixed'), ooc.join(' | '));
  assert.match(ooc[2], /groups below 10 children are not named/);

  // Throughput: nobody significantly over-represented (and never the reference group).
  const thr = row('Throughput (any occasion)');
  assert.match(thr[2], /no group significantly over-represented/);
  assert.ok(!thr.slice(2).join(' ').includes('White'), thr.join(' | '));
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('Ethnicity view: stage table one figure per column, counts, cautions, zero as 0; charts name their counts', async () => {
  const { page, context, log } = await load();
  await page.locator('yj-lens [role="tab"]', { hasText: 'Ethnicity' }).click();
  await page.locator('yj-lens select', { has: page.locator('option[value="custody"]') }).selectOption('custody');
  await page.waitForTimeout(200);
  assert.match(await page.locator('yj-lens [role="tabpanel"] h2').textContent(), /Ethnicity — Custody, Jul 2023 – Jun 2024/);

  const t = await tableRows(page, 'Children at each stage');
  assert.deepEqual(t.head, ['Stage', 'Group', 'Children', 'Share of known ethnicity (n of N)', 'Population share', 'Gap (percentage points)', 'RRI vs White', 'RRI 95% interval', 'Flag']);
  const row = (stage, g) => t.rows.find((r) => r[0] === stage && r[1] === g);
  const rri = fig('disp_rri', 'custody', 'Black');
  assert.deepEqual(row('Custody', 'Black'), [
    'Custody',
    'Black',
    '12',
    '32.4% (12 of 37)',
    `${oneDp(fig('disp_population_share', 'custody', 'Black').value)}%`,
    signed1(fig('disp_gap_pp', 'custody', 'Black').value),
    `${twoDp(rri.value)} (12 children)`,
    `${twoDp(rri.ci_low)}–${twoDp(rri.ci_high)}`,
    'over-represented (95% interval above 1)',
  ]);
  assert.equal(row('Custody', 'Black')[4], '7.1%');
  // A zero count is "0", never an index of 0.00.
  const mixed = row('Custody', 'Mixed');
  assert.equal(mixed[2], '0');
  assert.equal(mixed[3], '0.0% (0 of 37)');
  assert.equal(mixed[6], '0 children: no index');
  assert.ok(!mixed.join(' ').includes('0.00'), mixed.join(' | '));
  // Fewer than 10: marked in words.
  assert.equal(row('Custody', 'Asian')[2], '2');
  assert.equal(row('Custody', 'Asian')[8], 'too few to test (fewer than 5 children in a group); fewer than 10: treat with caution');
  assert.equal(row('Out of court (cautions)', 'Mixed')[8], 'over-represented (95% interval above 1); fewer than 10: treat with caution');
  assert.ok(!row('Custody', 'Black')[8].includes('caution'));
  assert.equal(row('Custody', 'White')[6], 'reference group');
  assert.equal(t.rows.filter((r) => r[0] === 'Custody').length, 6, 'five groups and Unknown');

  // The charts' accessible names and tables carry the counts.
  const labels = await shadow(page, 'return [...root.querySelectorAll("[role=tabpanel] canvas")].map((c) => c.getAttribute("aria-label"))');
  const shareLabel = labels.find((l) => l.startsWith('Custody: share of children'));
  assert.ok(shareLabel.includes('Black 32.4% (12 of 37)'), shareLabel);
  assert.ok(shareLabel.includes(`Asian 5.4% (2 of 37)`) && shareLabel.includes('fewer than 10: treat with caution'), shareLabel);
  const rriLabel = labels.find((l) => l.startsWith('Relative rate index'));
  assert.ok(rriLabel.includes(`Black ${twoDp(rri.value)} (12 children), 95% interval ${twoDp(rri.ci_low)}–${twoDp(rri.ci_high)}`), rriLabel);
  assert.ok(rriLabel.includes('Mixed 0 children: no index'), rriLabel);
  assert.ok(!/Mixed 0\.00/.test(rriLabel), rriLabel);
  const shareTable = await tableRows(page, 'Custody: share of children');
  assert.ok(shareTable.rows.find((r) => r[0] === 'Black').includes('32.4% (12 of 37)'), JSON.stringify(shareTable.rows));
  const rriTable = await tableRows(page, 'Relative rate index');
  const mixedRri = rriTable.rows.find((r) => r[0] === 'Mixed');
  assert.ok(mixedRri.includes('0') && mixedRri.includes('no children in this group: no index'), mixedRri.join(' | '));
  assert.ok(!mixedRri.includes('0.00'), mixedRri.join(' | '));
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('Ethnicity view: one stage control (no Scope select that silently changes the stage)', async () => {
  const { page, context } = await load();
  await page.locator('yj-lens [role="tab"]', { hasText: 'Ethnicity' }).click();
  const selects = await shadow(page, 'return [...root.querySelectorAll(".controls select")].map((s) => [...s.options].map((o) => o.value))');
  const stageLike = selects.filter((opts) => opts.includes('substantive'));
  assert.equal(stageLike.length, 1, `one control chooses the stage: ${JSON.stringify(selects)}`);
  await context.close();
});

test('Ethnicity view on a 390 px phone: controls not cut off, wide tables scroll in a focusable region', async () => {
  const { page, context } = await load({ width: 390, height: 844 });
  await page.locator('yj-lens [role="tab"]', { hasText: 'Ethnicity' }).click();
  await page.locator('yj-lens select', { has: page.locator('option[value="custody"]') }).selectOption('custody');
  await page.waitForTimeout(300);
  const look = await shadow(
    page,
    `const vw = document.documentElement.clientWidth;
     const controls = [...root.querySelectorAll(".controls .control")].map((c) => {
       const s = c.querySelector("select"); const r = c.getBoundingClientRect(); const sr = s.getBoundingClientRect();
       return { label: c.querySelector("label").textContent, left: r.left, right: r.right, selRight: sr.right, selW: sr.width };
     });
     const t = [...root.querySelectorAll("[role=tabpanel] table")].find((t) => t.caption?.textContent.startsWith("Children at each stage"));
     const wrap = t.closest(".table-wrap");
     return { vw, pageW: document.documentElement.scrollWidth, controls,
       wrap: { role: wrap.getAttribute("role"), tabindex: wrap.getAttribute("tabindex"), right: wrap.getBoundingClientRect().right, scrolls: wrap.scrollWidth > wrap.clientWidth, overflow: getComputedStyle(wrap).overflowX } };`,
  );
  assert.ok(look.controls.length >= 2, JSON.stringify(look.controls));
  for (const c of look.controls) {
    assert.ok(c.left >= 0 && c.right <= look.vw + 0.5 && c.selRight <= look.vw + 0.5, `${c.label} control within the screen: ${JSON.stringify(c)}`);
    assert.ok(c.selW >= 100, `${c.label} select wide enough to read: ${c.selW}`);
  }
  assert.ok(look.pageW <= look.vw + 1, `the page does not scroll sideways: ${look.pageW} > ${look.vw}`);
  assert.equal(look.wrap.role, 'region');
  assert.equal(look.wrap.tabindex, '0');
  assert.equal(look.wrap.overflow, 'auto');
  assert.ok(look.wrap.right <= look.vw + 0.5, 'the table region fits the screen and scrolls inside it');
  await context.close();
});
