// Ethnicity: share vs population share, the relative rate index and the stage-by-stage table
// for the chosen stage. The view reads only the stage (and the period type): it never depends
// on the Scope control, so one control chooses what it shows.
import { h } from '../dom.js';
import { select, one, series } from '../figures.js';
import { dataTable } from '../charts.js';
import { count, signed, periodLabel } from '../format.js';
import { DECISION_POINTS, ETHNIC, FLAG_WORDS, ORDERS, STAGES, STAGE_BASES, UNKNOWN_ETHNICITY, groupLabel } from '../labels.js';

/** An ethnic group in the language in use. */
const named = (g) => groupLabel(Breakdown.Ethnicity, g);
import { Breakdown, CATALOGUE, Flag, Measure } from '../catalogue.js';
import { t } from '../messages/index.js';
import { ADD_POPULATION, CAUTION, SMALL_N, hasPopulation, shown, interval, val, latest, barChart, section, note, withCount } from './blocks.js';


/** The flag of an RRI in words (a zero count has no index). */
function flagWords(f, n) {
  if (!f) return '';
  if (f.suppressed) return '[c]';
  if (n === 0 || f.numerator === 0) return t('ethnicity.no_index');
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
  if (n === 0 || f.numerator === 0) return t('ethnicity.zero_index');
  if (f.value === null || f.value === undefined) return shown(f, report);
  return t('ethnicity.rri_children', { rri: shown(f, report), n: count(f.numerator) });
}

