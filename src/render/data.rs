//! What templates see of exercises and ladders: their contexts, with ladder links
//! resolved and the ideal schedule computed.

use crate::content::{self, Content};
use crate::diagnostic::Diagnostic;
use crate::link::{LinkError, Links, Target, UrlMap};
use crate::render::context::*;
use crate::render::trust::{review_ctx, source_errors, trust_ctx};
use std::collections::BTreeMap;

fn links<'a>(c: &'a Content, urls: &'a UrlMap, base: &'a str) -> Links<'a> {
    Links {
        urls,
        drafts: &c.drafts,
        broken: &c.broken_ids,
        base,
    }
}

/// The printed address of the output path `path` (no leading `/`) and its QR code: the
/// full address ([`crate::config::SiteConfig::absolute_url`]) when `base_url` is one,
/// else the path and no QR code. A screen reader reads the QR code as `label()`, made
/// only when there is one.
pub(crate) fn print_ctx(
    path: &str,
    base: &str,
    config: &crate::config::SiteConfig,
    label: &dyn Fn() -> String,
) -> PrintCtx {
    match config.absolute_url(path) {
        Some(address) => PrintCtx {
            qr: crate::render::qr::svg(&address, &label()),
            address,
        },
        None => PrintCtx {
            address: [base, path].concat(),
            qr: None,
        },
    }
}

/// The video player of an exercise; `media` holds its checked site addresses
/// (`link::exercise_media`), so a site file that does not exist gets no player.
fn player(
    d: &content::exercise::ExerciseData,
    base: &str,
    config: &crate::config::SiteConfig,
    media: &crate::link::Media,
    label: &str,
) -> Option<PlayerCtx> {
    use crate::address::{VideoAddress, classify_video};
    let v = d.video.as_ref()?;
    // A web video's address as the browser reads it (`&#x68;ttps://` is `https://`): the
    // template escapes what it is given, so the references are decoded here, once.
    let read = crate::address::as_browser_reads(v).into_owned();
    let web = |kind, host: Option<crate::address::VideoHost>, id: Option<&str>| PlayerCtx {
        kind,
        src: read.clone(),
        mime: None,
        host: host.map(|h| h.name()),
        embed_url: host.zip(id).map(|(h, id)| h.embed_url(id)),
        frame_origin: host.map(|h| h.frame_origin()),
        poster: media.poster.clone(),
        captions: None,
        qr: crate::render::qr::svg(&read, label),
        address: read.clone(),
    };
    Some(match classify_video(v) {
        VideoAddress::Hosted(h, id) => web("embed", Some(h), Some(&id)),
        VideoAddress::Web => web("link", None, None),
        VideoAddress::SiteFile => {
            let src = media.video.clone()?;
            let rel = src.strip_prefix(base).unwrap_or(&src).to_string();
            let print = print_ctx(&rel, base, config, &|| label.to_string());
            PlayerCtx {
                kind: "file",
                src,
                mime: Some(video_mime(&rel).to_string()),
                host: None,
                embed_url: None,
                frame_origin: None,
                poster: media.poster.clone(),
                captions: media.captions.clone(),
                address: print.address,
                qr: print.qr,
            }
        }
    })
}

/// The `type` of a `<video>` source, from the file's ending.
fn video_mime(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, x)| x.to_ascii_lowercase());
    match ext.as_deref() {
        Some("webm") => "video/webm",
        Some("ogv" | "ogg") => "video/ogg",
        Some("mov" | "qt") => "video/quicktime",
        _ => "video/mp4",
    }
}

