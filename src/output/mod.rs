//! Writing a built site to a folder so that the folder is always either the previous
//! complete site or the new complete site: files go to a temporary sibling folder that
//! is swapped in (atomically, where the OS allows) only when all of it is written.
//!
//! This module knows nothing of pages; it writes `OutFile`s. Submodules: `tree` (the
//! working folder's files, never through a link), `stamps` (the manifest beside each
//! folder that lets a rebuild tell an unchanged file by its metadata, without reading it
//! back), `swap` (sinew's own names beside the output, syncing to disk, the swap and
//! `recover`), `flush` (a fresh build's early write-back, on a thread of its own while the
//! site is written).

mod flush;
mod stamps;
mod swap;
mod tree;

use crate::fsutil::Links;
use crate::render::{Body, OutFile};
use anyhow::{Context, Result, bail};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};
pub use swap::recover;
use swap::{LOCK_TAG, SPARE_TAG, sibling};
use tree::{
    Listing, list_files, make_dir, remove_listed, remove_stale, write_if_changed, write_new,
};

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

/// Writes `files` into `out`, replacing its previous contents only once every file is
/// written. If anything fails, `out` is left exactly as it was.
pub fn write_atomic(out: &Path, files: &[OutFile]) -> Result<()> {
    let w = Writer::begin(out)?;
    for f in files {
        w.write(f)?;
    }
    w.commit().map(|_| ())
}

