//! Excel workbooks (.xlsx, Office Open XML): the workbook's sheets, shared strings and which
//! cell styles are dates, then a sheet's rows streamed from its XML (never all held).
//!
//! A cell is read by its type (`t`): a shared string (`s`), a formula's string (`str`), an
//! inline string, a boolean (`b`: `TRUE`/`FALSE`), an error (`e`: `#N/A`), an ISO date (`d`),
//! else a number — a date when its style's number format is a date format (built-in 14–22,
//! 27–36, 45–47, 50–58, or a custom format with d, m, y, h or s outside quotes and brackets),
//! written as an ISO date; else the number as Excel writes it to CSV.

use std::collections::HashMap;
use std::io::{BufRead, Read, Seek};

use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use crate::cells::{excel_serial, iso_date, number_text, unescape_x};
use crate::xml::{attr, damaged, each_event, push_ref, with_entry, Reader, Row};
use crate::SheetError;
use yjlens_core::catalogue::messages::{fill, msg};

/// What the file is, in the language in use (for its sentences).
fn what() -> &'static str {
    msg("sheets.kind.xlsx")
}

fn bad(e: impl std::fmt::Display) -> SheetError {
    damaged(what(), e)
}

/// A worksheet of the workbook.
pub(crate) struct Sheet {
    pub(crate) name: String,
    pub(crate) path: String,
    pub(crate) hidden: bool,
}

/// What is needed to read any sheet of the workbook.
pub(crate) struct Workbook {
    pub(crate) sheets: Vec<Sheet>,
    strings: Vec<String>,
    /// Per cell style (`s`): whether its number format is a date's.
    dates: Vec<bool>,
    is_1904: bool,
}

