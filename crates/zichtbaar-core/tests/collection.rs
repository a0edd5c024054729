//! The collection view's figures: filter and facets, the privacy threshold,
//! means and spreads checked by hand, receipts against the SWV's list, and
//! reading an export in chunks.

use std::collections::BTreeMap;
use std::path::PathBuf;

use zichtbaar_core::collection::{
    action_summaries, change, facets, receipts, scale_summaries, school_key, school_list,
    strongest_and_weakest, texts, ActionSummary, Filter, ListedSchool, ScaleSummary, Shown,
    TextAnswer, MIN_GROUP,
};
use zichtbaar_core::export::{ExportRecord, School};
use zichtbaar_core::import::{read, read_record, split, ImportProblem};
use zichtbaar_core::instrument::{read_dir, Instrument};
use zichtbaar_core::plan::{Action, Status, StatusCounts};
use zichtbaar_core::record::{ReceiptAnswers, RecordId, Role, SharedWithColleagues};
use zichtbaar_core::{Answer, Date, Kind, Perspective, SchoolYear};

fn instrument(id: &str) -> Instrument {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../instruments");
    read_dir(&dir)
        .unwrap()
        .into_iter()
        .map(|(_, read)| read.unwrap())
        .find(|i| i.id() == id)
        .unwrap()
}

fn handreiking() -> Instrument {
    instrument("ondersteuningsstructuur")
}

fn routekaart() -> Instrument {
    instrument("routekaart-inclusief")
}

fn day(y: i32, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

fn year(start: i32) -> SchoolYear {
    SchoolYear::starting(start)
}

/// A fresh id per call, so that records never collide by accident.
fn new_id() -> RecordId {
    use std::sync::atomic::{AtomicU8, Ordering};
    static NEXT: AtomicU8 = AtomicU8::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let mut bytes = [0; 16];
    bytes[0] = n;
    bytes[15] = 0x5a;
    RecordId::from_random(bytes)
}

/// A reflection on `inst` with answers `(item/question, scale, text)`.
fn reflection(inst: &Instrument, answers: &[(&str, Option<&str>, &str)]) -> ExportRecord {
    ExportRecord {
        id: new_id(),
        revision: 1,
        kind: Kind::Reflection,
        instrument: inst.reference(),
        school_year: year(2026),
        updated: day(2027, 3, 1),
        school: None,
        perspective: Some(Perspective::Team),
        answers: Some(
            answers
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
                .collect::<BTreeMap<_, _>>(),
        ),
        actions: None,
        receipt: None,
        team: None,
    }
}

fn school(name: &str, brin: &str) -> School {
    School {
        name: name.into(),
        brin: brin.into(),
    }
}

fn receipt(
    name: &str,
    brin: &str,
    updated: Date,
    shared: Option<SharedWithColleagues>,
) -> ExportRecord {
    ExportRecord {
        id: new_id(),
        revision: 0,
        kind: Kind::Receipt,
        instrument: handreiking().reference(),
        school_year: year(2026),
        updated,
        school: Some(school(name, brin)),
        perspective: None,
        answers: None,
        actions: None,
        receipt: Some(ReceiptAnswers {
            role: Some(Role::Directeur),
            role_other: String::new(),
            received: true,
            shared_with_colleagues: shared,
            reactions: format!("reactie van {name}"),
            wishes: String::new(),
        }),
        team: None,
    }
}

/// Records answering `key` with each of `choices` (scale option ids).
fn answering(inst: &Instrument, key: &str, choices: &[&str]) -> Vec<ExportRecord> {
    choices
        .iter()
        .map(|c| reflection(inst, &[(key, Some(c), "")]))
        .collect()
}

/// Records answering `key` with `counts[i]` times option `i` of `options`.
fn counted(inst: &Instrument, key: &str, options: &[&str], counts: &[usize]) -> Vec<ExportRecord> {
    let mut choices = Vec::new();
    for (o, &n) in options.iter().zip(counts) {
        choices.extend(std::iter::repeat_n(*o, n));
    }
    answering(inst, key, &choices)
}

const ONTWIKKELING: [&str; 4] = [
    "nog-niet-zichtbaar",
    "in-ontwikkeling",
    "grotendeels-gerealiseerd",
    "geborgd",
];
const ACTIESTATUS: [&str; 3] = ["nog-niet", "bezig", "klaar"];

fn summary_of<'a>(all: &'a [ScaleSummary], item: &str, question: &str) -> &'a ScaleSummary {
    all.iter()
        .find(|s| s.item == item && s.question == question)
        .unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

// ---- Filter and facets

#[test]
fn the_filter_reads_each_field_and_none_means_all() {
    let h = handreiking();
    let r = routekaart();
    let mut a = reflection(&h, &[]);
    a.school = Some(school("  Het Lyceum ", "12AB"));
    let mut b = reflection(&r, &[]);
    b.school_year = year(2025);
    b.perspective = Some(Perspective::Persoonlijk);
    let c = receipt("Het Lyceum", "12AB", day(2027, 5, 1), None);

    let all = Filter::default();
    assert!(all.matches(&a) && all.matches(&b) && all.matches(&c));

    let by = |f: Filter| -> Vec<bool> { [&a, &b, &c].iter().map(|r| f.matches(r)).collect() };
    assert_eq!(
        by(Filter {
            instrument: Some("routekaart-inclusief".into()),
            ..Filter::default()
        }),
        [false, true, false]
    );
    assert_eq!(
        by(Filter {
            school_year: Some(year(2026)),
            ..Filter::default()
        }),
        [true, false, true]
    );
    assert_eq!(
        by(Filter {
            kind: Some(Kind::Receipt),
            ..Filter::default()
        }),
        [false, false, true]
    );
    assert_eq!(
        by(Filter {
            perspective: Some(Perspective::Team),
            ..Filter::default()
        }),
        [true, false, false],
        "a receipt has no perspective"
    );
    assert_eq!(
        by(Filter {
            school: Some("het  LYCEUM".into()),
            ..Filter::default()
        }),
        [true, false, true],
        "ASCII case and spaces do not matter; no school, no match"
    );
    assert_eq!(
        by(Filter {
            instrument: Some("ondersteuningsstructuur".into()),
            kind: Some(Kind::Reflection),
            school: Some("het lyceum".into()),
            ..Filter::default()
        }),
        [true, false, false],
        "all set fields must match"
    );
}

