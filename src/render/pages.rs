//! Page contexts and rendering each output page: what every template sees, built from
//! the loaded content, the URL map and the rendered Markdown.

use crate::config::{MenuItem, SiteConfig};
use crate::content::{self, Content, PageKind};
use crate::diagnostic::Diagnostic;
use crate::i18n::Tables;
use crate::link::{Target, UrlMap};
use crate::markdown::Rendered;
use crate::names::slugify;
use crate::render::context::*;
use crate::render::sitemap::{robots, sitemap};
use crate::render::{Body, OutFile, sort_key};
use crate::render::{Renderer, jsonld, offline, script_json};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

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
    /// The "page not found" page.
    NotFound,
    /// The search page, with a link to the A-Z list.
    Search,
    /// The A-Z list of every page and exercise search indexes, a page of its own so a
    /// search does not download it (`/search/a-z/`).
    AToZ,
    /// `sitemap.xml`.
    Sitemap,
    /// `robots.txt`.
    Robots,
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
                Job::Sitemap | Job::Robots | Job::Redirect(..) | Job::Manifest | Job::ServiceWorker
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
    // search and list that language's pages (stemmed in it).
    for code in langs {
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
    pages: HashMap<String, Vec<usize>>,
    subs: HashMap<String, Vec<String>>,
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

/// The default language's text for `key` (English when a table lacks it, which the
/// loader has already reported).
pub(crate) fn word(tables: &Tables, code: &str, key: &str, n: Option<i64>) -> String {
    let text = tables
        .get(code)
        .and_then(|l| l.text(key))
        .map_or(key, |t| t.form(n));
    crate::i18n::fill(text, |name| {
        (name == "n").then(|| n.unwrap_or(0).to_string())
    })
}

/// What a screen reader reads for a QR code in `code`: "QR code: the page of Squat",
/// from the tables' `qr_label` and `what` (a key such as `qr_page_of`, whose `{name}`
/// is `name`).
pub(crate) fn qr_label(tables: &Tables, code: &str, what: &str, name: &str) -> String {
    let what = crate::i18n::fill(&word(tables, code, what, None), |k| {
        (k == "name").then(|| name.to_string())
    });
    crate::i18n::fill(&word(tables, code, "qr_label", None), |k| {
        (k == "what").then(|| what.clone())
    })
}

/// What every template sees as `site`, and the problems of `menu:` in site.yaml (links
/// to files that do not exist or are drafts).
pub(crate) fn site_ctx(
    c: &Content,
    urls: &UrlMap,
    base: &str,
    tables: &Tables,
) -> (SiteCtx, Vec<Diagnostic>) {
    let (nav, problems) = match &c.config.menu {
        Some(menu) => listed_menu(menu, c, urls, base),
        None => (automatic_menu(c, urls, base, tables), Vec::new()),
    };
    // The booking address as written can be a page of the site (`@/contact.md`,
    // `/contact/`): the theme gets the published address (`prepare` reports a wrong one).
    let mut clinic = c.config.clinic.clone();
    if let Some(b) = &clinic.booking_url {
        clinic.booking_url = links(c, urls, base)
            .check("", b)
            .ok()
            .map(|h| h.url)
            .or(Some("#".into()));
    }
    let site = SiteCtx {
        title: c.config.title.clone(),
        description: c.config.description.clone(),
        language: c.config.language.clone(),
        base_path: base.to_string(),
        base_url: c.config.absolute_base().map(str::to_string),
        clinic,
        theme_color: c.config.theme_color.clone(),
        nav,
        description_lang: None,
        out_of_hours_lang: None,
    };
    (site, problems)
}

/// `site` as the pages in language `code` see it: the clinic's texts translated
/// (`translations: <code>:` in site.yaml), or the default language's with their
/// language, for the theme to mark; and that language's navigation.
pub(crate) fn site_in(site: &SiteCtx, config: &SiteConfig, code: &str, nav: &[Link]) -> SiteCtx {
    use crate::config::SiteText;
    let mut s = site.clone();
    s.nav = nav.to_vec();
    if let Some((text, lang)) = config.text_in(SiteText::Description, code) {
        s.description = Some(text);
        s.description_lang = lang;
    }
    if let Some((text, lang)) = config.text_in(SiteText::OutOfHours, code) {
        s.clinic.out_of_hours = Some(text);
        s.out_of_hours_lang = lang;
    }
    s
}

fn links<'a>(c: &'a Content, urls: &'a UrlMap, base: &'a str) -> crate::link::Links<'a> {
    crate::link::Links {
        urls,
        drafts: &c.drafts,
        broken: &c.broken_ids,
        base,
    }
}

/// The menu `menu:` in site.yaml lists, in its order, each `@/` link resolved.
fn listed_menu(
    menu: &[MenuItem],
    c: &Content,
    urls: &UrlMap,
    base: &str,
) -> (Vec<Link>, Vec<Diagnostic>) {
    let mut nav = Vec::new();
    let mut problems = Vec::new();
    for item in menu {
        // `check_menu` made sure each link is an `@/` link; it goes through the one
        // address check like every other address.
        match links(c, urls, base).check("", item.link.trim()) {
            Ok(href) => nav.push(Link {
                title: item.title.trim().to_string(),
                url: href.url,
                lang: None,
                language: None,
                title_lang: None,
            }),
            Err(crate::link::LinkError::TargetBroken | crate::link::LinkError::Unsafe(_)) => {}
            Err(crate::link::LinkError::Broken(msg, hint)) => problems.push(
                Diagnostic::error(
                    "broken-link",
                    "site.yaml",
                    format!("menu item \"{}\": {msg}", item.title.trim()),
                )
                .at_line(item.line)
                .hint(hint),
            ),
        }
    }
    (nav, problems)
}

/// The menu made from the top of `content/` when site.yaml has no `menu:`: Home, then
/// the top folders and pages by weight and title, with Exercises fourth.
fn automatic_menu(c: &Content, urls: &UrlMap, base: &str, tables: &Tables) -> Vec<Link> {
    let lang = c.config.language.as_str();
    let mut items: Vec<((i64, String), Link)> = Vec::new();
    for s in c
        .sections
        .iter()
        .filter(|s| !s.is_empty() && !s.contains('/'))
    {
        let index = c
            .pages
            .iter()
            .find(|p| p.kind == PageKind::Section && &p.section == s && p.lang.is_none());
        let title = index
            .map(|p| p.meta.title.clone())
            .unwrap_or_else(|| folder_title(s));
        let weight = index.map_or(0, |p| p.meta.weight);
        let path = urls.path_of(&format!("{s}/")).unwrap_or_default();
        items.push((
            sort_key(weight, &title),
            Link {
                title,
                url: format!("{base}{path}"),
                lang: None,
                language: None,
                title_lang: None,
            },
        ));
    }
    for p in c
        .pages
        .iter()
        .filter(|p| p.kind == PageKind::Regular && p.section.is_empty() && p.lang.is_none())
    {
        let path = urls.path_of(&p.source).unwrap_or_default();
        items.push((
            sort_key(p.meta.weight, &p.meta.title),
            Link {
                title: p.meta.title.clone(),
                url: format!("{base}{path}"),
                lang: None,
                language: None,
                title_lang: None,
            },
        ));
    }
    items.sort();
    let mut nav: Vec<Link> = vec![Link {
        title: word(tables, lang, "nav_home", None),
        url: base.to_string(),
        lang: None,
        language: None,
        title_lang: None,
    }];
    nav.extend(items.into_iter().map(|(_, l)| l));
    if !c.exercises.is_empty() {
        let pos = nav.len().min(3);
        nav.insert(
            pos,
            Link {
                title: word(tables, lang, "nav_exercises", None),
                url: format!("{base}exercises/"),
                lang: None,
                language: None,
                title_lang: None,
            },
        );
    }
    nav
}

