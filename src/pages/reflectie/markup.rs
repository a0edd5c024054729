//! The markup of the reflection pages, as pure functions of the data.
//!
//! Written with [`crate::html`] (see there why), and tested natively: every
//! control has a label, ids are unique, user text is escaped.
//!
//! Inputs carry `data-key` (the answer key); buttons carry `data-action`.
//! The editor listens once per container and reads those.

use std::collections::BTreeSet;

use zichtbaar_core::instrument::{answer_key, ItemDef, QuestionDef, ScaleDef};
use zichtbaar_core::{Date, Perspective, Reflection, SchoolYear};

use super::{perspective_name, Selection, View};
use crate::html::{a, flag, Html};

fn option_label<'a>(scale: &'a ScaleDef, id: &str) -> Option<&'a str> {
    scale
        .options
        .iter()
        .chain(&scale.unknown)
        .find(|o| o.id == id)
        .map(|o| o.label.as_ref())
}

/// Where an item sits: "Bouwstenen · 3 van 10".
fn position(sel: &Selection, item: &ItemDef) -> String {
    sel.instrument
        .def()
        .sections
        .iter()
        .find_map(|s| {
            let n = s.items.iter().position(|i| i.id == item.id)?;
            Some(format!("{} · {} van {}", s.title, n + 1, s.items.len()))
        })
        .unwrap_or_default()
}

/// What the item page offers when last year's answers can be carried over.
pub struct CarryOffer {
    pub last_year: SchoolYear,
    pub count: usize,
}

fn question(
    h: &mut Html,
    sel: &Selection,
    item: &ItemDef,
    q: &QuestionDef,
    now: &Reflection,
    previous: Option<&Reflection>,
) {
    let key = answer_key(&item.id, &q.id);
    let base = format!("v-{}-{}", item.id, q.id);
    let hint_id = format!("{base}-hint");
    let text_id = format!("{base}-tekst");
    let described = q.hint.as_ref().map(|_| hint_id.as_str());
    let answer = now.answers.get(&key);
    let scale = q.scale.as_deref().and_then(|s| sel.instrument.scale(s));

    let hint = |h: &mut Html| {
        if let Some(hint) = &q.hint {
            h.el("p", &[a("class", "zb-hint"), a("id", &hint_id)], hint);
        }
    };
    let textarea = |h: &mut Html| {
        h.open(
            "textarea",
            &[
                a("id", &text_id),
                a("class", "zb-textarea"),
                a("rows", "3"),
                a("data-key", &key),
                ("aria-describedby", described),
            ],
        );
        // The HTML parser drops one newline right after <textarea>; this
        // one, so that text starting with a newline keeps it.
        h.text("\n");
        h.text(answer.map(|a| a.text.as_str()).unwrap_or(""));
        h.close("textarea");
    };

    match scale {
        None => {
            h.open("div", &[a("class", "zb-question")]);
            h.el(
                "label",
                &[a("class", "zb-question__text"), a("for", &text_id)],
                &q.text,
            );
            hint(h);
            if q.text_answer {
                textarea(h);
            }
            h.close("div");
        }
        Some(scale) => {
            h.open(
                "fieldset",
                &[a("class", "zb-question"), ("aria-describedby", described)],
            );
            h.el("legend", &[a("class", "zb-question__text")], &q.text);
            hint(h);
            h.open("div", &[a("class", "zb-scale")]);
            let chosen = answer.and_then(|a| a.scale.as_deref());
            let options = scale.options.iter().map(|o| (o, false));
            for (option, unknown) in options.chain(scale.unknown.iter().map(|o| (o, true))) {
                h.open(
                    "label",
                    &[a(
                        "class",
                        if unknown {
                            "zb-choice zb-choice--unknown"
                        } else {
                            "zb-choice"
                        },
                    )],
                );
                h.open(
                    "input",
                    &[
                        a("type", "radio"),
                        a("name", &base),
                        a("value", &option.id),
                        a("data-key", &key),
                        flag("checked", chosen == Some(option.id.as_ref())),
                    ],
                );
                h.el("span", &[], &option.label);
                h.close("label");
            }
            h.close("div");
            let last = previous
                .and_then(|p| p.answers.get(&key))
                .and_then(|a| a.scale.as_deref())
                .and_then(|id| option_label(scale, id));
            if let Some(label) = last {
                h.el(
                    "p",
                    &[a("class", "zb-previous")],
                    &format!("Vorig schooljaar: {label}"),
                );
            }
            if q.text_answer {
                h.el(
                    "label",
                    &[a("class", "zb-label"), a("for", &text_id)],
                    q.text_label.as_deref().unwrap_or("Toelichting"),
                );
                textarea(h);
            }
            h.close("fieldset");
        }
    }
}

