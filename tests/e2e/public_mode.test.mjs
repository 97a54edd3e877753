// Public mode, end to end: an UNSUPPRESSED aggregate file (written with --no-suppress) is
// loaded by <yj-lens mode="public">; disclosure control is re-applied on load, so no count
// from 1 to 4 reaches the report, the tables or the charts' accessible names. The widget
// refuses dropped files and a cross-origin src, and fetches nothing beyond its src.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { start, openPage, cspViolations, ROOT, WWW } from './browser.mjs';

const CLI = join(ROOT, 'target/release/yjlens');
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const UNSUPPRESSED = join(WWW, 'sample-aggregate-unsuppressed.csv');
const PAGE = join(WWW, 'test-public-unsuppressed.html');
const COUNT_UNITS = new Set(['children', 'occasions', 'offences', 'episodes', 'nights']);
let env;

before(async () => {
  const csv = execFileSync(CLI, ['aggregate', join(WWW, 'sample-extract.csv'), '--population', join(WWW, 'sample-population.csv'), '--no-suppress'], {
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  writeFileSync(UNSUPPRESSED, csv);
  writeFileSync(
    PAGE,
    readFileSync(join(WWW, 'public.html'), 'utf8').replace('src="sample-aggregate.csv"', 'src="sample-aggregate-unsuppressed.csv"'),
  );
  env = await start();
});
after(async () => {
  await env.close();
  rmSync(UNSUPPRESSED, { force: true });
  rmSync(PAGE, { force: true });
});

test('the unsuppressed file really holds small counts (so the next test means something)', () => {
  const rows = readFileSync(UNSUPPRESSED, 'utf8').split('\n').slice(1);
  // Columns 13 (unit) and 12 (value): count rows with a value from 1 to 4.
  const small = rows.filter((r) => /,(children|occasions|offences),/.test(r) && /,false,/.test(r) && /,[1-4],(children|occasions|offences),/.test(r));
  assert.ok(small.length > 50, `${small.length} small counts in the unsuppressed file`);
});

test('public mode shows no count from 1 to 4 anywhere', async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/test-public-unsuppressed.html`);
  await page.waitForFunction(() => document.querySelector('yj-lens')?.report?.public === true, null, { timeout: 60_000 });
  const loadedAt = Date.now();
  // The figures the views draw from: every count is 0, ≥ 5 or suppressed (null).
  const bad = await page.evaluate((units) => {
    const out = [];
    for (const f of document.querySelector('yj-lens').report.figures) {
      const isCount = units.includes(f.unit);
      for (const [k, v] of [['value', isCount ? f.value : null], ['numerator', f.numerator], ['denominator', f.measure.startsWith('disp_') || f.measure.endsWith('_rate') ? null : f.denominator]]) {
        if (v !== null && v >= 1 && v <= 4) out.push(`${f.measure} ${f.breakdown}=${f.group} ${k}=${v}`);
      }
    }
    return out;
  }, [...COUNT_UNITS]);
  assert.deepEqual(bad.slice(0, 10), []);
  // The DOM, on every view: no table cell that is a bare 1–4, no "(n of N)" with n in 1–4.
  const tabs = page.locator('yj-lens [role="tab"]');
  for (let i = 0; i < (await tabs.count()); i++) {
    await tabs.nth(i).click();
    await page.waitForTimeout(200);
    const leaks = await page.evaluate(() => {
      const root = document.querySelector('yj-lens').shadowRoot;
      const cells = [...root.querySelectorAll('td')].map((td) => td.textContent.trim()).filter((t) => /^[1-4]$/.test(t));
      const labels = [...root.querySelectorAll('[aria-label]')]
        .map((e) => e.getAttribute('aria-label'))
        .filter((l) => /\((?:[1-4]) of \d/.test(l) || /\bof [1-4]\)/.test(l));
      return [...cells, ...labels];
    });
    assert.deepEqual(leaks, [], `view ${i}`);
  }
  // No CSP violation from the widget (checked before axe, which itself injects styles).
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.requests.filter((r) => r.at > loadedAt).map((r) => r.url), []);
  // Accessible: axe-core (WCAG 2.2 A/AA) finds nothing on any view, tables open.
  await page.evaluate(AXE);
  for (let i = 0; i < (await tabs.count()); i++) {
    await tabs.nth(i).click();
    await page.waitForTimeout(200);
    await page.evaluate(() => {
      for (const b of document.querySelector('yj-lens').shadowRoot.querySelectorAll('.chart-tools button[aria-expanded="false"]')) b.click();
    });
    const result = await page.evaluate(() =>
      window.axe.run(
        { include: [['yj-lens']] },
        { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] },
      ),
    );
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help}`), [], `public view ${i}`);
  }
  // Suppressed cells are explained.
  const text = await page.evaluate(() => document.querySelector('yj-lens').shadowRoot.textContent);
  assert.match(text, /\[c\] suppressed: fewer than 5/);
  assert.ok(await page.locator('yj-lens .drop').evaluate((d) => d.hidden), 'no drop zone in public mode');
  await context.close();
});

