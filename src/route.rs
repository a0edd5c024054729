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
    /// Sharing one record; reached from the reflection and the receipt.
    Delen,
    Toegankelijkheid,
    NotFound,
}

impl Page {
    /// Every page with a folder of its own: the menu's, then the others
    /// (linked from the footer, or reached from another page).
    pub const ROUTED: [Page; 6] = [
        Page::Reflectie,
        Page::Ontvangst,
        Page::Verzamelen,
        Page::Privacy,
        Page::Delen,
        Page::Toegankelijkheid,
    ];

    /// The pages in the main menu, in order; the others are linked from
    /// the footer or reached from another page.
    pub const MENU: [Page; 4] = [
        Page::Reflectie,
        Page::Ontvangst,
        Page::Verzamelen,
        Page::Privacy,
    ];

    /// Folder name under the base (empty for the start page), `href`
    /// relative to the base, and the name in the menu and the title: one
    /// line per page.
    fn info(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Page::Start => ("", "./", "Start"),
            Page::Reflectie => ("reflectie", "reflectie/", "Reflectie"),
            Page::Ontvangst => ("ontvangst", "ontvangst/", "Ontvangst bevestigen"),
            Page::Verzamelen => ("verzamelen", "verzamelen/", "Gedeelde reflecties"),
            Page::Privacy => ("privacy", "privacy/", "Privacy en opslag"),
            Page::Delen => ("delen", "delen/", "Delen"),
            Page::Toegankelijkheid => ("toegankelijkheid", "toegankelijkheid/", "Toegankelijkheid"),
            Page::NotFound => ("", "./", "Pagina niet gevonden"),
        }
    }

    /// Folder name under the base; empty for the start page.
    pub fn slug(self) -> &'static str {
        self.info().0
    }

    /// The `href` of this page, relative to the base.
    pub fn href(self) -> &'static str {
        self.info().1
    }

    /// Name in the menu and in the document title.
    pub fn name(self) -> &'static str {
        self.info().2
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

/// Where the address bar points: the page and its query string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub page: Page,
    /// The query without its `?`, e.g. `jaar=2025-2026&voor=team`.
    pub query: String,
}

impl Location {
    /// The value of a query parameter. Values this app writes are plain
    /// ids and years, so no percent-decoding is done: an encoded value simply
    /// does not match anything and the page falls back to its default.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .split('&')
            .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v)
    }
}

/// A query string from name and value pairs, leaving out empty values.
/// Values must be URL-safe already (ids, years).
pub fn query_string(params: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (name, value) in params.iter().filter(|(_, v)| !v.is_empty()) {
        out.push(if out.is_empty() { '?' } else { '&' });
        out.push_str(name);
        out.push('=');
        out.push_str(value);
    }
    out
}

/// The current location, shared through context. Plain signals, set only
/// when something changed (no memos: each memo type adds its own code).
#[derive(Clone, Copy)]
pub struct Router {
    location: RwSignal<Location>,
    page: RwSignal<Page>,
}

impl Router {
    pub fn expect() -> Router {
        expect_context::<Router>()
    }

    /// The whole location; changes with every query change.
    pub fn location(&self) -> RwSignal<Location> {
        self.location
    }

    /// Only the page; does not change when only the query does.
    pub fn page(&self) -> RwSignal<Page> {
        self.page
    }

    fn sync(&self) {
        let now = location_of_window();
        if self.page.get_untracked() != now.page {
            self.page.set(now.page);
        }
        if self.location.with_untracked(|l| *l != now) {
            self.location.set(now);
        }
    }

    /// Goes to `href` (relative to the base) as a new history entry.
    pub fn navigate(&self, href: &str) {
        let absolute = format!("{}{}", base_uri(), href);
        push_or_load(&absolute);
        self.sync();
    }

    /// Writes `href` (relative to the base) into the address bar in place of
    /// the current entry: what a page shows, remembered for a reload or a
    /// link, without a step in the history.
    pub fn replace(&self, href: &str) {
        let absolute = format!("{}{}", base_uri(), href);
        if let Ok(history) = window().history() {
            let _ =
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&absolute));
        }
        self.sync();
    }
}

