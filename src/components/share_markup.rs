//! The markup of the share panel, as pure functions (tested natively).
//!
//! The preview shows, in words, exactly what the export file holds: every
//! answer or field that goes, with each detail found in it marked, and a
//! button to leave it out or keep it after all. Buttons carry an [`Action`],
//! a [`Scope`], the field (`data-field`: an answer key, an item id or a
//! receipt field) and the hit (`data-hit`); their ids are stable across
//! re-renders so focus can return to the button that was pressed.

use zichtbaar_core::anonymise::Hit;
use zichtbaar_core::export::{Audience, FieldPreview, Preview, ShareChoices};
use zichtbaar_core::instrument::answer_key;
use zichtbaar_core::record::{ReceiptText, Role, SharedWithColleagues};
use zichtbaar_core::{Body, Instrument, Record};

use crate::html::{html, names, Id, Markup, Name};
use crate::instruments::shown;

/// The heading of the share view; pages move focus to it when it opens.
pub const TITLE: Id = Id("zb-share-title");
pub const PREVIEW: Id = Id("zb-share-preview");
pub const JSON: Id = Id("zb-share-json");
pub const MAIL: Id = Id("zb-share-mail");
pub const STATUS: Id = Id("zb-share-status");
/// The line that says when and how the record was last sent.
pub const SENT: Id = Id("zb-share-sent");
/// A receipt's ways to send, drawn again when the choices change.
pub const WAYS: Id = Id("zb-share-ways");
pub const SCHOOL_FIELDS: Id = Id("share-school-fields");
/// The name field of a team share, hidden while sharing with the SWV.
pub const TEAM_FIELDS: Id = Id("share-team-fields");
/// The line under the buttons that says where the file goes.
pub const HOW: Id = Id("zb-share-how");

names! {
    /// What the panel's buttons do.
    pub enum Action in action {
        Share = "share",
        Download = "download",
        Copy = "copy",
        Mail = "mail",
        KeepHit = "keep-hit",
        RedactHit = "redact-hit",
        LeaveOut = "leave-out",
        Include = "include",
    }
}

names! {
    /// What a leave-out button is about.
    pub enum Scope in kind {
        Item = "item",
        Answer = "answer",
    }
}

names! {
    /// The panel's inputs, by id (their labels point at the id).
    pub enum Input in id {
        /// Sharing with the SWV, or ...
        ForSwv = "share-for-swv",
        /// ... with a colleague or team leader.
        ForTeam = "share-for-team",
        /// The name the colleague gives with a team share.
        TeamName = "share-team-name",
        SchoolOn = "share-school-on",
        SchoolName = "share-school-name",
        SchoolBrin = "share-school-brin",
        Names = "share-names",
    }
}

/// A stable id for a button about the field at `field_index`.
fn button_id(kind: &str, field_index: usize, hit: Option<usize>) -> String {
    match hit {
        Some(h) => format!("zb-share-{kind}-{field_index}-{h}"),
        None => format!("zb-share-{kind}-{field_index}"),
    }
}

/// Text with its hits marked, and per hit a button to keep or leave it out.
fn marked_text(f: &FieldPreview, field_index: usize, choices: &ShareChoices) -> Markup {
    // Where the text before each hit starts: after the hit before it.
    let after = |i: usize| i.checked_sub(1).map_or(0, |p| f.hits[p].end);
    html! {
        p.zb-share__text {
            @for (i, hit) in f.hits.iter().enumerate() {
                @let Hit { start, end, kind } = *hit;
                @let found = &f.original[start..end];
                @let kept = f.is_kept(choices, i);
                (&f.original[after(i)..start])
                @if kept {
                    mark class="zb-hit zb-hit--kept" { (found) }
                } @else {
                    mark class="zb-hit" {
                        span.zb-visually-hidden { "Wordt weggelaten: " }
                        s { (found) }
                        span.zb-hit__placeholder { (kind.placeholder()) }
                    }
                }
                " "
                button type="button" class="zb-link-button" id=(button_id("hit", field_index, Some(i)))
                    data-action=(if kept { Action::RedactHit } else { Action::KeepHit })
                    data-field=(f.field) data-hit=(start)
                    aria-label=(if kept { format!("{found} toch weglaten") } else { format!("{found} toch meesturen") }) {
                    @if kept { "Toch weglaten" } @else { "Toch meesturen" }
                }
            }
            (&f.original[after(f.hits.len())..])
        }
    }
}

