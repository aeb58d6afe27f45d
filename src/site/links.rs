//! Facts that cross pages: links whose `#anchor` is missing from the page they point
//! at, and which pages link to each target (backlinks, "used by" lists, `check`).

use crate::content::{Content, Page, PageKind};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::link::{EXERCISE_ANCHORS, PLANNER_ANCHORS, Target};
use crate::markdown::Rendered;
use std::collections::{BTreeMap, BTreeSet};

/// Links whose `#anchor` is not an id on the page they point at, in page order.
pub(crate) fn check_anchors(c: &Content, rendered: &[Rendered]) -> Vec<Diagnostic> {
    let section_index: BTreeMap<&str, usize> = c
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind != PageKind::Regular)
        .map(|(i, p)| (p.section.as_str(), i))
        .collect();
    let ids = |j: usize| rendered[j].headings.iter().map(|h| h.id.as_str()).collect();
    let mut out = Vec::new();
    for (i, r) in rendered.iter().enumerate() {
        for l in &r.links {
            let Some(anchor) = &l.target.anchor else {
                continue;
            };
            let intro = |folder: &str| -> Vec<&str> {
                let mut v: Vec<&str> = section_index
                    .get(folder)
                    .map(|j| ids(*j))
                    .unwrap_or_default();
                // Every page of the theme has the skip link's target.
                v.push("main");
                v
            };
            let known: Vec<&str> = match &l.target.target {
                Target::Page(j) => {
                    let mut v = ids(*j);
                    v.push("main");
                    v
                }
                Target::Section(s) => intro(s),
                Target::ExerciseList => intro(crate::content::EXERCISES_DIR),
                Target::PlannerList => intro(crate::content::LADDERS_DIR),
                Target::Exercise(_) => EXERCISE_ANCHORS.to_vec(),
                Target::Planner(_) => PLANNER_ANCHORS.to_vec(),
                Target::Asset(_) | Target::Generated => continue,
            };
            if !known.contains(&anchor.as_str()) {
                let known: Vec<&str> = known.into_iter().filter(|k| *k != "main").collect();
                let hint = match did_you_mean(anchor, known.iter().copied()) {
                    Some(s) => format!("did you mean `#{s}`?"),
                    None if known.is_empty() => {
                        "that page has no headings to link to: remove the `#...` part".into()
                    }
                    None => format!(
                        "the anchors there are: {}",
                        known
                            .iter()
                            .map(|k| format!("#{k}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                out.push(Diagnostic::error("broken-anchor", &c.pages[i].file, format!("the link to `{}` has the anchor `#{anchor}`, which is not on that page", l.target.path))
                    .at_line(Some(l.line))
                    .hint(hint));
            }
        }
    }
    out
}

/// What page `i` links to or embeds, as the keys it adds to [`inbound_links`].
pub(crate) fn outbound(page: &Page, r: &Rendered) -> BTreeSet<Target> {
    let mut out: BTreeSet<Target> = r.links.iter().map(|l| l.target.target.clone()).collect();
    for sc in &r.shortcodes {
        out.insert(match sc.name.as_str() {
            "exercise" => Target::Exercise(sc.args["id"].clone()),
            _ => Target::Planner(sc.args["program"].clone()),
        });
    }
    if let Some(prog) = &page.meta.ladder {
        out.insert(Target::Planner(prog.clone()));
    }
    out
}

/// Target -> indexes of the pages that link to it or embed it.
pub(crate) fn inbound_links(c: &Content, rendered: &[Rendered]) -> BTreeMap<Target, Vec<usize>> {
    let mut m: BTreeMap<Target, Vec<usize>> = BTreeMap::new();
    // Pages are visited in index order, so each list comes out sorted and unique.
    for (i, (p, r)) in c.pages.iter().zip(rendered).enumerate() {
        for t in outbound(p, r) {
            m.entry(t).or_default().push(i);
        }
    }
    m
}
