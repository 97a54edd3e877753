// The Welsh interface (issue 16): every message id has both languages, and with lang="cy" no
// English sentence of the message tables is shown anywhere in the widget — the shadow root's
// text and its aria-labels, on every view, analyst and public — nor does axe find a fault; the
// language switch turns the figures' own sentences (made in the wasm core) Welsh without reading
// the file again. Screenshots of every view in Welsh, desktop (1280) and phone (390), go to
// target/screenshots/welsh/ to be looked at; nothing in them is clipped (checked here).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { start, openPage, ROOT } from './browser.mjs';
import en from '../../www/src/messages/en.js';
import cy from '../../www/src/messages/cy.js';

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const SHOTS = join(ROOT, 'target/screenshots/welsh');

/** A Rust message table (src/catalogue/messages/LANG.rs) as id → text. */
function rustTable(lang) {
  const src = readFileSync(join(ROOT, `src/catalogue/messages/${lang}.rs`), 'utf8');
  const out = {};
  for (const m of src.matchAll(/\(\s*"([a-z0-9_.]+)",\s*"((?:[^"\\]|\\.)*)",?\s*\)/g)) out[m[1]] = m[2].replace(/\\(.)/g, '$1');
  return out;
}
const RUST = { en: rustTable('en'), cy: rustTable('cy') };

/**
 * The English pieces that must not be seen in Welsh mode: each English message (page and core)
 * that differs from its Welsh, cut at its `{placeholders}`; a piece is kept when it is words
 * (two or more, or one of 5+ letters) that the Welsh message does not also contain — numbers,
 * codes, units such as "%" and names such as "English" are the same in both.
 */
