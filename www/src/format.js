// Display rounding (measures.md, "Intervals, rounding and changes"): half away from zero from
// the exact value; each unit's decimal places are the catalogue's (% and percentage points 1,
// per 1,000 / per child / RRI 2, per 100,000 and counts 0). Values in the report are unrounded.
// Dates and period labels in the language in use (the one place the page writes them): month
// names from the catalogue's message table (`month.1` … `month.12`, as the Rust core writes
// them), "Ebr–Meh 2024" / "Apr–Jun 2024", financial years "2023/24"; numbers as in English.
import { PeriodType, message, unitInfo } from './catalogue.js';

// One formatter per number of decimal places, made once: `toLocaleString` with options builds
// a new formatter on every call (a 50,000-row report shows thousands of numbers). Same output.
const formatters = new Map();
const formatter = (min, max) => {
  const key = `${min}:${max}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat('en-GB', { minimumFractionDigits: min, maximumFractionDigits: max })));
  return f;
};

/** Round half away from zero to `dp` decimal places, as a string with UK grouping. */
export function round(value, dp) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const f = 10 ** dp;
  // Correct the binary representation error before rounding (e.g. 1.005 * 100 = 100.49999…).
  const scaled = Math.abs(value) * f;
  const r = (Math.round(Number(scaled.toPrecision(12))) / f) * Math.sign(value);
  return formatter(dp, dp).format(r);
}

/** Whether a unit is a count's (whole numbers, never a share or a rate). */
export function isCountUnit(unit) {
  return unitInfo(unit)?.kind === 'count';
}

/** Decimal places a unit is shown with (2 for a unit the catalogue does not have). */
export function placesFor(unit = '') {
  return unitInfo(unit)?.decimals ?? 2;
}

/** A value with its unit, e.g. "22.2%", "0.19 per 1,000 aged 10-17", "412 children". */
export function withUnit(value, unit) {
  if (value === null || value === undefined) return '';
  const v = round(value, placesFor(unit));
  const words = unitWords(unit);
  if (unit === '%') return `${v}%`;
  if (unit.startsWith('% ')) return `${v}${words}`;
  return `${v} ${words}`;
}

/** A unit as figures carry it ("% of cohort") in the language in use ("% o’r garfan"). */
export function unitWords(unit = '') {
  return unitInfo(unit)?.label ?? unit;
}

/** A signed change: "+1.2" / "−0.4" (a true minus sign), rounded to `dp`. */
export function signed(value, dp) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const r = round(Math.abs(value), dp);
  if (Number(r.replaceAll(',', '')) === 0) return `±${r}`;
  return `${value > 0 ? '+' : '−'}${r}`;
}

/** A count with thousands separators. */
export function count(n) {
  if (n === null || n === undefined) return '';
  return formatter(0, 0).format(Number(n));
}

/** The short name of month `i` (0 = January) in the language in use: "Sep", "Medi". */
export const monthName = (i) => message(`month.${i + 1}`);

/** A date as people in the UK read it: "30 Sep 2025" (from "2025-09-30" or a Date); '' if none. */
export function ukDate(d) {
  if (d === null || d === undefined || d === '') return '';
  if (d instanceof Date) return Number.isNaN(d.getTime()) ? '' : `${d.getDate()} ${monthName(d.getMonth())} ${d.getFullYear()}`;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(d));
  return m ? `${Number(m[3])} ${monthName(Number(m[2]) - 1)} ${m[1]}` : String(d);
}

/**
 * A figure's period in the language in use, from its type, start and end (as the core labels
 * it: "Apr–Jun 2024", "2023/24", "Apr 2023 – Mar 2024"); the figure's own label otherwise.
 */
export function periodLabel(f) {
  const a = /^(\d{4})-(\d{2})/.exec(f?.period_start ?? '');
  const b = /^(\d{4})-(\d{2})/.exec(f?.period_end ?? '');
  if (!a || !b) return f?.period_label ?? '';
  const [y0, m0, y1, m1] = [Number(a[1]), Number(a[2]) - 1, Number(b[1]), Number(b[2]) - 1];
  if (f.period_type === PeriodType.Quarter) return `${monthName(m0)}–${monthName(m1)} ${y0}`;
  if (f.period_type === PeriodType.FinancialYear) return `${y0}/${String((y0 + 1) % 100).padStart(2, '0')}`;
  if (f.period_type === PeriodType.Rolling12m) return `${monthName(m0)} ${y0} – ${monthName(m1)} ${y1}`;
  return f.period_label ?? '';
}

/** An ISO date in the UK numeric form of the date box: "2025-09-30" → "30/09/2025". */
export function ukNumericDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** A typed UK date ("30/09/2025", "30-9-2025", "30.09.25") as ISO, or null when it is no date. */
export function parseUkDate(text) {
  const m = /^\s*(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})\s*$/.exec(text ?? '');
  if (!m) return null;
  const [d, mo] = [Number(m[1]), Number(m[2])];
  const y = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
