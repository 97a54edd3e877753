//! The interventions extract and the board attendance file (`kpis.md`, "Inputs"): read with
//! the case-level extract's decoding, title lines, delimiter sniffing, identifier dropping,
//! date rules (plausible dates only, month-first columns as the profile confirms them) and
//! mapping profile, every row used or counted by reason in a [`QualityReport`] of its own.

mod board;
pub(crate) mod fields;
mod text;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::columns::{is_full_postcode, is_identifier_header, is_postcode_header};
use super::quality::{Reason, UnknownCode, MAX_EXAMPLES};
use super::{dates, is_plausible, system_today, Birth, ReadOptions, Refusal, RefusalKind};
use crate::codes::intervention::{parse_yes_no, EndReason, InterventionType, Setting};
use crate::codes::{normalise, Ethnicity, Sex};
use fields::FIELDS;

pub use board::{read_board, Board, BoardRow};

/// Y/N statuses at the end of an intervention: `None` = not recorded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statuses {
    pub accommodation_suitable: Option<bool>,
    pub ete_suitable: Option<bool>,
    pub send_need: Option<bool>,
    pub learning_plan: Option<bool>,
    pub mh_need: Option<bool>,
    pub mh_offered: Option<bool>,
    pub mh_attended: Option<bool>,
    pub sm_need: Option<bool>,
    pub sm_offered: Option<bool>,
    pub sm_attended: Option<bool>,
    pub early_help: Option<bool>,
    pub child_in_need: Option<bool>,
    pub child_protection: Option<bool>,
    pub looked_after: Option<bool>,
}

/// One kept row of the interventions extract.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Intervention {
    /// Spreadsheet line number.
    pub line: u32,
    /// Index into [`Interventions::child_ids`].
    pub child: u32,
    pub kind: InterventionType,
    pub start: NaiveDate,
    /// `None`: still open.
    pub end: Option<NaiveDate>,
    pub end_reason: Option<EndReason>,
    pub setting: Option<Setting>,
    pub statuses: Statuses,
    pub ete_hours_offered: Option<f64>,
    pub ete_hours_attended: Option<f64>,
    pub victims_consented: Option<u32>,
    pub victims_engaged: Option<u32>,
    pub birth: Birth,
    /// `None` when the file has no sex column (taken from the case-level extract).
    pub sex: Option<Sex>,
    pub ethnicity: Option<Ethnicity>,
    /// Index into [`Interventions::services`] (0 = none).
    pub service: u32,
}

/// A read interventions extract.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Interventions {
    pub rows: Vec<Intervention>,
    /// Pseudonymous ids, as the case-level extract's (joined on them). Never written out.
    pub child_ids: Vec<String>,
    /// Service names; entry 0 is "".
    pub services: Vec<String>,
    /// Which optional columns the file has (the case-level extract fills the others).
    pub has_birth: bool,
    pub has_sex: bool,
    pub has_ethnicity: bool,
    pub has_service: bool,
    pub quality: super::QualityReport,
}

// Reasons, in plain English (as the case-level extract's).
const MISSING_REQUIRED: &str = "missing required value";
const INVALID_DATE: &str = "invalid date";
const IMPLAUSIBLE_DATE: &str = "implausible date";
const END_BEFORE_START: &str = "end before start";
const FIELD_TOO_LONG: &str = "field too long";
const WRONG_FIELD_COUNT: &str = "wrong field count";
const UNKNOWN_TYPE: &str = "unknown intervention type";
const NOT_RECORDED_TEXT: &str = "unrecognised value (not recorded)";
const INVALID_NUMBER: &str = "invalid number (field left blank)";
const INVALID_OPTIONAL: &str = "invalid value (field left blank)";
const UNKNOWN_SEX: &str = "unknown sex code";
const UNKNOWN_ETHNICITY: &str = "unknown ethnicity code";
const MORE_ENGAGED: &str = "more victims engaged than consented (both left blank)";

/// Counts by (reason, field) in order of first occurrence.
#[derive(Default)]
pub(crate) struct Tally(pub Vec<Reason>);

