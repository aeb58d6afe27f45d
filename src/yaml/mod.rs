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
//! with hints); `spans` (the parser's line and column of every key and list item,
//! `line_of`); `fields` (the checked field readers: `required_text`, `checked_text`,
//! `field_error`); `aliases` (refusing aliases that expand past `MAX_EXPANDED`); `folded`
//! (refusing a list item indented so far that YAML joins it to the line above); `nesting`
//! (refusing brackets nested past `MAX_FLOW_DEPTH`, whose scanning time grows with the
//! square of the depth).

mod aliases;
mod blank;
mod control;
mod fields;
mod folded;
mod nesting;
mod spans;
mod words;

pub use aliases::MAX_EXPANDED;
pub use control::is_refused as is_refused_control;
pub use fields::{checked_text, field_error, required_text};
pub use spans::{Spans, each_value, line_of};
pub use words::readable_path;

use crate::diagnostic::{Diagnostic, did_you_mean};
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
        Err(more) => Err(control.into_iter().chain(more).collect()),
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
            let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
            let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            let hint = match did_you_mean(field, allowed.iter().copied()) {
                Some(s) => {
                    suggested.push(join_path(path, s));
                    format!("did you mean `{s}`?")
                }
                None => format!("allowed fields here are: {}", allowed.join(", ")),
            };
            let at = if path.is_empty() {
                String::new()
            } else {
                format!(" (in {})", readable_path(path))
            };
            errors.push(d(
                format!("unknown field `{field}` in the {what}{at}"),
                Some(hint),
            ));
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
        } else if let Some((i, message, hint)) = words::missing_colon(rest, &current, line, what) {
            // Named at the line without its colon, from its first column.
            errors.push(d(message, Some(hint)).at(first_line + i, 1));
            next = (!path.is_empty() && is_value_error(rest))
                .then(|| (path.to_string(), last_key(path)));
        } else {
            let (message, mut hint) = explain(&message, &source_line, &current, what);
            let below: Option<String> = lines.get(line).map(|l| l.iter().collect());
            if let Some(h) = below.and_then(|b| words::indented_below(&source_line, &b)) {
                hint = Some(h);
            }
            // An unclosed quote is found at the end of the text: name the line it opens on.
            let opened = (message.contains("is never closed") && rest.contains("end of stream"))
                .then(|| words::unclosed_quote(&current))
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
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Dose {
        sets: Option<u32>,
        reps: Option<u32>,
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        dose: Option<Dose>,
        #[serde(default)]
        weight: i64,
    }

    fn errs(text: &str) -> Vec<Diagnostic> {
        parse::<T>(text, Path::new("a.md"), 2, "front matter").unwrap_err()
    }

    fn err(text: &str) -> Diagnostic {
        errs(text).remove(0)
    }

    #[test]
    fn unknown_field_gets_a_suggestion_and_line() {
        let d = err("titel: x\n");
        assert_eq!(d.message, "unknown field `titel` in the front matter");
        assert_eq!(d.hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!(d.line, Some(2));
    }

    #[test]
    fn missing_field_names_it() {
        let d = err("tags: [a]\n");
        assert!(
            d.message.contains("missing the required field `title`"),
            "{}",
            d.message
        );
    }

    #[test]
    fn wrong_type_explains_lists() {
        let d = err("title: a\ntags: 3\n");
        assert_eq!(d.line, Some(3));
        assert_eq!(
            d.message,
            "`tags` in the front matter must be a list, not `3`"
        );
        assert!(d.hint.unwrap().contains("list"));
    }

    #[test]
    fn tabs_are_explained() {
        let d = err("title: a\ntags:\n\t- x\n");
        assert!(d.hint.unwrap().contains("tab"), "{}", d.message);
    }

    #[test]
    fn a_list_item_indented_with_a_tab_is_told_to_use_spaces() {
        // A tab before `- exercise:` (the next line indented with spaces): the hint is
        // about the tab, not the line below it, which is where it should be.
        let text = "title: Knee\nstages:\n  - exercise: squat\n    days: { min: 3, max: 6 }\n\t- exercise: step-up\n    start: { sets: 2, reps: 5 }\n";
        let e = parse::<crate::content::ladder::LadderData>(
            text,
            Path::new("l.yaml"),
            1,
            "exercise ladder",
        )
        .unwrap_err();
        assert_eq!(e[0].line, Some(5), "{e:#?}");
        let hint = e[0].hint.clone().unwrap();
        assert!(hint.contains("replace the tab with spaces"), "{hint}");
        assert!(!hint.contains("further to the right"), "{hint}");
    }

    #[test]
    fn aliases_that_would_expand_past_the_limit_are_refused_at_once() {
        // 1 MB, repeated 1,000 times by aliases 3 bytes long: a gigabyte.
        let text = format!(
            "title: &a \"{}\"\ntags: [{}]\n",
            "x".repeat(1 << 20),
            vec!["*a"; 1000].join(", ")
        );
        let d = err(&text);
        assert_eq!(d.rule, "yaml-too-large");
        assert_eq!(d.line, Some(3), "the first alias's line");
        assert!(d.message.contains("grow past 20 MB"), "{}", d.message);
        // A few aliases within the limit are fine, as is a `*` that is text.
        let ok = parse::<T>(
            "title: &a \"Knee *pain*\"\ntags: [*a, *a]\n",
            Path::new("a.md"),
            2,
            "front matter",
        )
        .unwrap();
        assert_eq!(ok.tags, ["Knee *pain*", "Knee *pain*"]);
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let d = err("title: a\ntitle: b\n");
        assert!(d.message.contains("duplicate"), "{}", d.message);
        assert_eq!(d.line, Some(3));
        let e = errs("title: a\ndose:\n  sets: 1\n  # sets: 2\n  sets: 3\n");
        assert_eq!(e[0].line, Some(6), "{e:#?}");
    }

    #[test]
    fn a_line_indented_into_the_value_above_is_named() {
        let e = errs("dose:\n  sets: 2\n   reps: 5\n");
        // The front matter's first line is line 2 of the file (`errs`).
        assert_eq!(e[0].line, Some(3), "{e:#?}");
        assert!(
            e[0].hint
                .as_deref()
                .unwrap_or_default()
                .contains("the line below it, `reps: 5`, starts further to the right than `sets:`"),
            "{e:#?}"
        );
        // A value that is wrong on its own line keeps the usual hint.
        let e = errs("dose:\n  sets: two\n  reps: 5\n");
        assert!(
            !e[0]
                .hint
                .as_deref()
                .unwrap_or_default()
                .contains("line below")
        );
    }

    #[test]
    fn an_unclosed_quote_is_named_at_the_line_it_opens() {
        let e = err("title: \"Pacing\nsummary: 'It''s fine'\ntags: [a]\n");
        assert_eq!(e.line, Some(2), "{e:#?}");
        assert!(
            e.message
                .contains("the text of `title` starts with a quote mark `\"` that is never closed"),
            "{e:#?}"
        );
        // A quoted text over two lines, with escaped quotes, then the unclosed one.
        let e = err("title: \"a \\\" b\n  c\"\nsummary: 'x''\n");
        assert_eq!(e.line, Some(4), "{e:#?}");
        assert!(e.message.contains("`summary`"), "{e:#?}");
    }

    #[test]
    fn every_mistake_of_a_file_is_reported_at_once() {
        let e = errs("titel: x\nsummery: y\ndose:\n  reps: ten\n  sets: { a: 1 }\nweight: heavy\n");
        let got: Vec<(Option<usize>, &str)> =
            e.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (Some(2), "unknown field `titel` in the front matter"),
                (Some(3), "unknown field `summery` in the front matter"),
                (
                    Some(5),
                    "`dose.reps` in the front matter must be a whole number (0, 1, 2 ...), not the text `ten`"
                ),
                (
                    Some(6),
                    "`dose.sets` in the front matter must be a whole number (0, 1, 2 ...), not a block of fields"
                ),
                (
                    Some(7),
                    "`weight` in the front matter must be a whole number, not the text `heavy`"
                ),
            ],
            "{e:#?}"
        );
    }

    #[test]
    fn a_list_item_blanked_out_does_not_renumber_the_items_after_it() {
        #[derive(Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Stage {
            exercise: String,
            start: u32,
        }
        #[derive(Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Ladder {
            stages: Vec<Stage>,
        }
        // The same mistake in every stage (a receptionist's find-and-replace): each
        // message names its own stage, as its line does.
        let text = "stages:\n  - exercise: a\n    begin: 1\n  - exercise: b\n    begin: 2\n  - exercise: c\n    begin: 3\n";
        let e = parse::<Ladder>(text, Path::new("l.yaml"), 1, "exercise ladder").unwrap_err();
        let got: Vec<(Option<usize>, &str)> =
            e.iter().map(|d| (d.line, d.message.as_str())).collect();
        for (line, message) in &got {
            let n = (line.unwrap() - 2) / 2 + 1;
            assert!(
                message.contains(&format!("item {n} of `stages`")),
                "{got:#?}"
            );
        }
        assert!(got.iter().any(|(l, _)| *l == Some(7)), "{got:#?}");
    }

    #[test]
    fn a_receptionists_slips_are_explained_in_plain_words() {
        // A second `: ` in a text.
        let d = err("title: Note: lie down\n");
        assert_eq!(d.line, Some(2), "{d:?}");
        assert!(d.message.contains("a second `: `"), "{d:?}");
        assert!(
            d.hint
                .as_deref()
                .unwrap()
                .contains("`title: \"Note: lie down\"`"),
            "{d:?}"
        );
        // The same, with the text in a word processor's curly quotes: they are not
        // quotes to YAML, and the fix is straight ones, not more quotes around them.
        let d = err("title: “Note: lie down”\n");
        let hint = d.hint.as_deref().unwrap();
        assert!(hint.contains("curly"), "{d:?}");
        assert!(hint.contains("`title: \"Note: lie down\"`"), "{d:?}");
        // A list item with no space after its dash.
        let d = err("title: a\ntags:\n  - knee\n  -hip\n");
        assert!(d.message.contains("needs a space after its `-`"), "{d:?}");
        assert!(d.hint.as_deref().unwrap().contains("`- hip`"), "{d:?}");
        // An item indented further than the ones above it.
        let d = err("title: a\ndose:\n  sets: 2\n reps: 5\n");
        assert!(!d.message.contains("did not find expected"), "{d:?}");
        assert!(d.message.contains("indented"), "{d:?}");
        for d in errs("title: Note: lie down\n") {
            assert!(!d.message.contains("mapping values"), "{d:?}");
        }
    }

    #[test]
    fn list_items_are_counted_from_one_in_plain_words() {
        for (path, want) in [
            ("title", "`title`"),
            ("dose.reps", "`dose.reps`"),
            ("stages[0]", "item 1 of `stages`"),
            ("stages[2].start.reps", "`start.reps` in item 3 of `stages`"),
            (
                "translations.es.steps[1]",
                "item 2 of `translations.es.steps`",
            ),
            ("a[0].b[4].c", "`c` in item 5 of `b` in item 1 of `a`"),
            ("[0]", "item 1 of the list"),
        ] {
            assert_eq!(readable_path(path), want, "{path}");
        }
        // Every kind of message that names an item: a wrong type, a missing field, an
        // unknown field, a value in a form sinew does not know.
        #[derive(Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Stage {
            exercise: String,
            start: u32,
        }
        #[derive(Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Ladder {
            steps: Vec<String>,
            stages: Vec<Stage>,
            sources: Vec<crate::content::trust::Source>,
        }
        let text = "steps:\n  - a\n  - b\n  - { c: d }\nstages:\n  - exercise: a\n    start: x\n  - exercise: b\n  - exercise: c\n    start: 1\n    begin: 2\nsources:\n  - titel: A book\n";
        let e = parse::<Ladder>(text, Path::new("l.yaml"), 1, "exercise ladder").unwrap_err();
        let got: Vec<&str> = e.iter().map(|d| d.message.as_str()).collect();
        for want in [
            "item 3 of `steps` in the exercise ladder must be text",
            "`start` in item 1 of `stages` in the exercise ladder must be a whole number",
            "item 2 of `stages`: the exercise ladder is missing the required field `start`",
            "unknown field `begin` in the exercise ladder (in item 3 of `stages`)",
            "this entry of `sources` in the exercise ladder must be one line of text, or a `title:`",
        ] {
            assert!(
                got.iter().any(|m| m.contains(want)),
                "{want:?} not in {got:#?}"
            );
        }
        for m in &got {
            assert!(!m.contains('[') && !m.contains("enum"), "{got:#?}");
        }
    }

    #[test]
    fn a_block_written_as_text_gets_an_example_of_its_own_fields() {
        // `start: 2x5` and `days: 3-6`, as a person writes them.
        let text = "title: Knee\nstages:\n  - exercise: squat\n    start: 2x5\n    target: { sets: 2, reps: 12 }\n    days: 3-6\n";
        let e = crate::yaml::parse::<crate::content::ladder::LadderData>(
            text,
            Path::new("l.yaml"),
            1,
            "exercise ladder",
        )
        .unwrap_err();
        let hints: Vec<&str> = e.iter().filter_map(|d| d.hint.as_deref()).collect();
        assert!(
            hints.contains(&"write it as `start: { sets: 2, reps: 5 }` (2 sets of 5 reps)"),
            "{e:#?}"
        );
        assert!(
            hints.contains(&"write it as `days: { min: 3, max: 6 }` (3 to 6 days)"),
            "{e:#?}"
        );
    }

    #[test]
    fn flow_mappings_are_blanked_one_entry_at_a_time() {
        let e = errs("title: a\ndose: { sets: x, reps: y }\n");
        assert_eq!(e.len(), 2, "{e:#?}");
        assert!(e[1].message.contains("`dose.reps`"), "{e:#?}");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in ".{0,200}") {
            let _ = parse::<T>(&s, Path::new("a.md"), 1, "front matter");
            let _ = Spans::of(&s);
        }
    }
}
