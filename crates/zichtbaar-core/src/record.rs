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
//!
//! The JSON shape of each type is a serde derive on its definition (field
//! order is the order written). Names that appear in JSON (roles, whether the
//! handreiking was shared, perspectives, kinds, the receipt's free-text
//! fields) are written once here, next to their Dutch labels, and serde uses
//! the same functions (see [`crate::encoding`]).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::date::{Date, SchoolYear};
use crate::encoding::hex;
use crate::instrument::{answer_key, Instrument, InstrumentRef};
use crate::plan::{self, Action};

/// A random identifier in the form of a UUID version 4, lower case.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordId(String);

impl RecordId {
    /// Makes an id from 16 random bytes supplied by the caller (the core has
    /// no source of randomness of its own).
    pub fn from_random(mut bytes: [u8; 16]) -> RecordId {
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        let h = hex(&bytes);
        RecordId(format!(
            "{}-{}-{}-{}-{}",
            &h[..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..]
        ))
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reflection {
    pub perspective: Perspective,
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// The action plan, by item id, in the school's order (see
    /// [`crate::plan`]). Left out when empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub actions: BTreeMap<String, Vec<Action>>,
}

/// Role of the person who confirms receipt. In JSON: [`Role::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Directeur,
    Ondersteuningscoordinator,
    Teamleider,
    Docent,
    Anders,
}

/// Whether the handreiking was passed on to colleagues. In JSON:
/// [`SharedWithColleagues::as_str`].
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
/// part as it is (the school goes in a field of its own); storage writes
/// the same fields in the receipt's own object (see `StoredReceipt`).
///
/// The JSON keys of the free-text fields are [`ReceiptText::key`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptAnswers {
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

/// The free-text fields of a receipt: what the preview lists, what
/// [`crate::export::ShareChoices::left_out_fields`] names, and their JSON keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReceiptText {
    RoleOther,
    Reactions,
    Wishes,
}

/// What a record holds. In JSON `{"reflection": {...}}` or
/// `{"receipt": {...}}` (serde's externally tagged enum).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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
/// Field order is the stored order; the frozen fixtures in `tests/data`
/// check it byte for byte.
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
        let body = Body::Reflection(Reflection::new(perspective));
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
    /// Nothing answered yet.
    pub fn new(perspective: Perspective) -> Reflection {
        Reflection {
            perspective,
            answers: BTreeMap::new(),
            actions: BTreeMap::new(),
        }
    }

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

    /// Starts a new year from `previous`, the reflection of school year
    /// `from`: the written answers to questions marked `carry_over` are
    /// copied; choices on scales are not, because a rating belongs to the
    /// year it was given in. Every open action is carried over (see
    /// [`plan::carry_over`]).
    pub fn carried_over(
        previous: &Reflection,
        instrument: &Instrument,
        from: SchoolYear,
    ) -> Reflection {
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
        let mut actions = BTreeMap::new();
        for (item, list) in &previous.actions {
            let open = plan::carry_over(list, from);
            if !open.is_empty() {
                actions.insert(item.clone(), open);
            }
        }
        Reflection {
            perspective: previous.perspective,
            answers,
            actions,
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

// ---- Names: each is written once, here, and serde uses the same function
// (see crate::encoding).

serde_via_as_str!(RecordId, "a record id");
serde_via_as_str!(Perspective, "persoonlijk or team");
serde_via_as_str!(Role, "a known role");
serde_via_as_str!(SharedWithColleagues, "ja, nee or nog-niet");
serde_via_as_str!(Kind, "reflection or receipt");

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Directeur,
        Role::Ondersteuningscoordinator,
        Role::Teamleider,
        Role::Docent,
        Role::Anders,
    ];

    /// The name in stored data and exports.
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

    /// The role as a choice in a form: `Ondersteuningscoördinator`.
    pub fn label(self) -> &'static str {
        match self {
            Role::Directeur => "Directeur",
            Role::Ondersteuningscoordinator => "Ondersteuningscoördinator",
            Role::Teamleider => "Teamleider",
            Role::Docent => "Docent",
            Role::Anders => "Anders",
        }
    }

    /// The role inside a sentence: `als ondersteuningscoördinator`.
    pub fn in_sentence(self) -> &'static str {
        match self {
            Role::Directeur => "directeur",
            Role::Ondersteuningscoordinator => "ondersteuningscoördinator",
            Role::Teamleider => "teamleider",
            Role::Docent => "docent",
            Role::Anders => "andere rol",
        }
    }
}

impl SharedWithColleagues {
    pub const ALL: [SharedWithColleagues; 3] = [
        SharedWithColleagues::Ja,
        SharedWithColleagues::Nee,
        SharedWithColleagues::NogNiet,
    ];

    /// The name in stored data and exports.
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

