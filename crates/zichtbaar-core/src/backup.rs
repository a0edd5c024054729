//! Backups: every record on this device in one file, to keep or move.
//!
//! A backup is not an export: it is not anonymised and is meant for the user
//! alone (when storage fails, before clearing a shared PC, to move to another
//! browser). It holds the records exactly as storage does, so a restore
//! (`decode`) reads every schema version that [`crate::stored`] reads.
//!
//! ```json
//! {"format":"zichtbaar-backup","formatVersion":1,"created":"2026-11-23",
//!  "records":[{"schema":2,"record":{...}}, ...],
//!  "unreadable":[{"key":"zichtbaar.record.…","text":"…"}]}
//! ```
//!
//! `unreadable` (left out when empty) holds, as plain text under their
//! storage keys, stored values this version could not read (damaged, or
//! written by a newer version), so a backup loses nothing. Readers of
//! format 1 skip it; restoring them is left to a version that reads them.
//!
//! Reading looks at `format` and `formatVersion` first, then keeps each
//! record as its own JSON text and reads it as [`crate::stored`] does, so one
//! damaged record is reported and the others are restored. Passing over
//! the records does not recurse, and each is read with the nesting limits
//! of [`crate::stored`], so no backup can overflow the stack.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::date::Date;
use crate::encoding::{FileHead, FileRecords};
use crate::record::{Record, RecordId};
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
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    unreadable: &'a [Unread],
}

/// A stored value this version cannot read, kept as it is in a backup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unread {
    /// Its storage key.
    pub key: String,
    /// The stored text, unchanged.
    pub text: String,
}

/// Writes a backup of `records`, dated `today`.
pub fn encode(records: &[Record], today: Date) -> String {
    encode_all(records, &[], today)
}

