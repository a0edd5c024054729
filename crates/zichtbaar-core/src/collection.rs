//! What the SWV sees of the records schools shared: the collection view
//! `/verzamelen`, as plain functions over [`ExportRecord`]s.
//!
//! The records come from [`crate::import`]: the caller reads the files,
//! keeps one record per id in a [`crate::import::Collection`], picks what to
//! look at with a [`Filter`], and passes the records in. Nothing here reads a
//! file or a clock.
//!
//! Privacy decides the shape of the figures. A school shares a personal
//! reflection on the understanding that it is not looked at on its own, so
//! figures over answers to a scale are shown only over at least
//! [`MIN_GROUP`] records, and the type says so: a figure is a [`Shown`], and
//! [`Shown::TooFew`] has nothing inside to show by mistake. Written answers
//! are already anonymised by the sender, who saw exactly what left; they are
//! shown as sent, with the school only where the sender chose to name it.
//!
//! Three views are fed from here: *Ontvangst* ([`receipts`], against the
//! SWV's own list of schools read by [`school_list`]), *Reflectie* and
//! *Routekaart* ([`scale_summaries`], [`strongest_and_weakest`], [`texts`],
//! [`change`], and the action plans counted by [`action_summaries`]).
//! [`facets`] lists what the filter can choose from.
//!
//! School names are compared by [`school_key`]: trimmed, inner white space
//! as one space, ASCII letters folded to lower case. Full Unicode case
//! folding (`str::to_lowercase`) would bring its tables into the wasm, and
//! school names that differ in a non-ASCII letter's case are rare enough.
//! Sorting uses `sort_by` on small vectors: this page is loaded by the SWV
//! only, not on the teacher's critical path.

use std::collections::BTreeSet;

use crate::date::{Date, SchoolYear};
use crate::export::{normalise_brin, ExportRecord, School};
use crate::instrument::{answer_key, Instrument};
use crate::plan::{self, StatusCounts};
use crate::record::{Kind, Perspective, Role, SharedWithColleagues};

/// Figures over fewer records than this are not shown (privacy: a personal
/// reflection must not be recognisable).
pub const MIN_GROUP: usize = 5;

/// A figure over `n` records: shown only when `n >= MIN_GROUP`.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown<T> {
    /// Fewer than [`MIN_GROUP`] records: there is nothing to show.
    TooFew,
    /// The figure, over enough records.
    Value(T),
}

impl<T> Shown<T> {
    /// The figure made by `value` when `n` is at least [`MIN_GROUP`];
    /// otherwise `value` is not even called.
    pub fn over(n: usize, value: impl FnOnce() -> T) -> Shown<T> {
        if n >= MIN_GROUP {
            Shown::Value(value())
        } else {
            Shown::TooFew
        }
    }

    /// A figure drawn from this one (a part of it), hidden alike.
    pub fn map<U>(&self, f: impl FnOnce(&T) -> U) -> Shown<U> {
        match self {
            Shown::TooFew => Shown::TooFew,
            Shown::Value(v) => Shown::Value(f(v)),
        }
    }

    /// The figure, if it may be shown.
    pub fn value(&self) -> Option<&T> {
        match self {
            Shown::TooFew => None,
            Shown::Value(v) => Some(v),
        }
    }
}

/// The form of a school name that comparisons use: trimmed, every run of
/// white space as one space, ASCII letters in lower case.
pub fn school_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key.make_ascii_lowercase();
    key
}

fn same_name(a: &str, b: &str) -> bool {
    school_key(a) == school_key(b)
}

// ---- Filter and facets

/// What to read: each `None` means "all".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Instrument id.
    pub instrument: Option<String>,
    pub school_year: Option<SchoolYear>,
    pub kind: Option<Kind>,
    /// Reflections only have a perspective: set, this leaves out receipts.
    pub perspective: Option<Perspective>,
    /// School name as sent, compared by [`school_key`] (ASCII case and
    /// white space do not matter). Set, this leaves out records that name
    /// no school.
    pub school: Option<String>,
}

