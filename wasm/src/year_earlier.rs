//! Issue 15: the year-earlier figures (`Report::year_earlier`) computed in another worker, on
//! another core, while the session's worker computes every other figure. They are a second
//! computation of the whole extract as at a year before the extract date, about a third of the
//! time of an analysis of a large file, and nothing in it depends on the first.
//!
//! The session's worker asks [`Session::year_earlier_job`] where the extract's rows lie in its
//! wasm memory, copies them out as they lie (48 bytes a row: a copy, not an encoding, which
//! took 0.3 s for 1M rows to decode) with the tables as bytes (`encode_tables`: no child id, no
//! quality report) and the extract date it will use, and posts them with the settings and the
//! population's bytes to a worker of the CSV module, which calls [`year_earlier_of`]; then it
//! computes the rest with [`Session::analyse_figures`]. The figures are exactly those
//! [`Session::analyse`] gives (`tests/measures_year_earlier.rs`, `tests/kpi_measures.rs`, e2e
//! `pool.test.mjs`). Where the other worker cannot help, [`Session::year_earlier`] computes
//! them here.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::session::{
    bad_input, from_js_or_default, packed_js, refusal, settings_of, to_js, Session,
};
use yjlens_core::extract::{decode_tables, encode_tables, CaseRow, Extract};
use yjlens_core::measures::population::read_population_from;
use yjlens_core::measures::{compute_year_earlier, prepare, Population};
use yjlens_core::report::Settings;

/// The year-earlier figures as the page reads them: their date (`null` when the data start
/// after it) beside `packed_year_earlier`, as in a report.
#[derive(Serialize)]
struct Earlier {
    year_earlier_as_at: Option<chrono::NaiveDate>,
}

/// [`compute_year_earlier`]'s answer as `{ year_earlier_as_at, packed_year_earlier }`.
fn earlier_js(
    extract: &Extract,
    settings: &Settings,
    population: Option<&Population>,
) -> Result<JsValue, JsValue> {
    let (as_at, figures) = match compute_year_earlier(extract, settings, population) {
        Some((as_at, figures)) => (Some(as_at), figures),
        None => (None, Vec::new()),
    };
    let out = to_js(
        &Earlier {
            year_earlier_as_at: as_at,
        },
        "error.session.what.report",
    )?;
    let _ = js_sys::Reflect::set(&out, &"packed_year_earlier".into(), &packed_js(&figures));
    Ok(out)
}

#[wasm_bindgen]
impl Session {
    /// [`Session::analyse`] without the year-earlier figures: `year_earlier_as_at` null and
    /// `packed_year_earlier` empty, for the page to fill in from [`year_earlier_of`] (the
    /// report kept for the exports has none either: no export reads them).
    #[wasm_bindgen(js_name = analyseFigures)]
    pub fn analyse_figures(&mut self, settings: JsValue) -> Result<JsValue, JsValue> {
        self.report(settings, false)
    }

    /// What another worker needs for [`year_earlier_of`] with these settings: `{ settings,
    /// tables, rows_at, rows_bytes, row_layout }`: the settings with the extract date
    /// [`Session::analyse_figures`] will use, the tables as a `Uint8Array`, and where the rows
    /// lie in this instance's memory, to be copied out before any other call into it.
    /// `undefined` when the figures' population is our area's rows of a comparator population
    /// (the full module): the other worker is given only a population file's bytes.
    #[wasm_bindgen(js_name = yearEarlierJob)]
    pub fn year_earlier_job(&self, settings: JsValue) -> Result<JsValue, JsValue> {
        let extract = self.held_extract()?;
        if self.population.is_none() && self.population_in_use().is_some() {
            return Ok(JsValue::UNDEFINED);
        }
        let mut settings = settings_of(settings)?;
        settings.extract_date = Some(prepare::extract_date(extract, settings.extract_date));
        let job = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| {
            let _ = js_sys::Reflect::set(&job, &k.into(), v);
        };
        set(
            "settings",
            &to_js(&settings, "error.session.what.settings")?,
        );
        let tables = js_sys::Uint8Array::from(&encode_tables(extract)[..]);
        set("tables", &tables.into());
        set("rows_at", &(extract.rows.as_ptr() as usize as u32).into());
        let bytes = std::mem::size_of_val(&extract.rows[..]) as u32;
        set("rows_bytes", &bytes.into());
        set("row_layout", &row_layout().into());
        Ok(job.into())
    }

