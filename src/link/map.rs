//! The site's URL map: which output path every source gets, resolving `@/` links to
//! output paths, and finding two sources that would write the same address.

use crate::content::{Content, EXERCISES_DIR, LADDERS_DIR, PageKind};
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::names::{nfc, slugify};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[cfg(test)]
mod tests;
mod writable;

pub use writable::{EscapedName, escaped_name};
use writable::{page_name, unnamable, unwritable_paths};

/// What an output path is for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// A Markdown page (index into `Content::pages`).
    Page(usize),
    /// A folder's listing page.
    Section(String),
    /// An exercise's page.
    Exercise(String),
    /// A ladder's planner page.
    Planner(String),
    /// The list of all exercises.
    ExerciseList,
    /// The list of all ladders.
    PlannerList,
    /// A file copied from `content/`.
    Asset(usize),
    /// A file sinew makes itself or copies from `static/` (tag pages, sitemap, theme files).
    Generated,
}

/// The top folder of the addresses `sinew serve` keeps for itself: it answers
/// `/__sinew/...` with its live-reload script, stream and styles. A site's file or page
/// there is refused at its source.
pub const RESERVED: &str = "__sinew";

/// Every top folder sinew keeps for itself, with why, as a clinic reads it: [`RESERVED`]
/// and the site search's index (`crate::search::FOLDER`, whose files are named after
/// their contents, so they cannot be claimed one by one before the index is built). A
/// site's file or page in one of them is refused at its source.
pub const RESERVED_FOLDERS: &[(&str, &str)] = &[
    (
        RESERVED,
        "`sinew serve` answers everything under /__sinew/ with its own files, so the \
         preview would never show it",
    ),
    (
        "pagefind",
        "sinew writes the site search's index there, and its files would replace yours",
    ),
];

/// Source keys (paths under `content/` as written after `@/`) and their output paths.
#[derive(Debug, Clone, Default)]
pub struct UrlMap {
    /// Source key -> (target, path relative to the base, e.g. `conditions/knee/`). Hashed
    /// (Fx, fixed): every link of every page and every listing item looks a key up here,
    /// and a 10,000-key tree was a dozen string compares a lookup. Never iterated but for
    /// a "did you mean", which sorts the keys first.
    by_source: rustc_hash::FxHashMap<String, (Target, String)>,
    /// Output path -> the sources that write it (more than one is a collision).
    by_path: BTreeMap<String, Vec<(PathBuf, Target)>>,
}

/// A resolved internal link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// What it points at.
    pub target: Target,
    /// Output path relative to the base, e.g. `conditions/knee/`.
    pub path: String,
    /// The `#anchor`, if any.
    pub anchor: Option<String>,
}

