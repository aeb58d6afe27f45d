//! A page's own context (`page`: its text, tags, review, breadcrumbs) and the
//! template that shows it.

use super::{Job, RenderCtx, folder_title, page_templates};
use crate::content::PageKind;
use crate::diagnostic::Diagnostic;
use crate::link::Target;
use crate::names::slugify;
use crate::render::context::*;

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
            .filter_map(|t| {
                // Each tag's slug made once (it was made twice).
                let slug = slugify(t);
                if slug.is_empty() {
                    return None;
                }
                let (title, title_lang) = self.topic(t);
                Some(Link {
                    title,
                    url: self.url(&self.prefixed(&["tags/", &slug, "/"].concat())),
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
                if !acc.is_empty() {
                    acc.push('/');
                }
                acc.push_str(part);
                let title = self
                    .section_page(&acc)
                    .map(|q| q.meta.title.clone())
                    .unwrap_or_else(|| folder_title(&acc));
                breadcrumbs.push(self.local(Link {
                    title,
                    url: self.url(self.urls.path_of(&[&acc, "/"].concat()).unwrap_or_default()),
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
