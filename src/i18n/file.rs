//! A language file as written (`i18n/<code>.yaml`, built in or the site's): read as
//! every source is read, and parsed.

use super::{Direction, Text};
use crate::diagnostic::Diagnostic;
use crate::text::NotText;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// A language file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct File {
    pub(super) name: Option<String>,
    pub(super) direction: Option<Direction>,
    pub(super) months: Option<Vec<String>>,
    pub(super) months_short: Option<Vec<String>>,
    pub(super) weekdays: Option<Vec<String>>,
    pub(super) weekdays_short: Option<Vec<String>>,
    /// Words site search leaves out of a query (see [`Language::stop_words`](super::Language::stop_words)).
    pub(super) stop_words: Option<Vec<String>>,
    /// Other languages' names in this language (see [`Language::language_names`](super::Language::language_names)).
    #[serde(default)]
    pub(super) language_names: BTreeMap<String, String>,
    #[serde(default)]
    pub(super) theme: BTreeMap<String, Text>,
    #[serde(default)]
    pub(super) planner: BTreeMap<String, Text>,
}

/// Parses a language file's `text`; `file` is named in messages.
pub(super) fn parse_file(text: &str, file: &Path) -> Result<File, Vec<Diagnostic>> {
    crate::yaml::parse(text, file, 1, "translation file")
}

/// Reads a site's table as every source is read: UTF-8 with or without a byte-order
/// mark; UTF-16 refused with how to save it again.
pub(super) fn read_table(path: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let bytes = crate::fsutil::read_regular(path).map_err(|e| {
        Diagnostic::error(
            "read",
            rel,
            format!("cannot read this translation file: {e}"),
        )
        .hint("make it an ordinary text file saved as UTF-8")
    })?;
    crate::text::decode(bytes).map_err(|why| match why {
        NotText::Utf16 => Diagnostic::error(
            "not-utf8",
            rel,
            "this file is saved as UTF-16 (\"Unicode\"), not UTF-8",
        )
        .hint("open it in your editor and save it again with the encoding \"UTF-8\""),
        NotText::Binary | NotText::NotUtf8 { .. } => {
            Diagnostic::error("not-utf8", rel, "this file is not saved as UTF-8 text")
                .hint("open it in your editor and save it with the encoding \"UTF-8\"")
        }
    })
}
