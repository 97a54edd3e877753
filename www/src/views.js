// The views: each turns the report (and the current controls) into DOM — cards, charts,
// tables. A view is `{ id, title, controls, render(ctx) → Node }`; ctx = { report, state,
// element }. Views read figures only through figures.js and render only what they show.
import { h } from './dom.js';
import { select, one, series, has, distinct, yearEarlier } from './figures.js';
import { chartFigure, dataTable } from './charts.js';
import { count, round, withUnit, placesFor, signed } from './format.js';
import { qualityView } from './quality.js';

export const ETHNIC = ['White', 'Black', 'Asian', 'Mixed', 'Other'];
const ORDERS = {
  ethnicity: [...ETHNIC, 'Unknown'],
  sex: ['Male', 'Female', 'Unknown'],
  age_band: ['10-14', '15-17', 'Unknown'],
  age: ['under 10', '10', '11', '12', '13', '14', '15', '16', '17', '18+', 'Unknown'],
  outcome_tier: ['diversion', 'pre_court', 'first_tier', 'community', 'custody'],
  gravity_band: ['1-3', '4', '5-8', 'Not recorded'],
  looked_after: ['Yes', 'No', 'Unknown'],
  previous_occasions: ['0', '1-2', '3-6', '7-10', '11+'],
  reoffences_band: ['1', '2', '3', '4', '5-9', '10+'],
  month: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'],
  sentence_type: ['Detention and Training Order', 'Section 250', 'Other long-term detention'],
};
const TIERS = { diversion: 'Diversion', pre_court: 'Pre-court', first_tier: 'First tier', community: 'Community', custody: 'Custody' };
const DIVERSION_TYPES = new Set(['Community Resolution', 'Triage', 'Outcome 22']);
export const BREAKDOWNS = {
  ethnicity: 'Ethnicity',
  ethnicity_detail: 'Ethnicity (detailed)',
  sex: 'Sex',
  age_band: 'Age band',
  age: 'Age',
  outcome_tier: 'Outcome tier',
  outcome_type: 'Outcome type',
  offence_category: 'Offence category',
  looked_after: 'Looked-after status',
  previous_occasions: 'Previous substantive occasions',
  sentence_type: 'Sentence type',
  service: 'Service',
};
export const STAGES = {
  throughput: 'Throughput (any occasion)',
  substantive: 'Substantive outcomes',
  diversion: 'Diversion',
  out_of_court: 'Out of court (cautions)',
  first_time_entrants: 'First-time entrants',
  court: 'Court',
  custody: 'Custody',
  remand: 'Remand (youth detention)',
  reoffending_cohort: 'Reoffending cohort',
  reoffending: 'Reoffenders',
};
const PERIOD_NAMES = { quarter: 'quarter', financial_year: 'financial year', rolling_12m: 'rolling 12 months' };

export const groupLabel = (b, g) => (b === 'outcome_tier' ? TIERS[g] ?? g : g);

