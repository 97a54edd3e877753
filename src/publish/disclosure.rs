//! Statistical disclosure control over figures (`widget.md`, "Disclosure control"): what a
//! public output holds, primary and secondary suppression, rate suppression, and optional
//! rounding to 5. Applied to the aggregate export by default and always in public mode (where it
//! is re-applied on load, so an unsuppressed file still shows no small numbers; it is safe to
//! apply twice).
//!
//! # The rules as implemented
//!
//! **0. What is published** — see [`super::scope`]: known measures only; financial years and
//! the latest final rolling 12 months (quarters only with `include_quarters`; never a `partial`
//! period); free-text offence categories merged into "Other"; a stage's ethnicity counts only as
//! `disp_count`.
//!
//! Every count in the figures — a count row's value, and every numerator or denominator on a
//! ratio row that is a count of children or events — is a **cell**, identified by (count id,
//! stage, period, breakdown, group, breakdown2, group2). The same cell can be carried by several
//! rows: `reoffending_reoffenders` by sex is the numerator of `reoffending_binary_rate` by sex
//! and the denominator of `reoffences_per_reoffender` by sex; `custody_children` by ethnicity is
//! `disp_count` of stage `custody`; the court occasions under `custody_share_of_court` are a
//! cell of their own (`custody_share_of_court#den`). The table of which count is which ratio's
//! numerator and denominator is [`super::linkage`]. Suppression is decided on cells; a row is
//! published only when every cell it carries is.
//!
//! **1. Primary.** A cell with a count from 1 to k−1 is suppressed. Zero is shown. Default
//! k = 5, configurable 3..=10 ([`DisclosureSettings::new`]); [`apply`] never uses k below
//! [`PUBLIC_MIN_K`] whatever the settings say. Every observation of a cell is checked: a
//! ratio row whose own numerator or denominator field is in 1..k−1 suppresses that cell even if
//! a count row says otherwise.
//!
//! **2. Ratios** (rates, shares, RRIs, gaps) are suppressed when any count cell they carry is
//! suppressed, or when their denominator (count or population) is below 10. Populations are
//! not counts of children: they are never suppressed or rounded themselves. In detail:
//! `disp_share` carries the group's `disp_count` and the stage's known-ethnicity total;
//! `disp_unknown_share` the Unknown count and the stage total; `disp_rri` the group's count,
//! the reference group's count (the reference is the known group with no `disp_rri` row; if
//! that is ambiguous every candidate is required published) and, for a stage-to-stage row
//! `X_vs_Y`, the base stage's counts of both; `disp_gap_pp` follows `disp_share`.
//! `reoffending_concentration` is also suppressed when its top 10% of reoffenders is fewer
//! than k children (⌈0.1 × reoffenders⌉ < k: the figure would describe the reoffences of fewer
//! than k children), or when the reoffenders count is suppressed or unknown.
//!
//! **3. Secondary.** Cells form **tables**, each a set of cells that sum to a total cell:
//! - every partitioning breakdown of a count for one stage and period: its groups sum to the
//!   `all`/`all` cell (for a two-way `breakdown2` table, each row and each column sums to the
//!   matching one-way cell); `reoffences_band` partitions the reoffenders;
//! - nested breakdowns: detailed ethnic categories ("Black: African") within their group, single
//!   ages within their age band, outcome types within their tier;
//! - the known-ethnicity total of a stage: {known total, Unknown} sum to the stage total, and
//!   the five known groups sum to the known total (a published share would otherwise reveal the
//!   known total, and so a suppressed Unknown);
//! - across time, when quarters are published: the quarters within each published financial
//!   year or rolling window sum to it (applied to distinct-children counts too, which is only
//!   conservative).
//!
//! In each table, with its total published (or not present, when it is assumed derivable from
//! elsewhere): if exactly one cell is suppressed, the next smallest non-zero cell is suppressed
//! too; if two or more are suppressed but they are all ones (total minus the published cells
//! equals their number, so each must be 1 since zeros are shown) another is suppressed. If the
//! table's total is itself suppressed, at least one of its non-zero cells is suppressed (else
//! the total is their sum). When no other non-zero cell exists, the total is suppressed
//! instead. Because cells are shared, the pattern reaches every measure sharing those counts
//! (a rate's numerator and its count row) through rule 2. Suppression only ever grows, so the
//! rules are iterated over all tables **to a fixpoint**: a secondary suppression in one table
//! can make another table need one (cascades across breakdowns, nesting and time).
//!
//! *Which breakdowns are partitions.* Every breakdown is treated as a partition of its total
//! except `month`. `reoffences_band` is a partition of the reoffenders (its total is the
//! reoffenders count when `reoffending_distribution` has no `all` row).
//! `month` (`reoffending_time_to_first`) is **cumulative**, so its cells are a chain
//! c₁ ≤ … ≤ c₁₂ ≤ reoffenders; the real cells are the increments. A cumulative value is
//! published only when it differs from the last published one (0 before month 1) by 0 or at
//! least k; the last published value must likewise differ from the reoffenders count by 0 or
//! at least k; and a suppressed value whose published neighbours are equal (so it is pinned)
//! forces its next published neighbour to be suppressed. So no difference of published values
//! is in 1..k−1. (Across groups, the month-m values of a `breakdown2` sum to the month-m total:
//! an ordinary partition.)
//!
//! *Residual risks, not handled (for the reviewer):* single-table rules do not guarantee
//! protection against linear programming over many overlapping tables; `reoffences_band`
//! weighted by its band value sums to roughly the reoffences count, an equation a determined
//! attacker can add (publishing reoffenders and reoffences together already reveals the
//! number of reoffences beyond one per reoffender); the pooled `reoffending_cohort` count by
//! ethnicity minus the stage `reoffending_cohort` `disp_count` is the number of children in two
//! quarterly cohorts of the period; groups of `ethnicity_detail` whose label does not start with
//! their group ("Caribbean" rather than "Black: Caribbean") are not nested.
//!
//! *Hidden cells.* A cell no row carries a value for (say a known-ethnicity total whose shares
//! were all suppressed) is not published: it needs no protection and gives a reader nothing to
//! subtract, so it never triggers secondary suppression. This is what makes re-applying
//! disclosure control to its own output (public mode) change nothing. Tables are visited in a
//! fixed order, so the same figures always give the same pattern.
//!
//! **4. Rounding** (optional): after suppression every published count is rounded to the
//! nearest 5 (published counts are ≥ k ≥ 3, so none rounds to 0), and every ratio is recomputed
//! from the rounded counts: value, numerator, denominator, Wilson interval for proportions
//! (where the row had an interval), and for `disp_rri` the index, the log-scale interval and the
//! flag; `disp_gap_pp` from the rounded share. Intervals a measure does not define are cleared.
//! Populations stay exact. Rounding never un-suppresses.
//!
//! A suppressed row has `suppressed = true` and numerator, denominator, value, interval and flag
//! all empty.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::linkage::{self, Interval, Kind, Source, DISP_KNOWN};
use super::recompute;
use super::scope::{self, IncludeQuarters};
use crate::codes::{normalise, EthnicGroup, Outcome};
use crate::report::{Figure, PeriodType};

