//! The storage schema: every version ever shipped still reads, frozen.
//!
//! The files in `tests/data/stored-v*.json` are frozen copies of what the app
//! wrote. Never edit them; when the schema changes, add new fixtures beside
//! them and keep these tests passing through the migration.

use zichtbaar_core::plan::{Due, Status};
use zichtbaar_core::record::{Role, SharedWithColleagues};
use zichtbaar_core::stored::{decode, encode, DecodeError, STORAGE_SCHEMA};
use zichtbaar_core::{Body, Date, Perspective, SchoolYear};

const V1_REFLECTION: &str = include_str!("data/stored-v1-reflection.json");
const V1_RECEIPT: &str = include_str!("data/stored-v1-receipt.json");
const V2_REFLECTION: &str = include_str!("data/stored-v2-reflection.json");

#[test]
fn frozen_v1_reflection_still_reads() {
    let r = decode(V1_REFLECTION).unwrap();
    assert_eq!(r.id.as_str(), "5f1c9a2e-7b3d-4c8e-9a1f-2d3e4f5a6b7c");
    assert_eq!(r.revision, 7);
    assert_eq!(r.instrument.id, "ondersteuningsstructuur");
    assert_eq!(r.instrument.version, "2026.1");
    assert_eq!(r.school_year, SchoolYear::starting(2026));
    assert_eq!(r.created, Date::new(2026, 9, 14).unwrap());
    assert_eq!(r.updated, Date::new(2026, 11, 23).unwrap());
    let Body::Reflection(reflection) = &r.body else {
        panic!("not a reflection")
    };
    assert_eq!(reflection.perspective, Perspective::Team);
    assert_eq!(reflection.answers.len(), 3);
    let a = reflection
        .answer("basis-in-de-les", "waar-staan-wij")
        .unwrap();
    assert_eq!(a.scale.as_deref(), Some("in-ontwikkeling"));
    assert_eq!(
        a.text,
        "Vaste lesopbouw in de onderbouw.\nIn de bovenbouw nog niet."
    );
    let m = reflection.answer("mentoraat", "waar-staan-wij").unwrap();
    assert_eq!(
        (m.scale.as_deref(), m.text.as_str()),
        (Some("weet-ik-niet"), "")
    );
    assert!(reflection.actions.is_empty());
}

#[test]
fn a_v1_record_never_has_actions_even_if_the_key_is_there() {
    // No app ever wrote `actions` in schema 1; a v1 record that has one was
    // not written by this app, and the frozen v1 reader skips it.
    let with_actions = V1_REFLECTION.replacen(
        r#""perspective":"team","#,
        r#""perspective":"team","actions":{"mentoraat":[{"id":"0f3a9c21","what":"x","who":"y","status":"bezig"}]},"#,
        1,
    );
    assert_ne!(with_actions, V1_REFLECTION);
    let r = decode(&with_actions).unwrap();
    assert!(r.reflection().unwrap().actions.is_empty());
    assert_eq!(r, decode(V1_REFLECTION).unwrap());
}

#[test]
fn frozen_v2_reflection_reads_with_its_action_plan() {
    let r = decode(V2_REFLECTION).unwrap();
    assert_eq!(r.id.as_str(), "7d2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a");
    assert_eq!(r.revision, 14);
    assert_eq!(r.instrument.version, "2026.2");
    assert_eq!(r.school_year, SchoolYear::starting(2027));
    let reflection = r.reflection().unwrap();
    assert_eq!(reflection.answers.len(), 3);
    let items: Vec<&str> = reflection.actions.keys().map(String::as_str).collect();
    assert_eq!(items, ["basis-in-de-les", "mentoraat"]);
    // The school's order within an item is kept.
    let basis = &reflection.actions["basis-in-de-les"];
    let ids: Vec<&str> = basis.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["0f3a9c21", "a47be2d0", "5c6d7e8f"]);
    assert_eq!(
        basis[0].what,
        "Lesbezoeken in de onderbouw plannen en uitvoeren"
    );
    assert_eq!(basis[0].who, "teamleiders");
    assert_eq!(basis[0].due, Due::month(2027, 12));
    assert_eq!(basis[0].status, Status::Bezig);
    assert_eq!(
        basis[1].due,
        Some(Due::Day(Date::new(2028, 2, 14).unwrap()))
    );
    assert_eq!(basis[1].who, "ondersteuningscoördinator");
    assert_eq!((basis[2].due, basis[2].status), (None, Status::Klaar));
    let mentoraat = &reflection.actions["mentoraat"];
    assert_eq!(mentoraat[0].carried_from, Some(SchoolYear::starting(2026)));
    assert_eq!(mentoraat[0].status, Status::Gepland);
    assert_eq!(
        (mentoraat[1].status, mentoraat[1].carried_from),
        (Status::Gestopt, None)
    );
}

