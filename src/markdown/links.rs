//! The addresses a page's Markdown carries: each link's and image's, and raw HTML's
//! `href`/`src`, checked through `Links::check` and rewritten as published; a link that
//! Markdown left as text because of a space.

use super::{Env, Rendered, html};
use crate::diagnostic::Diagnostic;
use crate::link::LinkError;
use crate::link::LinkRef;
use pulldown_cmark::CowStr;
use std::path::Path;

/// Reports a `[text](address with a space)` that Markdown showed as plain text.
pub(super) fn spaced_link_error(
    run: &str,
    at: usize,
    line_at: &dyn Fn(usize) -> usize,
    file: &Path,
    r: &mut Rendered,
) {
    // Each check below looks for `[`, `]` or `@/`: most runs of text have none, and
    // one pass over the bytes is cheaper than the five searches (`memchr3`, several bytes
    // at a time: a byte-by-byte pass was 1% of a 10,000-page build's instructions).
    if memchr::memchr3(b'[', b']', b'@', run.as_bytes()).is_none() {
        return;
    }
    if let Some((offset, written, name, footnote)) = html::undefined_reference(run) {
        let newlines = run[..offset].matches('\n').count();
        let (message, hint) = if footnote {
            (
                format!(
                    "the footnote `{written}` has no text, so the page would show `{written}` as it is"
                ),
                format!("add the footnote's text on a line of its own: `[^{name}]: ...`"),
            )
        } else {
            (
                format!(
                    "the link `{written}` names `[{name}]`, which is defined nowhere on this page, so the page would show it as plain text"
                ),
                format!(
                    "add a line `[{name}]: @/page.md` (or an address) to the page, or write the link as `[text](address)`"
                ),
            )
        };
        r.errors.push(
            Diagnostic::error("broken-link", file, message)
                .at_line(Some(line_at(at) + newlines))
                .hint(hint),
        );
    }
    let spaced = html::spaced_links(run);
    for (offset, dest) in &spaced {
        let newlines = run[..*offset].matches('\n').count();
        let d = if dest.contains('\n') {
            let one_line = dest.split_whitespace().collect::<Vec<_>>().join(" ");
            Diagnostic::error(
                "broken-link",
                file,
                format!("this looks like a link, but its address `{one_line}` is broken across two lines, so the page would show it as plain text"),
            )
            .hint("write the address on one line, without spaces (the link's words may run over lines)")
        } else {
            Diagnostic::error(
                "broken-link",
                file,
                format!("this looks like a link, but its address `{dest}` has a space in it, so the page would show it as plain text"),
            )
            .hint(format!(
                "write the address without spaces (rename a file such as `Tennis Elbow.md` to `tennis-elbow.md`), or put it in angle brackets: `(<{dest}>)`"
            ))
        };
        r.errors.push(d.at_line(Some(line_at(at) + newlines)));
    }
    // Any other `@/` link Markdown left as text: `[text] (@/x.md)` with a space before
    // the `(`, a missing `)`, or a missing `]`.
    for offset in html::stray_source_links(run) {
        // `](@/...` is the `(` of a link with a space, reported above.
        if spaced.iter().any(|(at, _)| *at + 1 == offset) {
            continue;
        }
        let newlines = run[..offset].matches('\n').count();
        let written: String = run[offset..]
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .chars()
            .take(60)
            .collect();
        r.errors.push(
            Diagnostic::error(
                "broken-link",
                file,
                format!("this looks like a link, but Markdown could not read it, so the page would show `{written}` as plain text"),
            )
            .at_line(Some(line_at(at) + newlines))
            .hint("write a link as `[words](@/file.md)`: the words in `[ ]`, straight after them the address in `( )`, with no space between `]` and `(`"),
        );
    }
}

