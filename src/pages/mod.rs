//! One module per page of the app.
//!
//! A page is mounted into `<main>` by [`mount`], under a reactive owner of
//! its own (see `app.rs`): static pages are markup written in the code;
//! pages with content draw HTML text and listen on `<main>` (see
//! `crate::html` for why not `view!`).

pub mod not_found;
pub mod ontvangst;
pub mod privacy;
pub mod reflectie;
pub mod start;
pub mod verzamelen;

use crate::route::Page;

pub fn mount(page: Page, main: &web_sys::Element) {
    match page {
        Page::Start => main.set_inner_html(start::HTML),
        Page::Reflectie => reflectie::mount(main),
        Page::Ontvangst => ontvangst::mount(main),
        Page::Verzamelen => main.set_inner_html(verzamelen::HTML),
        Page::Privacy => privacy::mount(main),
        Page::NotFound => main.set_inner_html(not_found::HTML),
    }
}
