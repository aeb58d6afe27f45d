//! The second half of a build: rendering every output file of a prepared [`State`]
//! into a sink (in parallel), scanning each HTML page for the addresses it carries and
//! keeping the pages search indexes, then the offline service worker, versioned by the
//! hash of every other file.

use super::addresses::address_problems;
use super::{Sink, State, TRIM_EVERY_FILES, give_back_freed_memory};
use crate::diagnostic::Diagnostic;
use crate::link::Target;
use crate::render::offline;
use crate::render::pages::Job;
use crate::render::{Body, OutFile};
use crate::search::Doc;
use crate::theme::StaticFile;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Every output file's hash as the service worker's version counts it
/// ([`offline::file_hash`]), by output path, the worker itself left out. Sorted, so the
/// version made from them after a save ([`offline::site_version`] sorts) costs no sort.
pub(crate) type FileHashes = BTreeMap<String, u64>;

/// What [`render_site`] made besides the files.
pub(crate) struct SiteMade {
    /// Number of HTML pages.
    pub(crate) pages: usize,
    /// The pages search indexes (unsorted).
    pub(crate) docs: Vec<Doc>,
    /// Every file's hash (by output path, unsorted), which a [`super::Session`] keeps so that
    /// a save hashes only the files it makes again.
    pub(crate) hashes: Vec<(String, u64)>,
    /// How many HTML pages were scanned for the addresses they carry.
    pub(crate) scanned: usize,
}

/// Renders every output file of a prepared site into `sink`. Returns what it made
/// besides the files, or the errors of rendering (template errors, or the sink's).
pub(crate) fn render_site(state: &State, sink: &Sink<'_>) -> Result<SiteMade, Vec<Diagnostic>> {
    let c = &state.content;
    // The generated pages first: some list the whole site (the A-Z list, tag pages:
    // at 100,000 pages the A-Z list's context is about 55 MB while it renders), and
    // the memory in use is lowest when rendering starts. The order changes no byte.
    let mut jobs: Vec<ToRender<'_>> = (state.generated.iter())
        .filter(|g| !matches!(g.job, Job::ServiceWorker))
        .map(|g| ToRender::Made(&g.job))
        .collect();
    jobs.extend(
        (state.urls.paths())
            .filter(|(_, t)| !matches!(t, Target::Asset(_) | Target::Generated))
            .map(|(path, target)| ToRender::Page(path, target)),
    );
    // Every file's hash, for the service worker's version (made last, from them all).
    // Sized once: grown by doubling, the list's spare room was megabytes at the end of
    // a 100,000-page build, its peak memory.
    let hashes = std::sync::Mutex::new(Vec::with_capacity(
        jobs.len() + state.statics.len() + c.assets.len(),
    ));
    let hashing = |f: OutFile| {
        let h = offline::file_hash(&f.path, &f.body);
        let made = {
            let mut hashes = hashes.lock().expect("no panics while holding the lock");
            hashes.push((f.path.clone(), h));
            hashes.len()
        };
        // Every page's context and HTML is freed as soon as it is made, but glibc keeps
        // the freed pieces in the middle of its heaps: without this, a 100,000-page
        // build's memory grew by some 30 MiB through rendering (issue 20).
        if made % TRIM_EVERY_FILES == 0 {
            give_back_freed_memory();
        }
        sink(f)
    };
    // Pages go to the sink as soon as they are rendered, so a build never holds the
    // whole output in memory.
    let (errors, docs, scanned) = render_jobs(state, &jobs, &hashing);
    if !errors.is_empty() {
        return Err(errors);
    }
    if let Some(why) = state.bodies.as_ref().and_then(|b| b.failure()) {
        return Err(vec![spill_failed(&why)]);
    }
    let mut files = Vec::new();
    for (path, f) in &state.statics {
        let body = match f {
            StaticFile::Builtin(b) => Body::Builtin(b),
            StaticFile::Site(p) => Body::File(p.clone()),
        };
        files.push(OutFile {
            path: path.clone(),
            body,
        });
    }
    for a in &c.assets {
        files.push(OutFile {
            path: a.rel.clone(),
            body: Body::File(a.path.clone()),
        });
    }
    for f in files {
        hashing(f).map_err(|e| vec![Diagnostic::error("write", "(output)", e)])?;
    }
    // Kept as a list: a sorted map of them (a `Session`'s) would be another copy of
    // every path, at the end of the build where its memory peaks.
    let hashes = hashes
        .into_inner()
        .expect("no panics while holding the lock");
    sink(service_worker(
        &c.config,
        &state.tables,
        hashes.iter().map(|(p, h)| (p.as_str(), *h)),
    ))
    .map_err(|e| vec![Diagnostic::error("write", "(output)", e)])?;
    Ok(SiteMade {
        pages: jobs.iter().filter(|j| j.is_page()).count(),
        docs,
        hashes,
        scanned,
    })
}

