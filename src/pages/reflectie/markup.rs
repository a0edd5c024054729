//! The markup of the reflection pages, as pure functions of the data.
//!
//! Written as maud templates (see [`crate::html`] for why text), and tested
//! natively: every control has a label, ids are unique, user text is escaped.
//!
//! Answer inputs carry `data-key` (the answer key, from the instrument's
//! data); buttons carry an [`Action`], the chooser's controls a [`Choose`].
//! The editor listens once per container and reads those.

use std::collections::BTreeSet;

use zichtbaar_core::export::Audience;
use zichtbaar_core::instrument::{answer_key, ItemDef, QuestionDef, ScaleDef};
use zichtbaar_core::{Date, Instrument, Perspective, Reflection, SchoolYear};

use super::{perspective_name, plan, Selection, View};
use crate::html::{html, names, Id, Markup};
use crate::instruments::shown;

/// The part below the chooser that is drawn anew per item and view.
pub const VIEW: Id = Id("zb-view");
/// The overview beside the item, redrawn when answers come and go.
pub const OVERVIEW: Id = Id("zb-overview");
const ITEM_TITLE: Id = Id("zb-item-title");
const OVERVIEW_TITLE: Id = Id("zb-overview-title");
const PROGRESS_TEXT: Id = Id("zb-progress-text");

names! {
    /// What the editor's buttons do.
    pub enum Action in action {
        CarryOver = "carry-over",
        Print = "print",
    }
}

names! {
    /// The chooser's controls: another instrument, year or perspective.
    pub enum Choose in field {
        Instrument = "instrument",
        Year = "jaar",
        Perspective = "voor",
    }
}

/// The label of option `id` of `scale` (the "weet ik niet" options too).
pub(super) fn option_label<'a>(scale: &'a ScaleDef, id: &str) -> Option<&'a str> {
    scale.label_of(id)
}

/// Where an item sits: "Bouwstenen · 3 van 10".
fn position(sel: &Selection, item: &ItemDef) -> String {
    sel.instrument
        .def()
        .sections
        .iter()
        .find_map(|s| {
            let n = s.items.iter().position(|i| i.id == item.id)?;
            Some(format!(
                "{} · {} van {}",
                shown(&s.title),
                n + 1,
                s.items.len()
            ))
        })
        .unwrap_or_default()
}

/// What the item page offers when last year's answers can be carried over.
pub struct CarryOffer {
    pub last_year: SchoolYear,
    pub count: usize,
}

fn question(
    sel: &Selection,
    item: &ItemDef,
    q: &QuestionDef,
    now: &Reflection,
    previous: Option<&Reflection>,
) -> Markup {
    let key = answer_key(&item.id, &q.id);
    let base = format!("v-{}-{}", item.id, q.id);
    let hint_id = format!("{base}-hint");
    let text_id = format!("{base}-tekst");
    let described = q.hint.as_ref().map(|_| hint_id.as_str());
    let answer = now.answers.get(&key);
    let scale = q.scale.as_deref().and_then(|s| sel.instrument.scale(s));

    let hint = html! {
        @if let Some(hint) = &q.hint {
            p class="zb-hint" id=(hint_id) { (shown(hint)) }
        }
    };
    // The HTML parser drops one newline right after <textarea>; this one,
    // so that text starting with a newline keeps it.
    let textarea = html! {
        textarea id=(text_id) class="zb-textarea" rows="3" data-key=(key) aria-describedby=[described] {
            "\n" (answer.map(|a| a.text.as_str()).unwrap_or(""))
        }
    };

    match scale {
        None => html! {
            div.zb-question {
                label class="zb-question__text" for=(text_id) { (shown(&q.text)) }
                (hint)
                @if q.text_answer { (textarea) }
            }
        },
        Some(scale) => {
            let chosen = answer.and_then(|a| a.scale.as_deref());
            let options = scale.options.iter().map(|o| (o, false));
            let last = previous
                .and_then(|p| p.answers.get(&key))
                .and_then(|a| a.scale.as_deref())
                .and_then(|id| option_label(scale, id));
            html! {
                fieldset class="zb-question" aria-describedby=[described] {
                    legend.zb-question__text { (shown(&q.text)) }
                    (hint)
                    div.zb-scale {
                        @for (option, unknown) in options.chain(scale.unknown.iter().map(|o| (o, true))) {
                            label class=(if unknown { "zb-choice zb-choice--unknown" } else { "zb-choice" }) {
                                input type="radio" name=(base) value=(option.id) data-key=(key)
                                    checked[chosen == Some(option.id.as_ref())];
                                span { (shown(&option.label)) }
                            }
                        }
                    }
                    @if let Some(label) = last {
                        p.zb-previous { "Vorig schooljaar: " (shown(label)) }
                    }
                    @if q.text_answer {
                        label class="zb-label" for=(text_id) { (shown(q.text_label.as_deref().unwrap_or("Toelichting"))) }
                        (textarea)
                    }
                }
            }
        }
    }
}

