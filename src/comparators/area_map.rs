//! The analyst's choices for area names that match nothing (`comparators.md`, "an area name
//! matching nothing is listed with a control to map it"): a name as a file writes it → the
//! known area it means, or left out. Saved in the mapping profile (`areas`), so the widget and
//! `yjlens compare --mapping PROFILE` read the same files the same way.

use std::collections::BTreeMap;

use super::area::{normalise_name, Area};

/// Name as written in a comparator or population file → the name of the known area it
/// means; an empty target leaves the name out (not shown, not ranked, no longer listed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AreaMap(BTreeMap<String, String>);

/// What becomes of a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mapped {
    /// Not in the map: the name as written.
    Unchanged,
    /// The name of the known area it means.
    To(String),
    LeftOut,
}

impl AreaMap {
    /// The map of a profile's `areas` (keys compared as names, by [`normalise_name`]).
    pub fn new(entries: &BTreeMap<String, String>) -> AreaMap {
        AreaMap(
            entries
                .iter()
                .map(|(k, v)| (normalise_name(k), v.trim().to_string()))
                .filter(|(k, _)| !k.is_empty())
                .collect(),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// What the analyst chose for `name`.
    pub fn mapped(&self, name: &str) -> Mapped {
        match self.0.get(&normalise_name(name)) {
            None => Mapped::Unchanged,
            Some(to) if to.is_empty() => Mapped::LeftOut,
            Some(to) => Mapped::To(to.clone()),
        }
    }

    /// The area `area` stands for once mapped (its code kept only when unchanged); `None`
    /// when it is left out.
    pub fn resolve(&self, area: &Area) -> Option<Area> {
        match self.mapped(&area.name) {
            Mapped::Unchanged => Some(area.clone()),
            Mapped::To(name) => Some(Area::new(&name, None, area.kind)),
            Mapped::LeftOut => None,
        }
    }

    /// Whether `a` and `b` are the same place once both are mapped (neither left out).
    pub fn same_place(&self, a: &Area, b: &Area) -> bool {
        match (self.resolve(a), self.resolve(b)) {
            (Some(x), Some(y)) => x.same_place(&y) || x.same_place(b) || a.same_place(&y),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comparators::AreaKind;

    #[test]
    fn a_mapped_name_is_the_area_it_means_and_a_left_out_name_is_nothing() {
        let mut entries = BTreeMap::new();
        entries.insert(
            "Kingston upon Hull, City of".to_string(),
            "Hull".to_string(),
        );
        entries.insert("Isles of Scilly".to_string(), String::new());
        let map = AreaMap::new(&entries);
        let yjs = |n: &str| Area::new(n, None, AreaKind::Yjs);
        assert!(map.same_place(&yjs("kingston upon hull city of"), &yjs("Hull YOT")));
        assert!(map.same_place(&yjs("Hull"), &yjs("Kingston upon Hull, City of")));
        assert!(!map.same_place(&yjs("Isles of Scilly"), &yjs("Isles of Scilly")));
        assert!(map.same_place(&yjs("Camden"), &yjs("Camden YOT")));
        assert_eq!(map.mapped("Isles of Scilly"), Mapped::LeftOut);
    }
}
