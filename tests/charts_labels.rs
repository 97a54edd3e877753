//! Native SVG tests of what a board reads off a chart (issue 10): the page's own value labels
//! at the bar's end (never the whisker's), both whisker caps, lightly drawn provisional
//! periods, the period axis labels the page chose, whole-number count axes, the "fewer than
//! 10" key, and nothing clipped on a 390 px phone. Each draws through `render_svg`, the path
//! the widget's SVG export takes (the canvas draws with the same code).

use std::collections::HashMap;

use yjlens_core::charts::{
    render_svg, ChartKind, ChartSpec, ChartStyle, EstimatedText, Series, PROVISIONAL_KEY, SMALL_KEY,
};

const BLUE: &str = "#0072B2"; // the first series (Okabe–Ito blue)
const DARK: &str = "#1B1B1B"; // whiskers and text
const AXIS: &str = "#6E6E6E"; // axis lines and period tick marks
const HATCH: &str = "#969696"; // the old heavy provisional hatching

/// One SVG element: its tag, attributes and (for text) body.
#[derive(Debug)]
struct El {
    tag: String,
    attrs: HashMap<String, String>,
    body: String,
}

impl El {
    fn get(&self, k: &str) -> &str {
        self.attrs.get(k).map(String::as_str).unwrap_or("")
    }
    fn num(&self, k: &str) -> f64 {
        self.get(k).parse().unwrap_or(f64::NAN)
    }
    fn points(&self) -> Vec<(f64, f64)> {
        self.get("points")
            .split_whitespace()
            .filter_map(|p| {
                let (x, y) = p.split_once(',')?;
                Some((x.parse().ok()?, y.parse().ok()?))
            })
            .collect()
    }
}

fn elements(svg: &str) -> Vec<El> {
    svg.split('<')
        .skip(1)
        .filter(|p| !p.starts_with('/') && !p.starts_with('?'))
        .map(|p| {
            let (head, rest) = p.split_once('>').unwrap_or((p, ""));
            let tag = head.split_whitespace().next().unwrap_or("").to_string();
            let mut attrs = HashMap::new();
            for part in head.split('"').collect::<Vec<_>>().chunks(2) {
                if let [k, v] = part {
                    let k = k.trim().trim_end_matches('=').split_whitespace().last();
                    if let Some(k) = k {
                        attrs.insert(k.to_string(), v.to_string());
                    }
                }
            }
            El {
                tag,
                attrs,
                body: rest.trim().to_string(),
            }
        })
        .collect()
}

fn texts(els: &[El]) -> Vec<&El> {
    els.iter().filter(|e| e.tag == "text").collect()
}

fn has_text(els: &[El], t: &str) -> bool {
    texts(els).iter().any(|e| e.body == t)
}

fn svg(spec: &ChartSpec, size: (u32, u32)) -> Vec<El> {
    let out = render_svg(spec, size, &ChartStyle::default(), EstimatedText).unwrap();
    elements(&out)
}

/// 23 of 80 = 28.75% (Wilson 95%: 19.9% to 39.4%); 1 of 20 = 5.0% (0.9% to 23.6%), a small
/// group; 40 of 100 = 40.0% (30.9% to 49.8%).
fn custody(labels: bool, small: bool) -> ChartSpec {
    ChartSpec {
        kind: ChartKind::Bars,
        title: "Custody is highest for Mixed children".into(),
        subtitle: "Apr 2024 to Mar 2025; n = 200 children".into(),
        value_label: "Children sentenced to custody (% of those sentenced)".into(),
        categories: vec!["White".into(), "Black".into(), "Mixed".into()],
        series: vec![Series {
            name: "Custody rate".into(),
            values: vec![Some(28.75), Some(5.0), Some(40.0)],
            low: vec![Some(19.9), Some(0.9), Some(30.9)],
            high: vec![Some(39.4), Some(23.6), Some(49.8)],
            labels: if labels {
                vec![
                    Some("28.8% (23 of 80)".into()),
                    Some("5.0% (1 of 20)".into()),
                    Some("40.0% (40 of 100)".into()),
                ]
            } else {
                vec![]
            },
            small: if small {
                vec![false, true, false]
            } else {
                vec![]
            },
            comparator: false,
        }],
        footnote:
            "Custody rate: children given a custodial sentence as a share of children sentenced."
                .into(),
        ..ChartSpec::default()
    }
}

