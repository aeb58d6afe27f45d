//! How pages, exercises and ladders fit together: pages patients cannot reach, exercises
//! nothing uses, exercises patients cannot see done, and ladders too long to follow.

use crate::content::{Content, EXERCISES_DIR, PageKind};
use crate::diagnostic::Diagnostic;
use crate::link::Target;
use crate::yaml;
use std::collections::{BTreeMap, BTreeSet};

/// Source paths (under `content/`) that ladders link to with `@/` in `condition` or a
/// milestone's `link`.
fn ladder_links(c: &Content) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for p in c.ladders.values() {
        let links = p
            .data
            .condition
            .iter()
            .chain(p.data.milestones.iter().filter_map(|m| m.link.as_ref()));
        for l in links {
            if let Some(rest) = l.trim().strip_prefix("@/") {
                let key = rest.split('#').next().unwrap_or(rest);
                out.insert(key.trim_end_matches('/').to_string());
            }
        }
    }
    out
}

/// Whether a folder's listing page can be reached from the menu: the top folder's pages
/// are in the menu, and each folder's listing links to its pages and sub-folders. The
/// `exercises` and `programs` folders have listings of their own kind that show only
/// exercises and ladders, so pages put there are not listed anywhere.
pub fn is_listed(section: &str, sections: &BTreeSet<String>) -> bool {
    if section.is_empty() {
        return true;
    }
    if !sections.contains(section) {
        return false;
    }
    let parent = section.rsplit_once('/').map_or("", |(p, _)| p);
    is_listed(parent, sections)
}

/// `orphan-page`: a regular page that no other page or ladder links to and that no menu
/// or listing shows. See `docs/check.md` for why a listed page does not count.
pub(crate) fn orphans(c: &Content, inbound: &BTreeMap<Target, Vec<usize>>) -> Vec<Diagnostic> {
    let from_ladders = ladder_links(c);
    let mut out = Vec::new();
    for (i, p) in c.pages.iter().enumerate() {
        // A translation is reached from its original's language switcher.
        if p.kind != PageKind::Regular || p.lang.is_some() || is_listed(&p.section, &c.sections) {
            continue;
        }
        let linked = inbound
            .get(&Target::Page(i))
            .is_some_and(|from| from.iter().any(|j| *j != i));
        if linked || from_ladders.contains(&p.source) {
            continue;
        }
        let folder = if p.section.is_empty() {
            String::new()
        } else {
            format!("{}/", p.section)
        };
        let message = format!(
            "no page links to this page, and no menu or listing shows it (nothing lists pages \
             in `content/{folder}`), so patients cannot find it"
        );
        let hint = format!(
            "link to it from a related page, e.g. `[{}](@/{})`, or move it to `content/` or a \
             folder of pages such as `content/conditions/`",
            p.meta.title, p.source
        );
        out.push(Diagnostic::warning("orphan-page", &p.file, message).hint(hint));
    }
    out
}

/// `unused-exercise` and `exercise-media` for every exercise, and `image-alt` for an
/// exercise picture without `image_alt`.
pub(crate) fn exercises(c: &Content, inbound: &BTreeMap<Target, Vec<usize>>) -> Vec<Diagnostic> {
    let in_ladders: BTreeSet<&str> = c
        .ladders
        .values()
        .flat_map(|p| p.data.stages.iter().map(|s| s.exercise.as_str()))
        .collect();
    let from_ladders = ladder_links(c);
    let mut out = Vec::new();
    for e in c.exercises.values() {
        let line = |needle: &str| yaml::line_of(&e.text, 1, needle);
        let file_name = e
            .file
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let used = in_ladders.contains(e.id.as_str())
            || inbound
                .get(&Target::Exercise(e.id.clone()))
                .is_some_and(|v| !v.is_empty())
            || from_ladders.contains(&format!("{EXERCISES_DIR}/{file_name}"));
        let name = &e.data.name;
        if !used {
            let message = format!("no page or ladder uses the exercise \"{name}\"");
            let hint = format!(
                "add it as a stage of a ladder in `content/programs/`, show it on a page with \
                 `{{{{ exercise(id=\"{id}\") }}}}`, or link to it with \
                 `[{name}](@/exercises/{file_name})`; delete the file if the clinic no longer \
                 uses it",
                id = e.id
            );
            out.push(Diagnostic::warning("unused-exercise", &e.file, message).hint(hint));
        }
        let d = &e.data;
        if d.video.is_none() && d.image.is_none() {
            let message = format!("the exercise \"{name}\" has no video and no picture");
            let hint = "add `video:` with the address of a demonstration video or a video file of \
                        the site, or `image: /images/...` with a picture in `static/` and an `image_alt` \
                        describing it; patients do exercises more safely when they can see them \
                        done";
            out.push(Diagnostic::warning("exercise-media", &e.file, message).hint(hint));
        }
        let alt = d.image_alt.as_deref().unwrap_or("");
        if let (Some(img), Some(problem)) = (&d.image, super::a11y::alt_problem(alt)) {
            let hint = "add `image_alt:` with a sentence describing what the picture shows, for \
                        people who cannot see it";
            out.push(
                Diagnostic::warning(
                    "image-alt",
                    &e.file,
                    format!("the picture `{img}` {problem}"),
                )
                .at_line(line("image_alt").or_else(|| line("image")))
                .hint(hint),
            );
        }
    }
    out
}

