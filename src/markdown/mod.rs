//! Markdown to HTML: shortcodes, `@/` link resolution, heading ids, and the facts later
//! stages need (headings, outgoing links, images, plain text for readability).
//!
//! This module knows nothing of Tera: shortcodes are rendered by a callback.

use crate::diagnostic::Diagnostic;
pub use crate::link::LinkRef;
use crate::link::{LinkError, Links, PageLinks, Target};
use crate::names::slugify;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
// Fx: a fixed, fast hash for the few short ids of one page (SipHash's setup per set
// and per lookup showed in the profile; nothing here is iterated in hash order).
use rustc_hash::FxHashSet as HashSet;
use std::path::Path;

pub mod html;
mod shortcode;
pub use shortcode::{SHORTCODES, ScanError, Shortcode, scan_shortcodes};

/// A heading of a rendered page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Its id attribute (the anchor).
    pub id: String,
    /// Its text.
    pub text: String,
    /// 1-based line in the file.
    pub line: usize,
}

/// An image or a link's text, with its line, for accessibility checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    /// Alt text or link text.
    pub text: String,
    /// Its destination.
    pub dest: String,
    /// 1-based line in the file.
    pub line: usize,
}

/// A page body rendered to HTML, with what later stages need to know about it.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Headings, in order.
    pub headings: Vec<Heading>,
    /// Internal (`@/`) links.
    pub links: Vec<LinkRef>,
    /// Shortcodes used (for backlinks).
    pub shortcodes: Vec<Shortcode>,
    /// Images with their alt text.
    pub images: Vec<Labelled>,
    /// Every link's text.
    pub link_texts: Vec<Labelled>,
    /// Body text without code and tables, one sentence-ending break per block.
    pub text: String,
    /// Problems.
    pub errors: Vec<Diagnostic>,
    /// Other ids on the page: footnotes' and those in raw HTML (anchors too).
    pub other_ids: Vec<String>,
}

/// Ids the theme's page templates put on every page: a heading or footnote never gets one.
pub const THEME_IDS: &[&str] = &["main"];

impl PageLinks for Rendered {
    fn links(&self) -> &[LinkRef] {
        &self.links
    }

    fn anchors(&self) -> Vec<&str> {
        self.headings
            .iter()
            .map(|h| h.id.as_str())
            .chain(self.other_ids.iter().map(String::as_str))
            .collect()
    }

    fn embeds(&self) -> Vec<Target> {
        self.shortcodes
            .iter()
            .map(|sc| match sc.name.as_str() {
                "exercise" => Target::Exercise(sc.args["id"].clone()),
                _ => Target::Planner(sc.args["program"].clone()),
            })
            .collect()
    }
}

/// Renders a shortcode to HTML, or says why it cannot: (message, hint).
pub type ShortcodeFn<'a> = dyn Fn(&Shortcode) -> Result<String, (String, String)> + Sync + 'a;

/// What rendering a page needs from the rest of the site.
pub struct Env<'a> {
    /// Checks and resolves every address the page carries.
    pub links: Links<'a>,
    /// The page's own output path, e.g. `conditions/knee/`.
    pub page_path: &'a str,
    /// The folder of the page's file under `content/` (`conditions` for
    /// `content/conditions/knee.md`): relative addresses start there.
    pub dir: &'a str,
    /// Keep the page's plain text in `Rendered::text` (for readability checks) and its
    /// images and link texts (`Rendered::images`, `link_texts`, for accessibility checks).
    pub collect_text: bool,
    /// Renders a shortcode to HTML, or explains why it cannot (message, hint).
    pub shortcode: &'a ShortcodeFn<'a>,
}

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
    let mut image: Option<(String, String, usize)> = None;
    let mut skip_text = 0usize;

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
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Link) => {
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
                Event::Start(Tag::Table(a))
            }
            Event::End(TagEnd::CodeBlock) => {
                skip_text -= 1;
                Event::End(TagEnd::CodeBlock)
            }
            Event::End(TagEnd::Table) => {
                skip_text -= 1;
                Event::End(TagEnd::Table)
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

/// Reports a `[text](address with a space)` that Markdown showed as plain text.
fn spaced_link_error(
    run: &str,
    at: usize,
    line_at: &dyn Fn(usize) -> usize,
    file: &Path,
    r: &mut Rendered,
) {
    // Each check below looks for `[`, `]` or `@/`: most runs of text have none, and
    // one pass over the bytes is cheaper than the five searches.
    if !run.bytes().any(|b| matches!(b, b'[' | b']' | b'@')) {
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
fn raw_html<'a>(
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
        let dest = CowStr::from(a.value.clone());
        match env.links.check(env.dir, &a.value) {
            // Raw HTML stays the clinic's choice for schemes (docs/guarantees.md).
            Err(LinkError::Unsafe(_)) => out.push_str(&a.value),
            _ => out.push_str(&rewrite_dest(&dest, line, file, env, r)),
        }
    }
    out.push_str(&h[last..]);
    CowStr::from(out)
}

/// Checks a link's or image's address through [`Links::check`] and returns what the
/// page carries: `@/` resolved, the base path in front of site paths.
fn rewrite_dest<'a>(
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
        // A Markdown link or image that would run code (`javascript:`) or embed data is
        // refused; raw HTML stays the clinic's choice (docs/guarantees.md).
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
