//! The parser's (yaml-rust's) line and column of every key and list item of a YAML text,
//! which every check made after typing takes its line from.

use super::join_path;
use std::collections::BTreeMap;

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
        Spans::walk(text, |_, _, _, _| {})
    }

    /// [`Spans::of`], calling `scalar(path, (line, column), text, is_key)` for every
    /// scalar of `text` as the parser reads it (escapes such as `"\u001b"` decoded), keys
    /// included (a key's path is its own, with `is_key` true).
    pub(super) fn walk(
        text: &str,
        mut scalar: impl FnMut(&str, (usize, usize), &str, bool),
    ) -> Spans {
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
                    if let Event::Scalar(s, ..) = &event {
                        scalar(&p, pos, s, false);
                    }
                    Some(p)
                }
                Some(Frame::Map { path, key }) => match key.take() {
                    Some(k) => {
                        let p = join_path(path, &k);
                        if let Event::Scalar(s, ..) = &event {
                            scalar(&p, pos, s, false);
                        }
                        Some(p)
                    }
                    None => {
                        if let Event::Scalar(s, ..) = &event {
                            let p = join_path(path, s);
                            scalar(&p, pos, s, true);
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

    /// `path`, a path in `now` (the spans of this text with entries blanked out), with
    /// its list items numbered as in this text: the longest prefix ending in a list item
    /// (`stages[0]`) is replaced by the path of the item at the same line and column here.
    pub fn renumbered(&self, path: &str, now: &Spans) -> String {
        for (i, _) in path.rmatch_indices(']') {
            let prefix = &path[..=i];
            let Some(at) = now.at.get(prefix) else {
                continue;
            };
            if let Some((was, _)) = self
                .at
                .iter()
                .find(|(p, pos)| *pos == at && p.ends_with(']'))
            {
                return format!("{was}{}", &path[i + 1..]);
            }
        }
        path.to_string()
    }

    /// The 1-based line and column of `path` (a key, or a list item such as `stages[2]`).
    pub fn position(&self, path: &str) -> Option<(usize, usize)> {
        self.at.get(path).copied()
    }

    /// The 1-based line of `path` (a key, or a list item such as `stages[2]`).
    pub fn line(&self, path: &str) -> Option<usize> {
        self.at.get(path).map(|(l, _)| *l)
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

/// Calls `value(path, line, text)` for every value of `text` that is text (a scalar,
/// not a key), as the parser reads it, with its 1-based line in `text`: for checks of
/// what a clinic wrote in a field (`quality`'s quoted texts).
pub fn each_value(text: &str, mut value: impl FnMut(&str, usize, &str)) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Spans::walk(text, |path, (line, _), s, is_key| {
        if !is_key {
            value(path, line, s);
        }
    });
}

/// The line of `path` (see [`Spans`]) in `text`, which starts at line `first_line` of its
/// file: for errors found after typing (unknown ids and the like).
pub fn line_of(text: &str, first_line: usize, path: &str) -> Option<usize> {
    Spans::of(text).line(path).map(|l| first_line + l - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn line_of_skips_comments_and_values() {
        let text = "name: A video\n# the video\nsteps: [video]\nvideo: a.mp4\n";
        assert_eq!(line_of(text, 1, "video"), Some(4));
        assert_eq!(line_of(text, 1, "poster"), None);
    }
}