fn leave_out_button(scope: Scope, index: usize, field: &str, left_out: bool, what: &str) -> Markup {
    html! {
        button type="button" class="zb-link-button" id=(button_id(scope.as_str(), index, None))
            data-action=(if left_out { Action::Include } else { Action::LeaveOut })
            data-kind=(scope) data-field=(field) {
            @if left_out { (what) " toch meesturen" } @else { (what) " weglaten" }
        }
    }
}

fn summary(preview: &Preview, choices: &ShareChoices, is_receipt: bool) -> Markup {
    let redacted = preview.redacted(choices);
    let kept: usize = preview
        .fields
        .iter()
        .filter(|f| !f.left_out)
        .map(|f| f.hits.len())
        .sum::<usize>()
        - redacted;
    let found = |n: usize| {
        if n == 1 {
            "We vonden 1 gegeven waaraan iemand te herkennen kan zijn.".to_owned()
        } else {
            format!("We vonden {n} gegevens waaraan iemand te herkennen kan zijn.")
        }
    };
    let text = match (redacted, kept) {
        (0, 0) if is_receipt => "We vonden geen e-mailadressen, telefoonnummers, adressen, postcodes, rekeningnummers of burgerservicenummers in de tekst.".to_owned(),
        (0, 0) => "We vonden geen e-mailadressen, telefoonnummers, adressen, postcodes, rekeningnummers of burgerservicenummers in de tekst. Namen vinden we alleen als je ze hierboven opgeeft: lees je tekst daarom zelf ook na.".to_owned(),
        (1, 0) => format!("{} Het wordt weggelaten; je ziet het hieronder gemarkeerd.", found(1)),
        (r, 0) => format!("{} Ze worden weggelaten; je ziet ze hieronder gemarkeerd.", found(r)),
        (0, k) => format!("{} Je stuurt {} mee; je ziet {} hieronder gemarkeerd.", found(k), if k == 1 { "het" } else { "ze" }, if k == 1 { "het" } else { "ze" }),
        (r, k) => format!("{} Weggelaten: {r}. Toch mee: {k}. Je ziet ze hieronder gemarkeerd.", found(r + k)),
    };
    html! {
        p.zb-share__summary { (text) }
        @if is_receipt && kept > 0 {
            p.zb-hint { "Een vast telefoonnummer in een bevestiging is meestal dat van de school zelf. Daarom sturen we het mee. Is het van iemand persoonlijk? Kies dan 'Toch weglaten'. Een 06-nummer laten we weg." }
        }
    }
}

/// The key under which an action is left out: `<item>/acties/<id>` (its
/// text fields add `/wat` and `/wie`, see `zichtbaar_core::export`).
fn action_key(item: &str, id: &str) -> String {
    format!("{item}/acties/{id}")
}

