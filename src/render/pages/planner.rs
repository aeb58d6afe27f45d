//! The planner page's data (`PlannerData`) and the marks after texts in another
//! language that it embeds.

use super::RenderCtx;
use super::menu::links;
use crate::content;
use crate::render::context::*;
use crate::render::planner_data::*;
use crate::render::script_json;

impl RenderCtx<'_> {
    /// A link's text for the planner's script, which links and names an exercise by it:
    /// "Step-up (English)" for an exercise not translated into the page's language.
    pub(super) fn marked_name(&self, l: &Link) -> String {
        match &l.lang {
            Some(lang) => format!("{} {}", l.title, self.tables.marker(self.code(), lang)),
            None => l.title.clone(),
        }
    }

    /// The mark after words in `lang` on this page ("(en inglés)"), if any.
    pub(super) fn mark_of(&self, lang: Option<&str>) -> Option<String> {
        lang.map(|l| self.tables.marker(self.code(), l))
    }

    /// The planner's texts in the page's language, for its `#sinew-strings` island.
    pub(super) fn planner_strings(&self) -> Option<&crate::i18n::PlannerStrings> {
        self.tables.get(self.code()).map(|l| &l.planner)
    }

    /// [`RenderCtx::planner_strings`] as the page embeds it (`script_json`), made once
    /// per language ([`Shared`]).
    pub(super) fn planner_strings_json(&self) -> tera::Value {
        match self.shared.strings.get(self.code()) {
            Some(made) => made.clone(),
            None => tera::Value::from(script_json(&self.planner_strings())),
        }
    }

    pub(super) fn planner_data(&self, p: &content::Ladder, l: &LadderCtx) -> PlannerData {
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
