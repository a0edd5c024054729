//! The editor for one reflection record: item by item, with an overview,
//! autosave and a document view for printing.
//!
//! The markup comes from [`super::markup`] (HTML text, see `crate::html` for
//! why); this module holds the state and listens to the containers.
//!
//! Inputs are uncontrolled: each textarea gets its stored text once and then
//! reports changes. A keystroke updates the draft in place and restarts the
//! autosave timer; the reactive graph only hears about it when an answer
//! flips between empty and answered (that is what the progress counts use).
//! This keeps typing about as cheap as in a plain HTML page.

use std::collections::BTreeSet;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use zichtbaar_core::{backup, Body, Perspective, Record, Reflection, SchoolYear};

use super::markup::{self, CarryOffer};
use super::{perspective_name, Selection, View};
use crate::autosave::{use_autosave, Autosave, SaveStatus};
use crate::components::save_status::SaveStatusLine;
use crate::route::Router;
use crate::storage::{self, StorageError};
use crate::{files, instruments, platform};

/// The record being edited, as plain data (not reactive).
struct Draft {
    sel: Selection,
    /// As last written (or read); `None` until the first change.
    record: Option<Record>,
    reflection: Reflection,
    /// Last year's answers, for showing last year's rating and carrying over.
    previous: Option<Reflection>,
    /// The last write failed, so the next flush must write even if nothing
    /// changed since.
    unsaved: bool,
}

impl Draft {
    fn persist(&mut self) -> Result<(), StorageError> {
        let today = platform::today();
        let sel = self.sel;
        let record = self.record.get_or_insert_with(|| {
            Record::new_reflection(
                platform::new_record_id(),
                sel.instrument,
                sel.year,
                sel.perspective,
                today,
            )
        });
        let changed = record.revise(Body::Reflection(self.reflection.clone()), today);
        if changed {
            // From now on the record answers the text on screen.
            record.instrument = sel.instrument.reference();
        }
        if !changed && !self.unsaved {
            return Ok(());
        }
        let result = storage::save(record);
        self.unsaved = result.is_err();
        result
    }

    /// The record as it would be saved now, for a backup.
    fn snapshot(&self) -> Record {
        let today = platform::today();
        let mut record = self.record.clone().unwrap_or_else(|| {
            Record::new_reflection(
                platform::new_record_id(),
                self.sel.instrument,
                self.sel.year,
                self.sel.perspective,
                today,
            )
        });
        record.revise(Body::Reflection(self.reflection.clone()), today);
        record
    }

    /// Last year's "wat houden we erin", while none of it is written this year.
    fn carry_offer(&self) -> Option<(CarryOffer, Reflection)> {
        let carried = Reflection::carried_over(self.previous.as_ref()?, self.sel.instrument);
        let untouched = carried.answers.keys().all(|k| {
            self.reflection
                .answers
                .get(k)
                .is_none_or(|a| a.text.trim().is_empty())
        });
        (untouched && !carried.answers.is_empty()).then(|| {
            let offer = CarryOffer {
                last_year: self.sel.year.previous(),
                count: carried.answers.len(),
            };
            (offer, carried)
        })
    }

    /// Sets part of an answer; returns whether it now counts as answered.
    fn set(&mut self, key: &str, edit: impl FnOnce(&mut zichtbaar_core::Answer)) -> bool {
        let answer = match self.reflection.answers.get_mut(key) {
            Some(a) => a,
            None => self.reflection.answers.entry(key.to_owned()).or_default(),
        };
        edit(answer);
        answer.is_answered()
    }
}

/// Everything the parts of the editor share. Copy: handles only.
#[derive(Clone, Copy)]
struct EditorCtx {
    sel: Selection,
    draft: StoredValue<Draft, LocalStorage>,
    /// Keys of the answers that count as answered.
    answered: RwSignal<BTreeSet<String>>,
    /// Bumped when answers change other than through the inputs (carrying
    /// over last year's), so the item is drawn again.
    epoch: RwSignal<u32>,
    autosave: Autosave,
}

impl EditorCtx {
    /// Applies an edit to the answer under `key`. The typing path: as little
    /// work as possible.
    fn edit(&self, key: &str, edit: impl FnOnce(&mut zichtbaar_core::Answer)) {
        let mut now = None;
        self.draft
            .try_update_value(|d| now = Some(d.set(key, edit)));
        let Some(now) = now else { return };
        if now != self.answered.with_untracked(|a| a.contains(key)) {
            self.answered.update(|a| {
                if now {
                    a.insert(key.to_owned());
                } else {
                    a.remove(key);
                }
            });
        }
        self.autosave.changed();
    }

