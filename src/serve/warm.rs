//! A quick start for `sinew serve`: the site it last built, kept in one file in the
//! hidden folder `.sinew-serve/` of the site, with a fingerprint of every input.
//!
//! At start, when the fingerprint of the sources as they are now matches the stored
//! one, the server answers from the stored file at once (reading only the files asked
//! for) while the site is built in the background; anything else (a changed file, a
//! damaged or partial store, another sinew binary) and the server builds first, as
//! without it. The store is only ever written whole, under a temporary name renamed over
//! the old one, and every part of it is checked when read: its length, a hash of its
//! index, and each file's own hash when the file is served.
//!
//! Layout: `MAGIC`, then five little-endian `u64`s (the fingerprint, the index's length,
//! the index's hash, the data's length, and a zero kept for later use),
//! then the index (base path, title, page count, then per file its path, kind, offset
//! and length in the data, and hash), then the data.

mod sources;

pub use sources::{Sources, fingerprint};

use crate::render::Body;
use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The hidden folder, in the site's root, that holds the store.
pub const DIR: &str = ".sinew-serve";
/// The store's file name in [`DIR`].
pub const FILE: &str = "snapshot";
/// The first bytes of a store; a new layout gets a new number.
const MAGIC: &[u8; 8] = b"SINEWS01";
/// Bytes before the index: the magic and five `u64`s.
const HEAD: u64 = 8 + 5 * 8;

/// What a stored file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Bytes kept in the store.
    Bytes = 0,
    /// A source file published by copying: the store keeps its path, and it is read
    /// from there when asked for, as the live site does.
    Copied = 1,
    /// Bytes of the site search's index, made apart from the pages.
    Search = 2,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    kind: Kind,
    offset: u64,
    len: u64,
    hash: u64,
}

/// A stored file that is damaged (its hash differs) or cannot be read: nothing of the
/// store is trusted after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Damaged;

/// A store opened for serving: its index in memory, the data read on demand.
#[derive(Debug)]
pub struct Stored {
    file: File,
    data_start: u64,
    /// The path the site is published under.
    pub base: String,
    /// The site's title.
    pub title: String,
    /// Number of pages.
    pub pages: usize,
    entries: HashMap<String, Entry>,
}

