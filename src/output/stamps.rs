//! Stamps: what a build knows of the files it left in a working folder, saved beside it so
//! that the next build into that folder can tell an unchanged file by one `lstat` of its
//! path, without opening it or reading it back (the idea of git's index for the work tree).
//!
//! A manifest holds, for each file, a 64-bit hash of its relative path, a 64-bit hash of
//! its metadata after sinew wrote it or found it unchanged (inode, size, modification and
//! change times to the nanosecond, link count, type; its *stamp*) and a 128-bit hash of its
//! bytes: 32 bytes a file. A file is taken as unchanged only when the new bytes hash to the
//! manifest's and its metadata now hashes to the manifest's stamp; anything else (no
//! manifest, no entry, a mismatch, a link, a file with several names) goes the exact way,
//! opening and comparing, so correctness never rests on the manifest:
//! - Any change to a file's bytes or metadata moves its change time (`ctime`), which no
//!   program can set back, so an edit made after the manifest was saved never matches.
//! - An entry whose change time is not clearly older than the manifest (within
//!   [`RACY_MARGIN`]) is left out: a change within the same tick of the file system's
//!   clock as sinew's own write would keep its times (git's "racily clean" files). The
//!   reference is the manifest file's own modification time, read from the same file
//!   system and clock as the stamps (a network file system's server clock included).
//! - The manifest names its folder (device and inode) and carries a checksum; one that is
//!   missing, truncated, corrupt or about another folder is ignored without a word.
//!
//! The two folders (the output and the working folder) swap on every build, so there are
//! two manifests, `.<out>.sinew-stamps-a` and `-b`, each naming the folder it describes.
//!
//! A manifest also records the folders the build left in its folder, with its reference
//! time (`folders::Recorded`): the next build looks for links inside the output, which
//! is that folder after the swap, through them (`folders::links_in`).

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

/// `.<out>` + this + `a` or `b`: the two manifests beside the output folder.
pub(super) use crate::fsutil::STAMPS_TAG;

const MAGIC: &[u8; 8] = b"sinewST2";
/// Magic, the folder's device and inode, the count of entries, the reference time, the
/// length of the folders' text (`NO_FOLDERS` when none were recorded).
const HEADER: usize = 8 + 8 + 8 + 8 + 8 + 8;
const NO_FOLDERS: u64 = u64::MAX;
const ENTRY: usize = 32;

/// How much older than the manifest a file's change time must be for its entry to be
/// trusted. Two seconds is the coarsest clock of a file system Linux writes (FAT's
/// modification times); on ext4, XFS or btrfs a tick is a few milliseconds. The cost is
/// small: only files written in the last two seconds before a manifest is saved are read
/// back once more, on the next build into that folder, whose manifest then trusts them.
pub(super) const RACY_MARGIN_NS: i64 = 2_000_000_000;

/// One file of a manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Entry {
    /// [`path_key`] of its path relative to the folder.
    pub(super) key: u64,
    /// [`stamp`] of its metadata.
    pub(super) stat: u64,
    /// 128-bit hash of its bytes ([`content`]).
    pub(super) content: u128,
}

/// A file written (or found unchanged) by this build: its entry and its change time, for
/// leaving out racy entries when the manifest is saved.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fresh {
    pub(super) entry: Entry,
    pub(super) ctime_ns: i64,
}

/// The key of the file at `rel` (relative to its folder, `/` separators). A fixed hash,
/// since manifests outlive the build; two paths sharing one cannot mislead, because the
/// entry's stamp holds the inode of the file it was made for.
pub(super) fn path_key(rel: &str) -> u64 {
    xxh3_64(rel.as_bytes())
}

/// The 128-bit hash of a file's bytes.
pub(super) fn content(bytes: &[u8]) -> u128 {
    xxh3_128(bytes)
}

/// The stamp of an ordinary file with one name, and its change time in nanoseconds;
/// `None` for anything else (a link, a folder, a file with several names), which is
/// never trusted by stamp.
#[cfg(unix)]
pub(super) fn stamp(m: &fs::Metadata) -> Option<(u64, i64)> {
    use std::os::unix::fs::MetadataExt;
    if !m.file_type().is_file() || m.nlink() != 1 {
        return None;
    }
    let fields: [u64; 9] = [
        m.dev(),
        m.ino(),
        m.size(),
        m.mtime() as u64,
        m.mtime_nsec() as u64,
        m.ctime() as u64,
        m.ctime_nsec() as u64,
        m.nlink(),
        u64::from(m.mode()),
    ];
    let mut bytes = [0u8; 72];
    for (i, f) in fields.iter().enumerate() {
        bytes[i * 8..i * 8 + 8].copy_from_slice(&f.to_le_bytes());
    }
    let ctime = m
        .ctime()
        .saturating_mul(1_000_000_000)
        .saturating_add(m.ctime_nsec());
    Some((xxh3_64(&bytes), ctime))
}

