// The views: each turns the report (and the current controls) into DOM — cards, charts,
// tables. A view is `{ id, title, controls, render(ctx) → Node, available?(report) }`; ctx = { report, state,
// element }. One module per view under views/; shared blocks in views/blocks.js. The KPIs and
// Compare views are fetched the first time they are offered (issue 15): a CSV alone offers
// neither, so an analyst's page with one never fetches them.
import { distinct } from './figures.js';
import { Breakdown, Measure, PeriodType } from './catalogue.js';
import { t } from './messages/index.js';
import { qualityView } from './quality.js';
import { overview } from './views/overview.js';
import { reoffending } from './views/reoffending.js';
import { custody } from './views/custody.js';
import { ethnicity } from './views/ethnicity.js';
import { throughput } from './views/throughput.js';

/**
 * The render function of a view whose module is fetched the first time it is wanted:
 * `render.ready()` fetches it (once) and resolves when `render` can be called; until then
 * `render.loaded()` is false.
 */
function fetchedOnce(load) {
  let view = null;
  let pending = null;
  const render = (ctx) => view(ctx);
  render.loaded = () => view !== null;
  render.ready = () =>
    (pending ??= load().then(
      (fn) => {
        view = fn;
      },
      (e) => {
        pending = null;
        throw e;
      },
    ));
  return render;
}

export const VIEWS = [
  { id: 'overview', get title() {
      return t('view.overview');
    }, controls: ['period', 'service'], render: overview },
  { id: 'reoffending', get title() {
      return t('view.reoffending');
    }, controls: ['period', 'breakdown', 'service'], render: reoffending },
  { id: 'custody', get title() {
      return t('view.custody');
    }, controls: ['period', 'breakdown', 'service'], render: custody },
  { id: 'ethnicity', get title() {
      return t('view.ethnicity');
    }, controls: ['period', 'stage'], render: ethnicity },
  { id: 'throughput', get title() {
      return t('view.throughput');
    }, controls: ['count', 'scope', 'service'], render: throughput },
  { id: 'kpis', get title() {
      return t('view.kpis');
    }, controls: ['period'], render: fetchedOnce(() => import('./views/kpis.js').then((m) => m.kpis)) },
  // Issue 13: shown once comparator files are loaded (the report then carries `comparison`).
  { id: 'compare', get title() {
      return t('view.compare');
    }, controls: ['service'], render: fetchedOnce(() => import('./views/compare.js').then((m) => m.compare)), available: (report) => Boolean(report?.comparison) },
  { id: 'quality', get title() {
      return t('view.quality');
    }, controls: [], render: qualityView },
];

/** Every one of `views` ready to render (their modules fetched). */
export function viewsReady(views) {
  return Promise.all(views.map((v) => v.render.ready?.()));
}

/** Breakdowns the report holds for a measure (for the breakdown control). */
export function breakdownsOf(report, measure) {
  return distinct(report, { measure, period_type: PeriodType.FinancialYear }, 'breakdown').filter((b) => b !== Breakdown.All);
}

/** Services of a multi-service extract (empty for one service). */
export function servicesOf(report) {
  // The measures with a service breakdown (measures.md: reoffending, FTE, custody and remand).
  for (const measure of [Measure.ReoffendingCohort, Measure.FteCount, Measure.CustodySentences]) {
    const groups = distinct(report, { measure, breakdown: Breakdown.Service, period_type: PeriodType.FinancialYear }, 'group');
    if (groups.length) return groups.sort();
  }
  return [];
}
