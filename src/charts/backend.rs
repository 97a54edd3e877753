//! A drawing backend that delegates drawing to another (plotters-canvas, SVG) but measures
//! text with a [`TextMeasure`] of ours. plotters' own measurement on wasm32 appends a styled
//! `<span>` to the host page (a CSP violation, host CSS leaking into the layout, and a panic
//! in a worker); this wrapper keeps every measurement on our side.

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle,
};

/// Measures a string drawn in a CSS font (`"bold 13px sans-serif"`): (width, height) in px.
pub trait TextMeasure {
    fn text_size(&self, text: &str, css_font: &str, size_px: f64) -> (u32, u32);
}

/// Width estimate used natively and as the fallback: an average glyph is ~0.56 em wide.
#[derive(Clone, Copy, Debug, Default)]
pub struct EstimatedText;

impl TextMeasure for EstimatedText {
    fn text_size(&self, text: &str, _css_font: &str, size_px: f64) -> (u32, u32) {
        let width = text.chars().count() as f64 * size_px * 0.56;
        (width.ceil() as u32, size_px.ceil() as u32)
    }
}

/// The CSS font shorthand for a plotters text style.
pub fn css_font<S: BackendTextStyle>(style: &S) -> String {
    let weight = match style.style() {
        FontStyle::Bold => "bold ",
        FontStyle::Italic => "italic ",
        _ => "",
    };
    format!("{weight}{}px {}", style.size(), style.family().as_str())
}

/// `inner` draws; `measure` measures; `size` is the logical (CSS px) size the chart is laid
/// out in — on a HiDPI canvas the context is scaled so one unit is one CSS pixel.
pub struct MeasuredBackend<B, M> {
    pub inner: B,
    pub measure: M,
    pub size: (u32, u32),
}

impl<B: DrawingBackend, M: TextMeasure> DrawingBackend for MeasuredBackend<B, M> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        Ok(self.measure.text_size(text, &css_font(style), style.size()))
    }
}
