//! The rebuild thread of `sinew serve`: batching the watcher's changes and bringing the
//! served site up to date through the library's [`Session`], which decides what they
//! need (nothing, the pages a saved page affects, or everything) and returns the new
//! site or the problems.

use super::{Event, ServeOptions, Shared, reload, warm, watch};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::site::{Redo, SearchInput, Session};
use reload::Message;
use std::any::Any;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};
use watch::Change;

/// Whether every change is to a stylesheet, so pages can swap stylesheets in place.
fn only_css(changes: &[Change]) -> bool {
    !changes.is_empty()
        && changes.iter().all(|c| {
            c.path()
                .and_then(Path::extension)
                .is_some_and(|e| e.eq_ignore_ascii_case("css"))
        })
}

/// The changed files, or `None` when a change is not about one file (a source folder
/// came or went, or the watcher lost events).
fn changed_files(changes: &[Change], root: &Path) -> Option<Vec<PathBuf>> {
    changes
        .iter()
        .map(|c| match c {
            Change::Config => Some(root.join("site.yaml")),
            Change::Folder(_) | Change::Rescan => None,
            c => c.path().map(Path::to_path_buf),
        })
        .collect()
}

/// The rebuild thread's state.
pub(super) struct Rebuilder {
    opts: ServeOptions,
    /// Builds the site, and after a save only what the save needs when it can.
    session: Session,
    shared: Arc<Shared>,
    watcher: watch::Watcher,
    changed: Vec<PathBuf>,
    /// To the search indexer's thread: what to index, whenever it changed.
    search: Sender<(u64, Arc<SearchInput>)>,
    /// Every source's hash, kept up to date before each build reads them, for the
    /// fingerprint the served site is kept with (`None`: a source could not be read,
    /// and nothing is kept).
    sources: Option<warm::Sources>,
    /// The key of the search index already served (the kept one, at a quick start): an
    /// input with this key is not indexed again.
    indexed: Option<Vec<u8>>,
}

/// How often open event streams are checked (closed tabs are noticed and dropped).
const PING_EVERY: Duration = Duration::from_secs(15);

impl Rebuilder {
    pub(super) fn new(
        opts: ServeOptions,
        shared: Arc<Shared>,
        watcher: watch::Watcher,
        search: Sender<(u64, Arc<SearchInput>)>,
        sources: Option<warm::Sources>,
    ) -> Self {
        Rebuilder {
            search,
            sources,
            session: Session::new(opts.build.clone()),
            opts,
            shared,
            watcher,
            changed: Vec::new(),
            indexed: None,
        }
    }

