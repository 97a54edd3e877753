//! Charts: chart specs built from the report, drawn with plotters on any backend (canvas in
//! the browser, SVG for export and native tests).
