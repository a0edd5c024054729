//! Every reader of outside data, each with what must hold for any input.
//!
//! A check returns `Err` when a property fails; a panic is caught by the
//! runner. Readers take `&str`: the browser hands over a file's text
//! decoded as UTF-8 with bad bytes replaced, so bytes reach the readers
//! through [`String::from_utf8_lossy`], as they do in the app.

use zichtbaar_core::anonymise::{redact, scan};
use zichtbaar_core::export::{self, ShareChoices};
use zichtbaar_core::import::{self, Collection, ImportProblem};
use zichtbaar_core::{backup, collection, mail, stored, Body, Date};

use crate::gen::{self, Rng, J};

/// One reader: its name, what must hold, and how to make inputs for it.
pub struct Reader {
    pub name: &'static str,
    pub check: fn(&str) -> Result<(), String>,
    /// Valid inputs to mutate, fixed and generated.
    pub seeds: fn(&mut Rng) -> Vec<String>,
    /// Whether its input is JSON (so JSON-aware mutations make sense).
    pub json: bool,
}

pub const READERS: &[Reader] = &[
    Reader {
        name: "export (import::read, split, read_record, Collection, as stored)",
        check: check_export,
        seeds: export_seeds,
        json: true,
    },
    Reader {
        name: "backup (backup::decode, compare)",
        check: check_backup,
        seeds: backup_seeds,
        json: true,
    },
    Reader {
        name: "stored record (stored::decode, then export::prepare)",
        check: check_stored,
        seeds: stored_seeds,
        json: true,
    },
    Reader {
        name: "collected file (stored::decode_file)",
        check: check_collected,
        seeds: collected_seeds,
        json: true,
    },
    Reader {
        name: "school list (collection::school_list)",
        check: check_school_list,
        seeds: school_list_seeds,
        json: false,
    },
    Reader {
        name: "mail text and saved messages (mail::exports_in)",
        check: check_mail,
        seeds: mail_seeds,
        json: false,
    },
    Reader {
        name: "free text (anonymise::scan, redact)",
        check: check_anonymise,
        seeds: text_seeds,
        json: false,
    },
];

/// Short names for figures and file names, in the order of [`READERS`].
pub const SHORT: &[&str] = &[
    "export",
    "backup",
    "stored",
    "collected",
    "school-list",
    "mail",
    "anonymise",
];

fn today() -> Date {
    Date::new(2027, 3, 14).unwrap()
}

fn ensure(ok: bool, what: impl FnOnce() -> String) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(what())
    }
}

// ---- Checks

