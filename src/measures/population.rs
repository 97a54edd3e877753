//! The 10–17 population file (`input-formats.md` §3): denominators by any subset of
//! ethnicity, sex, age (single year or band), year and service, plus a population count.
//! Rows are summed over ages 10–17 and over the breakdowns a measure does not need, never
//! over years; rows whose values are totals ("All", "Total", "All persons") are ignored.
//!
//! A population count is a whole number from 0 to [`MAX_COUNT`]. A row with any other count,
//! or with a value no code list reads, is rejected with a reason, counted like the extract's
//! rejections ([`Population::rejected`]); each rate whose denominator such a row could have
//! fed says so ([`Population::lost`], the "Denominator: …" sentence of its definition).

use serde::{Deserialize, Serialize};

use crate::catalogue::messages;
use crate::codes::{normalise, EthnicGroup, Sex};
use crate::extract::quality::{Reason, MAX_EXAMPLES};
use crate::extract::{Refusal, RefusalKind};

/// The largest population count read (10 million: more than any area's 10–17 population;
/// England's is about 5.5 million).
pub const MAX_COUNT: f64 = 10_000_000.0;

/// One usable row of a population file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PopulationRow {
    pub ethnicity: Option<EthnicGroup>,
    pub sex: Option<Sex>,
    /// Inclusive age range (a single year has `lo == hi`).
    pub age: Option<(u8, u8)>,
    pub year: Option<i32>,
    /// Normalised service name.
    pub service: Option<String>,
    pub count: f64,
}

/// Population counts read from a population file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Population {
    pub rows: Vec<PopulationRow>,
    pub has_ethnicity: bool,
    pub has_sex: bool,
    pub has_age: bool,
    pub has_year: bool,
    pub has_service: bool,
    /// Distinct years, ascending.
    pub years: Vec<i32>,
    /// Rows ignored or rejected, with why, for the report's notes ("population file: 3 total
    /// rows (All / Total) ignored", "population file: 1 row rejected: negative population
    /// count (e.g. data row 4: "-5000")").
    pub warnings: Vec<String>,
    /// Rows rejected, by reason, as the extract's rejections: `field` is `population`,
    /// `ethnicity`, `sex`, `age` or `year`; `examples` are data-row numbers (1 = the first
    /// row under the header; blank lines are not counted); `example_value` the first
    /// offending value. A rejected row is in no denominator.
    #[serde(default)]
    pub rejected: Vec<Reason>,
    /// Every rejected row, with what of it could be read: which denominators it may have
    /// belonged to ([`Population::lost`]).
    #[serde(default)]
    pub lost_rows: Vec<LostRow>,
    /// Where the population comes from, named in every rate's definition: a file name,
    /// "typed totals" or "synthetic sample population". A population belongs to its source.
    #[serde(default)]
    pub source: String,
}

/// A rejected row of a population file: the index of its reason in
/// [`Population::rejected`] and what of it was readable (`None`: unreadable, or the file has
/// no such column — the row may belong to any value).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LostRow {
    pub reason: usize,
    pub ethnicity: Option<EthnicGroup>,
    pub sex: Option<Sex>,
    pub age: Option<(u8, u8)>,
    pub year: Option<i32>,
    pub service: Option<String>,
}

/// The source named when a population is read without a label.
pub const UNNAMED_SOURCE: &str = "population file";

/// What a denominator is restricted to; `None` fields are summed over.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PopulationQuery<'a> {
    pub ethnicity: Option<EthnicGroup>,
    pub sex: Option<Sex>,
    /// An age band within 10–17, inclusive.
    pub ages: Option<(u8, u8)>,
    pub service: Option<&'a str>,
}

/// Which year a period's denominator comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearChoice {
    /// `None` when the file has no year column (one population for every period).
    pub year: Option<i32>,
    /// The period's own year was not in the file and another was used.
    pub substituted: bool,
}

fn is_total(value: &str) -> bool {
    let n = normalise(value);
    n.starts_with("all") || n.starts_with("total") || n == "persons" || n == "everyone"
}

fn numbers(value: &str) -> Vec<i64> {
    let mut out = Vec::new();
    let mut cur: Option<i64> = None;
    for ch in value.chars() {
        if let Some(d) = ch.to_digit(10) {
            cur = Some(
                cur.unwrap_or(0)
                    .saturating_mul(10)
                    .saturating_add(i64::from(d)),
            );
        } else if let Some(n) = cur.take() {
            out.push(n);
        }
    }
    out.extend(cur);
    out
}

