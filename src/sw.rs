//! The service worker: registering it, and offering a new version.
//!
//! `sw.js` is written by the build (`scripts/postbuild.mjs` fills in the
//! list of files and the version) and precaches the whole app, so after the
//! first visit everything works without a network.
//!
//! A new deployment is noticed when the browser checks `sw.js` (on every
//! navigation, when the tab becomes visible again, and hourly). The new
//! worker then waits; a banner offers to switch. Switching first writes
//! everything pending ([`crate::autosave::flush_all`]), then tells the
//! worker to take over and reloads once it has. No banner appears on the
//! very first install: the page then has no controller yet, and the new
//! worker's brief "installed" state is not an update.

use std::cell::Cell;

use wasm_bindgen::{JsCast, JsValue};

use crate::html::{html, names, Id, Markup};
use wasm_bindgen_futures::{spawn_local, JsFuture};

use crate::{autosave, dom};

thread_local! {
    /// Set once the user chose to switch: only then does a change of
    /// controller reload the page.
    static SWITCHING: Cell<bool> = const { Cell::new(false) };
}

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Only in secure contexts (https, localhost); elsewhere the app simply
    // works online only.
    let present =
        js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    present.then(|| navigator.service_worker())
}

fn has_controller() -> bool {
    container().is_some_and(|c| c.controller().is_some())
}

/// Registers `sw.js` for the app's root (relative to the document's base),
/// a moment after the page has loaded: precaching then does not compete
/// with the first page for the network or the CPU.
pub fn register() {
    let Some(window) = dom::window() else { return };
    let later = move || {
        let callback = wasm_bindgen::closure::Closure::once_into_js(register_now);
        if let Some(w) = dom::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.unchecked_ref(),
                1_000,
            );
        }
    };
    let complete = window
        .document()
        .is_some_and(|d| d.ready_state() == "complete");
    if complete {
        later();
    } else {
        let w: web_sys::EventTarget = window.into();
        // Lives as long as the page; fires once.
        std::mem::forget(dom::listen(&w, "load", move |_| later()));
    }
}

fn register_now() {
    let Some(container) = container() else { return };
    let options = web_sys::RegistrationOptions::new();
    options.set_scope("./");
    options.set_update_via_cache(web_sys::ServiceWorkerUpdateViaCache::None);
    let promise = container.register_with_options("sw.js", &options);
    spawn_local(async move {
        // Without a worker the app still works, online.
        let Ok(registration) = JsFuture::from(promise).await else {
            return;
        };
        watch(registration.unchecked_into());
    });
}

fn watch(registration: web_sys::ServiceWorkerRegistration) {
    if registration.waiting().is_some() && has_controller() {
        offer_update(&registration);
    }
    let reg = registration.clone();
    // These live as long as the page.
    std::mem::forget(dom::listen(&registration, "updatefound", move |_| {
        let Some(worker) = reg.installing() else {
            return;
        };
        let reg = reg.clone();
        let w = worker.clone();
        std::mem::forget(dom::listen(&worker, "statechange", move |_| {
            if w.state() == web_sys::ServiceWorkerState::Installed && has_controller() {
                offer_update(&reg);
            }
        }));
    }));
    if let Some(container) = container() {
        std::mem::forget(dom::listen(&container, "controllerchange", |_| {
            if SWITCHING.with(Cell::get) {
                if let Some(w) = dom::window() {
                    let _ = w.location().reload();
                }
            }
        }));
    }
    let reg = registration.clone();
    let check = move || {
        let _ = reg.update();
    };
    if let Some(document) = dom::window().and_then(|w| w.document()) {
        let d = document.clone();
        let check = check.clone();
        std::mem::forget(dom::listen(&document, "visibilitychange", move |_| {
            if d.visibility_state() == web_sys::VisibilityState::Visible {
                check();
            }
        }));
    }
    let hourly = wasm_bindgen::closure::Closure::<dyn Fn()>::new(check);
    if let Some(w) = dom::window() {
        let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(
            hourly.as_ref().unchecked_ref(),
            3_600_000,
        );
    }
    hourly.forget();
}

const BANNER: Id = Id("zb-update");

names! {
    /// What the update banner's button does.
    pub enum Action in action {
        Apply = "apply-update",
    }
}

fn banner_markup() -> Markup {
    html! {
        p { "Nieuwe versie beschikbaar. Je werk blijft bewaard." }
        button type="button" class="zb-button" id="zb-update-apply" data-action=(Action::Apply) { "Herladen" }
    }
}

/// Shows the banner (once) that lets the user switch to the waiting version.
fn offer_update(registration: &web_sys::ServiceWorkerRegistration) {
    if dom::by_id(BANNER).is_some() {
        return;
    }
    let Some(document) = dom::window().and_then(|w| w.document()) else {
        return;
    };
    let (Ok(banner), Some(body)) = (document.create_element("div"), document.body()) else {
        return;
    };
    banner.set_id(BANNER.as_str());
    banner.set_class_name("zb-update");
    let _ = banner.set_attribute("role", "status");
    dom::draw(&banner, &banner_markup());
    let _ = body.append_child(&banner);
    let reg = registration.clone();
    std::mem::forget(dom::listen(&banner, "click", move |ev| {
        let Some((Action::Apply, _)) = dom::named::<Action>(&ev) else {
            return;
        };
        // Everything typed goes to storage before the page goes away.
        autosave::flush_all();
        SWITCHING.with(|s| s.set(true));
        match reg.waiting() {
            Some(worker) => {
                let _ = worker.post_message(&JsValue::from_str("skip-waiting"));
            }
            None => {
                if let Some(w) = dom::window() {
                    let _ = w.location().reload();
                }
            }
        }
    }));
}
