//! Writing a built site to a folder so that the folder is always either the previous
//! complete site or the new complete site: files go to a temporary sibling folder that
//! is swapped in (atomically, where the OS allows) only when all of it is written.
//!
//! This module knows nothing of pages; it writes `OutFile`s.

use crate::render::{Body, OutFile};
use anyhow::{Context, Result, bail};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const OLD_TAG: &str = ".sinew-old-";
const SPARE_TAG: &str = ".sinew-spare";
const LOCK_TAG: &str = ".sinew-lock";

/// Refuses output folders that would overwrite the site's own sources.
pub fn check_out_dir(root: &Path, out: &Path) -> Result<()> {
    let root = absolute(root);
    let out = absolute(out);
    if out == root {
        bail!(
            "the output folder `{}` is the site itself: choose another, such as `public`",
            out.display()
        );
    }
    if root.starts_with(&out) {
        bail!(
            "the output folder `{}` contains the site: choose a folder inside or beside it, such as `public`",
            out.display()
        );
    }
    if out.join("content").exists() || out.join("site.yaml").exists() {
        bail!(
            "the output folder `{}` holds a `content` folder or `site.yaml`: it looks like a site, so sinew will not replace it",
            out.display()
        );
    }
    for source in ["content", "templates", "static"] {
        if out.starts_with(root.join(source)) {
            bail!(
                "the output folder `{}` is inside the site's `{source}` folder: choose another, such as `public`",
                out.display()
            );
        }
    }
    Ok(())
}

fn absolute(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    // Resolve `..` and symlinks where the path exists; fall back to the plain path.
    match abs.canonicalize() {
        Ok(c) => c,
        Err(_) => match (abs.parent(), abs.file_name()) {
            (Some(parent), Some(name)) => absolute(parent).join(name),
            _ => abs,
        },
    }
}

fn sibling(out: &Path, tag: &str, id: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}{tag}{id}"))
}

/// Puts back an output folder that an interrupted swap (on systems without an atomic
/// exchange) had moved aside, or removes it when the swap had finished.
pub fn recover(out: &Path) -> Result<()> {
    let Some(parent) = out.parent().map(|p| {
        if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        }
    }) else {
        return Ok(());
    };
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().to_string()) else {
        return Ok(());
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    let mut leftovers: Vec<PathBuf> = Vec::new();
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        if n.starts_with(&format!(".{name}{OLD_TAG}")) {
            leftovers.push(e.path());
        }
    }
    leftovers.sort();
    for p in leftovers {
        let is_old = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().contains(OLD_TAG));
        if is_old && !out.exists() {
            fs::rename(&p, out).with_context(|| {
                format!(
                    "failed to restore `{}` from `{}`",
                    out.display(),
                    p.display()
                )
            })?;
        } else {
            fs::remove_dir_all(&p)
                .with_context(|| format!("failed to remove the leftover `{}`", p.display()))?;
        }
    }
    Ok(())
}

/// Writes `files` into `out`, replacing its previous contents only once every file is
/// written. If anything fails, `out` is left exactly as it was.
pub fn write_atomic(out: &Path, files: &[OutFile]) -> Result<()> {
    let w = Writer::begin(out)?;
    for f in files {
        w.write(f)?;
    }
    w.commit()
}

/// Writes a new site beside `out` and swaps it in on [`Writer::commit`].
///
/// The new site is written into a working folder. Measured on ext4 here, overwriting a
/// file costs a fraction of creating one, so the working folder is the previous site
/// kept from the last swap (`.<out>.sinew-spare`): files are overwritten in place,
/// unchanged ones are left alone, and files the new site no longer has are deleted at
/// commit. Until the swap, `out` is never touched, so a failed or killed build changes
/// nothing the host serves.
pub struct Writer {
    out: PathBuf,
    work: PathBuf,
    written: Mutex<HashSet<String>>,
    dirs: Mutex<HashSet<PathBuf>>,
    /// Time spent in `write`, summed over threads, in nanoseconds.
    busy: std::sync::atomic::AtomicU64,
    /// The files the working folder held at the start, listed on a thread of its own
    /// while the site renders; `None` when listing failed.
    before: std::thread::JoinHandle<Option<Vec<String>>>,
    _lock: fs::File,
}

