//! `/verzamelen`: where the SWV will read shared exports (a later issue).

/// Static markup, written here (no data goes in it).
pub const HTML: &str = concat!(
    r#"<h1 tabindex="-1">Gedeelde reflecties lezen</h1>"#,
    r#"<p>Hier leest het samenwerkingsverband binnenkort de reflecties en ontvangstbevestigingen die scholen zelf hebben gedeeld. "#,
    r#"Dat kan nog niet in deze versie.</p>"#,
    r#"<p>Scholen kunnen nu al delen: het formaat van de bestanden staat vast, zodat ze straks hier te lezen zijn. "#,
    r#"Andere programma's kunnen ze ook lezen.</p>"#,
);
