//! The markup of the receipt form, as pure functions (tested natively).
//!
//! Every input carries a [`Field`], the part of the [`Receipt`] it edits;
//! every field that can be wrong is a [`Check`], with an error paragraph
//! that stays hidden until there is something to say.

use zichtbaar_core::export::NotReady;
use zichtbaar_core::record::{ReceiptText, Role, SharedWithColleagues};
use zichtbaar_core::{Receipt, Record, RecordId};

use zichtbaar_core::shared::{Shared, Via};

use crate::html::{html, names, Id, Markup};

/// Where the receipt editor is drawn, below the introduction.
/// The line with the deadline, hidden once the receipt was sent.
pub const DEADLINE: Id = Id("r-deadline");
/// When and how the receipt was sent ([`sent`]), drawn again after a change.
pub const SENT: Id = Id("r-sent");
pub const EDITOR: Id = Id("r-editor");
/// The error summary, empty and hidden until sending is tried.
pub const ERRORS: Id = Id("r-errors");
/// The form; hidden (not removed) while sharing.
pub const FORM: Id = Id("r-form");
/// The share step.
pub const SHARE: Id = Id("r-share");
/// The form's fields, drawn again when another tab changed them.
pub const FIELDS: Id = Id("r-fields");

impl Field {
    /// The receipt's free-text field this input edits, if it is one.
    pub fn text(self) -> Option<ReceiptText> {
        match self {
            Field::RoleOther => Some(ReceiptText::RoleOther),
            Field::Reactions => Some(ReceiptText::Reactions),
            Field::Wishes => Some(ReceiptText::Wishes),
            Field::SchoolName | Field::Brin | Field::Role | Field::Received | Field::Shared => None,
        }
    }
}

names! {
    /// The part of the receipt an input edits.
    pub enum Field in field {
        SchoolName = "schoolName",
        Brin = "brin",
        Role = "role",
        RoleOther = "roleOther",
        Received = "received",
        Shared = "shared",
        Reactions = "reactions",
        Wishes = "wishes",
    }
}

names! {
    /// The inputs that can be wrong, by id: error summary links say which
    /// one to focus.
    pub enum Check in focus {
        School = "r-school",
        Brin = "r-brin",
        Received = "r-received",
    }
}

impl Check {
    pub fn input(self) -> Id {
        Id(crate::html::Name::as_str(self))
    }

    pub fn error(self) -> Id {
        Id(match self {
            Check::School => "r-school-error",
            Check::Brin => "r-brin-error",
            Check::Received => "r-received-error",
        })
    }
}

names! {
    /// What the form's buttons do.
    pub enum Action in action {
        Next = "next",
        New = "new",
    }
}

/// The input a problem belongs to, and what to say about it.
pub fn problem_text(p: NotReady) -> (Check, &'static str) {
    match p {
        NotReady::SchoolNameMissing => (Check::School, "Vul de naam van de school in."),
        NotReady::BrinMalformed => (
            Check::Brin,
            "Een BRIN-code bestaat uit 2 cijfers en 2 letters, bijvoorbeeld 12AB. Je mag dit veld ook leeg laten.",
        ),
        NotReady::NotConfirmed => (
            Check::Received,
            "Vink aan dat jullie de handreiking hebben ontvangen.",
        ),
    }
}

fn error(check: Check) -> Markup {
    html! { p class="zb-error" id=(check.error()) hidden {} }
}

fn radios<T: Copy + PartialEq>(
    field: Field,
    options: &[T],
    chosen: Option<T>,
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Markup {
    html! {
        div.zb-scale {
            @for &o in options {
                label class="zb-choice" {
                    input type="radio" name=(field) value=(value(o)) data-field=(field) checked[chosen == Some(o)];
                    span { (label(o)) }
                }
            }
        }
    }
}

/// A label or legend's text and whether the field must be filled: every
/// field says one or the other, in the same way.
fn caption(text: &str, required: bool) -> Markup {
    html! {
        (text) " "
        span.zb-required { @if required { "(verplicht)" } @else { "(niet verplicht)" } }
    }
}

fn textarea(id: &str, field: Field, label: &str, hint: &str, value: &str) -> Markup {
    let hint_id = format!("{id}-hint");
    html! {
        div.zb-field {
            label for=(id) { (caption(label, false)) }
            p class="zb-hint" id=(hint_id) { (hint) }
            textarea id=(id) class="zb-textarea" rows="4" data-field=(field) aria-describedby=(hint_id) {
                "\n" (value)
            }
        }
    }
}

const ROLE_OTHER: &str = "r-role-other";

/// The form, filled in with `r`.
/// What the form calls a field of the receipt, by its JSON key (for the
/// notice of texts that two tabs both changed).
pub fn field_label(key: &str) -> &'static str {
    match key {
        "schoolName" => "Naam van de school",
        "brin" => "BRIN-code",
        _ => ReceiptText::parse(key).map_or("", ReceiptText::label),
    }
}