/// The x of each whisker cap on the row at `y`: short vertical dark segments within 12 px of
/// it (a cap under an inside label is drawn as two stubs, above and below the text).
fn caps_at(els: &[El], y: f64) -> Vec<f64> {
    let mut xs: Vec<f64> = els
        .iter()
        .filter(|e| e.tag == "polyline" && e.get("stroke") == DARK)
        .map(|e| e.points())
        .filter(|p| p.len() == 2 && p[0].0 == p[1].0 && (p[0].1 - p[1].1).abs() <= 10.0)
        .filter(|p| (p[0].1 - y).abs() <= 12.0 && (p[1].1 - y).abs() <= 12.0)
        .map(|p| p[0].0)
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    xs
}

/// The filled bar rectangle whose rows contain `y`: its right end.
fn bar_end_at(els: &[El], y: f64) -> f64 {
    let r = els
        .iter()
        .find(|e| {
            e.tag == "rect"
                && e.get("fill") == BLUE
                && e.num("y") <= y
                && y <= e.num("y") + e.num("height")
        })
        .expect("a solid bar at the label's row");
    r.num("x") + r.num("width")
}

#[test]
fn the_pages_label_sits_inside_the_bars_end_not_at_the_whisker_end() {
    let els = svg(&custody(true, false), (640, 320));
    let label = texts(&els)
        .into_iter()
        .find(|t| t.body == "28.8% (23 of 80)")
        .expect("the page's label, drawn verbatim");
    let (x, y) = (label.num("x"), label.num("y"));
    let end = bar_end_at(&els, y);
    // Inside and right-aligned: the text ends 4 px before the bar's end, in white on blue.
    assert_eq!(label.get("text-anchor"), "end");
    assert!(
        (x - (end - 4.0)).abs() <= 1.0,
        "label at {x}, bar ends at {end}"
    );
    assert_eq!(label.get("fill"), "#FFFFFF");
    // Both caps of the interval are drawn, on the bar's row: 19.9 inside the bar, 39.4 past
    // it. On this 0–50 axis (about 480 px wide) 39.4 is ~102 px beyond 28.75 — the old code
    // put the label there, where it read as the interval's end.
    let caps = caps_at(&els, y);
    assert_eq!(caps.len(), 2, "two caps: {caps:?}");
    assert!(caps[0] < end && caps[1] > end + 60.0, "{caps:?} vs {end}");
    assert!((x - caps[1]).abs() > 60.0, "not at the whisker end");
    // No figure is formatted in Rust when the page gave its labels.
    assert!(!has_text(&els, "28.8") && !has_text(&els, "28.7"));
}

#[test]
fn a_label_that_does_not_fit_goes_beyond_the_whisker_and_both_caps_show() {
    let els = svg(&custody(true, true), (640, 320));
    let label = texts(&els)
        .into_iter()
        .find(|t| t.body == "5.0% (1 of 20)")
        .unwrap();
    // 5.0 on a 0–40 axis is ~60 px: too short for ~85 px of text, so it goes outside, after
    // the whisker's high cap (23.6) with 4 px of space, left-aligned, in dark text.
    let caps = caps_at(&els, label.num("y"));
    assert_eq!(caps.len(), 2, "{caps:?}");
    assert_eq!(label.get("text-anchor"), "start");
    assert!((label.num("x") - (caps[1] + 4.0)).abs() <= 1.0);
    assert_eq!(label.get("fill"), DARK);
}

#[test]
fn without_labels_values_round_half_away_from_zero() {
    let els = svg(&custody(false, false), (640, 320));
    // 28.75 → "28.8" (the table's rounding); `{:.1}` would print "28.7".
    assert!(has_text(&els, "28.8"), "{:?}", texts(&els));
    assert!(!has_text(&els, "28.7"));
}

#[test]
fn fewer_than_ten_is_hollow_and_keyed_in_the_legend() {
    let plain = svg(&custody(true, false), (640, 320));
    assert!(!has_text(&plain, SMALL_KEY));
    let els = svg(&custody(true, true), (640, 320));
    assert!(has_text(&els, SMALL_KEY));
    assert_eq!(SMALL_KEY, "fewer than 10: treat with caution");
    // The small bar (Black, 5.0) is an outline in the series colour over a white ground;
    // only the two other bars (and no legend swatch for series: one series) are solid.
    let outlines = els
        .iter()
        .filter(|e| e.tag == "rect" && e.get("fill") == "none" && e.get("stroke") == BLUE)
        .count();
    assert!(outlines >= 2, "the bar and its legend swatch are outlined");
    let solid = els
        .iter()
        .filter(|e| e.tag == "rect" && e.get("fill") == BLUE)
        .count();
    assert_eq!(solid, 2);
}

fn quarters(n: usize) -> Vec<String> {
    let q = ["Jan–Mar", "Apr–Jun", "Jul–Sep", "Oct–Dec"];
    (0..n)
        .map(|i| format!("{} {}", q[i % 4], 2022 + i / 4))
        .collect()
}