/// The importer, as the collection view uses it: split, each record on its
/// own, one per id, then stored as read and read back.
fn check_export(text: &str) -> Result<(), String> {
    let (records, problems) = import::read(text);
    match import::split(text) {
        Err(p) => ensure(records.is_empty() && problems == [p.clone()], || {
            format!(
                "read gave {} records and {problems:?} where split said {p:?}",
                records.len()
            )
        })?,
        Ok(raws) => {
            ensure(records.len() + problems.len() == raws.len(), || {
                format!(
                    "{} records and {} problems from {} parts",
                    records.len(),
                    problems.len(),
                    raws.len()
                )
            })?;
            let mut good = Vec::new();
            for (i, raw) in raws.iter().enumerate() {
                if let Ok(r) = import::read_record(i, raw) {
                    ensure(records.get(good.len()) == Some(&r), || {
                        format!("record {i} reads differently on its own")
                    })?;
                    good.push(*raw);
                }
            }
            ensure(good.len() == records.len(), || "records lost".to_owned())?;
            ensure(
                problems
                    .iter()
                    .all(|p| matches!(p, ImportProblem::BadRecord { .. })),
                || format!("a file that splits has file problems: {problems:?}"),
            )?;
            // Stored as read, then read back from storage (the collection
            // view's path).
            let notes: Vec<String> = problems.iter().map(ToString::to_string).collect();
            let kept =
                stored::encode_file_parts("f.json", text.len() as u64, today(), &notes, &good);
            let back = stored::decode_file(&kept)
                .map_err(|e| format!("stored as read, reads back as {e}"))?;
            ensure(back.records == records, || {
                "stored records read back differently".to_owned()
            })?;
            ensure(back.problems == notes, || {
                "stored problems read back differently".to_owned()
            })?;
        }
    }
    for r in &records {
        // What was read writes out and reads back the same.
        let once = serde_json::to_string(r).map_err(|e| e.to_string())?;
        let again = import::read_record(0, &once)
            .map_err(|e| format!("a record read does not read back: {e}"))?;
        let twice = serde_json::to_string(&again).map_err(|e| e.to_string())?;
        ensure(once == twice, || {
            format!("a record read changes when written again:\n{once}\n{twice}")
        })?;
    }
    let mut c = Collection::default();
    for r in &records {
        c.add(r.clone());
    }
    ensure(c.len() <= records.len(), || {
        "the collection grew".to_owned()
    })?;
    ensure(records.iter().all(|r| !c.add(r.clone())), || {
        "a record added twice counted twice".to_owned()
    })?;
    for kept in c.records() {
        let best = records
            .iter()
            .filter(|r| r.id == kept.id)
            .map(|r| r.revision)
            .max();
        ensure(best == Some(kept.revision), || {
            format!(
                "the collection kept revision {} of {}",
                kept.revision, kept.id
            )
        })?;
    }
    Ok(())
}

/// A backup restores, writes out again and restores the same, and the
/// preview compares it with itself.
fn check_backup(text: &str) -> Result<(), String> {
    let Ok(restored) = backup::decode(text) else {
        return Ok(());
    };
    let again = backup::encode(&restored.records, today());
    let back = backup::decode(&again)
        .map_err(|e| format!("a restored backup written again does not read: {e:?}"))?;
    ensure(
        back.records == restored.records && back.problems.is_empty(),
        || "a restored backup written again reads differently".to_owned(),
    )?;
    // Compared with itself: each id once, at its highest revision, which
    // is the same as or newer than the first one with that id.
    let compared = backup::compare(&restored.records, &restored.records);
    for (r, c) in &compared {
        let best = restored
            .records
            .iter()
            .filter(|x| x.id == r.id)
            .map(|x| x.revision)
            .max();
        ensure(best == Some(r.revision), || {
            format!("revision {} of {} compared", r.revision, r.id)
        })?;
        ensure(
            matches!(c, backup::Compared::Same | backup::Compared::Newer),
            || format!("{c:?} against itself"),
        )?;
    }
    let mut ids: Vec<_> = restored.records.iter().map(|r| &r.id).collect();
    ids.sort();
    ids.dedup();
    ensure(compared.len() == ids.len(), || {
        format!("{} compared for {} ids", compared.len(), ids.len())
    })?;
    let compared = backup::compare(&restored.records, &[]);
    ensure(
        compared.iter().all(|(_, c)| *c == backup::Compared::New),
        || "nothing here, yet not new".to_owned(),
    )?;
    Ok(())
}

/// A stored record reads, writes back the same, and what the app makes of
/// it for sharing reads back in an importer without a problem.
fn check_stored(text: &str) -> Result<(), String> {
    let Ok(record) = stored::decode(text) else {
        return Ok(());
    };
    let again = stored::decode(&stored::encode(&record))
        .map_err(|e| format!("a stored record written again does not read: {e}"))?;
    ensure(again == record, || {
        "a stored record written again reads differently".to_owned()
    })?;
    let choices = ShareChoices {
        watch_names: vec!["Jan".to_owned(), record.instrument.id.clone()],
        ..ShareChoices::default()
    };
    match export::prepare(&record, &choices, today()) {
        Err(_) => ensure(matches!(record.body, Body::Receipt(_)), || {
            "a reflection cannot be shared".to_owned()
        }),
        Ok(preview) => {
            let json = preview.to_json();
            let (read, problems) = import::read(&json);
            ensure(read.len() == 1 && problems.is_empty(), || {
                format!("an export made by this app does not import: {problems:?}\n{json}")
            })?;
            ensure(read[0].id == record.id, || {
                "the export names another record".to_owned()
            })
        }
    }
}

