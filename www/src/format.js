// Display rounding (measures.md, "Intervals, rounding and changes"): half away from zero from
// the exact value; % and percentage points to 1 dp, per 1,000 / per child / RRI to 2 dp,
// per 100,000 to whole numbers. Values in the report are unrounded.

/** Round half away from zero to `dp` decimal places, as a string with UK grouping. */
export function round(value, dp) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const f = 10 ** dp;
  // Correct the binary representation error before rounding (e.g. 1.005 * 100 = 100.49999…).
  const scaled = Math.abs(value) * f;
  const r = (Math.round(Number(scaled.toPrecision(12))) / f) * Math.sign(value);
  return r.toLocaleString('en-GB', { minimumFractionDigits: dp, maximumFractionDigits: dp });
}

/** Decimal places a unit is shown with. */
export function placesFor(unit = '') {
  if (unit.includes('100,000')) return 0;
  if (unit.startsWith('%') || unit.startsWith('percentage point')) return 1;
  if (unit === 'children' || unit === 'occasions' || unit === 'offences' || unit === 'episodes' || unit === 'nights') return 0;
  return 2;
}

/** A value with its unit, e.g. "22.2%", "0.19 per 1,000 aged 10-17", "412 children". */
export function withUnit(value, unit) {
  if (value === null || value === undefined) return '';
  const v = round(value, placesFor(unit));
  if (unit === '%') return `${v}%`;
  if (unit.startsWith('% ')) return `${v}${unit}`;
  return `${v} ${unit}`;
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
  return Number(n).toLocaleString('en-GB', { maximumFractionDigits: 0 });
}
