// The report and the catalogue as the wasm core gives them: generated from the Rust types
// (src/report.rs, src/catalogue/) by tests/typescript.rs. Do not edit: `make types` writes
// it, and `cargo test` fails while it is stale. The element's API is in yj-lens.d.ts.

// Ids of the catalogue (src/catalogue/)

/**
 * A measure id, in the order the catalogue lists them.
 */
export type Measure = "reoffending_cohort" | "reoffending_reoffenders" | "reoffending_reoffences" | "reoffending_binary_rate" | "reoffending_frequency_rate" | "reoffences_per_reoffender" | "reoffending_time_to_first" | "reoffending_concentration" | "reoffending_distribution" | "fte_count" | "fte_rate" | "custody_sentences" | "custody_children" | "custody_rate" | "custody_share_of_court" | "remand_episodes" | "remand_children" | "remand_bed_nights" | "remand_la_episodes" | "remand_outcome_custody" | "disp_count" | "disp_share" | "disp_unknown_share" | "disp_population_share" | "disp_gap_pp" | "disp_rate" | "disp_rri" | "throughput_children" | "throughput_occasions" | "throughput_offences" | "serious_violence_count" | "serious_violence_rate" | "kpi1_accommodation_suitable" | "kpi1_accommodation_suitable_not_recorded" | "kpi2_ete_suitable" | "kpi2_ete_suitable_not_recorded" | "kpi3_send_in_ete_with_plan" | "kpi3_send_in_ete_with_plan_not_recorded" | "kpi3_send_identified" | "kpi3_send_identified_not_recorded" | "kpi4_mh_need" | "kpi4_mh_need_not_recorded" | "kpi4_mh_offered" | "kpi4_mh_offered_not_recorded" | "kpi4_mh_attended" | "kpi4_mh_attended_not_recorded" | "kpi5_sm_need" | "kpi5_sm_need_not_recorded" | "kpi5_sm_offered" | "kpi5_sm_offered_not_recorded" | "kpi5_sm_attended" | "kpi5_sm_attended_not_recorded" | "kpi6_oocd_completed" | "kpi6_oocd_completed_not_recorded" | "kpi7_board_attendance" | "kpi7_board_attendance_not_recorded" | "kpi8_wider_services" | "kpi8_wider_services_not_recorded" | "kpi9_serious_violence_rate" | "kpi10_victims_engaged" | "kpi10_victims_engaged_not_recorded" | "kpi_ete_hours_offered" | "kpi_ete_hours_attended";
/**
 * The families of measures (one section of `measures.md` each).
 */
export type Family = "reoffending" | "first_time_entrants" | "custody" | "remand" | "disproportionality" | "throughput" | "serious_violence" | "kpi";
/**
 * A stage, in the order its figures are written. The last two are base stages used only
 * by stage-to-stage (decision-point) indices: they have no figures of their own.
 */
export type Stage = "throughput" | "substantive" | "diversion" | "out_of_court" | "first_time_entrants" | "court" | "custody" | "remand" | "reoffending_cohort" | "reoffending" | "diversion_or_out_of_court" | "court_or_remand";
/**
 * A breakdown: what the `breakdown` (and `breakdown2`) cell names.
 */
export type Breakdown = "all" | "ethnicity" | "ethnicity_detail" | "sex" | "age_band" | "age" | "outcome_tier" | "outcome_type" | "sentence_type" | "offence_category" | "gravity_band" | "looked_after" | "service" | "previous_occasions" | "month" | "reoffences_band" | "intervention_group" | "partner";
/**
 * A figure's unit (its text is the `unit` column).
 */
export type Unit = "children" | "offences" | "occasions" | "episodes" | "nights" | "%" | "% of cohort" | "% of reoffences" | "percentage points" | "reoffences per child in the cohort" | "reoffences per reoffender" | "per 1,000 aged 10-17" | "per 100,000 aged 10-17" | "per 1,000 aged 10-17 of the group" | "ratio" | "board places" | "interventions" | "hours a week per child";
/**
 * What kind of number a unit is: how it is rounded, what count it rests on, how it changes.
 */
export type UnitKind = "count" | "share" | "per_head" | "rate" | "difference" | "index";
/**
 * Over- or under-representation as its 95% interval says, or too few to test.
 */
