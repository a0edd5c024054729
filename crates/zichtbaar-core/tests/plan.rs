//! The action plan: statuses (one model for both instruments), deadlines,
//! carrying over, sorting, reordering, anonymising, and the calendar file.

use proptest::prelude::*;
use zichtbaar_core::ics::{self, calendar, escape, next_day, plan_events, Event};
use zichtbaar_core::instrument::{answer_key, Instrument};
use zichtbaar_core::plan::{
    anonymised, carry_over, count, move_down, move_up, remove, sorted, Action, Due, SortBy, Status,
    StatusCounts,
};
use zichtbaar_core::{Date, SchoolYear};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn due(s: &str) -> Due {
    s.parse().unwrap()
}

fn action(id: &str, what: &str, status: Status, due_at: Option<&str>) -> Action {
    Action {
        id: id.to_owned(),
        what: what.to_owned(),
        who: "mentoren".to_owned(),
        due: due_at.map(due),
        status,
        carried_from: None,
    }
}

fn routekaart() -> Instrument {
    Instrument::from_toml(include_str!(
        "../../../instruments/02-routekaart-inclusief.toml"
    ))
    .unwrap()
}

fn handreiking() -> Instrument {
    Instrument::from_toml(include_str!(
        "../../../instruments/01-ondersteuningsstructuur.toml"
    ))
    .unwrap()
}

// ---- Status: one model for both instruments

#[test]
fn status_names_labels_and_openness() {
    let names: Vec<_> = Status::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(names, ["gepland", "bezig", "klaar", "gestopt"]);
    let labels: Vec<_> = Status::ALL.iter().map(|s| s.label()).collect();
    assert_eq!(labels, ["Gepland", "Bezig", "Klaar", "Gestopt"]);
    let open: Vec<_> = Status::ALL.iter().map(|s| s.is_open()).collect();
    assert_eq!(open, [true, true, false, false]);
    assert_eq!(Status::parse("bezig"), Some(Status::Bezig));
    assert_eq!(Status::parse("nog-niet"), None);
}

#[test]
fn every_option_of_the_routekaart_scale_is_a_status_and_back() {
    let instrument = routekaart();
    let scale = instrument.scale("actiestatus").unwrap();
    let options: Vec<&str> = scale.options.iter().map(|o| &*o.id).collect();
    assert_eq!(options, ["nog-niet", "bezig", "klaar"]);
    for option in options {
        let status = Status::from_scale_option(option).unwrap();
        assert_eq!(status.scale_option(), Some(option));
    }
    assert_eq!(Status::from_scale_option("nog-niet"), Some(Status::Gepland));
    assert_eq!(Status::Gestopt.scale_option(), None);
    assert_eq!(Status::from_scale_option("gepland"), None);
    // Every status that has an option is one of the scale's.
    for status in Status::ALL {
        if let Some(option) = status.scale_option() {
            assert!(scale.options.iter().any(|o| o.id == option), "{option}");
        }
    }
}

#[test]
fn routekaart_answers_and_handreiking_actions_are_counted_the_same() {
    let instrument = routekaart();
    // A Routekaart reflection: the answers to its action questions.
    let item = instrument.items().next().unwrap();
    let questions: Vec<_> = instrument
        .questions(item)
        .filter(|q| q.scale.as_deref() == Some("actiestatus"))
        .collect();
    assert!(questions.len() >= 4);
    let chosen = ["nog-niet", "bezig", "klaar", "klaar"];
    let answers: Vec<(String, &str)> = questions
        .iter()
        .zip(chosen)
        .map(|(q, option)| (answer_key(&item.id, &q.id), option))
        .collect();
    let mut routekaart_counts = StatusCounts::default();
    for (_, option) in &answers {
        assert!(routekaart_counts.add_scale_option(option));
    }
    assert!(!routekaart_counts.add_scale_option("weet-niet"));

    // The same four as actions in the handreiking's plan.
    let actions: Vec<Action> = chosen
        .iter()
        .enumerate()
        .map(|(i, option)| {
            action(
                &format!("0000000{i}"),
                "iets",
                Status::from_scale_option(option).unwrap(),
                None,
            )
        })
        .collect();
    let action_counts = count(&actions);
    assert_eq!(routekaart_counts, action_counts);
    assert_eq!(
        action_counts,
        StatusCounts {
            gepland: 1,
            bezig: 1,
            klaar: 2,
            gestopt: 0
        }
    );
    assert_eq!(action_counts.dutch(), "4 acties, 2 klaar");
}

