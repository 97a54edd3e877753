// The element's lifecycle and its settings, end to end in Chromium under the demo CSP: closing
// the engine rejects what is pending; moving the element in the page (or taking it out and
// putting it back) keeps its extract, so the next settings change works; `suppress-below` and
// `population-src` changed after load take effect; the public settings API (`el.settings`) and
// the matching attributes re-analyse once, and refuse what is not a setting with a sentence.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { start, openPage, cspViolations, WWW } from './browser.mjs';

const DOUBLED = join(WWW, 'test-population-doubled.csv');
let env;

before(async () => {
  // The sample population with every count doubled: rates per head halve.
  const [head, ...rows] = readFileSync(join(WWW, 'sample-population.csv'), 'utf8').trim().split('\n');
  writeFileSync(DOUBLED, `${head}\n${rows.map((r) => r.replace(/,(\d+)$/, (_, n) => `,${2 * Number(n)}`)).join('\n')}\n`);
  env = await start();
});
after(async () => {
  await env.close();
  rmSync(DOUBLED, { force: true });
});

/** The demo page with its sample analysed. */
async function demo() {
  const opened = await openPage(env.browser, `${env.base}/`);
  await opened.page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  return opened;
}

/**
 * In the page: run `action` (a function body, given `lens`) and wait for the next yj-loaded
 * or yj-error of the lens. Resolves with { loaded, error, settings, count } after `settle` ms
 * more, so a second (unwanted) re-analysis would be counted.
 */
async function after_(page, action, { settle = 400, selector = 'yj-lens', patience = 20_000 } = {}) {
  return page.evaluate(
    async ([body, wait, sel, patience]) => {
      const lens = document.querySelector(sel);
      const seen = { loaded: 0, errors: [] };
      const onLoaded = () => seen.loaded++;
      const onError = (e) => seen.errors.push(e.detail.message);
      lens.addEventListener('yj-loaded', onLoaded);
      lens.addEventListener('yj-error', onError);
      const first = new Promise((ok) => {
        const t = setTimeout(() => ok('timeout'), patience);
        const done = () => {
          clearTimeout(t);
          ok('done');
        };
        lens.addEventListener('yj-loaded', done, { once: true });
        lens.addEventListener('yj-error', done, { once: true });
      });
      const actions = {
        move: () => document.getElementById('elsewhere').append(lens),
        chooseReference: (v) => {
          const sel = lens.shadowRoot.querySelector('select[name="reference-group-for-rri"]');
          sel.value = v;
          sel.dispatchEvent(new Event('change'));
        },
      };
      const step = actions[body.name];
      step(body.arg, lens);
      const outcome = await first;
      await new Promise((ok) => setTimeout(ok, wait));
      lens.removeEventListener('yj-loaded', onLoaded);
      lens.removeEventListener('yj-error', onError);
      return { outcome, ...seen, report: lens.report && { settings: lens.report.settings, extract_date: lens.report.extract_date, extract_date_source: lens.report.extract_date_source, figures: lens.report.figures.length } };
    },
    [action, settle, selector, patience],
  );
}

/** The RRI reference group the report's disproportionality figures were computed against. */
const referenceOf = (page) => page.evaluate(() => document.querySelector('yj-lens').report.settings.reference_group);

test('EngineClient.close() rejects every pending request with kind "closed"', async () => {
  const { page, context } = await openPage(env.browser, `${env.base}/`);
  const outcome = await page.evaluate(async () => {
    const { EngineClient } = await import('./yjlens/client.js');
    // The page gives the client its words (the worker's sentences are message ids).
    const { t } = await import('./yjlens/messages/index.js');
    const client = new EngineClient(() => 'en', t);
    const pending = [client.request({ type: 'analyse', settings: {} }), client.request({ type: 'population', source: null })];
    client.close();
    const hang = new Promise((ok) => setTimeout(() => ok('still pending'), 3000));
    const results = await Promise.all(pending.map((p) => Promise.race([p.then(() => 'resolved', (e) => e), hang])));
    // A request after close is refused at once, not left hanging either.
    const late = await Promise.race([client.request({ type: 'analyse', settings: {} }).then(() => 'resolved', (e) => e), hang]);
    return { results, late };
  });
  for (const r of [...outcome.results, outcome.late]) {
    assert.equal(typeof r, 'object', `a pending request was ${r}`);
    assert.equal(r.kind, 'closed');
    assert.match(r.message, /\w+ \w+/);
  }
  await context.close();
});

