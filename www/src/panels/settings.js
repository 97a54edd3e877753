// The Settings panel of the analyst toolbar: the analysis settings the analyst may change —
// reference group for RRI, custody rate unit, reoffending cohort method, breach offences — and
// the extract-date box (UK day/month/year; cleared, the date the file gives). Each change goes
// into the element's settings and re-analyses; the element keeps the controls in step
// (`syncSettingControls`).
import { h, uid } from '../dom.js';
import { ETHNIC } from '../labels.js';
import { CATALOGUE } from '../catalogue.js';
import { parseUkDate } from '../format.js';

/** The panel for element `el` (a <yj-lens>); its controls are kept on `el.$`. */
export function settingsPanel(el) {
  const s = el._settings;
  const $ = el.$;
  const change = (key, v) => {
    el._settings[key] = v;
    el.reanalyse().catch(() => {});
  };
  $.refControl = el.selectControl('Reference group for RRI', Object.fromEntries(ETHNIC.map((g) => [g, g])), s.reference_group, (v) => change('reference_group', v));
  const choices = (list) => Object.fromEntries(list.map((c) => [c.id, c.label]));
  $.unitControl = el.selectControl('Custody rate unit', choices(CATALOGUE.settings.custody_unit), s.custody_unit, (v) => change('custody_unit', v));
  $.cohortControl = el.selectControl(
    '12-month reoffending cohorts',
    choices(CATALOGUE.settings.cohort_method),
    s.cohort_method,
    (v) => change('cohort_method', v),
  );
  const breachId = uid('breach');
  $.breaches = h('input', { type: 'checkbox', id: breachId, checked: !s.exclude_breaches });
  $.breaches.addEventListener('change', () => change('exclude_breaches', !$.breaches.checked));
  const dateId = uid('date');
  // A text box in UK format (a date input shows the browser's locale, or an empty placeholder).
  $.extractDate = h('input', { type: 'text', id: dateId, inputmode: 'numeric', autocomplete: 'off', placeholder: 'dd/mm/yyyy', size: 12, 'aria-describedby': `${dateId}-hint` });
  $.extractDateHint = h('span', { id: `${dateId}-hint`, class: 'muted small' }, 'Day/month/year. Clear it to use the date the file gives.');
  $.extractDate.addEventListener('change', () => {
    const text = $.extractDate.value.trim();
    if (!text) return change('extract_date', null);
    const iso = parseUkDate(text);
    if (!iso) {
      el.failWith(`“${text}” is not a date: type the extract date as day/month/year, e.g. 30/09/2025.`);
      return;
    }
    change('extract_date', iso);
  });
  return h(
    'details',
    { class: 'panel settings' },
    h('summary', {}, 'Analysis settings'),
    h(
      'div',
      { class: 'grid' },
      $.refControl,
      $.unitControl,
      $.cohortControl,
      h('div', { class: 'control' }, h('label', { for: dateId }, 'Extract date (figures as at)'), $.extractDate, $.extractDateHint),
      h('div', { class: 'control check' }, $.breaches, h('label', { for: breachId }, 'Count breach offences as reoffences (local choice: off)')),
    ),
  );
}
