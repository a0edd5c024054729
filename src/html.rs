//! The template layer: markup as text, through maud's compile-time templates.
//!
//! Why text at all: Leptos' `view!` builds every element with its own
//! monomorphised code, measured here at about 250 bytes of gzipped wasm per
//! element. The item pages, the overview, the share preview and the document
//! view have hundreds of elements whose shape never changes while they are
//! on screen, so they are drawn as HTML text and set with one `innerHTML`
//! (also faster than hundreds of calls from wasm into the DOM); their inputs
//! report changes through delegated listeners (see [`crate::dom`]). The shell
//! stays a `view!` template.
//!
//! Why maud: its [`html!`] macro checks at compile time that tags balance,
//! escapes every spliced value (`&`, `<`, `>`, `"`; attributes are always
//! double-quoted), and expands to plain string pushes, so it costs about what
//! a hand-written builder does.
//!
//! **Invariant: only this module makes raw markup.** Everything the app puts
//! into `innerHTML` is a [`Markup`], and a `Markup` only comes out of
//! [`html!`]. Nowhere else may name `PreEscaped` or implement `Render`
//! (`tests/tidy.rs` checks the source), and only `crate::dom` calls
//! `set_inner_html` (clippy's `disallowed-methods`, see `clippy.toml`).
//!
//! Names that markup writes and handlers read back (actions, fields) are
//! declared with [`names!`]: one enum per container, so a misspelt name does
//! not compile and an unhandled one is a non-exhaustive `match`. Ids that
//! code looks up after drawing are [`Id`] constants beside the markup.

pub use maud::{html, Markup};

/// The id of an element that code finds again after drawing it. Declared
/// as a constant beside the markup that draws it, and used on both sides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Id(pub &'static str);

impl Id {
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl maud::Render for Id {
    fn render_to(&self, buffer: &mut String) {
        maud::Render::render_to(self.0, buffer);
    }
}

/// A name written into markup (`data-action="print"`) and read back from
/// an event. Implemented by [`names!`].
pub trait Name: Copy + Sized + 'static {
    /// The attribute that carries it: `data-action` or `data-field`.
    const ATTR: &'static str;
    /// A selector for the nearest element carrying it.
    const SELECTOR: &'static str;
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
    fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|n| n.as_str() == text)
    }
}

/// Declares an enum of names that markup writes into one attribute and
/// handlers read back: `names! { pub enum Action in action { Print = "print", } }`
/// writes and reads `data-action`; `in id` names elements by their id.
macro_rules! names {
    (@attr id) => { "id" };
    (@attr $attr:ident) => { concat!("data-", stringify!($attr)) };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident in $attr:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $crate::html::Name for $name {
            const ATTR: &'static str = $crate::html::names!(@attr $attr);
            const SELECTOR: &'static str = concat!("[", $crate::html::names!(@attr $attr), "]");
            const ALL: &'static [$name] = &[$( $name::$variant, )*];
            fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )*
                }
            }
        }

        impl maud::Render for $name {
            fn render_to(&self, buffer: &mut String) {
                maud::Render::render_to($crate::html::Name::as_str(*self), buffer);
            }
        }
    };
}
pub(crate) use names;

/// A count with its noun in Dutch: "1 bestand", "2 bestanden".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Every value of attribute `attr` in `html`, in order (for tests of markup).
#[cfg(test)]
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    html.split(&format!(" {attr}=\""))
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap_or(rest.len())].to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    names! {
        enum Sample in action {
            One = "een",
            Two = "twee",
        }
    }

    #[test]
    fn escapes_everything_that_could_open_markup_or_leave_an_attribute() {
        let evil = r#"<script>alert("x")</script> & 'y'"#;
        let out = html! { p title=(evil) { (evil) } }.into_string();
        assert_eq!(
            out,
            "<p title=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 'y'\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 'y'</p>"
        );
    }

    #[test]
    fn names_are_written_and_read_back_through_one_attribute() {
        let out = html! { button data-action=(Sample::Two) { "x" } }.into_string();
        assert_eq!(out, "<button data-action=\"twee\">x</button>");
        assert_eq!(Sample::ATTR, "data-action");
        assert_eq!(Sample::SELECTOR, "[data-action]");
        assert_eq!(Sample::parse("een"), Some(Sample::One));
        assert_eq!(Sample::parse("drie"), None);
    }
}