function englishPieces() {
  const pieces = new Map();
  for (const [tableEn, tableCy] of [[en, cy], [RUST.en, RUST.cy]]) {
    for (const [id, text] of Object.entries(tableEn)) {
      // The command line's own words (the `cli-text` part of the core's tables) are never shown.
      if (id.startsWith('cli.')) continue;
      const welsh = tableCy[id] ?? '';
      if (text === welsh) continue;
      for (const raw of text.split(/\{\w+\}/)) {
        const piece = raw.trim().replace(/^[\s.,;:()–—-]+|[\s.,;:(–—-]+$/g, '');
        const words = piece.split(/\s+/).filter((w) => /[A-Za-z]{2,}/.test(w));
        if (!words.length || (words.length < 2 && piece.length < 5)) continue;
        if (welsh.includes(piece)) continue;
        if (!pieces.has(piece)) pieces.set(piece, id);
      }
    }
  }
  return pieces;
}
const PIECES = englishPieces();
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PATTERNS = [...PIECES].map(([piece, id]) => ({ piece, id, re: new RegExp(`(?<![A-Za-z])${escape(piece)}(?![A-Za-z])`) }));

/** The English pieces found in `texts` (each `{ where, text }`). */
function englishIn(texts) {
  const found = [];
  for (const { where, text } of texts) {
    for (const p of PATTERNS) {
      const m = p.re.exec(text);
      if (m) found.push(`${where}: “${p.piece}” (${p.id}) in “…${text.slice(Math.max(0, m.index - 70), m.index + p.piece.length + 50)}…”`);
    }
  }
  return found;
}

/** What `text` has of English message pieces once the file's own values (`data`) and ids are cut out. */
function englishInText(where, text, data) {
  const values = [...data].filter((d) => d && d.length > 1).sort((a, b) => b.length - a.length);
  const stripped = values.reduce((t, d) => t.split(d).join(' ◦ '), text).replace(/\b[a-z0-9]+(?:_[a-z0-9]+)+\b/g, ' ◦ ');
  return englishIn([{ where, text: stripped }]);
}

/** The values of the report that come from the files, not from a message table (as SHOWN). */
const FILE_VALUES = () => {
  const el = document.querySelector('yj-lens');
  const r = el.report;
  const data = new Set();
  for (const f of r?.figures ?? []) if (f.breakdown === 'service' || f.breakdown === 'ethnicity_detail') data.add(f.group);
  for (const [, header] of r?.quality?.columns ?? []) data.add(header);
  for (const c of r?.quality?.unknown_codes ?? []) data.add(String(c.value));
  for (const c of [...(r?.quality?.dropped_columns ?? []), ...(r?.quality?.ignored_columns ?? [])]) data.add(c);
  for (const x of [...(r?.quality?.rejected ?? []), ...(r?.quality?.warnings ?? [])]) if (x.example_value) data.add(String(x.example_value));
  for (const x of [r?.source_label, el._sourceName, el.session?.population?.label]) if (x) data.add(x);
  // Comparator files' area, region and family names (Reading is a place); not the pooled
  // "England and Wales", which the widget names in the language in use.
  for (const row of el.comparison?.rows ?? []) if (row.area !== 'England and Wales') data.add(row.area);
  for (const x of [el.comparison?.region, el.comparison?.family]) if (x) data.add(x);
  return [...data];
};

/**
 * Everything the widget shows as text: the shadow root's text nodes and its accessible names,
 * less what comes from the file or the host page rather than a message table — the file's
 * column headers, codes and example values, service names, the source's name — and ids
 * (snake_case words such as throughput_children), which are the same in every language.
 */
const SHOWN = () => {
  const el = document.querySelector('yj-lens');
  const root = el.shadowRoot;
  const r = el.report;
  const data = new Set();
  for (const f of r?.figures ?? []) if (f.breakdown === 'service' || f.breakdown === 'ethnicity_detail') data.add(f.group);
  for (const [, header] of r?.quality?.columns ?? []) data.add(header);
  for (const c of r?.quality?.unknown_codes ?? []) data.add(String(c.value));
  for (const c of [...(r?.quality?.dropped_columns ?? []), ...(r?.quality?.ignored_columns ?? [])]) data.add(c);
  for (const x of [...(r?.quality?.rejected ?? []), ...(r?.quality?.warnings ?? [])]) if (x.example_value) data.add(String(x.example_value));
  for (const x of [r?.source_label, el._sourceName, el.session?.population?.label]) if (x) data.add(x);
  for (const row of el.comparison?.rows ?? []) if (row.area !== 'England and Wales') data.add(row.area);
  for (const x of [el.comparison?.region, el.comparison?.family]) if (x) data.add(x);
  const values = [...data].filter((d) => d && d.length > 1).sort((a, b) => b.length - a.length);
  const strip = (text) => values.reduce((t, d) => t.split(d).join(' ◦ '), text).replace(/\b[a-z0-9]+(?:_[a-z0-9]+)+\b/g, ' ◦ ');
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let block = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.textContent.replace(/\s+/g, ' ').trim();
    if (t) block += ` ${t}`;
  }
  out.push({ where: 'text', text: strip(block) });
  for (const e of root.querySelectorAll('[aria-label],[title],[placeholder],[alt]')) {
    for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
      const v = e.getAttribute(a);
      if (v) out.push({ where: `${e.tagName.toLowerCase()}[${a}]`, text: strip(v) });
    }
  }
  return out;
};

/** Open every panel and table toggle so their text is there (and in the screenshot). */
const OPEN_ALL = () => {
  const root = document.querySelector('yj-lens').shadowRoot;
  for (const d of root.querySelectorAll('details')) d.open = true;
  for (const b of root.querySelectorAll('.chart-tools button[aria-expanded="false"]')) b.click();
};

