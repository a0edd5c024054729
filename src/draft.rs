//! A record being edited: the body as typed, and the record as last written.
//!
//! Shared by every form that autosaves (the reflection editor, the receipt
//! form). The body is plain data, changed in place on every keystroke;
//! [`Draft::persist`] is what the autosave calls.

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
    /// The id a new record gets on its first write, if chosen already
    /// (otherwise a random one is drawn then: not at start-up).
    new_id: Option<RecordId>,
    /// The last write failed, so the next one must happen even if nothing
    /// changed since.
    unsaved: bool,
}

impl<B: Clone + Into<Body>> Draft<B> {
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

    /// Writes the body if it changed (or the last write failed). A new record
    /// gets its random id on its first write.
    pub fn persist(&mut self) -> Result<(), StorageError> {
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
