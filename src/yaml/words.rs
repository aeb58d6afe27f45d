//! serde_yaml's error messages rewritten in plain words for clinic staff, each with a
//! hint that says how to fix the mistake.

use super::fields::{HINT, OWN};
use super::hints::unclosed_quote;
use super::split_path;
use crate::diagnostic::did_you_mean;

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

/// serde_yaml's "unknown field `titel`, expected one of `title`, ..." in plain words:
/// `rest` is what follows "unknown field `", `path` the block the field is in (empty at
/// the top). Returns the field, the message, the hint (a "did you mean" or the fields
/// allowed there) and the field the hint suggests, if it does.
pub(super) fn unknown_field<'a>(
    rest: &'a str,
    path: &str,
    what: &str,
) -> (&'a str, String, String, Option<&'a str>) {
    let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
    let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let suggestion = did_you_mean(field, allowed.iter().copied());
    let hint = match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("allowed fields here are: {}", allowed.join(", ")),
    };
    let at = if path.is_empty() {
        String::new()
    } else {
        format!(" (in {})", readable_path(path))
    };
    let message = format!("unknown field `{field}` in the {what}{at}");
    (field, message, hint, suggestion)
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
