//! Problems found in a site: the `Diagnostic` type, collecting them, and printing them for
//! people (text) and for machines (JSON).

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Reported, but the site still builds.
    Warning,
    /// For information only: `sinew check --strict` does not fail on it (a rule the
    /// clinic turned down with `rules: {rule: note}`).
    Note,
}

/// One problem in one file, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable, short rule name such as `yaml` or `broken-link`.
    pub rule: &'static str,
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A new error about `file`.
    pub fn error(rule: &'static str, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            rule,
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A new warning about `file`.
    pub fn warning(
        rule: &'static str,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(rule, file, message)
        }
    }

    /// Sets the line (1-based).
    pub fn at_line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    /// Sets line and column (1-based).
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Sets the fix hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this stops a build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        // File names and messages (which quote names and text from the site) reach a
        // terminal: a control character in them must not move the cursor, change colours
        // or start a line of its own that looks like another problem.
        let message = for_terminal(&self.message, Newlines::Indent);
        writeln!(f, "{kind}[{}]: {message}", self.rule)?;
        let file = self.file.to_string_lossy();
        write!(f, "  --> {}", for_terminal(&file, Newlines::Escape))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = help: {}", for_terminal(hint, Newlines::Indent))?;
        }
        Ok(())
    }
}

/// What [`for_terminal`] does with a line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Newlines {
    /// Shows it as `\n` (in a file name, where it is never meant).
    Escape,
    /// Keeps it, indenting the next line, so that it can never start a line of its own
    /// (in a message that quotes several lines).
    Indent,
}

/// `text` safe to print on a terminal: control characters (escape codes, carriage
/// returns, ...) and the invisible characters that reorder text (bidirectional
/// overrides) are shown as Rust-style escapes such as `\u{1b}`.
pub fn for_terminal(text: &str, newlines: Newlines) -> std::borrow::Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(unsafe_char) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' if newlines == Newlines::Indent => out.push_str("\n    "),
            c if unsafe_char(c) => out.extend(c.escape_debug()),
            c => out.push(c),
        }
    }
    out.into()
}

/// A list of problems, kept in a stable order so output is deterministic.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds many problems.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// Sorts by file, line, then message, and drops exact duplicates.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
        });
        self.0.dedup();
    }

    /// Sorts what matters first: errors, then warnings, then notes, each by file, line
    /// and message (the order of `sinew check`'s report), and drops exact duplicates.
    pub fn sort_by_severity(&mut self) {
        self.0.sort_by(|a, b| {
            (a.severity, &a.file, a.line, a.column, &a.message)
                .cmp(&(b.severity, &b.file, b.line, b.column, &b.message))
        });
        self.0.dedup();
    }

    /// Number of findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.0.iter().filter(|d| d.severity == severity).count()
    }

    /// The whole list as one text block, one blank line between problems.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for d in &self.0 {
            out.push_str(&d.to_string());
            out.push_str("\n\n");
        }
        out
    }

    /// The whole list as a JSON array.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.0).expect("diagnostics serialize")
    }
}

/// Turns an absolute path into one relative to `root` for messages.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Suggests the closest of `candidates` to `word`, if any is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_order_puts_errors_first_and_keeps_file_and_line_order_inside() {
        let mut note = Diagnostic::warning("vague-link", "content/a.md", "n").at_line(Some(1));
        note.severity = Severity::Note;
        let mut all = Diagnostics(vec![
            note.clone(),
            Diagnostic::warning("heading-skip", "content/b.md", "w2").at_line(Some(9)),
            Diagnostic::warning("heading-skip", "content/b.md", "w1").at_line(Some(3)),
            Diagnostic::error("yaml", "content/z.yaml", "e").at_line(Some(2)),
            Diagnostic::warning("orphan-page", "content/a.md", "w0"),
            note,
        ]);
        all.sort_by_severity();
        let order: Vec<&str> = all.0.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, ["e", "w0", "w1", "w2", "n"]);
        assert_eq!(
            (
                all.count(Severity::Error),
                all.count(Severity::Warning),
                all.count(Severity::Note)
            ),
            (1, 3, 1)
        );
    }

    #[test]
    fn display_names_file_line_and_hint() {
        let d = Diagnostic::error("front-matter", "content/a.md", "unknown field `titel`")
            .at(2, 1)
            .hint("did you mean `title`?");
        assert_eq!(
            d.to_string(),
            "error[front-matter]: unknown field `titel`\n  --> content/a.md:2:1\n  = help: did you mean `title`?"
        );
    }

    #[test]
    fn did_you_mean_finds_typos_only() {
        let fields = ["title", "description", "tags"];
        assert_eq!(did_you_mean("titel", fields), Some("title"));
        assert_eq!(did_you_mean("descripton", fields), Some("description"));
        assert_eq!(did_you_mean("zzz", fields), None);
    }

    #[test]
    fn names_cannot_forge_lines_or_send_escape_codes_to_the_terminal() {
        let d = Diagnostic::error(
            "x",
            "content/a\u{1b}[2J\nerror[fake]: all is well.md",
            "a link to `b\u{1b}]0;title\u{7}` \u{202e}fdp.exe\nsecond line",
        )
        .hint("rename\r`c`");
        let text = d.to_string();
        assert_eq!(
            text,
            "error[x]: a link to `b\\u{1b}]0;title\\u{7}` \\u{202e}fdp.exe\n    second line\n  \
             --> content/a\\u{1b}[2J\\nerror[fake]: all is well.md\n  = help: rename\\r`c`"
        );
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
        assert!(text.lines().all(|l| !l.starts_with("error[fake]")));
        // JSON is for programs and keeps the text as it is.
        let json = Diagnostics(vec![d]).to_json();
        assert!(json.contains("\\u001b[2J\\nerror[fake]"), "{json}");
    }
}
