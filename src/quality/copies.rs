//! `copied-file`: a page, exercise or ladder, or a picture or document the site publishes,
//! whose file (or folder) is named as Windows, macOS, a browser or a cloud drive names a
//! copy (`about - Copy.md`, `about (1).md`, `Copy of about.md`, `about copy.md`,
//! `logo (1).png`, Syncthing's `leaflet.sync-conflict-20261201-101010-ABCDEF7.pdf`) beside
//! the file it copies: left in `content/` or `static/`, it is
//! published as a second page, often with old advice, or a second file that a page may
//! show instead of the current one.

use crate::content::Content;
use crate::diagnostic::{Diagnostic, relative};
use crate::names::{original_ends, original_name};
use crate::render::{Body, OutFile};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

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
        let original = (original_name(stem).map(|o| format!("{o}{ends}")))
            .or_else(|| original_ends(ends).map(|e| format!("{stem}{e}")));
        if let Some(original) = original {
            let mut out: PathBuf = parts[..i].iter().collect();
            out.push(original);
            out.extend(&parts[i + 1..]);
            return Some(out);
        }
    }
    None
}

/// A `copied-file` warning for every page, exercise or ladder, and every file of
/// `content/` or `static/` the site publishes as it is (`files`, the build's output: a
/// picture, a leaflet), named as a copy of another of the same kind that is there too,
/// naming both. `year` is the year `check` runs in (its `--today`), for the names it
/// suggests ([`dated_name`]).
pub(crate) fn check(c: &Content, files: &[OutFile], year: i16) -> Vec<Diagnostic> {
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
        year,
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
        year,
        "both are published, and a page that shows the copy may show an old version",
        |file, different| {
            format!(
                "delete `{file}` if it is a leftover copy (the build then names any page that \
                 still uses it); if it is meant to be different, rename it to say how it differs \
                 (such as `{different}`)"
            )
        },
    ));
    out
}

/// A name for a file that differs from `original`, to suggest: its name with `year`
/// before its endings and no mark of a copy (`logo (1).png` -> `logo-2026.png` in 2026),
/// and for the `n`th such name from 2 on, a number after the year (`logo-2026-2.png`).
fn dated_name(original: &Path, n: usize, year: i16) -> String {
    let name = original.file_name().unwrap_or_default().to_string_lossy();
    let (mut stem, ends) = name.split_at(name.find('.').unwrap_or(name.len()));
    while let Some(o) = original_name(stem) {
        stem = o;
    }
    let ends = original_ends(ends).unwrap_or_else(|| ends.to_string());
    match n {
        0 | 1 => format!("{stem}-{year}{ends}"),
        n => format!("{stem}-{year}-{n}{ends}"),
    }
}

/// A `copied-file` warning for each of `files` named as a copy of another of them, saying
/// `harm` and with the hint `fix` gives for the copy's name and a name to suggest if it is
/// meant to differ from its original ([`dated_name`]; none a file or folder has, or
/// suggested for another copy). With
/// `folders_once`, a copied folder (`images - Copy/`) is named once, at the folder, not at
/// each of its files.
fn copies(
    files: &[PathBuf],
    folders_once: bool,
    year: i16,
    harm: &str,
    fix: impl Fn(&str, &str) -> String,
) -> Vec<Diagnostic> {
    // A copy's original is looked for by its name without regard to case or Unicode form
    // (`Knee - Copy.JPG` is a copy of `knee.jpg`), the file of exactly that name first.
    let all: BTreeSet<&PathBuf> = files.iter().collect();
    // Made when a name is a copy's, as few are (a big site's check does not pay for it).
    let by_key = std::cell::OnceCell::new();
    let by_key = || {
        by_key.get_or_init(|| {
            let mut by_key: BTreeMap<String, &PathBuf> = BTreeMap::new();
            for f in files {
                by_key.entry(key(f)).or_insert(f);
            }
            by_key
        })
    };
    let find = |o: &PathBuf| all.get(o).or_else(|| by_key().get(&key(o))).copied();
    // Whether a file or folder is there (`static/images` for `static/images/knee.png`), or
    // its name was suggested for another copy.
    let mut suggested = BTreeSet::new();
    let there = |k: &str, suggested: &BTreeSet<String>| {
        let folder = format!("{k}/");
        by_key().contains_key(k)
            || suggested.contains(k)
            || (by_key().range(folder.clone()..).next())
                .is_some_and(|(f, _)| f.starts_with(&folder))
    };
    let mut named = BTreeSet::new();
    let mut out = Vec::new();
    for file in files {
        // The nearest original there is, a copy of a copy's whose copy is gone included
        // (`Copy of Copy of logo.png` beside `logo.png`).
        let mut original = original_of(file);
        let found = loop {
            let Some(o) = original.take() else {
                break None;
            };
            if key(&o) == key(file) {
                break None;
            }
            if let Some(f) = find(&o) {
                break Some(f);
            }
            original = original_of(&o);
        };
        let Some(original) = found else {
            continue;
        };
        // The copied part: the file, or the first folder whose name differs.
        let (mut copy, mut of) = (file.clone(), original.clone());
        if folders_once {
            let differs = (file.iter().zip(original.iter())).position(|(a, b)| key(a) != key(b));
            if let Some(i) = differs.filter(|&i| i + 1 < file.iter().count()) {
                copy = file.iter().take(i + 1).collect();
                of = original.iter().take(i + 1).collect();
            }
        }
        if !named.insert(copy.clone()) {
            continue;
        }
        let different = (1..)
            .map(|n| of.with_file_name(dated_name(&of, n, year)))
            .find(|p| !there(&key(p), &suggested))
            .unwrap_or_default();
        suggested.insert(key(&different));
        let different = different.file_name().unwrap_or_default().to_string_lossy();
        out.push(
            Diagnostic::warning(
                "copied-file",
                &copy,
                format!(
                    "`{}` looks like a copy of `{}` (its name is the one Windows, a Mac, Linux, \
                     a browser, a cloud drive or a syncing program gives a copy): {harm}",
                    copy.display(),
                    of.display()
                ),
            )
            .hint(fix(&copy.display().to_string(), &different)),
        );
    }
    out
}

