//! The app shell: skip link, header with menu, the current page, footer.

use leptos::prelude::*;

use crate::pages;
use crate::route::{provide_routing, Page};

#[component]
pub fn App() -> impl IntoView {
    let router = provide_routing();
    let page = router.page();
    crate::autosave::install_page_listeners();

    // Keep the document title in step with the page, and after a navigation
    // (not on the first load) move focus to the new page's heading, so that
    // keyboard and screen-reader users land where the content starts.
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        let p = page.get();
        document().set_title(&format!("{} - Zichtbaar", p.name()));
        if first.get_value() {
            first.set_value(false);
        } else if let Ok(Some(h1)) = document().query_selector("main h1") {
            use wasm_bindgen::JsCast;
            if let Ok(h1) = h1.dyn_into::<web_sys::HtmlElement>() {
                let _ = h1.focus();
            }
        }
    });

    view! {
        <a class="zb-skip-link" href="#inhoud">"Naar de inhoud"</a>
        <header class="zb-header">
            <div class="zb-header__inner">
                <a class="zb-logo" href="./">"Zichtbaar"</a>
                <nav class="zb-nav" aria-label="Hoofdmenu">
                    <ul>
                        {Page::ROUTED
                            .into_iter()
                            .map(|p| {
                                view! {
                                    <li>
                                        <a
                                            href=p.href()
                                            aria-current=move || (page.get() == p).then_some("page")
                                        >
                                            {p.name()}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </nav>
            </div>
        </header>
        <main id="inhoud" class="zb-main" tabindex="-1">
            {move || match page.get() {
                Page::Start => pages::start::StartPage().into_any(),
                Page::Reflectie => pages::reflectie::ReflectiePage().into_any(),
                Page::Ontvangst => pages::ontvangst::OntvangstPage().into_any(),
                Page::Verzamelen => pages::verzamelen::VerzamelenPage().into_any(),
                Page::Privacy => pages::privacy::PrivacyPage().into_any(),
                Page::NotFound => pages::not_found::NotFoundPage().into_any(),
            }}
        </main>
        <footer class="zb-footer">
            <p>
                "Zichtbaar werkt helemaal in je browser. Wat je invult, blijft op dit apparaat. "
                <a href="privacy/">"Meer over privacy en opslag"</a>
            </p>
        </footer>
    }
}
