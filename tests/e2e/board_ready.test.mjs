// Figures a board can quote (issue 10), end to end in Chromium under the demo CSP: the
// sample's population goes with the sample; the extract date is read from a title line and
// shown at load; changes are like for like with counts beside small numbers; one rounding for
// chart and table; a file that lost most of its rows is held behind one notice; the public page
// opens on its published periods and never names a local file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { start, openPage, ROOT, WWW } from './browser.mjs';

const CLI = join(ROOT, 'target/release/yjlens');
const SAMPLE = join(WWW, 'sample-extract.csv');
const POPULATION = join(WWW, 'sample-population.csv');
let env;
let dir;

before(async () => {
  env = await start();
  dir = mkdtempSync(join(tmpdir(), 'yjlens-board-'));
});
after(async () => {
  await env.close();
  rmSync(dir, { recursive: true, force: true });
});

const shadow = (page, fn, arg) => page.evaluate(([src, a]) => new Function('root', 'arg', src)(document.querySelector('yj-lens').shadowRoot, a), [fn, arg]);
const cli = (...args) => execFileSync(CLI, args, { maxBuffer: 1 << 30 }).toString();

async function loadFile(page, path) {
  const loaded = page.evaluate(() => new Promise((ok, no) => {
    const el = document.querySelector('yj-lens');
    el.addEventListener('yj-loaded', () => ok(true), { once: true });
    el.addEventListener('yj-error', (e) => no(new Error(e.detail.message)), { once: true });
  }));
  await page.locator('yj-lens input[type="file"]').first().setInputFiles(path);
  await loaded;
}

async function demo(viewport) {
  const opened = await openPage(env.browser, `${env.base}/`, viewport ? { viewport } : undefined);
  await opened.page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  return opened;
}

test('1. the sample’s population goes with the sample: another extract is not divided by it', async () => {
  const { page, context } = await demo();
  // The sample came with its made-up population: rates are shown, and say so.
  const before = await shadow(page, 'return [...root.querySelectorAll(".card")].map((c) => c.textContent).join("\\n")');
  assert.match(before, /synthetic sample population/);
  const other = join(dir, 'own-extract.csv');
  writeFileSync(other, cli('sample', '--children', '300', '--seed', '11'));
  await loadFile(page, other);
  const report = await page.evaluate(() => ({ checks: document.querySelector('yj-lens').report.checks }));
  // Before the fix the synthetic population stayed: population_given was true and the FTE
  // card showed a rate on made-up denominators.
  assert.equal(report.checks.population_given, false);
  const cards = await shadow(page, 'return [...root.querySelectorAll(".card")].map((c) => c.textContent)');
  const fte = cards.find((c) => c.startsWith('First-time entrants'));
  assert.match(fte, /add population to see rates/);
  // A population the user loads stays for the next extract, and is named beside the rate.
  await page.evaluate(async (csv) => document.querySelector('yj-lens').loadPopulation(new Blob([csv]), { label: 'ONS mid-year estimates' }), readFileSync(POPULATION, 'utf8'));
  await loadFile(page, SAMPLE);
  const again = await page.evaluate(() => document.querySelector('yj-lens').report.checks.population_given);
  assert.equal(again, true);
  const fte2 = (await shadow(page, 'return [...root.querySelectorAll(".card")].map((c) => c.textContent)')).find((c) => c.startsWith('First-time entrants'));
  assert.match(fte2, /Denominator: ONS mid-year estimates/);
  await context.close();
});

