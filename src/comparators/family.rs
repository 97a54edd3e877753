//! Families (`comparators.md`, "Families"): named lists of YJS areas — typed or picked,
//! saved in the mapping profile, or read from a two-column CSV `family, area` (synonyms
//! `group`; `yjs`, `yot`). A family's figure is pooled from its members ([`super::pool`]).

use serde::{Deserialize, Serialize};

use crate::catalogue::messages::{en, fill};
use crate::extract::{Refusal, RefusalKind};

use super::area::{Area, AreaKind};
use super::sources::column;

/// A named list of YJS areas.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Family {
    pub name: String,
    pub members: Vec<Area>,
}

impl Family {
    /// A family of the named areas (names as typed; matched by [`Area::same_place`]).
    pub fn new(name: &str, members: &[&str]) -> Family {
        Family {
            name: name.trim().to_string(),
            members: members
                .iter()
                .map(|m| Area::new(m, None, AreaKind::Yjs))
                .collect(),
        }
    }

    /// Whether `area` is one of the members.
    pub fn contains(&self, area: &Area) -> bool {
        self.members.iter().any(|m| m.same_place(area))
    }

    /// The family as an area (its figures' `area`).
    pub fn area(&self) -> Area {
        Area::new(&self.name, None, AreaKind::Family)
    }
}

/// The families of a `family, area` CSV, in the order first named. Refused, with one
/// sentence, when the file has not both columns.
pub fn read_families(bytes: &[u8]) -> Result<Vec<Family>, Refusal> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let table = crate::extract::read_table(bytes)?;
    let (Some(f), Some(a)) = (
        column(&table.headers, &["family", "group"]),
        column(&table.headers, &["area", "yjs", "yot"]),
    ) else {
        return Err(Refusal {
            kind: RefusalKind::NoHeader,
            message: fill(en("error.comparators.family_columns"), &[]),
        });
    };
    let code = column(&table.headers, &["area_code"]);
    let mut out: Vec<Family> = Vec::new();
    for rec in &table.records {
        let at = |i: usize| rec.get(i).map_or("", |s| s.trim());
        let (name, member) = (at(f), at(a));
        if name.is_empty() || member.is_empty() {
            continue;
        }
        let area = Area::new(member, code.map(at), AreaKind::Yjs);
        match out.iter_mut().find(|x| x.name == name) {
            Some(x) if !x.contains(&area) => x.members.push(area),
            Some(_) => {}
            None => out.push(Family {
                name: name.to_string(),
                members: vec![area],
            }),
        }
    }
    Ok(out)
}
