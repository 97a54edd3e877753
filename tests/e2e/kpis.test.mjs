// Issue 14, the KPIs view: the demo page loads the synthetic sample with its interventions
// extract and board file; the KPIs view's table (latest quarter, YJB return order) shows the
// same numerators, denominators, percentages and not-recorded counts as `yjlens kpi --json` on
// the same files; the cascades are drawn as funnels; the KPI files survive a worker crash;
// axe finds nothing; screenshots are written for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { start, openPage, cspViolations, ROOT, WWW } from './browser.mjs';

const CLI = join(ROOT, 'target/release/yjlens');
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const SHOTS = join(ROOT, 'target/screenshots');
let env;
let cli;

before(async () => {
  env = await start();
  const files = ['sample-interventions.csv', '--extract', 'sample-extract.csv', '--board', 'sample-board.csv', '--population', 'sample-population.csv'];
  cli = JSON.parse(execFileSync(CLI, ['kpi', ...files.map((f) => (f.startsWith('--') ? f : join(WWW, f))), '--json'], { maxBuffer: 1 << 30 }));
});
after(async () => env.close());

const shadow = (page, fn) => page.evaluate((src) => new Function('root', src)(document.querySelector('yj-lens').shadowRoot), fn);
const oneDp = (v) => (Math.round(Number((v * 10).toPrecision(12))) / 10).toFixed(1);

async function kpiView(viewport) {
  const { page, context, log } = await openPage(env.browser, `${env.base}/`, viewport ? { viewport } : undefined);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 90_000 });
  await page.locator('yj-lens [role="tab"]', { hasText: 'KPIs' }).click();
  await page.waitForTimeout(300);
  return { page, context, log };
}

const table = (page) =>
  shadow(
    page,
    `const t = root.querySelector("#kpi-table table");
     return t ? { caption: t.caption.textContent, rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)) } : null;`,
  );

test('the KPIs view shows the figures `yjlens kpi --json` gives for the same files', async () => {
  const { page, context } = await kpiView();
  const periodType = await page.evaluate(() => document.querySelector('yj-lens')._state.periodType);
  const t = await table(page);
  assert.ok(t, 'the KPI table is drawn');
  // The latest period of the type shown, from the CLI's figures.
  const all = cli.figures.filter((f) => f.period_type === periodType && f.breakdown === 'all');
  const start = all.map((f) => f.period_start).sort().at(-1);
  const at = (m) => all.find((f) => f.measure === m && f.period_start === start);
  const order = ['kpi1_accommodation_suitable', 'kpi2_ete_suitable', 'kpi3_send_in_ete_with_plan', 'kpi3_send_identified', 'kpi4_mh_need', 'kpi4_mh_offered', 'kpi4_mh_attended', 'kpi5_sm_need', 'kpi5_sm_offered', 'kpi5_sm_attended', 'kpi6_oocd_completed', 'kpi7_board_attendance', 'kpi8_wider_services', 'kpi9_serious_violence_rate', 'kpi10_victims_engaged'];
  const expected = order.filter((m) => at(m));
  assert.equal(t.rows.length, expected.length, t.rows.map((r) => r[0]).join(' | '));
  assert.match(t.caption, new RegExp(at(order[0]).period_label.replace(/[()]/g, '.')));
  const num = (s) => Number(String(s).replaceAll(',', ''));
  t.rows.forEach((row, i) => {
    const f = at(expected[i]);
    assert.match(row[0], /^KPI \d+/, `row ${i} names its KPI`);
    assert.equal(num(row[1]), f.numerator, `${f.measure} numerator`);
    if (f.denominator !== null) assert.equal(num(row[2]), f.denominator, `${f.measure} denominator`);
    if (f.value !== null && f.unit === '%') assert.equal(row[3], `${oneDp(f.value)}%`, `${f.measure} value`);
    const nr = at(`${f.measure}_not_recorded`);
    if (nr) {
      assert.equal(num(row[5].split(' ')[0]), nr.value, `${f.measure} not recorded`);
      assert.equal(row[5].includes('recording'), f.flag === 'recording', `${f.measure} recording flag`);
    }
  });
  // Beside KPI 2: the mean weekly ETE hours, as the CLI's figure (one decimal).
  const hours = all.find((f) => f.measure === 'kpi_ete_hours_offered' && f.period_start === start);
  const text = await shadow(page, 'return root.querySelector("[role=tabpanel]").textContent');
  assert.ok(text.includes(`offered ${oneDp(hours.value)} on average`), 'ETE hours shown');
  // The cascades as funnels: the children at each step, need ≥ offered ≥ attending.
  const funnels = await shadow(page, `return [...root.querySelectorAll("[role=tabpanel] figure.chart")].filter((f) => /cascade/.test(f.chart.spec.title)).map((f) => f.chart.spec.series[0].values)`);
  assert.equal(funnels.length, 2);
  for (const v of funnels) assert.ok(v[0] >= v[1] && v[1] >= v[2], JSON.stringify(v));
  // Breakdowns by intervention group and ethnicity are there.
  assert.ok(await shadow(page, `return Boolean(root.querySelector("#kpi-by-group table")) && Boolean(root.querySelector("#kpi-by-ethnicity table"))`));
  // KPI 6 (out-of-court disposals completed) has no child in the community and custody groups:
  // the CLI gives those cells a denominator of 0, and the table says "no children" there rather
  // than "– (*)", which a board reads as a suppressed small figure.
  const kpi6Row = await shadow(page, `return [...root.querySelector("#kpi-by-group table").tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)).find((r) => /^KPI 6/.test(r[0]))`);
  const empty = cli.figures.filter((f) => f.measure === 'kpi6_oocd_completed' && f.period_type === periodType && f.period_start === start && f.breakdown === 'intervention_group' && f.denominator === 0);
  assert.ok(empty.length >= 1, 'the sample has a group with no out-of-court child');
  assert.equal(kpi6Row.filter((c) => c === 'no children').length, empty.length, kpi6Row.join(' | '));
  assert.ok(!kpi6Row.some((c) => c.startsWith('–')), kpi6Row.join(' | '));
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'kpis-1200.png'), fullPage: true });
  await context.close();
});

