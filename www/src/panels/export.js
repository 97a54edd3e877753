// The Export panel of the analyst toolbar: the aggregate CSV (with disclosure control by
// default), the board pack of the chosen views — with the cover the analyst types (title,
// service name, reporting quarter), remembered on the element for this session only, never in
// browser storage — and the mapping profile.
import { h, uid } from '../dom.js';
import { VIEWS } from '../views.js';
import { download, ukDate } from '../exports.js';
import { boardPack } from '../boardpack.js';
import { PERIOD_NAMES } from '../labels.js';
import { CATALOGUE } from '../catalogue.js';
import { mappingSentences, plural, reasonText } from '../quality.js';

export const PACK_TITLE = 'Youth justice board pack';

/** The board pack's cover as typed: a plain JS object on the element (this session only). */
export function packCover(el) {
  el._packCover ??= { title: '', service: '', quarter: '' };
  return el._packCover;
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
      const date = el.report?.extract_date ?? new Date().toISOString().slice(0, 10);
      download(blob, `yjlens-figures-${date}${on ? '' : '-unsuppressed'}.csv`);
      el.$.status.textContent = on ? 'Figures exported with disclosure control.' : 'Figures exported WITHOUT disclosure control: for internal use only.';
    } catch (e) {
      el.fail(e);
    }
  });
  // Issue 14: the KPIs section is offered, not ticked (the quarterly return has its own pack);
  // issue 13: a view shown only with some input (Compare: comparator files) neither.
  const packViews = VIEWS.filter((v) => v.id !== 'overview').map((v) => ({ v, ...check(v.title, v.id !== 'quality' && v.id !== 'kpis' && !v.available) }));
  const cover = packCover(el);
  const text = (label, key, hint) => {
    const id = uid('pack');
    const input = h('input', { type: 'text', id, name: `pack-${key}`, value: cover[key], placeholder: hint, autocomplete: 'off' });
    input.addEventListener('input', () => {
      cover[key] = input.value;
    });
    return h('div', { class: 'control' }, h('label', { for: id }, label), input);
  };
  const coverRows = [
    text('Title', 'title', PACK_TITLE),
    text('Service name', 'service', 'e.g. Northtown Youth Justice Service'),
    text('Reporting quarter', 'quarter', 'e.g. Jul–Sep 2025'),
    h('p', { class: 'muted small' }, 'Shown on the pack’s cover; kept until this page is closed, not stored in the browser.'),
  ];
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
    h('fieldset', {}, h('legend', {}, 'Board pack (printable HTML): Overview and'), coverRows, packViews.map((x) => x.row), pack),
    h('p', {}, profile),
  );
}

/** The data-quality lines of the pack: what became of the rows, and why rows were rejected. */
function qualityLines(r) {
  const q = r.quality;
  if (!q) return [];
  const out = [`${plural(q.rows_read, 'row')} read: ${plural(q.rows_used, 'row')} used, ${plural(q.rows_rejected, 'row')} rejected${q.duplicates ? `, ${plural(q.duplicates, 'exact duplicate')} kept once` : ''}.`];
  if (q.rejected?.length) out.push(`Rejected: ${q.rejected.map((x) => `${reasonText(x, q).replace(/^./, (c) => c.toLowerCase())} (${plural(x.count, 'row')})`).join('; ')}.`);
  const unknown = (q.unknown_codes ?? []).reduce((s, c) => s + (c.rows ?? 0), 0);
  if (unknown) out.push(`${plural(unknown, 'row')} with an unknown code ${unknown === 1 ? 'is' : 'are'} kept but in no measure until mapped.`);
  return out;
}

/** The board pack of the chosen views as a downloaded HTML file. */
export async function downloadBoardPack(el, ids) {
  if (!el.report) throw el.failWith('Load an extract first: there are no figures for a board pack.');
  el.$.status.textContent = 'Preparing the board pack…';
  const sections = VIEWS.filter((v) => ids.includes(v.id) && (!v.available || v.available(el.report))).map((v) => ({
    title: v.title,
    node: v.render({ report: el.report, state: el._state, element: el }),
  }));
  const r = el.report;
  const cover = packCover(el);
  const asAt = r.extract_date ? `Figures as at ${ukDate(r.extract_date)}` : 'Figures as at the latest outcome date';
  const meta = [
    `${asAt}; produced ${ukDate(new Date())} with yjlens ${r.tool_version ?? ''}.`.replace(' .', '.'),
    `Source: ${el.session.lastLabel ?? el.session.sourceName ?? 'extract'}${el.session.population ? `; population (denominators): ${el.session.population.label}` : ''}.`,
    `Settings: breaches ${r.settings?.exclude_breaches === false ? 'counted' : 'excluded'}; reference group ${r.settings?.reference_group ?? CATALOGUE.settings.defaults.reference_group}; 12-month reoffending ${r.settings?.cohort_method === 'legacy' ? 'legacy cohort' : 'pooled quarterly cohorts'}; period type ${PERIOD_NAMES[el._state.periodType]}.`,
    'Contains figures computed from case-level data without disclosure control: for internal use. Reoffending is a local tracker and will not equal MoJ published figures.',
  ];
  const blob = await boardPack({
    title: cover.title.trim() || PACK_TITLE,
    cover: { service: cover.service.trim(), quarter: cover.quarter.trim() },
    meta,
    sections,
    quality: ids.includes('quality') ? null : { summary: qualityLines(r), mappings: mappingSentences(el.profile) },
    fontFamily: getComputedStyle(el).fontFamily || 'sans-serif',
  });
  download(blob, `yjlens-board-pack-${r.extract_date ?? new Date().toISOString().slice(0, 10)}.html`);
  el.$.status.textContent = 'Board pack downloaded.';
}