impl Filter {
    /// The filter as the reflection views apply it: one school year at a
    /// time, the newest of the reflections in `all` unless one is chosen.
    /// Figures of different years are not mixed, and a small group of one
    /// year cannot be worked out by comparing "all years" with another
    /// year (the difference of two shown figures would give it away).
    pub fn one_year<'a>(&self, all: impl IntoIterator<Item = &'a ExportRecord>) -> Filter {
        let mut f = self.clone();
        if f.school_year.is_none() {
            f.school_year = all
                .into_iter()
                .filter(|r| r.kind == Kind::Reflection)
                .map(|r| r.school_year)
                .max();
        }
        f
    }

    /// Whether `r` is among what this filter reads.
    pub fn matches(&self, r: &ExportRecord) -> bool {
        self.instrument
            .as_deref()
            .is_none_or(|id| r.instrument.id == id)
            && self.school_year.is_none_or(|y| r.school_year == y)
            && self.kind.is_none_or(|k| r.kind == k)
            && self.perspective.is_none_or(|p| r.perspective == Some(p))
            && self
                .school
                .as_deref()
                .is_none_or(|name| r.school.as_ref().is_some_and(|s| same_name(&s.name, name)))
    }
}

/// The values present in a set of records, with counts, for the filter's
/// choices. Instruments are sorted by id, school years newest first, kinds
/// reflection then receipt, perspectives persoonlijk then team, schools by
/// [`school_key`] (written as in the first record that named them).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facets {
    pub instruments: Vec<(String, usize)>,
    pub school_years: Vec<(SchoolYear, usize)>,
    pub kinds: Vec<(Kind, usize)>,
    pub perspectives: Vec<(Perspective, usize)>,
    pub schools: Vec<(String, usize)>,
}

fn bump<K: PartialEq>(list: &mut Vec<(K, usize)>, key: K) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some((_, n)) => *n += 1,
        None => list.push((key, 1)),
    }
}

/// The values present in `records`, with how many records have each.
pub fn facets<'a>(records: impl IntoIterator<Item = &'a ExportRecord>) -> Facets {
    let mut f = Facets::default();
    let (mut reflections, mut receipts) = (0, 0);
    let mut perspectives = [0; Perspective::ALL.len()];
    // (key, name as first written, count)
    let mut schools: Vec<(String, String, usize)> = Vec::new();
    for r in records {
        bump(&mut f.instruments, r.instrument.id.clone());
        bump(&mut f.school_years, r.school_year);
        match r.kind {
            Kind::Reflection => reflections += 1,
            Kind::Receipt => receipts += 1,
        }
        match r.perspective {
            Some(Perspective::Persoonlijk) => perspectives[0] += 1,
            Some(Perspective::Team) => perspectives[1] += 1,
            None => {}
        }
        if let Some(s) = &r.school {
            let key = school_key(&s.name);
            if key.is_empty() {
                continue;
            }
            match schools.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, _, n)) => *n += 1,
                None => schools.push((key, s.name.trim().to_owned(), 1)),
            }
        }
    }
    f.instruments.sort_by(|a, b| a.0.cmp(&b.0));
    f.school_years.sort_by_key(|y| std::cmp::Reverse(y.0));
    for (kind, n) in [(Kind::Reflection, reflections), (Kind::Receipt, receipts)] {
        if n > 0 {
            f.kinds.push((kind, n));
        }
    }
    for (p, n) in Perspective::ALL.into_iter().zip(perspectives) {
        if n > 0 {
            f.perspectives.push((p, n));
        }
    }
    schools.sort_by(|a, b| a.0.cmp(&b.0));
    f.schools = schools.into_iter().map(|(_, name, n)| (name, n)).collect();
    f
}

// ---- Receipts ("Ontvangst" view)

