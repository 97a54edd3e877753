//! The units figures are printed in. A unit has two names: its id (`per_1000`, what the
//! catalogue and the message table key it by) and its text (`per 1,000 aged 10-17`, what the
//! report and the aggregate file carry in the `unit` column, `input-formats.md` §4).

use serde::{Deserialize, Serialize};

/// What kind of number a unit is: how it is rounded, what count it rests on, how it changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum UnitKind {
    /// A count of children, offences, occasions, episodes or nights.
    Count,
    /// A percentage of a denominator that is a count (it rests on the denominator).
    Share,
    /// A count per head of a count (reoffences per child): it rests on the denominator.
    PerHead,
    /// A count per head of a population: it rests on the numerator.
    Rate,
    /// A difference of two shares, in percentage points.
    Difference,
    /// A ratio of two rates (the relative rate index).
    Index,
}

macro_rules! units {
    ($( $(#[$vmeta:meta])* $variant:ident = ($id:literal, $text:literal, $kind:ident, $decimals:literal, $scale:literal), )*) => {
        /// A figure's unit (its text is the `unit` column).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum Unit {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )*
        }

        impl Unit {
            /// Every unit, in declaration order.
            pub const ALL: &'static [Unit] = &[ $( Unit::$variant, )* ];

            /// The catalogue's id of the unit (`per_1000`).
            pub const fn id(self) -> &'static str {
                match self { $( Unit::$variant => $id, )* }
            }

            /// The unit as the report and the aggregate file write it (`per 1,000 aged 10-17`).
            pub const fn text(self) -> &'static str {
                match self { $( Unit::$variant => $text, )* }
            }

            /// The unit in words in the language of the computation, for sentences ("per
            /// 1,000 aged 10-17", in Welsh "fesul 1,000 oed 10-17"); the aggregate file's
            /// `unit` cell keeps [`text`](Self::text).
            pub fn words(self) -> &'static str {
                use crate::catalogue::messages::{current, of};
                match of(current(), &["unit", self.id()]) {
                    "" => self.text(),
                    words => words,
                }
            }

            /// The unit of a `unit` cell; `None` for a text the catalogue does not know.
            pub fn from_text(text: &str) -> Option<Unit> {
                match text { $( $text => Some(Unit::$variant), )* _ => None }
            }

            pub const fn kind(self) -> UnitKind {
                match self { $( Unit::$variant => UnitKind::$kind, )* }
            }

            /// Decimal places a value in this unit is shown with (`measures.md`, "Intervals,
            /// rounding and changes").
            pub const fn decimals(self) -> u8 {
                match self { $( Unit::$variant => $decimals, )* }
            }

            /// The multiplier of a ratio in this unit (% → 100, per 1,000 → 1,000, …; 1 for a
            /// count, a per-head figure or an index).
            pub const fn scale(self) -> f64 {
                match self { $( Unit::$variant => $scale, )* }
            }

            /// The variant's name (`Per1000`): the page's name for the unit.
            pub const fn key(self) -> &'static str {
                match self { $( Unit::$variant => stringify!($variant), )* }
            }
        }
    };
}

units! {
    Children = ("children", "children", Count, 0, 1.0),
    Offences = ("offences", "offences", Count, 0, 1.0),
    Occasions = ("occasions", "occasions", Count, 0, 1.0),
    Episodes = ("episodes", "episodes", Count, 0, 1.0),
    Nights = ("nights", "nights", Count, 0, 1.0),
    Percent = ("percent", "%", Share, 1, 100.0),
    PercentOfCohort = ("percent_of_cohort", "% of cohort", Share, 1, 100.0),
    PercentOfReoffences = ("percent_of_reoffences", "% of reoffences", Share, 1, 100.0),
    PercentagePoints = ("percentage_points", "percentage points", Difference, 1, 1.0),
    ReoffencesPerChild = ("reoffences_per_child", "reoffences per child in the cohort", PerHead, 2, 1.0),
    ReoffencesPerReoffender = ("reoffences_per_reoffender", "reoffences per reoffender", PerHead, 2, 1.0),
    /// The custody rate's default unit.
    Per1000 = ("per_1000", "per 1,000 aged 10-17", Rate, 2, 1000.0),
    /// First-time entrants, serious violence, and the custody rate when switched.
    Per100000 = ("per_100000", "per 100,000 aged 10-17", Rate, 0, 100000.0),
    /// The disproportionality rate: per 1,000 of the group's own population.
    Per1000OfGroup = ("per_1000_of_group", "per 1,000 aged 10-17 of the group", Rate, 2, 1000.0),
    Ratio = ("ratio", "ratio", Index, 2, 1.0),
    /// KPI 7: places at board meetings (one expected partner at one meeting).
    Places = ("places", "board places", Count, 0, 1.0),
    /// KPI 10: interventions left out of the victims sums.
    Interventions = ("interventions", "interventions", Count, 0, 1.0),
    /// Weekly ETE hours at the end of an intervention, a mean over children (beside KPI 2).
    HoursPerWeek = ("hours_per_week", "hours a week per child", PerHead, 1, 1.0),
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text())
    }
}

impl PartialEq<str> for Unit {
    fn eq(&self, other: &str) -> bool {
        self.text() == other
    }
}

impl PartialEq<&str> for Unit {
    fn eq(&self, other: &&str) -> bool {
        self.text() == *other
    }
}
