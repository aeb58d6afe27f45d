//! Page folders: a folder whose only page is its `index.md` (its translations aside)
//! is that page, at the folder's address, rather than a listing.

use super::{EXERCISES_DIR, LADDERS_DIR, Page, PageKind};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Turns each folder whose only page is its `index.md` (no other Markdown file in it or
/// below it, translations of that `index.md` such as `index.es.md` aside) into a page
/// folder: the `index.md` is a regular page at the folder's address, in the listing of the
/// folder above, and the folder and those below it are no listings. Its translations
/// become page folders' pages too (`/es/conditions/knee/`).
pub(super) fn page_folders(
    pages: &mut [Page],
    sections: &mut BTreeSet<String>,
    sources: &[(String, PathBuf)],
    languages: &[String],
) {
    // A translation of the folder's own `index.md` does not make it a listing.
    let translates = |rel: &str, index: &str| {
        let (dir, _) = index.rsplit_once('/').unwrap_or(("", index));
        let Some(name) = rel.strip_prefix(dir).and_then(|r| r.strip_prefix('/')) else {
            return false;
        };
        let mut parts = name.split('.');
        parts.next() == Some("index")
            && parts
                .next()
                .is_some_and(|c| languages.iter().any(|l| l == c))
            && parts.next().is_some()
            && parts.next().is_none()
    };
    // The Markdown files, sorted: those inside a folder are then one run, found by a
    // binary search instead of looking at every file for every folder (at 100,000
    // pages, that was a tenth of the build).
    let mut markdown: Vec<&str> = sources
        .iter()
        .map(|(rel, _)| rel.as_str())
        .filter(|rel| is_markdown(rel))
        .collect();
    markdown.sort_unstable();
    let mut folders = Vec::new();
    for p in pages.iter_mut() {
        if p.lang.is_some()
            || p.kind != PageKind::Section
            || p.section == EXERCISES_DIR
            || p.section == LADDERS_DIR
        {
            continue;
        }
        let inside = format!("{}/", p.section);
        let first = markdown.partition_point(|rel| *rel < inside.as_str());
        let alone = !markdown[first..]
            .iter()
            .take_while(|rel| rel.starts_with(&inside))
            .any(|rel| *rel != p.source && !translates(rel, &p.source));
        if !alone {
            continue;
        }
        sections.retain(|s| *s != p.section && !s.starts_with(&inside));
        make_page_folder(p);
        folders.push(p.source.clone());
    }
    for p in pages.iter_mut() {
        if p.lang.is_some() && p.kind == PageKind::Section && folders.contains(&p.original) {
            make_page_folder(p);
        }
    }
}

/// Whether a file under `content/` is a page, by its name.
pub(super) fn is_markdown(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// Makes a folder's `index.md` the page of its page folder (see [`page_folders`]).
pub(crate) fn make_page_folder(p: &mut Page) {
    p.section = p
        .section
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| d.to_string());
    p.kind = PageKind::Regular;
    p.in_own_folder = true;
}
