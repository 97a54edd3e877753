//! The KPIs' files in the worker's session (`kpis.md`, issue 14): the interventions extract
//! and the board attendance file, read and kept for [`Session::analyse`]. Only in the full
//! module (feature `kpi`, `yjlens_full_bg.wasm`), which the worker fetches when a KPI file
//! arrives: the module a page fetches to analyse a CSV has none of this (issue 15).

use wasm_bindgen::prelude::*;

use crate::session::{from_js_or_default, refusal, to_js, today, Session};
use yjlens_core::extract::interventions::{read_board, read_interventions};
use yjlens_core::extract::ReadOptions;

#[wasm_bindgen]
impl Session {
    /// Read an interventions extract (the KPIs), kept until replaced or cleared; `options` are
    /// read options as [`Session::begin`] takes (its mapping profile's intervention columns and
    /// types). Returns its quality report. On a refusal the one in use is kept.
    #[wasm_bindgen(js_name = setInterventions)]
    pub fn set_interventions(
        &mut self,
        bytes: &[u8],
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let mut options: ReadOptions =
            from_js_or_default(options, "error.session.what.read_options")?;
        options.today = options.today.or_else(today);
        let interventions = read_interventions(bytes, &options).map_err(refusal)?;
        let quality = to_js(&interventions.quality, "error.session.what.quality_report")?;
        self.interventions = Some(interventions);
        Ok(quality)
    }

    /// Drop the interventions extract: the next analysis has no KPIs but KPI 7 and 9.
    #[wasm_bindgen(js_name = clearInterventions)]
    pub fn clear_interventions(&mut self) {
        self.interventions = None;
    }

    /// Read a board attendance file (KPI 7). Returns its quality report.
    #[wasm_bindgen(js_name = setBoard)]
    pub fn set_board(&mut self, bytes: &[u8]) -> Result<JsValue, JsValue> {
        let options = ReadOptions {
            today: today(),
            ..ReadOptions::default()
        };
        let board = read_board(bytes, &options).map_err(refusal)?;
        let quality = to_js(&board.quality, "error.session.what.quality_report")?;
        self.board = Some(board);
        Ok(quality)
    }

    /// Drop the board attendance file.
    #[wasm_bindgen(js_name = clearBoard)]
    pub fn clear_board(&mut self) {
        self.board = None;
    }
}
