// Shared blocks of the views: how a figure is shown (value, count, interval, status), the
// change on a year earlier, time-series and bar charts with their tables, sections and notes.
import { comparatorColumns, comparatorSeries } from '../comparators.js';
import { h } from '../dom.js';
import { one, select, yearEarlier, yearBefore } from '../figures.js';
import { chartFigure } from '../charts.js';
import { count, round, withUnit, placesFor, signed, monthName, isCountUnit, periodLabel, unitWords } from '../format.js';
import { ALL_GROUP, BREAKDOWNS, STATUS_WORDS, groupLabel, isDecisionPoint, sortGroups } from '../labels.js';
import { Breakdown, Family, LANG, Measure, PeriodType, Status, Unit, measureInfo, message as catalogueMessage, unitInfo } from '../catalogue.js';
import { t } from '../messages/index.js';

/** "add population to see rates", in the language in use when read. */
export let ADD_POPULATION = t('figure.add_population');

/** Whether the report's rates have denominators (public files carry them where published). */
export function hasPopulation(report) {
  return report?.public === true || report?.checks?.population_given === true;
}

/** Whether a figure's value needs a population (the catalogue says; not a decision point's index). */
export function needsPopulation(f) {
  return Boolean(measureInfo(f.measure)?.needs_population) && !isDecisionPoint(f.stage);
}

/** The kind of a figure's unit (count, share, per_head, rate, difference, index). */
const unitKind = (f) => unitInfo(f?.unit)?.kind;
/** A share or a per-head figure: it rests on its denominator. */
const restsOnDenominator = (f) => unitKind(f) === 'share' || unitKind(f) === 'per_head';

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

export const numOrBlank = (v, f) => (f?.suppressed ? '[c]' : v === null || v === undefined ? '–' : count(v));
export const interval = (f, dp) =>
  f?.suppressed ? '[c]' : f && f.ci_low !== null && f.ci_low !== undefined ? `${round(f.ci_low, dp)}–${round(f.ci_high, dp)}` : '';
export const statusText = (s) => STATUS_WORDS[s] ?? s;
export const val = (f) => (f && !f.suppressed && Number.isFinite(f.value) ? f.value : null);

/** Below this many children a share, rate or index is marked and is never a headline. */
export const SMALL_N = 10;
/** "fewer than 10: treat with caution", in the language in use when read. */
export let CAUTION = t('figure.caution', { n: SMALL_N });

/** The words above in the language in use (the element calls this before it renders). */
export function relabelBlocks() {
  ADD_POPULATION = t('figure.add_population');
  CAUTION = t('figure.caution', { n: SMALL_N });
}

/**
 * The number of children (or occasions) a figure rests on: a share's or per-child figure's
 * denominator, a population rate's or an RRI's numerator. Null when unknown or suppressed.
 */
export function baseOf(f) {
  // A count is what it is; only shares, rates and indices rest on a base.
  if (!f || f.suppressed || isCountUnit(f.unit)) return null;
  const n = restsOnDenominator(f) ? f.denominator : f.numerator;
  return Number.isFinite(n) ? n : null;
}

/** Whether a figure rests on fewer than 10 (it is marked and never chosen as a headline). */
export function isSmall(f) {
  const n = baseOf(f);
  return n !== null && n < SMALL_N;
}

/**
 * A share, rate or index with its count: "44.4% (4 of 9)", "0.53 (4 children)"; a zero count
 * shows "0", never an index; a small base adds the caution in words when `caution` is set.
 */