pub fn form(r: &Receipt) -> Markup {
    let school = Check::School;
    let brin = Check::Brin;
    let received = Check::Received;
    html! {
        div.zb-field {
            label for=(school.input()) { (caption("Naam van de school", true)) }
            (error(school))
            input id=(school.input()) class="zb-input" data-field=(Field::SchoolName) value=(r.school_name)
                aria-describedby=(school.error()) autocomplete="organization" required;
        }
        div.zb-field {
            label for=(brin.input()) { (caption("BRIN-code", false)) }
            p class="zb-hint" id="r-brin-hint" { "2 cijfers en 2 letters, bijvoorbeeld 12AB." }
            (error(brin))
            input id=(brin.input()) class="zb-input zb-input--short" data-field=(Field::Brin) value=(r.brin)
                aria-describedby={ "r-brin-hint " (brin.error()) } maxlength="4" autocapitalize="characters" spellcheck="false";
        }
        fieldset.zb-field {
            legend { (caption("Je rol", false)) }
            (radios(Field::Role, &Role::ALL, r.answers.role, Role::as_str, Role::label))
            div class="zb-field zb-field--nested" {
                label for=(ROLE_OTHER) { "Als je 'Anders' kiest: wat is je rol?" }
                input id=(ROLE_OTHER) class="zb-input" data-field=(Field::RoleOther) value=(r.answers.role_other);
            }
        }
        fieldset class="zb-field" aria-describedby=(received.error()) {
            legend { (caption("Ontvangen", true)) }
            (error(received))
            label class="zb-choice" {
                input type="checkbox" id=(received.input()) data-field=(Field::Received)
                    aria-describedby=(received.error()) checked[r.answers.received];
                span { "Ja, onze school heeft de handreiking ontvangen." }
            }
        }
        fieldset.zb-field {
            legend { (caption("Heb je de handreiking gedeeld met collega's?", false)) }
            (radios(Field::Shared, &SharedWithColleagues::ALL, r.answers.shared_with_colleagues, SharedWithColleagues::as_str, SharedWithColleagues::label))
        }
        (textarea("r-reactions", Field::Reactions, "Wat vind je van de handreiking?", "Bijvoorbeeld: wat helpt je, wat mis je, wat is niet duidelijk?", &r.answers.reactions))
        (textarea("r-wishes", Field::Wishes, "Wat wil je bespreken met het samenwerkingsverband?", "Onderwerpen of vragen voor het gesprek.", &r.answers.wishes))
    }
}

/// The top of the page, and the place for the editor ([`EDITOR`]).
pub fn intro(title: &str, swv: &str, deadline: &str) -> Markup {
    html! {
        h1 tabindex="-1" { "Ontvangst van de handreiking bevestigen" }
        p.zb-lead {
            (swv) " vraagt elke school om te laten weten dat de handreiking '" (title) "' is aangekomen. We horen ook graag wat je ervan vindt. Collega's mogen ook reageren."
        }
        p.zb-deadline id=(DEADLINE) { strong { (deadline) } }
        p.zb-privacy-line { "Wat je invult, blijft op dit apparaat tot je het zelf deelt. We vragen niet naar je naam." }
        div id=(EDITOR) {}
    }
}

/// Shown instead of the form when no instrument asks for a receipt.
pub fn no_receipt() -> Markup {
    html! {
        h1 tabindex="-1" { "Ontvangst bevestigen" }
        p { "In deze versie van Zichtbaar vraagt geen handreiking om een ontvangstbevestiging." }
    }
}

/// The page below its introduction: the save status, the error summary
/// ([`ERRORS`], empty until needed), the form ([`FORM`]) and the share step
/// ([`SHARE`]). While sharing, the form is hidden, not removed.
pub fn page(
    status: Markup,
    sent: Markup,
    form_html: Markup,
    list: Markup,
    share: Option<Markup>,
) -> Markup {
    html! {
        (status)
        div id=(SENT) { (sent) }
        (crate::components::elsewhere::region())
        div id=(ERRORS) class="zb-error-summary" tabindex="-1" role="alert" hidden {}
        div id=(FORM) class="zb-receipt" hidden[share.is_some()] {
            form id=(FIELDS) class="zb-form" novalidate { (form_html) }
            div.zb-form__actions {
                button type="button" class="zb-button" data-action=(Action::Next) { "Verder naar versturen" }
            }
            div.zb-form__new {
                p { "Vul je dit in voor een collega, op dezelfde computer? Begin dan een nieuwe bevestiging. De vorige blijft bewaard." }
                button type="button" class="zb-button zb-button--secondary" data-action=(Action::New) { "Nieuwe bevestiging beginnen" }
                (list)
            }
        }
        div id=(SHARE) { @if let Some(share) = share { (share) } }
    }
}

