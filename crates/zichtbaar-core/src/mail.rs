//! A confirmation carried in the text of an e-mail, and exports found again
//! in mail that arrived: text pasted from a mail program, or a message
//! saved as an `.eml` file.
//!
//! A `mailto:` link cannot attach a file, so the mail that
//! [`receipt_mail`] writes carries the export itself: a part a person
//! reads, and below it a block that `/verzamelen` reads. The block is the
//! export as compact JSON, compressed with DEFLATE (RFC 1951, raw, no zlib
//! header), in base64url (RFC 4648, section 5, without padding), in lines
//! of [`LINE`] characters between the lines [`BEGIN`] and [`END`]
//! (`docs/export-format.md`, "In the text of an e-mail"). Compressed, a
//! confirmation takes about half the characters, and a link stays under
//! [`MAILTO_LIMIT`] with a reaction of a thousand characters or more.
//! Base64url has no spaces, so a mail program that
//! wraps long lines never breaks one of them; it needs no percent-encoding
//! in a `mailto:` link; and quoting (`> `), quoted-printable soft line
//! breaks (`=`) and line breaks are skipped when it is read back.
//!
//! [`exports_in`] finds every export in a text: such blocks, exports pasted
//! as plain JSON (the "Kopiëren" button), and, in a saved message, every
//! text part and every attachment (`mail-parser` decodes MIME: multipart,
//! base64, quoted-printable, character sets).

use std::collections::BTreeSet;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::export::{Export, ExportRecord};
use crate::record::{ReceiptAnswers, Role, SharedWithColleagues};

/// The line above the block.
pub const BEGIN: &str = "ZICHTBAAR-BEGIN";
/// The line below the block.
pub const END: &str = "ZICHTBAAR-EINDE";
/// Characters per line of the block.
pub const LINE: usize = 64;

/// The longest `mailto:` link this app makes. Links longer than about 2,000
/// characters do not open a mail in Chrome on Windows (reported for Outlook
/// as the mail program); Firefox passes at least 8,000 to Outlook,
/// Thunderbird and Apple Mail take far more. Below this length a link opens
/// a mail everywhere it opens one at all.
pub const MAILTO_LIMIT: usize = 2000;

/// The export as a block for a mail body: [`BEGIN`], lines of base64url,
/// [`END`], each line ending in `\n`.
pub fn block(export: &Export) -> String {
    let json = serde_json::to_string(export).expect("an export always serialises");
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 10);
    let encoded = URL_SAFE_NO_PAD.encode(packed);
    let mut out = String::with_capacity(encoded.len() + encoded.len() / LINE + 40);
    out.push_str(BEGIN);
    out.push('\n');
    // Base64 is ASCII: every slice boundary is a char boundary.
    for start in (0..encoded.len()).step_by(LINE) {
        out.push_str(&encoded[start..(start + LINE).min(encoded.len())]);
        out.push('\n');
    }
    out.push_str(END);
    out.push('\n');
    out
}

/// Percent-encodes for a `mailto:` URL (RFC 6068): everything but unreserved
/// characters, with line breaks as `%0D%0A`.
fn encode(text: &str, out: &mut String) {
    for b in text.replace("\r\n", "\n").replace('\n', "\r\n").bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
    }
}

/// A `mailto:` link with subject and body; `to` may be empty (the user
/// fills in the address in their mail program).
pub fn mailto(to: &str, subject: &str, body: &str) -> String {
    let mut out = String::from("mailto:");
    encode(to, &mut out);
    // The @ of an address is allowed as is.
    let mut out = out.replace("%40", "@");
    out.push_str("?subject=");
    encode(subject, &mut out);
    out.push_str("&body=");
    encode(body, &mut out);
    out
}

/// Who the mail goes to, and how the text names them.
#[derive(Clone, Copy, Debug)]
pub struct Addressee<'a> {
    /// An e-mail address, or empty.
    pub email: &'a str,
    /// "Koers VO", or empty for "het samenwerkingsverband".
    pub name: &'a str,
}

/// A mail that carries a confirmation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceiptMail {
    pub subject: String,
    pub body: String,
    /// The `mailto:` link, at most [`MAILTO_LIMIT`] characters.
    pub href: String,
    /// The written texts were too long to stand twice in the link: the part
    /// a person reads leaves them out and says they are in the block.
    pub texts_in_block_only: bool,
}

fn receipt_of(export: &Export) -> Option<(&ExportRecord, &ReceiptAnswers)> {
    let record = export.records.first()?;
    Some((record, record.receipt.as_ref()?))
}