/// The offline service worker, versioned by the hashes of every other file of the site.
pub(crate) fn service_worker<'a>(
    config: &crate::config::SiteConfig,
    tables: &crate::i18n::Tables,
    hashes: impl IntoIterator<Item = (&'a str, u64)>,
) -> OutFile {
    let version = offline::site_version(hashes);
    OutFile {
        path: offline::SERVICE_WORKER.to_string(),
        body: Body::Bytes(offline::service_worker(config, tables, &version).into_bytes()),
    }
}

/// One file for [`render_jobs`] to make: a generated file's job, or a page of the URL
/// map (its output path and what it shows), whose job is made only as it renders: made
/// up front, the list of jobs was 14 MB at 100,000 pages, held all through rendering
/// (issue 20).
pub(crate) enum ToRender<'a> {
    Made(&'a Job),
    Page(&'a String, &'a Target),
}

impl ToRender<'_> {
    /// Whether it makes an HTML page (a page of the URL map always does), without making
    /// its job.
    fn is_page(&self) -> bool {
        match self {
            ToRender::Made(j) => j.is_page(),
            ToRender::Page(..) => true,
        }
    }

    /// Its job.
    pub(crate) fn job(&self) -> std::borrow::Cow<'_, Job> {
        match self {
            ToRender::Made(j) => std::borrow::Cow::Borrowed(*j),
            ToRender::Page(path, target) => {
                std::borrow::Cow::Owned(Job::Target((*path).clone(), (*target).clone()))
            }
        }
    }
}

/// Renders `jobs` in parallel into `sink`. Returns the errors (in no particular order),
/// the pages among them that search indexes (unsorted), and how many HTML pages were
/// scanned for the addresses they carry (one per HTML file made: a [`super::Session`] counts
/// them to show that a save scans only the pages it makes again).
pub(crate) fn render_jobs(
    state: &State,
    jobs: &[ToRender<'_>],
    sink: &Sink<'_>,
) -> (Vec<Diagnostic>, Vec<Doc>, usize) {
    let values = crate::render::pages::PageValues::default();
    let ctx = state.render_ctx(&values);
    let errors = std::sync::Mutex::new(Vec::new());
    let docs = std::sync::Mutex::new(Vec::new());
    let open_folders = [crate::search::FOLDER.trim_end_matches('/')];
    let scanner = crate::link::scan::Site::new(
        &state.urls,
        &state.base,
        state.content.config.absolute_base(),
        &open_folders,
    );
    let unknown = std::sync::Mutex::new(Vec::new());
    let scanned = std::sync::atomic::AtomicUsize::new(0);
    jobs.par_iter().for_each(|j| {
        let j = &*j.job();
        let result = ctx.render_job(j).and_then(|f| {
            if let (true, Body::Bytes(html)) = (f.path.ends_with(".html"), &f.body) {
                scanned.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let page = f.path.strip_suffix("index.html").unwrap_or(&f.path);
                let found = scanner.check_page(&page_text(html), page);
                if !found.is_empty() {
                    unknown
                        .lock()
                        .expect("no panics while holding the lock")
                        .extend(found.into_iter().map(|u| (page.to_string(), u)));
                }
            }
            let terms = if state.search_docs {
                ctx.search_terms(j)
            } else {
                None
            };
            if let (Some(terms), Body::Bytes(html)) = (terms, &f.body) {
                let path = f.path.strip_suffix("index.html").unwrap_or(&f.path);
                let doc = Doc::new(
                    format!("{}{path}", state.base),
                    ctx.search_lang(j),
                    &page_text(html),
                    terms,
                );
                docs.lock()
                    .expect("no panics while holding the lock")
                    .push(doc);
            }
            sink(f).map_err(|e| Diagnostic::error("write", "(output)", e))
        });
        if let Err(d) = result {
            errors
                .lock()
                .expect("no panics while holding the lock")
                .push(d);
        }
    });
    let mut errors = errors
        .into_inner()
        .expect("no panics while holding the lock");
    errors.extend(address_problems(
        state,
        unknown
            .into_inner()
            .expect("no panics while holding the lock"),
    ));
    (
        errors,
        docs.into_inner().expect("no panics while holding the lock"),
        scanned.into_inner(),
    )
}

/// A rendered page's bytes as text. Tera writes only text, so `str::from_utf8` (which
/// checks eight bytes at a time) nearly always succeeds; `String::from_utf8_lossy` alone
/// checks a byte at a time, and was 2.7% of a build's instructions.
fn page_text(html: &[u8]) -> std::borrow::Cow<'_, str> {
    std::str::from_utf8(html).map_or_else(|_| String::from_utf8_lossy(html), Into::into)
}

/// A page's body HTML, kept in a temporary file beside the output folder, could not be
/// read back: a disk fault, not a problem of the site. Nothing is published.
pub(super) fn spill_failed(why: &str) -> Diagnostic {
    Diagnostic::error(
        "write",
        "(output)",
        format!("a page's text, kept in a temporary file beside the output folder while the site was built, could not be read back: {why}"),
    )
    .hint("check that the disk the output folder is on is working and has free space, then build again; the site already there is unchanged")
}
