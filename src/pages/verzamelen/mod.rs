//! `/verzamelen`: reading many shared exports together, in the browser.
//!
//! For the SWV across schools, and for a team leader across colleagues.
//! Files come in through a file picker, a folder picker or drag and drop;
//! each is read in slices with a pause in between (a big file must not
//! freeze the tab), and kept in IndexedDB through
//! `crate::storage::collection`, so the collection survives a reload and
//! works offline. What is on screen is computed by
//! `zichtbaar_core::collection` from the newest revision of every record:
//! the same export imported twice counts once.
//!
//! The query string chooses the first view and filters, so a link can open
//! it ready to read: `weergave` (`ontvangst`, `reflectie`, `routekaart`),
//! `instrument`, `jaar`, `voor`.

pub(crate) mod markup;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use zichtbaar_core::collection::{self, Filter};
use zichtbaar_core::csv::{self, Cell};
use zichtbaar_core::export::ExportRecord;
use zichtbaar_core::import::{self, ImportProblem};
use zichtbaar_core::instrument::answer_key;
use zichtbaar_core::mail;
use zichtbaar_core::plan::Status;
use zichtbaar_core::stored::{self, CollectedFile};
use zichtbaar_core::{team, Instrument, Kind, Perspective, RecordId, SchoolYear};

use self::markup::{plural, Action, Came, Field, FileRow, Show};
use crate::html::{html, Markup, Name};
use crate::route::{query_string, Router};
use crate::storage::{self, collection as shelf};
use crate::{dom, files, instruments, platform};

/// Files larger than this are refused with a message: a shared export is
/// a few kilobytes; this leaves room for a file holding thousands.
const MAX_FILE_BYTES: f64 = 60_000_000.0;
/// Files read at the same time, and their bytes at most (one file may be
/// more); the first groups, before any size is known, are smaller.
const READ_GROUP: usize = 64;
const FIRST_GROUP: usize = 16;
const READ_GROUP_BYTES: f64 = 8_000_000.0;
/// Groups being read while one is worked on.
const READ_AHEAD: usize = 4;
/// Stored files are written together up to about this many bytes.
const WRITE_BATCH_BYTES: usize = 8_000_000;

/// How pasted mail text is named in the list of files: "Geplakte tekst 2,
/// 7 december 2026".
const PASTED: &str = "Geplakte tekst";

struct Held {
    key: f64,
    file: CollectedFile,
}

struct State {
    files: Vec<Held>,
    filter: Filter,
    show: Show,
    /// Whether the view was chosen (in the address, or by a click); until
    /// then the page shows the view that fits what was read.
    view_chosen: bool,
    list_text: String,
    asking_to_clear: bool,
    busy: bool,
}

/// The newest revision of every record, over all `files`.
fn newest(files: &[Held]) -> Vec<&ExportRecord> {
    let mut by_id: BTreeMap<&RecordId, &ExportRecord> = BTreeMap::new();
    for held in files {
        for r in &held.file.records {
            match by_id.get(&r.id) {
                Some(kept) if kept.revision >= r.revision => {}
                _ => {
                    by_id.insert(&r.id, r);
                }
            }
        }
    }
    by_id.into_values().collect()
}

impl State {
    /// The newest revision of every record, over all files.
    fn newest(&self) -> Vec<&ExportRecord> {
        newest(&self.files)
    }

    fn rows(&self) -> Vec<FileRow> {
        self.files
            .iter()
            .map(|h| FileRow {
                key: h.key,
                name: h.file.name.clone(),
                records: h.file.records.len(),
                problems: h.file.problems.clone(),
            })
            .collect()
    }
}

fn instrument_of(id: &str) -> Option<&'static Instrument> {
    instruments::by_id(id)
}

/// The instrument a view reads: the filter's, or the first one that has
/// records of `kind`... falling back on the first bundled one of the right
/// shape.
fn view_instrument(
    filter: &Filter,
    records: &[&ExportRecord],
    routekaart: bool,
) -> Option<&'static Instrument> {
    if let Some(i) = filter.instrument.as_deref().and_then(instrument_of) {
        return Some(i);
    }
    let wanted = |i: &Instrument| (i.def().receipt.is_none()) == routekaart;
    records
        .iter()
        .filter_map(|r| instrument_of(&r.instrument.id))
        .find(|i| wanted(i))
        .or_else(|| instruments::all().iter().find(|i| wanted(i)))
}

fn problem_text(p: &ImportProblem) -> String {
    match p {
        ImportProblem::NotAnExport(why) if why.contains(zichtbaar_core::backup::BACKUP_FORMAT) => {
            "Dit is een reservekopie, geen gedeeld bestand. Een reservekopie is alleen voor wie hem maakte.".to_owned()
        }
        ImportProblem::NotAnExport(_) => {
            "Dit is geen bestand dat Zichtbaar heeft gemaakt om te delen.".to_owned()
        }
        ImportProblem::NewerFormat(v) => format!(
            "Dit bestand is gemaakt met een nieuwere versie van Zichtbaar (formaat {v}). Laad deze pagina opnieuw voor de nieuwste versie en probeer het nog eens."
        ),
        ImportProblem::BadRecord { index, .. } => format!(
            "Onderdeel {} is beschadigd en is overgeslagen.",
            index + 1
        ),
    }
}

fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// The filter as applied: the reflections and the Routekaart are read one
/// school year at a time (the newest, unless another is chosen), so that
/// figures of different years are not mixed, and a small group of one year
/// cannot be worked out by comparing "all years" with another year.
fn effective(s: &State, all: &[&ExportRecord]) -> Filter {
    match s.show {
        Show::Ontvangst => s.filter.clone(),
        Show::Reflectie | Show::Routekaart | Show::Team => s.filter.one_year(all.iter().copied()),
    }
}

/// The filter as applied, and the records it chooses from `all`.
fn chosen<'a>(s: &State, all: &[&'a ExportRecord]) -> (Filter, Vec<&'a ExportRecord>) {
    let filter = effective(s, all);
    let chosen = all.iter().copied().filter(|r| filter.matches(r)).collect();
    (filter, chosen)
}

/// The records of the view's kind that the filters choose: receipts in
/// "Ontvangst", reflections shared with a team in "Team", reflections in
/// the other two.
fn in_view(show: Show, chosen: &[&ExportRecord]) -> usize {
    chosen
        .iter()
        .filter(|r| match show {
            Show::Ontvangst => r.kind == Kind::Receipt,
            Show::Reflectie | Show::Routekaart => r.kind == Kind::Reflection,
            Show::Team => team::is_team_share(r),
        })
        .count()
}

/// Everything below the file list, and how many records the view reads.
fn results(s: &State, all: &[&ExportRecord]) -> (Markup, usize) {
    if all.is_empty() {
        return (markup::empty(), 0);
    }
    let (filter, chosen) = chosen(s, all);
    let facets = collection::facets(all.iter().copied());
    let choices = markup::Choices {
        facets: &facets,
        filter: &filter,
        show: s.show,
        instruments: &instruments::all().iter().collect::<Vec<_>>(),
    };
    let view = match s.show {
        Show::Ontvangst => {
            let (overview, list, unread) = receipts_of(s, &chosen);
            markup::receipts(&overview, &s.list_text, &unread, list.len())
        }
        Show::Reflectie => reflection_view(&filter, &chosen),
        Show::Routekaart => routekaart_view(&filter, all, &chosen),
        Show::Team => team_view(&filter, &chosen),
    };
    let markup = html! {
        (markup::controls(&choices))
        div.zb-report { (view) }
    };
    (markup, in_view(s.show, &chosen))
}

/// The receipts among `chosen`, against the SWV's list of schools: the
/// overview, the list as read, and the lines of it that could not be read.
fn receipts_of(
    s: &State,
    chosen: &[&ExportRecord],
) -> (
    collection::ReceiptOverview,
    Vec<collection::ListedSchool>,
    Vec<usize>,
) {
    let (list, unread) = collection::school_list(&s.list_text);
    let receipts = chosen.iter().copied().filter(|r| r.kind == Kind::Receipt);
    (collection::receipts(receipts, &list), list, unread)
}

/// The reflections on `instrument` among `records`.
fn reflections_on<'a>(
    records: &[&'a ExportRecord],
    instrument: &Instrument,
) -> Vec<&'a ExportRecord> {
    records
        .iter()
        .copied()
        .filter(|r| r.kind == Kind::Reflection && r.instrument.id == instrument.id())
        .collect()
}

fn reflection_view(filter: &Filter, chosen: &[&ExportRecord]) -> Markup {
    let Some(instrument) = view_instrument(filter, chosen, false) else {
        return markup::empty();
    };
    let records = reflections_on(chosen, instrument);
    let summaries = collection::scale_summaries(instrument, records.iter().copied());
    let first_scale = summaries
        .first()
        .map(|s| s.question.clone())
        .unwrap_or_default();
    let (strongest, weakest) = collection::strongest_and_weakest(&summaries, &first_scale, 3);
    // How many answered each question in writing, in one pass over the
    // records (not one per question: thousands of records, dozens of questions).
    let mut written: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for r in &records {
        for (key, a) in r.answers.iter().flatten() {
            if !a.text.trim().is_empty() {
                *written.entry(key.as_str()).or_default() += 1;
            }
        }
    }
    let actions = collection::action_summaries(instrument, records.iter().copied());
    let items: Vec<markup::ItemView<'_>> = instrument
        .items()
        .map(|item| markup::ItemView {
            summary: summaries.iter().find(|s| s.item == item.id.as_ref()),
            actions: actions.iter().find(|a| a.item == item.id.as_ref()),
            texts: instrument
                .questions(item)
                .filter(|q| q.text_answer)
                .map(|q| {
                    let key = answer_key(&item.id, &q.id);
                    (q, written.get(key.as_str()).copied().unwrap_or(0))
                })
                .collect(),
        })
        .collect();
    // Answers given to another version of the text are counted together;
    // say so, so the reader can filter the files.
    let versions = records
        .iter()
        .any(|r| r.instrument.digest != instrument.digest());
    markup::reflections(
        instrument,
        records.len(),
        versions,
        &strongest,
        &weakest,
        &items,
    )
}

/// Colleagues' reflections shared with the team, side by side.
fn team_view(filter: &Filter, chosen: &[&ExportRecord]) -> Markup {
    let Some(instrument) = view_instrument(filter, chosen, false) else {
        return markup::empty();
    };
    let records = reflections_on(chosen, instrument);
    let to_swv = records.iter().filter(|r| !team::is_team_share(r)).count();
    markup::team(
        instrument,
        &team::view(instrument, records.iter().copied()),
        to_swv,
    )
}

