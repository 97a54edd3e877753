//! The cell model: every count in the figures is a cell, keyed by (count, stage, period,
//! breakdown, group, breakdown2, group2), with the value rows carry for it and whether it is
//! suppressed; counts that are a stage's children share the stage's `disp_count` cell.

use chrono::NaiveDate;

use super::Engine;
use crate::catalogue::{Breakdown, Measure};
use crate::publish::linkage;
use crate::report::{Figure, PeriodType};

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct Key {
    pub(super) count: String,
    pub(super) stage: String,
    pub(super) period_type: PeriodType,
    pub(super) start: NaiveDate,
    pub(super) end: NaiveDate,
    pub(super) breakdown: String,
    pub(super) group: String,
    pub(super) breakdown2: String,
    pub(super) group2: String,
}

impl Key {
    pub(super) fn of(count: &str, stage: &str, f: &Figure) -> Key {
        Key {
            count: count.to_string(),
            stage: stage.to_string(),
            period_type: f.period_type,
            start: f.period_start,
            end: f.period_end,
            breakdown: f.breakdown.id().to_string(),
            group: f.group.clone(),
            breakdown2: f.breakdown2.map_or("", Breakdown::id).to_string(),
            group2: f.group2.clone(),
        }
    }

    /// The same cell with another breakdown and group (breakdown2 cleared).
    pub(super) fn with_group(&self, breakdown: &str, group: &str) -> Key {
        Key {
            breakdown: breakdown.to_string(),
            group: group.to_string(),
            breakdown2: String::new(),
            group2: String::new(),
            ..self.clone()
        }
    }

    pub(super) fn with_count(&self, count: &str) -> Key {
        Key {
            count: count.to_string(),
            ..self.clone()
        }
    }

    pub(super) fn without_period(&self) -> Key {
        Key {
            period_type: PeriodType::Quarter,
            start: NaiveDate::MIN,
            end: NaiveDate::MIN,
            ..self.clone()
        }
    }

    pub(super) fn without_group(&self) -> Key {
        Key {
            group: String::new(),
            ..self.clone()
        }
    }

    pub(super) fn without_group2(&self) -> Key {
        Key {
            group2: String::new(),
            ..self.clone()
        }
    }
}

/// The canonical key of a count measure's cell: a count that is a disproportionality stage's
/// children (`custody_children`, …) is that stage's `disp_count` for its total and ethnicity
/// groups.
pub(super) fn count_key(measure: Measure, f: &Figure) -> Key {
    canonical(&Key::of(measure.id(), &f.stage.id(), f))
}

/// The key under which a count is stored: the stage alias of `custody_children`, `remand_children`
/// and `fte_count` for their total and ethnicity groups (see [`count_key`]).
pub(super) fn canonical(key: &Key) -> Key {
    match Measure::from_id(&key.count).and_then(linkage::stage_alias) {
        Some(stage)
            if key.breakdown2.is_empty()
                && (key.breakdown == Breakdown::All.id()
                    || key.breakdown == Breakdown::Ethnicity.id()) =>
        {
            Key {
                count: Measure::DispCount.id().into(),
                stage: stage.id().into(),
                ..key.clone()
            }
        }
        _ => key.clone(),
    }
}

pub(super) struct Cell {
    pub(super) key: Key,
    /// The count, when any row carries it.
    pub(super) value: Option<f64>,
    /// Every value seen for this cell (all are checked by the primary rule).
    pub(super) observed: Vec<f64>,
    pub(super) suppressed: bool,
}

impl Engine {
    /// The cell for `key`, created if new; `value` is recorded as an observation.
    pub(super) fn cell(&mut self, key: Key, value: Option<f64>) -> usize {
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

    pub(super) fn lookup(&self, key: &Key) -> Option<usize> {
        self.index.get(&canonical(key)).copied()
    }

    pub(super) fn published(&self, id: usize) -> bool {
        !self.cells[id].suppressed
    }
}
