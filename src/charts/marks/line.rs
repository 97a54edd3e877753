//! A trend line: solid segments between consecutive figures, a lighter dashed segment into a
//! provisional one, and a break where a figure is missing; and a comparator's line, dashed
//! throughout.

use plotters::element::{DashedPathElement, PathElement};
use plotters::prelude::{DrawingBackend, RGBColor};
use plotters::style::Color;

use super::super::error::ChartError;
use super::super::palette;
use super::super::pen::Area;

/// `points[i]` is the position of figure `i` (None where missing); `provisional(i)` says
/// whether figure `i` is provisional.
pub(crate) fn line<DB: DrawingBackend>(
    area: &Area<DB>,
    points: &[Option<(i32, i32)>],
    provisional: &dyn Fn(usize) -> bool,
    color: RGBColor,
) -> Result<(), ChartError> {
    let solid = color.stroke_width(2);
    let light = palette::tint(color, palette::PROVISIONAL_TINT).stroke_width(2);
    // Runs of solid segments are drawn as one path so the joins are clean.
    let mut run: Vec<(i32, i32)> = Vec::new();
    for i in 1..points.len() {
        match (points[i - 1], points[i]) {
            (Some(a), Some(b)) if !provisional(i) => {
                if run.is_empty() {
                    run.push(a);
                }
                run.push(b);
            }
            (Some(a), Some(b)) => {
                flush(area, &mut run, solid)?;
                area.draw(&DashedPathElement::new(vec![a, b], 5, 3, light))?;
            }
            _ => flush(area, &mut run, solid)?,
        }
    }
    flush(area, &mut run, solid)
}

fn flush<DB: DrawingBackend>(
    area: &Area<DB>,
    run: &mut Vec<(i32, i32)>,
    style: plotters::style::ShapeStyle,
) -> Result<(), ChartError> {
    if run.len() > 1 {
        area.draw(&PathElement::new(std::mem::take(run), style))?;
    }
    run.clear();
    Ok(())
}

/// A comparator's line: dashed segments (`dash` px on, 3 off) between consecutive figures, a
/// break where one is missing.
pub(crate) fn comparator_line<DB: DrawingBackend>(
    area: &Area<DB>,
    points: &[Option<(i32, i32)>],
    dash: u32,
    color: RGBColor,
) -> Result<(), ChartError> {
    for pair in points.windows(2) {
        if let [Some(a), Some(b)] = pair {
            area.draw(&DashedPathElement::new(
                vec![*a, *b],
                dash,
                3,
                color.stroke_width(2),
            ))?;
        }
    }
    Ok(())
}

/// The dash of the `k`-th comparator (0-based): 2, 6, 10 … px, so each reads apart in grey.
pub(crate) fn comparator_dash(k: usize) -> u32 {
    2 + 4 * (k as u32 % 4)
}
