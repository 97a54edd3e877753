// Compare (issue 13, comparators.md "Where it shows"): for the chosen measure, period and
// group, a ranked dot plot of every YJS in the comparator files (ours highlighted and
// labelled, our region's and family's members named), the rank sentences, and a table of
// every area's numerator, denominator and value with "higher/lower/similar" against ours.
import { h, uid } from '../dom.js';
import { chartFigure, dataTable } from '../charts.js';
import { t } from '../messages/index.js';
import { Breakdown, measureInfo, messageIn } from '../catalogue.js';
import { groupLabel, STAGES } from '../labels.js';
import { count, placesFor, round, ukDate, unitWords, withUnit } from '../format.js';
import { section, note } from './blocks.js';

/** The kinds of area a comparison row can be (`AreaKind` of the core). */
const OURS = 'ours';
const YJS = 'yjs';

/**
 * An area's name as shown: the file's own names as they are, but the pooled "England and
 * Wales" the core names in English (its name matches a population file's rows, so it stays
 * English in the comparison) in the language in use.
 */
function areaName(row) {
  const both = 'comparators.england_and_wales';
  return row.area === messageIn('en', both) ? t(both) : row.area;
}

/** A sentence standing alone starts with a capital (Welsh "Safle 8 o 24 GCI…"; English starts with a digit). */
const capital = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);

const keyOf = (r) => [r.measure, r.stage, r.period_type, r.period_start, r.period_end, r.breakdown, r.group].join('|');

