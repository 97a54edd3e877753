//! The code lookup: a raw outcome, ethnicity, sex or looked-after value → its code, through
//! the mapping profile's own entries first and then the built-in code list. Each distinct raw
//! value is resolved once; every kept row with a value neither knows is warned about and
//! counted, for the "unrecognised codes" list.

use std::collections::{BTreeMap, HashMap};

use super::super::columns::Field;
use super::super::hash::ByteMap;
use super::super::quality::UnknownCode;
use super::tally::Tally;
use crate::codes::{normalise, Ethnicity};

/// What a distinct raw value resolved to, and how many kept rows carry it when it is unknown.
struct Code<T> {
    value: T,
    known: bool,
    raw: String,
    rows: u64,
}

/// One column's lookup: the profile's mappings (by normalised value), the built-in parser,
/// the value an unknown code gets and the warning it raises, and the cache of distinct raw
/// values.
pub(super) struct CodeLookup<T> {
    field: Field,
    warning: &'static str,
    unknown: T,
    profile: HashMap<String, T>,
    parse: fn(&str) -> Option<T>,
    index: ByteMap<u32>,
    entries: Vec<Code<T>>,
}

impl<T: Copy> CodeLookup<T> {
    pub(super) fn new(
        field: Field,
        warning: &'static str,
        unknown: T,
        profile: HashMap<String, T>,
        parse: fn(&str) -> Option<T>,
    ) -> Self {
        CodeLookup {
            field,
            warning,
            unknown,
            profile,
            parse,
            index: ByteMap::new(),
            entries: Vec::new(),
        }
    }

    /// The code of a kept row's `raw` value (on spreadsheet `line`); an unknown value is
    /// counted and warned about in `warnings`.
    #[inline]
    pub(super) fn resolve(&mut self, raw: &[u8], line: u32, warnings: &mut Tally) -> T {
        let i = match self.index.get(raw) {
            Some(i) => i,
            None => self.add(raw),
        };
        let e = &mut self.entries[i as usize];
        if !e.known {
            e.rows += 1;
            warnings.add_value(self.warning, self.field, line, raw);
        }
        e.value
    }

    #[cold]
    fn add(&mut self, raw: &[u8]) -> u32 {
        let text = String::from_utf8_lossy(raw).into_owned();
        let found = match self.profile.get(&normalise(&text)) {
            Some(&v) => Some(v),
            None => (self.parse)(&text),
        };
        let i = self.entries.len() as u32;
        self.entries.push(Code {
            value: found.unwrap_or(self.unknown),
            known: found.is_some(),
            raw: text,
            rows: 0,
        });
        self.index.insert(raw, i);
        i
    }

    /// The unknown values kept rows carried, with their row counts.
    pub(super) fn unknown_codes(&self, out: &mut Vec<UnknownCode>) {
        for e in &self.entries {
            if !e.known && e.rows > 0 {
                out.push(UnknownCode {
                    field: self.field.name().into(),
                    value: e.raw.clone(),
                    rows: e.rows,
                });
            }
        }
    }
}

/// A profile's `from → to` mappings whose target `parse` knows, keyed by normalised `from`.
pub(super) fn profile_map<T>(
    pairs: &BTreeMap<String, String>,
    mut parse: impl FnMut(&str) -> Option<T>,
) -> HashMap<String, T> {
    pairs
        .iter()
        .filter_map(|(from, to)| parse(to).map(|v| (normalise(from), v)))
        .collect()
}

/// Resolve one profile ethnicity target ("Asian", "Asian: Indian", "Other: Latin American")
/// to an ethnicity, interning a new detail label when the group is known but the detail is
/// not one of the built-in ones.
pub(super) fn profile_ethnicity(target: &str, details: &mut Vec<String>) -> Option<Ethnicity> {
    if let Some(e) = Ethnicity::parse(target) {
        if e.detail != 0 || !target.contains(':') {
            return Some(e);
        }
        let (_, detail) = target.split_once(':')?;
        let label = format!("{}: {}", e.group.label(), detail.trim());
        let i = match details.iter().position(|d| *d == label) {
            Some(i) => i,
            None => {
                details.push(label);
                details.len() - 1
            }
        };
        return Some(Ethnicity {
            group: e.group,
            detail: i as u16,
        });
    }
    None
}
