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

use crate::diagnostic::{Diagnostic, did_you_mean};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::Path;

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
    check_expanded_size(text, file, first_line, what).map_err(|d| vec![d])?;
    let mut lines: Vec<Vec<char>> = text.split('\n').map(|l| l.chars().collect()).collect();
    let mut errors: Vec<Diagnostic> = Vec::new();
    // Paths whose entry was blanked, and paths a "did you mean" suggested: a later
    // "missing field" for one of them is a consequence, not a second mistake.
    let mut removed: Vec<String> = Vec::new();
    let mut suggested: Vec<String> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let current: String = join(&lines);
        // An empty document is `null`, which serde_yaml rejects with an unhelpful
        // message; type it as an empty mapping so the "missing field" error names the field.
        let typed = if current.trim().is_empty() {
            serde_yaml::from_str::<T>("{}")
        } else {
            serde_yaml::from_str::<T>(&current)
        };
        let e = match typed {
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
        let found_path;
        let (path, message) = if path.is_empty() && rest.starts_with(OWN) {
            let loc = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            found_path = Spans::of(&current)
                .path_at(loc.0, loc.1)
                .unwrap_or_default();
            (found_path.as_str(), format!("{found_path}: {rest}"))
        } else {
            (path, message.clone())
        };
        let (line, col) = match (duplicate_line(path, rest, &current), e.location()) {
            (Some(dup), _) => (dup, 1),
            (None, Some(loc)) => (loc.line(), loc.column()),
            (None, None) => (1, 1),
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
                format!(" (in `{path}`)")
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
        } else if rest.contains("duplicate field `") || rest.contains("duplicate entry") {
            let (message, hint) = explain(&message, &source_line, &current, what);
            errors.push(d(message, hint));
            let field = rest
                .split("duplicate field `")
                .nth(1)
                .and_then(|r| r.split('`').next())
                .map(str::to_string);
            next = field.map(|f| (format!("{}#dup", join_path(path, &f)), Some(f)));
        } else {
            let (message, hint) = explain(&message, &source_line, &current, what);
            errors.push(d(message, hint));
            next = (!path.is_empty() && is_value_error(rest))
                .then(|| (path.to_string(), last_key(path)));
        }
        let Some((removed_path, key)) = next else {
            break;
        };
        if !blank_entry(&mut lines, line - 1, col.saturating_sub(1), key.as_deref()) {
            break;
        }
        removed.push(removed_path);
    }
    Err(errors)
}

/// The most a YAML text may hold once every alias (`*name`, a copy of what the anchor
/// `&name` marks) is replaced by what it stands for, counted as the bytes of its values
/// plus one for each value: twice the largest file sinew reads, so any file without
/// aliases is within it.
pub const MAX_EXPANDED: u64 = 2 * 10 * 1024 * 1024;

/// Refuses a text whose aliases would make it larger than [`MAX_EXPANDED`] (a "billion
/// laughs": a few kilobytes of anchors and aliases can stand for gigabytes). The text is
/// walked as serde_yaml expands it, counting and keeping nothing, and the walk stops as
/// soon as the count passes the limit, so this takes time and memory in proportion to
/// the limit at most, never to what the aliases would expand to.
fn check_expanded_size(
    text: &str,
    file: &Path,
    first_line: usize,
    what: &str,
) -> Result<(), Diagnostic> {
    // Without a `*` there is no alias, and nothing to expand.
    if !text.contains('*') {
        return Ok(());
    }
    let counted = std::cell::Cell::new(0);
    let walk = serde::de::DeserializeSeed::deserialize(
        Count(&counted),
        serde_yaml::Deserializer::from_str(text),
    );
    // Any other error is the typed parse's to report, in its own words.
    if walk.is_ok() || counted.get() <= MAX_EXPANDED {
        return Ok(());
    }
    let line = text
        .lines()
        .position(|l| l.contains('*'))
        .map(|i| first_line + i);
    Err(Diagnostic::error(
        "yaml-too-large",
        file,
        format!(
            "the {what} repeats its values with aliases (`*name`) so often that it would \
             grow past {} MB",
            MAX_EXPANDED / (1024 * 1024)
        ),
    )
    .at_line(line)
    .hint(
        "write each value out where it is needed instead of repeating it with `&name` and `*name`",
    ))
}

/// A serde visitor that walks any YAML value, adding its size to the count and failing
/// once the count passes [`MAX_EXPANDED`].
#[derive(Clone, Copy)]
struct Count<'a>(&'a std::cell::Cell<u64>);