fn routekaart_view(filter: &Filter, all: &[&ExportRecord], chosen: &[&ExportRecord]) -> Markup {
    let Some(instrument) = view_instrument(filter, chosen, true) else {
        return markup::empty();
    };
    let now = reflections_on(chosen, instrument);
    let summaries = collection::scale_summaries(instrument, now.iter().copied());
    // The year before, with the same filters otherwise.
    let before = filter.school_year.map(|y| {
        let earlier = Filter {
            school_year: Some(y.previous()),
            ..filter.clone()
        };
        let records: Vec<&ExportRecord> = reflections_on(all, instrument)
            .into_iter()
            .filter(|r| earlier.matches(r))
            .collect();
        collection::scale_summaries(instrument, records.iter().copied())
    });
    markup::routekaart(
        instrument,
        filter.school_year,
        now.len(),
        &summaries,
        before.as_deref(),
    )
}

/// The text answers to `key` ("item/question") in the reflections on
/// screen, the first `shown` of them.
fn texts_of(s: &State, key: &str, shown: usize) -> Markup {
    let all = s.newest();
    let (filter, chosen) = chosen(s, &all);
    let Some(instrument) = view_instrument(&filter, &chosen, s.show == Show::Routekaart) else {
        return html! {};
    };
    let (item, question) = key.split_once('/').unwrap_or((key, ""));
    let records = reflections_on(&chosen, instrument);
    markup::texts(
        &collection::texts(records.iter().copied(), item, question),
        shown,
        key,
    )
}

/// The figures on screen as a table, for the CSV download.
fn csv_rows(s: &State) -> Vec<Vec<Cell>> {
    let t = |x: &str| Cell::Text(x.to_owned());
    let all = s.newest();
    let (filter, chosen) = chosen(s, &all);
    let count = |c: &collection::Shown<usize>| match c {
        collection::Shown::Value(n) => Cell::Number(*n as i64),
        collection::Shown::TooFew => t(markup::TOO_FEW),
    };
    let dec = |c: &collection::Shown<f64>| match c {
        collection::Shown::Value(x) => Cell::Decimal(*x),
        collection::Shown::TooFew => t(markup::TOO_FEW),
    };
    match s.show {
        Show::Ontvangst => {
            let (o, _, _) = receipts_of(s, &chosen);
            let mut rows = vec![[
                "School",
                "BRIN",
                "Rol",
                "Datum",
                "Ontvangen",
                "Gedeeld met collega's",
                "Reactie",
                "Wensen",
            ]
            .map(t)
            .to_vec()];
            for r in &o.rows {
                rows.push(vec![
                    t(&r.school.name),
                    t(&r.school.brin),
                    t(r.role.map_or("", |x| x.label())),
                    t(&r.updated.to_string()),
                    t(if r.received { "Ja" } else { "Nee" }),
                    t(r.shared.map_or("", |x| x.label())),
                    t(&r.reactions),
                    t(&r.wishes),
                ]);
            }
            for m in &o.missing {
                rows.push(vec![
                    t(&m.name),
                    t(&m.brin),
                    t(""),
                    t(""),
                    t("nog niet bevestigd"),
                ]);
            }
            rows
        }
        Show::Team => team_csv(&filter, &chosen),
        Show::Reflectie | Show::Routekaart => {
            let Some(instrument) = view_instrument(&filter, &chosen, s.show == Show::Routekaart)
            else {
                return Vec::new();
            };
            let records = reflections_on(&chosen, instrument);
            let summaries = collection::scale_summaries(instrument, records.iter().copied());
            let mut rows = vec![vec![
                t("Onderdeel"),
                t("Vraag"),
                t("Antwoorden"),
                t("Antwoord"),
                t("Aantal"),
                t("Gemiddeld"),
                t("Spreiding"),
            ]];
            for sm in &summaries {
                let Some(item) = instrument.item(&sm.item) else {
                    continue;
                };
                let Some(q) = instrument
                    .questions(item)
                    .find(|q| q.id.as_ref() == sm.question)
                else {
                    continue;
                };
                let Some(scale) = q.scale.as_deref().and_then(|x| instrument.scale(x)) else {
                    continue;
                };
                for (i, o) in scale.options.iter().enumerate() {
                    let c = match &sm.counts {
                        collection::Shown::Value(v) => {
                            Cell::Number(v.get(i).copied().unwrap_or(0) as i64)
                        }
                        collection::Shown::TooFew => t(markup::TOO_FEW),
                    };
                    rows.push(vec![
                        t(&item.title),
                        t(&q.text),
                        Cell::Number(sm.n as i64),
                        t(&o.label),
                        c,
                        dec(&sm.mean),
                        dec(&sm.spread),
                    ]);
                }
                if let Some(u) = &scale.unknown {
                    rows.push(vec![
                        t(&item.title),
                        t(&q.text),
                        Cell::Number(sm.n as i64),
                        t(&u.label),
                        count(&sm.unknown),
                        dec(&sm.mean),
                        dec(&sm.spread),
                    ]);
                }
            }
            if s.show == Show::Reflectie {
                for a in collection::action_summaries(instrument, records.iter().copied()) {
                    let Some(item) = instrument.item(&a.item).filter(|_| a.n > 0) else {
                        continue;
                    };
                    for status in Status::ALL {
                        rows.push(vec![
                            t(&item.title),
                            t(markup::ACTIONS_QUESTION),
                            Cell::Number(a.n as i64),
                            t(status.label()),
                            count(&a.counts.map(|c| c.get(status))),
                            t(""),
                            t(""),
                        ]);
                    }
                }
            }
            rows
        }
    }
}