/// A school on the SWV's own list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedSchool {
    /// As written in the list, trimmed; empty when the line gave a BRIN only.
    pub name: String,
    /// Normalised with [`normalise_brin`], or empty.
    pub brin: String,
}

/// Splits one line into fields at `sep`, outside double quotes; a quoted
/// field may hold `sep` and doubled quotes. Fields are trimmed. `None` when
/// a quote is not closed.
fn fields(line: &str, sep: char) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' && field.trim().is_empty() {
            field.clear();
            quoted = true;
        } else if c == sep {
            out.push(field.trim().to_owned());
            field.clear();
        } else {
            field.push(c);
        }
    }
    if quoted {
        return None;
    }
    out.push(field.trim().to_owned());
    Some(out)
}

/// The separator a line uses: a tab, else `;`, else `,` (outside quotes).
fn separator(line: &str) -> char {
    let mut quoted = false;
    let (mut tab, mut semicolon) = (false, false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            '\t' if !quoted => tab = true,
            ';' if !quoted => semicolon = true,
            _ => {}
        }
    }
    if tab {
        '\t'
    } else if semicolon {
        ';'
    } else {
        ','
    }
}

/// A header cell with ASCII case, spaces, `-`, `_` and `.` left out.
fn header_word(cell: &str) -> String {
    let mut w: String = cell
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '.'))
        .collect();
    w.make_ascii_lowercase();
    w
}

fn is_name_header(cell: &str) -> bool {
    matches!(
        header_word(cell).as_str(),
        "naam"
            | "name"
            | "school"
            | "schoolnaam"
            | "naamschool"
            | "naamvandeschool"
            | "instelling"
            | "instellingsnaam"
            | "naaminstelling"
            | "vestiging"
            | "vestigingsnaam"
            | "naamvestiging"
    )
}

fn is_brin_header(cell: &str) -> bool {
    header_word(cell).starts_with("brin")
}

/// Looks like an attempt at a BRIN code but is not one, such as `12A` or
/// `1234`: a short run of letters and digits with a digit in it.
fn almost_brin(field: &str) -> bool {
    (2..=8).contains(&field.len())
        && field.bytes().all(|b| b.is_ascii_alphanumeric())
        && field.bytes().any(|b| b.is_ascii_digit())
        && normalise_brin(field).is_none()
}

/// One line without a header: a name, a BRIN, or both in either order.
fn listed_line(line: &str) -> Option<ListedSchool> {
    let sep = separator(line);
    let all = fields(line, sep)?;
    let parts: Vec<&str> = all
        .iter()
        .map(String::as_str)
        .filter(|f| !f.is_empty())
        .collect();
    let brin_at = if parts.last().is_some_and(|f| normalise_brin(f).is_some()) {
        parts.len().checked_sub(1)
    } else {
        parts.iter().position(|f| normalise_brin(f).is_some())
    };
    let others: Vec<&str> = parts
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != brin_at)
        .map(|(_, f)| *f)
        .collect();
    if others.iter().any(|f| almost_brin(f)) {
        return None;
    }
    let name = if sep == ',' {
        // A comma is as likely to be part of the name as a separator.
        others.join(", ")
    } else {
        others.first().copied().unwrap_or_default().to_owned()
    };
    Some(ListedSchool {
        name,
        brin: brin_at
            .and_then(|i| normalise_brin(parts[i]))
            .unwrap_or_default(),
    })
}

