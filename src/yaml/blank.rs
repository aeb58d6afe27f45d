//! Blanking one mistaken entry of a YAML text with spaces, so that the text types again
//! with every other line and column where it was.

pub(super) fn join(lines: &[Vec<char>]) -> String {
    let mut s = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        s.extend(l.iter());
    }
    s
}

/// Replaces one entry with spaces so the text types again with every line and column
/// where it was: the `key:` (or, with `key` `None`, the `- ` list item) at or before
/// 0-based `col` on 0-based `line`, with its value and the lines indented under it.
/// Returns whether anything changed.
pub(super) fn blank_entry(
    lines: &mut [Vec<char>],
    line: usize,
    col: usize,
    key: Option<&str>,
) -> bool {
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
