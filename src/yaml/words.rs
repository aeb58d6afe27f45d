//! serde_yaml's error messages rewritten in plain words for clinic staff, each with a
//! hint that says how to fix the mistake.

use super::fields::{HINT, OWN};
use super::split_path;

/// A path as serde_yaml and [`super::line_of`] write it (`stages[0].start`, lists
/// counted from 0) as clinic staff read it, counting from 1, in backticks where it names
/// fields: "`start` in item 1 of `stages`". Every message that names a list item words it
/// so (the checks after typing too: "item 2 of `steps` is empty").
pub fn readable_path(path: &str) -> String {
    let Some(open) = path.rfind('[') else {
        return format!("`{path}`");
    };
    let Some(close) = path[open..].find(']').map(|c| open + c) else {
        return format!("`{path}`");
    };
    let Ok(index) = path[open + 1..close].parse::<usize>() else {
        return format!("`{path}`");
    };
    let list = &path[..open];
    let list = if list.is_empty() {
        "the list".to_string()
    } else {
        readable_path(list)
    };
    let item = format!("item {} of {list}", index + 1);
    match path[close + 1..].trim_start_matches('.') {
        "" => item,
        rest => format!("{} in {item}", readable_path(rest)),
    }
}

/// Rewrites a serde_yaml message into plain words and picks a hint.
pub(super) fn explain(
    message: &str,
    source_line: &str,
    text: &str,
    what: &str,
) -> (String, Option<String>) {
    // Errors inside a nested field come as "stages[0].start: invalid type ...".
    let (field, message) = split_path(message);
    if let Some(own) = message.strip_prefix(OWN) {
        let (own, hint) = own.split_once(HINT).unwrap_or((own, ""));
        let subject = if field.is_empty() {
            format!("the {what}")
        } else {
            format!("{} in the {what}", readable_path(field))
        };
        return (format!("{subject} {own}"), Some(hint.to_string()));
    }
    let field = (!field.is_empty()).then_some(field);
    if let Some(f) = field
        && (message.starts_with("invalid type") || message.starts_with("invalid value"))
    {
        return plain_type_error(f, message, what);
    }
    if let Some(kind) = message.strip_prefix("data did not match any variant of untagged enum ") {
        return untagged_error(field, kind, what);
    }
    let (message, hint) = explain_plain(message, source_line, text, what);
    match field {
        Some(f) if !message.starts_with('`') => (format!("{}: {message}", readable_path(f)), hint),
        _ => (message, hint),
    }
}

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

/// "invalid type: string \"ten\", expected u32" -> "`dose.reps` must be a whole number,
/// not the text `ten`".
fn plain_type_error(field: &str, message: &str, what: &str) -> (String, Option<String>) {
    let body = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .unwrap_or(message);
    let (found, expected) = body.split_once(", expected ").unwrap_or((body, ""));
    let (wanted, hint) = plain_expected(expected);
    let found = plain_found(found);
    let key = field.rsplit('.').next().unwrap_or(field);
    let hint = block_example(expected, key).unwrap_or_else(|| hint.to_string());
    (
        format!(
            "{} in the {what} must be {wanted}, not {found}",
            readable_path(field)
        ),
        Some(hint),
    )
}

/// How to write a block of fields sinew knows by name (serde's "struct Days"), with the
/// field's own key: `days: 3-6` is told `days: { min: 3, max: 6 }`, not `sets: 2`.
fn block_example(expected: &str, key: &str) -> Option<String> {
    let example = match expected.trim().strip_prefix("struct ")? {
        "SetsReps" => "{ sets: 2, reps: 5 }` (2 sets of 5 reps)",
        "Days" => "{ min: 3, max: 6 }` (3 to 6 days)",
        "Dose" => {
            "{ sets: 2, reps: 10, times_per_day: 2 }` (2 sets of 10 reps, twice a day), or with each field on its own line below it, indented by two spaces"
        }
        _ => return None,
    };
    Some(format!("write it as `{key}: {example}"))
}

