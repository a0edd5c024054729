//! The anonymiser, tried as an SWV's privacy officer would (issue 16): every
//! common shape of an e-mail address, phone number, postcode, BSN, IBAN,
//! street address and watched name, in every free-text field of every
//! record kind, and ordinary sentences that must come through untouched.
//!
//! A case that once failed has a test named after it; the property tests
//! at the end generate the shapes.

use proptest::prelude::*;
use zichtbaar_core::anonymise::{redact, scan, HitKind, ANY_CASE, NOT_POSTCODE, STREETS};
use zichtbaar_core::export::{action_field, prepare, ActionText, Export, ShareChoices};
use zichtbaar_core::plan::{Action, Status};
use zichtbaar_core::stored::decode;
use zichtbaar_core::{Answer, Body, Date, ReceiptText, Record};

fn found_with<'a>(text: &'a str, names: &[&str]) -> Vec<(HitKind, &'a str)> {
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    scan(text, &names)
        .iter()
        .map(|h| (h.kind, &text[h.start..h.end]))
        .collect()
}

fn found(text: &str) -> Vec<(HitKind, &str)> {
    found_with(text, &[])
}

/// Each of `shapes`, in a sentence, is found whole as one hit of `kind`.
fn each_found_whole(kind: HitKind, shapes: &[&str]) {
    for shape in shapes {
        for text in [
            format!("Bel {shape} even."),
            format!("Gegevens ({shape}), daarna verder"),
            shape.to_string(),
        ] {
            let expected = vec![(kind, *shape)];
            assert_eq!(found(&text), expected, "in {text:?}");
        }
    }
}

fn redacted(text: &str, names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    redact(text, &scan(text, &names), |_| false)
}

// ---- e-mail addresses

#[test]
fn email_addresses_in_every_common_shape_are_found() {
    for (text, email) in [
        (
            "Mail Jan.de.Vries+zorg@Sub.School-A.NL.",
            "Jan.de.Vries+zorg@Sub.School-A.NL",
        ),
        ("Mail INFO@SWV.NL)", "INFO@SWV.NL"),
        ("(mail a.b@c.nl), ok", "a.b@c.nl"),
        (
            "Of j_jansen-2@mail.swv-regio.example.org,",
            "j_jansen-2@mail.swv-regio.example.org",
        ),
        ("Naar <zorg@school.nl>: graag", "zorg@school.nl"),
    ] {
        assert_eq!(found(text), [(HitKind::Email, email)], "{text}");
    }
}

// ---- phone numbers

#[test]
fn mobile_numbers_however_spaced_or_prefixed_are_found() {
    each_found_whole(
        HitKind::Phone,
        &[
            "06-12345678",
            "06 12 34 56 78",
            "(06) 12345678",
            "+31 6 12345678",
            "+31 (0)6 1234 5678",
            "0031 6 12 34 56 78",
            "0031612345678",
            "+316-12345678",
            "06.12.34.56.78",
            "06/12345678",
            "+31(0)612345678",
            "+31-6-12345678",
        ],
    );
}

#[test]
fn landline_numbers_however_spaced_or_prefixed_are_found() {
    each_found_whole(
        HitKind::Phone,
        &[
            "020-1234567",
            "020 123 4567",
            "(020) 123 45 67",
            "0575-123456",
            "(0575) 12 34 56",
            "+31 20 123 4567",
            "088-1234567",
        ],
    );
}

#[test]
fn a_mobile_number_with_a_spaced_dash_is_found() {
    // "(06) - 1234 5678" came from the property test: four characters
    // between two groups.
    each_found_whole(
        HitKind::Phone,
        &["06 - 1234 5678", "020 - 123 45 67", "(06) - 1234 5678"],
    );
}

#[test]
fn a_number_after_0031_with_the_trunk_zero_in_brackets_is_found_whole() {
    // Before: "0031 " was left in the text, before the placeholder.
    each_found_whole(
        HitKind::Phone,
        &[
            "0031 (0)20 1234567",
            "0031 (0)6 12345678",
            "0031-(0)6-12345678",
        ],
    );
}

#[test]
fn a_foreign_number_after_00_is_found_whole() {
    // Before: "0032 470 12" was taken for a BSN and "34 56" was left.
    each_found_whole(
        HitKind::Phone,
        &["0032 470 12 34 56", "0049 30 12345678", "+32 470 12 34 56"],
    );
}

