//! Splitting a Markdown file into its YAML front matter and its body, and the typed
//! front-matter fields.

use serde::Deserialize;

/// The fields a page's front matter may have. Unknown fields are errors.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The page title (required; empty or only spaces counts as missing).
    #[serde(deserialize_with = "crate::yaml::required_text")]
    pub title: String,
    /// One sentence for listings and the meta description.
    #[serde(default)]
    pub description: Option<String>,
    /// Tags; each gets a page at `/tags/<slug>/`.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Drafts are left out unless building with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Order in listings: smaller first, then by title.
    #[serde(default)]
    pub weight: i64,
    /// A template of the site's own to render this page with.
    #[serde(default)]
    pub template: Option<String>,
    /// When a clinician last reviewed the page (`YYYY-MM-DD`, checked by [`super::date::parse_date`]).
    #[serde(default, deserialize_with = "reviewed_date")]
    pub reviewed: Option<String>,
    /// Months between reviews; the site's default when absent.
    #[serde(default)]
    pub review_every_months: Option<u32>,
    /// The id of the exercise ladder this page is about (written `program:` in the
    /// content format, its name from before "ladder").
    #[serde(default, rename = "program")]
    pub ladder: Option<String>,
    /// Readability grade this page may reach (for pages that cannot avoid medical terms).
    #[serde(default)]
    pub max_grade: Option<f64>,
    /// Words patients search with that should find this page without being in its text
    /// (`[tennis elbow, sore elbow]`): indexed by site search, never shown on the page.
    #[serde(default)]
    pub search_terms: Vec<String>,
    /// SMOG grade this page may reach (the site's `readability.max_smog` otherwise).
    #[serde(default)]
    pub max_smog: Option<f64>,
    /// Who reviewed the page: name and role, e.g. "Alex Smith, MSc, Physiotherapist".
    #[serde(default)]
    pub reviewed_by: Option<String>,
    /// The references the page's advice rests on.
    #[serde(default)]
    pub sources: Vec<super::trust::Source>,
    /// Addresses the page was published at before (e.g. `/old/path/`): each gets a page
    /// that sends the reader on to this one, so printed links and QR codes keep working.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// This page's own `sinew check` settings (rules it silences, with a reason).
    #[serde(default)]
    pub check: super::trust::CheckSettings,
}

impl FrontMatter {
    /// Checks every number against its range in [`crate::limits`], at its line of
    /// `yaml` (the front matter's text, which starts at line `first_line` of `file`).
    pub fn check_numbers(
        &self,
        yaml: &str,
        first_line: usize,
        file: &std::path::Path,
    ) -> Result<(), crate::diagnostic::Diagnostic> {
        use crate::limits::{self, check_f64, check_u32};
        let line = |key: &str| crate::yaml::line_of(yaml, first_line, key);
        if let Some(months) = self.review_every_months {
            check_u32(
                file,
                line("review_every_months"),
                "review_every_months",
                months,
                limits::REVIEW_EVERY_MONTHS,
                " months",
            )?;
        }
        if let Some(grade) = self.max_grade {
            check_f64(
                file,
                line("max_grade"),
                "max_grade",
                grade,
                limits::MAX_GRADE,
            )?;
        }
        if let Some(grade) = self.max_smog {
            check_f64(file, line("max_smog"), "max_smog", grade, limits::MAX_GRADE)?;
        }
        if self.tags.len() > limits::TAGS_PER_PAGE {
            return Err(crate::diagnostic::Diagnostic::error(
                "out-of-range",
                file,
                format!(
                    "this page has {} tags; a page may have at most {}",
                    self.tags.len(),
                    limits::TAGS_PER_PAGE
                ),
            )
            .at_line(line("tags"))
            .hint("keep the few tags a patient would look for, and remove the others"));
        }
        let mut too_long = Vec::new();
        limits::check_lists(
            file,
            [
                ("aliases", self.aliases.len()),
                ("search_terms", self.search_terms.len()),
                ("sources", self.sources.len()),
            ],
            str::to_string,
            line,
            "keep each list to the few items a patient needs",
            &mut too_long,
        );
        if let Some(d) = too_long.into_iter().next() {
            return Err(d);
        }
        let (min, max) = limits::WEIGHT;
        if !(min..=max).contains(&self.weight) {
            return Err(limits::out_of_range(
                file,
                line("weight"),
                "weight",
                self.weight,
                (min, max),
                "",
            ));
        }
        Ok(())
    }
}

/// `reviewed:` as written, once [`super::date::parse_date`] accepts it.
/// `reviewed`, checked while typing (a `YYYY-MM-DD` date), so its problem is reported
/// with the file's others; used by pages, exercises and ladders.
pub(crate) fn reviewed_date<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    crate::yaml::checked_text(d, |s| super::date::parse_date(s).map(|_| s.to_string()))
}

/// A Markdown file cut into front matter and body.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// 1-based line of the YAML's first line.
    pub yaml_line: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// 1-based line of the body's first line.
    pub body_line: usize,
}

/// Why a file could not be split.
#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with `---`.
    Missing,
    /// There is an opening `---` but no closing one.
    Unterminated,
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\r', '\n']).trim_end() == "---"
}

/// Splits `text` into front matter and body. Accepts a UTF-8 byte-order mark and CRLF.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if is_fence(first) => {}
        _ => return Err(SplitError::Missing),
    }
    let yaml_start = text.split_inclusive('\n').next().map_or(0, str::len);
    let mut offset = yaml_start;
    for (line_no, line) in (2..).zip(lines) {
        if is_fence(line) {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[offset + line.len()..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unterminated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body_with_lines() {
        let s = split("---\ntitle: A\n---\n# Hi\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "# Hi\n");
        assert_eq!((s.yaml_line, s.body_line), (2, 4));
    }

    #[test]
    fn handles_crlf_bom_and_empty_body() {
        let s = split("\u{feff}---\r\ntitle: A\r\n---\r\n").unwrap();
        assert_eq!(s.yaml, "title: A\r\n");
        assert_eq!(s.body, "");
        let s = split("---\n---").unwrap();
        assert_eq!(s.yaml, "");
    }

    #[test]
    fn reports_missing_and_unterminated() {
        assert_eq!(split("# no front matter"), Err(SplitError::Missing));
        assert_eq!(split(""), Err(SplitError::Missing));
        assert_eq!(
            split("---\ntitle: A\n# body"),
            Err(SplitError::Unterminated)
        );
        // A `---` inside the body is a thematic break, not a fence, once the front matter closed.
        let s = split("---\ntitle: A\n---\ntext\n---\nmore").unwrap();
        assert_eq!(s.body, "text\n---\nmore");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in ".*") {
            let _ = split(&s);
        }

        #[test]
        fn body_is_a_suffix(yaml in "[a-z: \n]*", body in ".*") {
            let yaml = yaml.replace("---", "");
            let text = format!("---\n{yaml}\n---\n{body}");
            let s = split(&text).unwrap();
            proptest::prop_assert!(text.ends_with(s.body));
        }
    }
}
