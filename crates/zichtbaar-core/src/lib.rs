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

pub mod anonymise;
pub mod backup;
pub mod date;
pub mod export;
pub mod import;
pub mod instrument;
pub mod json;
pub mod record;
pub mod stored;

pub use date::{Date, SchoolYear};
pub use instrument::{Instrument, InstrumentDef, InstrumentRef};
pub use record::{
    Answer, Body, Kind, Perspective, Progress, Receipt, Record, RecordId, Reflection,
};
