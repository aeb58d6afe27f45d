//! The build pipeline: load -> link -> render, producing every output file in memory
//! (or as a reference to a file to copy). `sinew build` and `check` call [`build_to`] and
//! [`build`]; `serve` builds through a [`Session`]. Only what happens to the files
//! afterwards differs.
//!
//! The pipeline runs in two halves: `prepare` loads, links and renders every page's
//! Markdown into a `State`, and `render_site` renders the templates from it. A full
//! build runs both once; a [`Session`] keeps the `State` and redoes only what saved
//! pages need (`incremental`).

mod incremental;

pub use crate::render::{Body, OutFile, file_for};
pub use incremental::{Redo, Session, Snapshot, Update, Work};

use crate::content::media::VideoFacts;
use crate::content::{self, Content, LoadOptions, Page};
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::link::{Links, SiteVideo, Target, UrlMap, check_anchors, inbound_links};
use crate::markdown::{self, Rendered, Shortcode};
use crate::render::context::*;
use crate::render::data::{exercise_ctx, ladder_ctx};
use crate::render::pages::{
    Generated, Job, RenderCtx, Tags, collect_tags, generated, section_pages, site_ctx,
};
use crate::render::{Renderer, offline};
use crate::search::Doc;
use crate::theme::{self, StaticFile};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
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
}

/// From how many pages `sinew build` keeps body HTML in a temporary file: above the
/// 10,000-page benchmark (91 MiB there, under its 100 MB target), below 100,000.
pub const SPILL_ABOVE_PAGES: usize = 20_000;

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
    /// Each page's rendered Markdown, in `content.pages` order, for `check`. Unless
    /// `BuildOptions::keep_text`, only home and section pages' `html` is kept: the build
    /// frees the rest.
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
    if !opts.keep_text {
        for r in &mut state.rendered {
            *r = Rendered {
                html: std::mem::take(&mut r.html),
                ..Rendered::default()
            };
        }
    }
    give_back_freed_memory();
    if !opts.keep_text && state.bodies.is_none() {
        let s = &mut state;
        s.bodies = Some(crate::spill::Texts::in_memory(
            s.content
                .pages
                .iter()
                .zip(s.rendered.iter_mut())
                .map(|(p, r)| {
                    if p.kind == content::PageKind::Regular {
                        std::mem::take(&mut r.html)
                    } else {
                        String::new()
                    }
                })
                .collect(),
        ));
    }
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

/// What the site search indexes: every indexed page as the indexer reads it, and the
/// site's language. `sinew build` indexes it at once; `sinew serve` gets it from its
/// [`Session`] when it changed, and indexes it on a thread of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchInput {
    /// The pages, sorted by address. Shared, so that `sinew serve`'s session hands
    /// the indexer the 10,000 pages of a big site without copying their text after
    /// every save.
    pub docs: Vec<std::sync::Arc<Doc>>,
    /// The pages' language (`site.yaml`'s `language`).
    pub language: String,
}

impl SearchInput {
    fn new(mut docs: Vec<std::sync::Arc<Doc>>, language: &str) -> SearchInput {
        docs.sort_by(|a, b| a.url.cmp(&b.url));
        SearchInput {
            docs,
            language: language.to_string(),
        }
    }

    /// Builds the index: the files to publish under `pagefind/`, with its key file
    /// (none without the `search` feature). The same input always gives the same bytes.
    pub fn index(&self) -> Result<Vec<OutFile>, String> {
        let files = crate::search::index(&self.docs)?;
        if files.is_empty() {
            return Ok(Vec::new());
        }
        let mut out: Vec<OutFile> = files
            .into_iter()
            .map(|(path, bytes)| OutFile {
                path,
                body: Body::Bytes(bytes),
            })
            .collect();
        out.push(OutFile {
            path: crate::search::KEY_FILE.to_string(),
            body: Body::Bytes(self.key().into_bytes()),
        });
        Ok(out)
    }

