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

mod edits;
mod snapshot;

pub use snapshot::{Redo, Snapshot, Update, Work};

use super::{
    BuildOptions, FileHashes, SearchInput, SiteMade, State, Timings, finish, prepare, render_site,
};
use crate::config::SiteConfig;
use crate::diagnostic::Diagnostics;
use crate::search::Doc;
use std::collections::{BTreeMap, BTreeSet, HashMap};
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
    /// build would list the same files and never reads their contents. SVG pictures are
    /// never such files: the build reads each one to refuse scripts in it
    /// (`svg::diagnostic`), so the preview refuses a changed one as `sinew build` would.
    fn unchanged(&self, changed: &[PathBuf]) -> Option<Arc<Snapshot>> {
        let site = self.site.as_ref()?;
        let good = self.state.is_some() && self.pending.is_empty() && !changed.is_empty();
        let root = &self.opts.root;
        (good
            && changed.iter().all(|p| {
                let p = root.join(p);
                let svg = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg"));
                !svg && site.copied.contains(&p) && p.is_file()
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Body;
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

    /// A published SVG picture rewritten with a script in it, in `static/` or beside the
    /// pages, is refused by the preview as by `sinew build`, and the preview keeps the
    /// last good site; a clean SVG saved again is published.
    #[test]
    fn an_svg_saved_with_a_script_is_refused_by_the_preview_as_by_the_build() {
        let clean =
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"4\" height=\"4\"/></svg>\n";
        let hostile =
            "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script>\n</svg>\n";
        for rel in ["static/img/logo.svg", "content/diagram.svg"] {
            let d = site();
            fs::write(d.path().join(rel), clean).unwrap();
            let mut session = Session::new(opts(d.path()));
            session.build().expect("builds");
            fs::write(d.path().join(rel), hostile).unwrap();
            assert!(build(&opts(d.path())).is_err(), "{rel}: build refuses it");
            let problems = session
                .update(&[PathBuf::from(rel)])
                .err()
                .unwrap_or_else(|| panic!("{rel}: the preview published a picture with a script"));
            assert!(
                problems
                    .0
                    .iter()
                    .any(|p| p.rule == "svg-script" && p.file == Path::new(rel)),
                "{rel}: {problems:?}"
            );
            fs::write(d.path().join(rel), clean).unwrap();
            assert!(session.update(&[PathBuf::from(rel)]).is_ok(), "{rel}");
        }
    }
}