/** Text that does not fit its box: an element whose content is wider than it and cut off. */
const CLIPPED = () => {
  const root = document.querySelector('yj-lens').shadowRoot;
  const out = [];
  for (const e of root.querySelectorAll('button, label, summary, th, td, caption, h2, h3, p, option, select, .tab, .card *')) {
    if ((!e.offsetParent && e.tagName !== 'OPTION') || e.closest('.visually-hidden')) continue;
    const s = getComputedStyle(e);
    const hides = ['hidden', 'clip'].includes(s.overflowX) || s.textOverflow === 'ellipsis';
    if (hides && e.scrollWidth > e.clientWidth + 1) out.push(`${e.tagName.toLowerCase()}.${e.className}: “${e.textContent.trim().slice(0, 60)}”`);
  }
  const host = document.querySelector('yj-lens').getBoundingClientRect();
  if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${window.innerWidth})`);
  if (host.right > window.innerWidth + 1) out.push(`the widget is wider than the window (${host.right})`);
  return out;
};

let env;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  env = await start();
});
after(async () => env.close());

test('every message id has both languages, and none is empty', () => {
  assert.deepEqual(Object.keys(cy).sort(), Object.keys(en).sort(), 'the page’s tables (www/src/messages)');
  assert.deepEqual(Object.keys(RUST.cy).sort(), Object.keys(RUST.en).sort(), 'the core’s tables (src/catalogue/messages)');
  for (const [name, table] of [['cy.js', cy], ['en.js', en], ['cy.rs', RUST.cy], ['en.rs', RUST.en]]) {
    assert.deepEqual(Object.entries(table).filter(([, v]) => !String(v).trim()).map(([k]) => k), [], `empty in ${name}`);
  }
  // The check below means something: it knows hundreds of English pieces, e.g. the tabs'.
  assert.ok(PIECES.size > 300, `${PIECES.size} English pieces`);
  assert.ok(PIECES.has('Custody & remand') && PIECES.has('Reoffences per reoffender'));
});

/** Walk every view of the widget on `page`: open everything, collect what is shown, axe it. */
async function walk(page, label, { shots = true, width }) {
  await page.evaluate(AXE);
  const tabs = page.locator('yj-lens [role="tab"]');
  const n = await tabs.count();
  assert.ok(n >= 6, `${label}: ${n} tabs`);
  const english = [];
  const axe = [];
  const clipped = [];
  for (let i = 0; i < n; i++) {
    await tabs.nth(i).click();
    await page.waitForTimeout(300);
    await page.evaluate(OPEN_ALL);
    await page.waitForTimeout(200);
    const id = await tabs.nth(i).getAttribute('id');
    english.push(...englishIn(await page.evaluate(SHOWN)).map((x) => `${label} ${id} ${x}`));
    const result = await page.evaluate(async () =>
      window.axe.run(
        { include: [['yj-lens']] },
        { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] },
      ),
    );
    axe.push(...result.violations.map((v) => `${label} ${id} ${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target?.join(' ')} — ${v.help}`));
    clipped.push(...(await page.evaluate(CLIPPED)).map((x) => `${label} ${id} ${x}`));
    if (shots) await page.screenshot({ path: join(SHOTS, `${label}-${id.replace('tab-', '')}-${width}.png`), fullPage: true });
  }
  return { english, axe, clipped };
}

for (const width of [1280, 390]) {
  test(`analyst mode in Welsh at ${width} px: no English message shown, axe clean, nothing clipped`, async () => {
    const { page, context, log } = await openPage(env.browser, `${env.base}/`, { viewport: { width, height: 900 } });
    await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
    // The element's lang chooses the language; the core's sentences come back in Welsh.
    await page.evaluate(() => document.querySelector('yj-lens').setAttribute('lang', 'cy'));
    await page.waitForFunction(() => (document.querySelector('yj-lens').report?.notes ?? []).some((n) => n.includes('Olrheinydd lleol')), null, { timeout: 60_000 });
    const { english, axe, clipped } = await walk(page, 'analyst', { width });
    assert.deepEqual(english, []);
    assert.deepEqual(axe, []);
    assert.deepEqual(clipped, []);
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  test(`public mode in Welsh (the host page's lang) at ${width} px: no English message shown, axe clean`, async () => {
    const { page, context, log } = await openPage(env.browser, `${env.base}/public.html`, { viewport: { width, height: 900 } });
    await page.waitForFunction(() => document.querySelector('yj-lens')?.report?.public === true, null, { timeout: 60_000 });
    // No lang on the element: the page's own.
    await page.evaluate(() => {
      document.documentElement.lang = 'cy';
      document.querySelector('yj-lens').removeAttribute('lang');
      // The element follows its host's language when it is (re)connected.
      const el = document.querySelector('yj-lens');
      el.parentNode.append(el);
    });
    await page.waitForFunction(() => document.querySelector('yj-lens').shadowRoot.querySelector('[role=tab]')?.textContent === 'Trosolwg', null, { timeout: 30_000 });
    const { english, axe, clipped } = await walk(page, 'public', { width });
    assert.deepEqual(english, []);
    assert.deepEqual(axe, []);
    assert.deepEqual(clipped, []);
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

test('the analyst’s language switch: Welsh and back, the file not read again', async () => {
  const { page, context } = await openPage(env.browser, `${env.base}/`, { viewport: { width: 1280, height: 900 } });
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  const lens = page.locator('yj-lens');
  const rowsRead = await page.evaluate(() => document.querySelector('yj-lens').report.quality.rows_read);
  await lens.locator('select[name="language"]').selectOption('cy');
  await page.waitForFunction(() => (document.querySelector('yj-lens').report?.notes ?? []).some((n) => n.includes('Olrheinydd lleol')), null, { timeout: 60_000 });
  assert.equal(await lens.getAttribute('lang'), 'cy');
  assert.equal(await page.locator('yj-lens [role="tab"]').first().textContent(), 'Trosolwg');
  // The status line still says what became of the rows, now in Welsh (it used to go blank).
  assert.match(await lens.locator('.status').first().textContent(), /^Dadansoddwyd .*: defnyddiwyd [\d,]+ rhes o’r [\d,]+ a ddarllenwyd\.$/);
  // The figures' period labels are Welsh: a quarter reads "Ebr–Meh 2024", a financial year "2024/25".
  const labels = await page.evaluate(() => [...new Set(document.querySelector('yj-lens').report.figures.map((f) => f.period_label))]);
  assert.ok(labels.includes('Ebr–Meh 2024'), labels.slice(0, 8).join(', '));
  assert.ok(labels.includes('2024/25'));
  // Re-analysed from what the worker holds: the same rows, no new read.
  assert.equal(await page.evaluate(() => document.querySelector('yj-lens').report.quality.rows_read), rowsRead);
  await lens.locator('select[name="language"]').selectOption('en');
  await page.waitForFunction(() => (document.querySelector('yj-lens').report?.notes ?? []).some((n) => n.includes('local tracker')), null, { timeout: 60_000 });
  assert.equal(await page.locator('yj-lens [role="tab"]').first().textContent(), 'Overview');
  await context.close();
});

// ---------------------------------------------------------------- comparators and KPIs in Welsh

const COMPARATORS = join(ROOT, 'tests/fixtures/comparators');

/**
 * The demo page in Welsh with the files of compare.test.mjs (Camden's extract, the ODS children
 * table, the Nomis population: the Compare view and its comparator rows and lines) and the
 * sample's KPI files (the KPIs view's table, funnels and breakdowns).
 */
async function welshWithComparators(width) {
  const o = await openPage(env.browser, `${env.base}/`, { viewport: { width, height: 900 } });
  const { page } = o;
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  await page.evaluate(() => document.querySelector('yj-lens').setAttribute('lang', 'cy'));
  const files = {
    extract: readFileSync(join(COMPARATORS, 'camden_extract.csv'), 'utf8'),
    ods: [...readFileSync(join(COMPARATORS, 'children_table.ods'))],
    nomis: readFileSync(join(COMPARATORS, 'nomis_population.csv'), 'utf8'),
  };
  const failed = await page.evaluate(async ({ extract, ods, nomis }) => {
    const lens = document.querySelector('yj-lens');
    try {
      lens.setAttribute('extract-date', '2024-06-30');
      lens.setAttribute('area', 'Camden');
      await lens.loadExtract(new Blob([extract], { type: 'text/csv' }), { label: 'camden_extract.csv' });
      await lens.loadComparators([new File([new Uint8Array(ods)], 'children_table.ods'), new File([nomis], 'nomis_population.csv')]);
      const file = async (name) => new File([await (await fetch(name)).blob()], name);
      await lens.loadInterventions(await file('sample-interventions.csv'));
      await lens.loadBoard(await file('sample-board.csv'));
      return null;
    } catch (e) {
      return `${e?.kind}: ${e?.message}`;
    }
  }, files);
  assert.equal(failed, null);
  await page.waitForFunction(() => {
    const lens = document.querySelector('yj-lens');
    return Boolean(lens.comparison) && Boolean(lens.report?.kpi?.interventions) && lens.shadowRoot.querySelector('[role=tab]')?.textContent === 'Trosolwg';
  }, null, { timeout: 60_000 });
  return o;
}

for (const width of [1280, 390]) {
  test(`the Compare and KPIs views in Welsh at ${width} px: comparator rows and lines, KPI table, no English message`, { timeout: 180_000 }, async () => {
    const { page, context, log } = await welshWithComparators(width);
    const ids = await page.locator('yj-lens [role="tab"]').evaluateAll((tabs) => tabs.map((t) => t.id));
    assert.ok(ids.includes('tab-compare') && ids.includes('tab-kpis'), ids.join(', '));
    // The Compare view speaks Welsh: our rank as a number ("safle 8 o 24 GCI"), not "8th".
    await page.locator('yj-lens #tab-compare').click();
    await page.waitForTimeout(300);
    const rank = await page.evaluate(() => document.querySelector('yj-lens').shadowRoot.querySelector('[role=tabpanel] .rank')?.textContent ?? '');
    assert.match(rank, /^Safle 8 o 24 GCI, o’r isaf \(1 = isaf\)/, rank);
    const { english, axe, clipped } = await walk(page, 'compare', { width });
    assert.deepEqual(english, []);
    assert.deepEqual(axe, []);
    assert.deepEqual(clipped, []);
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

// ---------------------------------------------------------------- what a Welsh analyst downloads

test('the Welsh board pack, each view’s chart CSV and the aggregate file: no English message, ids English', { timeout: 240_000 }, async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/`, { viewport: { width: 1280, height: 900 } });
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  await page.evaluate(() => document.querySelector('yj-lens').setAttribute('lang', 'cy'));
  await page.waitForFunction(() => (document.querySelector('yj-lens').report?.notes ?? []).some((n) => n.includes('Olrheinydd lleol')), null, { timeout: 60_000 });
  const data = new Set(await page.evaluate(FILE_VALUES));
  const english = [];

  // The board pack, every view ticked, with a quarter typed on the cover.
  await page.locator('yj-lens details.exports summary').click();
  await page.locator('yj-lens details.exports input[name="pack-quarter"]').fill('Gorff–Medi 2025');
  const dl = page.waitForEvent('download');
  await page.locator('yj-lens details.exports button', { hasText: cy['pack.download'] }).click();
  const html = readFileSync(await (await dl).path(), 'utf8');
  const pack = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'text/html');
    return { lang: doc.documentElement.lang, text: doc.body.textContent.replace(/\s+/g, ' '), alts: [...doc.querySelectorAll('[alt]')].map((e) => e.alt) };
  }, html);
  assert.equal(pack.lang, 'cy');
  // Its own words in Welsh (hand-checked): the cover's quarter, the cut tables' sentence.
  assert.ok(pack.text.includes('Chwarter adrodd: Gorff–Medi 2025'), 'the cover’s quarter line');
  assert.ok(pack.text.includes('Mae tablau cyfres amser yn dangos ei 8 cyfnod diweddaraf'), 'the cut-table sentence');
  english.push(...englishInText('pack', pack.text, data));
  for (const alt of pack.alts) english.push(...englishInText('pack img[alt]', alt, data));

  // The first chart's CSV of each view: title lines ("Cyfnod: …", "Uned: …") and column heads.
  const tabs = page.locator('yj-lens [role="tab"]');
  let csvs = 0;
  for (let i = 0; i < (await tabs.count()); i++) {
    await tabs.nth(i).click();
    await page.waitForTimeout(300);
    const button = page.locator('yj-lens [role="tabpanel"] .chart-tools').first().getByRole('button', { name: /CSV/ });
    if (!(await button.count())) continue;
    const got = page.waitForEvent('download');
    await button.click();
    const text = readFileSync(await (await got).path(), 'utf8').replace(/^\uFEFF/, '');
    assert.match(text, /^.*\r?\n"?Cyfnod: .*\r?\n"?Uned: /, `the title lines of ${await tabs.nth(i).getAttribute('id')}`);
    english.push(...englishInText(`csv ${await tabs.nth(i).getAttribute('id')}`, text, data));
    csvs++;
  }
  assert.ok(csvs >= 5, `${csvs} chart CSVs`);

  // The aggregate file: its ids stay English (they are ids), its labels — the period label and
  // the definition — are Welsh.
  const rows = await page.evaluate(async () => {
    const blob = await document.querySelector('yj-lens').exportAggregate({ suppress: true, k: 5, include_quarters: true });
    return (await blob.text()).replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
  });
  const head = rows[0].split(',');
  assert.deepEqual(head.slice(0, 8), ['measure', 'stage', 'period_type', 'period_start', 'period_end', 'period_label', 'breakdown', 'group']);
  const quarter = rows.find((r) => r.includes(',quarter,2024-04-01,'));
  assert.ok(quarter, 'a quarter row');
  assert.match(quarter, /^[a-z0-9_]+,[a-z0-9_]*,quarter,2024-04-01,2024-06-30,Ebr–Meh 2024,/);
  const definitions = rows.slice(1).map((r) => r.match(/,(true|false),(".*?"|[^,]*),/)?.[2] ?? '');
  assert.ok(definitions.filter(Boolean).length > 100, 'definitions read');
  english.push(...englishInText('aggregate definition', [...new Set(definitions)].join(' | '), data));

  assert.deepEqual(english, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

// ---------------------------------------------------------------- issue 15: Welsh is fetched only when needed

test('an English page never fetches the Welsh table (messages/cy.js); a Welsh page does', async () => {
  const { page, context } = await openPage(env.browser, `${env.base}/`, { viewport: { width: 1280, height: 900 } });
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  await page.waitForTimeout(300);
  assert.ok(requested.some((p) => p.endsWith('/messages/en.js')), 'the English table is fetched');
  assert.ok(!requested.some((p) => p.endsWith('/messages/cy.js')), requested.filter((p) => p.includes('messages')).join(', '));
  // Nor the core's Welsh table, which the wasm modules are built without.
  assert.ok(!requested.some((p) => p.endsWith('/messages/core-cy.js')));
  // Welsh asked for: the table is fetched, and the widget then speaks it.
  await page.evaluate(() => document.querySelector('yj-lens').setAttribute('lang', 'cy'));
  await page.waitForFunction(() => document.querySelector('yj-lens').shadowRoot.querySelector('[role=tab]')?.textContent === 'Trosolwg', null, { timeout: 30_000 });
  assert.ok(requested.some((p) => p.endsWith('/messages/cy.js')));
  // The core's table too, by the page (the catalogue's words) and by the worker (its sentences).
  assert.ok(requested.filter((p) => p.endsWith('/messages/core-cy.js')).length >= 1);
  await context.close();
});
