//! `/delen/?record=<id>`: sharing one reflection or receipt with the
//! samenwerkingsverband, anonymised, after a preview; `&met=team` opens it
//! for sharing a reflection with a colleague or team leader.
//!
//! A page of its own in the second bundle (see "Two bundles" in
//! ARCHITECTURE.md): the share panel, the anonymiser and the export writer
//! are about a tenth of the teacher's wasm, and nobody shares before typing.
//! `/reflectie?weergave=delen` and the receipt form's "Verder naar versturen"
//! write what is pending and load this page for the record.

use leptos::prelude::*;
use zichtbaar_core::export::{receipt_problems, Audience, School};
use zichtbaar_core::{Record, RecordId, SchoolYear};

use super::reflectie::{Selection, View};
use crate::components::share_panel::{SharePanel, ShareRequest};
use crate::html::{html, Markup};
use crate::route::Router;
use crate::{dom, instruments, platform, storage};

/// Where to go back to: the record's own form.
fn back(record: &Record) -> (String, &'static str) {
    match (
        record.reflection(),
        instruments::by_id(&record.instrument.id),
    ) {
        (Some(r), Some(instrument)) => {
            let sel = Selection {
                instrument,
                year: record.school_year,
                perspective: r.perspective,
                this_year: SchoolYear::containing(platform::today()),
            };
            (sel.href(None, View::Form), "Terug naar je reflectie")
        }
        _ => (
            format!("ontvangst/?bevestiging={}", record.id),
            "Terug naar het formulier",
        ),
    }
}

/// Schools named in receipts on this device: watched for in a shared
/// reflection unless named on purpose, and the newest one offered for naming.
fn schools(records: &[Record]) -> (Vec<String>, Option<School>) {
    let mut names = Vec::new();
    let mut newest: Option<(&Record, School)> = None;
    for r in records {
        let Some(receipt) = r.receipt() else { continue };
        for name in [&receipt.school_name, &receipt.brin] {
            if !name.trim().is_empty() && !names.contains(name) {
                names.push(name.clone());
            }
        }
        if !receipt.school_name.trim().is_empty()
            && newest.as_ref().is_none_or(|(n, _)| r.updated > n.updated)
        {
            let school = School {
                name: receipt.school_name.clone(),
                brin: receipt.brin.clone(),
            };
            newest = Some((r, school));
        }
    }
    (names, newest.map(|(_, s)| s))
}

fn page(title: &str, body: Markup, back: Option<(String, &str)>) -> Markup {
    html! {
        h1 tabindex="-1" { (title) }
        (body)
        @if let Some((href, text)) = back {
            p { a href=(href) { (text) } }
        }
    }
}

pub fn mount(main: &web_sys::Element) {
    let location = Router::expect().location();
    let id = location.with_untracked(|l| l.param("record").and_then(RecordId::parse));
    let audience =
        location.with_untracked(|l| l.param("met").and_then(Audience::parse).unwrap_or_default());
    let records = match storage::load_all() {
        Ok(l) => l.records,
        Err(e) => {
            let text = format!(
                "Zichtbaar kan de opslag van je browser niet lezen: {}.",
                e.uitleg()
            );
            dom::draw(main, &page("Delen", html! { p.zb-error { (text) } }, None));
            return;
        }
    };
    let Some(record) = id
        .and_then(|id| records.iter().find(|r| r.id == id))
        .cloned()
    else {
        let body = html! {
            p.zb-notice { "Er is nog niets ingevuld om te delen, of het staat niet op dit apparaat." }
            p { a href="reflectie/" { "Naar de reflectie" } " · " a href="ontvangst/" { "Naar de bevestiging" } }
        };
        dom::draw(main, &page("Delen", body, None));
        return;
    };
    let back = back(&record);
    let instrument = instruments::by_id(&record.instrument.id).or_else(instruments::default);
    let (Some(instrument), false) = (
        instrument,
        record
            .receipt()
            .is_some_and(|r| !receipt_problems(r).is_empty()),
    ) else {
        let body =
            html! { p.zb-notice { "Het formulier is nog niet compleet. Vul het eerst aan." } };
        dom::draw(main, &page("Je bevestiging versturen", body, Some(back)));
        return;
    };
    let (school_names, suggested_school) = match record.receipt() {
        Some(r) => (
            Vec::new(),
            Some(School {
                name: r.school_name.clone(),
                brin: r.brin.clone(),
            }),
        ),
        None => schools(&records),
    };
    let title = if record.reflection().is_some() {
        "Je reflectie delen"
    } else {
        "Je bevestiging versturen"
    };
    let (panel, markup) = SharePanel::open(
        main,
        ShareRequest {
            record,
            instrument,
            school_names,
            suggested_school,
            contact_email: instrument
                .def()
                .contact_email
                .as_deref()
                .unwrap_or("")
                .to_owned(),
            audience,
        },
    );
    dom::draw(main, &page(title, markup, Some(back)));
    // A step in a flow: focus starts at its heading, as after a menu link.
    request_animation_frame(|| dom::focus_first(crate::app::MAIN, "h1"));
    // The panel listens for as long as the page is shown.
    let panel = StoredValue::new_local(Some(panel));
    on_cleanup(move || panel.set_value(None));
}
