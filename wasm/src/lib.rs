//! yjlens in the browser: the wasm-bindgen surface over `yjlens-core` (wasm32 only; natively
//! this crate is empty). [`session`] is what the Web Worker drives: bytes in,
//! report out. What every page-facing module shares — the language of the core's sentences,
//! the catalogue and the charts drawn on the page's canvases — is in `yjlens-bindings`
//! (`bindings/`), whose exports this module carries too.
//! Built twice by `make wasm` (issue 15): `yjlens_bg.wasm` without features, the module a page
//! fetches to analyse a CSV, and `yjlens_full_bg.wasm` with `kpi` and `comparators`, which the
//! worker fetches only when KPI or comparator files arrive.

#![cfg(target_arch = "wasm32")]

#[cfg(feature = "comparators")]
pub mod comparators;
#[cfg(feature = "kpi")]
pub mod kpi;
pub mod ranges;
pub mod session;
pub mod year_earlier;

use wasm_bindgen::prelude::*;

/// Route Rust panics to the console before the instance aborts (the element then restarts
/// its worker).
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

pub(crate) use yjlens_bindings::js_error;

/// The page-facing exports every module has (the language, the catalogue, the charts).
pub use yjlens_bindings::{canvas, page};
