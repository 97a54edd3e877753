//! A value label at the end of its bar or column: inside the bar, aligned to its end, in a
//! colour that contrasts with the fill, when the text fits; just outside otherwise — beyond the
//! whisker's far end when the interval reaches past the bar, so the label never sits on the
//! whisker and never reads as the interval's end. The text is the page's own label when it gave
//! one ([`crate::charts::Series::label`]).

use plotters::prelude::{DrawingBackend, RGBColor};
use plotters::style::text_anchor::{HPos, VPos};

use super::super::error::ChartError;
use super::super::palette;
use super::super::pen::Pen;
use super::whisker::Axis;

/// Space between a label and the bar's end (or the whisker's cap), in px.
pub(crate) const PAD: i32 = 4;

/// A bar along its value axis, in px: from `base` to `end`, `thickness` across, with the
/// interval's ends (if any) along the same axis.
#[derive(Clone, Copy, Debug)]
pub(crate) struct BarEnds {
    pub base: i32,
    pub end: i32,
    pub thickness: i32,
    pub whisker: Option<(i32, i32)>,
}

/// Where a label goes: inside the bar or outside it, and the span it takes along the value
/// axis (low px, high px).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Placement {
    pub inside: bool,
    pub span: (i32, i32),
    /// The label is anchored at `span.1` (true) or `span.0` (false).
    pub at_high: bool,
    /// How many px the label outside the bar lacks before `limit` (0 when it fits): the
    /// layout widens its margin by this much and tries again.
    pub short: i32,
}

/// Place a label `along` px long (along the value axis) and `across` px thick on `bar`; an
/// outside label may reach as far as `limit` along the axis. Inside at the bar's end when the
/// text fits in the bar (a whisker cap under it is split around the text, see
/// [`super::whisker`]); otherwise outside, past the bar's end or past the whisker's far cap
/// when that reaches further, ending at `limit` at the latest.
pub(crate) fn place(bar: BarEnds, along: i32, across: i32, limit: i32) -> Placement {
    let dir = if bar.end >= bar.base { 1 } else { -1 };
    let sorted = |a: i32, b: i32| (a.min(b), a.max(b));
    if (bar.end - bar.base).abs() >= along + 2 * PAD && bar.thickness >= across {
        return Placement {
            inside: true,
            span: sorted(bar.end - dir * PAD, bar.end - dir * (PAD + along)),
            at_high: dir > 0,
            short: 0,
        };
    }
    let far = match bar.whisker {
        Some((a, b)) => {
            let w = if dir > 0 { a.max(b) } else { a.min(b) };
            if (w - bar.end) * dir > 0 {
                w
            } else {
                bar.end
            }
        }
        None => bar.end,
    };
    let mut edge = far + dir * PAD;
    let short = ((edge + dir * along - limit) * dir).max(0);
    if short > 0 {
        // No room before the limit: end the label at the limit (the table has the figure).
        edge = limit - dir * along;
    }
    Placement {
        inside: false,
        span: sorted(edge, edge + dir * along),
        at_high: dir < 0,
        short,
    }
}

/// Draw `text` at `placement`, centred at `across_at` across the value axis; `fill` is the
/// bar's colour behind an inside label.
pub(crate) fn label<DB: DrawingBackend>(
    pen: &Pen<DB>,
    axis: Axis,
    text: &str,
    placement: Placement,
    across_at: i32,
    fill: RGBColor,
) -> Result<(), ChartError> {
    let color = if placement.inside {
        palette::text_on(fill)
    } else {
        palette::TEXT
    };
    let style = pen.font(0.9, false, color);
    let along = if placement.at_high {
        placement.span.1
    } else {
        placement.span.0
    };
    match axis {
        Axis::X => {
            let h = if placement.at_high {
                HPos::Right
            } else {
                HPos::Left
            };
            pen.text(text, &style, (along, across_at), h, VPos::Center)
        }
        Axis::Y => {
            let v = if placement.at_high {
                VPos::Bottom
            } else {
                VPos::Top
            };
            pen.text(text, &style, (across_at, along), HPos::Center, v)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_at_the_end_when_it_fits() {
        // A bar from 100 to 387 px (287 px) takes a 97 px label: inside, ending 4 px before
        // the bar's end (383), whatever the whisker does.
        let bar = BarEnds {
            base: 100,
            end: 387,
            thickness: 22,
            whisker: Some((250, 494)),
        };
        let p = place(bar, 97, 11, 600);
        assert_eq!(
            p,
            Placement {
                inside: true,
                span: (286, 383),
                at_high: true,
                short: 0
            }
        );
        // The whisker's low cap at 300 falls under the text: still inside at the bar's end
        // (the whisker splits that cap around the text).
        let crossed = BarEnds {
            whisker: Some((300, 494)),
            ..bar
        };
        assert_eq!(place(crossed, 97, 11, 600), p);
    }

    #[test]
    fn outside_beyond_the_whisker_when_it_does_not() {
        // A 40 px bar cannot hold 97 px: the label starts 4 px past the whisker's cap (494).
        let bar = BarEnds {
            base: 100,
            end: 140,
            thickness: 22,
            whisker: Some((120, 494)),
        };
        let p = place(bar, 97, 11, 700);
        assert!(!p.inside);
        assert_eq!(p.span, (498, 595));
        // Without a whisker: just past the bar's end.
        let p = place(
            BarEnds {
                whisker: None,
                ..bar
            },
            97,
            11,
            700,
        );
        assert_eq!(p.span, (144, 241));
        // A column (values upwards, y down): base 300, top 290 — 10 px cannot hold an 11 px
        // label plus padding, so it goes above the whisker's top cap (260): 256 up to 245.
        let col = BarEnds {
            base: 300,
            end: 290,
            thickness: 30,
            whisker: Some((295, 260)),
        };
        let p = place(col, 11, 20, 0);
        assert_eq!((p.inside, p.span, p.at_high), (false, (245, 256), true));
    }
}