/// The team view as a table: a row per colleague's answer, and per action.
fn team_csv(filter: &Filter, chosen: &[&ExportRecord]) -> Vec<Vec<Cell>> {
    let t = |x: &str| Cell::Text(x.to_owned());
    let Some(instrument) = view_instrument(filter, chosen, false) else {
        return Vec::new();
    };
    let records = reflections_on(chosen, instrument);
    let v = team::view(instrument, records.iter().copied());
    let mut rows = vec![["Onderdeel", "Vraag", "Collega", "Keuze", "Antwoord"]
        .map(t)
        .to_vec()];
    for ti in &v.items {
        for row in &ti.rows {
            let scale = row
                .question
                .scale
                .as_deref()
                .and_then(|x| instrument.scale(x));
            for (c, a) in v.colleagues.iter().zip(&row.answers) {
                let Some(a) = a else { continue };
                let choice = scale
                    .zip(a.scale.as_deref())
                    .and_then(|(s, id)| s.label_of(id));
                rows.push(vec![
                    t(&ti.item.title),
                    t(&row.question.text),
                    t(&c.name),
                    t(choice.unwrap_or("")),
                    t(&a.text),
                ]);
            }
        }
        for (c, list) in v.colleagues.iter().zip(&ti.actions) {
            for a in list.iter() {
                let due = a.due.map_or_else(String::new, |d| d.dutch());
                rows.push(vec![
                    t(&ti.item.title),
                    t(markup::ACTIONS_QUESTION),
                    t(&c.name),
                    t(a.status.label()),
                    t(&format!("{} (wie: {}; klaar in: {due})", a.what, a.who)),
                ]);
            }
        }
    }
    rows
}

/// What is kept of one file, read in slices, and its text for storage
/// (when it holds any record).
async fn collect(
    file: &web_sys::File,
    read: files::Read,
    slices: &mut platform::Slices,
) -> (CollectedFile, Option<String>) {
    let mut out = CollectedFile {
        name: file.name(),
        size: 0,
        imported: platform::today(),
        problems: Vec::new(),
        records: Vec::new(),
    };
    let text = match read {
        files::Read::Text(text, size) => {
            out.size = size;
            text
        }
        files::Read::TooBig(size) => {
            out.size = size as u64;
            out.problems.push(format!(
                "Dit bestand is te groot ({} MB). Een gedeeld bestand van Zichtbaar is meestal kleiner dan 1 MB.",
                (size / 1_000_000.0).round() as u64
            ));
            return (out, None);
        }
        files::Read::Failed => {
            out.problems
                .push("Dit bestand kon niet gelezen worden.".to_owned());
            return (out, None);
        }
    };
    if text.trim().is_empty() {
        out.problems.push("Dit bestand is leeg.".to_owned());
        return (out, None);
    }
    // An export file, or mail: text pasted from mails, or a saved message.
    // A `.json` file is read as an export (and said not to be one when it
    // is not); anything else may be mail.
    let found;
    let is_json = out.name.to_ascii_lowercase().ends_with(".json")
        || text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('{');
    let sources: Vec<&str> = if is_json {
        vec![text.as_str()]
    } else {
        found = mail::exports_in(&text);
        if found.damaged > 0 {
            out.problems.push(format!(
                "{} niet compleet: de e-mail is onderweg afgekapt of veranderd. Vraag de school om opnieuw te versturen, of om het bestand.",
                plural(found.damaged, "bevestiging of reflectie in deze tekst is", "bevestigingen of reflecties in deze tekst zijn")
            ));
        }
        if found.exports.is_empty() {
            if found.damaged == 0 {
                out.problems
                    .push("Hierin staat geen bevestiging of reflectie van Zichtbaar.".to_owned());
            }
            return (out, None);
        }
        found.exports.iter().map(String::as_str).collect()
    };
    let mut raws = Vec::new();
    for source in sources {
        match import::split(source) {
            Ok(more) => raws.extend(more),
            Err(p) => out.problems.push(problem_text(&p)),
        }
    }
    if raws.is_empty() && !out.problems.is_empty() {
        return (out, None);
    }
    let mut bad = 0;
    let mut good = Vec::with_capacity(raws.len());
    for (i, raw) in raws.iter().enumerate() {
        match import::read_record(i, raw) {
            Ok(r) => {
                out.records.push(r);
                good.push(*raw);
            }
            Err(p) => {
                bad += 1;
                // A few reasons are enough; then how many more.
                if bad <= 5 {
                    out.problems.push(problem_text(&p));
                }
            }
        }
        if i % 64 == 63 {
            slices.next().await;
        }
    }
    if bad > 5 {
        out.problems
            .push(format!("En nog {} beschadigde onderdelen.", bad - 5));
    }
    if raws.is_empty() {
        out.problems
            .push("Dit bestand bevat geen reflecties of bevestigingen.".to_owned());
    }
    // Stored as read: writing thousands of records out again costs time.
    let stored = (!good.is_empty()).then(|| {
        stored::encode_file_parts(&out.name, out.size, out.imported, &out.problems, &good)
    });
    (out, stored)
}

/// Puts the view and the filters in the address, so that a reload or a
/// shared link opens the same (the school is left out: names are not
/// written into addresses).
fn remember(router: Router, s: &State) {
    let year = s
        .filter
        .school_year
        .map(|y| y.to_string())
        .unwrap_or_default();
    let query = query_string(&[
        ("weergave", s.show.as_str()),
        ("instrument", s.filter.instrument.as_deref().unwrap_or("")),
        ("jaar", &year),
        ("voor", s.filter.perspective.map_or("", Perspective::as_str)),
    ]);
    router.replace(&format!("verzamelen/{query}"));
}

