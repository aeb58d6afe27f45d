//! Refusing a list item that YAML would silently join to the line above.
//!
//! In YAML (1.2, section 7.3.3 "Plain Style") a plain text may go on over several lines,
//! each indented further than the entry it belongs to. So in
//!
//! ```yaml
//! steps:
//!   - Stand tall.
//!     - Bend your knees.
//! ```
//!
//! the second `- ` is not a new item: the list has one step, "Stand tall. - Bend your
//! knees.", and no parser reports anything. A clinic writing steps, stages or search
//! terms means two items there, so sinew refuses the text and says which line to move.

use crate::diagnostic::Diagnostic;
use std::path::Path;

/// Every line of `text` (which starts at line `first_line` of `file`) that starts a list
/// item (`- `) but is indented further than the line above, whose plain text it would
/// join. Lines inside a block text (`|` or `>`) are the clinic's own words and are never
/// looked at. Empty when there is none (nearly always).
pub(super) fn folded_items(text: &str, file: &Path, first_line: usize) -> Vec<Diagnostic> {
    // Most texts have no line starting with a dash after some spaces: nothing to fold.
    if !text.contains("\n ") || !text.contains("- ") {
        return Vec::new();
    }
    let mut found = Vec::new();
    // The line before (1-based number, indent, whether it ends in plain text).
    let mut before: Option<(usize, usize, bool)> = None;
    // The indent of the line that opened a block text, while in it.
    let mut block: Option<usize> = None;
    for (i, line) in text.split('\n').enumerate() {
        let line = line.trim_end_matches('\r');
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(b) = block {
            if indent > b {
                continue;
            }
            block = None;
        }
        if trimmed.starts_with('#') {
            continue;
        }
        if let Some((at, prev_indent, true)) = before
            && (trimmed.starts_with("- ") || trimmed == "-")
            && indent > prev_indent
        {
            found.push(
                Diagnostic::error(
                    "yaml",
                    file,
                    format!(
                        "this list item is indented further than line {}, so it is read as \
                         part of that line's text, not as an item of its own",
                        first_line + at - 1
                    ),
                )
                .at(first_line + i, indent + 1)
                .hint(format!(
                    "move its `-` left, in line with the `-` on line {} (or, if it belongs \
                     to that line's text, take out the `- `)",
                    first_line + at - 1
                )),
            );
            // The joined line's text goes on: compare the next line with the same one.
            continue;
        }
        let value = value_of(trimmed);
        if is_block_indicator(value) {
            block = Some(indent);
        }
        before = Some((i + 1, indent, is_plain(value)));
    }
    found
}

/// What a line holds after its list dashes and its key, if any: `- name: Squat` gives
/// `Squat`, `steps:` gives ``, `- Stand tall.` gives `Stand tall.`.
fn value_of(trimmed: &str) -> &str {
    let mut rest = trimmed;
    while let Some(r) = rest.strip_prefix("- ") {
        rest = r.trim_start_matches(' ');
    }
    if rest == "-" {
        return "";
    }
    // A key is before the first `: ` (or a final `:`) outside quotes; a text that starts
    // with a quote is a quoted value, never a key here.
    if !rest.starts_with(['"', '\'']) {
        if let Some(k) = rest.find(": ") {
            return rest[k + 2..].trim_start_matches(' ');
        }
        if rest.ends_with(':') {
            return "";
        }
    }
    rest
}

/// Whether `value` is plain text (no quotes, brackets, block indicator, anchor, alias,
/// tag or comment first), which a more indented line would go on.
fn is_plain(value: &str) -> bool {
    value.chars().next().is_some_and(|c| {
        !matches!(
            c,
            '"' | '\'' | '[' | '{' | '|' | '>' | '&' | '*' | '!' | '#'
        )
    })
}

/// Whether `value` opens a block text: `|` or `>`, with an optional chomping and indent
/// indicator (`|-`, `>+`, `|2`) and an optional comment.
fn is_block_indicator(value: &str) -> bool {
    let v = value.split(" #").next().unwrap_or(value).trim_end();
    let mut chars = v.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| c == '-' || c == '+' || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Option<usize>> {
        folded_items(text, Path::new("x.yaml"), 1)
            .iter()
            .map(|d| d.line)
            .collect()
    }

    #[test]
    fn a_dash_indented_under_plain_text_is_found_at_its_line() {
        let text = "name: Squat\nsteps:\n  - Stand tall.\n    - Bend your knees.\n  - Stand up.\n";
        assert_eq!(lines(text), vec![Some(4)]);
        let d = &folded_items(text, Path::new("x.yaml"), 10)[0];
        assert_eq!(d.line, Some(13));
        assert!(d.message.contains("line 12"), "{}", d.message);
        // serde_yaml itself joins the two: one step, no error.
        let v: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
        assert_eq!(
            v["steps"][0].as_str(),
            Some("Stand tall. - Bend your knees.")
        );
        assert_eq!(v["steps"].as_sequence().map(Vec::len), Some(2));
    }

    #[test]
    fn the_same_under_a_key_with_plain_text() {
        assert_eq!(
            lines("description: Sore knees\n  - when going down\n"),
            vec![Some(2)]
        );
    }

    #[test]
    fn lists_written_right_are_left_alone() {
        for ok in [
            "steps:\n  - Stand tall.\n  - Bend your knees.\n",
            "steps:\n- a\n- b\n",
            "stages:\n  - name: One\n    steps:\n      - a\n      - b\n  - name: Two\n",
            "a:\n  -\n    - nested\n",
            "a: [x]\n  \n",
            "# - a comment\n  - a\n",
            "a: \"quoted\"\n  - not plain text above\n",
        ] {
            assert_eq!(lines(ok), Vec::<Option<usize>>::new(), "{ok}");
        }
    }

    #[test]
    fn dashes_inside_a_block_text_are_the_clinics_words() {
        let text = "notes: |\n  Do this:\n    - slowly\n    - twice\nsteps:\n  - a\n";
        assert_eq!(lines(text), Vec::<Option<usize>>::new());
        let text = "notes: >-\n  Text\n    - x\nsteps:\n  - a\n    - b\n";
        assert_eq!(lines(text), vec![Some(6)]);
    }
}
