//! The markup of the collection view, as pure functions (tested natively).
//!
//! Figures over fewer than [`MIN_GROUP`] records are shown as "minder dan
//! 5", never as numbers. Every chart is drawn beside a table with the same
//! figures; the chart is hidden from screen readers, the table is not.

use zichtbaar_core::collection::{
    self, ActionSummary, Facets, Filter, ReceiptOverview, ScaleSummary, Shown, TextAnswer,
    MIN_GROUP,
};
use zichtbaar_core::csv::decimal;
use zichtbaar_core::instrument::{Instrument, QuestionDef, ScaleDef};
use zichtbaar_core::plan::{Action as PlanAction, Status};
use zichtbaar_core::record::{Role, SharedWithColleagues};
use zichtbaar_core::team::TeamView;
use zichtbaar_core::{Perspective, SchoolYear};

pub use crate::html::plural;
use crate::html::{html, names, Id, Markup};
use crate::instruments;

/// Where the files' progress and outcome are told (a polite live region).
pub const STATUS: Id = Id("c-status");
/// The list of imported files.
pub const FILES: Id = Id("c-files");
/// The heading of the list of files: focus goes here after removing one.
pub const FILES_TITLE: Id = Id("c-files-title");
/// Filters, view choice and the view.
pub const RESULTS: Id = Id("c-results");
pub const DROP: Id = Id("c-drop");
/// Where the text of mails is pasted.
pub const PASTE: Id = Id("c-paste");
pub const FILE_INPUT: Id = Id("c-files-input");
pub const FOLDER_INPUT: Id = Id("c-folder-input");
pub const LIST_INPUT: Id = Id("c-list-file");

names! {
    /// What the page's buttons do.
    pub enum Action in action {
        Remove = "remove-file",
        ClearAsk = "clear-ask",
        ClearYes = "clear-yes",
        ClearNo = "clear-no",
        Csv = "csv",
        Print = "print-report",
        CompareList = "compare-list",
        MoreTexts = "more-texts",
        ReadPasted = "read-pasted",
    }
}

names! {
    /// Which view of the collection is shown.
    pub enum Show in view {
        Ontvangst = "ontvangst",
        Reflectie = "reflectie",
        Routekaart = "routekaart",
        /// Colleagues' reflections shared with the team, side by side.
        Team = "team",
    }
}

/// What a record that came is, as far as the fitting view goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Came {
    Receipt,
    /// A reflection shared with the SWV.
    Reflection,
    /// A reflection shared with a colleague or team leader.
    TeamShare,
}

impl Came {
    pub fn of(record: &zichtbaar_core::export::ExportRecord) -> Came {
        match record.kind {
            zichtbaar_core::Kind::Receipt => Came::Receipt,
            _ if zichtbaar_core::team::is_team_share(record) => Came::TeamShare,
            _ => Came::Reflection,
        }
    }
}

impl Show {
    /// The view that fits what was read, while the user has chosen none:
    /// the receipts when only receipts came, the team view when only
    /// reflections shared with a team came, a reflection view when only
    /// reflections came; with both kinds, or nothing, the view stays `self`.
    pub fn fitting(self, came: impl IntoIterator<Item = Came>) -> Show {
        let (mut receipts, mut reflections, mut team) = (0, 0, 0);
        for c in came {
            match c {
                Came::Receipt => receipts += 1,
                Came::Reflection => reflections += 1,
                Came::TeamShare => team += 1,
            }
        }
        match (receipts, reflections, team) {
            (1.., 0, 0) => Show::Ontvangst,
            (0, 0, 1..) => Show::Team,
            (0, _, _) if reflections + team > 0 && matches!(self, Show::Ontvangst | Show::Team) => {
                Show::Reflectie
            }
            _ => self,
        }
    }

    /// The name on the view's button.
    pub fn label(self) -> &'static str {
        match self {
            Show::Ontvangst => "Ontvangst",
            Show::Reflectie => "Reflecties",
            Show::Routekaart => "Routekaart",
            Show::Team => "Team",
        }
    }
}

names! {
    /// The filters, and the school list.
    pub enum Field in field {
        Instrument = "instrument",
        Year = "jaar",
        Perspective = "voor",
        School = "school",
        List = "lijst",
    }
}

pub const TOO_FEW: &str = "minder dan 5";
/// Files listed at most: a list of thousands would make a slow page.
const FILE_ROWS: usize = 200;
/// Up to this many files, their list is open.
const FILES_OPEN: usize = 10;
/// Receipts listed at most (the CSV has them all).
pub const RECEIPT_ROWS: usize = 500;

fn shown_count(s: &Shown<usize>) -> String {
    match s {
        Shown::Value(n) => n.to_string(),
        Shown::TooFew => TOO_FEW.to_owned(),
    }
}

/// A mean or a spread: a dash when there are too few answers (a figure
/// such as "minder dan 5" would read like a value on a scale of 1 to 4).
fn shown_decimal(s: &Shown<f64>) -> Markup {
    html! {
        @match s {
            Shown::Value(x) => (decimal(*x)),
            Shown::TooFew => { span aria-hidden="true" { "–" } span.zb-visually-hidden { "te weinig antwoorden" } }
        }
    }
}

