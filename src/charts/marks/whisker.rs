//! The one interval whisker of every chart: a dark line between the interval's ends with a
//! cap at each end, drawn on top of the bar so both ends are always visible. A label inside
//! the bar can ask for a gap in the line (never in the caps) so the line does not run through
//! its text.

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

/// A whisker from `a` to `b` along the value axis, at `at` across it; `gap` (along the value
/// axis) is left clear in the line.
pub(crate) fn whisker<DB: DrawingBackend>(
    area: &Area<DB>,
    axis: Axis,
    (a, b): (i32, i32),
    at: i32,
    gap: Option<(i32, i32)>,
) -> Result<(), ChartError> {
    let (lo, hi) = (a.min(b), a.max(b));
    let point = |along: i32, across: i32| match axis {
        Axis::X => (along, across),
        Axis::Y => (across, along),
    };
    let style = palette::TEXT.stroke_width(2);
    let mut runs = vec![(lo, hi)];
    if let Some((g0, g1)) = gap {
        let (g0, g1) = (g0.min(g1), g0.max(g1));
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
        area.draw(&PathElement::new(
            vec![point(end, at - CAP), point(end, at + CAP)],
            style,
        ))?;
    }
    Ok(())
}