/// A link to the item before or after, or to the document view.
fn pager_link(class: &str, href: &str, dir: &str, title: &str) -> Markup {
    html! {
        a class=(class) href=(href) {
            span.zb-pager__dir { (dir) }
            span { (shown(title)) }
        }
    }
}

/// One item: where it is, its text, its questions (the one that keeps the
/// action plan with its actions), and links to the items before and after.
pub fn item(
    sel: &Selection,
    index: usize,
    now: &Reflection,
    previous: Option<&Reflection>,
    carry: Option<&CarryOffer>,
    today: Date,
) -> Markup {
    let items: Vec<&ItemDef> = sel.instrument.items().collect();
    let Some(item) = items.get(index).copied() else {
        return html! {};
    };
    let prev = index.checked_sub(1).and_then(|i| items.get(i));
    let (next_href, dir, title) = match items.get(index + 1) {
        Some(next) => (
            sel.href(Some(&next.id), View::Form),
            "Volgende",
            next.title.as_ref(),
        ),
        None => (
            sel.href(None, View::Document),
            "Klaar?",
            "Bekijk alles op één pagina",
        ),
    };
    html! {
        p.zb-item__position { (position(sel, item)) }
        h2 id=(ITEM_TITLE) tabindex="-1" { (shown(&item.title)) }
        p.zb-item__intro { (shown(&item.intro)) }
        @if !item.details.is_empty() {
            dl.zb-details {
                @for d in item.details.iter() {
                    div { dt { (shown(&d.label)) } dd { (shown(&d.text)) } }
                }
            }
        }
        @if let Some(offer) = carry {
            div class="zb-notice zb-carry" {
                p { "Vorig schooljaar (" (offer.last_year) ") is deze handreiking ook ingevuld. Je kunt de antwoorden op 'Wat houden we erin?' van toen overnemen (" (offer.count) " in totaal) en daarop verder bouwen. Acties die nog niet klaar waren, staan al in het actieplan van dit jaar." }
                button type="button" class="zb-button zb-button--secondary" data-action=(Action::CarryOver) {
                    "Antwoorden van vorig jaar overnemen"
                }
            }
        }
        @for q in sel.instrument.questions(item) {
            (question(sel, item, q, now, previous))
            @if q.actions {
                div id=(plan::section_id(&item.id)) { (plan::editor(
                    item,
                    sel.year,
                    plan::actions_of(now, &item.id),
                    previous.map(|p| (sel.year.previous(), plan::actions_of(p, &item.id))),
                    today,
                )) }
                div id=(plan::status_id(&item.id)) data-item=(item.id) aria-live="polite" class="zb-plan__status" {}
            }
        }
        nav class="zb-pager" aria-label="Vorige en volgende" {
            @if let Some(prev) = prev {
                (pager_link("zb-pager__prev", &sel.href(Some(&prev.id), View::Form), "Vorige", &prev.title))
            }
            (pager_link("zb-pager__next", &next_href, dir, title))
        }
    }
}

