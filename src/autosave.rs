//! Autosave: every change is written without the user doing anything.
//!
//! A form calls [`Autosave::changed`] on every edit. The write happens
//! [`DELAY_MS`] after the last change (typing stays cheap: nothing is
//! serialised per keystroke), and at once when:
//!
//! - the page is hidden or left (`visibilitychange` to hidden, `pagehide`:
//!   [`install_page_listeners`] calls [`flush_all`]), so a reload or a closed
//!   tab right after typing loses nothing;
//! - the form goes away (another page in the app, another record);
//! - something else needs everything on disk first ([`flush_all`], e.g.
//!   before applying an update of the app).
//!
//! The outcome is a [`SaveStatus`] signal for the status line. A failed
//! write is kept as failed (and retried with the next change) until one
//! succeeds: it is never swallowed.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::time::Duration;

use leptos::prelude::*;

use crate::storage::StorageError;

/// How long after the last change the write happens.
pub const DELAY_MS: u64 = 300;

/// What the status line shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing typed yet in this form.
    Nothing,
    /// Everything typed is in storage.
    Saved,
    /// The last write failed; what is typed lives only in this tab.
    Failed(StorageError),
}

type SaveFn = Box<dyn Fn() -> Result<(), StorageError>>;

struct Inner {
    save: SaveFn,
    dirty: Cell<bool>,
    timer: Cell<Option<TimeoutHandle>>,
    status: RwSignal<SaveStatus>,
}

impl Inner {
    fn flush(&self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
        if !self.dirty.get() {
            return;
        }
        let outcome = (self.save)();
        let status = match outcome {
            Ok(()) => {
                self.dirty.set(false);
                crate::storage::ask_to_persist();
                SaveStatus::Saved
            }
            Err(e) => SaveStatus::Failed(e),
        };
        // During clean-up the signal may already be gone; the write above
        // is what matters then.
        if self.status.try_get_untracked().as_ref() != Some(&status) {
            self.status.try_set(status);
        }
    }
}

thread_local! {
    static ACTIVE: RefCell<Vec<Weak<Inner>>> = const { RefCell::new(Vec::new()) };
}

/// Writes every pending change of every form, now.
pub fn flush_all() {
    let active: Vec<Rc<Inner>> =
        ACTIVE.with(|a| a.borrow().iter().filter_map(Weak::upgrade).collect());
    for inner in active {
        inner.flush();
    }
}

/// Flushes on `pagehide` and when the page becomes hidden. Called once by the app shell.
pub fn install_page_listeners() {
    let w: web_sys::EventTarget = window().into();
    let d: web_sys::EventTarget = document().into();
    crate::dom::keep(vec![
        crate::dom::listen(&w, "pagehide", |_| flush_all()),
        crate::dom::listen(&d, "visibilitychange", |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                flush_all();
            }
        }),
    ]);
}

/// A handle on one form's autosave. Copy, so closures can hold it.
#[derive(Clone, Copy)]
pub struct Autosave {
    inner: StoredValue<Rc<Inner>, LocalStorage>,
    status: RwSignal<SaveStatus>,
}

/// Starts autosave for a form. `save` writes the form's current state and is
/// only called when something changed. `initial` is the status to show
/// before anything is typed (e.g. a failure already known from loading).
pub fn use_autosave(
    initial: SaveStatus,
    save: impl Fn() -> Result<(), StorageError> + 'static,
) -> Autosave {
    let status = RwSignal::new(initial);
    let inner = Rc::new(Inner {
        save: Box::new(save),
        dirty: Cell::new(false),
        timer: Cell::new(None),
        status,
    });
    ACTIVE.with(|a| {
        let mut a = a.borrow_mut();
        a.retain(|w| w.strong_count() > 0);
        a.push(Rc::downgrade(&inner));
    });
    let inner = StoredValue::new_local(inner);
    on_cleanup(move || {
        // The form is going away: write what is pending, then forget it.
        if let Some(inner) = inner.try_get_value() {
            inner.flush();
            ACTIVE.with(|a| a.borrow_mut().retain(|w| !w.ptr_eq(&Rc::downgrade(&inner))));
        }
    });
    Autosave { inner, status }
}

impl Autosave {
    /// Something changed: write it soon.
    pub fn changed(&self) {
        let Some(inner) = self.inner.try_get_value() else {
            return;
        };
        inner.dirty.set(true);
        if let Some(timer) = inner.timer.take() {
            timer.clear();
        }
        let this = *self;
        let timer = set_timeout_with_handle(move || this.flush(), Duration::from_millis(DELAY_MS));
        inner.timer.set(timer.ok());
    }

    /// Write now, if anything is pending.
    pub fn flush(&self) {
        if let Some(inner) = self.inner.try_get_value() {
            inner.flush();
        }
    }

    pub fn status(&self) -> ReadSignal<SaveStatus> {
        self.status.read_only()
    }
}
