//! `escaped-name`: a page or folder of `content/` whose name is written with `%` escapes
//! (`My%20Folder/`, `knee%20pain.md`), as some download tools and unzip programs write a
//! space: its pages are published at addresses such as `/my-20folder/knee-20pain/`, which
//! nobody reading the name would type. A picture or document so named is an error of the
//! build instead (`unwritable-name`): its address could never be opened.

use crate::content::Content;
use crate::diagnostic::Diagnostic;
use crate::link::escaped_name;
use crate::render::OutFile;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// One `escaped-name` warning for each folder holding a published page, and each
/// page's file, whose name has a `%` escape: at the folder (once, however many pages it
/// holds) or at the page's file. `files` (the build's output) gives the addresses the
/// site makes itself at its top (`search/`, `tags/`, `exercises/`, `sitemap.xml`, a
/// folder of `static/`), which no name it suggests for a page at the top may take.
pub(crate) fn check(c: &Content, files: &[OutFile]) -> Vec<Diagnostic> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    // The addresses of the pages and folders in each folder of `content/`, made when a
    // name with `%` codes is found.
    let mut beside: Option<BTreeMap<String, BTreeSet<String>>> = None;
    for p in &c.pages {
        let parts: Vec<&str> = p.source.split('/').collect();
        for (i, name) in parts.iter().enumerate() {
            let Some(e) = escaped_name(name) else {
                continue;
            };
            let here: PathBuf = ["content"].iter().chain(&parts[..=i]).collect();
            if !seen.insert(here.clone()) {
                continue;
            }
            let folder = i + 1 < parts.len();
            let stem = name.split_once('.').map_or(*name, |(s, _)| s);
            let published = crate::names::slugify(if folder { name } else { stem });
            let what = if folder {
                "its pages are published at addresses with `{published}` in them"
            } else {
                "the page is published at an address with `{published}` in it"
            };
            let what = what.replace("{published}", &published);
            let beside = beside.get_or_insert_with(|| addresses_in_folders(c, files));
            let there = beside.get(&parts[..i].join("/"));
            let taken = |n: &str| there.is_some_and(|t| t.contains(&address(n, folder)));
            let kind = if folder { "folder" } else { "file" };
            let rename = format!(
                "rename the {kind} to {}, and change any link to it (the build names each one); if \
                 the site is already published, add the old address to the page's `aliases:` so \
                 that printed links keep working",
                e.renames(taken)
            );
            let hint = match e.copy_of(taken) {
                Some(original) => format!(
                    "`{name}` looks like a copy of `{original}`: delete it if it is a leftover \
                     copy; if it is meant to be a page of its own, {rename}"
                ),
                None => rename,
            };
            out.push(
                Diagnostic::warning(
                    "escaped-name",
                    &here,
                    format!(
                        "the name `{name}` has {} in it, {}: {what}, \
                         which patients cannot guess or type from the name",
                        e.codes(),
                        e.what()
                    ),
                )
                .hint(hint),
            );
        }
    }
    out
}

/// The part of a page's address the file or folder name `name` makes, with its language:
/// `knee-pain` for `Knee Pain.md` and the folder `knee pain/`, `knee-pain.es` for
/// `knee pain.es.md`. Two names with the same one in a folder publish at one address.
fn address(name: &str, folder: bool) -> String {
    if folder {
        return crate::names::slugify(name);
    }
    let (stem, ends) = name.split_at(name.find('.').unwrap_or(name.len()));
    let ends = ends.to_lowercase();
    let lang = ends.strip_suffix(".md").unwrap_or(&ends);
    format!("{}{lang}", crate::names::slugify(stem))
}

/// For each folder of `content/` holding pages (`""`, `conditions`), the [`address`]es of
/// the pages and folders in it; for the top folder, also every name the site publishes
/// at its top (`files`' first parts: `search`, `tags`, `sitemap.xml`, `es`).
fn addresses_in_folders(c: &Content, files: &[OutFile]) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let top = out.entry(String::new()).or_default();
    for f in files {
        if let Some(name) = f.path.split('/').next().filter(|n| !n.is_empty()) {
            top.insert(name.to_lowercase());
        }
    }
    for p in &c.pages {
        let parts: Vec<&str> = p.source.split('/').collect();
        for (i, name) in parts.iter().enumerate() {
            let folder = i + 1 < parts.len();
            (out.entry(parts[..i].join("/")).or_default()).insert(address(name, folder));
        }
    }
    out
}