    fn carry_over(&self) {
        let carried = self
            .draft
            .with_value(|d| d.carry_offer().map(|(_, carried)| carried));
        for (key, answer) in carried.map(|c| c.answers).unwrap_or_default() {
            self.edit(&key, |a| a.text = answer.text);
        }
        self.epoch.update(|e| *e += 1);
    }

    fn backup(&self) {
        let record = self.draft.with_value(Draft::snapshot);
        let today = platform::today();
        files::download(
            &format!("zichtbaar-reservekopie-{today}.json"),
            "application/json",
            &backup::encode(&[record], today),
        );
    }
}

/// The newest reflection on `sel`'s instrument and perspective in `year`.
fn find(records: &[Record], sel: Selection, year: SchoolYear) -> Option<Record> {
    records
        .iter()
        .filter(|r| {
            r.instrument.id == sel.instrument.id()
                && r.school_year == year
                && r.reflection()
                    .is_some_and(|x| x.perspective == sel.perspective)
        })
        .max_by_key(|r| (r.revision, r.updated))
        .cloned()
}

fn target_element(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target()?.dyn_into::<web_sys::Element>().ok()
}

#[component]
pub fn Editor(sel: Selection, item: Memo<Option<String>>, view_mode: Memo<View>) -> impl IntoView {
    let (records, load_error, unreadable) = match storage::load_all() {
        Ok(l) => (l.records, None, l.unreadable.len()),
        Err(e) => (Vec::new(), Some(e), 0),
    };
    let current = find(&records, sel, sel.year);
    let previous = find(&records, sel, sel.year.previous()).and_then(|r| r.reflection().cloned());
    let stale_version = current
        .as_ref()
        .filter(|r| !r.answers_instrument(sel.instrument))
        .map(|r| r.instrument.version.clone());
    let reflection = current
        .as_ref()
        .and_then(|r| r.reflection().cloned())
        .unwrap_or(Reflection {
            perspective: sel.perspective,
            answers: Default::default(),
        });
    // Inserted one by one: `collect` into a set sorts first, which costs
    // about 2 KB of wasm for nothing (the map is already in order).
    let mut answered = BTreeSet::new();
    for (key, answer) in &reflection.answers {
        if answer.is_answered() {
            answered.insert(key.clone());
        }
    }
    let initial = match load_error {
        Some(e) => SaveStatus::Failed(e),
        None if current.is_some() => SaveStatus::Saved,
        None => SaveStatus::Nothing,
    };
    let draft = StoredValue::new_local(Draft {
        sel,
        record: current,
        reflection,
        previous,
        unsaved: false,
    });
    let autosave = use_autosave(initial, move || {
        let mut result = Ok(());
        draft.try_update_value(|d| result = d.persist());
        result
    });
    let ctx = EditorCtx {
        sel,
        draft,
        answered: RwSignal::new(answered),
        epoch: RwSignal::new(0),
        autosave,
    };

    // Printing (Ctrl+P or the button) always prints the document view.
    let printing = RwSignal::new(false);
    let before = window_event_listener(leptos::ev::beforeprint, move |_| printing.set(true));
    let after = window_event_listener(leptos::ev::afterprint, move |_| printing.set(false));
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    let show_document = move || view_mode.get() == View::Document || printing.get();

    let notices = {
        let mut n = Vec::new();
        if unreadable > 0 {
            n.push("Op dit apparaat staan ook gegevens die deze versie van Zichtbaar niet kan lezen. Ze zijn niet verwijderd; op de pagina Privacy en opslag kun je er een reservekopie van maken.".to_owned());
        }
        if let Some(v) = stale_version {
            n.push(format!("Je begon deze reflectie bij een andere versie van de tekst ({v}). De tekst is sindsdien aangepast. Lees je antwoorden nog even na."));
        }
        n
    };

    view! {
        <div class="zb-reflection">
            <h1 tabindex="-1">{sel.instrument.def().title.as_ref()}</h1>
            <p class="zb-context">
                <strong>{format!("Schooljaar {}", sel.year)}</strong>
                {format!(" · {}", perspective_name(sel.perspective))}
            </p>
            <Chooser ctx=ctx />
            <SaveStatusLine status=autosave.status() on_backup=move |_| ctx.backup() />
            {notices
                .into_iter()
                .map(|n| view! { <p class="zb-notice">{n}</p> })
                .collect_view()}
            {move || {
                if show_document() {
                    let html = ctx
                        .draft
                        .with_value(|d| markup::document(&sel, &d.reflection, platform::today()));
                    view! {
                        <div
                            class="zb-document"
                            inner_html=html
                            on:click=move |ev| {
                                let print = target_element(&ev)
                                    .and_then(|t| t.closest("[data-action=print]").ok().flatten());
                                if print.is_some() {
                                    let _ = window().print();
                                }
                            }
                        ></div>
                    }
                        .into_any()
                } else {
                    view! { <FormView ctx=ctx item=item /> }.into_any()
                }
            }}
        </div>
    }
}