// ---- Counting

#[test]
fn status_counts_total_and_dutch() {
    assert_eq!(StatusCounts::default().dutch(), "geen acties");
    assert_eq!(StatusCounts::default().total(), 0);

    let one = count(&[action("a", "x", Status::Bezig, None)]);
    assert_eq!(one.dutch(), "1 actie, 0 klaar");

    let statuses = [
        Status::Gepland,
        Status::Bezig,
        Status::Klaar,
        Status::Gestopt,
        Status::Gepland,
        Status::Klaar,
        Status::Bezig,
    ];
    let actions: Vec<_> = statuses
        .iter()
        .map(|s| action("a", "x", *s, None))
        .collect();
    let counts = count(&actions);
    assert_eq!(counts.total(), 7);
    assert_eq!(counts.open(), 4);
    assert_eq!(counts.get(Status::Gestopt), 1);
    assert_eq!(counts.dutch(), "7 acties, 2 klaar");

    let mut year = StatusCounts::default();
    year.add_all(counts);
    year.add_all(one);
    assert_eq!(year.total(), 8);
    assert_eq!(year.bezig, 3);
    let mut by_hand = StatusCounts::default();
    by_hand.add(Status::Klaar);
    assert_eq!(by_hand.dutch(), "1 actie, 1 klaar");
}

// ---- Due and overdue

#[test]
fn due_reads_and_writes_a_month_or_a_day() {
    assert_eq!(
        due("2027-03"),
        Due::Month {
            year: 2027,
            month: 3
        }
    );
    assert_eq!(due("2027-03-14"), Due::Day(d("2027-03-14")));
    for text in ["2027-03", "2027-03-14", "2028-12", "2028-02-29"] {
        let parsed = due(text);
        assert_eq!(parsed.to_string(), text);
        let json = serde_json::to_string(&parsed).unwrap();
        assert_eq!(json, format!("\"{text}\""));
        assert_eq!(serde_json::from_str::<Due>(&json).unwrap(), parsed);
    }
}

#[test]
fn due_refuses_anything_else() {
    for bad in [
        "",
        "2027",
        "2027-3",
        "2027-13",
        "2027-00",
        "27-03",
        "2027/03",
        "2027-03-",
        "2027-03-1",
        "2027-02-29",
        "2027-03-14T10:00",
        "maart 2027",
        "+027-03",
        "2027-+3",
        "2027-03-14-01",
        "２０２７-03",
    ] {
        assert!(bad.parse::<Due>().is_err(), "{bad:?}");
        let json = serde_json::to_string(bad).unwrap();
        let error = serde_json::from_str::<Due>(&json).unwrap_err().to_string();
        assert!(error.contains("not a month or date"), "{bad:?}: {error}");
    }
    let error = serde_json::from_str::<Due>("202703")
        .unwrap_err()
        .to_string();
    assert!(error.contains("a month (YYYY-MM) or a date (YYYY-MM-DD)"));
}

#[test]
fn due_in_dutch_and_its_last_day() {
    assert_eq!(due("2027-03").dutch(), "maart 2027");
    assert_eq!(due("2027-03-14").dutch(), "14 maart 2027");
    assert_eq!(due("2026-12").dutch(), "december 2026");
    assert_eq!(due("2027-01").dutch(), "januari 2027");
    assert_eq!(due("2027-03").last_day(), d("2027-03-31"));
    assert_eq!(due("2027-04").last_day(), d("2027-04-30"));
    assert_eq!(due("2027-02").last_day(), d("2027-02-28"));
    assert_eq!(due("2028-02").last_day(), d("2028-02-29"));
    assert_eq!(due("2027-03-14").last_day(), d("2027-03-14"));
}