/// `ladder-length`: a ladder with more stages than `max_ladder_length`.
pub(crate) fn ladders(c: &Content) -> Vec<Diagnostic> {
    let max = c.config.max_ladder_length;
    c.ladders
        .values()
        .filter(|p| p.data.stages.len() > max)
        .map(|p| {
            let stages = p.data.stages.len();
            let message =
                format!("this ladder has {stages} exercises, more than the site's limit of {max}");
            let hint = format!(
                "a long ladder is hard to follow: split it into two ladders (e.g. early and later \
                 stages), or raise `max_ladder_length` in site.yaml if {stages} steps are right \
                 for this condition"
            );
            Diagnostic::warning("ladder-length", &p.file, message)
                .at_line(yaml::line_of(&p.text, 1, "stages"))
                .hint(hint)
        })
        .collect()
}

/// Each stage's line in a ladder file: the line of its `exercise:` field, found in order.
fn stage_lines(p: &crate::content::Ladder) -> Vec<Option<usize>> {
    let mut from = 0;
    p.data
        .stages
        .iter()
        .map(|s| {
            let at = p
                .text
                .lines()
                .enumerate()
                .skip(from)
                .find(|(_, l)| l.contains("exercise:") && l.contains(s.exercise.as_str()))
                .map(|(n, _)| n);
            if let Some(n) = at {
                from = n + 1;
            }
            at.map(|n| n + 1)
        })
        .collect()
}

/// `duplicate-exercise`: an exercise that is more than one stage of the same ladder.
pub(crate) fn duplicate_exercises(c: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in c.ladders.values() {
        let lines = stage_lines(p);
        let mut first: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, s) in p.data.stages.iter().enumerate() {
            let Some(&j) = first.get(s.exercise.as_str()) else {
                first.insert(&s.exercise, i);
                continue;
            };
            let message = format!(
                "stage {} and stage {} are both the exercise `{}`",
                j + 1,
                i + 1,
                s.exercise
            );
            let hint = "the planner moves a patient on from one stage to the next, so the same \
                        exercise twice shows up as two steps with the same name: merge the two \
                        stages (one stage can go from its `start` up to a higher `target`), or \
                        make a separate exercise file for the harder version";
            out.push(
                Diagnostic::warning("duplicate-exercise", &p.file, message)
                    .at_line(lines[i])
                    .hint(hint),
            );
        }
    }
    out
}

