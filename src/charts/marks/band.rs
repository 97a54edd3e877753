//! An interval band: the first trend series' interval as a translucent area, broken where an
//! interval is missing.

use plotters::element::Polygon;
use plotters::prelude::{DrawingBackend, RGBColor};
use plotters::style::Color;

use super::super::error::ChartError;
use super::super::pen::Area;

/// `bounds[i]` is (x, y of the high end, y of the low end) for figure `i`, or None.
pub(crate) fn band<DB: DrawingBackend>(
    area: &Area<DB>,
    bounds: &[Option<(i32, i32, i32)>],
    color: RGBColor,
) -> Result<(), ChartError> {
    let mut upper: Vec<(i32, i32)> = Vec::new();
    let mut lower: Vec<(i32, i32)> = Vec::new();
    let flush = |upper: &mut Vec<(i32, i32)>, lower: &mut Vec<(i32, i32)>| {
        if upper.len() > 1 {
            let mut poly = std::mem::take(upper);
            poly.extend(lower.iter().rev());
            area.draw(&Polygon::new(poly, color.mix(0.18).filled()))?;
        }
        upper.clear();
        lower.clear();
        Ok::<(), ChartError>(())
    };
    for b in bounds {
        match b {
            Some((x, hi, lo)) => {
                upper.push((*x, *hi));
                lower.push((*x, *lo));
            }
            None => flush(&mut upper, &mut lower)?,
        }
    }
    flush(&mut upper, &mut lower)
}
