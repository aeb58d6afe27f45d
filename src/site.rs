//! The build pipeline: load -> link -> render, producing every output file in memory
//! (or as a reference to a file to copy). `sinew build` and `check` call [`build_to`] and
//! [`build`]; `serve` builds through a [`Session`]. Only what happens to the files
//! afterwards differs.
//!
//! The pipeline runs in two halves: `prepare` loads, links and renders every page's
//! Markdown into a `State`, and `render_site` renders the templates from it. A full
//! build runs both once; a [`Session`] keeps the `State` and redoes only what saved
//! pages need (`incremental`).
//!
//! Here: the options, the result and the two calls that build. `prepare` and
//! `render_site` are the two halves, `markdown_ctx` what a page's Markdown needs,
//! `addresses` the checks of addresses in templates and rendered pages, `search_input`
//! what the site search indexes.

mod addresses;
mod incremental;
mod markdown_ctx;
mod prepare;
mod render_site;
mod search_input;

pub use crate::render::{Body, OutFile, file_for};
pub use incremental::{Redo, Session, Snapshot, Update, Work};
pub use search_input::SearchInput;

pub(crate) use prepare::{State, prepare};
pub(crate) use render_site::{
    FileHashes, SiteMade, ToRender, render_jobs, render_site, service_worker,
};
use search_input::search_failed;

use crate::content::media::VideoFacts;
use crate::content::{self, Content};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::link::{SiteVideo, Target};
use crate::markdown::Rendered;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root (holding `site.yaml`).
    pub root: PathBuf,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Include draft pages.
    pub drafts: bool,
    /// Keep each page's Markdown source and plain text in the result (`sinew check`
    /// reads them); otherwise they are dropped as soon as they are used, to save memory.
    pub keep_text: bool,
    /// A previous build's output folder: when the pages search indexes are the same as
    /// the ones its index was made from (its key file says), that index is published
    /// again instead of made anew (`sinew build` gives its output folder).
    pub previous_site: Option<PathBuf>,
    /// Where a big build that keeps no text may keep each regular page's body HTML, from
    /// its Markdown until its page is made, in an unnamed temporary file instead of memory
    /// (`sinew build` gives the folder beside its output). `None`: always in memory.
    pub spill: Option<SpillOptions>,
}

/// Where, and from what size of site, a build keeps pages' body HTML in a temporary file
/// ([`crate::spill`]) rather than in memory (issue 20: at 100,000 pages the HTML alone
/// was about 190 MB, and all of it was held between the Markdown and the templates).
#[derive(Debug, Clone)]
pub struct SpillOptions {
    /// The folder the file is made in (it never has a name there on Linux).
    pub dir: PathBuf,
    /// Spill only when the site has more pages than this: below it, memory is small
    /// enough and the reads and writes would only cost time.
    pub above_pages: usize,
    /// When the site has more pages than this, also keep each page's Markdown body in a
    /// temporary file of its own from loading until its Markdown is rendered
    /// (`content::LoadOptions::bodies_above`).
    pub markdown_above_pages: usize,
}

/// From how many pages `sinew build` keeps body HTML in a temporary file: above the
/// 10,000-page benchmark, as the Markdown's is (`MARKDOWN_ASIDE_ABOVE_PAGES`). At
/// 10,000 pages the body HTML is about 20 MB, held from the Markdown until each page is
/// made: through the file, a fresh build's peak was 62 MiB against 79 MiB in memory
/// (bench/RESULTS.md, "Issue 20, tenth pass"), but it cost that build time, as the early
/// write-back's `syncfs` (`output::flush`) wrote the file's pages to disk before they were
/// read back, and punching the read chunks out then waited on the disk's discards (about
/// 50-90 ms of the render threads' time, "eleventh pass"). At 100,000 pages (190 MB of HTML)
/// the file is what keeps the build in 400 MB.
pub const SPILL_ABOVE_PAGES: usize = 20_000;

/// From how many pages `sinew build` keeps each page's Markdown body in a temporary file
/// from loading until its Markdown is rendered, rather than in memory (issue 20's 400 MB
/// at 100,000 pages, where the bodies are about 45 MB): above the 10,000-page benchmark,
/// where the writes and reads would only cost time. (Until 1 December each body was read
/// again from its source file instead: 100,000 more opens, which cost the 100,000-page
/// build about 0.3 s of its 4.7 s, and a file saved during the build had to stop it.)
pub const MARKDOWN_ASIDE_ABOVE_PAGES: usize = 20_000;

/// Where the time of a build went.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading and parsing sources.
    pub load: Duration,
    /// URL map and templates.
    pub link: Duration,
    /// Markdown to HTML.
    pub parse: Duration,
    /// Templates.
    pub render: Duration,
    /// The search index (`build` only: `serve` indexes in the background).
    pub search: Duration,
}

