//! The full definition of every measure id, written once into the report
//! ([`crate::report::Report::definitions`]). Each figure carries a short definition with what
//! is particular to it (period pooling, history, population year, open episodes). The words
//! are the message table's (`definition.*`): each measure's template names the parts its
//! family shares, filled in here for the settings used.

use std::collections::BTreeMap;

use crate::catalogue::messages::{fill, msg};
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
    let breaches = msg(if settings.exclude_breaches {
        "definition.breaches_excluded"
    } else {
        "definition.breaches_included"
    });
    let cohorts = msg(match settings.cohort_method {
        CohortMethod::Pooled => "definition.cohorts_pooled",
        CohortMethod::Legacy => "definition.cohorts_legacy",
    });
    let reoffending = fill(
        msg("definition.reoffending"),
        &[
            ("tracker", &msg("definition.tracker")),
            ("breaches", &breaches),
            ("cohorts", &cohorts),
        ],
    );
    let kpi_unit = msg("definition.kpi_unit");
    let parts: [(&str, &dyn std::fmt::Display); 10] = [
        ("reoffending", &reoffending),
        ("stages", &msg("definition.stages")),
        ("population", &msg("definition.population")),
        ("fte", &msg("definition.fte")),
        ("custody", &msg("definition.custody")),
        ("remand", &msg("definition.remand")),
        ("throughput", &msg("definition.throughput")),
        ("rri_rule", &msg("definition.rri_rule")),
        ("reference", &settings.reference_group.words()),
        ("kpi_unit", &kpi_unit),
    ];
    Measure::ALL
        .iter()
        .filter(|m| wanted(**m))
        .map(|m| {
            let template = msg(&format!("definition.{m}"));
            (m.id().to_string(), fill(template, &parts))
        })
        .collect()
}
