//! Texts a build makes early and uses once, late: each page's body HTML, and a big site's
//! Markdown bodies from loading until they are rendered. Kept in memory,
//! or, for a big site, in an unnamed temporary file (the kernel's page cache holds it,
//! and can write it out under memory pressure, where the build's own memory cannot be),
//! so that 100,000 pages' HTML is not all held by the process at once (issue 20).
//!
//! Any failure to write to the file keeps that text in memory instead: spilling only
//! saves memory, it never loses a text. A text that cannot be read back (a disk fault)
//! is reported once by [`Texts::failure`], and the build must then publish nothing.
//!
//! Each text is read back once, so the file is cut into chunks of [`CHUNK`] bytes, and a
//! chunk all of whose texts were read back is freed at once (a hole punched, on Linux):
//! its page-cache pages go back to the system while the build still runs, where the
//! output's files take them (bench/RESULTS.md, "ninth pass"). A fresh build's early
//! write-back (`output::flush`, a `syncfs` every 2,048 files) does write the chunks not yet
//! read to disk, and freeing them then waits for the disk's discards where the file system
//! is mounted with `discard` ("eleventh pass"): one reason the file is kept for big sites
//! only (`site::SPILL_ABOVE_PAGES`).

use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::Mutex;

/// The size of the pieces of a [`Spill`] freed once all their texts are read back.
const CHUNK: u64 = 1 << 20;

/// An unnamed temporary file that texts are appended to from several threads at once.
#[derive(Debug)]
pub struct Spill {
    file: File,
    /// Where the next text goes, and how many bytes of each chunk are still to be read.
    state: Mutex<Chunks>,
}

/// Where one text is in a [`Spill`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    at: u64,
    len: usize,
}

/// The bookkeeping of a [`Spill`]'s chunks, under one lock.
#[derive(Debug, Default)]
struct Chunks {
    /// Where the next text goes.
    end: u64,
    /// For each chunk, how many of its bytes were put and not yet read back.
    unread: Vec<u64>,
}

impl Chunks {
    /// Counts the `len` bytes at `at` as put, or (`put` false) as read back, in each chunk
    /// they touch. After a reading, gives the chunks among those that can be freed now:
    /// all their bytes read back, and complete (`end` past them, so no text can be put
    /// there any more). The render threads read in no set order, so any chunk is freed
    /// when it is done, not only the lowest.
    fn count(&mut self, at: u64, len: u64, put: bool) -> Option<(u64, u64)> {
        if len == 0 {
            return None;
        }
        let (first, last) = ((at / CHUNK) as usize, ((at + len - 1) / CHUNK) as usize);
        if self.unread.len() <= last {
            self.unread.resize(last + 1, 0);
        }
        for c in first..=last {
            let lo = at.max(c as u64 * CHUNK);
            let hi = (at + len).min((c as u64 + 1) * CHUNK);
            if put {
                self.unread[c] += hi - lo;
            } else {
                self.unread[c] -= hi - lo;
            }
        }
        if put {
            return None;
        }
        // The touched chunks in the middle are all this text's, so the freeable ones are
        // one run. A freed chunk is never touched again: all of it was put and read.
        let complete = (self.end / CHUNK) as usize;
        let done = |c: &usize| *c < complete && self.unread[*c] == 0;
        let from = (first..=last).find(done)?;
        let to = (from..=last).take_while(done).last()?;
        Some((from as u64 * CHUNK, (to - from + 1) as u64 * CHUNK))
    }
}

impl Spill {
    /// Makes the file in `dir` (on Linux an `O_TMPFILE`, which never has a name; elsewhere
    /// a file removed at once). It disappears when the `Spill` is dropped or the process ends.
    pub fn new_in(dir: &Path) -> io::Result<Spill> {
        Ok(Spill {
            file: tempfile::tempfile_in(dir)?,
            state: Mutex::default(),
        })
    }

