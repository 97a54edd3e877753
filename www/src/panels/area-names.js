// Area names that match nothing (issue 13, comparators.md "an area name matching nothing is
// listed with a control to map it"): per unmatched name — a comparator area the population
// does not name, or a population area no comparator file names — a labelled select of the
// known areas it could mean, and "leave out". A choice re-runs the comparison and is saved
// in the mapping profile (`areas`), which `yjlens compare --mapping` also reads.
import { h, uid } from '../dom.js';
import { t } from '../messages/index.js';

/** The value of the "leave out" choice (an empty target in the profile). */
const LEAVE_OUT = '';
/** The value of "not mapped yet" (no entry in the profile). */
const UNMAPPED = '\u0000';

/**
 * The control for the comparison `result` of the report on screen (`{ no_population,
 * unknown_areas, area_choices }`), or null when every name matches. Names already mapped
 * stay listed with their choice, so a choice can be changed.
 */
export function areaNames(el, result) {
  const areas = el.session.comparators.areas ?? {};
  const choices = result?.area_choices ?? { population: [], comparators: [] };
  const rows = [
    ...(result?.no_population ?? []).map((name) => ({ name, known: choices.population, hint: 'compare.map.no_population' })),
    ...(result?.unknown_areas ?? []).map((name) => ({ name, known: choices.comparators, hint: 'compare.map.unknown' })),
  ];
  // Names mapped earlier no longer match nothing; they stay here to be changed.
  for (const name of Object.keys(areas)) {
    if (rows.some((r) => r.name === name)) continue;
    const inPopulation = choices.population.includes(name);
    rows.push({ name, known: inPopulation ? choices.comparators : choices.population, hint: inPopulation ? 'compare.map.unknown' : 'compare.map.no_population' });
  }
  if (!rows.length) return null;
  const hintId = uid('area-names-hint');
  return h(
    'fieldset',
    { class: 'area-names' },
    h('legend', {}, t('compare.map.title')),
    h('p', { id: hintId, class: 'muted small' }, t('compare.map.hint')),
    rows.map(({ name, known, hint }) => {
      const id = uid('area-name');
      const current = Object.hasOwn(areas, name) ? areas[name] : UNMAPPED;
      const select = h(
        'select',
        { id, name: 'area-name', 'aria-describedby': hintId },
        h('option', { value: UNMAPPED, selected: current === UNMAPPED }, t('compare.map.unmapped')),
        h('option', { value: LEAVE_OUT, selected: current === LEAVE_OUT }, t('compare.map.leave_out')),
        known.filter((k) => k !== name).map((k) => h('option', { value: k, selected: current === k }, k)),
      );
      select.addEventListener('change', () => {
        el.session.mapArea(name, select.value === UNMAPPED ? null : select.value).catch(() => {});
      });
      return h('div', { class: 'control' }, h('label', { for: id }, t(hint, { name })), select);
    }),
  );
}
