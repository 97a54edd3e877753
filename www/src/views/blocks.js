// Shared blocks of the views: how a figure is shown (value, count, interval, status), the
// change on a year earlier, time-series and bar charts with their tables, sections and notes.
import { h } from '../dom.js';
import { select, yearEarlier } from '../figures.js';
import { chartFigure } from '../charts.js';
import { count, round, withUnit, placesFor, signed } from '../format.js';
import { BREAKDOWNS, groupLabel, sortGroups } from '../labels.js';

const POPULATION_MEASURES = new Set(['fte_rate', 'custody_rate', 'serious_violence_rate', 'disp_rate', 'disp_population_share', 'disp_gap_pp']);
export const ADD_POPULATION = 'add population to see rates';

/** Whether the report's rates have denominators (public files carry them where published). */
export function hasPopulation(report) {
  return report?.public === true || report?.checks?.population_given === true;
}

export function needsPopulation(f) {
  return POPULATION_MEASURES.has(f.measure) || (f.measure === 'disp_rri' && !f.stage.includes('_vs_'));
}

/** A figure's value as shown: "[c]" suppressed, "add population…" missing denominator. */
export function shown(f, report, dp) {
  if (!f) return '–';
  if (f.suppressed) return '[c]';
  if (f.value === null || f.value === undefined) return needsPopulation(f) && !hasPopulation(report) ? ADD_POPULATION : '–';
  return round(f.value, dp ?? placesFor(f.unit));
}

/** A figure's value with its unit ("22.2%", "230 per 100,000 aged 10-17"). */
export function shownWithUnit(f, report) {
  const v = shown(f, report);
  if (!f || f.suppressed || f.value === null || f.value === undefined) return v;
  return withUnit(f.value, f.unit);
}

export const numOrBlank = (v, f) => (f?.suppressed ? '[c]' : v === null || v === undefined ? '–' : count(v));
export const interval = (f, dp) =>
  f?.suppressed ? '[c]' : f && f.ci_low !== null && f.ci_low !== undefined ? `${round(f.ci_low, dp)}–${round(f.ci_high, dp)}` : '';
export const statusText = (s) => (s === 'provisional' ? 'provisional (tracking incomplete)' : s === 'partial' ? 'partial period' : s);
export const val = (f) => (f && !f.suppressed && Number.isFinite(f.value) ? f.value : null);

/** Below this many children a share, rate or index is marked and is never a headline. */
export const SMALL_N = 10;
export const CAUTION = 'fewer than 10: treat with caution';

/**
 * The number of children (or occasions) a figure rests on: a share's or per-child figure's
 * denominator, a population rate's or an RRI's numerator. Null when unknown or suppressed.
 */
export function baseOf(f) {
  if (!f || f.suppressed) return null;
  const perBase = (f.unit ?? '').startsWith('%') || f.unit === 'per child' || f.unit === 'per reoffender';
  const n = perBase ? f.denominator : f.numerator;
  return Number.isFinite(n) ? n : null;
}

/** Whether a figure rests on fewer than 10 (it is marked and never chosen as a headline). */
export function isSmall(f) {
  const n = baseOf(f);
  return n !== null && n < SMALL_N;
}

/**
 * A share, rate or index with its count: "44.4% (4 of 9)", "0.53 (4 children)"; a zero count
 * shows "0", never an index; a small base adds the caution in words when `caution` is set.
 */
export function withCount(f, report, { caution = false, unit = true } = {}) {
  if (!f) return '–';
  if (f.suppressed) return '[c]';
  if (f.measure === 'disp_rri' && f.numerator === 0) return '0 (no children in this group)';
  const v = f.value === null || f.value === undefined ? shown(f, report) : unit ? shownWithUnit(f, report) : shown(f, report);
  if (f.value === null || f.value === undefined) return v;
  let n = '';
  if ((f.unit ?? '').startsWith('%') && Number.isFinite(f.numerator) && Number.isFinite(f.denominator)) n = ` (${count(f.numerator)} of ${count(f.denominator)})`;
  else if (Number.isFinite(f.numerator)) n = ` (${count(f.numerator)})`;
  return `${v}${n}${caution && isSmall(f) ? ` — ${CAUTION}` : ''}`;
}

/** The figure query of the totals: the whole area, or one service of a multi-service extract. */
export function whole(state) {
  return state.service ? { breakdown: 'service', group: state.service } : { breakdown: 'all', group: 'all' };
}

export function serviceNote(state) {
  return state.service ? ` — service: ${state.service}` : '';
}

