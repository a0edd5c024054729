//! Markup as text, for the static, content-heavy parts of the UI.
//!
//! Leptos' `view!` builds every element with its own monomorphised code:
//! measured here at about 250 bytes of gzipped wasm per element. The item
//! pages, the overview and the document view have hundreds of elements whose
//! shape never changes while they are on screen, so they are written as HTML
//! text with this builder and set with `inner_html`; their inputs report
//! changes through one delegated event handler per container. That keeps
//! the app inside its byte budget, and one `innerHTML` is also faster than
//! hundreds of calls from wasm into the DOM.
//!
//! **Invariant:** every text and attribute value goes through [`escape`];
//! only tag and attribute *names*, which are literals in the code, are not
//! escaped. Nothing else in the app writes `inner_html`.

/// Escapes text for use between tags and inside double-quoted attributes.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// An HTML fragment under construction.
#[derive(Default)]
pub struct Html(String);

impl Html {
    pub fn new() -> Html {
        Html(String::with_capacity(4096))
    }

    /// `<tag a="v" ...>`; an attribute with value `None` is left out, one
    /// with `Some("")` is written bare (`checked`).
    pub fn open(&mut self, tag: &str, attrs: &[(&str, Option<&str>)]) -> &mut Html {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attrs {
            match value {
                None => {}
                Some("") => {
                    self.0.push(' ');
                    self.0.push_str(name);
                }
                Some(v) => {
                    self.0.push(' ');
                    self.0.push_str(name);
                    self.0.push_str("=\"");
                    escape_into(&mut self.0, v);
                    self.0.push('"');
                }
            }
        }
        self.0.push('>');
        self
    }

    pub fn close(&mut self, tag: &str) -> &mut Html {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Html {
        escape_into(&mut self.0, text);
        self
    }

    /// Appends markup that another function of this module already built.
    pub fn raw(&mut self, built: &str) -> &mut Html {
        self.0.push_str(built);
        self
    }

    /// `<tag attrs>text</tag>`.
    pub fn el(&mut self, tag: &str, attrs: &[(&str, Option<&str>)], text: &str) -> &mut Html {
        self.open(tag, attrs).text(text).close(tag)
    }

    pub fn finish(self) -> String {
        self.0
    }
}

/// Shorthand for an attribute that is always present.
pub fn a<'a>(name: &'a str, value: &'a str) -> (&'a str, Option<&'a str>) {
    (name, Some(value))
}

/// Shorthand for a bare attribute that is present when `on`.
pub fn flag(name: &str, on: bool) -> (&str, Option<&str>) {
    (name, on.then_some(""))
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

    #[test]
    fn escapes_everything_that_could_open_markup_or_leave_an_attribute() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn builds_elements_with_escaped_values_and_bare_flags() {
        let mut h = Html::new();
        h.open(
            "input",
            &[
                a("value", "\"><img src=x>"),
                flag("checked", true),
                flag("disabled", false),
                ("id", None),
            ],
        );
        h.el("p", &[a("class", "x")], "1 < 2");
        assert_eq!(
            h.finish(),
            r#"<input value="&quot;&gt;&lt;img src=x&gt;" checked><p class="x">1 &lt; 2</p>"#
        );
    }
}
