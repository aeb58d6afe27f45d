//! What a page's context is made of, looked up in the page's language: its words,
//! home page, exercises and ladders, addresses, links to translations, and the other
//! languages' versions of a page.

use super::{AZ_PATH, Job, RenderCtx, SEARCH_PATH, qr_label, word};
use crate::content;
use crate::link::Target;
use crate::link::scan::NOT_FOUND;
use crate::render::context::*;
use crate::render::{jsonld, offline};

impl RenderCtx<'_> {
    /// The language being rendered.
    pub(super) fn code(&self) -> &str {
        self.lang.unwrap_or(&self.c.config.language)
    }

    /// A text of the page's language from the string tables.
    pub(super) fn word(&self, key: &str, n: Option<i64>) -> String {
        word(self.tables, self.code(), key, n)
    }

    /// The words structured data uses, in the page's language.
    pub(super) fn words(&self) -> jsonld::Words<'_> {
        jsonld::Words {
            tables: self.tables,
            lang: self.code(),
        }
    }

    /// The home page in the page's language (the default one's when not translated).
    pub(super) fn home_url(&self) -> String {
        match self.lang.and_then(|code| self.tr.path_in("", code)) {
            Some(p) => self.url(p),
            None => self.base.to_string(),
        }
    }

    /// The first breadcrumb: the home page in the page's language, marked with the
    /// default language when that language has no home page of its own.
    pub(super) fn home_crumb(&self) -> Link {
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
    pub(super) fn topic(&self, name: &str) -> (String, Option<String>) {
        match self.lang {
            None => (name.to_string(), None),
            Some(code) => match self.c.config.topic_in(name, code) {
                Some(t) => (t.to_string(), None),
                None => (name.to_string(), Some(self.c.config.language.clone())),
            },
        }
    }

    /// An exercise as the page's language shows it.
    pub(super) fn exercise(&self, id: &str) -> Option<&ExerciseCtx> {
        self.lang
            .and_then(|code| self.tr.exercises.get(code)?.get(id))
            .or_else(|| self.exercises.get(id))
    }

    /// A ladder as the page's language shows it.
    pub(super) fn ladder(&self, id: &str) -> &LadderCtx {
        self.lang
            .and_then(|code| self.tr.ladders.get(code)?.get(id))
            .unwrap_or(&self.ladders[id])
    }

    /// `planner/` in the default language, `es/planner/` in Spanish.
    pub(super) fn prefixed(&self, path: &str) -> String {
        match self.lang {
            Some(code) => [code, "/", path].concat(),
            None => path.to_string(),
        }
    }

    /// What every page's template needs to know of its language: `lang`, `dir`,
    /// `texts`, `home_url`, `nav`, `switcher` and `alternates`.
    ///
    /// `path` is the page's output path, which finds its versions in other languages.
    pub(super) fn language_vars(&self, ctx: &mut tera::Context, path: &str) {
        let code = self.code();
        let rtl = self
            .tables
            .get(code)
            .is_some_and(|l| l.direction == crate::i18n::Direction::Rtl);
        ctx.insert("lang", code);
        ctx.insert("dir", if rtl { "rtl" } else { "ltr" });
        if let Some(texts) = self.shared.texts.get(code) {
            ctx.insert_value("texts", texts.clone());
        }
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

    /// The address of output path `path`: the base and the path, joined by `concat`
    /// (`format!` cost about 600 instructions a call here; a 10,000-page build makes
    /// 150,000 addresses: bench/RESULTS.md, twelfth pass).
    pub(super) fn url(&self, path: &str) -> String {
        [self.base, path].concat()
    }

    /// The printed address of the page at output path `path` and its QR code, which a
    /// screen reader calls by `what` (a key of the tables, with `{name}`).
    /// The label is made only for a QR code (a full `base_url`): every page has a
    /// printed address, and its label's words cost 3,000 instructions a page.
    pub(super) fn print(&self, path: &str, what: &str, name: &str) -> PrintCtx {
        let label = || qr_label(self.tables, self.code(), what, name);
        crate::render::data::print_ctx(path, self.base, &self.c.config, &label)
    }

    /// The `index.md` page of a folder (`""` is the top, whose page is the home page).
    pub(super) fn section_page(&self, section: &str) -> Option<&content::Page> {
        self.sections.get(section).map(|i| &self.c.pages[*i])
    }

    /// The link to page `i` (of the default language) from a page in the page's
    /// language: see [`RenderCtx::local`].
    pub(super) fn page_link(&self, i: usize) -> Link {
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
    pub(super) fn local(&self, mut l: Link) -> Link {
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
    pub(super) fn list_item(&self, i: usize) -> ListItem {
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
    pub(super) fn listing_index(&self, section: &str) -> Option<usize> {
        match self.lang {
            Some(code) => self.tr.index_pages.get(code)?.get(section).copied(),
            None => self.sections.get(section).copied(),
        }
    }

    /// The default-language page a translated page `i` translates, if it is one.
    pub(super) fn original(&self, i: usize) -> Option<usize> {
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

    pub(super) fn links(&self) -> crate::link::Links<'_> {
        crate::link::Links {
            urls: self.urls,
            drafts: &self.c.drafts,
            broken: &self.c.broken_ids,
            base: self.base,
        }
    }

    /// The output path a job writes (the page's address), for finding its translations.
    pub(super) fn job_path(&self, job: &Job) -> String {
        match job {
            Job::Target(path, _) | Job::Redirect(path, _) => path.clone(),
            Job::In(_, inner) => self.job_path(inner),
            Job::LogSheet(id) => self.prefixed(&format!("planner/{id}/log-sheet/")),
            Job::Handout(id) => self.prefixed(&format!("planner/{id}/handout/")),
            Job::Summary(id) => self.prefixed(&format!("planner/{id}/summary/")),
            Job::Tags => self.prefixed("tags/"),
            Job::Tag(slug) => self.prefixed(&format!("tags/{slug}/")),
            Job::NotFound => self.prefixed(NOT_FOUND),
            Job::LanguageHome => self.prefixed(""),
            Job::Search => self.prefixed(SEARCH_PATH),
            Job::AToZ => self.prefixed(AZ_PATH),
            Job::Manifest => offline::MANIFEST.into(),
            Job::ServiceWorker => offline::SERVICE_WORKER.into(),
            Job::Sitemap | Job::Robots | Job::SiteAddress => String::new(),
        }
    }
}
