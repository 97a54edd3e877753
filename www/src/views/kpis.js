// KPIs (issue 14, kpis.md): the ten YJB key performance indicators for the latest period of
// the chosen type — a table in the YJB return's order (numerator, denominator, %, interval, not
// recorded, change on a year earlier), the KPI 4/5 cascades as funnels, breakdowns by
// intervention group and ethnicity, and a trend chart per KPI.
import { h } from '../dom.js';
import { series, select, yearBefore } from '../figures.js';
import { dataTable } from '../charts.js';
import { round, signed } from '../format.js';
import { PERIOD_NAMES, groupLabel, sortGroups } from '../labels.js';
import { Breakdown, Flag, Measure, Status, Unit, measureInfo } from '../catalogue.js';
import { t } from '../messages/index.js';
import { comparatorColumns } from '../comparators.js';
import { shown, shownWithUnit, numOrBlank, intervalCell, withCount, timeChart, barChart, section, note, statusText, isSmall, baseOf, CAUTION, SMALL_N } from './blocks.js';

/** The KPIs in the YJB return's order with their not-recorded counts. */
export const KPI_ROWS = [
  [Measure.Kpi1AccommodationSuitable, Measure.Kpi1AccommodationSuitableNotRecorded],
  [Measure.Kpi2EteSuitable, Measure.Kpi2EteSuitableNotRecorded],
  [Measure.Kpi3SendInEteWithPlan, Measure.Kpi3SendInEteWithPlanNotRecorded],
  [Measure.Kpi3SendIdentified, Measure.Kpi3SendIdentifiedNotRecorded],
  [Measure.Kpi4MhNeed, Measure.Kpi4MhNeedNotRecorded],
  [Measure.Kpi4MhOffered, Measure.Kpi4MhOfferedNotRecorded],
  [Measure.Kpi4MhAttended, Measure.Kpi4MhAttendedNotRecorded],
  [Measure.Kpi5SmNeed, Measure.Kpi5SmNeedNotRecorded],
  [Measure.Kpi5SmOffered, Measure.Kpi5SmOfferedNotRecorded],
  [Measure.Kpi5SmAttended, Measure.Kpi5SmAttendedNotRecorded],
  [Measure.Kpi6OocdCompleted, Measure.Kpi6OocdCompletedNotRecorded],
  [Measure.Kpi7BoardAttendance, Measure.Kpi7BoardAttendanceNotRecorded],
  [Measure.Kpi8WiderServices, Measure.Kpi8WiderServicesNotRecorded],
  [Measure.Kpi9SeriousViolenceRate, null],
  [Measure.Kpi10VictimsEngaged, Measure.Kpi10VictimsEngagedNotRecorded],
];

const label = (m) => measureInfo(m)?.label ?? m;

/** The KPIs of the breakdown tables: KPI 7 has no children and KPI 9 its own view. */
const BY_GROUPS = KPI_ROWS.map(([m]) => m).filter((m) => m !== Measure.Kpi9SeriousViolenceRate && m !== Measure.Kpi7BoardAttendance);

/** The latest period of type `pt` with a KPI figure: `{ start, label, status }`, or null. */
export function kpiPeriod(report, pt) {
  let best = null;
  for (const [m] of KPI_ROWS) {
    for (const f of select(report, { measure: m, period_type: pt, breakdown: Breakdown.All })) {
      if (!best || f.period_start > best.start) best = { start: f.period_start, label: f.period_label, status: f.status };
    }
  }
  return best;
}

/** The change on the same period a year earlier, in percentage points, when both rest on ≥ 10. */
function change(report, f) {
  if (!f || f.suppressed || f.unit !== Unit.Percent) return '';
  const e = select(report, { measure: f.measure, period_type: f.period_type, period_start: yearBefore(f.period_start), breakdown: Breakdown.All })[0];
  if (!e || e.suppressed || !Number.isFinite(e.value) || !Number.isFinite(f.value)) return '';
  if ((e.denominator ?? 0) < SMALL_N || (f.denominator ?? 0) < SMALL_N) return t('kpi.change.small', { n: SMALL_N });
  return t('kpi.change.pp', { change: signed(f.value - e.value, 1) });
}