export type Flag = "over" | "under" | "none" | "too_few" | "recording";
/**
 * `final`, `provisional` (a reoffending cohort still being tracked) or `partial` (a period
 * containing the extract date).
 */
export type Status = "final" | "provisional" | "partial";
/**
 * The three period types of `measures.md` ("Periods").
 */
export type PeriodType = "quarter" | "financial_year" | "rolling_12m";
/**
 * The tier of an outcome. "Substantive" = pre-court, first tier, community or custody.
 */
export type Tier = "diversion" | "pre_court" | "first_tier" | "community" | "custody" | "remand" | "not_an_outcome" | "unknown";
export type EthnicGroup = "White" | "Black" | "Asian" | "Mixed" | "Other" | "Unknown";
/**
 * A language of the message tables.
 */
export type Lang = "en";
/** A figure's `stage`: none, a stage, or a decision point `<later>_vs_<base>`. */
export type StageCell = "" | Stage | `${Stage}_vs_${Stage}`;

// The report (src/report.rs)

/**
 * One figure: one row of the aggregate file without its provenance columns.
 * Field names and meanings are exactly those of `input-formats.md` §4, and their order is the
 * schema's ([`crate::catalogue::schema`], which the packed transfer and the aggregate file
 * follow).
 */
export type Figure = { measure: Measure, 
/**
 * Disproportionality stage for `disp_*` measures (`<later>_vs_<base>` for a decision
 * point), empty otherwise.
 */
stage: StageCell, period_type: PeriodType, period_start: string, 
/**
 * Inclusive.
 */
period_end: string, period_label: string, 
/**
 * `all`, `ethnicity`, `sex`, … (`input-formats.md` §4).
 */
breakdown: Breakdown, 
/**
 * The group within the breakdown (`all` for the total).
 */
group: string, 
/**
 * The second breakdown of a cross-tabulation (age × sex); empty otherwise.
 */
breakdown2: Breakdown | "", group2: string, numerator: number | null, denominator: number | null, 
/**
 * In the printed unit (a percentage is 22.222222, not 0.222222), unrounded.
 */
value: number | null, unit: Unit, ci_low: number | null, ci_high: number | null, 
/**
 * `over`, `under`, `none`, `too_few` on `disp_rri` rows; empty elsewhere.
 */
flag: Flag | "", status: Status, 
/**
 * True where disclosure control hid the numbers (then they are all `None`).
 */
suppressed: boolean, 
/**
 * The definition text a reader needs (says "local choice" where one applies).
 */
definition: string, };
/**
 * Every choice that changes a figure. Missing fields take their defaults.
 */
export type Settings = { 
/**
 * `None`: the latest outcome date in the extract.
 */
extract_date: string | null, 
/**
 * Breaches excluded from reoffences (local choice, on by default).
 */
exclude_breaches: boolean, reference_group: EthnicGroup, cohort_method: CohortMethod, custody_unit: CustodyUnit, };
/**
 * How 12-month reoffending figures are formed (`measures.md`, reoffending §6).
 */
export type CohortMethod = "pooled" | "legacy";
/**
 * Unit of the custody rate.
 */
export type CustodyUnit = "per1000" | "per100000";
/**
 * Where the extract date the measures used came from.
 */