#[test]
fn facets_count_each_value_in_a_fixed_order() {
    let h = handreiking();
    let r = routekaart();
    let mut records = vec![
        reflection(&r, &[]),
        reflection(&h, &[]),
        reflection(&h, &[]),
        receipt("Het Lyceum", "", day(2027, 5, 1), None),
        receipt("  het lyceum", "", day(2027, 5, 2), None),
        receipt("Atheneum", "", day(2027, 5, 3), None),
    ];
    records[0].school_year = year(2025);
    records[1].school_year = year(2027);
    records[2].perspective = Some(Perspective::Persoonlijk);
    let f = facets(&records);
    assert_eq!(
        f.instruments,
        [
            ("ondersteuningsstructuur".to_owned(), 5),
            ("routekaart-inclusief".to_owned(), 1)
        ]
    );
    assert_eq!(
        f.school_years,
        [(year(2027), 1), (year(2026), 4), (year(2025), 1)],
        "newest first"
    );
    assert_eq!(f.kinds, [(Kind::Reflection, 3), (Kind::Receipt, 3)]);
    assert_eq!(
        f.perspectives,
        [(Perspective::Persoonlijk, 1), (Perspective::Team, 2)]
    );
    assert_eq!(
        f.schools,
        [("Atheneum".to_owned(), 1), ("Het Lyceum".to_owned(), 2)],
        "by name, case-folded, written as first seen"
    );
    assert_eq!(facets(std::iter::empty()), Default::default());
}

// ---- The privacy threshold

#[test]
fn four_records_show_nothing_and_five_show_every_figure() {
    let h = handreiking();
    let key = "mentoraat/waar-staan-wij";
    let four = answering(
        &h,
        key,
        &["geborgd", "geborgd", "in-ontwikkeling", "weet-ik-niet"],
    );
    let all = scale_summaries(&h, &four);
    let s = summary_of(&all, "mentoraat", "waar-staan-wij");
    assert_eq!(MIN_GROUP, 5);
    assert_eq!(s.n, 4, "n itself is always known");
    assert_eq!(s.counts, Shown::TooFew);
    assert_eq!(s.unknown, Shown::TooFew);
    assert_eq!(s.mean, Shown::TooFew);
    assert_eq!(s.spread, Shown::TooFew);
    assert!(!s.differs_widely);

    let mut five = four.clone();
    five.extend(answering(&h, key, &["nog-niet-zichtbaar"]));
    let all = scale_summaries(&h, &five);
    let s = summary_of(&all, "mentoraat", "waar-staan-wij");
    assert_eq!(s.n, 5);
    assert_eq!(s.counts, Shown::Value(vec![1, 1, 0, 2]));
    assert_eq!(s.unknown, Shown::Value(1));
    assert_eq!(
        s.mean,
        Shown::TooFew,
        "only four chose a real option: no mean yet"
    );
    assert_eq!(s.spread, Shown::TooFew);

    five.extend(answering(&h, key, &["geborgd"]));
    let all = scale_summaries(&h, &five);
    let s = summary_of(&all, "mentoraat", "waar-staan-wij");
    assert_eq!(s.n, 6);
    // positions 4, 4, 2, 1, 4: mean 15/5 = 3
    assert_eq!(s.mean, Shown::Value(3.0));
    // squared distances 1, 1, 1, 4, 1: variance 8/5
    assert!(close(*s.spread.value().unwrap(), (8.0f64 / 5.0).sqrt()));
}

#[test]
fn shown_runs_the_figure_only_over_enough_records() {
    assert_eq!(
        Shown::over(4, || -> u8 { panic!("not to be computed") }),
        Shown::TooFew
    );
    assert_eq!(Shown::over(5, || 7).value(), Some(&7));
    assert_eq!(Shown::<u8>::TooFew.value(), None);
}

#[test]
fn summaries_follow_the_instrument_and_skip_what_is_not_theirs() {
    let h = handreiking();
    let r = routekaart();
    let mut records = answering(&h, "mentoraat/waar-staan-wij", &["geborgd"; 5]);
    // Another instrument, a choice from another version of the scale, and
    // an answer with text only: none of them counts.
    records.extend(answering(&r, "mentoraat/waar-staan-wij", &["geborgd"]));
    records.extend(answering(&h, "mentoraat/waar-staan-wij", &["helemaal-top"]));
    records.push(reflection(
        &h,
        &[("mentoraat/waar-staan-wij", None, "tekst")],
    ));
    records.push(receipt("Het Lyceum", "", day(2027, 5, 1), None));
    let all = scale_summaries(&h, &records);
    // One per item of the handreiking: only waar-staan-wij has a scale.
    let items: Vec<&str> = h.items().map(|i| i.id.as_ref()).collect();
    let got: Vec<(&str, &str)> = all
        .iter()
        .map(|s| (s.item.as_str(), s.question.as_str()))
        .collect();
    let want: Vec<(&str, &str)> = items.iter().map(|i| (*i, "waar-staan-wij")).collect();
    assert_eq!(got, want);
    let s = summary_of(&all, "mentoraat", "waar-staan-wij");
    assert_eq!(s.n, 5);
    assert_eq!(s.counts, Shown::Value(vec![0, 0, 0, 5]));
    assert_eq!(s.spread, Shown::Value(0.0));
    assert_eq!(summary_of(&all, "basis-in-de-les", "waar-staan-wij").n, 0);

    let rk = scale_summaries(&r, &records);
    assert!(rk.iter().all(|s| s.question.starts_with("actie-")));
    assert_eq!(
        rk.len(),
        r.items()
            .map(|i| r.questions(i).filter(|q| q.scale.is_some()).count())
            .sum::<usize>()
    );
    assert!(rk.iter().all(|s| s.n == 0));
}

