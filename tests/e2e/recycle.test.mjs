// Issue 15 item 2: wasm memory never shrinks, so after a large file (its worker's memory at
// 128 MiB or more) the next file is read by a new worker, which is given what the old one held
// — the population, the KPI files — and, if that file is refused, the figures on screen. The
// threshold is lowered here (`session.recycleFrom`) so that the synthetic sample counts as
// large: every load then gets a new worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, cspViolations } from './browser.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env.close();
});

test('after a large file the next is read by a new worker: same figures, population and KPIs; a refused file keeps the figures on screen', { timeout: 120_000 }, async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  const out = await page.evaluate(async () => {
    const el = document.querySelector('yj-lens');
    const [extract, population, interventions] = await Promise.all(
      ['sample-extract.csv', 'sample-population.csv', 'sample-interventions.csv'].map((f) => fetch(f).then((r) => r.blob())),
    );
    // The headline figures: a count (no denominator), a rate (the population's) and a KPI.
    const pick = (r) => {
      const find = (measure) => r.figures.find((f) => f.measure === measure && f.period_type === 'financial_year' && f.breakdown === 'all' && f.value !== null);
      return { cohort: find('reoffending_cohort')?.value, fte: find('fte_rate')?.value, kpis: r.figures.filter((f) => /^kpi\d/.test(f.measure)).length, population: r.population?.source ?? null };
    };
    await el.loadExtract(extract, { label: 'sample', population, populationLabel: 'sample population', interventions });
    const first = pick(el.report);
    const workers = [el.engine];
    el.session.recycleFrom = 0;
    // The same extract again (its population and KPI file stay: they belong to it).
    await el.loadExtract(extract, { label: 'sample' });
    workers.push(el.engine);
    const second = pick(el.report);
    // A file that is not an extract: refused; the figures on screen stay, and the next
    // settings change is computed by the new worker, given the extract on screen again.
    let refused = null;
    try {
      await el.loadExtract(new File(['not,an,extract\n1,2,3\n'], 'wrong.csv'));
    } catch (e) {
      refused = e.message;
    }
    workers.push(el.engine);
    const shown = pick(el.report);
    const changed = new Promise((ok) => el.addEventListener('yj-loaded', () => ok(), { once: true }));
    el.settings = { cohort_method: 'legacy' };
    await changed;
    el.settings = { cohort_method: 'pooled' };
    await new Promise((ok) => el.addEventListener('yj-loaded', () => ok(), { once: true }));
    return {
      first,
      second,
      refused,
      shown,
      again: pick(el.report),
      distinct: new Set(workers).size,
      memory: el.session.timing?.wasm_memory_bytes ?? null,
    };
  });
  // The sample's figures (2,000 made-up children): found, and the same in every worker.
  assert.ok(out.first.cohort > 0 && out.first.fte > 0 && out.first.kpis > 0, JSON.stringify(out.first));
  assert.equal(out.first.population, 'sample population');
  assert.deepEqual(out.second, out.first, 'the new worker was given the population and the KPI file');
  // Three loads, three workers: the first, the one that read the extract again, the one
  // that refused the wrong file.
  assert.equal(out.distinct, 3);
  assert.ok(out.refused, 'the wrong file is refused with a sentence');
  assert.deepEqual(out.shown, out.first, 'the figures on screen stay after the refusal');
  // Re-analysed in the worker that refused the wrong file: the extract was given to it again.
  assert.equal(out.again.cohort, out.first.cohort);
  assert.ok(out.memory > 0);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});
