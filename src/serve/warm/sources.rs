//! The fingerprint of everything a build reads ([`Sources`]): every source file's
//! path and contents, the build options and the sinew binary, kept up to date as files
//! change, so the stored site is served at start only when it is the site.

use crate::site::BuildOptions;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

/// The folders whose every file a build may read, beside `site.yaml`.
const SOURCE_DIRS: [&str; 4] = ["content", "templates", "static", "i18n"];

/// Every source of a site with the hash of its contents, kept up to date as files
/// change, for the fingerprint of what a build reads.
#[derive(Debug, Clone)]
pub struct Sources {
    root: PathBuf,
    /// What a build reads besides the files: the options and the sinew binary.
    fixed: u64,
    /// Path relative to the root -> hash of its path and contents (of a folder, or
    /// anything else that is not an ordinary file, its path only).
    files: BTreeMap<PathBuf, u64>,
    /// The wrapping sum of every value of `files`, kept as they change, so that the
    /// fingerprint taken after every save costs nothing at 10,000 sources.
    sum: u64,
}

/// Whether `rel` (relative to the root) is a file a build may read: under `site.yaml`
/// or a source folder, with no name the loader and the watcher skip in it
/// (`static/.well-known/` is published all the same).
fn is_source(rel: &Path) -> bool {
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(top) = parts.next() else {
        return false;
    };
    let rest: Vec<_> = parts.collect();
    if rest.is_empty() {
        return top == "site.yaml";
    }
    SOURCE_DIRS.contains(&top.as_ref())
        && !rest.iter().enumerate().any(|(i, name)| {
            !(top == "static" && i == 0 && name == ".well-known")
                && crate::names::is_ignored_name(name)
        })
}

impl Sources {
    /// Reads and hashes every source of the site `opts` builds. `None` when one cannot
    /// be read: then nothing is kept or used.
    pub fn scan(opts: &BuildOptions) -> Option<Sources> {
        let mut h = DefaultHasher::new();
        env!("CARGO_PKG_VERSION").hash(&mut h);
        // The same version number is many binaries while sinew is developed: the
        // binary's size and time tell them apart.
        let exe = std::env::current_exe().ok()?;
        let meta = fs::metadata(&exe).ok()?;
        (exe, meta.len(), meta.modified().ok()?).hash(&mut h);
        (&opts.root, &opts.base_url, opts.drafts).hash(&mut h);
        Sources::scan_all(opts.root.clone(), h.finish())
    }

    /// Hashes every source under `root` anew, with `fixed` for what is not a file.
    fn scan_all(root: PathBuf, fixed: u64) -> Option<Sources> {
        let mut s = Sources {
            root,
            fixed,
            files: BTreeMap::new(),
            sum: 0,
        };
        s.rescan(Path::new("site.yaml"))?;
        for dir in SOURCE_DIRS {
            s.rescan(Path::new(dir))?;
        }
        Some(s)
    }

    /// Hashes `rel` (a file or a folder, relative to the root) again as it is now,
    /// forgetting what was under it before.
    fn rescan(&mut self, rel: &Path) -> Option<()> {
        // Sorted by component, what lies under `rel` follows it: no walk over the rest.
        let under: Vec<PathBuf> = self
            .files
            .range(rel.to_path_buf()..)
            .map(|(p, _)| p)
            .take_while(|p| p.starts_with(rel))
            .cloned()
            .collect();
        for p in under {
            if let Some(x) = self.files.remove(&p) {
                self.sum = self.sum.wrapping_sub(x);
            }
        }
        let at = self.root.join(rel);
        if !at.exists() {
            return Some(());
        }
        let mut paths = Vec::new();
        let walk = walkdir::WalkDir::new(&at).follow_links(true).into_iter();
        for e in walk.filter_entry(|e| {
            e.path()
                .strip_prefix(&self.root)
                .is_ok_and(|r| e.file_type().is_dir() || is_source(r))
        }) {
            let e = e.ok()?;
            // Folders count by their names too: an empty folder under `content/` is a
            // listing page (and a menu item) of its own.
            let rel = e.path().strip_prefix(&self.root).ok()?.to_path_buf();
            paths.push((rel, e.file_type().is_file()));
        }
        let hashed: Vec<(PathBuf, u64)> = paths
            .into_par_iter()
            .map(|(rel, is_file)| {
                let mut h = DefaultHasher::new();
                rel.hash(&mut h);
                // Only an ordinary file is read: a named pipe would block for ever. What
                // is not a file counts by its name (the build reports it).
                if is_file {
                    crate::fsutil::read_regular(&self.root.join(&rel))
                        .ok()?
                        .hash(&mut h);
                }
                Some((rel, h.finish()))
            })
            .collect::<Option<_>>()?;
        for (p, x) in hashed {
            self.sum = self.sum.wrapping_add(x);
            if let Some(old) = self.files.insert(p, x) {
                self.sum = self.sum.wrapping_sub(old);
            }
        }
        Some(())
    }

    /// Brings the hashes up to date after `changed` (absolute paths of files or
    /// folders created, written or removed). Call it before the build reads them, so
    /// that what was built is never older than what the fingerprint says. `None` when
    /// a file cannot be read (the sources are then not fit to fingerprint).
    pub fn update(mut self, changed: &[PathBuf]) -> Option<Sources> {
        for p in changed {
            let rel = p.strip_prefix(&self.root).ok()?.to_path_buf();
            if rel.as_os_str().is_empty() {
                return Sources::scan_again(&self);
            }
            self.rescan(&rel)?;
        }
        Some(self)
    }

