// The views: each turns the report (and the current controls) into DOM — cards, charts,
// tables. A view is `{ id, title, controls, render(ctx) → Node, available?(report) }`; ctx = { report, state,
// element }. One module per view under views/; shared blocks in views/blocks.js.
import { distinct } from './figures.js';
import { Breakdown, Measure, PeriodType } from './catalogue.js';
import { t } from './messages/index.js';
import { qualityView } from './quality.js';
import { overview } from './views/overview.js';
import { reoffending } from './views/reoffending.js';
import { custody } from './views/custody.js';
import { ethnicity } from './views/ethnicity.js';
import { throughput } from './views/throughput.js';
import { compare } from './views/compare.js';
import { kpis } from './views/kpis.js';

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
    }, controls: ['period'], render: kpis },
  // Issue 13: shown once comparator files are loaded (the report then carries `comparison`).
  { id: 'compare', get title() {
      return t('view.compare');
    }, controls: ['service'], render: compare, available: (report) => Boolean(report?.comparison) },
  { id: 'quality', get title() {
      return t('view.quality');
    }, controls: [], render: qualityView },
];

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
