// Ethnicity: share vs population share, the relative rate index and the stage-by-stage table
// for the chosen stage.
import { h } from '../dom.js';
import { select, one, series } from '../figures.js';
import { dataTable } from '../charts.js';
import { count } from '../format.js';
import { ETHNIC, STAGES } from '../labels.js';
import { ADD_POPULATION, hasPopulation, shown, val, latest, barChart, section, note } from './blocks.js';

export function ethnicity({ report, state }) {
  const pt = state.periodType;
  const stage = state.stage;
  const q = { period_type: pt, breakdown: 'ethnicity', stage };
  const counts = series(report, { measure: 'disp_count', ...q });
  if (!counts.length) return h('div', { class: 'view' }, h('p', { class: 'empty' }, 'No disproportionality figures for this stage.'));
  const last = latest(counts);
  const start = last.period_start;
  const at = (measure, st = stage) => select(report, { measure, period_type: pt, breakdown: 'ethnicity', stage: st, period_start: start });
  const share = at('disp_share');
  const pop = at('disp_population_share');
  const rri = at('disp_rri');
  const ref = report.settings?.reference_group ?? state.reference ?? 'White';
  const total = counts.filter((f) => f.period_start === start).reduce((s, f) => s + (val(f) ?? 0), 0);
  const pairRows = ETHNIC.map((g) => ({ group: g, figs: [share.find((f) => f.group === g), pop.find((f) => f.group === g)] }));
  const rriRows = ETHNIC.filter((g) => g !== ref).map((g) => ({ group: g, figs: [rri.find((f) => f.group === g)] }));
  const flagText = (f) =>
    !f ? '' : f.flag === 'over' ? 'over-represented (significant)' : f.flag === 'under' ? 'under-represented (significant)' : f.flag === 'too_few' ? 'too few to test' : 'no significant difference';

  // The whole piece: each stage's counts, shares and RRIs, with flags.
  const stageRows = [];
  for (const st of Object.keys(STAGES)) {
    const c = select(report, { measure: 'disp_count', period_type: pt, breakdown: 'ethnicity', stage: st, period_start: start });
    if (!c.length) continue;
    const s = select(report, { measure: 'disp_share', period_type: pt, breakdown: 'ethnicity', stage: st, period_start: start });
    const r = select(report, { measure: 'disp_rri', period_type: pt, breakdown: 'ethnicity', stage: st, period_start: start });
    const u = one(report, { measure: 'disp_unknown_share', period_type: pt, breakdown: 'ethnicity', stage: st, period_start: start, group: 'Unknown' });
    stageRows.push([
      STAGES[st],
      ...ETHNIC.map((g) => {
        const cf = c.find((f) => f.group === g);
        const sf = s.find((f) => f.group === g);
        const rf = r.find((f) => f.group === g);
        const flag = rf?.flag === 'over' ? ' ▲ over' : rf?.flag === 'under' ? ' ▼ under' : '';
        return `${shown(cf, report)} (${shown(sf, report)}%)${rf ? `; RRI ${shown(rf, report)}${flag}` : g === ref ? '; reference' : ''}`;
      }),
      `${shown(c.find((f) => f.group === 'Unknown'), report)} (${shown(u, report)}% of all)`,
    ]);
  }
  const vsRows = [];
  for (const st of ['out_of_court_vs_diversion_or_out_of_court', 'court_vs_substantive', 'custody_vs_court', 'remand_vs_court_or_remand', 'reoffending_vs_reoffending_cohort']) {
    const r = select(report, { measure: 'disp_rri', period_type: pt, breakdown: 'ethnicity', stage: st, period_start: start });
    if (!r.length) continue;
    const [later, base] = st.split('_vs_');
    vsRows.push([
      `${STAGES[later] ?? later} given ${base.replaceAll('_', ' ')}`,
      ...ETHNIC.map((g) => {
        const f = r.find((x) => x.group === g);
        return f ? `${shown(f, report)}${f.flag === 'over' ? ' ▲ over' : f.flag === 'under' ? ' ▼ under' : f.flag === 'too_few' ? ' (too few)' : ''}` : g === ref ? 'reference' : '–';
      }),
    ]);
  }
  return h(
    'div',
    { class: 'view' },
    h('h2', {}, `Ethnicity — ${STAGES[stage]}, ${last.period_label}`),
    note(`Shares are of children of known ethnicity; ${count(total)} children at this stage in ${last.period_label} (Unknown included). RRI: the group’s rate relative to ${ref}; log-scale 95% interval (local choice).`),
    hasPopulation(report)
      ? null
      : h('p', { class: 'needs-population' }, `Population shares, gaps and RRIs: ${ADD_POPULATION} (open “Population” above).`),
    barChart(report, {
      title: `${STAGES[stage]}: share of children vs share of the population`,
      subtitle: `${last.period_label}; n = ${count(total)} children`,
      valueLabel: '% of known-ethnicity children / population aged 10–17',
      name: `ethnicity-share-vs-population-${stage}-${pt}`,
      seriesNames: ['Share at this stage', 'Share of population'],
      rows: pairRows,
      breakdown: 'ethnicity',
      measure: 'disp_share',
      dp: 1,
    }),
    hasPopulation(report)
      ? barChart(report, {
          kind: 'ratio',
          title: `Relative rate index vs ${ref}: ${STAGES[stage]}`,
          subtitle: `${last.period_label}; log scale, line at 1 = same rate as ${ref}; whiskers: 95% interval`,
          valueLabel: `Rate relative to ${ref} (ratio)`,
          name: `ethnicity-rri-${stage}-${pt}`,
          seriesNames: ['RRI'],
          rows: rriRows,
          breakdown: 'ethnicity',
          measure: 'disp_rri',
          dp: 2,
          tableExtra: { head: ['Flag'], cells: (r) => [flagText(r.figs[0])] },
        })
      : null,
    section(
      'Stage by stage',
      dataTable(
        { head: ['Stage', ...ETHNIC.map((g) => `${g}: children (share %); RRI`), 'Unknown'], rows: stageRows },
        `Children at each stage by ethnic group, ${last.period_label}; ▲ significantly over-represented, ▼ under`,
      ),
      vsRows.length
        ? dataTable(
            { head: ['Decision point', ...ETHNIC.map((g) => `${g}: RRI`)], rows: vsRows },
            `Stage-to-stage relative rates (of children at the earlier stage), vs ${ref}`,
          )
        : null,
    ),
  );
}