// ---- Means, spreads and wide differences, by hand

#[test]
fn mean_and_spread_are_computed_by_hand() {
    let h = handreiking();
    let key = "basis-in-de-les/waar-staan-wij";
    // positions 1, 2, 2, 3, 4: mean 12/5 = 2.4;
    // squared distances 1.96, 0.16, 0.16, 0.36, 2.56: variance 5.2/5 = 1.04
    let records = counted(&h, key, &ONTWIKKELING, &[1, 2, 1, 1]);
    let all = scale_summaries(&h, &records);
    let s = summary_of(&all, "basis-in-de-les", "waar-staan-wij");
    assert!(close(*s.mean.value().unwrap(), 2.4));
    assert!(close(*s.spread.value().unwrap(), 1.04f64.sqrt()));
    assert!(s.differs_widely, "spread 1.02 on a 4-point scale");

    // Routekaart, 3 options: positions 1, 2, 2, 2, 3, 3 (mean 13/6).
    let r = routekaart();
    let key = "professionaliseren/actie-1";
    let records = counted(&r, key, &ACTIESTATUS, &[1, 3, 2]);
    let all = scale_summaries(&r, &records);
    let s = summary_of(&all, "professionaliseren", "actie-1");
    let mean = 13.0 / 6.0;
    let var = ((1.0 - mean) * (1.0f64 - mean)
        + 3.0 * (2.0 - mean) * (2.0 - mean)
        + 2.0 * (3.0 - mean) * (3.0 - mean))
        / 6.0;
    assert!(close(*s.mean.value().unwrap(), mean));
    assert!(close(*s.spread.value().unwrap(), var.sqrt()));
    assert_eq!(
        s.unknown,
        Shown::Value(0),
        "no unknown option on this scale"
    );
}

fn widely(inst: &Instrument, key: &str, options: &[&str], counts: &[usize]) -> bool {
    let (item, question) = key.split_once('/').unwrap();
    let all = scale_summaries(inst, &counted(inst, key, options, counts));
    summary_of(&all, item, question).differs_widely
}

#[test]
fn differs_widely_by_spread_or_by_both_ends() {
    let h = handreiking();
    let r = routekaart();
    let hk = "mentoraat/waar-staan-wij";
    let rk = "professionaliseren/actie-2";
    // Spread exactly 1.0 (half on 1, half on 3), last option unused.
    assert!(widely(&h, hk, &ONTWIKKELING, &[3, 0, 3, 0]));
    // Close together: spread 0.49.
    assert!(!widely(&h, hk, &ONTWIKKELING, &[0, 3, 2, 0]));
    // Both ends at exactly 20%, spread 0.98 < 1.0: the ends decide.
    assert!(widely(&h, hk, &ONTWIKKELING, &[1, 3, 0, 1]));
    // One end below 20%.
    assert!(!widely(&h, hk, &ONTWIKKELING, &[1, 6, 3, 0]));
    // 3 options: the spread rule does not apply, the ends do.
    assert!(widely(&r, rk, &ACTIESTATUS, &[2, 6, 2]));
    assert!(!widely(&r, rk, &ACTIESTATUS, &[1, 8, 1]));
    // Far apart, but too few to say so.
    assert!(!widely(&h, hk, &ONTWIKKELING, &[2, 0, 0, 2]));
    // "Weet ik niet" is not among those answering on the scale: still 20%.
    let mut records = counted(&h, hk, &ONTWIKKELING, &[1, 3, 0, 1]);
    records.extend(answering(&h, hk, &["weet-ik-niet"; 5]));
    let all = scale_summaries(&h, &records);
    assert!(summary_of(&all, "mentoraat", "waar-staan-wij").differs_widely);
}

// ---- Strongest and weakest

fn with_mean(item: &str, question: &str, mean: Option<f64>) -> ScaleSummary {
    let shown = |v| mean.map_or(Shown::TooFew, |_| Shown::Value(v));
    ScaleSummary {
        item: item.into(),
        question: question.into(),
        n: if mean.is_some() { 5 } else { 3 },
        counts: shown(vec![0, 0, 0, 0]),
        unknown: mean.map_or(Shown::TooFew, |_| Shown::Value(0)),
        mean: mean.map_or(Shown::TooFew, Shown::Value),
        spread: mean.map_or(Shown::TooFew, |_| Shown::Value(0.0)),
        differs_widely: false,
    }
}

fn items<'a>(list: &[&'a ScaleSummary]) -> Vec<&'a str> {
    list.iter().map(|s| s.item.as_str()).collect()
}

