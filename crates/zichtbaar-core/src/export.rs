//! The export format: what a school chooses to share with its SWV.
//!
//! This is a contract: the SWV's collection view and other tools read it.
//! It is documented in `docs/export-format.md` and as a JSON Schema in
//! `docs/export.schema.json`; the tests check shipped examples and real
//! exports against that schema. Change it only by adding optional fields,
//! or by a new `formatVersion` that importers can tell apart.
//!
//! An export is anonymised by construction: it is built from a record and
//! the user's [`ShareChoices`] by [`prepare`], which
//!
//! - leaves out every name, e-mail address, phone number, postcode,
//!   nine-digit number, IBAN and street address it finds in free text (see
//!   [`crate::anonymise`]), unless the user chose to keep that one;
//! - carries dates only, never a time of day, and nothing about the device
//!   or browser;
//! - names the school only in a receipt, or in a reflection when the user
//!   ticked that on.
//!
//! The shapes below are serde derives: field order is the order in the file,
//! optional fields are left out when absent or empty.
//!
//! Versions: 1 had answers only; 2 added a reflection's action plan
//! (`actions`). A record without actions is written the same in both, so
//! importers read both with the one [`ExportRecord`]. The plan's free text
//! (`what`, `who`) goes through the same scanners and the same choices as
//! the answers: each is a field of the preview, keyed by [`action_field`].

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::anonymise::{redact, scan, Hit, HitKind};
use crate::date::{Date, SchoolYear};
use crate::instrument::InstrumentRef;
use crate::plan::Action;
use crate::record::{
    Answer, Body, Kind, Perspective, Receipt, ReceiptAnswers, ReceiptText, Record, RecordId,
};

pub const EXPORT_FORMAT: &str = "zichtbaar-export";
/// The newest version this code writes, and the newest it reads: importers
/// read every version from 1 up to this one (see [`crate::import`]).
pub const EXPORT_FORMAT_VERSION: u32 = 3;

/// The version a file is written in: the oldest that can carry what is in
/// it. A reflection shared with a colleague (`team`, new in version 3) needs
/// 3; everything else is written as version 2, so a copy of the app that
/// reads only up to 2 still reads what schools send the SWV.
pub fn version_for(records: &[ExportRecord]) -> u32 {
    if records.iter().any(|r| r.team.is_some()) {
        3
    } else {
        2
    }
}

/// Who a reflection is shared with: the SWV (the default), or a colleague
/// or team leader ([`Team`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Audience {
    #[default]
    Swv,
    Team,
}

impl Audience {
    /// As an address names it (`met=team`).
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Swv => "swv",
            Audience::Team => "team",
        }
    }

    pub fn parse(s: &str) -> Option<Audience> {
        [Audience::Swv, Audience::Team]
            .into_iter()
            .find(|a| a.as_str() == s)
    }
}

/// The longest name a colleague can give with a reflection shared with the
/// team, in characters.
pub const TEAM_NAME_MAX: usize = 60;

/// A reflection shared with a colleague or team leader, not with the SWV
/// (since version 3): the team leader reads it in full, under the name the
/// colleague chose, or as "collega 1" without one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    /// The name the colleague chose to be read under; may be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
}

impl Team {
    /// A name as given: trimmed, line breaks and other control characters
    /// as spaces, at most [`TEAM_NAME_MAX`] characters.
    pub fn named(name: &str) -> Team {
        let name: String = name
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(TEAM_NAME_MAX)
            .collect();
        Team {
            name: name.trim_end().to_owned(),
        }
    }
}

/// A whole export file. Written only: importers read the head and each
/// record on their own (see [`crate::import`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Export {
    /// Always [`EXPORT_FORMAT`].
    pub format: String,
    pub format_version: u32,
    /// The day the file was made.
    pub exported: Date,
    pub records: Vec<ExportRecord>,
}

/// The school, in a receipt or an opted-in reflection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct School {
    pub name: String,
    /// Four characters: two digits and two capital letters.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub brin: String,
}

/// One shared record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportRecord {
    /// Random, stable across revisions: importers keep one record per id.
    pub id: RecordId,
    /// Higher is newer: importers keep the highest.
    pub revision: u32,
    pub kind: Kind,
    pub instrument: InstrumentRef,
    pub school_year: SchoolYear,
    /// The day of this revision.
    pub updated: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<School>,
    /// Reflections only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perspective: Option<Perspective>,
    /// Reflections only: answers by `item/question`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<BTreeMap<String, Answer>>,
    /// Reflections only, since version 2: the action plan by item id, each
    /// list in the school's order, anonymised like the answers. Left out
    /// when there is none, so a record without actions reads the same in
    /// both versions.
    #[serde(default, skip_serializing_if = "no_actions")]
    pub actions: Option<BTreeMap<String, Vec<Action>>>,
    /// Receipts only: what was answered (the school is in `school`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<ReceiptAnswers>,
    /// Reflections only, since version 3: shared with a colleague or team
    /// leader, under a name of the colleague's choice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<Team>,
}