    /// What identifies this input: the sinew version, the language and a 128-bit hash
    /// of every page's address and HTML. Only used to tell whether a previous index can
    /// be published again, so a hash that changes between Rust releases costs no more
    /// than one index made anew.
    pub fn key(&self) -> String {
        use std::hash::{DefaultHasher, Hash, Hasher};
        let hash = |salt: u8| {
            let mut h = DefaultHasher::new();
            salt.hash(&mut h);
            self.language.hash(&mut h);
            self.docs.hash(&mut h);
            h.finish()
        };
        format!(
            "sinew {} search index of {} pages in `{}`: {:016x}{:016x}\n",
            env!("CARGO_PKG_VERSION"),
            self.docs.len(),
            self.language,
            hash(1),
            hash(2)
        )
    }

    /// The index in `previous/pagefind/`, as files to copy, when its key file shows it
    /// was made from this same input and it holds only ordinary files.
    fn reuse(&self, previous: &Path) -> Option<Vec<OutFile>> {
        let dir = previous.join(crate::search::FOLDER);
        let key = std::fs::read(previous.join(crate::search::KEY_FILE)).ok()?;
        if key != self.key().into_bytes() {
            return None;
        }
        let mut out = Vec::new();
        for e in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let e = e.ok()?;
            let kind = e.path().symlink_metadata().ok()?.file_type();
            if kind.is_dir() {
                continue;
            }
            if !kind.is_file() {
                return None;
            }
            let rel = e.path().strip_prefix(previous).ok()?.to_str()?;
            out.push(OutFile {
                path: rel.replace('\\', "/"),
                body: Body::File(e.path().to_path_buf()),
            });
        }
        Some(out)
    }
}

/// A page's body HTML, kept in a temporary file beside the output folder, could not be
/// read back: a disk fault, not a problem of the site. Nothing is published.
fn spill_failed(why: &str) -> Diagnostic {
    Diagnostic::error(
        "write",
        "(output)",
        format!("a page's text, kept in a temporary file beside the output folder while the site was built, could not be read back: {why}"),
    )
    .hint("check that the disk the output folder is on is working and has free space, then build again; the site already there is unchanged")
}

fn search_failed(e: String) -> Diagnostic {
    Diagnostic::error(
        "search-index",
        "(search index)",
        format!("the site search index could not be built: {e}"),
    )
    .hint("this is a fault in sinew, not in your site: please report it; `sinew build` with the same files will keep failing until it is fixed")
}

/// Everything a build knows once every page's Markdown is rendered and no error was
/// found: what the templates need, and the problems (warnings) of each stage.
pub(crate) struct State {
    pub(crate) content: Content,
    /// Theme and site static files, by output path.
    pub(crate) statics: Vec<(String, StaticFile)>,
    /// The base path, e.g. `/` or `/patients/`.
    pub(crate) base: String,
    pub(crate) tags: Tags,
    /// The files the build makes itself (all registered in `urls`).
    pub(crate) generated: Vec<Generated>,
    pub(crate) urls: UrlMap,
    pub(crate) renderer: Renderer,
    /// The string tables of the site's languages.
    pub(crate) tables: std::sync::Arc<crate::i18n::Tables>,
    /// The site's other languages.
    pub(crate) translations: crate::render::langs::Translations,
    /// The main navigation (also `site.nav`) and each language's, and each language's
    /// `site`, as template values made once.
    pub(crate) shared: crate::render::pages::Shared,
    pub(crate) exercises: BTreeMap<String, ExerciseCtx>,
    pub(crate) ladders: BTreeMap<String, LadderCtx>,
    /// A folder (`""` for the top) -> the index of its `index.md` in `content.pages`.
    pub(crate) section_pages: HashMap<String, usize>,
    /// Each folder's pages and subfolders, for its listing.
    pub(crate) folders: crate::render::pages::Folders,
    /// Each page's rendered Markdown, in `content.pages` order (its `errors` moved out).
    pub(crate) rendered: Vec<Rendered>,
    pub(crate) inbound: BTreeMap<Target, Vec<usize>>,
    /// Site videos and what their files are like (see [`Built::videos`]).
    pub(crate) videos: Vec<(SiteVideo, Option<VideoFacts>)>,
    /// Problems found before any Markdown was rendered (loading, templates, URLs,
    /// ladders), in the order found.
    pub(crate) early: Vec<Diagnostic>,
    /// Each page's own Markdown problems, in page order.
    pub(crate) page_problems: Vec<Vec<Diagnostic>>,
    /// Links whose `#anchor` is not on the page they point at.
    pub(crate) anchor_problems: Vec<Diagnostic>,
    pub(crate) timings: Timings,
    /// `BuildOptions::keep_text`.
    pub(crate) keep_text: bool,
    /// Whether rendering keeps each indexed page's `<main>` for the search index
    /// (always in a `Session`; in `build_to` only when the index is made).
    pub(crate) search_docs: bool,
    /// When `Some` (a build that keeps no text), each regular page's body HTML, moved
    /// out of `rendered` (into a temporary file for a big site, `BuildOptions::spill`)
    /// and taken by the one job that renders that page.
    pub(crate) bodies: Option<crate::spill::Texts>,
}