function kpiTable(report, pt, period) {
  const at = { period_type: pt, period_start: period.start, breakdown: Breakdown.All };
  const rows = [];
  const figs = KPI_ROWS.map(([m]) => select(report, { measure: m, ...at })[0]).filter(Boolean);
  // Issue 13: comparators beside each KPI (kpis.md): a column per region, nation or family.
  const beside = comparatorColumns(report, figs);
  for (const [m, nrId] of KPI_ROWS) {
    const f = select(report, { measure: m, ...at })[0];
    if (!f) continue;
    const nr = nrId ? select(report, { measure: nrId, ...at })[0] : null;
    const flag = f.flag === Flag.Recording ? ` ${t('kpi.recording')}` : '';
    rows.push([
      label(m),
      numOrBlank(f.numerator, f),
      numOrBlank(f.denominator, f),
      shownWithUnit(f, report),
      intervalCell(f, 1),
      // Beside our value and interval, a comparator's percentage written as ours is ("85.0%").
      ...(beside ? beside.cells(f).map((c) => (f.unit === Unit.Percent && /^-?[\d.,]+$/.test(c) ? `${c}%` : c)) : []),
      nr ? `${numOrBlank(nr.value, nr)}${flag}` : '',
      change(report, f),
      isSmall(f) ? CAUTION : '',
    ]);
  }
  return dataTable(
    { head: [t('kpi.col.kpi'), t('kpi.col.numerator'), t('kpi.col.denominator'), t('kpi.col.value'), t('kpi.col.interval'), ...(beside?.head ?? []), t('kpi.col.not_recorded'), t('kpi.col.change'), t('kpi.col.note')], rows },
    t('kpi.table.caption', { period: period.label, status: statusText(period.status) }),
    'kpi-table',
  );
}

/** A cascade (KPI 4 or 5) as a funnel: the children at each step. */
function funnel(report, pt, period, steps, title, name) {
  const at = { period_type: pt, period_start: period.start, breakdown: Breakdown.All };
  const words = [t('kpi.funnel.need'), t('kpi.funnel.offered'), t('kpi.funnel.attended')];
  const rows = steps
    .map((m, i) => {
      const f = select(report, { measure: m, ...at })[0];
      if (!f) return null;
      // The children at the step: its numerator, drawn as a count.
      const step = { ...f, value: f.suppressed ? null : f.numerator, unit: Unit.Children, ci_low: null, ci_high: null, denominator: null };
      return { group: m, label: words[i], figs: [step] };
    })
    .filter(Boolean);
  if (!rows.length) return null;
  return barChart(report, {
    title,
    subtitle: period.label,
    valueLabel: t('kpi.funnel.value'),
    name,
    seriesNames: [t('kpi.funnel.value')],
    rows,
    breakdown: Breakdown.All,
    measure: steps[0],
  });
}

/** One KPI by the groups of `breakdown` for the period: a table (value with its count). */
function byGroups(report, pt, period, breakdown, caption, id) {
  const at = { period_type: pt, period_start: period.start, breakdown };
  const groups = new Set();
  const byKpi = [];
  for (const m of BY_GROUPS) {
    const figs = select(report, { measure: m, ...at });
    if (!figs.length) continue;
    figs.forEach((f) => groups.add(f.group));
    byKpi.push([m, figs]);
  }
  if (!byKpi.length) return null;
  const order = sortGroups(breakdown, [...groups]);
  return dataTable(
    {
      head: [t('kpi.col.kpi'), ...order.map((g) => groupLabel(breakdown, g))],
      rows: byKpi.map(([m, figs]) => [label(m), ...order.map((g) => groupCell(figs.find((f) => f.group === g), report))]),
    },
    caption,
    id,
  );
}

/**
 * A breakdown cell: the value with its count, marked when it rests on fewer than 10; a group with
 * no child in the denominator (out-of-court KPI 6 for a custodial group) says so in words rather
 * than carrying the small-base mark, which a reader would take for a suppressed figure.
 */
