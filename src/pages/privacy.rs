//! `/privacy`: what is stored where, whether the browser keeps it, and a
//! backup of everything in one click.

use wasm_bindgen_futures::spawn_local;

use crate::html::{a, Html};
use crate::{dom, files, storage};

fn markup(records: usize, unreadable: usize, failed: Option<&str>) -> String {
    let mut h = Html::new();
    h.el("h1", &[a("tabindex", "-1")], "Privacy en opslag");
    h.el(
        "p",
        &[a("class", "zb-lead")],
        "Zichtbaar heeft geen server. Wat je invult, staat in de opslag van je browser, op dit apparaat. Alleen wie deze browser op dit apparaat gebruikt, kan het zien. Het samenwerkingsverband ziet het niet.",
    );
    h.el("h2", &[], "Wat bewaart Zichtbaar?");
    h.open("ul", &[])
        .el(
            "li",
            &[],
            "Je reflecties: per handreiking, per schooljaar, voor jezelf of voor het team.",
        )
        .el(
            "li",
            &[],
            "Je ontvangstbevestigingen, met de naam van de school.",
        )
        .el(
            "li",
            &[],
            "De namen die je opgeeft om weg te laten als je iets deelt.",
        )
        .close("ul");
    h.el(
        "p",
        &[],
        "Zichtbaar vraagt niet naar je naam en bewaart geen tijdstippen, alleen datums. Er zijn geen cookies, geen statistieken en geen verbindingen met andere websites.",
    );
    h.el("h2", &[], "Delen");
    h.el(
        "p",
        &[],
        "Er gaat alleen iets naar het samenwerkingsverband als jij het deelt. Je ziet dan eerst precies wat er in het bestand staat. E-mailadressen, telefoonnummers, postcodes en burgerservicenummers laten we weg. Namen laten we alleen weg als je ze opgeeft: lees je tekst daarom altijd zelf na.",
    );
    h.el("h2", &[], "Opslag op dit apparaat");
    h.open("dl", &[a("class", "zb-facts")]);
    let mut fact = |label: &str, id: &str, value: &str| {
        h.open("div", &[])
            .el("dt", &[], label)
            .el("dd", &[a("id", id)], value)
            .close("div");
    };
    let saved = match failed {
        Some(why) => format!("Niet te lezen: {why}."),
        None => records.to_string(),
    };
    fact(
        "Opgeslagen reflecties en bevestigingen",
        "zb-storage-records",
        &saved,
    );
    if unreadable > 0 {
        fact(
            "Gegevens die deze versie niet kan lezen",
            "zb-storage-unreadable",
            &format!("{unreadable} (ze zijn niet verwijderd)"),
        );
    }
    fact(
        "Gebruikte ruimte (de app en je gegevens samen)",
        "zb-storage-usage",
        "wordt opgevraagd…",
    );
    fact(
        "Blijvend bewaard",
        "zb-storage-persisted",
        "wordt opgevraagd…",
    );
    h.close("dl");
    h.el(
        "button",
        &[
            a("type", "button"),
            a("class", "zb-button"),
            a("data-action", "backup"),
        ],
        "Reservekopie van alles downloaden",
    );
    h.el(
        "p",
        &[a("class", "zb-hint")],
        "Een reservekopie is een bestand met alles wat je hebt ingevuld. Het is niet anoniem: bewaar het goed en deel het niet.",
    );
    h.el("p", &[a("id", "zb-backup-status"), a("role", "status")], "");
    h.el("h2", &[], "Werk je op een gedeelde computer?");
    h.el(
        "p",
        &[],
        "Dan kunnen anderen die dezelfde browser gebruiken, je antwoorden zien. Download een reservekopie en wis daarna de browsergegevens van deze website.",
    );
    h.finish()
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
    main.set_inner_html(&markup(records, unreadable, failed.as_deref()));
    spawn_local(async {
        let usage = storage::usage().await;
        dom::set_text("zb-storage-usage", &usage_text(usage));
        let persisted = storage::is_persisted().await;
        dom::set_text("zb-storage-persisted", persisted_text(persisted));
    });
    dom::keep(vec![dom::listen(main, "click", |ev| {
        if dom::closest(&ev, "[data-action=backup]").is_none() {
            return;
        }
        let status = match storage::load_all() {
            Ok(loaded) => match files::download_backup(&loaded.records) {
                Some(name) => format!("De reservekopie staat in je downloads als {name}."),
                None => "Downloaden lukte niet.".to_owned(),
            },
            Err(e) => format!("Er is niets te downloaden: {}.", e.uitleg()),
        };
        dom::set_text("zb-backup-status", &status);
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
        let html = markup(3, 1, None);
        assert!(html.contains("id=\"zb-storage-records\">3</dd>"));
        assert!(html.contains("1 (ze zijn niet verwijderd)"));
        assert!(markup(0, 0, Some("de opslag is vol")).contains("Niet te lezen: de opslag is vol."));
    }
}
