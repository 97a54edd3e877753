//! Interning for kept rows: child ids, offence categories and services — each distinct raw
//! value stored once and referred to by index, so no table holds a value no kept row uses.
//! The indices are those of one range of the file (or of the whole file read in one go);
//! the [merge](super::merge) re-maps them, and notes each child's attributes.

use std::collections::HashMap;

use super::super::hash::{ByteMap, Table128};
use crate::codes::OffenceCategory;

/// The interning tables of one file.
pub(super) struct Interner {
    /// Child id hash → index.
    children: Table128<u32>,
    child_ids: Vec<String>,
    /// Each child's id hash, by index (for the merge).
    child_keys: Vec<u128>,
    category_raw: ByteMap<u32>,
    category_label: HashMap<String, u32>,
    service_raw: ByteMap<u32>,
}

impl Interner {
    pub(super) fn new() -> Self {
        Interner {
            children: Table128::new(),
            child_ids: Vec::new(),
            child_keys: Vec::new(),
            category_raw: ByteMap::new(),
            category_label: HashMap::new(),
            service_raw: ByteMap::new(),
        }
    }

    /// Reserve room for the children of about `rows` more rows (two fifths of them: 0.39 in
    /// the 1M-row sample; a table reserved short grows, holding its old and new slots at once).
    pub(super) fn reserve(&mut self, rows: usize) {
        let children = rows / 5 * 2;
        self.children.reserve(children);
        self.child_ids.reserve(children);
        self.child_keys.reserve(children);
    }

    /// Start loading the slot of the child with id hash `key` (a likely cache miss).
    #[inline]
    pub(super) fn prefetch_child(&self, key: u128) {
        self.children.prefetch(key);
    }

    /// The index of the child with id hash `key` (its id `raw`).
    #[inline]
    pub(super) fn child(&mut self, key: u128, raw: &[u8]) -> u32 {
        let n_children = self.child_ids.len() as u32;
        let (&mut index, new) = self.children.entry(key, || n_children);
        if new {
            self.child_ids
                .push(String::from_utf8_lossy(raw).into_owned());
            self.child_keys.push(key);
        }
        index
    }

    /// The child ids in order of first appearance, their id hashes, and the table of id hash
    /// → index (taken: the interner is done with them).
    pub(super) fn take_children(&mut self) -> (Vec<String>, Vec<u128>, Table128<u32>) {
        (
            std::mem::take(&mut self.child_ids),
            std::mem::take(&mut self.child_keys),
            std::mem::replace(&mut self.children, Table128::new()),
        )
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
