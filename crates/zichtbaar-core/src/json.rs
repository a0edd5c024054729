//! A small JSON reader and writer for records, backups and exports.
//!
//! Why not serde_json: in the browser build, serde's generated code for our
//! record types plus serde_json cost about 13 KB of gzipped wasm, close to a
//! tenth of the app's whole byte budget. This module is a few hundred lines,
//! reads into a [`Value`] tree and writes one out, compact or pretty. Each
//! type turns itself into a `Value` and back by hand, next to its definition.
//!
//! What it does, so that files stay interchangeable with other tools:
//!
//! - reads any JSON text (RFC 8259), with a nesting limit of [`MAX_DEPTH`]
//!   so hostile input cannot exhaust the stack;
//! - keeps numbers as their text: this app only stores whole numbers, and
//!   reading them is [`Value::as_u32`]'s job (no float formatting code);
//! - writes strings like serde_json does: `"` and `\` escaped, control
//!   characters as `\n`, `\t`, ... or `\u00XX`, everything else as is;
//! - writes pretty output like serde_json's pretty printer (two spaces).

use std::fmt;

/// Nesting deeper than this is refused.
pub const MAX_DEPTH: usize = 64;

/// A JSON value. Objects keep their keys in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number as written, e.g. `12`.
    Number(String),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

/// Where reading stopped, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Byte offset in the text.
    pub at: usize,
    pub what: &'static str,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.what, self.at)
    }
}

impl std::error::Error for JsonError {}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn fail<T>(&self, what: &'static str) -> Result<T, JsonError> {
        Err(JsonError { at: self.at, what })
    }

    fn skip_space(&mut self) {
        while self.at < self.bytes.len()
            && matches!(self.bytes[self.at], b' ' | b'\t' | b'\n' | b'\r')
        {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn expect(&mut self, b: u8, what: &'static str) -> Result<(), JsonError> {
        self.skip_space();
        if self.peek() == Some(b) {
            self.at += 1;
            Ok(())
        } else {
            self.fail(what)
        }
    }

    fn literal(&mut self, word: &[u8], value: Value) -> Result<Value, JsonError> {
        if self.bytes[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(value)
        } else {
            self.fail("unknown word")
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        if depth > MAX_DEPTH {
            return self.fail("nested too deeply");
        }
        self.skip_space();
        match self.peek() {
            None => self.fail("unexpected end"),
            Some(b'{') => {
                self.at += 1;
                let mut fields = Vec::new();
                self.skip_space();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                    return Ok(Value::Object(fields));
                }
                loop {
                    self.skip_space();
                    if self.peek() != Some(b'"') {
                        return self.fail("expected a key");
                    }
                    let key = self.string()?;
                    self.expect(b':', "expected ':'")?;
                    let value = self.value(depth + 1)?;
                    fields.push((key, value));
                    self.skip_space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            return Ok(Value::Object(fields));
                        }
                        _ => return self.fail("expected ',' or '}'"),
                    }
                }
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.skip_space();
                if self.peek() == Some(b']') {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.skip_space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Value::Array(items));
                        }
                        _ => return self.fail("expected ',' or ']'"),
                    }
                }
            }
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b't') => self.literal(b"true", Value::Bool(true)),
            Some(b'f') => self.literal(b"false", Value::Bool(false)),
            Some(b'n') => self.literal(b"null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => self.fail("unexpected character"),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let first = self.peek();
        let n = self.digits();
        if n == 0 || (first == Some(b'0') && n > 1) {
            return self.fail("bad number");
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return self.fail("bad number");
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return self.fail("bad number");
            }
        }
        // Only ASCII was consumed, so this slice is valid UTF-8.
        let text = String::from_utf8_lossy(&self.bytes[start..self.at]).into_owned();
        Ok(Value::Number(text))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut n = 0u32;
        for _ in 0..4 {
            let Some(d) = self.peek().and_then(|b| char::from(b).to_digit(16)) else {
                return self.fail("bad \\u escape");
            };
            n = n * 16 + d;
            self.at += 1;
        }
        Ok(n)
    }

    /// A string, starting at its opening quote.
    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out = Vec::new();
        loop {
            let Some(b) = self.peek() else {
                return self.fail("unterminated string");
            };
            self.at += 1;
            match b {
                b'"' => break,
                b'\\' => {
                    let Some(e) = self.peek() else {
                        return self.fail("unterminated string");
                    };
                    self.at += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !self.bytes[self.at..].starts_with(b"\\u") {
                                    return self.fail("lone surrogate");
                                }
                                self.at += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return self.fail("lone surrogate");
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            match char::from_u32(code) {
                                Some(c) => c,
                                None => return self.fail("lone surrogate"),
                            }
                        }
                        _ => return self.fail("bad escape"),
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                0..=0x1f => return self.fail("control character in string"),
                _ => out.push(b),
            }
        }
        // The input is a &str, and escapes only add whole characters.
        String::from_utf8(out).or_else(|_| self.fail("invalid UTF-8"))
    }
}