/** The latest figure of a series meeting `ok` (default: any, but not a partial period). */
export function latest(figs, ok = (f) => f.status !== 'partial') {
  for (let i = figs.length - 1; i >= 0; i--) if (ok(figs[i])) return figs[i];
  return undefined;
}

/** "change on the same period a year earlier", in percentage points (or the unit) and relative %. */
export function changeText(cur, figs) {
  const prev = cur ? yearEarlier(figs, cur.period_start) : undefined;
  if (!prev) return 'No figure for the same period a year earlier.';
  const a = val(cur);
  const b = val(prev);
  if (a === null || b === null) return `No comparison with ${prev.period_label} (a figure is missing or suppressed).`;
  const pct = cur.unit.startsWith('%');
  const diff = a - b;
  const abs = pct ? `${signed(diff, 1)} percentage points` : `${signed(diff, placesFor(cur.unit))} ${cur.unit}`;
  const rel = b !== 0 ? `${signed((diff / b) * 100, 1)}% relative change` : 'relative change not defined (was 0)';
  return `Change on ${prev.period_label}: ${abs}; ${rel}.`;
}

export function definitionOf(report, measure) {
  return report?.definitions?.[measure];
}

export function footnote(measure, extra = '') {
  return `Definition: ${measure}${extra ? ` — ${extra}` : ''}. Source: local case data (yjlens).`;
}

export function marker(figs) {
  return figs.some((f) => f?.suppressed) ? '[c]' : '–';
}

export function periodRange(figs) {
  if (!figs.length) return '';
  const a = figs[0].period_label;
  const b = figs[figs.length - 1].period_label;
  return a === b ? a : `${a} to ${b}`;
}

/** A sentence: "<title>, <range>; latest <label>: <value> (<num> of <den>)". */
export function trendLabel(title, figs, report, { pick = (f) => f, numName, periodWord = 'period' } = {}) {
  const last = latest(figs, (f) => f.status === 'final') ?? latest(figs);
  let text = `${title}, ${periodRange(figs)}`;
  if (last) {
    text += `; latest ${last.status === 'final' ? 'final ' : ''}${periodWord} ${last.period_label}: ${shownWithUnit(pick(last), report)}`;
    if (numName && !last.suppressed && last.numerator !== null && last.denominator !== null && last.unit.startsWith('%')) {
      text += ` (${count(last.numerator)} of ${count(last.denominator)}) of ${numName}`;
    }
  }
  const prov = figs.filter((f) => f.status === 'provisional').length;
  if (prov) text += `; ${prov} provisional period${prov === 1 ? '' : 's'} hatched (tracking incomplete)`;
  if (figs.some((f) => f.suppressed)) text += '; [c] marks suppressed figures';
  return `${text}.`;
}

/**
 * A time-series chart of one measure (figures sorted by period) with its table.
 * kind: 'trend' (line, CI band) or 'columns'.
 */
export function timeChart(report, figs, { kind = 'trend', title, valueLabel, name, numLabel, denLabel, nText, note = '', dp, numName, countsFirst = false, periodWord }) {
  if (!figs.length) return h('p', { class: 'empty' }, `${title}: no figures for this period type.`);
  const d = dp ?? placesFor(figs[0].unit);
  const measure = figs[0].measure;
  const withCi = figs.some((f) => f.ci_low !== null && f.ci_low !== undefined);
  // No rate at all for want of denominators: say so rather than draw an empty chart. With a
  // population file that lacks this group (e.g. one service of several), say that instead.
  const missingPop = figs.every((f) => f.value === null && !f.suppressed) && needsPopulation(figs[0]);
  if (missingPop) {
    const why = hasPopulation(report) ? `the population in use has no figures for this group; ${ADD_POPULATION} for it` : ADD_POPULATION;
    return h('div', { class: 'needs-population' }, h('h3', {}, title), h('p', {}, `${title}: ${why} (open “Population” above).`));
  }
  const spec = {
    kind,
    title,
    subtitle: `${periodRange(figs)}${nText ? `; ${nText}` : ''}${withCi && kind === 'trend' ? '; shaded band: 95% interval' : ''}${note ? `; ${note}` : ''}`,
    value_label: valueLabel,
    categories: figs.map((f) => f.period_label),
    series: [
      {
        name: title,
        values: figs.map(val),
        low: withCi ? figs.map((f) => (f.suppressed ? null : f.ci_low)) : [],
        high: withCi ? figs.map((f) => (f.suppressed ? null : f.ci_high)) : [],
      },
    ],
    provisional: figs.map((f) => f.status === 'provisional'),
    missing_marker: marker(figs),
    value_min: 0,
    value_max: null,
    footnote: footnote(measure, figs.some((f) => f.status === 'partial') ? 'the latest period is partial (contains the extract date)' : ''),
  };
  const head = ['Period'];
  if (countsFirst) head.push(denLabel, numLabel);
  head.push(`${valueLabel}`);
  if (withCi) head.push('95% interval');
  if (!countsFirst && numLabel) head.push(numLabel);
  if (!countsFirst && denLabel) head.push(denLabel);
  head.push('Status');
  const rows = figs.map((f) => {
    const r = [f.period_label];
    if (countsFirst) r.push(numOrBlank(f.denominator, f), numOrBlank(f.numerator, f));
    r.push(shown(f, report, d));
    if (withCi) r.push(interval(f, d));
    if (!countsFirst && numLabel) r.push(numOrBlank(f.numerator, f));
    if (!countsFirst && denLabel) r.push(numOrBlank(f.denominator, f));
    r.push(statusText(f.status));
    return r;
  });
  return chartFigure({ spec, table: { head, rows }, label: trendLabel(title, figs, report, { numName, periodWord }), name });
}