#[test]
fn a_phone_number_with_a_no_break_space_or_an_en_dash_is_found() {
    // What word processors and phones put in: before, none was found.
    each_found_whole(
        HitKind::Phone,
        &[
            "06\u{a0}12345678",
            "06\u{2013}12345678",
            "06 \u{2013} 1234 5678",
            "020\u{202f}123\u{202f}45\u{202f}67",
            "06\u{2011}12345678",
        ],
    );
}

#[test]
fn a_phone_number_with_invisible_characters_in_it_is_found() {
    // A zero-width space or soft hyphen must not hide a number.
    each_found_whole(HitKind::Phone, &["06\u{200b}12345678", "0612\u{ad}345678"]);
}

#[test]
fn a_number_glued_to_a_word_is_found_when_it_is_long() {
    assert_eq!(found("tel0612345678"), [(HitKind::Phone, "0612345678")]);
    assert_eq!(found("BSN123456782."), [(HitKind::Number, "123456782")]);
    // Short ones stay part of the word.
    assert_eq!(found("Klas 3VWO, groep7b en H4a."), []);
}

// ---- postcodes

#[test]
fn postcodes_in_every_shape_are_found() {
    each_found_whole(
        HitKind::Postcode,
        &["1234 AB", "1234AB", "1234ab", "9999 ZZ", "1234\u{a0}AB"],
    );
}

#[test]
fn a_lower_case_postcode_with_a_space_is_found() {
    each_found_whole(HitKind::Postcode, &["1234 ab", "7201 gd"]);
}

#[test]
fn postcode_letters_sa_sd_and_ss_are_no_postcode() {
    // Dutch postcodes never use them.
    for text in ["1234 SA", "1234SD", "1234 ss"] {
        assert_eq!(found(text), [], "{text}");
    }
}

#[test]
fn a_distance_or_weight_is_no_postcode() {
    for text in [
        "Samen 1500km per week.",
        "Een pakket van 2500 kg.",
        "Bijna 1200 ll.",
    ] {
        assert_eq!(found(text), [], "{text}");
    }
}

#[test]
fn school_abbreviations_after_a_year_are_no_postcode() {
    for text in [
        "Sinds 2020 VO en PO samen.",
        "IN 2025 EN 2026 GAAN WE VERDER.",
        "Vanaf 2026 BB, KB en TL.",
    ] {
        assert_eq!(found(text), [], "{text}");
    }
    // Other numbers with those letters are postcodes.
    assert_eq!(found("7001 VO"), [(HitKind::Postcode, "7001 VO")]);
}

// ---- BSN

#[test]
fn bsn_with_or_without_spaces_and_dots_is_found() {
    each_found_whole(
        HitKind::Number,
        &[
            "123456782",
            "1234.56.782",
            "123 456 782",
            "1234 56 782",
            "123.456.782",
            "123-456-782",
        ],
    );
}

#[test]
fn every_nine_digit_number_is_found_even_when_it_fails_the_eleven_test() {
    // 123456789 fails the eleven-test; a mistyped BSN must not leak either.
    assert_eq!(found("BSN 123456789."), [(HitKind::Number, "123456789")]);
}

// ---- IBAN

#[test]
fn an_iban_is_found_in_any_shape() {
    // Before: none was found whole; a spaced one lost only its last ten
    // digits (as a phone number), a compact one nothing.
    each_found_whole(
        HitKind::Iban,
        &[
            "NL91ABNA0417164300",
            "NL91 ABNA 0417 1643 00",
            "nl91 abna 0417 1643 00",
            "BE68 5390 0754 7034",
            "BE68539007547034",
            "DE89 3704 0044 0532 0130 00",
            "NL91\u{a0}ABNA\u{a0}0417\u{a0}1643\u{a0}00",
        ],
    );
}

#[test]
fn codes_whose_check_fails_are_no_iban() {
    for text in [
        "Code NL12ABCD0123456789.",
        "Zie HV12 voor de tekst van 2025.",
    ] {
        assert!(
            found(text).iter().all(|(k, _)| *k != HitKind::Iban),
            "{text}"
        );
    }
}

// ---- street addresses

