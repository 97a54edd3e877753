// The Population panel of the analyst toolbar: the denominators for rates — a population file
// picked from disk, or the totals the analyst types (the 10–17 total, or every ethnic group for
// disproportionality rates) turned into a population CSV by `populationCsv`.
import { h, uid } from '../dom.js';
import { ETHNIC, groupLabel } from '../labels.js';
import { Breakdown } from '../catalogue.js';
import { SPREADSHEET_ACCEPT } from './sheet.js';
import { t } from '../messages/index.js';
import { count } from '../format.js';

/**
 * The status line for the population a report used (`report.population`): its name, and the
 * rows of it that were rejected (impossible counts, unreadable groups) and so are in no
 * denominator — each rate that lost rows says so in its own denominator sentence too.
 */
export function populationStatus(info) {
  const rejected = info.rows_rejected ?? 0;
  if (!rejected) return t('population.in_use', { label: info.source });
  const reasons = (info.rejected ?? []).map((r) => `${count(r.count)} ${r.reason}`).join('; ');
  const rows = `${count(rejected)} ${t(rejected === 1 ? 'noun.row.one' : 'noun.row.many')}`;
  return t('population.in_use.rejected', { label: info.source, rows, reasons });
}

/** The panel for element `el` (a <yj-lens>); its status line is `el.$.popStatus`. */
export function populationPanel(el) {
  const $ = el.$;
  $.popStatus = h('p', { class: 'small' }, t('population.none'));
  // A detached file input: the widget's only file input in the DOM stays the extract's.
  const pick = () => {
    const fileInput = h('input', { type: 'file', accept: SPREADSHEET_ACCEPT });
    fileInput.addEventListener('change', () => {
      const f = fileInput.files?.[0];
      if (f) el.loadPopulation(f).catch(() => {});
    });
    fileInput.click();
  };
  const fileButton = h('button', { type: 'button', class: 'button secondary', onclick: pick }, t('population.load'));
  const num = (label, name) => {
    const id = uid('pop');
    const input = h('input', { type: 'number', id, name, min: '0', step: '1', inputmode: 'numeric' });
    return { input, row: h('div', { class: 'control' }, h('label', { for: id }, label), input) };
  };
  const year = num(t('population.year'), 'year');
  const total = num(t('population.total'), 'total');
  const groups = ETHNIC.map((g) => ({ g, ...num(t('population.group', { group: groupLabel(Breakdown.Ethnicity, g) }), `pop-${g}`) }));
  const use = h('button', { type: 'button', class: 'button' }, t('population.use'));
  use.addEventListener('click', () => {
    const csv = populationCsv(year.input.value, total.input.value, groups.map((x) => [x.g, x.input.value]));
    if (!csv) {
      el.failWith(t('population.typed.missing'));
      return;
    }
    el.loadPopulation(new Blob([csv], { type: 'text/csv' }), { label: t('population.typed') }).catch(() => {});
  });
  return h(
    'details',
    { class: 'panel population' },
    h('summary', {}, t('population.title')),
    $.popStatus,
    h('p', {}, fileButton),
    h(
      'fieldset',
      {},
      h('legend', {}, t('population.type')),
      h('div', { class: 'grid' }, year.row, total.row, groups.map((x) => x.row)),
      h('p', { class: 'muted small' }, t('population.type.hint')),
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