/// One item: where it is, its text, its questions, and links to the items
/// before and after.
pub fn item(
    sel: &Selection,
    index: usize,
    now: &Reflection,
    previous: Option<&Reflection>,
    carry: Option<&CarryOffer>,
) -> String {
    let items: Vec<&ItemDef> = sel.instrument.items().collect();
    let Some(item) = items.get(index).copied() else {
        return String::new();
    };
    let mut h = Html::new();
    h.el(
        "p",
        &[a("class", "zb-item__position")],
        &position(sel, item),
    );
    h.el(
        "h2",
        &[a("id", "zb-item-title"), a("tabindex", "-1")],
        &item.title,
    );
    h.el("p", &[a("class", "zb-item__intro")], &item.intro);
    if !item.details.is_empty() {
        h.open("dl", &[a("class", "zb-details")]);
        for d in item.details.iter() {
            h.open("div", &[])
                .el("dt", &[], &d.label)
                .el("dd", &[], &d.text)
                .close("div");
        }
        h.close("dl");
    }
    if let Some(offer) = carry {
        h.open("div", &[a("class", "zb-notice zb-carry")]);
        h.el(
            "p",
            &[],
            &format!(
                "Vorig schooljaar ({}) is deze handreiking ook ingevuld. Je kunt de antwoorden op 'Wat houden we erin?' van toen overnemen ({} in totaal) en daarop verder bouwen.",
                offer.last_year, offer.count
            ),
        );
        h.el(
            "button",
            &[
                a("type", "button"),
                a("class", "zb-button zb-button--secondary"),
                a("data-action", "carry-over"),
            ],
            "Antwoorden van vorig jaar overnemen",
        );
        h.close("div");
    }
    for q in sel.instrument.questions(item) {
        question(&mut h, sel, item, q, now, previous);
    }

    h.open(
        "nav",
        &[
            a("class", "zb-pager"),
            a("aria-label", "Vorige en volgende"),
        ],
    );
    if let Some(prev) = index.checked_sub(1).and_then(|i| items.get(i)) {
        h.open(
            "a",
            &[
                a("class", "zb-pager__prev"),
                a("href", &sel.href(Some(&prev.id), View::Form)),
            ],
        )
        .el("span", &[a("class", "zb-pager__dir")], "Vorige")
        .el("span", &[], &prev.title)
        .close("a");
    }
    let (href, dir, title) = match items.get(index + 1) {
        Some(next) => (
            sel.href(Some(&next.id), View::Form),
            "Volgende",
            next.title.as_ref(),
        ),
        None => (
            sel.href(None, View::Document),
            "Klaar?",
            "Bekijk alles op één pagina",
        ),
    };
    h.open("a", &[a("class", "zb-pager__next"), a("href", &href)])
        .el("span", &[a("class", "zb-pager__dir")], dir)
        .el("span", &[], title)
        .close("a");
    h.close("nav");
    h.finish()
}

