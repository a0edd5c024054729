//! Instruments: the questionnaires a school reflects with, as data.
//!
//! An instrument is written by people, not programmers, in a TOML file under
//! `instruments/` (see `docs/instrument-format.md`). Reading one happens in two
//! layers, as in ripgrep's flags:
//!
//! 1. [`InstrumentDef`] mirrors the file one to one. It is frozen: a field is
//!    never renamed, only added with a default, so old files keep working.
//! 2. [`Instrument`] is a def that passed [`validate`]: unique ids, no empty
//!    texts, every scale it names exists. Only this type reaches the UI.
//!
//! Every record names the instrument it answers by id, version and
//! [`digest`], so answers are never read against text they were not given for.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

/// The value of `format` in every instrument file.
pub const INSTRUMENT_FORMAT: &str = "zichtbaar-instrument";
/// The newest `format_version` this code reads.
pub const INSTRUMENT_FORMAT_VERSION: u32 = 1;

/// Text in an instrument: borrowed from the binary for bundled instruments
/// (no parsing at run time), owned when read from a file.
pub type Text = Cow<'static, str>;

/// A list in an instrument, borrowed or owned like [`Text`].
pub type List<T> = Cow<'static, [T]>;

fn is_false(b: &bool) -> bool {
    !*b
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// An instrument file, exactly as written. See `docs/instrument-format.md`.
///
/// Optional fields are left out when serialised at their default, so adding
/// a new optional field later does not change the digest of old files.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstrumentDef {
    pub format: Text,
    pub format_version: u32,
    /// Stable identifier, lower case letters, digits and hyphens.
    pub id: Text,
    /// Version of the text, chosen by the author, e.g. `2026.1`.
    pub version: Text,
    pub title: Text,
    /// A few words for menus and file names.
    pub short_title: Text,
    /// Who wrote the text, e.g. the name of the SWV.
    pub publisher: Text,
    /// One or two sentences: what this is and how to use it.
    pub intro: Text,
    /// Shown with the instrument when its text is an example that an SWV is
    /// expected to replace with its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Text>,
    /// Where schools may send what they share (an e-mail address), if the
    /// SWV wants to give one. Not part of the [`digest`]: an address can be
    /// corrected without making answers belong to another text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<Text>,
    /// The SWV as pages name it in a sentence ("Stuur je bevestiging naar
    /// Koers VO"), if it wants to be named; otherwise "het
    /// samenwerkingsverband". Not part of the [`digest`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_name: Option<Text>,
    /// Set when schools are asked to confirm receipt of this instrument.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<ReceiptDef>,
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub scales: List<ScaleDef>,
    /// Questions asked for every item, before the item's own questions.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub item_questions: List<QuestionDef>,
    pub sections: List<SectionDef>,
}

/// Asking schools to confirm receipt, with a deadline inside each school year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptDef {
    /// Month and day, `MM-DD`, e.g. `06-07` for 7 June. The year follows
    /// from the school year.
    pub deadline: Text,
}

/// A closed set of answers, such as a development scale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleDef {
    pub id: Text,
    /// The options in order, from least to most.
    pub options: List<OptionDef>,
    /// An answer outside the order, such as "weet ik niet".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unknown: Option<OptionDef>,
}

impl ScaleDef {
    /// The label of option `id`, the ordered ones or the one outside the
    /// order; `None` when the scale has no such option.
    pub fn label_of(&self, id: &str) -> Option<&str> {
        self.options
            .iter()
            .chain(&self.unknown)
            .find(|o| o.id == id)
            .map(|o| o.label.as_ref())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionDef {
    pub id: Text,
    pub label: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    pub id: Text,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
    pub items: List<ItemDef>,
}

/// One thing to reflect on: an uitgangspunt, a bouwsteen, an onderwerp.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    pub id: Text,
    pub title: Text,
    /// Short explanation in plain language.
    pub intro: Text,
    /// Labelled blocks of information, such as "Doel" or "Wie is aan zet?".
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub details: List<DetailDef>,
    /// Questions for this item only, after the instrument's item questions.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub questions: List<QuestionDef>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetailDef {
    pub label: Text,
    pub text: Text,
}

/// A question: a scale to choose on, room for text, or both.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionDef {
    pub id: Text,
    pub text: Text,
    /// A short help text shown under the question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Text>,
    /// Id of a scale to choose on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Text>,
    /// Whether there is room for a written answer (default: yes).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub text_answer: bool,
    /// Label of the text box when the question also has a scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_label: Option<Text>,
    /// Whether a new year may start with last year's written answer.
    #[serde(default, skip_serializing_if = "is_false")]
    pub carry_over: bool,
    /// Whether the question keeps an action plan under its written answer
    /// (see [`crate::plan`]); at most one question of an item does.
    #[serde(default, skip_serializing_if = "is_false")]
    pub actions: bool,
}

