//! The folders a build leaves in its working folder, recorded with its manifest of stamps,
//! so that the next build can look for symbolic links inside the output (that folder,
//! after the swap) without reading every folder of it again.
//!
//! Adding, removing or renaming an entry of a folder moves the folder's change time
//! (`ctime`), which no program can set back. So a recorded folder whose change time is
//! clearly older than the manifest ([`super::stamps::settled`]) holds what it held when the
//! manifest was saved: sinew's own files and the recorded folders inside it, and no link
//! (the build removed every link from its working folder). Only such a folder's recorded
//! sub-folders need looking at, one `lstat` each; any other folder is read whole, as
//! before. This is the idea of git's untracked cache (a folder's listing kept with its
//! stat data). The output's top folder is always read: the swap that published it changed
//! it. At 100,000 pages this replaces reading 100,000 folders (opening each, `getdents`,
//! one disk read each when they are not cached) by one `lstat` of each (their inodes, read
//! many at a time): bench/RESULTS.md, "thirteenth pass".
//!
//! What it cannot see: a folder made, or a link put, by hand inside the hidden working
//! folder *while a build runs*, after its listing (the build is not told of it, and the
//! folder holding it may look settled by the next build), and a clock set back by more than [`super::stamps::RACY_MARGIN_NS`] between
//! two builds unless the manifest then looks saved in the future (then nothing recorded is
//! trusted). Either way the cost is the one the links check is there to prevent: a link
//! put inside the output by hand is left out of the new site without a word.

use rustc_hash::FxHashMap;
#[cfg(unix)]
use std::ffi::CString;
use std::path::Path;

/// The folders a manifest recorded, and the time it was saved.
#[derive(Debug)]
pub(in crate::output) struct Recorded {
    /// Each folder's path relative to the working folder (`/` separators), each followed
    /// by a NUL, each once, in no order; never the top folder itself.
    text: String,
    /// When the manifest was saved, on its file system's clock (nanoseconds since 1970).
    reference_ns: i64,
}

impl Recorded {
    /// The recorded folders in `text` (as [`record`] made it), saved at `reference_ns`;
    /// `None` if the text is not UTF-8 or the manifest was saved later than now by more
    /// than the racy margin (the clock was set back since: no change time can be trusted).
    pub(in crate::output) fn new(text: Vec<u8>, reference_ns: i64) -> Option<Recorded> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .and_then(|d| i64::try_from(d.as_nanos()).ok())?;
        // Tests that shift the manifests' reference time shift the clock alike.
        #[cfg(test)]
        let now = now + super::stamps::SHIFT.get();
        if reference_ns > now.saturating_add(super::stamps::RACY_MARGIN_NS) {
            return None;
        }
        Some(Recorded {
            text: String::from_utf8(text).ok()?,
            reference_ns,
        })
    }

    /// The recorded folders' paths, sorted.
    #[cfg(test)]
    pub(in crate::output) fn paths(&self) -> Vec<&str> {
        let mut all: Vec<&str> = self.text.split_terminator('\0').collect();
        all.sort_unstable();
        all
    }
}

/// Whether the change times of folders on the file system holding `dir` can be trusted as
/// this module does: only Linux's local disk file systems (ext2/3/4, XFS, Btrfs, F2FS,
/// ZFS, tmpfs), whose folders' change times move with every entry added, removed or
/// renamed and are read fresh. Elsewhere every folder is read: an NFS client caches a
/// folder's attributes for up to a minute, so a link made from another machine could look
/// settled; some FUSE file systems report other times as the change time; overlayfs (a
/// container's own files) copies folders up between layers.
pub(in crate::output) fn trusted_file_system(dir: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        // Their `statfs` magic numbers (Linux's `linux/magic.h`; ZFS's from OpenZFS).
        const LOCAL: [u64; 6] = [
            0xEF53,      // ext2, ext3, ext4
            0x5846_5342, // XFS
            0x9123_683E, // Btrfs
            0xF2F5_2010, // F2FS
            0x2FC1_2FC1, // ZFS
            0x0102_1994, // tmpfs
        ];
        rustix::fs::statfs(dir).is_ok_and(|fs| LOCAL.contains(&(fs.f_type as u64)))
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        false
    }
}

/// The text of the folders `folders` (relative paths, each once, any order) for a
/// manifest: each followed by a NUL. Not sorted here: the commit that makes it is on the
/// way of the swap, the next build's look for links sorts what it needs on a thread of its
/// own (100,000 folders' paths took about 20 ms to sort).
pub(in crate::output) fn record<'a>(folders: impl Iterator<Item = &'a str>) -> String {
    let mut text = String::new();
    for f in folders.filter(|f| !f.is_empty()) {
        text.push_str(f);
        text.push('\0');
    }
    text
}

/// The recorded folders by their parent: each folder's recorded sub-folders' names,
/// sorted.
struct Index<'a> {
    children: FxHashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Index<'a> {
    fn new(text: &'a str) -> Index<'a> {
        let mut children: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
        for path in text.split_terminator('\0') {
            let (parent, name) = path.rsplit_once('/').unwrap_or(("", path));
            children.entry(parent).or_default().push(name);
        }
        for names in children.values_mut() {
            names.sort_unstable();
            names.dedup();
        }
        Index { children }
    }

    /// The recorded sub-folders of `folder` ("" for the top folder).
    fn children(&self, folder: &str) -> &[&'a str] {
        self.children.get(folder).map_or(&[], Vec::as_slice)
    }

    fn has(&self, folder: &str, name: &str) -> bool {
        self.children(folder).binary_search(&name).is_ok()
    }
}

