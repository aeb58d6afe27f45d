//! Office documents the site publishes (a Word file dropped into `content/` or
//! `static/` is copied to the website as it is, like a PDF leaflet).

use crate::diagnostic::Diagnostic;
use crate::render::{Body, OutFile};
use std::path::Path;

/// Endings of office documents (compared without case), with what patients call them.
const OFFICE: &[(&str, &str)] = &[
    ("doc", "Word document"),
    ("docx", "Word document"),
    ("docm", "Word document"),
    ("rtf", "Word document"),
    ("odt", "text document"),
    ("pages", "Pages document"),
    ("xls", "spreadsheet"),
    ("xlsx", "spreadsheet"),
    ("xlsm", "spreadsheet"),
    ("ods", "spreadsheet"),
    ("numbers", "spreadsheet"),
    ("ppt", "presentation"),
    ("pptx", "presentation"),
    ("odp", "presentation"),
    ("key", "presentation"),
];

/// One warning for every office document the site copies, naming the file in the site
/// folder. Such a file keeps what is not on its page (the author's name, comments,
/// tracked changes, earlier drafts; in a clinic, sometimes a patient's name), and many
/// phones cannot open it; a PDF shows the same on every phone and keeps none of that.
pub fn check(root: &Path, files: &[OutFile]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for f in files {
        let Body::File(path) = &f.body else {
            continue;
        };
        let Some((_, ext)) = f.path.rsplit_once('.') else {
            continue;
        };
        let ext = ext.to_ascii_lowercase();
        let Some((_, kind)) = OFFICE.iter().find(|(x, _)| *x == ext) else {
            continue;
        };
        let shown = path.strip_prefix(root).unwrap_or(path);
        let shown = shown.to_string_lossy().replace('\\', "/");
        out.push(
            Diagnostic::warning(
                "office-document",
                shown.as_str(),
                format!(
                    "the {kind} `{shown}` is published on the website as it is: anyone can \
                     download it, with the author's name, comments and tracked changes it \
                     keeps, and many phones cannot open it"
                ),
            )
            .hint(
                "check that it holds nothing private, save it as a PDF (File > Save As, then \
                 PDF), link to the PDF instead and delete this file; if it should not be on \
                 the website at all, move it out of the site folder",
            ),
        );
    }
    out
}
