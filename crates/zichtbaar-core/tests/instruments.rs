//! Every shipped instrument file is valid, has the shape the mission asks for,
//! and the validator catches each kind of mistake an author can make.

use std::path::PathBuf;

use zichtbaar_core::instrument::{digest, read_dir, Instrument, InstrumentError, Problem};

fn instruments_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../instruments")
}

fn shipped() -> Vec<(String, Result<Instrument, InstrumentError>)> {
    read_dir(&instruments_dir())
        .unwrap()
        .into_iter()
        .map(|(p, read)| (p.file_name().unwrap().to_string_lossy().into_owned(), read))
        .collect()
}

fn load(name: &str) -> Instrument {
    let (_, read) = shipped().into_iter().find(|(n, _)| n == name).unwrap();
    read.unwrap()
}

#[test]
fn every_shipped_instrument_is_valid() {
    let files = shipped();
    assert!(files.len() >= 2, "expected at least two instruments");
    for (name, read) in files {
        if let Err(e) = read {
            panic!("{name}: {e}");
        }
    }
}

#[test]
fn handreiking_has_two_uitgangspunten_ten_bouwstenen_and_the_three_questions() {
    let h = load("01-ondersteuningsstructuur.toml");
    let sections: Vec<(&str, usize)> = h
        .def()
        .sections
        .iter()
        .map(|s| (s.id.as_ref(), s.items.len()))
        .collect();
    assert_eq!(sections, [("uitgangspunten", 2), ("bouwstenen", 10)]);

    // The three questions, word for word as the mailing asks them.
    let questions: Vec<&str> = h
        .def()
        .item_questions
        .iter()
        .map(|q| q.text.as_ref())
        .collect();
    assert_eq!(
        questions,
        [
            "Waar staan wij? En hoe hebben wij het bij ons georganiseerd?",
            "Wat houden we erin? Wat willen we volgend jaar anders?",
            "Hoe gaan we dat aanpakken?",
        ]
    );
    assert_eq!(h.question_count(), 36);

    // "Waar staan wij?" has a four-point scale without a middle, plus "weet ik niet".
    let first = &h.def().item_questions[0];
    let scale = h.scale(first.scale.as_deref().unwrap()).unwrap();
    assert_eq!(scale.options.len(), 4);
    assert_eq!(scale.unknown.as_ref().unwrap().label, "Weet ik niet");
    // "Wat houden we erin" carries over to next year; the others do not.
    let carried: Vec<bool> = h
        .def()
        .item_questions
        .iter()
        .map(|q| q.carry_over)
        .collect();
    assert_eq!(carried, [false, true, false]);

    assert_eq!(h.def().receipt.as_ref().unwrap().deadline, "06-07");
    assert!(h.def().notice.as_ref().unwrap().contains("vervangen"));
}

#[test]
fn routekaart_has_themes_onderwerpen_doel_acties_and_wie_is_aan_zet() {
    let r = load("02-routekaart-inclusief.toml");
    assert_eq!(r.def().sections.len(), 6);
    assert_eq!(r.items().count(), 8);
    let scale = r.scale("actiestatus").unwrap();
    let labels: Vec<&str> = scale.options.iter().map(|o| o.label.as_ref()).collect();
    assert_eq!(labels, ["Nog niet", "Mee bezig", "Klaar"]);
    for item in r.items() {
        let labels: Vec<&str> = item.details.iter().map(|d| d.label.as_ref()).collect();
        assert_eq!(labels, ["Doel", "Wie is aan zet?"], "{}", item.id);
        assert!(!item.questions.is_empty(), "{} has no actions", item.id);
        for q in item.questions.iter() {
            assert_eq!(
                q.scale.as_deref(),
                Some("actiestatus"),
                "{}/{}",
                item.id,
                q.id
            );
            assert!(q.text_answer, "{}/{} has no room for a note", item.id, q.id);
        }
    }
    assert_eq!(r.question_count(), 35);
}

const MINIMAL: &str = r#"
format = "zichtbaar-instrument"
format_version = 1
id = "proef"
version = "1"
title = "Proef"
short_title = "Proef"
publisher = "Test"
intro = "Een proef."

[[scales]]
id = "ja-nee"
options = [{ id = "nee", label = "Nee" }, { id = "ja", label = "Ja" }]

[[item_questions]]
id = "vraag"
text = "Hoe gaat het?"

[[sections]]
id = "deel"
title = "Deel"

[[sections.items]]
id = "een"
title = "Een"
intro = "Eerste."

[[sections.items]]
id = "twee"
title = "Twee"
intro = "Tweede."
"#;