/// The overview: overall progress and each item with its answered count.
pub fn overview(sel: &Selection, answered: &BTreeSet<String>, current: usize) -> String {
    let instrument = sel.instrument;
    let count = |item: &ItemDef| {
        let keys: Vec<String> = instrument
            .questions(item)
            .map(|q| answer_key(&item.id, &q.id))
            .collect();
        (
            keys.iter().filter(|k| answered.contains(*k)).count(),
            keys.len(),
        )
    };
    let (done, total) = instrument
        .items()
        .map(count)
        .fold((0, 0), |(a, t), (x, y)| (a + x, t + y));

    let mut h = Html::new();
    h.el("h2", &[a("id", "zb-overview-title")], "Overzicht");
    h.open("div", &[a("class", "zb-progress")]);
    h.open(
        "progress",
        &[
            a("max", &total.to_string()),
            a("value", &done.to_string()),
            a("aria-labelledby", "zb-progress-text"),
        ],
    )
    .close("progress");
    h.el(
        "p",
        &[a("id", "zb-progress-text")],
        &format!("{done} van {total} vragen beantwoord"),
    );
    h.close("div");

    let mut index = 0;
    for section in instrument.def().sections.iter() {
        h.el("h3", &[], &section.title);
        h.open("ol", &[a("class", "zb-overview__list")]);
        for item in section.items.iter() {
            let (a_, t) = count(item);
            h.open("li", &[("class", (a_ == t).then_some("zb-overview__done"))]);
            h.open(
                "a",
                &[
                    a("href", &sel.href(Some(&item.id), View::Form)),
                    ("aria-current", (index == current).then_some("step")),
                ],
            );
            h.el("span", &[a("class", "zb-overview__title")], &item.title);
            h.open("span", &[a("class", "zb-overview__count")])
                .text(&format!("{a_}/{t}"))
                .el("span", &[a("class", "zb-visually-hidden")], " beantwoord")
                .close("span");
            h.close("a").close("li");
            index += 1;
        }
        h.close("ol");
    }
    h.open("p", &[a("class", "zb-overview__document")])
        .el(
            "a",
            &[a("href", &sel.href(None, View::Document))],
            "Alles op één pagina, om af te drukken",
        )
        .close("p");
    h.open("p", &[a("class", "zb-overview__document")])
        .el(
            "a",
            &[a("href", &sel.href(None, View::Share))],
            "Delen met het samenwerkingsverband",
        )
        .close("p");
    h.el(
        "p",
        &[a("class", "zb-overview__notice")],
        "Je reflectie blijft op dit apparaat. Er gaat niets naar het samenwerkingsverband, tenzij je zelf iets deelt. Een verslag sturen hoeft niet.",
    );
    if let Some(notice) = &instrument.def().notice {
        h.el("p", &[a("class", "zb-overview__notice")], notice);
    }
    h.finish()
}

/// The whole reflection as one document, for reading together and printing.
pub fn document(sel: &Selection, now: &Reflection, today: Date) -> String {
    let instrument = sel.instrument;
    let progress = now.progress(instrument);
    let mut h = Html::new();
    h.open("div", &[a("class", "zb-document")]);
    h.open("div", &[a("class", "zb-document__actions zb-no-print")])
        .el(
            "button",
            &[
                a("type", "button"),
                a("class", "zb-button"),
                a("data-action", "print"),
            ],
            "Afdrukken / opslaan als PDF",
        )
        .el(
            "a",
            &[
                a("class", "zb-button zb-button--secondary"),
                a("href", &sel.href(None, View::Form)),
            ],
            "Terug naar invullen",
        )
        .close("div");
    h.open("header", &[a("class", "zb-document__header")])
        .el(
            "p",
            &[a("class", "zb-document__kind")],
            &instrument.def().publisher,
        )
        .el(
            "h2",
            &[a("id", "zb-document-title"), a("tabindex", "-1")],
            &instrument.def().title,
        )
        .el(
            "p",
            &[],
            &format!(
                "Schooljaar {} · {} · {} van {} vragen beantwoord · afgedrukt op {}",
                sel.year,
                perspective_name(sel.perspective),
                progress.answered,
                progress.total,
                today.dutch()
            ),
        )
        .close("header");
    for section in instrument.def().sections.iter() {
        h.open("section", &[a("class", "zb-document__section")]);
        h.el("h2", &[], &section.title);
        for item in section.items.iter() {
            h.open("section", &[a("class", "zb-document__item")]);
            h.el("h3", &[], &item.title);
            h.el("p", &[a("class", "zb-document__intro")], &item.intro);
            h.open("dl", &[]);
            for q in instrument.questions(item) {
                let answer = now
                    .answers
                    .get(&answer_key(&item.id, &q.id))
                    .cloned()
                    .unwrap_or_default();
                h.el("dt", &[], &q.text);
                let empty = !answer.is_answered();
                h.open("dd", &[("class", empty.then_some("zb-document__empty"))]);
                let choice = q
                    .scale
                    .as_deref()
                    .and_then(|s| instrument.scale(s))
                    .zip(answer.scale.as_deref())
                    .and_then(|(s, id)| option_label(s, id));
                if let Some(choice) = choice {
                    h.el("strong", &[], choice);
                }
                if !answer.text.trim().is_empty() {
                    h.el("p", &[], &answer.text);
                }
                if empty {
                    h.text("Nog niet ingevuld");
                }
                h.close("dd");
            }
            h.close("dl").close("section");
        }
        h.close("section");
    }
    h.close("div");
    h.finish()
}