/// The smallest k allowed (and the built-in minimum of public mode).
pub const MIN_K: u32 = 3;
/// The largest k the settings accept.
pub const MAX_K: u32 = 10;
/// Public mode never goes below this threshold.
pub const PUBLIC_MIN_K: u32 = 3;
/// The default threshold.
pub const DEFAULT_K: u32 = 5;

/// The disclosure-control choices.
#[derive(Clone, Debug, PartialEq)]
pub struct DisclosureSettings {
    /// Counts 1..k−1 are suppressed. Default 5; 3–10; never below 3 in public mode.
    pub k: u32,
    /// Round every count to the nearest 5 and recompute rates from the rounded counts.
    pub round_to_5: bool,
    /// Publish single quarters too (with secondary suppression across time).
    pub include_quarters: bool,
    /// Public mode (the widget showing a published file): the built-in minimum applies.
    pub public_mode: bool,
}

impl Default for DisclosureSettings {
    fn default() -> Self {
        DisclosureSettings {
            k: DEFAULT_K,
            round_to_5: false,
            include_quarters: false,
            public_mode: false,
        }
    }
}

/// A disclosure setting that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DisclosureError {
    /// k outside 3..=10.
    KOutOfRange(u32),
    /// k below the public-mode minimum.
    BelowPublicMinimum(u32),
}

impl std::fmt::Display for DisclosureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DisclosureError::KOutOfRange(k) => write!(
                f,
                "The suppression threshold must be between {MIN_K} and {MAX_K} (got {k})."
            ),
            DisclosureError::BelowPublicMinimum(k) => write!(
                f,
                "Public mode never suppresses below {PUBLIC_MIN_K} (got {k})."
            ),
        }
    }
}

impl std::error::Error for DisclosureError {}

impl DisclosureSettings {
    /// Validated settings: k in 3..=10, and never below [`PUBLIC_MIN_K`] in public mode.
    /// Rounding and quarters are off; set them with [`Self::with_rounding`] and
    /// [`Self::with_quarters`].
    pub fn new(k: u32, public_mode: bool) -> Result<Self, DisclosureError> {
        if public_mode && k < PUBLIC_MIN_K {
            return Err(DisclosureError::BelowPublicMinimum(k));
        }
        if !(MIN_K..=MAX_K).contains(&k) {
            return Err(DisclosureError::KOutOfRange(k));
        }
        Ok(DisclosureSettings {
            k,
            public_mode,
            ..DisclosureSettings::default()
        })
    }

