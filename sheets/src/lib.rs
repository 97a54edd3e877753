//! Spreadsheets in (issue 13): an Excel workbook (.xlsx), an OpenDocument spreadsheet (.ods),
//! or a zip of them and CSV files (the published Youth Justice Statistics local-level tables
//! are ODS in a zip), turned into the CSV text the core already reads — so a spreadsheet gets
//! the same column matching, code lists and row accounting as a CSV.
//!
//! [`list`] names every table (each sheet; in a zip, each file × its sheets) with its header
//! row and how many known extract columns it names; [`convert`] writes one of them as CSV: the
//! one asked for, else the first sheet with a recognisable header ([`pick`] for the rules:
//! cover and notes sheets of the published tables give way to their data sheets).
//!
//! The crate has no web dependency: the CLI links it, and `sheets-wasm/` makes it the
//! browser's second wasm module, fetched only when a spreadsheet arrives.

mod book;
mod cells;
mod ods;
mod pick;
mod xlsx;
mod xml;

use serde::Serialize;
use yjlens_core::catalogue::messages::{fill, msg};
use yjlens_core::extract::MappingProfile;

/// The first bytes of an OLE2 compound file (.xls, or a password-protected .xlsx).
pub const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Why a file cannot be read as a spreadsheet: one sentence a person can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetError(pub String);

impl std::fmt::Display for SheetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SheetError {}

/// One table of a file: a sheet, or a CSV file in a zip.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Table {
    /// Its position in [`Listing::tables`].
    pub index: usize,
    /// How a person names it: the sheet ("Data"); in a zip, file › sheet
    /// ("children.ods › Table_3") or the CSV file's name.
    pub name: String,
    /// The file inside a zip (`None`: the dropped file itself).
    pub file: Option<String>,
    /// The sheet (`None`: a CSV file in a zip).
    pub sheet: Option<String>,
    /// A hidden sheet.
    pub hidden: bool,
    /// Named like a cover, contents or notes sheet.
    pub aside: bool,
    /// Rows and columns from A1 to the last cell used.
    pub rows: usize,
    pub columns: usize,
    /// The header's row number in the sheet (1 = the first row), if one was recognised.
    pub header_row: Option<usize>,
    /// The header's cells, trailing empty ones dropped.
    pub header: Vec<String>,
    /// Known extract columns the header names ([`yjlens_core::extract::header_score`]).
    pub required: usize,
    pub known: usize,
}

/// Every table of a file, and the one read when none is chosen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Listing {
    /// What the file is: "Excel workbook", "OpenDocument spreadsheet" or "zip archive".
    pub kind: String,
    pub tables: Vec<Table>,
    /// The table read when none is chosen: the first with the most known columns, else the
    /// largest with a header, visible data sheets before hidden, cover or notes ones.
    pub best: Option<usize>,
    /// Whether that choice is clear: no other table has as good a header. When it is not, a
    /// person should be offered the tables to choose from.
    pub clear: bool,
}

/// Which table to read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Choice {
    /// [`Listing::best`].
    #[default]
    Best,
    /// By position in [`Listing::tables`].
    Index(usize),
    /// By name: a table's [`Table::name`], else its sheet or file name (any case), else a
    /// number from 1.
    Name(String),
}

/// One table as CSV, and the listing it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Converted {
    pub listing: Listing,
    /// The table written.
    pub used: usize,
    /// Its CSV text (UTF-8; a CSV file in a zip: its bytes as they are).
    pub csv: Vec<u8>,
}

impl Converted {
    /// The sentence saying which table was read, for the report's notes: "Read from the
    /// sheet “Data” of extract.xlsx (its other sheets: Cover, Notes)."
    pub fn note(&self, file_name: &str) -> String {
        let t = &self.listing.tables[self.used];
        let args: [(&str, &dyn std::fmt::Display); 3] = [
            ("sheet", &t.sheet.as_deref().unwrap_or("")),
            ("entry", &t.file.as_deref().unwrap_or("")),
            ("file", &file_name),
        ];
        let id = match (&t.file, &t.sheet) {
            (Some(_), Some(_)) => "sheets.note.sheet_of_entry",
            (Some(_), None) => "sheets.note.entry",
            (None, Some(_)) => "sheets.note.sheet",
            (None, None) => "sheets.note.file",
        };
        let others: Vec<&str> = self
            .listing
            .tables
            .iter()
            .filter(|o| o.index != t.index)
            .map(|o| o.name.as_str())
            .collect();
        let mut s = fill(msg(id), &args);
        if !others.is_empty() {
            let others_id = if t.file.is_some() {
                "sheets.note.other_tables"
            } else {
                "sheets.note.other_sheets"
            };
            s.push_str(&fill(msg(others_id), &[("names", &others.join(", "))]));
        }
        s.push('.');
        s
    }
}

/// Whether a file's first bytes are a spreadsheet's (a zip, as .xlsx and .ods are, or an
/// OLE2 file, as .xls is): the bytes to give [`convert`] rather than to the CSV reader.
pub fn is_spreadsheet(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(OLE)
}

/// Every table of a spreadsheet file (`name`: its file name, for sentences), or why it cannot
/// be read.
pub fn list(bytes: &[u8], name: &str, profile: &MappingProfile) -> Result<Listing, SheetError> {
    let book = book::Book::open(bytes, name, profile)?;
    Ok(listing(&book))
}

fn listing(book: &book::Book<'_>) -> Listing {
    let (best, clear) = pick::best(&book.tables);
    Listing {
        kind: book.kind.to_string(),
        tables: book.tables.clone(),
        best,
        clear,
    }
}

/// One table of a spreadsheet file as CSV: the chosen one, else [`Listing::best`]. From the
/// sheet's first row (line numbers in the core's report are the sheet's row numbers, and a
/// title line can give the extract date), or when `from_header` from its header row (for a
/// population file, whose header must be its first line).
pub fn convert(
    bytes: &[u8],
    name: &str,
    choice: &Choice,
    from_header: bool,
    profile: &MappingProfile,
) -> Result<Converted, SheetError> {
    let mut book = book::Book::open(bytes, name, profile)?;
    let listing = listing(&book);
    let names = || {
        listing
            .tables
            .iter()
            .map(|t| format!("“{}”", t.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let used = match choice {
        Choice::Best => listing.best,
        Choice::Index(i) => (*i < listing.tables.len()).then_some(*i),
        Choice::Name(n) => find(&listing.tables, n),
    };
    let Some(used) = used else {
        let asked = match choice {
            Choice::Index(i) => fill(msg("sheets.asked.index"), &[("n", &(i + 1))]),
            Choice::Name(n) => fill(msg("sheets.asked.name"), &[("name", n)]),
            Choice::Best => msg("sheets.asked.best").into(),
        };
        return Err(SheetError(fill(
            msg("error.sheets.no_table"),
            &[("name", &name), ("asked", &asked), ("tables", &names())],
        )));
    };
    let csv = book.csv(used, from_header)?;
    Ok(Converted { listing, used, csv })
}

fn find(tables: &[Table], n: &str) -> Option<usize> {
    let n = n.trim();
    if let Some(t) = tables.iter().find(|t| t.name == n) {
        return Some(t.index);
    }
    let same = |s: &Option<String>| s.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(n));
    let hits: Vec<&Table> = tables
        .iter()
        .filter(|t| same(&t.sheet) || (t.sheet.is_none() && same(&t.file)))
        .collect();
    match hits.as_slice() {
        [one] => Some(one.index),
        _ => n
            .parse::<usize>()
            .ok()
            .filter(|&k| (1..=tables.len()).contains(&k))
            .map(|k| k - 1),
    }
}