#[test]
fn overdue_only_after_the_last_day_and_only_while_open() {
    let by_month = action("a", "x", Status::Gepland, Some("2027-03"));
    assert!(!by_month.is_overdue(d("2027-03-01")));
    assert!(!by_month.is_overdue(d("2027-03-31")));
    assert!(by_month.is_overdue(d("2027-04-01")));

    let by_day = action("b", "x", Status::Bezig, Some("2027-03-14"));
    assert!(!by_day.is_overdue(d("2027-03-14")));
    assert!(by_day.is_overdue(d("2027-03-15")));

    for closed in [Status::Klaar, Status::Gestopt] {
        let done = action("c", "x", closed, Some("2027-03-14"));
        assert!(!done.is_overdue(d("2030-01-01")));
    }
    let no_due = action("d", "x", Status::Gepland, None);
    assert!(!no_due.is_overdue(d("2030-01-01")));
}

// ---- JSON of an action

#[test]
fn action_json_round_trip_with_and_without_optional_fields() {
    let bare = Action::new([0xde, 0xad, 0xbe, 0xef]);
    assert_eq!(bare.id, "deadbeef");
    assert_eq!(bare.status, Status::Gepland);
    let json = serde_json::to_string(&bare).unwrap();
    assert_eq!(
        json,
        r#"{"id":"deadbeef","what":"","who":"","status":"gepland"}"#
    );
    assert_eq!(serde_json::from_str::<Action>(&json).unwrap(), bare);

    let full = Action {
        id: "0a1b2c3d".to_owned(),
        what: "Scholingsplan maken".to_owned(),
        who: "ondersteuningscoördinator".to_owned(),
        due: Some(due("2027-03")),
        status: Status::Bezig,
        carried_from: Some(SchoolYear::starting(2025)),
    };
    let json = serde_json::to_string(&full).unwrap();
    assert_eq!(
        json,
        r#"{"id":"0a1b2c3d","what":"Scholingsplan maken","who":"ondersteuningscoördinator","due":"2027-03","status":"bezig","carriedFrom":"2025-2026"}"#
    );
    assert_eq!(serde_json::from_str::<Action>(&json).unwrap(), full);

    let day = Action {
        due: Some(due("2027-03-14")),
        carried_from: None,
        ..full.clone()
    };
    let json = serde_json::to_string(&day).unwrap();
    assert!(json.contains(r#""due":"2027-03-14""#));
    assert!(!json.contains("carriedFrom"));
    assert_eq!(serde_json::from_str::<Action>(&json).unwrap(), day);
}

#[test]
fn action_json_reader_is_lenient_where_the_others_are() {
    // Left out reads as empty; null is none for the optional fields;
    // unknown fields are ignored.
    let read: Action =
        serde_json::from_str(r#"{"id":"x","due":null,"carriedFrom":null,"later":1}"#).unwrap();
    assert_eq!(read.what, "");
    assert_eq!(read.status, Status::Gepland);
    assert_eq!(read.due, None);
    assert_eq!(read.carried_from, None);
    assert!(serde_json::from_str::<Action>(r#"{"id":"x","status":"af"}"#).is_err());
    assert!(serde_json::from_str::<Action>(r#"{"id":"x","due":"2027-13"}"#).is_err());
    assert!(serde_json::from_str::<Action>(r#"{"what":"geen id"}"#).is_err());
}

// ---- Carrying over

#[test]
fn carry_over_takes_open_actions_with_their_ids_and_marks_them() {
    let last_year = SchoolYear::starting(2026);
    let actions = vec![
        action("aaaa0001", "gepland", Status::Gepland, Some("2027-03")),
        action("aaaa0002", "klaar", Status::Klaar, None),
        action("aaaa0003", "bezig", Status::Bezig, None),
        action("aaaa0004", "gestopt", Status::Gestopt, Some("2027-01-10")),
    ];
    let carried = carry_over(&actions, last_year);
    let ids: Vec<_> = carried.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["aaaa0001", "aaaa0003"]);
    assert_eq!(carried[0].status, Status::Gepland);
    assert_eq!(carried[1].status, Status::Bezig);
    assert!(carried
        .iter()
        .all(|a| a.carried_from == Some(last_year) && a.who == "mentoren"));
    assert_eq!(carried[0].due, Some(due("2027-03")));
    // Last year's list is untouched: its closed actions stay readable.
    assert_eq!(actions.len(), 4);
    assert!(actions.iter().all(|a| a.carried_from.is_none()));
}

#[test]
fn an_action_carried_again_keeps_the_year_it_was_first_carried_from() {
    let first = SchoolYear::starting(2025);
    let once = carry_over(&[action("a", "x", Status::Bezig, None)], first);
    let twice = carry_over(&once, first.next());
    assert_eq!(twice[0].carried_from, Some(first));
    assert_eq!(twice[0].id, "a");
    assert!(carry_over(&[], first).is_empty());
}

// ---- Sorting the Actieplan view

fn year_plan() -> (Vec<(String, Action)>, Vec<String>) {
    let h = handreiking();
    let items: Vec<String> = h.items().map(|i| i.id.to_string()).collect();
    assert!(items.len() >= 3);
    let (first, second, third) = (&items[0], &items[1], &items[2]);
    let plan = vec![
        (
            third.clone(),
            action("c1", "c1", Status::Klaar, Some("2027-01")),
        ),
        (
            first.clone(),
            action("a1", "a1", Status::Gepland, Some("2027-03-14")),
        ),
        (second.clone(), action("b1", "b1", Status::Gestopt, None)),
        (
            first.clone(),
            action("a2", "a2", Status::Bezig, Some("2027-01-31")),
        ),
        (
            "niet-meer-in-het-instrument".to_owned(),
            action("z1", "z1", Status::Bezig, Some("2026-10")),
        ),
        (second.clone(), action("b2", "b2", Status::Gepland, None)),
        (
            third.clone(),
            action("c2", "c2", Status::Bezig, Some("2027-03")),
        ),
    ];
    (plan, items)
}

fn ids(list: &[&(String, Action)]) -> Vec<String> {
    list.iter().map(|(_, a)| a.id.clone()).collect()
}

#[test]
fn sorted_by_item_follows_the_instrument_then_the_school() {
    let (plan, items) = year_plan();
    let order: Vec<&str> = items.iter().map(String::as_str).collect();
    assert_eq!(
        ids(&sorted(&plan, SortBy::Item, &order)),
        ["a1", "a2", "b1", "b2", "c1", "c2", "z1"]
    );
}

#[test]
fn sorted_by_due_earliest_first_none_last_ties_by_item() {
    let (plan, items) = year_plan();
    let order: Vec<&str> = items.iter().map(String::as_str).collect();
    // c1 (end of January) and a2 (31 January) fall on the same day: the
    // first item's comes first.
    assert_eq!(
        ids(&sorted(&plan, SortBy::Due, &order)),
        ["z1", "a2", "c1", "a1", "c2", "b1", "b2"]
    );
}

#[test]
fn sorted_by_status_open_first() {
    let (plan, items) = year_plan();
    let order: Vec<&str> = items.iter().map(String::as_str).collect();
    assert_eq!(
        ids(&sorted(&plan, SortBy::Status, &order)),
        ["a2", "c2", "z1", "a1", "b2", "c1", "b1"]
    );
    assert!(sorted(&[], SortBy::Status, &order).is_empty());
}

// ---- Reordering by keyboard

#[test]
fn move_up_and_down_stop_at_the_ends() {
    let mut list: Vec<Action> = ["a", "b", "c"]
        .iter()
        .map(|id| action(id, id, Status::Gepland, None))
        .collect();
    let order = |l: &[Action]| l.iter().map(|a| a.id.clone()).collect::<Vec<_>>();

    assert_eq!(move_up(&mut list, 0), None);
    assert_eq!(move_down(&mut list, 2), None);
    assert_eq!(move_up(&mut list, 3), None);
    assert_eq!(move_down(&mut list, 3), None);
    assert_eq!(order(&list), ["a", "b", "c"]);

    assert_eq!(move_down(&mut list, 0), Some(1));
    assert_eq!(order(&list), ["b", "a", "c"]);
    assert_eq!(move_down(&mut list, 1), Some(2));
    assert_eq!(order(&list), ["b", "c", "a"]);
    assert_eq!(move_up(&mut list, 2), Some(1));
    assert_eq!(move_up(&mut list, 1), Some(0));
    assert_eq!(order(&list), ["a", "b", "c"]);

    assert_eq!(remove(&mut list, 3), None);
    assert_eq!(remove(&mut list, 1).map(|a| a.id), Some("b".to_owned()));
    assert_eq!(order(&list), ["a", "c"]);

    let mut empty: Vec<Action> = Vec::new();
    assert_eq!(move_up(&mut empty, 0), None);
    assert_eq!(move_down(&mut empty, 0), None);
    assert_eq!(remove(&mut empty, 0), None);
}

// ---- Anonymising

#[test]
fn anonymised_redacts_details_in_what_and_who_and_keeps_the_rest() {
    let watch = vec!["Jansen".to_owned()];
    let original = Action {
        id: "0a1b2c3d".to_owned(),
        what: "Mevrouw Jansen mailt het plan naar zorg@school.nl voor maart".to_owned(),
        who: "Jansen (06-12345678)".to_owned(),
        due: Some(due("2027-03")),
        status: Status::Bezig,
        carried_from: Some(SchoolYear::starting(2025)),
    };
    let shared = anonymised(&original, &watch);
    assert!(!shared.what.contains("Jansen"));
    assert!(!shared.what.contains("zorg@school.nl"));
    assert!(shared.what.contains("[naam weggelaten]"));
    assert!(shared.what.contains("[e-mailadres weggelaten]"));
    assert!(shared.what.starts_with("Mevrouw "));
    assert!(shared.what.ends_with(" voor maart"));
    assert!(!shared.who.contains("Jansen"));
    assert!(!shared.who.contains("12345678"));
    assert_eq!(shared.id, original.id);
    assert_eq!(shared.due, original.due);
    assert_eq!(shared.status, original.status);
    assert_eq!(shared.carried_from, original.carried_from);

    let ordinary = action(
        "x",
        "Een scholingsplan maken, samen met het team.",
        Status::Gepland,
        None,
    );
    let ordinary = Action {
        who: "ondersteuningscoördinator".to_owned(),
        ..ordinary
    };
    assert_eq!(anonymised(&ordinary, &watch), ordinary);
}

// ---- Calendar (RFC 5545)

/// Undoes folding (CRLF and one space) and splits into lines; checks that
/// every line ended in CRLF and none is longer than 75 octets.
fn unfolded(ics: &str) -> Vec<String> {
    assert!(ics.ends_with("\r\n"));
    for physical in ics.split_terminator("\r\n") {
        assert!(!physical.contains('\n') && !physical.contains('\r'));
        assert!(
            physical.len() <= 75,
            "{} octets: {physical:?}",
            physical.len()
        );
    }
    ics.replace("\r\n ", "")
        .split_terminator("\r\n")
        .map(str::to_owned)
        .collect()
}

/// Undoes the TEXT escapes.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("lone backslash"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn value<'a>(lines: &'a [String], name: &str) -> Vec<&'a str> {
    lines.iter().filter_map(|l| l.strip_prefix(name)).collect()
}

fn event(summary: &str, description: &str, date: &str) -> Event {
    Event {
        uid: "actie-0a1b2c3d".to_owned(),
        date: d(date),
        summary: summary.to_owned(),
        description: description.to_owned(),
    }
}

#[test]
fn calendar_has_the_required_lines_in_order_all_ending_in_crlf() {
    let text = calendar(
        &[event("Actie: plan", "Wie: mentoren", "2027-03-14")],
        d("2026-11-23"),
    );
    assert_eq!(
        text,
        "BEGIN:VCALENDAR\r\n\
         VERSION:2.0\r\n\
         PRODID:-//Zichtbaar//Actieplan//NL\r\n\
         CALSCALE:GREGORIAN\r\n\
         BEGIN:VEVENT\r\n\
         UID:actie-0a1b2c3d@zichtbaar\r\n\
         DTSTAMP:20261123T000000Z\r\n\
         DTSTART;VALUE=DATE:20270314\r\n\
         DTEND;VALUE=DATE:20270315\r\n\
         SUMMARY:Actie: plan\r\n\
         DESCRIPTION:Wie: mentoren\r\n\
         END:VEVENT\r\n\
         END:VCALENDAR\r\n"
    );
    assert_eq!(
        calendar(&[], d("2026-11-23")),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Zichtbaar//Actieplan//NL\r\n\
         CALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n"
    );
    // No bare LF or CR anywhere.
    let text = calendar(
        &[event("a\nb\r\nc\rd", "e\n\nf", "2027-03-14")],
        d("2026-11-23"),
    );
    let bytes = text.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            assert_eq!(bytes[i - 1], b'\r', "bare LF at {i}");
        }
        if *b == b'\r' {
            assert_eq!(bytes[i + 1], b'\n', "bare CR at {i}");
        }
    }
}

#[test]
fn text_values_are_escaped() {
    assert_eq!(escape(r"a,b;c\d"), r"a\,b\;c\\d");
    assert_eq!(escape("een\ntwee\r\ndrie\rvier"), r"een\ntwee\ndrie\nvier");
    // A tab stays; other control characters are not allowed in TEXT.
    assert_eq!(
        escape("tab\tblijft, bel\u{7}niet"),
        "tab\tblijft\\, belniet"
    );
    assert_eq!(escape("Actie: één"), "Actie: één");

    let original = "Plan; deel 1, deel 2\\3\nen verder";
    let text = calendar(&[event(original, original, "2027-03-14")], d("2026-11-23"));
    let lines = unfolded(&text);
    assert_eq!(
        value(&lines, "SUMMARY:"),
        [r"Plan\; deel 1\, deel 2\\3\nen verder"]
    );
    assert_eq!(unescape(value(&lines, "DESCRIPTION:")[0]), original);
}

#[test]
fn long_lines_fold_at_75_octets_without_splitting_a_character() {
    // Plain ASCII: the first line exactly 75 octets, the next ones a space
    // and 74.
    let long = "x".repeat(200);
    let text = calendar(&[event(&long, "", "2027-03-14")], d("2026-11-23"));
    let summary: Vec<&str> = text
        .split("\r\n")
        .skip_while(|l| !l.starts_with("SUMMARY:"))
        .take_while(|l| !l.starts_with("DESCRIPTION:"))
        .collect();
    assert_eq!(summary[0].len(), 75);
    assert_eq!(summary[1].len(), 75);
    assert!(summary[1].starts_with(' ') && !summary[1].starts_with("  "));
    assert_eq!(summary.concat().replace(' ', ""), format!("SUMMARY:{long}"));

    // Multi-byte characters at every offset: é (2 octets), € (3), 🙂 (4).
    for prefix in 0..8 {
        for piece in ["é", "€", "🙂", "aé🙂€"] {
            let original = format!("{}{}", "a".repeat(prefix), piece.repeat(60));
            let text = calendar(
                &[event(&original, &original, "2027-03-14")],
                d("2026-11-23"),
            );
            // Every physical line is valid UTF-8 on its own (the String is,
            // and no line starts or ends inside a character) and at most 75
            // octets; unfolding gives the value back.
            for physical in text.split_terminator("\r\n") {
                assert!(physical.len() <= 75);
                assert!(std::str::from_utf8(physical.as_bytes()).is_ok());
            }
            let lines = unfolded(&text);
            assert_eq!(unescape(value(&lines, "SUMMARY:")[0]), original);
            assert_eq!(unescape(value(&lines, "DESCRIPTION:")[0]), original);
            // Folded as late as possible: a line is shorter than 75 only
            // when the next character would not fit.
            let physical: Vec<&str> = text.split_terminator("\r\n").collect();
            for pair in physical.windows(2) {
                if let Some(next) = pair[1].strip_prefix(' ') {
                    let first = next.chars().next().unwrap();
                    assert!(pair[0].len() + first.len_utf8() > 75, "{pair:?}");
                }
            }
        }
    }
}

#[test]
fn dtend_is_the_next_day_across_month_and_year_ends_and_leap_days() {
    for (day, next) in [
        ("2027-03-14", "2027-03-15"),
        ("2027-04-30", "2027-05-01"),
        ("2027-01-31", "2027-02-01"),
        ("2026-12-31", "2027-01-01"),
        ("2028-02-28", "2028-02-29"),
        ("2028-02-29", "2028-03-01"),
        ("2027-02-28", "2027-03-01"),
        ("2100-02-28", "2100-03-01"),
        ("2000-02-28", "2000-02-29"),
    ] {
        assert_eq!(next_day(d(day)), d(next), "{day}");
        let lines = unfolded(&calendar(&[event("x", "", day)], d("2026-11-23")));
        assert_eq!(value(&lines, "DTSTART;VALUE=DATE:"), [day.replace('-', "")]);
        assert_eq!(value(&lines, "DTEND;VALUE=DATE:"), [next.replace('-', "")]);
    }
}

#[test]
fn plan_events_are_open_actions_with_a_due_plus_the_reminders() {
    let plan = vec![
        (
            "Professionaliseren".to_owned(),
            action(
                "aaaa0001",
                "Scholingsplan maken",
                Status::Bezig,
                Some("2027-03"),
            ),
        ),
        (
            "Professionaliseren".to_owned(),
            action("aaaa0002", "klaar", Status::Klaar, Some("2027-03")),
        ),
        (
            "Ouders".to_owned(),
            action("aaaa0003", "zonder datum", Status::Gepland, None),
        ),
        (
            "Ouders".to_owned(),
            action(
                "aaaa0004",
                "Ouderavond, met tolk",
                Status::Gepland,
                Some("2027-02-14"),
            ),
        ),
        (
            "Ouders".to_owned(),
            action("aaaa0005", "gestopt", Status::Gestopt, Some("2027-02-14")),
        ),
    ];
    let events = plan_events(&plan, d("2027-09-15"), Some(d("2027-10-01")));
    let uids: Vec<_> = events.iter().map(|e| e.uid.as_str()).collect();
    assert_eq!(
        uids,
        [
            "actie-aaaa0001",
            "actie-aaaa0004",
            "reflectie-2027-09-15",
            "ontvangst-2027-10-01"
        ]
    );
    assert_eq!(events[0].date, d("2027-03-31"));
    assert_eq!(events[0].summary, "Actie: Scholingsplan maken");
    assert_eq!(events[0].description, "Professionaliseren\nWie: mentoren");
    assert_eq!(events[1].date, d("2027-02-14"));
    assert_eq!(events[2].date, d("2027-09-15"));
    assert_eq!(events[3].date, d("2027-10-01"));
    assert!(!events[2].summary.is_empty() && !events[3].summary.is_empty());

    let without_receipt = plan_events(&plan, d("2027-09-15"), None);
    assert_eq!(without_receipt.len(), 3);

    // The whole file: four events, each with its own UID, and valid lines.
    let text = calendar(&events, d("2026-11-23"));
    let lines = unfolded(&text);
    assert_eq!(value(&lines, "BEGIN:VEVENT").len(), 4);
    assert_eq!(value(&lines, "END:VEVENT").len(), 4);
    assert_eq!(
        value(&lines, "SUMMARY:")[1],
        r"Actie: Ouderavond\, met tolk"
    );
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(ics::MEDIA_TYPE, "text/calendar;charset=utf-8");
}

fn calendar_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_filter("no control characters", |c| !c.is_control()),
        Just('\n'),
        Just(','),
        Just(';'),
        Just('\\'),
        Just('é'),
        Just('🙂'),
    ];
    proptest::collection::vec(piece, 0..200).prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any text (without control characters other than line breaks) comes
    /// back unchanged after folding and escaping are undone, and every
    /// physical line is at most 75 octets and ends in CRLF.
    #[test]
    fn folding_and_escaping_are_undone_exactly(summary in calendar_text(), description in calendar_text()) {
        let text = calendar(&[Event {
            uid: "actie-0a1b2c3d".to_owned(),
            date: d("2027-03-14"),
            summary: summary.clone(),
            description: description.clone(),
        }], d("2026-11-23"));
        let lines = unfolded(&text);
        prop_assert_eq!(unescape(value(&lines, "SUMMARY:")[0]), summary);
        prop_assert_eq!(unescape(value(&lines, "DESCRIPTION:")[0]), description);
        prop_assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
        prop_assert_eq!(text.matches('\r').count(), text.matches("\r\n").count());
    }
}