#[test]
fn a_street_address_with_a_house_number_is_found() {
    for (text, address) in [
        ("Ze woont Kerkstraat 12.", "Kerkstraat 12"),
        ("Adres: Dorpsweg 3a, Zutphen", "Dorpsweg 3a"),
        ("Van Goghlaan 101-2", "Goghlaan 101-2"),
        ("Burg. de Withstraat 7 bis", "Withstraat 7"),
        ("Plein 1944 nr 3", "Plein 1944"),
        ("Oude Gracht 12)", "Gracht 12"),
        ("op de kerkstraat 12 gezien", "kerkstraat 12"),
        ("Post naar Kerkstr. 7", "Kerkstr. 7"),
        ("Molenkade 4-II", "Molenkade 4-II"),
        ("De Rhônestraat 8", "Rhônestraat 8"),
    ] {
        assert_eq!(found(text), [(HitKind::Address, address)], "{text}");
    }
    assert_eq!(
        redacted("Ouders wonen Kerkstraat 12, 1234 AB Zutphen.", &[]),
        "Ouders wonen [adres weggelaten], [postcode weggelaten] Zutphen."
    );
}

#[test]
fn a_street_word_in_ordinary_text_is_no_address() {
    for text in [
        "de weg 2 keer lopen",
        "we zijn op weg 3 doelen te halen",
        "op het schoolplein 2 pleinwachten",
        "Op straat 3 keer aangesproken.",
        "Het aantal steeg 3 jaar op rij.",
        "Scholen in Amsterdam 12 en in Rotterdam 9.",
        "Bij Loopbaan 2 en in de Kring 3.",
        "Kerkstraat. 12 leerlingen wonen daar.",
    ] {
        assert_eq!(found(text), [], "{text}");
    }
}

// ---- dates and times

#[test]
fn a_date_next_to_a_time_or_a_count_is_no_phone_number_or_bsn() {
    for text in [
        "Op 07-06-2026 10.15 uur.",
        "Op 7/6/2026 10.15-11.00 uur.",
        "Van 1.10.2026 09.00 tot 12.00",
    ] {
        assert_eq!(found(text), [], "{text}");
    }
    // Nor a count before a date or a school year a BSN.
    for text in ["Leerjaar 4 2025-2026: start.", "Stap 3 12-06-2026 klaar."] {
        assert_eq!(found(text), [], "{text}");
    }
    // A phone number after a date is still one, and so is one that
    // looks like a date inside.
    for phone in ["06-12-06-2034", "06 01-01-2000"] {
        assert_eq!(found(phone), [(HitKind::Phone, phone)]);
    }
    assert_eq!(
        found("07-06-2026 0612345678"),
        [(HitKind::Phone, "0612345678")]
    );
    // "06-12-2034" could be a date, but here the number goes on.
    assert_eq!(found("06-12-2034-56"), [(HitKind::Phone, "06-12-2034-56")]);
}

// ---- watched names

#[test]
fn watched_names_in_any_case_and_inside_hyphenated_words_are_found() {
    let names = ["Sanne", "de Vries"];
    assert_eq!(
        found_with("SANNE, sanne en Sanne-Marie; Jansen-de Vries.", &names),
        [
            (HitKind::Name, "SANNE"),
            (HitKind::Name, "sanne"),
            (HitKind::Name, "Sanne"),
            (HitKind::Name, "de Vries"),
        ]
    );
    assert_eq!(
        redacted("Sanne's moeder belt.", &names),
        "[naam weggelaten]'s moeder belt."
    );
    // Not inside another word.
    assert_eq!(found_with("Sannetje uit Vriesland", &names), []);
}

#[test]
fn a_possessive_s_after_a_name_is_part_of_it() {
    let names = ["Sanne", "Jan"];
    assert_eq!(
        found_with("Sannes moeder en Jans vader.", &names),
        [(HitKind::Name, "Sannes"), (HitKind::Name, "Jans")]
    );
    assert_eq!(found_with("Jansen en Sanneke", &names), []);
}

#[test]
fn a_name_with_a_curly_apostrophe_is_found() {
    assert_eq!(
        redacted("Sanne\u{2019}s moeder belt.", &["Sanne"]),
        "[naam weggelaten]\u{2019}s moeder belt."
    );
}

#[test]
fn a_name_split_by_two_spaces_a_line_break_or_a_no_break_space_is_found() {
    for text in ["de  Vries", "de\nVries", "de\u{a0}Vries", "DE \r\n VRIES"] {
        assert_eq!(
            found_with(text, &["de Vries"]),
            [(HitKind::Name, text)],
            "{text:?}"
        );
    }
}

// ---- false positives accepted on purpose

