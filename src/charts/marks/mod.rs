//! The marks a chart is made of, one small module per mark: bars and columns ([`bar`]),
//! interval whiskers ([`whisker`]), trend lines ([`line`]), point markers ([`dot`]), step
//! lines ([`step`]), interval bands ([`band`]), value labels at a bar's end ([`label`]) and the
//! marker of a missing figure ([`missing`]). Each draws in logical pixels on a drawing area;
//! where marks go (scales, slots) is decided by `draw.rs`, and the frame around them (title,
//! legend, footnote) by `frame.rs`.

pub(crate) mod band;
pub(crate) mod bar;
pub(crate) mod dot;
pub(crate) mod label;
pub(crate) mod line;
pub(crate) mod missing;
pub(crate) mod step;
pub(crate) mod whisker;

use super::spec::{ChartSpec, Series};

/// How a value's mark is drawn: a final figure solid; a provisional one (tracking incomplete)
/// lighter; one resting on fewer than 10 children hollow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Look {
    Solid,
    Provisional,
    Small,
}

impl Look {
    /// The look of value `i` of `series` (fewer than 10 wins over provisional: it is the
    /// stronger caution, and both are labelled in the legend).
    pub fn of(spec: &ChartSpec, series: &Series, i: usize) -> Look {
        if series.is_small(i) {
            Look::Small
        } else if spec.is_provisional(i) {
            Look::Provisional
        } else {
            Look::Solid
        }
    }
}
