//! Opening a dropped file: an .xlsx, an .ods, or a zip holding them (and CSV files), each
//! sheet scanned for its header, and a chosen table written as CSV.

use std::borrow::Cow;
use std::io::{Cursor, Read};

use calamine::{Data, Ods, Range, Reader, SheetType, SheetVisible, Xlsx};
use yjlens_core::extract::{header_score, read_table, MappingProfile};

use crate::cells::{data_ref_text, data_text, CsvOut};
use crate::pick::{self, ScanRow, SCAN};
use crate::{SheetError, Table};

/// The largest file taken out of a zip (1 GiB): more than a browser tab can hold.
const MAX_ENTRY: u64 = 1 << 30;

/// What a zip file holds, from its entries' names.
enum Container {
    Xlsx,
    Ods,
    /// A zip that is not a workbook: its .xlsx, .ods and .csv files are read.
    Archive,
}

/// One file of the drop: the file itself, or one inside the zip.
pub(crate) struct Part<'a> {
    /// The file's name inside the zip (`None`: the dropped file itself).
    pub(crate) file: Option<String>,
    kind: PartKind<'a>,
}

enum PartKind<'a> {
    Xlsx(Box<Xlsx<Cursor<Cow<'a, [u8]>>>>),
    /// Every sheet read (calamine parses an .ods whole): name, cells, hidden.
    Ods(Vec<(String, Range<Data>, bool)>),
    Csv(Cow<'a, [u8]>),
}

/// Where a table lives: the part and the sheet (`None`: a CSV file).
pub(crate) struct Place {
    pub(crate) part: usize,
    pub(crate) sheet: Option<String>,
}

/// The opened file: what it is, its parts, and its tables in order.
pub(crate) struct Book<'a> {
    pub(crate) kind: &'static str,
    pub(crate) parts: Vec<Part<'a>>,
    pub(crate) tables: Vec<Table>,
    pub(crate) places: Vec<Place>,
}

fn damaged(what: &str, e: impl std::fmt::Display) -> SheetError {
    SheetError(format!(
        "This {what} could not be read ({e}); open it in Excel or LibreOffice, save it again and drop that file."
    ))
}

