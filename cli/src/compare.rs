//! `yjlens compare`: our figures beside comparator areas' (`comparators.md`, "CLI"). The
//! comparator files (the published children table, populations, aggregate and headline
//! files; CSV or spreadsheets) make one set; `--json` writes one object per figure and area,
//! the readable text the latest period's figures with their ranks.

use std::collections::BTreeSet;

use clap::Args;

use yjlens_core::catalogue::messages::{fill, msg};
use yjlens_core::catalogue::{Breakdown, UnitKind};
use yjlens_core::comparators::compare::rank_sentence;
use yjlens_core::comparators::family::read_families;
use yjlens_core::comparators::sources::detect;
use yjlens_core::comparators::{
    compare, Area, AreaKind, AreaMap, ComparatorSet, CompareOptions, Comparison, Family,
    SourceKind, Verdict,
};
use yjlens_core::extract::MappingProfile;
use yjlens_core::measures::compute;
use yjlens_core::measures::population::{read_population_from, Population};
use yjlens_core::measures::stats::round_display;
use yjlens_core::publish::disclosure::{self, DisclosureSettings, MAX_K, MIN_K};

use crate::common::{read_file, whole_in, Compute, Failure, Input};

/// Our figures beside other areas' from comparator files, with ranks among YJSs
#[derive(Args)]
pub struct Compare {
    #[command(flatten)]
    input: Input,
    #[command(flatten)]
    compute: Compute,
    /// Comparator files: the published children table, a population of areas, aggregate or headline files (CSV, .xlsx, .ods or a zip)
    #[arg(long, value_name = "FILE", num_args = 1.., required = true)]
    comparators: Vec<String>,
    /// Our area's name (as the comparator files name it)
    #[arg(long, value_name = "NAME")]
    area: Option<String>,
    /// Our area's ONS code (wins over the name when a file has codes)
    #[arg(long = "area-code", value_name = "CODE")]
    area_code: Option<String>,
    /// A `family, area` file: our family's pooled figure and our rank within it
    #[arg(long, value_name = "FILE")]
    family: Option<String>,
    /// Suppress our counts below K first (3–10), as a published file would
    #[arg(long, value_name = "K", value_parser = whole_in(MIN_K, MAX_K), allow_negative_numbers = true)]
    suppress: Option<u32>,
    /// Write every compared figure as a JSON array (one object per figure and area)
    #[arg(long)]
    json: bool,
}

/// A path's last component.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// A file as CSV from its header row (a spreadsheet's table converted).
fn csv_of(path: &str) -> Result<Vec<u8>, Failure> {
    crate::sheets::as_csv(
        read_file(path)?,
        path,
        None,
        true,
        &MappingProfile::default(),
    )
}

impl Compare {
    pub fn run(self) -> Result<String, Failure> {
        let extract = self.input.read()?;
        let ours = match (&self.area, &self.area_code) {
            (None, None) => None,
            (name, code) => Some(Area::new(
                name.as_deref().or(code.as_deref()).unwrap_or_default(),
                code.as_deref(),
                AreaKind::Ours,
            )),
        };
        let profile = self.input.read_options()?.profile;
        // The analyst's choices for names that matched nothing, saved in the profile.
        let mut set = ComparatorSet {
            area_map: AreaMap::new(&profile.areas),
            ..ComparatorSet::default()
        };
        set.set_table_measures(&profile.comparator_measures);
        for path in &self.comparators {
            let bytes = csv_of(path)?;
            set.add_file(&bytes, file_name(path))?;
        }
        // The population: a population of areas joins the comparator set (and gives our
        // own rates our area's rows); a population of our area alone is ours.
        let mut our_population: Option<Population> = None;
        if let Some(path) = &self.compute.population {
            let bytes = csv_of(path)?;
            let headers = yjlens_core::extract::read_table(&bytes)?.headers;
            if detect(&headers) == Some(SourceKind::Population) {
                set.add_file(&bytes, file_name(path))?;
            } else {
                our_population = Some(read_population_from(&bytes, file_name(path))?);
            }
        }
        if our_population.is_none() {
            our_population = ours.as_ref().and_then(|a| set.population_for_area(a));
            if set.population.is_some() && our_population.is_none() {
                eprintln!("{}", msg("compare.ours_not_in_population"));
            }
        }
        // `--family FILE`, else the family saved in the mapping profile.
        let families = match (&self.family, &profile.family) {
            (Some(path), _) => read_families(&read_file(path)?)?,
            (None, Some(f)) => {
                let members: Vec<&str> = f.members.iter().map(String::as_str).collect();
                vec![Family::new(&f.name, &members)]
            }
            (None, None) => Vec::new(),
        };
        let family = families
            .iter()
            .find(|f| ours.as_ref().is_some_and(|o| f.contains(o)))
            .or(families.first());
        let mut report = compute(&extract, &self.compute.settings(), our_population.as_ref());
        if let Some(k) = self.suppress {
            let control = DisclosureSettings::new(k, false).map_err(|_| {
                Failure(fill(
                    msg("cli.error.suppress"),
                    &[("min", &MIN_K), ("max", &MAX_K)],
                ))
            })?;
            report.figures = disclosure::apply(report.figures, &control);
        }
        for (reason, n) in &set.rejected {
            eprintln!(
                "{}",
                fill(msg("compare.rejected"), &[("n", n), ("reason", reason)])
            );
        }
        let (without, unknown) = set.unmatched_population_areas();
        if !without.is_empty() {
            eprintln!(
                "{}",
                fill(
                    msg("compare.no_population"),
                    &[("areas", &without.join(", "))]
                )
            );
        }
        if !unknown.is_empty() {
            eprintln!(
                "{}",
                fill(
                    msg("compare.unknown_areas"),
                    &[("areas", &unknown.join(", "))]
                )
            );
        }
        if !without.is_empty() || !unknown.is_empty() {
            eprintln!("{}", msg("compare.map_hint"));
        }
        let comparison = compare(
            &report,
            &set,
            &CompareOptions {
                ours,
                family,
                our_population: our_population.as_ref(),
            },
        );
        if self.json {
            return Ok(serde_json::to_string_pretty(&comparison.rows)? + "\n");
        }
        Ok(text(&comparison))
    }
}

