// Overview: headline cards (reoffending, first-time entrants, custody) and the most
// over-represented ethnic group at each stage.
import { h } from '../dom.js';
import { comparatorLine } from '../comparators.js';
import { select, one, series, yearEarlier } from '../figures.js';
import { dataTable } from '../charts.js';
import { count, signed, periodLabel, unitWords } from '../format.js';
import { ETHNIC, STAGES, PERIOD_NAMES, HEADLINE_STAGES, groupLabel } from '../labels.js';
import { Breakdown, CATALOGUE, Measure, Status } from '../catalogue.js';
import { t } from '../messages/index.js';
import { ADD_POPULATION, SMALL_N, hasPopulation, isSmall, withCount, denominatorOf, timeChart, shown, shownWithUnit, numOrBlank, interval, val, serviceNote, latest, changeText, section, note, whole } from './blocks.js';

function card(title, value, lines, change, unit) {
  return h(
    'section',
    { class: 'card' },
    h('h3', {}, title),
    h('p', { class: 'big' }, value),
    unit ? h('p', { class: 'unit small' }, unit) : null,
    lines.filter(Boolean).map((l) => h('p', { class: 'small' }, l)),
    change ? h('p', { class: 'change small' }, change) : null,
  );
}

function reoffendingCards(report, state) {
  const q = { period_type: state.periodType, ...whole(state) };
  const rates = series(report, { measure: Measure.ReoffendingBinaryRate, ...q });
  const get = (measure, f) => f && one(report, { measure, ...q, period_start: f.period_start });
  const fin = latest(rates, (f) => f.status === Status.Final);
  const prov = latest(rates, (f) => f.status === Status.Provisional);
  const cohortOf = (f) => get(Measure.ReoffendingCohort, f);
  const caution = (f) => (isSmall(f) ? t('overview.cohort_caution') : null);
  const out = [];
  out.push(
    fin
      ? card(
          t('overview.final.title', { period: periodLabel(fin) }),
          t('overview.final.value', { value: `${shown(fin, report)}${fin.suppressed ? '' : '%'}` }),
          [
            t('overview.final.rate', {
              rate: shownWithUnit(fin, report),
              counts: fin.suppressed ? '' : t('overview.n_of_children', { n: count(fin.numerator), of: count(fin.denominator) }),
              interval: interval(fin, 1) || '–',
            }),
            comparatorLine(report, fin),
            caution(fin),
            t('overview.per_reoffender', { value: withCount(get(Measure.ReoffencesPerReoffender, fin), report, { unit: false }) }),
            t('overview.per_child', { value: withCount(get(Measure.ReoffendingFrequencyRate, fin), report, { unit: false }) }),
            t('overview.cohort_size', { n: numOrBlank(val(cohortOf(fin)), cohortOf(fin)) }),
          ],
          changeText(fin, rates, report),
        )
      : card(t('overview.final.none.title'), t('overview.final.none.value'), [t('overview.final.none.why')]),
  );
  if (prov) {
    out.push(
      card(
        t('overview.provisional.title', { period: periodLabel(prov) }),
        t('overview.provisional.value', { value: `${shown(prov, report)}${prov.suppressed ? '' : '%'}` }),
        [
          t('overview.provisional.rate', { value: withCount(prov, report) }),
          t('overview.provisional.why'),
          caution(prov),
          t('overview.cohort_size', { n: numOrBlank(val(cohortOf(prov)), cohortOf(prov)) }),
          t('overview.provisional.per_reoffender', { value: withCount(get(Measure.ReoffencesPerReoffender, prov), report, { unit: false }) }),
        ],
        changeText(prov, rates, report),
      ),
    );
  }
  return out;
}

