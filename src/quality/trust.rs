//! Who stands behind the advice: clinical pages, exercises and ladders that do not name
//! their reviewer or sources (when `site.yaml` requires it), and clinical pages without
//! a section the clinic requires (such as "When to get help").

use super::review::clinical_reason;
use crate::config::SiteConfig;
use crate::content::Content;
use crate::content::trust::Source;
use crate::diagnostic::Diagnostic;
use crate::markdown::Rendered;
use std::path::Path;

/// `attribution-missing` for one file: what it lacks of `reviewed_by` and `sources`.
fn attribution(
    file: &Path,
    what: &str,
    why: &str,
    reviewed_by: Option<&str>,
    sources: &[Source],
) -> Option<Diagnostic> {
    let no_reviewer = reviewed_by.is_none_or(|r| r.trim().is_empty());
    let no_sources = sources.iter().all(|s| s.title().trim().is_empty());
    let missing = match (no_reviewer, no_sources) {
        (false, false) => return None,
        (true, true) => {
            "does not say who reviewed it (`reviewed_by`) or what its advice rests on (`sources`)"
        }
        (true, false) => "does not say who reviewed it (`reviewed_by`)",
        (false, true) => "does not say what its advice rests on (`sources`)",
    };
    let message = format!(
        "this {what} gives clinical advice ({why}) but {missing}; `require_attribution` in \
         site.yaml asks every clinical {what} for both"
    );
    let hint = "add the reviewer's name and role and the references the advice rests on, e.g.\n          \
                reviewed_by: \"Alex Smith, MSc, Physiotherapist\"\n          \
                sources:\n            - title: \"NICE guideline NG226: Osteoarthritis\"\n              \
                url: https://www.nice.org.uk/guidance/ng226";
    Some(Diagnostic::warning("attribution-missing", file, message).hint(hint))
}

/// `attribution-missing` for every clinical page, exercise and ladder, when
/// `require_attribution` is set.
pub(crate) fn attributions(c: &Content) -> Vec<Diagnostic> {
    if !c.config.require_attribution {
        return Vec::new();
    }
    let mut out = Vec::new();
    for p in &c.pages {
        if let Some(why) = clinical_reason(p, &c.config) {
            out.extend(attribution(
                &p.file,
                "page",
                &why,
                p.meta.reviewed_by.as_deref(),
                &p.meta.sources,
            ));
        }
    }
    for e in c.exercises.values() {
        out.extend(attribution(
            &e.file,
            "exercise",
            "every exercise does",
            e.data.reviewed_by.as_deref(),
            &e.data.sources,
        ));
    }
    for l in c.ladders.values() {
        out.extend(attribution(
            &l.file,
            "ladder",
            "every exercise ladder does",
            l.data.reviewed_by.as_deref(),
            &l.data.sources,
        ));
    }
    out
}

/// A heading's words for comparing: lowercase letters and digits, single spaces.
fn normalise(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a heading is the required section `name`: the same words, or the same words
/// followed by more ("When to get help now" is "When to get help").
fn is_section(heading: &str, name: &str) -> bool {
    let (h, n) = (normalise(heading), normalise(name));
    !n.is_empty() && (h == n || h.starts_with(&format!("{n} ")))
}

/// `required-section`: a clinical page without a heading for each of the site's
/// `required_sections`.
pub(crate) fn required_sections(
    page: &crate::content::Page,
    r: &Rendered,
    config: &SiteConfig,
) -> Vec<Diagnostic> {
    let Some(why) = clinical_reason(page, config) else {
        return Vec::new();
    };
    config
        .required_sections
        .iter()
        .filter(|name| !r.headings.iter().any(|h| is_section(&h.text, name)))
        .map(|name| {
            let message = format!(
                "this page gives clinical advice ({why}) but has no \"{name}\" section, which \
                 `required_sections` in site.yaml asks every clinical page for"
            );
            let hint = format!(
                "add a heading `## {name}` with what the section should say (for \"When to get \
                 help\": which signs need a same-day call, which need a doctor, and how to \
                 reach the clinic)"
            );
            Diagnostic::warning("required-section", &page.file, message).hint(hint)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_match_by_their_words() {
        assert!(is_section("When to get help", "When to get help"));
        assert!(is_section("When to get help now", "when to get help"));
        assert!(is_section("When to get help!", "When to get help"));
        assert!(!is_section("When to get helped", "When to get help"));
        assert!(!is_section("Help", "When to get help"));
        assert!(!is_section("Anything", "  "));
    }
}
