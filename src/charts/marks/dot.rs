//! A point marker: solid with a white ring for a final figure, hollow for a provisional one
//! (in the lighter tint) or one resting on fewer than 10 children.

use plotters::element::Circle;
use plotters::prelude::{DrawingBackend, RGBColor};
use plotters::style::Color;

use super::super::error::ChartError;
use super::super::palette;
use super::super::pen::Area;
use super::Look;

pub(crate) fn dot<DB: DrawingBackend>(
    area: &Area<DB>,
    at: (i32, i32),
    radius: u32,
    color: RGBColor,
    look: Look,
) -> Result<(), ChartError> {
    area.draw(&Circle::new(at, radius + 1, palette::WHITE.filled()))?;
    match look {
        Look::Solid => area.draw(&Circle::new(at, radius, color.filled()))?,
        Look::Provisional => area.draw(&Circle::new(
            at,
            radius,
            palette::tint(color, palette::PROVISIONAL_TINT).stroke_width(2),
        ))?,
        Look::Small => area.draw(&Circle::new(at, radius, color.stroke_width(2)))?,
    }
    Ok(())
}