impl Tally {
    pub(crate) fn add(&mut self, reason: &str, field: &str, line: u32, value: &str) {
        let i = match self
            .0
            .iter()
            .position(|r| r.reason == reason && r.field == field)
        {
            Some(i) => i,
            None => {
                self.0.push(Reason {
                    reason: reason.into(),
                    field: field.into(),
                    ..Reason::default()
                });
                self.0.len() - 1
            }
        };
        let r = &mut self.0[i];
        r.count += 1;
        if r.examples.len() < MAX_EXAMPLES {
            r.examples.push(line);
        }
        if r.example_value.is_empty() && !value.is_empty() {
            r.example_value = value.chars().take(60).collect();
        }
    }
}

/// Which column each field comes from, and the columns dropped or ignored.
pub(crate) struct Columns {
    pub cols: Vec<Option<usize>>,
    pub dropped: Vec<String>,
    pub ignored: Vec<String>,
    pub postcodes: Vec<usize>,
    pub month_first: Vec<bool>,
}

/// Map a header to `fields`: the profile's choices first, then names and synonyms; a required
/// field matched by nothing, or matched by two columns, refuses the file with one sentence.
pub(crate) fn map_columns(
    headers: &[String],
    fields: &[fields::IField],
    profile_columns: &BTreeMap<String, String>,
    month_first: &[String],
) -> Result<Columns, Refusal> {
    let identifiers: Vec<bool> = headers.iter().map(|h| is_identifier_header(h)).collect();
    let mut cols = vec![None; fields.len()];
    let mut claimed = vec![false; headers.len()];
    for (name, header) in profile_columns {
        let Some(f) = fields::field_of(fields, name) else {
            continue;
        };
        if let Some(i) = (0..headers.len())
            .find(|&i| !identifiers[i] && normalise(&headers[i]) == normalise(header))
        {
            cols[f] = Some(i);
            claimed[i] = true;
        }
    }
    let usable: Vec<String> = (0..headers.len())
        .filter(|&i| !identifiers[i] && !headers[i].is_empty())
        .map(|i| headers[i].clone())
        .collect();
    for (f, field) in fields.iter().enumerate() {
        if cols[f].is_some() {
            continue;
        }
        let matches: Vec<usize> = (0..headers.len())
            .filter(|&i| {
                !identifiers[i] && !claimed[i] && fields::field_of(fields, &headers[i]) == Some(f)
            })
            .collect();
        match matches.len() {
            0 if field.required => {
                return Err(Refusal {
                    kind: RefusalKind::ColumnUnmapped {
                        field: field.name.into(),
                        headers: usable,
                    },
                    message: crate::catalogue::messages::fill(
                        crate::catalogue::messages::msg("error.kpi.column_unmapped"),
                        &[("field", &field.name)],
                    ),
                })
            }
            0 => {}
            1 => cols[f] = Some(matches[0]),
            _ => {
                let names: Vec<String> = matches.iter().map(|&i| headers[i].clone()).collect();
                return Err(Refusal {
                    kind: RefusalKind::ColumnAmbiguous {
                        field: field.name.into(),
                        headers: names.clone(),
                    },
                    message: crate::catalogue::messages::fill(
                        crate::catalogue::messages::msg("error.kpi.column_ambiguous"),
                        &[
                            (
                                "columns",
                                &names
                                    .iter()
                                    .map(|h| format!("\"{h}\""))
                                    .collect::<Vec<_>>()
                                    .join(" and "),
                            ),
                            ("field", &field.name),
                        ],
                    ),
                });
            }
        }
    }
    let mut dropped = Vec::new();
    let mut ignored = Vec::new();
    let mut postcodes = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if identifiers[i] {
            dropped.push(h.clone());
        } else if !cols.contains(&Some(i)) {
            if is_postcode_header(h) {
                postcodes.push(i);
            } else if !h.is_empty() {
                ignored.push(h.clone());
            }
        }
    }
    let month_first = cols
        .iter()
        .map(|c| {
            c.is_some_and(|i| {
                month_first
                    .iter()
                    .any(|m| normalise(m) == normalise(&headers[i]))
            })
        })
        .collect();
    Ok(Columns {
        cols,
        dropped,
        ignored,
        postcodes,
        month_first,
    })
}

