//! `/reflectie`.

use leptos::prelude::*;

#[component]
pub fn ReflectiePage() -> impl IntoView {
    view! {
        <h1 tabindex="-1">"Reflectie"</h1>
        <p>"De reflectie op de handreiking komt hier."</p>
    }
}