#[test]
fn strongest_and_weakest_break_ties_in_instrument_order_and_skip_hidden_means() {
    let q = "waar-staan-wij";
    let all = vec![
        with_mean("a", q, Some(2.0)),
        with_mean("b", q, Some(3.5)),
        with_mean("c", q, None),
        with_mean("d", q, Some(2.0)),
        with_mean("e", q, Some(3.5)),
        with_mean("f", "aanpak", Some(4.0)),
        with_mean("g", q, Some(1.5)),
        with_mean("h", q, Some(2.0)),
    ];
    let (strong, weak) = strongest_and_weakest(&all, q, 2);
    assert_eq!(items(&strong), ["b", "e"]);
    assert_eq!(items(&weak), ["g", "a"]);
    // "a" ties with "d" and "h": it is among the strongest, so not also
    // among the weakest.
    let (strong, weak) = strongest_and_weakest(&all, q, 3);
    assert_eq!(items(&strong), ["b", "e", "a"]);
    assert_eq!(items(&weak), ["g", "d", "h"]);
    // Six shown means: k is capped at half.
    let (strong, weak) = strongest_and_weakest(&all, q, 10);
    assert_eq!(items(&strong), ["b", "e", "a"]);
    assert_eq!(items(&weak), ["g", "d", "h"]);
    // With one shown mean there is nothing to compare.
    let one = vec![with_mean("a", q, Some(2.0)), with_mean("b", q, None)];
    let (strong, weak) = strongest_and_weakest(&one, q, 3);
    assert!(strong.is_empty() && weak.is_empty());
    let (strong, weak) = strongest_and_weakest(&all, q, 0);
    assert!(strong.is_empty() && weak.is_empty());
}

#[test]
fn strongest_and_weakest_over_real_records() {
    let h = handreiking();
    let mut records = counted(&h, "mentoraat/waar-staan-wij", &ONTWIKKELING, &[0, 0, 0, 5]);
    records.extend(counted(
        &h,
        "basis-in-de-les/waar-staan-wij",
        &ONTWIKKELING,
        &[5, 0, 0, 0],
    ));
    records.extend(counted(
        &h,
        "gemeente-jeugdhulp/waar-staan-wij",
        &ONTWIKKELING,
        &[0, 5, 0, 0],
    ));
    // Geborgd four times: the highest mean, but hidden.
    records.extend(counted(
        &h,
        "aanwezigheid-verzuim/waar-staan-wij",
        &ONTWIKKELING,
        &[0, 0, 0, 4],
    ));
    let all = scale_summaries(&h, &records);
    let (strong, weak) = strongest_and_weakest(&all, "waar-staan-wij", 1);
    assert_eq!(items(&strong), ["mentoraat"]);
    assert_eq!(items(&weak), ["basis-in-de-les"]);
}

// ---- Texts and change

#[test]
fn texts_are_sorted_by_school_then_newest_with_the_school_only_when_sent() {
    let h = handreiking();
    let key = "mentoraat/houden-en-anders";
    let make = |text: &str, school_name: Option<&str>, updated: Date| {
        let mut r = reflection(&h, &[(key, None, text)]);
        r.school = school_name.map(|n| school(n, ""));
        r.updated = updated;
        r
    };
    let records = vec![
        make("zonder school, oud", None, day(2027, 1, 1)),
        make("lyceum, oud", Some("Het Lyceum"), day(2027, 1, 5)),
        make("   ", Some("Atheneum"), day(2027, 2, 1)),
        make("atheneum", Some(" atheneum "), day(2027, 2, 1)),
        make("zonder school, nieuw", None, day(2027, 3, 1)),
        make("lyceum, nieuw", Some("het lyceum"), day(2027, 3, 5)),
        make("lege naam", Some("  "), day(2027, 2, 2)),
    ];
    let mut other = reflection(&h, &[("mentoraat/aanpak", None, "andere vraag")]);
    other.school = Some(school("Atheneum", ""));
    let mut all = records.clone();
    all.push(other);
    let got = texts(&all, "mentoraat", "houden-en-anders");
    let want = [
        (Some("atheneum"), day(2027, 2, 1), "atheneum"),
        (Some("het lyceum"), day(2027, 3, 5), "lyceum, nieuw"),
        (Some("Het Lyceum"), day(2027, 1, 5), "lyceum, oud"),
        (None, day(2027, 3, 1), "zonder school, nieuw"),
        (None, day(2027, 2, 2), "lege naam"),
        (None, day(2027, 1, 1), "zonder school, oud"),
    ]
    .map(|(s, updated, text)| TextAnswer {
        school: s.map(str::to_owned),
        updated,
        text: text.to_owned(),
    });
    assert_eq!(got, want);
    assert!(texts(&all, "mentoraat", "waar-staan-wij").is_empty());
}

#[test]
fn change_is_per_option_and_only_between_shown_counts() {
    let r = routekaart();
    let key = "professionaliseren/actie-1";
    let now = scale_summaries(&r, &counted(&r, key, &ACTIESTATUS, &[1, 2, 4]));
    let before = scale_summaries(&r, &counted(&r, key, &ACTIESTATUS, &[4, 2, 0]));
    let few = scale_summaries(&r, &counted(&r, key, &ACTIESTATUS, &[0, 2, 2]));
    let s = |all: &[ScaleSummary]| summary_of(all, "professionaliseren", "actie-1").clone();
    assert_eq!(change(&s(&now), &s(&before)), Some(vec![-3, 0, 4]));
    assert_eq!(change(&s(&before), &s(&now)), Some(vec![3, 0, -4]));
    assert_eq!(change(&s(&now), &s(&few)), None);
    assert_eq!(change(&s(&few), &s(&now)), None);
    let mut other = s(&before);
    other.question = "actie-2".into();
    assert_eq!(change(&s(&now), &other), None, "another question");
}