/// Reads the SWV's list of schools: one per line, as "name", "BRIN",
/// "name;BRIN", "BRIN;name", "name,BRIN" or a CSV with a header line
/// (columns named like naam/school and brin, in any order, separated by `;`
/// or `,` or tab, fields optionally in double quotes). Blank lines and a
/// UTF-8 BOM are ignored; a line with a BRIN only is fine. Returns the
/// schools and the numbers (1-based) of lines it could not read.
///
/// Without a header, a line separated by `;` or tab gives its first field
/// that is not a BRIN as the name (further columns are ignored); separated
/// by commas, the fields other than the BRIN together are the name, as a
/// school name may hold a comma. A line cannot be read when a quote is not
/// closed, when a field looks like a mistyped BRIN (`12A`, `1234`), or,
/// under a header, when its BRIN is malformed or it has neither name nor
/// BRIN. A school listed twice (same BRIN, or same name without BRIN) is
/// kept once.
pub fn school_list(text: &str) -> (Vec<ListedSchool>, Vec<usize>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut schools: Vec<ListedSchool> = Vec::new();
    // What is kept already, to look up rather than compare with every
    // school before (that took minutes for a list of 40,000 lines).
    let mut brins_seen = BTreeSet::new();
    // Keys (`school_key`) of the names of the schools kept without a BRIN.
    let mut names_seen = BTreeSet::new();
    let mut unreadable = Vec::new();
    // (separator, name column, BRIN column) once a header was seen.
    let mut header: Option<(char, Option<usize>, Option<usize>)> = None;
    let mut first = true;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if first {
            first = false;
            let sep = separator(line);
            if let Some(cells) = fields(line, sep) {
                let name = cells.iter().position(|c| is_name_header(c));
                let brin = cells.iter().position(|c| is_brin_header(c));
                if name.is_some() || brin.is_some() {
                    header = Some((sep, name, brin));
                    continue;
                }
            }
        }
        let read = match header {
            Some((sep, name_col, brin_col)) => fields(line, sep).and_then(|cells| {
                let cell = |col: Option<usize>| {
                    col.and_then(|c| cells.get(c))
                        .map_or("", String::as_str)
                        .to_owned()
                };
                let (name, brin) = (cell(name_col), cell(brin_col));
                let brin = if brin.is_empty() {
                    String::new()
                } else {
                    normalise_brin(&brin)?
                };
                if name.is_empty() && brin.is_empty() {
                    // A line of empty cells is blank; anything else was
                    // in the wrong columns.
                    return cells
                        .iter()
                        .all(String::is_empty)
                        .then_some(ListedSchool { name, brin });
                }
                Some(ListedSchool { name, brin })
            }),
            None => listed_line(line),
        };
        match read {
            Some(s) if s.name.is_empty() && s.brin.is_empty() => {}
            Some(s) => {
                let first = if s.brin.is_empty() {
                    names_seen.insert(school_key(&s.name))
                } else {
                    brins_seen.insert(s.brin.clone())
                };
                if first {
                    schools.push(s);
                }
            }
            None => unreadable.push(i + 1),
        }
    }
    (schools, unreadable)
}

/// One receipt as the Ontvangst view lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct ReceiptRow {
    pub school: School,
    pub role: Option<Role>,
    /// What "anders" means, when that role is chosen.
    pub role_other: String,
    /// The day of this revision.
    pub updated: Date,
    pub received: bool,
    pub shared: Option<SharedWithColleagues>,
    pub reactions: String,
    pub wishes: String,
}

/// The Ontvangst view: every receipt, and which schools on the SWV's list
/// have not sent one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReceiptOverview {
    /// Every receipt, sorted by school name (ASCII case-insensitive), then
    /// newest first.
    pub rows: Vec<ReceiptRow>,
    /// Distinct schools that confirmed (by BRIN when given, else by trimmed
    /// case-folded name): two receipts are one school when their BRINs are
    /// equal, or when one has no BRIN and the names are equal.
    pub schools: usize,
    /// Receipts that confirm the handreiking was received (every receipt
    /// this app exports does). Counted per receipt, not per school: several
    /// people of one school may confirm.
    pub received: usize,
    /// Counts of sharedWithColleagues answers over all receipts: ja, nee,
    /// nog niet, not answered.
    pub shared: [usize; 4],
    /// Schools on the list with no confirming receipt (matched by BRIN when
    /// both have one, else by [`school_key`] of the name), in list order.
    pub missing: Vec<ListedSchool>,
    /// For each school in `missing` (by index), the confirming schools not
    /// on the list whose name is close to its name ([`close_names`]):
    /// "Vossius" for "Het Vossius". Offered to the user, never counted.
    pub likely: Vec<(usize, School)>,
}

