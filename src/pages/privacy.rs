//! `/privacy`: what is stored where, whether the browser keeps it, a
//! backup of everything in one click, and wiping everything from a shared
//! computer (after offering the backup, and asking).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use zichtbaar_core::backup::{self, Compared};
use zichtbaar_core::{Body, Perspective, Record};

use crate::html::{html, names, plural, Id, Markup};
use crate::{dom, files, instruments, storage};

const USAGE: Id = Id("zb-storage-usage");
const PERSISTED: Id = Id("zb-storage-persisted");
const BACKUP_STATUS: Id = Id("zb-backup-status");
const RECORDS: Id = Id("zb-storage-records");
/// Where wiping is asked for and confirmed (drawn again for each step).
const WIPE: Id = Id("zb-wipe");
const WIPE_STATUS: Id = Id("zb-wipe-status");
const WIPE_YES: Id = Id("zb-wipe-yes");
const WIPE_ASK: Id = Id("zb-wipe-ask");
const RESTORE_INPUT: Id = Id("zb-restore-file");
/// Where the preview of a restore is drawn.
const RESTORE: Id = Id("zb-restore");
const RESTORE_STATUS: Id = Id("zb-restore-status");
const RESTORE_TITLE: Id = Id("zb-restore-title");

names! {
    /// What the page's buttons do.
    pub enum Action in action {
        BackupAll = "backup-all",
        WipeAsk = "wipe-ask",
        WipeYes = "wipe-yes",
        WipeNo = "wipe-no",
        Restore = "restore",
        RestoreCancel = "restore-cancel",
    }
}

/// What a record is, in words: "Ondersteuningsstructuur op school,
/// 2026-2027, eigen reflectie".
fn describe(r: &Record) -> String {
    let instrument = instruments::by_id(&r.instrument.id)
        .map_or(r.instrument.id.as_str(), |i| i.def().short_title.as_ref());
    match &r.body {
        Body::Reflection(x) => format!(
            "{instrument}, {}, {}",
            r.school_year,
            match x.perspective {
                Perspective::Persoonlijk => "eigen reflectie",
                Perspective::Team => "reflectie van het team",
            }
        ),
        Body::Receipt(x) => format!("Ontvangstbevestiging {}, {}", x.school_name, r.school_year),
    }
}