/// A collected file reads, and writes back to the same text.
fn check_collected(text: &str) -> Result<(), String> {
    let Ok(file) = stored::decode_file(text) else {
        return Ok(());
    };
    let once = stored::encode_file(&file);
    let back = stored::decode_file(&once)
        .map_err(|e| format!("a collected file written again does not read: {e}"))?;
    ensure(stored::encode_file(&back) == once, || {
        "a collected file changes when written again".to_owned()
    })
}

fn check_school_list(text: &str) -> Result<(), String> {
    let (schools, unreadable) = collection::school_list(text);
    let lines = text.lines().count();
    ensure(
        unreadable.windows(2).all(|w| w[0] < w[1])
            && unreadable.iter().all(|&n| n >= 1 && n <= lines),
        || format!("unreadable lines {unreadable:?} of {lines}"),
    )?;
    ensure(schools.len() + unreadable.len() <= lines, || {
        "more schools than lines".to_owned()
    })?;
    for s in &schools {
        ensure(!s.name.is_empty() || !s.brin.is_empty(), || {
            "an empty school".to_owned()
        })?;
        ensure(
            s.brin.is_empty()
                || export::normalise_brin(&s.brin).as_deref() == Some(s.brin.as_str()),
            || format!("a BRIN that is not normalised: {:?}", s.brin),
        )?;
    }
    if schools.len() <= 300 {
        for (i, a) in schools.iter().enumerate() {
            for b in &schools[..i] {
                let twice = if a.brin.is_empty() {
                    b.brin.is_empty()
                        && collection::school_key(&a.name) == collection::school_key(&b.name)
                } else {
                    a.brin == b.brin
                };
                ensure(!twice, || format!("a school listed twice: {a:?}"))?;
            }
        }
    }
    Ok(())
}

/// The watch names of a case: the first few words of its text, so that a
/// saved input says everything about the case.
fn watch_names(text: &str) -> Vec<String> {
    text.split_whitespace()
        .take(3)
        .filter(|w| w.len() <= 40)
        .map(str::to_owned)
        .collect()
}

fn check_anonymise(text: &str) -> Result<(), String> {
    let names = watch_names(text);
    let hits = scan(text, &names);
    let mut at = 0;
    for h in &hits {
        ensure(
            at <= h.start && h.start < h.end && h.end <= text.len(),
            || format!("hits out of order or empty: {hits:?}"),
        )?;
        ensure(
            text.is_char_boundary(h.start) && text.is_char_boundary(h.end),
            || format!("a hit inside a character: {h:?}"),
        )?;
        at = h.end;
    }
    ensure(redact(text, &hits, |_| true) == text, || {
        "keeping every hit changes the text".to_owned()
    })?;
    let redacted = redact(text, &hits, |_| false);
    let cut: usize = hits.iter().map(|h| h.end - h.start).sum();
    let put: usize = hits.iter().map(|h| h.kind.placeholder().len()).sum();
    ensure(redacted.len() == text.len() - cut + put, || {
        "redacting lost or added text".to_owned()
    })?;
    let odd = redact(text, &hits, |i| i % 2 == 0);
    ensure(odd.len() <= text.len() + put, || {
        "redacting every other hit grew the text".to_owned()
    })
}

// ---- Seeds

