//! The action plan: what a school plans to do, by whom, by when, and how far
//! it got.
//!
//! The handreiking asks per item "Hoe gaan we dat aanpakken?"; besides the
//! free text a school keeps [`Action`]s there. The Routekaart instrument
//! asks about its actions with the scale `actiestatus` (`nog-niet`, `bezig`,
//! `klaar`). Both are one model: a [`Status`], which maps to and from that
//! scale's options ([`Status::from_scale_option`], [`Status::scale_option`]),
//! so one [`StatusCounts`] counts either kind the same way.
//!
//! Rules kept here, as plain functions the UI calls:
//!
//! - **Who** is a role ("mentoren", "ondersteuningscoördinator"), never a
//!   person's name; the form says so, and [`anonymised`] redacts what the
//!   scanners of [`crate::anonymise`] find before an action leaves the device.
//! - **By when** is a month or a day ([`Due`]); a month means "by the end of
//!   that month", so an action is overdue only after its last day
//!   ([`Action::is_overdue`]).
//! - **A new school year** carries every open action over ([`carry_over`]):
//!   same id, same status, marked with the year it was first carried from.
//!   Closed actions (klaar, gestopt) stay behind, readable in last year's
//!   record.
//! - **The Actieplan view** sorts by item, deadline or status ([`sorted`]);
//!   every order is stable and ties go by the instrument's item order.
//!
//! No clock and no randomness: the caller passes today's date, and the
//! random bytes of a new action's id ([`Action::new`]). Lists are short, so
//! sorting is an insertion loop (the general sort costs wasm, see
//! ARCHITECTURE.md).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::anonymise::{redact, scan};
use crate::date::{days_in_month, Date, DateError, SchoolYear};
use crate::encoding::{deserialize_text, hex};

/// How far an action got. In JSON: [`Status::as_str`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Status {
    /// Planned, not started. What a new action is, and what a stored
    /// action without a status reads as.
    #[default]
    Gepland,
    Bezig,
    Klaar,
    /// Stopped on purpose: closed, but not done.
    Gestopt,
}

serde_via_as_str!(Status, "gepland, bezig, klaar or gestopt");

impl Status {
    /// In the order a form offers them.
    pub const ALL: [Status; 4] = [
        Status::Gepland,
        Status::Bezig,
        Status::Klaar,
        Status::Gestopt,
    ];

    /// The name in stored data and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Gepland => "gepland",
            Status::Bezig => "bezig",
            Status::Klaar => "klaar",
            Status::Gestopt => "gestopt",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The status as a choice in a form: `Gepland`.
    pub fn label(self) -> &'static str {
        match self {
            Status::Gepland => "Gepland",
            Status::Bezig => "Bezig",
            Status::Klaar => "Klaar",
            Status::Gestopt => "Gestopt",
        }
    }

    /// Still to be done: gepland or bezig. Open actions are carried to the
    /// next year and can be overdue.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Gepland | Status::Bezig)
    }

    /// The status an option of the Routekaart's scale `actiestatus` stands
    /// for: `nog-niet` is gepland, `bezig` bezig, `klaar` klaar.
    pub fn from_scale_option(id: &str) -> Option<Status> {
        match id {
            "nog-niet" => Some(Status::Gepland),
            "bezig" => Some(Status::Bezig),
            "klaar" => Some(Status::Klaar),
            _ => None,
        }
    }

    /// The option of the scale `actiestatus` for this status; gestopt has
    /// none (the Routekaart cannot say so).
    pub fn scale_option(self) -> Option<&'static str> {
        match self {
            Status::Gepland => Some("nog-niet"),
            Status::Bezig => Some("bezig"),
            Status::Klaar => Some("klaar"),
            Status::Gestopt => None,
        }
    }

    /// Place in the status order of the Actieplan view: what is going on
    /// first, then what is planned, then what is closed.
    fn rank(self) -> u8 {
        match self {
            Status::Bezig => 0,
            Status::Gepland => 1,
            Status::Klaar => 2,
            Status::Gestopt => 3,
        }
    }
}

/// By when an action should be done: a month (by its end) or a day. In
/// JSON `"2027-03"` or `"2027-03-14"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Due {
    Month { year: i32, month: u8 },
    Day(Date),
}

impl Due {
    /// A checked month; `None` unless `month` is 1 to 12.
    pub fn month(year: i32, month: u8) -> Option<Due> {
        (1..=12)
            .contains(&month)
            .then_some(Due::Month { year, month })
    }

    /// The last day on which the action is still on time: the day itself, or
    /// the last day of the month. (A `Month` built by hand with a month
    /// outside 1 to 12 counts as December or January.)
    pub fn last_day(&self) -> Date {
        match *self {
            Due::Day(date) => date,
            Due::Month { year, month } => {
                let month = month.clamp(1, 12);
                Date::new(year, month, days_in_month(year, month)).unwrap_or(Date::EPOCH)
            }
        }
    }