function rateCard(report, state, { rate, countMeasure, title, countUnit, smallCaution }) {
  const q = { period_type: state.periodType, ...whole(state) };
  const rates = series(report, { measure: rate, ...q });
  const f = latest(rates);
  if (!f) return card(title, t('overview.no_figures'), []);
  const n = one(report, { measure: countMeasure, ...q, period_start: f.period_start });
  const noPop = f.value === null && !f.suppressed && !hasPopulation(report);
  return card(
    `${title} (${periodLabel(f)})`,
    noPop ? ADD_POPULATION : shown(f, report),
    [
      `${shown(n, report)} ${countUnit}`,
      noPop ? t('overview.add_population') : denominatorOf(f, report),
      comparatorLine(report, f),
      !noPop && isSmall(f) ? smallCaution : null,
    ],
    noPop ? null : changeText(f, rates, report),
    noPop || f.suppressed ? null : unitWords(f.unit),
  );
}

/** The headline trends, under the cards (the same charts as the views, smaller). */
function trends(report, state) {
  const q = { period_type: state.periodType, ...whole(state) };
  const pt = state.periodType;
  const per = report.settings?.custody_unit === 'per100000' ? '100,000' : '1,000';
  // On screen only: the board pack has the views' own charts of these figures.
  const trendsSection = section(
    t('overview.trends'),
    h(
      'div',
      { class: 'pair' },
      timeChart(report, series(report, { measure: Measure.ReoffendingBinaryRate, ...q }), {
        what: t('overview.trend.reoffending.what'),
        title: t('overview.trend.reoffending.title'),
        valueLabel: t('overview.trend.reoffending.value'),
        name: `overview-reoffending-${pt}`,
        numLabel: t('overview.trend.reoffending.num'),
        denLabel: t('overview.trend.reoffending.den'),
        countsFirst: true,
        periodWord: t('overview.trend.reoffending.period'),
      }),
      timeChart(report, series(report, { measure: Measure.FteRate, ...q }), {
        what: t('overview.trend.fte.what'),
        title: t('overview.trend.fte.title'),
        valueLabel: t('overview.trend.fte.title'),
        name: `overview-fte-rate-${pt}`,
        numLabel: t('overview.trend.fte.num'),
        denLabel: t('overview.population_10_17'),
      }),
      timeChart(report, series(report, { measure: Measure.CustodyRate, ...q }), {
        what: t('overview.trend.custody.what'),
        title: t('overview.trend.custody.title', { per }),
        valueLabel: t('overview.trend.custody.title', { per }),
        name: `overview-custody-rate-${pt}`,
        numLabel: t('overview.trend.custody.num'),
        denLabel: t('overview.population_10_17'),
      }),
    ),
  );
  trendsSection.classList.add('screen-only');
  return trendsSection;
}

/**
 * The most over-represented ethnic group at each stage (widget.md, issue 10): a group is named
 * only when it has at least 10 children at the stage AND its RRI interval lies wholly above 1
 * (flag `over`); among such groups, the one whose share most exceeds its population share.
 * Otherwise the row says in words why no group is named. Every share and index carries its
 * count; the change of the gap is in percentage points only (never a relative %).
 */
