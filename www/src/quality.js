// The Data quality view and the mapping step: rows read/used/rejected (each reason naming its
// column and an example value where the core gives them), warnings, a skipped title line,
// unused and dropped columns, unknown codes (each mappable to a canonical label), the analyst's
// own mappings in words, the rejected rows' line numbers and reasons as a CSV (never values);
// in public mode, what the published file holds. Also the column step offered when a file is
// refused for an unmatched or ambiguous column or month-first dates (every date column of the
// same pattern in one question). Mappings form a profile `{ columns, outcomes, ethnicities,
// sexes, month_first }` (src/extract/profile.rs), saved and loaded as JSON; it holds no
// personal data.
import { h, uid } from './dom.js';
import { dataTable } from './charts.js';
import { count, periodLabel } from './format.js';
import { toCsv, download, ukDate } from './exports.js';
import { FIELD_NAMES, ORDERS, PERIOD_PLURALS, fieldWords, groupLabel } from './labels.js';
import { Breakdown, CATALOGUE, Tier, measureInfo } from './catalogue.js';
import { hasMessage, t } from './messages/index.js';

/** The outcomes an unknown code can be mapped to: every outcome but Unknown, in the catalogue's order. */
export const OUTCOMES = CATALOGUE.outcomes.filter((o) => o.tier !== Tier.Unknown).map((o) => o.value);
const CHOICES = {
  outcome: OUTCOMES,
  ethnicity: ORDERS[Breakdown.Ethnicity],
  sex: ORDERS[Breakdown.Sex],
};
/** A choice of the mapping step in words of the language in use (the value stays the canonical label). */
const CHOICE_WORDS = {
  outcome: (v) => CATALOGUE.outcomes.find((o) => o.value === v)?.label ?? v,
  ethnicity: (v) => groupLabel(Breakdown.Ethnicity, v),
  sex: (v) => groupLabel(Breakdown.Sex, v),
};
const PROFILE_KEY = { outcome: 'outcomes', ethnicity: 'ethnicities', sex: 'sexes' };

export function emptyProfile() {
  return { columns: {}, outcomes: {}, ethnicities: {}, sexes: {}, month_first: [], family: null, areas: {}, comparator_measures: {} };
}

/** Read a profile JSON (text), keeping only the known fields of string values. */
export function parseProfile(text) {
  const raw = JSON.parse(text);
  const p = emptyProfile();
  for (const k of ['columns', 'outcomes', 'ethnicities', 'sexes']) {
    for (const [a, b] of Object.entries(raw?.[k] ?? {})) if (typeof b === 'string') p[k][String(a)] = b;
  }
  if (Array.isArray(raw?.month_first)) p.month_first = raw.month_first.filter((x) => typeof x === 'string');
  // Issue 13: our comparator family and the choices for area names that matched nothing.
  for (const k of ['areas', 'comparator_measures']) for (const [a, b] of Object.entries(raw?.[k] ?? {})) if (typeof b === 'string') p[k][String(a)] = b;
  const members = Array.isArray(raw?.family?.members) ? raw.family.members.filter((m) => typeof m === 'string' && m.trim()) : [];
  if (members.length) p.family = { name: typeof raw.family.name === 'string' ? raw.family.name : '', members };
  return p;
}

/**
 * "1 row", "3 rows", "1,234 rows" in the language in use: `noun` names the noun's pair of
 * messages (`noun.row.one`, `noun.row.many`; Welsh counts with the singular: "3 rhes").
 */
export function plural(n, noun) {
  return `${count(n)} ${t(`noun.${noun.replaceAll(' ', '_')}.${Number(n) === 1 ? 'one' : 'many'}`)}`;
}

const capital = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);


/** A reason of the core in plain English: field ids in words, "10-17" as "10–17". */
function reasonWords(reason) {
  // The core's reasons are stable English phrases (its ids); the page has each in words.
  if (hasMessage(`reason.${reason}`)) return capital(t(`reason.${reason}`));
  let s = String(reason ?? '');
  for (const [id, words] of Object.entries(FIELD_NAMES)) s = s.replace(new RegExp(`\\b${id}\\b`, 'g'), words);
  return capital(s.replaceAll('_', ' ').replace(/(\d+)-(\d+)/g, '$1–$2').replace('at outcome date', 'at the outcome date'));
}

