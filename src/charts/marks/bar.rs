//! A bar or column: solid for a final figure, a lighter fill with an outline for a provisional
//! one, hollow (outline and a light hatch) for one resting on fewer than 10 children.

use plotters::element::{PathElement, Rectangle};
use plotters::prelude::{DrawingBackend, RGBColor, ShapeStyle};
use plotters::style::Color;

use super::super::error::ChartError;
use super::super::palette;
use super::super::pen::{Area, Rect};
use super::Look;

/// Draw the bar `r` in `color` with `look`; returns the colour behind a label drawn inside it.
pub(crate) fn bar<DB: DrawingBackend>(
    area: &Area<DB>,
    r: Rect,
    color: RGBColor,
    look: Look,
) -> Result<RGBColor, ChartError> {
    let corners = [(r.x0, r.y0), (r.x1, r.y1)];
    match look {
        Look::Solid => {
            area.draw(&Rectangle::new(corners, color.filled()))?;
            Ok(color)
        }
        Look::Provisional => {
            let light = palette::tint(color, palette::PROVISIONAL_TINT);
            area.draw(&Rectangle::new(corners, light.filled()))?;
            area.draw(&Rectangle::new(corners, color.stroke_width(1)))?;
            Ok(light)
        }
        Look::Small => {
            area.draw(&Rectangle::new(corners, palette::WHITE.filled()))?;
            hatch(area, r, palette::tint(color, palette::SMALL_HATCH_TINT))?;
            area.draw(&Rectangle::new(corners, color.stroke_width(1)))?;
            Ok(palette::WHITE)
        }
    }
}

/// Light diagonal hatching inside `r`, one line every 6 px.
pub(crate) fn hatch<DB: DrawingBackend>(
    area: &Area<DB>,
    r: Rect,
    color: RGBColor,
) -> Result<(), ChartError> {
    let style = ShapeStyle::from(&color).stroke_width(1);
    let h = r.h();
    let mut c = r.x0 - h;
    while c < r.x1 {
        // The segment (c + t, y1 − t), t ∈ [0, h], clipped to x0 ≤ x ≤ x1.
        let t0 = (r.x0 - c).max(0);
        let t1 = (r.x1 - c).min(h);
        if t0 < t1 {
            area.draw(&PathElement::new(
                vec![(c + t0, r.y1 - t0), (c + t1, r.y1 - t1)],
                style,
            ))?;
        }
        c += 6;
    }
    Ok(())
}
