//! Population for comparator areas (`comparators.md`, "Comparator files" 2): ONS mid-year
//! estimates as the Nomis API writes CSV (`DATE, GEOGRAPHY_NAME, GEOGRAPHY_CODE, GENDER_NAME,
//! C_AGE_NAME, OBS_VALUE`, one row per single year of age), or the population file of
//! `input-formats.md` §3 with an `area` (and optional `area_code`) column. Either is rewritten
//! as a population file whose `service` is the area's key and read by the extract's own
//! population reader ([`read_population_from`]): ages 10–17 summed, totals ignored, rejected
//! rows counted by reason, years chosen as for our own rates.

use crate::codes::normalise;
use crate::extract::table::Table;
use crate::extract::Refusal;
use crate::measures::population::read_population_from;

use super::column;
use crate::comparators::{Area, AreaKind, ComparatorSet};

/// The count column's names (as `input-formats.md` §3).
pub const COUNT_NAMES: &[&str] = &["population", "count", "value", "observation", "persons"];

/// Whether a header is a Nomis CSV's.
pub fn is_nomis(headers: &[String]) -> bool {
    column(headers, &["GEOGRAPHY_NAME"]).is_some() && column(headers, &["OBS_VALUE"]).is_some()
}

/// Read a population of comparator areas into `set` (`name`: the file's name, the rates'
/// source).
pub fn read(table: &Table, name: &str, set: &mut ComparatorSet) -> Result<(), Refusal> {
    let h = &table.headers;
    // (area name, area code, [(new header, source column)]) of the rewritten file.
    let (area_col, code_col, keep): (usize, Option<usize>, Vec<(&str, usize)>) = if is_nomis(h) {
        let area = column(h, &["GEOGRAPHY_NAME"]).unwrap_or_default();
        let keep = [
            ("year", column(h, &["DATE_NAME", "DATE"])),
            ("sex", column(h, &["GENDER_NAME", "SEX_NAME"])),
            ("age", column(h, &["C_AGE_NAME", "AGE_NAME"])),
            ("population", column(h, &["OBS_VALUE"])),
        ]
        .into_iter()
        .filter_map(|(n, c)| c.map(|c| (n, c)))
        .collect();
        (area, column(h, &["GEOGRAPHY_CODE"]), keep)
    } else {
        let area = column(h, &["area", "area_name"]).unwrap_or_default();
        let code = column(h, &["area_code"]);
        let keep = h
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != area && Some(*i) != code)
            .map(|(i, name)| (name.as_str(), i))
            .collect();
        (area, code, keep)
    };
    // A sex column of totals only ("Total", "All persons") is no breakdown: left out, so its
    // rows are not ignored as totals.
    let sex_only_totals = |c: usize| {
        table.records.iter().all(|r| {
            let n = normalise(r.get(c).map(String::as_str).unwrap_or(""));
            n.is_empty() || n.starts_with("all") || n.starts_with("total") || n == "persons"
        })
    };
    let keep: Vec<(&str, usize)> = keep
        .into_iter()
        .filter(|(n, c)| *n != "sex" || !sex_only_totals(*c))
        .collect();
    // Nomis writes a row per measure (value and percent): only values are populations.
    let measure = column(h, &["MEASURES_NAME"]);
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = vec!["service"];
    header.extend(keep.iter().map(|(n, _)| *n));
    let _ = w.write_record(&header);
    for rec in &table.records {
        let at = |i: usize| rec.get(i).map(String::as_str).unwrap_or("").trim();
        if measure.is_some_and(|m| !at(m).is_empty() && normalise(at(m)) != "value") {
            continue;
        }
        let area = Area::new(at(area_col), code_col.map(at), AreaKind::Yjs);
        if !area.name.is_empty() && !set.population_areas.iter().any(|a| a.same_place(&area)) {
            set.population_areas.push(area.clone());
        }
        // Rows of one area share the key of the first name (or code) it was read under.
        let key = set
            .population_areas
            .iter()
            .find(|a| a.same_place(&area))
            .map_or_else(String::new, Area::key);
        let mut out = vec![key];
        out.extend(keep.iter().map(|(_, i)| at(*i).to_string()));
        let _ = w.write_record(&out);
    }
    let bytes = w.into_inner().unwrap_or_default();
    let read = read_population_from(&bytes, name)?;
    match &mut set.population {
        None => set.population = Some(read),
        Some(pop) => {
            pop.rows.extend(read.rows);
            pop.years.extend(read.years);
            pop.years.sort_unstable();
            pop.years.dedup();
            pop.warnings.extend(read.warnings);
            pop.rejected.extend(read.rejected);
            pop.has_ethnicity &= read.has_ethnicity;
            pop.has_sex &= read.has_sex;
            pop.has_age &= read.has_age;
            pop.has_year &= read.has_year;
        }
    }
    Ok(())
}
