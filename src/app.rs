//! The app shell: skip link, header with menu, the current page, footer.
//!
//! The shell is a static view. The current page is mounted into `<main>` by
//! an effect and unmounted when the page changes (which runs the page's
//! clean-ups, such as writing pending answers). Mounting each page on its
//! own, instead of switching between views inside one, keeps the code for
//! redrawing one page as another out of the wasm.

use std::any::Any;

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::dom;
use crate::pages;
use crate::route::{provide_routing, Page};

fn mount(page: Page, main: web_sys::HtmlElement) -> Box<dyn Any> {
    match page {
        Page::Start => Box::new(mount_to(main, pages::start::StartPage)),
        Page::Reflectie => Box::new(mount_to(main, pages::reflectie::ReflectiePage)),
        Page::Ontvangst => Box::new(mount_to(main, pages::ontvangst::OntvangstPage)),
        Page::Verzamelen => Box::new(mount_to(main, pages::verzamelen::VerzamelenPage)),
        Page::Privacy => Box::new(mount_to(main, pages::privacy::PrivacyPage)),
        Page::NotFound => Box::new(mount_to(main, pages::not_found::NotFoundPage)),
    }
}

#[component]
pub fn App() -> impl IntoView {
    let router = provide_routing();
    let page = router.page();
    crate::autosave::install_page_listeners();

    let mounted: StoredValue<Option<Box<dyn Any>>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |previous: Option<Page>| {
        let p = page.get();
        // Unmount first: the old page writes what is pending.
        mounted.set_value(None);
        if let Some(main) =
            dom::by_id("inhoud").and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
        {
            main.set_inner_html("");
            let handle = untrack(move || mount(p, main));
            mounted.set_value(Some(handle));
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
    on_cleanup(move || mounted.set_value(None));

    view! {
        // With <base href="../"> a bare "#inhoud" would point at the start
        // page, so the skip link moves focus itself.
        <a
            class="zb-skip-link"
            href="#inhoud"
            on:click=|ev| {
                ev.prevent_default();
                dom::focus("inhoud");
            }
        >
            "Naar de inhoud"
        </a>
        <header class="zb-header">
            <div class="zb-header__inner">
                <a class="zb-logo" href="./">"Zichtbaar"</a>
                <nav class="zb-nav" aria-label="Hoofdmenu">
                    <ul>
                        <li>
                            <a id="nav-reflectie" href="reflectie/">{Page::Reflectie.name()}</a>
                        </li>
                        <li>
                            <a id="nav-ontvangst" href="ontvangst/">{Page::Ontvangst.name()}</a>
                        </li>
                        <li>
                            <a id="nav-verzamelen" href="verzamelen/">{Page::Verzamelen.name()}</a>
                        </li>
                        <li>
                            <a id="nav-privacy" href="privacy/">{Page::Privacy.name()}</a>
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
