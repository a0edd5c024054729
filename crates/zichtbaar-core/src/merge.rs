//! Two tabs on one record: each keeps what it changed (a three-way merge,
//! field by field).
//!
//! The same page can be open in two tabs. Each tab writes what it typed
//! 300 ms later; without a merge the last write would silently drop the
//! other tab's text. So when a tab learns that the stored record changed
//! under it (the browser's `storage` event, or a read just before it
//! writes), it merges against the version both started from (`base`):
//!
//! - a field changed in one tab only takes that tab's value;
//! - a text changed in both tabs, to different text, becomes both texts:
//!   this tab's (it is on the screen, maybe being typed), an empty line,
//!   then the other tab's. Its key is returned, so the page can say where
//!   to look. Nothing typed in either tab disappears, and both tabs end up
//!   showing the same text;
//! - a choice (a scale, a status, a date) changed in both keeps this tab's.
//!
//! Actions are merged by id: one added in either tab is kept, one removed
//! in one tab and left alone in the other is removed, one removed in one
//! tab but changed in the other stays (with the change).

use std::collections::BTreeMap;

use crate::plan::Action;
use crate::record::{Answer, Body, Receipt, ReceiptText, Reflection};

/// Which text both tabs changed: an answer key (`item/question`), an
/// action's `item/acties/id` (its `who`: `item/acties/id/wie`), or a
/// receipt field's JSON key.
pub type Conflict = String;

/// A record body that two tabs can merge.
pub trait Merge: Clone + PartialEq + Sized {
    /// `ours` and `theirs` both started from `base`: the two together, and
    /// the texts both changed.
    fn merge(base: &Self, ours: &Self, theirs: &Self) -> (Self, Vec<Conflict>);
    /// This kind of body in `body`, if it is one.
    fn of(body: &Body) -> Option<&Self>;
}

/// The value both tabs agree on, or the one that changed; `None` when
/// both changed it differently.
fn pick<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T) -> Option<T> {
    if ours == theirs || theirs == base {
        Some(ours.clone())
    } else if ours == base {
        Some(theirs.clone())
    } else {
        None
    }
}

/// A choice: when both changed it, this tab's.
fn choice<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T) -> T {
    pick(base, ours, theirs).unwrap_or_else(|| ours.clone())
}

/// A text: when both changed it, both texts, this tab's first, and its key
/// in `out` (unless the other tab emptied it: then nothing typed is lost).
fn text(key: &str, base: &str, ours: &str, theirs: &str, out: &mut Vec<Conflict>) -> String {
    match pick(&base, &ours, &theirs) {
        Some(text) => text.to_owned(),
        None if theirs.trim().is_empty() => ours.to_owned(),
        None if ours.trim().is_empty() => theirs.to_owned(),
        None => {
            out.push(key.to_owned());
            format!("{ours}\n\n{theirs}")
        }
    }
}

fn answer(
    key: &str,
    base: &Answer,
    ours: &Answer,
    theirs: &Answer,
    out: &mut Vec<Conflict>,
) -> Answer {
    Answer {
        scale: choice(&base.scale, &ours.scale, &theirs.scale),
        text: text(key, &base.text, &ours.text, &theirs.text, out),
    }
}

/// The merged value of each key in either map (absent counts as `T::default()`);
/// a key whose merged value is the default is left out.
fn by_key<T: Clone + Default + PartialEq>(
    base: &BTreeMap<String, T>,
    ours: &BTreeMap<String, T>,
    theirs: &BTreeMap<String, T>,
    mut each: impl FnMut(&str, &T, &T, &T) -> T,
) -> BTreeMap<String, T> {
    let none = T::default();
    let get = |m: &BTreeMap<String, T>, k: &str| m.get(k).cloned().unwrap_or_else(|| none.clone());
    let mut out = BTreeMap::new();
    for key in ours.keys().chain(theirs.keys()) {
        if out.contains_key(key) {
            continue;
        }
        let merged = each(key, &get(base, key), &get(ours, key), &get(theirs, key));
        if merged != none {
            out.insert(key.clone(), merged);
        }
    }
    out
}

fn action(
    key: &str,
    base: &Action,
    ours: &Action,
    theirs: &Action,
    out: &mut Vec<Conflict>,
) -> Action {
    Action {
        id: ours.id.clone(),
        what: text(key, &base.what, &ours.what, &theirs.what, out),
        who: text(
            &format!("{key}/wie"),
            &base.who,
            &ours.who,
            &theirs.who,
            out,
        ),
        due: choice(&base.due, &ours.due, &theirs.due),
        status: choice(&base.status, &ours.status, &theirs.status),
        carried_from: choice(&base.carried_from, &ours.carried_from, &theirs.carried_from),
    }
}