/// The overview: overall progress and each item with its answered count
/// and its actions; the action plan in one line; this year against last.
pub fn overview(
    sel: &Selection,
    answered: &BTreeSet<String>,
    current: usize,
    now: &Reflection,
    previous: Option<&Reflection>,
    today: Date,
) -> Markup {
    let instrument = sel.instrument;
    let all = plan::all_actions(instrument, now);
    let plan_counts = zichtbaar_core::plan::count(all.iter().map(|(_, a)| a));
    let late = all.iter().filter(|(_, a)| a.is_overdue(today)).count();
    let count = |item: &ItemDef| {
        let keys: Vec<String> = instrument
            .questions(item)
            .map(|q| answer_key(&item.id, &q.id))
            .collect();
        (
            keys.iter().filter(|k| answered.contains(*k)).count(),
            keys.len(),
        )
    };
    let (done, total) = instrument
        .items()
        .map(count)
        .fold((0, 0), |(a, t), (x, y)| (a + x, t + y));
    // The index of each section's first item.
    let mut firsts = Vec::new();
    let mut n = 0;
    for section in instrument.def().sections.iter() {
        firsts.push(n);
        n += section.items.len();
    }
    html! {
        h2 id=(OVERVIEW_TITLE) { "Overzicht" }
        div.zb-progress {
            progress max=(total) value=(done) aria-labelledby=(PROGRESS_TEXT) {}
            p id=(PROGRESS_TEXT) { (done) " van " (total) " vragen beantwoord" }
        }
        // What to do with the whole reflection, first: the list of items
        // below it can be longer than the window.
        div.zb-overview__next {
        p.zb-overview__document {
            a href=(sel.href(None, View::Plan(zichtbaar_core::plan::SortBy::Item))) { "Actieplan" }
            ": " (plan::summary(plan_counts, late))
        }
        p.zb-overview__document {
            a href=(sel.href(None, View::Document)) { "Alles op één pagina, om af te drukken" }
        }
        p.zb-overview__document {
            a href=(sel.href(None, View::Share(Audience::Swv))) { "Delen met het samenwerkingsverband" }
        }
        @if sel.perspective == Perspective::Persoonlijk {
            p.zb-overview__document {
                a href=(sel.href(None, View::Share(Audience::Team))) { "Delen met een collega of je teamleider" }
            }
        }
        @if sel.perspective == Perspective::Team {
            // The team conversation starts where colleagues differ: the
            // reflections they shared with the team, side by side.
            p.zb-overview__document {
                a href={ "verzamelen/?weergave=team&instrument=" (sel.instrument.id()) "&jaar=" (sel.year) } {
                    "Reflecties van collega's naast elkaar leggen"
                }
            }
        }
        }
        @for (section, first) in instrument.def().sections.iter().zip(&firsts) {
            h3 { (shown(&section.title)) }
            ol.zb-overview__list {
                @for (i, item) in section.items.iter().enumerate() {
                    @let index = first + i;
                    @let (a, t) = count(item);
                    li class=[(a == t).then_some("zb-overview__done")] {
                        a href=(sel.href(Some(&item.id), View::Form)) aria-current=[(index == current).then_some("step")] {
                            span.zb-overview__title { (shown(&item.title)) }
                            span.zb-overview__count {
                                (a) "/" (t)
                                span.zb-visually-hidden { " beantwoord" }
                            }
                            @let counts = zichtbaar_core::plan::count(plan::actions_of(now, &item.id));
                            @if counts.total() > 0 {
                                span.zb-overview__plan { (counts.dutch()) }
                            }
                        }
                    }
                }
            }
        }
        @if previous.is_some() {
            details.zb-overview__years {
                summary { "Dit jaar en vorig jaar" }
                (plan::year_over_year(instrument, sel.year, now, previous, true))
            }
        }
        p.zb-overview__notice {
            "Je reflectie blijft op dit apparaat. Er gaat niets naar het samenwerkingsverband, tenzij je zelf iets deelt. Een verslag sturen hoeft niet."
        }
        @if let Some(notice) = &instrument.def().notice {
            p.zb-overview__notice { (shown(notice)) }
        }
    }
}

/// Whether anything was said about `item`: an answer or an action.
fn is_said(instrument: &Instrument, now: &Reflection, item: &ItemDef) -> bool {
    !plan::actions_of(now, &item.id).is_empty()
        || instrument.questions(item).any(|q| {
            now.answers
                .get(&answer_key(&item.id, &q.id))
                .is_some_and(|a| a.is_answered())
        })
}

/// One item in the document: its answered questions, each action in full
/// under the question it belongs to; questions not answered in one line.
fn document_item(instrument: &Instrument, now: &Reflection, item: &ItemDef, today: Date) -> Markup {
    let mut open = Vec::new();
    let mut said = Vec::new();
    for q in instrument.questions(item) {
        let answer = now.answers.get(&answer_key(&item.id, &q.id));
        let planned = if q.actions {
            plan::actions_of(now, &item.id)
        } else {
            &[]
        };
        if answer.is_some_and(|a| a.is_answered()) || !planned.is_empty() {
            said.push((q, answer, planned));
        } else {
            open.push(shown(&q.text));
        }
    }
    html! {
        section.zb-document__item {
            h3 { (shown(&item.title)) }
            dl {
                @for (q, answer, planned) in &said {
                    @let choice = q
                        .scale
                        .as_deref()
                        .and_then(|s| instrument.scale(s))
                        .zip(answer.and_then(|a| a.scale.as_deref()))
                        .and_then(|(s, id)| option_label(s, id));
                    dt { (shown(&q.text)) }
                    dd {
                        @if let Some(choice) = choice {
                            strong { (shown(choice)) }
                        }
                        @if let Some(text) = answer.map(|a| a.text.trim()).filter(|t| !t.is_empty()) {
                            p { (text) }
                        }
                        @if !planned.is_empty() {
                            ul.zb-document__plan-list {
                                @for a in planned.iter() {
                                    li { (plan::in_words(a, today)) }
                                }
                            }
                        }
                    }
                }
            }
            @if !open.is_empty() {
                p.zb-document__empty { "Nog niet beantwoord: " (open.join(" / ")) }
            }
        }
    }
}

