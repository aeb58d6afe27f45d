//! Reading a site's sources: walking `content/`, splitting and typing front matter,
//! loading exercises and ladders, and validating what can be checked without URLs.
//!
//! This module knows nothing about URLs or templates.

pub mod exercise;
pub mod front_matter;
pub mod ladder;
pub mod media;
pub mod trust;
mod validate;

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Diagnostics, relative};
use crate::names::{is_ignored_name, slugify};
use crate::text::NotText;
use crate::yaml;
pub use exercise::Exercise;
pub use front_matter::FrontMatter;
pub use ladder::Ladder;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Largest Markdown or YAML file we accept; anything bigger is almost certainly a mistake.
pub const MAX_SOURCE_BYTES: u64 = 10 * 1024 * 1024;

/// What a Markdown file is in the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// `content/index.md`.
    Home,
    /// A folder's `index.md`: the text of that folder's listing page.
    Section,
    /// Any other Markdown file.
    Regular,
}

/// A Markdown page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to `content/`, with `/` separators, e.g. `conditions/knee.md`.
    pub source: String,
    /// Path relative to the site root, for messages.
    pub file: PathBuf,
    /// The folder it is in, relative to `content/` (`""` for the top).
    pub section: String,
    /// Home, a folder's text, or a regular page.
    pub kind: PageKind,
    /// The front matter.
    pub meta: FrontMatter,
    /// The front matter's YAML text (it starts on line 2), for line lookups.
    pub front_matter: String,
    /// `meta.reviewed`, parsed.
    pub reviewed: Option<jiff::civil::Date>,
    /// The Markdown body.
    pub body: String,
    /// A page folder's `index.md` (`conditions/knee/index.md`, a folder with no other
    /// page in it or below it): the page `/conditions/knee/`, with its pictures and
    /// documents beside it. `section` is then the folder the page folder is in.
    pub in_own_folder: bool,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
    /// The language it is written in when it is a translation (`knee.es.md` is the
    /// Spanish of `knee.md`), `None` for the site's default language.
    pub lang: Option<String>,
    /// For a translation, the `source` of the page it translates (`conditions/knee.md`);
    /// for other pages, `source` itself.
    pub original: String,
}

/// Marks `page` as a translation when its file name is `<name>.<code>.md` (or
/// `.markdown`) and `<code>` is one of the site's other `languages`: its kind and
/// original are then those of `<name>.md`.
pub fn set_language(page: &mut Page, languages: &[String]) {
    let (dir, name) = page.source.rsplit_once('/').unwrap_or(("", &page.source));
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return;
    };
    let Some((base, code)) = stem.rsplit_once('.') else {
        return;
    };
    if base.is_empty() || !languages.iter().any(|l| l == code) {
        return;
    }
    page.lang = Some(code.to_string());
    page.original = if dir.is_empty() {
        format!("{base}.{ext}")
    } else {
        format!("{dir}/{base}.{ext}")
    };
    if base == "index" {
        page.kind = if dir.is_empty() {
            PageKind::Home
        } else {
            PageKind::Section
        };
    }
}

/// A file under `content/` that is not a page, exercise or ladder; copied as is.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to `content/` with `/` separators; also its output path.
    pub rel: String,
    /// Absolute path.
    pub path: PathBuf,
}

/// Everything read from a site's sources.
#[derive(Debug, Clone)]
pub struct Content {
    /// The site root.
    pub root: PathBuf,
    /// `site.yaml`.
    pub config: SiteConfig,
    /// Pages, sorted by source path.
    pub pages: Vec<Page>,
    /// Exercises by id.
    pub exercises: BTreeMap<String, Exercise>,
    /// Ladders by id.
    pub ladders: BTreeMap<String, Ladder>,
    /// Every content folder that gets a listing page (`""` is the top, whose listing is home).
    pub sections: BTreeSet<String>,
    /// Draft pages left out of this build (source paths), so links to them explain why.
    pub drafts: BTreeSet<String>,
    /// Other files to copy.
    pub assets: Vec<Asset>,
    /// Source paths (and exercise and ladder ids) of files that exist but could not be
    /// read; their problems are already reported, so links and references to them are not.
    pub broken_ids: BTreeSet<String>,
    /// Every page's `body` was left empty ([`LoadOptions::bodies_above`]): read it again
    /// with [`read_body`] when it is needed.
    pub bodies_dropped: bool,
}

