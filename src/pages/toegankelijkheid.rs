//! `/toegankelijkheid`: the accessibility statement, in the manner of the
//! Dutch model statement (modelverklaring, digitoegankelijk.nl): the
//! standard, what was tested and how, the result, the known gaps, and how to
//! report a problem. What it says was tested is what `tests/e2e/a11y.test.mjs`
//! checks; change the two together.
//!
//! A static template in the teacher's bundle. Who offers the app and where
//! to write come from the default instrument (`publisher`, `contact_email`),
//! so an SWV that fills those in needs to change nothing here.

use crate::html::{html, Markup};

/// The date of the statement; renew it when the tests change.
const DATE: &str = "25 november 2026";

pub fn markup() -> Markup {
    let def = crate::instruments::default().map(|i| i.def());
    statement(
        def.map_or("", |d| d.publisher.as_ref()),
        def.and_then(|d| d.contact_email.as_deref()),
    )
}

/// The statement, for the SWV that offers the app and its e-mail address
/// (when the instrument names one).
fn statement(publisher: &str, contact: Option<&str>) -> Markup {
    html! {
        h1 tabindex="-1" { "Toegankelijkheid" }
        p.zb-lead { "Iedereen moet Zichtbaar kunnen gebruiken, ook met een beperking. Hier lees je hoe toegankelijk Zichtbaar is, hoe we dat hebben getest en wat nog niet goed is." }
        @if !publisher.is_empty() {
            p { "Zichtbaar wordt aangeboden door: " (publisher) "." }
        }
        h2 { "Welke regels volgen we?" }
        p { "Zichtbaar moet voldoen aan WCAG 2.1 op niveau AA. Die regels gelden voor overheid en onderwijs. Ze staan ook in de Europese norm EN 301 549. Voor de grootte van knoppen en links volgen we ook WCAG 2.2: alles wat je kunt aanklikken, is minstens 24 bij 24 pixels." }
        h2 { "Hoe ver zijn we?" }
        p { strong { "Zichtbaar voldoet aan WCAG 2.1 AA, voor zover we het hebben getest." } " We hebben zelf getest. Een onafhankelijke deskundige heeft Zichtbaar nog niet onderzocht." }
        h2 { "Wat hebben we getest?" }
        ul {
            li { "Alle pagina's: de start, de reflectie (elk onderdeel van beide handreikingen, het overzicht, het document om af te drukken en het actieplan), het bevestigen van de ontvangst, het delen, Privacy en opslag, Gedeelde reflecties en deze pagina." }
            li { "Ook de situaties daarbinnen. Bijvoorbeeld: een formulier met fouten, opslaan gelukt of mislukt, een nieuwe versie die klaarstaat, een bestand dat wordt ingelezen of geweigerd." }
        }
        h2 { "Hoe hebben we getest?" }
        ul {
            li { "Bij elke nieuwe versie controleert het programma axe-core elke pagina en elke situatie in de browser Chromium. Ook de kleuren: is er genoeg verschil tussen tekst en achtergrond?" }
            li { "Alles kan met alleen het toetsenbord: reflecteren, de ontvangst bevestigen, een bestand delen, bestanden inlezen en een actie toevoegen. Je ziet steeds waar je bent." }
            li { "Elke pagina werkt op een scherm van 320 pixels breed en als je 400 % inzoomt. Je hoeft dan niet opzij te schuiven. Alleen brede tabellen schuiven, in een eigen vak." }
            li { "We controleren ook wat een schermlezer nodig heeft: de taal is Nederlands, elke pagina heeft één hoofdtitel, de kopjes staan in de goede volgorde, elk veld heeft een naam en naast elke grafiek staat een tabel." }
        }
        h2 { "Wat is nog niet getest of niet goed?" }
        ul {
            li { "Niemand heeft Zichtbaar al gebruikt met een echte schermlezer, zoals NVDA, JAWS of VoiceOver. We hebben alleen gecontroleerd wat een schermlezer nodig heeft." }
            li { "We testen alleen in Chromium, waarop Chrome en Edge gebouwd zijn. Niet in Firefox of Safari, en niet op een echte telefoon of tablet." }
            li { "Mensen met een beperking hebben Zichtbaar nog niet getest." }
            li { "Een programma vindt niet alle problemen. Zijn de teksten duidelijk genoeg? Dat hebben we niet gemeten." }
            li { "De bestanden die je downloadt (een gedeeld bestand, een CSV of een agendabestand) zijn voor andere programma's. Die hebben we niet getest op toegankelijkheid." }
        }
        h2 { "Een probleem melden" }
        p { "Kun je iets niet gebruiken? Of loop je ergens vast? Meld het bij het samenwerkingsverband dat Zichtbaar aanbiedt." }
        @if let Some(mail) = contact.filter(|m| !m.is_empty()) {
            p { "Mail naar " a href={ "mailto:" (mail) } { (mail) } "." }
        } @else {
            p { "Hun gegevens staan in de mail of brief waarin je de link naar Zichtbaar kreeg." }
        }
        p { "Vertel op welke pagina het was, wat je wilde doen en welke browser je gebruikt." }
        h2 { "Over deze verklaring" }
        p { "Deze verklaring is gemaakt op " (DATE) "." }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_h1_the_date_and_a_way_to_report() {
        let html = statement("SWV Voorbeeld", Some("swv@example.org")).into_string();
        assert_eq!(html.matches("<h1").count(), 1);
        assert!(html.contains("25 november 2026"));
        assert!(html.contains("WCAG 2.1") && html.contains("EN 301 549"));
        assert!(html.contains("href=\"mailto:swv@example.org\""));
        assert!(html.contains("SWV Voorbeeld"));
        // No address: no link, but still where to find one.
        let without = statement("", None).into_string();
        assert!(!without.contains("mailto:"));
        assert!(without.contains("mail of brief"));
    }
}
