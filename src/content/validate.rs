//! Checks that need every source loaded (but no URLs): ids that refer to each other,
//! ladder numbers and the syntax of addresses (whether an image exists is checked by
//! `link`, which knows every published file).

use super::Content;
use super::ladder::{Bounds, LIMITS};
use crate::address::check_url;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::yaml;
use std::collections::BTreeSet;

/// Checks that need every source loaded: ids that refer to each other, ladder numbers,
/// the syntax of addresses.
pub(super) fn validate(c: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let ids = || c.exercises.keys().map(String::as_str);
    for e in c.exercises.values() {
        let line = |needle: &str| yaml::line_of(&e.text, 1, needle);
        if e.data.steps.is_empty() {
            out.push(
                Diagnostic::error("exercise", &e.file, "`steps` is empty")
                    .at_line(line("steps"))
                    .hint("list at least one instruction, each on its own line starting with `- `"),
            );
        }
        out.extend(video_fields(e));
        // An exercise's dose keeps the ladder limits: it is shown beside ladders and
        // would otherwise be the one unchecked number on a page.
        out.extend(review_months(&e.file, &e.text, e.data.review_every_months));
        let dose = &e.data.dose;
        for (field, value, bounds, unit) in [
            ("sets", dose.sets, LIMITS.sets, " sets"),
            ("reps", dose.reps, LIMITS.reps, " reps"),
            (
                "hold_seconds",
                dose.hold_seconds,
                LIMITS.hold_seconds,
                " seconds",
            ),
            (
                "times_per_day",
                dose.times_per_day,
                LIMITS.times_per_day,
                " sessions a day",
            ),
        ] {
            // The field's line below `dose:` (a step's text could hold "sets:" too), or
            // `dose:`'s own when it is written on one line.
            let at = line("dose:").map(|dose| {
                let key = format!("{field}:");
                e.text
                    .lines()
                    .enumerate()
                    .skip(dose)
                    .find(|(_, l)| l.trim_start().starts_with(&key))
                    .map_or(dose, |(n, _)| n + 1)
            });
            if let Some(v) = value
                && let Err(d) = crate::limits::check_u32(
                    &e.file,
                    at,
                    &format!("dose: {field}"),
                    v,
                    bounds,
                    unit,
                )
            {
                out.push(d);
            }
        }
        if let Some(img) = &e.data.image
            && let Err(m) = check_url(img)
        {
            out.push(
                Diagnostic::error("unsafe-url", &e.file, format!("`image`: {m}"))
                    .at_line(line("image"))
                    .hint("use a path to a picture under `static/`, such as `images/squat.png`"),
            );
        }
    }
    let langs = &c.config.languages;
    let unknown_lang = |code: &str, file: &std::path::Path, text: &str| {
        Diagnostic::error(
            "translation",
            file,
            format!("`translations: {code}` is not one of the site's languages"),
        )
        .at_line(yaml::line_of(text, 1, &format!("{code}:")))
        .hint(format!(
            "add `{code}` to `languages:` in site.yaml, or check the language code"
        ))
    };
    for e in c.exercises.values() {
        for code in e.data.translations.keys().filter(|k| !langs.contains(k)) {
            out.push(unknown_lang(code, &e.file, &e.text));
        }
    }
    for l in c.ladders.values() {
        for code in l.data.translations.keys().filter(|k| !langs.contains(k)) {
            out.push(unknown_lang(code, &l.file, &l.text));
        }
        for (code, w) in &l.data.translations {
            if w.milestones.len() != l.data.milestones.len() {
                out.push(
                    Diagnostic::error(
                        "translation",
                        &l.file,
                        format!(
                            "`translations: {code}` lists {} milestone texts, but the ladder has {} milestones",
                            w.milestones.len(),
                            l.data.milestones.len()
                        ),
                    )
                    .at_line(yaml::line_of(&l.text, 1, &format!("{code}:")))
                    .hint("under `milestones:`, translate what each milestone unlocks, in the ladder's order"),
                );
            }
        }
    }
    for p in c.pages.iter().filter(|p| p.lang.is_some()) {
        if !c
            .pages
            .iter()
            .any(|o| o.lang.is_none() && o.source == p.original)
        {
            out.push(
                Diagnostic::error(
                    "translation",
                    &p.file,
                    format!(
                        "this page translates `content/{}`, which does not exist",
                        p.original
                    ),
                )
                .hint(format!(
                    "a translation is named after the page it translates plus the language: write the page `content/{}` first, or rename this file",
                    p.original
                )),
            );
        }
    }
    for p in &c.pages {
        for a in &p.meta.aliases {
            if let Err(m) = super::trust::alias_path(a) {
                out.push(
                    Diagnostic::error("alias", &p.file, format!("the alias {m}"))
                        .at_line(yaml::line_of(&p.front_matter, 2, a.trim()))
                        .hint("write the page's old address as a path of this site, e.g. `aliases: [\"/old/page/\"]`"),
                );
            }
        }
        if let Some(id) = &p.meta.ladder
            && !c.ladders.contains_key(id)
        {
            let hint = match did_you_mean(id, c.ladders.keys().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "`program` names a file in `content/programs/`, without `.yaml`".into(),
            };
            out.push(
                Diagnostic::error(
                    "unknown-ladder",
                    &p.file,
                    format!("`program: {id}` names an exercise ladder that does not exist"),
                )
                .at_line(yaml::line_of(&p.front_matter, 2, "program"))
                .hint(hint),
            );
        }
    }
    for p in c.ladders.values() {
        let d = &p.data;
        let line = |needle: &str| yaml::line_of(&p.text, 1, needle);
        out.extend(review_months(&p.file, &p.text, p.data.review_every_months));
        let err = |msg: String, at: Option<usize>, hint: &str| {
            Diagnostic::error("ladder", &p.file, msg)
                .at_line(at)
                .hint(hint.to_string())
        };
        if d.stages.is_empty() {
            out.push(err(
                "the ladder has no stages".into(),
                line("stages"),
                "add at least one stage under `stages:`",
            ));
        }
        if d.times_per_day == 0 {
            out.push(err(
                "`times_per_day` is 0".into(),
                line("times_per_day"),
                "use 1 or more",
            ));
        }
        for (field, v) in [
            ("max_rise_during", d.pain.max_rise_during),
            ("max_rise_after", d.pain.max_rise_after),
            ("baseline_max", d.pain.baseline_max),
        ] {
            if v > 10 {
                out.push(err(
                    format!("pain `{field}: {v}` is above 10"),
                    line(field),
                    "pain is scored 0 to 10",
                ));
            }
        }
        let severe = d.pain.severe_rise;
        let b = super::ladder::LIMITS.severe_rise;
        if !(b.min..=b.max).contains(&severe) || severe <= d.pain.max_rise_during {
            out.push(err(
                format!(
                    "pain `severe_rise: {severe}` must be from {} to {} and above `max_rise_during` ({})",
                    b.min,
                    b.max,
                    d.pain.max_rise_during
                ),
                line("severe_rise").or_else(|| line("max_rise_during")),
                &format!(
                    "a severe rise is bigger than the pain rule allows: write e.g. `severe_rise: {}` under `pain:` (5 when left out)",
                    (d.pain.max_rise_during + 1).clamp(1, 10)
                ),
            ));
        }
        // Each stage's line: the n-th `exercise:` line after the previous one.
        let mut search_from = 0;
        let stage_lines: Vec<Option<usize>> = d
            .stages
            .iter()
            .map(|s| {
                let at = p
                    .text
                    .lines()
                    .enumerate()
                    .skip(search_from)
                    .find(|(_, l)| l.contains("exercise:") && l.contains(&s.exercise))
                    .map(|(n, _)| n + 1);
                if let Some(n) = at {
                    search_from = n;
                }
                at
            })
            .collect();
        out.extend(ladder_limits(p, &stage_lines));
        for (i, s) in d.stages.iter().enumerate() {
            let at = stage_lines[i];
            let n = i + 1;
            if !c.exercises.contains_key(&s.exercise) && !c.broken_ids.contains(&s.exercise) {
                let hint = match did_you_mean(&s.exercise, ids()) {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => format!(
                        "add `content/exercises/{}.yaml` or use one of: {}",
                        s.exercise,
                        ids().collect::<Vec<_>>().join(", ")
                    ),
                };
                out.push(
                    Diagnostic::error(
                        "unknown-exercise",
                        &p.file,
                        format!(
                            "stage {n} uses the exercise `{}`, which does not exist",
                            s.exercise
                        ),
                    )
                    .at_line(at)
                    .hint(hint),
                );
            }
            if s.start.sets > s.target.sets || s.start.reps > s.target.reps {
                out.push(err(
                    format!(
                        "stage {n} starts above its target ({}x{} to {}x{})",
                        s.start.sets, s.start.reps, s.target.sets, s.target.reps
                    ),
                    at,
                    "`start` must be no more than `target` in both sets and reps",
                ));
            }
            if s.start.sets == 0 || s.start.reps == 0 {
                out.push(err(
                    format!("stage {n} starts at 0 sets or reps"),
                    at,
                    "start at 1 or more",
                ));
            }
            if s.days.min == 0 || s.days.min > s.days.max {
                out.push(err(
                    format!(
                        "stage {n} has days min {} and max {}",
                        s.days.min, s.days.max
                    ),
                    at,
                    "`days.min` must be at least 1 and no more than `days.max`",
                ));
            }
        }
        let in_ladder: BTreeSet<&str> = d.stages.iter().map(|s| s.exercise.as_str()).collect();
        for (i, m) in d.milestones.iter().enumerate() {
            // The milestone's line: its exercise id, searched below `milestones:`.
            let at = line("milestones").and_then(|ms| {
                p.text
                    .lines()
                    .enumerate()
                    .skip(ms)
                    .find(|(_, l)| l.contains(&m.exercise))
                    .map(|(n, _)| n + 1)
            });
            if !in_ladder.contains(m.exercise.as_str()) {
                out.push(
                    Diagnostic::error(
                        "milestone-exercise",
                        &p.file,
                        format!(
                            "milestone {} uses `{}`, which is not a stage of this ladder",
                            i + 1,
                            m.exercise
                        ),
                    )
                    .at_line(at)
                    .hint(format!(
                        "use one of the ladder's exercises: {}",
                        in_ladder.iter().copied().collect::<Vec<_>>().join(", ")
                    )),
                );
            }
            if let Some(l) = &m.link
                && let Err(msg) = check_url(l)
            {
                out.push(
                    Diagnostic::error(
                        "unsafe-url",
                        &p.file,
                        format!("milestone {} `link`: {msg}", i + 1),
                    )
                    .at_line(at)
                    .hint("use an `@/` link to a page, or an address starting with https://"),
                );
            }
        }
    }
    out
}