export function sortGroups(breakdown, groups) {
  const order = ORDERS[breakdown];
  if (!order) return [...groups].sort((a, b) => a.localeCompare(b));
  const rank = (g) => (order.includes(g) ? order.indexOf(g) : order.length);
  return [...groups].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

const POPULATION_MEASURES = new Set(['fte_rate', 'custody_rate', 'serious_violence_rate', 'disp_rate', 'disp_population_share', 'disp_gap_pp']);
export const ADD_POPULATION = 'add population to see rates';

/** Whether the report's rates have denominators (public files carry them where published). */
export function hasPopulation(report) {
  return report?.public === true || report?.checks?.population_given === true;
}

function needsPopulation(f) {
  return POPULATION_MEASURES.has(f.measure) || (f.measure === 'disp_rri' && !f.stage.includes('_vs_'));
}

/** A figure's value as shown: "[c]" suppressed, "add population…" missing denominator. */
export function shown(f, report, dp) {
  if (!f) return '–';
  if (f.suppressed) return '[c]';
  if (f.value === null || f.value === undefined) return needsPopulation(f) && !hasPopulation(report) ? ADD_POPULATION : '–';
  return round(f.value, dp ?? placesFor(f.unit));
}

/** A figure's value with its unit ("22.2%", "230 per 100,000 aged 10-17"). */
export function shownWithUnit(f, report) {
  const v = shown(f, report);
  if (!f || f.suppressed || f.value === null || f.value === undefined) return v;
  return withUnit(f.value, f.unit);
}

const numOrBlank = (v, f) => (f?.suppressed ? '[c]' : v === null || v === undefined ? '–' : count(v));
const interval = (f, dp) =>
  f?.suppressed ? '[c]' : f && f.ci_low !== null && f.ci_low !== undefined ? `${round(f.ci_low, dp)}–${round(f.ci_high, dp)}` : '';
const statusText = (s) => (s === 'provisional' ? 'provisional (tracking incomplete)' : s === 'partial' ? 'partial period' : s);
const val = (f) => (f && !f.suppressed && Number.isFinite(f.value) ? f.value : null);

/** The figure query of the totals: the whole area, or one service of a multi-service extract. */
export function whole(state) {
  return state.service ? { breakdown: 'service', group: state.service } : { breakdown: 'all', group: 'all' };
}

function serviceNote(state) {
  return state.service ? ` — service: ${state.service}` : '';
}

/** The latest figure of a series meeting `ok` (default: any, but not a partial period). */
function latest(figs, ok = (f) => f.status !== 'partial') {
  for (let i = figs.length - 1; i >= 0; i--) if (ok(figs[i])) return figs[i];
  return undefined;
}

/** "change on the same period a year earlier", in percentage points (or the unit) and relative %. */
export function changeText(cur, figs) {
  const prev = cur ? yearEarlier(figs, cur.period_start) : undefined;
  if (!prev) return 'No figure for the same period a year earlier.';
  const a = val(cur);
  const b = val(prev);
  if (a === null || b === null) return `No comparison with ${prev.period_label} (a figure is missing or suppressed).`;
  const pct = cur.unit.startsWith('%');
  const diff = a - b;
  const abs = pct ? `${signed(diff, 1)} percentage points` : `${signed(diff, placesFor(cur.unit))} ${cur.unit}`;
  const rel = b !== 0 ? `${signed((diff / b) * 100, 1)}% relative change` : 'relative change not defined (was 0)';
  return `Change on ${prev.period_label}: ${abs}; ${rel}.`;
}

function definitionOf(report, measure) {
  return report?.definitions?.[measure];
}

function footnote(measure, extra = '') {
  return `Definition: ${measure}${extra ? ` — ${extra}` : ''}. Source: local case data (yjlens).`;
}

function marker(figs) {
  return figs.some((f) => f?.suppressed) ? '[c]' : '–';
}

function periodRange(figs) {
  if (!figs.length) return '';
  const a = figs[0].period_label;
  const b = figs[figs.length - 1].period_label;
  return a === b ? a : `${a} to ${b}`;
}

/** A sentence: "<title>, <range>; latest <label>: <value> (<num> of <den>)". */
function trendLabel(title, figs, report, { pick = (f) => f, numName, periodWord = 'period' } = {}) {
  const last = latest(figs, (f) => f.status === 'final') ?? latest(figs);
  let text = `${title}, ${periodRange(figs)}`;
  if (last) {
    text += `; latest ${last.status === 'final' ? 'final ' : ''}${periodWord} ${last.period_label}: ${shownWithUnit(pick(last), report)}`;
    if (numName && !last.suppressed && last.numerator !== null && last.denominator !== null && last.unit.startsWith('%')) {
      text += ` (${count(last.numerator)} of ${count(last.denominator)}) of ${numName}`;
    }
  }
  const prov = figs.filter((f) => f.status === 'provisional').length;
  if (prov) text += `; ${prov} provisional period${prov === 1 ? '' : 's'} hatched (tracking incomplete)`;
  if (figs.some((f) => f.suppressed)) text += '; [c] marks suppressed figures';
  return `${text}.`;
}

/**
 * A time-series chart of one measure (figures sorted by period) with its table.
 * kind: 'trend' (line, CI band) or 'columns'.
 */
export function timeChart(report, figs, { kind = 'trend', title, valueLabel, name, numLabel, denLabel, nText, note = '', dp, numName, countsFirst = false, periodWord }) {
  if (!figs.length) return h('p', { class: 'empty' }, `${title}: no figures for this period type.`);
  const d = dp ?? placesFor(figs[0].unit);
  const measure = figs[0].measure;
  const withCi = figs.some((f) => f.ci_low !== null && f.ci_low !== undefined);
  // No rate at all for want of denominators: say so rather than draw an empty chart. With a
  // population file that lacks this group (e.g. one service of several), say that instead.
  const missingPop = figs.every((f) => f.value === null && !f.suppressed) && needsPopulation(figs[0]);
  if (missingPop) {
    const why = hasPopulation(report) ? `the population in use has no figures for this group; ${ADD_POPULATION} for it` : ADD_POPULATION;
    return h('div', { class: 'needs-population' }, h('h3', {}, title), h('p', {}, `${title}: ${why} (open “Population” above).`));
  }
  const spec = {
    kind,
    title,
    subtitle: `${periodRange(figs)}${nText ? `; ${nText}` : ''}${withCi && kind === 'trend' ? '; shaded band: 95% interval' : ''}${note ? `; ${note}` : ''}`,
    value_label: valueLabel,
    categories: figs.map((f) => f.period_label),
    series: [
      {
        name: title,
        values: figs.map(val),
        low: withCi ? figs.map((f) => (f.suppressed ? null : f.ci_low)) : [],
        high: withCi ? figs.map((f) => (f.suppressed ? null : f.ci_high)) : [],
      },
    ],
    provisional: figs.map((f) => f.status === 'provisional'),
    missing_marker: marker(figs),
    value_min: 0,
    value_max: null,
    footnote: footnote(measure, figs.some((f) => f.status === 'partial') ? 'the latest period is partial (contains the extract date)' : ''),
  };
  const head = ['Period'];
  if (countsFirst) head.push(denLabel, numLabel);
  head.push(`${valueLabel}`);
  if (withCi) head.push('95% interval');
  if (!countsFirst && numLabel) head.push(numLabel);
  if (!countsFirst && denLabel) head.push(denLabel);
  head.push('Status');
  const rows = figs.map((f) => {
    const r = [f.period_label];
    if (countsFirst) r.push(numOrBlank(f.denominator, f), numOrBlank(f.numerator, f));
    r.push(shown(f, report, d));
    if (withCi) r.push(interval(f, d));
    if (!countsFirst && numLabel) r.push(numOrBlank(f.numerator, f));
    if (!countsFirst && denLabel) r.push(numOrBlank(f.denominator, f));
    r.push(statusText(f.status));
    return r;
  });
  return chartFigure({ spec, table: { head, rows }, label: trendLabel(title, figs, report, { numName, periodWord }), name });
}

/**
 * Horizontal bars of groups (one or more series: e.g. two years, or share vs population).
 * `rows` = [{ group, figs: [figure per series] }].
 */
export function barChart(report, { title, subtitle, valueLabel, name, seriesNames, rows, breakdown, kind = 'bars', measure, tableExtra, labelLead, dp }) {
  if (!rows.length) return h('p', { class: 'empty' }, `${title}: no figures.`);
  const d = dp ?? placesFor(rows[0].figs.find(Boolean)?.unit ?? '');
  const all = rows.flatMap((r) => r.figs).filter(Boolean);
  const spec = {
    kind,
    title,
    subtitle,
    value_label: valueLabel,
    categories: rows.map((r) => r.label ?? groupLabel(breakdown, r.group)),
    series: seriesNames.map((s, i) => {
      const figs = rows.map((r) => r.figs[i]);
      const ci = figs.some((f) => f && f.ci_low !== null && f.ci_low !== undefined);
      return {
        name: s,
        values: figs.map(val),
        low: ci ? figs.map((f) => (f && !f.suppressed ? f.ci_low : null)) : [],
        high: ci ? figs.map((f) => (f && !f.suppressed ? f.ci_high : null)) : [],
      };
    }),
    provisional: rows.map((r) => r.figs.some((f) => f?.status === 'provisional')),
    missing_marker: marker(all),
    value_min: kind === 'ratio' ? null : 0,
    value_max: null,
    footnote: footnote(measure),
  };
  const ci = all.some((f) => f.ci_low !== null && f.ci_low !== undefined);
  const head = [BREAKDOWNS[breakdown] ?? 'Group'];
  for (const s of seriesNames) {
    head.push(seriesNames.length > 1 ? `${s} (${valueLabel})` : valueLabel);
    if (ci) head.push(`${seriesNames.length > 1 ? `${s}: ` : ''}95% interval`);
  }
  if (tableExtra) head.push(...tableExtra.head);
  const tableRows = rows.map((r, ri) => {
    const cells = [spec.categories[ri]];
    r.figs.forEach((f) => {
      cells.push(shown(f, report, d));
      if (ci) cells.push(interval(f, d));
    });
    if (tableExtra) cells.push(...tableExtra.cells(r));
    return cells;
  });
  const parts = rows
    .map((r, ri) => `${spec.categories[ri]} ${r.figs.map((f) => shownWithUnit(f, report)).join(' vs ')}`)
    .slice(0, 8)
    .join('; ');
  const label = `${labelLead ?? title}${subtitle ? ` (${subtitle})` : ''}: ${parts}${rows.length > 8 ? '; more in the table' : ''}.`;
  return chartFigure({ spec, table: { head, rows: tableRows }, label, name, height: Math.max(240, 170 + rows.length * Math.max(seriesNames.length * 18, 26) + (rows.some((r) => r.figs.some((f) => f?.status === 'provisional')) ? 24 : 0)) });
}

function section(title, ...children) {
  return h('section', { class: 'block' }, h('h3', {}, title), ...children);
}

function note(text) {
  return h('p', { class: 'note muted small' }, text);
}

// ---------------------------------------------------------------- Overview

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
  const rates = series(report, { measure: 'reoffending_binary_rate', ...q });
  const get = (measure, f) => f && one(report, { measure, ...q, period_start: f.period_start });
  const fin = latest(rates, (f) => f.status === 'final');
  const prov = latest(rates, (f) => f.status === 'provisional');
  const cohortOf = (f) => get('reoffending_cohort', f);
  const out = [];
  out.push(
    fin
      ? card(
          `Reoffending: latest final cohort (${fin.period_label})`,
          `${shown(fin, report)}${fin.suppressed ? '' : '%'} reoffended`,
          [
            `Binary rate: ${shownWithUnit(fin, report)}${fin.suppressed ? '' : ` (${count(fin.numerator)} of ${count(fin.denominator)} children)`}; 95% interval ${interval(fin, 1) || '–'}`,
            `Reoffences per reoffender: ${shown(get('reoffences_per_reoffender', fin), report)}`,
            `Reoffences per child in cohort: ${shown(get('reoffending_frequency_rate', fin), report)}`,
            `Cohort size: ${numOrBlank(val(cohortOf(fin)), cohortOf(fin))} children`,
          ],
          changeText(fin, rates),
        )
      : card('Reoffending: latest final cohort', 'No final cohort yet', ['Every cohort is still inside its 18-month tracking window.']),
  );
  if (prov) {
    out.push(
      card(
        `Reoffending: latest provisional cohort (${prov.period_label})`,
        `${shown(prov, report)}${prov.suppressed ? '' : '%'} so far`,
        [
          'Provisional: tracking incomplete, so the rate can only rise.',
          `Cohort size: ${numOrBlank(val(cohortOf(prov)), cohortOf(prov))} children`,
          `Reoffences per reoffender so far: ${shown(get('reoffences_per_reoffender', prov), report)}`,
        ],
        changeText(prov, rates),
      ),
    );
  }
  return out;
}