/// The editor page: title, where we are, the chooser, the save status,
/// notices, and the view (`zb-view`), which is redrawn on its own.
pub fn editor_shell(
    sel: &Selection,
    years: &[SchoolYear],
    notices: &[String],
    status: &str,
    view: &str,
) -> String {
    let mut h = Html::new();
    h.open("div", &[a("class", "zb-reflection")]);
    h.el("h1", &[a("tabindex", "-1")], &sel.instrument.def().title);
    h.open("p", &[a("class", "zb-context")])
        .el("strong", &[], &format!("Schooljaar {}", sel.year))
        .text(&format!(" · {}", perspective_name(sel.perspective)))
        .close("p");
    h.open("details", &[a("class", "zb-choose")]);
    chooser(&mut h, sel, years);
    h.close("details");
    h.raw(status);
    for n in notices {
        h.el("p", &[a("class", "zb-notice")], n);
    }
    h.open("div", &[a("id", "zb-view")]).raw(view).close("div");
    h.close("div");
    h.finish()
}

/// The form view: the item (`zb-item`) and the overview (`zb-overview`).
pub fn workspace(item: &str, overview: &str) -> String {
    let mut h = Html::new();
    h.open("div", &[a("class", "zb-workspace")])
        .open(
            "article",
            &[
                a("id", "zb-item"),
                a("class", "zb-workspace__item zb-item"),
                a("aria-labelledby", "zb-item-title"),
            ],
        )
        .raw(item)
        .close("article")
        .open(
            "nav",
            &[
                a("id", "zb-overview"),
                a("class", "zb-overview"),
                a("aria-labelledby", "zb-overview-title"),
            ],
        )
        .raw(overview)
        .close("nav")
        .close("div");
    h.finish()
}

/// The share view: the panel (from the share component), or a note that
/// there is nothing to share yet, and the way back.
pub fn share_view(sel: &Selection, panel: Option<&str>) -> String {
    let mut h = Html::new();
    match panel {
        Some(panel) => {
            h.raw(panel);
        }
        None => {
            crate::components::share_markup::title(&mut h);
            h.el(
                "p",
                &[a("class", "zb-notice")],
                "Er is nog niets ingevuld om te delen.",
            );
        }
    }
    h.open("p", &[])
        .el(
            "a",
            &[a("href", &sel.href(None, View::Form))],
            "Terug naar invullen",
        )
        .close("p");
    h.finish()
}

