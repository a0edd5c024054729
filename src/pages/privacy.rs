//! `/privacy`: what is stored where, whether the browser keeps it, a
//! backup of everything in one click, and wiping everything from a shared
//! computer (after offering the backup, and asking).

use wasm_bindgen_futures::spawn_local;

use crate::html::{html, names, Id, Markup};
use crate::{dom, files, storage};

const USAGE: Id = Id("zb-storage-usage");
const PERSISTED: Id = Id("zb-storage-persisted");
const BACKUP_STATUS: Id = Id("zb-backup-status");
const RECORDS: Id = Id("zb-storage-records");
/// Where wiping is asked for and confirmed (drawn again for each step).
const WIPE: Id = Id("zb-wipe");
const WIPE_STATUS: Id = Id("zb-wipe-status");
const WIPE_YES: Id = Id("zb-wipe-yes");
const WIPE_ASK: Id = Id("zb-wipe-ask");

names! {
    /// What the page's buttons do.
    pub enum Action in action {
        BackupAll = "backup-all",
        WipeAsk = "wipe-ask",
        WipeYes = "wipe-yes",
        WipeNo = "wipe-no",
    }
}

/// The wiping part: the button, or the question whether to go on.
fn wipe(asking: bool, records: usize) -> Markup {
    html! {
        @if asking {
            div class="zb-notice zb-wipe__ask" {
                p { strong { "Weet je het zeker?" } }
                p {
                    "Dit wist " (records) " reflecties en bevestigingen, de bestanden bij Gedeelde reflecties, de namen die je liet weglaten en de lijst van scholen. "
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
        p { "Er gaat alleen iets naar het samenwerkingsverband als jij het deelt. Je ziet dan eerst precies wat er in het bestand staat. E-mailadressen, telefoonnummers, postcodes en burgerservicenummers laten we weg. Namen laten we alleen weg als je ze opgeeft: lees je tekst daarom altijd zelf na." }
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
    dom::keep(vec![dom::listen(main, "click", |ev| {
        let Some((action, _)) = dom::named::<Action>(&ev) else {
            return;
        };
        let count = || storage::load_all().map_or(0, |l| l.records.len());
        match action {
            Action::BackupAll => {
                let status = match storage::load_all() {
                    Ok(loaded) => match files::download_backup(&loaded.records) {
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
    })]);
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
        assert!(asking.contains("Eerst een reservekopie downloaden"));
        assert!(markup(0, 0, Some("de opslag is vol"))
            .into_string()
            .contains("Niet te lezen: de opslag is vol."));
    }
}
