//! The markup of the receipt form, as pure functions (tested natively).
//!
//! Every input carries `data-field`, the name of the [`Receipt`] field it
//! edits; every field that can be wrong has an error paragraph
//! `<id>-error`, hidden until there is something to say.

use zichtbaar_core::export::NotReady;
use zichtbaar_core::record::{Role, SharedWithColleagues};
use zichtbaar_core::{Receipt, Record, RecordId};

use crate::components::share_markup::{role_label, shared_label};
use crate::html::{a, flag, Html};

pub const ROLES: [Role; 5] = [
    Role::Directeur,
    Role::Ondersteuningscoordinator,
    Role::Teamleider,
    Role::Docent,
    Role::Anders,
];

pub const SHARED: [SharedWithColleagues; 3] = [
    SharedWithColleagues::Ja,
    SharedWithColleagues::Nee,
    SharedWithColleagues::NogNiet,
];

pub fn role_value(role: Role) -> &'static str {
    match role {
        Role::Directeur => "directeur",
        Role::Ondersteuningscoordinator => "ondersteuningscoordinator",
        Role::Teamleider => "teamleider",
        Role::Docent => "docent",
        Role::Anders => "anders",
    }
}

pub fn shared_value(s: SharedWithColleagues) -> &'static str {
    match s {
        SharedWithColleagues::Ja => "ja",
        SharedWithColleagues::Nee => "nee",
        SharedWithColleagues::NogNiet => "nog-niet",
    }
}

/// The input a problem belongs to, and what to say about it.
pub fn problem_text(p: NotReady) -> (&'static str, &'static str) {
    match p {
        NotReady::SchoolNameMissing => ("r-school", "Vul de naam van de school in."),
        NotReady::BrinMalformed => (
            "r-brin",
            "Een BRIN-code bestaat uit 2 cijfers en 2 letters, bijvoorbeeld 12AB. Je mag dit veld ook leeg laten.",
        ),
        NotReady::NotConfirmed => (
            "r-received",
            "Vink aan dat jullie de handreiking hebben ontvangen.",
        ),
    }
}

fn error(h: &mut Html, id: &str) {
    h.open(
        "p",
        &[
            a("class", "zb-error"),
            a("id", &format!("{id}-error")),
            flag("hidden", true),
        ],
    )
    .close("p");
}

fn text_input(
    h: &mut Html,
    id: &str,
    field: &str,
    value: &str,
    described: Option<&str>,
    class: &str,
    extra: &[(&str, Option<&str>)],
) {
    let mut attrs = vec![
        a("id", id),
        a("class", class),
        a("data-field", field),
        a("value", value),
        ("aria-describedby", described),
    ];
    attrs.extend_from_slice(extra);
    h.open("input", &attrs);
}

fn radios<T: Copy + PartialEq>(
    h: &mut Html,
    field: &str,
    options: &[T],
    chosen: Option<T>,
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) {
    h.open("div", &[a("class", "zb-scale")]);
    for &o in options {
        h.open("label", &[a("class", "zb-choice")])
            .open(
                "input",
                &[
                    a("type", "radio"),
                    a("name", field),
                    a("value", value(o)),
                    a("data-field", field),
                    flag("checked", chosen == Some(o)),
                ],
            )
            .el("span", &[], label(o))
            .close("label");
    }
    h.close("div");
}

/// A label or legend with its text and whether the field must be filled:
/// every field says one or the other, in the same way.
fn caption(h: &mut Html, tag: &str, attrs: &[(&str, Option<&str>)], text: &str, required: bool) {
    h.open(tag, attrs)
        .text(text)
        .text(" ")
        .el(
            "span",
            &[a("class", "zb-required")],
            if required {
                "(verplicht)"
            } else {
                "(niet verplicht)"
            },
        )
        .close(tag);
}