/// "13", "Age 13", "10-14", "10 to 14", "15–17", "18+", "under 10".
fn parse_age(value: &str) -> Option<(u8, u8)> {
    let n = numbers(value);
    let lower = value.to_lowercase();
    let clamp = |v: i64| v.clamp(0, 200) as u8;
    match n.as_slice() {
        [a] if lower.contains('+') || lower.contains("over") || lower.contains("plus") => {
            Some((clamp(*a), 200))
        }
        [a] if lower.contains("under") => Some((0, clamp(*a - 1))),
        [a] => Some((clamp(*a), clamp(*a))),
        [a, b, ..] => Some((clamp(*a), clamp(*b))),
        [] => None,
    }
}

fn parse_year(value: &str) -> Option<i32> {
    numbers(value)
        .into_iter()
        .find(|n| (1900..=2200).contains(n))
        .map(|n| n as i32)
}

/// A population count: a whole number from 0 to [`MAX_COUNT`] ("12,345", "12 345", "250.0"
/// and "1.2e4" are read), else the reason the row is rejected.
fn parse_count(value: &str) -> Result<f64, &'static str> {
    let cleaned: String = value
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_' | '\u{a0}'))
        .collect();
    if cleaned.is_empty() {
        return Err("missing population count");
    }
    match cleaned.parse::<f64>() {
        Ok(v) if !v.is_finite() => Err("population count not a number"),
        Ok(v) if v < 0.0 => Err("negative population count"),
        Ok(v) if v > MAX_COUNT => Err("population count above 10,000,000"),
        Ok(v) if v.fract() != 0.0 => Err("population count not a whole number"),
        // -0 is 0.
        Ok(v) => Ok(v.abs()),
        Err(_) => Err("population count not a number"),
    }
}

/// Rejections by (reason, field), in the order first met, with the example rows.
#[derive(Default)]
struct Rejections {
    reasons: Vec<Reason>,
}

impl Rejections {
    /// Count data row `row` under `reason` in `field` (first offending `value` kept); the
    /// reason's index.
    fn add(&mut self, reason: &str, field: &str, row: u32, value: &str) -> usize {
        let i = match self
            .reasons
            .iter()
            .position(|r| r.reason == reason && r.field == field)
        {
            Some(i) => i,
            None => {
                self.reasons.push(Reason {
                    reason: reason.to_string(),
                    field: field.to_string(),
                    example_value: value.chars().take(40).collect(),
                    ..Reason::default()
                });
                self.reasons.len() - 1
            }
        };
        let r = &mut self.reasons[i];
        r.count += 1;
        if r.examples.len() < MAX_EXAMPLES {
            r.examples.push(row);
        }
        i
    }
}

