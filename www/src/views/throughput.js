// Throughput: age × sex, outcome tier and type, offence category and gravity, this financial
// year beside the last; serious violence. A partial year is marked "(partial: to <extract
// date>)" wherever its name appears; every percentage carries its count ("12.5% (3 of 24)").
import { h } from '../dom.js';
import { select, series } from '../figures.js';
import { dataTable } from '../charts.js';
import { ukDate } from '../format.js';
import { DIVERSION_TYPES, TIERS, sortGroups } from '../labels.js';
import { shown, statusText, val, serviceNote, barChart, section, note, whole, withCount, changeText, sameTimeLastYear } from './blocks.js';

const COUNT_NAMES = { throughput_children: 'children', throughput_occasions: 'occasions', throughput_offences: 'offences' };

// Outcome types by tier (diversion, pre-court, first tier, community, custody) and, within a
// tier, least to most severe (measures.md, "Severity"; the order of `Outcome` in
// src/codes/outcome.rs). The figures carry only the type's label, not its tier, so the order is
// kept here until the catalogue (issue 11) sends it with the report.
const OUTCOME_TYPES_BY_TIER = {
  diversion: ['Triage', 'Community Resolution', 'Outcome 22'],
  pre_court: ['Youth Caution', 'Youth Conditional Caution'],
  first_tier: ['Other first tier', 'Absolute Discharge', 'Bind Over', 'Conditional Discharge', 'Compensation Order', 'Fine', 'Reparation Order', 'Referral Order'],
  community: ['Youth Rehabilitation Order', 'YRO with Intensive Fostering', 'YRO with ISS'],
  custody: ['Detention and Training Order', 'Section 250', 'Other long-term detention'],
};
const OUTCOME_TYPE_ORDER = Object.values(OUTCOME_TYPES_BY_TIER).flat();
const tierOf = (type) => TIERS[Object.keys(OUTCOME_TYPES_BY_TIER).find((t) => OUTCOME_TYPES_BY_TIER[t].includes(type))] ?? '';

