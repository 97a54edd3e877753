//! Public mode and disclosure-controlled exports in the browser (issue 15): the wasm-bindgen
//! surface over `yjlens_core::publish`, a module of its own, so that the module a page fetches
//! to analyse a CSV has no disclosure control. A public page runs it alone, on its own thread
//! (the catalogue and the charts: `yjlens-bindings`) and in its worker (`www/src/publish.js`);
//! an analyst's page fetches it only for a controlled export. Natively this crate is empty.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use yjlens_bindings::{bad_input, js_error, packed_from_js, packed_js, refusal, to_js, ExportJob};
use yjlens_core::comparators::{Area, AreaKind};
use yjlens_core::publish::aggregate::{read_csv, Provenance};
use yjlens_core::publish::disclosure::{self, DisclosureSettings};
use yjlens_core::publish::export::controlled_aggregate;

/// Route Rust panics to the console before the instance aborts.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The page-facing exports every module has (the language, the catalogue, the charts).
pub use yjlens_bindings::{canvas, page};

/// Public mode: read an aggregate file and re-apply disclosure control with threshold `k`
/// (never below the public minimum), so even an unsuppressed file shows no small numbers.
/// Returns `{ provenance: { source, generated_at, tool_version, settings }, k, packed }`, the
/// figures packed in columns as the analysis module sends a report's.
#[wasm_bindgen(js_name = publicFigures)]
pub fn public_figures(bytes: &[u8], k: u32) -> Result<JsValue, JsValue> {
    let (figures, provenance) = read_csv(bytes).map_err(refusal)?;
    let k = k.clamp(disclosure::PUBLIC_MIN_K, disclosure::MAX_K);
    let control =
        DisclosureSettings::new(k, true).map_err(|e| js_error("bad_input", &e.to_string()))?;
    let figures = disclosure::apply(figures, &control);
    // The provenance's cells as the page reads them (`aggregate::Provenance` is not serde).
    #[derive(serde::Serialize)]
    struct Cells<'a> {
        source: &'a str,
        generated_at: &'a str,
        tool_version: &'a str,
        settings: &'a str,
    }
    #[derive(serde::Serialize)]
    struct Public<'a> {
        provenance: Cells<'a>,
        k: u32,
    }
    let out = Public {
        provenance: Cells {
            source: &provenance.source,
            generated_at: &provenance.generated_at,
            tool_version: &provenance.tool_version,
            settings: &provenance.settings,
        },
        k,
    };
    let meta = to_js(&out, "error.session.what.aggregate_file")?;
    let _ = js_sys::Reflect::set(&meta, &"packed".into(), &packed_js(&figures));
    Ok(meta)
}

/// The disclosure-controlled aggregate file of an analysis: `export` is what the analysis
/// module's `Session.aggregate` returns when control is asked for, `{ packed, job }` (the
/// report's figures packed, and an [`ExportJob`]). The same file as the analysis module would
/// write with disclosure control of its own (`tests/golden_output.rs`).
#[wasm_bindgen(js_name = controlledAggregate)]
pub fn controlled_aggregate_of(export: JsValue) -> Result<String, JsValue> {
    let what = "error.session.what.export_options";
    let get = |k: &str| js_sys::Reflect::get(&export, &k.into()).unwrap_or(JsValue::UNDEFINED);
    let job: ExportJob =
        serde_wasm_bindgen::from_value(get("job")).map_err(|e| bad_input(what, e))?;
    let figures = packed_from_js(&get("packed"), "error.session.what.report")?;
    let control = DisclosureSettings::new(job.k, false)
        .map_err(|e| js_error("bad_input", &e.to_string()))?
        .with_rounding(job.round_to_5)
        .with_quarters(job.include_quarters);
    let provenance = Provenance {
        source: job.source,
        generated_at: job.generated_at,
        tool_version: job.tool_version,
        settings: job.settings,
    };
    let area = job
        .area_name
        .map(|name| Area::new(&name, job.area_code.as_deref(), AreaKind::Yjs));
    Ok(controlled_aggregate(
        figures,
        &provenance,
        &control,
        area.as_ref(),
    ))
}
