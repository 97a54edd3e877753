// The Comparators panel of the analyst toolbar (issue 13, comparators.md): comparator files
// picked from disk (the published children table as CSV, ODS or the publication's zip; a
// population of areas; aggregate files with area columns; typed headline figures), the list
// of those in use with a control to drop them, our family typed as a list of areas or read
// from a `family, area` file, and a control for each area name that matches nothing.
import { h, replace, uid } from '../dom.js';
import { t } from '../messages/index.js';
import { SPREADSHEET_ACCEPT } from './sheet.js';
import { areaNames } from './area-names.js';

/** The panel for element `el` (a <yj-lens>); its status line is `el.$.comparatorStatus`. */
export function comparatorsPanel(el) {
  const $ = el.$;
  $.comparatorStatus = h('p', { class: 'small' }, t('compare.panel.none'));
  const pick = () => {
    // A detached file input: the widget's only file input in the DOM stays the extract's.
    const input = h('input', { type: 'file', multiple: true, accept: SPREADSHEET_ACCEPT });
    input.addEventListener('change', () => {
      if (input.files?.length) el.loadComparators([...input.files]).catch(() => {});
    });
    input.click();
  };
  const add = h('button', { type: 'button', class: 'button secondary', onclick: pick }, t('compare.panel.add'));
  const clear = h('button', { type: 'button', class: 'button secondary' }, t('compare.panel.clear'));
  clear.addEventListener('click', () => el.clearComparators().catch(() => {}));
  const nameId = uid('family');
  const membersId = uid('members');
  const fam = el.session.comparators.family;
  const familyName = h('input', { type: 'text', id: nameId, name: 'family-name', autocomplete: 'off', size: 18, value: fam?.name ?? '' });
  const members = h('textarea', { id: membersId, name: 'family-members', rows: 3, cols: 30, 'aria-describedby': `${membersId}-hint` });
  members.value = (fam?.members ?? []).join('\n');
  $.familyName = familyName;
  $.familyMembers = members;
  $.areaNames = h('div', { class: 'area-names-slot' });
  const pickFamily = () => {
    const input = h('input', { type: 'file', accept: SPREADSHEET_ACCEPT });
    input.addEventListener('change', () => {
      const f = input.files?.[0];
      if (f) el.session.loadFamilyFile(f).then(() => comparatorStatus(el)).catch(() => {});
    });
    input.click();
  };
  const fromFile = h('button', { type: 'button', class: 'button secondary', onclick: pickFamily }, t('compare.panel.family.file'));
  const use = h('button', { type: 'button', class: 'button' }, t('compare.panel.family.use'));
  use.addEventListener('click', () => {
    const list = members.value.split(/[\n,;]+/).map((m) => m.trim()).filter(Boolean);
    el.session.setFamily(list.length ? { name: familyName.value, members: list } : null).catch(() => {});
  });
  comparatorStatus(el);
  return h(
    'details',
    { class: 'panel comparators' },
    h('summary', {}, t('compare.panel.title')),
    $.comparatorStatus,
    h('p', {}, add, ' ', clear),
    h(
      'fieldset',
      {},
      h('legend', {}, t('compare.panel.family')),
      h('div', { class: 'control' }, h('label', { for: nameId }, t('compare.panel.family.name')), familyName),
      h('div', { class: 'control' }, h('label', { for: membersId }, t('compare.panel.family.members')), members, h('span', { id: `${membersId}-hint`, class: 'muted small' }, t('compare.panel.family.hint'))),
      h('p', {}, use, ' ', fromFile),
      h('p', { class: 'muted small' }, t('compare.panel.family.file_hint')),
    ),
    $.areaNames,
  );
}

/** Say which comparator files are in use. */
export function comparatorStatus(el) {
  const files = el.session.comparators.files;
  if (!el.$.comparatorStatus) return;
  el.$.comparatorStatus.textContent = files.length ? t('compare.panel.files', { files: files.map((f) => f.name).join(', ') }) : t('compare.panel.none');
  // The family in use (typed, from a file or from a loaded profile) shown in its fields.
  const fam = el.session.comparators.family;
  if (el.$.familyName && el.$.familyName.getRootNode().activeElement !== el.$.familyName) el.$.familyName.value = fam?.name ?? '';
  if (el.$.familyMembers) el.$.familyMembers.value = (fam?.members ?? []).join('\n');
  const report = el.session.report;
  if (el.$.areaNames) replace(el.$.areaNames, report && !report.public ? areaNames(el, report.comparison) : null);
}
