// The Population panel of the analyst toolbar: the denominators for rates — a population file
// picked from disk, or the totals the analyst types (the 10–17 total, or every ethnic group for
// disproportionality rates) turned into a population CSV by `populationCsv`.
import { h, uid } from '../dom.js';
import { ETHNIC } from '../labels.js';
import { SPREADSHEET_ACCEPT } from './sheet.js';

/**
 * The status line for the population a report used (`report.population`): its name, and the
 * rows of it that were rejected (impossible counts, unreadable groups) and so are in no
 * denominator — each rate that lost rows says so in its own denominator sentence too.
 */
export function populationStatus(info) {
  const rejected = info.rows_rejected ?? 0;
  if (!rejected) return `Population in use: ${info.source}.`;
  const reasons = (info.rejected ?? []).map((r) => `${r.count.toLocaleString('en-GB')} ${r.reason}`).join('; ');
  const rows = rejected === 1 ? '1 row' : `${rejected.toLocaleString('en-GB')} rows`;
  return `Population in use: ${info.source}. ${rows} of it rejected and left out of every denominator (${reasons}).`;
}

/** The panel for element `el` (a <yj-lens>); its status line is `el.$.popStatus`. */
export function populationPanel(el) {
  const $ = el.$;
  $.popStatus = h('p', { class: 'small' }, 'No population loaded: rates are not shown.');
  // A detached file input: the widget's only file input in the DOM stays the extract's.
  const pick = () => {
    const fileInput = h('input', { type: 'file', accept: SPREADSHEET_ACCEPT });
    fileInput.addEventListener('change', () => {
      const f = fileInput.files?.[0];
      if (f) el.loadPopulation(f).catch(() => {});
    });
    fileInput.click();
  };
  const fileButton = h('button', { type: 'button', class: 'button secondary', onclick: pick }, 'Load a population file…');
  const num = (label, name) => {
    const id = uid('pop');
    const input = h('input', { type: 'number', id, name, min: '0', step: '1', inputmode: 'numeric' });
    return { input, row: h('div', { class: 'control' }, h('label', { for: id }, label), input) };
  };
  const year = num('Year of the figures', 'year');
  const total = num('Total aged 10–17', 'total');
  const groups = ETHNIC.map((g) => ({ g, ...num(`${g} aged 10–17`, `pop-${g}`) }));
  const use = h('button', { type: 'button', class: 'button' }, 'Use these totals');
  use.addEventListener('click', () => {
    const csv = populationCsv(year.input.value, total.input.value, groups.map((x) => [x.g, x.input.value]));
    if (!csv) {
      el.failWith('Type the total 10–17 population, or the population of every ethnic group, to use typed totals.');
      return;
    }
    el.loadPopulation(new Blob([csv], { type: 'text/csv' }), { label: 'typed totals' }).catch(() => {});
  });
  return h(
    'details',
    { class: 'panel population' },
    h('summary', {}, 'Population (denominators)'),
    $.popStatus,
    h('p', {}, fileButton),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Or type the totals'),
      h('div', { class: 'grid' }, year.row, total.row, groups.map((x) => x.row)),
      h('p', { class: 'muted small' }, 'Give the total, or every ethnic group (then the total is their sum) for disproportionality rates.'),
      use,
    ),
  );
}

/** A population CSV from typed totals (year optional; every group, or the total). */
export function populationCsv(year, total, groups) {
  const y = String(year ?? '').trim();
  const ok = (v) => /^\d+$/.test(String(v ?? '').trim());
  const yearCol = ok(y) ? 'year,' : '';
  const yearVal = ok(y) ? `${y},` : '';
  if (groups.every(([, v]) => ok(v))) {
    return `${yearCol}ethnicity,population\n${groups.map(([g, v]) => `${yearVal}${g},${String(v).trim()}`).join('\n')}\n`;
  }
  if (ok(total)) return `${yearCol}population\n${yearVal}${String(total).trim()}\n`;
  return null;
}
