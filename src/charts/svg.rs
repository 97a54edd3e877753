//! SVG rendering of a chart (exports, and native tests of the drawing code).

use plotters::prelude::IntoDrawingArea;
use plotters_svg::SVGBackend;

use super::backend::{MeasuredBackend, TextMeasure};
use super::draw::{draw_chart, ChartStyle};
use super::error::ChartError;
use super::spec::ChartSpec;

/// Draw `spec` as an SVG document of `size` logical pixels.
pub fn render_svg<M: TextMeasure>(
    spec: &ChartSpec,
    size: (u32, u32),
    style: &ChartStyle,
    measure: M,
) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let backend = MeasuredBackend {
            inner: SVGBackend::with_string(&mut out, size),
            measure,
            size,
        };
        let root = backend.into_drawing_area();
        draw_chart(&root, spec, style)?;
        root.present()?;
    }
    Ok(out)
}
