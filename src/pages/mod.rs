//! One module per page of the app.
//!
//! A page is mounted into `<main>` by [`mount`], under a reactive owner of
//! its own (see `crate::slot`): static pages are a template without data;
//! pages with content draw a [`crate::html::Markup`] and listen on `<main>`
//! (see `crate::html` for why not `view!`).
//!
//! Adding a page: see "Adding a page" in ARCHITECTURE.md.

pub mod not_found;
pub mod ontvangst;
pub mod privacy;
pub mod reflectie;
pub mod start;
pub mod verzamelen;

use std::cell::Cell;

use crate::dom;
use crate::route::Page;

thread_local! {
    /// The collection view's `mount`, in the bundle that has it.
    static COLLECTION: Cell<Option<fn(&web_sys::Element)>> = const { Cell::new(None) };
}

/// Puts the collection view into this bundle. Only `/verzamelen`'s own
/// bundle calls this: the teacher's bundle never refers to that page's
/// code, so it is not in its wasm (see "Two bundles" in ARCHITECTURE.md).
pub fn include_collection() {
    COLLECTION.with(|c| c.set(Some(verzamelen::mount)));
}

/// Whether this bundle can show `page` without loading another one.
pub fn in_this_bundle(page: Page) -> bool {
    page != Page::Verzamelen || COLLECTION.with(Cell::get).is_some()
}

pub fn mount(page: Page, main: &web_sys::Element) {
    match page {
        Page::Start => dom::draw(main, &start::markup()),
        Page::Reflectie => reflectie::mount(main),
        Page::Ontvangst => ontvangst::mount(main),
        Page::Verzamelen => match COLLECTION.with(Cell::get) {
            Some(mount) => mount(main),
            // Reached without a page load (links to it load the page): load
            // its own bundle.
            None => {
                let _ = web_sys::window().map(|w| w.location().reload());
            }
        },
        Page::Privacy => privacy::mount(main),
        Page::NotFound => dom::draw(main, &not_found::markup()),
    }
}

#[cfg(test)]
mod tests {
    use crate::html::Name;

    /// Buttons of a component sit inside the page's container, and both
    /// listen there: an action string must mean one thing only.
    #[test]
    fn every_action_name_is_used_by_one_component_only() {
        let mut all: Vec<&str> = Vec::new();
        all.extend(
            super::reflectie::markup::Action::ALL
                .iter()
                .map(|a| a.as_str()),
        );
        all.extend(
            super::ontvangst::markup::Action::ALL
                .iter()
                .map(|a| a.as_str()),
        );
        all.extend(super::privacy::Action::ALL.iter().map(|a| a.as_str()));
        all.extend(
            super::verzamelen::markup::Action::ALL
                .iter()
                .map(|a| a.as_str()),
        );
        all.extend(
            crate::components::share_markup::Action::ALL
                .iter()
                .map(|a| a.as_str()),
        );
        all.extend(
            crate::components::save_status::Action::ALL
                .iter()
                .map(|a| a.as_str()),
        );
        all.extend(crate::sw::Action::ALL.iter().map(|a| a.as_str()));
        for (i, a) in all.iter().enumerate() {
            assert!(!all[..i].contains(a), "action {a} is declared twice");
        }
        assert!(all.len() >= 13);
    }
}
