//! The comparators in the worker's session (`comparators.md`, issue 13): comparator files
//! read into one set, our area and family, our figures compared and ranked, and public mode's
//! comparison. Only in the full module (feature `comparators`, `yjlens_full_bg.wasm`), which
//! the worker fetches when a comparator file arrives: the module a page fetches to analyse a
//! CSV has none of this (issue 15).

use wasm_bindgen::prelude::*;

use crate::js_error;
use crate::session::{from_js_or_default, refusal, to_js, Session};
use yjlens_core::catalogue::messages::msg;
use yjlens_core::comparators::{compare, Area, AreaKind, ComparatorSet, CompareOptions, Family};
use yjlens_core::measures::Population;
use yjlens_core::publish::aggregate::read_csv;
use yjlens_core::publish::disclosure::{self, DisclosureSettings};
use yjlens_core::report::Report;

/// What [`Session::compare`] is asked: our area and our family.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct CompareRequest {
    family: Option<FamilyRequest>,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct FamilyRequest {
    name: String,
    members: Vec<String>,
}

/// What the page is told of the comparator set with each comparison.
#[derive(serde::Serialize)]
struct CompareResult<'a> {
    comparison: &'a yjlens_core::comparators::Comparison,
    /// Rows not used, by reason.
    rejected: &'a std::collections::BTreeMap<String, u64>,
    /// Comparator areas without a population; population areas no comparator file names.
    no_population: Vec<String>,
    unknown_areas: Vec<String>,
    files: usize,
    /// The known areas each listed name can be mapped to: `population` (for a comparator
    /// area without a population) and `comparators` (for a population area no file names).
    area_choices: AreaChoices,
}

#[derive(serde::Serialize, Default)]
struct AreaChoices {
    population: Vec<String>,
    comparators: Vec<String>,
}

impl AreaChoices {
    fn of(set: &ComparatorSet) -> AreaChoices {
        let (population, comparators) = set.area_choices();
        AreaChoices {
            population,
            comparators,
        }
    }
}

impl Session {
    /// The comparison the aggregate export writes beside our rows: `None` without
    /// comparator files.
    pub(crate) fn comparison_for_export(
        &self,
        report: &Report,
        family: Option<FamilyRequest>,
    ) -> Option<yjlens_core::comparators::Comparison> {
        (!self.comparators.files.is_empty()).then(|| self.comparison(report, family))
    }

    /// `report` beside the comparator set, with our area, our (or the comparator
    /// population's) denominators and the analyst's family, as the Compare view and the
    /// export both show it.
    fn comparison(
        &self,
        report: &Report,
        family: Option<FamilyRequest>,
    ) -> yjlens_core::comparators::Comparison {
        let family = family.filter(|f| !f.members.is_empty()).map(|f| {
            let members: Vec<&str> = f.members.iter().map(String::as_str).collect();
            Family::new(&f.name, &members)
        });
        let ours_population = self.ours_population();
        compare(
            report,
            &self.comparators,
            &CompareOptions {
                ours: self.ours.clone(),
                family: family.as_ref(),
                our_population: self.population.as_ref().or(ours_population.as_ref()),
            },
        )
    }

    /// Without a population of our own, our area's rows of a comparator population.
    pub(crate) fn ours_population(&self) -> Option<Population> {
        match (&self.population, &self.ours) {
            (None, Some(a)) => self.comparators.population_for_area(a),
            _ => None,
        }
    }
}

#[wasm_bindgen]
impl Session {
    /// Add a comparator file (CSV text; a spreadsheet already converted from its header
    /// row), named `name` in sentences. Returns what it was read as (`children_table`,
    /// `population`, `aggregate`, `headline`); a file that is not one is refused in one
    /// sentence and the set is unchanged.
    #[wasm_bindgen(js_name = addComparators)]
    pub fn add_comparators(&mut self, bytes: &[u8], name: &str) -> Result<String, JsValue> {
        let mut set = self.comparators.clone();
        let kind = set.add_file(bytes, name).map_err(refusal)?;
        self.comparators = set;
        Ok(match kind {
            yjlens_core::comparators::SourceKind::ChildrenTable => "children_table",
            yjlens_core::comparators::SourceKind::Population => "population",
            yjlens_core::comparators::SourceKind::Aggregate => "aggregate",
            yjlens_core::comparators::SourceKind::Headline => "headline",
        }
        .to_string())
    }

    /// Drop every comparator file.
    #[wasm_bindgen(js_name = clearComparators)]
    pub fn clear_comparators(&mut self) {
        self.comparators = ComparatorSet::default();
    }

    /// The analyst's choices for comparator area names that match nothing: `{ name: area }`
    /// (`""` leaves the name out), as the mapping profile's `areas`. Takes effect at the next
    /// analysis and comparison; `clearComparators` forgets it (give it again after).
    #[wasm_bindgen(js_name = setAreaMap)]
    pub fn set_area_map(&mut self, areas: JsValue) -> Result<(), JsValue> {
        let areas: std::collections::BTreeMap<String, String> =
            from_js_or_default(areas, "error.session.what.area_names")?;
        self.comparators.area_map = yjlens_core::comparators::AreaMap::new(&areas);
        Ok(())
    }