/** The header in the file a field was matched to (quality.columns), if known. */
function headerOf(q, field) {
  return (q.columns ?? []).find(([f]) => f === field)?.[1];
}

/**
 * A rejection or warning reason in words, naming the column and an example value where the core
 * gives them (`field`, `example_value`): "Invalid date in offence date (column “Off Date”),
 * e.g. “31/02/2024”". Without them, the reason alone.
 */
export function reasonText(r, q = {}) {
  let s = reasonWords(r.reason);
  const field = r.field;
  if (field) {
    const words = fieldWords(field);
    const header = headerOf(q, field) ?? (FIELD_NAMES[field] ? null : field);
    if (!s.toLowerCase().includes(words.toLowerCase())) s += t('reason.in', { field: FIELD_NAMES[field] ? words : `“${words}”` });
    if (header && FIELD_NAMES[field] && header !== field && header !== words) s += t('reason.column', { header });
  }
  if (r.example_value !== undefined && r.example_value !== null && r.example_value !== '') s += t('reason.example', { value: r.example_value });
  return s;
}

const examples = (r) => {
  const list = r.examples ?? [];
  if (!list.length) return '';
  const more = (r.count ?? list.length) > list.length;
  return t(list.length === 1 && !more ? 'quality.line' : 'quality.lines', { lines: `${list.join(', ')}${more ? ', …' : ''}` });
};

/** The analyst's own mappings (a profile) as sentences: "Outcome “YRO-ISS” mapped to …". */
export function mappingSentences(profile) {
  if (!profile) return [];
  const out = [];
  for (const [field, header] of Object.entries(profile.columns ?? {})) out.push(t('mapping.column', { header, field: fieldWords(field) }));
  for (const [code, label] of Object.entries(profile.outcomes ?? {})) out.push(t('mapping.outcome', { code, label }));
  for (const [code, label] of Object.entries(profile.ethnicities ?? {})) out.push(t('mapping.ethnicity', { code, label }));
  for (const [code, label] of Object.entries(profile.sexes ?? {})) out.push(t('mapping.sex', { code, label }));
  for (const column of profile.month_first ?? []) out.push(t('mapping.month_first', { column: columnWords(column), date: ukDate('2023-03-25') }));
  return out;
}

/** A column named by the core: a field id in words, a header in quotes. */
function columnWords(column) {
  return FIELD_NAMES[column] ?? `“${column}”`;
}

/** "a, b and c". */
function andList(items) {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')}${t('and')}${items[items.length - 1]}`;
}

/**
 * The rejected rows as CSV: line number, reason and field in words — never a value. From
 * `quality.rejected_lines` ([{ line, reason, field }]) when the core gives every line, else
 * from the example lines of each reason (then the file says they are examples).
 */
export function rejectedCsv(q) {
  const all = Array.isArray(q.rejected_lines);
  const lines = all
    ? q.rejected_lines.map((x) => ({ line: x.line, reason: x.reason, field: x.field }))
    : (q.rejected ?? []).flatMap((r) => (r.examples ?? []).map((line) => ({ line, reason: r.reason, field: r.field })));
  lines.sort((a, b) => a.line - b.line);
  const rows = [[t('quality.csv.line'), t('quality.csv.reason'), t('quality.csv.column')], ...lines.map((x) => [x.line, reasonWords(x.reason), x.field ? headerOf(q, x.field) ?? fieldWords(x.field) : ''])];
  const n = q.rows_rejected ?? lines.length;
  const title = all
    ? t('quality.csv.rejected', { rows: plural(n, 'row') })
    : t('quality.csv.rejected.examples', { lines: plural(lines.length, 'line'), rows: plural(n, 'rejected row') });
  return toCsv(rows, { title });
}

