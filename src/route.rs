//! Routing relative to the app's base, without a router crate.
//!
//! The app is hosted as static files, possibly under a sub-path such as
//! `https://example.org/handreiking/`. The build writes a copy of
//! `index.html` into a folder per page (`ontvangst/index.html`, ...) with
//! `<base href="../">`, so a deep link from an e-mail is answered by the host
//! itself, and `document.baseURI` is always the app's root. Here the page is
//! read from the part of the URL after that base.
//!
//! Links are ordinary `<a href="ontvangst/">` relative to the base, so they
//! also work without this module; a click on one is turned into a
//! `history.pushState` to save reloading the app. `leptos_router` would do
//! the same for about 46 KB gzip; this is a few hundred bytes.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The pages of the app. Their folder names are also listed in
/// `scripts/routes.json` for the build hook; a test keeps the two equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Start,
    Reflectie,
    Ontvangst,
    Verzamelen,
    Privacy,
    NotFound,
}

impl Page {
    /// Every page with a folder of its own, in menu order.
    pub const ROUTED: [Page; 4] = [
        Page::Reflectie,
        Page::Ontvangst,
        Page::Verzamelen,
        Page::Privacy,
    ];

    /// Folder name under the base; empty for the start page.
    pub fn slug(self) -> &'static str {
        match self {
            Page::Start | Page::NotFound => "",
            Page::Reflectie => "reflectie",
            Page::Ontvangst => "ontvangst",
            Page::Verzamelen => "verzamelen",
            Page::Privacy => "privacy",
        }
    }

    /// The `href` of this page, relative to the base.
    pub fn href(self) -> &'static str {
        match self {
            Page::Start | Page::NotFound => "./",
            Page::Reflectie => "reflectie/",
            Page::Ontvangst => "ontvangst/",
            Page::Verzamelen => "verzamelen/",
            Page::Privacy => "privacy/",
        }
    }

    /// Name in the menu and in the document title.
    pub fn name(self) -> &'static str {
        match self {
            Page::Start => "Start",
            Page::Reflectie => "Reflectie",
            Page::Ontvangst => "Ontvangst bevestigen",
            Page::Verzamelen => "Verzamelen",
            Page::Privacy => "Privacy en opslag",
            Page::NotFound => "Pagina niet gevonden",
        }
    }

    /// The page for a path relative to the base, such as `ontvangst/`,
    /// `ontvangst`, `ontvangst/index.html` or the empty string. Query and
    /// fragment must already be removed.
    pub fn from_relative(path: &str) -> Page {
        let path = path.strip_suffix("index.html").unwrap_or(path);
        let path = path.trim_end_matches('/');
        if path.is_empty() {
            return Page::Start;
        }
        Page::ROUTED
            .into_iter()
            .find(|p| p.slug() == path)
            .unwrap_or(Page::NotFound)
    }
}

/// The part of `href` after `base`, without query or fragment; `None` when
/// `href` is not under `base` (another origin, or above the app).
pub fn relative_to_base<'a>(href: &'a str, base: &str) -> Option<&'a str> {
    let rest = href.strip_prefix(base)?;
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    Some(&rest[..end])
}

/// The current page, shared through context.
#[derive(Clone, Copy)]
pub struct CurrentPage(pub RwSignal<Page>);

impl CurrentPage {
    pub fn expect() -> CurrentPage {
        expect_context::<CurrentPage>()
    }
}

fn base_uri() -> String {
    document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(|| window().location().href().unwrap_or_default())
}

fn page_of_location() -> Page {
    let href = window().location().href().unwrap_or_default();
    relative_to_base(&href, &base_uri())
        .map(Page::from_relative)
        .unwrap_or(Page::NotFound)
}

/// Reads the page from the address bar, and keeps it in sync with link
/// clicks and the back and forward buttons.
pub fn provide_routing() -> CurrentPage {
    let current = CurrentPage(RwSignal::new(page_of_location()));
    provide_context(current);

    let on_popstate = window_event_listener(leptos::ev::popstate, move |_| {
        current.0.set(page_of_location());
    });
    let on_click = window_event_listener(leptos::ev::click, move |ev| {
        if let Some((href, page)) = internal_link(&ev) {
            ev.prevent_default();
            let pushed = window()
                .history()
                .and_then(|h| h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href)));
            if pushed.is_ok() {
                current.0.set(page);
            } else {
                // The history API refused: fall back to an ordinary page load.
                let _ = window().location().set_href(&href);
            }
        }
    });
    on_cleanup(move || {
        on_popstate.remove();
        on_click.remove();
    });
    current
}

/// A left click without modifier keys on a link to a page of this app.
fn internal_link(ev: &web_sys::MouseEvent) -> Option<(String, Page)> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.ctrl_key()
        || ev.meta_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let anchor = target
        .closest("a[href]")
        .ok()??
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    if !anchor.target().is_empty() || anchor.has_attribute("download") {
        return None;
    }
    let href = anchor.href();
    match relative_to_base(&href, &base_uri()).map(Page::from_relative) {
        Some(Page::NotFound) | None => None,
        Some(page) => Some((href, page)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pages_with_and_without_trailing_slash() {
        for page in Page::ROUTED {
            let slug = page.slug();
            assert_eq!(Page::from_relative(slug), page);
            assert_eq!(Page::from_relative(&format!("{slug}/")), page);
            assert_eq!(Page::from_relative(&format!("{slug}/index.html")), page);
            assert_eq!(Page::from_relative(page.href()), page);
        }
        assert_eq!(Page::from_relative(""), Page::Start);
        assert_eq!(Page::from_relative("index.html"), Page::Start);
        assert_eq!(Page::from_relative("onbekend/"), Page::NotFound);
        assert_eq!(Page::from_relative("reflectie/extra"), Page::NotFound);
    }

    #[test]
    fn strips_base_query_and_fragment() {
        let base = "https://example.org/handreiking/";
        assert_eq!(
            relative_to_base("https://example.org/handreiking/ontvangst/?a=1#b", base),
            Some("ontvangst/")
        );
        assert_eq!(
            relative_to_base("https://example.org/handreiking/", base),
            Some("")
        );
        assert_eq!(relative_to_base("https://example.org/ander/", base), None);
        assert_eq!(
            relative_to_base("https://evil.example/handreiking/", base),
            None
        );
    }

    #[test]
    fn build_hook_makes_a_folder_for_every_routed_page() {
        let listed: Vec<String> =
            serde_json::from_str(include_str!("../scripts/routes.json")).unwrap();
        let slugs: Vec<&str> = Page::ROUTED.iter().map(|p| p.slug()).collect();
        assert_eq!(listed, slugs);
    }
}
