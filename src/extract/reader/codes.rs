//! The code lookup: a raw outcome, ethnicity, sex or looked-after value → its code, through
//! the mapping profile's own entries first and then the built-in code list. Each distinct raw
//! value is resolved once; every kept row with a value neither knows is warned about (the
//! merge counts those warnings per value for the "unrecognised codes" list).

use std::collections::{BTreeMap, HashMap};

use super::super::columns::Field;
use super::super::hash::ByteMap;
use super::tally::WarningLog;
use crate::codes::{normalise, Ethnicity};

/// What a distinct raw value resolved to.
struct Code<T> {
    value: T,
    known: bool,
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
    /// warned about in `warnings`.
    #[inline]
    pub(super) fn resolve(&mut self, raw: &[u8], line: u32, warnings: &mut WarningLog) -> T {
        let i = match self.index.get(raw) {
            Some(i) => i,
            None => self.add(raw),
        };
        let e = &self.entries[i as usize];
        if !e.known {
            warnings.add_code(self.warning, self.field, line, raw);
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
        });
        self.index.insert(raw, i);
        i
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
