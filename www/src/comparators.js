// Comparator figures beside ours (issue 13, comparators.md "Where it shows"): the region,
// nation and family figures (and our own published figure) that match one of our figures like
// for like — same measure, stage, period, breakdown and group — for tables (one column per
// comparator) and Overview cards ("London 0.15 · England and Wales 0.11 per 1,000"). A
// comparator for another period never matches.
import { round, placesFor } from './format.js';
import { t } from './messages/index.js';

const OURS = 'ours';
const YJS = 'yjs';

const keyOf = (f) => [f.measure, f.stage ?? '', f.period_type, f.period_start, f.period_end, f.breakdown, f.group].join('|');

const indexes = new WeakMap();

/** Per figure key, the comparator rows (with details) of the report's comparison. */
function index(report) {
  const c = report?.comparison?.comparison;
  if (!c) return null;
  let map = indexes.get(c);
  if (map) return map;
  map = new Map();
  c.rows.forEach((row, i) => {
    if (row.area_kind === OURS || (row.area_kind === YJS && !row.published_ours)) return;
    const k = keyOf(row);
    if (!map.has(k)) map.set(k, []);
    map.get(k).push({ row, detail: c.details[i], label: row.published_ours ? t('compare.published_label', { area: row.area }) : row.area });
  });
  indexes.set(c, map);
  return map;
}

/** The comparators of our figure `f` (region, nation, family, our published figure). */
export function comparatorsOf(report, f) {
  if (!f) return [];
  return index(report)?.get(keyOf(f)) ?? [];
}

/** A comparator's value as shown ("[c]" suppressed, "–" none). */
export function comparatorValue({ row, detail }) {
  if (detail.suppressed) return '[c]';
  if (row.value === null || row.value === undefined) return '–';
  return round(row.value, placesFor(detail.unit ?? ''));
}

/**
 * Table columns for our figures `figs` (one per row of a table): one column per comparator
 * that any of them has, or null when none has one. `cells(f)` gives a row's cells.
 */
export function comparatorColumns(report, figs) {
  if (!index(report)) return null;
  const labels = [];
  for (const f of figs) for (const c of comparatorsOf(report, f)) if (!labels.includes(c.label)) labels.push(c.label);
  if (!labels.length) return null;
  const notes = figs.some((f) => comparatorsOf(report, f).some((c) => c.detail.note));
  return {
    head: [...labels.map((l) => t('compare.column', { area: l })), ...(notes ? [t('compare.column.note')] : [])],
    cells: (f) => {
      const cs = comparatorsOf(report, f);
      const cells = labels.map((l) => {
        const c = cs.find((x) => x.label === l);
        return c ? comparatorValue(c) : '–';
      });
      if (notes) cells.push(cs.find((c) => c.detail.note)?.detail.note ?? '');
      return cells;
    },
  };
}

/** "London 1.49 · England and Wales 1.77 per 1,000 aged 10-17" for an Overview card, or null. */
export function comparatorLine(report, f) {
  const cs = comparatorsOf(report, f).filter((c) => !c.row.published_ours);
  if (!cs.length) return null;
  const unit = cs[0].detail.unit ?? '';
  const text = cs.map((c) => `${c.label} ${comparatorValue(c)}`).join(' · ');
  const note = cs.find((c) => c.detail.note)?.detail.note;
  return `${text}${unit && unit !== '%' ? ` ${unit}` : unit}${note ? ` (${note})` : ''}`;
}

/**
 * The comparator lines of a time chart of our figures `figs` (or the markers of a bar
 * breakdown): per comparator (our published figure left out: it is in the table), its values
 * aligned with `figs` (null where it has none), and its words for the chart's accessible
 * name, each value named by `labelOf(f, i)` (the period; a bar's group).
 */
export function comparatorSeries(report, figs, labelOf = (f) => f.period_label) {
  if (!index(report)) return [];
  const out = [];
  for (const [i, f] of figs.entries()) {
    for (const c of comparatorsOf(report, f)) {
      if (c.row.published_ours) continue;
      let line = out.find((l) => l.name === c.label);
      if (!line) {
        line = { name: c.label, values: figs.map(() => null), parts: [] };
        out.push(line);
      }
      line.values[i] = c.detail.suppressed ? null : c.row.value;
      line.note ??= c.detail.note;
      line.parts.push(`${comparatorValue(c)} (${labelOf(f, i)})`);
    }
  }
  // At most two marks, so each stays readable without colour: our region, our family, then
  // England and Wales (the rest are in the table).
  const c = report.comparison.comparison;
  const order = [c.region, c.family, t('comparators.england_and_wales')].filter(Boolean);
  const rank = (l) => (order.includes(l.name) ? order.indexOf(l.name) : order.length);
  return out
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, 2)
    .map((l) => ({ ...l, text: `${l.name} ${l.parts.join(', ')}` }));
}
