//! The markup of the share preview, as pure functions (tested natively).
//!
//! The preview shows, in words, exactly what the export file holds: every
//! answer or field that goes, with each detail found in it marked, and a
//! button to leave it out or keep it after all. Buttons carry
//! `data-action`, `data-field` and `data-hit`; ids are stable across
//! re-renders so focus can return to the button that was pressed.

use zichtbaar_core::anonymise::Hit;
use zichtbaar_core::export::{FieldPreview, Preview, ShareChoices};
use zichtbaar_core::instrument::answer_key;
use zichtbaar_core::record::{Role, SharedWithColleagues};
use zichtbaar_core::{Body, Instrument, Record};

use crate::html::{a, flag, Html};

/// The label of a receipt's free-text field.
pub fn receipt_field_label(field: &str) -> &'static str {
    match field {
        "roleOther" => "Je rol (anders)",
        "reactions" => "Wat vind je van de handreiking?",
        "wishes" => "Wat wil je bespreken met het samenwerkingsverband?",
        _ => "Tekst",
    }
}

pub fn role_label(role: Role) -> &'static str {
    match role {
        Role::Directeur => "Directeur",
        Role::Ondersteuningscoordinator => "Ondersteuningscoördinator",
        Role::Teamleider => "Teamleider",
        Role::Docent => "Docent",
        Role::Anders => "Anders",
    }
}

pub fn shared_label(s: SharedWithColleagues) -> &'static str {
    match s {
        SharedWithColleagues::Ja => "Ja",
        SharedWithColleagues::Nee => "Nee",
        SharedWithColleagues::NogNiet => "Nog niet",
    }
}

/// A stable id for a button about `field`, from its position in the list.
fn button_id(kind: &str, field_index: usize, hit: Option<usize>) -> String {
    match hit {
        Some(h) => format!("zb-share-{kind}-{field_index}-{h}"),
        None => format!("zb-share-{kind}-{field_index}"),
    }
}

/// Text with its hits marked, and per hit a button to keep or leave it out.
fn marked_text(h: &mut Html, f: &FieldPreview, field_index: usize, choices: &ShareChoices) {
    h.open("p", &[a("class", "zb-share__text")]);
    let mut at = 0;
    for (i, hit) in f.hits.iter().enumerate() {
        let Hit { start, end, kind } = *hit;
        h.text(&f.original[at..start]);
        let found = &f.original[start..end];
        let kept = f.is_kept(choices, i);
        if kept {
            h.el("mark", &[a("class", "zb-hit zb-hit--kept")], found);
        } else {
            h.open("mark", &[a("class", "zb-hit")])
                .el(
                    "span",
                    &[a("class", "zb-visually-hidden")],
                    "Wordt weggelaten: ",
                )
                .el("s", &[], found)
                .el(
                    "span",
                    &[a("class", "zb-hit__placeholder")],
                    kind.placeholder(),
                )
                .close("mark");
        }
        let index = start.to_string();
        let label = if kept {
            format!("{found} toch weglaten")
        } else {
            format!("{found} toch meesturen")
        };
        h.text(" ").el(
            "button",
            &[
                a("type", "button"),
                a("class", "zb-link-button"),
                a("id", &button_id("hit", field_index, Some(i))),
                a("data-action", if kept { "redact-hit" } else { "keep-hit" }),
                a("data-field", &f.field),
                a("data-hit", &index),
                a("aria-label", &label),
            ],
            if kept {
                "Toch weglaten"
            } else {
                "Toch meesturen"
            },
        );
        at = end;
    }
    h.text(&f.original[at..]);
    h.close("p");
}

fn leave_out_button(
    h: &mut Html,
    kind: &str,
    index: usize,
    field: &str,
    left_out: bool,
    what: &str,
) {
    h.el(
        "button",
        &[
            a("type", "button"),
            a("class", "zb-link-button"),
            a("id", &button_id(kind, index, None)),
            a(
                "data-action",
                if left_out { "include" } else { "leave-out" },
            ),
            a("data-kind", kind),
            a("data-field", field),
        ],
        &if left_out {
            format!("{what} toch meesturen")
        } else {
            format!("{what} weglaten")
        },
    );
}