const EXPORT_V1_REFLECTION: &str = include_str!("../data/export-v1-reflection.json");
const EXPORT_V1_RECEIPT: &str = include_str!("../data/export-v1-receipt.json");
const EXPORT_V2_REFLECTION: &str = include_str!("../../../../docs/examples/export-reflection.json");
const EXPORT_V2_RECEIPT: &str = include_str!("../../../../docs/examples/export-receipt.json");
const STORED_V1_REFLECTION: &str = include_str!("../data/stored-v1-reflection.json");
const STORED_V1_RECEIPT: &str = include_str!("../data/stored-v1-receipt.json");
const STORED_V2_REFLECTION: &str = include_str!("../data/stored-v2-reflection.json");
const COLLECTED_V1: &str = include_str!("../data/collected-v1.json");

/// The frozen files of every version, and the shipped examples.
pub const FIXTURES: &[&str] = &[
    EXPORT_V1_REFLECTION,
    EXPORT_V1_RECEIPT,
    EXPORT_V2_REFLECTION,
    EXPORT_V2_RECEIPT,
    STORED_V1_REFLECTION,
    STORED_V1_RECEIPT,
    STORED_V2_REFLECTION,
    COLLECTED_V1,
];

fn fixture_records() -> Vec<zichtbaar_core::Record> {
    [
        STORED_V1_REFLECTION,
        STORED_V1_RECEIPT,
        STORED_V2_REFLECTION,
    ]
    .iter()
    .map(|t| stored::decode(t).unwrap())
    .collect()
}

fn records(rng: &mut Rng) -> Vec<zichtbaar_core::Record> {
    let mut out = fixture_records();
    for _ in 0..rng.size(4) {
        out.push(gen::record(rng));
    }
    out
}

fn export_seeds(rng: &mut Rng) -> Vec<String> {
    let rs = records(rng);
    vec![
        EXPORT_V1_REFLECTION.to_owned(),
        EXPORT_V1_RECEIPT.to_owned(),
        EXPORT_V2_REFLECTION.to_owned(),
        EXPORT_V2_RECEIPT.to_owned(),
        gen::export_file(rng, &rs),
    ]
}

fn backup_seeds(rng: &mut Rng) -> Vec<String> {
    let rs = records(rng);
    // A backup may hold records of every stored schema.
    let mixed = gen::backup_file(&rs).replacen(
        "\"records\":[",
        &format!("\"records\":[{STORED_V1_REFLECTION},{STORED_V1_RECEIPT},"),
        1,
    );
    vec![gen::backup_file(&rs), gen::backup_file(&rs[..1]), mixed]
}

fn stored_seeds(rng: &mut Rng) -> Vec<String> {
    let r = gen::record(rng);
    vec![
        STORED_V1_REFLECTION.to_owned(),
        STORED_V1_RECEIPT.to_owned(),
        STORED_V2_REFLECTION.to_owned(),
        stored::encode(&r),
    ]
}

fn collected_seeds(rng: &mut Rng) -> Vec<String> {
    let rs = records(rng);
    vec![COLLECTED_V1.to_owned(), gen::collected_file(rng, &rs)]
}

fn school_list_seeds(rng: &mut Rng) -> Vec<String> {
    vec![
        gen::school_list(rng),
        "naam;brin\nDe Brug;12AB\n\"Het \"\"Anker\"\"\";34CD\n".to_owned(),
    ]
}

/// Whatever is found in mail text is an export that imports like any file:
/// it must hold no more than the text could carry, and read without panic.
fn check_mail(text: &str) -> Result<(), String> {
    let found = mail::exports_in(text);
    for json in &found.exports {
        check_export(json)?;
    }
    // A block is at least its two marker lines.
    let blocks = text.matches(mail::BEGIN).count();
    ensure(found.damaged <= blocks, || {
        format!("{} damaged of {blocks} blocks", found.damaged)
    })
}

