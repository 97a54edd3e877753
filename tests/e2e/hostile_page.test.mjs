// A host page that does things in an awkward order (issue 12, page items): the mode switched
// after, before and during a load; two files chosen in quick succession; the worker dying under
// a loaded report; bytes given as any typed-array view; a `src` that redirects to another site.
// Whatever the order, the widget shows one consistent state: public mode never shows an
// unsuppressed figure, the last file chosen wins, and after a crash the figures on screen still
// answer every setting and export (with their population and extract date), or are cleared
// with a sentence.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { start, openPage, cspViolations, ROOT, WWW } from './browser.mjs';

const PAGE = join(WWW, 'test-hostile-page.html');
// The sample: 5,069 data lines under its header (`wc -l www/sample-extract.csv` = 5,070).
const SAMPLE_ROWS = readFileSync(join(WWW, 'sample-extract.csv'), 'utf8').trim().split('\n').length - 1;
let env;

before(async () => {
  copyFileSync(join(ROOT, 'tests/fixtures/e2e/hostile/blank.html'), PAGE);
  env = await start();
});
after(async () => {
  await env.close();
  rmSync(PAGE, { force: true });
});

/** A blank host page; `window.lens()` makes a <yj-lens> (attributes given) and records its events. */
async function host() {
  const opened = await openPage(env.browser, `${env.base}/test-hostile-page.html`);
  await opened.page.evaluate(async () => {
    await customElements.whenDefined('yj-lens');
    window.seen = { errors: [], loaded: [] };
    window.lens = (attrs = {}) => {
      const el = document.createElement('yj-lens');
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      el.addEventListener('yj-error', (e) => window.seen.errors.push(e.detail.message));
      el.addEventListener('yj-loaded', (e) => window.seen.loaded.push(e.detail.report.public ? 'public' : e.detail.report.quality.rows_read));
      document.getElementById('host').append(el);
      return el;
    };
    window.sample = () => fetch('sample-extract.csv').then((r) => r.blob());
    window.population = () => fetch('sample-population.csv').then((r) => r.blob());
    window.until = async (test, ms = 20_000) => {
      for (const t0 = Date.now(); Date.now() - t0 < ms; await new Promise((ok) => setTimeout(ok, 50))) if (test()) return true;
      return false;
    };
  });
  return opened;
}

/**
 * What the widget shows on every tab that a public page must never show: a table cell that is
 * a bare count from 1 to 4, or "(n of N)" with n from 1 to 4 (as in "2.4% (2 of 85)"), in the
 * text or an accessible name. Also whether the drop zone and the analyst toolbar are visible.
 */