test('2. the extract date comes from a title line and is shown at load, in UK format', async () => {
  const { page, context } = await demo();
  const body = readFileSync(SAMPLE, 'utf8');
  const native = JSON.parse(cli('report', SAMPLE, '--json'));
  // The title says 30 days after the latest outcome date: that date, not the latest outcome, is used.
  const d = new Date(`${native.extract_date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 30);
  const iso = d.toISOString().slice(0, 10);
  const [y, m, day] = iso.split('-');
  const titled = join(dir, 'titled.csv');
  writeFileSync(titled, `Youth justice outcomes extract produced ${day}/${m}/${y}\n${body}`);
  await loadFile(page, titled);
  const r = await page.evaluate(() => ({ extract_date: document.querySelector('yj-lens').report.extract_date }));
  assert.equal(r.extract_date, iso);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const asAt = await shadow(page, 'return root.querySelector(".as-at").textContent');
  assert.ok(asAt.startsWith(`Figures as at ${Number(day)} ${months[Number(m) - 1]} ${y} (read from the file’s title line)`), asAt);
  // The date box shows the date in use, day first — never an empty locale placeholder.
  assert.equal(await shadow(page, 'return root.querySelector("details.settings input[inputmode=numeric]").value'), `${day}/${m}/${y}`);
  // Without a title line: the latest outcome date, proposed and shown.
  await loadFile(page, SAMPLE);
  const asAt2 = await shadow(page, 'return root.querySelector(".as-at").textContent');
  const [y2, m2, d2] = native.extract_date.split('-');
  assert.ok(asAt2.startsWith(`Figures as at ${Number(d2)} ${months[Number(m2) - 1]} ${y2} (the latest outcome date in the file)`), asAt2);
  await context.close();
});

test('3. changes: no relative change on a gap or on a small base; a provisional cohort is compared at the same point of tracking', async () => {
  const { page, context } = await demo();
  const out = await page.evaluate(async () => {
    const { changeText } = await import('./yjlens/views/blocks.js');
    const f = (o) => ({ stage: '', breakdown: 'all', group: 'all', breakdown2: '', group2: '', period_type: 'financial_year', status: 'final', suppressed: false, ci_low: null, ci_high: null, ...o });
    // A gap that crossed zero: +0.4 then −14.8 points: percentage points only.
    const gapNow = f({ measure: 'disp_gap_pp', unit: 'percentage points', value: -14.8, period_start: '2024-04-01', period_label: '2024/25' });
    const gapThen = f({ measure: 'disp_gap_pp', unit: 'percentage points', value: 0.4, period_start: '2023-04-01', period_label: '2023/24' });
    // A group of 2: 1 of 2 (50%) against 1 of 21 (4.8%) — no relative %.
    const smallNow = f({ measure: 'reoffending_binary_rate', unit: '%', value: 50, numerator: 1, denominator: 2, period_start: '2024-04-01', period_label: '2024/25' });
    const smallThen = f({ measure: 'reoffending_binary_rate', unit: '%', value: (1 / 21) * 100, numerator: 1, denominator: 21, period_start: '2023-04-01', period_label: '2023/24' });
    // Both bases at least 10: 23 of 80 (28.75%) against 20 of 100 (20%): +8.8 points; relative +43.8%.
    const bigNow = f({ measure: 'reoffending_binary_rate', unit: '%', value: 28.75, numerator: 23, denominator: 80, period_start: '2024-04-01', period_label: '2024/25' });
    const bigThen = f({ measure: 'reoffending_binary_rate', unit: '%', value: 20, numerator: 20, denominator: 100, period_start: '2023-04-01', period_label: '2023/24' });
    // A provisional cohort with no like-for-like figure: the reason, not a comparison.
    const prov = f({ measure: 'reoffending_binary_rate', unit: '%', value: 13, numerator: 13, denominator: 100, status: 'provisional', period_start: '2025-04-01', period_label: '2025/26' });
    const provThen = f({ measure: 'reoffending_binary_rate', unit: '%', value: 30, numerator: 30, denominator: 100, period_start: '2024-04-01', period_label: '2024/25' });
    return {
      gap: changeText(gapNow, [gapThen, gapNow], {}),
      small: changeText(smallNow, [smallThen, smallNow], {}),
      big: changeText(bigNow, [bigThen, bigNow], {}),
      prov: changeText(prov, [provThen, prov], { year_earlier: [] }),
      provSame: changeText(prov, [provThen, prov], { year_earlier: [{ ...provThen, value: 11, numerator: 11, status: 'provisional' }] }),
    };
  });
  assert.equal(out.gap, 'Change on 2023/24: −15.2 percentage points.');
  assert.equal(out.small, 'Change on 2023/24: +45.2 percentage points; no relative change (fewer than 10 in a period).');
  // (28.75 − 20) / 20 = 43.75% → 43.8 (half away from zero).
  assert.equal(out.big, 'Change on 2023/24: +8.8 percentage points; +43.8% relative change.');
  assert.match(out.prov, /^Change not shown: this cohort is still being tracked/);
  // 13% now against 11% for the cohort a year earlier at the same point: +2.0 points, +18.2%.
  assert.equal(out.provSame, 'Change on 2024/25 at the same point of tracking: +2.0 percentage points; +18.2% relative change.');
  // The sample's provisional card uses the report's own like-for-like figure.
  const cards = await shadow(page, 'return [...root.querySelectorAll(".card")].map((c) => c.textContent)');
  const provCard = cards.find((c) => c.includes('latest provisional cohort'));
  if (provCard) assert.match(provCard, /at the same point of tracking|Change not shown/);
  assert.ok(!cards.some((c) => /No figure for the same period a year earlier/.test(c) && /provisional/.test(c)));
  await context.close();
});

test('4 and 5. counts beside small numbers; one rounding for chart labels, tables and names', async () => {
  const { page, context } = await demo();
  const out = await page.evaluate(async () => {
    const { withCount, barChart } = await import('./yjlens/views/blocks.js');
    const f = (o) => ({ stage: '', breakdown: 'ethnicity', breakdown2: '', group2: '', period_type: 'financial_year', period_start: '2024-04-01', period_label: '2024/25', status: 'final', suppressed: false, ci_low: null, ci_high: null, ...o });
    const custody = f({ measure: 'custody_share_of_court', unit: '%', value: (4 / 9) * 100, numerator: 4, denominator: 9, group: 'Black' });
    const zeroRri = f({ measure: 'disp_rri', stage: 'custody', unit: 'ratio', value: 0, numerator: 0, denominator: 300, group: 'Asian' });
    // 23 of 80 = 28.75%: 28.8 everywhere (half away from zero), not 28.7 on the chart.
    const r = f({ measure: 'reoffending_binary_rate', unit: '%', value: 28.75, numerator: 23, denominator: 80, group: 'White' });
    const fig = barChart({}, { title: 'Binary rate by ethnicity', valueLabel: 'Reoffenders (% of cohort)', name: 't', seriesNames: ['Binary rate'], rows: [{ group: 'White', figs: [r] }, { group: 'Black', figs: [custody] }], breakdown: 'ethnicity', measure: 'reoffending_binary_rate' });
    return {
      custody: withCount(custody, {}, { caution: true }),
      zero: withCount(zeroRri, {}),
      labels: fig.chart.spec.series[0].labels,
      small: fig.chart.spec.series[0].small,
      cell: fig.chart.table.rows[0][1],
      aria: fig.chart.label,
    };
  });
  assert.equal(out.custody, '44.4% (4 of 9) — fewer than 10: treat with caution');
  assert.equal(out.zero, '0 (no children in this group)');
  assert.deepEqual(out.labels, ['28.8% (23 of 80)', '44.4% (4 of 9)']);
  assert.deepEqual(out.small, [false, true]);
  assert.equal(out.cell, '28.8');
  assert.match(out.aria, /White 28\.8% \(23 of 80\); Black 44\.4% \(4 of 9\) — fewer than 10: treat with caution/);
  await context.close();
});

test('7. a file that lost most of its rows is held behind one notice naming the column', async () => {
  const { page, context } = await demo();
  // 40 good rows and 60 whose offence date is impossible (31/02/2024): 60% rejected.
  const head = 'child_id,offence_date,outcome_date,outcome,date_of_birth,sex,ethnicity';
  const good = Array.from({ length: 40 }, (_, i) => `G${i},01/03/2024,02/04/2024,Referral Order,01/01/2009,M,White`);
  const bad = Array.from({ length: 60 }, (_, i) => `B${i},31/02/2024,02/04/2024,Referral Order,01/01/2009,F,Black`);
  const lossy = join(dir, 'lossy.csv');
  writeFileSync(lossy, [head, ...good, ...bad].join('\n'));
  await loadFile(page, lossy);
  const alarm = await shadow(page, 'const a = root.querySelector("[role=tabpanel] .alarm"); return a ? a.textContent : null');
  assert.ok(alarm, 'a blocking notice');
  assert.match(alarm, /Only 40 of 100 rows could be used: 60 \(60%\) were rejected/);
  assert.match(alarm, /invalid date/i);
  // No figure before the analyst has read it.
  assert.equal(await shadow(page, 'return root.querySelectorAll("[role=tabpanel] .card, [role=tabpanel] canvas").length'), 0);
  await page.locator('yj-lens button', { hasText: 'Show the figures anyway' }).click();
  assert.ok((await shadow(page, 'return root.querySelectorAll("[role=tabpanel] .card").length')) > 0);
  await context.close();
});

test('8. the public page opens on its published periods and shows no local file name', async () => {
  const { page, context } = await openPage(env.browser, `${env.base}/public.html`);
  await page.waitForFunction(() => document.querySelector('yj-lens')?.report?.public === true, null, { timeout: 60_000 });
  await page.waitForTimeout(300);
  const text = await shadow(page, 'return root.textContent');
  assert.ok(!/sample-extract\.csv|\.csv\b/.test(text), 'no file name on the public page');
  const period = await shadow(page, 'return root.querySelector(".controls select").value');
  assert.equal(period, 'financial_year');
  assert.ok(!/No figure for the same period a year earlier\./.test(text));
  await context.close();
});

test('6. a bar’s value label sits at the bar’s end, not at the whisker’s', async () => {
  const { page, context } = await demo();
  const out = await page.evaluate(async () => {
    const { loadDrawing } = await import('./yjlens/charts.js');
    const { chartSvg } = await import('./yjlens/yjlens.js');
    await loadDrawing();
    // 23 of 80 = 28.75%, Wilson interval about 19.9–39.5: the whisker runs well past the bar.
    const spec = {
      kind: 'bars', title: 'Binary reoffending rate by ethnicity', subtitle: '', value_label: 'Reoffenders (% of cohort)',
      categories: ['White'], provisional: [false], missing_marker: '–', value_min: 0, value_max: null, footnote: '',
      series: [{ name: 'Binary rate', values: [28.75], labels: ['28.8% (23 of 80)'], small: [false], low: [19.9], high: [39.5] }],
    };
    const svg = chartSvg(document.createElement('canvas'), spec, 640, 300, 'sans-serif', 13);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const label = [...doc.querySelectorAll('text')].find((t) => t.textContent.trim() === '28.8% (23 of 80)');
    return { svg, labelX: label ? Number(label.getAttribute('x')) : null, anchor: label?.getAttribute('text-anchor') ?? null, texts: [...doc.querySelectorAll('text')].map((t) => t.textContent.trim()), ticks: [...doc.querySelectorAll('text')].filter((t) => /^\d+$/.test(t.textContent.trim())).map((t) => [Number(t.textContent.trim()), Number(t.getAttribute('x'))]) };
  });
  // The page's label is drawn as given (one rounding), never re-rounded to 28.7 in the chart.
  assert.ok(out.labelX !== null, out.texts.join(' | '));
  assert.ok(!out.texts.some((t) => /28\.7/.test(t)));
  // The value axis runs 0–40 or more over the plot: the bar ends at 28.75 and the whisker at
  // 39.5, so a label at the bar's end lies left of the point 34 (midway to the whisker end).
  const ticks = out.ticks;
  assert.ok(ticks.length >= 3, 'axis ticks');
  const [[v0, x0], [v1, x1]] = [ticks[0], ticks[ticks.length - 1]];
  const xAt = (v) => x0 + ((v - v0) / (v1 - v0)) * (x1 - x0);
  assert.ok(out.labelX <= xAt(34), `label at x=${out.labelX} (${out.anchor}); 34% is at x=${xAt(34)}`);
  await context.close();
});