function sortOutcomeTypes(groups) {
  const rank = (g) => (OUTCOME_TYPE_ORDER.includes(g) ? OUTCOME_TYPE_ORDER.indexOf(g) : OUTCOME_TYPE_ORDER.length);
  return [...groups].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A figure of a share of a total, for withCount: "12.5% (3 of 24)". */
const shareOf = (n, total) => ({ measure: 'share', unit: '%', value: total ? (n / total) * 100 : null, numerator: n, denominator: total });

export function throughput({ report, state }) {
  const measure = state.count;
  const unit = COUNT_NAMES[measure];
  const Unit = `${unit[0].toUpperCase()}${unit.slice(1)}`;
  const years = series(report, { measure, period_type: 'financial_year', ...whole(state) });
  if (!years.length) return h('div', { class: 'view' }, h('p', { class: 'empty' }, 'No throughput figures.'));
  // The extract date: the report's, or (public mode) the one the aggregate file's settings name.
  const extractDate = ukDate(report.extract_date ?? report.settings?.extract_date ?? /extract_date=(\d{4}-\d{2}-\d{2})/.exec(report.provenance?.settings ?? '')?.[1]);
  const partial = `(partial: to ${extractDate || 'the extract date'})`;
  /** A period's name, marked when partial: "2024/25 (partial: to 30 Jun 2024)". */
  const nameOf = (f) => `${f.period_label}${f.status === 'partial' ? ` ${partial}` : ''}`;
  const cur = years[years.length - 1];
  const prev = years[years.length - 2];
  const pair = [prev, cur].filter(Boolean);
  const names = pair.map(nameOf);
  const samePart = cur.status === 'partial' ? sameTimeLastYear(report, cur) : undefined;
  const substantiveOnly = state.scope === 'substantive';
  const block = (breakdown, title) => {
    const figs = pair.map((p) => select(report, { measure, period_type: 'financial_year', period_start: p.period_start, breakdown }));
    const found = [...new Set(figs.flat().map((f) => f.group))];
    let groups = breakdown === 'outcome_type' ? sortOutcomeTypes(found) : sortGroups(breakdown, found);
    if (substantiveOnly && breakdown === 'outcome_tier') groups = groups.filter((g) => g !== 'diversion');
    if (substantiveOnly && breakdown === 'outcome_type') groups = groups.filter((g) => !DIVERSION_TYPES.has(g));
    if (!groups.length) return null;
    const totals = figs.map((list) => list.filter((f) => groups.includes(f.group)).reduce((s, f) => s + (val(f) ?? 0), 0));
    const pct = (f, i) => (!f ? '–' : f.suppressed ? '[c]' : val(f) === null ? '–' : withCount(shareOf(f.value, totals[i]), report));
    const rows = groups.map((g) => ({ group: g, figs: figs.map((list) => list.find((f) => f.group === g)) }));
    const scopeText = substantiveOnly && breakdown.startsWith('outcome') ? '; substantive outcomes only' : '';
    return section(
      title,
      barChart(report, {
        title: `${title}: ${unit}, ${names.join(' beside ')}`,
        subtitle: `Financial years${scopeText}${breakdown === 'outcome_type' ? '; by tier (diversion to custody), least to most severe within a tier' : ''}`,
        valueLabel: Unit,
        name: `throughput-${breakdown}-${measure.replace('throughput_', '')}`,
        seriesNames: names,
        rows,
        breakdown,
        measure,
        tableExtra: {
          head: [...names.map((n) => `${n}: % of ${unit} (n of total)`), ...(breakdown === 'outcome_type' ? ['Tier'] : [])],
          cells: (r) => [...r.figs.map((f, i) => pct(f, i)), ...(breakdown === 'outcome_type' ? [tierOf(r.group)] : [])],
        },
      }),
    );
  };
  // Age × sex for this financial year (and the last in the table).
  const ageQuery = (p) => ({ measure, period_type: 'financial_year', period_start: p.period_start, breakdown: 'age', breakdown2: 'sex' });
  const ageSex = select(report, ageQuery(cur));
  const ageSexPrev = prev ? select(report, ageQuery(prev)) : [];
  const ages = sortGroups('age', [...new Set(ageSex.map((f) => f.group))]);
  const sexes = ['Male', 'Female', 'Unknown'].filter((s) => ageSex.some((f) => f.group2 === s));
  const ageChart = ages.length
    ? barChart(report, {
        title: `Age × sex: ${unit}, ${nameOf(cur)}`,
        subtitle: `Financial year; ${prev ? `${nameOf(prev)} in the table` : 'one year only'}`,
        valueLabel: Unit,
        name: `throughput-age-sex-${measure.replace('throughput_', '')}`,
        seriesNames: sexes.map((s) => `${s}, ${nameOf(cur)}`),
        rows: ages.map((a) => ({ group: a, figs: sexes.map((s) => ageSex.find((f) => f.group === a && f.group2 === s)) })),
        breakdown: 'age',
        measure,
        tableExtra: prev
          ? {
              head: sexes.map((s) => `${s}, ${nameOf(prev)}`),
              cells: (r) => sexes.map((s) => shown(ageSexPrev.find((f) => f.group === r.group && f.group2 === s), report)),
            }
          : undefined,
      })
    : null;
  const sv = series(report, { measure: 'serious_violence_count', period_type: 'financial_year', breakdown: 'all' });
  const svRate = series(report, { measure: 'serious_violence_rate', period_type: 'financial_year', breakdown: 'all' });
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
      `Counts of ${unit} (${measure}); the current financial year ${cur.status === 'partial' ? `is partial: it runs to the extract date, ${extractDate || 'the latest outcome date'}` : 'is complete'}. ${
        substantiveOnly ? 'Scope: substantive outcomes only in the outcome charts (diversion excluded).' : 'Scope: all throughput, diversion included.'
      } Percentages are of the ${unit} in the chart, shown with their counts.${
        cur.status === 'partial' ? ' A partial year’s counts are not comparable with a whole year’s: compare its shares, or its total with the same part of the year before (below).' : ''
      }`,
    ),
    dataTable(
      {
        head: ['Financial year', `Total (${unit})`, 'Status'],
        rows: [
          ...pair.map((f) => [nameOf(f), shown(f, report), f.status === 'partial' ? `partial: to ${extractDate || 'the extract date'}` : statusText(f.status)]),
          // The like-for-like figure for a partial year: the same months a year earlier.
          ...(samePart ? [[`${samePart.period_label}, the same part (to ${ukDate(report.year_earlier_as_at)})`, shown(samePart, report), 'the same months a year earlier']] : []),
        ],
      },
      `Throughput: ${unit}, all outcomes, ${names.join(' and ')}`,
    ),
    cur.status === 'partial' ? note(changeText(cur, years, report)) : null,
    section('Age and sex', ageChart),
    block('outcome_tier', 'Outcome tier'),
    block('outcome_type', 'Outcome type'),
    block('offence_category', 'Offence category'),
    block('gravity_band', 'Gravity'),
    section(
      'Serious violence',
      dataTable(
        { head: ['Financial year', 'Serious violence offences', 'Per 100,000 aged 10–17'], rows: svRows },
        `Serious violence (drugs, robbery or violence against the person, gravity 5+, substantive outcome), ${names.join(' and ')}`,
      ),
    ),
  );
}
