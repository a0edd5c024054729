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

pub(crate) mod markup;

use leptos::prelude::*;
use zichtbaar_core::export::{receipt_problems, NotReady};
use zichtbaar_core::record::days_until_deadline;
use zichtbaar_core::record::{Role, SharedWithColleagues};
use zichtbaar_core::{Instrument, Receipt, Record, RecordId, SchoolYear};

use self::markup::{Action, Check, Field};
use crate::autosave::{use_autosave, SaveStatus};
use crate::components::{elsewhere, save_status};
use crate::draft::Draft;
use crate::html::{Markup, Name};
use crate::route::{Location, Router};
use crate::slot::Slot;
use crate::{dom, files, instruments, platform, storage};

/// Shows (or clears) the error of a field that can be wrong.
fn set_error(check: Check, message: Option<&str>) {
    dom::set_text(check.error(), message.unwrap_or(""));
    dom::set_attr(check.error(), "hidden", message.is_none().then_some(""));
    dom::set_attr(check.input(), "aria-invalid", message.map(|_| "true"));
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
        dom::draw(main, &markup::no_receipt());
        return;
    };
    let location = Router::expect().location();
    let year = SchoolYear::containing(platform::today());
    dom::draw(
        main,
        &markup::intro(
            instruments::shown(&instrument.def().title),
            instrument.swv(true),
            &deadline_text(instrument, year).unwrap_or_default(),
        ),
    );
    let Some(container) = dom::by_id(markup::EDITOR) else {
        return;
    };
    // Bumped by "Nieuwe bevestiging beginnen": the form is drawn anew.
    let generation = RwSignal::new(0u32);
    let editor = Slot::new();
    Effect::new(move |previous: Option<(u32, Option<String>)>| {
        let asked = location.with(|l| l.param("bevestiging").map(str::to_owned));
        let now = (generation.get(), asked);
        if previous.as_ref() != Some(&now) {
            editor.mount(|| receipt_editor(&container, instrument, year, location, generation));
        }
        now
    });
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
    // When and how this receipt went to the SWV: the countdown to the
    // deadline gives way to it.
    let sent = record
        .as_ref()
        .and_then(|r| storage::load_shared(&r.id).map(|s| (s, s.is_behind(r))));
    // The countdown gives way once the receipt went out (or into the mail
    // program); a downloaded file still has to be sent.
    dom::set_attr(
        markup::DEADLINE,
        "hidden",
        sent.is_some_and(|(s, _)| s.via.reaches()).then_some(""),
    );
    let swv = instrument.swv(false);
    let sent_html = markup::sent(
        sent.as_ref().map(|(s, _)| s),
        sent.is_some_and(|(_, behind)| behind),
        swv,
    );
    // Once a change is saved after sending, the receipt says so at once.
    let sent_behind = StoredValue::new(sent);
    let form_html = markup::form(&receipt);
    let this_id = record.as_ref().map_or(new_id.clone(), |r| r.id.clone());
    let draft =
        StoredValue::new_local(Draft::new(instrument, year, record, receipt).with_new_id(new_id));
    // Another tab's changes, merged into the draft (before a write, or when
    // it wrote): the fields are drawn again and the notice says so.
    let outside = RwSignal::new(None::<Vec<String>>);
    let autosave = use_autosave(initial.clone(), move || {
        let mut result = Ok(());
        draft.try_update_value(|d| {
            result = d.persist();
            if let Some(both) = d.take_news() {
                outside
                    .try_update(|o| elsewhere::keep_naming(o.get_or_insert_with(Vec::new), both));
            }
        });
        if result.is_ok() {
            // Open this one again next time, on this device.
            if let Some(id) = draft.with_value(|d| d.id().cloned()) {
                storage::set_current_receipt(&id)?;
            }
            if let Some((s, false)) = sent_behind.get_value() {
                let behind = draft.with_value(|d| d.record().is_some_and(|r| s.is_behind(r)));
                if behind {
                    sent_behind.set_value(Some((s, true)));
                    dom::set_html(markup::SENT, &markup::sent(Some(&s), true, swv));
                }
            }
        }
        result
    });
    // Sharing is a page of its own (in the second bundle), for what is
    // stored: write anything pending first. The form stays in the page
    // (hidden) while the share page loads or when it is not complete.
    let render_share = move || -> Markup {
        autosave.flush();
        let (id, ready) =
            draft.with_value(|d| (d.id().cloned(), receipt_problems(&d.body).is_empty()));
        let id = id.filter(|_| ready);
        if let Some(id) = &id {
            crate::route::load_instead(&format!("delen/?record={id}"));
        }
        markup::share_view(instrument.swv(false), id.is_some())
    };
    dom::draw(
        container,
        &markup::page(
            save_status::markup(&initial),
            sent_html,
            form_html,
            list,
            untrack(sharing).then(&render_share),
        ),
    );
    Effect::new(move |prev: Option<bool>| {
        let now = sharing();
        if prev.is_some_and(|p| p != now) {
            dom::set_attr(markup::FORM, "hidden", now.then_some(""));
            dom::set_html(
                markup::SHARE,
                &if now {
                    render_share()
                } else {
                    crate::html::html! {}
                },
            );
            if now {
                dom::focus_first(markup::SHARE, "h2");
            } else {
                dom::focus(Check::School.input());
            }
        }
        now
    });
    Effect::new(move |_| {
        let Some(both) = outside.get() else { return };
        let labels: Vec<String> = both
            .iter()
            .map(|k| markup::field_label(k).to_owned())
            .collect();
        let focus = dom::keep_focus();
        dom::set_html(markup::FIELDS, &draft.with_value(|d| markup::form(&d.body)));
        if let Some(focus) = focus {
            dom::restore_focus(focus);
        }
        dom::set_html(
            elsewhere::REGION,
            &elsewhere::notice("deze bevestiging", &labels),
        );
    });
    let written_elsewhere = storage::on_record_written(move |theirs| {
        if theirs.id != this_id {
            return;
        }
        let news = draft.try_update_value(|d| {
            d.absorb(theirs);
            d.take_news()
        });
        if let Some(Some(both)) = news {
            outside.update(|o| elsewhere::keep_naming(o.get_or_insert_with(Vec::new), both));
            autosave.changed();
        }
    });
    save_status::follow(container, autosave.status(), move || {
        let record = draft.with_value(|d| d.snapshot());
        files::download_backup(&[record]);
    });

    let edit = move |f: &mut dyn FnMut(&mut Receipt)| {
        draft.update_value(|d| f(&mut d.body));
        autosave.changed();
    };
    let on_input = move |ev: web_sys::Event| {
        let Some((field, _)) = dom::named::<Field>(&ev) else {
            return;
        };
        let value = event_target_value(&ev);
        match (field, field.text()) {
            (_, Some(text)) => edit(&mut |r| *r.answers.text_mut(text) = value.clone()),
            (Field::SchoolName, _) => edit(&mut |r| r.school_name = value.clone()),
            (Field::Brin, _) => edit(&mut |r| r.brin = value.clone()),
            // Choices are read on change.
            _ => {}
        }
    };
    let on_change = move |ev: web_sys::Event| {
        let Some((field, el)) = dom::named::<Field>(&ev) else {
            return;
        };
        let value = event_target_value(&ev);
        let checked = dom::is_checked(&el);
        match field {
            Field::Role => {
                let role = Role::parse(&value);
                edit(&mut |r| r.answers.role = role);
            }
            Field::Shared => {
                let s = SharedWithColleagues::parse(&value);
                edit(&mut |r| r.answers.shared_with_colleagues = s);
            }
            Field::Received => {
                edit(&mut |r| r.answers.received = checked);
                if checked {
                    set_error(Check::Received, None);
                }
            }
            // Check a field when the user leaves it, not while typing. An
            // empty school name is only an error once sending is tried.
            Field::Brin => {
                let wrong = draft
                    .with_value(|d| receipt_problems(&d.body))
                    .contains(&NotReady::BrinMalformed);
                set_error(
                    Check::Brin,
                    wrong.then(|| markup::problem_text(NotReady::BrinMalformed).1),
                );
            }
            Field::SchoolName => set_error(Check::School, None),
            // Text is read as it is typed.
            Field::RoleOther | Field::Reactions | Field::Wishes => {}
        }
    };
    let on_click = move |ev: web_sys::Event| {
        if let Some((check, _)) = dom::named::<Check>(&ev) {
            ev.prevent_default();
            dom::focus(check.input());
            return;
        }
        match dom::named::<Action>(&ev) {
            Some((Action::Next, _)) => {
                autosave.flush();
                let problems = draft.with_value(|d| receipt_problems(&d.body));
                for p in [
                    NotReady::SchoolNameMissing,
                    NotReady::BrinMalformed,
                    NotReady::NotConfirmed,
                ] {
                    let (check, text) = markup::problem_text(p);
                    set_error(check, problems.contains(&p).then_some(text));
                }
                if problems.is_empty() {
                    dom::set_attr(markup::ERRORS, "hidden", Some(""));
                    router.navigate("ontvangst/?weergave=delen");
                } else {
                    dom::set_html(markup::ERRORS, &markup::error_summary(&problems));
                    dom::set_attr(markup::ERRORS, "hidden", None);
                    dom::focus(markup::ERRORS);
                }
            }
            Some((Action::New, _)) => {
                autosave.flush();
                let _ = storage::set_current_receipt(&platform::new_record_id());
                if location.with_untracked(|l| l.param("bevestiging").is_some()) {
                    router.navigate("ontvangst/");
                }
                generation.update(|g| *g += 1);
                // The school is filled in already: on to the role.
                request_animation_frame(|| {
                    dom::focus_first(
                        markup::FORM,
                        &format!("input[name={}]", Field::Role.as_str()),
                    )
                });
            }
            None => {}
        }
    };

    let target: &web_sys::EventTarget = container;
    let mut listeners = vec![
        dom::listen(target, "input", on_input),
        dom::listen(target, "change", on_change),
        dom::listen(target, "click", on_click),
        dom::listen(target, "submit", |ev| ev.prevent_default()),
    ];
    listeners.extend(written_elsewhere);
    dom::keep(listeners);
}
