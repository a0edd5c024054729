//! The markup of the action plan: the actions under "Hoe gaan we dat
//! aanpakken?" on an item, the Actieplan view of the whole year, and the
//! year-over-year table of "Waar staan wij?".
//!
//! Pure functions of the data, like [`super::markup`]. Each action's
//! controls carry `data-plan` (which field, a [`PlanField`]) and `data-id`
//! (the action's id); the section around an item's actions carries
//! `data-item`. Ids of controls are built from the item and the action id,
//! so they stay the same when the list is drawn again (focus can return).

use zichtbaar_core::instrument::{answer_key, ItemDef};
use zichtbaar_core::plan::{self, Action, Due, SortBy, Status, StatusCounts};
use zichtbaar_core::{Date, Instrument, Reflection, SchoolYear};

use super::{Selection, View};
use crate::html::{html, names, plural, Id, Markup};
use crate::instruments::shown;

/// The polite status line of the Actieplan view (the calendar download).
pub const PLAN_STATUS: Id = Id("zb-actionplan-status");

/// An item's actions in `reflection` (none when it has no plan).
pub fn actions_of<'a>(reflection: &'a Reflection, item: &str) -> &'a [Action] {
    reflection.actions.get(item).map_or(&[], Vec::as_slice)
}

names! {
    /// What an action's control edits.
    pub enum PlanField in plan {
        What = "wat",
        Who = "wie",
        Due = "wanneer",
        Status = "status",
    }
}

names! {
    /// The plan's buttons.
    pub enum PlanAction in action {
        Add = "actie-toevoegen",
        Up = "actie-omhoog",
        Down = "actie-omlaag",
        Remove = "actie-verwijderen",
        Undo = "actie-terugzetten",
        CarryOpen = "acties-overnemen",
        Calendar = "actieplan-agenda",
    }
}

/// The id of the element around an item's plan (its content is drawn again
/// as a whole).
pub fn section_id(item: &str) -> String {
    format!("plan-{item}")
}

/// The id of one control of an action: `plan-<item>-<action>-<field>`.
pub fn control_id(item: &str, action: &str, field: &str) -> String {
    format!("plan-{item}-{action}-{field}")
}

/// The id of an action's "Wat gaan we doen?": where focus goes when an
/// action is added, put back or taken over.
pub fn what_id(item: &str, action: &str) -> String {
    control_id(item, action, crate::html::Name::as_str(PlanField::What))
}

/// The id of the marks after an action's number (see [`marks`]).
pub fn marks_id(item: &str, action: &str) -> String {
    control_id(item, action, "merk")
}

/// What the plan's status line says after a change to the list.
pub enum Said<'a> {
    /// Action `n` (from 1), with its text, was removed: it can be put back.
    Removed {
        n: usize,
        what: &'a str,
        item: &'a str,
    },
    /// An action moved to place `to` (from 1) of `of`.
    Moved { to: usize, of: usize },
    /// This many of last year's open actions were taken over.
    Carried(usize),
}

/// The status line's content (its element stays, so screen readers hear
/// each change).
pub fn said(said: &Said<'_>) -> Markup {
    html! {
        p {
            @match said {
                Said::Removed { n, what, item } => {
                    "Actie " (n) " (" (short(what)) ") is verwijderd. "
                    button type="button" class="zb-link-button" id=(format!("{}-terug", section_id(item))) data-action=(PlanAction::Undo) { "Terugzetten" }
                }
                Said::Moved { to, of } => { "De actie staat nu op plek " (to) " van " (of) "." }
                Said::Carried(n) => { (plural(*n, "actie", "acties")) " van vorig jaar overgenomen." }
            }
        }
    }
}