function select(label, options, current, { blank = t('quality.leave_unmapped'), words = (o) => o } = {}) {
  const id = uid('map');
  const sel = h('select', { id }, h('option', { value: '' }, blank), options.map((o) => h('option', { value: o, selected: o === current }, words(o))));
  return { id, sel, label: h('label', { for: id, class: 'visually-hidden' }, label) };
}

/** Unknown codes shown per column (the most frequent); the download lists them all. */
export const SHOWN_CODES = 50;

/**
 * Every unknown code as CSV (column in words, the value as in the file, rows), most rows first
 * within each column: the list behind the view's 50 per column.
 */
export function unknownCodesCsv(quality) {
  const codes = quality.unknown_codes ?? [];
  const rows = codes.reduce((s, c) => s + (c.rows ?? 0), 0);
  return toCsv(
    [[t('quality.csv.column'), t('quality.value_in_file'), t('quality.rows')], ...codes.map((c) => [capital(fieldWords(c.field)), c.value, c.rows])],
    { title: t('quality.csv.unknown', { codes: plural(codes.length, 'code'), rows: plural(rows, 'row') }) },
  );
}

/** The unknown codes by column, in the core's order, each column's most frequent first. */
function codesByColumn(codes) {
  const by = new Map();
  for (const c of codes) {
    let list = by.get(c.field);
    if (!list) by.set(c.field, (list = []));
    list.push(c);
  }
  for (const list of by.values()) list.sort((a, b) => (b.rows ?? 0) - (a.rows ?? 0) || String(a.value).localeCompare(String(b.value)));
  return by;
}

/**
 * The mapping form for unknown codes: a select per code — the 50 most frequent of each column,
 * then how many more (a file can hold 100,000 distinct codes: a row each would freeze the page)
 * — a download of them all, and "Re-analyse" to apply the mappings.
 */
function codeMapping(quality, element) {
  const all = quality.unknown_codes ?? [];
  if (!all.length) return h('p', {}, t('quality.all_recognised'));
  const profile = element.profile;
  const rows = [];
  let mappable = false;
  let cut = false;
  for (const [field, list] of codesByColumn(all)) {
    const name = capital(fieldWords(field));
    for (const c of list.slice(0, SHOWN_CODES)) {
      if (!CHOICES[field]) {
        rows.push(h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, c.value), h('td', { class: 'num' }, count(c.rows)), h('td', {}, t('quality.cannot_map'))));
        continue;
      }
      mappable = true;
      const key = PROFILE_KEY[field];
      const s = select(t('quality.map_to', { field: fieldWords(field), value: c.value }), CHOICES[field], profile[key]?.[c.value], { words: CHOICE_WORDS[field] });
      s.sel.dataset.field = field;
      s.sel.dataset.value = c.value;
      s.sel.addEventListener('change', () => {
        if (s.sel.value) profile[key][c.value] = s.sel.value;
        else delete profile[key][c.value];
      });
      rows.push(h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, c.value), h('td', { class: 'num' }, count(c.rows)), h('td', {}, s.label, s.sel)));
    }
    if (list.length > SHOWN_CODES) {
      cut = true;
      const rest = list.slice(SHOWN_CODES);
      const restRows = rest.reduce((n, c) => n + (c.rows ?? 0), 0);
      rows.push(
        h(
          'tr',
          { class: 'more' },
          h('th', { scope: 'row' }, name),
          h('td', { colspan: '3' }, t('quality.more_codes', { n: count(rest.length), codes: t(rest.length === 1 ? 'noun.code.one' : 'noun.code.many'), rows: plural(restRows, 'row') })),
        ),
      );
    }
  }
  const apply = h('button', { type: 'button', class: 'button' }, t('quality.apply'));
  apply.addEventListener('click', () => element.reanalyseWithProfile().catch(() => {}));
  const save = h('button', { type: 'button', class: 'button secondary' }, t('quality.download_codes', { codes: plural(all.length, 'code') }));
  save.addEventListener('click', () => download(new Blob([unknownCodesCsv(quality)], { type: 'text/csv' }), 'yjlens-unknown-codes.csv'));
  return h(
    'div',
    { class: 'mapping' },
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        {},
        h('caption', {}, h('span', {}, t('quality.codes.caption', { cut: cut ? t('quality.codes.cut', { n: SHOWN_CODES }) : '' }))),
        h('thead', {}, h('tr', {}, [t('quality.field'), t('quality.value_in_file'), t('quality.rows'), t('quality.map')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows),
      ),
    ),
    h('p', { class: 'buttons' }, mappable ? [apply, ' '] : null, save),
  );
}