/// Writes a new site beside `out` and swaps it in on [`Writer::commit`].
///
/// The new site is written into a working folder. Measured on ext4 here, overwriting a
/// file costs a fraction of creating one, so the working folder is the previous site
/// kept from the last swap (`.<out>.sinew-spare`): files are overwritten in place,
/// unchanged ones are left alone, and files the new site no longer has are deleted at
/// commit. Until the swap, `out` is never touched, so a failed or killed build changes
/// nothing the host serves; and nothing is swapped in before it is all on disk, so a
/// power cut leaves the old site or the new one.
///
/// No folder is ever written into, emptied or swapped through a symbolic link it did not
/// make: `out` itself may be a link (it is resolved once, here), but sinew's own names
/// beside it must not be, links inside the working folder are removed rather than
/// followed, and links inside `out` are refused (they would silently go missing).
pub struct Writer {
    out: PathBuf,
    work: PathBuf,
    /// How many files have been written.
    count: std::sync::atomic::AtomicUsize,
    /// The files written, by their [`Written::key`] (none in a fresh working folder,
    /// where nothing can be stale).
    written: Mutex<Written>,
    /// The folders of the working folder made or checked so far (never links), relative
    /// to it: at 100,000 pages there are as many folders as pages, and their absolute
    /// paths were 10 MiB.
    dirs: Mutex<HashSet<Box<Path>>>,
    /// Time spent in `write`, summed over threads, in nanoseconds.
    busy: std::sync::atomic::AtomicU64,
    /// The working folder was made empty by this build (no previous site to overwrite).
    fresh: bool,
    /// The manifest of the working folder saved by the last build into it (empty if
    /// there is none that can be trusted), and the slot its new one is saved in.
    stamps: stamps::Manifest,
    stamps_slot: usize,
    /// Files found unchanged by their stamp alone (no open, no read).
    by_stamp: std::sync::atomic::AtomicUsize,
    /// The files the working folder held at the start and the links inside `out`,
    /// found on a thread of its own while the site renders.
    scan: std::thread::JoinHandle<Scan>,
    /// The working folder, opened before anything is written into it: the final sync
    /// goes through this handle, so it reports any write-back error since then (a handle
    /// opened later would not report one that happened before it was opened).
    opened: Option<std::sync::Arc<fs::File>>,
    /// A fresh build's early write-back (`flush`), while the site is written.
    early: Option<flush::Flusher>,
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
        // Before anything else looks at them: sinew's own names must not lead elsewhere.
        swap::refuse_links(out)?;
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
        // Checked again under the lock: another build may have been running.
        swap::refuse_links(out)?;
        if fs::symlink_metadata(&work).is_ok_and(|m| !m.is_dir()) {
            fs::remove_file(&work).ok();
        }
        // A working folder made now is empty: its files are created without looking first.
        let fresh = !work.is_dir();
        if fresh {
            fs::create_dir(&work)
                .with_context(|| format!("failed to create `{}`", work.display()))?;
        }
        // A fresh folder has no manifest worth reading (a leftover naming a folder
        // that had the same inode is ignored too: every file is written anew).
        let (previous, stamps_slot) = stamps::load(out, &work);
        let previous = if fresh {
            stamps::Manifest::default()
        } else {
            previous
        };
        let scan = {
            let (work, out) = (work.clone(), out.clone());
            std::thread::spawn(move || Scan {
                // A working folder made now holds nothing stale, and listing it would
                // only find the files this build is writing.
                before: if fresh {
                    Some(Listing::default())
                } else {
                    list_files(&work)
                },
                links_in_out: tree::links_in(&out, 5),
            })
        };
        let opened = fs::File::open(&work).ok().map(std::sync::Arc::new);
        // Only a fresh build writes enough to be worth it; a rebuild rewrites only the
        // files that changed (its sync took about 1 ms at 10,000 pages).
        let early = match &opened {
            Some(dir) if fresh && cfg!(target_os = "linux") => {
                let dir = std::sync::Arc::clone(dir);
                flush::Flusher::start(flush::EVERY_FILES, move || swap::sync_fs(&dir)).ok()
            }
            _ => None,
        };
        Ok(Writer {
            out: out.to_path_buf(),
            work,
            count: Default::default(),
            written: Mutex::new(Written::new(previous.len())),
            dirs: Mutex::default(),
            busy: Default::default(),
            fresh,
            stamps: previous,
            stamps_slot,
            by_stamp: Default::default(),
            scan,
            opened,
            early,
            _lock: lock,
        })
    }

    /// The folder the working folder is in (beside the output): where a build may keep a
    /// temporary file of its own (`site::SpillOptions`), never inside the working folder,
    /// whose files are listed while the site is written.
    pub fn beside(&self) -> &Path {
        self.work.parent().unwrap_or(&self.work)
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
        // The folder exists when this returns: no thread writes into it before.
        make_dir(&self.work, &parent, &self.dirs, self.fresh)?;
        let bytes: std::borrow::Cow<'_, [u8]> = match &f.body {
            Body::Bytes(b) => b.as_slice().into(),
            Body::Builtin(b) => (*b).into(),
            Body::File(src) => crate::fsutil::read_regular(src)
                .with_context(|| format!("failed to read `{}`", src.display()))?
                .into(),
        };
        let key = stamps::path_key(&f.path);
        let content = stamps::content(&bytes);
        // Unchanged by its stamp: the same bytes as when the manifest was saved, and the
        // file's metadata (one `lstat`) exactly as sinew left it then.
        let known = self
            .stamps
            .get(key)
            .filter(|e| e.content == content)
            .and_then(|e| stamps::unchanged(&path, e));
        let stamp = match known {
            Some(stamp) => {
                self.by_stamp
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Some(stamp)
            }
            None => {
                let written = if self.fresh {
                    write_new(&path, &bytes)
                } else {
                    write_if_changed(&path, &bytes)
                };
                let m = written.with_context(|| format!("failed to write `{}`", path.display()))?;
                stamps::stamp(&m)
            }
        };
        {
            let mut written = self.written.lock().expect("lock");
            if !self.fresh {
                let key = written.key(&f.path);
                written.keys.insert(key);
            }
            if let Some((stat, ctime_ns)) = stamp {
                written.stamps.push(stamps::Fresh {
                    entry: stamps::Entry { key, stat, content },
                    ctime_ns,
                });
            }
        }
        let count = 1 + self
            .count
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Some(early) = &self.early {
            early.written(count);
        }
        Ok(())
    }

    /// How many files have been written so far.
    pub fn written(&self) -> usize {
        self.count.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// How many of them were found unchanged by their stamp alone, without being opened
    /// (the rest were written, or opened and compared).
    pub fn unchanged_by_stamp(&self) -> usize {
        self.by_stamp.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Deletes what the new site no longer has, saves it to disk and swaps it in. It is
    /// refused, and `out` left as it was, if `out` holds a symbolic link.
    pub fn commit(self) -> Result<Committed> {
        let mut written = self.written.into_inner().expect("lock");
        let scan = self.scan.join().unwrap_or(Scan {
            before: None,
            links_in_out: Vec::new(),
        });
        if !scan.links_in_out.is_empty() {
            return Err(links_in_out_error(&self.out, &scan.links_in_out));
        }
        let stale = |rel: &str| !written.keys.contains(&written.key(rel));
        match scan.before {
            // In a fresh working folder every file is the new site's.
            _ if self.fresh => {}
            Some(before) => remove_listed(&self.work, before.iter().filter(|r| stale(r)))?,
            None => remove_stale(&self.work, stale)?,
        }
        let entries = std::mem::take(&mut written.stamps);
        drop(written);
        let t = Instant::now();
        if let Some(early) = self.early {
            // An error of an early sync is this build's: it may not be reported again.
            early
                .finish()
                .with_context(|| format!("failed to save `{}` to disk", self.work.display()))?;
        }
        swap::sync_tree(&self.work, self.opened.as_deref())?;
        let sync = t.elapsed();
        // After the sync: whatever of the manifest reaches the disk describes files whose
        // bytes are already there. Saved before it, a power cut could keep a file's new
        // times but not bytes overwritten in place (ext4's ordered mode orders only newly
        // allocated blocks), and the next build would trust the old bytes. The manifest
        // itself is not synced: a torn or lost one is ignored by the next build.
        stamps::save(&self.out, &self.work, self.stamps_slot, entries);
        let t = Instant::now();
        swap::swap_in(&self.work, &self.out)?;
        Ok(Committed {
            sync,
            swap: t.elapsed(),
        })
    }
}

/// How long the end of a build took, for `--timings`.
#[derive(Debug, Clone, Copy)]
pub struct Committed {
    /// Saving the new site to disk (data and folders) before the swap.
    pub sync: Duration,
    /// The swap, and saving it to disk.
    pub swap: Duration,
}

/// Only one build writes to an output folder at a time. The lock file is opened only
/// if it is an ordinary file: never through a link, and never a named pipe (which would
/// wait forever for a writer).
fn lock(out: &Path) -> Result<fs::File> {
    let path = sibling(out, LOCK_TAG, "");
    let mut options = fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    let file = match crate::fsutil::open_regular(&path, &mut options, Links::Refuse) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => bail!(
            "{e}: sinew makes this lock file itself so that two builds never write at once; delete it (deleting a link deletes nothing it points to) and build again"
        ),
        Err(e) => {
            return Err(e)
                .with_context(|| format!("failed to create the lock file `{}`", path.display()));
        }
    };
    rustix::fs::flock(&file, rustix::fs::FlockOperation::LockExclusive)
        .with_context(|| format!("failed to lock `{}`", path.display()))?;
    Ok(file)
}