/// A handle on the page: its state and how to redraw it.
#[derive(Clone)]
struct Page {
    state: Rc<RefCell<State>>,
}

impl Page {
    fn status(&self, markup: &Markup) {
        dom::set_html(markup::STATUS, markup);
    }

    // The DOM is changed only after the state is let go: removing a
    // focused, edited field fires its `change` event on the spot, and that
    // handler needs the state.
    fn draw_files(&self) {
        let markup = {
            let s = self.state.borrow();
            markup::files(&s.rows(), s.newest().len(), s.asking_to_clear)
        };
        dom::set_html(markup::FILES, &markup);
    }

    /// Draws the filters and the view; returns how many records the view
    /// reads (for [`Page::announce`]).
    /// Until a view is chosen, it is first set to the one that fits what
    /// was read. Also returns how many distinct records there are.
    fn draw_results(&self) -> (usize, usize) {
        let (markup, in_view, count) = {
            let mut state = self.state.borrow_mut();
            let s = &mut *state;
            let all = newest(&s.files);
            if !s.view_chosen {
                s.show = s.show.fitting(all.iter().map(|r| Came::of(r)));
            }
            let (markup, in_view) = results(s, &all);
            (markup, in_view, all.len())
        };
        dom::set_html(markup::RESULTS, &markup);
        dom::set_attr(markup::RESULTS, "data-records", Some(&count.to_string()));
        (in_view, count)
    }

    /// Waits for a write, then keeps its files with their keys (or, when it
    /// failed, for this visit only, with the error to show).
    async fn written(
        &self,
        adding: shelf::Adding,
        files: Vec<CollectedFile>,
        failure: &mut Option<storage::StorageError>,
    ) {
        match adding.done().await {
            Ok(keys) => {
                let mut s = self.state.borrow_mut();
                for (file, key) in files.into_iter().zip(keys) {
                    s.files.push(Held { key, file });
                }
            }
            Err(e) => {
                *failure = Some(e);
                self.keep_unstored(files);
            }
        }
    }

    /// Files that could not be stored: on screen until the page closes.
    fn keep_unstored(&self, files: Vec<CollectedFile>) {
        let mut s = self.state.borrow_mut();
        for file in files {
            s.files.push(Held {
                key: f64::NAN,
                file,
            });
        }
    }

    /// Says, in the status line, how many records the view now reads
    /// (`count`, from [`Page::draw_results`]): a screen reader hears what a
    /// filter or view change did.
    fn announce(&self, count: usize) {
        let show = self.state.borrow().show;
        let what = match (show, count) {
            (Show::Ontvangst, 1) => "bevestiging",
            (Show::Ontvangst, _) => "bevestigingen",
            (Show::Team, 1) => "reflectie van een collega",
            (Show::Team, _) => "reflecties van collega's",
            (_, 1) => "reflectie",
            _ => "reflecties",
        };
        self.status(&html! { p { (count) " " (what) " met deze keuze." } });
    }