impl UrlMap {
    /// Builds the map for all content and reports collisions.
    pub fn build(c: &Content, extra_outputs: &[(String, PathBuf)]) -> (UrlMap, Diagnostics) {
        let mut m = UrlMap::default();
        let section_path = |s: &str| -> String {
            if s.is_empty() {
                String::new()
            } else {
                let mut p: String = s.split('/').map(slugify).collect::<Vec<_>>().join("/");
                p.push('/');
                p
            }
        };
        for s in &c.sections {
            let path = section_path(s);
            let t = Target::Section(s.clone());
            let file = PathBuf::from("content").join(s);
            if s.is_empty() {
                m.add_source("", t.clone(), &path);
            } else {
                m.add_source(&format!("{s}/"), t.clone(), &path);
                m.add_source(s, t.clone(), &path);
            }
            // The home section's and other folders' listing pages are claimed below by the index page if it exists.
            m.claim(&path, file, t);
        }
        for (i, p) in c.pages.iter().enumerate() {
            // A translation lives under `/<lang>/`, at its original's address.
            if let Some(code) = &p.lang {
                let path = match p.kind {
                    PageKind::Regular => {
                        let mut parts = p.original.rsplit('/');
                        let name = parts.next().unwrap_or(&p.original);
                        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
                        // A page folder's translation is at its folder's address.
                        let stem = if p.in_own_folder {
                            parts.next().unwrap_or(stem)
                        } else {
                            stem
                        };
                        format!("{code}/{}{}/", section_path(&p.section), slugify(stem))
                    }
                    // The ladders' folder is listed at `planner/`, so its translation too.
                    _ if p.section == LADDERS_DIR => format!("{code}/planner/"),
                    _ => format!("{code}/{}", section_path(&p.section)),
                };
                m.add_source(&p.source, Target::Page(i), &path);
                m.claim(&path, p.file.clone(), Target::Page(i));
                continue;
            }
            match p.kind {
                PageKind::Home | PageKind::Section
                    if p.section != EXERCISES_DIR && p.section != LADDERS_DIR =>
                {
                    // A folder's index.md is the text of its listing; it links to the listing.
                    let path = section_path(&p.section);
                    let t = Target::Section(p.section.clone());
                    m.add_source(&p.source, t, &path);
                }
                PageKind::Section if p.section == EXERCISES_DIR => {
                    m.add_source(&p.source, Target::ExerciseList, "exercises/")
                }
                PageKind::Section => m.add_source(&p.source, Target::PlannerList, "planner/"),
                _ => {
                    let dir = section_path(&p.section);
                    let path = format!("{dir}{}/", slugify(page_name(p)));
                    m.add_source(&p.source, Target::Page(i), &path);
                    if p.in_own_folder {
                        // `@/conditions/knee/` names a page folder as it names a listing.
                        let folder = p.source.trim_end_matches(|c| c != '/');
                        m.add_source(folder, Target::Page(i), &path);
                        m.add_source(folder.trim_end_matches('/'), Target::Page(i), &path);
                    }
                    m.claim(&path, p.file.clone(), Target::Page(i));
                }
            }
        }
        m.add_source("exercises/", Target::ExerciseList, "exercises/");
        m.add_source("exercises", Target::ExerciseList, "exercises/");
        m.claim(
            "exercises/",
            PathBuf::from("content/exercises"),
            Target::ExerciseList,
        );
        m.add_source("programs/", Target::PlannerList, "planner/");
        m.add_source("programs", Target::PlannerList, "planner/");
        m.claim(
            "planner/",
            PathBuf::from("content/programs"),
            Target::PlannerList,
        );
        for e in c.exercises.values() {
            let path = format!("exercises/{}/", e.id);
            let name = e
                .file
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            m.add_source(
                &format!("exercises/{name}"),
                Target::Exercise(e.id.clone()),
                &path,
            );
            m.claim(&path, e.file.clone(), Target::Exercise(e.id.clone()));
        }
        for p in c.ladders.values() {
            let path = format!("planner/{}/", p.id);
            let name = p
                .file
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            m.add_source(
                &format!("programs/{name}"),
                Target::Planner(p.id.clone()),
                &path,
            );
            m.claim(&path, p.file.clone(), Target::Planner(p.id.clone()));
        }
        for (i, a) in c.assets.iter().enumerate() {
            m.add_source(&a.rel, Target::Asset(i), &a.rel);
            m.claim(
                &a.rel,
                PathBuf::from("content").join(&a.rel),
                Target::Asset(i),
            );
        }
        let mut diags = Diagnostics::default();
        // A name with no letter or digit has an empty slug: its address would be its
        // parent's (or, for a folder, could start with `/`), so it is refused.
        for s in c.sections.iter().filter(|s| !s.is_empty()) {
            let last = s.rsplit('/').next().unwrap_or(s);
            if slugify(last).is_empty() {
                diags.push(unnamable(PathBuf::from("content").join(s), last, "folder"));
            }
        }
        for p in c.pages.iter().filter(|p| p.kind == PageKind::Regular) {
            let name = page_name(p);
            if slugify(name).is_empty() {
                diags.push(unnamable(p.file.clone(), name, "file"));
            }
        }
        for (path, file) in extra_outputs {
            m.by_path
                .entry(path.clone())
                .or_default()
                .push((file.clone(), Target::Generated));
        }
        // Three checks that only read the finished map, on every core: this part of the
        // build runs before anything else can start (bench/RESULTS.md, "eleventh pass").
        // Their problems are listed in the same order as when they ran one after another.
        let (unwritable, (collisions, reserved)) = rayon::join(
            || unwritable_paths(&m),
            || rayon::join(|| m.collisions(c), || m.reserved_paths(c)),
        );
        diags.extend(unwritable);
        diags.extend(collisions);
        diags.extend(reserved);
        (m, diags)
    }