/// What was found beside the build, on a thread of its own while the site renders.
struct Scan {
    /// The files the working folder held at the start; `None` when listing failed.
    before: Option<Listing>,
    /// Symbolic links inside the output folder (a few at most).
    links_in_out: Vec<String>,
}

/// The files written to a working folder that held a previous site, so that the commit
/// removes the others. Each is kept as a 128-bit keyed hash of its path rather than the
/// path: at 100,000 pages the paths were 11 MiB at the end of the build, where its
/// memory peaks, and the keys are 2 MiB. The keys are random for each build (so no
/// file name can be chosen to match another's), and two of the site's paths share one
/// with a chance of about 10^-29 (the file not written would then be left in place).
struct Written {
    hashers: [std::hash::RandomState; 2],
    keys: HashSet<u128>,
    /// The stamps of the files written (or found unchanged), for the folder's manifest.
    stamps: Vec<stamps::Fresh>,
}

impl Written {
    /// `expected`: how many files the build is likely to write (room is kept for their
    /// stamps, so the list is not grown by doubling at 100,000 files).
    fn new(expected: usize) -> Written {
        Written {
            hashers: [std::hash::RandomState::new(), std::hash::RandomState::new()],
            keys: HashSet::new(),
            stamps: Vec::with_capacity(expected),
        }
    }

    /// The key of the file at `path` (relative to the working folder).
    fn key(&self, path: &str) -> u128 {
        use std::hash::BuildHasher;
        let [a, b] = &self.hashers;
        (u128::from(a.hash_one(path)) << 64) | u128::from(b.hash_one(path))
    }
}