export function withCount(f, report, { caution = false, unit = true } = {}) {
  if (!f) return '–';
  if (f.suppressed) return '[c]';
  if (f.measure === Measure.DispRri && f.numerator === 0) return t('figure.rri_zero');
  const v = f.value === null || f.value === undefined || !unit || f.unit === Unit.Ratio ? shown(f, report) : shownWithUnit(f, report);
  if (f.value === null || f.value === undefined) return v;
  let n = '';
  if (unitKind(f) === 'share' && Number.isFinite(f.numerator) && Number.isFinite(f.denominator)) n = ` ${t('figure.n_of', { n: count(f.numerator), of: count(f.denominator) })}`;
  else if (unitKind(f) === 'per_head' && Number.isFinite(f.numerator) && Number.isFinite(f.denominator)) {
    n = ` ${t(f.unit === Unit.ReoffencesPerChild ? 'figure.per_child' : 'figure.per_reoffender', { n: count(f.numerator), of: count(f.denominator) })}`;
  } else if (Number.isFinite(f.numerator)) n = ` (${count(f.numerator)})`;
  return `${v}${n}${caution && isSmall(f) ? ` — ${CAUTION}` : ''}`;
}

/** The figure query of the totals: the whole area, or one service of a multi-service extract. */
export function whole(state) {
  return state.service ? { breakdown: Breakdown.Service, group: state.service } : { breakdown: Breakdown.All, group: ALL_GROUP };
}

export function serviceNote(state) {
  return state.service ? t('service.note', { service: groupLabel(Breakdown.Service, state.service) }) : '';
}

/** The latest figure of a series meeting `ok` (default: any, but not a partial period). */
export function latest(figs, ok = (f) => f.status !== Status.Partial) {
  for (let i = figs.length - 1; i >= 0; i--) if (ok(figs[i])) return figs[i];
  return undefined;
}

/** The figure of `f`'s period a year earlier as the report stood a year before its extract
 * date (`report.year_earlier`): the same part of a partial period, or a provisional cohort at
 * the same point of tracking. */
export function sameTimeLastYear(report, f) {
  const start = yearBefore(f.period_start);
  return (report?.year_earlier ?? []).find(
    (e) =>
      e.measure === f.measure &&
      e.period_start === start &&
      e.period_type === f.period_type &&
      (e.stage ?? '') === (f.stage ?? '') &&
      e.breakdown === f.breakdown &&
      e.group === f.group &&
      (e.breakdown2 ?? '') === (f.breakdown2 ?? '') &&
      (e.group2 ?? '') === (f.group2 ?? ''),
  );
}

/** Whether a figure is a gap or a difference (changes in percentage points only). */
function isGap(f) {
  return unitKind(f) === 'difference';
}

/** The count a relative change rests on: a share's denominator, else the count itself. */
function changeBase(f) {
  if (restsOnDenominator(f)) return f.denominator;
  if (Number.isFinite(f.numerator)) return f.numerator;
  return f.value;
}

/**
 * The change on the same period a year earlier, by the rules of measures.md ("Changes"):
 * like for like only (a partial period with the same part of the earlier one, a provisional
 * cohort with the cohort a year earlier at the same point of tracking); percentage points for
 * shares and gaps; relative % only between two figures whose bases are both at least 10, never
 * for a gap or an index; otherwise the reason the change is not shown.
 */
export function changeText(cur, figs, report) {
  if (!cur) return '';
  let prev;
  let how = '';
  let prevLabel;
  if (cur.status === Status.Partial || cur.status === Status.Provisional) {
    prev = sameTimeLastYear(report, cur);
    if (!prev) {
      return cur.status === Status.Provisional
        ? t('change.none.tracking')
        : t('change.none.part');
    }
    if (cur.status === Status.Provisional) {
      prevLabel = periodLabel(prev);
      how = t('change.how.tracking');
    } else {
      prevLabel = partLabel(prev.period_start, report.year_earlier_as_at ?? prev.period_end);
      how = t('change.how.part');
    }
  } else {
    prev = yearEarlier(figs, cur.period_start);
    if (!prev) return report?.public ? t('change.none.published') : t('change.none.year_earlier');
    if (prev.status !== Status.Final && prev.status !== cur.status) return t('change.none.status', { period: periodLabel(prev), status: statusText(prev.status) });
    prevLabel = periodLabel(prev);
  }
  const a = val(cur);
  const b = val(prev);
  if (a === null || b === null) return t('change.none.suppressed', { period: prevLabel });
  const unit = cur.unit ?? '';
  const diff = a - b;
  const pp = unitKind(cur) === 'share' || isGap(cur);
  const abs = pp ? t('change.pp', { change: signed(diff, 1) }) : `${signed(diff, placesFor(unit))} ${unitWords(unit)}`;
  let rel = '';
  if (!isGap(cur) && measureInfo(cur.measure)?.family !== Family.Disproportionality) {
    const [na, nb] = [changeBase(cur), changeBase(prev)];
    if (!(na >= SMALL_N && nb >= SMALL_N)) rel = t('change.relative.small');
    else if (b === 0) rel = t('change.relative.zero');
    else rel = t('change.relative', { change: signed((diff / b) * 100, 1) });
  }
  return t('change', { period: prevLabel, how, change: abs, relative: rel });
}