/// The top of the page: what it is for, and where files go in.
pub fn page() -> Markup {
    html! {
        h1 tabindex="-1" { "Gedeelde reflecties lezen" }
        p.zb-lead {
            "Hier lees je de bestanden die scholen of collega's zelf met je hebben gedeeld. "
            "Je ziet per onderdeel waar de scholen staan, wat ze van plan zijn en wie de ontvangst heeft bevestigd."
        }
        p.zb-privacy-line {
            "Alles blijft in deze browser, op dit apparaat. Er gaat niets naar een server. "
            "Cijfers over minder dan " (MIN_GROUP) " reflecties of scholen tonen we niet, zodat niemand te herkennen is."
        }
        section class="zb-import zb-no-print" aria-labelledby="c-import-title" {
            h2 id="c-import-title" { "Bestanden toevoegen" }
            div id=(DROP) class="zb-drop" {
                p { "Sleep bestanden of een map hierheen, of kies ze:" }
                div.zb-drop__choices {
                    label class="zb-button" for=(FILE_INPUT) { "Bestanden kiezen" }
                    input type="file" id=(FILE_INPUT) class="zb-visually-hidden" multiple accept=".json,.eml,application/json,message/rfc822";
                    label class="zb-button zb-button--secondary" for=(FOLDER_INPUT) { "Een map kiezen" }
                    input type="file" id=(FOLDER_INPUT) class="zb-visually-hidden" multiple webkitdirectory;
                }
            }
            p.zb-hint { "Bestanden van Zichtbaar eindigen op .json. Een e-mail die je in je e-mailprogramma hebt bewaard (.eml) kan ook." }
            details.zb-paste open[false] {
                summary { "E-mails plakken" }
                div.zb-field {
                    label for=(PASTE) { "Tekst van e-mails met een bevestiging of reflectie" }
                    p.zb-hint id="c-paste-hint" { "Open de e-mail, selecteer alles (Ctrl+A), kopieer en plak het hier. Meer e-mails achter elkaar mag ook." }
                    textarea id=(PASTE) class="zb-textarea" rows="5" aria-describedby="c-paste-hint" spellcheck="false" {}
                }
                button type="button" class="zb-button zb-button--secondary" data-action=(Action::ReadPasted) { "Geplakte tekst inlezen" }
            }
            div id=(STATUS) class="zb-import__status" role="status" {}
            div id=(FILES) {}
        }
        div id=(RESULTS) data-records="0" {}
    }
}

/// How an import is going.
pub fn progress(done: usize, total: usize, records: usize) -> Markup {
    html! {
        progress max=(total) value=(done) aria-labelledby="c-progress-text" {}
        p id="c-progress-text" {
            "Bezig met lezen: " (done) " van " (total) " bestanden, " (records) " reflecties en bevestigingen."
        }
    }
}

/// One file as the list shows it.
pub struct FileRow {
    pub key: f64,
    pub name: String,
    pub records: usize,
    pub problems: Vec<String>,
}

/// The imported files, each with what was read and a remove button; and
/// emptying the whole collection, with a question first.
pub fn files(rows: &[FileRow], distinct: usize, asking_to_clear: bool) -> Markup {
    if rows.is_empty() {
        return html! {};
    }
    let total: usize = rows.iter().map(|r| r.records).sum();
    html! {
        h2 id=(FILES_TITLE) tabindex="-1" { "Ingelezen bestanden" }
        // A long list stays folded: the figures below are what is read.
        details.zb-files open[rows.len() <= FILES_OPEN] {
        summary { (plural(rows.len(), "bestand", "bestanden")) ", samen " (plural(distinct, "reflectie of bevestiging", "verschillende reflecties en bevestigingen")) }
        @if total > distinct {
            p.zb-hint { "In de bestanden staan er " (total) ". Wat in meer bestanden staat, of ook in een nieuwere versie, telt één keer: de nieuwste." }
        }
        div class="zb-table-scroll" role="region" aria-labelledby="c-files-title" tabindex="0" {
            table.zb-table {
                thead { tr { th scope="col" { "Bestand" } th scope="col" { "Aantal" } th scope="col" { "Opmerkingen" } th scope="col" { span.zb-visually-hidden { "Verwijderen" } } } }
                tbody {
                    @for (i, row) in rows.iter().enumerate().take(FILE_ROWS) {
                        tr {
                            th scope="row" { (row.name) }
                            td { (row.records) }
                            td {
                                @for p in &row.problems { p.zb-table__note { (p) } }
                            }
                            td {
                                button type="button" class="zb-link-button" id={ "c-remove-" (i) } data-action=(Action::Remove) data-key=(row.key) aria-label={ (row.name) " verwijderen" } { "Verwijderen" }
                            }
                        }
                    }
                }
            }
        }
        @if rows.len() > FILE_ROWS {
            p.zb-hint { "Hier staan de eerste " (FILE_ROWS) " van de " (rows.len()) " bestanden. Alles wissen kan hieronder." }
        }
        }
        div.zb-clear {
            @if asking_to_clear {
                p id="c-clear-question" { strong { "Weet je het zeker? " } "Alle " (rows.len()) " bestanden gaan uit deze browser weg. De scholen hebben hun eigen exemplaar nog." }
                button type="button" class="zb-button zb-button--danger" id="c-clear-yes" data-action=(Action::ClearYes) aria-describedby="c-clear-question" { "Ja, alles wissen" }
                " "
                button type="button" class="zb-button zb-button--secondary" id="c-clear-no" data-action=(Action::ClearNo) { "Nee, bewaren" }
            } @else {
                button type="button" class="zb-button zb-button--secondary" id="c-clear-ask" data-action=(Action::ClearAsk) { "Alles wissen" }
            }
        }
    }
}

/// What the filters offer and have chosen.
pub struct Choices<'a> {
    pub facets: &'a Facets,
    pub filter: &'a Filter,
    pub show: Show,
    pub instruments: &'a [&'static Instrument],
}

fn option_text(name: &str, count: usize) -> String {
    format!("{name} ({count})")
}

fn perspective_name(p: Perspective) -> &'static str {
    match p {
        Perspective::Persoonlijk => "Persoonlijke reflecties",
        Perspective::Team => "Teamreflecties",
    }
}