/// "no equipment" -> "No equipment".
fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn finder_item(e: &ExerciseCtx) -> FinderItem {
    let slugs = |v: &[String], empty: &str| {
        let mut s: Vec<String> = v.iter().map(|x| slugify(x.trim())).collect();
        s.retain(|x| !x.is_empty());
        if s.is_empty() {
            s.push(empty.to_string());
        }
        s.dedup();
        s.join(" ")
    };
    FinderItem {
        id: e.id.clone(),
        name: e.name.clone(),
        url: e.url.clone(),
        summary: e.summary.clone(),
        regions: slugs(&e.body_regions, "other"),
        equipment: slugs(&e.equipment, "none"),
        equipment_names: e
            .equipment
            .iter()
            .filter(|x| slugify(x) != "none" && !slugify(x).is_empty())
            .cloned()
            .collect(),
        lang: e.lang.clone(),
        language: e.language.clone(),
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

/// The template values every page of one language shares (`nav`, and `site` in a
/// translated language), made into Tera values once per build: inserting them into each
/// page's context would convert them again for every page, and Tera's values share
/// their lists and maps, so a clone is a counter increment.
pub(crate) struct Shared {
    /// The site's language's `nav`.
    nav: tera::Value,
    /// Each other language's `nav` and `site`.
    langs: HashMap<String, (tera::Value, Option<tera::Value>)>,
    /// Each language's `planner_strings` (its planner texts as the planner page and
    /// progress summary embed them): about half a million instructions each to make.
    strings: HashMap<String, tera::Value>,
}

/// [`Shared`] for the site's navigation `nav`, its other languages `tr` and the
/// string tables.
pub(crate) fn shared(
    nav: &[NavLink],
    tr: &crate::render::langs::Translations,
    tables: &Tables,
) -> Shared {
    let mut langs: HashMap<String, (tera::Value, Option<tera::Value>)> = tr
        .navs
        .iter()
        .map(|(code, nav)| (code.clone(), (tera::Value::from_serializable(nav), None)))
        .collect();
    for (code, site) in &tr.sites {
        langs
            .entry(code.clone())
            .or_insert_with(|| (tera::Value::from_serializable(nav), None))
            .1 = Some(tera::Value::from_serializable(site));
    }
    let strings = tables
        .all()
        .map(|l| {
            let json = script_json(&Some(&l.planner));
            (l.code.clone(), tera::Value::from(json))
        })
        .collect();
    Shared {
        nav: tera::Value::from_serializable(nav),
        langs,
        strings,
    }
}

#[derive(Clone, Copy)]
pub(crate) struct RenderCtx<'a> {
    pub(crate) c: &'a Content,
    pub(crate) urls: &'a UrlMap,
    pub(crate) base: &'a str,
    pub(crate) rendered: &'a [Rendered],
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
}

impl RenderCtx<'_> {
    /// The language being rendered.
    fn code(&self) -> &str {
        self.lang.unwrap_or(&self.c.config.language)
    }

    /// A text of the page's language from the string tables.
    fn word(&self, key: &str, n: Option<i64>) -> String {
        word(self.tables, self.code(), key, n)
    }

    /// The words structured data uses, in the page's language.
    fn words(&self) -> jsonld::Words<'_> {
        jsonld::Words {
            tables: self.tables,
            lang: self.code(),
        }
    }

    /// The home page in the page's language (the default one's when not translated).
    fn home_url(&self) -> String {
        match self.lang.and_then(|code| self.tr.path_in("", code)) {
            Some(p) => self.url(p),
            None => self.base.to_string(),
        }
    }

    /// The first breadcrumb: the home page in the page's language, marked with the
    /// default language when that language has no home page of its own.
    fn home_crumb(&self) -> Link {
        let mut l = Link {
            title: self.word("nav_home", None),
            url: self.home_url(),
            lang: None,
            language: None,
            title_lang: None,
        };
        if let Some(code) = self.lang
            && l.url == self.base
        {
            crate::render::langs::mark(&mut l, &self.c.config.language, code, self.tables);
            // "Inicio" is the page's own word: only the mark says where it leads.
            l.title_lang = None;
        }
        l
    }

    /// A topic (tag) as the page's language names it: its name from site.yaml's
    /// `translations: <code>: topics:`, or as the default language's pages write it,
    /// with that language (for the theme to mark it).
    fn topic(&self, name: &str) -> (String, Option<String>) {
        match self.lang {
            None => (name.to_string(), None),
            Some(code) => match self.c.config.topic_in(name, code) {
                Some(t) => (t.to_string(), None),
                None => (name.to_string(), Some(self.c.config.language.clone())),
            },
        }
    }

    /// An exercise as the page's language shows it.
    fn exercise(&self, id: &str) -> Option<&ExerciseCtx> {
        self.lang
            .and_then(|code| self.tr.exercises.get(code)?.get(id))
            .or_else(|| self.exercises.get(id))
    }

    /// A ladder as the page's language shows it.
    fn ladder(&self, id: &str) -> &LadderCtx {
        self.lang
            .and_then(|code| self.tr.ladders.get(code)?.get(id))
            .unwrap_or(&self.ladders[id])
    }

    /// `planner/` in the default language, `es/planner/` in Spanish.
    fn prefixed(&self, path: &str) -> String {
        match self.lang {
            Some(code) => format!("{code}/{path}"),
            None => path.to_string(),
        }
    }

    /// What every page's template needs to know of its language: `lang`, `dir`,
    /// `home_url`, `nav`, `switcher` and `alternates`.
    ///
    /// `path` is the page's output path, which finds its versions in other languages.
    fn language_vars(&self, ctx: &mut tera::Context, path: &str) {
        let code = self.code();
        let rtl = self
            .tables
            .get(code)
            .is_some_and(|l| l.direction == crate::i18n::Direction::Rtl);
        ctx.insert("lang", code);
        ctx.insert("dir", if rtl { "rtl" } else { "ltr" });
        ctx.insert("home_url", &self.home_url());
        // The lists of exercises and of exercise plans in the page's language.
        let list_url = |p: &str| match self.lang.and_then(|code| self.tr.path_in(p, code)) {
            Some(t) => self.url(t),
            None => self.url(p),
        };
        ctx.insert("exercises_url", &list_url("exercises/"));
        ctx.insert("planners_url", &list_url("planner/"));
        // The search page of the page's language (`/es/search/`), which searches the
        // pages in that language.
        let search = match self.lang {
            Some(code) if self.c.config.languages.iter().any(|l| l == code) => {
                format!("{code}/{SEARCH_PATH}")
            }
            _ => SEARCH_PATH.to_string(),
        };
        ctx.insert("search_url", &self.url(&search));
        match self.lang.and_then(|c| self.shared.langs.get(c)) {
            Some((nav, site)) => {
                ctx.insert_value("nav", nav.clone());
                // The clinic's texts in the page's language (over the global `site`).
                if let Some(site) = site {
                    ctx.insert_value("site", site.clone());
                }
            }
            None => ctx.insert_value("nav", self.shared.nav.clone()),
        }
        let versions = self.tr.all_versions(&self.c.config.language, path);
        let switcher: Vec<LangLink> = versions
            .iter()
            .map(|(lang, p)| LangLink {
                lang: lang.clone(),
                name: self
                    .tables
                    .get(lang)
                    .map_or(lang.clone(), |t| t.name.clone()),
                url: self.url(p),
                current: p == path,
            })
            .collect();
        ctx.insert("switcher", &switcher);
        // Full addresses only: a relative `hreflang` link is not one search engines use,
        // and sinew never guesses the site's address.
        // Each address percent-encoded by `SiteConfig::absolute_url`, the one way to the
        // site's full address; none with a path-only `base_url`.
        let full = |p: &str| self.c.config.absolute_url(p);
        let alternates: Vec<Alternate> = match versions.first().and_then(|(_, p)| full(p)) {
            Some(default) => versions
                .iter()
                .filter_map(|(lang, p)| {
                    Some(Alternate {
                        lang: lang.clone(),
                        url: full(p)?,
                    })
                })
                .chain(std::iter::once(Alternate {
                    lang: "x-default".into(),
                    url: default,
                }))
                .collect(),
            None => Vec::new(),
        };
        ctx.insert("alternates", &alternates);
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The printed address of the page at output path `path` and its QR code, which a
    /// screen reader calls by `what` (a key of the tables, with `{name}`).
    fn print(&self, path: &str, what: &str, name: &str) -> PrintCtx {
        let label = qr_label(self.tables, self.code(), what, name);
        crate::render::data::print_ctx(path, self.base, &self.c.config, &label)
    }

    /// The `index.md` page of a folder (`""` is the top, whose page is the home page).
    fn section_page(&self, section: &str) -> Option<&content::Page> {
        self.sections.get(section).map(|i| &self.c.pages[*i])
    }

    /// The link to page `i` (of the default language) from a page in the page's
    /// language: see [`RenderCtx::local`].
    fn page_link(&self, i: usize) -> Link {
        let p = &self.c.pages[i];
        self.local(Link {
            title: p.meta.title.clone(),
            url: self.url(self.urls.path_of(&p.source).unwrap_or_default()),
            lang: None,
            language: None,
            title_lang: None,
        })
    }

    /// A link to a default-language page as a page in the page's language shows it:
    /// to the page's translation (with its title) when it has one, else to the
    /// default-language page marked with its language ("(English)"). Unchanged in the
    /// default language, and for addresses outside the site or already in the language.
    fn local(&self, mut l: Link) -> Link {
        let Some(code) = self.lang else { return l };
        let Some(rest) = l.url.strip_prefix(self.base) else {
            return l;
        };
        // A translation's headings differ from its original's: a `#part` is dropped.
        let path = rest.split_once('#').map_or(rest, |(p, _)| p);
        if path.starts_with(&format!("{code}/")) || l.lang.is_some() {
            return l;
        }
        match self.tr.path_in(path, code) {
            Some(p) => {
                if let Some(title) = self.tr.titles.get(p) {
                    l.title = title.clone();
                }
                l.url = self.url(p);
            }
            None => crate::render::langs::mark(&mut l, &self.c.config.language, code, self.tables),
        }
        l
    }

    /// The listing entry of page `i` (of the default language) in the page's language:
    /// its translation's title and description when it has one, else the page itself,
    /// marked with its language.
    fn list_item(&self, i: usize) -> ListItem {
        let l = self.page_link(i);
        let description = match self.lang {
            Some(_) if l.lang.is_none() => l
                .url
                .strip_prefix(self.base)
                .and_then(|p| self.urls.lookup_path(p))
                .and_then(|(_, t)| match t {
                    Target::Page(j) => Some(self.c.pages[j].meta.description.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| self.c.pages[i].meta.description.clone()),
            _ => self.c.pages[i].meta.description.clone(),
        };
        ListItem::new(l, description)
    }

    /// The index of the page whose text is `section`'s listing in the page's language:
    /// its `index.md`, or in another language its translation (none when it has none).
    fn listing_index(&self, section: &str) -> Option<usize> {
        match self.lang {
            Some(code) => self.tr.index_pages.get(code)?.get(section).copied(),
            None => self.sections.get(section).copied(),
        }
    }

    /// The default-language page a translated page `i` translates, if it is one.
    fn original(&self, i: usize) -> Option<usize> {
        let p = &self.c.pages[i];
        p.lang.as_ref()?;
        match self.urls.source_target(&p.original)?.0 {
            Target::Page(j) => Some(j),
            Target::Section(s) => self.sections.get(&s).copied(),
            Target::ExerciseList => self.sections.get(content::EXERCISES_DIR).copied(),
            Target::PlannerList => self.sections.get(content::LADDERS_DIR).copied(),
            _ => None,
        }
    }

    fn links(&self) -> crate::link::Links<'_> {
        crate::link::Links {
            urls: self.urls,
            drafts: &self.c.drafts,
            broken: &self.c.broken_ids,
            base: self.base,
        }
    }

    /// The output path a job writes (the page's address), for finding its translations.
    fn job_path(&self, job: &Job) -> String {
        match job {
            Job::Target(path, _) | Job::Redirect(path, _) => path.clone(),
            Job::In(_, inner) => self.job_path(inner),
            Job::LogSheet(id) => self.prefixed(&format!("planner/{id}/log-sheet/")),
            Job::Handout(id) => self.prefixed(&format!("planner/{id}/handout/")),
            Job::Summary(id) => self.prefixed(&format!("planner/{id}/summary/")),
            Job::Tags => self.prefixed("tags/"),
            Job::Tag(slug) => self.prefixed(&format!("tags/{slug}/")),
            Job::NotFound => "404.html".into(),
            Job::Search => self.prefixed(SEARCH_PATH),
            Job::AToZ => self.prefixed(AZ_PATH),
            Job::Manifest => offline::MANIFEST.into(),
            Job::ServiceWorker => offline::SERVICE_WORKER.into(),
            Job::Sitemap | Job::Robots => String::new(),
        }
    }

    fn page_ctx(&self, i: usize, url: String) -> PageCtx<'_> {
        let p = &self.c.pages[i];
        let months = p
            .meta
            .review_every_months
            .unwrap_or(self.c.config.review_every_months);
        let review = crate::render::trust::review_ctx(p.reviewed, months);
        // Source problems are errors reported by the build before anything is rendered.
        let trust = Some(crate::render::trust::page_trust(&self.links(), p).0);
        // In the page's language when translated, else marked as the default language's.
        let ladder = p.meta.ladder.as_ref().and_then(|id| {
            self.ladders.get(id).map(|l| {
                self.local(Link {
                    title: l.title.clone(),
                    url: l.url.clone(),
                    lang: None,
                    language: None,
                    title_lang: None,
                })
            })
        });
        // A translation has its original's tags: the tag pages of every language group
        // the same pages (docs/content-format.md, "Translations").
        let tagged = self.original(i).map_or(p, |j| &self.c.pages[j]);
        let tags = tagged
            .meta
            .tags
            .iter()
            .filter_map(|t| {
                // Each tag's slug made once (it was made twice).
                let slug = slugify(t);
                if slug.is_empty() {
                    return None;
                }
                let (title, title_lang) = self.topic(t);
                Some(Link {
                    title,
                    url: self.url(&self.prefixed(&format!("tags/{slug}/"))),
                    lang: None,
                    language: None,
                    title_lang,
                })
            })
            .collect();
        let mut breadcrumbs = Vec::new();
        let home = self.home_url();
        if !url.is_empty() && url != self.base && url != home {
            breadcrumbs.push(self.home_crumb());
            let mut acc = String::new();
            let sections: Vec<&str> = if p.kind == PageKind::Regular {
                p.section.split('/').filter(|s| !s.is_empty()).collect()
            } else {
                Vec::new()
            };
            for part in sections {
                acc = if acc.is_empty() {
                    part.to_string()
                } else {
                    format!("{acc}/{part}")
                };
                let title = self
                    .section_page(&acc)
                    .map(|q| q.meta.title.clone())
                    .unwrap_or_else(|| folder_title(&acc));
                breadcrumbs.push(self.local(Link {
                    title,
                    url: self.url(self.urls.path_of(&format!("{acc}/")).unwrap_or_default()),
                    lang: None,
                    language: None,
                    title_lang: None,
                }));
            }
        }
        PageCtx {
            title: p.meta.title.clone(),
            description: p.meta.description.clone(),
            url,
            content: match self.bodies {
                // Each regular page is rendered by one job: its body HTML is taken, and
                // freed once the page is made (see `site::State::bodies`).
                Some(b) if p.kind == PageKind::Regular => std::borrow::Cow::Owned(b.take(i)),
                _ => self.rendered[i].html.as_str().into(),
            },
            tags,
            review,
            ladder,
            breadcrumbs,
            trust,
        }
    }

    /// The pages `idx` (of the default language), as a listing sorts them.
    fn sorted_pages(&self, idx: &[usize]) -> Vec<ListItem> {
        let mut idx = idx.to_vec();
        // Each key made once (a lower-cased title), not twice per comparison; the same
        // order, since this sort is stable too.
        idx.sort_by_cached_key(|i| {
            sort_key(self.c.pages[*i].meta.weight, &self.c.pages[*i].meta.title)
        });
        idx.into_iter().map(|i| self.list_item(i)).collect()
    }

    /// A listing page's own text: its folder's index.md, or a bare page titled after the folder.
    fn listing_page(&self, section: &str, title: &str, url: &str) -> PageCtx<'_> {
        match self.listing_index(section) {
            Some(i) => self.page_ctx(i, url.to_string()),
            None => PageCtx {
                title: title.to_string(),
                description: None,
                url: url.to_string(),
                content: "".into(),
                tags: vec![],
                review: None,
                ladder: None,
                trust: None,
                breadcrumbs: if url == self.base || url == self.home_url() {
                    vec![]
                } else {
                    vec![self.home_crumb()]
                },
            },
        }
    }

    fn template_for(&self, i: Option<usize>, default: &str) -> Result<String, Diagnostic> {
        let Some(p) = i.map(|i| &self.c.pages[i]) else {
            return Ok(default.to_string());
        };
        // Only an error needs the line: finding it parses the front matter again.
        let line = || crate::yaml::line_of(&p.front_matter, 2, "template");
        let name = match &p.meta.template {
            None => return Ok(default.to_string()),
            Some(t) if self.r.has(t) => t.clone(),
            Some(t) if self.r.has(&format!("{t}.html")) => format!("{t}.html"),
            Some(t) => {
                return Err(Diagnostic::error(
                    "unknown-template",
                    &p.file,
                    format!("`template: {t}` does not exist"),
                )
                .at_line(line())
                .hint(format!(
                    "create `templates/{t}` in the site, or remove the `template` line"
                )));
            }
        };
        // The built-in templates of exercises, planners, tags and the like need what
        // only those pages have: showing a page with one fails inside the theme, where
        // the clinic can do nothing about it.
        let usable = page_templates(p.kind);
        if !usable.contains(&name.as_str()) && !self.r.is_sites_own(&name) {
            return Err(Diagnostic::error(
                "unknown-template",
                &p.file,
                format!(
                    "`template: {name}` is one of sinew's own templates for other pages, \
                     not for a page like this one"
                ),
            )
            .at_line(line())
            .hint(format!(
                "here you can use {}, or a template of your own in `templates/`; or remove \
                 the `template` line",
                usable.join(" or ")
            )));
        }
        Ok(name)
    }

    /// The clinic's file a page is made from, if it has one.
    fn source_of(&self, job: &Job) -> Option<&std::path::Path> {
        match job {
            Job::Target(_, Target::Page(i)) => Some(&self.c.pages[*i].file),
            Job::Target(_, Target::Section(s)) => self
                .sections
                .get(s.as_str())
                .map(|i| self.c.pages[*i].file.as_path()),
            Job::Target(_, Target::Exercise(id)) => Some(&self.c.exercises[id].file),
            Job::Target(_, Target::Planner(id)) | Job::LogSheet(id) => {
                Some(&self.c.ladders[id].file)
            }
            _ => None,
        }
    }

    /// Whether site search indexes what `job` makes, and if so the page's hidden search
    /// terms. Every kind of page is decided here, so a new kind must be too: drafts
    /// (built with `--drafts`), the 404 page, log sheets and handouts (printouts of a
    /// ladder its planner page already finds), progress summaries (made in the browser
    /// from a patient's own plan, `noindex`), tag lists (they only repeat titles),
    /// redirect pages (an old address of a page indexed at its own), the search page
    /// itself and the A-Z list (only titles) are never indexed.
    pub(crate) fn search_terms(&self, job: &Job) -> Option<&[String]> {
        const NONE: &[String] = &[];
        match job {
            Job::Target(_, target) => match target {
                Target::Page(i) => {
                    let p = &self.c.pages[*i];
                    (!p.meta.draft).then_some(p.meta.search_terms.as_slice())
                }
                Target::Section(s) => Some(self.section_terms(s)),
                Target::ExerciseList => Some(self.section_terms(content::EXERCISES_DIR)),
                Target::PlannerList => Some(self.section_terms(content::LADDERS_DIR)),
                Target::Exercise(id) => Some(self.c.exercises[id].data.search_terms.as_slice()),
                Target::Planner(id) => Some(self.c.ladders[id].data.search_terms.as_slice()),
                Target::Asset(_) | Target::Generated => None,
            },
            Job::Tags | Job::Tag(_) | Job::LogSheet(_) | Job::Handout(_) => None,
            Job::NotFound | Job::Search | Job::AToZ | Job::Redirect(..) => None,
            // A translated exercise or ladder is indexed in its language (its log sheet,
            // handout and summary are not, as in the site's language).
            Job::In(_, inner) => return self.search_terms(inner),
            // A patient's summary is private and made in the browser.
            Job::Summary(_) => None,
            Job::Sitemap | Job::Robots | Job::Manifest | Job::ServiceWorker => None,
        }
        .map(|t| if t.is_empty() { NONE } else { t })
    }

    /// The search terms of a folder's `index.md`, which is its listing's text.
    fn section_terms(&self, section: &str) -> &[String] {
        self.section_page(section)
            .filter(|p| !p.meta.draft)
            .map_or(&[], |p| p.meta.search_terms.as_slice())
    }

    /// Every page, exercise and exercise plan search indexes in the page's language, A
    /// to Z by first letter. In another language (`es`): its pages, and the exercises
    /// and plans translated into it.
    fn a_to_z(&self) -> Vec<AzGroup> {
        let mut items: Vec<AzItem> = Vec::new();
        if let Some(code) = self.lang {
            let exercises = self.tr.exercises.get(code).into_iter().flat_map(|m| {
                m.values()
                    .map(|e| (e.name.clone(), e.url.clone(), "az_kind_exercise"))
            });
            let ladders = self.tr.ladders.get(code).into_iter().flat_map(|m| {
                m.values()
                    .map(|l| (l.title.clone(), l.url.clone(), "az_kind_plan"))
            });
            for (title, url, kind) in exercises.chain(ladders) {
                items.push(AzItem {
                    title,
                    url,
                    kind: Some(self.word(kind, None)),
                });
            }
        }
        for (path, target) in self.urls.paths() {
            let page_lang = match target {
                Target::Page(i) => self.c.pages[*i].lang.as_deref(),
                _ => None,
            };
            if page_lang != self.lang {
                continue;
            }
            let kind = match target {
                Target::Page(i) if !self.c.pages[*i].meta.draft => None,
                Target::Section(s) if !s.is_empty() => None,
                Target::Exercise(_) => Some(self.word("az_kind_exercise", None)),
                Target::Planner(_) => Some(self.word("az_kind_plan", None)),
                _ => continue,
            };
            let title = match target {
                Target::Page(i) => self.c.pages[*i].meta.title.clone(),
                Target::Section(s) => self
                    .section_page(s)
                    .map(|p| p.meta.title.clone())
                    .unwrap_or_else(|| folder_title(s)),
                Target::Exercise(id) => self.exercises[id].name.clone(),
                Target::Planner(id) => self.ladders[id].title.clone(),
                _ => continue,
            };
            items.push(AzItem {
                title,
                url: self.url(path),
                kind,
            });
        }
        items.sort_by_cached_key(|a| (a.title.to_lowercase(), a.url.clone()));
        let mut groups: Vec<AzGroup> = Vec::new();
        for item in items {
            let first = item.title.chars().next().map_or('#', |c| c);
            let letter: String = if first.is_alphabetic() {
                first.to_uppercase().collect()
            } else {
                "#".into()
            };
            match groups.last_mut() {
                Some(g) if g.letter == letter => g.items.push(item),
                _ => groups.push(AzGroup {
                    letter,
                    items: vec![item],
                }),
            }
        }
        groups
    }

    /// The exercise finder's groups: by body region and by equipment.
    fn finder(&self, list: &[&ExerciseCtx]) -> Finder {
        let group = |values: fn(&ExerciseCtx) -> &[String], empty: &str, label: &str| {
            let mut groups: BTreeMap<String, FinderGroup> = BTreeMap::new();
            for e in list {
                let mut names: Vec<&str> = values(e).iter().map(|s| s.trim()).collect();
                names.retain(|n| !slugify(n).is_empty());
                if names.is_empty() {
                    names.push(empty);
                }
                for n in names {
                    let slug = slugify(n);
                    // A group named by an exercise not translated into the page's
                    // language has a name in the default language, marked as such.
                    let named_by = (slug != empty).then_some(e).and_then(|e| e.lang.as_ref());
                    let g = groups.entry(slug.clone()).or_insert_with(|| FinderGroup {
                        name: if slug == empty {
                            label.to_string()
                        } else {
                            capitalise(n)
                        },
                        slug,
                        exercises: Vec::new(),
                        lang: named_by.cloned(),
                        language: named_by.and(e.language.clone()),
                    });
                    if !g.exercises.iter().any(|x| x.id == e.id) {
                        g.exercises.push(finder_item(e));
                    }
                }
            }
            groups.into_values().collect()
        };
        let (other, none) = (
            self.word("finder_other_region", None),
            self.word("finder_no_equipment_group", None),
        );
        Finder {
            regions: group(|e| &e.body_regions, "other", &other),
            equipment: group(|e| &e.equipment, "none", &none),
        }
    }

    /// A folder's listing (`s`, `""` for the home page) in the page's language: its
    /// `index.md` (or translation), its pages and subfolders; returns the template.
    fn section_listing(
        &self,
        ctx: &mut tera::Context,
        s: &str,
        path: &str,
        url: &str,
    ) -> Result<String, Diagnostic> {
        let title = if s.is_empty() {
            self.c.config.title.clone()
        } else {
            folder_title(s)
        };
        let listing = self.listing_page(s, &title, url);
        let index = self.listing_index(s);
        if let Some(i) = index {
            ctx.insert(
                "jsonld",
                &jsonld::for_page(self.c, i, path, listing.review.as_ref(), self.code()),
            );
        }
        ctx.insert("page", &listing);
        let pages = self.sorted_pages(self.folders.pages.get(s).map_or(&[], Vec::as_slice));
        let subs = self.folders.subs.get(s).into_iter().flatten().map(|x| {
            let idx = self.section_page(x);
            let l = self.local(Link {
                title: idx
                    .map(|p| p.meta.title.clone())
                    .unwrap_or_else(|| folder_title(x)),
                url: self.url(self.urls.path_of(&format!("{x}/")).unwrap_or_default()),
                lang: None,
                language: None,
                title_lang: None,
            });
            let description = match self.listing_index(x) {
                Some(i) if l.lang.is_none() => self.c.pages[i].meta.description.clone(),
                _ => idx.and_then(|p| p.meta.description.clone()),
            };
            ListItem::new(l, description)
        });
        ctx.insert(
            "section",
            &SectionCtx {
                pages,
                subsections: subs.collect(),
            },
        );
        if s.is_empty() {
            ctx.insert("ladders", &self.ladder_list());
            self.template_for(index, "index.html")
        } else {
            self.template_for(index, "section.html")
        }
    }

    /// The list of exercises with its finder, in the page's language; returns the
    /// template.
    fn exercise_list(&self, ctx: &mut tera::Context, url: &str) -> String {
        ctx.insert(
            "page",
            &self.listing_page(
                content::EXERCISES_DIR,
                &self.word("nav_exercises", None),
                url,
            ),
        );
        let mut list: Vec<Cow<'_, ExerciseCtx>> = self
            .exercises
            .keys()
            .filter_map(|id| self.exercise_here(id))
            .collect();
        list.sort_by_cached_key(|e| e.name.to_lowercase());
        let refs: Vec<&ExerciseCtx> = list.iter().map(|e| e.as_ref()).collect();
        ctx.insert("finder", &self.finder(&refs));
        ctx.insert("exercises", &refs);
        "exercises.html".to_string()
    }

    /// The list of exercise plans in the page's language; returns the template.
    fn planner_list(&self, ctx: &mut tera::Context, url: &str) -> String {
        ctx.insert(
            "page",
            &self.listing_page(
                content::LADDERS_DIR,
                &self.word("exercise_plans", None),
                url,
            ),
        );
        ctx.insert("ladders", &self.ladder_list());
        "planners.html".to_string()
    }

    /// An exercise as a list in the page's language shows it: translated, or the
    /// default language's marked with its language.
    fn exercise_here(&self, id: &str) -> Option<Cow<'_, ExerciseCtx>> {
        let e = self.exercises.get(id)?;
        let Some(code) = self.lang else {
            return Some(Cow::Borrowed(e));
        };
        Some(match self.tr.exercises.get(code).and_then(|m| m.get(id)) {
            Some(x) => Cow::Borrowed(x),
            None => {
                let mut e = e.clone();
                e.lang = Some(self.c.config.language.clone());
                e.language = Some(self.language_name(&self.c.config.language));
                Cow::Owned(e)
            }
        })
    }

    /// Every ladder as a list in the page's language shows it: translated, or the
    /// default language's marked with its language.
    fn ladder_list(&self) -> Vec<Cow<'_, LadderCtx>> {
        self.ladders
            .keys()
            .map(|id| match self.lang {
                Some(code) => match self.tr.ladders.get(code).and_then(|m| m.get(id)) {
                    Some(l) => Cow::Borrowed(l),
                    None => {
                        let mut l = self.ladders[id].clone();
                        l.lang = Some(self.c.config.language.clone());
                        l.language = Some(self.language_name(&self.c.config.language));
                        Cow::Owned(l)
                    }
                },
                None => Cow::Borrowed(&self.ladders[id]),
            })
            .collect()
    }

    /// A language's name in the page's language ("inglés"), for the mark after its texts.
    fn language_name(&self, code: &str) -> String {
        self.tables.language_name_in(self.code(), code)
    }

    /// The language a job's page is written in, when it is one of the site's other
    /// languages (`None`: the site's `language`).
    fn job_lang<'j>(&'j self, job: &'j Job) -> Option<&'j str> {
        match job {
            Job::In(code, _) => Some(code.as_str()),
            Job::Target(_, Target::Page(i)) => self.c.pages[*i].lang.as_deref(),
            _ => None,
        }
    }

    /// The language search indexes a job's page in: its own (`es`), or the site's.
    pub(crate) fn search_lang<'j>(&'j self, job: &'j Job) -> &'j str {
        self.job_lang(job).unwrap_or(&self.c.config.language)
    }

    pub(crate) fn render_job(&self, job: &Job) -> Result<OutFile, Diagnostic> {
        // A translated page, exercise or ladder renders as the others, in its language.
        let lang = self.job_lang(job);
        if lang.is_some() && self.lang.is_none() {
            let me = RenderCtx { lang, ..*self };
            return match job {
                Job::In(_, inner) => me.render_job(inner),
                j => me.render_job(j),
            };
        }
        let mut ctx = tera::Context::new();
        // Structured data for `base.html`'s `<script type="application/ld+json">`.
        ctx.insert("jsonld", &None::<String>);
        self.language_vars(&mut ctx, &self.job_path(job));
        let (template, path) = match job {
            Job::Sitemap => {
                return Ok(OutFile {
                    path: "sitemap.xml".into(),
                    body: Body::Bytes(
                        // A generated page in another language is listed when its
                        // original is (exercises, planners and listings; not log
                        // sheets, handouts, summaries or tag pages).
                        sitemap(self.c, self.urls, &|p| {
                            self.tr.original_of.get(p).is_some_and(|o| {
                                self.urls
                                    .lookup_path(o)
                                    .is_some_and(|(_, t)| t != Target::Generated)
                            })
                        })
                        .into_bytes(),
                    ),
                });
            }
            Job::Robots => {
                return Ok(OutFile {
                    path: "robots.txt".into(),
                    body: Body::Bytes(robots(self.c).into_bytes()),
                });
            }
            Job::Target(path, target) => {
                let url = self.url(path);
                ctx.insert("current_url", &url);
                let template = match target {
                    // A folder's `index.<lang>.md` is the text of its listing in `<lang>`.
                    Target::Page(i)
                        if self.lang.is_some() && self.c.pages[*i].kind != PageKind::Regular =>
                    {
                        match self.c.pages[*i].section.as_str() {
                            content::EXERCISES_DIR => self.exercise_list(&mut ctx, &url),
                            content::LADDERS_DIR => self.planner_list(&mut ctx, &url),
                            s => self.section_listing(&mut ctx, s, path, &url)?,
                        }
                    }
                    Target::Page(i) => {
                        ctx.insert("print", &self.print(path, "qr_this_page", ""));
                        let page = self.page_ctx(*i, url);
                        ctx.insert(
                            "jsonld",
                            &jsonld::for_page(self.c, *i, path, page.review.as_ref(), self.code()),
                        );
                        ctx.insert("page", &page);
                        self.template_for(Some(*i), "page.html")?
                    }
                    Target::Section(s) => self.section_listing(&mut ctx, s, path, &url)?,
                    Target::ExerciseList => self.exercise_list(&mut ctx, &url),
                    Target::PlannerList => self.planner_list(&mut ctx, &url),
                    Target::Exercise(id) => {
                        let exercise = self.exercise(id).expect("every exercise has a context");
                        ctx.insert(
                            "jsonld",
                            &jsonld::for_exercise(self.c, exercise, path, &self.words()),
                        );
                        ctx.insert("print", &self.print(path, "qr_this_exercise", ""));
                        ctx.insert("exercise", exercise);
                        ctx.insert("used_by", &self.used_by(id));
                        "exercise.html".to_string()
                    }
                    Target::Planner(id) => {
                        let p = &self.c.ladders[id];
                        let l = self.ladder(id);
                        ctx.insert("ladder", l);
                        ctx.insert(
                            "jsonld",
                            &jsonld::for_planner(
                                self.c,
                                &|ex| {
                                    self.exercise(ex)
                                        .map_or_else(|| ex.to_string(), |e| e.name.clone())
                                },
                                l,
                                path,
                                self.base,
                                &self.words(),
                            ),
                        );
                        ctx.insert("print", &self.print(path, "qr_this_plan", ""));
                        ctx.insert("handout_url", &self.url(&format!("planner/{id}/handout/")));
                        ctx.insert("planner_json", &script_json(&self.planner_data(p, l)));
                        ctx.insert_value("planner_strings", self.planner_strings_json());
                        "planner.html".to_string()
                    }
                    Target::Asset(_) | Target::Generated => unreachable!("not rendered"),
                };
                (template, crate::render::file_for(path))
            }
            Job::Tags => {
                let list: Vec<ListItem> = self
                    .tags
                    .iter()
                    .map(|(slug, (name, pages))| ListItem {
                        title: self.topic(name).0,
                        title_lang: self.topic(name).1,
                        url: self.url(&self.prefixed(&format!("tags/{slug}/"))),
                        description: Some(self.word(
                            "tag_pages",
                            Some(i64::try_from(pages.len()).unwrap_or(i64::MAX)),
                        )),
                        lang: None,
                        language: None,
                    })
                    .collect();
                let path = self.prefixed("tags/");
                ctx.insert("current_url", &self.url(&path));
                ctx.insert("tags", &list);
                ("tags.html".to_string(), format!("{path}index.html"))
            }
            Job::Tag(slug) => {
                let (name, pages) = &self.tags[slug];
                let mut items: Vec<usize> = pages.clone();
                items.sort_by_cached_key(|i| {
                    sort_key(self.c.pages[*i].meta.weight, &self.c.pages[*i].meta.title)
                });
                let path = self.prefixed(&format!("tags/{slug}/"));
                ctx.insert("current_url", &self.url(&path));
                ctx.insert("tags_url", &self.url(&self.prefixed("tags/")));
                ctx.insert("tag", &{
                    let (title, title_lang) = self.topic(name);
                    Link {
                        title,
                        url: self.url(&path),
                        lang: None,
                        language: None,
                        title_lang,
                    }
                });
                ctx.insert(
                    "pages",
                    &items
                        .into_iter()
                        .map(|i| self.list_item(i))
                        .collect::<Vec<_>>(),
                );
                ("tag.html".to_string(), format!("{path}index.html"))
            }
            Job::LogSheet(id) => {
                let path = self.prefixed(&format!("planner/{id}/log-sheet/"));
                ctx.insert("current_url", &self.url(&path));
                ctx.insert("ladder", self.ladder(id));
                ctx.insert(
                    "print",
                    &self.print(&self.prefixed(&format!("planner/{id}/")), "qr_the_plan", ""),
                );
                ("log-sheet.html".to_string(), format!("{path}index.html"))
            }
            Job::Summary(id) => {
                let path = self.prefixed(&format!("planner/{id}/summary/"));
                ctx.insert("current_url", &self.url(&path));
                let l = self.ladder(id);
                ctx.insert("ladder", l);
                ctx.insert(
                    "planner_json",
                    &script_json(&self.planner_data(&self.c.ladders[id], l)),
                );
                ctx.insert_value("planner_strings", self.planner_strings_json());
                ("summary.html".to_string(), format!("{path}index.html"))
            }
            Job::Manifest => {
                return Ok(OutFile {
                    path: offline::MANIFEST.into(),
                    body: Body::Bytes(offline::manifest(&self.c.config).into_bytes()),
                });
            }
            Job::ServiceWorker => {
                return Err(Diagnostic::error(
                    "internal",
                    offline::SERVICE_WORKER,
                    "the service worker is made after every other file",
                )
                .hint("this is a bug in sinew: please report it"));
            }
            Job::Redirect(from, i) => {
                let to = self.url(
                    self.urls
                        .path_of(&self.c.pages[*i].source)
                        .unwrap_or_default(),
                );
                let canonical = self.c.config.absolute_url(
                    self.urls
                        .path_of(&self.c.pages[*i].source)
                        .unwrap_or_default(),
                );
                ctx.insert("current_url", &self.url(from));
                ctx.insert(
                    "redirect",
                    &RedirectCtx {
                        title: self.c.pages[*i].meta.title.clone(),
                        url: to,
                        canonical,
                    },
                );
                let file = if from.ends_with('/') {
                    crate::render::file_for(from)
                } else {
                    from.clone()
                };
                ("redirect.html".to_string(), file)
            }
            Job::Handout(id) => {
                let path = self.prefixed(&format!("planner/{id}/handout/"));
                ctx.insert("current_url", &self.url(&path));
                let l = self.ladder(id);
                ctx.insert("ladder", l);
                ctx.insert(
                    "print",
                    &self.print(&self.prefixed(&format!("planner/{id}/")), "qr_the_plan", ""),
                );
                let steps: Vec<HandoutStep<'_>> = l
                    .stages
                    .iter()
                    .zip(&self.c.ladders[id].data.stages)
                    .filter_map(|(stage, s)| {
                        let exercise = self.exercise_here(&s.exercise)?;
                        // The exercise's own page in this language, when it has one.
                        let page = exercise
                            .url
                            .strip_prefix(self.base)
                            .unwrap_or(&exercise.url)
                            .to_string();
                        let print = self.print(&page, "qr_page_of", &exercise.name);
                        Some(HandoutStep {
                            stage,
                            exercise,
                            print,
                        })
                    })
                    .collect();
                ctx.insert("steps", &steps);
                ("handout.html".to_string(), format!("{path}index.html"))
            }
            Job::In(..) => unreachable!("rendered in its language above"),
            Job::NotFound => {
                ctx.insert("current_url", &self.url("404.html"));
                ("404.html".to_string(), "404.html".to_string())
            }
            Job::Search => {
                let path = self.prefixed(SEARCH_PATH);
                ctx.insert("current_url", &self.url(&path));
                ctx.insert("az_url", &self.url(&self.prefixed(AZ_PATH)));
                // The language's stop words, which the search script leaves out of a
                // query that has other words (`i18n`'s `stop_words`).
                let stop = self
                    .tables
                    .get(self.code())
                    .map_or(String::new(), |t| t.stop_words.join(" "));
                ctx.insert("stop_words", &stop);
                ctx.insert(
                    "search_script",
                    &crate::search::ENABLED.then(|| self.url(crate::search::SCRIPT)),
                );
                ("search.html".to_string(), format!("{path}index.html"))
            }
            Job::AToZ => {
                let path = self.prefixed(AZ_PATH);
                ctx.insert("current_url", &self.url(&path));
                ctx.insert("az", &self.a_to_z());
                ("a-z.html".to_string(), format!("{path}index.html"))
            }
        };
        let html = self
            .r
            .render_bytes(&template, &ctx)
            .map_err(|d| in_clinic_file(d, &template, self.source_of(job)))?;
        Ok(OutFile {
            path,
            body: Body::Bytes(html),
        })
    }

    /// The ladders and pages that use exercise `id`, in the page's language: each
    /// ladder and page translated when it is, else marked with the default language.
    fn used_by(&self, id: &str) -> UsedBy {
        let mut ladders = Vec::new();
        for (lid, l) in self.ladders {
            // Most ladders do not use the exercise: looked at once, not per stage.
            let stages = &self.c.ladders[lid].data.stages;
            if !stages.iter().any(|s| s.exercise == id) {
                continue;
            }
            let here = self.ladder(lid);
            for (i, s) in here.stages.iter().enumerate() {
                if stages[i].exercise == id {
                    ladders.push(LadderPlace {
                        ladder: self.local(Link {
                            title: l.title.clone(),
                            url: l.url.clone(),
                            lang: None,
                            language: None,
                            title_lang: None,
                        }),
                        step: s.number,
                        of: here.stages.len(),
                        previous: i.checked_sub(1).map(|j| here.stages[j].exercise.clone()),
                        next: here.stages.get(i + 1).map(|n| n.exercise.clone()),
                    });
                }
            }
        }
        // Pages of the default language, each then shown in the page's language (a
        // translation links the exercise too, but is listed through its original).
        let mut pages: Vec<Link> = self
            .inbound
            .get(&Target::Exercise(id.to_string()))
            .into_iter()
            .flatten()
            .filter(|i| self.c.pages[**i].lang.is_none())
            .map(|i| self.page_link(*i))
            .collect();
        pages.sort();
        pages.dedup();
        UsedBy { ladders, pages }
    }

    /// A link's text for the planner's script, which links and names an exercise by it:
    /// "Step-up (English)" for an exercise not translated into the page's language.
    fn marked_name(&self, l: &Link) -> String {
        match &l.lang {
            Some(lang) => format!("{} {}", l.title, self.tables.marker(self.code(), lang)),
            None => l.title.clone(),
        }
    }

    /// The mark after words in `lang` on this page ("(en inglés)"), if any.
    fn mark_of(&self, lang: Option<&str>) -> Option<String> {
        lang.map(|l| self.tables.marker(self.code(), l))
    }

    /// The planner's texts in the page's language, for its `#sinew-strings` island.
    fn planner_strings(&self) -> Option<&crate::i18n::PlannerStrings> {
        self.tables.get(self.code()).map(|l| &l.planner)
    }

    /// [`RenderCtx::planner_strings`] as the page embeds it (`script_json`), made once
    /// per language ([`Shared`]).
    fn planner_strings_json(&self) -> tera::Value {
        match self.shared.strings.get(self.code()) {
            Some(made) => made.clone(),
            None => tera::Value::from(script_json(&self.planner_strings())),
        }
    }

    fn planner_data(&self, p: &content::Ladder, l: &LadderCtx) -> PlannerData {
        let d = &p.data;
        // The clinic's advice for when it is closed, in the page's language or marked.
        let ooh = self
            .c
            .config
            .text_in(crate::config::SiteText::OutOfHours, self.code());
        PlannerData {
            id: p.id.clone(),
            // In the page's language (the ladder's `translations:`).
            title: l.title.clone(),
            times_per_day: d.times_per_day,
            pain: d.pain,
            clinic: PlannerClinic {
                name: self.c.config.clinic.name.clone(),
                phone: self.c.config.clinic.phone.clone(),
                // As the theme shows it: a page of the site at its published address
                // (with the site's folder), never as written in site.yaml.
                booking_url: self.c.config.clinic.booking_url.as_ref().map(|b| {
                    links(self.c, self.urls, self.base)
                        .check("", b)
                        .map_or_else(|_| "#".to_string(), |h| h.url)
                }),
                out_of_hours: ooh.as_ref().map(|(t, _)| t.clone()),
                out_of_hours_mark: ooh
                    .as_ref()
                    .and_then(|(_, l)| Some(self.tables.marker(self.code(), l.as_ref()?))),
                out_of_hours_lang: ooh.and_then(|(_, l)| l),
            },
            stages: d
                .stages
                .iter()
                .zip(&l.stages)
                .map(|(s, sc)| PlannerStage {
                    exercise: s.exercise.clone(),
                    name: self.marked_name(&sc.exercise),
                    name_lang: sc.exercise.lang.clone(),
                    name_mark: self.mark_of(sc.exercise.lang.as_deref()),
                    url: sc.exercise.url.clone(),
                    video: sc.video.clone(),
                    start: s.start,
                    target: s.target,
                    days: s.days,
                    // As on the page: a stage without a hold holds as its exercise does.
                    hold_seconds: sc.hold_seconds,
                })
                .collect(),
            milestones: d
                .milestones
                .iter()
                .zip(&l.milestones)
                .map(|(m, mc)| PlannerMilestone {
                    exercise: m.exercise.clone(),
                    name: self.marked_name(&mc.exercise),
                    name_lang: mc.exercise.lang.clone(),
                    name_mark: self.mark_of(mc.exercise.lang.as_deref()),
                    reps: m.reps,
                    // In the page's language (the ladder's `translations:`), as on the page.
                    unlocks: mc.unlocks.clone(),
                    link: mc.link.clone(),
                    link_lang: mc.link_lang.clone(),
                    link_mark: self.mark_of(mc.link_lang.as_deref()),
                })
                .collect(),
            pacing: l.pacing.clone(),
            pacing_lang: l.pacing_lang.clone(),
            pacing_mark: self.mark_of(l.pacing_lang.as_deref()),
            schedule: crate::planner::ideal_schedule(&d.stages),
        }
    }
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
