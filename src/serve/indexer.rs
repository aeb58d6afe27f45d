//! The search indexer's thread: at the lowest CPU priority, with a rayon pool of its
//! own, it indexes the newest input the rebuild thread sent, puts the index in place
//! beside the served site and keeps the whole site for a quick start (`warm`).

use super::{Event, Shared, warm};
use crate::site::{Body, SearchInput};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc;

/// The search indexer's thread: indexes the newest input it was sent (older ones still
/// waiting are skipped) and puts the index in place, until the rebuild thread ends.
pub(super) fn index_loop(
    rx: &mpsc::Receiver<(u64, Arc<SearchInput>)>,
    shared: &Shared,
    on_event: &dyn Fn(&Event),
) {
    lowest_priority();
    // Pagefind's index runs its parallel steps on rayon. On the global pool they would
    // share threads, at normal priority, with the rendering of the next save, which
    // then waits behind them. A pool of its own, started from this thread, inherits
    // the lowest priority and leaves the global pool to the saves.
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("sinew-search-{i}"))
        .build();
    while let Ok((mut number, mut input)) = rx.recv() {
        while let Ok((n, newer)) = rx.try_recv() {
            (number, input) = (n, newer);
        }
        if shared.is_stopping() {
            return;
        }
        let t = std::time::Instant::now();
        // A panic in the indexer (a bug in sinew or Pagefind) must not end this thread:
        // later saves would never be indexed. The last index stays served.
        let index = || match &pool {
            Ok(pool) => pool.install(|| input.index()),
            // No threads to spare: the global pool, as a build uses it.
            Err(_) => input.index(),
        };
        let indexed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(index)).unwrap_or_else(
            |payload| {
                let why = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "no reason given".into());
                Err(format!(
                    "sinew crashed while indexing (this is a bug in sinew): {why}"
                ))
            },
        );
        // Pagefind frees its working data (hundreds of MB at 10,000 pages, in small
        // pieces) into glibc's arenas, some shared with the rebuild thread: the next
        // save's first large allocation then had to sort all of it out
        // (`malloc_consolidate`, 10-20 ms a save at 10,000 pages in `perf`). Done here
        // instead, at the lowest priority, before the index is put in place.
        crate::site::give_back_freed_memory();
        match indexed {
            Ok(files) => {
                let files = files
                    .into_iter()
                    .map(|f| (f.path, Arc::new(f.body)))
                    .collect();
                shared.publish_search(files);
                on_event(&Event::Indexed {
                    pages: input.docs.len(),
                    took: t.elapsed(),
                });
                keep(shared, number, on_event);
            }
            Err(e) => on_event(&Event::IndexFailed(e)),
        }
    }
}

/// Keeps the served site for a quick start next time, with the fingerprint of its
/// sources (`keep_as`), when the index just put in place (input `number`) is the
/// current one.
fn keep(shared: &Shared, number: u64, on_event: &dyn Fn(&Event)) {
    let saves = shared.saves.load(Ordering::SeqCst);
    let kept = {
        // Under the view's lock: the rebuild thread takes `keep_as` away before it
        // applies any change, so a site published after it is never kept with it.
        let v = shared.view.read().expect("view lock");
        let current = shared.search_sent.load(Ordering::SeqCst) == number;
        let mut keep_as = shared.keep_as.lock().expect("keep lock");
        let key = if current { keep_as.take() } else { None };
        drop(keep_as);
        key.zip(v.site.clone())
            .map(|(k, site)| (k, site, Arc::clone(&v.search)))
    };
    let Some((key, site, search)) = kept else {
        return;
    };
    let t = std::time::Instant::now();
    // The whole served site, search index included, made here at the lowest priority
    // rather than on every save.
    let files: Vec<(String, Arc<Body>)> = search
        .iter()
        .map(|(p, b)| (p.clone(), Arc::clone(b)))
        .collect();
    let search: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
    let site = site.with_files(&[], &files);
    let saved = warm::save(
        &shared.root,
        key,
        &site.base,
        &site.title,
        site.pages,
        &site.files,
        &search,
        &|| shared.saves.load(Ordering::SeqCst) != saves || shared.is_stopping(),
    );
    if saved
        .as_ref()
        .is_err_and(|e| e.kind() == std::io::ErrorKind::Interrupted)
    {
        // A save arrived: the site is kept again once its own index is in place.
        return;
    }
    on_event(&Event::Kept(saved.map(|()| t.elapsed()).map_err(|e| {
        format!("failed to write `{}/{}`: {e}", warm::DIR, warm::FILE)
    })));
}

/// The nice value of the search indexer's thread (the lowest priority there is).
pub const INDEXER_NICE: i32 = 19;

/// Gives the calling thread, and every thread it starts (Pagefind's), the lowest CPU
/// priority: on a computer with two cores, an index of 10,000 pages takes 15 s of CPU,
/// and at the same priority it took half of the CPU a save needs to be rendered and
/// served. At the lowest priority it runs only on what the saves and the editor leave,
/// and still finishes when they are idle. (On Linux the nice value is the thread's own;
/// elsewhere it would be the whole process's, so nothing is changed there.)
fn lowest_priority() {
    #[cfg(target_os = "linux")]
    {
        // Failing only costs speed, never correctness.
        let _ = rustix::process::setpriority_process(None, INDEXER_NICE);
    }
}