// ---- The SWV's list of schools

fn listed(name: &str, brin: &str) -> ListedSchool {
    ListedSchool {
        name: name.into(),
        brin: brin.into(),
    }
}

#[test]
fn school_list_reads_every_plain_form() {
    let text = "\u{feff}Het Lyceum\n\
                12AB\n\
                Atheneum;34cd\n\
                56EF;Vakcollege\r\n\
                \n\
                Montessori, locatie Noord,78GH\n\
                \"Het \"\"Nieuwe\"\" College\";90IJ\n\
                Praktijkschool\t11KL\n\
                11KL\tTweede keer dezelfde BRIN\n\
                het lyceum\n\
                   \n\
                School aan de Dijk, Dorp\n";
    let (schools, bad) = school_list(text);
    assert_eq!(
        schools,
        [
            listed("Het Lyceum", ""),
            listed("", "12AB"),
            listed("Atheneum", "34CD"),
            listed("Vakcollege", "56EF"),
            listed("Montessori, locatie Noord", "78GH"),
            listed("Het \"Nieuwe\" College", "90IJ"),
            listed("Praktijkschool", "11KL"),
            listed("School aan de Dijk, Dorp", ""),
        ]
    );
    assert!(bad.is_empty(), "{bad:?}");
}

#[test]
fn school_list_reports_the_lines_it_cannot_read() {
    let text = "Het Lyceum;12A\n\
                \n\
                Atheneum\n\
                1234\n\
                \"Niet gesloten;12AB\n\
                Vakcollege;56EF\n\
                Vakcollege,5EF6\n";
    let (schools, bad) = school_list(text);
    assert_eq!(
        schools,
        [listed("Atheneum", ""), listed("Vakcollege", "56EF")]
    );
    assert_eq!(bad, [1, 4, 5, 7]);
}

#[test]
fn a_school_list_of_40000_schools_without_a_brin_is_read_in_one_pass() {
    // Found by the fuzz harness's figures: each school was compared with
    // every one kept before it, which took minutes for a 1 MB list of
    // names. Each is now looked up, and a school listed twice is still
    // kept once: the same BRIN, or the same name (ASCII case and white
    // space aside) where neither has a BRIN.
    let mut text = String::new();
    for i in 0..40_000 {
        text.push_str(&format!("Basisschool nummer {i}\n"));
    }
    text.push_str("BASISSCHOOL  nummer 7\n Basisschool nummer 39999 \n");
    text.push_str("Basisschool nummer 7;12AB\nEen andere naam;12ab\nBasisschool nummer 8;34CD\n");
    let (schools, bad) = school_list(&text);
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(schools.len(), 40_002);
    assert_eq!(schools[7], listed("Basisschool nummer 7", ""));
    assert_eq!(
        schools[40_000..],
        [
            listed("Basisschool nummer 7", "12AB"),
            listed("Basisschool nummer 8", "34CD"),
        ]
    );
}

#[test]
fn school_list_reads_a_csv_with_a_header_in_any_column_order() {
    let text = "\u{feff}\"BRIN-nummer\";\"Plaats\";\"Naam school\"\r\n\
                \"12ab\";\"Dorp\";\"Het Lyceum\"\r\n\
                ;\"Stad\";\"Atheneum; locatie Zuid\"\r\n\
                \"34CD\";;\r\n\
                ;;\r\n\
                \"3X\";\"Dorp\";\"Vakcollege\"\r\n\
                ;\"Stad\";\r\n";
    let (schools, bad) = school_list(text);
    assert_eq!(
        schools,
        [
            listed("Het Lyceum", "12AB"),
            listed("Atheneum; locatie Zuid", ""),
            listed("", "34CD"),
        ]
    );
    assert_eq!(bad, [6, 7], "a bad BRIN, and a line with neither");

    let (schools, bad) = school_list("naam,brin\nHet Lyceum,12AB\n\"Atheneum, Stad\",\n");
    assert_eq!(
        schools,
        [listed("Het Lyceum", "12AB"), listed("Atheneum, Stad", "")]
    );
    assert!(bad.is_empty());

    let (schools, bad) = school_list("School\tBRIN\nHet Lyceum\t12AB\n");
    assert_eq!(schools, [listed("Het Lyceum", "12AB")]);
    assert!(bad.is_empty());

    assert_eq!(school_list(""), (vec![], vec![]));
    assert_eq!(school_list("\u{feff}\n  \n"), (vec![], vec![]));
}

// ---- Receipts

