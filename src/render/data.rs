//! What templates see of exercises and ladders: their contexts, with ladder links
//! resolved and the ideal schedule computed.

use crate::content::{self, Content};
use crate::diagnostic::Diagnostic;
use crate::link::{LinkError, Links, Target, UrlMap};
use crate::render::context::*;
use std::collections::BTreeMap;

/// What templates see of exercise `e`; `media` holds its checked picture and video
/// addresses (`link::exercise_media`).
pub(crate) fn exercise_ctx(
    e: &content::Exercise,
    base: &str,
    media: crate::link::Media,
) -> ExerciseCtx {
    let d = &e.data;
    ExerciseCtx {
        id: e.id.clone(),
        name: d.name.clone(),
        url: format!("{base}exercises/{}/", e.id),
        summary: d.summary.clone(),
        steps: d.steps.clone(),
        video: media.video,
        image: media.image,
        image_alt: d.image_alt.clone(),
        cautions: d.cautions.clone(),
        body_regions: d.body_regions.clone(),
        equipment: d.equipment.clone(),
        dose: d.dose.describe(),
    }
}

/// Checks an address written in a ladder's YAML (a file in `content/programs/`, so a
/// relative address starts there) through [`Links::check`]: the URL to carry and what
/// it points at.
fn yaml_link(
    value: &str,
    c: &Content,
    urls: &UrlMap,
    base: &str,
) -> Result<(String, Target), (String, String)> {
    let links = Links {
        urls,
        drafts: &c.drafts,
        broken: &c.broken_ids,
        base,
    };
    match links.check(crate::content::LADDERS_DIR, value) {
        Ok(href) => Ok((
            href.url,
            href.target.map_or(Target::Generated, |r| r.target),
        )),
        // A link to a file that failed to load is already reported with that file, and
        // a refused scheme by `content` (the milestone's `link`) while loading.
        Err(LinkError::TargetBroken | LinkError::Unsafe(_)) => {
            Ok(("#".to_string(), Target::Generated))
        }
        Err(LinkError::Broken(msg, hint)) => Err((msg, hint)),
    }
}

pub(crate) fn ladder_ctx(
    p: &content::Ladder,
    c: &Content,
    urls: &UrlMap,
    exercises: &BTreeMap<String, ExerciseCtx>,
    base: &str,
) -> (LadderCtx, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let d = &p.data;
    let line = |needle: &str| crate::yaml::line_of(&p.text, 1, needle);
    let ex_link = |id: &str| match exercises.get(id) {
        Some(e) => Link {
            title: e.name.clone(),
            url: e.url.clone(),
        },
        None => Link {
            title: id.to_string(),
            url: format!("{base}exercises/{id}/"),
        },
    };
    let condition = d.condition.as_ref().and_then(|cond| {
        if !cond.starts_with("@/") {
            diags.push(Diagnostic::error("ladder", &p.file, format!("`condition: {cond}` is not an internal link"))
                .at_line(line("condition"))
                .hint("write it as a link to the condition's page, e.g. `condition: \"@/conditions/knee.md\"` (with the quotes)"));
            return None;
        }
        match yaml_link(cond, c, urls, base) {
            Ok((url, Target::Page(i))) => Some(Link { title: c.pages[i].meta.title.clone(), url }),
            Ok((url, _)) => Some(Link { title: "About the condition".into(), url }),
            Err((msg, hint)) => {
                diags.push(Diagnostic::error("broken-link", &p.file, format!("`condition`: {msg}")).at_line(line("condition")).hint(hint));
                None
            }
        }
    });
    let stages: Vec<StageCtx> = d
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| StageCtx {
            number: i + 1,
            exercise: ex_link(&s.exercise),
            video: exercises.get(&s.exercise).and_then(|e| e.video.clone()),
            start: format!("{} x {}", s.start.sets, s.start.reps),
            target: format!("{} x {}", s.target.sets, s.target.reps),
            days_min: s.days.min,
            days_max: s.days.max,
            hold_seconds: s.hold_seconds.filter(|h| *h > 0),
        })
        .collect();
    let milestones = d
        .milestones
        .iter()
        .enumerate()
        .map(|(i, m)| MilestoneCtx {
            exercise: ex_link(&m.exercise),
            reps: m.reps,
            unlocks: m.unlocks.clone(),
            link: m
                .link
                .as_ref()
                .and_then(|l| match yaml_link(l, c, urls, base) {
                    Ok((u, _)) => Some(u),
                    Err((msg, hint)) => {
                        diags.push(
                            Diagnostic::error(
                                "broken-link",
                                &p.file,
                                format!("milestone `link`: {msg}"),
                            )
                            .at_line(line(&format!("milestones[{i}].link")))
                            .hint(hint),
                        );
                        None
                    }
                }),
        })
        .collect();
    let valid = d
        .stages
        .iter()
        .all(|s| s.days.min >= 1 && s.start.sets <= s.target.sets && s.start.reps <= s.target.reps);
    let schedule = if valid {
        crate::planner::ideal_schedule(&d.stages)
    } else {
        Vec::new()
    };
    let schedule = schedule
        .iter()
        .enumerate()
        .map(|(i, day)| ScheduleRow {
            day: day.day,
            exercise: stages[day.stage].exercise.title.clone(),
            step: day.stage + 1,
            sets: day.sets,
            reps: day.reps,
            new_step: i == 0 || schedule[i - 1].stage != day.stage,
        })
        .collect();
    let ctx = LadderCtx {
        id: p.id.clone(),
        title: d.title.clone(),
        description: d.description.clone(),
        url: format!("{base}planner/{}/", p.id),
        condition,
        times_per_day: content::exercise::times_per_day(d.times_per_day),
        sessions: d.times_per_day,
        pain: d.pain,
        stages,
        milestones,
        schedule,
    };
    (ctx, diags)
}
