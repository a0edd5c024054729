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

use crate::dom;
use crate::route::Page;

pub fn mount(page: Page, main: &web_sys::Element) {
    match page {
        Page::Start => dom::draw(main, &start::markup()),
        Page::Reflectie => reflectie::mount(main),
        Page::Ontvangst => ontvangst::mount(main),
        Page::Verzamelen => dom::draw(main, &verzamelen::markup()),
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