#[test]
fn false_positives_accepted_on_purpose() {
    for (text, kind) in [
        // Any nine digits: a BSN may look like an amount.
        ("Ons budget is 123456789 euro.", HitKind::Number),
        // A date with a two-digit year and a time reads as a phone number.
        ("Op 07-06-26 10.15 uur.", HitKind::Phone),
        // A capitalised word ending in a street word, before a number.
        ("Schoolplein 2 keer per dag.", HitKind::Address),
        ("Leerpad 2 voor de brugklas.", HitKind::Address),
        // Capitals after a number that is not a year.
        ("Hier 1200 LL.", HitKind::Postcode),
    ] {
        let hits = found(text);
        assert_eq!(hits.len(), 1, "{text}");
        assert_eq!(hits[0].0, kind, "{text}");
    }
}

// ---- ordinary sentences

/// Ordinary sentences about a school's support structure, with the numbers
/// such text has: years, dates, times, counts, rooms, amounts, articles.
const ORDINARY: [&str; 44] = [
    "In 2025 hadden we 12 leerlingen met een OPP.",
    "Op 7 juni om 14.30 uur bespreken we het in het ZAT.",
    "De groepen 1 t/m 8 werken met hetzelfde leerlingvolgsysteem.",
    "Het ondersteuningsteam zit in lokaal 2.14, naast de mediatheek.",
    "Volgens artikel 17a van de wet maken we een ontwikkelingsperspectief.",
    "We zijn bij stap 3 van 5 van het stappenplan.",
    "We werken sinds 2019 zo, en dat bevalt goed.",
    "Ongeveer 1 op de 4 leerlingen heeft extra begeleiding nodig.",
    "De mentor moet de weg 2 keer lopen voordat er hulp komt.",
    "We zijn op weg 3 doelen te halen dit schooljaar.",
    "Ons budget is 123456 euro per jaar.",
    "Het overleg is op 07-06-2026 in de aula.",
    "De lessen lopen van 9:30-10:15 en van 10:30-11:15.",
    "In schooljaar 2025-2026 starten we met de nieuwe aanpak.",
    "Op 06 juni is de studiedag voor het hele team.",
    "In 2025 en 2026 evalueren we twee keer per jaar.",
    "Sinds 2020 werken VO en PO samen in de regio.",
    "In 2026 de eerste stap, 1000 en meer leerlingen later.",
    "Het leerlingenvervoer rijdt samen 1500 km per week.",
    "Klas 3VWO en groep7b krijgen een extra mentoruur.",
    "In leerjaar 3 van de basisberoepsgerichte leerweg 2 keer per week.",
    "Op het schoolplein 2 pleinwachten extra tijdens de pauze.",
    "Versie 2.1 van het schoolondersteuningsprofiel staat online.",
    "We spraken 85% van de ouders in 14 gesprekken.",
    "De intern begeleider (IB) en de orthopedagoog overleggen elke 2 weken.",
    "Het arrangement kost € 12.500,- per leerling per jaar.",
    "Een TLV geldt voor 1 tot 3 jaar, daarna kijken we opnieuw.",
    "We willen 3 tot 5 procent minder thuiszitters in 2027.",
    "Het dashboard toont 2 nieuwe aanmeldingen en 7 lopende trajecten.",
    "De teamleiders van leerjaar 1 en 2 plannen de gesprekken in week 45.",
    "Onze school heeft 1.200 leerlingen en 110 medewerkers.",
    "Bij loopbaanoriëntatie (LOB) gebruiken we module 4 en 5.",
    "In januari bespreken we de basisondersteuning en de roosters.",
    "Om 8.30 uur start het eerste uur, om 15.15 uur het laatste.",
    "Tussen 2022 en 2024 steeg het aantal meldingen met 30 procent.",
    "Scholen in Amsterdam 12 en in Rotterdam 9 deden mee.",
    "Het protocol (versie 3) staat in hoofdstuk 4.2, bladzijde 17.",
    "Ouders bellen we binnen 2 werkdagen terug.",
    "Week 12 t/m 14 zijn de toetsweken; daarna volgt de 2e periode.",
    "Het SWV telt 23 scholen en 14.000 leerlingen.",
    "Op 1-10-2026 is de teldatum; op 07-06-2026 10.15 uur het overleg.",
    "IN 2025 EN 2026 GAAN WE VERDER MET HET PLAN.",
    "Groep 8 heeft 28 leerlingen en 2 leerkrachten — en één stagiair.",
    "Telefonisch spreekuur: maandag 9.00-10.00 uur, via de receptie.",
];

/// Names watched while the ordinary sentences are scanned: each is also
/// the start of a word in them ("januari", "basis", "roosters").
const WATCHED: [&str; 4] = ["Jan", "Bas", "Roos", "Eva"];

fn watched() -> Vec<String> {
    WATCHED.iter().map(|n| n.to_string()).collect()
}

