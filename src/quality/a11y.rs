//! Accessibility of what a page says: images without alt text, link text that means
//! nothing out of context, and heading levels that skip.

use crate::content::Page;
use crate::diagnostic::Diagnostic;
use crate::markdown::{Labelled, Rendered};

/// Link texts that say nothing about where a link goes when a screen reader lists the
/// page's links, compared after trimming spaces and punctuation, ignoring case.
pub const VAGUE_LINK_TEXTS: &[&str] = &[
    "here",
    "click here",
    "click",
    "this link",
    "link",
    "see here",
    "read more",
    "more",
    "learn more",
    "find out more",
    "more info",
    "this page",
];

/// Alt texts that describe nothing.
const EMPTY_ALT_TEXTS: &[&str] = &["image", "picture", "photo", "img", "alt", "graphic"];

/// The accessibility rules for one page.
pub(crate) fn check_page(page: &Page, r: &Rendered) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for img in &r.images {
        if let Some(problem) = alt_problem(&img.text) {
            out.push(
                Diagnostic::warning(
                    "image-alt",
                    &page.file,
                    format!("the image `{}` {problem}", img.dest),
                )
                .at_line(Some(img.line))
                .hint(
                    "describe what the picture shows between the square brackets, e.g. \
                         `![A person lying on their back with both knees bent](bridge.jpg)`; \
                         screen readers read this text to people who cannot see the picture",
                ),
            );
        }
    }
    for link in &r.link_texts {
        if let Some(d) = vague_link(page, link) {
            out.push(d);
        }
    }
    out.extend(headings(page, r));
    out
}

/// What is wrong with an alt text, if anything.
pub fn alt_problem(alt: &str) -> Option<&'static str> {
    let t = alt.trim().to_lowercase();
    let file_like = [".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp"]
        .iter()
        .any(|e| t.ends_with(e));
    if t.is_empty() {
        Some("has no alt text")
    } else if EMPTY_ALT_TEXTS.contains(&t.as_str()) || file_like {
        Some("has alt text that does not describe it")
    } else {
        None
    }
}

/// Whether a link text is one of [`VAGUE_LINK_TEXTS`].
pub fn is_vague(text: &str) -> bool {
    let t: String = text
        .trim_matches(|c: char| {
            c.is_whitespace() || c.is_ascii_punctuation() || "…“”‘’".contains(c)
        })
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    VAGUE_LINK_TEXTS.contains(&t.as_str())
}

fn vague_link(page: &Page, link: &Labelled) -> Option<Diagnostic> {
    let text = link.text.trim();
    let message = if text.is_empty() {
        "this link has no text, so screen readers can only read out its address".to_string()
    } else if is_vague(text) {
        format!("the link text \"{text}\" does not say where the link goes")
    } else {
        return None;
    };
    let hint = "write link text that makes sense on its own, e.g. \
                `[book a free call with a physio](@/contact.md)` instead of \
                `[click here](@/contact.md)`; screen reader users often jump from link to link";
    Some(
        Diagnostic::warning("vague-link", &page.file, message)
            .at_line(Some(link.line))
            .hint(hint),
    )
}

/// `heading-skip` (a level jumps by more than one) and `heading-h1` (a `#` heading in the
/// body: the page title is already the page's one level 1 heading).
fn headings(page: &Page, r: &Rendered) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let hashes = |n: u8| "#".repeat(usize::from(n));
    // The theme shows the page title as the level 1 heading.
    let mut previous = 1u8;
    for h in &r.headings {
        if h.level == 1 && h.text.trim().eq_ignore_ascii_case(page.meta.title.trim()) {
            let message = format!(
                "the heading \"{}\" repeats the page title, which the theme already shows as \
                 the main heading",
                h.text
            );
            out.push(
                Diagnostic::warning("heading-h1", &page.file, message)
                    .at_line(Some(h.line))
                    .hint("delete this heading line"),
            );
        } else if h.level == 1 {
            let message = format!(
                "the heading \"{}\" is a main heading (`#`), but the page title is already \
                 the main heading",
                h.text
            );
            let hint = "start the page's headings at level 2: write `## ` instead of `# `, \
                        and put one more `#` in front of the headings below it";
            out.push(
                Diagnostic::warning("heading-h1", &page.file, message)
                    .at_line(Some(h.line))
                    .hint(hint),
            );
        } else if h.level > previous + 1 {
            let after = if previous == 1 {
                "the page title".to_string()
            } else {
                format!("a level {previous} heading (`{}`)", hashes(previous))
            };
            let message = format!(
                "the heading \"{}\" is level {} (`{}`) but follows {after}, so a level is skipped",
                h.text,
                h.level,
                hashes(h.level)
            );
            let hint = format!(
                "use `{} ` for this heading: headings go down one level at a time, and screen \
                 reader users find their way by them",
                hashes(previous + 1)
            );
            out.push(
                Diagnostic::warning("heading-skip", &page.file, message)
                    .at_line(Some(h.line))
                    .hint(hint),
            );
        }
        previous = h.level;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vague_texts_ignore_case_space_and_punctuation() {
        for t in [
            "here",
            " Click here. ",
            "READ MORE…",
            "this  link",
            "“more”",
            "Link:",
        ] {
            assert!(is_vague(t), "{t}");
        }
        for t in ["book a call here", "more about pacing", "the pain rules"] {
            assert!(!is_vague(t), "{t}");
        }
    }

    #[test]
    fn alt_texts() {
        assert_eq!(alt_problem(" "), Some("has no alt text"));
        assert_eq!(
            alt_problem("IMG_0042.JPG"),
            Some("has alt text that does not describe it")
        );
        assert_eq!(
            alt_problem("Image"),
            Some("has alt text that does not describe it")
        );
        assert_eq!(alt_problem("A person doing a bridge"), None);
    }
}
