//! Lays out and draws a [`ChartSpec`] on any plotters drawing area: title, context line,
//! legend, value axis with its unit, the marks, and the definition footnote. Coordinates are
//! logical pixels; the backend decides the resolution.

use plotters::coord::Shift;
use plotters::element::{Circle, PathElement, Polygon, Rectangle};
use plotters::prelude::{DrawingArea, DrawingBackend, IntoFont, RGBColor, ShapeStyle, TextStyle};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontStyle};

use super::palette;
use super::scale::{tick_label, Axis};
use super::spec::{ChartKind, ChartSpec};

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

type Area<DB> = DrawingArea<DB, Shift>;

/// A rectangle in logical pixels.
#[derive(Clone, Copy, Debug)]
struct Rect {
    x0: i32,
    y0: i32,
    x1: i32,
    y1: i32,
}

impl Rect {
    fn w(&self) -> i32 {
        self.x1 - self.x0
    }
    fn h(&self) -> i32 {
        self.y1 - self.y0
    }
}

/// Text drawing and measuring in one place.
struct Pen<'a, DB: DrawingBackend> {
    area: &'a Area<DB>,
    style: &'a ChartStyle,
}

impl<DB: DrawingBackend> Pen<'_, DB> {
    fn font(&self, scale: f64, bold: bool, color: &'static RGBColor) -> TextStyle<'_> {
        let mut font = (
            self.style.font_family.as_str(),
            self.style.font_size * scale,
        )
            .into_font();
        if bold {
            font = font.style(FontStyle::Bold);
        }
        TextStyle::from(font).color(color)
    }

    fn width(&self, text: &str, style: &TextStyle) -> i32 {
        self.area
            .estimate_text_size(text, style)
            .map(|(w, _)| w as i32)
            .unwrap_or(0)
    }

    fn text(
        &self,
        text: &str,
        style: &TextStyle,
        pos: (i32, i32),
        h: HPos,
        v: VPos,
    ) -> Result<(), String> {
        let anchored = style.clone().pos(Pos::new(h, v));
        self.area
            .draw_text(text, &anchored, pos)
            .map_err(|e| e.to_string())
    }

    /// Word-wrap `text` to `width`, returning the lines.
    fn wrap(&self, text: &str, style: &TextStyle, width: i32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.width(&candidate, style) > width {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Shorten `text` with an ellipsis to fit `width`.
    fn fit(&self, text: &str, style: &TextStyle, width: i32) -> String {
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

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// Draw the whole chart onto `area` (cleared to white first).
pub fn draw_chart<DB: DrawingBackend>(
    area: &Area<DB>,
    spec: &ChartSpec,
    style: &ChartStyle,
) -> Result<(), String> {
    area.fill(&plotters::style::WHITE).map_err(err)?;
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let pen = Pen { area, style };
    let pad = 10;
    let line = (style.font_size * 1.4).round() as i32;
    let mut y = pad;

    // Title and context line, wrapped.
    let title = pen.font(1.3, true, &palette::TEXT);
    for l in pen.wrap(&spec.title, &title, w - 2 * pad) {
        pen.text(&l, &title, (pad, y), HPos::Left, VPos::Top)?;
        y += (style.font_size * 1.3 * 1.35).round() as i32;
    }
    let small = pen.font(1.0, false, &palette::MUTED);
    for l in pen.wrap(&spec.subtitle, &small, w - 2 * pad) {
        pen.text(&l, &small, (pad, y), HPos::Left, VPos::Top)?;
        y += line;
    }

    // Legend: one entry per series when there are several, and the hatching when used.
    let mut entries: Vec<(String, Option<usize>)> = Vec::new();
    if spec.series.len() > 1 {
        entries.extend(
            spec.series
                .iter()
                .enumerate()
                .map(|(i, s)| (s.name.clone(), Some(i))),
        );
    }
    if spec.has_provisional() {
        entries.push(("provisional: tracking incomplete".into(), None));
    }
    if !entries.is_empty() {
        y += 4;
        let label = pen.font(1.0, false, &palette::TEXT);
        let mut x = pad;
        for (name, series) in &entries {
            let tw = pen.width(name, &label) + line + 14;
            if x + tw > w - pad && x > pad {
                x = pad;
                y += line + 2;
            }
            let sw = Rect {
                x0: x,
                y0: y + 2,
                x1: x + line - 4,
                y1: y + line - 4,
            };
            match series {
                Some(i) => fill(area, sw, palette::series(*i))?,
                None => hatch(area, sw)?,
            }
            pen.text(name, &label, (x + line, y), HPos::Left, VPos::Top)?;
            x += tw;
        }
        y += line + 2;
    }

    // Footnote at the foot, wrapped.
    let foot = pen.font(0.9, false, &palette::MUTED);
    let foot_lines = pen.wrap(&spec.footnote, &foot, w - 2 * pad);
    let foot_h = foot_lines.len() as i32 * (style.font_size * 0.9 * 1.4).round() as i32;
    let mut fy = h - pad - foot_h;
    for l in &foot_lines {
        pen.text(l, &foot, (pad, fy), HPos::Left, VPos::Top)?;
        fy += (style.font_size * 0.9 * 1.4).round() as i32;
    }

    // The value axis title sits above the plot, left-aligned.
    y += 4;
    let axis_title = pen.font(1.0, true, &palette::TEXT);
    pen.text(
        &spec.value_label,
        &axis_title,
        (pad, y),
        HPos::Left,
        VPos::Top,
    )?;
    y += line + 4;

    let body = Rect {
        x0: pad,
        y0: y,
        x1: w - pad,
        y1: h - pad - foot_h - 6,
    };
    if body.h() < 40 || body.w() < 80 {
        return Ok(()); // too small to draw marks legibly; the table carries the figures
    }
    match spec.kind {
        ChartKind::Trend | ChartKind::Columns | ChartKind::Step => vertical(&pen, spec, body),
        ChartKind::Bars | ChartKind::Ratio => horizontal(&pen, spec, body),
    }
}

fn fill<DB: DrawingBackend>(area: &Area<DB>, r: Rect, color: RGBColor) -> Result<(), String> {
    area.draw(&Rectangle::new(
        [(r.x0, r.y0), (r.x1, r.y1)],
        color.filled(),
    ))
    .map_err(err)
}

/// Diagonal hatching inside `r` (provisional marks; never colour alone).
fn hatch<DB: DrawingBackend>(area: &Area<DB>, r: Rect) -> Result<(), String> {
    let style = ShapeStyle::from(&palette::HATCH).stroke_width(1);
    area.draw(&Rectangle::new([(r.x0, r.y0), (r.x1, r.y1)], style))
        .map_err(err)?;
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
            ))
            .map_err(err)?;
        }
        c += 6;
    }
    Ok(())
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
fn vertical<DB: DrawingBackend>(pen: &Pen<DB>, spec: &ChartSpec, body: Rect) -> Result<(), String> {
    let area = pen.area;
    let (lo, hi) = value_range(spec);
    let axis = Axis::linear(lo, hi, ((body.h() / 50).max(2)) as usize);
    let label = pen.font(1.0, false, &palette::TEXT);
    let tick_w = axis
        .ticks
        .iter()
        .map(|t| pen.width(&tick_label(*t), &label))
        .max()
        .unwrap_or(0);
    let n = spec.categories.len().max(1) as i32;
    let cat_w = spec
        .categories
        .iter()
        .map(|c| pen.width(c, &label))
        .max()
        .unwrap_or(0)
        + 10;
    let plot = Rect {
        x0: body.x0 + tick_w + 8,
        y0: body.y0 + 4,
        x1: body.x1 - 4,
        y1: body.y1 - (pen.style.font_size * 1.6) as i32,
    };
    let slot = plot.w() as f64 / n as f64;
    let x_of = |i: usize| plot.x0 + (slot * (i as f64 + 0.5)).round() as i32;
    let y_of = |v: f64| plot.y1 - (axis.fraction(v) * plot.h() as f64).round() as i32;

    // Provisional slots: hatched background, labelled once.
    for i in 0..spec.categories.len() {
        if spec.is_provisional(i) {
            let x0 = plot.x0 + (slot * i as f64).round() as i32;
            let x1 = plot.x0 + (slot * (i + 1) as f64).round() as i32;
            hatch(
                area,
                Rect {
                    x0: x0 + 1,
                    y0: plot.y0,
                    x1: x1 - 1,
                    y1: plot.y1,
                },
            )?;
        }
    }
    // Gridlines and value ticks.
    for t in &axis.ticks {
        let y = y_of(*t);
        area.draw(&PathElement::new(
            vec![(plot.x0, y), (plot.x1, y)],
            palette::GRID,
        ))
        .map_err(err)?;
        pen.text(
            &tick_label(*t),
            &label,
            (plot.x0 - 6, y),
            HPos::Right,
            VPos::Center,
        )?;
    }
    area.draw(&PathElement::new(
        vec![(plot.x0, plot.y1), (plot.x1, plot.y1)],
        palette::AXIS,
    ))
    .map_err(err)?;
    // Category labels, thinned so they never overlap (an edge label anchored inside the
    // plot is wider on one side, so each label also keeps clear of the last one drawn).
    let every = ((cat_w as f64 / slot).ceil() as usize).max(1);
    let mut last_right = i32::MIN;
    for (i, c) in spec.categories.iter().enumerate() {
        if i % every == 0 {
            // Keep the outermost labels inside the plot: anchor them at its edges.
            let tw = pen.width(c, &label);
            let half = tw / 2;
            let (x, anchor, left) = if x_of(i) + half > body.x1 {
                (body.x1, HPos::Right, body.x1 - tw)
            } else if x_of(i) - half < body.x0 {
                (body.x0, HPos::Left, body.x0)
            } else {
                (x_of(i), HPos::Center, x_of(i) - half)
            };
            if left < last_right.saturating_add(8) {
                continue;
            }
            pen.text(c, &label, (x, plot.y1 + 4), anchor, VPos::Top)?;
            last_right = left + tw;
        }
    }

    let ns = spec.series.len().max(1);
    for (si, s) in spec.series.iter().enumerate() {
        let color = palette::series(si);
        match spec.kind {
            ChartKind::Columns => {
                let group_w = slot * 0.75;
                let bw = group_w / ns as f64;
                for (i, v) in s.values.iter().enumerate() {
                    let gx = plot.x0 as f64 + slot * i as f64 + (slot - group_w) / 2.0;
                    let x0 = (gx + bw * si as f64).round() as i32;
                    let x1 = (gx + bw * (si + 1) as f64).round() as i32 - 1;
                    match v {
                        Some(v) => {
                            let r = Rect {
                                x0,
                                y0: y_of(*v),
                                x1,
                                y1: y_of(0f64.max(axis.min)),
                            };
                            fill(area, r, color)?;
                            if spec.is_provisional(i) {
                                hatch(area, r)?;
                            }
                        }
                        None => missing(pen, spec, ((x0 + x1) / 2, plot.y1))?,
                    }
                    whisker_v(area, s.low.get(i), s.high.get(i), (x0 + x1) / 2, &y_of)?;
                }
            }
            ChartKind::Step => {
                let mut path = Vec::new();
                for (i, v) in s.values.iter().enumerate() {
                    if let Some(v) = v {
                        let x0 = plot.x0 + (slot * i as f64).round() as i32;
                        let x1 = plot.x0 + (slot * (i + 1) as f64).round() as i32;
                        path.push((x0, y_of(*v)));
                        path.push((x1, y_of(*v)));
                    }
                }
                area.draw(&PathElement::new(path, color.stroke_width(2)))
                    .map_err(err)?;
            }
            _ => {
                if si == 0 {
                    band(area, s, &x_of, &y_of, color)?;
                }
                // Lines between consecutive known points; gaps where a value is missing.
                let mut run: Vec<(i32, i32)> = Vec::new();
                for (i, v) in s.values.iter().enumerate() {
                    match v {
                        Some(v) => run.push((x_of(i), y_of(*v))),
                        None => {
                            if run.len() > 1 {
                                area.draw(&PathElement::new(run.clone(), color.stroke_width(2)))
                                    .map_err(err)?;
                            }
                            run.clear();
                            missing(pen, spec, (x_of(i), plot.y1))?;
                        }
                    }
                }
                if run.len() > 1 {
                    area.draw(&PathElement::new(run, color.stroke_width(2)))
                        .map_err(err)?;
                }
                for (i, v) in s.values.iter().enumerate() {
                    if let Some(v) = v {
                        let p = (x_of(i), y_of(*v));
                        area.draw(&Circle::new(
                            p,
                            4,
                            ShapeStyle::from(&plotters::style::WHITE).filled(),
                        ))
                        .map_err(err)?;
                        // Provisional points hollow, final points solid.
                        let dot = if spec.is_provisional(i) {
                            color.stroke_width(2)
                        } else {
                            color.filled()
                        };
                        area.draw(&Circle::new(p, 4, dot)).map_err(err)?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// The first series' interval as a translucent band, broken where values are missing.
fn band<DB: DrawingBackend>(
    area: &Area<DB>,
    s: &super::spec::Series,
    x_of: &dyn Fn(usize) -> i32,
    y_of: &dyn Fn(f64) -> i32,
    color: RGBColor,
) -> Result<(), String> {
    let mut upper: Vec<(i32, i32)> = Vec::new();
    let mut lower: Vec<(i32, i32)> = Vec::new();
    let flush = |upper: &mut Vec<(i32, i32)>, lower: &mut Vec<(i32, i32)>| {
        if upper.len() > 1 {
            let mut poly = upper.clone();
            poly.extend(lower.iter().rev());
            area.draw(&Polygon::new(poly, color.mix(0.18).filled()))
                .map_err(err)?;
        }
        upper.clear();
        lower.clear();
        Ok::<(), String>(())
    };
    for i in 0..s.values.len() {
        match (
            s.low.get(i).copied().flatten(),
            s.high.get(i).copied().flatten(),
        ) {
            (Some(l), Some(h)) => {
                upper.push((x_of(i), y_of(h)));
                lower.push((x_of(i), y_of(l)));
            }
            _ => flush(&mut upper, &mut lower)?,
        }
    }
    flush(&mut upper, &mut lower)
}

fn whisker_v<DB: DrawingBackend>(
    area: &Area<DB>,
    low: Option<&Option<f64>>,
    high: Option<&Option<f64>>,
    x: i32,
    y_of: &dyn Fn(f64) -> i32,
) -> Result<(), String> {
    if let (Some(Some(l)), Some(Some(h))) = (low, high) {
        let (y0, y1) = (y_of(*l), y_of(*h));
        for seg in [
            vec![(x, y0), (x, y1)],
            vec![(x - 3, y0), (x + 3, y0)],
            vec![(x - 3, y1), (x + 3, y1)],
        ] {
            area.draw(&PathElement::new(seg, palette::TEXT))
                .map_err(err)?;
        }
    }
    Ok(())
}

/// The marker for a missing figure ("[c]" suppressed, "–" none), just above the axis.
fn missing<DB: DrawingBackend>(
    pen: &Pen<DB>,
    spec: &ChartSpec,
    at: (i32, i32),
) -> Result<(), String> {
    let style = pen.font(0.9, false, &palette::MUTED);
    pen.text(
        &spec.missing_marker,
        &style,
        (at.0, at.1 - 2),
        HPos::Center,
        VPos::Bottom,
    )
}

/// Groups down y, values along x: bars, or dots with whiskers on a log scale (ratios).
fn horizontal<DB: DrawingBackend>(
    pen: &Pen<DB>,
    spec: &ChartSpec,
    body: Rect,
) -> Result<(), String> {
    let area = pen.area;
    let label = pen.font(1.0, false, &palette::TEXT);
    let ratio = spec.kind == ChartKind::Ratio;
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
        Axis::linear(lo, hi, ((body.w() / 80).max(2)) as usize)
    };
    let max_label = body.w() * 2 / 5;
    let cat_w = spec
        .categories
        .iter()
        .map(|c| pen.width(c, &label).min(max_label))
        .max()
        .unwrap_or(0);
    let plot = Rect {
        x0: body.x0 + cat_w + 10,
        y0: body.y0,
        x1: body.x1 - 36,
        y1: body.y1 - (pen.style.font_size * 1.6) as i32,
    };
    let n = spec.categories.len().max(1);
    let slot = plot.h() as f64 / n as f64;
    let x_of = |v: f64| plot.x0 + (axis.fraction(v) * plot.w() as f64).round() as i32;
    for t in &axis.ticks {
        let x = x_of(*t);
        area.draw(&PathElement::new(
            vec![(x, plot.y0), (x, plot.y1)],
            palette::GRID,
        ))
        .map_err(err)?;
        pen.text(
            &tick_label(*t),
            &label,
            (x, plot.y1 + 4),
            HPos::Center,
            VPos::Top,
        )?;
    }
    let base = if ratio { 1.0 } else { 0f64.max(axis.min) };
    // The reference line: 1 for ratios (no difference), 0 for bars.
    area.draw(&PathElement::new(
        vec![(x_of(base), plot.y0), (x_of(base), plot.y1)],
        palette::AXIS.stroke_width(if ratio { 2 } else { 1 }),
    ))
    .map_err(err)?;
    let ns = spec.series.len().max(1);
    let value_font = pen.font(0.9, false, &palette::TEXT);
    for (i, c) in spec.categories.iter().enumerate() {
        let cy = plot.y0 + (slot * (i as f64 + 0.5)).round() as i32;
        let text = pen.fit(c, &label, max_label);
        pen.text(&text, &label, (plot.x0 - 8, cy), HPos::Right, VPos::Center)?;
        let group_h = (slot * 0.7).min(22.0 * ns as f64);
        let bh = group_h / ns as f64;
        for (si, s) in spec.series.iter().enumerate() {
            let color = palette::series(si);
            let y0 = (cy as f64 - group_h / 2.0 + bh * si as f64).round() as i32;
            let y1 = (cy as f64 - group_h / 2.0 + bh * (si + 1) as f64).round() as i32 - 1;
            let ym = (y0 + y1) / 2;
            let (low, high) = (
                s.low.get(i).copied().flatten(),
                s.high.get(i).copied().flatten(),
            );
            if let (Some(l), Some(h)) = (low, high) {
                let (x0, x1) = (x_of(l), x_of(h));
                for seg in [
                    vec![(x0, ym), (x1, ym)],
                    vec![(x0, ym - 3), (x0, ym + 3)],
                    vec![(x1, ym - 3), (x1, ym + 3)],
                ] {
                    area.draw(&PathElement::new(seg, palette::TEXT))
                        .map_err(err)?;
                }
            }
            match s.values.get(i).copied().flatten() {
                Some(v) if ratio && v <= 0.0 => {
                    pen.text(
                        "0",
                        &value_font,
                        (plot.x0 + 4, ym),
                        HPos::Left,
                        VPos::Center,
                    )?;
                }
                Some(v) if ratio => {
                    area.draw(&Circle::new((x_of(v), ym), 5, color.filled()))
                        .map_err(err)?;
                }
                Some(v) => {
                    let (a, b) = (x_of(base).min(x_of(v)), x_of(base).max(x_of(v)));
                    let r = Rect {
                        x0: a,
                        y0,
                        x1: b.max(a + 1),
                        y1,
                    };
                    fill(area, r, color)?;
                    if spec.is_provisional(i) {
                        hatch(area, r)?;
                    }
                    let end = high.map_or(b, |h| x_of(h).max(b));
                    pen.text(
                        &tick_label_value(v),
                        &value_font,
                        (end + 4, ym),
                        HPos::Left,
                        VPos::Center,
                    )?;
                }
                None => {
                    pen.text(
                        &spec.missing_marker,
                        &value_font,
                        (x_of(base) + 4, ym),
                        HPos::Left,
                        VPos::Center,
                    )?;
                }
            }
        }
    }
    area.draw(&PathElement::new(
        vec![(plot.x0, plot.y1), (plot.x1, plot.y1)],
        palette::AXIS,
    ))
    .map_err(err)?;
    Ok(())
}

/// A value printed at the end of its bar: one decimal place, half away from zero.
fn tick_label_value(v: f64) -> String {
    let r = (v * 10.0).abs().round() / 10.0 * v.signum();
    if (r - r.round()).abs() < 1e-9 {
        format!("{}", r.round() as i64)
    } else {
        format!("{r:.1}")
    }
}
