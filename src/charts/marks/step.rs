//! A cumulative step line: flat across each month's slot, rising at its edge.

use plotters::element::PathElement;
use plotters::prelude::{DrawingBackend, RGBColor};
use plotters::style::Color;

use super::super::error::ChartError;
use super::super::pen::Area;

/// `steps` are (slot left x, slot right x, y) for each known figure, in order.
pub(crate) fn step<DB: DrawingBackend>(
    area: &Area<DB>,
    steps: &[(i32, i32, i32)],
    color: RGBColor,
) -> Result<(), ChartError> {
    let path: Vec<(i32, i32)> = steps
        .iter()
        .flat_map(|(x0, x1, y)| [(*x0, *y), (*x1, *y)])
        .collect();
    if path.len() > 1 {
        area.draw(&PathElement::new(path, color.stroke_width(2)))?;
    }
    Ok(())
}
