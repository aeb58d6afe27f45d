//! The folders beside the output that sinew makes itself (the working folder, the lock
//! file, a folder moved aside during a non-atomic swap), syncing the new site to disk,
//! the swap, and `recover` after an interrupted one.
//!
//! None of these names is ever used through a symbolic link: a link there was not made by
//! sinew (it may have come with a site's files, from a repository or a zip) and would
//! make the build write into, delete from or swap a folder somewhere else.

use anyhow::{Context, Result, bail};
use std::fs;
use std::path::{Path, PathBuf};

pub(super) use crate::fsutil::{LOCK_TAG, OLD_TAG, SPARE_TAG};

/// `.<name of out><tag><id>` beside `out`.
pub(super) fn sibling(out: &Path, tag: &str, id: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}{tag}{id}"))
}

/// Refuses to go on when one of sinew's own names beside `out` is a symbolic link.
pub(super) fn refuse_links(out: &Path) -> Result<()> {
    for tag in [SPARE_TAG, LOCK_TAG] {
        refuse_link(&sibling(out, tag, ""))?;
    }
    for p in leftovers(out) {
        refuse_link(&p)?;
    }
    Ok(())
}

fn refuse_link(p: &Path) -> Result<()> {
    if p.is_symlink() {
        bail!(
            "`{}` is a symbolic link, and sinew never writes through a link it did not make \
             (this name is for sinew's own working files; the link may have come with the \
             site's files): delete the link (that deletes nothing it points to) and build again",
            p.display()
        );
    }
    Ok(())
}

/// Folders an interrupted swap left beside `out`, sorted.
fn leftovers(out: &Path) -> Vec<PathBuf> {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return Vec::new();
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix = format!(".{}{OLD_TAG}", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// Puts back an output folder that an interrupted swap (on systems without an atomic
/// exchange) had moved aside, or removes it when the swap had finished. A leftover that
/// is a symbolic link is refused, never moved into place nor emptied.
pub fn recover(out: &Path) -> Result<()> {
    for p in leftovers(out) {
        refuse_link(&p)?;
        if !out.exists() && !out.is_symlink() {
            fs::rename(&p, out).with_context(|| {
                format!(
                    "failed to restore `{}` from `{}`",
                    out.display(),
                    p.display()
                )
            })?;
            sync_parent(out)?;
        } else {
            fs::remove_dir_all(&p)
                .with_context(|| format!("failed to remove the leftover `{}`", p.display()))?;
        }
    }
    Ok(())
}

/// Makes everything written into `work` durable, data and folders, before it is swapped
/// in: on Linux with one `syncfs` of its file system (cheaper than a `fsync` per file,
/// and it covers the folders too), through `opened` (`work` opened before the build
/// wrote into it, so that a write-back error since then is reported) when given;
/// elsewhere a `fsync` of every file and folder.
pub(super) fn sync_tree(work: &Path, opened: Option<&fs::File>) -> Result<()> {
    trace("sync");
    let context = || format!("failed to save `{}` to disk", work.display());
    #[cfg(target_os = "linux")]
    match opened {
        Some(dir) => sync_fs(dir).with_context(context)?,
        None => sync_fs(&fs::File::open(work).with_context(context)?).with_context(context)?,
    }
    #[cfg(not(target_os = "linux"))]
    let _ = opened;
    #[cfg(not(target_os = "linux"))]
    for e in walkdir::WalkDir::new(work).contents_first(true) {
        let e = e.with_context(context)?;
        if e.file_type().is_file() || (cfg!(unix) && e.file_type().is_dir()) {
            fs::File::open(e.path())
                .and_then(|f| f.sync_all())
                .with_context(context)?;
        }
    }
    Ok(())
}

/// Saves the whole file system holding `dir` to disk (`syncfs` on Linux; elsewhere a
/// `fsync` of `dir` alone, for the early write-back of `flush`, which is Linux only).
pub(super) fn sync_fs(dir: &fs::File) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        rustix::fs::syncfs(dir)?;
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    dir.sync_all()
}

/// Makes a rename in the folder holding `path` durable.
fn sync_parent(path: &Path) -> Result<()> {
    trace("sync parent");
    #[cfg(unix)]
    if let Some(parent) = path.parent() {
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        fs::File::open(parent)
            .and_then(|f| f.sync_all())
            .with_context(|| format!("failed to save `{}` to disk", parent.display()))?;
    }
    Ok(())
}

/// Swaps the (synced) new site in `work` with `out`, and makes the swap durable.
pub(super) fn swap_in(work: &Path, out: &Path) -> Result<()> {
    swap(work, out)?;
    trace("swap");
    sync_parent(out)
}

fn swap(work: &Path, out: &Path) -> Result<()> {
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
thread_local! {
    /// The steps of committing, in order, for the tests of the order.
    pub(super) static STEPS: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Records a step of committing (tests only).
pub(super) fn trace(_step: &'static str) {
    #[cfg(test)]
    STEPS.with(|s| s.borrow_mut().push(_step));
}
