//! The wasm core in a real browser (headless Chromium via wasm-bindgen-test): the extract is
//! read and the chart is drawn by the same code the widget runs.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use yjlens_core::charts::{ChartKind, ChartSpec, Series};
use yjlens_core::extract::{read_extract, ReadOptions};

wasm_bindgen_test_configure!(run_in_browser);

const EXTRACT: &str = "child_id,offence_date,outcome_date,outcome,sex,ethnicity
A1,2023-01-05,2023-02-01,Youth Caution,Male,White
A1,2023-05-01,2023-06-01,Referral Order,Male,White
B2,2023-03-01,2023-03-20,Triage,Female,Black
";

#[wasm_bindgen_test]
fn the_extract_reads_in_wasm_as_it_does_natively() {
    let extract = read_extract(EXTRACT.as_bytes(), &ReadOptions::default()).unwrap();
    // Three data rows, all well-formed: 3 read = 3 used + 0 rejected + 0 duplicates.
    assert_eq!(extract.quality.rows_read, 3);
    assert_eq!(extract.quality.rows_used, 3);
    assert_eq!(extract.child_ids.len(), 2);
}

fn spec() -> ChartSpec {
    ChartSpec {
        kind: ChartKind::Trend,
        title: "Binary reoffending rate by quarterly cohort".into(),
        subtitle: "Jan–Mar 2023 to Jul–Sep 2023".into(),
        value_label: "Reoffenders (% of cohort)".into(),
        categories: vec![
            "Jan–Mar 2023".into(),
            "Apr–Jun 2023".into(),
            "Jul–Sep 2023".into(),
        ],
        series: vec![Series {
            name: "Binary rate".into(),
            values: vec![Some(22.2), Some(30.0), None],
            low: vec![Some(9.0), Some(15.0), None],
            high: vec![Some(45.2), Some(50.0), None],
            ..Series::default()
        }],
        provisional: vec![false, true, true],
        missing_marker: "–".into(),
        value_min: Some(0.0),
        value_max: None,
        footnote: "Definition: reoffending_binary_rate".into(),
        ..ChartSpec::default()
    }
}

#[wasm_bindgen_test]
fn a_chart_draws_on_a_hidpi_canvas() {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    let spec = serde_wasm_bindgen::to_value(&spec()).unwrap();
    yjlens::canvas::draw_chart(
        canvas.clone(),
        spec,
        400,
        300,
        2.0,
        "sans-serif".into(),
        12.0,
    )
    .unwrap();
    // Backing store is CSS size × devicePixelRatio: 400×300 at 2 → 800×600.
    assert_eq!((canvas.width(), canvas.height()), (800, 600));
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let data = ctx.get_image_data(0.0, 0.0, 800.0, 600.0).unwrap().data();
    // The background is white; the title, axes and line are dark: count non-white pixels.
    let inked = data
        .chunks(4)
        .filter(|p| p[0] < 200 || p[1] < 200 || p[2] < 200)
        .count();
    assert!(inked > 2_000, "only {inked} inked pixels");
}
