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

mod cells;
mod primary;
mod ratios;
mod rounding;
mod secondary;
mod tables;

use std::collections::HashMap;

use super::scope::{self, IncludeQuarters};
use crate::report::Figure;
use cells::{Cell, Key};
use ratios::RowPlan;
use tables::{Chain, Table};

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

use crate::catalogue::messages::{fill, msg};

impl std::fmt::Display for DisclosureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DisclosureError::KOutOfRange(k) => f.write_str(&fill(
                msg("error.disclosure.k_out_of_range"),
                &[("min", &MIN_K), ("max", &MAX_K), ("k", k)],
            )),
            DisclosureError::BelowPublicMinimum(k) => f.write_str(&fill(
                msg("error.disclosure.below_public_minimum"),
                &[("min", &PUBLIC_MIN_K), ("k", k)],
            )),
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

/// The cells, row plans and tables of one set of figures, and the suppression pattern on them.
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
        e.suppress_primary();
        e.build_tables();
        e
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
            f.flag = None;
            return f;
        }
        f.suppressed = false;
        if round {
            self.round_row(i, &mut f);
        }
        f
    }
}