    /// In Dutch: `maart 2027` or `14 maart 2027`.
    pub fn dutch(&self) -> String {
        match *self {
            Due::Day(date) => date.dutch(),
            Due::Month { year, month } => {
                // The month names live in `date.rs`, once: the first of the
                // month in Dutch, without its "1 ".
                let first = Date::new(year, month.clamp(1, 12), 1).unwrap_or(Date::EPOCH);
                let text = first.dutch();
                match text.strip_prefix("1 ") {
                    Some(rest) => rest.to_owned(),
                    None => text,
                }
            }
        }
    }
}

impl fmt::Display for Due {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Due::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Due::Day(date) => write!(f, "{date}"),
        }
    }
}

impl FromStr for Due {
    type Err = DateError;

    /// `YYYY-MM` is a month, `YYYY-MM-DD` a day; nothing else.
    fn from_str(s: &str) -> Result<Due, DateError> {
        let bytes = s.as_bytes();
        if bytes.len() == 7 && bytes[4] == b'-' {
            let (y, m) = (&s[..4], &s[5..]);
            if !(y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())) {
                return Err(DateError::Format(s.to_owned()));
            }
            let (Ok(year), Ok(month)) = (y.parse::<i32>(), m.parse::<u8>()) else {
                return Err(DateError::Format(s.to_owned()));
            };
            return Due::month(year, month).ok_or_else(|| DateError::OutOfRange(s.to_owned()));
        }
        s.parse::<Date>().map(Due::Day)
    }
}

impl Serialize for Due {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Due {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Due, D::Error> {
        deserialize_text(d, "a month (YYYY-MM) or a date (YYYY-MM-DD)", |s| {
            s.parse::<Due>()
                .map_err(|_| format!("not a month or date such as 2027-03 or 2027-03-14: \"{s}\""))
        })
    }
}

/// One action of the plan, under one item. Field order is the order
/// written; `due` and `carriedFrom` are left out when there is none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Action {
    /// Stable for the action's whole life, also when carried to a new year
    /// (see [`Action::new_id`]).
    pub id: String,
    /// What will be done.
    #[serde(default)]
    pub what: String,
    /// Who does it, as a role ("mentoren"), never a person's name.
    #[serde(default)]
    pub who: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Due>,
    #[serde(default)]
    pub status: Status,
    /// The school year this action was first carried over from, when it
    /// was made in an earlier year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<SchoolYear>,
}

impl Action {
    /// An id from 4 random bytes supplied by the caller: 8 hex digits. Ids
    /// only need to differ within one record's plan; a caller that draws one
    /// already in use draws again.
    pub fn new_id(random: [u8; 4]) -> String {
        hex(&random)
    }

    /// A new, empty, planned action.
    pub fn new(random: [u8; 4]) -> Action {
        Action {
            id: Action::new_id(random),
            what: String::new(),
            who: String::new(),
            due: None,
            status: Status::Gepland,
            carried_from: None,
        }
    }

    /// Open, and its last day (see [`Due::last_day`]) is before `today`.
    /// An action without a due date is never overdue.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status.is_open() && self.due.is_some_and(|due| due.last_day() < today)
    }
}

/// How many actions have each status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub gepland: usize,
    pub bezig: usize,
    pub klaar: usize,
    pub gestopt: usize,
}

impl StatusCounts {
    pub fn total(&self) -> usize {
        self.gepland + self.bezig + self.klaar + self.gestopt
    }

    /// Gepland and bezig together.
    pub fn open(&self) -> usize {
        self.gepland + self.bezig
    }

    pub fn get(&self, status: Status) -> usize {
        match status {
            Status::Gepland => self.gepland,
            Status::Bezig => self.bezig,
            Status::Klaar => self.klaar,
            Status::Gestopt => self.gestopt,
        }
    }

    pub fn add(&mut self, status: Status) {
        match status {
            Status::Gepland => self.gepland += 1,
            Status::Bezig => self.bezig += 1,
            Status::Klaar => self.klaar += 1,
            Status::Gestopt => self.gestopt += 1,
        }
    }

    /// Counts a Routekaart answer by its option on the scale `actiestatus`;
    /// false (and nothing counted) for any other option.
    pub fn add_scale_option(&mut self, id: &str) -> bool {
        match Status::from_scale_option(id) {
            Some(status) => {
                self.add(status);
                true
            }
            None => false,
        }
    }

    /// Adds another count to this one (an item's to the year's total).
    pub fn add_all(&mut self, other: StatusCounts) {
        self.gepland += other.gepland;
        self.bezig += other.bezig;
        self.klaar += other.klaar;
        self.gestopt += other.gestopt;
    }

