//! The language of the core's sentences and the catalogue, exported by every page-facing
//! module: the page's thread reads the catalogue from whichever module it runs, and the worker
//! sets the language of each module it uses before each request.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use yjlens_core::catalogue::messages::{self, fill, text};
use yjlens_core::catalogue::{Catalogue, Lang};

use crate::js_error;

/// Write the core's sentences in `lang` (`"cy"`, `"en"`; anything else is English) from now on
/// in this instance: the worker calls it with the element's language before each request, so
/// the report's notes, definitions, period labels and refusals come back in that language.
#[wasm_bindgen(js_name = setLanguage)]
pub fn set_language(lang: Option<String>) {
    messages::set_language(lang.as_deref().and_then(Lang::from_id).unwrap_or(Lang::En));
}

/// Give this instance the core's message table of `lang` (`"cy"`), as an array of `[id, text]`
/// pairs (the package's `messages/core-cy.js`): the browser's modules are built without the
/// Welsh table (issue 15), and a Welsh page gives it before it asks for Welsh. True when taken;
/// false when the instance has it already or the table is not a list of pairs.
#[wasm_bindgen(js_name = giveMessages)]
pub fn give_messages(lang: String, table: JsValue) -> bool {
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
    let lang = lang.as_deref().and_then(Lang::from_id).unwrap_or(Lang::En);
    Catalogue::new(lang)
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            let what = text(lang, "error.session.what.catalogue");
            let err = js_error(
                "bad_input",
                &fill(text(lang, "error.session.bad_input"), &[("what", &what)]),
            );
            let _ = js_sys::Reflect::set(&err, &"detail".into(), &e.to_string().into());
            err
        })
}
