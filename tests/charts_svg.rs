//! Native SVG tests of the chart drawing the widget relies on: the ratio (RRI) chart's log
//! axis, and x-axis labels that never overlap.

use yjlens_core::charts::draw::ChartStyle;
use yjlens_core::charts::{render_svg, ChartKind, ChartSpec, EstimatedText, Series};

fn spec(kind: ChartKind, categories: Vec<String>, values: Vec<Option<f64>>) -> ChartSpec {
    let n = values.len();
    ChartSpec {
        kind,
        title: "Title".into(),
        subtitle: "Period; n = 10".into(),
        value_label: "Value (unit)".into(),
        categories,
        series: vec![Series {
            name: "s".into(),
            values,
            low: vec![None; n],
            high: vec![None; n],
            ..Series::default()
        }],
        provisional: vec![],
        missing_marker: "–".into(),
        value_min: None,
        value_max: None,
        footnote: "Definition: x.".into(),
        ..ChartSpec::default()
    }
}

/// The text nodes of an SVG with their x positions (plotters writes `<text x=".." ..>label</text>`).
fn texts(svg: &str) -> Vec<(f64, String)> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let x = t.split("x=\"").nth(1)?.split('"').next()?.parse().ok()?;
            let body = t
                .split('>')
                .nth(1)?
                .split("</text")
                .next()?
                .trim()
                .to_string();
            Some((x, body))
        })
        .collect()
}

#[test]
fn ratio_axis_ignores_zero_rris_and_keeps_the_line_at_one() {
    let s = spec(
        ChartKind::Ratio,
        vec!["Black".into(), "Asian".into(), "Mixed".into()],
        vec![Some(2.2), Some(0.0), Some(0.6)],
    );
    let svg = render_svg(&s, (640, 300), &ChartStyle::default(), EstimatedText).unwrap();
    let labels: Vec<String> = texts(&svg).into_iter().map(|(_, t)| t).collect();
    assert!(labels.iter().any(|t| t == "0.5"), "{labels:?}");
    assert!(labels.iter().any(|t| t == "1"), "the line at 1 is labelled");
    assert!(labels.iter().any(|t| t == "4"));
    assert!(
        !labels.iter().any(|t| t == "0.016" || t == "0.031"),
        "zero does not stretch the log axis: {labels:?}"
    );
}

#[test]
fn period_labels_never_overlap_even_in_a_narrow_chart() {
    let cats: Vec<String> = (0..22)
        .map(|i| format!("Jul {} – Jun {}", 2019 + i / 4, 2020 + i / 4))
        .collect();
    let n = cats.len();
    let s = spec(
        ChartKind::Trend,
        cats.clone(),
        (0..n).map(|i| Some(i as f64)).collect(),
    );
    for width in [360u32, 520, 900] {
        let svg = render_svg(&s, (width, 320), &ChartStyle::default(), EstimatedText).unwrap();
        let style = ChartStyle::default();
        let w = |t: &str| t.chars().count() as f64 * style.font_size * 0.56;
        // Category labels, in drawing order, with their extents (anchor may be start/middle/end).
        let mut spans: Vec<(f64, f64)> = Vec::new();
        for part in svg.split("<text").skip(1) {
            let body = part
                .split('>')
                .nth(1)
                .unwrap_or("")
                .split("</text")
                .next()
                .unwrap_or("")
                .trim();
            if !cats.iter().any(|c| c == body) {
                continue;
            }
            let x: f64 = part
                .split("x=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let left = if part.contains("text-anchor=\"end\"") {
                x - w(body)
            } else if part.contains("text-anchor=\"middle\"") {
                x - w(body) / 2.0
            } else {
                x
            };
            spans.push((left, left + w(body)));
        }
        assert!(
            spans.len() >= 2,
            "at least two period labels at width {width}"
        );
        for pair in spans.windows(2) {
            assert!(
                pair[1].0 >= pair[0].1,
                "labels overlap at width {width}: {spans:?}"
            );
        }
    }
}

