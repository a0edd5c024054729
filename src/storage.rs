//! The one module that touches browser storage.
//!
//! Every read and write of `localStorage` goes through here, and IndexedDB
//! (the collection view's files) through [`collection`], so that later work
//! (backup and restore, wiping a shared PC) has one place to change. What is stored, and how old versions
//! are read, is decided by `zichtbaar_core::stored`; this module only moves
//! strings in and out and reports what went wrong.
//!
//! Nothing here panics or unwraps: storage can be missing (blocked cookies,
//! some private modes), full, or damaged, and the user must be told.
//! `gloo-storage` is not used because its `LocalStorage::raw()` throws when
//! storage is blocked.

pub mod collection;

use std::fmt;

use wasm_bindgen::JsValue;
use zichtbaar_core::shared::{self, Shared};
use zichtbaar_core::stored::{self, DecodeError};
use zichtbaar_core::{Record, RecordId};

/// What went wrong with browser storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser does not let this page use storage.
    Unavailable(String),
    /// Storage is full (`QuotaExceededError`).
    Full,
    /// Any other failure, with the browser's message.
    Failed(String),
    /// A newer version of the app wrote this record since (in another tab,
    /// say): writing would lose what it added, so nothing is written.
    Newer,
}

impl StorageError {
    fn from_js(err: JsValue) -> StorageError {
        let name = js_sys::Reflect::get(&err, &JsValue::from_str("name"))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        let message = js_sys::Reflect::get(&err, &JsValue::from_str("message"))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        match name.as_str() {
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::Full,
            "SecurityError" => StorageError::Unavailable(message),
            _ => StorageError::Failed(format!("{name} {message}").trim().to_owned()),
        }
    }

    /// What happened, in plain Dutch, for the save status.
    pub fn uitleg(&self) -> String {
        match self {
            StorageError::Unavailable(_) => {
                "je browser staat opslaan niet toe (bijvoorbeeld in een privévenster of door instellingen)".to_owned()
            }
            StorageError::Full => "de opslag van je browser is vol".to_owned(),
            StorageError::Failed(msg) => format!("de browser gaf een fout ({msg})"),
            StorageError::Newer => "een nieuwere versie van Zichtbaar heeft dit intussen opgeslagen, bijvoorbeeld in een ander tabblad. Laad de pagina opnieuw".to_owned(),
        }
    }
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable(m) => write!(f, "storage unavailable: {m}"),
            StorageError::Full => f.write_str("storage full"),
            StorageError::Failed(m) => write!(f, "storage failed: {m}"),
            StorageError::Newer => f.write_str("stored record is newer than this app"),
        }
    }
}

fn local_storage() -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(StorageError::Unavailable("no localStorage".into())),
        Err(e) => Err(StorageError::from_js(e)),
    }
}

/// Writes a record, replacing the stored one with the same id.
pub fn save(record: &Record) -> Result<(), StorageError> {
    local_storage()?
        .set_item(&stored::record_key(&record.id), &stored::encode(record))
        .map_err(StorageError::from_js)
}

/// The record `id` as stored now: `None` when there is none, or it is
/// damaged (the tab's own copy is then worth more). One that a newer app
/// wrote is [`StorageError::Newer`]: it must not be written over.
pub fn load(id: &RecordId) -> Result<Option<Record>, StorageError> {
    let Some(text) = raw(&stored::record_key(id))? else {
        return Ok(None);
    };
    match stored::decode(&text) {
        Ok(record) => Ok(Some(record)),
        Err(DecodeError::Newer(_) | DecodeError::Unknown(_)) => Err(StorageError::Newer),
        Err(DecodeError::Malformed(_)) => Ok(None),
    }
}

/// Calls `f` with every record that another tab of this site writes (the
/// browser's `storage` event, which never fires in the tab that wrote),
/// until the returned listener is dropped. A record this version cannot
/// read is skipped: [`load`] refuses to write over it.
pub fn on_record_written(f: impl Fn(Record) + 'static) -> Option<crate::dom::Listener> {
    let window: web_sys::EventTarget = web_sys::window()?.into();
    Some(crate::dom::listen(&window, "storage", move |ev| {
        let get = |name| {
            js_sys::Reflect::get(&ev, &JsValue::from_str(name))
                .ok()
                .and_then(|v| v.as_string())
        };
        let (Some(key), Some(text)) = (get("key"), get("newValue")) else {
            return;
        };
        if stored::is_record_key(&key) {
            if let Ok(record) = stored::decode(&text) {
                f(record);
            }
        }
    }))
}

/// Removes a record. Removing one that is not there is not an error.
pub fn remove(id: &RecordId) -> Result<(), StorageError> {
    local_storage()?
        .remove_item(&stored::record_key(id))
        .map_err(StorageError::from_js)
}

/// A stored value that could not be read, left in place untouched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub key: String,
    pub error: DecodeError,
    /// The stored text, as it is (for a backup).
    pub text: String,
}

/// Everything that was read, and what could not be.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub records: Vec<Record>,
    pub unreadable: Vec<Unreadable>,
}

/// Reads every record, in no particular order. A damaged or too new record
/// does not stop the others from loading; it is reported and left as it is.
pub fn load_all() -> Result<Loaded, StorageError> {
    let storage = local_storage()?;
    let len = storage.length().map_err(StorageError::from_js)?;
    let mut loaded = Loaded::default();
    for i in 0..len {
        let Some(key) = storage.key(i).map_err(StorageError::from_js)? else {
            continue;
        };
        if !stored::is_record_key(&key) {
            continue;
        }
        let Some(text) = storage.get_item(&key).map_err(StorageError::from_js)? else {
            continue;
        };
        match stored::decode(&text) {
            Ok(record) => loaded.records.push(record),
            Err(error) => loaded.unreadable.push(Unreadable { key, error, text }),
        }
    }
    Ok(loaded)
}

