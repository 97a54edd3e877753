// The Settings panel of the analyst toolbar: the analysis settings the analyst may change —
// reference group for RRI, custody rate unit, reoffending cohort method, breach offences — and
// the extract-date box (UK day/month/year; cleared, the date the file gives). Each change goes
// into the element's settings and re-analyses; the element keeps the controls in step
// (`syncSettingControls`).
import { h, uid } from '../dom.js';
import { ETHNIC } from '../labels.js';
import { CATALOGUE } from '../catalogue.js';
import { t } from '../messages/index.js';
import { parseUkDate } from '../format.js';

/** The panel for element `el` (a <yj-lens>); its controls are kept on `el.$`. */
export function settingsPanel(el) {
  const s = el.session.settings;
  const $ = el.$;
  const change = (key, v) => el.session.changeSetting(key, v);
  $.refControl = el.selectControl(t('settings.reference_group'), Object.fromEntries(ETHNIC.map((g) => [g, g])), s.reference_group, (v) => change('reference_group', v));
  const choices = (list) => Object.fromEntries(list.map((c) => [c.id, c.label]));
  $.unitControl = el.selectControl(t('settings.custody_unit'), choices(CATALOGUE.settings.custody_unit), s.custody_unit, (v) => change('custody_unit', v));
  $.cohortControl = el.selectControl(
    t('settings.cohort_method'),
    choices(CATALOGUE.settings.cohort_method),
    s.cohort_method,
    (v) => change('cohort_method', v),
  );
  const breachId = uid('breach');
  $.breaches = h('input', { type: 'checkbox', id: breachId, checked: !s.exclude_breaches });
  $.breaches.addEventListener('change', () => change('exclude_breaches', !$.breaches.checked));
  const dateId = uid('date');
  // A text box in UK format (a date input shows the browser's locale, or an empty placeholder).
  $.extractDate = h('input', { type: 'text', id: dateId, inputmode: 'numeric', autocomplete: 'off', placeholder: t('settings.extract_date.placeholder'), size: 12, 'aria-describedby': `${dateId}-hint` });
  $.extractDateHint = h('span', { id: `${dateId}-hint`, class: 'muted small' }, t('settings.extract_date.hint'));
  $.extractDate.addEventListener('change', () => {
    const text = $.extractDate.value.trim();
    if (!text) return change('extract_date', null);
    const iso = parseUkDate(text);
    if (!iso) {
      el.failWith(t('settings.extract_date.invalid', { text }));
      return;
    }
    change('extract_date', iso);
  });
  // Issue 13: our area, by name and ONS code (comparators.md, "Our area").
  const areaId = uid('area');
  const codeId = uid('area-code');
  const area = el.session.comparators.area;
  $.areaName = h('input', { type: 'text', id: areaId, name: 'area', autocomplete: 'off', size: 18, value: area.name });
  $.areaCode = h('input', { type: 'text', id: codeId, name: 'area-code', autocomplete: 'off', size: 10, value: area.code, 'aria-describedby': `${codeId}-hint` });
  const setArea = () => el.session.setArea($.areaName.value, $.areaCode.value).catch(() => {});
  $.areaName.addEventListener('change', setArea);
  $.areaCode.addEventListener('change', setArea);
  return h(
    'details',
    { class: 'panel settings' },
    h('summary', {}, t('settings.title')),
    h(
      'div',
      { class: 'grid' },
      $.refControl,
      $.unitControl,
      $.cohortControl,
      h('div', { class: 'control' }, h('label', { for: dateId }, t('settings.extract_date')), $.extractDate, $.extractDateHint),
      h('div', { class: 'control check' }, $.breaches, h('label', { for: breachId }, t('settings.breaches'))),
      h('div', { class: 'control' }, h('label', { for: areaId }, t('settings.area')), $.areaName),
      h('div', { class: 'control' }, h('label', { for: codeId }, t('settings.area_code')), $.areaCode, h('span', { id: `${codeId}-hint`, class: 'muted small' }, t('settings.area_code.hint'))),
    ),
  );
}