/// The words of a school name that tell it apart: lower case, split at
/// anything that is not a letter or digit, without articles.
fn name_words(name: &str) -> Vec<String> {
    const ARTICLES: [&str; 5] = ["de", "het", "een", "t", "s"];
    name.split(|c: char| !c.is_alphanumeric())
        .map(|w| w.to_lowercase())
        .filter(|w| !w.is_empty() && !ARTICLES.contains(&w.as_str()))
        .collect()
}

/// The edit distance between `a` and `b`, counted up to `max + 1`.
fn edits_within(a: &[char], b: &[char], max: usize) -> bool {
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(here + 1);
            prev = here;
        }
    }
    row[b.len()] <= max
}

/// Whether two school names that are not the same are likely one school:
/// equal without articles and punctuation ("'t Atrium", "Atrium"), the
/// words of one a run of the words of the other with a word of at least
/// 4 letters ("Vossius", "Het Vossius Gymnasium"), or one or two typing
/// errors apart in names of at least 6 letters.
pub fn close_names(a: &str, b: &str) -> bool {
    let (wa, wb) = (name_words(a), name_words(b));
    if wa.is_empty() || wb.is_empty() {
        return false;
    }
    let (short, long) = if wa.len() <= wb.len() {
        (&wa, &wb)
    } else {
        (&wb, &wa)
    };
    let run = long.windows(short.len()).any(|w| w == short.as_slice());
    if run && short.iter().any(|w| w.chars().count() >= 4) {
        return true;
    }
    let (ja, jb): (Vec<char>, Vec<char>) =
        (wa.concat().chars().collect(), wb.concat().chars().collect());
    ja.len().min(jb.len()) >= 6 && edits_within(&ja, &jb, 2)
}

/// Whether a receipt's school and a school on the list (or another
/// receipt's) are the same: by BRIN when both have one, else by name.
fn same_school(name: &str, brin: &str, other_name: &str, other_brin: &str) -> bool {
    if !brin.is_empty() && !other_brin.is_empty() {
        brin == other_brin
    } else {
        !school_key(name).is_empty() && same_name(name, other_name)
    }
}

