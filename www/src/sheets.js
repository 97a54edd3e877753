// Spreadsheets in (issue 13): an .xlsx, an .ods or a zip of them becomes the CSV bytes the
// engine already reads, so a workbook gets the same column matching, code lists and row
// accounting as a CSV. The worker imports this module — and this module the spreadsheet wasm
// module (`yjlens_sheets_bg.wasm`, beside the main one) — only when the dropped bytes are a
// zip or an OLE2 file: the CSV path never fetches either.
import init, { listTables, setLanguage, tableCsv } from './yjlens_sheets.js';

let ready = null;

/** The headers the mapping profile names, one a line: they count towards a header. */
function columns(profile) {
  return Object.values(profile?.columns ?? {}).join('\n');
}

function refused(message) {
  return { kind: 'refused', message: String(message?.message ?? message), detail: { type: 'not_text' } };
}

async function bytesOf(source) {
  if (source instanceof Blob) return new Uint8Array(await source.arrayBuffer());
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  return source;
}

/**
 * Load the module and set the language of its sentences (`lang`: the element's). A module
 * that cannot start is `{ kind: 'load', id }`: the page puts the id's sentence in its language
 * (this module runs in the worker, which has no message table of the page's).
 */
async function start(lang) {
  ready ??= init({ module_or_path: new URL('yjlens_sheets_bg.wasm', import.meta.url) });
  try {
    await ready;
  } catch (e) {
    ready = null;
    throw { kind: 'load', id: 'engine.sheets_failed', values: { why: String(e?.message ?? e) } };
  }
  setLanguage(lang ?? 'en');
}

/**
 * Every table of a spreadsheet file: `{ kind, tables: [{ index, name, file, sheet, hidden,
 * aside, rows, columns, header_row, header, required, known }], best, clear }`. `clear` false:
 * several tables are alike, and a person should be offered them (`panels/sheet.js`).
 */
export async function listSheets(source, { name = source?.name ?? 'file', profile, lang } = {}) {
  await start(lang);
  try {
    return JSON.parse(listTables(await bytesOf(source), name, columns(profile)));
  } catch (e) {
    throw refused(e);
  }
}

/**
 * One table of a spreadsheet file as CSV bytes. Options: `sheet` (a table's name from the
 * listing, a sheet's name or a number from 1; absent: the first sheet with a recognisable
 * header), `fromHeader` (start at the header row: population and aggregate files), `profile`
 * (the mapping profile: its column names count towards a header), `name` (the file's name,
 * for sentences), `onNote` (told what is happening, for the progress line: `{ id, values }`
 * of the page's message table), `lang` (the language of the sentences: the element's).
 *
 * Resolves with `{ csv, info, annotate(report) }`: `info` is `{ kind, tables, best, clear,
 * used, note }` for the element (a picker when `clear` is false), and `annotate` adds the
 * note naming the table read to a report's notes and `info` to `report.quality.sheet`.
 */
export async function toCsv(source, { sheet = '', fromHeader = false, profile, name, onNote, lang } = {}) {
  const fileName = name ?? source?.name ?? '';
  onNote?.({ id: 'progress.spreadsheet', values: { name: fileName } });
  await start(lang);
  let table;
  try {
    table = tableCsv(await bytesOf(source), fileName, sheet ?? '', fromHeader, columns(profile));
  } catch (e) {
    throw refused(e);
  }
  const info = { ...JSON.parse(table.listing), used: table.used, note: table.note };
  const csv = table.takeCsv();
  table.free();
  return {
    csv,
    info,
    annotate(report) {
      if (!report) return report;
      if (!(report.notes ?? []).includes(info.note)) report.notes = [info.note, ...(report.notes ?? [])];
      if (report.quality) report.quality.sheet = info;
      return report;
    },
  };
}
