//! The default theme, embedded in the binary, and a site's own overrides: a file in the
//! site's `templates/` or `static/` replaces the built-in file of the same name.

use crate::diagnostic::{Diagnostic, relative};
use crate::fsutil::LinkRules;
use crate::text::NotText;
use std::path::{Path, PathBuf};

/// Built-in templates: (name, text).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("page.html", include_str!("../templates/page.html")),
    ("section.html", include_str!("../templates/section.html")),
    ("exercise.html", include_str!("../templates/exercise.html")),
    (
        "exercises.html",
        include_str!("../templates/exercises.html"),
    ),
    ("planner.html", include_str!("../templates/planner.html")),
    ("planners.html", include_str!("../templates/planners.html")),
    (
        "log-sheet.html",
        include_str!("../templates/log-sheet.html"),
    ),
    ("summary.html", include_str!("../templates/summary.html")),
    ("handout.html", include_str!("../templates/handout.html")),
    ("tag.html", include_str!("../templates/tag.html")),
    ("tags.html", include_str!("../templates/tags.html")),
    ("404.html", include_str!("../templates/404.html")),
    (
        "language-home.html",
        include_str!("../templates/language-home.html"),
    ),
    ("search.html", include_str!("../templates/search.html")),
    ("a-z.html", include_str!("../templates/a-z.html")),
    ("redirect.html", include_str!("../templates/redirect.html")),
    (
        "partials/trust.html",
        include_str!("../templates/partials/trust.html"),
    ),
    (
        "partials/breadcrumbs.html",
        include_str!("../templates/partials/breadcrumbs.html"),
    ),
    (
        "partials/review.html",
        include_str!("../templates/partials/review.html"),
    ),
    (
        "partials/handout-footer.html",
        include_str!("../templates/partials/handout-footer.html"),
    ),
    (
        "partials/progression-rule.html",
        include_str!("../templates/partials/progression-rule.html"),
    ),
    (
        "partials/video.html",
        include_str!("../templates/partials/video.html"),
    ),
    (
        "partials/page-list.html",
        include_str!("../templates/partials/page-list.html"),
    ),
    (
        "shortcodes/exercise.html",
        include_str!("../templates/shortcodes/exercise.html"),
    ),
    (
        "shortcodes/ladder.html",
        include_str!("../templates/shortcodes/ladder.html"),
    ),
];

/// Built-in static files: (path under the site, bytes).
pub const STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../static/style.css")),
    (
        "planner/main.js",
        include_bytes!("../static/planner/main.js"),
    ),
    (
        "planner/view.js",
        include_bytes!("../static/planner/view.js"),
    ),
    ("planner/dom.js", include_bytes!("../static/planner/dom.js")),
    (
        "planner/widgets.js",
        include_bytes!("../static/planner/widgets.js"),
    ),
    (
        "planner/start.js",
        include_bytes!("../static/planner/start.js"),
    ),
    (
        "planner/checkins.js",
        include_bytes!("../static/planner/checkins.js"),
    ),
    (
        "planner/milestones.js",
        include_bytes!("../static/planner/milestones.js"),
    ),
    (
        "planner/history.js",
        include_bytes!("../static/planner/history.js"),
    ),
    (
        "planner/datacard.js",
        include_bytes!("../static/planner/datacard.js"),
    ),
    (
        "planner/storage.js",
        include_bytes!("../static/planner/storage.js"),
    ),
    (
        "planner/strings.js",
        include_bytes!("../static/planner/strings.js"),
    ),
    (
        "planner/engine.js",
        include_bytes!("../static/planner/engine.js"),
    ),
    (
        "planner/plan.js",
        include_bytes!("../static/planner/plan.js"),
    ),
    (
        "planner/ladder.js",
        include_bytes!("../static/planner/ladder.js"),
    ),
    (
        "planner/limits.js",
        include_bytes!("../static/planner/limits.js"),
    ),
    (
        "planner/dates.js",
        include_bytes!("../static/planner/dates.js"),
    ),
    (
        "planner/chart.js",
        include_bytes!("../static/planner/chart.js"),
    ),
    (
        "planner/keep.js",
        include_bytes!("../static/planner/keep.js"),
    ),
    (
        "planner/record.js",
        include_bytes!("../static/planner/record.js"),
    ),
    (
        "planner/offline.js",
        include_bytes!("../static/planner/offline.js"),
    ),
    (
        "planner/summary.js",
        include_bytes!("../static/planner/summary.js"),
    ),
    ("planner.css", include_bytes!("../static/planner.css")),
    (
        "icons/icon-180.png",
        include_bytes!("../static/icons/icon-180.png"),
    ),
    (
        "icons/icon-192.png",
        include_bytes!("../static/icons/icon-192.png"),
    ),
    (
        "icons/icon-512.png",
        include_bytes!("../static/icons/icon-512.png"),
    ),
    ("search.js", include_bytes!("../static/search.js")),
    ("finder.js", include_bytes!("../static/finder.js")),
    ("offline.js", include_bytes!("../static/offline.js")),
    ("favicon.svg", include_bytes!("../static/favicon.svg")),
    ("video.js", include_bytes!("../static/video.js")),
];

/// A template, built-in or the site's own.
#[derive(Debug, Clone)]
pub struct Template {
    /// Its name, e.g. `page.html`.
    pub name: String,
    /// Its text.
    pub text: String,
    /// The site's file when the site overrides or adds it (relative to the site root).
    pub file: Option<PathBuf>,
}

