// The Export panel of the analyst toolbar: the aggregate CSV (with disclosure control by
// default), the board pack of the chosen views — with the cover the analyst types (title,
// service name, reporting quarter), remembered on the element for this session only, never in
// browser storage — and the mapping profile.
import { h, uid } from '../dom.js';
import { VIEWS, viewsReady } from '../views.js';
import { download, ukDate } from '../exports.js';
import { monthName } from '../format.js';
import { boardPack } from '../boardpack.js';
import { PERIOD_NAMES, groupLabel } from '../labels.js';
import { Breakdown, CATALOGUE } from '../catalogue.js';
import { mappingSentences, plural, reasonText } from '../quality.js';
import { t } from '../messages/index.js';

/** The board pack's title when none is typed, in the language in use. */
export const packTitle = () => t('pack.title');

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
  const suppress = check(t('export.suppress'), true);
  const round5 = check(t('export.round5'), false);
  const quarters = check(t('export.quarters'), false);
  const kId = uid('k');
  const k = h('input', { type: 'number', id: kId, min: '3', max: '10', value: '5', step: '1' });
  const figures = h('button', { type: 'button', class: 'button' }, t('export.figures'));
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
      el.$.status.textContent = on ? t('export.done') : t('export.done.unsuppressed');
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
    text(t('pack.cover.title'), 'title', packTitle()),
    text(t('pack.cover.service'), 'service', t('pack.cover.service.hint')),
    text(t('pack.cover.quarter'), 'quarter', t('pack.cover.quarter.hint', { quarter: `${monthName(6)}–${monthName(8)} 2025` })),
    h('p', { class: 'muted small' }, t('pack.cover.note')),
  ];
  const pack = h('button', { type: 'button', class: 'button' }, t('pack.download'));
  pack.addEventListener('click', () => downloadBoardPack(el, ['overview', ...packViews.filter((x) => x.input.checked).map((x) => x.v.id)]).catch((e) => el.fail(e)));
  const profile = h('button', { type: 'button', class: 'button secondary' }, t('profile.save'));
  profile.addEventListener('click', () => el.saveProfile());
  return h(
    'details',
    { class: 'panel exports' },
    h('summary', {}, t('export.title')),
    h(
      'fieldset',
      {},
      h('legend', {}, t('export.all')),
      suppress.row,
      h('div', { class: 'control' }, h('label', { for: kId }, t('export.k')), k),
      round5.row,
      quarters.row,
      figures,
    ),
    h('fieldset', {}, h('legend', {}, t('pack.legend')), coverRows, packViews.map((x) => x.row), pack),
    h('p', {}, profile),
  );
}

/** The data-quality lines of the pack: what became of the rows, and why rows were rejected. */
function qualityLines(r) {
  const q = r.quality;
  if (!q) return [];
  const parts = [t('quality.summary.used', { rows: plural(q.rows_used, 'row') }), t('quality.summary.rejected', { rows: plural(q.rows_rejected, 'row') })];
  if (q.duplicates) parts.push(t('quality.summary.duplicates', { rows: plural(q.duplicates, 'exact duplicate') }));
  const out = [t('quality.summary', { rows: plural(q.rows_read, 'row'), parts: parts.join(', ') })];
  if (q.rejected?.length) out.push(t('pack.rejected', { reasons: q.rejected.map((x) => `${reasonText(x, q).replace(/^./, (c) => c.toLowerCase())} (${plural(x.count, 'row')})`).join('; ') }));
  const unknown = (q.unknown_codes ?? []).reduce((s, c) => s + (c.rows ?? 0), 0);
  if (unknown) out.push(t(unknown === 1 ? 'pack.unknown.one' : 'pack.unknown', { rows: plural(unknown, 'row') }));
  return out;
}

/** The board pack of the chosen views as a downloaded HTML file. */
export async function downloadBoardPack(el, ids) {
  if (!el.report) throw el.failWith(t('pack.no_report'));
  el.$.status.textContent = t('pack.preparing');
  const chosen = VIEWS.filter((v) => ids.includes(v.id) && (!v.available || v.available(el.report)));
  await viewsReady(chosen); // issue 15: the KPIs and Compare views load lazily
  const sections = chosen.map((v) => ({
    title: v.title,
    node: v.render({ report: el.report, state: el._state, element: el }),
  }));
  const r = el.report;
  const cover = packCover(el);
  const asAt = r.extract_date ? t('pack.as_at', { date: ukDate(r.extract_date) }) : t('pack.as_at.latest');
  const meta = [
    t('pack.produced', { as_at: asAt, date: ukDate(new Date()), version: r.tool_version ?? '' }).replace(' .', '.'),
    t('pack.source', { source: el.session.lastLabel ?? el.session.sourceName ?? t('file.extract'), population: el.session.population ? t('pack.source.population', { label: el.session.population.label }) : '' }),
    t('pack.settings', {
      breaches: r.settings?.exclude_breaches === false ? t('pack.settings.counted') : t('pack.settings.excluded'),
      reference: groupLabel(Breakdown.Ethnicity, r.settings?.reference_group ?? CATALOGUE.settings.defaults.reference_group),
      cohorts: r.settings?.cohort_method === 'legacy' ? t('pack.settings.legacy') : t('pack.settings.pooled'),
      period: PERIOD_NAMES[el._state.periodType],
    }),
    t('pack.internal'),
  ];
  const blob = await boardPack({
    title: cover.title.trim() || packTitle(),
    cover: { service: cover.service.trim(), quarter: cover.quarter.trim() },
    meta,
    sections,
    quality: ids.includes('quality') ? null : { summary: qualityLines(r), mappings: mappingSentences(el.profile) },
    fontFamily: getComputedStyle(el).fontFamily || 'sans-serif',
  });
  download(blob, `yjlens-board-pack-${r.extract_date ?? new Date().toISOString().slice(0, 10)}.html`);
  el.$.status.textContent = t('pack.done');
}
