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
        // The parser's positions are read only when a problem needs a line.
        let spans = std::cell::OnceCell::new();
        let line = |path: &str| spans.get_or_init(|| yaml::Spans::of(&e.text)).line(path);
        if e.data.steps.is_empty() {
            out.push(
                Diagnostic::error("exercise", &e.file, "`steps` is empty")
                    .at_line(line("steps"))
                    .hint("list at least one instruction, each on its own line starting with `- `"),
            );
        }
        // A blank item would show patients an empty step or caution.
        for (field, items) in [("steps", &e.data.steps), ("cautions", &e.data.cautions)] {
            for (i, item) in items.iter().enumerate() {
                if item.trim().is_empty() {
                    out.push(
                        Diagnostic::error(
                            "exercise",
                            &e.file,
                            format!("item {} of `{field}` is empty", i + 1),
                        )
                        .at_line(line(&format!("{field}[{i}]")))
                        .hint("write the text after the `- `, or delete the line"),
                    );
                }
            }
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
            // The field's own line, or `dose:`'s when the parser has none for it: read
            // only for a number out of range (the parser's positions cost more than the
            // rest of the check).
            if let Some(v) = value
                && !bounds.contains(v)
            {
                let at = line(&format!("dose.{field}")).or_else(|| line("dose"));
                if let Err(d) = crate::limits::check_u32(
                    &e.file,
                    at,
                    &format!("dose: {field}"),
                    v,
                    bounds,
                    unit,
                ) {
                    out.push(d);
                }
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
    for e in c.exercises.values() {
        for code in e.data.translations.keys().filter(|k| !langs.contains(k)) {
            out.push(crate::config::unknown_translation_language(
                code, &e.file, &e.text,
            ));
        }
        // A translation's steps as the original's: a bare `steps:` (null, read as no
        // steps) would show that language's patients the exercise with no instructions.
        for (code, w) in &e.data.translations {
            let line = |path: &str| {
                yaml::line_of(&e.text, 1, &format!("translations.{code}.{path}"))
                    .or_else(|| yaml::line_of(&e.text, 1, &format!("translations.{code}")))
            };
            if w.steps.is_empty() {
                out.push(
                    Diagnostic::error(
                        "translation",
                        &e.file,
                        format!("`translations.{code}.steps` is empty, so `{code}` readers would see no instructions"),
                    )
                    .at_line(line("steps"))
                    .hint("list the translated instructions under it, each on its own line starting with `- `"),
                );
            }
            for (field, items) in [("steps", &w.steps), ("cautions", &w.cautions)] {
                for (i, item) in items.iter().enumerate() {
                    if item.trim().is_empty() {
                        out.push(
                            Diagnostic::error(
                                "translation",
                                &e.file,
                                format!("item {} of `translations.{code}.{field}` is empty", i + 1),
                            )
                            .at_line(line(&format!("{field}[{i}]")))
                            .hint("write the text after the `- `, or delete the line"),
                        );
                    }
                }
            }
        }
    }
    for l in c.ladders.values() {
        for code in l.data.translations.keys().filter(|k| !langs.contains(k)) {
            out.push(crate::config::unknown_translation_language(
                code, &l.file, &l.text,
            ));
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
                    .at_line(
                        yaml::line_of(&l.text, 1, &format!("translations.{code}.milestones"))
                            .or_else(|| yaml::line_of(&l.text, 1, &format!("translations.{code}"))),
                    )
                    .hint("under `milestones:`, translate what each milestone unlocks, in the ladder's order"),
                );
            }
        }
    }
    for p in c.pages.iter().filter(|p| p.lang.is_some()) {
        // A page that exists but could not be read has its own error already: its
        // translations are not orphans, and saying its file "does not exist" misleads.
        if !c.broken_ids.contains(&p.original)
            && !c
                .pages
                .iter()
                .any(|o| o.lang.is_none() && o.source == p.original)
        {
            if c.drafts.contains(&p.original) {
                out.push(
                    Diagnostic::error(
                        "translation",
                        &p.file,
                        format!(
                            "this page translates `content/{}`, which is a draft (`draft: true`), so it is not published",
                            p.original
                        ),
                    )
                    .hint(format!(
                        "remove `draft: true` from `content/{}`, or add `draft: true` to this translation too",
                        p.original
                    )),
                );
                continue;
            }
            out.push(
                Diagnostic::error(
                    "translation",
                    &p.file,
                    format!(
                        "this page translates `content/{}`, which does not exist",
                        p.original
                    ),
                )
                .hint(page_folder_translation(c, p).unwrap_or_else(|| format!(
                    "a translation is named after the page it translates plus the language: write the page `content/{}` first, or rename this file",
                    p.original
                ))),
            );
        }
    }
    for p in &c.pages {
        for (i, tag) in p.meta.tags.iter().enumerate() {
            let slug = crate::names::slugify(tag);
            let why = crate::names::unwritable(&slug)
                .or_else(|| crate::names::path_too_long(&format!("tags/{slug}/index.html")));
            if let Some(why) = why {
                out.push(
                    Diagnostic::error(
                        "unwritable-name",
                        &p.file,
                        format!("this tag cannot be the address of a page: {why}"),
                    )
                    .at_line(yaml::line_of(&p.front_matter, 2, &format!("tags[{i}]")))
                    .hint("use a short tag of one to three words, such as `knee pain`"),
                );
            }
        }
        for (i, a) in p.meta.aliases.iter().enumerate() {
            let line = yaml::line_of(&p.front_matter, 2, &format!("aliases[{i}]"));
            match super::trust::alias_path(a) {
                Err(m) => out.push(
                    Diagnostic::error("alias", &p.file, format!("the alias {m}"))
                        .at_line(line)
                        .hint("write the page's old address as a path of this site, e.g. `aliases: [\"/old/page/\"]`"),
                ),
                Ok(path) => {
                    let file = if path.ends_with('/') {
                        format!("{path}index.html")
                    } else {
                        path
                    };
                    let why = file
                        .split('/')
                        .find_map(crate::names::unwritable)
                        .or_else(|| crate::names::path_too_long(&file));
                    if let Some(why) = why {
                        out.push(
                            Diagnostic::error(
                                "unwritable-name",
                                &p.file,
                                format!("this alias cannot be published everywhere: {why}"),
                            )
                            .at_line(line)
                            .hint("shorten the old address, or leave the alias out"),
                        );
                    }
                }
            }
        }
        // A ladder file that failed to load is reported once, at its own line.
        if let Some(id) = &p.meta.ladder
            && !c.ladders.contains_key(id)
            && !c.broken_ids.contains(id)
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
    out
}

