//! One source file read and typed: its text (size, encoding), a page's front matter,
//! an exercise or a ladder; a page's body or a whole page read again.

use super::{
    Asset, EXERCISES_DIR, Exercise, FrontMatter, LADDERS_DIR, Ladder, MAX_SOURCE_BYTES, Page,
    PageKind, exercise, front_matter, ladder, trust,
};
use crate::diagnostic::{Diagnostic, relative};
use crate::text::NotText;
use crate::yaml;
use std::path::{Path, PathBuf};

/// Reads `page`'s Markdown body again from its file, for a build that has let it go
/// (to find the line a broken address is written on). The file must still have the
/// front matter it was loaded with (everything else about the page was decided from
/// it); if it has been saved since with a different one, this is an error
/// (`changed-while-building`) rather than a mix of the two.
pub fn read_body(root: &Path, page: &Page) -> Result<String, Diagnostic> {
    let path = root.join(&page.file);
    let text = read_text(&path, &page.file)?;
    match front_matter::split(&text) {
        Ok(s) if s.yaml == page.front_matter && s.body_line == page.body_line => {
            Ok(s.body.to_string())
        }
        _ => Err(Diagnostic::error(
            "changed-while-building",
            &page.file,
            "this file was changed while the site was being built",
        )
        .hint("build again once it is saved; nothing was published")),
    }
}

pub(super) enum Loaded {
    Page(Box<Page>),
    Exercise(Box<Exercise>),
    Ladder(Box<Ladder>),
    Asset(Asset),
}

/// Reads a text file, turning every failure into a diagnostic naming it as `file` (its
/// path relative to the site, `relative(root, path)`: made once by the caller, as
/// `Path::strip_prefix` walks both paths' components, 2,500 instructions a source).
pub(super) fn read_text(path: &Path, file: &Path) -> Result<String, Diagnostic> {
    use std::io::Read;
    let cannot =
        |e: std::io::Error| Diagnostic::error("read", file, format!("cannot read this file: {e}"));
    // Opened once and measured through the open file, by the `fstat` that checks it is
    // an ordinary file: a stat of the path beforehand, the size `read_to_end` looks up
    // again on a `File`, and a second `fstat` were each one system call more a file.
    let (f, meta) = crate::fsutil::open_regular_measured(
        path,
        std::fs::OpenOptions::new().read(true),
        crate::fsutil::Links::Follow,
    )
    .map_err(cannot)?;
    let too_large = |len: u64| {
        Diagnostic::error(
            "too-large",
            file,
            format!("this file is {} MB; sinew refuses text files over {} MB", len / (1024 * 1024), MAX_SOURCE_BYTES / (1024 * 1024)),
        )
        .hint("a page this big is almost certainly a mistake (a pasted image or export?): split it or remove it")
    };
    let len = meta.len();
    if len > MAX_SOURCE_BYTES {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(len as usize + 1);
    // A file that grew past the limit since it was measured is refused all the same.
    (&f).take(MAX_SOURCE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    crate::text::decode(bytes).map_err(|why| match why {
        NotText::Utf16 => Diagnostic::error(
            "not-utf8",
            file,
            "this file is saved as UTF-16 (\"Unicode\"), not UTF-8",
        )
        .hint("open it in your editor and save it again with the encoding \"UTF-8\""),
        NotText::Binary => Diagnostic::error("not-text", file, "this looks like a binary file, not text")
            .hint("only Markdown (.md) and YAML (.yaml) files can be content; move pictures and documents to `static/`"),
        NotText::NotUtf8 { line } => {
            Diagnostic::error("not-utf8", file, "this file is not saved as UTF-8 text")
                .at_line(Some(line))
                .hint("open it in your editor and save it with the encoding \"UTF-8\"")
        }
    })
}

pub(super) fn load_one(root: &Path, rel: &str, path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let file = relative(root, path);
    let (dir, name) = match rel.rsplit_once('/') {
        Some((d, n)) => (d, n),
        None => ("", rel),
    };
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) => (s, e.to_ascii_lowercase()),
        None => (name, String::new()),
    };
    let is_yaml = ext == "yaml" || ext == "yml";
    match ext.as_str() {
        "md" | "markdown" => {
            load_page(rel, dir, stem, path, file).map(|p| Loaded::Page(Box::new(p)))
        }
        _ if is_yaml && (dir == EXERCISES_DIR || dir == LADDERS_DIR) => {
            check_id(stem, &file).map_err(|d| vec![d])?;
            let text = read_text(path, &file).map_err(|d| vec![d])?;
            if dir == EXERCISES_DIR {
                let data: exercise::ExerciseData = yaml::parse(&text, &file, 1, "exercise")?;
                let reviewed = trust::parse_reviewed(data.reviewed.as_deref(), &file, &text, 1)
                    .map_err(|d| vec![d])?;
                Ok(Loaded::Exercise(Box::new(Exercise {
                    id: stem.to_string(),
                    file,
                    text,
                    data,
                    reviewed,
                })))
            } else {
                let data: ladder::LadderData = yaml::parse(&text, &file, 1, "exercise ladder")?;
                let reviewed = trust::parse_reviewed(data.reviewed.as_deref(), &file, &text, 1)
                    .map_err(|d| vec![d])?;
                Ok(Loaded::Ladder(Box::new(Ladder {
                    id: stem.to_string(),
                    file,
                    text,
                    data,
                    reviewed,
                })))
            }
        }
        _ if is_yaml => Err(vec![
            Diagnostic::error(
                "misplaced-yaml",
                file,
                "sinew does not know what this YAML file is",
            )
            .hint("exercises go in `content/exercises/`, exercise ladders in `content/programs/`"),
        ]),
        // Notepad saves `knee.md` as `knee.md.txt` unless told otherwise, and Windows
        // hides the `.txt`: the clinic sees its page or exercise, which would be published
        // as a text file and missing from the site without a word.
        "txt" if matches!(
            stem.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).as_deref(),
            Some("md" | "markdown" | "yaml" | "yml")
        ) =>
        {
            Err(vec![
                Diagnostic::error(
                    "text-file-extension",
                    file,
                    "this file's name ends in `.txt`, so it is published as a text file, not read as a page or an exercise",
                )
                .hint(format!(
                    "rename it to `{stem}` (Windows may hide the `.txt` at the end: turn on \"File name extensions\" in File Explorer's View menu to see it)"
                )),
            ])
        }
        // A picture that runs scripts is refused (`svg::diagnostic`).
        "svg" => {
            if let Ok(bytes) = crate::fsutil::read_regular(path)
                && let Some(d) = crate::svg::diagnostic(&file, &String::from_utf8_lossy(&bytes))
            {
                return Err(vec![d]);
            }
            Ok(Loaded::Asset(Asset {
                rel: rel.to_string(),
                path: path.to_path_buf(),
            }))
        }
        _ => Ok(Loaded::Asset(Asset {
            rel: rel.to_string(),
            path: path.to_path_buf(),
        })),
    }
}