/// The preview of a restore: each record of the backup, what restoring it
/// would do, and a box to choose it (new and newer ones chosen already; an
/// older one only when the user ticks it).
fn restore_preview(compared: &[(&Record, Compared)], unreadable: usize) -> Markup {
    let chosen = compared
        .iter()
        .filter(|(_, c)| c.restored_by_default())
        .count();
    html! {
        h3 id=(RESTORE_TITLE) tabindex="-1" { "Wat er verandert" }
        @if compared.is_empty() {
            p { "Er staat niets in deze reservekopie dat Zichtbaar kan lezen." }
        }
        ul.zb-restore {
            @for (i, (r, c)) in compared.iter().enumerate() {
                li {
                    @let id = format!("zb-restore-{i}");
                    @match c {
                        Compared::Same => {
                            span { (describe(r)) ": staat al zo op dit apparaat." }
                        }
                        _ => {
                            label.zb-choice for=(id) {
                                input type="checkbox" id=(id) data-restore=(i) checked[c.restored_by_default()];
                                span {
                                    (describe(r)) ", gewijzigd op " (r.updated.dutch()) ": "
                                    @match c {
                                        Compared::New => "nieuw op dit apparaat.",
                                        Compared::Newer => "nieuwer dan wat hier staat; vervangt dat.",
                                        _ => strong { "ouder dan wat hier staat. Terugzetten vervangt nieuwer werk." },
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if unreadable > 0 {
            p.zb-notice { (unreadable) " onderdelen van de reservekopie konden niet gelezen worden; die worden overgeslagen." }
        }
        div.zb-wipe__buttons {
            button type="button" class="zb-button" data-action=(Action::Restore) { "Gekozen onderdelen terugzetten" }
            button type="button" class="zb-button zb-button--secondary" data-action=(Action::RestoreCancel) { "Annuleren" }
        }
        p.zb-hint { (chosen) " van de " (compared.len()) " zijn al gekozen." }
    }
}

/// The wiping part: the button, or the question whether to go on.
fn wipe(asking: bool, records: usize) -> Markup {
    html! {
        @if asking {
            div class="zb-notice zb-wipe__ask" {
                p { strong { "Weet je het zeker?" } }
                p {
                    "Dit wist " (plural(records, "reflectie of bevestiging", "reflecties en bevestigingen")) ", de bestanden bij Gedeelde reflecties, de namen die je liet weglaten en de lijst van scholen. "
                    "Terughalen kan alleen met een reservekopie. Download er daarom eerst een als je je antwoorden wilt houden."
                }
                div.zb-wipe__buttons {
                    button type="button" class="zb-button zb-button--secondary" data-action=(Action::BackupAll) { "Eerst een reservekopie downloaden" }
                    button type="button" class="zb-button zb-button--danger" id=(WIPE_YES) data-action=(Action::WipeYes) { "Ja, alles wissen" }
                    button type="button" class="zb-button zb-button--secondary" data-action=(Action::WipeNo) { "Nee, niets wissen" }
                }
            }
        } @else {
            button type="button" class="zb-button zb-button--secondary" id=(WIPE_ASK) data-action=(Action::WipeAsk) { "Alles van dit apparaat wissen" }
        }
    }
}

fn fact(label: &str, id: &str, value: &str) -> Markup {
    html! { div { dt { (label) } dd id=(id) { (value) } } }
}

fn markup(records: usize, unreadable: usize, failed: Option<&str>) -> Markup {
    let saved = match failed {
        Some(why) => format!("Niet te lezen: {why}."),
        None => records.to_string(),
    };
    html! {
        h1 tabindex="-1" { "Privacy en opslag" }
        p.zb-lead { "Zichtbaar heeft geen server. Wat je invult, staat in de opslag van je browser, op dit apparaat. Alleen wie deze browser op dit apparaat gebruikt, kan het zien. Het samenwerkingsverband ziet het niet." }
        h2 { "Wat bewaart Zichtbaar?" }
        ul {
            li { "Je reflecties: per handreiking, per schooljaar, voor jezelf of voor het team." }
            li { "Je ontvangstbevestigingen, met de naam van de school." }
            li { "De namen die je opgeeft om weg te laten als je iets deelt." }
        }
        p { "Zichtbaar vraagt niet naar je naam en bewaart geen tijdstippen, alleen datums. Er zijn geen cookies, geen statistieken en geen verbindingen met andere websites." }
        h2 { "Delen" }
        p { "Er gaat alleen iets naar het samenwerkingsverband als jij het deelt. Je ziet dan eerst precies wat er in het bestand staat. E-mailadressen, telefoonnummers, adressen, postcodes, rekeningnummers en burgerservicenummers laten we weg. Namen laten we alleen weg als je ze opgeeft: lees je tekst daarom altijd zelf na." }
        h2 { "Opslag op dit apparaat" }
        dl.zb-facts {
            (fact("Opgeslagen reflecties en bevestigingen", RECORDS.as_str(), &saved))
            @if unreadable > 0 {
                (fact("Gegevens die deze versie niet kan lezen", "zb-storage-unreadable", &format!("{unreadable} (ze zijn niet verwijderd)")))
            }
            (fact("Gebruikte ruimte (de app en je gegevens samen)", USAGE.as_str(), "wordt opgevraagd…"))
            (fact("Blijvend bewaard", PERSISTED.as_str(), "wordt opgevraagd…"))
        }
        button type="button" class="zb-button" data-action=(Action::BackupAll) { "Reservekopie van alles downloaden" }
        p.zb-hint { "Een reservekopie is een bestand met alles wat je hebt ingevuld. Het is niet anoniem: bewaar het goed en deel het niet." }
        p id=(BACKUP_STATUS) role="status" {}
        h2 { "Reservekopie terugzetten" }
        p { "Kies een reservekopie van Zichtbaar, bijvoorbeeld van een andere computer. Je ziet eerst wat er verandert. Nieuwer werk op dit apparaat wordt alleen vervangen als jij dat kiest." }
        label class="zb-button zb-button--secondary" for=(RESTORE_INPUT) { "Reservekopie kiezen" }
        input type="file" id=(RESTORE_INPUT) class="zb-visually-hidden" accept=".json,application/json";
        div id=(RESTORE) {}
        div id=(RESTORE_STATUS) aria-live="polite" {}
        h2 { "Werk je op een gedeelde computer?" }
        p { "Dan kunnen anderen die dezelfde browser gebruiken, je antwoorden zien. Download een reservekopie en wis daarna alles van dit apparaat. Zichtbaar zelf blijft werken, ook zonder internet." }
        div id=(WIPE) { (wipe(false, records)) }
        div id=(WIPE_STATUS) aria-live="polite" {}
    }
}

fn persisted_text(p: Option<bool>) -> &'static str {
    match p {
        Some(true) => "Ja. De browser wist deze gegevens niet vanzelf.",
        Some(false) => "Nee. De browser kan de gegevens wissen als de schijf bijna vol is. Maak daarom af en toe een reservekopie.",
        None => "Onbekend: deze browser vertelt het niet.",
    }
}

fn usage_text(bytes: Option<u64>) -> String {
    match bytes {
        Some(b) if b < 1_000 => format!("{b} bytes"),
        Some(b) if b < 1_000_000 => format!("{} kB", b.div_ceil(1_000)),
        Some(b) => format!("{} MB", b.div_ceil(1_000_000)),
        None => "Onbekend: deze browser vertelt het niet.".to_owned(),
    }
}

pub fn mount(main: &web_sys::Element) {
    let (records, unreadable, failed) = match storage::load_all() {
        Ok(l) => (l.records.len(), l.unreadable.len(), None),
        Err(e) => (0, 0, Some(e.uitleg())),
    };
    dom::draw(main, &markup(records, unreadable, failed.as_deref()));
    spawn_local(async {
        let usage = storage::usage().await;
        dom::set_text(USAGE, &usage_text(usage));
        let persisted = storage::is_persisted().await;
        dom::set_text(PERSISTED, persisted_text(persisted));
    });
    // The backup being restored, while its preview is shown.
    let pending: Rc<RefCell<Vec<Record>>> = Rc::default();
    let on_file = {
        let pending = pending.clone();
        move |ev: web_sys::Event| {
            let Some(input) =
                dom::target(&ev).and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            if input.id() != RESTORE_INPUT.as_str() {
                return;
            }
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let pending = pending.clone();
            spawn_local(async move {
                let said = match files::read_text(&file).await.map(|t| backup::decode(&t)) {
                    None => Some("Dit bestand kon niet gelezen worden.".to_owned()),
                    Some(Err(backup::BackupError::Newer(v))) => Some(format!("Deze reservekopie is gemaakt met een nieuwere versie van Zichtbaar (formaat {v}). Laad de pagina opnieuw om de nieuwste versie te krijgen.")),
                    Some(Err(backup::BackupError::NotABackup(_))) => Some("Dit is geen reservekopie van Zichtbaar. Een reservekopie heet meestal zichtbaar-reservekopie-….json.".to_owned()),
                    Some(Ok(restored)) => {
                        let here = storage::load_all().map(|l| l.records).unwrap_or_default();
                        let compared = backup::compare(&restored.records, &here);
                        dom::set_html(RESTORE, &restore_preview(&compared, restored.problems.len()));
                        *pending.borrow_mut() = compared.into_iter().map(|(r, _)| r.clone()).collect();
                        dom::focus(RESTORE_TITLE);
                        None
                    }
                };
                dom::set_text(RESTORE_STATUS, said.as_deref().unwrap_or(""));
            });
        }
    };
    let on_click = move |ev: web_sys::Event| {
        let Some((action, _)) = dom::named::<Action>(&ev) else {
            return;
        };
        let count = || storage::load_all().map_or(0, |l| l.records.len());
        match action {
            Action::BackupAll => {
                let status = match storage::load_all() {
                    Ok(loaded) => match files::download_backup_all(
                        &loaded.records,
                        &storage::unreadable_as_stored(&loaded),
                    ) {
                        Some(name) => format!("De reservekopie staat in je downloads als {name}."),
                        None => "Downloaden lukte niet.".to_owned(),
                    },
                    Err(e) => format!("Er is niets te downloaden: {}.", e.uitleg()),
                };
                dom::set_text(BACKUP_STATUS, &status);
            }
            Action::WipeAsk => {
                dom::set_text(WIPE_STATUS, "");
                dom::set_html(WIPE, &wipe(true, count()));
                dom::focus(WIPE_YES);
            }
            Action::WipeNo => {
                dom::set_html(WIPE, &wipe(false, count()));
                dom::set_text(WIPE_STATUS, "Er is niets gewist.");
                dom::focus(WIPE_ASK);
            }
            Action::Restore => {
                let chosen: Vec<usize> = dom::by_id(RESTORE)
                    .and_then(|r| r.query_selector_all("input[data-restore]").ok())
                    .map(|list| {
                        (0..list.length())
                            .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
                            .filter(dom::is_checked)
                            .filter_map(|el| el.get_attribute("data-restore")?.parse().ok())
                            .collect()
                    })
                    .unwrap_or_default();
                let records = std::mem::take(&mut *pending.borrow_mut());
                let mut saved = 0;
                let mut failure = None;
                for record in chosen.iter().filter_map(|&i| records.get(i)) {
                    match storage::save(record) {
                        Ok(()) => saved += 1,
                        Err(e) => failure = Some(e.uitleg()),
                    }
                }
                dom::set_html(RESTORE, &html! {});
                dom::set_text(RECORDS, &count().to_string());
                let said = match failure {
                    None => format!("{} teruggezet.", plural(saved, "onderdeel", "onderdelen")),
                    Some(why) => format!(
                        "{} teruggezet; de rest niet: {why}.",
                        plural(saved, "onderdeel", "onderdelen")
                    ),
                };
                dom::set_text(RESTORE_STATUS, &said);
            }
            Action::RestoreCancel => {
                pending.borrow_mut().clear();
                dom::set_html(RESTORE, &html! {});
                dom::set_text(RESTORE_STATUS, "Er is niets teruggezet.");
            }
            Action::WipeYes => {
                dom::set_text(WIPE_STATUS, "Bezig met wissen…");
                spawn_local(async move {
                    let said = match storage::wipe_all().await {
                        Ok(()) => "Alles is van dit apparaat gewist. Zichtbaar zelf blijft werken."
                            .to_owned(),
                        Err(e) => format!("Niet alles is gewist: {}.", e.uitleg()),
                    };
                    let left = count();
                    dom::set_text(RECORDS, &left.to_string());
                    dom::set_html(WIPE, &wipe(false, left));
                    dom::set_text(WIPE_STATUS, &said);
                    dom::focus(WIPE_ASK);
                });
            }
        }
    };
    dom::keep(vec![
        dom::listen(main, "click", on_click),
        dom::listen(main, "change", on_file),
    ]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_persistence_are_told_in_plain_words() {
        assert_eq!(usage_text(Some(512)), "512 bytes");
        assert_eq!(usage_text(Some(12_345)), "13 kB");
        assert_eq!(usage_text(Some(2_500_000)), "3 MB");
        assert!(persisted_text(Some(false)).contains("reservekopie"));
        let html = markup(3, 1, None).into_string();
        assert!(html.contains("id=\"zb-storage-records\">3</dd>"));
        assert!(html.contains("1 (ze zijn niet verwijderd)"));
        assert!(html.contains("data-action=\"wipe-ask\""));
        let asking = wipe(true, 3).into_string();
        assert!(asking.contains("Dit wist 3 reflecties en bevestigingen"));
        assert!(wipe(true, 1)
            .into_string()
            .contains("Dit wist 1 reflectie of bevestiging,"));
        assert!(asking.contains("Eerst een reservekopie downloaden"));
        assert!(markup(0, 0, Some("de opslag is vol"))
            .into_string()
            .contains("Niet te lezen: de opslag is vol."));
    }

    #[test]
    fn the_restore_preview_chooses_new_and_newer_and_leaves_older_to_the_user() {
        let instrument = instruments::default().expect("a bundled instrument");
        let today = zichtbaar_core::Date::new(2026, 11, 25).unwrap();
        let record = |n: u8| {
            Record::new_reflection(
                zichtbaar_core::RecordId::from_random([n; 16]),
                instrument,
                zichtbaar_core::SchoolYear::starting(2026),
                Perspective::Team,
                today,
            )
        };
        let (a, b, c, d) = (record(1), record(2), record(3), record(4));
        let compared = [
            (&a, Compared::New),
            (&b, Compared::Newer),
            (&c, Compared::Same),
            (&d, Compared::Older),
        ];
        let html = restore_preview(&compared, 2).into_string();
        assert_eq!(html.matches("type=\"checkbox\"").count(), 3);
        assert_eq!(html.matches(" checked>").count(), 2);
        assert!(html.contains("data-restore=\"3\">"));
        assert!(html.contains(
            "reflectie van het team, gewijzigd op 25 november 2026: nieuw op dit apparaat."
        ));
        assert!(html.contains("staat al zo op dit apparaat."));
        assert!(html.contains("2 onderdelen van de reservekopie konden niet gelezen worden"));
        assert!(html.contains("2 van de 4 zijn al gekozen."));
    }
}
