//! What another tab changed: a notice in a polite live region, for every
//! form that two tabs may have open at once (see `crate::draft`).

use crate::html::{html, Id, Markup};

/// The live region, drawn empty with the page.
pub const REGION: Id = Id("zb-elders");

/// The empty live region, for the page's markup.
pub fn region() -> Markup {
    html! { div id=(REGION) aria-live="polite" {} }
}

/// The notice: `what` ("deze reflectie") was changed in another tab too,
/// and `both` names the texts both tabs changed (they now hold both texts).
pub fn notice(what: &str, both: &[String]) -> Markup {
    html! {
        div.zb-notice {
            p { "In een ander tabblad is " (what) " ook aangepast. Je ziet hier nu ook die wijzigingen." }
            @if !both.is_empty() {
                p { "Deze teksten zijn in beide tabbladen aangepast. Beide teksten staan nu in het veld, die van dit tabblad eerst. Haal weg wat niet klopt." }
                ul { @for label in both { li { (label) } } }
            }
        }
    }
}

/// Adds the texts both tabs changed in the latest merge to those named
/// since the form opened. The notice keeps naming them: a later change from
/// the other tab that clashes with nothing (its autosave after it merged)
/// must not take the list away before it has been read.
pub fn keep_naming(named: &mut Vec<String>, latest: Vec<String>) {
    for key in latest {
        if !named.contains(&key) {
            named.push(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_both_tabs_changed_stay_named_after_a_later_merge_without_them() {
        let mut named = Vec::new();
        keep_naming(&mut named, vec!["a/aanpak".to_owned()]);
        keep_naming(&mut named, Vec::new());
        keep_naming(
            &mut named,
            vec!["b/aanpak".to_owned(), "a/aanpak".to_owned()],
        );
        assert_eq!(named, ["a/aanpak", "b/aanpak"]);
    }

    #[test]
    fn the_notice_names_the_texts_both_tabs_changed_escaped() {
        let plain = notice("deze reflectie", &[]).into_string();
        assert!(plain.contains("In een ander tabblad is deze reflectie ook aangepast."));
        assert!(!plain.contains("<ul>"));
        let both = notice("deze bevestiging", &["<b>Reacties</b>".to_owned()]).into_string();
        assert!(both.contains("<li>&lt;b&gt;Reacties&lt;/b&gt;</li>"));
    }
}