/// Refuse a file whose date column looks month-first (a value impossible day-first but valid
/// month-first, "12/31/2024") and is not confirmed as such in the profile, as the case-level
/// extract is refused: one sentence, and the columns to confirm (`RefusalKind::MonthFirst`).
/// A date of birth is named only when no other column looks month-first.
pub(crate) fn month_first_verdict(
    sheet: &text::Sheet,
    map: &Columns,
    date_fields: &[usize],
) -> Result<(), Refusal> {
    let mut looks: Vec<(usize, String)> = Vec::new();
    for &f in date_fields {
        let Some(c) = map.cols[f] else { continue };
        if map.month_first[f] {
            continue;
        }
        let example = sheet.records.iter().find_map(|(_, r)| {
            let v = r.get(c)?;
            let p = dates::parse(v.as_bytes(), false);
            (!v.is_empty() && !p.day_first_ok && p.month_first_ok).then(|| v.clone())
        });
        if let Some(e) = example {
            looks.push((c, e));
        }
    }
    let Some((c, example)) = looks.first().cloned() else {
        return Ok(());
    };
    let column = sheet.headers[c].clone();
    let columns: Vec<String> = looks
        .iter()
        .map(|(c, _)| sheet.headers[*c].clone())
        .collect();
    let shown = if date_fields.contains(&fields::DATE_OF_BIRTH)
        && map.cols[fields::DATE_OF_BIRTH] == Some(c)
    {
        String::new()
    } else {
        example.clone()
    };
    Err(Refusal {
        message: crate::catalogue::messages::fill(
            crate::catalogue::messages::msg("error.kpi.month_first"),
            &[("column", &column), ("example", &shown)],
        ),
        kind: RefusalKind::MonthFirst {
            column,
            example: shown,
            columns,
        },
    })
}

/// A date value: `Ok(None)` blank, `Err(reason)` invalid or implausible.
pub(crate) fn read_date(
    raw: &str,
    month_first: bool,
    today: Option<NaiveDate>,
) -> Result<Option<NaiveDate>, &'static str> {
    if raw.is_empty() {
        return Ok(None);
    }
    match dates::parse(raw.as_bytes(), month_first).date {
        None => Err(INVALID_DATE),
        Some(d) if !is_plausible(d, today) => Err(IMPLAUSIBLE_DATE),
        Some(d) => Ok(Some(d)),
    }
}