/// The refusal for symbolic links the clinic put inside the output folder.
fn links_in_out_error(out: &Path, links: &[String]) -> anyhow::Error {
    use crate::diagnostic::{Newlines, for_terminal};
    let named: Vec<String> = links
        .iter()
        .map(|l| format!("`{}`", for_terminal(l, Newlines::Escape)))
        .collect();
    anyhow::anyhow!(
        "the output folder `{}` holds {} {}: sinew replaces the whole output folder on every build and never writes through links, so the new site would be published without {}. Put those files in the site's `static/` folder (they are then published with the site), or have your web server serve them from where they are, and remove the {} from the output folder",
        out.display(),
        if links.len() == 1 {
            "a symbolic link,"
        } else {
            "symbolic links,"
        },
        named.join(", "),
        if links.len() == 1 { "it" } else { "them" },
        if links.len() == 1 { "link" } else { "links" },
    )
}

#[cfg(test)]
mod tests {
    use super::swap::{OLD_TAG, STEPS};
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
        // Besides the output there is only the spare (the previous site), the lock and
        // the manifests of stamps of the two folders.
        let mut names: Vec<_> = fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                ".public.sinew-lock",
                ".public.sinew-spare",
                ".public.sinew-stamps-a",
                ".public.sinew-stamps-b",
                "public"
            ]
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

    /// Builds `files` into `out`; returns how many were found unchanged by their stamp.
    fn build(out: &Path, files: &[OutFile]) -> usize {
        let w = Writer::begin(out).unwrap();
        for f in files {
            w.write(f).unwrap();
        }
        let n = w.unchanged_by_stamp();
        w.commit().unwrap();
        n
    }

    /// Manifests saved while this lives see every file as settled (as if saved ten
    /// seconds later), so the tests need not wait out the racy margin.
    struct Settled;
    impl Settled {
        fn new() -> Settled {
            stamps::SHIFT.set(10_000_000_000);
            Settled
        }
    }
    impl Drop for Settled {
        fn drop(&mut self) {
            stamps::SHIFT.set(0);
        }
    }

    fn site(page: &str) -> Vec<OutFile> {
        let mut files: Vec<OutFile> = (0..20)
            .map(|i| file(&format!("p{i}/index.html"), &format!("page {i}")))
            .collect();
        files.push(file("knee/index.html", page));
        files
    }

    /// Every file under `dir`, relative, with its bytes.
    fn tree_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut all: Vec<_> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| !e.file_type().is_dir())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                (rel, fs::read(e.path()).unwrap())
            })
            .collect();
        all.sort();
        all
    }

    fn expected(files: &[OutFile]) -> Vec<(String, Vec<u8>)> {
        let mut all: Vec<_> = files
            .iter()
            .map(|f| match &f.body {
                Body::Bytes(b) => (f.path.clone(), b.clone()),
                _ => unreachable!("the tests write bytes"),
            })
            .collect();
        all.sort();
        all
    }

    #[cfg(unix)]
    fn inode_and_mtime(p: &Path) -> (u64, i64, i64) {
        use std::os::unix::fs::MetadataExt;
        let m = fs::symlink_metadata(p).unwrap();
        (m.ino(), m.mtime(), m.mtime_nsec())
    }

    #[cfg(unix)]
    #[test]
    fn a_rebuild_finds_unchanged_files_by_their_stamp_and_rewrites_a_changed_one() {
        let _settled = Settled::new();
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        let one = site("bend the knee");
        assert_eq!(build(&out, &one), 0, "first build");
        assert_eq!(build(&out, &one), 0, "second build: a new working folder");
        // The third build writes into the first one's folder, with its manifest.
        let before: Vec<_> = (0..20)
            .map(|i| {
                inode_and_mtime(&sibling(&out, SPARE_TAG, "").join(format!("p{i}/index.html")))
            })
            .collect();
        let two = site("bend the knee gently");
        assert_eq!(build(&out, &two), 20, "every page but the changed one");
        let after: Vec<_> = (0..20)
            .map(|i| inode_and_mtime(&out.join(format!("p{i}/index.html"))))
            .collect();
        assert_eq!(before, after, "unchanged files are left alone");
        assert_eq!(tree_of(&out), expected(&two));
        // And again into the other folder, whose manifest is from the second build.
        assert_eq!(build(&out, &two), 20);
        assert_eq!(tree_of(&out), expected(&two));
        assert_eq!(build(&out, &two), 21, "now the changed page too");
        assert_eq!(tree_of(&out), expected(&two));
    }

    #[cfg(unix)]
    #[test]
    fn files_written_just_before_the_manifest_was_saved_are_read_back() {
        // No shift: these files were written milliseconds before their manifests, within
        // the racy margin, so a change in the same clock tick could have kept their times.
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        let one = site("bend the knee");
        for n in 0..4 {
            assert_eq!(build(&out, &one), 0, "build {n}");
        }
        assert_eq!(tree_of(&out), expected(&one));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_edited_by_hand_in_the_output_is_rewritten_even_with_its_time_restored() {
        let _settled = Settled::new();
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        let one = site("bend the knee");
        for _ in 0..3 {
            build(&out, &one);
        }
        // Both folders have manifests. Edit the published page in place: same size,
        // other bytes, its modification time put back as it was.
        let edit = |page: &Path| {
            let old = fs::metadata(page).unwrap().modified().unwrap();
            fs::write(page, "BEND THE KNEE").unwrap();
            let f = fs::File::options().write(true).open(page).unwrap();
            f.set_times(fs::FileTimes::new().set_modified(old)).unwrap();
            assert_eq!(fs::metadata(page).unwrap().modified().unwrap(), old);
        };
        edit(&out.join("knee/index.html"));
        // The next build writes into the other folder; the one after into the edited one.
        assert_eq!(build(&out, &one), 21);
        assert_eq!(tree_of(&out), expected(&one));
        assert_eq!(
            build(&out, &one),
            20,
            "the edited file is compared, not trusted"
        );
        assert_eq!(tree_of(&out), expected(&one));
        // The same for the working folder itself, edited between builds.
        edit(&sibling(&out, SPARE_TAG, "").join("knee/index.html"));
        assert_eq!(build(&out, &one), 20);
        assert_eq!(tree_of(&out), expected(&one));
    }

    #[cfg(unix)]
    #[test]
    fn a_manifest_missing_truncated_corrupt_or_about_another_folder_is_ignored() {
        use xxhash_rust::xxh3::xxh3_64;
        type Damage = fn(&Path, &[u8]);
        let damages: [(&str, Damage); 5] = [
            ("missing", |p, _| fs::remove_file(p).unwrap()),
            ("truncated", |p, b| fs::write(p, &b[..b.len() / 2]).unwrap()),
            ("corrupt", |p, b| {
                let mut b = b.to_vec();
                b[40] ^= 0xff;
                fs::write(p, b).unwrap()
            }),
            ("garbage", |p, _| fs::write(p, "not a manifest").unwrap()),
            ("another folder", |p, b| {
                // Whole, with a valid checksum, its entries right, but naming another
                // folder (say, one whose inode number this folder reused).
                let mut b = b.to_vec();
                b[16] ^= 1;
                let body = b.len() - 8;
                let sum = xxh3_64(&b[..body]);
                b[body..].copy_from_slice(&sum.to_le_bytes());
                fs::write(p, b).unwrap()
            }),
        ];
        for (what, damage) in damages {
            let _settled = Settled::new();
            let d = tempfile::tempdir().unwrap();
            let out = d.path().join("public");
            let one = site("bend the knee");
            build(&out, &one);
            build(&out, &one);
            for slot in stamps::slots(&out) {
                let bytes = fs::read(&slot).unwrap();
                damage(&slot, &bytes);
            }
            let two = site("bend the knee gently");
            assert_eq!(build(&out, &two), 0, "{what}");
            assert_eq!(tree_of(&out), expected(&two), "{what}");
            assert_eq!(build(&out, &two), 0, "{what}");
            assert_eq!(tree_of(&out), expected(&two), "{what}");
            // The builds saved new manifests, trusted from then on.
            assert_eq!(build(&out, &two), 21, "{what}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_manifest_that_is_a_link_is_neither_read_nor_written_through() {
        let _settled = Settled::new();
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        let one = site("bend the knee");
        build(&out, &one);
        build(&out, &one);
        // Each slot made a link to a copy of itself elsewhere: a whole manifest that
        // would be trusted if it were read through the link.
        for (i, slot) in stamps::slots(&out).iter().enumerate() {
            let victim = d.path().join(format!("victim-{i}"));
            fs::copy(slot, &victim).unwrap();
            fs::remove_file(slot).unwrap();
            std::os::unix::fs::symlink(&victim, slot).unwrap();
        }
        let kept: Vec<Vec<u8>> = (0..2)
            .map(|i| fs::read(d.path().join(format!("victim-{i}"))).unwrap())
            .collect();
        assert_eq!(build(&out, &one), 0, "not read through the link");
        assert_eq!(tree_of(&out), expected(&one));
        for (i, kept) in kept.iter().enumerate() {
            let victim = fs::read(d.path().join(format!("victim-{i}"))).unwrap();
            assert_eq!(&victim, kept, "nothing written through the link");
        }
        // The new manifest replaced a link rather than going through it.
        let slot = &stamps::slots(&out)[0];
        assert!(fs::symlink_metadata(slot).unwrap().is_file());
    }

    #[cfg(unix)]
    #[test]
    fn a_file_replaced_by_a_link_or_a_hard_link_is_replaced_never_followed() {
        let _settled = Settled::new();
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        let one = site("bend the knee");
        for _ in 0..3 {
            build(&out, &one);
        }
        // The same bytes elsewhere: a hard link in the published site (a symbolic link
        // there is refused, see below), a symbolic link in the working folder.
        let outside = d.path().join("outside");
        fs::create_dir(&outside).unwrap();
        fs::write(outside.join("soft.html"), "bend the knee").unwrap();
        fs::write(outside.join("hard.html"), "page 3").unwrap();
        fs::remove_file(out.join("p3/index.html")).unwrap();
        fs::hard_link(outside.join("hard.html"), out.join("p3/index.html")).unwrap();
        let spare = sibling(&out, SPARE_TAG, "");
        fs::remove_file(spare.join("knee/index.html")).unwrap();
        std::os::unix::fs::symlink(outside.join("soft.html"), spare.join("knee/index.html"))
            .unwrap();
        assert_eq!(build(&out, &one), 20, "the link is not trusted");
        assert!(!out.join("knee/index.html").is_symlink());
        assert_eq!(tree_of(&out), expected(&one));
        assert_eq!(build(&out, &one), 20, "the hard link is not trusted");
        assert_eq!(tree_of(&out), expected(&one));
        {
            use std::os::unix::fs::MetadataExt;
            assert_eq!(fs::metadata(out.join("p3/index.html")).unwrap().nlink(), 1);
            assert_eq!(fs::metadata(outside.join("hard.html")).unwrap().nlink(), 1);
        }
        assert_eq!(
            fs::read_to_string(outside.join("soft.html")).unwrap(),
            "bend the knee"
        );
        assert_eq!(
            fs::read_to_string(outside.join("hard.html")).unwrap(),
            "page 3"
        );
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

    #[cfg(unix)]
    #[test]
    fn an_unchanged_file_is_left_alone_and_a_changed_one_rewritten_to_its_last_byte() {
        use std::os::unix::fs::MetadataExt;
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("big.html");
        // Over one piece of the comparison (64 KiB), differing only in the last byte.
        let mut text = vec![b'a'; 200_000];
        write_if_changed(&p, &text).unwrap();
        let old = fs::File::options().write(true).open(&p).unwrap();
        let long_ago = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        old.set_modified(long_ago).unwrap();
        write_if_changed(&p, &text).unwrap();
        assert_eq!(
            fs::metadata(&p).unwrap().mtime(),
            1_000_000,
            "rewritten unchanged"
        );
        *text.last_mut().unwrap() = b'b';
        write_if_changed(&p, &text).unwrap();
        assert_eq!(fs::read(&p).unwrap(), text);
        assert_ne!(fs::metadata(&p).unwrap().mtime(), 1_000_000);
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_or_a_named_pipe_in_a_files_place_is_replaced() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("page.html");
        fs::create_dir_all(dir.join("inside")).unwrap();
        fs::write(dir.join("inside/x.txt"), "x").unwrap();
        write_if_changed(&dir, b"now a file").unwrap();
        assert_eq!(fs::read(&dir).unwrap(), b"now a file");
        let pipe = d.path().join("pipe.html");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&pipe)
                .status()
                .unwrap()
                .success()
        );
        // Never waits for a writer at the other end of the pipe.
        write_if_changed(&pipe, b"a file").unwrap();
        assert!(fs::symlink_metadata(&pipe).unwrap().is_file());
        assert_eq!(fs::read(&pipe).unwrap(), b"a file");
    }

    #[cfg(unix)]
    #[test]
    fn listing_finds_files_and_links_at_every_depth_and_follows_no_link() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().join("work");
        fs::create_dir_all(root.join("a/b/c")).unwrap();
        fs::create_dir_all(root.join("empty")).unwrap();
        fs::write(root.join("index.html"), "i").unwrap();
        fs::write(root.join("a/b/c/deep.html"), "d").unwrap();
        let elsewhere = d.path().join("elsewhere");
        fs::create_dir_all(&elsewhere).unwrap();
        fs::write(elsewhere.join("secret.txt"), "s").unwrap();
        std::os::unix::fs::symlink(&elsewhere, root.join("a/link")).unwrap();
        let listing = tree::list_files(&root).unwrap();
        let mut all: Vec<&str> = listing.iter().collect();
        all.sort();
        assert_eq!(all, ["a/b/c/deep.html", "a/link", "index.html"]);
        assert_eq!(tree::links_in(&root, 5), ["a/link"]);
        std::os::unix::fs::symlink(&elsewhere, root.join("link2")).unwrap();
        assert_eq!(tree::links_in(&root, 1).len(), 1);
        assert_eq!(tree::links_in(&root, 5).len(), 2);
        assert!(tree::links_in(&d.path().join("missing"), 5).is_empty());
        assert!(tree::list_files(&d.path().join("missing")).is_none());
    }

    #[cfg(unix)]
    #[test]
    fn a_fresh_working_folder_creates_files_and_never_goes_through_a_link() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("new.html");
        write_new(&p, b"a first version").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"a first version");
        // Something there after all: overwritten and cut to length, as on a rebuild.
        write_new(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let outside = d.path().join("outside");
        fs::create_dir(&outside).unwrap();
        fs::write(outside.join("a.txt"), "keep").unwrap();
        let link = d.path().join("link.html");
        std::os::unix::fs::symlink(outside.join("a.txt"), &link).unwrap();
        write_new(&link, b"new").unwrap();
        assert_eq!(fs::read_to_string(outside.join("a.txt")).unwrap(), "keep");
        assert_eq!(fs::read(&link).unwrap(), b"new");
        // A folder that turns out to be a link is replaced, not written through.
        let dir = d.path().join("videos");
        std::os::unix::fs::symlink(&outside, &dir).unwrap();
        make_dir(d.path(), &dir, &Mutex::default(), true).unwrap();
        assert!(fs::symlink_metadata(&dir).unwrap().is_dir());
        assert_eq!(fs::read_dir(&outside).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_in_the_working_folder_with_another_name_is_replaced_not_overwritten() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        write_atomic(&out, &[file("index.html", "one")]).unwrap();
        write_atomic(&out, &[file("index.html", "two")]).unwrap();
        // A source of the site, hard-linked into the working folder (a tar archive can).
        let source = d.path().join("index.md");
        fs::write(&source, "the clinic's page").unwrap();
        let spare = sibling(&out, SPARE_TAG, "");
        fs::remove_file(spare.join("index.html")).unwrap();
        fs::hard_link(&source, spare.join("index.html")).unwrap();
        write_atomic(&out, &[file("index.html", "three")]).unwrap();
        assert_eq!(fs::read_to_string(&source).unwrap(), "the clinic's page");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "three");
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

    #[test]
    fn the_new_site_is_on_disk_before_its_stamps_are_saved_and_swapped_in() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        for text in ["one", "two"] {
            STEPS.with(|s| s.borrow_mut().clear());
            write_atomic(&out, &[file("index.html", text)]).unwrap();
            assert_eq!(
                STEPS.with(|s| s.borrow().clone()),
                ["sync", "stamps", "swap", "sync parent"],
                "build `{text}`"
            );
        }
        // Nothing is synced or swapped when a write fails.
        STEPS.with(|s| s.borrow_mut().clear());
        let missing = OutFile {
            path: "x.png".into(),
            body: Body::File(d.path().join("nope.png")),
        };
        assert!(write_atomic(&out, &[missing]).is_err());
        assert!(STEPS.with(|s| s.borrow().is_empty()));
    }

    #[cfg(unix)]
    #[test]
    fn sinew_never_uses_its_own_names_through_a_link() {
        use std::os::unix::fs::symlink;
        for tag in [SPARE_TAG, LOCK_TAG, ".sinew-old-7"] {
            let d = tempfile::tempdir().unwrap();
            let out = d.path().join("public");
            write_atomic(&out, &[file("index.html", "old")]).unwrap();
            let victim = d.path().join("victim");
            fs::create_dir_all(&victim).unwrap();
            fs::write(victim.join("precious.txt"), "keep").unwrap();
            let name = sibling(&out, tag, "");
            let _ = fs::remove_dir_all(&name);
            let _ = fs::remove_file(&name);
            symlink(&victim, &name).unwrap();
            let err = format!(
                "{:#}",
                write_atomic(&out, &[file("index.html", "new")]).unwrap_err()
            );
            assert!(err.contains("is a symbolic link"), "{tag}: {err}");
            assert!(
                err.contains("delete the link") || err.contains("delete it"),
                "{tag}: {err}"
            );
            assert_eq!(fs::read_dir(&victim).unwrap().count(), 1, "{tag}");
            assert_eq!(
                fs::read_to_string(victim.join("precious.txt")).unwrap(),
                "keep"
            );
            assert_eq!(
                fs::read_to_string(out.join("index.html")).unwrap(),
                "old",
                "{tag}"
            );
            // `recover` alone never moves a link into place nor empties its target.
            if tag.starts_with(OLD_TAG) {
                fs::rename(&out, d.path().join("moved")).unwrap();
                assert!(recover(&out).is_err());
                assert!(!out.exists());
                assert_eq!(fs::read_dir(&victim).unwrap().count(), 1);
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_inside_the_working_folder_is_replaced_never_followed() {
        use std::os::unix::fs::symlink;
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        write_atomic(&out, &[file("index.html", "one")]).unwrap();
        write_atomic(&out, &[file("index.html", "two")]).unwrap();
        let victim = d.path().join("victim");
        fs::create_dir_all(&victim).unwrap();
        fs::write(victim.join("a.html"), "keep").unwrap();
        let spare = sibling(&out, SPARE_TAG, "");
        symlink(&victim, spare.join("videos")).unwrap();
        symlink(victim.join("a.html"), spare.join("page.html")).unwrap();
        write_atomic(
            &out,
            &[
                file("index.html", "three"),
                file("videos/a.html", "new"),
                file("page.html", "p"),
            ],
        )
        .unwrap();
        assert_eq!(fs::read_to_string(victim.join("a.html")).unwrap(), "keep");
        assert_eq!(fs::read_dir(&victim).unwrap().count(), 1);
        assert!(fs::symlink_metadata(out.join("videos")).unwrap().is_dir());
        assert_eq!(
            fs::read_to_string(out.join("videos/a.html")).unwrap(),
            "new"
        );
        // A stale link is removed as a link: what it points to stays.
        let spare_link = spare.join("old-link");
        symlink(&victim, &spare_link).unwrap();
        write_atomic(&out, &[file("index.html", "four")]).unwrap();
        assert_eq!(fs::read_to_string(victim.join("a.html")).unwrap(), "keep");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_inside_the_output_folder_is_refused_and_the_output_kept() {
        use std::os::unix::fs::symlink;
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        write_atomic(&out, &[file("index.html", "one")]).unwrap();
        let nas = d.path().join("nas");
        fs::create_dir_all(&nas).unwrap();
        fs::write(nas.join("knee.mp4"), "video").unwrap();
        symlink(&nas, out.join("videos")).unwrap();
        let err = format!(
            "{:#}",
            write_atomic(&out, &[file("index.html", "two")]).unwrap_err()
        );
        assert!(err.contains("`videos`") && err.contains("static/"), "{err}");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        assert!(out.join("videos").is_symlink());
        assert_eq!(fs::read_to_string(nas.join("knee.mp4")).unwrap(), "video");
    }

    #[cfg(unix)]
    #[test]
    fn an_output_folder_that_is_a_link_is_built_where_it_points() {
        let d = tempfile::tempdir().unwrap();
        let www = d.path().join("www/site");
        fs::create_dir_all(&www).unwrap();
        let out = d.path().join("public");
        std::os::unix::fs::symlink(&www, &out).unwrap();
        write_atomic(&out, &[file("index.html", "one")]).unwrap();
        write_atomic(&out, &[file("index.html", "two")]).unwrap();
        assert!(out.is_symlink());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(d.path().join("www/.site.sinew-spare").is_dir());
    }
}
