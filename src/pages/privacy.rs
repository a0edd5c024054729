//! `/privacy`.

use leptos::prelude::*;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! {
        <h1 tabindex="-1">"Privacy en opslag"</h1>
        <p>"Alles wat je invult, blijft in de browser op dit apparaat. Er gaat niets naar een server, tenzij je zelf iets deelt."</p>
    }
}
