//! Rebuilding after a save without rebuilding everything. A [`Session`] keeps the
//! [`State`] of its last successful build; when the only change is the Markdown text of
//! some pages (their front matter unchanged), it renders just those pages' Markdown again,
//! re-checks every anchor, and renders the output pages that show what changed. Anything
//! else is a full build.
//!
//! A session also holds the site it last built in memory ([`Snapshot`]) and merges each
//! update into it, and it knows which changes need no rebuild at all: a file that is
//! published by copying it, written again, is read afresh when it is asked for.
//!
//! The promise: an update gives exactly the files and problems a full build of the same
//! sources gives (`tests/incremental.rs` checks it edit by edit).

use super::{
    BuildOptions, Built, FileHashes, SearchInput, SiteMade, State, Timings, finish, prepare,
    render_jobs, render_site,
};
use crate::config::SiteConfig;
use crate::content::{self, EXERCISES_DIR, LADDERS_DIR, Page, PageKind};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::link::{Target, check_anchors, inbound_links, outbound};
use crate::markdown::Rendered;
use crate::render::pages::Job;
use crate::render::{Body, OutFile, offline};
use crate::search::Doc;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Builds a site again and again as its sources change, redoing only what a change
/// needs when that is cheap to get right.
pub struct Session {
    opts: BuildOptions,
    /// The last successful build, while updates can start from it.
    state: Option<State>,
    /// Source path under `content/` -> index in `state.content.pages`.
    page_index: HashMap<String, usize>,
    /// Files changed since `state` was built that it does not reflect yet. An update that
    /// fails leaves its files here, so the next update starts from the last good build
    /// and looks at them again.
    pending: BTreeSet<PathBuf>,
    /// The site of the last successful build or update, as served.
    site: Option<Arc<Snapshot>>,
    /// The warnings of the last successful build or update.
    warnings: Diagnostics,
    /// What the site search indexed last, by address: an update whose indexed pages
    /// are all the same hands out no new [`SearchInput`].
    search: BTreeMap<String, Arc<Doc>>,
    /// The language `search` was indexed for.
    search_language: Option<String>,
    /// Every file of `site` hashed as the offline worker's version counts it, so that
    /// an update hashes only the files it makes again (hashing all 10,000 pages of a
    /// site again after each save took most of its time).
    hashes: FileHashes,
}

/// A built site held in memory (what `sinew serve` serves).
#[derive(Debug)]
pub struct Snapshot {
    /// Output path (e.g. `conditions/index.html`) -> contents. Shared, paths and
    /// contents alike, so a site updated after a save reuses every file that did not
    /// change, and making or dropping one allocates nothing per file.
    pub files: HashMap<Arc<str>, Arc<Body>>,
    /// The path the site is published under, e.g. `/` or `/patients/`.
    pub base: String,
    /// The site's title.
    pub title: String,
    /// Number of pages.
    pub pages: usize,
    /// The sources copied as they are (`static/` and content assets), by absolute path.
    copied: HashSet<PathBuf>,
}

impl Snapshot {
    /// Holds a successful build in memory.
    pub fn new(built: Built) -> Snapshot {
        Snapshot::merged(None, built.files, built.pages, &built.content.config)
    }

    /// This site without the files `remove` and with the files `add`: how `sinew serve`
    /// puts in a search index it made apart from the pages.
    pub fn with_files(&self, remove: &[String], add: &[(String, Arc<Body>)]) -> Snapshot {
        let mut files = self.files.clone();
        for p in remove {
            files.remove(p.as_str());
        }
        for (p, b) in add {
            files.insert(p.as_str().into(), Arc::clone(b));
        }
        Snapshot {
            files,
            base: self.base.clone(),
            title: self.title.clone(),
            pages: self.pages,
            copied: self.copied.clone(),
        }
    }

