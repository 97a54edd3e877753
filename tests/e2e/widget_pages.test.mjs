// The widget under pressure: axe-core (WCAG 2.2 A/AA) on every view, a keyboard-only journey,
// hostile file values, HiDPI canvases, two widgets on a page with an aggressive stylesheet,
// a refused file fixed by mapping its column, and a crashed worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, openPage, cspViolations, inkedPixels, ROOT, WWW } from './browser.mjs';

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const SAMPLE = readFileSync(join(WWW, 'sample-extract.csv'), 'utf8');
let env;

before(async () => {
  env = await start();
});
after(async () => env.close());

async function demo(options) {
  const o = await openPage(env.browser, `${env.base}/`, options);
  await o.page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  return o;
}

const shadowOf = (page, sel = 'yj-lens') => (src) => page.evaluate(([s, q]) => new Function('root', s)(document.querySelector(q).shadowRoot), [src, sel]);

test('axe-core finds no WCAG 2.2 A/AA violation on any view (panels and tables open)', async () => {
  const { page, context } = await demo();
  // Evaluated through the devtools protocol, so the page's CSP does not apply to the injection.
  await page.evaluate(AXE);
  const tabs = page.locator('yj-lens [role="tab"]');
  const n = await tabs.count();
  for (let i = 0; i < n; i++) {
    await tabs.nth(i).click();
    await page.waitForTimeout(200);
    if (i === 0) for (const s of await page.locator('yj-lens details summary').all()) await s.click();
    await page.evaluate(() => {
      for (const b of document.querySelector('yj-lens').shadowRoot.querySelectorAll('.chart-tools button[aria-expanded="false"]')) b.click();
    });
    const result = await page.evaluate(async () =>
      window.axe.run(
        { include: [['yj-lens']] },
        { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] },
      ),
    );
    const name = await tabs.nth(i).textContent();
    const found = result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target?.join(' ')} — ${v.help}`);
    assert.deepEqual(found, [], `view ${name}`);
  }
  await context.close();
});

test('keyboard only: tabs, controls, panels, table toggles, with a visible focus', async () => {
  const { page, context } = await demo();
  const shadow = shadowOf(page);
  const active = () => shadow('const a = root.activeElement; return a ? { tag: a.tagName, id: a.id, role: a.getAttribute("role"), text: a.textContent.slice(0, 40), outline: getComputedStyle(a).outlineStyle } : null');
  // Tab from the page into the widget until the selected tab has focus.
  let a = null;
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    a = await active();
    if (a?.role === 'tab') break;
  }
  assert.equal(a?.role, 'tab', 'the tabs are reachable by Tab');
  assert.notEqual(a.outline, 'none', 'focus is visible');
  assert.equal(a.id, 'tab-overview');
  await page.keyboard.press('ArrowRight');
  a = await active();
  assert.equal(a.id, 'tab-reoffending');
  assert.equal(await shadow('return root.querySelector("#tab-reoffending").getAttribute("aria-selected")'), 'true');
  await page.keyboard.press('End');
  assert.equal((await active()).id, 'tab-quality');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  // Into the controls: the period select, changed with the keyboard.
  await page.keyboard.press('Tab');
  a = await active();
  assert.equal(a.tag, 'SELECT');
  assert.notEqual(a.outline, 'none');
  const before = await shadow('return root.activeElement.value');
  await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(150);
  const after = await shadow('return root.activeElement.value');
  assert.notEqual(after, before, 'the period changes from the keyboard');
  assert.equal((await active()).tag, 'SELECT', 'focus stays on the control after the view re-renders');
  // On to the first "Show as table" and open it with Enter.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    a = await active();
    if (a?.text === 'Show as table') break;
  }
  assert.equal(a.text, 'Show as table');
  await page.keyboard.press('Enter');
  assert.equal(await shadow('return root.activeElement.getAttribute("aria-expanded")'), 'true');
  // Settings panels open from the keyboard.
  await page.locator('yj-lens details.settings summary').focus();
  await page.keyboard.press('Enter');
  assert.equal(await shadow('return root.querySelector("details.settings").open'), true);
  await context.close();
});

test('hostile values never execute and exports are escaped', async () => {
  const { page, context, log } = await demo();
  const lines = SAMPLE.split('\n');
  const head = lines[0].split(',');
  const iOutcome = head.indexOf('outcome');
  const iCategory = head.indexOf('offence_category');
  const evil = lines.map((l, i) => {
    if (i === 0 || !l) return l;
    const cells = l.split(',');
    if (i % 50 === 0) cells[iOutcome] = '<img src=x onerror=window.__pwned=1>';
    if (i % 7 === 0) cells[iCategory] = '"=HYPERLINK(""http://x"",""y"")"';
    return cells.join(',');
  });
  await page.evaluate(async (text) => {
    await document.querySelector('yj-lens').loadExtract(new Blob([text]), { label: 'hostile.csv' });
  }, evil.join('\n'));
  await page.locator('yj-lens [role="tab"]', { hasText: 'Data quality' }).click();
  await page.waitForTimeout(300);
  const shadow = shadowOf(page);
  assert.ok(await shadow('return root.textContent.includes("<img src=x onerror=window.__pwned=1>")'), 'shown as text');
  assert.equal(await shadow('return root.querySelectorAll("img").length'), 0);
  // Throughput offence categories carry the formula: its chart CSV escapes it.
  await page.locator('yj-lens [role="tab"]', { hasText: 'Throughput' }).click();
  await page.waitForTimeout(300);
  assert.ok(await shadow('return root.textContent.includes("=HYPERLINK")'));
  const fig = page.locator('yj-lens figure.chart', { has: page.locator('canvas[aria-label^="Offence category"]') });
  let dl = page.waitForEvent('download');
  await fig.getByRole('button', { name: 'CSV' }).click();
  const csv = readFileSync(await (await dl).path(), 'utf8');
  assert.ok(csv.includes(`"'=HYPERLINK(""http://x"",""y"")"`), csv.slice(0, 400));
  assert.ok(!/(^|,)=HYPERLINK/m.test(csv));
  // The aggregate file without disclosure control keeps the category, escaped.
  await page.locator('yj-lens details.exports summary').click();
  await page.locator('yj-lens details.exports input[type="checkbox"]').first().uncheck();
  dl = page.waitForEvent('download');
  await page.locator('yj-lens details.exports button', { hasText: 'Download figures (CSV)' }).click();
  const agg = readFileSync(await (await dl).path(), 'utf8');
  assert.ok(agg.includes("'=HYPERLINK"), 'escaped with a leading quote');
  assert.ok(!/(^|,)"?=HYPERLINK/m.test(agg));
  // The board pack holds the values as text.
  dl = page.waitForEvent('download');
  await page.locator('yj-lens details.exports button', { hasText: 'Download board pack' }).click();
  const pack = readFileSync(await (await dl).path(), 'utf8');
  assert.ok(!pack.includes('<img src=x'), 'no markup from the file in the board pack');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('HiDPI: the canvas backing store is twice its CSS size at deviceScaleFactor 2', async () => {
  const { page, context } = await demo({ deviceScaleFactor: 2 });
  await page.locator('yj-lens [role="tab"]', { hasText: 'Reoffending' }).click();
  await page.waitForTimeout(400);
  const sizes = await shadowOf(page)('return [...root.querySelectorAll("canvas")].slice(0, 3).map((c) => [c.width, c.height, c.clientWidth, c.clientHeight])');
  assert.ok(sizes.length >= 3);
  for (const [w, hh, cw, ch] of sizes) {
    assert.ok(cw > 100);
    assert.equal(w, cw * 2);
    assert.equal(hh, ch * 2);
  }
  await context.close();
});

test('two widgets on one page under an aggressive portal stylesheet both render', async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/test-pages/two.html`);
  await page.waitForFunction(() => document.documentElement.dataset.loaded === 'true', null, { timeout: 90_000 });
  await page.locator('#a [role="tab"]', { hasText: 'Reoffending' }).click();
  await page.waitForTimeout(500);
  for (const id of ['a', 'b']) {
    const look = await page.evaluate((i) => {
      const el = document.getElementById(i);
      const root = el.shadowRoot;
      const tab = root.querySelector('[role=tab]');
      const canvas = root.querySelector('canvas');
      return {
        host: getComputedStyle(el).display,
        tabs: [...root.querySelectorAll('[role=tab]')].map((t) => t.textContent),
        tabFont: getComputedStyle(tab).fontSize,
        tabColor: getComputedStyle(tab).color,
        canvasWidth: canvas?.clientWidth,
        hostWidth: el.clientWidth,
      };
    }, id);
    assert.equal(look.host, 'block', `${id} host stays a block`);
    assert.equal(look.tabFont, '16px', `${id} text keeps its size`);
    assert.notEqual(look.tabColor, 'rgb(255, 0, 0)');
    assert.ok(look.canvasWidth > look.hostWidth * 0.8, `${id} chart spans the widget`);
    assert.ok((await inkedPixels(page, page.locator(`#${id} canvas`).first())) > 3000, `${id} chart drawn`);
    if (id === 'a') assert.deepEqual(look.tabs, ['Overview', 'Reoffending']);
    else assert.deepEqual(look.tabs, ['Custody & remand', 'Ethnicity']);
  }
  // Independent: the second widget's custody unit, the first's default.
  const units = await page.evaluate(() => ['a', 'b'].map((i) => document.getElementById(i).report.settings.custody_unit));
  assert.deepEqual(units, ['per1000', 'per100000']);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a refused file: one sentence, a column to choose, then it is read', async () => {
  const { page, context, log } = await demo();
  const renamed = SAMPLE.replace(/^child_id,/, 'kid_ref,');
  const err = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-error', (e) => ok(e.detail), { once: true })));
  await page.evaluate(async (text) => {
    await document.querySelector('yj-lens').loadExtract(new File([text], 'renamed.csv')).catch(() => {});
  }, renamed);
  const detail = await err;
  assert.equal(detail.detail?.type, 'column_unmapped');
  assert.equal(detail.detail?.field, 'child_id');
  const shadow = shadowOf(page);
  const message = await shadow('return root.querySelector(".error").textContent');
  assert.ok(message.length > 20 && message.split(/\.\s/).length <= 2, message);
  const select = page.locator('yj-lens .fix select');
  await select.selectOption('kid_ref');
  const loaded = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-loaded', () => ok(true), { once: true })));
  await page.locator('yj-lens .fix button').click();
  await loaded;
  assert.equal(await page.evaluate(() => document.querySelector('yj-lens').profile.columns.child_id), 'kid_ref');
  assert.equal(await shadow('return root.querySelector(".error").hidden'), true);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a crashed worker: a clear sentence, and the widget reads the next file', async () => {
  const { page, context } = await demo();
  const outcome = await page.evaluate(async () => {
    const el = document.querySelector('yj-lens');
    const errors = [];
    el.addEventListener('yj-error', (e) => errors.push(e.detail.message));
    const text = await (await fetch('sample-extract.csv')).blob();
    const pending = el.loadExtract(text, { label: 'crash' }).catch((e) => e.kind);
    // The worker dies mid-read (as a wasm trap would kill it).
    el.engine.worker.onerror(new ErrorEvent('error', { message: 'RuntimeError: unreachable' }));
    const kind = await pending;
    const report = await el.loadExtract(text, { label: 'again' });
    return { kind, errors, rows: report.quality.rows_read };
  });
  assert.equal(outcome.kind, 'crash');
  assert.match(outcome.errors[0], /restarted and you can try again/);
  assert.ok(outcome.rows > 1000);
  await context.close();
});
