//! The first half of a build: loading, linking and rendering every page's Markdown
//! into a [`State`], which holds everything the templates need and every problem found.

use super::addresses::template_addresses;
use super::markdown_ctx::MarkdownCtx;
use super::{BuildOptions, TRIM_EVERY_FILES, Timings, finish, give_back_freed_memory};
use crate::content::media::VideoFacts;
use crate::content::{self, Content, LoadOptions};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::link::{Links, SiteVideo, Target, UrlMap, check_anchors, inbound_links};
use crate::markdown::Rendered;
use crate::render::Renderer;
use crate::render::context::*;
use crate::render::data::{exercise_ctx, ladder_ctx};
use crate::render::pages::{
    Generated, RenderCtx, Tags, collect_tags, generated, section_pages, site_ctx,
};
use crate::theme::{self, StaticFile};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::Instant;

/// How many pages' body HTML a big site writes to its temporary file at once
/// ([`crate::spill::Texts::set_batch`]): about 170 KB at 2.7 KB a page.
const SPILL_BATCH: usize = 64;

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
    /// Site videos and what their files are like (see [`super::Built::videos`]).
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
    /// In a build that keeps no text, the home and folder pages' body HTML by page
    /// index (sorted), moved out of `rendered`, which is then emptied: the rest of
    /// what the Markdown told has been used by the time the templates render, and at
    /// 100,000 pages the list of it alone was 22 MB (issue 20). Empty otherwise.
    pub(crate) own_html: Vec<(usize, String)>,
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
            tables: &self.tables,
        }
    }

    /// What rendering sees; `values` keeps what many pages share for this render pass
    /// (made empty for each, as a save may change any of it).
    pub(crate) fn render_ctx<'a>(
        &'a self,
        values: &'a crate::render::pages::PageValues,
    ) -> RenderCtx<'a> {
        RenderCtx {
            c: &self.content,
            urls: &self.urls,
            base: &self.base,
            rendered: &self.rendered,
            own_html: &self.own_html,
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
            values,
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
            // A big site's bodies are put aside in a temporary file as they are read, and
            // each taken back as its Markdown is rendered (below).
            bodies_above: opts
                .spill
                .as_ref()
                .filter(|_| !opts.keep_text)
                .map(|s| s.markdown_above_pages),
            aside_in: opts.spill.as_ref().map(|s| s.dir.clone()),
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
    diags.extend(hard_links(&c, &templates, &statics));
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
    // Its file is dropped (and its space given back) once every body is taken.
    let aside = c.bodies_aside.take();
    let md = MarkdownCtx {
        c: &c,
        urls: &urls,
        base: &base,
        renderer: renderer.as_ref(),
        exercises: &exercises,
        ladders: &ladders,
        keep_text: opts.keep_text,
        tr: &translations,
        tables: &tables,
    };
    // A big site's regular pages' body HTML goes to a temporary file as it is made, so
    // that it is never all in memory at once (see `BuildOptions::spill`).
    let bodies = opts
        .spill
        .as_ref()
        .filter(|s| !opts.keep_text && pages.len() > s.above_pages)
        .map(|s| crate::spill::Texts::new(pages.len(), crate::spill::Spill::new_in(&s.dir).ok()));
    // In runs of `SPILL_BATCH` pages, so that each run's body HTML goes to the file in
    // one write. Into a list made first: collected from runs of unknown length, the list
    // was built twice over (20 MiB more at 100,000 pages, where the memory peaks).
    let mut rendered: Vec<Rendered> = Vec::with_capacity(pages.len());
    rendered.resize_with(pages.len(), Rendered::default);
    pages
        .par_chunks_mut(SPILL_BATCH)
        .zip(rendered.par_chunks_mut(SPILL_BATCH))
        .enumerate()
        .for_each(|(k, (run, out))| {
            let first = k * SPILL_BATCH;
            let mut batch = crate::spill::Batch::default();
            for (j, (p, slot)) in run.iter_mut().zip(out).enumerate() {
                if let (Some(aside), Some(at)) = (&aside, p.body_aside) {
                    p.body = aside.take(at);
                }
                let mut r = md.render(p);
                if !opts.keep_text {
                    p.body = String::new();
                }
                if bodies.is_some() && p.kind == content::PageKind::Regular {
                    batch.push(first + j, &std::mem::take(&mut r.html));
                }
                *slot = r;
            }
            if let Some(b) = &bodies {
                if !batch.is_empty() {
                    b.set_batch(batch);
                }
                // Each page's Markdown text and HTML are freed here, in pieces glibc
                // would otherwise keep (see `TRIM_EVERY_FILES`).
                if first.is_multiple_of(TRIM_EVERY_FILES) {
                    give_back_freed_memory();
                }
            }
        });
    c.pages = pages;
    if let Some(why) = aside.as_deref().and_then(crate::spill::Texts::failure) {
        diags.push(super::render_site::spill_failed(&why));
    }
    drop(aside);
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
        own_html: Vec::new(),
    };
    let problems = state.problems();
    if problems.has_errors() {
        return Err(finish(problems));
    }
    Ok(state)
}

/// The `hard-link` errors: a file the site publishes as it is (`static/`, a picture or
/// document of `content/`) or a template that is another name of one of the site's
/// sources ([`crate::fsutil::hard_links`]).
fn hard_links(
    c: &Content,
    templates: &[theme::Template],
    statics: &[(String, StaticFile)],
) -> Vec<Diagnostic> {
    use crate::diagnostic::relative;
    use crate::fsutil::Part;
    let files: Vec<(PathBuf, Part)> = (statics.iter())
        .filter_map(|(_, f)| match f {
            StaticFile::Site(p) => Some((relative(&c.root, p), Part::Published)),
            StaticFile::Builtin(_) => None,
        })
        .chain(
            c.assets
                .iter()
                .map(|a| (relative(&c.root, &a.path), Part::Published)),
        )
        .chain(
            templates
                .iter()
                .filter_map(|t| Some((t.file.clone()?, Part::Template))),
        )
        .collect();
    let named: Vec<(&std::path::Path, Part)> =
        files.iter().map(|(p, k)| (p.as_path(), *k)).collect();
    crate::fsutil::hard_links(&c.root, &named, c.source_files())
}