    /// `files` over `previous` (or alone, when there is none).
    fn merged(
        previous: Option<&Snapshot>,
        files: Vec<OutFile>,
        pages: usize,
        config: &SiteConfig,
    ) -> Snapshot {
        let (mut all, mut copied) = match previous {
            Some(p) => (p.files.clone(), p.copied.clone()),
            None => (HashMap::new(), HashSet::new()),
        };
        for f in files {
            if let Body::File(p) = &f.body {
                copied.insert(p.clone());
            }
            all.insert(f.path.into(), Arc::new(f.body));
        }
        Snapshot {
            base: config.base_path(),
            title: config.title.clone(),
            pages,
            files: all,
            copied,
        }
    }
}

/// How much of the site an update made again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redo {
    /// Nothing: every change was a copied file written again, which is read when it is
    /// asked for.
    Nothing,
    /// Only the pages the changed Markdown text shows on.
    Pages,
    /// Everything.
    Everything,
}

/// What a successful [`Session::build`] or [`Session::update`] made.
#[derive(Debug)]
pub struct Update {
    /// How much was made again.
    pub redo: Redo,
    /// The paths of the output files made again, sorted (every file after a full build).
    pub changed: Vec<String>,
    /// The whole site now.
    pub site: Arc<Snapshot>,
    /// The site's warnings (all of them, not only the changed pages').
    pub warnings: Diagnostics,
    /// Where the time went (only the stages that ran).
    pub timings: Timings,
    /// What the site search should index now, when it changed since the last update
    /// (a different text or set of indexed pages, or another language); `None` when the
    /// last index still holds. The session never indexes: the caller does, when it
    /// suits it (`sinew serve` on a thread of its own, so no save waits for it).
    pub search: Option<Arc<SearchInput>>,
    /// The work it took, counted.
    pub work: Work,
}

/// Work an update did, counted (not timed): a save at a big site should touch only the
/// pages it makes again, whatever the site's size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// HTML pages rendered and scanned for the addresses they carry.
    pub scanned: usize,
    /// Output files hashed for the offline worker's version.
    pub hashed: usize,
}

/// Undoes an update that failed, so the session stays at its last good build.
#[derive(Default)]
struct Undo {
    pages: Vec<(usize, Page, Rendered, Vec<Diagnostic>)>,
    anchors: Option<Vec<Diagnostic>>,
    inbound: Option<BTreeMap<Target, Vec<usize>>>,
}

impl Undo {
    fn restore(self, s: &mut State) {
        for (i, page, rendered, problems) in self.pages.into_iter().rev() {
            s.content.pages[i] = page;
            s.rendered[i] = rendered;
            s.page_problems[i] = problems;
        }
        if let Some(a) = self.anchors {
            s.anchor_problems = a;
        }
        if let Some(m) = self.inbound {
            s.inbound = m;
        }
    }
}

impl Session {
    /// A session that has built nothing yet.
    pub fn new(opts: BuildOptions) -> Session {
        Session {
            opts,
            state: None,
            page_index: HashMap::new(),
            pending: BTreeSet::new(),
            site: None,
            warnings: Diagnostics::default(),
            search: BTreeMap::new(),
            search_language: None,
            hashes: FileHashes::new(),
        }
    }

    /// What it builds.
    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// The site configuration of the last successful build, if it can still be updated.
    pub fn config(&self) -> Option<&SiteConfig> {
        self.state.as_ref().map(|s| &s.content.config)
    }

