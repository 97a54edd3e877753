// Throughput: age × sex, outcome tier and type, offence category and gravity, this financial
// year beside the last; serious violence. A partial year is marked "(partial: to <extract
// date>)" wherever its name appears; every percentage carries its count ("12.5% (3 of 24)").
import { h } from '../dom.js';
import { select, series } from '../figures.js';
import { dataTable } from '../charts.js';
import { ukDate, periodLabel, unitWords } from '../format.js';
import { BREAKDOWNS, DIVERSION_TYPES, ORDERS, TIERS, groupLabel, sortGroups, tierOfOutcome } from '../labels.js';
import { Breakdown, Measure, PeriodType, Status, Tier, Unit, measureInfo } from '../catalogue.js';
import { t } from '../messages/index.js';
import { shown, statusText, val, serviceNote, barChart, section, note, whole, withCount, changeText, sameTimeLastYear } from './blocks.js';

// Outcome types are in the catalogue's order: by tier (diversion, pre-court, first tier,
// community, custody) and, within a tier, least to most severe (measures.md, "Severity").
const tierOf = (type) => TIERS[tierOfOutcome(type)] ?? '';

/** A figure of a share of a total, for withCount: "12.5% (3 of 24)". */
const shareOf = (n, total) => ({ unit: Unit.Percent, value: total ? (n / total) * 100 : null, numerator: n, denominator: total });

