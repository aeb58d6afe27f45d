//! What the indexer reads of a page, taken from its `<main>` HTML by sinew itself, on the
//! render threads, so that Pagefind gets plain text (`add_custom_record`) instead of
//! parsing every page's HTML again, one page at a time, under its lock.
//!
//! The text is the one Pagefind's own HTML reader would make of the same element (its
//! documented rules: the text of every element but the skipped ones, a full stop after
//! a block that ends without one, headings weighted by level, `data-pagefind-weight`),
//! so the words, their positions and weights, the snippets and the titles are the same
//! (the unit test `custom_records_index_like_pagefinds_html_reader` builds both and
//! compares them). Weights travel in the text as Pagefind's weight markers, which its
//! word splitter reads in a custom record as in a page. What is left out: the anchors
//! of elements with an `id` (the sub-results, which the search page never shows) and
//! the Pagefind attributes sinew's templates do not write (`data-pagefind-meta`,
//! `-filter`, `-sort`, `-body`, `-index-attrs`).
//!
//! It expects well-formed HTML, as sinew's Markdown and templates write it: an element
//! left open by a clinic's own template is closed by its parent's end tag, its text kept.

use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Elements whose text is never indexed (Pagefind's own list), besides the site's
/// skipped selectors (`super::SKIP`).
const REMOVED: &[&str] = &[
    "head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe",
    "template",
];

/// Elements after which a sentence ends (a full stop is added when the text does not end
/// with punctuation already), so that snippets read well and blocks do not run together.
const SENTENCES: &[&str] = &[
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section",
];

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements whose content is text up to their end tag, never markup.
const RAW: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// A character that may end a sentence without a full stop being added after it.
static SENTENCE_END: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r#"[\w'"\)\$\*]"#).expect("a valid pattern"));

/// What the indexer reads of one page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Extract {
    /// The text, with Pagefind's weight markers (`___PAGEFIND_WEIGHT___5` ...).
    pub(crate) text: String,
    /// The result's title (the first `<h1>`), and the first image after it and its
    /// `alt` (`title`, `image`, `image_alt`), as Pagefind's reader names them.
    pub(crate) meta: BTreeMap<String, String>,
}

struct Node {
    tag: String,
    value: String,
    ignored: bool,
    weight: Option<String>,
}