fn no_actions(actions: &Option<BTreeMap<String, Vec<Action>>>) -> bool {
    actions.as_ref().is_none_or(BTreeMap::is_empty)
}

/// Which free-text field of an action: its `what` or its `who`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActionText {
    What,
    Who,
}

impl ActionText {
    pub const ALL: [ActionText; 2] = [ActionText::What, ActionText::Who];

    /// The last part of the field's key: Dutch, like the rest of what the
    /// user sees of the preview.
    pub fn key(self) -> &'static str {
        match self {
            ActionText::What => "wat",
            ActionText::Who => "wie",
        }
    }

    /// The text of this field in `action`.
    pub fn text(self, action: &Action) -> &str {
        match self {
            ActionText::What => &action.what,
            ActionText::Who => &action.who,
        }
    }
}

/// The key of a whole action in [`ShareChoices::left_out_fields`]:
/// `<item>/acties/<action id>`.
pub fn action_key(item: &str, action_id: &str) -> String {
    format!("{item}/acties/{action_id}")
}

/// The key of one free-text field of an action, in the preview and in
/// [`ShareChoices`]: `<item>/acties/<action id>/wat` or `.../wie`. It
/// cannot clash with an answer key (`item/question`, one slash).
pub fn action_field(item: &str, action_id: &str, text: ActionText) -> String {
    format!("{}/{}", action_key(item, action_id), text.key())
}

/// What the user decided in the preview.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShareChoices {
    /// For a reflection: the school to name, if the user ticked that on.
    /// Ignored for receipts, which always name their own school.
    pub school: Option<School>,
    /// Names to leave out wherever they appear.
    pub watch_names: Vec<String>,
    /// Items of a reflection to leave out entirely, their answers and their
    /// actions.
    pub left_out_items: BTreeSet<String>,
    /// Fields to leave out entirely: answer keys, the [`action_field`] of
    /// an action's text, the [`action_key`] of a whole action, or the
    /// [`ReceiptText::key`] of a receipt's free-text field.
    pub left_out_fields: BTreeSet<String>,
    /// Hits the user chose to keep after all: (field, byte offset where the
    /// hit starts in that field's text). Offsets, not positions in the list
    /// of hits, so that a choice stays with its hit when the names watched
    /// for change.
    pub kept_hits: BTreeSet<(String, usize)>,
    /// For a reflection: shared with a colleague or team leader (see
    /// [`Team`]) instead of with the SWV. Ignored for receipts, which go to
    /// the SWV.
    pub team: Option<Team>,
}

/// One free-text field as the preview shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldPreview {
    /// Answer key, [`action_field`], or the [`ReceiptText::key`] of a
    /// receipt field.
    pub field: String,
    pub original: String,
    pub hits: Vec<Hit>,
    pub left_out: bool,
}

impl FieldPreview {
    /// Whether the user chose to keep hit number `index` of this field.
    pub fn is_kept(&self, choices: &ShareChoices, index: usize) -> bool {
        self.hits
            .get(index)
            .is_some_and(|h| choices.kept_hits.contains(&(self.field.clone(), h.start)))
    }
}

/// The export and, per free-text field, what was found in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub export: Export,
    pub fields: Vec<FieldPreview>,
}

impl Preview {
    /// The exact bytes that leave the device: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        to_json(&self.export)
    }

    /// Number of hits that will be left out.
    pub fn redacted(&self, choices: &ShareChoices) -> usize {
        self.fields
            .iter()
            .filter(|f| !f.left_out)
            .map(|f| {
                (0..f.hits.len())
                    .filter(|i| !f.is_kept(choices, *i))
                    .count()
            })
            .sum()
    }
}

/// Serialises an export as it is shared: pretty, with a final newline.
pub fn to_json(export: &Export) -> String {
    let mut text = serde_json::to_string_pretty(export).expect("an export always serialises");
    text.push('\n');
    text
}

fn item_of(key: &str) -> &str {
    key.split_once('/').map_or(key, |(item, _)| item)
}

/// Scans and redacts one free-text field, recording it for the preview.
fn anonymise_field(
    field: &str,
    text: &str,
    choices: &ShareChoices,
    fields: &mut Vec<FieldPreview>,
    left_out: bool,
) -> String {
    let hits = scan(text, &choices.watch_names);
    let shared = if left_out {
        String::new()
    } else {
        redact(text, &hits, |i| {
            choices
                .kept_hits
                .contains(&(field.to_owned(), hits[i].start))
        })
    };
    if !text.trim().is_empty() {
        fields.push(FieldPreview {
            field: field.to_owned(),
            original: text.to_owned(),
            hits,
            left_out,
        });
    }
    shared
}

