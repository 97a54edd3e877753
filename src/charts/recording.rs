//! A chart drawn once and replayed on any backend (issue 15: the CSV module's size). The
//! layout and the marks ([`draw_chart`], generic over plotters' `DrawingBackend`) are compiled
//! for one backend only, [`Recorder`], which keeps every drawing call with its arguments; a
//! [`Drawing`] then makes the same calls, in the same order, on the canvas (the page) or on
//! SVG (the export, native tests). Drawn straight on both, the charts were compiled twice
//! (~50 KB of wasm each). The calls a backend receives are those it received when it drew
//! directly: text is measured by our [`TextMeasure`] while recording, as
//! [`MeasuredBackend`](super::backend::MeasuredBackend) did, never by the backend.

use std::convert::Infallible;

use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::IntoDrawingArea;
use plotters_backend::text_anchor::Pos;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontFamily, FontStyle, FontTransform,
};

use super::backend::{css_font, TextMeasure};
use super::draw::{draw_chart, ChartStyle};
use super::error::ChartError;
use super::spec::ChartSpec;

/// A line's or a shape's colour and stroke width, as the backend was given them.
#[derive(Clone, Copy)]
struct Stroke {
    color: BackendColor,
    width: u32,
}

impl Stroke {
    fn of<S: BackendStyle>(style: &S) -> Self {
        Stroke {
            color: style.color(),
            width: style.stroke_width(),
        }
    }
}

impl BackendStyle for Stroke {
    fn color(&self) -> BackendColor {
        self.color
    }
    fn stroke_width(&self) -> u32 {
        self.width
    }
}

/// A font family, owned.
enum Family {
    Serif,
    SansSerif,
    Monospace,
    Name(String),
}

/// A text style as the backend was given it (what the canvas and SVG backends read of it).
struct Text {
    family: Family,
    size: f64,
    color: BackendColor,
    style: FontStyle,
    anchor: Pos,
    transform: FontTransform,
}

impl Text {
    fn of<S: BackendTextStyle>(style: &S) -> Self {
        Text {
            family: match style.family() {
                FontFamily::Serif => Family::Serif,
                FontFamily::SansSerif => Family::SansSerif,
                FontFamily::Monospace => Family::Monospace,
                FontFamily::Name(name) => Family::Name(name.to_owned()),
            },
            size: style.size(),
            color: style.color(),
            style: style.style(),
            anchor: style.anchor(),
            transform: style.transform(),
        }
    }
}

impl BackendTextStyle for Text {
    type FontError = Infallible;

    fn color(&self) -> BackendColor {
        self.color
    }
    fn size(&self) -> f64 {
        self.size
    }
    fn transform(&self) -> FontTransform {
        self.transform.clone()
    }
    fn style(&self) -> FontStyle {
        self.style
    }
    fn anchor(&self) -> Pos {
        self.anchor
    }
    fn family(&self) -> FontFamily<'_> {
        match &self.family {
            Family::Serif => FontFamily::Serif,
            Family::SansSerif => FontFamily::SansSerif,
            Family::Monospace => FontFamily::Monospace,
            Family::Name(name) => FontFamily::Name(name),
        }
    }
    // Neither backend lays text out or rasterises it itself (both draw text natively); text is
    // measured while recording.
    fn layout_box(&self, _text: &str) -> Result<((i32, i32), (i32, i32)), Infallible> {
        Ok(((0, 0), (0, 0)))
    }
    fn draw<E, DrawFunc: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _text: &str,
        _pos: BackendCoord,
        _draw: DrawFunc,
    ) -> Result<Result<(), E>, Infallible> {
        Ok(Ok(()))
    }
}

/// One call a backend received.
enum Call {
    Prepare,
    Present,
    Pixel(BackendCoord, BackendColor),
    Line(BackendCoord, BackendCoord, Stroke),
    Rect(BackendCoord, BackendCoord, Stroke, bool),
    Path(Vec<BackendCoord>, Stroke),
    Circle(BackendCoord, u32, Stroke, bool),
    Polygon(Vec<BackendCoord>, Stroke),
    Text(String, Text, BackendCoord),
}

/// The backend the charts are drawn on: keeps the calls, measures text with `measure`.
struct Recorder<'a> {
    calls: &'a mut Vec<Call>,
    measure: &'a dyn TextMeasure,
    size: (u32, u32),
}

impl DrawingBackend for Recorder<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        self.calls.push(Call::Prepare);
        Ok(())
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        self.calls.push(Call::Present);
        Ok(())
    }
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.calls.push(Call::Pixel(point, color));
        Ok(())
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.calls.push(Call::Line(from, to, Stroke::of(style)));
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.calls.push(Call::Rect(
            upper_left,
            bottom_right,
            Stroke::of(style),
            fill,
        ));
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.calls
            .push(Call::Path(path.into_iter().collect(), Stroke::of(style)));
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.calls
            .push(Call::Circle(center, radius, Stroke::of(style), fill));
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.calls
            .push(Call::Polygon(vert.into_iter().collect(), Stroke::of(style)));
        Ok(())
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.calls
            .push(Call::Text(text.to_owned(), Text::of(style), pos));
        Ok(())
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
        Ok(self.measure.text_size(text, &css_font(style), style.size()))
    }
}

/// A chart's drawing calls, to be made on a backend.
pub struct Drawing {
    calls: Vec<Call>,
}

/// Draw `spec` laid out at `size` logical pixels, text measured by `measure`.
pub fn record(
    spec: &ChartSpec,
    size: (u32, u32),
    style: &ChartStyle,
    measure: &dyn TextMeasure,
) -> Result<Drawing, ChartError> {
    let mut calls = Vec::new();
    {
        let root = Recorder {
            calls: &mut calls,
            measure,
            size,
        }
        .into_drawing_area();
        draw_chart(&root, spec, style)?;
        root.present()?;
    }
    Ok(Drawing { calls })
}

impl Drawing {
    /// Make the recorded calls on `backend`, in order; the first refusal stops it.
    pub fn replay<B: DrawingBackend>(&self, backend: &mut B) -> Result<(), ChartError> {
        for call in &self.calls {
            match call {
                Call::Prepare => backend.ensure_prepared(),
                Call::Present => backend.present(),
                Call::Pixel(point, color) => backend.draw_pixel(*point, *color),
                Call::Line(from, to, stroke) => backend.draw_line(*from, *to, stroke),
                Call::Rect(upper_left, bottom_right, stroke, fill) => {
                    backend.draw_rect(*upper_left, *bottom_right, stroke, *fill)
                }
                Call::Path(path, stroke) => backend.draw_path(path.iter().copied(), stroke),
                Call::Circle(center, radius, stroke, fill) => {
                    backend.draw_circle(*center, *radius, stroke, *fill)
                }
                Call::Polygon(vert, stroke) => backend.fill_polygon(vert.iter().copied(), stroke),
                Call::Text(text, style, pos) => backend.draw_text(text, style, *pos),
            }
            .map_err(|e| ChartError::from(DrawingAreaErrorKind::BackendError(e)))?;
        }
        Ok(())
    }
}