/// The filters and the choice of view.
pub fn controls(c: &Choices<'_>) -> Markup {
    let f = c.filter;
    let title = |id: &str| {
        c.instruments
            .iter()
            .find(|i| i.id() == id)
            .map_or(id.to_owned(), |i| i.def().short_title.to_string())
    };
    html! {
        nav class="zb-views zb-no-print" aria-label="Weergave" {
            @for show in [Show::Ontvangst, Show::Reflectie, Show::Routekaart, Show::Team] {
                button type="button" class="zb-views__tab" id={ "c-view-" (show) } data-view=(show) aria-pressed=(if show == c.show { "true" } else { "false" }) {
                    (show.label())
                }
            }
        }
        form class="zb-filters zb-no-print" aria-label="Filters" {
            div.zb-field {
                label for="c-instrument" { "Handreiking" }
                select id="c-instrument" data-field=(Field::Instrument) {
                    option value="" selected[f.instrument.is_none()] { "Alle" }
                    @for (id, n) in &c.facets.instruments {
                        option value=(id) selected[f.instrument.as_deref() == Some(id.as_str())] { (option_text(&title(id), *n)) }
                    }
                }
            }
            div.zb-field {
                label for="c-year" { "Schooljaar" }
                select id="c-year" data-field=(Field::Year) {
                    // Reflections are read one year at a time (see `effective`).
                    @if c.show == Show::Ontvangst {
                        option value="" selected[f.school_year.is_none()] { "Alle" }
                    }
                    @for (y, n) in &c.facets.school_years {
                        option value=(y) selected[f.school_year == Some(*y)] { (option_text(&y.to_string(), *n)) }
                    }
                }
            }
            // The kind of record is the view's: receipts in "Ontvangst",
            // reflections in the other two. Whose view only matters there.
            @if c.show != Show::Ontvangst {
                div.zb-field {
                    label for="c-perspective" { "Voor wie" }
                    select id="c-perspective" data-field=(Field::Perspective) {
                        option value="" selected[f.perspective.is_none()] { "Alle" }
                        @for (p, n) in &c.facets.perspectives {
                            option value=(p.as_str()) selected[f.perspective == Some(*p)] { (option_text(perspective_name(*p), *n)) }
                        }
                    }
                }
            }
            div.zb-field {
                label for="c-school" { "School" }
                select id="c-school" data-field=(Field::School) {
                    option value="" selected[f.school.is_none()] { "Alle (ook zonder naam)" }
                    @for (s, n) in &c.facets.schools {
                        option value=(s) selected[f.school.as_deref() == Some(s.as_str())] { (option_text(s, *n)) }
                    }
                }
            }
        }
        p.zb-print-only {
            "Keuze: " (f.instrument.as_deref().map_or("alle handreikingen".to_owned(), title))
            ", schooljaar " (f.school_year.map_or("alle".to_owned(), |y| y.to_string()))
            @if let Some(p) = f.perspective { ", " (perspective_name(p)) }
            @if let Some(s) = &f.school { ", school " (s) }
            "."
        }
        div.zb-report__actions.zb-no-print {
            button type="button" class="zb-button zb-button--secondary" data-action=(Action::Csv) { "CSV opslaan (voor Excel)" }
            " "
            button type="button" class="zb-button zb-button--secondary" data-action=(Action::Print) { "Afdrukken / opslaan als PDF" }
        }
    }
}

fn role_text(role: Option<Role>, other: &str) -> String {
    match role {
        Some(Role::Anders) if !other.trim().is_empty() => other.trim().to_owned(),
        Some(r) => r.label().to_owned(),
        None => "niet ingevuld".to_owned(),
    }
}

