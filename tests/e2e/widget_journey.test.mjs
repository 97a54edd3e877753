// The analyst's journey in Chromium under the demo CSP: choose the sample file → progress →
// Overview equals the native CLI → every view → period and breakdown → map an unknown code →
// every export, checked by content. Along the way: no request after load, no CSP violation,
// no case data in storage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, openPage, cspViolations, inkedPixels, ROOT, WWW } from './browser.mjs';

const CLI = join(ROOT, 'target/release/yjlens');
const SAMPLE = join(WWW, 'sample-extract.csv');
const POPULATION = join(WWW, 'sample-population.csv');
let env;

before(async () => {
  env = await start();
});
after(async () => env.close());

const oneDp = (v) => (Math.round(Number((v * 10).toPrecision(12))) / 10).toFixed(1);
const twoDp = (v) => (Math.round(Number((v * 100).toPrecision(12))) / 100).toFixed(2);

function native() {
  return JSON.parse(execFileSync(CLI, ['report', SAMPLE, '--population', POPULATION, '--json'], { maxBuffer: 1 << 30 }));
}

const shadow = (page, fn, arg) => page.evaluate(([src, a]) => new Function('root', 'arg', src)(document.querySelector('yj-lens').shadowRoot, a), [fn, arg]);

async function readDownload(download) {
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8'), bytes: readFileSync(path) };
}

async function tab(page, name) {
  await page.locator('yj-lens [role="tab"]', { hasText: name }).click();
  await page.waitForTimeout(150);
}

