//! Early write-back of a fresh build: while the site is still being written, a helper
//! thread of its own saves what is written so far to disk, so that the sync before the
//! swap (`swap::sync_tree`, which stays and still covers everything) has little left.
//!
//! The threads that write files never wait for it: every [`EVERY_FILES`] files they only
//! raise a counter and wake the helper, which runs one sync after another while there is
//! news (requests made during a sync are merged into the next one). Measured in
//! bench/RESULTS.md ("Issue 20, seventh pass"); an earlier attempt that started each
//! file's write-back on the writing threads made them wait on the disk.

use std::io;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

/// How many files are written between two requests for an early sync.
pub(super) const EVERY_FILES: usize = 2048;

/// What the writing threads and the helper share.
#[derive(Default)]
struct Asked {
    /// Requests made so far.
    asked: u64,
    /// Requests the helper has started a sync for.
    started: u64,
    /// No more requests: the helper ends after its current sync.
    done: bool,
}

/// The helper thread and the way to wake it.
pub(super) struct Flusher {
    shared: Arc<(Mutex<Asked>, Condvar)>,
    every: usize,
    /// Taken by [`Flusher::finish`].
    thread: Option<JoinHandle<io::Result<u64>>>,
}

impl Flusher {
    /// Starts the helper, which runs `sync` each time it is asked (once every `every`
    /// files written). The first error of `sync` ends it and is given back by
    /// [`Flusher::finish`].
    pub(super) fn start(
        every: usize,
        sync: impl Fn() -> io::Result<()> + Send + 'static,
    ) -> io::Result<Flusher> {
        let shared: Arc<(Mutex<Asked>, Condvar)> = Arc::default();
        let theirs = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("sinew-sync".into())
            .spawn(move || {
                let (lock, wake) = &*theirs;
                let mut syncs = 0;
                loop {
                    {
                        let mut a = lock.lock().expect("no panics while holding the lock");
                        while a.started == a.asked && !a.done {
                            a = wake.wait(a).expect("no panics while holding the lock");
                        }
                        if a.started == a.asked {
                            return Ok(syncs);
                        }
                        a.started = a.asked;
                    }
                    sync()?;
                    syncs += 1;
                }
            })?;
        Ok(Flusher {
            shared,
            every: every.max(1),
            thread: Some(thread),
        })
    }

    /// Tells the helper that `count` files are written now (counted from 1). Costs a
    /// lock only once every `every` files; never waits for a sync.
    pub(super) fn written(&self, count: usize) {
        if count.is_multiple_of(self.every) {
            let (lock, wake) = &*self.shared;
            lock.lock().expect("no panics while holding the lock").asked += 1;
            wake.notify_one();
        }
    }

    /// Asks for no more syncs, waits for the one under way, and gives back how many
    /// syncs ran, or the first one's error (which must stop the build: an error the
    /// helper saw may not be reported again to the final sync).
    pub(super) fn finish(mut self) -> io::Result<u64> {
        self.stop();
        self.thread
            .take()
            .expect("finished once")
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the early sync thread stopped")))
    }

    /// Asks for no more syncs: the helper ends after the one under way.
    fn stop(&self) {
        let (lock, wake) = &*self.shared;
        let mut a = lock.lock().unwrap_or_else(|e| e.into_inner());
        // Requests not yet started are dropped: the final sync covers them.
        a.started = a.asked;
        a.done = true;
        wake.notify_one();
    }
}

impl Drop for Flusher {
    /// A build that failed never commits: its helper ends rather than waiting forever.
    fn drop(&mut self) {
        if self.thread.is_some() {
            self.stop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn asks_once_every_so_many_files_and_the_writers_never_wait() {
        let runs = Arc::new(AtomicUsize::new(0));
        // Each sync says it started, then waits until the test lets it go.
        let (started, seen) = std::sync::mpsc::channel::<()>();
        let (go, gate) = std::sync::mpsc::channel::<()>();
        let (started, gate) = (Mutex::new(started), Mutex::new(gate));
        let theirs = Arc::clone(&runs);
        let f = Flusher::start(10, move || {
            started.lock().unwrap().send(()).ok();
            gate.lock().unwrap().recv().ok();
            theirs.fetch_add(1, Ordering::SeqCst);
            Ok(())
        })
        .unwrap();
        for n in 1..=10 {
            f.written(n);
        }
        seen.recv().unwrap();
        // Three more requests (20, 30, 40) while the first sync is held: were the
        // writers to wait for it, this loop would never end.
        for n in 11..=45 {
            f.written(n);
        }
        // Let the syncs go: the first, then at most one for the three merged requests
        // (`finish` may drop it before it starts: the final sync covers it).
        go.send(()).unwrap();
        go.send(()).unwrap();
        drop(go);
        let syncs = f.finish().unwrap();
        assert!((1..=2).contains(&syncs), "{syncs} syncs");
        assert_eq!(runs.load(Ordering::SeqCst) as u64, syncs);
    }

    #[test]
    fn a_flusher_dropped_without_finishing_ends_its_thread() {
        // The helper owns the only sender: the channel closes when the helper has ended.
        let (alive, ended) = std::sync::mpsc::channel::<()>();
        let f = Flusher::start(10, move || {
            let _ = &alive;
            Ok(())
        })
        .unwrap();
        drop(f);
        let end = ended.recv_timeout(std::time::Duration::from_secs(60));
        assert_eq!(end, Err(std::sync::mpsc::RecvTimeoutError::Disconnected));
    }

    #[test]
    fn no_files_no_sync() {
        let f = Flusher::start(10, || panic!("no sync was asked for")).unwrap();
        for n in 1..=9 {
            f.written(n);
        }
        assert_eq!(f.finish().unwrap(), 0);
    }

    #[test]
    fn an_error_of_an_early_sync_is_given_back() {
        let (ran, seen) = std::sync::mpsc::channel::<()>();
        let ran = Mutex::new(ran);
        let f = Flusher::start(1, move || {
            ran.lock().unwrap().send(()).ok();
            Err(io::Error::other("disk gone"))
        })
        .unwrap();
        f.written(1);
        seen.recv().unwrap();
        assert_eq!(f.finish().unwrap_err().to_string(), "disk gone");
    }
}
