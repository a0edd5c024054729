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

use crate::date::{Date, SchoolYear};
use crate::instrument::{answer_key, Instrument, InstrumentRef};
use crate::json::{Fields, Object, Value};

/// A random identifier in the form of a UUID version 4, lower case.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answer {
    pub scale: Option<String>,
    pub text: String,
}

impl Answer {
    /// Counts as answered once a choice is made or any non-blank text is written.
    pub fn is_answered(&self) -> bool {
        self.scale.is_some() || !self.text.trim().is_empty()
    }
}

/// Whose view a reflection gives. A teacher may keep both side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reflection {
    pub perspective: Perspective,
    pub answers: BTreeMap<String, Answer>,
}

/// Role of the person who confirms receipt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Directeur,
    Ondersteuningscoordinator,
    Teamleider,
    Docent,
    Anders,
}

/// Whether the handreiking was passed on to colleagues.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SharedWithColleagues {
    Ja,
    Nee,
    NogNiet,
}

/// Confirmation of receipt of the handreiking, with feedback: the school,
/// and what was answered about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Receipt {
    pub school_name: String,
    pub brin: String,
    pub answers: ReceiptAnswers,
}

/// What a receipt answers, apart from the school. An export carries this
/// part as it is (the school goes in a field of its own), so storage and
/// exports write and read it with the same code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReceiptAnswers {
    pub role: Option<Role>,
    /// What "anders" means, when that role is chosen.
    pub role_other: String,
    pub received: bool,
    pub shared_with_colleagues: Option<SharedWithColleagues>,
    pub reactions: String,
    pub wishes: String,
}

/// What a record holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    Reflection(Reflection),
    Receipt(Receipt),
}

/// The kind of a record, as named in stored data and exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Reflection,
    Receipt,
}

/// One reflection or receipt, for one instrument and one school year.
#[derive(Clone, Debug, PartialEq, Eq)]
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

impl From<Reflection> for Body {
    fn from(r: Reflection) -> Body {
        Body::Reflection(r)
    }
}

impl From<Receipt> for Body {
    fn from(r: Receipt) -> Body {
        Body::Receipt(r)
    }
}

impl Record {
    /// A new record at revision 0.
    pub fn new(
        id: RecordId,
        instrument: &Instrument,
        school_year: SchoolYear,
        body: Body,
        today: Date,
    ) -> Record {
        Record {
            id,
            revision: 0,
            instrument: instrument.reference(),
            school_year,
            created: today,
            updated: today,
            body,
        }
    }

    /// A new, empty reflection.
    pub fn new_reflection(
        id: RecordId,
        instrument: &Instrument,
        school_year: SchoolYear,
        perspective: Perspective,
        today: Date,
    ) -> Record {
        let body = Body::Reflection(Reflection {
            perspective,
            answers: BTreeMap::new(),
        });
        Record::new(id, instrument, school_year, body, today)
    }

    /// A new, empty receipt.
    pub fn new_receipt(
        id: RecordId,
        instrument: &Instrument,
        school_year: SchoolYear,
        today: Date,
    ) -> Record {
        Record::new(
            id,
            instrument,
            school_year,
            Body::Receipt(Receipt::default()),
            today,
        )
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

// ---- JSON (see crate::json for why by hand). Field order is the stored
// order; the frozen fixtures in tests/data check it byte for byte.

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Directeur,
        Role::Ondersteuningscoordinator,
        Role::Teamleider,
        Role::Docent,
        Role::Anders,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Directeur => "directeur",
            Role::Ondersteuningscoordinator => "ondersteuningscoordinator",
            Role::Teamleider => "teamleider",
            Role::Docent => "docent",
            Role::Anders => "anders",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl SharedWithColleagues {
    pub const ALL: [SharedWithColleagues; 3] = [
        SharedWithColleagues::Ja,
        SharedWithColleagues::Nee,
        SharedWithColleagues::NogNiet,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SharedWithColleagues::Ja => "ja",
            SharedWithColleagues::Nee => "nee",
            SharedWithColleagues::NogNiet => "nog-niet",
        }
    }

    pub fn parse(s: &str) -> Option<SharedWithColleagues> {
        SharedWithColleagues::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Reflection => "reflection",
            Kind::Receipt => "receipt",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "reflection" => Some(Kind::Reflection),
            "receipt" => Some(Kind::Receipt),
            _ => None,
        }
    }
}

impl Answer {
    pub fn to_json(&self) -> Value {
        Object::new()
            .maybe("scale", self.scale.as_deref())
            .text("text", &self.text)
            .build()
    }

    pub fn from_json(v: &Value, path: &str) -> Result<Answer, String> {
        let f = Fields::of(v, path)?;
        Ok(Answer {
            scale: f
                .opt("scale")
                .map(|_| f.str("scale").map(str::to_owned))
                .transpose()?,
            text: f.text("text")?,
        })
    }
}