/// A successful build.
#[derive(Debug)]
pub struct Built {
    /// Every output file, sorted by path (filled by [`build`]; empty from [`build_to`]).
    pub files: Vec<OutFile>,
    /// Warnings (a successful build has no errors).
    pub warnings: Diagnostics,
    /// Number of HTML pages.
    pub pages: usize,
    /// Where the time went.
    pub timings: Timings,
    /// The loaded content, for `check`.
    pub content: Content,
    /// Each page's rendered Markdown, in `content.pages` order, for `check`. Empty
    /// unless `BuildOptions::keep_text`: the build frees it as the templates render.
    pub rendered: Vec<Rendered>,
    /// Which pages and ladders link to each target, for `check`.
    pub inbound: BTreeMap<Target, Vec<usize>>,
    /// The site videos exercises name, with their size and codec when the file could
    /// be read, for `check`.
    pub videos: Vec<(SiteVideo, Option<VideoFacts>)>,
    /// How many pages' body HTML was kept in a temporary file ([`BuildOptions::spill`]).
    pub spilled: usize,
}

/// Receives each output file as soon as it is ready (from several threads at once).
/// An `Err` stops the build with that message.
pub type Sink<'a> = dyn Fn(OutFile) -> Result<(), String> + Sync + 'a;

/// Builds the site at `opts.root` in memory: `Built::files` holds every output file,
/// sorted by path. On failure returns every problem found.
pub fn build(opts: &BuildOptions) -> Result<Built, Diagnostics> {
    let files = std::sync::Mutex::new(Vec::new());
    let mut built = build_to(opts, &|f| {
        files
            .lock()
            .expect("no panics while holding the lock")
            .push(f);
        Ok(())
    })?;
    let mut files = files
        .into_inner()
        .expect("no panics while holding the lock");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    built.files = files;
    Ok(built)
}

/// Builds the site at `opts.root`, handing every output file to `sink` as soon as it is
/// made; `Built::files` is left empty. Nothing reaches the sink unless loading, linking
/// and Markdown rendering found no errors; an error while rendering a template stops the
/// build, so a sink that writes must only publish what it got once this returns `Ok`.
pub fn build_to(opts: &BuildOptions, sink: &Sink<'_>) -> Result<Built, Diagnostics> {
    let mut state = prepare(opts)?;
    // Without the search feature there is no index to make: the pages' `<main>` copies
    // would only take memory (as much again as the pages' Markdown).
    state.search_docs = cfg!(feature = "search");
    // Each regular page's body HTML is used by its own page only: it is moved out, and
    // freed as soon as that page is made, unless `check` reads it afterwards. (A big
    // site's was moved out into a temporary file as its Markdown was rendered.)
    // What the Markdown told about each page (headings, links, shortcodes) has been used
    // by now (anchor checks, inbound links); only `check` reads it again. Freed here, its
    // memory serves the templates (at 100,000 pages, about 120 MiB).
    // The home and folder pages' body HTML is kept apart, and the list emptied
    // (`State::own_html`).
    if !opts.keep_text {
        let in_memory = state.bodies.is_none();
        let mut bodies = Vec::with_capacity(if in_memory { state.rendered.len() } else { 0 });
        for (i, (p, r)) in (state.content.pages.iter())
            .zip(std::mem::take(&mut state.rendered))
            .enumerate()
        {
            match (p.kind == content::PageKind::Regular, in_memory) {
                (true, true) => bodies.push(r.html),
                (true, false) => {}
                (false, _) => {
                    if in_memory {
                        bodies.push(String::new());
                    }
                    state.own_html.push((i, r.html));
                }
            }
        }
        if in_memory {
            state.bodies = Some(crate::spill::Texts::in_memory(bodies));
        }
    }
    give_back_freed_memory();
    let spilled = state.bodies.as_ref().map_or(0, |b| b.spilled());
    let t = Instant::now();
    let SiteMade { pages, docs, .. } =
        render_site(&state, sink).map_err(|errors| state.failure(errors))?;
    state.timings.render = t.elapsed();
    let t = Instant::now();
    let search = SearchInput::new(
        docs.into_iter().map(std::sync::Arc::new).collect(),
        &state.content.config.language,
    );
    let index = match opts
        .previous_site
        .as_deref()
        .and_then(|dir| search.reuse(dir))
    {
        Some(files) => files,
        None => search
            .index()
            .map_err(|e| state.failure(vec![search_failed(e)]))?,
    };
    drop(search);
    for f in index {
        sink(f).map_err(|e| state.failure(vec![Diagnostic::error("write", "(output)", e)]))?;
    }
    state.timings.search = t.elapsed();
    Ok(Built {
        files: Vec::new(),
        warnings: finish(state.problems()),
        pages,
        timings: state.timings,
        content: state.content,
        rendered: state.rendered,
        inbound: state.inbound,
        videos: state.videos,
        spilled,
    })
}

/// How many files are rendered between two calls of [`give_back_freed_memory`].
const TRIM_EVERY_FILES: usize = 4096;

/// Returns the memory freed inside the allocator's arenas to the system. glibc keeps
/// what is freed in the middle of its heaps: after the Markdown's per-page facts are
/// freed (about 110 MiB at 100,000 pages, in small pieces the templates' larger buffers
/// do not fit in), the process would go on holding them through the whole render, and
/// that was the build's peak memory (issue 20). Costs a few milliseconds. (`sinew
/// serve`'s indexer calls it too, after each index.)
pub(crate) fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only walks glibc's own arenas under their locks; it takes
    // no pointer and is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The problems sorted, as every build reports them.
fn finish(mut d: Diagnostics) -> Diagnostics {
    d.sort();
    d
}