#[test]
fn ordinary_sentences_survive_byte_for_byte() {
    for text in ORDINARY {
        let hits = scan(text, &watched());
        let found: Vec<&str> = hits.iter().map(|h| &text[h.start..h.end]).collect();
        assert_eq!(found, Vec::<&str>::new(), "{text}");
        assert_eq!(redact(text, &hits, |_| false), text);
    }
}

// ---- every field of every record kind, through a real export

fn today() -> Date {
    Date::new(2027, 3, 14).unwrap()
}

fn reflection() -> Record {
    decode(include_str!("data/stored-v1-reflection.json")).unwrap()
}

fn receipt() -> Record {
    decode(include_str!("data/stored-v1-receipt.json")).unwrap()
}

/// The free-text fields of every record kind.
#[derive(Clone, Copy, Debug)]
enum Field {
    Answer,
    ActionWhat,
    ActionWho,
    Receipt(ReceiptText),
}

const FIELDS: [Field; 6] = [
    Field::Answer,
    Field::ActionWhat,
    Field::ActionWho,
    Field::Receipt(ReceiptText::RoleOther),
    Field::Receipt(ReceiptText::Reactions),
    Field::Receipt(ReceiptText::Wishes),
];

const ANSWER: &str = "mentoraat/waar-staan-wij";
const ITEM: &str = "mentoraat";
const ACTION: &str = "0f3a9c21";

impl Field {
    /// A record with `text` in this field (and "teamleiders" in the
    /// other text of an action).
    fn record(self, text: &str) -> Record {
        let mut record = match self {
            Field::Receipt(_) => receipt(),
            _ => reflection(),
        };
        match (&mut record.body, self) {
            (Body::Reflection(r), Field::Answer) => {
                r.answers.insert(
                    ANSWER.into(),
                    Answer {
                        scale: None,
                        text: text.into(),
                    },
                );
            }
            (Body::Reflection(r), Field::ActionWhat | Field::ActionWho) => {
                let (what, who) = match self {
                    Field::ActionWhat => (text, "teamleiders"),
                    _ => ("Gesprekken plannen", text),
                };
                let action = Action {
                    id: ACTION.into(),
                    what: what.into(),
                    who: who.into(),
                    due: None,
                    status: Status::Gepland,
                    carried_from: None,
                };
                r.actions.insert(ITEM.into(), vec![action]);
            }
            (Body::Receipt(r), Field::Receipt(t)) => *r.answers.text_mut(t) = text.into(),
            _ => unreachable!(),
        }
        record
    }

    /// The key of this field in the preview and in [`ShareChoices`].
    fn key(self) -> String {
        match self {
            Field::Answer => ANSWER.into(),
            Field::ActionWhat => action_field(ITEM, ACTION, ActionText::What),
            Field::ActionWho => action_field(ITEM, ACTION, ActionText::Who),
            Field::Receipt(t) => t.key().into(),
        }
    }

    /// This field's text as shared.
    fn shared(self, export: &Export) -> String {
        let record = &export.records[0];
        match self {
            Field::Answer => record.answers.as_ref().unwrap()[ANSWER].text.clone(),
            Field::ActionWhat | Field::ActionWho => {
                let action = &record.actions.as_ref().unwrap()[ITEM][0];
                let text = match self {
                    Field::ActionWhat => &action.what,
                    _ => &action.who,
                };
                text.clone()
            }
            Field::Receipt(t) => record.receipt.as_ref().unwrap().text(t).to_owned(),
        }
    }
}

/// One detail of every kind, each in a shape that once leaked.
const DETAILS: [&str; 8] = [
    "Jan.de.Vries+zorg@Sub.School-A.NL",
    "06 - 1234 5678",
    "0031 (0)20 1234567",
    "Kerkstraat 12",
    "1234 ab",
    "1234.56.782",
    "NL91 ABNA 0417 1643 00",
    "Sannes",
];

fn text_with_details() -> String {
    let [email, mobile, landline, street, postcode, bsn, iban, name] = DETAILS;
    format!(
        "Vragen aan {email}, of bel {mobile} ({landline}). Post naar {street}, \
         {postcode} Zutphen. BSN {bsn}; rekening {iban}. {name} moeder belt terug."
    )
}