/// The text and meta of `html` (a page's `<main>` element, or any HTML fragment): every
/// element's text except those in [`REMOVED`], those matching a selector of `skip`
/// (`tag`, `.class` or `[attribute]`), and `data-pagefind-ignore`d ones.
pub(crate) fn extract(html: &str, skip: &[&str]) -> Extract {
    let mut stack = vec![Node {
        tag: String::new(),
        value: String::new(),
        ignored: false,
        weight: None,
    }];
    let (mut title, mut image): (Option<String>, Option<(String, String)>) = (None, None);
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            let end = memchr(b, b'<', i);
            push_text(&mut stack, &html[i..end]);
            i = end;
            continue;
        }
        if let Some(comment) = html[i..].strip_prefix("<!--") {
            i = comment.find("-->").map_or(b.len(), |e| i + 4 + e + 3);
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(0);
        if next == b'!' || next == b'?' {
            i = memchr(b, b'>', i).saturating_add(1).min(b.len());
            continue;
        }
        if next == b'/' && b.get(i + 2).is_some_and(|c| c.is_ascii_alphabetic()) {
            let (name, after) = tag_name(html, i + 2);
            i = memchr(b, b'>', after).saturating_add(1).min(b.len());
            close(&mut stack, &name, &mut title);
            continue;
        }
        if !next.is_ascii_alphabetic() {
            push_text(&mut stack, "<");
            i += 1;
            continue;
        }
        let (name, after) = tag_name(html, i + 1);
        let (attrs, self_closing, end) = attributes(html, after);
        i = end;
        let attr = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        let parent_ignored = stack.last().is_some_and(|n| n.ignored);
        let ignored = parent_ignored
            || attr("data-pagefind-ignore").is_some()
            || REMOVED.contains(&name.as_str())
            || skip.iter().any(|s| {
                if let Some(a) = s.strip_prefix('[') {
                    attr(a.trim_end_matches(']')).is_some()
                } else if let Some(c) = s.strip_prefix('.') {
                    attr("class").is_some_and(|v| v.split_ascii_whitespace().any(|x| x == c))
                } else {
                    *s == name
                }
            });
        // Pagefind's reader marks where an element with an `id` starts (for sub-results,
        // which sinew does not use) with a word of its own between spaces; the spaces
        // are kept, so a block ends with or without a full stop as it would there.
        if attr("id").is_some()
            && attr("data-pagefind-ignore").is_none()
            && let Some(top) = stack.last_mut()
        {
            top.value.push_str("  ");
        }
        if name == "br"
            && !ignored
            && let Some(top) = stack.last_mut()
        {
            top.value.push(' ');
        }
        // The first image after the title is the result's image, as Pagefind's reader
        // takes it.
        if name == "img"
            && image.is_none()
            && title.is_some()
            && let Some(src) = attr("src")
        {
            image = Some((
                normalize(src),
                attr("alt").map(normalize).unwrap_or_default(),
            ));
        }
        if VOID.contains(&name.as_str()) || self_closing {
            continue;
        }
        if RAW.contains(&name.as_str()) {
            // Its content is never indexed (each of these is removed or in a form).
            i = find_end_tag(html, i, &name);
            continue;
        }
        let weight = attr("data-pagefind-weight").map(str::to_string);
        stack.push(Node {
            tag: name,
            value: String::new(),
            ignored,
            weight,
        });
    }
    // Elements left open are closed at the end, their text kept.
    while stack.len() > 1 {
        let tag = stack.last().map(|n| n.tag.clone()).unwrap_or_default();
        close(&mut stack, &tag, &mut title);
    }
    let mut meta = BTreeMap::new();
    if let Some(t) = title {
        meta.insert("title".to_string(), t);
    }
    if let Some((src, alt)) = image {
        meta.insert("image".to_string(), src);
        meta.insert("image_alt".to_string(), alt);
    }
    let text = stack.pop().map(|n| n.value).unwrap_or_default();
    Extract {
        text: html_escape::decode_html_entities(&text).into_owned(),
        meta,
    }
}

fn memchr(b: &[u8], c: u8, from: usize) -> usize {
    b[from..]
        .iter()
        .position(|&x| x == c)
        .map_or(b.len(), |p| from + p)
}

fn push_text(stack: &mut [Node], text: &str) {
    if let Some(top) = stack.last_mut() {
        top.value.push_str(text);
    }
}

/// The lower-case tag name starting at `at`, and where it ends.
fn tag_name(html: &str, at: usize) -> (String, usize) {
    let b = html.as_bytes();
    let mut end = at;
    while end < b.len() && !b[end].is_ascii_whitespace() && b[end] != b'>' && b[end] != b'/' {
        end += 1;
    }
    (html[at..end].to_ascii_lowercase(), end)
}

/// The attributes of a start tag from `at` (lower-case names, values as written), whether
/// it ends with `/>`, and where the tag ends.
fn attributes(html: &str, mut at: usize) -> (Vec<(String, String)>, bool, usize) {
    let b = html.as_bytes();
    let mut attrs = Vec::new();
    loop {
        while at < b.len() && (b[at].is_ascii_whitespace() || b[at] == b'/') {
            at += 1;
        }
        if at >= b.len() {
            return (attrs, false, b.len());
        }
        if b[at] == b'>' {
            return (attrs, b[at - 1] == b'/', at + 1);
        }
        let start = at;
        while at < b.len() && !b[at].is_ascii_whitespace() && !matches!(b[at], b'=' | b'>' | b'/') {
            at += 1;
        }
        let name = html[start..at].to_ascii_lowercase();
        while at < b.len() && b[at].is_ascii_whitespace() {
            at += 1;
        }
        let mut value = String::new();
        if at < b.len() && b[at] == b'=' {
            at += 1;
            while at < b.len() && b[at].is_ascii_whitespace() {
                at += 1;
            }
            if at < b.len() && (b[at] == b'"' || b[at] == b'\'') {
                let q = b[at];
                let end = memchr(b, q, at + 1);
                value = html[at + 1..end].to_string();
                at = (end + 1).min(b.len());
            } else {
                let s = at;
                while at < b.len() && !b[at].is_ascii_whitespace() && b[at] != b'>' {
                    at += 1;
                }
                value = html[s..at].to_string();
            }
        }
        attrs.push((name, value));
    }
}

