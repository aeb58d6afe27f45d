//! Page contexts and rendering each output page: what every template sees, built from
//! the loaded content, the URL map and the rendered Markdown.
//!
//! Here: `Job` (one output file to render) and `RenderCtx` (what rendering sees). The
//! parts: `generated` (the files the build makes itself, tags, folders), `menu` (`site`
//! and the menu), `shared` (what every page of a language shares, the tables' words),
//! `lookup` (lookups in the page's language), `page` (a page's own context and
//! template), `search` (what search indexes), `listing` (folders' listings, the exercise
//! list and finder, the A-Z list), `job` (`render_job`), `planner` (the planner's data).

use crate::content::{Content, PageKind};
use crate::diagnostic::Diagnostic;
use crate::link::{Target, UrlMap};
use crate::markdown::Rendered;
use crate::render::Renderer;
use crate::render::context::*;
use std::collections::{BTreeMap, HashMap};

mod generated;
mod job;
mod listing;
mod lookup;
mod menu;
mod page;
mod planner;
mod search;
mod shared;
pub(crate) mod words;

pub(crate) use generated::{
    AZ_PATH, Folders, Generated, SEARCH_PATH, Tags, collect_tags, folders, generated, section_pages,
};
pub(crate) use menu::{site_ctx, site_in};
pub(crate) use page::PageValues;
pub(crate) use shared::{Shared, shared};
pub(crate) use words::{qr_label, word};

/// One output file to render.
#[derive(Debug, Clone)]
pub(crate) enum Job {
    /// A source's page or a listing, at its output path.
    Target(String, Target),
    /// The list of tags.
    Tags,
    /// One tag's page.
    Tag(String),
    /// A ladder's printable log sheet.
    LogSheet(String),
    /// A ladder's "My progress" summary, drawn by the page from the patient's stored plan.
    Summary(String),
    /// The web app manifest.
    Manifest,
    /// The offline service worker: rendered last, by `site::render_site`, because its
    /// version is the hash of every other file.
    ServiceWorker,
    /// A ladder's printable handout: every step's exercise, the pain rules, the clinic.
    Handout(String),
    /// The "page not found" page (`404.html`; `<lang>/404.html` in another language).
    NotFound,
    /// `/<lang>/` when the home page has no translation into that language: says so
    /// in that language, links the home page and lists the pages that are translated.
    LanguageHome,
    /// The search page, with a link to the A-Z list.
    Search,
    /// The A-Z list of every page and exercise search indexes, a page of its own so a
    /// search does not download it (`/search/a-z/`).
    AToZ,
    /// `sitemap.xml`.
    Sitemap,
    /// `robots.txt`.
    Robots,
    /// `site-address.css`: the site's address for printed links (only with a full
    /// `base_url`).
    SiteAddress,
    /// A page's old address (`aliases:`, as an output path) sending readers on to the
    /// page (its index in `Content::pages`).
    Redirect(String, usize),
    /// An exercise, planner, log sheet or handout in another language (`es`), under
    /// `/<lang>/`.
    In(String, Box<Job>),
}

impl Job {
    /// Whether it makes an HTML page (counted as a page of the site).
    pub(crate) fn is_page(&self) -> bool {
        match self {
            Job::In(_, inner) => inner.is_page(),
            j => !matches!(
                j,
                Job::Sitemap
                    | Job::Robots
                    | Job::SiteAddress
                    | Job::Redirect(..)
                    | Job::Manifest
                    | Job::ServiceWorker
            ),
        }
    }
}

