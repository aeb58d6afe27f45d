//! Whether an SVG picture holds content that runs: a `<script>`, an event attribute
//! (`onload=`), a `javascript:` address or a `<foreignObject>` (HTML inside the picture).
//! A picture published on the site and opened on its own (a tap on it, its address) runs
//! its scripts as a page of the site would: they could read the planner data patients
//! keep in the browser and send it anywhere. Pictures from clip-art sites and design
//! tools carry such scripts (trackers, animations) without the clinic seeing them, so
//! the build refuses them at the file and line (`svg-script`).

use crate::diagnostic::Diagnostic;
use std::path::Path;

/// The first thing in `text` (an SVG file) that runs, as (1-based line, what it is in
/// plain words), or `None`. Only tags are read: "step on it = 1" in a `<text>` is text.
pub fn active_content(text: &str) -> Option<(usize, String)> {
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find('<') {
        let tag_start = offset + open;
        let after = &text[tag_start + 1..];
        // A comment or CDATA is skipped whole (a script's own CDATA is inside `<script>`,
        // which is found first).
        let skip_to = if after.starts_with("!--") {
            after.find("-->").map(|e| e + 3)
        } else if after.starts_with("![CDATA[") {
            after.find("]]>").map(|e| e + 3)
        } else {
            None
        };
        let end = match skip_to {
            Some(e) => tag_start + 1 + e,
            None => {
                let close = after.find('>').map_or(text.len(), |e| tag_start + 1 + e);
                let tag = text[tag_start + 1..close].to_ascii_lowercase();
                if let Some(what) = runs(&tag) {
                    let line = text[..tag_start].matches('\n').count() + 1;
                    return Some((line, what));
                }
                close
            }
        };
        if end >= text.len() {
            return None;
        }
        offset = end;
        rest = &text[end..];
    }
    None
}

/// What in one tag's text (lowercase, without `<` and `>`) runs, if anything.
fn runs(tag: &str) -> Option<String> {
    let name: String = tag
        .trim_start_matches('/')
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '/')
        .collect();
    let local = name.rsplit(':').next().unwrap_or(&name);
    if local == "script" {
        return Some("a `<script>`".into());
    }
    if local == "foreignobject" {
        return Some("a `<foreignObject>` (a web page inside the picture)".into());
    }
    // Attribute names: a word after white space, before `=`.
    let bytes = tag.as_bytes();
    for (i, _) in tag.match_indices("on") {
        let after_space = i > 0 && bytes[i - 1].is_ascii_whitespace();
        let word_len = tag[i..]
            .bytes()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let is_attribute = tag[i + word_len..].trim_start().starts_with('=');
        if after_space && word_len > 2 && is_attribute {
            return Some(format!("an event attribute `{}`", &tag[i..i + word_len]));
        }
    }
    if tag.contains("javascript:") {
        return Some("a `javascript:` address".into());
    }
    None
}

/// The build's error for an SVG file (`file`, as the clinic names it) whose `text`
/// holds content that runs, or `None`.
pub fn diagnostic(file: &Path, text: &str) -> Option<Diagnostic> {
    let (line, what) = active_content(text)?;
    Some(
        Diagnostic::error(
            "svg-script",
            file,
            format!(
                "this picture holds {what}, which would run on your site when the picture is opened on its own, and could read the plans patients keep in their browser"
            ),
        )
        .at_line(Some(line))
        .hint(
            "remove it from the file in a text editor, or save the picture again without scripts (in Inkscape: Save As, \"Optimized SVG\"; or export it as PNG)",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::active_content;

    #[test]
    fn scripts_event_attributes_and_javascript_addresses_are_found_at_their_line() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n<SCRIPT>x()</SCRIPT></svg>";
        assert_eq!(active_content(svg).unwrap().0, 3);
        let svg = "<svg>\n<rect width=\"1\"\n onLoad = \"x()\"/></svg>";
        let (line, what) = active_content(svg).unwrap();
        assert_eq!(line, 2);
        assert!(what.contains("onload"), "{what}");
        assert!(active_content("<svg><a href=\"javascript:x()\">a</a></svg>").is_some());
        assert!(active_content("<svg><svg:script/></svg>").is_some());
        assert!(active_content("<svg><foreignObject/></svg>").is_some());
    }

    #[test]
    fn pictures_without_anything_that_runs_pass() {
        for svg in [
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>Stand on one leg = 30 s</text></svg>",
            "<svg><!-- <script> in a comment --><rect fill=\"none\" stroke-width=\"2\"/></svg>",
            "<svg><g id=\"button\" font-family=\"sans\"/><path d=\"M0 0\"/></svg>",
            "<svg><rect data-name=\"onion\"/></svg>",
            "",
            "<svg",
        ] {
            assert_eq!(active_content(svg), None, "{svg}");
        }
    }
}
