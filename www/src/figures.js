// Reading the report object. Its figures (rows of the aggregate file, input-formats.md §4)
// arrive from the worker packed in columns — a string dictionary and typed arrays — and are
// indexed here by measure. Views query with `select`; `report.figures` (the host page's API)
// materialises every figure as an object only when first read.

class FigureTable {
  constructor(p) {
    this.strings = p.strings;
    this.text = p.text;
    this.numbers = p.numbers;
    this.suppressed = p.suppressed;
    this.textColumns = p.text_columns;
    this.numberColumns = p.number_columns;
    this.T = this.textColumns.length;
    this.N = this.numberColumns.length;
    this.length = this.suppressed.length;
    this.column = new Map(this.textColumns.map((c, i) => [c, i]));
    this.stringIndex = new Map(this.strings.map((s, i) => [s, i]));
    const measure = this.column.get('measure');
    this.byMeasure = new Map();
    for (let r = 0; r < this.length; r++) {
      const m = this.text[r * this.T + measure];
      let rows = this.byMeasure.get(m);
      if (!rows) this.byMeasure.set(m, (rows = []));
      rows.push(r);
    }
  }

  /** Row `r` as a figure object. */
  row(r) {
    const f = {};
    for (let c = 0; c < this.T; c++) f[this.textColumns[c]] = this.strings[this.text[r * this.T + c]];
    for (let c = 0; c < this.N; c++) {
      const v = this.numbers[r * this.N + c];
      f[this.numberColumns[c]] = Number.isNaN(v) ? null : v;
    }
    f.suppressed = this.suppressed[r] === 1;
    return f;
  }

  all() {
    const out = new Array(this.length);
    for (let r = 0; r < this.length; r++) out[r] = this.row(r);
    return out;
  }

  /** Rows whose text columns equal the query's values (other fields compared on objects); at most `limit`. */
  select(query, limit = Infinity) {
    const textTests = [];
    const otherTests = [];
    for (const [k, v] of Object.entries(query)) {
      const c = this.column.get(k);
      if (c !== undefined && typeof v === 'string') {
        const s = this.stringIndex.get(v);
        if (s === undefined) return [];
        textTests.push([c, s]);
      } else otherTests.push([k, v]);
    }
    const measure = this.column.get('measure');
    const m = textTests.find(([c]) => c === measure);
    const candidates = m ? this.byMeasure.get(m[1]) ?? [] : { length: this.length };
    const out = [];
    for (let i = 0; i < candidates.length; i++) {
      const r = m ? candidates[i] : i;
      let ok = true;
      for (const [c, s] of textTests) {
        if (this.text[r * this.T + c] !== s) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const f = this.row(r);
      if (otherTests.every(([k, v]) => f[k] === v) && out.push(f) >= limit) break;
    }
    return out;
  }
}

/** Give a report from the worker its figure table (replacing `packed`). Returns the report. */
export function attachFigures(report) {
  // The like-for-like figures a year earlier arrive packed too (a few hundred objects).
  if (report?.packed_year_earlier) {
    report.year_earlier = new FigureTable(report.packed_year_earlier).all();
    delete report.packed_year_earlier;
  }
  const packed = report?.packed;
  if (!packed) return report;
  delete report.packed;
  const table = new FigureTable(packed);
  let all = null;
  Object.defineProperty(report, 'table', { value: table, enumerable: false });
  Object.defineProperty(report, 'figures', {
    enumerable: true,
    get: () => (all ??= table.all()),
  });
  return report;
}

/** The typed arrays of a packed report, to transfer rather than copy across postMessage. */
export function transferables(report) {
  return [report?.packed, report?.packed_year_earlier].filter(Boolean).flatMap((p) => [p.text.buffer, p.numbers.buffer, p.suppressed.buffer]);
}

/** Figures matching every given field, e.g. `{ measure: Measure.ReoffendingCohort, period_type: 'quarter' }`. */
export function select(report, query) {
  if (report?.table) return report.table.select(query);
  const keys = Object.keys(query);
  return (report?.figures ?? []).filter((f) => keys.every((k) => f[k] === query[k]));
}

/** The first figure matching `query`, or undefined (the rest are never made into objects). */
export function one(report, query) {
  if (report?.table) return report.table.select(query, 1)[0];
  return select(report, query)[0];
}

/** Distinct periods of a period type, in time order: `{ start, end, label }`. */
export function periods(report, periodType) {
  const seen = new Map();
  const t = report?.table;
  if (t) {
    const [pt, ps, pe, pl] = ['period_type', 'period_start', 'period_end', 'period_label'].map((c) => t.column.get(c));
    const want = t.stringIndex.get(periodType);
    for (let r = 0; r < t.length; r++) {
      const base = r * t.T;
      if (t.text[base + pt] !== want) continue;
      const start = t.strings[t.text[base + ps]];
      if (!seen.has(start)) seen.set(start, { start, end: t.strings[t.text[base + pe]], label: t.strings[t.text[base + pl]] });
    }
  } else {
    for (const f of report?.figures ?? []) {
      if (f.period_type === periodType && !seen.has(f.period_start)) seen.set(f.period_start, { start: f.period_start, end: f.period_end, label: f.period_label });
    }
  }
  return [...seen.values()].sort((a, b) => a.start.localeCompare(b.start));
}

/** Whether the report holds any figure of `measure`. */
export function has(report, measure) {
  if (report?.table) {
    const s = report.table.stringIndex.get(measure);
    return s !== undefined && (report.table.byMeasure.get(s)?.length ?? 0) > 0;
  }
  return select(report, { measure }).length > 0;
}

/** Distinct values of `field` among the figures matching `query`, in first-seen order. */
export function distinct(report, query, field) {
  return [...new Set(select(report, query).map((f) => f[field]))];
}

/** Figures matching `query`, oldest period first. */
export function series(report, query) {
  return select(report, query).sort((a, b) => a.period_start.localeCompare(b.period_start));
}

/** The period of a list (`periods()` or figures) that starts a year before `start`. */
export function yearEarlier(list, start) {
  const iso = yearBefore(start);
  return list.find((p) => (p.start ?? p.period_start) === iso);
}

/** The ISO date a year before `iso` ("2025-04-01" → "2024-04-01"). */
export function yearBefore(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d.toISOString().slice(0, 10);
}
