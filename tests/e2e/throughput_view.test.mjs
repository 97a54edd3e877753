// Issue 10, throughput: outcome types ordered by tier (diversion, pre-court, first tier,
// community, custody; least to most severe within a tier), every partial period marked
// "(partial: to <extract date>)" in chart series names, table headers and captions, every
// percentage with its count ("15.8% (6 of 38)"), no control that silently changes another,
// and controls not cut off on a 390 px phone.
//
// Fixture: tests/fixtures/e2e/ethnicity-stages.csv (see make_ethnicity.mjs). Extract date
// 30 Jun 2024 (the latest outcome date), so financial year 2024/25 is partial (Apr–Jun 2024).
// By hand, 2024/25: the cohorts of Jul 2023 – Jun 2024 have child i of n dated 1 Jul 2023 +
// ⌊i·360/n⌋ days, and 1 Apr 2024 is day 275, so the children from i ≥ 275n/360 fall in 2024/25:
//   DTO: White 20 → i ≥ 15.3: 4; Black 12 → i ≥ 9.2: 2; Asian 2, Other 3: 0 → 6 children
//   Referral Order: White 80 → 18; Black, Asian, Other 10 each → 2 each → 24
//   YRO: White 20 → 4; Mixed 10 → 2 → 6;  Youth Caution: White 6 → 1; Mixed 8 → 1 → 2;  YCC 0
// Substantive outcome types (the default scope): 6 + 24 + 6 + 2 = 38 children;
// DTO 6/38 = 15.789% → "15.8% (6 of 38)"; Referral Order 24/38 = 63.16% → "63.2% (24 of 38)".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, openPage, cspViolations, ROOT } from './browser.mjs';

const CLI = join(ROOT, 'target/release/yjlens');
const EXTRACT = join(ROOT, 'tests/fixtures/e2e/ethnicity-stages.csv');
const PARTIAL = '2024/25 (partial: to 30 Jun 2024)';
// measures.md, "Severity", least severe first within each tier; tiers in order.
const TIERED = [
  'Triage', 'Community Resolution', 'Outcome 22', 'Youth Caution', 'Youth Conditional Caution', 'Other first tier', 'Absolute Discharge', 'Bind Over',
  'Conditional Discharge', 'Compensation Order', 'Fine', 'Reparation Order', 'Referral Order', 'Youth Rehabilitation Order', 'YRO with Intensive Fostering',
  'YRO with ISS', 'Detention and Training Order', 'Section 250', 'Other long-term detention',
];
const DIVERSION = ['Triage', 'Community Resolution', 'Outcome 22'];
let env;
let report;

before(async () => {
  env = await start();
  report = JSON.parse(execFileSync(CLI, ['report', EXTRACT, '--json'], { maxBuffer: 1 << 30 }));
});
after(async () => env.close());

const oneDp = (v) => (Math.round(Number((v * 10).toPrecision(12))) / 10).toFixed(1);
const shadow = (page, fn, arg) => page.evaluate(([src, a]) => new Function('root', 'arg', src)(document.querySelector('yj-lens').shadowRoot, a), [fn, arg]);

async function load(viewport) {
  const { page, context, log } = await openPage(env.browser, `${env.base}/`, viewport ? { viewport } : undefined);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  await page.evaluate(async (extract) => {
    await document.querySelector('yj-lens').loadExtract(new Blob([extract], { type: 'text/csv' }), { label: 'ethnicity-stages.csv' });
  }, readFileSync(EXTRACT, 'utf8'));
  await page.locator('yj-lens [role="tab"]', { hasText: 'Throughput' }).click();
  await page.waitForTimeout(200);
  return { page, context, log };
}

/** Every chart and table of the panel: series names, table head, caption, rows. */
const panel = (page) =>
  shadow(
    page,
    `return {
       charts: [...root.querySelectorAll("[role=tabpanel] figure.chart")].map((f) => ({ title: f.chart.spec.title, series: f.chart.spec.series.map((s) => s.name), label: f.querySelector("canvas").getAttribute("aria-label") })),
       tables: [...root.querySelectorAll("[role=tabpanel] table")].map((t) => ({ caption: t.caption.textContent, head: [...t.tHead.rows[0].cells].map((c) => c.textContent), rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)) })),
     };`,
  );