#[test]
fn receipts_match_the_list_by_brin_or_by_name() {
    let records = vec![
        receipt(
            "Het Lyceum",
            "12AB",
            day(2027, 4, 1),
            Some(SharedWithColleagues::Ja),
        ),
        // The same school again, a week later, by another person.
        receipt(
            "het  lyceum ",
            "12AB",
            day(2027, 4, 8),
            Some(SharedWithColleagues::NogNiet),
        ),
        // Named differently, same BRIN: the same school.
        receipt("Lyceum (hoofdlocatie)", "12AB", day(2027, 4, 2), None),
        // No BRIN: matched by name.
        receipt(
            "  ATHENEUM",
            "",
            day(2027, 5, 1),
            Some(SharedWithColleagues::Nee),
        ),
        // A BRIN the list does not have, and a name it does not know.
        receipt(
            "Onbekend College",
            "99ZZ",
            day(2027, 5, 2),
            Some(SharedWithColleagues::Ja),
        ),
        reflection(&handreiking(), &[]),
    ];
    let list = vec![
        listed("Lyceum", "12AB"),
        listed("Atheneum", ""),
        listed("Vakcollege", "56EF"),
        listed("", "34CD"),
        listed("Onbekend College", "77YY"),
        listed("Montessori", ""),
    ];
    let o = receipts(&records, &list);
    let rows: Vec<(&str, Date)> = o
        .rows
        .iter()
        .map(|r| (r.school.name.as_str(), r.updated))
        .collect();
    assert_eq!(
        rows,
        [
            ("ATHENEUM", day(2027, 5, 1)),
            ("het  lyceum", day(2027, 4, 8)),
            ("Het Lyceum", day(2027, 4, 1)),
            ("Lyceum (hoofdlocatie)", day(2027, 4, 2)),
            ("Onbekend College", day(2027, 5, 2)),
        ],
        "by name, newest first within one name"
    );
    assert_eq!(o.schools, 3);
    assert_eq!(o.received, 5);
    assert_eq!(o.shared, [2, 1, 1, 1]);
    assert_eq!(
        o.missing,
        [
            listed("Vakcollege", "56EF"),
            listed("", "34CD"),
            listed("Onbekend College", "77YY"),
            listed("Montessori", ""),
        ],
        "two BRINs decide, even when the names agree"
    );
    let first = &o.rows[2];
    assert_eq!(first.role, Some(Role::Directeur));
    assert_eq!(first.reactions, "reactie van Het Lyceum");
    assert!(first.received);
}

#[test]
fn a_school_with_and_without_brin_counts_once() {
    let records = vec![
        receipt("Atheneum", "", day(2027, 5, 1), None),
        receipt("atheneum", "34CD", day(2027, 5, 2), None),
        receipt("Atheneum", "", day(2027, 5, 3), None),
    ];
    let o = receipts(&records, &[listed("", "34CD"), listed("atheneum", "")]);
    assert_eq!(o.schools, 1);
    assert!(o.missing.is_empty());
    let none = receipts(&[], &[listed("Atheneum", "")]);
    assert_eq!(none.schools, 0);
    assert_eq!(none.shared, [0; 4]);
    assert_eq!(none.missing, [listed("Atheneum", "")]);
}

#[test]
fn an_unconfirmed_receipt_is_listed_but_does_not_count_as_received() {
    let mut r = receipt("Atheneum", "", day(2027, 5, 1), None);
    r.receipt.as_mut().unwrap().received = false;
    let o = receipts(&[r], &[listed("Atheneum", "")]);
    assert_eq!(o.rows.len(), 1);
    assert_eq!((o.schools, o.received), (0, 0));
    assert_eq!(o.missing, [listed("Atheneum", "")]);
}

#[test]
fn school_keys_fold_ascii_case_and_white_space_only() {
    assert_eq!(school_key("  Het\t LYCEUM \n"), "het lyceum");
    assert_eq!(school_key("ÉCOLE"), "École", "no Unicode case tables");
    assert_eq!(school_key("   "), "");
}

// ---- Reading a file in chunks

#[test]
fn split_and_read_record_read_what_read_reads() {
    let h = handreiking();
    let good = reflection(&h, &[("mentoraat/waar-staan-wij", Some("geborgd"), "")]);
    let json = format!(
        r#"{{"format":"zichtbaar-export","formatVersion":1,"exported":"2027-03-14",
            "records":[{}, {{"id":"nope"}}, {}]}}"#,
        serde_json::to_string(&good).unwrap(),
        serde_json::to_string(&receipt("Atheneum", "", day(2027, 5, 1), None)).unwrap(),
    );
    let raw = split(&json).unwrap();
    assert_eq!(raw.len(), 3);
    assert_eq!(raw[1], r#"{"id":"nope"}"#, "borrowed as written");
    assert_eq!(read_record(0, raw[0]).unwrap(), good);
    assert!(matches!(
        read_record(1, raw[1]),
        Err(ImportProblem::BadRecord { index: 1, .. })
    ));
    let (records, problems) = read(&json);
    assert_eq!(records.len(), 2);
    assert_eq!(problems, [read_record(1, raw[1]).unwrap_err()]);

    for bad in [
        "not json",
        r#"{"format":"zichtbaar-backup","formatVersion":1,"records":[]}"#,
        r#"{"format":"zichtbaar-export","formatVersion":4,"records":[]}"#,
        r#"{"format":"zichtbaar-export","formatVersion":4}"#,
        r#"{"format":"zichtbaar-export","formatVersion":2}"#,
        r#"{"format":"zichtbaar-export","formatVersion":1}"#,
        r#"{"format":"zichtbaar-export","formatVersion":1,"records":{}}"#,
    ] {
        let problem = split(bad).unwrap_err();
        assert_eq!(read(bad), (vec![], vec![problem]), "{bad}");
    }
    assert_eq!(
        split(r#"{"format":"zichtbaar-export","formatVersion":4}"#),
        Err(ImportProblem::NewerFormat(4)),
        "the version is told even when the rest is unknown"
    );
}

/// A reflection on `inst` with an action plan: per item, the statuses of
/// its actions.
fn planning(inst: &Instrument, plan: &[(&str, &[Status])]) -> ExportRecord {
    let mut r = reflection(inst, &[]);
    r.actions = Some(
        plan.iter()
            .map(|(item, statuses)| {
                let actions = statuses
                    .iter()
                    .enumerate()
                    .map(|(i, &status)| Action {
                        status,
                        what: format!("actie {i}"),
                        who: "mentoren".into(),
                        ..Action::new([0, 0, 0, i as u8])
                    })
                    .collect();
                (item.to_string(), actions)
            })
            .collect(),
    );
    r
}

fn summary_for<'a>(all: &'a [ActionSummary], item: &str) -> &'a ActionSummary {
    all.iter()
        .find(|s| s.item == item)
        .unwrap_or_else(|| panic!("no summary for {item}"))
}