/// The part of the mail a person reads, and below it the block.
fn receipt_body(
    record: &ExportRecord,
    r: &ReceiptAnswers,
    title: &str,
    to: Addressee<'_>,
    with_texts: bool,
    block: &str,
) -> String {
    let greeting = if to.name.trim().is_empty() {
        "samenwerkingsverband"
    } else {
        to.name.trim()
    };
    let mut out = format!("Beste {greeting},\n\n");
    out.push_str(&format!(
        "Hierbij laten we weten dat de handreiking '{title}' bij ons is aangekomen.\n\n"
    ));
    if let Some(school) = &record.school {
        out.push_str(&format!("School: {}", school.name));
        if !school.brin.is_empty() {
            out.push_str(&format!(" (BRIN {})", school.brin));
        }
        out.push('\n');
    }
    let role = match r.role {
        Some(Role::Anders) if !r.role_other.trim().is_empty() => r.role_other.trim().to_owned(),
        Some(role) => role.label().to_owned(),
        None => "niet ingevuld".to_owned(),
    };
    out.push_str(&format!("Rol: {role}\n"));
    out.push_str(&format!(
        "Handreiking ontvangen: {}\n",
        if r.received { "Ja" } else { "Nee" }
    ));
    out.push_str(&format!(
        "Gedeeld met collega's: {}\n",
        r.shared_with_colleagues
            .map_or("niet ingevuld", SharedWithColleagues::label)
    ));
    let texts = [
        ("Wat we van de handreiking vinden", &r.reactions),
        ("Wat we willen bespreken", &r.wishes),
    ];
    let written = texts.iter().any(|(_, t)| !t.trim().is_empty());
    if with_texts {
        for (label, text) in texts {
            if !text.trim().is_empty() {
                out.push_str(&format!("\n{label}:\n{}\n", text.trim()));
            }
        }
    } else if written {
        let which: Vec<&str> = texts
            .iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(label, _)| *label)
            .collect();
        out.push_str(&format!(
            "\nOnze tekst bij '{}' is te lang voor deze e-mail. Hij staat in het blok hieronder; Zichtbaar laat hem zien.\n",
            which.join("' en '")
        ));
    }
    out.push_str("\nMet vriendelijke groet,\n\n\n\n");
    out.push_str("Het blok hieronder is dezelfde bevestiging, voor Zichtbaar. Laat het staan zoals het is.\n");
    out.push_str(block);
    out
}

/// A mail to the SWV that carries the confirmation in `export` (made by
/// [`crate::export::prepare`] for a receipt): readable for a person, with
/// the block for `/verzamelen` below it. `None` when it is not a receipt,
/// or when even without the written texts in the readable part the link
/// would be longer than [`MAILTO_LIMIT`]: then only a file gets it there.
pub fn receipt_mail(export: &Export, title: &str, to: Addressee<'_>) -> Option<ReceiptMail> {
    let (record, r) = receipt_of(export)?;
    let block = block(export);
    let subject = match &record.school {
        Some(s) if !s.name.is_empty() => format!("Ontvangst handreiking: {}", s.name),
        _ => "Ontvangst handreiking".to_owned(),
    };
    [true, false].into_iter().find_map(|with_texts| {
        let body = receipt_body(record, r, title, to, with_texts, &block);
        let href = mailto(to.email, &subject, &body);
        (href.len() <= MAILTO_LIMIT).then(|| ReceiptMail {
            subject: subject.clone(),
            body,
            href,
            texts_in_block_only: !with_texts,
        })
    })
}

/// What [`exports_in`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// Each export once, as JSON text, in the order found.
    pub exports: Vec<String>,
    /// Blocks that were cut off or changed on the way, so they cannot be read.
    pub damaged: usize,
}

impl Found {
    fn add(&mut self, seen: &mut BTreeSet<String>, json: String) {
        if seen.insert(json.clone()) {
            self.exports.push(json);
        }
    }
}

/// Whether `text` starts as a saved mail message does: header lines
/// (`Name: value`, the first one a header every message has) before an
/// empty line.
fn is_message(text: &str) -> bool {
    const FIRST: [&str; 10] = [
        "received",
        "return-path",
        "from",
        "to",
        "subject",
        "date",
        "mime-version",
        "message-id",
        "delivered-to",
        "content-type",
    ];
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    let Some((name, _)) = first.split_once(':') else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    (FIRST.contains(&name.as_str()) || name.starts_with("x-"))
        && (text.contains("\n\n") || text.contains("\r\n\r\n"))
}