    /// In Dutch: `7 acties, 2 klaar`, `1 actie, 0 klaar`, `geen acties`.
    pub fn dutch(&self) -> String {
        match self.total() {
            0 => "geen acties".to_owned(),
            1 => format!("1 actie, {} klaar", self.klaar),
            n => format!("{n} acties, {} klaar", self.klaar),
        }
    }
}

/// The statuses of `actions`, counted.
pub fn count<'a>(actions: impl IntoIterator<Item = &'a Action>) -> StatusCounts {
    let mut counts = StatusCounts::default();
    for action in actions {
        counts.add(action.status);
    }
    counts
}

/// The actions that go into the next school year: every open one, with the
/// same id and status, marked as carried. An action carried before keeps
/// the year it was first carried from, so "carried since 2025-2026" stays
/// true however often it moves on. Klaar and gestopt actions are not
/// carried: they stay readable in last year's record.
pub fn carry_over(last_year: &[Action], from: SchoolYear) -> Vec<Action> {
    last_year
        .iter()
        .filter(|a| a.status.is_open())
        .map(|a| Action {
            carried_from: Some(a.carried_from.unwrap_or(from)),
            ..a.clone()
        })
        .collect()
}

/// The orders of the Actieplan view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortBy {
    /// As the items come in the instrument, and within an item as the
    /// school put them.
    Item,
    /// Earliest last day first, actions without a due last.
    Due,
    /// Bezig, gepland, then klaar, gestopt.
    Status,
}

/// The year's actions, each with the id of its item, in the order `by`.
/// Every order is stable; ties go by the item's place in `item_order` (an
/// item not in it comes after those that are), then by the order given.
pub fn sorted<'a>(
    actions: &'a [(String, Action)],
    by: SortBy,
    item_order: &[&str],
) -> Vec<&'a (String, Action)> {
    let item_place = |item: &str| {
        item_order
            .iter()
            .position(|i| *i == item)
            .unwrap_or(item_order.len())
    };
    // (first key, second key, item place): computed once per action.
    let key = |(item, action): &(String, Action)| -> (u8, Option<Date>, usize) {
        let place = item_place(item);
        match by {
            SortBy::Item => (0, None, place),
            SortBy::Due => match action.due {
                Some(due) => (0, Some(due.last_day()), place),
                None => (1, None, place),
            },
            SortBy::Status => (action.status.rank(), None, place),
        }
    };
    let mut out: Vec<(_, &'a (String, Action))> = actions.iter().map(|a| (key(a), a)).collect();
    // Few actions: an insertion sort, stable, without the general sort's code.
    for i in 1..out.len() {
        let mut j = i;
        while j > 0 && out[j].0 < out[j - 1].0 {
            out.swap(j, j - 1);
            j -= 1;
        }
    }
    out.into_iter().map(|(_, a)| a).collect()
}

/// Moves the action at `index` one place up. The new index, or `None` when
/// it is already first (or `index` is out of range): nothing moves then.
pub fn move_up(actions: &mut [Action], index: usize) -> Option<usize> {
    if index == 0 || index >= actions.len() {
        return None;
    }
    actions.swap(index, index - 1);
    Some(index - 1)
}

/// Moves the action at `index` one place down. The new index, or `None`
/// when it is already last (or `index` is out of range).
pub fn move_down(actions: &mut [Action], index: usize) -> Option<usize> {
    if index + 1 >= actions.len() {
        return None;
    }
    actions.swap(index, index + 1);
    Some(index + 1)
}

/// Removes the action at `index`, if there is one, and returns it.
pub fn remove(actions: &mut Vec<Action>, index: usize) -> Option<Action> {
    (index < actions.len()).then(|| actions.remove(index))
}

/// The action with every detail found in `what` and `who` (e-mail
/// addresses, phone numbers, postcodes, nine-digit numbers, watched names)
/// replaced by its placeholder. What an export carries.
pub fn anonymised(action: &Action, watch_names: &[String]) -> Action {
    let clean = |text: &str| redact(text, &scan(text, watch_names), |_| false);
    Action {
        what: clean(&action.what),
        who: clean(&action.who),
        ..action.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
        assert_eq!(Status::parse("Klaar"), None);
        let e = serde_json::from_str::<Status>("\"af\"").unwrap_err();
        assert!(e.to_string().contains("gepland, bezig, klaar or gestopt"));
    }

    #[test]
    fn month_due_in_dutch_and_its_last_day() {
        let due = Due::month(2028, 2).unwrap();
        assert_eq!(due.dutch(), "februari 2028");
        assert_eq!(due.last_day(), Date::new(2028, 2, 29).unwrap());
        assert_eq!(Due::month(2027, 13), None);
        assert_eq!(Due::month(2027, 0), None);
    }
}
