//! Review dates: pages whose clinical review is overdue, clinical pages with no review
//! date, and `clinical_sections` entries that name no folder.

use crate::config::SiteConfig;
use crate::content::{Content, Page};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::yaml;
use jiff::civil::Date;

/// The day a page's next review is due: `reviewed` plus `review_every_months` (the
/// page's own, else the site's). The theme shows the same date as "Next review due".
pub fn next_due(page: &Page, config: &SiteConfig) -> Option<Date> {
    let months = page
        .meta
        .review_every_months
        .unwrap_or(config.review_every_months);
    page.reviewed.map(|d| crate::limits::review_due(d, months))
}

pub use crate::content::trust::clinical_reason;

fn long_date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

/// What the review rules need to know about one page, exercise or ladder.
pub(crate) struct Reviewed<'a> {
    /// Its file, for messages.
    pub(crate) file: &'a std::path::Path,
    /// "page", "exercise" or "ladder".
    pub(crate) what: &'a str,
    /// Its `reviewed` date.
    pub(crate) reviewed: Option<Date>,
    /// Its own `review_every_months`.
    pub(crate) every: Option<u32>,
    /// The line of its `reviewed:` field.
    pub(crate) line: Option<usize>,
    /// Why it needs a review date, when it does.
    pub(crate) clinical: Option<String>,
}

/// `review-in-future`, `review-overdue` and `review-missing` for one page.
pub(crate) fn check_page(page: &Page, config: &SiteConfig, today: Date) -> Option<Diagnostic> {
    check(
        &Reviewed {
            file: &page.file,
            what: "page",
            reviewed: page.reviewed,
            every: page.meta.review_every_months,
            line: yaml::line_of(&page.front_matter, 2, "reviewed"),
            clinical: clinical_reason(page, config),
        },
        config,
        today,
    )
}

/// `review-in-future`, `review-overdue` and `review-missing` for every exercise and
/// ladder. Both always give clinical advice (how to move, how much, what pain is too
/// much), so both always need a review date.
pub(crate) fn check_data(c: &Content, today: Date) -> Vec<Diagnostic> {
    let exercises = c.exercises.values().map(|e| Reviewed {
        file: &e.file,
        what: "exercise",
        reviewed: e.reviewed,
        every: e.data.review_every_months,
        line: yaml::line_of(&e.text, 1, "reviewed"),
        clinical: Some("every exercise does".into()),
    });
    let ladders = c.ladders.values().map(|l| Reviewed {
        file: &l.file,
        what: "ladder",
        reviewed: l.reviewed,
        every: l.data.review_every_months,
        line: yaml::line_of(&l.text, 1, "reviewed"),
        clinical: Some("every exercise ladder does".into()),
    });
    exercises
        .chain(ladders)
        .filter_map(|r| check(&r, &c.config, today))
        .collect()
}

fn check(r: &Reviewed<'_>, config: &SiteConfig, today: Date) -> Option<Diagnostic> {
    let what = r.what;
    let months = r.every.unwrap_or(config.review_every_months);
    let due = r.reviewed.map(|d| crate::limits::review_due(d, months));
    match (r.reviewed, due) {
        (Some(reviewed), _) if reviewed > today => Some(
            Diagnostic::warning(
                "review-in-future",
                r.file,
                format!(
                    "this {what} says it was reviewed on {}, which is after today ({})",
                    long_date(reviewed),
                    long_date(today)
                ),
            )
            .at_line(r.line)
            .hint(format!("check the date, the year especially: `reviewed:` is the day a clinician last checked the {what}")),
        ),
        (Some(reviewed), Some(due)) if due < today => {
            let message = format!(
                "this {what}'s review was due on {} (it was last reviewed on {}, and is reviewed \
                 every {months} {})",
                long_date(due),
                long_date(reviewed),
                if months == 1 { "month" } else { "months" }
            );
            let hint = format!(
                "ask a clinician to check the {what} and fix anything out of date, then \
                 change `reviewed:` to the date of that check"
            );
            Some(
                Diagnostic::warning("review-overdue", r.file, message)
                    .at_line(r.line)
                    .hint(hint),
            )
        }
        (None, _) => r.clinical.as_ref().map(|why| {
            let message =
                format!("this {what} gives clinical advice ({why}) but has no `reviewed` date");
            let where_ = if what == "page" { "front matter" } else { "file" };
            let hint = format!(
                "once a clinician has checked the {what}, add the date of that check to its \
                 {where_}, e.g. `reviewed: {today}`"
            );
            Diagnostic::warning("review-missing", r.file, message).hint(hint)
        }),
        _ => None,
    }
}

/// `unknown-clinical-section`: a `clinical_sections` entry that names no content folder,
/// which would silently switch `review-missing` off for the pages meant.
pub(crate) fn check_config(c: &Content) -> Vec<Diagnostic> {
    let folders = || {
        c.sections
            .iter()
            .filter(|s| !s.is_empty())
            .map(String::as_str)
    };
    let mut out = Vec::new();
    for (i, listed) in c.config.clinical_sections.iter().enumerate() {
        let folder = listed.trim_matches('/');
        if !folder.is_empty() && c.sections.contains(folder) {
            continue;
        }
        let hint = match did_you_mean(folder, folders()) {
            Some(m) => format!("did you mean `{m}`?"),
            None => format!(
                "list folders under `content/` by their path, e.g. `conditions`; the folders \
                 are: {}",
                folders().collect::<Vec<_>>().join(", ")
            ),
        };
        let message = format!(
            "`clinical_sections` lists `{listed}`, but there is no folder `content/{folder}`"
        );
        let line = crate::yaml::line_of(&c.config.text, 1, &format!("clinical_sections[{i}]"))
            .or_else(|| crate::yaml::line_of(&c.config.text, 1, "clinical_sections"));
        out.push(
            Diagnostic::warning("unknown-clinical-section", "site.yaml", message)
                .at_line(line)
                .hint(hint),
        );
    }
    out
}
