//! `copied-file`: a page, exercise or ladder, or a picture or document the site publishes,
//! whose file (or folder) is named as Windows, macOS, a browser or a cloud drive names a
//! copy (`about - Copy.md`, `about (1).md`, `Copy of about.md`, `about copy.md`,
//! `logo (1).png`) beside the file it copies: left in `content/` or `static/`, it is
//! published as a second page, often with old advice, or a second file that a page may
//! show instead of the current one.

use crate::content::Content;
use crate::diagnostic::{Diagnostic, relative};
use crate::render::{Body, OutFile};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The words Windows puts after a copied name (` - Copy`), in the languages sinew has
/// tables for and its neighbours', lower-case.
const COPY_SUFFIXES: [&str; 5] = [" - copy", " - copia", " - kopie", " - copie", " - cópia"];

/// The words a copy's name starts with (`Copy of`, Google Drive and older Windows).
const COPY_PREFIXES: [&str; 3] = ["copy of ", "copia de ", "kopie von "];

/// `name` (a file's name without its endings, or a folder's) without the mark of a copy,
/// or `None` when it has none: `about - Copy`, `about - Copy (2)`, `about (1)`,
/// `about(1)`, `Copy of about`, `about copy`, `about copy 2` are all `about`.
pub fn original_name(name: &str) -> Option<&str> {
    let lower = name.to_lowercase();
    // A number in brackets at the end: `about (1)`, `about - Copy (2)`, and Firefox's
    // `about(1)` without the space.
    let numbered = lower
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once('('))
        .filter(|(_, n)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        .map(|(s, _)| s.strip_suffix(' ').unwrap_or(s).len());
    let end = numbered.unwrap_or(lower.len());
    let base = &lower[..end];
    let cut = COPY_SUFFIXES
        .iter()
        .find_map(|s| base.strip_suffix(s))
        .or_else(|| base.strip_suffix(" copy"))
        .or_else(|| {
            // macOS: `about copy 2`.
            let (s, n) = base.rsplit_once(" copy ")?;
            n.chars().all(|c| c.is_ascii_digit()).then_some(s)
        })
        .map(str::len)
        .or(numbered);
    if let Some(len) = cut {
        // Lower-casing can change byte lengths only outside ASCII: cut the original
        // where the lower-case cut falls, if that is a boundary of the same text.
        return (len > 0
            && name.is_char_boundary(len)
            && name[..len].to_lowercase() == lower[..len])
            .then(|| name[..len].trim_end());
    }
    COPY_PREFIXES.iter().find_map(|p| {
        lower
            .starts_with(p)
            .then(|| &name[p.len()..])
            .filter(|rest| !rest.trim().is_empty() && name.is_char_boundary(p.len()))
    })
}

/// The file `file` would be if the first part of its path named as a copy had its
/// original's name, or `None` when no part is named as a copy.
fn original_of(file: &Path) -> Option<PathBuf> {
    let parts: Vec<String> = file
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.len().checked_sub(1)?;
    for (i, part) in parts.iter().enumerate().skip(1) {
        // A file's name is compared without its endings (`about (1).es.md`).
        let (stem, ends) = if i == last {
            part.find('.')
                .map_or((part.as_str(), ""), |d| part.split_at(d))
        } else {
            (part.as_str(), "")
        };
        if let Some(original) = original_name(stem) {
            let mut out: PathBuf = parts[..i].iter().collect();
            out.push(format!("{original}{ends}"));
            out.extend(&parts[i + 1..]);
            return Some(out);
        }
    }
    None
}

/// A `copied-file` warning for every page, exercise or ladder, and every file of
/// `content/` or `static/` the site publishes as it is (`files`, the build's output: a
/// picture, a leaflet), named as a copy of another of the same kind that is there too,
/// naming both.
pub(crate) fn check(c: &Content, files: &[OutFile]) -> Vec<Diagnostic> {
    let sources: Vec<PathBuf> = (c.pages.iter().map(|p| p.file.clone()))
        .chain(c.exercises.values().map(|e| e.file.clone()))
        .chain(c.ladders.values().map(|l| l.file.clone()))
        .collect();
    let published: Vec<PathBuf> = (files.iter())
        .filter_map(|f| match &f.body {
            Body::File(path) => Some(relative(&c.root, path)),
            _ => None,
        })
        .collect();
    let mut out = copies(
        &sources,
        false,
        "it is published as a page of its own",
        |file, _| {
            format!(
                "delete `{file}` if it is a leftover copy; if it is meant to be a page, rename \
                 it to say what it is about (such as `knee-pain-exercises.md`)"
            )
        },
    );
    out.extend(copies(
        &published,
        true,
        "both are published, and a page that shows the copy may show an old version",
        |file, original| {
            format!(
                "delete `{file}` if it is a leftover copy (the build then names any page that \
                 still uses it); if it is meant to be different, rename it to say how it differs \
                 (such as `{}`)",
                dated_name(original)
            )
        },
    ));
    out
}

