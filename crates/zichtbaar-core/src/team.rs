//! The team view: the reflections colleagues shared with their team leader
//! (or with each other), side by side, a column per colleague.
//!
//! Unlike the SWV's figures ([`crate::collection`]), nothing here is held
//! back for groups under [`crate::collection::MIN_GROUP`]: a colleague who
//! shared a reflection with the team (`team` in the export) chose to be
//! read, in full, by that reader. The minimum group protects schools in the
//! SWV's figures, not colleagues from the reader they chose.

use crate::export::ExportRecord;
use crate::instrument::{answer_key, Instrument, ItemDef, QuestionDef};
use crate::plan::Action;
use crate::record::{Answer, Kind};

/// One colleague's column.
#[derive(Clone, Debug, PartialEq)]
pub struct Colleague<'a> {
    /// The name they chose, or "collega 1", "collega 2", ...; a name two
    /// colleagues chose gets " (2)" for the second.
    pub name: String,
    pub record: &'a ExportRecord,
}

/// One question of an item, with each colleague's answer (by column).
#[derive(Clone, Debug, PartialEq)]
pub struct TeamRow<'a> {
    pub question: &'a QuestionDef,
    pub answers: Vec<Option<&'a Answer>>,
}

/// One item that at least one colleague said something about.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamItem<'a> {
    pub item: &'a ItemDef,
    /// The questions at least one colleague answered, in the instrument's
    /// order.
    pub rows: Vec<TeamRow<'a>>,
    /// Each colleague's actions under this item, in their own order (by
    /// column; empty when none).
    pub actions: Vec<&'a [Action]>,
}

/// The whole team view.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamView<'a> {
    pub colleagues: Vec<Colleague<'a>>,
    /// Items someone said something about, in the instrument's order.
    pub items: Vec<TeamItem<'a>>,
    /// Items nobody said anything about.
    pub unanswered: Vec<&'a ItemDef>,
}

/// Whether `record` was shared with the team: a reflection with `team`.
pub fn is_team_share(record: &ExportRecord) -> bool {
    record.kind == Kind::Reflection && record.team.is_some()
}

/// The colleagues' columns: the team shares among `records` on
/// `instrument`, oldest first (then by id), so the columns stay put when a
/// colleague sends a newer revision.
fn colleagues<'a>(
    instrument: &Instrument,
    records: impl IntoIterator<Item = &'a ExportRecord>,
) -> Vec<Colleague<'a>> {
    let mut shares: Vec<&ExportRecord> = records
        .into_iter()
        .filter(|r| is_team_share(r) && r.instrument.id == instrument.id())
        .collect();
    shares.sort_by(|a, b| (a.updated, &a.id).cmp(&(b.updated, &b.id)));
    let mut out: Vec<Colleague<'a>> = Vec::with_capacity(shares.len());
    let mut nameless = 0;
    for record in shares {
        let chosen = record.team.as_ref().map_or("", |t| t.name.trim());
        let base = if chosen.is_empty() {
            nameless += 1;
            format!("collega {nameless}")
        } else {
            chosen.to_owned()
        };
        let mut name = base.clone();
        let mut n = 1;
        while out.iter().any(|c| c.name.eq_ignore_ascii_case(&name)) {
            n += 1;
            name = format!("{base} ({n})");
        }
        out.push(Colleague { name, record });
    }
    out
}

/// The team view of `records` (the newest revision of each, as the page
/// keeps them) on `instrument`.
pub fn view<'a>(
    instrument: &'a Instrument,
    records: impl IntoIterator<Item = &'a ExportRecord>,
) -> TeamView<'a> {
    let colleagues = colleagues(instrument, records);
    let mut items = Vec::new();
    let mut unanswered = Vec::new();
    for item in instrument.items() {
        let rows: Vec<TeamRow<'a>> = instrument
            .questions(item)
            .map(|question| TeamRow {
                question,
                answers: colleagues
                    .iter()
                    .map(|c| {
                        c.record
                            .answers
                            .as_ref()
                            .and_then(|a| a.get(&answer_key(&item.id, &question.id)))
                            .filter(|a| a.is_answered())
                    })
                    .collect(),
            })
            .filter(|row| row.answers.iter().any(Option::is_some))
            .collect();
        let actions: Vec<&'a [Action]> = colleagues
            .iter()
            .map(|c| {
                c.record
                    .actions
                    .as_ref()
                    .and_then(|a| a.get(item.id.as_ref()))
                    .map_or(&[][..], Vec::as_slice)
            })
            .collect();
        if rows.is_empty() && actions.iter().all(|a| a.is_empty()) {
            unanswered.push(item);
        } else {
            items.push(TeamItem {
                item,
                rows,
                actions,
            });
        }
    }
    TeamView {
        colleagues,
        items,
        unanswered,
    }
}