/// A value that may be written in more than one form (`#[serde(untagged)]`) and fits
/// none: serde names the Rust type ("untagged enum Source"), which means nothing to a
/// clinic. `field` is where it is (serde gives the list, not the item: the line does).
fn untagged_error(field: Option<&str>, kind: &str, what: &str) -> (String, Option<String>) {
    let (wanted, hint) = match kind.trim() {
        "Source" => (
            "one line of text, or a `title:` with an optional `url:` and `lang:`",
            "write the source as `- Author. Title. Year.` on one line, or as `- title: ...` with `url: ...` on the line below it, lined up with `title`; check the spelling of `title`, `url` and `lang`",
        ),
        "Text" => (
            "one text, or its forms by number (`one:` and `other:`)",
            "write the text after the key on the same line, or its forms on the lines below it, each indented by two spaces, such as `  one: ...` and `  other: ...`",
        ),
        _ => (
            "written in one of the forms docs/content-format.md shows",
            "check the value against docs/content-format.md",
        ),
    };
    let subject = match field {
        Some(f) => format!("this entry of {} in the {what}", readable_path(f)),
        None => format!("a value in the {what}"),
    };
    (
        format!("{subject} must be {wanted}"),
        Some(hint.to_string()),
    )
}

/// What serde expected, in plain words, and a hint for writing it.
fn plain_expected(expected: &str) -> (&'static str, &'static str) {
    let e = expected.trim();
    if matches!(e, "u8" | "u16" | "u32" | "u64" | "usize") || e.contains("unsigned integer") {
        (
            "a whole number (0, 1, 2 ...)",
            "write a whole number such as `12`, without quotes, units or words",
        )
    } else if matches!(e, "i8" | "i16" | "i32" | "i64" | "isize") || e.contains("integer") {
        (
            "a whole number",
            "write a whole number such as `12`, without quotes, units or words",
        )
    } else if matches!(e, "f32" | "f64") || e.contains("float") {
        ("a number", "write a number such as `8` or `8.5`")
    } else if e.contains("sequence") {
        (
            "a list",
            "this field is a list: write each item on its own line starting with `- `",
        )
    } else if e.contains("string") || e.contains("char") {
        (
            "text",
            "this field is text: put it in quotes if it contains `:` or starts with a special character",
        )
    } else if e.contains("bool") {
        ("`true` or `false`", "write `true` or `false`")
    } else if e.starts_with("struct") || e.contains("map") {
        (
            "a block of fields",
            "write the fields on the lines below it, each indented by two spaces, such as `  sets: 2`",
        )
    } else {
        (
            "a different kind of value",
            "check the value against docs/content-format.md",
        )
    }
}

/// What serde found, in plain words.
fn plain_found(found: &str) -> String {
    let quoted = |s: &str| s.trim_matches(['"', '`']).to_string();
    if let Some(s) = found.strip_prefix("string ") {
        format!("the text `{}`", quoted(s))
    } else if let Some(s) = found
        .strip_prefix("integer ")
        .or_else(|| found.strip_prefix("floating point "))
    {
        format!("`{}`", quoted(s))
    } else if let Some(s) = found.strip_prefix("boolean ") {
        format!("`{}`", quoted(s))
    } else if found.starts_with("unit") {
        "nothing (the field is empty)".into()
    } else if found.starts_with("sequence") {
        "a list".into()
    } else if found.starts_with("map") {
        "a block of fields".into()
    } else {
        found.to_string()
    }
}

/// Quotation marks a word processor types in place of `"` and `'`.
const CURLY_QUOTES: [char; 8] = ['“', '”', '„', '‘', '’', '‚', '«', '»'];

/// A tab where YAML needs spaces, in plain words.
fn tab_error() -> (String, Option<String>) {
    (
        "this YAML has a tab character where it needs spaces".to_string(),
        Some("YAML needs spaces for indenting, not tabs: replace the tab with spaces".into()),
    )
}

