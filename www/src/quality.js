// The Data quality view and the mapping step: rows read/used/rejected, warnings, unknown codes
// (each mappable to a canonical label), dropped identifier columns, date range; and the column
// mapping offered when a file is refused for an unmatched or ambiguous column or month-first
// dates. Mappings form a profile `{ columns, outcomes, ethnicities, sexes, month_first }`
// (src/extract/profile.rs), saved and loaded as JSON; it holds no personal data.
import { h, uid } from './dom.js';
import { dataTable } from './charts.js';
import { count } from './format.js';

export const OUTCOMES = [
  'Community Resolution', 'Triage', 'Outcome 22',
  'Youth Caution', 'Youth Conditional Caution',
  'Absolute Discharge', 'Conditional Discharge', 'Fine', 'Referral Order', 'Reparation Order', 'Compensation Order', 'Bind Over', 'Other first tier',
  'Youth Rehabilitation Order', 'YRO with Intensive Supervision and Surveillance', 'YRO with Intensive Fostering',
  'Detention and Training Order', 'Section 250', 'Other long-term detention',
  'Remand to Youth Detention Accommodation', 'Remand to Local Authority Accommodation',
  'No Further Action',
];
const CHOICES = {
  outcome: OUTCOMES,
  ethnicity: ['White', 'Black', 'Asian', 'Mixed', 'Other', 'Unknown'],
  sex: ['Male', 'Female', 'Unknown'],
};
const PROFILE_KEY = { outcome: 'outcomes', ethnicity: 'ethnicities', sex: 'sexes' };
export const FIELD_NAMES = {
  child_id: 'child identifier', offence_date: 'offence date', outcome_date: 'outcome date', outcome: 'outcome',
  date_of_birth: 'date of birth', birth_month: 'birth month', age: 'age', sex: 'sex', ethnicity: 'ethnicity',
  offence_category: 'offence category', gravity: 'gravity', release_date: 'release date', end_date: 'end date',
  looked_after: 'looked-after status', service: 'service',
};

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

const examples = (list) => (list?.length ? `rows ${list.join(', ')}${list.length >= 20 ? ', …' : ''}` : '');

function select(label, options, current, { blank = 'leave unmapped' } = {}) {
  const id = uid('map');
  const sel = h('select', { id }, h('option', { value: '' }, blank), options.map((o) => h('option', { value: o, selected: o === current }, o)));
  return { id, sel, label: h('label', { for: id, class: 'visually-hidden' }, label) };
}

/** The mapping form for unknown codes: a select per code; "Re-analyse" applies them. */
function codeMapping(quality, element) {
  const codes = (quality.unknown_codes ?? []).filter((c) => CHOICES[c.field]);
  const others = (quality.unknown_codes ?? []).filter((c) => !CHOICES[c.field]);
  if (!codes.length && !others.length) return h('p', {}, 'Every outcome, ethnicity and sex value was recognised.');
  const profile = element.profile;
  const rows = codes.map((c) => {
    const key = PROFILE_KEY[c.field];
    const s = select(`Map ${c.field} “${c.value}” to`, CHOICES[c.field], profile[key]?.[c.value]);
    s.sel.dataset.field = c.field;
    s.sel.dataset.value = c.value;
    s.sel.addEventListener('change', () => {
      if (s.sel.value) profile[key][c.value] = s.sel.value;
      else delete profile[key][c.value];
    });
    return h('tr', {}, h('th', { scope: 'row' }, c.field), h('td', {}, c.value), h('td', { class: 'num' }, count(c.rows)), h('td', {}, s.label, s.sel));
  });
  const apply = h('button', { type: 'button', class: 'button' }, 'Re-analyse with these mappings');
  apply.addEventListener('click', () => element.reanalyseWithProfile().catch(() => {}));
  return h(
    'div',
    { class: 'mapping' },
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        {},
        h('caption', {}, 'Unknown codes: kept, but in no measure until mapped'),
        h('thead', {}, h('tr', {}, ['Field', 'Value in the file', 'Rows', 'Map to'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows, others.map((c) => h('tr', {}, h('th', { scope: 'row' }, c.field), h('td', {}, c.value), h('td', { class: 'num' }, count(c.rows)), h('td', {}, 'cannot be mapped here')))),
      ),
    ),
    codes.length ? h('p', {}, apply) : null,
  );
}

