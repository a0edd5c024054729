//! Inputs for the fuzz harness: a small seeded generator, arbitrary bytes,
//! arbitrary JSON, and structure-aware mutations of valid files.
//!
//! Hand-rolled rather than proptest's strategies: the long run needs to go
//! on for as long as asked, and a case must be reproducible from its seed
//! alone.

use std::collections::BTreeMap;

use zichtbaar_core::export::{self, Export, ShareChoices, EXPORT_FORMAT};
use zichtbaar_core::instrument::InstrumentRef;
use zichtbaar_core::plan::{Action, Due, Status};
use zichtbaar_core::record::{ReceiptAnswers, Role, SharedWithColleagues};
use zichtbaar_core::stored::CollectedFile;
use zichtbaar_core::{
    backup, stored, Answer, Body, Date, Perspective, Receipt, Record, RecordId, Reflection,
    SchoolYear,
};

/// SplitMix64: small, fast, and good enough to pick mutations.
pub struct Rng {
    state: u64,
    /// About the largest input to make, in bytes.
    pub limit: usize,
}

impl Rng {
    pub fn new(seed: u64, limit: usize) -> Rng {
        Rng { state: seed, limit }
    }

    pub fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// True once in `n` times.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }

    pub fn pick_ref<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// A size up to `max`, mostly small.
    pub fn size(&mut self, max: usize) -> usize {
        let cap = self.below(max + 1);
        self.below(cap + 1)
    }

    pub fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0; N];
        for b in &mut out {
            *b = self.next() as u8;
        }
        out
    }
}

/// Mixes a run's seed with a reader and a case number into the seed of
/// one case, so any case can be made again on its own.
pub fn case_seed(run: u64, reader: usize, case: u64) -> u64 {
    let mut r = Rng::new(
        run ^ (reader as u64).wrapping_mul(0x1000_0000_01b3) ^ case.rotate_left(17),
        0,
    );
    r.next()
}

// ---- JSON as a tree that can say what serde_json's `Value` cannot

/// A JSON value that may hold a key twice, numbers as written, and text
/// written verbatim (a lone surrogate escape, a deeply nested value).
#[derive(Clone, Debug)]
pub enum J {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    /// Written as is.
    Raw(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl J {
    pub fn parse(text: &str) -> J {
        J::from_value(&serde_json::from_str(text).expect("a seed is JSON"))
    }

    fn from_value(v: &serde_json::Value) -> J {
        use serde_json::Value;
        match v {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => J::Num(n.to_string()),
            Value::String(s) => J::Str(s.clone()),
            Value::Array(a) => J::Arr(a.iter().map(J::from_value).collect()),
            Value::Object(o) => J::Obj(
                o.iter()
                    .map(|(k, v)| (k.clone(), J::from_value(v)))
                    .collect(),
            ),
        }
    }

    pub fn write(&self, out: &mut String) {
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Num(n) | J::Raw(n) => out.push_str(n),
            J::Str(s) => out.push_str(&serde_json::to_string(s).unwrap()),
            J::Arr(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write(out);
                }
                out.push(']');
            }
            J::Obj(fields) => {
                out.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(k).unwrap());
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }

    pub fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn children(&mut self) -> Option<Vec<&mut J>> {
        match self {
            J::Arr(items) => Some(items.iter_mut().collect()),
            J::Obj(fields) => Some(fields.iter_mut().map(|(_, v)| v).collect()),
            _ => None,
        }
    }
}

// ---- Odd pieces

/// Numbers that readers of `u32`, `u64` and versions may choke on.
pub const ODD_NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "2",
    "3",
    "-1",
    "1.0",
    "1e0",
    "2E0",
    "1e999",
    "-1e999",
    "1e-999",
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "-9223372036854775809",
    "0.0000000000000000000000000001",
    "123456789012345678901234567890",
    "1.5",
    "2.000000000000000000001",
];

