//! The collection view's files, in IndexedDB.
//!
//! `localStorage` holds about 5 MB per site and blocks while it writes;
//! an SWV may keep thousands of exports, so the collection lives in
//! IndexedDB: database `zichtbaar-verzamelen`, one object store `files`,
//! one value per imported file (its text is decided by
//! `zichtbaar_core::stored::encode_file`, keys are numbers the store hands
//! out). Reading is done in batches, with a pause in between, so that a big
//! collection never blocks the page for long.
//!
//! Every request is wrapped in a promise that settles on its `success` or
//! `error` event; a write is only done when its transaction completes, so a
//! full disk is reported, never swallowed.

use std::cell::RefCell;

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbKeyRange, IdbRequest, IdbTransaction, IdbTransactionMode};
use zichtbaar_core::stored::{self, CollectedFile, DecodeError};

use super::StorageError;
use crate::{dom, platform};

const DB: &str = "zichtbaar-verzamelen";
const VERSION: u32 = 1;
const FILES: &str = "files";
/// Files read per request: small enough that one batch is a short task.
const BATCH: u32 = 100;

thread_local! {
    static OPEN: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    /// Closes the open database when another tab wants to delete it
    /// ([`delete_all`]): kept as long as the connection.
    static ON_CHANGE: RefCell<Option<dom::Listener>> = const { RefCell::new(None) };
}

fn failed(what: &str) -> StorageError {
    StorageError::Failed(what.to_owned())
}

/// The error a request or transaction ended with.
fn error_of(error: Option<web_sys::DomException>) -> StorageError {
    match error {
        Some(e) if e.name() == "QuotaExceededError" => StorageError::Full,
        Some(e) => StorageError::Failed(format!("{} {}", e.name(), e.message())),
        None => failed("onbekende fout"),
    }
}

/// A promise that settles with a request's `success` or `error` event.
/// Made as soon as the request is: one that completes before anyone
/// listens would never be heard of.
fn settles(req: &IdbRequest) -> Promise {
    Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    })
}

/// Waits for a request's result, listened for with [`settles`].
async fn outcome(req: &IdbRequest, settled: Promise) -> Result<JsValue, StorageError> {
    let settled = JsFuture::from(settled).await;
    req.set_onsuccess(None);
    req.set_onerror(None);
    match settled {
        Ok(_) => req.result().map_err(StorageError::from_js),
        Err(_) => Err(error_of(req.error().ok().flatten())),
    }
}

/// Waits for a request's result.
async fn result(req: &IdbRequest) -> Result<JsValue, StorageError> {
    outcome(req, settles(req)).await
}

/// A promise that settles when `tx` is written (or fails, for example when
/// the disk is full). Made before anything is awaited: a transaction that
/// completes before anyone listens would never be heard of.
fn commit_of(tx: &IdbTransaction) -> Promise {
    Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    })
}

async fn settled(tx: &IdbTransaction, commit: Promise) -> Result<(), StorageError> {
    match JsFuture::from(commit).await {
        Ok(_) => Ok(()),
        Err(_) => Err(error_of(tx.error())),
    }
}

/// Waits until a transaction is written.
async fn committed(tx: &IdbTransaction) -> Result<(), StorageError> {
    settled(tx, commit_of(tx)).await
}

/// The browser's IndexedDB, or why there is none.
fn factory() -> Result<web_sys::IdbFactory, StorageError> {
    web_sys::window()
        .ok_or_else(|| StorageError::Unavailable("no window".into()))?
        .indexed_db()
        .map_err(StorageError::from_js)?
        .ok_or_else(|| StorageError::Unavailable("no IndexedDB".into()))
}

async fn database() -> Result<IdbDatabase, StorageError> {
    if let Some(db) = OPEN.with(|o| o.borrow().clone()) {
        return Ok(db);
    }
    let factory = factory()?;
    let open = factory
        .open_with_u32(DB, VERSION)
        .map_err(StorageError::from_js)?;
    let request = open.clone();
    // Version 1 creates the store; later versions migrate here, step by step.
    let _upgrade = dom::listen(&open, "upgradeneeded", move |_| {
        let Ok(db) = request.result().and_then(|r| r.dyn_into::<IdbDatabase>()) else {
            return;
        };
        if !db.object_store_names().contains(FILES) {
            let params = web_sys::IdbObjectStoreParameters::new();
            params.set_auto_increment(true);
            let _ = db.create_object_store_with_optional_parameters(FILES, &params);
        }
    });
    let db: IdbDatabase = result(&open)
        .await?
        .dyn_into()
        .map_err(|_| failed("geen database"))?;
    OPEN.with(|o| *o.borrow_mut() = Some(db.clone()));
    // Another tab wiping this device ([`delete_all`]) waits for this
    // connection: let it go. The next use opens the database anew.
    let closing = db.clone();
    let listener = dom::listen(&db, "versionchange", move |_| {
        closing.close();
        OPEN.with(|o| *o.borrow_mut() = None);
    });
    ON_CHANGE.with(|c| *c.borrow_mut() = Some(listener));
    Ok(db)
}

