//! Breakdowns and their groups (`measures.md`, "Groups"; `input-formats.md` §4): every
//! breakdown emits every group of its code list, with zeros. The code lists and their order
//! are the catalogue's ([`crate::catalogue::breakdown`]); a [`Layout`] flattens the
//! (breakdown, group) pairs of a measure family into counter slots.

use chrono::NaiveDate;

use crate::catalogue::breakdown::{
    outcome_types, AgeBand, AgeGroup, GravityBand, LookedAfter, PreviousOccasions, ALL_TIERS,
    NOT_GIVEN, NOT_RECORDED, SENTENCES, SUBSTANTIVE_TIERS,
};
use crate::catalogue::Breakdown;
use crate::codes::offence::YJB_GROUPS;
use crate::codes::{EthnicGroup, Outcome, Sex, Tier};
use crate::extract::Extract;

use super::periods::Periods;
use super::population::PopulationQuery;
use super::prepare::Child;
use crate::report::PeriodType;

/// A breakdown dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dim {
    All,
    Ethnicity,
    EthnicityDetail,
    Sex,
    /// 10–14, 15–17, Unknown.
    AgeBand,
    /// 10 … 17, Unknown.
    Age,
    /// under 10, 10 … 17, 18+, Unknown × Male, Female, Unknown (`breakdown2`).
    AgeSex,
    /// Substantive tiers only, or with diversion.
    OutcomeTier {
        diversion: bool,
    },
    OutcomeType {
        diversion: bool,
    },
    SentenceType,
    OffenceCategory,
    /// 1–3, 4, 5–8, Not recorded.
    GravityBand,
    LookedAfter,
    Service,
    /// Previous substantive occasions: 0, 1–2, 3–6, 7–10, 11+.
    PreviousOccasions,
}

impl Dim {
    /// The breakdown its figures name (age × sex is breakdown `age` with `breakdown2` sex).
    pub fn breakdown(self) -> Breakdown {
        match self {
            Dim::All => Breakdown::All,
            Dim::Ethnicity => Breakdown::Ethnicity,
            Dim::EthnicityDetail => Breakdown::EthnicityDetail,
            Dim::Sex => Breakdown::Sex,
            Dim::AgeBand => Breakdown::AgeBand,
            Dim::Age | Dim::AgeSex => Breakdown::Age,
            Dim::OutcomeTier { .. } => Breakdown::OutcomeTier,
            Dim::OutcomeType { .. } => Breakdown::OutcomeType,
            Dim::SentenceType => Breakdown::SentenceType,
            Dim::OffenceCategory => Breakdown::OffenceCategory,
            Dim::GravityBand => Breakdown::GravityBand,
            Dim::LookedAfter => Breakdown::LookedAfter,
            Dim::Service => Breakdown::Service,
            Dim::PreviousOccasions => Breakdown::PreviousOccasions,
        }
    }

    /// The second breakdown of a cross-tabulation.
    pub fn breakdown2(self) -> Option<Breakdown> {
        (self == Dim::AgeSex).then_some(Breakdown::Sex)
    }

    /// Whether a child belongs to exactly one group per period (an attribute of the child, or
    /// their age at their first event of the period) rather than to one group per event kind.
    pub fn is_child_attribute(self) -> bool {
        matches!(
            self,
            Dim::All
                | Dim::Ethnicity
                | Dim::EthnicityDetail
                | Dim::Sex
                | Dim::AgeBand
                | Dim::Age
                | Dim::AgeSex
                | Dim::LookedAfter
                | Dim::Service
        )
    }
}

/// Everything a group can depend on, for one event.
#[derive(Clone, Copy, Debug)]
pub struct Attrs {
    pub ethnicity: EthnicGroup,
    pub detail: u16,
    pub sex: Sex,
    pub age: Option<i32>,
    pub looked_after: Option<bool>,
    pub service: u32,
    pub outcome: Outcome,
    pub category: u32,
    pub gravity: Option<u8>,
    pub previous: u32,
}

impl Attrs {
    /// A child's attributes at `date` with an event's outcome, category and gravity.
    pub fn of(
        child: &Child,
        date: NaiveDate,
        outcome: Outcome,
        category: u32,
        gravity: Option<u8>,
    ) -> Attrs {
        Attrs {
            ethnicity: child.ethnicity,
            detail: child.detail,
            sex: child.sex,
            age: child.age_at(date),
            looked_after: child.looked_after,
            service: child.service,
            outcome,
            category,
            gravity,
            previous: 0,
        }
    }
}