    /// The year-earlier figures computed here, as [`year_earlier_of`] gives them.
    #[wasm_bindgen(js_name = yearEarlier)]
    pub fn year_earlier(&self, settings: JsValue) -> Result<JsValue, JsValue> {
        let extract = self.held_extract()?;
        let settings = settings_of(settings)?;
        let population = self.population_in_use();
        earlier_js(extract, &settings, population.as_deref())
    }

    /// How many rows the extract held has (0 without one): the page asks another worker for
    /// the year-earlier figures only from a number of rows where that saves time.
    #[wasm_bindgen(js_name = rowCount)]
    pub fn row_count(&self) -> u32 {
        self.extract.as_ref().map_or(0, |e| e.rows.len() as u32)
    }
}

/// A row's size, alignment and each field's offset, in one number: the same in the worker
/// given the rows, or they are not read there (a module built otherwise could lay them out
/// otherwise).
fn row_layout() -> u32 {
    use std::mem::{align_of, offset_of, size_of};
    let offsets = [
        offset_of!(CaseRow, line),
        offset_of!(CaseRow, child),
        offset_of!(CaseRow, offence_date),
        offset_of!(CaseRow, outcome_date),
        offset_of!(CaseRow, outcome),
        offset_of!(CaseRow, birth),
        offset_of!(CaseRow, sex),
        offset_of!(CaseRow, ethnicity),
        offset_of!(CaseRow, category),
        offset_of!(CaseRow, gravity),
        offset_of!(CaseRow, release_date),
        offset_of!(CaseRow, end_date),
        offset_of!(CaseRow, looked_after),
        offset_of!(CaseRow, service),
    ];
    let start = (size_of::<CaseRow>() * 64 + align_of::<CaseRow>()) as u32;
    (offsets.iter()).fold(start, |h, &o| h.wrapping_mul(131).wrapping_add(o as u32))
}

/// The year-earlier figures of a [`Session::year_earlier_job`] (its `tables`, `settings` and
/// `row_layout`), given the rows' bytes copied from where it said they lie (`rows`) and the
/// population read from `population` (its label as the session's): `{ year_earlier_as_at,
/// packed_year_earlier }`.
#[wasm_bindgen(js_name = yearEarlierOf)]
pub fn year_earlier_of(
    rows: js_sys::Uint8Array,
    tables: &[u8],
    settings: JsValue,
    layout: u32,
    population: Option<Vec<u8>>,
    label: Option<String>,
) -> Result<JsValue, JsValue> {
    let what = "error.session.what.report";
    // The settings as the widget's worker resolved them (its extract date): not checked again.
    let settings: Settings = from_js_or_default(settings, "error.session.what.settings")?;
    let size = std::mem::size_of::<CaseRow>();
    let bytes = rows.length() as usize;
    if layout != row_layout() || bytes % size != 0 {
        return Err(bad_input(what, "rows of another layout"));
    }
    let n = bytes / size;
    let mut copied: Vec<CaseRow> = Vec::with_capacity(n);
    // SAFETY: `copy_to_uninit` writes all `n * size` bytes of the rows' spare capacity, and
    // they are the bytes of `n` valid rows: copied from where `year_earlier_job` said an
    // extract's rows lie, in an instance of a module whose rows have this same layout
    // (checked above: the CSV module, or the full module built from the same source).
    unsafe {
        let spare = std::slice::from_raw_parts_mut(
            copied.as_mut_ptr().cast::<std::mem::MaybeUninit<u8>>(),
            bytes,
        );
        rows.copy_to_uninit(spare);
        copied.set_len(n);
    }
    let extract = decode_tables(tables, copied).map_err(|e| bad_input(what, e))?;
    let population = match population {
        Some(bytes) => {
            Some(read_population_from(&bytes, &label.unwrap_or_default()).map_err(refusal)?)
        }
        None => None,
    };
    earlier_js(&extract, &settings, population.as_ref())
}
