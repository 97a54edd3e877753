//! The catalogue: every id the figures are made of, in one place — measures (their family,
//! unit, whether they need a population), disproportionality stages and decision points,
//! breakdowns and their groups in display order (the Unknown group named, never found by
//! index), outcome codes with their tier, flags, statuses, period types and units — as Rust
//! enums and tables whose serde form is the id the report and the aggregate file carry. The
//! figure schema ([`schema`]: the columns of a figure, named once) and the message tables
//! ([`messages`]: every label and sentence, one table per language) are here too.
//!
//! [`Catalogue::new`] is the whole catalogue in one language, as the page reads it (the wasm
//! module's `catalogue(lang)`): ids, labels, orders, units and definitions in words. The page
//! types no id of its own; it names a measure by its variant's name
//! (`Measure.ReoffendingBinaryRate`), which the catalogue maps to the id.

pub(crate) mod ids;

pub mod breakdown;
pub mod flag;
pub mod measure;
pub mod messages;
pub mod schema;
pub mod stage;
pub mod status;
pub mod unit;

use serde::Serialize;

pub use breakdown::{Breakdown, Groups};
pub use flag::Flag;
pub use measure::{Family, Measure};
pub use messages::Lang;
pub use stage::{FigureStage, Stage};
pub use status::{PeriodType, Status};
pub use unit::{Unit, UnitKind};

use crate::codes::{EthnicGroup, Outcome, Tier};
use crate::report::{CohortMethod, CustodyUnit, Settings};

/// An id the catalogue does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownId {
    /// The kind of id (`Measure`, `Stage`, …).
    pub what: &'static str,
    pub id: String,
}

impl std::fmt::Display for UnknownId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown {} \"{}\"", self.what.to_lowercase(), self.id)
    }
}

impl std::error::Error for UnknownId {}

/// One id with its words: `{ id, key, label }`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Entry {
    pub id: &'static str,
    /// The page's name for the id (the Rust variant's name).
    pub key: &'static str,
    pub label: &'static str,
}

/// A measure in the catalogue.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeasureEntry {
    pub id: Measure,
    pub key: &'static str,
    pub label: &'static str,
    pub family: Family,
    /// The unit's text (the custody rate's follows the `custody_unit` setting: its default).
    pub unit: Unit,
    /// Decimal places its values are shown with.
    pub decimals: u8,
    /// Whether its value is empty without a population (not for a decision point's index).
    pub needs_population: bool,
    /// Whether its figures carry a stage.
    pub has_stage: bool,
    /// The definition in words, with the default settings (a report carries its own, for
    /// its settings, in `definitions`).
    pub definition: String,
}

/// A stage in the catalogue.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageEntry {
    pub id: Stage,
    pub key: &'static str,
    pub label: &'static str,
    /// The stage as the base of a decision point ("children sentenced at court").
    pub base_label: &'static str,
    /// Whether it has figures of its own (not a base-only stage).
    pub counted: bool,
    /// Whether the Overview names the most over-represented group at this stage.
    pub headline: bool,
}

/// A decision point: the later stage's children as a share of the base stage's.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DecisionPoint {
    /// The `stage` cell of its figures: `<later>_vs_<base>`.
    pub id: String,
    pub later: Stage,
    pub base: Stage,
}

/// A group of a breakdown: the value in the `group` cell and its words.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupEntry {
    pub value: &'static str,
    pub label: &'static str,
}

/// A breakdown in the catalogue.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BreakdownEntry {
    pub id: Breakdown,
    pub key: &'static str,
    pub label: &'static str,
    /// Its groups in display order; `null` when they come from the extract (detailed
    /// ethnicity, offence category, service: shown in alphabetical order).
    pub groups: Option<Vec<GroupEntry>>,
    /// The group of an unknown value, where the breakdown has one.
    pub unknown: Option<&'static str>,
}