/// Removes everything Zichtbaar keeps in this browser, for a shared
/// computer: every record (also those it cannot read), the names to leave
/// out, the school list, which receipt was last worked on, and the
/// collection of `/verzamelen`. The app's own files (the service worker's
/// cache) stay, so it still works offline.
pub async fn wipe_all() -> Result<(), StorageError> {
    let storage = local_storage()?;
    let len = storage.length().map_err(StorageError::from_js)?;
    let mut keys = Vec::new();
    for i in 0..len {
        if let Some(key) = storage.key(i).map_err(StorageError::from_js)? {
            if key.starts_with(stored::KEY_PREFIX) {
                keys.push(key);
            }
        }
    }
    for key in keys {
        storage.remove_item(&key).map_err(StorageError::from_js)?;
    }
    collection::delete_all().await
}

/// The values `loaded` could not read, as stored, for a backup.
pub fn unreadable_as_stored(loaded: &Loaded) -> Vec<zichtbaar_core::backup::Unread> {
    loaded
        .unreadable
        .iter()
        .map(|u| zichtbaar_core::backup::Unread {
            key: u.key.clone(),
            text: u.text.clone(),
        })
        .collect()
}

/// The text stored under `key`, as it is.
pub fn raw(key: &str) -> Result<Option<String>, StorageError> {
    local_storage()?
        .get_item(key)
        .map_err(StorageError::from_js)
}

const WATCH_NAMES_KEY: &str = "zichtbaar.watch-names";
const SCHOOL_LIST_KEY: &str = "zichtbaar.school-list";
const CURRENT_RECEIPT_KEY: &str = "zichtbaar.current-receipt";
const PLACE_KEY: &str = "zichtbaar.place";

/// The receipt this device last worked on (several people may confirm on
/// one shared computer).
pub fn current_receipt() -> Option<RecordId> {
    let id = local_storage().ok()?.get_item(CURRENT_RECEIPT_KEY).ok()??;
    RecordId::parse(&id)
}

pub fn set_current_receipt(id: &RecordId) -> Result<(), StorageError> {
    local_storage()?
        .set_item(CURRENT_RECEIPT_KEY, id.as_str())
        .map_err(StorageError::from_js)
}

/// The item the user last had open in the reflection `which` (instrument,
/// year and perspective), so `/reflectie` reopens there; `None` when there
/// is none or storage cannot be read.
pub fn load_place(which: &str) -> Option<String> {
    local_storage()
        .ok()?
        .get_item(&format!("{PLACE_KEY}.{which}"))
        .ok()?
}

/// Remembers the item the user has open in the reflection `which`.
pub fn save_place(which: &str, item: &str) -> Result<(), StorageError> {
    local_storage()?
        .set_item(&format!("{PLACE_KEY}.{which}"), item)
        .map_err(StorageError::from_js)
}

/// When, how and which revision of record `id` was last sent from this
/// device (see `zichtbaar_core::shared`); `None` when it never was, or
/// what is stored cannot be read.
pub fn load_shared(id: &RecordId) -> Option<Shared> {
    let text = local_storage().ok()?.get_item(&shared::key(id)).ok()??;
    Shared::decode(&text)
}

/// Remembers that record `id` was sent.
pub fn save_shared(id: &RecordId, sent: &Shared) -> Result<(), StorageError> {
    local_storage()?
        .set_item(&shared::key(id), &sent.encode())
        .map_err(StorageError::from_js)
}

/// Names the user asked to leave out of shared text (one per line).
pub fn load_watch_names() -> Result<Vec<String>, StorageError> {
    let text = local_storage()?
        .get_item(WATCH_NAMES_KEY)
        .map_err(StorageError::from_js)?
        .unwrap_or_default();
    Ok(text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect())
}

pub fn save_watch_names(names: &[String]) -> Result<(), StorageError> {
    local_storage()?
        .set_item(WATCH_NAMES_KEY, &names.join("\n"))
        .map_err(StorageError::from_js)
}

/// The SWV's own list of schools, as typed or pasted on `/verzamelen`.
pub fn load_school_list() -> Result<String, StorageError> {
    Ok(local_storage()?
        .get_item(SCHOOL_LIST_KEY)
        .map_err(StorageError::from_js)?
        .unwrap_or_default())
}

pub fn save_school_list(text: &str) -> Result<(), StorageError> {
    local_storage()?
        .set_item(SCHOOL_LIST_KEY, text)
        .map_err(StorageError::from_js)
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    let present = js_sys::Reflect::has(&navigator, &JsValue::from_str("storage")).unwrap_or(false);
    present.then(|| navigator.storage())
}

/// Asks the browser to keep this site's storage when disk space runs low
/// (`navigator.storage.persist()`), once per page load. Called after the
/// first successful save: that is when there is something worth keeping.
pub fn ask_to_persist() {
    thread_local! {
        static ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if ASKED.with(|a| a.replace(true)) {
        return;
    }
    if let Some(promise) = storage_manager().and_then(|s| s.persist().ok()) {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// Whether the browser promised to keep this site's storage: `None` when
/// it does not say.
pub async fn is_persisted() -> Option<bool> {
    let promise = storage_manager()?.persisted().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_bool()
}

/// Bytes this site uses in the browser's storage, as the browser estimates it.
pub async fn usage() -> Option<u64> {
    let promise = storage_manager()?.estimate().ok()?;
    let estimate = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let usage = js_sys::Reflect::get(&estimate, &JsValue::from_str("usage")).ok()?;
    usage.as_f64().map(|u| u as u64)
}