impl State {
    /// Every problem, in the order a full build finds them (unsorted).
    pub(crate) fn problems(&self) -> Diagnostics {
        let mut d = Diagnostics(self.early.clone());
        d.extend(self.page_problems.iter().flatten().cloned());
        d.extend(self.anchor_problems.iter().cloned());
        d
    }

    /// The build's problems plus the errors of rendering templates, sorted.
    pub(crate) fn failure(&self, errors: Vec<Diagnostic>) -> Diagnostics {
        let mut d = self.problems();
        d.extend(errors);
        finish(d)
    }

    /// What rendering a page's Markdown needs.
    pub(crate) fn markdown(&self) -> MarkdownCtx<'_> {
        MarkdownCtx {
            c: &self.content,
            urls: &self.urls,
            base: &self.base,
            renderer: Some(&self.renderer),
            exercises: &self.exercises,
            ladders: &self.ladders,
            keep_text: self.keep_text,
            tr: &self.translations,
        }
    }

    pub(crate) fn render_ctx(&self) -> RenderCtx<'_> {
        RenderCtx {
            c: &self.content,
            urls: &self.urls,
            base: &self.base,
            rendered: &self.rendered,
            bodies: self.bodies.as_ref(),
            exercises: &self.exercises,
            ladders: &self.ladders,
            tags: &self.tags,
            inbound: &self.inbound,
            sections: &self.section_pages,
            folders: &self.folders,
            r: &self.renderer,
            tables: &self.tables,
            shared: &self.shared,
            tr: &self.translations,
            lang: None,
        }
    }
}

