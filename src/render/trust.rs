//! What templates see of who stands behind a page, exercise or ladder: the reviewer, the
//! sources (their addresses checked through [`Links::check`]) and the review dates.

use crate::content::trust::Source;
use crate::content::{Content, Page};
use crate::diagnostic::Diagnostic;
use crate::link::{LinkError, Links};
use crate::render::context::{Review, SourceCtx, TrustCtx};
use crate::yaml;
use jiff::civil::Date;
use std::path::Path;

/// Review dates as a page, exercise or ladder shows them: `reviewed` and the next review
/// due `months` later.
pub(crate) fn review_ctx(reviewed: Option<Date>, months: u32) -> Option<Review> {
    reviewed.map(|d| {
        let due = crate::limits::review_due(d, months);
        Review {
            reviewed: d.strftime("%-d %B %Y").to_string(),
            reviewed_iso: d.to_string(),
            next_due: due.strftime("%-d %B %Y").to_string(),
            next_due_iso: due.to_string(),
        }
    })
}

/// The trust block of something written in the folder `dir` under `content/` (a
/// relative source address starts there, as [`Links::check`] reads it), and the problems
/// of its sources' addresses as (source number, message, hint).
pub(crate) fn trust_ctx(
    links: &Links<'_>,
    dir: &str,
    reviewed_by: Option<&str>,
    sources: &[Source],
    review: Option<Review>,
) -> (TrustCtx, Vec<(usize, String, String)>) {
    let mut problems = Vec::new();
    let sources = sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let url = s.url().and_then(|u| match links.check(dir, u.trim()) {
                Ok(href) => Some(href.url),
                Err(LinkError::Unsafe(m)) => {
                    problems.push((
                        i,
                        m,
                        "use the address of the reference, starting with https://".to_string(),
                    ));
                    None
                }
                Err(LinkError::Broken(m, h)) => {
                    problems.push((i, m, h));
                    None
                }
                Err(LinkError::TargetBroken) => None,
            });
            SourceCtx {
                title: s.title().to_string(),
                url,
                lang: s.lang().map(str::to_string),
            }
        })
        .collect();
    let ctx = TrustCtx {
        reviewed_by: reviewed_by
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string),
        sources,
        review,
    };
    (ctx, problems)
}

/// Turns [`trust_ctx`]'s problems into errors at the source's line.
pub(crate) fn source_errors(
    file: &Path,
    text: &str,
    first_line: usize,
    sources: &[Source],
    problems: Vec<(usize, String, String)>,
) -> Vec<Diagnostic> {
    problems
        .into_iter()
        .map(|(i, msg, hint)| {
            let line = yaml::line_of(text, first_line, &format!("sources[{i}].url"))
                .or_else(|| yaml::line_of(text, first_line, &format!("sources[{i}]")));
            Diagnostic::error(
                "broken-link",
                file,
                format!("source \"{}\": {msg}", sources[i].title()),
            )
            .at_line(line)
            .hint(hint)
        })
        .collect()
}

/// The folder of a page's source under `content/`, where its sources' relative
/// addresses start (as its Markdown links do).
fn page_dir(p: &Page) -> &str {
    p.source.rsplit_once('/').map_or("", |(d, _)| d)
}

/// The trust block of page `p`. Its review dates are `page.review`, not repeated here.
pub(crate) fn page_trust(links: &Links<'_>, p: &Page) -> (TrustCtx, Vec<Diagnostic>) {
    let (ctx, problems) = trust_ctx(
        links,
        page_dir(p),
        p.meta.reviewed_by.as_deref(),
        &p.meta.sources,
        None,
    );
    let errors = source_errors(&p.file, &p.front_matter, 2, &p.meta.sources, problems);
    (ctx, errors)
}

/// Every page's source address problems (exercises' and ladders' are found when their
/// contexts are made).
pub(crate) fn check_page_sources(c: &Content, links: &Links<'_>) -> Vec<Diagnostic> {
    c.pages
        .iter()
        .flat_map(|p| page_trust(links, p).1)
        .collect()
}
