//! The files the build makes itself (the list, `generated`), the tags and each
//! folder's pages and subfolders, found once.

use super::Job;
use crate::content::{self, Content, PageKind};
use crate::link::Target;
use crate::names::slugify;
use crate::render::offline;
use std::collections::{BTreeMap, HashMap};

/// A file the build makes itself rather than from one source.
#[derive(Debug, Clone)]
pub(crate) struct Generated {
    /// Its output path (`a/` for `a/index.html`).
    pub(crate) path: String,
    /// What collision messages call it.
    pub(crate) label: String,
    /// How it is made.
    pub(crate) job: Job,
}

/// Every file the build generates. The build registers each in the URL map, so a
/// clinic's file at the same address is a collision error naming both, and renders
/// each from this same list, so the two cannot drift: a new generated file (a service
/// worker, a calendar file, ...) is one entry here and one arm in `render_job`.
pub(crate) fn generated(c: &Content, tags: &Tags) -> Vec<Generated> {
    let one = |path: &str, label: &str, job| Generated {
        path: path.to_string(),
        label: label.to_string(),
        job,
    };
    let mut out = vec![
        one("404.html", "(generated page-not-found page)", Job::NotFound),
        one("robots.txt", "(generated robots.txt)", Job::Robots),
        one("tags/", "(generated list of tags)", Job::Tags),
        one(
            offline::MANIFEST,
            "(generated web app manifest)",
            Job::Manifest,
        ),
        one(
            offline::SERVICE_WORKER,
            "(generated offline service worker)",
            Job::ServiceWorker,
        ),
        one(SEARCH_PATH, "(generated search page)", Job::Search),
        one(AZ_PATH, "(generated A to Z list)", Job::AToZ),
    ];
    // The sitemap protocol needs full addresses: with a path-only `base_url` there is
    // none (`sinew check` says what to set).
    if c.config.absolute_base().is_some() {
        out.push(one("sitemap.xml", "(generated sitemap)", Job::Sitemap));
    }
    // The address printed after links to the site's own pages: only a full `base_url`
    // gives one (`base.html` links the file only then).
    if crate::render::sitemap::site_address_css(&c.config).is_some() {
        out.push(one(
            crate::render::sitemap::SITE_ADDRESS_CSS,
            "(generated print stylesheet of the site's address)",
            Job::SiteAddress,
        ));
    }
    for id in c.ladders.keys() {
        out.push(one(
            &format!("planner/{id}/log-sheet/"),
            "(generated log sheet)",
            Job::LogSheet(id.clone()),
        ));
        out.push(one(
            &format!("planner/{id}/summary/"),
            "(generated progress summary)",
            Job::Summary(id.clone()),
        ));
        out.push(one(
            &format!("planner/{id}/handout/"),
            "(generated ladder handout)",
            Job::Handout(id.clone()),
        ));
    }
    for slug in tags.keys() {
        out.push(one(
            &format!("tags/{slug}/"),
            "(generated tag page)",
            Job::Tag(slug.clone()),
        ));
    }
    // Exercises and ladders in the site's other languages (pages are translated by files
    // of their own, which the URL map places).
    let langs = &c.config.languages;
    for e in c.exercises.values() {
        for code in e.data.translations.keys().filter(|k| langs.contains(k)) {
            let path = format!("{code}/exercises/{}/", e.id);
            let label = format!("{} (its `translations: {code}`)", e.file.display());
            let job = Job::Target(path.clone(), Target::Exercise(e.id.clone()));
            out.push(one(&path, &label, Job::In(code.clone(), Box::new(job))));
        }
    }
    for l in c.ladders.values() {
        for code in l.data.translations.keys().filter(|k| langs.contains(k)) {
            let label = format!("{} (its `translations: {code}`)", l.file.display());
            let path = format!("{code}/planner/{}/", l.id);
            let job = Job::Target(path.clone(), Target::Planner(l.id.clone()));
            out.push(one(&path, &label, Job::In(code.clone(), Box::new(job))));
            for (sub, job) in [
                ("log-sheet/", Job::LogSheet(l.id.clone())),
                ("summary/", Job::Summary(l.id.clone())),
                ("handout/", Job::Handout(l.id.clone())),
            ] {
                out.push(one(
                    &format!("{path}{sub}"),
                    &label,
                    Job::In(code.clone(), Box::new(job)),
                ));
            }
        }
    }
    // Each other language's list of exercises, list of ladders, list of tags and tag
    // pages, listing the items translated into it and the others in the default
    // language, marked (a folder's own listing is translated by its `index.<lang>.md`,
    // which the URL map places; one here would collide with it).
    for code in langs {
        let translated_index = |section: &str| {
            c.pages.iter().any(|p| {
                p.lang.as_deref() == Some(code.as_str())
                    && p.kind == PageKind::Section
                    && p.section == section
            })
        };
        let mut listing = |path: String, label: &str, job: Job| {
            out.push(one(&path, label, Job::In(code.clone(), Box::new(job))));
        };
        for (dir, path, target, label) in [
            (
                content::EXERCISES_DIR,
                format!("{code}/exercises/"),
                Target::ExerciseList,
                "(generated list of exercises)",
            ),
            (
                content::LADDERS_DIR,
                format!("{code}/planner/"),
                Target::PlannerList,
                "(generated list of exercise plans)",
            ),
        ] {
            if !translated_index(dir) {
                listing(path.clone(), label, Job::Target(path, target));
            }
        }
        listing(
            format!("{code}/tags/"),
            "(generated list of tags)",
            Job::Tags,
        );
        for slug in tags.keys() {
            listing(
                format!("{code}/tags/{slug}/"),
                "(generated tag page)",
                Job::Tag(slug.clone()),
            );
        }
    }
    // The search page and the A-Z list in each of the site's other languages: they
    // search and list that language's pages (stemmed in it). Its page-not-found page,
    // for hosts that serve a folder's own `404.html` (Netlify, Cloudflare Pages; the
    // root one says it in every language, for the others), and `/<lang>/` itself when
    // the home page is not translated (else a reader who types it gets a 404).
    for code in langs {
        out.push(one(
            &format!("{code}/{}", crate::link::scan::NOT_FOUND),
            "(generated page-not-found page)",
            Job::In(code.clone(), Box::new(Job::NotFound)),
        ));
        let home_translated = c
            .pages
            .iter()
            .any(|p| p.lang.as_deref() == Some(code.as_str()) && p.kind == PageKind::Home);
        if !home_translated {
            out.push(one(
                &format!("{code}/"),
                "(generated home page of a language whose home page is not translated)",
                Job::In(code.clone(), Box::new(Job::LanguageHome)),
            ));
        }
        out.push(one(
            &format!("{code}/{SEARCH_PATH}"),
            "(generated search page)",
            Job::In(code.clone(), Box::new(Job::Search)),
        ));
        out.push(one(
            &format!("{code}/{AZ_PATH}"),
            "(generated A to Z list)",
            Job::In(code.clone(), Box::new(Job::AToZ)),
        ));
    }
    // Aliases whose syntax is refused are reported by `content` (the build stops there).
    for (i, p) in c.pages.iter().enumerate() {
        for a in &p.meta.aliases {
            if let Ok(path) = content::trust::alias_path(a) {
                let label = format!("{} (its alias `{}`)", p.file.display(), a.trim());
                out.push(one(&path, &label, Job::Redirect(path.clone(), i)));
            }
        }
    }
    out
}

