//! Any address under the app that is not one of its pages.

/// Static markup, written here (no data goes in it).
pub const HTML: &str = concat!(
    r#"<h1 tabindex="-1">Deze pagina bestaat niet</h1>"#,
    r#"<p>Misschien is de link niet helemaal goed overgenomen. <a href="./">Ga naar de startpagina</a></p>"#,
);
