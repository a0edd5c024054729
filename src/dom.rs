//! Small, direct DOM updates by element id.
//!
//! Parts of the UI that change often but in a few known places (the share
//! preview, form errors) are drawn once from HTML text (see [`crate::html`])
//! and then updated here, instead of through reactive views: each reactive
//! closure costs generic framework code in the wasm, these are plain calls.
//! Every function quietly does nothing when the element is gone (the page
//! changed in between).

use wasm_bindgen::JsCast;

pub fn by_id(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// The element an event happened on.
pub fn target(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target()?.dyn_into::<web_sys::Element>().ok()
}

/// The nearest element matching `selector` from the event's target up.
pub fn closest(ev: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    target(ev)?.closest(selector).ok().flatten()
}

/// Sets the markup of an element. Only ever with text from [`crate::html`].
pub fn set_html(id: &str, html: &str) {
    if let Some(el) = by_id(id) {
        el.set_inner_html(html);
    }
}

pub fn set_text(id: &str, text: &str) {
    if let Some(el) = by_id(id) {
        el.set_text_content(Some(text));
    }
}

pub fn set_attr(id: &str, name: &str, value: Option<&str>) {
    if let Some(el) = by_id(id) {
        let _ = match value {
            Some(v) => el.set_attribute(name, v),
            None => el.remove_attribute(name),
        };
    }
}

pub fn focus(id: &str) {
    if let Some(el) = by_id(id) {
        focus_element(&el);
    }
}

pub fn focus_element(el: &web_sys::Element) {
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// Whether a checkbox or radio (the event's target) is checked.
pub fn is_checked(el: &web_sys::Element) -> bool {
    el.dyn_ref::<web_sys::HtmlInputElement>()
        .is_some_and(|i| i.checked())
}

/// An event listener that is removed when dropped. All listeners in the app
/// share this one closure type, so the wasm holds one copy of the glue
/// instead of one per event type and handler.
pub struct Listener {
    target: web_sys::EventTarget,
    kind: &'static str,
    closure: wasm_bindgen::closure::Closure<dyn Fn(web_sys::Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref());
    }
}

/// Listens for `kind` events on `target` until the returned guard is dropped.
pub fn listen(
    target: &web_sys::EventTarget,
    kind: &'static str,
    handler: impl Fn(web_sys::Event) + 'static,
) -> Listener {
    let closure = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
    Listener {
        target: target.clone(),
        kind,
        closure,
    }
}

/// Keeps listeners alive for as long as the current reactive owner (a page,
/// an editor): they are removed when it is cleaned up.
pub fn keep(listeners: Vec<Listener>) {
    let held = leptos::prelude::StoredValue::new_local(Some(listeners));
    leptos::prelude::on_cleanup(move || {
        use leptos::prelude::UpdateValue;
        held.update_value(|l| *l = None);
    });
}

pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}
