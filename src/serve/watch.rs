//! Watching a site's sources: raw file-system events in, a small [`Change`] list out.
//!
//! Only `site.yaml`, `content/`, `templates/`, `static/` and `i18n/` matter. Everything else at
//! the site's top (`public/`, `target/`, `.git/`, ...) is never watched recursively, and
//! editor swap, backup and hidden files are dropped here so they never cause a rebuild.

use crate::names::is_ignored_name;
use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// The folders under the site root whose every file is a source.
pub const SOURCE_DIRS: [&str; 4] = ["content", "templates", "static", "i18n"];

/// One source that changed, named by the part of the site it belongs to.
///
/// Paths are absolute (the watched root joined with the file's path). What a change
/// was (created, written, removed, renamed) is deliberately not kept: editors report
/// the same save in many different ways, so the planner looks at the file itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    /// `site.yaml`.
    Config,
    /// A file or folder under `content/`.
    Content(PathBuf),
    /// A file or folder under `templates/`, or a string table under `i18n/` (both are
    /// the theme: a change rebuilds everything).
    Template(PathBuf),
    /// A file or folder under `static/`.
    Static(PathBuf),
    /// `content/`, `templates/` or `static/` itself appeared, disappeared or moved, so
    /// its watch must be renewed (and everything rebuilt).
    Folder(&'static str),
    /// The watcher lost events (its queue overflowed): rebuild everything.
    Rescan,
}

impl Change {
    /// The changed file, if the change is about one file or folder.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Change::Content(p) | Change::Template(p) | Change::Static(p) => Some(p),
            _ => None,
        }
    }
}

/// Turns one raw event into the changes it means for the site at `root` (usually none
/// or one; a rename names two paths).
pub fn changes(root: &Path, event: &Event) -> Vec<Change> {
    if event.need_rescan() {
        return vec![Change::Rescan];
    }
    match event.kind {
        // Our own build opens every source: only a write that finished is a change.
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
        EventKind::Access(_) => return Vec::new(),
        EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => {}
        EventKind::Other => return Vec::new(),
    }
    let mut out: Vec<Change> = event
        .paths
        .iter()
        .filter_map(|p| classify(root, p))
        .collect();
    out.dedup();
    out
}

/// What the file at `path` is to the site at `root`, or `None` when it does not matter.
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let top = parts.next()?;
    let rest: Vec<_> = parts.collect();
    if rest.iter().any(|name| is_ignored_name(name)) {
        return None;
    }
    match (top.as_ref(), rest.is_empty()) {
        ("site.yaml", true) => Some(Change::Config),
        (dir, true) => SOURCE_DIRS
            .iter()
            .find(|d| **d == dir)
            .map(|d| Change::Folder(d)),
        ("content", false) => Some(Change::Content(path.to_path_buf())),
        ("templates" | "i18n", false) => Some(Change::Template(path.to_path_buf())),
        ("static", false) => Some(Change::Static(path.to_path_buf())),
        _ => None,
    }
}

/// How long a file must be quiet before its change is reported. Editors write a file
/// in one go; a few milliseconds are enough to see a save (and an editor's
/// write-then-rename) as one change, and short enough that the preview feels instant.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// A running watcher of one site. Dropping it stops watching.
pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