/**
 * Horizontal bars of groups (one or more series: e.g. two years, or share vs population).
 * `rows` = [{ group, figs: [figure per series] }].
 */
export function barChart(report, { title, subtitle, valueLabel, name, seriesNames, rows, breakdown, kind = 'bars', measure, tableExtra, labelLead, dp }) {
  if (!rows.length) return h('p', { class: 'empty' }, `${title}: no figures.`);
  const d = dp ?? placesFor(rows[0].figs.find(Boolean)?.unit ?? '');
  const all = rows.flatMap((r) => r.figs).filter(Boolean);
  const spec = {
    kind,
    title,
    subtitle,
    value_label: valueLabel,
    categories: rows.map((r) => r.label ?? groupLabel(breakdown, r.group)),
    series: seriesNames.map((s, i) => {
      const figs = rows.map((r) => r.figs[i]);
      const ci = figs.some((f) => f && f.ci_low !== null && f.ci_low !== undefined);
      return {
        name: s,
        values: figs.map(val),
        low: ci ? figs.map((f) => (f && !f.suppressed ? f.ci_low : null)) : [],
        high: ci ? figs.map((f) => (f && !f.suppressed ? f.ci_high : null)) : [],
      };
    }),
    provisional: rows.map((r) => r.figs.some((f) => f?.status === 'provisional')),
    missing_marker: marker(all),
    value_min: kind === 'ratio' ? null : 0,
    value_max: null,
    footnote: footnote(measure),
  };
  const ci = all.some((f) => f.ci_low !== null && f.ci_low !== undefined);
  const head = [BREAKDOWNS[breakdown] ?? 'Group'];
  for (const s of seriesNames) {
    head.push(seriesNames.length > 1 ? `${s} (${valueLabel})` : valueLabel);
    if (ci) head.push(`${seriesNames.length > 1 ? `${s}: ` : ''}95% interval`);
  }
  if (tableExtra) head.push(...tableExtra.head);
  const tableRows = rows.map((r, ri) => {
    const cells = [spec.categories[ri]];
    r.figs.forEach((f) => {
      cells.push(shown(f, report, d));
      if (ci) cells.push(interval(f, d));
    });
    if (tableExtra) cells.push(...tableExtra.cells(r));
    return cells;
  });
  const parts = rows
    .map((r, ri) => `${spec.categories[ri]} ${r.figs.map((f) => shownWithUnit(f, report)).join(' vs ')}`)
    .slice(0, 8)
    .join('; ');
  const label = `${labelLead ?? title}${subtitle ? ` (${subtitle})` : ''}: ${parts}${rows.length > 8 ? '; more in the table' : ''}.`;
  return chartFigure({ spec, table: { head, rows: tableRows }, label, name, height: Math.max(240, 170 + rows.length * Math.max(seriesNames.length * 18, 26) + (rows.some((r) => r.figs.some((f) => f?.status === 'provisional')) ? 24 : 0)) });
}

export function section(title, ...children) {
  return h('section', { class: 'block' }, h('h3', {}, title), ...children);
}

export function note(text) {
  return h('p', { class: 'note muted small' }, text);
}


export function breakdownRows(report, measure, base, breakdown, { stage } = {}) {
  const figs = select(report, { measure, ...base, breakdown, ...(stage ? { stage } : {}) });
  const groups = sortGroups(breakdown, [...new Set(figs.map((f) => f.group))]);
  return groups.map((g) => ({ group: g, figs: [figs.find((f) => f.group === g)] }));
}