/// `dose-mismatch`: a ladder stage whose own `hold_seconds` differs from the hold of its
/// exercise's own `dose` (none counts as 0). A stage that leaves `hold_seconds` out takes
/// its exercise's hold (docs/planner.md, "One dose per step"), so only a written number can
/// disagree: the planner page then shows the plan's hold beside an exercise card that
/// says another, which staff should confirm is meant.
pub(crate) fn dose_mismatches(c: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in c.ladders.values() {
        let lines = stage_lines(p);
        for (i, s) in p.data.stages.iter().enumerate() {
            let Some(e) = c.exercises.get(&s.exercise) else {
                continue;
            };
            let Some(stage_hold) = s.hold_seconds else {
                continue;
            };
            let own_hold = e.data.dose.hold_seconds.unwrap_or(0);
            if stage_hold == own_hold {
                continue;
            }
            let own = if own_hold == 0 {
                "says nothing about holding".to_string()
            } else {
                format!("says to hold each one for {own_hold} seconds")
            };
            let plan = if stage_hold == 0 {
                "no hold".to_string()
            } else {
                format!("a {stage_hold}-second hold")
            };
            let message = format!(
                "stage {} (`{}`) has `hold_seconds: {stage_hold}`, but the exercise's own page \
                 {own}; the planner page shows the plan's {plan} beside that exercise card",
                i + 1,
                s.exercise
            );
            let hint = "if the plan is meant to differ, keep it and silence this finding for \
                        the ladder with a reason (`check: {ignore: {dose-mismatch: \"...\"}}`); \
                        otherwise remove `hold_seconds` from the stage so it takes the \
                        exercise's hold";
            out.push(
                Diagnostic::warning("dose-mismatch", &p.file, message)
                    .at_line(lines[i])
                    .hint(hint),
            );
        }
    }
    out
}

/// `condition-backlink`: a ladder names a condition page (`condition: @/...`) that does
/// not lead back to the ladder's planner (no `program:`, no `{{ ladder(...) }}`, no link).
pub(crate) fn condition_backlinks(
    c: &Content,
    inbound: &BTreeMap<Target, Vec<usize>>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (id, l) in &c.ladders {
        let Some(cond) = &l.data.condition else {
            continue;
        };
        let Some(key) = cond.trim().strip_prefix("@/") else {
            continue;
        };
        let key = key.split('#').next().unwrap_or(key).trim_end_matches('/');
        let Some((i, page)) = c.pages.iter().enumerate().find(|(_, p)| p.source == key) else {
            continue;
        };
        let linked = inbound
            .get(&Target::Planner(id.clone()))
            .is_some_and(|from| from.contains(&i));
        if linked {
            continue;
        }
        let message = format!(
            "the exercise ladder `{id}` (\"{}\") names this page as its condition, but this \
             page does not lead to the ladder's planner",
            l.data.title
        );
        let hint = format!(
            "add `program: {id}` to this page's front matter (the page then shows a button to \
             the planner), or show the ladder on the page with `{{{{ ladder(program=\"{id}\") }}}}`"
        );
        out.push(Diagnostic::warning("condition-backlink", &page.file, message).hint(hint));
    }
    out
}

/// `duplicate-title`: a page whose title is another page's in the same language (case
/// and spaces aside). Search results, listings, the browser's tabs and a screen reader's
/// list of pages show titles alone, so a patient cannot tell the two apart. Reported at
/// the later page's `title:` line (pages in source order), naming the first.
pub(crate) fn duplicate_titles(c: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut first: BTreeMap<(Option<&str>, String), &str> = BTreeMap::new();
    for p in &c.pages {
        let key = (
            p.lang.as_deref(),
            p.meta
                .title
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase(),
        );
        let Some(other) = first.get(&key) else {
            first.insert(key, &p.source);
            continue;
        };
        out.push(
            Diagnostic::warning(
                "duplicate-title",
                &p.file,
                format!(
                    "this page has the same title, \"{}\", as `content/{other}`",
                    p.meta.title.trim()
                ),
            )
            .at_line(yaml::line_of(&p.front_matter, 2, "title"))
            .hint(
                "patients see titles alone in search results, lists and browser tabs, so two \
                 pages with one title look the same: give each page a title that says how it \
                 differs, such as \"Knee pain: exercises\" and \"Knee pain: when to get help\"",
            ),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_folders() {
        let sections: BTreeSet<String> = ["", "conditions", "conditions/knee", "exercises/extra"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(is_listed("", &sections));
        assert!(is_listed("conditions/knee", &sections));
        assert!(!is_listed("exercises", &sections));
        assert!(!is_listed("exercises/extra", &sections));
        assert!(!is_listed("programs", &sections));
    }
}
