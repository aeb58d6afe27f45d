//! Typed YAML loading that turns serde_yaml's errors into diagnostics a clinic can act on:
//! the right file and line, plain wording, and a hint (a "did you mean" for typos).

use crate::diagnostic::{Diagnostic, did_you_mean};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses `text` (which starts at line `first_line` of `file`) into `T`.
///
/// `what` names the thing being read in messages ("front matter", "exercise", ...).
pub fn parse<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
    what: &str,
) -> Result<T, Diagnostic> {
    // An empty document is `null`, which serde_yaml rejects with an unhelpful message;
    // parse it as an empty mapping so the "missing field" error names the field.
    let text = if text.trim().is_empty() { "{}" } else { text };
    check_expanded_size(text, file, first_line, what)?;
    serde_yaml::from_str(text).map_err(|e| to_diagnostic(&e, text, file, first_line, what))
}

/// The most a YAML text may hold once every alias (`*name`, a copy of what the anchor
/// `&name` marks) is replaced by what it stands for, counted as the bytes of its values
/// plus one for each value: twice the largest file sinew reads, so any file without
/// aliases is within it.
pub const MAX_EXPANDED: u64 = 2 * 10 * 1024 * 1024;

/// Refuses a text whose aliases would make it larger than [`MAX_EXPANDED`] (a "billion
/// laughs": a few kilobytes of anchors and aliases can stand for gigabytes). The text is
/// walked as serde_yaml expands it, counting and keeping nothing, and the walk stops as
/// soon as the count passes the limit, so this takes time and memory in proportion to
/// the limit at most, never to what the aliases would expand to.
fn check_expanded_size(
    text: &str,
    file: &Path,
    first_line: usize,
    what: &str,
) -> Result<(), Diagnostic> {
    // Without a `*` there is no alias, and nothing to expand.
    if !text.contains('*') {
        return Ok(());
    }
    let counted = std::cell::Cell::new(0);
    let walk = serde::de::DeserializeSeed::deserialize(
        Count(&counted),
        serde_yaml::Deserializer::from_str(text),
    );
    // Any other error is the typed parse's to report, in its own words.
    if walk.is_ok() || counted.get() <= MAX_EXPANDED {
        return Ok(());
    }
    let line = text
        .lines()
        .position(|l| l.contains('*'))
        .map(|i| first_line + i);
    Err(Diagnostic::error(
        "yaml-too-large",
        file,
        format!(
            "the {what} repeats its values with aliases (`*name`) so often that it would \
             grow past {} MB",
            MAX_EXPANDED / (1024 * 1024)
        ),
    )
    .at_line(line)
    .hint(
        "write each value out where it is needed instead of repeating it with `&name` and `*name`",
    ))
}

/// A serde visitor that walks any YAML value, adding its size to the count and failing
/// once the count passes [`MAX_EXPANDED`].
#[derive(Clone, Copy)]
struct Count<'a>(&'a std::cell::Cell<u64>);

impl Count<'_> {
    fn add<E: serde::de::Error>(self, bytes: usize) -> Result<(), E> {
        let n = self.0.get().saturating_add(bytes as u64 + 1);
        self.0.set(n);
        if n > MAX_EXPANDED {
            return Err(E::custom("too large once its aliases are expanded"));
        }
        Ok(())
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Count<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Count<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.add(0)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.add(8)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.add(8)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.add(8)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.add(v.len())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.add(0)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.add(0)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.add(0)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.add(0)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag value`): count the value.
        use serde::de::VariantAccess;
        let ((), value) = data.variant_seed(self)?;
        value.newtype_variant_seed(self)
    }
}

fn to_diagnostic(
    e: &serde_yaml::Error,
    text: &str,
    file: &Path,
    first_line: usize,
    what: &str,
) -> Diagnostic {
    let raw = e.to_string();
    // serde_yaml appends " at line L column C"; we print the location our own way.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let (line, col) = match (duplicate_line(&message, text), e.location()) {
        (Some(dup), _) => (dup, 1),
        (None, Some(loc)) => (loc.line(), loc.column()),
        (None, None) => (1, 1),
    };
    let abs_line = first_line + line - 1;
    let source_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let (message, hint) = explain(&message, source_line, text, what);
    let mut d = Diagnostic::error("yaml", file, message).at(abs_line, col);
    if let Some(h) = hint {
        d = d.hint(h);
    }
    d
}

/// serde_yaml gives no location for a duplicate field: find the field's second line.
fn duplicate_line(message: &str, text: &str) -> Option<usize> {
    let field = message
        .split("duplicate field `")
        .nth(1)?
        .split('`')
        .next()?;
    let key = format!("{field}:");
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with(&key))
        .nth(1)
        .map(|(i, _)| i + 1)
}

/// Rewrites a serde_yaml message into plain words and picks a hint.
fn explain(message: &str, source_line: &str, text: &str, what: &str) -> (String, Option<String>) {
    // Errors inside a nested field come as "stages[0].start: invalid type ...".
    let (field, message) = match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && !path.is_empty() => (Some(path), rest),
        _ => (None, message),
    };
    let (message, hint) = explain_plain(message, source_line, text, what);
    match field {
        Some(f) => (format!("`{f}`: {message}"), hint),
        None => (message, hint),
    }
}

