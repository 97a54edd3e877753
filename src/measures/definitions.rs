//! The full definition of every measure id, written once into the report
//! ([`crate::report::Report::definitions`]). Each figure carries a short definition with what
//! is particular to it (period pooling, history, population year, open episodes). The words
//! are the message table's (`definition.*`): each measure's template names the parts its
//! family shares, filled in here for the settings used.

use std::collections::BTreeMap;

use crate::catalogue::messages::{fill, msg};
use crate::catalogue::Measure;
use crate::report::{CohortMethod, Settings};

/// Full definitions by measure id, reflecting the settings used.
pub fn all(settings: &Settings) -> BTreeMap<String, String> {
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
    let parts: [(&str, &dyn std::fmt::Display); 9] = [
        ("reoffending", &reoffending),
        ("stages", &msg("definition.stages")),
        ("population", &msg("definition.population")),
        ("fte", &msg("definition.fte")),
        ("custody", &msg("definition.custody")),
        ("remand", &msg("definition.remand")),
        ("throughput", &msg("definition.throughput")),
        ("rri_rule", &msg("definition.rri_rule")),
        ("reference", &settings.reference_group.label()),
    ];
    Measure::ALL
        .iter()
        .map(|m| {
            let template = msg(&format!("definition.{m}"));
            (m.id().to_string(), fill(template, &parts))
        })
        .collect()
}
