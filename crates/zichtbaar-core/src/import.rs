//! Reading exports back: the SWV's side of the export contract.
//!
//! One bad record does not stop a file, and one bad file does not stop a
//! collection: [`read`] returns the good records and a list of problems.
//! [`Collection`] keeps one record per id, the one with the highest
//! revision, so the same export imported twice, or an older and a newer
//! revision of it, counts once.
//!
//! [`read`] looks at `format` and `formatVersion` first (everything else is
//! skipped), then keeps each record as its own JSON text and reads it into an
//! [`ExportRecord`] on its own: that is what lets it go on past a bad one.
//! The two steps are also there apart, [`split`] and [`read_record`], so
//! that the app can read a big file a chunk of records at a time without
//! holding up the page.
//! **Nesting:** a valid file nests at most 6 levels (file, `records`,
//! record, `actions`, an item's list, action). A record nested deeper
//! where a value is read is a bad record (the wrong type, and `serde_json`
//! refuses the 128th level in any case); unknown fields, and the records
//! while [`split`] passes over them, are skipped without recursion however
//! deep. So no file can overflow the stack; `tests/fuzz/` checks 100,000
//! levels on a 256 KB stack, and `docs/export-format.md` says so too.
//!
//! Every format version from 1 to [`EXPORT_FORMAT_VERSION`] is read, with
//! the one [`ExportRecord`]: version 2 only added the optional `actions`,
//! and version 3 the optional `team`, so a version 1 record is a version 3
//! record without either. Files that schools shared years ago stay readable.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::encoding::{FileHead, FileRecords};
use crate::export::{ExportRecord, EXPORT_FORMAT, EXPORT_FORMAT_VERSION};
use crate::record::{Kind, RecordId};

/// Why a file, or a record in it, could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportProblem {
    /// Not JSON, or not an export at all.
    NotAnExport(String),
    /// Made by a newer version of the format.
    NewerFormat(u32),
    /// Record number `index` (from 0) is damaged.
    BadRecord { index: usize, reason: String },
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportProblem::NotAnExport(why) => write!(f, "not an export: {why}"),
            ImportProblem::NewerFormat(v) => {
                write!(f, "export format version {v} is newer than this app")
            }
            ImportProblem::BadRecord { index, reason } => write!(f, "record {index}: {reason}"),
        }
    }
}

/// Checks what the schema says about kinds: a reflection has a perspective
/// and answers, a receipt has a receipt part and a school, and no answers,
/// perspective or actions.
fn consistent(record: &ExportRecord) -> Result<(), String> {
    match record.kind {
        Kind::Reflection if record.perspective.is_none() || record.answers.is_none() => {
            Err("a reflection needs perspective and answers".to_owned())
        }
        Kind::Reflection if record.receipt.is_some() => {
            Err("a reflection cannot have a receipt part".to_owned())
        }
        Kind::Receipt if record.receipt.is_none() || record.school.is_none() => {
            Err("a receipt needs a receipt part and a school".to_owned())
        }
        Kind::Receipt if record.answers.is_some() || record.perspective.is_some() => {
            Err("a receipt cannot have answers or a perspective".to_owned())
        }
        Kind::Receipt if record.actions.is_some() => {
            Err("a receipt cannot have actions".to_owned())
        }
        Kind::Receipt if record.team.is_some() => {
            Err("a receipt is not shared with a team".to_owned())
        }
        _ => Ok(()),
    }
}

/// The records of an export file, still as JSON text, after checking format
/// and version: the first step of [`read`], for reading a big file in chunks
/// (parse each with [`read_record`]). The slices borrow from `text`.
///
/// The whole file is scanned once when it is an export of a known version;
/// anything else is scanned again to tell what is wrong with it.
pub fn split(text: &str) -> Result<Vec<&str>, ImportProblem> {
    // The common case in one pass: head and records together. Whatever
    // fails here is looked at again in the order below, head first, so the
    // problem reported is the same as when reading the two apart.
    if let Ok(file) = serde_json::from_str::<WholeFile<'_>>(text) {
        check_head(&file.format, file.format_version)?;
        return Ok(file.records.iter().map(|r| r.get()).collect());
    }
    let head: FileHead =
        serde_json::from_str(text).map_err(|e| ImportProblem::NotAnExport(e.to_string()))?;
    check_head(&head.format, head.format_version)?;
    let file: FileRecords =
        serde_json::from_str(text).map_err(|e| ImportProblem::NotAnExport(e.to_string()))?;
    Ok(file.records.iter().map(|r| r.get()).collect())
}

/// An export's head and records read in one pass (see [`split`]).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WholeFile<'a> {
    format: String,
    format_version: u32,
    #[serde(borrow)]
    records: Vec<&'a RawValue>,
}

/// The format must be ours, and the version one from 1 up to this app's.
fn check_head(format: &str, version: u32) -> Result<(), ImportProblem> {
    if format != EXPORT_FORMAT {
        return Err(ImportProblem::NotAnExport(format!(
            "format is \"{format}\""
        )));
    }
    if version == 0 || version > EXPORT_FORMAT_VERSION {
        return Err(ImportProblem::NewerFormat(version));
    }
    Ok(())
}

/// Reads one record as split off by [`split`]; `index` is its position in
/// the file (from 0), for the problem.
pub fn read_record(index: usize, raw: &str) -> Result<ExportRecord, ImportProblem> {
    serde_json::from_str::<ExportRecord>(raw)
        .map_err(|e| e.to_string())
        .and_then(|r| consistent(&r).map(|()| r))
        .map_err(|reason| ImportProblem::BadRecord { index, reason })
}

/// Reads one export file: its good records, and what was wrong.
pub fn read(text: &str) -> (Vec<ExportRecord>, Vec<ImportProblem>) {
    let raw = match split(text) {
        Ok(raw) => raw,
        Err(problem) => return (Vec::new(), vec![problem]),
    };
    let mut records = Vec::new();
    let mut problems = Vec::new();
    for (index, item) in raw.into_iter().enumerate() {
        match read_record(index, item) {
            Ok(r) => records.push(r),
            Err(problem) => problems.push(problem),
        }
    }
    (records, problems)
}

/// Records from many files, one per id: the highest revision wins.
#[derive(Debug, Default)]
pub struct Collection {
    records: BTreeMap<RecordId, ExportRecord>,
}

impl Collection {
    /// Adds a record; returns whether it was new or newer than the one kept.
    pub fn add(&mut self, record: ExportRecord) -> bool {
        match self.records.get(&record.id) {
            Some(kept) if kept.revision >= record.revision => false,
            _ => {
                self.records.insert(record.id.clone(), record);
                true
            }
        }
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    pub fn records(&self) -> impl Iterator<Item = &ExportRecord> {
        self.records.values()
    }
}