/**
 * The column step for a refused file: `detail` = `{ type: 'column_unmapped' | 'column_ambiguous',
 * field, headers }` or `{ type: 'month_first', column, example, columns? }` — `columns` lists
 * every date column of the same pattern, all confirmed by one answer.
 */
export function columnFix(detail, element) {
  if (!detail || !['column_unmapped', 'column_ambiguous', 'month_first'].includes(detail.type)) return null;
  const box = h('div', { class: 'fix', role: 'group', 'aria-label': t('fix.label') });
  if (detail.type === 'month_first') {
    const columns = [...new Set([...(Array.isArray(detail.columns) ? detail.columns : []), ...(detail.column ? [detail.column] : [])])];
    const names = andList(columns.map(columnWords));
    const yes = h('button', { type: 'button', class: 'button' }, columns.length > 1 ? t('fix.month_first.these') : t('fix.month_first.one', { column: names }));
    const no = h('button', { type: 'button', class: 'button secondary' }, t('fix.day_first'));
    yes.addEventListener('click', () => {
      const p = element.profile;
      for (const c of columns) if (!p.month_first.includes(c)) p.month_first.push(c);
      element.reanalyseWithProfile().catch(() => {});
    });
    no.addEventListener('click', () => element.clearError());
    const example = detail.example ? t('fix.example', { example: detail.example }) : '';
    const day = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/.exec(detail.example ?? '');
    const both = day ? t('fix.month_first.reads', { example: detail.example, date: ukDate(`${day[3].length === 2 ? `20${day[3]}` : day[3]}-${day[1].padStart(2, '0')}-${day[2].padStart(2, '0')}`) }) : '';
    box.append(
      h('p', {}, t('fix.month_first', { columns: names, example, all: columns.length > 1 ? t('fix.month_first.all') : '', both })),
      h('p', { class: 'buttons' }, yes, ' ', no),
    );
    return box;
  }
  const field = FIELD_NAMES[detail.field] ?? detail.field;
  const s = select(t('fix.column.label', { field }), detail.headers ?? [], element.profile.columns[detail.field], { blank: t('fix.column.choose') });
  const go = h('button', { type: 'button', class: 'button' }, t('fix.column.use'));
  go.addEventListener('click', () => {
    if (!s.sel.value) {
      s.sel.focus();
      return;
    }
    element.profile.columns[detail.field] = s.sel.value;
    element.reanalyseWithProfile().catch(() => {});
  });
  box.append(
    h('label', { for: s.id }, detail.type === 'column_ambiguous' ? t('fix.column.ambiguous', { field }) : t('fix.column.which', { field })),
    ' ',
    s.sel,
    ' ',
    go,
  );
  return box;
}

function profileTools(element) {
  const save = h('button', { type: 'button', class: 'button secondary' }, t('profile.save'));
  save.addEventListener('click', () => element.saveProfile());
  // A detached file input: the widget's only file input in the DOM stays the extract's.
  const pick = () => {
    const input = h('input', { type: 'file', accept: '.json,application/json' });
    input.addEventListener('change', () => {
      const f = input.files?.[0];
      if (f) element.loadProfile(f).catch(() => {});
    });
    input.click();
  };
  return h(
    'p',
    { class: 'buttons' },
    save,
    ' ',
    h('button', { type: 'button', class: 'button secondary', onclick: pick }, t('profile.load')),
    h('span', { class: 'muted small' }, t('profile.note')),
  );
}

