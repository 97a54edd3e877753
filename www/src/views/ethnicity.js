// Ethnicity: share vs population share, the relative rate index and the stage-by-stage table
// for the chosen stage. The view reads only the stage (and the period type): it never depends
// on the Scope control, so one control chooses what it shows.
import { h } from '../dom.js';
import { select, one, series } from '../figures.js';
import { dataTable } from '../charts.js';
import { count, signed, periodLabel } from '../format.js';
import { DECISION_POINTS, ETHNIC, FLAG_WORDS, ORDERS, STAGES, STAGE_BASES, UNKNOWN_ETHNICITY } from '../labels.js';
import { Breakdown, CATALOGUE, Flag, Measure } from '../catalogue.js';
import { ADD_POPULATION, CAUTION, SMALL_N, hasPopulation, shown, interval, val, latest, barChart, section, note, withCount } from './blocks.js';


/** The flag of an RRI in words (a zero count has no index). */
function flagWords(f, n) {
  if (!f) return '';
  if (f.suppressed) return '[c]';
  if (n === 0 || f.numerator === 0) return 'no children in this group: no index';
  if (f.value === null || f.value === undefined) return '';
  return FLAG_WORDS[f.flag] ?? FLAG_WORDS[Flag.NoDifference];
}

/** A count as shown ("[c]" suppressed). */
function countCell(f) {
  if (!f) return '–';
  if (f.suppressed) return '[c]';
  const n = val(f);
  return n === null ? '–' : count(n);
}

/** The caution for 1–9 children, appended to a flag: "…; fewer than 10: treat with caution". */
const withCaution = (text, n) => (n !== null && n > 0 && n < SMALL_N ? [text, CAUTION].filter(Boolean).join('; ') : text);

/** An RRI cell: the index with its count, "0" (never an index) for a zero count. */
function rriCell(f, n, report) {
  if (!f) return '–';
  if (f.suppressed) return '[c]';
  if (n === 0 || f.numerator === 0) return '0 children: no index';
  if (f.value === null || f.value === undefined) return shown(f, report);
  return `${shown(f, report)} (${count(f.numerator)} children)`;
}