fn summary(h: &mut Html, preview: &Preview, choices: &ShareChoices) {
    let redacted = preview.redacted(choices);
    let kept: usize = preview
        .fields
        .iter()
        .filter(|f| !f.left_out)
        .map(|f| f.hits.len())
        .sum::<usize>()
        - redacted;
    let text = match (redacted, kept) {
        (0, 0) => "We vonden geen e-mailadressen, telefoonnummers, postcodes of burgerservicenummers in de tekst. Namen vinden we alleen als je ze hierboven opgeeft: lees je tekst daarom zelf ook na.".to_owned(),
        (r, 0) => format!("We vonden {r} {} waaraan iemand te herkennen kan zijn. Ze worden weggelaten; je ziet ze hieronder gemarkeerd.", if r == 1 { "gegeven" } else { "gegevens" }),
        (r, k) => format!("We vonden {} gegevens waaraan iemand te herkennen kan zijn. {r} worden weggelaten, {k} stuur je toch mee.", r + k),
    };
    h.el("p", &[a("class", "zb-share__summary")], &text);
}

/// The readable preview of a reflection export.
fn reflection(
    h: &mut Html,
    record: &Record,
    instrument: &Instrument,
    preview: &Preview,
    choices: &ShareChoices,
) {
    let Some(reflection) = record.reflection() else {
        return;
    };
    let field = |key: &str| preview.fields.iter().position(|f| f.field == key);
    let mut any = false;
    for (item_index, item) in instrument.items().enumerate() {
        let answered: Vec<_> = instrument
            .questions(item)
            .filter_map(|q| {
                let key = answer_key(&item.id, &q.id);
                let answer = reflection.answers.get(&key)?;
                answer.is_answered().then_some((q, key, answer))
            })
            .collect();
        if answered.is_empty() {
            continue;
        }
        any = true;
        let item_out = choices.left_out_items.contains(item.id.as_ref());
        h.open(
            "section",
            &[(
                "class",
                Some(if item_out {
                    "zb-share__item zb-share__item--out"
                } else {
                    "zb-share__item"
                }),
            )],
        );
        h.el("h4", &[], &item.title);
        leave_out_button(h, "item", item_index, &item.id, item_out, "Dit onderdeel");
        if item_out {
            h.el(
                "p",
                &[a("class", "zb-share__out")],
                "Dit onderdeel deel je niet.",
            );
            h.close("section");
            continue;
        }
        for (q, key, answer) in answered {
            let out = choices.left_out_fields.contains(&key);
            h.open("div", &[a("class", "zb-share__answer")]);
            h.el("p", &[a("class", "zb-share__question")], &q.text);
            if out {
                h.el(
                    "p",
                    &[a("class", "zb-share__out")],
                    "Dit antwoord deel je niet.",
                );
            } else {
                let choice = q
                    .scale
                    .as_deref()
                    .and_then(|s| instrument.scale(s))
                    .zip(answer.scale.as_deref())
                    .and_then(|(s, id)| s.options.iter().chain(&s.unknown).find(|o| o.id == id));
                if let Some(choice) = choice {
                    h.open("p", &[]).el("strong", &[], &choice.label).close("p");
                }
                if let Some(i) = field(&key) {
                    marked_text(h, &preview.fields[i], i, choices);
                }
            }
            let index = field(&key).map_or(1000 + item_index, |i| i);
            leave_out_button(h, "answer", index, &key, out, "Dit antwoord");
            h.close("div");
        }
        h.close("section");
    }
    if !any {
        h.el("p", &[], "Er is nog niets ingevuld om te delen.");
    }
}

/// The readable preview of a receipt export.
fn receipt(h: &mut Html, record: &Record, preview: &Preview, choices: &ShareChoices) {
    let Some(r) = record.receipt() else { return };
    let Some(out) = preview.export.records.first() else {
        return;
    };
    let school = out.school.as_ref();
    h.open("dl", &[a("class", "zb-share__facts")]);
    let mut fact = |label: &str, value: &str| {
        h.open("div", &[])
            .el("dt", &[], label)
            .el("dd", &[], value)
            .close("div");
    };
    fact("Naam van de school", school.map_or("", |s| s.name.as_str()));
    fact("BRIN-code", school.map_or("", |s| s.brin.as_str()).trim());
    fact("Rol", r.answers.role.map_or("niet ingevuld", role_label));
    fact(
        "Handreiking ontvangen",
        if r.answers.received { "Ja" } else { "Nee" },
    );
    fact(
        "Gedeeld met collega's",
        r.answers
            .shared_with_colleagues
            .map_or("niet ingevuld", shared_label),
    );
    h.close("dl");
    for (i, f) in preview.fields.iter().enumerate() {
        h.open("div", &[a("class", "zb-share__answer")]);
        h.el(
            "p",
            &[a("class", "zb-share__question")],
            receipt_field_label(&f.field),
        );
        if f.left_out {
            h.el("p", &[a("class", "zb-share__out")], "Dit deel je niet.");
        } else {
            marked_text(h, f, i, choices);
        }
        leave_out_button(h, "answer", i, &f.field, f.left_out, "Dit antwoord");
        h.close("div");
    }
}

