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
//!
//! Reading looks at `format` and `formatVersion` first, then keeps each
//! record as its own JSON text and reads it as [`crate::stored`] does, so one
//! damaged record is reported and the others are restored.

use serde::Serialize;

use crate::date::Date;
use crate::encoding::{FileHead, FileRecords};
use crate::record::Record;
use crate::stored::{self, DecodeError, Envelope};

pub const BACKUP_FORMAT: &str = "zichtbaar-backup";
pub const BACKUP_FORMAT_VERSION: u32 = 1;

/// A backup as written.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Backup<'a> {
    format: &'static str,
    format_version: u32,
    created: Date,
    records: Vec<Envelope<'a>>,
}

/// Writes a backup of `records`, dated `today`.
pub fn encode(records: &[Record], today: Date) -> String {
    let backup = Backup {
        format: BACKUP_FORMAT,
        format_version: BACKUP_FORMAT_VERSION,
        created: today,
        records: records.iter().map(Envelope::new).collect(),
    };
    serde_json::to_string(&backup).expect("records always serialise")
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

/// Reads a backup. One bad record does not stop the others: `format` and
/// `formatVersion` are read first, then each record on its own.
pub fn decode(text: &str) -> Result<Restored, BackupError> {
    let not_a_backup = |e: serde_json::Error| BackupError::NotABackup(e.to_string());
    let head: FileHead = serde_json::from_str(text).map_err(not_a_backup)?;
    if head.format != BACKUP_FORMAT {
        return Err(BackupError::NotABackup(format!(
            "format is \"{}\"",
            head.format
        )));
    }
    if head.format_version > BACKUP_FORMAT_VERSION {
        return Err(BackupError::Newer(head.format_version));
    }
    let file: FileRecords = serde_json::from_str(text).map_err(not_a_backup)?;
    let mut restored = Restored::default();
    for (i, r) in file.records.iter().enumerate() {
        match stored::decode(r.get()) {
            Ok(r) => restored.records.push(r),
            Err(e) => restored.problems.push((i, e)),
        }
    }
    Ok(restored)
}
