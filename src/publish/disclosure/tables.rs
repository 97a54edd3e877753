//! The tables of rule 3: sets of cells that sum to a total cell (partitions along a
//! breakdown and breakdown2, nested breakdowns, quarters within a year or window, the
//! known-ethnicity split of a stage) and the cumulative `month` chains.

use std::collections::BTreeMap;

use super::cells::{canonical, Key};
use super::Engine;
use crate::catalogue::breakdown::{ALL_GROUP, UNKNOWN};
use crate::catalogue::{Breakdown, Measure};
use crate::codes::{normalise, EthnicGroup, Outcome};
use crate::publish::linkage::{self, DISP_KNOWN};
use crate::report::PeriodType;

/// A set of cells summing to a total cell.
pub(super) struct Table {
    pub(super) cells: Vec<usize>,
    /// `None`: no total cell in the figures (assumed derivable from elsewhere).
    pub(super) total: Option<usize>,
}

/// A cumulative chain (`month`): values non-decreasing up to an anchor.
pub(super) struct Chain {
    pub(super) cells: Vec<usize>,
    pub(super) anchor: Option<usize>,
}

impl Engine {
    pub(super) fn build_tables(&mut self) {
        let n = self.cells.len();
        let mut by_context: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
        let mut by_context2: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
        let mut quarters: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
        for id in 0..n {
            let key = &self.cells[id].key;
            if key.breakdown != Breakdown::All.id() {
                by_context.entry(key.without_group()).or_default().push(id);
            }
            if !key.breakdown2.is_empty() && key.breakdown2 != Breakdown::Month.id() {
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
            if ctx.breakdown == Breakdown::Month.id() {
                let mut cells = cells.clone();
                cells.sort_by_key(|&id| self.cells[id].key.group.parse::<u32>().unwrap_or(0));
                let anchor = (ctx.count == format!("{}#num", Measure::ReoffendingTimeToFirst))
                    .then(|| {
                        let (b, g) = if ctx.breakdown2.is_empty() {
                            (Breakdown::All.id(), ALL_GROUP)
                        } else {
                            (ctx.breakdown2.as_str(), ctx.group2.as_str())
                        };
                        let key = Key {
                            count: Measure::ReoffendingReoffenders.id().into(),
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
                ctx.with_group(Breakdown::All.id(), ALL_GROUP)
            } else {
                ctx.with_group(&ctx.breakdown2, &ctx.group2)
            };
            let total = self.lookup(&total_key).or_else(|| {
                Measure::from_id(&ctx.count)
                    .and_then(linkage::total_alias)
                    .and_then(|alias| self.lookup(&total_key.with_count(alias.id())))
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
                count: Measure::DispCount.id().into(),
                ..key.with_group(Breakdown::Ethnicity.id(), g)
            };
            let stage_total = self.lookup(&Key {
                count: Measure::DispCount.id().into(),
                ..key.clone()
            });
            let mut split = vec![id];
            split.extend(self.lookup(&group(UNKNOWN)));
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
