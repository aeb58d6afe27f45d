//! Checks of each ladder: stages, pain rules and doses within the limits
//! ([`LIMITS`]), lists within `limits::LIST_ITEMS`, stage exercises that exist, milestones on the ladder's own exercises,
//! and the syntax of milestone links.

use super::review_months;
use crate::address::check_url;
use crate::content::Content;
use crate::content::ladder::{Bounds, LIMITS};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::yaml;
use std::collections::BTreeSet;

/// Every ladder's problems, in the ladders' order.
pub(super) fn ladders(c: &Content, out: &mut Vec<Diagnostic>) {
    let ids = || c.exercises.keys().map(String::as_str);
    for p in c.ladders.values() {
        let d = &p.data;
        let spans = std::cell::OnceCell::new();
        let line = |path: &str| spans.get_or_init(|| yaml::Spans::of(&p.text)).line(path);
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
                    line(&format!("pain.{field}")),
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
                line("pain.severe_rise").or_else(|| line("pain.max_rise_during")),
                &format!(
                    "a severe rise is bigger than the pain rule allows: write e.g. `severe_rise: {}` under `pain:` (5 when left out)",
                    (d.pain.max_rise_during + 1).clamp(1, 10)
                ),
            ));
        }
        out.extend(ladder_limits(p, &line));
        crate::limits::check_lists(
            &p.file,
            [
                ("milestones", d.milestones.len()),
                ("search_terms", d.search_terms.len()),
                ("sources", d.sources.len()),
            ],
            str::to_string,
            line,
            "keep each list to the few items a patient needs",
            out,
        );
        for (i, s) in d.stages.iter().enumerate() {
            let at = line(&format!("stages[{i}]"));
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
            let at = line(&format!("milestones[{i}]"));
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
                    .at_line(line(&format!("milestones[{i}].link")).or(at))
                    .hint("use an `@/` link to a page, or an address starting with https://"),
                );
            }
        }
    }
}

/// Numbers of ladder `p` outside [`LIMITS`] that the other checks do not already
/// report (a 0 where 1 is the least, `start` above `target`, `days.min` above
/// `days.max` and pain above 10 have messages of their own). `line` gives the
/// parser's line of a path in the ladder's file.
fn ladder_limits(
    p: &crate::content::Ladder,
    line: &dyn Fn(&str) -> Option<usize>,
) -> Vec<Diagnostic> {
    let d = &p.data;
    let mut out = Vec::new();
    // The line of `key` (a path such as `days.max`) within stage `i`, or the stage's own line.
    let in_stage = |i: usize, key: &str| -> Option<usize> {
        line(&format!("stages[{i}].{key}")).or_else(|| line(&format!("stages[{i}]")))
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
        line("pain.baseline_max"),
        "",
    );
    check(
        "pain `settle_minutes`".into(),
        d.pain.settle_minutes,
        (LIMITS.settle_minutes, true, true),
        line("pain.settle_minutes"),
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
            in_stage(i, "days.max"),
            " days",
        );
    }
    for (i, m) in d.milestones.iter().enumerate() {
        let at = line(&format!("milestones[{i}].reps")).or(line(&format!("milestones[{i}]")));
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
