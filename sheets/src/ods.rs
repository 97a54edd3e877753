//! OpenDocument spreadsheets (.ods): the tables of `content.xml` and their rows, streamed.
//!
//! A cell is read by its `office:value-type`: `float`, `percentage` and `currency` from
//! `office:value` (as Excel writes numbers to CSV), `date` from `office:date-value` (ISO),
//! `time` from `office:time-value` (`HH:MM:SS`), `boolean` as `TRUE`/`FALSE`, anything else its
//! text (paragraphs joined by line breaks; `text:s` spaces, tabs and line breaks kept;
//! annotations left out). Repeated rows and cells are expanded only when they hold a value:
//! the million blank rows an .ods often ends with cost nothing.

use std::io::{BufRead, Read, Seek};

use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use crate::cells::{iso_date, number_text, ods_time};
use crate::xml::{attr, damaged, push_ref, with_entry, Reader, Row};
use crate::SheetError;
use yjlens_core::catalogue::messages::msg;

/// What the file is, in the language in use (for its sentences).
fn what() -> &'static str {
    msg("sheets.kind.ods")
}

/// The most columns a row has (LibreOffice's limit): a repeated cell with a value is
/// expanded up to it, no further.
const MAX_COLUMNS: usize = 16_384;

fn bad(e: impl std::fmt::Display) -> SheetError {
    damaged(what(), e)
}

/// What the reader meets, in order: a table (its name, whether hidden), then its rows that
/// have a value, each with how many times it is repeated (rows `row.index` to
/// `row.index + repeat - 1`; a row number missing is a blank row).
pub(crate) enum Item<'r> {
    Table { name: String, hidden: bool },
    Row(&'r Row, usize),
}

/// Stream every table of the spreadsheet to `on` until it returns `false`.
pub(crate) fn read<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    on: &mut dyn FnMut(Item<'_>) -> bool,
) -> Result<(), SheetError> {
    with_entry(zip, "content.xml", what(), |x| read_content(x, on))?
        .ok_or_else(|| bad(msg("error.sheets.detail.no_content")))
}

/// A cell being read.
#[derive(Default)]
struct Cell {
    repeat: usize,
    kind: String,
    value: Option<String>,
    text: String,
    paragraphs: usize,
}

impl Cell {
    fn start(&mut self, e: &BytesStart<'_>) {
        self.repeat = repeat(e, "number-columns-repeated");
        self.kind.clear();
        self.value = None;
        self.text.clear();
        self.paragraphs = 0;
        for a in e.attributes().with_checks(false).flatten() {
            match a.key.local_name().as_ref() {
                "value-type" if a.key.as_ref().starts_with("office:") || self.kind.is_empty() => {
                    self.kind.clear();
                    self.kind.push_str(&a.value);
                }
                "value" | "date-value" | "time-value" | "boolean-value" => {
                    self.value = Some(a.value.to_string());
                }
                _ => {}
            }
        }
    }

    /// The cell's text into `out`; whether it is text.
    fn finish(&mut self, out: &mut String) -> bool {
        out.clear();
        let value = self.value.as_deref().unwrap_or("");
        match self.kind.as_str() {
            "float" | "percentage" | "currency" if !value.is_empty() => number_text(value, out),
            "date" if !value.is_empty() => iso_date(value, out),
            "time" if !value.is_empty() => ods_time(value, out),
            "boolean" if !value.is_empty() => out.push_str(if value == "true" || value == "1" {
                "TRUE"
            } else {
                "FALSE"
            }),
            _ => {
                out.push_str(&self.text);
                return !out.is_empty();
            }
        }
        false
    }
}

fn repeat(e: &BytesStart<'_>, name: &str) -> usize {
    attr(e, name)
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1)
}

