//! What rendering one page's Markdown needs from the rest of the site ([`MarkdownCtx`]),
//! and the shortcodes it puts in the page (an exercise or a ladder through its template).

use crate::content::{Content, Page};
use crate::diagnostic::did_you_mean;
use crate::link::{Links, UrlMap};
use crate::markdown::{self, Rendered, Shortcode};
use crate::render::Renderer;
use crate::render::context::{ExerciseCtx, LadderCtx};
use std::collections::BTreeMap;

/// What rendering one page's Markdown needs from the rest of the site.
pub(crate) struct MarkdownCtx<'a> {
    pub(super) c: &'a Content,
    pub(super) urls: &'a UrlMap,
    pub(super) base: &'a str,
    /// `None` when the templates do not compile: shortcodes then render as nothing.
    pub(super) renderer: Option<&'a Renderer>,
    pub(super) exercises: &'a BTreeMap<String, ExerciseCtx>,
    pub(super) ladders: &'a BTreeMap<String, LadderCtx>,
    pub(super) keep_text: bool,
    /// The site's other languages: a translated page's shortcodes speak its language.
    pub(super) tr: &'a crate::render::langs::Translations,
    /// The string tables: a table's region is named in the page's language.
    pub(super) tables: &'a crate::i18n::Tables,
}

impl MarkdownCtx<'_> {
    /// Renders `p`'s Markdown (which need not be in the content yet).
    pub(crate) fn render(&self, p: &Page) -> Rendered {
        let shortcode = |sc: &Shortcode| self.shortcode(sc, p.lang.as_deref());
        let lang = p.lang.as_deref().unwrap_or(&self.c.config.language);
        // A site table without the text has already failed the build (`i18n::keys`).
        let table_label = self
            .tables
            .get(lang)
            .and_then(|t| t.text("table_label"))
            .map_or("", |t| t.form(None));
        let env = markdown::Env {
            table_label,
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