/** "Apr–Sep 2024" (or "Oct 2024 – Jan 2025") for the months from `start` to `end`. */
export function partLabel(start, end) {
  const [ys, ms] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
  const [ye, me] = [Number(end.slice(0, 4)), Number(end.slice(5, 7))];
  if (ys === ye) return ms === me ? `${monthName(ms - 1)} ${ys}` : `${monthName(ms - 1)}–${monthName(me - 1)} ${ys}`;
  return `${monthName(ms - 1)} ${ys} – ${monthName(me - 1)} ${ye}`;
}

export function definitionOf(report, measure) {
  return report?.definitions?.[measure];
}

/** The denominator sentence of a population-based figure ("Denominator: …, 2023 population …"). */
export function denominatorOf(f, report) {
  // "Denominator:" as the core writes it in the language of the figures (English or Welsh).
  const ownLead = catalogueMessage('figure.population').split('{source}')[0].trim();
  const lead = [ownLead, 'Denominator:'].map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const m = new RegExp(`(?:${lead}).*?\\.(?=\\s|$)`).exec(f?.definition ?? '');
  // A public page never shows a local file name: the publisher's population file is named so.
  // A published file written in another language than the page's: the sentence in words of
  // the page's language, naming the publisher's population.
  if (m && report?.public && !m[0].startsWith(ownLead)) return t('denominator.public');
  if (m) return report?.public ? m[0].replace(new RegExp(`(${lead}) [^,]*\\.(csv|txt|tsv|xlsx?|ods)\\b`, 'i'), `$1 ${t('denominator.publisher')}`) : m[0];
  if (report?.population?.source) return t('denominator.source', { source: report.population.source });
  return '';
}

/** The chart footnote: the definition in words (its first sentence) and the source. */
export function footnote(report, measure, extra = '') {
  // The report's definition of the measure; a published file carries it on each figure.
  // A published file carries its definitions in the language it was exported in (English from
  // the command line): in Welsh the page gives the catalogue's definition of the measure.
  // Only its first figure is read, and only when the report has no definitions of its own.
  const published = () => one(report, { measure })?.definition;
  const fileInOtherLanguage = report?.public && LANG !== 'en';
  const def = definitionOf(report, measure) ?? (fileInOtherLanguage ? null : published()) ?? measureInfo(measure)?.definition ?? '';
  // The first sentence: up to a full stop before a capital (not "m = 1...12" or "0.1").
  const first = /^[\s\S]*?\.(?=\s+[A-Z]|$)/.exec(def)?.[0] ?? '';
  const words = t('footnote.definition', { definition: first ? first.replace(/\.$/, '') : measure });
  return t('footnote', { definition: words, extra: extra ? ` — ${extra}` : '', source: sourceOf(report) });
}

/** Where the figures come from, as a reader should see it (never a local file name). */
export function sourceOf(report) {
  if (report?.public) return report.source_label || t('source.published');
  return t('source.local');
}

export function marker(figs) {
  return figs.some((f) => f?.suppressed) ? '[c]' : '–';
}

export function periodRange(figs) {
  if (!figs.length) return '';
  const a = periodLabel(figs[0]);
  const b = periodLabel(figs[figs.length - 1]);
  return a === b ? a : t('period.range', { from: a, to: b });
}

