//! Comparators (`comparators.md`): our figures beside the same figures for other areas, from
//! files the user already has. This module knows nothing of the web: it reads comparator
//! files ([`sources`]), names areas ([`area`]), pools families, regions and nations
//! ([`pool`], [`family`]), ranks YJS areas ([`rank`]) and matches our report's figures with
//! comparator figures like for like ([`compare`]).

pub mod area;
pub mod area_map;
pub mod compare;
pub mod family;
pub mod pool;
pub mod rank;
pub mod sources;

use std::collections::BTreeMap;

use crate::catalogue::messages::{fill, msg};
use crate::codes::EthnicGroup;
use crate::extract::{Refusal, RefusalKind};
use crate::measures::population::Population;
use crate::report::Figure;

pub use area::{Area, AreaKind};
pub use area_map::AreaMap;
pub use compare::{compare, CompareOptions, CompareRow, Comparison, Verdict};
pub use family::Family;
pub use sources::children_table::ChildrenTable;

/// One comparator figure: a figure of the aggregate schema for one area.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparatorFigure {
    pub area: Area,
    /// A YJS's region, where the file names it.
    pub region: Option<String>,
    pub figure: Figure,
    /// A published (Police National Computer) definition: `definition = published` in a
    /// headline file. Never ranked against a local-tracker figure.
    pub published: bool,
    /// A pooled figure: (members with data, members).
    pub members: Option<(u32, u32)>,
}

/// What kind of comparator file a file was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// The published children table (or another table of the publication in its layout).
    ChildrenTable,
    /// Population for comparator areas (Nomis, or a population file with an `area` column).
    Population,
    /// A yjlens aggregate file with `area_code, area` columns.
    Aggregate,
    /// Headline figures typed by hand.
    Headline,
}

/// Every comparator file read so far, as one set (concatenated files are one set).
#[derive(Clone, Debug, Default)]
pub struct ComparatorSet {
    /// Counts of the children tables read.
    pub children: ChildrenTable,
    /// Population of comparator areas; each row's `service` is its area's [`Area::key`].
    pub population: Option<Population>,
    /// The areas the population names.
    pub population_areas: Vec<Area>,
    /// Figures of aggregate and headline files.
    pub figures: Vec<ComparatorFigure>,
    /// Rows that could not be used, by reason (reason → rows).
    pub rejected: BTreeMap<String, u64>,
    /// What each file was read as, in order: (file name, kind).
    pub files: Vec<(String, SourceKind)>,
    /// The analyst's choices for names that match nothing ([`area_map`]).
    pub area_map: AreaMap,
    /// Other tables of the publication: a count column (normalised header) → the measure
    /// it counts (the mapping profile's `comparator_measures`; [`sources::other_table`]).
    pub table_measures: BTreeMap<String, crate::catalogue::Measure>,
}

