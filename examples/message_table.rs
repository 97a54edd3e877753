//! Write the core's message table of a language as a JavaScript module, for the browser's
//! modules built without it (issue 15: the Welsh table is not compiled into the wasm an
//! English page fetches). `cargo run -q --example message_table -- cy > core-cy.js`: `make
//! package` writes the package's `messages/core-cy.js`, which a Welsh page's worker and drawing
//! instance import and give to the core (`giveMessages`).
//!
//! The module's default export is the table's (id, text) pairs in the table's order, as JSON.

use yjlens_core::catalogue::messages::table;
use yjlens_core::catalogue::Lang;

fn main() {
    let id = std::env::args().nth(1).unwrap_or_default();
    let Some(lang) = Lang::from_id(&id) else {
        eprintln!(
            "usage: message_table LANG (one of: {})",
            Lang::ALL
                .iter()
                .map(|l| l.id())
                .collect::<Vec<_>>()
                .join(", ")
        );
        std::process::exit(2);
    };
    let pairs = serde_json::to_string(table(lang)).expect("a table of strings serialises");
    println!("// The core's message table in {id} (cargo run --example message_table -- {id}).");
    println!("export default {pairs};");
}
