//! What this device remembers of sending a record: when, how, and which
//! revision, so a receipt can say "sent on 3 December, by e-mail" and offer
//! to send again once it changed. Kept apart from the record (storage key
//! [`key`]), so sending never makes a new revision, and a record another
//! tab edits is never written for it.
//!
//! The app cannot see a mail leave: "by e-mail" means the mail was made
//! ready in the user's mail program, and the page says so.

use crate::date::Date;
use crate::record::{Record, RecordId};
use crate::stored::KEY_PREFIX;

/// How a record was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// The system's share sheet, with the file.
    ShareSheet,
    /// A mail made ready in the user's mail program, carrying the record.
    Mail,
    /// The file downloaded, to attach.
    Download,
    /// The file's text copied.
    Copy,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::ShareSheet => "share-sheet",
            Via::Mail => "mail",
            Via::Download => "download",
            Via::Copy => "copy",
        }
    }

    pub fn parse(s: &str) -> Option<Via> {
        [Via::ShareSheet, Via::Mail, Via::Download, Via::Copy]
            .into_iter()
            .find(|v| v.as_str() == s)
    }

    /// What happened, in two words, before the sentence.
    pub fn label(self) -> &'static str {
        match self {
            Via::ShareSheet => "Verstuurd.",
            Via::Mail => "E-mail klaargezet.",
            Via::Download => "Bestand gemaakt.",
            Via::Copy => "Gekopieerd.",
        }
    }

    /// Whether it went to `to`, or at least into the mail program: then the
    /// deadline no longer needs to be shown. A file downloaded or a text
    /// copied still has to be sent.
    pub fn reaches(self) -> bool {
        matches!(self, Via::ShareSheet | Via::Mail)
    }

    /// What happened on day `on`, in whole sentences, and what is left to
    /// do for a file or a copied text.
    fn sentences(self, on: &str, to: &str) -> String {
        match self {
            Via::ShareSheet => format!("Je hebt dit op {on} met het deelmenu van je apparaat naar {to} gestuurd."),
            Via::Mail => format!("Op {on} is een e-mail aan {to} klaargezet in je e-mailprogramma."),
            Via::Download => format!("Op {on} heb je het bestand gedownload. Stuur het als bijlage naar {to}, als je dat nog niet deed."),
            Via::Copy => format!("Op {on} heb je de tekst gekopieerd. Plak hem in een e-mail aan {to}, als je dat nog niet deed."),
        }
    }
}

/// One sending of a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shared {
    pub revision: u32,
    pub on: Date,
    pub via: Via,
}

/// The storage key for what was sent of record `id`.
pub fn key(id: &RecordId) -> String {
    format!("{KEY_PREFIX}shared.{id}")
}

impl Shared {
    /// As stored: `revision;date;via`, as in `3;2026-12-03;mail`.
    pub fn encode(&self) -> String {
        format!("{};{};{}", self.revision, self.on, self.via.as_str())
    }

    /// Reads what [`Shared::encode`] wrote; `None` for anything else.
    pub fn decode(text: &str) -> Option<Shared> {
        let mut parts = text.trim().split(';');
        let shared = Shared {
            revision: parts.next()?.parse().ok()?,
            on: parts.next()?.parse().ok()?,
            via: Via::parse(parts.next()?)?,
        };
        parts.next().is_none().then_some(shared)
    }

    /// Whether the record changed after it was sent.
    pub fn is_behind(&self, record: &Record) -> bool {
        record.revision > self.revision
    }

    /// "Op 3 december 2026 is een e-mail aan Koers VO klaargezet in je
    /// e-mailprogramma." `to` names the SWV.
    pub fn sentence(&self, to: &str) -> String {
        self.via.sentences(&self.on.dutch(), to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_was_sent_reads_back_and_anything_else_is_refused() {
        let s = Shared {
            revision: 3,
            on: Date::new(2026, 12, 3).unwrap(),
            via: Via::Mail,
        };
        assert_eq!(s.encode(), "3;2026-12-03;mail");
        assert_eq!(Shared::decode(&s.encode()), Some(s));
        for bad in [
            "",
            "3;2026-12-03",
            "x;2026-12-03;mail",
            "3;2026-13-03;mail",
            "3;2026-12-03;fax",
            "3;2026-12-03;mail;x",
        ] {
            assert_eq!(Shared::decode(bad), None, "{bad}");
        }
        assert_eq!(
            s.sentence("Koers VO"),
            "Op 3 december 2026 is een e-mail aan Koers VO klaargezet in je e-mailprogramma."
        );
        let file = Shared {
            via: Via::Download,
            ..s
        };
        assert!(file
            .sentence("Koers VO")
            .ends_with("Stuur het als bijlage naar Koers VO, als je dat nog niet deed."));
        assert!(s.via.reaches() && !file.via.reaches());
    }
}
