//! Markdown to HTML: shortcodes, `@/` link resolution, heading ids, and the facts later
//! stages need (headings, outgoing links, images, plain text for readability).
//!
//! This module knows nothing of Tera: shortcodes are rendered by a callback.

use crate::diagnostic::Diagnostic;
pub use crate::link::LinkRef;
use crate::names::slugify;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
// Fx: a fixed, fast hash for the few short ids of one page (SipHash's setup per set
// and per lookup showed in the profile; nothing here is iterated in hash order).
use rustc_hash::FxHashSet as HashSet;
use std::path::Path;

pub mod html;
mod links;
mod rendered;
mod shortcode;
use links::{raw_html, rewrite_dest, spaced_link_error};
pub use rendered::{Env, Heading, Labelled, Rendered, ShortcodeFn, THEME_IDS};
pub use shortcode::{SHORTCODES, ScanError, Shortcode, scan_shortcodes};

fn line_starts(s: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(s.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// Renders a page body. `file` and `body_line` place errors in the source file.
pub fn render(body: &str, file: &Path, body_line: usize, env: &Env<'_>) -> Rendered {
    let mut r = Rendered::default();
    let (text, shortcodes, scan_errors) = scan_shortcodes(body);
    for (line, msg, hint) in scan_errors {
        r.errors.push(
            Diagnostic::error("shortcode", file, msg)
                .at_line(Some(body_line + line - 1))
                .hint(hint),
        );
    }
    let starts = line_starts(&text);
    let line_at = |offset: usize| body_line + starts.partition_point(|s| *s <= offset) - 1;

    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut used_ids: HashSet<String> = THEME_IDS.iter().map(|s| s.to_string()).collect();
    // Footnote label -> (number, id); the labels defined so far.
    let mut footnotes: rustc_hash::FxHashMap<String, (usize, String)> = Default::default();
    let mut defined: HashSet<String> = HashSet::default();
    // Consecutive text, to find a `[text](address with space)` Markdown left as text.
    // (Its source is read, not copied: the text as written is what to look at.)
    let mut text_run: Option<(usize, usize)> = None;
    let mut comment_reported = false;
    // Ids written in raw HTML, with their lines: a second use of one is an error.
    let mut raw_ids: Vec<(String, usize)> = Vec::new();
    let mut heading_start: Option<(usize, HeadingLevel, usize)> = None;
    let mut link_text: Option<(String, String, usize)> = None;
    // Where the open link's start is in `events`, and its address as written.
    let mut link_start: Option<(usize, String)> = None;
    let mut image: Option<(String, String, usize)> = None;
    let mut skip_text = 0usize;
    // The last heading (its index in `r.headings`), and whether a table was named by it
    // already; the tables so far.
    let mut last_heading: Option<(usize, bool)> = None;
    // The last heading's text, and the texts of the headings that named a table so far:
    // a second table under a heading with the same text gets a name of its own.
    let mut last_heading_text = String::new();
    let mut table_names: HashSet<String> = HashSet::default();
    let mut tables = 0usize;

    for (event, range) in Parser::new_ext(&text, opts).into_offset_iter() {
        // A line break or emphasis inside link syntax that Markdown left as text
        // (`[about\npacing](@/pacing .md)`, `[about *pacing*](...)`) keeps the run going:
        // its source is read as one piece.
        let inside_text = matches!(
            event,
            Event::SoftBreak
                | Event::HardBreak
                | Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
                | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough)
        );
        if inside_text {
            if let Some(run) = text_run.as_mut() {
                run.1 = range.end;
            }
        } else if !matches!(event, Event::Text(_)) {
            if let Some((at, end)) = text_run.take() {
                spaced_link_error(&text[at..end], at, &line_at, file, &mut r);
            }
        } else if skip_text == 0 {
            text_run.get_or_insert((range.start, range.end)).1 = range.end;
        }
        let event = match event {
            Event::Html(h) => Event::Html(raw_html(
                h,
                range.start,
                &text,
                &line_at,
                file,
                env,
                &mut r,
                &mut comment_reported,
                &mut raw_ids,
            )),
            Event::InlineHtml(h) => Event::InlineHtml(raw_html(
                h,
                range.start,
                &text,
                &line_at,
                file,
                env,
                &mut r,
                &mut comment_reported,
                &mut raw_ids,
            )),
            Event::FootnoteReference(label) => {
                let n = footnotes.len() + 1;
                let (n, id) = footnotes
                    .entry(label.to_string())
                    .or_insert_with(|| {
                        (
                            n,
                            unique_id(&format!("fn-{}", slug_or(&label, n)), &mut used_ids),
                        )
                    })
                    .clone();
                Event::InlineHtml(CowStr::from(format!(
                    "<sup class=\"footnote-reference\"><a href=\"#{id}\">{n}</a></sup>"
                )))
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = footnotes.len() + 1;
                let (n, id) = footnotes
                    .entry(label.to_string())
                    .or_insert_with(|| {
                        (
                            n,
                            unique_id(&format!("fn-{}", slug_or(&label, n)), &mut used_ids),
                        )
                    })
                    .clone();
                let id = if defined.insert(label.to_string()) {
                    id
                } else {
                    r.errors.push(
                        Diagnostic::error(
                            "footnote",
                            file,
                            format!("the footnote `[^{label}]` is written twice on this page"),
                        )
                        .at_line(Some(line_at(range.start)))
                        .hint("give each footnote its own name, such as `[^source-1]` and `[^source-2]`, or delete one"),
                    );
                    unique_id(&id, &mut used_ids)
                };
                r.other_ids.push(id.clone());
                Event::Html(CowStr::from(format!(
                    "<div class=\"footnote-definition\" id=\"{id}\"><sup class=\"footnote-definition-label\">{n}</sup>"
                )))
            }
            Event::End(TagEnd::FootnoteDefinition) => Event::Html(CowStr::from("</div>\n")),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading_start = Some((events.len(), level, line_at(range.start)));
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((at, _, line)) = heading_start.take() {
                    let text: String = events[at + 1..]
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    if let Event::Start(Tag::Heading { id, .. }) = &mut events[at] {
                        let base = match id {
                            Some(given) => given.to_string(),
                            None => {
                                let s = slugify(&text);
                                if s.is_empty() {
                                    "section".to_string()
                                } else {
                                    s
                                }
                            }
                        };
                        let unique = unique_id(&base, &mut used_ids);
                        *id = Some(CowStr::from(unique.clone()));
                        last_heading = Some((r.headings.len(), false));
                        last_heading_text.clone_from(&text);
                        r.headings.push(Heading {
                            level: level as u8,
                            id: unique,
                            // Read by `sinew check` only (`quality`).
                            text: if env.collect_text {
                                text.clone()
                            } else {
                                String::new()
                            },
                            line,
                        });
                    }
                    if env.collect_text {
                        r.text.push_str(&text);
                        r.text.push_str(".\n");
                    }
                }
                Event::End(TagEnd::Heading(level))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let line = line_at(range.start);
                let dest = rewrite_dest(&dest_url, line, file, env, &mut r);
                link_text = Some((String::new(), dest.to_string(), line));
                link_start = Some((events.len(), dest_url.to_string()));
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Link) => {
                if let (Some((at, written)), Some((text, dest, _))) =
                    (link_start.take(), &link_text)
                    && is_address(text, dest, &written)
                {
                    mark_address(&mut events[at]);
                }
                // Link texts and images are read by `sinew check` only (`quality::a11y`):
                // a build keeps none (at 100,000 pages they were 55 MiB).
                if let (Some((text, dest, line)), true) = (link_text.take(), env.collect_text) {
                    r.link_texts.push(Labelled { text, dest, line });
                }
                Event::End(TagEnd::Link)
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let line = line_at(range.start);
                let dest = rewrite_dest(&dest_url, line, file, env, &mut r);
                image = Some((String::new(), dest.to_string(), line));
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Image) => {
                if let (Some((text, dest, line)), true) = (image.take(), env.collect_text) {
                    r.images.push(Labelled { text, dest, line });
                }
                Event::End(TagEnd::Image)
            }
            Event::Start(Tag::CodeBlock(k)) => {
                skip_text += 1;
                Event::Start(Tag::CodeBlock(k))
            }
            Event::Start(Tag::Table(a)) => {
                skip_text += 1;
                tables += 1;
                let heading = match &mut last_heading {
                    Some((i, named @ false)) => {
                        *named = true;
                        let text = last_heading_text.trim();
                        Some(if table_names.insert(text.to_string()) {
                            Named::By(r.headings[*i].id.as_str())
                        } else {
                            Named::Again(text)
                        })
                    }
                    _ => None,
                };
                events.push(Event::Html(CowStr::from(table_region(
                    heading,
                    tables,
                    env.table_label,
                ))));
                Event::Start(Tag::Table(a))
            }
            Event::End(TagEnd::CodeBlock) => {
                skip_text -= 1;
                Event::End(TagEnd::CodeBlock)
            }
            Event::End(TagEnd::Table) => {
                skip_text -= 1;
                events.push(Event::End(TagEnd::Table));
                Event::Html(CowStr::from("</div>\n"))
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => {
                if env.collect_text && skip_text == 0 && heading_start.is_none() {
                    r.text.push('\n');
                }
                event
            }
            Event::Text(t) => {
                // An image inside a link gives its alt text to both.
                for (s, _, _) in link_text.iter_mut().chain(image.iter_mut()) {
                    s.push_str(&t);
                }
                // The page's plain text is for `sinew check` only, like link texts.
                if env.collect_text
                    && skip_text == 0
                    && heading_start.is_none()
                    && image.is_none()
                    && !t.starts_with("sinewshortcode")
                {
                    r.text.push_str(&t);
                }
                Event::Text(t)
            }
            Event::Code(t) => {
                if let Some((s, _, _)) = link_text.as_mut() {
                    s.push_str(&t);
                }
                Event::Code(t)
            }
            Event::SoftBreak | Event::HardBreak => {
                if env.collect_text && skip_text == 0 && heading_start.is_none() {
                    r.text.push(' ');
                }
                event
            }
            other => other,
        };
        events.push(event);
    }

    if let Some((at, end)) = text_run.take() {
        spaced_link_error(&text[at..end], at, &line_at, file, &mut r);
    }
    // An id written in raw HTML cannot be renamed for the clinic: one that is already on
    // the page (a heading's, a footnote's, the theme's or another element's) is an error.
    let mut seen: HashSet<&str> = THEME_IDS.iter().copied().collect();
    seen.extend(r.headings.iter().map(|h| h.id.as_str()));
    seen.extend(
        r.other_ids
            .iter()
            .filter(|id| !raw_ids.iter().any(|(r, _)| r == *id))
            .map(String::as_str),
    );
    let mut duplicate_ids = Vec::new();
    for (id, line) in &raw_ids {
        if !seen.insert(id.as_str()) {
            duplicate_ids.push(
                Diagnostic::error(
                    "duplicate-id",
                    file,
                    format!("the id `{id}` is already used on this page, so links to `#{id}` could go to the wrong place"),
                )
                .at_line(Some(*line))
                .hint("give this element another id (each id on a page must be different)"),
            );
        }
    }
    r.errors.extend(duplicate_ids);
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());

    let rendered: Vec<String> = shortcodes
        .iter()
        .map(|sc| match (env.shortcode)(sc) {
            Ok(h) => h,
            Err((msg, hint)) => {
                r.errors.push(
                    Diagnostic::error("shortcode", file, msg)
                        .at_line(Some(body_line + sc.line - 1))
                        .hint(hint),
                );
                String::new()
            }
        })
        .collect();
    // With no shortcode nothing is put in place, so `splice`'s search is skipped; the
    // page is still copied to a block of its own size, as `splice` did: each page's HTML
    // is kept until its template is rendered, and keeping the one it grew in cost 5 MB
    // of peak memory at 10,000 pages (`shrink_to_fit` did not help: mimalloc keeps a
    // block that shrinks by less than half).
    let html = if rendered.is_empty() {
        html.as_str().to_owned()
    } else {
        shortcode::splice(&html, &rendered)
    };
    r.shortcodes = shortcodes;
    r.html = html;
    // Kept for every page of the site until the anchors are checked: no room to spare
    // (at 100,000 pages the headings' unused capacity alone was about 19 MiB).
    r.headings.shrink_to_fit();
    r.links.shrink_to_fit();
    r.shortcodes.shrink_to_fit();
    r.other_ids.shrink_to_fit();
    r
}