#[test]
fn no_detail_leaves_any_free_text_field_unless_kept_and_then_only_that_one() {
    let text = text_with_details();
    for field in FIELDS {
        let record = field.record(&text);
        let mut choices = ShareChoices {
            watch_names: vec!["Sanne".into()],
            ..ShareChoices::default()
        };
        let preview = prepare(&record, &choices, today()).unwrap();
        let json = preview.to_json();
        for detail in DETAILS {
            assert!(!json.contains(detail), "{field:?}: {detail} leaked");
        }
        assert_eq!(
            field.shared(&preview.export),
            "Vragen aan [e-mailadres weggelaten], of bel [telefoonnummer weggelaten] \
             ([telefoonnummer weggelaten]). Post naar [adres weggelaten], \
             [postcode weggelaten] Zutphen. BSN [nummer weggelaten]; rekening \
             [rekeningnummer weggelaten]. [naam weggelaten] moeder belt terug.",
            "{field:?}"
        );
        let listed = preview
            .fields
            .iter()
            .find(|f| f.field == field.key())
            .expect("the field is in the preview");
        assert_eq!(listed.hits.len(), DETAILS.len(), "{field:?}");

        // Keep one hit: exactly that one detail leaves.
        for (kept, hit) in listed.hits.iter().enumerate() {
            choices.kept_hits.clear();
            choices.kept_hits.insert((field.key(), hit.start));
            let preview = prepare(&record, &choices, today()).unwrap();
            let json = preview.to_json();
            for (i, detail) in DETAILS.iter().enumerate() {
                assert_eq!(
                    json.contains(detail),
                    i == kept,
                    "{field:?}: keep {kept}, {detail}"
                );
            }
            assert_eq!(preview.redacted(&choices), DETAILS.len() - 1);
        }
    }
}

// ---- property tests

/// Ordinary words around a detail: no digits, no `@`, and none contains a
/// generated name.
const WORDS: [&str; 24] = [
    "de", "het", "een", "mentor", "belt", "ouders", "morgen", "leerling", "graag", "via", "zorg",
    "team", "school", "overleg", "woont", "op", "adres", "nummer", "mail", "naar", "contact",
    "klas", "Ook", "Dit",
];
const BEFORE: [&str; 7] = [" ", " (", ": ", "\n", " \"", ", ", " - "];
const AFTER: [&str; 11] = ["", ".", ",", ")", ";", " ", "!", "?", ".\n", ":", "\""];

fn words() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(&WORDS[..]), 0..6).prop_map(|w| w.join(" "))
}

fn digits(n: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(0u8..10, n)
        .prop_map(|v| v.iter().map(|d| char::from(b'0' + d)).collect())
}

/// A generated detail: its text, the names to watch, and what must not
/// come through (besides any digit, when `digits`).
#[derive(Clone, Debug)]
struct Detail {
    text: String,
    watch: Vec<String>,
    gone: Vec<String>,
    digits: bool,
}

fn numeric(text: String) -> Detail {
    Detail {
        text,
        watch: Vec::new(),
        gone: Vec::new(),
        digits: true,
    }
}

/// Splits `digits` into groups of 1 to 4, joined by `sep`.
fn grouped(digits: &str, sizes: &[usize], sep: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    for &size in sizes.iter().cycle() {
        if at >= digits.len() {
            break;
        }
        if at > 0 {
            out.push_str(sep);
        }
        let end = (at + size).min(digits.len());
        out.push_str(&digits[at..end]);
        at = end;
    }
    out
}

fn phone() -> impl Strategy<Value = Detail> {
    let area =
        proptest::sample::select(&["6", "20", "10", "30", "70", "13", "575", "546", "318"][..]);
    let prefix = proptest::sample::select(
        &[
            "0{}",
            "(0{})",
            "+31 {}",
            "+31{}",
            "+31 (0){}",
            "+31(0){}",
            "0031 {}",
            "0031{}",
            "0031 (0){}",
            "+31-{}",
            "0031-(0){}",
            "(+31) {}",
        ][..],
    );
    let join = proptest::sample::select(
        &["", " ", "-", " - ", "\u{a0}", "\u{2013}", " \u{2013} ", "."][..],
    );
    let sep = proptest::sample::select(&["", " ", "-", ".", "\u{a0}"][..]);
    (
        area,
        prefix,
        join,
        sep,
        proptest::collection::vec(2usize..=4, 1..4),
    )
        .prop_flat_map(|(area, prefix, join, sep, sizes)| {
            digits(9 - area.len()).prop_map(move |subscriber| {
                numeric(format!(
                    "{}{join}{}",
                    prefix.replace("{}", area),
                    grouped(&subscriber, &sizes, sep)
                ))
            })
        })
}

