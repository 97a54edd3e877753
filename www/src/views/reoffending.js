// Reoffending (the live tracker): cohort trend, frequency measures, breakdowns, time to first
// reoffence and concentration.
import { h } from '../dom.js';
import { select, series, yearEarlier } from '../figures.js';
import { chartFigure } from '../charts.js';
import { count, periodLabel } from '../format.js';
import { ORDERS, BREAKDOWNS, sortGroups } from '../labels.js';
import { Breakdown, Measure, PeriodType, Status } from '../catalogue.js';
import { t } from '../messages/index.js';
import { shown, shownWithUnit, numOrBlank, val, serviceNote, latest, footnote, marker, timeChart, barChart, section, note, breakdownRows, whole } from './blocks.js';

export function reoffending({ report, state }) {
  const pt = state.periodType;
  const q = { period_type: pt, ...whole(state) };
  const rates = series(report, { measure: Measure.ReoffendingBinaryRate, ...q });
  if (!rates.length) return h('div', { class: 'view' }, h('p', { class: 'empty' }, t('reoffending.none')));
  const cohortWord = pt === PeriodType.Quarter ? t('reoffending.cohort.quarter') : t('reoffending.cohort.pooled');
  const bdWord = (b) => (BREAKDOWNS[b] ?? b).toLowerCase();
  const legacy = report.settings?.cohort_method === 'legacy' && pt !== PeriodType.Quarter;
  const totalN = pt === PeriodType.Quarter ? rates.reduce((s, f) => s + (val({ ...f, value: f.denominator }) ?? 0), 0) : null;
  const fin = latest(rates, (f) => f.status === Status.Final) ?? latest(rates);
  const at = (figs) => figs.filter((f) => f.period_start === fin.period_start);
  const perChild = series(report, { measure: Measure.ReoffendingFrequencyRate, ...q });
  const perReoffender = series(report, { measure: Measure.ReoffencesPerReoffender, ...q });
  const bd = state.breakdown;
  const bdRows = breakdownRows(report, Measure.ReoffendingBinaryRate, { period_type: pt, period_start: fin.period_start }, bd);
  const cohorts = new Map(select(report, { measure: Measure.ReoffendingCohort, period_type: pt, period_start: fin.period_start, breakdown: bd }).map((f) => [f.group, f]));
  const ttf = select(report, { measure: Measure.ReoffendingTimeToFirst, period_type: pt, breakdown: Breakdown.Month });
  const ttfNow = at(ttf);
  const prevStart = yearEarlier(rates, fin.period_start)?.period_start;
  const ttfPrev = ttf.filter((f) => f.period_start === prevStart);
  const months = ORDERS[Breakdown.Month].filter((m) => ttfNow.some((f) => f.group === m));
  const conc = series(report, { measure: Measure.ReoffendingConcentration, period_type: pt, breakdown: Breakdown.All });
  const dist = select(report, { measure: Measure.ReoffendingDistribution, period_type: pt, period_start: fin.period_start, breakdown: Breakdown.ReoffencesBand });

  const stepSpec = months.length
    ? (() => {
        const seriesNames = [periodLabel(fin), ...(ttfPrev.length ? [periodLabel(ttfPrev[0])] : [])];
        const cols = [ttfNow, ...(ttfPrev.length ? [ttfPrev] : [])];
        const spec = {
          kind: 'step',
          title: t('reoffending.ttf.title'),
          subtitle: t('reoffending.ttf.subtitle', { periods: seriesNames.join(t('and')) }),
          value_label: t('reoffending.ttf.value'),
          categories: months.map((m) => `${m}`),
          series: cols.map((c, i) => ({ name: seriesNames[i], values: months.map((m) => val(c.find((f) => f.group === m))) })),
          provisional: [],
          missing_marker: marker([...ttfNow, ...ttfPrev]),
          value_min: 0,
          value_max: null,
          footnote: footnote(report, Measure.ReoffendingTimeToFirst),
        };
        const table = {
          head: [t('reoffending.ttf.head.months'), ...seriesNames.map((s) => t('reoffending.ttf.head.series', { series: s }))],
          rows: months.map((m) => [`${m}`, ...cols.map((c) => shown(c.find((f) => f.group === m), report))]),
        };
        const last = ttfNow.find((f) => f.group === months[months.length - 1]);
        return chartFigure({
          spec,
          table,
          label: t('reoffending.ttf.label', { period: periodLabel(fin), month: months[months.length - 1], value: shownWithUnit(last, report) }),
          name: `reoffending-time-to-first-${pt}`,
        });
      })()
    : h('p', { class: 'empty' }, t('reoffending.ttf.none'));

  return h(
    'div',
    { class: 'view' },
    h('h2', {}, t('reoffending.title', { cohort: cohortWord, service: serviceNote(state) })),
    note(t('reoffending.note', { legacy: legacy ? t('reoffending.note.legacy') : '' })),
    timeChart(report, rates, {
      what: t('overview.trend.reoffending.what'),
      title: t('reoffending.rate.title', { cohort: cohortWord }),
      valueLabel: t('overview.trend.reoffending.value'),
      name: `reoffending-binary-rate-${pt}`,
      numLabel: t('overview.trend.reoffending.num'),
      denLabel: t('overview.trend.reoffending.den'),
      periodWord: t('overview.trend.reoffending.period'),
      countsFirst: true,
      nText: totalN !== null ? t('reoffending.rate.n_all', { n: count(totalN) }) : t('reoffending.rate.n_latest', { n: numOrBlank(fin.denominator, fin) }),
    }),
    h(
      'div',
      { class: 'pair' },
      timeChart(report, perChild, {
        what: t('reoffending.per_child'),
        title: t('reoffending.per_child.title'),
        periodWord: t('overview.trend.reoffending.period'),
        valueLabel: t('reoffending.per_child'),
        name: `reoffences-per-child-in-cohort-${pt}`,
        numLabel: t('reoffending.reoffences'),
        denLabel: t('overview.trend.reoffending.den'),
        dp: 2,
      }),
      timeChart(report, perReoffender, {
        what: t('reoffending.per_reoffender'),
        title: t('reoffending.per_reoffender'),
        periodWord: t('overview.trend.reoffending.period'),
        valueLabel: t('reoffending.per_reoffender'),
        name: `reoffences-per-reoffender-${pt}`,
        numLabel: t('reoffending.reoffences'),
        denLabel: t('overview.trend.reoffending.num'),
        dp: 2,
      }),
    ),
    section(
      t('by', { breakdown: bdWord(bd) }),
      bdRows.length
        ? barChart(report, {
            title: t('reoffending.by.title', { breakdown: bdWord(bd) }),
            subtitle: t(fin.status === Status.Final ? 'reoffending.by.final' : 'reoffending.by.provisional', { period: periodLabel(fin) }),
            valueLabel: t('overview.trend.reoffending.value'),
            name: `reoffending-by-${bd}-${pt}`,
            seriesNames: [t('reoffending.binary_rate')],
            rows: bdRows,
            breakdown: bd,
            measure: Measure.ReoffendingBinaryRate,
            tableExtra: {
              head: [t('overview.trend.reoffending.num'), t('overview.trend.reoffending.den')],
              cells: (r) => [numOrBlank(r.figs[0]?.numerator, r.figs[0]), numOrBlank(val(cohorts.get(r.group)), cohorts.get(r.group))],
            },
          })
        : note(t('reoffending.by.none', { breakdown: bdWord(bd) })),
    ),
    section(t('reoffending.ttf.section'), stepSpec),
    section(
      t('reoffending.concentration'),
      timeChart(report, conc, {
        what: t('reoffending.concentration.what'),
        title: t('reoffending.concentration.title'),
        periodWord: t('overview.trend.reoffending.period'),
        valueLabel: t('reoffending.concentration.value'),
        name: `reoffending-concentration-${pt}`,
        numLabel: t('reoffending.concentration.num'),
        denLabel: t('reoffending.concentration.den'),
      }),
      dist.length
        ? barChart(report, {
            title: t('reoffending.distribution.title'),
            subtitle: t('reoffending.distribution.subtitle', { period: periodLabel(fin) }),
            valueLabel: t('overview.trend.reoffending.num'),
            name: `reoffending-distribution-${pt}`,
            seriesNames: [t('reoffending.reoffenders')],
            rows: sortGroups(Breakdown.ReoffencesBand, dist.map((f) => f.group)).map((g) => ({ group: g, label: t(g === '1' ? 'reoffending.distribution.one' : 'reoffending.distribution.band', { band: g }), figs: [dist.find((f) => f.group === g)] })),
            breakdown: Breakdown.ReoffencesBand,
            measure: Measure.ReoffendingDistribution,
          })
        : null,
    ),
  );
}