/// Everything the preview shows, above the exact file contents.
pub fn preview(
    record: &Record,
    instrument: &Instrument,
    preview: &Preview,
    choices: &ShareChoices,
) -> String {
    let mut h = Html::new();
    summary(&mut h, preview, choices);
    match &record.body {
        Body::Reflection(_) => reflection(&mut h, record, instrument, preview, choices),
        Body::Receipt(_) => receipt(&mut h, record, preview, choices),
    }
    h.finish()
}

/// The heading of the share view. Pages move focus to `zb-share-title`
/// when the view opens, so it is written in this one place.
pub fn title(h: &mut Html) {
    h.el(
        "h2",
        &[a("id", "zb-share-title"), a("tabindex", "-1")],
        "Delen met het samenwerkingsverband",
    );
}

/// What the whole panel is drawn from.
pub struct PanelParts<'a> {
    pub is_reflection: bool,
    pub school_name: &'a str,
    pub brin: &'a str,
    pub names: &'a str,
    /// From [`preview`].
    pub preview: &'a str,
    /// The exact file contents.
    pub json: &'a str,
    pub mail_href: &'a str,
    /// Whether the browser can share files (show the "Delen…" button).
    pub can_share: bool,
}

/// The whole share panel. The parts that change later have ids:
/// `zb-share-preview`, `zb-share-json`, `zb-share-mail`, `zb-share-status`.
pub fn panel(p: &PanelParts<'_>) -> String {
    let mut h = Html::new();
    h.open(
        "section",
        &[
            a("class", "zb-share"),
            a("aria-labelledby", "zb-share-title"),
        ],
    );
    title(&mut h);
    h.el(
        "p",
        &[],
        "Delen is vrijwillig. Hieronder zie je precies wat er in het bestand komt. Er gaat niets vanzelf van dit apparaat af: jij kiest of en hoe je het verstuurt.",
    );
    h.el(
        "p",
        &[a("class", "zb-notice")],
        "Schrijf nooit over één leerling: geen namen, klassen of situaties waaraan iemand te herkennen is.",
    );
    h.open("div", &[a("class", "zb-share__controls")]);
    controls(&mut h, p.is_reflection, p.school_name, p.brin, p.names);
    h.close("div");
    h.el("h3", &[], "Wat je deelt");
    h.open(
        "div",
        &[a("class", "zb-share__preview"), a("id", "zb-share-preview")],
    );
    h.raw(p.preview);
    h.close("div");
    h.open("details", &[a("class", "zb-share__file")])
        .el("summary", &[], "Bekijk het bestand zoals het gedeeld wordt")
        .el(
            "p",
            &[a("class", "zb-hint")],
            "Het bestand is gemaakt om door computers gelezen te worden. Hierboven staat in gewone woorden wat erin staat.",
        )
        .el(
            "pre",
            &[a("id", "zb-share-json"), a("tabindex", "0")],
            p.json,
        )
        .close("details");
    h.open("div", &[a("class", "zb-share__actions")]);
    let button = |h: &mut Html, action: &str, class: &str, label: &str| {
        h.el(
            "button",
            &[
                a("type", "button"),
                a("class", class),
                a("data-action", action),
                a("id", &format!("zb-share-{action}")),
            ],
            label,
        );
    };
    if p.can_share {
        button(&mut h, "share", "zb-button", "Delen…");
    }
    button(&mut h, "download", "zb-button", "Bestand downloaden");
    button(&mut h, "copy", "zb-button zb-button--secondary", "Kopiëren");
    h.el(
        "a",
        &[
            a("class", "zb-button zb-button--secondary"),
            a("id", "zb-share-mail"),
            a("href", p.mail_href),
        ],
        "E-mail opstellen",
    );
    h.close("div");
    h.el(
        "p",
        &[a("class", "zb-hint")],
        "Met 'E-mail opstellen' opent je e-mailprogramma een nieuw bericht. Vul het e-mailadres van je contactpersoon bij het samenwerkingsverband in als het er nog niet staat. Voeg het gedownloade bestand toe als bijlage, of plak de gekopieerde inhoud in het bericht.",
    );
    h.open(
        "p",
        &[
            a("class", "zb-share__status"),
            a("id", "zb-share-status"),
            a("role", "status"),
        ],
    )
    .close("p");
    h.close("section");
    h.finish()
}

