//! Lays out a [`ChartSpec`] and draws it on any plotters drawing area: the frame (`frame.rs`)
//! first, then in the body the scales, the axes (`axes.rs`) and the marks (`marks/`), placed
//! here. Coordinates are logical pixels; the backend decides the resolution.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;

use super::axes;
use super::error::ChartError;
use super::frame::frame;
use super::marks::band::band;
use super::marks::bar::bar;
use super::marks::dot::dot;
use super::marks::label::{self, label, place, BarEnds, Placement};
use super::marks::line::{comparator_dash, comparator_line, line};
use super::marks::missing::missing;
use super::marks::step::step;
use super::marks::whisker::{self, whisker, Clearing};
use super::marks::Look;
use super::palette;
use super::pen::{Area, Pen, Rect};
use super::scale::Axis;
use super::spec::{ChartKind, ChartSpec, Series};

/// Fonts the host page uses (read from its computed style, so the chart follows the user's
/// text size on redraw).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartStyle {
    pub font_family: String,
    /// Base text size in px (labels); titles are drawn larger.
    pub font_size: f64,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            font_family: "sans-serif".into(),
            font_size: 12.0,
        }
    }
}

/// Draw the whole chart onto `area` (cleared to white first).
pub fn draw_chart<DB: DrawingBackend>(
    area: &Area<DB>,
    spec: &ChartSpec,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    let pen = Pen { area, style };
    let body = frame(&pen, spec)?;
    if body.h() < 40 || body.w() < 80 {
        return Ok(()); // too small to draw marks legibly; the table carries the figures
    }
    match spec.kind {
        ChartKind::Trend | ChartKind::Columns | ChartKind::Step => vertical(&pen, spec, body),
        ChartKind::Bars | ChartKind::Ratio | ChartKind::Dots => horizontal(&pen, spec, body),
    }
}

/// The value range of all series, intervals included.
fn value_range(spec: &ChartSpec) -> (f64, f64) {
    let all = spec.series.iter().flat_map(|s| {
        s.values
            .iter()
            .chain(s.low.iter())
            .chain(s.high.iter())
            .flatten()
            .copied()
    });
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in all.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    (
        spec.value_min.unwrap_or(lo.min(0.0)),
        spec.value_max.unwrap_or(hi),
    )
}

/// Periods (or months) along x, values up y: trend lines, columns, steps.
fn vertical<DB: DrawingBackend>(
    pen: &Pen<DB>,
    spec: &ChartSpec,
    body: Rect,
) -> Result<(), ChartError> {
    let area = pen.area;
    let (lo, hi) = value_range(spec);
    let axis = Axis::linear_with(lo, hi, (body.h() / 50).max(2) as usize, spec.whole_numbers);
    // Columns keep a line of headroom for a value label above the tallest one.
    let headroom = if spec.kind == ChartKind::Columns {
        pen.text_h(0.9) + 2 * label::PAD
    } else {
        4
    };
    let plot = Rect {
        x0: body.x0 + axes::tick_width(pen, &axis) + 8,
        y0: body.y0 + headroom,
        x1: body.x1 - 4,
        y1: body.y1 - axes::period_axis_height(pen, spec),
    };
    if plot.h() < 20 {
        return Ok(());
    }
    let n = spec.categories.len().max(1);
    let slot = plot.w() as f64 / n as f64;
    let x_of = |i: usize| plot.x0 + (slot * (i as f64 + 0.5)).round() as i32;
    let y_of = |v: f64| plot.y1 - (axis.fraction(v) * plot.h() as f64).round() as i32;

    axes::value_axis_left(pen, &axis, plot, &y_of)?;
    axes::period_axis(pen, spec, plot, &x_of, slot, (body.x0, body.x1))?;

    for (si, s) in spec.series.iter().enumerate() {
        let color = palette::series(si);
        match spec.kind {
            ChartKind::Columns => {
                columns(pen, spec, (si, s), plot, slot, body.y0, &axis, &y_of)?;
            }
            ChartKind::Step => {
                let steps: Vec<(i32, i32, i32)> = (0..s.values.len())
                    .filter_map(|i| {
                        let v = s.value(i)?;
                        let x0 = plot.x0 + (slot * i as f64).round() as i32;
                        let x1 = plot.x0 + (slot * (i + 1) as f64).round() as i32;
                        Some((x0, x1, y_of(v)))
                    })
                    .collect();
                step(area, &steps, color)?;
            }
            _ if s.comparator => {
                let k = spec.series[..si].iter().filter(|x| x.comparator).count();
                let points: Vec<Option<(i32, i32)>> = (0..s.values.len())
                    .map(|i| s.value(i).map(|v| (x_of(i), y_of(v))))
                    .collect();
                comparator_line(area, &points, comparator_dash(k), color)?;
                for p in points.iter().flatten() {
                    dot(area, *p, 3, color, Look::Small)?;
                }
                // The direct label: the comparator's name at its last point, on the side
                // with room.
                if let Some(&(x, y)) = points.iter().flatten().last() {
                    let font = pen.font(0.9, false, palette::TEXT);
                    let w = pen.width(&s.name, &font);
                    let (at, side) = if x + 8 + w <= body.x1 {
                        (x + 8, HPos::Left)
                    } else {
                        (x - 8, HPos::Right)
                    };
                    pen.text(&s.name, &font, (at, y), side, VPos::Center)?;
                }
            }
            _ => {
                if si == 0 {
                    let bounds: Vec<_> = (0..s.values.len())
                        .map(|i| s.interval(i).map(|(l, h)| (x_of(i), y_of(h), y_of(l))))
                        .collect();
                    band(area, &bounds, color)?;
                }
                let points: Vec<Option<(i32, i32)>> = (0..s.values.len())
                    .map(|i| s.value(i).map(|v| (x_of(i), y_of(v))))
                    .collect();
                line(area, &points, &|i| spec.is_provisional(i), color)?;
                for (i, p) in points.iter().enumerate() {
                    match p {
                        Some(p) => dot(area, *p, 4, color, Look::of(spec, s, i))?,
                        None => missing(
                            pen,
                            &spec.missing_marker,
                            (x_of(i), plot.y1 - 2),
                            (HPos::Center, VPos::Bottom),
                        )?,
                    }
                }
            }
        }
    }
    Ok(())
}