test('public mode refuses a dropped file and a cross-origin src', async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/public.html`);
  await page.waitForFunction(() => document.querySelector('yj-lens')?.report?.public === true, null, { timeout: 60_000 });
  // A file through the API, and a drop event with a file, are both refused.
  const apiError = await page.evaluate(async () => {
    const el = document.querySelector('yj-lens');
    try {
      await el.loadExtract(new Blob(['child_id,offence_date,outcome_date,outcome\n']));
      return null;
    } catch (e) {
      return e.message;
    }
  });
  assert.match(apiError, /public dashboard/);
  const dropError = await page.evaluate(() => {
    const el = document.querySelector('yj-lens');
    const dt = new DataTransfer();
    dt.items.add(new File(['a,b\n1,2\n'], 'x.csv', { type: 'text/csv' }));
    const seen = new Promise((ok) => el.addEventListener('yj-error', (e) => ok(e.detail.message), { once: true }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    return seen;
  });
  assert.match(dropError, /does not take files/);
  // A src on another origin (localhost ≠ 127.0.0.1) is refused without a request.
  const port = new URL(env.base).port;
  const before = log.requests.length;
  const crossError = await page.evaluate(async (p) => {
    const el = document.createElement('yj-lens');
    el.setAttribute('mode', 'public');
    const seen = new Promise((ok) => el.addEventListener('yj-error', (e) => ok(e.detail.message), { once: true }));
    el.setAttribute('src', `http://localhost:${p}/sample-aggregate.csv`);
    document.body.append(el);
    return seen;
  }, port);
  assert.match(crossError, /must be on this site/);
  assert.ok(!log.requests.slice(before).some((r) => r.url.startsWith('http://localhost')), 'no request to the other origin');
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('a public widget opens with its source line: no empty band above it', async () => {
  const { page, context } = await openPage(env.browser, `${env.base}/public.html`, { viewport: { width: 1280, height: 900 } });
  await page.waitForFunction(() => document.querySelector('yj-lens')?.report?.public === true, null, { timeout: 60_000 });
  const gap = () =>
    page.evaluate(() => {
      const root = document.querySelector('yj-lens').shadowRoot;
      const top = root.querySelector('.yj').getBoundingClientRect().top;
      return { source: root.querySelector('.source').getBoundingClientRect().top - top, status: root.querySelector('.status').textContent };
    });
  // The root's 1rem padding (16 px) and the source line's 0.25rem margin (4 px): 20 px. The empty
  // status line kept 0.5rem + 1.45em (8 + 23 px) above it before, 51 px in all.
  const shown = await gap();
  assert.equal(shown.status, '');
  assert.ok(shown.source <= 21, `the source line is ${shown.source} px below the widget's top`);
  await context.close();
});
