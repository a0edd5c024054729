//! The save status line: a polite live region, plus a backup button when
//! saving failed.
//!
//! The live region is drawn once ([`markup`]) and then only its text changes
//! ([`follow`]), which is what makes screen readers announce it. The text
//! only changes when the state does ("Opgeslagen" stays "Opgeslagen" through
//! many saves), so a screen reader announces the first save and every
//! failure, not every pause in typing. The backup button has
//! `data-action="backup"`; the page's click handler does the download.

use leptos::prelude::*;

use crate::autosave::SaveStatus;
use crate::dom;
use crate::html::{a, flag, Html};

fn text(status: &SaveStatus) -> String {
    match status {
        SaveStatus::Nothing => "Wat je typt, wordt vanzelf opgeslagen op dit apparaat.".to_owned(),
        SaveStatus::Saved => "Opgeslagen op dit apparaat.".to_owned(),
        SaveStatus::Failed(e) => format!(
            "Niet opgeslagen: {}. Wat je typt, staat alleen nog in dit tabblad. Download een reservekopie, zodat je niets kwijtraakt.",
            e.uitleg()
        ),
    }
}

/// The status line as first drawn.
pub fn markup(status: &SaveStatus) -> String {
    let failed = matches!(status, SaveStatus::Failed(_));
    let mut h = Html::new();
    h.open(
        "div",
        &[
            a("id", "zb-save"),
            a(
                "class",
                if failed {
                    "zb-save zb-save--failed"
                } else {
                    "zb-save"
                },
            ),
        ],
    )
    .el(
        "p",
        &[
            a("id", "zb-save-text"),
            a("class", "zb-save__text"),
            a("role", "status"),
        ],
        &text(status),
    )
    .el(
        "button",
        &[
            a("type", "button"),
            a("id", "zb-save-backup"),
            a("class", "zb-button zb-button--secondary"),
            a("data-action", "backup"),
            flag("hidden", !failed),
        ],
        "Download reservekopie",
    )
    .close("div");
    h.finish()
}

/// Keeps the drawn status line in step with `status`.
pub fn follow(status: ReadSignal<SaveStatus>) {
    Effect::new(move |_| {
        let s = status.get();
        let failed = matches!(s, SaveStatus::Failed(_));
        dom::set_text("zb-save-text", &text(&s));
        dom::set_attr(
            "zb-save",
            "class",
            Some(if failed {
                "zb-save zb-save--failed"
            } else {
                "zb-save"
            }),
        );
        dom::set_attr("zb-save-backup", "hidden", (!failed).then_some(""));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::StorageError;

    #[test]
    fn the_backup_button_shows_only_when_saving_failed() {
        let ok = markup(&SaveStatus::Saved);
        assert!(ok.contains("role=\"status\">Opgeslagen op dit apparaat.</p>"));
        assert!(ok.contains("data-action=\"backup\" hidden>"));
        let failed = markup(&SaveStatus::Failed(StorageError::Full));
        assert!(failed.contains("zb-save--failed"));
        assert!(failed.contains("Niet opgeslagen: de opslag van je browser is vol."));
        assert!(!failed.contains(" hidden>"));
    }
}
