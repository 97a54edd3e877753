// The words and orders of the page, all from the catalogue (catalogue.js): labels of
// breakdowns, stages, tiers and period types, and the display order of each breakdown's groups.
// Labels follow the language in use (`perLang`); orders and ids are the same in every language.
import { CATALOGUE, Breakdown, Tier, breakdownInfo, perLang } from './catalogue.js';

const ethnicity = breakdownInfo(Breakdown.Ethnicity);

/** The group of an unknown ethnicity ("Unknown"). */
export const UNKNOWN_ETHNICITY = ethnicity?.unknown ?? '';
/** The known ethnic groups, in display order (shares exclude Unknown). */
export const ETHNIC = (ethnicity?.groups ?? []).map((g) => g.value).filter((g) => g !== UNKNOWN_ETHNICITY);

/** Each breakdown with fixed groups: its groups in display order (Unknown last where it has one). */
export const ORDERS = Object.fromEntries(CATALOGUE.breakdowns.filter((b) => b.groups).map((b) => [b.id, b.groups.map((g) => g.value)]));

/** Tier labels by id. */
export const TIERS = perLang((c) => Object.fromEntries(c.tiers.map((t) => [t.id, t.label])));

/** The outcome types of diversion (Community Resolution, Triage, Outcome 22). */
export const DIVERSION_TYPES = new Set(CATALOGUE.outcomes.filter((o) => o.tier === Tier.Diversion).map((o) => o.value));

/** The tier id of an outcome type as the figures name it. */
export function tierOfOutcome(value) {
  return CATALOGUE.outcomes.find((o) => o.value === value)?.tier;
}

/** Breakdown labels by id. */
export const BREAKDOWNS = perLang((c) => Object.fromEntries(c.breakdowns.map((b) => [b.id, b.label])));

/** The counted disproportionality stages' labels by id, in display order. */
export const STAGES = perLang((c) => Object.fromEntries(c.stages.filter((s) => s.counted).map((s) => [s.id, s.label])));

/** A stage as the base of a decision point ("children sentenced at court"), by id. */
export const STAGE_BASES = perLang((c) => Object.fromEntries(c.stages.map((s) => [s.id, s.base_label])));

/** The stages whose most over-represented group the Overview names. */
export const HEADLINE_STAGES = CATALOGUE.stages.filter((s) => s.headline).map((s) => s.id);

/** The decision points: `{ id, later, base }` (id `<later>_vs_<base>`), in display order. */
export const DECISION_POINTS = CATALOGUE.decision_points;

/** Whether a figure's stage is a decision point (a stage-to-stage index). */
export const isDecisionPoint = (stage) => DECISION_POINTS.some((d) => d.id === stage);

/** The one group of breakdown `all` (the whole population). */
export const ALL_GROUP = breakdownInfo(Breakdown.All)?.groups?.[0]?.value ?? '';

/** Period types in the order the period control offers them: id → "Rolling 12 months". */
export const PERIOD_LABELS = perLang((c) => Object.fromEntries(c.period_types.map((p) => [p.id, p.label])));
/** A period type in a sentence: "rolling 12 months". */
export const PERIOD_NAMES = perLang((c) => Object.fromEntries(c.period_types.map((p) => [p.id, p.name])));
/** A period type's plural: "quarters". */
export const PERIOD_PLURALS = perLang((c) => Object.fromEntries(c.period_types.map((p) => [p.id, p.plural])));

/** A status in words ("provisional (tracking incomplete)"). */
export const STATUS_WORDS = perLang((c) => Object.fromEntries(c.statuses.map((s) => [s.id, s.label])));

/** An RRI flag in words ("over-represented (95% interval above 1)"). */
export const FLAG_WORDS = perLang((c) => Object.fromEntries(c.flags.map((f) => [f.id, f.label])));

/** A group as shown: a tier's label ("Pre-court"), else the group as the figures name it. */
export function groupLabel(b, g) {
  const fixed = breakdownInfo(b)?.groups?.find((x) => x.value === g)?.label;
  return fixed ?? CATALOGUE.messages[groupMessageId(g)] ?? g;
}

/** The message id of a group's words, as the core makes it ("Not recorded" → `group.not_recorded`). */
export function groupMessageId(value) {
  const words = String(value ?? '').toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return `group.${words.join('_')}`;
}

/** Groups in the breakdown's display order; a breakdown without one (from the file): A to Z. */
export function sortGroups(breakdown, groups) {
  const order = ORDERS[breakdown];
  if (!order) return [...groups].sort((a, b) => a.localeCompare(b));
  const rank = (g) => (order.includes(g) ? order.indexOf(g) : order.length);
  return [...groups].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The extract's fields in words ("offence_date" → "offence date"). */
export const FIELD_NAMES = perLang((c) => Object.fromEntries(c.fields.map((f) => [f.id, f.label])));

/** A field id in words ("offence_date" → "offence date"); other text as is. */
export function fieldWords(field) {
  return FIELD_NAMES[field] ?? String(field ?? '').replaceAll('_', ' ');
}
