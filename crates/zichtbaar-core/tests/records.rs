//! Records: progress, revisions, carrying answers to a new year, deadlines.

use zichtbaar_core::instrument::{answer_key, Instrument};
use zichtbaar_core::plan::{Action, Status};
use zichtbaar_core::record::days_until_deadline;
use zichtbaar_core::{Answer, Body, Date, Perspective, Progress, Record, RecordId, SchoolYear};

fn handreiking() -> Instrument {
    Instrument::from_toml(include_str!(
        "../../../instruments/01-ondersteuningsstructuur.toml"
    ))
    .unwrap()
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn answer(scale: Option<&str>, text: &str) -> Answer {
    Answer {
        scale: scale.map(str::to_owned),
        text: text.to_owned(),
    }
}

fn new_record(h: &Instrument) -> Record {
    Record::new_reflection(
        RecordId::from_random([7; 16]),
        h,
        SchoolYear::starting(2026),
        Perspective::Persoonlijk,
        d("2026-11-23"),
    )
}

#[test]
fn record_ids_are_uuid_v4_shaped_and_parse_back() {
    let id = RecordId::from_random([0xff; 16]);
    assert_eq!(id.as_str(), "ffffffff-ffff-4fff-bfff-ffffffffffff");
    assert_eq!(RecordId::parse(id.as_str()), Some(id));
    let other = RecordId::from_random([0; 16]);
    assert_eq!(other.as_str(), "00000000-0000-4000-8000-000000000000");
    for bad in [
        "",
        "not-an-id",
        "FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF",
        "ffffffff_ffff-4fff-bfff-ffffffffffff",
    ] {
        assert_eq!(RecordId::parse(bad), None, "{bad}");
    }
}

#[test]
fn progress_counts_a_choice_or_non_blank_text_as_answered() {
    let h = handreiking();
    let mut r = new_record(&h);
    let Body::Reflection(refl) = &mut r.body else {
        unreachable!()
    };
    assert_eq!(
        refl.progress(&h),
        Progress {
            answered: 0,
            total: 36
        }
    );

    refl.answers.insert(
        answer_key("mentoraat", "waar-staan-wij"),
        answer(Some("geborgd"), ""),
    );
    refl.answers.insert(
        answer_key("mentoraat", "aanpak"),
        answer(None, "Mentoruur elke week"),
    );
    refl.answers.insert(
        answer_key("mentoraat", "houden-en-anders"),
        answer(None, "  \n "),
    );
    // An answer to a question the instrument does not have is kept but not counted.
    refl.answers
        .insert(answer_key("mentoraat", "oude-vraag"), answer(None, "tekst"));

    assert_eq!(
        refl.item_progress(&h, "mentoraat"),
        Progress {
            answered: 2,
            total: 3
        }
    );
    assert_eq!(refl.item_progress(&h, "bestaat-niet"), Progress::default());
    assert_eq!(
        refl.progress(&h),
        Progress {
            answered: 2,
            total: 36
        }
    );
    assert!(!refl.progress(&h).is_complete());
}

#[test]
fn revise_counts_only_real_changes() {
    let h = handreiking();
    let mut r = new_record(&h);
    let same = r.body.clone();
    assert!(!r.revise(same, d("2026-11-24")));
    assert_eq!((r.revision, r.updated), (0, d("2026-11-23")));

    let mut changed = r.body.clone();
    let Body::Reflection(refl) = &mut changed else {
        unreachable!()
    };
    refl.answers
        .insert(answer_key("mentoraat", "aanpak"), answer(None, "x"));
    assert!(r.revise(changed, d("2026-11-24")));
    assert_eq!((r.revision, r.updated), (1, d("2026-11-24")));
    assert_eq!(r.created, d("2026-11-23"));
}

#[test]
fn a_new_year_carries_over_only_wat_houden_we_erin() {
    let h = handreiking();
    let mut last = new_record(&h);
    let Body::Reflection(refl) = &mut last.body else {
        unreachable!()
    };
    refl.answers.insert(
        answer_key("mentoraat", "waar-staan-wij"),
        answer(Some("geborgd"), "Zo doen we het"),
    );
    refl.answers.insert(
        answer_key("mentoraat", "houden-en-anders"),
        answer(None, "Houden: mentoruur"),
    );
    refl.answers.insert(
        answer_key("basis-in-de-les", "houden-en-anders"),
        answer(None, "   "),
    );
    refl.answers
        .insert(answer_key("mentoraat", "aanpak"), answer(None, "Plan"));
    let action = |id: &str, status: Status, carried_from: Option<SchoolYear>| Action {
        status,
        carried_from,
        what: format!("actie {id}"),
        ..Action::new([0; 4])
    };
    let earlier = SchoolYear::starting(2024);
    refl.actions.insert(
        "mentoraat".to_owned(),
        vec![
            action("a", Status::Klaar, None),
            action("b", Status::Bezig, None),
            action("c", Status::Gestopt, None),
            action("d", Status::Gepland, Some(earlier)),
        ],
    );
    refl.actions
        .insert("sop".to_owned(), vec![action("e", Status::Klaar, None)]);

    let from = SchoolYear::starting(2025);
    let next = zichtbaar_core::Reflection::carried_over(refl, &h, from);
    assert_eq!(next.perspective, Perspective::Persoonlijk);
    assert_eq!(next.answers.len(), 1);
    assert_eq!(
        next.answer("mentoraat", "houden-en-anders"),
        Some(&answer(None, "Houden: mentoruur"))
    );
    // Open actions only; an item with none left is not there at all; an
    // action carried before keeps the year it first came from.
    assert_eq!(next.actions.len(), 1);
    let carried = &next.actions["mentoraat"];
    let seen: Vec<_> = carried
        .iter()
        .map(|a| (a.what.as_str(), a.status, a.carried_from))
        .collect();
    assert_eq!(
        seen,
        [
            ("actie b", Status::Bezig, Some(from)),
            ("actie d", Status::Gepland, Some(earlier)),
        ]
    );
}

#[test]
fn days_until_the_receipt_deadline_of_7_june() {
    let h = handreiking();
    let year = SchoolYear::starting(2026);
    assert_eq!(
        days_until_deadline(&h, year, d("2026-11-23")),
        Some((d("2027-06-07"), 196))
    );
    assert_eq!(
        days_until_deadline(&h, year, d("2027-06-06")),
        Some((d("2027-06-07"), 1))
    );
    assert_eq!(
        days_until_deadline(&h, year, d("2027-06-07")),
        Some((d("2027-06-07"), 0))
    );
    assert_eq!(
        days_until_deadline(&h, year, d("2027-06-20")),
        Some((d("2027-06-07"), -13))
    );

    let routekaart = Instrument::from_toml(include_str!(
        "../../../instruments/02-routekaart-inclusief.toml"
    ))
    .unwrap();
    assert_eq!(
        days_until_deadline(&routekaart, year, d("2026-11-23")),
        None
    );
}

#[test]
fn a_record_knows_whether_it_answers_this_exact_text() {
    let h = handreiking();
    let mut r = new_record(&h);
    assert!(r.answers_instrument(&h));
    r.instrument.digest = "sha256:other".to_owned();
    assert!(!r.answers_instrument(&h));
}