/// Numbers of ladder `p` outside [`LIMITS`] that the other checks do not already
/// report (a 0 where 1 is the least, `start` above `target`, `days.min` above
/// `days.max` and pain above 10 have messages of their own). `stage_lines` are the
/// stages' first lines.
fn ladder_limits(p: &super::Ladder, stage_lines: &[Option<usize>]) -> Vec<Diagnostic> {
    let d = &p.data;
    let mut out = Vec::new();
    let lines: Vec<&str> = p.text.lines().collect();
    // The line of `key:` within stage `i` (between its first line and the next
    // stage's), or the stage's own line.
    let in_stage = |i: usize, key: &str| -> Option<usize> {
        let from = stage_lines[i]?;
        let until = stage_lines
            .get(i + 1)
            .copied()
            .flatten()
            .unwrap_or(lines.len() + 1);
        let pattern = format!("{key}:");
        (from..until)
            .find(|n| lines.get(n - 1).is_some_and(|l| l.contains(&pattern)))
            .or(Some(from))
    };
    // `(bounds, low, high)`: which side is reported here (the other has its own message).
    let mut check = |what: String,
                     v: u32,
                     (b, low, high): (Bounds, bool, bool),
                     at: Option<usize>,
                     unit: &str| {
        if (high && v > b.max) || (low && v < b.min) {
            out.push(
                Diagnostic::error(
                    "ladder",
                    &p.file,
                    format!(
                        "{what} is {v}, outside what a ladder allows ({} to {}{unit})",
                        b.min, b.max
                    ),
                )
                .at_line(at)
                .hint(format!(
                    "use a number from {} to {}; the planner cannot show a plan beyond these limits",
                    b.min, b.max
                )),
            );
        }
    };
    let line = |needle: &str| yaml::line_of(&p.text, 1, needle);
    if !d.stages.is_empty() {
        check(
            "the number of stages".into(),
            d.stages.len() as u32,
            (LIMITS.stages, false, true),
            line("stages"),
            " stages",
        );
    }
    check(
        "`times_per_day`".into(),
        d.times_per_day,
        (LIMITS.times_per_day, false, true),
        line("times_per_day"),
        " sessions a day",
    );
    check(
        "pain `baseline_max`".into(),
        d.pain.baseline_max,
        // Above 10 has its own message ("pain is scored 0 to 10").
        (LIMITS.baseline_max, true, false),
        line("baseline_max"),
        "",
    );
    check(
        "pain `settle_minutes`".into(),
        d.pain.settle_minutes,
        (LIMITS.settle_minutes, true, true),
        line("settle_minutes"),
        " minutes",
    );
    for (i, s) in d.stages.iter().enumerate() {
        let n = i + 1;
        // Lower limits of sets and reps are "starts at 0" and "starts above its target".
        for (field, dose) in [("start", s.start), ("target", s.target)] {
            let at = in_stage(i, field);
            check(
                format!("stage {n} `{field}` sets"),
                dose.sets,
                (LIMITS.sets, false, true),
                at,
                " sets",
            );
            check(
                format!("stage {n} `{field}` reps"),
                dose.reps,
                (LIMITS.reps, false, true),
                at,
                " reps",
            );
        }
        if let Some(h) = s.hold_seconds {
            check(
                format!("stage {n} `hold_seconds`"),
                h,
                (LIMITS.hold_seconds, true, true),
                in_stage(i, "hold_seconds"),
                " seconds",
            );
        }
        // `days.min` of 0 or above `days.max` has its own message; above the limit is
        // then `days.max` above it too.
        check(
            format!("stage {n} `days.max`"),
            s.days.max,
            (LIMITS.days, false, true),
            in_stage(i, "max"),
            " days",
        );
    }
    let milestones = line("milestones");
    for (i, m) in d.milestones.iter().enumerate() {
        let at = milestones.and_then(|ms| {
            (ms..=lines.len())
                .filter(|n| lines.get(n - 1).is_some_and(|l| l.contains("reps:")))
                .nth(i)
                .or(Some(ms))
        });
        check(
            format!("milestone {} `reps`", i + 1),
            m.reps,
            (LIMITS.reps, true, true),
            at,
            " reps",
        );
    }
    out
}
/// The syntax of an exercise's `video`, `poster` and `captions` (whether the files exist
/// is `link`'s check): a video is a web address or a file of the site; its poster and
/// captions are files of the site only, since anything else would be a request to
/// another host before the patient asks for the video.
fn video_fields(e: &super::Exercise) -> Vec<Diagnostic> {
    use crate::address::{VideoAddress, classify_video};
    let mut out = Vec::new();
    let line = |key: &str| yaml::key_line(&e.text, 1, key);
    let d = &e.data;
    if let Some(v) = &d.video {
        if let Err(m) = check_url(v) {
            out.push(
                Diagnostic::error("unsafe-url", &e.file, format!("`video`: {m}"))
                    .at_line(line("video"))
                    .hint("use the video's web address starting with https://, or a video file such as `/videos/grip.mp4`"),
            );
        } else if is_mail_or_phone(v) {
            out.push(
                Diagnostic::error(
                    "exercise",
                    &e.file,
                    format!("`video: {v}` is not a web address or a video file"),
                )
                .at_line(line("video"))
                .hint("use the full address of the video starting with https://, or a video file such as `/videos/grip.mp4` in `static/`"),
            );
        }
    }
    let site_video = d
        .video
        .as_deref()
        .is_some_and(|v| classify_video(v) == VideoAddress::SiteFile);
    for (field, value) in [("poster", &d.poster), ("captions", &d.captions)] {
        let Some(v) = value else { continue };
        let problem = if d.video.is_none() {
            Some((
                format!("`{field}` is set but the exercise has no `video`"),
                format!("add `video:` or remove the `{field}` line"),
            ))
        } else if let Err(m) = check_url(v) {
            Some((
                format!("`{field}`: {m}"),
                format!(
                    "use a file of the site, such as `/videos/{}`",
                    example(field)
                ),
            ))
        } else if v.contains("://") || is_mail_or_phone(v) || v.starts_with("//") {
            Some((
                format!("`{field}: {v}` is not a file of the site"),
                format!(
                    "put the file in `static/` (for example `static/videos/{0}`) and write `{field}: /videos/{0}`: a file on another website would be fetched before the patient asks for the video",
                    example(field)
                ),
            ))
        } else if field == "captions" && !site_video {
            Some((
                "`captions` only works with a video file of the site".to_string(),
                "remove the `captions` line: videos on YouTube or Vimeo keep their captions there"
                    .to_string(),
            ))
        } else {
            None
        };
        if let Some((msg, hint)) = problem {
            out.push(
                Diagnostic::error("exercise", &e.file, msg)
                    .at_line(line(field))
                    .hint(hint),
            );
        }
    }
    out
}

fn example(field: &str) -> &'static str {
    if field == "poster" {
        "grip.jpg"
    } else {
        "grip.vtt"
    }
}

fn is_mail_or_phone(v: &str) -> bool {
    let l = v.trim().to_ascii_lowercase();
    l.starts_with("mailto:") || l.starts_with("tel:")
}

/// `review_every_months` of an exercise or ladder, within the range a page's has
/// (`limits::REVIEW_EVERY_MONTHS`), at its line.
fn review_months(file: &std::path::Path, text: &str, months: Option<u32>) -> Option<Diagnostic> {
    let v = months?;
    crate::limits::check_u32(
        file,
        yaml::key_line(text, 1, "review_every_months"),
        "review_every_months",
        v,
        crate::limits::REVIEW_EVERY_MONTHS,
        " months",
    )
    .err()
}
