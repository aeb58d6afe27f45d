//! `sinew check`'s quality rules: readability, review dates, accessibility, and how
//! pages, exercises and ladders fit together, run over a finished in-memory build.
//!
//! Nothing here reads files or the clock: the caller passes the build and `today`.
//! Every finding is a warning; errors come from the build itself.

pub mod a11y;
pub mod placeholder;
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
        "placeholder",
        "text marked `REPLACE:` (a placeholder) is still to be replaced",
    ),
];

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
    out.extend(structure::orphans(c, &built.inbound));
    out.extend(structure::exercises(c, &built.inbound));
    out.extend(structure::ladders(c));
    out.extend(placeholder::content(c));
    out.sort();
    out
}