/// Choices that change what is loaded.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// For a site with more Markdown files than this, keep no page's Markdown body (a
    /// build reads each again with [`read_body`] when it renders it, so that 100,000
    /// pages' text is never all in memory). `None`: always keep them.
    pub bodies_above: Option<usize>,
}

/// Folders under `content/` whose YAML files are data, not pages.
pub const EXERCISES_DIR: &str = "exercises";
/// The ladders folder.
pub const LADDERS_DIR: &str = "programs";

/// Reads and checks `site.yaml` of the site at `root`: the one way every caller
/// (the build, `sinew serve` before its first build) loads it.
pub fn load_config(root: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
    let text = read_text(&root.join("site.yaml"), root).map_err(|d| {
        // A file that is there but saved in another encoding keeps its own fix.
        if d.rule == "read" {
            vec![d.hint(
                "every site needs a `site.yaml` with at least `title: ...` at its top folder",
            )]
        } else {
            vec![d]
        }
    })?;
    SiteConfig::parse(&text, Path::new("site.yaml"))
}

/// The error for a folder that is not a site at all (no `site.yaml` and no `content/`):
/// the build's first error, and the reason `sinew serve` refuses to start.
pub fn check_is_site(root: &Path) -> Result<(), Diagnostic> {
    if root.join("site.yaml").exists() || root.join("content").exists() {
        return Ok(());
    }
    let shown = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    Err(Diagnostic::error(
        "not-a-site",
        "site.yaml",
        format!(
            "`{}` is not a sinew site: it has no `site.yaml` and no `content` folder",
            shown.display()
        ),
    )
    .hint("run sinew in your site's folder, or name it with `--root path/to/site`"))
}

