//! `sinew check`'s quality rules: readability, review dates, accessibility, and how
//! pages, exercises and ladders fit together, run over a finished in-memory build.
//!
//! Nothing here reads files or the clock: the caller passes the build and `today`.
//! Every finding is a warning; errors come from the build itself.

pub mod a11y;
pub mod readability;
pub mod review;
pub mod structure;
pub mod syllables;

use crate::diagnostic::Diagnostics;
use crate::site::Built;
use jiff::civil::Date;

/// Every rule `check` adds to the build's own, with a one-line summary.
/// `docs/check.md` has a section for each.
pub const RULES: &[(&str, &str)] = &[
    ("readability", "a page's reading grade is above the limit"),
    ("review-overdue", "a page's next review date has passed"),
    (
        "review-in-future",
        "a page's `reviewed` date is after today (a typing mistake)",
    ),
    ("review-missing", "a clinical page has no `reviewed` date"),
    (
        "unknown-clinical-section",
        "`clinical_sections` names a folder that does not exist",
    ),
    (
        "image-alt",
        "an image has no alt text, or alt text that describes nothing",
    ),
    ("vague-link", "a link's text does not say where it goes"),
    ("heading-skip", "a heading level is skipped"),
    (
        "heading-h1",
        "a `#` heading in a page body, where the title is already the main heading",
    ),
    (
        "ladder-length",
        "a ladder has more exercises than `max_ladder_length`",
    ),
    ("unused-exercise", "no page or ladder uses an exercise"),
    (
        "orphan-page",
        "nothing links to a page and no menu or listing shows it",
    ),
    ("exercise-media", "an exercise has no video and no picture"),
    (
        "base-url-not-absolute",
        "`base_url` is only a path, so the sitemap and other features that need the site's full address are left out",
    ),
];

/// One warning when `base_url` is only a path: every feature that needs the site's full
/// address (`SiteConfig::absolute_url`) is then left out of the build.
fn base_url_not_absolute(c: &crate::content::Content) -> Option<crate::diagnostic::Diagnostic> {
    if c.config.absolute_base().is_some() {
        return None;
    }
    Some(
        crate::diagnostic::Diagnostic::warning(
            "base-url-not-absolute",
            "site.yaml",
            format!(
                "`base_url` is only a path (`{}`), so the site has no sitemap.xml and robots.txt cannot tell search engines where it is",
                c.config.base_url
            ),
        )
        .hint("set `base_url` to the full address where the site is published, such as `base_url: https://clinic.example/` (or `https://clinic.example/patients/` in a sub-folder)"),
    )
}

/// Runs every quality rule over a successful build and returns the findings, sorted.
///
/// `today` is the date review dates are checked against.
pub fn check(built: &Built, today: Date) -> Diagnostics {
    let c = &built.content;
    let mut out = Diagnostics::default();
    for (page, r) in c.pages.iter().zip(&built.rendered) {
        out.extend(readability::check_page(
            page,
            &r.text,
            c.config.readability.max_grade,
        ));
        out.extend(review::check_page(page, &c.config, today));
        out.extend(a11y::check_page(page, r));
    }
    out.extend(review::check_config(c));
    out.extend(base_url_not_absolute(c));
    out.extend(structure::orphans(c, &built.inbound));
    out.extend(structure::exercises(c, &built.inbound));
    out.extend(structure::ladders(c));
    out.sort();
    out
}
