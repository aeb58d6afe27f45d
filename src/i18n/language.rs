//! One language's complete table: its texts (plain or by number), direction, month and
//! weekday names, and `{name}` filling.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One text: plain, or chosen by a number.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Text {
    /// The same words whatever the numbers.
    Plain(String),
    /// Forms by number: `one`, `other`, or an exact number such as `"2"`.
    Plural(BTreeMap<String, String>),
}

impl Text {
    /// The form for `n` (`None` for plain texts): an exact number first, then `one` for
    /// 1, then `other`.
    pub fn form(&self, n: Option<i64>) -> &str {
        match self {
            Text::Plain(s) => s,
            Text::Plural(m) => n
                .and_then(|n| {
                    m.get(&n.to_string())
                        .or_else(|| (n == 1).then(|| m.get("one")).flatten())
                })
                .or_else(|| m.get("other"))
                .map_or("", String::as_str),
        }
    }
}

/// Which way a language is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left (Arabic, Urdu, Persian, Hebrew).
    Rtl,
}

/// Names of months and weekdays, and the planner's texts: what a planner page embeds
/// (`#sinew-strings`) for its script.
#[derive(Debug, Clone, Serialize)]
pub struct PlannerStrings {
    /// The language code, e.g. `es`.
    pub lang: String,
    /// January to December.
    pub months: Vec<String>,
    /// Jan to Dec.
    pub months_short: Vec<String>,
    /// Monday to Sunday.
    pub weekdays: Vec<String>,
    /// Mon to Sun.
    pub weekdays_short: Vec<String>,
    /// The planner's texts by key.
    pub text: BTreeMap<String, Text>,
}

/// One language's complete table.
#[derive(Debug, Clone)]
pub struct Language {
    /// Its code as the site writes it, e.g. `en-GB` or `es`.
    pub code: String,
    /// Its own name, e.g. `Español`.
    pub name: String,
    /// Which way it is written.
    pub direction: Direction,
    /// The theme's texts (HTML) by key.
    pub theme: BTreeMap<String, Text>,
    /// Words so common in the language ("the", "de") that site search leaves them out
    /// of a query that has other words, so they do not decide which page comes first.
    /// Lower case. Empty when the language's file lists none (then nothing is left out).
    pub stop_words: Vec<String>,
    /// Other languages' names in this language, by code (`en: inglés` in Spanish): what
    /// the mark after a text in another language says (`in_language`, "(en inglés)").
    /// A language not listed is named by its own name ("(English)").
    pub language_names: BTreeMap<String, String>,
    /// Month and weekday names and the planner's texts.
    pub planner: PlannerStrings,
    /// The file messages name (the site's, or the built-in one).
    pub file: PathBuf,
}

impl Language {
    /// The text for `key` (theme first, then planner), or `None`.
    pub fn text(&self, key: &str) -> Option<&Text> {
        self.theme.get(key).or_else(|| self.planner.text.get(key))
    }

    /// `{day} {month} {year}` for a calendar date, with this language's month names.
    pub fn date(&self, d: jiff::civil::Date) -> String {
        let pattern = self
            .theme
            .get("date")
            .map_or("{day} {month} {year}", |t| t.form(None));
        let month = self
            .planner
            .months
            .get(usize::try_from(d.month() - 1).unwrap_or(0))
            .cloned()
            .unwrap_or_default();
        fill(pattern, |name| match name {
            "day" => Some(d.day().to_string()),
            "month" => Some(month.clone()),
            "year" => Some(d.year().to_string()),
            _ => None,
        })
    }
}

/// Replaces each `{name}` in `text` with `value(name)`; unknown names stay as written.
pub fn fill(text: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if after[..close]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && close > 0 =>
            {
                match value(&after[..close]) {
                    Some(v) => out.push_str(&v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
