//! The full definition of every measure id, written once into the report
//! ([`crate::report::Report::definitions`]). Each figure carries a short definition with what
//! is particular to it (period pooling, history, population year, open episodes). The words
//! are the message table's (`definition.*`): each measure's template names the parts its
//! family shares, filled in here for the settings used.

use std::collections::BTreeMap;

use crate::catalogue::messages::{en, fill};
use crate::catalogue::{Family, Measure};
use crate::report::{CohortMethod, Settings};

/// Full definitions by measure id, reflecting the settings used: every measure but the KPIs
/// (which a report carries only when it has KPI figures: [`kpis`]).
pub fn all(settings: &Settings) -> BTreeMap<String, String> {
    of(settings, |m| m.family() != Family::Kpi)
}

/// Full definitions of the KPI measures (`kpis.md`).
pub fn kpis(settings: &Settings) -> BTreeMap<String, String> {
    of(settings, |m| m.family() == Family::Kpi)
}

fn of(settings: &Settings, wanted: impl Fn(Measure) -> bool) -> BTreeMap<String, String> {
    let breaches = en(if settings.exclude_breaches {
        "definition.breaches_excluded"
    } else {
        "definition.breaches_included"
    });
    let cohorts = en(match settings.cohort_method {
        CohortMethod::Pooled => "definition.cohorts_pooled",
        CohortMethod::Legacy => "definition.cohorts_legacy",
    });
    let reoffending = fill(
        en("definition.reoffending"),
        &[
            ("tracker", &en("definition.tracker")),
            ("breaches", &breaches),
            ("cohorts", &cohorts),
        ],
    );
    let kpi_unit = en("definition.kpi_unit");
    let parts: [(&str, &dyn std::fmt::Display); 10] = [
        ("reoffending", &reoffending),
        ("stages", &en("definition.stages")),
        ("population", &en("definition.population")),
        ("fte", &en("definition.fte")),
        ("custody", &en("definition.custody")),
        ("remand", &en("definition.remand")),
        ("throughput", &en("definition.throughput")),
        ("rri_rule", &en("definition.rri_rule")),
        ("reference", &settings.reference_group.label()),
        ("kpi_unit", &kpi_unit),
    ];
    Measure::ALL
        .iter()
        .filter(|m| wanted(**m))
        .map(|m| {
            let template = en(&format!("definition.{m}"));
            (m.id().to_string(), fill(template, &parts))
        })
        .collect()
}
