//! The full definition of every measure id, written once into the report
//! ([`crate::report::Report::definitions`]). Each figure carries a short definition with what
//! is particular to it (period pooling, history, population year, open episodes). The words
//! are the message table's (`definition.*`): each measure's template names the parts its
//! family shares, filled in here for the settings used.

use std::collections::BTreeMap;

use crate::catalogue::messages::{en, fill};
use crate::catalogue::Measure;
use crate::report::{CohortMethod, Settings};

/// Full definitions by measure id, reflecting the settings used.
pub fn all(settings: &Settings) -> BTreeMap<String, String> {
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
    let parts: [(&str, &dyn std::fmt::Display); 9] = [
        ("reoffending", &reoffending),
        ("stages", &en("definition.stages")),
        ("population", &en("definition.population")),
        ("fte", &en("definition.fte")),
        ("custody", &en("definition.custody")),
        ("remand", &en("definition.remand")),
        ("throughput", &en("definition.throughput")),
        ("rri_rule", &en("definition.rri_rule")),
        ("reference", &settings.reference_group.label()),
    ];
    Measure::ALL
        .iter()
        .map(|m| {
            let template = en(&format!("definition.{m}"));
            (m.id().to_string(), fill(template, &parts))
        })
        .collect()
}