function rateCard(report, state, { rate, countMeasure, title, countUnit }) {
  const q = { period_type: state.periodType, ...whole(state) };
  const rates = series(report, { measure: rate, ...q });
  const f = latest(rates);
  if (!f) return card(title, 'No figures', []);
  const n = one(report, { measure: countMeasure, ...q, period_start: f.period_start });
  const noPop = f.value === null && !f.suppressed && !hasPopulation(report);
  return card(
    `${title} (${f.period_label})`,
    noPop ? ADD_POPULATION : shown(f, report),
    [`${shown(n, report)} ${countUnit}`, noPop ? 'Add population (above) to see the rate.' : null],
    noPop ? null : changeText(f, rates),
    noPop || f.suppressed ? null : f.unit,
  );
}

const HEADLINE_STAGES = ['throughput', 'substantive', 'out_of_court', 'first_time_entrants', 'court', 'custody', 'remand', 'reoffending'];

function overRepresented(report, state) {
  const q = { period_type: state.periodType, breakdown: 'ethnicity' };
  const rows = [];
  for (const stage of HEADLINE_STAGES) {
    const gaps = select(report, { measure: 'disp_gap_pp', stage, ...q });
    if (!gaps.length) continue;
    const starts = [...new Set(gaps.map((f) => f.period_start))].sort();
    const complete = starts.filter((s) => gaps.find((f) => f.period_start === s)?.status !== 'partial');
    const start = complete[complete.length - 1] ?? starts[starts.length - 1];
    const now = gaps.filter((f) => f.period_start === start && ETHNIC.includes(f.group));
    const best = now.filter((f) => val(f) !== null).sort((a, b) => b.value - a.value)[0];
    const label = now[0]?.period_label ?? '';
    if (!best) {
      rows.push([STAGES[stage], label, hasPopulation(report) ? 'no figure (suppressed or none)' : ADD_POPULATION, '', '', '']);
      continue;
    }
    const share = one(report, { measure: 'disp_share', stage, ...q, period_start: start, group: best.group });
    const pop = one(report, { measure: 'disp_population_share', stage, ...q, period_start: start, group: best.group });
    const rri = one(report, { measure: 'disp_rri', stage, ...q, period_start: start, group: best.group });
    const history = gaps.filter((f) => f.group === best.group);
    rows.push([
      STAGES[stage],
      label,
      best.value > 0 ? best.group : `none over-represented (closest: ${best.group})`,
      `${shown(share, report)}% vs ${shown(pop, report)}% of population (${signed(best.value, 1)} percentage points)`,
      rri ? `${shown(rri, report)}${rri.flag === 'over' ? ' (significantly over)' : rri.flag === 'too_few' ? ' (too few to test)' : ''}` : 'reference group',
      changeText(best, history).replace(/\.$/, ''),
    ]);
  }
  if (!rows.length) return null;
  return h(
    'section',
    { class: 'card wide' },
    h('h3', {}, 'Most over-represented ethnic group, by stage'),
    dataTable(
      { head: ['Stage', 'Period', 'Group', 'Share of known-ethnicity children vs population share', `RRI (vs ${report.settings?.reference_group ?? 'White'})`, 'Change in the gap'], rows },
      'The group whose share most exceeds its population share, at each stage',
    ),
  );
}

