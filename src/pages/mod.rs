//! One module per page of the app.
//!
//! A page is mounted into `<main>` by [`mount`], under a reactive owner of
//! its own (see `crate::slot`): static pages are a template without data;
//! pages with content draw a [`crate::html::Markup`] and listen on `<main>`
//! (see `crate::html` for why not `view!`).
//!
//! Adding a page: see "Adding a page" in ARCHITECTURE.md.

pub mod delen;
pub mod not_found;
pub mod ontvangst;
pub mod privacy;
pub mod reflectie;
pub mod start;
pub mod toegankelijkheid;
pub mod verzamelen;

use std::cell::Cell;

use crate::dom;
use crate::route::Page;

type Mount = fn(Page, &web_sys::Element);

thread_local! {
    /// What mounts the pages that live in the second bundle, in the bundle
    /// that has them.
    static SECOND: Cell<Option<Mount>> = const { Cell::new(None) };
}

/// The pages the teacher never waits for: in the second bundle only.
/// `/verzamelen` (the SWV's collection view), `/privacy` (backup, restore,
/// wiping) and `/delen` (the share panel, the anonymiser and the export
/// writer) are visited on their own, never before typing.
const IN_SECOND: [Page; 3] = [Page::Verzamelen, Page::Privacy, Page::Delen];

fn mount_second(page: Page, main: &web_sys::Element) {
    match page {
        Page::Verzamelen => verzamelen::mount(main),
        Page::Delen => delen::mount(main),
        _ => privacy::mount(main),
    }
}

/// Puts the pages of the second bundle into this bundle. Only the second
/// bundle (`main_verzamelen.rs`) calls this: the teacher's bundle never
/// refers to those pages' code, so it is not in its wasm (see "Two bundles"
/// in ARCHITECTURE.md).
pub fn include_collection() {
    SECOND.with(|c| c.set(Some(mount_second)));
}

/// Whether this bundle can show `page` without loading another one.
pub fn in_this_bundle(page: Page) -> bool {
    !IN_SECOND.contains(&page) || SECOND.with(Cell::get).is_some()
}

pub fn mount(page: Page, main: &web_sys::Element) {
    match page {
        Page::Start => dom::draw(main, &start::markup()),
        Page::Reflectie => reflectie::mount(main),
        Page::Ontvangst => ontvangst::mount(main),
        Page::Verzamelen | Page::Privacy | Page::Delen => match SECOND.with(Cell::get) {
            Some(second) => second(page, main),
            // Reached without a page load (links to it load the page): load
            // the bundle that has it.
            None => {
                let _ = web_sys::window().map(|w| w.location().reload());
            }
        },
        Page::Toegankelijkheid => dom::draw(main, &toegankelijkheid::markup()),
        Page::NotFound => dom::draw(main, &not_found::markup()),
    }
}

#[cfg(test)]
mod tests {
    use crate::html::Name;

    /// The build hook gives these pages' folders the second bundle's page.
    #[test]
    fn the_build_hook_knows_which_pages_are_in_the_second_bundle() {
        let hook = include_str!("../../scripts/postbuild.mjs");
        let slugs: Vec<String> = super::IN_SECOND
            .iter()
            .map(|p| format!("{:?}", p.slug()))
            .collect();
        let list = format!("[{}].includes(route)", slugs.join(", "));
        assert!(
            hook.contains(&list),
            "scripts/postbuild.mjs should say {list}"
        );
    }

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
        all.extend(
            super::reflectie::plan::PlanAction::ALL
                .iter()
                .map(|a| a.as_str()),
        );
        for (i, a) in all.iter().enumerate() {
            assert!(!all[..i].contains(a), "action {a} is declared twice");
        }
        assert!(all.len() >= 13);
    }
}
