//! The files of the working folder: making folders and writing files without ever going
//! through a symbolic link, listing what is there, and removing what is stale.

use anyhow::{Context, Result};
use rustc_hash::FxHashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Makes sure the folder `rel` (a path below `root` with `/` between its names, empty for
/// `root` itself) is a real folder, never one reached through a link.
///
/// `made` holds the folders already checked or made, as `rel` names them (kept as text:
/// hashing a `Path` walks its components, and a fresh build looks up two or three folders
/// for each of its 11,000 files at 10,000 pages); each folder is
/// looked at once per build. A file in the way (left by an older site) is removed, and so is a symbolic
/// link: the working folder is sinew's own, so a link in it was put there by someone
/// else (or came with the previous site), and removing a link leaves what it points to
/// alone. `create_dir_all` is not used because it follows links.
///
/// `fresh` says the working folder was made empty by this build (a first build, or a
/// clean clone in CI): then the folder is simply made, outside the lock (making 11,000
/// folders under it held the other render threads back: bench/RESULTS.md, "Issue 20,
/// seventh pass"), and looked at under the lock only if that fails. Either way it exists
/// when this returns, so no thread writes into a folder not yet made.
pub(super) fn make_dir(
    root: &Path,
    rel: &str,
    made: &Mutex<FxHashSet<Box<str>>>,
    fresh: bool,
) -> Result<()> {
    if rel.is_empty() || made.lock().expect("lock").contains(rel) {
        return Ok(());
    }
    make_dir(
        root,
        rel.rsplit_once('/').map_or("", |(parent, _)| parent),
        made,
        fresh,
    )?;
    let dir = root.join(rel);
    if fresh && fs::create_dir(&dir).is_ok() {
        made.lock().expect("lock").insert(rel.into());
        return Ok(());
    }
    // Looked at and replaced under the lock: two threads must not both remove what is
    // in the way (another thread may also have just made it).
    let mut made = made.lock().expect("lock");
    if made.contains(rel) {
        return Ok(());
    }
    match fs::symlink_metadata(&dir) {
        Ok(m) if m.is_dir() => {}
        Ok(m) => {
            let what = if m.is_symlink() { "link" } else { "file" };
            fs::remove_file(&dir)
                .with_context(|| format!("failed to remove the {what} `{}`", dir.display()))?;
            create(&dir)?;
        }
        Err(_) => create(&dir)?,
    }
    made.insert(rel.into());
    Ok(())
}

fn create(dir: &Path) -> Result<()> {
    match fs::create_dir(dir) {
        Ok(()) => Ok(()),
        // Made meanwhile by another thread writing.
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
///
/// The file is opened first and looked at through the open handle (never through a link,
/// never waiting on a named pipe): four system calls for an unchanged file (open, its
/// metadata, one read, close) where looking at the path first took seven.
///
/// Returns the file's metadata as it is left (for its stamp, `stamps`): the metadata
/// already read for an unchanged file, one more `fstat` of the open handle otherwise.
pub(super) fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<fs::Metadata> {
    #[cfg(not(unix))]
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        fs::remove_file(path)?;
    }
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        // A link is refused, never followed; a named pipe or a device is opened without
        // waiting and without becoming the terminal, then seen for what it is below.
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        let flags = OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY;
        options.custom_flags(flags.bits() as i32);
    }
    match options.open(path) {
        Ok(f) => {
            let m = f.metadata()?;
            // A file with another name too (a hard link, say from a tar archive, to one
            // of the site's sources) would be changed under that name as well: replace it.
            if m.is_file() && !hard_linked(&m) {
                return overwrite(f, m, bytes);
            }
            drop(f);
            fs::remove_file(path)?;
        }
        // A symbolic link (`O_NOFOLLOW`), a folder, a socket: removed and replaced.
        Err(e) => match fs::symlink_metadata(path) {
            Ok(m) if m.is_dir() => fs::remove_dir_all(path)?,
            Ok(m) if !m.is_file() => fs::remove_file(path)?,
            _ => return Err(e),
        },
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    let mut f = options.open(path)?;
    std::io::Write::write_all(&mut f, bytes)?;
    f.metadata()
}

/// Writes `bytes` over the ordinary file `f` (whose metadata is `m`) unless it holds
/// them; returns its metadata afterwards.
fn overwrite(mut f: fs::File, m: fs::Metadata, bytes: &[u8]) -> std::io::Result<fs::Metadata> {
    use std::io::{Seek, SeekFrom, Write};
    let old_len = m.len();
    if old_len == bytes.len() as u64 {
        if holds(&mut f, bytes)? {
            return Ok(m);
        }
        f.seek(SeekFrom::Start(0))?;
    }
    f.write_all(bytes)?;
    if old_len > bytes.len() as u64 {
        f.set_len(bytes.len() as u64)?;
    }
    f.metadata()
}

/// Whether `f`, read from its start, begins with `bytes`. Read in pieces into a buffer
/// kept by the thread, so that comparing the thousands of files of a rebuild allocates
/// nothing, and stops at the first piece that differs.
fn holds(f: &mut fs::File, bytes: &[u8]) -> std::io::Result<bool> {
    use std::io::Read;
    const PIECE: usize = 64 * 1024;
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUFFER.with_borrow_mut(|buf| {
        if buf.is_empty() {
            buf.resize(PIECE, 0);
        }
        let mut done = 0;
        while done < bytes.len() {
            let want = (bytes.len() - done).min(PIECE);
            let n = f.read(&mut buf[..want])?;
            if n == 0 || buf[..n] != bytes[done..done + n] {
                return Ok(false);
            }
            done += n;
        }
        Ok(true)
    })
}

/// Writes `bytes` to `path` in a working folder this build made empty: the file is
/// created, never opened if it exists (nor through a link); if something is there after
/// all, it is written as [`write_if_changed`] writes. One system call fewer per file than
/// looking first, for the thousands of files of a fresh build. Returns the file's
/// metadata after the write, as [`write_if_changed`] does.
pub(super) fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<fs::Metadata> {
    use std::io::Write;
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    match options.open(path) {
        Ok(mut f) => {
            f.write_all(bytes)?;
            f.metadata()
        }
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

/// Relative paths of files and of folders, kept in the walk's one text (each path marked
/// with its kind and followed by a NUL, which no path holds): at 100,000 files, one
/// `String` each took twice the memory, in 100,000 pieces.
#[derive(Debug, Default)]
pub(super) struct Listing(Found);

impl Listing {
    /// The files' (and links') paths, in the order of the walk.
    pub(super) fn iter(&self) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(|&(_, kind)| kind != Kind::Folder)
            .map(|(rel, _)| rel)
    }

    /// The folders' paths (not the root's), in the order of the walk.
    pub(super) fn folders(&self) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(|&(_, kind)| kind == Kind::Folder)
            .map(|(rel, _)| rel)
    }
}

/// The files (and links) under `root`, and its folders, relative, with `/` separators;
/// `None` if any entry could not be read, or a name is not UTF-8 (its path here could not
/// name it: it could not be removed by this listing's path, nor recorded). Links are
/// listed, never followed. The walk's own text is kept (not copied into one text per
/// kind: at 100,000 pages the copy was 7 MB more while the pages render).
pub(super) fn list_files(root: &Path) -> Option<Listing> {
    walk(root, true).ok().map(Listing)
}

/// The symbolic links under `dir` (not followed), relative to `dir`: the first `max` in
/// the order of the walk.
pub(super) fn links_in(dir: &Path, max: usize) -> Vec<String> {
    // A folder that cannot be read is passed over, as before: this only looks for links.
    let Ok(found) = walk(dir, false) else {
        return Vec::new();
    };
    found
        .iter()
        .filter(|&(_, kind)| kind == Kind::Link)
        .take(max)
        .map(|(rel, _)| rel.to_string())
        .collect()
}

/// What [`walk`] found, in one text: for each entry, `l` (a symbolic link), `d` (a folder,
/// before what it holds) or `f` (anything else), its relative path, a NUL.
#[derive(Debug, Default)]
struct Found(String);

/// What an entry [`walk`] found is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Link,
    Folder,
}

impl Found {
    fn push(&mut self, rel: &str, kind: Kind) {
        self.0.push(match kind {
            Kind::File => 'f',
            Kind::Link => 'l',
            Kind::Folder => 'd',
        });
        self.0.push_str(rel);
        self.0.push('\0');
    }

    /// Each entry's relative path and kind, in the order of the walk.
    fn iter(&self) -> impl Iterator<Item = (&str, Kind)> {
        self.0.split_terminator('\0').map(|e| {
            let kind = match e.as_bytes()[0] {
                b'l' => Kind::Link,
                b'd' => Kind::Folder,
                _ => Kind::File,
            };
            (&e[1..], kind)
        })
    }
}

/// Everything under `root` but its folders, with relative paths (`/` separators) in
/// depth-first order, each folder's entries in the order the file system lists them;
/// links are never followed. With `strict`, the first entry or folder that cannot be read,
/// and the first name that is not UTF-8, is an error; otherwise it is passed over (and a
/// name that is not UTF-8 is given with `U+FFFD` in its place).
///
/// Each folder is opened relative to its parent's open handle and read with `getdents`
/// alone (`walkdir`, through the C library's `opendir`, looked up the whole path and
/// made two more system calls per folder): the output holds a folder per page. A
/// folder's sub-folders are walked in parallel on the current rayon pool (the build's
/// scan runs it on a pool of I/O threads, `fsutil::io_pool`): with the folders not in
/// the page cache, one thread walked the 100,000 folders of a big site's output in
/// 10-12 s, waiting on the disk for one folder at a time.
#[cfg(unix)]
fn walk(root: &Path, strict: bool) -> std::io::Result<Found> {
    use rustix::fs::{CWD, Mode, openat};
    let mut found = Found::default();
    walk_in(
        openat(CWD, root, DIR_FLAGS, Mode::empty())?,
        "",
        strict,
        &mut found,
    )?;
    Ok(found)
}

/// How [`walk`] opens a folder: never through a link.
#[cfg(unix)]
pub(super) const DIR_FLAGS: rustix::fs::OFlags = rustix::fs::OFlags::RDONLY
    .union(rustix::fs::OFlags::DIRECTORY)
    .union(rustix::fs::OFlags::NOFOLLOW)
    .union(rustix::fs::OFlags::CLOEXEC);

/// [`walk`] of the open folder `fd`, whose entries' relative paths start with `prefix`.
#[cfg(unix)]
fn walk_in(
    fd: rustix::fd::OwnedFd,
    prefix: &str,
    strict: bool,
    found: &mut Found,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    use rustix::fs::{AtFlags, Dir, FileType, Mode, openat, statat};
    let mut dir = match Dir::new(fd) {
        Ok(d) => d,
        Err(e) if strict => return Err(e.into()),
        Err(_) => return Ok(()),
    };
    // The folder's entries first (name, is a folder, is a link), then its sub-folders.
    let mut entries = Vec::new();
    while let Some(entry) = dir.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) if strict => return Err(e.into()),
            Err(_) => break,
        };
        let name = entry.file_name();
        if name.to_bytes() == b"." || name.to_bytes() == b".." {
            continue;
        }
        // A strict listing's paths must name their entries (`list_files`).
        if strict && name.to_str().is_err() {
            return Err(std::io::ErrorKind::InvalidData.into());
        }
        let mut kind = entry.file_type();
        if kind == FileType::Unknown {
            // A file system that does not say in its listing: asked, never followed.
            kind = match statat(dir.fd()?, name, AtFlags::SYMLINK_NOFOLLOW) {
                Ok(st) => FileType::from_raw_mode(st.st_mode),
                Err(e) if strict => return Err(e.into()),
                Err(_) => continue,
            };
        }
        entries.push((
            name.to_owned(),
            kind == FileType::Directory,
            kind == FileType::Symlink,
        ));
    }
    let rel = |name: &std::ffi::CStr| format!("{prefix}{}", name.to_string_lossy());
    if !entries.iter().any(|&(_, folder, _)| folder) {
        for (name, _, link) in &entries {
            found.push(&rel(name), if *link { Kind::Link } else { Kind::File });
        }
        return Ok(());
    }
    let fd = dir.fd()?;
    let parts = entries
        .par_iter()
        .map(|(name, folder, link)| {
            let mut part = Found::default();
            if !folder {
                part.push(&rel(name), if *link { Kind::Link } else { Kind::File });
                return Ok(part);
            }
            part.push(&rel(name), Kind::Folder);
            match openat(fd, name.as_c_str(), DIR_FLAGS, Mode::empty()) {
                Ok(child) => walk_in(child, &(rel(name) + "/"), strict, &mut part)?,
                Err(e) if strict => return Err(e.into()),
                Err(_) => {}
            }
            Ok(part)
        })
        .collect::<std::io::Result<Vec<Found>>>()?;
    for part in parts {
        found.0.push_str(&part.0);
    }
    Ok(())
}