export function ethnicity({ report, state }) {
  const pt = state.periodType;
  const stage = state.stage;
  const q = { period_type: pt, breakdown: Breakdown.Ethnicity, stage };
  const counts = series(report, { measure: Measure.DispCount, ...q });
  if (!counts.length) return h('div', { class: 'view' }, h('p', { class: 'empty' }, 'No disproportionality figures for this stage.'));
  const last = latest(counts) ?? counts[counts.length - 1];
  const start = last.period_start;
  const at = (measure, st = stage) => select(report, { measure, period_type: pt, breakdown: Breakdown.Ethnicity, stage: st, period_start: start });
  const ref = report.settings?.reference_group ?? state.reference ?? CATALOGUE.settings.defaults.reference_group;
  const cnt = at(Measure.DispCount);
  const share = at(Measure.DispShare);
  const pop = at(Measure.DispPopulationShare);
  const rri = at(Measure.DispRri);
  const nOf = (g) => val(cnt.find((f) => f.group === g));
  const total = cnt.reduce((s, f) => s + (val(f) ?? 0), 0);
  const small = ETHNIC.filter((g) => {
    const n = nOf(g);
    return n !== null && n > 0 && n < SMALL_N;
  });
  const cautionText = small.length ? `; ${small.join(', ')}: ${CAUTION}` : '';
  const withPop = hasPopulation(report);

  // Share vs population share: the chart's label and table carry the counts ("32.4% (12 of 37)").
  const pairRows = ETHNIC.map((g) => ({ group: g, figs: [share.find((f) => f.group === g), pop.find((f) => f.group === g)] }));
  const shareChart = barChart(report, {
    title: `${STAGES[stage]}: share of children vs share of the population`,
    subtitle: `${periodLabel(last)}; n = ${count(total)} children${cautionText}`,
    valueLabel: 'Share, %',
    name: `ethnicity-share-vs-population-${stage}-${pt}`,
    seriesNames: ['Share at this stage', 'Share of population'],
    rows: pairRows,
    breakdown: Breakdown.Ethnicity,
    measure: Measure.DispShare,
    dp: 1,
    tableExtra: {
      head: ['Children (of known ethnicity)', 'Population (of total aged 10–17)', 'Caution'],
      cells: (r) => [withCount(r.figs[0], report), withCount(r.figs[1], report), small.includes(r.group) ? CAUTION : ''],
    },
  });
  relabel(
    shareChart,
    `${STAGES[stage]}: share of children vs share of the population (${periodLabel(last)}; n = ${count(total)} children): ${pairRows
      .map((r) => `${r.group} ${withCount(r.figs[0], report)} vs ${withCount(r.figs[1], report)} of the population${small.includes(r.group) ? ` (${CAUTION})` : ''}`)
      .join('; ')}.`,
  );

  // RRI: a zero count has no index (not drawn as 0, said in words); counts in label and table.
  const rriRows = ETHNIC.filter((g) => g !== ref).map((g) => {
    const f = rri.find((x) => x.group === g);
    const zero = nOf(g) === 0 || f?.numerator === 0;
    return { group: g, figs: [f && zero ? { ...f, value: null, ci_low: null, ci_high: null } : f], orig: f };
  });
  let rriChart = null;
  if (withPop) {
    rriChart = barChart(report, {
      kind: 'ratio',
      title: `Relative rate index vs ${ref}: ${STAGES[stage]}`,
      subtitle: `${periodLabel(last)}; log scale, line at 1 = same rate as ${ref}; whiskers: 95% interval${cautionText}`,
      valueLabel: `Rate relative to ${ref} (ratio)`,
      name: `ethnicity-rri-${stage}-${pt}`,
      seriesNames: ['RRI'],
      rows: rriRows,
      breakdown: Breakdown.Ethnicity,
      measure: Measure.DispRri,
      dp: 2,
      tableExtra: {
        head: ['Children at this stage', 'Flag'],
        cells: (r) => [countCell(cnt.find((f) => f.group === r.group)), withCaution(flagWords(r.orig, nOf(r.group)), nOf(r.group))],
      },
    });
    relabel(
      rriChart,
      `Relative rate index vs ${ref}: ${STAGES[stage]} (${periodLabel(last)}; log scale, 1 = same rate as ${ref}): ${rriRows
        .map((r) => {
          const n = nOf(r.group);
          const iv = interval(r.figs[0], 2);
          return `${r.group} ${rriCell(r.orig, n, report)}${iv ? `, 95% interval ${iv}` : ''}${n !== null && n > 0 && n < SMALL_N ? ` (${CAUTION})` : ''}, ${flagWords(r.orig, n)}`;
        })
        .join('; ')}.`,
    );
  }

  return h(
    'div',
    { class: 'view' },
    h('h2', {}, `Ethnicity — ${STAGES[stage]}, ${periodLabel(last)}`),
    note(
      `Shares are of children of known ethnicity; ${count(total)} children at this stage in ${periodLabel(last)} (Unknown included). RRI: the group’s rate relative to ${ref}; log-scale 95% interval (local choice). Groups of fewer than ${SMALL_N} children are marked “${CAUTION}”.`,
    ),
    withPop ? null : h('p', { class: 'needs-population' }, `Population shares, gaps and RRIs: ${ADD_POPULATION} (open “Population” above).`),
    shareChart,
    rriChart,
    stageBlock(report, pt, start, periodLabel(last), ref),
  );
}

/** Give a chart figure an accessible name of our own (its counts and cautions in words). */
function relabel(fig, label) {
  const canvas = fig?.querySelector?.('canvas');
  if (!canvas) return;
  canvas.setAttribute('aria-label', label);
  if (fig.chart) fig.chart.label = label;
}

