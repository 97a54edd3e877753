// Custody & remand: custodial sentences, rate and share of court sentences; remands and bed
// nights; breakdowns.
import { h } from '../dom.js';
import { distinct, series } from '../figures.js';
import { dataTable } from '../charts.js';
import { BREAKDOWNS, PERIOD_NAMES } from '../labels.js';
import { Breakdown, Measure } from '../catalogue.js';
import { shown, serviceNote, latest, timeChart, barChart, section, breakdownRows, whole } from './blocks.js';
import { periodLabel } from '../format.js';

export function custody({ report, state }) {
  const pt = state.periodType;
  const q = { period_type: pt, ...whole(state) };
  const unitWord = report.settings?.custody_unit === 'per100000' ? 'per 100,000' : 'per 1,000';
  const sentences = series(report, { measure: Measure.CustodySentences, ...q });
  const rate = series(report, { measure: Measure.CustodyRate, ...q });
  const share = series(report, { measure: Measure.CustodyShareOfCourt, ...q });
  const remands = series(report, { measure: Measure.RemandEpisodes, ...q });
  const nights = series(report, { measure: Measure.RemandBedNights, ...q });
  const last = latest(sentences) ?? sentences[sentences.length - 1];
  // The breakdowns custody has (the figures say which), else ethnicity.
  const custodyBreakdowns = distinct(report, { measure: Measure.CustodySentences, period_type: pt }, 'breakdown');
  const bd = state.breakdown !== Breakdown.All && custodyBreakdowns.includes(state.breakdown) ? state.breakdown : Breakdown.Ethnicity;
  const bdNote = bd !== state.breakdown ? ` (custody has no ${(BREAKDOWNS[state.breakdown] ?? state.breakdown).toLowerCase()} breakdown; showing ethnicity)` : '';
  const base = last ? { period_type: pt, period_start: last.period_start } : null;
  const remandTable = remands.length
    ? (() => {
        const children = new Map(series(report, { measure: Measure.RemandChildren, ...q }).map((f) => [f.period_start, f]));
        const la = new Map(series(report, { measure: Measure.RemandLaEpisodes, ...q }).map((f) => [f.period_start, f]));
        const toCustody = new Map(series(report, { measure: Measure.RemandOutcomeCustody, ...q }).map((f) => [f.period_start, f]));
        const bn = new Map(nights.map((f) => [f.period_start, f]));
        return dataTable(
          {
            head: ['Period', 'Remands to youth detention (episodes)', 'Children remanded', 'Bed nights', 'Remands to local authority accommodation (episodes)', 'Remands followed by custody (%)'],
            rows: remands.map((f) => [
              periodLabel(f),
              shown(f, report),
              shown(children.get(f.period_start), report),
              shown(bn.get(f.period_start), report),
              shown(la.get(f.period_start), report),
              shown(toCustody.get(f.period_start), report),
            ]),
          },
          `Remand, by ${PERIOD_NAMES[pt]}`,
        );
      })()
    : null;
  return h(
    'div',
    { class: 'view' },
    h('h2', {}, `Custody & remand — by ${PERIOD_NAMES[pt]}${serviceNote(state)}`),
    h(
      'div',
      { class: 'pair' },
      timeChart(report, sentences, { kind: 'columns', what: 'Custodial sentences', title: 'Custodial sentences', valueLabel: 'Custodial sentences (occasions)', name: `custody-sentences-${pt}` }),
      timeChart(report, rate, {
        what: 'The custody rate',
        title: `Custody rate, ${unitWord} aged 10–17`,
        valueLabel: `Custodial sentences ${unitWord} aged 10–17`,
        name: `custody-rate-${pt}`,
        numLabel: 'Custodial sentences',
        denLabel: 'Population aged 10–17',
      }),
    ),
    timeChart(report, share, {
      what: 'Custody as a share of court sentences',
      title: 'Custody as a share of court sentences',
      valueLabel: 'Custodial occasions (% of court occasions)',
      name: `custody-share-of-court-${pt}`,
      numLabel: 'Custodial occasions',
      denLabel: 'Court occasions',
    }),
    h(
      'div',
      { class: 'pair' },
      timeChart(report, remands, { kind: 'columns', what: 'Remands to youth detention', title: 'Remands to youth detention accommodation', valueLabel: 'Remand episodes', name: `remand-episodes-${pt}` }),
      timeChart(report, nights, { kind: 'columns', what: 'Remand bed nights', title: 'Remand bed nights', valueLabel: 'Nights on remand in youth detention', name: `remand-bed-nights-${pt}` }),
    ),
    remandTable,
    base
      ? section(
          `Custodial sentences by ${(BREAKDOWNS[bd] ?? bd).toLowerCase()}${bdNote}`,
          barChart(report, {
            title: `Custodial sentences by ${(BREAKDOWNS[bd] ?? bd).toLowerCase()}`,
            subtitle: `${periodLabel(last)}`,
            valueLabel: 'Custodial sentences (occasions)',
            name: `custody-by-${bd}-${pt}`,
            seriesNames: ['Custodial sentences'],
            rows: breakdownRows(report, Measure.CustodySentences, base, bd),
            breakdown: bd,
            measure: Measure.CustodySentences,
          }),
          bd === Breakdown.SentenceType
            ? null
            : barChart(report, {
                title: `Remands to youth detention by ${(BREAKDOWNS[bd] ?? bd).toLowerCase()}`,
                subtitle: `${periodLabel(last)}`,
                valueLabel: 'Remand episodes',
                name: `remand-by-${bd}-${pt}`,
                seriesNames: ['Remand episodes'],
                rows: breakdownRows(report, Measure.RemandEpisodes, base, bd),
                breakdown: bd,
                measure: Measure.RemandEpisodes,
              }),
        )
      : null,
  );
}

