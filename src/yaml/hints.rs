//! Reading the text for the slip a person made, where serde_yaml's message names
//! something else or the wrong line: a `key value` line without its colon, or a list
//! item without its `- ` (`missing_colon`); a `key:` line indented into the value above
//! it (`indented_below`); a quote never closed, named at the line it opens
//! (`unclosed_quote`). Each gives the plain words and the fix; `words` words serde_yaml's
//! own messages.

/// The hint for a value that took in the line below it: `sets: 2` followed by
/// `   reps: 5`, indented one space further, is read as the one text "2 reps: 5" (a
/// value may go on over several lines), so the error says `sets` is not a number.
/// `Some` when the line below is indented further than `source_line` (a `key: value`
/// line) and itself looks like a `key:` line.
pub(super) fn indented_below(source_line: &str, below: &str) -> Option<String> {
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let (key, value) = source_line.trim_start().split_once(':')?;
    let key = key.trim_start_matches("- ").trim();
    let next = below.trim();
    let next_key = next.split_once(':').map(|(k, _)| k.trim())?;
    let looks_like_key = |k: &str| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    };
    // A line indented with a tab is a tab error, whatever its columns look like.
    if value.trim().is_empty()
        || source_line.contains('\t')
        || indent(below) <= indent(source_line)
        || !looks_like_key(key)
        || !looks_like_key(next_key)
    {
        return None;
    }
    Some(format!(
        "the line below it, `{next}`, starts further to the right than `{key}:`, so it is \
         read as part of this value: start `{next_key}:` in the same column as `{key}:`"
    ))
}

/// The line where a quoted text starts that no later quote mark closes (`title: "Pacing`
/// with no `"` after it), for the parser's "unexpected end of stream": its index in
/// `text` (from 0) and the line. A text in quotes
/// may go on over several lines, so the quotes are followed through the whole text; a
/// quote only opens a text where a value starts (after `key: ` or `- `), and `\"` or
/// `''` inside one does not close it.
pub(super) fn unclosed_quote(text: &str) -> Option<(usize, &str)> {
    let mut open: Option<(char, usize, &str)> = None;
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        if open.is_none() {
            let t = line.trim_start();
            if t.starts_with('#') {
                continue;
            }
            let value = match t.split_once(": ") {
                Some((_, v)) => v,
                None => t.strip_prefix("- ").unwrap_or(""),
            };
            let value = value.trim_start().trim_start_matches("- ").trim_start();
            let Some(q) = value.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
                continue;
            };
            open = Some((q, i, line));
            rest = &value[1..];
        }
        let Some((q, _, _)) = open else { continue };
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            if q == '"' && c == '\\' {
                chars.next();
            } else if c == q {
                if q == '\'' && chars.peek() == Some(&'\'') {
                    chars.next();
                } else {
                    open = None;
                    break;
                }
            }
        }
        // A text closed on this line: what follows it on the line is not looked at
        // (a comment, or a second value would be a different error).
    }
    open.map(|(_, i, line)| (i, line))
}

/// A `key value` line written without its colon (`title Contact us`), the mistake the
/// parser names worst: it reads the line and the key below it as one text, and says
/// "could not find expected ':'" at the line below, or that a block of fields is "the
/// text `title Contact us description`". `rest` is serde_yaml's message without its
/// path, `text` the YAML as typed this round, `line` the parser's line (from 1). The
/// line without its colon is the parser's line or, for "could not find expected ':'",
/// the first line above it that is not blank or a comment; it counts only if it has no
/// colon at all and starts with a word that can be a field's name followed by a space
/// and its value. `Some((index of that line from 0, message, hint))`.
pub(super) fn missing_colon(
    rest: &str,
    text: &str,
    line: usize,
    what: &str,
) -> Option<(usize, String, String)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let at = line.checked_sub(1)?;
    let content = |i: usize| {
        let t = lines.get(i).map_or("", |l| l.trim());
        (!t.is_empty() && !t.starts_with('#')).then_some(i)
    };
    let candidates: Vec<usize> = if rest.starts_with("could not find expected ':'") {
        let above = (0..at.min(lines.len())).rev().find_map(content);
        content(at).into_iter().chain(above).collect()
    } else if rest.starts_with("invalid type: string")
        && (rest.contains("expected struct") || rest.contains("expected a map"))
    {
        vec![at]
    } else {
        return None;
    };
    candidates.into_iter().find_map(|i| {
        let original = *lines.get(i)?;
        let indent = &original[..original.len() - original.trim_start().len()];
        let body = original.trim();
        let (dash, body) = match body.strip_prefix("- ") {
            Some(b) => ("- ", b.trim_start()),
            None => ("", body),
        };
        let (key, value) = body.split_once(' ')?;
        let value = value.trim();
        let key_like = key.starts_with(|c: char| c.is_alphabetic())
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        if !key_like || value.is_empty() || body.contains(':') || original.contains('\t') {
            return None;
        }
        let parsed_as_text = rest.starts_with("invalid type");
        // The typed text quoted by serde starts with this line's own words.
        if parsed_as_text && !rest.contains(&format!("\"{body}")) {
            return None;
        }
        // Outside a block typed as text, a list item is text and needs no colon.
        if !parsed_as_text && !dash.is_empty() {
            return None;
        }
        // A line among the items of a list, in line with their dashes, lacks its `- `
        // (a step of an exercise), not a colon.
        let above = (0..i).rev().find_map(content).map(|j| lines[j]);
        let below = (i + 1..lines.len()).find_map(content).map(|j| lines[j]);
        let item_here = |l: &str| {
            l.len() - l.trim_start().len() == indent.len() && l.trim_start().starts_with("- ")
        };
        if !parsed_as_text && (above.is_some_and(item_here) || below.is_some_and(item_here)) {
            return Some((
                i,
                format!(
                    "the {what} is not valid YAML: the line `{}` is among the items of a list, \
                     but does not start with `- `",
                    original.trim()
                ),
                format!(
                    "start it with a dash and a space, in line with the other items: \
                     `{indent}- {body}`; or, if it goes on from the line above, indent it by \
                     two more spaces"
                ),
            ));
        }
        Some((
            i,
            format!(
                "the {what} is not valid YAML: the line `{}` has no colon after `{key}`, \
                 so YAML cannot tell the field's name from its value",
                original.trim()
            ),
            {
                // `summary: This helps` then `your knee.` may be a text that goes on.
                let goes_on = !parsed_as_text
                    && above.is_some_and(|l| {
                        l.len() - l.trim_start().len() <= indent.len()
                            && l.split_once(": ").is_some_and(|(_, v)| !v.trim().is_empty())
                    });
                let or = if goes_on {
                    "; or, if it is the rest of the text on the line above, indent it by two spaces more than that line"
                } else {
                    ""
                };
                format!(
                    "put a colon and a space after the field's name: `{indent}{dash}{key}: {value}`{or}"
                )
            },
        ))
    })
}