/// Where the text of a raw-text element `name` opened before `at` ends: after its end tag.
fn find_end_tag(html: &str, at: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let mut i = at;
    while let Some(p) = html[i..].find("</") {
        let s = i + p + 2;
        if b.len() >= s + name.len() && b[s..s + name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return memchr(b, b'>', s).saturating_add(1).min(b.len());
        }
        i = s;
    }
    b.len()
}

/// Closes the innermost open element named `name` (and any left open inside it), adding
/// its text to its parent's as Pagefind's reader does. An end tag with no open element is
/// ignored.
fn close(stack: &mut Vec<Node>, name: &str, title: &mut Option<String>) {
    let Some(at) = stack.iter().rposition(|n| n.tag == name) else {
        return;
    };
    if at == 0 {
        return;
    }
    while stack.len() > at {
        let mut node = stack.pop().expect("deeper than `at`");
        if node.tag == "h1" && title.is_none() && !node.value.trim().is_empty() {
            *title = Some(normalize(&node.value));
        }
        if node.ignored {
            continue;
        }
        if SENTENCES.contains(&node.tag.as_str()) {
            node.value.insert(0, ' ');
            if node
                .value
                .chars()
                .last()
                .is_some_and(|c| SENTENCE_END.is_match(c.encode_utf8(&mut [0; 4])))
            {
                node.value.push('.');
            }
            node.value.push(' ');
        }
        let weight = node
            .weight
            .take()
            .map(|w| ("___PAGEFIND_WEIGHT___", w))
            .or_else(|| {
                let level = match node.tag.as_str() {
                    "h1" => "7",
                    "h2" => "6",
                    "h3" => "5",
                    "h4" => "4",
                    "h5" => "3",
                    "h6" => "2",
                    _ => return None,
                };
                Some(("___PAGEFIND_AUTO_WEIGHT___", level.to_string()))
            });
        let parent = stack.last_mut().expect("the root is never closed");
        match weight {
            Some((marker, w)) => {
                parent.value.push(' ');
                parent.value.push_str(marker);
                parent.value.push_str(&w);
                parent.value.push(' ');
                parent.value.push_str(&node.value);
                parent.value.push_str(" ___END_PAGEFIND_WEIGHT___ ");
            }
            None => parent.value.push_str(&node.value),
        }
    }
}

/// A title or attribute as Pagefind's reader writes it: entities decoded, the ends
/// trimmed, line breaks made spaces and every run of two or more white space characters
/// one space (a lone tab or no-break space is kept).
fn normalize(s: &str) -> String {
    let s = html_escape::decode_html_entities(s);
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        // Line breaks (`\n`, `\r\n`) in a row become one space, then a run of two or
        // more characters becomes one space.
        let mut w = String::new();
        let mut chars = run.chars().peekable();
        let mut in_break = false;
        while let Some(c) = chars.next() {
            let crlf = c == '\r' && chars.peek() == Some(&'\n');
            if c == '\n' || crlf {
                if crlf {
                    chars.next();
                }
                if !in_break {
                    w.push(' ');
                }
                in_break = true;
            } else {
                w.push(c);
                in_break = false;
            }
        }
        if w.chars().count() >= 2 {
            out.push(' ');
        } else {
            out.push_str(&w);
        }
        run.clear();
    };
    for c in s.trim().chars() {
        if c.is_whitespace() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn raw_text_and_odd_markup_are_read_safely() {
        let e = extract(
            "<main><script>if (a </abcdeé) {}</script><p>Left <b>open</p>< not a tag &amp; <!-- x --><p>After</main>",
            &[],
        );
        let words: Vec<&str> = e.text.split_whitespace().collect();
        assert_eq!(
            words,
            ["Left", "open.", "<", "not", "a", "tag", "&", "After."]
        );
    }

    proptest! {
        // Whatever a template writes, reading it never panics.
        #[test]
        fn any_text_is_read_without_panicking(s in "\\PC*", t in "[<>/!\"'= a-zé-]{0,40}") {
            let _ = extract(&s, &[".x", "[y]", "nav"]);
            let _ = extract(&format!("<main>{t}{s}</main>"), &[]);
        }
    }
}