/// The Ontvangst view over `records` (reflections are skipped), against the
/// SWV's `list` of schools. The caller filters, say by instrument and
/// school year, and keeps one record per id ([`crate::import::Collection`]).
pub fn receipts<'a>(
    records: impl IntoIterator<Item = &'a ExportRecord>,
    list: &[ListedSchool],
) -> ReceiptOverview {
    let mut keyed: Vec<(String, ReceiptRow)> = Vec::new();
    for r in records {
        let (Kind::Receipt, Some(school), Some(a)) = (r.kind, &r.school, &r.receipt) else {
            continue;
        };
        let school = School {
            name: school.name.trim().to_owned(),
            brin: normalise_brin(&school.brin).unwrap_or_default(),
        };
        keyed.push((
            school_key(&school.name),
            ReceiptRow {
                school,
                role: a.role,
                role_other: a.role_other.clone(),
                updated: r.updated,
                received: a.received,
                shared: a.shared_with_colleagues,
                reactions: a.reactions.clone(),
                wishes: a.wishes.clone(),
            },
        ));
    }
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.updated.cmp(&a.1.updated)));
    let rows: Vec<ReceiptRow> = keyed.into_iter().map(|(_, row)| row).collect();

    let mut overview = ReceiptOverview::default();
    // One entry per distinct school that confirmed: (name, BRIN).
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for row in &rows {
        let i = match row.shared {
            Some(SharedWithColleagues::Ja) => 0,
            Some(SharedWithColleagues::Nee) => 1,
            Some(SharedWithColleagues::NogNiet) => 2,
            None => 3,
        };
        overview.shared[i] += 1;
        if !row.received {
            continue;
        }
        overview.received += 1;
        let (name, brin) = (row.school.name.as_str(), row.school.brin.as_str());
        match seen.iter_mut().find(|(n, b)| same_school(name, brin, n, b)) {
            Some(kept) if kept.1.is_empty() => kept.1 = brin,
            Some(_) => {}
            None => seen.push((name, brin)),
        }
    }
    overview.schools = seen.len();
    overview.missing = list
        .iter()
        .filter(|l| {
            !rows.iter().any(|row| {
                row.received && same_school(&row.school.name, &row.school.brin, &l.name, &l.brin)
            })
        })
        .cloned()
        .collect();
    // Confirmed schools that match nobody on the list, offered beside the
    // listed schools they may be.
    if !list.is_empty() {
        let unlisted: Vec<&(&str, &str)> = seen
            .iter()
            .filter(|(n, b)| !list.iter().any(|l| same_school(n, b, &l.name, &l.brin)))
            .collect();
        for (i, m) in overview.missing.iter().enumerate() {
            for (name, brin) in &unlisted {
                let brins_differ = !m.brin.is_empty() && !brin.is_empty() && m.brin != *brin;
                if !brins_differ && close_names(&m.name, name) {
                    let school = School {
                        name: (*name).to_owned(),
                        brin: (*brin).to_owned(),
                    };
                    overview.likely.push((i, school));
                }
            }
        }
    }
    overview.rows = rows;
    overview
}

// ---- Reflections ("Reflectie" and "Routekaart" views)

/// The figures of one question with a scale, over a set of reflections.
#[derive(Clone, Debug, PartialEq)]
pub struct ScaleSummary {
    pub item: String,
    pub question: String,
    /// Records that answered this question with any option, the "unknown"
    /// options included. Choices that are not an option of the scale (from
    /// another version of the instrument) are not counted.
    pub n: usize,
    /// Count per option of the scale, in the scale's order (unknown options
    /// excluded); TooFew when n < MIN_GROUP.
    pub counts: Shown<Vec<usize>>,
    /// Count of "weet ik niet"-style answers (scale.unknown); TooFew when
    /// n < MIN_GROUP.
    pub unknown: Shown<usize>,
    /// Mean position on the scale, 1 = first option, over the answers that
    /// chose a real option; TooFew when fewer than MIN_GROUP of those.
    pub mean: Shown<f64>,
    /// Standard deviation of those positions (population), same rule.
    pub spread: Shown<f64>,
    /// The answers lie far apart. Decided only when the mean is shown (so
    /// over at least [`MIN_GROUP`] answers on a real option), and true when
    /// either
    ///
    /// - the scale has 4 or more options and the spread is at least 1.0
    ///   (a whole step or more on either side of the mean: on a 4-point
    ///   scale, say, half the answers on 1 and half on 3), or
    /// - the scale has 2 or more options and the first and the last option
    ///   are each chosen by at least 20% of those answering (two camps at
    ///   the ends, which on a 3-point scale is as far apart as it gets).
    pub differs_widely: bool,
}

/// How the answers to one question fall on its scale.
struct Tally {
    counts: Vec<usize>,
    unknown: usize,
}