fn read_content<B: BufRead>(
    x: &mut Reader<B>,
    on: &mut dyn FnMut(Item<'_>) -> bool,
) -> Result<(), SheetError> {
    let mut buf = Vec::with_capacity(1024);
    // Table styles that hide their table (`table:display="false"`).
    let mut hidden_styles: Vec<String> = Vec::new();
    let mut style: Option<String> = None;
    // Depth of table:table (a table inside a cell is not read) and of annotations.
    let (mut tables, mut annotation) = (0usize, 0usize);
    let mut row = Row::default();
    let mut row_repeat = 1;
    let mut next_row = 0usize;
    let mut col = 0usize;
    let mut cell = Cell::default();
    let mut in_cell = false;
    let mut scratch = String::new();
    loop {
        let event = x.read_event_into(&mut buf).map_err(bad)?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.local_name().as_ref() {
                "style" => {
                    let family = attr(e, "family");
                    style = (family.as_deref() == Some("table"))
                        .then(|| attr(e, "name").map(|n| n.into_owned()))
                        .flatten();
                }
                "table-properties" => {
                    if let (Some(s), Some("false")) = (&style, attr(e, "display").as_deref()) {
                        hidden_styles.push(s.clone());
                    }
                }
                "table" if !empty => {
                    tables += 1;
                    if tables == 1 {
                        let name = attr(e, "name").unwrap_or_default().into_owned();
                        let hidden = attr(e, "style-name")
                            .is_some_and(|s| hidden_styles.iter().any(|h| *h == *s));
                        next_row = 0;
                        if !on(Item::Table { name, hidden }) {
                            return Ok(());
                        }
                    }
                }
                "table-row" if tables == 1 => {
                    row_repeat = repeat(e, "number-rows-repeated");
                    if empty {
                        next_row = next_row.saturating_add(row_repeat);
                    } else {
                        row.reset(next_row);
                        col = 0;
                    }
                }
                "table-cell" | "covered-table-cell" if tables == 1 => {
                    cell.start(e);
                    if empty {
                        col = put(&mut cell, &mut row, col, &mut scratch);
                    } else {
                        in_cell = true;
                    }
                }
                "annotation" if !empty => annotation += 1,
                "p" | "h" if in_cell && annotation == 0 => {
                    if cell.paragraphs > 0 {
                        cell.text.push('\n');
                    }
                    cell.paragraphs += 1;
                }
                "s" if in_cell && annotation == 0 => {
                    let n = repeat(e, "c").min(1000);
                    cell.text.extend(std::iter::repeat_n(' ', n));
                }
                "tab" if in_cell && annotation == 0 => cell.text.push('\t'),
                "line-break" if in_cell && annotation == 0 => cell.text.push('\n'),
                _ => {}
            }
        } else {
            match event {
                Event::Text(t) if in_cell && annotation == 0 => {
                    cell.text.push_str(&t.xml10_content())
                }
                Event::GeneralRef(r) if in_cell && annotation == 0 => push_ref(&r, &mut cell.text),
                Event::End(e) => match e.local_name().as_ref() {
                    "style" => style = None,
                    "annotation" => annotation = annotation.saturating_sub(1),
                    "table-cell" | "covered-table-cell" if tables == 1 && in_cell => {
                        in_cell = false;
                        col = put(&mut cell, &mut row, col, &mut scratch);
                    }
                    "table-row" if tables == 1 => {
                        if !row.is_blank() && !on(Item::Row(&row, row_repeat)) {
                            return Ok(());
                        }
                        next_row = next_row.saturating_add(row_repeat);
                    }
                    "table" => tables = tables.saturating_sub(1),
                    _ => {}
                },
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
        buf.clear();
    }
}

/// Put a finished cell (repeated as it says) into the row at `col`; the next column.
fn put(cell: &mut Cell, row: &mut Row, col: usize, scratch: &mut String) -> usize {
    let is_text = cell.finish(scratch);
    if !scratch.is_empty() {
        let end = col.saturating_add(cell.repeat).min(MAX_COLUMNS);
        for c in col..end {
            let slot = row.cell(c);
            slot.0.clear();
            slot.0.push_str(scratch);
            slot.1 = is_text;
        }
    }
    col.saturating_add(cell.repeat)
}