/// The readable preview of a reflection export.
fn reflection(
    record: &Record,
    instrument: &Instrument,
    preview: &Preview,
    choices: &ShareChoices,
) -> Markup {
    let Some(reflection) = record.reflection() else {
        return html! {};
    };
    let field = |key: &str| preview.fields.iter().position(|f| f.field == key);
    let items: Vec<_> = instrument
        .items()
        .enumerate()
        .filter_map(|(item_index, item)| {
            let answered: Vec<_> = instrument
                .questions(item)
                .filter_map(|q| {
                    let key = answer_key(&item.id, &q.id);
                    let answer = reflection.answers.get(&key)?;
                    answer.is_answered().then_some((q, key, answer))
                })
                .collect();
            let has_actions = reflection
                .actions
                .get(item.id.as_ref())
                .is_some_and(|a| !a.is_empty());
            (!answered.is_empty() || has_actions).then_some((item_index, item, answered))
        })
        .collect();
    html! {
        @for (item_index, item, answered) in &items {
            @let item_out = choices.left_out_items.contains(item.id.as_ref());
            section class=(if item_out { "zb-share__item zb-share__item--out" } else { "zb-share__item" }) {
                h4 { (shown(&item.title)) }
                (leave_out_button(Scope::Item, *item_index, &item.id, item_out, "Dit onderdeel"))
                @if item_out {
                    p.zb-share__out { "Dit onderdeel deel je niet." }
                } @else {
                    @for (q, key, answer) in answered {
                        @let out = choices.left_out_fields.contains(key);
                        div.zb-share__answer {
                            p.zb-share__question { (shown(&q.text)) }
                            @if out {
                                p.zb-share__out { "Dit antwoord deel je niet." }
                            } @else {
                                @let choice = q
                                    .scale
                                    .as_deref()
                                    .and_then(|s| instrument.scale(s))
                                    .zip(answer.scale.as_deref())
                                    .and_then(|(s, id)| s.options.iter().chain(&s.unknown).find(|o| o.id == id));
                                @if let Some(choice) = choice {
                                    p { strong { (shown(&choice.label)) } }
                                }
                                @if let Some(i) = field(key) {
                                    (marked_text(&preview.fields[i], i, choices))
                                }
                            }
                            (leave_out_button(Scope::Answer, field(key).map_or(1000 + item_index, |i| i), key, out, "Dit antwoord"))
                        }
                    }
                    @for (n, action) in reflection.actions.get(item.id.as_ref()).into_iter().flatten().enumerate() {
                        @let key = action_key(&item.id, &action.id);
                        @let out = choices.left_out_fields.contains(&key);
                        div.zb-share__answer {
                            p.zb-share__question { "Actie " (n + 1) }
                            @if out {
                                p.zb-share__out { "Deze actie deel je niet." }
                            } @else {
                                @for (part, label) in [("wat", "Wat"), ("wie", "Wie")] {
                                    @if let Some(i) = field(&format!("{key}/{part}")) {
                                        p.zb-share__label { (label) ":" }
                                        (marked_text(&preview.fields[i], i, choices))
                                    }
                                }
                                p {
                                    "Status: " (action.status.label())
                                    @if let Some(due) = action.due { " · Klaar in: " (due.dutch()) }
                                }
                            }
                            (leave_out_button(Scope::Answer, 2000 + 100 * item_index + n, &key, out, "Deze actie"))
                        }
                    }
                }
            }
        }
        @if items.is_empty() {
            p { "Er is nog niets ingevuld om te delen." }
        }
    }
}

/// The readable preview of a receipt export.
fn receipt(record: &Record, preview: &Preview, choices: &ShareChoices) -> Markup {
    let (Some(r), Some(out)) = (record.receipt(), preview.export.records.first()) else {
        return html! {};
    };
    let school = out.school.as_ref();
    let facts = [
        ("Naam van de school", school.map_or("", |s| s.name.as_str())),
        (
            "BRIN-code",
            school
                .map(|s| s.brin.trim())
                .filter(|b| !b.is_empty())
                .unwrap_or("niet ingevuld"),
        ),
        ("Rol", r.answers.role.map_or("niet ingevuld", Role::label)),
        (
            "Handreiking ontvangen",
            if r.answers.received { "Ja" } else { "Nee" },
        ),
        (
            "Gedeeld met collega's",
            r.answers
                .shared_with_colleagues
                .map_or("niet ingevuld", SharedWithColleagues::label),
        ),
    ];
    html! {
        dl.zb-share__facts {
            @for (label, value) in facts {
                div { dt { (label) } dd { (value) } }
            }
        }
        @for (i, f) in preview.fields.iter().enumerate() {
            div.zb-share__answer {
                p.zb-share__question { (ReceiptText::parse(&f.field).map_or("Tekst", ReceiptText::label)) }
                @if f.left_out {
                    p.zb-share__out { "Dit deel je niet." }
                } @else {
                    (marked_text(f, i, choices))
                }
                (leave_out_button(Scope::Answer, i, &f.field, f.left_out, "Dit antwoord"))
            }
        }
    }
}

/// Everything the preview shows, above the exact file contents.
pub fn preview(
    record: &Record,
    instrument: &Instrument,
    preview: &Preview,
    choices: &ShareChoices,
) -> Markup {
    html! {
        (summary(preview, choices, matches!(record.body, Body::Receipt(_))))
        @match &record.body {
            Body::Reflection(_) => (reflection(record, instrument, preview, choices)),
            Body::Receipt(_) => (receipt(record, preview, choices)),
        }
    }
}

