//! The TypeScript declarations of the report and the catalogue (`www/types/report.d.ts`, which
//! `make wasm` puts in the package beside the element's hand-written `yj-lens.d.ts`, which
//! imports it) are generated from the Rust types with ts-rs. This test makes them again in
//! memory and fails while the committed file differs: `make types` (which sets
//! `YJLENS_WRITE_TYPES=1`) writes it. It lives outside `www/src`, the page's own code, which
//! names no id: the ids here come from the catalogue.

use ts_rs::TS;
use yjlens_core::catalogue::{
    Breakdown, BreakdownEntry, Catalogue, Choice, DecisionPoint, Entry, Family, Flag, GroupEntry,
    Lang, Measure, MeasureEntry, OutcomeEntry, PeriodType, PeriodTypeEntry, SettingChoices, Stage,
    StageEntry, Status, TierEntry, Unit, UnitEntry, UnitKind,
};
use yjlens_core::codes::{EthnicGroup, Tier};
use yjlens_core::comparators::compare::RowDetail;
use yjlens_core::comparators::{AreaKind, CompareRow, Comparison, Verdict};
use yjlens_core::extract::quality::{Conflict, Reason, UnknownCode};
use yjlens_core::extract::{ExtractDateSource, QualityReport, RejectedLine};
use yjlens_core::report::{
    CohortMethod, CustodyUnit, Figure, MeasureChecks, PopulationInfo, Report, Settings,
};

const PATH: &str = "www/types/report.d.ts";

/// One exported declaration, with its doc comment.
fn decl<T: TS>() -> String {
    let docs = T::docs()
        .map(|d| format!("{}\n", d.trim_end()))
        .unwrap_or_default();
    format!("{docs}export {}\n", T::decl())
}

fn section(title: &str) -> String {
    format!("\n// {title}\n\n")
}

/// The whole file.
fn declarations() -> String {
    let mut out = String::from(
        "// The report and the catalogue as the wasm core gives them: generated from the Rust types\n\
         // (src/report.rs, src/catalogue/) by tests/typescript.rs. Do not edit: `make types` writes\n\
         // it, and `cargo test` fails while it is stale. The element's API is in yj-lens.d.ts.\n",
    );
    out += &section("Ids of the catalogue (src/catalogue/)");
    for d in [
        decl::<Measure>(),
        decl::<Family>(),
        decl::<Stage>(),
        decl::<Breakdown>(),
        decl::<Unit>(),
        decl::<UnitKind>(),
        decl::<Flag>(),
        decl::<Status>(),
        decl::<PeriodType>(),
        decl::<Tier>(),
        decl::<EthnicGroup>(),
        decl::<Lang>(),
    ] {
        out += &d;
    }
    out += "/** A figure's `stage`: none, a stage, or a decision point `<later>_vs_<base>`. */\n";
    out += "export type StageCell = \"\" | Stage | `${Stage}_vs_${Stage}`;\n";
    out += &section("The report (src/report.rs)");
    for d in [
        decl::<Figure>(),
        decl::<Settings>(),
        decl::<CohortMethod>(),
        decl::<CustodyUnit>(),
        decl::<ExtractDateSource>(),
        decl::<QualityReport>(),
        decl::<Reason>(),
        decl::<RejectedLine>(),
        decl::<UnknownCode>(),
        decl::<Conflict>(),
        decl::<MeasureChecks>(),
        decl::<PopulationInfo>(),
        decl::<Report>(),
    ] {
        out += &d;
    }
    out += &section(
        "Comparators (src/comparators/): `report.comparison.comparison` once comparator files are loaded",
    );
    for d in [
        decl::<AreaKind>(),
        decl::<CompareRow>(),
        decl::<Verdict>(),
        decl::<RowDetail>(),
        decl::<Comparison>(),
    ] {
        out += &d;
    }
    out += &section("The catalogue (src/catalogue/mod.rs): what `catalogue(lang)` returns");
    for d in [
        decl::<Catalogue>(),
        decl::<Entry>(),
        decl::<MeasureEntry>(),
        decl::<StageEntry>(),
        decl::<DecisionPoint>(),
        decl::<BreakdownEntry>(),
        decl::<GroupEntry>(),
        decl::<OutcomeEntry>(),
        decl::<TierEntry>(),
        decl::<UnitEntry>(),
        decl::<PeriodTypeEntry>(),
        decl::<SettingChoices>(),
        decl::<Choice>(),
    ] {
        out += &d;
    }
    // Counts cross to the page as numbers (serde-wasm-bindgen's JSON-compatible serializer),
    // not as the `bigint` ts-rs gives 64-bit integers by default.
    out.replace("bigint", "number")
}

#[test]
fn committed_declarations_are_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join(PATH);
    let want = declarations();
    if std::env::var_os("YJLENS_WRITE_TYPES").is_some() {
        std::fs::write(&path, &want).expect("write the declarations");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{PATH} is stale: the Rust types of the report or the catalogue changed. Run `make types` \
         (YJLENS_WRITE_TYPES=1 cargo test --test typescript) and commit the file."
    );
}