fn bsn() -> impl Strategy<Value = Detail> {
    const SHAPES: [&[usize]; 3] = [&[9], &[3, 3, 3], &[4, 2, 3]];
    let shape = proptest::sample::select(&SHAPES[..]);
    let sep = proptest::sample::select(&[" ", ".", "-", "\u{a0}"][..]);
    let label = proptest::sample::select(&["", "BSN", "BSN ", "bsn: "][..]);
    (digits(9), shape, sep, label)
        .prop_map(|(d, shape, sep, label)| numeric(format!("{label}{}", grouped(&d, shape, sep))))
}

fn postcode() -> impl Strategy<Value = Detail> {
    (
        1000u32..10000,
        "[A-Z]{2}",
        any::<bool>(),
        proptest::sample::select(&["", " ", "\u{a0}"][..]),
    )
        .prop_filter(
            "letters postcodes do not use, or a word",
            |(n, letters, lower, _)| {
                let pair = letters.to_ascii_lowercase();
                let listed = NOT_POSTCODE.chunks(3).any(|w| w[..2] == *pair.as_bytes());
                let year = (1900..2100).contains(n);
                !matches!(pair.as_str(), "sa" | "sd" | "ss") && !(listed && (*lower || year))
            },
        )
        .prop_map(|(n, letters, lower, sep)| {
            let letters = if lower {
                letters.to_ascii_lowercase()
            } else {
                letters
            };
            numeric(format!("{n}{sep}{letters}"))
        })
}

/// An IBAN with valid check digits for `country` and `bban`.
fn iban(country: &str, bban: &str) -> String {
    let value = |c: char| c.to_digit(36).unwrap();
    let rem = format!("{bban}{country}00").chars().fold(0u64, |r, c| {
        let v = u64::from(value(c));
        (r * if v < 10 { 10 } else { 100 } + v) % 97
    });
    format!("{country}{:02}{bban}", 98 - rem)
}

fn ibans() -> impl Strategy<Value = Detail> {
    let bban = prop_oneof![
        ("[A-Z]{4}", digits(10)).prop_map(|(bank, n)| ("NL", format!("{bank}{n}"))),
        digits(12).prop_map(|n| ("BE", n)),
        digits(18).prop_map(|n| ("DE", n)),
        ("[A-Z]{4}", digits(14)).prop_map(|(bank, n)| ("GB", format!("{bank}{n}"))),
    ];
    let sep = proptest::sample::select(&["", " ", "\u{a0}"][..]);
    (bban, sep, any::<bool>()).prop_map(|((country, bban), sep, lower)| {
        let compact = iban(country, &bban);
        let text = grouped(&compact, &[4], sep);
        numeric(if lower {
            text.to_ascii_lowercase()
        } else {
            text
        })
    })
}

fn address() -> impl Strategy<Value = Detail> {
    let base = proptest::sample::select(
        &["Kerk", "Dorps", "Molen", "Stations", "Wilhelmina", "Goghs"][..],
    );
    let street = proptest::sample::select(&STREETS[..]);
    let addition = proptest::sample::select(&["", "a", "B", "-2", "-14", "bis", "-II"][..]);
    let before = proptest::sample::select(&["", "Van ", "Burg. de ", "Oude "][..]);
    // 0: "Kerkstraat", 1: "kerkstraat" (when any case counts), 2: "Straat".
    (base, street, 0..3usize, 1u32..3000, addition, before).prop_map(
        |(base, street, form, number, addition, before)| {
            let any_case = STREETS.iter().position(|s| *s == street).unwrap() < ANY_CASE;
            let word = match form {
                1 if any_case => format!("{}{street}", base.to_ascii_lowercase()),
                2 => {
                    let mut s = street.to_owned();
                    s[..1].make_ascii_uppercase();
                    s
                }
                _ => format!("{base}{street}"),
            };
            Detail {
                text: format!("{before}{word} {number}{addition}"),
                watch: Vec::new(),
                gone: vec![word.to_ascii_lowercase()],
                digits: true,
            }
        },
    )
}

fn email() -> impl Strategy<Value = Detail> {
    (
        "[A-Za-z0-9]{1,8}(\\.[A-Za-z0-9]{1,8}){0,2}([_-][a-z]{1,4})?(\\+[a-z]{1,6})?",
        "([A-Za-z0-9]([A-Za-z0-9-]{0,6}[A-Za-z0-9])?\\.){1,3}[A-Za-z]{2,6}",
    )
        .prop_map(|(local, domain)| {
            let text = format!("{local}@{domain}");
            Detail {
                gone: vec![text.to_ascii_lowercase(), "@".into()],
                text,
                watch: Vec::new(),
                digits: false,
            }
        })
}