    /// Appends `text`; safe to call from several threads at once.
    pub fn put(&self, text: &str) -> io::Result<Place> {
        let len = text.len();
        let at = {
            let mut state = self.state.lock().expect("no panics while holding the lock");
            let at = state.end;
            state.end += len as u64;
            // Counted before it is written, under the same lock as the place is taken:
            // no chunk it touches can be freed until it is read back.
            state.count(at, len as u64, true);
            at
        };
        write_at(&self.file, text.as_bytes(), at)?;
        Ok(Place { at, len })
    }

    /// Reads back the text put at `place`, once: a chunk whose texts are all read back is
    /// freed, so a second reading of a place may give other bytes.
    pub fn take(&self, place: Place) -> io::Result<String> {
        let mut buf = vec![0; place.len];
        let read = read_at(&self.file, &mut buf, place.at);
        let free = self
            .state
            .lock()
            .expect("no panics while holding the lock")
            .count(place.at, place.len as u64, false);
        if let Some((at, len)) = free {
            // Only gives space back: on an error the bytes stay where they were.
            free_range(&self.file, at, len);
        }
        read?;
        String::from_utf8(buf).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

/// Gives the file's pages over `at..at + len` back to the system (a hole, the size kept).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn free_range(f: &File, at: u64, len: u64) {
    use rustix::fs::FallocateFlags;
    let _ = rustix::fs::fallocate(
        f,
        FallocateFlags::PUNCH_HOLE | FallocateFlags::KEEP_SIZE,
        at,
        len,
    );
}

/// Elsewhere the file keeps its pages until it is dropped.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn free_range(_: &File, _: u64, _: u64) {}

#[cfg(unix)]
fn write_at(f: &File, buf: &[u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(f, buf, at)
}

#[cfg(unix)]
fn read_at(f: &File, buf: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(f, buf, at)
}

#[cfg(windows)]
fn write_at(f: &File, mut buf: &[u8], mut at: u64) -> io::Result<()> {
    while !buf.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_write(f, buf, at)?;
        if n == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        buf = &buf[n..];
        at += n as u64;
    }
    Ok(())
}

#[cfg(windows)]
fn read_at(f: &File, mut buf: &mut [u8], mut at: u64) -> io::Result<()> {
    while !buf.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_read(f, buf, at)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        buf = &mut buf[n..];
        at += n as u64;
    }
    Ok(())
}

/// One text, in memory or in the spill file.
#[derive(Debug)]
enum Kept {
    Text(String),
    Spilled(Place),
}

/// Texts gathered to be kept with one write ([`Texts::set_batch`]).
#[derive(Debug, Default)]
pub struct Batch {
    /// The texts, one after the other.
    text: String,
    /// Each text's index in the [`Texts`], start in `text`, and length.
    each: Vec<(usize, usize, usize)>,
}

impl Batch {
    /// Adds `text` as the `i`th.
    pub fn push(&mut self, i: usize, text: &str) {
        self.each.push((i, self.text.len(), text.len()));
        self.text.push_str(text);
    }

    /// Whether no text was added.
    pub fn is_empty(&self) -> bool {
        self.each.is_empty()
    }
}

/// A list of texts, each taken once ([`Texts::take`]), from several threads at once.
#[derive(Debug)]
pub struct Texts {
    spill: Option<Spill>,
    each: Vec<Mutex<Kept>>,
    /// The first text that could not be read back, and why.
    failed: Mutex<Option<String>>,
}

impl Texts {
    /// Texts held in memory.
    pub fn in_memory(texts: Vec<String>) -> Texts {
        Texts {
            spill: None,
            each: texts
                .into_iter()
                .map(|t| Mutex::new(Kept::Text(t)))
                .collect(),
            failed: Mutex::new(None),
        }
    }

    /// `count` empty texts, each set once by [`Texts::set`] (from several threads at
    /// once), kept in `spill` when it is given and can be written.
    pub fn new(count: usize, spill: Option<Spill>) -> Texts {
        Texts {
            spill,
            each: (0..count)
                .map(|_| Mutex::new(Kept::Text(String::new())))
                .collect(),
            failed: Mutex::new(None),
        }
    }

