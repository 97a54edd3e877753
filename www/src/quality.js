// The Data quality view and the mapping step: rows read/used/rejected (each reason naming its
// column and an example value where the core gives them), warnings, a skipped title line,
// unused and dropped columns, unknown codes (each mappable to a canonical label), the analyst's
// own mappings in words, the rejected rows' line numbers and reasons as a CSV (never values);
// in public mode, what the published file holds. Also the column step offered when a file is
// refused for an unmatched or ambiguous column or month-first dates (every date column of the
// same pattern in one question). Mappings form a profile `{ columns, outcomes, ethnicities,
// sexes, month_first }` (src/extract/profile.rs), saved and loaded as JSON; it holds no
// personal data.
import { t } from './messages/index.js';
import { h, uid } from './dom.js';
import { dataTable } from './charts.js';
import { count } from './format.js';
import { toCsv, download, ukDate } from './exports.js';
import { FIELD_NAMES, ORDERS, PERIOD_PLURALS, fieldWords } from './labels.js';
import { Breakdown, CATALOGUE, Tier, measureInfo } from './catalogue.js';

/** The outcomes an unknown code can be mapped to: every outcome but Unknown, in the catalogue's order. */
export const OUTCOMES = CATALOGUE.outcomes.filter((o) => o.tier !== Tier.Unknown).map((o) => o.value);
const CHOICES = {
  outcome: OUTCOMES,
  ethnicity: ORDERS[Breakdown.Ethnicity],
  sex: ORDERS[Breakdown.Sex],
};
const PROFILE_KEY = { outcome: 'outcomes', ethnicity: 'ethnicities', sex: 'sexes' };

export function emptyProfile() {
  return { columns: {}, outcomes: {}, ethnicities: {}, sexes: {}, month_first: [] };
}

/** Read a profile JSON (text), keeping only the known fields of string values. */
export function parseProfile(text) {
  const raw = JSON.parse(text);
  const p = emptyProfile();
  for (const k of ['columns', 'outcomes', 'ethnicities', 'sexes']) {
    for (const [a, b] of Object.entries(raw?.[k] ?? {})) if (typeof b === 'string') p[k][String(a)] = b;
  }
  if (Array.isArray(raw?.month_first)) p.month_first = raw.month_first.filter((x) => typeof x === 'string');
  return p;
}

/** "1 row", "3 rows", "1,234 rows". */
export function plural(n, one, many = `${one}s`) {
  return `${count(n)} ${Number(n) === 1 ? one : many}`;
}

const capital = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);


/** A reason of the core in plain English: field ids in words, "10-17" as "10–17". */
function reasonWords(reason) {
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
    if (!s.toLowerCase().includes(words.toLowerCase())) s += ` in ${FIELD_NAMES[field] ? words : `“${words}”`}`;
    if (header && FIELD_NAMES[field] && header !== field && header !== words) s += ` (column “${header}”)`;
  }
  if (r.example_value !== undefined && r.example_value !== null && r.example_value !== '') s += `, e.g. “${r.example_value}”`;
  return s;
}

const examples = (r) => {
  const list = r.examples ?? [];
  if (!list.length) return '';
  const more = (r.count ?? list.length) > list.length;
  return `${list.length === 1 && !more ? 'line' : 'lines'} ${list.join(', ')}${more ? ', …' : ''}`;
};

/** The analyst's own mappings (a profile) as sentences: "Outcome “YRO-ISS” mapped to …". */
export function mappingSentences(profile) {
  if (!profile) return [];
  const out = [];
  for (const [field, header] of Object.entries(profile.columns ?? {})) out.push(`Column “${header}” used for the ${fieldWords(field)}`);
  for (const [code, label] of Object.entries(profile.outcomes ?? {})) out.push(`Outcome “${code}” mapped to ${label}`);
  for (const [code, label] of Object.entries(profile.ethnicities ?? {})) out.push(`Ethnicity “${code}” mapped to ${label}`);
  for (const [code, label] of Object.entries(profile.sexes ?? {})) out.push(`Sex “${code}” mapped to ${label}`);
  for (const column of profile.month_first ?? []) out.push(`Dates in ${columnWords(column)} read month-first (e.g. 03/25/2023 as 25 Mar 2023)`);
  return out;
}

