//! The app shell: skip link, header with menu, the current page, footer.
//!
//! The shell is a static view. The current page is mounted into `<main>` by
//! an effect, under a reactive owner of its own, and cleaned up when the page
//! changes (which runs the page's clean-ups, such as writing pending
//! answers and removing its listeners).

use leptos::prelude::*;
use leptos::reactive::owner::Owner;

use crate::dom;
use crate::pages;
use crate::route::{provide_routing, Page};

#[component]
pub fn App() -> impl IntoView {
    let router = provide_routing();
    let page = router.page();
    crate::autosave::install_page_listeners();
    crate::sw::register();

    let current: StoredValue<Option<Owner>, LocalStorage> = StoredValue::new_local(None);
    let unmount = move || {
        if let Some(owner) = current.try_update_value(Option::take).flatten() {
            owner.cleanup();
        }
    };
    // Owners for what is mounted hang off this one, not off the effect: an
    // effect cleans up its children every time it runs again.
    let parent = Owner::current().unwrap_or_default();
    Effect::new(move |previous: Option<Page>| {
        let p = page.get();
        // Unmount first: the old page writes what is pending.
        unmount();
        if let Some(main) = dom::by_id("inhoud") {
            main.set_inner_html("");
            let owner = parent.with(Owner::new);
            owner.with(|| untrack(|| pages::mount(p, &main)));
            current.set_value(Some(owner));
        }
        document().set_title(&format!("{} - Zichtbaar", p.name()));
        for link in Page::ROUTED {
            let id = format!("nav-{}", link.slug());
            dom::set_attr(&id, "aria-current", (link == p).then_some("page"));
        }
        // After a navigation (not on the first load) focus goes to the new
        // page's heading, so keyboard and screen-reader users land where the
        // content starts.
        if previous.is_some() {
            if let Ok(Some(h1)) = document().query_selector("main h1") {
                dom::focus_element(&h1);
            }
        }
        p
    });
    on_cleanup(unmount);

    view! {
        <a class="zb-skip-link" href="#inhoud">
            "Naar de inhoud"
        </a>
        <header class="zb-header">
            <div class="zb-header__inner">
                <a class="zb-logo" href="./">"Zichtbaar"</a>
                <nav class="zb-nav" aria-label="Hoofdmenu">
                    <ul>
                        <li>
                            <a id="nav-reflectie" href="reflectie/">"Reflectie"</a>
                        </li>
                        <li>
                            <a id="nav-ontvangst" href="ontvangst/">"Ontvangst bevestigen"</a>
                        </li>
                        <li>
                            <a id="nav-verzamelen" href="verzamelen/">"Gedeelde reflecties"</a>
                        </li>
                        <li>
                            <a id="nav-privacy" href="privacy/">"Privacy en opslag"</a>
                        </li>
                    </ul>
                </nav>
            </div>
        </header>
        <main id="inhoud" class="zb-main" tabindex="-1"></main>
        <footer class="zb-footer">
            <p>
                "Zichtbaar werkt helemaal in je browser. Wat je invult, blijft op dit apparaat. "
                <a href="privacy/">"Meer over privacy en opslag"</a>
            </p>
        </footer>
    }
}
