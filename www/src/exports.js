// Files the widget writes, made in the browser: CSV (escaped against formula injection, as
// input-formats.md §4 requires of every CSV the widget writes) and downloads via blob: URLs.

const RISKY = /^[=+\-@\t\r]/;

/** One CSV cell: text starting = + - @ TAB CR gets a leading ' ; quotes doubled. Numbers as is. */
export function csvCell(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = String(v);
  if (RISKY.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\n\r']/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(rows) {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
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