impl Writer {
    /// Prepares the working folder (cleaning up after an interrupted earlier build).
    pub fn begin(out: &Path) -> Result<Writer> {
        // Work on the real folder: a symbolic link to it is resolved once, here, so the
        // swap moves folders and never the link.
        let out = &absolute(out);
        if out.file_name().is_none() {
            bail!(
                "`{}` has no folder name: choose a named output folder such as `public`",
                out.display()
            );
        }
        if out.exists() && !out.is_dir() {
            bail!(
                "`{}` is a file, not a folder: remove it or choose another output folder",
                out.display()
            );
        }
        // sinew replaces the whole folder on every build. A folder it did not make (no
        // lock file beside it) that already holds files is refused rather than emptied.
        let made_by_sinew =
            sibling(out, LOCK_TAG, "").exists() || sibling(out, SPARE_TAG, "").exists();
        if !made_by_sinew && fs::read_dir(out).is_ok_and(|mut d| d.next().is_some()) {
            bail!(
                "`{}` already holds files that sinew did not make, and sinew replaces the whole output folder: choose a new or empty folder (or empty this one)",
                out.display()
            );
        }
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)
                .with_context(|| format!("failed to create `{}`", parent.display()))?;
        }
        let lock = lock(out)?;
        recover(out)?;
        let work = sibling(out, SPARE_TAG, "");
        if work.exists() && !work.is_dir() {
            fs::remove_file(&work).ok();
        }
        fs::create_dir_all(&work)
            .with_context(|| format!("failed to create `{}`", work.display()))?;
        let before = {
            let work = work.clone();
            std::thread::spawn(move || list_files(&work))
        };
        Ok(Writer {
            out: out.to_path_buf(),
            work,
            written: Mutex::default(),
            dirs: Mutex::default(),
            busy: Default::default(),
            before,
            _lock: lock,
        })
    }

    /// Writes one file into the working folder (safe to call from several threads).
    pub fn write(&self, f: &OutFile) -> Result<()> {
        let start = std::time::Instant::now();
        let result = self.write_one(f);
        let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.busy
            .fetch_add(nanos, std::sync::atomic::Ordering::Relaxed);
        result
    }

    /// Time spent writing so far, summed over the threads that called [`Writer::write`].
    pub fn busy(&self) -> std::time::Duration {
        std::time::Duration::from_nanos(self.busy.load(std::sync::atomic::Ordering::Relaxed))
    }

    fn write_one(&self, f: &OutFile) -> Result<()> {
        // Never anything but a plain relative path below the working folder.
        let plain = !f.path.is_empty()
            && Path::new(&f.path)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !plain {
            bail!(
                "refusing to write `{}`: it is not a path inside the output folder",
                f.path
            );
        }
        let path = self.work.join(&f.path);
        let parent = path
            .parent()
            .expect("output files are inside the folder")
            .to_path_buf();
        {
            // Held while the folder is made, so no other writer thread writes into it
            // before it exists.
            let mut dirs = self.dirs.lock().expect("lock");
            if !dirs.contains(&parent) {
                make_dir(&self.work, &parent)?;
                dirs.insert(parent);
            }
        }
        let bytes: std::borrow::Cow<'_, [u8]> = match &f.body {
            Body::Bytes(b) => b.as_slice().into(),
            Body::Builtin(b) => (*b).into(),
            Body::File(src) => fs::read(src)
                .with_context(|| format!("failed to read `{}`", src.display()))?
                .into(),
        };
        write_if_changed(&path, &bytes)
            .with_context(|| format!("failed to write `{}`", path.display()))?;
        self.written.lock().expect("lock").insert(f.path.clone());
        Ok(())
    }

    /// How many files have been written so far.
    pub fn written(&self) -> usize {
        self.written.lock().expect("lock").len()
    }

    /// Deletes what the new site no longer has and swaps the new site in.
    pub fn commit(self) -> Result<()> {
        let written = self.written.into_inner().expect("lock");
        match self.before.join().ok().flatten() {
            Some(before) => remove_listed(&self.work, &before, &written)?,
            None => remove_stale(&self.work, &written)?,
        }
        swap_in(&self.work, &self.out)
    }
}

/// Only one build writes to an output folder at a time.
fn lock(out: &Path) -> Result<fs::File> {
    let path = sibling(out, LOCK_TAG, "");
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("failed to create the lock file `{}`", path.display()))?;
    rustix::fs::flock(&file, rustix::fs::FlockOperation::LockExclusive)
        .with_context(|| format!("failed to lock `{}`", path.display()))?;
    Ok(file)
}

