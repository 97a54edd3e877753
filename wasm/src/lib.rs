//! yjlens in the browser: the wasm-bindgen surface over `yjlens-core` (wasm32 only; natively
//! this crate is empty). [`session`] is what the Web Worker drives: bytes in,
//! report out. [`canvas`] draws chart specs on the page's canvases and renders SVG exports.

#![cfg(target_arch = "wasm32")]

pub mod canvas;
pub mod session;

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
