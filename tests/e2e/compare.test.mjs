// Comparators in the widget (issue 13, comparators.md): an analyst drops Camden's extract,
// then the published children table as the publication's ODS and a Nomis population for 24
// areas; the Compare view shows our rank, which equals `yjlens compare --json` and the rank
// worked out by hand; axe finds no WCAG 2.2 A/AA violation on the view; a refused file gets
// one sentence and changes nothing.
//
// Fixtures: tests/fixtures/comparators (make_fixtures.py; the ODS written by
// cli/tests/compare_cli.rs). By hand: Camden's extract has 12 children cautioned or sentenced
// in 2023-24 over its 10,000 aged 10-17 = 1.20 per 1,000. The other 23 YJSs have 10,000 each;
// those with fewer than 12 children: Barnet 5, Brent 6, Croydon 7, Brighton and Hove 8,
// Islington 9, Portsmouth 10, Medway 11 = 7, so rank 1 + 7 = 8 of 24 (Ealing, 12, ties at 8;
// Camden's published row, 14, is shown beside ours and not ranked). In London: lower are
// Barnet, Brent, Croydon, Islington: 5th of 12.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, openPage, cspViolations, ROOT, WWW } from './browser.mjs';

const CLI = join(ROOT, 'target/release/yjlens');
const DIR = join(ROOT, 'tests/fixtures/comparators');
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
let env;
let cli;
// Public mode: Camden's published aggregate file (k = 5, with its area columns) and the
// comparator files, served from the demo's own site, as `src` and `comparators-src`.
const PUBLIC = {
  page: join(WWW, 'test-public-compare.html'),
  aggregate: join(WWW, 'test-camden-aggregate.csv'),
  table: join(WWW, 'test-children-table.csv'),
  nomis: join(WWW, 'test-nomis-population.csv'),
};

