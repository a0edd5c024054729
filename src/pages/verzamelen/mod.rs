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
use zichtbaar_core::stored::CollectedFile;
use zichtbaar_core::{Instrument, Kind, Perspective, RecordId, SchoolYear};

use self::markup::{Action, Field, FileRow, Show};
use crate::html::{html, Markup, Name};
use crate::route::Router;
use crate::storage::{self, collection as shelf};
use crate::{dom, files, instruments, platform};

/// Files larger than this are refused with a message: a shared export is
/// a few kilobytes; this leaves room for a file holding thousands.
const MAX_FILE_BYTES: f64 = 60_000_000.0;
/// Records parsed between two pauses.
const SLICE: usize = 200;
/// Stored files are written together up to about this many bytes.
const WRITE_BATCH_BYTES: usize = 4_000_000;

struct Held {
    key: f64,
    file: CollectedFile,
}

struct State {
    files: Vec<Held>,
    filter: Filter,
    show: Show,
    list_text: String,
    asking_to_clear: bool,
    busy: bool,
}

impl State {
    /// The newest revision of every record, over all files.
    fn newest(&self) -> Vec<&ExportRecord> {
        let mut by_id: BTreeMap<&RecordId, &ExportRecord> = BTreeMap::new();
        for held in &self.files {
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

/// Everything below the file list: filters, view, figures.
fn results(s: &State) -> Markup {
    let all = s.newest();
    if all.is_empty() {
        return markup::empty();
    }
    let facets = collection::facets(all.iter().copied());
    let chosen: Vec<&ExportRecord> = all
        .iter()
        .copied()
        .filter(|r| s.filter.matches(r))
        .collect();
    let choices = markup::Choices {
        facets: &facets,
        filter: &s.filter,
        show: s.show,
        instruments: &instruments::all().iter().collect::<Vec<_>>(),
    };
    let view = match s.show {
        Show::Ontvangst => {
            let receipts: Vec<&ExportRecord> = chosen
                .iter()
                .copied()
                .filter(|r| r.kind == Kind::Receipt)
                .collect();
            let (list, unread) = collection::school_list(&s.list_text);
            let overview = collection::receipts(receipts.iter().copied(), &list);
            markup::receipts(&overview, &s.list_text, &unread, list.len())
        }
        Show::Reflectie => reflection_view(&s.filter, &chosen),
        Show::Routekaart => routekaart_view(&s.filter, &all, &chosen),
    };
    html! {
        (markup::controls(&choices))
        div.zb-report { (view) }
    }
}

fn reflection_view(filter: &Filter, chosen: &[&ExportRecord]) -> Markup {
    let Some(instrument) = view_instrument(filter, chosen, false) else {
        return markup::empty();
    };
    let records: Vec<&ExportRecord> = chosen
        .iter()
        .copied()
        .filter(|r| r.kind == Kind::Reflection && r.instrument.id == instrument.id())
        .collect();
    let summaries = collection::scale_summaries(instrument, records.iter().copied());
    let first_scale = summaries
        .first()
        .map(|s| s.question.clone())
        .unwrap_or_default();
    let (strongest, weakest) = collection::strongest_and_weakest(&summaries, &first_scale, 3);
    let items: Vec<markup::ItemView<'_>> = instrument
        .items()
        .map(|item| markup::ItemView {
            summary: summaries.iter().find(|s| s.item == item.id.as_ref()),
            texts: instrument
                .questions(item)
                .filter(|q| q.text_answer)
                .map(|q| {
                    (
                        q,
                        collection::texts(records.iter().copied(), &item.id, &q.id),
                    )
                })
                .collect(),
        })
        .collect();
    markup::reflections(instrument, records.len(), &strongest, &weakest, &items)
}

fn routekaart_view(filter: &Filter, all: &[&ExportRecord], chosen: &[&ExportRecord]) -> Markup {
    let Some(instrument) = view_instrument(filter, chosen, true) else {
        return markup::empty();
    };
    fn of<'a>(records: &[&'a ExportRecord], instrument: &Instrument) -> Vec<&'a ExportRecord> {
        records
            .iter()
            .copied()
            .filter(|r| r.kind == Kind::Reflection && r.instrument.id == instrument.id())
            .collect()
    }
    let now = of(chosen, instrument);
    let summaries = collection::scale_summaries(instrument, now.iter().copied());
    // The year before, with the same filters otherwise.
    let before = filter.school_year.map(|y| {
        let earlier = Filter {
            school_year: Some(y.previous()),
            ..filter.clone()
        };
        let records: Vec<&ExportRecord> = of(all, instrument)
            .into_iter()
            .filter(|r| earlier.matches(r))
            .collect();
        collection::scale_summaries(instrument, records.iter().copied())
    });
    let change = |s: &collection::ScaleSummary| -> Option<Vec<i64>> {
        let before = before
            .as_ref()?
            .iter()
            .find(|b| b.item == s.item && b.question == s.question)?;
        collection::change(s, before)
    };
    markup::routekaart(
        instrument,
        filter.school_year,
        now.len(),
        &summaries,
        &change,
    )
}

