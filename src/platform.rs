//! The clock and the random source, the only two facts the core cannot know.

use zichtbaar_core::{Date, RecordId};

/// Today's date on this device, in its own time zone.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as i32,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    )
    // A Date from the browser is always a real day; this only guards
    // against a broken clock object.
    .unwrap_or(Date::EPOCH)
}

/// Sixteen random bytes from `crypto.getRandomValues`, or from
/// `Math.random` on the rare browser without it (ids need to be unique,
/// not secret).
pub fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

pub fn new_record_id() -> RecordId {
    RecordId::from_random(random_bytes())
}

/// Lets the browser run other tasks (drawing, typing) before going on: long
/// work is done in slices with a pause between them. A message to itself,
/// not `setTimeout(0)`, which browsers stretch to 4 ms when repeated.
pub async fn pause() {
    let promise = js_sys::Promise::new(&mut |resolve, _| match web_sys::MessageChannel::new() {
        Ok(channel) => {
            channel.port1().set_onmessage(Some(&resolve));
            let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
        }
        Err(_) => {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            }
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Milliseconds since the page started (for slicing long work).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Long work in slices: [`Slices::due`] says when a slice has run long
/// enough that the browser should get a turn.
pub struct Slices {
    since: f64,
}

impl Default for Slices {
    fn default() -> Slices {
        Slices::new()
    }
}

impl Slices {
    /// About the 50 ms of a "long task": short enough that the page stays
    /// responsive, long enough that the pauses cost little.
    const BUDGET_MS: f64 = 45.0;

    pub fn new() -> Slices {
        Slices { since: now_ms() }
    }

    pub fn due(&self) -> bool {
        now_ms() - self.since > Self::BUDGET_MS
    }

    /// Pauses if the current slice is used up.
    pub async fn next(&mut self) {
        if self.due() {
            pause().await;
            self.since = now_ms();
        }
    }
}