/// Loads, links and renders every page's Markdown. Returns every problem found if any
/// is an error (or the templates do not compile).
pub(crate) fn prepare(opts: &BuildOptions) -> Result<State, Diagnostics> {
    let t = Instant::now();
    let mut timings = Timings::default();
    let (content, mut diags) = content::load(
        &opts.root,
        LoadOptions {
            drafts: opts.drafts,
            // A big site's bodies are read again as their Markdown is rendered (below).
            bodies_above: opts
                .spill
                .as_ref()
                .filter(|_| !opts.keep_text)
                .map(|s| s.above_pages),
        },
    );
    let Some(mut c) = content else {
        return Err(finish(diags));
    };
    if let Some(b) = &opts.base_url {
        match crate::config::check_base_url(b) {
            Ok(b) => c.config.base_url = b,
            Err(msg) => diags.push(
                Diagnostic::error("config", "--base-url", format!("`--base-url`: {msg}"))
                    .hint(crate::config::BASE_URL_HINT),
            ),
        }
    }
    let links = crate::fsutil::LinkRules::new(&c.root, &c.config.allow_links_outside);
    let (templates, tdiags) = theme::templates(&c.root, &links);
    diags.extend(tdiags);
    let (statics, sdiags) = theme::static_files(&c.root, &links);
    diags.extend(sdiags);
    let (tables, idiags) = crate::i18n::load_site(&c.root, &c.config);
    diags.extend(idiags);
    let tables = std::sync::Arc::new(tables);
    timings.load = t.elapsed();

    let t = Instant::now();
    let base = c.config.base_path();
    let tags = collect_tags(&c);
    let mut extras: Vec<(String, PathBuf)> = statics
        .iter()
        .map(|(p, f)| {
            (
                p.clone(),
                match f {
                    StaticFile::Site(_) => PathBuf::from("static").join(p),
                    StaticFile::Builtin(_) => PathBuf::from("(built-in theme) static").join(p),
                },
            )
        })
        .collect();
    let generated = generated(&c, &tags);
    extras.extend(
        generated
            .iter()
            .map(|g| (g.path.clone(), PathBuf::from(&g.label))),
    );
    let (urls, udiags) = UrlMap::build(&c, &extras);
    diags.extend(udiags.0);
    let (media, mdiags) = crate::link::exercise_media(&c, &urls, &base);
    diags.extend(mdiags);
    let videos = crate::link::check_videos(&c, &urls);
    let videos: Vec<(SiteVideo, Option<VideoFacts>)> = videos
        .into_iter()
        .map(|v| {
            let facts = v
                .source
                .as_ref()
                .and_then(|f| content::media::probe(&c.root.join(f)).ok());
            (v, facts)
        })
        .collect();

    let (site, menu_problems) = site_ctx(&c, &urls, &base, &tables);
    diags.extend(menu_problems);
    diags.extend(template_addresses(&templates, &c, &urls, &base));
    if let Some(b) = &c.config.clinic.booking_url {
        let links = Links {
            urls: &urls,
            drafts: &c.drafts,
            broken: &c.broken_ids,
            base: &base,
        };
        if let Err(crate::link::LinkError::Broken(msg, hint)) = links.check("", b) {
            diags.push(
                Diagnostic::error(
                    "broken-link",
                    "site.yaml",
                    format!("clinic `booking_url`: {msg}"),
                )
                .at_line(crate::yaml::line_of(
                    &c.config.text,
                    1,
                    "clinic.booking_url",
                ))
                .hint(hint),
            );
        }
    }
    let nav = site.nav.clone();
    let mut globals = tera::Context::new();
    globals.insert("site", &site);
    let renderer = match Renderer::new(&templates, &globals, &tables, &c.config.language) {
        Ok(r) => Some(r),
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };

    // On every core: an exercise with a video gets a QR code of its address, and making
    // QR codes was a tenth of a 10,000-page build's time (bench/RESULTS.md). Collected
    // in the exercises' order, so the problems come out as before.
    let all: Vec<&content::Exercise> = c.exercises.values().collect();
    let made: Vec<(ExerciseCtx, Vec<Diagnostic>)> = all
        .par_iter()
        .map(|e| {
            let m = media.get(&e.id).cloned().unwrap_or_default();
            exercise_ctx(e, &c, &urls, &base, m, &tables)
        })
        .collect();
    let mut exercises: BTreeMap<String, ExerciseCtx> = BTreeMap::new();
    for (e, (ctx, ds)) in all.iter().zip(made) {
        diags.extend(ds);
        exercises.insert(e.id.clone(), ctx);
    }
    diags.extend(crate::render::trust::check_page_sources(
        &c,
        &Links {
            urls: &urls,
            drafts: &c.drafts,
            broken: &c.broken_ids,
            base: &base,
        },
    ));
    let ladders: BTreeMap<String, LadderCtx> = c
        .ladders
        .values()
        .map(|p| {
            let (ctx, ds) = ladder_ctx(p, &c, &urls, &exercises, &base, &tables);
            diags.extend(ds);
            (p.id.clone(), ctx)
        })
        .collect();
    let mut translations =
        crate::render::langs::translations(&c, &urls, &base, &tables, &nav, &exercises, &ladders);
    for (code, nav) in &translations.navs {
        let here = crate::render::pages::site_in(&site, &c.config, code, nav);
        translations.sites.insert(code.clone(), here);
    }
    timings.link = t.elapsed();

    let t = Instant::now();
    // The pages are taken out while their Markdown renders so that each body can be
    // dropped as soon as it is rendered (only `check` needs it again).
    let mut pages = std::mem::take(&mut c.pages);
    let md = MarkdownCtx {
        c: &c,
        urls: &urls,
        base: &base,
        renderer: renderer.as_ref(),
        exercises: &exercises,
        ladders: &ladders,
        keep_text: opts.keep_text,
        tr: &translations,
    };
    // A big site's regular pages' body HTML goes to a temporary file as it is made, so
    // that it is never all in memory at once (see `BuildOptions::spill`).
    let bodies = opts
        .spill
        .as_ref()
        .filter(|s| !opts.keep_text && pages.len() > s.above_pages)
        .map(|s| crate::spill::Texts::new(pages.len(), crate::spill::Spill::new_in(&s.dir).ok()));
    let mut rendered: Vec<Rendered> = pages
        .par_iter_mut()
        .enumerate()
        .map(|(i, p)| {
            if c.bodies_dropped {
                match content::read_body(&c.root, p) {
                    Ok(body) => p.body = body,
                    Err(d) => {
                        return Rendered {
                            errors: vec![d],
                            ..Rendered::default()
                        };
                    }
                }
            }
            let mut r = md.render(p);
            if !opts.keep_text {
                p.body = String::new();
            }
            if let (Some(b), content::PageKind::Regular) = (&bodies, p.kind) {
                b.set(i, std::mem::take(&mut r.html));
                // Each page's Markdown text and HTML are freed here, in pieces glibc
                // would otherwise keep (see `TRIM_EVERY_FILES`).
                if i % TRIM_EVERY_FILES == 0 {
                    give_back_freed_memory();
                }
            }
            r
        })
        .collect();
    c.pages = pages;
    let page_problems: Vec<Vec<Diagnostic>> = rendered
        .iter_mut()
        .map(|r| std::mem::take(&mut r.errors))
        .collect();
    let anchor_problems = check_anchors(&c, &rendered);
    let inbound = inbound_links(&c, &rendered);
    timings.parse = t.elapsed();

    let (Some(renderer), false) = (renderer, diags.has_errors()) else {
        diags.extend(page_problems.into_iter().flatten());
        diags.extend(anchor_problems);
        return Err(finish(diags));
    };
    let nav: Vec<crate::render::context::NavLink> = nav
        .iter()
        .map(|l| crate::render::context::NavLink {
            title: l.title.clone(),
            url: l.url.clone(),
            lang: None,
            language: None,
            title_lang: None,
        })
        .collect();
    let shared = crate::render::pages::shared(&nav, &translations, &tables);
    let state = State {
        section_pages: section_pages(&c),
        folders: crate::render::pages::folders(&c),
        content: c,
        statics,
        base,
        tags,
        generated,
        urls,
        renderer,
        tables,
        shared,
        translations,
        exercises,
        ladders,
        rendered,
        inbound,
        videos,
        early: diags.0,
        page_problems,
        anchor_problems,
        timings,
        keep_text: opts.keep_text,
        search_docs: true,
        bodies,
    };
    let problems = state.problems();
    if problems.has_errors() {
        return Err(finish(problems));
    }
    Ok(state)
}

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
    /// Every file's hash (by output path, unsorted), which a [`Session`] keeps so that
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
    // at 100,000 pages the A-Z list's context took about 46 MiB while it rendered), and
    // the memory in use is lowest when rendering starts. The order changes no byte.
    let mut jobs: Vec<Job> = state
        .generated
        .iter()
        .map(|g| g.job.clone())
        .filter(|j| !matches!(j, Job::ServiceWorker))
        .collect();
    for (path, target) in state.urls.paths() {
        match target {
            Target::Asset(_) | Target::Generated => {}
            t => jobs.push(Job::Target(path.clone(), t.clone())),
        }
    }
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
    hashes: impl IntoIterator<Item = (&'a str, u64)>,
) -> OutFile {
    let version = offline::site_version(hashes);
    OutFile {
        path: offline::SERVICE_WORKER.to_string(),
        body: Body::Bytes(offline::service_worker(config, &version).into_bytes()),
    }
}

