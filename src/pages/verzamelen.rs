//! `/verzamelen`.

use leptos::prelude::*;

#[component]
pub fn VerzamelenPage() -> impl IntoView {
    view! {
        <h1 tabindex="-1">"Gedeelde reflecties lezen"</h1>
        <p>"Hier leest het samenwerkingsverband straks reflecties die scholen hebben gedeeld."</p>
    }
}
