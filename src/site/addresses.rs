//! Addresses checked against what the build publishes and worded for the clinic: the
//! literal ones a site's templates write, and the unknown ones the scan of the rendered
//! pages found, grouped by the template line that writes them.

use super::State;
use crate::content::{self, Content};
use crate::diagnostic::Diagnostic;
use crate::link::{Links, UrlMap};
use crate::markdown;
use crate::theme;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The errors for addresses found in rendered pages that point at nothing the site
/// publishes ([`crate::link::scan`]): one per place in a template (its file and line,
/// found by [`crate::render::Renderer::locate`]), naming the first page it is on and how many others.
pub(super) fn address_problems(
    state: &State,
    mut found: Vec<(String, crate::link::scan::Unknown)>,
) -> Vec<Diagnostic> {
    use crate::link::scan::Why;
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let base = &state.base;
    // (file, line or value) -> (diagnostic, other pages, the last page counted). One
    // attribute can hold several bad addresses (a `srcset`'s entries) on one page: each
    // page is counted once.
    let mut by_place: BTreeMap<(PathBuf, String), (Diagnostic, usize, String)> = BTreeMap::new();
    for (page, u) in found {
        // An address the page's own HTML writes is the page's, even when a template's
        // `{{ ... }}` in the same attribute could have written it too.
        let own = own_line(state, &page, &u.attr, &u.value);
        let written = match own {
            Some(_) => None,
            None => state.renderer.locate(&u.attr, &u.value),
        };
        // The page's own text: each bad entry of the attribute is reported, so a
        // `srcset` with two gets two errors, each naming its entry.
        let key = match &written {
            Some(w) => (w.file.clone(), w.line.to_string()),
            None => (PathBuf::from("(page)"), format!("{}\n{:?}", u.value, u.why)),
        };
        if let Some((_, others, last)) = by_place.get_mut(&key) {
            // `found` is sorted by page, so a page seen before is the last one counted.
            if *last != page {
                *others += 1;
                last.clone_from(&page);
            }
            continue;
        }
        let from = match &written {
            Some(w) if w.pattern != u.value => format!(" (written by `{}`)", w.pattern),
            _ => String::new(),
        };
        let on = format!("on the page {base}{page}, the address `{}`{from}", u.value);
        let expr_hint = if written.is_some() {
            "addresses in templates start with `{{ site.base_path }}` (the site's folder) or use the addresses sinew gives, listed in docs/templates.md"
        } else {
            "write the address with a `/` in front, as the site publishes it (`/images/knee.png` for `static/images/knee.png`)"
        };
        let (message, hint) = match &u.why {
            Why::Nothing(path) => (
                if u.value.starts_with(['/', '#']) || u.value.contains(':') {
                    format!("{on} points at nothing the site publishes")
                } else {
                    format!(
                        "{on} (that is {base}{path} from there) points at nothing the site publishes"
                    )
                },
                match state.urls.similar_path_except(path, &page) {
                    Some(s) => format!("did you mean `{base}{s}`? {expr_hint}"),
                    None if written.is_some() => {
                        format!("fix the address in the template: {expr_hint}")
                    }
                    None => format!("fix the address: {expr_hint}"),
                },
            ),
            Why::OutsideBase(path) => (
                format!(
                    "{on} is outside the site's folder `{base}` (`base_url` in site.yaml), so it leads away from the site"
                ),
                format!(
                    "start it with the site's folder: `{{{{ site.base_path }}}}{}`",
                    path.trim_start_matches('/')
                ),
            ),
            Why::AboveTop => (
                format!("{on} climbs above the site's top folder"),
                format!("fix the address in the template: {expr_hint}"),
            ),
            Why::RelativeOnNotFound => (
                format!(
                    "{on} has no `/` in front, but the page-not-found page is shown at every address that does not exist, so the address would start from wherever the reader is and point nowhere"
                ),
                "start it with the site's folder: `{{ site.base_path }}`, followed by the path"
                    .to_string(),
            ),
            Why::RefusedScheme => (
                format!(
                    "{on} is not allowed: a page may carry only http(s), mailto and tel addresses or site paths (a `javascript:` or `data:` address could run code or hide content)"
                ),
                "link to a page with `@/...` or `/...`, or to a web address starting with https://; remove the address if it is not needed".to_string(),
            ),
            Why::NoAnchor(anchor) => (
                format!("{on} goes to `#{anchor}`, but nothing on that page has the id `{anchor}`"),
                "fix the `#...` part, or give the element it should go to that `id`".to_string(),
            ),
        };
        // No template writes it: it came from the page's own text (HTML in Markdown that
        // sinew does not rewrite, such as a `srcset`), so name the page's file.
        let file = written.as_ref().map_or_else(
            || {
                state
                    .urls
                    .file_of(&page)
                    .cloned()
                    .unwrap_or_else(|| PathBuf::from(format!("{base}{page}")))
            },
            |w| w.file.clone(),
        );
        let code = if u.why == Why::RefusedScheme {
            "unsafe-url"
        } else {
            "broken-link"
        };
        let d = Diagnostic::error(code, file, message)
            .at_line(written.as_ref().map(|w| w.line).or(own))
            .hint(hint);
        by_place.insert(key, (d, 0, page));
    }
    by_place
        .into_values()
        .map(|(mut d, others, _)| {
            if others > 0 {
                d.message.push_str(&format!(
                    " (and on {others} other page{})",
                    if others == 1 { "" } else { "s" }
                ));
            }
            d
        })
        .collect()
}