/// The search page's output path.
pub(crate) const SEARCH_PATH: &str = "search/";

/// The A-Z list's output path: under the search page, which links to it.
pub(crate) const AZ_PATH: &str = "search/a-z/";

/// Tag slug -> (display name, page indexes).
pub(crate) type Tags = BTreeMap<String, (String, Vec<usize>)>;

pub(crate) fn collect_tags(c: &Content) -> Tags {
    let mut tags: Tags = BTreeMap::new();
    // Tags list the default language's pages (a translation shares its original's).
    for (i, p) in c.pages.iter().enumerate().filter(|(_, p)| p.lang.is_none()) {
        for t in &p.meta.tags {
            let e = tags
                .entry(slugify(t))
                .or_insert_with(|| (t.clone(), Vec::new()));
            e.1.push(i);
        }
    }
    tags.retain(|slug, _| !slug.is_empty());
    tags
}

/// Folder (`""` for the top) -> the index in `c.pages` of its `index.md`, the first one
/// when a folder has two (`index.md` and `index.markdown`).
pub(crate) fn section_pages(c: &Content) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for (i, p) in c.pages.iter().enumerate() {
        if p.kind != PageKind::Regular && p.lang.is_none() {
            m.entry(p.section.clone()).or_insert(i);
        }
    }
    m
}

/// Each folder's regular pages of the default language (in page order) and its
/// subfolders (in name order), so that a listing looks up its own instead of scanning
/// every page and folder: at 100,000 pages in 1,200 folders, the scans took a fifth of
/// the build.
#[derive(Default)]
pub(crate) struct Folders {
    pub(super) pages: HashMap<String, Vec<usize>>,
    pub(super) subs: HashMap<String, Vec<String>>,
}

/// The [`Folders`] of `c`.
pub(crate) fn folders(c: &Content) -> Folders {
    let mut f = Folders::default();
    for (i, p) in c.pages.iter().enumerate() {
        if p.kind == PageKind::Regular && p.lang.is_none() {
            f.pages.entry(p.section.clone()).or_default().push(i);
        }
    }
    for x in c.sections.iter().filter(|x| !x.is_empty()) {
        let parent = x.rsplit_once('/').map_or("", |(d, _)| d);
        f.subs
            .entry(parent.to_string())
            .or_default()
            .push(x.clone());
    }
    f
}