export type ExtractDateSource = "user" | "title" | "latest_outcome";
export type QualityReport = { rows_read: number, rows_used: number, rows_rejected: number, duplicates: number, 
/**
 * Rejections by reason (`wrong field count`, `invalid date`, …).
 */
rejected: Array<Reason>, 
/**
 * Rows kept with a warning, by kind.
 */
warnings: Array<Reason>, 
/**
 * Values no code list recognised, with how many rows carry each.
 */
unknown_codes: Array<UnknownCode>, 
/**
 * Headers dropped on ingest because they look like direct identifiers.
 */
dropped_columns: Array<string>, 
/**
 * Canonical field → header it was matched to.
 */
columns: Array<[string, string]>, delimiter: string, encoding: string, first_outcome_date: string | null, last_outcome_date: string | null, 
/**
 * Range of the kept rows' offence dates.
 */
first_offence_date: string | null, last_offence_date: string | null, 
/**
 * Kept rows whose age at the outcome date cannot be known (no birth date, month or age).
 */
age_unknown_rows: number, 
/**
 * Distinct children among the kept rows.
 */
children: number, 
/**
 * Headers matched to no field (not used; never shown as values).
 */
ignored_columns: Array<string>, 
/**
 * Line of the header row (after any title lines).
 */
header_line: number, 
/**
 * Children whose rows disagree on an attribute, by attribute.
 */
conflicting: Array<Conflict>, 
/**
 * Non-blank lines above the header that were skipped (their text is never kept).
 */
title_lines: number, 
/**
 * A date read from a title line ("produced 30/09/2025", "as at 30 September 2025").
 */
title_date: string | null, 
/**
 * Every rejected row (line, reason, field; never a value), in file order, at most
 * [`MAX_REJECTED_LINES`]: for the "download rejected rows" button.
 */
rejected_lines: Array<RejectedLine>, 
/**
 * More rows were rejected than [`QualityReport::rejected_lines`] lists.
 */
rejected_lines_truncated: boolean, };
/**
 * One count of the report: rows rejected (or kept with a warning) for one reason in one
 * field. The same reason in two fields ("invalid date" in offence_date and in
 * outcome_date) is two entries.
 */
export type Reason = { 
/**
 * Plain English, never a raw field name (`invalid date`, `missing required value`).
 */
reason: string, 
/**
 * The canonical field (`offence_date`), "" when the reason is about no one field.
 */
field: string, count: number, 
/**
 * Example line numbers (at most [`MAX_EXAMPLES`]).
 */
examples: Array<number>, 
/**
 * The first offending value (`31/02/2024`) for value reasons; "" for missing values
 * and never for the child's id or date of birth.
 */
example_value: string, };
/**
 * One rejected row, for the list a user can download: no value of the row is kept.
 */
export type RejectedLine = { 
/**
 * Spreadsheet line number.
 */
line: number, reason: string, 
/**
 * The canonical field, "" when none.
 */
field: string, };
export type UnknownCode = { 
/**
 * `outcome`, `ethnicity`, `sex`, `looked_after`.
 */
field: string, value: string, rows: number, };
export type Conflict = { attribute: string, children: number, };
/**
 * Counts the measures add to the data-quality report.
 */
export type MeasureChecks = { 
/**
 * Rows with an offence or outcome date after the extract date (ignored).
 */
rows_after_extract_date: number, 
/**
 * Rows whose outcome is unknown or "not an outcome" (in no measure).
 */
rows_in_no_measure: number, 
/**
 * Children with at least one row that enters a measure.
 */
children: number, 
/**
 * Children with no date of birth, birth month or age (included in youth measures).
 */
children_unknown_age: number, 
/**
 * Children with an occasion at which they were under 10 or 18+.
 */
children_outside_10_17: number, 
/**
 * Custodial occasions with no release date (cannot index a reoffending cohort).
 */
custodial_without_release: number, 
/**
 * Custodial occasions whose release is after the extract date (still in custody).
 */
custodial_release_after_extract_date: number, 
/**
 * Remands to youth detention accommodation with no end date by the extract date.
 */
open_remand_episodes: number, 
/**
 * Children whose rows disagree on an attribute (the latest known value is used).
 */
conflicting: Array<Conflict>, 
/**
 * Earliest outcome date among the rows used: history before a period starts here.
 */
data_start: string | null, population_given: boolean, };
/**
 * Which population the rates of a report use (every rate's definition names it too).
 */
export type PopulationInfo = { 
/**
 * A file name, "typed totals" or "synthetic sample population".
 */
source: string, 
/**
 * Population years used by the report's periods, ascending (empty when the population
 * has no year: one population for every period).
 */
years: Array<number>, 
/**
 * Rows of the population file rejected (in no denominator); absent when none were.
 */
rows_rejected?: number, 
/**
 * Those rows by reason, as the extract's rejections (`field` `population` for the
 * count; `examples` are data-row numbers, 1 = the first row under the header); absent
 * when none. Each rate whose denominator lost rows also says so in its definition's
 * "Denominator: …" sentence.
 */
rejected?: Array<Reason>, };
/**
 * The whole result of one analysis.
 */