function overview({ report, state }) {
  const unit = report.settings?.custody_unit === 'per100000' ? 'per 100,000' : 'per 1,000';
  return h(
    'div',
    { class: 'view' },
    h('h2', {}, `Overview — ${PERIOD_NAMES[state.periodType]}${serviceNote(state)}`),
    note('Each card shows the latest complete period of the chosen period type and the change on the same period a year earlier, in percentage points (or the figure’s unit) and as a relative %.'),
    h(
      'div',
      { class: 'cards' },
      reoffendingCards(report, state),
      rateCard(report, state, { rate: 'fte_rate', countMeasure: 'fte_count', title: 'First-time entrants, per 100,000 aged 10–17', countUnit: 'children entered the system' }),
      rateCard(report, state, { rate: 'custody_rate', countMeasure: 'custody_sentences', title: `Custody rate, ${unit} aged 10–17`, countUnit: 'custodial sentences' }),
    ),
    overRepresented(report, state),
    report.notes?.length ? section('Notes', h('ul', {}, report.notes.map((n) => h('li', {}, n)))) : null,
  );
}

// ---------------------------------------------------------------- Reoffending

function breakdownRows(report, measure, base, breakdown, { stage } = {}) {
  const figs = select(report, { measure, ...base, breakdown, ...(stage ? { stage } : {}) });
  const groups = sortGroups(breakdown, [...new Set(figs.map((f) => f.group))]);
  return groups.map((g) => ({ group: g, figs: [figs.find((f) => f.group === g)] }));
}

