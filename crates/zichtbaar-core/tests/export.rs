//! The export contract: schema, round trip, anonymisation.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::Value;
use zichtbaar_core::export::{
    action_field, action_key, file_name, normalise_brin, prepare, receipt_problems, to_json,
    ActionText, NotReady, School, ShareChoices, EXPORT_FORMAT_VERSION,
};
use zichtbaar_core::import::{read, read_record, Collection, ImportProblem};
use zichtbaar_core::plan::{Action, Due, Status};
use zichtbaar_core::record::{Role, SharedWithColleagues};
use zichtbaar_core::stored::decode;
use zichtbaar_core::{Answer, Body, Date, Record, SchoolYear};

fn docs() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs")
}

fn validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&fs::read_to_string(docs().join("export.schema.json")).unwrap())
            .unwrap();
    jsonschema::validator_for(&schema).expect("the schema itself is valid")
}

fn assert_valid(validator: &jsonschema::Validator, json: &str, what: &str) {
    let value: Value = serde_json::from_str(json).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not meet the schema:\n{}",
        errors.join("\n")
    );
}

fn today() -> Date {
    Date::new(2027, 3, 14).unwrap()
}

fn reflection() -> Record {
    decode(include_str!("data/stored-v1-reflection.json")).unwrap()
}

fn receipt() -> Record {
    decode(include_str!("data/stored-v1-receipt.json")).unwrap()
}

/// The frozen v2 reflection: five actions under two items, every status,
/// a month, a day, none, and one carried from an earlier year.
fn planned() -> Record {
    decode(include_str!("data/stored-v2-reflection.json")).unwrap()
}

fn action(id: &str, what: &str, who: &str) -> Action {
    Action {
        id: id.into(),
        what: what.into(),
        who: who.into(),
        due: None,
        status: Status::Gepland,
        carried_from: None,
    }
}

/// The v1 reflection with the action plan `actions`, by item.
fn with_actions(actions: &[(&str, Vec<Action>)]) -> Record {
    let mut r = reflection();
    let Body::Reflection(refl) = &mut r.body else {
        unreachable!()
    };
    refl.actions = actions
        .iter()
        .map(|(item, list)| (item.to_string(), list.clone()))
        .collect();
    r
}

const V1_EXPORT_REFLECTION: &str = include_str!("data/export-v1-reflection.json");
const V1_EXPORT_RECEIPT: &str = include_str!("data/export-v1-receipt.json");

fn with_answers(answers: &[(&str, Option<&str>, &str)]) -> Record {
    let mut r = reflection();
    let Body::Reflection(refl) = &mut r.body else {
        unreachable!()
    };
    refl.answers = answers
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
        .collect();
    r
}

#[test]
fn every_shipped_example_meets_the_schema_and_imports_cleanly() {
    let v = validator();
    let mut count = 0;
    for entry in fs::read_dir(docs().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        assert_valid(&v, &text, &path.display().to_string());
        let (records, problems) = read(&text);
        assert!(problems.is_empty(), "{}: {problems:?}", path.display());
        assert!(!records.is_empty());
        count += 1;
    }
    assert!(
        count >= 2,
        "expected examples of a reflection and a receipt"
    );
}

#[test]
fn the_examples_are_the_current_version_and_show_an_action_plan() {
    for (name, version) in [
        ("export-reflection.json", 2),
        ("export-receipt.json", 2),
        ("export-team-reflection.json", EXPORT_FORMAT_VERSION),
    ] {
        let text = fs::read_to_string(docs().join("examples").join(name)).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["formatVersion"], version, "{name}");
        // The version the app itself would write for these records.
        let (records, _) = read(&text);
        assert_eq!(
            zichtbaar_core::export::version_for(&records),
            version,
            "{name}"
        );
    }
    let text = fs::read_to_string(docs().join("examples/export-reflection.json")).unwrap();
    let (records, _) = read(&text);
    let actions = records[0]
        .actions
        .as_ref()
        .expect("the example has actions");
    let all: Vec<&Action> = actions.values().flatten().collect();
    for status in Status::ALL {
        assert!(all.iter().any(|a| a.status == status), "{status:?}");
    }
    assert!(all.iter().any(|a| matches!(a.due, Some(Due::Month { .. }))));
    assert!(all.iter().any(|a| matches!(a.due, Some(Due::Day(_)))));
    assert!(all.iter().any(|a| a.carried_from.is_some()));
}

#[test]
fn frozen_v1_exports_still_meet_the_schema_and_read() {
    let v = validator();
    for (text, what) in [
        (V1_EXPORT_REFLECTION, "v1 reflection"),
        (V1_EXPORT_RECEIPT, "v1 receipt"),
    ] {
        assert!(text.contains("\"formatVersion\": 1,"), "{what}");
        assert_valid(&v, text, what);
        let (records, problems) = read(text);
        assert!(problems.is_empty(), "{what}: {problems:?}");
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].actions, None, "{what}");
    }
    let (records, _) = read(V1_EXPORT_REFLECTION);
    let answers = records[0].answers.as_ref().unwrap();
    assert_eq!(answers.len(), 5);
    assert_eq!(
        answers["mentoraat/waar-staan-wij"].scale.as_deref(),
        Some("grotendeels-gerealiseerd")
    );
    let (records, _) = read(V1_EXPORT_RECEIPT);
    assert_eq!(records[0].school.as_ref().unwrap().brin, "12AB");
    assert!(records[0].receipt.as_ref().unwrap().received);
}

