//! Charts: a [`ChartSpec`] (what to draw, in the domain's words: periods, groups, values,
//! intervals, provisional cohorts) drawn with plotters on any backend — the canvas in the
//! browser, SVG for export and for native tests.
//!
//! Text is measured through [`TextMeasure`] (the canvas's `measureText` in the browser), never
//! through plotters' own font layout, which on wasm32 touches the host page's DOM and breaks
//! the Content-Security-Policy (`widget.md`, "Known pitfall").

pub mod backend;
pub mod draw;
pub mod palette;
pub mod scale;
pub mod spec;
pub mod svg;

pub use backend::{EstimatedText, MeasuredBackend, TextMeasure};
pub use draw::draw_chart;
pub use spec::{ChartKind, ChartSpec, Series};
pub use svg::render_svg;