/// What a receipt sends unless the user leaves it out: the landline phone
/// numbers in it. A receipt speaks for the school and holds no pupil's
/// story, so such a number is most likely the school's own, given on
/// purpose; it is still marked in the preview, with a button to leave it
/// out. A mobile number (06, +31 6, 0031 6) is most likely a person's, and
/// is left out like any other detail. A reflection keeps nothing by default.
pub fn keep_phone_numbers(record: &Record, preview: &Preview, choices: &mut ShareChoices) {
    if record.kind() != Kind::Receipt {
        return;
    }
    for f in &preview.fields {
        for hit in f.hits.iter().filter(|h| h.kind == HitKind::Phone) {
            let digits: String = f.original[hit.start..hit.end]
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            let mobile = ["06", "316", "00316"].iter().any(|p| digits.starts_with(p));
            if !mobile {
                choices.kept_hits.insert((f.field.clone(), hit.start));
            }
        }
    }
}

/// Upper-cases a BRIN code and checks its form: two digits, two letters.
pub fn normalise_brin(brin: &str) -> Option<String> {
    let b = brin.trim().to_ascii_uppercase();
    let bytes = b.as_bytes();
    let ok = bytes.len() == 4
        && bytes[..2].iter().all(u8::is_ascii_digit)
        && bytes[2..].iter().all(u8::is_ascii_uppercase);
    ok.then_some(b)
}

/// Why a receipt cannot be shared yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotReady {
    /// The school's name is required.
    SchoolNameMissing,
    /// A BRIN code, when given, is two digits and two letters.
    BrinMalformed,
    /// A receipt confirms that the handreiking was received.
    NotConfirmed,
}

/// What stops a receipt from being shared, in the order of the form.
pub fn receipt_problems(receipt: &Receipt) -> Vec<NotReady> {
    let mut problems = Vec::new();
    if receipt.school_name.trim().is_empty() {
        problems.push(NotReady::SchoolNameMissing);
    }
    if !receipt.brin.trim().is_empty() && normalise_brin(&receipt.brin).is_none() {
        problems.push(NotReady::BrinMalformed);
    }
    if !receipt.answers.received {
        problems.push(NotReady::NotConfirmed);
    }
    problems
}

/// The action plan of a reflection as shared, by item: each action's `what`
/// and `who` scanned and redacted as a preview field of its own (see
/// [`action_field`]), in item order and within an item in the school's
/// order, after the answers. An action of a left-out item, or whose
/// [`action_key`] is left out, is not shared; its texts are still listed,
/// as left out, as the answers of a left-out item are. An action with
/// neither `what` nor `who` (after leaving out) says nothing and is not
/// shared either; an item without actions left is left out.
fn shared_actions(
    plan: &BTreeMap<String, Vec<Action>>,
    choices: &ShareChoices,
    fields: &mut Vec<FieldPreview>,
) -> BTreeMap<String, Vec<Action>> {
    let mut shared = BTreeMap::new();
    for (item, actions) in plan {
        let item_left_out = choices.left_out_items.contains(item);
        let mut kept = Vec::new();
        for action in actions {
            let left_out = item_left_out
                || choices
                    .left_out_fields
                    .contains(&action_key(item, &action.id));
            let [what, who] = ActionText::ALL.map(|t| {
                let field = action_field(item, &action.id, t);
                let field_left_out = left_out || choices.left_out_fields.contains(&field);
                let text = anonymise_field(&field, t.text(action), choices, fields, field_left_out);
                // As for answers: blank text is no text.
                if text.trim().is_empty() {
                    String::new()
                } else {
                    text
                }
            });
            if left_out || (what.is_empty() && who.is_empty()) {
                continue;
            }
            kept.push(Action {
                what,
                who,
                ..action.clone()
            });
        }
        if !kept.is_empty() {
            shared.insert(item.clone(), kept);
        }
    }
    shared
}

