//! One analysis session inside the worker: an extract streamed in chunks, an optional
//! population, and reports computed on demand with the user's settings.

use wasm_bindgen::prelude::*;

use super::js_error;
use crate::extract::{Extract, ExtractReader, ReadOptions, Refusal};
use crate::measures::{compute, population::read_population, Population};
use crate::report::Settings;

fn refusal(r: Refusal) -> JsValue {
    let kind = serde_wasm_bindgen::to_value(&r.kind).unwrap_or(JsValue::NULL);
    let e = js_error("refused", &r.message);
    let _ = js_sys::Reflect::set(&e, &"detail".into(), &kind);
    e
}

fn bad_input(what: &str, e: impl std::fmt::Display) -> JsValue {
    js_error("bad_input", &format!("{what}: {e}"))
}

#[wasm_bindgen]
#[derive(Default)]
pub struct Session {
    reader: Option<ExtractReader>,
    extract: Option<Extract>,
    population: Option<Population>,
}

#[wasm_bindgen]
impl Session {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Session {
        Session::default()
    }

    /// Start reading a new extract with these read options (a `ReadOptions` object, or
    /// `undefined` for the defaults).
    pub fn begin(&mut self, options: JsValue) -> Result<(), JsValue> {
        let options: ReadOptions = if options.is_undefined() || options.is_null() {
            ReadOptions::default()
        } else {
            serde_wasm_bindgen::from_value(options).map_err(|e| bad_input("read options", e))?
        };
        self.reader = Some(ExtractReader::new(options));
        Ok(())
    }

    /// Feed the next chunk of the file.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        let reader = self
            .reader
            .as_mut()
            .ok_or_else(|| js_error("state", "No file is being read."))?;
        reader.push(chunk).map_err(refusal)
    }

    /// Finish the file: the extract is kept for [`Session::analyse`]. Returns the quality
    /// report.
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let reader = self
            .reader
            .take()
            .ok_or_else(|| js_error("state", "No file is being read."))?;
        let extract = reader.finish().map_err(refusal)?;
        let quality = serde_wasm_bindgen::to_value(&extract.quality)
            .map_err(|e| bad_input("quality report", e))?;
        self.extract = Some(extract);
        Ok(quality)
    }

    /// Read a population file (denominators).
    #[wasm_bindgen(js_name = setPopulation)]
    pub fn set_population(&mut self, bytes: &[u8]) -> Result<(), JsValue> {
        self.population = Some(read_population(bytes).map_err(refusal)?);
        Ok(())
    }

    /// Compute the report with these settings (a `Settings` object, or `undefined`).
    pub fn analyse(&self, settings: JsValue) -> Result<JsValue, JsValue> {
        let extract = self
            .extract
            .as_ref()
            .ok_or_else(|| js_error("state", "No extract is loaded."))?;
        let settings: Settings = if settings.is_undefined() || settings.is_null() {
            Settings::default()
        } else {
            serde_wasm_bindgen::from_value(settings).map_err(|e| bad_input("settings", e))?
        };
        let report = compute(extract, &settings, self.population.as_ref());
        report
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| bad_input("report", e))
    }
}

use serde::Serialize;