impl Count<'_> {
    fn add<E: serde::de::Error>(self, bytes: usize) -> Result<(), E> {
        let n = self.0.get().saturating_add(bytes as u64 + 1);
        self.0.set(n);
        if n > MAX_EXPANDED {
            return Err(E::custom("too large once its aliases are expanded"));
        }
        Ok(())
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Count<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Count<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.add(0)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.add(8)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.add(8)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.add(8)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.add(v.len())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.add(0)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.add(0)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.add(0)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.add(0)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag value`): count the value.
        use serde::de::VariantAccess;
        let ((), value) = data.variant_seed(self)?;
        value.newtype_variant_seed(self)
    }
}

fn join(lines: &[Vec<char>]) -> String {
    let mut s = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        s.extend(l.iter());
    }
    s
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

/// Replaces one entry with spaces so the text types again with every line and column
/// where it was: the `key:` (or, with `key` `None`, the `- ` list item) at or before
/// 0-based `col` on 0-based `line`, with its value and the lines indented under it.
/// Returns whether anything changed.
fn blank_entry(lines: &mut [Vec<char>], line: usize, col: usize, key: Option<&str>) -> bool {
    let Some(l) = lines.get(line) else {
        return false;
    };
    let content_start = l
        .iter()
        .position(|c| !matches!(c, ' ' | '-'))
        .unwrap_or(l.len());
    let start = match key {
        Some(k) => {
            let pattern: Vec<char> = format!("{k}:").chars().collect();
            let limit = col + pattern.len();
            (0..l.len())
                .filter(|&i| i <= limit && l[i..].starts_with(&pattern))
                .rfind(|&i| i == 0 || matches!(l[i - 1], ' ' | '{' | ',' | '-' | '\t'))
                .unwrap_or(content_start)
        }
        None => (0..l.len().min(col + 1))
            .rfind(|&i| l[i] == '-' && l.get(i + 1).is_none_or(|c| *c == ' '))
            .unwrap_or(content_start),
    };
    let depth: i32 = l[..start]
        .iter()
        .map(|c| match c {
            '{' | '[' => 1,
            '}' | ']' => -1,
            _ => 0,
        })
        .sum();
    let end_of_line = l.iter().rposition(|c| *c != '\r').map_or(0, |i| i + 1);
    let mut changed = false;
    let mut blank = |row: &mut Vec<char>, from: usize, to: usize| {
        for c in &mut row[from..to] {
            if *c != ' ' {
                *c = ' ';
                changed = true;
            }
        }
    };
    if depth > 0 {
        // Inside a flow mapping or list (`{ sets: 2, reps: ten }`): up to the next comma.
        let mut d = 0;
        let mut end = end_of_line;
        for (i, c) in l.iter().enumerate().skip(start) {
            match c {
                '{' | '[' => d += 1,
                '}' | ']' if d == 0 => {
                    end = i;
                    break;
                }
                '}' | ']' => d -= 1,
                ',' if d == 0 => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        blank(&mut lines[line], start, end);
        return changed;
    }
    blank(&mut lines[line], start, end_of_line);
    for row in lines.iter_mut().skip(line + 1) {
        let indent = row.iter().position(|c| *c != ' ');
        match indent {
            None => continue,
            Some(i) if row[i] == '\r' || row[i] == '#' => continue,
            Some(i) if i > start => {
                let end = row.iter().rposition(|c| *c != '\r').map_or(0, |i| i + 1);
                blank(row, 0, end);
            }
            Some(_) => break,
        }
    }
    changed
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

/// Rewrites a serde_yaml message into plain words and picks a hint.
fn explain(message: &str, source_line: &str, text: &str, what: &str) -> (String, Option<String>) {
    // Errors inside a nested field come as "stages[0].start: invalid type ...".
    let (field, message) = split_path(message);
    if let Some(own) = message.strip_prefix(OWN) {
        let (own, hint) = own.split_once(HINT).unwrap_or((own, ""));
        let subject = if field.is_empty() {
            format!("the {what}")
        } else {
            format!("`{field}` in the {what}")
        };
        return (format!("{subject} {own}"), Some(hint.to_string()));
    }
    let field = (!field.is_empty()).then_some(field);
    if let Some(f) = field
        && (message.starts_with("invalid type") || message.starts_with("invalid value"))
    {
        return plain_type_error(f, message, what);
    }
    let (message, hint) = explain_plain(message, source_line, text, what);
    match field {
        Some(f) if !message.starts_with('`') => (format!("`{f}`: {message}"), hint),
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
    (
        format!("`{field}` in the {what} must be {wanted}, not {found}"),
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
        return (
            "this YAML has a tab character where it needs spaces".to_string(),
            Some("YAML needs spaces for indenting, not tabs: replace the tab with spaces".into()),
        );
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
    if message.contains("cannot start any token") && text.contains('\t') {
        return (
            "this YAML has a tab character where it needs spaces".to_string(),
            Some("YAML needs spaces for indenting, not tabs: replace the tab with spaces".into()),
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

/// The position of every key and list item of a YAML text, from the parser.
///
/// Paths are written as serde_yaml writes them: `title`, `dose.reps`, `stages[2].start`.
#[derive(Debug, Default)]
pub struct Spans {
    /// Path -> (1-based line, 1-based column) of the key (or the list item).
    at: BTreeMap<String, (usize, usize)>,
    /// Path -> the position of a key's second appearance in its mapping (a mistake).
    again: BTreeMap<String, (usize, usize)>,
}

enum Frame {
    Map {
        path: String,
        key: Option<String>,
    },
    Seq {
        path: String,
        index: usize,
    },
    /// A mapping or list used as a key: nothing inside is recorded.
    Skip,
}

impl Spans {
    /// Reads the positions of `text` (a byte-order mark is skipped). A text that does not
    /// parse has the positions found before the mistake.
    pub fn of(text: &str) -> Spans {
        use yaml_rust::parser::{Event, Parser};
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut spans = Spans::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut parser = Parser::new(text.chars());
        while let Ok((event, mark)) = parser.next() {
            let pos = (mark.line(), mark.col() + 1);
            let opens = matches!(event, Event::MappingStart(_) | Event::SequenceStart(_));
            let node = opens || matches!(event, Event::Scalar(..) | Event::Alias(_));
            if matches!(event, Event::MappingEnd | Event::SequenceEnd) {
                stack.pop();
                continue;
            }
            if matches!(event, Event::StreamEnd) {
                break;
            }
            if !node {
                continue;
            }
            // The path of this node as a value, or `None` when it is a mapping's key.
            let path: Option<String> = match stack.last_mut() {
                None => Some(String::new()),
                Some(Frame::Skip) => Some("\u{0}".into()),
                Some(Frame::Seq { path, index }) => {
                    let p = format!("{path}[{index}]");
                    *index += 1;
                    // An empty item (`-` and nothing after it) is marked at the next
                    // token: it belongs to the `-` before that.
                    let empty = matches!(&event, Event::Scalar(s, _, _, _) if s == "~")
                        && text.chars().nth(mark.index()) != Some('~');
                    let pos = if empty {
                        dash_before(text, mark.index()).unwrap_or(pos)
                    } else {
                        pos
                    };
                    spans.at.entry(p.clone()).or_insert(pos);
                    Some(p)
                }
                Some(Frame::Map { path, key }) => match key.take() {
                    Some(k) => Some(join_path(path, &k)),
                    None => {
                        if let Event::Scalar(s, ..) = &event {
                            let p = join_path(path, s);
                            match spans.at.entry(p) {
                                std::collections::btree_map::Entry::Occupied(o) => {
                                    spans.again.entry(o.key().clone()).or_insert(pos);
                                }
                                std::collections::btree_map::Entry::Vacant(v) => {
                                    v.insert(pos);
                                }
                            }
                            *key = Some(s.clone());
                            None
                        } else {
                            // A complex key: skip it, and its value after it.
                            *key = Some("\u{0}".into());
                            Some("\u{0}".into())
                        }
                    }
                },
            };
            if opens {
                let frame = match path {
                    Some(p) if p.contains('\u{0}') => Frame::Skip,
                    None => Frame::Skip,
                    Some(p) if matches!(event, Event::MappingStart(_)) => {
                        Frame::Map { path: p, key: None }
                    }
                    Some(p) => Frame::Seq { path: p, index: 0 },
                };
                stack.push(frame);
            }
        }
        spans
    }

    /// The 1-based line of the second appearance of the key `path`, when it appears twice.
    pub fn again(&self, path: &str) -> Option<usize> {
        self.again.get(path).map(|(l, _)| *l)
    }

    /// The path of the last key at or before 1-based `line` and `col` on that line.
    pub fn path_at(&self, line: usize, col: usize) -> Option<String> {
        self.at
            .iter()
            .filter(|(_, (l, c))| *l == line && *c <= col)
            .max_by_key(|(_, (_, c))| *c)
            .map(|(p, _)| p.clone())
    }

    /// The 1-based line of `path` (a key, or a list item such as `stages[2]`).
    pub fn line(&self, path: &str) -> Option<usize> {
        self.at.get(path).map(|(l, _)| *l)
    }
}

/// Marks a message from one of sinew's own field checks (see [`field_error`]).
const OWN: char = '\u{1e}';
/// Separates such a message from its hint.
const HINT: char = '\u{1f}';

/// An error for a `deserialize_with` check of one field: `message` continues "`field` in
/// the front matter ..." (e.g. "is empty, but it is required"), and `hint` says how to
/// fix it. [`parse`] puts it at the field's line.
pub fn field_error<E: serde::de::Error>(message: &str, hint: &str) -> E {
    E::custom(format!("{OWN}{message}{HINT}{hint}"))
}

/// For `#[serde(deserialize_with = "...")]` on a required text field: empty, only spaces
/// or null (`title:` with nothing after it) is an error, as if it were missing.
pub fn required_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_option(TextCheck(|s: &str| {
        if s.trim().is_empty() {
            Err(EMPTY)
        } else {
            Ok(s.to_string())
        }
    }))
}

const EMPTY: (&str, &str) = (
    "is empty, but it is required",
    "write the text after the colon, on the same line",
);

/// For `deserialize_with` on an optional text field checked by `check` (which says what
/// is wrong and how to fix it). The check runs while serde_yaml reads the value, so the
/// error carries the field's path and the value's line.
pub fn checked_text<'de, D, T>(
    d: D,
    check: impl Fn(&str) -> Result<T, (String, String)>,
) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Optional<F>(F);
    impl<'de, T, F: Fn(&str) -> Result<T, (String, String)>> serde::de::Visitor<'de> for Optional<F> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: serde::Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_str(self)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            (self.0)(v).map(Some).map_err(|(m, h)| field_error(&m, &h))
        }
    }
    d.deserialize_option(Optional(check))
}

