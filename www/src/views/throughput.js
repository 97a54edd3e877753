// Throughput: age × sex, outcome tier and type, offence category and gravity, this financial
// year beside the last; serious violence.
import { h } from '../dom.js';
import { select, series } from '../figures.js';
import { dataTable } from '../charts.js';
import { round } from '../format.js';
import { DIVERSION_TYPES, sortGroups } from '../labels.js';
import { shown, statusText, val, serviceNote, barChart, section, note, whole } from './blocks.js';

const COUNT_NAMES = { throughput_children: 'children', throughput_occasions: 'occasions', throughput_offences: 'offences' };

export function throughput({ report, state }) {
  const measure = state.count;
  const unit = COUNT_NAMES[measure];
  const years = series(report, { measure, period_type: 'financial_year', ...whole(state) });
  if (!years.length) return h('div', { class: 'view' }, h('p', { class: 'empty' }, 'No throughput figures.'));
  const cur = years[years.length - 1];
  const prev = years[years.length - 2];
  const pair = [prev, cur].filter(Boolean);
  const names = pair.map((f) => `${f.period_label}${f.status === 'partial' ? ' (partial)' : ''}`);
  const substantiveOnly = state.scope === 'substantive';
  const block = (breakdown, title) => {
    const figs = pair.map((p) => select(report, { measure, period_type: 'financial_year', period_start: p.period_start, breakdown }));
    let groups = sortGroups(breakdown, [...new Set(figs.flat().map((f) => f.group))]);
    if (substantiveOnly && breakdown === 'outcome_tier') groups = groups.filter((g) => g !== 'diversion');
    if (substantiveOnly && breakdown === 'outcome_type') groups = groups.filter((g) => !DIVERSION_TYPES.has(g));
    if (!groups.length) return null;
    const totals = figs.map((list) => list.filter((f) => groups.includes(f.group)).reduce((s, f) => s + (val(f) ?? 0), 0));
    const pct = (f, i) => (val(f) === null || !totals[i] ? '' : `${round((f.value / totals[i]) * 100, 1)}%`);
    const rows = groups.map((g) => ({ group: g, figs: figs.map((list) => list.find((f) => f.group === g)) }));
    return section(
      title,
      barChart(report, {
        title: `${title}: ${unit}`,
        subtitle: `${names.join(' beside ')}${substantiveOnly && breakdown.startsWith('outcome') ? '; substantive outcomes only' : ''}`,
        valueLabel: `${unit[0].toUpperCase()}${unit.slice(1)}`,
        name: `throughput-${breakdown}-${measure.replace('throughput_', '')}`,
        seriesNames: names,
        rows,
        breakdown,
        measure,
        tableExtra: { head: names.map((n) => `${n} (% of total)`), cells: (r) => r.figs.map((f, i) => pct(f, i)) },
      }),
    );
  };
  // Age × sex for this financial year (and the last in the table).
  const ageSex = select(report, { measure, period_type: 'financial_year', period_start: cur.period_start, breakdown: 'age', breakdown2: 'sex' });
  const ageSexPrev = prev ? select(report, { measure, period_type: 'financial_year', period_start: prev.period_start, breakdown: 'age', breakdown2: 'sex' }) : [];
  const ages = sortGroups('age', [...new Set(ageSex.map((f) => f.group))]);
  const sexes = ['Male', 'Female', 'Unknown'].filter((s) => ageSex.some((f) => f.group2 === s));
  const ageChart = ages.length
    ? barChart(report, {
        title: `Age × sex: ${unit}, ${cur.period_label}`,
        subtitle: `${cur.period_label}${cur.status === 'partial' ? ' (partial year)' : ''}`,
        valueLabel: `${unit[0].toUpperCase()}${unit.slice(1)}`,
        name: `throughput-age-sex-${measure.replace('throughput_', '')}`,
        seriesNames: sexes,
        rows: ages.map((a) => ({ group: a, figs: sexes.map((s) => ageSex.find((f) => f.group === a && f.group2 === s)) })),
        breakdown: 'age',
        measure,
        tableExtra: prev
          ? {
              head: sexes.map((s) => `${s}, ${prev.period_label}`),
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
    return [p.period_label, shown(c, report), shown(r, report)];
  });
  return h(
    'div',
    { class: 'view' },
    h('h2', {}, `Throughput — ${names.join(' beside ')}${serviceNote(state)}`),
    note(
      `Counts of ${unit} (${measure}); the current financial year ${cur.status === 'partial' ? 'is partial (it contains the extract date)' : 'is complete'}. ${
        substantiveOnly ? 'Scope: substantive outcomes only in the outcome charts (diversion excluded).' : 'Scope: all throughput, diversion included.'
      }`,
    ),
    dataTable(
      {
        head: ['Financial year', `Total (${unit})`, 'Status'],
        rows: pair.map((f) => [f.period_label, shown(f, report), statusText(f.status)]),
      },
      `Throughput: ${unit}, all outcomes`,
    ),
    section('Age and sex', ageChart),
    block('outcome_tier', 'Outcome tier'),
    block('outcome_type', 'Outcome type'),
    block('offence_category', 'Offence category'),
    block('gravity_band', 'Gravity'),
    section(
      'Serious violence',
      dataTable({ head: ['Financial year', 'Serious violence offences', 'Per 100,000 aged 10–17'], rows: svRows }, 'Serious violence (drugs, robbery or violence against the person, gravity 5+, substantive outcome)'),
    ),
  );
}