/** The whole piece: one row per stage × group, one figure per column. */
function stageTable(report, pt, start, periodLabel, ref) {
  const rows = [];
  for (const st of Object.keys(STAGES)) {
    const base = { period_type: pt, breakdown: Breakdown.Ethnicity, stage: st, period_start: start };
    const c = select(report, { measure: Measure.DispCount, ...base });
    if (!c.length) continue;
    const pick = (measure, g) => one(report, { measure, ...base, group: g });
    for (const g of ORDERS[Breakdown.Ethnicity]) {
      const cf = c.find((f) => f.group === g);
      const n = val(cf);
      if (g === UNKNOWN_ETHNICITY) {
        const u = pick(Measure.DispUnknownShare, g);
        rows.push([STAGES[st], g, countCell(cf), u ? `not in shares: ${withCount(u, report)} of all` : 'not in shares', '', '', '', '', '']);
        continue;
      }
      const s = pick(Measure.DispShare, g);
      const p = pick(Measure.DispPopulationShare, g);
      const gap = pick(Measure.DispGapPp, g);
      const r = pick(Measure.DispRri, g);
      rows.push([
        STAGES[st],
        g,
        countCell(cf),
        withCount(s, report),
        p ? shown(p, report) + (val(p) === null ? '' : '%') : '–',
        gap ? (val(gap) === null ? shown(gap, report) : signed(gap.value, 1)) : '–',
        g === ref ? 'reference group' : rriCell(r, n, report),
        g === ref || n === 0 ? '' : interval(r, 2),
        withCaution(g === ref ? 'reference group' : flagWords(r, n), n),
      ]);
    }
  }
  const table = dataTable(
    {
      head: ['Stage', 'Group', 'Children', 'Share of known ethnicity (n of N)', 'Population share', 'Gap (percentage points)', `RRI vs ${ref}`, 'RRI 95% interval', 'Flag'],
      rows,
    },
    `Children at each stage by ethnic group, ${periodLabel}: counts, shares, gaps and relative rate indices`,
  );
  table.classList.add('stage-table');
  return table;
}

/** Stage-to-stage relative rates: one row per decision point × group. */
function decisionTable(report, pt, start, ref) {
  const rows = [];
  for (const { id: st, later, base } of DECISION_POINTS) {
    const r = select(report, { measure: Measure.DispRri, period_type: pt, breakdown: Breakdown.Ethnicity, stage: st, period_start: start });
    if (!r.length) continue;
    const name = `${STAGES[later] ?? later}, of ${STAGE_BASES[base] ?? base}`;
    for (const g of ETHNIC) {
      if (g === ref) {
        rows.push([name, g, '', 'reference group', '', 'reference group']);
        continue;
      }
      const f = r.find((x) => x.group === g);
      const n = f && !f.suppressed ? f.numerator : null;
      const counts = !f ? '–' : f.suppressed ? '[c]' : Number.isFinite(f.numerator) && Number.isFinite(f.denominator) ? `${count(f.numerator)} of ${count(f.denominator)}` : '–';
      rows.push([name, g, counts, rriCell(f, n, report), n === 0 ? '' : interval(f, 2), withCaution(flagWords(f, n), n)]);
    }
  }
  if (!rows.length) return null;
  return dataTable(
    { head: ['Decision point', 'Group', 'Children (of those at the earlier stage)', `RRI vs ${ref}`, 'RRI 95% interval', 'Flag'], rows },
    `Stage-to-stage relative rates (of children at the earlier stage), vs ${ref}`,
  );
}

/**
 * The whole piece, stage by stage, and the decision points. On screen in full; in the board
 * pack one sentence (every stage × group runs to pages: the charts above carry the chosen stage).
 */
function stageBlock(report, pt, start, label, ref) {
  const block = section('Stage by stage', stageTable(report, pt, start, label, ref), decisionTable(report, pt, start, ref));
  block.classList.add('screen-only');
  const inPrint = h('p', { class: 'note print-only' }, `Stage by stage (${label}): the table of every stage and group, with counts, shares, gaps and RRIs, is in the widget’s Ethnicity view.`);
  return [block, inPrint];
}