/// A def that passed [`validate`], with its digest.
#[derive(Clone, Debug, PartialEq)]
pub struct Instrument {
    def: InstrumentDef,
    digest: String,
}

/// One problem found in an instrument file, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where in the file, e.g. `sections[1].items[2].title`.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Why an instrument could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InstrumentError {
    /// The text is not valid TOML or JSON, or does not have the expected fields.
    Syntax(String),
    /// The file reads, but breaks one or more rules.
    Invalid(Vec<Problem>),
}

impl fmt::Display for InstrumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InstrumentError::Syntax(e) => write!(f, "cannot read instrument: {e}"),
            InstrumentError::Invalid(problems) => {
                write!(f, "instrument has {} problem(s)", problems.len())?;
                for p in problems {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for InstrumentError {}

/// The digest of an instrument's content: `sha256:` and 64 hex digits over
/// the compact JSON serialisation of the def (fields in declaration order,
/// defaults left out). Layout, comments and key order in the file do not
/// change it; any change to a text or an id does. Who to contact
/// (`contact_email`, `contact_name`) is not the text answers were given
/// for, so it is left out.
pub fn digest(def: &InstrumentDef) -> String {
    let content = InstrumentDef {
        contact_email: None,
        contact_name: None,
        ..def.clone()
    };
    let canonical = serde_json::to_vec(&content).unwrap_or_default();
    let hash = Sha256::digest(&canonical);
    format!("sha256:{}", crate::encoding::hex(&hash))
}

/// Is `id` a well-formed identifier: 1-64 of `a-z`, `0-9` and `-`, not
/// starting or ending with `-`?
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Parses `MM-DD` into a month and day that exist in a leap year.
pub fn parse_month_day(s: &str) -> Option<(u8, u8)> {
    let (m, d) = s.split_once('-')?;
    if m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month: u8 = m.parse().ok()?;
    let day: u8 = d.parse().ok()?;
    (day >= 1 && day <= crate::date::days_in_month(2024, month)).then_some((month, day))
}

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn problem(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.to_owned(),
            message: message.into(),
        });
    }

    fn text(&mut self, path: &str, value: &str) {
        if value.trim().is_empty() {
            self.problem(path, "text is empty");
        }
    }

    fn id<'a>(&mut self, path: &str, id: &'a str, seen: &mut BTreeSet<&'a str>) {
        if !is_valid_id(id) {
            self.problem(
                path,
                format!(
                    "id {id:?} must be 1-64 of a-z, 0-9 and '-', not starting or ending with '-'"
                ),
            );
        }
        if !seen.insert(id) {
            self.problem(path, format!("id {id:?} is used twice"));
        }
    }

    fn questions<'a>(
        &mut self,
        path: &str,
        questions: &'a [QuestionDef],
        scales: &BTreeSet<&str>,
        seen: &mut BTreeSet<&'a str>,
    ) {
        for (i, q) in questions.iter().enumerate() {
            let p = format!("{path}[{i}]");
            self.id(&format!("{p}.id"), &q.id, seen);
            self.text(&format!("{p}.text"), &q.text);
            if let Some(hint) = &q.hint {
                self.text(&format!("{p}.hint"), hint);
            }
            if let Some(label) = &q.text_label {
                self.text(&format!("{p}.text_label"), label);
            }
            match &q.scale {
                Some(s) if !scales.contains(s.as_ref()) => {
                    self.problem(&format!("{p}.scale"), format!("unknown scale {s:?}"));
                }
                None if !q.text_answer => {
                    self.problem(&p, "question has neither a scale nor a text answer");
                }
                _ => {}
            }
        }
    }
}

