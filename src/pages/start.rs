//! `/`: what Zichtbaar is, for whom, and where to begin.

use crate::html::{html, Markup};

/// A soft hyphen: where a long word may break on a narrow screen.
const SHY: &str = "\u{ad}";

pub fn markup() -> Markup {
    html! {
        h1 tabindex="-1" { "Passend onderwijs zichtbaar maken" }
        p.zb-lead {
            "Zichtbaar helpt je school om elk jaar stil te staan bij de ondersteuning van leerlingen. "
            "Je gebruikt daarvoor de handreiking 'Ondersteuningsstructuur op school' van het samenwerkingsverband: "
            "2 uitgangspunten en 10 bouwstenen, met bij elk dezelfde drie vragen."
        }
        p.zb-privacy-line {
            "Wat je invult, blijft in de browser op dit apparaat. Er gaat niets naar een server, tenzij je zelf iets deelt."
        }
        ul.zb-cards role="list" {
            li.zb-card {
                h2 { "Voor docenten en teams" }
                p { "Denk na over waar jullie staan, wat je wilt houden en wat je anders wilt doen. Ook zonder internet." }
                a.zb-button href="reflectie/" { "Begin met de reflectie" }
            }
            li.zb-card {
                h2 { "Voor directeuren en ondersteunings" (SHY) "coördinatoren" }
                p { "Laat het samenwerkingsverband weten dat jullie de handreiking hebben ontvangen, en wat je ervan vindt." }
                a.zb-button href="ontvangst/" { "Ontvangst bevestigen" }
            }
            li.zb-card {
                h2 { "Voor het samenwerkings" (SHY) "verband" }
                p { "Lees de bestanden die scholen of collega's met je delen naast elkaar: wie heeft de ontvangst bevestigd, waar staan de scholen, wat zijn ze van plan." }
                a.zb-button.zb-button--secondary href="verzamelen/" { "Gedeelde bestanden lezen" }
            }
        }
    }
}
