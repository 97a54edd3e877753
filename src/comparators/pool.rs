//! Pooled figures (`comparators.md`, "Families"): a group's figure is its members'
//! numerators and denominators summed and the value recomputed — never an average of rates —
//! with how many members had data.

use crate::catalogue::UnitKind;
use crate::measures::stats::{ratio, wilson_percent};
use crate::report::Figure;

/// The pooled figure of `members` (each a member's figure of the same key, or `None` where
/// the member has none), and (members with data, members). `None` when no member has data
/// or the unit cannot be pooled (a difference or an index: pool their counts instead).
/// Suppressed figures are left out, as members without data.
pub fn pool(members: &[Option<&Figure>]) -> Option<(Figure, (u32, u32))> {
    let first = members.iter().flatten().next()?;
    let kind = first.unit.kind();
    if matches!(kind, UnitKind::Difference | UnitKind::Index) {
        return None;
    }
    let needs_denominator = kind != UnitKind::Count;
    let with_data: Vec<&Figure> = members
        .iter()
        .flatten()
        .copied()
        .filter(|f| {
            !f.suppressed
                && f.numerator.or(f.value).is_some()
                && (!needs_denominator || f.denominator.is_some())
        })
        .collect();
    if with_data.is_empty() {
        return None;
    }
    let numerator: f64 = with_data
        .iter()
        .filter_map(|f| f.numerator.or(f.value))
        .sum();
    let (denominator, value) = if needs_denominator {
        let d: f64 = with_data.iter().filter_map(|f| f.denominator).sum();
        (Some(d), ratio(numerator, d).map(|r| r * first.unit.scale()))
    } else {
        (None, Some(numerator))
    };
    let ci = match (kind, denominator) {
        (UnitKind::Share, Some(d)) => wilson_percent(numerator, d),
        _ => None,
    };
    let figure = Figure {
        numerator: Some(numerator),
        denominator,
        value,
        ci_low: ci.map(|c| c.0),
        ci_high: ci.map(|c| c.1),
        flag: None,
        suppressed: false,
        ..(*first).clone()
    };
    Some((figure, (with_data.len() as u32, members.len() as u32)))
}