/// A breakdown by an open code list — the file's own offence categories (beyond the YJB
/// groups) and its services — shows at most this many of its values as groups: the most
/// frequent among the kept rows (ties: first met). The rows of the others are counted under
/// "Other" (categories) or [`OTHER_SERVICES`], and a note says how many values and rows were
/// folded. Every group is a figure in every period of several measures (hundreds of figures
/// each), so this keeps the report's size bounded whatever the file holds.
pub const MAX_OPEN_GROUPS: usize = 200;

/// The group of the services folded beyond [`MAX_OPEN_GROUPS`].
pub const OTHER_SERVICES: &str = "Other services";

/// Values of an open code list folded into one group: how many distinct values, and the rows
/// that carry them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Folded {
    pub values: usize,
    pub rows: u64,
}

/// Which of an open code list's values (with `counts[i]` rows each) keep their own group: the
/// [`MAX_OPEN_GROUPS`] most frequent, ties by first appearance; and what was folded.
fn keep_most_frequent(counts: &[u64]) -> (Vec<bool>, Folded) {
    let mut keep = vec![true; counts.len()];
    let mut folded = Folded::default();
    if counts.len() > MAX_OPEN_GROUPS {
        let mut order: Vec<usize> = (0..counts.len()).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(counts[i]), i));
        for &i in &order[MAX_OPEN_GROUPS..] {
            keep[i] = false;
            folded.values += 1;
            folded.rows += counts[i];
        }
    }
    (keep, folded)
}

/// Extract-dependent code lists (detailed ethnicities, offence categories, services).
#[derive(Clone, Debug)]
pub struct Codes {
    /// Group index of each outcome (by `Outcome as usize`) in `OutcomeType` without / with
    /// diversion.
    outcome_type: [[Option<u8>; Outcome::ALL.len()]; 2],
    pub details: Vec<String>,
    /// Category label per group, then the map from extract category index to group.
    pub categories: Vec<String>,
    pub category_group: Vec<usize>,
    /// Service groups: the services shown, then [`OTHER_SERVICES`] when some were folded,
    /// then [`NOT_RECORDED`]; empty when the extract has no service.
    pub services: Vec<String>,
    /// Extract service index → group index in `services`.
    pub service_group: Vec<usize>,
    /// How many groups of `services` are services of the file (with a population).
    named_services: usize,
    /// Free-text offence categories and services beyond [`MAX_OPEN_GROUPS`].
    pub folded_categories: Folded,
    pub folded_services: Folded,
}

impl Codes {
    pub fn new(extract: &Extract) -> Codes {
        let mut details: Vec<String> = extract.ethnic_details.iter().skip(1).cloned().collect();
        if !details.is_empty() {
            details.push(NOT_GIVEN.to_string());
        }
        // Rows per category and per service, to choose the groups an open list shows.
        let mut category_rows = vec![0u64; extract.categories.len()];
        let mut service_rows = vec![0u64; extract.services.len()];
        for r in &extract.rows {
            if let Some(n) = category_rows.get_mut(r.category as usize) {
                *n += 1;
            }
            if let Some(n) = service_rows.get_mut(r.service as usize) {
                *n += 1;
            }
        }

        // Categories: the YJB groups, then the file's own categories shown.
        let mut categories: Vec<String> = YJB_GROUPS.iter().map(|s| s.to_string()).collect();
        let mut group_of_label: std::collections::HashMap<String, usize> = categories
            .iter()
            .enumerate()
            .map(|(g, c)| (c.clone(), g))
            .collect();
        let free: Vec<usize> = (0..extract.categories.len())
            .filter(|&i| !group_of_label.contains_key(&extract.categories[i].label))
            .collect();
        let free_rows: Vec<u64> = free.iter().map(|&i| category_rows[i]).collect();
        let (keep_free, folded_categories) = keep_most_frequent(&free_rows);
        let mut shown = vec![true; extract.categories.len()];
        for (k, &i) in free.iter().enumerate() {
            shown[i] = keep_free[k];
        }
        let other = YJB_GROUPS.iter().position(|g| *g == "Other").unwrap_or(0);
        let mut category_group = Vec::with_capacity(extract.categories.len());
        for (i, c) in extract.categories.iter().enumerate() {
            let g = if !shown[i] {
                other
            } else if let Some(&g) = group_of_label.get(&c.label) {
                g
            } else {
                categories.push(c.label.clone());
                group_of_label.insert(c.label.clone(), categories.len() - 1);
                categories.len() - 1
            };
            category_group.push(g);
        }

        // Services: those shown, in the file's order, then the folded ones, then none.
        let named: Vec<u64> = service_rows.iter().skip(1).copied().collect();
        let (keep_services, folded_services) = keep_most_frequent(&named);
        let mut services: Vec<String> = Vec::new();
        let mut service_group = vec![usize::MAX; extract.services.len()];
        for (k, name) in extract.services.iter().enumerate().skip(1) {
            if keep_services[k - 1] {
                service_group[k] = services.len();
                services.push(name.clone());
            }
        }
        let named_services = services.len();
        if extract.services.len() > 1 {
            if folded_services.values > 0 {
                services.push(OTHER_SERVICES.to_string());
            }
            services.push(NOT_RECORDED.to_string());
        }
        let other_services = named_services;
        let not_recorded = services.len().saturating_sub(1);
        for (k, g) in service_group.iter_mut().enumerate() {
            if k == 0 {
                *g = not_recorded;
            } else if *g == usize::MAX {
                *g = other_services;
            }
        }

        let mut outcome_type = [[None; Outcome::ALL.len()]; 2];
        for (k, diversion) in [false, true].into_iter().enumerate() {
            for (g, o) in outcome_types(diversion).into_iter().enumerate() {
                outcome_type[k][o as usize] = Some(g as u8);
            }
        }
        Codes {
            outcome_type,
            details,
            categories,
            category_group,
            services,
            service_group,
            named_services,
            folded_categories,
            folded_services,
        }
    }