/// Reads a JSON text: one value, with only white space around it.
pub fn parse(text: &str) -> Result<Value, JsonError> {
    let mut r = Reader {
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = r.value(0)?;
    r.skip_space();
    if r.at != r.bytes.len() {
        return r.fail("text after the value");
    }
    Ok(value)
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(char::from(b"0123456789abcdef"[(c as usize) >> 4]));
                out.push(char::from(b"0123456789abcdef"[(c as usize) & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn newline(out: &mut String, indent: Option<usize>) {
    if let Some(n) = indent {
        out.push('\n');
        for _ in 0..n {
            out.push_str("  ");
        }
    }
}

fn write(out: &mut String, v: &Value, indent: Option<usize>) {
    let inner = indent.map(|n| n + 1);
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n),
        Value::String(s) => write_string(out, s),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(fields) if fields.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, inner);
                write(out, item, inner);
            }
            newline(out, indent);
            out.push(']');
        }
        Value::Object(fields) => {
            out.push('{');
            for (i, (key, value)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, inner);
                write_string(out, key);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write(out, value, inner);
            }
            newline(out, indent);
            out.push('}');
        }
    }
}

impl Value {
    /// Compact JSON: no white space at all.
    pub fn to_compact(&self) -> String {
        let mut out = String::new();
        write(&mut out, self, None);
        out
    }

    /// Pretty JSON, two spaces per level.
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        write(&mut out, self, Some(0));
        out
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A whole number from 0 to `u32::MAX`, written without fraction or exponent.
    pub fn as_u32(&self) -> Option<u32> {
        match self {
            Value::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[(String, Value)]> {
        match self {
            Value::Object(fields) => Some(fields),
            _ => None,
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Value {
        Value::Number(n.to_string())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

/// Builds an object, leaving out fields whose value is `None`.
#[derive(Default)]
pub struct Object(Vec<(String, Value)>);

impl Object {
    pub fn new() -> Object {
        Object(Vec::new())
    }

    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Object {
        self.0.push((key.to_owned(), value.into()));
        self
    }

    pub fn maybe(self, key: &str, value: Option<impl Into<Value>>) -> Object {
        match value {
            Some(v) => self.with(key, v),
            None => self,
        }
    }

    /// Adds a string field unless it is empty.
    pub fn text(self, key: &str, value: &str) -> Object {
        if value.is_empty() {
            self
        } else {
            self.with(key, value)
        }
    }

    pub fn build(self) -> Value {
        Value::Object(self.0)
    }
}

/// Reading fields of an object, with errors that say which field.
pub struct Fields<'a> {
    value: &'a Value,
    path: &'a str,
}

/// What is wrong with a field.
pub fn field_error(path: &str, key: &str, what: &str) -> String {
    if path.is_empty() {
        format!("field {key}: {what}")
    } else {
        format!("field {path}.{key}: {what}")
    }
}

impl<'a> Fields<'a> {
    /// The fields of `value`, which must be an object; `path` names it in errors.
    pub fn of(value: &'a Value, path: &'a str) -> Result<Fields<'a>, String> {
        match value {
            Value::Object(_) => Ok(Fields { value, path }),
            _ => Err(if path.is_empty() {
                "not an object".to_owned()
            } else {
                format!("{path}: not an object")
            }),
        }
    }

    pub fn opt(&self, key: &str) -> Option<&'a Value> {
        self.value.get(key).filter(|v| !matches!(v, Value::Null))
    }

    pub fn req(&self, key: &str) -> Result<&'a Value, String> {
        self.opt(key)
            .ok_or_else(|| field_error(self.path, key, "missing"))
    }

    pub fn str(&self, key: &str) -> Result<&'a str, String> {
        self.req(key)?
            .as_str()
            .ok_or_else(|| field_error(self.path, key, "not a string"))
    }

    /// An optional string; absent means empty.
    pub fn text(&self, key: &str) -> Result<String, String> {
        match self.opt(key) {
            None => Ok(String::new()),
            Some(v) => v
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| field_error(self.path, key, "not a string")),
        }
    }

