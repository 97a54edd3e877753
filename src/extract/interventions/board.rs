//! The board attendance file (KPI 7): `meeting_date, partner, attended`, one row per expected
//! senior partner per meeting; partners are free text. Read with the interventions extract's
//! machinery and the same promises (identifiers dropped, plausible dates, every row counted).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::super::{is_plausible, system_today, ReadOptions, Refusal};
use super::fields::BOARD_FIELDS;
use super::{delimiter_name, map_columns, read_date, text, Tally};
use crate::codes::intervention::parse_yes_no;
use crate::codes::normalise;

/// One expected partner at one meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardRow {
    pub line: u32,
    pub meeting_date: NaiveDate,
    /// Index into [`Board::partners`].
    pub partner: u32,
    /// `None`: attendance not recorded (not in `expected`).
    pub attended: Option<bool>,
}

/// A read board attendance file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Board {
    pub rows: Vec<BoardRow>,
    /// Partner names as first written (matched on letters and digits, case-insensitively).
    pub partners: Vec<String>,
    pub quality: super::super::QualityReport,
}

/// Longest partner name kept (longer names are cut).
const MAX_PARTNER_CHARS: usize = 80;

/// Read a whole board attendance file held in memory.
pub fn read_board(bytes: &[u8], options: &ReadOptions) -> Result<Board, Refusal> {
    let today = options.today.or_else(system_today);
    let sheet = text::read_sheet(
        bytes,
        &BOARD_FIELDS,
        &[],
        options.delimiter,
        crate::catalogue::messages::msg("error.kpi.board_file"),
    )?;
    let map = map_columns(
        &sheet.headers,
        &BOARD_FIELDS,
        &Default::default(),
        &options.profile.month_first,
    )?;
    super::month_first_verdict(&sheet, &map, &[0])?;
    let mut board = Board::default();
    let q = &mut board.quality;
    q.encoding = sheet.encoding.clone();
    q.delimiter = delimiter_name(sheet.delimiter);
    q.header_line = sheet.header_line;
    q.title_lines = sheet.title_lines;
    q.dropped_columns = map.dropped.clone();
    q.ignored_columns = map.ignored.clone();
    q.columns = BOARD_FIELDS
        .iter()
        .enumerate()
        .filter_map(|(f, field)| {
            map.cols[f].map(|i| (field.name.to_string(), sheet.headers[i].clone()))
        })
        .collect();
    let mut rejected = Tally::default();
    let mut warnings = Tally::default();
    let mut partners: HashMap<String, u32> = HashMap::new();
    for (line, record) in &sheet.records {
        let line = *line;
        q.rows_read += 1;
        let get = |f: usize| -> &str {
            map.cols[f]
                .and_then(|i| record.get(i))
                .map_or("", String::as_str)
        };
        let mut reject = |reason: &str, field: &str, value: &str| {
            rejected.add(reason, field, line, value);
            q.reject_line(line, reason, field);
        };
        if record.iter().any(|v| v.len() > text::MAX_FIELD_BYTES) {
            reject(super::FIELD_TOO_LONG, "", "");
            continue;
        }
        let date = match read_date(get(0), map.month_first[0], today) {
            Ok(Some(d)) => d,
            Ok(None) => {
                reject(super::MISSING_REQUIRED, "meeting_date", "");
                continue;
            }
            Err(reason) => {
                reject(reason, "meeting_date", get(0));
                continue;
            }
        };
        let partner_raw = get(1);
        if partner_raw.is_empty() {
            reject(super::MISSING_REQUIRED, "partner", "");
            continue;
        }
        let attended = match parse_yes_no(get(2)) {
            Some(v) => v,
            None => {
                warnings.add(super::NOT_RECORDED_TEXT, "attended", line, get(2));
                None
            }
        };
        let next = board.partners.len() as u32;
        let partner = *partners.entry(normalise(partner_raw)).or_insert(next);
        if partner == next {
            board
                .partners
                .push(partner_raw.chars().take(MAX_PARTNER_CHARS).collect());
        }
        q.rows_used += 1;
        q.first_outcome_date = Some(q.first_outcome_date.map_or(date, |d| d.min(date)));
        q.last_outcome_date = Some(q.last_outcome_date.map_or(date, |d| d.max(date)));
        board.rows.push(BoardRow {
            line,
            meeting_date: date,
            partner,
            attended,
        });
    }
    let q = &mut board.quality;
    q.title_date = sheet.title_date.filter(|d| is_plausible(*d, today));
    q.rejected = rejected.0;
    q.warnings = warnings.0;
    Ok(board)
}
