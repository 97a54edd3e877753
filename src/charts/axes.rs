//! Axes: the value axis (gridlines and tick labels, left of the plot or below it), the period
//! axis under vertical charts (a tick mark for every category, and either the page's
//! `axis_labels` or the categories thinned so they never overlap), and the group labels left
//! of horizontal charts (wrapped onto as many lines as their slot holds).

use plotters::element::PathElement;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};

use super::error::ChartError;
use super::palette;
use super::pen::{Pen, Rect};
use super::scale::{tick_label, Axis};
use super::spec::ChartSpec;

/// Gridlines across the plot and tick labels left of it (values up y).
pub(crate) fn value_axis_left<DB: DrawingBackend>(
    pen: &Pen<DB>,
    axis: &Axis,
    plot: Rect,
    y_of: &dyn Fn(f64) -> i32,
) -> Result<(), ChartError> {
    let label = pen.font(1.0, false, palette::TEXT);
    for t in &axis.ticks {
        let y = y_of(*t);
        pen.area.draw(&PathElement::new(
            vec![(plot.x0, y), (plot.x1, y)],
            palette::GRID,
        ))?;
        pen.text(
            &tick_label(*t),
            &label,
            (plot.x0 - 6, y),
            HPos::Right,
            VPos::Center,
        )?;
    }
    Ok(())
}

/// Gridlines down the plot and tick labels below it (values along x).
pub(crate) fn value_axis_below<DB: DrawingBackend>(
    pen: &Pen<DB>,
    axis: &Axis,
    plot: Rect,
    x_of: &dyn Fn(f64) -> i32,
) -> Result<(), ChartError> {
    let label = pen.font(1.0, false, palette::TEXT);
    for t in &axis.ticks {
        let x = x_of(*t);
        pen.area.draw(&PathElement::new(
            vec![(x, plot.y0), (x, plot.y1)],
            palette::GRID,
        ))?;
        pen.text(
            &tick_label(*t),
            &label,
            (x, plot.y1 + 4),
            HPos::Center,
            VPos::Top,
        )?;
    }
    Ok(())
}

/// The widest tick label of `axis`.
pub(crate) fn tick_width<DB: DrawingBackend>(pen: &Pen<DB>, axis: &Axis) -> i32 {
    let label = pen.font(1.0, false, palette::TEXT);
    axis.ticks
        .iter()
        .map(|t| pen.width(&tick_label(*t), &label))
        .max()
        .unwrap_or(0)
}

/// Length of a period tick mark below the axis line, in px.
const TICK: i32 = 4;

/// The text under category `i` of a period axis, split into lines ("Q1\n2024"); None when
/// the page gave axis labels and this one is blank.
fn period_text(spec: &ChartSpec, i: usize) -> Option<Vec<&str>> {
    let text = if spec.axis_labels.is_empty() {
        spec.categories.get(i)?.as_str()
    } else {
        spec.axis_labels.get(i)?.as_str()
    };
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    (!lines.is_empty()).then_some(lines)
}

/// The height the period axis needs below the plot.
pub(crate) fn period_axis_height<DB: DrawingBackend>(pen: &Pen<DB>, spec: &ChartSpec) -> i32 {
    let lines = (0..spec.categories.len())
        .filter_map(|i| period_text(spec, i).map(|l| l.len()))
        .max()
        .unwrap_or(1) as i32;
    TICK + 2 + lines * pen.line_h(1.0)
}