    /// Other tables of the publication: `{ count column: measure id }`, as the mapping
    /// profile's `comparator_measures`. Give it before the files (`clearComparators` forgets
    /// it).
    #[wasm_bindgen(js_name = setTableMeasures)]
    pub fn set_table_measures(&mut self, measures: JsValue) -> Result<(), JsValue> {
        let measures: std::collections::BTreeMap<String, String> =
            from_js_or_default(measures, "error.session.what.table_measures")?;
        self.comparators.set_table_measures(&measures);
        Ok(())
    }

    /// Compare the last report with the comparator set: `{ comparison: { rows, details,
    /// region, family, left_out }, rejected, no_population, unknown_areas, files }`.
    /// `request` = `{ family: { name, members } }` (or `undefined`).
    pub fn compare(&self, request: JsValue) -> Result<JsValue, JsValue> {
        let report = self
            .last
            .as_ref()
            .ok_or_else(|| js_error("state", msg("error.session.no_extract")))?;
        let request: CompareRequest = from_js_or_default(request, "error.session.what.comparison")?;
        let comparison = self.comparison(report, request.family);
        let (no_population, unknown_areas) = self.comparators.unmatched_population_areas();
        to_js(
            &CompareResult {
                comparison: &comparison,
                rejected: &self.comparators.rejected,
                no_population,
                unknown_areas,
                files: self.comparators.files.len(),
                area_choices: AreaChoices::of(&self.comparators),
            },
            "error.session.what.comparison",
        )
    }
}

/// Public mode with comparators (`comparators-src`, issue 13): the published figures of
/// `bytes` (disclosure control re-applied with `k`, as [`public_figures`]) compared with the
/// comparator files `files` (an array of `{ bytes: Uint8Array, name }`, spreadsheets already
/// converted), our area named `area_name` / `area_code`. Returns what [`Session::compare`]
/// returns. A suppressed figure of ours gets no rank.
#[wasm_bindgen(js_name = publicComparison)]
pub fn public_comparison(
    bytes: &[u8],
    k: u32,
    files: js_sys::Array,
    area_name: &str,
    area_code: &str,
) -> Result<JsValue, JsValue> {
    let (figures, provenance) = read_csv(bytes).map_err(refusal)?;
    let k = k.clamp(disclosure::PUBLIC_MIN_K, disclosure::MAX_K);
    let control =
        DisclosureSettings::new(k, true).map_err(|e| js_error("bad_input", &e.to_string()))?;
    // A period still under way is shorter than a comparator's: never compared.
    let mut figures = disclosure::apply(figures, &control);
    figures.retain(|f| f.status != yjlens_core::report::Status::Partial);
    let mut set = ComparatorSet::default();
    for file in files.iter() {
        let get = |key: &str| js_sys::Reflect::get(&file, &key.into()).unwrap_or(JsValue::NULL);
        let data = js_sys::Uint8Array::new(&get("bytes")).to_vec();
        let name = get("name").as_string().unwrap_or_default();
        set.add_file(&data, &name).map_err(refusal)?;
    }
    // The reference group the file's indices use (its settings column), White if unsaid.
    let reference = provenance
        .settings
        .split(';')
        .find_map(|p| p.trim().strip_prefix("reference="))
        .and_then(yjlens_core::codes::EthnicGroup::from_label)
        .unwrap_or(yjlens_core::codes::EthnicGroup::White);
    let (name, code) = (area_name.trim(), area_code.trim());
    let ours = (!name.is_empty() || !code.is_empty()).then(|| {
        Area::new(
            if name.is_empty() { code } else { name },
            Some(code),
            AreaKind::Ours,
        )
    });
    let comparison = yjlens_core::comparators::compare::compare_figures(
        &figures,
        reference,
        &set,
        &CompareOptions {
            ours,
            family: None,
            our_population: None,
        },
    );
    let (no_population, unknown_areas) = set.unmatched_population_areas();
    to_js(
        &CompareResult {
            comparison: &comparison,
            rejected: &set.rejected,
            no_population,
            unknown_areas,
            files: set.files.len(),
            area_choices: AreaChoices::of(&set),
        },
        "error.session.what.comparison",
    )
}

/// The families of a `family, area` file (CSV text; a spreadsheet already converted from its
/// header row): `[{ name, members: [area names] }]`, in the order first named. A file
/// without both columns is refused in one sentence.
#[wasm_bindgen(js_name = readFamilies)]
pub fn read_families(bytes: &[u8]) -> Result<JsValue, JsValue> {
    let families = yjlens_core::comparators::family::read_families(bytes).map_err(refusal)?;
    let out: Vec<yjlens_core::extract::FamilyChoice> = families
        .into_iter()
        .map(|f| yjlens_core::extract::FamilyChoice {
            name: f.name,
            members: f.members.into_iter().map(|m| m.name).collect(),
        })
        .collect();
    to_js(&out, "error.session.what.family_file")
}