test('moving the element keeps its extract: the next settings change re-analyses', async () => {
  const { page, context, log } = await demo();
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('section'), { id: 'elsewhere' })));
  const figures = await page.evaluate(() => document.querySelector('yj-lens').report.figures.length);
  // Moved in one step (disconnected and connected in the same task).
  const moved = await after_(page, { name: 'move' }, { settle: 300, patience: 1000 });
  assert.equal(moved.outcome, 'timeout', 'moving alone neither re-analyses nor fails');
  assert.deepEqual(moved.errors, []);
  const changed = await after_(page, { name: 'chooseReference', arg: 'Black' });
  assert.deepEqual(changed.errors, []);
  assert.equal(changed.loaded, 1);
  assert.equal(await referenceOf(page), 'Black');
  assert.equal(changed.report.figures, figures);

  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('taken out of the page and put back later: the extract is reloaded and settings work', async () => {
  const { page, context, log } = await demo();
  const out = await page.evaluate(async () => {
    const lens = document.querySelector('yj-lens');
    const figures = lens.report.figures.length;
    const parent = lens.parentElement;
    lens.remove();
    // Long enough for the element to let its worker go.
    await new Promise((ok) => setTimeout(ok, 500));
    parent.append(lens);
    const errors = [];
    lens.addEventListener('yj-error', (e) => errors.push(e.detail.message));
    const loaded = new Promise((ok) => lens.addEventListener('yj-loaded', () => ok('loaded'), { once: true }));
    const sel = lens.shadowRoot.querySelector('select[name="reference-group-for-rri"]');
    sel.value = 'Mixed';
    sel.dispatchEvent(new Event('change'));
    const outcome = await Promise.race([loaded, new Promise((ok) => setTimeout(() => ok('timeout'), 20_000))]);
    return { outcome, errors, figures, after: lens.report.figures.length, reference: lens.report.settings.reference_group, population: lens.report.population?.source ?? null };
  });
  assert.deepEqual(out.errors, []);
  assert.equal(out.outcome, 'loaded');
  assert.equal(out.reference, 'Mixed');
  assert.equal(out.after, out.figures);
  // The sample's own population came back with it (rates are still there).
  assert.ok(out.population, 'the population is in use again');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('removed for good while reading: the load is rejected as closed, not left hanging', async () => {
  const { page, context } = await demo();
  const out = await page.evaluate(async () => {
    const lens = document.querySelector('yj-lens');
    const blob = await fetch('sample-extract.csv').then((r) => r.blob());
    const loading = lens.loadExtract(blob, { label: 'again' });
    lens.remove();
    const hang = new Promise((ok) => setTimeout(() => ok('still pending'), 5000));
    return Promise.race([loading.then(() => 'resolved', (e) => e), hang]);
  });
  // Either it finished before the worker stopped, or it was told the widget closed.
  assert.ok(out === 'resolved' || out.kind === 'closed', JSON.stringify(out));
  await context.close();
});

test('suppress-below changed after load re-applies disclosure control with the new threshold', async () => {
  const { page, context } = await openPage(env.browser, `${env.base}/public.html`);
  await page.waitForFunction(() => document.querySelector('yj-lens')?.report?.public === true, null, { timeout: 60_000 });
  const smallCounts = (k) =>
    page.evaluate((k) => {
      const units = ['children', 'occasions', 'offences', 'episodes', 'nights'];
      const figs = document.querySelector('yj-lens').report.figures;
      return {
        small: figs.filter((f) => units.includes(f.unit) && f.value !== null && f.value >= 1 && f.value < k).length,
        suppressed: figs.filter((f) => f.suppressed).length,
      };
    }, k);
  const before = await smallCounts(10);
  assert.ok(before.small > 0, 'the file has counts from 5 to 9 before the change');
  await page.evaluate(() => {
    const lens = document.querySelector('yj-lens');
    window.__first = lens.report;
    lens.setAttribute('suppress-below', '10');
  });
  await page.waitForFunction(() => document.querySelector('yj-lens').report !== window.__first, null, { timeout: 20_000 });
  const now = await smallCounts(10);
  assert.equal(now.small, 0, 'no count from 1 to 9 remains');
  assert.ok(now.suppressed > before.suppressed);
  const legend = await page.evaluate(() => document.querySelector('yj-lens').shadowRoot.querySelector('.legend').textContent);
  assert.match(legend, /fewer than 10/);
  await context.close();
});

test('population-src changed after load: the new file is fetched and its denominators used', async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/test-pages/two.html`);
  const out = await page.evaluate(async () => {
    await customElements.whenDefined('yj-lens');
    const lens = document.createElement('yj-lens');
    lens.id = 'pop';
    lens.setAttribute('population-src', '../sample-population.csv');
    document.body.append(lens);
    const blob = await fetch('../sample-extract.csv').then((r) => r.blob());
    // The host's population is fetched on connect; wait until it is in use.
    for (let i = 0; i < 200 && !lens.shadowRoot.textContent.includes('sample-population.csv'); i++) await new Promise((ok) => setTimeout(ok, 50));
    await lens.loadExtract(blob, { label: 'sample' });
    const fte = (r) => r.figures.find((f) => f.measure === 'fte_rate' && f.period_type === 'financial_year' && f.breakdown === 'all' && f.value !== null);
    const first = fte(lens.report);
    const errors = [];
    lens.addEventListener('yj-error', (e) => errors.push(e.detail.message));
    const loaded = new Promise((ok) => lens.addEventListener('yj-loaded', () => ok('loaded'), { once: true }));
    lens.setAttribute('population-src', '../test-population-doubled.csv');
    const outcome = await Promise.race([loaded, new Promise((ok) => setTimeout(() => ok('timeout'), 20_000))]);
    const second = lens.report.figures.find((f) => f.measure === first.measure && f.period_type === first.period_type && f.period_start === first.period_start && f.breakdown === 'all');
    return { outcome, errors, first: first.value, second: second.value, source: lens.report.population?.source, status: lens.shadowRoot.textContent.includes('Population in use: test-population-doubled.csv') };
  });
  assert.deepEqual(out.errors, []);
  assert.equal(out.outcome, 'loaded');
  assert.ok(Math.abs(out.second - out.first / 2) < 1e-9 * out.first + 1e-9, `${out.first} → ${out.second}`);
  assert.equal(out.source, 'test-population-doubled.csv');
  assert.ok(out.status, 'the panel names the population in use');
  assert.ok(log.requests.some((r) => r.url.endsWith('/test-population-doubled.csv')));
  await context.close();
});

test('el.settings: reads a copy; a partial object merges and re-analyses once; bad values are refused', async () => {
  const { page, context } = await demo();
  const initial = await page.evaluate(() => {
    const lens = document.querySelector('yj-lens');
    const s = lens.settings;
    s.reference_group = 'Other'; // a copy: changing it changes nothing
    return lens.settings;
  });
  assert.deepEqual(initial, { extract_date: null, exclude_breaches: true, reference_group: 'White', cohort_method: 'pooled', custody_unit: 'per1000' });

  const all = await page.evaluate(async () => {
    const lens = document.querySelector('yj-lens');
    let loaded = 0;
    lens.addEventListener('yj-loaded', () => loaded++);
    lens.settings = { extract_date: '31/03/2025', reference_group: 'Asian', custody_unit: 'per100000', cohort_method: 'legacy', exclude_breaches: false };
    await new Promise((ok) => lens.addEventListener('yj-loaded', ok, { once: true }));
    await new Promise((ok) => setTimeout(ok, 500));
    const r = lens.report;
    const custody = r.figures.find((f) => f.measure === 'custody_rate' && f.unit);
    return { loaded, settings: r.settings, extract_date: r.extract_date, source: r.extract_date_source, read: lens.settings, custodyUnit: custody?.unit ?? null };
  });
  assert.equal(all.loaded, 1, 'one re-analysis for one assignment');
  assert.deepEqual(all.settings, { extract_date: '2025-03-31', exclude_breaches: false, reference_group: 'Asian', cohort_method: 'legacy', custody_unit: 'per100000' });
  assert.deepEqual(all.read, all.settings);
  assert.equal(all.extract_date, '2025-03-31');
  assert.equal(all.source, 'user');

  const partial = await page.evaluate(async () => {
    const lens = document.querySelector('yj-lens');
    lens.settings = { reference_group: 'White', extract_date: '2025-06-30' };
    await new Promise((ok) => lens.addEventListener('yj-loaded', ok, { once: true }));
    return lens.report.settings;
  });
  assert.deepEqual(partial, { extract_date: '2025-06-30', exclude_breaches: false, reference_group: 'White', cohort_method: 'legacy', custody_unit: 'per100000' });

  for (const bad of [{ reference_group: 'Purple' }, { extract_date: '31/02/2025' }, { custody_unit: 'per10' }, { cohort_method: 'yearly' }, { exclude_breaches: 'no' }, { colour: 'red' }, 'White']) {
    const out = await page.evaluate(async (bad) => {
      const lens = document.querySelector('yj-lens');
      const before = lens.settings;
      let loaded = 0;
      const errors = [];
      const l1 = () => loaded++;
      const l2 = (e) => errors.push(e.detail);
      lens.addEventListener('yj-loaded', l1);
      lens.addEventListener('yj-error', l2);
      // Even with a valid key beside it, nothing of a refused object is applied.
      lens.settings = typeof bad === 'object' ? { cohort_method: 'pooled', ...bad } : bad;
      await new Promise((ok) => setTimeout(ok, 400));
      lens.removeEventListener('yj-loaded', l1);
      lens.removeEventListener('yj-error', l2);
      return { loaded, errors, same: JSON.stringify(before) === JSON.stringify(lens.settings) };
    }, bad);
    assert.equal(out.loaded, 0, JSON.stringify(bad));
    assert.equal(out.errors.length, 1, JSON.stringify(bad));
    assert.equal(out.errors[0].kind, 'bad_input');
    assert.match(out.errors[0].message, /^\S.*[.)]$/, out.errors[0].message);
    assert.ok(out.same, `${JSON.stringify(bad)} left the settings as they were`);
  }
  await context.close();
});

test('settings as attributes: before load they shape the first report; after load each change re-analyses', async () => {
  const { page, context } = await openPage(env.browser, `${env.base}/test-pages/two.html`);
  const out = await page.evaluate(async () => {
    await customElements.whenDefined('yj-lens');
    const lens = document.createElement('yj-lens');
    lens.setAttribute('extract-date', '30/06/2025');
    lens.setAttribute('reference-group', 'Black');
    lens.setAttribute('unit-custody', 'per-100000');
    lens.setAttribute('cohort-method', 'legacy');
    lens.setAttribute('exclude-breaches', 'false');
    document.body.append(lens);
    const blob = await fetch('../sample-extract.csv').then((r) => r.blob());
    const first = await lens.loadExtract(blob, { label: 'sample' });
    const read = lens.settings;
    const wait = () => new Promise((ok) => lens.addEventListener('yj-loaded', ok, { once: true }));
    let w = wait();
    lens.setAttribute('cohort-method', 'pooled');
    await w;
    const second = lens.report.settings;
    w = wait();
    lens.removeAttribute('exclude-breaches');
    await w;
    const third = lens.report.settings;
    w = wait();
    lens.setAttribute('extract-date', '2025-03-31');
    await w;
    const fourth = { date: lens.report.extract_date, source: lens.report.extract_date_source };
    const errors = [];
    lens.addEventListener('yj-error', (e) => errors.push(e.detail.message));
    lens.setAttribute('reference-group', 'Purple');
    await new Promise((ok) => setTimeout(ok, 300));
    return { first: first.settings, firstDate: first.extract_date, read, second, third, fourth, errors, after: lens.settings.reference_group };
  });
  assert.deepEqual(out.first, { extract_date: '2025-06-30', exclude_breaches: false, reference_group: 'Black', cohort_method: 'legacy', custody_unit: 'per100000' });
  assert.equal(out.firstDate, '2025-06-30');
  assert.deepEqual(out.read, out.first);
  assert.equal(out.second.cohort_method, 'pooled');
  assert.equal(out.third.exclude_breaches, true);
  assert.deepEqual(out.fourth, { date: '2025-03-31', source: 'user' });
  assert.equal(out.errors.length, 1);
  assert.match(out.errors[0], /Purple/);
  assert.equal(out.after, 'Black');
  await context.close();
});

test('population-src changed while off the page is used when put back; removed, its population goes', async () => {
  const { page, context } = await openPage(env.browser, `${env.base}/test-pages/two.html`);
  const out = await page.evaluate(async () => {
    await customElements.whenDefined('yj-lens');
    const lens = document.createElement('yj-lens');
    lens.setAttribute('population-src', '../sample-population.csv');
    document.body.append(lens);
    const blob = await fetch('../sample-extract.csv').then((r) => r.blob());
    for (let i = 0; i < 200 && !lens.shadowRoot.textContent.includes('sample-population.csv'); i++) await new Promise((ok) => setTimeout(ok, 50));
    await lens.loadExtract(blob, { label: 'sample' });
    const fteOf = (r) => r.figures.find((f) => f.measure === 'fte_rate' && f.period_type === 'financial_year' && f.breakdown === 'all' && f.value !== null)?.value ?? null;
    const first = fteOf(lens.report);
    const errors = [];
    lens.addEventListener('yj-error', (e) => errors.push(e.detail.message));
    // Off the page (long enough for its worker to stop), the host points it at another file.
    lens.remove();
    await new Promise((ok) => setTimeout(ok, 300));
    lens.setAttribute('population-src', '../test-population-doubled.csv');
    let loaded = new Promise((ok) => lens.addEventListener('yj-loaded', () => ok('loaded'), { once: true }));
    document.body.append(lens);
    const outcome = await Promise.race([loaded, new Promise((ok) => setTimeout(() => ok('timeout'), 20_000))]);
    const second = fteOf(lens.report);
    const source = lens.report.population?.source ?? null;
    // The attribute removed: the host's population goes, and with it the rates.
    loaded = new Promise((ok) => lens.addEventListener('yj-loaded', () => ok('loaded'), { once: true }));
    lens.removeAttribute('population-src');
    const outcome2 = await Promise.race([loaded, new Promise((ok) => setTimeout(() => ok('timeout'), 20_000))]);
    return { errors, outcome, outcome2, first, second, source, third: fteOf(lens.report), status: lens.shadowRoot.textContent.includes('No population loaded') };
  });
  assert.deepEqual(out.errors, []);
  assert.equal(out.outcome, 'loaded');
  assert.equal(out.source, 'test-population-doubled.csv');
  assert.ok(Math.abs(out.second - out.first / 2) < 1e-9 * out.first, `${out.first} → ${out.second}`);
  assert.equal(out.outcome2, 'loaded');
  assert.equal(out.third, null, 'no rate without a population');
  assert.ok(out.status, 'the panel says no population is loaded');
  await context.close();
});

test('suppress-below changed while off the page applies when put back; the last of quick changes wins', async () => {
  const { page, context } = await openPage(env.browser, `${env.base}/public.html`);
  await page.waitForFunction(() => document.querySelector('yj-lens')?.report?.public === true, null, { timeout: 60_000 });
  // The figures file answers the next request late (a slow network): its answer comes last.
  let delayNext = false;
  await page.route('**/sample-aggregate.csv', async (route) => {
    if (delayNext) {
      delayNext = false;
      await new Promise((ok) => setTimeout(ok, 2000));
    }
    await route.continue();
  });
  const small = (k) =>
    page.evaluate((k) => {
      const units = ['children', 'occasions', 'offences', 'episodes', 'nights'];
      return document.querySelector('yj-lens').report.figures.filter((f) => units.includes(f.unit) && f.value !== null && f.value >= 1 && f.value < k).length;
    }, k);
  const reconnected = await page.evaluate(async () => {
    const lens = document.querySelector('yj-lens');
    const parent = lens.parentElement;
    lens.remove();
    await new Promise((ok) => setTimeout(ok, 300));
    lens.setAttribute('suppress-below', '8');
    const first = lens.report;
    parent.append(lens);
    for (let i = 0; i < 400 && lens.report === first; i++) await new Promise((ok) => setTimeout(ok, 50));
    return lens.report !== first;
  });
  assert.ok(reconnected, 'the figures were re-read with the new threshold');
  assert.equal(await small(8), 0);

  // Two quick changes; the first one's file comes late. The figures end with the last threshold.
  delayNext = true;
  await page.evaluate(() => {
    const lens = document.querySelector('yj-lens');
    lens.setAttribute('suppress-below', '10');
    lens.setAttribute('suppress-below', '6');
  });
  await page.waitForTimeout(4000);
  const legend = await page.evaluate(() => document.querySelector('yj-lens').shadowRoot.querySelector('.legend').textContent);
  assert.match(legend, /fewer than 6/);
  const fives = await page.evaluate(() => document.querySelector('yj-lens').report.figures.filter((f) => f.unit === 'children' && f.value === 5).length);
  assert.equal(await small(6), 0);
  assert.equal(fives, 0, 'counts of 5 are suppressed at 6');
  const sixes = await page.evaluate(() => document.querySelector('yj-lens').report.figures.filter((f) => f.unit === 'children' && f.value === 6 && !f.suppressed).length);
  assert.ok(sixes > 0, 'counts of 6 are shown at 6 (not suppressed as at 10)');
  await context.close();
});

test('population-src changed twice quickly: the last file named is the one in use, even if the first comes late', async () => {
  const { page, context } = await openPage(env.browser, `${env.base}/test-pages/two.html`);
  let delayNext = false;
  await page.route('**/sample-population.csv', async (route) => {
    if (delayNext) {
      delayNext = false;
      await new Promise((ok) => setTimeout(ok, 2000));
    }
    await route.continue();
  });
  await page.evaluate(async () => {
    await customElements.whenDefined('yj-lens');
    const lens = document.createElement('yj-lens');
    lens.id = 'quick';
    document.body.append(lens);
    const blob = await fetch('../sample-extract.csv').then((r) => r.blob());
    await lens.loadExtract(blob, { label: 'sample' });
  });
  delayNext = true;
  await page.evaluate(() => {
    const lens = document.getElementById('quick');
    lens.setAttribute('population-src', '../sample-population.csv');
    lens.setAttribute('population-src', '../test-population-doubled.csv');
  });
  await page.waitForTimeout(4000);
  const out = await page.evaluate(() => {
    const lens = document.getElementById('quick');
    return { source: lens.report.population?.source ?? null, panel: lens.shadowRoot.querySelector('.population p').textContent };
  });
  assert.equal(out.source, 'test-population-doubled.csv');
  assert.match(out.panel, /test-population-doubled\.csv/);
  await context.close();
});

test('settings changed while off the page: no worker meanwhile; put back, the figures follow them', async () => {
  const { page, context, log } = await demo();
  const out = await page.evaluate(async () => {
    const lens = document.querySelector('yj-lens');
    const parent = lens.parentElement;
    lens.remove();
    await new Promise((ok) => setTimeout(ok, 300));
    let loaded = 0;
    lens.addEventListener('yj-loaded', () => loaded++);
    lens.settings = { reference_group: 'Asian' };
    lens.setAttribute('cohort-method', 'legacy');
    await new Promise((ok) => setTimeout(ok, 500));
    const whileOff = { loaded, engine: Boolean(lens.engine) };
    const next = new Promise((ok) => lens.addEventListener('yj-loaded', ok, { once: true }));
    parent.append(lens);
    await Promise.race([next, new Promise((ok) => setTimeout(ok, 20_000))]);
    await new Promise((ok) => setTimeout(ok, 300));
    return { whileOff, loaded, settings: lens.report.settings };
  });
  assert.deepEqual(out.whileOff, { loaded: 0, engine: false });
  assert.equal(out.loaded, 1);
  assert.equal(out.settings.reference_group, 'Asian');
  assert.equal(out.settings.cohort_method, 'legacy');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('our area named while a file is read, then another file chosen: the area is kept and given to the new worker', async () => {
  const { page, context, log } = await demo();
  const out = await page.evaluate(async () => {
    const lens = document.querySelector('yj-lens');
    const blob = await fetch('sample-extract.csv').then((r) => r.blob());
    // A file being read; our area named meanwhile (its request waits behind the file in that
    // worker); then another file chosen, which stops that worker and starts a new one.
    const first = lens.loadExtract(blob, { label: 'first' }).then(() => 'read', (e) => e.kind);
    lens.setAttribute('area', 'Camden');
    const second = await lens.loadExtract(blob, { label: 'second' }).then(() => 'read', (e) => e.kind);
    // The area reaches the worker in use; the next analysis is given it (any comparison is ours).
    for (let i = 0; i < 100 && lens.session.comparators.area.name !== 'Camden'; i++) await new Promise((ok) => setTimeout(ok, 50));
    return { first: await first, second, area: lens.session.comparators.area.name, held: lens.session.engineComparators?.area?.name ?? null };
  });
  assert.deepEqual(out, { first: 'cancelled', second: 'read', area: 'Camden', held: 'Camden' });
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a population given while a file is read, then another file chosen: the next figures carry it', async () => {
  // The sample population's 10–17 total of each year: the denominator of that financial year's
  // first-time entrant rate (per 100,000 aged 10–17).
  const [, ...rows] = readFileSync(join(WWW, 'sample-population.csv'), 'utf8').trim().split('\n');
  const totals = {};
  for (const r of rows) {
    const [year, , , , n] = r.split(',');
    totals[year] = (totals[year] ?? 0) + Number(n);
  }
  const { page, context, log } = await openPage(env.browser, `${env.base}/test-pages/two.html`);
  // The page's widget `a` read the same extract with the same population at rest.
  await page.waitForFunction(() => document.documentElement.dataset.loaded === 'true', null, { timeout: 60_000 });
  const out = await page.evaluate(async () => {
    const lens = document.createElement('yj-lens');
    document.body.append(lens);
    const blob = await fetch('../sample-extract.csv').then((r) => r.blob());
    const pop = new File([await fetch('../sample-population.csv').then((r) => r.blob())], 'children-10-17.csv', { type: 'text/csv' });
    const errors = [];
    lens.addEventListener('yj-error', (e) => errors.push(e.detail.message));
    // A file being read; a population given meanwhile (as the Population panel's file button
    // does: its request waits behind the file in that worker); then another file chosen, which
    // stops that worker and starts a new one.
    const first = lens.loadExtract(blob, { label: 'first' }).then(() => 'read', (e) => e.kind);
    const given = lens.loadPopulation(pop).then(() => 'used', (e) => e.kind);
    const second = await lens.loadExtract(blob, { label: 'second' }).then(() => 'read', (e) => e.kind);
    // The figures on screen come to carry the population (re-analysed once it is in use).
    for (let i = 0; i < 100 && lens.report?.population?.source !== 'children-10-17.csv'; i++) await new Promise((ok) => setTimeout(ok, 50));
    await new Promise((ok) => setTimeout(ok, 300));
    const fte = (r) =>
      r.figures
        .filter((f) => f.measure === 'fte_rate' && f.period_type === 'financial_year' && f.breakdown === 'all')
        .map((f) => ({ start: f.period_start, numerator: f.numerator, denominator: f.denominator, value: f.value }));
    return {
      first: await first,
      given: await given,
      second,
      errors,
      population: lens.report.population?.source ?? null,
      panel: lens.shadowRoot.querySelector('.population p').textContent,
      fte: fte(lens.report),
      atRest: fte(document.getElementById('a').report),
    };
  });
  assert.deepEqual(
    { first: out.first, given: out.given, second: out.second, errors: out.errors, population: out.population, panel: out.panel },
    { first: 'cancelled', given: 'used', second: 'read', errors: [], population: 'children-10-17.csv', panel: 'Population in use: children-10-17.csv.' },
  );
  // Each year's rate: its year's 10–17 population the denominator, per 100,000 — as at rest.
  assert.ok(out.atRest.length >= 4, JSON.stringify(out.atRest));
  for (const f of out.atRest) {
    assert.equal(f.denominator, totals[f.start.slice(0, 4)], f.start);
    assert.ok(Math.abs(f.value - (f.numerator / f.denominator) * 100_000) < 1e-9, f.start);
  }
  assert.deepEqual(out.fte, out.atRest);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('an interventions file given while a file is read, then another file chosen: it stays in use for the next worker', async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/test-pages/two.html`);
  await page.waitForFunction(() => document.documentElement.dataset.loaded === 'true', null, { timeout: 60_000 });
  const out = await page.evaluate(async () => {
    const blob = await fetch('../sample-extract.csv').then((r) => r.blob());
    const file = new File([await fetch('../sample-interventions.csv').then((r) => r.blob())], 'interventions.csv', { type: 'text/csv' });
    const kpis = (r) =>
      r.figures.filter((f) => f.measure.startsWith('kpi') && f.breakdown === 'all').map((f) => [f.measure, f.period_type, f.period_start, f.numerator, f.denominator, f.value]);
    // At rest: the interventions file, then the extract.
    const rest = document.createElement('yj-lens');
    document.body.append(rest);
    await rest.loadInterventions(file);
    await rest.loadExtract(blob, { label: 'at rest' });

    const lens = document.createElement('yj-lens');
    document.body.append(lens);
    const errors = [];
    lens.addEventListener('yj-error', (e) => errors.push(e.detail.message));
    // A file being read; the interventions file given meanwhile (as the KPI panel's button
    // does); then another file chosen, which stops that worker and starts a new one.
    const first = lens.loadExtract(blob, { label: 'first' }).then(() => 'read', (e) => e.kind);
    const given = lens.loadInterventions(file).then((q) => (q ? 'used' : 'none'), (e) => e.kind);
    const second = await lens.loadExtract(blob, { label: 'second' }).then(() => 'read', (e) => e.kind);
    const loaded = await given;
    const shown = kpis(lens.report);
    // The next file after a large one (the threshold lowered: this one counts) is read by a
    // new worker, which is given the KPI files in use.
    lens.session.recycleFrom = 0;
    const engine = lens.engine;
    await lens.loadExtract(blob, { label: 'third' });
    return {
      first: await first,
      given: loaded,
      second,
      errors,
      newWorker: lens.engine !== engine,
      inUse: lens.report.kpi?.interventions ? 'interventions' : null,
      atRest: kpis(rest.report),
      shown,
      next: kpis(lens.report),
    };
  });
  assert.deepEqual(
    { first: out.first, given: out.given, second: out.second, errors: out.errors, newWorker: out.newWorker, inUse: out.inUse },
    { first: 'cancelled', given: 'used', second: 'read', errors: [], newWorker: true, inUse: 'interventions' },
  );
  assert.ok(out.atRest.some((f) => f[3] > 0), 'the KPIs have figures at rest');
  assert.deepEqual(out.shown, out.atRest);
  assert.deepEqual(out.next, out.atRest);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('population-src removed while a file is read, then another file chosen: the next figures have no rates', async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/test-pages/two.html`);
  await page.waitForFunction(() => document.documentElement.dataset.loaded === 'true', null, { timeout: 60_000 });
  const out = await page.evaluate(async () => {
    const blob = await fetch('../sample-extract.csv').then((r) => r.blob());
    const lens = document.createElement('yj-lens');
    lens.setAttribute('population-src', '../sample-population.csv');
    document.body.append(lens);
    for (let i = 0; i < 200 && !lens.shadowRoot.textContent.includes('sample-population.csv'); i++) await new Promise((ok) => setTimeout(ok, 50));
    const errors = [];
    lens.addEventListener('yj-error', (e) => errors.push(e.detail.message));
    // A file being read; the host takes its population away meanwhile; then another file chosen.
    const first = lens.loadExtract(blob, { label: 'first' }).then(() => 'read', (e) => e.kind);
    lens.removeAttribute('population-src');
    const second = await lens.loadExtract(blob, { label: 'second' }).then(() => 'read', (e) => e.kind);
    for (let i = 0; i < 100 && lens.report.population; i++) await new Promise((ok) => setTimeout(ok, 50));
    await new Promise((ok) => setTimeout(ok, 300));
    const rates = lens.report.figures.filter((f) => f.measure === 'fte_rate' && f.value !== null).length;
    return { first: await first, second, errors, population: lens.report.population?.source ?? null, rates, panel: lens.shadowRoot.querySelector('.population p').textContent };
  });
  assert.deepEqual(out, { first: 'cancelled', second: 'read', errors: [], population: null, rates: 0, panel: 'No population loaded: rates are not shown.' });
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('our family file given while a file is read, then another file chosen: the family is kept and given to the new worker', async () => {
  const { page, context, log } = await demo();
  const out = await page.evaluate(async () => {
    const lens = document.querySelector('yj-lens');
    const blob = await fetch('sample-extract.csv').then((r) => r.blob());
    const file = new File(['family,area\nNorth,Leeds\nOurs,Camden\nOurs,Islington\n'], 'families.csv', { type: 'text/csv' });
    // Our area named at rest; a file being read; our family's file given meanwhile (as the
    // comparators panel's button does); then another file chosen.
    await lens.session.setArea('Camden', '');
    const first = lens.loadExtract(blob, { label: 'first' }).then(() => 'read', (e) => e.kind);
    const given = lens.session.loadFamilyFile(file).then((f) => f.name, (e) => e.kind);
    const second = await lens.loadExtract(blob, { label: 'second' }).then(() => 'read', (e) => e.kind);
    return {
      first: await first,
      given: await given,
      second,
      family: lens.session.comparators.family,
      held: lens.session.engineComparators?.family ?? null,
      saved: lens.session.profile.family,
    };
  });
  const ours = { name: 'Ours', members: ['Camden', 'Islington'] };
  assert.deepEqual(out, { first: 'cancelled', given: 'Ours', second: 'read', family: ours, held: ours, saved: ours });
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});
