//! Backups: every record on this device in one file, to keep or move.
//!
//! A backup is not an export: it is not anonymised and is meant for the user
//! alone (when storage fails, before clearing a shared PC, to move to another
//! browser). It holds the records exactly as storage does, so a restore
//! (`decode`) reads every schema version that [`crate::stored`] reads.
//!
//! ```json
//! {"format":"zichtbaar-backup","formatVersion":1,"created":"2026-11-23",
//!  "records":[{"schema":1,"record":{...}}, ...]}
//! ```

use crate::date::Date;
use crate::json::{self, Fields, Object, Value};
use crate::record::Record;
use crate::stored::{self, DecodeError};

pub const BACKUP_FORMAT: &str = "zichtbaar-backup";
pub const BACKUP_FORMAT_VERSION: u32 = 1;

/// Writes a backup of `records`, dated `today`.
pub fn encode(records: &[Record], today: Date) -> String {
    Object::new()
        .with("format", BACKUP_FORMAT)
        .with("formatVersion", BACKUP_FORMAT_VERSION)
        .with("created", today.to_string())
        .with(
            "records",
            Value::Array(records.iter().map(stored::to_value).collect()),
        )
        .build()
        .to_compact()
}

/// Why a file is not a backup this app can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupError {
    NotABackup(String),
    Newer(u32),
}

/// What a backup held: the records that read, and why others did not.
#[derive(Debug, Default)]
pub struct Restored {
    pub records: Vec<Record>,
    pub problems: Vec<(usize, DecodeError)>,
}

/// Reads a backup. One bad record does not stop the others.
pub fn decode(text: &str) -> Result<Restored, BackupError> {
    let v = json::parse(text).map_err(|e| BackupError::NotABackup(e.to_string()))?;
    let f = Fields::of(&v, "").map_err(BackupError::NotABackup)?;
    let format = f.str("format").map_err(BackupError::NotABackup)?;
    if format != BACKUP_FORMAT {
        return Err(BackupError::NotABackup(format!("format is \"{format}\"")));
    }
    let version = f.u32("formatVersion").map_err(BackupError::NotABackup)?;
    if version > BACKUP_FORMAT_VERSION {
        return Err(BackupError::Newer(version));
    }
    let records = f
        .req("records")
        .ok()
        .and_then(Value::as_array)
        .ok_or_else(|| BackupError::NotABackup("records is not a list".to_owned()))?;
    let mut restored = Restored::default();
    for (i, r) in records.iter().enumerate() {
        match stored::from_value(r) {
            Ok(r) => restored.records.push(r),
            Err(e) => restored.problems.push((i, e)),
        }
    }
    Ok(restored)
}
