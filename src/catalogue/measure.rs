//! Every measure id (`input-formats.md` §4, `measures.md`), with what the catalogue says of it:
//! its family, its unit, whether its value needs a population. Adding a measure is one variant
//! here (the compiler then asks for its family, unit, disclosure-control kind and messages)
//! plus its computation.

use super::ids::id_enum;
use super::unit::Unit;

id_enum! {
    /// A measure id, in the order the catalogue lists them.
    pub enum Measure {
        ReoffendingCohort = "reoffending_cohort",
        ReoffendingReoffenders = "reoffending_reoffenders",
        ReoffendingReoffences = "reoffending_reoffences",
        ReoffendingBinaryRate = "reoffending_binary_rate",
        ReoffendingFrequencyRate = "reoffending_frequency_rate",
        ReoffencesPerReoffender = "reoffences_per_reoffender",
        ReoffendingTimeToFirst = "reoffending_time_to_first",
        ReoffendingConcentration = "reoffending_concentration",
        ReoffendingDistribution = "reoffending_distribution",
        FteCount = "fte_count",
        FteRate = "fte_rate",
        CustodySentences = "custody_sentences",
        CustodyChildren = "custody_children",
        CustodyRate = "custody_rate",
        CustodyShareOfCourt = "custody_share_of_court",
        RemandEpisodes = "remand_episodes",
        RemandChildren = "remand_children",
        RemandBedNights = "remand_bed_nights",
        RemandLaEpisodes = "remand_la_episodes",
        RemandOutcomeCustody = "remand_outcome_custody",
        DispCount = "disp_count",
        DispShare = "disp_share",
        DispUnknownShare = "disp_unknown_share",
        DispPopulationShare = "disp_population_share",
        DispGapPp = "disp_gap_pp",
        DispRate = "disp_rate",
        DispRri = "disp_rri",
        ThroughputChildren = "throughput_children",
        ThroughputOccasions = "throughput_occasions",
        ThroughputOffences = "throughput_offences",
        SeriousViolenceCount = "serious_violence_count",
        SeriousViolenceRate = "serious_violence_rate",
    }
}

id_enum! {
    /// The families of measures (one section of `measures.md` each).
    pub enum Family {
        Reoffending = "reoffending",
        FirstTimeEntrants = "first_time_entrants",
        Custody = "custody",
        Remand = "remand",
        Disproportionality = "disproportionality",
        Throughput = "throughput",
        SeriousViolence = "serious_violence",
    }
}

impl Measure {
    pub const fn family(self) -> Family {
        use Measure::*;
        match self {
            ReoffendingCohort
            | ReoffendingReoffenders
            | ReoffendingReoffences
            | ReoffendingBinaryRate
            | ReoffendingFrequencyRate
            | ReoffencesPerReoffender
            | ReoffendingTimeToFirst
            | ReoffendingConcentration
            | ReoffendingDistribution => Family::Reoffending,
            FteCount | FteRate => Family::FirstTimeEntrants,
            CustodySentences | CustodyChildren | CustodyRate | CustodyShareOfCourt => {
                Family::Custody
            }
            RemandEpisodes | RemandChildren | RemandBedNights | RemandLaEpisodes
            | RemandOutcomeCustody => Family::Remand,
            DispCount | DispShare | DispUnknownShare | DispPopulationShare | DispGapPp
            | DispRate | DispRri => Family::Disproportionality,
            ThroughputChildren | ThroughputOccasions | ThroughputOffences => Family::Throughput,
            SeriousViolenceCount | SeriousViolenceRate => Family::SeriousViolence,
        }
    }

    /// The unit of the measure's figures. The custody rate's follows the setting
    /// (`custody_unit`): this is its default, [`Unit::Per1000`].
    pub const fn unit(self) -> Unit {
        use Measure::*;
        match self {
            ReoffendingCohort | ReoffendingReoffenders | ReoffendingDistribution => Unit::Children,
            ReoffendingReoffences => Unit::Offences,
            ReoffendingBinaryRate => Unit::Percent,
            ReoffendingFrequencyRate => Unit::ReoffencesPerChild,
            ReoffencesPerReoffender => Unit::ReoffencesPerReoffender,
            ReoffendingTimeToFirst => Unit::PercentOfCohort,
            ReoffendingConcentration => Unit::PercentOfReoffences,
            FteCount => Unit::Children,
            FteRate => Unit::Per100000,
            CustodySentences => Unit::Occasions,
            CustodyChildren => Unit::Children,
            CustodyRate => Unit::Per1000,
            CustodyShareOfCourt => Unit::Percent,
            RemandEpisodes | RemandLaEpisodes => Unit::Episodes,
            RemandChildren => Unit::Children,
            RemandBedNights => Unit::Nights,
            RemandOutcomeCustody => Unit::Percent,
            DispCount => Unit::Children,
            DispShare | DispUnknownShare | DispPopulationShare => Unit::Percent,
            DispGapPp => Unit::PercentagePoints,
            DispRate => Unit::Per1000OfGroup,
            DispRri => Unit::Ratio,
            ThroughputChildren => Unit::Children,
            ThroughputOccasions => Unit::Occasions,
            ThroughputOffences | SeriousViolenceCount => Unit::Offences,
            SeriousViolenceRate => Unit::Per100000,
        }
    }

    /// Whether the value needs a population (it is empty without one): rates per population,
    /// population shares and the gaps and indices built on them. A stage-to-stage `disp_rri`
    /// (a decision point) compares with a base stage instead and needs none.
    pub const fn needs_population(self) -> bool {
        use Measure::*;
        matches!(
            self,
            FteRate
                | CustodyRate
                | SeriousViolenceRate
                | DispRate
                | DispPopulationShare
                | DispGapPp
                | DispRri
        )
    }

    /// Whether a figure of this measure carries a stage (`disp_*`).
    pub const fn has_stage(self) -> bool {
        matches!(self.family(), Family::Disproportionality)
    }
}