/// Reads text (or nothing) and hands it to a check; nothing is [`EMPTY`].
struct TextCheck<F>(F);

impl<'de, F: Fn(&str) -> Result<String, (&'static str, &'static str)>> serde::de::Visitor<'de>
    for TextCheck<F>
{
    type Value = String;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<String, E> {
        Err(field_error(EMPTY.0, EMPTY.1))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<String, E> {
        Err(field_error(EMPTY.0, EMPTY.1))
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_str(self)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
        (self.0)(v).map_err(|(m, h)| field_error(m, h))
    }
}

/// The (1-based line, 1-based column) of the last `-` before char index `index`.
fn dash_before(text: &str, index: usize) -> Option<(usize, usize)> {
    let before: Vec<char> = text.chars().take(index).collect();
    let at = before.iter().rposition(|c| *c == '-')?;
    let line = before[..at].iter().filter(|c| **c == '\n').count() + 1;
    let col = at
        - before[..at]
            .iter()
            .rposition(|c| *c == '\n')
            .map_or(0, |n| n + 1)
        + 1;
    Some((line, col))
}

/// The line of `path` (see [`Spans`]) in `text`, which starts at line `first_line` of its
/// file: for errors found after typing (unknown ids and the like).
pub fn line_of(text: &str, first_line: usize, path: &str) -> Option<usize> {
    Spans::of(text).line(path).map(|l| first_line + l - 1)
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
    fn flow_mappings_are_blanked_one_entry_at_a_time() {
        let e = errs("title: a\ndose: { sets: x, reps: y }\n");
        assert_eq!(e.len(), 2, "{e:#?}");
        assert!(e[1].message.contains("`dose.reps`"), "{e:#?}");
    }

    #[test]
    fn spans_come_from_the_parser() {
        let text = "title: Your home program\nprogram: kne\nstages:\n  - exercise: a\n    start: { sets: 1 }\n  - exercise: b\n";
        let s = Spans::of(text);
        assert_eq!(s.line("program"), Some(2));
        assert_eq!(s.line("stages[1]"), Some(6));
        assert_eq!(s.line("stages[0].start.sets"), Some(5));
        assert_eq!(line_of(text, 2, "program"), Some(3));
        assert_eq!(line_of("\u{feff}a: 1\n", 1, "a"), Some(1));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in ".{0,200}") {
            let _ = parse::<T>(&s, Path::new("a.md"), 1, "front matter");
            let _ = Spans::of(&s);
        }
    }

    #[test]
    fn line_of_skips_comments_and_values() {
        let text = "name: A video\n# the video\nsteps: [video]\nvideo: a.mp4\n";
        assert_eq!(line_of(text, 1, "video"), Some(4));
        assert_eq!(line_of(text, 1, "poster"), None);
    }
}
