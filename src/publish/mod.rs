//! Publishing figures: the aggregate file (write and read, `input-formats.md` §4) and
//! statistical disclosure control (`widget.md`, "Disclosure control").

pub mod aggregate;
pub mod disclosure;
pub mod export;
pub mod linkage;
pub mod recompute;
pub mod scope;
