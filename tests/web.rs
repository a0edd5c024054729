//! Browser adapters, tested in headless Chromium with wasm-bindgen-test
//! (`cargo test -p zichtbaar --target wasm32-unknown-unknown --test web`).
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use wasm_bindgen_test::*;
use zichtbaar::storage::{self, StorageError};
use zichtbaar_core::{
    Answer, Body, Date, InstrumentRef, Perspective, Record, RecordId, Reflection, SchoolYear,
};

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn record(seed: u8, text: &str) -> Record {
    let mut answers = BTreeMap::new();
    answers.insert(
        "basis-in-de-les/waar-staan-wij".to_owned(),
        Answer {
            scale: Some("in-ontwikkeling".to_owned()),
            text: text.to_owned(),
        },
    );
    Record {
        id: RecordId::from_random([seed; 16]),
        revision: 3,
        instrument: InstrumentRef {
            id: "ondersteuningsstructuur".to_owned(),
            version: "2026.1".to_owned(),
            digest: "sha256:00".to_owned(),
        },
        school_year: SchoolYear::starting(2026),
        created: Date::new(2026, 9, 1).unwrap(),
        updated: Date::new(2026, 11, 23).unwrap(),
        body: Body::Reflection(Reflection {
            answers,
            ..Reflection::new(Perspective::Team)
        }),
    }
}

#[wasm_bindgen_test]
fn a_record_round_trips_through_local_storage() {
    local_storage().clear().unwrap();
    let original = record(
        1,
        "We werken met een vaste lesopbouw. ✓ «quotes» \"en\" \n nieuwe regel",
    );
    storage::save(&original).unwrap();
    let loaded = storage::load_all().unwrap();
    assert_eq!(loaded.records, vec![original.clone()]);
    assert!(loaded.unreadable.is_empty());

    let mut changed = original.clone();
    changed.revision += 1;
    storage::save(&changed).unwrap();
    assert_eq!(storage::load_all().unwrap().records, vec![changed]);

    storage::remove(&original.id).unwrap();
    assert!(storage::load_all().unwrap().records.is_empty());
}

#[wasm_bindgen_test]
fn a_damaged_record_is_reported_and_the_others_still_load() {
    local_storage().clear().unwrap();
    let good = record(2, "goed");
    storage::save(&good).unwrap();
    let bad_key = format!("zichtbaar.record.{}", RecordId::from_random([9; 16]));
    local_storage()
        .set_item(&bad_key, "{\"schema\":1,\"rec")
        .unwrap();
    let newer_key = format!("zichtbaar.record.{}", RecordId::from_random([8; 16]));
    local_storage()
        .set_item(&newer_key, "{\"schema\":99,\"record\":{}}")
        .unwrap();
    local_storage()
        .set_item("iets-anders", "niet van ons")
        .unwrap();

    let loaded = storage::load_all().unwrap();
    assert_eq!(loaded.records, vec![good]);
    let mut keys: Vec<_> = loaded.unreadable.iter().map(|u| u.key.clone()).collect();
    keys.sort();
    let mut expected = vec![bad_key.clone(), newer_key];
    expected.sort();
    assert_eq!(keys, expected);
    // Unreadable data is left in place, so nothing is lost, and what was
    // read of it is its stored text (for a backup).
    assert_eq!(
        storage::raw(&bad_key).unwrap().as_deref(),
        Some("{\"schema\":1,\"rec")
    );
    let bad = loaded.unreadable.iter().find(|u| u.key == bad_key).unwrap();
    assert_eq!(bad.text, "{\"schema\":1,\"rec");
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_full_storage_is_reported_as_full_not_swallowed() {
    local_storage().clear().unwrap();
    // Chromium allows about 5 million characters per origin.
    let huge = "x".repeat(6 * 1024 * 1024);
    let result = storage::save(&record(3, &huge));
    assert_eq!(result, Err(StorageError::Full));
    assert!(storage::load_all().unwrap().records.is_empty());
}