async function smallCountsShown(page) {
  return page.evaluate(async () => {
    const root = document.querySelector('yj-lens').shadowRoot;
    const found = new Set();
    const look = () => {
      for (const c of root.querySelectorAll('td')) if (/^[1-4]$/.test(c.textContent.trim())) found.add(`cell ${c.textContent.trim()}`);
      const text = [root.textContent, ...[...root.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label'))].join(' ');
      for (const m of text.matchAll(/\([1-4] of [\d,]+\)/g)) found.add(m[0]);
    };
    look();
    for (const tab of [...root.querySelectorAll('[role="tab"]')]) {
      root.getElementById(tab.id).click();
      await new Promise((ok) => setTimeout(ok, 50));
      look();
    }
    return {
      small: [...found],
      drop: !root.querySelector('.drop').hidden,
      toolbar: !root.querySelector('.toolbar').hidden,
      tabs: root.querySelectorAll('[role="tab"]').length,
    };
  });
}

test('public mode never shows an unsuppressed figure, whatever the order of mode, src and loads', async () => {
  const { page, context, log } = await host();
  // 1. An analyst widget with the sample (and its population) loaded. Its Ethnicity and
  // Reoffending views show small counts such as "(2 of 85)": the check below can see them.
  await page.evaluate(async () => {
    const el = window.lens({ src: 'sample-aggregate.csv' });
    await el.loadExtract(await window.sample(), { label: 'sample', population: await window.population() });
  });
  const analyst = await smallCountsShown(page);
  assert.ok(analyst.small.length > 0, 'the analyst views show counts from 1 to 4 (so the check can see them)');
  assert.ok(analyst.drop && analyst.toolbar);

  // 2. Switched to public after the load: the analyst figures go; the published file (src,
  // suppressed) is shown instead, with no drop zone and no analyst toolbar.
  await page.evaluate(() => document.querySelector('yj-lens').setAttribute('mode', 'public'));
  assert.ok(await page.evaluate(() => window.until(() => document.querySelector('yj-lens').report?.public === true)), 'the published figures are shown');
  let shown = await smallCountsShown(page);
  assert.deepEqual(shown.small, [], 'no count from 1 to 4 after switching to public');
  assert.equal(shown.drop, false, 'no drop zone in public mode');
  assert.equal(shown.toolbar, false, 'no analyst toolbar in public mode');

  // 3. Back to analyst: nothing of the published file is left as if analysed; the drop zone is
  // back and a file can be read again.
  const back = await page.evaluate(async () => {
    const el = document.querySelector('yj-lens');
    el.setAttribute('mode', 'analyst');
    const root = el.shadowRoot;
    const empty = { report: el.report, drop: !root.querySelector('.drop').hidden, tabs: root.querySelectorAll('[role="tab"]').length };
    const r = await el.loadExtract(await window.sample(), { label: 'sample again' });
    return { empty, rows: r.quality.rows_read };
  });
  assert.deepEqual(back.empty, { report: null, drop: true, tabs: 0 });
  assert.equal(back.rows, SAMPLE_ROWS);

  // 4. A load under way when the page switches to public: its figures never appear.
  const during = await page.evaluate(async () => {
    const el = document.querySelector('yj-lens');
    const loading = el.loadExtract(new File([await window.sample()], 'late.csv')).then(() => 'resolved', (e) => e.kind);
    el.setAttribute('mode', 'public');
    const outcome = await loading;
    await window.until(() => el.report?.public === true);
    // Any analysis the worker might still finish has had time to arrive.
    await new Promise((ok) => setTimeout(ok, 1500));
    return { outcome, public: el.report?.public === true };
  });
  assert.notEqual(during.outcome, 'resolved', 'the load was not completed into a public page');
  assert.equal(during.public, true);
  shown = await smallCountsShown(page);
  assert.deepEqual(shown.small, []);
  assert.equal(shown.drop, false);

  // 5. Switched back and forth in one task, then public: still only the published figures.
  await page.evaluate(async () => {
    const el = document.querySelector('yj-lens');
    el.setAttribute('mode', 'analyst');
    await el.loadExtract(await window.sample(), { label: 'sample' });
    el.setAttribute('mode', 'public');
    el.setAttribute('mode', 'analyst');
    el.setAttribute('mode', 'public');
    await window.until(() => el.report?.public === true);
    await new Promise((ok) => setTimeout(ok, 500));
  });
  shown = await smallCountsShown(page);
  assert.deepEqual(shown.small, []);
  assert.equal(shown.drop, false);
  assert.equal(await page.evaluate(() => document.querySelector('yj-lens').report?.public), true);

  // 6. Public first, then a file through the API: refused in one sentence, nothing shown.
  const refused = await page.evaluate(async () => {
    document.getElementById('host').replaceChildren();
    const el = window.lens({ mode: 'public' });
    try {
      await el.loadExtract(await window.sample());
      return 'loaded';
    } catch (e) {
      return e.message;
    }
  });
  assert.match(refused, /public dashboard/);
  shown = await smallCountsShown(page);
  assert.deepEqual(shown, { small: [], drop: false, toolbar: false, tabs: 0 });

  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});