/** A period as a phrase: "Jul–Sep 2024", "2024/25", "the year to Sep 2024". */
export function periodPhrase(f) {
  if (f.period_type === PeriodType.Rolling12m) return t('period.year_to', { month: monthName(Number(f.period_end.slice(5, 7)) - 1), year: f.period_end.slice(0, 4) });
  return periodLabel(f);
}

/**
 * The chart's message in words: "Reoffending fell to 30.8% in the year to Sep 2024". `what`
 * names the figure ("Reoffending", "The custody rate"); the latest final (else latest complete)
 * figure is compared with the same period a year earlier at display precision.
 */
export function message(what, figs, report) {
  const last = latest(figs, (f) => f.status === Status.Final) ?? latest(figs);
  if (!last) return what;
  let v = shownWithUnit(last, report);
  // "Reoffences per reoffender fell to 3.51", not "… to 3.51 reoffences per reoffender": a unit
  // that `what` already names is not said twice.
  const bare = shown(last, report);
  const unitWords = v.slice(bare.length).trim().toLowerCase();
  if (unitWords.length > 1 && /^[\p{L}]/u.test(unitWords) && what.toLowerCase().includes(unitWords)) v = bare;
  if (last.suppressed || val(last) === null) return t('chart.message.none', { what, value: v, period: periodPhrase(last) });
  const prev = yearEarlier(figs, last.period_start);
  const dp = placesFor(last.unit);
  // "Custodial sentences were …", "The custody rate was …".
  const be = /^(Custodial sentences|Remands|Remand bed nights|Reoffences(?! per)|First-time entrants)\b/.test(what) ? 'were' : 'was';
  let verb = be;
  if (prev && val(prev) !== null && !isSmall(last) && !isSmall(prev)) {
    const [a, b] = [round(val(last), dp), round(val(prev), dp)];
    verb = a === b ? `${be}_unchanged` : Number(a.replaceAll(',', '')) > Number(b.replaceAll(',', '')) ? 'rose' : 'fell';
  }
  const small = isSmall(last) ? ` (${CAUTION})` : '';
  return t(`chart.message.${verb}`, { what, value: v, period: periodPhrase(last), small });
}

/**
 * The short text under each period's tick: every year once ("2021": the first period starting,
 * or for rolling windows ending, in it), and always the latest period in full.
 */
export function axisLabels(figs) {
  const n = figs.length;
  if (n === 0) return [];
  const type = figs[0].period_type;
  if (type === PeriodType.FinancialYear || n <= 4) return figs.map((f) => periodLabel(f));
  const yearOf = (f) => (type === PeriodType.Rolling12m ? f.period_end.slice(0, 4) : f.period_start.slice(0, 4));
  const out = figs.map(() => '');
  let lastYear = null;
  figs.forEach((f, i) => {
    const y = yearOf(f);
    if (y !== lastYear) {
      out[i] = y;
      lastYear = y;
    }
  });
  // The latest period always, in full; a year label right before it would collide.
  for (let i = Math.max(1, n - 3); i < n - 1; i++) out[i] = '';
  out[n - 1] = type === PeriodType.Rolling12m ? t('period.to', { month: monthName(Number(figs[n - 1].period_end.slice(5, 7)) - 1), year: figs[n - 1].period_end.slice(0, 4) }) : periodLabel(figs[n - 1]);
  return out;
}

/** A value as the chart labels it (the same rounding as the tables): "28.8%", "12". */
function chartLabel(f, report) {
  if (!f) return null;
  if (f.suppressed) return '[c]';
  if (val(f) === null) return null;
  if (f.measure === Measure.DispRri && f.numerator === 0) return '0';
  const v = shown(f, report);
  if (unitKind(f) === 'share') return Number.isFinite(f.numerator) && Number.isFinite(f.denominator) ? `${v}% ${t('figure.n_of', { n: count(f.numerator), of: count(f.denominator) })}` : `${v}%`;
  return !isCountUnit(f.unit) && Number.isFinite(f.numerator) ? `${v} (${count(f.numerator)})` : v;
}