/** The analyst's own mappings, in words (kept across re-analysis: they live on the element). */
function yourMappings(element) {
  const lines = mappingSentences(element?.profile);
  return h(
    'section',
    { class: 'block mappings' },
    h('h3', {}, t('mapping.title')),
    lines.length
      ? [h('p', {}, t(lines.length === 1 ? 'mapping.applied.one' : 'mapping.applied', { mappings: plural(lines.length, 'mapping') })), h('ul', {}, lines.map((l) => h('li', {}, `${l}.`)))]
      : h('p', {}, t('mapping.none')),
  );
}

/** What happened before the header: title lines skipped, and a date read from them. */
function titleLines(q, report) {
  const given = Array.isArray(q.title_lines) ? q.title_lines.length : Number.isFinite(q.title_lines) ? q.title_lines : null;
  const n = given ?? Math.max(0, (q.header_line ?? 1) - 1);
  if (!n) return null;
  const at = q.header_line ?? n + 1;
  let s = t(n === 1 ? 'quality.title_line.one' : 'quality.title_line', { line: count(at), n: count(n) });
  if (q.title_date) {
    s += t('quality.title_date', { date: ukDate(q.title_date), used: report.extract_date === q.title_date ? t('quality.title_date.used') : '' });
  }
  return h('p', { class: 'title-lines' }, s);
}

function summarySentence(q, c) {
  const parts = [t('quality.summary.used', { rows: plural(q.rows_used, 'row') }), t('quality.summary.rejected', { rows: plural(q.rows_rejected, 'row') })];
  if (q.duplicates) parts.push(t('quality.summary.duplicates', { rows: plural(q.duplicates, 'exact duplicate') }));
  let s = t('quality.summary', { rows: plural(q.rows_read, 'row'), parts: andList(parts) });
  if (c.rows_in_no_measure) s += t(c.rows_in_no_measure === 1 ? 'quality.summary.no_measure.one' : 'quality.summary.no_measure', { rows: plural(c.rows_in_no_measure, 'row') });
  return h('p', { class: 'summary' }, s);
}

function rejectedBlock(q) {
  if (!q.rejected?.length) return h('p', {}, t('quality.rejected.none'));
  const button = h('button', { type: 'button', class: 'button secondary' }, t('quality.rejected.download'));
  button.addEventListener('click', () => download(new Blob([rejectedCsv(q)], { type: 'text/csv' }), 'yjlens-rejected-rows.csv'));
  return h(
    'div',
    { class: 'rejected' },
    dataTable({ head: [t('quality.rejected.reason'), t('quality.rows'), t('quality.examples')], rows: q.rejected.map((r) => [reasonText(r, q), count(r.count), examples(r)]) }, t('quality.rejected.caption')),
    h('p', { class: 'buttons' }, button),
    Array.isArray(q.rejected_lines) ? null : h('p', { class: 'muted small' }, t('quality.rejected.examples_note')),
  );
}

function columnsBlock(q) {
  return h(
    'section',
    { class: 'block' },
    h('h3', {}, t('quality.columns')),
    q.dropped_columns?.length
      ? h('p', {}, t('quality.columns.dropped', { columns: q.dropped_columns.map((c) => `“${c}”`).join(', ') }))
      : h('p', {}, t('quality.columns.none_dropped')),
    q.ignored_columns?.length
      ? h('p', { class: 'ignored' }, t('quality.columns.ignored', { columns: q.ignored_columns.map((c) => `“${c}”`).join(', '), n: plural(q.ignored_columns.length, 'column') }))
      : null,
    q.columns?.length
      ? dataTable({ head: [t('quality.field'), t('quality.columns.in_file')], rows: q.columns.map(([f, hd]) => [capital(fieldWords(f)), hd]) }, t('quality.columns.caption'))
      : null,
  );
}

