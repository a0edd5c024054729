//! Finding what could identify a person in free text, before it leaves the device.
//!
//! [`scan`] finds:
//!
//! - e-mail addresses, in any case, with `+` tags and subdomains;
//! - phone numbers, Dutch (`06-12345678`, `020 123 45 67`, `(0575) 123456`)
//!   and international (`+31 (0)6 ...`, `0031 20 ...`, `+32 ...`, `0049 ...`),
//!   however they are spaced: digit groups joined by spaces, `-`, `.`, `/`
//!   or brackets, up to four such characters between two groups
//!   (`06 - 1234 5678`, `(06) - 12345678`);
//! - Dutch postcodes: `1234 AB`, `1234AB`, `1234 ab`, `1234ab`, unless the
//!   letters are in lower case, or follow a year (19xx, 20xx), and are a
//!   short word, unit or school abbreviation (see [`NOT_POSTCODE`]:
//!   `in 2025 en 2026`, `1500 km`, `sinds 2020 VO`); never `SA`, `SD` or
//!   `SS`, which postcodes do not use;
//! - every nine-digit number (`123456782`, `1234.56.782`, `123 456 782`),
//!   as a BSN could be one. No eleven-test: a privacy officer would rather
//!   lose an ordinary figure than let a mistyped BSN through;
//! - IBANs, any country, upper or lower case, in groups of four or not,
//!   whose check digits hold (mod 97), so that ordinary codes do not hit;
//! - street addresses: a word ending in a street word (see [`STREETS`])
//!   followed by a house number (`Kerkstraat 12`, `Dorpsweg 3a`,
//!   `Goghlaan 101-2`, `Kerkstr. 7`). The hit is that word and the number:
//!   words before it (`Van`, `Oude`) and a separate addition (`bis`) stay;
//! - any of a list of names: whole words, any (ASCII) case, also followed
//!   by a possessive `s` (`Jans fiets`), with any spaces or line breaks
//!   between the words of a name, and inside a hyphenated word
//!   (`Sanne-Marie` for `Sanne`).
//!
//! Before scanning, no-break and thin spaces count as spaces, dashes as `-`,
//! curly apostrophes as `'`, and invisible characters (soft hyphen,
//! zero-width space) as nothing: what a word processor or phone puts in
//! must not hide a number. Hits are byte ranges of the text as given.
//! Digits followed by letters (`3VWO`, `groep7b`) are part of a word, not a
//! number, unless there are nine or more (`BSN123456782`); right after
//! letters they may start one (`tel0612345678`).
//!
//! Deliberately not found: addresses without a house number or with a
//! street word outside the list, e-mail addresses written out
//! (`jan at school punt nl`), IBANs whose check fails (a mistyped one),
//! names not on the list or differing in a non-ASCII letter's case or an
//! accent. A date or school year next to a time or a count
//! (`07-06-2026 10.15`, `leerjaar 4 2025-2026`) is no phone number or BSN;
//! with a two-digit year (`07-06-26 10.15`) it is taken for a phone number,
//! as `06-12-34 56 78` could be either.
//!
//! [`redact`] replaces hits with a short placeholder. An export redacts
//! every hit unless the user chose to keep that one; the property tests
//! (`tests/privacy_officer.rs`) generate every shape above.
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
    /// A bank account number (IBAN).
    Iban,
    /// A street with a house number.
    Address,
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
            HitKind::Iban => "rekeningnummer (IBAN)",
            HitKind::Address => "adres",
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
            HitKind::Iban => "[rekeningnummer weggelaten]",
            HitKind::Address => "[adres weggelaten]",
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

/// Whether the byte at `at`, if any, belongs to a word.
fn word_at(b: &[u8], at: usize) -> bool {
    b.get(at).is_some_and(|&c| is_word_byte(c))
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

/// Runs of digits that may belong together: digit groups joined by up to
/// four separators (space, `-`, `.`, `/`, brackets), optionally after a `+`.
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
            let plus = start > 0 && bytes[start - 1] == b'+';
            let bracket = start > 0 && bytes[start - 1] == b'(';
            let group_start = if plus || bracket { start - 1 } else { start };
            // Followed by letters, as in "3VWO" or "groep7b": part of a
            // word, not a number, unless it is long enough to be one
            // ("BSN123456782"). After letters only it may start one
            // ("tel0612345678", "BSN123 456 782").
            if word_at(bytes, i) && i - start < 9 {
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
            // Look for a few separators followed by more digits.
            let mut j = i;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'-' | b'.' | b'/' | b'(' | b')') {
                j += 1;
            }
            let continues = j < bytes.len()
                && (bytes[j].is_ascii_digit() || bytes[j] == b'+')
                && (1..=4).contains(&(j - i));
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
    // "+" and "00" both start an international number.
    let international = if plus {
        Some(digits)
    } else {
        digits.strip_prefix("00")
    };
    match international {
        Some(rest) => match rest.strip_prefix("31") {
            // "+31 6 ...", or "+31 (0)6 ..." with the trunk zero.
            Some(nl) => nl.len() == 9 || (nl.len() == 10 && nl.starts_with('0')),
            None => (8..=15).contains(&rest.len()),
        },
        None => digits.starts_with('0') && digits.len() == 10,
    }
}

