//! `/ontvangst`: confirming receipt of the handreiking, with feedback.
//!
//! The form the mailing links to. It is saved as it is typed, like the
//! reflection. The confirmation reaches the SWV only when the user shares it
//! (`?weergave=delen`): there is no server.
//!
//! Several confirmations per school are normal (colleagues may respond too).
//! On one device the page opens the receipt this device last worked on
//! (remembered in storage), or the newest one of this school year; the same
//! person revising it keeps its id and raises its revision. "Nieuwe
//! bevestiging beginnen" starts another one, for a colleague on the same
//! computer, and keeps the previous one; every receipt on the device is
//! listed, and `?bevestiging=<id>` opens one.

mod markup;

use leptos::prelude::*;
use leptos::reactive::owner::Owner;
use zichtbaar_core::export::{receipt_problems, NotReady, School};
use zichtbaar_core::record::days_until_deadline;
use zichtbaar_core::{Instrument, Receipt, Record, RecordId, SchoolYear};

use crate::autosave::{use_autosave, SaveStatus};
use crate::components::save_status;
use crate::components::share_panel::ShareController;
use crate::draft::Draft;
use crate::route::{Location, Router};
use crate::{dom, files, instruments, platform, storage};

/// Shows (or clears) the error of the field with input `id`.
fn set_error(id: &str, message: Option<&str>) {
    let error = format!("{id}-error");
    dom::set_text(&error, message.unwrap_or(""));
    dom::set_attr(&error, "hidden", message.is_none().then_some(""));
    dom::set_attr(id, "aria-invalid", message.map(|_| "true"));
}

/// The first instrument that asks for a receipt (the handreiking).
fn receipt_instrument() -> Option<&'static Instrument> {
    instruments::all()
        .iter()
        .find(|i| i.def().receipt.is_some())
}

fn deadline_text(instrument: &Instrument, year: SchoolYear) -> Option<String> {
    let (date, days) = days_until_deadline(instrument, year, platform::today())?;
    let date = date.dutch();
    Some(match days {
        1 => format!("Graag bevestigen vóór {date}. Je hebt nog 1 dag."),
        d if d > 1 => format!("Graag bevestigen vóór {date}. Je hebt nog {d} dagen."),
        _ => format!(
            "De gevraagde datum ({date}) is voorbij. Bevestigen en reageren kan nog steeds."
        ),
    })
}

/// Mounts the page: its introduction, and the receipt editor, which is
/// drawn anew for "Nieuwe bevestiging beginnen".
pub fn mount(main: &web_sys::Element) {
    let Some(instrument) = receipt_instrument() else {
        main.set_inner_html(
            r#"<h1 tabindex="-1">Ontvangst bevestigen</h1><p>In deze versie van Zichtbaar vraagt geen handreiking om een ontvangstbevestiging.</p>"#,
        );
        return;
    };
    let location = Router::expect().location();
    let year = SchoolYear::containing(platform::today());
    main.set_inner_html(&markup::intro(
        &instrument.def().title,
        &deadline_text(instrument, year).unwrap_or_default(),
    ));
    let Some(container) = dom::by_id("r-editor") else {
        return;
    };
    // Bumped by "Nieuwe bevestiging beginnen": the form is drawn anew.
    let generation = RwSignal::new(0u32);
    let editor: StoredValue<Option<Owner>, LocalStorage> = StoredValue::new_local(None);
    let unmount = move || {
        if let Some(owner) = editor.try_update_value(Option::take).flatten() {
            owner.cleanup();
        }
    };
    // Owners for what is mounted hang off this one, not off the effect: an
    // effect cleans up its children every time it runs again.
    let parent = Owner::current().unwrap_or_default();
    Effect::new(move |previous: Option<(u32, Option<String>)>| {
        let asked = location.with(|l| l.param("bevestiging").map(str::to_owned));
        let now = (generation.get(), asked);
        if previous.as_ref() != Some(&now) {
            unmount();
            let owner = parent.with(Owner::new);
            owner.with(|| {
                untrack(|| receipt_editor(&container, instrument, year, location, generation))
            });
            editor.set_value(Some(owner));
        }
        now
    });
    on_cleanup(unmount);
}

