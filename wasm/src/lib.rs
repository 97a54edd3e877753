//! yjlens in the browser: the wasm-bindgen surface over `yjlens-core` (wasm32 only; natively
//! this crate is empty). [`session`] is what the Web Worker drives: bytes in,
//! report out. [`canvas`] draws chart specs on the page's canvases and renders SVG exports.
//! Built twice by `make wasm` (issue 15): `yjlens_bg.wasm` without features, the module a page
//! fetches to analyse a CSV, and `yjlens_full_bg.wasm` with `kpi` and `comparators`, which the
//! worker fetches only when KPI or comparator files arrive.

#![cfg(target_arch = "wasm32")]

pub mod canvas;
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

/// An error for JavaScript: an object `{ kind, message }` whose message a person can act on.
pub(crate) fn js_error(kind: &str, message: &str) -> JsValue {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"kind".into(), &kind.into());
    let _ = js_sys::Reflect::set(&o, &"message".into(), &message.into());
    o.into()
}

/// Write the core's sentences in `lang` (`"cy"`, `"en"`; anything else is English) from now on
/// in this instance: the worker calls it with the element's language before each request, so
/// the report's notes, definitions, period labels and refusals come back in that language.
#[wasm_bindgen(js_name = setLanguage)]
pub fn set_language(lang: Option<String>) {
    use yjlens_core::catalogue::{messages, Lang};
    messages::set_language(lang.as_deref().and_then(Lang::from_id).unwrap_or(Lang::En));
}

/// Give this instance the core's message table of `lang` (`"cy"`), as an array of `[id, text]`
/// pairs (the package's `messages/core-cy.js`): the browser's modules are built without the
/// Welsh table (issue 15), and a Welsh page gives it before it asks for Welsh. True when taken;
/// false when the instance has it already or the table is not a list of pairs.
#[wasm_bindgen(js_name = giveMessages)]
pub fn give_messages(lang: String, table: JsValue) -> bool {
    use yjlens_core::catalogue::{messages, Lang};
    match (
        Lang::from_id(&lang),
        serde_wasm_bindgen::from_value::<Vec<(String, String)>>(table),
    ) {
        (Some(lang), Ok(entries)) => messages::give(lang, entries),
        _ => false,
    }
}

/// The catalogue in a language (`"en"`; an unknown or missing language is English): every id
/// the figures are made of with its words, orders, units and definitions, and the message
/// table (`yjlens_core::catalogue::Catalogue`). The page reads it once, before it shows
/// anything.
#[wasm_bindgen]
pub fn catalogue(lang: Option<String>) -> Result<JsValue, JsValue> {
    use serde::Serialize;
    use yjlens_core::catalogue::{Catalogue, Lang};
    let lang = lang.as_deref().and_then(Lang::from_id).unwrap_or(Lang::En);
    Catalogue::new(lang)
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            let err = js_error(
                "bad_input",
                &yjlens_core::catalogue::messages::fill(
                    yjlens_core::catalogue::messages::text(lang, "error.session.bad_input"),
                    &[(
                        "what",
                        &yjlens_core::catalogue::messages::text(
                            lang,
                            "error.session.what.catalogue",
                        ),
                    )],
                ),
            );
            let _ = js_sys::Reflect::set(&err, &"detail".into(), &e.to_string().into());
            err
        })
}
