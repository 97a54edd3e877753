// The KPI files panel of the analyst toolbar (issue 14): the interventions extract the KPIs are
// computed from and the board attendance file of KPI 7, each picked from disk; the status line
// says which are in use and how many of their rows were used.
import { h } from '../dom.js';
import { t } from '../messages/index.js';
import { SPREADSHEET_ACCEPT } from './sheet.js';

/** The status line for the KPI files a report used (`report.kpi`). */
export function kpiStatus(info) {
  if (!info?.interventions && !info?.board) return t('kpi.panel.none');
  const line = (q, what) => (q ? t('kpi.panel.loaded', { what, rows: q.rows_used.toLocaleString('en-GB'), rejected: q.rows_rejected.toLocaleString('en-GB') }) : '');
  return [line(info.interventions, t('kpi.quality.interventions')), line(info.board, t('kpi.quality.board'))].filter(Boolean).join(' ');
}

/** The panel for element `el` (a <yj-lens>); its status line is `el.$.kpiStatus`. */
export function kpiPanel(el) {
  const $ = el.$;
  $.kpiStatus = h('p', { class: 'small' }, t('kpi.panel.none'));
  // Detached file inputs: the widget's only file input in the DOM stays the extract's.
  const pick = (load) => () => {
    const input = h('input', { type: 'file', accept: SPREADSHEET_ACCEPT });
    input.addEventListener('change', () => {
      const f = input.files?.[0];
      if (f) load(f).catch(() => {});
    });
    input.click();
  };
  return h(
    'details',
    { class: 'panel kpi-files' },
    h('summary', {}, t('kpi.panel.title')),
    $.kpiStatus,
    h(
      'p',
      {},
      h('button', { type: 'button', class: 'button secondary', onclick: pick((f) => el.loadInterventions(f)) }, t('kpi.panel.interventions')),
      ' ',
      h('button', { type: 'button', class: 'button secondary', onclick: pick((f) => el.loadBoard(f)) }, t('kpi.panel.board')),
    ),
    h('p', { class: 'muted small' }, t('kpi.panel.help')),
  );
}