before(async () => {
  writeFileSync(
    PUBLIC.aggregate,
    execFileSync(CLI, ['aggregate', join(DIR, 'camden_extract.csv'), '--extract-date', '2024-06-30', '--population', join(DIR, 'nomis_population.csv'), '--area', 'Camden'], {
      maxBuffer: 1 << 28,
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );
  copyFileSync(join(DIR, 'children_table.csv'), PUBLIC.table);
  copyFileSync(join(DIR, 'nomis_population.csv'), PUBLIC.nomis);
  writeFileSync(
    PUBLIC.page,
    readFileSync(join(WWW, 'public.html'), 'utf8').replace(
      'src="sample-aggregate.csv"',
      'src="test-camden-aggregate.csv" comparators-src="test-children-table.csv test-nomis-population.csv" area="Camden"',
    ),
  );
  env = await start();
  cli = JSON.parse(
    execFileSync(CLI, [
      'compare', join(DIR, 'camden_extract.csv'), '--extract-date', '2024-06-30',
      '--comparators', join(DIR, 'children_table.ods'), '--population', join(DIR, 'nomis_population.csv'),
      '--area', 'Camden', '--json',
    ], { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] }),
  );
});
after(async () => {
  await env?.close();
  for (const f of Object.values(PUBLIC)) rmSync(f, { force: true });
});

const shadow = (page, src) => page.evaluate((s) => new Function('root', s)(document.querySelector('yj-lens').shadowRoot), src);

/** The demo page with Camden's extract, the ODS children table and the Nomis population. */
async function analyst(viewport, { headline = false } = {}) {
  const o = await openPage(env.browser, `${env.base}/`, viewport ? { viewport } : undefined);
  const { page } = o;
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  const files = {
    extract: readFileSync(join(DIR, 'camden_extract.csv'), 'utf8'),
    ods: [...readFileSync(join(DIR, 'children_table.ods'))],
    nomis: readFileSync(join(DIR, 'nomis_population.csv'), 'utf8'),
    headline: headline ? readFileSync(join(DIR, 'headline.csv'), 'utf8') : null,
  };
  const failed = await page.evaluate(async ({ extract, ods, nomis, headline }) => {
    const lens = document.querySelector('yj-lens');
    try {
      lens.setAttribute('extract-date', '2024-06-30');
      lens.setAttribute('area', 'Camden');
      await lens.loadExtract(new Blob([extract], { type: 'text/csv' }), { label: 'camden_extract.csv' });
      await lens.loadComparators([new File([new Uint8Array(ods)], 'children_table.ods'), new File([nomis], 'nomis_population.csv')]);
      if (headline) await lens.loadComparators([new File([headline], 'headline.csv')]);
      return null;
    } catch (e) {
      return `${e?.kind}: ${e?.message}`;
    }
  }, files);
  assert.equal(failed, null);
  await page.waitForFunction(() => Boolean(document.querySelector('yj-lens').comparison));
  const drawn = page.evaluate(() => new Promise((ok) => document.querySelector('yj-lens').addEventListener('yj-drawn', (e) => ok(e.detail), { once: true })));
  await page.locator('yj-lens [role="tab"]', { hasText: 'Compare' }).click();
  await drawn;
  return o;
}

test('the Compare view shows our rank: the CLI’s and the hand-worked one', { timeout: 120_000 }, async () => {
  const cliOurs = cli.find((r) => r.measure === 'disp_rate' && r.breakdown === 'all' && r.area_kind === 'ours' && r.period_start === '2023-04-01');
  assert.equal(cliOurs.rank, 8);
  assert.equal(cliOurs.rank_of, 24);
  assert.equal(cliOurs.rank_region, 5);

  const { page, context, log } = await analyst();
  const view = await shadow(
    page,
    `const p = root.querySelector('[role=tabpanel]');
     const table = [...p.querySelectorAll('table')].find((t) => t.caption?.textContent.startsWith('Every area'));
     return {
       rank: p.querySelector('.rank')?.textContent,
       ours: p.querySelector('.big-line')?.textContent,
       chosen: p.querySelector('select[name=compare-figure]')?.selectedOptions[0]?.textContent,
       rows: [...table.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)),
       canvas: p.querySelector('canvas')?.getAttribute('aria-label'),
     };`,
  );
  // The widget's comparison is the CLI's, object for object.
  const widget = await page.evaluate(() => document.querySelector('yj-lens').comparison.rows);
  assert.deepEqual(widget, cli);
  assert.equal(view.rank, `${cliOurs.rank}th lowest of ${cliOurs.rank_of} YJSs (1 = lowest); 5th lowest of 12 YJSs in London (1 = lowest)`);
  assert.match(view.chosen, /^Rate by ethnic group \(.*\): all children, 1 Apr 2023 to 31 Mar 2024/);
  assert.equal(view.ours, 'Camden: 1.20 per 1,000 aged 10-17');
  const row = (area, kind) => view.rows.find((r) => r[0] === area && r[1].startsWith(kind));
  assert.deepEqual(row('Camden', 'ours (from'), ['Camden', 'ours (from the extract)', '12', '10,000', '1.20', '8 of 24', '–']);
  assert.deepEqual(row('Camden', 'ours as published').slice(2, 6), ['14', '10,000', '1.40', '–']);
  assert.deepEqual(row('London', 'region').slice(2, 5), ['179', '120,000', '1.49']);
  assert.equal(row('Kent', 'YJS')[6], 'ours lower');
  assert.match(view.canvas, /^Camden: 8th lowest of 24 YJSs \(1 = lowest\)\. Lowest first: Barnet \(London\) 0\.50; Brent \(London\) 0\.60;/);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(await cspViolations(page), []);

  // axe: no WCAG 2.2 A/AA violation on the Compare view (panels and its table open).
  await page.evaluate(AXE);
  for (const s of await page.locator('yj-lens details summary').all()) await s.click();
  await page.evaluate(() => {
    for (const b of document.querySelector('yj-lens').shadowRoot.querySelectorAll('.chart-tools button[aria-expanded="false"]')) b.click();
  });
  const result = await page.evaluate(async () =>
    window.axe.run({ include: [['yj-lens']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] }),
  );
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target?.join(' ')} — ${v.help}`), []);

  // A file that is not a comparator file: one sentence; the comparison stays.
  const err = await page.evaluate(async () => {
    const lens = document.querySelector('yj-lens');
    try {
      await lens.loadComparators([new File(['child_id,outcome\nA,Fine\n'], 'extract.csv')]);
      return null;
    } catch (e) {
      return e.message;
    }
  });
  assert.match(err, /^extract\.csv is not a comparator file/);
  assert.equal(await page.evaluate(() => document.querySelector('yj-lens').comparison.rows.length), cli.length);
  if (process.env.SCREENSHOTS) {
    mkdirSync(process.env.SCREENSHOTS, { recursive: true });
    await page.locator('yj-lens').screenshot({ path: join(process.env.SCREENSHOTS, 'compare-1280.png') });
  }
  await context.close();
});

test('the Compare view on a 390 px phone: nothing wider than the screen', { timeout: 120_000 }, async () => {
  const { page, context } = await analyst({ width: 390, height: 844 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `page ${wide} px wide`);
  if (process.env.SCREENSHOTS) await page.locator('yj-lens').screenshot({ path: join(process.env.SCREENSHOTS, 'compare-390.png') });
  await context.close();
});

test('a time chart’s table has a column per comparator, with the published-definition note', { timeout: 120_000 }, async () => {
  // headline.csv: England and Wales first-time entrants 106 per 100,000 in 2023-24, a
  // published (PNC) figure. Ours: 12 first-time entrants (C13's first outcome was in
  // 2022-23) over 10,000 = 120 per 100,000.
  const { page, context } = await analyst(undefined, { headline: true });
  await page.locator('yj-lens [role="tab"]', { hasText: 'Overview' }).click();
  await page.locator('yj-lens select[name="period"]').selectOption('financial_year');
  const table = await shadow(
    page,
    `const t = [...root.querySelectorAll('[role=tabpanel] table')].find((t) => t.caption?.textContent.startsWith('First-time entrant'));
     if (!t) return null;
     const head = [...t.tHead.rows[0].cells].map((c) => c.textContent);
     const row = [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)).find((r) => r[0] === '2023/24');
     return { head, row };`,
  );
  assert.ok(table, 'the first-time entrants table');
  const at = (name) => table.row[table.head.indexOf(name)];
  assert.equal(at('England and Wales'), '106');
  assert.equal(at('Comparator note'), 'local tracker vs published national figure: definitions differ');
  assert.match(table.row[1], /^120/);
  await context.close();
});

test('public mode: comparators-src puts the published figures beside the comparators; no rank for a suppressed figure', { timeout: 120_000 }, async () => {
  const { page, context, log } = await openPage(env.browser, `${env.base}/test-public-compare.html`);
  await page.waitForFunction(() => Boolean(document.querySelector('yj-lens')?.comparison), null, { timeout: 60_000 });
  const rows = await page.evaluate(() => document.querySelector('yj-lens').comparison.rows);
  const ours = (measure, group) => rows.find((r) => r.area_kind === 'ours' && r.measure === measure && r.group === group && r.period_start === '2023-04-01');
  // White: 8 children, published (8 ≥ 5). The 23 other YJSs' White counts (half their total,
  // rounded up; Camden's own published 7 is not ranked), sorted: 3 3 4 4 5 5 6 6 7 8 8 9 9 10
  // 10 11 11 12 13 14 15 18 20. Fewer than 8: 3 3 4 4 5 5 6 6 7 = 9, so 1 + 9 = 10th of 24.
  const white = ours('disp_count', 'White');
  assert.equal(white.value, 8);
  assert.equal(white.rank, 10);
  assert.equal(white.rank_of, 24);
  // Unknown: 1 child, suppressed in the published file: no value, no rank.
  const unknown = ours('disp_count', 'Unknown');
  assert.equal(unknown.value, null);
  assert.equal(unknown.rank, null);
  await page.locator('yj-lens [role="tab"]', { hasText: 'Compare' }).click();
  await page.waitForTimeout(300);
  assert.ok(await shadow(page, `return Boolean(root.querySelector('[role=tabpanel] select[name=compare-figure]'));`));
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('an area name matching nothing: mapped in the Comparators panel, the family from a file, both saved in the profile and restored', { timeout: 180_000 }, async () => {
  // The population names Barnet "Barnet (London Borough)", which matches no YJS of the table.
  // Unmapped, Barnet (5 children) has no rate: lower than our 1.20 are Brent 0.60, Croydon
  // 0.70, Brighton and Hove 0.80, Islington 0.90, Portsmouth 1.00, Medway 1.10 = 6, so 7th of
  // 23. Mapped to Barnet: 5 / 10,000 = 0.50 per 1,000 is back, 7 lower: 8th of 24. The family
  // file (family.csv: 10 areas, Camden's named "Camden YOT"): lower than ours Barnet 0.50,
  // Brent 0.60, Islington 0.90 → 4th of 10.
  const nomis = readFileSync(join(DIR, 'nomis_population.csv'), 'utf8').replaceAll(',Barnet,', ',Barnet (London Borough),');
  const files = { extract: readFileSync(join(DIR, 'camden_extract.csv'), 'utf8'), table: readFileSync(join(DIR, 'children_table.csv'), 'utf8'), nomis, family: readFileSync(join(DIR, 'family.csv'), 'utf8') };
  const ours = () => {
    const rows = document.querySelector('yj-lens').comparison.rows;
    const r = rows.find((x) => x.measure === 'disp_rate' && x.breakdown === 'all' && x.area_kind === 'ours' && x.period_start === '2023-04-01');
    return [r.rank, r.rank_of, r.rank_family, r.rank_family_of];
  };
  const load = async (page, profile) => {
    const failed = await page.evaluate(async ({ extract, table, nomis, profile }) => {
      const lens = document.querySelector('yj-lens');
      try {
        lens.setAttribute('extract-date', '2024-06-30');
        lens.setAttribute('area', 'Camden');
        await lens.loadExtract(new Blob([extract], { type: 'text/csv' }), { label: 'camden_extract.csv' });
        await lens.loadComparators([new File([table], 'children_table.csv'), new File([nomis], 'nomis_population.csv')]);
        if (profile) await lens.loadProfile(new File([profile], 'profile.json'));
        return null;
      } catch (e) {
        return `${e?.kind}: ${e?.message}`;
      }
    }, { ...files, profile });
    assert.equal(failed, null);
  };
  for (const width of [1280, 390]) {
    const { page, context, log } = await openPage(env.browser, `${env.base}/`, { viewport: { width, height: 900 } });
    await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
    await load(page, null);
    assert.deepEqual(await page.evaluate(ours), [7, 23, null, null]);
    await page.locator('yj-lens details.comparators summary').click();
    const select = page.getByLabel('“Barnet (London Borough)” (in the population, not in the comparator files) means');
    assert.ok(await page.getByLabel('“Barnet” (in the comparator files, not in the population) means').isVisible());
    if (process.env.SCREENSHOTS) {
      mkdirSync(process.env.SCREENSHOTS, { recursive: true });
      await page.locator('yj-lens details.comparators').screenshot({ path: join(process.env.SCREENSHOTS, `comparators-unmatched-${width}.png`) });
    }
    // axe on the panel with its controls.
    await page.evaluate(AXE);
    const result = await page.evaluate(async () =>
      window.axe.run({ include: [['yj-lens']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] }),
    );
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target?.join(' ')} — ${v.help}`), []);
    if (width === 390) {
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 390, `page ${wide} px wide`);
      await context.close();
      continue;
    }
    await select.selectOption('Barnet');
    await page.waitForFunction(() => document.querySelector('yj-lens').comparison.rows.some((r) => r.area === 'Barnet' && r.measure === 'disp_rate' && r.breakdown === 'all' && r.value === 0.5));
    assert.deepEqual(await page.evaluate(ours), [8, 24, null, null]);
    // The family from a file.
    const family = await page.evaluate(async (csv) => document.querySelector('yj-lens').session.loadFamilyFile(new File([csv], 'family.csv')), files.family);
    assert.equal(family.name, 'Inner London family');
    assert.deepEqual(await page.evaluate(ours), [8, 24, 4, 10]);
    const familyField = await shadow(page, `return root.querySelector('textarea[name=family-members]').value.split('\\n').length;`);
    assert.equal(familyField, 10);
    const profile = await page.evaluate(() => JSON.stringify(document.querySelector('yj-lens').session.profile));
    const saved = JSON.parse(profile);
    assert.deepEqual(saved.areas, { 'Barnet (London Borough)': 'Barnet' });
    assert.equal(saved.family.members.length, 10);
    assert.deepEqual(log.errors, []);
    await context.close();

    // A new page given the saved profile: the same comparison.
    const again = await openPage(env.browser, `${env.base}/`);
    await again.page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
    await load(again.page, profile);
    await again.page.waitForFunction(() => document.querySelector('yj-lens').comparison?.rows.some((r) => r.rank_family !== null));
    assert.deepEqual(await again.page.evaluate(ours), [8, 24, 4, 10]);
    await again.context.close();
  }
});