#[test]
fn v2_writes_back_byte_for_byte() {
    assert_eq!(
        encode(&decode(V2_REFLECTION).unwrap()),
        V2_REFLECTION.trim_end()
    );
}

#[test]
fn frozen_v1_receipt_still_reads() {
    let r = decode(V1_RECEIPT).unwrap();
    let receipt = r.receipt().unwrap();
    assert_eq!(receipt.school_name, "Voorbeeldcollege");
    assert_eq!(receipt.brin, "12AB");
    let a = &receipt.answers;
    assert_eq!(a.role, Some(Role::Anders));
    assert_eq!(a.role_other, "zorgcoördinator onderbouw");
    assert!(a.received);
    assert_eq!(
        a.shared_with_colleagues,
        Some(SharedWithColleagues::NogNiet)
    );
    assert_eq!(a.reactions, "Handzaam en duidelijk.");
    assert_eq!(a.wishes, "Graag een gesprek in het najaar.");
}

#[test]
fn encode_then_decode_gives_the_same_record() {
    for fixture in [V1_REFLECTION, V1_RECEIPT, V2_REFLECTION] {
        let record = decode(fixture).unwrap();
        let again = decode(&encode(&record)).unwrap();
        assert_eq!(record, again);
        assert!(encode(&record).starts_with(&format!("{{\"schema\":{STORAGE_SCHEMA},")));
    }
}

