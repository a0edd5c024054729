//! Zichtbaar in the browser: the Leptos UI and the browser edge.
//!
//! This crate is glue. What the app *knows* (instruments, records, the storage
//! schema) lives in `zichtbaar_core`; what it *does* in the browser is done by
//! a few named modules:
//!
//! - [`storage`]: the only module that reads or writes browser storage;
//! - [`route`]: which page the address bar points at, relative to the base.
//!
//! Components in [`app`] and `pages` call those modules and core functions;
//! they never touch `localStorage` or `history` themselves.

pub mod app;
mod pages;
pub mod route;
pub mod storage;

/// Mounts the app on `<body>`. Called once by `main`.
pub fn start() {
    leptos::mount::mount_to_body(app::App);
}
