//! The schema of records in browser storage, and its migrations.
//!
//! A stored record is an envelope `{"schema": N, "record": {...}}`. Reading
//! looks at `schema` first, then reads the record in the shape of that
//! schema version and migrates it up to the current [`Record`]. Writing
//! always uses [`STORAGE_SCHEMA`].
//!
//! **Invariant:** a schema version, once shipped, is read forever. The tests
//! keep a frozen fixture of every version (`tests/data/stored-v*-*.json`) and
//! check that it still reads to the same record.
//!
//! The versions:
//!
//! - **1**: a record as first shipped: answers, no action plan.
//! - **2**: a reflection may hold an action plan (`actions`, see
//!   [`crate::plan`]). The shape is v1's plus one optional field, so v1
//!   could have been read by the v2 reader; the number went up anyway,
//!   because an app that knows only v1 would read a v2 record, drop its
//!   actions without a word, and write it back without them on the next
//!   save. With the bump it refuses the record as newer
//!   ([`DecodeError::Newer`]) and leaves it alone.
//!
//! An old version is read by today's types as long as they read it exactly
//! (v1 today: see [`Current`]), then migrated. On the day a change to the
//! record types would misread an old version, that version's reader gets
//! frozen copies of the types it needs, here; the frozen fixtures of every
//! version are what tells that day has come.
//!
//! The shapes are serde derives on the record types, read and written by
//! `serde_json`. Reading parses the text twice, once for `schema` alone
//! (everything else is skipped) and once in that version's shape, so the
//! browser path needs no raw JSON type; a stored record is small.
//!
//! **Nesting:** an envelope nests at most 7 levels (envelope, record,
//! body, reflection, `actions`, an item's list, action); deeper where a
//! value is read is refused (the wrong type, and `serde_json` refuses the
//! 128th level in any case), unknown fields are skipped without recursion
//! however deep, so no input can overflow the stack (`tests/fuzz/`).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::export::ExportRecord;
use crate::record::{Body, Record, RecordId};

/// The schema version this code writes.
pub const STORAGE_SCHEMA: u32 = 2;

/// Why a stored value could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON, or not a record envelope; says where.
    Malformed(String),
    /// Written by a newer version of the app; reading it would lose data.
    Newer(u32),
    /// A schema number that no version of the app ever wrote.
    Unknown(u32),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Malformed(why) => write!(f, "stored record is damaged: {why}"),
            DecodeError::Newer(v) => write!(
                f,
                "stored record has schema {v}, newer than this app ({STORAGE_SCHEMA})"
            ),
            DecodeError::Unknown(v) => write!(f, "stored record has unknown schema {v}"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// The envelope as written: always the current schema.
#[derive(Serialize)]
pub(crate) struct Envelope<'a> {
    schema: u32,
    record: &'a Record,
}

impl Envelope<'_> {
    pub(crate) fn new(record: &Record) -> Envelope<'_> {
        Envelope {
            schema: STORAGE_SCHEMA,
            record,
        }
    }
}

/// Serialises a record for storage, in the current schema.
pub fn encode(record: &Record) -> String {
    serde_json::to_string(&Envelope::new(record)).expect("a record always serialises")
}

/// The first look at an envelope: the schema number, nothing else.
#[derive(Deserialize)]
struct Schema {
    schema: u32,
}

/// An envelope of schema 1 or 2, read in today's shape. Schema 2 only
/// added an optional field (a reflection's `actions`), so today's types
/// still read schema 1 exactly; a v1 record never had actions, and any
/// found there are dropped ([`decode`]). A frozen copy of the v1 types
/// would cost the teacher's page about 2.7 KB of gzipped wasm for nothing:
/// it is written on the day today's types can no longer read a v1 record,
/// and the frozen fixtures (`tests/data/stored-v1-*.json`) say when that
/// day has come.
#[derive(Deserialize)]
struct Current {
    record: Record,
}