/// Mails that carry exports as a block, as JSON, and as a saved message.
fn mail_seeds(rng: &mut Rng) -> Vec<String> {
    // Compressing needs more stack than the harness gives (in a debug
    // build): the frozen mail has its block made already.
    let frozen = include_str!("../data/mail-v1-receipt.txt");
    let block = &frozen[frozen.find(mail::BEGIN).unwrap()..];
    let quoted: String = block.lines().map(|l| format!("> {l}\r\n")).collect();
    vec![
        format!("Beste SWV,\n\n{block}\nGroet"),
        format!("Op maandag schreef de school:\r\n{quoted}"),
        format!("{}\n{EXPORT_V1_RECEIPT}\n{}", gen::text(rng, 20), gen::text(rng, 20)),
        format!("From: a@b.nl\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n{block}"),
    ]
}

fn text_seeds(rng: &mut Rng) -> Vec<String> {
    vec![
        gen::text(rng, 60),
        "Mail jan@school.nl of bel 06-12345678, (020) 123 45 67 of +31 6 1234 5678; BSN 123456789, 1234 AB.".to_owned(),
    ]
}

// ---- Making one case

/// The valid files each reader's cases start from: its fixtures and files
/// generated from `seed`, made once per run.
pub struct Pool(Vec<Vec<Seed>>);

/// A valid file, and its tree when it is JSON.
pub struct Seed {
    text: String,
    tree: Option<J>,
}

impl Pool {
    pub fn new(seed: u64) -> Pool {
        let mut rng = Rng::new(seed, usize::MAX);
        Pool(
            READERS
                .iter()
                .map(|reader| {
                    let mut all: Vec<String> =
                        (0..6).flat_map(|_| (reader.seeds)(&mut rng)).collect();
                    all.sort();
                    all.dedup();
                    all.into_iter()
                        .map(|text| Seed {
                            tree: reader.json.then(|| J::parse(&text)),
                            text,
                        })
                        .collect()
                })
                .collect(),
        )
    }
}

/// The input of one case for reader number `r`: arbitrary bytes, arbitrary
/// JSON, or valid files of this reader (or, now and then, of another)
/// mutated. At most `rng.limit` bytes.
pub fn input(rng: &mut Rng, r: usize, pool: &Pool) -> Vec<u8> {
    let mut input = any_input(rng, r, pool);
    input.truncate(rng.limit);
    input
}

fn any_input(rng: &mut Rng, r: usize, pool: &Pool) -> Vec<u8> {
    let seeds = &pool.0[r];
    let seed = rng.pick_ref(seeds);
    match rng.below(20) {
        0 | 1 => gen::bytes(rng, rng.limit.min(4000)),
        2 | 3 => gen::value(rng, 6).text().into_bytes(),
        4 => {
            // Another reader's file, mutated: a backup given to the
            // importer, an export given to storage.
            let other = rng.below(READERS.len());
            let theirs = rng.pick_ref(&pool.0[other]);
            mutated(rng, theirs, &seed.text)
        }
        5 => {
            // Nested deeply around a valid file.
            let depth = rng.pick(&[127, 128, 129, 100_000]);
            gen::nested(rng, &seed.text, depth).into_bytes()
        }
        _ => {
            let other = rng.pick_ref(seeds);
            mutated(rng, seed, &other.text)
        }
    }
}

fn mutated(rng: &mut Rng, seed: &Seed, other: &str) -> Vec<u8> {
    let json = seed.tree.is_some();
    let mut text = if let Some(tree) = &seed.tree {
        let mut j = tree.clone();
        if rng.one_in(4) {
            gen::mutate_whole(rng, &mut j);
        }
        for _ in 0..rng.size(4) {
            gen::mutate(rng, &mut j);
        }
        j.text().into_bytes()
    } else {
        seed.text.clone().into_bytes()
    };
    let n = if json { rng.size(2) } else { 1 + rng.size(6) };
    for _ in 0..n {
        gen::mutate_bytes(rng, &mut text, other.as_bytes());
    }
    text
}