/// The line of the page's own Markdown (raw HTML in it) where `attr` is written with
/// `value`, quoted or not; `None` when the page's text does not write it. The text is
/// read again when the build let it go after rendering (only for a broken address).
fn own_line(state: &State, page: &str, attr: &str, value: &str) -> Option<usize> {
    let file = state.urls.file_of(page)?;
    let p = state.content.pages.iter().find(|p| &p.file == file)?;
    let read;
    let body = if p.body.is_empty() {
        read = content::read_body(&state.content.root, p).ok()?;
        &read
    } else {
        &p.body
    };
    ["\"", "'", ""].iter().find_map(|q| {
        let at = body.find(&format!("{attr}={q}{value}{q}"))?;
        Some(p.body_line + body[..at].matches('\n').count())
    })
}

/// Checks the addresses a site's own templates write as they are (`href="/contact/"`),
/// against what the build publishes. An address made by the template (`{{ ... }}`) or
/// relative to the page it ends up on is left to the template's author.
pub(super) fn template_addresses(
    templates: &[theme::Template],
    c: &Content,
    urls: &UrlMap,
    base: &str,
) -> Vec<Diagnostic> {
    let links = Links {
        urls,
        drafts: &c.drafts,
        broken: &c.broken_ids,
        base,
    };
    let mut out = Vec::new();
    for t in templates {
        let Some(file) = &t.file else { continue };
        for a in markdown::html::attributes(&t.text) {
            let v = a.value.as_str();
            let literal = !v.contains("{{") && !v.contains("{%");
            if a.name == "id" || !literal || !(v.starts_with('/') || v.starts_with("@/")) {
                continue;
            }
            let line = t.text[..a.range.start].matches('\n').count() + 1;
            match links.check("", v) {
                // Templates are not rewritten: an `@/` link would reach the page as it is.
                Ok(href) if v.starts_with("@/") => out.push(
                    Diagnostic::error(
                        "broken-link",
                        file,
                        format!("`{v}`: `@/` links work in Markdown and YAML, not in templates"),
                    )
                    .at_line(Some(line))
                    .hint(format!(
                        "write the published address instead: `{}`",
                        href.url
                    )),
                ),
                Err(crate::link::LinkError::Broken(msg, hint)) => {
                    out.push(
                        Diagnostic::error("broken-link", file, msg)
                            .at_line(Some(line))
                            .hint(hint),
                    );
                }
                _ => {}
            }
        }
    }
    out
}
