//! Rendering one output file (`render_job`: one arm per kind of `Job`), and the
//! ladders and pages an exercise's page lists as using it.

use super::{AZ_PATH, Job, RenderCtx, SEARCH_PATH, in_clinic_file};
use crate::content::{self, PageKind};
use crate::diagnostic::Diagnostic;
use crate::link::Target;
use crate::link::scan::NOT_FOUND;
use crate::render::context::*;
use crate::render::sitemap::{SITE_ADDRESS_CSS, robots, site_address_css, sitemap};
use crate::render::{Body, OutFile, sort_key};
use crate::render::{jsonld, offline, script_json};

impl RenderCtx<'_> {
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
            Job::SiteAddress => {
                return Ok(OutFile {
                    path: SITE_ADDRESS_CSS.into(),
                    // Listed by `generated` only with a full `base_url`.
                    body: Body::Bytes(
                        site_address_css(&self.c.config)
                            .unwrap_or_default()
                            .into_bytes(),
                    ),
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
                let path = self.prefixed(NOT_FOUND);
                ctx.insert("current_url", &self.url(&path));
                ctx.insert("other_languages", &self.not_found_in_others());
                if let Some(code) = self.lang {
                    // A reader lost under `/es/` is sent to the Spanish home page.
                    ctx.insert("home_url", &self.url(&format!("{code}/")));
                }
                ("404.html".to_string(), path)
            }
            Job::LanguageHome => {
                let path = self.prefixed("");
                ctx.insert("current_url", &self.url(&path));
                let code = self.code();
                let mut translated: Vec<usize> = (self.c.pages.iter().enumerate())
                    .filter(|(_, p)| p.lang.as_deref() == Some(code) && p.kind == PageKind::Regular)
                    .map(|(i, _)| i)
                    .collect();
                let pages = &self.c.pages;
                translated
                    .sort_by_cached_key(|i| sort_key(pages[*i].meta.weight, &pages[*i].meta.title));
                let items: Vec<ListItem> = translated.iter().map(|i| self.list_item(*i)).collect();
                ctx.insert("pages", &items);
                let default = &self.c.config.language;
                ctx.insert("default_lang", default);
                ctx.insert(
                    "default_language",
                    &self.tables.language_name_in(code, default),
                );
                (
                    "language-home.html".to_string(),
                    format!("{path}index.html"),
                )
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

    /// The page-not-found words in each of the site's other languages, for the root
    /// `404.html` (none on a language's own `404.html`, which is in that language).
    fn not_found_in_others(&self) -> Vec<NotFoundIn> {
        if self.lang.is_some() {
            return Vec::new();
        }
        let word = |code: &str, key: &str| crate::render::pages::word(self.tables, code, key, None);
        self.c
            .config
            .languages
            .iter()
            .map(|code| NotFoundIn {
                lang: code.clone(),
                dir: match self.tables.get(code).map(|l| l.direction) {
                    Some(crate::i18n::Direction::Rtl) => "rtl",
                    _ => "ltr",
                }
                .to_string(),
                heading: word(code, "not_found_heading"),
                text: word(code, "not_found_text"),
                home: word(code, "not_found_home"),
                home_url: self.url(&format!("{code}/")),
            })
            .collect()
    }

    /// The ladders and pages that use exercise `id`, in the page's language: each
    /// ladder and page translated when it is, else marked with the default language.
    pub(super) fn used_by(&self, id: &str) -> UsedBy {
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
}