fn summary(item: &str, question: &str, t: Tally) -> ScaleSummary {
    let real: usize = t.counts.iter().sum();
    let n = real + t.unknown;
    let (mean, spread) = if real == 0 {
        (0.0, 0.0)
    } else {
        let m = real as f64;
        let mean = t
            .counts
            .iter()
            .enumerate()
            .map(|(i, &c)| (i + 1) as f64 * c as f64)
            .sum::<f64>()
            / m;
        let var = t
            .counts
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let d = (i + 1) as f64 - mean;
                d * d * c as f64
            })
            .sum::<f64>()
            / m;
        (mean, var.sqrt())
    };
    let options = t.counts.len();
    let ends = options >= 2 && 5 * t.counts[0] >= real && 5 * t.counts[options - 1] >= real;
    ScaleSummary {
        item: item.to_owned(),
        question: question.to_owned(),
        n,
        differs_widely: real >= MIN_GROUP && ((options >= 4 && spread >= 1.0) || ends),
        unknown: Shown::over(n, || t.unknown),
        mean: Shown::over(real, || mean),
        spread: Shown::over(real, || spread),
        counts: Shown::over(n, || t.counts),
    }
}

/// One summary per (item, question with a scale) of `instrument`, in
/// instrument order, over `records` (the caller filters; records for
/// another instrument id, and receipts, are skipped). Records answering
/// another version of the instrument (another digest) are counted where
/// their choice is an option of this scale; to keep versions apart, filter
/// on `record.instrument.digest` first.
pub fn scale_summaries<'a>(
    instrument: &Instrument,
    records: impl IntoIterator<Item = &'a ExportRecord>,
) -> Vec<ScaleSummary> {
    let answers: Vec<_> = records
        .into_iter()
        .filter(|r| r.instrument.id == instrument.id())
        .filter_map(|r| r.answers.as_ref())
        .collect();
    let mut out = Vec::new();
    for item in instrument.items() {
        for q in instrument.questions(item) {
            let Some(scale) = q.scale.as_deref().and_then(|s| instrument.scale(s)) else {
                continue;
            };
            let key = answer_key(&item.id, &q.id);
            let mut t = Tally {
                counts: vec![0; scale.options.len()],
                unknown: 0,
            };
            for a in &answers {
                let Some(choice) = a.get(&key).and_then(|a| a.scale.as_deref()) else {
                    continue;
                };
                if let Some(i) = scale.options.iter().position(|o| o.id == choice) {
                    t.counts[i] += 1;
                } else if scale.unknown.as_ref().is_some_and(|u| u.id == choice) {
                    t.unknown += 1;
                }
            }
            out.push(summary(&item.id, &q.id, t));
        }
    }
    out
}

/// The items with the highest and the lowest mean on `question` (e.g.
/// "waar-staan-wij"), only among shown means: strongest first, weakest
/// first; ties keep instrument order.
///
/// The two lists never share an item: each holds up to `k`, and at most
/// half of the shown means (rounded down), so with 3 shown means and `k` 3
/// each list has one and the middle one is in neither. An item that ties
/// with others and made it into the strongest is skipped for the weakest.
pub fn strongest_and_weakest<'s>(
    summaries: &'s [ScaleSummary],
    question: &str,
    k: usize,
) -> (Vec<&'s ScaleSummary>, Vec<&'s ScaleSummary>) {
    let mut shown: Vec<(&ScaleSummary, f64)> = summaries
        .iter()
        .filter(|s| s.question == question)
        .filter_map(|s| s.mean.value().map(|&m| (s, m)))
        .collect();
    let take = k.min(shown.len() / 2);
    // Stable sorts: equal means stay in instrument order in both lists.
    shown.sort_by(|a, b| b.1.total_cmp(&a.1));
    let strongest: Vec<&ScaleSummary> = shown.iter().take(take).map(|(s, _)| *s).collect();
    shown.sort_by(|a, b| a.1.total_cmp(&b.1));
    let weakest = shown
        .iter()
        .map(|(s, _)| *s)
        .filter(|s| {
            !strongest
                .iter()
                .any(|t: &&ScaleSummary| std::ptr::eq(*t, *s))
        })
        .take(take)
        .collect();
    (strongest, weakest)
}

