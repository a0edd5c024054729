//! Hostile input: every reader of outside data is fuzzed.
//!
//! The readers and what must hold for each are in [`readers`]; the inputs
//! (arbitrary bytes, arbitrary JSON, and structure-aware mutations of valid
//! exports, backups, stored records and collected files) in [`gen`].
//!
//! - `cargo test` runs a bounded, deterministic number of cases
//!   ([`a_bounded_run_of_every_reader_finds_nothing`]) plus every valid file
//!   cut off at every byte, and the nesting and regression tests below.
//! - `./dev fuzz [SECONDS]` runs [`fuzz_for_as_long_as_asked`] (ignored
//!   here) with optimisation for as long as asked, then prints how long each
//!   reader takes on inputs of about 1 MB and 10 MB.
//!
//! Every case runs on a thread with a 256 KB stack, smaller than the
//! browser gives wasm, so a reader that recursed on nested input would
//! overflow here first.

mod figures;
mod gen;
mod readers;

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Once;
use std::time::{Duration, Instant};

use gen::Rng;
use readers::{Reader, READERS, SHORT};

/// The stack every case runs on.
pub const STACK: usize = 256 * 1024;

/// The seed of the bounded run; change it to explore, keep it fixed in git.
const BOUNDED_SEED: u64 = 0x5a1c_47ba_a2d0_2026;
/// Cases per reader in the bounded run, and their largest input.
const BOUNDED_CASES: u64 = 600;
const BOUNDED_LIMIT: usize = 64 * 1024;
/// The largest input of the long run.
const LONG_LIMIT: usize = 2_000_000;

/// Runs `f` on a thread with a [`STACK`]-byte stack.
pub fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap_or_else(|e| panic::resume_unwind(e))
}

/// What one case came to.
pub enum Outcome {
    Fine,
    /// A property failed, or the reader panicked: the message.
    Crash(String),
}

thread_local! {
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    static PANIC_MESSAGE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// While a case runs, a panic's message (and where it happened) is kept
/// for the report instead of printed; any other panic, such as a failing
/// assertion of a test, is printed as always.
fn catch_panic_messages() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CATCHING.get() {
                return default(info);
            }
            let at = info
                .location()
                .map(|l| format!(" at {l}"))
                .unwrap_or_default();
            let what = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            PANIC_MESSAGE.set(Some(format!("panicked{at}: {what}")));
        }));
    });
}

/// Runs one reader on one input, catching a panic.
pub fn run_case(reader: &Reader, input: &[u8]) -> Outcome {
    catch_panic_messages();
    let text = String::from_utf8_lossy(input);
    CATCHING.set(true);
    let result = panic::catch_unwind(AssertUnwindSafe(|| (reader.check)(&text)));
    CATCHING.set(false);
    match result {
        Ok(Ok(())) => Outcome::Fine,
        Ok(Err(why)) => Outcome::Crash(why),
        Err(_) => Outcome::Crash(
            PANIC_MESSAGE
                .take()
                .unwrap_or_else(|| "panicked".to_owned()),
        ),
    }
}

/// Saves a crashing input where cargo keeps test files; returns the path.
fn save(reader: usize, seed: u64, input: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz-crashes");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}-{seed:016x}.txt", SHORT[reader]));
    std::fs::write(&path, input).unwrap();
    path
}

fn preview(input: &[u8]) -> String {
    let text = String::from_utf8_lossy(input);
    let cut: String = text.chars().take(600).collect();
    format!(
        "{cut:?}{}",
        if cut.len() < text.len() { " ..." } else { "" }
    )
}

// ---- The bounded run