/// The whole reflection as one document, for reading together and printing:
/// this year against last year, then the items something was said about,
/// each with its actions under it; the items not yet filled in named in one
/// line at the end.
pub fn document(
    sel: &Selection,
    now: &Reflection,
    previous: Option<&Reflection>,
    today: Date,
) -> Markup {
    let instrument = sel.instrument;
    let progress = now.progress(instrument);
    let (said, empty): (Vec<&ItemDef>, Vec<&ItemDef>) = instrument
        .items()
        .partition(|item| is_said(instrument, now, item));
    // Actions of items no longer in the instrument.
    let orphans: Vec<(String, zichtbaar_core::plan::Action)> = plan::all_actions(instrument, now)
        .into_iter()
        .filter(|(item, _)| instrument.item(item).is_none())
        .collect();
    let orphan_rows: Vec<&(String, zichtbaar_core::plan::Action)> = orphans.iter().collect();
    html! {
        div.zb-document {
            div class="zb-document__actions zb-no-print" {
                button type="button" class="zb-button" data-action=(Action::Print) { "Afdrukken / opslaan als PDF" }
                a class="zb-button zb-button--secondary" href=(sel.href(None, View::Form)) { "Terug naar invullen" }
            }
            header.zb-document__header {
                p.zb-document__kind { (shown(&instrument.def().publisher)) }
                h2 id="zb-document-title" tabindex="-1" { (shown(&instrument.def().title)) }
                p {
                    "Schooljaar " (sel.year) " · " (perspective_name(sel.perspective)) " · "
                    (progress.answered) " van " (progress.total) " vragen beantwoord · afgedrukt op " (today.dutch())
                }
            }
            (plan::year_over_year(instrument, sel.year, now, previous, false))
            @for section in instrument.def().sections.iter() {
                @let items: Vec<&ItemDef> = section.items.iter().filter(|i| said.iter().any(|s| s.id == i.id)).collect();
                @if !items.is_empty() {
                    section.zb-document__section {
                        h2 { (shown(&section.title)) }
                        @for item in items {
                            (document_item(instrument, now, item, today))
                        }
                    }
                }
            }
            @if said.is_empty() {
                p.zb-document__empty { "Er is nog niets ingevuld." }
            }
            @if !empty.is_empty() {
                p.zb-document__empty.zb-document__not-yet {
                    "Nog niet ingevuld (" (empty.len()) "): "
                    (empty.iter().map(|i| shown(&i.title)).collect::<Vec<_>>().join(", ")) "."
                }
            }
            @if !orphan_rows.is_empty() {
                section class="zb-document__section zb-document__plan" {
                    h2 { "Acties bij onderdelen die niet meer in de tekst staan" }
                    (plan::table(None, instrument, &orphan_rows, today, "Acties bij onderdelen die niet meer in de tekst staan"))
                }
            }
        }
    }
}

/// The editor page: title, where we are, the chooser, the save status,
/// notices, and the view ([`VIEW`]), which is redrawn on its own.
pub fn editor_shell(
    sel: &Selection,
    years: &[SchoolYear],
    notices: &[String],
    status: Markup,
    view: Markup,
) -> Markup {
    html! {
        div.zb-reflection {
            h1 tabindex="-1" { (shown(&sel.instrument.def().title)) }
            p.zb-context {
                strong { "Schooljaar " (sel.year) }
                " · " (perspective_name(sel.perspective))
            }
            details.zb-choose { (chooser(sel, years)) }
            (status)
            (crate::components::elsewhere::region())
            @for n in notices {
                p.zb-notice { (n) }
            }
            div id=(VIEW) { (view) }
        }
    }
}