fn textarea(h: &mut Html, id: &str, field: &str, label: &str, hint: &str, value: &str) {
    let hint_id = format!("{id}-hint");
    h.open("div", &[a("class", "zb-field")]);
    caption(h, "label", &[a("for", id)], label, false);
    h.el("p", &[a("class", "zb-hint"), a("id", &hint_id)], hint)
        .open(
            "textarea",
            &[
                a("id", id),
                a("class", "zb-textarea"),
                a("rows", "4"),
                a("data-field", field),
                a("aria-describedby", &hint_id),
            ],
        )
        .text("\n")
        .text(value)
        .close("textarea")
        .close("div");
}

/// The form, filled in with `r`.
pub fn form(r: &Receipt) -> String {
    let mut h = Html::new();

    h.open("div", &[a("class", "zb-field")]);
    caption(
        &mut h,
        "label",
        &[a("for", "r-school")],
        "Naam van de school",
        true,
    );
    error(&mut h, "r-school");
    text_input(
        &mut h,
        "r-school",
        "schoolName",
        &r.school_name,
        Some("r-school-error"),
        "zb-input",
        &[a("autocomplete", "organization"), flag("required", true)],
    );
    h.close("div");

    h.open("div", &[a("class", "zb-field")]);
    caption(&mut h, "label", &[a("for", "r-brin")], "BRIN-code", false);
    h.el(
        "p",
        &[a("class", "zb-hint"), a("id", "r-brin-hint")],
        "2 cijfers en 2 letters, bijvoorbeeld 12AB.",
    );
    error(&mut h, "r-brin");
    text_input(
        &mut h,
        "r-brin",
        "brin",
        &r.brin,
        Some("r-brin-hint r-brin-error"),
        "zb-input zb-input--short",
        &[
            a("maxlength", "4"),
            a("autocapitalize", "characters"),
            a("spellcheck", "false"),
        ],
    );
    h.close("div");

    h.open("fieldset", &[a("class", "zb-field")]);
    caption(&mut h, "legend", &[], "Je rol", false);
    radios(
        &mut h,
        "role",
        &ROLES,
        r.answers.role,
        role_value,
        role_label,
    );
    h.open("div", &[a("class", "zb-field zb-field--nested")])
        .el(
            "label",
            &[a("for", "r-role-other")],
            "Als je 'Anders' kiest: wat is je rol?",
        );
    text_input(
        &mut h,
        "r-role-other",
        "roleOther",
        &r.answers.role_other,
        None,
        "zb-input",
        &[],
    );
    h.close("div").close("fieldset");

    h.open(
        "fieldset",
        &[
            a("class", "zb-field"),
            a("aria-describedby", "r-received-error"),
        ],
    );
    caption(&mut h, "legend", &[], "Ontvangen", true);
    error(&mut h, "r-received");
    h.open("label", &[a("class", "zb-choice")])
        .open(
            "input",
            &[
                a("type", "checkbox"),
                a("id", "r-received"),
                a("data-field", "received"),
                a("aria-describedby", "r-received-error"),
                flag("checked", r.answers.received),
            ],
        )
        .el(
            "span",
            &[],
            "Ja, onze school heeft de handreiking ontvangen.",
        )
        .close("label")
        .close("fieldset");

    h.open("fieldset", &[a("class", "zb-field")]);
    caption(
        &mut h,
        "legend",
        &[],
        "Heb je de handreiking gedeeld met collega's?",
        false,
    );
    radios(
        &mut h,
        "shared",
        &SHARED,
        r.answers.shared_with_colleagues,
        shared_value,
        shared_label,
    );
    h.close("fieldset");

    textarea(
        &mut h,
        "r-reactions",
        "reactions",
        "Wat vind je van de handreiking?",
        "Bijvoorbeeld: wat helpt je, wat mis je, wat is niet duidelijk?",
        &r.answers.reactions,
    );
    textarea(
        &mut h,
        "r-wishes",
        "wishes",
        "Wat wil je bespreken met het samenwerkingsverband?",
        "Onderwerpen of vragen voor het gesprek.",
        &r.answers.wishes,
    );
    h.finish()
}

