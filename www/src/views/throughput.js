// Throughput: age × sex, outcome tier and type, offence category and gravity, this financial
// year beside the last; serious violence. A partial year is marked "(partial: to <extract
// date>)" wherever its name appears; every percentage carries its count ("12.5% (3 of 24)").
import { h } from '../dom.js';
import { select, series } from '../figures.js';
import { dataTable } from '../charts.js';
import { ukDate, periodLabel } from '../format.js';
import { DIVERSION_TYPES, ORDERS, TIERS, sortGroups, tierOfOutcome } from '../labels.js';
import { Breakdown, Measure, PeriodType, Status, Tier, Unit, measureInfo } from '../catalogue.js';
import { shown, statusText, val, serviceNote, barChart, section, note, whole, withCount, changeText, sameTimeLastYear } from './blocks.js';

// Outcome types are in the catalogue's order: by tier (diversion, pre-court, first tier,
// community, custody) and, within a tier, least to most severe (measures.md, "Severity").
const tierOf = (type) => TIERS[tierOfOutcome(type)] ?? '';

/** A figure of a share of a total, for withCount: "12.5% (3 of 24)". */
const shareOf = (n, total) => ({ unit: Unit.Percent, value: total ? (n / total) * 100 : null, numerator: n, denominator: total });

export function throughput({ report, state }) {
  const measure = state.count;
  // What the count counts: its unit ("children", "occasions", "offences").
  const unit = measureInfo(measure)?.unit ?? '';
  const Unit = `${unit[0].toUpperCase()}${unit.slice(1)}`;
  const years = series(report, { measure, period_type: PeriodType.FinancialYear, ...whole(state) });
  if (!years.length) return h('div', { class: 'view' }, h('p', { class: 'empty' }, 'No throughput figures.'));
  // The extract date: the report's, or (public mode) the one the aggregate file's settings name.
  const extractDate = ukDate(report.extract_date ?? report.settings?.extract_date ?? /extract_date=(\d{4}-\d{2}-\d{2})/.exec(report.provenance?.settings ?? '')?.[1]);
  const partial = `(partial: to ${extractDate || 'the extract date'})`;
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
    const scopeText = substantiveOnly && (breakdown === Breakdown.OutcomeTier || breakdown === Breakdown.OutcomeType) ? '; substantive outcomes only' : '';
    return section(
      title,
      barChart(report, {
        title: `${title}: ${unit}, ${names.join(' beside ')}`,
        subtitle: `Financial years${scopeText}${breakdown === Breakdown.OutcomeType ? '; by tier (diversion to custody), least to most severe within a tier' : ''}`,
        valueLabel: Unit,
        name: `throughput-${breakdown}-${unit}`,
        seriesNames: names,
        rows,
        breakdown,
        measure,
        tableExtra: {
          head: [...names.map((n) => `${n}: % of ${unit} (n of total)`), ...(breakdown === Breakdown.OutcomeType ? ['Tier'] : [])],
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
        title: `Age × sex: ${unit}, ${nameOf(cur)}`,
        subtitle: `Financial year; ${prev ? `${nameOf(prev)} in the table` : 'one year only'}`,
        valueLabel: Unit,
        name: `throughput-age-sex-${unit}`,
        seriesNames: sexes.map((s) => `${s}, ${nameOf(cur)}`),
        rows: ages.map((a) => ({ group: a, figs: sexes.map((s) => ageSex.find((f) => f.group === a && f.group2 === s)) })),
        breakdown: Breakdown.Age,
        measure,
        tableExtra: prev
          ? {
              head: sexes.map((s) => `${s}, ${nameOf(prev)}`),
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
    h('h2', {}, `Throughput — ${names.join(' beside ')}${serviceNote(state)}`),
    note(
      `Counts of ${unit} (${measure}); the current financial year ${cur.status === Status.Partial ? `is partial: it runs to the extract date, ${extractDate || 'the latest outcome date'}` : 'is complete'}. ${
        substantiveOnly ? 'Scope: substantive outcomes only in the outcome charts (diversion excluded).' : 'Scope: all throughput, diversion included.'
      } Percentages are of the ${unit} in the chart, shown with their counts.${
        cur.status === Status.Partial ? ' A partial year’s counts are not comparable with a whole year’s: compare its shares, or its total with the same part of the year before (below).' : ''
      }`,
    ),
    dataTable(
      {
        head: ['Financial year', `Total (${unit})`, 'Status'],
        rows: [
          ...pair.map((f) => [nameOf(f), shown(f, report), f.status === Status.Partial ? `partial: to ${extractDate || 'the extract date'}` : statusText(f.status)]),
          // The like-for-like figure for a partial year: the same months a year earlier.
          ...(samePart ? [[`${periodLabel(samePart)}, the same part (to ${ukDate(report.year_earlier_as_at)})`, shown(samePart, report), 'the same months a year earlier']] : []),
        ],
      },
      `Throughput: ${unit}, all outcomes, ${names.join(' and ')}`,
    ),
    cur.status === Status.Partial ? note(changeText(cur, years, report)) : null,
    section('Age and sex', ageChart),
    block(Breakdown.OutcomeTier, 'Outcome tier'),
    block(Breakdown.OutcomeType, 'Outcome type'),
    block(Breakdown.OffenceCategory, 'Offence category'),
    block(Breakdown.GravityBand, 'Gravity'),
    section(
      'Serious violence',
      dataTable(
        { head: ['Financial year', 'Serious violence offences', 'Per 100,000 aged 10–17'], rows: svRows },
        `Serious violence (drugs, robbery or violence against the person, gravity 5+, substantive outcome), ${names.join(' and ')}`,
      ),
    ),
  );
}
