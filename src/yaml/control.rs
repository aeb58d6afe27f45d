//! Refusing invisible control characters in a YAML text's values: a title written
//! `"About\u001b[31m\u0007"` put the escape and bell characters into the page's
//! `<title>`, its JSON-LD, the sitemap, the search index and the planner's calendar
//! files. A tab, a line break and a carriage return are allowed (block texts hold them).

use super::{Spans, readable_path};
use crate::diagnostic::Diagnostic;
use std::path::Path;

/// Whether `c` is a control character no text of a site may hold: C0 (but tab, line
/// feed and carriage return), DEL and C1.
pub fn is_refused(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `c` in words: its code and, for the ones pasted most, its name.
pub fn named(c: char) -> String {
    let name = match c {
        '\0' => " (NUL)",
        '\u{7}' => " (bell)",
        '\u{8}' => " (backspace)",
        '\u{b}' => " (vertical tab: a line break pasted from Word)",
        '\u{c}' => " (form feed)",
        '\u{1b}' => " (escape)",
        '\u{7f}' => " (delete)",
        _ => "",
    };
    format!("U+{:04X}{name}", c as u32)
}

/// An error for every value (or key) of `text` (which starts at line `first_line` of
/// `file`) that holds a refused control character, at its line, naming the field.
pub(super) fn control_characters(
    text: &str,
    file: &Path,
    first_line: usize,
    what: &str,
) -> Vec<Diagnostic> {
    // Only an escape (`\u001b`, `\e`, `\x07`) or the character itself can write one.
    if !text.chars().any(|c| c == '\\' || is_refused(c)) {
        return Vec::new();
    }
    let mut out = Vec::new();
    Spans::walk(text, |path, (line, col), value, _| {
        if let Some(c) = value.chars().find(|c| is_refused(*c)) {
            let field = if path.is_empty() {
                "the text".to_string()
            } else {
                readable_path(path)
            };
            out.push(
                Diagnostic::error(
                    "control-character",
                    file,
                    format!(
                        "{field} in the {what} holds an invisible control character, {}: it \
                         would reach the page, the search index and the planner's files as it is",
                        named(c)
                    ),
                )
                .at(first_line + line - 1, col)
                .hint(
                    "delete the code that writes it (such as `\\u001b`, `\\e`, `\\a` or `\\x07` \
                     inside double quotes), or retype the text: it often comes pasted from \
                     another program",
                ),
            );
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_raw_control_characters_are_named_at_their_field() {
        let text = "title: \"About\\u001b[31m\\a\"\nsteps:\n  - \"Bend\\x07\"\n  - \"Tab\\there\\nand a line\"\n";
        let d = control_characters(text, Path::new("a.md"), 2, "front matter");
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].line, Some(2));
        assert!(
            d[0].message.starts_with(
                "`title` in the front matter holds an invisible control character, U+001B (escape)"
            ),
            "{}",
            d[0].message
        );
        assert_eq!(d[1].line, Some(4));
        assert!(
            d[1].message
                .starts_with("item 1 of `steps` in the front matter"),
            "{}",
            d[1].message
        );
        assert!(d[1].message.contains("U+0007 (bell)"), "{}", d[1].message);
        assert!(control_characters("title: \"C:\\\\x\"\n", Path::new("a"), 1, "x").is_empty());
        assert!(is_refused('\u{85}') && !is_refused('\t') && !is_refused('é'));
    }
}