/** 1 → "1st", 12 → "12th", 22 → "22nd". */
export function ordinal(n) {
  const tail = n % 100 >= 11 && n % 100 <= 13 ? 'th' : { 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th';
  return `${n}${tail}`;
}

/** The comparison's figures: each our row with the rows (and details) of its comparators. */
export function figuresOf(comparison) {
  const out = [];
  let cur = null;
  comparison.rows.forEach((row, i) => {
    const detail = comparison.details[i];
    if (row.area_kind === OURS) {
      cur = { key: keyOf(row), ours: row, detail, others: [] };
      out.push(cur);
    } else cur?.others.push({ row, detail });
  });
  return out;
}

/** The figure shown first: ranked, the all-children figure, the latest period. */
function preferred(figures) {
  const ranked = figures.filter((f) => f.ours.rank !== null);
  const pool = ranked.length ? ranked : figures;
  const score = (f) => [f.ours.breakdown === Breakdown.All ? 1 : 0, f.detail.unit && placesFor(f.detail.unit) > 0 ? 1 : 0, f.ours.period_start];
  return [...pool].sort((a, b) => {
    const [x, y] = [score(a), score(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? 1 : -1;
    return 0;
  })[0];
}

const periodText = (r) => t('compare.period', { start: ukDate(r.period_start), end: ukDate(r.period_end) });

function figureName(f) {
  const r = f.ours;
  const measure = measureInfo(r.measure)?.label ?? r.measure;
  const stage = r.stage ? ` (${STAGES[r.stage] ?? r.stage})` : '';
  const group = r.breakdown === Breakdown.All ? t('compare.all_children') : groupLabel(r.breakdown, r.group);
  return `${measure}${stage}: ${group}, ${periodText(r)}`;
}

function valueText(row, detail) {
  if (detail.suppressed) return '[c]';
  if (row.value === null || row.value === undefined) return '–';
  return round(row.value, placesFor(detail.unit ?? ''));
}

const VERDICTS = { higher: 'compare.verdict.higher', lower: 'compare.verdict.lower', similar: 'compare.verdict.similar' };

/** "8th lowest of 24 YJSs (1 = lowest)", and within our region and family. */
export function rankSentences(ours, comparison) {
  const out = [];
  if (ours.rank !== null) out.push(t('comparators.rank', { ordinal: ordinal(ours.rank), n: ours.rank, of: ours.rank_of }));
  if (ours.rank_region !== null && comparison.region) out.push(t('comparators.rank.within', { ordinal: ordinal(ours.rank_region), n: ours.rank_region, of: ours.rank_region_of, scope: comparison.region }));
  if (ours.rank_family !== null && comparison.family) out.push(t('comparators.rank.within', { ordinal: ordinal(ours.rank_family), n: ours.rank_family, of: ours.rank_family_of, scope: comparison.family }));
  return out;
}

function dotPlot(f, comparison) {
  const ours = f.ours;
  const unit = f.detail.unit ?? '';
  const points = [
    { name: t('compare.ours_label', { area: ours.area }), value: f.detail.suppressed ? null : ours.value, series: 0 },
    ...f.others
      .filter(({ row }) => row.area_kind === YJS && !row.published_ours)
      .map(({ row, detail }) => ({
        name: detail.in_region && comparison.region ? t('compare.member_label', { area: row.area, group: comparison.region }) : detail.in_family && comparison.family ? t('compare.member_label', { area: row.area, group: comparison.family }) : areaName(row),
        value: detail.suppressed ? null : row.value,
        series: detail.in_region && comparison.region ? 1 : detail.in_family && comparison.family ? 2 : 3,
      })),
  ].sort((a, b) => (a.value ?? Infinity) - (b.value ?? Infinity) || a.name.localeCompare(b.name));
  const names = [
    t('compare.series.ours', { area: ours.area }),
    comparison.region ? t('compare.series.region', { region: comparison.region }) : null,
    comparison.family ? t('compare.series.family', { family: comparison.family }) : null,
    t('compare.series.others'),
  ];
  const used = [0, 1, 2, 3].filter((s) => names[s] && points.some((p) => p.series === s));
  const dp = placesFor(unit);
  const rank = rankSentences(ours, comparison)[0];
  const spec = {
    kind: 'dots',
    title: rank ? t('compare.chart.title', { area: ours.area, rank }) : figureName(f),
    subtitle: figureName(f),
    value_label: unitWords(unit),
    categories: points.map((p) => p.name),
    series: used.map((s) => ({
      name: names[s],
      values: points.map((p) => (p.series === s ? p.value : null)),
      labels: points.map((p) => (p.series === s && s === 0 && p.value !== null ? `${round(p.value, dp)}${rank ? ` ${t('compare.rank_label', { ordinal: ordinal(ours.rank), n: ours.rank })}` : ''}` : null)),
    })),
    missing_marker: '–',
    value_min: 0,
    value_max: null,
    footnote: t('compare.chart.footnote'),
  };
  const label = t('compare.chart.label', {
    title: spec.title,
    list: points
      .slice(0, 12)
      .map((p) => `${p.name} ${p.value === null ? '–' : round(p.value, dp)}`)
      .join('; '),
    more: points.length > 12 ? t('compare.chart.more') : '',
  });
  return chartFigure({
    spec,
    table: {
      head: [t('compare.col.area'), unitWords(unit)],
      rows: points.map((p) => [p.name, p.value === null ? '–' : round(p.value, dp)]),
      caption: spec.title,
    },
    label,
    name: 'compare',
    short: t('compare.chart.short'),
    height: Math.max(260, 170 + points.length * 20),
  });
}

function table(f, comparison) {
  const kinds = { ours: t('compare.kind.ours'), yjs: t('compare.kind.yjs'), region: t('compare.kind.region'), nation: t('compare.kind.nation'), family: t('compare.kind.family') };
  const order = { ours: 0, region: 2, nation: 3, family: 4, yjs: 5 };
  const rows = [{ row: f.ours, detail: f.detail }, ...f.others].sort(
    (a, b) => (a.row.published_ours ? 1 : order[a.row.area_kind]) - (b.row.published_ours ? 1 : order[b.row.area_kind]) || (a.row.value ?? Infinity) - (b.row.value ?? Infinity),
  );
  const head = [t('compare.col.area'), t('compare.col.kind'), t('compare.col.numerator'), t('compare.col.denominator'), t('compare.col.value', { unit: unitWords(f.detail.unit ?? '') }), t('compare.col.rank'), t('compare.col.versus')];
  const body = rows.map(({ row, detail }) => [
    areaName(row),
    row.published_ours ? t('compare.kind.published_ours') : `${kinds[row.area_kind] ?? row.area_kind}${detail.members ? ` (${t('compare.members', { with: detail.members[0], of: detail.members[1] })})` : ''}`,
    detail.suppressed || row.numerator === null ? '–' : count(row.numerator),
    detail.suppressed || row.denominator === null ? '–' : count(row.denominator),
    valueText(row, detail),
    row.rank === null ? '–' : t('compare.rank_cell', { rank: row.rank, of: row.rank_of }),
    [detail.verdict ? t(VERDICTS[detail.verdict]) : '', detail.note ?? ''].filter(Boolean).join('; ') || '–',
  ]);
  return dataTable({ head, rows: body }, t('compare.table.caption', { figure: figureName(f) }), uid('compare-table'));
}

export function compare({ report, state, element }) {
  const result = report?.comparison;
  if (!result) return h('div', {}, section(t('view.compare'), h('p', { class: 'empty' }, t('compare.none_loaded'))));
  const comparison = result.comparison;
  // With a service column each service is its own area: the service picker chooses whose
  // figures are "ours" (all services: the whole extract's).
  const all = figuresOf(comparison);
  const byService = (f) => f.ours.breakdown === Breakdown.Service;
  const mine = all.filter((f) => (state.service ? byService(f) && f.ours.group === state.service : !byService(f)));
  const figures = mine.length ? mine : all;
  const notes = [];
  for (const [reason, n] of Object.entries(result.rejected ?? {})) notes.push(t('compare.rejected', { n: count(n), reason }));
  if (result.no_population?.length) notes.push(t('compare.no_population', { areas: result.no_population.join(', ') }));
  if (result.unknown_areas?.length) notes.push(t('compare.unknown_areas', { areas: result.unknown_areas.join(', ') }));
  if (!figures.length) return h('div', {}, section(t('view.compare'), h('p', { class: 'empty' }, t('compare.none')), notes.map((n) => note(n))));
  const chosen = figures.find((f) => f.key === state.compareKey) ?? preferred(figures);
  state.compareKey = chosen.key;
  // The figure to compare: ranked figures first (the Compare view's own control).
  const id = uid('compare-figure');
  const choices = [...figures].sort((a, b) => (b.ours.rank !== null) - (a.ours.rank !== null));
  const select = h(
    'select',
    { id, name: 'compare-figure' },
    choices.map((f) => h('option', { value: f.key, selected: f.key === chosen.key }, `${figureName(f)}${f.ours.rank === null ? '' : ` — ${t('compare.ranked')}`}`)),
  );
  select.addEventListener('change', () => {
    state.compareKey = select.value;
    element.renderPanel();
  });
  const ours = chosen.ours;
  const sentences = rankSentences(ours, comparison);
  const oursValue = chosen.detail.suppressed ? '[c]' : ours.value === null ? '–' : withUnit(ours.value, chosen.detail.unit ?? '');
  const leftOut = comparison.left_out.find(([i]) => comparison.rows[i] === ours)?.[1] ?? 0;
  const published = chosen.others.find(({ row }) => row.published_ours);
  const lines = [
    h('p', { class: 'big-line' }, t('compare.ours_value', { area: ours.area, value: oursValue })),
    sentences.length ? h('p', { class: 'rank' }, capital(sentences.join('; '))) : h('p', {}, chosen.detail.suppressed ? t('compare.no_rank.suppressed') : t('compare.no_rank')),
    published ? h('p', {}, t('compare.published_beside', { value: valueText(published.row, published.detail) })) : null,
    leftOut ? note(t('compare.left_out', { n: leftOut })) : null,
    chosen.others.some(({ detail }) => detail.note) ? note(t('comparators.note.definitions_differ')) : null,
  ];
  return h(
    'div',
    {},
    h('div', { class: 'control compare-choice' }, h('label', { for: id }, t('compare.choose')), select),
    section(figureName(chosen), ...lines),
    dotPlot(chosen, comparison),
    table(chosen, comparison),
    notes.map((n) => note(n)),
  );
}