/// Text that often breaks string handling: bidi controls, NUL, emoji,
/// combining marks, a BOM, noncharacters, and details the anonymiser looks for.
pub const ODD_TEXT: &[&str] = &[
    "",
    " ",
    "\u{0}",
    "\u{1b}[2J",
    "\u{202e}gnp.exe",
    "\u{200f}",
    "\u{2066}\u{2069}",
    "\u{feff}",
    "\u{fffe}\u{ffff}",
    "e\u{301}\u{301}\u{301}",
    "👩\u{200d}👩\u{200d}👧",
    "🇳🇱",
    "\"",
    "\\",
    "\n\r\t",
    "a@b.nl",
    "jan.de.vries@school.example.nl",
    "06 12345678",
    "+31 6 12 34 56 78",
    "(020) 123 45 67",
    "1234 AB",
    "123456789",
    "1 1 1 1",
    "@@@",
    "...",
    "ondersteuningsstructuur",
    "basis-in-de-les/waar-staan-wij",
    "zichtbaar-export",
    "zichtbaar-backup",
    "2026-2027",
    "2027-02-29",
    "2027-13",
    "9999-12-31",
    "0000-01-01",
    "3f2a9c1e-5b7d-4e8f-a1b2-c3d4e5f60718",
    "3F2A9C1E-5B7D-4E8F-A1B2-C3D4E5F60718",
    "reflection",
    "receipt",
    "team",
    "persoonlijk",
    "anders",
    "nog-niet",
    "gestopt",
];

/// JSON string literals that a Rust `String` cannot hold or that only
/// escapes make: lone surrogates, escaped NUL, an escaped pair.
pub const RAW_STRINGS: &[&str] = &[
    r#""\ud800""#,
    r#""\udc00""#,
    r#""a\ud800b""#,
    r#""\ud83d\ude00""#,
    r#""\ud83d""#,
    r#""\u0000""#,
    r#""\u202e""#,
    r#""\/\b\f\n\r\t""#,
    r#""\x""#,
    r#""\u12""#,
    "\"\u{7f}\"",
    "\"\t\"",
];

/// Names of fields the readers know, to make arbitrary JSON land on them.
pub const KEYS: &[&str] = &[
    "format",
    "formatVersion",
    "exported",
    "created",
    "records",
    "schema",
    "record",
    "file",
    "name",
    "size",
    "imported",
    "problems",
    "id",
    "revision",
    "kind",
    "instrument",
    "version",
    "digest",
    "schoolYear",
    "updated",
    "body",
    "reflection",
    "receipt",
    "school",
    "brin",
    "schoolName",
    "perspective",
    "answers",
    "scale",
    "text",
    "actions",
    "what",
    "who",
    "due",
    "status",
    "carriedFrom",
    "role",
    "roleOther",
    "received",
    "sharedWithColleagues",
    "reactions",
    "wishes",
];

/// A piece of free text, mostly ordinary Dutch, often odd.
pub fn text(rng: &mut Rng, max_pieces: usize) -> String {
    const WORDS: &[&str] = &[
        "de",
        "het",
        "een",
        "leerlingen",
        "mentoraat",
        "Jan",
        "Fatima",
        "school",
        "lesopbouw",
        "differentiëren",
        "coördinator",
        "groep7b",
        "3VWO",
        "(",
        ")",
        ",",
        ".",
        "-",
        "/",
        "+",
        "@",
        "'",
        "–",
        "é",
        "ß",
        "İ",
        "ﬃ",
    ];
    let n = rng.size(max_pieces);
    let mut out = String::new();
    for _ in 0..n {
        match rng.below(10) {
            0..=5 => out.push_str(rng.pick(WORDS)),
            6 | 7 => out.push_str(rng.pick(ODD_TEXT)),
            8 => out.push_str(&rng.below(1_000_000_000).to_string()),
            _ => out.push(char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{fffd}')),
        }
        if !rng.one_in(4) {
            out.push(' ');
        }
    }
    out
}

/// Arbitrary bytes: random, JSON-like, or broken UTF-8.
pub fn bytes(rng: &mut Rng, max_len: usize) -> Vec<u8> {
    const JSONISH: &[u8] = b"{}[]\":,\\ \n0123456789-+.eEtrufalsn@ubd";
    const BROKEN: &[&[u8]] = &[
        b"\xff",
        b"\xc3",
        b"\xe2\x80",
        b"\xed\xa0\x80",
        b"\xf4\x90\x80\x80",
        b"\xc0\xaf",
        b"\xef\xbb\xbf",
    ];
    let n = rng.size(max_len);
    let mode = rng.below(3);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        match mode {
            0 => out.push(rng.next() as u8),
            1 => out.push(rng.pick(JSONISH)),
            _ => {
                if rng.one_in(8) {
                    out.extend_from_slice(rng.pick(BROKEN));
                } else {
                    out.push(rng.pick(JSONISH));
                }
            }
        }
    }
    out
}