    fn scan_again(&self) -> Option<Sources> {
        Sources::scan_all(self.root.clone(), self.fixed)
    }

    /// Every source again, as after a change the watcher could not name.
    pub fn update_all(self) -> Option<Sources> {
        self.scan_again()
    }

    /// The fingerprint: equal for two sets of sources only if every file's path and
    /// contents, the build options and the sinew binary are the same.
    pub fn fingerprint(&self) -> u64 {
        // Each file's value hashes its path and contents, so a sum of them (with their
        // number) changes with any file's path or contents, in any order.
        let mut h = DefaultHasher::new();
        (self.fixed, self.files.len(), self.sum).hash(&mut h);
        h.finish()
    }
}

/// The fingerprint of everything a build of `opts` reads (see [`Sources`]).
pub fn fingerprint(opts: &BuildOptions) -> Option<u64> {
    Sources::scan(opts).map(|s| s.fingerprint())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_follows_every_input_and_skips_junk_names() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        for (p, t) in [
            ("site.yaml", "title: A\n"),
            ("content/index.md", "---\ntitle: Home\n---\nHi.\n"),
            ("templates/page.html", "x"),
            ("static/a.css", "a{}"),
            ("i18n/es.yaml", "x: y\n"),
        ] {
            fs::create_dir_all(root.join(p).parent().unwrap()).unwrap();
            fs::write(root.join(p), t).unwrap();
        }
        let opts = BuildOptions {
            root: root.to_path_buf(),
            ..BuildOptions::default()
        };
        let first = fingerprint(&opts).unwrap();
        assert_eq!(fingerprint(&opts), Some(first));
        fs::write(root.join("content/.index.md.swp"), "junk").unwrap();
        assert_eq!(fingerprint(&opts), Some(first), "junk names are skipped");
        let drafts = BuildOptions {
            drafts: true,
            ..opts.clone()
        };
        assert_ne!(fingerprint(&drafts), Some(first));
        for p in [
            "site.yaml",
            "content/index.md",
            "templates/page.html",
            "static/a.css",
            "i18n/es.yaml",
        ] {
            let old = fs::read(root.join(p)).unwrap();
            fs::write(root.join(p), [&old[..], b" "].concat()).unwrap();
            assert_ne!(fingerprint(&opts), Some(first), "{p}");
            fs::write(root.join(p), &old).unwrap();
            assert_eq!(fingerprint(&opts), Some(first), "{p} back");
        }
        fs::write(root.join("static/b.css"), "").unwrap();
        assert_ne!(fingerprint(&opts), Some(first), "a new file");
        fs::remove_file(root.join("static/b.css")).unwrap();
        fs::create_dir_all(root.join("static/.well-known")).unwrap();
        fs::write(root.join("static/.well-known/security.txt"), "x").unwrap();
        assert_ne!(fingerprint(&opts), Some(first), "a published hidden folder");
        fs::remove_dir_all(root.join("static/.well-known")).unwrap();
        assert_eq!(fingerprint(&opts), Some(first));
        // An empty folder under content/ is a listing page of its own (and a menu item):
        // added, renamed or removed between two runs, the stored site is not the site.
        fs::create_dir_all(root.join("content/news")).unwrap();
        let news = fingerprint(&opts);
        assert_ne!(news, Some(first), "an empty folder");
        fs::rename(root.join("content/news"), root.join("content/blog")).unwrap();
        assert_ne!(fingerprint(&opts), news, "an empty folder renamed");
        fs::remove_dir(root.join("content/blog")).unwrap();
        assert_eq!(fingerprint(&opts), Some(first), "an empty folder removed");
    }

    /// Kept up to date change by change, the sources give the fingerprint a fresh
    /// scan gives.
    #[test]
    fn sources_updated_by_changes_match_a_fresh_scan() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().canonicalize().unwrap();
        let w = |p: &str, t: &str| {
            fs::create_dir_all(root.join(p).parent().unwrap()).unwrap();
            fs::write(root.join(p), t).unwrap();
        };
        w("site.yaml", "title: A\n");
        w("content/a.md", "a");
        w("content/sub/b.md", "b");
        let opts = BuildOptions {
            root: root.clone(),
            ..BuildOptions::default()
        };
        let mut s = Sources::scan(&opts).unwrap();
        w("content/a.md", "a2");
        w("content/sub/c.md", "c");
        w("content/.a.md.swp", "junk");
        s = s
            .update(&[
                root.join("content/a.md"),
                root.join("content/sub/c.md"),
                root.join("content/.a.md.swp"),
            ])
            .unwrap();
        assert_eq!(s.fingerprint(), fingerprint(&opts).unwrap());
        fs::remove_dir_all(root.join("content/sub")).unwrap();
        w("templates/x/page.html", "t");
        s = s
            .update(&[root.join("content/sub"), root.join("templates")])
            .unwrap();
        assert_eq!(s.fingerprint(), fingerprint(&opts).unwrap());
        w("i18n/es.yaml", "x");
        assert_ne!(s.fingerprint(), fingerprint(&opts).unwrap());
        s = s.update_all().unwrap();
        assert_eq!(s.fingerprint(), fingerprint(&opts).unwrap());
    }
}