test('analyst journey: drop, overview equals the CLI, every view, controls, mapping, exports', async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  const loadedAt = Date.now();

  // The analyst's own population, loaded as they would (it stays for the file they drop; the
  // demo's synthetic one went with the demo's sample).
  await page.evaluate(async (csv) => {
    await document.querySelector('yj-lens').loadPopulation(new Blob([csv]), { label: 'sample-population.csv' });
  }, readFileSync(POPULATION, 'utf8'));
  // Drop the sample file: progress, then the report.
  const progress = page.evaluate(
    () => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-progress', (e) => ok(e.detail), { once: true })),
  );
  const loaded = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-loaded', () => ok(true), { once: true })));
  await page.locator('yj-lens input[type="file"]').first().setInputFiles(SAMPLE);
  assert.ok((await progress).total > 100_000);
  await loaded;

  // Overview: latest final rolling-12-month cohort, as the CLI computes it.
  const report = native();
  const rates = report.figures
    .filter((f) => f.measure === 'reoffending_binary_rate' && f.period_type === 'rolling_12m' && f.breakdown === 'all' && f.status === 'final')
    .sort((a, b) => a.period_start.localeCompare(b.period_start));
  const fin = rates[rates.length - 1];
  const perReoffender = report.figures.find(
    (f) => f.measure === 'reoffences_per_reoffender' && f.period_type === 'rolling_12m' && f.breakdown === 'all' && f.period_start === fin.period_start,
  );
  const cards = await shadow(page, 'return [...root.querySelectorAll(".card")].map((c) => c.textContent)');
  const finalCard = cards.find((c) => c.includes('latest final cohort'));
  assert.ok(finalCard.includes(fin.period_label), finalCard);
  assert.ok(finalCard.includes(`${oneDp(fin.value)}% reoffended`), finalCard);
  assert.ok(finalCard.includes(`(${fin.numerator.toLocaleString('en-GB')} of ${fin.denominator.toLocaleString('en-GB')} children)`), finalCard);
  assert.ok(finalCard.includes(`Reoffences per reoffender: ${twoDp(perReoffender.value)}`), finalCard);
  assert.match(finalCard, /percentage points; [+−±][\d.]+% relative change/);
  const fte = report.figures
    .filter((f) => f.measure === 'fte_rate' && f.period_type === 'rolling_12m' && f.breakdown === 'all')
    .sort((a, b) => a.period_start.localeCompare(b.period_start))
    .pop();
  assert.ok(cards.some((c) => c.includes(`First-time entrants`) && c.includes(String(Math.round(fte.value)))), 'FTE rate card');

  // Every view renders with charts drawn and no error.
  for (const name of ['Reoffending', 'Custody & remand', 'Ethnicity', 'Throughput', 'Data quality', 'Overview']) {
    await tab(page, name);
    const state = await shadow(page, 'return { panel: root.querySelector("[role=tabpanel]").textContent.length, errors: root.querySelectorAll("[role=tabpanel] .error").length, canvases: root.querySelectorAll("[role=tabpanel] canvas").length }');
    assert.ok(state.panel > 200, `${name} shows content`);
    assert.equal(state.errors, 0, `${name} renders without error`);
    if (['Reoffending', 'Custody & remand', 'Ethnicity', 'Throughput'].includes(name)) assert.ok(state.canvases >= 2, `${name} has charts`);
  }
  await tab(page, 'Reoffending');
  await page.waitForTimeout(300);
  const canvas = page.locator('yj-lens [role="tabpanel"] canvas').first();
  assert.ok((await inkedPixels(page, canvas)) > 5_000);
  const labels = await shadow(page, 'return [...root.querySelectorAll("canvas")].map((c) => [c.getAttribute("role"), c.getAttribute("aria-label")])');
  for (const [role, label] of labels) {
    assert.equal(role, 'img');
    assert.ok(label.length > 40, label);
  }
  assert.ok(labels.some(([, l]) => /latest final cohort .*: \d+\.\d% \(\d+ of \d+\)/.test(l)));
  assert.ok(await shadow(page, 'return root.textContent.includes("Reoffences per child in cohort") && root.textContent.includes("Reoffences per reoffender")'));
  // A chart's message names its figure once: "Reoffences per reoffender fell to 3.51 in the year to
  // Mar 2024", not "… fell to 3.51 reoffences per reoffender in …" (the unit repeated the name).
  const titles = await shadow(page, 'return [...root.querySelectorAll("[role=tabpanel] figure.chart")].map((f) => f.chart.spec.title)');
  for (const title of titles.filter((x) => /^Reoffences per/.test(x))) {
    assert.match(title, /^Reoffences per (child in the cohort|reoffender) (rose to|fell to|was unchanged at|was) [\d.]+ in /, title);
  }
  assert.equal(titles.filter((x) => /^Reoffences per/.test(x)).length, 2, titles.join(' | '));

  // Period → quarter, breakdown → sex: the trend table is the CLI's quarterly cohorts.
  await page.locator('yj-lens select', { has: page.locator('option[value="quarter"]') }).selectOption('quarter');
  await page.locator('yj-lens select', { has: page.locator('option[value="sex"]') }).selectOption('sex');
  await page.waitForTimeout(200);
  const quarterly = report.figures.filter((f) => f.measure === 'reoffending_binary_rate' && f.period_type === 'quarter' && f.breakdown === 'all');
  const rows = await shadow(page, 'return [...root.querySelector("[role=tabpanel] table").tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent))');
  assert.equal(rows.length, quarterly.length);
  for (const f of quarterly) {
    const row = rows.find((r) => r[0] === f.period_label);
    assert.ok(row, f.period_label);
    assert.equal(row[1], f.denominator.toLocaleString('en-GB'));
    assert.equal(row[2], f.numerator.toLocaleString('en-GB'));
    assert.equal(row[3], oneDp(f.value));
  }
  assert.ok(await shadow(page, 'return [...root.querySelectorAll("canvas")].some((c) => /by sex/.test(c.getAttribute("aria-label")))'));

  // Show as table toggles.
  const toggle = page.locator('yj-lens [role="tabpanel"] .chart-tools button[aria-expanded]').first();
  assert.equal(await toggle.textContent(), 'Show as table');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await toggle.textContent(), 'Hide table');

  // Per-chart exports: PNG at 2×, SVG, CSV.
  const tools = page.locator('yj-lens [role="tabpanel"] .chart-tools').first();
  let dl = page.waitForEvent('download');
  await tools.getByRole('button', { name: 'PNG' }).click();
  const png = await readDownload(await dl);
  assert.match(png.name, /\.png$/);
  assert.equal(png.bytes.subarray(1, 4).toString(), 'PNG');
  const canvasWidth = await canvas.evaluate((c) => c.clientWidth);
  assert.equal(png.bytes.readUInt32BE(16), canvasWidth * 2, 'PNG at 2× the chart width');
  dl = page.waitForEvent('download');
  await tools.getByRole('button', { name: 'SVG' }).click();
  const svg = await readDownload(await dl);
  assert.match(svg.text, /<svg[\s\S]*Binary reoffending rate/);
  dl = page.waitForEvent('download');
  await tools.getByRole('button', { name: 'CSV' }).click();
  const csv = await readDownload(await dl);
  // Opens cleanly in Excel on Windows: a BOM, then the chart's title, period, unit and source
  // lines, then the table.
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const csvLines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
  assert.match(csvLines[0], /^Reoffending (rose to|fell to|was unchanged at|was) /);
  assert.ok(csvLines.some((l) => /^Period,Cohort \(children\),Reoffenders \(children\)/.test(l)), csvLines.slice(0, 8).join('\n'));
  assert.ok(csv.text.includes(quarterly[0].period_label));

  // Map an unknown code: the sample's "Youth Diversion Programme".
  await tab(page, 'Data quality');
  const mapping = page.locator('yj-lens select[data-value="Youth Diversion Programme"]');
  assert.equal(await mapping.count(), 1, 'the unknown outcome is listed with a mapping control');
  await mapping.selectOption('Triage');
  const reloaded = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-loaded', () => ok(true), { once: true })));
  await page.locator('yj-lens button', { hasText: 'Re-analyse with these mappings' }).click();
  await reloaded;
  await page.waitForTimeout(200);
  assert.equal(await page.locator('yj-lens select[data-value="Youth Diversion Programme"]').count(), 0, 'mapped: no longer unknown');
  const unknown = await page.evaluate(() => document.querySelector('yj-lens').report.quality.unknown_codes.map((c) => c.value));
  assert.ok(!unknown.includes('Youth Diversion Programme'));

  // Mapping profile JSON.
  await page.locator('yj-lens details.exports summary').click();
  dl = page.waitForEvent('download');
  await page.locator('yj-lens details.exports button', { hasText: 'Save mapping profile' }).click();
  const profile = await readDownload(await dl);
  assert.equal(JSON.parse(profile.text).outcomes['Youth Diversion Programme'], 'Triage');

  // Aggregate CSV: disclosure control ticked by default; unticked → "-unsuppressed.csv".
  dl = page.waitForEvent('download');
  await page.locator('yj-lens details.exports button', { hasText: 'Download figures (CSV)' }).click();
  const agg = await readDownload(await dl);
  assert.match(agg.name, /^yjlens-figures-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.deepEqual([...agg.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM for Excel');
  assert.match(agg.text.replace(/^\uFEFF/, '').split('\n')[0], /^measure,stage,period_type/);
  assert.ok(agg.text.includes(',true,'), 'some figures suppressed');
  await page.locator('yj-lens details.exports input[type="checkbox"]').first().uncheck();
  dl = page.waitForEvent('download');
  await page.locator('yj-lens details.exports button', { hasText: 'Download figures (CSV)' }).click();
  const raw = await readDownload(await dl);
  assert.match(raw.name, /-unsuppressed\.csv$/);
  assert.ok(!/,true,/.test(raw.text.split('\n').slice(1, 2000).join('\n')), 'nothing suppressed');

  // Board pack: a standalone printable HTML document with charts as PNG data URLs.
  dl = page.waitForEvent('download');
  await page.locator('yj-lens details.exports button', { hasText: 'Download board pack' }).click();
  const pack = await readDownload(await dl);
  assert.match(pack.name, /^yjlens-board-pack-.*\.html$/);
  assert.match(pack.text, /^<!doctype html>/);
  assert.match(pack.text, /@page \{ size: A4/);
  assert.ok((pack.text.match(/<img src="data:image\/png;base64,/g) ?? []).length >= 8, 'charts as PNG');
  assert.ok(pack.text.includes('Binary reoffending rate'));
  assert.ok(pack.text.includes('<table>'));
  assert.ok(!/<script/i.test(pack.text), 'no script in the board pack');

  // Privacy: nothing fetched after load (downloads are blob: URLs made in the page).
  const requests = log.requests.filter((r) => r.at > loadedAt && !/^(blob|data):/.test(r.url));
  assert.deepEqual(requests.map((r) => r.url), []);
  const storage = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookies: document.cookie,
    idb: (await indexedDB.databases()).length,
  }));
  assert.deepEqual(storage, { local: 0, session: 0, cookies: '', idb: 0 });
  assert.deepEqual((await context.cookies()).length, 0);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('population: typed totals give rates; without population rates say so', async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  // A fresh widget with no population.
  await page.evaluate(async () => {
    const el = document.createElement('yj-lens');
    el.id = 'bare';
    document.body.append(el);
    const text = await (await fetch('sample-extract.csv')).blob();
    await el.loadExtract(text, { label: 'sample' });
  });
  const bare = (src) => page.evaluate((s) => new Function('root', s)(document.getElementById('bare').shadowRoot), src);
  const text = await bare('return root.querySelector("[role=tabpanel]").textContent');
  assert.ok(text.includes('add population to see rates'), 'rates without a denominator say so');
  assert.ok(!/NaN|undefined|Infinity/.test(text));
  await page.locator('#bare details.population summary').click();
  await page.locator('#bare details.population input[name="total"]').fill('20000');
  await page.locator('#bare details.population input[name="year"]').fill('2024');
  const loaded = page.evaluate(() => new Promise((ok) => document.getElementById('bare').addEventListener('yj-loaded', () => ok(true), { once: true })));
  await page.locator('#bare details.population button', { hasText: 'Use these totals' }).click();
  await loaded;
  const after = await bare('return [...root.querySelectorAll(".card")].map((c) => c.textContent).join("|")');
  assert.match(after, /First-time entrants[^|]*\d+ ?per 100,000 aged 10-17/);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('settings go to the worker: custody unit, reference group, breaches, extract date', async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  await page.locator('yj-lens details.settings summary').click();
  let loaded = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-loaded', () => ok(true), { once: true })));
  await page.locator('yj-lens details.settings select', { has: page.locator('option[value="per100000"]') }).selectOption('per100000');
  await loaded;
  assert.equal(await page.evaluate(() => document.querySelector('yj-lens').report.settings.custody_unit), 'per100000');
  assert.ok((await page.locator('yj-lens .cards').textContent()).includes('per 100,000 aged 10-17'));
  loaded = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-loaded', () => ok(true), { once: true })));
  await page.locator('yj-lens details.settings select', { has: page.locator('option[value="Black"]') }).selectOption('Black');
  await loaded;
  assert.equal(await page.evaluate(() => document.querySelector('yj-lens').report.settings.reference_group), 'Black');
  loaded = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-loaded', () => ok(true), { once: true })));
  await page.locator('yj-lens details.settings input[type="checkbox"]').check();
  await loaded;
  assert.equal(await page.evaluate(() => document.querySelector('yj-lens').report.settings.exclude_breaches), false);
  // A user-set extract date: periods end there, later rows are ignored, and the cohorts equal
  // the CLI's with --extract-date on the same file.
  loaded = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-loaded', () => ok(true), { once: true })));
  // The date box is day first (UK), whatever the browser's locale.
  await page.locator('yj-lens details.settings input[inputmode="numeric"]').fill('31/03/2024');
  await page.locator('yj-lens details.settings input[inputmode="numeric"]').press('Tab');
  await loaded;
  const cohorts = (figures) =>
    Object.fromEntries(
      figures.filter((f) => f.measure === 'reoffending_cohort' && f.period_type === 'quarter' && f.breakdown === 'all').map((f) => [f.period_label, [f.value, f.status]]),
    );
  const widget = await page.evaluate(() => {
    const r = document.querySelector('yj-lens').report;
    return { date: r.extract_date, figures: r.figures.filter((f) => f.measure === 'reoffending_cohort') };
  });
  assert.equal(widget.date, '2024-03-31');
  const native = JSON.parse(execFileSync(CLI, ['report', SAMPLE, '--json', '--extract-date', '2024-03-31'], { maxBuffer: 1 << 30 }));
  const shownCohorts = cohorts(widget.figures);
  assert.deepEqual(shownCohorts, cohorts(native.figures));
  // The last cohort is the quarter ending on the extract date, still being tracked.
  assert.deepEqual(shownCohorts['Jan–Mar 2024'][1], 'provisional');
  assert.equal(shownCohorts['Apr–Jun 2024'], undefined);
  assert.deepEqual(log.errors, []);
  await context.close();
});
