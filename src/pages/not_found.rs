//! Any address under the app that is not one of its pages.

use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <h1 tabindex="-1">"Deze pagina bestaat niet"</h1>
        <p>"Misschien is de link niet helemaal goed overgenomen. "<a href="./">"Ga naar de startpagina"</a></p>
    }
}