/// Another instrument, school year or perspective, as one `<details>`.
#[component]
fn Chooser(ctx: EditorCtx) -> impl IntoView {
    let router = Router::expect();
    let sel = ctx.sel;
    let this_year = sel.this_year;
    let mut years = vec![
        this_year,
        this_year.previous(),
        this_year.previous().previous(),
    ];
    let month = platform::today().month();
    if (6..8).contains(&month) {
        years.insert(0, this_year.next());
    }
    if !years.contains(&sel.year) {
        // Newest first, like the others.
        let at = years
            .iter()
            .position(|y| *y < sel.year)
            .unwrap_or(years.len());
        years.insert(at, sel.year);
    }
    let on_change = move |ev: web_sys::Event| {
        let Some(target) = target_element(&ev) else {
            return;
        };
        let value = event_target_value(&ev);
        let next = match (
            target.id().as_str(),
            target.get_attribute("name").as_deref(),
        ) {
            ("kies-instrument", _) => instruments::by_id(&value).map(|i| Selection {
                instrument: i,
                ..sel
            }),
            ("kies-jaar", _) => value
                .parse::<SchoolYear>()
                .ok()
                .map(|year| Selection { year, ..sel }),
            (_, Some("kies-voor")) => {
                Perspective::parse(&value).map(|perspective| Selection { perspective, ..sel })
            }
            _ => None,
        };
        if let Some(next) = next.filter(|n| *n != sel) {
            ctx.autosave.flush();
            router.navigate(&next.href(None, View::Form));
        }
    };
    view! {
        <details class="zb-choose" inner_html=markup::chooser(&sel, &years) on:change=on_change></details>
    }
}

/// Item by item, with the overview beside (wide screens) or below (narrow).
#[component]
fn FormView(ctx: EditorCtx, item: Memo<Option<String>>) -> impl IntoView {
    let sel = ctx.sel;
    let instrument = sel.instrument;
    let index = Memo::new(move |_| {
        item.with(|wanted| {
            wanted
                .as_deref()
                .and_then(|w| instrument.items().position(|i| i.id == w))
                .unwrap_or(0)
        })
    });

    // After moving to another item (not on arrival), put focus on its title.
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        index.track();
        if first.get_value() {
            first.set_value(false);
            return;
        }
        request_animation_frame(|| {
            if let Some(el) = document().get_element_by_id("zb-item-title") {
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    });

    let item_html = move || {
        ctx.epoch.track();
        let i = index.get();
        ctx.draft.with_value(|d| {
            let offer = d.carry_offer().map(|(offer, _)| offer);
            markup::item(&sel, i, &d.reflection, d.previous.as_ref(), offer.as_ref())
        })
    };
    let overview_html = move || {
        ctx.answered
            .with(|a| markup::overview(&sel, a, index.get()))
    };

    let on_input = move |ev: web_sys::Event| {
        let Some(target) = target_element(&ev) else {
            return;
        };
        if let (Some(key), Ok(area)) = (
            target.get_attribute("data-key"),
            target.dyn_into::<web_sys::HtmlTextAreaElement>(),
        ) {
            let text = area.value();
            ctx.edit(&key, |a| a.text = text);
        }
    };
    let on_change = move |ev: web_sys::Event| {
        let Some(target) = target_element(&ev) else {
            return;
        };
        if let (Some(key), Ok(input)) = (
            target.get_attribute("data-key"),
            target.dyn_into::<web_sys::HtmlInputElement>(),
        ) {
            if input.type_() == "radio" && input.checked() {
                let value = input.value();
                ctx.edit(&key, |a| a.scale = Some(value));
            }
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        let action =
            target_element(&ev).and_then(|t| t.closest("[data-action=carry-over]").ok().flatten());
        if action.is_some() {
            ctx.carry_over();
        }
    };

    view! {
        <div class="zb-workspace">
            <article
                class="zb-workspace__item zb-item"
                aria-labelledby="zb-item-title"
                inner_html=item_html
                on:input=on_input
                on:change=on_change
                on:click=on_click
            ></article>
            <nav class="zb-overview" aria-labelledby="zb-overview-title" inner_html=overview_html></nav>
        </div>
    }
}
