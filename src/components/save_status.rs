//! The save status line: a polite live region, plus a backup button when
//! saving failed.
//!
//! The text only changes when the state does ("Opgeslagen" stays
//! "Opgeslagen" through many saves), so a screen reader announces the first
//! save and every failure, not every pause in typing.

use leptos::prelude::*;

use crate::autosave::SaveStatus;

#[component]
pub fn SaveStatusLine(
    /// The status of the form's autosave.
    status: ReadSignal<SaveStatus>,
    /// Downloads everything typed so far; offered when saving failed.
    #[prop(into)]
    on_backup: Callback<()>,
) -> impl IntoView {
    let failed = move || matches!(status.get(), SaveStatus::Failed(_));
    view! {
        <div class="zb-save" class:zb-save--failed=failed>
            <p role="status" class="zb-save__text">
                {move || match status.get() {
                    SaveStatus::Nothing => {
                        "Wat je typt, wordt vanzelf opgeslagen op dit apparaat.".to_owned()
                    }
                    SaveStatus::Saved => "Opgeslagen op dit apparaat.".to_owned(),
                    SaveStatus::Failed(e) => {
                        format!(
                            "Niet opgeslagen: {}. Wat je typt, staat alleen nog in dit tabblad. Download een reservekopie, zodat je niets kwijtraakt.",
                            e.uitleg(),
                        )
                    }
                }}
            </p>
            <Show when=failed>
                <button
                    type="button"
                    class="zb-button zb-button--secondary"
                    on:click=move |_| on_backup.run(())
                >
                    "Download reservekopie"
                </button>
            </Show>
        </div>
    }
}