/// Which text both tabs changed: "Ouders: Waar staan wij?", or an action.
pub fn conflict_label(sel: &Selection, key: &str) -> String {
    let mut parts = key.split('/');
    let item = sel.instrument.item(parts.next().unwrap_or_default());
    let title = item.map_or("", |i| &i.title);
    match (parts.next(), parts.next(), parts.next()) {
        (Some("acties"), Some(_), None) => format!("{title}: wat er gebeurt, bij een actie"),
        (Some("acties"), _, Some(_)) => format!("{title}: wie, bij een actie"),
        (Some(q), _, _) => {
            let text = item
                .and_then(|i| sel.instrument.questions(i).find(|x| x.id == q))
                .map_or("", |x| &x.text);
            format!("{title}: {text}")
        }
        (None, _, _) => title.to_owned(),
    }
}

/// The form view: the item and the overview ([`OVERVIEW`]).
pub fn workspace(item: Markup, overview: Markup) -> Markup {
    html! {
        div.zb-workspace {
            article id="zb-item" class="zb-workspace__item zb-item" aria-labelledby=(ITEM_TITLE) { (item) }
            nav id=(OVERVIEW) class="zb-overview" aria-labelledby=(OVERVIEW_TITLE) { (overview) }
        }
    }
}

/// The share view, while the share page loads (`leaving`), or a note that
/// there is nothing to share yet; and the way back.
pub fn share_view(sel: &Selection, audience: Audience, leaving: bool) -> Markup {
    html! {
        h2 tabindex="-1" {
            @match audience {
                Audience::Swv => "Delen met het samenwerkingsverband",
                Audience::Team => "Delen met een collega of je teamleider",
            }
        }
        @if leaving {
            p { "Even geduld: de pagina om te delen wordt geopend." }
        } @else {
            p.zb-notice { "Er is nog niets ingevuld om te delen." }
        }
        p { a href=(sel.href(None, View::Form)) { "Terug naar invullen" } }
    }
}

/// Shown instead of the editor when this build carries no instrument.
pub fn no_instrument() -> Markup {
    html! {
        h1 tabindex="-1" { "Reflectie" }
        p { "Er is geen handreiking in deze versie van Zichtbaar. Neem contact op met wie de app beheert." }
    }
}