test('the KPIs view is accessible, and fits a phone', async () => {
  const { page, context } = await kpiView({ width: 390, height: 844 });
  assert.deepEqual(await cspViolations(page), []);
  await page.evaluate(() => {
    for (const b of document.querySelector('yj-lens').shadowRoot.querySelectorAll('.chart-tools button[aria-expanded="false"]')) b.click();
  });
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    window.axe.run({ include: [['yj-lens']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] }),
  );
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), []);
  // The KPI table is wider than a phone and scrolls sideways; each shown table's caption still
  // reads whole at 390 px: its text lies within the scrolling box (it wraps instead of running
  // off to the right, where "… Oct 2" was all a phone showed).
  const captions = await shadow(page, `return [...root.querySelectorAll("[role=tabpanel] .table-wrap")].filter((w) => w.offsetParent).map((w) => {
    const c = w.querySelector("caption > span") ?? w.querySelector("caption"), a = w.getBoundingClientRect(), b = c.getBoundingClientRect();
    return { text: c.textContent, inside: b.left >= a.left - 1 && b.right <= a.right + 1, wider: w.scrollWidth > w.clientWidth };
  })`);
  assert.ok(captions.some((c) => c.wider), 'some table scrolls sideways at 390 px');
  for (const c of captions) assert.ok(c.inside, c.text);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'kpis-390.png'), fullPage: true });
  await context.close();
});

test('the board pack has a KPIs section: the table, the funnels and the breakdowns', async () => {
  const { page, context } = await kpiView();
  await page.locator('yj-lens details.exports summary').click();
  await page.locator('yj-lens details.exports label', { hasText: 'KPIs' }).click();
  const dl = page.waitForEvent('download');
  await page.locator('yj-lens details.exports button', { hasText: 'Download board pack' }).click();
  const html = readFileSync(await (await dl).path(), 'utf8');
  const reader = await context.newPage();
  await reader.setContent(html, { waitUntil: 'load' });
  const pack = await reader.evaluate(() => ({
    sections: [...document.querySelectorAll('h2')].map((x) => x.textContent),
    captions: [...document.querySelectorAll('caption')].map((c) => c.textContent),
    text: document.body.innerText,
  }));
  assert.ok(pack.sections.some((s) => /^Key performance indicators/.test(s)), pack.sections.join(' | '));
  assert.ok(pack.captions.some((c) => /in the order of the YJB return/.test(c)));
  assert.ok(pack.captions.some((c) => /mental health cascade/.test(c)));
  assert.ok(!/Trends/.test(pack.text), 'the trend charts stay on screen');
  await context.close();
});

