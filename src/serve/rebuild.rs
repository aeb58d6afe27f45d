//! The rebuild thread of `sinew serve`: what a batch of changes needs ([`plan`]), and
//! bringing the served site up to date through the library's incremental [`Session`],
//! which renders again only the pages a saved page affects, or everything.

use super::{Event, ServeOptions, Shared, Site, reload, watch};
use crate::site::Session;
use reload::Message;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};
use watch::Change;

/// How the sources changed since the last build, and so what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// Only files that are published as they are changed contents, and the last build
    /// succeeded: they are read when asked for, so there is nothing to rebuild.
    Refresh,
    /// Build again what the changes need: `site::Session` renders only the affected
    /// pages when just pages' text changed, and everything otherwise.
    Rebuild,
}

/// Decides what `changes` need, given the site now served (`None` after a failed
/// build). Cheap and conservative: anything not plainly a copied file's new contents
/// is a rebuild.
pub fn plan(changes: &[Change], site: Option<&Site>) -> Plan {
    let Some(site) = site else {
        return Plan::Rebuild;
    };
    let refresh = changes.iter().all(|c| match c {
        // A copied file written again: same name, still a file, so a full build would
        // list exactly the same files, and it never reads their contents.
        Change::Content(p) | Change::Static(p) => site.copied.contains(p) && p.is_file(),
        _ => false,
    });
    if refresh && !changes.is_empty() {
        Plan::Refresh
    } else {
        Plan::Rebuild
    }
}

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
}

/// How often open event streams are checked (closed tabs are noticed and dropped).
const PING_EVERY: Duration = Duration::from_secs(15);

