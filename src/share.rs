//! Sharing a file without a server: the Web Share API where the browser can
//! share files (phones, tablets), otherwise the clipboard and a `mailto:`
//! link. Downloads are in [`crate::files`].

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn navigator() -> Option<JsValue> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &JsValue::from_str("navigator")).ok()
}

fn method(target: &JsValue, name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(target, &JsValue::from_str(name))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()
}

fn share_data(name: &str, text: &str, title: Option<&str>) -> Option<js_sys::Object> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::FilePropertyBag::new();
    options.set_type("application/json");
    let file = web_sys::File::new_with_str_sequence_and_options(&parts, name, &options).ok()?;
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&file)).ok()?;
    if let Some(title) = title {
        js_sys::Reflect::set(&data, &"title".into(), &title.into()).ok()?;
    }
    Some(data)
}

/// Whether this browser can share a file through the system's share sheet.
pub fn can_share_file() -> bool {
    let Some(nav) = navigator() else { return false };
    let (Some(can_share), Some(_)) = (method(&nav, "canShare"), method(&nav, "share")) else {
        return false;
    };
    share_data("zichtbaar.json", "{}", None)
        .and_then(|data| can_share.call1(&nav, &data).ok())
        .is_some_and(|ok| ok.is_truthy())
}

/// Why sharing or copying did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The user closed the share sheet: not an error to report loudly.
    Cancelled,
    /// The browser does not offer this.
    Unsupported,
    Failed(String),
}

fn error_of(err: JsValue) -> ShareError {
    let name = js_sys::Reflect::get(&err, &"name".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    if name == "AbortError" {
        ShareError::Cancelled
    } else {
        ShareError::Failed(name)
    }
}

/// Opens the system share sheet with `text` as a JSON file named `name`.
pub async fn share_file(name: &str, text: &str, title: &str) -> Result<(), ShareError> {
    let nav = navigator().ok_or(ShareError::Unsupported)?;
    let share = method(&nav, "share").ok_or(ShareError::Unsupported)?;
    let data = share_data(name, text, Some(title)).ok_or(ShareError::Unsupported)?;
    let promise = share
        .call1(&nav, &data)
        .map_err(error_of)?
        .dyn_into::<js_sys::Promise>()
        .map_err(|_| ShareError::Unsupported)?;
    JsFuture::from(promise).await.map(|_| ()).map_err(error_of)
}

/// Puts `text` on the clipboard.
pub async fn copy_text(text: &str) -> Result<(), ShareError> {
    let nav = navigator().ok_or(ShareError::Unsupported)?;
    let clipboard = js_sys::Reflect::get(&nav, &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined())
        .ok_or(ShareError::Unsupported)?;
    let write = method(&clipboard, "writeText").ok_or(ShareError::Unsupported)?;
    let promise = write
        .call1(&clipboard, &text.into())
        .map_err(error_of)?
        .dyn_into::<js_sys::Promise>()
        .map_err(|_| ShareError::Unsupported)?;
    JsFuture::from(promise).await.map(|_| ()).map_err(error_of)
}

/// A `mailto:` link with subject and body (see `zichtbaar_core::mail`).
pub use zichtbaar_core::mail::mailto;
