//! Typed YAML loading that turns serde_yaml's errors into diagnostics a clinic can act on:
//! the right file and line, plain wording, a hint (a "did you mean" for typos), and every
//! problem of a file at once.
//!
//! Two parsers read the same text. serde_yaml types it; when it stops at a mistake, the
//! mistaken entry is blanked out (replaced by spaces, so every line and column stays where
//! it was) and the text is typed again, until it types or nothing more can be learnt, so
//! one run reports every unknown field, wrong type and bad value of a file. yaml-rust's
//! event parser gives the position of every key and list item ([`Spans`]), so the checks
//! made after typing (an id that names nothing, a number out of range) point at the
//! parser's line for the field, never at a text search.
//!
//! Its parts: `parse` here (the rounds of typing and blanking, and where each error is);
//! `blank` (blanking one entry of the text); `words` (serde_yaml's messages in plain words,
//! with hints); `hints` (the slip a person made read from the text where serde_yaml names
//! something else: a missing colon, a list item without its `- `, a line indented into the
//! value above, a quote never closed); `spans` (the parser's line and column of every key and list item,
//! `line_of`); `fields` (the checked field readers: `required_text`, `checked_text`,
//! `field_error`); `aliases` (refusing aliases that expand past `MAX_EXPANDED`); `long_text`
//! (refusing one value longer than `MAX_TEXT_BYTES`); `folded`
//! (refusing a list item indented so far that YAML joins it to the line above); `nesting`
//! (refusing brackets nested past `MAX_FLOW_DEPTH`, whose scanning time grows with the
//! square of the depth).

mod aliases;
mod blank;
mod control;
mod fields;
mod folded;
mod hints;
mod long_text;
mod nesting;
mod spans;
mod words;

pub use aliases::MAX_EXPANDED;
pub use control::{is_refused as is_refused_control, named as control_name};
pub use fields::{checked_text, field_error, required_text};
pub use long_text::MAX_TEXT_BYTES;
pub use spans::{Spans, each_value, line_of};
pub use words::readable_path;

use crate::diagnostic::Diagnostic;
use aliases::check_expanded_size;
use blank::{blank_entry, join};
use fields::OWN;
use nesting::check_flow_depth;
use serde::de::DeserializeOwned;
use std::path::Path;
use words::explain;

/// At most this many rounds of "blank the mistake and type again" per file.
const MAX_ROUNDS: usize = 64;

/// Parses `text` (which starts at line `first_line` of `file`) into `T`, or returns every
/// problem found in it.
///
/// `what` names the thing being read in messages ("front matter", "exercise", ...). A
/// UTF-8 byte-order mark at the start is skipped.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
    what: &str,
) -> Result<T, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_flow_depth(text, file, first_line, what).map_err(|d| vec![d])?;
    check_expanded_size(text, file, first_line, what).map_err(|d| vec![d])?;
    long_text::check_text_lengths(text, file, first_line, what).map_err(|d| vec![d])?;
    // A list item YAML would join to the line above types without an error: refused here.
    let folded = folded::folded_items(text, file, first_line);
    if !folded.is_empty() {
        return Err(folded);
    }
    // A control character is reported with whatever else is wrong in the file.
    let control = control::control_characters(text, file, first_line, what);
    match typed_every_problem(text, file, first_line, what) {
        Ok(v) if control.is_empty() => Ok(v),
        Ok(_) => Err(control),
        // A raw control character also stops the YAML parser ("control characters are not
        // allowed at position 13", with a hint about indenting): the error above names the
        // field and the character, so the parser's is left out.
        Err(more) if !control.is_empty() => Err(control
            .into_iter()
            .chain(
                more.into_iter()
                    .filter(|d| !d.message.contains("control characters are not allowed")),
            )
            .collect()),
        Err(more) => Err(more),
    }
}

