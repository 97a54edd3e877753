// Overview: headline cards (reoffending, first-time entrants, custody) and the most
// over-represented ethnic group at each stage.
import { h } from '../dom.js';
import { comparatorLine } from '../comparators.js';
import { select, one, series, yearEarlier } from '../figures.js';
import { dataTable } from '../charts.js';
import { count, signed } from '../format.js';
import { ETHNIC, STAGES, PERIOD_NAMES, HEADLINE_STAGES } from '../labels.js';
import { Breakdown, CATALOGUE, Measure, Status } from '../catalogue.js';
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
  const caution = (f) => (isSmall(f) ? 'Fewer than 10 children in the cohort: treat with caution.' : null);
  const out = [];
  out.push(
    fin
      ? card(
          `Reoffending: latest final cohort (${fin.period_label})`,
          `${shown(fin, report)}${fin.suppressed ? '' : '%'} reoffended`,
          [
            `Binary rate: ${shownWithUnit(fin, report)}${fin.suppressed ? '' : ` (${count(fin.numerator)} of ${count(fin.denominator)} children)`}; 95% interval ${interval(fin, 1) || '–'}`,
            comparatorLine(report, fin),
            caution(fin),
            `Reoffences per reoffender: ${withCount(get(Measure.ReoffencesPerReoffender, fin), report, { unit: false })}`,
            `Reoffences per child in cohort: ${withCount(get(Measure.ReoffendingFrequencyRate, fin), report, { unit: false })}`,
            `Cohort size: ${numOrBlank(val(cohortOf(fin)), cohortOf(fin))} children`,
          ],
          changeText(fin, rates, report),
        )
      : card('Reoffending: latest final cohort', 'No final cohort yet', ['Every cohort is still inside its 18-month tracking window.']),
  );
  if (prov) {
    out.push(
      card(
        `Reoffending: latest provisional cohort (${prov.period_label})`,
        `${shown(prov, report)}${prov.suppressed ? '' : '%'} so far`,
        [
          `Binary rate so far: ${withCount(prov, report)} children`,
          'Provisional: tracking incomplete, so the rate can only rise.',
          caution(prov),
          `Cohort size: ${numOrBlank(val(cohortOf(prov)), cohortOf(prov))} children`,
          `Reoffences per reoffender so far: ${withCount(get(Measure.ReoffencesPerReoffender, prov), report, { unit: false })}`,
        ],
        changeText(prov, rates, report),
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
    [
      `${shown(n, report)} ${countUnit}`,
      noPop ? 'Add population (above) to see the rate.' : denominatorOf(f, report),
      comparatorLine(report, f),
      !noPop && isSmall(f) ? `Based on fewer than 10 ${countUnit.split(' ')[0] === 'children' ? 'children' : countUnit.split(' ').slice(-1)[0]}: treat with caution.` : null,
    ],
    noPop ? null : changeText(f, rates, report),
    noPop || f.suppressed ? null : f.unit,
  );
}

/** The headline trends, under the cards (the same charts as the views, smaller). */
function trends(report, state) {
  const q = { period_type: state.periodType, ...whole(state) };
  const pt = state.periodType;
  const unitWord = report.settings?.custody_unit === 'per100000' ? 'per 100,000' : 'per 1,000';
  // On screen only: the board pack has the views' own charts of these figures.
  const trendsSection = section(
    'Trends',
    h(
      'div',
      { class: 'pair' },
      timeChart(report, series(report, { measure: Measure.ReoffendingBinaryRate, ...q }), {
        what: 'Reoffending',
        title: 'Binary reoffending rate (local tracker)',
        valueLabel: 'Reoffenders (% of cohort)',
        name: `overview-reoffending-${pt}`,
        numLabel: 'Reoffenders (children)',
        denLabel: 'Cohort (children)',
        countsFirst: true,
        periodWord: 'cohort',
      }),
      timeChart(report, series(report, { measure: Measure.FteRate, ...q }), {
        what: 'The first-time entrant rate',
        title: 'First-time entrants per 100,000 aged 10–17',
        valueLabel: 'First-time entrants per 100,000 aged 10–17',
        name: `overview-fte-rate-${pt}`,
        numLabel: 'First-time entrants (children)',
        denLabel: 'Population aged 10–17',
      }),
      timeChart(report, series(report, { measure: Measure.CustodyRate, ...q }), {
        what: 'The custody rate',
        title: `Custodial sentences ${unitWord} aged 10–17`,
        valueLabel: `Custodial sentences ${unitWord} aged 10–17`,
        name: `overview-custody-rate-${pt}`,
        numLabel: 'Custodial sentences',
        denLabel: 'Population aged 10–17',
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
    if (!prev) return 'No figure for the same period a year earlier.';
    const a = val(cur);
    const b = val(prev);
    if (a === null || b === null) return `No comparison with ${prev.period_label} (a figure is missing or suppressed).`;
    return `${signed(a - b, 1)} percentage points on ${prev.period_label} (gap then ${signed(b, 1)})`;
  };
  const rows = [];
  for (const stage of HEADLINE_STAGES) {
    const counts = select(report, { measure: Measure.DispCount, stage, ...q });
    if (!counts.length) continue;
    const starts = [...new Set(counts.map((f) => f.period_start))].sort();
    const complete = starts.filter((s) => counts.find((f) => f.period_start === s)?.status !== Status.Partial);
    const start = complete[complete.length - 1] ?? starts[starts.length - 1];
    const at = (measure, group) => one(report, { measure, stage, ...q, period_start: start, group });
    const label = counts.find((f) => f.period_start === start)?.period_label ?? '';
    const known = ETHNIC.reduce((s, g) => s + (val(at(Measure.DispCount, g)) ?? 0), 0);
    const why = (text) => rows.push([STAGES[stage], label, text, '', '', '']);
    if (!hasPopulation(report)) {
      why(`No group named: ${ADD_POPULATION}.`);
      continue;
    }
    if (known === 0 && !ETHNIC.some((g) => at(Measure.DispCount, g)?.suppressed)) {
      why('No group named: no children of known ethnicity at this stage.');
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
      const reasons = [`no group significantly over-represented (no RRI interval wholly above 1${significant.length ? ' among groups of 10 or more children' : ''})`];
      if (significant.length || cands.some((c) => c.n !== null && c.n > 0 && c.n < SMALL_N)) reasons.push('groups below 10 children are not named');
      if (cands.some((c) => c.rri?.suppressed || c.gap?.suppressed)) reasons.push('some figures are suppressed');
      why(`No group named: ${reasons.join('; ')}.`);
      continue;
    }
    const share = at(Measure.DispShare, best.g);
    const pop = at(Measure.DispPopulationShare, best.g);
    const history = select(report, { measure: Measure.DispGapPp, stage, ...q, group: best.g });
    rows.push([
      STAGES[stage],
      label,
      best.g,
      `${withCount(share, report)} of children vs ${withCount(pop, report)} of the population aged 10–17 (gap ${signed(best.gap.value, 1)} percentage points)`,
      `${shown(best.rri, report)} (95% interval ${interval(best.rri, 2)}; ${count(best.n)} children)`,
      gapChange(best.gap, history),
    ]);
  }
  if (!rows.length) return null;
  return h(
    'section',
    { class: 'card wide' },
    h('h3', {}, 'Most over-represented ethnic group, by stage'),
    note(`A group is named only when it has at least ${SMALL_N} children at the stage and its relative rate index (vs ${ref}) has a 95% interval wholly above 1; among those, the one whose share most exceeds its population share. Changes of a gap are in percentage points.`),
    dataTable(
      { head: ['Stage', 'Period', 'Group', 'Share of known-ethnicity children vs population share', `RRI (vs ${ref})`, 'Change in the gap (percentage points)'], rows },
      'The most over-represented group at each stage (at least 10 children, interval above 1)',
    ),
  );
}

export function overview({ report, state }) {
  const unit = report.settings?.custody_unit === 'per100000' ? 'per 100,000' : 'per 1,000';
  return h(
    'div',
    { class: 'view' },
    h('h2', {}, `Overview — ${PERIOD_NAMES[state.periodType]}${serviceNote(state)}`),
    note('Each card shows the latest complete period of the chosen period type, its count, and the change on the same period a year earlier: percentage points for shares, a relative % only where both periods rest on at least 10; a provisional cohort is compared at the same point of tracking.'),
    h(
      'div',
      { class: 'cards' },
      reoffendingCards(report, state),
      rateCard(report, state, { rate: Measure.FteRate, countMeasure: Measure.FteCount, title: 'First-time entrants, per 100,000 aged 10–17', countUnit: 'children entered the system' }),
      rateCard(report, state, { rate: Measure.CustodyRate, countMeasure: Measure.CustodySentences, title: `Custody rate, ${unit} aged 10–17`, countUnit: 'custodial sentences' }),
    ),
    trends(report, state),
    overRepresented(report, state),
    report.notes?.length ? section('Notes', h('ul', {}, report.notes.map((n) => h('li', {}, n)))) : null,
  );
}
