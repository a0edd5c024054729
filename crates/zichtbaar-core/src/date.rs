//! Calendar dates and school years, without a clock.
//!
//! The core never asks what day it is: the browser edge reads the clock and
//! hands the core a [`Date`]. That keeps every rule here (which school year is
//! current, how many days are left before a deadline) testable for any day.
//!
//! Only dates exist here, never a time of day: records and exports carry dates
//! only, so nothing can tell when in the day someone was working.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::encoding::deserialize_text;

/// A day in the proleptic Gregorian calendar, written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a date or school year could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD` (or `YYYY-YYYY` for a school year).
    Format(String),
    /// Month or day outside the calendar, such as `2026-02-30`.
    OutOfRange(String),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format(s) => write!(f, "not a date of the form YYYY-MM-DD: \"{s}\""),
            DateError::OutOfRange(s) => write!(f, "no such day in the calendar: \"{s}\""),
        }
    }
}

impl std::error::Error for DateError {}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1-12) of `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// 1970-01-01.
    pub const EPOCH: Date = Date {
        year: 1970,
        month: 1,
        day: 1,
    };

    /// A checked date; `None` when the month or day does not exist.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month) {
            Some(Date { year, month, day })
        } else {
            None
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before). Howard Hinnant's
    /// `days_from_civil`, exact for every year an i32 can hold here.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Whole days from `self` to `other`: positive when `other` is later.
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }
}

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

impl Date {
    /// The date as written in Dutch: `7 juni 2027`.
    pub fn dutch(self) -> String {
        let month = MONTHS_NL[usize::from(self.month.saturating_sub(1)).min(11)];
        format!("{} {month} {}", self.day, self.year)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn digits<T: FromStr>(s: &str, len: usize) -> Option<T> {
    if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let mut parts = s.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(DateError::Format(s.to_owned()));
        };
        let (Some(year), Some(month), Some(day)) = (digits(y, 4), digits(m, 2), digits(d, 2))
        else {
            return Err(DateError::Format(s.to_owned()));
        };
        Date::new(year, month, day).ok_or_else(|| DateError::OutOfRange(s.to_owned()))
    }
}

/// A Dutch school year. It starts on 1 August and is written `2026-2027`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchoolYear {
    start: i32,
}

/// The month and day on which every school year starts.
pub const SCHOOL_YEAR_START: (u8, u8) = (8, 1);

impl SchoolYear {
    /// The school year that starts in August of `start`.
    pub fn starting(start: i32) -> SchoolYear {
        SchoolYear { start }
    }

    /// The school year that `date` falls in.
    pub fn containing(date: Date) -> SchoolYear {
        if (date.month(), date.day()) >= SCHOOL_YEAR_START {
            SchoolYear { start: date.year() }
        } else {
            SchoolYear {
                start: date.year() - 1,
            }
        }
    }

    /// Calendar year in which this school year starts.
    pub fn start_year(self) -> i32 {
        self.start
    }

    pub fn previous(self) -> SchoolYear {
        SchoolYear {
            start: self.start - 1,
        }
    }

    pub fn next(self) -> SchoolYear {
        SchoolYear {
            start: self.start + 1,
        }
    }

    /// The date of `month`-`day` inside this school year: months from August
    /// on fall in the start year, the others in the year after.
    pub fn date_of(self, month: u8, day: u8) -> Option<Date> {
        let year = if (month, day) >= SCHOOL_YEAR_START {
            self.start
        } else {
            self.start + 1
        };
        Date::new(year, month, day)
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.start + 1)
    }
}

impl FromStr for SchoolYear {
    type Err = DateError;

    fn from_str(s: &str) -> Result<SchoolYear, DateError> {
        let Some((a, b)) = s.split_once('-') else {
            return Err(DateError::Format(s.to_owned()));
        };
        match (digits::<i32>(a, 4), digits::<i32>(b, 4)) {
            (Some(start), Some(end)) if end == start + 1 => Ok(SchoolYear { start }),
            (Some(_), Some(_)) => Err(DateError::OutOfRange(s.to_owned())),
            _ => Err(DateError::Format(s.to_owned())),
        }
    }
}

// In JSON a date is its text, `2026-11-23`, and a school year `2026-2027`.

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        deserialize_text(d, "a date (YYYY-MM-DD)", str::parse::<Date>)
    }
}

impl Serialize for SchoolYear {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SchoolYear {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<SchoolYear, D::Error> {
        deserialize_text(d, "a school year (YYYY-YYYY)", |s| {
            s.parse::<SchoolYear>()
                .map_err(|_| format!("not a school year such as 2026-2027: \"{s}\""))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_dates() {
        assert_eq!(d("2026-11-23").to_string(), "2026-11-23");
        assert_eq!(d("2024-02-29"), Date::new(2024, 2, 29).unwrap());
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for bad in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31"] {
            assert!(
                matches!(bad.parse::<Date>(), Err(DateError::OutOfRange(_))),
                "{bad}"
            );
        }
        for bad in [
            "2026-1-01",
            "26-01-01",
            "2026/01/01",
            "2026-01-01T10:00",
            "",
            "2026-01",
        ] {
            assert!(
                matches!(bad.parse::<Date>(), Err(DateError::Format(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn counts_days_across_leap_years() {
        assert_eq!(d("1970-01-01").days_since_epoch(), 0);
        assert_eq!(d("2000-03-01").days_since_epoch(), 11_017);
        assert_eq!(d("2024-02-28").days_until(d("2024-03-01")), 2);
        assert_eq!(d("2026-06-08").days_until(d("2026-06-07")), -1);
    }

    #[test]
    fn school_year_starts_on_the_first_of_august() {
        assert_eq!(
            SchoolYear::containing(d("2026-07-31")).to_string(),
            "2025-2026"
        );
        assert_eq!(
            SchoolYear::containing(d("2026-08-01")).to_string(),
            "2026-2027"
        );
        assert_eq!(
            SchoolYear::containing(d("2026-11-23")).to_string(),
            "2026-2027"
        );
        assert_eq!(
            SchoolYear::containing(d("2027-01-01")).to_string(),
            "2026-2027"
        );
    }

    #[test]
    fn school_year_places_a_month_and_day_in_the_right_calendar_year() {
        let y: SchoolYear = "2026-2027".parse().unwrap();
        assert_eq!(y.date_of(6, 7), Some(d("2027-06-07")));
        assert_eq!(y.date_of(9, 1), Some(d("2026-09-01")));
        assert_eq!(y.previous().to_string(), "2025-2026");
        assert_eq!(y.next().to_string(), "2027-2028");
    }

    #[test]
    fn writes_dates_in_dutch() {
        assert_eq!(d("2027-06-07").dutch(), "7 juni 2027");
        assert_eq!(d("2026-12-31").dutch(), "31 december 2026");
        assert_eq!(d("2026-01-01").dutch(), "1 januari 2026");
    }

    #[test]
    fn json_is_the_text_and_bad_text_is_refused_with_the_reason() {
        let day = d("2026-11-23");
        assert_eq!(serde_json::to_string(&day).unwrap(), r#""2026-11-23""#);
        assert_eq!(
            serde_json::from_str::<Date>(r#""2026-11-23""#).unwrap(),
            day
        );
        let year = SchoolYear::starting(2026);
        assert_eq!(serde_json::to_string(&year).unwrap(), r#""2026-2027""#);
        assert_eq!(
            serde_json::from_str::<SchoolYear>(r#""2026-2027""#).unwrap(),
            year
        );
        let error = |text: &str| serde_json::from_str::<Date>(text).unwrap_err().to_string();
        assert!(error(r#""2026-02-30""#).starts_with("no such day in the calendar: \"2026-02-30\""));
        assert!(error(r#""2026-2-3""#).starts_with("not a date of the form YYYY-MM-DD"));
        assert!(error("20261123").contains("expected a date (YYYY-MM-DD)"));
        let error = serde_json::from_str::<SchoolYear>(r#""2026-2028""#).unwrap_err();
        assert!(error
            .to_string()
            .starts_with("not a school year such as 2026-2027: \"2026-2028\""));
    }

    #[test]
    fn school_year_must_span_one_year() {
        assert!("2026-2028".parse::<SchoolYear>().is_err());
        assert!("2026/2027".parse::<SchoolYear>().is_err());
        assert!("26-27".parse::<SchoolYear>().is_err());
    }
}