/// How many groups of `run` from `i` on are a date with a four-digit year
/// (`07-06-2026`, `7/6/2026`: 3) or a school year (`2025-2026`: 2), joined
/// by `-`, `/` or `.` and set apart from the groups around them by another
/// separator; 0 when they are not. A number does not start with one, and
/// only a number starting with `0` or `+` runs through one, so that a time
/// or count beside it is no phone number or BSN (`07-06-2026 10.15`,
/// `leerjaar 4 2025-2026`), while `06-12-06-2034` and `06 01-01-2000` are
/// phone numbers.
fn calendar(text: &str, run: &[Group], i: usize) -> usize {
    let digits = |k: usize| run.get(i + k).map_or("", |g| g.digits.as_str());
    let num = |k: usize| digits(k).parse::<u32>().unwrap_or(0);
    let year = |k: usize| digits(k).len() == 4 && (1900..2100).contains(&num(k));
    let n = if digits(0).len() <= 2
        && (1..=31).contains(&num(0))
        && digits(1).len() <= 2
        && (1..=12).contains(&num(1))
        && year(2)
    {
        3
    } else if year(0) && year(1) && num(0) + 1 == num(1) {
        2
    } else {
        return 0;
    };
    // The separator between group `k` and the next.
    let sep = |k: usize| run.get(k + 1).map(|next| &text[run[k].end..next.start]);
    let s = sep(i);
    let apart = (i == 0 || sep(i - 1) != s) && sep(i + n - 1) != s;
    if !run[i].plus && matches!(s, Some("-" | "/" | ".")) && sep(i + n - 2) == s && apart {
        n
    } else {
        0
    }
}

