//! `/ontvangst`.

use leptos::prelude::*;

#[component]
pub fn OntvangstPage() -> impl IntoView {
    view! {
        <h1 tabindex="-1">"Ontvangst bevestigen"</h1>
        <p>"Hier bevestig je straks dat je school de handreiking heeft ontvangen."</p>
    }
}