/// The receipts: who confirmed, what they wrote, and who has not yet.
pub fn receipts(
    o: &ReceiptOverview,
    list_text: &str,
    unread_lines: &[usize],
    listed: usize,
) -> Markup {
    html! {
        h2 { "Ontvangst van de handreiking" }
        @if o.rows.is_empty() {
            p.zb-notice { "Er zijn nog geen ontvangstbevestigingen ingelezen (met deze filters)." }
        } @else {
            p {
                (plural(o.schools, "school heeft", "scholen hebben")) " de ontvangst bevestigd, in " (plural(o.rows.len(), "bevestiging", "bevestigingen")) ". "
                "Ontvangen: " (o.received) ". Gedeeld met collega's: ja " (o.shared[0]) ", nee " (o.shared[1]) ", nog niet " (o.shared[2]) ", niet ingevuld " (o.shared[3]) "."
            }
        }
        section.zb-school-list.zb-no-print aria-labelledby="c-list-title" {
            h3 id="c-list-title" { "Wie heeft nog niet bevestigd?" }
            div.zb-field {
                label for="c-list" { "Jullie lijst van scholen" }
                p class="zb-hint" id="c-list-hint" { "Eén school per regel: de naam, de BRIN-code of allebei (bijvoorbeeld: De Brug;12AB). Een CSV-bestand uit Excel kan ook." }
                textarea id="c-list" class="zb-textarea" rows="5" data-field=(Field::List) aria-describedby="c-list-hint" { "\n" (list_text) }
            }
            p {
                label class="zb-button zb-button--secondary" for=(LIST_INPUT) { "Lijst uit een bestand halen" }
                input type="file" id=(LIST_INPUT) class="zb-visually-hidden" accept=".csv,.txt,text/csv,text/plain";
                " "
                button type="button" class="zb-button" id="c-compare" data-action=(Action::CompareList) { "Vergelijken" }
            }
        }
        @if listed > 0 {
            @if !unread_lines.is_empty() {
                p.zb-notice { "Deze regels van de lijst konden we niet lezen: " (join(unread_lines)) "." }
            }
            @if o.missing.is_empty() {
                p { "Alle " (listed) " scholen van de lijst hebben bevestigd." }
            } @else {
                p { (o.missing.len()) " van de " (listed) " scholen " (if o.missing.len() == 1 { "heeft" } else { "hebben" }) " nog niet bevestigd:" }
                ul.zb-missing {
                    @for (i, s) in o.missing.iter().enumerate() {
                        li {
                            (s.name) @if !s.brin.is_empty() { " (" (s.brin) ")" }
                            @for (_, like) in o.likely.iter().filter(|(m, _)| *m == i) {
                                br;
                                span.zb-likely {
                                    "Misschien dezelfde school als '" (like.name) "'"
                                    @if like.brin.is_empty() { ", die bevestigde zonder BRIN-code" } @else { " (" (like.brin) "), die bevestigde" }
                                    ". Klopt dat? Zet de naam in jullie lijst dan net zo."
                                }
                            }
                        }
                    }
                }
            }
        }
        @if !o.rows.is_empty() {
            div class="zb-table-scroll" role="region" aria-labelledby="c-receipts-title" tabindex="0" {
                table.zb-table {
                    caption id="c-receipts-title" { "Alle bevestigingen" }
                    thead { tr {
                        th scope="col" { "School" } th scope="col" { "BRIN" } th scope="col" { "Rol" } th scope="col" { "Datum" }
                        th scope="col" { "Ontvangen" } th scope="col" { "Gedeeld" } th scope="col" { "Reactie" } th scope="col" { "Wensen" }
                    } }
                    tbody {
                        @for r in o.rows.iter().take(RECEIPT_ROWS) {
                            tr {
                                th scope="row" { (r.school.name) }
                                td { (r.school.brin) }
                                td { (role_text(r.role, &r.role_other)) }
                                td { (r.updated.dutch()) }
                                td { (if r.received { "Ja" } else { "Nee" }) }
                                td { (r.shared.map_or("niet ingevuld", SharedWithColleagues::label)) }
                                td { (r.reactions) }
                                td { (r.wishes) }
                            }
                        }
                    }
                }
            }
            @if o.rows.len() > RECEIPT_ROWS {
                p.zb-hint { "Hier staan de eerste " (RECEIPT_ROWS) " van de " (o.rows.len()) " bevestigingen. De CSV heeft ze allemaal." }
            }
        }
    }
}

fn join(numbers: &[usize]) -> String {
    let mut out = String::new();
    for (i, n) in numbers.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&n.to_string());
    }
    out
}

fn scale_of<'a>(instrument: &'a Instrument, q: &QuestionDef) -> Option<&'a ScaleDef> {
    q.scale.as_deref().and_then(|s| instrument.scale(s))
}

/// A bar chart of one distribution (hidden from screen readers: the table
/// beside it has the same figures). SVG, so no inline styles are needed.
fn bars(labels: &[&str], counts: &[usize]) -> Markup {
    let total: usize = counts.iter().sum::<usize>().max(1);
    html! {
        div.zb-bars aria-hidden="true" {
            @for (label, count) in labels.iter().zip(counts) {
                div.zb-bars__row {
                    span.zb-bars__label { (instruments::shown(label)) }
                    svg class="zb-bars__track" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false" {
                        rect class="zb-bars__fill" x="0" y="0" height="10" width=(count * 100 / total) {}
                    }
                    span.zb-bars__count { (count) }
                }
            }
        }
    }
}

/// One question's distribution: chart and table, mean and spread, and a
/// mark when the answers lie far apart.
fn distribution(scale: &ScaleDef, s: &ScaleSummary, caption: &str) -> Markup {
    let labels: Vec<&str> = scale.options.iter().map(|o| o.label.as_ref()).collect();
    let unknown_label = scale.unknown.as_ref().map(|o| o.label.as_ref());
    html! {
        @if s.differs_widely {
            p.zb-differs { strong { "Hier lopen de antwoorden ver uiteen." } " Er wordt verschillend over gedacht: een goed begin voor het gesprek." }
        }
        @if let Shown::Value(counts) = &s.counts {
            (bars(&labels, counts))
        }
        div class="zb-table-scroll" role="region" aria-label=(caption) tabindex="0" {
        table.zb-table.zb-table--figures {
            caption.zb-visually-hidden { (caption) }
            thead { tr {
                @for l in &labels { th scope="col" { (instruments::shown(l)) } }
                @if let Some(u) = unknown_label { th scope="col" { (instruments::shown(u)) } }
                th scope="col" { "Gemiddeld" }
                th scope="col" { "Spreiding" }
            } }
            tbody { tr {
                @match &s.counts {
                    Shown::Value(counts) => { @for c in counts { td { (c) } } }
                    Shown::TooFew => { @for _ in &labels { td { (TOO_FEW) } } }
                }
                @if unknown_label.is_some() { td { (shown_count(&s.unknown)) } }
                td { (shown_decimal(&s.mean)) }
                td { (shown_decimal(&s.spread)) }
            } }
        }
        }
        @if let (Some(first), Some(last)) = (labels.first(), labels.last()) {
            p.zb-hint { "Gemiddeld: 1 is '" (first) "', " (labels.len()) " is '" (last) "'. Spreiding: hoe ver de antwoorden uit elkaar liggen (0 is: iedereen hetzelfde)." }
        }
    }
}

/// What the reflection view shows of one item.
pub struct ItemView<'a> {
    pub summary: Option<&'a ScaleSummary>,
    /// The actions of the item's action plan, by status.
    pub actions: Option<&'a ActionSummary>,
    /// Per text question: the question and how many answered it. The
    /// answers themselves are drawn when the reader opens the question
    /// ([`texts`]): thousands of them would make a slow page.
    pub texts: Vec<(&'a QuestionDef, usize)>,
}

