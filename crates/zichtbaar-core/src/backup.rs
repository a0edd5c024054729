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

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::date::Date;
use crate::record::Record;
use crate::stored::{self, DecodeError};

pub const BACKUP_FORMAT: &str = "zichtbaar-backup";
pub const BACKUP_FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BackupOut<'a> {
    format: &'static str,
    format_version: u32,
    created: Date,
    records: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BackupIn<'a> {
    format: String,
    format_version: u32,
    #[serde(borrow)]
    records: Vec<&'a RawValue>,
}

/// Writes a backup of `records`, dated `today`.
pub fn encode(records: &[Record], today: Date) -> String {
    let stored: Vec<String> = records.iter().map(stored::encode).collect();
    let raw: Vec<Box<RawValue>> = stored
        .into_iter()
        .filter_map(|s| RawValue::from_string(s).ok())
        .collect();
    serde_json::to_string(&BackupOut {
        format: BACKUP_FORMAT,
        format_version: BACKUP_FORMAT_VERSION,
        created: today,
        records: raw.iter().map(|r| r.as_ref()).collect(),
    })
    .unwrap_or_default()
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
    let backup: BackupIn<'_> =
        serde_json::from_str(text).map_err(|e| BackupError::NotABackup(e.to_string()))?;
    if backup.format != BACKUP_FORMAT {
        return Err(BackupError::NotABackup(format!(
            "format is {:?}",
            backup.format
        )));
    }
    if backup.format_version > BACKUP_FORMAT_VERSION {
        return Err(BackupError::Newer(backup.format_version));
    }
    let mut restored = Restored::default();
    for (i, raw) in backup.records.into_iter().enumerate() {
        match stored::decode(raw.get()) {
            Ok(r) => restored.records.push(r),
            Err(e) => restored.problems.push((i, e)),
        }
    }
    Ok(restored)
}