/// "1 row", "2 rows".
fn rows(n: u64) -> String {
    if n == 1 {
        "1 row".to_string()
    } else {
        format!("{n} rows")
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Col {
    Ethnicity,
    Sex,
    Age,
    Year,
    Service,
    Count,
}

fn column_of(header: &str) -> Option<Col> {
    let n = normalise(header);
    let is = |names: &[&str]| names.iter().any(|s| normalise(s) == n);
    if is(&[
        "population",
        "count",
        "value",
        "observation",
        "observations",
        "persons",
        "obs value",
        "number",
        "total population",
    ]) {
        Some(Col::Count)
    } else if is(&[
        "ethnicity",
        "ethnic group",
        "ethnic origin",
        "ethnicity code",
        "ethnicity group",
    ]) {
        Some(Col::Ethnicity)
    } else if is(&["sex", "gender"]) {
        Some(Col::Sex)
    } else if is(&[
        "age",
        "age band",
        "age group",
        "age years",
        "single year of age",
    ]) {
        Some(Col::Age)
    } else if is(&[
        "year",
        "mid year",
        "mid-year",
        "date",
        "time period",
        "census year",
        "period",
    ]) {
        Some(Col::Year)
    } else if is(&[
        "service",
        "yjs",
        "yot",
        "youth justice service",
        "team",
        "local authority",
        "la",
        "area",
        "geography",
    ]) {
        Some(Col::Service)
    } else {
        None
    }
}

/// Read a population file whose source is not named (see [`read_population_from`]).
pub fn read_population(bytes: &[u8]) -> Result<Population, Refusal> {
    read_population_from(bytes, UNNAMED_SOURCE)
}

/// Read a population file; `source` names it in every rate's definition (a file name,
/// "typed totals", "synthetic sample population").
pub fn read_population_from(bytes: &[u8], source: &str) -> Result<Population, Refusal> {
    let table = crate::extract::read_table(bytes)?;
    let cols: Vec<Option<Col>> = table.headers.iter().map(|h| column_of(h)).collect();
    let find = |c: Col| cols.iter().position(|x| *x == Some(c));
    let Some(count_col) = find(Col::Count) else {
        return Err(Refusal {
            kind: RefusalKind::ColumnUnmapped {
                field: "population".into(),
                headers: table.headers.clone(),
            },
            message: "The population file has no population column (population, count, value, observation or persons).".into(),
        });
    };
    let (eth_col, sex_col, age_col, year_col, service_col) = (
        find(Col::Ethnicity),
        find(Col::Sex),
        find(Col::Age),
        find(Col::Year),
        find(Col::Service),
    );
    let mut pop = Population {
        has_ethnicity: eth_col.is_some(),
        has_sex: sex_col.is_some(),
        has_age: age_col.is_some(),
        has_year: year_col.is_some(),
        has_service: service_col.is_some(),
        source: source.trim().to_string(),
        ..Population::default()
    };
    let (mut totals, mut out_of_range) = (0u64, 0u64);
    let mut rejections = Rejections::default();
    for (i, rec) in table.records.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let get = |c: Option<usize>| c.map(|i| rec.get(i).map(String::as_str).unwrap_or(""));
        if [eth_col, sex_col, age_col, year_col, service_col]
            .into_iter()
            .filter_map(&get)
            .any(is_total)
        {
            totals += 1;
            continue;
        }
        // Every value read first: a rejected row keeps what could be read of it, to know
        // which denominators it may have belonged to.
        let ethnicity = get(eth_col).map(|v| EthnicGroup::from_label(v.trim()).ok_or(v));
        let sex = get(sex_col).map(|v| Sex::parse(v).ok_or(v));
        let age = get(age_col).map(|v| parse_age(v).ok_or(v));
        if let Some(Ok((lo, hi))) = age {
            if hi < 10 || lo > 17 {
                out_of_range += 1;
                continue;
            }
        }
        let year = get(year_col).map(|v| parse_year(v).ok_or(v));
        let service = get(service_col).map(normalise);
        let raw_count = get(Some(count_col)).unwrap_or("");
        let count = parse_count(raw_count);
        let failure = match (&count, ethnicity, sex, age, year) {
            (Err(why), ..) => Some((*why, "population", raw_count)),
            (_, Some(Err(v)), ..) => Some(("unrecognised ethnicity", "ethnicity", v)),
            (_, _, Some(Err(v)), ..) => Some(("unrecognised sex", "sex", v)),
            (_, _, _, Some(Err(v)), _) => Some(("unreadable age", "age", v)),
            (.., Some(Err(v))) => Some(("unreadable year", "year", v)),
            _ => None,
        };
        let ethnicity = ethnicity.and_then(Result::ok);
        let sex = sex.and_then(Result::ok);
        let age = age.and_then(Result::ok);
        let year = year.and_then(Result::ok);
        if let Some((why, field, value)) = failure {
            let reason = rejections.add(why, field, row, value.trim());
            pop.lost_rows.push(LostRow {
                reason,
                ethnicity,
                sex,
                age,
                year,
                service,
            });
            continue;
        }
        let Ok(count) = count else { continue };
        if let Some(y) = year {
            if !pop.years.contains(&y) {
                pop.years.push(y);
            }
        }
        pop.rows.push(PopulationRow {
            ethnicity,
            sex,
            age,
            year,
            service,
            count,
        });
    }
    pop.years.sort_unstable();
    for (n, what) in [
        (totals, "total rows (All / Total) ignored"),
        (out_of_range, "rows for ages outside 10–17 ignored"),
    ] {
        if n > 0 {
            pop.warnings.push(format!("population file: {n} {what}"));
        }
    }
    for r in &rejections.reasons {
        let example = match (r.examples.first(), r.example_value.as_str()) {
            (Some(row), "") => format!(" (e.g. data row {row})"),
            (Some(row), v) => format!(" (e.g. data row {row}: \"{v}\")"),
            (None, _) => String::new(),
        };
        pop.warnings.push(format!(
            "population file: {} rejected: {}{example}",
            rows(r.count),
            r.reason
        ));
    }
    pop.rejected = rejections.reasons;
    if pop.rows.is_empty() {
        return Err(Refusal {
            kind: RefusalKind::Empty,
            message: "The population file has no usable rows for ages 10–17.".into(),
        });
    }
    Ok(pop)
}

/// A value read from a rejected row rules it out of a denominator asking for another.
fn differs<T: PartialEq>(row: Option<T>, asked: Option<T>) -> bool {
    row.is_some() && asked.is_some() && row != asked
}

impl Population {
    /// The source as printed ("population file" when none was given).
    pub fn source_label(&self) -> &str {
        if self.source.trim().is_empty() {
            UNNAMED_SOURCE
        } else {
            self.source.trim()
        }
    }

    /// The year for a period starting in `start_year`: that year, else the nearest earlier,
    /// else the nearest later (both flagged as substituted).
    pub fn year_for(&self, start_year: i32) -> YearChoice {
        if !self.has_year || self.years.is_empty() {
            return YearChoice {
                year: None,
                substituted: false,
            };
        }
        if self.years.contains(&start_year) {
            return YearChoice {
                year: Some(start_year),
                substituted: false,
            };
        }
        let earlier = self.years.iter().rev().find(|y| **y < start_year);
        let year = earlier.or_else(|| self.years.iter().find(|y| **y > start_year));
        YearChoice {
            year: year.copied(),
            substituted: true,
        }
    }

    /// How many rejected rows could have belonged to the denominator [`Population::get`]
    /// gives for `year` and `q`, by reason (indices into [`Population::rejected`], ascending):
    /// a row counts unless a value read from it rules it out (another year, another group,
    /// ages outside the band asked for).
    pub fn lost(&self, year: Option<i32>, q: &PopulationQuery) -> Vec<(usize, u64)> {
        let service = q.service.map(normalise);
        let mut out: Vec<(usize, u64)> = Vec::new();
        for r in &self.lost_rows {
            if (self.has_year && differs(r.year, year))
                || differs(r.ethnicity, q.ethnicity)
                || differs(r.sex, q.sex)
                || differs(r.service.as_deref(), service.as_deref())
            {
                continue;
            }
            if let (Some((lo, hi)), Some((blo, bhi))) = (r.age, q.ages) {
                if hi < blo || lo > bhi {
                    continue;
                }
            }
            match out.iter_mut().find(|(i, _)| *i == r.reason) {
                Some((_, n)) => *n += 1,
                None => out.push((r.reason, 1)),
            }
        }
        out.sort_unstable();
        out
    }

    /// The words added to a "Denominator: …" sentence when rows of that denominator were
    /// rejected ("; 2 population rows rejected and left out (1 negative population count,
    /// 1 population count above 10,000,000)"), "" when none were. No full stop inside: the
    /// sentence is found by its first one.
    pub fn lost_words(&self, year: Option<i32>, q: &PopulationQuery) -> String {
        let lost = self.lost(year, q);
        if lost.is_empty() {
            return String::new();
        }
        let total: u64 = lost.iter().map(|(_, n)| n).sum();
        // Each reason in the language of the computation (its id: the English reason, snake
        // cased); a reason the tables lack is written as read.
        let reasons: Vec<String> = lost
            .iter()
            .map(|(i, n)| {
                let reason = &self.rejected[*i].reason;
                let id = format!("population.reason.{}", reason.replace([' ', ','], "_"));
                let words = messages::get(messages::current(), &id).unwrap_or(reason);
                format!("{n} {words}")
            })
            .collect();
        let template = messages::msg(if total == 1 {
            "figure.population.lost.one"
        } else {
            "figure.population.lost"
        });
        messages::fill(template, &[("n", &total), ("reasons", &reasons.join(", "))])
    }

    /// Rows rejected in all.
    pub fn rows_rejected(&self) -> u64 {
        self.rejected.iter().map(|r| r.count).sum()
    }

    /// The 10–17 population matching `q` in `year`, summed over everything `q` leaves open.
    /// `None` when the file cannot answer (it lacks a dimension `q` restricts, or its age
    /// rows do not split along the band asked for).
    pub fn get(&self, year: Option<i32>, q: &PopulationQuery) -> Option<f64> {
        if (q.ethnicity.is_some() && !self.has_ethnicity)
            || (q.sex.is_some() && !self.has_sex)
            || (q.ages.is_some() && !self.has_age)
            || (q.service.is_some() && !self.has_service)
        {
            return None;
        }
        let service = q.service.map(normalise);
        let mut sum = 0.0;
        for r in &self.rows {
            if self.has_year && r.year != year {
                continue;
            }
            if q.ethnicity.is_some() && r.ethnicity != q.ethnicity {
                continue;
            }
            if q.sex.is_some() && r.sex != q.sex {
                continue;
            }
            if service.is_some() && r.service != service {
                continue;
            }
            if let Some((lo, hi)) = r.age {
                // Only the part of the file within 10–17 counts.
                if lo < 10 || hi > 17 {
                    continue;
                }
                if let Some((blo, bhi)) = q.ages {
                    let inside = lo >= blo && hi <= bhi;
                    let outside = hi < blo || lo > bhi;
                    if !inside && !outside {
                        return None;
                    }
                    if outside {
                        continue;
                    }
                }
            }
            sum += r.count;
        }
        Some(sum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tidy_file_and_ignores_totals() {
        let csv = "Year,Ethnic group,Sex,Age,Population\n\
                   2021,White,Male,10,100\n\
                   2021,White,Female,10,90\n\
                   2021,Black,Male,15,40\n\
                   2021,All,All persons,All ages,99999\n\
                   2021,White,Male,9,1000\n\
                   2022,White,Male,10,110\n";
        let p = read_population(csv.as_bytes()).unwrap();
        assert_eq!(p.rows.len(), 4);
        assert_eq!(p.years, vec![2021, 2022]);
        let all = PopulationQuery::default();
        assert_eq!(p.get(Some(2021), &all), Some(230.0));
        let white = PopulationQuery {
            ethnicity: Some(EthnicGroup::White),
            ..Default::default()
        };
        assert_eq!(p.get(Some(2021), &white), Some(190.0));
        let older = PopulationQuery {
            ages: Some((15, 17)),
            ..Default::default()
        };
        assert_eq!(p.get(Some(2021), &older), Some(40.0));
        assert_eq!(
            p.get(
                Some(2021),
                &PopulationQuery {
                    service: Some("x"),
                    ..Default::default()
                }
            ),
            None
        );
        assert_eq!(
            p.year_for(2023),
            YearChoice {
                year: Some(2022),
                substituted: true
            }
        );
        assert_eq!(
            p.year_for(2019),
            YearChoice {
                year: Some(2021),
                substituted: true
            }
        );
        assert_eq!(
            p.year_for(2021),
            YearChoice {
                year: Some(2021),
                substituted: false
            }
        );
    }

    #[test]
    fn band_rows_cannot_split() {
        let csv = "age;count\n10-17;500\n";
        let p = read_population(csv.as_bytes()).unwrap();
        assert_eq!(p.get(None, &PopulationQuery::default()), Some(500.0));
        let q = PopulationQuery {
            ages: Some((10, 14)),
            ..Default::default()
        };
        assert_eq!(p.get(None, &q), None);
    }

    #[test]
    fn counts_are_whole_numbers_from_0_to_10_million() {
        for (v, want) in [
            ("12,345", Ok(12_345.0)),
            (" 12 345 ", Ok(12_345.0)),
            ("1.2e4", Ok(12_000.0)),
            ("+5", Ok(5.0)),
            ("-0", Ok(0.0)),
            ("10000000", Ok(10_000_000.0)),
            ("10000000.5", Err("population count above 10,000,000")),
            ("0.5", Err("population count not a whole number")),
            ("-1", Err("negative population count")),
            ("-inf", Err("population count not a number")),
            ("NaN", Err("population count not a number")),
            ("1e400", Err("population count not a number")),
            ("12k", Err("population count not a number")),
            ("", Err("missing population count")),
        ] {
            assert_eq!(parse_count(v), want, "{v:?}");
        }
    }

    #[test]
    fn refuses_without_count_column() {
        assert!(read_population(b"ethnicity,sex\nWhite,Male\n").is_err());
    }
}