export function qualityView({ report, element }) {
  if (report.public) return publicQuality(report, element);
  if (!report.quality) {
    return h('div', { class: 'view' }, h('h2', {}, t('view.quality')), h('p', {}, t('quality.none')));
  }
  const q = report.quality;
  const c = report.checks ?? {};
  const summary = [
    [t('quality.rows_read'), count(q.rows_read)],
    [t('quality.rows_used'), count(q.rows_used)],
    [t('quality.rows_rejected'), count(q.rows_rejected)],
    [t('quality.duplicates'), count(q.duplicates)],
    [t('quality.after_extract_date'), count(c.rows_after_extract_date ?? 0)],
    [t('quality.no_measure'), count(c.rows_in_no_measure ?? 0)],
  ];
  return h(
    'div',
    { class: 'view' },
    h('h2', {}, t('view.quality')),
    summarySentence(q, c),
    titleLines(q, report),
    dataTable({ head: [t('quality.what_happened'), t('quality.rows')], rows: summary }, t('quality.what_happened.caption')),
    rejectedBlock(q),
    q.warnings?.length
      ? dataTable({ head: [t('quality.warning'), t('quality.rows'), t('quality.examples')], rows: q.warnings.map((r) => [reasonText(r, q), count(r.count), examples(r)]) }, t('quality.warning.caption'))
      : h('p', {}, t('quality.warning.none')),
    yourMappings(element),
    h('section', { class: 'block' }, h('h3', {}, t('quality.unknown_codes')), codeMapping(q, element), profileTools(element)),
    columnsBlock(q),
    dataTable(
      {
        head: [t('quality.item'), t('quality.value')],
        rows: [
          [t('quality.earliest'), ukDate(q.first_outcome_date ?? c.data_start) || '–'],
          [t('quality.latest'), ukDate(q.last_outcome_date) || '–'],
          [t('quality.extract_date'), ukDate(report.extract_date) || '–'],
          [t('control.count.children'), count(c.children ?? 0)],
          [t('quality.unknown_age'), count(c.children_unknown_age ?? 0)],
          [t('quality.outside_10_17'), count(c.children_outside_10_17 ?? 0)],
          [t('quality.without_release'), count(c.custodial_without_release ?? 0)],
          [t('quality.still_in_custody'), count(c.custodial_release_after_extract_date ?? 0)],
          [t('quality.open_remands'), count(c.open_remand_episodes ?? 0)],
          ...(c.conflicting ?? q.conflicting ?? []).map((x) => [t('quality.conflicting', { field: fieldWords(x.attribute) }), count(x.children)]),
          [t('quality.encoding'), q.encoding || '–'],
          [t('quality.delimiter'), { ',': t('quality.delimiter.comma'), ';': t('quality.delimiter.semicolon'), '\t': t('quality.delimiter.tab'), '|': t('quality.delimiter.pipe') }[q.delimiter] ?? (q.delimiter || '–')],
        ],
      },
      t('quality.file.caption'),
    ),
    kpiFiles(report),
  );
}

/**
 * Issue 14: the KPIs' files — the interventions extract and the board attendance file — each
 * with its rows read, used and rejected (by reason), warnings, unknown codes and dropped
 * columns, and the children in one file and not the other.
 */
function kpiFiles(report) {
  const k = report.kpi;
  if (!k || (!k.interventions && !k.board)) return null;
  const one = (q, what) => {
    if (!q) return null;
    return h(
      'div',
      { class: 'kpi-file' },
      h('p', {}, t('kpi.quality.file', { what, read: count(q.rows_read), used: count(q.rows_used), rejected: count(q.rows_rejected), duplicates: count(q.duplicates) })),
      q.rejected?.length
        ? dataTable({ head: [t('kpi.quality.rejected.reason'), t('quality.rows'), t('quality.examples')], rows: q.rejected.map((r) => [reasonText(r, q), count(r.count), examples(r)]) }, t('kpi.quality.rejected', { what }))
        : null,
      q.warnings?.length
        ? dataTable({ head: [t('quality.warning'), t('quality.rows'), t('quality.examples')], rows: q.warnings.map((r) => [reasonText(r, q), count(r.count), examples(r)]) }, t('kpi.quality.warnings', { what }))
        : null,
      q.unknown_codes?.length
        ? dataTable({ head: [t('quality.field'), t('kpi.quality.unrecognised'), t('quality.rows')], rows: q.unknown_codes.map((u) => [fieldWords(u.field), u.value, count(u.rows)]) }, t('kpi.quality.unknown', { what }))
        : null,
      q.dropped_columns?.length ? h('p', {}, t('kpi.quality.dropped', { columns: q.dropped_columns.join(', ') })) : null,
    );
  };
  return h(
    'section',
    { class: 'block' },
    h('h3', {}, t('kpi.quality.title')),
    one(k.interventions, t('kpi.quality.interventions')),
    k.interventions
      ? dataTable(
          {
            head: [t('quality.item'), t('quality.value')],
            rows: [
              [t('kpi.quality.both'), count(k.children_joined ?? 0)],
              [t('kpi.quality.interventions_only'), count(k.children_interventions_only ?? 0)],
              [t('kpi.quality.extract_only'), count(k.children_extract_only ?? 0)],
              [t('kpi.quality.open'), count(k.open_interventions ?? 0)],
              [t('kpi.quality.starts_after'), count(k.starts_after_extract_date ?? 0)],
              [t('kpi.quality.unknown_type'), count(k.unknown_type_rows ?? 0)],
            ],
          },
          t('kpi.quality.joined'),
        )
      : null,
    one(k.board, t('kpi.quality.board')),
  );
}