/// Where the answers of a question go when it is opened.
pub const TEXTS_SUMMARY: &str = "details[data-texts] > summary";
/// Text answers drawn at a time.
pub const TEXTS_PAGE: usize = 100;

/// The answers to one question, the first `shown` of them, and a button
/// for more.
pub fn texts(answers: &[TextAnswer], shown: usize, key: &str) -> Markup {
    let shown = shown.min(answers.len());
    html! {
        @if answers.is_empty() {
            p { "Nog geen antwoorden." }
        }
        ul {
            @for a in &answers[..shown] {
                li {
                    p.zb-texts__text { (a.text) }
                    p.zb-texts__from { (a.school.as_deref().unwrap_or("School niet genoemd")) ", " (a.updated.dutch()) }
                }
            }
        }
        @if shown < answers.len() {
            button type="button" class="zb-button zb-button--secondary" data-action=(Action::MoreTexts) data-key=(key) data-shown=(shown) {
                "Meer antwoorden tonen (" (shown) " van " (answers.len()) ")"
            }
        }
    }
}

/// How the actions of an item's plan are named in tables and the CSV.
pub const ACTIONS_QUESTION: &str = "Acties in het actieplan";

/// An item's actions across the reflections that have any, by status.
fn action_counts(title: &str, a: &ActionSummary) -> Markup {
    html! {
        h4 { (ACTIONS_QUESTION) " " span.zb-summary-item__n { "(" (plural(a.n, "reflectie met acties", "reflecties met acties")) ")" } }
        div.zb-table-scroll role="region" aria-label={ (title) ": " (ACTIONS_QUESTION) } tabindex="0" {
            table class="zb-table zb-table--figures" {
                caption.zb-visually-hidden { (title) ": " (ACTIONS_QUESTION) }
                thead { tr { @for s in Status::ALL { th scope="col" { (s.label()) } } } }
                tbody {
                    tr {
                        @for s in Status::ALL {
                            td { (shown_count(&a.counts.map(|c| c.get(s)))) }
                        }
                    }
                }
            }
        }
    }
}

