//! The files of the working folder: making folders and writing files without ever going
//! through a symbolic link, listing what is there, and removing what is stale.

use anyhow::{Context, Result};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Makes sure `dir` (below `root`) is a real folder, never one reached through a link.
///
/// `made` holds the folders already checked or made, relative to `root`; each folder is
/// looked at once per build. A file in the way (left by an older site) is removed, and so is a symbolic
/// link: the working folder is sinew's own, so a link in it was put there by someone
/// else (or came with the previous site), and removing a link leaves what it points to
/// alone. `create_dir_all` is not used because it follows links.
///
/// `fresh` says the working folder was made empty by this build (a first build, or a
/// clean clone in CI): then the folder is simply made, and looked at only if that fails.
pub(super) fn make_dir(
    root: &Path,
    dir: &Path,
    made: &mut HashSet<Box<Path>>,
    fresh: bool,
) -> Result<()> {
    let Ok(rel) = dir.strip_prefix(root) else {
        return Ok(());
    };
    if rel.as_os_str().is_empty() || made.contains(rel) {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        make_dir(root, parent, made, fresh)?;
    }
    if fresh && fs::create_dir(dir).is_ok() {
        made.insert(rel.into());
        return Ok(());
    }
    match fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(m) => {
            let what = if m.is_symlink() { "link" } else { "file" };
            fs::remove_file(dir)
                .with_context(|| format!("failed to remove the {what} `{}`", dir.display()))?;
            create(dir)?;
        }
        Err(_) => create(dir)?,
    }
    made.insert(rel.into());
    Ok(())
}

fn create(dir: &Path) -> Result<()> {
    match fs::create_dir(dir) {
        Ok(()) => Ok(()),
        // Made meanwhile by another writer thread.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && !dir.is_symlink() => Ok(()),
        Err(e) => Err(e).with_context(|| format!("failed to create `{}`", dir.display())),
    }
}

/// Writes `bytes` to `path` unless it already holds exactly them.
///
/// An existing file is overwritten in place and then cut to length rather than opened
/// with `O_TRUNC`: measured on ext4 here, truncating on open costs about ten times more
/// per file (see bench/RESULTS.md). Overwriting in place is safe for power cuts only
/// because nothing is swapped in before all of it is synced (see `swap::sync_tree`).
pub(super) fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom, Write};
    let old_len = match fs::symlink_metadata(path) {
        // A file with another name too (a hard link, say from a tar archive, to one of
        // the site's sources) would be changed under that name as well: replace it.
        Ok(m) if m.is_file() && hard_linked(&m) => {
            fs::remove_file(path)?;
            None
        }
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
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        // A link made between the check above and here is refused, never followed.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    let mut f = options.open(path)?;
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

/// Writes `bytes` to `path` in a working folder this build made empty: the file is
/// created, never opened if it exists (nor through a link); if something is there after
/// all, it is written as [`write_if_changed`] writes. One system call fewer per file than
/// looking first, for the thousands of files of a fresh build.
pub(super) fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    match options.open(path) {
        Ok(mut f) => f.write_all(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => write_if_changed(path, bytes),
        Err(e) => Err(e),
    }
}

/// Whether the file has more than one name.
fn hard_linked(m: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        m.nlink() > 1
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        false
    }
}

/// Relative paths, kept in one text (each followed by a NUL, which no path holds): at
/// 100,000 files, one `String` each took twice the memory, in 100,000 pieces.
#[derive(Debug, Default)]
pub(super) struct Listing(String);

impl Listing {
    /// Adds `rel`.
    pub(super) fn push(&mut self, rel: &str) {
        self.0.push_str(rel);
        self.0.push('\0');
    }

    /// The paths, in the order added.
    pub(super) fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.split_terminator('\0')
    }
}

/// The files (and links) under `root`, relative, with `/` separators; `None` if any entry
/// could not be read (or a name holds a NUL). Links are listed, never followed.
pub(super) fn list_files(root: &Path) -> Option<Listing> {
    let mut out = Listing::default();
    for e in walkdir::WalkDir::new(root).min_depth(1) {
        let e = e.ok()?;
        if !e.file_type().is_dir() {
            let rel = e.path().strip_prefix(root).ok()?.to_string_lossy();
            if rel.contains('\0') {
                return None;
            }
            out.push(&rel.replace('\\', "/"));
        }
    }
    out.0.shrink_to_fit();
    Some(out)
}

/// The symbolic links under `dir` (not followed), relative to `dir`, at most `max`.
pub(super) fn links_in(dir: &Path, max: usize) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path_is_symlink())
        .take(max)
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap_or(e.path())
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// Removes the files of `stale` (listed before the build, never written by it), and the
/// folders that leaves empty. Only what was there before can be stale: everything since
/// was written.
pub(super) fn remove_listed<'a>(root: &Path, stale: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut emptied: Vec<PathBuf> = Vec::new();
    for rel in stale {
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

/// Removes files (and links) under `root` that are `stale` (by their relative path), and
/// folders left empty.
pub(super) fn remove_stale(root: &Path, stale: impl Fn(&str) -> bool) -> Result<()> {
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
        } else if stale(&rel) {
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