    async fn import(self, incoming: Incoming) {
        let Incoming {
            files: list,
            skipped,
            unreadable,
        } = incoming;
        // One import at a time, after the collection is loaded: a second
        // one waits its turn.
        while std::mem::replace(&mut self.state.borrow_mut().busy, true) {
            platform::pause().await;
        }
        mark("zb-import-start");
        let before = self.state.borrow().newest().len();
        let total = list.len();
        if total == 0 {
            self.state.borrow_mut().busy = false;
            self.status(&html! {
                p { "Er zat geen bestand bij dat op .json of .eml eindigt. Een hele map kies je met 'Een map kiezen'." }
                @if skipped > 0 { p { (plural(skipped, "bestand is", "bestanden zijn")) " overgeslagen." } }
                @if unreadable > 0 { p { (unreadable_text(unreadable)) } }
            });
            return;
        }
        let mut pending: Vec<(CollectedFile, String)> = Vec::new();
        let mut pending_bytes = 0;
        let mut refused: Vec<(String, Vec<String>)> = Vec::new();
        let mut read = 0;
        let mut done = 0;
        let mut failure = None;
        let mut slices = platform::Slices::new();
        // The next group of files: a few dozen, a few MB, read at the same time.
        // Sizes are not known before reading (see `start_reading`): the
        // first groups are small, the next ones as many files as fit in
        // READ_GROUP_BYTES at the sizes seen so far.
        let mut next = 0;
        let (mut seen_files, mut seen_bytes) = (0, 0.0);
        let take_group = |next: &mut usize, seen_files: usize, seen_bytes: f64| {
            let count = if seen_files == 0 {
                FIRST_GROUP
            } else {
                let average = (seen_bytes / seen_files as f64).max(1.0);
                ((READ_GROUP_BYTES / average) as usize).clamp(1, READ_GROUP)
            };
            let group: Vec<&web_sys::File> =
                list[*next..(*next + count).min(total)].iter().collect();
            *next += group.len();
            group
        };
        // While one group is worked on, the next is read and the last
        // written: the browser does both off the main thread.
        // A few groups are read ahead: the browser reads them in parallel.
        let mut ahead = std::collections::VecDeque::new();
        for _ in 0..READ_AHEAD {
            let group = take_group(&mut next, 0, 0.0);
            if group.is_empty() {
                break;
            }
            let reading = files::start_reading(&group);
            ahead.push_back((group, reading));
        }
        let mut writing: Option<(shelf::Adding, Vec<CollectedFile>)> = None;
        while let Some((group, reading)) = ahead.pop_front() {
            let read_now = files::texts(reading, group.len(), MAX_FILE_BYTES).await;
            for read in &read_now {
                seen_files += 1;
                seen_bytes += match read {
                    files::Read::Text(_, size) => *size as f64,
                    files::Read::TooBig(size) => *size,
                    files::Read::Failed => 0.0,
                };
            }
            let following = take_group(&mut next, seen_files, seen_bytes);
            if !following.is_empty() {
                let reading = files::start_reading(&following);
                ahead.push_back((following, reading));
            }
            for (file, text) in group.iter().zip(read_now) {
                let (collected, stored_text) = collect(file, text, &mut slices).await;
                done += 1;
                match stored_text {
                    Some(text) => {
                        read += collected.records.len();
                        pending_bytes += text.len();
                        pending.push((collected, text));
                    }
                    None => refused.push((collected.name, collected.problems)),
                }
                if slices.due() {
                    self.status(&markup::progress(done, total, read));
                    slices.next().await;
                }
            }
            let last = ahead.is_empty();
            if !pending.is_empty() && (last || pending_bytes > WRITE_BATCH_BYTES) {
                let (files, texts): (Vec<CollectedFile>, Vec<String>) =
                    std::mem::take(&mut pending).into_iter().unzip();
                pending_bytes = 0;
                if let Some((adding, files)) = writing.take() {
                    self.written(adding, files, &mut failure).await;
                }
                match shelf::start_adding(&texts).await {
                    Ok(adding) => writing = Some((adding, files)),
                    Err(e) => {
                        failure = Some(e);
                        self.keep_unstored(files);
                    }
                }
            }
        }
        if let Some((adding, files)) = writing.take() {
            self.written(adding, files, &mut failure).await;
        }
        mark("zb-import-done");
        self.state.borrow_mut().busy = false;
        self.draw_files();
        // Two tasks, not one: the browser draws the list in between.
        platform::pause().await;
        let (_, after) = self.draw_results();
        mark("zb-summary-done");
        self.status(&html! {
            p {
                strong { "Klaar: " }
                (total - refused.len()) " van de " (plural(total, "bestand", "bestanden")) " ingelezen, met " (plural(read, "reflectie of bevestiging", "reflecties en bevestigingen")) "."
                @if read != after.saturating_sub(before) {
                    " Samen met wat er al was, zijn het er nu " (after) " verschillende: wat dubbel kwam of in een oudere versie, telt één keer."
                }
            }
            @if skipped > 0 {
                p { (plural(skipped, "bestand is", "bestanden zijn")) " overgeslagen, omdat de naam niet op .json of .eml eindigt." }
            }
            @if unreadable > 0 { p { (unreadable_text(unreadable)) } }
            @if let Some(e) = &failure {
                p.zb-error { "Niet alles is bewaard: " (e.uitleg()) ". Wat is ingelezen staat nog wel op je scherm, tot je de pagina sluit." }
            }
            @if !refused.is_empty() {
                p { "Deze bestanden konden we niet inlezen:" }
                ul.zb-refused {
                    @for (name, problems) in &refused {
                        li { strong { (name) } ": " (problems.join(" ")) }
                    }
                }
            }
        });
    }
}

/// The files that can be exports, and how many others were left out (a
/// folder holds other files too).
fn unreadable_text(count: usize) -> String {
    format!(
        "{} niet openen.",
        plural(
            count,
            "map of bestand kon de browser",
            "mappen of bestanden kon de browser"
        )
    )
}

/// Files handed to the page: those that can be exports, how many others
/// were left out (a folder holds other files too), and how many dropped
/// files or folders the browser would not open.
struct Incoming {
    files: Vec<web_sys::File>,
    skipped: usize,
    unreadable: usize,
}

impl Incoming {
    fn of(all: Vec<web_sys::File>, unreadable: usize) -> Incoming {
        let count = all.len();
        let files: Vec<web_sys::File> = all
            .into_iter()
            .filter(|f| {
                let name = f.name().to_ascii_lowercase();
                [".json", ".eml"].iter().any(|end| name.ends_with(end))
                    || ["application/json", "message/rfc822"].contains(&f.type_().as_str())
            })
            .collect();
        Incoming {
            skipped: count - files.len(),
            files,
            unreadable,
        }
    }

    fn picked(list: Option<web_sys::FileList>) -> Incoming {
        let all = list.map_or_else(Vec::new, |list| {
            (0..list.length()).filter_map(|i| list.get(i)).collect()
        });
        Incoming::of(all, 0)
    }
}

/// The filters and the view in the address; `Some` view when it names one.
fn initial_filter() -> (Filter, Option<Show>) {
    let location = Router::expect().location();
    location.with_untracked(|l| {
        let show = l
            .param("weergave")
            .and_then(|v| Show::ALL.iter().copied().find(|s| s.as_str() == v));
        let filter = Filter {
            instrument: l
                .param("instrument")
                .filter(|i| instrument_of(i).is_some())
                .map(str::to_owned),
            school_year: l.param("jaar").and_then(|y| y.parse::<SchoolYear>().ok()),
            kind: None,
            perspective: l.param("voor").and_then(Perspective::parse),
            school: None,
        };
        (filter, show)
    })
}

