//! `placeholder`: text the clinic still has to replace, marked with [`MARKER`] (the starter
//! site of `sinew init` and the files of `sinew new` mark every placeholder this way).
//!
//! The marker counts anywhere on a line, comments included, so that a reminder left in a
//! comment is found too.

use crate::content::Content;
use crate::diagnostic::Diagnostic;
use std::path::Path;

/// The marker of placeholder text: a line containing it still needs the clinic's own words.
/// Capital letters and the colon are part of it, so ordinary prose ("replace the ice pack")
/// never matches.
pub const MARKER: &str = "REPLACE:";

/// How much of the placeholder the message quotes.
const QUOTE_CHARS: usize = 80;

/// One `placeholder` warning for every line of `text` holding the marker. `first_line` is
/// the file line of `text`'s first line.
pub fn in_text(text: &str, file: &Path, first_line: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(at) = line.find(MARKER) else {
            continue;
        };
        let rest = line[at..].trim_end().trim_end_matches(['"', '\'']);
        let quoted: String = if rest.chars().count() > QUOTE_CHARS {
            let cut: String = rest.chars().take(QUOTE_CHARS).collect();
            format!("{} ...", cut.trim_end())
        } else {
            rest.to_string()
        };
        out.push(
            Diagnostic::warning(
                "placeholder",
                file,
                format!("placeholder still to replace: \"{quoted}\""),
            )
            .at_line(Some(first_line + i))
            .hint(format!(
                "write your clinic's own words here and delete `{MARKER}`; a clinician must write or \
                 check any health advice before it is published"
            )),
        );
    }
    out
}

/// `placeholder` in `site.yaml` and every page (front matter and body), exercise and
/// ladder.
pub(crate) fn content(c: &Content) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = super::yaml_texts(c)
        .into_iter()
        .flat_map(|(text, file, first_line)| in_text(text, file, first_line))
        .collect();
    for p in &c.pages {
        out.extend(in_text(&p.body, &p.file, p.body_line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, String)> {
        in_text(text, Path::new("a.yaml"), 1)
            .into_iter()
            .map(|d| (d.line.unwrap(), d.message))
            .collect()
    }

    #[test]
    fn finds_each_marked_line_with_its_number() {
        let text = "title: Clinic\nphone: \"REPLACE: your phone number\"\n# REPLACE: a reminder\nok: yes\n";
        assert_eq!(
            lines(text),
            vec![
                (
                    2,
                    "placeholder still to replace: \"REPLACE: your phone number\"".to_string()
                ),
                (
                    3,
                    "placeholder still to replace: \"REPLACE: a reminder\"".to_string()
                ),
            ]
        );
    }

    #[test]
    fn ordinary_words_do_not_count() {
        assert!(lines("Replace: the ice pack.\nREPLACE the bandage\nreplace: it\n").is_empty());
    }

    #[test]
    fn long_placeholders_are_cut_on_a_character_boundary() {
        let text = format!("REPLACE: {}", "é".repeat(200));
        let (_, msg) = &lines(&text)[0];
        assert!(msg.ends_with(" ...\""), "{msg}");
        assert!(msg.chars().count() < 130, "{msg}");
    }

    #[test]
    fn first_line_offsets_the_numbers() {
        let d = in_text("a\nb REPLACE: c", Path::new("p.md"), 7);
        assert_eq!(d[0].line, Some(8));
        assert_eq!(d[0].rule, "placeholder");
        assert!(d[0].hint.as_deref().unwrap().contains("clinician"));
    }
}
