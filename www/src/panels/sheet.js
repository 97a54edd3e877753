// Choosing a spreadsheet's table (issue 13). When the file dropped was a workbook or a zip of
// them, the worker reads the first sheet with a recognisable header and says which (`sheet`
// in the load result, `report.quality.sheet`: `{ kind, tables, best, clear, used, note }`).
// This block names the table read and, when the workbook has others, lets the analyst read
// another: `onPick(name)` is to load the same file again with `options.sheet = name`.
import { h, uid } from '../dom.js';
import { t as tr } from '../messages/index.js';

/** A file input's `accept` that takes spreadsheets as well as CSV. */
export const SPREADSHEET_ACCEPT =
  '.csv,.txt,.tsv,text/csv,.xlsx,.ods,.zip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet,application/zip';

const count = (n) => Number(n).toLocaleString('en-GB');

/** "Data: 2,001 rows × 13 columns, header on row 1 naming 13 known columns". */
export function tableLabel(t) {
  const size = tr('sheet.size', { rows: count(t.rows), columns: count(t.columns) });
  const header = t.header_row ? tr('sheet.header', { row: count(t.header_row), known: t.known >= 2 ? tr('sheet.known', { n: count(t.known) }) : '' }) : tr('sheet.no_header');
  const hidden = t.hidden ? tr('sheet.hidden') : '';
  return `${t.name}${hidden}: ${size}${header}`;
}

/**
 * The block for a spreadsheet just read, or null when the file was not one. With one table,
 * only the sentence saying what was read; with more, a choice of table and a button to read
 * it (`onPick(name)`); when no table clearly won (`clear` false), a sentence asking to check.
 */
export function sheetPicker(info, onPick) {
  if (!info?.tables?.length) return null;
  const said = h('p', { class: 'small' }, info.note);
  if (info.tables.length < 2) return h('div', { class: 'sheet-picker' }, said);
  const id = uid('sheet');
  const select = h(
    'select',
    { id },
    info.tables.map((t) => h('option', { value: t.name, selected: t.index === info.used }, tableLabel(t))),
  );
  const read = h('button', { type: 'button', class: 'button secondary' }, tr('sheet.read'));
  read.addEventListener('click', () => {
    if (Number(select.selectedIndex) !== info.used) onPick(select.value);
  });
  return h(
    'div',
    { class: 'sheet-picker control', role: 'group', 'aria-label': tr('sheet.label') },
    said,
    info.clear ? null : h('p', { class: 'small' }, tr('sheet.unclear')),
    h('label', { for: id }, tr('sheet.table')),
    select,
    read,
  );
}
