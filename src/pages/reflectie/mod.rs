//! `/reflectie`: the yearly reflection, ready to type on arrival.
//!
//! Everything that picks what is on screen lives in the query string, so a
//! link can point at it and a reload comes back to it:
//!
//! | parameter    | default                       |
//! |--------------|-------------------------------|
//! | `instrument` | the first bundled instrument  |
//! | `jaar`       | the current school year       |
//! | `voor`       | `persoonlijk` (or `team`)     |
//! | `onderdeel`  | the first item                |
//! | `weergave`   | the form (or `document`, `delen`, `actieplan`) |
//! | `volgorde`   | in the action plan: by item (or `wanneer`, `status`) |
//!
//! The first three choose the record; changing them starts another editor.
//! The last two only move around inside it.

mod editor;
pub(crate) mod markup;
pub(crate) mod plan;

use leptos::prelude::*;
use zichtbaar_core::export::Audience;
use zichtbaar_core::plan::SortBy;
use zichtbaar_core::{Instrument, Perspective, SchoolYear};

use crate::route::{query_string, Location, Router};
use crate::slot::Slot;
use crate::{dom, instruments, platform};

/// Which record the page edits.
#[derive(Clone, Copy, Debug)]
pub struct Selection {
    pub instrument: &'static Instrument,
    pub year: SchoolYear,
    pub perspective: Perspective,
    /// The current school year, which links leave out.
    pub this_year: SchoolYear,
}

impl PartialEq for Selection {
    fn eq(&self, other: &Selection) -> bool {
        self.instrument.id() == other.instrument.id()
            && self.year == other.year
            && self.perspective == other.perspective
    }
}

/// How the page shows the selected record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Form,
    Document,
    /// Sharing, with the SWV or with a colleague.
    Share(Audience),
    /// The year's action plan, in an order.
    Plan(SortBy),
}

impl Selection {
    fn from_location(
        loc: &Location,
        fallback: &'static Instrument,
        this_year: SchoolYear,
    ) -> Selection {
        Selection {
            this_year,
            instrument: loc
                .param("instrument")
                .and_then(instruments::by_id)
                .unwrap_or(fallback),
            year: loc
                .param("jaar")
                .and_then(|y| y.parse().ok())
                .unwrap_or(this_year),
            perspective: loc
                .param("voor")
                .and_then(Perspective::parse)
                .unwrap_or(Perspective::Persoonlijk),
        }
    }

    /// The name under which storage keeps the user's place in this
    /// reflection: `instrument.year.perspective`.
    pub fn place_key(&self) -> String {
        format!(
            "{}.{}.{}",
            self.instrument.id(),
            self.year,
            self.perspective.as_str()
        )
    }

    /// The link to this selection, at `item` (or the one last open) in `view`.
    pub fn href(&self, item: Option<&str>, view: View) -> String {
        let is_default = instruments::default().is_some_and(|d| d.id() == self.instrument.id());
        let year = self.year.to_string();
        let year = if self.year == self.this_year {
            ""
        } else {
            &year
        };
        format!(
            "reflectie/{}",
            query_string(&[
                (
                    "instrument",
                    if is_default { "" } else { self.instrument.id() }
                ),
                ("jaar", year),
                (
                    "voor",
                    match self.perspective {
                        Perspective::Persoonlijk => "",
                        Perspective::Team => "team",
                    }
                ),
                ("onderdeel", item.unwrap_or("")),
                (
                    "weergave",
                    match view {
                        View::Form => "",
                        View::Document => "document",
                        View::Share(_) => "delen",
                        View::Plan(_) => "actieplan",
                    }
                ),
                (
                    "met",
                    match view {
                        View::Share(Audience::Team) => Audience::Team.as_str(),
                        _ => "",
                    }
                ),
                (
                    "volgorde",
                    match view {
                        View::Plan(SortBy::Due) => "wanneer",
                        View::Plan(SortBy::Status) => "status",
                        _ => "",
                    }
                ),
            ])
        )
    }
}

/// How a perspective is named on screen.
pub fn perspective_name(p: Perspective) -> &'static str {
    match p {
        Perspective::Persoonlijk => "Mijn eigen reflectie",
        Perspective::Team => "Reflectie van het team",
    }
}

impl View {
    fn from_location(loc: &Location) -> View {
        match loc.param("weergave") {
            Some("document") => View::Document,
            Some("delen") => View::Share(
                loc.param("met")
                    .and_then(Audience::parse)
                    .unwrap_or_default(),
            ),
            Some("actieplan") => View::Plan(match loc.param("volgorde") {
                Some("wanneer") => SortBy::Due,
                Some("status") => SortBy::Status,
                _ => SortBy::Item,
            }),
            _ => View::Form,
        }
    }
}

/// Mounts the page: an editor for the selected record, drawn anew when the
/// selection changes (the old one writes what is pending first).
pub fn mount(main: &web_sys::Element) {
    let Some(fallback) = instruments::default() else {
        dom::draw(main, &markup::no_instrument());
        return;
    };
    let location = Router::expect().location();
    let this_year = SchoolYear::containing(platform::today());
    let editor = Slot::new();
    let main = main.clone();
    Effect::new(move |previous: Option<Selection>| {
        let sel = location.with(|l| Selection::from_location(l, fallback, this_year));
        if previous != Some(sel) {
            editor.mount(|| editor::mount(&main, sel, location));
        }
        sel
    });
}