/// One item's actions, by id: this tab's order, then the other's new ones.
fn actions(
    item: &str,
    base: &[Action],
    ours: &[Action],
    theirs: &[Action],
    out: &mut Vec<Conflict>,
) -> Vec<Action> {
    if let Some(same) = pick(&base, &ours, &theirs) {
        return same.to_vec();
    }
    let find = |list: &[Action], id: &str| list.iter().find(|a| a.id == id).cloned();
    let mut merged = Vec::new();
    for o in ours {
        let b = find(base, &o.id);
        match (b, find(theirs, &o.id)) {
            (b, Some(t)) => {
                let b = b.unwrap_or_else(|| o.clone());
                merged.push(action(&format!("{item}/acties/{}", o.id), &b, o, &t, out));
            }
            // Removed in the other tab: gone, unless changed in this one.
            (Some(b), None) if b == *o => {}
            (_, None) => merged.push(o.clone()),
        }
    }
    for t in theirs {
        if ours.iter().any(|o| o.id == t.id) {
            continue;
        }
        // New in the other tab, or removed here but changed there.
        if find(base, &t.id).is_none_or(|b| b != *t) {
            merged.push(t.clone());
        }
    }
    merged
}

impl Merge for Reflection {
    fn merge(
        base: &Reflection,
        ours: &Reflection,
        theirs: &Reflection,
    ) -> (Reflection, Vec<Conflict>) {
        let mut out = Vec::new();
        let answers = by_key(
            &base.answers,
            &ours.answers,
            &theirs.answers,
            |k, b, o, t| answer(k, b, o, t, &mut out),
        );
        let actions = by_key(
            &base.actions,
            &ours.actions,
            &theirs.actions,
            |k, b, o, t| actions(k, b, o, t, &mut out),
        );
        let merged = Reflection {
            perspective: ours.perspective,
            answers,
            actions,
        };
        (merged, out)
    }

    fn of(body: &Body) -> Option<&Reflection> {
        match body {
            Body::Reflection(r) => Some(r),
            Body::Receipt(_) => None,
        }
    }
}

impl Merge for Receipt {
    fn merge(base: &Receipt, ours: &Receipt, theirs: &Receipt) -> (Receipt, Vec<Conflict>) {
        let mut out = Vec::new();
        let (b, o, t) = (&base.answers, &ours.answers, &theirs.answers);
        let mut merged = Receipt {
            school_name: text(
                "schoolName",
                &base.school_name,
                &ours.school_name,
                &theirs.school_name,
                &mut out,
            ),
            brin: text("brin", &base.brin, &ours.brin, &theirs.brin, &mut out),
            answers: o.clone(),
        };
        let m = &mut merged.answers;
        m.role = choice(&b.role, &o.role, &t.role);
        m.received = choice(&b.received, &o.received, &t.received);
        m.shared_with_colleagues = choice(
            &b.shared_with_colleagues,
            &o.shared_with_colleagues,
            &t.shared_with_colleagues,
        );
        for field in ReceiptText::ALL {
            *m.text_mut(field) = text(
                field.key(),
                b.text(field),
                o.text(field),
                t.text(field),
                &mut out,
            );
        }
        (merged, out)
    }