/// A value as shown: the unit's decimals.
fn shown(v: Option<f64>, d: &yjlens_core::comparators::compare::RowDetail) -> String {
    match (v, d.suppressed) {
        (_, true) => msg("compare.suppressed").to_string(),
        (Some(v), _) => round_display(v, d.unit.map_or(2, |u| u32::from(u.decimals()))),
        (None, _) => msg("compare.no_value").to_string(),
    }
}

/// The readable comparison: the latest period's rates and shares (not counts), each with our
/// value, our ranks, our published figure and every region, nation and family (with
/// higher/lower/similar).
fn text(c: &Comparison) -> String {
    let Some(latest) = c.rows.iter().map(|r| r.period_start).max() else {
        return msg("compare.none").to_string() + "\n";
    };
    let mut out = String::new();
    let mut seen = BTreeSet::new();
    let mut i = 0;
    while i < c.rows.len() {
        let ours = &c.rows[i];
        let end = (i + 1..c.rows.len())
            .find(|&j| c.rows[j].area_kind == AreaKind::Ours)
            .unwrap_or(c.rows.len());
        // The headline figures: the totals, and every figure ours is ranked on; none whose
        // every area has no value.
        let count = c.details[i]
            .unit
            .is_some_and(|u| u.kind() == UnitKind::Count);
        let headline = !count && (ours.breakdown == Breakdown::All || ours.rank.is_some());
        let any_value = c.rows[i..end].iter().any(|r| r.value.is_some());
        if ours.period_start == latest
            && headline
            && any_value
            && seen.insert((ours.measure, ours.stage, ours.breakdown, ours.group.clone()))
        {
            let d = &c.details[i];
            let group = if ours.group == "all" {
                msg("breakdown.all").to_string()
            } else {
                ours.group.clone()
            };
            let unit = d.unit.map_or("", |u| u.text());
            out.push_str(&fill(
                msg("compare.heading"),
                &[
                    ("measure", &msg(&format!("measure.{}", ours.measure.id()))),
                    (
                        "stage",
                        &match ours.stage.id() {
                            s if s.is_empty() => String::new(),
                            s => format!(" ({s})"),
                        },
                    ),
                    ("group", &group),
                    ("start", &ours.period_start),
                    ("end", &ours.period_end),
                    ("unit", &unit),
                ],
            ));
            out.push('\n');
            let mut ranks = Vec::new();
            if let (Some(r), Some(of)) = (ours.rank, ours.rank_of) {
                ranks.push(rank_sentence(r, of, None));
            }
            if let (Some(r), Some(of), Some(region)) =
                (ours.rank_region, ours.rank_region_of, &c.region)
            {
                ranks.push(rank_sentence(r, of, Some(region)));
            }
            if let (Some(r), Some(of), Some(family)) =
                (ours.rank_family, ours.rank_family_of, &c.family)
            {
                ranks.push(rank_sentence(r, of, Some(family)));
            }
            out.push_str(&format!("  {}: {}", ours.area, shown(ours.value, d)));
            if !ranks.is_empty() {
                out.push_str(&format!(" — {}", ranks.join("; ")));
            }
            out.push('\n');
            for j in i + 1..end {
                let r = &c.rows[j];
                let dj = &c.details[j];
                if r.area_kind == AreaKind::Yjs && !r.published_ours {
                    continue;
                }
                let mut line = format!("  {}: {}", r.area, shown(r.value, dj));
                if r.published_ours {
                    line.push_str(&format!(" ({})", msg("compare.published_ours")));
                }
                if let Some(v) = dj.verdict {
                    let id = match v {
                        Verdict::Higher => "compare.verdict.higher",
                        Verdict::Lower => "compare.verdict.lower",
                        Verdict::Similar => "compare.verdict.similar",
                    };
                    line.push_str(&format!(" — {}", msg(id)));
                }
                if let Some((with, of)) = dj.members {
                    line.push_str(&format!(
                        " ({})",
                        fill(msg("compare.members"), &[("with", &with), ("of", &of)])
                    ));
                }
                if let Some(note) = &dj.note {
                    line.push_str(&format!(" [{note}]"));
                }
                out.push_str(&line);
                out.push('\n');
            }
        }
        i = end;
    }
    if out.is_empty() {
        return msg("compare.none").to_string() + "\n";
    }
    out
}