#[test]
fn actions_are_counted_per_item_and_status_over_enough_records() {
    use Status::*;
    let inst = handreiking();
    let mut records = vec![
        planning(
            &inst,
            &[
                ("mentoraat", &[Gepland, Bezig]),
                ("basis-in-de-les", &[Klaar]),
            ],
        ),
        planning(&inst, &[("mentoraat", &[Klaar, Klaar, Gestopt])]),
        planning(
            &inst,
            &[("mentoraat", &[Bezig]), ("basis-in-de-les", &[Bezig])],
        ),
        planning(
            &inst,
            &[("mentoraat", &[Gepland]), ("basis-in-de-les", &[Gepland])],
        ),
        planning(
            &inst,
            &[("mentoraat", &[Bezig, Bezig]), ("basis-in-de-les", &[])],
        ),
        // No plan at all, and one without actions under mentoraat: neither
        // is part of mentoraat's group.
        reflection(&inst, &[("mentoraat/waar-staan-wij", Some("geborgd"), "")]),
        planning(&inst, &[("aanwezigheid-verzuim", &[Klaar])]),
    ];
    // Not counted: a receipt, another instrument, an item the instrument
    // does not have.
    records.push(planning(&routekaart(), &[("mentoraat", &[Gestopt])]));
    let mut stray = receipt("Atheneum", "", day(2027, 5, 1), None);
    stray.actions = planning(&inst, &[("mentoraat", &[Gestopt])]).actions;
    records.push(stray);
    records.push(planning(
        &inst,
        &[("geen-bouwsteen", &[Klaar, Klaar, Klaar, Klaar, Klaar])],
    ));

    let all = action_summaries(&inst, &records);
    // One per item of the handreiking (every item keeps a plan), in its order.
    let items: Vec<&str> = all.iter().map(|s| s.item.as_str()).collect();
    let expected: Vec<&str> = inst.items().map(|i| i.id.as_ref()).collect();
    assert_eq!(items, expected);

    let mentoraat = summary_for(&all, "mentoraat");
    assert_eq!(mentoraat.n, 5);
    assert_eq!(
        mentoraat.counts,
        Shown::Value(StatusCounts {
            gepland: 2,
            bezig: 4,
            klaar: 2,
            gestopt: 1
        })
    );
    // Three records with actions here (the empty list does not count):
    // too few, and nothing inside to show.
    let basis = summary_for(&all, "basis-in-de-les");
    assert_eq!((basis.n, &basis.counts), (3, &Shown::TooFew));
    let verzuim = summary_for(&all, "aanwezigheid-verzuim");
    assert_eq!((verzuim.n, &verzuim.counts), (1, &Shown::TooFew));
    let untouched = summary_for(&all, "gemeente-jeugdhulp");
    assert_eq!((untouched.n, &untouched.counts), (0, &Shown::TooFew));
}

#[test]
fn action_counts_appear_at_exactly_min_group_records() {
    let inst = handreiking();
    let one = |status| planning(&inst, &[("mentoraat", &[status])]);
    let mut records: Vec<ExportRecord> = (1..MIN_GROUP).map(|_| one(Status::Klaar)).collect();
    let before = action_summaries(&inst, &records);
    assert_eq!(summary_for(&before, "mentoraat").counts, Shown::TooFew);
    records.push(one(Status::Bezig));
    let after = action_summaries(&inst, &records);
    let counts = summary_for(&after, "mentoraat")
        .counts
        .value()
        .copied()
        .unwrap();
    assert_eq!(
        (counts.klaar, counts.bezig, counts.total()),
        (MIN_GROUP - 1, 1, MIN_GROUP)
    );
}

#[test]
fn an_instrument_without_action_plans_has_no_action_summaries() {
    let inst = routekaart();
    assert!(inst.items().all(|i| inst.action_question(i).is_none()));
    let records: Vec<ExportRecord> = (0..MIN_GROUP)
        .map(|_| planning(&inst, &[("mentoraat", &[Status::Bezig])]))
        .collect();
    assert!(action_summaries(&inst, &records).is_empty());
}

#[test]
fn a_school_close_to_one_on_the_list_is_offered_as_a_likely_match_and_not_counted() {
    use zichtbaar_core::collection::close_names;
    let (list, _) = school_list("Het Vossius\nSint-Joriscollege;34CD\nDe Brug\nHet Atrium");
    let records = vec![
        receipt("Vossius", "", day(2027, 4, 1), None),
        // A typing error, and the right BRIN.
        receipt("Sint-Joriscolege", "34CD", day(2027, 4, 2), None),
        // Another BRIN: another school, however close the name.
        receipt("De Brugg", "77XX", day(2027, 4, 3), None),
        receipt("Onbekend College", "", day(2027, 4, 4), None),
    ];
    let o = receipts(&records, &list);
    // The BRIN matches, so Sint-Joris confirmed; the others are missing.
    let missing: Vec<&str> = o.missing.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(missing, ["Het Vossius", "De Brug", "Het Atrium"]);
    let likely: Vec<(&str, &str)> = o
        .likely
        .iter()
        .map(|(i, s)| (o.missing[*i].name.as_str(), s.name.as_str()))
        .collect();
    assert_eq!(likely, [("Het Vossius", "Vossius")]);
    assert_eq!(o.schools, 4);

    for (a, b) in [
        ("Het Vossius", "Vossius"),
        ("'t Atrium", "Atrium"),
        ("Vossius", "Het Vossius Gymnasium"),
        ("Sint-Joriscollege", "Sint Joris college"),
        ("Montessori Lyceum", "Montesori Lyceum"),
    ] {
        assert!(close_names(a, b), "{a} ~ {b}");
    }
    for (a, b) in [
        ("De Brug", "De Burg"),
        ("Het Lyceum", "Het Atheneum"),
        ("Vos", "Vossius"),
        ("", "Vossius"),
        ("De", "De"),
    ] {
        assert!(!close_names(a, b), "{a} !~ {b}");
    }
}