/// The reflections on one instrument: strongest and weakest items, then
/// per item the distribution and every text answer.
pub fn reflections(
    instrument: &Instrument,
    n: usize,
    other_versions: bool,
    strongest: &[&ScaleSummary],
    weakest: &[&ScaleSummary],
    items: &[ItemView<'_>],
) -> Markup {
    let title = |id: &str| {
        instrument
            .item(id)
            .map_or(id.to_owned(), |i| instruments::shown(&i.title).to_owned())
    };
    if n == 0 {
        return html! {
            h2 { (instruments::shown(&instrument.def().short_title)) }
            p.zb-notice { "Geen reflecties met deze keuze. Kies bij de filters bijvoorbeeld een ander schooljaar of 'Alle'." }
        };
    }
    html! {
        h2 { (instruments::shown(&instrument.def().short_title)) ": " (plural(n, "reflectie", "reflecties")) }
        @if other_versions {
            p.zb-notice { "Let op: een deel van deze reflecties is gegeven bij een andere versie van de tekst van de handreiking. Ze zijn samen geteld." }
        }
        @if n < MIN_GROUP {
            p.zb-notice { "Er zijn minder dan " (MIN_GROUP) " reflecties met deze filters. Cijfers tonen we daarom niet; de teksten wel, zoals ze gedeeld zijn." }
        }
        @if !strongest.is_empty() {
            div.zb-extremes {
                div {
                    h3 { "Sterkste onderdelen" }
                    ol { @for s in strongest { li { (title(&s.item)) " (gemiddeld " (shown_decimal(&s.mean)) ")" } } }
                }
                div {
                    h3 { "Onderdelen met de meeste ruimte om te groeien" }
                    ol { @for s in weakest { li { (title(&s.item)) " (gemiddeld " (shown_decimal(&s.mean)) ")" } } }
                }
            }
        }
        @for (item, view) in instrument.items().zip(items) {
            section.zb-summary-item {
                h3 { (instruments::shown(&item.title)) }
                @for q in instrument.questions(item) {
                    @if let (Some(scale), Some(s)) = (scale_of(instrument, q), view.summary.filter(|s| s.question == q.id.as_ref())) {
                        h4 { (instruments::shown(&q.text)) " " span.zb-summary-item__n { "(" (plural(s.n, "antwoord", "antwoorden")) ")" } }
                        (distribution(scale, s, &format!("{}: {}", item.title, q.text)))
                    }
                }
                @if let Some(a) = view.actions.filter(|a| a.n > 0) {
                    (action_counts(&item.title, a))
                }
                @for (q, count) in &view.texts {
                    details.zb-texts data-texts=(zichtbaar_core::instrument::answer_key(&item.id, &q.id)) {
                        // The explanation beside a rating goes by its own label.
                        summary {
                            (instruments::shown(q.text_label.as_deref().filter(|_| q.scale.is_some()).unwrap_or(&q.text)))
                            " (" (plural(*count, "antwoord", "antwoorden")) ")"
                        }
                        div.zb-texts__list {}
                    }
                }
            }
        }
    }
}

/// The Routekaart: per theme and onderwerp, each action with how many
/// schools have it not yet, underway or done, and the change since the
/// school year before.
pub fn routekaart(
    instrument: &Instrument,
    year: Option<SchoolYear>,
    n: usize,
    now: &[ScaleSummary],
    before: Option<&[ScaleSummary]>,
) -> Markup {
    let previous = |s: &ScaleSummary| {
        before?
            .iter()
            .find(|b| b.item == s.item && b.question == s.question)
    };
    let find = |item: &str, q: &str| now.iter().find(|s| s.item == item && s.question == q);
    if n == 0 {
        return html! {
            h2 { (instruments::shown(&instrument.def().short_title)) }
            p.zb-notice { "Geen plannen van aanpak met deze keuze. Kies bij de filters bijvoorbeeld een ander schooljaar." }
        };
    }
    html! {
        h2 { (instruments::shown(&instrument.def().short_title)) ": " (plural(n, "plan van aanpak", "plannen van aanpak")) @if let Some(y) = year { " in " (y) } }
        @if year.is_none() {
            p.zb-hint { "Kies een schooljaar om de verandering ten opzichte van het jaar ervoor te zien." }
        }
        @for section in instrument.def().sections.iter() {
            section.zb-summary-item {
                h3 { (instruments::shown(&section.title)) }
                @for item in section.items.iter() {
                    h4 { (instruments::shown(&item.title)) }
                    div class="zb-table-scroll" role="region" aria-label=(item.title) tabindex="0" {
                        table.zb-table.zb-table--figures {
                            thead { tr {
                                th scope="col" { "Actie" }
                                @if let Some(scale) = instrument.questions(item).find_map(|q| scale_of(instrument, q)) {
                                    @for o in scale.options.iter() { th scope="col" { (instruments::shown(&o.label)) } }
                                }
                                th scope="col" { "Verandering sinds vorig jaar" }
                            } }
                            tbody {
                                @for q in instrument.questions(item).filter(|q| q.scale.is_some()) {
                                    @if let Some(s) = find(&item.id, &q.id) {
                                        tr {
                                            th scope="row" { (instruments::shown(&q.text)) }
                                            @match &s.counts {
                                                Shown::Value(c) => { @for x in c { td { (x) } } }
                                                Shown::TooFew => { @for _ in 0..scale_of(instrument, q).map_or(0, |s| s.options.len()) { td { (TOO_FEW) } } }
                                            }
                                            td { (change_text(s, previous(s), scale_of(instrument, q))) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The share of each answer now against the year before, where it moved:
/// "Klaar 20% → 35%". Shares, not counts: next year more or fewer schools
/// may have shared.
pub fn change_text(
    now: &ScaleSummary,
    before: Option<&ScaleSummary>,
    scale: Option<&ScaleDef>,
) -> String {
    let (Some(before), Some(scale)) = (before, scale) else {
        return "niet te vergelijken".to_owned();
    };
    let (Shown::Value(a), Shown::Value(b)) = (&now.counts, &before.counts) else {
        return "niet te vergelijken".to_owned();
    };
    if collection::change(now, before).is_none() {
        return "niet te vergelijken".to_owned();
    }
    let share = |c: &[usize], i: usize| {
        let total: usize = c.iter().sum();
        (c[i] * 100 + total / 2).checked_div(total).unwrap_or(0)
    };
    let parts: Vec<String> = scale
        .options
        .iter()
        .enumerate()
        .filter(|(i, _)| share(a, *i) != share(b, *i))
        .map(|(i, o)| format!("{} {}% → {}%", o.label, share(b, i), share(a, i)))
        .collect();
    let sizes = format!(
        " (vorig jaar {}, nu {})",
        b.iter().sum::<usize>(),
        a.iter().sum::<usize>()
    );
    if parts.is_empty() {
        format!("gelijk{sizes}")
    } else {
        format!("{}{sizes}", parts.join(", "))
    }
}

/// When nothing has been imported yet.
pub fn empty() -> Markup {
    html! {
        p.zb-notice { "Er zijn nog geen bestanden ingelezen. Voeg hierboven de bestanden toe die scholen met je hebben gedeeld." }
    }
}

/// One colleague's action, in full.
fn action_line(a: &PlanAction) -> Markup {
    let or = |text: &'_ str, empty: &'static str| -> String {
        if text.trim().is_empty() {
            empty.to_owned()
        } else {
            text.to_owned()
        }
    };
    html! {
        strong { (or(&a.what, "(zonder omschrijving)")) }
        br;
        "Wie: " (or(&a.who, "nog niet gekozen"))
        " · klaar in: " (a.due.map_or_else(|| "nog geen datum".to_owned(), |d| d.dutch()))
        " · " (a.status.label())
        @if let Some(year) = a.carried_from { " · uit " (year) }
    }
}

/// The team view: per item that a colleague said something about, a table
/// with a column per colleague, their answers and their actions in full;
/// the items nobody answered in one line. `to_swv` counts the reflections
/// on screen that were shared with the SWV, which this view leaves out.
pub fn team(instrument: &Instrument, v: &TeamView<'_>, to_swv: usize) -> Markup {
    let names: Vec<&str> = v.colleagues.iter().map(|c| c.name.as_str()).collect();
    html! {
        h2 { "Reflecties van collega's naast elkaar" }
        @if v.colleagues.is_empty() {
            p { "Er is nog geen reflectie ingelezen die een collega met het team heeft gedeeld. Een collega kiest daarvoor bij het delen: 'Met een collega of je teamleider'." }
        } @else {
            p {
                (plural(names.len(), "collega", "collega's")) ": " (names.join(", ")) ". "
                "Je ziet hun antwoorden en acties helemaal: ze deelden hun reflectie met jou, om samen te bespreken."
            }
            @for ti in &v.items {
                @let title = instruments::shown(&ti.item.title);
                section.zb-team__item {
                    h3 { (title) }
                    div.zb-table-scroll role="region" aria-label={ (title) ": per collega" } tabindex="0" {
                        table class="zb-table zb-team__table" {
                            caption.zb-visually-hidden { (title) ": antwoorden en acties per collega" }
                            thead {
                                tr {
                                    th scope="col" { "Vraag" }
                                    @for c in &v.colleagues { th scope="col" { (c.name) } }
                                }
                            }
                            tbody {
                                @for row in &ti.rows {
                                    @let scale = row.question.scale.as_deref().and_then(|x| instrument.scale(x));
                                    tr {
                                        th scope="row" { (instruments::shown(&row.question.text)) }
                                        @for answer in &row.answers {
                                            td {
                                                @match answer {
                                                    Some(a) => {
                                                        @if let Some(label) = scale.zip(a.scale.as_deref()).and_then(|(s, id)| s.label_of(id)) {
                                                            strong { (instruments::shown(label)) }
                                                        }
                                                        @if !a.text.trim().is_empty() { p.zb-team__text { (a.text) } }
                                                    }
                                                    None => span.zb-team__none { "Geen antwoord" },
                                                }
                                            }
                                        }
                                    }
                                }
                                @if ti.actions.iter().any(|list| !list.is_empty()) {
                                    tr {
                                        th scope="row" { (ACTIONS_QUESTION) }
                                        @for list in &ti.actions {
                                            td {
                                                @if list.is_empty() {
                                                    span.zb-team__none { "Geen acties" }
                                                } @else {
                                                    ul.zb-team__actions { @for a in list.iter() { li { (action_line(a)) } } }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !v.unanswered.is_empty() {
                p.zb-team__unanswered {
                    "Niemand vulde in (" (v.unanswered.len()) "): "
                    (v.unanswered.iter().map(|i| instruments::shown(&i.title)).collect::<Vec<_>>().join(", ")) "."
                }
            }
        }
        @if to_swv > 0 {
            p.zb-hint {
                (plural(to_swv, "reflectie is", "reflecties zijn")) " met het samenwerkingsverband gedeeld, niet met het team. "
                (if to_swv == 1 { "Die staat" } else { "Die staan" }) " onder 'Reflecties', alleen in cijfers en als losse antwoorden."
            }
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_view_fits_what_was_read_until_one_is_chosen() {
        use Came::{Receipt, Reflection, TeamShare};
        // Five colleagues' reflections shared with their team leader: the team view.
        assert_eq!(Show::Reflectie.fitting([TeamShare; 5]), Show::Team);
        assert_eq!(Show::Ontvangst.fitting([TeamShare]), Show::Team);
        // Some shared with the SWV too: the reflection figures.
        assert_eq!(Show::Team.fitting([TeamShare, Reflection]), Show::Reflectie);
        assert_eq!(
            Show::Routekaart.fitting([TeamShare, Reflection]),
            Show::Routekaart
        );
        // 14 receipts and nothing else: the receipts, not the reflection figures.
        assert_eq!(Show::Reflectie.fitting([Receipt; 14]), Show::Ontvangst);
        assert_eq!(Show::Routekaart.fitting([Receipt]), Show::Ontvangst);
        assert_eq!(
            Show::Ontvangst.fitting([Reflection, Reflection]),
            Show::Reflectie
        );
        // Reflections only: the Routekaart view stays as it is.
        assert_eq!(Show::Routekaart.fitting([Reflection]), Show::Routekaart);
        // Both kinds, or nothing yet: whatever was on screen.
        assert_eq!(
            Show::Reflectie.fitting([Receipt, Reflection]),
            Show::Reflectie
        );
        assert_eq!(
            Show::Ontvangst.fitting([Receipt, Reflection]),
            Show::Ontvangst
        );
        assert_eq!(Show::Reflectie.fitting([]), Show::Reflectie);
    }

    use super::*;
    use crate::html::attr_values;

    #[test]
    fn the_team_view_has_a_labelled_column_per_colleague_and_escapes_their_words() {
        let text = include_str!("../../../docs/examples/export-team-reflection.json");
        let (mut records, problems) = zichtbaar_core::import::read(text);
        assert!(problems.is_empty());
        let mut other = records[0].clone();
        other.team = Some(zichtbaar_core::export::Team::named("<b>Bram</b>"));
        other.actions = None;
        records.push(other);
        let instrument = crate::instruments::default().unwrap();
        let v = zichtbaar_core::team::view(instrument, &records);
        let html = team(instrument, &v, 2).into_string();
        // Columns: the question, then each colleague by name.
        assert!(html.contains("<th scope=\"col\">Vraag</th><th scope=\"col\">Anna (wiskunde)</th><th scope=\"col\">&lt;b&gt;Bram&lt;/b&gt;</th>"));
        assert!(!html.contains("<b>Bram"));
        // Every table scrolls in a named region, and rows are headed.
        assert_eq!(html.matches("role=\"region\"").count(), v.items.len());
        assert!(html.contains("<th scope=\"row\">Acties in het actieplan</th>"));
        assert!(html.contains("<span class=\"zb-team__none\">Geen acties</span>"));
        assert!(html.contains("2 reflecties zijn met het samenwerkingsverband gedeeld"));
        let nobody =
            team(instrument, &zichtbaar_core::team::view(instrument, &[]), 0).into_string();
        assert!(nobody.contains(
            "Er is nog geen reflectie ingelezen die een collega met het team heeft gedeeld."
        ));
    }

    fn summary(counts: Shown<Vec<usize>>, n: usize, differs: bool) -> ScaleSummary {
        let mean = if n >= MIN_GROUP {
            Shown::Value(2.45)
        } else {
            Shown::TooFew
        };
        ScaleSummary {
            item: "mentoraat".into(),
            question: "waar-staan-wij".into(),
            n,
            counts,
            unknown: if n >= MIN_GROUP {
                Shown::Value(1)
            } else {
                Shown::TooFew
            },
            mean: mean.clone(),
            spread: mean,
            differs_widely: differs,
        }
    }

    fn scale() -> &'static ScaleDef {
        let handreiking = &crate::instruments::all()[0];
        handreiking.scale("ontwikkeling").unwrap()
    }

    #[test]
    fn decimals_are_written_the_dutch_way_without_float_formatting() {
        assert_eq!(decimal(2.45), "2,5");
        assert_eq!(decimal(1.0), "1,0");
        assert_eq!(decimal(-0.04), "0,0");
        assert_eq!(decimal(-1.26), "-1,3");
    }

    #[test]
    fn a_distribution_over_five_or_more_has_a_chart_a_table_and_its_legend() {
        let s = summary(Shown::Value(vec![1, 2, 0, 3]), 7, true);
        let html = distribution(scale(), &s, "Mentoraat").into_string();
        assert!(html.contains("<svg"), "{html}");
        assert!(html.contains("aria-hidden=\"true\""));
        assert!(html.contains("Hier lopen de antwoorden ver uiteen."));
        assert!(html.contains("<td>2,5</td>"));
        assert!(html.contains("Gemiddeld: 1 is 'Nog niet zichtbaar', 4 is 'Geborgd'."));
        assert_eq!(html.matches("<th scope=\"col\">").count(), 7);
    }

    #[test]
    fn under_five_there_are_no_figures_at_all() {
        let s = summary(Shown::TooFew, 4, false);
        let html = distribution(scale(), &s, "Mentoraat").into_string();
        assert!(!html.contains("<svg"));
        assert_eq!(html.matches(&format!("<td>{TOO_FEW}</td>")).count(), 5);
        assert_eq!(html.matches("te weinig antwoorden").count(), 2);
        assert!(!html.contains("ver uiteen"));
    }

    #[test]
    fn the_change_since_last_year_is_told_in_shares_with_both_group_sizes() {
        let actiestatus = crate::instruments::all()[1].scale("actiestatus").unwrap();
        let now = summary(Shown::Value(vec![1, 1, 2]), 8, false);
        let before = summary(Shown::Value(vec![2, 1, 1]), 8, false);
        assert_eq!(
            change_text(&now, Some(&before), Some(actiestatus)),
            "Nog niet 50% → 25%, Klaar 25% → 50% (vorig jaar 4, nu 4)"
        );
        assert_eq!(
            change_text(&now, None, Some(actiestatus)),
            "niet te vergelijken"
        );
        let hidden = summary(Shown::TooFew, 3, false);
        assert_eq!(
            change_text(&now, Some(&hidden), Some(actiestatus)),
            "niet te vergelijken"
        );
    }

    #[test]
    fn every_file_has_a_labelled_remove_button_and_names_are_escaped() {
        let rows = vec![
            FileRow {
                key: 1.0,
                name: "<b>school</b>.json".into(),
                records: 3,
                problems: vec!["Onderdeel 2 is beschadigd.".into()],
            },
            FileRow {
                key: 2.0,
                name: "b.json".into(),
                records: 1,
                problems: Vec::new(),
            },
        ];
        // Four records in the files, three of them different.
        let html = files(&rows, 3, false).into_string();
        assert!(html.contains("aria-label=\"&lt;b&gt;school&lt;/b&gt;.json verwijderen\""));
        assert!(!html.contains("<b>school"));
        assert_eq!(attr_values(&html, "data-key"), ["1", "2"]);
        assert!(html.contains("2 bestanden, samen 3 verschillende reflecties en bevestigingen"));
        assert!(html.contains("In de bestanden staan er 4."));
        assert!(!files(&rows, 4, false)
            .into_string()
            .contains("In de bestanden staan er"));
        let asking = files(&rows, 2, true).into_string();
        assert!(asking.contains("Ja, alles wissen") && asking.contains("Nee, bewaren"));
        assert!(files(&[], 0, false).into_string().is_empty());
    }

    #[test]
    fn every_filter_is_labelled_and_years_are_read_one_at_a_time_outside_receipts() {
        let facets = Facets {
            instruments: vec![("ondersteuningsstructuur".into(), 3)],
            school_years: vec![
                (SchoolYear::starting(2026), 2),
                (SchoolYear::starting(2025), 1),
            ],
            kinds: Vec::new(),
            perspectives: vec![(Perspective::Team, 3)],
            schools: vec![("De \"Brug\"".into(), 1)],
        };
        let instruments: Vec<&'static Instrument> = crate::instruments::all().iter().collect();
        let filter = Filter::default();
        for show in [Show::Ontvangst, Show::Reflectie, Show::Routekaart] {
            let c = Choices {
                facets: &facets,
                filter: &filter,
                show,
                instruments: &instruments,
            };
            let html = controls(&c).into_string();
            let ids = attr_values(&html, "id");
            let unique: std::collections::BTreeSet<_> = ids.iter().collect();
            assert_eq!(unique.len(), ids.len());
            for select in ids
                .iter()
                .filter(|i| i.starts_with("c-") && !i.starts_with("c-view"))
            {
                assert!(
                    html.contains(&format!("for=\"{select}\"")),
                    "{select} has no label"
                );
            }
            assert!(html.contains("De &quot;Brug&quot; (1)"));
            let year_select = html
                .split("id=\"c-year\"")
                .nth(1)
                .and_then(|rest| rest.split("</select>").next())
                .unwrap_or("");
            let all_years = year_select.contains(">Alle<");
            assert_eq!(all_years, show == Show::Ontvangst, "{show:?}");
            assert_eq!(html.contains("c-perspective"), show != Show::Ontvangst);
        }
    }
}
