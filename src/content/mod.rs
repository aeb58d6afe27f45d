//! Reading a site's sources: walking `content/`, splitting and typing front matter,
//! loading exercises and ladders, and validating what can be checked without URLs.
//!
//! This module knows nothing about URLs or templates.

mod date;
pub mod exercise;
pub mod front_matter;
pub mod ladder;
pub mod media;
mod page_folder;
mod source;
pub mod trust;
mod validate;

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Diagnostics, relative};
use crate::names::is_ignored_name;
pub use exercise::Exercise;
pub use front_matter::FrontMatter;
pub use ladder::Ladder;
pub(crate) use page_folder::make_page_folder;
use page_folder::{is_markdown, page_folders};
use rayon::prelude::*;
pub use source::read_body;
pub(crate) use source::reload_page;
use source::{Loaded, load_one, read_text};
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
    /// Where its Markdown body is in [`Content::bodies_aside`] when the build put it
    /// there at loading (`body` is then empty until the build takes it back).
    pub body_aside: Option<usize>,
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
    /// Every page's `body` was left empty at loading and put aside
    /// ([`LoadOptions::bodies_above`]) in [`Content::bodies_aside`].
    pub bodies_dropped: bool,
    /// The pages' Markdown bodies put aside at loading, each at its page's
    /// [`Page::body_aside`] and taken once ([`crate::spill::Texts::take`]); `None` when
    /// every body is in its page, or once the build has taken them back.
    pub bodies_aside: Option<std::sync::Arc<crate::spill::Texts>>,
}

impl Content {
    /// Every file of the site that is read, never published as it is, relative to the
    /// site folder: each page (drafts left out of this build included), exercise and
    /// ladder, `site.yaml` and the files of `i18n/`. Drafts and `i18n/` are looked up
    /// on disk as it is walked (for [`crate::fsutil::hard_links`], which walks it only
    /// when a published file has another name).
    pub fn source_files(&self) -> impl Iterator<Item = PathBuf> + '_ {
        let i18n = std::fs::read_dir(self.root.join("i18n"))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| !is_ignored_name(&e.file_name().to_string_lossy()))
            .map(|e| Path::new("i18n").join(e.file_name()));
        let drafts = (self.drafts.iter())
            .filter(|d| is_markdown(d))
            .map(|d| Path::new("content").join(d));
        (self.pages.iter().map(|p| p.file.clone()))
            .chain(self.exercises.values().map(|e| e.file.clone()))
            .chain(self.ladders.values().map(|l| l.file.clone()))
            .chain(drafts)
            .chain(std::iter::once(PathBuf::from("site.yaml")))
            .chain(i18n)
    }
}

/// Choices that change what is loaded.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// For a site with more Markdown files than this, keep no page's Markdown body in its
    /// page: each is put aside as it is read ([`Content::bodies_aside`]), in an unnamed
    /// temporary file made in [`LoadOptions::aside_in`] ([`crate::spill`]), so that 100,000
    /// pages' text is never all in the build's memory. `None`: always keep them.
    pub bodies_above: Option<usize>,
    /// The folder of that temporary file; without one (or if it cannot be made) the
    /// bodies put aside stay in memory.
    pub aside_in: Option<PathBuf>,
}

/// How many sources one thread loads before it puts their Markdown bodies aside with one
/// write (100,000 writes, each taking the file's lock, cost more than the reads).
const ASIDE_BATCH: usize = 256;

/// Below this many sources the build's own threads read them: a pool of I/O threads
/// ([`crate::fsutil::io_pool`]) is not worth its start, and a small site is read in
/// milliseconds either way.
const READ_POOL_ABOVE: usize = 2_000;

/// Folders under `content/` whose YAML files are data, not pages.
pub const EXERCISES_DIR: &str = "exercises";
/// The ladders folder.
pub const LADDERS_DIR: &str = "programs";

