//! The save status line: a polite live region, plus a backup button when
//! saving failed.
//!
//! The live region is drawn once ([`markup`]) and then only its text changes
//! ([`follow`]), which is what makes screen readers announce it. The text
//! only changes when the state does ("Opgeslagen" stays "Opgeslagen" through
//! many saves), so a screen reader announces the first save and every
//! failure, not every pause in typing. The component handles its own backup
//! button: the host page only says what to back up.

use leptos::prelude::*;

use crate::autosave::SaveStatus;
use crate::dom;
use crate::html::{html, names, Id, Markup};

const SAVE: Id = Id("zb-save");
const TEXT: Id = Id("zb-save-text");
const BACKUP: Id = Id("zb-save-backup");

names! {
    /// What the status line's buttons do.
    pub enum Action in action {
        Backup = "backup",
    }
}

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

fn class(status: &SaveStatus) -> &'static str {
    match status {
        SaveStatus::Failed(_) => "zb-save zb-save--failed",
        _ => "zb-save",
    }
}

/// The status line as first drawn.
pub fn markup(status: &SaveStatus) -> Markup {
    let failed = matches!(status, SaveStatus::Failed(_));
    html! {
        div id=(SAVE) class=(class(status)) {
            p id=(TEXT) class="zb-save__text" role="status" { (text(status)) }
            button type="button" id=(BACKUP) class="zb-button zb-button--secondary"
                data-action=(Action::Backup) hidden[!failed] { "Download reservekopie" }
        }
    }
}

/// Keeps the drawn status line in step with `status`, and runs `backup`
/// when its backup button (inside `host`) is pressed.
pub fn follow(
    host: &web_sys::EventTarget,
    status: ReadSignal<SaveStatus>,
    backup: impl Fn() + 'static,
) {
    Effect::new(move |_| {
        let s = status.get();
        let failed = matches!(s, SaveStatus::Failed(_));
        dom::set_text(TEXT, &text(&s));
        dom::set_attr(SAVE, "class", Some(class(&s)));
        dom::set_attr(BACKUP, "hidden", (!failed).then_some(""));
    });
    dom::keep(vec![dom::listen(
        host,
        "click",
        move |ev| match dom::named::<Action>(&ev) {
            Some((Action::Backup, _)) => backup(),
            None => {}
        },
    )]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::StorageError;

    #[test]
    fn the_backup_button_shows_only_when_saving_failed() {
        let ok = markup(&SaveStatus::Saved).into_string();
        assert!(ok.contains("role=\"status\">Opgeslagen op dit apparaat.</p>"));
        assert!(ok.contains("data-action=\"backup\" hidden>"));
        let failed = markup(&SaveStatus::Failed(StorageError::Full)).into_string();
        assert!(failed.contains("zb-save--failed"));
        assert!(failed.contains("Niet opgeslagen: de opslag van je browser is vol."));
        assert!(!failed.contains(" hidden>"));
    }
}