#[test]
fn a_v1_record_migrates_to_v2_with_only_its_schema_number_changed() {
    // v2 only added the optional action plan, which a v1 record does not
    // have: writing a read v1 fixture gives it back byte for byte but for
    // the schema number, so nothing else drifted with the bump.
    assert_eq!(STORAGE_SCHEMA, 2);
    for fixture in [V1_REFLECTION, V1_RECEIPT] {
        let v1 = fixture.trim_end();
        assert!(v1.starts_with(r#"{"schema":1,"#));
        let migrated = encode(&decode(fixture).unwrap());
        assert_eq!(
            migrated,
            v1.replacen(r#"{"schema":1,"#, r#"{"schema":2,"#, 1)
        );
    }
}

#[test]
fn newer_unknown_and_damaged_values_are_refused_with_the_reason() {
    assert_eq!(
        decode(r#"{"schema":3,"record":{"anything":true}}"#),
        Err(DecodeError::Newer(3))
    );
    assert_eq!(
        decode(r#"{"schema":0,"record":{}}"#),
        Err(DecodeError::Unknown(0))
    );
    for damaged in [
        "",
        "{",
        r#"{"record":{}}"#,
        r#"{"schema":1}"#,
        r#"{"schema":1,"record":{"id":"x"}}"#,
        r#"{"schema":2,"record":{"id":"x"}}"#,
        &V1_REFLECTION.replace("2026-11-23", "2026-11-31"),
        &V2_REFLECTION.replace(r#""due":"2027-12""#, r#""due":"2027-13""#),
        &V2_REFLECTION.replace(r#""status":"bezig""#, r#""status":"af""#),
    ] {
        assert!(
            matches!(decode(damaged), Err(DecodeError::Malformed { .. })),
            "{damaged:?}"
        );
    }
}

#[test]
fn a_backup_round_trips_and_survives_one_bad_record() {
    use zichtbaar_core::backup;
    let records = vec![
        decode(V1_REFLECTION).unwrap(),
        decode(V1_RECEIPT).unwrap(),
        decode(V2_REFLECTION).unwrap(),
    ];
    let text = backup::encode(&records, Date::new(2026, 11, 23).unwrap());
    assert!(text.starts_with(
        r#"{"format":"zichtbaar-backup","formatVersion":1,"created":"2026-11-23","records":[{"schema":2,"#
    ));
    let restored = backup::decode(&text).unwrap();
    assert_eq!(restored.records, records);
    assert!(restored.problems.is_empty());

    let damaged = text.replacen(r#"{"schema":2,"#, r#"{"schema":5,"#, 1);
    let restored = backup::decode(&damaged).unwrap();
    assert_eq!(restored.records, records[1..]);
    assert_eq!(restored.problems, [(0, DecodeError::Newer(5))]);

    assert!(backup::decode(r#"{"format":"iets","formatVersion":1,"records":[]}"#).is_err());
    assert_eq!(
        backup::decode(r#"{"format":"zichtbaar-backup","formatVersion":2,"records":[]}"#).err(),
        Some(backup::BackupError::Newer(2))
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    use zichtbaar_core::backup::{self, BackupError};
    use zichtbaar_core::import::{read, ImportProblem};
    let open = "[".repeat(100_000);
    let closed = open.clone() + &"]".repeat(100_000);
    for nested in [&open, &closed] {
        assert!(matches!(decode(nested), Err(DecodeError::Malformed(_))));
        let envelope = format!(r#"{{"schema":1,"record":{nested}}}"#);
        assert!(matches!(decode(&envelope), Err(DecodeError::Malformed(_))));
        let answer =
            V1_REFLECTION.replace(r#""answers":{"#, &format!(r#""answers":{{"x":{nested},"#));
        assert!(matches!(decode(&answer), Err(DecodeError::Malformed(_))));
        assert!(matches!(
            read(nested).1.as_slice(),
            [ImportProblem::NotAnExport(_)]
        ));
        assert!(matches!(
            backup::decode(nested),
            Err(BackupError::NotABackup(_))
        ));
    }
    // As one record of a file: a closed one is one bad record, an open one
    // leaves the whole file unreadable.
    let export =
        |r: &str| format!(r#"{{"format":"zichtbaar-export","formatVersion":1,"records":[{r}]}}"#);
    let backup =
        |r: &str| format!(r#"{{"format":"zichtbaar-backup","formatVersion":1,"records":[{r}]}}"#);
    assert!(matches!(
        read(&export(&closed)),
        (records, problems) if records.is_empty() && matches!(problems.as_slice(), [ImportProblem::BadRecord { index: 0, .. }])
    ));
    assert!(matches!(
        read(&export(&open)).1.as_slice(),
        [ImportProblem::NotAnExport(_)]
    ));
    let restored = backup::decode(&backup(&closed)).unwrap();
    assert!(restored.records.is_empty());
    assert!(matches!(
        restored.problems.as_slice(),
        [(0, DecodeError::Malformed(_))]
    ));
    assert!(matches!(
        backup::decode(&backup(&open)),
        Err(BackupError::NotABackup(_))
    ));
    // A deeply nested value in a field nobody reads is skipped (without
    // recursion), like any unknown field.
    let unknown = V1_REFLECTION.replacen('{', &format!(r#"{{"later":{closed},"#), 1);
    assert_eq!(decode(&unknown), decode(V1_REFLECTION));
}

const V1_COLLECTED: &str = include_str!("data/collected-v1.json");

#[test]
fn frozen_v1_collected_file_still_reads_and_writes_back_the_same() {
    use zichtbaar_core::stored::{decode_file, encode_file};
    let file = decode_file(V1_COLLECTED).unwrap();
    assert_eq!(file.name, "gedeeld door scholen.json");
    assert_eq!(file.size, 4321);
    assert_eq!(file.imported, Date::new(2027, 6, 10).unwrap());
    assert_eq!(file.problems.len(), 1);
    assert_eq!(file.records.len(), 2);
    assert!(file.records[0].receipt.is_some());
    assert!(file.records[1]
        .answers
        .as_ref()
        .is_some_and(|a| !a.is_empty()));
    assert_eq!(encode_file(&file), V1_COLLECTED.trim_end());
}

#[test]
fn a_collected_file_from_a_newer_app_is_refused_not_misread() {
    use zichtbaar_core::stored::decode_file;
    let newer = V1_COLLECTED.replacen("\"schema\":1", "\"schema\":2", 1);
    assert!(matches!(decode_file(&newer), Err(DecodeError::Newer(2))));
    assert!(matches!(
        decode_file("{\"schema\":1,\"file\":[]}"),
        Err(DecodeError::Malformed(_))
    ));
}

#[test]
fn a_collected_file_written_from_its_parts_reads_back_the_same() {
    use zichtbaar_core::stored::{decode_file, encode_file, encode_file_parts};
    let file = decode_file(V1_COLLECTED).unwrap();
    // The records as an export file holds them: pretty, with line breaks.
    let pretty: Vec<String> = file
        .records
        .iter()
        .map(|r| serde_json::to_string_pretty(r).unwrap())
        .collect();
    let raws: Vec<&str> = pretty.iter().map(String::as_str).collect();
    let text = encode_file_parts(&file.name, file.size, file.imported, &file.problems, &raws);
    let back = decode_file(&text).unwrap();
    assert_eq!(back, file);
    assert_eq!(encode_file(&back), V1_COLLECTED.trim_end());
    // Without problems the field is left out, as encode_file does.
    let none = encode_file_parts("a \"b\".json", 1, file.imported, &[], &raws[..1]);
    assert!(!none.contains("problems"));
    assert_eq!(decode_file(&none).unwrap().name, "a \"b\".json");
}