/// Reads and checks `site.yaml` of the site at `root`: the one way every caller
/// (the build, `sinew serve` before its first build) loads it.
pub fn load_config(root: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
    let text = read_text(&root.join("site.yaml"), Path::new("site.yaml")).map_err(|d| {
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
    // The symbolic links followed, relative to `content/` (`leave_out_draft_folders`).
    let mut shortcuts = Vec::new();
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
            match e
                .path_is_symlink()
                .then(|| links.check(e.path(), "content"))
            {
                Some(Err((message, hint))) => {
                    refused.push(
                        Diagnostic::error("link-outside", relative(root, e.path()), message)
                            .hint(hint),
                    );
                    false
                }
                Some(Ok(())) => {
                    shortcuts.push(e.path().to_path_buf());
                    true
                }
                None => true,
            }
        })
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.extend(crate::fsutil::walk_error(
                    root,
                    "content",
                    &e,
                    &links,
                    is_ignored_name,
                ));
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
    // Put aside by the index of their source: a page's place among the pages is known
    // only once all are loaded.
    let aside = drop_bodies.then(|| {
        let file = (opts.aside_in.as_deref()).and_then(|dir| crate::spill::Spill::new_in(dir).ok());
        crate::spill::Texts::new(sources.len(), file)
    });
    let load_all = || -> Vec<Result<Loaded, Vec<Diagnostic>>> {
        sources
            .par_chunks(ASIDE_BATCH)
            .enumerate()
            .flat_map_iter(|(k, run)| {
                let mut batch = crate::spill::Batch::default();
                let loaded: Vec<_> = (run.iter().enumerate())
                    .map(|(j, (rel, path))| {
                        let mut item = load_one(root, rel, path);
                        if let (Some(_), Ok(Loaded::Page(p))) = (&aside, &mut item) {
                            let i = k * ASIDE_BATCH + j;
                            batch.push(i, &std::mem::take(&mut p.body));
                            p.body_aside = Some(i);
                        }
                        item
                    })
                    .collect();
                if let (Some(aside), false) = (&aside, batch.is_empty()) {
                    aside.set_batch(batch);
                }
                loaded
            })
            .collect()
    };
    // Read on threads of their own, many more than the cores: with the files not in the
    // page cache each read waits on the disk, and rayon's threads (one per core) kept only
    // that many reads in flight. Cold, 100,000 pages were read in 13 s on 2 threads, in
    // 4.7 s on 16.
    let pool = (sources.len() > READ_POOL_ABOVE)
        .then(|| crate::fsutil::io_pool("read"))
        .flatten();
    let loaded = match pool {
        Some(pool) => pool.install(load_all),
        None => load_all(),
    };
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
    leave_out_draft_folders(
        &content_dir,
        &shortcuts,
        &mut sections,
        &mut assets,
        &mut drafts,
        &sources,
    );
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
        bodies_aside: aside.map(std::sync::Arc::new),
    };
    diags.extend(validate::validate(&content));
    (Some(content), diags)
}

/// Leaves out, as its pages are, every folder under `content/` all of whose pages are
/// drafts (at least one, and none published): a draft in a page folder
/// (`new-service/index.md`) or a new section still being written. Without this the folder
/// was published as an empty listing, in the top menu, with the draft's pictures and
/// documents. Its folder leaves `sections`, and its files leave `assets` for `drafts`, so
/// that an address of one says why it is not published. So does each of the symbolic
/// links followed in `content_dir` (`shortcuts`) that leads into such a folder (to one of
/// its pictures, or to a folder of them, which has no page to be a draft): the link would
/// publish what the folder keeps back.
fn leave_out_draft_folders(
    content_dir: &Path,
    shortcuts: &[PathBuf],
    sections: &mut BTreeSet<String>,
    assets: &mut Vec<Asset>,
    drafts: &mut BTreeSet<String>,
    sources: &[(String, PathBuf)],
) {
    if drafts.is_empty() {
        return;
    }
    // The folders holding a page that is published (or broken, and so reported), and
    // every folder above them.
    let mut kept = BTreeSet::new();
    for (rel, _) in sources {
        if is_markdown(rel) && !drafts.contains(rel) {
            let mut dir = rel.as_str();
            while let Some((up, _)) = dir.rsplit_once('/') {
                kept.insert(up);
                dir = up;
            }
        }
    }
    let mut left_out: Vec<String> = drafts
        .iter()
        .filter_map(|d| d.rsplit_once('/').map(|(dir, _)| dir))
        .flat_map(|dir| {
            // The draft's folder and those above it, up to the first one kept.
            let mut up = Some(dir);
            std::iter::from_fn(move || {
                let d = up?;
                up = d.rsplit_once('/').map(|(u, _)| u);
                Some(d)
            })
            .take_while(|d| !kept.contains(d))
            .last()
        })
        .filter(|d| *d != EXERCISES_DIR && *d != LADDERS_DIR)
        .map(str::to_string)
        .collect();
    if left_out.is_empty() {
        return;
    }
    if !shortcuts.is_empty() {
        // Where each folder left out really is, every link on the way followed.
        let real: Vec<PathBuf> = (left_out.iter())
            .filter_map(|d| content_dir.join(d).canonicalize().ok())
            .collect();
        for link in shortcuts {
            let leads_in = link
                .canonicalize()
                .is_ok_and(|to| real.iter().any(|r| to.starts_with(r)));
            if let (true, Ok(rel)) = (leads_in, link.strip_prefix(content_dir)) {
                left_out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let inside = |rel: &str| {
        left_out.iter().any(|d| {
            rel == d
                || rel
                    .strip_prefix(d.as_str())
                    .is_some_and(|r| r.starts_with('/'))
        })
    };
    sections.retain(|s| !inside(s));
    assets.retain(|a| {
        let keep = !inside(&a.rel);
        if !keep {
            drafts.insert(a.rel.clone());
        }
        keep
    });
}

#[cfg(test)]
mod tests;
