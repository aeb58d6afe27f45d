//! What pages, exercises and ladders say about who stands behind them: the reviewer,
//! the sources, the review date, and the `check` rules a file silences with a reason.
//! The same fields, with the same meaning, in a page's front matter and in exercise and
//! ladder files.

use crate::diagnostic::Diagnostic;
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// One reference a page's advice rests on: either just its text (`- NICE guideline
/// NG226, 2022`) or a title with an address.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Source {
    /// A reference written as one line of text.
    Text(String),
    /// A reference with an optional address.
    Linked {
        /// What the reference is, e.g. "NHS: Knee pain".
        title: String,
        /// Where to read it (a web address, or an `@/` link to a page of the site).
        #[serde(default)]
        url: Option<String>,
    },
}

impl Source {
    /// The reference's text.
    pub fn title(&self) -> &str {
        match self {
            Source::Text(t) => t,
            Source::Linked { title, .. } => title,
        }
    }

    /// The reference's address, if it has one.
    pub fn url(&self) -> Option<&str> {
        match self {
            Source::Text(_) => None,
            Source::Linked { url, .. } => url.as_deref(),
        }
    }
}

/// A file's own settings for `sinew check`: `check: {ignore: {rule: "reason"}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSettings {
    /// Rules silenced for this file, each with the reason written down.
    #[serde(default)]
    pub ignore: BTreeMap<String, String>,
}

/// Parses a `reviewed:` value as a date, or explains how to write it. `text` is the
/// file's YAML, starting at line `first_line`.
pub(crate) fn parse_reviewed(
    value: Option<&str>,
    file: &Path,
    text: &str,
    first_line: usize,
) -> Result<Option<jiff::civil::Date>, Diagnostic> {
    let Some(s) = value else { return Ok(None) };
    s.trim().parse::<jiff::civil::Date>().map(Some).map_err(|_| {
        Diagnostic::error(
            "front-matter",
            file,
            format!("`reviewed: {s}` is not a date"),
        )
        .at_line(yaml::line_of(text, first_line, "reviewed"))
        .hint("write the date as year-month-day, e.g. `reviewed: 2026-03-31`")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_text_or_linked() {
        let s: Vec<Source> =
            serde_yaml::from_str("- Plain text\n- title: NHS\n  url: https://www.nhs.uk/\n")
                .unwrap();
        assert_eq!(s[0].title(), "Plain text");
        assert_eq!(s[0].url(), None);
        assert_eq!(s[1].title(), "NHS");
        assert_eq!(s[1].url(), Some("https://www.nhs.uk/"));
    }

    #[test]
    fn bad_dates_name_the_line() {
        let e = parse_reviewed(
            Some("31/03/2026"),
            Path::new("x.yaml"),
            "name: A\nreviewed: 31/03/2026\n",
            1,
        )
        .unwrap_err();
        assert_eq!(e.line, Some(2));
        assert_eq!(
            parse_reviewed(None, Path::new("x"), "", 1).unwrap(),
            None
        );
    }
}