/// A static file to publish.
#[derive(Debug, Clone)]
pub enum StaticFile {
    /// From the embedded theme.
    Builtin(&'static [u8]),
    /// From the site's `static/` folder (absolute path).
    Site(PathBuf),
}

/// Skipped names, except `.well-known/` at the top (`security.txt`, domain checks): it
/// is published, though the hidden files inside it are not.
fn skipped(e: &walkdir::DirEntry) -> bool {
    let name = e.file_name().to_string_lossy();
    let well_known = e.depth() == 1 && name == ".well-known" && e.file_type().is_dir();
    !well_known && crate::names::is_ignored_name(&name)
}

/// The files under `dir` and their paths relative to it, following the symbolic links
/// `links` allows; a link it refuses is an error naming it (relative to `root`).
fn walk_files(
    root: &Path,
    dir: &Path,
    links: &LinkRules,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    let mut refused = Vec::new();
    let tree = dir
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    // Hidden files and folders (`.git`, editor files) are never published.
    for e in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && skipped(e) {
                return false;
            }
            // A link that may not be followed is left out, with all that is behind it.
            match e.path_is_symlink().then(|| links.check(e.path(), &tree)) {
                Some(Err((message, hint))) => {
                    refused.push(
                        Diagnostic::error("link-outside", relative(root, e.path()), message)
                            .hint(hint),
                    );
                    false
                }
                _ => true,
            }
        })
    {
        let e = match e {
            Ok(e) => e,
            Err(e) => {
                diags.extend(crate::fsutil::walk_error(
                    root,
                    &tree,
                    &e,
                    links,
                    crate::names::is_ignored_name,
                ));
                continue;
            }
        };
        if skipped(&e) || e.file_type().is_dir() {
            continue;
        }
        if !e.file_type().is_file() {
            // A named pipe, socket or device would block or never end when read.
            diags.push(
                Diagnostic::error(
                    "not-a-file",
                    relative(root, e.path()),
                    "this is not an ordinary file",
                )
                .hint(
                    "remove it; only files such as pictures, stylesheets and templates belong here",
                ),
            );
            continue;
        }
        if let Ok(rel) = e.path().strip_prefix(dir) {
            out.push((
                rel.to_string_lossy().replace('\\', "/"),
                e.path().to_path_buf(),
            ));
        }
    }
    diags.extend(refused);
    out
}

/// All templates: built-in ones, replaced or added to by the site's `templates/`.
pub fn templates(root: &Path, links: &LinkRules) -> (Vec<Template>, Vec<Diagnostic>) {
    let mut out: Vec<Template> = TEMPLATES
        .iter()
        .map(|(n, t)| Template {
            name: n.to_string(),
            text: t.to_string(),
            file: None,
        })
        .collect();
    let mut diags = Vec::new();
    for (name, path) in walk_files(root, &root.join("templates"), links, &mut diags) {
        let file = relative(root, &path);
        let bytes = match crate::fsutil::read_regular(&path) {
            Ok(b) => b,
            Err(e) => {
                diags.push(Diagnostic::error(
                    "read",
                    file,
                    format!("cannot read this template: {e}"),
                ));
                continue;
            }
        };
        // UTF-8 with or without a byte-order mark, as every source is read.
        let text = match crate::text::decode(bytes) {
            Ok(t) => t,
            Err(NotText::Utf16) => {
                diags.push(
                    Diagnostic::error(
                        "not-utf8",
                        file,
                        "this template is saved as UTF-16 (\"Unicode\"), not UTF-8",
                    )
                    .hint("open it in your editor and save it again with the encoding \"UTF-8\""),
                );
                continue;
            }
            Err(NotText::Binary | NotText::NotUtf8 { .. }) => {
                diags.push(
                    Diagnostic::error("not-utf8", file, "this template is not saved as UTF-8 text")
                        .hint("save it with the encoding \"UTF-8\""),
                );
                continue;
            }
        };
        match out.iter_mut().find(|t| t.name == name) {
            Some(t) => {
                t.text = text;
                t.file = Some(file);
            }
            None => out.push(Template {
                name,
                text,
                file: Some(file),
            }),
        }
    }
    (out, diags)
}

/// All static files to publish, by output path: built-in ones, replaced or added to by
/// the site's `static/`; and the links there that `links` refuses.
pub fn static_files(
    root: &Path,
    links: &LinkRules,
) -> (Vec<(String, StaticFile)>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut out: Vec<(String, StaticFile)> = STATIC
        .iter()
        .map(|(n, b)| (n.to_string(), StaticFile::Builtin(b)))
        .collect();
    for (rel, path) in walk_files(root, &root.join("static"), links, &mut diags) {
        if rel.to_ascii_lowercase().ends_with(".svg")
            && let Ok(bytes) = crate::fsutil::read_regular(&path)
            && let Some(d) = crate::svg::diagnostic(
                &Path::new("static").join(&rel),
                &String::from_utf8_lossy(&bytes),
            )
        {
            diags.push(d);
        }
        match out.iter_mut().find(|(n, _)| *n == rel) {
            Some(slot) => slot.1 = StaticFile::Site(path),
            None => out.push((rel, StaticFile::Site(path))),
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    (out, diags)
}
