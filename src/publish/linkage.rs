//! Which figures are counts and which are ratios, and for each ratio which counts are its
//! numerator and denominator (from `measures.md`). Disclosure control needs this table to
//! suppress a rate beside a suppressed part, to carry secondary suppression from a count row to
//! every ratio built on it, and to recompute ratios from rounded counts.
//!
//! A measure id not listed here is unknown to disclosure control and is **not published** by
//! [`super::disclosure::apply`]: only figures whose parts we know how to protect go out.

/// Where one part (numerator or denominator) of a ratio comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The count measure with this id, same period, breakdown and group (empty stage).
    Measure(&'static str),
    /// A count carried only on this row's own numerator/denominator field (e.g. the court
    /// occasions under `custody_share_of_court`): it is still a count and is protected as one,
    /// under the synthetic id `<measure>#num` / `<measure>#den`.
    Own,
    /// A 10–17 population: not a count of children in the justice system, never suppressed
    /// itself (only the "denominator below 10" rule applies), never rounded.
    Population,
    /// `disp_count` of this row's stage (for a stage-to-stage row `X_vs_Y`: of stage `X`) and
    /// group.
    DispCount,
    /// The known-ethnicity total of the stage (all groups but Unknown), synthetic id
    /// [`DISP_KNOWN`].
    DispKnown,
    /// `disp_count` of the stage, group `all`.
    DispAll,
    /// `disp_rri` denominator: the group's population, or for a stage-to-stage row `X_vs_Y` the
    /// base stage `Y`'s count of the group.
    RriBase,
}

/// How a ratio's interval is recomputed after rounding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interval {
    /// No interval defined: any interval present is cleared when rounding.
    None,
    /// Wilson 95% for a proportion (recomputed only where the row carried an interval).
    Wilson,
    /// The log-scale RRI interval and flag of `disp_rri`.
    Rri,
}

/// What kind of figure a measure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A count of children, occasions, offences, episodes or nights: primary, secondary and
    /// rounding apply to it directly.
    Count,
    /// `numerator ÷ denominator × scale` (scale from the unit).
    Ratio {
        num: Source,
        den: Source,
        interval: Interval,
        /// Whether two rows of the measure can be merged (offence categories into "Other") by
        /// summing numerators and denominators.
        mergeable: bool,
    },
    /// `disp_gap_pp`: `disp_share` minus the population share; published only where the
    /// `disp_share` of the same stage and group is.
    GapPp,
    /// `disp_population_share`: population over population, no count of children in it.
    PopulationShare,
}

/// Synthetic count id of the known-ethnicity total of a disproportionality stage.
pub const DISP_KNOWN: &str = "disp_known_total";

/// The disproportionality stage ids of `measures.md`.
pub use crate::measures::disproportionality::COUNTED_STAGES as STAGES;

/// The kind of a measure id, `None` for an id this module does not know.
pub fn kind(measure: &str) -> Option<Kind> {
    use Interval as I;
    use Source::*;
    let ratio = |num, den, interval, mergeable| {
        Some(Kind::Ratio {
            num,
            den,
            interval,
            mergeable,
        })
    };
    match measure {
        "reoffending_cohort"
        | "reoffending_reoffenders"
        | "reoffending_reoffences"
        | "reoffending_distribution"
        | "fte_count"
        | "custody_sentences"
        | "custody_children"
        | "remand_episodes"
        | "remand_children"
        | "remand_bed_nights"
        | "remand_la_episodes"
        | "disp_count"
        | "throughput_children"
        | "throughput_occasions"
        | "throughput_offences"
        | "serious_violence_count" => Some(Kind::Count),
        "reoffending_binary_rate" => ratio(
            Measure("reoffending_reoffenders"),
            Measure("reoffending_cohort"),
            I::Wilson,
            true,
        ),
        "reoffending_frequency_rate" => ratio(
            Measure("reoffending_reoffences"),
            Measure("reoffending_cohort"),
            I::None,
            true,
        ),
        "reoffences_per_reoffender" => ratio(
            Measure("reoffending_reoffences"),
            Measure("reoffending_reoffenders"),
            I::None,
            true,
        ),
        "reoffending_time_to_first" => ratio(Own, Measure("reoffending_cohort"), I::Wilson, true),
        // Not mergeable: the top 10% of merged reoffenders is not the sum of the parts' tops.
        "reoffending_concentration" => {
            ratio(Own, Measure("reoffending_reoffences"), I::Wilson, false)
        }
        "fte_rate" => ratio(Measure("fte_count"), Population, I::None, false),
        "custody_rate" => ratio(Measure("custody_sentences"), Population, I::None, false),
        "custody_share_of_court" => ratio(Measure("custody_sentences"), Own, I::Wilson, true),
        "remand_outcome_custody" => ratio(Own, Own, I::Wilson, true),
        "serious_violence_rate" => ratio(
            Measure("serious_violence_count"),
            Population,
            I::None,
            false,
        ),
        "disp_share" => ratio(DispCount, DispKnown, I::Wilson, false),
        "disp_unknown_share" => ratio(DispCount, DispAll, I::Wilson, false),
        "disp_rate" => ratio(DispCount, Population, I::None, false),
        "disp_rri" => ratio(DispCount, RriBase, I::Rri, false),
        "disp_gap_pp" => Some(Kind::GapPp),
        "disp_population_share" => Some(Kind::PopulationShare),
        _ => None,
    }
}

/// A count measure that is the same count as a disproportionality stage's `disp_count`
/// (children of the stage): `custody_children` is stage `custody`, and so on. Rule 0 publishes
/// such a count by ethnicity as `disp_count` only, and disclosure control treats the two as one
/// count.
pub fn stage_alias(measure: &str) -> Option<&'static str> {
    match measure {
        "custody_children" => Some("custody"),
        "remand_children" => Some("remand"),
        "fte_count" => Some("first_time_entrants"),
        _ => None,
    }
}

/// The count a partition of `measure` sums to when the measure has no `all` row of its own:
/// the reoffences bands of `reoffending_distribution` partition the reoffenders.
pub fn total_alias(measure: &str) -> Option<&'static str> {
    match measure {
        "reoffending_distribution" => Some("reoffending_reoffenders"),
        _ => None,
    }
}

/// For a stage-to-stage id `later_vs_base`, the two stage ids.
pub fn split_vs(stage: &str) -> Option<(&str, &str)> {
    stage.split_once("_vs_")
}

/// The multiplier of a ratio from its printed unit: `%` → 100, "per 100,000" → 100,000,
/// "per 1,000" → 1,000, anything else (per child, per reoffender, an index) → 1.
pub fn scale_from_unit(unit: &str) -> f64 {
    let u: String = unit.chars().filter(|c| !matches!(c, ',' | ' ')).collect();
    if u.contains('%') {
        100.0
    } else if u.contains("100000") {
        100_000.0
    } else if u.contains("1000") {
        1_000.0
    } else {
        1.0
    }
}