/// The controls above the preview: naming the school (for a reflection) and
/// names to watch for.
fn controls(h: &mut Html, is_reflection: bool, school_name: &str, brin: &str, names: &str) {
    if is_reflection {
        h.open("fieldset", &[a("class", "zb-field zb-share__school")])
            .el("legend", &[], "School")
            .open("label", &[a("class", "zb-choice")])
            .open(
                "input",
                &[a("type", "checkbox"), a("id", "share-school-on")],
            )
            .el(
                "span",
                &[],
                "Naam van onze school meesturen (standaard niet)",
            )
            .close("label")
            // Only asked for once the box is ticked (see the share panel).
            .open(
                "div",
                &[a("id", "share-school-fields"), flag("hidden", true)],
            )
            .open("div", &[a("class", "zb-field")])
            .el(
                "label",
                &[a("for", "share-school-name")],
                "Naam van de school",
            )
            .open(
                "input",
                &[
                    a("id", "share-school-name"),
                    a("class", "zb-input"),
                    a("value", school_name),
                    a("autocomplete", "organization"),
                ],
            )
            .close("div")
            .open("div", &[a("class", "zb-field")])
            .el(
                "label",
                &[a("for", "share-school-brin")],
                "BRIN-code (niet verplicht)",
            )
            .open(
                "input",
                &[
                    a("id", "share-school-brin"),
                    a("class", "zb-input zb-input--short"),
                    a("value", brin),
                    a("maxlength", "4"),
                    flag("spellcheck", false),
                ],
            )
            .close("div")
            .close("div")
            .close("fieldset");
    }
    h.open("div", &[a("class", "zb-field")])
        .el("label", &[a("for", "share-names")], "Namen waar we op letten")
        .el(
            "p",
            &[a("class", "zb-hint"), a("id", "share-names-hint")],
            "Bijvoorbeeld namen van leerlingen of collega's, met komma's ertussen. We laten ze weg uit de tekst. Deze lijst blijft op dit apparaat.",
        )
        .open("input", &[a("id", "share-names"), a("class", "zb-input"), a("value", names), a("aria-describedby", "share-names-hint")])
        .close("div");
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
        let html = preview(&r, instrument, &p, &choices);
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
        let html = preview(&r, instrument, &p, &choices);
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
            preview: "<p>voorbeeld</p>",
            json,
            mail_href: "mailto:?subject=x",
            can_share: false,
        }
    }

    #[test]
    fn controls_are_labelled_and_values_escaped() {
        let html = panel(&parts(true, "School \"De Brug\"", "Sanne, <Piet>", "{}"));
        for id in ["share-school-name", "share-school-brin", "share-names"] {
            assert!(html.contains(&format!("for=\"{id}\"")), "{id} has no label");
        }
        // The checkbox sits inside its label.
        assert!(html.contains(
            "<label class=\"zb-choice\"><input type=\"checkbox\" id=\"share-school-on\">"
        ));
        assert!(html.contains("value=\"School &quot;De Brug&quot;\""));
        assert!(html.contains("value=\"Sanne, &lt;Piet&gt;\""));
        assert!(!panel(&parts(false, "", "", "{}")).contains("share-school"));
    }

    #[test]
    fn the_file_text_is_shown_exactly_and_the_share_button_only_where_it_works() {
        let json = "{\n  \"text\": \"<b> & 'x'\"\n}\n";
        let html = panel(&parts(false, "", "", json));
        assert!(html.contains("<pre id=\"zb-share-json\" tabindex=\"0\">{\n  &quot;text&quot;: &quot;&lt;b&gt; &amp; &#39;x&#39;&quot;\n}\n</pre>"));
        assert!(!html.contains("data-action=\"share\""));
        let mut p = parts(false, "", "", json);
        p.can_share = true;
        assert!(panel(&p).contains("data-action=\"share\""));
        assert!(html.contains("id=\"zb-share-status\" role=\"status\""));
    }
}