fn problems(text: &str) -> Vec<Problem> {
    match Instrument::from_toml(text) {
        Err(InstrumentError::Invalid(p)) => p,
        other => panic!("expected validation problems, got {other:?}"),
    }
}

fn paths(text: &str) -> Vec<String> {
    problems(text).into_iter().map(|p| p.path).collect()
}

#[test]
fn the_minimal_example_is_valid() {
    let i = Instrument::from_toml(MINIMAL).unwrap();
    assert_eq!(i.question_count(), 2);
}

#[test]
fn duplicate_item_ids_are_reported_where_they_are() {
    let text = MINIMAL.replace("id = \"twee\"", "id = \"een\"");
    assert_eq!(paths(&text), ["sections[0].items[1].id"]);
}

#[test]
fn empty_and_blank_texts_are_reported() {
    let text = MINIMAL
        .replace("intro = \"Tweede.\"", "intro = \"  \"")
        .replace("title = \"Deel\"", "title = \"\"");
    assert_eq!(
        paths(&text),
        ["sections[0].title", "sections[0].items[1].intro"]
    );
}

#[test]
fn an_unknown_scale_is_reported() {
    let text = MINIMAL.replace(
        "text = \"Hoe gaat het?\"",
        "text = \"Hoe gaat het?\"\nscale = \"schaal-die-er-niet-is\"",
    );
    let p = problems(&text);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].path, "item_questions[0].scale");
    assert!(p[0].message.contains("schaal-die-er-niet-is"));
}

#[test]
fn a_scale_needs_two_options_with_unique_ids() {
    let text = MINIMAL.replace(
        r#"options = [{ id = "nee", label = "Nee" }, { id = "ja", label = "Ja" }]"#,
        r#"options = [{ id = "nee", label = "Nee" }]
unknown = { id = "nee", label = "Weet niet" }"#,
    );
    assert_eq!(paths(&text), ["scales[0].options", "scales[0].unknown.id"]);
}

#[test]
fn ids_must_be_lowercase_words() {
    let text = MINIMAL.replace("id = \"een\"", "id = \"Een Item\"");
    assert_eq!(paths(&text), ["sections[0].items[0].id"]);
}

#[test]
fn a_question_without_scale_or_text_is_reported() {
    let text = MINIMAL.replace(
        "text = \"Hoe gaat het?\"",
        "text = \"Hoe gaat het?\"\ntext_answer = false",
    );
    assert_eq!(paths(&text), ["item_questions[0]"]);
}

#[test]
fn item_questions_may_not_clash_with_an_items_own_questions() {
    let text =
        format!("{MINIMAL}\n[[sections.items.questions]]\nid = \"vraag\"\ntext = \"Nog een\"\n");
    assert_eq!(paths(&text), ["sections[0].items[1].questions[0].id"]);
}

#[test]
fn only_one_question_of_an_item_can_keep_an_action_plan() {
    const PLAN: &str =
        "[[item_questions]]\nid = \"aanpak\"\ntext = \"Hoe?\"\nactions = true\n\n[[sections]]";
    let message = "only one question of an item can keep an action plan";

    // One common question with a plan: every item has it, and that is fine.
    let common = MINIMAL.replacen("[[sections]]", PLAN, 1);
    let i = Instrument::from_toml(&common).unwrap();
    for item in i.items() {
        assert_eq!(
            i.action_question(item).map(|q| q.id.as_ref()),
            Some("aanpak")
        );
    }
    // An item's own question with a plan, besides the common one: that item
    // has two, the other item is fine.
    let own = format!("{common}\n[[sections.items.questions]]\nid = \"acties\"\ntext = \"Wat?\"\nactions = true\n");
    let found = problems(&own);
    assert_eq!(
        found.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(),
        ["sections[0].items[1]"]
    );
    assert_eq!(found[0].message, message);
    // Two common questions with a plan: every item has two.
    let twice = common.replacen(
        "[[sections]]",
        "[[item_questions]]\nid = \"nog-een\"\ntext = \"En?\"\nactions = true\n\n[[sections]]",
        1,
    );
    assert_eq!(
        paths(&twice),
        ["sections[0].items[0]", "sections[0].items[1]"]
    );
    // Only an item's own question with a plan: fine, and only there.
    let only_own = format!("{MINIMAL}\n[[sections.items.questions]]\nid = \"acties\"\ntext = \"Wat?\"\nactions = true\n");
    let i = Instrument::from_toml(&only_own).unwrap();
    let planned: Vec<Option<&str>> = i
        .items()
        .map(|item| i.action_question(item).map(|q| q.id.as_ref()))
        .collect();
    assert_eq!(planned, [None, Some("acties")]);
}