/// Creates `dir` under `root`, replacing any file that is in the way (left by an older site).
fn make_dir(root: &Path, dir: &Path) -> Result<()> {
    if fs::create_dir_all(dir).is_ok() {
        return Ok(());
    }
    let mut p = root.to_path_buf();
    for part in dir.strip_prefix(root).unwrap_or(dir).components() {
        p.push(part);
        if p.is_file() || p.is_symlink() {
            fs::remove_file(&p).with_context(|| format!("failed to remove `{}`", p.display()))?;
        }
    }
    fs::create_dir_all(dir).with_context(|| format!("failed to create `{}`", dir.display()))
}

/// Writes `bytes` to `path` unless it already holds exactly them.
///
/// An existing file is overwritten in place and then cut to length rather than opened
/// with `O_TRUNC`: measured on ext4 here, truncating on open costs about ten times more
/// per file (see bench/RESULTS.md).
fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom, Write};
    let old_len = match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => Some(m.len()),
        Ok(m) if m.is_dir() => {
            fs::remove_dir_all(path)?;
            None
        }
        // Never write through a symbolic link (or anything else that is not a file).
        Ok(_) => {
            fs::remove_file(path)?;
            None
        }
        Err(_) => None,
    };
    let mut f = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    if old_len == Some(bytes.len() as u64) {
        let mut old = Vec::with_capacity(bytes.len());
        f.read_to_end(&mut old)?;
        if old == bytes {
            return Ok(());
        }
        f.seek(SeekFrom::Start(0))?;
    }
    f.write_all(bytes)?;
    if old_len.is_some_and(|n| n > bytes.len() as u64) {
        f.set_len(bytes.len() as u64)?;
    }
    Ok(())
}