/// Renders `jobs` in parallel into `sink`. Returns the errors (in no particular order),
/// the pages among them that search indexes (unsorted), and how many HTML pages were
/// scanned for the addresses they carry (one per HTML file made: a [`Session`] counts
/// them to show that a save scans only the pages it makes again).
pub(crate) fn render_jobs(
    state: &State,
    jobs: &[Job],
    sink: &Sink<'_>,
) -> (Vec<Diagnostic>, Vec<Doc>, usize) {
    let ctx = state.render_ctx();
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

/// The errors for addresses found in rendered pages that point at nothing the site
/// publishes ([`crate::link::scan`]): one per place in a template (its file and line,
/// found by [`Renderer::locate`]), naming the first page it is on and how many others.
fn address_problems(
    state: &State,
    mut found: Vec<(String, crate::link::scan::Unknown)>,
) -> Vec<Diagnostic> {
    use crate::link::scan::Why;
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let base = &state.base;
    // (file, line or value) -> (diagnostic, pages).
    let mut by_place: BTreeMap<(PathBuf, String), (Diagnostic, usize)> = BTreeMap::new();
    for (page, u) in found {
        // An address the page's own HTML writes is the page's, even when a template's
        // `{{ ... }}` in the same attribute could have written it too.
        let own = own_line(state, &page, &u.attr, &u.value);
        let written = match own {
            Some(_) => None,
            None => state.renderer.locate(&u.attr, &u.value),
        };
        let key = match &written {
            Some(w) => (w.file.clone(), w.line.to_string()),
            None => (PathBuf::from("(page)"), u.value.clone()),
        };
        if let Some((_, pages)) = by_place.get_mut(&key) {
            *pages += 1;
            continue;
        }
        let from = match &written {
            Some(w) if w.pattern != u.value => format!(" (written by `{}`)", w.pattern),
            _ => String::new(),
        };
        let on = format!("on the page {base}{page}, the address `{}`{from}", u.value);
        let expr_hint = if written.is_some() {
            "addresses in templates start with `{{ site.base_path }}` (the site's folder) or use the addresses sinew gives, listed in docs/templates.md"
        } else {
            "write the address with a `/` in front, as the site publishes it (`/images/knee.png` for `static/images/knee.png`)"
        };
        let (message, hint) = match &u.why {
            Why::Nothing(path) => (
                if u.value.starts_with(['/', '#']) || u.value.contains(':') {
                    format!("{on} points at nothing the site publishes")
                } else {
                    format!(
                        "{on} (that is {base}{path} from there) points at nothing the site publishes"
                    )
                },
                match state.urls.similar_path(path) {
                    Some(s) => format!("did you mean `{base}{s}`? {expr_hint}"),
                    None => format!("fix the address in the template: {expr_hint}"),
                },
            ),
            Why::OutsideBase(path) => (
                format!(
                    "{on} is outside the site's folder `{base}` (`base_url` in site.yaml), so it leads away from the site"
                ),
                format!(
                    "start it with the site's folder: `{{{{ site.base_path }}}}{}`",
                    path.trim_start_matches('/')
                ),
            ),
            Why::AboveTop => (
                format!("{on} climbs above the site's top folder"),
                format!("fix the address in the template: {expr_hint}"),
            ),
            Why::RelativeOnNotFound => (
                format!(
                    "{on} has no `/` in front, but the page-not-found page is shown at every address that does not exist, so the address would start from wherever the reader is and point nowhere"
                ),
                "start it with the site's folder: `{{ site.base_path }}`, followed by the path"
                    .to_string(),
            ),
            Why::NoAnchor(anchor) => (
                format!("{on} goes to `#{anchor}`, but nothing on that page has the id `{anchor}`"),
                "fix the `#...` part, or give the element it should go to that `id`".to_string(),
            ),
        };
        // No template writes it: it came from the page's own text (HTML in Markdown that
        // sinew does not rewrite, such as a `srcset`), so name the page's file.
        let file = written.as_ref().map_or_else(
            || {
                state
                    .urls
                    .file_of(&page)
                    .cloned()
                    .unwrap_or_else(|| PathBuf::from(format!("{base}{page}")))
            },
            |w| w.file.clone(),
        );
        let d = Diagnostic::error("broken-link", file, message)
            .at_line(written.as_ref().map(|w| w.line).or(own))
            .hint(hint);
        by_place.insert(key, (d, 0));
    }
    by_place
        .into_values()
        .map(|(mut d, others)| {
            if others > 0 {
                d.message.push_str(&format!(
                    " (and on {others} other page{})",
                    if others == 1 { "" } else { "s" }
                ));
            }
            d
        })
        .collect()
}

/// The line of the page's own Markdown (raw HTML in it) where `attr` is written with
/// `value`, quoted or not; `None` when the page's text does not write it. The text is
/// read again when the build let it go after rendering (only for a broken address).
fn own_line(state: &State, page: &str, attr: &str, value: &str) -> Option<usize> {
    let file = state.urls.file_of(page)?;
    let p = state.content.pages.iter().find(|p| &p.file == file)?;
    let read;
    let body = if p.body.is_empty() {
        read = content::read_body(&state.content.root, p).ok()?;
        &read
    } else {
        &p.body
    };
    ["\"", "'", ""].iter().find_map(|q| {
        let at = body.find(&format!("{attr}={q}{value}{q}"))?;
        Some(p.body_line + body[..at].matches('\n').count())
    })
}

/// Checks the addresses a site's own templates write as they are (`href="/contact/"`),
/// against what the build publishes. An address made by the template (`{{ ... }}`) or
/// relative to the page it ends up on is left to the template's author.
fn template_addresses(
    templates: &[theme::Template],
    c: &Content,
    urls: &UrlMap,
    base: &str,
) -> Vec<Diagnostic> {
    let links = Links {
        urls,
        drafts: &c.drafts,
        broken: &c.broken_ids,
        base,
    };
    let mut out = Vec::new();
    for t in templates {
        let Some(file) = &t.file else { continue };
        for a in markdown::html::attributes(&t.text) {
            let v = a.value.as_str();
            let literal = !v.contains("{{") && !v.contains("{%");
            if a.name == "id" || !literal || !(v.starts_with('/') || v.starts_with("@/")) {
                continue;
            }
            let line = t.text[..a.range.start].matches('\n').count() + 1;
            match links.check("", v) {
                // Templates are not rewritten: an `@/` link would reach the page as it is.
                Ok(href) if v.starts_with("@/") => out.push(
                    Diagnostic::error(
                        "broken-link",
                        file,
                        format!("`{v}`: `@/` links work in Markdown and YAML, not in templates"),
                    )
                    .at_line(Some(line))
                    .hint(format!(
                        "write the published address instead: `{}`",
                        href.url
                    )),
                ),
                Err(crate::link::LinkError::Broken(msg, hint)) => {
                    out.push(
                        Diagnostic::error("broken-link", file, msg)
                            .at_line(Some(line))
                            .hint(hint),
                    );
                }
                _ => {}
            }
        }
    }
    out
}

/// What rendering one page's Markdown needs from the rest of the site.
pub(crate) struct MarkdownCtx<'a> {
    c: &'a Content,
    urls: &'a UrlMap,
    base: &'a str,
    /// `None` when the templates do not compile: shortcodes then render as nothing.
    renderer: Option<&'a Renderer>,
    exercises: &'a BTreeMap<String, ExerciseCtx>,
    ladders: &'a BTreeMap<String, LadderCtx>,
    keep_text: bool,
    /// The site's other languages: a translated page's shortcodes speak its language.
    tr: &'a crate::render::langs::Translations,
}