impl Rebuilder {
    pub(super) fn new(opts: ServeOptions, shared: Arc<Shared>, watcher: watch::Watcher) -> Self {
        Rebuilder {
            session: Session::new(opts.build.clone()),
            opts,
            shared,
            watcher,
            changed: Vec::new(),
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

    fn apply(&mut self, changes: &[Change]) {
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
        let view = self.shared.view();
        let failed_before = view.overlay.is_some();
        // After a failed build the served site is older than the sources: rebuild.
        let current = if failed_before {
            None
        } else {
            view.site.as_deref()
        };
        match plan(changes, current) {
            Plan::Refresh => {
                let message = if only_css(changes) {
                    Message::Css
                } else {
                    Message::Reload
                };
                self.shared.publish(None, None, message);
                (self.opts.on_event)(&Event::Refreshed {
                    changed: &self.changed,
                });
            }
            Plan::Rebuild => self.build(changes),
        }
    }

    /// Brings the site up to date after `changes` (builds it all when there are none)
    /// and publishes the result.
    pub(super) fn build(&mut self, changes: &[Change]) {
        let t = Instant::now();
        let failed_before = self.shared.view().overlay.is_some();
        let result = match changed_files(changes, &self.opts.build.root) {
            Some(files) if !files.is_empty() => self.session.update(&files),
            _ => self.session.build(),
        };
        match result {
            Ok(mut update) => {
                let warnings = std::mem::take(&mut update.warnings);
                let rendered = (!update.full).then_some(update.files.len());
                let config = self
                    .session
                    .config()
                    .expect("a session that built has a configuration");
                let previous = self.shared.view().site;
                let site = Arc::new(Site::updated(previous.as_deref(), update, config));
                let (pages, took) = (site.pages, t.elapsed());
                let message = if only_css(changes) && !failed_before {
                    Message::Css
                } else {
                    Message::Reload
                };
                self.shared.publish(Some(site), None, message);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{Body, BuildOptions, build};
    use std::fs;

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
            inject_html: Some(reload::inject_html()),
            ..BuildOptions::default()
        }
    }

    fn full(root: &Path) -> Site {
        Site::new(build(&opts(root)).expect("builds"))
    }

    /// Every file's bytes, read as the server would send them.
    fn snapshot(site: &Site) -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = site
            .files
            .iter()
            .map(|(k, b)| {
                let bytes = match &**b {
                    Body::Bytes(b) => b.clone(),
                    Body::Builtin(b) => b.to_vec(),
                    Body::File(p) => fs::read(p).unwrap(),
                };
                (k.clone(), bytes)
            })
            .collect();
        v.sort();
        v
    }

    fn abs(d: &tempfile::TempDir, p: &str) -> PathBuf {
        d.path().canonicalize().unwrap().join(p)
    }

    /// Each edit, run through `plan`: when it says a refresh is enough, the site it
    /// keeps serving must equal a full build of the edited sources.
    #[test]
    fn a_refresh_gives_the_same_site_as_a_full_build() {
        type Edit = fn(&Path);
        let edits: &[(&str, Edit, Change, Plan)] = &[
            (
                "css rewritten",
                |r| fs::write(r.join("static/extra.css"), "body { color: blue }").unwrap(),
                Change::Static("static/extra.css".into()),
                Plan::Refresh,
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
                Change::Static("static/img/logo.png".into()),
                Plan::Refresh,
            ),
            (
                "content pdf rewritten",
                |r| fs::write(r.join("content/leaflet.pdf"), "%PDF-1.4 two").unwrap(),
                Change::Content("content/leaflet.pdf".into()),
                Plan::Refresh,
            ),
            (
                "static file added",
                |r| fs::write(r.join("static/new.js"), "x").unwrap(),
                Change::Static("static/new.js".into()),
                Plan::Rebuild,
            ),
            (
                "static file removed",
                |r| fs::remove_file(r.join("static/extra.css")).unwrap(),
                Change::Static("static/extra.css".into()),
                Plan::Rebuild,
            ),
            (
                "page edited",
                |r| fs::write(r.join("content/knee.md"), "---\ntitle: Knee!\n---\nNew.\n").unwrap(),
                Change::Content("content/knee.md".into()),
                Plan::Rebuild,
            ),
            (
                "file became a folder",
                |r| {
                    fs::remove_file(r.join("static/img/logo.png")).unwrap();
                    fs::create_dir(r.join("static/img/logo.png")).unwrap();
                },
                Change::Static("static/img/logo.png".into()),
                Plan::Rebuild,
            ),
        ];
        for (what, edit, change, want) in edits {
            let d = site();
            let before = full(d.path());
            edit(d.path());
            let change = match change.clone() {
                Change::Static(p) => Change::Static(abs(&d, p.to_str().unwrap())),
                Change::Content(p) => Change::Content(abs(&d, p.to_str().unwrap())),
                c => c,
            };
            let got = plan(&[change], Some(&before));
            assert_eq!(got, *want, "{what}");
            if got == Plan::Refresh {
                assert_eq!(snapshot(&before), snapshot(&full(d.path())), "{what}");
            }
        }
    }

    #[test]
    fn anything_after_a_failed_build_or_beyond_copied_files_rebuilds() {
        let d = site();
        let s = full(d.path());
        let css = Change::Static(abs(&d, "static/extra.css"));
        assert_eq!(plan(std::slice::from_ref(&css), None), Plan::Rebuild);
        assert_eq!(
            plan(&[css.clone(), Change::Config], Some(&s)),
            Plan::Rebuild
        );
        assert_eq!(
            plan(
                &[
                    css.clone(),
                    Change::Template(abs(&d, "templates/page.html"))
                ],
                Some(&s)
            ),
            Plan::Rebuild
        );
        assert_eq!(plan(&[Change::Folder("static")], Some(&s)), Plan::Rebuild);
        assert_eq!(plan(&[Change::Rescan], Some(&s)), Plan::Rebuild);
        assert_eq!(plan(&[], Some(&s)), Plan::Rebuild);
        assert_eq!(plan(&[css], Some(&s)), Plan::Refresh);
    }

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
