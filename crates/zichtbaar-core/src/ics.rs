//! Calendar files (iCalendar, RFC 5545) for the action plan, with no crate.
//!
//! A school downloads one `.ics` file with the deadlines of its open actions,
//! a reminder for next year's reflection and the receipt deadline, and opens
//! it in Outlook or Google Calendar, so the yearly cycle keeps going without
//! a server.
//!
//! Only what that needs: all-day events (`DTSTART;VALUE=DATE`, with `DTEND`
//! the next day, as RFC 5545 3.6.1 counts an all-day event), a fixed
//! `DTSTAMP` at midnight UTC of a day the caller passes (the core has no
//! clock, and records carry dates only), and the three rules that make the
//! text valid everywhere:
//!
//! - every line ends in CRLF;
//! - text values are escaped: `\` `;` `,` with a backslash, a line break as
//!   `\n`; other control characters (not allowed in TEXT) are left out;
//! - lines longer than 75 octets are folded: CRLF and one space, the space
//!   counting within the next line's 75, never inside a UTF-8 character.
//!
//! UIDs are stable (`actie-<id>@zichtbaar`, ...), so importing a newer file
//! updates events instead of adding them twice.

use crate::date::{days_in_month, Date};
use crate::plan::Action;

/// The media type of the file, for a download.
pub const MEDIA_TYPE: &str = "text/calendar;charset=utf-8";

/// The longest line, in octets, without its CRLF.
pub const MAX_LINE: usize = 75;

/// One all-day event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Unique within the file and stable between downloads; `@zichtbaar` is
    /// added.
    pub uid: String,
    pub date: Date,
    pub summary: String,
    pub description: String,
}

/// The calendar file with `events`, stamped `stamp` (the day it is made).
pub fn calendar(events: &[Event], stamp: Date) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Zichtbaar//Actieplan//NL");
    line(&mut out, "CALSCALE:GREGORIAN");
    for event in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}@zichtbaar", escape(&event.uid)));
        line(&mut out, &format!("DTSTAMP:{}T000000Z", basic(stamp)));
        line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", basic(event.date)),
        );
        line(
            &mut out,
            &format!("DTEND;VALUE=DATE:{}", basic(next_day(event.date))),
        );
        line(&mut out, &format!("SUMMARY:{}", escape(&event.summary)));
        line(
            &mut out,
            &format!("DESCRIPTION:{}", escape(&event.description)),
        );
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// The events of a year's plan: one per open action with a due, on its last
/// day, its text on one line as the summary, in the order given (each with its item's title); then a reminder
/// for next year's reflection on `reflection_reminder`, and one for the
/// receipt deadline when there is one.
pub fn plan_events(
    actions: &[(String, Action)],
    reflection_reminder: Date,
    receipt_deadline: Option<Date>,
) -> Vec<Event> {
    let mut events = Vec::new();
    for (item_title, action) in actions {
        let Some(due) = action.due.filter(|_| action.status.is_open()) else {
            continue;
        };
        // A summary is one line in every calendar: line breaks become spaces.
        let what = action.what.split_whitespace().collect::<Vec<_>>().join(" ");
        let summary = if what.is_empty() {
            "Actie zonder omschrijving".to_owned()
        } else {
            format!("Actie: {what}")
        };
        let mut description = item_title.trim().to_owned();
        let who = action.who.trim();
        if !who.is_empty() {
            description.push_str("\nWie: ");
            description.push_str(who);
        }
        events.push(Event {
            uid: format!("actie-{}", action.id),
            date: due.last_day(),
            summary,
            description,
        });
    }
    events.push(Event {
        uid: format!("reflectie-{reflection_reminder}"),
        date: reflection_reminder,
        summary: "Zichtbaar: reflectie op de handreiking".to_owned(),
        description: "Tijd voor de reflectie van het nieuwe schooljaar. Waar staan we nu? \
                      En wat is er gekomen van de acties in het actieplan?"
            .to_owned(),
    });
    if let Some(deadline) = receipt_deadline {
        events.push(Event {
            uid: format!("ontvangst-{deadline}"),
            date: deadline,
            summary: "Zichtbaar: ontvangst bevestigen".to_owned(),
            description: "Vandaag is de laatste dag om aan het samenwerkingsverband \
                          te laten weten dat de school de handreiking heeft ontvangen."
                .to_owned(),
        });
    }
    events
}

/// A TEXT value escaped (RFC 5545 3.3.11): `\` `;` `,` get a backslash, a
/// line break (CRLF, LF or CR) becomes `\n`, other control characters are
/// left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded, each part ending in CRLF: the first
/// part at most 75 octets, every further one a space and at most 74.
fn line(out: &mut String, content: &str) {
    let mut rest = content;
    let mut room = MAX_LINE;
    loop {
        if rest.len() <= room {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = MAX_LINE - 1;
    }
}

/// `YYYYMMDD`, the basic form of a date.
fn basic(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// The day after `date`.
pub fn next_day(date: Date) -> Date {
    let (y, m, d) = (date.year(), date.month(), date.day());
    if d < days_in_month(y, m) {
        Date::new(y, m, d + 1)
    } else if m < 12 {
        Date::new(y, m + 1, 1)
    } else {
        Date::new(y + 1, 1, 1)
    }
    .unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_not_folded() {
        let mut out = String::new();
        line(&mut out, &"a".repeat(75));
        assert_eq!(out, format!("{}\r\n", "a".repeat(75)));
    }

    #[test]
    fn a_character_that_would_cross_the_limit_moves_to_the_next_line() {
        let mut out = String::new();
        // 74 octets, then "é" (2 octets) would end at 76.
        line(&mut out, &format!("{}é", "a".repeat(74)));
        assert_eq!(out, format!("{}\r\n é\r\n", "a".repeat(74)));
    }

    #[test]
    fn an_actions_text_on_several_lines_is_one_summary_line() {
        let mut action = crate::plan::Action::new([1; 4]);
        action.what = "Eerste regel\r\n  tweede regel\n".to_owned();
        action.due = crate::plan::Due::month(2027, 3);
        let day = Date::new(2027, 1, 1).unwrap();
        let events = plan_events(&[("Mentoraat".to_owned(), action)], day, None);
        assert_eq!(events[0].summary, "Actie: Eerste regel tweede regel");
        let text = calendar(&events, day);
        assert!(text.contains("SUMMARY:Actie: Eerste regel tweede regel\r\n"));
    }
}