/// [`walk`] where there is no `getdents`: through `walkdir`.
#[cfg(not(unix))]
fn walk(root: &Path, strict: bool) -> std::io::Result<Found> {
    let mut found = Found::default();
    for e in walkdir::WalkDir::new(root).min_depth(1) {
        let e = match e {
            Ok(e) => e,
            Err(e) if strict => return Err(e.into()),
            Err(_) => continue,
        };
        let kind = if e.file_type().is_dir() {
            Kind::Folder
        } else if e.path_is_symlink() {
            Kind::Link
        } else {
            Kind::File
        };
        let rel = e
            .path()
            .strip_prefix(root)
            .unwrap_or(e.path())
            .to_string_lossy();
        found.push(&rel.replace('\\', "/"), kind);
    }
    Ok(found)
}

/// Removes the files of `stale` (listed before the build, never written by it), the
/// folders of `stale_folders` (listed before the build, none of the new site's on their
/// way) that are empty then, such as a folder the clinic made by hand in the output, and
/// the folders that leaves empty. Only what was there before can be stale: everything
/// since was written.
///
/// Returns the folders it removed, relative to `root` (`/` separators).
pub(super) fn remove_listed<'a>(
    root: &Path,
    stale: impl Iterator<Item = &'a str>,
    stale_folders: impl Iterator<Item = &'a str>,
) -> Result<FxHashSet<String>> {
    let mut emptied: Vec<PathBuf> = stale_folders.map(|f| root.join(f)).collect();
    for rel in stale {
        let path = root.join(rel);
        match fs::remove_file(&path) {
            Ok(()) => emptied.extend(path.parent().map(Path::to_path_buf)),
            // Already replaced by a folder of the new site, or removed with one; or a
            // folder on its path is now a file of the new site (`a/index.html` listed,
            // `a` written as a file since), so it cannot be there.
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) => {}
            Err(_) if path.is_dir() => {}
            Err(e) => {
                return Err(e).with_context(|| format!("failed to remove `{}`", path.display()));
            }
        }
    }
    // Deepest first, then up while folders are left empty.
    emptied.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
    emptied.dedup();
    let mut removed = FxHashSet::default();
    for mut dir in emptied {
        while dir != root && dir.starts_with(root) && fs::remove_dir(&dir).is_ok() {
            if let Ok(rel) = dir.strip_prefix(root) {
                removed.insert(rel.to_string_lossy().replace('\\', "/"));
            }
            if !dir.pop() {
                break;
            }
        }
    }
    Ok(removed)
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