/// The heading of the share view, in this one place.
pub fn title() -> Markup {
    html! {
        h2 id=(TITLE) tabindex="-1" { "Nakijken en delen" }
    }
}

/// How a receipt gets to the SWV with the least to do: the first of these
/// that works here is the main way, the others are offered below it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MainWay {
    /// The share sheet, with the file (phones, tablets, some desktops).
    ShareSheet,
    /// A mail whose text carries the confirmation.
    Mail,
    /// The file, to attach to a mail (the reaction is too long for a link).
    Download,
}

/// A receipt's part of the panel.
pub struct ReceiptWays<'a> {
    /// "Koers VO", or "het samenwerkingsverband".
    pub swv: &'a str,
    /// The SWV's address, or empty.
    pub email: &'a str,
    pub main: MainWay,
    /// The mail link: carrying the confirmation, or (too long) asking to
    /// attach the file.
    pub mail_href: &'a str,
    /// Whether the mail carries the confirmation itself.
    pub mail_carries: bool,
    /// The written texts are too long to stand readable in the mail too:
    /// they are only in the block Zichtbaar reads.
    pub texts_in_block_only: bool,
    /// The file's name.
    pub file_name: &'a str,
}

/// A receipt's ways to send ([`WAYS`]): the main one as the one big
/// button, then the others.
pub fn receipt_ways(w: &ReceiptWays<'_>) -> Markup {
    let to = if w.email.is_empty() {
        w.swv.to_owned()
    } else {
        format!("{} ({})", w.swv, w.email)
    };
    let mail_link = |class: &str, label: &str| {
        html! {
            a class=(class) id=(MAIL) href=(w.mail_href) data-action=(Action::Mail) { (label) }
        }
    };
    let mail_label = format!("E-mail aan {} maken", w.swv);
    html! {
        div.zb-share__main {
            @match w.main {
                MainWay::ShareSheet => {
                    (action_button(Action::Share, "zb-button", "Versturen…"))
                    p.zb-hint { "Kies in het deelmenu je e-mail of een andere app en stuur het naar " (to) ". Het bestand zit er al bij." }
                }
                MainWay::Mail => {
                    (mail_link("zb-button", &mail_label))
                    p.zb-hint { "Je e-mailprogramma opent een bericht aan " (to) " met de bevestiging erin. Je hoeft niets toe te voegen: klik daar op Verzenden." }
                    @if w.texts_in_block_only {
                        p.zb-hint { "Je tekst is lang. In de e-mail staat hij daarom alleen in het blok onderaan. " (w.swv) " leest dat blok met Zichtbaar." }
                    }
                }
                MainWay::Download => {
                    (action_button(Action::Download, "zb-button", "Bestand downloaden"))
                    p.zb-hint { "Je reactie is te lang om in de tekst van een e-mail mee te sturen. Download het bestand en stuur het als bijlage naar " (to) "." }
                }
            }
        }
        details.zb-share__other {
            summary { "Lukt dat niet? Andere manieren" }
            div.zb-share__actions {
                @if w.main != MainWay::Mail {
                    (mail_link("zb-button zb-button--secondary", &mail_label))
                }
                @if w.main != MainWay::Download {
                    (action_button(Action::Download, "zb-button zb-button--secondary", "Bestand downloaden"))
                }
                (action_button(Action::Copy, "zb-button zb-button--secondary", "Kopiëren"))
            }
            @if w.main != MainWay::Mail {
                p.zb-hint {
                    @if w.mail_carries { "De e-mail heeft de bevestiging al in de tekst staan." }
                    @else { "Voeg het bestand " (w.file_name) " als bijlage toe aan de e-mail." }
                }
            }
            p.zb-hint { "Het bestand heet " (w.file_name) ". Met 'Kopiëren' zet je de tekst van het bestand klaar om in een e-mail te plakken." }
        }
    }
}

