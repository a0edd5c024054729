//! Sharing one record with the SWV: preview, anonymise, then download,
//! share or copy.
//!
//! What leaves the device is exactly the text in the `<pre>` of the preview:
//! download, share sheet and clipboard all get that same string.
//!
//! The panel is drawn once as a [`Markup`]; a change redraws only the
//! preview, the file text and the mail link, by id (see [`crate::dom`]).
//! Buttons keep their ids across redraws, so focus returns to the one pressed.
//!
//! The panel handles its own events: [`SharePanel::open`] listens on the
//! host element the page draws it into, and a page only keeps the
//! [`SharePanel`] while the panel is on screen (dropping it stops listening).

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use zichtbaar_core::export::{self, prepare, Preview, School, ShareChoices};
use zichtbaar_core::{Date, Instrument, Kind, Record};

use super::share_markup::{self, Action, Input, Scope};
use crate::html::{html, Markup};
use crate::share::{self, ShareError};
use crate::{dom, files, platform, storage};

fn split_names(text: &str) -> Vec<String> {
    text.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|n| n.chars().count() >= 2)
        .map(str::to_owned)
        .collect()
}

struct ShareState {
    record: Record,
    instrument: &'static Instrument,
    choices: ShareChoices,
    /// For a reflection: name the school on purpose.
    school_on: bool,
    school: School,
    /// Watched for in a reflection unless the school is named on purpose.
    school_names: Vec<String>,
    contact_email: String,
    today: Date,
    preview: Result<Preview, usize>,
}

impl ShareState {
    fn is_reflection(&self) -> bool {
        self.record.kind() == Kind::Reflection
    }

    /// The choices as the export sees them: the school only when named on
    /// purpose, and otherwise its names watched for.
    fn effective(&self) -> ShareChoices {
        let mut c = self.choices.clone();
        if self.is_reflection() && self.school_on {
            c.school = Some(self.school.clone());
        } else if self.is_reflection() {
            c.watch_names.extend(self.school_names.iter().cloned());
        }
        c
    }

    fn refresh(&mut self) {
        self.preview = prepare(&self.record, &self.effective(), self.today).map_err(|p| p.len());
    }

    fn json(&self) -> String {
        self.preview
            .as_ref()
            .map(Preview::to_json)
            .unwrap_or_default()
    }

    fn file_name(&self) -> String {
        self.preview
            .as_ref()
            .ok()
            .and_then(|p| p.export.records.first())
            .map(|r| export::file_name(r, self.today))
            .unwrap_or_else(|| "zichtbaar.json".to_owned())
    }

    fn title(&self) -> String {
        let what = if self.is_reflection() {
            "reflectie"
        } else {
            "ontvangstbevestiging"
        };
        format!("{} ({what})", self.instrument.def().short_title)
    }

    fn mail_href(&self) -> String {
        let body = format!(
            "Beste samenwerkingsverband,\n\nHierbij delen wij: {}.\nHet bestand {} zit als bijlage bij deze e-mail.\n(Lukt een bijlage niet? Kopieer dan in Zichtbaar de inhoud en plak die hieronder.)\n\n",
            self.title(),
            self.file_name()
        );
        share::mailto(&self.contact_email, &self.title(), &body)
    }

    fn preview_html(&self) -> Markup {
        match &self.preview {
            Ok(p) => share_markup::preview(&self.record, self.instrument, p, &self.effective()),
            Err(_) => html! {
                p { "Dit kan nog niet gedeeld worden: vul eerst de verplichte velden in." }
            },
        }
    }

    /// Redraws what depends on the choices.
    fn draw(&self) {
        dom::set_html(share_markup::PREVIEW, &self.preview_html());
        dom::set_text(share_markup::JSON, &self.json());
        dom::set_attr(share_markup::MAIL, "href", Some(&self.mail_href()));
    }
}

fn status(text: &str) {
    dom::set_text(share_markup::STATUS, text);
}

/// What a page needs to open the panel for one record.
pub struct ShareRequest {
    pub record: Record,
    pub instrument: &'static Instrument,
    /// Names typed elsewhere in the app (watched for in a reflection).
    pub school_names: Vec<String>,
    /// Offered when the user names the school.
    pub suggested_school: Option<School>,
    /// Goes in the mail link; may be empty.
    pub contact_email: String,
}

/// A share panel on the page: its state and its listeners. Dropping it
/// removes the listeners.
pub struct SharePanel {
    _listeners: Vec<dom::Listener>,
}