/// At most the first 40 characters of a text, to name it.
fn short(text: &str) -> String {
    let text = text_or_dash(text.trim());
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// The id of the polite status line of an item's plan.
pub fn status_id(item: &str) -> String {
    format!("plan-{item}-melding")
}

/// The mark beside an action's number: carried from an earlier year, late.
pub fn marks(action: &Action, today: Date) -> Markup {
    html! {
        @if let Some(year) = action.carried_from {
            span.zb-plan__carried { " · uit " (year) }
        }
        @if action.is_overdue(today) {
            strong.zb-plan__late { " · te laat" }
        }
    }
}

/// One action in words, for the document and the printout: what, then
/// who, by when and how far, and the marks of [`marks`].
pub fn in_words(action: &Action, today: Date) -> Markup {
    html! {
        strong { (text_or_dash(&action.what)) }
        " · wie: " (text_or(&action.who, "nog niet gekozen"))
        " · klaar in: " (action.due.map_or_else(|| "nog geen datum".to_owned(), |d| d.dutch()))
        " · " (action.status.label())
        (marks(action, today))
    }
}

/// The choices of an action's "Klaar in": no date, or a month of this
/// school year or the next (a select works the same with keyboard, mouse
/// and screen reader in every browser; a month field does not). A due
/// outside those, or a day, is offered too, so it is never lost.
fn due_choices(year: SchoolYear, due: Option<Due>) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), "Nog geen datum".to_owned())];
    let start = year.start_year();
    for n in 0..24 {
        let (y, m) = (start + (7 + n) / 12, ((7 + n) % 12 + 1) as u8);
        if let Some(month) = Due::month(y, m) {
            out.push((month.to_string(), month.dutch()));
        }
    }
    if let Some(due) = due {
        let value = due.to_string();
        if !out.iter().any(|(v, _)| *v == value) {
            out.insert(1, (value, due.dutch()));
        }
    }
    out
}

