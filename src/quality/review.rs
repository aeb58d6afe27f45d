//! Review dates: pages whose clinical review is overdue, clinical pages with no review
//! date, and `clinical_sections` entries that name no folder.

use crate::config::SiteConfig;
use crate::content::{Content, Page, PageKind};
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
    page.reviewed
        .map(|d| d.saturating_add(jiff::Span::new().months(i64::from(months))))
}

/// Why a page counts as clinical (and so needs a review date), or `None` if it does not.
///
/// A page is clinical when it has a `program` (it is about a condition with an exercise
/// ladder), or when it is a regular page in a folder listed in `clinical_sections` or in
/// a folder below one. A folder's own `index.md` is the listing's introduction, not
/// clinical advice, so it only counts when it has a `program`.
pub fn clinical_reason(page: &Page, config: &SiteConfig) -> Option<String> {
    if let Some(program) = &page.meta.ladder {
        return Some(format!("it has `program: {program}`"));
    }
    if page.kind != PageKind::Regular {
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

fn long_date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

/// `review-in-future`, `review-overdue` and `review-missing` for one page.
pub(crate) fn check_page(page: &Page, config: &SiteConfig, today: Date) -> Option<Diagnostic> {
    match (page.reviewed, next_due(page, config)) {
        (Some(reviewed), _) if reviewed > today => Some(
            Diagnostic::warning(
                "review-in-future",
                &page.file,
                format!(
                    "this page says it was reviewed on {}, which is after today ({})",
                    long_date(reviewed),
                    long_date(today)
                ),
            )
            .at_line(yaml::line_of(&page.front_matter, 2, "reviewed"))
            .hint("check the date, the year especially: `reviewed:` is the day a clinician last checked the page"),
        ),
        (Some(reviewed), Some(due)) if due < today => {
            let months = page
                .meta
                .review_every_months
                .unwrap_or(config.review_every_months);
            let message = format!(
                "this page's review was due on {} (it was last reviewed on {}, and is reviewed \
                 every {months} {})",
                long_date(due),
                long_date(reviewed),
                if months == 1 { "month" } else { "months" }
            );
            let hint = "ask a clinician to check the page and fix anything out of date, then \
                        change `reviewed:` to the date of that check";
            Some(
                Diagnostic::warning("review-overdue", &page.file, message)
                    .at_line(yaml::line_of(&page.front_matter, 2, "reviewed"))
                    .hint(hint),
            )
        }
        (None, _) => clinical_reason(page, config).map(|why| {
            let message =
                format!("this page gives clinical advice ({why}) but has no `reviewed` date");
            let hint = format!(
                "once a clinician has checked the page, add the date of that check to its front \
                 matter, e.g. `reviewed: {today}`"
            );
            Diagnostic::warning("review-missing", &page.file, message).hint(hint)
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
    for listed in &c.config.clinical_sections {
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
        out.push(Diagnostic::warning("unknown-clinical-section", "site.yaml", message).hint(hint));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clinical_folders_include_their_subfolders_only() {
        assert!(in_folder("conditions", "conditions"));
        assert!(in_folder("conditions/knee", "conditions"));
        assert!(!in_folder("conditions-old", "conditions"));
        assert!(!in_folder("", ""));
    }
}