#[test]
fn the_schema_rejects_what_the_contract_forbids() {
    let v = validator();
    let good: Value = serde_json::from_str(
        &fs::read_to_string(docs().join("examples/export-receipt.json")).unwrap(),
    )
    .unwrap();
    let bad = |edit: &dyn Fn(&mut Value)| {
        let mut value = good.clone();
        edit(&mut value);
        v.is_valid(&value)
    };
    assert!(v.is_valid(&good));
    assert!(
        !bad(&|x| x["records"][0]["updated"] = "2027-05-28T10:15:00".into()),
        "time of day"
    );
    assert!(
        !bad(&|x| x["records"][0]["school"]["brin"] = "123A".into()),
        "BRIN form"
    );
    assert!(
        !bad(&|x| x["records"][0]["userAgent"] = "Mozilla/5.0".into()),
        "device details"
    );
    assert!(
        !bad(&|x| x["records"][0]["receipt"]["name"] = "Jan Jansen".into()),
        "person's name"
    );
    assert!(
        !bad(&|x| {
            x["records"][0].as_object_mut().unwrap().remove("school");
        }),
        "receipt without school"
    );
    assert!(!bad(&|x| x["formatVersion"] = 4.into()), "unknown version");
    assert!(
        !bad(&|x| x["records"][0]["team"] = serde_json::json!({"name": "Anna"})),
        "a receipt shared with a team"
    );
    assert!(!bad(&|x| x["formatVersion"] = 0.into()), "version 0");
    assert!(
        !bad(
            &|x| x["records"][0]["actions"] = serde_json::json!({"mentoraat": [{"id": "0f3a9c21", "what": "x", "who": "y", "status": "bezig"}]})
        ),
        "a receipt with actions"
    );
}

/// The first action of the example's plan.
fn first(x: &mut Value) -> &mut Value {
    &mut x["records"][0]["actions"]["basis-in-de-les"][0]
}

#[test]
fn the_schema_checks_every_part_of_an_action() {
    let v = validator();
    let good: Value = serde_json::from_str(
        &fs::read_to_string(docs().join("examples/export-reflection.json")).unwrap(),
    )
    .unwrap();
    assert!(v.is_valid(&good));
    let bad = |edit: &dyn Fn(&mut Value)| {
        let mut value = good.clone();
        edit(&mut value);
        v.is_valid(&value)
    };
    // What the schema allows, so that the cases below fail for their reason.
    assert!(bad(&|x| first(x)["due"] = "2027-12-31".into()));
    assert!(bad(&|x| first(x)["who"] = "".into()));
    assert!(bad(&|x| {
        first(x).as_object_mut().unwrap().remove("due");
    }));
    assert!(
        !bad(&|x| x["formatVersion"] = 1.into()),
        "actions in version 1"
    );
    assert!(
        !bad(&|x| first(x)["id"] = "0F3A9C21".into()),
        "upper-case id"
    );
    assert!(!bad(&|x| first(x)["id"] = "0f3a9c2".into()), "short id");
    for due in [
        "2027-13",
        "2027",
        "2027-04-31x",
        "april 2027",
        "2027-04-14T10:00",
    ] {
        assert!(!bad(&|x| first(x)["due"] = due.into()), "due {due}");
    }
    assert!(!bad(&|x| first(x)["status"] = "af".into()), "status");
    assert!(
        !bad(&|x| first(x)["carriedFrom"] = "2025/2026".into()),
        "carriedFrom"
    );
    assert!(
        !bad(&|x| first(x)["name"] = "Jan Jansen".into()),
        "person's name"
    );
    assert!(
        !bad(&|x| {
            first(x)["what"] = "".into();
            first(x)["who"] = "".into();
        }),
        "an empty action"
    );
    assert!(
        !bad(&|x| {
            first(x).as_object_mut().unwrap().remove("status");
        }),
        "no status"
    );
    assert!(
        !bad(&|x| x["records"][0]["actions"]["basis-in-de-les"] = serde_json::json!([])),
        "an item without actions"
    );
    assert!(
        !bad(&|x| x["records"][0]["actions"] = serde_json::json!({})),
        "an empty plan"
    );
    assert!(
        !bad(&|x| x["records"][0]["actions"]["Basis in de les"] =
            x["records"][0]["actions"]["mentoraat"].clone()),
        "an item id that is not a slug"
    );
}