function reoffending({ report, state }) {
  const pt = state.periodType;
  const q = { period_type: pt, ...whole(state) };
  const rates = series(report, { measure: 'reoffending_binary_rate', ...q });
  if (!rates.length) return h('div', { class: 'view' }, h('p', { class: 'empty' }, 'No reoffending cohorts in this extract.'));
  const cohortWord = pt === 'quarter' ? 'quarterly cohort' : '12-month cohort (4 quarterly cohorts pooled)';
  const legacy = report.settings?.cohort_method === 'legacy' && pt !== 'quarter';
  const totalN = pt === 'quarter' ? rates.reduce((s, f) => s + (val({ ...f, value: f.denominator }) ?? 0), 0) : null;
  const fin = latest(rates, (f) => f.status === 'final') ?? latest(rates);
  const at = (figs) => figs.filter((f) => f.period_start === fin.period_start);
  const perChild = series(report, { measure: 'reoffending_frequency_rate', ...q });
  const perReoffender = series(report, { measure: 'reoffences_per_reoffender', ...q });
  const bd = state.breakdown;
  const bdRows = breakdownRows(report, 'reoffending_binary_rate', { period_type: pt, period_start: fin.period_start }, bd);
  const cohorts = new Map(select(report, { measure: 'reoffending_cohort', period_type: pt, period_start: fin.period_start, breakdown: bd }).map((f) => [f.group, f]));
  const ttf = select(report, { measure: 'reoffending_time_to_first', period_type: pt, breakdown: 'month' });
  const ttfNow = at(ttf);
  const prevStart = yearEarlier(rates, fin.period_start)?.period_start;
  const ttfPrev = ttf.filter((f) => f.period_start === prevStart);
  const months = ORDERS.month.filter((m) => ttfNow.some((f) => f.group === m));
  const conc = series(report, { measure: 'reoffending_concentration', period_type: pt, breakdown: 'all' });
  const dist = select(report, { measure: 'reoffending_distribution', period_type: pt, period_start: fin.period_start, breakdown: 'reoffences_band' });

  const stepSpec = months.length
    ? (() => {
        const seriesNames = [fin.period_label, ...(ttfPrev.length ? [ttfPrev[0].period_label] : [])];
        const cols = [ttfNow, ...(ttfPrev.length ? [ttfPrev] : [])];
        const spec = {
          kind: 'step',
          title: 'Time to first reoffence: cumulative % of the cohort',
          subtitle: `${seriesNames.join(' and ')}; months after the index event`,
          value_label: 'Reoffended (% of cohort, cumulative)',
          categories: months.map((m) => `${m}`),
          series: cols.map((c, i) => ({ name: seriesNames[i], values: months.map((m) => val(c.find((f) => f.group === m))) })),
          provisional: [],
          missing_marker: marker([...ttfNow, ...ttfPrev]),
          value_min: 0,
          value_max: null,
          footnote: footnote('reoffending_time_to_first'),
        };
        const table = {
          head: ['Months after index', ...seriesNames.map((s) => `${s} (% of cohort)`)],
          rows: months.map((m) => [`${m}`, ...cols.map((c) => shown(c.find((f) => f.group === m), report))]),
        };
        const last = ttfNow.find((f) => f.group === months[months.length - 1]);
        return chartFigure({
          spec,
          table,
          label: `Time to first reoffence for the ${fin.period_label} cohort: by month ${months[months.length - 1]}, ${shownWithUnit(last, report)} had reoffended.`,
          name: `reoffending-time-to-first-${pt}`,
        });
      })()
    : h('p', { class: 'empty' }, 'No time-to-first figures.');

  return h(
    'div',
    { class: 'view' },
    h('h2', {}, `Reoffending — local tracker, by ${cohortWord}${serviceNote(state)}`),
    note(
      `Local tracker from case data; it will not equal MoJ published figures.${legacy ? ' 12-month figures use the legacy cohort (each child once, at their first index event in the 12 months).' : ''} Provisional cohorts (tracking incomplete) are hatched.`,
    ),
    timeChart(report, rates, {
      title: `Binary reoffending rate by ${cohortWord} (local tracker)`,
      valueLabel: 'Reoffenders (% of cohort)',
      name: `reoffending-binary-rate-${pt}`,
      numLabel: 'Reoffenders (children)',
      denLabel: 'Cohort (children)',
      numName: 'the cohort’s children',
      periodWord: 'cohort',
      countsFirst: true,
      nText: totalN !== null ? `${count(totalN)} children across all cohorts` : `latest final cohort n = ${numOrBlank(fin.denominator, fin)} children`,
    }),
    h(
      'div',
      { class: 'pair' },
      timeChart(report, perChild, {
        title: 'Reoffences per child in cohort',
        periodWord: 'cohort',
        valueLabel: 'Reoffences per child in the cohort',
        name: `reoffences-per-child-in-cohort-${pt}`,
        numLabel: 'Reoffences',
        denLabel: 'Cohort (children)',
        dp: 2,
      }),
      timeChart(report, perReoffender, {
        title: 'Reoffences per reoffender',
        periodWord: 'cohort',
        valueLabel: 'Reoffences per reoffender',
        name: `reoffences-per-reoffender-${pt}`,
        numLabel: 'Reoffences',
        denLabel: 'Reoffenders (children)',
        dp: 2,
      }),
    ),
    section(
      `By ${(BREAKDOWNS[bd] ?? bd).toLowerCase()}`,
      bdRows.length
        ? barChart(report, {
            title: `Binary reoffending rate by ${(BREAKDOWNS[bd] ?? bd).toLowerCase()}`,
            subtitle: `${fin.period_label} ${fin.status === 'final' ? 'final' : 'provisional'} cohort; whiskers: 95% interval`,
            valueLabel: 'Reoffenders (% of cohort)',
            name: `reoffending-by-${bd}-${pt}`,
            seriesNames: ['Binary rate'],
            rows: bdRows,
            breakdown: bd,
            measure: 'reoffending_binary_rate',
            tableExtra: {
              head: ['Reoffenders (children)', 'Cohort (children)'],
              cells: (r) => [numOrBlank(r.figs[0]?.numerator, r.figs[0]), numOrBlank(val(cohorts.get(r.group)), cohorts.get(r.group))],
            },
          })
        : note(`No reoffending figures by ${(BREAKDOWNS[bd] ?? bd).toLowerCase()}: choose another breakdown.`),
    ),
    section('Time to first reoffence', stepSpec),
    section(
      'Concentration',
      timeChart(report, conc, {
        title: 'Share of reoffences committed by the most prolific 10% of reoffenders',
        periodWord: 'cohort',
        valueLabel: '% of the cohort’s reoffences',
        name: `reoffending-concentration-${pt}`,
        numLabel: 'Reoffences by the top 10%',
        denLabel: 'All reoffences',
      }),
      dist.length
        ? barChart(report, {
            title: 'Reoffenders by number of reoffences',
            subtitle: `${fin.period_label} cohort`,
            valueLabel: 'Reoffenders (children)',
            name: `reoffending-distribution-${pt}`,
            seriesNames: ['Reoffenders'],
            rows: sortGroups('reoffences_band', dist.map((f) => f.group)).map((g) => ({ group: g, label: `${g} reoffence${g === '1' ? '' : 's'}`, figs: [dist.find((f) => f.group === g)] })),
            breakdown: 'reoffences_band',
            measure: 'reoffending_distribution',
          })
        : null,
    ),
  );
}

