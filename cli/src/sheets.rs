//! Spreadsheets in (issue 13): an .xlsx, an .ods or a zip of them given where a CSV is taken
//! (`report`, `aggregate`, `quality` and `--population`) is turned into CSV by
//! `yjlens-sheets`, then read as the CSV would be. Which table was read goes to stderr.

use yjlens_core::catalogue::messages::{fill, msg};
use yjlens_core::extract::MappingProfile;
use yjlens_sheets::{convert, is_spreadsheet, Choice};

use crate::common::Failure;

/// The bytes to read as CSV: the file's own, or the chosen table of a spreadsheet (`sheet`:
/// a table's name, a sheet's name or a number from 1; `None`: the first sheet with a
/// recognisable header). `from_header` starts at the header row (a population file).
pub fn as_csv(
    bytes: Vec<u8>,
    path: &str,
    sheet: Option<&str>,
    from_header: bool,
    profile: &MappingProfile,
) -> Result<Vec<u8>, Failure> {
    if !is_spreadsheet(&bytes) {
        if sheet.is_some() {
            return Err(Failure(fill(
                msg("cli.error.sheet_not_spreadsheet"),
                &[("path", &path)],
            )));
        }
        return Ok(bytes);
    }
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let choice = sheet.map_or(Choice::Best, |s| Choice::Name(s.to_string()));
    let table = convert(&bytes, name, &choice, from_header, profile)?;
    eprintln!("{}", table.note(name));
    if sheet.is_none() && !table.listing.clear {
        eprintln!("{}", msg("cli.sheets.unclear"));
    }
    Ok(table.csv)
}