/// An item's actions, with their controls; last year's closed ones below.
pub fn editor(
    item: &ItemDef,
    year: SchoolYear,
    actions: &[Action],
    last_year: Option<(SchoolYear, &[Action])>,
    today: Date,
) -> Markup {
    let section = section_id(&item.id);
    let title = format!("{section}-titel");
    let hint = format!("{section}-uitleg");
    let count = actions.len();
    let closed: Vec<&Action> = last_year
        .map(|(_, list)| list.iter().filter(|a| !a.status.is_open()).collect())
        .unwrap_or_default();
    // Open actions of last year that are not in this year's plan (added
    // last year after this year's plan began, or removed here).
    let missing = last_year.map_or(0, |(_, list)| missing_open(list, actions).count());
    html! {
        section class="zb-plan" data-item=(item.id) aria-labelledby=(title) {
            h3 id=(title) class="zb-plan__title" { "Acties" }
            p class="zb-hint" id=(hint) {
                "Wat gaat er gebeuren, wie doet het en wanneer is het klaar? "
                "Schrijf bij 'Wie' een rol, zoals 'mentoren' of 'ondersteuningscoördinator'. Geen namen van personen."
            }
            @if let Some((year, _)) = last_year.filter(|_| missing > 0) {
                div class="zb-notice zb-plan__carry" {
                    p { "In " (year) " stonden hier nog " (plural(missing, "actie", "acties")) " die niet klaar waren en niet in dit plan staan." }
                    button type="button" class="zb-button zb-button--secondary" data-action=(PlanAction::CarryOpen) {
                        "Open acties van vorig jaar overnemen"
                    }
                }
            }
            @if actions.is_empty() {
                p.zb-plan__empty { "Nog geen acties." }
            }
            ol.zb-plan__list {
                @for (i, a) in actions.iter().enumerate() {
                    @let id = |field: PlanField| control_id(&item.id, &a.id, crate::html::Name::as_str(field));
                    @let n = i + 1;
                    li.zb-plan__action {
                        fieldset {
                            legend {
                                "Actie " (n)
                                span id=(marks_id(&item.id, &a.id)) { (marks(a, today)) }
                            }
                            div.zb-field {
                                label for=(id(PlanField::What)) { "Wat gaan we doen?" }
                                textarea id=(id(PlanField::What)) class="zb-textarea" rows="2" data-plan=(PlanField::What) data-id=(a.id) {
                                    "\n" (a.what)
                                }
                            }
                            div.zb-plan__row {
                                div.zb-field {
                                    label for=(id(PlanField::Who)) { "Wie (een rol)" }
                                    input type="text" id=(id(PlanField::Who)) class="zb-input" value=(a.who) data-plan=(PlanField::Who) data-id=(a.id) aria-describedby=(hint) autocomplete="off";
                                }
                                div.zb-field {
                                    label for=(id(PlanField::Due)) { "Klaar in" }
                                    @let chosen = a.due.map(|d| d.to_string()).unwrap_or_default();
                                    select id=(id(PlanField::Due)) class="zb-select" data-plan=(PlanField::Due) data-id=(a.id) {
                                        @for (value, label) in due_choices(year, a.due) {
                                            option value=(value) selected[value == chosen] { (label) }
                                        }
                                    }
                                }
                                div.zb-field {
                                    label for=(id(PlanField::Status)) { "Status" }
                                    select id=(id(PlanField::Status)) class="zb-select" data-plan=(PlanField::Status) data-id=(a.id) {
                                        @for s in Status::ALL {
                                            option value=(s.as_str()) selected[s == a.status] { (s.label()) }
                                        }
                                    }
                                }
                            }
                            div.zb-plan__buttons {
                                button type="button" class="zb-link-button" id=(control_id(&item.id, &a.id, "omhoog"))
                                    data-action=(PlanAction::Up) data-id=(a.id) disabled[i == 0]
                                    aria-label=(format!("Actie {n} omhoog")) { "Omhoog" }
                                button type="button" class="zb-link-button" id=(control_id(&item.id, &a.id, "omlaag"))
                                    data-action=(PlanAction::Down) data-id=(a.id) disabled[n == count]
                                    aria-label=(format!("Actie {n} omlaag")) { "Omlaag" }
                                button type="button" class="zb-link-button" id=(control_id(&item.id, &a.id, "weg"))
                                    data-action=(PlanAction::Remove) data-id=(a.id)
                                    aria-label=(format!("Actie {n} verwijderen")) { "Verwijderen" }
                            }
                        }
                    }
                }
            }
            button type="button" class="zb-button zb-button--secondary" id=(format!("{section}-nieuw")) data-action=(PlanAction::Add) {
                "Actie toevoegen"
            }
            @if let Some((year, _)) = last_year.filter(|_| !closed.is_empty()) {
                details.zb-plan__last {
                    summary { "Klaar of gestopt in " (year) " (" (closed.len()) ")" }
                    ul {
                        @for a in &closed {
                            li { (text_or_dash(&a.what)) " · " (a.status.label()) }
                        }
                    }
                }
            }
        }
    }
}

/// Last year's open actions that this year's plan does not hold.
pub fn missing_open<'a>(
    last_year: &'a [Action],
    now: &'a [Action],
) -> impl Iterator<Item = &'a Action> {
    last_year
        .iter()
        .filter(|a| a.status.is_open() && !now.iter().any(|b| b.id == a.id))
}

fn text_or_dash(text: &str) -> &str {
    text_or(text, "(zonder omschrijving)")
}

fn text_or<'a>(text: &'a str, empty: &'a str) -> &'a str {
    if text.trim().is_empty() {
        empty
    } else {
        text
    }
}

/// Every action of a reflection with its item's id, in the instrument's
/// item order (items no longer in the instrument last).
pub fn all_actions(instrument: &Instrument, reflection: &Reflection) -> Vec<(String, Action)> {
    let mut out = Vec::new();
    for item in instrument.items() {
        for a in reflection
            .actions
            .get(item.id.as_ref())
            .into_iter()
            .flatten()
        {
            out.push((item.id.to_string(), a.clone()));
        }
    }
    for (item, list) in &reflection.actions {
        if instrument.item(item).is_none() {
            out.extend(list.iter().map(|a| (item.clone(), a.clone())));
        }
    }
    out
}

