// The board pack a board would accept: the cover the analyst typed (title, service name,
// reporting quarter — remembered for the session only, never in browser storage), UK dates
// everywhere, tables cut to the figures the charts show, the analyst's own mappings in words,
// and the Overview plus three views printing on at most 12 A4 pages (printed by Chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, openPage, cspViolations } from './browser.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => env.close());

const shadow = (page, fn) => page.evaluate((src) => new Function('root', src)(document.querySelector('yj-lens').shadowRoot), fn);

/** Pages of a PDF: its page objects (/Type /Page, not the /Type /Pages tree nodes). */
function pdfPages(bytes) {
  return (bytes.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

test('board pack: cover as typed, UK dates, collapsed tables, mappings, ≤ 12 A4 pages', async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });

  // A manual mapping: the sample's unknown outcome "Youth Diversion Programme" → Triage.
  await page.locator('yj-lens [role="tab"]', { hasText: 'Data quality' }).click();
  await page.locator('yj-lens select[data-value="Youth Diversion Programme"]').selectOption('Triage');
  const reloaded = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-loaded', () => ok(true), { once: true })));
  await page.locator('yj-lens button', { hasText: 'Re-analyse with these mappings' }).click();
  await reloaded;
  await page.waitForTimeout(200);
  // Kept in the Data quality view after re-analysis, in words.
  const mappings = await shadow(page, 'return root.querySelector(".mappings")?.textContent ?? ""');
  assert.match(mappings, /Outcome “Youth Diversion Programme” mapped to Triage/);

  // The cover, typed in the export panel; the Overview plus three views (Throughput unticked).
  await page.locator('yj-lens details.exports summary').click();
  await page.locator('yj-lens details.exports input[name="pack-title"]').fill('Quarterly performance report');
  await page.locator('yj-lens details.exports input[name="pack-service"]').fill('Northtown Youth Justice Service');
  await page.locator('yj-lens details.exports input[name="pack-quarter"]').fill('Jul–Sep 2025');
  await page.locator('yj-lens details.exports label', { hasText: 'Throughput' }).click();
  const ticked = await shadow(page, 'return [...root.querySelectorAll("details.exports input[type=checkbox]")].filter((i) => i.checked).map((i) => root.querySelector(`label[for="${i.id}"]`).textContent)');
  assert.deepEqual(ticked.filter((t) => !/disclosure control/.test(t)), ['Reoffending', 'Custody & remand', 'Ethnicity']);

  // Remembered for the session: another tab and a recalculation keep what was typed...
  await page.locator('yj-lens [role="tab"]', { hasText: 'Overview' }).click();
  assert.equal(await page.locator('yj-lens details.exports input[name="pack-service"]').inputValue(), 'Northtown Youth Justice Service');
  // ...in a JS variable on the element, never in browser storage.
  const storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookies: document.cookie }));
  assert.deepEqual(storage, { local: 0, session: 0, cookies: '' });

  const dl = page.waitForEvent('download');
  await page.locator('yj-lens details.exports button', { hasText: 'Download board pack' }).click();
  const download = await dl;
  const html = readFileSync(await download.path(), 'utf8');
  assert.match(download.suggestedFilename(), /^yjlens-board-pack-.*\.html$/);
  assert.ok(!/<script/i.test(html), 'no script in the pack');

  // Read the pack as a reader would: open it in a page of its own.
  const reader = await context.newPage();
  await reader.setContent(html, { waitUntil: 'load' });
  const pack = await reader.evaluate(() => ({
    title: document.querySelector('h1')?.textContent,
    cover: document.querySelector('.cover')?.textContent ?? '',
    text: document.body.innerText,
    tables: [...document.querySelectorAll('figure table')].map((t) => ({ caption: t.caption?.textContent ?? '', head0: t.tHead?.rows[0]?.cells[0]?.textContent, rows: t.tBodies[0].rows.length })),
    cuts: [...document.querySelectorAll('.view .cut')].map((p) => p.textContent),
    images: document.querySelectorAll('figure img').length,
    sections: [...document.querySelectorAll('h2')].map((h) => h.textContent),
    mappings: [...document.querySelectorAll('.mappings li')].map((li) => li.textContent),
  }));
  assert.equal(pack.title, 'Quarterly performance report');
  assert.ok(pack.cover.includes('Northtown Youth Justice Service'), pack.cover);
  assert.ok(pack.cover.includes('Reporting quarter: Jul–Sep 2025'), pack.cover);
  // UK dates: "Figures as at 31 Mar 2025"-style on the cover, and no ISO date anywhere.
  assert.match(pack.cover, /Figures as at \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}/);
  assert.match(pack.cover, /produced \d{1,2} [A-Z][a-z]{2} \d{4}/);
  assert.deepEqual(pack.text.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? [], [], 'no ISO dates');
  assert.ok(!/NaN|undefined|\[object Object\]/.test(pack.text));
  // Overview + three views, then the data-quality section with the mapping in words.
  assert.ok(pack.sections.some((s) => /^Overview/.test(s)));
  assert.ok(pack.sections.some((s) => /^Reoffending/.test(s)));
  assert.ok(!pack.sections.some((s) => /Throughput/.test(s)), 'unticked view left out');
  assert.ok(pack.sections.includes('Data quality'));
  assert.deepEqual(pack.mappings, ['Outcome “Youth Diversion Programme” mapped to Triage.']);
  // Tables collapsed: every time series at most the latest 8 periods (the sample has 22
  // rolling-12-month periods, Jul 2019 – Jun 2020 to Oct 2024 – Sep 2025); each view with a
  // cut table says so once.
  const series = pack.tables.filter((t) => t.head0 === 'Period');
  assert.ok(series.length >= 3, 'time-series tables present');
  for (const t of series) assert.ok(t.rows <= 8, `${t.caption}: ${t.rows} rows`);
  assert.ok(pack.cuts.length >= 2 && pack.cuts.every((c) => /latest 8 periods .*the full series is in the widget/.test(c)), pack.cuts.join(' | '));
  assert.ok(pack.images >= 8, 'charts as images');
  assert.equal(pack.tables.length, pack.images, 'one table per chart: the figures it shows');

  // Printed by Chromium on A4: at most 12 pages.
  const pdf = await reader.pdf({ format: 'A4', printBackground: false });
  const pages = pdfPages(pdf);
  assert.ok(pages >= 3, `a real pack (${pages} pages)`);
  assert.ok(pages <= 12, `Overview plus three views on ${pages} A4 pages (at most 12)`);
  await reader.close();

  assert.deepEqual(log.errors, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('the cover is per widget and per session: a new page starts empty', async () => {
  const { page, context } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  await page.locator('yj-lens details.exports summary').click();
  assert.equal(await page.locator('yj-lens details.exports input[name="pack-service"]').inputValue(), '');
  assert.equal(await page.locator('yj-lens details.exports input[name="pack-title"]').getAttribute('placeholder'), 'Youth justice board pack');
  await context.close();
});