/// `base`'s folder joined with `target` (`xl/workbook.xml` + `worksheets/sheet1.xml`), or
/// `target` from the root when it starts with `/`; `..` resolved.
fn resolve(base: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    } else {
        base.split('/').collect()
    };
    parts.pop();
    for p in target.split('/') {
        match p {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The relationships of a part: id → (type's last word, target path).
fn relationships<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    part: &str,
) -> Result<HashMap<String, (String, String)>, SheetError> {
    let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
    let rels = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let found = with_entry(zip, &rels, what(), |x| {
        let mut out = HashMap::new();
        each_event(x, what(), |event| {
            if let Event::Start(e) | Event::Empty(e) = event {
                if e.local_name().as_ref() != "Relationship" {
                    return;
                }
                if let (Some(id), Some(ty), Some(target)) =
                    (attr(&e, "Id"), attr(&e, "Type"), attr(&e, "Target"))
                {
                    let kind = ty.rsplit('/').next().unwrap_or("").to_string();
                    out.insert(id.into_owned(), (kind, resolve(part, &target)));
                }
            }
        })?;
        Ok(out)
    })?;
    Ok(found.unwrap_or_default())
}

impl Workbook {
    pub(crate) fn open<R: Read + Seek>(zip: &mut ZipArchive<R>) -> Result<Workbook, SheetError> {
        let root = relationships(zip, "")?;
        let book = root
            .values()
            .find(|(k, _)| k == "officeDocument")
            .map_or_else(|| "xl/workbook.xml".to_string(), |(_, t)| t.clone());
        let rels = relationships(zip, &book)?;
        let mut is_1904 = false;
        let mut listed: Vec<(String, String, bool)> = Vec::new();
        let found = with_entry(zip, &book, what(), |x| {
            each_event(x, what(), |event| {
                let (Event::Start(e) | Event::Empty(e)) = event else {
                    return;
                };
                match e.local_name().as_ref() {
                    "workbookPr" => {
                        is_1904 = attr(&e, "date1904").is_some_and(|v| v == "1" || v == "true");
                    }
                    "sheet" => {
                        let name = attr(&e, "name").unwrap_or_default().into_owned();
                        let id = attr(&e, "id").unwrap_or_default().into_owned();
                        let hidden = attr(&e, "state").is_some_and(|s| s != "visible");
                        listed.push((name, id, hidden));
                    }
                    _ => {}
                }
            })
        })?;
        if found.is_none() {
            return Err(bad(msg("error.sheets.detail.no_workbook")));
        }
        let sheets = listed
            .into_iter()
            .filter_map(|(name, id, hidden)| {
                let (kind, path) = rels.get(&id)?;
                (kind == "worksheet").then(|| Sheet {
                    name,
                    path: path.clone(),
                    hidden,
                })
            })
            .collect();
        let part = |kind: &str, default: &str| {
            rels.values()
                .find(|(k, _)| k == kind)
                .map_or_else(|| default.to_string(), |(_, t)| t.clone())
        };
        let strings = shared_strings(zip, &part("sharedStrings", "xl/sharedStrings.xml"))?;
        let dates = date_styles(zip, &part("styles", "xl/styles.xml"))?;
        Ok(Workbook {
            sheets,
            strings,
            dates,
            is_1904,
        })
    }

    /// Stream sheet `index`'s rows that have a value to `on_row` (in order; a row number
    /// missing is a blank row) until it returns `false`. Returns the sheet's `<dimension>`
    /// as (rows, columns) from A1, when it has one.
    pub(crate) fn rows<R: Read + Seek>(
        &self,
        zip: &mut ZipArchive<R>,
        index: usize,
        on_row: &mut dyn FnMut(&Row) -> bool,
    ) -> Result<Option<(usize, usize)>, SheetError> {
        let path = &self.sheets[index].path;
        let found = with_entry(zip, path, what(), |x| self.read_rows(x, on_row))?;
        found.ok_or_else(|| {
            bad(fill(
                msg("error.sheets.detail.sheet_missing"),
                &[("path", &path)],
            ))
        })
    }

    fn read_rows<B: BufRead>(
        &self,
        x: &mut Reader<B>,
        on_row: &mut dyn FnMut(&Row) -> bool,
    ) -> Result<Option<(usize, usize)>, SheetError> {
        let mut buf = Vec::with_capacity(1024);
        let mut dims = None;
        let mut row = Row::default();
        let mut next_row = 0usize;
        let mut col = 0usize;
        // The cell being read: its type, whether its style is a date, its raw value.
        let mut ty = String::new();
        let mut date = false;
        let mut value = String::new();
        let (mut in_v, mut in_is_t, mut in_rph) = (false, false, false);
        loop {
            match x.read_event_into(&mut buf).map_err(bad)? {
                Event::Start(e) => match e.local_name().as_ref() {
                    "row" => {
                        let r = attr(&e, "r").and_then(|r| r.parse::<usize>().ok());
                        row.reset(r.map_or(next_row, |r| r.saturating_sub(1)));
                        col = 0;
                    }
                    "c" => {
                        col = self.cell_start(&e, col, &mut ty, &mut date);
                        value.clear();
                    }
                    "v" => in_v = true,
                    "t" => in_is_t = true,
                    "rPh" => in_rph = true,
                    _ => {}
                },
                Event::Empty(e) => match e.local_name().as_ref() {
                    "c" => col = self.cell_start(&e, col, &mut ty, &mut date) + 1,
                    "row" => {
                        let r = attr(&e, "r").and_then(|r| r.parse::<usize>().ok());
                        next_row = r.unwrap_or(next_row + 1);
                    }
                    "dimension" => dims = attr(&e, "ref").and_then(|r| dimension(&r)),
                    _ => {}
                },
                Event::Text(t) if in_v || (in_is_t && !in_rph) => {
                    value.push_str(&t.xml10_content())
                }
                Event::CData(t) if in_v || (in_is_t && !in_rph) => value.push_str(&t),
                Event::GeneralRef(r) if in_v || (in_is_t && !in_rph) => push_ref(&r, &mut value),
                Event::End(e) => match e.local_name().as_ref() {
                    "v" => in_v = false,
                    "t" => in_is_t = false,
                    "rPh" => in_rph = false,
                    "c" => {
                        self.cell_value(&ty, date, &mut value, row.cell(col));
                        col += 1;
                    }
                    "row" => {
                        next_row = row.index + 1;
                        if !row.is_blank() && !on_row(&row) {
                            return Ok(dims);
                        }
                    }
                    "sheetData" => return Ok(dims),
                    _ => {}
                },
                Event::Eof => return Ok(dims),
                _ => {}
            }
            buf.clear();
        }
    }

    /// A cell's start: its column (from `r`, else the one after the last), type and style.
    fn cell_start(
        &self,
        e: &BytesStart<'_>,
        col: usize,
        ty: &mut String,
        date: &mut bool,
    ) -> usize {
        let mut at = col;
        ty.clear();
        *date = false;
        for a in e.attributes().with_checks(false).flatten() {
            match a.key.local_name().as_ref() {
                "r" => {
                    if let Some(c) = column(&a.value) {
                        at = c;
                    }
                }
                "t" => ty.push_str(&a.value),
                "s" => {
                    *date = a
                        .value
                        .parse::<usize>()
                        .ok()
                        .and_then(|s| self.dates.get(s).copied())
                        .unwrap_or(false);
                }
                _ => {}
            }
        }
        at
    }

    /// A cell's text from its type and raw value.
    fn cell_value(&self, ty: &str, date: bool, value: &mut String, cell: &mut (String, bool)) {
        let out = &mut cell.0;
        out.clear();
        match ty {
            "s" => {
                if let Some(s) = value
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| self.strings.get(i))
                {
                    out.push_str(s);
                }
                cell.1 = true;
            }
            "str" | "inlineStr" => {
                unescape_x(value);
                out.push_str(value);
                cell.1 = true;
            }
            "b" => out.push_str(if value.trim() == "1" { "TRUE" } else { "FALSE" }),
            "e" => out.push_str(value),
            "d" => iso_date(value.trim(), out),
            _ if value.is_empty() => {}
            _ if date => match value.trim().parse::<f64>() {
                Ok(v) => excel_serial(v, self.is_1904, out),
                Err(_) => out.push_str(value),
            },
            _ => number_text(value.trim(), out),
        }
        // A cell with no value but a string type (an empty inline string) holds nothing.
        if out.is_empty() {
            cell.1 = false;
        }
    }
}

/// `B12` → column 1 (0-based).
fn column(r: &str) -> Option<usize> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic);
    let mut col = 0usize;
    let mut any = false;
    for b in letters {
        col = col
            .checked_mul(26)?
            .checked_add(usize::from(b.to_ascii_uppercase() - b'A') + 1)?;
        any = true;
    }
    (any && col <= 16_384).then(|| col - 1)
}

