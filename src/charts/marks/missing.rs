//! The marker of a missing figure ("[c]" suppressed, "–" none), drawn where the mark would
//! start: never a zero-length bar, never a zero on a line.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};

use super::super::error::ChartError;
use super::super::palette;
use super::super::pen::Pen;

pub(crate) fn missing<DB: DrawingBackend>(
    pen: &Pen<DB>,
    marker: &str,
    at: (i32, i32),
    anchor: (HPos, VPos),
) -> Result<(), ChartError> {
    let style = pen.font(0.9, false, palette::MUTED);
    pen.text(marker, &style, at, anchor.0, anchor.1)
}