function overRepresented(report, state) {
  const q = { period_type: state.periodType, breakdown: Breakdown.Ethnicity };
  const ref = report.settings?.reference_group ?? CATALOGUE.settings.defaults.reference_group;
  // The change of a gap on the same period a year earlier: percentage points only.
  const gapChange = (cur, history) => {
    const prev = yearEarlier(history, cur.period_start);
    if (!prev) return t('overview.gap.no_year_earlier');
    const a = val(cur);
    const b = val(prev);
    if (a === null || b === null) return t('overview.gap.no_comparison', { period: periodLabel(prev) });
    return t('overview.gap.change', { change: signed(a - b, 1), period: periodLabel(prev), then: signed(b, 1) });
  };
  const rows = [];
  for (const stage of HEADLINE_STAGES) {
    const counts = select(report, { measure: Measure.DispCount, stage, ...q });
    if (!counts.length) continue;
    const starts = [...new Set(counts.map((f) => f.period_start))].sort();
    const complete = starts.filter((s) => counts.find((f) => f.period_start === s)?.status !== Status.Partial);
    const start = complete[complete.length - 1] ?? starts[starts.length - 1];
    const at = (measure, group) => one(report, { measure, stage, ...q, period_start: start, group });
    const label = periodLabel(counts.find((f) => f.period_start === start));
    const known = ETHNIC.reduce((s, g) => s + (val(at(Measure.DispCount, g)) ?? 0), 0);
    const why = (text) => rows.push([STAGES[stage], label, text, '', '', '']);
    if (!hasPopulation(report)) {
      why(t('overview.none_named', { why: ADD_POPULATION }));
      continue;
    }
    if (known === 0 && !ETHNIC.some((g) => at(Measure.DispCount, g)?.suppressed)) {
      why(t('overview.none_named', { why: t('overview.none_named.no_known') }));
      continue;
    }
    // Candidates: every group but the reference (which has no RRI), with count, RRI and gap.
    const cands = ETHNIC.filter((g) => g !== ref).map((g) => ({ g, n: val(at(Measure.DispCount, g)), rri: at(Measure.DispRri, g), gap: at(Measure.DispGapPp, g) }));
    const significant = cands.filter((c) => c.rri && !c.rri.suppressed && c.rri.flag === 'over');
    const named = significant
      .filter((c) => c.n !== null && c.n >= SMALL_N && val(c.gap) !== null)
      .sort((a, b) => b.gap.value - a.gap.value);
    const best = named[0];
    if (!best) {
      const reasons = [significant.length ? t('overview.none_named.not_significant_10') : t('overview.none_named.not_significant')];
      if (significant.length || cands.some((c) => c.n !== null && c.n > 0 && c.n < SMALL_N)) reasons.push(t('overview.none_named.small'));
      if (cands.some((c) => c.rri?.suppressed || c.gap?.suppressed)) reasons.push(t('overview.none_named.suppressed'));
      why(t('overview.none_named', { why: reasons.join('; ') }));
      continue;
    }
    const share = at(Measure.DispShare, best.g);
    const pop = at(Measure.DispPopulationShare, best.g);
    const history = select(report, { measure: Measure.DispGapPp, stage, ...q, group: best.g });
    rows.push([
      STAGES[stage],
      label,
      groupLabel(Breakdown.Ethnicity, best.g),
      t('overview.named.share', { share: withCount(share, report), population: withCount(pop, report), gap: signed(best.gap.value, 1) }),
      t('overview.named.rri', { rri: shown(best.rri, report), interval: interval(best.rri, 2), n: count(best.n) }),
      gapChange(best.gap, history),
    ]);
  }
  if (!rows.length) return null;
  return h(
    'section',
    { class: 'card wide' },
    h('h3', {}, t('overview.over.title')),
    note(t('overview.over.note', { n: SMALL_N, reference: groupLabel(Breakdown.Ethnicity, ref) })),
    dataTable(
      { head: [t('head.stage'), t('head.period'), t('head.group'), t('overview.over.head.share'), t('overview.over.head.rri', { reference: groupLabel(Breakdown.Ethnicity, ref) }), t('overview.over.head.change')], rows },
      t('overview.over.caption'),
    ),
  );
}

export function overview({ report, state }) {
  const per = report.settings?.custody_unit === 'per100000' ? '100,000' : '1,000';
  return h(
    'div',
    { class: 'view' },
    h('h2', {}, t('overview.title', { period: PERIOD_NAMES[state.periodType], service: serviceNote(state) })),
    note(t('overview.note')),
    h(
      'div',
      { class: 'cards' },
      reoffendingCards(report, state),
      rateCard(report, state, { rate: Measure.FteRate, countMeasure: Measure.FteCount, title: t('overview.fte.title'), countUnit: t('overview.fte.count'), smallCaution: t('overview.fte.caution') }),
      rateCard(report, state, { rate: Measure.CustodyRate, countMeasure: Measure.CustodySentences, title: t('overview.custody.title', { per }), countUnit: t('overview.custody.count'), smallCaution: t('overview.custody.caution') }),
    ),
    trends(report, state),
    overRepresented(report, state),
    report.notes?.length ? section(t('head.notes'), h('ul', {}, report.notes.map((n) => h('li', {}, n)))) : null,
  );
}