/// Without a change time that no program can set, nothing is trusted by stamp.
#[cfg(not(unix))]
pub(super) fn stamp(_m: &fs::Metadata) -> Option<(u64, i64)> {
    None
}

/// The identity of a folder (device and inode), to pair a manifest with it.
#[cfg(unix)]
pub(super) fn identity(dir: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let m = fs::symlink_metadata(dir).ok()?;
    m.is_dir().then(|| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
pub(super) fn identity(_dir: &Path) -> Option<(u64, u64)> {
    None
}

/// The two manifest files beside `out`.
pub(super) fn slots(out: &Path) -> [PathBuf; 2] {
    [
        super::swap::sibling(out, STAMPS_TAG, "a"),
        super::swap::sibling(out, STAMPS_TAG, "b"),
    ]
}

/// A loaded manifest: its entries sorted by key.
#[derive(Debug, Default)]
pub(super) struct Manifest {
    entries: Vec<Entry>,
}

impl Manifest {
    /// The entry for `key`, if any.
    pub(super) fn get(&self, key: u64) -> Option<&Entry> {
        self.entries
            .binary_search_by_key(&key, |e| e.key)
            .ok()
            .map(|i| &self.entries[i])
    }

    /// How many files it describes.
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }
}

/// Reads a manifest file (never through a link, never waiting on a pipe); `None` if it
/// cannot be read.
fn read(path: &Path) -> Option<Vec<u8>> {
    read_up_to(path, u64::MAX)
}

/// The folder a manifest file says it describes, from its header alone (not checked:
/// [`whole`] checks a manifest before any of it is used), so that the other slot's
/// file (megabytes at 100,000 pages) is not read for nothing.
fn named_in(path: &Path) -> Option<(u64, u64)> {
    let bytes = read_up_to(path, HEADER as u64)?;
    if bytes.len() < HEADER || &bytes[..8] != MAGIC {
        return None;
    }
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    Some((word(8), word(16)))
}

/// At most `limit` bytes of the file at `path` (never through a link, never waiting on a
/// pipe); `None` if it cannot be read.
fn read_up_to(path: &Path, limit: u64) -> Option<Vec<u8>> {
    let f = crate::fsutil::open_regular(
        path,
        fs::OpenOptions::new().read(true),
        crate::fsutil::Links::Refuse,
    )
    .ok()?;
    let mut bytes = Vec::new();
    f.take(limit).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// What the header of a whole manifest says.
struct Header {
    /// The folder it describes (device, inode).
    id: (u64, u64),
    count: usize,
    /// When it was saved, on its file system's clock (nanoseconds since 1970).
    reference_ns: i64,
    /// Where the recorded folders' text is, if any.
    folders: Option<std::ops::Range<usize>>,
}

/// The header of a manifest's bytes, if they are whole (length and checksum).
fn whole(bytes: &[u8]) -> Option<Header> {
    if bytes.len() < HEADER + 8 || &bytes[..8] != MAGIC {
        return None;
    }
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    let count = usize::try_from(word(24)).ok()?;
    let entries_end = count.checked_mul(ENTRY)?.checked_add(HEADER)?;
    let (folders, body) = match word(40) {
        NO_FOLDERS => (None, entries_end),
        n => {
            let end = entries_end.checked_add(usize::try_from(n).ok()?)?;
            (Some(entries_end..end), end)
        }
    };
    if bytes.len() != body.checked_add(8)? || xxh3_64(&bytes[..body]) != word(body) {
        return None;
    }
    Some(Header {
        id: (word(8), word(16)),
        count,
        reference_ns: word(32) as i64,
        folders,
    })
}

/// What [`load`] found beside the output.
pub(super) struct Loaded {
    /// The manifest of `work` (empty if none can be trusted).
    pub(super) work: Manifest,
    /// The slot the manifest of `work` is to be saved in at the end of the build: the one
    /// it came from, otherwise one that does not describe `out` (the folder that becomes
    /// the working folder of the next build).
    pub(super) slot: usize,
    /// Whether the manifest of `out` is there (its folders are read later, by
    /// [`out_folders`], so that their text is not held while the site is rendered).
    pub(super) out_described: bool,
}

/// Reads the manifests beside `out`: the one of `work`, and the folders recorded in the
/// one of `out`.
pub(super) fn load(out: &Path, work: &Path) -> Loaded {
    let mut loaded = Loaded {
        work: Manifest::default(),
        slot: 0,
        out_described: false,
    };
    let work_id = identity(work);
    let out_id = identity(out);
    let mut save_in = None;
    let mut work_in = None;
    for (i, slot) in slots(out).iter().enumerate() {
        // Only the manifest of `work` is read whole here; the one of `out` is read by
        // [`out_folders`] when the scan needs it.
        let named = named_in(slot);
        if work_id.is_some() && named == work_id && work_in.is_none() {
            let bytes = read(slot).unwrap_or_default();
            if let Some(h) = whole(&bytes).filter(|h| Some(h.id) == work_id) {
                loaded.work = parse(&bytes, h.count);
                work_in = Some(i);
                continue;
            }
        } else if out_id.is_some() && named == out_id {
            loaded.out_described = true;
            continue;
        }
        save_in.get_or_insert(i);
    }
    loaded.slot = work_in.or(save_in).unwrap_or(0);
    loaded
}

/// The text of the folders recorded in the manifest of `out` and its reference time (read
/// by `folders::Recorded::new`), if there is a whole manifest naming `out` that recorded
/// them.
pub(super) fn out_folders(out: &Path) -> Option<(Vec<u8>, i64)> {
    let out_id = identity(out)?;
    slots(out).iter().find_map(|slot| {
        if named_in(slot) != Some(out_id) {
            return None;
        }
        let mut bytes = read(slot)?;
        let h = whole(&bytes).filter(|h| h.id == out_id)?;
        let range = h.folders?;
        bytes.truncate(range.end);
        bytes.drain(..range.start);
        Some((bytes, h.reference_ns))
    })
}

/// The `count` entries of whole manifest bytes, sorted by key.
fn parse(bytes: &[u8], count: usize) -> Manifest {
    let mut entries = Vec::with_capacity(count);
    for e in bytes[HEADER..HEADER + count * ENTRY].chunks_exact(ENTRY) {
        entries.push(Entry {
            key: u64::from_le_bytes(e[..8].try_into().expect("8 bytes")),
            stat: u64::from_le_bytes(e[8..16].try_into().expect("8 bytes")),
            content: u128::from_le_bytes(e[16..32].try_into().expect("16 bytes")),
        });
    }
    // Saved sorted; sorted again in case, since lookups depend on it.
    if !entries.is_sorted_by_key(|e| e.key) {
        entries.sort_unstable_by_key(|e| e.key);
    }
    Manifest { entries }
}

/// The bytes of a manifest of the folder `id` holding `entries`, saved at `reference_ns`,
/// with the text of its recorded `folders` if any.
fn encode(
    id: (u64, u64),
    entries: &mut [Entry],
    reference_ns: i64,
    folders: Option<&[u8]>,
) -> Vec<u8> {
    entries.sort_unstable_by_key(|e| e.key);
    let extra = folders.map_or(0, <[u8]>::len);
    let mut bytes = Vec::with_capacity(HEADER + entries.len() * ENTRY + extra + 8);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&id.0.to_le_bytes());
    bytes.extend_from_slice(&id.1.to_le_bytes());
    bytes.extend_from_slice(&(entries.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&(reference_ns as u64).to_le_bytes());
    bytes.extend_from_slice(&folders.map_or(NO_FOLDERS, |f| f.len() as u64).to_le_bytes());
    for e in entries.iter() {
        bytes.extend_from_slice(&e.key.to_le_bytes());
        bytes.extend_from_slice(&e.stat.to_le_bytes());
        bytes.extend_from_slice(&e.content.to_le_bytes());
    }
    bytes.extend_from_slice(folders.unwrap_or_default());
    let sum = xxh3_64(&bytes);
    bytes.extend_from_slice(&sum.to_le_bytes());
    bytes
}

/// Whether an entry whose file changed at `ctime_ns` can be trusted in a manifest whose
/// reference time (the file system's clock when it was saved) is `reference_ns`.
pub(super) fn settled(ctime_ns: i64, reference_ns: i64) -> bool {
    ctime_ns.saturating_add(RACY_MARGIN_NS) < reference_ns
}

/// Saves the manifest of `work` (beside `out`, in slot `slot`) holding the `fresh` entries
/// that are settled, and the text of the folders `work` holds (`folders::record`; `None`
/// when they are not all known). Written to a temporary file and renamed over the slot, so
/// the slot holds a whole manifest or the previous one. A failure only costs the next
/// build its shortcut, so it is not an error.
pub(super) fn save(
    out: &Path,
    work: &Path,
    slot: usize,
    fresh: Vec<Fresh>,
    folders: Option<String>,
) {
    super::swap::trace("stamps");
    let target = &slots(out)[slot % 2];
    let Some(id) = identity(work) else {
        let _ = fs::remove_file(target);
        return;
    };
    let temp = super::swap::sibling(out, STAMPS_TAG, "new");
    let _ = fs::remove_file(&temp);
    let saved = (|| -> std::io::Result<()> {
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
        }
        let mut f = options.open(&temp)?;
        let reference = reference_time(&f.metadata()?);
        let mut entries: Vec<Entry> = fresh
            .into_iter()
            .filter(|f| settled(f.ctime_ns, reference))
            .map(|f| f.entry)
            .collect();
        f.write_all(&encode(
            id,
            &mut entries,
            reference,
            folders.as_deref().map(str::as_bytes),
        ))?;
        drop(f);
        fs::rename(&temp, target)
    })();
    if saved.is_err() {
        let _ = fs::remove_file(&temp);
        // Never leave the slot describing this folder as it was before the build.
        let _ = fs::remove_file(target);
    }
}

/// The moment a manifest is saved, on the clock of its file system: its file's
/// modification time when created, shifted in tests that need every entry settled.
fn reference_time(m: &fs::Metadata) -> i64 {
    #[cfg(unix)]
    let now = {
        use std::os::unix::fs::MetadataExt;
        m.mtime()
            .saturating_mul(1_000_000_000)
            .saturating_add(m.mtime_nsec())
    };
    #[cfg(not(unix))]
    let now = {
        let _ = m;
        0
    };
    #[cfg(test)]
    let now = now + SHIFT.get();
    now
}

#[cfg(test)]
thread_local! {
    /// Added to the reference time of manifests saved on this thread (tests only): files
    /// then look old enough to be trusted without waiting.
    pub(super) static SHIFT: std::cell::Cell<i64> = const { std::cell::Cell::new(0) };
}

/// The stamp and change time of the file at `path` if it is, by its metadata alone, the
/// one `entry` describes; `None` otherwise. One `lstat`, never following a link at the
/// path (the folders on the way were checked by `tree::make_dir`).
pub(super) fn unchanged(path: &Path, entry: &Entry) -> Option<(u64, i64)> {
    let m = fs::symlink_metadata(path).ok()?;
    stamp(&m).filter(|(stat, _)| *stat == entry.stat)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_and_anything_not_whole_is_refused() {
        let mut entries = vec![
            Entry {
                key: 9,
                stat: 1,
                content: 2,
            },
            Entry {
                key: 3,
                stat: 4,
                content: u128::MAX,
            },
        ];
        let bytes = encode((7, 8), &mut entries, 42, None);
        assert_eq!(bytes.len(), HEADER + 2 * ENTRY + 8);
        let h = whole(&bytes).unwrap();
        assert_eq!((h.id, h.count, h.reference_ns), ((7, 8), 2, 42));
        assert!(h.folders.is_none());
        let m = parse(&bytes, h.count);
        assert_eq!(m.len(), 2);
        assert_eq!(m.get(3).unwrap().content, u128::MAX);
        assert_eq!(m.get(9).unwrap().stat, 1);
        assert!(m.get(4).is_none());
        // With the folders recorded: they read back after the entries, and the entries
        // are the same.
        let with = encode((7, 8), &mut entries, -5, Some(b"a\0a/b\0".as_slice()));
        let h = whole(&with).unwrap();
        assert_eq!((h.id, h.count, h.reference_ns), ((7, 8), 2, -5));
        assert_eq!(&with[h.folders.unwrap()], b"a\0a/b\0");
        assert_eq!(parse(&with, 2).get(9).unwrap().stat, 1);
        for bytes in [bytes, with] {
            for cut in [0, 8, HEADER, bytes.len() - 1] {
                assert!(whole(&bytes[..cut]).is_none(), "cut at {cut}");
            }
            for at in [0, 9, 25, 33, 41, HEADER + 3, bytes.len() - 2] {
                let mut bad = bytes.clone();
                bad[at] ^= 0x10;
                assert!(whole(&bad).is_none(), "byte {at} flipped");
            }
            // A count or a length too large for memory is refused, not allocated.
            for field in [24, 40] {
                let mut huge = bytes.clone();
                huge[field..field + 8].copy_from_slice(&(u64::MAX - 1).to_le_bytes());
                assert!(whole(&huge).is_none());
            }
        }
    }

    #[test]
    fn only_entries_clearly_older_than_the_manifest_are_settled() {
        let s = 1_000_000_000;
        assert!(settled(10 * s, 13 * s));
        assert!(!settled(10 * s, 12 * s), "exactly the margin");
        assert!(!settled(10 * s, 11 * s));
        assert!(!settled(10 * s, 10 * s), "the same tick");
        assert!(!settled(11 * s, 10 * s), "a clock set back");
    }
}