    pub fn with_rounding(mut self, round_to_5: bool) -> Self {
        self.round_to_5 = round_to_5;
        self
    }

    pub fn with_quarters(mut self, include_quarters: bool) -> Self {
        self.include_quarters = include_quarters;
        self
    }

    /// The threshold [`apply`] actually uses: never below the built-in minimum.
    pub fn effective_k(&self) -> u32 {
        self.k
            .max(MIN_K)
            .max(if self.public_mode { PUBLIC_MIN_K } else { 0 })
    }

    /// The part of the aggregate file's `settings` column these choices fill.
    pub fn describe(&self) -> String {
        format!(
            "k={}; rounding={}; quarters={}",
            self.effective_k(),
            if self.round_to_5 { "nearest_5" } else { "none" },
            if self.include_quarters {
                "included"
            } else {
                "excluded"
            }
        )
    }
}

/// Apply disclosure control, returning the figures safe to publish (rules 0–4 of the module
/// documentation), in their input order.
pub fn apply(figures: Vec<Figure>, settings: &DisclosureSettings) -> Vec<Figure> {
    let quarters = if settings.include_quarters {
        IncludeQuarters::Yes
    } else {
        IncludeQuarters::No
    };
    let figures = scope::select(figures, quarters);
    let k = f64::from(settings.effective_k());
    let mut engine = Engine::build(&figures, k);
    engine.suppress_to_fixpoint();
    figures
        .into_iter()
        .enumerate()
        .map(|(i, f)| engine.publish(i, f, settings.round_to_5))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Cells

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Key {
    count: String,
    stage: String,
    period_type: PeriodType,
    start: NaiveDate,
    end: NaiveDate,
    breakdown: String,
    group: String,
    breakdown2: String,
    group2: String,
}

impl Key {
    fn of(count: &str, stage: &str, f: &Figure) -> Key {
        Key {
            count: count.to_string(),
            stage: stage.to_string(),
            period_type: f.period_type,
            start: f.period_start,
            end: f.period_end,
            breakdown: f.breakdown.clone(),
            group: f.group.clone(),
            breakdown2: f.breakdown2.clone(),
            group2: f.group2.clone(),
        }
    }

    /// The same cell with another breakdown and group (breakdown2 cleared).
    fn with_group(&self, breakdown: &str, group: &str) -> Key {
        Key {
            breakdown: breakdown.to_string(),
            group: group.to_string(),
            breakdown2: String::new(),
            group2: String::new(),
            ..self.clone()
        }
    }

    fn with_count(&self, count: &str) -> Key {
        Key {
            count: count.to_string(),
            ..self.clone()
        }
    }

    fn without_period(&self) -> Key {
        Key {
            period_type: PeriodType::Quarter,
            start: NaiveDate::MIN,
            end: NaiveDate::MIN,
            ..self.clone()
        }
    }

    fn without_group(&self) -> Key {
        Key {
            group: String::new(),
            ..self.clone()
        }
    }

    fn without_group2(&self) -> Key {
        Key {
            group2: String::new(),
            ..self.clone()
        }
    }
}

/// The canonical key of a count measure's cell: a count that is a disproportionality stage's
/// children (`custody_children`, …) is that stage's `disp_count` for its total and ethnicity
/// groups.
fn count_key(measure: &str, f: &Figure) -> Key {
    canonical(&Key::of(measure, &f.stage, f))
}

/// The key under which a count is stored: the stage alias of `custody_children`, `remand_children`
/// and `fte_count` for their total and ethnicity groups (see [`count_key`]).
fn canonical(key: &Key) -> Key {
    match linkage::stage_alias(&key.count) {
        Some(stage)
            if key.breakdown2.is_empty()
                && (key.breakdown == "all" || key.breakdown == "ethnicity") =>
        {
            Key {
                count: "disp_count".into(),
                stage: stage.into(),
                ..key.clone()
            }
        }
        _ => key.clone(),
    }
}

struct Cell {
    key: Key,
    /// The count, when any row carries it.
    value: Option<f64>,
    /// Every value seen for this cell (all are checked by the primary rule).
    observed: Vec<f64>,
    suppressed: bool,
}

/// A set of cells summing to a total cell.
struct Table {
    cells: Vec<usize>,
    /// `None`: no total cell in the figures (assumed derivable from elsewhere).
    total: Option<usize>,
}

/// A cumulative chain (`month`): values non-decreasing up to an anchor.
struct Chain {
    cells: Vec<usize>,
    anchor: Option<usize>,
}

/// What one row needs to be published.
#[derive(Default)]
struct RowPlan {
    /// Cells that must all be published.
    parts: Vec<usize>,
    num: Option<usize>,
    den: Option<usize>,
    /// The reference group's count and (stage-to-stage) base count, for `disp_rri`.
    reference: Option<usize>,
    reference_base: Option<usize>,
    /// Suppressed whatever the cells say.
    force: bool,
    /// The denominator, for the "below 10" rule (population or count).
    den_population: bool,
    /// `reoffending_concentration`: the reoffenders cell.
    reoffenders: Option<usize>,
}

struct Engine {
    k: f64,
    cells: Vec<Cell>,
    index: HashMap<Key, usize>,
    rows: Vec<RowPlan>,
    tables: Vec<Table>,
    chains: Vec<Chain>,
}

impl Engine {
    fn build(figures: &[Figure], k: f64) -> Engine {
        let mut e = Engine {
            k,
            cells: Vec::new(),
            index: HashMap::new(),
            rows: Vec::new(),
            tables: Vec::new(),
            chains: Vec::new(),
        };
        for f in figures {
            let plan = e.plan_row(f);
            e.rows.push(plan);
        }
        e.resolve_references(figures);
        for c in &mut e.cells {
            if c.observed.iter().any(|&v| v > 0.0 && v < k) {
                c.suppressed = true;
            }
        }
        e.build_tables();
        e
    }

    /// The cell for `key`, created if new; `value` is recorded as an observation.
    fn cell(&mut self, key: Key, value: Option<f64>) -> usize {
        let id = match self.index.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.cells.len();
                self.index.insert(key.clone(), id);
                self.cells.push(Cell {
                    key,
                    value: None,
                    observed: Vec::new(),
                    suppressed: false,
                });
                id
            }
        };
        if let Some(v) = value {
            let c = &mut self.cells[id];
            c.observed.push(v);
            if c.value.is_none() {
                c.value = Some(v);
            }
        }
        id
    }

    /// The cell a ratio part refers to (`None` for a population).
    /// `side` is `num` or `den`; `field` the value this row carries for it.
    fn source_cell(
        &mut self,
        source: Source,
        f: &Figure,
        side: &str,
        field: Option<f64>,
    ) -> Option<usize> {
        let later = linkage::split_vs(&f.stage).map_or(f.stage.as_str(), |(x, _)| x);
        let key = match source {
            Source::Population => return None,
            Source::Measure(m) => count_key(m, f),
            Source::Own => Key::of(&format!("{}#{side}", f.measure), &f.stage, f),
            Source::DispCount => Key::of("disp_count", later, f),
            Source::DispAll => Key::of("disp_count", later, f).with_group("all", "all"),
            Source::DispKnown => Key::of(DISP_KNOWN, later, f).with_group("all", "all"),
            Source::RriBase => match linkage::split_vs(&f.stage) {
                None => return None,
                Some((_, base)) if linkage::STAGES.contains(&base) => {
                    Key::of("disp_count", base, f)
                }
                Some(_) => Key::of(&format!("{}#{side}", f.measure), &f.stage, f),
            },
        };
        Some(self.cell(key, field))
    }

    fn plan_row(&mut self, f: &Figure) -> RowPlan {
        let mut plan = RowPlan {
            force: f.suppressed,
            ..RowPlan::default()
        };
        match linkage::kind(&f.measure) {
            None => plan.force = true,
            Some(Kind::Count) => {
                let id = self.cell(count_key(&f.measure, f), f.value.or(f.numerator));
                if f.suppressed {
                    self.cells[id].suppressed = true;
                }
                plan.parts.push(id);
            }
            Some(Kind::Ratio { num, den, .. }) => {
                plan.num = self.source_cell(num, f, "num", f.numerator);
                plan.den = self.source_cell(den, f, "den", f.denominator);
                plan.den_population = den == Source::Population
                    || (den == Source::RriBase && linkage::split_vs(&f.stage).is_none());
                plan.parts.extend(plan.num);
                plan.parts.extend(plan.den);
                if f.measure == "reoffending_concentration" {
                    let id = self.cell(count_key("reoffending_reoffenders", f), None);
                    plan.reoffenders = Some(id);
                    plan.parts.push(id);
                }
            }
            Some(Kind::GapPp) => {
                // The gap carries no counts of its own: it follows `disp_share`.
                plan.num = self.source_cell(Source::DispCount, f, "num", None);
                plan.den = self.source_cell(Source::DispKnown, f, "den", None);
                plan.parts.extend(plan.num);
                plan.parts.extend(plan.den);
            }
            Some(Kind::PopulationShare) => plan.den_population = true,
        }
        plan
    }

    /// Attach the reference group's cells to every `disp_rri` row. The reference of a stage
    /// and period is the known group without an RRI row; if that is not exactly one group,
    /// every candidate is required published (and the first is used for recomputation).
    fn resolve_references(&mut self, figures: &[Figure]) {
        let mut present: HashMap<Key, Vec<String>> = HashMap::new();
        for f in figures.iter().filter(|f| f.measure == "disp_rri") {
            present
                .entry(Key::of("disp_rri", &f.stage, f).without_group())
                .or_default()
                .push(f.group.clone());
        }
        for (i, f) in figures.iter().enumerate() {
            if f.measure != "disp_rri" {
                continue;
            }
            let groups = &present[&Key::of("disp_rri", &f.stage, f).without_group()];
            let candidates: Vec<&str> = EthnicGroup::KNOWN
                .iter()
                .map(|g| g.label())
                .filter(|g| !groups.iter().any(|p| p == g))
                .collect();
            let candidates = if candidates.is_empty() {
                vec![EthnicGroup::White.label()]
            } else {
                candidates
            };
            let (later, base) = match linkage::split_vs(&f.stage) {
                Some((x, y)) => (x, Some(y)),
                None => (f.stage.as_str(), None),
            };
            for (n, reference) in candidates.iter().enumerate() {
                let key = Key::of("disp_count", later, f).with_group(&f.breakdown, reference);
                let key = Key {
                    breakdown2: f.breakdown2.clone(),
                    group2: f.group2.clone(),
                    ..key
                };
                let base_key = base.map(|b| {
                    if linkage::STAGES.contains(&b) {
                        Key {
                            stage: b.to_string(),
                            ..key.clone()
                        }
                    } else {
                        Key {
                            count: "disp_rri#den".to_string(),
                            stage: f.stage.clone(),
                            ..key.clone()
                        }
                    }
                });
                match self.index.get(&key) {
                    Some(&id) => {
                        self.rows[i].parts.push(id);
                        if n == 0 {
                            self.rows[i].reference = Some(id);
                        }
                    }
                    // A reference count we cannot see cannot be checked.
                    None => self.rows[i].force = true,
                }
                // The reference group's base count, where the figures hold it (a base that
                // is not itself a stage, such as "diversion or out of court", has no row of
                // its own for the reference group).
                if let Some(&id) = base_key.and_then(|b| self.index.get(&b)) {
                    self.rows[i].parts.push(id);
                    if n == 0 {
                        self.rows[i].reference_base = Some(id);
                    }
                }
            }
        }
    }

    fn lookup(&self, key: &Key) -> Option<usize> {
        self.index.get(&canonical(key)).copied()
    }

    fn build_tables(&mut self) {
        let n = self.cells.len();
        let mut by_context: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
        let mut by_context2: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
        let mut quarters: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
        for id in 0..n {
            let key = &self.cells[id].key;
            if key.breakdown != "all" {
                by_context.entry(key.without_group()).or_default().push(id);
            }
            if !key.breakdown2.is_empty() && key.breakdown2 != "month" {
                by_context2
                    .entry(key.without_group2())
                    .or_default()
                    .push(id);
            }
            if key.period_type == PeriodType::Quarter {
                quarters.entry(key.without_period()).or_default().push(id);
            }
        }
        let mut tables = Vec::new();
        let mut chains = Vec::new();
        // Partitions along breakdown (and chains along `month`).
        for (ctx, cells) in &by_context {
            if ctx.breakdown == "month" {
                let mut cells = cells.clone();
                cells.sort_by_key(|&id| self.cells[id].key.group.parse::<u32>().unwrap_or(0));
                let anchor = (ctx.count == "reoffending_time_to_first#num")
                    .then(|| {
                        let (b, g) = if ctx.breakdown2.is_empty() {
                            ("all", "all")
                        } else {
                            (ctx.breakdown2.as_str(), ctx.group2.as_str())
                        };
                        let key = Key {
                            count: "reoffending_reoffenders".into(),
                            stage: String::new(),
                            ..ctx.with_group(b, g)
                        };
                        self.lookup(&key)
                    })
                    .flatten();
                chains.push(Chain { cells, anchor });
                continue;
            }
            let total_key = if ctx.breakdown2.is_empty() {
                ctx.with_group("all", "all")
            } else {
                ctx.with_group(&ctx.breakdown2, &ctx.group2)
            };
            let total = self.lookup(&total_key).or_else(|| {
                linkage::total_alias(&ctx.count)
                    .and_then(|alias| self.lookup(&total_key.with_count(alias)))
            });
            tables.push(Table {
                cells: cells.clone(),
                total,
            });
            // Nesting within a coarser breakdown of the same context.
            let mut nested: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for &id in cells {
                if let Some(parent) = self.parent_of(id, &by_context) {
                    nested.entry(parent).or_default().push(id);
                }
            }
            for (parent, cells) in nested {
                tables.push(Table {
                    cells,
                    total: Some(parent),
                });
            }
        }
        // Partitions along breakdown2: the groups of breakdown2 sum to the one-way cell.
        for (ctx, cells) in &by_context2 {
            let total = self.lookup(&ctx.with_group(&ctx.breakdown, &ctx.group));
            tables.push(Table {
                cells: cells.clone(),
                total,
            });
        }
        // Across time: the quarters inside a published year or rolling window.
        for id in 0..n {
            let key = &self.cells[id].key;
            if key.period_type == PeriodType::Quarter {
                continue;
            }
            if let Some(qs) = quarters.get(&key.without_period()) {
                let cells: Vec<usize> = qs
                    .iter()
                    .copied()
                    .filter(|&q| {
                        let qk = &self.cells[q].key;
                        qk.start >= key.start && qk.end <= key.end
                    })
                    .collect();
                if !cells.is_empty() {
                    tables.push(Table {
                        cells,
                        total: Some(id),
                    });
                }
            }
        }
        // The known-ethnicity total of each stage.
        for id in 0..n {
            let key = self.cells[id].key.clone();
            if key.count != DISP_KNOWN {
                continue;
            }
            let group = |g: &str| Key {
                count: "disp_count".into(),
                ..key.with_group("ethnicity", g)
            };
            let stage_total = self.lookup(&Key {
                count: "disp_count".into(),
                ..key.clone()
            });
            let mut split = vec![id];
            split.extend(self.lookup(&group("Unknown")));
            tables.push(Table {
                cells: split,
                total: stage_total,
            });
            let known: Vec<usize> = EthnicGroup::KNOWN
                .iter()
                .filter_map(|g| self.lookup(&group(g.label())))
                .collect();
            if !known.is_empty() {
                tables.push(Table {
                    cells: known,
                    total: Some(id),
                });
            }
        }
        self.tables = tables;
        self.chains = chains;
    }

    /// The cell of the coarser group containing cell `id`: a detailed ethnic category within
    /// its group, a single age within its age band, an outcome type within its tier.
    fn parent_of(&self, id: usize, by_context: &BTreeMap<Key, Vec<usize>>) -> Option<usize> {
        let key = &self.cells[id].key;
        let parent_breakdown = match key.breakdown.as_str() {
            "ethnicity_detail" => "ethnicity",
            "age" => "age_band",
            "outcome_type" => "outcome_tier",
            _ => return None,
        };
        let siblings = by_context.get(&canonical(&Key {
            breakdown: parent_breakdown.to_string(),
            ..key.without_group()
        }))?;
        let group = key.group.as_str();
        siblings.iter().copied().find(|&p| {
            let pg = self.cells[p].key.group.as_str();
            match parent_breakdown {
                "ethnicity" => detail_parent(group).is_some_and(|g| g.label() == pg),
                "age_band" => group
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .zip(band_range(pg))
                    .is_some_and(|(a, (lo, hi))| lo <= a && a <= hi),
                _ => {
                    Outcome::parse(group).is_some_and(|o| normalise(o.tier().id()) == normalise(pg))
                }
            }
        })
    }

    fn suppress_to_fixpoint(&mut self) {
        loop {
            let mut changed = false;
            for t in 0..self.tables.len() {
                changed |= self.apply_table(t);
            }
            for c in 0..self.chains.len() {
                changed |= self.apply_chain(c);
            }
            if !changed {
                break;
            }
        }
    }

    fn published(&self, id: usize) -> bool {
        !self.cells[id].suppressed
    }

    /// Rule 3 on one table; `true` if it suppressed something.
    ///
    /// A cell no row carries a value for (e.g. a known-ethnicity total whose shares were all
    /// suppressed) is *hidden*: not published, so it neither needs protecting nor gives a
    /// reader anything to subtract; a total with no value cannot be recovered from and is not
    /// protected.
    fn apply_table(&mut self, t: usize) -> bool {
        let table = &self.tables[t];
        let hidden = |c: usize| !self.published(c) || self.cells[c].value.is_none();
        let suppressed = table.cells.iter().filter(|&&c| !self.published(c)).count();
        let hidden_count = table.cells.iter().filter(|&&c| hidden(c)).count();
        let total_published = table.total.is_none_or(|id| self.published(id));
        let total_value_known = table.total.is_none_or(|id| self.cells[id].value.is_some());
        let need = if !total_published {
            hidden_count == 0
        } else if !total_value_known {
            false
        } else {
            match hidden_count {
                0 => false,
                1 => suppressed == 1,
                n => suppressed == n && self.all_ones(table, n),
            }
        };
        if !need {
            return false;
        }
        // The next smallest non-zero published cell (unknown values last).
        let candidate = table
            .cells
            .iter()
            .copied()
            .filter(|&c| !hidden(c) && self.cells[c].value != Some(0.0))
            .min_by(|&a, &b| {
                let (va, vb) = (self.cells[a].value, self.cells[b].value);
                va.unwrap_or(0.0)
                    .total_cmp(&vb.unwrap_or(0.0))
                    .then(a.cmp(&b))
            });
        match (candidate, table.total) {
            (Some(c), _) => {
                self.cells[c].suppressed = true;
                true
            }
            (None, Some(total)) if total_published && suppressed > 0 => {
                self.cells[total].suppressed = true;
                true
            }
            _ => false,
        }
    }

    /// With the total published and `n` ≥ 2 cells suppressed: is each of them pinned to 1
    /// (the table adds up and total − published = n)?
    fn all_ones(&self, table: &Table, n: usize) -> bool {
        let Some(total) = table.total.and_then(|id| self.cells[id].value) else {
            return false;
        };
        let values: Option<Vec<f64>> = table.cells.iter().map(|&c| self.cells[c].value).collect();
        let Some(values) = values else { return false };
        if (values.iter().sum::<f64>() - total).abs() > 1e-9 {
            return false;
        }
        let published: f64 = table
            .cells
            .iter()
            .zip(&values)
            .filter(|(&c, _)| self.published(c))
            .map(|(_, v)| v)
            .sum();
        (total - published - n as f64).abs() < 1e-9
    }

    /// The cumulative-chain rule on one chain; `true` if it suppressed something.
    fn apply_chain(&mut self, c: usize) -> bool {
        let k = self.k;
        let cells = self.chains[c].cells.clone();
        let anchor = self.chains[c].anchor;
        let mut changed = false;
        // Forward: each published value differs from the last published by 0 or ≥ k.
        let mut last = 0.0;
        for &id in &cells {
            let Some(v) = self.cells[id].value else {
                continue;
            };
            if !self.published(id) {
                continue;
            }
            let d = v - last;
            if d > 0.0 && d < k {
                self.cells[id].suppressed = true;
                changed = true;
            } else {
                last = v;
            }
        }
        // Backward from the anchor (the reoffenders): same rule.
        if let Some(a) = anchor.filter(|&a| self.published(a)) {
            if let Some(total) = self.cells[a].value {
                while let Some(&id) = cells.iter().rev().find(|&&id| self.published(id)) {
                    match self.cells[id].value {
                        Some(v) if total - v > 0.0 && total - v < k => {
                            self.cells[id].suppressed = true;
                            changed = true;
                        }
                        _ => break,
                    }
                }
            }
        }
        // A suppressed value between two equal published neighbours is pinned.
        for (i, &id) in cells.iter().enumerate() {
            if self.published(id) {
                continue;
            }
            let prev = cells[..i]
                .iter()
                .rev()
                .find(|&&p| self.published(p))
                .map_or(Some(0.0), |&p| self.cells[p].value);
            let next_cell = cells[i + 1..].iter().copied().find(|&p| self.published(p));
            let next = match next_cell {
                Some(p) => self.cells[p].value,
                None => anchor
                    .filter(|&a| self.published(a))
                    .and_then(|a| self.cells[a].value),
            };
            if prev.is_some() && prev == next {
                // Prefer a later month, then an earlier one; the reoffenders count last.
                let prev_cell = cells[..i]
                    .iter()
                    .rev()
                    .copied()
                    .find(|&p| self.published(p));
                let victim = next_cell
                    .or(prev_cell)
                    .or(anchor)
                    .expect("a published neighbour");
                self.cells[victim].suppressed = true;
                return true;
            }
        }
        changed
    }

    /// The published (or suppressed) form of row `i`.
    fn publish(&self, i: usize, mut f: Figure, round: bool) -> Figure {
        if self.row_suppressed(i, &f) {
            f.suppressed = true;
            f.numerator = None;
            f.denominator = None;
            f.value = None;
            f.ci_low = None;
            f.ci_high = None;
            f.flag = String::new();
            return f;
        }
        f.suppressed = false;
        if round {
            self.round_row(i, &mut f);
        }
        f
    }

    fn row_suppressed(&self, i: usize, f: &Figure) -> bool {
        let plan = &self.rows[i];
        if plan.force || plan.parts.iter().any(|&c| !self.published(c)) {
            return true;
        }
        let is_ratio = !matches!(linkage::kind(&f.measure), Some(Kind::Count));
        if is_ratio && (plan.den.is_some() || plan.den_population) {
            let den = if plan.den_population {
                f.denominator
            } else {
                plan.den.and_then(|d| self.cells[d].value).or(f.denominator)
            };
            match den {
                Some(d) if d < 10.0 => return true,
                None if f.value.is_some() => return true,
                _ => {}
            }
        }
        if let Some(r) = plan.reoffenders {
            match self.cells[r].value {
                Some(r) if (0.1 * r).ceil() >= self.k => {}
                _ => return true,
            }
        }
        false
    }

    fn rounded(&self, id: Option<usize>) -> Option<f64> {
        id.and_then(|c| self.cells[c].value)
            .map(recompute::round_to_nearest_5)
    }

    fn round_row(&self, i: usize, f: &mut Figure) {
        let plan = &self.rows[i];
        let kind = linkage::kind(&f.measure);
        match kind {
            Some(Kind::Count) | None => {
                f.value = f.value.map(recompute::round_to_nearest_5);
                f.numerator = f.numerator.map(recompute::round_to_nearest_5);
                f.denominator = f.denominator.map(recompute::round_to_nearest_5);
                f.ci_low = None;
                f.ci_high = None;
            }
            Some(Kind::PopulationShare) => {}
            Some(Kind::GapPp) => {
                let exact = plan.num.zip(plan.den).and_then(|(n, d)| {
                    let (n, d) = (self.cells[n].value?, self.cells[d].value?);
                    (d > 0.0).then(|| 100.0 * n / d)
                });
                let rounded = self
                    .rounded(plan.num)
                    .zip(self.rounded(plan.den))
                    .and_then(|(n, d)| (d > 0.0).then(|| 100.0 * n / d));
                f.value = match (f.value, exact, rounded) {
                    (Some(gap), Some(exact), Some(rounded)) => Some(rounded - (exact - gap)),
                    _ => None,
                };
                f.ci_low = None;
                f.ci_high = None;
            }
            Some(Kind::Ratio { interval, .. }) => {
                // The row's own counts first (they are what its value was computed from).
                let num = f
                    .numerator
                    .map(recompute::round_to_nearest_5)
                    .or(self.rounded(plan.num));
                let den = if plan.den_population {
                    f.denominator
                } else {
                    f.denominator
                        .map(recompute::round_to_nearest_5)
                        .or(self.rounded(plan.den))
                };
                if interval == Interval::Rri {
                    self.round_rri(i, f, num, den);
                    return;
                }
                let scale =
                    scope::observed_scale(f).unwrap_or_else(|| linkage::scale_from_unit(&f.unit));
                let had_ci = f.ci_low.is_some() || f.ci_high.is_some();
                f.numerator = f.numerator.and(num);
                f.denominator = f.denominator.and(den);
                let (value, ci) = match (num, den) {
                    (Some(n), Some(d)) if d > 0.0 => {
                        let ci = if had_ci && interval == Interval::Wilson {
                            recompute::wilson_interval(n, d)
                        } else {
                            None
                        };
                        (Some(scale * n / d), ci)
                    }
                    _ => (None, None),
                };
                f.value = value;
                f.ci_low = ci.map(|c| c.0 * scale);
                f.ci_high = ci.map(|c| c.1 * scale);
            }
        }
    }

    /// Recompute a `disp_rri` row from rounded counts.
    fn round_rri(&self, i: usize, f: &mut Figure, a: Option<f64>, n1: Option<f64>) {
        let plan = &self.rows[i];
        let exact_a = plan.num.and_then(|c| self.cells[c].value);
        let exact_c = plan.reference.and_then(|c| self.cells[c].value);
        let c = self.rounded(plan.reference);
        // The reference group's denominator: its base count (rounded) for a stage-to-stage
        // row, else its population, recovered exactly from the exact index.
        let n2 = if plan.den_population {
            match (f.value, exact_a, exact_c, f.denominator) {
                (Some(r), Some(ea), Some(ec), Some(en1)) if r > 0.0 && ea > 0.0 => {
                    Some(r * ec * en1 / ea)
                }
                // A zero count gives an index of zero whatever the reference population.
                (_, Some(0.0), _, _) => Some(1.0),
                _ => None,
            }
        } else {
            self.rounded(plan.reference_base).or_else(|| {
                match (f.value, exact_a, exact_c, f.denominator) {
                    (Some(r), Some(ea), Some(ec), Some(en1)) if r > 0.0 && ea > 0.0 => {
                        Some(recompute::round_to_nearest_5(r * ec * en1 / ea))
                    }
                    (_, Some(0.0), _, _) => Some(1.0),
                    _ => None,
                }
            })
        };
        f.numerator = f.numerator.and(a);
        f.denominator = f.denominator.and(n1);
        let (value, interval) = match (a, n1, c, n2) {
            (Some(a), Some(n1), Some(c), Some(n2)) => (
                recompute::rri(a, n1, c, n2),
                recompute::rri_interval(a, n1, c, n2),
            ),
            _ => (None, None),
        };
        f.value = value;
        let flag = match (a, c) {
            (Some(a), Some(c)) if value.is_some() => recompute::rri_flag(a, c, interval),
            _ => "",
        };
        let interval = interval.filter(|_| flag != "too_few");
        f.ci_low = interval.map(|x| x.0);
        f.ci_high = interval.map(|x| x.1);
        f.flag = flag.to_string();
    }
}

/// The group of a detailed ethnic category written "Group: detail" or "Group - detail".
fn detail_parent(detail: &str) -> Option<EthnicGroup> {
    let head = detail
        .split_once(':')
        .or_else(|| detail.split_once(" - "))
        .map(|(h, _)| h.trim())?;
    EthnicGroup::from_label(head)
}

/// The ages of a band label such as "10-14", "10–14" or "15 to 17".
fn band_range(band: &str) -> Option<(u32, u32)> {
    let nums: Vec<u32> = band
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    match nums.as_slice() {
        [lo, hi] => Some((*lo, *hi)),
        [one] => Some((*one, *one)),
        _ => None,
    }
}