/** An interval cell: two numbers (the CSV splits it into two columns), or a marker. */
export function intervalCell(f, dp) {
  if (f?.suppressed) return '[c]';
  if (!f || f.ci_low === null || f.ci_low === undefined) return '';
  const [low, high] = [round(f.ci_low, dp), round(f.ci_high, dp)];
  return { low, high, toString: () => `${low}–${high}` };
}

/** A sentence: "<title>, <range>; latest <label>: <value> (<num> of <den>)". */
export function trendLabel(title, figs, report, { periodWord = t('trend.period') } = {}) {
  const last = latest(figs, (f) => f.status === Status.Final) ?? latest(figs);
  let text = `${title}, ${periodRange(figs)}`;
  if (last) text += t(last.status === Status.Final ? 'trend.latest_final' : 'trend.latest', { what: periodWord, period: periodLabel(last), value: withCount(last, report) });
  const prov = figs.filter((f) => f.status === Status.Provisional).length;
  if (prov) text += t(prov === 1 ? 'trend.provisional.one' : 'trend.provisional', { n: prov });
  const part = figs.filter((f) => f.status === Status.Partial).length;
  if (part) text += t('trend.partial');
  const small = figs.filter(isSmall).length;
  if (small) text += t(small === 1 ? 'trend.small.one' : 'trend.small', { n: small });
  if (figs.some((f) => f.suppressed)) text += t('trend.suppressed');
  return `${text}.`;
}

/**
 * A time-series chart of one measure (figures sorted by period) with its table.
 * kind: 'trend' (line, CI band) or 'columns' (counts by quarter or year; rolling 12-month
 * totals are always lines). `what` names the figure in the title's message ("Reoffending");
 * `title` is the measure's name (the subtitle and table caption).
 */