/// The top of the page, and the place for the editor (`r-editor`).
pub fn intro(title: &str, deadline: &str) -> String {
    let mut h = Html::new();
    h.el(
        "h1",
        &[a("tabindex", "-1")],
        "Ontvangst van de handreiking bevestigen",
    );
    h.el(
        "p",
        &[a("class", "zb-lead")],
        &format!(
            "Het samenwerkingsverband vraagt elke school om te laten weten dat de handreiking '{title}' is aangekomen. We horen ook graag wat je ervan vindt. Collega's mogen ook reageren."
        ),
    );
    h.open("p", &[a("class", "zb-deadline")])
        .el("strong", &[], deadline)
        .close("p");
    h.el(
        "p",
        &[a("class", "zb-privacy-line")],
        "Wat je invult, blijft op dit apparaat tot je het zelf deelt. We vragen niet naar je naam.",
    );
    h.open("div", &[a("id", "r-editor")]).close("div");
    h.finish()
}

/// The page below its introduction: the save status, the error summary
/// (`r-errors`, empty until needed), the form (`r-form`) and the share step
/// (`r-share`). While sharing, the form is hidden, not removed.
pub fn page(status: &str, form_html: &str, list: &str, share: Option<&str>) -> String {
    let mut h = Html::new();
    h.raw(status);
    h.open(
        "div",
        &[
            a("id", "r-errors"),
            a("class", "zb-error-summary"),
            a("tabindex", "-1"),
            a("role", "alert"),
            flag("hidden", true),
        ],
    )
    .close("div");
    h.open(
        "div",
        &[a("id", "r-form"), a("class", "zb-receipt"), flag("hidden", share.is_some())],
    )
    .open("form", &[a("class", "zb-form"), flag("novalidate", true)])
    .raw(form_html)
    .close("form")
    .open("div", &[a("class", "zb-form__actions")])
    .el(
        "button",
        &[a("type", "button"), a("class", "zb-button"), a("data-action", "next")],
        "Verder naar delen",
    )
    .close("div")
    .open("div", &[a("class", "zb-form__new")])
    .el(
        "p",
        &[],
        "Vul je dit in voor een collega, op dezelfde computer? Begin dan een nieuwe bevestiging. De vorige blijft bewaard.",
    )
    .el(
        "button",
        &[
            a("type", "button"),
            a("class", "zb-button zb-button--secondary"),
            a("data-action", "new"),
        ],
        "Nieuwe bevestiging beginnen",
    )
    .raw(list)
    .close("div")
    .close("div");
    h.open("div", &[a("id", "r-share")])
        .raw(share.unwrap_or(""))
        .close("div");
    h.finish()
}

/// The receipts on this device, when there is more than one: each a link
/// that opens it, the open one marked.
pub fn receipt_list(receipts: &[&Record], open: Option<&RecordId>) -> String {
    if receipts.len() < 2 {
        return String::new();
    }
    let mut h = Html::new();
    h.el(
        "h2",
        &[a("class", "zb-form__list-title")],
        "Bevestigingen op dit apparaat",
    );
    h.open("ul", &[a("class", "zb-form__list")]);
    for r in receipts {
        let Some(receipt) = r.receipt() else { continue };
        let school = if receipt.school_name.trim().is_empty() {
            "Zonder naam van de school"
        } else {
            receipt.school_name.trim()
        };
        // Lower case written out: str::to_lowercase would bring Unicode
        // tables into the wasm.
        let role = match receipt.answers.role {
            Some(Role::Directeur) => "directeur",
            Some(Role::Ondersteuningscoordinator) => "ondersteuningscoördinator",
            Some(Role::Teamleider) => "teamleider",
            Some(Role::Docent) => "docent",
            Some(Role::Anders) => "andere rol",
            None => "rol niet ingevuld",
        };
        let text = format!("{school}, {role} (bijgewerkt {})", r.updated.dutch());
        let is_open = open == Some(&r.id);
        h.open("li", &[]);
        if is_open {
            h.el("span", &[a("aria-current", "true")], &text)
                .text(" (nu open)");
        } else {
            h.el(
                "a",
                &[a("href", &format!("ontvangst/?bevestiging={}", r.id))],
                &text,
            );
        }
        h.close("li");
    }
    h.close("ul");
    h.finish()
}