test('the KPIs view: typed London and England and Wales KPI figures beside each KPI', { timeout: 120_000 }, async () => {
  // The demo's sample (extract date 30 Sep 2025, a quarter end): KPI 1 for Jul–Sep 2025 is
  // 126 / 138 = 91.3% (`yjlens kpi` on the same files). Typed beside it: London 85% (a region
  // by its name) and England and Wales 88.5% (a nation by its code); and London for Apr–Jun
  // 2025, another quarter, which is never set beside Jul–Sep.
  const headline = [
    'area,area_code,measure,period_type,period_start,period_end,value',
    'London,,kpi1_accommodation_suitable,quarter,2025-07-01,2025-09-30,85',
    'England and Wales,K04000001,kpi1_accommodation_suitable,quarter,2025-07-01,2025-09-30,88.5',
    'London,,kpi2_ete_suitable,quarter,2025-04-01,2025-06-30,60',
  ].join('\n');
  for (const width of [1280, 390]) {
    const { page, context, log } = await openPage(env.browser, `${env.base}/`, { viewport: { width, height: 900 } });
    await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 90_000 });
    await page.evaluate(async (csv) => document.querySelector('yj-lens').loadComparators([new File([csv], 'kpi_headline.csv')]), headline);
    await page.waitForFunction(() => Boolean(document.querySelector('yj-lens').comparison));
    await page.locator('yj-lens [role="tab"]', { hasText: 'KPIs' }).click();
    await page.locator('yj-lens select[name="period"]').selectOption('quarter');
    const table = await shadow(
      page,
      `const t = root.querySelector('#kpi-table table');
       return { head: [...t.tHead.rows[0].cells].map((c) => c.textContent), rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)) };`,
    );
    const at = (kpi, col) => table.rows.find((r) => r[0].startsWith(kpi))[table.head.indexOf(col)];
    assert.equal(at('KPI 1:', table.head[3]), '91.3%');
    assert.equal(at('KPI 1:', 'London'), '85.0%');
    assert.equal(at('KPI 1:', 'England and Wales'), '88.5%');
    // KPI 2's London figure is for another quarter: nothing beside Jul–Sep.
    assert.equal(at('KPI 2:', 'London'), '–');
    if (width === 1280) {
      await page.evaluate(AXE);
      const result = await page.evaluate(async () =>
        window.axe.run({ include: [['yj-lens']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] }),
      );
      assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target?.join(' ')} — ${v.help}`), []);
    } else {
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 390, `page ${wide} px wide`);
    }
    if (process.env.SCREENSHOTS) {
      mkdirSync(process.env.SCREENSHOTS, { recursive: true });
      await page.locator('yj-lens #kpi-table').screenshot({ path: join(process.env.SCREENSHOTS, `kpis-comparators-${width}.png`) });
    }
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});

test('the aggregate export writes ours with our area, then each region and nation row with its area', { timeout: 120_000 }, async () => {
  const { page, context } = await analyst();
  const csv = await page.evaluate(async () => (await document.querySelector('yj-lens').exportAggregate({ suppress: false })).text());
  const lines = parseCsv(csv.replace(/^\uFEFF/, ''));
  const head = lines[0];
  assert.deepEqual(head.slice(0, 2), ['area_code', 'area']);
  const col = (n) => head.indexOf(n);
  const find = (area, measure = 'disp_rate', group = 'all') => lines.find((r) => r[1] === area && r[col('measure')] === measure && r[col('group')] === group && r[col('period_start')] === '2023-04-01' && r[col('period_type')] === 'financial_year');
  // Ours: 8 White children cautioned or sentenced in 2023-24 (C01-C08); London as published:
  // 179 children over 12 × 10,000.
  assert.equal(find('Camden', 'disp_count', 'White')[col('value')], '8');
  assert.deepEqual([find('London')[col('numerator')], find('London')[col('denominator')]], ['179', '120000']);
  // Every row names its area: ours first, then the comparators (no other YJS's row).
  assert.ok(lines.slice(1).every((r) => r[1] !== ''));
  assert.equal(lines.find((r) => r[1] === 'Kent'), undefined);
  await context.close();
});

/** Rows of a CSV text (quoted fields with commas, doubled quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell.replace(/\r$/, '')), rows.push(row), (row = []), (cell = '');
    else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}