export function timeChart(report, figs, { kind = 'trend', what, title, valueLabel, name, numLabel, denLabel, nText, note = '', dp, countsFirst = false, periodWord }) {
  if (!figs.length) return h('p', { class: 'empty' }, t('chart.empty.period_type', { title }));
  const d = dp ?? placesFor(figs[0].unit);
  const measure = figs[0].measure;
  if (kind === 'columns' && figs[0].period_type === PeriodType.Rolling12m) kind = 'trend';
  const withCi = figs.some((f) => f.ci_low !== null && f.ci_low !== undefined);
  // No rate at all for want of denominators: say so rather than draw an empty chart. With a
  // population file that lacks this group (e.g. one service of several), say that instead.
  const missingPop = figs.every((f) => f.value === null && !f.suppressed) && needsPopulation(figs[0]);
  if (missingPop) {
    const why = hasPopulation(report) ? t('chart.population.group', { add: ADD_POPULATION }) : ADD_POPULATION;
    return h('div', { class: 'needs-population' }, h('h3', {}, title), h('p', {}, t('chart.population', { title, why })));
  }
  if (figs.every((f) => f.suppressed)) {
    return h('p', { class: 'all-suppressed' }, t('chart.suppressed.range', { title, range: periodRange(figs), k: report?.k ?? 5 }));
  }
  const denominator = needsPopulation(figs[0]) ? denominatorOf(latest(figs) ?? figs[0], report) : '';
  const partial = figs.some((f) => f.status === Status.Partial);
  const spec = {
    kind,
    title: message(what ?? title, figs, report),
    subtitle: [title, periodRange(figs), nText, withCi && kind === 'trend' ? t('chart.band') : '', note, denominator.replace(/\.$/, '')].filter(Boolean).join('; '),
    value_label: valueLabel,
    categories: figs.map((f) => `${periodLabel(f)}${f.status === Status.Partial ? ` ${t('chart.partial')}` : ''}`),
    axis_labels: axisLabels(figs),
    whole_numbers: isCountUnit(figs[0].unit),
    series: [
      {
        name: title,
        values: figs.map(val),
        labels: figs.map((f) => chartLabel(f, report)),
        small: figs.map(isSmall),
        low: withCi ? figs.map((f) => (f.suppressed ? null : f.ci_low)) : [],
        high: withCi ? figs.map((f) => (f.suppressed ? null : f.ci_high)) : [],
      },
    ],
    provisional: figs.map((f) => f.status === Status.Provisional),
    missing_marker: marker(figs),
    value_min: 0,
    value_max: null,
    footnote: footnote(report, measure, partial ? t('footnote.partial') : ''),
  };
  const head = [t('head.period')];
  if (countsFirst) head.push(denLabel, numLabel);
  head.push(`${valueLabel}`);
  if (withCi) head.push(t('head.interval'));
  if (!countsFirst && numLabel) head.push(numLabel);
  if (!countsFirst && denLabel) head.push(denLabel);
  head.push(t('head.status'));
  // Issue 13: one column per like-for-like comparator (region, nation, family, published).
  const comparators = comparatorColumns(report, figs);
  if (comparators) head.push(...comparators.head);
  const rows = figs.map((f) => {
    const r = [periodLabel(f)];
    if (countsFirst) r.push(numOrBlank(f.denominator, f), numOrBlank(f.numerator, f));
    r.push(shown(f, report, d));
    if (withCi) r.push(intervalCell(f, d));
    if (!countsFirst && numLabel) r.push(numOrBlank(f.numerator, f));
    if (!countsFirst && denLabel) r.push(numOrBlank(f.denominator, f));
    r.push(`${statusText(f.status)}${isSmall(f) ? `; ${CAUTION}` : ''}`);
    if (comparators) r.push(...comparators.cells(f));
    return r;
  });
  const caption = `${title}, ${periodRange(figs)}${denominator ? `. ${denominator}` : ''}`;
  // Issue 13: each comparator a dashed line labelled at its end, after ours (trend charts).
  const lines = kind === 'trend' ? comparatorSeries(report, figs) : [];
  spec.series.push(...lines.map((l) => ({ name: l.name, values: l.values, comparator: true })));
  const definitions = lines.find((l) => l.note)?.note;
  if (definitions) spec.footnote = `${spec.footnote} ${t('compare.chart.note', { note: definitions })}`;
  const compared = lines.length ? ` ${t('compare.chart.lines', { list: lines.map((l) => l.text).join('; ') })}` : '';
  return chartFigure({
    spec,
    table: { head, rows, caption },
    label: `${spec.title}. ${trendLabel(title, figs, report, { periodWord })}${compared}`,
    name,
    short: title,
    csv: { title: spec.title, period: periodRange(figs), unit: valueLabel, source: sourceOf(report) },
  });
}

/**
 * Horizontal bars of groups (one or more series: e.g. two years, or share vs population).
 * `rows` = [{ group, figs: [figure per series] }].
 */
