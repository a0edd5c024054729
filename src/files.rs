//! Files leaving the app: downloads (and, later, the Web Share API).

use wasm_bindgen::JsCast;
use zichtbaar_core::{backup, Record};

use crate::platform;

/// Offers a backup of `records` (not anonymised: for the user alone) as
/// `zichtbaar-reservekopie-<today>.json`. Returns the file name when the
/// browser took the download.
pub fn download_backup(records: &[Record]) -> Option<String> {
    let today = platform::today();
    let name = format!("zichtbaar-reservekopie-{today}.json");
    download(&name, "application/json", &backup::encode(records, today)).then_some(name)
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