/// Leaves for `href` (relative to the base) with a page load, in place of
/// the current history entry: for a page that the other bundle shows.
pub fn load_instead(href: &str) {
    let _ = window()
        .location()
        .replace(&format!("{}{}", base_uri(), href));
}

fn base_uri() -> String {
    document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(|| window().location().href().unwrap_or_default())
}

fn location_of_window() -> Location {
    let href = window().location().href().unwrap_or_default();
    let page = relative_to_base(&href, &base_uri())
        .map(Page::from_relative)
        .unwrap_or(Page::NotFound);
    let query = window()
        .location()
        .search()
        .unwrap_or_default()
        .trim_start_matches('?')
        .to_owned();
    Location { page, query }
}

fn push_or_load(absolute: &str) {
    let pushed = window()
        .history()
        .and_then(|h| h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(absolute)));
    if pushed.is_err() {
        // The history API refused: fall back to an ordinary page load.
        let _ = window().location().set_href(absolute);
    }
}

/// Reads the location from the address bar, and keeps it in sync with link
/// clicks and the back and forward buttons.
pub fn provide_routing() -> Router {
    let now = location_of_window();
    let router = Router {
        page: RwSignal::new(now.page),
        location: RwSignal::new(now),
    };
    provide_context(router);
    let w: web_sys::EventTarget = window().into();
    crate::dom::keep(vec![
        crate::dom::listen(&w, "popstate", move |_| router.sync()),
        crate::dom::listen(&w, "click", move |ev| {
            let Some(ev) = ev.dyn_ref::<web_sys::MouseEvent>() else {
                return;
            };
            if let Some(href) = internal_link(ev) {
                ev.prevent_default();
                push_or_load(&href);
                router.sync();
            }
        }),
    ]);
    router
}

/// A left click without modifier keys on a link to a page of this app.
fn internal_link(ev: &web_sys::MouseEvent) -> Option<String> {
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
    // A link to a place on this page ("#inhoud"): with <base href="../"> the
    // browser would resolve it against the app's root, so move focus there
    // instead (the skip link works this way).
    if let Some(id) = anchor
        .get_attribute("href")
        .and_then(|h| h.strip_prefix('#').map(str::to_owned))
    {
        ev.prevent_default();
        crate::dom::focus_fragment(&id);
        return None;
    }
    if !anchor.target().is_empty() || anchor.has_attribute("download") {
        return None;
    }
    let href = anchor.href();
    match relative_to_base(&href, &base_uri()).map(Page::from_relative) {
        Some(Page::NotFound) | None => None,
        // A page whose code is in another bundle: an ordinary page load.
        Some(page) if !crate::pages::in_this_bundle(page) => None,
        Some(_) => Some(href),
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
    fn a_folder_is_its_href_without_the_slash() {
        for page in Page::ROUTED {
            assert_eq!(page.href(), format!("{}/", page.slug()));
        }
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
    fn reads_and_writes_query_parameters() {
        let loc = Location {
            page: Page::Reflectie,
            query: "instrument=routekaart-inclusief&jaar=2025-2026&leeg&voor=".to_owned(),
        };
        assert_eq!(loc.param("instrument"), Some("routekaart-inclusief"));
        assert_eq!(loc.param("jaar"), Some("2025-2026"));
        assert_eq!(loc.param("leeg"), Some(""));
        assert_eq!(loc.param("voor"), Some(""));
        assert_eq!(loc.param("onderdeel"), None);
        assert_eq!(
            query_string(&[
                ("jaar", "2025-2026"),
                ("voor", ""),
                ("onderdeel", "mentoraat")
            ]),
            "?jaar=2025-2026&onderdeel=mentoraat"
        );
        assert_eq!(query_string(&[("voor", "")]), "");
    }

    #[test]
    fn build_hook_makes_a_folder_for_every_routed_page() {
        let listed: Vec<String> =
            serde_json::from_str(include_str!("../scripts/routes.json")).unwrap();
        let slugs: Vec<&str> = Page::ROUTED.iter().map(|p| p.slug()).collect();
        assert_eq!(listed, slugs);
    }
}