/// Answers by key, in key order.
pub fn answers_to_json(answers: &BTreeMap<String, Answer>) -> Value {
    Value::Object(
        answers
            .iter()
            .map(|(k, a)| (k.clone(), a.to_json()))
            .collect(),
    )
}

pub fn answers_from_json(v: &Value, path: &str) -> Result<BTreeMap<String, Answer>, String> {
    let fields = v
        .as_object()
        .ok_or_else(|| format!("{path}: not an object"))?;
    let mut answers = BTreeMap::new();
    for (key, value) in fields {
        answers.insert(key.clone(), Answer::from_json(value, path)?);
    }
    Ok(answers)
}

impl Reflection {
    pub fn to_json(&self) -> Value {
        Object::new()
            .with("perspective", self.perspective.as_str())
            .with("answers", answers_to_json(&self.answers))
            .build()
    }

    pub fn from_json(v: &Value, path: &str) -> Result<Reflection, String> {
        let f = Fields::of(v, path)?;
        Ok(Reflection {
            perspective: f.parsed("perspective", "not persoonlijk or team", Perspective::parse)?,
            answers: match f.opt("answers") {
                Some(a) => answers_from_json(a, path)?,
                None => BTreeMap::new(),
            },
        })
    }
}

impl ReceiptAnswers {
    /// Adds these answers' fields to `o`, in their stored order.
    pub fn write(&self, o: Object) -> Object {
        o.maybe("role", self.role.map(Role::as_str))
            .text("roleOther", &self.role_other)
            .with("received", self.received)
            .maybe(
                "sharedWithColleagues",
                self.shared_with_colleagues
                    .map(SharedWithColleagues::as_str),
            )
            .text("reactions", &self.reactions)
            .text("wishes", &self.wishes)
    }

    pub fn read(f: &Fields<'_>) -> Result<ReceiptAnswers, String> {
        Ok(ReceiptAnswers {
            role: f.parsed_opt("role", "not a known role", Role::parse)?,
            role_other: f.text("roleOther")?,
            received: match f.opt("received") {
                Some(_) => f.bool("received")?,
                None => false,
            },
            shared_with_colleagues: f.parsed_opt(
                "sharedWithColleagues",
                "not ja, nee or nog-niet",
                SharedWithColleagues::parse,
            )?,
            reactions: f.text("reactions")?,
            wishes: f.text("wishes")?,
        })
    }
}

impl Receipt {
    pub fn to_json(&self) -> Value {
        let o = Object::new()
            .with("schoolName", self.school_name.as_str())
            .text("brin", &self.brin);
        self.answers.write(o).build()
    }

    pub fn from_json(v: &Value, path: &str) -> Result<Receipt, String> {
        let f = Fields::of(v, path)?;
        Ok(Receipt {
            school_name: f.text("schoolName")?,
            brin: f.text("brin")?,
            answers: ReceiptAnswers::read(&f)?,
        })
    }
}

impl Body {
    pub fn to_json(&self) -> Value {
        match self {
            Body::Reflection(r) => Object::new().with("reflection", r.to_json()),
            Body::Receipt(r) => Object::new().with("receipt", r.to_json()),
        }
        .build()
    }

    pub fn from_json(v: &Value, path: &str) -> Result<Body, String> {
        match v.as_object() {
            Some([(kind, inner)]) if kind == "reflection" => {
                Reflection::from_json(inner, path).map(Body::Reflection)
            }
            Some([(kind, inner)]) if kind == "receipt" => {
                Receipt::from_json(inner, path).map(Body::Receipt)
            }
            _ => Err(format!("{path}: not one of reflection or receipt")),
        }
    }
}

impl Record {
    pub fn to_json(&self) -> Value {
        Object::new()
            .with("id", self.id.as_str())
            .with("revision", self.revision)
            .with("instrument", self.instrument.to_json())
            .with("schoolYear", self.school_year.to_string())
            .with("created", self.created.to_string())
            .with("updated", self.updated.to_string())
            .with("body", self.body.to_json())
            .build()
    }

    pub fn from_json(v: &Value, path: &str) -> Result<Record, String> {
        let f = Fields::of(v, path)?;
        Ok(Record {
            id: f.parsed("id", "not a record id", RecordId::parse)?,
            revision: f.u32("revision")?,
            instrument: InstrumentRef::from_json(f.req("instrument")?, "instrument")?,
            school_year: f.parsed("schoolYear", "not a school year", |s| s.parse().ok())?,
            created: f.parsed("created", "not a date", |s| s.parse().ok())?,
            updated: f.parsed("updated", "not a date", |s| s.parse().ok())?,
            body: Body::from_json(f.req("body")?, "body")?,
        })
    }
}
