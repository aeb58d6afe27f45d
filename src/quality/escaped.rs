//! `escaped-name`: a page or folder of `content/` whose name is written with `%` escapes
//! (`My%20Folder/`, `knee%20pain.md`), as some download tools and unzip programs write a
//! space: its pages are published at addresses such as `/my-20folder/knee-20pain/`, which
//! nobody reading the name would type. A picture or document so named is an error of the
//! build instead (`unwritable-name`): its address could never be opened.

use crate::content::Content;
use crate::diagnostic::Diagnostic;
use crate::link::escaped_name;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// One `escaped-name` warning for each folder holding a published page, and each
/// page's file, whose name has a `%` escape: at the folder (once, however many pages it
/// holds) or at the page's file.
pub(crate) fn check(c: &Content) -> Vec<Diagnostic> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
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
            out.push(
                Diagnostic::warning(
                    "escaped-name",
                    &here,
                    format!(
                        "the name `{name}` has `{}` in it, the code some download and unzip \
                         programs write for {}: {what}, \
                         which patients cannot guess or type from the name",
                        e.code, e.stands_for
                    ),
                )
                .hint(format!(
                    "rename the {} {}, and change any link to it (the build names \
                     each one); if the site is already published, add the old address to the \
                     page's `aliases:` so that printed links keep working",
                    if folder { "folder" } else { "file" },
                    e.renames()
                )),
            );
        }
    }
    out
}