export function barChart(report, { title, subtitle, valueLabel, name, seriesNames, rows, breakdown, kind = 'bars', measure, tableExtra, labelLead, dp, short }) {
  if (!rows.length) return h('p', { class: 'empty' }, t('chart.empty', { title }));
  const d = dp ?? placesFor(rows[0].figs.find(Boolean)?.unit ?? '');
  const all = rows.flatMap((r) => r.figs).filter(Boolean);
  if (all.length && all.every((f) => f.suppressed)) {
    return h('p', { class: 'all-suppressed' }, t('chart.suppressed', { title, k: report?.k ?? 5 }));
  }
  const denominator = all.length && needsPopulation(all[0]) ? denominatorOf(all[0], report) : '';
  const small = all.some(isSmall);
  const spec = {
    kind,
    title,
    subtitle: [subtitle, denominator.replace(/\.$/, '')].filter(Boolean).join('; '),
    value_label: valueLabel,
    categories: rows.map((r) => r.label ?? groupLabel(breakdown, r.group)),
    whole_numbers: isCountUnit(all[0]?.unit),
    series: seriesNames.map((s, i) => {
      const figs = rows.map((r) => r.figs[i]);
      const ci = figs.some((f) => f && f.ci_low !== null && f.ci_low !== undefined);
      return {
        name: s,
        values: figs.map(val),
        labels: figs.map((f) => chartLabel(f, report)),
        small: figs.map((f) => isSmall(f)),
        low: ci ? figs.map((f) => (f && !f.suppressed ? f.ci_low : null)) : [],
        high: ci ? figs.map((f) => (f && !f.suppressed ? f.ci_high : null)) : [],
      };
    }),
    provisional: rows.map((r) => r.figs.some((f) => f?.status === Status.Provisional)),
    missing_marker: marker(all),
    value_min: kind === 'ratio' ? null : 0,
    value_max: null,
    footnote: footnote(report, measure, small ? t('footnote.hollow', { caution: CAUTION }) : ''),
  };
  const ci = all.some((f) => f.ci_low !== null && f.ci_low !== undefined);
  const head = [BREAKDOWNS[breakdown] ?? t('head.group')];
  for (const s of seriesNames) {
    head.push(seriesNames.length > 1 ? `${s} (${valueLabel})` : valueLabel);
    if (ci) head.push(`${seriesNames.length > 1 ? `${s}: ` : ''}${t('head.interval')}`);
  }
  if (tableExtra) head.push(...tableExtra.head);
  if (small) head.push(t('head.note'));
  // Issue 13: one column per like-for-like comparator of the first series' figures.
  const comparators = comparatorColumns(report, rows.map((r) => r.figs[0]).filter(Boolean));
  if (comparators) head.push(...comparators.head);
  const tableRows = rows.map((r, ri) => {
    const cells = [spec.categories[ri]];
    r.figs.forEach((f) => {
      cells.push(f?.measure === Measure.DispRri && f.numerator === 0 ? '0' : shown(f, report, d));
      if (ci) cells.push(intervalCell(f, d));
    });
    if (tableExtra) cells.push(...tableExtra.cells(r));
    if (small) cells.push(r.figs.some(isSmall) ? CAUTION : '');
    if (comparators) cells.push(...(r.figs[0] ? comparators.cells(r.figs[0]) : comparators.head.map(() => '–')));
    return cells;
  });
  const parts = rows
    .map((r, ri) => `${spec.categories[ri]} ${r.figs.map((f) => withCount(f, report, { caution: true })).join(` ${t('chart.vs')} `)}`)
    .slice(0, 8)
    .join('; ');
  // Issue 13: a comparator marker per group (a dashed tick, named in the legend) on bars.
  const markers = kind === 'bars' ? comparatorSeries(report, rows.map((r) => r.figs[0]), (f, i) => spec.categories[i]) : [];
  spec.series.push(...markers.map((l) => ({ name: l.name, values: l.values, comparator: true })));
  const compared = markers.length ? ` ${t('compare.chart.markers', { list: markers.map((l) => l.text).join('; ') })}` : '';
  const label = `${labelLead ?? title}${subtitle ? ` (${subtitle})` : ''}: ${parts}${rows.length > 8 ? t('chart.more') : ''}.${compared}`;
  return chartFigure({
    spec,
    table: { head, rows: tableRows, caption: `${title}${subtitle ? `, ${subtitle}` : ''}${denominator ? `. ${denominator}` : ''}` },
    label,
    name,
    short: short ?? title,
    csv: { title, period: subtitle ?? '', unit: valueLabel, source: sourceOf(report) },
    height: Math.max(240, 170 + rows.length * Math.max(seriesNames.length * 18, 26) + (rows.some((r) => r.figs.some((f) => f?.status === Status.Provisional)) ? 24 : 0)),
  });
}

export function section(title, ...children) {
  return h('section', { class: 'block' }, h('h3', {}, title), ...children);
}

export function note(text) {
  return h('p', { class: 'note muted small' }, text);
}


export function breakdownRows(report, measure, base, breakdown, { stage } = {}) {
  const figs = select(report, { measure, ...base, breakdown, ...(stage ? { stage } : {}) });
  const groups = sortGroups(breakdown, [...new Set(figs.map((f) => f.group))]);
  return groups.map((g) => ({ group: g, figs: [figs.find((f) => f.group === g)] }));
}