/// The share step: the panel, or why it cannot be shown yet, and the way back.
pub fn share_view(panel: Option<&str>) -> String {
    let mut h = Html::new();
    match panel {
        Some(panel) => {
            h.raw(panel);
            h.open("p", &[])
                .el("a", &[a("href", "ontvangst/")], "Terug naar het formulier")
                .close("p");
        }
        None => {
            h.open("p", &[a("class", "zb-notice")])
                .text("Het formulier is nog niet compleet. ")
                .el(
                    "a",
                    &[a("href", "ontvangst/")],
                    "Ga terug naar het formulier",
                )
                .close("p");
        }
    }
    h.finish()
}

/// The error summary: what to fix, each a link to its field.
pub fn error_summary(problems: &[NotReady]) -> String {
    let mut h = Html::new();
    h.el("h2", &[], "Nog niet klaar om te delen");
    h.open("ul", &[]);
    for &p in problems {
        let (id, text) = problem_text(p);
        h.open("li", &[])
            .el(
                "a",
                &[a("href", &format!("ontvangst/#{id}")), a("data-focus", id)],
                text,
            )
            .close("li");
    }
    h.close("ul");
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::attr_values;
    use zichtbaar_core::record::ReceiptAnswers;

    #[test]
    fn every_input_is_labelled_and_every_id_unique() {
        let html = form(&Receipt::default());
        let all = attr_values(&html, "id");
        let unique: std::collections::BTreeSet<_> = all.iter().collect();
        assert_eq!(unique.len(), all.len());
        let labelled = attr_values(&html, "for");
        for input in [
            "r-school",
            "r-brin",
            "r-role-other",
            "r-reactions",
            "r-wishes",
        ] {
            assert!(labelled.iter().any(|l| l == input), "{input} has no label");
        }
        // Radios and the checkbox sit inside their label, in a fieldset with a legend.
        assert_eq!(
            html.matches("<fieldset").count(),
            html.matches("<legend").count()
        );
        assert_eq!(
            html.matches("type=\"radio\"").count() + html.matches("type=\"checkbox\"").count(),
            html.matches("<label class=\"zb-choice\">").count()
        );
        // Every error paragraph is named by the control it belongs to.
        for id in all.iter().filter(|i| i.ends_with("-error")) {
            assert!(
                html.contains(&format!("aria-describedby=\"{id}\""))
                    || html.contains(&format!(" {id}\"")),
                "{id} not referenced"
            );
        }
    }

    #[test]
    fn the_form_shows_what_was_saved_escaped() {
        let r = Receipt {
            school_name: "De \"Brug\" & co".into(),
            brin: "12AB".into(),
            answers: ReceiptAnswers {
                role: Some(Role::Teamleider),
                received: true,
                shared_with_colleagues: Some(SharedWithColleagues::NogNiet),
                reactions: "<b>Goed</b>".into(),
                ..ReceiptAnswers::default()
            },
        };
        let html = form(&r);
        assert!(html.contains("value=\"De &quot;Brug&quot; &amp; co\""));
        assert!(html.contains("value=\"teamleider\" data-field=\"role\" checked>"));
        assert!(html.contains("value=\"nog-niet\" data-field=\"shared\" checked>"));
        assert!(
            html.contains("data-field=\"received\" aria-describedby=\"r-received-error\" checked>")
        );
        assert!(html.contains("&lt;b&gt;Goed&lt;/b&gt;</textarea>"));
    }

    #[test]
    fn the_error_summary_links_to_each_field() {
        let html = error_summary(&[NotReady::SchoolNameMissing, NotReady::BrinMalformed]);
        assert!(html.contains("data-focus=\"r-school\">Vul de naam van de school in.</a>"));
        assert!(html.contains("data-focus=\"r-brin\""));
        assert_eq!(html.matches("<li>").count(), 2);
    }
}
