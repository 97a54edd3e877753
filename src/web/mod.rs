//! The wasm-bindgen surface (wasm32 only): what the worker calls, and chart drawing on canvas.
