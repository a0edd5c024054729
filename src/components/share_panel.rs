//! Sharing one record with the SWV: preview, anonymise, then download,
//! share or copy.
//!
//! What leaves the device is exactly the text in the `<pre>` of the preview:
//! download, share sheet and clipboard all get that same string.
//!
//! The panel is drawn once from HTML text; a change redraws only the
//! preview, the file text and the mail link, by id (see [`crate::dom`]).
//! Buttons keep their ids across redraws, so focus returns to the one pressed.

use leptos::prelude::*;
use leptos::task::spawn_local;
use zichtbaar_core::export::{self, prepare, Preview, School, ShareChoices};
use zichtbaar_core::{Date, Instrument, Kind, Record};

use super::share_markup;
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

    fn preview_html(&self) -> String {
        match &self.preview {
            Ok(p) => share_markup::preview(&self.record, self.instrument, p, &self.effective()),
            Err(_) => "<p>Dit kan nog niet gedeeld worden: vul eerst de verplichte velden in.</p>"
                .to_owned(),
        }
    }

    /// Redraws what depends on the choices.
    fn draw(&self) {
        dom::set_html("zb-share-preview", &self.preview_html());
        dom::set_text("zb-share-json", &self.json());
        dom::set_attr("zb-share-mail", "href", Some(&self.mail_href()));
    }
}

fn status(text: &str) {
    dom::set_text("zb-share-status", text);
}

/// A share panel on the page. Copy: a handle on its state. The page draws
/// [`ShareController::html`] and forwards its clicks and changes.
#[derive(Clone, Copy)]
pub struct ShareController {
    state: StoredValue<ShareState, LocalStorage>,
}

impl ShareController {
    /// Prepares the panel for `record`: `school_names` are names typed
    /// elsewhere in the app (watched for in a reflection), `suggested_school`
    /// is offered when the user names the school, `contact_email` goes in
    /// the mail link (may be empty).
    pub fn new(
        record: Record,
        instrument: &'static Instrument,
        school_names: Vec<String>,
        suggested_school: Option<School>,
        contact_email: String,
    ) -> (ShareController, String) {
        let saved_names = storage::load_watch_names().unwrap_or_default();
        let names_text = saved_names.join(", ");
        let school = suggested_school.unwrap_or(School {
            name: String::new(),
            brin: String::new(),
        });
        let mut s = ShareState {
            record,
            instrument,
            choices: ShareChoices {
                watch_names: saved_names,
                ..ShareChoices::default()
            },
            school_on: false,
            school,
            school_names,
            contact_email,
            today: platform::today(),
            preview: Err(0),
        };
        s.refresh();
        let html = share_markup::panel(&share_markup::PanelParts {
            is_reflection: s.is_reflection(),
            school_name: &s.school.name,
            brin: &s.school.brin,
            names: &names_text,
            preview: &s.preview_html(),
            json: &s.json(),
            mail_href: &s.mail_href(),
            can_share: share::can_share_file(),
        });
        let controller = ShareController {
            state: StoredValue::new_local(s),
        };
        (controller, html)
    }

    /// Typing in the names field: the preview follows at once.
    pub fn input(&self, ev: &web_sys::Event) -> bool {
        dom::target(ev).is_some_and(|el| el.id() == "share-names") && self.change(ev)
    }

    /// A change inside the panel (school, names). Returns whether it was one.
    pub fn change(&self, ev: &web_sys::Event) -> bool {
        let Some(el) = dom::target(ev) else {
            return false;
        };
        let id = el.id();
        if !id.starts_with("share-") {
            return false;
        }
        let value = event_target_value(ev);
        self.state.update_value(|s| {
            match id.as_str() {
                "share-school-on" => {
                    s.school_on = dom::is_checked(&el);
                    dom::set_attr(
                        "share-school-fields",
                        "hidden",
                        (!s.school_on).then_some(""),
                    );
                }
                "share-school-name" => s.school.name = value,
                "share-school-brin" => s.school.brin = value,
                "share-names" => {
                    let names = split_names(&value);
                    if let Err(e) = storage::save_watch_names(&names) {
                        status(&format!("De namen zijn niet bewaard: {}.", e.uitleg()));
                    }
                    s.choices.watch_names = names;
                }
                _ => return,
            }
            s.refresh();
            s.draw();
        });
        true
    }

    /// A click inside the panel. Returns whether it was for the panel.
    pub fn click(&self, ev: &web_sys::Event) -> bool {
        let Some(button) = dom::closest(ev, ".zb-share button[data-action]") else {
            return false;
        };
        let attr = |name: &str| button.get_attribute(name).unwrap_or_default();
        let field = attr("data-field");
        let hit: Option<usize> = attr("data-hit").parse().ok();
        let state = self.state;
        match attr("data-action").as_str() {
            "download" => state.with_value(|s| {
                let name = s.file_name();
                if files::download(&name, "application/json", &s.json()) {
                    status(&format!("Het bestand {name} staat in je downloads. Stuur het als bijlage naar het samenwerkingsverband."));
                } else {
                    status("Downloaden lukte niet. Kopieer de inhoud en plak die in een e-mail.");
                }
            }),
            "copy" => {
                let text = state.with_value(ShareState::json);
                spawn_local(async move {
                    status(match share::copy_text(&text).await {
                        Ok(()) => "Gekopieerd. Open je e-mail en plak de inhoud in het bericht.",
                        Err(_) => "Kopiëren lukte niet. Open 'Bekijk het bestand', selecteer de tekst en kopieer die zelf.",
                    });
                });
            }
            "share" => {
                let (text, name, title) = state.with_value(|s| (s.json(), s.file_name(), s.title()));
                spawn_local(async move {
                    status(match share::share_file(&name, &text, &title).await {
                        Ok(()) => "Gedeeld.",
                        Err(ShareError::Cancelled) => "Delen is afgebroken. Er is niets verstuurd.",
                        Err(_) => "Delen lukte niet. Download het bestand of kopieer de inhoud.",
                    });
                });
            }
            action => {
                let kind = attr("data-kind");
                state.update_value(|s| {
                    let c = &mut s.choices;
                    match (action, kind.as_str(), hit) {
                        ("keep-hit", _, Some(h)) => {
                            c.kept_hits.insert((field.clone(), h));
                        }
                        ("redact-hit", _, Some(h)) => {
                            c.kept_hits.remove(&(field.clone(), h));
                        }
                        ("leave-out", "item", _) => {
                            c.left_out_items.insert(field.clone());
                        }
                        ("include", "item", _) => {
                            c.left_out_items.remove(&field);
                        }
                        ("leave-out", _, _) => {
                            c.left_out_fields.insert(field.clone());
                        }
                        ("include", _, _) => {
                            c.left_out_fields.remove(&field);
                        }
                        _ => return,
                    }
                    s.refresh();
                    s.draw();
                });
                // The button was drawn anew with the same id.
                dom::focus(&button.id());
            }
        }
        true
    }
}