test('the fixture’s 2024/25 outcome types are the ones worked out by hand', () => {
  assert.equal(report.extract_date, '2024-06-30');
  const types = report.figures.filter((f) => f.measure === 'throughput_children' && f.breakdown === 'outcome_type' && f.period_type === 'financial_year' && f.period_label === '2024/25');
  const n = (g) => types.find((f) => f.group === g)?.value ?? 0;
  assert.equal(types[0].status, 'partial');
  assert.deepEqual(['Detention and Training Order', 'Referral Order', 'Youth Rehabilitation Order', 'Youth Caution', 'Youth Conditional Caution'].map(n), [6, 24, 6, 2, 0]);
  assert.equal(types.filter((f) => !DIVERSION.includes(f.group)).reduce((s, f) => s + (f.value ?? 0), 0), 38);
});

test('Throughput: outcome types by tier, partial year marked everywhere, percentages with counts', async () => {
  const { page, context, log } = await load();
  const { charts, tables } = await panel(page);

  // Every partial period is marked, with the extract date, in series names, headers and captions.
  assert.match(await page.locator('yj-lens [role="tabpanel"] h2').textContent(), /2024\/25 \(partial: to 30 Jun 2024\)/);
  for (const c of charts) {
    for (const s of c.series) if (s.includes('2024/25')) assert.ok(s.includes(PARTIAL), `series "${s}" of "${c.title}"`);
    assert.ok(c.title.includes(PARTIAL), `chart title / table caption "${c.title}"`);
  }
  for (const t of tables) {
    assert.ok(t.caption.includes(PARTIAL), `caption "${t.caption}"`);
    for (const h of t.head) if (h.includes('2024/25')) assert.ok(h.includes(PARTIAL), `header "${h}"`);
    for (const r of t.rows) if (r[0].startsWith('2024/25')) assert.ok(r[0].includes(PARTIAL), `row "${r[0]}"`);
  }
  const totals = tables.find((t) => t.caption.startsWith('Throughput: children'));
  // The partial year is compared like for like: its total beside the same months of 2023/24
  // (Apr–Jun 2023, the report as at 30 Jun 2023), as the CLI's report.year_earlier gives it.
  assert.deepEqual(totals.rows.map((r) => r[0]), ['2023/24', PARTIAL, '2023/24, the same part (to 30 Jun 2023)']);
  const samePart = report.year_earlier.find((f) => f.measure === 'throughput_children' && f.breakdown === 'all' && f.period_type === 'financial_year' && f.period_label === '2023/24');
  assert.equal(totals.rows[2][1], samePart.value.toLocaleString('en-GB'));

  // Outcome types by tier, least to most severe within a tier (substantive scope: no diversion).
  const types = tables.find((t) => t.caption.startsWith('Outcome type'));
  const order = types.rows.map((r) => r[0]);
  const expected = [...order].sort((a, b) => TIERED.indexOf(a) - TIERED.indexOf(b));
  assert.deepEqual(order, expected);
  assert.ok(order.indexOf('Youth Caution') < order.indexOf('Referral Order') && order.indexOf('Referral Order') < order.indexOf('Youth Rehabilitation Order'), order.join(', '));
  assert.ok(order.indexOf('Youth Rehabilitation Order') < order.indexOf('Detention and Training Order'), order.join(', '));
  assert.ok(!order.some((g) => DIVERSION.includes(g)), 'substantive scope: no diversion types');

  // Percentages with their counts, as the CLI's counts give them.
  const cli = report.figures.filter(
    (f) => f.measure === 'throughput_children' && f.breakdown === 'outcome_type' && f.period_type === 'financial_year' && f.period_label === '2024/25' && !DIVERSION.includes(f.group),
  );
  const total = cli.reduce((s, f) => s + (f.value ?? 0), 0);
  const col = types.head.indexOf(`${PARTIAL}: % of children (n of total)`);
  assert.ok(col > 0, types.head.join(' | '));
  const dto = cli.find((f) => f.group === 'Detention and Training Order').value;
  assert.equal(types.rows.find((r) => r[0] === 'Detention and Training Order')[col], `${oneDp((dto / total) * 100)}% (${dto} of ${total})`);
  assert.equal(types.rows.find((r) => r[0] === 'Detention and Training Order')[col], '15.8% (6 of 38)');
  assert.equal(types.rows.find((r) => r[0] === 'Referral Order')[col], '63.2% (24 of 38)');
  for (const t of tables) {
    for (const h of t.head.entries()) {
      if (!h[1].includes('% of')) continue;
      for (const r of t.rows) assert.match(r[h[0]], /^(\d+\.\d% \([\d,]+ of [\d,]+\)|–|\[c\])$/, `${t.caption}: ${r.join(' | ')}`);
    }
  }
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('Throughput controls change only themselves', async () => {
  const { page, context } = await load();
  const values = () => shadow(page, 'return Object.fromEntries([...root.querySelectorAll(".controls .control")].map((c) => [c.querySelector("label").textContent, c.querySelector("select").value]))');
  const before = await values();
  assert.deepEqual(Object.keys(before).sort(), ['Count', 'Scope']);
  await page.locator('yj-lens select', { has: page.locator('option[value="throughput_offences"]') }).selectOption('throughput_offences');
  assert.deepEqual(await values(), { ...before, Count: 'throughput_offences' });
  await page.locator('yj-lens select', { has: page.locator('option[value="all"]') }).selectOption('all');
  assert.deepEqual(await values(), { ...before, Count: 'throughput_offences', Scope: 'all' });
  const types = (await panel(page)).tables.find((t) => t.caption.startsWith('Outcome type'));
  assert.equal(types.rows[0][0], 'Triage', 'all throughput: diversion first');
  await context.close();
});

test('the Ethnicity stage control leaves the Throughput scope alone', async () => {
  const { page, context } = await load();
  await page.locator('yj-lens select', { has: page.locator('option[value="all"]') }).selectOption('all');
  await page.locator('yj-lens [role="tab"]', { hasText: 'Ethnicity' }).click();
  await page.locator('yj-lens select', { has: page.locator('option[value="court"]') }).selectOption('substantive');
  await page.locator('yj-lens [role="tab"]', { hasText: 'Throughput' }).click();
  const scope = await shadow(page, 'return [...root.querySelectorAll(".controls select")].find((s) => [...s.options].some((o) => o.value === "all"))?.value');
  assert.equal(scope, 'all');
  await context.close();
});

test('Throughput on a 390 px phone: controls not cut off, the page does not scroll sideways', async () => {
  const { page, context } = await load({ width: 390, height: 844 });
  const look = await shadow(
    page,
    `const vw = document.documentElement.clientWidth;
     return { vw, pageW: document.documentElement.scrollWidth,
       controls: [...root.querySelectorAll(".controls .control")].map((c) => { const r = c.querySelector("select").getBoundingClientRect(); return { label: c.querySelector("label").textContent, left: r.left, right: r.right, w: r.width }; }) };`,
  );
  assert.ok(look.controls.length >= 2);
  for (const c of look.controls) assert.ok(c.left >= 0 && c.right <= look.vw + 0.5 && c.w >= 100, JSON.stringify(c));
  assert.ok(look.pageW <= look.vw + 1, `${look.pageW} > ${look.vw}`);
  await context.close();
});

test(
  'on a 390 px phone every control shows its whole chosen option (Ethnicity and Throughput)',
  async () => {
    const { page, context } = await load({ width: 390, height: 844 });
    const clipped = [];
    for (const tab of ['Throughput', 'Ethnicity']) {
      await page.locator('yj-lens [role="tab"]', { hasText: tab }).click();
      await page.waitForTimeout(200);
      // The chosen option's text, measured in the select's font, fits inside it (less its arrow).
      const fits = await shadow(
        page,
        `const ctx = document.createElement("canvas").getContext("2d");
         return [...root.querySelectorAll(".controls select")].map((s) => {
           const cs = getComputedStyle(s); ctx.font = cs.font;
           const text = s.options[s.selectedIndex].text;
           const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20;
           return { text, need: Math.ceil(ctx.measureText(text).width), room };
         });`,
      );
      for (const f of fits) if (f.need > f.room) clipped.push(`${tab}: "${f.text}" needs ${f.need}px, has ${f.room}px`);
    }
    assert.deepEqual(clipped, []);
    await context.close();
  },
);
