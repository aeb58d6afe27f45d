//! A page's own context (`page`: its text, tags, review, breadcrumbs) and the
//! template that shows it.

use super::{Job, RenderCtx, folder_title, page_templates};
use crate::content::PageKind;
use crate::diagnostic::Diagnostic;
use crate::link::Target;
use crate::names::slugify;
use crate::render::context::*;
use rustc_hash::FxHashMap;
use std::sync::Mutex;

/// The parts of page contexts that many pages share, made into template values once in
/// each render pass (`site::render_jobs` makes it empty for each) and cloned into each
/// page's `page` (a counter increment): a folder's breadcrumbs and a tag's link, by
/// language. Made again for every page they were about 5,000 instructions of its
/// context, serialised field by field into Tera's maps and freed after it
/// (bench/RESULTS.md, twelfth pass).
#[derive(Default)]
pub(crate) struct PageValues {
    /// Breadcrumbs by language and folder (see `RenderCtx::breadcrumbs`).
    crumbs: Mutex<FxHashMap<String, tera::Value>>,
    /// A tag's link by language and tag as written; `None` for a tag with no slug.
    tags: Mutex<FxHashMap<String, Option<tera::Value>>>,
}

/// The key of a value of `PageValues`: the language (`""` for the site's) and `what`.
fn values_key(lang: Option<&str>, what: &str) -> String {
    [lang.unwrap_or(""), "\0", what].concat()
}

/// The value `made` has under `key`, made by `make` the first time (outside the lock:
/// two threads may both make it, the same value).
fn made_once<V: Clone>(
    made: &Mutex<FxHashMap<String, V>>,
    key: String,
    make: impl FnOnce() -> V,
) -> V {
    let lock = || made.lock().expect("no panics while holding the lock");
    if let Some(v) = lock().get(&key) {
        return v.clone();
    }
    let v = make();
    lock().insert(key, v.clone());
    v
}

impl RenderCtx<'_> {
    pub(super) fn page_ctx(&self, i: usize, url: String) -> PageCtx<'_> {
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
            .filter_map(|t| self.tag_link(t))
            .collect();
        let home = self.home_url();
        let breadcrumbs = if !url.is_empty() && url != self.base && url != home {
            self.breadcrumbs((p.kind == PageKind::Regular).then_some(p.section.as_str()))
        } else {
            tera::Value::from(Vec::<tera::Value>::new())
        };
        PageCtx {
            title: p.meta.title.clone(),
            description: p.meta.description.clone(),
            url,
            content: match self.bodies {
                // Each regular page is rendered by one job: its body HTML is taken, and
                // freed once the page is made (see `site::State::bodies`).
                Some(b) if p.kind == PageKind::Regular => std::borrow::Cow::Owned(b.take(i)),
                _ => match self.own_html.binary_search_by_key(&i, |(at, _)| *at) {
                    Ok(k) => self.own_html[k].1.as_str().into(),
                    Err(_) => self.rendered[i].html.as_str().into(),
                },
            },
            tags,
            review,
            ladder,
            breadcrumbs,
            trust,
        }
    }

    /// The link to the tag page of tag `t` (as written in a page's `tags`), in the
    /// page's language; `None` when `t` has no slug (no letter or digit). Made once a
    /// render pass ([`PageValues`]).
    fn tag_link(&self, t: &str) -> Option<tera::Value> {
        made_once(&self.values.tags, values_key(self.lang, t), || {
            let slug = slugify(t);
            (!slug.is_empty()).then(|| {
                let (title, title_lang) = self.topic(t);
                tera::Value::from_serializable(&Link {
                    title,
                    url: self.url(&self.prefixed(&["tags/", &slug, "/"].concat())),
                    lang: None,
                    language: None,
                    title_lang,
                })
            })
        })
    }

    /// The breadcrumbs of a page of folder `section` (`None`: a folder's own page or
    /// the home page, whose trail is the home page alone), in the page's language: the
    /// home page, then each folder on the way with its page's title (or the folder's
    /// name). Made once a render pass ([`PageValues`]).
    pub(super) fn breadcrumbs(&self, section: Option<&str>) -> tera::Value {
        let what = section.map_or("-".to_string(), |s| ["+", s].concat());
        made_once(&self.values.crumbs, values_key(self.lang, &what), || {
            let mut trail = vec![self.home_crumb()];
            let mut acc = String::new();
            for part in section
                .unwrap_or_default()
                .split('/')
                .filter(|s| !s.is_empty())
            {
                if !acc.is_empty() {
                    acc.push('/');
                }
                acc.push_str(part);
                let title = self
                    .section_page(&acc)
                    .map(|q| q.meta.title.clone())
                    .unwrap_or_else(|| folder_title(&acc));
                trail.push(self.local(Link {
                    title,
                    url: self.url(self.urls.path_of(&[&acc, "/"].concat()).unwrap_or_default()),
                    lang: None,
                    language: None,
                    title_lang: None,
                }));
            }
            tera::Value::from_serializable(&trail)
        })
    }

    pub(super) fn template_for(
        &self,
        i: Option<usize>,
        default: &str,
    ) -> Result<String, Diagnostic> {
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
    pub(super) fn source_of(&self, job: &Job) -> Option<&std::path::Path> {
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
}