/// The preview in words ([`PREVIEW`]) and, folded, the exact text of the
/// file ([`JSON`]), "zoals het {verb} wordt".
fn what_goes(p: &PanelParts<'_>, verb: &str) -> Markup {
    html! {
        div class="zb-share__preview" id=(PREVIEW) { (p.preview) }
        details.zb-share__file {
            summary { "Bekijk het bestand zoals het " (verb) " wordt" }
            p.zb-hint { "Het bestand is gemaakt om door computers gelezen te worden. Hierboven staat in gewone woorden wat erin staat." }
            pre id=(JSON) tabindex="0" role="region" aria-label="De tekst van het bestand" { (p.json) }
        }
    }
}

/// The send step of a receipt: what goes, and one clear way to send it.
pub fn receipt_panel(p: &PanelParts<'_>, swv: &str, ways: Markup, sent: &str) -> Markup {
    html! {
        section class="zb-share" aria-labelledby=(TITLE) {
            h2 id=(TITLE) tabindex="-1" { "Nakijken en versturen" }
            p { "Hieronder staat wat " (swv) " krijgt. Kijk het na en verstuur het dan." }
            p.zb-share__sent id=(SENT) { (sent) }
            h3 { "Wat je verstuurt" }
            (what_goes(p, "verstuurd"))
            div id=(WAYS) { (ways) }
            p class="zb-share__status" id=(STATUS) role="status" {}
        }
    }
}

/// What the whole panel is drawn from.
pub struct PanelParts<'a> {
    pub is_reflection: bool,
    pub school_name: &'a str,
    pub brin: &'a str,
    pub names: &'a str,
    /// From [`preview`].
    pub preview: Markup,
    /// The exact file contents.
    pub json: &'a str,
    pub mail_href: &'a str,
    /// Whether the browser can share files (show the "Delen…" button).
    pub can_share: bool,
    /// A reflection's reader: the SWV or a colleague.
    pub audience: Audience,
    /// The SWV as sentences name it.
    pub swv: &'a str,
}

fn action_button(action: Action, class: &str, label: &str) -> Markup {
    html! {
        button type="button" class=(class) data-action=(action) id=(format!("zb-share-{}", action.as_str())) { (label) }
    }
}

/// The whole share panel. The parts that change later have ids:
/// [`PREVIEW`], [`JSON`], [`MAIL`], [`STATUS`].
pub fn panel(p: &PanelParts<'_>) -> Markup {
    html! {
        section class="zb-share" aria-labelledby=(TITLE) {
            (title())
            p { "Delen is vrijwillig. Hieronder zie je precies wat er in het bestand komt. Er gaat niets vanzelf van dit apparaat af: jij kiest of en hoe je het verstuurt." }
            p.zb-notice { "Schrijf nooit over één leerling: geen namen, klassen of situaties waaraan iemand te herkennen is." }
            @if p.is_reflection {
                (audience(p.audience, p.swv))
            }
            div.zb-share__controls {
                (controls(p.is_reflection, p.school_name, p.brin, p.names))
            }
            h3 { "Wat je deelt" }
            (what_goes(p, "gedeeld"))
            div.zb-share__actions {
                @if p.can_share {
                    (action_button(Action::Share, "zb-button", "Delen…"))
                }
                (action_button(Action::Download, "zb-button", "Bestand downloaden"))
                (action_button(Action::Copy, "zb-button zb-button--secondary", "Kopiëren"))
                a class="zb-button zb-button--secondary" id=(MAIL) href=(p.mail_href) data-action=(Action::Mail) { "E-mail opstellen" }
            }
            p.zb-hint id=(HOW) { (how(p.audience, p.swv)) }
            p class="zb-share__status" id=(STATUS) role="status" {}
        }
    }
}

/// Where a reflection goes: to the SWV, or to a colleague or team leader,
/// who reads it in full under the name the colleague gives (or none).
fn audience(audience: Audience, swv: &str) -> Markup {
    let team = audience == Audience::Team;
    html! {
        fieldset class="zb-field zb-share__audience" {
            legend { "Met wie deel je dit?" }
            label class="zb-choice" {
                input type="radio" name="share-for" id=(Input::ForSwv) checked[!team];
                span { "Met " (swv) }
            }
            label class="zb-choice" {
                input type="radio" name="share-for" id=(Input::ForTeam) checked[team];
                span { "Met een collega of je teamleider, om samen te bespreken" }
            }
            div id=(TEAM_FIELDS) hidden[!team] {
                div.zb-field {
                    label for=(Input::TeamName) { "Je naam voor je collega (niet verplicht)" }
                    p class="zb-hint" id="share-team-name-hint" { "Je collega ziet je reflectie naast die van anderen, met deze naam erboven. Zonder naam heet je daar 'collega 1'. De naam staat alleen in dit bestand, niet in je reflectie." }
                    input id=(Input::TeamName) class="zb-input" maxlength="60" autocomplete="off" aria-describedby="share-team-name-hint";
                }
            }
        }
    }
}