/// The figures on screen as a table, for the CSV download.
fn csv_rows(s: &State) -> Vec<Vec<Cell>> {
    let t = |x: &str| Cell::Text(x.to_owned());
    let all = s.newest();
    let chosen: Vec<&ExportRecord> = all
        .iter()
        .copied()
        .filter(|r| s.filter.matches(r))
        .collect();
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
            let receipts: Vec<&ExportRecord> = chosen
                .iter()
                .copied()
                .filter(|r| r.kind == Kind::Receipt)
                .collect();
            let (list, _) = collection::school_list(&s.list_text);
            let o = collection::receipts(receipts.iter().copied(), &list);
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
        Show::Reflectie | Show::Routekaart => {
            let Some(instrument) = view_instrument(&s.filter, &chosen, s.show == Show::Routekaart)
            else {
                return Vec::new();
            };
            let records: Vec<&ExportRecord> = chosen
                .iter()
                .copied()
                .filter(|r| r.kind == Kind::Reflection && r.instrument.id == instrument.id())
                .collect();
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
            rows
        }
    }
}

/// Reads one file into what is kept of it, in slices.
async fn read_file(file: &web_sys::File, on_slice: &dyn Fn(usize)) -> CollectedFile {
    let name = file.name();
    let size = file.size();
    let mut out = CollectedFile {
        name,
        size: size as u64,
        imported: platform::today(),
        problems: Vec::new(),
        records: Vec::new(),
    };
    if size > MAX_FILE_BYTES {
        out.problems.push(format!(
            "Dit bestand is te groot ({} MB). Een gedeeld bestand van Zichtbaar is meestal kleiner dan 1 MB.",
            (size / 1_000_000.0).round() as u64
        ));
        return out;
    }
    let text = match JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|t| t.as_string())
    {
        Some(t) => t,
        None => {
            out.problems
                .push("Dit bestand kon niet gelezen worden.".to_owned());
            return out;
        }
    };
    let raws = match import::split(&text) {
        Ok(raws) => raws,
        Err(p) => {
            out.problems.push(problem_text(&p));
            return out;
        }
    };
    let mut bad = 0;
    for (start, slice) in raws.chunks(SLICE).enumerate() {
        for (i, raw) in slice.iter().enumerate() {
            match import::read_record(start * SLICE + i, raw) {
                Ok(r) => out.records.push(r),
                Err(p) => {
                    bad += 1;
                    // A few reasons are enough; then how many more.
                    if bad <= 5 {
                        out.problems.push(problem_text(&p));
                    }
                }
            }
        }
        if raws.len() > SLICE {
            on_slice(out.records.len());
            platform::pause().await;
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
    out
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

    fn draw_files(&self) {
        let s = self.state.borrow();
        dom::set_html(markup::FILES, &markup::files(&s.rows(), s.asking_to_clear));
    }

    fn draw_results(&self) {
        let s = self.state.borrow();
        dom::set_html(markup::RESULTS, &results(&s));
        let n = s.newest().len().to_string();
        dom::set_attr(markup::RESULTS, "data-records", Some(&n));
    }

    async fn import(self, list: Vec<web_sys::File>) {
        // One import at a time, after the collection is loaded: a second
        // one waits its turn.
        while std::mem::replace(&mut self.state.borrow_mut().busy, true) {
            platform::pause().await;
        }
        mark("zb-import-start");
        let total = list.len();
        let mut pending: Vec<CollectedFile> = Vec::new();
        let mut pending_bytes = 0;
        let mut refused: Vec<(String, Vec<String>)> = Vec::new();
        let mut read = 0;
        let mut failure = None;
        for (i, file) in list.iter().enumerate() {
            let page = self.clone();
            let shown = read;
            let collected = read_file(file, &move |n| {
                page.status(&markup::progress(i, total, shown + n))
            })
            .await;
            if collected.records.is_empty() {
                refused.push((collected.name.clone(), collected.problems.clone()));
            } else {
                read += collected.records.len();
                pending_bytes += collected.size as usize;
                pending.push(collected);
            }
            let last = i + 1 == total;
            if !pending.is_empty()
                && (last || pending_bytes > WRITE_BATCH_BYTES || pending.len() >= 200)
            {
                let files = std::mem::take(&mut pending);
                pending_bytes = 0;
                let keys = match shelf::add_files(&files).await {
                    Ok(keys) => keys,
                    Err(e) => {
                        failure = Some(e);
                        Vec::new()
                    }
                };
                let mut s = self.state.borrow_mut();
                for (n, file) in files.into_iter().enumerate() {
                    // Not stored (the error is shown): kept for this visit only.
                    let key = keys.get(n).copied().unwrap_or(f64::NAN);
                    s.files.push(Held { key, file });
                }
            }
            if i % 20 == 19 || last {
                self.status(&markup::progress(i + 1, total, read));
                platform::pause().await;
            }
        }
        mark("zb-import-done");
        self.state.borrow_mut().busy = false;
        self.draw_files();
        self.draw_results();
        mark("zb-summary-done");
        self.status(&html! {
            p {
                strong { "Klaar: " }
                (total - refused.len()) " van de " (total) " bestanden ingelezen, met " (read) " reflecties en bevestigingen."
            }
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

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.get(i))
        // A folder holds other files too: only what can be an export.
        .filter(|f| f.name().ends_with(".json") || f.type_() == "application/json")
        .collect()
}

fn initial_filter() -> (Filter, Show) {
    let location = Router::expect().location();
    location.with_untracked(|l| {
        let show = match l.param("weergave") {
            Some("ontvangst") => Show::Ontvangst,
            Some("routekaart") => Show::Routekaart,
            _ => Show::Reflectie,
        };
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
    dom::draw(main, &markup::page());
    let (filter, show) = initial_filter();
    let page = Page {
        state: Rc::new(RefCell::new(State {
            files: Vec::new(),
            filter,
            show,
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
                p { (count) " bestanden uit eerdere keren staan klaar." }
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
                    let files = files_of(input.files());
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
                    Field::Kind => f.kind = Kind::parse(&value),
                    Field::Perspective => f.perspective = Perspective::parse(&value),
                    Field::School => f.school = some(&value),
                    // Typed into the list: compared on "Vergelijken".
                    Field::List => return,
                }
            }
            page.draw_results();
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
                page.state.borrow_mut().show = show;
                page.draw_results();
                dom::focus_again(&button);
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
                                dom::focus_first(markup::FILES, "h2, button");
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
                                dom::focus_fragment("c-import-title");
                            }
                            Err(e) => page.status(
                                &html! { p.zb-error { "Wissen lukte niet: " (e.uitleg()) "." } },
                            ),
                        }
                    });
                }
                Action::CompareList => page.draw_results(),
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
            }
        }
    };
    let drop_zone = dom::by_id(markup::DROP);
    let mut listeners = vec![
        dom::listen(main, "change", on_change),
        dom::listen(main, "input", on_input),
        dom::listen(main, "click", on_click),
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
            let files = ev
                .dyn_ref::<web_sys::DragEvent>()
                .and_then(|d| d.data_transfer())
                .and_then(|t| t.files());
            spawn_local(page.clone().import(files_of(files)));
        }));
    }
    dom::keep(listeners);
}
