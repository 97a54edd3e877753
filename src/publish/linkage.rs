//! Which figures are counts and which are ratios, and for each ratio which counts are its
//! numerator and denominator (from `measures.md`). Disclosure control needs this table to
//! suppress a rate beside a suppressed part, to carry secondary suppression from a count row to
//! every ratio built on it, and to recompute ratios from rounded counts.
//!
//! A measure id not listed here is unknown to disclosure control and is **not published** by
//! [`super::disclosure::apply`]: only figures whose parts we know how to protect go out.

use crate::catalogue::{Measure, Stage, Unit};

/// Where one part (numerator or denominator) of a ratio comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The count measure with this id, same period, breakdown and group (empty stage).
    Measure(Measure),
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

/// The kind of a measure (every measure has one: a new measure cannot compile without it).
pub fn kind(measure: Measure) -> Kind {
    use Interval as I;
    use Measure as M;
    use Source::{DispAll, DispCount, DispKnown, Own, Population, RriBase};
    let ratio = |num, den, interval, mergeable| Kind::Ratio {
        num,
        den,
        interval,
        mergeable,
    };
    match measure {
        M::ReoffendingCohort
        | M::ReoffendingReoffenders
        | M::ReoffendingReoffences
        | M::ReoffendingDistribution
        | M::FteCount
        | M::CustodySentences
        | M::CustodyChildren
        | M::RemandEpisodes
        | M::RemandChildren
        | M::RemandBedNights
        | M::RemandLaEpisodes
        | M::DispCount
        | M::ThroughputChildren
        | M::ThroughputOccasions
        | M::ThroughputOffences
        | M::SeriousViolenceCount => Kind::Count,
        M::Kpi1AccommodationSuitableNotRecorded
        | M::Kpi2EteSuitableNotRecorded
        | M::Kpi3SendInEteWithPlanNotRecorded
        | M::Kpi3SendIdentifiedNotRecorded
        | M::Kpi4MhNeedNotRecorded
        | M::Kpi4MhOfferedNotRecorded
        | M::Kpi4MhAttendedNotRecorded
        | M::Kpi5SmNeedNotRecorded
        | M::Kpi5SmOfferedNotRecorded
        | M::Kpi5SmAttendedNotRecorded
        | M::Kpi6OocdCompletedNotRecorded
        | M::Kpi7BoardAttendanceNotRecorded
        | M::Kpi8WiderServicesNotRecorded
        | M::Kpi10VictimsEngagedNotRecorded => Kind::Count,
        // KPI 9 repeats the serious violence rate.
        M::Kpi9SeriousViolenceRate => ratio(
            Source::Measure(M::SeriousViolenceCount),
            Population,
            I::None,
            false,
        ),
        // The other KPIs: a share of children (KPI 7: of board places; KPI 10: of victims)
        // whose parts are carried on the row itself.
        M::Kpi1AccommodationSuitable
        | M::Kpi2EteSuitable
        | M::Kpi3SendInEteWithPlan
        | M::Kpi3SendIdentified
        | M::Kpi4MhNeed
        | M::Kpi4MhOffered
        | M::Kpi4MhAttended
        | M::Kpi5SmNeed
        | M::Kpi5SmOffered
        | M::Kpi5SmAttended
        | M::Kpi6OocdCompleted
        | M::Kpi7BoardAttendance
        | M::Kpi8WiderServices
        | M::Kpi10VictimsEngaged => ratio(Own, Own, I::Wilson, true),
        // Mean weekly hours: hours over children, both carried on the row.
        M::KpiEteHoursOffered | M::KpiEteHoursAttended => ratio(Own, Own, I::None, true),
        M::ReoffendingBinaryRate => ratio(
            Source::Measure(M::ReoffendingReoffenders),
            Source::Measure(M::ReoffendingCohort),
            I::Wilson,
            true,
        ),
        M::ReoffendingFrequencyRate => ratio(
            Source::Measure(M::ReoffendingReoffences),
            Source::Measure(M::ReoffendingCohort),
            I::None,
            true,
        ),
        M::ReoffencesPerReoffender => ratio(
            Source::Measure(M::ReoffendingReoffences),
            Source::Measure(M::ReoffendingReoffenders),
            I::None,
            true,
        ),
        M::ReoffendingTimeToFirst => {
            ratio(Own, Source::Measure(M::ReoffendingCohort), I::Wilson, true)
        }
        // Not mergeable: the top 10% of merged reoffenders is not the sum of the parts' tops.
        M::ReoffendingConcentration => ratio(
            Own,
            Source::Measure(M::ReoffendingReoffences),
            I::Wilson,
            false,
        ),
        M::FteRate => ratio(Source::Measure(M::FteCount), Population, I::None, false),
        M::CustodyRate => ratio(
            Source::Measure(M::CustodySentences),
            Population,
            I::None,
            false,
        ),
        M::CustodyShareOfCourt => ratio(Source::Measure(M::CustodySentences), Own, I::Wilson, true),
        M::RemandOutcomeCustody => ratio(Own, Own, I::Wilson, true),
        M::SeriousViolenceRate => ratio(
            Source::Measure(M::SeriousViolenceCount),
            Population,
            I::None,
            false,
        ),
        M::DispShare => ratio(DispCount, DispKnown, I::Wilson, false),
        M::DispUnknownShare => ratio(DispCount, DispAll, I::Wilson, false),
        M::DispRate => ratio(DispCount, Population, I::None, false),
        M::DispRri => ratio(DispCount, RriBase, I::Rri, false),
        M::DispGapPp => Kind::GapPp,
        M::DispPopulationShare => Kind::PopulationShare,
    }
}

/// A count measure that is the same count as a disproportionality stage's `disp_count`
/// (children of the stage): `custody_children` is stage `custody`, and so on. Rule 0 publishes
/// such a count by ethnicity as `disp_count` only, and disclosure control treats the two as one
/// count.
pub fn stage_alias(measure: Measure) -> Option<Stage> {
    match measure {
        Measure::CustodyChildren => Some(Stage::Custody),
        Measure::RemandChildren => Some(Stage::Remand),
        Measure::FteCount => Some(Stage::FirstTimeEntrants),
        _ => None,
    }
}

/// The count a partition of `measure` sums to when the measure has no `all` row of its own:
/// the reoffences bands of `reoffending_distribution` partition the reoffenders.
pub fn total_alias(measure: Measure) -> Option<Measure> {
    match measure {
        Measure::ReoffendingDistribution => Some(Measure::ReoffendingReoffenders),
        _ => None,
    }
}

/// The multiplier of a ratio from its unit: `%` → 100, "per 100,000" → 100,000,
/// "per 1,000" → 1,000, anything else (per child, per reoffender, an index) → 1.
pub fn scale_from_unit(unit: Unit) -> f64 {
    unit.scale()
}