    pub(super) fn run(mut self, rx: Receiver<Result<Vec<Change>, String>>) {
        loop {
            let mut changes: Vec<Change> = match rx.recv_timeout(PING_EVERY) {
                Ok(Ok(c)) => c,
                Ok(Err(e)) if e.is_empty() || self.shared.is_stopping() => return,
                Ok(Err(e)) => {
                    (self.opts.on_event)(&Event::WatchError(e));
                    continue;
                }
                Err(RecvTimeoutError::Timeout) => {
                    self.shared.clients.ping();
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            };
            // Saves that arrived while the last build ran are handled in one go.
            while let Ok(more) = rx.try_recv() {
                match more {
                    Ok(c) => changes.extend(c),
                    Err(e) if e.is_empty() => return,
                    Err(e) => (self.opts.on_event)(&Event::WatchError(e)),
                }
            }
            if self.shared.is_stopping() {
                return;
            }
            changes.sort();
            changes.dedup();
            self.apply(&changes);
        }
    }

    /// The first build, when a kept site is served meanwhile: the kept search index is
    /// put in place first, so search works at once and after the build as before.
    pub(super) fn build_behind_kept(&mut self) {
        if let Some(kept) = self.shared.view().warm {
            match kept.search_files() {
                Some(files) => {
                    // The kept index is the one this build's pages give when its key
                    // says so: no need to make it again.
                    self.indexed = files
                        .iter()
                        .find(|(p, _)| p == crate::search::KEY_FILE)
                        .and_then(|(_, b)| match &**b {
                            crate::site::Body::Bytes(b) => Some(b.clone()),
                            _ => None,
                        });
                    self.shared.publish_search(files);
                }
                // Damaged: trust nothing kept, and answer once this build is done.
                None => self.shared.drop_warm(),
            }
        }
        if cfg!(debug_assertions) && std::env::var_os(KEPT_ONLY_ENV).is_some() {
            return;
        }
        self.build(&[]);
        self.shared.started();
    }

    /// Says that the site just published may be kept, with its sources' fingerprint
    /// (after publishing, so that the indexer never keeps an older site with it).
    fn may_keep(&self) {
        *self.shared.keep_as.lock().expect("keep lock") =
            self.sources.as_ref().map(warm::Sources::fingerprint);
    }

    fn apply(&mut self, changes: &[Change]) {
        // The served site will no longer be the one whose sources were fingerprinted;
        // and the files are hashed again before the build reads them. A kept site being
        // written now is abandoned.
        self.shared.saves.fetch_add(1, Ordering::SeqCst);
        self.shared.keep_as.lock().expect("keep lock").take();
        let root = self.opts.build.root.clone();
        self.sources = self
            .sources
            .take()
            .and_then(|s| match changed_files(changes, &root) {
                Some(files) => s.update(&files),
                None => s.update_all(),
            });
        for c in changes {
            if let Change::Folder(dir) = c {
                self.watcher.renew(dir);
            }
        }
        let root = &self.opts.build.root;
        self.changed = changes
            .iter()
            .map(|c| match c {
                Change::Config => PathBuf::from("site.yaml"),
                Change::Folder(d) => PathBuf::from(d),
                Change::Rescan => PathBuf::from("(every file)"),
                Change::Content(p) | Change::Template(p) | Change::Static(p) => {
                    p.strip_prefix(root).unwrap_or(p).to_path_buf()
                }
            })
            .collect();
        self.build(changes);
    }

    /// Brings the site up to date after `changes` (builds it all when there are none)
    /// and publishes the result.
    pub(super) fn build(&mut self, changes: &[Change]) {
        let t = Instant::now();
        let failed_before = self.shared.view().overlay.is_some();
        // A bug in sinew that panics must not end the rebuild thread: the preview would
        // go on serving a stale site and ignore every later save.
        let built = std::panic::catch_unwind(AssertUnwindSafe(|| {
            panic_if_asked(changes);
            match changed_files(changes, &self.opts.build.root) {
                Some(files) if !files.is_empty() => self.session.update(&files),
                _ => self.session.build(),
            }
        }));
        let result = built.unwrap_or_else(|payload| {
            // The session may be half updated: start again, so the next save builds
            // everything.
            self.session = Session::new(self.opts.build.clone());
            Err(Diagnostics(vec![crashed(&*payload, &self.changed)]))
        });
        match result {
            Ok(update) if update.redo == Redo::Nothing => {
                let message = if only_css(changes) {
                    Message::Css
                } else {
                    Message::Reload
                };
                self.shared.publish(None, None, message);
                self.may_keep();
                (self.opts.on_event)(&Event::Refreshed {
                    changed: &self.changed,
                });
            }
            Ok(update) => {
                let indexed = self.indexed.take();
                if let Some(input) = update.search {
                    // (The key hashes every page's text: made only after a quick start.)
                    if indexed.is_none_or(|k| k != input.key().into_bytes()) {
                        // The indexer thread outlives this one; a send fails only while
                        // stopping.
                        let n = self.shared.search_sent.fetch_add(1, Ordering::SeqCst) + 1;
                        let _ = self.search.send((n, input));
                    }
                }
                let warnings = update.warnings;
                // Pages only: an update also makes the offline worker (`sw.js`) again.
                let rendered = (update.redo == Redo::Pages).then(|| {
                    update
                        .changed
                        .iter()
                        .filter(|p| p.ends_with(".html"))
                        .count()
                });
                let site = update.site;
                let (pages, took) = (site.pages, t.elapsed());
                let message = if only_css(changes) && !failed_before {
                    Message::Css
                } else {
                    Message::Reload
                };
                self.shared.publish(Some(site), None, message);
                self.may_keep();
                (self.opts.on_event)(&Event::Built {
                    changed: &self.changed,
                    pages,
                    rendered,
                    took,
                    warnings: &warnings,
                });
            }
            Err(mut problems) => {
                // The file just saved is most likely the cause (a broken page also
                // breaks every link to it): list its problems first.
                problems.0.sort_by_key(|d| !self.changed.contains(&d.file));
                let has_site = self.shared.view().site.is_some();
                let overlay: Arc<str> = reload::overlay_html(&problems, has_site).into();
                self.shared.publish(
                    None,
                    Some(Arc::clone(&overlay)),
                    Message::Errors(overlay.to_string()),
                );
                (self.opts.on_event)(&Event::Failed {
                    changed: &self.changed,
                    problems: &problems,
                });
            }
        }
    }
}

/// Set to a file name, in debug builds (and so in tests) only: a build after a change to
/// a file of that name panics, so the tests can check that the preview survives a panic
/// in a build. Release builds ignore it.
pub(crate) const PANIC_ENV: &str = "SINEW_TEST_PANIC_ON";

/// Set (to anything), in debug builds only: at a quick start the first build is never
/// made, so that the tests can read what the kept site serves. Release builds ignore it.
pub(crate) const KEPT_ONLY_ENV: &str = "SINEW_TEST_KEPT_ONLY";

fn panic_if_asked(changes: &[Change]) {
    if !cfg!(debug_assertions) {
        return;
    }
    let Some(name) = std::env::var_os(PANIC_ENV) else {
        return;
    };
    if changes
        .iter()
        .any(|c| c.path().and_then(Path::file_name) == Some(name.as_os_str()))
    {
        panic!("a test asked for a panic ({PANIC_ENV})");
    }
}

/// The problem shown for a build that panicked.
fn crashed(payload: &(dyn Any + Send), changed: &[PathBuf]) -> Diagnostic {
    let why = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no reason given".into());
    let file = changed
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("site.yaml"));
    Diagnostic::error(
        "crash",
        file,
        format!("sinew crashed while building the site (this is a bug in sinew): {why}"),
    )
    .hint(
        "save again to try once more; if it happens again, undo your last change and \
         report the bug with this message. The last good version is still served",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn changes_name_files_for_the_session_unless_a_folder_or_everything_changed() {
        let root = Path::new("/s");
        let page = Change::Content("/s/content/a.md".into());
        assert_eq!(
            changed_files(&[page.clone(), Change::Config], root),
            Some(vec![
                PathBuf::from("/s/content/a.md"),
                PathBuf::from("/s/site.yaml")
            ])
        );
        assert_eq!(changed_files(&[page.clone(), Change::Rescan], root), None);
        assert_eq!(
            changed_files(&[Change::Folder("content"), page], root),
            None
        );
    }

    #[test]
    fn stylesheet_only_changes_are_recognised() {
        assert!(only_css(&[
            Change::Static("/s/static/a.css".into()),
            Change::Content("/s/content/b.CSS".into())
        ]));
        assert!(!only_css(&[
            Change::Static("/s/static/a.css".into()),
            Change::Static("/s/static/a.js".into())
        ]));
        assert!(!only_css(&[Change::Config]));
        assert!(!only_css(&[]));
    }
}