/// Writes a backup of `records` and of the stored values this version
/// could not read, dated `today`.
pub fn encode_all(records: &[Record], unreadable: &[Unread], today: Date) -> String {
    let backup = Backup {
        format: BACKUP_FORMAT,
        format_version: BACKUP_FORMAT_VERSION,
        created: today,
        records: records.iter().map(Envelope::new).collect(),
        unreadable,
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

/// How a record in a backup compares with the one on this device with the
/// same id (revisions go up with every saved change).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compared {
    /// Not on this device.
    New,
    /// A later revision than this device's.
    Newer,
    /// The same revision: nothing to do.
    Same,
    /// An earlier revision: restoring it would undo later work, so only
    /// when the user asks for it.
    Older,
}

impl Compared {
    /// Restored unless the user says otherwise: new and newer records.
    pub fn restored_by_default(self) -> bool {
        matches!(self, Compared::New | Compared::Newer)
    }
}

/// Each record of a backup, compared with the records on this device, in
/// the backup's order. When a backup holds the same id twice, the highest
/// revision is the one compared (the first of them when two are equal),
/// and the others are left out. Looked up by id, so a backup of tens of
/// thousands of records compares in moments (comparing each record with
/// all before it took seconds).
pub fn compare<'a>(backup: &'a [Record], here: &[Record]) -> Vec<(&'a Record, Compared)> {
    // Per id, the position of the record compared.
    let mut chosen: BTreeMap<&RecordId, usize> = BTreeMap::new();
    for (i, record) in backup.iter().enumerate() {
        let at = chosen.entry(&record.id).or_insert(i);
        if record.revision > backup[*at].revision {
            *at = i;
        }
    }
    // Per id, the revision on this device (the first record with the id).
    let mut kept: BTreeMap<&RecordId, u32> = BTreeMap::new();
    for h in here {
        kept.entry(&h.id).or_insert(h.revision);
    }
    backup
        .iter()
        .enumerate()
        .filter(|(i, record)| chosen[&record.id] == *i)
        .map(|(_, record)| {
            let compared = match kept.get(&record.id) {
                None => Compared::New,
                Some(&h) if record.revision > h => Compared::Newer,
                Some(&h) if record.revision == h => Compared::Same,
                Some(_) => Compared::Older,
            };
            (record, compared)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::SchoolYear;
    use crate::instrument::InstrumentRef;
    use crate::record::Perspective;

    fn record(n: u8, revision: u32) -> Record {
        let today = Date::new(2026, 11, 23).unwrap();
        Record {
            id: RecordId::from_random([n; 16]),
            revision,
            instrument: InstrumentRef {
                id: "ondersteuningsstructuur".to_owned(),
                version: "2026.2".to_owned(),
                digest: "sha256:00".to_owned(),
            },
            school_year: SchoolYear::starting(2026),
            created: today,
            updated: today,
            body: crate::record::Body::Reflection(crate::record::Reflection::new(
                Perspective::Persoonlijk,
            )),
        }
    }

    #[test]
    fn new_and_newer_are_restored_same_is_skipped_older_only_when_asked() {
        let here = [record(1, 3), record(2, 3), record(3, 3)];
        let backup = [record(1, 5), record(2, 3), record(3, 2), record(4, 1)];
        let compared: Vec<_> = compare(&backup, &here)
            .into_iter()
            .map(|(r, c)| (r.id.clone(), c, c.restored_by_default()))
            .collect();
        assert_eq!(
            compared,
            [
                (backup[0].id.clone(), Compared::Newer, true),
                (backup[1].id.clone(), Compared::Same, false),
                (backup[2].id.clone(), Compared::Older, false),
                (backup[3].id.clone(), Compared::New, true),
            ]
        );
    }

    #[test]
    fn a_backup_holding_an_id_twice_offers_its_highest_revision_once() {
        let backup = [record(1, 2), record(1, 7), record(1, 4)];
        let compared = compare(&backup, &[record(1, 5)]);
        assert_eq!(compared.len(), 1);
        assert_eq!(
            (compared[0].0.revision, compared[0].1),
            (7, Compared::Newer)
        );
    }

    /// What `compare` did before it looked records up by id: each record
    /// against every one before it. Kept as the reference for its result.
    fn compare_each_with_all<'a>(
        backup: &'a [Record],
        here: &[Record],
    ) -> Vec<(&'a Record, Compared)> {
        let mut out: Vec<(&'a Record, Compared)> = Vec::new();
        for record in backup {
            if let Some(at) = out.iter().position(|(r, _)| r.id == record.id) {
                if out[at].0.revision >= record.revision {
                    continue;
                }
                out.remove(at);
            }
            let compared = match here.iter().find(|h| h.id == record.id) {
                None => Compared::New,
                Some(h) if record.revision > h.revision => Compared::Newer,
                Some(h) if record.revision == h.revision => Compared::Same,
                Some(_) => Compared::Older,
            };
            out.push((record, compared));
        }
        out
    }

    #[test]
    fn a_backup_of_30000_records_compares_by_id_not_each_with_all_before() {
        // Found by the fuzz harness's figures: a 10 MB backup took 3.6 s
        // to compare, 170 times its 1 MB time. Same result, by lookup.
        let mut state = 7u32;
        let mut next = |n: u32| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 8) % n
        };
        let mixed: Vec<Record> = (0..2_000)
            .map(|_| record(next(200) as u8, next(6)))
            .collect();
        let here: Vec<Record> = (0..300).map(|_| record(next(250) as u8, next(6))).collect();
        let ids = |c: &[(&Record, Compared)]| {
            c.iter()
                .map(|(r, c)| (r.id.clone(), r.revision, *c))
                .collect::<Vec<_>>()
        };
        let compared = compare(&mixed, &here);
        assert_eq!(ids(&compared), ids(&compare_each_with_all(&mixed, &here)));
        assert_eq!(compared.len(), 200);

        let many: Vec<Record> = (0..30_000u32)
            .map(|n| {
                let mut r = record(0, n % 7);
                r.id = RecordId::from_random([
                    n as u8,
                    (n >> 8) as u8,
                    (n >> 16) as u8,
                    1,
                    2,
                    3,
                    4,
                    5,
                    6,
                    7,
                    8,
                    9,
                    10,
                    11,
                    12,
                    13,
                ]);
                r
            })
            .collect();
        let compared = compare(&many, &many[..10]);
        assert_eq!(compared.len(), 30_000);
        assert!(compared[..10].iter().all(|(_, c)| *c == Compared::Same));
        assert!(compared[10..].iter().all(|(_, c)| *c == Compared::New));
    }

    #[test]
    fn a_backup_round_trips_through_encode_and_decode() {
        let records = [record(1, 2), record(2, 9)];
        let restored = decode(&encode(&records, Date::new(2026, 11, 25).unwrap())).unwrap();
        assert_eq!(restored.records, records);
        assert!(restored.problems.is_empty());
    }

    #[test]
    fn values_this_version_cannot_read_travel_in_the_backup_as_they_are() {
        let today = Date::new(2026, 11, 25).unwrap();
        let damaged = Unread {
            key: "zichtbaar.record.x".into(),
            text: "{\"schema\": 2, \"rec".into(),
        };
        let text = encode_all(&[], std::slice::from_ref(&damaged), today);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["unreadable"][0]["key"], "zichtbaar.record.x");
        assert_eq!(value["unreadable"][0]["text"], damaged.text);
        // Still a backup this version reads; without them, no field at all.
        assert!(decode(&text).unwrap().records.is_empty());
        assert!(!encode(&[], today).contains("unreadable"));
    }
}
