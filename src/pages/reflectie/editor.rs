//! The editor for one reflection record: item by item, with an overview,
//! autosave, a document view for printing and a share view.
//!
//! The page is one container drawn as markup (see [`super::markup`] and
//! `crate::html` for why), with one listener per kind of event. Parts that
//! change are redrawn by id from small effects: the view (when the item or
//! the view changes), the overview (when an answer flips between empty and
//! answered) and the save status. The share panel and the save status
//! handle their own buttons.
//!
//! Inputs are uncontrolled: each textarea gets its stored text once and then
//! reports changes. A keystroke updates the draft in place and restarts the
//! autosave timer; the reactive graph only hears about it when an answer
//! flips between empty and answered. This keeps typing about as cheap as in
//! a plain HTML page.

use std::collections::BTreeSet;

use leptos::prelude::*;
use zichtbaar_core::export::Audience;
use zichtbaar_core::merge::Conflict;
use zichtbaar_core::plan::{self as core_plan, Due, Status};
use zichtbaar_core::{ics, Perspective, Record, Reflection, SchoolYear};

use super::markup::{self, Action, CarryOffer, Choose};
use super::plan::{self, PlanAction, PlanField};
use super::{Selection, View};
use crate::autosave::{use_autosave, Autosave, SaveStatus};
use crate::components::{elsewhere, save_status};
use crate::draft::Draft;
use crate::html::Markup;
use crate::route::Router;
use crate::route::{query_string, Location};
use crate::{dom, files, instruments, platform, storage};

/// The record being edited, and last year's, as plain data (not reactive).
struct State {
    draft: Draft<Reflection>,
    /// Last year's answers, for showing last year's rating and carrying over.
    previous: Option<Reflection>,
    sel: Selection,
    /// The action removed last, to put back: item, place, action.
    removed: Option<(String, usize, core_plan::Action)>,
    /// Texts both this tab and another changed, since this record opened.
    both: Vec<Conflict>,
}

impl State {
    /// Whether another tab's changes were merged in since last asked;
    /// the texts both changed are kept to show.
    fn take_news(&mut self) -> bool {
        let Some(news) = self.draft.take_news() else {
            return false;
        };
        elsewhere::keep_naming(&mut self.both, news);
        true
    }

