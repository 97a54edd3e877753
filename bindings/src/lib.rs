//! What every page-facing wasm module of the package has (wasm32 only; natively this crate
//! is empty), so that a page's own thread runs whichever of them its widgets need (issue 15):
//! the language of the core's sentences and the catalogue ([`page`]), the charts drawn on the
//! page's canvases ([`canvas`]) — both exported to JavaScript by every module that links this
//! crate — and the core's values as JavaScript values: an error a person can act on
//! ([`js_error`], [`refusal`], [`bad_input`]), any serialisable value ([`to_js`]), the figures
//! packed into typed arrays ([`packed_js`]) and read back ([`packed_from_js`]).

#![cfg(target_arch = "wasm32")]

pub mod canvas;
pub mod page;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use yjlens_core::catalogue::messages::{fill, msg};
use yjlens_core::extract::Refusal;
use yjlens_core::packed::{pack, PackedFigures, NUMBER_COLUMNS, TEXT_COLUMNS};
use yjlens_core::report::Figure;

/// An error for JavaScript: an object `{ kind, message }` whose message a person can act on.
pub fn js_error(kind: &str, message: &str) -> JsValue {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"kind".into(), &kind.into());
    let _ = js_sys::Reflect::set(&o, &"message".into(), &message.into());
    o.into()
}

/// A refused file as `{ kind: "refused", message, detail }` (`detail`: the refusal's kind).
pub fn refusal(r: Refusal) -> JsValue {
    let kind = serde_wasm_bindgen::to_value(&r.kind).unwrap_or(JsValue::NULL);
    let e = js_error("refused", &r.message);
    let _ = js_sys::Reflect::set(&e, &"detail".into(), &kind);
    e
}

/// A value that could not be passed between JavaScript and the core: one sentence in the
/// language in use naming it (`what`: the message id of its name), the library's own words
/// (English, technical) as the error's `detail`.
pub fn bad_input(what: &str, e: impl std::fmt::Display) -> JsValue {
    let err = js_error(
        "bad_input",
        &fill(msg("error.session.bad_input"), &[("what", &msg(what))]),
    );
    let _ = js_sys::Reflect::set(&err, &"detail".into(), &e.to_string().into());
    err
}

/// `value` as a plain JavaScript value (maps as objects, as JSON would give them).
pub fn to_js<T: Serialize>(value: &T, what: &str) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| bad_input(what, e))
}

/// `{ strings, text: Uint32Array, numbers: Float64Array, suppressed: Uint8Array,
/// text_columns, number_columns }`: the figures in columns (see [`yjlens_core::packed`]); the
/// typed arrays are transferable.
pub fn packed_js(figures: &[Figure]) -> JsValue {
    let packed = pack(figures);
    let o = js_sys::Object::new();
    let strings: js_sys::Array = packed
        .strings
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect();
    let text_columns: js_sys::Array = TEXT_COLUMNS
        .iter()
        .map(|c| JsValue::from_str(c.id()))
        .collect();
    let number_columns: js_sys::Array = NUMBER_COLUMNS
        .iter()
        .map(|c| JsValue::from_str(c.id()))
        .collect();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&o, &k.into(), v);
    };
    set("strings", &strings);
    set("text", &js_sys::Uint32Array::from(&packed.text[..]));
    set("numbers", &js_sys::Float64Array::from(&packed.numbers[..]));
    set(
        "suppressed",
        &js_sys::Uint8Array::from(&packed.suppressed[..]),
    );
    set("text_columns", &text_columns);
    set("number_columns", &number_columns);
    o.into()
}

/// The figures of a [`packed_js`] object, exactly as packed ([`yjlens_core::packed::unpack`]);
/// a sentence naming them (`what`) when they are not such an object.
pub fn packed_from_js(packed: &JsValue, what: &str) -> Result<Vec<Figure>, JsValue> {
    let get = |k: &str| js_sys::Reflect::get(packed, &k.into()).unwrap_or(JsValue::UNDEFINED);
    let strings: Vec<String> = js_sys::Array::from(&get("strings"))
        .iter()
        .map(|s| s.as_string().unwrap_or_default())
        .collect();
    let table = PackedFigures {
        strings,
        text: js_sys::Uint32Array::new(&get("text")).to_vec(),
        numbers: js_sys::Float64Array::new(&get("numbers")).to_vec(),
        suppressed: js_sys::Uint8Array::new(&get("suppressed")).to_vec(),
    };
    yjlens_core::packed::unpack(&table).map_err(|e| bad_input(what, format!("{e:?}")))
}

/// What the analysis module hands the publish module for a disclosure-controlled export
/// (issue 15: disclosure control is in the publish module only), beside the report's figures
/// packed ([`packed_js`], as `packed`): the export's provenance (its settings text names the
/// control), our area if named, and the export dialog's choices.
#[derive(serde::Deserialize)]
pub struct ExportJob {
    pub source: String,
    pub generated_at: String,
    pub tool_version: String,
    pub settings: String,
    pub area_name: Option<String>,
    pub area_code: Option<String>,
    pub k: u32,
    pub round_to_5: bool,
    pub include_quarters: bool,
}

impl ExportJob {
    /// The job as a plain object (its fields set one by one: the analysis module has no other
    /// use for serde's serialising of it).
    pub fn to_js(&self) -> JsValue {
        let o = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&o, &k.into(), &v);
        };
        set("source", self.source.as_str().into());
        set("generated_at", self.generated_at.as_str().into());
        set("tool_version", self.tool_version.as_str().into());
        set("settings", self.settings.as_str().into());
        set(
            "area_name",
            self.area_name
                .as_deref()
                .map_or(JsValue::NULL, JsValue::from),
        );
        set(
            "area_code",
            self.area_code
                .as_deref()
                .map_or(JsValue::NULL, JsValue::from),
        );
        set("k", self.k.into());
        set("round_to_5", self.round_to_5.into());
        set("include_quarters", self.include_quarters.into());
        o.into()
    }
}
