//! How long each reader takes on inputs of about 1 MB and 10 MB, printed
//! by `./dev fuzz` (never asserted: timings belong in figures, not tests).
//! A reader whose time grows more than 20 times for 10 times the input is
//! flagged NOT LINEAR.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use zichtbaar_core::anonymise::{redact, scan};
use zichtbaar_core::import::{self, Collection};
use zichtbaar_core::{backup, collection, stored, RecordId};

const MB: usize = 1_000_000;

/// Above this ratio of the 10 MB time to the 1 MB time, a reader is flagged.
const RATIO_LIMIT: f64 = 20.0;

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

// ---- Inputs of a given size

fn id(n: usize) -> String {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&(n as u64).to_le_bytes());
    RecordId::from_random(bytes).to_string()
}

/// Ordinary text with what JSON must escape and what is not ASCII.
fn prose(size: usize) -> String {
    const PIECE: &str = "Twee studiemiddagen over differentiëren; de \"sectievoorzitters\" plannen \\ lesbezoeken.\n";
    let mut out = PIECE.repeat(size / PIECE.len() + 1);
    let mut cut = size.min(out.len());
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    out
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn export_record(id: &str, extra: &str) -> String {
    format!(
        r#"{{"id":"{id}","revision":3,"kind":"reflection","instrument":{{"id":"ondersteuningsstructuur","version":"2026.2","digest":"sha256:00"}},"schoolYear":"2026-2027","updated":"2027-03-10","perspective":"team","answers":{{"mentoraat/waar-staan-wij":{{"scale":"in-ontwikkeling","text":"Elke klas heeft een mentoruur."}}{extra}}}}}"#
    )
}

fn export_file(records: &[String]) -> String {
    format!(
        r#"{{"format":"zichtbaar-export","formatVersion":2,"exported":"2027-03-14","records":[{}]}}"#,
        records.join(",")
    )
}

fn many<F: FnMut(usize) -> String>(size: usize, mut one: F) -> Vec<String> {
    let mut out = Vec::new();
    let mut total = 0;
    while total < size {
        let next = one(out.len());
        total += next.len() + 1;
        out.push(next);
    }
    out
}

fn action(n: usize) -> String {
    format!(
        r#"{{"id":"{n:08x}","what":"Mentorgesprekken met elke leerling","who":"mentoren","due":"2027-10","status":"gepland"}}"#
    )
}

fn stored_record(id: &str, answers: &str, actions: &str) -> String {
    format!(
        r#"{{"schema":2,"record":{{"id":"{id}","revision":14,"instrument":{{"id":"ondersteuningsstructuur","version":"2026.2","digest":"sha256:22"}},"schoolYear":"2027-2028","created":"2027-09-06","updated":"2027-11-29","body":{{"reflection":{{"perspective":"team","answers":{{{answers}}},"actions":{{{actions}}}}}}}}}}}"#
    )
}

fn backup_file(records: &[String]) -> String {
    format!(
        r#"{{"format":"zichtbaar-backup","formatVersion":1,"created":"2027-11-30","records":[{}]}}"#,
        records.join(",")
    )
}

fn collected_file(records: &[String]) -> String {
    format!(
        r#"{{"schema":1,"file":{{"name":"a.json","size":1,"imported":"2027-03-14","records":[{}]}}}}"#,
        records.join(",")
    )
}

/// BRIN number `i` (of 67,600).
fn brin(i: usize) -> String {
    let letter = |n: usize| char::from(b'A' + (n % 26) as u8);
    format!("{:02}{}{}", i % 100, letter(i / 100), letter(i / 2600))
}

fn repeat_to(piece: &str, size: usize) -> String {
    piece.repeat(size / piece.len() + 1)
}

// ---- What is timed: each reader as the app uses it

fn read_export(text: &str) -> usize {
    let (records, problems) = import::read(text);
    let mut c = Collection::default();
    for r in records {
        c.add(r);
    }
    c.len() + problems.len()
}

fn read_backup(text: &str) -> usize {
    // The restore preview: read, then compare with what is here.
    match backup::decode(text) {
        Ok(r) => {
            backup::compare(&r.records, &r.records[..r.records.len().min(100)]).len()
                + r.problems.len()
        }
        Err(_) => 0,
    }
}

fn read_stored(text: &str) -> usize {
    usize::from(stored::decode(text).is_ok())
}

fn read_collected(text: &str) -> usize {
    stored::decode_file(text).map_or(0, |f| f.records.len())
}

fn read_school_list(text: &str) -> usize {
    let (schools, unreadable) = collection::school_list(text);
    schools.len() + unreadable.len()
}

fn read_mail(text: &str) -> usize {
    let found = zichtbaar_core::mail::exports_in(text);
    found.exports.len() + found.damaged
}

fn read_free_text(text: &str) -> usize {
    let hits = scan(text, &["Jan".to_owned(), "de Vries".to_owned()]);
    redact(text, &hits, |_| false).len() + hits.len()
}

// Those the anonymiser takes more than linear time on come last, so that
// the threads given up on do not slow the figures of the others.
type Shape = (
    &'static str,
    &'static str,
    fn(usize) -> String,
    fn(&str) -> usize,
);

fn shapes() -> Vec<Shape> {
    vec![
        (
            "export",
            "one huge answer",
            |n| {
                export_file(&[export_record(
                    &id(0),
                    &format!(r#","x/y":{{"text":{}}}"#, json(&prose(n))),
                )])
            },
            read_export,
        ),
        (
            "export",
            "many records",
            |n| export_file(&many(n, |i| export_record(&id(i), ""))),
            read_export,
        ),
        (
            "export",
            "one record, many answers",
            |n| {
                let answers = many(n, |i| {
                    format!(r#","item{i}/vraag":{{"scale":"ja","text":"tekst {i}"}}"#)
                })
                .concat();
                export_file(&[export_record(&id(0), &answers)])
            },
            read_export,
        ),
        (
            "export",
            "one record, many actions",
            |n| {
                let actions = many(n, action).join(",");
                let r = export_record(&id(0), "");
                export_file(&[format!(
                    r#"{},"actions":{{"mentoraat":[{actions}]}}}}"#,
                    &r[..r.len() - 1]
                )])
            },
            read_export,
        ),
        (
            "export",
            "many records nested 120 deep in an unknown field",
            |n| {
                let deep = format!("{}1{}", "[".repeat(120), "]".repeat(120));
                export_file(&many(n, |i| {
                    export_record(&id(i), "").replacen(
                        r#""revision""#,
                        &format!(r#""x":{deep},"revision""#),
                        1,
                    )
                }))
            },
            read_export,
        ),
        (
            "export",
            "an unknown field nested as deep as the file is long",
            |n| {
                let r = export_record(&id(0), "");
                export_file(&[r.replacen(
                    r#""revision""#,
                    &format!(
                        r#""x":{}1{},"revision""#,
                        "[".repeat(n / 2),
                        "]".repeat(n / 2)
                    ),
                    1,
                )])
            },
            read_export,
        ),
        (
            "export",
            "records nested 100,000 deep (refused)",
            |n| {
                let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
                export_file(&many(n, |_| deep.clone()))
            },
            read_export,
        ),
        (
            "export",
            "a long string of digits as formatVersion",
            |n| {
                format!(
                    r#"{{"format":"zichtbaar-export","formatVersion":{},"records":[]}}"#,
                    "1".repeat(n)
                )
            },
            read_export,
        ),
        (
            "backup",
            "many records (decode and compare)",
            |n| {
                backup_file(&many(n, |i| {
                    stored_record(&id(i), r#""a/b":{"scale":"ja"}"#, "")
                }))
            },
            read_backup,
        ),
        (
            "backup",
            "one huge answer",
            |n| {
                backup_file(&[stored_record(
                    &id(0),
                    &format!(r#""a/b":{{"text":{}}}"#, json(&prose(n))),
                    "",
                )])
            },
            read_backup,
        ),
        (
            "stored",
            "one huge answer",
            |n| {
                stored_record(
                    &id(0),
                    &format!(r#""a/b":{{"text":{}}}"#, json(&prose(n))),
                    "",
                )
            },
            read_stored,
        ),
        (
            "stored",
            "many answers",
            |n| {
                stored_record(
                    &id(0),
                    &many(n, |i| {
                        format!(r#""item{i}/vraag":{{"scale":"ja","text":"tekst"}}"#)
                    })
                    .join(","),
                    "",
                )
            },
            read_stored,
        ),
        (
            "stored",
            "many actions",
            |n| {
                stored_record(
                    &id(0),
                    "",
                    &format!(r#""mentoraat":[{}]"#, many(n, action).join(",")),
                )
            },
            read_stored,
        ),
        (
            "collected",
            "many records",
            |n| collected_file(&many(n, |i| export_record(&id(i), ""))),
            read_collected,
        ),
        (
            "collected",
            "one huge answer",
            |n| {
                collected_file(&[export_record(
                    &id(0),
                    &format!(r#","x/y":{{"text":{}}}"#, json(&prose(n))),
                )])
            },
            read_collected,
        ),
        (
            "school-list",
            "many distinct schools, each with a BRIN",
            |n| many(n, |i| format!("Basisschool nummer {i};{}", brin(i))).join("\n"),
            read_school_list,
        ),
        (
            "school-list",
            "many schools without a BRIN",
            |n| many(n, |i| format!("Basisschool nummer {i}")).join("\n"),
            read_school_list,
        ),
        (
            "school-list",
            "one school many times",
            |n| repeat_to("De Brug;12AB\n", n),
            read_school_list,
        ),
        (
            "school-list",
            "a CSV with a header",
            |n| {
                format!(
                    "naam;brin\n{}",
                    many(n, |i| format!("\"School \"\"{i}\"\"\";{:02}CD", i % 100)).join("\n")
                )
            },
            read_school_list,
        ),
        (
            "school-list",
            "one huge line",
            |n| prose(n).replace('\n', " "),
            read_school_list,
        ),
        (
            "anonymise",
            "an unbroken string of digits",
            |n| "1".repeat(n),
            read_free_text,
        ),
        (
            "anonymise",
            "1 1 1 1 ...",
            |n| repeat_to("1 ", n),
            read_free_text,
        ),
        (
            "anonymise",
            "a@a@a@ ...",
            |n| repeat_to("a@", n),
            read_free_text,
        ),
        (
            "mail",
            "many pasted mails, each with a block",
            |n| repeat_to(include_str!("../data/mail-v1-receipt.txt"), n),
            read_mail,
        ),
        (
            "mail",
            "blocks that never end",
            |n| repeat_to("ZICHTBAAR-BEGIN\nabcdefgh\n", n),
            read_mail,
        ),
        (
            "mail",
            "JSON that starts as an export again and again",
            |n| repeat_to("{\"format\": [1, 2, 3, ", n),
            read_mail,
        ),
        (
            "mail",
            "a saved message with one huge base64 part",
            |n| {
                format!(
                    "From: a@b.nl\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n{}",
                    repeat_to("QmVzdGUgU1dWLCBkZSBoYW5kcmVpa2luZyBpcyBiaW5uZW4u\r\n", n)
                )
            },
            read_mail,
        ),
        (
            "anonymise",
            "@ after a long word",
            |n| format!("{}@school.nl", "a".repeat(n)),
            read_free_text,
        ),
        (
            "anonymise",
            "many e-mail addresses",
            |n| repeat_to("a@b.nl ", n),
            read_free_text,
        ),
        (
            "anonymise",
            "many phone numbers",
            |n| repeat_to("0612345678 ", n),
            read_free_text,
        ),
        (
            "anonymise",
            "+(+(+( ...",
            |n| repeat_to("+(1", n),
            read_free_text,
        ),
        (
            "anonymise",
            "prose with a detail now and then",
            |n| {
                repeat_to("Bel Jan de Vries op 06-12345678 of mail jan@school.nl; verder gaat het goed met de lesopbouw in de onderbouw. ", n)
            },
            read_free_text,
        ),
        (
            "anonymise",
            "e-mail addresses and phone numbers by turns",
            |n| repeat_to("a@b.nl 0612345678 ", n),
            read_free_text,
        ),
        (
            "anonymise",
            "postcodes and nine-digit numbers by turns",
            |n| repeat_to("1234 AB 123456789 ", n),
            read_free_text,
        ),
        (
            "anonymise",
            "names and e-mail addresses by turns",
            |n| repeat_to("Jan a@b.nl ", n),
            read_free_text,
        ),
    ]
}

// ---- Timing

/// The best of `rounds` runs of `read` on `text`.
fn best(read: fn(&str) -> usize, text: &str, rounds: usize) -> Duration {
    (0..rounds)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(read(std::hint::black_box(text)));
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// The best of three runs, each on a thread of its own; gives up after
/// `limit` (leaving the thread to finish in the background, so figures
/// printed after one given up on may be slower than they are).
fn timed(read: fn(&str) -> usize, text: String, limit: Duration) -> Option<Duration> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .stack_size(crate::STACK)
        .spawn(move || {
            let first = best(read, &text, 1);
            let _ = tx.send(first);
            if first < Duration::from_secs(2) {
                let _ = tx.send(best(read, &text, 2));
            }
        })
        .unwrap();
    let start = Instant::now();
    let first = rx.recv_timeout(limit).ok()?;
    let rest = rx.recv_timeout(limit.saturating_sub(start.elapsed())).ok();
    Some(rest.map_or(first, |r| r.min(first)))
}

fn ratio(t1: Duration, t10: Duration) -> f64 {
    t10.as_secs_f64() / t1.as_secs_f64().max(1e-9)
}

/// Prints the figures of every input whose reader and shape contain
/// `ZB_FUZZ_FIGURES` (all when it is not set).
pub fn print() {
    let only = std::env::var("ZB_FUZZ_FIGURES").unwrap_or_default();
    let shapes: Vec<Shape> = shapes()
        .into_iter()
        .filter(|(reader, shape, ..)| format!("{reader} {shape}").contains(&only))
        .collect();
    println!("time per reader on about 1 MB and 10 MB (best of 3; NOT LINEAR above {RATIO_LIMIT}x, or when 10 MB takes over a minute)");
    println!(
        "{:<12} {:<52} {:>12} {:>13} {:>7}",
        "reader", "input", "1 MB", "10 MB", "ratio"
    );
    let mut flagged = 0;
    for &(reader, shape, make, read) in &shapes {
        let Some(t1) = timed(read, make(MB), Duration::from_secs(30)) else {
            flagged += 1;
            println!(
                "{reader:<12} {shape:<52} {:>12} {:>13} {:>7}  NOT LINEAR",
                "> 30 s", "not tried", ""
            );
            continue;
        };
        let limit = (t1 * 40).clamp(Duration::from_secs(5), Duration::from_secs(60));
        let (t10, ratio, flag) = match timed(read, make(10 * MB), limit) {
            Some(t10) => {
                let r = ratio(t1, t10);
                (ms(t10), format!("{r:.1}x"), r > RATIO_LIMIT)
            }
            None => (
                format!("> {:.0} s", limit.as_secs_f64()),
                format!("> {:.0}x", ratio(t1, limit)),
                true,
            ),
        };
        flagged += usize::from(flag);
        let flag = if flag { "  NOT LINEAR" } else { "" };
        println!(
            "{reader:<12} {shape:<52} {:>12} {t10:>13} {ratio:>7}{flag}",
            ms(t1)
        );
    }
    println!("{flagged} of {} inputs NOT LINEAR", shapes.len());
}
