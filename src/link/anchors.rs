//! Facts that cross pages: links whose `#anchor` is missing from the page they point
//! at, and which pages link to each target (backlinks, "used by" lists, `check`).

use super::{Resolved, Target};
use crate::content::{Content, Page, PageKind};
use crate::diagnostic::{Diagnostic, did_you_mean};
use std::collections::{BTreeMap, BTreeSet};

/// An internal link found in a page.
#[derive(Debug, Clone)]
pub struct LinkRef {
    /// Where it goes.
    pub target: Resolved,
    /// 1-based line in the file.
    pub line: usize,
}

/// What the anchor check and the backlinks need from a page once it is rendered
/// (`markdown::Rendered` implements it, so this module need not know Markdown).
pub trait PageLinks {
    /// Its `@/` links, with their lines.
    fn links(&self) -> &[LinkRef];
    /// The ids of its headings (the anchors it has).
    fn anchors(&self) -> Vec<&str>;
    /// What its shortcodes embed (an exercise's card, a ladder).
    fn embeds(&self) -> Vec<Target>;
}

/// Anchors that generated pages always have, so `@/exercises/x.yaml#steps` can be checked.
pub const EXERCISE_ANCHORS: &[&str] = &["steps", "dose", "cautions", "used-in", "main"];
/// Anchors every planner page has.
pub const PLANNER_ANCHORS: &[&str] = &[
    "ladder",
    "schedule",
    "milestones",
    "log-sheet",
    "planner",
    "main",
];

/// Links whose `#anchor` is not an id on the page they point at, in page order.
pub fn check_anchors<R: PageLinks>(c: &Content, rendered: &[R]) -> Vec<Diagnostic> {
    let section_index: BTreeMap<&str, usize> = c
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind != PageKind::Regular)
        .map(|(i, p)| (p.section.as_str(), i))
        .collect();
    let ids = |j: usize| rendered[j].anchors();
    let mut out = Vec::new();
    for (i, r) in rendered.iter().enumerate() {
        for l in r.links() {
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
                let message = if l.target.target == Target::Page(i) {
                    format!(
                        "the link `#{anchor}` points at a part of this page that does not exist"
                    )
                } else {
                    format!(
                        "the link to `{}` has the anchor `#{anchor}`, which is not on that page",
                        l.target.path
                    )
                };
                out.push(
                    Diagnostic::error("broken-anchor", &c.pages[i].file, message)
                        .at_line(Some(l.line))
                        .hint(hint),
                );
            }
        }
    }
    out
}

/// What page `i` links to or embeds, as the keys it adds to [`inbound_links`].
pub fn outbound(page: &Page, r: &impl PageLinks) -> BTreeSet<Target> {
    let mut out: BTreeSet<Target> = r.links().iter().map(|l| l.target.target.clone()).collect();
    out.extend(r.embeds());
    if let Some(prog) = &page.meta.ladder {
        out.insert(Target::Planner(prog.clone()));
    }
    out
}

/// Target -> indexes of the pages that link to it or embed it.
///
/// Links to pages (nearly all of them) are gathered in a list indexed by the page linked
/// to, and the map is made from it at the end, in key order, in one pass: inserting each
/// link into the map was a search of a map of 100,000 targets per link (0.3-0.6 s of a
/// 100,000-page build, 20 times the 10,000-page build's; bench/RESULTS.md, "eighth
/// pass"). The same map comes out: each list sorted and unique.
pub fn inbound_links<R: PageLinks>(c: &Content, rendered: &[R]) -> BTreeMap<Target, Vec<usize>> {
    let mut to_page: Vec<Vec<usize>> = vec![Vec::new(); c.pages.len()];
    let mut other: BTreeMap<Target, Vec<usize>> = BTreeMap::new();
    // Pages are visited in index order, so each list comes out sorted and unique.
    for (i, (p, r)) in c.pages.iter().zip(rendered).enumerate() {
        for t in outbound(p, r) {
            match t {
                Target::Page(j) if j < to_page.len() => to_page[j].push(i),
                t => other.entry(t).or_default().push(i),
            }
        }
    }
    // `Target::Page` sorts first, so this is in key order already.
    to_page
        .into_iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .map(|(j, v)| (Target::Page(j), v))
        .chain(other)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{LoadOptions, load};

    /// A page's links and embeds, without Markdown.
    struct Fake {
        links: Vec<LinkRef>,
        embeds: Vec<Target>,
    }

    impl PageLinks for Fake {
        fn links(&self) -> &[LinkRef] {
            &self.links
        }
        fn anchors(&self) -> Vec<&str> {
            Vec::new()
        }
        fn embeds(&self) -> Vec<Target> {
            self.embeds.clone()
        }
    }

    /// The list by page gives exactly the map that inserting each page's targets one by
    /// one, in page order, gives: every list sorted, no page twice.
    #[test]
    fn backlinks_are_each_targets_linking_pages_in_order_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("site.yaml"), "title: Test clinic\n").unwrap();
        std::fs::create_dir_all(root.join("content")).unwrap();
        for i in 0..40 {
            std::fs::write(
                root.join(format!("content/p{i:02}.md")),
                format!("---\ntitle: Page {i}\n---\nText.\n"),
            )
            .unwrap();
        }
        let (c, diags) = load(root, LoadOptions::default());
        let c = c.unwrap_or_else(|| panic!("{diags:?}"));
        let n = c.pages.len();
        assert!(n >= 40);
        let link = |t: Target| LinkRef {
            target: Resolved {
                target: t,
                path: String::new(),
                anchor: None,
            },
            line: 1,
        };
        // Page i links to pages i*7 % n and i*3 % n (twice), to the exercise list when
        // i is even, and embeds an exercise shared by every third page.
        let rendered: Vec<Fake> = (0..n)
            .map(|i| Fake {
                links: [
                    Target::Page(i * 7 % n),
                    Target::Page(i * 3 % n),
                    Target::Page(i * 3 % n),
                ]
                .into_iter()
                .chain((i % 2 == 0).then_some(Target::ExerciseList))
                .map(link)
                .collect(),
                embeds: (i % 3 == 0)
                    .then(|| Target::Exercise(format!("e{}", i % 5)))
                    .into_iter()
                    .collect(),
            })
            .collect();
        let mut expected: BTreeMap<Target, Vec<usize>> = BTreeMap::new();
        for (i, (p, r)) in c.pages.iter().zip(&rendered).enumerate() {
            for t in outbound(p, r) {
                expected.entry(t).or_default().push(i);
            }
        }
        let got = inbound_links(&c, &rendered);
        assert_eq!(got, expected);
        assert_eq!(got[&Target::Page(0)], vec![0]);
        assert_eq!(got[&Target::ExerciseList].len(), n.div_ceil(2));
        assert!(got.values().all(|v| v.windows(2).all(|w| w[0] < w[1])));
    }
}
