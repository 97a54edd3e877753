//! One analysis session inside the worker: an extract streamed in chunks, an optional
//! population, and reports computed on demand with the user's settings. The KPIs' files
//! ([`crate::kpi`], feature `kpi`) and the comparators ([`crate::comparators`], feature
//! `comparators`) add their methods to the same [`Session`] in the full module only
//! (`yjlens_full_bg.wasm`): the module a page fetches to analyse a CSV has neither (issue 15).

use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

use yjlens_bindings::js_error;
pub(crate) use yjlens_bindings::{bad_input, packed_js, refusal, to_js};
use yjlens_core::catalogue::messages::msg;
use yjlens_core::comparators::{Area, AreaKind};
use yjlens_core::extract::{Extract, ExtractReader, ReadError, ReadOptions};
use yjlens_core::measures::population::read_population_from;
use yjlens_core::measures::prepare::plausible_extract_date;
use yjlens_core::measures::Population;
use yjlens_core::publish::disclosure::{self, DisclosureSettings};
use yjlens_core::report::{Report, Settings};

/// A value from JavaScript, or its defaults when `undefined` / `null` (missing fields take
/// their defaults too: the types are `#[serde(default)]`).
pub(crate) fn from_js_or_default<T: DeserializeOwned + Default>(
    value: JsValue,
    what: &str,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(T::default())
    } else {
        serde_wasm_bindgen::from_value(value).map_err(|e| bad_input(what, e))
    }
}

/// A read step's result for JavaScript: the value, the restart signal, or a refusal.
fn outcome(result: Result<JsValue, ReadError>) -> Result<JsValue, JsValue> {
    match result {
        Ok(v) => Ok(v),
        Err(ReadError::RestartAsWindows1252) => Ok(JsValue::from_str(RESTART)),
        Err(ReadError::Refused(r)) => Err(refusal(r)),
    }
}

const RESTART: &str = "restart_as_windows_1252";

/// Today's date (UTC) from JavaScript's clock.
pub(crate) fn today() -> Option<chrono::NaiveDate> {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_utc_full_year() as i32,
        now.get_utc_month() + 1,
        now.get_utc_date(),
    )
}

#[wasm_bindgen]
#[derive(Default)]
pub struct Session {
    reader: Option<ExtractReader>,
    pub(crate) extract: Option<Extract>,
    pub(crate) population: Option<Population>,
    /// The KPIs' files (`kpis.md`): the interventions extract and the board attendance file.
    #[cfg(feature = "kpi")]
    pub(crate) interventions: Option<yjlens_core::extract::interventions::Interventions>,
    #[cfg(feature = "kpi")]
    pub(crate) board: Option<yjlens_core::extract::interventions::Board>,
    /// The last report computed, for exports.
    pub(crate) last: Option<Report>,
    /// Every comparator file given (`comparators.md`), as one set.
    #[cfg(feature = "comparators")]
    pub(crate) comparators: yjlens_core::comparators::ComparatorSet,
    /// Our area, once named: the aggregate export carries it, and (with the comparators) its
    /// rows of a comparator population are our denominators when no population of our own is
    /// given.
    pub(crate) ours: Option<Area>,
}

/// How the analyst's aggregate export is controlled (the export dialog's choices).
#[derive(serde::Deserialize)]
#[serde(default)]
struct ExportChoice {
    suppress: bool,
    k: u32,
    round_to_5: bool,
    include_quarters: bool,
    /// Our family (issue 13): its pooled figures go into the export beside ours.
    #[cfg(feature = "comparators")]
    pub(crate) family: Option<crate::comparators::FamilyRequest>,
}

impl Default for ExportChoice {
    fn default() -> Self {
        ExportChoice {
            suppress: true,
            k: disclosure::DEFAULT_K,
            round_to_5: false,
            include_quarters: false,
            #[cfg(feature = "comparators")]
            family: None,
        }
    }
}

#[wasm_bindgen]
impl Session {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Session {
        Session::default()
    }

    /// Drop the extract and the last report before the next file is read (issue 15 item 2):
    /// wasm memory never shrinks, so holding them while the next extract is read would raise
    /// its high-water mark by their size. The population, our area and the KPIs' files stay.
    #[wasm_bindgen(js_name = dropExtract)]
    pub fn drop_extract(&mut self) {
        self.reader = None;
        self.extract = None;
        self.last = None;
    }

    /// Start reading a new extract with these read options (a `ReadOptions` object, or
    /// `undefined` for the defaults).
    pub fn begin(&mut self, options: JsValue) -> Result<(), JsValue> {
        let mut options: ReadOptions =
            from_js_or_default(options, "error.session.what.read_options")?;
        // Dates after today are implausible: today from JavaScript's clock (wasm has no
        // system clock of its own).
        options.today = options.today.or_else(today);
        self.reader = Some(ExtractReader::new(options));
        Ok(())
    }

