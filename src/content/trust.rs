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
        /// The language it is written in, when a page in another may cite it (`lang:
        /// en` in a Spanish page's sources): the theme marks it "(en inglés)" there.
        #[serde(default, deserialize_with = "source_lang")]
        lang: Option<String>,
    },
}

/// A source's `lang:`, checked while typing.
fn source_lang<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    crate::yaml::checked_text(d, |s| {
        if crate::config::is_language_code(s.trim()) {
            Ok(s.trim().to_string())
        } else {
            Err((
                format!("`{s}` is not a language code"),
                "write the code of the language the reference is in, such as `lang: en` (English)"
                    .to_string(),
            ))
        }
    })
}

impl Source {
    /// The reference's text.
    pub fn title(&self) -> &str {
        match self {
            Source::Text(t) => t,
            Source::Linked { title, .. } => title,
        }
    }

    /// The language the reference is written in, when given (`lang:`).
    pub fn lang(&self) -> Option<&str> {
        match self {
            Source::Text(_) => None,
            Source::Linked { lang, .. } => lang.as_deref(),
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
    // Normally checked while typing (`front_matter::reviewed_date`); the same words here.
    super::date::parse_date(s)
        .map(Some)
        .map_err(|(message, hint)| {
            Diagnostic::error("front-matter", file, format!("`reviewed` {message}"))
                .at_line(yaml::line_of(text, first_line, "reviewed"))
                .hint(hint)
        })
}

/// Why a page counts as clinical (and so needs a review date), or `None` if it does not.
///
/// A page is clinical when it has a `program` (it is about a condition with an exercise
/// ladder), or when it is a regular page in a folder listed in `clinical_sections` or in
/// a folder below one. A folder's own `index.md` is the listing's introduction, not
/// clinical advice, so it only counts when it has a `program`.
pub fn clinical_reason(page: &super::Page, config: &crate::config::SiteConfig) -> Option<String> {
    if let Some(program) = &page.meta.ladder {
        return Some(format!("it has `program: {program}`"));
    }
    if page.kind != super::PageKind::Regular {
        return None;
    }
    let mut folders = config.clinical_sections.iter().map(|s| s.trim_matches('/'));
    folders.find(|s| in_folder(&page.section, s)).map(|s| {
        format!(
            "it is in the `{s}` folder, which `clinical_sections` in site.yaml marks as clinical"
        )
    })
}

fn in_folder(section: &str, folder: &str) -> bool {
    !folder.is_empty()
        && (section == folder
            || section
                .strip_prefix(folder)
                .is_some_and(|rest| rest.starts_with('/')))
}

/// The output path of an alias as written in front matter (`/old/path/`, relative to
/// the site's base), e.g. `old/path/`, or why it cannot be one. A path without a file
/// extension is a folder (`/old/path` is `old/path/`); one ending in `.html` is a file.
pub fn alias_path(written: &str) -> Result<String, String> {
    let w = written.trim();
    if w.contains("://") || w.starts_with("//") || w.starts_with("@/") {
        return Err(format!(
            "`{w}` is not an address of this site: an alias is the old path of this page, \
             such as `/old/path/`"
        ));
    }
    let Some(rest) = w.strip_prefix('/') else {
        return Err(format!("`{w}` does not start with `/`"));
    };
    if rest.contains(['?', '#', '\\', '"', '<', '>']) || rest.chars().any(char::is_control) {
        return Err(format!(
            "`{w}` has a character an alias cannot have (`?`, `#`, `\\`, quotes or `<>`)"
        ));
    }
    if rest.contains('%') {
        return Err(percent_codes(w, rest));
    }
    let parts: Vec<&str> = rest.split('/').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return Err("`/` is the home page's own address".to_string());
    }
    if parts.iter().any(|p| *p == "." || *p == "..") {
        return Err(format!("`{w}` has a `.` or `..` part"));
    }
    let joined = parts.join("/");
    let last = parts[parts.len() - 1];
    Ok(if last.ends_with(".html") || last.ends_with(".htm") {
        joined
    } else if last.contains('.') && !rest.ends_with('/') {
        return Err(format!(
            "`{w}` looks like a file other than a page; an alias can only be a page's old \
             address (ending in `/` or `.html`)"
        ));
    } else {
        format!("{joined}/")
    })
}

/// Why the alias `written` (`rest` after its first `/`), which has a `%`, cannot be one,
/// and what to write instead: a web server decodes `%2e` to `.` before it looks for a
/// folder, so a folder named `%2e%2e` is never reached (and `%2e%2e` itself is `..`).
fn percent_codes(written: &str, rest: &str) -> String {
    let decoded: Vec<String> = rest
        .split('/')
        .map(crate::address::percent_decode)
        .collect();
    let plain = decoded.iter().all(|part| {
        part != "."
            && part != ".."
            && !part.contains(['%', '/', '\\', '?', '#', '"', '<', '>'])
            && !part.chars().any(char::is_control)
    });
    let instead = if plain {
        format!(
            "write `/{}` instead, with the characters themselves",
            decoded.join("/")
        )
    } else {
        "write the old address with plain letters, digits and `-` only".to_string()
    };
    format!(
        "`{written}` has a `%` code: a web server reads `%` and the two characters after it \
         as another character (`%20` is a space, `%2f` a `/`) before it looks for the \
         page, so it would never find this one; {instead}"
    )
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
    fn clinical_folders_include_their_subfolders_only() {
        assert!(in_folder("conditions", "conditions"));
        assert!(in_folder("conditions/knee", "conditions"));
        assert!(!in_folder("conditions-old", "conditions"));
        assert!(!in_folder("", ""));
    }

    #[test]
    fn alias_paths() {
        assert_eq!(alias_path("/old/path/").unwrap(), "old/path/");
        assert_eq!(alias_path(" /old/path ").unwrap(), "old/path/");
        assert_eq!(alias_path("/knee.html").unwrap(), "knee.html");
        assert_eq!(alias_path("/a//b/").unwrap(), "a/b/");
        for bad in [
            "old/",
            "https://x.example/a/",
            "//x/",
            "/",
            "/a/../b/",
            "/a?x=1",
            "/a.pdf",
            "/\"x\"/",
            "/%2e%2e/x/",
            "/a%2fb/",
            "/a%00b/",
            "/50%/",
        ] {
            assert!(alias_path(bad).is_err(), "{bad}");
        }
        // What to write instead: the characters themselves when they can be a path.
        assert!(
            alias_path("/caf%C3%A9/")
                .unwrap_err()
                .ends_with("write `/café/` instead, with the characters themselves")
        );
        for unsafe_code in ["/%2e%2e/x/", "/a%2fb/", "/a%00b/", "/50%/"] {
            let e = alias_path(unsafe_code).unwrap_err();
            assert!(e.ends_with("plain letters, digits and `-` only"), "{e}");
        }
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
        assert_eq!(parse_reviewed(None, Path::new("x"), "", 1).unwrap(), None);
    }
}