/// Reads a stored record of any schema version this app knows, migrated to
/// the current shape.
pub fn decode(text: &str) -> Result<Record, DecodeError> {
    let malformed = |e: serde_json::Error| DecodeError::Malformed(e.to_string());
    let Schema { schema } = serde_json::from_str(text).map_err(malformed)?;
    match schema {
        1 => serde_json::from_str(text)
            .map(|v: Current| {
                // v1 to v2: a reflection starts with an empty action plan.
                let mut record = v.record;
                if let Body::Reflection(r) = &mut record.body {
                    r.actions.clear();
                }
                record
            })
            .map_err(malformed),
        2 => serde_json::from_str(text)
            .map(|v: Current| v.record)
            .map_err(malformed),
        v if v > STORAGE_SCHEMA => Err(DecodeError::Newer(v)),
        v => Err(DecodeError::Unknown(v)),
    }
}

/// The schema version of a collected file that this code writes.
pub const COLLECTED_SCHEMA: u32 = 1;

/// One file imported into the collection view (`/verzamelen`), as kept in
/// the browser's IndexedDB: its name and size, the day it was imported, the
/// records it held that could be read, and, in plain Dutch, why others
/// could not. Stored as `{"schema": N, "file": {...}}`, read like records:
/// every schema version ever written, forever (frozen fixture:
/// `tests/data/collected-v1.json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CollectedFile {
    pub name: String,
    pub size: u64,
    pub imported: Date,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
    pub records: Vec<ExportRecord>,
}

#[derive(Serialize)]
struct FileEnvelope<'a> {
    schema: u32,
    file: &'a CollectedFile,
}

#[derive(Deserialize)]
struct FileV1 {
    file: CollectedFile,
}

/// Serialises a collected file for storage, in the current schema.
pub fn encode_file(file: &CollectedFile) -> String {
    let envelope = FileEnvelope {
        schema: COLLECTED_SCHEMA,
        file,
    };
    serde_json::to_string(&envelope).expect("a collected file always serialises")
}

/// Serialises a collected file from its parts, with its records as the
/// JSON text they were read from (each one already read with
/// `import::read_record`, so it is a valid record): for a big import, this
/// saves writing thousands of records out again. Reads back like
/// [`encode_file`]'s output.
pub fn encode_file_parts(
    name: &str,
    size: u64,
    imported: Date,
    problems: &[String],
    records: &[&str],
) -> String {
    let text = |s: &str| serde_json::to_string(s).expect("a string always serialises");
    let mut out = String::with_capacity(records.iter().map(|r| r.len() + 1).sum::<usize>() + 200);
    out.push_str("{\"schema\":");
    out.push_str(&COLLECTED_SCHEMA.to_string());
    out.push_str(",\"file\":{\"name\":");
    out.push_str(&text(name));
    out.push_str(",\"size\":");
    out.push_str(&size.to_string());
    out.push_str(",\"imported\":\"");
    out.push_str(&imported.to_string());
    out.push('"');
    if !problems.is_empty() {
        out.push_str(",\"problems\":[");
        for (i, p) in problems.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&text(p));
        }
        out.push(']');
    }
    out.push_str(",\"records\":[");
    for (i, r) in records.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(r.trim());
    }
    out.push_str("]}}");
    out
}

/// Reads a collected file of any schema version this app knows.
pub fn decode_file(text: &str) -> Result<CollectedFile, DecodeError> {
    let malformed = |e: serde_json::Error| DecodeError::Malformed(e.to_string());
    let Schema { schema } = serde_json::from_str(text).map_err(malformed)?;
    match schema {
        1 => serde_json::from_str(text)
            .map(|v: FileV1| v.file)
            .map_err(malformed),
        v if v > COLLECTED_SCHEMA => Err(DecodeError::Newer(v)),
        v => Err(DecodeError::Unknown(v)),
    }
}

/// Prefix of every key this app writes in `localStorage`.
pub const KEY_PREFIX: &str = "zichtbaar.";

/// The storage key of a record.
pub fn record_key(id: &RecordId) -> String {
    format!("{KEY_PREFIX}record.{id}")
}

/// Whether a storage key holds a record.
pub fn is_record_key(key: &str) -> bool {
    key.strip_prefix(KEY_PREFIX)
        .and_then(|k| k.strip_prefix("record."))
        .is_some_and(|id| RecordId::parse(id).is_some())
}
