//! Markdown to HTML: shortcodes, `@/` link resolution, heading ids, and the facts later
//! stages need (headings, outgoing links, images, plain text for readability).
//!
//! This module knows nothing of Tera: shortcodes are rendered by a callback.

use crate::diagnostic::Diagnostic;
pub use crate::link::LinkRef;
use crate::link::{LinkError, Links, PageLinks, Target};
use crate::names::slugify;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::path::Path;

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
}

impl PageLinks for Rendered {
    fn links(&self) -> &[LinkRef] {
        &self.links
    }

    fn anchors(&self) -> Vec<&str> {
        self.headings.iter().map(|h| h.id.as_str()).collect()
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
    /// Keep the page's plain text in `Rendered::text` (for readability checks).
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
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut heading_start: Option<(usize, HeadingLevel, usize)> = None;
    let mut link_text: Option<(String, String, usize)> = None;
    let mut image: Option<(String, String, usize)> = None;
    let mut skip_text = 0usize;

    for (event, range) in Parser::new_ext(&text, opts).into_offset_iter() {
        let event = match event {
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
                        let mut unique = base.clone();
                        let mut n = 1;
                        while !used_ids.insert(unique.clone()) {
                            unique = format!("{base}-{n}");
                            n += 1;
                        }
                        *id = Some(CowStr::from(unique.clone()));
                        r.headings.push(Heading {
                            level: level as u8,
                            id: unique,
                            text: text.clone(),
                            line,
                        });
                    }
                    r.text.push_str(&text);
                    r.text.push_str(".\n");
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
                if let Some((text, dest, line)) = link_text.take() {
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
                if let Some((text, dest, line)) = image.take() {
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
                if skip_text == 0 && heading_start.is_none() {
                    r.text.push('\n');
                }
                event
            }
            Event::Text(t) => {
                // An image inside a link gives its alt text to both.
                for (s, _, _) in link_text.iter_mut().chain(image.iter_mut()) {
                    s.push_str(&t);
                }
                if skip_text == 0
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
                if skip_text == 0 && heading_start.is_none() {
                    r.text.push(' ');
                }
                event
            }
            other => other,
        };
        events.push(event);
    }

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
    let html = shortcode::splice(&html, &rendered);
    r.shortcodes = shortcodes;
    r.html = html;
    if !env.collect_text {
        r.text = String::new();
    }
    r
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
    match env.links.check(env.page_path, dest) {
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
