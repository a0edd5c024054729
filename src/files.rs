//! Files in and out: downloads, and reading the files a user picked or
//! dropped (with the files in dropped folders).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use zichtbaar_core::{backup, Record};

use crate::platform;

/// Offers a backup of `records` (not anonymised: for the user alone) as
/// `zichtbaar-reservekopie-<today>.json`. Returns the file name when the
/// browser took the download.
pub fn download_backup(records: &[Record]) -> Option<String> {
    download_backup_all(records, &[])
}

/// Like [`download_backup`], with the stored values this version cannot
/// read, as they are.
pub fn download_backup_all(records: &[Record], unreadable: &[backup::Unread]) -> Option<String> {
    let today = platform::today();
    let name = format!("zichtbaar-reservekopie-{today}.json");
    let text = backup::encode_all(records, unreadable, today);
    download(&name, "application/json", &text).then_some(name)
}

/// Offers `content` as a file download named `name`. Returns false when the
/// browser refused (the caller shows the text instead, so nothing is lost).
pub fn download(name: &str, mime: &str, content: &str) -> bool {
    try_download(name, mime, content).is_some()
}

fn try_download(name: &str, mime: &str, content: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let anchor = document
        .create_element("a")
        .ok()?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_hidden(true);
    let body = document.body()?;
    body.append_child(&anchor).ok()?;
    anchor.click();
    body.remove_child(&anchor).ok()?;
    // Revoke later: some browsers read the URL after click() returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)
        .ok()?;
    Some(())
}

/// Text the user pasted, as a file named `name`, so it goes in the way
/// picked files go.
pub fn text_file(name: &str, text: &str) -> Option<web_sys::File> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::FilePropertyBag::new();
    options.set_type("text/plain");
    web_sys::File::new_with_str_sequence_and_options(&parts, name, &options).ok()
}

/// Starts reading `files`: the browser reads them at the same time, off
/// the main thread; [`texts`] waits for them. Each file is read on its own,
/// without asking its size first: in Chromium the first `File.size` of a
/// picked file is a call that waits for the disk (10,000 files: 2.9 s of
/// blocked main thread), and so is `new Blob(files)`.
pub fn start_reading(files: &[&web_sys::File]) -> js_sys::Promise {
    let reads: js_sys::Array = files.iter().map(|f| f.array_buffer()).collect();
    js_sys::Promise::all_settled(&reads)
}

/// What reading one file gave.
pub enum Read {
    /// The text, and the file's size in bytes.
    Text(String, u64),
    /// More than the most asked for: its bytes are not looked at.
    TooBig(f64),
    Failed,
}

/// The texts [`start_reading`] read, by file; a file of more than
/// `max_bytes` is not copied.
pub async fn texts(reading: js_sys::Promise, count: usize, max_bytes: f64) -> Vec<Read> {
    let Ok(settled) = JsFuture::from(reading).await else {
        return (0..count).map(|_| Read::Failed).collect();
    };
    let settled = js_sys::Array::from(&settled);
    (0..count as u32)
        .map(|i| {
            let value = js_sys::Reflect::get(&settled.get(i), &"value".into()).ok();
            let Some(buffer) = value.and_then(|v| v.dyn_into::<js_sys::ArrayBuffer>().ok()) else {
                return Read::Failed;
            };
            let length = f64::from(buffer.byte_length());
            if length > max_bytes {
                return Read::TooBig(length);
            }
            let mut bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            // As Blob.text() would: UTF-8, without a byte order mark.
            if bytes.starts_with(b"\xEF\xBB\xBF") {
                bytes.drain(..3);
            }
            let text = match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
            };
            Read::Text(text, length as u64)
        })
        .collect()
}

/// The text of one file the user chose (a backup to restore), or `None`
/// when the browser could not read it.
pub async fn read_text(file: &web_sys::File) -> Option<String> {
    JsFuture::from(file.text()).await.ok()?.as_string()
}

/// What was dropped on the page, taken while the drop event lasts (the
/// browser forgets it afterwards): files as they are, folders to walk.
pub struct Dropped {
    files: Vec<web_sys::File>,
    folders: Vec<web_sys::FileSystemDirectoryEntry>,
}

impl Dropped {
    pub fn take(transfer: &web_sys::DataTransfer) -> Dropped {
        let items = transfer.items();
        let mut dropped = Dropped {
            files: Vec::new(),
            folders: Vec::new(),
        };
        for item in (0..items.length()).filter_map(|i| items.get(i)) {
            if item.kind() != "file" {
                continue;
            }
            match item.webkit_get_as_entry() {
                Ok(Some(entry)) if entry.is_directory() => {
                    dropped.folders.push(entry.unchecked_into())
                }
                _ => dropped.files.extend(item.get_as_file().ok().flatten()),
            }
        }
        dropped
    }

    /// Every file dropped: the loose ones, then those in the dropped
    /// folders and their subfolders. A folder or file the browser will not
    /// open counts in the second number.
    pub async fn files(self) -> (Vec<web_sys::File>, usize) {
        let Dropped {
            mut files,
            mut folders,
        } = self;
        let mut unreadable = 0;
        while let Some(folder) = folders.pop() {
            let reader = folder.create_reader();
            // readEntries gives a part (100 in Chromium) until it gives none.
            loop {
                let batch = js_sys::Promise::new(&mut |resolve, reject| {
                    if reader
                        .read_entries_with_callback_and_callback(&resolve, &reject)
                        .is_err()
                    {
                        let _ = reject.call0(&wasm_bindgen::JsValue::NULL);
                    }
                });
                let Ok(batch) = JsFuture::from(batch).await else {
                    unreadable += 1;
                    break;
                };
                let batch = js_sys::Array::from(&batch);
                if batch.length() == 0 {
                    break;
                }
                let reads = js_sys::Array::new();
                for entry in batch.iter() {
                    let entry: web_sys::FileSystemEntry = entry.unchecked_into();
                    if entry.is_directory() {
                        folders.push(entry.unchecked_into());
                    } else if entry.is_file() {
                        let entry: web_sys::FileSystemFileEntry = entry.unchecked_into();
                        reads.push(&js_sys::Promise::new(&mut |resolve, reject| {
                            entry.file_with_callback_and_callback(&resolve, &reject);
                        }));
                    }
                }
                let Ok(settled) = JsFuture::from(js_sys::Promise::all_settled(&reads)).await else {
                    unreadable += reads.length() as usize;
                    continue;
                };
                for outcome in js_sys::Array::from(&settled).iter() {
                    match js_sys::Reflect::get(&outcome, &"value".into())
                        .ok()
                        .and_then(|v| v.dyn_into::<web_sys::File>().ok())
                    {
                        Some(file) => files.push(file),
                        None => unreadable += 1,
                    }
                }
            }
        }
        (files, unreadable)
    }
}