export type Report = { tool_version: string, settings: Settings, 
/**
 * The extract date actually used.
 */
extract_date: string, 
/**
 * Where it came from: the user's setting, a title line, or the latest outcome date.
 */
extract_date_source: ExtractDateSource, quality: QualityReport, figures: Array<Figure>, 
/**
 * Notes a reader must see (history too short for FTEs, population year substituted, …).
 */
notes: Array<string>, 
/**
 * What the measures found that the reader could not know (rows after a user-set
 * extract date, children of unknown age, custody without release, …).
 */
checks: MeasureChecks, 
/**
 * The full definition of every measure id (each figure's `definition` is the short,
 * figure-specific part).
 */
definitions: { [key in string]?: string }, 
/**
 * Like-for-like counterparts for changes (`measures.md`, "Changes"): the figures of the
 * same computation as at [`Report::year_earlier_as_at`] (the extract date − 12 months)
 * whose status is `partial` or `provisional`, breakdowns `all`, `service` and
 * `ethnicity` only. A partial period's counterpart covers the same part of the period
 * a year earlier; a provisional cohort's counterpart has its reoffences only up to the
 * same distance after its index events ("at the same point of tracking"). Each says so
 * in its `definition`. Never written to the aggregate file.
 */
year_earlier: Array<Figure>, 
/**
 * The date the [`Report::year_earlier`] figures are as at; `None` when the data start
 * after it (nothing to compare with).
 */
year_earlier_as_at: string | null, 
/**
 * The population the rates use: its source and the years used. `None` without one.
 */
population: PopulationInfo | null, 
/**
 * The KPIs' files and what they found (`kpis.md`); `None` when no interventions extract
 * or board file was given.
 */
kpi?: KpiInfo | null, };

// Comparators (src/comparators/): `report.comparison.comparison` once comparator files are loaded

/**
 * What an area is.
 */
export type AreaKind = "ours" | "yjs" | "region" | "nation" | "family";
/**
 * One figure of one area: the object of `yjlens compare --json` (`comparators.md`, "CLI").
 */
export type CompareRow = { measure: Measure, stage: string, period_type: PeriodType, period_start: string, period_end: string, breakdown: Breakdown, group: string, area: string, area_code: string | null, area_kind: AreaKind, numerator: number | null, denominator: number | null, value: number | null, rank: number | null, rank_of: number | null, rank_region: number | null, rank_region_of: number | null, rank_family: number | null, rank_family_of: number | null, published_ours: boolean, };
/**
 * Our figure against a comparator's value.
 */
export type Verdict = "higher" | "lower" | "similar";
/**
 * What a view needs of a row beyond the JSON object.
 */
export type RowDetail = { unit: Unit | null, suppressed: boolean, 
/**
 * A published (PNC) definition.
 */
published: boolean, 
/**
 * Our figure against this comparator (`None` on our own row, or without an interval).
 */
verdict: Verdict | null, 
/**
 * Ours − theirs in percentage points (a share) or as a count; ours ÷ theirs for a rate,
 * per-head figure or index.
 */
difference: number | null, 
/**
 * A pooled figure: members with data, members.
 */
members: [number, number] | null, in_region: boolean, in_family: boolean, 
/**
 * "local tracker vs published national figure: definitions differ", where it applies.
 */
note: string | null, };
/**
 * The comparison of a report with a comparator set.
 */
export type Comparison = { 
/**
 * One object per figure and area; ours first within each figure.
 */
rows: Array<CompareRow>, 
/**
 * `details[i]` belongs to `rows[i]`.
 */
details: Array<RowDetail>, 
/**
 * Our region, where a comparator file names it.
 */
region: string | null, family: string | null, 
/**
 * YJS areas left out of ranks for a figure because suppressed or missing, per figure
 * (index of our row in `rows` → count).
 */
left_out: Array<[number, number]>, };

// The catalogue (src/catalogue/mod.rs): what `catalogue(lang)` returns

/**
 * The whole catalogue in one language.
 */
