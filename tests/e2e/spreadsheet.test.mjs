// Spreadsheets in (issue 13), in Chromium under the demo CSP: an .xlsx of the sample extract
// dropped on the demo page gives the same figures as the CSV, and the report names the sheet
// read; the CSV path never fetches the spreadsheet module, a spreadsheet fetches it once; an
// .ods population and a zip of workbooks are read; a zip with no table gets one sentence.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, openPage, cspViolations, WWW } from './browser.mjs';
import { odsOf, records, xlsxOf, zip } from './workbook.mjs';

const SAMPLE = join(WWW, 'sample-extract.csv');
let env;
let dir;
let xlsx;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yjlens-sheets-'));
  xlsx = join(dir, 'sample-extract.xlsx');
  writeFileSync(xlsx, xlsxOf(records(readFileSync(SAMPLE, 'utf8')), { cover: true }));
  env = await start();
});
after(async () => {
  await env.close();
  rmSync(dir, { recursive: true, force: true });
});

const sheetRequests = (log) => log.requests.filter((r) => /yjlens_sheets|\/sheets\.js/.test(r.url)).map((r) => r.url.replace(/^.*\//, ''));

/** Choose a file in the widget's file input; the figures, notes and quality once loaded. */
async function choose(page, path) {
  const loaded = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-loaded', () => ok(true), { once: true })));
  await page.locator('yj-lens input[type="file"]').first().setInputFiles(path);
  await loaded;
  return shown(page);
}

function shown(page) {
  return page.evaluate(() => {
    const el = document.querySelector('yj-lens');
    const r = el.report;
    const q = r.quality;
    return {
      figures: JSON.stringify(r.figures),
      notes: r.notes ?? [],
      rows: [q.rows_read, q.rows_used, q.rows_rejected, q.duplicates, q.header_line, q.encoding, q.delimiter],
      rejected: JSON.stringify(q.rejected),
      sheet: q.sheet ?? null,
      cards: [...el.shadowRoot.querySelectorAll('.card')].map((c) => c.textContent),
    };
  });
}

test('an .xlsx extract gives the same figures as its CSV; only a spreadsheet fetches the spreadsheet module', { timeout: 120_000 }, async () => {
  const { page, log } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });

  const csv = await choose(page, SAMPLE);
  assert.deepEqual(sheetRequests(log), [], 'the CSV path fetched the spreadsheet module');
  assert.ok(csv.cards.length > 0 && csv.figures.length > 1000);

  const book = await choose(page, xlsx);
  assert.deepEqual(book.rows, csv.rows);
  assert.equal(book.rejected, csv.rejected);
  assert.deepEqual(book.cards, csv.cards);
  assert.ok(book.figures === csv.figures, 'the figures differ');
  const note = 'Read from the sheet “Data” of sample-extract.xlsx (its other sheets: Cover).';
  assert.deepEqual(book.notes, [note, ...csv.notes]);
  assert.equal(book.sheet.note, note);
  assert.deepEqual(book.sheet.tables.map((t) => t.name), ['Cover', 'Data']);
  assert.equal(book.sheet.used, 1);
  assert.equal(book.sheet.clear, true);
  // Fetched once, on the first spreadsheet: the glue, its wasm, the worker's module.
  assert.deepEqual(sheetRequests(log).sort(), ['sheets.js', 'yjlens_sheets.js', 'yjlens_sheets_bg.wasm']);

  // A setting changed re-analyses: the note stays.
  await page.evaluate(() => new Promise((ok) => {
    const el = document.querySelector('yj-lens');
    el.addEventListener('yj-loaded', () => ok(true), { once: true });
    el.settings = { reference_group: 'Black' };
  }));
  assert.equal((await shown(page)).notes[0], note);
  // The CSV again: the note goes, nothing more is fetched.
  const again = await choose(page, SAMPLE);
  assert.deepEqual(again.notes, csv.notes);
  assert.equal(again.sheet, null);
  assert.equal(sheetRequests(log).length, 3);
  assert.deepEqual(await cspViolations(page), []);
});

test('an .ods population, a zip of workbooks, and a zip with no table refused in one sentence', { timeout: 120_000 }, async () => {
  const { page } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  const pop = records(readFileSync(join(WWW, 'sample-population.csv'), 'utf8')).map((r, i) => (i ? r.map((v) => (/^\d+$/.test(v) ? Number(v) : v)) : r));
  const ods = odsOf([
    ['Notes', [['Note number', 'Note text'], [1, 'Synthetic.']]],
    ['Population', [['Population aged 10 to 17'], [], ...pop]],
  ]);
  const tables = zip([
    ['tables/sample-extract.xlsx', readFileSync(xlsx)],
    ['tables/readme.txt', 'Not a table.'],
  ]);
  const junk = zip([['photo.jpg', 'not a table']]);
  const result = await page.evaluate(
    async ([odsBytes, zipBytes, junkBytes]) => {
      const el = document.querySelector('yj-lens');
      const file = (bytes, name) => new File([new Uint8Array(bytes)], name);
      const report = await el.loadExtract(file(zipBytes, 'tables.zip'), { population: file(odsBytes, 'population.ods'), populationLabel: 'population.ods' });
      let refusal = null;
      await el.loadExtract(file(junkBytes, 'photos.zip')).catch((e) => (refusal = e));
      return {
        notes: report.notes,
        rate: report.figures.find((f) => f.measure === 'fte_rate' && f.value != null)?.definition ?? null,
        refusal,
      };
    },
    [[...ods], [...tables], [...junk]],
  );
  assert.equal(result.notes[0], 'Read from the sheet “Data” of tables/sample-extract.xlsx in tables.zip (its other tables: tables/sample-extract.xlsx › Cover).');
  assert.match(result.rate, /population\.ods/);
  assert.equal(result.refusal.kind, 'refused');
  assert.equal(result.refusal.message, 'This zip archive (photos.zip) holds no spreadsheet (.xlsx, .ods) or CSV file to read.');
});