export function ethnicity({ report, state }) {
  const pt = state.periodType;
  const stage = state.stage;
  const q = { period_type: pt, breakdown: Breakdown.Ethnicity, stage };
  const counts = series(report, { measure: Measure.DispCount, ...q });
  if (!counts.length) return h('div', { class: 'view' }, h('p', { class: 'empty' }, t('ethnicity.none')));
  const last = latest(counts) ?? counts[counts.length - 1];
  const start = last.period_start;
  const at = (measure, st = stage) => select(report, { measure, period_type: pt, breakdown: Breakdown.Ethnicity, stage: st, period_start: start });
  const refGroup = report.settings?.reference_group ?? state.reference ?? CATALOGUE.settings.defaults.reference_group;
  const ref = named(refGroup);
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
  const cautionText = small.length ? `; ${small.map(named).join(', ')}: ${CAUTION}` : '';
  const withPop = hasPopulation(report);

  // Share vs population share: the chart's label and table carry the counts ("32.4% (12 of 37)").
  const pairRows = ETHNIC.map((g) => ({ group: g, figs: [share.find((f) => f.group === g), pop.find((f) => f.group === g)] }));
  const shareChart = barChart(report, {
    title: t('ethnicity.share.title', { stage: STAGES[stage] }),
    subtitle: t('ethnicity.share.subtitle', { period: periodLabel(last), n: count(total), caution: cautionText }),
    valueLabel: t('ethnicity.share.value'),
    name: `ethnicity-share-vs-population-${stage}-${pt}`,
    seriesNames: [t('ethnicity.share.stage'), t('ethnicity.share.population')],
    rows: pairRows,
    breakdown: Breakdown.Ethnicity,
    measure: Measure.DispShare,
    dp: 1,
    tableExtra: {
      head: [t('ethnicity.share.head.children'), t('ethnicity.share.head.population'), t('ethnicity.share.head.caution')],
      cells: (r) => [withCount(r.figs[0], report), withCount(r.figs[1], report), small.includes(r.group) ? CAUTION : ''],
    },
  });
  relabel(
    shareChart,
    t('ethnicity.share.label', {
      stage: STAGES[stage],
      period: periodLabel(last),
      n: count(total),
      rows: pairRows
        .map((r) => t('ethnicity.share.label.row', { group: named(r.group), share: withCount(r.figs[0], report), population: withCount(r.figs[1], report), caution: small.includes(r.group) ? ` (${CAUTION})` : '' }))
        .join('; '),
    }),
  );

  // RRI: a zero count has no index (not drawn as 0, said in words); counts in label and table.
  const rriRows = ETHNIC.filter((g) => g !== refGroup).map((g) => {
    const f = rri.find((x) => x.group === g);
    const zero = nOf(g) === 0 || f?.numerator === 0;
    return { group: g, figs: [f && zero ? { ...f, value: null, ci_low: null, ci_high: null } : f], orig: f };
  });
  let rriChart = null;
  if (withPop) {
    rriChart = barChart(report, {
      kind: 'ratio',
      title: t('ethnicity.rri.title', { reference: ref, stage: STAGES[stage] }),
      subtitle: t('ethnicity.rri.subtitle', { period: periodLabel(last), reference: ref, caution: cautionText }),
      valueLabel: t('ethnicity.rri.value', { reference: ref }),
      name: `ethnicity-rri-${stage}-${pt}`,
      seriesNames: [t('ethnicity.rri')],
      rows: rriRows,
      breakdown: Breakdown.Ethnicity,
      measure: Measure.DispRri,
      dp: 2,
      tableExtra: {
        head: [t('ethnicity.rri.head.children'), t('ethnicity.head.flag')],
        cells: (r) => [countCell(cnt.find((f) => f.group === r.group)), withCaution(flagWords(r.orig, nOf(r.group)), nOf(r.group))],
      },
    });
    relabel(
      rriChart,
      t('ethnicity.rri.label', {
        reference: ref,
        stage: STAGES[stage],
        period: periodLabel(last),
        rows: rriRows
          .map((r) => {
            const n = nOf(r.group);
            const iv = interval(r.figs[0], 2);
            return `${named(r.group)} ${rriCell(r.orig, n, report)}${iv ? t('ethnicity.rri.label.interval', { interval: iv }) : ''}${n !== null && n > 0 && n < SMALL_N ? ` (${CAUTION})` : ''}, ${flagWords(r.orig, n)}`;
          })
          .join('; '),
      }),
    );
  }

  return h(
    'div',
    { class: 'view' },
    h('h2', {}, t('ethnicity.title', { stage: STAGES[stage], period: periodLabel(last) })),
    note(t('ethnicity.note', { n: count(total), period: periodLabel(last), reference: ref, small: SMALL_N, caution: CAUTION })),
    withPop ? null : h('p', { class: 'needs-population' }, t('ethnicity.needs_population', { add: ADD_POPULATION })),
    shareChart,
    rriChart,
    stageBlock(report, pt, start, periodLabel(last), refGroup),
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
        rows.push([STAGES[st], named(g), countCell(cf), u ? t('ethnicity.unknown_share', { share: withCount(u, report) }) : t('ethnicity.not_in_shares'), '', '', '', '', '']);
        continue;
      }
      const s = pick(Measure.DispShare, g);
      const p = pick(Measure.DispPopulationShare, g);
      const gap = pick(Measure.DispGapPp, g);
      const r = pick(Measure.DispRri, g);
      rows.push([
        STAGES[st],
        named(g),
        countCell(cf),
        withCount(s, report),
        p ? shown(p, report) + (val(p) === null ? '' : '%') : '–',
        gap ? (val(gap) === null ? shown(gap, report) : signed(gap.value, 1)) : '–',
        g === ref ? t('ethnicity.reference') : rriCell(r, n, report),
        g === ref || n === 0 ? '' : interval(r, 2),
        withCaution(g === ref ? t('ethnicity.reference') : flagWords(r, n), n),
      ]);
    }
  }
  const table = dataTable(
    {
      head: [t('head.stage'), t('head.group'), t('control.count.children'), t('ethnicity.table.share'), t('ethnicity.table.population'), t('ethnicity.table.gap'), t('ethnicity.table.rri', { reference: named(ref) }), t('ethnicity.table.interval'), t('ethnicity.head.flag')],
      rows,
    },
    t('ethnicity.table.caption', { period: periodLabel }),
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
    const name = t('ethnicity.decision.name', { later: STAGES[later] ?? later, base: STAGE_BASES[base] ?? base });
    for (const g of ETHNIC) {
      if (g === ref) {
        rows.push([name, named(g), '', t('ethnicity.reference'), '', t('ethnicity.reference')]);
        continue;
      }
      const f = r.find((x) => x.group === g);
      const n = f && !f.suppressed ? f.numerator : null;
      const counts = !f ? '–' : f.suppressed ? '[c]' : Number.isFinite(f.numerator) && Number.isFinite(f.denominator) ? t('ethnicity.n_of', { n: count(f.numerator), of: count(f.denominator) }) : '–';
      rows.push([name, named(g), counts, rriCell(f, n, report), n === 0 ? '' : interval(f, 2), withCaution(flagWords(f, n), n)]);
    }
  }
  if (!rows.length) return null;
  return dataTable(
    { head: [t('ethnicity.decision.head'), t('head.group'), t('ethnicity.decision.children'), t('ethnicity.table.rri', { reference: named(ref) }), t('ethnicity.table.interval'), t('ethnicity.head.flag')], rows },
    t('ethnicity.decision.caption', { reference: named(ref) }),
  );
}

/**
 * The whole piece, stage by stage, and the decision points. On screen in full; in the board
 * pack one sentence (every stage × group runs to pages: the charts above carry the chosen stage).
 */
function stageBlock(report, pt, start, label, ref) {
  const block = section(t('ethnicity.stage_by_stage'), stageTable(report, pt, start, label, ref), decisionTable(report, pt, start, ref));
  block.classList.add('screen-only');
  const inPrint = h('p', { class: 'note print-only' }, t('ethnicity.stage_by_stage.print', { period: label }));
  return [block, inPrint];
}