/// One series' columns, with whiskers and value labels (a label is left off only when it is
/// wider than its column's share of the period: the table carries the figure).
#[allow(clippy::too_many_arguments)]
fn columns<DB: DrawingBackend>(
    pen: &Pen<DB>,
    spec: &ChartSpec,
    (si, s): (usize, &Series),
    plot: Rect,
    slot: f64,
    top: i32,
    axis: &Axis,
    y_of: &dyn Fn(f64) -> i32,
) -> Result<(), ChartError> {
    let area = pen.area;
    let color = palette::series(si);
    let ns = spec.series.len().max(1);
    let group_w = slot * 0.75;
    let bw = group_w / ns as f64;
    let yb = y_of(0f64.max(axis.min));
    let font = pen.font(0.9, false, palette::TEXT);
    for i in 0..s.values.len() {
        let gx = plot.x0 as f64 + slot * i as f64 + (slot - group_w) / 2.0;
        let x0 = (gx + bw * si as f64).round() as i32;
        let x1 = (gx + bw * (si + 1) as f64).round() as i32 - 1;
        let cx = (x0 + x1) / 2;
        let whisker_px = s.interval(i).map(|(l, h)| (y_of(l), y_of(h)));
        let Some(v) = s.value(i) else {
            missing(
                pen,
                &spec.missing_marker,
                (cx, plot.y1 - 2),
                (HPos::Center, VPos::Bottom),
            )?;
            if let Some(w) = whisker_px {
                whisker(area, whisker::Axis::Y, w, cx, None)?;
            }
            continue;
        };
        let yv = y_of(v);
        let r = Rect {
            x0,
            y0: yv.min(yb),
            x1,
            y1: yv.max(yb),
        };
        let fill = bar(area, r, color, Look::of(spec, s, i))?;
        let text = s.label(i, spec.whole_numbers).unwrap_or_default();
        let tw = pen.width(&text, &font);
        let share = (slot / ns as f64) as i32;
        let placed = (!text.is_empty() && tw <= share - 2).then(|| {
            let ends = BarEnds {
                base: yb,
                end: yv,
                thickness: x1 - x0,
                whisker: whisker_px,
            };
            let limit = if yv <= yb { top } else { plot.y1 };
            place(ends, pen.text_h(0.9), tw + 4, limit)
        });
        if let Some(w) = whisker_px {
            whisker(area, whisker::Axis::Y, w, cx, clearing(placed, tw / 2 + 1))?;
        }
        if let Some(p) = placed {
            label(pen, whisker::Axis::Y, &text, p, cx, fill)?;
        }
    }
    Ok(())
}

/// The clearing a label inside its bar asks of the whisker (`half_across`: half the text's
/// extent across the value axis).
fn clearing(placed: Option<Placement>, half_across: i32) -> Option<Clearing> {
    placed.filter(|p| p.inside).map(|p| Clearing {
        along: p.span,
        half_across,
    })
}

/// A bar (or ratio dot) of a horizontal chart, laid out.
struct HBar {
    rect: Rect,
    mid: i32,
    value: Option<f64>,
    whisker: Option<(i32, i32)>,
    text: Option<String>,
    placed: Option<Placement>,
}

