//! `/verzamelen`: where the SWV will read shared exports (a later issue).

use crate::html::{html, Markup};

pub fn markup() -> Markup {
    html! {
        h1 tabindex="-1" { "Gedeelde reflecties lezen" }
        p {
            "Hier leest het samenwerkingsverband binnenkort de reflecties en ontvangstbevestigingen die scholen zelf hebben gedeeld. "
            "Dat kan nog niet in deze versie."
        }
        p {
            "Scholen kunnen nu al delen: het formaat van de bestanden staat vast, zodat ze straks hier te lezen zijn. "
            "Andere programma's kunnen ze ook lezen."
        }
    }
}
