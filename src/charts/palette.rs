//! Colours: the Okabe–Ito colour-blind-safe palette, the neutral tones of axes and text, the
//! lighter tints of provisional and small-number marks, and the text colour that reads on a
//! given fill.

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
pub const WHITE: RGBColor = RGBColor(255, 255, 255);

/// How much of the series colour a provisional mark keeps (the rest is white).
pub const PROVISIONAL_TINT: f64 = 0.45;
/// How much of the series colour the hatching of a small-number bar keeps.
pub const SMALL_HATCH_TINT: f64 = 0.55;

pub fn series(i: usize) -> RGBColor {
    SERIES[i % SERIES.len()]
}

/// `c` mixed with white: `amount` 1 is `c`, 0 is white. An opaque colour (not an alpha), so
/// the contrast of text drawn on it can be worked out.
pub fn tint(c: RGBColor, amount: f64) -> RGBColor {
    let mix = |v: u8| (f64::from(v) * amount + 255.0 * (1.0 - amount)).round() as u8;
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

/// WCAG relative luminance.
fn luminance(c: RGBColor) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
}

/// WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The text colour (white or near-black) that contrasts more with `fill`.
pub fn text_on(fill: RGBColor) -> RGBColor {
    if contrast(WHITE, fill) >= contrast(TEXT, fill) {
        WHITE
    } else {
        TEXT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_text_contrasts_with_its_bar() {
        // Okabe–Ito blue: white 5.0:1 against dark 3.8:1 → white. Orange: dark wins.
        assert_eq!(text_on(series(0)), WHITE);
        assert_eq!(text_on(series(1)), TEXT);
        assert_eq!(text_on(WHITE), TEXT);
        assert_eq!(tint(RGBColor(0, 0, 0), 0.5), RGBColor(128, 128, 128));
    }
}
