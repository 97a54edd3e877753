//! Text and geometry shared by the frame, the axes and the marks: rectangles in logical
//! pixels, and a [`Pen`] that measures, wraps, shortens and draws text through the drawing
//! area's `draw_text` (never plotters' `Text` elements, which lay fonts out themselves).

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend, IntoFont, RGBColor, TextStyle};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontStyle};

use super::draw::ChartStyle;
use super::error::ChartError;

pub(crate) type Area<DB> = DrawingArea<DB, Shift>;

/// A rectangle in logical pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rect {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl Rect {
    pub fn w(&self) -> i32 {
        self.x1 - self.x0
    }
    pub fn h(&self) -> i32 {
        self.y1 - self.y0
    }
}

/// Text drawing and measuring in one place.
pub(crate) struct Pen<'a, DB: DrawingBackend> {
    pub area: &'a Area<DB>,
    pub style: &'a ChartStyle,
}

impl<'a, DB: DrawingBackend> Pen<'a, DB> {
    /// The base font scaled by `scale`, bold or not, in `color`.
    pub fn font(&self, scale: f64, bold: bool, color: RGBColor) -> TextStyle<'a> {
        let mut font = (
            self.style.font_family.as_str(),
            self.style.font_size * scale,
        )
            .into_font();
        if bold {
            font = font.style(FontStyle::Bold);
        }
        let mut style = TextStyle::from(font);
        style.color = color.to_backend_color();
        style
    }

    /// The line height of text at `scale`.
    pub fn line_h(&self, scale: f64) -> i32 {
        (self.style.font_size * scale * 1.4).round() as i32
    }

    /// The height of a line of text at `scale` (its em box).
    pub fn text_h(&self, scale: f64) -> i32 {
        (self.style.font_size * scale).ceil() as i32
    }

    pub fn width(&self, text: &str, style: &TextStyle) -> i32 {
        self.area
            .estimate_text_size(text, style)
            .map(|(w, _)| w as i32)
            .unwrap_or(0)
    }

    pub fn text(
        &self,
        text: &str,
        style: &TextStyle,
        pos: (i32, i32),
        h: HPos,
        v: VPos,
    ) -> Result<(), ChartError> {
        let anchored = style.pos(Pos::new(h, v));
        Ok(self.area.draw_text(text, &anchored, pos)?)
    }

    /// Word-wrap `text` to `width`, returning the lines; a word longer than the line is
    /// broken between characters, so nothing is ever clipped.
    pub fn wrap(&self, text: &str, style: &TextStyle, width: i32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, style) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone: break it if it is wider than a whole line.
            for ch in word.chars() {
                let mut next = line.clone();
                next.push(ch);
                if !line.is_empty() && self.width(&next, style) > width {
                    lines.push(std::mem::take(&mut line));
                    line.push(ch);
                } else {
                    line = next;
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Draw `text` wrapped to `width` from (`x`, `y`) down, one line every `step` px;
    /// returns the y below the last line.
    pub fn paragraph(
        &self,
        text: &str,
        style: &TextStyle,
        (x, mut y): (i32, i32),
        width: i32,
        step: i32,
    ) -> Result<i32, ChartError> {
        for l in self.wrap(text, style, width) {
            self.text(&l, style, (x, y), HPos::Left, VPos::Top)?;
            y += step;
        }
        Ok(y)
    }

    /// Shorten `text` with an ellipsis to fit `width`.
    pub fn fit(&self, text: &str, style: &TextStyle, width: i32) -> String {
        if self.width(text, style) <= width {
            return text.to_string();
        }
        let mut chars: Vec<char> = text.chars().collect();
        while !chars.is_empty() {
            chars.pop();
            let s: String = chars.iter().collect::<String>() + "…";
            if self.width(&s, style) <= width {
                return s;
            }
        }
        String::new()
    }
}