    /// The answer as a choice in a form.
    pub fn label(self) -> &'static str {
        match self {
            SharedWithColleagues::Ja => "Ja",
            SharedWithColleagues::Nee => "Nee",
            SharedWithColleagues::NogNiet => "Nog niet",
        }
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

impl ReceiptText {
    /// In the order of the form.
    pub const ALL: [ReceiptText; 3] = [
        ReceiptText::RoleOther,
        ReceiptText::Reactions,
        ReceiptText::Wishes,
    ];

    /// The JSON key of this field, in stored data and exports.
    pub fn key(self) -> &'static str {
        match self {
            ReceiptText::RoleOther => "roleOther",
            ReceiptText::Reactions => "reactions",
            ReceiptText::Wishes => "wishes",
        }
    }

    pub fn parse(s: &str) -> Option<ReceiptText> {
        ReceiptText::ALL.into_iter().find(|t| t.key() == s)
    }

    /// The question the form asks for this field.
    pub fn label(self) -> &'static str {
        match self {
            ReceiptText::RoleOther => "Je rol (anders)",
            ReceiptText::Reactions => "Wat vind je van de handreiking?",
            ReceiptText::Wishes => "Wat wil je bespreken met het samenwerkingsverband?",
        }
    }
}

impl ReceiptAnswers {
    /// The text of one free-text field.
    pub fn text(&self, t: ReceiptText) -> &str {
        match t {
            ReceiptText::RoleOther => &self.role_other,
            ReceiptText::Reactions => &self.reactions,
            ReceiptText::Wishes => &self.wishes,
        }
    }

    /// The free-text field `t`, to edit.
    pub fn text_mut(&mut self, t: ReceiptText) -> &mut String {
        match t {
            ReceiptText::RoleOther => &mut self.role_other,
            ReceiptText::Reactions => &mut self.reactions,
            ReceiptText::Wishes => &mut self.wishes,
        }
    }
}

// ---- A receipt is stored flat: the school, then the fields of its
// answers, in one object. Without `#[serde(flatten)]` (see crate::encoding),
// this wire struct spells out that shape; `S` is `&str` for writing (no
// copies) and `String` for reading.

#[derive(Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    bound(serialize = "S: Serialize + AsRef<str>")
)]
struct StoredReceipt<S> {
    #[serde(default)]
    school_name: S,
    #[serde(default, skip_serializing_if = "is_empty")]
    brin: S,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    role: Option<Role>,
    #[serde(default, skip_serializing_if = "is_empty")]
    role_other: S,
    #[serde(default)]
    received: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    shared_with_colleagues: Option<SharedWithColleagues>,
    #[serde(default, skip_serializing_if = "is_empty")]
    reactions: S,
    #[serde(default, skip_serializing_if = "is_empty")]
    wishes: S,
}

fn is_empty<S: AsRef<str>>(s: &S) -> bool {
    s.as_ref().is_empty()
}