pub(super) fn check_id(stem: &str, file: &Path) -> Result<(), Diagnostic> {
    let ok = !stem.is_empty()
        && stem
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        return Ok(());
    }
    let hint = match crate::names::ascii_id(stem) {
        id if id.is_empty() => {
            "rename the file with lowercase letters a to z, digits and hyphens only (no accents), such as `knee-bend`".to_string()
        }
        id => format!(
            "rename the file to `{id}` (lowercase letters a to z, digits and hyphens only, no accents)"
        ),
    };
    Err(Diagnostic::error(
        "bad-id",
        file,
        format!("the file name `{stem}` cannot be used as an id"),
    )
    .hint(hint))
}

/// Reads the page `content/<rel>` again exactly as [`load`] reads it (for an incremental
/// rebuild), or the problem a full load would report for it.
pub(crate) fn reload_page(root: &Path, rel: &str) -> Result<Page, Vec<Diagnostic>> {
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let path = root.join("content").join(rel);
    let file = relative(root, &path);
    load_page(rel, dir, stem, &path, file)
}

/// Reads and types the page `content/<rel>` at `path`, named `file` in messages.
pub(super) fn load_page(
    rel: &str,
    dir: &str,
    stem: &str,
    path: &Path,
    file: PathBuf,
) -> Result<Page, Vec<Diagnostic>> {
    let text = read_text(path, &file).map_err(|d| vec![d])?;
    let split = front_matter::split(&text).map_err(|e| match e {
        front_matter::SplitError::Missing => Diagnostic::error("front-matter", &file, "this page has no front matter")
            .at_line(Some(1))
            .hint("start the file with a line `---`, then `title: Your page title`, then another line `---`"),
        front_matter::SplitError::Unterminated => {
            Diagnostic::error("front-matter", &file, "the front matter is never closed").at_line(Some(1)).hint(
                "add a line with just `---` after the last front-matter field (did you forget to add `---`?)",
            )
        }
    }).map_err(|d| vec![d])?;
    let meta: FrontMatter = yaml::parse(split.yaml, &file, split.yaml_line, "front matter")?;
    if let Some(d) = body_control_character(split.body, split.body_line, &file) {
        return Err(vec![d]);
    }
    meta.check_numbers(split.yaml, split.yaml_line, &file)
        .map_err(|d| vec![d])?;
    // `reviewed` was checked while typing (`front_matter::reviewed_date`).
    let reviewed =
        trust::parse_reviewed(meta.reviewed.as_deref(), &file, split.yaml, split.yaml_line)
            .map_err(|d| vec![d])?;
    let kind = if stem == "index" {
        if dir.is_empty() {
            PageKind::Home
        } else {
            PageKind::Section
        }
    } else {
        PageKind::Regular
    };
    Ok(Page {
        source: rel.to_string(),
        file,
        section: dir.to_string(),
        kind,
        meta,
        front_matter: split.yaml.to_string(),
        reviewed,
        body: split.body.to_string(),
        body_line: split.body_line,
        in_own_folder: false,
        lang: None,
        original: rel.to_string(),
        body_aside: None,
    })
}

