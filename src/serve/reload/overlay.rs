//! The error overlay shown over the served site (or on a page of its own while the site
//! has never built) when the site does not build: every error with its file, line and
//! fix, escaped, its quoted parts shown as code.

use super::{OVERLAY_CSS_PATH, script_tag};
use crate::diagnostic::Diagnostics;
use std::path::Path;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes `text` and shows its `quoted` parts (file names, fields, ids) as code.
fn escape_with_code(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len().is_multiple_of(2) {
        // An unpaired backtick: show the text as it is.
        return escape(text);
    }
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(&escape(part));
            out.push_str("</code>");
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

/// The overlay listing `errors` (warnings are left out: they do not stop a build).
/// `has_site` says whether an earlier version is being shown under it.
pub fn overlay_html(errors: &Diagnostics, has_site: bool) -> String {
    let list: Vec<_> = errors.0.iter().filter(|d| d.is_error()).collect();
    let n = list.len();
    let mut h = String::new();
    h.push_str("<div id=\"sinew-overlay\" role=\"alert\">");
    h.push_str(&format!(
        "<link rel=\"stylesheet\" href=\"{OVERLAY_CSS_PATH}\">"
    ));
    h.push_str("<div class=\"sinew-box\">");
    let what = if has_site { "rebuilt" } else { "built" };
    let problems = if n == 1 {
        "1 problem".to_string()
    } else {
        format!("{n} problems")
    };
    h.push_str(&format!(
        "<h2>The site could not be {what}: {problems}</h2>"
    ));
    h.push_str(if has_site {
        "<p>Under this message is the last version that built. Fix the problem and save the \
         file: this message goes away by itself.</p>"
    } else {
        "<p>There is no earlier version to show yet. Fix the problem and save the file: \
         the page appears by itself.</p>"
    });
    h.push_str("<ol>");
    for d in list {
        h.push_str("<li><p class=\"sinew-where\"><code>");
        h.push_str(&escape(&display_path(&d.file)));
        h.push_str("</code>");
        match (d.line, d.column) {
            (Some(l), Some(c)) => h.push_str(&format!(", line {l}, column {c}")),
            (Some(l), None) => h.push_str(&format!(", line {l}")),
            _ => {}
        }
        h.push_str("</p><p class=\"sinew-message\">");
        h.push_str(&escape_with_code(&d.message));
        h.push_str("</p>");
        if let Some(hint) = &d.hint {
            h.push_str("<p class=\"sinew-hint\">How to fix it: ");
            h.push_str(&escape_with_code(hint));
            h.push_str("</p>");
        }
        h.push_str("</li>");
    }
    h.push_str(
        "</ol><p><button type=\"button\" id=\"sinew-overlay-hide\">Hide this message</button></p>",
    );
    h.push_str("</div></div>");
    h
}

fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// The page sent for every address while the site has never built.
pub fn error_page(overlay: &str, version: u64) -> String {
    let script = script_tag(version);
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>The site has problems (sinew)</title></head>\n<body>{overlay}{script}</body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn overlay_escapes_everything_from_the_site() {
        let mut ds = Diagnostics::default();
        ds.push(
            Diagnostic::error(
                "x",
                "content/<b>.md",
                "bad <script>alert('x')</script> & more",
            )
            .at(3, 2)
            .hint("use \"quotes\""),
        );
        ds.push(Diagnostic::warning("w", "content/w.md", "only a warning"));
        let h = overlay_html(&ds, true);
        assert!(h.contains("<code>content/&lt;b&gt;.md</code>, line 3, column 2"));
        assert!(h.contains("bad &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
        assert!(h.contains("How to fix it: use &quot;quotes&quot;"));
        assert!(h.contains("1 problem<") && !h.contains("only a warning"));
        assert!(!h.contains("<script"));
    }

    #[test]
    fn quoted_parts_of_messages_show_as_code() {
        assert_eq!(
            escape_with_code("field `ti<tle>` is wrong"),
            "field <code>ti&lt;tle&gt;</code> is wrong"
        );
        assert_eq!(escape_with_code("one ` alone"), "one ` alone");
    }
}
