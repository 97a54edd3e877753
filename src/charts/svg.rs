//! SVG rendering of a chart (exports, and native tests of the drawing code): the chart's
//! recorded drawing ([`super::recording`]) replayed on plotters' SVG backend.

use plotters_svg::SVGBackend;

use super::backend::TextMeasure;
use super::draw::ChartStyle;
use super::error::ChartError;
use super::recording::record;
use super::spec::ChartSpec;

/// Draw `spec` as an SVG document of `size` logical pixels.
pub fn render_svg<M: TextMeasure>(
    spec: &ChartSpec,
    size: (u32, u32),
    style: &ChartStyle,
    measure: M,
) -> Result<String, ChartError> {
    let drawing = record(spec, size, style, &measure)?;
    let mut out = String::new();
    drawing.replay(&mut SVGBackend::with_string(&mut out, size))?;
    Ok(out)
}