fn explain_plain(
    message: &str,
    source_line: &str,
    text: &str,
    what: &str,
) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let hint = match did_you_mean(field, allowed.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("allowed fields here are: {}", allowed.join(", ")),
        };
        return (format!("unknown field `{field}` in the {what}"), Some(hint));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (
            format!("the {what} is missing the required field `{field}`"),
            Some(format!("add a line `{field}: ...`")),
        );
    }
    if message.contains("tab character") || source_line.contains('\t') {
        return (
            "this YAML has a tab character where it needs spaces".to_string(),
            Some("YAML needs spaces for indenting, not tabs: replace the tab with spaces".into()),
        );
    }
    if message.contains("duplicate") || message.contains("duplicated") {
        return (
            format!("{message} in the {what}"),
            Some("each field may appear only once: delete or merge the repeated line".into()),
        );
    }
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        let hint = if message.contains("expected a sequence") {
            "this field is a list: write each item on its own line starting with `- `"
        } else if message.contains("expected a string")
            || message.contains("expected a borrowed string")
        {
            "this field is text: put it in quotes if it contains `:` or starts with a special character"
        } else if message.contains("integer") || message.contains("u32") || message.contains("u8") {
            "this field is a whole number, such as `12`"
        } else if message.contains("boolean") {
            "this field is `true` or `false`"
        } else {
            "check the value's type against docs/content-format.md"
        };
        return (format!("{message} in the {what}"), Some(hint.into()));
    }
    if source_line.contains('\t')
        || (message.contains("cannot start any token") && text.contains('\t'))
    {
        return (
            format!("this YAML has a tab character ({message})"),
            Some("YAML needs spaces for indenting, not tabs: replace the tab with spaces".into()),
        );
    }
    (
        format!("the {what} is not valid YAML: {message}"),
        Some("check the indenting and that every `key: value` pair has a space after the colon; put text containing `: ` or `#` in quotes".into()),
    )
}

/// Finds the 1-based line (relative to `text` starting at `first_line`) of the first line
/// containing `needle`, for errors found after parsing (unknown ids and the like).
pub fn line_of(text: &str, first_line: usize, needle: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| first_line + i)
}

/// Finds the 1-based line (relative to `text` starting at `first_line`) of the first
/// top-level `key:` line, so a comment or a value that mentions the key is not taken
/// for it.
pub fn key_line(text: &str, first_line: usize, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| first_line + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    fn err(text: &str) -> Diagnostic {
        parse::<T>(text, Path::new("a.md"), 2, "front matter").unwrap_err()
    }

    #[test]
    fn unknown_field_gets_a_suggestion_and_line() {
        let d = err("titel: x\n");
        assert_eq!(d.message, "unknown field `titel` in the front matter");
        assert_eq!(d.hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!(d.line, Some(2));
    }

    #[test]
    fn missing_field_names_it() {
        let d = err("tags: [a]\n");
        assert!(
            d.message.contains("missing the required field `title`"),
            "{}",
            d.message
        );
    }

    #[test]
    fn wrong_type_explains_lists() {
        let d = err("title: a\ntags: 3\n");
        assert_eq!(d.line, Some(3));
        assert!(d.hint.unwrap().contains("list"));
    }

    #[test]
    fn tabs_are_explained() {
        let d = err("title: a\ntags:\n\t- x\n");
        assert!(d.hint.unwrap().contains("tab"), "{}", d.message);
    }

    #[test]
    fn aliases_that_would_expand_past_the_limit_are_refused_at_once() {
        // 1 MB, repeated 1,000 times by aliases 3 bytes long: a gigabyte.
        let text = format!(
            "title: &a \"{}\"\ntags: [{}]\n",
            "x".repeat(1 << 20),
            vec!["*a"; 1000].join(", ")
        );
        let d = err(&text);
        assert_eq!(d.rule, "yaml-too-large");
        assert_eq!(d.line, Some(3), "the first alias's line");
        assert!(d.message.contains("grow past 20 MB"), "{}", d.message);
        // A few aliases within the limit are fine, as is a `*` that is text.
        let ok = parse::<T>(
            "title: &a \"Knee *pain*\"\ntags: [*a, *a]\n",
            Path::new("a.md"),
            2,
            "front matter",
        )
        .unwrap();
        assert_eq!(ok.tags, ["Knee *pain*", "Knee *pain*"]);
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let d = err("title: a\ntitle: b\n");
        assert!(d.message.contains("duplicate"), "{}", d.message);
        assert_eq!(d.line, Some(3));
    }

    #[test]
    fn key_line_skips_comments_and_values() {
        let text = "name: A video\n# the video\nsteps: [video]\nvideo: a.mp4\n";
        assert_eq!(key_line(text, 1, "video"), Some(4));
        assert_eq!(key_line(text, 1, "poster"), None);
    }
}