fn odd_string(rng: &mut Rng) -> J {
    match rng.below(6) {
        0 => J::Raw(rng.pick(RAW_STRINGS).to_owned()),
        1 => J::Str(rng.pick(ODD_TEXT).repeat(rng.size(2000))),
        2 => J::Str("x".repeat(rng.size(rng.limit / 4))),
        _ => J::Str(text(rng, 12)),
    }
}

/// An arbitrary JSON value: deep, wide, odd numbers, long strings, and the
/// names of fields the readers know. At most about [`MAX_NODES`] values.
pub fn value(rng: &mut Rng, depth: usize) -> J {
    let mut budget = MAX_NODES.min(rng.limit / 64);
    value_within(rng, depth, &mut budget)
}

/// How many values one arbitrary JSON value may hold.
pub const MAX_NODES: usize = 20_000;

fn value_within(rng: &mut Rng, depth: usize, budget: &mut usize) -> J {
    *budget = budget.saturating_sub(1);
    let leaf = depth == 0 || *budget == 0 || rng.one_in(3);
    if leaf {
        return match rng.below(8) {
            0 => J::Null,
            1 => J::Bool(rng.one_in(2)),
            2 | 3 => J::Num(rng.pick(ODD_NUMBERS).to_owned()),
            4 => J::Num(rng.next().to_string()),
            _ => odd_string(rng),
        };
    }
    if rng.one_in(2) {
        let n = if rng.one_in(20) {
            rng.size(2000)
        } else {
            rng.size(6)
        };
        J::Arr(
            (0..n.min(*budget))
                .map(|_| value_within(rng, depth - 1, budget))
                .collect(),
        )
    } else {
        let n = if rng.one_in(20) {
            rng.size(500)
        } else {
            rng.size(8)
        };
        J::Obj(
            (0..n.min(*budget))
                .map(|_| {
                    let key = if rng.one_in(4) {
                        text(rng, 2)
                    } else {
                        rng.pick(KEYS).to_owned()
                    };
                    (key, value_within(rng, depth - 1, budget))
                })
                .collect(),
        )
    }
}

/// How many copies of something `len` bytes long fit in the limit.
fn copies(rng: &mut Rng, len: usize, most: usize) -> usize {
    rng.size(most).min(rng.limit / len.max(1))
}

/// `inner` inside `depth` arrays or objects, as text.
pub fn nested(rng: &mut Rng, inner: &str, depth: usize) -> String {
    let depth = depth.min(rng.limit / 8);
    let (open, close) = match rng.below(3) {
        0 => ("[", "]"),
        1 => ("{\"a\":", "}"),
        _ => ("[{\"id\":", "}]"),
    };
    let mut out = String::with_capacity(inner.len() + depth * (open.len() + close.len()));
    for _ in 0..depth {
        out.push_str(open);
    }
    out.push_str(inner);
    if !rng.one_in(8) {
        for _ in 0..depth {
            out.push_str(close);
        }
    }
    out
}

fn nest_depth(rng: &mut Rng) -> usize {
    rng.pick(&[1, 2, 8, 126, 127, 128, 129, 130, 1000, 20_000])
}

// ---- Structure-aware mutation