/// Another instrument, school year or perspective: one step away.
fn chooser(sel: &Selection, years: &[SchoolYear]) -> Markup {
    html! {
        summary { "Andere handreiking, ander schooljaar of teamreflectie" }
        div.zb-choose__fields {
            div.zb-field {
                label for="kies-instrument" { "Handreiking" }
                select id="kies-instrument" data-field=(Choose::Instrument) {
                    @for i in crate::instruments::all() {
                        option value=(i.id()) selected[i.id() == sel.instrument.id()] { (i.def().short_title) }
                    }
                }
            }
            div.zb-field {
                label for="kies-jaar" { "Schooljaar" }
                select id="kies-jaar" data-field=(Choose::Year) {
                    @for y in years {
                        option value=(y) selected[*y == sel.year] {
                            (y) @if *y == sel.this_year { " (dit schooljaar)" }
                        }
                    }
                }
            }
            fieldset class="zb-field zb-choose__perspective" {
                legend { "Voor wie" }
                @for p in Perspective::ALL {
                    label.zb-choice {
                        input type="radio" name="kies-voor" value=(p.as_str()) data-field=(Choose::Perspective) checked[p == sel.perspective];
                        span { (perspective_name(p)) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::attr_values;
    use zichtbaar_core::Answer;

    fn sel(index: usize) -> Selection {
        Selection {
            instrument: &crate::instruments::all()[index],
            year: SchoolYear::starting(2026),
            perspective: Perspective::Team,
            this_year: SchoolYear::starting(2026),
        }
    }

    fn reflection(pairs: &[(&str, Option<&str>, &str)]) -> Reflection {
        Reflection {
            perspective: Perspective::Team,
            answers: pairs
                .iter()
                .map(|(k, s, t)| {
                    (
                        k.to_string(),
                        Answer {
                            scale: s.map(str::to_owned),
                            text: t.to_string(),
                        },
                    )
                })
                .collect(),
            actions: Default::default(),
        }
    }

    #[test]
    fn every_textarea_has_a_label_and_every_id_is_unique() {
        for s in [sel(0), sel(1)] {
            for index in 0..s.instrument.items().count() {
                let html = item(
                    &s,
                    index,
                    &reflection(&[]),
                    None,
                    None,
                    Date::new(2026, 11, 23).unwrap(),
                )
                .into_string();
                let ids = attr_values(&html, "id");
                let unique: BTreeSet<_> = ids.iter().collect();
                assert_eq!(unique.len(), ids.len(), "duplicate id in {html}");
                let textareas = html.matches("<textarea").count();
                assert!(textareas > 0);
                let labelled = attr_values(&html, "for");
                for id in ids.iter().filter(|i| i.ends_with("-tekst")) {
                    assert!(labelled.contains(id), "textarea {id} has no label");
                }
                assert_eq!(
                    ids.iter().filter(|i| i.ends_with("-tekst")).count(),
                    textareas
                );
                // Radios sit inside a label; every radio group is a fieldset with a legend.
                assert_eq!(
                    html.matches("<fieldset").count(),
                    html.matches("<legend").count()
                );
                assert_eq!(
                    html.matches("type=\"radio\"").count(),
                    html.matches("<label class=\"zb-choice").count()
                );
            }
        }
    }

    #[test]
    fn answers_are_shown_escaped_and_choices_checked() {
        let s = sel(0);
        let now = reflection(&[
            (
                "onderwijsbehoeften-centraal/waar-staan-wij",
                Some("geborgd"),
                "<script>x</script>\nregel 2",
            ),
            (
                "onderwijsbehoeften-centraal/aanpak",
                None,
                "\nbegint met een lege regel",
            ),
        ]);
        let html = item(&s, 0, &now, None, None, Date::new(2026, 11, 23).unwrap()).into_string();
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt;\nregel 2</textarea>"));
        assert!(!html.contains("<script>"));
        assert!(html.contains(">\n\nbegint met een lege regel</textarea>"));
        assert!(html.contains(
            "value=\"geborgd\" data-key=\"onderwijsbehoeften-centraal/waar-staan-wij\" checked>"
        ));
        assert_eq!(html.matches(" checked").count(), 1);
    }

    #[test]
    fn last_years_rating_is_shown_beside_this_years() {
        let s = sel(0);
        let last = reflection(&[("mentoraat/waar-staan-wij", Some("in-ontwikkeling"), "")]);
        let html = item(
            &s,
            3,
            &reflection(&[]),
            Some(&last),
            None,
            Date::new(2026, 11, 23).unwrap(),
        )
        .into_string();
        assert!(html.contains(">Mentoraat</h2>"));
        // As shown: with soft hyphens in the long word (see build.rs).
        assert!(html.contains("Vorig schooljaar: In ont\u{ad}wik\u{ad}ke\u{ad}ling"));
    }

    #[test]
    fn the_last_item_leads_to_the_document_view() {
        let s = sel(0);
        let last = s.instrument.items().count() - 1;
        let html = item(
            &s,
            last,
            &reflection(&[]),
            None,
            None,
            Date::new(2026, 11, 23).unwrap(),
        )
        .into_string();
        assert!(html.contains("href=\"reflectie/?voor=team&amp;weergave=document\""));
        let first = item(
            &s,
            0,
            &reflection(&[]),
            None,
            None,
            Date::new(2026, 11, 23).unwrap(),
        )
        .into_string();
        assert!(!first.contains("zb-pager__prev"));
        assert!(first.contains("onderdeel=samen-systematisch-transparant"));
    }

    #[test]
    fn overview_counts_answers_per_item_and_overall() {
        let s = sel(0);
        let answered: BTreeSet<String> = [
            "mentoraat/waar-staan-wij",
            "mentoraat/houden-en-anders",
            "mentoraat/aanpak",
            "basis-in-de-les/aanpak",
            "iets-anders/dat-niet-bestaat",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let html = overview(
            &s,
            &answered,
            3,
            &reflection(&[]),
            None,
            Date::new(2026, 11, 23).unwrap(),
        )
        .into_string();
        assert!(html.contains("4 van 36 vragen beantwoord"));
        assert!(html.contains("max=\"36\" value=\"4\""));
        assert_eq!(html.matches("zb-overview__done").count(), 1);
        assert_eq!(html.matches("aria-current=\"step\"").count(), 1);
        assert!(html.contains("aria-current=\"step\"><span class=\"zb-overview__title\">Mentoraat"));
    }

    #[test]
    fn document_shows_choices_texts_and_gaps() {
        let s = sel(0);
        let now = reflection(&[(
            "mentoraat/waar-staan-wij",
            Some("geborgd"),
            "Mentor & ouders",
        )]);
        let html = document(&s, &now, None, Date::new(2026, 11, 23).unwrap()).into_string();
        assert!(html.contains("<strong>Geborgd</strong><p>Mentor &amp; ouders</p>"));
        assert!(html.contains("1 van 36 vragen beantwoord · afgedrukt op 23 november 2026"));
        // One item said something about: only it is written out, with its
        // two open questions in one line; the 11 others in one line.
        assert_eq!(
            html.matches("<section class=\"zb-document__item\">")
                .count(),
            1
        );
        assert_eq!(html.matches("<dt>").count(), 1);
        assert_eq!(html.matches("Nog niet beantwoord: ").count(), 1);
        assert_eq!(html.matches("Nog niet ingevuld (11): ").count(), 1);
        // Only the section that has the item gets a heading.
        assert_eq!(
            html.matches("<section class=\"zb-document__section\">")
                .count(),
            1
        );
        assert!(!html.contains("zb-plan-table"));
        let nothing =
            document(&s, &reflection(&[]), None, Date::new(2026, 11, 23).unwrap()).into_string();
        assert!(nothing.contains("Er is nog niets ingevuld."));
        assert!(nothing.contains("Nog niet ingevuld (12): "));
        assert!(!nothing.contains("<dt>"));
    }

    fn with_actions(mut r: Reflection) -> Reflection {
        use zichtbaar_core::plan::{Action, Due, Status};
        let action = |n: u8, what: &str, due: Option<Due>, status: Status| Action {
            what: what.to_owned(),
            who: "mentoren".to_owned(),
            due,
            status,
            ..Action::new([n; 4])
        };
        r.actions.insert(
            "mentoraat".to_owned(),
            vec![
                action(
                    1,
                    "<b>Gesprekken</b> plannen",
                    Due::month(2026, 10),
                    Status::Bezig,
                ),
                action(2, "Evalueren", Due::month(2027, 3), Status::Klaar),
            ],
        );
        r.actions.get_mut("mentoraat").unwrap()[1].carried_from = Some(SchoolYear::starting(2025));
        r
    }

    /// Soft hyphens are for the screen: the page shows an item's title with
    /// them, while the calendar file, the shared file and a CSV carry the
    /// title as written.
    #[test]
    fn the_page_shows_soft_hyphens_and_no_export_carries_one() {
        use zichtbaar_core::plan::{Action, Due, Status};
        use zichtbaar_core::{csv, ics, Body, Record, RecordId};
        const SHY: char = '\u{ad}';
        let s = sel(0);
        let today = Date::new(2026, 11, 23).unwrap();
        let index = s
            .instrument
            .items()
            .position(|i| i.id == "ondersteuningscoordinatie")
            .unwrap();
        let item_def = s.instrument.items().nth(index).unwrap();
        let written = "Ondersteuningscoördinatie en het ondersteuningsteam";
        assert_eq!(item_def.title, written);
        let mut now = reflection(&[(
            "ondersteuningscoordinatie/waar-staan-wij",
            Some("grotendeels-gerealiseerd"),
            "Het ondersteuningsteam komt elke week samen.",
        )]);
        now.actions.insert(
            item_def.id.to_string(),
            vec![Action {
                what: "Ondersteuningscoördinator inwerken".to_owned(),
                who: "directie".to_owned(),
                due: Due::month(2027, 2),
                status: Status::Gepland,
                ..Action::new([7; 4])
            }],
        );

        let page = item(&s, index, &now, None, None, today).into_string();
        assert!(page.contains(&format!(">{}</h2>", crate::instruments::shown(written))));
        assert!(page
            .contains("On\u{ad}der\u{ad}steu\u{ad}nings\u{ad}co\u{ad}ör\u{ad}di\u{ad}na\u{ad}tie"));
        // What the user typed is shown as typed.
        assert!(page.contains("Het ondersteuningsteam komt elke week samen."));

        let calendar = ics::calendar(
            &ics::plan_events(&plan::titled_actions(s.instrument, &now), today, None),
            today,
        );
        assert!(calendar.contains("DESCRIPTION:Ondersteuningscoördinatie en het onders"));

        let mut record = Record::new_reflection(
            RecordId::from_random([2; 16]),
            s.instrument,
            s.year,
            Perspective::Team,
            today,
        );
        record.body = Body::Reflection(now.clone());
        let shared = zichtbaar_core::export::prepare(&record, &Default::default(), today)
            .unwrap()
            .to_json();
        assert!(shared.contains("Ondersteuningscoördinator inwerken"));

        let table = csv::write(&[vec![
            csv::Cell::Text(item_def.title.to_string()),
            csv::Cell::Text(
                s.instrument
                    .questions(item_def)
                    .next()
                    .unwrap()
                    .text
                    .to_string(),
            ),
        ]]);
        assert!(table.contains(written));

        for export in [&calendar, &shared, &table] {
            assert!(!export.contains(SHY), "{export}");
        }
    }

    #[test]
    fn every_action_control_is_labelled_and_late_or_carried_actions_say_so() {
        let s = sel(0);
        let today = Date::new(2026, 11, 23).unwrap();
        let html = item(&s, 3, &with_actions(reflection(&[])), None, None, today).into_string();
        let ids = attr_values(&html, "id");
        let unique: BTreeSet<_> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "duplicate id in {html}");
        let labelled = attr_values(&html, "for");
        let controls = ids.iter().filter(|i| {
            ["-wat", "-wie", "-wanneer", "-status"]
                .iter()
                .any(|end| i.ends_with(end))
        });
        assert_eq!(controls.clone().count(), 8);
        for id in controls {
            assert!(labelled.contains(id), "{id} has no label");
        }
        assert_eq!(
            html.matches("<fieldset").count(),
            html.matches("<legend").count()
        );
        // The first action is late (October is over, still bezig); the
        // second is done and came from last year.
        assert_eq!(html.matches("te laat").count(), 1);
        assert!(html.contains("Actie 1<span"));
        assert!(html.contains("uit 2025-2026"));
        assert!(html.contains("&lt;b&gt;Gesprekken&lt;/b&gt; plannen</textarea>"));
        // The first cannot move up, the last not down; each button names its action.
        assert!(
            html.contains("aria-label=\"Actie 1 omhoog\" disabled")
                || html.contains("disabled aria-label=\"Actie 1 omhoog\"")
        );
        assert!(html.contains("aria-label=\"Actie 2 verwijderen\""));
        let note = plan::said(&plan::Said::Removed {
            n: 1,
            what: "<b>Gesprekken</b> plannen",
            item: "mentoraat",
        })
        .into_string();
        assert!(note.contains("Actie 1 (&lt;b&gt;Gesprekken&lt;/b&gt; plannen) is verwijderd."));
        assert!(note.contains("id=\"plan-mentoraat-terug\""));
        // Its month is chosen in the list of months.
        assert!(html.contains("<option value=\"2027-03\" selected>maart 2027</option>"));
    }

    #[test]
    fn overview_and_document_carry_the_plan_and_last_years_ratings() {
        let s = sel(0);
        let today = Date::new(2026, 11, 23).unwrap();
        let now = with_actions(reflection(&[(
            "mentoraat/waar-staan-wij",
            Some("geborgd"),
            "",
        )]));
        let last = reflection(&[("mentoraat/waar-staan-wij", Some("in-ontwikkeling"), "")]);
        let html = overview(&s, &BTreeSet::new(), 3, &now, Some(&last), today).into_string();
        assert!(html.contains("Mentoraat</span>"));
        assert!(html.contains("<span class=\"zb-overview__plan\">2 acties, 1 klaar</span>"));
        assert!(html.contains(": 2 acties, 1 klaar, 1 te laat"));
        assert!(html.contains(
            "<li><strong>Mentoraat</strong><br>2025-2026: In ont\u{ad}wik\u{ad}ke\u{ad}ling<br>2026-2027: Geborgd</li>"
        ));
        let without_last = overview(&s, &BTreeSet::new(), 3, &now, None, today).into_string();
        assert!(!without_last.contains("zb-year-list"));

        let doc = document(&s, &now, Some(&last), today).into_string();
        assert!(doc
            .contains("<th scope=\"row\">Mentoraat</th><td>In ont\u{ad}wik\u{ad}ke\u{ad}ling</td><td>Geborgd</td>"));
        // The actions stand in full under the question they belong to.
        assert_eq!(
            doc.matches("<ul class=\"zb-document__plan-list\"><li>")
                .count(),
            1
        );
        assert!(doc.contains(
            "<li><strong>&lt;b&gt;Gesprekken&lt;/b&gt; plannen</strong> · wie: mentoren · klaar in: oktober 2026 · Bezig"
        ));
        assert_eq!(doc.matches("te laat").count(), 1);
        assert!(doc.contains("Evalueren</strong> · wie: mentoren · klaar in: maart 2027 · Klaar"));
        assert!(!doc.contains("zb-plan-table"));
    }
}