/// A written answer as the collection view shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextAnswer {
    /// The school, only where the sender named it.
    pub school: Option<String>,
    pub updated: Date,
    /// As sent (already anonymised by the sender).
    pub text: String,
}

/// Every non-empty text answer to `item`/`question` in `records`, with the
/// school only where the sender named it (`record.school`), sorted by school
/// name ([`school_key`]), then newest first; answers without a school come
/// last. The caller filters by instrument.
pub fn texts<'a>(
    records: impl IntoIterator<Item = &'a ExportRecord>,
    item: &str,
    question: &str,
) -> Vec<TextAnswer> {
    let key = answer_key(item, question);
    let mut out: Vec<(String, TextAnswer)> = Vec::new();
    for r in records {
        let Some(a) = r.answers.as_ref().and_then(|a| a.get(&key)) else {
            continue;
        };
        if a.text.trim().is_empty() {
            continue;
        }
        let school = r
            .school
            .as_ref()
            .map(|s| s.name.trim())
            .filter(|n| !n.is_empty())
            .map(str::to_owned);
        out.push((
            school.as_deref().map(school_key).unwrap_or_default(),
            TextAnswer {
                school,
                updated: r.updated,
                text: a.text.clone(),
            },
        ));
    }
    out.sort_by(|a, b| {
        (a.0.is_empty().cmp(&b.0.is_empty()))
            .then_with(|| a.0.cmp(&b.0))
            .then(b.1.updated.cmp(&a.1.updated))
    });
    out.into_iter().map(|(_, t)| t).collect()
}

/// The change between two years' counts of one question, for the
/// Routekaart view: per option, this year's count minus last year's. `None`
/// unless both are shown, are about the same item and question, and have
/// as many options.
pub fn change(now: &ScaleSummary, before: &ScaleSummary) -> Option<Vec<i64>> {
    let (a, b) = (now.counts.value()?, before.counts.value()?);
    if now.item != before.item || now.question != before.question || a.len() != b.len() {
        return None;
    }
    Some(
        a.iter()
            .zip(b)
            .map(|(&x, &y)| x as i64 - y as i64)
            .collect(),
    )
}

// ---- Action plans

/// The actions of one item, counted by status, over a set of reflections.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionSummary {
    pub item: String,
    /// Records with at least one action under this item: the group the
    /// counts are about. A record without actions there adds nothing to
    /// the counts, so it does not hide anyone in them either.
    pub n: usize,
    /// The actions of those records by status; TooFew when n < MIN_GROUP,
    /// so that one school's plan cannot be read off the counts.
    pub counts: Shown<StatusCounts>,
}

/// One summary per item of `instrument` that keeps an action plan (see
/// [`Instrument::action_question`]), in instrument order, over `records`
/// (the caller filters; records for another instrument id, and receipts,
/// are skipped). Actions under an item the instrument does not have (from
/// another version of it) are not counted.
///
/// There is deliberately no total over all items: a total over enough
/// records, minus the items that are shown, would give away the counts of
/// an item that is hidden.
pub fn action_summaries<'a>(
    instrument: &Instrument,
    records: impl IntoIterator<Item = &'a ExportRecord>,
) -> Vec<ActionSummary> {
    let plans: Vec<_> = records
        .into_iter()
        .filter(|r| r.kind == Kind::Reflection && r.instrument.id == instrument.id())
        .filter_map(|r| r.actions.as_ref())
        .collect();
    instrument
        .items()
        .filter(|item| instrument.action_question(item).is_some())
        .map(|item| {
            let mut n = 0;
            let mut counts = StatusCounts::default();
            for actions in plans.iter().filter_map(|p| p.get(item.id.as_ref())) {
                if !actions.is_empty() {
                    n += 1;
                    counts.add_all(plan::count(actions));
                }
            }
            ActionSummary {
                item: item.id.to_string(),
                n,
                counts: Shown::over(n, || counts),
            }
        })
        .collect()
}