/// Checks every rule of the format and returns all problems found, not just
/// the first, so an author can fix a file in one go.
pub fn validate(def: &InstrumentDef) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    if def.format != INSTRUMENT_FORMAT {
        c.problem(
            "format",
            format!("must be {INSTRUMENT_FORMAT:?}, found {:?}", def.format),
        );
    }
    if def.format_version == 0 || def.format_version > INSTRUMENT_FORMAT_VERSION {
        c.problem(
            "format_version",
            format!(
                "this app reads version 1 to {INSTRUMENT_FORMAT_VERSION}, found {}",
                def.format_version
            ),
        );
    }
    let mut top = BTreeSet::new();
    c.id("id", &def.id, &mut top);
    for (path, value) in [
        ("version", &def.version),
        ("title", &def.title),
        ("short_title", &def.short_title),
        ("publisher", &def.publisher),
        ("intro", &def.intro),
    ] {
        c.text(path, value);
    }
    if let Some(notice) = &def.notice {
        c.text("notice", notice);
    }
    if let Some(name) = &def.contact_name {
        c.text("contact_name", name);
    }
    if let Some(email) = &def.contact_email {
        let plausible = email
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
            && !email.contains(char::is_whitespace);
        if !plausible {
            c.problem("contact_email", format!("not an e-mail address: {email:?}"));
        }
    }
    if let Some(receipt) = &def.receipt {
        if parse_month_day(&receipt.deadline).is_none() {
            c.problem(
                "receipt.deadline",
                format!(
                    "must be MM-DD, such as \"06-07\"; found {:?}",
                    receipt.deadline
                ),
            );
        }
    }

    let mut scale_ids = BTreeSet::new();
    for (i, scale) in def.scales.iter().enumerate() {
        let p = format!("scales[{i}]");
        c.id(&format!("{p}.id"), &scale.id, &mut scale_ids);
        if scale.options.len() < 2 {
            c.problem(
                &format!("{p}.options"),
                "a scale needs at least two options",
            );
        }
        let mut option_ids = BTreeSet::new();
        for (j, o) in scale.options.iter().chain(&scale.unknown).enumerate() {
            let op = if j < scale.options.len() {
                format!("{p}.options[{j}]")
            } else {
                format!("{p}.unknown")
            };
            c.id(&format!("{op}.id"), &o.id, &mut option_ids);
            c.text(&format!("{op}.label"), &o.label);
        }
    }

    let mut common = BTreeSet::new();
    c.questions(
        "item_questions",
        &def.item_questions,
        &scale_ids,
        &mut common,
    );

    if def.sections.is_empty() {
        c.problem("sections", "an instrument needs at least one section");
    }
    let mut section_ids = BTreeSet::new();
    let mut item_ids = BTreeSet::new();
    for (i, section) in def.sections.iter().enumerate() {
        let p = format!("sections[{i}]");
        c.id(&format!("{p}.id"), &section.id, &mut section_ids);
        c.text(&format!("{p}.title"), &section.title);
        if let Some(intro) = &section.intro {
            c.text(&format!("{p}.intro"), intro);
        }
        if section.items.is_empty() {
            c.problem(&format!("{p}.items"), "a section needs at least one item");
        }
        for (j, item) in section.items.iter().enumerate() {
            let ip = format!("{p}.items[{j}]");
            c.id(&format!("{ip}.id"), &item.id, &mut item_ids);
            c.text(&format!("{ip}.title"), &item.title);
            c.text(&format!("{ip}.intro"), &item.intro);
            for (k, detail) in item.details.iter().enumerate() {
                c.text(&format!("{ip}.details[{k}].label"), &detail.label);
                c.text(&format!("{ip}.details[{k}].text"), &detail.text);
            }
            if def.item_questions.is_empty() && item.questions.is_empty() {
                c.problem(&ip, "item has no questions");
            }
            let mut question_ids = common.clone();
            c.questions(
                &format!("{ip}.questions"),
                &item.questions,
                &scale_ids,
                &mut question_ids,
            );
            let planned = def.item_questions.iter().chain(item.questions.iter());
            if planned.filter(|q| q.actions).count() > 1 {
                c.problem(&ip, "only one question of an item can keep an action plan");
            }
        }
    }
    c.problems
}

