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
        Kpi1AccommodationSuitable = "kpi1_accommodation_suitable",
        Kpi1AccommodationSuitableNotRecorded = "kpi1_accommodation_suitable_not_recorded",
        Kpi2EteSuitable = "kpi2_ete_suitable",
        Kpi2EteSuitableNotRecorded = "kpi2_ete_suitable_not_recorded",
        Kpi3SendInEteWithPlan = "kpi3_send_in_ete_with_plan",
        Kpi3SendInEteWithPlanNotRecorded = "kpi3_send_in_ete_with_plan_not_recorded",
        Kpi3SendIdentified = "kpi3_send_identified",
        Kpi3SendIdentifiedNotRecorded = "kpi3_send_identified_not_recorded",
        Kpi4MhNeed = "kpi4_mh_need",
        Kpi4MhNeedNotRecorded = "kpi4_mh_need_not_recorded",
        Kpi4MhOffered = "kpi4_mh_offered",
        Kpi4MhOfferedNotRecorded = "kpi4_mh_offered_not_recorded",
        Kpi4MhAttended = "kpi4_mh_attended",
        Kpi4MhAttendedNotRecorded = "kpi4_mh_attended_not_recorded",
        Kpi5SmNeed = "kpi5_sm_need",
        Kpi5SmNeedNotRecorded = "kpi5_sm_need_not_recorded",
        Kpi5SmOffered = "kpi5_sm_offered",
        Kpi5SmOfferedNotRecorded = "kpi5_sm_offered_not_recorded",
        Kpi5SmAttended = "kpi5_sm_attended",
        Kpi5SmAttendedNotRecorded = "kpi5_sm_attended_not_recorded",
        Kpi6OocdCompleted = "kpi6_oocd_completed",
        Kpi6OocdCompletedNotRecorded = "kpi6_oocd_completed_not_recorded",
        Kpi7BoardAttendance = "kpi7_board_attendance",
        Kpi7BoardAttendanceNotRecorded = "kpi7_board_attendance_not_recorded",
        Kpi8WiderServices = "kpi8_wider_services",
        Kpi8WiderServicesNotRecorded = "kpi8_wider_services_not_recorded",
        Kpi9SeriousViolenceRate = "kpi9_serious_violence_rate",
        Kpi10VictimsEngaged = "kpi10_victims_engaged",
        Kpi10VictimsEngagedNotRecorded = "kpi10_victims_engaged_not_recorded",
        /// Shown beside KPI 2, not a KPI: mean weekly ETE hours offered at the end.
        KpiEteHoursOffered = "kpi_ete_hours_offered",
        /// Shown beside KPI 2, not a KPI: mean weekly ETE hours attended at the end.
        KpiEteHoursAttended = "kpi_ete_hours_attended",
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
        /// The YJB key performance indicators (`kpis.md`).
        Kpi = "kpi",
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
            _ => Family::Kpi,
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
            SeriousViolenceRate | Kpi9SeriousViolenceRate => Unit::Per100000,
            Kpi7BoardAttendanceNotRecorded => Unit::Places,
            Kpi10VictimsEngagedNotRecorded => Unit::Interventions,
            KpiEteHoursOffered | KpiEteHoursAttended => Unit::HoursPerWeek,
            m if m.is_kpi_not_recorded() => Unit::Children,
            _ => Unit::Percent,
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
                | Kpi9SeriousViolenceRate
                | DispRate
                | DispPopulationShare
                | DispGapPp
                | DispRri
        )
    }

    /// Whether this is a KPI's count of children (or places, or interventions) whose status
    /// was not recorded: `<id>_not_recorded`.
    pub const fn is_kpi_not_recorded(self) -> bool {
        use Measure::*;
        matches!(
            self,
            Kpi1AccommodationSuitableNotRecorded
                | Kpi2EteSuitableNotRecorded
                | Kpi3SendInEteWithPlanNotRecorded
                | Kpi3SendIdentifiedNotRecorded
                | Kpi4MhNeedNotRecorded
                | Kpi4MhOfferedNotRecorded
                | Kpi4MhAttendedNotRecorded
                | Kpi5SmNeedNotRecorded
                | Kpi5SmOfferedNotRecorded
                | Kpi5SmAttendedNotRecorded
                | Kpi6OocdCompletedNotRecorded
                | Kpi7BoardAttendanceNotRecorded
                | Kpi8WiderServicesNotRecorded
                | Kpi10VictimsEngagedNotRecorded
        )
    }

    /// The `<id>_not_recorded` count of a KPI, when it has one.
    pub const fn not_recorded(self) -> Option<Measure> {
        use Measure::*;
        Some(match self {
            Kpi1AccommodationSuitable => Kpi1AccommodationSuitableNotRecorded,
            Kpi2EteSuitable => Kpi2EteSuitableNotRecorded,
            Kpi3SendInEteWithPlan => Kpi3SendInEteWithPlanNotRecorded,
            Kpi3SendIdentified => Kpi3SendIdentifiedNotRecorded,
            Kpi4MhNeed => Kpi4MhNeedNotRecorded,
            Kpi4MhOffered => Kpi4MhOfferedNotRecorded,
            Kpi4MhAttended => Kpi4MhAttendedNotRecorded,
            Kpi5SmNeed => Kpi5SmNeedNotRecorded,
            Kpi5SmOffered => Kpi5SmOfferedNotRecorded,
            Kpi5SmAttended => Kpi5SmAttendedNotRecorded,
            Kpi6OocdCompleted => Kpi6OocdCompletedNotRecorded,
            Kpi7BoardAttendance => Kpi7BoardAttendanceNotRecorded,
            Kpi8WiderServices => Kpi8WiderServicesNotRecorded,
            Kpi10VictimsEngaged => Kpi10VictimsEngagedNotRecorded,
            _ => return None,
        })
    }

    /// The KPIs in the order of the YJB return (the headline figure of each, then its
    /// companions: KPI 3's SEND share, KPI 4's and 5's cascade steps).
    pub const KPIS: [Measure; 15] = {
        use Measure::*;
        [
            Kpi1AccommodationSuitable,
            Kpi2EteSuitable,
            Kpi3SendInEteWithPlan,
            Kpi3SendIdentified,
            Kpi4MhNeed,
            Kpi4MhOffered,
            Kpi4MhAttended,
            Kpi5SmNeed,
            Kpi5SmOffered,
            Kpi5SmAttended,
            Kpi6OocdCompleted,
            Kpi7BoardAttendance,
            Kpi8WiderServices,
            Kpi9SeriousViolenceRate,
            Kpi10VictimsEngaged,
        ]
    };

    /// Whether a figure of this measure carries a stage (`disp_*`).
    pub const fn has_stage(self) -> bool {
        matches!(self.family(), Family::Disproportionality)
    }
}