impl ComparatorSet {
    /// Add one comparator file (CSV text; a spreadsheet already converted from its header
    /// row). Refused, with one sentence, when it is not a comparator file.
    pub fn add_file(&mut self, bytes: &[u8], name: &str) -> Result<SourceKind, Refusal> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let table = crate::extract::read_table(bytes)?;
        let kind = sources::detect(&table.headers).ok_or_else(|| Refusal {
            kind: RefusalKind::NoHeader,
            message: fill(msg("error.comparators.not_comparator"), &[("file", &name)]),
        })?;
        match kind {
            SourceKind::ChildrenTable => {
                let cols = sources::children_table::Columns::find(&table.headers);
                let header = cols
                    .as_ref()
                    .and_then(|c| table.headers.get(c.count))
                    .cloned()
                    .unwrap_or_default();
                if sources::other_table::is_children_count(&header) {
                    sources::children_table::read(&table, &mut self.children, &mut self.rejected)?
                } else {
                    // Another table of the publication: read once its count is named.
                    let measure = sources::other_table::measure_of(&header, &self.table_measures)
                        .ok_or_else(|| Refusal {
                        kind: RefusalKind::NoHeader,
                        message: fill(
                            msg("error.comparators.table_measure"),
                            &[("file", &name), ("column", &header)],
                        ),
                    })?;
                    if let Some(cols) = &cols {
                        let rows =
                            sources::other_table::read(&table, cols, measure, &mut self.rejected);
                        self.figures.extend(rows);
                    }
                }
            }
            SourceKind::Population => sources::population::read(&table, name, self)?,
            SourceKind::Aggregate => {
                let rows = sources::aggregate::read(bytes, &table)?;
                self.figures.extend(rows);
            }
            SourceKind::Headline => {
                let rows = sources::headline::read(&table, &mut self.rejected)?;
                self.figures.extend(rows);
            }
        }
        self.files.push((name.to_string(), kind));
        Ok(kind)
    }

    /// Name the measures of other tables' count columns (column header → measure id, as the
    /// mapping profile's `comparator_measures`); unknown ids are ignored.
    pub fn set_table_measures(&mut self, entries: &BTreeMap<String, String>) {
        self.table_measures = entries
            .iter()
            .filter_map(|(h, m)| {
                Some((
                    crate::codes::normalise(h),
                    crate::catalogue::Measure::from_id(m.trim())?,
                ))
            })
            .collect();
    }

    /// Every comparator figure: the children tables' YJS, region and nation figures (rates
    /// with the population of comparator areas), then the figures of aggregate and headline
    /// files.
    pub fn all_figures(&self, reference: EthnicGroup) -> Vec<ComparatorFigure> {
        let mut out = self.children.figures(self, reference);
        out.extend(self.figures.iter().cloned());
        // A name the analyst left out is not shown or ranked (a region or nation pooled from
        // the published rows still counts it, as the publisher does).
        out.retain(|c| self.area_map.resolve(&c.area).is_some());
        out
    }

    /// The population's area that `area` is, by name or code once mapped.
    fn population_area(&self, area: &Area) -> Option<&Area> {
        self.population_areas
            .iter()
            .find(|a| self.area_map.same_place(a, area))
    }

    /// The population of an area in `year` (ages 10–17), of one ethnic group or of all,
    /// `None` when the population names no such area (or cannot answer).
    pub fn population_of(
        &self,
        area: &Area,
        year: i32,
        ethnicity: Option<EthnicGroup>,
    ) -> Option<f64> {
        let pop = self.population.as_ref()?;
        let key = self.population_area(area)?.key();
        let choice = pop.year_for(year);
        pop.get(
            choice.year,
            &crate::measures::population::PopulationQuery {
                ethnicity,
                service: Some(&key),
                ..Default::default()
            },
        )
    }

    /// The population rows of one area, as a population of its own (the denominators of our
    /// figures when the comparator population also holds our area). `None` when it has none.
    pub fn population_for_area(&self, area: &Area) -> Option<Population> {
        let pop = self.population.as_ref()?;
        let key = crate::codes::normalise(&self.population_area(area)?.key());
        let rows: Vec<_> = pop
            .rows
            .iter()
            .filter(|r| r.service.as_deref() == Some(key.as_str()))
            .map(|r| crate::measures::population::PopulationRow {
                service: None,
                ..r.clone()
            })
            .collect();
        if rows.is_empty() {
            return None;
        }
        let mut years: Vec<i32> = rows.iter().filter_map(|r| r.year).collect();
        years.sort_unstable();
        years.dedup();
        Some(Population {
            rows,
            years,
            has_service: false,
            warnings: Vec::new(),
            rejected: Vec::new(),
            lost_rows: Vec::new(),
            source: pop.source.clone(),
            ..pop.clone()
        })
    }

    /// Areas of the comparator files that the population does not name (no rate for them),
    /// and areas of the population no comparator file names: listed so a person can map
    /// them.
    pub fn unmatched_population_areas(&self) -> (Vec<String>, Vec<String>) {
        if self.population.is_none() {
            return (Vec::new(), Vec::new());
        }
        let map = &self.area_map;
        let kept = |a: &&Area| map.resolve(a).is_some();
        let services = self.children.yjs_areas();
        let without: Vec<String> = services
            .iter()
            .filter(kept)
            .filter(|a| self.population_area(a).is_none())
            .map(|a| a.name.clone())
            .collect();
        let regions = self.children.region_and_nation_areas();
        let unknown: Vec<String> = self
            .population_areas
            .iter()
            .filter(kept)
            .filter(|p| {
                !services.iter().any(|a| map.same_place(a, p))
                    && !regions.iter().any(|a| map.same_place(a, p))
            })
            .map(|p| p.name.clone())
            .collect();
        (without, unknown)
    }

    /// The known areas a listed name can be mapped to: for a comparator area without a
    /// population, the population's areas; for a population area no comparator file names,
    /// the comparator files' YJSs, regions and nations. Each list in order, without repeats.
    pub fn area_choices(&self) -> (Vec<String>, Vec<String>) {
        let population: Vec<String> = self
            .population_areas
            .iter()
            .map(|a| a.name.clone())
            .collect();
        let mut comparators: Vec<String> = self
            .children
            .yjs_areas()
            .into_iter()
            .chain(self.children.region_and_nation_areas())
            .map(|a| a.name)
            .collect();
        comparators.sort();
        comparators.dedup();
        (population, comparators)
    }
}