/// `path` as its file or folder is looked for on a host that ignores case
/// ([`crate::names::case_key`]).
fn key(path: impl AsRef<Path>) -> String {
    crate::names::case_key(&path.as_ref().to_string_lossy())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_is_named_at_the_part_of_its_path_named_as_a_copy() {
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
            assert_eq!(
                dated_name(Path::new(original), 1, 2026),
                suggested,
                "{original}"
            );
        }
        assert_eq!(
            dated_name(Path::new("static/logo.png"), 3, 2026),
            "logo-2026-3.png"
        );
    }

    /// What `copies` says of `files`: "`copy` looks like a copy of `original`", each.
    fn found(files: &[&str]) -> Vec<String> {
        let files: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
        copies(&files, true, 2026, "harm", |_, _| String::new())
            .iter()
            .map(|d| d.message.split(" (its name").next().unwrap().to_string())
            .collect()
    }

    #[test]
    fn a_copy_of_a_copy_is_named_beside_its_first_original_there() {
        let files = [
            "static/logo.png",
            "static/Copy of Copy of logo.png",
            "static/logo - Copy (2) (1).png",
            "static/logo (1) (1).png",
            "static/logo (1).png",
            "static/map (1) (1).png",
        ];
        assert_eq!(
            found(&files),
            [
                "`static/Copy of Copy of logo.png` looks like a copy of `static/logo.png`",
                "`static/logo - Copy (2) (1).png` looks like a copy of `static/logo.png`",
                "`static/logo (1) (1).png` looks like a copy of `static/logo (1).png`",
                "`static/logo (1).png` looks like a copy of `static/logo.png`",
            ]
        );
    }

    #[test]
    fn a_copy_is_found_beside_an_original_named_in_other_capitals() {
        let files = [
            "static/knee.jpg",
            "static/Knee \u{2013} Copy.JPG",
            "static/images/a.png",
            "static/Images (Copy)/a.png",
            "static/Images (Copy)/b.png",
            "content/conditions/leaflet.pdf",
            "content/Conditions/leaflet (another copy).pdf",
            "static/Map.png",
            "static/map.png",
            "static/Map (1).png",
            "static/CAF\u{c9} (1).png",
            "static/cafe\u{301}.png",
        ];
        assert_eq!(
            found(&files),
            [
                "`static/Knee \u{2013} Copy.JPG` looks like a copy of `static/knee.jpg`",
                "`static/Images (Copy)` looks like a copy of `static/images`",
                "`content/Conditions/leaflet (another copy).pdf` looks like a copy of \
                 `content/conditions/leaflet.pdf`",
                "`static/Map (1).png` looks like a copy of `static/Map.png`",
                "`static/CAF\u{c9} (1).png` looks like a copy of `static/cafe\u{301}.png`",
            ]
        );
    }

    #[test]
    fn the_name_suggested_for_a_different_file_is_not_there_or_suggested_already() {
        let files: Vec<PathBuf> = [
            "static/logo.png",
            "static/logo (1).png",
            "static/logo (2).png",
            "static/Logo-2026.png",
            "static/images/a.png",
            "static/images - Copy/a.png",
            "static/images-2026/b.png",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let hints: Vec<String> = copies(&files, true, 2026, "harm", |_, different| {
            different.to_string()
        })
        .into_iter()
        .filter_map(|d| d.hint)
        .collect();
        assert_eq!(
            hints,
            ["logo-2026-2.png", "logo-2026-3.png", "images-2026-2"]
        );
    }
}