    fn of(body: &Body) -> Option<&Receipt> {
        match body {
            Body::Receipt(r) => Some(r),
            Body::Reflection(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Status;
    use crate::record::Perspective;

    fn reflection(answers: &[(&str, &str)]) -> Reflection {
        let mut r = Reflection::new(Perspective::Persoonlijk);
        for (k, text) in answers {
            r.answers.insert(
                (*k).to_owned(),
                Answer {
                    scale: None,
                    text: (*text).to_owned(),
                },
            );
        }
        r
    }

    fn act(id: &str, what: &str) -> Action {
        let mut a = Action::new([0; 4]);
        a.id = id.to_owned();
        a.what = what.to_owned();
        a
    }

    #[test]
    fn answers_changed_in_one_tab_each_are_both_kept() {
        let base = reflection(&[("a/1", "start")]);
        let ours = reflection(&[("a/1", "start"), ("a/2", "hier getypt")]);
        let theirs = reflection(&[("a/1", "daar aangepast")]);
        let (merged, conflicts) = Reflection::merge(&base, &ours, &theirs);
        assert_eq!(
            merged,
            reflection(&[("a/1", "daar aangepast"), ("a/2", "hier getypt")])
        );
        assert!(conflicts.is_empty());
    }

    #[test]
    fn a_text_changed_in_both_tabs_becomes_both_texts() {
        let base = reflection(&[("a/1", "start")]);
        let ours = reflection(&[("a/1", "start, hier verder")]);
        let theirs = reflection(&[("a/1", "start, daar verder")]);
        let (merged, conflicts) = Reflection::merge(&base, &ours, &theirs);
        assert_eq!(
            merged,
            reflection(&[("a/1", "start, hier verder\n\nstart, daar verder")])
        );
        assert_eq!(conflicts, ["a/1"]);
        // The other tab, merging the result, takes it as it is.
        let (again, conflicts) = Reflection::merge(&theirs, &theirs, &merged);
        assert_eq!(again, merged);
        assert!(conflicts.is_empty());
        // The same text typed in both is no conflict.
        assert!(Reflection::merge(&base, &ours, &ours).1.is_empty());
    }

    #[test]
    fn a_text_emptied_in_the_other_tab_is_emptied_unless_typed_here() {
        let base = reflection(&[("a/1", "weg"), ("a/2", "blijft")]);
        let ours = reflection(&[("a/1", "weg"), ("a/2", "blijft, aangevuld")]);
        let theirs = reflection(&[]);
        let (merged, conflicts) = Reflection::merge(&base, &ours, &theirs);
        assert_eq!(merged, reflection(&[("a/2", "blijft, aangevuld")]));
        // Nothing typed was lost, so nothing to show.
        assert!(conflicts.is_empty(), "{conflicts:?}");
    }

    #[test]
    fn a_scale_chosen_in_both_tabs_keeps_ours_without_a_conflict() {
        let mut base = reflection(&[]);
        base.answers.insert("a/s".into(), Answer::default());
        let mut ours = base.clone();
        ours.answers.get_mut("a/s").unwrap().scale = Some("bezig".into());
        let mut theirs = base.clone();
        theirs.answers.get_mut("a/s").unwrap().scale = Some("klaar".into());
        let (merged, conflicts) = Reflection::merge(&base, &ours, &theirs);
        assert_eq!(merged.answers["a/s"].scale.as_deref(), Some("bezig"));
        assert!(conflicts.is_empty());
        // Chosen in the other tab only: taken.
        let (merged, _) = Reflection::merge(&base, &base, &theirs);
        assert_eq!(merged.answers["a/s"].scale.as_deref(), Some("klaar"));
    }

    #[test]
    fn actions_merge_by_id() {
        let mut base = reflection(&[]);
        base.actions.insert(
            "i".into(),
            vec![act("1", "een"), act("2", "twee"), act("3", "drie")],
        );
        // Here: 1 changed, 3 removed, 4 added.
        let mut ours = base.clone();
        ours.actions.insert(
            "i".into(),
            vec![act("1", "een, beter"), act("2", "twee"), act("4", "vier")],
        );
        // There: 2 done, 1 untouched, 5 added.
        let mut theirs = base.clone();
        let mut two = act("2", "twee");
        two.status = Status::Klaar;
        theirs.actions.insert(
            "i".into(),
            vec![
                act("1", "een"),
                two.clone(),
                act("3", "drie"),
                act("5", "vijf"),
            ],
        );
        let (merged, conflicts) = Reflection::merge(&base, &ours, &theirs);
        assert_eq!(
            merged.actions["i"],
            vec![
                act("1", "een, beter"),
                two,
                act("4", "vier"),
                act("5", "vijf")
            ]
        );
        assert!(conflicts.is_empty());
    }

    #[test]
    fn an_action_removed_here_but_changed_there_comes_back() {
        let mut base = reflection(&[]);
        base.actions.insert("i".into(), vec![act("1", "een")]);
        let mut ours = base.clone();
        ours.actions.clear();
        let mut theirs = base.clone();
        theirs
            .actions
            .insert("i".into(), vec![act("1", "een, aangevuld")]);
        let (merged, _) = Reflection::merge(&base, &ours, &theirs);
        assert_eq!(merged.actions["i"], vec![act("1", "een, aangevuld")]);
    }

    #[test]
    fn an_action_text_changed_in_both_tabs_keeps_both_under_its_key() {
        let mut base = reflection(&[]);
        base.actions.insert("i".into(), vec![act("1", "een")]);
        let mut ours = base.clone();
        ours.actions.insert("i".into(), vec![act("1", "hier")]);
        let mut theirs = base.clone();
        theirs.actions.insert("i".into(), vec![act("1", "daar")]);
        let (merged, conflicts) = Reflection::merge(&base, &ours, &theirs);
        assert_eq!(merged.actions["i"], vec![act("1", "hier\n\ndaar")]);
        assert_eq!(conflicts, ["i/acties/1"]);
    }

    #[test]
    fn receipts_merge_field_by_field() {
        let base = Receipt::default();
        let mut ours = base.clone();
        ours.school_name = "De Brug".into();
        ours.answers.reactions = "hier".into();
        let mut theirs = base.clone();
        theirs.answers.received = true;
        theirs.answers.reactions = "daar".into();
        theirs.answers.wishes = "meer voorbeelden".into();
        let (merged, conflicts) = Receipt::merge(&base, &ours, &theirs);
        assert_eq!(merged.school_name, "De Brug");
        assert!(merged.answers.received);
        assert_eq!(merged.answers.reactions, "hier\n\ndaar");
        assert_eq!(merged.answers.wishes, "meer voorbeelden");
        assert_eq!(conflicts, ["reactions"]);
    }
}