/// Builds the anonymised export of one record, with what the preview shows.
/// A receipt must be complete first (see [`receipt_problems`]), so that every
/// export meets the schema.
pub fn prepare(
    record: &Record,
    choices: &ShareChoices,
    today: Date,
) -> Result<Preview, Vec<NotReady>> {
    if let Body::Receipt(receipt) = &record.body {
        let problems = receipt_problems(receipt);
        if !problems.is_empty() {
            return Err(problems);
        }
    }
    let mut fields = Vec::new();
    let mut out = ExportRecord {
        id: record.id.clone(),
        revision: record.revision,
        kind: record.kind(),
        instrument: record.instrument.clone(),
        school_year: record.school_year,
        updated: record.updated,
        school: None,
        perspective: None,
        answers: None,
        actions: None,
        receipt: None,
        team: None,
    };
    match &record.body {
        Body::Reflection(reflection) => {
            out.perspective = Some(reflection.perspective);
            out.school = choices.school.as_ref().and_then(|s| {
                let name = s.name.trim();
                (!name.is_empty()).then(|| School {
                    name: name.to_owned(),
                    brin: normalise_brin(&s.brin).unwrap_or_default(),
                })
            });
            let mut answers = BTreeMap::new();
            for (key, answer) in &reflection.answers {
                let left_out = choices.left_out_items.contains(item_of(key))
                    || choices.left_out_fields.contains(key);
                let text = anonymise_field(key, &answer.text, choices, &mut fields, left_out);
                if left_out {
                    continue;
                }
                let shared = Answer {
                    scale: answer.scale.clone(),
                    text: if text.trim().is_empty() {
                        String::new()
                    } else {
                        text
                    },
                };
                if shared.is_answered() {
                    answers.insert(key.clone(), shared);
                }
            }
            out.answers = Some(answers);
            let actions = shared_actions(&reflection.actions, choices, &mut fields);
            out.actions = (!actions.is_empty()).then_some(actions);
            out.team = choices.team.as_ref().map(|t| Team::named(&t.name));
        }
        Body::Receipt(receipt) => {
            out.school = Some(School {
                name: receipt.school_name.trim().to_owned(),
                brin: normalise_brin(&receipt.brin).unwrap_or_default(),
            });
            let a = &receipt.answers;
            let mut text = |t: ReceiptText| {
                let left_out = choices.left_out_fields.contains(t.key());
                anonymise_field(t.key(), a.text(t), choices, &mut fields, left_out)
            };
            out.receipt = Some(ReceiptAnswers {
                role: a.role,
                role_other: text(ReceiptText::RoleOther),
                received: a.received,
                shared_with_colleagues: a.shared_with_colleagues,
                reactions: text(ReceiptText::Reactions),
                wishes: text(ReceiptText::Wishes),
            });
        }
    }
    Ok(Preview {
        export: Export {
            format: EXPORT_FORMAT.to_owned(),
            format_version: version_for(std::slice::from_ref(&out)),
            exported: today,
            records: vec![out],
        },
        fields,
    })
}

/// A file name that says what is inside and whose it is, without naming a
/// person, and that two shared files never have in common: the kind, the
/// school where the file names one, the day it was made and the first part
/// of the record's id, as in
/// `zichtbaar-ontvangst-het-vossius-12ab-2026-11-23-0a1b2c3d.json`. So the
/// SWV can save fourteen mail attachments in one folder, and a team leader
/// five colleagues' downloads, without one file overwriting another. Only
/// `a-z`, `0-9` and `-`: safe on every disk and in every mail client.
pub fn file_name(record: &ExportRecord, today: Date) -> String {
    let kind = match record.kind {
        Kind::Reflection => "reflectie",
        Kind::Receipt => "ontvangst",
    };
    // Shared with the team: "team" and the name the colleague chose, so a
    // team leader sees whose file it is.
    let team = record
        .team
        .as_ref()
        .map(|t| ["team".to_owned(), slug(&t.name, 30)]);
    let school: String = team
        .into_iter()
        .flatten()
        .chain(
            record
                .school
                .iter()
                .flat_map(|s| [slug(&s.name, 40), slug(&s.brin, 8)]),
        )
        .filter(|part| !part.is_empty())
        .map(|part| format!("-{part}"))
        .collect();
    let id: String = record
        .id
        .as_str()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    format!("zichtbaar-{kind}{school}-{today}-{id}.json")
}

/// `text` as a part of a file name: letters without their accents, in
/// lower case, digits, and one `-` between words; at most `max` characters,
/// cut at a word.
fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let plain = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            'ç' => 'c',
            'ñ' => 'n',
            c if c.is_ascii_alphanumeric() => c,
            // An apostrophe joins ("'t Atrium", "Sint-Joris' school").
            '\'' | '’' | '\u{ad}' => continue,
            _ => '-',
        };
        if plain != '-' || !(out.is_empty() || out.ends_with('-')) {
            out.push(plain);
        }
    }
    let mut out = out.trim_end_matches('-').to_owned();
    if out.len() > max {
        let cut = out[..=max].rfind('-').filter(|&i| i > 0).unwrap_or(max);
        out.truncate(cut);
    }
    out
}