fn numbers(text: &str, out: &mut Vec<Hit>) {
    for run in digit_groups(text) {
        let mut i = 0;
        while i < run.len() {
            let skip = calendar(text, &run, i);
            if skip > 0 {
                i += skip;
                continue;
            }
            // The longest window of groups from `i` that is a phone number or
            // a nine-digit number; otherwise move on one group.
            let mut found = None;
            let mut digits = String::new();
            let phone_like = run[i].plus || run[i].digits.starts_with('0');
            for (j, group) in run.iter().enumerate().skip(i) {
                if j > i && !phone_like && calendar(text, &run, j) > 0 {
                    break;
                }
                digits.push_str(&group.digits);
                if digits.len() > 17 {
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
                    // its first group closes it: "(020) 123 45 67", but not
                    // the brackets around "(06 12345678)", "(0031 (0)6 ...)".
                    let (mut start, end) = (run[i].start, run[j].end);
                    if text[start..].starts_with('(')
                        && (i == j || !text[run[i].end..].starts_with(')'))
                    {
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

/// Two letters that may follow a four-digit number in ordinary text: short
/// words and units ("in 2025 en 2026", "1500 km") and, after a year, school
/// abbreviations ("sinds 2020 VO en PO", "2026 BB"). They are no postcode
/// letters in lower case, and after a year (19xx, 20xx) in any case.
pub const NOT_POSTCODE: &[u8] =
    b"af al bb ca cm de dl en er gl ha ib ik in is je kb kg km ll mb mg ml mm mr na nu ob of om op po pp so st te tl tv uw vo we ze zo";

fn postcodes(text: &str, out: &mut Vec<Hit>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 6 <= b.len() {
        let starts_word = i == 0 || !is_word_byte(b[i - 1]);
        let digits = b[i..i + 4].iter().all(u8::is_ascii_digit) && b[i] != b'0';
        // "1234 AB" or "1234AB": the letters after an optional space.
        let at = if b[i + 4] == b' ' { i + 5 } else { i + 4 };
        let letters = b.get(at..at + 2).unwrap_or_default();
        let end = at + 2;
        let pair = letters.to_ascii_lowercase();
        let ok = starts_word
            && digits
            && letters.len() == 2
            && letters.iter().all(u8::is_ascii_alphabetic)
            && letters[0].is_ascii_uppercase() == letters[1].is_ascii_uppercase()
            && !(pair[0] == b's' && matches!(pair[1], b'a' | b'd' | b's'))
            && !((letters[0].is_ascii_lowercase()
                || b[i..i + 2] == *b"19"
                || b[i..i + 2] == *b"20")
                && NOT_POSTCODE.chunks(3).any(|w| w[..2] == pair))
            && !word_at(b, end);
        if ok {
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

/// Adds `c` (a digit or letter) to `r`, the remainder mod 97 of an IBAN's
/// digits so far; a letter counts as two digits, A = 10 to Z = 35.
fn mod97(r: u32, c: u8) -> u32 {
    let v = if c.is_ascii_digit() {
        u32::from(c - b'0')
    } else {
        u32::from(c.to_ascii_uppercase() - b'A') + 10
    };
    (r * if v < 10 { 10 } else { 100 } + v) % 97
}

/// IBANs: two letters and two check digits at the start of a word, then
/// 11 to 30 letters and digits, in groups of four or not; the longest that
/// ends a word and whose check holds.
fn ibans(text: &str, out: &mut Vec<Hit>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 15 <= b.len() {
        let head = &b[i..i + 4];
        let mut found = None;
        if !(i > 0 && is_word_byte(b[i - 1]))
            && head[..2].iter().all(u8::is_ascii_alphabetic)
            && head[2..].iter().all(u8::is_ascii_digit)
        {
            let (mut r, mut n, mut j) = (0, 0, i + 4);
            while n < 30 {
                // A space only between groups of four.
                if n % 4 == 0 && b.get(j) == Some(&b' ') {
                    j += 1;
                }
                match b.get(j) {
                    Some(&c) if c.is_ascii_alphanumeric() => r = mod97(r, c),
                    _ => break,
                }
                n += 1;
                j += 1;
                if n >= 11 && !word_at(b, j) && head.iter().fold(r, |r, &c| mod97(r, c)) == 1 {
                    found = Some(j);
                }
            }
        }
        match found {
            Some(end) => {
                out.push(Hit {
                    start: i,
                    end,
                    kind: HitKind::Iban,
                });
                i = end;
            }
            None => i += 1,
        }
    }
}

/// How street names end. A word ending in one of the first [`ANY_CASE`]
/// counts in any case when it is longer than the ending ("kerkstraat 12",
/// not "op straat 3 keer"); a word ending in any of them counts when it
/// starts with a capital ("Dorpsweg 3", "Plein 1944"), as "op weg 3
/// doelen" and "het schoolplein 2 keer" are ordinary text. Not "dam",
/// "ring" or "baan": "Amsterdam 12", "Kring 3" and "Loopbaan 2" are not
/// addresses.
pub const STREETS: [&str; 20] = [
    "straat",
    "str.",
    "laan",
    "gracht",
    "singel",
    "dreef",
    "steeg",
    "kade",
    "allee",
    "boulevard",
    "plantsoen",
    "weg",
    "plein",
    "hof",
    "pad",
    "dijk",
    "markt",
    "park",
    "erf",
    "veld",
];
/// How many of [`STREETS`], from the first, count in any case.
pub const ANY_CASE: usize = 11;

/// Street addresses: a street word, one space, a house number (`12`,
/// `3a`, `101-2`).
fn addresses(text: &str, out: &mut Vec<Hit>) {
    let b = text.as_bytes();
    for i in 2..b.len() {
        if !(b[i].is_ascii_digit() && b[i] != b'0' && b[i - 1] == b' ' && b[i - 2] != b' ') {
            continue;
        }
        let mut start = i - 1;
        if b[start - 1] == b'.' {
            start -= 1;
        }
        while start > 0 && (b[start - 1].is_ascii_alphabetic() || b[start - 1] >= 0x80) {
            start -= 1;
        }
        let word = &b[start..i - 1];
        let street = !word.is_empty()
            && (start == 0 || !is_word_byte(b[start - 1]))
            && STREETS.iter().enumerate().any(|(k, s)| {
                let s = s.as_bytes();
                word.len() >= s.len()
                    && word[word.len() - s.len()..].eq_ignore_ascii_case(s)
                    && (word[0].is_ascii_uppercase() || (k < ANY_CASE && word.len() > s.len()))
            });
        if street {
            let mut end = i;
            while word_at(b, end) || (b.get(end) == Some(&b'-') && word_at(b, end + 1)) {
                end += 1;
            }
            out.push(Hit {
                start,
                end,
                kind: HitKind::Address,
            });
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

/// Where `name` ends when it starts at `at` in `text`: its words in any
/// case, with any spaces or line breaks between them, and a possessive
/// `s` ("Jans fiets"), up to the end of a word.
fn name_end(text: &[u8], mut at: usize, name: &str) -> Option<usize> {
    for (k, word) in name.split_whitespace().enumerate() {
        let from = at;
        while k > 0 && text.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        if (k > 0 && at == from) || !matches_at(text, at, word.as_bytes()) {
            return None;
        }
        at += word.len();
    }
    if text.get(at).is_some_and(|c| c.eq_ignore_ascii_case(&b's')) && !word_at(text, at + 1) {
        at += 1;
    }
    (!word_at(text, at)).then_some(at)
}

fn names(text: &str, watch: &[String], out: &mut Vec<Hit>) {
    let b = text.as_bytes();
    for name in watch {
        if name.trim().len() < 2 {
            continue;
        }
        let mut at = 0;
        while at < b.len() {
            let end = (text.is_char_boundary(at) && (at == 0 || !is_word_byte(b[at - 1])))
                .then(|| name_end(b, at, name))
                .flatten();
            match end {
                Some(end) => {
                    out.push(Hit {
                        start: at,
                        end,
                        kind: HitKind::Name,
                    });
                    at = end;
                }
                None => at += 1,
            }
        }
    }
}

/// `text` with look-alike characters made plain for the scanners, and per
/// byte of it (and one past its end) the offset in `text` it came from:
/// no-break and thin spaces become spaces, dashes and minus `-`, curly
/// apostrophes `'`, and invisible characters (soft hyphen, zero-width
/// spaces and joiners, byte order mark) are left out.
fn plain(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut from = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        let c = match c {
            '\u{a0}' | '\u{2007}'..='\u{200a}' | '\u{202f}' => ' ',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => continue,
            c => c,
        };
        out.push(c);
        from.resize(out.len(), i);
    }
    from.push(text.len());
    (out, from)
}

/// Every detail in `text` that could identify someone, in order, without
/// overlaps (where two overlap, the earlier and then longer one wins).
pub fn scan(text: &str, watch_names: &[String]) -> Vec<Hit> {
    let (plain, from) = plain(text);
    let mut hits = Vec::new();
    emails(&plain, &mut hits);
    ibans(&plain, &mut hits);
    numbers(&plain, &mut hits);
    postcodes(&plain, &mut hits);
    addresses(&plain, &mut hits);
    names(&plain, watch_names, &mut hits);
    // In order, the longest first where two start together. The general
    // sort: an insertion sort was quadratic when hits of different kinds
    // alternate (found by `./dev fuzz`: 16 s for 1 MB of "a@b.nl 0612345678 "),
    // and the anonymiser is only in the second bundle, which has the sort anyway.
    hits.sort_unstable_by_key(|h| (h.start, usize::MAX - h.end));
    // Overlaps are told apart in the plain text's offsets, where the hits
    // were found: before any is mapped back to `text` (where a "—" before
    // them takes three bytes, not one).
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    let mut end = 0;
    for hit in hits {
        if out.is_empty() || hit.start >= end {
            end = hit.end;
            out.push(Hit {
                start: from[hit.start],
                end: from[hit.end],
                ..hit
            });
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

    /// Found by trying it as a director would: with a dash or curly quotes
    /// before them, every hit after the first was compared against the one
    /// before in the wrong offsets and dropped, so an address was sent.
    #[test]
    fn hits_after_wide_characters_are_all_found() {
        assert_eq!(
            found("— 020-1234567 info@vossius.example."),
            [
                (HitKind::Phone, "020-1234567"),
                (HitKind::Email, "info@vossius.example")
            ]
        );
        let text = "“Graag” — mail a@b.nl — ‘of’ c@d.nl → e@f.nl, bel 010-1234567 of 06-12345678.";
        let kinds: Vec<(HitKind, &str)> = found(text);
        assert_eq!(
            kinds,
            [
                (HitKind::Email, "a@b.nl"),
                (HitKind::Email, "c@d.nl"),
                (HitKind::Email, "e@f.nl"),
                (HitKind::Phone, "010-1234567"),
                (HitKind::Phone, "06-12345678")
            ]
        );
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
    fn hits_of_different_kinds_alternating_are_all_found_in_order() {
        // `./dev fuzz` found the old insertion sort quadratic on this shape.
        let text = "a@b.nl 0612345678 ".repeat(5000);
        let hits = scan(&text, &[]);
        assert_eq!(hits.len(), 10_000);
        assert!(hits.windows(2).all(|w| w[0].end <= w[1].start));
        assert_eq!(hits[0].kind, HitKind::Email);
        assert_eq!(hits[1].kind, HitKind::Phone);
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
