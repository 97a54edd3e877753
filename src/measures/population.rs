//! The 10–17 population file (`input-formats.md` §3): denominators by any subset of
//! ethnicity, sex, age (single year or band), year and service, plus a population count.
//! Rows are summed over ages 10–17 and over the breakdowns a measure does not need, never
//! over years; rows whose values are totals ("All", "Total", "All persons") are ignored.

use serde::{Deserialize, Serialize};

use crate::codes::{normalise, EthnicGroup, Sex};
use crate::extract::{Refusal, RefusalKind};

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
    /// Rows skipped, with why ("3 rows with an unrecognised ethnicity").
    pub warnings: Vec<String>,
    /// Where the population comes from, named in every rate's definition: a file name,
    /// "typed totals" or "synthetic sample population". A population belongs to its source.
    #[serde(default)]
    pub source: String,
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

fn parse_count(value: &str) -> Option<f64> {
    let cleaned: String = value
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_' | '\u{a0}'))
        .collect();
    cleaned
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
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
    let (
        mut bad_eth,
        mut bad_sex,
        mut bad_age,
        mut bad_year,
        mut bad_count,
        mut totals,
        mut out_of_range,
    ) = (0, 0, 0, 0, 0, 0, 0);
    'rows: for rec in &table.records {
        let get = |c: Option<usize>| c.map(|i| rec.get(i).map(String::as_str).unwrap_or(""));
        for v in [eth_col, sex_col, age_col, year_col, service_col]
            .into_iter()
            .filter_map(&get)
        {
            if is_total(v) {
                totals += 1;
                continue 'rows;
            }
        }
        let Some(count) = get(Some(count_col)).and_then(parse_count) else {
            bad_count += 1;
            continue;
        };
        let ethnicity = match get(eth_col) {
            None => None,
            Some(v) => match EthnicGroup::from_label(v.trim()) {
                Some(g) => Some(g),
                None => {
                    bad_eth += 1;
                    continue;
                }
            },
        };
        let sex = match get(sex_col) {
            None => None,
            Some(v) => match Sex::parse(v) {
                Some(s) => Some(s),
                None => {
                    bad_sex += 1;
                    continue;
                }
            },
        };
        let age = match get(age_col) {
            None => None,
            Some(v) => match parse_age(v) {
                Some((lo, hi)) if hi < 10 || lo > 17 => {
                    out_of_range += 1;
                    continue;
                }
                Some(a) => Some(a),
                None => {
                    bad_age += 1;
                    continue;
                }
            },
        };
        let year = match get(year_col) {
            None => None,
            Some(v) => match parse_year(v) {
                Some(y) => Some(y),
                None => {
                    bad_year += 1;
                    continue;
                }
            },
        };
        let service = get(service_col).map(normalise);
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
        (
            bad_count,
            "rows without a readable population count skipped",
        ),
        (bad_eth, "rows with an unrecognised ethnicity skipped"),
        (bad_sex, "rows with an unrecognised sex skipped"),
        (bad_age, "rows with an unreadable age skipped"),
        (bad_year, "rows with an unreadable year skipped"),
    ] {
        if n > 0 {
            pop.warnings.push(format!("population file: {n} {what}"));
        }
    }
    if pop.rows.is_empty() {
        return Err(Refusal {
            kind: RefusalKind::Empty,
            message: "The population file has no usable rows for ages 10–17.".into(),
        });
    }
    Ok(pop)
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
    fn refuses_without_count_column() {
        assert!(read_population(b"ethnicity,sex\nWhite,Male\n").is_err());
    }
}