#[test]
fn real_exports_meet_the_schema() {
    let v = validator();
    let plain = prepare(&reflection(), &ShareChoices::default(), today()).unwrap();
    assert_valid(&v, &plain.to_json(), "reflection");
    let with_school = ShareChoices {
        school: Some(School {
            name: "Voorbeeldcollege".into(),
            brin: "12ab".into(),
        }),
        ..ShareChoices::default()
    };
    assert_valid(
        &v,
        &prepare(&reflection(), &with_school, today())
            .unwrap()
            .to_json(),
        "reflection with school",
    );
    assert_valid(
        &v,
        &prepare(&receipt(), &ShareChoices::default(), today())
            .unwrap()
            .to_json(),
        "receipt",
    );
    // Whitespace-only and empty answers do not produce empty strings.
    let sparse = with_answers(&[
        ("mentoraat/aanpak", None, "   "),
        ("mentoraat/waar-staan-wij", Some("geborgd"), " "),
    ]);
    assert_valid(
        &v,
        &prepare(&sparse, &ShareChoices::default(), today())
            .unwrap()
            .to_json(),
        "sparse reflection",
    );
    assert_valid(
        &v,
        &prepare(&planned(), &ShareChoices::default(), today())
            .unwrap()
            .to_json(),
        "reflection with actions",
    );
    // Blank texts and whole actions left out do not produce empty strings
    // or empty lists.
    let blank = with_actions(&[
        (
            "mentoraat",
            vec![
                action("00000001", " ", "mentoren"),
                action("00000002", "", ""),
            ],
        ),
        (
            "basis-in-de-les",
            vec![action("00000003", "Lesbezoeken", "teamleiders")],
        ),
    ]);
    let choices = ShareChoices {
        left_out_fields: [action_key("basis-in-de-les", "00000003")].into(),
        ..ShareChoices::default()
    };
    let json = prepare(&blank, &choices, today()).unwrap().to_json();
    assert_valid(&v, &json, "reflection with blank actions");
    assert!(!json.contains("basis-in-de-les\": ["), "{json}");
}

#[test]
fn export_then_import_gives_the_same_answers() {
    let original = reflection();
    let preview = prepare(&original, &ShareChoices::default(), today()).unwrap();
    let (records, problems) = read(&preview.to_json());
    assert!(problems.is_empty());
    let [record] = records.as_slice() else {
        panic!("one record expected")
    };
    assert_eq!(record.id, original.id);
    assert_eq!(record.revision, original.revision);
    assert_eq!(record.instrument, original.instrument);
    assert_eq!(record.school_year, original.school_year);
    assert_eq!(record.updated, original.updated);
    assert_eq!(
        record.answers.as_ref(),
        Some(&original.reflection().unwrap().answers)
    );
    assert_eq!(
        record.school, None,
        "a reflection names no school unless asked"
    );

    let receipt = receipt();
    let (records, _) = read(
        &prepare(&receipt, &ShareChoices::default(), today())
            .unwrap()
            .to_json(),
    );
    let r = records[0].receipt.as_ref().unwrap();
    let original = &receipt.receipt().unwrap().answers;
    assert_eq!(
        (r.role, r.received, r.shared_with_colleagues),
        (
            Some(Role::Anders),
            true,
            Some(SharedWithColleagues::NogNiet)
        )
    );
    assert_eq!(
        (
            r.reactions.as_str(),
            r.wishes.as_str(),
            r.role_other.as_str()
        ),
        (
            original.reactions.as_str(),
            original.wishes.as_str(),
            original.role_other.as_str()
        )
    );
    assert_eq!(
        records[0].school,
        Some(School {
            name: "Voorbeeldcollege".into(),
            brin: "12AB".into()
        })
    );
}

#[test]
fn export_then_import_gives_the_same_actions_anonymised() {
    let mut original = planned();
    let Body::Reflection(refl) = &mut original.body else {
        unreachable!()
    };
    refl.actions.get_mut("mentoraat").unwrap()[0].what =
        "Mentorgesprekken, vragen aan mentoraat@school.nl".into();
    let preview = prepare(&original, &ShareChoices::default(), today()).unwrap();
    assert_eq!(preview.export.format_version, 2);
    let json = preview.to_json();
    assert!(json.contains("\"formatVersion\": 2,"));
    let (records, problems) = read(&json);
    assert!(problems.is_empty(), "{problems:?}");
    let read_back = records[0].actions.as_ref().unwrap();
    let plan = &original.reflection().unwrap().actions;
    assert_eq!(read_back.len(), plan.len());
    for (item, list) in plan {
        assert_eq!(read_back[item].len(), list.len(), "{item}");
        for (sent, kept) in read_back[item].iter().zip(list) {
            // Everything as kept on the device, but the text anonymised.
            let expected = Action {
                what: sent.what.clone(),
                ..kept.clone()
            };
            assert_eq!(*sent, expected);
        }
    }
    assert_eq!(
        read_back["mentoraat"][0].what,
        "Mentorgesprekken, vragen aan [e-mailadres weggelaten]"
    );
    assert_eq!(
        read_back["basis-in-de-les"][1].who,
        "ondersteuningscoördinator"
    );
    // And what was sent is what the preview holds.
    assert_eq!(records[0], preview.export.records[0]);
}

#[test]
fn actions_only_add_to_an_export() {
    // The same record with and without its plan: the files differ in the
    // `actions` field only, so a record without actions is written as in
    // version 1 apart from the version number.
    let with = planned();
    let mut without = with.clone();
    let Body::Reflection(refl) = &mut without.body else {
        unreachable!()
    };
    refl.actions.clear();
    let as_value = |r: &Record| -> Value {
        let json = prepare(r, &ShareChoices::default(), today())
            .unwrap()
            .to_json();
        serde_json::from_str(&json).unwrap()
    };
    let mut a = as_value(&with);
    let b = as_value(&without);
    assert_ne!(a, b);
    assert!(b["records"][0].get("actions").is_none());
    a["records"][0].as_object_mut().unwrap().remove("actions");
    assert_eq!(a, b);
}