#[test]
fn a_bounded_run_of_every_reader_finds_nothing() {
    let crashes = on_small_stack(|| {
        let pool = readers::Pool::new(BOUNDED_SEED);
        let mut crashes = Vec::new();
        for (r, reader) in READERS.iter().enumerate() {
            for case in 0..BOUNDED_CASES {
                let seed = gen::case_seed(BOUNDED_SEED, r, case);
                let input = readers::input(&mut Rng::new(seed, BOUNDED_LIMIT), r, &pool);
                if let Outcome::Crash(why) = run_case(reader, &input) {
                    let path = save(r, seed, &input);
                    crashes.push(format!(
                        "{}: case seed {seed:#018x} (run seed {BOUNDED_SEED:#018x}, case {case}): {why}\n  input saved to {}\n  {}",
                        reader.name,
                        path.display(),
                        preview(&input)
                    ));
                }
            }
        }
        crashes
    });
    assert!(crashes.is_empty(), "{}", crashes.join("\n"));
}

#[test]
fn the_harness_reports_a_panic_or_a_broken_property_as_a_crash() {
    fn panics(text: &str) -> Result<(), String> {
        // Slicing inside a character, the classic.
        let _ = &text[..1];
        Ok(())
    }
    fn breaks(_: &str) -> Result<(), String> {
        Err("a property".to_owned())
    }
    let reader = |check| Reader {
        name: "test",
        check,
        seeds: |_| Vec::new(),
        json: false,
    };
    let outcome = on_small_stack(move || run_case(&reader(panics), "é".as_bytes()));
    let Outcome::Crash(why) = outcome else {
        panic!("a panic went unnoticed")
    };
    assert!(
        why.contains("main.rs") && why.contains("char boundary"),
        "{why}"
    );
    assert!(matches!(run_case(&reader(breaks), b""), Outcome::Crash(w) if w == "a property"));
    assert!(matches!(run_case(&READERS[0], b"{}"), Outcome::Fine));
}

#[test]
fn every_valid_file_cut_off_at_every_byte_reads_without_a_panic() {
    let crashes = on_small_stack(|| {
        let mut crashes = Vec::new();
        let mut cases = 0;
        for reader in READERS.iter().filter(|r| r.json) {
            for file in readers::FIXTURES {
                let bytes = file.as_bytes();
                for cut in 0..=bytes.len() {
                    cases += 1;
                    if let Outcome::Crash(why) = run_case(reader, &bytes[..cut]) {
                        crashes.push(format!("{}: cut at byte {cut}: {why}", reader.name));
                    }
                }
            }
        }
        assert!(cases > 10_000, "only {cases} cases");
        crashes
    });
    assert!(crashes.is_empty(), "{}", crashes.join("\n"));
}

// ---- Nesting