/// An outcome code.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutcomeEntry {
    pub id: &'static str,
    pub key: &'static str,
    /// The outcome as the figures name it (the `outcome_type` group).
    pub value: &'static str,
    pub label: &'static str,
    pub tier: Tier,
    /// Whether its rows form occasions (diversion to custody); remands and "not an outcome"
    /// do not.
    pub forms_occasion: bool,
}

/// An outcome tier.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TierEntry {
    pub id: Tier,
    pub key: &'static str,
    pub label: &'static str,
    /// Pre-court, first tier, community or custody: what the YJB counts.
    pub substantive: bool,
}

/// A unit.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitEntry {
    pub id: &'static str,
    pub key: &'static str,
    /// The unit as figures carry it (`per 1,000 aged 10-17`).
    pub text: Unit,
    pub label: &'static str,
    pub kind: UnitKind,
    pub decimals: u8,
}

/// A period type.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PeriodTypeEntry {
    pub id: PeriodType,
    pub key: &'static str,
    /// "Rolling 12 months" (a control's option).
    pub label: &'static str,
    /// "rolling 12 months" (in a sentence).
    pub name: &'static str,
    /// "quarters".
    pub plural: &'static str,
}

/// The choices of the analysis settings, with their words.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SettingChoices {
    /// The groups a relative rate index can be relative to.
    pub reference_group: Vec<EthnicGroup>,
    pub custody_unit: Vec<Choice>,
    pub cohort_method: Vec<Choice>,
    /// The settings the core takes, with their defaults.
    pub defaults: Settings,
}

/// One choice of a setting.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Choice {
    pub id: &'static str,
    pub label: &'static str,
}

/// The whole catalogue in one language.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Catalogue {
    pub lang: Lang,
    pub measures: Vec<MeasureEntry>,
    pub families: Vec<Entry>,
    /// Every stage, counted ones first, in display order.
    pub stages: Vec<StageEntry>,
    pub decision_points: Vec<DecisionPoint>,
    pub breakdowns: Vec<BreakdownEntry>,
    pub tiers: Vec<TierEntry>,
    pub outcomes: Vec<OutcomeEntry>,
    pub units: Vec<UnitEntry>,
    pub flags: Vec<Entry>,
    pub statuses: Vec<Entry>,
    /// In the order the period control offers them.
    pub period_types: Vec<PeriodTypeEntry>,
    /// The fields of the case-level extract (`input-formats.md` §2), in the spec's order.
    pub fields: Vec<Entry>,
    pub settings: SettingChoices,
    /// The figure columns in order: text columns, then number columns, as the packed figures
    /// carry them.
    pub text_columns: Vec<&'static str>,
    pub number_columns: Vec<&'static str>,
    /// The whole message table of the language (id → text).
    #[cfg_attr(feature = "ts", ts(type = "Record<string, string>"))]
    pub messages: messages::Table,
}

/// The id of a custody unit setting (its serde form).
fn custody_unit_id(u: CustodyUnit) -> &'static str {
    match u {
        CustodyUnit::Per1000 => "per1000",
        CustodyUnit::Per100000 => "per100000",
    }
}

/// The id of a cohort method setting (its serde form).
fn cohort_method_id(c: CohortMethod) -> &'static str {
    match c {
        CohortMethod::Pooled => "pooled",
        CohortMethod::Legacy => "legacy",
    }
}

/// The variant name of a tier (the page's name for it).
fn tier_key(t: Tier) -> &'static str {
    match t {
        Tier::Diversion => "Diversion",
        Tier::PreCourt => "PreCourt",
        Tier::FirstTier => "FirstTier",
        Tier::Community => "Community",
        Tier::Custody => "Custody",
        Tier::Remand => "Remand",
        Tier::NotAnOutcome => "NotAnOutcome",
        Tier::Unknown => "Unknown",
    }
}