test('the table picker (panels/sheet.js) names the table read and offers the others', async () => {
  const { page } = await openPage(env.browser, `${env.base}/`);
  const got = await page.evaluate(async () => {
    const { sheetPicker, SPREADSHEET_ACCEPT } = await import('/yjlens/panels/sheet.js');
    const t = (index, name, rows, header_row, known, hidden = false) => ({ index, name, rows, columns: 8, header_row, known, hidden });
    const info = { tables: [t(0, 'Cover', 3, null, 0), t(1, 'Table_1', 120, 3, 0), t(2, 'Table_2', 1500, 3, 2, true)], used: 1, clear: false, note: 'Read from the sheet “Table_1” of tables.ods (its other sheets: Cover, Table_2).' };
    const picked = [];
    const block = sheetPicker(info, (name) => picked.push(name));
    document.body.append(block);
    const options = [...block.querySelectorAll('option')].map((o) => [o.textContent, o.selected]);
    block.querySelector('button').click(); // the table already read: nothing to do
    block.querySelector('select').selectedIndex = 2;
    block.querySelector('button').click();
    return { text: block.textContent, options, picked, label: block.querySelector('label').htmlFor === block.querySelector('select').id, none: sheetPicker(null, () => {}), accept: SPREADSHEET_ACCEPT };
  });
  assert.deepEqual(got.options, [
    ['Cover: 3 rows × 8 columns, no header found', false],
    ['Table_1: 120 rows × 8 columns, header on row 3', true],
    ['Table_2 (hidden sheet): 1,500 rows × 8 columns, header on row 3 naming 2 known columns', false],
  ]);
  assert.deepEqual(got.picked, ['Table_2']);
  assert.ok(got.text.includes('Several tables could be the one to read'));
  assert.ok(got.label);
  assert.equal(got.none, null);
  assert.match(got.accept, /\.xlsx,\.ods,\.zip/);
});

test('the worker reads the table the load names (options.sheet), and refuses one with no header', { timeout: 120_000 }, async () => {
  const { page } = await openPage(env.browser, `${env.base}/`);
  const got = await page.evaluate(async (bytes) => {
    const { EngineClient } = await import('/yjlens/client.js');
    const client = new EngineClient();
    const file = new File([new Uint8Array(bytes)], 'sample-extract.xlsx');
    const load = (sheet) => client.request({ type: 'load', source: file, settings: {}, options: { sheet } }).then(
      (m) => ({ notes: m.report.notes, used: m.sheet.used, rows: m.quality.rows_used }),
      (e) => ({ error: e }),
    );
    const out = { cover: await load('Cover'), second: await load('2') };
    client.close();
    return out;
  }, [...readFileSync(xlsx)]);
  assert.equal(got.cover.error.kind, 'refused');
  assert.ok(got.cover.error.message.length > 10 && !got.cover.error.message.includes('\n'), got.cover.error.message);
  assert.equal(got.second.used, 1);
  assert.ok(got.second.rows > 1000);
  assert.equal(got.second.notes[0], 'Read from the sheet “Data” of sample-extract.xlsx (its other sheets: Cover).');
});

test('the element names the table it read from a workbook and offers the others; the file inputs take spreadsheets', { timeout: 120_000 }, async () => {
  const { page } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  await choose(page, xlsx);
  const picker = await page.evaluate(() => {
    const root = document.querySelector('yj-lens').shadowRoot;
    const block = root.querySelector('.sheet-picker');
    return {
      text: block?.querySelector('p')?.textContent,
      options: [...(block?.querySelectorAll('option') ?? [])].map((o) => [o.value, o.selected]),
      accept: root.querySelector('input[type="file"]').accept,
    };
  });
  // The workbook has a Cover sheet and the Data sheet: Data was read, Cover is offered.
  assert.equal(picker.text, 'Read from the sheet “Data” of sample-extract.xlsx (its other sheets: Cover).');
  assert.deepEqual(picker.options, [['Cover', false], ['Data', true]]);
  assert.match(picker.accept, /\.xlsx,\.ods,\.zip/);
  // Reading the Cover instead is refused in one sentence; the figures on screen stay the Data's.
  const before = await page.evaluate(() => document.querySelector('yj-lens').report.quality.rows_used);
  const error = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-error', (e) => ok(e.detail.message), { once: true })));
  await page.evaluate(() => {
    const block = document.querySelector('yj-lens').shadowRoot.querySelector('.sheet-picker');
    block.querySelector('select').value = 'Cover';
    block.querySelector('button').click();
  });
  const message = await error;
  assert.ok(message.length > 10 && !message.includes('\n'), message);
  assert.equal(await page.evaluate(() => document.querySelector('yj-lens').report.quality.rows_used), before);
});
