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
pub use incremental::{Redo, Session, Snapshot, Update};

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
use crate::theme::{self, StaticFile};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
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
}

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
    /// Each page's rendered Markdown, in `content.pages` order, for `check`.
    pub rendered: Vec<Rendered>,
    /// Which pages and ladders link to each target, for `check`.
    pub inbound: BTreeMap<Target, Vec<usize>>,
    /// The site videos exercises name, with their size and codec when the file could
    /// be read, for `check`.
    pub videos: Vec<(SiteVideo, Option<VideoFacts>)>,
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
    let t = Instant::now();
    let pages = render_site(&state, sink).map_err(|errors| state.failure(errors))?;
    state.timings.render = t.elapsed();
    Ok(Built {
        files: Vec::new(),
        warnings: finish(state.problems()),
        pages,
        timings: state.timings,
        content: state.content,
        rendered: state.rendered,
        inbound: state.inbound,
        videos: state.videos,
    })
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
    pub(crate) exercises: BTreeMap<String, ExerciseCtx>,
    pub(crate) ladders: BTreeMap<String, LadderCtx>,
    /// A folder (`""` for the top) -> the index of its `index.md` in `content.pages`.
    pub(crate) section_pages: HashMap<String, usize>,
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
        }
    }

    pub(crate) fn render_ctx(&self) -> RenderCtx<'_> {
        RenderCtx {
            c: &self.content,
            urls: &self.urls,
            base: &self.base,
            rendered: &self.rendered,
            exercises: &self.exercises,
            ladders: &self.ladders,
            tags: &self.tags,
            inbound: &self.inbound,
            sections: &self.section_pages,
            r: &self.renderer,
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
        },
    );
    let Some(mut c) = content else {
        return Err(finish(diags));
    };
    if let Some(b) = &opts.base_url {
        if b.starts_with('/') || b.starts_with("https://") || b.starts_with("http://") {
            c.config.base_url = if b.ends_with('/') {
                b.clone()
            } else {
                format!("{b}/")
            };
        } else {
            diags.push(
                Diagnostic::error("config", "--base-url", format!("`--base-url {b}` is not a path or a full address"))
                    .hint("write e.g. `--base-url https://clinic.example/patients/` or `--base-url /patients/`"),
            );
        }
    }
    let links = crate::fsutil::LinkRules::new(&c.root, &c.config.allow_links_outside);
    let (templates, tdiags) = theme::templates(&c.root, &links);
    diags.extend(tdiags);
    let (statics, sdiags) = theme::static_files(&c.root, &links);
    diags.extend(sdiags);
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
    diags.extend(crate::link::check_images(&c, &urls));
    let (vdiags, videos) = crate::link::check_videos(&c, &urls);
    diags.extend(vdiags);
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

    let site = site_ctx(&c, &urls, &base);
    let mut globals = tera::Context::new();
    globals.insert("site", &site);
    let renderer = match Renderer::new(&templates, &globals) {
        Ok(r) => Some(r),
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };

    let exercises: BTreeMap<String, ExerciseCtx> = c
        .exercises
        .values()
        .map(|e| {
            let (ctx, ds) = exercise_ctx(e, &c, &urls, &base, c.config.absolute_base());
            diags.extend(ds);
            (e.id.clone(), ctx)
        })
        .collect();
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
            let (ctx, ds) = ladder_ctx(p, &c, &urls, &exercises, &base);
            diags.extend(ds);
            (p.id.clone(), ctx)
        })
        .collect();
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
    };
    let mut rendered: Vec<Rendered> = pages
        .par_iter_mut()
        .map(|p| {
            let r = md.render(p);
            if !opts.keep_text {
                p.body = String::new();
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
    let state = State {
        section_pages: section_pages(&c),
        content: c,
        statics,
        base,
        tags,
        generated,
        urls,
        renderer,
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
    };
    let problems = state.problems();
    if problems.has_errors() {
        return Err(finish(problems));
    }
    Ok(state)
}

/// Renders every output file of a prepared site into `sink`. Returns the number of
/// HTML pages, or the errors of rendering (template errors, or the sink's).
pub(crate) fn render_site(state: &State, sink: &Sink<'_>) -> Result<usize, Vec<Diagnostic>> {
    let c = &state.content;
    let mut jobs: Vec<Job> = Vec::new();
    for (path, target) in state.urls.paths() {
        match target {
            Target::Asset(_) | Target::Generated => {}
            t => jobs.push(Job::Target(path.clone(), t.clone())),
        }
    }
    jobs.extend(
        state
            .generated
            .iter()
            .map(|g| g.job.clone())
            .filter(|j| !matches!(j, Job::ServiceWorker)),
    );
    // Every file's hash, for the service worker's version (made last, from them all).
    let hashes = std::sync::Mutex::new(Vec::new());
    let hashing = |f: OutFile| {
        let h = offline::file_hash(&f.path, &f.body);
        hashes
            .lock()
            .expect("no panics while holding the lock")
            .push((f.path.clone(), h));
        sink(f)
    };
    // Pages go to the sink as soon as they are rendered, so a build never holds the
    // whole output in memory.
    let errors = render_jobs(state, &jobs, &hashing);
    if !errors.is_empty() {
        return Err(errors);
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
    let hashes = hashes
        .into_inner()
        .expect("no panics while holding the lock");
    sink(service_worker(
        &c.config,
        hashes.iter().map(|(p, h)| (p.as_str(), *h)),
    ))
    .map_err(|e| vec![Diagnostic::error("write", "(output)", e)])?;
    Ok(jobs.iter().filter(|j| j.is_page()).count())
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

/// Renders `jobs` in parallel into `sink`. Returns the errors (in no particular order).
pub(crate) fn render_jobs(state: &State, jobs: &[Job], sink: &Sink<'_>) -> Vec<Diagnostic> {
    let ctx = state.render_ctx();
    let errors = std::sync::Mutex::new(Vec::new());
    jobs.par_iter().for_each(|j| {
        let result = ctx
            .render_job(j)
            .and_then(|f| sink(f).map_err(|e| Diagnostic::error("write", "(output)", e)));
        if let Err(d) = result {
            errors
                .lock()
                .expect("no panics while holding the lock")
                .push(d);
        }
    });
    errors
        .into_inner()
        .expect("no panics while holding the lock")
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
}

impl MarkdownCtx<'_> {
    /// Renders `p`'s Markdown (which need not be in the content yet).
    pub(crate) fn render(&self, p: &Page) -> Rendered {
        let shortcode = |sc: &Shortcode| self.shortcode(sc);
        let env = markdown::Env {
            links: self.links(),
            page_path: self.urls.path_of(&p.source).unwrap_or_default(),
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

    fn shortcode(&self, sc: &Shortcode) -> Result<String, (String, String)> {
        let Some(r) = self.renderer else {
            return Ok(String::new());
        };
        let mut ctx = tera::Context::new();
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
            "exercise" => self.exercises.get(id).map(|e| ctx.insert("exercise", e)),
            _ => self.ladders.get(id).map(|l| ctx.insert("ladder", l)),
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
        r.render(template, &ctx)
            .map_err(|d| (d.to_string(), "fix the shortcode template".into()))
    }
}

fn finish(mut d: Diagnostics) -> Diagnostics {
    d.sort();
    d
}