    /// Builds everything. On failure returns every problem, and the next update is a
    /// full build too.
    pub fn build(&mut self) -> Result<Update, Diagnostics> {
        self.pending.clear();
        self.page_index.clear();
        self.hashes.clear();
        // Drop the old state first: two whole sites need not be in memory at once.
        self.state = None;
        let mut state = prepare(&self.opts)?;
        let t = Instant::now();
        let files = Mutex::new(Vec::new());
        let made = render_site(&state, &|f| {
            files
                .lock()
                .expect("no panics while holding the lock")
                .push(f);
            Ok(())
        })
        .map_err(|errors| state.failure(errors))?;
        state.timings.render = t.elapsed();
        let mut files = files
            .into_inner()
            .expect("no panics while holding the lock");
        files.sort_by(|a, b| a.path.cmp(&b.path));
        self.page_index = state
            .content
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.source.clone(), i))
            .collect();
        let changed = files.iter().map(|f| f.path.clone()).collect();
        let SiteMade {
            pages,
            docs,
            hashes,
            scanned,
        } = made;
        let work = Work {
            scanned,
            hashed: hashes.len(),
        };
        self.hashes = hashes.into_iter().collect();
        let site = Arc::new(Snapshot::merged(None, files, pages, &state.content.config));
        let timings = state.timings;
        let language = state.content.config.language.clone();
        self.state = Some(state);
        let docs: BTreeMap<String, Arc<Doc>> = docs
            .into_iter()
            .map(|d| (d.url.clone(), Arc::new(d)))
            .collect();
        let language_changed = self.search_language.as_deref() != Some(language.as_str());
        let search = (language_changed || docs != self.search).then(|| {
            self.search = docs;
            self.search_language = Some(language);
            self.search_input()
        });
        let mut update = self.succeeded(
            Redo::Everything,
            changed,
            site,
            timings,
            finish(self.problems()),
        );
        update.search = search;
        update.work = work;
        Ok(update)
    }

    /// What the site search indexes as of the last successful build or update (the
    /// pages of [`Update::search`] when it was last `Some`).
    pub fn search_input(&self) -> Arc<SearchInput> {
        Arc::new(SearchInput::new(
            self.search.values().cloned().collect(),
            self.search_language.as_deref().unwrap_or_default(),
        ))
    }

    /// The problems of the last good state (none when there is none).
    fn problems(&self) -> Diagnostics {
        self.state
            .as_ref()
            .map_or_else(Diagnostics::default, State::problems)
    }

    /// Records a successful build or update and returns it.
    fn succeeded(
        &mut self,
        redo: Redo,
        changed: Vec<String>,
        site: Arc<Snapshot>,
        timings: Timings,
        warnings: Diagnostics,
    ) -> Update {
        self.site = Some(Arc::clone(&site));
        self.warnings = warnings.clone();
        Update {
            redo,
            changed,
            site,
            warnings,
            timings,
            search: None,
            work: Work::default(),
        }
    }

    /// The site as it stands when `changed` need no rebuild: the last build succeeded
    /// and every change is a file it publishes by copying, still a file, so a full
    /// build would list the same files and never reads their contents.
    fn unchanged(&self, changed: &[PathBuf]) -> Option<Arc<Snapshot>> {
        let site = self.site.as_ref()?;
        let good = self.state.is_some() && self.pending.is_empty() && !changed.is_empty();
        let root = &self.opts.root;
        (good
            && changed.iter().all(|p| {
                let p = root.join(p);
                site.copied.contains(&p) && p.is_file()
            }))
        .then(|| Arc::clone(site))
    }

    /// Brings the site up to date after `changed` files changed (absolute, or relative
    /// to the site root; created, written or removed). Only the pages that need it are
    /// rendered again when every change is to a known page's Markdown text; anything
    /// else, or any doubt, is a full build. On failure returns exactly the problems a
    /// full build would, and the session keeps its last good build.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Update, Diagnostics> {
        if let Some(site) = self.unchanged(changed) {
            return Ok(Update {
                redo: Redo::Nothing,
                changed: Vec::new(),
                site,
                warnings: self.warnings.clone(),
                timings: Timings::default(),
                search: None,
                work: Work::default(),
            });
        }
        let root = &self.opts.root;
        self.pending.extend(changed.iter().map(|p| root.join(p)));
        let t = Instant::now();
        match self.edits() {
            Some(edits) => self.apply(edits, t),
            None => self.build(),
        }
    }

    /// The pending changes as new versions of known pages whose front matter is
    /// unchanged, or `None` when they need a full build.
    fn edits(&self) -> Option<Vec<(usize, Page)>> {
        let state = self.state.as_ref()?;
        let content_dir = self.opts.root.join("content");
        let mut out = Vec::new();
        for path in &self.pending {
            // Keys are built the way `content::load` builds them from the walk.
            let rel = path
                .strip_prefix(&content_dir)
                .ok()?
                .to_str()?
                .replace('\\', "/");
            let i = *self.page_index.get(&rel)?;
            // A page that cannot be read any more (removed, renamed away, broken) is
            // reported by the full build, as it would be without a session.
            let mut new = content::reload_page(&self.opts.root, &rel).ok()?;
            // The same file in the same place: the same language as before.
            content::set_language(&mut new, &state.content.config.languages);
            // Whether a folder is a page folder depends on the other files, which an
            // edit of this page's text does not change.
            if state.content.pages[i].in_own_folder && new.kind == PageKind::Section {
                content::make_page_folder(&mut new);
            }
            if !same_but_text(&state.content.pages[i], &new) {
                return None;
            }
            out.push((i, new));
        }
        Some(out)
    }

    fn apply(&mut self, edits: Vec<(usize, Page)>, start: Instant) -> Result<Update, Diagnostics> {
        let state = self.state.as_mut().expect("edits are made from a state");
        let mut timings = Timings {
            load: start.elapsed(),
            ..Timings::default()
        };
        let t = Instant::now();
        let redone: Vec<(usize, Page, Rendered)> = {
            let md = state.markdown();
            edits
                .into_par_iter()
                .map(|(i, p)| {
                    let r = md.render(&p);
                    (i, p, r)
                })
                .collect()
        };
        // The output pages to render again: each edited page's own, and every target
        // whose list of pages linking to it changed (an exercise's "used by").
        let mut targets: BTreeSet<Target> = BTreeSet::new();
        let mut links_changed = false;
        let mut undo = Undo::default();
        for (i, page, mut r) in redone {
            let problems = std::mem::take(&mut r.errors);
            let before = outbound(&state.content.pages[i], &state.rendered[i]);
            let after = outbound(&page, &r);
            let changed: Vec<Target> = before.symmetric_difference(&after).cloned().collect();
            links_changed |= !changed.is_empty();
            targets.extend(changed);
            targets.insert(shown_at(&page, i));
            undo.pages.push((
                i,
                std::mem::replace(&mut state.content.pages[i], page),
                std::mem::replace(&mut state.rendered[i], r),
                std::mem::replace(&mut state.page_problems[i], problems),
            ));
        }
        // Any page may link to an anchor of an edited page, so check them all; it is
        // cheap next to rendering.
        let anchors = check_anchors(&state.content, &state.rendered);
        undo.anchors = Some(std::mem::replace(&mut state.anchor_problems, anchors));
        if links_changed {
            let inbound = inbound_links(&state.content, &state.rendered);
            undo.inbound = Some(std::mem::replace(&mut state.inbound, inbound));
        }
        timings.parse = t.elapsed();
        let problems = state.problems();
        if problems.has_errors() {
            undo.restore(state);
            return Err(finish(problems));
        }

        let t = Instant::now();
        let jobs: Vec<Job> = state
            .urls
            .paths()
            // Copied and generated files are never rendered (see `render_site`).
            .filter(|(_, t)| !matches!(t, Target::Asset(_) | Target::Generated))
            .filter(|(_, t)| targets.contains(*t))
            .map(|(path, t)| Job::Target(path.clone(), t.clone()))
            .collect();
        let files = Mutex::new(Vec::new());
        let (errors, docs, scanned) = render_jobs(state, &jobs, &|f| {
            files
                .lock()
                .expect("no panics while holding the lock")
                .push(f);
            Ok(())
        });
        if !errors.is_empty() {
            let failure = state.failure(errors);
            undo.restore(state);
            return Err(failure);
        }
        timings.render = t.elapsed();
        let mut files = files
            .into_inner()
            .expect("no panics while holding the lock");
        self.pending.clear();
        let mut search_changed = false;
        for d in docs {
            if self.search.get(&d.url).map(|x| &**x) != Some(&d) {
                search_changed = true;
                self.search.insert(d.url.clone(), Arc::new(d));
            }
        }
        let previous = self
            .site
            .as_deref()
            .expect("a session with a state has a site");
        // The service worker's version is the hash of every file, as a full build makes
        // it: the files made again are hashed, the others' hashes are kept from before.
        let work = Work {
            scanned,
            hashed: files.len(),
        };
        for f in &files {
            self.hashes
                .insert(f.path.clone(), offline::file_hash(&f.path, &f.body));
        }
        let sw = super::service_worker(
            &state.content.config,
            self.hashes.iter().map(|(p, h)| (p.as_str(), *h)),
        );
        if previous.files.get(sw.path.as_str()).map(|b| body_bytes(b)) != Some(Some(sw_bytes(&sw)))
        {
            files.push(sw);
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let changed = files.iter().map(|f| f.path.clone()).collect();
        let site = Arc::new(Snapshot::merged(
            Some(previous),
            files,
            previous.pages,
            &state.content.config,
        ));
        let search = search_changed.then(|| self.search_input());
        let mut update = self.succeeded(Redo::Pages, changed, site, timings, finish(problems));
        update.search = search;
        update.work = work;
        Ok(update)
    }
}