#[test]
fn the_team_view_puts_colleagues_side_by_side_with_their_actions_and_skips_what_nobody_answered() {
    use zichtbaar_core::export::Team;
    use zichtbaar_core::team;
    let h = handreiking();
    let shared = |name: &str, updated: Date, answers: &[(&str, Option<&str>, &str)]| {
        let mut r = reflection(&h, answers);
        r.perspective = Some(Perspective::Persoonlijk);
        r.updated = updated;
        r.team = Some(Team { name: name.into() });
        r
    };
    let mut anna = shared(
        "Anna",
        day(2027, 3, 2),
        &[(
            "mentoraat/waar-staan-wij",
            Some("geborgd"),
            "Vaste gesprekken.",
        )],
    );
    anna.actions = Some(BTreeMap::from([(
        "mentoraat".to_owned(),
        vec![Action {
            what: "Gesprekken plannen".into(),
            who: "mentoren".into(),
            ..Action::new([1, 2, 3, 4])
        }],
    )]));
    let records = vec![
        anna,
        // Older: the first column. Nameless ones are numbered.
        shared(
            "",
            day(2027, 3, 1),
            &[("mentoraat/aanpak", None, "Eerst oefenen.")],
        ),
        shared(
            "",
            day(2027, 3, 3),
            &[(
                "basis-in-de-les/waar-staan-wij",
                Some("in-ontwikkeling"),
                "",
            )],
        ),
        // The same name again: told apart.
        shared(
            "anna",
            day(2027, 3, 4),
            &[("mentoraat/waar-staan-wij", Some("in-ontwikkeling"), "")],
        ),
        // Shared with the SWV, not the team: not in the view.
        reflection(
            &h,
            &[(
                "mentoraat/waar-staan-wij",
                Some("geborgd"),
                "Niet voor het team.",
            )],
        ),
        // Another instrument: not in the view.
        {
            let mut r = shared("Bert", day(2027, 3, 1), &[]);
            r.instrument = routekaart().reference();
            r
        },
    ];
    let v = team::view(&h, &records);
    let names: Vec<&str> = v.colleagues.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["collega 1", "Anna", "collega 2", "anna (2)"]);
    let items: Vec<&str> = v.items.iter().map(|i| i.item.id.as_ref()).collect();
    assert_eq!(items, ["basis-in-de-les", "mentoraat"]);
    assert_eq!(v.unanswered.len(), 10);
    let mentoraat = &v.items[1];
    // Questions nobody answered are left out: "houden-en-anders".
    let questions: Vec<&str> = mentoraat
        .rows
        .iter()
        .map(|r| r.question.id.as_ref())
        .collect();
    assert_eq!(questions, ["waar-staan-wij", "aanpak"]);
    let first: Vec<Option<&str>> = mentoraat.rows[0]
        .answers
        .iter()
        .map(|a| a.and_then(|a| a.scale.as_deref()))
        .collect();
    assert_eq!(
        first,
        [None, Some("geborgd"), None, Some("in-ontwikkeling")]
    );
    assert_eq!(mentoraat.rows[1].answers[0].unwrap().text, "Eerst oefenen.");
    // Actions in full, in Anna's column only.
    let counts: Vec<usize> = mentoraat.actions.iter().map(|a| a.len()).collect();
    assert_eq!(counts, [0, 1, 0, 0]);
    assert_eq!(mentoraat.actions[1][0].what, "Gesprekken plannen");
    // Nobody shared with the team: no columns, every item unanswered.
    let swv_only = [reflection(&h, &[("mentoraat/aanpak", None, "x")])];
    let none = team::view(&h, &swv_only);
    assert!(none.colleagues.is_empty() && none.items.is_empty());
}

/// The one-year rule of the reflection views: with no year chosen they read
/// the newest year of the reflections only (a newer receipt does not count),
/// and a chosen year is kept.
#[test]
fn reflection_views_read_one_school_year_the_newest_unless_one_is_chosen() {
    let h = handreiking();
    let mut old = reflection(&h, &[("mentoraat/waar-staan-wij", Some("geborgd"), "")]);
    old.school_year = year(2025);
    let new = reflection(&h, &[("mentoraat/waar-staan-wij", Some("geborgd"), "")]);
    let mut later_receipt = receipt("Het Vossius", "", day(2028, 4, 1), None);
    later_receipt.school_year = year(2027);
    let records = [old.clone(), new.clone(), later_receipt];
    let f = Filter::default().one_year(&records);
    assert_eq!(f.school_year, Some(year(2026)));
    assert!(f.matches(&new) && !f.matches(&old));
    let chosen = Filter {
        school_year: Some(year(2025)),
        ..Filter::default()
    };
    assert_eq!(chosen.one_year(&records).school_year, Some(year(2025)));
    // Nothing to read: no year.
    assert_eq!(Filter::default().one_year(&[]).school_year, None);
}
