// Custody & remand: custodial sentences, rate and share of court sentences; remands and bed
// nights; breakdowns.
import { h } from '../dom.js';
import { distinct, series } from '../figures.js';
import { dataTable } from '../charts.js';
import { BREAKDOWNS, PERIOD_NAMES } from '../labels.js';
import { Breakdown, Measure } from '../catalogue.js';
import { t } from '../messages/index.js';
import { shown, serviceNote, latest, timeChart, barChart, section, breakdownRows, whole } from './blocks.js';
import { periodLabel } from '../format.js';

export function custody({ report, state }) {
  const pt = state.periodType;
  const q = { period_type: pt, ...whole(state) };
  const per = report.settings?.custody_unit === 'per100000' ? '100,000' : '1,000';
  const bdWord = (b) => (BREAKDOWNS[b] ?? b).toLowerCase();
  const sentences = series(report, { measure: Measure.CustodySentences, ...q });
  const rate = series(report, { measure: Measure.CustodyRate, ...q });
  const share = series(report, { measure: Measure.CustodyShareOfCourt, ...q });
  const remands = series(report, { measure: Measure.RemandEpisodes, ...q });
  const nights = series(report, { measure: Measure.RemandBedNights, ...q });
  const last = latest(sentences) ?? sentences[sentences.length - 1];
  // The breakdowns custody has (the figures say which), else ethnicity.
  const custodyBreakdowns = distinct(report, { measure: Measure.CustodySentences, period_type: pt }, 'breakdown');
  const bd = state.breakdown !== Breakdown.All && custodyBreakdowns.includes(state.breakdown) ? state.breakdown : Breakdown.Ethnicity;
  const bdNote = bd !== state.breakdown ? t('custody.no_breakdown', { breakdown: bdWord(state.breakdown) }) : '';
  const base = last ? { period_type: pt, period_start: last.period_start } : null;
  const remandTable = remands.length
    ? (() => {
        const children = new Map(series(report, { measure: Measure.RemandChildren, ...q }).map((f) => [f.period_start, f]));
        const la = new Map(series(report, { measure: Measure.RemandLaEpisodes, ...q }).map((f) => [f.period_start, f]));
        const toCustody = new Map(series(report, { measure: Measure.RemandOutcomeCustody, ...q }).map((f) => [f.period_start, f]));
        const bn = new Map(nights.map((f) => [f.period_start, f]));
        return dataTable(
          {
            head: [t('head.period'), t('custody.remand.head.episodes'), t('custody.remand.head.children'), t('custody.remand.head.nights'), t('custody.remand.head.la'), t('custody.remand.head.custody')],
            rows: remands.map((f) => [
              periodLabel(f),
              shown(f, report),
              shown(children.get(f.period_start), report),
              shown(bn.get(f.period_start), report),
              shown(la.get(f.period_start), report),
              shown(toCustody.get(f.period_start), report),
            ]),
          },
          t('custody.remand.caption', { period: PERIOD_NAMES[pt] }),
        );
      })()
    : null;
  return h(
    'div',
    { class: 'view' },
    h('h2', {}, t('custody.title', { period: PERIOD_NAMES[pt], service: serviceNote(state) })),
    h(
      'div',
      { class: 'pair' },
      timeChart(report, sentences, { kind: 'columns', what: t('overview.trend.custody.num'), title: t('overview.trend.custody.num'), valueLabel: t('custody.sentences.value'), name: `custody-sentences-${pt}` }),
      timeChart(report, rate, {
        what: t('overview.trend.custody.what'),
        title: t('overview.custody.title', { per }),
        valueLabel: t('overview.trend.custody.title', { per }),
        name: `custody-rate-${pt}`,
        numLabel: t('overview.trend.custody.num'),
        denLabel: t('overview.population_10_17'),
      }),
    ),
    timeChart(report, share, {
      what: t('custody.share.title'),
      title: t('custody.share.title'),
      valueLabel: t('custody.share.value'),
      name: `custody-share-of-court-${pt}`,
      numLabel: t('custody.share.num'),
      denLabel: t('custody.share.den'),
    }),
    h(
      'div',
      { class: 'pair' },
      timeChart(report, remands, { kind: 'columns', what: t('custody.remands.what'), title: t('custody.remands.title'), valueLabel: t('custody.remands.value'), name: `remand-episodes-${pt}` }),
      timeChart(report, nights, { kind: 'columns', what: t('custody.nights.title'), title: t('custody.nights.title'), valueLabel: t('custody.nights.value'), name: `remand-bed-nights-${pt}` }),
    ),
    remandTable,
    base
      ? section(
          `${t('custody.by.title', { breakdown: bdWord(bd) })}${bdNote}`,
          barChart(report, {
            title: t('custody.by.title', { breakdown: bdWord(bd) }),
            subtitle: `${periodLabel(last)}`,
            valueLabel: t('custody.sentences.value'),
            name: `custody-by-${bd}-${pt}`,
            seriesNames: [t('overview.trend.custody.num')],
            rows: breakdownRows(report, Measure.CustodySentences, base, bd),
            breakdown: bd,
            measure: Measure.CustodySentences,
          }),
          bd === Breakdown.SentenceType
            ? null
            : barChart(report, {
                title: t('custody.remands.by', { breakdown: bdWord(bd) }),
                subtitle: `${periodLabel(last)}`,
                valueLabel: t('custody.remands.value'),
                name: `remand-by-${bd}-${pt}`,
                seriesNames: [t('custody.remands.value')],
                rows: breakdownRows(report, Measure.RemandEpisodes, base, bd),
                breakdown: bd,
                measure: Measure.RemandEpisodes,
              }),
        )
      : null,
  );
}