/** A column named by the core: a field id in words, a header in quotes. */
function columnWords(column) {
  return FIELD_NAMES[column] ?? `“${column}”`;
}

/** "a, b and c". */
function andList(items) {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
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
  const rows = [['Line in the file', 'Reason', 'Column'], ...lines.map((x) => [x.line, reasonWords(x.reason), x.field ? headerOf(q, x.field) ?? fieldWords(x.field) : ''])];
  const n = q.rows_rejected ?? lines.length;
  const title = all
    ? `Rejected rows: ${plural(n, 'row')} (line numbers and reasons, no values)`
    : `Rejected rows: examples, ${plural(lines.length, 'line')} of ${plural(n, 'rejected row')} (line numbers and reasons, no values)`;
  return toCsv(rows, { title });
}

function select(label, options, current, { blank = 'leave unmapped' } = {}) {
  const id = uid('map');
  const sel = h('select', { id }, h('option', { value: '' }, blank), options.map((o) => h('option', { value: o, selected: o === current }, o)));
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
    [['Column', 'Value in the file', 'Rows'], ...codes.map((c) => [capital(fieldWords(c.field)), c.value, c.rows])],
    { title: `Unknown codes: ${plural(codes.length, 'code')} in ${plural(rows, 'row')} (kept, but in no measure until mapped)` },
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
  if (!all.length) return h('p', {}, 'Every outcome, ethnicity and sex value was recognised.');
  const profile = element.profile;
  const rows = [];
  let mappable = false;
  let cut = false;
  for (const [field, list] of codesByColumn(all)) {
    const name = capital(fieldWords(field));
    for (const c of list.slice(0, SHOWN_CODES)) {
      if (!CHOICES[field]) {
        rows.push(h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, c.value), h('td', { class: 'num' }, count(c.rows)), h('td', {}, 'cannot be mapped here')));
        continue;
      }
      mappable = true;
      const key = PROFILE_KEY[field];
      const s = select(`Map ${fieldWords(field)} “${c.value}” to`, CHOICES[field], profile[key]?.[c.value]);
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
          h('td', { colspan: '3' }, `and ${count(rest.length)} more ${rest.length === 1 ? 'code' : 'codes'} in ${plural(restRows, 'row')} (all of them are in the download)`),
        ),
      );
    }
  }
  const apply = h('button', { type: 'button', class: 'button' }, 'Re-analyse with these mappings');
  apply.addEventListener('click', () => element.reanalyseWithProfile().catch(() => {}));
  const save = h('button', { type: 'button', class: 'button secondary' }, `Download every unknown code (${plural(all.length, 'code')}, CSV)`);
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
        h('caption', {}, `Unknown codes: kept, but in no measure until mapped${cut ? ` (the ${SHOWN_CODES} most frequent of each column)` : ''}`),
        h('thead', {}, h('tr', {}, ['Field', 'Value in the file', 'Rows', 'Map to'].map((c) => h('th', { scope: 'col' }, c)))),
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
  const box = h('div', { class: 'fix', role: 'group', 'aria-label': 'Fix the file' });
  if (detail.type === 'month_first') {
    const columns = [...new Set([...(Array.isArray(detail.columns) ? detail.columns : []), ...(detail.column ? [detail.column] : [])])];
    const names = andList(columns.map(columnWords));
    const yes = h('button', { type: 'button', class: 'button' }, columns.length > 1 ? 'Read these dates month-first' : `Read ${names} as month-first`);
    const no = h('button', { type: 'button', class: 'button secondary' }, 'Keep day-first (UK)');
    yes.addEventListener('click', () => {
      const p = element.profile;
      for (const c of columns) if (!p.month_first.includes(c)) p.month_first.push(c);
      element.reanalyseWithProfile().catch(() => {});
    });
    no.addEventListener('click', () => element.clearError());
    const example = detail.example ? ` (e.g. ${detail.example})` : '';
    const day = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/.exec(detail.example ?? '');
    const both = day ? ` Read month-first, ${detail.example} is ${ukDate(`${day[3].length === 2 ? `20${day[3]}` : day[3]}-${day[1].padStart(2, '0')}-${day[2].padStart(2, '0')}`)}.` : '';
    box.append(
      h('p', {}, `Dates in ${names} look month-first${example}. Which order is right?${columns.length > 1 ? ' One answer applies to every one of these columns.' : ''}${both}`),
      h('p', { class: 'buttons' }, yes, ' ', no),
    );
    return box;
  }
  const field = FIELD_NAMES[detail.field] ?? detail.field;
  const s = select(`Column holding the ${field}`, detail.headers ?? [], element.profile.columns[detail.field], { blank: 'choose a column' });
  const go = h('button', { type: 'button', class: 'button' }, 'Use this column and read again');
  go.addEventListener('click', () => {
    if (!s.sel.value) {
      s.sel.focus();
      return;
    }
    element.profile.columns[detail.field] = s.sel.value;
    element.reanalyseWithProfile().catch(() => {});
  });
  box.append(
    h('label', { for: s.id }, detail.type === 'column_ambiguous' ? `Several columns could be the ${field}: which one is it?` : `Which column holds the ${field}?`),
    ' ',
    s.sel,
    ' ',
    go,
  );
  return box;
}