impl Instrument {
    /// Validates a def and computes its digest.
    pub fn new(def: InstrumentDef) -> Result<Instrument, InstrumentError> {
        let problems = validate(&def);
        if !problems.is_empty() {
            return Err(InstrumentError::Invalid(problems));
        }
        let digest = digest(&def);
        Ok(Instrument { def, digest })
    }

    /// Reads and validates an instrument file in TOML.
    pub fn from_toml(text: &str) -> Result<Instrument, InstrumentError> {
        let def: InstrumentDef =
            toml::from_str(text).map_err(|e| InstrumentError::Syntax(e.to_string()))?;
        Instrument::new(def)
    }

    pub fn def(&self) -> &InstrumentDef {
        &self.def
    }

    pub fn id(&self) -> &str {
        &self.def.id
    }

    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// The SWV as a sentence names it: its `contact_name`, or "het
    /// samenwerkingsverband" ("Het samenwerkingsverband" when `start`).
    pub fn swv(&self, start: bool) -> &str {
        match self.def.contact_name.as_deref().map(str::trim) {
            Some(name) if !name.is_empty() => name,
            _ if start => "Het samenwerkingsverband",
            _ => "het samenwerkingsverband",
        }
    }

    /// The reference that records store: id, version and digest.
    pub fn reference(&self) -> InstrumentRef {
        InstrumentRef {
            id: self.def.id.to_string(),
            version: self.def.version.to_string(),
            digest: self.digest.clone(),
        }
    }

    /// All items in order, across sections.
    pub fn items(&self) -> impl Iterator<Item = &ItemDef> {
        self.def.sections.iter().flat_map(|s| s.items.iter())
    }

    pub fn item(&self, id: &str) -> Option<&ItemDef> {
        self.items().find(|i| i.id == id)
    }

    /// The question of `item` that keeps its action plan, if any
    /// ([`validate`] allows at most one).
    pub fn action_question<'a>(&'a self, item: &'a ItemDef) -> Option<&'a QuestionDef> {
        self.questions(item).find(|q| q.actions)
    }

    /// The questions asked for `item`: the common ones, then its own.
    pub fn questions<'a>(&'a self, item: &'a ItemDef) -> impl Iterator<Item = &'a QuestionDef> {
        self.def.item_questions.iter().chain(item.questions.iter())
    }

    pub fn scale(&self, id: &str) -> Option<&ScaleDef> {
        self.def.scales.iter().find(|s| s.id == id)
    }

    /// Number of questions in the whole instrument.
    pub fn question_count(&self) -> usize {
        self.items().map(|i| self.questions(i).count()).sum()
    }
}

/// Which instrument a record answers: id, version and content digest.
/// Stored and exported as `{"id": ..., "version": ..., "digest": ...}`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct InstrumentRef {
    pub id: String,
    pub version: String,
    pub digest: String,
}

/// The key under which the answer to `question` on `item` is stored.
pub fn answer_key(item: &str, question: &str) -> String {
    format!("{item}/{question}")
}

/// Reads every `*.toml` in `dir`, in file-name order (the first is the
/// default instrument): each file's path with the instrument or why it is
/// not one. For the build script and tests; the app itself never reads
/// files.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_dir(
    dir: &std::path::Path,
) -> std::io::Result<Vec<(std::path::PathBuf, Result<Instrument, InstrumentError>)>> {
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|x| x == "toml") {
            paths.push(path);
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)?;
            Ok((path, Instrument::from_toml(&text)))
        })
        .collect()
}

impl Instrument {
    /// An instrument that was validated when the app was built.
    ///
    /// Only for the bundle that `build.rs` generates: it validates every
    /// def with [`validate`] and computes its [`digest`] at build time, so
    /// the app ships neither a parser nor a validator for them. A native
    /// test of the app checks every bundled def against its file again.
    pub fn from_build(def: &InstrumentDef, digest: &str) -> Instrument {
        Instrument {
            def: def.clone(),
            digest: digest.to_owned(),
        }
    }
}
