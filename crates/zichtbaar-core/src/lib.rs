//! The pure domain of Zichtbaar.
//!
//! Instruments, answers, the storage schema with its migrations, backups,
//! the export contract with anonymisation, and import of exports. Everything here is plain data and plain
//! functions, tested natively with `cargo test`.
//!
//! **Architecture invariant:** this crate knows nothing about the browser. It
//! does not depend on leptos, web-sys, wasm-bindgen, js-sys or gloo (a test
//! over `cargo metadata` enforces it), and it never reads a clock or a random
//! source: the caller passes in today's [`date::Date`] and random bytes.
//!
//! Records, backups and exports are JSON, read and written with serde derives
//! and `serde_json` (see [`encoding`] for how, and what is avoided to keep the
//! wasm small). Reading never overflows the stack on deeply nested input
//! (the fuzz harness in `tests/fuzz/` tries 100,000 levels on a 256 KB
//! stack): no type read recurses deeper than a record's own shape (6
//! levels in an export, 9 in a backup), an array or object nested deeper
//! where a value is read is the wrong type, `serde_json` refuses the 128th
//! level in any case, and unknown fields are skipped without recursion
//! however deep. Keep it so: no `serde_json::Value`, no recursive type and
//! no `unbounded_depth` in a reader.

#[macro_use]
pub mod encoding;

pub mod anonymise;
pub mod backup;
pub mod collection;
pub mod csv;
pub mod date;
pub mod export;
pub mod ics;
pub mod import;
pub mod instrument;
pub mod mail;
pub mod merge;
pub mod plan;
pub mod record;
pub mod shared;
pub mod stored;
pub mod team;

pub use date::{Date, SchoolYear};
pub use instrument::{Instrument, InstrumentDef, InstrumentRef};
pub use record::{
    Answer, Body, Kind, Perspective, Progress, Receipt, ReceiptText, Record, RecordId, Reflection,
};
