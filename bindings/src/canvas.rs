//! Drawing chart specs on the page: a canvas at the device's pixel ratio, text measured with
//! the canvas's own `measureText` (never plotters' DOM-based measurement), and SVG export. Both
//! replay the chart's one recorded drawing (`yjlens_core::charts::recording`): the layout is
//! compiled once, not once per backend (issue 15).

use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::js_error;
use yjlens_core::catalogue::messages::msg;
use yjlens_core::charts::backend::{EstimatedText, TextMeasure};
use yjlens_core::charts::draw::ChartStyle;
use yjlens_core::charts::{record, render_svg, ChartSpec};

/// Text measured by a 2D context's `measureText` (falls back to an estimate on failure).
struct CanvasMeasure(CanvasRenderingContext2d);

impl TextMeasure for CanvasMeasure {
    fn text_size(&self, text: &str, css_font: &str, size_px: f64) -> (u32, u32) {
        self.0.set_font(css_font);
        match self.0.measure_text(text) {
            Ok(m) => (m.width().ceil() as u32, size_px.ceil() as u32),
            Err(_) => EstimatedText.text_size(text, css_font, size_px),
        }
    }
}

fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .ok_or_else(|| js_error("chart", msg("error.chart.no_canvas")))?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(JsValue::from)
}

fn spec_of(spec: JsValue) -> Result<ChartSpec, JsValue> {
    serde_wasm_bindgen::from_value(spec).map_err(|e| js_error("chart", &format!("chart spec: {e}")))
}

/// Draw `spec` on `canvas` laid out at `width` × `height` CSS pixels: the backing store is
/// sized to CSS size × `dpr` and the context scaled, so the chart is crisp on HiDPI screens.
#[wasm_bindgen(js_name = drawChart)]
pub fn draw_chart(
    canvas: HtmlCanvasElement,
    spec: JsValue,
    width: u32,
    height: u32,
    dpr: f64,
    font_family: String,
    font_size: f64,
) -> Result<(), JsValue> {
    let spec = spec_of(spec)?;
    let dpr = if dpr.is_finite() && dpr > 0.0 {
        dpr
    } else {
        1.0
    };
    canvas.set_width((f64::from(width) * dpr).round() as u32);
    canvas.set_height((f64::from(height) * dpr).round() as u32);
    let ctx = context(&canvas)?;
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
    let style = ChartStyle {
        font_family,
        font_size,
    };
    let drawing = record(&spec, (width, height), &style, &CanvasMeasure(ctx))
        .map_err(|e| js_error("chart", &e.to_string()))?;
    let mut backend = CanvasBackend::with_canvas_object(canvas)
        .ok_or_else(|| js_error("chart", msg("error.chart.no_canvas")))?;
    drawing
        .replay(&mut backend)
        .map_err(|e| js_error("chart", &e.to_string()))
}

/// The same chart as an SVG document (export), text measured on `measure_canvas` (a canvas
/// that need not be in the document).
#[wasm_bindgen(js_name = chartSvg)]
pub fn chart_svg(
    measure_canvas: HtmlCanvasElement,
    spec: JsValue,
    width: u32,
    height: u32,
    font_family: String,
    font_size: f64,
) -> Result<String, JsValue> {
    let spec = spec_of(spec)?;
    let style = ChartStyle {
        font_family,
        font_size,
    };
    let measure = CanvasMeasure(context(&measure_canvas)?);
    render_svg(&spec, (width, height), &style, measure)
        .map_err(|e| js_error("chart", &e.to_string()))
}
