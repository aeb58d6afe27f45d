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
mod folders;
mod mounts;
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

/// How many files are written before the scan of the folders starts (the commit starts
/// it if the site has fewer). The build's memory is highest as rendering starts (every
/// page's Markdown facts and body HTML held, the pages that list the whole site made
/// first) and falls as pages are made; the scan's pool of 16 threads, each with its own
/// allocator pages, added about 6 MiB to a 10,000-page rebuild's peak when it started
/// with the first file (bench/RESULTS.md, "Issue 20, tenth pass"). Early enough that a
/// cold walk of a big site's folders (seconds at 100,000 pages) still ends well before
/// the commit.
const SCAN_AFTER_FILES: usize = 2048;

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
    dirs: Mutex<rustc_hash::FxHashSet<Box<str>>>,
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
    /// Starts the scan (taken once `SCAN_AFTER_FILES` files are written, or by the commit).
    scan_go: Mutex<Option<std::sync::mpsc::SyncSender<()>>>,
    scan_started: std::sync::Once,
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
        // Nor may a drive be mounted inside: no link, and no change time, shows it.
        mounts::refuse_mounts(out, &work)?;
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
        let stamps::Loaded {
            work: previous,
            slot: stamps_slot,
            out_described,
        } = stamps::load(out, &work);
        let previous = if fresh {
            stamps::Manifest::default()
        } else {
            previous
        };
        // Trusted only where folders' change times are (a local disk's file system).
        let (scan_go, go) = std::sync::mpsc::sync_channel::<()>(1);
        let scan = {
            let (work, out) = (work.clone(), out.clone());
            std::thread::spawn(move || {
                // Started once `SCAN_AFTER_FILES` files are written, long after the
                // sources are read: with
                // neither in the page cache, walking the folders while the sources were
                // read slowed the reading (on the way of everything else) by as much as
                // it saved; the render threads leave the disk idle.
                if go.recv().is_err() {
                    // The build ended without committing: nothing to look for.
                    return Scan {
                        before: None,
                        links_in_out: Vec::new(),
                    };
                }
                let scan = || {
                    let (before, links_in_out) = rayon::join(
                        // A working folder made now holds nothing stale, and listing it
                        // would only find the files this build is writing.
                        || {
                            if fresh {
                                Some(Listing::default())
                            } else {
                                list_files(&work)
                            }
                        },
                        // Through the folders the last build recorded, when it did:
                        // only those changed since are read (`folders`).
                        || {
                            // Read only now: the text is not held while the pages render.
                            // Trusted only where folders' change times are (a local
                            // disk's file system).
                            let recorded = (out_described && folders::trusted_file_system(&out))
                                .then(|| stamps::out_folders(&out))
                                .flatten()
                                .and_then(|(text, reference_ns)| {
                                    folders::Recorded::new(text, reference_ns)
                                });
                            match &recorded {
                                Some(recorded) => folders::links_in(&out, 5, recorded),
                                None => tree::links_in(&out, 5),
                            }
                        },
                    );
                    Scan {
                        before,
                        links_in_out,
                    }
                };
                // Both folders are walked on I/O threads (many folders read at once): a
                // folder that is not in the page cache waits on the disk.
                match crate::fsutil::io_pool("scan") {
                    Some(pool) => pool.install(scan),
                    None => scan(),
                }
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
            scan_go: Mutex::new(Some(scan_go)),
            scan_started: std::sync::Once::new(),
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

    /// Lets the scan of the folders start (once; later calls do nothing).
    fn start_scan(&self) {
        // `Once`'s check is one atomic load: this is called for every file.
        self.scan_started.call_once(|| {
            if let Some(go) = self.scan_go.lock().expect("lock").take() {
                let _ = go.send(());
            }
        });
    }

    fn write_one(&self, f: &OutFile) -> Result<()> {
        if self.written() >= SCAN_AFTER_FILES {
            self.start_scan();
        }
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
        // The folder exists when this returns: no thread writes into it before.
        let folder = f.path.rsplit_once('/').map_or("", |(folder, _)| folder);
        make_dir(&self.work, folder, &self.dirs, self.fresh)?;
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
        let t = Instant::now();
        self.start_scan();
        let mut written = self.written.into_inner().expect("lock");
        let scan = self.scan.join().unwrap_or(Scan {
            before: None,
            links_in_out: Vec::new(),
        });
        let scan_wait = t.elapsed();
        if !scan.links_in_out.is_empty() {
            return Err(links_in_out_error(&self.out, &scan.links_in_out));
        }
        let stale = |rel: &str| !written.keys.contains(&written.key(rel));
        let made = self.dirs.into_inner().expect("lock");
        // The folders the working folder holds now, for the next build's look for links
        // (`folders`): all known only when this build made them all or listed them all.
        let folders = match scan.before {
            // In a fresh working folder every file and folder is the new site's.
            _ if self.fresh => Some(folders::record(made.iter().map(|f| &**f))),
            Some(before) => {
                // A folder the build made or checked holds a file of the new site.
                let removed = remove_listed(
                    &self.work,
                    before.iter().filter(|r| stale(r)),
                    before.folders().filter(|f| !made.contains(*f)),
                )?;
                // Each once: the folders this build made or checked (all there), then
                // the others listed that were not removed.
                Some(folders::record(
                    made.iter().map(|f| &**f).chain(
                        before
                            .folders()
                            .filter(|f| !made.contains(*f) && !removed.contains(*f)),
                    ),
                ))
            }
            None => {
                remove_stale(&self.work, stale)?;
                None
            }
        };
        drop(made);
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
        stamps::save(&self.out, &self.work, self.stamps_slot, entries, folders);
        let t = Instant::now();
        swap::swap_in(&self.work, &self.out)?;
        Ok(Committed {
            scan_wait,
            sync,
            swap: t.elapsed(),
        })
    }
}

/// How long the end of a build took, for `--timings`.
#[derive(Debug, Clone, Copy)]
pub struct Committed {
    /// Waiting, once the site was written, for the walk of the working and output
    /// folders (what was there before, links inside the output) to end.
    pub scan_wait: Duration,
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
mod tests;