fn hash_bytes(b: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    b.hash(&mut h);
    h.finish()
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u64).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// Writes `files` (the whole served site; `search` names the search index's files among
/// them) as the store of `root`, for `fingerprint`: under a temporary name first, then
/// renamed over the old store, so a store is whole or absent.
///
/// `abandon` is asked as it goes (between files, and before the file is synced to disk):
/// once it says yes, nothing more is written, the temporary file is removed, the old
/// store stays, and the error is [`io::ErrorKind::Interrupted`]. `sinew serve` abandons
/// a store as soon as a save arrives: the sources no longer match it, and its writing
/// (about 100 MB at 10,000 pages) would only compete with the save.
#[allow(clippy::too_many_arguments)]
pub fn save(
    root: &Path,
    fingerprint: u64,
    base: &str,
    title: &str,
    pages: usize,
    files: &HashMap<Arc<str>, Arc<Body>>,
    search: &[String],
    abandon: &dyn Fn() -> bool,
) -> io::Result<()> {
    let abandoned = || io::Error::new(io::ErrorKind::Interrupted, "abandoned");
    let search: HashSet<&str> = search.iter().map(String::as_str).collect();
    let mut keys: Vec<&Arc<str>> = files.keys().collect();
    keys.sort();
    let mut index = Vec::new();
    put_str(&mut index, base);
    put_str(&mut index, title);
    index.extend_from_slice(&(pages as u64).to_le_bytes());
    index.extend_from_slice(&(keys.len() as u64).to_le_bytes());
    let mut offset = 0u64;
    let mut data: Vec<&[u8]> = Vec::with_capacity(keys.len());
    let mut paths = Vec::new();
    for k in &keys {
        if abandon() {
            return Err(abandoned());
        }
        let (kind, bytes): (Kind, &[u8]) = match &*files[*k] {
            Body::Bytes(b) if search.contains(&k[..]) => (Kind::Search, b),
            Body::Bytes(b) => (Kind::Bytes, b),
            Body::Builtin(b) => (Kind::Bytes, b),
            Body::File(p) => {
                let p = p
                    .to_str()
                    .ok_or_else(|| io::Error::other("a path is not UTF-8"))?;
                paths.push(p);
                (Kind::Copied, p.as_bytes())
            }
        };
        put_str(&mut index, k);
        index.push(kind as u8);
        index.extend_from_slice(&offset.to_le_bytes());
        index.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        index.extend_from_slice(&hash_bytes(bytes).to_le_bytes());
        offset += bytes.len() as u64;
        data.push(bytes);
    }
    let dir = root.join(DIR);
    fs::create_dir_all(&dir)?;
    let tmp = dir.join(format!("{FILE}.tmp-{}", std::process::id()));
    let written = (|| {
        let mut w = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
        w.write_all(MAGIC)?;
        for n in [
            fingerprint,
            index.len() as u64,
            hash_bytes(&index),
            offset,
            0,
        ] {
            w.write_all(&n.to_le_bytes())?;
        }
        w.write_all(&index)?;
        for d in data {
            if abandon() {
                return Err(abandoned());
            }
            w.write_all(d)?;
        }
        let f = w.into_inner().map_err(|e| e.into_error())?;
        if abandon() {
            return Err(abandoned());
        }
        f.sync_all()
    })();
    match written {
        Ok(()) => fs::rename(&tmp, dir.join(FILE)),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Reads fixed-size fields off the front of a byte slice.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn u64(&mut self) -> Option<u64> {
        let (n, rest) = self.0.split_first_chunk::<8>()?;
        self.0 = rest;
        Some(u64::from_le_bytes(*n))
    }
    fn u8(&mut self) -> Option<u8> {
        let (n, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*n)
    }
    fn str(&mut self) -> Option<String> {
        let len = usize::try_from(self.u64()?).ok()?;
        if len > self.0.len() {
            return None;
        }
        let (s, rest) = self.0.split_at(len);
        self.0 = rest;
        String::from_utf8(s.to_vec()).ok()
    }
}

impl Stored {
    /// The store of `root` if it was made for `fingerprint` and is whole; `None`
    /// otherwise (missing, another fingerprint, cut short or damaged).
    pub fn open(root: &Path, fingerprint: u64) -> Option<Stored> {
        let file = File::open(root.join(DIR).join(FILE)).ok()?;
        let total = file.metadata().ok()?.len();
        let mut head = [0u8; HEAD as usize];
        read_at(&file, &mut head, 0).ok()?;
        if &head[..8] != MAGIC {
            return None;
        }
        let mut r = Reader(&head[8..]);
        let (stored_fp, index_len, index_hash, data_len) = (r.u64()?, r.u64()?, r.u64()?, r.u64()?);
        if stored_fp != fingerprint || HEAD.checked_add(index_len)?.checked_add(data_len)? != total
        {
            return None;
        }
        let mut index = vec![0u8; usize::try_from(index_len).ok()?];
        read_at(&file, &mut index, HEAD).ok()?;
        if hash_bytes(&index) != index_hash {
            return None;
        }
        let mut r = Reader(&index);
        let (base, title) = (r.str()?, r.str()?);
        let pages = usize::try_from(r.u64()?).ok()?;
        let count = r.u64()?;
        let mut entries = HashMap::new();
        for _ in 0..count {
            let path = r.str()?;
            let kind = match r.u8()? {
                0 => Kind::Bytes,
                1 => Kind::Copied,
                2 => Kind::Search,
                _ => return None,
            };
            let (offset, len, hash) = (r.u64()?, r.u64()?, r.u64()?);
            if offset.checked_add(len)? > data_len {
                return None;
            }
            entries.insert(
                path,
                Entry {
                    kind,
                    offset,
                    len,
                    hash,
                },
            );
        }
        if !r.0.is_empty() {
            return None;
        }
        Some(Stored {
            file,
            data_start: HEAD + index_len,
            base,
            title,
            pages,
            entries,
        })
    }

    /// Whether the stored site has a file at output path `key`.
    pub fn contains(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// The file at output path `key`, read and checked. `Err` when it is there but
    /// damaged (or cannot be read): then nothing stored should be trusted any more.
    pub fn body(&self, key: &str) -> Result<Option<Body>, Damaged> {
        let Some(e) = self.entries.get(key) else {
            return Ok(None);
        };
        let mut buf = vec![0u8; usize::try_from(e.len).map_err(|_| Damaged)?];
        read_at(&self.file, &mut buf, self.data_start + e.offset).map_err(|_| Damaged)?;
        if hash_bytes(&buf) != e.hash {
            return Err(Damaged);
        }
        Ok(Some(match e.kind {
            Kind::Copied => Body::File(PathBuf::from(String::from_utf8(buf).map_err(|_| Damaged)?)),
            Kind::Bytes | Kind::Search => Body::Bytes(buf),
        }))
    }

    /// The site search's files, read and checked (`None` if any is damaged).
    pub fn search_files(&self) -> Option<Vec<(String, Arc<Body>)>> {
        let mut out = Vec::new();
        for (k, e) in &self.entries {
            if e.kind == Kind::Search {
                out.push((k.clone(), Arc::new(self.body(k).ok()??)));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Some(out)
    }
}

#[cfg(unix)]
fn read_at(f: &File, buf: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(f, buf, at)
}

#[cfg(windows)]
fn read_at(f: &File, mut buf: &mut [u8], mut at: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match f.seek_read(buf, at)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                at += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> HashMap<Arc<str>, Arc<Body>> {
        let mut files = HashMap::new();
        files.insert(
            "index.html".into(),
            Arc::new(Body::Bytes(b"<p>home</p>".to_vec())),
        );
        files.insert("theme.css".into(), Arc::new(Body::Builtin(b"body{}")));
        files.insert(
            "a.pdf".into(),
            Arc::new(Body::File("/s/content/a.pdf".into())),
        );
        files.insert("pagefind/x.pf".into(), Arc::new(Body::Bytes(vec![1, 2, 3])));
        files
    }

    fn bytes(b: &Body) -> Vec<u8> {
        match b {
            Body::Bytes(b) => b.clone(),
            Body::Builtin(b) => b.to_vec(),
            Body::File(p) => p.to_str().unwrap().as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_store_gives_back_every_file_for_its_fingerprint_only() {
        let d = tempfile::tempdir().unwrap();
        let files = site();
        save(
            d.path(),
            7,
            "/p/",
            "Clinic",
            1,
            &files,
            &["pagefind/x.pf".into()],
            &|| false,
        )
        .unwrap();
        assert!(Stored::open(d.path(), 8).is_none());
        let s = Stored::open(d.path(), 7).unwrap();
        assert_eq!(
            (s.base.as_str(), s.title.as_str(), s.pages),
            ("/p/", "Clinic", 1)
        );
        for (k, b) in &files {
            assert_eq!(bytes(&s.body(k).unwrap().unwrap()), bytes(b), "{k}");
        }
        assert!(matches!(s.body("a.pdf"), Ok(Some(Body::File(_)))));
        assert!(s.body("missing.html").unwrap().is_none());
        let search = s.search_files().unwrap();
        assert_eq!(search.len(), 1);
        assert_eq!(search[0].0, "pagefind/x.pf");
    }

    #[test]
    fn an_abandoned_store_leaves_the_old_one_and_no_temporary_file() {
        let d = tempfile::tempdir().unwrap();
        save(d.path(), 7, "/", "Clinic", 1, &site(), &[], &|| false).unwrap();
        // Abandoned at each point it is asked: the first file, a later one, the sync.
        for after in 0..6 {
            let asked = std::cell::Cell::new(0);
            let abandon = || {
                asked.set(asked.get() + 1);
                asked.get() > after
            };
            let err = save(d.path(), 8, "/", "Other", 2, &site(), &[], &abandon).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::Interrupted, "after {after}");
            assert!(Stored::open(d.path(), 8).is_none(), "after {after}");
            let kept = Stored::open(d.path(), 7).expect("the old store stays");
            assert_eq!(kept.title, "Clinic");
            let names: Vec<_> = fs::read_dir(d.path().join(DIR))
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert_eq!(names, [FILE], "after {after}");
        }
    }

    #[test]
    fn a_damaged_or_partial_store_is_never_used() {
        let d = tempfile::tempdir().unwrap();
        save(d.path(), 7, "/", "Clinic", 1, &site(), &[], &|| false).unwrap();
        let path = d.path().join(DIR).join(FILE);
        let good = fs::read(&path).unwrap();
        // Cut short anywhere: refused at open.
        for cut in [0, 5, HEAD as usize, good.len() / 2, good.len() - 1] {
            fs::write(&path, &good[..cut]).unwrap();
            assert!(Stored::open(d.path(), 7).is_none(), "cut at {cut}");
        }
        // A byte of the index changed: refused at open.
        let mut bad = good.clone();
        bad[HEAD as usize + 3] ^= 1;
        fs::write(&path, &bad).unwrap();
        assert!(Stored::open(d.path(), 7).is_none());
        // A byte of a file's data changed: that file is refused when read.
        let mut bad = good.clone();
        let at = bad.windows(4).position(|w| w == b"home").unwrap();
        bad[at] ^= 1;
        fs::write(&path, &bad).unwrap();
        let s = Stored::open(d.path(), 7).unwrap();
        assert!(s.body("index.html").is_err());
        assert!(s.body("theme.css").unwrap().is_some());
    }
}