/// Checks raw HTML written in a page: every `href`/`src` address goes through
/// [`Links::check`] (and is rewritten like a Markdown link: `@/` resolved, the base path
/// put in front), its ids become anchors, and a `<!--` that is never closed (which would
/// hide the rest of the page, the review dates and contact details included) is an error.
#[allow(clippy::too_many_arguments)]
pub(super) fn raw_html<'a>(
    h: CowStr<'a>,
    start: usize,
    text: &str,
    line_at: &dyn Fn(usize) -> usize,
    file: &Path,
    env: &Env<'_>,
    r: &mut Rendered,
    comment_reported: &mut bool,
    raw_ids: &mut Vec<(String, usize)>,
) -> CowStr<'a> {
    if let Some(i) = h.find("<!--")
        && !*comment_reported
        && !text[start + i..].contains("-->")
    {
        *comment_reported = true;
        r.errors.push(
            Diagnostic::error(
                "unclosed-comment",
                file,
                "this comment `<!--` is never closed, so everything after it would be hidden from patients",
            )
            .at_line(Some(line_at(start + i)))
            .hint("add `-->` where the comment should end, or delete the `<!--`"),
        );
    }
    // `<script>`, `<style>`, `<pre>` and `<textarea>` blocks also run to their closing tag:
    // one never closed takes the rest of the page with it.
    let lower = h.to_ascii_lowercase();
    for tag in ["script", "style", "pre", "textarea"] {
        let open = format!("<{tag}");
        let Some(i) = lower.find(&open) else { continue };
        let after = lower.as_bytes().get(i + open.len());
        if !matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r') | None) || *comment_reported {
            continue;
        }
        let rest = text[start + i..].to_ascii_lowercase();
        if !rest.contains(&format!("</{tag}>")) {
            *comment_reported = true;
            r.errors.push(
                Diagnostic::error(
                    "unclosed-comment",
                    file,
                    format!("this `<{tag}>` is never closed, so everything after it would be hidden from patients or shown wrongly"),
                )
                .at_line(Some(line_at(start + i)))
                .hint(format!("add `</{tag}>` where it should end, or delete the `<{tag}>`")),
            );
        }
    }
    let attrs = html::attributes(&h);
    if attrs.is_empty() {
        return h;
    }
    let mut out = String::with_capacity(h.len());
    let mut last = 0;
    for a in attrs {
        let line = line_at(start + a.range.start);
        if a.name == "id" {
            r.other_ids.push(a.value.clone());
            raw_ids.push((a.value.clone(), line));
            continue;
        }
        out.push_str(&h[last..a.range.start]);
        last = a.range.end;
        // Raw HTML's `href` and `src` go through the same check as a Markdown link:
        // `javascript:`, `data:` and the like are refused there too (docs/guarantees.md).
        let dest = CowStr::from(a.value.clone());
        out.push_str(&rewrite_dest(&dest, line, file, env, r));
    }
    out.push_str(&h[last..]);
    CowStr::from(out)
}

/// Checks a link's or image's address through [`Links::check`] and returns what the
/// page carries: `@/` resolved, the base path in front of site paths.
pub(super) fn rewrite_dest<'a>(
    dest: &CowStr<'a>,
    line: usize,
    file: &Path,
    env: &Env<'_>,
    r: &mut Rendered,
) -> CowStr<'a> {
    if let Some(anchor) = dest.strip_prefix('#') {
        // A same-page anchor is checked like a link to another page's heading.
        if let Some((path, target)) = env.links.urls.lookup_path(env.page_path) {
            r.links.push(LinkRef {
                target: crate::link::Resolved {
                    target,
                    path,
                    anchor: Some(anchor.to_string()),
                },
                line,
            });
        }
        return dest.clone();
    }
    match env.links.check(env.dir, dest) {
        Ok(href) => {
            if let Some(target) = href.target {
                r.links.push(LinkRef { target, line });
            }
            if href.url == **dest {
                dest.clone()
            } else {
                CowStr::from(href.url)
            }
        }
        // A link, image or raw HTML address that would run code (`javascript:`) or embed
        // data is refused (docs/guarantees.md).
        Err(LinkError::Unsafe(msg)) => {
            r.errors.push(
                Diagnostic::error("unsafe-url", file, format!("link: {msg}"))
                    .at_line(Some(line))
                    .hint(
                        "link to a page with `@/...`, or to a web address starting with https://",
                    ),
            );
            CowStr::from("#")
        }
        Err(LinkError::TargetBroken) => dest.clone(),
        Err(LinkError::Broken(msg, hint)) => {
            r.errors.push(
                Diagnostic::error("broken-link", file, msg)
                    .at_line(Some(line))
                    .hint(hint),
            );
            dest.clone()
        }
    }
}