/// [`parse`] after its checks of the text as a whole: `text` typed, or every problem
/// typing found in it.
fn typed_every_problem<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
    what: &str,
) -> Result<T, Vec<Diagnostic>> {
    // Nearly every text is valid: typed at once, without the copy of every line (as
    // characters) that the rounds below blank mistaken entries in. A text with a mistake
    // is typed again from its first round, so its problems are the same.
    if let Ok(v) = typed(text) {
        return Ok(v);
    }
    let mut lines: Vec<Vec<char>> = text.split('\n').map(|l| l.chars().collect()).collect();
    let original = Spans::of(text);
    let mut errors: Vec<Diagnostic> = Vec::new();
    // Paths whose entry was blanked, and paths a "did you mean" suggested: a later
    // "missing field" for one of them is a consequence, not a second mistake.
    let mut removed: Vec<String> = Vec::new();
    let mut suggested: Vec<String> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let current: String = join(&lines);
        let e = match typed::<T>(&current) {
            Ok(v) if errors.is_empty() => return Ok(v),
            Ok(_) => return Err(errors),
            Err(e) => e,
        };
        let raw = e.to_string();
        // serde_yaml appends " at line L column C"; we print the location our own way.
        let message = match raw.find(" at line ") {
            Some(i) => raw[..i].to_string(),
            None => raw.clone(),
        };
        let (path, rest) = split_path(&message);
        // serde_yaml gives no path for some of sinew's own checks (an empty value): the
        // key the parser puts at that position is the one.
        // Nor, for a null value (`name:` with nothing after it) inside a mapping of
        // mappings (`translations: es:`), the last key: it names the mapping
        // (`translations.es`), so the key at that position, inside it, is the one.
        let found_path;
        let at_key = rest.starts_with(OWN).then(|| {
            let loc = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            Spans::of(&current)
                .path_at(loc.0, loc.1)
                .filter(|p| path.is_empty() || p.starts_with(&format!("{path}.")))
        });
        let (path, message) = if let Some(found) = at_key
            .flatten()
            .or_else(|| (path.is_empty() && rest.starts_with(OWN)).then(String::new))
        {
            found_path = found;
            (found_path.as_str(), format!("{found_path}: {rest}"))
        } else {
            (path, message.clone())
        };
        let (line, col) = match (duplicate_line(path, rest, &current), e.location()) {
            (Some(dup), _) => (dup, 1),
            (None, Some(loc)) => (loc.line(), loc.column()),
            (None, None) => (1, 1),
        };
        // A list item blanked out in an earlier round renumbers the items after it in
        // serde_yaml's path (`stages[1]` becomes `stages[0]`): name the item as the file
        // has it (blanking keeps every line and column where it was).
        let renumbered;
        let (path, message) = if !removed.is_empty() && path.contains(']') {
            renumbered = original.renumbered(path, &Spans::of(&current));
            (renumbered.as_str(), message.replacen(path, &renumbered, 1))
        } else {
            (path, message)
        };
        let source_line: String = lines
            .get(line.saturating_sub(1))
            .map(|l| l.iter().collect())
            .unwrap_or_default();
        let d = |message: String, hint: Option<String>| {
            let mut d = Diagnostic::error("yaml", file, message).at(first_line + line - 1, col);
            if let Some(h) = hint {
                d = d.hint(h);
            }
            d
        };
        // What to blank before the next round: (path of the entry, its key or None for a
        // list item). `None` stops.
        let next: Option<(String, Option<String>)>;
        // Where that entry is, when it is not where serde_yaml stopped (1-based).
        let mut entry_at: Option<(usize, usize)> = None;
        if let Some(rest) = rest.strip_prefix("unknown field `") {
            let (field, message, hint, suggestion) = words::unknown_field(rest, path, what);
            suggested.extend(suggestion.map(|s| join_path(path, s)));
            errors.push(d(message, Some(hint)));
            next = Some((join_path(path, field), Some(field.to_string())));
        } else if let Some(rest) = rest.strip_prefix("missing field `") {
            let field = rest.split('`').next().unwrap_or(rest);
            let full = join_path(path, field);
            if !removed.contains(&full) && !suggested.contains(&full) {
                let (message, hint) = explain(&message, &source_line, &current, what);
                errors.push(d(message, hint));
            }
            next = (!path.is_empty()).then(|| (path.to_string(), last_key(path)));
            // serde_yaml stops at the first field of the block that misses one: the block
            // itself (`pain:`) is blanked, not that field, which would be reported as
            // missing in the next round, and so on down the block.
            // (Lines and columns do not move with blanking, and `path` numbers list
            // items as the file does: the spans of the file as written.)
            entry_at = original.position(path);
        } else if rest.contains("duplicate field `") || rest.contains("duplicate entry") {
            let (message, hint) = explain(&message, &source_line, &current, what);
            errors.push(d(message, hint));
            let field = rest
                .split("duplicate field `")
                .nth(1)
                .and_then(|r| r.split('`').next())
                .map(str::to_string);
            next = field.map(|f| (format!("{}#dup", join_path(path, &f)), Some(f)));
        } else if let Some((i, message, hint)) = hints::missing_colon(rest, &current, line, what) {
            // Named at the line without its colon, from its first column.
            errors.push(d(message, Some(hint)).at(first_line + i, 1));
            next = (!path.is_empty() && is_value_error(rest))
                .then(|| (path.to_string(), last_key(path)));
        } else {
            let (message, mut hint) = explain(&message, &source_line, &current, what);
            let below: Option<String> = lines.get(line).map(|l| l.iter().collect());
            if let Some(h) = below.and_then(|b| hints::indented_below(&source_line, &b)) {
                hint = Some(h);
            }
            // An unclosed quote is found at the end of the text: name the line it opens on.
            let opened = (message.contains("is never closed") && rest.contains("end of stream"))
                .then(|| hints::unclosed_quote(&current))
                .flatten();
            errors.push(match opened {
                Some((i, _)) => d(message, hint).at(first_line + i, 1),
                None => d(message, hint),
            });
            next = (!path.is_empty() && is_value_error(rest))
                .then(|| (path.to_string(), last_key(path)));
        }
        let Some((removed_path, key)) = next else {
            break;
        };
        let (at_line, at_col) = entry_at.unwrap_or((line, col));
        if !blank_entry(
            &mut lines,
            at_line - 1,
            at_col.saturating_sub(1),
            key.as_deref(),
        ) {
            break;
        }
        removed.push(removed_path);
    }
    Err(errors)
}