/// An error for the first invisible control character (`yaml::is_refused_control`: C0 but
/// tab, line feed and carriage return; DEL; C1) in a page's Markdown `body`, whose first
/// line is line `body_line` of `file`: it would reach the page and the search index as it
/// is (a vertical tab, U+000B, is how Word's line break arrives when pasted).
fn body_control_character(body: &str, body_line: usize, file: &Path) -> Option<Diagnostic> {
    // Nearly every body has none: ruled out by one pass over its bytes (64 at a time, which
    // the compiler turns into vector instructions); 0xC2 starts a C1 character, and also
    // `°` or `£`, which the slower look below tells apart.
    let suspect = body.as_bytes().chunks(64).any(|chunk| {
        chunk.iter().fold(false, |seen, &b| {
            seen | (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') | (b == 0x7f) | (b == 0xc2)
        })
    });
    if !suspect {
        return None;
    }
    body.split('\n').enumerate().find_map(|(i, line)| {
        let (col, c) = line
            .chars()
            .enumerate()
            .find(|&(_, c)| yaml::is_refused_control(c))?;
        Some(
            Diagnostic::error(
                "control-character",
                file,
                format!(
                    "the page's text holds an invisible control character, {}: it would reach \
                     the page and the search index as it is",
                    yaml::control_name(c)
                ),
            )
            .at(body_line + i, col + 1)
            .hint(
                "delete it (put the cursor just after it and press Backspace), or retype the \
                 line: it often comes pasted from another program",
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_control_character_in_a_body_is_named_at_its_line_and_column() {
        let f = Path::new("content/a.md");
        let d = body_control_character("Fine.\nLine one\u{b}line two\n", 4, f).unwrap();
        assert_eq!((d.line, d.column), (Some(5), Some(9)));
        assert!(d.message.contains("U+000B (vertical tab"), "{}", d.message);
        let d = body_control_character("caf\u{e9} \u{b0}C\n\u{85}x", 1, f).unwrap();
        assert_eq!((d.line, d.column), (Some(2), Some(1)), "{}", d.message);
        for fine in ["Tabs\tand\r\nlines, 20 \u{b0}C, \u{a3}5, \u{a0}.\n", ""] {
            assert!(body_control_character(fine, 1, f).is_none(), "{fine:?}");
        }
    }

    #[test]
    fn a_source_over_the_limit_is_refused_and_one_at_it_is_read() {
        let d = tempfile::tempdir().unwrap();
        let page = d.path().join("big.md");
        let at_limit = "a".repeat(MAX_SOURCE_BYTES as usize);
        std::fs::write(&page, &at_limit).unwrap();
        let file = relative(d.path(), &page);
        assert_eq!(read_text(&page, &file).unwrap().len(), at_limit.len());
        std::fs::write(&page, at_limit + "a").unwrap();
        let e = read_text(&page, &file).unwrap_err();
        assert_eq!(e.rule, "too-large");
        assert_eq!(e.file, std::path::Path::new("big.md"));
    }

    #[test]
    fn a_body_read_again_is_the_files_unless_its_front_matter_changed() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        std::fs::create_dir(root.join("content")).unwrap();
        let file = root.join("content/knee.md");
        std::fs::write(&file, "---\ntitle: Knee\n---\n\nRest.\n").unwrap();
        let page = reload_page(root, "knee.md").unwrap();
        assert_eq!(read_body(root, &page).unwrap(), "\nRest.\n");
        // Saved again with a new body: the page is the same page, read as it is now.
        std::fs::write(&file, "---\ntitle: Knee\n---\n\nIce.\n").unwrap();
        assert_eq!(read_body(root, &page).unwrap(), "\nIce.\n");
        // A new front matter would change what was decided from it: the build stops.
        std::fs::write(&file, "---\ntitle: Knee pain\n---\n\nIce.\n").unwrap();
        let d = read_body(root, &page).unwrap_err();
        assert_eq!(d.rule, "changed-while-building");
        assert_eq!(d.file, Path::new("content/knee.md"));
        assert!(d.hint.is_some());
        std::fs::remove_file(&file).unwrap();
        assert_eq!(read_body(root, &page).unwrap_err().rule, "read");
    }
}