pub fn mount(main: &web_sys::Element) {
    let router = Router::expect();
    dom::draw(main, &markup::page());
    let (filter, show) = initial_filter();
    let page = Page {
        state: Rc::new(RefCell::new(State {
            files: Vec::new(),
            filter,
            show: show.unwrap_or(Show::Reflectie),
            view_chosen: show.is_some(),
            list_text: storage::load_school_list().unwrap_or_default(),
            asking_to_clear: false,
            busy: true,
        })),
    };
    // Read back what was imported before.
    let loading = page.clone();
    spawn_local(async move {
        loading.status(&html! { p { "De verzameling wordt geladen…" } });
        let mut held = Vec::new();
        let result = shelf::load_files(|key, file| held.push(Held { key, file })).await;
        let count = held.len();
        loading.state.borrow_mut().files.extend(held);
        loading.state.borrow_mut().busy = false;
        loading.draw_files();
        loading.draw_results();
        loading.status(&match result {
            Ok(unreadable) if unreadable.is_empty() && count == 0 => html! {},
            Ok(unreadable) => html! {
                p { (plural(count, "bestand", "bestanden")) " uit eerdere keren " (if count == 1 { "staat" } else { "staan" }) " klaar." }
                @if !unreadable.is_empty() {
                    p.zb-notice { (unreadable.len()) " bewaarde bestanden kon deze versie van Zichtbaar niet lezen. Ze zijn niet verwijderd." }
                }
            },
            Err(e) => html! { p.zb-error { "De verzameling kon niet geladen worden: " (e.uitleg()) "." } },
        });
    });

    let on_change = {
        let page = page.clone();
        move |ev: web_sys::Event| {
            let Some(target) = dom::target(&ev) else {
                return;
            };
            if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
                let id = input.id();
                if id == markup::FILE_INPUT.as_str() || id == markup::FOLDER_INPUT.as_str() {
                    let files = Incoming::picked(input.files());
                    input.set_value("");
                    spawn_local(page.clone().import(files));
                    return;
                }
                if id == markup::LIST_INPUT.as_str() {
                    let Some(file) = input.files().and_then(|l| l.get(0)) else {
                        return;
                    };
                    input.set_value("");
                    let page = page.clone();
                    spawn_local(async move {
                        let text = JsFuture::from(file.text())
                            .await
                            .ok()
                            .and_then(|t| t.as_string())
                            .unwrap_or_default();
                        page.state.borrow_mut().list_text = text;
                        let _ = storage::save_school_list(&page.state.borrow().list_text);
                        page.draw_results();
                    });
                    return;
                }
            }
            let Some((field, _)) = dom::named::<Field>(&ev) else {
                return;
            };
            let value = event_target_value(&ev);
            let some = |v: &str| (!v.is_empty()).then(|| v.to_owned());
            {
                let mut s = page.state.borrow_mut();
                let f = &mut s.filter;
                match field {
                    Field::Instrument => f.instrument = some(&value),
                    Field::Year => f.school_year = value.parse().ok(),
                    Field::Perspective => f.perspective = Perspective::parse(&value),
                    Field::School => f.school = some(&value),
                    // Typed into the list: compared on "Vergelijken".
                    Field::List => return,
                }
            }
            remember(router, &page.state.borrow());
            let (count, _) = page.draw_results();
            page.announce(count);
            // The select was drawn anew: keep the user where they were.
            if let Some(id) = target.get_attribute("id") {
                dom::focus_fragment(&id);
            }
        }
    };
    let on_input = {
        let page = page.clone();
        move |ev: web_sys::Event| {
            if let Some((Field::List, _)) = dom::named::<Field>(&ev) {
                let value = event_target_value(&ev);
                let _ = storage::save_school_list(&value);
                page.state.borrow_mut().list_text = value;
            }
        }
    };
    let on_click = {
        let page = page.clone();
        move |ev: web_sys::Event| {
            if let Some((show, button)) = dom::named::<Show>(&ev) {
                {
                    let mut s = page.state.borrow_mut();
                    s.show = show;
                    s.view_chosen = true;
                }
                remember(router, &page.state.borrow());
                let (count, _) = page.draw_results();
                page.announce(count);
                dom::focus_again(&button);
                return;
            }
            // A question's answers, drawn when it is first opened.
            if let Some(summary) =
                dom::target(&ev).and_then(|t| t.closest(markup::TEXTS_SUMMARY).ok().flatten())
            {
                let details = summary.parent_element();
                let list = details.as_ref().and_then(|d| d.last_element_child());
                if let (Some(details), Some(list)) = (details, list) {
                    if list.child_element_count() == 0 {
                        let key = details.get_attribute("data-texts").unwrap_or_default();
                        dom::draw(
                            &list,
                            &texts_of(&page.state.borrow(), &key, markup::TEXTS_PAGE),
                        );
                    }
                }
                return;
            }
            let Some((action, button)) = dom::named::<Action>(&ev) else {
                return;
            };
            match action {
                Action::Remove => {
                    let key: f64 = button
                        .get_attribute("data-key")
                        .and_then(|k| k.parse().ok())
                        .unwrap_or(f64::NAN);
                    let page = page.clone();
                    spawn_local(async move {
                        let result = if key.is_nan() {
                            Ok(())
                        } else {
                            shelf::remove_file(key).await
                        };
                        match result {
                            Ok(()) => {
                                page.state.borrow_mut().files.retain(|h| h.key.to_bits() != key.to_bits());
                                page.draw_files();
                                page.draw_results();
                                page.status(&html! { p { "Het bestand is verwijderd." } });
                                dom::focus(markup::FILES_TITLE);
                            }
                            Err(e) => page.status(&html! { p.zb-error { "Verwijderen lukte niet: " (e.uitleg()) "." } }),
                        }
                    });
                }
                Action::ClearAsk | Action::ClearNo => {
                    page.state.borrow_mut().asking_to_clear = action == Action::ClearAsk;
                    page.draw_files();
                    dom::focus_fragment(if action == Action::ClearAsk {
                        "c-clear-no"
                    } else {
                        "c-clear-ask"
                    });
                }
                Action::ClearYes => {
                    let page = page.clone();
                    spawn_local(async move {
                        match shelf::clear().await {
                            Ok(()) => {
                                {
                                    let mut s = page.state.borrow_mut();
                                    s.files.clear();
                                    s.asking_to_clear = false;
                                }
                                page.draw_files();
                                page.draw_results();
                                page.status(&html! { p { "De verzameling is gewist." } });
                                dom::focus(markup::FILE_INPUT);
                            }
                            Err(e) => page.status(
                                &html! { p.zb-error { "Wissen lukte niet: " (e.uitleg()) "." } },
                            ),
                        }
                    });
                }
                Action::CompareList => {
                    page.draw_results();
                    dom::focus_again(&button);
                }
                Action::MoreTexts => {
                    let key = button.get_attribute("data-key").unwrap_or_default();
                    let shown: usize = button
                        .get_attribute("data-shown")
                        .and_then(|n| n.parse().ok())
                        .unwrap_or(0);
                    if let Some(list) = button.parent_element() {
                        let more = texts_of(&page.state.borrow(), &key, shown + markup::TEXTS_PAGE);
                        dom::draw(&list, &more);
                        // On to the first answer that is new.
                        let first_new = list
                            .query_selector_all("li")
                            .ok()
                            .and_then(|l| l.item(shown as u32))
                            .and_then(|n| n.dyn_into::<web_sys::Element>().ok());
                        if let Some(li) = first_new {
                            let _ = li.set_attribute("tabindex", "-1");
                            dom::focus_element(&li);
                        }
                    }
                }
                Action::Csv => {
                    let (rows, show) = {
                        let s = page.state.borrow();
                        (csv_rows(&s), s.show)
                    };
                    let name = format!("zichtbaar-{}-{}.csv", show.as_str(), platform::today());
                    if !files::download(&name, "text/csv;charset=utf-8", &csv::write(&rows)) {
                        page.status(&html! { p.zb-error { "Downloaden lukte niet." } });
                    }
                }
                Action::Print => {
                    let _ = window().print();
                }
                Action::ReadPasted => {
                    let Some(area) = dom::by_id(markup::PASTE)
                        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                    else {
                        return;
                    };
                    let text = area.value();
                    if text.trim().is_empty() {
                        page.status(&html! { p { "Plak eerst de tekst van een of meer e-mails in het vak." } });
                        dom::focus(markup::PASTE);
                        return;
                    }
                    // Each paste its own name in the list of files.
                    let n = 1 + page
                        .state
                        .borrow()
                        .files
                        .iter()
                        .filter(|h| h.file.name.starts_with(PASTED))
                        .count();
                    let name = format!("{PASTED} {n}, {}", platform::today().dutch());
                    let Some(file) = files::text_file(&name, &text) else {
                        page.status(&html! { p.zb-error { "De geplakte tekst kon niet gelezen worden. Probeer het nog eens, of bewaar de e-mail als bestand (.eml) en kies dat." } });
                        return;
                    };
                    area.set_value("");
                    let page = page.clone();
                    let pasted = Incoming {
                        files: vec![file],
                        skipped: 0,
                        unreadable: 0,
                    };
                    spawn_local(async move { page.import(pasted).await });
                }
            }
        }
    };
    // Escape answers "Nee" to "Weet je het zeker?".
    let on_key = {
        let page = page.clone();
        move |ev: web_sys::Event| {
            let escape = ev
                .dyn_ref::<web_sys::KeyboardEvent>()
                .is_some_and(|k| k.key() == "Escape");
            if escape && page.state.borrow().asking_to_clear {
                page.state.borrow_mut().asking_to_clear = false;
                page.draw_files();
                dom::focus_fragment("c-clear-ask");
            }
        }
    };
    let drop_zone = dom::by_id(markup::DROP);
    let mut listeners = vec![
        dom::listen(main, "change", on_change),
        dom::listen(main, "input", on_input),
        dom::listen(main, "click", on_click),
        dom::listen(main, "keydown", on_key),
    ];
    if let Some(zone) = drop_zone {
        let over = zone.clone();
        listeners.push(dom::listen(&zone, "dragover", move |ev| {
            ev.prevent_default();
            let _ = over.class_list().add_1("zb-drop--over");
        }));
        let left = zone.clone();
        listeners.push(dom::listen(&zone, "dragleave", move |_| {
            let _ = left.class_list().remove_1("zb-drop--over");
        }));
        let dropped = zone.clone();
        listeners.push(dom::listen(&zone, "drop", move |ev| {
            ev.prevent_default();
            let _ = dropped.class_list().remove_1("zb-drop--over");
            // Taken now: after the event, the browser forgets what was dropped.
            let Some(dropped) = ev
                .dyn_ref::<web_sys::DragEvent>()
                .and_then(|d| d.data_transfer())
                .map(|t| files::Dropped::take(&t))
            else {
                return;
            };
            let page = page.clone();
            spawn_local(async move {
                let (all, unreadable) = dropped.files().await;
                page.import(Incoming::of(all, unreadable)).await;
            });
        }));
    }
    dom::keep(listeners);
}