// ---------------------------------------------------------------- Custody & remand

function custody({ report, state }) {
  const pt = state.periodType;
  const q = { period_type: pt, ...whole(state) };
  const unitWord = report.settings?.custody_unit === 'per100000' ? 'per 100,000' : 'per 1,000';
  const sentences = series(report, { measure: 'custody_sentences', ...q });
  const rate = series(report, { measure: 'custody_rate', ...q });
  const share = series(report, { measure: 'custody_share_of_court', ...q });
  const remands = series(report, { measure: 'remand_episodes', ...q });
  const nights = series(report, { measure: 'remand_bed_nights', ...q });
  const last = latest(sentences) ?? sentences[sentences.length - 1];
  const bd = ['ethnicity', 'sex', 'age_band', 'sentence_type', 'service'].includes(state.breakdown) ? state.breakdown : 'ethnicity';
  const bdNote = bd !== state.breakdown ? ` (custody has no ${(BREAKDOWNS[state.breakdown] ?? state.breakdown).toLowerCase()} breakdown; showing ethnicity)` : '';
  const base = last ? { period_type: pt, period_start: last.period_start } : null;
  const remandTable = remands.length
    ? (() => {
        const children = new Map(series(report, { measure: 'remand_children', ...q }).map((f) => [f.period_start, f]));
        const la = new Map(series(report, { measure: 'remand_la_episodes', ...q }).map((f) => [f.period_start, f]));
        const toCustody = new Map(series(report, { measure: 'remand_outcome_custody', ...q }).map((f) => [f.period_start, f]));
        const bn = new Map(nights.map((f) => [f.period_start, f]));
        return dataTable(
          {
            head: ['Period', 'Remands to youth detention (episodes)', 'Children remanded', 'Bed nights', 'Remands to local authority accommodation (episodes)', 'Remands followed by custody (%)'],
            rows: remands.map((f) => [
              f.period_label,
              shown(f, report),
              shown(children.get(f.period_start), report),
              shown(bn.get(f.period_start), report),
              shown(la.get(f.period_start), report),
              shown(toCustody.get(f.period_start), report),
            ]),
          },
          `Remand, by ${PERIOD_NAMES[pt]}`,
        );
      })()
    : null;
  return h(
    'div',
    { class: 'view' },
    h('h2', {}, `Custody & remand — by ${PERIOD_NAMES[pt]}${serviceNote(state)}`),
    h(
      'div',
      { class: 'pair' },
      timeChart(report, sentences, { kind: 'columns', title: 'Custodial sentences', valueLabel: 'Custodial sentences (occasions)', name: `custody-sentences-${pt}` }),
      timeChart(report, rate, {
        title: `Custody rate, ${unitWord} aged 10–17`,
        valueLabel: `Custodial sentences ${unitWord} aged 10–17`,
        name: `custody-rate-${pt}`,
        numLabel: 'Custodial sentences',
        denLabel: 'Population aged 10–17',
      }),
    ),
    timeChart(report, share, {
      title: 'Custody as a share of court sentences',
      valueLabel: 'Custodial occasions (% of court occasions)',
      name: `custody-share-of-court-${pt}`,
      numLabel: 'Custodial occasions',
      denLabel: 'Court occasions',
      numName: 'court occasions',
    }),
    h(
      'div',
      { class: 'pair' },
      timeChart(report, remands, { kind: 'columns', title: 'Remands to youth detention accommodation', valueLabel: 'Remand episodes', name: `remand-episodes-${pt}` }),
      timeChart(report, nights, { kind: 'columns', title: 'Remand bed nights', valueLabel: 'Nights on remand in youth detention', name: `remand-bed-nights-${pt}` }),
    ),
    remandTable,
    base
      ? section(
          `Custodial sentences by ${(BREAKDOWNS[bd] ?? bd).toLowerCase()}${bdNote}`,
          barChart(report, {
            title: `Custodial sentences by ${(BREAKDOWNS[bd] ?? bd).toLowerCase()}`,
            subtitle: `${last.period_label}`,
            valueLabel: 'Custodial sentences (occasions)',
            name: `custody-by-${bd}-${pt}`,
            seriesNames: ['Custodial sentences'],
            rows: breakdownRows(report, 'custody_sentences', base, bd),
            breakdown: bd,
            measure: 'custody_sentences',
          }),
          bd === 'sentence_type'
            ? null
            : barChart(report, {
                title: `Remands to youth detention by ${(BREAKDOWNS[bd] ?? bd).toLowerCase()}`,
                subtitle: `${last.period_label}`,
                valueLabel: 'Remand episodes',
                name: `remand-by-${bd}-${pt}`,
                seriesNames: ['Remand episodes'],
                rows: breakdownRows(report, 'remand_episodes', base, bd),
                breakdown: bd,
                measure: 'remand_episodes',
              }),
        )
      : null,
  );
}