    /// Keeps `text` as the `i`th: in the spill file when there is one and writing to it
    /// works, else in memory.
    pub fn set(&self, i: usize, text: String) {
        let kept = match self.spill.as_ref().map(|s| s.put(&text)) {
            Some(Ok(place)) => Kept::Spilled(place),
            _ => Kept::Text(text),
        };
        *self.each[i]
            .lock()
            .expect("no panics while holding the lock") = kept;
    }

    /// Keeps each of `batch`'s texts as its own (as [`Texts::set`] does), with one write
    /// to the spill file for them all: a write a page was some 100,000 `pwrite` calls at
    /// 100,000 pages, each taking the file's lock (bench/RESULTS.md, "eighth pass").
    pub fn set_batch(&self, batch: Batch) {
        let places = match self.spill.as_ref().map(|s| s.put(&batch.text)) {
            Some(Ok(all)) => Some(all),
            _ => None,
        };
        for &(i, start, len) in &batch.each {
            let kept = match places {
                Some(all) => Kept::Spilled(Place {
                    at: all.at + start as u64,
                    len,
                }),
                None => Kept::Text(batch.text[start..start + len].to_string()),
            };
            *self.each[i]
                .lock()
                .expect("no panics while holding the lock") = kept;
        }
    }

    /// Takes the `i`th text, leaving an empty one. A text that cannot be read back is
    /// given as empty, and [`Texts::failure`] says why.
    pub fn take(&self, i: usize) -> String {
        let kept = std::mem::replace(
            &mut *self.each[i]
                .lock()
                .expect("no panics while holding the lock"),
            Kept::Text(String::new()),
        );
        match kept {
            Kept::Text(t) => t,
            Kept::Spilled(place) => {
                let spill = self.spill.as_ref().expect("a spilled text has its file");
                spill.take(place).unwrap_or_else(|e| {
                    self.failed
                        .lock()
                        .expect("no panics while holding the lock")
                        .get_or_insert_with(|| e.to_string());
                    String::new()
                })
            }
        }
    }

    /// How many texts are in the spill file (for tests and `--timings`).
    pub fn spilled(&self) -> usize {
        self.each
            .iter()
            .filter(|k| {
                matches!(
                    *k.lock().expect("no panics while holding the lock"),
                    Kept::Spilled(_)
                )
            })
            .count()
    }