/// Numbers of ladder `p` outside [`LIMITS`] that the other checks do not already
/// report (a 0 where 1 is the least, `start` above `target`, `days.min` above
/// `days.max` and pain above 10 have messages of their own). `line` gives the
/// parser's line of a path in the ladder's file.
fn ladder_limits(p: &super::Ladder, line: &dyn Fn(&str) -> Option<usize>) -> Vec<Diagnostic> {
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
/// The syntax of an exercise's `video`, `poster` and `captions` (whether the files exist
/// is `link`'s check): a video is a web address or a file of the site; its poster and
/// captions are files of the site only, since anything else would be a request to
/// another host before the patient asks for the video.
fn video_fields(e: &super::Exercise) -> Vec<Diagnostic> {
    use crate::address::{VideoAddress, classify_video};
    let mut out = Vec::new();
    let line = |key: &str| yaml::line_of(&e.text, 1, key);
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
    // The line is looked up (a parse of the file's positions) only for a mistake.
    if crate::limits::REVIEW_EVERY_MONTHS.contains(v) {
        return None;
    }
    crate::limits::check_u32(
        file,
        yaml::line_of(text, 1, "review_every_months"),
        "review_every_months",
        v,
        crate::limits::REVIEW_EVERY_MONTHS,
        " months",
    )
    .err()
}

/// For `knee.es.md` beside a page folder `knee/` (whose page is `knee/index.md`): the
/// hint to move it into the folder as `knee/index.es.md`, the shape of its original.
fn page_folder_translation(c: &Content, p: &crate::content::Page) -> Option<String> {
    let code = p.lang.as_deref()?;
    let (stem, ext) = p.original.rsplit_once('.')?;
    let folder_page = format!("{stem}/index.{ext}");
    c.pages
        .iter()
        .any(|o| o.lang.is_none() && o.in_own_folder && o.source == folder_page)
        .then(|| {
            format!(
                "`content/{stem}/` is a page folder: move this file into it as `content/{stem}/index.{code}.{ext}`"
            )
        })
}