fn ext(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// What a zip holds, or the sentence refusing it (another office document, a binary workbook).
fn container(names: &[String]) -> Result<Container, SheetError> {
    let has = |n: &str| names.iter().any(|x| x == n);
    let under = |p: &str| names.iter().any(|x| x.starts_with(p));
    if has("xl/workbook.bin") {
        return Err(SheetError(
            "This is an Excel binary workbook (.xlsb); save it as an Excel workbook (.xlsx) or as CSV and drop that file.".into(),
        ));
    }
    if has("xl/workbook.xml") {
        return Ok(Container::Xlsx);
    }
    if has("mimetype") && has("content.xml") {
        return Ok(Container::Ods); // the mimetype is checked when it is opened
    }
    if under("word/") {
        return Err(SheetError(
            "This is a Word document, not a spreadsheet; drop the extract as CSV, .xlsx or .ods."
                .into(),
        ));
    }
    if under("ppt/") {
        return Err(SheetError(
            "This is a PowerPoint presentation, not a spreadsheet; drop the extract as CSV, .xlsx or .ods.".into(),
        ));
    }
    Ok(Container::Archive)
}

impl<'a> Book<'a> {
    pub(crate) fn open(
        bytes: &'a [u8],
        name: &str,
        profile: &MappingProfile,
    ) -> Result<Book<'a>, SheetError> {
        if bytes.starts_with(crate::OLE) {
            return Err(SheetError(
                "This is an Excel 97–2003 workbook (.xls) or a password-protected one; save it as an Excel workbook (.xlsx) without a password, or as CSV, and drop that file.".into(),
            ));
        }
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            SheetError(format!(
                "This file starts like a zip archive (as .xlsx and .ods workbooks do) but cannot be opened as one ({e}): it may be damaged or only partly downloaded."
            ))
        })?;
        let names: Vec<String> = zip
            .file_names()
            .filter_map(Result::ok)
            .map(Cow::into_owned)
            .collect();
        let mut book = Book {
            kind: "",
            parts: Vec::new(),
            tables: Vec::new(),
            places: Vec::new(),
        };
        match container(&names)? {
            Container::Xlsx => {
                book.kind = "Excel workbook";
                book.add_workbook(None, Cow::Borrowed(bytes), true, profile)?;
            }
            Container::Ods => {
                book.kind = "OpenDocument spreadsheet";
                let mut mime = String::new();
                if let Ok(f) = zip.by_name("mimetype") {
                    let _ = f.take(200).read_to_string(&mut mime);
                }
                if mime.trim() != "application/vnd.oasis.opendocument.spreadsheet" {
                    return Err(SheetError(
                        "This OpenDocument file is not a spreadsheet (a text document or a presentation?); drop the extract as CSV, .xlsx or .ods.".into(),
                    ));
                }
                book.add_workbook(None, Cow::Borrowed(bytes), false, profile)?;
            }
            Container::Archive => {
                book.kind = "zip archive";
                let mut entries: Vec<String> = names
                    .iter()
                    .filter(|n| {
                        !n.ends_with('/')
                            && !n.starts_with("__MACOSX/")
                            && !n.rsplit('/').next().unwrap_or(n).starts_with('.')
                            && matches!(ext(n).as_str(), "xlsx" | "ods" | "csv" | "tsv")
                    })
                    .cloned()
                    .collect();
                entries.sort();
                if entries.is_empty() {
                    return Err(SheetError(format!(
                        "This zip archive ({name}) holds no spreadsheet (.xlsx, .ods) or CSV file to read."
                    )));
                }
                for entry in entries {
                    let mut f = zip.by_name(&entry).map_err(|e| damaged("zip archive", e))?;
                    if f.size() > MAX_ENTRY {
                        return Err(SheetError(format!(
                            "{entry} in this zip archive is over 1 GB unpacked: too large to read here; unzip it and drop the file itself."
                        )));
                    }
                    let mut data = Vec::with_capacity(f.size() as usize);
                    f.by_ref()
                        .take(MAX_ENTRY)
                        .read_to_end(&mut data)
                        .map_err(|e| damaged("zip archive", e))?;
                    drop(f);
                    let file = Some(entry.clone());
                    if data.starts_with(b"PK\x03\x04") {
                        book.add_workbook(file, Cow::Owned(data), ext(&entry) == "xlsx", profile)?;
                    } else {
                        book.add_csv(file, Cow::Owned(data), profile);
                    }
                }
            }
        }
        if book.tables.is_empty() {
            return Err(SheetError(format!(
                "This {} has no worksheet with anything in it.",
                book.kind
            )));
        }
        let in_zip = book.parts.len() > 1 || book.parts[0].file.is_some();
        for (i, t) in book.tables.iter_mut().enumerate() {
            t.index = i;
            t.name = match (&t.file, &t.sheet) {
                (Some(f), Some(s)) if in_zip => format!("{f} › {s}"),
                (Some(f), None) => f.clone(),
                (_, Some(s)) => s.clone(),
                (None, None) => String::new(),
            };
        }
        Ok(book)
    }

    fn add_workbook(
        &mut self,
        file: Option<String>,
        bytes: Cow<'a, [u8]>,
        xlsx: bool,
        profile: &MappingProfile,
    ) -> Result<(), SheetError> {
        let part = self.parts.len();
        let what = if xlsx {
            "Excel workbook"
        } else {
            "OpenDocument spreadsheet"
        };
        let kind = if xlsx {
            let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| damaged(what, e))?;
            let sheets: Vec<(String, bool)> = wb
                .sheets_metadata()
                .iter()
                .filter(|s| s.typ == SheetType::WorkSheet)
                .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
                .collect();
            for (sheet, hidden) in sheets {
                let (rows, dims) = scan_xlsx(&mut wb, &sheet)?;
                self.add_table(&file, part, Some(sheet), hidden, &rows, dims, profile);
            }
            PartKind::Xlsx(Box::new(wb))
        } else {
            let mut wb: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| match e {
                calamine::OdsError::Password => SheetError(
                    "This spreadsheet is password-protected; save a copy without a password and drop that.".into(),
                ),
                calamine::OdsError::InvalidMime(_) => SheetError(
                    "This OpenDocument file is not a spreadsheet (a text document or a presentation?); drop the extract as CSV, .xlsx or .ods.".into(),
                ),
                e => damaged(what, e),
            })?;
            let hidden: Vec<(String, bool)> = wb
                .sheets_metadata()
                .iter()
                .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
                .collect();
            let mut sheets = Vec::new();
            for (sheet, hidden) in hidden {
                let range = wb.worksheet_range(&sheet).map_err(|e| damaged(what, e))?;
                let (rows, dims) = scan_range(&range);
                self.add_table(
                    &file,
                    part,
                    Some(sheet.clone()),
                    hidden,
                    &rows,
                    dims,
                    profile,
                );
                sheets.push((sheet, range, hidden));
            }
            PartKind::Ods(sheets)
        };
        self.parts.push(Part { file, kind });
        Ok(())
    }

    fn add_csv(&mut self, file: Option<String>, bytes: Cow<'a, [u8]>, profile: &MappingProfile) {
        let part = self.parts.len();
        let (header, rows) = match read_table(&bytes) {
            Ok(t) => (t.headers, t.records.len() + 1),
            Err(_) => (Vec::new(), 0),
        };
        let refs: Vec<&str> = header.iter().map(String::as_str).collect();
        let score = header_score(&refs, profile);
        let columns = header.len();
        self.tables.push(Table {
            file: file.clone(),
            header_row: (!header.is_empty()).then_some(1),
            header,
            required: score.required,
            known: score.known,
            rows,
            columns,
            ..Table::default()
        });
        self.places.push(Place { part, sheet: None });
        self.parts.push(Part {
            file,
            kind: PartKind::Csv(bytes),
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn add_table(
        &mut self,
        file: &Option<String>,
        part: usize,
        sheet: Option<String>,
        hidden: bool,
        rows: &[ScanRow],
        (height, width): (usize, usize),
        profile: &MappingProfile,
    ) {
        if rows.is_empty() {
            return; // an empty sheet is no table
        }
        let header = pick::header(rows, profile);
        let aside = sheet.as_deref().is_some_and(pick::aside);
        self.tables.push(Table {
            file: file.clone(),
            sheet: sheet.clone(),
            hidden,
            aside,
            rows: height,
            columns: width,
            header_row: header.as_ref().map(|h| h.0 + 1),
            required: header.as_ref().map_or(0, |h| h.2.required),
            known: header.as_ref().map_or(0, |h| h.2.known),
            header: header.map(|h| h.1).unwrap_or_default(),
            ..Table::default()
        });
        self.places.push(Place { part, sheet });
    }

    /// Table `index` as CSV: from the sheet's first row (so the core's line numbers are the
    /// sheet's row numbers, and a title line above the header can give the extract date), or
    /// from its header row when `from_header` (for readers that take the first line as the
    /// header). A CSV file in a zip is given as it is.
    pub(crate) fn csv(&mut self, index: usize, from_header: bool) -> Result<Vec<u8>, SheetError> {
        let table = &self.tables[index];
        let skip = if from_header {
            table.header_row.map_or(0, |r| r - 1)
        } else {
            0
        };
        let width = table.columns;
        let place = &self.places[index];
        let sheet = place.sheet.clone().unwrap_or_default();
        match &mut self.parts[place.part].kind {
            PartKind::Csv(bytes) => Ok(bytes.to_vec()),
            PartKind::Ods(sheets) => {
                let (_, range, _) = sheets
                    .iter()
                    .find(|s| s.0 == sheet)
                    .expect("a listed sheet");
                Ok(csv_range(range, skip, width))
            }
            PartKind::Xlsx(wb) => csv_xlsx(wb, &sheet, skip, width),
        }
    }
}

/// The first [`SCAN`] non-blank rows of an .xlsx sheet, and its (rows, columns).
fn scan_xlsx<RS: std::io::Read + std::io::Seek>(
    wb: &mut Xlsx<RS>,
    sheet: &str,
) -> Result<(Vec<ScanRow>, (usize, usize)), SheetError> {
    let mut cells = wb
        .worksheet_cells_reader(sheet)
        .map_err(|e| damaged("Excel workbook", e))?;
    let dims = cells.dimensions();
    let mut rows: Vec<ScanRow> = Vec::new();
    let mut current: Option<ScanRow> = None;
    let mut last_row = 0usize;
    while let Some(cell) = cells
        .next_cell()
        .map_err(|e| damaged("Excel workbook", e))?
    {
        let (r, c) = cell.get_position();
        let (r, c) = (r as usize, c as usize);
        let mut text = String::new();
        let is_text = data_ref_text(cell.get_value(), &mut text);
        if text.trim().is_empty() {
            continue;
        }
        last_row = last_row.max(r);
        if current.as_ref().is_some_and(|cur| cur.0 != r) {
            rows.extend(current.take());
            if rows.len() >= SCAN {
                break;
            }
        }
        let cur = current.get_or_insert_with(|| (r, Vec::new()));
        if cur.1.len() <= c {
            cur.1.resize(c + 1, (String::new(), false));
        }
        cur.1[c] = (text, is_text);
    }
    if rows.len() < SCAN {
        rows.extend(current.take());
    }
    let widest = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
    let (height, width) = if dims.end == (0, 0) && dims.start == (0, 0) {
        (last_row + 1, widest)
    } else {
        (
            (dims.end.0 as usize + 1).max(last_row + 1),
            (dims.end.1 as usize + 1).max(widest),
        )
    };
    Ok((rows, (height, width)))
}

/// The first [`SCAN`] non-blank rows of a sheet read whole, and its (rows, columns) from A1.
fn scan_range(range: &Range<Data>) -> (Vec<ScanRow>, (usize, usize)) {
    let (Some(start), Some(end)) = (range.start(), range.end()) else {
        return (Vec::new(), (0, 0));
    };
    let (r0, c0) = (start.0 as usize, start.1 as usize);
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let mut cells = vec![(String::new(), false); c0];
        let mut any = false;
        for d in row {
            let mut text = String::new();
            let is_text = data_text(d, &mut text);
            any |= !text.trim().is_empty();
            cells.push((text, is_text));
        }
        if any {
            rows.push((r0 + i, cells));
            if rows.len() >= SCAN {
                break;
            }
        }
    }
    (rows, (end.0 as usize + 1, end.1 as usize + 1))
}

/// A sheet read whole as CSV from row `skip` (0-based), every row padded to `width`.
fn csv_range(range: &Range<Data>, skip: usize, width: usize) -> Vec<u8> {
    let (Some(start), Some(_)) = (range.start(), range.end()) else {
        return Vec::new();
    };
    let (r0, c0) = (start.0 as usize, start.1 as usize);
    let (height, w) = range.get_size();
    let mut csv = CsvOut::new(width, height * w * 8);
    csv.blank_rows(r0.saturating_sub(skip));
    let mut fields: Vec<String> = vec![String::new(); c0 + w];
    for (i, row) in range.rows().enumerate() {
        if r0 + i < skip {
            continue;
        }
        for (f, d) in fields[c0..].iter_mut().zip(row) {
            f.clear();
            data_text(d, f);
        }
        csv.row(&fields);
    }
    csv.out
}

/// An .xlsx sheet streamed as CSV from row `skip` (0-based): its cells are never all held.
fn csv_xlsx<RS: std::io::Read + std::io::Seek>(
    wb: &mut Xlsx<RS>,
    sheet: &str,
    skip: usize,
    width: usize,
) -> Result<Vec<u8>, SheetError> {
    let mut cells = wb
        .worksheet_cells_reader(sheet)
        .map_err(|e| damaged("Excel workbook", e))?;
    let mut csv = CsvOut::new(width, 1 << 16);
    let mut fields: Vec<String> = Vec::new();
    let mut used = 0; // fields of the current row set
    let mut next = skip; // the next row to write
    let mut row = None;
    while let Some(cell) = cells
        .next_cell()
        .map_err(|e| damaged("Excel workbook", e))?
    {
        let (r, c) = cell.get_position();
        let (r, c) = (r as usize, c as usize);
        if r < skip {
            continue;
        }
        if row != Some(r) {
            if let Some(prev) = row {
                csv.row(&fields[..used]);
                next = prev + 1;
            }
            csv.blank_rows(r.saturating_sub(next));
            for f in &mut fields[..used] {
                f.clear();
            }
            used = 0;
            row = Some(r);
        }
        if fields.len() <= c {
            fields.resize(c + 1, String::new());
        }
        used = used.max(c + 1);
        data_ref_text(cell.get_value(), &mut fields[c]);
    }
    if row.is_some() {
        csv.row(&fields[..used]);
    }
    Ok(csv.out)
}
