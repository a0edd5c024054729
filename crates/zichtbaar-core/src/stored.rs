//! The schema of records in browser storage, and its migrations.
//!
//! A stored record is an envelope `{"schema": N, "record": {...}}`. Reading
//! looks at `schema` first, then reads the record in the shape of that
//! schema version and migrates it up to the current [`Record`]. Writing
//! always uses [`STORAGE_SCHEMA`].
//!
//! **Invariant:** a schema version, once shipped, is read forever. The tests
//! keep a frozen fixture of every version (`tests/data/stored-v1-*.json`) and
//! check that it still reads to the same record.

use std::fmt;

use crate::json::{self, Fields, Object, Value};
use crate::record::{Record, RecordId};

/// The schema version this code writes.
pub const STORAGE_SCHEMA: u32 = 1;

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

/// The envelope of a record, as a JSON value (for storage and backups).
pub fn to_value(record: &Record) -> Value {
    Object::new()
        .with("schema", STORAGE_SCHEMA)
        .with("record", record.to_json())
        .build()
}

/// Serialises a record for storage, in the current schema.
pub fn encode(record: &Record) -> String {
    to_value(record).to_compact()
}

/// Reads an envelope of any schema version this app knows, migrated to the
/// current shape.
pub fn from_value(v: &Value) -> Result<Record, DecodeError> {
    let f = Fields::of(v, "").map_err(DecodeError::Malformed)?;
    match f.u32("schema").map_err(DecodeError::Malformed)? {
        // Schema 1 is the record as it is today. When schema 2 comes, the
        // v1 reader is frozen here and its result migrated.
        1 => Record::from_json(f.req("record").map_err(DecodeError::Malformed)?, "record")
            .map_err(DecodeError::Malformed),
        v if v > STORAGE_SCHEMA => Err(DecodeError::Newer(v)),
        v => Err(DecodeError::Unknown(v)),
    }
}

/// Reads a stored record.
pub fn decode(text: &str) -> Result<Record, DecodeError> {
    let v = json::parse(text).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    from_value(&v)
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
