//! An update that only renders again the pages whose Markdown text changed: which
//! pending changes are such edits, applying them to the kept [`State`] (each page's
//! Markdown, the anchors and inbound links, the output pages that show what changed,
//! the service worker's version), and undoing them when they fail.

use super::{Redo, Session, Snapshot, Update, Work};
use crate::content::{self, EXERCISES_DIR, LADDERS_DIR, Page, PageKind};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::link::{Target, check_anchors, inbound_links, outbound};
use crate::markdown::Rendered;
use crate::render::{Body, OutFile, offline};
use crate::site::{State, Timings, ToRender, finish, render_jobs, service_worker};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::Instant;

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
    /// The pending changes as new versions of known pages whose front matter is
    /// unchanged, or `None` when they need a full build.
    pub(super) fn edits(&self) -> Option<Vec<(usize, Page)>> {
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

    pub(super) fn apply(
        &mut self,
        edits: Vec<(usize, Page)>,
        start: Instant,
    ) -> Result<Update, Diagnostics> {
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
        let jobs: Vec<ToRender<'_>> = state
            .urls
            .paths()
            // Copied and generated files are never rendered (see `render_site`).
            .filter(|(_, t)| !matches!(t, Target::Asset(_) | Target::Generated))
            .filter(|(_, t)| targets.contains(*t))
            .map(|(path, t)| ToRender::Page(path, t))
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
        let sw = service_worker(
            &state.content.config,
            &state.tables,
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