/// A name for a file that differs from `original`, to suggest: its name with the year
/// before its endings and no mark of a copy (`logo (1).png` -> `logo-2026.png`).
fn dated_name(original: &Path) -> String {
    let name = original.file_name().unwrap_or_default().to_string_lossy();
    let (mut stem, ends) = name.split_at(name.find('.').unwrap_or(name.len()));
    while let Some(o) = original_name(stem) {
        stem = o;
    }
    format!("{stem}-2026{ends}")
}

/// A `copied-file` warning for each of `files` named as a copy of another of them, saying
/// `harm` and with the hint `fix` gives for the copy's name and its original. With
/// `folders_once`, a copied folder (`images - Copy/`) is named once, at the folder, not at
/// each of its files.
fn copies(
    files: &[PathBuf],
    folders_once: bool,
    harm: &str,
    fix: impl Fn(&str, &Path) -> String,
) -> Vec<Diagnostic> {
    let all: BTreeSet<&PathBuf> = files.iter().collect();
    let mut named = BTreeSet::new();
    let mut out = Vec::new();
    for file in files {
        // The nearest original there is, a copy of a copy's whose copy is gone included
        // (`Copy of Copy of logo.png` beside `logo.png`).
        let mut original = original_of(file);
        while let Some(o) = original.as_ref().filter(|o| !all.contains(o) && *o != file) {
            original = original_of(o);
        }
        let Some(original) = original else {
            continue;
        };
        if &original == file || !all.contains(&original) {
            continue;
        }
        // The copied part: the file, or the first folder whose name differs.
        let (mut copy, mut of) = (file.clone(), original.clone());
        if folders_once {
            let differs = file.iter().zip(original.iter()).position(|(a, b)| a != b);
            if let Some(i) = differs.filter(|&i| i + 1 < file.iter().count()) {
                copy = file.iter().take(i + 1).collect();
                of = original.iter().take(i + 1).collect();
            }
        }
        if !named.insert(copy.clone()) {
            continue;
        }
        out.push(
            Diagnostic::warning(
                "copied-file",
                &copy,
                format!(
                    "`{}` looks like a copy of `{}` (its name is the one Windows, a browser or \
                     a cloud drive gives a copy): {harm}",
                    copy.display(),
                    of.display()
                ),
            )
            .hint(fix(&copy.display().to_string(), &of)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_names_are_recognised_and_other_names_are_not() {
        for (name, original) in [
            ("about - Copy", Some("about")),
            ("about - Copy (2)", Some("about")),
            ("About - copia", Some("About")),
            ("about (1)", Some("about")),
            ("about(1)", Some("about")),
            ("about - Copy(2)", Some("about")),
            ("Copy of about", Some("about")),
            ("Copia de about", Some("about")),
            ("about copy", Some("about")),
            ("about copy 2", Some("about")),
            ("café (1)", Some("café")),
            ("about", None),
            ("(1)", None),
            ("knee pain (acute)", None),
            ("copy", None),
            ("photocopy", None),
        ] {
            assert_eq!(original_name(name), original, "{name}");
        }
        assert_eq!(
            original_of(Path::new("content/knee - Copy/index.es.md")),
            Some(PathBuf::from("content/knee/index.es.md"))
        );
        assert_eq!(
            original_of(Path::new("content/about (1).md")),
            Some(PathBuf::from("content/about.md"))
        );
        assert_eq!(original_of(Path::new("content/about.md")), None);
    }

    #[test]
    fn the_name_suggested_for_a_different_file_is_no_copys_name() {
        for (original, suggested) in [
            ("static/logo.png", "logo-2026.png"),
            ("static/logo (1).png", "logo-2026.png"),
            ("static/Copy of logo - Copy.es.pdf", "logo-2026.es.pdf"),
            ("static/images", "images-2026"),
        ] {
            assert_eq!(dated_name(Path::new(original)), suggested, "{original}");
        }
    }

    #[test]
    fn a_copy_of_a_copy_is_named_beside_its_first_original_there() {
        let files: Vec<PathBuf> = [
            "static/logo.png",
            "static/Copy of Copy of logo.png",
            "static/logo - Copy (2) (1).png",
            "static/logo (1) (1).png",
            "static/logo (1).png",
            "static/map (1) (1).png",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let found: Vec<String> = copies(&files, true, "harm", |_, _| String::new())
            .iter()
            .map(|d| d.message.split(" (its name").next().unwrap().to_string())
            .collect();
        assert_eq!(
            found,
            [
                "`static/Copy of Copy of logo.png` looks like a copy of `static/logo.png`",
                "`static/logo - Copy (2) (1).png` looks like a copy of `static/logo.png`",
                "`static/logo (1) (1).png` looks like a copy of `static/logo (1).png`",
                "`static/logo (1).png` looks like a copy of `static/logo.png`",
            ]
        );
    }
}
