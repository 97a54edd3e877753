// CSVs that open cleanly in Excel on Windows: UTF-8 with a byte order mark, an optional prelude
// (title, period, unit, source lines), a 95% interval as two numeric columns, and cells that
// start = + - @ neutralised. Checked on toCsv in the page (under the widget's CSP) and on the
// CSV a user downloads from a chart of the demo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, openPage, cspViolations } from './browser.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => env.close());

/** A CSV parser as Excel reads one: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

test('toCsv: BOM, prelude lines, intervals as two numeric columns, formula cells neutralised', async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/`);
  const text = await page.evaluate(async () => {
    const { toCsv } = await import('./yjlens/exports.js');
    return toCsv(
      [
        ['Period', 'Rate (%)', '95% interval', 'Note'],
        ['Jan–Mar 2024', '28.8', { low: '1,234.5', high: '−0.4' }, '=HYPERLINK("x")'],
        ['Apr–Jun 2024', '[c]', '[c]', '+44 7700'],
        ['Jul–Sep 2024', '30.1', { low: '20.0', high: '41.3' }, '@risk'],
        ['Oct–Dec 2024', '-5', { low: '–', high: '–' }, '-x'],
      ],
      { title: 'Binary reoffending rate', period: 'Jan–Mar 2024 to Oct–Dec 2024', unit: '% of cohort', source: 'local case data (yjlens)' },
    );
  });
  // By hand: the BOM; four prelude lines and a blank line; "95% interval" split into "low" and
  // "high"; "1,234.5" → 1234.5 and "−0.4" (true minus) → -0.4 as plain numbers; "20.0" → 20;
  // "[c]" in both ends; "–" (no interval) → two empty cells; '=…', '+44 7700', '@risk' and
  // '-x' get a leading ' (and, holding a quote, are quoted); '-5' is a number and stays.
  const expected =
    '\uFEFF' +
    [
      'Binary reoffending rate',
      'Period: Jan–Mar 2024 to Oct–Dec 2024',
      'Unit: % of cohort',
      'Source: local case data (yjlens)',
      '',
      'Period,Rate (%),95% interval low,95% interval high,Note',
      'Jan–Mar 2024,28.8,1234.5,-0.4,"\'=HYPERLINK(""x"")"',
      'Apr–Jun 2024,[c],[c],[c],"\'+44 7700"',
      'Jul–Sep 2024,30.1,20,41.3,"\'@risk"',
      'Oct–Dec 2024,-5,,,"\'-x"',
    ].join('\r\n') +
    '\r\n';
  assert.equal(text, expected);

  // Backward compatible: toCsv(rows) is the table alone (with the BOM), as charts.js calls it.
  const plain = await page.evaluate(async () => (await import('./yjlens/exports.js')).toCsv([['Group', 'Count'], ['A', '3']]));
  assert.equal(plain, '\uFEFFGroup,Count\r\nA,3\r\n');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('a chart’s CSV download: UTF-8 with BOM, the interval as two numbers around the rate', async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  await page.locator('yj-lens [role="tab"]', { hasText: 'Reoffending' }).click();
  await page.waitForTimeout(300);
  const dl = page.waitForEvent('download');
  await page.locator('yj-lens [role="tabpanel"] .chart-tools').first().getByRole('button', { name: /CSV/ }).click();
  const download = await dl;
  const bytes = readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 byte order mark');
  const rows = parseCsv(bytes.subarray(3).toString('utf8'));
  const headAt = rows.findIndex((r) => r[0] === 'Period');
  assert.ok(headAt >= 0, 'a head row');
  const head = rows[headAt];
  const low = head.findIndex((c) => /95% interval low$/.test(c));
  const high = head.findIndex((c) => /95% interval high$/.test(c));
  const rate = head.findIndex((c) => /% of cohort/.test(c));
  assert.ok(low > 0 && high === low + 1, `two interval columns: ${head.join(' | ')}`);
  const body = rows.slice(headAt + 1).filter((r) => r.length === head.length);
  assert.ok(body.length >= 4);
  let checked = 0;
  for (const r of body) {
    if (!/^\d+(\.\d+)?$/.test(r[rate])) continue;
    // Plain numbers Excel reads as numbers: no thousands separator, no en dash, no %.
    assert.match(r[low], /^-?\d+(\.\d+)?$/, r.join(','));
    assert.match(r[high], /^-?\d+(\.\d+)?$/, r.join(','));
    assert.ok(Number(r[low]) <= Number(r[rate]) && Number(r[rate]) <= Number(r[high]), r.join(','));
    checked++;
  }
  assert.ok(checked >= 4, 'rates with intervals checked');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});