/// Under the buttons: how the file gets where it goes.
pub fn how(audience: Audience, swv: &str) -> String {
    match audience {
        Audience::Swv => format!("Met 'E-mail opstellen' opent je e-mailprogramma een bericht aan {swv}. Een link kan geen bestand meesturen: voeg het gedownloade bestand toe als bijlage, of plak de gekopieerde inhoud in het bericht."),
        Audience::Team => "Stuur het bestand naar je collega, bijvoorbeeld als bijlage bij een e-mail. Je collega opent het in Zichtbaar bij 'Gedeelde reflecties' en ziet het daar onder 'Team'.".to_owned(),
    }
}

/// The controls above the preview: naming the school (for a reflection) and
/// names to watch for.
fn controls(is_reflection: bool, school_name: &str, brin: &str, names: &str) -> Markup {
    html! {
        @if is_reflection {
            fieldset class="zb-field zb-share__school" {
                legend { "School" }
                label class="zb-choice" {
                    input type="checkbox" id=(Input::SchoolOn);
                    span { "Naam van onze school meesturen (standaard niet)" }
                }
                // Only asked for once the box is ticked (see the share panel).
                div id=(SCHOOL_FIELDS) hidden {
                    div.zb-field {
                        label for=(Input::SchoolName) { "Naam van de school" }
                        input id=(Input::SchoolName) class="zb-input" value=(school_name) autocomplete="organization";
                    }
                    div.zb-field {
                        label for=(Input::SchoolBrin) { "BRIN-code (niet verplicht)" }
                        input id=(Input::SchoolBrin) class="zb-input zb-input--short" value=(brin) maxlength="4" spellcheck="false";
                    }
                }
            }
        }
        div.zb-field {
            label for=(Input::Names) { "Namen waar we op letten" }
            p class="zb-hint" id="share-names-hint" { "Bijvoorbeeld namen van leerlingen of collega's, met komma's ertussen. We laten ze weg uit de tekst. Deze lijst blijft op dit apparaat." }
            input id=(Input::Names) class="zb-input" value=(names) aria-describedby="share-names-hint";
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zichtbaar_core::export::prepare;
    use zichtbaar_core::{Answer, Date, Perspective, RecordId, SchoolYear};

    fn record() -> Record {
        let instrument = &crate::instruments::all()[0];
        let mut r = Record::new_reflection(
            RecordId::from_random([1; 16]),
            instrument,
            SchoolYear::starting(2026),
            Perspective::Team,
            Date::new(2026, 11, 23).unwrap(),
        );
        if let Body::Reflection(refl) = &mut r.body {
            refl.answers.insert(
                "mentoraat/waar-staan-wij".into(),
                Answer {
                    scale: Some("geborgd".into()),
                    text: "Bel <Jan> op 06-12345678".into(),
                },
            );
            refl.answers.insert(
                "mentoraat/aanpak".into(),
                Answer {
                    scale: None,
                    text: "Plan".into(),
                },
            );
        }
        r
    }

    #[test]
    fn the_preview_marks_hits_escapes_text_and_offers_every_choice() {
        let instrument = &crate::instruments::all()[0];
        let r = record();
        let choices = ShareChoices {
            watch_names: vec!["Jan".into()],
            ..ShareChoices::default()
        };
        let p = prepare(&r, &choices, Date::new(2026, 11, 23).unwrap()).unwrap();
        let html = preview(&r, instrument, &p, &choices).into_string();
        assert!(html.contains("We vonden 2 gegevens"), "{html}");
        assert!(html.contains("Bel &lt;<mark class=\"zb-hit\">"));
        assert!(html.contains("<s>06-12345678</s>"));
        assert!(html.contains("aria-label=\"06-12345678 toch meesturen\""));
        assert!(html.contains(">Geborgd</strong>"));
        assert!(
            html.contains("data-action=\"leave-out\" data-kind=\"item\" data-field=\"mentoraat\"")
        );
        assert_eq!(html.matches("data-kind=\"answer\"").count(), 2);
        // Ids of buttons are unique, so focus can return to the one pressed.
        let ids = crate::html::attr_values(&html, "id");
        let unique: std::collections::BTreeSet<_> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len());
    }

    #[test]
    fn left_out_items_say_so_instead_of_showing_answers() {
        let instrument = &crate::instruments::all()[0];
        let r = record();
        let mut choices = ShareChoices::default();
        choices.left_out_items.insert("mentoraat".into());
        let p = prepare(&r, &choices, Date::new(2026, 11, 23).unwrap()).unwrap();
        let html = preview(&r, instrument, &p, &choices).into_string();
        assert!(html.contains("Dit onderdeel deel je niet."));
        assert!(!html.contains("Plan"));
        assert!(html.contains("Dit onderdeel toch meesturen"));
    }

    fn parts<'a>(
        is_reflection: bool,
        school: &'a str,
        names: &'a str,
        json: &'a str,
    ) -> PanelParts<'a> {
        PanelParts {
            is_reflection,
            school_name: school,
            brin: "12AB",
            names,
            preview: html! { p { "voorbeeld" } },
            json,
            mail_href: "mailto:?subject=x",
            can_share: false,
            audience: Audience::Swv,
            swv: "Koers VO",
        }
    }

    #[test]
    fn a_reflection_asks_who_reads_it_and_a_receipt_does_not() {
        let html = panel(&parts(true, "", "", "{}")).into_string();
        for id in ["share-for-swv", "share-for-team", "share-team-name"] {
            assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
        }
        assert!(html.contains("for=\"share-team-name\""));
        assert!(html.contains("<span>Met Koers VO</span>"));
        // With the SWV by default: the name field waits, hidden.
        assert!(html.contains("id=\"share-for-swv\" checked"));
        assert!(
            html.contains("<div id=\"zb-share-team-fields\" hidden>")
                || html.contains("<div id=\"share-team-fields\" hidden>")
        );
        let mut team = parts(true, "", "", "{}");
        team.audience = Audience::Team;
        let html = panel(&team).into_string();
        assert!(html.contains("id=\"share-for-team\" checked"));
        assert!(html.contains("<div id=\"share-team-fields\">"));
        assert!(html.contains("onder 'Team'"));
        assert!(!panel(&parts(false, "", "", "{}"))
            .into_string()
            .contains("share-for"));
    }

    #[test]
    fn controls_are_labelled_and_values_escaped() {
        let html = panel(&parts(true, "School \"De Brug\"", "Sanne, <Piet>", "{}")).into_string();
        for id in ["share-school-name", "share-school-brin", "share-names"] {
            assert!(html.contains(&format!("for=\"{id}\"")), "{id} has no label");
        }
        // The checkbox sits inside its label.
        assert!(html.contains(
            "<label class=\"zb-choice\"><input type=\"checkbox\" id=\"share-school-on\">"
        ));
        assert!(html.contains("value=\"School &quot;De Brug&quot;\""));
        assert!(html.contains("value=\"Sanne, &lt;Piet&gt;\""));
        assert!(!panel(&parts(false, "", "", "{}"))
            .into_string()
            .contains("share-school"));
    }

    #[test]
    fn the_file_text_is_shown_exactly_and_the_share_button_only_where_it_works() {
        let json = "{\n  \"text\": \"<b> & 'x'\"\n}\n";
        let html = panel(&parts(false, "", "", json)).into_string();
        assert!(html.contains("<pre id=\"zb-share-json\" tabindex=\"0\" role=\"region\" aria-label=\"De tekst van het bestand\">{\n  &quot;text&quot;: &quot;&lt;b&gt; &amp; 'x'&quot;\n}\n</pre>"));
        assert!(!html.contains("data-action=\"share\""));
        let mut p = parts(false, "", "", json);
        p.can_share = true;
        assert!(panel(&p).into_string().contains("data-action=\"share\""));
        assert!(html.contains("id=\"zb-share-status\" role=\"status\""));
    }
}