    pub fn u32(&self, key: &str) -> Result<u32, String> {
        self.req(key)?
            .as_u32()
            .ok_or_else(|| field_error(self.path, key, "not a whole number"))
    }

    pub fn bool(&self, key: &str) -> Result<bool, String> {
        self.req(key)?
            .as_bool()
            .ok_or_else(|| field_error(self.path, key, "not true or false"))
    }

    /// A string field read with `parse`, which returns `None` when the text
    /// is not acceptable; `what` says what was expected.
    pub fn parsed<T>(
        &self,
        key: &str,
        what: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<T, String> {
        parse(self.str(key)?).ok_or_else(|| field_error(self.path, key, what))
    }

    /// Like [`Fields::parsed`], for a field that may be absent.
    pub fn parsed_opt<T>(
        &self,
        key: &str,
        what: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<Option<T>, String> {
        match self.opt(key) {
            None => Ok(None),
            Some(_) => self.parsed(key, what, parse).map(Some),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_of_value() {
        let v =
            parse(r#" {"a": [1, -2.5e3, true, false, null], "b": {"c": "d"}, "e": {}, "f": []} "#)
                .unwrap();
        assert_eq!(v.get("a").unwrap().as_array().unwrap().len(), 5);
        assert_eq!(v.get("a").unwrap().as_array().unwrap()[0].as_u32(), Some(1));
        assert_eq!(
            v.get("a").unwrap().as_array().unwrap()[1],
            Value::Number("-2.5e3".into())
        );
        assert_eq!(v.get("b").unwrap().get("c").unwrap().as_str(), Some("d"));
        assert_eq!(
            v.to_compact(),
            r#"{"a":[1,-2.5e3,true,false,null],"b":{"c":"d"},"e":{},"f":[]}"#
        );
    }

    #[test]
    fn reads_escapes_and_surrogate_pairs() {
        let v = parse(r#""\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00 ë""#).unwrap();
        assert_eq!(v.as_str(), Some("\"\\/\u{8}\u{c}\n\r\té😀 ë"));
        for bad in [
            r#""\ud83d""#,
            r#""\ude00""#,
            r#""\x""#,
            "\"a\nb\"",
            r#""\u12""#,
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn refuses_what_is_not_json() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "01",
            "1.",
            "-",
            "1e",
            "tru",
            "nul",
            "{} x",
            "'a'",
            "{a:1}",
            "[1 2]",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn refuses_deep_nesting_without_overflowing() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert_eq!(parse(&deep).unwrap_err().what, "nested too deeply");
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn writes_strings_as_serde_json_does() {
        let s = "a\"b\\c\nd\u{1}e/é😀\u{7f}";
        let ours = Value::String(s.into()).to_compact();
        assert_eq!(ours, serde_json::to_string(s).unwrap());
        assert_eq!(parse(&ours).unwrap().as_str(), Some(s));
    }

    #[test]
    fn writes_pretty_as_serde_json_does() {
        let text = r#"{"a":[1,{"b":"c","d":[]},{}],"e":{"f":true,"g":null}}"#;
        let ours = parse(text).unwrap().to_pretty();
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(ours, serde_json::to_string_pretty(&theirs).unwrap());
    }

    #[test]
    fn whole_numbers_only_for_u32() {
        for (text, n) in [
            ("0", Some(0)),
            ("4294967295", Some(u32::MAX)),
            ("4294967296", None),
            ("-1", None),
            ("1.0", None),
            ("1e2", None),
        ] {
            assert_eq!(parse(text).unwrap().as_u32(), n, "{text}");
        }
    }

    #[test]
    fn field_errors_name_the_field() {
        let v = parse(r#"{"a":"x","n":"1"}"#).unwrap();
        let f = Fields::of(&v, "record").unwrap();
        assert_eq!(f.str("b").unwrap_err(), "field record.b: missing");
        assert_eq!(
            f.u32("n").unwrap_err(),
            "field record.n: not a whole number"
        );
        assert_eq!(f.text("zz").unwrap(), "");
        assert!(Fields::of(&Value::Null, "").is_err());
    }
}