impl MarkdownCtx<'_> {
    /// Renders `p`'s Markdown (which need not be in the content yet).
    pub(crate) fn render(&self, p: &Page) -> Rendered {
        let shortcode = |sc: &Shortcode| self.shortcode(sc, p.lang.as_deref());
        let env = markdown::Env {
            links: self.links(),
            page_path: self.urls.path_of(&p.source).unwrap_or_default(),
            dir: p.source.rsplit_once('/').map_or("", |(d, _)| d),
            shortcode: &shortcode,
            collect_text: self.keep_text,
        };
        markdown::render(&p.body, &p.file, p.body_line, &env)
    }

    /// The address checker for this build.
    pub(crate) fn links(&self) -> Links<'_> {
        Links {
            urls: self.urls,
            drafts: &self.c.drafts,
            broken: &self.c.broken_ids,
            base: self.base,
        }
    }

    fn shortcode(&self, sc: &Shortcode, lang: Option<&str>) -> Result<String, (String, String)> {
        let Some(r) = self.renderer else {
            return Ok(String::new());
        };
        let mut ctx = tera::Context::new();
        if let Some(code) = lang {
            ctx.insert("lang", code);
        }
        // In a translated page, an exercise or ladder not translated into its language
        // is shown in the default language, marked as such.
        let mark = |l: &mut Option<String>, name: &mut Option<String>| {
            *l = Some(self.tr.default.0.clone());
            *name = Some(self.tr.default.1.clone());
        };
        let exercise = |id: &str| match lang.and_then(|c| self.tr.exercises.get(c)?.get(id)) {
            Some(e) => Some(e.clone()),
            None => self.exercises.get(id).map(|e| {
                let mut e = e.clone();
                if lang.is_some() {
                    mark(&mut e.lang, &mut e.language);
                }
                e
            }),
        };
        let ladder = |id: &str| match lang.and_then(|c| self.tr.ladders.get(c)?.get(id)) {
            Some(l) => Some(l.clone()),
            None => self.ladders.get(id).map(|l| {
                let mut l = l.clone();
                if lang.is_some() {
                    mark(&mut l.lang, &mut l.language);
                }
                l
            }),
        };
        let (template, key, ids): (&str, &str, Vec<&str>) = match sc.name.as_str() {
            "exercise" => (
                "shortcodes/exercise.html",
                "id",
                self.exercises.keys().map(String::as_str).collect(),
            ),
            _ => (
                "shortcodes/ladder.html",
                "program",
                self.ladders.keys().map(String::as_str).collect(),
            ),
        };
        let id = &sc.args[key];
        let found = match sc.name.as_str() {
            "exercise" => exercise(id).map(|e| ctx.insert("exercise", &e)),
            _ => ladder(id).map(|l| ctx.insert("ladder", &l)),
        };
        if found.is_none() && self.c.broken_ids.contains(id) {
            return Ok(String::new());
        }
        if found.is_none() {
            let what = if sc.name == "exercise" {
                "exercise"
            } else {
                "exercise ladder"
            };
            let hint = match did_you_mean(id, ids.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("the {what}s are: {}", ids.join(", ")),
            };
            return Err((format!("there is no {what} with the id `{id}`"), hint));
        }
        // Named once, at the page's line: the template's own error without its
        // `error[template]:` heading (it was printed inside this one).
        r.render(template, &ctx).map_err(|d| {
            let file = d.file.display();
            let what = d.message.trim_start_matches("template error: ");
            (
                format!("the template `{file}` that shows this shortcode has an error: {what}"),
                format!("fix `{file}`"),
            )
        })
    }
}

fn finish(mut d: Diagnostics) -> Diagnostics {
    d.sort();
    d
}
