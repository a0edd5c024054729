//! Records: what a user filled in, for one instrument and one school year.
//!
//! A record is either a reflection (answers to an instrument's questions) or a
//! receipt (confirming that a school received the handreiking, with
//! feedback). Records are plain data with methods; the UI keeps its own
//! signals and turns them into a record when it saves.
//!
//! Every record has a random [`RecordId`] that never changes and a
//! `revision` that goes up with every saved change, so that an importer that
//! sees the same record twice keeps the newest.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::{Date, SchoolYear};
use crate::instrument::{answer_key, Instrument, InstrumentRef};

/// A random identifier in the form of a UUID version 4, lower case.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(String);

impl RecordId {
    /// Makes an id from 16 random bytes supplied by the caller (the core has
    /// no source of randomness of its own).
    pub fn from_random(mut bytes: [u8; 16]) -> RecordId {
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        let mut s = String::with_capacity(36);
        for (i, b) in bytes.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                s.push('-');
            }
            s.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
            s.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
        }
        RecordId(s)
    }

    /// Accepts a string only if it has the shape of an id this app makes.
    pub fn parse(s: &str) -> Option<RecordId> {
        let shape_ok = s.len() == 36
            && s.bytes().enumerate().all(|(i, b)| match i {
                8 | 13 | 18 | 23 => b == b'-',
                _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
            });
        shape_ok.then(|| RecordId(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The answer to one question: a choice on its scale, text, or both.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

impl Answer {
    /// Counts as answered once a choice is made or any non-blank text is written.
    pub fn is_answered(&self) -> bool {
        self.scale.is_some() || !self.text.trim().is_empty()
    }
}

/// Whose view a reflection gives. A teacher may keep both side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Perspective {
    /// My own view.
    Persoonlijk,
    /// What we agreed as a team.
    Team,
}

impl Perspective {
    pub const ALL: [Perspective; 2] = [Perspective::Persoonlijk, Perspective::Team];

    pub fn as_str(self) -> &'static str {
        match self {
            Perspective::Persoonlijk => "persoonlijk",
            Perspective::Team => "team",
        }
    }

    pub fn parse(s: &str) -> Option<Perspective> {
        Perspective::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// Answers to an instrument, keyed by [`answer_key`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reflection {
    pub perspective: Perspective,
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
}

/// Role of the person who confirms receipt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Directeur,
    Ondersteuningscoordinator,
    Teamleider,
    Docent,
    Anders,
}

/// Whether the handreiking was passed on to colleagues.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SharedWithColleagues {
    Ja,
    Nee,
    NogNiet,
}

/// Confirmation of receipt of the handreiking, with feedback.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    #[serde(default)]
    pub school_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub brin: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// What "anders" means, when that role is chosen.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role_other: String,
    #[serde(default)]
    pub received: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_with_colleagues: Option<SharedWithColleagues>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reactions: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub wishes: String,
}

/// What a record holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Body {
    Reflection(Reflection),
    Receipt(Receipt),
}

/// The kind of a record, as named in stored data and exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Reflection,
    Receipt,
}

/// One reflection or receipt, for one instrument and one school year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    pub id: RecordId,
    /// Goes up by one with every saved change.
    pub revision: u32,
    pub instrument: InstrumentRef,
    pub school_year: SchoolYear,
    pub created: Date,
    pub updated: Date,
    pub body: Body,
}

impl Record {
    /// A new, empty reflection.
    pub fn new_reflection(
        id: RecordId,
        instrument: &Instrument,
        school_year: SchoolYear,
        perspective: Perspective,
        today: Date,
    ) -> Record {
        Record {
            id,
            revision: 0,
            instrument: instrument.reference(),
            school_year,
            created: today,
            updated: today,
            body: Body::Reflection(Reflection {
                perspective,
                answers: BTreeMap::new(),
            }),
        }
    }

    /// A new, empty receipt.
    pub fn new_receipt(
        id: RecordId,
        instrument: &Instrument,
        school_year: SchoolYear,
        today: Date,
    ) -> Record {
        Record {
            id,
            revision: 0,
            instrument: instrument.reference(),
            school_year,
            created: today,
            updated: today,
            body: Body::Receipt(Receipt::default()),
        }
    }

