//! Finding what could identify a person in free text, before it leaves the device.
//!
//! [`scan`] finds e-mail addresses, phone numbers (Dutch and international
//! forms), Dutch postcodes, BSN-like nine-digit numbers and any of a list of
//! names (whole words, any case). [`redact`] replaces hits with a short
//! placeholder. An export redacts every hit unless the user chose to keep
//! that one; the property tests check that no e-mail address or phone number
//! survives the default.
//!
//! Hand-written scanners, not regular expressions: the `regex` crate would
//! cost more wasm than the whole reflection page.

/// What kind of detail a hit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum HitKind {
    Email,
    Phone,
    Postcode,
    /// Nine digits, like a BSN (citizen service number).
    Number,
    /// One of the names the user asked to watch for.
    Name,
}

impl HitKind {
    /// Plain-Dutch name, for the preview.
    pub fn name(self) -> &'static str {
        match self {
            HitKind::Email => "e-mailadres",
            HitKind::Phone => "telefoonnummer",
            HitKind::Postcode => "postcode",
            HitKind::Number => "nummer van 9 cijfers (zoals een BSN)",
            HitKind::Name => "naam",
        }
    }

    /// What replaces a redacted hit.
    pub fn placeholder(self) -> &'static str {
        match self {
            HitKind::Email => "[e-mailadres weggelaten]",
            HitKind::Phone => "[telefoonnummer weggelaten]",
            HitKind::Postcode => "[postcode weggelaten]",
            HitKind::Number => "[nummer weggelaten]",
            HitKind::Name => "[naam weggelaten]",
        }
    }
}

/// A found detail: bytes `start..end` of the scanned text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub kind: HitKind,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

fn is_email_local(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

fn is_email_domain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')
}

fn emails(text: &str, out: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices('@') {
        let mut start = at;
        while start > 0 && is_email_local(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && is_email_domain(bytes[end]) {
            end += 1;
        }
        // A sentence may end right after the address.
        while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let domain = &text[at + 1..end];
        let tld_ok = domain.rsplit_once('.').is_some_and(|(host, tld)| {
            !host.is_empty() && tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())
        });
        if start < at && tld_ok {
            out.push(Hit {
                start,
                end,
                kind: HitKind::Email,
            });
        }
    }
}

/// Runs of digits that may belong together: digit groups joined by one
/// separator (space, `-`, `.`, `/`) or brackets, optionally after a `+`.
struct Group {
    start: usize,
    end: usize,
    digits: String,
    /// The text before this group allows a number to start here.
    plus: bool,
}