/// `[` a hundred thousand times, in every place a reader might recurse.
fn deeply_nested_inputs() -> Vec<(&'static str, String)> {
    let deep =
        |open: &str, close: &str| format!("{}1{}", open.repeat(100_000), close.repeat(100_000));
    let arrays = deep("[", "]");
    let objects = deep("{\"a\":", "}");
    let stored = include_str!("../data/stored-v2-reflection.json").trim();
    let export = include_str!("../data/export-v1-reflection.json").trim();
    vec![
        ("bare arrays", arrays.clone()),
        ("bare objects", objects.clone()),
        ("unclosed arrays", "[".repeat(100_000)),
        (
            "a record",
            format!(r#"{{"format":"zichtbaar-export","formatVersion":2,"records":[{arrays}]}}"#),
        ),
        (
            "the records",
            format!(r#"{{"format":"zichtbaar-export","formatVersion":2,"records":{arrays}}}"#),
        ),
        (
            "the format",
            format!(r#"{{"format":{arrays},"formatVersion":2,"records":[]}}"#),
        ),
        (
            "an envelope's record",
            format!(r#"{{"schema":2,"record":{objects}}}"#),
        ),
        (
            "a backup's record",
            format!(r#"{{"format":"zichtbaar-backup","formatVersion":1,"records":[{arrays}]}}"#),
        ),
        (
            "an answer",
            export.replacen(
                r#""scale": "in-ontwikkeling","#,
                &format!(r#""scale": {arrays},"#),
                1,
            ),
        ),
        (
            "an unknown field of a record",
            stored.replacen(
                r#""revision":"#,
                &format!(r#""x":{objects},"revision":"#),
                1,
            ),
        ),
        (
            "an unknown field of a file",
            export.replacen(r#""exported":"#, &format!(r#""x":{arrays},"exported":"#), 1),
        ),
    ]
}

#[test]
fn no_reader_overflows_the_stack_on_100000_nested_arrays_or_objects() {
    let results = on_small_stack(|| {
        let mut out = Vec::new();
        for (place, text) in deeply_nested_inputs() {
            for (r, reader) in READERS.iter().enumerate() {
                if let Outcome::Crash(why) = run_case(reader, text.as_bytes()) {
                    out.push(format!(
                        "{} with 100,000 levels in {place}: {why}",
                        SHORT[r]
                    ));
                }
            }
        }
        out
    });
    assert!(results.is_empty(), "{}", results.join("\n"));
}

#[test]
fn deep_nesting_where_a_value_is_read_is_refused_and_where_it_is_skipped_is_passed_over() {
    use zichtbaar_core::{backup, import, stored};
    let inputs = deeply_nested_inputs();
    let get = |place: &str| inputs.iter().find(|(p, _)| *p == place).unwrap().1.clone();
    let (a_record, an_answer, envelope, backup_record, unknown_in_record, unknown_in_file) = (
        get("a record"),
        get("an answer"),
        get("an envelope's record"),
        get("a backup's record"),
        get("an unknown field of a record"),
        get("an unknown field of a file"),
    );
    on_small_stack(move || {
        // Read into a type: refused, record by record.
        let (records, problems) = import::read(&a_record);
        assert!(records.is_empty());
        assert!(
            matches!(
                problems[..],
                [import::ImportProblem::BadRecord { index: 0, .. }]
            ),
            "{problems:?}"
        );
        let (records, problems) = import::read(&an_answer);
        assert!(records.is_empty() && problems.len() == 1, "{problems:?}");
        assert!(stored::decode(&envelope).is_err());
        let restored = backup::decode(&backup_record).unwrap();
        assert!(restored.records.is_empty() && restored.problems.len() == 1);
        // Fields no reader knows are skipped without recursion, however deep.
        let r = stored::decode(&unknown_in_record).unwrap();
        assert_eq!(
            r,
            stored::decode(include_str!("../data/stored-v2-reflection.json")).unwrap()
        );
        let (records, problems) = import::read(&unknown_in_file);
        assert_eq!((records.len(), problems.len()), (1, 0), "{problems:?}");
    });
}

#[test]
fn serde_json_refuses_128_levels_where_it_reads_a_value() {
    // The limit the readers rely on, checked rather than assumed: a
    // dependency turning on serde_json's `unbounded_depth` would not lift it
    // (that needs a call), but a new serde_json might change it.
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    on_small_stack(move || {
        assert!(serde_json::from_str::<serde_json::Value>(&nested(127)).is_ok());
        let e = serde_json::from_str::<serde_json::Value>(&nested(128)).unwrap_err();
        assert!(e.to_string().contains("recursion limit exceeded"), "{e}");
        // Skipped values are not limited.
        #[derive(serde::Deserialize)]
        struct Nothing {}
        assert!(serde_json::from_str::<Nothing>(&format!("{{\"x\":{}}}", nested(100_000))).is_ok());
    });
}

// ---- The long run: ./dev fuzz [SECONDS]

/// Run by `./dev fuzz`: every reader in turn until `ZB_FUZZ_SECONDS` (60
/// unless set) have passed, from seed `ZB_FUZZ_SEED` (else the clock);
/// then the 1 MB and 10 MB figures (only those whose name contains
/// `ZB_FUZZ_FIGURES`, when set). `ZB_FUZZ_REPLAY=<saved input>` runs that
/// one input again, uncaught, for a backtrace.
#[test]
#[ignore = "runs for as long as asked: ./dev fuzz [SECONDS]"]
fn fuzz_for_as_long_as_asked() {
    if let Ok(path) = std::env::var("ZB_FUZZ_REPLAY") {
        return replay(&path);
    }
    let seconds: u64 = std::env::var("ZB_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let seed: u64 = std::env::var("ZB_FUZZ_SEED")
        .ok()
        .and_then(|s| parse_seed(&s))
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    println!("fuzzing every reader for {seconds} s, seed {seed:#018x} (again: ZB_FUZZ_SEED={seed:#x} ./dev fuzz {seconds})");
    println!(
        "every case on a {} KB stack; a stack overflow would abort the run here",
        STACK / 1024
    );
    let crashed = on_small_stack(move || long_run(seed, Duration::from_secs(seconds)));
    if crashed {
        std::process::exit(1);
    }
    println!();
    figures::print();
}

fn parse_seed(s: &str) -> Option<u64> {
    match s.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => s.parse().ok(),
    }
}

#[derive(Default, Clone)]
struct Tally {
    cases: u64,
    crashes: u64,
    largest: usize,
    largest_time: Duration,
    slowest: Duration,
    slowest_size: usize,
}

fn long_run(seed: u64, budget: Duration) -> bool {
    let start = Instant::now();
    let pool = readers::Pool::new(seed);
    let mut tallies = vec![Tally::default(); READERS.len()];
    let mut case = 0u64;
    while start.elapsed() < budget {
        for (r, reader) in READERS.iter().enumerate() {
            let case_seed = gen::case_seed(seed, r, case);
            let input = readers::input(&mut Rng::new(case_seed, LONG_LIMIT), r, &pool);
            let t = Instant::now();
            let outcome = run_case(reader, &input);
            let took = t.elapsed();
            let tally = &mut tallies[r];
            tally.cases += 1;
            if input.len() >= tally.largest {
                (tally.largest, tally.largest_time) = (input.len(), took);
            }
            if took > tally.slowest {
                (tally.slowest, tally.slowest_size) = (took, input.len());
            }
            if let Outcome::Crash(why) = outcome {
                tally.crashes += 1;
                let path = save(r, case_seed, &input);
                println!(
                    "CRASH in {}: {why}\n  case seed {case_seed:#018x}; input saved to {}",
                    reader.name,
                    path.display()
                );
                println!("  again: ZB_FUZZ_REPLAY={} ./dev fuzz", path.display());
            }
        }
        case += 1;
    }
    println!(
        "\n{:<12} {:>9} {:>8} {:>14} {:>10} {:>12} {:>14}",
        "reader", "cases", "crashes", "largest (B)", "its time", "slowest", "its size (B)"
    );
    for (r, t) in tallies.iter().enumerate() {
        println!(
            "{:<12} {:>9} {:>8} {:>14} {:>10} {:>12} {:>14}",
            SHORT[r],
            t.cases,
            t.crashes,
            t.largest,
            figures::ms(t.largest_time),
            figures::ms(t.slowest),
            t.slowest_size
        );
    }
    let crashes: u64 = tallies.iter().map(|t| t.crashes).sum();
    println!(
        "{crashes} crashes in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    crashes > 0
}

/// Runs one saved input through the reader named in its file name.
fn replay(path: &str) {
    let input = std::fs::read(path).unwrap();
    let name = std::path::Path::new(path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let r = SHORT
        .iter()
        .position(|s| name.starts_with(&format!("{s}-")))
        .unwrap_or_else(|| panic!("{name} does not start with a reader's name: {SHORT:?}"));
    let text = String::from_utf8_lossy(&input).into_owned();
    let check = READERS[r].check;
    let result = on_small_stack(move || check(&text));
    assert_eq!(result, Ok(()), "{}", READERS[r].name);
    println!(
        "{}: {} bytes read without a problem",
        READERS[r].name,
        input.len()
    );
}
