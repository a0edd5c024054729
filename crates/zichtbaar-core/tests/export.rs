//! The export contract: schema, round trip, anonymisation.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::Value;
use zichtbaar_core::export::{
    file_name, normalise_brin, prepare, receipt_problems, to_json, NotReady, School, ShareChoices,
};
use zichtbaar_core::import::{read, Collection, ImportProblem};
use zichtbaar_core::record::{Role, SharedWithColleagues};
use zichtbaar_core::stored::decode;
use zichtbaar_core::{Answer, Body, Date, Record};

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
    assert!(!bad(&|x| x["formatVersion"] = 2.into()), "unknown version");
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
    assert_eq!(
        read(&good.replace("\"formatVersion\": 1", "\"formatVersion\": 2")).1,
        [ImportProblem::NewerFormat(2)]
    );
}

#[test]
fn file_names_say_what_is_inside_without_a_person() {
    let p = prepare(&reflection(), &ShareChoices::default(), today()).unwrap();
    assert_eq!(
        file_name(&p.export.records[0], today()),
        "zichtbaar-reflectie-ondersteuningsstructuur-2026-2027-2027-03-14.json"
    );
    let p = prepare(&receipt(), &ShareChoices::default(), today()).unwrap();
    assert_eq!(
        file_name(&p.export.records[0], today()),
        "zichtbaar-ontvangst-ondersteuningsstructuur-2026-2027-2027-03-14.json"
    );
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
