//! Makes realistic export files, for trying out and benchmarking the SWV's
//! collection page (`/verzamelen`) with many of them.
//!
//! ```sh
//! cargo run --release -p zichtbaar-core --example make_exports -- <count> <out-dir> [--seed N] [--one-file]
//! ```
//!
//! Writes `<count>` files of one record each into `<out-dir>`, or with
//! `--one-file` a single export holding all `<count>` records. Every file is
//! made the way the app makes it: a `Record` built against the real
//! instruments in `instruments/`, turned into an export by
//! `export::prepare` and written by `Preview::to_json` (or `export::to_json`
//! for the single file), so the files always meet the contract byte for
//! byte. Each one is read back with `import::read` before it is written.
//!
//! The mix, drawn from a seeded PRNG (the same seed gives the same files):
//!
//! - about 70% reflections on `ondersteuningsstructuur`, persoonlijk or team:
//!   every item's scale question answered, each item with a bias of its own
//!   (some strong, some weak, some divided), about 5% "weet ik niet", a bit
//!   better in the later year; the written questions answered with Dutch
//!   text of 100 to 600 characters made of plausible sentences (no names,
//!   no e-mail addresses, no digits); about 60% of them keep an action plan
//!   (export format 2): on about 40% of the items 1 to 4 actions, each with
//!   what and who (a role such as "mentoren"), mostly a month or a day to
//!   be done by, every status, and in the later year some carried over
//!   from the year before;
//! - about 15% reflections on `routekaart-inclusief`: every action on its
//!   scale, some with a short note;
//! - about 15% receipts from "School 1" to "School 300", each with a BRIN
//!   made from its number.
//!
//! School years 2025-2026 and 2026-2027; about one reflection in five names
//! its school. Record ids are distinct, so `<count>` files hold `<count>`
//! distinct records.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use zichtbaar_core::export::{prepare, to_json, Export, School, ShareChoices};
use zichtbaar_core::import;
use zichtbaar_core::instrument::{answer_key, read_dir, Instrument};
use zichtbaar_core::plan::{Action, Due, Status};
use zichtbaar_core::record::{ReceiptAnswers, Role, SharedWithColleagues};
use zichtbaar_core::{
    Answer, Body, Date, Perspective, Receipt, Record, RecordId, Reflection, SchoolYear,
};

const USAGE: &str =
    "usage: make_exports <count> <out-dir> [--seed N] [--one-file]\n  run from the repository root";

const SCHOOLS: u32 = 300;
const YEARS: [i32; 2] = [2025, 2026];