fn digit_groups(text: &str) -> Vec<Vec<Group>> {
    let bytes = text.as_bytes();
    let mut runs: Vec<Vec<Group>> = Vec::new();
    let mut current: Vec<Group> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let glued_to_word =
                (start > 0 && is_word_byte(bytes[start - 1]) && bytes[start - 1] != b'+')
                    || (i < bytes.len() && is_word_byte(bytes[i]) && !bytes[i].is_ascii_digit());
            let plus = start > 0 && bytes[start - 1] == b'+';
            let bracket = start > 0 && bytes[start - 1] == b'(';
            let group_start = if plus || bracket { start - 1 } else { start };
            if glued_to_word {
                // Part of a word such as "3VWO" or "groep7b": not a number.
                if !current.is_empty() {
                    runs.push(std::mem::take(&mut current));
                }
                continue;
            }
            current.push(Group {
                start: group_start,
                end: i,
                digits: text[start..i].to_owned(),
                plus,
            });
            // Look for one separator followed by more digits.
            let mut j = i;
            let mut separators = 0;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'-' | b'.' | b'/' | b'(' | b')') {
                separators += 1;
                j += 1;
            }
            let continues = j < bytes.len()
                && (bytes[j].is_ascii_digit() || bytes[j] == b'+')
                && (1..=2).contains(&separators);
            if !continues {
                runs.push(std::mem::take(&mut current));
            }
            i = j.max(i);
        } else {
            if bytes[i] != b'+' && bytes[i] != b'(' && !current.is_empty() {
                runs.push(std::mem::take(&mut current));
            }
            i += 1;
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

fn phone_digits(plus: bool, digits: &str) -> bool {
    let n = digits.len();
    if plus {
        if let Some(rest) = digits.strip_prefix("31") {
            return rest.len() == 9 || (rest.len() == 10 && rest.starts_with('0'));
        }
        return (8..=15).contains(&n);
    }
    if let Some(rest) = digits.strip_prefix("0031") {
        return rest.len() == 9;
    }
    digits.starts_with('0') && !digits.starts_with("00") && n == 10
}

fn numbers(text: &str, out: &mut Vec<Hit>) {
    for run in digit_groups(text) {
        let mut i = 0;
        while i < run.len() {
            // The longest window of groups from `i` that is a phone number or
            // a nine-digit number; otherwise move on one group.
            let mut found = None;
            let mut digits = String::new();
            for (j, group) in run.iter().enumerate().skip(i) {
                digits.push_str(&group.digits);
                if digits.len() > 16 {
                    break;
                }
                let plus = run[i].plus;
                if phone_digits(plus, &digits) {
                    found = Some((j, HitKind::Phone));
                } else if !plus && digits.len() == 9 && found.is_none() {
                    found = Some((j, HitKind::Number));
                }
            }
            match found {
                Some((j, kind)) => {
                    // An opening bracket belongs to the number only when
                    // the number closes it too: "(020) 123 45 67", but not
                    // the bracket around "(06 12345678)".
                    let (mut start, end) = (run[i].start, run[j].end);
                    if text[start..end].starts_with('(') && !text[start..end].contains(')') {
                        start += 1;
                    }
                    out.push(Hit { start, end, kind });
                    i = j + 1;
                }
                None => i += 1,
            }
        }
    }
}

fn postcodes(text: &str, out: &mut Vec<Hit>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 6 <= b.len() {
        let starts_word = i == 0 || !is_word_byte(b[i - 1]);
        let digits = b[i..i + 4].iter().all(u8::is_ascii_digit) && b[i] != b'0';
        if !(starts_word && digits) {
            i += 1;
            continue;
        }
        // "1234 AB" (capitals, with a space) or "1234AB"/"1234ab" (no space).
        let spaced = i + 7 <= b.len()
            && b[i + 4] == b' '
            && b[i + 5].is_ascii_uppercase()
            && b[i + 6].is_ascii_uppercase();
        let glued = b[i + 4].is_ascii_alphabetic()
            && b[i + 5].is_ascii_alphabetic()
            && b[i + 4].is_ascii_uppercase() == b[i + 5].is_ascii_uppercase();
        let end = if spaced {
            i + 7
        } else if glued {
            i + 6
        } else {
            i += 1;
            continue;
        };
        if end == b.len() || !is_word_byte(b[end]) {
            out.push(Hit {
                start: i,
                end,
                kind: HitKind::Postcode,
            });
            i = end;
        } else {
            i += 1;
        }
    }
}

/// Whether `needle` occurs in `text` at byte `at`, ignoring ASCII case.
/// (Letters outside ASCII must match exactly: full Unicode case folding
/// would add its tables to the wasm for the rare name that needs it.)
fn matches_at(text: &[u8], at: usize, needle: &[u8]) -> bool {
    text.len() >= at + needle.len()
        && text[at..at + needle.len()]
            .iter()
            .zip(needle)
            .all(|(a, b)| a.eq_ignore_ascii_case(b))
}

fn names(text: &str, watch: &[String], out: &mut Vec<Hit>) {
    let b = text.as_bytes();
    for name in watch {
        let needle = name.trim().as_bytes();
        if needle.len() < 2 {
            continue;
        }
        let mut at = 0;
        while at + needle.len() <= b.len() {
            let end = at + needle.len();
            if text.is_char_boundary(at)
                && (at == 0 || !is_word_byte(b[at - 1]))
                && matches_at(b, at, needle)
                && (end == b.len() || !is_word_byte(b[end]))
            {
                out.push(Hit {
                    start: at,
                    end,
                    kind: HitKind::Name,
                });
                at = end;
            } else {
                at += 1;
            }
        }
    }
}

/// Every detail in `text` that could identify someone, in order, without
/// overlaps (where two overlap, the earlier and then longer one wins).
pub fn scan(text: &str, watch_names: &[String]) -> Vec<Hit> {
    let mut hits = Vec::new();
    emails(text, &mut hits);
    numbers(text, &mut hits);
    postcodes(text, &mut hits);
    names(text, watch_names, &mut hits);
    // Few hits: an insertion sort, without the general sort's code.
    for i in 1..hits.len() {
        let mut j = i;
        while j > 0
            && (hits[j].start, usize::MAX - hits[j].end)
                < (hits[j - 1].start, usize::MAX - hits[j - 1].end)
        {
            hits.swap(j, j - 1);
            j -= 1;
        }
    }
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for hit in hits {
        if out.last().is_none_or(|last| hit.start >= last.end) {
            out.push(hit);
        }
    }
    out
}

/// `text` with every hit replaced by its placeholder, except those for
/// which `keep(index)` is true.
pub fn redact(text: &str, hits: &[Hit], keep: impl Fn(usize) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (i, hit) in hits.iter().enumerate() {
        if keep(i) {
            continue;
        }
        out.push_str(&text[at..hit.start]);
        out.push_str(hit.kind.placeholder());
        at = hit.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(HitKind, &str)> {
        scan(text, &[])
            .iter()
            .map(|h| (h.kind, &text[h.start..h.end]))
            .collect()
    }

    #[test]
    fn finds_email_addresses_but_not_lone_at_signs() {
        assert_eq!(
            found("Mail j.de.vries+zorg@school-a.nl. Of info@swv.example.org"),
            [
                (HitKind::Email, "j.de.vries+zorg@school-a.nl"),
                (HitKind::Email, "info@swv.example.org")
            ]
        );
        assert_eq!(found("Om 10 @ lokaal 3, of @docent, of a@b"), []);
    }

    #[test]
    fn finds_dutch_and_international_phone_numbers() {
        for phone in [
            "0612345678",
            "06-12345678",
            "06 1234 5678",
            "06-123 456 78",
            "020-1234567",
            "(020) 123 45 67",
            "0201234567",
            "+31 6 12345678",
            "+31612345678",
            "+31 (0)6 12345678",
            "0031 6 1234 5678",
            "+44 20 7946 0958",
        ] {
            let text = format!("Bel {phone} even.");
            assert_eq!(found(&text), [(HitKind::Phone, phone)], "{text}");
        }
    }

    #[test]
    fn a_phone_number_in_brackets_leaves_the_brackets_to_the_sentence() {
        let text = "Jan Jansen (06 12345678) belt terug.";
        assert_eq!(found(text), [(HitKind::Phone, "06 12345678")]);
        assert_eq!(
            redact(text, &scan(text, &[]), |_| false),
            "Jan Jansen ([telefoonnummer weggelaten]) belt terug."
        );
        // An area code in brackets is still part of the number.
        assert_eq!(
            found("Bel (020) 123 45 67."),
            [(HitKind::Phone, "(020) 123 45 67")]
        );
    }

    #[test]
    fn leaves_years_dates_times_and_counts_alone() {
        for text in [
            "In 2025-2026 en 2026/2027.",
            "Op 23-11-2026 om 14.30 uur.",
            "Wij hebben 1200 leerlingen en 85 docenten.",
            "Klas 3VWO en groep7b, lokaal 0.12.",
            "Versie 2026.1 van de tekst.",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }

    #[test]
    fn a_phone_number_after_a_year_is_still_found() {
        assert_eq!(
            found("Sinds 2025 06-12345678"),
            [(HitKind::Phone, "06-12345678")]
        );
    }

    #[test]
    fn finds_bsn_like_numbers_and_postcodes() {
        assert_eq!(
            found("BSN 123456782, ook 123.456.782 en 1234 56 782. Adres 1234 AB of 5678cd."),
            [
                (HitKind::Number, "123456782"),
                (HitKind::Number, "123.456.782"),
                (HitKind::Number, "1234 56 782"),
                (HitKind::Postcode, "1234 AB"),
                (HitKind::Postcode, "5678cd"),
            ]
        );
        // Lower case with a space is ordinary text ("in 2026 de ...").
        assert_eq!(found("In 2026 de eerste stap, 1000 en meer."), []);
    }

    #[test]
    fn finds_watched_names_as_whole_words_in_any_case() {
        let names = vec![
            "Sanne".to_owned(),
            "de Vries".to_owned(),
            "x".to_owned(),
            "Ömer".to_owned(),
        ];
        let text = "sanne en DE VRIES, maar niet Sannetje of Vriesland. x";
        let hits: Vec<&str> = scan(text, &names)
            .iter()
            .map(|h| &text[h.start..h.end])
            .collect();
        assert_eq!(hits, ["sanne", "DE VRIES"]);
    }

    #[test]
    fn names_are_found_next_to_non_ascii_text() {
        let names = vec!["Eva".to_owned()];
        let text = "Ëlla en Eva: één gesprek.";
        let hits: Vec<&str> = scan(text, &names)
            .iter()
            .map(|h| &text[h.start..h.end])
            .collect();
        assert_eq!(hits, ["Eva"]);
    }

    #[test]
    fn redact_replaces_hits_except_the_kept_ones() {
        let text = "Mail a@b.nl of bel 0612345678.";
        let hits = scan(text, &[]);
        assert_eq!(
            redact(text, &hits, |_| false),
            "Mail [e-mailadres weggelaten] of bel [telefoonnummer weggelaten]."
        );
        assert_eq!(
            redact(text, &hits, |i| i == 1),
            "Mail [e-mailadres weggelaten] of bel 0612345678."
        );
    }
}