impl Catalogue {
    /// The catalogue in `lang`.
    pub fn new(lang: Lang) -> Catalogue {
        let m = |parts: &[&str]| messages::of(lang, parts);
        let defaults = Settings::default();
        let mut definitions = crate::measures::definitions::all(&defaults);
        definitions.extend(crate::measures::definitions::kpis(&defaults));
        let group = |b: Breakdown, value: &'static str| GroupEntry {
            value,
            label: match b {
                Breakdown::OutcomeTier => m(&["tier", value]),
                _ => value,
            },
        };
        Catalogue {
            lang,
            measures: Measure::ALL
                .iter()
                .map(|&x| MeasureEntry {
                    id: x,
                    key: x.key(),
                    label: m(&["measure", x.id()]),
                    family: x.family(),
                    unit: x.unit(),
                    decimals: x.unit().decimals(),
                    needs_population: x.needs_population(),
                    has_stage: x.has_stage(),
                    definition: definitions.get(x.id()).cloned().unwrap_or_default(),
                })
                .collect(),
            families: Family::ALL
                .iter()
                .map(|&f| Entry {
                    id: f.id(),
                    key: f.key(),
                    label: m(&["family", f.id()]),
                })
                .collect(),
            stages: Stage::ALL
                .iter()
                .map(|&s| StageEntry {
                    id: s,
                    key: s.key(),
                    label: m(&["stage", s.id()]),
                    base_label: m(&["stage", s.id(), "base"]),
                    counted: s.is_counted(),
                    headline: s.is_headline(),
                })
                .collect(),
            decision_points: Stage::DECISION_POINTS
                .iter()
                .map(|&(later, base)| DecisionPoint {
                    id: FigureStage::Versus(later, base).id(),
                    later,
                    base,
                })
                .collect(),
            breakdowns: Breakdown::ALL
                .iter()
                .map(|&b| BreakdownEntry {
                    id: b,
                    key: b.key(),
                    label: m(&["breakdown", b.id()]),
                    groups: b
                        .groups()
                        .map(|g| g.groups.iter().map(|v| group(b, v)).collect()),
                    unknown: b.unknown_group(),
                })
                .collect(),
            tiers: Tier::ALL
                .iter()
                .map(|&t| TierEntry {
                    id: t,
                    key: tier_key(t),
                    label: m(&["tier", t.id()]),
                    substantive: t.is_substantive(),
                })
                .collect(),
            outcomes: Outcome::ALL
                .iter()
                .map(|&o| OutcomeEntry {
                    id: o.id(),
                    key: o.key(),
                    value: o.label(),
                    label: m(&["outcome", o.id()]),
                    tier: o.tier(),
                    forms_occasion: o.forms_occasion(),
                })
                .collect(),
            units: Unit::ALL
                .iter()
                .map(|&u| UnitEntry {
                    id: u.id(),
                    key: u.key(),
                    text: u,
                    label: m(&["unit", u.id()]),
                    kind: u.kind(),
                    decimals: u.decimals(),
                })
                .collect(),
            flags: Flag::ALL
                .iter()
                .map(|&f| Entry {
                    id: f.id(),
                    key: f.key(),
                    label: m(&["flag", f.id()]),
                })
                .collect(),
            statuses: Status::ALL
                .iter()
                .map(|&s| Entry {
                    id: s.id(),
                    key: s.key(),
                    label: m(&["status", s.id()]),
                })
                .collect(),
            period_types: PeriodType::DISPLAY
                .iter()
                .map(|&p| PeriodTypeEntry {
                    id: p,
                    key: p.key(),
                    label: m(&["period_type", p.id()]),
                    name: m(&["period_type", p.id(), "name"]),
                    plural: m(&["period_type", p.id(), "plural"]),
                })
                .collect(),
            fields: crate::extract::FIELDS
                .iter()
                .map(|f| Entry {
                    id: f.name(),
                    key: f.name(),
                    label: m(&["field", f.name()]),
                })
                .collect(),
            settings: SettingChoices {
                reference_group: EthnicGroup::KNOWN.to_vec(),
                custody_unit: [CustodyUnit::Per1000, CustodyUnit::Per100000]
                    .iter()
                    .map(|&u| Choice {
                        id: custody_unit_id(u),
                        label: m(&["setting", "custody_unit", custody_unit_id(u)]),
                    })
                    .collect(),
                cohort_method: [CohortMethod::Pooled, CohortMethod::Legacy]
                    .iter()
                    .map(|&c| Choice {
                        id: cohort_method_id(c),
                        label: m(&["setting", "cohort_method", cohort_method_id(c)]),
                    })
                    .collect(),
                defaults,
            },
            text_columns: schema::TEXT_COLUMNS.iter().map(|c| c.id()).collect(),
            number_columns: schema::NUMBER_COLUMNS.iter().map(|c| c.id()).collect(),
            messages: messages::Table(lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every id enum's serde form is its id (the report and the file carry the serde form).
    #[test]
    fn serde_form_is_the_id() {
        fn check<T: Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
            all: &[T],
            id: impl Fn(&T) -> String,
        ) {
            for x in all {
                let json = serde_json::to_value(x).unwrap();
                assert_eq!(json, serde_json::Value::String(id(x)), "{x:?}");
                let back: T = serde_json::from_value(json).unwrap();
                assert_eq!(&back, x);
            }
        }
        check(Measure::ALL, |x| x.id().into());
        check(Family::ALL, |x| x.id().into());
        check(Stage::ALL, |x| x.id().into());
        check(Breakdown::ALL, |x| x.id().into());
        check(Flag::ALL, |x| x.id().into());
        check(Status::ALL, |x| x.id().into());
        check(PeriodType::ALL, |x| x.id().into());
        check(Unit::ALL, |x| x.text().into());
        check(&Outcome::ALL, |x| x.id().into());
        for &t in &Tier::ALL {
            assert_eq!(tier_key(t), format!("{t:?}"));
        }
        for &o in &Outcome::ALL {
            assert_eq!(o.key(), format!("{o:?}"));
        }
        check(&[CustodyUnit::Per1000, CustodyUnit::Per100000], |x| {
            custody_unit_id(*x).into()
        });
        check(&[CohortMethod::Pooled, CohortMethod::Legacy], |x| {
            cohort_method_id(*x).into()
        });
        for &x in Measure::ALL {
            assert_eq!(Measure::from_id(x.id()), Some(x));
        }
        for &(l, b) in &Stage::DECISION_POINTS {
            let s = FigureStage::Versus(l, b);
            assert_eq!(FigureStage::from_id(&s.id()), Some(s));
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::Value::String(s.id())
            );
        }
        assert_eq!(serde_json::to_value(FigureStage::None).unwrap(), "");
    }