/// The symbolic links under `root` (not followed), relative to it: the first `max` found,
/// looking into recorded folders only as far as their change times require (see the
/// module's text). A folder that cannot be read is passed over.
#[cfg(unix)]
pub(in crate::output) fn links_in(root: &Path, max: usize, recorded: &Recorded) -> Vec<String> {
    use rustix::fs::{CWD, Mode, openat};
    let Ok(fd) = openat(CWD, root, super::tree::DIR_FLAGS, Mode::empty()) else {
        return Vec::new();
    };
    let look = Look {
        index: Index::new(&recorded.text),
        reference_ns: recorded.reference_ns,
    };
    let mut found = look.folder(&fd, "", false, true);
    found.truncate(max);
    found
}

/// Without a change time that no program can set, every folder is read.
#[cfg(not(unix))]
pub(in crate::output) fn links_in(root: &Path, max: usize, _recorded: &Recorded) -> Vec<String> {
    super::tree::links_in(root, max)
}

#[cfg(unix)]
struct Look<'a> {
    index: Index<'a>,
    reference_ns: i64,
}

#[cfg(unix)]
impl Look<'_> {
    /// The links inside the open folder `fd`, whose path is `rel` ("" for the top
    /// folder); `settled` if it is recorded and unchanged since the manifest was saved.
    /// `named` says `rel` names the folder exactly: no name on its way is other than
    /// UTF-8 (`rel` holds `U+FFFD` in the place of such a name, which could then match a
    /// recorded folder it is not); below such a name nothing is taken as recorded.
    fn folder(
        &self,
        fd: &rustix::fd::OwnedFd,
        rel: &str,
        settled: bool,
        named: bool,
    ) -> Vec<String> {
        use rayon::prelude::*;
        use rustix::fs::{AtFlags, Dir, FileType, statat};
        let path = |name: &str| {
            if rel.is_empty() {
                name.to_string()
            } else {
                format!("{rel}/{name}")
            }
        };
        // (name, as text, what it is if the listing said)
        let names: Vec<(CString, String, Option<FileType>)> = if settled {
            self.index
                .children(rel)
                .iter()
                // Never the folder itself or its parent: a damaged or forged manifest
                // must not lead the look out of the output.
                .filter(|n| !matches!(**n, "" | "." | ".."))
                .filter_map(|n| Some((CString::new(*n).ok()?, n.to_string(), None)))
                .collect()
        } else {
            let Ok(mut dir) =
                rustix::fs::openat(fd, c".", super::tree::DIR_FLAGS, rustix::fs::Mode::empty())
                    .and_then(Dir::new)
            else {
                return Vec::new();
            };
            let mut names = Vec::new();
            while let Some(Ok(entry)) = dir.next() {
                let name = entry.file_name().to_bytes();
                if name == b"." || name == b".." {
                    continue;
                }
                let kind = entry.file_type();
                // An ordinary file is no link and holds nothing.
                if kind == FileType::RegularFile {
                    continue;
                }
                names.push((
                    entry.file_name().to_owned(),
                    String::from_utf8_lossy(name).into_owned(),
                    (kind != FileType::Unknown).then_some(kind),
                ));
            }
            names
        };
        let parts: Vec<Vec<String>> = names
            .par_iter()
            .map(|(c_name, name, kind)| {
                let child = path(name);
                let named = named && c_name.to_str().is_ok();
                let recorded = settled || (named && self.index.has(rel, name));
                // The kind from the listing, or from an `lstat`, which a recorded folder
                // needs anyway for its change time.
                let stat = if recorded || kind.is_none() {
                    statat(fd, c_name.as_c_str(), AtFlags::SYMLINK_NOFOLLOW).ok()
                } else {
                    None
                };
                let kind = match (&stat, kind) {
                    (Some(st), _) => FileType::from_raw_mode(st.st_mode),
                    (None, Some(kind)) => *kind,
                    (None, None) => return Vec::new(),
                };
                if kind == FileType::Symlink {
                    return vec![child];
                }
                if kind != FileType::Directory {
                    return Vec::new();
                }
                let unchanged = recorded
                    && stat.as_ref().is_some_and(|st| {
                        let ctime = st
                            .st_ctime
                            .saturating_mul(1_000_000_000)
                            .saturating_add(st.st_ctime_nsec as i64);
                        super::stamps::settled(ctime, self.reference_ns)
                    });
                // Unchanged, with no recorded folder inside: nothing in it to look at.
                if unchanged && self.index.children(&child).is_empty() {
                    return Vec::new();
                }
                match rustix::fs::openat(
                    fd,
                    c_name.as_c_str(),
                    super::tree::DIR_FLAGS,
                    rustix::fs::Mode::empty(),
                ) {
                    Ok(sub) => self.folder(&sub, &child, unchanged, named),
                    Err(_) => Vec::new(),
                }
            })
            .collect();
        parts.into_iter().flatten().collect()
    }
}