/// `text` typed by serde_yaml. An empty document is `null`, which serde_yaml rejects
/// with an unhelpful message; it is typed as an empty mapping so that the "missing field"
/// error names the field.
fn typed<T: DeserializeOwned>(text: &str) -> Result<T, serde_yaml::Error> {
    if text.trim().is_empty() {
        serde_yaml::from_str::<T>("{}")
    } else {
        serde_yaml::from_str::<T>(text)
    }
}

/// `a.b` + `c` -> `a.b.c`.
fn join_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Splits serde_yaml's "stages[0].start: invalid type ..." into the path and the rest.
fn split_path(message: &str) -> (&str, &str) {
    match message.split_once(": ") {
        Some((path, rest))
            if !path.is_empty() && !path.contains([' ', '`', '"']) && !path.ends_with(',') =>
        {
            (path, rest)
        }
        _ => ("", message),
    }
}

/// The last key of a path (`stages[0].start` -> `start`), or `None` when it ends with a
/// list index (`stages[0]`).
fn last_key(path: &str) -> Option<String> {
    if path.ends_with(']') {
        None
    } else {
        Some(path.rsplit('.').next().unwrap_or(path).to_string())
    }
}

/// Whether serde_yaml's message is about one value (so blanking it can go on), not the
/// YAML's syntax.
fn is_value_error(rest: &str) -> bool {
    rest.starts_with("invalid type")
        || rest.starts_with("invalid value")
        || rest.starts_with("invalid length")
        || !(rest.contains("did not find expected")
            || rest.contains("found character")
            || rest.contains("mapping values are not allowed")
            || rest.contains("while parsing")
            || rest.contains("while scanning"))
}

/// serde_yaml gives no location for a duplicate field: the parser's line of its second
/// appearance.
fn duplicate_line(path: &str, message: &str, text: &str) -> Option<usize> {
    let field = message
        .split("duplicate field `")
        .nth(1)?
        .split('`')
        .next()?;
    Spans::of(text).again(&join_path(path, field))
}

#[cfg(test)]
mod tests;