/// Every action with its item's title as written (for the calendar file;
/// the id when the item is no longer in the instrument), in the order of
/// [`all_actions`].
pub fn titled_actions(instrument: &Instrument, reflection: &Reflection) -> Vec<(String, Action)> {
    all_actions(instrument, reflection)
        .into_iter()
        .map(|(item, a)| {
            let title = instrument.item(&item).map_or(item, |i| i.title.to_string());
            (title, a)
        })
        .collect()
}

/// An item's title as shown, or its id when the instrument has no such item.
fn item_title<'a>(instrument: &'a Instrument, item: &'a str) -> &'a str {
    instrument.item(item).map_or(item, |i| shown(&i.title))
}

/// The year's plan as a table: item, action, who, by when, status; late
/// ones say so in words. Items link to their page when `sel` is given.
pub fn table(
    sel: Option<&Selection>,
    instrument: &Instrument,
    rows: &[&(String, Action)],
    today: Date,
    caption: &str,
) -> Markup {
    html! {
        div.zb-table-scroll tabindex="0" role="region" aria-label=(caption) {
            table class="zb-table zb-plan-table" {
                caption { (caption) }
                thead {
                    tr {
                        th scope="col" { "Onderdeel" }
                        th scope="col" { "Actie" }
                        th scope="col" { "Wie" }
                        th scope="col" { "Klaar in" }
                        th scope="col" { "Status" }
                    }
                }
                tbody {
                    @for (item, a) in rows.iter().map(|r| (&r.0, &r.1)) {
                        @let late = a.is_overdue(today);
                        tr class=[late.then_some("zb-plan-table__late")] {
                            td {
                                @match sel {
                                    Some(sel) => a href=(sel.href(Some(item), View::Form)) { (item_title(instrument, item)) },
                                    None => (item_title(instrument, item)),
                                }
                            }
                            td.zb-plan-table__what {
                                (text_or_dash(&a.what))
                                @if let Some(year) = a.carried_from { br; span.zb-plan__carried { "Uit " (year) } }
                            }
                            td { (text_or(&a.who, "–")) }
                            td { (a.due.map_or_else(|| "Nog geen datum".to_owned(), |d| d.dutch())) }
                            td {
                                (a.status.label())
                                @if late { br; strong.zb-plan__late { "Te laat" } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// How a plan is summed up in a sentence: "7 acties, 2 klaar, 1 te laat".
pub fn summary(counts: StatusCounts, late: usize) -> String {
    let mut text = counts.dutch();
    if late > 0 {
        text.push_str(&format!(", {late} te laat"));
    }
    text
}

/// The label of an item's "Waar staan wij?" choice (its first question
/// with a scale) in `reflection`.
fn rating<'a>(
    instrument: &'a Instrument,
    item: &ItemDef,
    reflection: Option<&Reflection>,
) -> Option<&'a str> {
    let q = instrument.questions(item).find(|q| q.scale.is_some())?;
    let scale = instrument.scale(q.scale.as_deref()?)?;
    let chosen = reflection?
        .answers
        .get(&answer_key(&item.id, &q.id))?
        .scale
        .as_deref()?;
    super::markup::option_label(scale, chosen)
}

/// This year's "Waar staan wij?" beside last year's, for every item: a
/// table, or a list when `compact` (the narrow overview). Empty when there
/// is no last year, or the instrument asks for no rating.
pub fn year_over_year(
    instrument: &Instrument,
    year: SchoolYear,
    now: &Reflection,
    previous: Option<&Reflection>,
    compact: bool,
) -> Markup {
    let Some(previous) = previous else {
        return html! {};
    };
    let rows: Vec<(&str, Option<&str>, Option<&str>)> = instrument
        .items()
        .filter(|item| instrument.questions(item).any(|q| q.scale.is_some()))
        .map(|item| {
            (
                item.title.as_ref(),
                rating(instrument, item, Some(previous)),
                rating(instrument, item, Some(now)),
            )
        })
        .collect();
    if rows.is_empty() {
        return html! {};
    }
    if compact {
        // In the narrow overview: a list, not a table.
        return html! {
            ul.zb-year-list {
                @for (title, last, now) in &rows {
                    li {
                        strong { (shown(title)) } br;
                        (year.previous()) ": " (shown(last.unwrap_or("–"))) br;
                        (year) ": " (shown(now.unwrap_or("–")))
                    }
                }
            }
        };
    }
    html! {
        div.zb-table-scroll tabindex="0" role="region" aria-label="Waar staan wij? Vorig jaar en dit jaar" {
            table class="zb-table zb-year-table" {
                caption { "Waar staan wij? Vorig jaar en dit jaar" }
                thead {
                    tr {
                        th scope="col" { "Onderdeel" }
                        th scope="col" { (year.previous()) }
                        th scope="col" { (year) }
                    }
                }
                tbody {
                    @for (title, last, now) in &rows {
                        tr {
                            th scope="row" { (shown(title)) }
                            td { (shown(last.unwrap_or("–"))) }
                            td { (shown(now.unwrap_or("–"))) }
                        }
                    }
                }
            }
        }
    }
}

/// The sort orders offered in the Actieplan view, with their names.
pub const SORTS: [(SortBy, &str); 3] = [
    (SortBy::Item, "Onderdeel"),
    (SortBy::Due, "Klaar in"),
    (SortBy::Status, "Status"),
];

/// The Actieplan view: every action of the year, sortable, late ones
/// marked; the calendar file; last year's plan to read; this year against
/// last year.
pub fn view(
    sel: &Selection,
    now: &Reflection,
    previous: Option<&Reflection>,
    by: SortBy,
    today: Date,
) -> Markup {
    let instrument = sel.instrument;
    let actions = all_actions(instrument, now);
    let order: Vec<&str> = instrument.items().map(|i| i.id.as_ref()).collect();
    let rows = plan::sorted(&actions, by, &order);
    let counts = plan::count(actions.iter().map(|(_, a)| a));
    let late = actions.iter().filter(|(_, a)| a.is_overdue(today)).count();
    let last = previous
        .map(|p| all_actions(instrument, p))
        .unwrap_or_default();
    let last_rows: Vec<&(String, Action)> = last.iter().collect();
    html! {
        div.zb-actionplan {
            h2 id="zb-actionplan-title" tabindex="-1" { "Actieplan " (sel.year) }
            p { (summary(counts, late)) "." }
            @if actions.is_empty() {
                p {
                    "Er staan nog geen acties in het plan. Je voegt ze toe bij elk onderdeel, onder 'Hoe gaan we dat aanpakken?'."
                }
            } @else {
                nav class="zb-actionplan__sort zb-no-print" aria-label="Volgorde van de acties" {
                    span { "Sorteer op: " }
                    @for (sort, name) in SORTS {
                        a href=(sel.href(None, View::Plan(sort))) aria-current=[(sort == by).then_some("true")] { (name) }
                        " "
                    }
                }
                (table(Some(sel), instrument, &rows, today, &format!("Alle acties, op volgorde van {}", sort_name(by))))
            }
            div class="zb-actionplan__buttons zb-no-print" {
                button type="button" class="zb-button" data-action=(PlanAction::Calendar) { "Zet in je agenda (.ics)" }
                a class="zb-button zb-button--secondary" href=(sel.href(None, View::Form)) { "Terug naar invullen" }
            }
            div id=(PLAN_STATUS) aria-live="polite" class="zb-no-print" {}
            p.zb-hint.zb-no-print {
                "Het agendabestand zet de open acties op de dag dat ze klaar moeten zijn, en herinnert je aan de reflectie van volgend jaar en aan het bevestigen van de ontvangst. Je opent het met Outlook, Google Agenda of de agenda op je telefoon."
            }
            (year_over_year(instrument, sel.year, now, previous, false))
            @if !last_rows.is_empty() {
                (table(None, instrument, &last_rows, today, &format!("Actieplan van vorig schooljaar ({})", sel.year.previous())))
            }
        }
    }
}

fn sort_name(by: SortBy) -> &'static str {
    match by {
        SortBy::Item => "onderdeel",
        SortBy::Due => "wanneer ze klaar moeten zijn",
        SortBy::Status => "status",
    }
}
