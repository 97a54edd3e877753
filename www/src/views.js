// The views: each turns the report (and the current controls) into DOM — cards, charts,
// tables. A view is `{ id, title, render(ctx) → Node }`; ctx = { report, controls }.
import { h } from './dom.js';
import { select } from './figures.js';
import { chartFigure, dataTable } from './charts.js';
import { count, round } from './format.js';

const QUARTERLY = { period_type: 'quarter', breakdown: 'all', group: 'all' };

/** Quarterly reoffending cohorts joined across the six figures, oldest first. */
export function reoffendingCohorts(report, periodType = 'quarter') {
  const q = { ...QUARTERLY, period_type: periodType };
  const get = (measure) => new Map(select(report, { ...q, measure }).map((f) => [f.period_start, f]));
  const rate = select(report, { ...q, measure: 'reoffending_binary_rate' });
  const cohort = get('reoffending_cohort');
  const reoffenders = get('reoffending_reoffenders');
  const reoffences = get('reoffending_reoffences');
  const perChild = get('reoffending_frequency_rate');
  const perReoffender = get('reoffences_per_reoffender');
  return rate
    .sort((a, b) => a.period_start.localeCompare(b.period_start))
    .map((f) => ({
      label: f.period_label,
      start: f.period_start,
      status: f.status,
      rate: f.value,
      low: f.ci_low,
      high: f.ci_high,
      cohort: cohort.get(f.period_start)?.value ?? f.denominator,
      reoffenders: reoffenders.get(f.period_start)?.value ?? f.numerator,
      reoffences: reoffences.get(f.period_start)?.value,
      perChild: perChild.get(f.period_start)?.value,
      perReoffender: perReoffender.get(f.period_start)?.value,
      definition: f.definition,
    }));
}

const statusText = (s) => (s === 'provisional' ? 'provisional (tracking incomplete)' : s);

/** The binary reoffending trend: chart + table of the same figures. */
export function reoffendingTrend(report) {
  const rows = reoffendingCohorts(report);
  if (!rows.length) return h('p', { class: 'empty' }, 'No reoffending cohorts in this extract.');
  const final = rows.filter((r) => r.status === 'final');
  const latest = final[final.length - 1];
  const first = rows[0].label;
  const last = rows[rows.length - 1].label;
  const label =
    `Binary reoffending rate by quarterly cohort, ${first} to ${last}; ` +
    (latest
      ? `latest final cohort ${latest.label}: ${round(latest.rate, 1)}% (${count(latest.reoffenders)} of ${count(latest.cohort)})`
      : 'no cohort has finished its tracking window yet') +
    `; ${rows.length - final.length} provisional cohorts hatched.`;
  const n = rows.reduce((s, r) => s + (r.cohort ?? 0), 0);
  const spec = {
    kind: 'trend',
    title: 'Binary reoffending rate by quarterly cohort (local tracker)',
    subtitle: `${first} to ${last}; ${count(n)} children across all cohorts; shaded band: 95% Wilson interval`,
    value_label: 'Reoffenders (% of cohort)',
    categories: rows.map((r) => r.label),
    series: [{ name: 'Binary rate', values: rows.map((r) => r.rate ?? null), low: rows.map((r) => r.low ?? null), high: rows.map((r) => r.high ?? null) }],
    provisional: rows.map((r) => r.status === 'provisional'),
    missing_marker: '–',
    value_min: 0,
    value_max: null,
    footnote:
      'Definition: reoffending_binary_rate — children in the quarter’s cohort with a proven reoffence within 12 months (+6 months to be proven) ÷ cohort × 100. Local tracker from case data; will not equal MoJ published figures.',
  };
  const table = {
    head: ['Cohort', 'Cohort (children)', 'Reoffenders (children)', 'Binary rate (%)', '95% interval (%)', 'Reoffences', 'Reoffences per child in cohort', 'Reoffences per reoffender', 'Status'],
    rows: rows.map((r) => [
      r.label,
      count(r.cohort),
      count(r.reoffenders),
      round(r.rate, 1),
      r.low === null || r.low === undefined ? '' : `${round(r.low, 1)}–${round(r.high, 1)}`,
      count(r.reoffences),
      round(r.perChild, 2),
      round(r.perReoffender, 2),
      statusText(r.status),
    ]),
  };
  return chartFigure({ spec, table, label, name: 'reoffending-binary-rate-quarterly' });
}

/** Data quality: the accounting of every row read. */
export function qualitySummary(quality) {
  const rows = [
    ['Rows read', count(quality.rows_read)],
    ['Rows used', count(quality.rows_used)],
    ['Rows rejected', count(quality.rows_rejected)],
    ['Exact duplicates (kept once)', count(quality.duplicates)],
  ];
  return dataTable({ head: ['', 'Rows'], rows }, 'Rows read and what became of them', undefined);
}

export const VIEWS = [
  { id: 'reoffending', title: 'Reoffending', render: ({ report }) => h('div', { class: 'view' }, reoffendingTrend(report)) },
  { id: 'quality', title: 'Data quality', render: ({ report }) => h('div', { class: 'view' }, qualitySummary(report.quality)) },
];