function profileTools(element) {
  const save = h('button', { type: 'button', class: 'button secondary' }, 'Save mapping profile (JSON)');
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
    h('button', { type: 'button', class: 'button secondary', onclick: pick }, 'Load a mapping profile…'),
    h('span', { class: 'muted small' }, ' A profile holds column names and code labels only, never personal data.'),
  );
}

/** The analyst's own mappings, in words (kept across re-analysis: they live on the element). */
function yourMappings(element) {
  const lines = mappingSentences(element?.profile);
  return h(
    'section',
    { class: 'block mappings' },
    h('h3', {}, 'Your mappings'),
    lines.length
      ? [h('p', {}, `${plural(lines.length, 'mapping')} you made ${lines.length === 1 ? 'is' : 'are'} applied to this file:`), h('ul', {}, lines.map((l) => h('li', {}, `${l}.`)))]
      : h('p', {}, 'You have made no mapping: every column and code was matched automatically.'),
  );
}

/** What happened before the header: title lines skipped, and a date read from them. */
function titleLines(q, report) {
  const given = Array.isArray(q.title_lines) ? q.title_lines.length : Number.isFinite(q.title_lines) ? q.title_lines : null;
  const n = given ?? Math.max(0, (q.header_line ?? 1) - 1);
  if (!n) return null;
  const at = q.header_line ?? n + 1;
  let s = `The column headers are on line ${count(at)}: ${n === 1 ? 'the line before them (a title) was' : `the ${count(n)} lines before them (a title) were`} skipped.`;
  if (q.title_date) {
    s += ` The title gives the date ${ukDate(q.title_date)}${report.extract_date === q.title_date ? ', used as the extract date' : ''}.`;
  }
  return h('p', { class: 'title-lines' }, s);
}

function summarySentence(q, c) {
  const parts = [`${plural(q.rows_used, 'row')} used`, `${plural(q.rows_rejected, 'row')} rejected`];
  if (q.duplicates) parts.push(`${plural(q.duplicates, 'exact duplicate')} kept once`);
  let s = `${plural(q.rows_read, 'row')} read: ${andList(parts)}.`;
  if (c.rows_in_no_measure) s += ` ${plural(c.rows_in_no_measure, 'row')} ${c.rows_in_no_measure === 1 ? 'is' : 'are'} in no measure (an unknown outcome, or not an outcome).`;
  return h('p', { class: 'summary' }, s);
}

function rejectedBlock(q) {
  if (!q.rejected?.length) return h('p', {}, 'No row was rejected.');
  const button = h('button', { type: 'button', class: 'button secondary' }, 'Download rejected rows (line numbers and reasons, no values)');
  button.addEventListener('click', () => download(new Blob([rejectedCsv(q)], { type: 'text/csv' }), 'yjlens-rejected-rows.csv'));
  return h(
    'div',
    { class: 'rejected' },
    dataTable({ head: ['Reason rejected', 'Rows', 'Examples (line numbers in the file)'], rows: q.rejected.map((r) => [reasonText(r, q), count(r.count), examples(r)]) }, 'Rejected rows by reason'),
    h('p', { class: 'buttons' }, button),
    Array.isArray(q.rejected_lines) ? null : h('p', { class: 'muted small' }, 'The download lists the example lines of each reason (at most 20 per reason).'),
  );
}