/// The Compare view's ranked dot plot: one dot per area on one line whatever its series, on a
/// linear axis from 0; only the page's own labels are written beside the dots.
#[test]
fn a_dot_plot_draws_one_dot_per_group_on_a_linear_axis() {
    let mut s = spec(
        ChartKind::Dots,
        vec!["Barnet".into(), "Camden (ours)".into(), "Kent".into()],
        vec![Some(0.5), None, Some(4.0)],
    );
    s.series.push(Series {
        name: "Ours".into(),
        values: vec![None, Some(1.2), None],
        labels: vec![None, Some("1.20 (8th of 24)".into()), None],
        ..Series::default()
    });
    let svg = render_svg(&s, (640, 300), &ChartStyle::default(), EstimatedText).unwrap();
    let labels: Vec<String> = texts(&svg).into_iter().map(|(_, t)| t).collect();
    assert!(labels.iter().any(|t| t == "1.20 (8th of 24)"), "{labels:?}");
    assert!(
        labels.iter().any(|t| t == "0"),
        "a linear axis from 0: {labels:?}"
    );
    assert!(
        !labels.iter().any(|t| t == "4.0" || t == "0.5"),
        "no labels but the page's: {labels:?}"
    );
    // Three dots in the plot (each a white ring and a fill) plus the legend's two swatches.
    let circles = svg.matches("<circle").count();
    assert_eq!(circles, 2 * 3 + 2 * 2, "{circles}");
}

/// A comparator on a trend chart: its name is written at its last point (a direct label, not
/// colour alone), its missing periods draw no marker, and the legend names it.
#[test]
fn a_comparator_line_is_labelled_at_its_end() {
    let mut s = spec(
        ChartKind::Trend,
        vec!["2022/23".into(), "2023/24".into(), "2024/25".into()],
        vec![Some(140.0), Some(120.0), Some(90.0)],
    );
    s.series.push(Series {
        name: "England and Wales".into(),
        values: vec![None, Some(106.0), None],
        comparator: true,
        ..Series::default()
    });
    let svg = render_svg(&s, (640, 320), &ChartStyle::default(), EstimatedText).unwrap();
    let labels: Vec<String> = texts(&svg).into_iter().map(|(_, t)| t).collect();
    // Once in the legend, once at its point.
    assert_eq!(
        labels.iter().filter(|t| *t == "England and Wales").count(),
        2,
        "{labels:?}"
    );
    // The comparator's two missing periods draw no "–".
    assert!(!labels.iter().any(|t| t == "–"), "{labels:?}");
}

/// A comparator on a bar breakdown is a marker across each group, not a bar of its own, and
/// only our bars carry value labels.
#[test]
fn a_comparator_on_bars_is_a_marker_not_a_bar() {
    let groups = vec!["White".into(), "Black".into()];
    let ours = spec(
        ChartKind::Bars,
        groups.clone(),
        vec![Some(72.7), Some(27.3)],
    );
    let mut with = ours.clone();
    with.series.push(Series {
        name: "London".into(),
        values: vec![Some(55.1), Some(44.9)],
        comparator: true,
        ..Series::default()
    });
    let render =
        |s: &ChartSpec| render_svg(s, (640, 300), &ChartStyle::default(), EstimatedText).unwrap();
    let (a, b) = (render(&ours), render(&with));
    let labels: Vec<String> = texts(&b).into_iter().map(|(_, t)| t).collect();
    assert!(
        labels.iter().any(|t| t == "72.7") && labels.iter().any(|t| t == "27.3"),
        "{labels:?}"
    );
    assert!(
        !labels.iter().any(|t| t == "55.1" || t == "44.9"),
        "no value labels for the marker: {labels:?}"
    );
    assert!(
        labels.iter().any(|t| t == "London"),
        "the legend names it: {labels:?}"
    );
    // No bar for the comparator: the one new rectangle is our series' legend swatch (the
    // legend appears with the second series; the comparator's swatch is a dashed tick).
    let rects = |svg: &str| svg.matches("<rect").count();
    assert_eq!(rects(&b), rects(&a) + 1);
}
