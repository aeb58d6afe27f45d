//! Readers for one field, used with `#[serde(deserialize_with = "...")]`: a required text
//! that may not be empty, an optional text checked while it is read, and the error such a
//! check gives, which [`super::parse`] puts at the field's line in plain words.

/// Marks a message from one of sinew's own field checks (see [`field_error`]).
pub(super) const OWN: char = '\u{1e}';
/// Separates such a message from its hint.
pub(super) const HINT: char = '\u{1f}';

/// An error for a `deserialize_with` check of one field: `message` continues "`field` in
/// the front matter ..." (e.g. "is empty, but it is required"), and `hint` says how to
/// fix it. [`parse`](super::parse) puts it at the field's line.
pub fn field_error<E: serde::de::Error>(message: &str, hint: &str) -> E {
    E::custom(format!("{OWN}{message}{HINT}{hint}"))
}

/// For `#[serde(deserialize_with = "...")]` on a required text field: empty, only spaces
/// or null (`title:` with nothing after it) is an error, as if it were missing.
pub fn required_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_option(TextCheck(|s: &str| {
        if s.trim().is_empty() {
            Err(EMPTY)
        } else {
            Ok(s.to_string())
        }
    }))
}

const EMPTY: (&str, &str) = (
    "is empty, but it is required",
    "write the text after the colon, on the same line",
);

/// For `deserialize_with` on an optional text field checked by `check` (which says what
/// is wrong and how to fix it). The check runs while serde_yaml reads the value, so the
/// error carries the field's path and the value's line.
pub fn checked_text<'de, D, T>(
    d: D,
    check: impl Fn(&str) -> Result<T, (String, String)>,
) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Optional<F>(F);
    impl<'de, T, F: Fn(&str) -> Result<T, (String, String)>> serde::de::Visitor<'de> for Optional<F> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: serde::Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_str(self)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            (self.0)(v).map(Some).map_err(|(m, h)| field_error(&m, &h))
        }
    }
    d.deserialize_option(Optional(check))
}

/// Reads text (or nothing) and hands it to a check; nothing is [`EMPTY`].
struct TextCheck<F>(F);

impl<'de, F: Fn(&str) -> Result<String, (&'static str, &'static str)>> serde::de::Visitor<'de>
    for TextCheck<F>
{
    type Value = String;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<String, E> {
        Err(field_error(EMPTY.0, EMPTY.1))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<String, E> {
        Err(field_error(EMPTY.0, EMPTY.1))
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_str(self)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
        (self.0)(v).map_err(|(m, h)| field_error(m, h))
    }
}