export function throughput({ report, state }) {
  const measure = state.count;
  // What the count counts: its unit ("children", "occasions", "offences").
  const unit = unitWords(measureInfo(measure)?.unit ?? '');
  const fileUnit = measureInfo(measure)?.unit ?? '';
  const Unit = `${unit[0].toUpperCase()}${unit.slice(1)}`;
  const years = series(report, { measure, period_type: PeriodType.FinancialYear, ...whole(state) });
  if (!years.length) return h('div', { class: 'view' }, h('p', { class: 'empty' }, t('throughput.none')));
  // The extract date: the report's, or (public mode) the one the aggregate file's settings name.
  const extractDate = ukDate(report.extract_date ?? report.settings?.extract_date ?? /extract_date=(\d{4}-\d{2}-\d{2})/.exec(report.provenance?.settings ?? '')?.[1]);
  const partial = t('throughput.partial', { date: extractDate || t('throughput.the_extract_date') });
  /** A period's name, marked when partial: "2024/25 (partial: to 30 Jun 2024)". */
  const nameOf = (f) => `${periodLabel(f)}${f.status === Status.Partial ? ` ${partial}` : ''}`;
  const cur = years[years.length - 1];
  const prev = years[years.length - 2];
  const pair = [prev, cur].filter(Boolean);
  const names = pair.map(nameOf);
  const samePart = cur.status === Status.Partial ? sameTimeLastYear(report, cur) : undefined;
  const substantiveOnly = state.scope === 'substantive';
  const block = (breakdown, title) => {
    const figs = pair.map((p) => select(report, { measure, period_type: PeriodType.FinancialYear, period_start: p.period_start, breakdown }));
    const found = [...new Set(figs.flat().map((f) => f.group))];
    let groups = sortGroups(breakdown, found);
    if (substantiveOnly && breakdown === Breakdown.OutcomeTier) groups = groups.filter((g) => g !== Tier.Diversion);
    if (substantiveOnly && breakdown === Breakdown.OutcomeType) groups = groups.filter((g) => !DIVERSION_TYPES.has(g));
    if (!groups.length) return null;
    const totals = figs.map((list) => list.filter((f) => groups.includes(f.group)).reduce((s, f) => s + (val(f) ?? 0), 0));
    const pct = (f, i) => (!f ? '–' : f.suppressed ? '[c]' : val(f) === null ? '–' : withCount(shareOf(f.value, totals[i]), report));
    const rows = groups.map((g) => ({ group: g, figs: figs.map((list) => list.find((f) => f.group === g)) }));
    const scopeText = substantiveOnly && (breakdown === Breakdown.OutcomeTier || breakdown === Breakdown.OutcomeType) ? t('throughput.substantive_only') : '';
    return section(
      title,
      barChart(report, {
        title: `${title}: ${unit}, ${names.join(t('throughput.beside'))}`,
        subtitle: `${t('throughput.financial_years')}${scopeText}${breakdown === Breakdown.OutcomeType ? t('throughput.by_tier') : ''}`,
        valueLabel: Unit,
        name: `throughput-${breakdown}-${fileUnit}`,
        seriesNames: names,
        rows,
        breakdown,
        measure,
        tableExtra: {
          head: [...names.map((n) => t('throughput.share_head', { period: n, unit })), ...(breakdown === Breakdown.OutcomeType ? [t('throughput.tier')] : [])],
          cells: (r) => [...r.figs.map((f, i) => pct(f, i)), ...(breakdown === Breakdown.OutcomeType ? [tierOf(r.group)] : [])],
        },
      }),
    );
  };
  // Age × sex for this financial year (and the last in the table).
  const ageQuery = (p) => ({ measure, period_type: PeriodType.FinancialYear, period_start: p.period_start, breakdown: Breakdown.Age, breakdown2: Breakdown.Sex });
  const ageSex = select(report, ageQuery(cur));
  const ageSexPrev = prev ? select(report, ageQuery(prev)) : [];
  const ages = sortGroups(Breakdown.Age, [...new Set(ageSex.map((f) => f.group))]);
  const sexes = ORDERS[Breakdown.Sex].filter((s) => ageSex.some((f) => f.group2 === s));
  const ageChart = ages.length
    ? barChart(report, {
        title: t('throughput.age_sex.title', { unit, period: nameOf(cur) }),
        subtitle: prev ? t('throughput.age_sex.subtitle', { period: nameOf(prev) }) : t('throughput.age_sex.one_year'),
        valueLabel: Unit,
        name: `throughput-age-sex-${fileUnit}`,
        seriesNames: sexes.map((s) => `${groupLabel(Breakdown.Sex, s)}, ${nameOf(cur)}`),
        rows: ages.map((a) => ({ group: a, figs: sexes.map((s) => ageSex.find((f) => f.group === a && f.group2 === s)) })),
        breakdown: Breakdown.Age,
        measure,
        tableExtra: prev
          ? {
              head: sexes.map((s) => `${groupLabel(Breakdown.Sex, s)}, ${nameOf(prev)}`),
              cells: (r) => sexes.map((s) => shown(ageSexPrev.find((f) => f.group === r.group && f.group2 === s), report)),
            }
          : undefined,
      })
    : null;
  const sv = series(report, { measure: Measure.SeriousViolenceCount, period_type: PeriodType.FinancialYear, breakdown: Breakdown.All });
  const svRate = series(report, { measure: Measure.SeriousViolenceRate, period_type: PeriodType.FinancialYear, breakdown: Breakdown.All });
  const svRows = pair.map((p) => {
    const c = sv.find((f) => f.period_start === p.period_start);
    const r = svRate.find((f) => f.period_start === p.period_start);
    return [nameOf(p), shown(c, report), shown(r, report)];
  });
  return h(
    'div',
    { class: 'view' },
    h('h2', {}, t('throughput.title', { periods: names.join(t('throughput.beside')), service: serviceNote(state) })),
    note(
      t('throughput.note', {
        unit,
        measure,
        year: cur.status === Status.Partial ? t('throughput.note.partial', { date: extractDate || t('throughput.latest_outcome_date') }) : t('throughput.note.complete'),
        scope: substantiveOnly ? t('throughput.note.substantive') : t('throughput.note.all'),
        partial: cur.status === Status.Partial ? t('throughput.note.compare') : '',
      }),
    ),
    dataTable(
      {
        head: [t('throughput.financial_year'), t('throughput.total', { unit }), t('head.status')],
        rows: [
          ...pair.map((f) => [nameOf(f), shown(f, report), f.status === Status.Partial ? t('throughput.status.partial', { date: extractDate || t('throughput.the_extract_date') }) : statusText(f.status)]),
          // The like-for-like figure for a partial year: the same months a year earlier.
          ...(samePart ? [[t('throughput.same_part', { period: periodLabel(samePart), date: ukDate(report.year_earlier_as_at) }), shown(samePart, report), t('throughput.same_months')]] : []),
        ],
      },
      t('throughput.caption', { unit, periods: names.join(t('and')) }),
    ),
    cur.status === Status.Partial ? note(changeText(cur, years, report)) : null,
    section(t('throughput.age_sex'), ageChart),
    block(Breakdown.OutcomeTier, BREAKDOWNS[Breakdown.OutcomeTier]),
    block(Breakdown.OutcomeType, BREAKDOWNS[Breakdown.OutcomeType]),
    block(Breakdown.OffenceCategory, BREAKDOWNS[Breakdown.OffenceCategory]),
    block(Breakdown.GravityBand, BREAKDOWNS[Breakdown.GravityBand]),
    section(
      t('throughput.sv'),
      dataTable(
        { head: [t('throughput.financial_year'), t('throughput.sv.offences'), t('throughput.sv.rate')], rows: svRows },
        t('throughput.sv.caption', { periods: names.join(t('and')) }),
      ),
    ),
  );
}