export type Catalogue = { lang: Lang, measures: Array<MeasureEntry>, families: Array<Entry>, 
/**
 * Every stage, counted ones first, in display order.
 */
stages: Array<StageEntry>, decision_points: Array<DecisionPoint>, breakdowns: Array<BreakdownEntry>, tiers: Array<TierEntry>, outcomes: Array<OutcomeEntry>, units: Array<UnitEntry>, flags: Array<Entry>, statuses: Array<Entry>, 
/**
 * In the order the period control offers them.
 */
period_types: Array<PeriodTypeEntry>, 
/**
 * The fields of the case-level extract (`input-formats.md` §2), in the spec's order.
 */
fields: Array<Entry>, settings: SettingChoices, 
/**
 * The figure columns in order: text columns, then number columns, as the packed figures
 * carry them.
 */
text_columns: Array<string>, number_columns: Array<string>, 
/**
 * The whole message table of the language (id → text).
 */
messages: Record<string, string>, };
/**
 * One id with its words: `{ id, key, label }`.
 */
export type Entry = { id: string, 
/**
 * The page's name for the id (the Rust variant's name).
 */
key: string, label: string, };
/**
 * A measure in the catalogue.
 */
export type MeasureEntry = { id: Measure, key: string, label: string, family: Family, 
/**
 * The unit's text (the custody rate's follows the `custody_unit` setting: its default).
 */
unit: Unit, 
/**
 * Decimal places its values are shown with.
 */
decimals: number, 
/**
 * Whether its value is empty without a population (not for a decision point's index).
 */
needs_population: boolean, 
/**
 * Whether its figures carry a stage.
 */
has_stage: boolean, 
/**
 * The definition in words, with the default settings (a report carries its own, for
 * its settings, in `definitions`).
 */
definition: string, };
/**
 * A stage in the catalogue.
 */
export type StageEntry = { id: Stage, key: string, label: string, 
/**
 * The stage as the base of a decision point ("children sentenced at court").
 */
base_label: string, 
/**
 * Whether it has figures of its own (not a base-only stage).
 */
counted: boolean, 
/**
 * Whether the Overview names the most over-represented group at this stage.
 */
headline: boolean, };
/**
 * A decision point: the later stage's children as a share of the base stage's.
 */
export type DecisionPoint = { 
/**
 * The `stage` cell of its figures: `<later>_vs_<base>`.
 */
id: string, later: Stage, base: Stage, };
/**
 * A breakdown in the catalogue.
 */
export type BreakdownEntry = { id: Breakdown, key: string, label: string, 
/**
 * Its groups in display order; `null` when they come from the extract (detailed
 * ethnicity, offence category, service: shown in alphabetical order).
 */
groups: Array<GroupEntry> | null, 
/**
 * The group of an unknown value, where the breakdown has one.
 */
unknown: string | null, };
/**
 * A group of a breakdown: the value in the `group` cell and its words.
 */
export type GroupEntry = { value: string, label: string, };
/**
 * An outcome code.
 */
export type OutcomeEntry = { id: string, key: string, 
/**
 * The outcome as the figures name it (the `outcome_type` group).
 */
value: string, label: string, tier: Tier, 
/**
 * Whether its rows form occasions (diversion to custody); remands and "not an outcome"
 * do not.
 */
forms_occasion: boolean, };
/**
 * An outcome tier.
 */
export type TierEntry = { id: Tier, key: string, label: string, 
/**
 * Pre-court, first tier, community or custody: what the YJB counts.
 */
substantive: boolean, };
/**
 * A unit.
 */
export type UnitEntry = { id: string, key: string, 
/**
 * The unit as figures carry it (`per 1,000 aged 10-17`).
 */
text: Unit, label: string, kind: UnitKind, decimals: number, };
/**
 * A period type.
 */
export type PeriodTypeEntry = { id: PeriodType, key: string, 
/**
 * "Rolling 12 months" (a control's option).
 */
label: string, 
/**
 * "rolling 12 months" (in a sentence).
 */
name: string, 
/**
 * "quarters".
 */
plural: string, };
/**
 * The choices of the analysis settings, with their words.
 */
export type SettingChoices = { 
/**
 * The groups a relative rate index can be relative to.
 */
reference_group: Array<EthnicGroup>, custody_unit: Array<Choice>, cohort_method: Array<Choice>, 
/**
 * The settings the core takes, with their defaults.
 */
defaults: Settings, };
/**
 * One choice of a setting.
 */
export type Choice = { id: string, label: string, };
