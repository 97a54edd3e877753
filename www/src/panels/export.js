// The Export panel of the analyst toolbar: the aggregate CSV (with disclosure control by
// default), the board pack of the chosen views, and the mapping profile.
import { h, uid } from '../dom.js';
import { VIEWS } from '../views.js';
import { download } from '../exports.js';
import { boardPack } from '../boardpack.js';
import { PERIOD_NAMES } from '../labels.js';

function stamp() {
  return new Date().toISOString().slice(0, 10);
}

/** The panel for element `el` (a <yj-lens>). */
export function exportPanel(el) {
  const check = (label, checked) => {
    const id = uid('x');
    const input = h('input', { type: 'checkbox', id, checked });
    return { input, row: h('div', { class: 'control check' }, input, h('label', { for: id }, label)) };
  };
  const suppress = check('Apply disclosure control (recommended; untick only for internal use)', true);
  const round5 = check('Round every count to the nearest 5', false);
  const quarters = check('Include single quarters', false);
  const kId = uid('k');
  const k = h('input', { type: 'number', id: kId, min: '3', max: '10', value: '5', step: '1' });
  const figures = h('button', { type: 'button', class: 'button' }, 'Download figures (CSV)');
  figures.addEventListener('click', async () => {
    try {
      const on = suppress.input.checked;
      const blob = await el.exportAggregate({
        suppress: on,
        k: Math.min(10, Math.max(3, Number(k.value) || 5)),
        round_to_5: on && round5.input.checked,
        include_quarters: quarters.input.checked,
      });
      const date = el._report?.extract_date ?? stamp();
      download(blob, `yjlens-figures-${date}${on ? '' : '-unsuppressed'}.csv`);
      el.$.status.textContent = on ? 'Figures exported with disclosure control.' : 'Figures exported WITHOUT disclosure control: for internal use only.';
    } catch (e) {
      el.fail(e);
    }
  });
  const packViews = VIEWS.filter((v) => v.id !== 'overview').map((v) => ({ v, ...check(v.title, v.id !== 'quality') }));
  const pack = h('button', { type: 'button', class: 'button' }, 'Download board pack (HTML)');
  pack.addEventListener('click', () => downloadBoardPack(el, ['overview', ...packViews.filter((x) => x.input.checked).map((x) => x.v.id)]).catch((e) => el.fail(e)));
  const profile = h('button', { type: 'button', class: 'button secondary' }, 'Save mapping profile (JSON)');
  profile.addEventListener('click', () => el.saveProfile());
  return h(
    'details',
    { class: 'panel exports' },
    h('summary', {}, 'Export'),
    h(
      'fieldset',
      {},
      h('legend', {}, 'All figures (aggregate CSV)'),
      suppress.row,
      h('div', { class: 'control' }, h('label', { for: kId }, 'Suppress counts below (k, 3–10)'), k),
      round5.row,
      quarters.row,
      figures,
    ),
    h('fieldset', {}, h('legend', {}, 'Board pack (printable HTML): Overview and'), packViews.map((x) => x.row), pack),
    h('p', {}, profile),
  );
}

/** The board pack of the chosen views as a downloaded HTML file. */
export async function downloadBoardPack(el, ids) {
  if (!el._report) throw el.failWith('Load an extract first: there are no figures for a board pack.');
  el.$.status.textContent = 'Preparing the board pack…';
  const sections = VIEWS.filter((v) => ids.includes(v.id)).map((v) => ({
    title: v.title,
    node: v.render({ report: el._report, state: el._state, element: el }),
  }));
  const r = el._report;
  const meta = [
    `Source: ${el._lastLabel ?? el._sourceName ?? 'extract'}; extract date ${r.extract_date ?? '–'}; produced ${stamp()} with yjlens ${r.tool_version ?? ''}.`,
    `Settings: breaches ${r.settings?.exclude_breaches === false ? 'counted' : 'excluded'}; reference group ${r.settings?.reference_group ?? 'White'}; 12-month reoffending ${r.settings?.cohort_method === 'legacy' ? 'legacy cohort' : 'pooled quarterly cohorts'}; period type ${PERIOD_NAMES[el._state.periodType]}.`,
    'Contains figures computed from case-level data without disclosure control: for internal use. Reoffending is a local tracker and will not equal MoJ published figures.',
  ];
  const blob = await boardPack({
    title: 'Youth justice board pack',
    meta,
    sections,
    fontFamily: getComputedStyle(el).fontFamily || 'sans-serif',
  });
  download(blob, `yjlens-board-pack-${r.extract_date ?? stamp()}.html`);
  el.$.status.textContent = 'Board pack downloaded.';
}
