//! `quoted-text`: a text field whose whole value is inside quotes, as a word processor
//! leaves it (`title: “About us”` gave the tab title `“About us” | Clinic`): YAML keeps
//! curly quotes (and straight ones inside other quotes) as part of the text, so they
//! show on the page.

use crate::content::Content;
use crate::diagnostic::Diagnostic;
use std::path::Path;

/// The pairs of quotes that can wrap a whole value: curly (English, German), guillemets
/// (both ways round), straight.
const PAIRS: [(char, char); 9] = [
    ('“', '”'),
    ('‘', '’'),
    ('„', '“'),
    ('„', '”'),
    ('‚', '‘'),
    ('«', '»'),
    ('»', '«'),
    ('"', '"'),
    ('\'', '\''),
];

/// Fields that hold an address, a name of a file or an id, checked as such elsewhere
/// (a quoted address is an error there).
const NOT_TEXT: [&str; 14] = [
    "url",
    "link",
    "image",
    "video",
    "poster",
    "captions",
    "booking_url",
    "base_url",
    "aliases",
    "condition",
    "pacing",
    "template",
    "program",
    "exercise",
];

/// The text inside the quotes when the whole of `value` is inside one pair of quotes
/// (and no other quote of that pair is inside it), else `None`.
pub fn inside_quotes(value: &str) -> Option<&str> {
    let v = value.trim();
    PAIRS.iter().find_map(|(open, close)| {
        let inner = v.strip_prefix(*open)?.strip_suffix(*close)?;
        (!inner.trim().is_empty() && !inner.contains([*open, *close])).then_some(inner)
    })
}

/// One `quoted-text` warning for every text value of the YAML `text` (which starts at line
/// `first_line` of `file`) wholly inside quotes.
pub fn in_yaml(text: &str, file: &Path, first_line: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    crate::yaml::each_value(text, |path, line, value| {
        let key = path.rsplit('.').next().unwrap_or(path);
        let key = key.split('[').next().unwrap_or(key);
        if NOT_TEXT.contains(&key) {
            return;
        }
        let Some(inner) = inside_quotes(value) else {
            return;
        };
        let field = if path.contains(['.', '[']) {
            crate::yaml::readable_path(path)
        } else {
            format!("the {}", path.replace('_', " "))
        };
        out.push(
            Diagnostic::warning(
                "quoted-text",
                file,
                format!(
                    "{field} is written inside quotes, `{}`: the quotes would show on the page \
                     as part of the text",
                    value.trim()
                ),
            )
            .at_line(Some(first_line + line - 1))
            .hint(format!(
                "remove the quotes around {field}, keeping the words inside them: `{}`",
                inner.trim()
            )),
        );
    });
    out
}

/// `quoted-text` in `site.yaml` and every page's front matter, exercise and ladder.
pub(crate) fn content(c: &Content) -> Vec<Diagnostic> {
    super::yaml_texts(c)
        .into_iter()
        .flat_map(|(text, file, first_line)| in_yaml(text, file, first_line))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_value_in_quotes_is_found_and_a_quote_inside_is_not() {
        for (value, inner) in [
            ("“About us”", Some("About us")),
            (" ‘Knee’ ", Some("Knee")),
            ("„Knie“", Some("Knie")),
            ("«Rodilla»", Some("Rodilla")),
            ("\"About\"", Some("About")),
            ("The “best” knee", None),
            ("“One” and “two”", None),
            ("“”", None),
            ("About us", None),
        ] {
            assert_eq!(inside_quotes(value), inner, "{value}");
        }
    }

    #[test]
    fn each_quoted_field_is_named_at_its_line() {
        let text = "title: “About us”\ndescription: '\"Who we are\"'\nsteps:\n  - “Bend”\nurl: “https://x.example/”\n";
        let d = in_yaml(text, Path::new("a.md"), 2);
        let got: Vec<(Option<usize>, &str)> = d
            .iter()
            .map(|d| (d.line, d.hint.as_deref().unwrap()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Some(2),
                    "remove the quotes around the title, keeping the words inside them: `About us`"
                ),
                (
                    Some(3),
                    "remove the quotes around the description, keeping the words inside them: `Who we are`"
                ),
                (
                    Some(5),
                    "remove the quotes around item 1 of `steps`, keeping the words inside them: `Bend`"
                ),
            ]
        );
    }
}
