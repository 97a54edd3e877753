//! The one interval whisker of every chart: a dark line between the interval's ends with a
//! cap at each end, drawn on top of the bar so both ends are always visible. A label inside
//! the bar asks for a clearing: the line stops either side of the text, and a cap that falls
//! under the text is drawn as two stubs just beyond it (above and below, or either side), so
//! the end stays visible without crossing a figure.

use plotters::element::PathElement;
use plotters::prelude::DrawingBackend;
use plotters::style::Color;

use super::super::error::ChartError;
use super::super::palette;
use super::super::pen::Area;

/// Which way the value axis runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Axis {
    /// Values along x (horizontal bars, ratio dots).
    X,
    /// Values along y (columns).
    Y,
}

/// Half the length of a cap, in px.
pub(crate) const CAP: i32 = 4;

/// Room a label inside the bar needs: its span along the value axis and half its extent
/// across it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Clearing {
    pub along: (i32, i32),
    pub half_across: i32,
}

/// A whisker from `a` to `b` along the value axis, at `at` across it, keeping clear of a
/// label's `clearing`.
pub(crate) fn whisker<DB: DrawingBackend>(
    area: &Area<DB>,
    axis: Axis,
    (a, b): (i32, i32),
    at: i32,
    clearing: Option<Clearing>,
) -> Result<(), ChartError> {
    let (lo, hi) = (a.min(b), a.max(b));
    let point = |along: i32, across: i32| match axis {
        Axis::X => (along, across),
        Axis::Y => (across, along),
    };
    let style = palette::TEXT.stroke_width(2);
    let mut runs = vec![(lo, hi)];
    if let Some(c) = clearing {
        let (g0, g1) = (c.along.0 - 2, c.along.1 + 2);
        if g1 > lo && g0 < hi {
            runs = vec![(lo, g0.max(lo)), (g1.min(hi), hi)];
        }
    }
    for (s, e) in runs {
        if e > s {
            area.draw(&PathElement::new(vec![point(s, at), point(e, at)], style))?;
        }
    }
    for end in [lo, hi] {
        match clearing {
            Some(c) if c.along.0 - 2 <= end && end <= c.along.1 + 2 => {
                // Under the text: a stub each side of it instead.
                let near = c.half_across + 1;
                let far = near.max(CAP) + 3;
                for (from, to) in [(at - far, at - near), (at + near, at + far)] {
                    area.draw(&PathElement::new(
                        vec![point(end, from), point(end, to)],
                        style,
                    ))?;
                }
            }
            _ => {
                area.draw(&PathElement::new(
                    vec![point(end, at - CAP), point(end, at + CAP)],
                    style,
                ))?;
            }
        }
    }
    Ok(())
}
