//! Any address under the app that is not one of its pages.

use crate::html::{html, Markup};

pub fn markup() -> Markup {
    html! {
        h1 tabindex="-1" { "Deze pagina bestaat niet" }
        p {
            "Misschien is de link niet helemaal goed overgenomen. "
            a href="./" { "Ga naar de startpagina" }
        }
    }
}
