//! The schema of records in browser storage, and its migrations.
//!
//! A stored record is an envelope `{"schema": N, "record": {...}}`. The
//! envelope is read in two steps: first only `schema`, then the record in the
//! shape of that schema version, which is migrated up to the current
//! [`Record`]. Writing always uses [`STORAGE_SCHEMA`].
//!
//! **Invariant:** a schema version, once shipped, is read forever. The tests
//! keep a frozen fixture of every version (`tests/data/stored-v1-*.json`) and
//! check that it still reads to the same record.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::record::Record;

/// The schema version this code writes.
pub const STORAGE_SCHEMA: u32 = 1;

/// Why a stored value could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON, or not a record envelope.
    Malformed(String),
    /// Written by a newer version of the app; reading it would lose data.
    Newer(u32),
    /// A schema number that no version of the app ever wrote.
    Unknown(u32),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Malformed(e) => write!(f, "stored record is damaged: {e}"),
            DecodeError::Newer(v) => write!(
                f,
                "stored record has schema {v}, newer than this app ({STORAGE_SCHEMA})"
            ),
            DecodeError::Unknown(v) => write!(f, "stored record has unknown schema {v}"),
        }
    }
}

impl std::error::Error for DecodeError {}

#[derive(Deserialize)]
struct Probe {
    schema: u32,
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    schema: u32,
    record: &'a Record,
}

/// Schema 1: the record as it is today. When schema 2 comes, this type is
/// frozen here (renamed `RecordV1`) and [`decode`] migrates it.
#[derive(Deserialize)]
struct EnvelopeV1 {
    record: Record,
}

/// Serialises a record for storage, in the current schema.
pub fn encode(record: &Record) -> String {
    serde_json::to_string(&EnvelopeOut {
        schema: STORAGE_SCHEMA,
        record,
    })
    .unwrap_or_default()
}

/// Reads a stored record of any schema version this app knows, migrated to
/// the current shape.
pub fn decode(text: &str) -> Result<Record, DecodeError> {
    let probe: Probe =
        serde_json::from_str(text).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    match probe.schema {
        1 => serde_json::from_str::<EnvelopeV1>(text)
            .map(|e| e.record)
            .map_err(|e| DecodeError::Malformed(e.to_string())),
        v if v > STORAGE_SCHEMA => Err(DecodeError::Newer(v)),
        v => Err(DecodeError::Unknown(v)),
    }
}

/// Prefix of every key this app writes in `localStorage`.
pub const KEY_PREFIX: &str = "zichtbaar.";

/// The storage key of a record.
pub fn record_key(id: &crate::record::RecordId) -> String {
    format!("{KEY_PREFIX}record.{id}")
}

/// Whether a storage key holds a record.
pub fn is_record_key(key: &str) -> bool {
    key.strip_prefix(KEY_PREFIX)
        .and_then(|k| k.strip_prefix("record."))
        .is_some_and(|id| crate::record::RecordId::parse(id).is_some())
}