/// The files under `root`, relative, with `/` separators; `None` if any entry could
/// not be read.
fn list_files(root: &Path) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(root).min_depth(1) {
        let e = e.ok()?;
        if !e.file_type().is_dir() {
            let rel = e.path().strip_prefix(root).ok()?;
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Some(out)
}

/// Removes the files of `before` that are not in `keep`, and the folders that leaves
/// empty. Only what was there before can be stale: everything since was written.
fn remove_listed(root: &Path, before: &[String], keep: &HashSet<String>) -> Result<()> {
    let mut emptied: Vec<PathBuf> = Vec::new();
    for rel in before.iter().filter(|r| !keep.contains(*r)) {
        let path = root.join(rel);
        match fs::remove_file(&path) {
            Ok(()) => emptied.extend(path.parent().map(Path::to_path_buf)),
            // Already replaced by a folder of the new site, or removed with one.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) if path.is_dir() => {}
            Err(e) => {
                return Err(e).with_context(|| format!("failed to remove `{}`", path.display()));
            }
        }
    }
    // Deepest first, then up while folders are left empty.
    emptied.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
    emptied.dedup();
    for mut dir in emptied {
        while dir != root && dir.starts_with(root) && fs::remove_dir(&dir).is_ok() {
            if !dir.pop() {
                break;
            }
        }
    }
    Ok(())
}

/// Removes files under `root` that are not in `keep`, and folders left empty.
fn remove_stale(root: &Path, keep: &HashSet<String>) -> Result<()> {
    let mut dirs = Vec::new();
    for e in walkdir::WalkDir::new(root)
        .min_depth(1)
        .contents_first(true)
    {
        let e = e.with_context(|| format!("failed to list `{}`", root.display()))?;
        let rel = e
            .path()
            .strip_prefix(root)
            .unwrap_or(e.path())
            .to_string_lossy()
            .replace('\\', "/");
        if e.file_type().is_dir() {
            dirs.push(e.into_path());
        } else if !keep.contains(&rel) {
            fs::remove_file(e.path())
                .with_context(|| format!("failed to remove `{}`", e.path().display()))?;
        }
    }
    for d in dirs {
        // Fails (and is kept) unless empty.
        let _ = fs::remove_dir(d);
    }
    Ok(())
}

fn swap_in(work: &Path, out: &Path) -> Result<()> {
    if !out.exists() {
        return fs::rename(work, out)
            .with_context(|| format!("failed to move the new site into `{}`", out.display()));
    }
    // One atomic step on Linux: the new site takes `out`'s place and the old one becomes
    // the spare working folder of the next build.
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, work, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    // Elsewhere: three renames; `recover` puts `out` back if we are stopped between them.
    let old = sibling(out, OLD_TAG, &std::process::id().to_string());
    fs::rename(out, &old)
        .with_context(|| format!("failed to move the old site aside from `{}`", out.display()))?;
    fs::rename(work, out)
        .with_context(|| format!("failed to move the new site into `{}`", out.display()))?;
    fs::rename(&old, work)
        .with_context(|| format!("failed to keep the old site as `{}`", work.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutFile {
        OutFile {
            path: path.into(),
            body: Body::Bytes(text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn replaces_contents_and_cleans_up() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        write_atomic(&out, &[file("a/index.html", "one"), file("gone.txt", "x")]).unwrap();
        write_atomic(&out, &[file("a/index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert!(!out.join("gone.txt").exists());
        assert!(!out.join("a/gone").exists());
        // Besides the output there is only the spare (the previous site) and the lock.
        let mut names: Vec<_> = fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [".public.sinew-lock", ".public.sinew-spare", "public"]
        );
        // A third build reuses the spare and leaves nothing stale in it.
        write_atomic(
            &out,
            &[file("a", "now a file"), file("b/index.html", "three")],
        )
        .unwrap();
        assert_eq!(fs::read_to_string(out.join("a")).unwrap(), "now a file");
        let all: Vec<_> = walkdir::WalkDir::new(&out)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap().path().strip_prefix(&out).unwrap().to_path_buf())
            .collect();
        assert_eq!(all.len(), 3, "{all:?}");
    }

    #[cfg(unix)]
    #[test]
    fn overwrites_in_place_shorter_longer_and_never_through_symlinks() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("f.html");
        write_if_changed(&p, b"a long first version").unwrap();
        write_if_changed(&p, b"short").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"short");
        write_if_changed(&p, b"a longer third version").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"a longer third version");
        let outside = d.path().join("outside.txt");
        fs::write(&outside, "keep").unwrap();
        let link = d.path().join("link.html");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        write_if_changed(&link, b"new").unwrap();
        assert_eq!(fs::read_to_string(&outside).unwrap(), "keep");
        assert_eq!(fs::read(&link).unwrap(), b"new");
        assert!(
            !fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn stale_files_and_the_folders_they_leave_empty_are_removed() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        let old = [
            file("x/y/z.html", "deep"),
            file("x/w.html", "w"),
            file("keep.html", "k"),
        ];
        write_atomic(&out, &old).unwrap();
        write_atomic(&out, &old).unwrap();
        // The spare now holds the old site; the next build must not publish its extras.
        write_atomic(&out, &[file("keep.html", "k2"), file("x/new.html", "n")]).unwrap();
        let mut all: Vec<String> = walkdir::WalkDir::new(&out)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                e.unwrap()
                    .path()
                    .strip_prefix(&out)
                    .unwrap()
                    .to_string_lossy()
                    .to_string()
            })
            .collect();
        all.sort();
        assert_eq!(all, ["keep.html", "x", "x/new.html"]);
    }

    #[test]
    fn writer_threads_never_write_into_a_folder_not_yet_made() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        let w = Writer::begin(&out).unwrap();
        std::thread::scope(|s| {
            for t in 0..4 {
                let w = &w;
                s.spawn(move || {
                    for i in 0..300 {
                        let f = file(&format!("d{}/e{}/f{t}-{i}.html", i % 40, i % 7), "x");
                        w.write(&f).unwrap();
                    }
                });
            }
        });
        assert_eq!(w.written(), 1200);
        w.commit().unwrap();
    }

    #[test]
    fn failed_write_leaves_old_output() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        write_atomic(&out, &[file("index.html", "old")]).unwrap();
        let missing = OutFile {
            path: "x.png".into(),
            body: Body::File(d.path().join("nope.png")),
        };
        assert!(write_atomic(&out, &[file("index.html", "new"), missing]).is_err());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert_eq!(fs::read_dir(&out).unwrap().count(), 1);
    }

    #[test]
    fn recover_restores_a_moved_aside_output() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        let old = sibling(&out, OLD_TAG, "1");
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("index.html"), "kept").unwrap();
        recover(&out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "kept");
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 1);
        // With the output in place, a leftover is removed.
        fs::create_dir_all(sibling(&out, OLD_TAG, "2")).unwrap();
        recover(&out).unwrap();
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_dangerous_output_folders() {
        let d = tempfile::tempdir().unwrap();
        fs::create_dir_all(d.path().join("content")).unwrap();
        assert!(check_out_dir(d.path(), d.path()).is_err());
        assert!(check_out_dir(d.path(), &d.path().join("content/out")).is_err());
        assert!(check_out_dir(&d.path().join("site"), d.path()).is_err());
        assert!(check_out_dir(d.path(), &d.path().join("public")).is_ok());
    }
}
