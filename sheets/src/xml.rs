//! What the .xlsx and .ods readers share: zip entries read as XML (quick-xml, UTF-8: both
//! formats are UTF-8 XML), attributes, entity references, and a row of cells.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read, Seek};

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::XmlVersion;
use zip::ZipArchive;

use crate::SheetError;
use yjlens_core::catalogue::messages::{fill, msg};

pub(crate) type Reader<R> = quick_xml::Reader<R>;

/// Buffer size of a zip entry's reader (the XML of a large sheet is tens of MB).
const BUF: usize = 64 * 1024;

/// A reader of XML that does not check end names (faster; a workbook's XML is machine-written).
pub(crate) fn reader<R: BufRead>(r: R) -> Reader<R> {
    let mut x = quick_xml::Reader::from_reader(r);
    x.config_mut().check_end_names = false;
    x
}

/// The sentence for a workbook whose insides cannot be read.
pub(crate) fn damaged(what: &str, e: impl std::fmt::Display) -> SheetError {
    SheetError(fill(
        msg("error.sheets.damaged"),
        &[("what", &what), ("why", &e)],
    ))
}

/// The index of a zip entry by its path, compared without case when no entry has it exactly.
pub(crate) fn find<R: Read + Seek>(zip: &ZipArchive<R>, path: &str) -> Option<usize> {
    zip.index_for_name(path).or_else(|| {
        (0..zip.len()).find(|&i| {
            zip.name_for_index(i)
                .and_then(Result::ok)
                .is_some_and(|n| n.eq_ignore_ascii_case(path))
        })
    })
}

/// Read a zip entry as XML through `f` (`None` when there is no such entry).
pub(crate) fn with_entry<R: Read + Seek, T>(
    zip: &mut ZipArchive<R>,
    path: &str,
    what: &str,
    f: impl FnOnce(&mut Reader<BufReader<zip::read::ZipFile<'_, R>>>) -> Result<T, SheetError>,
) -> Result<Option<T>, SheetError> {
    let Some(i) = find(zip, path) else {
        return Ok(None);
    };
    let file = zip.by_index(i).map_err(|e| damaged(what, e))?;
    let mut x = reader(BufReader::with_capacity(BUF, file));
    f(&mut x).map(Some)
}

/// Every event of a whole part, to `f`, until the end of the part (parts read whole: the
/// relationships, the workbook, shared strings, styles). A sheet's rows, which may stop early,
/// have their own loop.
pub(crate) fn each_event<B: BufRead>(
    x: &mut Reader<B>,
    what: &str,
    mut f: impl FnMut(Event<'_>),
) -> Result<(), SheetError> {
    let mut buf = Vec::new();
    loop {
        match x.read_event_into(&mut buf).map_err(|e| damaged(what, e))? {
            Event::Eof => return Ok(()),
            event => f(event),
        }
        buf.clear();
    }
}

/// An attribute's value by its local name (`r:id` → `id`).
pub(crate) fn attr<'a>(e: &'a BytesStart<'_>, local: &str) -> Option<Cow<'a, str>> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
}

/// Append what an entity or character reference stands for (`&amp;` → `&`).
pub(crate) fn push_ref(r: &BytesRef<'_>, out: &mut String) {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        out.push(c);
    } else if let Some(s) = resolve_predefined_entity(r) {
        out.push_str(s);
    } else {
        out.push('&');
        out.push_str(r);
        out.push(';');
    }
}

/// A row with a value in it: its 0-based row number and its cells from column A (text,
/// whether the cell holds text rather than a number, date or boolean). Its strings are reused
/// from row to row.
#[derive(Default)]
pub(crate) struct Row {
    pub(crate) index: usize,
    cells: Vec<(String, bool)>,
    len: usize,
}

impl Row {
    pub(crate) fn reset(&mut self, index: usize) {
        for c in &mut self.cells[..self.len] {
            c.0.clear();
            c.1 = false;
        }
        self.len = 0;
        self.index = index;
    }

    /// Column `col`'s cell, to write into (the row grows to hold it).
    pub(crate) fn cell(&mut self, col: usize) -> &mut (String, bool) {
        if self.cells.len() <= col {
            self.cells.resize_with(col + 1, Default::default);
        }
        self.len = self.len.max(col + 1);
        &mut self.cells[col]
    }

    /// The cells from column A to the last with a value.
    pub(crate) fn cells(&self) -> &[(String, bool)] {
        let cells = &self.cells[..self.len];
        let n = cells
            .iter()
            .rposition(|c| !c.0.trim().is_empty())
            .map_or(0, |i| i + 1);
        &cells[..n]
    }

    pub(crate) fn is_blank(&self) -> bool {
        self.cells().is_empty()
    }
}
