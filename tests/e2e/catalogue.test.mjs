// The catalogue is the page's only source of ids (issue 11): no file of www/src spells out a
// measure id, a decision point or an outcome code, and in the browser the catalogue the wasm
// core exports names every measure the report holds, with its label, unit and definition.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findLiterals, forbidden } from '../../scripts/check-catalogue.mjs';
import { start, openPage, waitForReport } from './browser.mjs';

test('no file of www/src names a measure id, a decision point or an outcome code', () => {
  const found = findLiterals();
  assert.deepEqual(found.map((f) => `${f.file}:${f.line} ${f.literal}`), []);
  // The check knows the ids (read from the Rust catalogue): it would find one.
  assert.ok(forbidden().get('disp_rri'), 'the check reads the measure ids');
});

test('the page reads the catalogue from the wasm core: every measure of the report, with words', async () => {
  const env = await start();
  try {
    const { page } = await openPage(env.browser, `${env.base}/`);
    await waitForReport(page);
    const got = await page.evaluate(async () => {
      const c = await import('./yjlens/catalogue.js');
      const report = document.querySelector('yj-lens').report;
      const measures = [...new Set(report.figures.map((f) => f.measure))];
      let unknownName = '';
      try {
        void c.Measure.NoSuchMeasure;
      } catch (e) {
        unknownName = String(e.message);
      }
      return {
        error: c.CATALOGUE_ERROR && String(c.CATALOGUE_ERROR),
        missing: measures.filter((m) => !c.measureInfo(m)),
        unlabelled: c.CATALOGUE.measures.filter((m) => !m.label || !m.definition || !c.unitInfo(m.unit)).map((m) => m.id),
        rri: c.Measure.DispRri,
        rriUnit: c.unitInfo(c.measureInfo(c.Measure.DispRri).unit).kind,
        counted: c.CATALOGUE.stages.filter((s) => s.counted).length,
        ethnicity: c.breakdownInfo(c.Breakdown.Ethnicity),
        unknownName,
        lang: c.CATALOGUE.lang,
        message: c.message(`measure.${c.Measure.FteRate}`),
        // The page's own words: its table, then the catalogue's for the figures' words.
        chrome: (await import('./yjlens/messages/index.js')).t('view.custody'),
        tabs: [...document.querySelector('yj-lens').shadowRoot.querySelectorAll('[role=tab]')].map((x) => x.textContent),
      };
    });
    assert.equal(got.error, null);
    assert.deepEqual(got.missing, [], 'every measure of the report is in the catalogue');
    assert.deepEqual(got.unlabelled, []);
    assert.equal(got.rri, forbidden().has(got.rri) && got.rri, 'Measure.DispRri is the id the Rust catalogue has');
    assert.equal(got.rriUnit, 'index');
    assert.equal(got.counted, 10);
    assert.equal(got.ethnicity.unknown, 'Unknown');
    assert.equal(got.ethnicity.groups.at(-1).value, 'Unknown', 'the Unknown group is last, and named');
    assert.match(got.unknownName, /no measure named NoSuchMeasure/);
    assert.equal(got.lang, 'en');
    assert.equal(got.message, 'First-time entrant rate');
    assert.equal(got.chrome, 'Custody & remand');
    // Issue 14: the demo's sample comes with its interventions and board files, so a KPIs tab.
    assert.deepEqual(got.tabs, ['Overview', 'Reoffending', 'Custody & remand', 'Ethnicity', 'Throughput', 'KPIs', 'Data quality']);
  } finally {
    await env.close();
  }
});