// ------------------------------------------------------------------ public mode


/** A source fit to show the public: the host's label or the file's source, never a local file name. */
export function publicSource(report, element) {
  const label = element?.getAttribute?.('source-label');
  if (label) return label;
  const s = String(report.provenance?.source ?? '').trim();
  const fileName = /\.(csv|tsv|txt|xlsx?|json)$/i.test(s) || /[\\/]/.test(s) || /^extract$/i.test(s);
  return s && !fileName ? s : t('public.source.unnamed');
}

/** Public mode: what the published file holds — periods, measures, suppression rule, source. */
function publicQuality(report, element) {
  const figs = report.figures ?? [];
  const k = report.k ?? element?.session?.k ?? 5;
  const periods = [];
  for (const [type, words] of Object.entries(PERIOD_PLURALS)) {
    const of = figs.filter((f) => f.period_type === type);
    if (!of.length) continue;
    const starts = [...new Map(of.map((f) => [f.period_start, periodLabel(f)])).entries()].sort(([a], [b]) => a.localeCompare(b));
    const range = starts.length === 1 ? starts[0][1] : t('period.range', { from: starts[0][1], to: starts[starts.length - 1][1] });
    periods.push([capital(words), `${plural(starts.length, 'period')}: ${range}`]);
  }
  const measures = [...new Set(figs.map((f) => f.measure))].map((m) => measureInfo(m)?.label ?? m.replaceAll('_', ' '));
  const suppressed = figs.filter((f) => f.suppressed).length;
  const p = report.provenance ?? {};
  return h(
    'div',
    { class: 'view' },
    h('h2', {}, t('public.about')),
    h('p', {}, t('public.about.text', { figures: plural(figs.length, 'figure'), measures: plural(measures.length, 'measure') })),
    h('section', { class: 'block' }, h('h3', {}, t('public.periods')), periods.length ? dataTable({ head: [t('public.periods.type'), t('public.periods.published')], rows: periods }, t('public.periods.caption')) : h('p', {}, t('public.periods.none'))),
    h('section', { class: 'block' }, h('h3', {}, t('public.measures')), h('ul', { class: 'measures' }, measures.map((m) => h('li', {}, capital(m))))),
    h(
      'section',
      { class: 'block' },
      h('h3', {}, t('public.suppression')),
      h('p', { class: 'suppression' }, t('public.suppression.rule', { k, below: k - 1 })),
      h('p', {}, suppressed ? t(suppressed === 1 ? 'public.suppressed.one' : 'public.suppressed', { figures: plural(suppressed, 'figure'), of: count(figs.length) }) : t('public.suppressed.none')),
    ),
    h(
      'section',
      { class: 'block' },
      h('h3', {}, t('public.source')),
      h('p', { class: 'source' }, `${t('source', { name: publicSource(report, element) })}.`),
      p.generated_at ? h('p', {}, t('public.produced', { date: ukDate(p.generated_at), tool: p.tool_version ? t('public.produced.tool', { version: p.tool_version }) : '' })) : null,
    ),
  );
}