#[test]
fn details_in_an_actions_text_are_left_out_unless_kept() {
    let r = with_actions(&[(
        "mentoraat",
        vec![
            action(
                "0f3a9c21",
                "Ouders bellen via 06-12345678",
                "mentoren, vragen aan zorg@school.nl",
            ),
            action("a47be2d0", "Gesprek met Sanne plannen", "teamleiders"),
        ],
    )]);
    let mut choices = ShareChoices {
        watch_names: vec!["Sanne".into()],
        ..ShareChoices::default()
    };
    let what = action_field("mentoraat", "0f3a9c21", ActionText::What);
    let who = action_field("mentoraat", "0f3a9c21", ActionText::Who);
    assert_eq!(what, "mentoraat/acties/0f3a9c21/wat");
    assert_eq!(who, "mentoraat/acties/0f3a9c21/wie");

    let p = prepare(&r, &choices, today()).unwrap();
    let sent = &p.export.records[0].actions.as_ref().unwrap()["mentoraat"];
    assert_eq!(
        sent[0].what,
        "Ouders bellen via [telefoonnummer weggelaten]"
    );
    assert_eq!(sent[0].who, "mentoren, vragen aan [e-mailadres weggelaten]");
    assert_eq!(sent[1].what, "Gesprek met [naam weggelaten] plannen");
    assert_eq!(sent[1].who, "teamleiders");
    // Each text is a field of the preview, after the answers, in plan order.
    let listed: Vec<&str> = p.fields.iter().map(|f| f.field.as_str()).collect();
    // (answers without text are not fields)
    let answers = r.reflection().unwrap().answers.values();
    let answers = answers.filter(|a| !a.text.is_empty()).count();
    assert_eq!(answers, 2);
    assert_eq!(
        listed[answers..],
        [
            what.as_str(),
            who.as_str(),
            "mentoraat/acties/a47be2d0/wat",
            "mentoraat/acties/a47be2d0/wie"
        ]
    );
    assert_eq!(p.redacted(&choices), 3);
    let json = p.to_json();
    for detail in ["06-12345678", "zorg@school.nl", "Sanne"] {
        assert!(!json.contains(detail), "{detail} leaked");
    }

    // Kept hits are kept, by field and offset, like an answer's.
    let phone_at = "Ouders bellen via ".len();
    choices.kept_hits.insert((what.clone(), phone_at));
    let p = prepare(&r, &choices, today()).unwrap();
    let sent = &p.export.records[0].actions.as_ref().unwrap()["mentoraat"];
    assert_eq!(sent[0].what, "Ouders bellen via 06-12345678");
    assert_eq!(sent[0].who, "mentoren, vragen aan [e-mailadres weggelaten]");
    assert_eq!(p.redacted(&choices), 2);
    // The same offset in the other field keeps nothing there.
    choices.kept_hits.clear();
    choices.kept_hits.insert((who.clone(), phone_at));
    let p = prepare(&r, &choices, today()).unwrap();
    assert_eq!(p.redacted(&choices), 3);
}

#[test]
fn left_out_items_actions_and_texts_are_not_shared() {
    let r = with_actions(&[
        (
            "mentoraat",
            vec![
                action("0f3a9c21", "Mentorgesprekken plannen", "mentoren"),
                action("a47be2d0", "Ouderavond over het mentoraat", "teamleiders"),
            ],
        ),
        (
            "basis-in-de-les",
            vec![action("5c6d7e8f", "Lesbezoeken", "sectievoorzitters")],
        ),
    ]);
    let shared = |choices: &ShareChoices| {
        let p = prepare(&r, choices, today()).unwrap();
        let json = p.to_json();
        (p.export.records[0].actions.clone(), json, p.fields)
    };

    // A left-out item takes its actions with it; they are still listed in
    // the preview, as left out.
    let choices = ShareChoices {
        left_out_items: ["basis-in-de-les".to_owned()].into(),
        ..ShareChoices::default()
    };
    let (actions, json, fields) = shared(&choices);
    let items: Vec<String> = actions.unwrap().into_keys().collect();
    assert_eq!(items, ["mentoraat"]);
    assert!(!json.contains("Lesbezoeken") && !json.contains("sectievoorzitters"));
    let field = fields
        .iter()
        .find(|f| f.field == "basis-in-de-les/acties/5c6d7e8f/wat")
        .unwrap();
    assert!(field.left_out);

    // A left-out action goes entirely; the other actions of its item stay.
    let choices = ShareChoices {
        left_out_fields: [action_key("mentoraat", "a47be2d0")].into(),
        ..ShareChoices::default()
    };
    let (actions, json, _) = shared(&choices);
    let actions = actions.unwrap();
    let ids: Vec<&str> = actions["mentoraat"].iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["0f3a9c21"]);
    assert!(!json.contains("a47be2d0") && !json.contains("Ouderavond"));

    // One left-out text leaves the action with the other.
    let choices = ShareChoices {
        left_out_fields: [action_field("mentoraat", "a47be2d0", ActionText::What)].into(),
        ..ShareChoices::default()
    };
    let (actions, json, _) = shared(&choices);
    let second = &actions.unwrap()["mentoraat"][1];
    assert_eq!(
        (second.what.as_str(), second.who.as_str()),
        ("", "teamleiders")
    );
    assert!(!json.contains("Ouderavond"));

    // Every action of every item left out: no `actions` at all.
    let choices = ShareChoices {
        left_out_items: ["basis-in-de-les".to_owned(), "mentoraat".to_owned()].into(),
        ..ShareChoices::default()
    };
    let (actions, json, _) = shared(&choices);
    assert_eq!(actions, None);
    assert!(!json.contains("actions"));
}