// ---------------------------------------------------------------- Ethnicity

function ethnicity({ report, state }) {
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

// ---------------------------------------------------------------- Throughput

const COUNT_NAMES = { throughput_children: 'children', throughput_occasions: 'occasions', throughput_offences: 'offences' };

function throughput({ report, state }) {
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

// ---------------------------------------------------------------- Registry

export const VIEWS = [
  { id: 'overview', title: 'Overview', controls: ['period', 'service'], render: overview },
  { id: 'reoffending', title: 'Reoffending', controls: ['period', 'breakdown', 'service'], render: reoffending },
  { id: 'custody', title: 'Custody & remand', controls: ['period', 'breakdown', 'service'], render: custody },
  { id: 'ethnicity', title: 'Ethnicity', controls: ['period', 'stage', 'scope'], render: ethnicity },
  { id: 'throughput', title: 'Throughput', controls: ['count', 'scope', 'service'], render: throughput },
  { id: 'quality', title: 'Data quality', controls: [], render: qualityView },
];

/** Breakdowns the report holds for a measure (for the breakdown control). */
export function breakdownsOf(report, measure) {
  return distinct(report, { measure, period_type: 'financial_year' }, 'breakdown').filter((b) => b !== 'all' && BREAKDOWNS[b]);
}

/** Services of a multi-service extract (empty for one service). */
export function servicesOf(report) {
  // The measures with a service breakdown (measures.md: reoffending, FTE, custody and remand).
  for (const measure of ['reoffending_cohort', 'fte_count', 'custody_sentences']) {
    const groups = distinct(report, { measure, breakdown: 'service', period_type: 'financial_year' }, 'group');
    if (groups.length) return groups.sort();
  }
  return [];
}