/// The period axis under a vertical chart: the axis line, a tick mark at every category and
/// the labels. With `axis_labels` the latest labelled period is placed first (it is always
/// shown), then the others from the left, each skipped only if it would overlap one already
/// placed; without, every `n`th category as wide labels need. Labels at the ends are anchored
/// inside `bounds` (left, right) so none is clipped.
pub(crate) fn period_axis<DB: DrawingBackend>(
    pen: &Pen<DB>,
    spec: &ChartSpec,
    plot: Rect,
    x_of: &dyn Fn(usize) -> i32,
    slot: f64,
    bounds: (i32, i32),
) -> Result<(), ChartError> {
    let area = pen.area;
    area.draw(&PathElement::new(
        vec![(plot.x0, plot.y1), (plot.x1, plot.y1)],
        palette::AXIS,
    ))?;
    let n = spec.categories.len();
    for i in 0..n {
        let x = x_of(i);
        area.draw(&PathElement::new(
            vec![(x, plot.y1), (x, plot.y1 + TICK)],
            palette::AXIS,
        ))?;
    }
    let label = pen.font(1.0, false, palette::TEXT);
    let line = pen.line_h(1.0);
    let order: Vec<usize> = if spec.axis_labels.is_empty() {
        let widest = (0..n)
            .filter_map(|i| period_text(spec, i))
            .flat_map(|ls| ls.into_iter().map(|l| pen.width(l, &label)))
            .max()
            .unwrap_or(0)
            + 10;
        let every = ((widest as f64 / slot).ceil() as usize).max(1);
        (0..n).step_by(every).collect()
    } else {
        let labelled: Vec<usize> = (0..n).filter(|i| period_text(spec, *i).is_some()).collect();
        match labelled.split_last() {
            Some((last, rest)) => std::iter::once(*last).chain(rest.iter().copied()).collect(),
            None => Vec::new(),
        }
    };
    let mut placed: Vec<(i32, i32)> = Vec::new();
    for i in order {
        let Some(lines) = period_text(spec, i) else {
            continue;
        };
        let tw = lines
            .iter()
            .map(|l| pen.width(l, &label))
            .max()
            .unwrap_or(0);
        let half = tw / 2;
        let (x, anchor, left) = if x_of(i) + half > bounds.1 {
            (bounds.1, HPos::Right, bounds.1 - tw)
        } else if x_of(i) - half < bounds.0 {
            (bounds.0, HPos::Left, bounds.0)
        } else {
            (x_of(i), HPos::Center, x_of(i) - half)
        };
        if placed
            .iter()
            .any(|(l, r)| left < r.saturating_add(8) && left + tw + 8 > *l)
        {
            continue;
        }
        for (k, l) in lines.iter().enumerate() {
            pen.text(
                l,
                &label,
                (x, plot.y1 + TICK + 2 + k as i32 * line),
                anchor,
                VPos::Top,
            )?;
        }
        placed.push((left, left + tw));
    }
    Ok(())
}

/// Each group's label wrapped to `max_w`, on at most as many lines as a slot of `slot` px
/// holds (the last line shortened with an ellipsis if the label is longer still).
pub(crate) fn group_lines<DB: DrawingBackend>(
    pen: &Pen<DB>,
    spec: &ChartSpec,
    max_w: i32,
    slot: f64,
) -> Vec<Vec<String>> {
    let label = pen.font(1.0, false, palette::TEXT);
    let room = ((slot / pen.line_h(1.0) as f64).floor() as usize).max(1);
    spec.categories
        .iter()
        .map(|c| {
            let mut lines = pen.wrap(c, &label, max_w);
            if lines.len() > room {
                let rest = lines.split_off(room - 1).join(" ");
                lines.push(pen.fit(&rest, &label, max_w));
            }
            lines
        })
        .collect()
}

/// The group labels left of a horizontal chart, right-aligned against the plot.
pub(crate) fn group_axis<DB: DrawingBackend>(
    pen: &Pen<DB>,
    lines: &[Vec<String>],
    plot: Rect,
    y_of: &dyn Fn(usize) -> i32,
) -> Result<(), ChartError> {
    let label = pen.font(1.0, false, palette::TEXT);
    let line = pen.line_h(1.0) as f64;
    for (i, ls) in lines.iter().enumerate() {
        let n = ls.len() as f64;
        for (k, l) in ls.iter().enumerate() {
            let y = y_of(i) + ((k as f64 - (n - 1.0) / 2.0) * line).round() as i32;
            pen.text(l, &label, (plot.x0 - 8, y), HPos::Right, VPos::Center)?;
        }
    }
    Ok(())
}
