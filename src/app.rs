//! The app shell: skip link, header with menu, the current page, footer.
//!
//! The shell is a static view. The menu is drawn from [`Page::MENU`]; the
//! footer links to privacy and to the accessibility statement. The current
//! page is mounted into `<main>` in a [`Slot`], and cleaned up when the page
//! changes (which runs the page's clean-ups, such as writing pending answers
//! and removing its listeners).

use leptos::prelude::*;

use crate::dom;
use crate::html::{html, Id, Markup};
use crate::pages;
use crate::route::{provide_routing, Page};
use crate::slot::Slot;

/// `<main>`, where pages are mounted.
pub const MAIN: Id = Id("inhoud");
const MENU: Id = Id("zb-menu");

/// The menu, with the current page marked.
pub fn menu(current: Page) -> Markup {
    html! {
        @for page in Page::MENU {
            li {
                a href=(page.href()) aria-current=[(page == current).then_some("page")] {
                    (page.name())
                }
            }
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    let router = provide_routing();
    let page = router.page();
    crate::autosave::install_page_listeners();
    crate::sw::register();

    let slot = Slot::new();
    Effect::new(move |previous: Option<Page>| {
        let p = page.get();
        dom::set_html(MENU, &menu(p));
        if let Some(main) = dom::by_id(MAIN) {
            // The slot unmounts first: the old page writes what is pending.
            slot.mount(|| pages::mount(p, &main));
        }
        document().set_title(&format!("{} - Zichtbaar", p.name()));
        // After a navigation (not on the first load) focus goes to the new
        // page's heading, so keyboard and screen-reader users land where the
        // content starts.
        // In the next frame: a page may draw its content from an effect of
        // its own (the reflection editor does), which runs after this one.
        if previous.is_some() {
            request_animation_frame(|| dom::focus_first(MAIN, "h1"));
        }
        p
    });

    view! {
        <a class="zb-skip-link" href="#inhoud">
            "Naar de inhoud"
        </a>
        <header class="zb-header">
            <div class="zb-header__inner">
                <a class="zb-logo" href="./">"Zichtbaar"</a>
                <nav class="zb-nav" aria-label="Hoofdmenu">
                    <ul id="zb-menu"></ul>
                </nav>
            </div>
        </header>
        <main id="inhoud" class="zb-main" tabindex="-1"></main>
        <footer class="zb-footer">
            <p>
                "Zichtbaar werkt helemaal in je browser. Wat je invult, blijft op dit apparaat. "
                <a href="privacy/">"Meer over privacy en opslag"</a>
            </p>
            <p>
                <a href="toegankelijkheid/">"Toegankelijkheid"</a>
            </p>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::attr_values;

    #[test]
    fn the_menu_links_to_every_menu_page_by_its_name_and_marks_the_current_one() {
        let html = menu(Page::Ontvangst).into_string();
        let hrefs = attr_values(&html, "href");
        let expected: Vec<&str> = Page::MENU.iter().map(|p| p.href()).collect();
        assert_eq!(hrefs, expected);
        for page in Page::MENU {
            assert!(html.contains(&format!(">{}</a>", page.name())));
        }
        assert_eq!(attr_values(&html, "aria-current"), ["page"]);
        assert!(html.contains("href=\"ontvangst/\" aria-current=\"page\""));
        assert!(!menu(Page::Start).into_string().contains("aria-current"));
    }
}