/// Another instrument, school year or perspective: one step away.
fn chooser(h: &mut Html, sel: &Selection, years: &[SchoolYear]) {
    h.el(
        "summary",
        &[],
        "Andere handreiking, ander schooljaar of teamreflectie",
    );
    h.open("div", &[a("class", "zb-choose__fields")]);

    h.open("div", &[a("class", "zb-field")])
        .el("label", &[a("for", "kies-instrument")], "Handreiking")
        .open("select", &[a("id", "kies-instrument")]);
    for i in crate::instruments::all() {
        h.el(
            "option",
            &[
                a("value", i.id()),
                flag("selected", i.id() == sel.instrument.id()),
            ],
            &i.def().short_title,
        );
    }
    h.close("select").close("div");

    h.open("div", &[a("class", "zb-field")])
        .el("label", &[a("for", "kies-jaar")], "Schooljaar")
        .open("select", &[a("id", "kies-jaar")]);
    for y in years {
        let label = if *y == sel.this_year {
            format!("{y} (dit schooljaar)")
        } else {
            y.to_string()
        };
        h.el(
            "option",
            &[a("value", &y.to_string()), flag("selected", *y == sel.year)],
            &label,
        );
    }
    h.close("select").close("div");

    h.open("fieldset", &[a("class", "zb-field zb-choose__perspective")])
        .el("legend", &[], "Voor wie");
    for p in Perspective::ALL {
        h.open("label", &[a("class", "zb-choice")])
            .open(
                "input",
                &[
                    a("type", "radio"),
                    a("name", "kies-voor"),
                    a("value", p.as_str()),
                    flag("checked", p == sel.perspective),
                ],
            )
            .el("span", &[], perspective_name(p))
            .close("label");
    }
    h.close("fieldset").close("div");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::attr_values;
    use zichtbaar_core::Answer;

    fn sel(index: usize) -> Selection {
        Selection {
            instrument: &crate::instruments::all()[index],
            year: SchoolYear::starting(2026),
            perspective: Perspective::Team,
            this_year: SchoolYear::starting(2026),
        }
    }

    fn reflection(pairs: &[(&str, Option<&str>, &str)]) -> Reflection {
        Reflection {
            perspective: Perspective::Team,
            answers: pairs
                .iter()
                .map(|(k, s, t)| {
                    (
                        k.to_string(),
                        Answer {
                            scale: s.map(str::to_owned),
                            text: t.to_string(),
                        },
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn every_textarea_has_a_label_and_every_id_is_unique() {
        for s in [sel(0), sel(1)] {
            for index in 0..s.instrument.items().count() {
                let html = item(&s, index, &reflection(&[]), None, None);
                let ids = attr_values(&html, "id");
                let unique: BTreeSet<_> = ids.iter().collect();
                assert_eq!(unique.len(), ids.len(), "duplicate id in {html}");
                let textareas = html.matches("<textarea").count();
                assert!(textareas > 0);
                let labelled = attr_values(&html, "for");
                for id in ids.iter().filter(|i| i.ends_with("-tekst")) {
                    assert!(labelled.contains(id), "textarea {id} has no label");
                }
                assert_eq!(
                    ids.iter().filter(|i| i.ends_with("-tekst")).count(),
                    textareas
                );
                // Radios sit inside a label; every radio group is a fieldset with a legend.
                assert_eq!(
                    html.matches("<fieldset").count(),
                    html.matches("<legend").count()
                );
                assert_eq!(
                    html.matches("type=\"radio\"").count(),
                    html.matches("<label class=\"zb-choice").count()
                );
            }
        }
    }

    #[test]
    fn answers_are_shown_escaped_and_choices_checked() {
        let s = sel(0);
        let now = reflection(&[
            (
                "onderwijsbehoeften-centraal/waar-staan-wij",
                Some("geborgd"),
                "<script>x</script>\nregel 2",
            ),
            (
                "onderwijsbehoeften-centraal/aanpak",
                None,
                "\nbegint met een lege regel",
            ),
        ]);
        let html = item(&s, 0, &now, None, None);
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt;\nregel 2</textarea>"));
        assert!(!html.contains("<script>"));
        assert!(html.contains(">\n\nbegint met een lege regel</textarea>"));
        assert!(html.contains(
            "value=\"geborgd\" data-key=\"onderwijsbehoeften-centraal/waar-staan-wij\" checked>"
        ));
        assert_eq!(html.matches(" checked").count(), 1);
    }

    #[test]
    fn last_years_rating_is_shown_beside_this_years() {
        let s = sel(0);
        let last = reflection(&[("mentoraat/waar-staan-wij", Some("in-ontwikkeling"), "")]);
        let html = item(&s, 3, &reflection(&[]), Some(&last), None);
        assert!(html.contains(">Mentoraat</h2>"));
        assert!(html.contains("Vorig schooljaar: In ontwikkeling"));
    }

    #[test]
    fn the_last_item_leads_to_the_document_view() {
        let s = sel(0);
        let last = s.instrument.items().count() - 1;
        let html = item(&s, last, &reflection(&[]), None, None);
        assert!(html.contains("href=\"reflectie/?voor=team&amp;weergave=document\""));
        let first = item(&s, 0, &reflection(&[]), None, None);
        assert!(!first.contains("zb-pager__prev"));
        assert!(first.contains("onderdeel=samen-systematisch-transparant"));
    }

    #[test]
    fn overview_counts_answers_per_item_and_overall() {
        let s = sel(0);
        let answered: BTreeSet<String> = [
            "mentoraat/waar-staan-wij",
            "mentoraat/houden-en-anders",
            "mentoraat/aanpak",
            "basis-in-de-les/aanpak",
            "iets-anders/dat-niet-bestaat",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let html = overview(&s, &answered, 3);
        assert!(html.contains("4 van 36 vragen beantwoord"));
        assert!(html.contains("max=\"36\" value=\"4\""));
        assert_eq!(html.matches("zb-overview__done").count(), 1);
        assert_eq!(html.matches("aria-current=\"step\"").count(), 1);
        assert!(html.contains("aria-current=\"step\"><span class=\"zb-overview__title\">Mentoraat"));
    }

    #[test]
    fn document_shows_choices_texts_and_gaps() {
        let s = sel(0);
        let now = reflection(&[(
            "mentoraat/waar-staan-wij",
            Some("geborgd"),
            "Mentor & ouders",
        )]);
        let html = document(&s, &now, Date::new(2026, 11, 23).unwrap());
        assert!(html.contains("<strong>Geborgd</strong><p>Mentor &amp; ouders</p>"));
        assert!(html.contains("1 van 36 vragen beantwoord · afgedrukt op 23 november 2026"));
        assert_eq!(html.matches("Nog niet ingevuld").count(), 35);
    }
}