/// Changes one place in `j`: drops, duplicates or retypes a field, changes
/// a number, odd text into a string, nests deeply, and so on.
pub fn mutate(rng: &mut Rng, j: &mut J) {
    // Walk down to a random place; stop early more often in deep trees.
    if let Some(mut children) = j.children() {
        if !children.is_empty() && !rng.one_in(4) {
            let i = rng.below(children.len());
            return mutate(rng, children.swap_remove(i));
        }
    }
    match j {
        J::Obj(fields) if !fields.is_empty() && rng.one_in(2) => {
            let i = rng.below(fields.len());
            match rng.below(7) {
                0 => {
                    fields.remove(i);
                }
                1 => {
                    // The same key twice, with the same or another value.
                    let mut again = fields[i].clone();
                    if rng.one_in(2) {
                        again.1 = value(rng, 2);
                    }
                    let at = rng.below(fields.len() + 1);
                    fields.insert(at, again);
                }
                2 => {
                    let key = &mut fields[i].0;
                    let at = char_boundary(key, rng.below(key.len() + 1));
                    key.insert_str(at, rng.pick(ODD_TEXT));
                }
                3 => {
                    fields[i].0 = rng.pick(KEYS).to_owned();
                }
                4 => {
                    let k = rng.pick(KEYS).to_owned();
                    fields.push((k, value(rng, 3)));
                }
                5 => {
                    let k = rng.below(fields.len());
                    fields.swap(i, k);
                }
                _ => fields[i].1 = value(rng, 3),
            }
        }
        J::Arr(items) if !items.is_empty() && rng.one_in(2) => {
            let i = rng.below(items.len());
            match rng.below(5) {
                0 => {
                    items.remove(i);
                }
                1 => {
                    let again = items[i].clone();
                    items.insert(i, again);
                }
                2 => {
                    let k = rng.below(items.len());
                    items.swap(i, k);
                }
                3 => {
                    // Wide: one element many times.
                    let again = items[i].clone();
                    for _ in 0..copies(rng, again.text().len(), 300) {
                        items.push(again.clone());
                    }
                }
                _ => items.clear(),
            }
        }
        J::Num(n) => *n = rng.pick(ODD_NUMBERS).to_owned(),
        J::Str(s) if rng.one_in(2) => match rng.below(5) {
            0 => {
                let at = char_boundary(s, rng.below(s.len() + 1));
                s.insert_str(at, rng.pick(ODD_TEXT));
            }
            1 => {
                let at = char_boundary(s, rng.below(s.len() + 1));
                s.truncate(at);
            }
            2 => *s = s.repeat(copies(rng, s.len(), 300) + 1),
            3 => {
                // The string with a lone surrogate escape inside.
                let json = serde_json::to_string(s).unwrap();
                let at = 1 + rng.below(json.len() - 1);
                let at = if json.is_char_boundary(at) {
                    at
                } else {
                    json.len() - 1
                };
                let mut raw = json;
                raw.insert_str(at, r"\ud800");
                *j = J::Raw(raw);
            }
            _ => *s = text(rng, 20),
        },
        _ => match rng.below(5) {
            0 => {
                let text = j.text();
                let depth = nest_depth(rng);
                *j = J::Raw(nested(rng, &text, depth));
            }
            1 => *j = J::Null,
            2 => *j = odd_string(rng),
            _ => *j = value(rng, 3),
        },
    }
}