    fn not_recorded_category(&self) -> usize {
        YJB_GROUPS
            .iter()
            .position(|g| *g == NOT_RECORDED)
            .unwrap_or(0)
    }

    /// Group labels of a breakdown: (group, group2). Empty when the breakdown does not apply
    /// to this extract (no detailed ethnicity, no service column).
    pub fn groups(&self, dim: Dim) -> Vec<(String, String)> {
        let one = |v: Vec<String>| v.into_iter().map(|g| (g, String::new())).collect();
        let strs = |v: &mut dyn Iterator<Item = &'static str>| one(v.map(str::to_string).collect());
        match dim {
            Dim::All => strs(&mut std::iter::once(crate::catalogue::breakdown::ALL_GROUP)),
            Dim::Ethnicity => strs(&mut EthnicGroup::ALL.iter().map(|g| g.label())),
            Dim::EthnicityDetail => one(self.details.clone()),
            Dim::Sex => strs(&mut Sex::ALL.iter().map(|s| s.label())),
            Dim::AgeBand => strs(&mut AgeBand::ALL.iter().map(|b| b.label())),
            Dim::Age => strs(&mut AgeGroup::YOUTH.iter().map(|a| a.label())),
            Dim::AgeSex => {
                let mut v = Vec::new();
                for a in AgeGroup::ALL_AGES {
                    for s in Sex::ALL {
                        v.push((a.label().to_string(), s.label().to_string()));
                    }
                }
                v
            }
            Dim::OutcomeTier { diversion } => {
                let tiers: &[Tier] = if diversion {
                    &ALL_TIERS
                } else {
                    &SUBSTANTIVE_TIERS
                };
                strs(&mut tiers.iter().map(|t| t.id()))
            }
            Dim::OutcomeType { diversion } => {
                strs(&mut outcome_types(diversion).into_iter().map(|o| o.label()))
            }
            Dim::SentenceType => strs(&mut SENTENCES.iter().map(|o| o.label())),
            Dim::OffenceCategory => one(self.categories.clone()),
            Dim::GravityBand => strs(&mut GravityBand::ALL.iter().map(|b| b.label())),
            Dim::LookedAfter => strs(&mut LookedAfter::ALL.iter().map(|b| b.label())),
            Dim::Service => one(self.services.clone()),
            Dim::PreviousOccasions => strs(&mut PreviousOccasions::ALL.iter().map(|b| b.label())),
        }
    }

