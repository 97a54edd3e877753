//! Colours: the Okabe–Ito colour-blind-safe palette, and the neutral tones of axes and text.

use plotters::style::RGBColor;

/// Okabe–Ito, in the order series take them (blue, orange, bluish green, vermillion, reddish
/// purple, sky blue, black).
pub const SERIES: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(213, 94, 0),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(0, 0, 0),
];

pub const TEXT: RGBColor = RGBColor(27, 27, 27);
pub const MUTED: RGBColor = RGBColor(80, 80, 80);
pub const GRID: RGBColor = RGBColor(222, 222, 222);
pub const AXIS: RGBColor = RGBColor(110, 110, 110);
pub const HATCH: RGBColor = RGBColor(150, 150, 150);

pub fn series(i: usize) -> RGBColor {
    SERIES[i % SERIES.len()]
}
