//! Checks that need every source loaded (but no URLs): ids that refer to each other,
//! ladder numbers, addresses and images.

use super::{Content, check_url, yaml};
use crate::diagnostic::{Diagnostic, did_you_mean};
use std::collections::BTreeSet;

/// Checks that need every source loaded: ids that refer to each other, ladder numbers,
/// addresses and images.
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
        if let Some(v) = &e.data.video {
            if let Err(m) = check_url(v) {
                out.push(
                    Diagnostic::error("unsafe-url", &e.file, format!("`video`: {m}"))
                        .at_line(line("video"))
                        .hint("use the video's web address, starting with https://"),
                );
            } else if !(v.starts_with("https://") || v.starts_with("http://")) {
                out.push(
                    Diagnostic::error(
                        "exercise",
                        &e.file,
                        format!("`video: {v}` is not a web address"),
                    )
                    .at_line(line("video"))
                    .hint("use the full address of the video, starting with https://"),
                );
            }
        }
        if let Some(img) = &e.data.image {
            if let Err(m) = check_url(img) {
                out.push(
                    Diagnostic::error("unsafe-url", &e.file, format!("`image`: {m}"))
                        .at_line(line("image"))
                        .hint(
                            "use a path to a picture under `static/`, such as `images/squat.png`",
                        ),
                );
            } else if !crate::theme::static_exists(&c.root, img.trim_start_matches('/')) {
                out.push(
                    Diagnostic::error(
                        "missing-image",
                        &e.file,
                        format!("the image `{img}` does not exist"),
                    )
                    .at_line(line("image"))
                    .hint(format!(
                        "put the picture at `static/{}` or fix the path",
                        img.trim_start_matches('/')
                    )),
                );
            }
        }
    }
    for p in &c.pages {
        if let Some(id) = &p.meta.program
            && !c.programs.contains_key(id)
        {
            let hint = match did_you_mean(id, c.programs.keys().map(String::as_str)) {
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
    for p in c.programs.values() {
        let d = &p.data;
        let line = |needle: &str| yaml::line_of(&p.text, 1, needle);
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
        if !(1..=10).contains(&severe) || severe <= d.pain.max_rise_during {
            out.push(err(
                format!(
                    "pain `severe_rise: {severe}` must be from 1 to 10 and above `max_rise_during` ({})",
                    d.pain.max_rise_during
                ),
                line("severe_rise").or_else(|| line("max_rise_during")),
                &format!(
                    "a severe rise is bigger than the pain rule allows: write e.g. `severe_rise: {}` under `pain:` (5 when left out)",
                    (d.pain.max_rise_during + 1).clamp(1, 10)
                ),
            ));
        }
        let mut search_from = 0;
        for (i, s) in d.stages.iter().enumerate() {
            // Find this stage's line: the n-th `exercise:` line after the previous one.
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
