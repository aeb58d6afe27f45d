//! Refusing YAML that nests brackets (`[` or `{`) deeper than [`MAX_FLOW_DEPTH`]: the
//! YAML scanner's work grows with the square of that depth (a front matter line of
//! 100,000 `[` took minutes), so such a text is stopped before either parser reads it.

use crate::diagnostic::Diagnostic;
use std::path::Path;

/// The deepest brackets may nest in a clinic's YAML. sinew's own formats need two at
/// most (`start: { sets: 2, reps: 5 }` inside a list); the scanner's cost is negligible
/// far beyond this.
pub(super) const MAX_FLOW_DEPTH: usize = 32;

/// Refuses a text whose brackets nest past [`MAX_FLOW_DEPTH`], at the line where they
/// do. Brackets in quoted texts and comments do not count, nor a `[` inside a plain
/// text outside brackets (`title: Knee [left]` is text to YAML).
pub(super) fn check_flow_depth(
    text: &str,
    file: &Path,
    first_line: usize,
    what: &str,
) -> Result<(), Diagnostic> {
    // Nearly every text has few brackets: one quick count, and nothing more to do.
    let brackets = text.bytes().filter(|b| matches!(b, b'[' | b'{')).count();
    if brackets <= MAX_FLOW_DEPTH {
        return Ok(());
    }
    let Some(line) = too_deep_at(text) else {
        return Ok(());
    };
    Err(Diagnostic::error(
        "yaml-too-deep",
        file,
        format!(
            "the {what} puts brackets (`[` or `{{`) inside each other more than \
             {MAX_FLOW_DEPTH} deep, which sinew cannot read"
        ),
    )
    .at_line(Some(first_line + line))
    .hint(
        "close each `[` with `]` and each `{` with `}`, or write the list as lines starting \
         with `- ` and the fields on lines of their own, as docs/content-format.md shows",
    ))
}

/// The line (from 0) where the brackets of `text` first nest past [`MAX_FLOW_DEPTH`].
fn too_deep_at(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    for (i, line) in text.split('\n').enumerate() {
        // What came before on this line, outside quotes: where a value may start.
        let mut prev: Option<u8> = None;
        let bytes = line.as_bytes();
        let mut k = 0;
        while k < bytes.len() {
            let b = bytes[k];
            k += 1;
            if let Some(q) = quote {
                if q == b'"' && b == b'\\' {
                    k += 1;
                } else if b == q {
                    quote = None;
                    prev = Some(b);
                }
                continue;
            }
            // A value starts at the line's start, after `key: `, `- ` or `? `, and, inside
            // brackets, after `[`, `{` or `,`; anywhere else a `[` is part of a text.
            let value_starts = match prev {
                None | Some(b':') => true,
                Some(b'[' | b'{' | b',') => depth > 0,
                _ => false,
            };
            match b {
                b' ' | b'\t' | b'\r' => continue,
                b'#' if prev.is_none() || bytes[k - 2].is_ascii_whitespace() => break,
                b'"' | b'\'' if value_starts => quote = Some(b),
                b'[' | b'{' if depth > 0 || value_starts => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some(i);
                    }
                }
                b']' | b'}' if depth > 0 => depth -= 1,
                _ => {}
            }
            // `:`, `-` and `?` mark where a value starts only before a space (or the end).
            let spaced = bytes.get(k).is_none_or(|c| c.is_ascii_whitespace());
            prev = match b {
                b':' | b'-' | b'?' if spaced => Some(b':'),
                b':' | b'-' | b'?' => Some(b'x'),
                _ => Some(b),
            };
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deep(n: usize) -> String {
        format!("title: Deep\ntags: {}{}\n", "[".repeat(n), "]".repeat(n))
    }

    #[test]
    fn brackets_nested_past_the_limit_are_refused_at_their_line() {
        let d = check_flow_depth(
            &deep(MAX_FLOW_DEPTH + 1),
            Path::new("a.md"),
            2,
            "front matter",
        )
        .unwrap_err();
        assert_eq!(d.rule, "yaml-too-deep");
        assert_eq!(d.line, Some(3));
        assert!(d.message.contains("inside each other"), "{}", d.message);
    }

    #[test]
    fn brackets_up_to_the_limit_and_brackets_in_texts_are_read() {
        let ok = |t: &str| check_flow_depth(t, Path::new("a.md"), 1, "front matter").is_ok();
        assert!(ok(&deep(MAX_FLOW_DEPTH)));
        let many = "[".repeat(100);
        assert!(ok(&format!("title: \"{many}\"\n")));
        assert!(ok(&format!("title: '{many}'\n")));
        assert!(ok(&format!("title: Knee {many}\n")));
        assert!(ok(&format!("title: Knee # {many}\n")));
        assert!(ok(&format!("# {many}\ntitle: x\n")));
        assert!(ok(&"tags: [a, [b], {c: d}]\n".repeat(100)));
    }

    #[test]
    fn a_hundred_thousand_brackets_are_refused() {
        // The text that took minutes in the scanner: refused by one pass over it.
        let d = check_flow_depth(&deep(100_000), Path::new("a.md"), 1, "front matter");
        assert!(d.is_err());
    }
}
