//! KPI 9 (`kpis.md`): serious violence — the `serious_violence_rate` of `measures.md`,
//! repeated under the KPI's id from the same report (the case-level extract's offences).

use crate::catalogue::messages::{fill, msg};
use crate::catalogue::Measure;
use crate::report::Figure;

/// The serious violence rate's figures as KPI 9.
pub fn repeated(figures: &[Figure]) -> Vec<Figure> {
    figures
        .iter()
        .filter(|f| f.measure == Measure::SeriousViolenceRate)
        .map(|f| {
            let mut k = f.clone();
            k.measure = Measure::Kpi9SeriousViolenceRate;
            k.definition = fill(msg("figure.kpi9"), &[("definition", &f.definition)]).into();
            k
        })
        .collect()
}