    /// Last year's "wat houden we erin", while none of it is written this year.
    fn carry_offer(&self) -> Option<(CarryOffer, Reflection)> {
        let carried = Reflection::carried_over(
            self.previous.as_ref()?,
            self.sel.instrument,
            self.sel.year.previous(),
        );
        let untouched = carried.answers.keys().all(|k| {
            self.draft
                .body
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
        let answers = &mut self.draft.body.answers;
        let answer = match answers.get_mut(key) {
            Some(a) => a,
            None => answers.entry(key.to_owned()).or_default(),
        };
        edit(answer);
        answer.is_answered()
    }

    fn item_html(&self, index: usize) -> Markup {
        let offer = self.carry_offer().map(|(offer, _)| offer);
        markup::item(
            &self.sel,
            index,
            &self.draft.body,
            self.previous.as_ref(),
            offer.as_ref(),
            platform::today(),
        )
    }

    fn overview_html(&self, answered: &BTreeSet<String>, index: usize) -> Markup {
        markup::overview(
            &self.sel,
            answered,
            index,
            &self.draft.body,
            self.previous.as_ref(),
            platform::today(),
        )
    }

    /// The actions of `item` this year, made if there are none yet.
    fn actions_mut(&mut self, item: &str) -> &mut Vec<core_plan::Action> {
        self.draft.body.actions.entry(item.to_owned()).or_default()
    }

    fn action_mut(&mut self, item: &str, id: &str) -> Option<&mut core_plan::Action> {
        self.draft
            .body
            .actions
            .get_mut(item)?
            .iter_mut()
            .find(|a| a.id == id)
    }

    /// An item's plan, drawn again.
    fn plan_html(&self, item: &str) -> Option<Markup> {
        let def = self.sel.instrument.item(item)?;
        let list = |r| plan::actions_of(r, item);
        Some(plan::editor(
            def,
            self.sel.year,
            list(&self.draft.body),
            self.previous
                .as_ref()
                .map(|p| (self.sel.year.previous(), list(p))),
            platform::today(),
        ))
    }
}

/// Everything the parts of the editor share. Copy: handles only.
#[derive(Clone, Copy)]
struct EditorCtx {
    state: StoredValue<State, LocalStorage>,
    /// Keys of the answers that count as answered.
    answered: RwSignal<BTreeSet<String>>,
    /// Bumped when answers change other than through the inputs (carrying
    /// over last year's), so the item is drawn again.
    epoch: RwSignal<u32>,
    /// Bumped when what the overview sums up changes other than through
    /// `answered`: the action plan, a rating (this year against last).
    summary: RwSignal<u32>,
    autosave: Autosave,
    /// Bumped when another tab's changes were merged into the draft.
    outside: RwSignal<u32>,
}

impl EditorCtx {
    /// Applies an edit to the answer under `key`. The typing path: as little
    /// work as possible.
    fn edit(&self, key: &str, edit: impl FnOnce(&mut zichtbaar_core::Answer)) {
        let mut now = None;
        self.state
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
            .state
            .with_value(|d| d.carry_offer().map(|(_, carried)| carried));
        for (key, answer) in carried.map(|c| c.answers).unwrap_or_default() {
            self.edit(&key, |a| a.text = answer.text);
        }
        self.epoch.update(|e| *e += 1);
    }

    /// An edit of an action's field (typed or chosen).
    fn plan_edit(&self, item: &str, id: &str, field: PlanField, value: String) {
        let today = platform::today();
        let mut marks = None;
        self.state.update_value(|s| {
            let Some(a) = s.action_mut(item, id) else {
                return;
            };
            match field {
                PlanField::What => a.what = value,
                PlanField::Who => a.who = value,
                PlanField::Due => a.due = value.parse::<Due>().ok(),
                PlanField::Status => a.status = Status::parse(&value).unwrap_or(a.status),
            }
            if matches!(field, PlanField::Due | PlanField::Status) {
                marks = Some(plan::marks(a, today));
            }
        });
        if let Some(marks) = marks {
            dom::set_html_by(&plan::marks_id(item, id), &marks);
            self.summary.update(|n| *n += 1);
        }
        self.autosave.changed();
    }

    /// A change to an item's list: drawn again, saved, summed up again;
    /// focus goes to the element with id `focus`.
    fn plan_changed(&self, item: &str, said: Option<Markup>, focus: &str) {
        if let Some(html) = self.state.with_value(|s| s.plan_html(item)) {
            dom::set_html_by(&plan::section_id(item), &html);
        }
        // The status line is not drawn again: it stays, so a screen reader
        // hears what it says now.
        dom::set_html_by(&plan::status_id(item), &said.unwrap_or_default());
        dom::focus_fragment(focus);
        self.summary.update(|n| *n += 1);
        self.autosave.changed();
    }

    fn plan_button(&self, action: PlanAction, item: &str, id: &str) {
        match action {
            PlanAction::Add => {
                let new_id = self.state.try_update_value(|s| {
                    let list = s.actions_mut(item);
                    // Ids only need to differ within this record's plan.
                    let mut action = core_plan::Action::new(random4());
                    while list.iter().any(|a| a.id == action.id) {
                        action.id = core_plan::Action::new_id(random4());
                    }
                    let id = action.id.clone();
                    list.push(action);
                    s.removed = None;
                    id
                });
                if let Some(new_id) = new_id {
                    let focus = plan::what_id(item, &new_id);
                    self.plan_changed(item, None, &focus);
                }
            }
            PlanAction::Up | PlanAction::Down => {
                let up = action == PlanAction::Up;
                let moved = self.state.try_update_value(|s| {
                    let list = s.actions_mut(item);
                    let at = list.iter().position(|a| a.id == id)?;
                    let to = if up {
                        core_plan::move_up(list, at)
                    } else {
                        core_plan::move_down(list, at)
                    }?;
                    // First or last now: this button is off.
                    Some((
                        to,
                        list.len(),
                        if up { to == 0 } else { to + 1 == list.len() },
                    ))
                });
                if let Some(Some((to, of, off))) = moved {
                    // The same button again, or the other one when this
                    // one is now off.
                    let button = match (up, off) {
                        (true, false) | (false, true) => "omhoog",
                        (false, false) | (true, true) => "omlaag",
                    };
                    let said = plan::said(&plan::Said::Moved { to: to + 1, of });
                    self.plan_changed(item, Some(said), &plan::control_id(item, id, button));
                }
            }
            PlanAction::Remove => {
                let removed = self.state.try_update_value(|s| {
                    let list = s.actions_mut(item);
                    let at = list.iter().position(|a| a.id == id)?;
                    let action = core_plan::remove(list, at)?;
                    if list.is_empty() {
                        s.draft.body.actions.remove(item);
                    }
                    let said = plan::said(&plan::Said::Removed {
                        n: at + 1,
                        what: &action.what,
                        item,
                    });
                    s.removed = Some((item.to_owned(), at, action));
                    Some(said)
                });
                if let Some(Some(said)) = removed {
                    self.plan_changed(
                        item,
                        Some(said),
                        &format!("{}-terug", plan::section_id(item)),
                    );
                }
            }
            PlanAction::Undo => {
                let back = self.state.try_update_value(|s| {
                    let (from, at, action) = s.removed.take().filter(|(i, _, _)| i == item)?;
                    let id = action.id.clone();
                    let list = s.actions_mut(&from);
                    list.insert(at.min(list.len()), action);
                    Some(id)
                });
                if let Some(Some(id)) = back {
                    let focus = plan::what_id(item, &id);
                    self.plan_changed(item, None, &focus);
                }
            }
            PlanAction::CarryOpen => {
                let first = self.state.try_update_value(|s| {
                    let last = plan::actions_of(s.previous.as_ref()?, item);
                    let open: Vec<core_plan::Action> =
                        plan::missing_open(last, plan::actions_of(&s.draft.body, item))
                            .cloned()
                            .collect();
                    let carried = core_plan::carry_over(&open, s.sel.year.previous());
                    let first = carried.first()?.id.clone();
                    let count = carried.len();
                    s.actions_mut(item).extend(carried);
                    Some((first, count))
                });
                if let Some(Some((first, count))) = first {
                    let focus = plan::what_id(item, &first);
                    self.plan_changed(item, Some(plan::said(&plan::Said::Carried(count))), &focus);
                }
            }
            PlanAction::Calendar => self.calendar(),
        }
    }

    /// Offers the year's plan as a calendar file.
    fn calendar(&self) {
        let text = self.state.with_value(|s| {
            let sel = &s.sel;
            let actions = plan::titled_actions(sel.instrument, &s.draft.body);
            let today = platform::today();
            // Next year's reflection: the middle of September, once school
            // has started again.
            let next = sel.year.next();
            let reminder = zichtbaar_core::Date::new(next.start_year(), 9, 15).unwrap_or(today);
            // The receipt deadline still to come: this year's or next year's.
            let deadline = [sel.year, next].into_iter().find_map(|y| {
                zichtbaar_core::record::days_until_deadline(sel.instrument, y, today)
                    .filter(|(_, days)| *days >= 0)
                    .map(|(date, _)| date)
            });
            ics::calendar(&ics::plan_events(&actions, reminder, deadline), today)
        });
        let name = format!(
            "zichtbaar-actieplan-{}.ics",
            self.state.with_value(|s| s.sel.year)
        );
        let said = if files::download(&name, "text/calendar;charset=utf-8", &text) {
            crate::html::html! { p { "Het agendabestand " (name) " is gedownload." } }
        } else {
            crate::html::html! { p.zb-error { "Downloaden lukte niet. Probeer het nog eens." } }
        };
        dom::set_html(plan::PLAN_STATUS, &said);
    }

    /// Another tab's changes are in the draft: the view is drawn again
    /// (focus and the cursor stay where they were), the overview sums up
    /// again, and the notice says what happened.
    fn show_outside(&self) {
        let answered = self.state.with_value(|s| answered_keys(&s.draft.body));
        if self.answered.with_untracked(|a| *a != answered) {
            self.answered.set(answered);
        }
        self.summary.update(|n| *n += 1);
        self.epoch.update(|e| *e += 1);
        let html = self.state.with_value(|s| {
            let labels: Vec<String> = s
                .both
                .iter()
                .map(|k| markup::conflict_label(&s.sel, k))
                .collect();
            elsewhere::notice("deze reflectie", &labels)
        });
        dom::set_html(elsewhere::REGION, &html);
    }

    fn backup(&self) {
        let record = self.state.with_value(|s| s.draft.snapshot());
        files::download_backup(&[record]);
    }
}

/// The item of a plan control: from the section around it.
fn plan_item(el: &web_sys::Element) -> Option<String> {
    el.closest("[data-item]").ok()??.get_attribute("data-item")
}

/// The item and action id of a plan control.
fn plan_target(el: &web_sys::Element) -> Option<(String, String)> {
    Some((plan_item(el)?, el.get_attribute("data-id")?))
}

fn random4() -> [u8; 4] {
    let r = platform::random_bytes();
    [r[0], r[1], r[2], r[3]]
}

/// Whether `r` is a reflection on `sel`'s instrument and perspective in `year`.
fn is_for(r: &Record, sel: Selection, year: SchoolYear) -> bool {
    r.instrument.id == sel.instrument.id()
        && r.school_year == year
        && r.reflection()
            .is_some_and(|x| x.perspective == sel.perspective)
}

/// The newest reflection on `sel`'s instrument and perspective in `year`.
fn find(records: &[Record], sel: Selection, year: SchoolYear) -> Option<Record> {
    records
        .iter()
        .filter(|r| is_for(r, sel, year))
        .max_by_key(|r| (r.revision, r.updated))
        .cloned()
}

/// The keys of the answers that count as answered. Inserted one by one:
/// `collect` into a set sorts first, which costs about 2 KB of wasm for
/// nothing (the map is already in order).
fn answered_keys(reflection: &Reflection) -> BTreeSet<String> {
    let mut answered = BTreeSet::new();
    for (key, answer) in &reflection.answers {
        if answer.is_answered() {
            answered.insert(key.clone());
        }
    }
    answered
}

/// The school years to offer: this one and two before, the next one from
/// June, and the one shown if it is none of those. Newest first.
fn years(sel: &Selection) -> Vec<SchoolYear> {
    let this_year = sel.this_year;
    let mut years = vec![
        this_year,
        this_year.previous(),
        this_year.previous().previous(),
    ];
    if (6..8).contains(&platform::today().month()) {
        years.insert(0, this_year.next());
    }
    if !years.contains(&sel.year) {
        let at = years
            .iter()
            .position(|y| *y < sel.year)
            .unwrap_or(years.len());
        years.insert(at, sel.year);
    }
    years
}

/// Draws the editor for `sel` into `main` and listens there, until the
/// current reactive owner is cleaned up. Item and view follow `location`.
pub fn mount(main: &web_sys::Element, sel: Selection, location: RwSignal<Location>) {
    let router = Router::expect();
    let (records, load_error, unreadable) = match storage::load_all() {
        Ok(l) => (l.records, None, l.unreadable.len()),
        Err(e) => (Vec::new(), Some(e), 0),
    };
    let current = find(&records, sel, sel.year);
    let previous = find(&records, sel, sel.year.previous()).and_then(|r| r.reflection().cloned());
    let mut notices = Vec::new();
    if unreadable > 0 {
        notices.push("Op dit apparaat staan ook gegevens die deze versie van Zichtbaar niet kan lezen. Ze zijn niet verwijderd; op de pagina Privacy en opslag kun je er een reservekopie van maken.".to_owned());
    }
    if let Some(r) = current
        .as_ref()
        .filter(|r| !r.answers_instrument(sel.instrument))
    {
        notices.push(format!("Je begon deze reflectie bij een andere versie van de tekst ({}). De tekst is sindsdien aangepast. Lees je antwoorden nog even na.", r.instrument.version));
    }
    let reflection = current
        .as_ref()
        .and_then(|r| r.reflection().cloned())
        .unwrap_or_else(|| {
            // A new year starts with last year's open actions.
            let mut fresh = Reflection::new(sel.perspective);
            if let Some(last) = &previous {
                fresh.actions =
                    Reflection::carried_over(last, sel.instrument, sel.year.previous()).actions;
            }
            fresh
        });
    let answered = answered_keys(&reflection);
    let initial_status = match load_error {
        Some(e) => SaveStatus::Failed(e),
        None if current.is_some() => SaveStatus::Saved,
        None => SaveStatus::Nothing,
    };
    let state = StoredValue::new_local(State {
        draft: Draft::new(sel.instrument, sel.year, current, reflection),
        previous,
        sel,
        removed: None,
        both: Vec::new(),
    });
    let outside = RwSignal::new(0);
    let autosave = use_autosave(initial_status.clone(), move || {
        let mut result = Ok(());
        let mut news = false;
        state.try_update_value(|s| {
            // Before the first write: another tab may have started this
            // reflection since (its `storage` event may not be here yet).
            // Join that record instead of starting a second one.
            if s.draft.record().is_none() {
                let stored = storage::load_all().map(|l| l.records).unwrap_or_default();
                if let Some(theirs) = find(&stored, s.sel, s.sel.year) {
                    s.draft.absorb(theirs);
                }
            }
            // Another tab's changes may be merged in before the write.
            result = s.draft.persist();
            news = s.take_news();
        });
        if news {
            outside.try_update(|n| *n += 1);
        }
        result
    });
    let ctx = EditorCtx {
        state,
        answered: RwSignal::new(answered),
        epoch: RwSignal::new(0),
        summary: RwSignal::new(0),
        autosave,
        outside,
    };
    // Opened with no item and no view in the address: the item the user
    // last had open in this reflection, written into the address, so that
    // going back and reloading agree with the screen.
    let which = sel.place_key();
    let item_index = |id: &str| sel.instrument.items().position(|i| i.id == id);
    let bare = location
        .with_untracked(|l| l.param("onderdeel").is_none() && l.param("weergave").is_none());
    if let Some(item) =
        storage::load_place(&which).filter(|id| bare && item_index(id).is_some_and(|i| i > 0))
    {
        router.replace(&sel.href(Some(&item), View::Form));
    }
    // Which item and which view the address asks for.
    let place = move || {
        location.with(|l| {
            let index = l.param("onderdeel").and_then(item_index).unwrap_or(0);
            (View::from_location(l), index)
        })
    };
    // The item last remembered (none yet: the first draw remembers it).
    let last_place = StoredValue::new(usize::MAX);

    // Printing (Ctrl+P or the button) always prints the document view.
    let printing = RwSignal::new(false);
    let mode_and_index = move || {
        let (view, index) = place();
        (if printing.get() { View::Document } else { view }, index)
    };

    let render = move |mode: View, index: usize| -> Markup {
        match mode {
            View::Form => {
                let overview = ctx
                    .answered
                    .with_untracked(|a| ctx.state.with_value(|s| s.overview_html(a, index)));
                markup::workspace(ctx.state.with_value(|s| s.item_html(index)), overview)
            }
            View::Document => ctx.state.with_value(|s| {
                markup::document(&sel, &s.draft.body, s.previous.as_ref(), platform::today())
            }),
            View::Plan(by) => ctx.state.with_value(|s| {
                plan::view(
                    &sel,
                    &s.draft.body,
                    s.previous.as_ref(),
                    by,
                    platform::today(),
                )
            }),
            View::Share(audience) => {
                // Sharing is a page of its own (in the second bundle), for
                // what is stored: write anything pending first.
                ctx.autosave.flush();
                let id = ctx.state.with_value(|s| s.draft.id().cloned());
                if let Some(id) = &id {
                    let with = match audience {
                        Audience::Team => audience.as_str(),
                        Audience::Swv => "",
                    };
                    let query = query_string(&[("record", id.as_str()), ("met", with)]);
                    crate::route::load_instead(&format!("delen/{query}"));
                }
                markup::share_view(&sel, audience, id.is_some())
            }
        }
    };

    let (first_view, first_index) = untrack(place);
    let shell = markup::editor_shell(
        &sel,
        &years(&sel),
        &notices,
        save_status::markup(&initial_status),
        render(first_view, first_index),
    );
    dom::draw(main, &shell);
    let current_index = StoredValue::new(first_index);

    // Redraw the view when the view, the item or the epoch changes; it was
    // drawn with the shell already. After moving to another item, focus goes
    // to its title.
    Effect::new(move |prev: Option<(View, usize, u32)>| {
        let (view, index) = mode_and_index();
        let now = (view, index, ctx.epoch.get());
        current_index.set_value(index);
        if view == View::Form && last_place.get_value() != index {
            last_place.set_value(index);
            // Where the user is, not their work: should storage refuse
            // it, the save status shows that with the next autosave.
            if let Some(item) = sel.instrument.items().nth(index) {
                let _ = storage::save_place(&which, &item.id);
            }
        }
        if let Some(prev) = prev.filter(|p| *p != now) {
            let same_place = prev.0 == now.0 && prev.1 == now.1;
            let focus = same_place.then(dom::keep_focus).flatten();
            dom::set_html(markup::VIEW, &render(now.0, now.1));
            // Another item, or another view: focus (and so scrolling) goes
            // to its heading, for keyboard and screen-reader users too.
            // The same one drawn again: focus stays where it was.
            if !same_place {
                dom::focus_first(markup::VIEW, "h2[tabindex]");
            } else if let Some(focus) = focus {
                dom::restore_focus(focus);
            }
        }
        now
    });
    // The overview follows the answers (it was drawn with the shell).
    Effect::new(move |drawn: Option<()>| {
        ctx.answered.track();
        ctx.summary.track();
        if drawn.is_some() {
            let html = ctx.answered.with_untracked(|a| {
                ctx.state
                    .with_value(|s| s.overview_html(a, current_index.get_value()))
            });
            dom::set_html(markup::OVERVIEW, &html);
        }
    });
    save_status::follow(main, autosave.status(), move || ctx.backup());
    // Another tab's changes, merged in: shown.
    Effect::new(move |drawn: Option<()>| {
        ctx.outside.track();
        if drawn.is_some() {
            ctx.show_outside();
        }
    });
    // Another tab wrote this reflection (or, before this tab wrote
    // anything, started it): merged in now, written back if both changed.
    let written_elsewhere = storage::on_record_written(move |theirs| {
        let news = state.try_update_value(|s| {
            if s.draft.record().is_none() && !is_for(&theirs, sel, sel.year) {
                return false;
            }
            s.draft.absorb(theirs);
            s.take_news()
        });
        if news == Some(true) {
            ctx.outside.update(|n| *n += 1);
            ctx.autosave.changed();
        }
    });

    let on_input = move |ev: web_sys::Event| {
        let Some(target) = dom::target(&ev) else {
            return;
        };
        if let (Some(key), true) = (
            target.get_attribute("data-key"),
            target.tag_name() == "TEXTAREA",
        ) {
            let text = event_target_value(&ev);
            ctx.edit(&key, |a| a.text = text);
            return;
        }
        if let Some((field @ (PlanField::What | PlanField::Who), el)) = dom::named::<PlanField>(&ev)
        {
            if let Some((item, id)) = plan_target(&el) {
                ctx.plan_edit(&item, &id, field, event_target_value(&ev));
            }
        }
    };
    let on_change = move |ev: web_sys::Event| {
        let Some(target) = dom::target(&ev) else {
            return;
        };
        let value = event_target_value(&ev);
        if let Some(key) = target.get_attribute("data-key") {
            if target.get_attribute("type").as_deref() == Some("radio") && dom::is_checked(&target)
            {
                ctx.edit(&key, |a| a.scale = Some(value));
                // This year against last year, in the overview.
                ctx.summary.update(|n| *n += 1);
            }
            return;
        }
        if let Some((field, el)) = dom::named::<PlanField>(&ev) {
            if let (PlanField::Due | PlanField::Status, Some((item, id))) =
                (field, plan_target(&el))
            {
                ctx.plan_edit(&item, &id, field, value);
            }
            return;
        }
        let next = match dom::named::<Choose>(&ev) {
            Some((Choose::Instrument, _)) => instruments::by_id(&value).map(|i| Selection {
                instrument: i,
                ..sel
            }),
            Some((Choose::Year, _)) => value
                .parse::<SchoolYear>()
                .ok()
                .map(|year| Selection { year, ..sel }),
            Some((Choose::Perspective, _)) => {
                Perspective::parse(&value).map(|perspective| Selection { perspective, ..sel })
            }
            None => None,
        };
        if let Some(next) = next.filter(|n| *n != sel) {
            ctx.autosave.flush();
            router.navigate(&next.href(None, View::Form));
            // The editor is drawn anew for the other record: put focus on
            // its title, which says what is now shown.
            request_animation_frame(|| dom::focus_first(crate::app::MAIN, "h1"));
        }
    };
    let on_click = move |ev: web_sys::Event| {
        match dom::named::<Action>(&ev) {
            Some((Action::CarryOver, _)) => ctx.carry_over(),
            Some((Action::Print, _)) => {
                let _ = window().print();
            }
            None => {}
        }
        if let Some((action, el)) = dom::named::<PlanAction>(&ev) {
            let item = plan_item(&el).unwrap_or_default();
            let id = el.get_attribute("data-id").unwrap_or_default();
            ctx.plan_button(action, &item, &id);
        }
    };

    let target: &web_sys::EventTarget = main;
    let w: web_sys::EventTarget = window().into();
    let mut listeners = vec![
        dom::listen(target, "input", on_input),
        dom::listen(target, "change", on_change),
        dom::listen(target, "click", on_click),
        dom::listen(&w, "beforeprint", move |_| printing.set(true)),
        dom::listen(&w, "afterprint", move |_| printing.set(false)),
    ];
    listeners.extend(written_elsewhere);
    dom::keep(listeners);
}