fn name() -> impl Strategy<Value = Detail> {
    let name = proptest::sample::select(
        &[
            "Sanne",
            "Mohammed",
            "Lotte",
            "de Vries",
            "van den Berg",
            "Ömer",
            "Anne-Fleur",
        ][..],
    );
    // 0 as listed, 1 upper, 2 lower, 3 "s", 4 "'s", 5 "’s", 6 hyphenated,
    // 7 line break or no-break or two spaces between its words.
    (
        name,
        0..8usize,
        proptest::sample::select(&["\n", "\u{a0}", "  "][..]),
    )
        .prop_map(|(name, form, space)| {
            let text = match form {
                1 => name.to_ascii_uppercase(),
                2 => name.to_ascii_lowercase(),
                3 => format!("{name}s"),
                4 => format!("{name}'s"),
                5 => format!("{name}\u{2019}s"),
                6 => format!("{name}-Marie"),
                7 => name.replace(' ', space),
                _ => name.to_owned(),
            };
            Detail {
                text,
                watch: vec![name.to_owned()],
                gone: vec![name.to_ascii_lowercase()],
                digits: false,
            }
        })
}

fn detail() -> impl Strategy<Value = Detail> {
    prop_oneof![
        phone(),
        bsn(),
        postcode(),
        ibans(),
        address(),
        email(),
        name()
    ]
}

const KINDS: [HitKind; 7] = [
    HitKind::Email,
    HitKind::Phone,
    HitKind::Postcode,
    HitKind::Number,
    HitKind::Name,
    HitKind::Iban,
    HitKind::Address,
];

/// `text` with every kind of space as one plain space, in ASCII lower case.
fn plain(text: &str) -> String {
    text.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Every generated shape, in a sentence with punctuation around it, in
    /// a random free-text field of a random record kind: with nothing kept,
    /// the shared text holds none of it.
    #[test]
    fn no_generated_detail_reaches_an_export(
        detail in detail(),
        field in proptest::sample::select(&FIELDS[..]),
        before in words(),
        open in proptest::sample::select(&BEFORE[..]),
        close in proptest::sample::select(&AFTER[..]),
        after in words(),
    ) {
        let text = format!("{before}{open}{}{close} {after}", detail.text);
        let choices = ShareChoices { watch_names: detail.watch.clone(), ..ShareChoices::default() };
        let preview = prepare(&field.record(&text), &choices, today()).unwrap();
        let shared = field.shared(&preview.export);
        if detail.digits {
            prop_assert!(!shared.bytes().any(|b| b.is_ascii_digit()), "{text:?} -> {shared:?}");
        }
        // What is left besides the placeholders ("[adres weggelaten]"
        // holds "weg").
        let plain_shared = plain(&KINDS.iter().fold(shared.clone(), |t, k| t.replace(k.placeholder(), "")));
        for gone in &detail.gone {
            prop_assert!(!plain_shared.contains(&plain(gone)), "{gone:?}: {text:?} -> {shared:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Ordinary sentences, any number in any order, joined by spaces or
    /// line breaks, come through the scanner byte for byte.
    #[test]
    fn ordinary_text_passes_byte_for_byte(
        picked in proptest::collection::vec(
            (proptest::sample::select(&ORDINARY[..]), proptest::sample::select(&[" ", "\n", "\n\n", "  "][..])),
            1..8,
        )
    ) {
        let text: String = picked.iter().map(|(s, sep)| format!("{s}{sep}")).collect();
        let hits = scan(&text, &watched());
        prop_assert_eq!(redact(&text, &hits, |_| false), text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Whatever the text, with look-alike spaces, dashes and invisible
    /// characters mixed in, hits come in order, apart, on character
    /// boundaries of the text as given (the preview slices it there).
    #[test]
    fn hits_are_in_order_apart_and_on_character_boundaries(
        text in "([0-9 ()+./@a-zA-Z'-]|\u{a0}|\u{2013}|\u{200b}|\u{ad}|\u{2019}|é|\n){0,80}",
    ) {
        let hits = scan(&text, &["Jan de".to_owned(), "é".to_owned()]);
        let mut at = 0;
        for hit in &hits {
            prop_assert!(at <= hit.start && hit.start < hit.end && hit.end <= text.len());
            prop_assert!(text.is_char_boundary(hit.start) && text.is_char_boundary(hit.end));
            at = hit.end;
        }
        redact(&text, &hits, |_| false);
    }
}
