//! Whether search indexes a job's page, with its hidden search terms, and in which
//! language.

use super::{Job, RenderCtx};
use crate::content;
use crate::link::Target;

impl RenderCtx<'_> {
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
            Job::NotFound | Job::LanguageHome | Job::Search | Job::AToZ | Job::Redirect(..) => None,
            // A translated exercise or ladder is indexed in its language (its log sheet,
            // handout and summary are not, as in the site's language).
            Job::In(_, inner) => return self.search_terms(inner),
            // A patient's summary is private and made in the browser.
            Job::Summary(_) => None,
            Job::Sitemap | Job::Robots | Job::SiteAddress | Job::Manifest | Job::ServiceWorker => {
                None
            }
        }
        .map(|t| if t.is_empty() { NONE } else { t })
    }

    /// The search terms of a folder's `index.md`, which is its listing's text.
    pub(super) fn section_terms(&self, section: &str) -> &[String] {
        self.section_page(section)
            .filter(|p| !p.meta.draft)
            .map_or(&[], |p| p.meta.search_terms.as_slice())
    }

    /// The language a job's page is written in, when it is one of the site's other
    /// languages (`None`: the site's `language`).
    pub(super) fn job_lang<'j>(&'j self, job: &'j Job) -> Option<&'j str> {
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
}
