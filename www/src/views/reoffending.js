// Reoffending (the live tracker): cohort trend, frequency measures, breakdowns, time to first
// reoffence and concentration.
import { h } from '../dom.js';
import { select, series, yearEarlier } from '../figures.js';
import { chartFigure } from '../charts.js';
import { count, periodLabel } from '../format.js';
import { ORDERS, BREAKDOWNS, sortGroups } from '../labels.js';
import { Breakdown, Measure, PeriodType, Status } from '../catalogue.js';
import { shown, shownWithUnit, numOrBlank, val, serviceNote, latest, footnote, marker, timeChart, barChart, section, note, breakdownRows, whole } from './blocks.js';

export function reoffending({ report, state }) {
  const pt = state.periodType;
  const q = { period_type: pt, ...whole(state) };
  const rates = series(report, { measure: Measure.ReoffendingBinaryRate, ...q });
  if (!rates.length) return h('div', { class: 'view' }, h('p', { class: 'empty' }, 'No reoffending cohorts in this extract.'));
  const cohortWord = pt === PeriodType.Quarter ? 'quarterly cohort' : '12-month cohort (4 quarterly cohorts pooled)';
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
          title: 'Time to first reoffence: cumulative % of the cohort',
          subtitle: `${seriesNames.join(' and ')}; months after the index event`,
          value_label: 'Reoffended (% of cohort, cumulative)',
          categories: months.map((m) => `${m}`),
          series: cols.map((c, i) => ({ name: seriesNames[i], values: months.map((m) => val(c.find((f) => f.group === m))) })),
          provisional: [],
          missing_marker: marker([...ttfNow, ...ttfPrev]),
          value_min: 0,
          value_max: null,
          footnote: footnote(report, Measure.ReoffendingTimeToFirst),
        };
        const table = {
          head: ['Months after index', ...seriesNames.map((s) => `${s} (% of cohort)`)],
          rows: months.map((m) => [`${m}`, ...cols.map((c) => shown(c.find((f) => f.group === m), report))]),
        };
        const last = ttfNow.find((f) => f.group === months[months.length - 1]);
        return chartFigure({
          spec,
          table,
          label: `Time to first reoffence for the ${periodLabel(fin)} cohort: by month ${months[months.length - 1]}, ${shownWithUnit(last, report)} had reoffended.`,
          name: `reoffending-time-to-first-${pt}`,
        });
      })()
    : h('p', { class: 'empty' }, 'No time-to-first figures.');

  return h(
    'div',
    { class: 'view' },
    h('h2', {}, `Reoffending — local tracker, by ${cohortWord}${serviceNote(state)}`),
    note(
      `Local tracker from case data; it will not equal MoJ published figures.${legacy ? ' 12-month figures use the legacy cohort (each child once, at their first index event in the 12 months).' : ''} Provisional cohorts (tracking incomplete) are drawn lighter with hollow markers.`,
    ),
    timeChart(report, rates, {
      what: 'Reoffending',
      title: `Binary reoffending rate by ${cohortWord} (local tracker)`,
      valueLabel: 'Reoffenders (% of cohort)',
      name: `reoffending-binary-rate-${pt}`,
      numLabel: 'Reoffenders (children)',
      denLabel: 'Cohort (children)',
            periodWord: 'cohort',
      countsFirst: true,
      nText: totalN !== null ? `${count(totalN)} children across all cohorts` : `latest final cohort n = ${numOrBlank(fin.denominator, fin)} children`,
    }),
    h(
      'div',
      { class: 'pair' },
      timeChart(report, perChild, {
        what: 'Reoffences per child in the cohort',
        title: 'Reoffences per child in cohort',
        periodWord: 'cohort',
        valueLabel: 'Reoffences per child in the cohort',
        name: `reoffences-per-child-in-cohort-${pt}`,
        numLabel: 'Reoffences',
        denLabel: 'Cohort (children)',
        dp: 2,
      }),
      timeChart(report, perReoffender, {
        what: 'Reoffences per reoffender',
        title: 'Reoffences per reoffender',
        periodWord: 'cohort',
        valueLabel: 'Reoffences per reoffender',
        name: `reoffences-per-reoffender-${pt}`,
        numLabel: 'Reoffences',
        denLabel: 'Reoffenders (children)',
        dp: 2,
      }),
    ),
    section(
      `By ${(BREAKDOWNS[bd] ?? bd).toLowerCase()}`,
      bdRows.length
        ? barChart(report, {
            title: `Binary reoffending rate by ${(BREAKDOWNS[bd] ?? bd).toLowerCase()}`,
            subtitle: `${periodLabel(fin)} ${fin.status === Status.Final ? 'final' : 'provisional'} cohort; whiskers: 95% interval`,
            valueLabel: 'Reoffenders (% of cohort)',
            name: `reoffending-by-${bd}-${pt}`,
            seriesNames: ['Binary rate'],
            rows: bdRows,
            breakdown: bd,
            measure: Measure.ReoffendingBinaryRate,
            tableExtra: {
              head: ['Reoffenders (children)', 'Cohort (children)'],
              cells: (r) => [numOrBlank(r.figs[0]?.numerator, r.figs[0]), numOrBlank(val(cohorts.get(r.group)), cohorts.get(r.group))],
            },
          })
        : note(`No reoffending figures by ${(BREAKDOWNS[bd] ?? bd).toLowerCase()}: choose another breakdown.`),
    ),
    section('Time to first reoffence', stepSpec),
    section(
      'Concentration',
      timeChart(report, conc, {
        what: 'The share of reoffences by the most prolific 10%',
        title: 'Share of reoffences committed by the most prolific 10% of reoffenders',
        periodWord: 'cohort',
        valueLabel: '% of the cohort’s reoffences',
        name: `reoffending-concentration-${pt}`,
        numLabel: 'Reoffences by the top 10%',
        denLabel: 'All reoffences',
      }),
      dist.length
        ? barChart(report, {
            title: 'Reoffenders by number of reoffences',
            subtitle: `${periodLabel(fin)} cohort`,
            valueLabel: 'Reoffenders (children)',
            name: `reoffending-distribution-${pt}`,
            seriesNames: ['Reoffenders'],
            rows: sortGroups(Breakdown.ReoffencesBand, dist.map((f) => f.group)).map((g) => ({ group: g, label: `${g} reoffence${g === '1' ? '' : 's'}`, figs: [dist.find((f) => f.group === g)] })),
            breakdown: Breakdown.ReoffencesBand,
            measure: Measure.ReoffendingDistribution,
          })
        : null,
    ),
  );
}