/// Read a whole interventions extract held in memory.
pub fn read_interventions(bytes: &[u8], options: &ReadOptions) -> Result<Interventions, Refusal> {
    let today = options.today.or_else(system_today);
    let profile = &options.profile;
    let mapped: Vec<String> = profile.intervention_columns.values().cloned().collect();
    let sheet = text::read_sheet(
        bytes,
        &FIELDS,
        &mapped,
        options.delimiter,
        crate::catalogue::messages::msg("error.kpi.interventions_file"),
    )?;
    let map = map_columns(
        &sheet.headers,
        &FIELDS,
        &profile.intervention_columns,
        &profile.month_first,
    )?;
    let col = |f: usize| map.cols[f];
    month_first_verdict(
        &sheet,
        &map,
        &[fields::START, fields::END, fields::DATE_OF_BIRTH],
    )?;
    let mut out = Interventions {
        services: vec![String::new()],
        has_birth: [fields::DATE_OF_BIRTH, fields::BIRTH_MONTH, fields::AGE]
            .iter()
            .any(|&f| col(f).is_some()),
        has_sex: col(fields::SEX).is_some(),
        has_ethnicity: col(fields::ETHNICITY).is_some(),
        has_service: col(fields::SERVICE).is_some(),
        ..Interventions::default()
    };
    let mut quality = super::QualityReport::default();
    let q = &mut quality;
    q.encoding = sheet.encoding.clone();
    q.delimiter = delimiter_name(sheet.delimiter);
    q.header_line = sheet.header_line;
    q.title_lines = sheet.title_lines;
    q.title_date = sheet.title_date.filter(|d| is_plausible(*d, today));
    q.dropped_columns = map.dropped.clone();
    q.ignored_columns = map.ignored.clone();
    q.columns = FIELDS
        .iter()
        .enumerate()
        .filter_map(|(f, field)| col(f).map(|i| (field.name.to_string(), sheet.headers[i].clone())))
        .collect();

    let profile_types: HashMap<String, InterventionType> = profile
        .intervention_types
        .iter()
        .filter_map(|(from, to)| InterventionType::from_profile(to).map(|t| (normalise(from), t)))
        .collect();
    let profile_sexes: HashMap<String, Sex> = profile
        .sexes
        .iter()
        .filter_map(|(from, to)| Sex::parse(to).map(|s| (normalise(from), s)))
        .collect();
    let mut rejected = Tally::default();
    let mut warnings = Tally::default();
    let mut unknown: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut children: HashMap<String, u32> = HashMap::new();
    let mut services: HashMap<String, u32> = HashMap::new();
    // Exact duplicates by a 128-bit hash of the record (the identifier columns aside).
    let mut seen: std::collections::HashSet<u128> = std::collections::HashSet::new();
    let dropped: Vec<bool> = sheet
        .headers
        .iter()
        .map(|h| map.dropped.contains(h))
        .collect();
    let mut postcode_full = vec![false; map.postcodes.len()];
    let width = sheet.headers.len();

    for (line, record) in &sheet.records {
        let line = *line;
        q.rows_read += 1;
        let mut reject = |reason: &str, field: &str, value: &str, q: &mut super::QualityReport| {
            rejected.add(reason, field, line, value);
            q.reject_line(line, reason, field);
        };
        if record.len() > width && record[width..].iter().any(|v| !v.is_empty()) {
            reject(WRONG_FIELD_COUNT, "", "", q);
            continue;
        }
        if record.iter().any(|v| v.len() > text::MAX_FIELD_BYTES) {
            reject(FIELD_TOO_LONG, "", "", q);
            continue;
        }
        let get = |f: usize| -> &str {
            col(f)
                .and_then(|i| record.get(i))
                .map_or("", String::as_str)
        };
        let child_raw = get(fields::CHILD_ID);
        if child_raw.is_empty() {
            reject(MISSING_REQUIRED, "child_id", "", q);
            continue;
        }
        let type_raw = get(fields::TYPE);
        if type_raw.is_empty() {
            reject(MISSING_REQUIRED, "intervention_type", "", q);
            continue;
        }
        let mf = |f: usize| map.month_first[f];
        let start = match read_date(get(fields::START), mf(fields::START), today) {
            Ok(Some(d)) => d,
            Ok(None) => {
                reject(MISSING_REQUIRED, "start_date", "", q);
                continue;
            }
            Err(reason) => {
                reject(reason, "start_date", get(fields::START), q);
                continue;
            }
        };
        let end = match read_date(get(fields::END), mf(fields::END), today) {
            Ok(d) => d,
            Err(reason) => {
                reject(reason, "end_date", get(fields::END), q);
                continue;
            }
        };
        if end.is_some_and(|e| e < start) {
            reject(END_BEFORE_START, "end_date", "", q);
            continue;
        }
        // Exact duplicates of a kept row (the identifier columns aside) are dropped.
        let mut hash = super::hash::RecordHash::new();
        for (i, v) in record.iter().enumerate() {
            if !dropped.get(i).copied().unwrap_or(false) {
                hash.field(v.as_bytes());
            }
        }
        if !seen.insert(hash.finish()) {
            q.duplicates += 1;
            continue;
        }
        for (k, &i) in map.postcodes.iter().enumerate() {
            if record
                .get(i)
                .is_some_and(|v| is_full_postcode(v.as_bytes()))
            {
                postcode_full[k] = true;
            }
        }

        let kind = match profile_types
            .get(&normalise(type_raw))
            .copied()
            .or_else(|| InterventionType::parse(type_raw))
        {
            Some(t) => t,
            None => {
                warnings.add(UNKNOWN_TYPE, "intervention_type", line, type_raw);
                *unknown
                    .entry(("intervention_type".into(), type_raw.to_string()))
                    .or_default() += 1;
                InterventionType::Unknown
            }
        };
        let mut yes_no = |f: usize| -> Option<bool> {
            let raw = get(f);
            match parse_yes_no(raw) {
                Some(v) => v,
                None => {
                    warnings.add(NOT_RECORDED_TEXT, FIELDS[f].name, line, raw);
                    None
                }
            }
        };
        let statuses = Statuses {
            accommodation_suitable: yes_no(fields::ACCOMMODATION),
            ete_suitable: yes_no(fields::ETE),
            send_need: yes_no(fields::SEND),
            learning_plan: yes_no(fields::PLAN),
            mh_need: yes_no(fields::MH_NEED),
            mh_offered: yes_no(fields::MH_OFFERED),
            mh_attended: yes_no(fields::MH_ATTENDED),
            sm_need: yes_no(fields::SM_NEED),
            sm_offered: yes_no(fields::SM_OFFERED),
            sm_attended: yes_no(fields::SM_ATTENDED),
            early_help: yes_no(fields::EARLY_HELP),
            child_in_need: yes_no(fields::CHILD_IN_NEED),
            child_protection: yes_no(fields::CHILD_PROTECTION),
            looked_after: yes_no(fields::LOOKED_AFTER),
        };
        let end_reason = match EndReason::parse(get(fields::END_REASON)) {
            Some(r) => r,
            None => {
                warnings.add(
                    NOT_RECORDED_TEXT,
                    "end_reason",
                    line,
                    get(fields::END_REASON),
                );
                None
            }
        };
        let setting = match Setting::parse(get(fields::SETTING)) {
            Some(s) => s,
            None => {
                warnings.add(
                    NOT_RECORDED_TEXT,
                    "setting_at_end",
                    line,
                    get(fields::SETTING),
                );
                None
            }
        };
        let mut number = |f: usize| -> Option<f64> {
            let raw = get(f);
            if raw.is_empty() {
                return None;
            }
            match raw.parse::<f64>() {
                Ok(v) if v.is_finite() && (0.0..=168.0).contains(&v) => Some(v),
                _ => {
                    warnings.add(INVALID_NUMBER, FIELDS[f].name, line, raw);
                    None
                }
            }
        };
        let ete_hours_offered = number(fields::ETE_HOURS_OFFERED);
        let ete_hours_attended = number(fields::ETE_HOURS_ATTENDED);
        let mut count = |f: usize| -> Option<u32> {
            let raw = get(f);
            if parse_yes_no(raw) == Some(None) && raw.parse::<u32>().is_err() {
                return None;
            }
            match raw.parse::<u32>() {
                Ok(v) if v <= 1000 => Some(v),
                _ => {
                    warnings.add(INVALID_NUMBER, FIELDS[f].name, line, raw);
                    None
                }
            }
        };
        let mut victims_consented = count(fields::VICTIMS_CONSENTED);
        let mut victims_engaged = count(fields::VICTIMS_ENGAGED);
        // More victims engaged than consented cannot be: both blanked (not recorded), warned.
        if let (Some(e), Some(c)) = (victims_engaged, victims_consented) {
            if e > c {
                warnings.add(
                    MORE_ENGAGED,
                    "victims_engaged",
                    line,
                    get(fields::VICTIMS_ENGAGED),
                );
                victims_consented = None;
                victims_engaged = None;
            }
        }

        let birth = match read_date(get(fields::DATE_OF_BIRTH), false, today) {
            Ok(Some(d)) => Birth::Date(d),
            other => {
                if other.is_err() {
                    warnings.add(INVALID_OPTIONAL, "date_of_birth", line, "");
                }
                let month_raw = get(fields::BIRTH_MONTH);
                match super::reader::parse_birth_month(month_raw.as_bytes()) {
                    Some(m) => Birth::Month(m),
                    None => {
                        if !month_raw.is_empty() {
                            warnings.add(INVALID_OPTIONAL, "birth_month", line, "");
                        }
                        let age_raw = get(fields::AGE);
                        match age_raw.parse::<u8>() {
                            Ok(a) if a <= 120 => Birth::AgeAtOutcome(a),
                            _ => {
                                if !age_raw.is_empty() {
                                    warnings.add(INVALID_OPTIONAL, "age", line, age_raw);
                                }
                                Birth::Unknown
                            }
                        }
                    }
                }
            }
        };
        let sex = col(fields::SEX).map(|_| {
            let raw = get(fields::SEX);
            profile_sexes
                .get(&normalise(raw))
                .copied()
                .or_else(|| Sex::parse(raw))
                .unwrap_or_else(|| {
                    warnings.add(UNKNOWN_SEX, "sex", line, raw);
                    *unknown.entry(("sex".into(), raw.to_string())).or_default() += 1;
                    Sex::Unknown
                })
        });
        let ethnicity = col(fields::ETHNICITY).map(|_| {
            let raw = get(fields::ETHNICITY);
            let mapped = profile
                .ethnicities
                .iter()
                .find(|(from, _)| normalise(from) == normalise(raw))
                .and_then(|(_, to)| Ethnicity::parse(to));
            mapped.or_else(|| Ethnicity::parse(raw)).unwrap_or_else(|| {
                warnings.add(UNKNOWN_ETHNICITY, "ethnicity", line, raw);
                *unknown
                    .entry(("ethnicity".into(), raw.to_string()))
                    .or_default() += 1;
                Ethnicity::UNKNOWN
            })
        });
        let service = match col(fields::SERVICE) {
            Some(_) if !get(fields::SERVICE).is_empty() => {
                let name = get(fields::SERVICE).to_string();
                let next = out.services.len() as u32;
                let i = *services.entry(normalise(&name)).or_insert(next);
                if i == next {
                    out.services.push(name);
                }
                i
            }
            _ => 0,
        };
        // No setting recorded: a custodial sentence ends in release from custody (`kpis.md`).
        let setting = setting.or_else(|| {
            (kind.group() == Some(crate::codes::intervention::InterventionGroup::Custody))
                .then_some(Setting::CustodyRelease)
        });
        let next = out.child_ids.len() as u32;
        let child = *children.entry(child_raw.to_string()).or_insert(next);
        if child == next {
            out.child_ids.push(child_raw.to_string());
        }
        q.rows_used += 1;
        q.first_outcome_date = Some(q.first_outcome_date.map_or(start, |d| d.min(start)));
        let latest = end.unwrap_or(start);
        q.last_outcome_date = Some(q.last_outcome_date.map_or(latest, |d| d.max(latest)));
        if matches!(birth, Birth::Unknown) {
            q.age_unknown_rows += 1;
        }
        out.rows.push(Intervention {
            line,
            child,
            kind,
            start,
            end,
            end_reason,
            setting,
            statuses,
            ete_hours_offered,
            ete_hours_attended,
            victims_consented,
            victims_engaged,
            birth,
            sex,
            ethnicity,
            service,
        });
    }
    for (k, &i) in map.postcodes.iter().enumerate() {
        if postcode_full[k] {
            q.dropped_columns.push(sheet.headers[i].clone());
        } else {
            q.ignored_columns.push(sheet.headers[i].clone());
        }
    }
    q.children = out.child_ids.len() as u64;
    q.rejected = rejected.0;
    q.warnings = warnings.0;
    q.unknown_codes = unknown
        .into_iter()
        .map(|((field, value), rows)| UnknownCode { field, value, rows })
        .collect();
    out.quality = quality;
    Ok(out)
}

/// The delimiter as the quality report names it.
pub(crate) fn delimiter_name(d: u8) -> String {
    match d {
        b'\t' => "tab".into(),
        d => (d as char).to_string(),
    }
}