/// What templates see of exercise `e`, and the problems of its `sources`; `media` holds
/// its checked picture and video addresses (`link::exercise_media`).
pub(crate) fn exercise_ctx(
    e: &content::Exercise,
    c: &Content,
    urls: &UrlMap,
    base: &str,
    media: crate::link::Media,
    tables: &crate::i18n::Tables,
) -> (ExerciseCtx, Vec<Diagnostic>) {
    let d = &e.data;
    let code = c.config.language.as_str();
    let label = crate::render::pages::qr_label(tables, code, "qr_video_of", &d.name);
    let player = player(d, base, &c.config, &media, &label);
    let months = d
        .review_every_months
        .unwrap_or(c.config.review_every_months);
    let (trust, problems) = trust_ctx(
        &links(c, urls, base),
        crate::content::EXERCISES_DIR,
        d.reviewed_by.as_deref(),
        &d.sources,
        review_ctx(e.reviewed, months),
    );
    let diags = source_errors(&e.file, &e.text, 1, &d.sources, problems);
    let ctx = ExerciseCtx {
        id: e.id.clone(),
        name: d.name.clone(),
        url: format!("{base}exercises/{}/", e.id),
        summary: d.summary.clone(),
        steps: d.steps.clone(),
        video: player.as_ref().map(|p| p.src.clone()),
        player,
        image: media.image,
        image_alt: d.image_alt.clone(),
        cautions: d.cautions.clone(),
        body_regions: d.body_regions.clone(),
        equipment: d.equipment.clone(),
        dose: crate::render::langs::dose_in(e, code, tables),
        trust,
        lang: None,
        language: None,
    };
    (ctx, diags)
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
    match links(c, urls, base).check(crate::content::LADDERS_DIR, value) {
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
    tables: &crate::i18n::Tables,
) -> (LadderCtx, Vec<Diagnostic>) {
    let code = c.config.language.as_str();
    let mut diags = Vec::new();
    let d = &p.data;
    let line = |needle: &str| crate::yaml::line_of(&p.text, 1, needle);
    let ex_link = |id: &str| match exercises.get(id) {
        Some(e) => Link {
            title: e.name.clone(),
            url: e.url.clone(),
            lang: None,
            language: None,
            title_lang: None,
        },
        None => Link {
            title: id.to_string(),
            url: format!("{base}exercises/{id}/"),
            lang: None,
            language: None,
            title_lang: None,
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
            Ok((url, Target::Page(i))) => Some(Link { title: c.pages[i].meta.title.clone(), url, lang: None, language: None, title_lang: None }),
            Ok((url, _)) => Some(Link { title: crate::render::pages::word(tables, code, "about_condition", None), url, lang: None, language: None, title_lang: None }),
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
            // A stage without `hold_seconds` holds as its exercise does on its own page, so
            // the plan and the exercise never show two doses for one step; an explicit
            // `hold_seconds: 0` means no hold in this plan.
            hold_seconds: s
                .hold_seconds
                .or_else(|| {
                    c.exercises
                        .get(&s.exercise)
                        .and_then(|e| e.data.dose.hold_seconds)
                })
                .filter(|h| *h > 0),
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
            link_lang: None,
        })
        .collect();
    let pacing = d
        .pacing
        .as_ref()
        .and_then(|l| match yaml_link(l, c, urls, base) {
            Ok((u, _)) => Some(u),
            Err((msg, hint)) => {
                diags.push(
                    Diagnostic::error("broken-link", &p.file, format!("`pacing`: {msg}"))
                        .at_line(line("pacing"))
                        .hint(hint),
                );
                None
            }
        });
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
            lang: None,
        })
        .collect();
    let months = d
        .review_every_months
        .unwrap_or(c.config.review_every_months);
    let (trust, problems) = trust_ctx(
        &links(c, urls, base),
        crate::content::LADDERS_DIR,
        d.reviewed_by.as_deref(),
        &d.sources,
        review_ctx(p.reviewed, months),
    );
    diags.extend(source_errors(&p.file, &p.text, 1, &d.sources, problems));
    let ctx = LadderCtx {
        id: p.id.clone(),
        title: d.title.clone(),
        description: d.description.clone(),
        url: format!("{base}planner/{}/", p.id),
        condition,
        times_per_day: crate::render::pages::word(
            tables,
            code,
            "times_per_day",
            Some(i64::from(d.times_per_day)),
        ),
        sessions: d.times_per_day,
        pain: d.pain,
        stages,
        milestones,
        pacing,
        pacing_lang: None,
        schedule,
        trust,
        lang: None,
        language: None,
    };
    (ctx, diags)
}