    /// The group index of `a` in `dim`, `None` when it belongs to none.
    pub fn group_of(&self, dim: Dim, a: &Attrs) -> Option<usize> {
        let sex = a.sex.index();
        match dim {
            Dim::All => Some(0),
            Dim::Ethnicity => Some(a.ethnicity.index()),
            Dim::EthnicityDetail => {
                // Detail i (1-based in the extract) is group i - 1; none given is the last.
                if self.details.is_empty() {
                    None
                } else if a.detail >= 1 && (a.detail as usize) < self.details.len() {
                    Some(a.detail as usize - 1)
                } else {
                    Some(self.details.len() - 1)
                }
            }
            Dim::Sex => Some(sex),
            Dim::AgeBand => AgeBand::of(a.age).map(AgeBand::index),
            Dim::Age => {
                let group = AgeGroup::of(a.age);
                AgeGroup::YOUTH.iter().position(|g| *g == group)
            }
            Dim::AgeSex => {
                let group = AgeGroup::of(a.age);
                let age = AgeGroup::ALL_AGES.iter().position(|g| *g == group)?;
                Some(age * Sex::ALL.len() + sex)
            }
            Dim::OutcomeTier { diversion } => {
                let tiers: &[Tier] = if diversion {
                    &ALL_TIERS
                } else {
                    &SUBSTANTIVE_TIERS
                };
                tiers.iter().position(|t| *t == a.outcome.tier())
            }
            Dim::OutcomeType { diversion } => {
                self.outcome_type[usize::from(diversion)][a.outcome as usize].map(usize::from)
            }
            Dim::SentenceType => SENTENCES.iter().position(|o| *o == a.outcome),
            Dim::OffenceCategory => Some(
                self.category_group
                    .get(a.category as usize)
                    .copied()
                    .unwrap_or_else(|| self.not_recorded_category()),
            ),
            Dim::GravityBand => Some(GravityBand::of(a.gravity).index()),
            Dim::LookedAfter => Some(LookedAfter::of(a.looked_after).index()),
            Dim::Service => {
                // Service i (1-based in the extract) is group i - 1; not recorded is the last.
                if self.services.is_empty() {
                    None
                } else {
                    Some(
                        self.service_group
                            .get(a.service as usize)
                            .copied()
                            .unwrap_or(self.services.len() - 1),
                    )
                }
            }
            Dim::PreviousOccasions => Some(PreviousOccasions::of(a.previous).index()),
        }
    }

    /// The population query for group `g` of `dim`: `Some(None)` when the group has no
    /// population (Unknown, Not recorded, a non-demographic breakdown's groups use the
    /// total), `None` when the dimension has no denominator at all.
    pub fn population_query(&self, dim: Dim, g: usize) -> Option<Option<PopulationQuery<'_>>> {
        let base = PopulationQuery::default();
        match dim {
            Dim::All | Dim::SentenceType => Some(Some(base)),
            Dim::Ethnicity => Some(EthnicGroup::KNOWN.get(g).map(|e| PopulationQuery {
                ethnicity: Some(*e),
                ..base
            })),
            Dim::Sex => {
                Some(
                    Sex::ALL
                        .get(g)
                        .filter(|s| **s != Sex::Unknown)
                        .map(|s| PopulationQuery {
                            sex: Some(*s),
                            ..base
                        }),
                )
            }
            Dim::AgeBand => {
                Some(
                    AgeBand::ALL
                        .get(g)
                        .and_then(|b| b.ages())
                        .map(|ages| PopulationQuery {
                            ages: Some(ages),
                            ..base
                        }),
                )
            }
            Dim::Service => Some((g < self.named_services).then(|| PopulationQuery {
                service: Some(self.services[g].as_str()),
                ..base
            })),
            _ => None,
        }
    }
}

/// One (breakdown, group) slot of a layout.
#[derive(Clone, Debug)]
pub struct Slot {
    pub dim: Dim,
    /// Index of the group within its breakdown.
    pub group_index: usize,
    pub breakdown: Breakdown,
    pub group: String,
    pub breakdown2: Option<Breakdown>,
    pub group2: String,
}

/// The flattened slots of a set of breakdowns.
#[derive(Clone, Debug)]
pub struct Layout {
    pub dims: Vec<Dim>,
    /// Slot offset of each dim.
    pub offsets: Vec<usize>,
    pub slots: Vec<Slot>,
}