/// Reads and checks every source of the site at `root`.
///
/// Returns the content (when `site.yaml` could be read) and all problems found.
pub fn load(root: &Path, opts: LoadOptions) -> (Option<Content>, Diagnostics) {
    let mut diags = Diagnostics::default();
    if let Err(d) = check_is_site(root) {
        diags.push(d);
        return (None, diags);
    }
    let config = match load_config(root) {
        Ok(c) => Some(c),
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };
    let links = crate::fsutil::LinkRules::new(
        root,
        config.as_ref().map_or(&[][..], |c| &c.allow_links_outside),
    );
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        diags.push(
            Diagnostic::error("missing-content", "content", "there is no `content` folder")
                .hint("create `content/` next to `site.yaml` and put your Markdown pages in it"),
        );
        return (None, diags);
    }

    let mut sources = Vec::new();
    let mut refused = Vec::new();
    let mut sections = BTreeSet::new();
    sections.insert(String::new());
    for entry in walkdir::WalkDir::new(&content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && is_ignored_name(&e.file_name().to_string_lossy()) {
                return false;
            }
            // A link that may not be followed is left out, with all that is behind it.
            match e.path_is_symlink().then(|| links.check(e.path())) {
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
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| "content".into());
                let (msg, hint) = if e.loop_ancestor().is_some() {
                    (
                        "this folder link points back to a folder that contains it (a loop)"
                            .to_string(),
                        "remove the symbolic link",
                    )
                } else {
                    (
                        format!("cannot read: {e}"),
                        "check the file exists and can be read",
                    )
                };
                diags.push(Diagnostic::error("read", path, msg).hint(hint));
                continue;
            }
        };
        let rel = match entry.path().strip_prefix(&content_dir) {
            Ok(r) => r.to_string_lossy().replace('\\', "/"),
            Err(_) => continue,
        };
        if entry.file_type().is_dir() {
            if entry.depth() > 0 && rel != EXERCISES_DIR && rel != LADDERS_DIR {
                sections.insert(rel);
            }
            continue;
        }
        if !entry.file_type().is_file() {
            // A named pipe, socket or device would block or never end when read.
            diags.push(
                Diagnostic::error("not-a-file", relative(root, entry.path()), "this is not an ordinary file")
                    .hint("remove it from `content/`; only pages, exercises, ladders and files such as pictures belong there"),
            );
            continue;
        }
        sources.push((rel, entry.into_path()));
    }

    diags.extend(refused);
    let drop_bodies = opts.bodies_above.is_some_and(|n| {
        let markdown = sources.iter().filter(|(rel, _)| is_markdown(rel)).count();
        markdown > n
    });
    let loaded: Vec<Result<Loaded, Vec<Diagnostic>>> = sources
        .par_iter()
        .map(|(rel, path)| {
            let mut item = load_one(root, rel, path);
            if let (true, Ok(Loaded::Page(p))) = (drop_bodies, &mut item) {
                p.body = String::new();
            }
            item
        })
        .collect();
    // Sized once: at 100,000 pages a `Vec` grown by doubling held 13 MiB it never used.
    let mut pages = Vec::with_capacity(loaded.len());
    let mut exercises = BTreeMap::new();
    let mut ladders = BTreeMap::new();
    let mut assets = Vec::new();
    let mut drafts = BTreeSet::new();
    let mut broken_ids = BTreeSet::new();
    for ((rel, _), item) in sources.iter().zip(loaded) {
        if item.is_err() {
            // Remember sources (and ids) whose file exists but is broken, so links and
            // references to them do not add a second, misleading "does not exist" error.
            broken_ids.insert(rel.clone());
            if let Some(stem) = rel
                .strip_prefix("exercises/")
                .or_else(|| rel.strip_prefix("programs/"))
            {
                broken_ids.insert(stem.rsplit_once('.').map_or(stem, |(s, _)| s).to_string());
            }
        }
        match item {
            Ok(Loaded::Page(p)) if p.meta.draft && !opts.drafts => {
                drafts.insert(p.source);
            }
            Ok(Loaded::Page(p)) => pages.push(*p),
            Ok(Loaded::Exercise(e)) => {
                exercises.insert(e.id.clone(), *e);
            }
            Ok(Loaded::Ladder(p)) => {
                ladders.insert(p.id.clone(), *p);
            }
            Ok(Loaded::Asset(a)) => assets.push(a),
            Err(ds) => diags.extend(ds),
        }
    }

    let Some(config) = config else {
        return (None, diags);
    };
    for p in &mut pages {
        set_language(p, &config.languages);
    }
    page_folders(&mut pages, &mut sections, &sources, &config.languages);
    let content = Content {
        broken_ids,
        root: root.to_path_buf(),
        config,
        pages,
        exercises,
        ladders,
        sections,
        drafts,
        assets,
        bodies_dropped: drop_bodies,
    };
    diags.extend(validate::validate(&content));
    (Some(content), diags)
}