impl SharePanel {
    /// Prepares the panel and listens on `host`, the element the page draws
    /// the returned markup into (or an ancestor of it).
    pub fn open(host: &web_sys::EventTarget, request: ShareRequest) -> (SharePanel, Markup) {
        let saved_names = storage::load_watch_names().unwrap_or_default();
        let names_text = saved_names.join(", ");
        let school = request.suggested_school.unwrap_or(School {
            name: String::new(),
            brin: String::new(),
        });
        let mut s = ShareState {
            record: request.record,
            instrument: request.instrument,
            choices: ShareChoices {
                watch_names: saved_names,
                ..ShareChoices::default()
            },
            school_on: false,
            school,
            school_names: request.school_names,
            contact_email: request.contact_email,
            today: platform::today(),
            preview: Err(0),
        };
        s.refresh();
        let markup = share_markup::panel(&share_markup::PanelParts {
            is_reflection: s.is_reflection(),
            school_name: &s.school.name,
            brin: &s.school.brin,
            names: &names_text,
            preview: s.preview_html(),
            json: &s.json(),
            mail_href: &s.mail_href(),
            can_share: share::can_share_file(),
        });
        let state = Rc::new(RefCell::new(s));
        let (on_input, on_change, on_click) = (state.clone(), state.clone(), state);
        let listeners = vec![
            // Typing in the names field: the preview follows at once.
            dom::listen(host, "input", move |ev| {
                if let Some((Input::Names, el)) = dom::named::<Input>(&ev) {
                    changed(&on_input, Input::Names, &el, &ev);
                }
            }),
            dom::listen(host, "change", move |ev| {
                if let Some((input, el)) = dom::named::<Input>(&ev) {
                    changed(&on_change, input, &el, &ev);
                }
            }),
            dom::listen(host, "click", move |ev| {
                if let Some((action, button)) = dom::named::<Action>(&ev) {
                    ev.stop_propagation();
                    clicked(&on_click, action, &button);
                }
            }),
        ];
        (
            SharePanel {
                _listeners: listeners,
            },
            markup,
        )
    }
}

/// A change of one of the panel's inputs (school, names).
fn changed(state: &RefCell<ShareState>, input: Input, el: &web_sys::Element, ev: &web_sys::Event) {
    let value = event_target_value(ev);
    let mut s = state.borrow_mut();
    match input {
        Input::SchoolOn => {
            s.school_on = dom::is_checked(el);
            dom::set_attr(
                share_markup::SCHOOL_FIELDS,
                "hidden",
                (!s.school_on).then_some(""),
            );
        }
        Input::SchoolName => s.school.name = value,
        Input::SchoolBrin => s.school.brin = value,
        Input::Names => {
            let names = split_names(&value);
            if let Err(e) = storage::save_watch_names(&names) {
                status(&format!("De namen zijn niet bewaard: {}.", e.uitleg()));
            }
            s.choices.watch_names = names;
        }
    }
    s.refresh();
    s.draw();
}

/// A press on one of the panel's buttons.
fn clicked(state: &RefCell<ShareState>, action: Action, button: &web_sys::Element) {
    let attr = |name: &str| button.get_attribute(name).unwrap_or_default();
    match action {
        Action::Download => {
            let s = state.borrow();
            let name = s.file_name();
            if files::download(&name, "application/json", &s.json()) {
                status(&format!("Het bestand {name} staat in je downloads. Stuur het als bijlage naar het samenwerkingsverband."));
            } else {
                status("Downloaden lukte niet. Kopieer de inhoud en plak die in een e-mail.");
            }
        }
        Action::Copy => {
            let text = state.borrow().json();
            spawn_local(async move {
                status(match share::copy_text(&text).await {
                    Ok(()) => "Gekopieerd. Open je e-mail en plak de inhoud in het bericht.",
                    Err(_) => "Kopiëren lukte niet. Open 'Bekijk het bestand', selecteer de tekst en kopieer die zelf.",
                });
            });
        }
        Action::Share => {
            let (text, name, title) = {
                let s = state.borrow();
                (s.json(), s.file_name(), s.title())
            };
            spawn_local(async move {
                status(match share::share_file(&name, &text, &title).await {
                    Ok(()) => "Gedeeld.",
                    Err(ShareError::Cancelled) => "Delen is afgebroken. Er is niets verstuurd.",
                    Err(_) => "Delen lukte niet. Download het bestand of kopieer de inhoud.",
                });
            });
        }
        Action::KeepHit | Action::RedactHit | Action::LeaveOut | Action::Include => {
            let field = attr("data-field");
            let scope = button.get_attribute("data-kind").and_then(|k| {
                use crate::html::Name;
                Scope::parse(&k)
            });
            let hit: Option<usize> = attr("data-hit").parse().ok();
            let mut s = state.borrow_mut();
            let c = &mut s.choices;
            match (action, scope, hit) {
                (Action::KeepHit, _, Some(h)) => {
                    c.kept_hits.insert((field, h));
                }
                (Action::RedactHit, _, Some(h)) => {
                    c.kept_hits.remove(&(field, h));
                }
                (Action::LeaveOut, Some(Scope::Item), _) => {
                    c.left_out_items.insert(field);
                }
                (Action::Include, Some(Scope::Item), _) => {
                    c.left_out_items.remove(&field);
                }
                (Action::LeaveOut, _, _) => {
                    c.left_out_fields.insert(field);
                }
                (Action::Include, _, _) => {
                    c.left_out_fields.remove(&field);
                }
                _ => return,
            }
            s.refresh();
            s.draw();
            // The button was drawn anew with the same id.
            dom::focus_again(button);
        }
    }
}