// ---- A tiny seeded PRNG (xorshift64*): no rand crate needed.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // Spread the seed, and never start at zero (xorshift would stay there).
        let mut s = seed ^ 0x9e37_79b9_7f4a_7c15;
        s = (s ^ (s >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        s = (s ^ (s >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng((s ^ (s >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// An index drawn with the given weights.
    fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = (self.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    fn bytes4(&mut self) -> [u8; 4] {
        let b = self.next().to_le_bytes();
        [b[0], b[1], b[2], b[3]]
    }

    fn bytes16(&mut self) -> [u8; 16] {
        let mut b = [0u8; 16];
        b[..8].copy_from_slice(&self.next().to_le_bytes());
        b[8..].copy_from_slice(&self.next().to_le_bytes());
        b
    }
}

// ---- Texts. No names, no e-mail addresses, no digits (a digit could look
// like a postcode or a phone number to the anonymiser).

const KEEP_AND_CHANGE: &[&str] = &[
    "Het mentoraat werkt goed: mentoren kennen hun leerlingen en zien op tijd wat er speelt.",
    "De wekelijkse mentorles houden we erin, die geeft rust in de klas.",
    "Het zorgteam komt vaker bij elkaar dan vorig jaar en dat merken we.",
    "Leerlingen weten beter bij wie ze terecht kunnen als het niet goed gaat.",
    "We willen ouders eerder betrekken, niet pas als er al een probleem is.",
    "De lijnen met de ondersteuningscoördinator zijn kort, dat willen we zo houden.",
    "De overdracht van de basisschool kan beter: we krijgen de informatie vaak te laat.",
    "Volgend jaar willen we de leerlingbesprekingen korter en gerichter maken.",
    "Het verzuim wordt sneller opgepakt sinds de afspraken met de leerplichtambtenaar duidelijker zijn.",
    "Docenten weten nog niet altijd wat er in een ontwikkelingsperspectief staat.",
    "Het schoolondersteuningsprofiel is bij veel collega's onbekend.",
    "We houden de vaste contactmomenten met ouders in het begin van het schooljaar.",
    "Er is te weinig tijd voor overleg tussen mentoren en het zorgteam.",
    "Het plusprogramma voor leerlingen die meer uitdaging nodig hebben loopt goed.",
    "De samenwerking met het jeugdteam van de gemeente is sterk verbeterd.",
    "Wat we anders willen: minder papier en meer gesprekken met de leerling zelf.",
    "De trajectvoorziening is een uitkomst, maar de wachtlijst is lang.",
    "Nieuwe collega's moeten beter worden ingewerkt in hoe de ondersteuning bij ons werkt.",
    "We zien dat de basisondersteuning per afdeling verschilt; dat willen we gelijk trekken.",
    "De handelingsplannen worden niet altijd gelezen door alle docenten van de klas.",
    "Het gesprek met de leerling over wat hij of zij nodig heeft, houden we erin.",
    "Onze signalering van sociaal-emotionele problemen is nog te afhankelijk van de mentor.",
    "Het ondersteuningsteam heeft een duidelijke taakverdeling gekregen en dat werkt.",
    "Volgend jaar willen we de expertise van de orthopedagoog breder inzetten in de lessen.",
    "De warme overdracht naar het mbo kan beter, vooral voor leerlingen met extra ondersteuning.",
    "Differentiëren in de les blijft lastig in grote klassen.",
    "Het huiswerkinstituut binnen de school helpt leerlingen die thuis geen rustige plek hebben.",
    "We houden de vaste momenten waarop de mentor met ouders en leerling samen praat.",
    "De afspraken over wie wat doet bij zorgen over een leerling moeten op papier.",
    "Leerlingen met dyslexie krijgen de faciliteiten die ze nodig hebben.",
    "Het contact met de schoolmaatschappelijk werker loopt soepel.",
    "We willen meer zicht krijgen op wat de extra ondersteuning oplevert.",
    "Collega's vinden het fijn dat ze een vraag snel bij het zorgteam kwijt kunnen.",
    "De rol van de teamleider in de ondersteuning is nog niet voor iedereen duidelijk.",
    "Het evalueren van de ondersteuning doen we nu één keer per jaar; dat mag vaker.",
    "De samenwerking met het samenwerkingsverband is goed, de lijnen zijn kort.",
    "We willen de stem van leerlingen meer meenemen in hoe we de ondersteuning inrichten.",
    "Ouders weten niet altijd wat de school wel en niet kan bieden.",
];

const APPROACH: &[&str] = &[
    "De ondersteuningscoördinator maakt voor de herfstvakantie een plan en bespreekt dat met de teamleiders.",
    "In de eerste studiedag nemen we met het hele team het schoolondersteuningsprofiel door.",
    "De mentoren krijgen een vast moment per periode om met het zorgteam te overleggen.",
    "We vragen het samenwerkingsverband om mee te denken over de overgang naar het vervolgonderwijs.",
    "Een werkgroep van docenten en het zorgteam werkt dit uit en komt voor de kerstvakantie met een voorstel.",
    "De teamleiders zorgen dat de afspraken in elke sectie besproken worden.",
    "We plannen aan het begin van het jaar gesprekken met ouders van alle brugklassers.",
    "Na de voorjaarsvakantie evalueren we of het werkt, samen met leerlingen en ouders.",
    "De schoolleiding maakt tijd vrij in de jaartaak van mentoren.",
    "We nodigen de leerplichtambtenaar uit voor een overleg per kwartaal.",
    "De intern begeleider maakt een korte handleiding voor nieuwe collega's.",
    "We maken een overzicht van wie waarvoor aanspreekpunt is en hangen dat in de teamkamer.",
    "Het zorgteam stelt een vaste agenda op voor de leerlingbesprekingen.",
    "Elke sectie kiest één vorm van differentiëren om dit jaar uit te proberen.",
    "We gaan bij een andere school kijken hoe zij de overdracht hebben geregeld.",
    "De orthopedagoog geeft twee workshops aan het team over gedrag in de klas.",
    "We spreken met de gemeente af wie contact opneemt bij zorgen thuis.",
    "Aan het eind van het schooljaar bespreken we in het team wat het heeft opgeleverd.",
    "De mentoren nemen het gesprek met de leerling op in hun vaste mentorles.",
    "We leggen de afspraken vast in het ondersteuningsplan en zetten het op de agenda van de MR.",
    "Eerst brengen we in kaart wat er nu al gebeurt; daarna kiezen we wat we aanpakken.",
    "De coördinator passend onderwijs zoekt uit welke scholing past en regelt die.",
    "Per afdeling wijzen we een collega aan die dit trekt.",
    "We vragen leerlingen in een korte enquête wat zij nodig hebben.",
];

const ORGANISED: &[&str] = &[
    "Bij ons ligt dit vooral bij de mentor, met het zorgteam als achtervang.",
    "De ondersteuningscoördinator houdt het overzicht en stemt af met de teamleiders.",
    "Er zijn afspraken, maar ze worden niet overal hetzelfde uitgevoerd.",
    "Dit is vastgelegd in het ondersteuningsplan en wordt elk jaar bekeken.",
    "Het hangt nog erg af van de collega die het oppakt.",
    "We hebben hier een vast overleg voor, elke twee weken.",
    "Dit is nieuw voor ons; we zijn er dit jaar mee begonnen.",
    "Het zorgteam bespreekt dit in de leerlingbespreking.",
    "Ouders worden hier standaard bij betrokken.",
    "We werken hierin samen met het samenwerkingsverband en de gemeente.",
];

const NOTES: &[&str] = &[
    "Staat op de agenda van de studiedag.",
    "Werkgroep is gestart.",
    "Nog geen tijd voor gehad.",
    "Loopt in de onderbouw, bovenbouw volgt.",
    "Samen met het samenwerkingsverband.",
    "Afhankelijk van de begroting.",
    "Is onderdeel van het schoolplan.",
    "Eerste ervaringen zijn goed.",
    "Moet nog besproken worden in de MR.",
    "Wordt getrokken door de teamleiders.",
];

/// What an action of the plan says will be done: short, as a school writes
/// it in a list.
const ACTION_WHAT: &[&str] = &[
    "Studiemiddag over differentiëren organiseren",
    "Lesbezoeken in de onderbouw plannen en nabespreken",
    "Vaste agenda voor de leerlingbespreking opstellen",
    "Overzicht maken van wie waarvoor aanspreekpunt is",
    "Schoolondersteuningsprofiel bespreken in de teamvergadering",
    "Mentorgesprek met elke leerling in de eerste zes weken",
    "Ouders van brugklassers uitnodigen voor een kennismakingsgesprek",
    "Afspraken over verzuim vastleggen met de leerplichtambtenaar",
    "Korte handleiding voor nieuwe collega's schrijven",
    "Warme overdracht met de basisscholen uit de regio afspreken",
    "Enquête onder leerlingen over wat zij nodig hebben",
    "Evaluatie van de extra ondersteuning aan het eind van het jaar",
    "Overleg met het jeugdteam van de gemeente per kwartaal inplannen",
    "Workshop over gedrag in de klas door de orthopedagoog",
    "Handelingsplannen delen met alle docenten van de klas",
    "Tijd voor mentoren vrijmaken in de jaartaak",
    "Overdracht naar het mbo voorbereiden met de decaan",
    "Kijkje nemen bij een andere school met een goede overdracht",
    "Taakverdeling in het ondersteuningsteam op papier zetten",
    "Afspraken opnemen in het ondersteuningsplan en voorleggen aan de MR",
];

/// Who does it: a role, never a person's name.
const ACTION_WHO: &[&str] = &[
    "mentoren",
    "ondersteuningscoördinator",
    "teamleiders",
    "zorgteam",
    "sectievoorzitters",
    "schoolleiding",
    "decaan",
    "orthopedagoog",
    "intern begeleider",
    "werkgroep passend onderwijs",
    "mentoren en teamleiders",
];

const REACTIONS: &[&str] = &[
    "Handzaam en duidelijk.",
    "Fijn dat de bouwstenen zo concreet zijn.",
    "De bouwsteen over verzuim mag concreter.",
    "Goed bruikbaar in de teamvergadering.",
    "Wat lang, maar wel volledig.",
    "De vragen helpen om het gesprek in het team te voeren.",
    "Mooi dat de uitgangspunten voorop staan.",
    "Het onderdeel over de gemeente is nog wat algemeen.",
    "Duidelijke taal, dat wordt gewaardeerd.",
    "We missen iets over de overgang naar het mbo.",
];

const WISHES: &[&str] = &[
    "Graag een gesprek in het najaar, samen met de teamleiders.",
    "We willen graag meedenken over de volgende versie.",
    "Een bijeenkomst met andere scholen zou helpen.",
    "Graag voorbeelden van hoe andere scholen dit aanpakken.",
    "Liefst een gesprek op school, met het zorgteam erbij.",
    "Meer ondersteuning bij het schoolondersteuningsprofiel.",
    "Graag terugkoppeling over wat andere scholen invullen.",
    "Een korte versie voor docenten zou welkom zijn.",
];

const ROLES_OTHER: &[&str] = &[
    "zorgcoördinator",
    "intern begeleider",
    "afdelingsleider",
    "orthopedagoog",
    "decaan",
];

/// Sentences from `pool`, no two the same, until the text is at least
/// `min` characters; stops before going over 600.
fn text_of(rng: &mut Rng, pool: &[&str], min: usize) -> String {
    let mut used = vec![false; pool.len()];
    let mut text = String::new();
    while text.chars().count() < min && used.iter().any(|u| !u) {
        let i = rng.below(pool.len());
        if used[i] {
            continue;
        }
        used[i] = true;
        let next = text.chars().count() + 1 + pool[i].chars().count();
        if !text.is_empty() && next > 600 {
            break;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(pool[i]);
    }
    text
}

// ---- Scale choices with a bias per item.

/// How an item tends to be rated: where on the scale (0 = lowest, 1 =
/// highest) and how widely opinions differ.
#[derive(Clone, Copy)]
enum Bias {
    Around {
        centre: f64,
        spread: f64,
    },
    /// Half say low, half say high.
    Divided,
}

const BIASES: [Bias; 5] = [
    Bias::Around {
        centre: 0.85,
        spread: 0.2,
    }, // strong
    Bias::Around {
        centre: 0.15,
        spread: 0.2,
    }, // weak
    Bias::Around {
        centre: 0.45,
        spread: 0.25,
    }, // middling
    Bias::Divided,
    Bias::Around {
        centre: 0.6,
        spread: 0.35,
    }, // mixed, leaning positive
];

/// Weights for `n` options under `bias`, moved up by `shift` (later year,
/// team view).
fn weights(bias: Bias, n: usize, shift: f64) -> Vec<f64> {
    let pos = |i: usize| {
        if n > 1 {
            i as f64 / (n - 1) as f64
        } else {
            0.5
        }
    };
    let bell = |x: f64, c: f64, s: f64| (-((x - c) * (x - c)) / (2.0 * s * s)).exp();
    (0..n)
        .map(|i| match bias {
            Bias::Around { centre, spread } => bell(pos(i), (centre + shift).min(1.0), spread),
            Bias::Divided => {
                bell(pos(i), 0.0 + shift, 0.25) + bell(pos(i), (1.0 + shift).min(1.0), 0.25)
            }
        })
        .collect()
}

// ---- Action plans.

/// When an action is due in `year`: a month or a day between October and
/// July, or none.
fn due_in(rng: &mut Rng, year: SchoolYear) -> Option<Due> {
    let month = *rng.pick(&[10u8, 11, 12, 1, 2, 3, 4, 5, 6, 7]);
    let first = year.date_of(month, 1).expect("the first of a month exists");
    match rng.below(10) {
        0..=4 => Due::month(first.year(), month),
        5..=7 => year.date_of(month, rng.between(1, 28) as u8).map(Due::Day),
        _ => None,
    }
}

/// The action plan of one handreiking reflection: on some items 1 to 4
/// actions, with ids distinct within the plan, as the app makes them.
fn action_plan(
    rng: &mut Rng,
    instrument: &Instrument,
    year: SchoolYear,
) -> BTreeMap<String, Vec<Action>> {
    let later = year.start_year() > YEARS[0];
    let mut used = Vec::new();
    let mut plan = BTreeMap::new();
    for item in instrument.items() {
        if instrument.action_question(item).is_none() || !rng.chance(0.4) {
            continue;
        }
        let mut actions = Vec::new();
        for _ in 0..rng.between(1, 4) {
            let mut action = Action::new(rng.bytes4());
            while used.contains(&action.id) {
                action.id = Action::new_id(rng.bytes4());
            }
            used.push(action.id.clone());
            action.what = rng.pick(ACTION_WHAT).to_string();
            action.who = rng.pick(ACTION_WHO).to_string();
            action.due = due_in(rng, year);
            // Further along in the later year.
            let w: &[f64] = if later {
                &[0.25, 0.35, 0.3, 0.1]
            } else {
                &[0.4, 0.35, 0.17, 0.08]
            };
            action.status = Status::ALL[rng.weighted(w)];
            if later && action.status.is_open() && rng.chance(0.3) {
                action.carried_from = Some(year.previous());
            }
            actions.push(action);
        }
        plan.insert(item.id.to_string(), actions);
    }
    plan
}

// ---- Records.

struct Setup {
    handreiking: Instrument,
    routekaart: Instrument,
    /// Per instrument, per item id: its bias.
    biases: BTreeMap<(String, String), Bias>,
}

impl Setup {
    fn bias(&self, instrument: &Instrument, item: &str) -> Bias {
        self.biases[&(instrument.id().to_owned(), item.to_owned())]
    }
}

fn school(n: u32) -> School {
    // Two digits and two capitals, unique for every n below 2600.
    let brin = format!(
        "{:02}{}{}",
        n % 100,
        (b'A' + (n / 100 % 26) as u8) as char,
        (b'A' + (n * 7 % 26) as u8) as char
    );
    School {
        name: format!("School {n}"),
        brin,
    }
}

/// A day in `year` between October and the end of June, when schools
/// reflect and share.
fn day_in(rng: &mut Rng, year: SchoolYear) -> Date {
    let month = *rng.pick(&[10u8, 11, 12, 1, 2, 3, 4, 5, 6]);
    let day = rng.between(1, 28) as u8;
    year.date_of(month, day).expect("days 1 to 28 exist")
}

fn reflection(
    rng: &mut Rng,
    setup: &Setup,
    instrument: &Instrument,
    year: SchoolYear,
    day: Date,
) -> Record {
    let perspective = if rng.chance(0.6) {
        Perspective::Persoonlijk
    } else {
        Perspective::Team
    };
    let later = year.start_year() > YEARS[0];
    let shift = if later { 0.08 } else { 0.0 }
        + if perspective == Perspective::Team {
            0.04
        } else {
            0.0
        };
    let handreiking = instrument.id() == setup.handreiking.id();
    let mut answers = BTreeMap::new();
    for item in instrument.items() {
        let bias = setup.bias(instrument, &item.id);
        for q in instrument.questions(item) {
            let mut answer = Answer::default();
            if let Some(scale) = q.scale.as_deref().and_then(|s| instrument.scale(s)) {
                answer.scale = Some(match &scale.unknown {
                    Some(unknown) if rng.chance(0.05) => unknown.id.to_string(),
                    _ => {
                        let w = weights(bias, scale.options.len(), shift);
                        scale.options[rng.weighted(&w)].id.to_string()
                    }
                });
                if q.text_answer {
                    let (p, pool) = if handreiking {
                        (0.4, ORGANISED)
                    } else {
                        (0.25, NOTES)
                    };
                    if rng.chance(p) {
                        answer.text = text_of(rng, pool, 1);
                    }
                }
            } else if q.text_answer && rng.chance(0.92) {
                let pool = if q.carry_over {
                    KEEP_AND_CHANGE
                } else {
                    APPROACH
                };
                let min = rng.between(100, 500);
                answer.text = text_of(rng, pool, min);
            }
            if answer.is_answered() {
                answers.insert(answer_key(&item.id, &q.id), answer);
            }
        }
    }
    let created = year.date_of(9, rng.between(1, 30) as u8).unwrap();
    let mut record = Record::new_reflection(
        RecordId::from_random(rng.bytes16()),
        instrument,
        year,
        perspective,
        created.min(day),
    );
    let mut reflection = Reflection::new(perspective);
    reflection.answers = answers;
    if handreiking && rng.chance(0.6) {
        reflection.actions = action_plan(rng, instrument, year);
    }
    record.body = Body::Reflection(reflection);
    record.revision = rng.between(3, 60) as u32;
    record.updated = day;
    record
}

fn receipt(rng: &mut Rng, instrument: &Instrument, year: SchoolYear, day: Date, n: u32) -> Record {
    let s = school(n);
    let role = *rng.pick(&[
        Role::Ondersteuningscoordinator,
        Role::Ondersteuningscoordinator,
        Role::Ondersteuningscoordinator,
        Role::Directeur,
        Role::Directeur,
        Role::Teamleider,
        Role::Docent,
        Role::Anders,
    ]);
    let shared = SharedWithColleagues::ALL[rng.weighted(&[0.6, 0.15, 0.25])];
    let answers = ReceiptAnswers {
        role: Some(role),
        role_other: if role == Role::Anders {
            rng.pick(ROLES_OTHER).to_string()
        } else {
            String::new()
        },
        received: true,
        shared_with_colleagues: Some(shared),
        reactions: if rng.chance(0.8) {
            let min = rng.between(20, 120);
            text_of(rng, REACTIONS, min)
        } else {
            String::new()
        },
        wishes: if rng.chance(0.7) {
            let min = rng.between(20, 100);
            text_of(rng, WISHES, min)
        } else {
            String::new()
        },
    };
    let mut record =
        Record::new_receipt(RecordId::from_random(rng.bytes16()), instrument, year, day);
    record.body = Body::Receipt(Receipt {
        school_name: s.name,
        // Some leave the BRIN out, some type it in lower case.
        brin: match rng.below(10) {
            0 => String::new(),
            1 => s.brin.to_ascii_lowercase(),
            _ => s.brin,
        },
        answers,
    });
    record.revision = rng.between(1, 8) as u32;
    record
}

/// One record of the mix and its share choices.
fn one(rng: &mut Rng, setup: &Setup) -> (Record, ShareChoices) {
    let year = SchoolYear::starting(*rng.pick(&YEARS));
    let day = day_in(rng, year);
    let n = rng.between(1, SCHOOLS as usize) as u32;
    let roll = rng.below(100);
    if roll >= 85 {
        let record = receipt(rng, &setup.handreiking, year, day, n);
        return (record, ShareChoices::default());
    }
    let instrument = if roll < 70 {
        &setup.handreiking
    } else {
        &setup.routekaart
    };
    let record = reflection(rng, setup, instrument, year, day);
    let choices = if rng.chance(0.2) {
        let mut s = school(n);
        if rng.chance(0.3) {
            s.brin = String::new();
        }
        ShareChoices {
            school: Some(s),
            ..ShareChoices::default()
        }
    } else {
        ShareChoices::default()
    };
    (record, choices)
}

fn instruments_dir() -> PathBuf {
    let here = Path::new("instruments");
    if here.is_dir() {
        here.to_owned()
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../instruments")
    }
}

fn load(dir: &Path, id: &str) -> Result<Instrument, String> {
    let all = read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (path, read) in all {
        let instrument = read.map_err(|e| format!("{}: {e}", path.display()))?;
        if instrument.id() == id {
            return Ok(instrument);
        }
    }
    Err(format!("no instrument \"{id}\" in {}", dir.display()))
}

struct Args {
    count: usize,
    out: PathBuf,
    seed: u64,
    one_file: bool,
}

fn args() -> Result<Args, String> {
    let mut positional = Vec::new();
    let mut seed = 1;
    let mut one_file = false;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => {
                let v = it.next().ok_or("--seed needs a number")?;
                seed = v.parse().map_err(|_| format!("not a seed: {v}"))?;
            }
            "--one-file" => one_file = true,
            "-h" | "--help" => return Err(String::new()),
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ => positional.push(a),
        }
    }
    let [count, out] = <[String; 2]>::try_from(positional)
        .map_err(|_| "expected <count> and <out-dir>".to_owned())?;
    let count = count.parse().map_err(|_| format!("not a count: {count}"))?;
    Ok(Args {
        count,
        out: PathBuf::from(out),
        seed,
        one_file,
    })
}

fn run(args: Args) -> Result<(), String> {
    let started = Instant::now();
    let dir = instruments_dir();
    let handreiking = load(&dir, "ondersteuningsstructuur")?;
    let routekaart = load(&dir, "routekaart-inclusief")?;
    let mut rng = Rng::new(args.seed);

    // Give every item a bias: the kinds in turn from a random start, so
    // each instrument has strong, weak and divided items.
    let mut biases = BTreeMap::new();
    for instrument in [&handreiking, &routekaart] {
        let start = rng.below(BIASES.len());
        for (i, item) in instrument.items().enumerate() {
            let bias = BIASES[(start + i * 3) % BIASES.len()];
            biases.insert((instrument.id().to_owned(), item.id.to_string()), bias);
        }
    }
    let setup = Setup {
        handreiking,
        routekaart,
        biases,
    };

    fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let write = |name: &str, text: &str| {
        let path = args.out.join(name);
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    let check = |text: &str, what: &str| {
        let (records, problems) = import::read(text);
        if !problems.is_empty() || records.is_empty() {
            return Err(format!("{what} does not read back: {problems:?}"));
        }
        Ok(records.len())
    };

    let mut bytes = 0usize;
    let mut counts = BTreeMap::<String, usize>::new();
    let mut all = Vec::new();
    let mut latest = Date::new(2000, 1, 1).unwrap();
    let width = args.count.to_string().len().max(5);
    for n in 1..=args.count {
        let (record, choices) = one(&mut rng, &setup);
        let today = record.updated;
        let preview = prepare(&record, &choices, today)
            .map_err(|e| format!("record {n} cannot be shared: {e:?}"))?;
        let hits: usize = preview.fields.iter().map(|f| f.hits.len()).sum();
        if hits > 0 {
            return Err(format!(
                "record {n}: the anonymiser found {hits} detail(s) in generated text"
            ));
        }
        let r = &preview.export.records[0];
        let kind = match (&record.body, r.instrument.id.as_str()) {
            (Body::Receipt(_), _) => "ontvangst",
            _ => "reflectie",
        };
        *counts
            .entry(format!("{kind} {} {}", r.instrument.id, r.school_year))
            .or_default() += 1;
        if args.one_file {
            latest = latest.max(today);
            all.push(preview.export.records.into_iter().next().unwrap());
        } else {
            let text = preview.to_json();
            check(&text, &format!("record {n}"))?;
            bytes += text.len();
            let name = format!(
                "zichtbaar-{kind}-{}-{}-{n:0width$}.json",
                r.instrument.id, r.school_year
            );
            write(&name, &text)?;
        }
    }
    let files = if args.one_file {
        let export = Export {
            format: zichtbaar_core::export::EXPORT_FORMAT.to_owned(),
            format_version: zichtbaar_core::export::EXPORT_FORMAT_VERSION,
            exported: latest,
            records: all,
        };
        let text = to_json(&export);
        let read = check(&text, "the file")?;
        if read != args.count {
            return Err(format!("{read} of {} records read back", args.count));
        }
        bytes = text.len();
        write(&format!("zichtbaar-export-{}.json", args.count), &text)?;
        1
    } else {
        args.count
    };

    eprintln!(
        "make_exports: {} record(s) in {files} file(s), {:.1} MB, into {} (seed {}, {:.1} s)",
        args.count,
        bytes as f64 / 1e6,
        args.out.display(),
        args.seed,
        started.elapsed().as_secs_f64()
    );
    for (what, n) in counts {
        eprintln!("  {n:>7}  {what}");
    }
    Ok(())
}

fn main() -> ExitCode {
    match args().and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("make_exports: {e}");
            }
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
