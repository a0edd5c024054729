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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_names_the_texts_both_tabs_changed_escaped() {
        let plain = notice("deze reflectie", &[]).into_string();
        assert!(plain.contains("In een ander tabblad is deze reflectie ook aangepast."));
        assert!(!plain.contains("<ul>"));
        let both = notice("deze bevestiging", &["<b>Reacties</b>".to_owned()]).into_string();
        assert!(both.contains("<li>&lt;b&gt;Reacties&lt;/b&gt;</li>"));
    }
}
