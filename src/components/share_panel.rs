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
use zichtbaar_core::export::{
    self, keep_phone_numbers, prepare, Audience, Preview, School, ShareChoices, Team,
};
use zichtbaar_core::mail::{receipt_mail, Addressee, ReceiptMail};
use zichtbaar_core::shared::{Shared, Via};
use zichtbaar_core::{Date, Instrument, Kind, Record};

use super::share_markup::{self, Action, Input, MainWay, ReceiptWays, Scope};
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
    /// Whether the share sheet takes files here.
    can_share: bool,
    /// A reflection's reader, and the name given for a colleague.
    audience: Audience,
    team_name: String,
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
        if self.is_reflection() && self.audience == Audience::Team {
            c.team = Some(Team::named(&self.team_name));
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

    /// The SWV as sentences name it.
    fn swv(&self) -> &'static str {
        self.instrument.swv(false)
    }

    /// Who the file goes to, as a sentence names them.
    fn reader(&self) -> &'static str {
        match self.audience {
            Audience::Team if self.is_reflection() => "je collega",
            _ => self.swv(),
        }
    }

    /// The mail link of a reflection, or of a receipt too long to carry:
    /// it asks to attach the file (a link cannot). To a colleague it has no
    /// address and its own words.
    fn attach_href(&self) -> String {
        if self.audience == Audience::Team {
            let body = format!(
                "Hoi,\n\nHierbij mijn reflectie: {}.\nHet bestand {} voeg ik als bijlage toe. Open het in Zichtbaar bij 'Gedeelde reflecties'. Onder 'Team' zie je het naast de reflecties van anderen.\n\n",
                self.title(),
                self.file_name()
            );
            return share::mailto("", &format!("Mijn reflectie: {}", self.title()), &body);
        }
        let greeting = self
            .instrument
            .def()
            .contact_name
            .as_deref()
            .unwrap_or("samenwerkingsverband");
        let body = format!(
            "Beste {greeting},\n\nHierbij delen wij: {}.\nHet bestand {} voeg ik als bijlage toe.\n\n",
            self.title(),
            self.file_name()
        );
        share::mailto(&self.contact_email, &self.title(), &body)
    }

    /// A receipt's mail that carries the confirmation in its text, when it
    /// fits in a link.
    fn carrying_mail(&self) -> Option<ReceiptMail> {
        let preview = self.preview.as_ref().ok()?;
        let to = Addressee {
            email: &self.contact_email,
            name: self.instrument.def().contact_name.as_deref().unwrap_or(""),
        };
        receipt_mail(&preview.export, &self.instrument.def().title, to)
    }

    /// A receipt's ways to send, drawn from the choices.
    fn ways(&self) -> Markup {
        let mail = self.carrying_mail();
        let href = mail
            .as_ref()
            .map_or_else(|| self.attach_href(), |m| m.href.clone());
        let carries = mail.is_some();
        let main = match (self.can_share, carries) {
            (true, _) => MainWay::ShareSheet,
            (false, true) => MainWay::Mail,
            (false, false) => MainWay::Download,
        };
        share_markup::receipt_ways(&ReceiptWays {
            swv: self.swv(),
            email: &self.contact_email,
            main,
            mail_href: &href,
            mail_carries: carries,
            texts_in_block_only: mail.is_some_and(|m| m.texts_in_block_only),
            file_name: &self.file_name(),
        })
    }

    /// The line that says when and how the record was sent, and whether it
    /// changed since.
    fn sent_line(&self, sent: &Shared) -> String {
        let mut text = format!("{} {}", sent.via.label(), sent.sentence(self.swv()));
        if sent.is_behind(&self.record) {
            text.push_str(" Daarna is er nog iets veranderd: verstuur het opnieuw.");
        }
        text
    }

    /// Remembers that a receipt went out, and says so on the panel (only a
    /// receipt shows when it was sent).
    fn sent(&self, via: Via) {
        if self.is_reflection() {
            return;
        }
        let sent = Shared {
            revision: self.record.revision,
            on: self.today,
            via,
        };
        match storage::save_shared(&self.record.id, &sent) {
            Ok(()) => dom::set_text(share_markup::SENT, &self.sent_line(&sent)),
            Err(e) => dom::set_text(
                share_markup::SENT,
                &format!(
                    "Dat het verstuurd is, kon niet bewaard worden: {}.",
                    e.uitleg()
                ),
            ),
        }
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
        if self.is_reflection() {
            dom::set_attr(share_markup::MAIL, "href", Some(&self.attach_href()));
            dom::set_text(
                share_markup::HOW,
                &share_markup::how(self.audience, self.swv()),
            );
        } else {
            dom::set_html(share_markup::WAYS, &self.ways());
        }
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
    /// A reflection's reader, as the page was opened for.
    pub audience: Audience,
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
            can_share: share::can_share_file(),
            audience: request.audience,
            team_name: String::new(),
            today: platform::today(),
            preview: Err(0),
        };
        s.refresh();
        if let Ok(preview) = &s.preview {
            keep_phone_numbers(&s.record, preview, &mut s.choices);
            s.refresh();
        }
        let parts = share_markup::PanelParts {
            is_reflection: s.is_reflection(),
            school_name: &s.school.name,
            brin: &s.school.brin,
            names: &names_text,
            preview: s.preview_html(),
            json: &s.json(),
            // A receipt's mail link is drawn with its ways (`ways`).
            mail_href: &s.attach_href(),
            can_share: s.can_share,
            audience: s.audience,
            swv: s.swv(),
        };
        let markup = if s.is_reflection() {
            share_markup::panel(&parts)
        } else {
            let sent = storage::load_shared(&s.record.id)
                .map(|sent| s.sent_line(&sent))
                .unwrap_or_default();
            share_markup::receipt_panel(&parts, s.swv(), s.ways(), &sent)
        };
        let state = Rc::new(RefCell::new(s));
        let (on_input, on_change, on_click) = (state.clone(), state.clone(), state);
        let listeners = vec![
            // Typing in the names field: the preview follows at once.
            dom::listen(host, "input", move |ev| {
                if let Some((input @ (Input::Names | Input::TeamName), el)) =
                    dom::named::<Input>(&ev)
                {
                    changed(&on_input, input, &el, &ev);
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
        Input::ForSwv | Input::ForTeam => {
            s.audience = if input == Input::ForTeam {
                Audience::Team
            } else {
                Audience::Swv
            };
            dom::set_attr(
                share_markup::TEAM_FIELDS,
                "hidden",
                (s.audience == Audience::Swv).then_some(""),
            );
        }
        Input::TeamName => s.team_name = value,
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
fn clicked(state: &Rc<RefCell<ShareState>>, action: Action, button: &web_sys::Element) {
    let attr = |name: &str| button.get_attribute(name).unwrap_or_default();
    match action {
        Action::Mail => {
            // The link opens the mail program itself.
            let s = state.borrow();
            s.sent(Via::Mail);
            status(&format!("Je e-mailprogramma opent een bericht aan {}. Klik daar op Verzenden. Opent er niets? Kies dan 'Bestand downloaden'.", s.swv()));
        }
        Action::Download => {
            let s = state.borrow();
            let name = s.file_name();
            if files::download(&name, "application/json", &s.json()) {
                s.sent(Via::Download);
                status(&format!(
                    "Het bestand {name} staat in je downloads. Stuur het als bijlage naar {}.",
                    s.reader()
                ));
            } else {
                status("Downloaden lukte niet. Kopieer de inhoud en plak die in een e-mail.");
            }
        }
        Action::Copy => {
            let text = state.borrow().json();
            let state = state.clone();
            spawn_local(async move {
                match share::copy_text(&text).await {
                    Ok(()) => {
                        state.borrow().sent(Via::Copy);
                        status("Gekopieerd. Open je e-mail en plak de inhoud in het bericht.");
                    }
                    Err(_) => status("Kopiëren lukte niet. Open 'Bekijk het bestand', selecteer de tekst en kopieer die zelf."),
                }
            });
        }
        Action::Share => {
            let (text, name, title) = {
                let s = state.borrow();
                (s.json(), s.file_name(), s.title())
            };
            let state = state.clone();
            spawn_local(async move {
                status(match share::share_file(&name, &text, &title).await {
                    Ok(()) => {
                        state.borrow().sent(Via::ShareSheet);
                        "Verstuurd met het deelmenu."
                    }
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
