//! Zichtbaar in the browser: the Leptos UI and the browser edge.
//!
//! This crate is glue. What the app *knows* (instruments, records, the storage
//! schema) lives in `zichtbaar_core`; what it *does* in the browser is done by
//! a few named modules:
//!
//! - [`storage`] is the only module that reads or writes browser storage;
//! - [`autosave`] decides when storage is written (debounced, flushed on leaving);
//! - [`route`] knows which page the address bar points at, relative to the base;
//! - [`files`] offers downloads, [`share`] the share sheet, clipboard and mail;
//! - [`platform`] reads today's date and random bytes;
//! - [`sw`] registers the service worker and offers new versions.
//!
//! Components in [`app`] and `pages` call those modules and core functions;
//! they never touch `localStorage` or `history` themselves.

pub mod app;
pub mod autosave;
mod components;
mod dom;
mod draft;
pub mod files;
pub mod html;
pub mod instruments;
mod pages;
pub mod platform;
pub mod route;
pub mod share;
mod slot;
pub mod storage;
pub mod sw;

/// Mounts the app on `<body>`. Called once by `main`.
pub fn start() {
    leptos::mount::mount_to_body(app::App);
}

/// Mounts the app with the collection view (`/verzamelen`), for that page's
/// own bundle (`src/main_verzamelen.rs`).
pub fn start_with_collection() {
    pages::include_collection();
    start();
}
