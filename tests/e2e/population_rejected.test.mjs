// A population file with impossible counts (issue 12 item 4): the rows are rejected, the rates
// use only the rest, and the Population panel and the rate's own denominator sentence say so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, openPage, WWW } from './browser.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => env.close());

test('impossible population counts are left out, and the panel and the rates say so', async () => {
  const { page, context } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  // The sample population plus two impossible rows: −5000 (negative) and 1e30 (above 10 million).
  const csv = `${readFileSync(join(WWW, 'sample-population.csv'), 'utf8').trim()}\n2024,White,Male,12,-5000\n2024,Black,Female,13,1e30\n`;
  const report = await page.evaluate(async (text) => {
    const lens = document.querySelector('yj-lens');
    await lens.loadPopulation(new Blob([text]), { label: 'pop-with-errors.csv' });
    const r = lens.report;
    const fte = r.figures.filter((f) => f.measure === 'fte_rate' && f.breakdown === 'all' && f.period_type === 'financial_year' && f.value !== null);
    const sentence = (start) => fte.find((f) => f.period_start === start)?.definition.match(/Denominator: .*?aged 10–17(?:;[^)]*\))?\./)?.[0];
    return { population: r.population, fy2024: sentence('2024-04-01'), fy2020: sentence('2020-04-01'), status: lens.shadowRoot.querySelector('details.population p.small').textContent };
  }, csv);
  // 2 rows rejected, one for each reason; the kept rows are the sample's own.
  assert.equal(report.population.rows_rejected, 2);
  assert.match(report.status, /Population in use: pop-with-errors\.csv\. 2 rows of it rejected and left out of every denominator \(1 negative population count; 1 population count above 10,000,000\)\./);
  // The FTE rate of 2024/25 (its denominator the 2024 population, where both rejected rows
  // were) names them in its denominator sentence; 2020/21's (the 2020 population) lost none
  // and says nothing of them.
  assert.equal(report.fy2024, 'Denominator: pop-with-errors.csv, 2024 population aged 10–17; 2 population rows rejected and left out (1 negative population count, 1 population count above 10,000,000).');
  assert.equal(report.fy2020, 'Denominator: pop-with-errors.csv, 2020 population aged 10–17.');
  await context.close();
});
