//! Refusing a YAML value longer than [`MAX_TEXT_BYTES`] (one step, one summary, one
//! title): each text is shown, printed and indexed for search, and some on many pages (an
//! exercise's summary on every card of it), so a value of megabytes (a file pasted into a
//! field) would make a slow build of pages nobody can read.

use super::Spans;
use crate::diagnostic::Diagnostic;
use std::path::Path;

/// The longest one text of a clinic's YAML may be, in bytes (an accented letter is two):
/// some 3,000 words, where a step, a caution or a summary is a sentence or two.
pub const MAX_TEXT_BYTES: usize = 20_000;

/// Refuses a text that has a value longer than [`MAX_TEXT_BYTES`], at the line where that
/// value starts. A text no longer than the limit cannot hold such a value and is not read
/// (nearly every one); a text that does not parse is left to the typed parse to report.
pub(super) fn check_text_lengths(
    text: &str,
    file: &Path,
    first_line: usize,
    what: &str,
) -> Result<(), Diagnostic> {
    use yaml_rust::parser::{Event, Parser};
    if text.len() <= MAX_TEXT_BYTES {
        return Ok(());
    }
    let mut parser = Parser::new(text.chars());
    while let Ok((event, mark)) = parser.next() {
        let long = match event {
            Event::Scalar(s, ..) if s.len() > MAX_TEXT_BYTES => s.len(),
            Event::StreamEnd => return Ok(()),
            _ => continue,
        };
        let (line, col) = (mark.line(), mark.col() + 1);
        // A block text (`description: |`) starts on the line below its key.
        let spans = Spans::of(text);
        let subject = match spans
            .path_at(line, col)
            .or_else(|| spans.path_at(line.checked_sub(1)?, usize::MAX))
        {
            Some(p) => format!("{} in the {what}", super::readable_path(&p)),
            None => format!("a text in the {what}"),
        };
        return Err(Diagnostic::error(
            "yaml-text-too-long",
            file,
            format!(
                "{subject} is {} KB long; sinew allows at most {} KB in one text",
                long.div_ceil(1000),
                MAX_TEXT_BYTES / 1000
            ),
        )
        .at_line(Some(first_line + line - 1))
        .hint(
            "keep each text to the few sentences a patient needs; if something was pasted in \
             by mistake, delete it; a long explanation belongs in a page of its own",
        ));
    }
    Ok(())
}
