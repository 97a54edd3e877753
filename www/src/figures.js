// Reading the report object: figures are rows of the aggregate file (input-formats.md §4).

/** Figures matching every given field, e.g. `{ measure: 'reoffending_cohort', period_type: 'quarter' }`. */
export function select(report, query) {
  const keys = Object.keys(query);
  return (report?.figures ?? []).filter((f) => keys.every((k) => f[k] === query[k]));
}

/** The single figure matching `query`, or undefined. */
export function one(report, query) {
  return select(report, query)[0];
}

/** Index figures of one measure by period start (for joining measures of the same period). */
export function byPeriod(figures) {
  return new Map(figures.map((f) => [f.period_start, f]));
}

/** Distinct periods of a period type, in time order. */
export function periods(report, periodType) {
  const seen = new Map();
  for (const f of report?.figures ?? []) {
    if (f.period_type === periodType && !seen.has(f.period_start)) seen.set(f.period_start, f);
  }
  return [...seen.values()]
    .sort((a, b) => a.period_start.localeCompare(b.period_start))
    .map((f) => ({ start: f.period_start, end: f.period_end, label: f.period_label }));
}