/// The receipts on this device, when there is more than one: each a link
/// that opens it, the open one marked.
pub fn receipt_list(receipts: &[&Record], open: Option<&RecordId>) -> Markup {
    // Shown when there is another receipt to go back to: two or more, or
    // one while a new one is open that has not been saved yet.
    let others = receipts.iter().filter(|r| open != Some(&r.id)).count();
    if others == 0 {
        return html! {};
    }
    html! {
        h2.zb-form__list-title { "Bevestigingen op dit apparaat" }
        ul.zb-form__list {
            @for r in receipts {
                @if let Some(receipt) = r.receipt() {
                    @let school = if receipt.school_name.trim().is_empty() { "Zonder naam van de school" } else { receipt.school_name.trim() };
                    @let role = receipt.answers.role.map_or("rol niet ingevuld", Role::in_sentence);
                    @let text = format!("{school}, {role} (bijgewerkt {})", r.updated.dutch());
                    li {
                        @if open == Some(&r.id) {
                            span aria-current="true" { (text) }
                            " (nu open)"
                        } @else {
                            a href={ "ontvangst/?bevestiging=" (r.id) } { (text) }
                        }
                    }
                }
            }
        }
    }
}

/// When and how this receipt was sent, if it was: `sentence` from
/// `zichtbaar_core::shared`, and whether it changed since.
pub fn sent(sent: Option<&Shared>, changed_since: bool, swv: &str) -> Markup {
    html! {
        @if let Some(sent) = sent {
            div.zb-sent {
                p { strong { (sent.via.label()) } " " (sent.sentence(swv)) }
                @if changed_since {
                    p { "Daarna heb je nog iets veranderd. Verstuur je bevestiging opnieuw, dan heeft " (swv) " de nieuwste." }
                } @else if sent.via == Via::Mail {
                    p { "Staat de e-mail niet bij je verzonden berichten? Verstuur hem dan opnieuw." }
                }
                button type="button" class="zb-button zb-button--secondary" data-action=(Action::Next) { "Opnieuw versturen" }
            }
        }
    }
}

/// The share step while the share page loads, or why it cannot be shown yet.
pub fn share_view(swv: &str, leaving: bool) -> Markup {
    html! {
        h2 tabindex="-1" { "Versturen naar " (swv) }
        @if leaving {
            p { "Even geduld: de pagina om te delen wordt geopend." }
        } @else {
            p.zb-notice {
                "Het formulier is nog niet compleet. "
                a href="ontvangst/" { "Ga terug naar het formulier" }
            }
        }
    }
}

/// The error summary: what to fix, each a link to its field.
pub fn error_summary(problems: &[NotReady]) -> Markup {
    html! {
        h2 { "Nog niet klaar om te delen" }
        ul {
            @for &p in problems {
                @let (check, text) = problem_text(p);
                li { a href={ "ontvangst/#" (check.input()) } data-focus=(check) { (text) } }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::attr_values;
    use zichtbaar_core::record::ReceiptAnswers;

    /// Found by an independent try: after "Nieuwe bevestiging beginnen"
    /// the one before could not be opened again until the new one was
    /// saved.
    #[test]
    fn the_receipts_list_shows_whenever_there_is_another_to_go_back_to() {
        let instrument = &crate::instruments::all()[0];
        let year = zichtbaar_core::SchoolYear::starting(2026);
        let day = zichtbaar_core::Date::new(2026, 11, 23).unwrap();
        let mut first = Record::new_receipt(RecordId::from_random([1; 16]), instrument, year, day);
        if let zichtbaar_core::Body::Receipt(r) = &mut first.body {
            r.school_name = "Het Vossius".into();
        }
        let second = Record::new_receipt(RecordId::from_random([2; 16]), instrument, year, day);
        // One receipt, and it is open: nothing to go back to.
        assert!(receipt_list(&[&first], Some(&first.id))
            .into_string()
            .is_empty());
        // A new one open, not saved yet: the one before is a link.
        let html = receipt_list(&[&first], None).into_string();
        assert!(
            html.contains(&format!("href=\"ontvangst/?bevestiging={}\"", first.id)),
            "{html}"
        );
        assert!(html.contains("Het Vossius"));
        // Two saved: both listed, the open one marked.
        let html = receipt_list(&[&first, &second], Some(&second.id)).into_string();
        assert_eq!(html.matches("<li>").count(), 2);
        assert!(html.contains("(nu open)"));
    }

    #[test]
    fn every_input_is_labelled_and_every_id_unique() {
        let html = form(&Receipt::default()).into_string();
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
        let html = form(&r).into_string();
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
        let html =
            error_summary(&[NotReady::SchoolNameMissing, NotReady::BrinMalformed]).into_string();
        assert!(html.contains("data-focus=\"r-school\">Vul de naam van de school in.</a>"));
        assert!(html.contains("data-focus=\"r-brin\""));
        assert_eq!(html.matches("<li>").count(), 2);
    }
}
