//! Small, direct DOM updates by element id, and the app's event listeners.
//!
//! Parts of the UI that change often but in a few known places (the share
//! preview, form errors) are drawn once from a [`Markup`] (see
//! [`crate::html`]) and then updated here, instead of through reactive
//! views: each reactive closure costs generic framework code in the wasm,
//! these are plain calls. Every function quietly does nothing when the
//! element is gone (the page changed in between).
//!
//! This is the only module that sets `innerHTML`, and only from a
//! [`Markup`]; ids are typed [`Id`]s declared beside the markup.

use wasm_bindgen::JsCast;

use crate::html::{Id, Markup, Name};

fn find(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

pub fn by_id(id: Id) -> Option<web_sys::Element> {
    find(id.as_str())
}

/// The element an event happened on.
pub fn target(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target()?.dyn_into::<web_sys::Element>().ok()
}

/// The name of kind `N` on the event's target or its nearest ancestor that
/// has one, with that element: the button of a `data-action`, the input of
/// a `data-field`. `None` when there is none, or it belongs to another
/// component (another enum).
pub fn named<N: Name>(ev: &web_sys::Event) -> Option<(N, web_sys::Element)> {
    let el = target(ev)?.closest(N::SELECTOR).ok()??;
    let name = N::parse(&el.get_attribute(N::ATTR)?)?;
    Some((name, el))
}

/// Replaces the content of `el` with `markup`.
#[allow(clippy::disallowed_methods)] // the one place that may
pub fn draw(el: &web_sys::Element, markup: &Markup) {
    el.set_inner_html(&markup.0);
}

/// Replaces the content of the element `id` with `markup`.
pub fn set_html(id: Id, markup: &Markup) {
    if let Some(el) = by_id(id) {
        draw(&el, markup);
    }
}

/// Replaces the content of the element whose id is built from data (one
/// per item or row, where a typed [`Id`] cannot name it) with `markup`.
pub fn set_html_by(id: &str, markup: &Markup) {
    if let Some(el) = find(id) {
        draw(&el, markup);
    }
}

pub fn set_text(id: Id, text: &str) {
    if let Some(el) = by_id(id) {
        el.set_text_content(Some(text));
    }
}

pub fn set_attr(id: Id, name: &str, value: Option<&str>) {
    if let Some(el) = by_id(id) {
        set_attr_of(&el, name, value);
    }
}

pub fn set_attr_of(el: &web_sys::Element, name: &str, value: Option<&str>) {
    let _ = match value {
        Some(v) => el.set_attribute(name, v),
        None => el.remove_attribute(name),
    };
}

pub fn focus(id: Id) {
    if let Some(el) = by_id(id) {
        focus_element(&el);
    }
}

/// Focuses the element a link to `#fragment` on this page points at (the
/// skip link; with `<base href="../">` the browser would not).
pub fn focus_fragment(fragment: &str) {
    if let Some(el) = find(fragment) {
        focus_element(&el);
    }
}

/// Focuses the element that now has the id `drawn` had: after a redraw,
/// focus goes back to the control the user pressed.
pub fn focus_again(drawn: &web_sys::Element) {
    if let Some(el) = find(&drawn.id()) {
        focus_element(&el);
    }
}

pub fn focus_element(el: &web_sys::Element) {
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// Focuses the first element inside `within` that matches `selector`:
/// after a navigation, the new heading.
pub fn focus_first(within: Id, selector: &str) {
    if let Some(el) = by_id(within).and_then(|w| w.query_selector(selector).ok().flatten()) {
        focus_element(&el);
    }
}

/// Where focus is: the focused element's id and, in a text field, the
/// selection, to put back after drawing its part again.
pub struct FocusKept {
    id: String,
    selection: Option<(u32, u32)>,
}

/// Remembers where focus is (when the focused element has an id).
pub fn keep_focus() -> Option<FocusKept> {
    let el = web_sys::window()?.document()?.active_element()?;
    let id = el.id();
    if id.is_empty() {
        return None;
    }
    let selection = el
        .dyn_ref::<web_sys::HtmlTextAreaElement>()
        .and_then(|t| Some((t.selection_start().ok()??, t.selection_end().ok()??)));
    Some(FocusKept { id, selection })
}

/// Puts focus back where [`keep_focus`] found it, if that element is there.
pub fn restore_focus(kept: FocusKept) {
    let Some(el) = find(&kept.id) else { return };
    focus_element(&el);
    if let (Some(t), Some((start, end))) =
        (el.dyn_ref::<web_sys::HtmlTextAreaElement>(), kept.selection)
    {
        let _ = t.set_selection_range(start, end);
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
