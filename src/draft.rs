//! A record being edited: the body as typed, and the record as last written.
//!
//! Shared by every form that autosaves (the reflection editor, the receipt
//! form). The body is plain data, changed in place on every keystroke;
//! [`Draft::persist`] is what the autosave calls.
//!
//! Two tabs on one record: a draft remembers the body as last read or
//! written (`base`). When another tab wrote the record since (the `storage`
//! event, [`Draft::absorb`], or a read just before writing), the draft
//! merges the other tab's changes into its own (`zichtbaar_core::merge`) and
//! keeps the texts both changed for the page to show ([`Draft::take_news`]).

use zichtbaar_core::merge::{Conflict, Merge};
use zichtbaar_core::{Body, Instrument, Record, RecordId, SchoolYear};

use crate::platform;
use crate::storage::{self, StorageError};

pub struct Draft<B> {
    instrument: &'static Instrument,
    year: SchoolYear,
    /// As last written (or read); `None` until the first change.
    record: Option<Record>,
    /// What is on screen now.
    pub body: B,
    /// The body as last read or written: what this tab and another both
    /// started from.
    base: B,
    /// Merged in from another tab and not yet shown: the texts both changed.
    news: Option<Vec<Conflict>>,
    /// The id a new record gets on its first write, if chosen already
    /// (otherwise a random one is drawn then: not at start-up).
    new_id: Option<RecordId>,
    /// The last write failed, so the next one must happen even if nothing
    /// changed since.
    unsaved: bool,
}

impl<B: Merge + Into<Body>> Draft<B> {
    pub fn new(
        instrument: &'static Instrument,
        year: SchoolYear,
        record: Option<Record>,
        body: B,
    ) -> Draft<B> {
        Draft {
            instrument,
            year,
            record,
            base: body.clone(),
            news: None,
            body,
            new_id: None,
            unsaved: false,
        }
    }

    /// Gives a record that does not exist yet the id `id` (so the page can
    /// remember which one it is before anything is typed).
    pub fn with_new_id(mut self, id: RecordId) -> Draft<B> {
        self.new_id = Some(id);
        self
    }

    /// The id of the record, once it has been written.
    pub fn id(&self) -> Option<&RecordId> {
        self.record.as_ref().map(|r| &r.id)
    }

    fn take_new_id(&mut self) -> RecordId {
        self.new_id.take().unwrap_or_else(platform::new_record_id)
    }

    /// The record as it is stored now, if anything was.
    pub fn record(&self) -> Option<&Record> {
        self.record.as_ref()
    }

    /// Another tab wrote `theirs`: merges its changes into this tab's.
    /// What was merged, with the texts both tabs changed, waits in
    /// [`Draft::take_news`] (then the page draws the body again). Ignored
    /// when it is another record, an older revision than this tab's, or
    /// nothing new. A draft not written yet takes any record the caller
    /// hands it.
    pub fn absorb(&mut self, theirs: Record) {
        if let Some(r) = &self.record {
            if r.id != theirs.id || theirs.revision < r.revision {
                return;
            }
        }
        let Some(body) = B::of(&theirs.body).cloned() else {
            return;
        };
        if body == self.base {
            return;
        }
        let (merged, conflicts) = B::merge(&self.base, &self.body, &body);
        self.base = body;
        self.body = merged;
        self.record = Some(theirs);
        self.news.get_or_insert_default().extend(conflicts);
    }

    /// What was merged in from another tab since last asked: `Some` (maybe
    /// with no conflicts) when anything was.
    pub fn take_news(&mut self) -> Option<Vec<Conflict>> {
        self.news.take()
    }

    /// Writes the body if it changed (or the last write failed). A new record
    /// gets its random id on its first write. When another tab wrote the
    /// record since, its changes are merged in first; when a newer version
    /// of the app did, nothing is written ([`StorageError::Newer`]).
    pub fn persist(&mut self) -> Result<(), StorageError> {
        if let Some(id) = self.id().cloned() {
            if let Some(stored) = storage::load(&id)? {
                self.absorb(stored);
            }
        }
        let today = platform::today();
        let body: Body = self.body.clone().into();
        let changed = match &mut self.record {
            Some(record) => record.revise(body, today),
            None => {
                let id = self.take_new_id();
                let mut record = Record::new(id, self.instrument, self.year, body, today);
                // The first write is the first change.
                record.revision = 1;
                self.record = Some(record);
                true
            }
        };
        let Some(record) = &mut self.record else {
            return Ok(());
        };
        if changed {
            // From now on the record answers the text on screen.
            record.instrument = self.instrument.reference();
        }
        if !changed && !self.unsaved {
            return Ok(());
        }
        let result = storage::save(record);
        self.unsaved = result.is_err();
        if result.is_ok() {
            self.base = self.body.clone();
        }
        result
    }

    /// The record as it would be saved now (for a backup or an export).
    pub fn snapshot(&self) -> Record {
        let today = platform::today();
        let mut record = self.record.clone().unwrap_or_else(|| {
            Record::new(
                self.new_id.clone().unwrap_or_else(platform::new_record_id),
                self.instrument,
                self.year,
                self.body.clone().into(),
                today,
            )
        });
        record.revise(self.body.clone().into(), today);
        record
    }
}