impl Layout {
    pub fn new(codes: &Codes, dims: &[Dim]) -> Layout {
        let mut out = Layout {
            dims: Vec::new(),
            offsets: Vec::new(),
            slots: Vec::new(),
        };
        for &dim in dims {
            let groups = codes.groups(dim);
            if groups.is_empty() {
                continue;
            }
            out.dims.push(dim);
            out.offsets.push(out.slots.len());
            for (i, (g, g2)) in groups.into_iter().enumerate() {
                out.slots.push(Slot {
                    dim,
                    group_index: i,
                    breakdown: dim.breakdown(),
                    group: g,
                    breakdown2: dim.breakdown2(),
                    group2: g2,
                });
            }
        }
        out
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The slots `a` falls in (one per breakdown), computed once per event.
    pub fn slots(&self, codes: &Codes, a: &Attrs) -> Slots {
        let mut out = Slots::default();
        for (k, &dim) in self.dims.iter().enumerate() {
            if let Some(g) = codes.group_of(dim, a) {
                let i = out.len as usize;
                out.idx[i] = (self.offsets[k] + g) as u32;
                if dim.is_child_attribute() {
                    out.attribute |= 1 << i;
                }
                out.len += 1;
            }
        }
        out
    }
}

/// The slots one event falls in (at most one per breakdown).
#[derive(Clone, Copy, Debug, Default)]
pub struct Slots {
    pub idx: [u32; 16],
    /// Bit i set: `idx[i]` belongs to a child-attribute breakdown.
    pub attribute: u16,
    pub len: u8,
}

impl Slots {
    pub fn iter(&self) -> impl Iterator<Item = (usize, bool)> + '_ {
        (0..self.len as usize).map(|i| (self.idx[i] as usize, self.attribute & (1 << i) != 0))
    }
}

/// Counts distinct children per (period, slot): a child counts once per period in each
/// attribute breakdown (with the attributes of their first event in the period) and once per
/// group in each event breakdown (outcome type, category, …). Feed each child's events in
/// date order, one child at a time.
pub struct ChildTally {
    slots: usize,
    stamp_period: Vec<u32>,
    stamp_slot: Vec<u32>,
    pub counts: Vec<u64>,
}

impl ChildTally {
    pub fn new(periods: usize, slots: usize) -> ChildTally {
        ChildTally {
            slots,
            stamp_period: vec![u32::MAX; periods],
            stamp_slot: vec![u32::MAX; periods * slots],
            counts: vec![0; periods * slots],
        }
    }

    pub fn add(&mut self, child: u32, period: usize, slots: &Slots) {
        let first = self.stamp_period[period] != child;
        self.stamp_period[period] = child;
        let base = period * self.slots;
        for (s, attribute) in slots.iter() {
            if attribute {
                if first {
                    self.counts[base + s] += 1;
                }
            } else if self.stamp_slot[base + s] != child {
                self.stamp_slot[base + s] = child;
                self.counts[base + s] += 1;
            }
        }
    }

    pub fn get(&self, period: usize, slot: usize) -> u64 {
        self.counts[period * self.slots + slot]
    }

    /// For additive counts fed into quarterly periods only: fill each 12-month period for
    /// which `include(p)` holds with the sum of its quarters.
    pub fn roll_up(&mut self, periods: &Periods, include: impl Fn(usize) -> bool) {
        roll_up(&mut self.counts, self.slots, periods, include);
    }
}

/// Fill each 12-month period for which `include(p)` holds with the sum of its quarters, in a
/// `(period, slot)` table of counts fed into quarterly periods only.
fn roll_up(counts: &mut [u64], slots: usize, periods: &Periods, include: impl Fn(usize) -> bool) {
    for (p, period) in periods.list.iter().enumerate() {
        if period.period_type == PeriodType::Quarter || !include(p) {
            continue;
        }
        for q in period.first_quarter..=period.last_quarter.min(periods.q_last) {
            let Some(qp) = periods.quarter(q) else {
                continue;
            };
            for s in 0..slots {
                counts[p * slots + s] += counts[qp * slots + s];
            }
        }
    }
}

/// Plain event counts per (period, slot).
pub struct Tally {
    slots: usize,
    pub counts: Vec<u64>,
}

impl Tally {
    pub fn new(periods: usize, slots: usize) -> Tally {
        Tally {
            slots,
            counts: vec![0; periods * slots],
        }
    }

    pub fn add(&mut self, period: usize, slots: &Slots, n: u64) {
        let base = period * self.slots;
        for (s, _) in slots.iter() {
            self.counts[base + s] += n;
        }
    }

    pub fn get(&self, period: usize, slot: usize) -> u64 {
        self.counts[period * self.slots + slot]
    }

    /// For additive counts fed into quarterly periods only: fill each 12-month period for
    /// which `include(p)` holds with the sum of its quarters.
    pub fn roll_up(&mut self, periods: &Periods, include: impl Fn(usize) -> bool) {
        roll_up(&mut self.counts, self.slots, periods, include);
    }
}