/// Turns each folder whose only page is its `index.md` (no other Markdown file in it or
/// below it, translations of that `index.md` such as `index.es.md` aside) into a page
/// folder: the `index.md` is a regular page at the folder's address, in the listing of the
/// folder above, and the folder and those below it are no listings. Its translations
/// become page folders' pages too (`/es/conditions/knee/`).
fn page_folders(
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
fn is_markdown(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// Reads `page`'s Markdown body again from its file, for a build that loaded it without
/// ([`Content::bodies_dropped`]). The file must still have the front matter it was
/// loaded with (everything else about the page was decided from it); if it has been
/// saved since with a different one, the build stops rather than mix the two.
pub fn read_body(root: &Path, page: &Page) -> Result<String, Diagnostic> {
    let path = root.join(&page.file);
    let text = read_text(&path, root)?;
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

/// Makes a folder's `index.md` the page of its page folder (see [`page_folders`]).
pub(crate) fn make_page_folder(p: &mut Page) {
    p.section = p
        .section
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| d.to_string());
    p.kind = PageKind::Regular;
    p.in_own_folder = true;
}

enum Loaded {
    Page(Box<Page>),
    Exercise(Box<Exercise>),
    Ladder(Box<Ladder>),
    Asset(Asset),
}

/// Reads a text file, turning every failure into a diagnostic naming it.
fn read_text(path: &Path, root: &Path) -> Result<String, Diagnostic> {
    use std::io::Read;
    let file = relative(root, path);
    let cannot =
        |e: std::io::Error| Diagnostic::error("read", &file, format!("cannot read this file: {e}"));
    // Opened once and measured through the open file: a stat of the path beforehand, and
    // the size `read_to_end` looks up again on a `File`, were two system calls a file.
    let f = crate::fsutil::open_regular(
        path,
        std::fs::OpenOptions::new().read(true),
        crate::fsutil::Links::Follow,
    )
    .map_err(cannot)?;
    let too_large = |len: u64| {
        Diagnostic::error(
            "too-large",
            &file,
            format!("this file is {} MB; sinew refuses text files over {} MB", len / (1024 * 1024), MAX_SOURCE_BYTES / (1024 * 1024)),
        )
        .hint("a page this big is almost certainly a mistake (a pasted image or export?): split it or remove it")
    };
    let len = f.metadata().map_err(cannot)?.len();
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
            &file,
            "this file is saved as UTF-16 (\"Unicode\"), not UTF-8",
        )
        .hint("open it in your editor and save it again with the encoding \"UTF-8\""),
        NotText::Binary => Diagnostic::error("not-text", &file, "this looks like a binary file, not text")
            .hint("only Markdown (.md) and YAML (.yaml) files can be content; move pictures and documents to `static/`"),
        NotText::NotUtf8 { line } => {
            Diagnostic::error("not-utf8", &file, "this file is not saved as UTF-8 text")
                .at_line(Some(line))
                .hint("open it in your editor and save it with the encoding \"UTF-8\"")
        }
    })
}

fn load_one(root: &Path, rel: &str, path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
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
            load_page(root, rel, dir, stem, path).map(|p| Loaded::Page(Box::new(p)))
        }
        _ if is_yaml && (dir == EXERCISES_DIR || dir == LADDERS_DIR) => {
            check_id(stem, &file).map_err(|d| vec![d])?;
            let text = read_text(path, root).map_err(|d| vec![d])?;
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
        _ => Ok(Loaded::Asset(Asset {
            rel: rel.to_string(),
            path: path.to_path_buf(),
        })),
    }
}

fn check_id(stem: &str, file: &Path) -> Result<(), Diagnostic> {
    let ok = !stem.is_empty()
        && stem
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        return Ok(());
    }
    Err(Diagnostic::error(
        "bad-id",
        file,
        format!("the file name `{stem}` cannot be used as an id"),
    )
    .hint(format!(
        "rename the file to `{}` (lowercase letters, digits and hyphens only)",
        slugify(stem)
    )))
}

/// Reads the page `content/<rel>` again exactly as [`load`] reads it (for an incremental
/// rebuild), or the problem a full load would report for it.
pub(crate) fn reload_page(root: &Path, rel: &str) -> Result<Page, Vec<Diagnostic>> {
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    load_page(root, rel, dir, stem, &root.join("content").join(rel))
}

fn load_page(
    root: &Path,
    rel: &str,
    dir: &str,
    stem: &str,
    path: &Path,
) -> Result<Page, Vec<Diagnostic>> {
    let file = relative(root, path);
    let text = read_text(path, root).map_err(|d| vec![d])?;
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
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_over_the_limit_is_refused_and_one_at_it_is_read() {
        let d = tempfile::tempdir().unwrap();
        let page = d.path().join("big.md");
        let at_limit = "a".repeat(MAX_SOURCE_BYTES as usize);
        std::fs::write(&page, &at_limit).unwrap();
        assert_eq!(read_text(&page, d.path()).unwrap().len(), at_limit.len());
        std::fs::write(&page, at_limit + "a").unwrap();
        let e = read_text(&page, d.path()).unwrap_err();
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