    /// Why a text could not be read back, if one could not.
    pub fn failure(&self) -> Option<String> {
        self.failed
            .lock()
            .expect("no panics while holding the lock")
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_back_as_they_went_in_from_memory_or_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let words = ["", "knee", "épaule ✓", &"x".repeat(100_000)];
        for spill in [None, Some(Spill::new_in(dir.path()).unwrap())] {
            let on_disk = spill.is_some();
            let texts = Texts::new(words.len(), spill);
            std::thread::scope(|s| {
                for (i, w) in words.iter().enumerate() {
                    let texts = &texts;
                    s.spawn(move || texts.set(i, w.to_string()));
                }
            });
            assert_eq!(texts.spilled(), if on_disk { words.len() } else { 0 });
            for (i, w) in words.iter().enumerate().rev() {
                assert_eq!(texts.take(i), *w);
                assert_eq!(texts.take(i), "", "each text is taken once");
            }
            assert_eq!(texts.failure(), None);
        }
        // The file has no name: nothing is left in the folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    /// Texts kept in batches come back one by one, each its own, from the file or (when
    /// there is none) from memory.
    #[test]
    fn batched_texts_come_back_one_by_one() {
        let dir = tempfile::tempdir().unwrap();
        let words = ["hip", "", "épaule ✓", "knee", &"y".repeat(70_000), "ankle"];
        for spill in [None, Some(Spill::new_in(dir.path()).unwrap())] {
            let on_disk = spill.is_some();
            let texts = Texts::new(words.len() + 1, spill);
            std::thread::scope(|s| {
                for half in [[0, 2, 4], [1, 3, 5]] {
                    let texts = &texts;
                    s.spawn(move || {
                        let mut batch = Batch::default();
                        assert!(batch.is_empty());
                        for i in half {
                            batch.push(i, words[i]);
                        }
                        texts.set_batch(batch);
                    });
                }
            });
            texts.set(words.len(), "last".to_string());
            assert_eq!(texts.spilled(), if on_disk { words.len() + 1 } else { 0 });
            assert_eq!(texts.take(words.len()), "last");
            for (i, w) in words.iter().enumerate().rev() {
                assert_eq!(texts.take(i), *w);
                assert_eq!(texts.take(i), "");
            }
            assert_eq!(texts.failure(), None);
        }
    }

    /// The chunks freed are exactly those whose bytes were all read back and that no
    /// later text can reach, whatever the order of the readings.
    #[test]
    fn a_chunk_is_freed_once_all_its_texts_are_read_and_never_before() {
        // Texts of 0.4, 0.4, 0.4, 1.5, 0.1 and 0.3 chunks: the fourth spans three chunks.
        let sizes = [4, 4, 4, 15, 1, 3].map(|tenths| tenths * CHUNK / 10);
        let mut c = Chunks::default();
        let mut places = Vec::new();
        for len in sizes {
            places.push((c.end, len));
            c.count(c.end, len, true);
            c.end += len;
        }
        assert_eq!(c.end, sizes.iter().sum::<u64>());
        let mut freed = Vec::new();
        // Read back in an order that is neither the order put nor its reverse.
        for i in [1, 4, 3, 0, 5, 2] {
            let (at, len) = places[i];
            if let Some((from, n)) = c.count(at, len, false) {
                assert_eq!((from % CHUNK, n % CHUNK), (0, 0));
                freed.push((i, from / CHUNK, n / CHUNK));
            }
        }
        // Chunk 2 (the end of the long text, the short one, the start of the last) is
        // freed by the last of its texts read (the sixth); chunks 0 and 1, together, by
        // the third text, which they share and which was read last; chunk 3 is not
        // complete (no text ends past it), so it stays.
        assert_eq!(freed, vec![(5, 2, 1), (2, 0, 2)]);
        assert!(c.unread.iter().all(|&n| n == 0));
    }

    /// Texts read back in any order come back whole while the chunks around them are
    /// freed, and the file gives its space back.
    #[test]
    fn texts_read_back_out_of_order_survive_the_freed_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let spill = Spill::new_in(dir.path()).unwrap();
        // 40 texts of 100,000 bytes each (3.8 chunks), each of its own letter.
        let texts: Vec<String> = (0..40u8)
            .map(|i| char::from(b'a' + i % 26).to_string().repeat(100_000))
            .collect();
        let places: Vec<Place> = texts.iter().map(|t| spill.put(t).unwrap()).collect();
        let used = blocks(&spill.file);
        for i in (0..40).step_by(2).chain((1..40).step_by(2).rev()) {
            assert_eq!(spill.take(places[i]).unwrap(), texts[i], "text {i}");
        }
        // The three complete chunks are freed; the last, partly used one is not.
        #[cfg(target_os = "linux")]
        assert!(
            blocks(&spill.file) * 3 < used,
            "{used} blocks before, {} after",
            blocks(&spill.file)
        );
        let _ = used;
    }

    /// How many 512-byte blocks the file takes on disk (0 where that cannot be told).
    fn blocks(f: &File) -> u64 {
        #[cfg(unix)]
        return std::os::unix::fs::MetadataExt::blocks(&f.metadata().unwrap());
        #[cfg(not(unix))]
        return 0;
    }

    #[test]
    fn a_text_that_cannot_be_read_back_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let texts = Texts::new(1, Some(Spill::new_in(dir.path()).unwrap()));
        texts.set(0, "knee".to_string());
        texts.spill.as_ref().unwrap().file.set_len(0).unwrap();
        assert_eq!(texts.take(0), "");
        assert!(texts.failure().is_some());
    }

    #[test]
    fn a_folder_that_cannot_hold_the_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Spill::new_in(&dir.path().join("missing")).is_err());
    }
}