test('public mode: the published KPIs (disclosure-controlled aggregate file) in the KPIs view', async () => {
  const { page, context } = await openPage(env.browser, `${env.base}/public.html`);
  await page.waitForFunction(() => document.querySelector('yj-lens')?.report?.public === true, null, { timeout: 60_000 });
  await page.locator('yj-lens [role="tab"]', { hasText: 'KPIs' }).click();
  await page.waitForTimeout(300);
  const t = await table(page);
  assert.ok(t && t.rows.length >= 10, 'the KPI table is drawn from the published file');
  // No published numerator, denominator or not-recorded count from 1 to 4.
  for (const row of t.rows) for (const c of [row[1], row[2], row[5]]) assert.ok(!/^[1-4](\s|$)/.test(c ?? ''), `${row[0]}: ${c}`);
  await page.screenshot({ path: join(SHOTS, 'kpis-public.png') });
  await context.close();
});

test('a worker crash gives the KPI files back to the new worker', async () => {
  const { page, context } = await kpiView();
  const before = await table(page);
  // Kill the worker: the client starts a new one, which is given the extract and the KPI files.
  await page.evaluate(() => document.querySelector('yj-lens').engine.restart());
  await page.evaluate(() => {
    const el = document.querySelector('yj-lens');
    el.settings = { exclude_breaches: false };
  });
  await page.waitForFunction(() => document.querySelector('yj-lens').report?.settings?.exclude_breaches === false, null, { timeout: 60_000 });
  await page.waitForTimeout(300);
  const afterCrash = await table(page);
  assert.deepEqual(afterCrash.rows, before.rows);
  await context.close();
});

test('KPI files given with an extract go with it; a refused extract keeps those of the figures shown', async () => {
  const { page, context } = await kpiView();
  // A refused extract (no usable column) with no KPI files: the sample's stay, as its figures do.
  const refused = await page.evaluate(async () => {
    const el = document.querySelector('yj-lens');
    try {
      await el.loadExtract(new Blob(['nothing,useful\n1,2\n']), { label: 'bad.csv' });
      return null;
    } catch (e) {
      return e.kind;
    }
  });
  assert.equal(refused, 'refused');
  await page.evaluate(() => document.querySelector('yj-lens').settings = { exclude_breaches: false });
  await page.waitForFunction(() => document.querySelector('yj-lens').report?.settings?.exclude_breaches === false, null, { timeout: 60_000 });
  assert.ok(await page.evaluate(() => Boolean(document.querySelector('yj-lens').report.kpi?.interventions)), 'the sample’s KPI files are still in use');
  // Another extract without KPI files: the sample's go with the sample (no KPIs tab).
  await page.evaluate(async () => {
    const csv = 'child_id,offence_date,outcome_date,outcome\nA,01/02/2024,01/03/2024,Referral Order\n';
    await document.querySelector('yj-lens').loadExtract(new Blob([csv]), { label: 'own.csv' });
  });
  assert.equal(await page.evaluate(() => document.querySelector('yj-lens').report.kpi ?? null), null);
  assert.equal(await page.locator('yj-lens [role="tab"]', { hasText: 'KPIs' }).count(), 0);
  // The analyst's own interventions file: loaded with loadInterventions, the tab comes back.
  const q = await page.evaluate(async () => {
    const csv = 'child_id,intervention_type,start_date,end_date,accommodation_suitable\nA,Referral order,01/03/2024,01/04/2024,Y\n';
    return document.querySelector('yj-lens').loadInterventions(new Blob([csv]));
  });
  assert.equal(q.rows_used, 1);
  assert.equal(await page.locator('yj-lens [role="tab"]', { hasText: 'KPIs' }).count(), 1);
  await context.close();
});