/**
 * The column step for a refused file: `detail` = `{ type: 'column_unmapped' | 'column_ambiguous',
 * field, headers }` or `{ type: 'month_first', column, example }`.
 */
export function columnFix(detail, element) {
  if (!detail || !['column_unmapped', 'column_ambiguous', 'month_first'].includes(detail.type)) return null;
  const box = h('div', { class: 'fix', role: 'group', 'aria-label': 'Fix the file' });
  if (detail.type === 'month_first') {
    const yes = h('button', { type: 'button', class: 'button' }, `Read “${detail.column}” as month-first`);
    const no = h('button', { type: 'button', class: 'button secondary' }, 'Keep day-first (UK)');
    yes.addEventListener('click', () => {
      const p = element.profile;
      if (!p.month_first.includes(detail.column)) p.month_first.push(detail.column);
      element.reanalyseWithProfile().catch(() => {});
    });
    no.addEventListener('click', () => element.clearError());
    box.append(h('p', {}, `Dates in “${detail.column}” look month-first (e.g. ${detail.example}). Which order is right?`), h('p', { class: 'buttons' }, yes, ' ', no));
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

export function qualityView({ report, element }) {
  if (report.public || !report.quality) {
    return h('div', { class: 'view' }, h('h2', {}, 'Data quality'), h('p', {}, 'Data quality details are not published with public figures.'));
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
    dataTable({ head: ['What happened to the rows', 'Rows'], rows: summary }, 'Rows read and what became of them'),
    q.rejected?.length
      ? dataTable({ head: ['Reason rejected', 'Rows', 'Examples (spreadsheet row numbers)'], rows: q.rejected.map((r) => [r.reason, count(r.count), examples(r.examples)]) }, 'Rejected rows by reason')
      : h('p', {}, 'No row was rejected.'),
    q.warnings?.length
      ? dataTable({ head: ['Warning (row kept)', 'Rows', 'Examples (spreadsheet row numbers)'], rows: q.warnings.map((r) => [r.reason, count(r.count), examples(r.examples)]) }, 'Rows kept with a warning')
      : h('p', {}, 'No warnings.'),
    h('section', { class: 'block' }, h('h3', {}, 'Unknown codes'), codeMapping(q, element), profileTools(element)),
    h(
      'section',
      { class: 'block' },
      h('h3', {}, 'Columns'),
      q.dropped_columns?.length
        ? h('p', {}, `Dropped on reading (they look like direct identifiers): ${q.dropped_columns.join(', ')}.`)
        : h('p', {}, 'No column looked like a direct identifier.'),
      q.columns?.length
        ? dataTable({ head: ['Field', 'Column in the file'], rows: q.columns.map(([f, hd]) => [FIELD_NAMES[f] ?? f, hd]) }, 'How the file’s columns were matched')
        : null,
    ),
    dataTable(
      {
        head: ['Item', 'Value'],
        rows: [
          ['Earliest outcome date', q.first_outcome_date ?? c.data_start ?? '–'],
          ['Latest outcome date', q.last_outcome_date ?? '–'],
          ['Extract date used', report.extract_date ?? '–'],
          ['Children', count(c.children ?? 0)],
          ['Children of unknown age (included)', count(c.children_unknown_age ?? 0)],
          ['Children outside 10–17 at an occasion', count(c.children_outside_10_17 ?? 0)],
          ['Custodial occasions without a release date', count(c.custodial_without_release ?? 0)],
          ['Still in custody at the extract date', count(c.custodial_release_after_extract_date ?? 0)],
          ['Open remand episodes', count(c.open_remand_episodes ?? 0)],
          ...(c.conflicting ?? q.conflicting ?? []).map((x) => [`Children with conflicting ${x.attribute}`, count(x.children)]),
          ['Encoding', q.encoding || '–'],
          ['Delimiter', { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }[q.delimiter] ?? (q.delimiter || '–')],
        ],
      },
      'Dates, children and file',
    ),
  );
}
