//! `/`: what Zichtbaar is, for whom, and where to begin.

use leptos::prelude::*;

#[component]
pub fn StartPage() -> impl IntoView {
    view! {
        <h1 tabindex="-1">"Passend onderwijs zichtbaar maken"</h1>
        <p class="zb-lead">
            "Zichtbaar helpt je school om elk jaar stil te staan bij de ondersteuning van leerlingen. "
            "Je gebruikt daarvoor de handreiking 'Ondersteuningsstructuur op school' van het samenwerkingsverband: "
            "2 uitgangspunten en 10 bouwstenen, met bij elk dezelfde drie vragen."
        </p>
        <p class="zb-privacy-line">
            "Wat je invult, blijft in de browser op dit apparaat. Er gaat niets naar een server, tenzij je zelf iets deelt."
        </p>
        <ul class="zb-cards" role="list">
            <li class="zb-card">
                <h2>"Voor docenten en teams"</h2>
                <p>"Denk na over waar jullie staan, wat je wilt houden en wat je anders wilt doen. Ook zonder internet."</p>
                <a class="zb-button" href="reflectie/">"Begin met de reflectie"</a>
            </li>
            <li class="zb-card">
                <h2>"Voor directeuren en ondersteuningscoördinatoren"</h2>
                <p>"Laat het samenwerkingsverband weten dat jullie de handreiking hebben ontvangen, en wat je ervan vindt."</p>
                <a class="zb-button" href="ontvangst/">"Ontvangst bevestigen"</a>
            </li>
            <li class="zb-card">
                <h2>"Voor het samenwerkingsverband"</h2>
                <p>"Lees reflecties die scholen uit zichzelf met je delen, samen en zonder namen."</p>
                <a class="zb-button zb-button--secondary" href="verzamelen/">"Gedeelde reflecties lezen"</a>
            </li>
        </ul>
    }
}
