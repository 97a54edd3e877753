//! The stages of the youth justice system at which ethnic disproportionality is measured
//! (`measures.md`, "Ethnic disproportionality"), the decision points between two of them, and
//! the `stage` cell of a figure.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ids::id_enum;

id_enum! {
    /// A stage, in the order its figures are written. The last two are base stages used only
    /// by stage-to-stage (decision-point) indices: they have no figures of their own.
    pub enum Stage {
        Throughput = "throughput",
        Substantive = "substantive",
        Diversion = "diversion",
        OutOfCourt = "out_of_court",
        FirstTimeEntrants = "first_time_entrants",
        Court = "court",
        Custody = "custody",
        Remand = "remand",
        ReoffendingCohort = "reoffending_cohort",
        Reoffending = "reoffending",
        DiversionOrOutOfCourt = "diversion_or_out_of_court",
        CourtOrRemand = "court_or_remand",
    }
}

/// How many stages there are (the size of a per-stage table).
pub const STAGE_COUNT: usize = Stage::ALL.len();

impl Stage {
    /// The stages whose children are counted and published (all but the base-only stages).
    pub const COUNTED: [Stage; 10] = [
        Stage::Throughput,
        Stage::Substantive,
        Stage::Diversion,
        Stage::OutOfCourt,
        Stage::FirstTimeEntrants,
        Stage::Court,
        Stage::Custody,
        Stage::Remand,
        Stage::ReoffendingCohort,
        Stage::Reoffending,
    ];

    /// The (later, base) stage pairs of the decision-point method, in display order.
    pub const DECISION_POINTS: [(Stage, Stage); 5] = [
        (Stage::OutOfCourt, Stage::DiversionOrOutOfCourt),
        (Stage::Court, Stage::Substantive),
        (Stage::Custody, Stage::Court),
        (Stage::Remand, Stage::CourtOrRemand),
        (Stage::Reoffending, Stage::ReoffendingCohort),
    ];

    /// Whether the stage has figures of its own (not a base-only stage).
    pub fn is_counted(self) -> bool {
        Stage::COUNTED.contains(&self)
    }

    /// Whether the Overview names the most over-represented group at this stage: the counted
    /// stages but diversion (a subset of throughput) and the reoffending cohort (the
    /// reoffenders' base).
    pub fn is_headline(self) -> bool {
        self.is_counted() && !matches!(self, Stage::Diversion | Stage::ReoffendingCohort)
    }
}

/// The `stage` cell of a figure: none (every measure but `disp_*`), one stage, or a decision
/// point `<later>_vs_<base>` (stage-to-stage `disp_rri` rows).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FigureStage {
    #[default]
    None,
    At(Stage),
    Versus(Stage, Stage),
}

impl FigureStage {
    /// The id as written: `""`, `custody`, `custody_vs_court`.
    pub fn id(self) -> String {
        match self {
            FigureStage::None => String::new(),
            FigureStage::At(s) => s.id().to_string(),
            FigureStage::Versus(later, base) => format!("{}_vs_{}", later.id(), base.id()),
        }
    }

    /// The stage of an id; `None` for an id the catalogue does not know.
    pub fn from_id(id: &str) -> Option<FigureStage> {
        if id.is_empty() {
            return Some(FigureStage::None);
        }
        if let Some(s) = Stage::from_id(id) {
            return Some(FigureStage::At(s));
        }
        let (later, base) = id.split_once("_vs_")?;
        Some(FigureStage::Versus(
            Stage::from_id(later)?,
            Stage::from_id(base)?,
        ))
    }

    /// The stage counted (for a decision point, its later stage); `None` without a stage.
    pub fn stage(self) -> Option<Stage> {
        match self {
            FigureStage::None => None,
            FigureStage::At(s) | FigureStage::Versus(s, _) => Some(s),
        }
    }

    /// The base stage of a decision point.
    pub fn base(self) -> Option<Stage> {
        match self {
            FigureStage::Versus(_, b) => Some(b),
            _ => None,
        }
    }

    pub fn is_none(self) -> bool {
        self == FigureStage::None
    }
}

impl From<Stage> for FigureStage {
    fn from(s: Stage) -> FigureStage {
        FigureStage::At(s)
    }
}

impl std::fmt::Display for FigureStage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            FigureStage::None => Ok(()),
            FigureStage::At(s) => f.write_str(s.id()),
            FigureStage::Versus(later, base) => write!(f, "{}_vs_{}", later.id(), base.id()),
        }
    }
}

impl std::str::FromStr for FigureStage {
    type Err = super::UnknownId;
    fn from_str(s: &str) -> Result<FigureStage, Self::Err> {
        FigureStage::from_id(s).ok_or_else(|| super::UnknownId {
            what: "Stage",
            id: s.to_string(),
        })
    }
}

impl PartialEq<str> for FigureStage {
    fn eq(&self, other: &str) -> bool {
        match *self {
            FigureStage::None => other.is_empty(),
            FigureStage::At(s) => s.id() == other,
            FigureStage::Versus(later, base) => other
                .split_once("_vs_")
                .is_some_and(|(l, b)| later.id() == l && base.id() == b),
        }
    }
}

impl PartialEq<&str> for FigureStage {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl Serialize for FigureStage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FigureStage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<FigureStage, D::Error> {
        let id = std::borrow::Cow::<str>::deserialize(d)?;
        FigureStage::from_id(&id)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown stage \"{id}\"")))
    }
}