    /// Every label, phrase and choice the catalogue names is in the English table.
    #[test]
    fn every_message_the_catalogue_names_exists() {
        let c = Catalogue::new(Lang::En);
        let json = serde_json::to_value(&c).unwrap();
        fn walk(v: &serde_json::Value, path: &str) {
            match v {
                serde_json::Value::Object(o) => {
                    for (k, x) in o {
                        if path.ends_with("messages") {
                            continue;
                        }
                        walk(x, &format!("{path}.{k}"));
                    }
                }
                serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, path)),
                serde_json::Value::String(s) => {
                    let field = path.rsplit('.').next().unwrap_or("");
                    if ["label", "base_label", "name", "plural", "definition"].contains(&field) {
                        assert!(!s.is_empty(), "{path} is empty");
                    }
                }
                _ => {}
            }
        }
        walk(&json, "catalogue");
    }

    /// The groups of a breakdown are its code list, and its unknown group is one of them.
    #[test]
    fn unknown_groups_are_named() {
        for &b in Breakdown::ALL {
            if let Some(g) = b.groups() {
                if let Some(u) = g.unknown {
                    assert!(g.groups.contains(&u), "{b}: {u}");
                }
            }
        }
        assert_eq!(Breakdown::Ethnicity.unknown_group(), Some("Unknown"));
        assert_eq!(Breakdown::Service.unknown_group(), Some("Not recorded"));
        assert_eq!(
            Breakdown::EthnicityDetail.unknown_group(),
            Some("Not given")
        );
    }
}