fn char_boundary(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Every string under key `key`, in order.
fn strings_under(j: &J, key: &str, out: &mut Vec<String>) {
    match j {
        J::Obj(fields) => {
            for (k, v) in fields {
                if let (true, J::Str(s)) = (k == key, v) {
                    out.push(s.clone());
                }
                strings_under(v, key, out);
            }
        }
        J::Arr(items) => items.iter().for_each(|v| strings_under(v, key, out)),
        _ => {}
    }
}

fn set_under(j: &mut J, key: &str, next: &mut dyn FnMut() -> J) {
    match j {
        J::Obj(fields) => {
            for (k, v) in fields {
                if k == key && matches!(v, J::Str(_) | J::Num(_)) {
                    *v = next();
                } else {
                    set_under(v, key, next);
                }
            }
        }
        J::Arr(items) => items.iter_mut().for_each(|v| set_under(v, key, next)),
        _ => {}
    }
}

/// Changes that need the whole file: swap ids between records, give two
/// records one id, change every version number.
pub fn mutate_whole(rng: &mut Rng, j: &mut J) {
    match rng.below(3) {
        0 => {
            let mut ids = Vec::new();
            strings_under(j, "id", &mut ids);
            if ids.is_empty() {
                return;
            }
            let one = ids[rng.below(ids.len())].clone();
            let same = rng.one_in(2);
            let mut i = 0;
            set_under(j, "id", &mut || {
                i += 1;
                if same {
                    J::Str(one.clone())
                } else {
                    J::Str(ids[(i * 7 + 3) % ids.len()].clone())
                }
            });
        }
        1 => {
            let key = rng.pick(&["formatVersion", "schema", "revision", "format"]);
            let mut values: Vec<J> = (0..4)
                .map(|_| match rng.below(3) {
                    0 => J::Num(rng.pick(ODD_NUMBERS).to_owned()),
                    1 => J::Str(rng.pick(ODD_TEXT).to_owned()),
                    _ => value(rng, 1),
                })
                .collect();
            set_under(j, key, &mut || values.pop().unwrap_or(J::Null));
        }
        _ => {
            // Revisions up and down, so a collection keeps the right one.
            let revisions: Vec<String> = (0..8).map(|_| rng.below(5).to_string()).collect();
            let mut i = 0;
            set_under(j, "revision", &mut || {
                i += 1;
                J::Num(revisions[i % revisions.len()].clone())
            });
        }
    }
}

/// Changes to the text itself: truncate, flip, insert and delete bytes,
/// splice with another file, pad.
pub fn mutate_bytes(rng: &mut Rng, text: &mut Vec<u8>, other: &[u8]) {
    let len = text.len();
    match rng.below(7) {
        0 => text.truncate(rng.below(len + 1)),
        1 if len > 0 => {
            let at = rng.below(len);
            text[at] ^= 1 << rng.below(8);
        }
        2 => {
            const TOKENS: &[&[u8]] = &[
                b"{",
                b"}",
                b"[",
                b"]",
                b"\"",
                b",",
                b":",
                b"\\",
                b"null",
                b"\\u0000",
                b"\\ud800",
                b"\xff",
                b"\xc3",
                b"\x00",
                b"1e999",
                b"-",
                b"/*",
                b"\xef\xbb\xbf",
            ];
            let at = rng.below(len + 1);
            let t = rng.pick(TOKENS);
            text.splice(at..at, t.iter().copied());
        }
        3 if len > 0 => {
            let at = rng.below(len);
            let n = rng.size(len - at);
            text.drain(at..at + n);
        }
        4 => {
            let cut = rng.below(len + 1);
            let from = rng.below(other.len() + 1);
            text.truncate(cut);
            text.extend_from_slice(&other[from..]);
        }
        5 => {
            let pad: &[u8] = rng.pick(&[&b"\xef\xbb\xbf"[..], b"   \n\t", b"\x00"]);
            if rng.one_in(2) {
                text.splice(0..0, pad.iter().copied());
            } else {
                text.extend_from_slice(pad);
            }
        }
        _ => {
            // A run of one byte, as in a file cut off by a full disk.
            let at = rng.below(len + 1);
            let b = rng.pick(b"0 [{\"@1");
            let n = rng.size(rng.limit / 100);
            text.splice(at..at, std::iter::repeat_n(b, n));
        }
    }
}

// ---- Valid files to start from

fn today() -> Date {
    Date::new(2027, 3, 14).unwrap()
}

fn record_id(rng: &mut Rng) -> RecordId {
    RecordId::from_random(rng.bytes())
}

fn action(rng: &mut Rng) -> Action {
    let mut a = Action::new(rng.bytes());
    a.what = text(rng, 8);
    a.who = text(rng, 3);
    a.status = rng.pick(&Status::ALL);
    a.due = match rng.below(3) {
        0 => None,
        1 => Due::month(2027 + rng.below(3) as i32, 1 + rng.below(12) as u8),
        _ => Some(Due::Day(
            Date::new(2027, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8).unwrap(),
        )),
    };
    if rng.one_in(3) {
        a.carried_from = Some(SchoolYear::starting(2020 + rng.below(10) as i32));
    }
    a
}

/// A valid record with odd text in every free-text field.
pub fn record(rng: &mut Rng) -> Record {
    let body = if rng.one_in(3) {
        Body::Receipt(Receipt {
            school_name: format!("School {}", text(rng, 3)),
            brin: rng
                .pick(&["", "12AB", "12ab", "1234", " 99ZZ "])
                .to_string(),
            answers: ReceiptAnswers {
                role: rng.one_in(4).then(|| rng.pick(&Role::ALL)),
                role_other: text(rng, 3),
                received: !rng.one_in(8),
                shared_with_colleagues: rng.one_in(2).then(|| rng.pick(&SharedWithColleagues::ALL)),
                reactions: text(rng, 20),
                wishes: text(rng, 20),
            },
        })
    } else {
        let mut answers = BTreeMap::new();
        for _ in 0..rng.size(12) {
            let key = format!(
                "{}/{}",
                rng.pick(&["mentoraat", "basis-in-de-les", "x"]),
                text(rng, 2)
            );
            let scale = rng.one_in(2).then(|| {
                rng.pick(&["in-ontwikkeling", "weet-ik-niet", ""])
                    .to_owned()
            });
            answers.insert(
                key,
                Answer {
                    scale,
                    text: text(rng, 30),
                },
            );
        }
        let mut actions = BTreeMap::new();
        for _ in 0..rng.size(4) {
            let list = (0..rng.size(5)).map(|_| action(rng)).collect();
            actions.insert(text(rng, 2), list);
        }
        Body::Reflection(Reflection {
            perspective: rng.pick(&Perspective::ALL),
            answers,
            actions,
        })
    };
    let updated = Date::new(
        2026 + rng.below(3) as i32,
        1 + rng.below(12) as u8,
        1 + rng.below(28) as u8,
    )
    .unwrap();
    Record {
        id: record_id(rng),
        revision: rng.below(20) as u32,
        instrument: InstrumentRef {
            id: rng.pick(&["ondersteuningsstructuur", "x", ""]).to_owned(),
            version: rng.pick(&["2026.1", "2026.2", "\u{202e}"]).to_owned(),
            digest: format!("sha256:{}", "0".repeat(rng.size(64))),
        },
        school_year: SchoolYear::starting(2026),
        created: updated,
        updated,
        body,
    }
}

/// The shared form of some records, as one file of format version 1 or 2.
pub fn export_file(rng: &mut Rng, records: &[Record]) -> String {
    let mut out = Vec::new();
    for r in records {
        let choices = ShareChoices {
            watch_names: vec!["Jan".to_owned(), "Fatima".to_owned()],
            ..ShareChoices::default()
        };
        if let Ok(preview) = export::prepare(r, &choices, today()) {
            out.extend(preview.export.records);
        }
    }
    let file = Export {
        format: EXPORT_FORMAT.to_owned(),
        format_version: 1 + rng.below(2) as u32,
        exported: today(),
        records: out,
    };
    export::to_json(&file)
}

/// One file imported into the collection view, as stored.
pub fn collected_file(rng: &mut Rng, records: &[Record]) -> String {
    let (read, problems) = zichtbaar_core::import::read(&export_file(rng, records));
    stored::encode_file(&CollectedFile {
        name: text(rng, 3),
        size: rng.next() >> rng.below(64),
        imported: today(),
        problems: problems.iter().map(ToString::to_string).collect(),
        records: read,
    })
}

pub fn backup_file(records: &[Record]) -> String {
    backup::encode(records, today())
}

/// An SWV's list of schools, in one of the forms it may take.
pub fn school_list(rng: &mut Rng) -> String {
    let mut out = String::new();
    if rng.one_in(3) {
        out.push_str(rng.pick(&[
            "naam;brin\n",
            "BRIN,School\n",
            "\"Naam van de school\"\tBrin-nummer\n",
            "\u{feff}naam\n",
        ]));
    }
    for _ in 0..rng.size(30) {
        let brin = rng.pick(&["12AB", "12ab", "1234", "12A", "", "99ZZ", "\"12AB\""]);
        let name = text(rng, 4);
        let sep = rng.pick(&[";", ",", "\t", " ", ";;", "\""]);
        if rng.one_in(2) {
            out.push_str(&format!("{name}{sep}{brin}"));
        } else {
            out.push_str(&format!("{brin}{sep}\"{name}\""));
        }
        out.push_str(rng.pick(&["\n", "\r\n", "\n\n", "\r"]));
    }
    out
}