impl Serialize for Receipt {
    fn serialize<Ser: Serializer>(&self, s: Ser) -> Result<Ser::Ok, Ser::Error> {
        let a = &self.answers;
        StoredReceipt {
            school_name: self.school_name.as_str(),
            brin: &self.brin,
            role: a.role,
            role_other: &a.role_other,
            received: a.received,
            shared_with_colleagues: a.shared_with_colleagues,
            reactions: &a.reactions,
            wishes: &a.wishes,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Receipt {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Receipt, D::Error> {
        let r = StoredReceipt::<String>::deserialize(d)?;
        Ok(Receipt {
            school_name: r.school_name,
            brin: r.brin,
            answers: ReceiptAnswers {
                role: r.role,
                role_other: r.role_other,
                received: r.received,
                shared_with_colleagues: r.shared_with_colleagues,
                reactions: r.reactions,
                wishes: r.wishes,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap()
    }

    #[test]
    fn every_name_in_json_is_its_as_str_and_reads_back() {
        for r in Role::ALL {
            assert_eq!(json(&r), format!("\"{}\"", r.as_str()));
            assert_eq!(serde_json::from_str::<Role>(&json(&r)).unwrap(), r);
        }
        for v in SharedWithColleagues::ALL {
            assert_eq!(json(&v), format!("\"{}\"", v.as_str()));
            assert_eq!(
                serde_json::from_str::<SharedWithColleagues>(&json(&v)).unwrap(),
                v
            );
        }
        for p in Perspective::ALL {
            assert_eq!(json(&p), format!("\"{}\"", p.as_str()));
            assert_eq!(serde_json::from_str::<Perspective>(&json(&p)).unwrap(), p);
        }
        for k in [Kind::Reflection, Kind::Receipt] {
            assert_eq!(json(&k), format!("\"{}\"", k.as_str()));
            assert_eq!(serde_json::from_str::<Kind>(&json(&k)).unwrap(), k);
        }
        // An escape in the text is read as the character it stands for.
        assert_eq!(
            serde_json::from_str::<Role>(r#""\u0064ocent""#).unwrap(),
            Role::Docent
        );
        let error = serde_json::from_str::<Role>(r#""Docent""#).unwrap_err();
        assert!(error
            .to_string()
            .starts_with("\"Docent\" is not a known role"));
        assert!(serde_json::from_str::<Kind>("1").is_err());
    }

    #[test]
    fn a_body_is_tagged_with_its_kind() {
        let reflection = Body::Reflection(Reflection::new(Perspective::Team));
        for (body, kind) in [
            (reflection, Kind::Reflection),
            (Body::Receipt(Receipt::default()), Kind::Receipt),
        ] {
            let text = json(&body);
            assert!(
                text.starts_with(&format!("{{\"{}\":{{", kind.as_str())),
                "{text}"
            );
            assert_eq!(serde_json::from_str::<Body>(&text).unwrap(), body);
        }
    }

    #[test]
    fn record_ids_are_checked_when_read() {
        let id = RecordId::from_random([0xab; 16]);
        assert_eq!(serde_json::from_str::<RecordId>(&json(&id)).unwrap(), id);
        for bad in [r#""x""#, r#""ABABABAB-ABAB-4BAB-ABAB-ABABABABABAB""#, "7"] {
            assert!(serde_json::from_str::<RecordId>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn labels_in_dutch() {
        let labels: Vec<_> = Role::ALL.into_iter().map(Role::label).collect();
        assert_eq!(
            labels,
            [
                "Directeur",
                "Ondersteuningscoördinator",
                "Teamleider",
                "Docent",
                "Anders"
            ]
        );
        let in_sentence: Vec<_> = Role::ALL.into_iter().map(Role::in_sentence).collect();
        assert_eq!(
            in_sentence,
            [
                "directeur",
                "ondersteuningscoördinator",
                "teamleider",
                "docent",
                "andere rol"
            ]
        );
        let shared: Vec<_> = SharedWithColleagues::ALL
            .into_iter()
            .map(SharedWithColleagues::label)
            .collect();
        assert_eq!(shared, ["Ja", "Nee", "Nog niet"]);
    }

    #[test]
    fn a_stored_receipt_is_the_school_then_the_answers_as_exported() {
        let full = Receipt {
            school_name: "School".into(),
            brin: "12AB".into(),
            answers: ReceiptAnswers {
                role: Some(Role::Anders),
                role_other: "rol".into(),
                received: true,
                shared_with_colleagues: Some(SharedWithColleagues::NogNiet),
                reactions: "reacties".into(),
                wishes: "wensen".into(),
            },
        };
        for receipt in [full, Receipt::default()] {
            let stored = json(&receipt);
            let answers = json(&receipt.answers);
            let school = match receipt.brin.as_str() {
                "" => format!(r#"{{"schoolName":"{}","#, receipt.school_name),
                brin => format!(
                    r#"{{"schoolName":"{}","brin":"{brin}","#,
                    receipt.school_name
                ),
            };
            assert_eq!(stored, school + &answers[1..]);
            assert_eq!(serde_json::from_str::<Receipt>(&stored).unwrap(), receipt);
            assert_eq!(
                serde_json::from_str::<ReceiptAnswers>(&stored).unwrap(),
                receipt.answers
            );
        }
    }

    #[test]
    fn receipt_texts_are_the_json_keys_of_their_fields() {
        let answers = ReceiptAnswers {
            role: Some(Role::Anders),
            role_other: "rol".into(),
            received: true,
            shared_with_colleagues: None,
            reactions: "reacties".into(),
            wishes: "wensen".into(),
        };
        let receipt = Receipt {
            school_name: "School".into(),
            brin: String::new(),
            answers: answers.clone(),
        };
        // In an export (the answers on their own) and in storage (flat).
        for text in [json(&answers), json(&receipt)] {
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            for t in ReceiptText::ALL {
                assert_eq!(value[t.key()].as_str(), Some(answers.text(t)), "{text}");
                assert_eq!(ReceiptText::parse(t.key()), Some(t));
            }
            // Empty text is left out, not written as "".
            let empty = text.replace(r#""wensen""#, r#""""#);
            let read: ReceiptAnswers = serde_json::from_str(&empty).unwrap();
            assert_eq!(read.wishes, "");
        }
        let mut blank = receipt.clone();
        blank.answers.wishes.clear();
        assert!(!json(&blank).contains(ReceiptText::Wishes.key()));
        assert!(!json(&blank.answers).contains(ReceiptText::Wishes.key()));
        assert_eq!(ReceiptText::parse("name"), None);
        assert_eq!(
            ReceiptText::Wishes.label(),
            "Wat wil je bespreken met het samenwerkingsverband?"
        );
    }
}
