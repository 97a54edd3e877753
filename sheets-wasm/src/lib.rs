//! Spreadsheets in the browser (issue 13): the wasm-bindgen surface over `yjlens-sheets`, a
//! module of its own that the worker imports only when the dropped bytes are a zip or an OLE2
//! file (`www/src/sheets.js`). Natively this crate is empty.
//!
//! Errors are thrown as the one sentence a person reads (a string); `sheets.js` makes them
//! the element's `{ kind: 'refused', message, detail }`.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use yjlens_core::extract::MappingProfile;
use yjlens_sheets::{convert, list, Choice, Converted};

/// A mapping profile holding only the file's headers the user mapped (`columns`: one a
/// line): all that recognising a header needs. (Not the profile's JSON: parsing it would
/// link serde_json's reader for nothing.)
fn profile(columns: &str) -> MappingProfile {
    let mut p = MappingProfile::default();
    for (i, h) in columns.lines().filter(|h| !h.trim().is_empty()).enumerate() {
        p.columns.insert(i.to_string(), h.to_string());
    }
    p
}

/// Write the sentences (refusals, the note naming the table read) in `lang` (`"cy"`, `"en"`;
/// anything else is English) from now on in this instance: `sheets.js` passes the element's
/// language before each call, as the worker does for the main module.
#[wasm_bindgen(js_name = setLanguage)]
pub fn set_language(lang: Option<String>) {
    use yjlens_core::catalogue::{messages, Lang};
    messages::set_language(lang.as_deref().and_then(Lang::from_id).unwrap_or(Lang::En));
}

fn listing_json(l: &yjlens_sheets::Listing) -> String {
    serde_json::to_string(l).unwrap_or_else(|_| "null".into())
}

/// Every table of a spreadsheet file, as JSON (`yjlens_sheets::Listing`: `kind`, `tables`
/// with `index`, `name`, `header_row`, `header`, `required`, `known`…, `best`, `clear`).
#[wasm_bindgen(js_name = listTables)]
pub fn list_tables(bytes: &[u8], name: &str, columns: &str) -> Result<String, JsValue> {
    let listing = list(bytes, name, &profile(columns)).map_err(|e| JsValue::from_str(&e.0))?;
    Ok(listing_json(&listing))
}

/// One table of a spreadsheet file as CSV, with the listing it came from.
#[wasm_bindgen]
pub struct Table {
    converted: Converted,
    note: String,
}

#[wasm_bindgen]
impl Table {
    /// The listing, as JSON (see [`list_tables`]).
    #[wasm_bindgen(getter)]
    pub fn listing(&self) -> String {
        listing_json(&self.converted.listing)
    }

    /// The table read (its index in the listing).
    #[wasm_bindgen(getter)]
    pub fn used(&self) -> usize {
        self.converted.used
    }

    /// "Read from the sheet “Data” of extract.xlsx (its other sheets: Cover, Notes)."
    #[wasm_bindgen(getter)]
    pub fn note(&self) -> String {
        self.note.clone()
    }

    /// The CSV bytes (UTF-8), moved out: a second call gives an empty array.
    #[wasm_bindgen(js_name = takeCsv)]
    pub fn take_csv(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.converted.csv)
    }
}

/// One table of a spreadsheet file as CSV: `sheet` names it (a table's name, a sheet's name
/// or a number from 1; empty: the first sheet with a recognisable header). `from_header`
/// starts the CSV at the header row (a population file) instead of the sheet's first row.
/// `columns`: the headers the mapping profile names, one a line (they count towards a header).
#[wasm_bindgen(js_name = tableCsv)]
pub fn table_csv(
    bytes: &[u8],
    name: &str,
    sheet: &str,
    from_header: bool,
    columns: &str,
) -> Result<Table, JsValue> {
    let choice = if sheet.trim().is_empty() {
        Choice::Best
    } else {
        Choice::Name(sheet.to_string())
    };
    let converted = convert(bytes, name, &choice, from_header, &profile(columns))
        .map_err(|e| JsValue::from_str(&e.0))?;
    let note = converted.note(name);
    Ok(Table { converted, note })
}