#[test]
fn the_handreiking_keeps_its_plan_under_aanpak_and_the_routekaart_has_none() {
    let h = load("01-ondersteuningsstructuur.toml");
    for item in h.items() {
        assert_eq!(
            h.action_question(item).map(|q| q.id.as_ref()),
            Some("aanpak"),
            "{}",
            item.id
        );
    }
    let r = load("02-routekaart-inclusief.toml");
    assert!(r.items().all(|item| r.action_question(item).is_none()));
}

#[test]
fn a_bad_receipt_deadline_is_reported() {
    for bad in ["7 juni", "06-31", "13-01", "6-7"] {
        // Top-level tables must come before the arrays of sections in TOML.
        let text = MINIMAL.replacen(
            "[[scales]]",
            &format!("[receipt]\ndeadline = \"{bad}\"\n\n[[scales]]"),
            1,
        );
        assert_eq!(paths(&text), ["receipt.deadline"], "{bad}");
    }
}

#[test]
fn a_contact_email_must_look_like_one() {
    let with = |email: &str| {
        MINIMAL.replacen(
            "intro = ",
            &format!("contact_email = \"{email}\"\nintro = "),
            1,
        )
    };
    assert!(Instrument::from_toml(&with("info@swv.example.nl")).is_ok());
    for bad in ["info", "@swv.nl", "info@swv", "in fo@swv.nl"] {
        assert_eq!(paths(&with(bad)), ["contact_email"], "{bad}");
    }
}

#[test]
fn who_to_contact_is_not_part_of_the_digest_and_the_text_is() {
    let plain = Instrument::from_toml(MINIMAL).unwrap();
    let contact = MINIMAL.replacen(
        "intro = ",
        "contact_email = \"info@swv.example.nl\"\ncontact_name = \"Koers VO\"\nintro = ",
        1,
    );
    let contact = Instrument::from_toml(&contact).unwrap();
    assert_eq!(contact.def().contact_name.as_deref(), Some("Koers VO"));
    assert_eq!(plain.digest(), contact.digest());
    let retitled =
        Instrument::from_toml(&MINIMAL.replacen("title = \"", "title = \"Nieuw: ", 1)).unwrap();
    assert_ne!(plain.digest(), retitled.digest());
    // A name is a text: it may not be blank.
    let blank = MINIMAL.replacen("intro = ", "contact_name = \" \"\nintro = ", 1);
    assert_eq!(paths(&blank), ["contact_name"]);
}

#[test]
fn a_newer_format_version_or_other_format_is_refused() {
    let text = MINIMAL.replace("format_version = 1", "format_version = 2");
    assert_eq!(paths(&text), ["format_version"]);
    let text = MINIMAL.replace("\"zichtbaar-instrument\"", "\"iets-anders\"");
    assert_eq!(paths(&text), ["format"]);
}

#[test]
fn unknown_fields_and_broken_toml_are_syntax_errors() {
    let text = MINIMAL.replace(
        "intro = \"Een proef.\"",
        "intro = \"Een proef.\"\nintroo = \"typo\"",
    );
    assert!(matches!(
        Instrument::from_toml(&text),
        Err(InstrumentError::Syntax(_))
    ));
    assert!(matches!(
        Instrument::from_toml("title = "),
        Err(InstrumentError::Syntax(_))
    ));
}

#[test]
fn all_problems_are_reported_at_once() {
    let text = MINIMAL
        .replace("id = \"twee\"", "id = \"een\"")
        .replace("intro = \"Eerste.\"", "intro = \"\"")
        .replace("format_version = 1", "format_version = 9");
    assert_eq!(problems(&text).len(), 3);
}

#[test]
fn digest_follows_content_not_layout() {
    let a = Instrument::from_toml(MINIMAL).unwrap();
    let reformatted = MINIMAL
        .replace("\ntitle = \"Proef\"", "\n# een opmerking\ntitle   =   'Proef'")
        .replace(
            "[[scales]]\nid = \"ja-nee\"\noptions = [{ id = \"nee\", label = \"Nee\" }, { id = \"ja\", label = \"Ja\" }]",
            "[[scales]]\nid = \"ja-nee\"\n\n[[scales.options]]\nid = \"nee\"\nlabel = \"Nee\"\n\n[[scales.options]]\nlabel = \"Ja\"\nid = \"ja\"",
        );
    let b = Instrument::from_toml(&reformatted).unwrap();
    assert_eq!(a.digest(), b.digest());

    let changed = MINIMAL.replace("Eerste.", "Eerste!");
    let c = Instrument::from_toml(&changed).unwrap();
    assert_ne!(a.digest(), c.digest());
    assert!(a.digest().starts_with("sha256:") && a.digest().len() == 7 + 64);
    assert_eq!(a.digest(), digest(a.def()));
}