impl Watcher {
    /// Starts watching the site at `root` (an absolute path), sending each batch of
    /// changes that matter to `tx` (errors as text).
    pub fn start(root: &Path, tx: Sender<Result<Vec<Change>, String>>) -> notify::Result<Watcher> {
        let at = root.to_path_buf();
        let handler = move |result: DebounceEventResult| {
            let msg = match result {
                Ok(events) => {
                    let mut all: Vec<Change> =
                        events.iter().flat_map(|e| changes(&at, e)).collect();
                    all.sort();
                    all.dedup();
                    if all.is_empty() {
                        return;
                    }
                    Ok(all)
                }
                Err(errors) => Err(errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")),
            };
            // The receiver is gone only while the server stops.
            let _ = tx.send(msg);
        };
        let debouncer = new_debouncer(DEBOUNCE, Some(DEBOUNCE / 2), handler)?;
        let mut w = Watcher {
            root: root.to_path_buf(),
            debouncer,
        };
        // The root itself, not recursively: that sees `site.yaml` and the source folders
        // come and go without watching `public/` or `target/`.
        w.debouncer.watch(root, RecursiveMode::NonRecursive)?;
        for dir in SOURCE_DIRS {
            w.renew(dir);
        }
        Ok(w)
    }

    /// Watches `dir` (one of [`SOURCE_DIRS`]) afresh: after it was created, removed or
    /// replaced, the old watch (if any) points at a folder that is gone.
    pub fn renew(&mut self, dir: &str) {
        let path = self.root.join(dir);
        let _ = self.debouncer.unwatch(&path);
        if path.is_dir() {
            // A folder that vanishes between the check and the call is seen by the
            // root's watch, which calls `renew` again.
            let _ = self.debouncer.watch(&path, RecursiveMode::Recursive);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, ModifyKind, RemoveKind, RenameMode};

    fn ev(kind: EventKind, paths: &[&str]) -> Event {
        let mut e = Event::new(kind);
        for p in paths {
            e = e.add_path(PathBuf::from(p));
        }
        e
    }

    const ROOT: &str = "/site";
    fn root() -> &'static Path {
        Path::new(ROOT)
    }
    fn content(p: &str) -> Change {
        Change::Content(PathBuf::from(p))
    }

    #[test]
    fn sources_are_named_by_their_folder() {
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert_eq!(
            changes(root(), &ev(write, &["/site/site.yaml"])),
            vec![Change::Config]
        );
        assert_eq!(
            changes(root(), &ev(write, &["/site/content/a.md"])),
            vec![content("/site/content/a.md")]
        );
        assert_eq!(
            changes(root(), &ev(write, &["/site/templates/page.html"])),
            vec![Change::Template("/site/templates/page.html".into())]
        );
        assert_eq!(
            changes(root(), &ev(write, &["/site/i18n/es.yaml"])),
            vec![Change::Template("/site/i18n/es.yaml".into())]
        );
        assert_eq!(
            changes(root(), &ev(write, &["/site/static/img/x.png"])),
            vec![Change::Static("/site/static/img/x.png".into())]
        );
    }

    #[test]
    fn every_kind_of_save_counts_but_reads_do_not() {
        let p = ["/site/content/a.md"];
        for kind in [
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Data(DataChange::Content)),
            EventKind::Modify(ModifyKind::Metadata(notify::event::MetadataKind::Any)),
            EventKind::Remove(RemoveKind::File),
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Any,
        ] {
            assert_eq!(
                changes(root(), &ev(kind, &p)),
                vec![content(p[0])],
                "{kind:?}"
            );
        }
        for kind in [
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            EventKind::Access(AccessKind::Read),
            EventKind::Other,
        ] {
            assert!(changes(root(), &ev(kind, &p)).is_empty(), "{kind:?}");
        }
    }

    #[test]
    fn an_editor_saving_through_a_temporary_file_is_one_change() {
        // vim: writes `4913` as a probe, renames the file to `a.md~`, writes `a.md`.
        // Others write `.a.md.tmp` or `a.md.swp` and rename it over `a.md`.
        let rename = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let got = changes(
            root(),
            &ev(rename, &["/site/content/.a.md.tmp", "/site/content/a.md"]),
        );
        assert_eq!(got, vec![content("/site/content/a.md")]);
        let create = EventKind::Create(CreateKind::File);
        for junk in [
            "4913",
            "a.md~",
            ".a.md.swp",
            "#a.md#",
            "a.md.bak",
            "x.tmp",
            ".DS_Store",
        ] {
            let path = format!("/site/content/{junk}");
            assert!(changes(root(), &ev(create, &[&path])).is_empty(), "{junk}");
        }
        // A hidden folder hides everything in it.
        assert!(changes(root(), &ev(create, &["/site/content/.git/HEAD"])).is_empty());
    }

    #[test]
    fn a_rename_names_both_ends() {
        let rename = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let got = changes(
            root(),
            &ev(rename, &["/site/content/a.md", "/site/content/b/a.md"]),
        );
        assert_eq!(
            got,
            vec![
                content("/site/content/a.md"),
                content("/site/content/b/a.md")
            ]
        );
    }

    #[test]
    fn output_and_other_folders_are_ignored() {
        let create = EventKind::Create(CreateKind::File);
        for p in [
            "/site/public/index.html",
            "/site/target/debug/sinew",
            "/site/.git/index",
            "/site/README.md",
            "/site",
            "/elsewhere/content/a.md",
            "/site/site.yaml.swp",
        ] {
            assert!(changes(root(), &ev(create, &[p])).is_empty(), "{p}");
        }
    }

    #[test]
    fn source_folders_coming_and_going_renew_their_watch() {
        let create = EventKind::Create(CreateKind::Folder);
        assert_eq!(
            changes(root(), &ev(create, &["/site/static"])),
            vec![Change::Folder("static")]
        );
        let remove = EventKind::Remove(RemoveKind::Folder);
        assert_eq!(
            changes(root(), &ev(remove, &["/site/content"])),
            vec![Change::Folder("content")]
        );
    }

    #[test]
    fn lost_events_mean_a_full_rescan() {
        let e = Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        assert_eq!(changes(root(), &e), vec![Change::Rescan]);
    }
}