/// The opening of the region a Markdown table scrolls in, so that a wide table scrolls
/// on its own instead of the whole page at 320 px (WCAG 2.2 1.4.10 Reflow): focusable,
/// so a keyboard can scroll it, and named, so a screen reader announces what it holds.
/// The table inside stays a real `<table>`. Its name is `heading` (the id of the
/// heading before it, for the first table after a heading), else `label` with the
/// table's number on the page ("Table 2"), so a second table under one heading gets a
/// name of its own.
fn table_region(heading: Option<Named<'_>>, number: usize, label: &str) -> String {
    let numbered = || crate::i18n::fill(label, |k| (k == "number").then(|| number.to_string()));
    let name = match heading {
        Some(Named::By(id)) => {
            return format!(
                "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}\">\n"
            );
        }
        // The heading's text is plain text; the label is HTML text, as the tables hold it.
        Some(Named::Again(text)) => format!(
            "{}, {}",
            text.replace('&', "&amp;").replace('<', "&lt;"),
            numbered()
        ),
        None => numbered(),
    };
    format!(
        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n",
        name.replace('"', "&quot;")
    )
}

/// What names a table's region: the heading above it (by its id), or, when a heading
/// with the same text already named a table on the page, that text and the table's
/// number ("Week 1, Table 3"), so no two regions share a name.
enum Named<'a> {
    By(&'a str),
    Again(&'a str),
}

/// Whether a link's text is its address already (`<https://nhs.uk>`,
/// `[clinic.example/knee/](@/knee.md)`): the same once the scheme and a final `/` are
/// left out, as the address was written or as the build rewrote it (`dest`), or, for a
/// link to one of the site's pages, a host followed by that page's address.
fn is_address(text: &str, dest: &str, written: &str) -> bool {
    fn bare(s: &str) -> &str {
        let s = s.trim();
        let s = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .unwrap_or(s);
        s.strip_suffix('/').unwrap_or(s)
    }
    let text = bare(text);
    if text.is_empty() {
        return false;
    }
    text == bare(dest)
        || text == bare(written)
        || (dest.starts_with('/')
            && !bare(dest).is_empty()
            && text.find('/').is_some_and(|i| &text[i..] == bare(dest)))
}

/// Gives a link's start `class="is-address"`, so a printed page does not print its
/// address twice (static/style.css).
fn mark_address(start: &mut Event<'_>) {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, std::iter::once(start.clone()));
    if let Some(rest) = html.strip_prefix("<a ") {
        *start = Event::Html(CowStr::from(format!("<a class=\"is-address\" {rest}")));
    }
}

/// `base`, or `base-1`, `base-2` ... : the first not yet used on the page (now used).
fn unique_id(base: &str, used: &mut HashSet<String>) -> String {
    let mut unique = base.to_string();
    let mut n = 1;
    while !used.insert(unique.clone()) {
        unique = format!("{base}-{n}");
        n += 1;
    }
    unique
}

/// A footnote label's slug, or its number when the label has no letters or digits.
fn slug_or(label: &str, n: usize) -> String {
    let s = slugify(label);
    if s.is_empty() { n.to_string() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::{Links, UrlMap};
    use std::collections::BTreeSet;

    fn html(body: &str) -> String {
        let urls = UrlMap::default();
        let none = BTreeSet::new();
        let links = Links {
            urls: &urls,
            drafts: &none,
            broken: &none,
            base: "/",
        };
        let sc = |_: &Shortcode| -> Result<String, (String, String)> { Ok(String::new()) };
        let env = Env {
            links,
            page_path: "a/",
            dir: "",
            shortcode: &sc,
            collect_text: false,
            table_label: "Table {number}",
        };
        render(body, Path::new("content/a.md"), 1, &env).html
    }

    #[test]
    fn a_link_whose_text_is_its_address_is_marked_so_print_does_not_repeat_it() {
        let out = html(
            "<https://nhs.uk/knee/> and [nhs.uk](https://nhs.uk/) and \
             [clinic.example/a/](/a/#x) but [the NHS](https://nhs.uk/) and [a](/a/)",
        );
        assert_eq!(out.matches("class=\"is-address\"").count(), 2, "{out}");
        assert!(
            out.contains(
                r#"<a class="is-address" href="https://nhs.uk/knee/">https://nhs.uk/knee/</a>"#
            ),
            "{out}"
        );
        assert!(
            out.contains(r#"<a class="is-address" href="https://nhs.uk/">nhs.uk</a>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<a href="https://nhs.uk/">the NHS</a>"#),
            "{out}"
        );
        assert!(out.contains(r#"<a href="/a/">a</a>"#), "{out}");
    }

    #[test]
    fn two_tables_under_headings_with_the_same_text_get_different_names() {
        let table = "| a | b |\n| - | - |\n| 1 | 2 |\n";
        let out = html(&format!(
            "## Week 1\n\n{table}\n## Week 2\n\n{table}\n## Week 1\n\n{table}\n## Week 1\n\n{table}"
        ));
        assert!(out.contains(r#"aria-labelledby="week-1">"#), "{out}");
        assert!(out.contains(r#"aria-labelledby="week-2">"#), "{out}");
        assert!(out.contains(r#"aria-label="Week 1, Table 3">"#), "{out}");
        assert!(out.contains(r#"aria-label="Week 1, Table 4">"#), "{out}");
        assert!(!out.contains(r#"aria-labelledby="week-1-1""#), "{out}");
    }
}