    pub fn kind(&self) -> Kind {
        match self.body {
            Body::Reflection(_) => Kind::Reflection,
            Body::Receipt(_) => Kind::Receipt,
        }
    }

    pub fn reflection(&self) -> Option<&Reflection> {
        match &self.body {
            Body::Reflection(r) => Some(r),
            Body::Receipt(_) => None,
        }
    }

    pub fn receipt(&self) -> Option<&Receipt> {
        match &self.body {
            Body::Receipt(r) => Some(r),
            Body::Reflection(_) => None,
        }
    }

    /// Replaces the body when it differs, and then counts a new revision
    /// dated `today`. Returns whether anything changed.
    pub fn revise(&mut self, body: Body, today: Date) -> bool {
        if self.body == body {
            return false;
        }
        self.body = body;
        self.revision = self.revision.saturating_add(1);
        self.updated = today;
        true
    }

    /// Whether this record answers exactly the given instrument text.
    pub fn answers_instrument(&self, instrument: &Instrument) -> bool {
        self.instrument.id == instrument.id() && self.instrument.digest == instrument.digest()
    }
}

/// Answered and total questions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub answered: usize,
    pub total: usize,
}

impl Progress {
    pub fn is_complete(self) -> bool {
        self.total > 0 && self.answered == self.total
    }
}

impl std::ops::Add for Progress {
    type Output = Progress;
    fn add(self, other: Progress) -> Progress {
        Progress {
            answered: self.answered + other.answered,
            total: self.total + other.total,
        }
    }
}

impl Reflection {
    pub fn answer(&self, item: &str, question: &str) -> Option<&Answer> {
        self.answers.get(&answer_key(item, question))
    }

    /// Progress on one item of `instrument`.
    pub fn item_progress(&self, instrument: &Instrument, item: &str) -> Progress {
        let Some(item_def) = instrument.item(item) else {
            return Progress::default();
        };
        instrument
            .questions(item_def)
            .fold(Progress::default(), |p, q| Progress {
                answered: p.answered
                    + usize::from(self.answer(item, &q.id).is_some_and(Answer::is_answered)),
                total: p.total + 1,
            })
    }

    /// Progress over the whole instrument.
    pub fn progress(&self, instrument: &Instrument) -> Progress {
        instrument
            .items()
            .map(|i| self.item_progress(instrument, &i.id))
            .fold(Progress::default(), |a, b| a + b)
    }

    /// Starts a new year from `previous`: the written answers to questions
    /// marked `carry_over` are copied; choices on scales are not, because
    /// a rating belongs to the year it was given in.
    pub fn carried_over(previous: &Reflection, instrument: &Instrument) -> Reflection {
        let mut answers = BTreeMap::new();
        for item in instrument.items() {
            for q in instrument.questions(item).filter(|q| q.carry_over) {
                if let Some(old) = previous.answer(&item.id, &q.id) {
                    if !old.text.trim().is_empty() {
                        answers.insert(
                            answer_key(&item.id, &q.id),
                            Answer {
                                scale: None,
                                text: old.text.clone(),
                            },
                        );
                    }
                }
            }
        }
        Reflection {
            perspective: previous.perspective,
            answers,
        }
    }
}

/// Whole days from `today` until the receipt deadline of `instrument` in
/// `school_year`: 0 on the day itself, negative once it has passed. `None`
/// when the instrument asks for no receipt.
pub fn days_until_deadline(
    instrument: &Instrument,
    school_year: SchoolYear,
    today: Date,
) -> Option<(Date, i64)> {
    let receipt = instrument.def().receipt.as_ref()?;
    let (month, day) = crate::instrument::parse_month_day(&receipt.deadline)?;
    // 29 February only exists in some years; fall back to the 28th.
    let deadline = school_year
        .date_of(month, day)
        .or_else(|| school_year.date_of(month, day - 1))?;
    Some((deadline, today.days_until(deadline)))
}
