//! Interning for kept rows: child ids (with the attributes each child was first seen with,
//! and which of them later rows contradicted), offence categories and services — each
//! distinct raw value stored once and referred to by index, so no table holds a value no
//! kept row uses.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::super::hash::{ByteMap, Table128};
use super::super::quality::Conflict;
use super::super::Birth;
use crate::codes::{EthnicGroup, OffenceCategory, Sex};

/// Per child: the known attributes first seen, and which ones later rows contradicted.
#[derive(Clone, Copy, Default)]
struct ChildAttrs {
    /// Index into `Extract::child_ids`.
    index: u32,
    sex: u8,
    ethnicity: u8,
    /// Days since CE of the known date of birth (or birth month's 1st), 0 = not known.
    birth: i32,
    birth_is_month: bool,
    conflicts: u8,
}

const CONFLICT_SEX: u8 = 1;
const CONFLICT_ETHNICITY: u8 = 2;
const CONFLICT_BIRTH: u8 = 4;

/// The interning tables of one file.
pub(super) struct Interner {
    /// Child id hash → index and attributes, in one slot so a row touches one cache line.
    children: Table128<ChildAttrs>,
    child_ids: Vec<String>,
    category_raw: ByteMap<u32>,
    category_label: HashMap<String, u32>,
    service_raw: ByteMap<u32>,
}

impl Interner {
    pub(super) fn new() -> Self {
        Interner {
            children: Table128::new(),
            child_ids: Vec::new(),
            category_raw: ByteMap::new(),
            category_label: HashMap::new(),
            service_raw: ByteMap::new(),
        }
    }

    /// Reserve room for the children of about `rows` more rows.
    pub(super) fn reserve(&mut self, rows: usize) {
        self.children.reserve(rows / 4);
        self.child_ids.reserve(rows / 4);
    }

    /// Start loading the slot of the child with id hash `key` (a likely cache miss).
    #[inline]
    pub(super) fn prefetch_child(&self, key: u128) {
        self.children.prefetch(key);
    }

    /// The index of the child with id hash `key` (its id `raw`), recording this row's known
    /// attributes against it.
    #[inline]
    pub(super) fn child(
        &mut self,
        key: u128,
        raw: &[u8],
        sex: Sex,
        group: EthnicGroup,
        birth: Birth,
    ) -> u32 {
        let n_children = self.child_ids.len() as u32;
        let (attrs, new) = self.children.entry(key, || ChildAttrs {
            index: n_children,
            ..ChildAttrs::default()
        });
        if new {
            self.child_ids
                .push(String::from_utf8_lossy(raw).into_owned());
        }
        note_child(attrs, sex, group, birth);
        attrs.index
    }

    /// The child ids, in order of first appearance (taken: the table is done with them).
    pub(super) fn take_child_ids(&mut self) -> Vec<String> {
        std::mem::take(&mut self.child_ids)
    }

    /// How many children had each attribute contradicted (only attributes with any).
    pub(super) fn conflicts(&self) -> Vec<Conflict> {
        let mut out = Vec::new();
        for (bit, attribute) in [
            (CONFLICT_ETHNICITY, "ethnicity"),
            (CONFLICT_SEX, "sex"),
            (CONFLICT_BIRTH, "date of birth"),
        ] {
            let children = self
                .children
                .values()
                .filter(|a| a.conflicts & bit != 0)
                .count() as u64;
            if children > 0 {
                out.push(Conflict {
                    attribute: attribute.into(),
                    children,
                });
            }
        }
        out
    }

    /// The index of the offence category `raw` classifies as, in `cats`. Every distinct
    /// category is kept (the measures decide how many a breakdown shows).
    pub(super) fn category(&mut self, raw: &[u8], cats: &mut Vec<OffenceCategory>) -> u32 {
        if let Some(c) = self.category_raw.get(raw) {
            return c;
        }
        let text = String::from_utf8_lossy(raw);
        let cat = OffenceCategory::classify(&text);
        let c = match self.category_label.get(&cat.label) {
            Some(&c) => c,
            None => {
                cats.push(cat.clone());
                let c = index(cats.len() - 1);
                self.category_label.insert(cat.label, c);
                c
            }
        };
        self.category_raw.insert(raw, c);
        c
    }

    /// The index of service `raw` in `services` (0, the blank service, when empty). Every
    /// distinct service is kept.
    pub(super) fn service(&mut self, raw: &[u8], services: &mut Vec<String>) -> u32 {
        if raw.is_empty() {
            return 0;
        }
        if let Some(s) = self.service_raw.get(raw) {
            return s;
        }
        services.push(String::from_utf8_lossy(raw).into_owned());
        let s = index(services.len() - 1);
        self.service_raw.insert(raw, s);
        s
    }
}

/// A table index as stored in a row: a file has fewer than 2³² rows (line numbers are `u32`
/// too), so fewer distinct values.
fn index(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 distinct values")
}

/// Record a kept row's known attributes against its child, flagging contradictions.
#[inline]
fn note_child(a: &mut ChildAttrs, sex: Sex, group: EthnicGroup, birth: Birth) {
    let s = match sex {
        Sex::Male => 1,
        Sex::Female => 2,
        Sex::Unknown => 0,
    };
    if s != 0 {
        if a.sex == 0 {
            a.sex = s;
        } else if a.sex != s {
            a.conflicts |= CONFLICT_SEX;
        }
    }
    if group != EthnicGroup::Unknown {
        let g = group as u8 + 1;
        if a.ethnicity == 0 {
            a.ethnicity = g;
        } else if a.ethnicity != g {
            a.conflicts |= CONFLICT_ETHNICITY;
        }
    }

    let (d, is_month) = match birth {
        Birth::Date(d) => (d, false),
        Birth::Month(d) => (d, true),
        _ => return,
    };
    let days = d.num_days_from_ce();
    if a.birth == 0 {
        a.birth = days;
        a.birth_is_month = is_month;
    } else if a.birth != days {
        // A birth month and a date of birth agree when they share year and month.
        let prev = NaiveDate::from_num_days_from_ce_opt(a.birth).unwrap_or(d);
        let same_month = prev.year() == d.year() && prev.month() == d.month();
        if !((is_month || a.birth_is_month) && same_month) {
            a.conflicts |= CONFLICT_BIRTH;
        }
    }
}
