//! The frame around a chart's marks: the white ground, the title (the chart's message), the
//! subtitle (measure, unit, period, n, denominator), the legend (series, "provisional (tracking
//! incomplete)", "fewer than 10: treat with caution"), the value axis title and the footnote.
//! Every piece of text wraps to the width it has, so nothing is clipped on a 390 px phone.
//! What is left in the middle is the body, where `draw.rs` lays out axes and marks.

use plotters::element::DashedPathElement;
use plotters::prelude::{DrawingBackend, RGBColor};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;

use super::error::ChartError;
use super::marks::{bar::bar, dot::dot, Look};
use super::palette;
use super::pen::{Pen, Rect};
use super::spec::{ChartKind, ChartSpec};

/// Space around the chart, in px.
pub(crate) const PAD: i32 = 10;

/// The legend text of provisional figures.
pub const PROVISIONAL_KEY: &str = "provisional (tracking incomplete)";
/// The legend text of figures resting on fewer than 10 children.
pub const SMALL_KEY: &str = "fewer than 10: treat with caution";

/// One legend entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    Series(usize),
    Provisional,
    Small,
}

/// Draw the frame and return the body left for the axes and marks.
pub(crate) fn frame<DB: DrawingBackend>(
    pen: &Pen<DB>,
    spec: &ChartSpec,
) -> Result<Rect, ChartError> {
    let area = pen.area;
    area.fill(&palette::WHITE)?;
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let width = w - 2 * PAD;
    let mut y = PAD;

    let title = pen.font(1.3, true, palette::TEXT);
    y = pen.paragraph(&spec.title, &title, (PAD, y), width, pen.line_h(1.3) - 1)?;
    let sub = pen.font(1.0, false, palette::MUTED);
    y = pen.paragraph(&spec.subtitle, &sub, (PAD, y), width, pen.line_h(1.0))?;
    y = legend(pen, spec, y, w)?;

    // The footnote at the foot, wrapped.
    let foot = pen.font(0.9, false, palette::MUTED);
    let step = pen.line_h(0.9);
    let foot_h = pen.wrap(&spec.footnote, &foot, width).len() as i32 * step;
    pen.paragraph(&spec.footnote, &foot, (PAD, h - PAD - foot_h), width, step)?;

    // The value axis title sits above the plot, left-aligned, wrapped.
    if !spec.value_label.is_empty() {
        y += 4;
        let axis_title = pen.font(1.0, true, palette::TEXT);
        y = pen.paragraph(
            &spec.value_label,
            &axis_title,
            (PAD, y),
            width,
            pen.line_h(1.0),
        )?;
    }
    Ok(Rect {
        x0: PAD,
        y0: y + 4,
        x1: w - PAD,
        y1: h - PAD - foot_h - 6,
    })
}

/// The legend: one entry per series when there are several, then the provisional and
/// small-number keys when used. Returns the y below it.
fn legend<DB: DrawingBackend>(
    pen: &Pen<DB>,
    spec: &ChartSpec,
    mut y: i32,
    w: i32,
) -> Result<i32, ChartError> {
    let mut keys: Vec<(String, Key)> = Vec::new();
    if spec.series.len() > 1 {
        keys.extend(
            spec.series
                .iter()
                .enumerate()
                .map(|(i, s)| (s.name.clone(), Key::Series(i))),
        );
    }
    if spec.has_provisional() {
        keys.push((PROVISIONAL_KEY.into(), Key::Provisional));
    }
    if spec.has_small() {
        keys.push((SMALL_KEY.into(), Key::Small));
    }
    if keys.is_empty() {
        return Ok(y);
    }
    y += 4;
    let label = pen.font(1.0, false, palette::TEXT);
    let line = pen.line_h(1.0);
    let sw_w = line + 8;
    let room = w - 2 * PAD - sw_w - 6;
    let mut x = PAD;
    let mut row_h = line;
    for (name, key) in &keys {
        let lines = pen.wrap(name, &label, room);
        let text_w = lines
            .iter()
            .map(|l| pen.width(l, &label))
            .max()
            .unwrap_or(0);
        let entry_w = sw_w + 6 + text_w + 14;
        if x > PAD && (x + entry_w - 14 > w - PAD || lines.len() > 1) {
            x = PAD;
            y += row_h + 2;
            row_h = line;
        }
        swatch(
            pen,
            spec,
            *key,
            Rect {
                x0: x,
                y0: y + 2,
                x1: x + sw_w,
                y1: y + line - 4,
            },
        )?;
        for (k, l) in lines.iter().enumerate() {
            pen.text(
                l,
                &label,
                (x + sw_w + 6, y + k as i32 * line),
                HPos::Left,
                VPos::Top,
            )?;
        }
        row_h = row_h.max(lines.len() as i32 * line);
        x += entry_w;
    }
    Ok(y + row_h + 2)
}

/// The swatch of a legend entry, drawn as the marks it explains are drawn.
fn swatch<DB: DrawingBackend>(
    pen: &Pen<DB>,
    spec: &ChartSpec,
    key: Key,
    r: Rect,
) -> Result<(), ChartError> {
    let area = pen.area;
    let color: RGBColor = match key {
        Key::Series(i) => palette::series(i),
        _ if spec.series.len() == 1 => palette::series(0),
        _ => palette::AXIS,
    };
    let look = match key {
        Key::Series(_) => Look::Solid,
        Key::Provisional => Look::Provisional,
        Key::Small => Look::Small,
    };
    let mid = ((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
    if let Key::Series(i) = key {
        if spec.series[i].comparator && matches!(spec.kind, ChartKind::Trend | ChartKind::Bars) {
            let k = spec.series[..i].iter().filter(|x| x.comparator).count();
            let dash = super::marks::line::comparator_dash(k);
            if spec.kind == ChartKind::Bars {
                // As on the chart: a dashed tick across.
                let ends = vec![(mid.0, r.y0 - 2), (mid.0, r.y1 + 2)];
                area.draw(&DashedPathElement::new(
                    ends,
                    dash.min(4),
                    2,
                    color.stroke_width(3),
                ))?;
                return Ok(());
            }
            let ends = vec![(r.x0, mid.1), (r.x1, mid.1)];
            area.draw(&DashedPathElement::new(
                ends,
                dash,
                3,
                color.stroke_width(2),
            ))?;
            return dot(area, mid, 3, color, Look::Small);
        }
    }
    if spec.has_bars() {
        bar(area, r, color, look)?;
        return Ok(());
    }
    if matches!(spec.kind, ChartKind::Trend | ChartKind::Step) && look != Look::Small {
        let c = match look {
            Look::Solid => color,
            _ => palette::tint(color, palette::PROVISIONAL_TINT),
        };
        let ends = vec![(r.x0, mid.1), (r.x1, mid.1)];
        if look == Look::Solid {
            area.draw(&plotters::element::PathElement::new(
                ends,
                c.stroke_width(2),
            ))?;
        } else {
            area.draw(&DashedPathElement::new(ends, 5, 3, c.stroke_width(2)))?;
        }
        if spec.kind == ChartKind::Step {
            return Ok(());
        }
    }
    dot(area, mid, 4, color, look)
}
