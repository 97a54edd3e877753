// Direct identifiers in an extract (names, postcodes, NHS numbers) are dropped on ingest and
// provably absent from every output: the report object, the page's DOM (text and attributes,
// shadow root included), and the aggregate export — even the unsuppressed one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, cspViolations } from './browser.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => env.close());

const SECRETS = ['Alice', 'Zebedee-Smythe', 'SW1A 1AA', '943 476 5919', '12 Acacia Avenue'];
const HEADER = 'child_id,First Name,Surname,Postcode,NHS number,Address,offence_date,outcome_date,outcome,date_of_birth,sex,ethnicity,offence_category';
// Six rows for two children, identifiers on every row.
const ROWS = [
  'C1,Alice,Zebedee-Smythe,SW1A 1AA,943 476 5919,12 Acacia Avenue,05/01/2023,01/02/2023,Youth Caution,01/06/2008,F,White: Irish,Robbery',
  'C1,Alice,Zebedee-Smythe,SW1A 1AA,943 476 5919,12 Acacia Avenue,01/05/2023,01/06/2023,Referral Order,01/06/2008,F,White: Irish,Burglary (domestic)',
  'C1,Alice,Zebedee-Smythe,SW1A 1AA,943 476 5919,12 Acacia Avenue,01/09/2023,01/10/2023,YRO,01/06/2008,F,White: Irish,Robbery',
  'C2,Alice,Zebedee-Smythe,SW1A 1AA,943 476 5919,12 Acacia Avenue,01/03/2023,20/03/2023,Triage,01/02/2009,M,Black: African,Criminal damage',
  'C2,Alice,Zebedee-Smythe,SW1A 1AA,943 476 5919,12 Acacia Avenue,01/04/2023,20/05/2023,Youth Conditional Caution,01/02/2009,M,Black: African,Public order',
  'C2,Alice,Zebedee-Smythe,SW1A 1AA,943 476 5919,12 Acacia Avenue,01/07/2023,20/08/2023,Referral Order,01/02/2009,M,Black: African,Public order',
];

test('identifier columns are dropped, listed, and their values appear nowhere', async () => {
  const { page, context } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  const csv = [HEADER, ...ROWS].join('\n') + '\n';
  const out = await page.evaluate(async (text) => {
    const el = document.querySelector('yj-lens');
    const file = new File([text], 'with-identifiers.csv', { type: 'text/csv' });
    const report = await el.loadExtract(file);
    // Visit every view so each has rendered into the DOM at least once.
    const texts = [];
    for (const tab of el.shadowRoot.querySelectorAll('[role="tab"]')) {
      tab.click();
      await new Promise((r) => setTimeout(r, 100));
      const all = [...el.shadowRoot.querySelectorAll('*')];
      texts.push(el.shadowRoot.textContent);
      texts.push(all.flatMap((n) => [...n.attributes].map((a) => a.value)).join('\n'));
    }
    const exported = await (await el.exportAggregate({ suppress: false })).text();
    return {
      dropped: report.quality.dropped_columns,
      used: report.quality.rows_used,
      json: JSON.stringify(report),
      dom: texts.join('\n') + document.body.textContent,
      exported,
    };
  }, csv);
  // Six rows read, all used (none is malformed).
  assert.equal(out.used, 6);
  for (const column of ['First Name', 'Surname', 'Postcode', 'NHS number', 'Address']) {
    assert.ok(out.dropped.includes(column), `${column} listed as dropped`);
  }
  for (const secret of SECRETS) {
    assert.ok(!out.json.includes(secret), `report holds ${secret}`);
    assert.ok(!out.dom.includes(secret), `page shows ${secret}`);
    assert.ok(!out.exported.includes(secret), `export holds ${secret}`);
  }
  assert.ok(out.exported.startsWith('measure,stage,'), 'the export is the aggregate file');
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});
