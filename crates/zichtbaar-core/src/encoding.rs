//! How values become text: hex digits, and JSON for the types that are
//! written as one string.
//!
//! Records, backups and exports are read and written by serde derives and
//! `serde_json`, next to each type's definition. A type that is one string
//! in JSON (an id, a date, a role) gets its `Serialize` and `Deserialize`
//! from its own text functions (`as_str` and `parse`, or `Display` and
//! `FromStr`), so the JSON names cannot drift from the names the rest of
//! the code uses. The macro `serde_via_as_str!` writes those two impls.
//!
//! Nothing here uses `#[serde(flatten)]`, `untagged` or internally tagged
//! enums: they buffer into serde's generic `Content` type and cost many KB of
//! wasm. Where a stored shape differs from the domain type, a private wire
//! struct is derived instead (see `StoredReceipt` in [`crate::record`]).
//!
//! What readers accept: unknown fields are ignored; a field that is left
//! out reads as empty (or `false`, or none); `null` counts as left out only
//! for optional fields (`Option`), elsewhere it is an error, as is a key
//! given twice.

use std::fmt;

use serde::de::{self, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

/// Bytes as lower-case hex digits, two per byte.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// Reads a type written as one JSON string: `parse` gets the text, and its
/// error becomes serde's. `what` names the type in errors about a value that
/// is not a string at all.
pub(crate) fn deserialize_text<'de, D, T, E>(
    d: D,
    what: &'static str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    E: fmt::Display,
{
    struct Text<F>(&'static str, F);

    impl<'de, T, E: fmt::Display, F: FnOnce(&str) -> Result<T, E>> Visitor<'de> for Text<F> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }

        fn visit_str<Er: de::Error>(self, v: &str) -> Result<T, Er> {
            (self.1)(v).map_err(Er::custom)
        }
    }

    d.deserialize_str(Text(what, parse))
}

/// `Serialize` as `self.as_str()` and `Deserialize` with `<$t>::parse`, which
/// returns `None` for text it does not accept. `$what` names the type in
/// errors, e.g. `"a role"`.
macro_rules! serde_via_as_str {
    ($t:ty, $what:literal) => {
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$t, D::Error> {
                crate::encoding::deserialize_text(d, $what, |s| {
                    <$t>::parse(s).ok_or_else(|| format!("\"{s}\" is not {}", $what))
                })
            }
        }
    };
}

/// The head of a backup or export file: read first, on its own, so that a
/// file of another kind or of a newer version is told apart before anything
/// else in it is looked at.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FileHead {
    pub format: String,
    pub format_version: u32,
}

/// The records of a backup or export file, each kept as its own JSON text,
/// so that one bad record can be reported while the others are read.
#[derive(Deserialize)]
pub(crate) struct FileRecords<'a> {
    #[serde(borrow)]
    pub records: Vec<&'a RawValue>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_two_lower_case_digits_per_byte() {
        assert_eq!(hex(&[]), "");
        assert_eq!(hex(&[0x00, 0x0f, 0xab, 0xff]), "000fabff");
    }
}