#[test]
fn a_receipt_with_actions_is_a_bad_record() {
    let good = prepare(&receipt(), &ShareChoices::default(), today()).unwrap();
    let mut value: Value = serde_json::to_value(&good.export.records[0]).unwrap();
    assert!(read_record(0, &value.to_string()).is_ok());
    value["actions"] = serde_json::json!({"mentoraat": [{"id": "0f3a9c21", "what": "x", "who": "y", "status": "bezig"}]});
    let problem = read_record(0, &value.to_string()).unwrap_err();
    assert!(
        matches!(&problem, ImportProblem::BadRecord { index: 0, reason } if reason.contains("actions")),
        "{problem:?}"
    );
    // A reflection's damaged action is a bad record too, with the reason.
    let planned = prepare(&planned(), &ShareChoices::default(), today()).unwrap();
    let mut value: Value = serde_json::to_value(&planned.export.records[0]).unwrap();
    value["actions"]["mentoraat"][0]["due"] = "2027-13".into();
    assert!(read_record(0, &value.to_string()).is_err());
    value["actions"]["mentoraat"][0]["due"] = "2027-12".into();
    assert!(read_record(0, &value.to_string()).is_ok());
    let year =
        read_record(0, &value.to_string()).unwrap().actions.unwrap()["mentoraat"][0].carried_from;
    assert_eq!(year, Some(SchoolYear::starting(2026)));
}

#[test]
fn exports_carry_dates_only_and_nothing_about_the_device() {
    let json = prepare(&reflection(), &ShareChoices::default(), today())
        .unwrap()
        .to_json();
    let value: Value = serde_json::from_str(&json).unwrap();
    let keys: Vec<&str> = value["records"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    // (serde_json's map is sorted)
    assert_eq!(
        keys,
        [
            "answers",
            "id",
            "instrument",
            "kind",
            "perspective",
            "revision",
            "schoolYear",
            "updated"
        ]
    );
    assert!(!json.contains("created"), "the creation date is not shared");
    assert!(json.ends_with("}\n"));
}

#[test]
fn school_is_named_only_when_ticked_and_then_with_a_clean_brin() {
    let choices = ShareChoices {
        school: Some(School {
            name: "  Voorbeeldcollege ".into(),
            brin: "12ab".into(),
        }),
        ..ShareChoices::default()
    };
    let p = prepare(&reflection(), &choices, today()).unwrap();
    assert_eq!(
        p.export.records[0].school,
        Some(School {
            name: "Voorbeeldcollege".into(),
            brin: "12AB".into()
        })
    );
    let choices = ShareChoices {
        school: Some(School {
            name: "  ".into(),
            brin: "12AB".into(),
        }),
        ..ShareChoices::default()
    };
    assert_eq!(
        prepare(&reflection(), &choices, today())
            .unwrap()
            .export
            .records[0]
            .school,
        None
    );
    assert_eq!(normalise_brin(" 12ab "), Some("12AB".into()));
    for bad in ["12A", "1ABC", "12ABC", "AB12", "12Ä B"] {
        assert_eq!(normalise_brin(bad), None, "{bad}");
    }
}

#[test]
fn a_receipt_must_be_complete_before_it_can_be_shared() {
    let mut r = receipt();
    let Body::Receipt(receipt) = &mut r.body else {
        unreachable!()
    };
    receipt.school_name = " ".into();
    receipt.brin = "1234".into();
    receipt.answers.received = false;
    assert_eq!(
        receipt_problems(receipt),
        [
            NotReady::SchoolNameMissing,
            NotReady::BrinMalformed,
            NotReady::NotConfirmed
        ]
    );
    assert_eq!(
        prepare(&r, &ShareChoices::default(), today())
            .err()
            .map(|p| p.len()),
        Some(3)
    );
}

#[test]
fn hits_are_left_out_unless_kept_and_whole_items_or_answers_can_be_left_out() {
    let r = with_answers(&[
        (
            "mentoraat/aanpak",
            None,
            "Mail mentor@school.nl of bel 06-12345678.",
        ),
        (
            "mentoraat/waar-staan-wij",
            Some("geborgd"),
            "Met Sanne besproken.",
        ),
        ("basis-in-de-les/aanpak", None, "Lesbezoeken"),
    ]);
    let mut choices = ShareChoices {
        watch_names: vec!["Sanne".into()],
        ..ShareChoices::default()
    };
    let p = prepare(&r, &choices, today()).unwrap();
    let answers = p.export.records[0].answers.clone().unwrap();
    assert_eq!(
        answers["mentoraat/aanpak"].text,
        "Mail [e-mailadres weggelaten] of bel [telefoonnummer weggelaten]."
    );
    assert_eq!(
        answers["mentoraat/waar-staan-wij"].text,
        "Met [naam weggelaten] besproken."
    );
    assert_eq!(p.redacted(&choices), 3);
    assert_eq!(p.fields.len(), 3);

    let phone_at = "Mail mentor@school.nl of bel ".len();
    choices
        .kept_hits
        .insert(("mentoraat/aanpak".into(), phone_at));
    let p = prepare(&r, &choices, today()).unwrap();
    assert_eq!(
        p.export.records[0].answers.as_ref().unwrap()["mentoraat/aanpak"].text,
        "Mail [e-mailadres weggelaten] of bel 06-12345678."
    );
    assert_eq!(p.redacted(&choices), 2);

    choices
        .left_out_fields
        .insert("mentoraat/waar-staan-wij".into());
    choices.left_out_items.insert("basis-in-de-les".into());
    let p = prepare(&r, &choices, today()).unwrap();
    let keys: Vec<String> = p.export.records[0]
        .answers
        .as_ref()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys, ["mentoraat/aanpak"]);
    assert!(!p.to_json().contains("Sanne") && !p.to_json().contains("Lesbezoeken"));
}