/// The bytes of a generated body (`None` for a copied file).
fn body_bytes(b: &Body) -> Option<&[u8]> {
    match b {
        Body::Bytes(x) => Some(x),
        Body::Builtin(x) => Some(x),
        Body::File(_) => None,
    }
}

fn sw_bytes(f: &OutFile) -> &[u8] {
    body_bytes(&f.body).unwrap_or_default()
}

/// Whether two versions of a page differ at most in their Markdown text. Everything
/// else a page has (title, tags, template, dates, ...) is parsed from its front-matter
/// text alone, so equal text means an equal page apart from the body.
fn same_but_text(old: &Page, new: &Page) -> bool {
    old.source == new.source
        && old.file == new.file
        && old.section == new.section
        && old.kind == new.kind
        && old.front_matter == new.front_matter
        && old.body_line == new.body_line
        && old.reviewed == new.reviewed
}

/// The output page that shows page `i`'s text (see `UrlMap::build`): its own, or for a
/// folder's `index.md` the folder's listing.
fn shown_at(p: &Page, i: usize) -> Target {
    match p.kind {
        PageKind::Regular => Target::Page(i),
        _ if p.section == EXERCISES_DIR => Target::ExerciseList,
        _ if p.section == LADDERS_DIR => Target::PlannerList,
        _ => Target::Section(p.section.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::build;
    use std::fs;
    use std::path::Path;

    /// A small site in a temporary folder.
    fn site() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        let w = |p: &str, t: &str| {
            let path = d.path().join(p);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, t).unwrap();
        };
        w("site.yaml", "title: Test clinic\n");
        w("content/index.md", "---\ntitle: Home\n---\nWelcome.\n");
        w(
            "content/knee.md",
            "---\ntitle: Knee\n---\nSee the [leaflet](/leaflet.pdf).\n",
        );
        w("content/leaflet.pdf", "%PDF-1.4 one");
        w("static/extra.css", "body { color: red }");
        w("static/img/logo.png", "png one");
        d
    }

    fn opts(root: &Path) -> BuildOptions {
        BuildOptions {
            root: root.canonicalize().unwrap(),
            ..BuildOptions::default()
        }
    }

    /// Every file's bytes, read as the server would send them.
    fn bytes(site: &Snapshot) -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = site
            .files
            .iter()
            .map(|(k, b)| {
                let bytes = match &**b {
                    Body::Bytes(b) => b.clone(),
                    Body::Builtin(b) => b.to_vec(),
                    Body::File(p) => fs::read(p).unwrap(),
                };
                (k.to_string(), bytes)
            })
            .collect();
        v.sort();
        v
    }

    /// Each edit through a session: when it says nothing needs making again, the site
    /// it keeps must equal a full build of the edited sources.
    #[test]
    fn a_change_that_needs_no_rebuild_gives_the_same_site_as_a_full_build() {
        type Edit = fn(&Path);
        let edits: &[(&str, Edit, &str, bool)] = &[
            (
                "css rewritten",
                |r| fs::write(r.join("static/extra.css"), "body { color: blue }").unwrap(),
                "static/extra.css",
                true,
            ),
            (
                "image replaced by rename",
                |r| {
                    fs::write(r.join("static/img/.logo.png.tmp"), "png two").unwrap();
                    fs::rename(
                        r.join("static/img/.logo.png.tmp"),
                        r.join("static/img/logo.png"),
                    )
                    .unwrap();
                },
                "static/img/logo.png",
                true,
            ),
            (
                "content pdf rewritten",
                |r| fs::write(r.join("content/leaflet.pdf"), "%PDF-1.4 two").unwrap(),
                "content/leaflet.pdf",
                true,
            ),
            (
                "static file added",
                |r| fs::write(r.join("static/new.js"), "x").unwrap(),
                "static/new.js",
                false,
            ),
            (
                "static file removed",
                |r| fs::remove_file(r.join("static/extra.css")).unwrap(),
                "static/extra.css",
                false,
            ),
            (
                "page edited",
                |r| fs::write(r.join("content/knee.md"), "---\ntitle: Knee!\n---\nNew.\n").unwrap(),
                "content/knee.md",
                false,
            ),
            (
                "file became a folder",
                |r| {
                    fs::remove_file(r.join("static/img/logo.png")).unwrap();
                    fs::create_dir(r.join("static/img/logo.png")).unwrap();
                },
                "static/img/logo.png",
                false,
            ),
        ];
        for (what, edit, changed, nothing) in edits {
            let d = site();
            let mut session = Session::new(opts(d.path()));
            session.build().expect("builds");
            edit(d.path());
            let update = session.update(&[PathBuf::from(changed)]).expect(what);
            assert_eq!(update.redo == Redo::Nothing, *nothing, "{what}");
            let full = Snapshot::new(build(&opts(d.path())).expect("builds"));
            let index: Vec<(String, Arc<Body>)> = session
                .search_input()
                .index()
                .unwrap()
                .into_iter()
                .map(|f| (f.path, Arc::new(f.body)))
                .collect();
            let served = update.site.with_files(&[], &index);
            assert_eq!(bytes(&served), bytes(&full), "{what}");
        }
    }

    #[test]
    fn anything_after_a_failed_update_or_beyond_copied_files_is_made_again() {
        let d = site();
        let mut session = Session::new(opts(d.path()));
        session.build().expect("builds");
        let css = PathBuf::from("static/extra.css");
        let redo = |s: &mut Session, changed: &[PathBuf]| s.update(changed).map(|u| u.redo).ok();
        assert_eq!(
            redo(&mut session, std::slice::from_ref(&css)),
            Some(Redo::Nothing)
        );
        assert_eq!(
            redo(&mut session, &[css.clone(), "site.yaml".into()]),
            Some(Redo::Everything)
        );
        fs::create_dir_all(d.path().join("templates")).unwrap();
        fs::write(d.path().join("templates/extra.html"), "x").unwrap();
        assert_eq!(
            redo(&mut session, &[css.clone(), "templates/extra.html".into()]),
            Some(Redo::Everything)
        );
        fs::write(d.path().join("content/knee.md"), "---\ntitle: [\n---\nx\n").unwrap();
        assert!(session.update(&["content/knee.md".into()]).is_err());
        // The served site is older than the sources now: a stylesheet is no excuse.
        assert!(session.update(std::slice::from_ref(&css)).is_err());
    }
}