fn trend(n: usize) -> ChartSpec {
    ChartSpec {
        kind: ChartKind::Trend,
        title: "Reoffending fell to 30.8% in the year to Sep 2024".into(),
        subtitle: "Binary reoffending rate, quarterly cohorts; n = 412 children".into(),
        value_label: "Reoffenders (% of cohort)".into(),
        categories: quarters(n),
        series: vec![Series {
            name: "Binary rate".into(),
            values: (0..n).map(|i| Some(30.0 + (i % 3) as f64)).collect(),
            ..Series::default()
        }],
        provisional: (0..n).map(|i| i + 2 >= n).collect(),
        value_min: Some(0.0),
        ..ChartSpec::default()
    }
}

#[test]
fn provisional_periods_are_drawn_lightly_not_hatched() {
    let els = svg(&trend(6), (640, 320));
    assert!(has_text(&els, PROVISIONAL_KEY));
    // Points: the four final cohorts solid blue, the two provisional ones hollow (no fill)
    // in a lighter tint: 45% of blue (0, 114, 178) + 55% of white = (140, 192, 220) = #8CC0DC.
    let dots: Vec<&El> = els
        .iter()
        .filter(|e| e.tag == "circle" && e.num("r") == 4.0 && e.num("cx") > 60.0)
        .collect();
    let solid: Vec<f64> = dots
        .iter()
        .filter(|e| e.get("fill") == BLUE)
        .map(|e| e.num("cx"))
        .collect();
    let hollow: Vec<&&El> = dots.iter().filter(|e| e.get("fill") == "none").collect();
    assert_eq!(solid.len(), 4, "{dots:?}");
    assert_eq!(hollow.len(), 2);
    assert!(hollow.iter().all(|e| e.get("stroke") == "#8CC0DC"));
    // The solid line stops at the last final point; the segments into provisional points are
    // lighter (dashed: several short pieces), never a solid blue line.
    let last_final = solid.iter().cloned().fold(f64::MIN, f64::max);
    for e in els.iter().filter(|e| e.tag == "polyline") {
        if e.get("stroke") == BLUE {
            assert!(e.points().iter().all(|p| p.0 <= last_final), "{e:?}");
        }
    }
    let dashes = els
        .iter()
        .filter(|e| e.tag == "polyline" && e.get("stroke") == "#8CC0DC")
        .count();
    assert!(dashes >= 4, "dashed light segments: {dashes}");
    // And no heavy grey hatching over the plot.
    assert!(!els
        .iter()
        .any(|e| e.tag == "polyline" && e.get("stroke") == HATCH));
}

#[test]
fn the_pages_axis_labels_and_a_tick_for_every_period() {
    let mut spec = trend(11);
    // Every year, and always the latest period (Jul–Sep 2024).
    spec.axis_labels = (0..11)
        .map(|i| match i {
            0 => "2022".to_string(),
            4 => "2023".into(),
            8 => "2024".into(),
            10 => "Jul–Sep\n2024".into(),
            _ => String::new(),
        })
        .collect();
    for width in [390u32, 640] {
        let els = svg(&spec, (width, 320));
        for t in ["2022", "2023", "2024", "Jul–Sep"] {
            assert!(has_text(&els, t), "{t} at {width}");
        }
        assert!(!has_text(&els, "Jan–Mar 2022"), "categories are not drawn");
        // A tick mark (a 4 px vertical axis-grey segment) under each of the 11 periods.
        let ticks = els
            .iter()
            .filter(|e| e.tag == "polyline" && e.get("stroke") == AXIS)
            .map(|e| e.points())
            .filter(|p| p.len() == 2 && p[0].0 == p[1].0 && p[1].1 - p[0].1 == 4.0)
            .count();
        assert_eq!(ticks, 11, "at {width}");
    }
}

fn counts(whole: bool) -> ChartSpec {
    ChartSpec {
        kind: ChartKind::Columns,
        title: "First-time entrants stayed low".into(),
        value_label: "Children (count)".into(),
        categories: quarters(5),
        series: vec![Series {
            name: "First-time entrants".into(),
            values: vec![Some(0.0), Some(1.0), Some(2.0), Some(1.0), Some(2.0)],
            ..Series::default()
        }],
        whole_numbers: whole,
        ..ChartSpec::default()
    }
}

/// Value-axis tick labels: right-aligned numbers (left of a vertical chart's plot).
fn value_ticks(els: &[El]) -> Vec<String> {
    texts(els)
        .into_iter()
        .filter(|t| t.get("text-anchor") == "end" && t.body.parse::<f64>().is_ok())
        .map(|t| t.body.clone())
        .collect()
}

