//! Opening a dropped file: an .xlsx, an .ods, or a zip holding them (and CSV files), each
//! sheet scanned for its header, and a chosen table written as CSV.

use std::borrow::Cow;
use std::io::{Cursor, Read};

use yjlens_core::catalogue::messages::{fill, msg};
use yjlens_core::extract::{header_score, read_table, MappingProfile};
use zip::ZipArchive;

use crate::cells::CsvOut;
use crate::pick::{self, ScanRow, SCAN};
use crate::xml::{damaged, Row};
use crate::{ods, xlsx, SheetError, Table};

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

type Zip<'a> = ZipArchive<Cursor<Cow<'a, [u8]>>>;

enum PartKind<'a> {
    Xlsx(Box<(Zip<'a>, xlsx::Workbook)>),
    Ods(Zip<'a>),
    Csv(Cow<'a, [u8]>),
}

/// Where a table lives: the part and the sheet's position in it (`None`: a CSV file).
pub(crate) struct Place {
    pub(crate) part: usize,
    pub(crate) sheet: Option<usize>,
}

/// The columns of a row examined for a header (a header wider than this is not looked for).
const SCAN_COLUMNS: usize = 256;

/// A row's first [`SCAN_COLUMNS`] cells, to look for a header in.
fn scan_cells(row: &Row) -> Vec<(String, bool)> {
    let cells = row.cells();
    cells[..cells.len().min(SCAN_COLUMNS)].to_vec()
}

/// The largest CSV buffer reserved up front (the text grows past it as needed).
const RESERVE: usize = 64 << 20;

/// The opened file: what it is, its parts, and its tables in order.
pub(crate) struct Book<'a> {
    pub(crate) kind: &'static str,
    pub(crate) parts: Vec<Part<'a>>,
    pub(crate) tables: Vec<Table>,
    pub(crate) places: Vec<Place>,
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
        return Err(SheetError(msg("error.sheets.xlsb").into()));
    }
    if has("xl/workbook.xml") {
        return Ok(Container::Xlsx);
    }
    if has("mimetype") && has("content.xml") {
        return Ok(Container::Ods); // the mimetype is checked when it is opened
    }
    if under("word/") {
        return Err(SheetError(msg("error.sheets.word").into()));
    }
    if under("ppt/") {
        return Err(SheetError(msg("error.sheets.powerpoint").into()));
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
            return Err(SheetError(msg("error.sheets.xls").into()));
        }
        let mut zip = ZipArchive::new(Cursor::new(Cow::Borrowed(bytes)))
            .map_err(|e| SheetError(fill(msg("error.sheets.not_zip"), &[("why", &e)])))?;
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
                book.kind = msg("sheets.kind.xlsx");
                book.add_xlsx(None, zip, profile)?;
            }
            Container::Ods => {
                book.kind = msg("sheets.kind.ods");
                let mut mime = String::new();
                if let Ok(f) = zip.by_name("mimetype") {
                    let _ = f.take(200).read_to_string(&mut mime);
                }
                if mime.trim() != "application/vnd.oasis.opendocument.spreadsheet" {
                    return Err(SheetError(msg("error.sheets.ods_not_spreadsheet").into()));
                }
                book.add_ods(None, zip, profile)?;
            }
            Container::Archive => {
                book.kind = msg("sheets.kind.zip");
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
                    return Err(SheetError(fill(
                        msg("error.sheets.zip_empty"),
                        &[("name", &name)],
                    )));
                }
                for entry in entries {
                    let mut f = zip
                        .by_name(&entry)
                        .map_err(|e| damaged(msg("sheets.kind.zip"), e))?;
                    if f.size() > MAX_ENTRY {
                        return Err(SheetError(fill(
                            msg("error.sheets.entry_too_large"),
                            &[("entry", &entry)],
                        )));
                    }
                    let mut data = Vec::with_capacity(f.size() as usize);
                    f.by_ref()
                        .take(MAX_ENTRY)
                        .read_to_end(&mut data)
                        .map_err(|e| damaged(msg("sheets.kind.zip"), e))?;
                    drop(f);
                    let file = Some(entry.clone());
                    if data.starts_with(b"PK\x03\x04") {
                        let what = if ext(&entry) == "xlsx" {
                            msg("sheets.kind.xlsx")
                        } else {
                            msg("sheets.kind.ods")
                        };
                        let inner = ZipArchive::new(Cursor::new(Cow::Owned(data)))
                            .map_err(|e| damaged(what, format_args!("{entry}: {e}")))?;
                        if ext(&entry) == "xlsx" {
                            book.add_xlsx(file, inner, profile)?;
                        } else {
                            book.add_ods(file, inner, profile)?;
                        }
                    } else {
                        book.add_csv(file, Cow::Owned(data), profile);
                    }
                }
            }
        }
        if book.tables.is_empty() {
            return Err(SheetError(fill(
                msg("error.sheets.no_worksheet"),
                &[("what", &book.kind)],
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

    fn add_xlsx(
        &mut self,
        file: Option<String>,
        mut zip: Zip<'a>,
        profile: &MappingProfile,
    ) -> Result<(), SheetError> {
        let part = self.parts.len();
        let wb = xlsx::Workbook::open(&mut zip)?;
        for i in 0..wb.sheets.len() {
            let mut rows: Vec<ScanRow> = Vec::new();
            let mut widest = 0;
            let dims = wb.rows(&mut zip, i, &mut |row: &Row| {
                widest = widest.max(row.cells().len());
                rows.push((row.index, scan_cells(row)));
                rows.len() < SCAN
            })?;
            let last = rows.last().map_or(0, |r| r.0 + 1);
            let (h, w) = dims.unwrap_or((0, 0));
            let sheet = &wb.sheets[i];
            let (name, hidden) = (sheet.name.clone(), sheet.hidden);
            self.add_table(
                &file,
                part,
                i,
                name,
                hidden,
                &rows,
                (h.max(last), w.max(widest)),
                profile,
            );
        }
        self.parts.push(Part {
            file,
            kind: PartKind::Xlsx(Box::new((zip, wb))),
        });
        Ok(())
    }

    fn add_ods(
        &mut self,
        file: Option<String>,
        mut zip: Zip<'a>,
        profile: &MappingProfile,
    ) -> Result<(), SheetError> {
        let part = self.parts.len();
        // An encrypted .ods says so in its manifest (its content.xml is then not XML).
        let mut manifest = Vec::new();
        if let Ok(f) = zip.by_name("META-INF/manifest.xml") {
            let _ = f.take(1 << 20).read_to_end(&mut manifest);
        }
        if manifest.windows(15).any(|w| w == b"encryption-data") {
            return Err(SheetError(msg("error.sheets.password").into()));
        }
        struct Scan {
            name: String,
            hidden: bool,
            rows: Vec<ScanRow>,
            height: usize,
            width: usize,
        }
        let mut tables: Vec<Scan> = Vec::new();
        ods::read(&mut zip, &mut |item| {
            match item {
                ods::Item::Table { name, hidden } => tables.push(Scan {
                    name,
                    hidden,
                    rows: Vec::new(),
                    height: 0,
                    width: 0,
                }),
                ods::Item::Row(row, repeat) => {
                    if let Some(t) = tables.last_mut() {
                        let cells = row.cells();
                        for k in 0..repeat.min(SCAN - t.rows.len()) {
                            t.rows.push((row.index + k, scan_cells(row)));
                        }
                        t.height = row.index.saturating_add(repeat);
                        t.width = t.width.max(cells.len());
                    }
                }
            }
            true
        })?;
        for (i, t) in tables.into_iter().enumerate() {
            self.add_table(
                &file,
                part,
                i,
                t.name,
                t.hidden,
                &t.rows,
                (t.height, t.width),
                profile,
            );
        }
        self.parts.push(Part {
            file,
            kind: PartKind::Ods(zip),
        });
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
        index: usize,
        sheet: String,
        hidden: bool,
        rows: &[ScanRow],
        (height, width): (usize, usize),
        profile: &MappingProfile,
    ) {
        if rows.is_empty() {
            return; // an empty sheet is no table
        }
        let header = pick::header(rows, profile);
        let aside = pick::aside(&sheet);
        self.tables.push(Table {
            file: file.clone(),
            sheet: Some(sheet),
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
        self.places.push(Place {
            part,
            sheet: Some(index),
        });
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
        let reserve = table
            .rows
            .saturating_mul(width)
            .saturating_mul(8)
            .min(RESERVE);
        let place = &self.places[index];
        let sheet = place.sheet.unwrap_or(0);
        let mut csv = CsvOut::new(width, reserve);
        let mut next = skip;
        // `false` (stop) once the CSV would pass MAX_CSV: a hostile file (a row number in the
        // billions, a value repeated over a million rows) must not take all memory.
        let mut write = |index: usize, row: &Row| {
            if index >= skip {
                csv.blank_rows(index - next);
                next = index + 1;
                return csv.row(row.cells());
            }
            true
        };
        match &mut self.parts[place.part].kind {
            PartKind::Csv(bytes) => return Ok(bytes.to_vec()),
            PartKind::Xlsx(book) => {
                let (zip, wb) = &mut **book;
                wb.rows(zip, sheet, &mut |row| write(row.index, row))?;
            }
            PartKind::Ods(zip) => {
                let mut at = None;
                ods::read(zip, &mut |item| match item {
                    ods::Item::Table { .. } => {
                        let k = at.map_or(0, |k| k + 1);
                        at = Some(k);
                        k <= sheet
                    }
                    ods::Item::Row(row, repeat) => {
                        // A row with a value repeated: each copy is a row.
                        at != Some(sheet)
                            || (0..repeat).all(|k| write(row.index.saturating_add(k), row))
                    }
                })?;
            }
        }
        if csv.full {
            return Err(SheetError(fill(
                msg("error.sheets.table_too_large"),
                &[
                    ("table", &self.tables[index].name),
                    ("gb", &(crate::cells::MAX_CSV >> 30)),
                ],
            )));
        }
        Ok(csv.out)
    }
}