#[test]
fn importers_keep_one_record_per_id_the_newest() {
    let mut older = reflection();
    older.revision = 3;
    let newer = reflection();
    let mut other = receipt();
    other.revision = 1;
    let mut c = Collection::default();
    for r in [&older, &newer, &older, &other] {
        let (records, _) = read(
            &prepare(r, &ShareChoices::default(), today())
                .unwrap()
                .to_json(),
        );
        for record in records {
            c.add(record);
        }
    }
    assert_eq!(c.len(), 2);
    let kept = c.records().find(|r| r.id == newer.id).unwrap();
    assert_eq!(kept.revision, newer.revision);
}

#[test]
fn import_reports_bad_files_and_bad_records_and_keeps_the_good_ones() {
    let good = fs::read_to_string(docs().join("examples/export-receipt.json")).unwrap();
    let mut value: Value = serde_json::from_str(&good).unwrap();
    let mut broken = value["records"][0].clone();
    broken["kind"] = "reflection".into();
    value["records"].as_array_mut().unwrap().push(broken);
    value["records"]
        .as_array_mut()
        .unwrap()
        .push(Value::String("nonsense".into()));
    let (records, problems) = read(&value.to_string());
    assert_eq!(records.len(), 1);
    assert!(matches!(
        problems.as_slice(),
        [
            ImportProblem::BadRecord { index: 1, .. },
            ImportProblem::BadRecord { index: 2, .. }
        ]
    ));

    assert!(matches!(
        read("{").1.as_slice(),
        [ImportProblem::NotAnExport(_)]
    ));
    assert!(matches!(read(r#"{"format":"zichtbaar-backup","formatVersion":1,"exported":"2027-01-01","records":[]}"#).1.as_slice(), [ImportProblem::NotAnExport(_)]));
    assert!(good.contains("\"formatVersion\": 2"));
    for version in [0, 4] {
        assert_eq!(
            read(&good.replace(
                "\"formatVersion\": 2",
                &format!("\"formatVersion\": {version}")
            ))
            .1,
            [ImportProblem::NewerFormat(version)]
        );
    }
    let v1 = good.replace("\"formatVersion\": 2", "\"formatVersion\": 1");
    assert_eq!(read(&v1).0.len(), 1);
}

#[test]
fn file_names_say_what_is_inside_and_whose_without_a_person() {
    let p = prepare(&reflection(), &ShareChoices::default(), today()).unwrap();
    let record = &p.export.records[0];
    let id8 = &record.id.as_str()[..8];
    assert_eq!(
        file_name(record, today()),
        format!("zichtbaar-reflectie-2027-03-14-{id8}.json")
    );
    let p = prepare(&receipt(), &ShareChoices::default(), today()).unwrap();
    let record = &p.export.records[0];
    let school = record.school.as_ref().unwrap();
    assert_eq!(
        file_name(record, today()),
        format!(
            "zichtbaar-ontvangst-{}-{}-2027-03-14-{}.json",
            school.name.to_lowercase().replace(' ', "-"),
            school.brin.to_lowercase(),
            &record.id.as_str()[..8]
        )
    );
}

/// The SWV saved fourteen attachments of one day in one folder, and a team
/// leader five colleagues' downloads: every file had the same name.
#[test]
fn regression_shared_files_of_one_day_never_share_a_name() {
    let p = prepare(&receipt(), &ShareChoices::default(), today()).unwrap();
    let mut names = std::collections::BTreeSet::new();
    for n in 0..14u8 {
        let mut record = p.export.records[0].clone();
        let mut bytes = [0u8; 16];
        bytes[0] = n.wrapping_mul(17);
        bytes[3] = n;
        record.id = zichtbaar_core::RecordId::from_random(bytes);
        assert!(names.insert(file_name(&record, today())));
    }
}

#[test]
fn a_school_name_becomes_a_safe_part_of_a_file_name() {
    let p = prepare(&receipt(), &ShareChoices::default(), today()).unwrap();
    let mut record = p.export.records[0].clone();
    let id8 = record.id.as_str()[..8].to_owned();
    let named = |record: &mut zichtbaar_core::export::ExportRecord, name: &str, brin: &str| {
        record.school = Some(zichtbaar_core::export::School {
            name: name.to_owned(),
            brin: brin.to_owned(),
        });
        file_name(record, today())
    };
    assert_eq!(
        named(&mut record, "  Het Vossius / Gymnasium: \"Erasmus\"  ", ""),
        format!("zichtbaar-ontvangst-het-vossius-gymnasium-erasmus-2027-03-14-{id8}.json")
    );
    assert_eq!(
        named(
            &mut record,
            "Scholengemeenschap 't Rijks Zuidoost-Coördinatie",
            "12AB"
        ),
        format!(
            "zichtbaar-ontvangst-scholengemeenschap-t-rijks-zuidoost-12ab-2027-03-14-{id8}.json"
        )
    );
    // Nothing usable left: no school part at all.
    assert_eq!(
        named(&mut record, "«»", ""),
        format!("zichtbaar-ontvangst-2027-03-14-{id8}.json")
    );
    let name = named(&mut record, &"Ë<>:|?*\\/".repeat(30), "");
    assert!(
        name.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'),
        "{name}"
    );
    assert!(name.len() <= 100, "{name}");
}

// ---- property tests: injected e-mail addresses and phone numbers never leave

fn words() -> impl Strategy<Value = String> {
    proptest::collection::vec("[A-Za-zëé]{1,9}[,.]?", 0..8).prop_map(|w| w.join(" "))
}

fn email() -> impl Strategy<Value = String> {
    (
        "[a-z][a-z0-9._]{0,10}[a-z0-9]",
        "[a-z0-9][a-z0-9-]{0,10}[a-z0-9]",
        "(nl|com|org|eu|school)",
    )
        .prop_map(|(local, host, tld)| format!("{local}@{host}.{tld}"))
}

fn phone() -> impl Strategy<Value = String> {
    let d = |n: usize| {
        proptest::collection::vec(0u8..10, n)
            .prop_map(|v| v.iter().map(|d| d.to_string()).collect::<String>())
    };
    prop_oneof![
        d(8).prop_map(|x| format!("06{x}")),
        d(8).prop_map(|x| format!("06-{x}")),
        d(8).prop_map(|x| format!("06 {} {}", &x[..4], &x[4..])),
        d(8).prop_map(|x| format!("+31 6 {x}")),
        d(8).prop_map(|x| format!("+316{x}")),
        d(8).prop_map(|x| format!("0031 6 {x}")),
        (1u8..10, d(8)).prop_map(|(a, x)| format!("0{a}{}-{}", &x[..1], &x[1..])),
        (1u8..10, d(8)).prop_map(|(a, x)| format!("(0{a}{}) {} {}", &x[..1], &x[1..4], &x[4..])),
    ]
}

fn text_with(pii: impl Strategy<Value = String>) -> impl Strategy<Value = (String, String)> {
    (words(), pii, words())
        .prop_map(|(before, pii, after)| (format!("{before} {pii} {after}"), pii))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_injected_email_or_phone_survives_an_export(
        answers in proptest::collection::vec(
            (prop_oneof![text_with(email()), text_with(phone())], proptest::option::of("[a-z-]{3,10}")),
            1..12,
        )
    ) {
        let mut record = reflection();
        let Body::Reflection(refl) = &mut record.body else { unreachable!() };
        refl.answers = BTreeMap::new();
        let mut injected = Vec::new();
        for (i, ((text, pii), scale)) in answers.into_iter().enumerate() {
            refl.answers.insert(format!("item-{i}/vraag"), Answer { scale, text });
            injected.push(pii);
        }
        let json = to_json(&prepare(&record, &ShareChoices::default(), today()).unwrap().export);
        for pii in &injected {
            prop_assert!(!json.contains(pii.as_str()), "{pii:?} leaked into {json}");
        }
    }

    /// Several details in one text, with characters wider than a byte
    /// between them (a dash, curly quotes, an arrow, an accent): every one
    /// is left out, not only the first.
    #[test]
    fn no_email_or_phone_survives_among_wide_characters(
        parts in proptest::collection::vec(
            (prop_oneof![email(), phone()], prop_oneof![Just("—"), Just("“ja”"), Just("→"), Just("‘t"), Just("é"), Just("-")]),
            2..6,
        )
    ) {
        let mut record = reflection();
        let Body::Reflection(refl) = &mut record.body else { unreachable!() };
        let text: String = parts.iter().map(|(pii, sep)| format!("{sep} {pii} ")).collect();
        refl.answers = BTreeMap::from([("mentoraat/aanpak".to_owned(), Answer { scale: None, text })]);
        let json = to_json(&prepare(&record, &ShareChoices::default(), today()).unwrap().export);
        for (pii, _) in &parts {
            prop_assert!(!json.contains(pii.as_str()), "{pii:?} leaked into {json}");
        }
    }

    #[test]
    fn no_injected_email_or_phone_survives_in_an_action(
        actions in proptest::collection::vec(
            (prop_oneof![text_with(email()), text_with(phone())], prop_oneof![text_with(email()), text_with(phone())]),
            1..8,
        )
    ) {
        let mut record = reflection();
        let Body::Reflection(refl) = &mut record.body else { unreachable!() };
        let mut injected = Vec::new();
        let mut plan = Vec::new();
        for (i, ((what, pii_what), (who, pii_who))) in actions.into_iter().enumerate() {
            plan.push(action(&format!("{i:08x}"), &what, &who));
            injected.extend([pii_what, pii_who]);
        }
        refl.actions.insert("mentoraat".into(), plan);
        let json = prepare(&record, &ShareChoices::default(), today()).unwrap().to_json();
        for pii in &injected {
            prop_assert!(!json.contains(pii.as_str()), "{pii:?} leaked into {json}");
        }
    }

    #[test]
    fn receipt_free_text_is_scanned_too((text, pii) in prop_oneof![text_with(email()), text_with(phone())]) {
        let mut record = receipt();
        let Body::Receipt(r) = &mut record.body else { unreachable!() };
        r.answers.reactions = text.clone();
        r.answers.wishes = text.clone();
        r.answers.role_other = text;
        let json = prepare(&record, &ShareChoices::default(), today()).unwrap().to_json();
        prop_assert!(!json.contains(pii.as_str()), "{pii:?} leaked into {json}");
    }
}

#[test]
fn a_receipt_keeps_the_schools_phone_number_and_a_reflection_does_not() {
    use zichtbaar_core::export::keep_phone_numbers;
    let mut r = receipt();
    if let Body::Receipt(receipt) = &mut r.body {
        receipt.answers.reactions =
            "Bel ons gerust: 010-1234567, of mail info@school.nl. Of Jan: 06-12345678, +31 6 1234 5678.".into();
    }
    let mut choices = ShareChoices::default();
    let first = prepare(&r, &choices, today()).unwrap();
    keep_phone_numbers(&r, &first, &mut choices);
    let json = prepare(&r, &choices, today()).unwrap().to_json();
    assert!(json.contains("010-1234567"), "{json}");
    // Only the school's number: an e-mail address and mobile numbers, most
    // likely a person's, are still left out.
    assert!(!json.contains("info@school.nl"), "{json}");
    assert!(
        !json.contains("06-12345678") && !json.contains("1234 5678"),
        "{json}"
    );
    let mut refl = reflection();
    if let Body::Reflection(x) = &mut refl.body {
        x.answers.values_mut().next().unwrap().text = "Bel 010-1234567".into();
    }
    let mut choices = ShareChoices::default();
    let first = prepare(&refl, &choices, today()).unwrap();
    keep_phone_numbers(&refl, &first, &mut choices);
    assert!(choices.kept_hits.is_empty());
}

const V2_EXPORT_REFLECTION: &str = include_str!("data/export-v2-reflection.json");

#[test]
fn a_frozen_v2_export_still_meets_the_schema_and_reads() {
    let v = validator();
    assert!(V2_EXPORT_REFLECTION.contains("\"formatVersion\": 2,"));
    assert_valid(&v, V2_EXPORT_REFLECTION, "v2 reflection");
    let (records, problems) = read(V2_EXPORT_REFLECTION);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(records[0].team, None);
    assert_eq!(records[0].actions.as_ref().map(|a| a.len()), Some(2));
}

#[test]
fn a_reflection_shared_with_the_team_carries_the_chosen_name_in_version_3() {
    use zichtbaar_core::export::{file_name, Team, TEAM_NAME_MAX};
    let v = validator();
    let record = planned();
    // With the SWV: version 2, no name, as before.
    let swv = prepare(&record, &ShareChoices::default(), today())
        .unwrap()
        .to_json();
    assert_valid(&v, &swv, "shared with the SWV");
    assert!(
        swv.contains("\"formatVersion\": 2,") && !swv.contains("\"team\":"),
        "{swv}"
    );
    // With the team: version 3 and the name, cleaned up.
    let choices = ShareChoices {
        team: Some(Team {
            name: "  Anna\n(wiskunde)\u{7}  ".into(),
        }),
        ..ShareChoices::default()
    };
    let preview = prepare(&record, &choices, today()).unwrap();
    let json = preview.to_json();
    assert_valid(&v, &json, "shared with the team");
    assert!(json.contains("\"formatVersion\": 3,"), "{json}");
    let (records, problems) = read(&json);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(records[0].team.as_ref().unwrap().name, "Anna (wiskunde)");
    // The answers are anonymised as for the SWV.
    assert_eq!(records[0].answers, preview.export.records[0].answers);
    assert!(file_name(&records[0], today())
        .starts_with("zichtbaar-reflectie-team-anna-wiskunde-2027-03-14-"));
    // Without a name: "team" in the file name, no name in the file.
    let nameless = ShareChoices {
        team: Some(Team::default()),
        ..ShareChoices::default()
    };
    let json = prepare(&record, &nameless, today()).unwrap().to_json();
    assert_valid(&v, &json, "shared with the team, no name");
    assert!(json.contains("\"team\": {}"), "{json}");
    assert_eq!(
        Team::named(&"x".repeat(100)).name.chars().count(),
        TEAM_NAME_MAX
    );
    // A receipt always goes to the SWV.
    let json = prepare(&receipt(), &choices, today()).unwrap().to_json();
    assert!(!json.contains("\"team\":"), "{json}");
    // A version 2 file may not carry a team, and a receipt never.
    let mut bad: Value = serde_json::from_str(&json).unwrap();
    bad["records"][0]["team"] = serde_json::json!({});
    assert!(!v.is_valid(&bad));
    let mut bad: Value = serde_json::from_str(V2_EXPORT_REFLECTION).unwrap();
    bad["records"][0]["team"] = serde_json::json!({"name": "Anna"});
    assert!(!v.is_valid(&bad), "team in version 2");
    bad["formatVersion"] = 3.into();
    assert!(v.is_valid(&bad));
    bad["records"][0]["team"] = serde_json::json!({"name": "Anna\nJansen"});
    assert!(!v.is_valid(&bad), "a line break in a name");
}