function groupCell(f, report) {
  if (f && baseOf(f) === 0) return t('kpi.no_children');
  return f && isSmall(f) ? `${withCount(f, report)} ${t('kpi.small.mark')}` : withCount(f, report);
}

/** The breakdown tables, then what their mark means when a cell carries it. */
function breakdowns(report, pt, period) {
  const tables = [
    byGroups(report, pt, period, Breakdown.InterventionGroup, t('kpi.by_group', { period: period.label }), 'kpi-by-group'),
    byGroups(report, pt, period, Breakdown.Ethnicity, t('kpi.by_ethnicity', { period: period.label }), 'kpi-by-ethnicity'),
  ];
  const at = { period_type: pt, period_start: period.start };
  const marked = [Breakdown.InterventionGroup, Breakdown.Ethnicity].some((breakdown) =>
    BY_GROUPS.some((m) => select(report, { measure: m, ...at, breakdown }).some(isSmall)),
  );
  return section(t('kpi.breakdowns'), ...tables, marked ? note(t('kpi.small.note', { mark: t('kpi.small.mark'), n: SMALL_N })) : null);
}

/** Beside KPI 2 (not a KPI): the mean weekly ETE hours offered and attended at the end. */
function eteHours(report, pt, period) {
  const at = { period_type: pt, period_start: period.start, breakdown: Breakdown.All };
  const [offered, attended] = [Measure.KpiEteHoursOffered, Measure.KpiEteHoursAttended].map((m) => select(report, { measure: m, ...at })[0]);
  if (!offered || (!offered.suppressed && !offered.denominator)) return null;
  return note(
    t('kpi.ete_hours', {
      offered: shown(offered, report),
      n: numOrBlank(offered.denominator, offered),
      attended: shown(attended, report),
      m: numOrBlank(attended?.denominator, attended),
    }),
  );
}

export function kpis({ report, state }) {
  const pt = state.periodType;
  const period = kpiPeriod(report, pt);
  if (!period) {
    return h('div', { class: 'view' }, h('h2', {}, t('view.kpis')), h('p', { class: 'empty' }, t('kpi.none')));
  }
  const trends = KPI_ROWS.map(([m]) => {
    const figs = series(report, { measure: m, period_type: pt, breakdown: Breakdown.All });
    if (!figs.length) return null;
    return timeChart(report, figs, {
      title: label(m),
      valueLabel: label(m),
      name: `${m}-${pt}`,
      numLabel: t('kpi.col.numerator'),
      denLabel: t('kpi.col.denominator'),
    });
  }).filter(Boolean);
  const files = report.kpi ?? {};
  return h(
    'div',
    { class: 'view' },
    h('h2', {}, t('kpi.title', { period: period.label, type: PERIOD_NAMES[pt] ?? pt })),
    period.status === Status.Partial ? note(t('kpi.partial')) : null,
    kpiTable(report, pt, period),
    note(t('kpi.not_recorded_note')),
    eteHours(report, pt, period),
    files.interventions
      ? note(
          t('kpi.linkage', {
            joined: round(files.children_joined ?? 0, 0),
            only: round(files.children_interventions_only ?? 0, 0),
            extract: round(files.children_extract_only ?? 0, 0),
          }),
        )
      : null,
    h(
      'div',
      { class: 'pair' },
      funnel(report, pt, period, [Measure.Kpi4MhNeed, Measure.Kpi4MhOffered, Measure.Kpi4MhAttended], t('kpi.funnel.mh'), `kpi4-funnel-${pt}`),
      funnel(report, pt, period, [Measure.Kpi5SmNeed, Measure.Kpi5SmOffered, Measure.Kpi5SmAttended], t('kpi.funnel.sm'), `kpi5-funnel-${pt}`),
    ),
    breakdowns(report, pt, period),
    // The trends stay on screen: the board pack keeps the table, the funnels and the breakdowns.
    h('div', { class: 'screen-only' }, section(t('kpi.trends'), h('div', { class: 'grid-charts' }, trends))),
  );
}