/// Deletes the whole collection database: every file read on
/// `/verzamelen` (for wiping a shared computer). A page holding it open
/// lets go when asked; if one does not, this says so instead of waiting.
pub async fn delete_all() -> Result<(), StorageError> {
    if let Some(db) = OPEN.with(|o| o.borrow_mut().take()) {
        db.close();
    }
    let factory = factory()?;
    let request = factory.delete_database(DB).map_err(StorageError::from_js)?;
    let done = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
        request.set_onblocked(Some(&reject));
    });
    let outcome = JsFuture::from(done).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    request.set_onblocked(None);
    match outcome {
        Ok(_) => Ok(()),
        Err(event) => {
            let kind = js_sys::Reflect::get(&event, &"type".into())
                .ok()
                .and_then(|t| t.as_string());
            if kind.as_deref() == Some("blocked") {
                Err(failed("een ander tabblad met Gedeelde reflecties houdt de gegevens open; sluit dat tabblad en probeer het opnieuw"))
            } else {
                Err(error_of(request.error().ok().flatten()))
            }
        }
    }
}

fn transaction(db: &IdbDatabase, mode: IdbTransactionMode) -> Result<IdbTransaction, StorageError> {
    db.transaction_with_str_and_mode(FILES, mode)
        .map_err(StorageError::from_js)
}

/// Files being written: the browser writes them while the page goes on.
pub struct Adding {
    tx: IdbTransaction,
    commit: Promise,
    requests: Vec<IdbRequest>,
}

impl Adding {
    /// Waits until they are written; their keys, in order.
    pub async fn done(self) -> Result<Vec<f64>, StorageError> {
        settled(&self.tx, self.commit).await?;
        Ok(self
            .requests
            .iter()
            .filter_map(|r| r.result().ok()?.as_f64())
            .collect())
    }
}

/// Starts writing imported files in one transaction, and returns at once;
/// [`Adding::done`] waits for them. Each is the text of
/// `zichtbaar_core::stored::encode_file` or `encode_file_parts`.
pub async fn start_adding(files: &[String]) -> Result<Adding, StorageError> {
    let db = database().await?;
    let tx = transaction(&db, IdbTransactionMode::Readwrite)?;
    let commit = commit_of(&tx);
    let store = tx.object_store(FILES).map_err(StorageError::from_js)?;
    let mut requests = Vec::with_capacity(files.len());
    for file in files {
        let text = JsValue::from_str(file);
        requests.push(store.add(&text).map_err(StorageError::from_js)?);
    }
    Ok(Adding {
        tx,
        commit,
        requests,
    })
}

/// A stored file that could not be read, left in place.
pub struct UnreadableFile {
    pub key: f64,
    pub error: DecodeError,
}

/// Reads every stored file, a batch at a time, calling `each` with every
/// file read (and its key) and pausing between batches.
pub async fn load_files(
    mut each: impl FnMut(f64, CollectedFile),
) -> Result<Vec<UnreadableFile>, StorageError> {
    let db = database().await?;
    let mut unreadable = Vec::new();
    let mut after: Option<f64> = None;
    loop {
        let tx = transaction(&db, IdbTransactionMode::Readonly)?;
        let store = tx.object_store(FILES).map_err(StorageError::from_js)?;
        let range = match after {
            Some(k) => Some(
                IdbKeyRange::lower_bound_with_open(&JsValue::from_f64(k), true)
                    .map_err(StorageError::from_js)?,
            ),
            None => None,
        };
        let range: JsValue = range.map_or(JsValue::UNDEFINED, Into::into);
        let keys = store
            .get_all_keys_with_key_and_limit(&range, BATCH)
            .map_err(StorageError::from_js)?;
        let values = store
            .get_all_with_key_and_limit(&range, BATCH)
            .map_err(StorageError::from_js)?;
        // Both listened for before either is awaited.
        let (keys_settle, values_settle) = (settles(&keys), settles(&values));
        let keys: js_sys::Array = outcome(&keys, keys_settle).await?.unchecked_into();
        let values: js_sys::Array = outcome(&values, values_settle).await?.unchecked_into();
        if keys.length() == 0 {
            break;
        }
        for (key, value) in keys.iter().zip(values.iter()) {
            let key = key.as_f64().unwrap_or_default();
            after = Some(key);
            match stored::decode_file(&value.as_string().unwrap_or_default()) {
                Ok(file) => each(key, file),
                Err(error) => unreadable.push(UnreadableFile { key, error }),
            }
        }
        if keys.length() < BATCH {
            break;
        }
        platform::pause().await;
    }
    Ok(unreadable)
}

/// Removes one stored file.
pub async fn remove_file(key: f64) -> Result<(), StorageError> {
    let db = database().await?;
    let tx = transaction(&db, IdbTransactionMode::Readwrite)?;
    let store = tx.object_store(FILES).map_err(StorageError::from_js)?;
    store
        .delete(&JsValue::from_f64(key))
        .map_err(StorageError::from_js)?;
    committed(&tx).await
}

/// Removes every stored file.
pub async fn clear() -> Result<(), StorageError> {
    let db = database().await?;
    let tx = transaction(&db, IdbTransactionMode::Readwrite)?;
    let store = tx.object_store(FILES).map_err(StorageError::from_js)?;
    store.clear().map_err(StorageError::from_js)?;
    committed(&tx).await
}