fn explain_plain(
    message: &str,
    source_line: &str,
    text: &str,
    what: &str,
) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (
            format!("the {what} is missing the required field `{field}`"),
            Some(format!("add a line `{field}: ...`")),
        );
    }
    if message.contains("tab character") || source_line.contains('\t') {
        return tab_error();
    }
    if message.contains("duplicate") || message.contains("duplicated") {
        return (
            format!("{message} in the {what}"),
            Some("each field may appear only once: delete or merge the repeated line".into()),
        );
    }
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        let (plain, hint) = plain_type_error("this", message, what);
        return (plain.replacen("`this` in", "a value in", 1), hint);
    }
    if message.contains("end of stream")
        && let Some((_, line)) = unclosed_quote(text)
    {
        let (key, value) = line.trim().split_once(": ").unwrap_or(("", line.trim()));
        let mark = value.trim_start_matches("- ").chars().next().unwrap_or('"');
        let key = key.trim_start_matches("- ");
        let whose = if key.is_empty() {
            "this text".to_string()
        } else {
            format!("the text of `{key}`")
        };
        return (
            format!(
                "the {what} is not valid YAML: {whose} starts with a quote mark `{mark}` that \
                 is never closed, so YAML reads the rest of the file as part of it"
            ),
            Some(format!(
                "end that text with the same quote mark `{mark}` (the line `{}`), or remove \
                 the one at its start",
                line.trim()
            )),
        );
    }
    if message.contains("cannot start any token") && text.contains('\t') {
        return tab_error();
    }
    if message.contains("mapping values are not allowed") {
        // `summary: Note: lie down`: the parser reads the second `: ` as a new field.
        let hint = match source_line.trim_end().split_once(": ") {
            // Word and Outlook turn typed quotes into curly ones, which YAML reads as
            // letters: the text looks quoted and is not.
            Some((key, value)) if value.trim_start().starts_with(CURLY_QUOTES) => format!(
                "the quotes around this text are curly (“ ” or ‘ ’, as Word types them), and YAML only counts straight quotes: retype them as straight double quotes, `{key}: \"{}\"`",
                value.trim().trim_matches(CURLY_QUOTES).replace('"', "\\\"")
            ),
            Some((key, value)) if !value.trim_start().starts_with(['"', '\'']) => format!(
                "put the text after the first colon in double quotes: `{key}: \"{}\"`",
                value.trim().replace('"', "\\\"")
            ),
            _ => "put the text after the first colon in double quotes".to_string(),
        };
        return (
            format!(
                "the {what} is not valid YAML: this line has a second `: ` in it, which YAML reads as the start of another field"
            ),
            Some(hint),
        );
    }
    // The parser may stop on the line after such an item (at the end of the text): the
    // hint quotes the item, so it is found either way.
    let dash_without_space = |l: &str| {
        let t = l.trim_start();
        t.starts_with('-')
            && !t.starts_with("--")
            && t.len() > 1
            && !t[1..].starts_with([' ', '\t'])
    };
    let slip = Some(source_line)
        .filter(|l| dash_without_space(l))
        .or_else(|| text.lines().find(|l| dash_without_space(l)));
    if let Some(line) = slip {
        let trimmed = line.trim_start();
        return (
            format!("the {what} is not valid YAML: an item of a list needs a space after its `-`"),
            Some(format!(
                "write a dash, then a space, then the text: `- {}`",
                trimmed[1..].trim()
            )),
        );
    }
    if message.starts_with("did not find expected") {
        return (
            format!("the {what} is not valid YAML: a line here is indented more or less than the lines it belongs with"),
            Some("line up the items of one list (their `-`) and the fields of one block under each other, with spaces".into()),
        );
    }
    if message.starts_with("invalid length") || message.starts_with("unknown variant") {
        return (
            format!("{message} in the {what}"),
            Some("check the value against docs/content-format.md".into()),
        );
    }
    (
        format!("the {what} is not valid YAML: {message}"),
        Some("check the indenting and that every `key: value` pair has a space after the colon; put text containing `: ` or `#` in quotes".into()),
    )
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