#[test]
fn count_axes_have_whole_number_ticks() {
    // 0..2 over a ~300 px plot asks for ~6 intervals: a step of 0.5 ("0.5 children") unless
    // the axis counts whole things, when the step is 1.
    let fractional = value_ticks(&svg(&counts(false), (640, 420)));
    assert!(fractional.iter().any(|t| t.contains('.')), "{fractional:?}");
    let whole = value_ticks(&svg(&counts(true), (640, 420)));
    assert_eq!(whole, vec!["0", "1", "2"]);
}

/// Every text's extent (estimated as the test measure does: 0.56 em a character; plotters'
/// SVG writes font-size as size / 1.24) lies inside the chart.
fn assert_nothing_clipped(els: &[El], (w, h): (f64, f64)) {
    for t in texts(els) {
        let size = t.num("font-size") * 1.24;
        let tw = t.body.chars().count() as f64 * size * 0.56;
        let x = t.num("x");
        let (l, r) = match t.get("text-anchor") {
            "end" => (x - tw, x),
            "middle" => (x - tw / 2.0, x + tw / 2.0),
            _ => (x, x + tw),
        };
        assert!(l >= -0.5 && r <= w + 0.5, "{:?} spans {l}..{r}", t.body);
        let y = t.num("y");
        assert!(y >= 0.0 && y + size <= h + 0.5, "{:?} at y {y}", t.body);
    }
}

#[test]
fn nothing_is_clipped_on_a_390_px_phone() {
    let long = |spec: &mut ChartSpec| {
        spec.title = "Reoffending by children in the Anytown Youth Justice Service fell to \
            30.8% in the year to September 2024"
            .into();
        spec.subtitle = "Binary reoffending rate, % of each quarterly cohort; Jan–Mar 2022 to \
            Jul–Sep 2024; n = 412 children; population from population-2024.csv (mid-2023)"
            .into();
        spec.value_label = "Children who reoffended within 12 months (% of the cohort)".into();
        spec.footnote = "Definition: a child in the cohort who committed a proven offence \
            within 12 months of the index event, proven within a further 6 months. \
            Source: the service's case management extract, produced 30/09/2025."
            .into();
    };
    let mut t = trend(11);
    long(&mut t);
    t.series[0].small = (0..11).map(|i| i == 3).collect();
    let mut b = custody(true, true);
    long(&mut b);
    b.categories[2] = "Mixed or multiple ethnic groups".into();
    for spec in [t, b] {
        let els = svg(&spec, (390, 560));
        assert_nothing_clipped(&els, (390.0, 560.0));
        assert!(has_text(&els, PROVISIONAL_KEY) || spec.kind == ChartKind::Bars);
        assert!(has_text(&els, SMALL_KEY));
    }
}

/// The SVG of `spec` drawn straight on plotters' SVG backend, as `render_svg` drew it before
/// charts were recorded once and replayed (issue 15: the wasm module compiled the layout twice).
fn drawn_straight(spec: &ChartSpec, size: (u32, u32)) -> String {
    use plotters::prelude::IntoDrawingArea;
    use yjlens_core::charts::{draw_chart, MeasuredBackend};
    let mut out = String::new();
    {
        let root = MeasuredBackend {
            inner: plotters_svg::SVGBackend::with_string(&mut out, size),
            measure: EstimatedText,
            size,
        }
        .into_drawing_area();
        draw_chart(&root, spec, &ChartStyle::default()).unwrap();
        root.present().unwrap();
    }
    out
}

#[test]
fn a_recorded_chart_replayed_on_svg_is_the_chart_drawn_straight_on_it() {
    // Every kind, with labels, whiskers, small numbers, provisional periods and gaps, at a
    // desktop and a phone width: byte for byte the same document.
    let mut ratio = custody(true, true);
    ratio.kind = ChartKind::Ratio;
    let mut dots = custody(false, false);
    dots.kind = ChartKind::Dots;
    let mut step = trend(12);
    step.kind = ChartKind::Step;
    step.categories = (1..=12).map(|m| m.to_string()).collect();
    let mut gaps = trend(6);
    gaps.series[0].values[2] = None;
    let specs = [
        custody(true, true),
        custody(false, false),
        ratio,
        dots,
        step,
        gaps,
        trend(12),
        counts(true),
        counts(false),
    ];
    for spec in &specs {
        for size in [(640, 320), (390, 420)] {
            let replayed = render_svg(spec, size, &ChartStyle::default(), EstimatedText).unwrap();
            assert_eq!(
                replayed,
                drawn_straight(spec, size),
                "{:?} at {size:?}",
                spec.kind
            );
            assert!(replayed.contains("<text"), "{:?} has words", spec.kind);
        }
    }
}
