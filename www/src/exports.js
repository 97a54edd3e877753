// Files the widget writes, made in the browser: CSV for Excel on Windows (UTF-8 with a byte
// order mark, an optional prelude of title, period, unit and source lines, a 95% interval as
// two numeric columns, every cell escaped against formula injection as input-formats.md §4
// requires of every CSV the widget writes), UK dates for what people read, and downloads via
// blob: URLs.

import { ukDate } from './format.js';
import { t } from './messages/index.js';

export { ukDate };

const RISKY = /^[=+\-@\t\r]/;
/** The byte order mark: Excel on Windows reads a CSV as UTF-8 only when it starts with one. */
export const BOM = '\uFEFF';

/** One CSV cell: text starting = + - @ TAB CR gets a leading ' ; quotes doubled. Numbers as is. */
export function csvCell(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = String(v);
  if (RISKY.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\n\r']/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A display number ("1,234.5", "−0.4") as a number; anything else (e.g. "[c]", "–") as null. */
export function displayNumber(v) {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = String(v ?? '').trim().replace(/^[−–]/, '-').replaceAll(',', '');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

const isInterval = (c) => c !== null && typeof c === 'object' && !Array.isArray(c) && ('low' in c || 'high' in c);
// A display interval such as "12.3–15.6" or "−0.4–1.2" (the tables' en dash between the ends).
const INTERVAL_TEXT = /^([−-]?[\d,]+(?:\.\d+)?)–([−-]?[\d,]+(?:\.\d+)?)$/;

/** The two ends of an interval cell: numbers where they are numbers, a marker kept as text. */
function ends(c) {
  if (isInterval(c)) {
    const end = (x) => displayNumber(x) ?? (x === null || x === undefined || x === '–' ? '' : String(x));
    return [end(c.low), end(c.high)];
  }
  const m = INTERVAL_TEXT.exec(String(c ?? '').trim());
  if (m) return [displayNumber(m[1]), displayNumber(m[2])];
  const s = c === null || c === undefined || c === '–' ? '' : String(c);
  return [s, s]; // "[c]" (suppressed) in both ends; blank stays blank
}

/**
 * The columns to split in two: those whose cells hold an interval `{ low, high }`, or whose
 * head says "interval" and whose cells read "low–high".
 */
function intervalColumns(head, body) {
  const cols = new Set();
  const width = Math.max(head?.length ?? 0, ...body.map((r) => r.length));
  for (let i = 0; i < width; i++) {
    if (body.some((r) => isInterval(r[i]))) cols.add(i);
    else if (/interval/i.test(String(head?.[i] ?? '')) && body.some((r) => INTERVAL_TEXT.test(String(r[i] ?? '').trim()))) cols.add(i);
  }
  return cols;
}

/**
 * A CSV file's text for Excel: BOM, then (if `prelude` is given) its title, period, unit and
 * source lines and a blank line, then `rows` — the first row is the head. A head cell over
 * interval cells becomes two columns, "<head> low" and "<head> high" (in the language in use:
 * `csv.interval.low`, `csv.interval.high`), of plain numbers.
 * `toCsv(rows)` alone is the table with the BOM.
 */
export function toCsv(rows, prelude) {
  const [head, ...body] = rows;
  const split = intervalColumns(head, body);
  const line = (r, isHead) =>
    r.flatMap((c, i) => (!split.has(i) ? [c] : isHead ? [t('csv.interval.low', { head: c }), t('csv.interval.high', { head: c })] : ends(c))).map(csvCell).join(',');
  const lines = [];
  if (prelude) {
    const { title, period, unit, source } = prelude;
    if (title) lines.push(csvCell(title));
    if (period) lines.push(csvCell(t('csv.period', { period })));
    if (unit) lines.push(csvCell(t('csv.unit', { unit })));
    if (source) lines.push(csvCell(t('source', { name: source })));
    if (lines.length) lines.push('');
  }
  if (head) lines.push(line(head, true));
  for (const r of body) lines.push(line(r, false));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** Every ISO date (2025-09-30) in a text written the UK way (30 Sep 2025). */
export function ukDates(text) {
  return String(text).replace(/\b(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b/g, (iso) => ukDate(iso));
}

/** Save a Blob as a file (a blob: URL, no network). */
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