/// Draws the receipt editor into `container` and listens there.
fn receipt_editor(
    container: &web_sys::Element,
    instrument: &'static Instrument,
    year: SchoolYear,
    location: RwSignal<Location>,
    generation: RwSignal<u32>,
) {
    let router = Router::expect();
    let sharing = move || location.with(|l| l.param("weergave") == Some("delen"));
    let (records, load_error) = match storage::load_all() {
        Ok(l) => (l.records, None),
        Err(e) => (Vec::new(), Some(e)),
    };
    // This year's receipts on this device, newest first.
    let mut receipts: Vec<&Record> = records
        .iter()
        .filter(|r| {
            r.instrument.id == instrument.id() && r.school_year == year && r.receipt().is_some()
        })
        .collect();
    // Few items: an insertion sort, without the general sort's code in the wasm.
    for i in 1..receipts.len() {
        let mut j = i;
        while j > 0
            && (receipts[j].updated, receipts[j].revision)
                > (receipts[j - 1].updated, receipts[j - 1].revision)
        {
            receipts.swap(j, j - 1);
            j -= 1;
        }
    }
    let asked = location.with_untracked(|l| l.param("bevestiging").and_then(RecordId::parse));
    if let Some(id) = &asked {
        let _ = storage::set_current_receipt(id);
    }
    // The one asked for or remembered; an id that no record has yet is a
    // new receipt that nothing was typed in so far.
    let (record, new_id) = match asked.or_else(storage::current_receipt) {
        Some(id) => match receipts.iter().find(|r| r.id == id) {
            Some(r) => (Some((*r).clone()), id),
            None if records.iter().all(|r| r.id != id) => (None, id),
            None => (
                receipts.first().map(|r| (*r).clone()),
                platform::new_record_id(),
            ),
        },
        None => (
            receipts.first().map(|r| (*r).clone()),
            platform::new_record_id(),
        ),
    };
    let receipt = match &record {
        Some(r) => r.receipt().cloned().unwrap_or_default(),
        // A colleague's new receipt starts with the same school.
        None => receipts
            .first()
            .and_then(|r| r.receipt())
            .map(|r| Receipt {
                school_name: r.school_name.clone(),
                brin: r.brin.clone(),
                ..Receipt::default()
            })
            .unwrap_or_default(),
    };
    let list = markup::receipt_list(&receipts, record.as_ref().map(|r| &r.id));
    let initial = match load_error {
        Some(e) => SaveStatus::Failed(e),
        None if record.is_some() => SaveStatus::Saved,
        None => SaveStatus::Nothing,
    };
    let form_html = markup::form(&receipt);
    let draft =
        StoredValue::new_local(Draft::new(instrument, year, record, receipt).with_new_id(new_id));
    let autosave = use_autosave(initial.clone(), move || {
        let mut result = Ok(());
        draft.try_update_value(|d| result = d.persist());
        if result.is_ok() {
            // Open this one again next time, on this device.
            if let Some(id) = draft.with_value(|d| d.id().cloned()) {
                storage::set_current_receipt(&id)?;
            }
        }
        result
    });
    let share: StoredValue<Option<ShareController>, LocalStorage> = StoredValue::new_local(None);

    // Sharing needs what is stored; the form stays in the page (hidden) so
    // that nothing typed is lost when coming back.
    let render_share = move || -> String {
        autosave.flush();
        let (record, ready) =
            draft.with_value(|d| (d.record().cloned(), receipt_problems(&d.body).is_empty()));
        let panel = record.filter(|_| ready).map(|record| {
            let school = record.receipt().map(|r| School {
                name: r.school_name.clone(),
                brin: r.brin.clone(),
            });
            let contact = instrument
                .def()
                .contact_email
                .as_deref()
                .unwrap_or("")
                .to_owned();
            let (controller, html) =
                ShareController::new(record, instrument, Vec::new(), school, contact);
            share.set_value(Some(controller));
            html
        });
        markup::share_view(panel.as_deref())
    };
    container.set_inner_html(&markup::page(
        &save_status::markup(&initial),
        &form_html,
        &list,
        untrack(sharing).then(render_share).as_deref(),
    ));
    Effect::new(move |prev: Option<bool>| {
        let now = sharing();
        if prev.is_some_and(|p| p != now) {
            share.set_value(None);
            dom::set_attr("r-form", "hidden", now.then_some(""));
            dom::set_html("r-share", &if now { render_share() } else { String::new() });
            dom::focus(if now { "zb-share-title" } else { "r-school" });
        }
        now
    });
    save_status::follow(autosave.status());

    let edit = move |f: &mut dyn FnMut(&mut Receipt)| {
        draft.update_value(|d| f(&mut d.body));
        autosave.changed();
    };
    let on_input = move |ev: web_sys::Event| {
        if share.get_value().is_some_and(|c| c.input(&ev)) {
            return;
        }
        let Some(el) = dom::target(&ev) else { return };
        let Some(field) = el.get_attribute("data-field") else {
            return;
        };
        let value = event_target_value(&ev);
        match field.as_str() {
            "schoolName" => edit(&mut |r| r.school_name = value.clone()),
            "brin" => edit(&mut |r| r.brin = value.clone()),
            "roleOther" => edit(&mut |r| r.answers.role_other = value.clone()),
            "reactions" => edit(&mut |r| r.answers.reactions = value.clone()),
            "wishes" => edit(&mut |r| r.answers.wishes = value.clone()),
            _ => {}
        }
    };
    let on_change = move |ev: web_sys::Event| {
        if share.get_value().is_some_and(|c| c.change(&ev)) {
            return;
        }
        let Some(el) = dom::target(&ev) else { return };
        let Some(field) = el.get_attribute("data-field") else {
            return;
        };
        let value = event_target_value(&ev);
        let checked = dom::is_checked(&el);
        match field.as_str() {
            "role" => {
                let role = markup::ROLES
                    .into_iter()
                    .find(|r| markup::role_value(*r) == value);
                edit(&mut |r| r.answers.role = role);
            }
            "shared" => {
                let s = markup::SHARED
                    .into_iter()
                    .find(|s| markup::shared_value(*s) == value);
                edit(&mut |r| r.answers.shared_with_colleagues = s);
            }
            "received" => {
                edit(&mut |r| r.answers.received = checked);
                if checked {
                    set_error("r-received", None);
                }
            }
            // Check a field when the user leaves it, not while typing. An
            // empty school name is only an error once sending is tried.
            "brin" | "schoolName" => {
                let problems = draft.with_value(|d| receipt_problems(&d.body));
                let (id, problem) = if field == "brin" {
                    ("r-brin", NotReady::BrinMalformed)
                } else {
                    ("r-school", NotReady::SchoolNameMissing)
                };
                let wrong = problems.contains(&problem) && problem == NotReady::BrinMalformed;
                set_error(id, wrong.then(|| markup::problem_text(problem).1));
            }
            _ => {}
        }
    };
    let on_click = move |ev: web_sys::Event| {
        if share.get_value().is_some_and(|c| c.click(&ev)) {
            return;
        }
        if let Some(link) = dom::closest(&ev, "[data-focus]") {
            ev.prevent_default();
            dom::focus(&link.get_attribute("data-focus").unwrap_or_default());
            return;
        }
        let action =
            dom::closest(&ev, "[data-action]").and_then(|b| b.get_attribute("data-action"));
        match action.as_deref() {
            Some("next") => {
                autosave.flush();
                let problems = draft.with_value(|d| receipt_problems(&d.body));
                for p in [
                    NotReady::SchoolNameMissing,
                    NotReady::BrinMalformed,
                    NotReady::NotConfirmed,
                ] {
                    let (id, text) = markup::problem_text(p);
                    set_error(id, problems.contains(&p).then_some(text));
                }
                if problems.is_empty() {
                    dom::set_attr("r-errors", "hidden", Some(""));
                    router.navigate("ontvangst/?weergave=delen");
                } else {
                    dom::set_html("r-errors", &markup::error_summary(&problems));
                    dom::set_attr("r-errors", "hidden", None);
                    dom::focus("r-errors");
                }
            }
            Some("new") => {
                autosave.flush();
                let _ = storage::set_current_receipt(&platform::new_record_id());
                if location.with_untracked(|l| l.param("bevestiging").is_some()) {
                    router.navigate("ontvangst/");
                }
                generation.update(|g| *g += 1);
                // The school is filled in already: on to the role.
                request_animation_frame(|| {
                    if let Ok(Some(radio)) = document().query_selector("input[name=role]") {
                        dom::focus_element(&radio);
                    }
                });
            }
            Some("backup") => {
                let record = draft.with_value(|d| d.snapshot());
                files::download_backup(&[record]);
            }
            _ => {}
        }
    };

    let target: &web_sys::EventTarget = container;
    dom::keep(vec![
        dom::listen(target, "input", on_input),
        dom::listen(target, "change", on_change),
        dom::listen(target, "click", on_click),
        dom::listen(target, "submit", |ev| ev.prevent_default()),
    ]);
}
