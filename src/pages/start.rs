//! `/`: what Zichtbaar is, for whom, and where to begin.

/// Static markup, written here (no data goes in it).
pub const HTML: &str = concat!(
    r#"<h1 tabindex="-1">Passend onderwijs zichtbaar maken</h1>"#,
    r#"<p class="zb-lead">Zichtbaar helpt je school om elk jaar stil te staan bij de ondersteuning van leerlingen. "#,
    r#"Je gebruikt daarvoor de handreiking 'Ondersteuningsstructuur op school' van het samenwerkingsverband: "#,
    r#"2 uitgangspunten en 10 bouwstenen, met bij elk dezelfde drie vragen.</p>"#,
    r#"<p class="zb-privacy-line">Wat je invult, blijft in de browser op dit apparaat. Er gaat niets naar een server, tenzij je zelf iets deelt.</p>"#,
    r#"<ul class="zb-cards" role="list">"#,
    r#"<li class="zb-card"><h2>Voor docenten en teams</h2>"#,
    r#"<p>Denk na over waar jullie staan, wat je wilt houden en wat je anders wilt doen. Ook zonder internet.</p>"#,
    r#"<a class="zb-button" href="reflectie/">Begin met de reflectie</a></li>"#,
    r#"<li class="zb-card"><h2>Voor directeuren en ondersteunings&shy;coördinatoren</h2>"#,
    r#"<p>Laat het samenwerkingsverband weten dat jullie de handreiking hebben ontvangen, en wat je ervan vindt.</p>"#,
    r#"<a class="zb-button" href="ontvangst/">Ontvangst bevestigen</a></li>"#,
    r#"<li class="zb-card"><h2>Voor het samenwerkings&shy;verband</h2>"#,
    r#"<p>Lees wat scholen zelf met je delen, zonder namen. Dat kan binnenkort; het formaat van de bestanden staat al vast.</p>"#,
    r#"<a class="zb-button zb-button--secondary" href="verzamelen/">Meer over gedeelde reflecties</a></li>"#,
    r#"</ul>"#,
);