/// The decoded JSON of the block that starts right after a [`BEGIN`], and
/// where it ends; `Err` with where to go on when it is damaged.
fn read_block(after: &str) -> Result<(String, usize), usize> {
    // A block cut short has no end of its own: the next block's begin comes
    // first, and that block is read on its own.
    let end = match (after.find(END), after.find(BEGIN)) {
        (Some(end), Some(next)) if next < end => return Err(next),
        (Some(end), _) => end,
        (None, next) => return Err(next.unwrap_or(after.len())),
    };
    let mut encoded = String::with_capacity(end);
    for c in after[..end].chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '_' => encoded.push(c),
            // Line breaks, quoting ("> "), soft line breaks of
            // quoted-printable ("=" at the end of a line).
            c if c.is_whitespace() || c == '>' || c == '=' => {}
            _ => return Err(end),
        }
    }
    let packed = URL_SAFE_NO_PAD
        .decode(encoded.as_bytes())
        .map_err(|_| end)?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_UNPACKED)
        .map_err(|_| end)?;
    let json = String::from_utf8(bytes).map_err(|_| end)?;
    Ok((json, end + END.len()))
}

/// The most a block unpacks to: far more than any confirmation or
/// reflection, and a bound on what a few hostile lines can make.
const MAX_UNPACKED: usize = 4 << 20;

/// How many plain-JSON candidates that fail to parse are tried in one text
/// before giving up: each try reads on until the JSON goes wrong, so this
/// keeps hostile text linear.
const MAX_FAILED_TRIES: usize = 16;

/// Exports written into `text` as plain JSON: an object whose first key is
/// `"format"`.
fn plain_json(text: &str, seen: &mut BTreeSet<String>, found: &mut Found) {
    let mut from = 0;
    let mut failed = 0;
    while let Some(at) = text[from..].find('{').map(|i| from + i) {
        from = at + 1;
        if !text[from..].trim_start().starts_with("\"format\"") {
            continue;
        }
        let mut de = serde_json::Deserializer::from_str(&text[at..]);
        match <&RawValue>::deserialize(&mut de) {
            Ok(raw) => {
                let json = raw.get();
                from = at + json.len();
                found.add(seen, json.to_owned());
            }
            Err(_) => {
                failed += 1;
                if failed == MAX_FAILED_TRIES {
                    return;
                }
            }
        }
    }
}

/// Blocks and plain JSON in one text.
fn search(text: &str, seen: &mut BTreeSet<String>, found: &mut Found) {
    let mut rest = text;
    while let Some(at) = rest.find(BEGIN) {
        let after = &rest[at + BEGIN.len()..];
        match read_block(after) {
            Ok((json, used)) => {
                found.add(seen, json);
                rest = &after[used..];
            }
            Err(skip) => {
                found.damaged += 1;
                rest = &after[skip..];
            }
        }
    }
    plain_json(text, seen, found);
}

/// Every export in `text`: text pasted from one or many mails, or a saved
/// message (`.eml`). See the module's documentation.
pub fn exports_in(text: &str) -> Found {
    let mut found = Found::default();
    let mut seen = BTreeSet::new();
    let message = is_message(text)
        .then(|| mail_parser::MessageParser::default().parse(text.as_bytes()))
        .flatten();
    match message {
        Some(message) => {
            for i in 0..message.text_body_count() {
                if let Some(body) = message.body_text(i) {
                    search(&body, &mut seen, &mut found);
                }
            }
            for part in message.attachments() {
                if let Ok(content) = std::str::from_utf8(part.contents()) {
                    search(content, &mut seen, &mut found);
                }
            }
            // A damaged block in the text part is often whole in the HTML
            // part, or the other way round: what was read counts.
            if !found.exports.is_empty() {
                found.damaged = 0;
            }
        }
        None => search(text, &mut seen, &mut found),
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_has_short_lines_between_its_markers_and_reads_back() {
        let export = Export {
            format: crate::export::EXPORT_FORMAT.to_owned(),
            format_version: crate::export::EXPORT_FORMAT_VERSION,
            exported: crate::Date::new(2026, 12, 3).unwrap(),
            records: Vec::new(),
        };
        let text = block(&export);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.first(), Some(&BEGIN));
        assert_eq!(lines.last(), Some(&END));
        assert!(lines.iter().all(|l| l.len() <= LINE));
        let found = exports_in(&text);
        assert_eq!(found.exports, vec![serde_json::to_string(&export).unwrap()]);
    }

    #[test]
    fn mailto_encodes_subject_body_and_line_breaks() {
        assert_eq!(
            mailto("info@swv.example", "Ontvangst & reactie", "Regel 1\nRegel 2 (ë)"),
            "mailto:info@swv.example?subject=Ontvangst%20%26%20reactie&body=Regel%201%0D%0ARegel%202%20%28%C3%AB%29"
        );
        assert!(mailto("", "a", "b").starts_with("mailto:?subject=a"));
    }
}
