//! Charts: a [`ChartSpec`] (what to draw, in the domain's words: periods, groups, values,
//! their display labels, intervals, provisional periods, small numbers) drawn with plotters on
//! any backend — the canvas in the browser, SVG for export and for native tests.
//!
//! `draw.rs` lays a chart out: `frame.rs` draws the title, subtitle, legend and footnote,
//! `axes.rs` the axes, and `marks/` one small module per mark (bars, whiskers, lines, dots,
//! steps, bands, value labels, missing markers). Errors are [`ChartError`]. A chart is drawn
//! once on a recorder (`recording.rs`) and the recording replayed on the canvas or SVG, so the
//! layout is compiled for one backend only.
//!
//! Text is measured through [`TextMeasure`] (the canvas's `measureText` in the browser), never
//! through plotters' own font layout, which on wasm32 touches the host page's DOM and breaks
//! the Content-Security-Policy (`widget.md`, "Known pitfall").

pub(crate) mod axes;
pub mod backend;
pub mod draw;
pub mod error;
pub mod frame;
pub(crate) mod marks;
pub mod palette;
pub(crate) mod pen;
pub mod recording;
pub mod scale;
pub mod spec;
pub mod svg;

pub use backend::{EstimatedText, MeasuredBackend, TextMeasure};
pub use draw::{draw_chart, ChartStyle};
pub use error::ChartError;
pub use frame::{PROVISIONAL_KEY, SMALL_KEY};
pub use recording::{record, Drawing};
pub use spec::{ChartKind, ChartSpec, Series};
pub use svg::render_svg;