/// Groups down y, values along x: bars, or dots with whiskers on a log scale (ratios).
fn horizontal<DB: DrawingBackend>(
    pen: &Pen<DB>,
    spec: &ChartSpec,
    body: Rect,
) -> Result<(), ChartError> {
    let area = pen.area;
    let ratio = spec.kind == ChartKind::Ratio;
    let dotted = ratio || spec.kind == ChartKind::Dots;
    let axis = if ratio {
        // Only positive values can sit on a log scale; zero RRIs (no child of the group at
        // the stage) are shown as "0" at the axis' left end, never widening it.
        let positive = spec.series.iter().flat_map(|s| {
            s.values
                .iter()
                .chain(s.low.iter())
                .chain(s.high.iter())
                .flatten()
                .copied()
                .filter(|v| v.is_finite() && *v > 0.0)
        });
        let (lo, hi) = positive.fold((1.0f64, 1.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        Axis::log2(
            spec.value_min.filter(|v| *v > 0.0).unwrap_or(lo),
            spec.value_max.unwrap_or(hi),
        )
    } else {
        let (lo, hi) = value_range(spec);
        Axis::linear_with(lo, hi, (body.w() / 80).max(2) as usize, spec.whole_numbers)
    };
    let label_font = pen.font(1.0, false, palette::TEXT);
    let max_label = body.w() * 2 / 5;
    let y0 = body.y0;
    let y1 = body.y1 - pen.line_h(1.0) - 4;
    let n = spec.categories.len().max(1);
    let slot = (y1 - y0) as f64 / n as f64;
    let groups = axes::group_lines(pen, spec, max_label, slot);
    let cat_w = groups
        .iter()
        .flatten()
        .map(|l| pen.width(l, &label_font))
        .max()
        .unwrap_or(0);

    // Make room on the right for labels that go outside their bars: widen the margin by what
    // the farthest one needs (at most 45% of the body), and lay out again.
    let mut margin = 36;
    let (mut plot, mut bars) = (
        Rect {
            x0: 0,
            y0,
            x1: 0,
            y1,
        },
        Vec::new(),
    );
    for _ in 0..8 {
        plot = Rect {
            x0: body.x0 + cat_w + 10,
            y0,
            x1: body.x1 - margin,
            y1,
        };
        if plot.w() < 40 {
            return Ok(());
        }
        bars = layout_bars(pen, spec, &axis, plot, body, slot);
        let short = bars
            .iter()
            .flatten()
            .filter_map(|b| b.placed)
            .map(|p| p.short)
            .max()
            .unwrap_or(0);
        let cap = body.w() * 45 / 100;
        if short == 0 || margin >= cap {
            break;
        }
        // The plot shrinks with the margin, so the farthest label moves left too: a few
        // rounds settle it (each one closes most of the gap).
        margin = (margin + short + 2).min(cap);
    }

    let x_of = |v: f64| plot.x0 + (axis.fraction(v) * plot.w() as f64).round() as i32;
    axes::value_axis_below(pen, &axis, plot, &x_of)?;
    let base = if ratio { 1.0 } else { 0f64.max(axis.min) };
    // The reference line: 1 for ratios (no difference), 0 for bars.
    area.draw(&plotters::element::PathElement::new(
        vec![(x_of(base), plot.y0), (x_of(base), plot.y1)],
        palette::AXIS.stroke_width(if ratio { 2 } else { 1 }),
    ))?;
    let y_of = |i: usize| plot.y0 + (slot * (i as f64 + 0.5)).round() as i32;
    axes::group_axis(pen, &groups, plot, &y_of)?;

    let value_font = pen.font(0.9, false, palette::TEXT);
    for (si, row) in bars.iter().enumerate() {
        let s = &spec.series[si];
        let color = palette::series(si);
        // A comparator on bars: a dashed tick across the group at its value (each comparator
        // its own dash; the legend names it), drawn over the bars, never a bar of its own.
        if s.comparator && !dotted {
            let k = spec.series[..si].iter().filter(|x| x.comparator).count();
            for b in row {
                if let Some(v) = b.value {
                    let x = x_of(v);
                    area.draw(&plotters::element::DashedPathElement::new(
                        vec![(x, b.rect.y0 - 3), (x, b.rect.y1 + 3)],
                        comparator_dash(k),
                        3,
                        color.stroke_width(3),
                    ))?;
                }
            }
            continue;
        }
        for (i, b) in row.iter().enumerate() {
            let look = Look::of(spec, s, i);
            let mut fill = palette::WHITE;
            match b.value {
                Some(v) if ratio && v <= 0.0 => {
                    pen.text(
                        "0",
                        &value_font,
                        (plot.x0 + 4, b.mid),
                        HPos::Left,
                        VPos::Center,
                    )?;
                }
                Some(_) if !dotted => fill = bar(area, b.rect, color, look)?,
                Some(_) => {}
                // A dot plot's group has its dot in one series: "–" once, where it has none.
                None if spec.kind == ChartKind::Dots
                    && (si > 0 || spec.series.iter().any(|s| s.value(i).is_some())) => {}
                None => missing(
                    pen,
                    &spec.missing_marker,
                    (x_of(base) + 4, b.mid),
                    (HPos::Left, VPos::Center),
                )?,
            }
            if let Some(w) = b.whisker {
                let half = (pen.text_h(0.9) + 1) / 2;
                whisker(area, whisker::Axis::X, w, b.mid, clearing(b.placed, half))?;
            }
            if dotted {
                if let Some(v) = b.value.filter(|v| !ratio || *v > 0.0) {
                    dot(area, (x_of(v), b.mid), 5, color, look)?;
                }
            }
            if let (Some(text), Some(p)) = (&b.text, b.placed) {
                label(pen, whisker::Axis::X, text, p, b.mid, fill)?;
            }
        }
    }
    area.draw(&plotters::element::PathElement::new(
        vec![(plot.x0, plot.y1), (plot.x1, plot.y1)],
        palette::AXIS,
    ))?;
    Ok(())
}

/// Every bar of a horizontal chart laid out on `plot`: per series, per group.
fn layout_bars<DB: DrawingBackend>(
    pen: &Pen<DB>,
    spec: &ChartSpec,
    axis: &Axis,
    plot: Rect,
    body: Rect,
    slot: f64,
) -> Vec<Vec<HBar>> {
    let ratio = spec.kind == ChartKind::Ratio;
    // A dot plot's series share their group's line: one dot per group.
    let shared = spec.kind == ChartKind::Dots;
    let dotted = ratio || shared;
    let x_of = |v: f64| plot.x0 + (axis.fraction(v) * plot.w() as f64).round() as i32;
    let base = if ratio { 1.0 } else { 0f64.max(axis.min) };
    // Comparator series take no bar slot of their own (a tick across the group).
    let ns = if shared {
        1
    } else {
        spec.series.iter().filter(|s| !s.comparator).count().max(1)
    };
    let group_h = (slot * 0.7).min(22.0 * ns as f64);
    let bh = group_h / ns as f64;
    let font = pen.font(0.9, false, palette::TEXT);
    let text_h = pen.text_h(0.9);
    spec.series
        .iter()
        .enumerate()
        .map(|(si, s)| {
            (0..spec.categories.len())
                .map(|i| {
                    let cy = plot.y0 as f64 + slot * (i as f64 + 0.5);
                    let at = if shared {
                        0
                    } else {
                        spec.series[..si].iter().filter(|x| !x.comparator).count()
                    };
                    let (y0, y1) = if s.comparator && !dotted {
                        (
                            (cy - group_h / 2.0).round() as i32,
                            (cy + group_h / 2.0).round() as i32 - 1,
                        )
                    } else {
                        (
                            (cy - group_h / 2.0 + bh * at as f64).round() as i32,
                            (cy - group_h / 2.0 + bh * (at + 1) as f64).round() as i32 - 1,
                        )
                    };
                    let mid = (y0 + y1) / 2;
                    let value = s.value(i);
                    let marker = s.comparator && !dotted;
                    let whisker = s
                        .interval(i)
                        .filter(|_| !marker)
                        .map(|(l, h)| (x_of(l), x_of(h)));
                    // Bars always carry their value; ratio dots only the page's own label.
                    let text = match value {
                        Some(v) if dotted && (!ratio || v > 0.0) => {
                            s.given_label(i).map(str::to_string)
                        }
                        Some(_) if !dotted && !marker => s.label(i, spec.whole_numbers),
                        _ => None,
                    };
                    let (a, b) = match value {
                        Some(v) if !dotted => {
                            let (p, q) = (x_of(base), x_of(v));
                            (p.min(q), p.max(q).max(p.min(q) + 1))
                        }
                        Some(v) => (x_of(v) - 5, x_of(v) + 5),
                        None => (x_of(base), x_of(base)),
                    };
                    let placed = text.as_ref().map(|t| {
                        let negative = !dotted && value.is_some_and(|v| v < base);
                        let ends = BarEnds {
                            base: if negative { b } else { a },
                            end: if negative { a } else { b },
                            // A dot has no inside: its label always goes beyond the whisker.
                            thickness: if dotted { 0 } else { y1 - y0 },
                            whisker,
                        };
                        let limit = if negative { plot.x0 } else { body.x1 };
                        place(ends, pen.width(t, &font), text_h, limit)
                    });
                    HBar {
                        rect: Rect {
                            x0: a,
                            y0,
                            x1: b,
                            y1,
                        },
                        mid,
                        value,
                        whisker,
                        text,
                        placed,
                    }
                })
                .collect()
        })
        .collect()
}