/// A template error `d` while showing the clinic's file `source` with `template`: when
/// it is in a built-in template, it is reported at `source`. The built-in theme works
/// with every value the build accepts, so such a failure comes from that file (a value
/// sinew does not yet check, or a bug in sinew), which the clinic can change; the theme
/// it cannot.
fn in_clinic_file(d: Diagnostic, template: &str, source: Option<&std::path::Path>) -> Diagnostic {
    match source {
        Some(source) if d.file.to_string_lossy().starts_with(crate::render::BUILTIN) => {
            Diagnostic::error(
                "template",
                source,
                format!(
                    "sinew's built-in template `{template}` could not show this file: {}",
                    d.message.trim_start_matches("template error: ")
                ),
            )
            .hint(
                "check this file's values against docs/content-format.md; if they are \
                 right, this is a bug in sinew: please report it with this message",
            )
        }
        _ => d,
    }
}

/// The built-in templates a page of this kind may name in `template:` (any template of
/// the site's own may be named too): the others need what only their own pages have
/// (a folder's list of pages, an exercise, a ladder, ...).
fn page_templates(kind: PageKind) -> &'static [&'static str] {
    match kind {
        PageKind::Regular => &["page.html"],
        PageKind::Section => &["section.html", "page.html"],
        PageKind::Home => &["index.html", "section.html", "page.html"],
    }
}

/// "conditions" -> "Conditions", "knee-problems" -> "Knee problems".
fn folder_title(s: &str) -> String {
    let last = s.rsplit('/').next().unwrap_or(s).replace(['-', '_'], " ");
    let mut chars = last.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
#[derive(Clone, Copy)]
pub(crate) struct RenderCtx<'a> {
    pub(crate) c: &'a Content,
    pub(crate) urls: &'a UrlMap,
    pub(crate) base: &'a str,
    pub(crate) rendered: &'a [Rendered],
    /// The home and folder pages' body HTML by page index, when moved out of
    /// `rendered` (`site::State::own_html`).
    pub(crate) own_html: &'a [(usize, String)],
    /// The regular pages' body HTML, moved out of `rendered` (`site::State::bodies`).
    pub(crate) bodies: Option<&'a crate::spill::Texts>,
    pub(crate) exercises: &'a BTreeMap<String, ExerciseCtx>,
    pub(crate) ladders: &'a BTreeMap<String, LadderCtx>,
    pub(crate) tags: &'a Tags,
    pub(crate) inbound: &'a BTreeMap<Target, Vec<usize>>,
    /// From [`section_pages`]: looking a folder's page up must not scan every page, since
    /// every page's breadcrumbs do it.
    pub(crate) sections: &'a HashMap<String, usize>,
    /// From [`folders`]: each folder's pages and subfolders, for its listing.
    pub(crate) folders: &'a Folders,
    pub(crate) r: &'a Renderer,
    /// The string tables of the site's languages.
    pub(crate) tables: &'a crate::i18n::Tables,
    /// What every page of a language shares, as template values made once ([`shared`]).
    pub(crate) shared: &'a Shared,
    /// The site's other languages: pages, navigation, exercises and ladders.
    pub(crate) tr: &'a crate::render::langs::Translations,
    /// The language being rendered when it is not the site's default one.
    pub(crate) lang: Option<&'a str>,
    /// The parts of page contexts many pages share, made once in this render pass.
    pub(crate) values: &'a PageValues,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_failure_in_a_built_in_template_is_reported_at_the_clinics_file() {
        let builtin = Diagnostic::error(
            "template",
            format!("{} templates/planner.html", crate::render::BUILTIN),
            "template error: Variable `x` is not defined",
        )
        .at(3, 21);
        let source = Path::new("content/programs/knee.yaml");
        let d = in_clinic_file(builtin.clone(), "planner.html", Some(source));
        assert_eq!(d.file, source);
        assert_eq!(d.line, None);
        assert_eq!(
            d.message,
            "sinew's built-in template `planner.html` could not show this file: \
             Variable `x` is not defined"
        );
        // Without a file of the clinic's, or in a template of the site's own, it stays.
        assert_eq!(in_clinic_file(builtin.clone(), "tag.html", None), builtin);
        let own = Diagnostic::error("template", "templates/wide.html", "template error: x");
        assert_eq!(in_clinic_file(own.clone(), "wide.html", Some(source)), own);
    }
}
