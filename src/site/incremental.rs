//! Rebuilding after a save without rebuilding everything. A [`Session`] keeps the
//! [`State`] of its last successful build; when the only change is the Markdown text of
//! some pages (their front matter unchanged), it renders just those pages' Markdown again,
//! re-checks every anchor, and renders the output pages that show what changed. Anything
//! else is a full build.
//!
//! The promise: an update gives exactly the files and problems a full build of the same
//! sources gives (`tests/incremental.rs` checks it edit by edit).

use super::links::{check_anchors, inbound_links, outbound};
use super::{BuildOptions, OutFile, State, Timings, finish, prepare, render_jobs, render_site};
use crate::config::SiteConfig;
use crate::content::{self, EXERCISES_DIR, LADDERS_DIR, Page, PageKind};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::link::Target;
use crate::markdown::Rendered;
use crate::render::pages::Job;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Mutex;
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
    /// Number of HTML pages of the last successful build.
    pages: usize,
}

/// What a successful [`Session::build`] or [`Session::update`] made.
#[derive(Debug)]
pub struct Update {
    /// Whether `files` is the whole site (`true`) or only the files that changed, every
    /// other file being as the previous result left it (`false`).
    pub full: bool,
    /// Output files, sorted by path.
    pub files: Vec<OutFile>,
    /// Number of HTML pages of the site.
    pub pages: usize,
    /// The site's warnings (all of them, not only the changed pages').
    pub warnings: Diagnostics,
    /// Where the time went (only the stages that ran).
    pub timings: Timings,
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
            pages: 0,
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
        // Drop the old state first: two whole sites need not be in memory at once.
        self.state = None;
        let mut state = prepare(&self.opts)?;
        let t = Instant::now();
        let files = Mutex::new(Vec::new());
        let pages = render_site(&state, self.opts.inject_html.as_deref(), &|f| {
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
        self.pages = pages;
        let update = Update {
            full: true,
            files,
            pages,
            warnings: finish(state.problems()),
            timings: state.timings,
        };
        self.state = Some(state);
        Ok(update)
    }

    /// Brings the site up to date after `changed` files changed (absolute, or relative
    /// to the site root; created, written or removed). Only the pages that need it are
    /// rendered again when every change is to a known page's Markdown text; anything
    /// else, or any doubt, is a full build. On failure returns exactly the problems a
    /// full build would, and the session keeps its last good build.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Update, Diagnostics> {
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
            let new = content::reload_page(&self.opts.root, &rel).ok()?;
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
        let errors = render_jobs(state, &jobs, self.opts.inject_html.as_deref(), &|f| {
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
        files.sort_by(|a, b| a.path.cmp(&b.path));
        self.pending.clear();
        Ok(Update {
            full: false,
            files,
            pages: self.pages,
            warnings: finish(problems),
            timings,
        })
    }
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