/// `A1:M2001` → (2001 rows, 13 columns) from A1.
fn dimension(r: &str) -> Option<(usize, usize)> {
    let end = r.rsplit(':').next()?;
    let col = column(end)?;
    let digits: String = end.chars().skip_while(char::is_ascii_alphabetic).collect();
    Some((digits.parse().ok()?, col + 1))
}

fn shared_strings<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    path: &str,
) -> Result<Vec<String>, SheetError> {
    let found = with_entry(zip, path, what(), |x| {
        let mut out = Vec::new();
        let mut cur = String::new();
        let (mut in_t, mut in_rph) = (false, false);
        each_event(x, what(), |event| match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "si" => cur.clear(),
                "t" => in_t = true,
                "rPh" => in_rph = true,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "si" => out.push(String::new()),
            Event::Text(t) if in_t && !in_rph => cur.push_str(&t.xml10_content()),
            Event::CData(t) if in_t && !in_rph => cur.push_str(&t),
            Event::GeneralRef(r) if in_t && !in_rph => push_ref(&r, &mut cur),
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_t = false,
                "rPh" => in_rph = false,
                "si" => {
                    let mut s = std::mem::take(&mut cur);
                    unescape_x(&mut s);
                    out.push(s);
                }
                _ => {}
            },
            _ => {}
        })?;
        Ok(out)
    })?;
    Ok(found.unwrap_or_default())
}

/// Whether a built-in number format is a date's or a time's.
fn builtin_date(id: u32) -> bool {
    matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58)
}

/// Whether a custom number format shows a date or a time: d, m, y, h or s in its first
/// section outside quoted text, escapes and brackets (an elapsed `[h]` is a duration, not a
/// date).
fn custom_date(code: &str) -> bool {
    let section = code.split(';').next().unwrap_or(code);
    let mut chars = section.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                let inner: String = chars.by_ref().take_while(|&b| b != ']').collect();
                let l = inner.to_ascii_lowercase();
                if !l.is_empty() && l.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
                    return false;
                }
            }
            'd' | 'D' | 'm' | 'M' | 'y' | 'Y' | 'h' | 'H' | 's' | 'S' => return true,
            _ => {}
        }
    }
    false
}

fn date_styles<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    path: &str,
) -> Result<Vec<bool>, SheetError> {
    let found = with_entry(zip, path, what(), |x| {
        let mut custom: HashMap<u32, bool> = HashMap::new();
        let mut out = Vec::new();
        let mut in_xfs = false;
        each_event(x, what(), |event| match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "numFmt" => {
                    if let (Some(id), Some(code)) = (attr(&e, "numFmtId"), attr(&e, "formatCode")) {
                        if let Ok(id) = id.parse() {
                            custom.insert(id, custom_date(&code));
                        }
                    }
                }
                "cellXfs" => in_xfs = true,
                "xf" if in_xfs => {
                    let id = attr(&e, "numFmtId")
                        .and_then(|v| v.parse::<u32>().ok())
                        .unwrap_or(0);
                    out.push(custom.get(&id).copied().unwrap_or_else(|| builtin_date(id)));
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_xfs = false,
            _ => {}
        })?;
        Ok(out)
    })?;
    Ok(found.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_formats() {
        assert_eq!(column("A1"), Some(0));
        assert_eq!(column("AB12"), Some(27));
        assert_eq!(column("12"), None);
        assert_eq!(dimension("A1:M2001"), Some((2001, 13)));
        assert_eq!(dimension("C3"), Some((3, 3)));
        assert_eq!(
            resolve("xl/workbook.xml", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(resolve("xl/workbook.xml", "/xl/sheet.xml"), "xl/sheet.xml");
        assert_eq!(
            resolve("xl/workbook.xml", "../docProps/x.xml"),
            "docProps/x.xml"
        );
        assert_eq!(resolve("", "xl/workbook.xml"), "xl/workbook.xml");
        for f in [
            "dd/mm/yyyy",
            "d-mmm-yy",
            "yyyy-mm-dd hh:mm",
            "[$-809]dd mmmm yyyy",
            "h:mm AM/PM",
        ] {
            assert!(custom_date(f), "{f}");
        }
        for f in [
            "0.00",
            "#,##0",
            "General",
            "0.0%",
            "[h]:mm:ss",
            "\"days\" 0",
            "[Red]0;[Blue]-0",
            "@",
        ] {
            assert!(!custom_date(f), "{f}");
        }
        assert!(builtin_date(14) && !builtin_date(0) && !builtin_date(49));
    }
}