    /// Tell the reader the file's size (pre-sizes its tables; never changes the result).
    #[wasm_bindgen(js_name = sizeHint)]
    pub fn size_hint(&mut self, total_bytes: f64) {
        if let Some(reader) = self.reader.as_mut() {
            reader.size_hint(total_bytes as u64);
        }
    }

    /// Feed the next chunk of the file. Returns `"restart_as_windows_1252"` when the file
    /// turned out not to be UTF-8: the caller reads it again from byte 0 after
    /// `begin({ encoding: "windows1252" })`.
    pub fn push(&mut self, chunk: &[u8]) -> Result<JsValue, JsValue> {
        let reader = self
            .reader
            .as_mut()
            .ok_or_else(|| js_error("state", msg("error.session.no_file")))?;
        outcome(reader.push(chunk).map(|_| JsValue::UNDEFINED))
    }

    /// Finish the file: the extract is kept for [`Session::analyse`]. Returns the quality
    /// report (or `"restart_as_windows_1252"`, as [`Session::push`]).
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let reader = self
            .reader
            .take()
            .ok_or_else(|| js_error("state", msg("error.session.no_file")))?;
        let extract = match reader.finish() {
            Ok(extract) => extract,
            Err(e) => return outcome(Err(e)),
        };
        let quality = serde_wasm_bindgen::to_value(&extract.quality)
            .map_err(|e| bad_input("error.session.what.quality_report", e))?;
        self.extract = Some(extract);
        Ok(quality)
    }

    /// Read a population file (denominators). `label` names its source in every rate's
    /// definition and in `report.population.source`: the file's name, "typed totals" or
    /// "synthetic sample population" (`undefined`: "population file"). On a refusal the
    /// population in use is kept.
    #[wasm_bindgen(js_name = setPopulation)]
    pub fn set_population(&mut self, bytes: &[u8], label: Option<String>) -> Result<(), JsValue> {
        let label = label.unwrap_or_default();
        self.population = Some(read_population_from(bytes, &label).map_err(refusal)?);
        Ok(())
    }

    /// Drop the population (the sample's population when the analyst loads their own file):
    /// the next analysis has no rates until a population is set again.
    #[wasm_bindgen(js_name = clearPopulation)]
    pub fn clear_population(&mut self) {
        self.population = None;
    }

    /// Compute the report with these settings (a `Settings` object, or `undefined`).
    pub fn analyse(&mut self, settings: JsValue) -> Result<JsValue, JsValue> {
        self.report(settings, true)
    }

    /// Name our area (`name` and/or `code`; both empty: unnamed). Takes effect at the next
    /// analysis (our denominators, with the comparators), comparison and aggregate export.
    #[wasm_bindgen(js_name = setArea)]
    pub fn set_area(&mut self, name: &str, code: &str) {
        let (name, code) = (name.trim(), code.trim());
        self.ours = (!name.is_empty() || !code.is_empty()).then(|| {
            Area::new(
                if name.is_empty() { code } else { name },
                Some(code),
                AreaKind::Ours,
            )
        });
    }

    /// The aggregate CSV of the last report: disclosure-controlled unless `choice.suppress`
    /// is false. `choice` = `{ suppress, k, round_to_5, include_quarters }`. Issue 15: the CSV
    /// module has no disclosure control; there a controlled export is returned as the job for
    /// the publish module's `controlledAggregate` (`{ packed, job }`), which writes the same
    /// file. The full module writes it here, with the comparators' rows.
    pub fn aggregate(
        &self,
        choice: JsValue,
        source: &str,
        generated_at: &str,
    ) -> Result<JsValue, JsValue> {
        let report = self
            .last
            .as_ref()
            .ok_or_else(|| js_error("state", msg("error.session.no_extract")))?;
        let choice: ExportChoice = from_js_or_default(choice, "error.session.what.export_options")?;
        let control = if choice.suppress {
            Some(
                DisclosureSettings::new(choice.k, false)
                    .map_err(|e| js_error("bad_input", &e.to_string()))?
                    .with_rounding(choice.round_to_5)
                    .with_quarters(choice.include_quarters),
            )
        } else {
            None
        };
        // Once our area is named the export carries it (`comparators.md`), and with
        // comparator files, the region, nation and family rows, each with its area.
        let area = self.ours.as_ref().map(|a| Area {
            kind: AreaKind::Yjs,
            ..a.clone()
        });
        #[cfg(feature = "comparators")]
        {
            let comparison = self.comparison_for_export(report, choice.family);
            Ok(
                yjlens_core::publish::export::aggregate_csv_with_comparators(
                    report,
                    source,
                    generated_at,
                    control.as_ref(),
                    area.as_ref(),
                    comparison.as_ref(),
                )
                .into(),
            )
        }
        #[cfg(not(feature = "comparators"))]
        {
            use yjlens_core::publish::export::{aggregate_file, export_provenance};
            let provenance = export_provenance(report, source, generated_at, control.as_ref());
            if control.is_none() {
                return Ok(aggregate_file(&report.figures, &provenance, area.as_ref()).into());
            }
            let job = yjlens_bindings::ExportJob {
                source: provenance.source,
                generated_at: provenance.generated_at,
                tool_version: provenance.tool_version,
                settings: provenance.settings,
                area_name: area.as_ref().map(|a| a.name.clone()),
                area_code: area.and_then(|a| a.code),
                k: choice.k,
                round_to_5: choice.round_to_5,
                include_quarters: choice.include_quarters,
            };
            let out = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&out, &"packed".into(), &packed_js(&report.figures));
            let _ = js_sys::Reflect::set(&out, &"job".into(), &job.to_js());
            Ok(out.into())
        }
    }
}