function columnsBlock(q) {
  return h(
    'section',
    { class: 'block' },
    h('h3', {}, 'Columns'),
    q.dropped_columns?.length
      ? h('p', {}, `Dropped on reading (they look like direct identifiers): ${q.dropped_columns.map((c) => `“${c}”`).join(', ')}.`)
      : h('p', {}, 'No column looked like a direct identifier.'),
    q.ignored_columns?.length
      ? h('p', { class: 'ignored' }, `Not used (matched to no field the measures need): ${q.ignored_columns.map((c) => `“${c}”`).join(', ')} — ${plural(q.ignored_columns.length, 'column')}.`)
      : null,
    q.columns?.length
      ? dataTable({ head: ['Field', 'Column in the file'], rows: q.columns.map(([f, hd]) => [capital(fieldWords(f)), hd]) }, 'How the file’s columns were matched')
      : null,
  );
}

export function qualityView({ report, element }) {
  if (report.public) return publicQuality(report, element);
  if (!report.quality) {
    return h('div', { class: 'view' }, h('h2', {}, 'Data quality'), h('p', {}, 'No data-quality report came with these figures.'));
  }
  const q = report.quality;
  const c = report.checks ?? {};
  const summary = [
    ['Rows read', count(q.rows_read)],
    ['Rows used', count(q.rows_used)],
    ['Rows rejected', count(q.rows_rejected)],
    ['Exact duplicates (kept once)', count(q.duplicates)],
    ['Rows after the extract date (ignored)', count(c.rows_after_extract_date ?? 0)],
    ['Rows in no measure (unknown outcome or not an outcome)', count(c.rows_in_no_measure ?? 0)],
  ];
  return h(
    'div',
    { class: 'view' },
    h('h2', {}, 'Data quality'),
    summarySentence(q, c),
    titleLines(q, report),
    dataTable({ head: ['What happened to the rows', 'Rows'], rows: summary }, 'Rows read and what became of them'),
    rejectedBlock(q),
    q.warnings?.length
      ? dataTable({ head: ['Warning (row kept)', 'Rows', 'Examples (line numbers in the file)'], rows: q.warnings.map((r) => [reasonText(r, q), count(r.count), examples(r)]) }, 'Rows kept with a warning')
      : h('p', {}, 'No warnings.'),
    yourMappings(element),
    h('section', { class: 'block' }, h('h3', {}, 'Unknown codes'), codeMapping(q, element), profileTools(element)),
    columnsBlock(q),
    dataTable(
      {
        head: ['Item', 'Value'],
        rows: [
          ['Earliest outcome date', ukDate(q.first_outcome_date ?? c.data_start) || '–'],
          ['Latest outcome date', ukDate(q.last_outcome_date) || '–'],
          ['Extract date used', ukDate(report.extract_date) || '–'],
          ['Children', count(c.children ?? 0)],
          ['Children of unknown age (included)', count(c.children_unknown_age ?? 0)],
          ['Children outside 10–17 at an occasion', count(c.children_outside_10_17 ?? 0)],
          ['Custodial occasions without a release date', count(c.custodial_without_release ?? 0)],
          ['Still in custody at the extract date', count(c.custodial_release_after_extract_date ?? 0)],
          ['Open remand episodes', count(c.open_remand_episodes ?? 0)],
          ...(c.conflicting ?? q.conflicting ?? []).map((x) => [`Children with conflicting ${fieldWords(x.attribute)}`, count(x.children)]),
          ['Encoding', q.encoding || '–'],
          ['Delimiter', { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }[q.delimiter] ?? (q.delimiter || '–')],
        ],
      },
      'Dates, children and file',
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
        ? dataTable({ head: ['Rejected (reason)', 'Rows', 'Examples (line numbers in the file)'], rows: q.rejected.map((r) => [reasonText(r, q), count(r.count), examples(r)]) }, `${what}: rows rejected`)
        : null,
      q.warnings?.length
        ? dataTable({ head: ['Warning (row kept)', 'Rows', 'Examples (line numbers in the file)'], rows: q.warnings.map((r) => [reasonText(r, q), count(r.count), examples(r)]) }, `${what}: rows kept with a warning`)
        : null,
      q.unknown_codes?.length
        ? dataTable({ head: ['Field', 'Value not recognised', 'Rows'], rows: q.unknown_codes.map((u) => [fieldWords(u.field), u.value, count(u.rows)]) }, `${what}: unknown codes (left out of every KPI until mapped)`)
        : null,
      q.dropped_columns?.length ? h('p', {}, `Columns dropped as identifiers: ${q.dropped_columns.join(', ')}.`) : null,
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
            head: ['Item', 'Value'],
            rows: [
              ['Children in both files', count(k.children_joined ?? 0)],
              ['Children in the interventions extract only', count(k.children_interventions_only ?? 0)],
              ['Children in the case-level extract only', count(k.children_extract_only ?? 0)],
              ['Interventions still open at the extract date', count(k.open_interventions ?? 0)],
              ['Interventions starting after the extract date (ignored)', count(k.starts_after_extract_date ?? 0)],
              ['Interventions of an unknown type (in no KPI)', count(k.unknown_type_rows ?? 0)],
            ],
          },
          'The interventions extract joined to the case-level extract',
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
  return s && !fileName ? s : 'the youth justice service’s case records (the publisher did not name the source)';
}

/** Public mode: what the published file holds — periods, measures, suppression rule, source. */
function publicQuality(report, element) {
  const figs = report.figures ?? [];
  const k = report.k ?? element?.session?.k ?? 5;
  const periods = [];
  for (const [type, words] of Object.entries(PERIOD_PLURALS)) {
    const of = figs.filter((f) => f.period_type === type);
    if (!of.length) continue;
    const starts = [...new Map(of.map((f) => [f.period_start, f.period_label])).entries()].sort(([a], [b]) => a.localeCompare(b));
    const range = starts.length === 1 ? starts[0][1] : `${starts[0][1]} to ${starts[starts.length - 1][1]}`;
    periods.push([capital(words), `${plural(starts.length, 'period')}: ${range}`]);
  }
  const measures = [...new Set(figs.map((f) => f.measure))].map((m) => measureInfo(m)?.label ?? m.replaceAll('_', ' '));
  const suppressed = figs.filter((f) => f.suppressed).length;
  const p = report.provenance ?? {};
  return h(
    'div',
    { class: 'view' },
    h('h2', {}, 'About these figures'),
    h('p', {}, `These are published, disclosure-controlled figures: ${plural(figs.length, 'figure')} for ${plural(measures.length, 'measure')}. No case-level record is on this page.`),
    h('section', { class: 'block' }, h('h3', {}, 'Periods'), periods.length ? dataTable({ head: ['Period type', 'Periods published'], rows: periods }, 'Periods in the published file') : h('p', {}, 'The file holds no periods.')),
    h('section', { class: 'block' }, h('h3', {}, 'Measures'), h('ul', { class: 'measures' }, measures.map((m) => h('li', {}, capital(m))))),
    h(
      'section',
      { class: 'block' },
      h('h3', {}, 'Suppression'),
      h('p', { class: 'suppression' }, `[c] = fewer than ${k}: every count from 1 to ${k - 1} is suppressed, shown as [c]; zero is shown as 0. A rate, share or index is suppressed when a count it is made from is suppressed or its denominator is below 10, and a second cell is suppressed where one alone could be worked out by subtraction from the total.`),
      h('p', {}, suppressed ? `${plural(suppressed, 'figure')} of ${count(figs.length)} ${suppressed === 1 ? 'is' : 'are'} suppressed.` : 'No figure is suppressed.'),
    ),
    h(
      'section',
      { class: 'block' },
      h('h3', {}, 'Source'),
      h('p', { class: 'source' }, `Source: ${publicSource(report, element)}.`),
      p.generated_at ? h('p', {}, `Figures produced ${ukDate(p.generated_at)}${p.tool_version ? ` with yjlens ${p.tool_version}` : ''}.`) : null,
    ),
  );
}