    /// An error for each output file that two or more sources would write.
    fn collisions(&self, c: &Content) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        // Compare what lands in the same output file: the page at `a/` and a file
        // `a/index.html` (from `static/` or `content/`) clash too.
        let mut by_file: BTreeMap<String, Vec<&PathBuf>> = BTreeMap::new();
        for (path, writers) in &self.by_path {
            let key = if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.clone()
            };
            by_file
                .entry(key)
                .or_default()
                .extend(writers.iter().map(|(f, _)| f));
        }
        for (file, mut files) in by_file {
            // A folder listing and the same folder's index.md are one page, and the
            // built-in generated files are only a clash when a source also writes them.
            files.sort();
            files.dedup();
            if files.len() > 1 {
                let path = file.strip_suffix("index.html").unwrap_or(&file);
                let url = format!("{}{}", c.config.base_path(), path);
                let names: Vec<String> = files.iter().map(|f| label_in_words(f)).collect();
                let all = if names.len() == 2 { "both" } else { "all" };
                // A file sinew makes itself cannot be renamed: the clinic's file must move.
                let made = files
                    .iter()
                    .find(|f| f.to_string_lossy().starts_with("(generated "));
                let theirs: Vec<&String> = names
                    .iter()
                    .zip(&files)
                    .filter(|(_, f)| Some(f) != made.as_ref())
                    .map(|(n, _)| n)
                    .collect();
                let hint = match made {
                    Some(m) => format!(
                        "sinew makes {url} itself {}: rename or move {}, or delete it if you \
                         do not need it",
                        m.display(),
                        theirs
                            .iter()
                            .map(|n| n.as_str())
                            .collect::<Vec<_>>()
                            .join(" and ")
                    ),
                    None => crate::names::collision_hint(&files),
                };
                diags.push(
                    Diagnostic::error(
                        "url-collision",
                        files[1].clone(),
                        format!("{} {all} write the same address {url}", names.join(" and ")),
                    )
                    .hint(hint),
                );
            }
        }
        diags
    }

    /// An error for each source that would publish a file under one of
    /// [`RESERVED_FOLDERS`].
    fn reserved_paths(&self, c: &Content) -> Vec<Diagnostic> {
        let mut files: BTreeMap<&PathBuf, (&String, &str, &str)> = BTreeMap::new();
        for (path, writers) in &self.by_path {
            let top = path.split('/').next().unwrap_or_default();
            if let Some((folder, why)) = RESERVED_FOLDERS.iter().find(|(f, _)| *f == top) {
                for (file, _) in writers {
                    files.entry(file).or_insert((path, folder, why));
                }
            }
        }
        files
            .into_iter()
            .map(|(file, (path, folder, why))| {
                Diagnostic::error(
                    "reserved-address",
                    file.clone(),
                    format!(
                        "this would be published at {}{path}, an address sinew keeps for \
                         itself ({why})",
                        c.config.base_path()
                    ),
                )
                .hint(format!(
                    "rename the folder `{folder}` (or move the file out of it): no file or \
                     page of the site may be in a folder of that name"
                ))
            })
            .collect()
    }

    /// Registers the source key `key` (NFC, so a link typed with `é` finds a file whose
    /// name macOS wrote as `e` + U+0301, and the other way round).
    fn add_source(&mut self, key: &str, t: Target, path: &str) {
        self.by_source
            .entry(nfc(key).into_owned())
            .or_insert((t, path.to_string()));
    }

    /// Records that `file` makes output path `path`. Nearly every path has one claimant,
    /// so each list starts with room for one (an empty list's first push makes room for
    /// four: at 100,000 pages that spare room was 17 MB, held all through the build).
    fn claim(&mut self, path: &str, file: PathBuf, t: Target) {
        self.by_path
            .entry(path.to_string())
            .or_insert_with(|| Vec::with_capacity(1))
            .push((file, t));
    }

    /// The output path of a source key, if there is one.
    pub fn path_of(&self, key: &str) -> Option<&str> {
        self.by_source.get(&*nfc(key)).map(|(_, p)| p.as_str())
    }

    /// Whether `path` (no leading `/`) is a file the site publishes: a static or theme
    /// file, a file copied from `content/`, or one sinew generates (not a page's folder).
    pub fn publishes_file(&self, path: &str) -> bool {
        !path.is_empty() && !path.ends_with('/') && self.by_path.contains_key(path)
    }

    /// What the site publishes at `path` (relative to the base, no leading `/`, no
    /// `%` escapes): the canonical output path and its target. A page's address written
    /// without its final `/` (`pacing`) or with `index.html` finds the page.
    pub fn lookup_path(&self, path: &str) -> Option<(String, Target)> {
        // Page addresses are NFC (`names::slugify`): so is an address typed either way.
        let path = &*nfc(path);
        let find = |p: &str| {
            self.by_path
                .get(p)
                .and_then(|w| w.first())
                .map(|(_, t)| (p.to_string(), t.clone()))
        };
        if let Some(found) = find(path) {
            return Some(found);
        }
        if let Some(folder) = path.strip_suffix("index.html")
            && (folder.is_empty() || folder.ends_with('/'))
        {
            return find(folder);
        }
        if !path.is_empty() && !path.ends_with('/') {
            return find(&format!("{path}/"));
        }
        None
    }

    /// The published path most like `path`, for a "did you mean".
    pub fn similar_path(&self, path: &str) -> Option<&str> {
        did_you_mean(path, self.by_path.keys().map(String::as_str))
    }

    /// [`UrlMap::similar_path`] among every published path but `except` (the page an
    /// address is written on: a bad address on a page is never meant as the page
    /// itself, so suggesting it would send the clinic round in a circle).
    pub fn similar_path_except(&self, path: &str, except: &str) -> Option<&str> {
        did_you_mean(
            path,
            self.by_path
                .keys()
                .map(String::as_str)
                .filter(|p| *p != except),
        )
    }

    /// The target of a source key (`guides/knee.md`), if it is one.
    pub fn source_target(&self, key: &str) -> Option<(Target, String)> {
        self.by_source.get(&*nfc(key)).cloned()
    }

    /// The file a published file is copied from, relative to the site root
    /// (`static/a.mp4`, `content/exercises/a.mp4`); `None` for generated files, the
    /// built-in theme's and pages.
    pub fn source_of(&self, path: &str) -> Option<PathBuf> {
        let (file, t) = self.by_path.get(path)?.first()?;
        let from_site = file.starts_with("static") || matches!(t, Target::Asset(_));
        from_site.then(|| file.clone())
    }

    /// The source that writes the output path `path` (a page's Markdown file, an
    /// exercise's YAML file, a generated file's label), if any.
    pub fn file_of(&self, path: &str) -> Option<&PathBuf> {
        self.by_path.get(path)?.first().map(|(f, _)| f)
    }

    /// All output paths of pages and listings (for the sitemap and collision checks).
    pub fn paths(&self) -> impl Iterator<Item = (&String, &Target)> {
        self.by_path
            .iter()
            .filter_map(|(p, w)| w.first().map(|(_, t)| (p, t)))
    }

    /// Resolves `@/...` (without the `@/`) to an output path.
    ///
    /// `drafts` are the sources left out of this build, so a link to one explains why.
    pub fn resolve(
        &self,
        link: &str,
        drafts: &std::collections::BTreeSet<String>,
    ) -> Result<Resolved, (String, String)> {
        let (key, anchor) = match link.split_once('#') {
            Some((k, a)) => (k, Some(a.to_string())),
            None => (link, None),
        };
        let key = key.trim_start_matches('/');
        if let Some((t, p)) = self.by_source.get(&*nfc(key)) {
            return Ok(Resolved {
                target: t.clone(),
                path: p.clone(),
                anchor,
            });
        }
        if drafts.contains(key) {
            return Err((
                format!("the link `@/{link}` points at a draft page, which is not published"),
                "remove `draft: true` from that page, or remove the link".to_string(),
            ));
        }
        // Sorted, so that of two keys as close the same one is suggested every time.
        let mut keys: Vec<&str> = self.by_source.keys().map(String::as_str).collect();
        keys.sort_unstable();
        // A renamed or moved page is the usual cause of a link to nothing: say how to keep
        // its old address working (printed handouts and QR codes hold it), not only the syntax.
        const RENAMED: &str = "if you renamed or moved that page, link to its new file name here and add its old address to that page's `aliases:` (so printed handouts and bookmarks still work)";
        let hint = match did_you_mean(key, keys) {
            Some(s) => format!("did you mean `@/{s}`? Or, {RENAMED}"),
            None => format!(
                "{RENAMED}; otherwise remove the link. Internal links name a file under `content/`, e.g. `@/pacing.md` or `@/exercises/lunge.yaml`"
            ),
        };
        Err((
            format!("the link `@/{link}` points at `content/{key}`, which does not exist"),
            hint,
        ))
    }
}

/// How a message names the source `label` of a published file (a writer in the map): a
/// file of the site in backticks, the words sinew adds to its label outside them, so no
/// backticks nest. `content/about.md (its alias ...)` is named with only the file in
/// backticks; `(built-in theme) static/style.css` as the built-in theme's file; a
/// generated file's label, `(generated sitemap)`, as sinew's generated sitemap.
pub(super) fn label_in_words(label: &Path) -> String {
    let text = label.to_string_lossy();
    if let Some(what) = text
        .strip_prefix("(generated ")
        .and_then(|t| t.strip_suffix(')'))
    {
        return format!("sinew's generated {what}");
    }
    if let Some(file) = text.strip_prefix("(built-in theme) ") {
        return format!("the built-in theme's `{file}`");
    }
    match text.split_once(" (") {
        Some((file, words)) => format!("`{file}` ({words}"),
        None => format!("`{text}`"),
    }
}