impl Session {
    /// The extract held, or the sentence saying there is none.
    pub(crate) fn held_extract(&self) -> Result<&Extract, JsValue> {
        self.extract
            .as_ref()
            .ok_or_else(|| js_error("state", msg("error.session.no_extract")))
    }

    /// The population the figures use: ours, else (with the comparators) our area's rows of a
    /// comparator population.
    pub(crate) fn population_in_use(&self) -> Option<std::borrow::Cow<'_, Population>> {
        #[cfg(feature = "comparators")]
        if self.population.is_none() {
            return self.ours_population().map(std::borrow::Cow::Owned);
        }
        self.population.as_ref().map(std::borrow::Cow::Borrowed)
    }

    /// [`Session::analyse`]; without the year-earlier figures (their date `null`, none
    /// packed) when `year_earlier` is false: another worker computes them
    /// ([`crate::year_earlier`]).
    pub(crate) fn report(
        &mut self,
        settings: JsValue,
        year_earlier: bool,
    ) -> Result<JsValue, JsValue> {
        let extract = self.held_extract()?;
        let settings = settings_of(settings)?;
        let population = self.population_in_use();
        let population = population.as_deref();
        // The KPIs with their files (the full module); the CSV module never links them.
        #[cfg(feature = "kpi")]
        let mut report = {
            let inputs = yjlens_core::measures::Inputs {
                extract,
                settings: &settings,
                population,
                interventions: self.interventions.as_ref(),
                board: self.board.as_ref(),
            };
            if year_earlier {
                yjlens_core::measures::compute_with(&inputs)
            } else {
                yjlens_core::measures::compute_with_figures(&inputs)
            }
        };
        #[cfg(not(feature = "kpi"))]
        let mut report = if year_earlier {
            yjlens_core::measures::compute(extract, &settings, population)
        } else {
            yjlens_core::measures::compute_figures(extract, &settings, population)
        };
        // Everything but the figures as an object; the figures (and their like-for-like
        // counterparts a year earlier) packed into typed arrays: one call into JS per column,
        // not one per field of every figure.
        let figures = std::mem::take(&mut report.figures);
        let earlier = std::mem::take(&mut report.year_earlier);
        let meta = to_js(&report, "error.session.what.report")?;
        let packed = packed_js(&figures);
        let packed_year_earlier = packed_js(&earlier);
        report.figures = figures;
        report.year_earlier = earlier;
        self.last = Some(report);
        let _ = js_sys::Reflect::set(&meta, &"packed".into(), &packed);
        let _ = js_sys::Reflect::set(&meta, &"packed_year_earlier".into(), &packed_year_earlier);
        Ok(meta)
    }
}

/// The settings of an analysis (a `Settings` object, or `undefined`), an extract date set
/// by the user refused when implausible.
pub(crate) fn settings_of(settings: JsValue) -> Result<Settings, JsValue> {
    let settings: Settings = from_js_or_default(settings, "error.session.what.settings")?;
    if let Some(d) = settings.extract_date {
        plausible_extract_date(d, today()).map_err(|why| {
            js_error(
                "bad_input",
                &yjlens_core::catalogue::messages::fill(
                    msg("error.session.extract_date"),
                    &[
                        ("date", &yjlens_core::measures::dates::DayMonthYear(d)),
                        ("why", &why),
                    ],
                ),
            )
        })?;
    }
    Ok(settings)
}
