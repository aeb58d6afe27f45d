//! The listings: a folder's pages and subfolders, the exercise list and its finder,
//! the exercise plans, the A-Z list.

use super::{RenderCtx, folder_title};
use crate::content;
use crate::diagnostic::Diagnostic;
use crate::link::Target;
use crate::names::slugify;
use crate::render::context::*;
use crate::render::jsonld;
use crate::render::sort_key;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// "no equipment" -> "No equipment".
pub(super) fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn finder_item(e: &ExerciseCtx) -> FinderItem {
    let slugs = |v: &[String], empty: &str| {
        let mut s: Vec<String> = v.iter().map(|x| slugify(x.trim())).collect();
        s.retain(|x| !x.is_empty());
        if s.is_empty() {
            s.push(empty.to_string());
        }
        s.dedup();
        s.join(" ")
    };
    FinderItem {
        id: e.id.clone(),
        name: e.name.clone(),
        url: e.url.clone(),
        summary: e.summary.clone(),
        regions: slugs(&e.body_regions, "other"),
        equipment: slugs(&e.equipment, "none"),
        equipment_names: e
            .equipment
            .iter()
            .filter(|x| slugify(x) != "none" && !slugify(x).is_empty())
            .cloned()
            .collect(),
        lang: e.lang.clone(),
        language: e.language.clone(),
    }
}

impl RenderCtx<'_> {
    /// The pages `idx` (of the default language), as a listing sorts them.
    pub(super) fn sorted_pages(&self, idx: &[usize]) -> Vec<ListItem> {
        let mut idx = idx.to_vec();
        // Each key made once (a lower-cased title), not twice per comparison; the same
        // order, since this sort is stable too.
        idx.sort_by_cached_key(|i| {
            sort_key(self.c.pages[*i].meta.weight, &self.c.pages[*i].meta.title)
        });
        idx.into_iter().map(|i| self.list_item(i)).collect()
    }

    /// A listing page's own text: its folder's index.md, or a bare page titled after the folder.
    pub(super) fn listing_page(&self, section: &str, title: &str, url: &str) -> PageCtx<'_> {
        match self.listing_index(section) {
            Some(i) => self.page_ctx(i, url.to_string()),
            None => PageCtx {
                title: title.to_string(),
                description: None,
                url: url.to_string(),
                content: "".into(),
                tags: vec![],
                review: None,
                ladder: None,
                trust: None,
                breadcrumbs: if url == self.base || url == self.home_url() {
                    tera::Value::from(Vec::<tera::Value>::new())
                } else {
                    self.breadcrumbs(None)
                },
            },
        }
    }

    /// Every page, exercise and exercise plan search indexes in the page's language, A
    /// to Z by first letter. In another language (`es`): its pages, and the exercises
    /// and plans translated into it.
    ///
    /// Shape (`docs/templates.md`'s `az`): a list of groups `{letter, items}`, each item
    /// `{title, url, kind}` (`kind` null for a page): by letter (`#` first, for titles
    /// that do not start with one), then lower-cased title, then address.
    /// Made straight as a template value, without a list of owned items first: at
    /// 100,000 pages that list was 28 MB on top of the value's 55 MB, at the build's
    /// peak memory (issue 20).
    pub(super) fn a_to_z(&self) -> tera::Value {
        let exercise = self.word("az_kind_exercise", None);
        let plan = self.word("az_kind_plan", None);
        let mut entries: Vec<AzEntry<'_>> = Vec::new();
        if let Some(code) = self.lang {
            let exercises = self.tr.exercises.get(code).into_iter().flat_map(|m| {
                m.values()
                    .map(|e| (e.name.as_str(), e.url.as_str(), &exercise))
            });
            let ladders = self.tr.ladders.get(code).into_iter().flat_map(|m| {
                m.values()
                    .map(|l| (l.title.as_str(), l.url.as_str(), &plan))
            });
            for (title, url, kind) in exercises.chain(ladders) {
                entries.push(AzEntry {
                    title: Cow::Borrowed(title),
                    base: "",
                    path: url,
                    kind: Some(kind),
                });
            }
        }
        for (path, target) in self.urls.paths() {
            let page_lang = match target {
                Target::Page(i) => self.c.pages[*i].lang.as_deref(),
                _ => None,
            };
            if page_lang != self.lang {
                continue;
            }
            let kind = match target {
                Target::Page(i) if !self.c.pages[*i].meta.draft => None,
                Target::Section(s) if !s.is_empty() => None,
                Target::Exercise(_) => Some(&exercise),
                Target::Planner(_) => Some(&plan),
                _ => continue,
            };
            let title = match target {
                Target::Page(i) => Cow::Borrowed(self.c.pages[*i].meta.title.as_str()),
                Target::Section(s) => self.section_page(s).map_or_else(
                    || Cow::Owned(folder_title(s)),
                    |p| Cow::Borrowed(p.meta.title.as_str()),
                ),
                Target::Exercise(id) => Cow::Borrowed(self.exercises[id].name.as_str()),
                Target::Planner(id) => Cow::Borrowed(self.ladders[id].title.as_str()),
                _ => continue,
            };
            entries.push(AzEntry {
                title,
                base: self.base,
                path,
                kind,
            });
        }
        // By letter (each letter one group: `#` first), then lower-cased title, each made
        // once, then address. (Sorted by title alone, until 1 December, a title that
        // starts with `¿`, `“` or `~`, or with a letter whose capital is a plain one,
        // `ı` or `ſ`, came after `z`, in a second `#`, `I` or `S` group.)
        let mut order: Vec<([char; 3], String, usize)> = (entries.iter().enumerate())
            .map(|(i, e)| (az_letter(&e.title), e.title.to_lowercase(), i))
            .collect();
        order.sort_unstable_by(|(l, a, i), (m, b, j)| {
            (l.cmp(m).then_with(|| a.cmp(b))).then_with(|| entries[*i].url_cmp(&entries[*j]))
        });
        let mut groups: Vec<tera::Value> = Vec::new();
        let mut letter = [char::MAX; 3];
        let mut items: Vec<tera::Value> = Vec::new();
        let mut url = String::new();
        for (this, _, i) in order {
            let e = &entries[i];
            if this != letter && !items.is_empty() {
                groups.push(az_group(&letter, std::mem::take(&mut items)));
            }
            letter = this;
            url.clear();
            url.push_str(e.base);
            url.push_str(e.path);
            items.push(template_map([
                ("title", tera::Value::from(e.title.as_ref())),
                ("url", tera::Value::from(url.as_str())),
                (
                    "kind",
                    e.kind.map_or_else(tera::Value::none, |k| k.as_str().into()),
                ),
            ]));
        }
        if !items.is_empty() {
            groups.push(az_group(&letter, items));
        }
        tera::Value::from(groups)
    }

    /// The exercise finder's groups: by body region and by equipment.
    pub(super) fn finder(&self, list: &[&ExerciseCtx]) -> Finder {
        let group = |values: fn(&ExerciseCtx) -> &[String], empty: &str, label: &str| {
            let mut groups: BTreeMap<String, FinderGroup> = BTreeMap::new();
            for e in list {
                let mut names: Vec<&str> = values(e).iter().map(|s| s.trim()).collect();
                names.retain(|n| !slugify(n).is_empty());
                if names.is_empty() {
                    names.push(empty);
                }
                for n in names {
                    let slug = slugify(n);
                    // A group named by an exercise not translated into the page's
                    // language has a name in the default language, marked as such.
                    let named_by = (slug != empty).then_some(e).and_then(|e| e.lang.as_ref());
                    let g = groups.entry(slug.clone()).or_insert_with(|| FinderGroup {
                        name: if slug == empty {
                            label.to_string()
                        } else {
                            capitalise(n)
                        },
                        slug,
                        exercises: Vec::new(),
                        lang: named_by.cloned(),
                        language: named_by.and(e.language.clone()),
                    });
                    if !g.exercises.iter().any(|x| x.id == e.id) {
                        g.exercises.push(finder_item(e));
                    }
                }
            }
            groups.into_values().collect()
        };
        let (other, none) = (
            self.word("finder_other_region", None),
            self.word("finder_no_equipment_group", None),
        );
        Finder {
            regions: group(|e| &e.body_regions, "other", &other),
            equipment: group(|e| &e.equipment, "none", &none),
        }
    }

    /// A folder's listing (`s`, `""` for the home page) in the page's language: its
    /// `index.md` (or translation), its pages and subfolders; returns the template.
    pub(super) fn section_listing(
        &self,
        ctx: &mut tera::Context,
        s: &str,
        path: &str,
        url: &str,
    ) -> Result<String, Diagnostic> {
        let title = if s.is_empty() {
            self.c.config.title.clone()
        } else {
            folder_title(s)
        };
        let listing = self.listing_page(s, &title, url);
        let index = self.listing_index(s);
        if let Some(i) = index {
            ctx.insert(
                "jsonld",
                &jsonld::for_page(self.c, i, path, listing.review.as_ref(), self.code()),
            );
        }
        ctx.insert("page", &listing);
        let pages = self.sorted_pages(self.folders.pages.get(s).map_or(&[], Vec::as_slice));
        let subs = self.folders.subs.get(s).into_iter().flatten().map(|x| {
            let idx = self.section_page(x);
            let l = self.local(Link {
                title: idx
                    .map(|p| p.meta.title.clone())
                    .unwrap_or_else(|| folder_title(x)),
                url: self.url(self.urls.path_of(&format!("{x}/")).unwrap_or_default()),
                lang: None,
                language: None,
                title_lang: None,
            });
            let description = match self.listing_index(x) {
                Some(i) if l.lang.is_none() => self.c.pages[i].meta.description.clone(),
                _ => idx.and_then(|p| p.meta.description.clone()),
            };
            ListItem::new(l, description)
        });
        ctx.insert(
            "section",
            &SectionCtx {
                pages,
                subsections: subs.collect(),
            },
        );
        if s.is_empty() {
            ctx.insert("ladders", &self.ladder_list());
            self.template_for(index, "index.html")
        } else {
            self.template_for(index, "section.html")
        }
    }

    /// The list of exercises with its finder, in the page's language; returns the
    /// template.
    pub(super) fn exercise_list(&self, ctx: &mut tera::Context, url: &str) -> String {
        ctx.insert(
            "page",
            &self.listing_page(
                content::EXERCISES_DIR,
                &self.word("nav_exercises", None),
                url,
            ),
        );
        let mut list: Vec<Cow<'_, ExerciseCtx>> = self
            .exercises
            .keys()
            .filter_map(|id| self.exercise_here(id))
            .collect();
        list.sort_by_cached_key(|e| e.name.to_lowercase());
        let refs: Vec<&ExerciseCtx> = list.iter().map(|e| e.as_ref()).collect();
        ctx.insert("finder", &self.finder(&refs));
        ctx.insert("exercises", &refs);
        "exercises.html".to_string()
    }

    /// The list of exercise plans in the page's language; returns the template.
    pub(super) fn planner_list(&self, ctx: &mut tera::Context, url: &str) -> String {
        ctx.insert(
            "page",
            &self.listing_page(
                content::LADDERS_DIR,
                &self.word("exercise_plans", None),
                url,
            ),
        );
        ctx.insert("ladders", &self.ladder_list());
        "planners.html".to_string()
    }

    /// An exercise as a list in the page's language shows it: translated, or the
    /// default language's marked with its language.
    pub(super) fn exercise_here(&self, id: &str) -> Option<Cow<'_, ExerciseCtx>> {
        let e = self.exercises.get(id)?;
        let Some(code) = self.lang else {
            return Some(Cow::Borrowed(e));
        };
        Some(match self.tr.exercises.get(code).and_then(|m| m.get(id)) {
            Some(x) => Cow::Borrowed(x),
            None => {
                let mut e = e.clone();
                e.lang = Some(self.c.config.language.clone());
                e.language = Some(self.language_name(&self.c.config.language));
                Cow::Owned(e)
            }
        })
    }

    /// Every ladder as a list in the page's language shows it: translated, or the
    /// default language's marked with its language.
    pub(super) fn ladder_list(&self) -> Vec<Cow<'_, LadderCtx>> {
        self.ladders
            .keys()
            .map(|id| match self.lang {
                Some(code) => match self.tr.ladders.get(code).and_then(|m| m.get(id)) {
                    Some(l) => Cow::Borrowed(l),
                    None => {
                        let mut l = self.ladders[id].clone();
                        l.lang = Some(self.c.config.language.clone());
                        l.language = Some(self.language_name(&self.c.config.language));
                        Cow::Owned(l)
                    }
                },
                None => Cow::Borrowed(&self.ladders[id]),
            })
            .collect()
    }

    /// A language's name in the page's language ("inglés"), for the mark after its texts.
    pub(super) fn language_name(&self, code: &str) -> String {
        self.tables.language_name_in(self.code(), code)
    }
}

/// One entry of the A-Z list before it is sorted: its address is `base` then `path`.
struct AzEntry<'a> {
    title: Cow<'a, str>,
    base: &'a str,
    path: &'a str,
    kind: Option<&'a String>,
}

impl AzEntry<'_> {
    /// Orders two entries by address, as their whole addresses as texts would be.
    fn url_cmp(&self, other: &Self) -> std::cmp::Ordering {
        let url = |e: &Self| e.base.bytes().chain(e.path.bytes());
        url(self).cmp(url(other))
    }
}

/// A template value's map of `fields`, keyed by name.
fn template_map<const N: usize>(fields: [(&'static str, tera::Value); N]) -> tera::Value {
    let mut map = tera::Map::with_capacity(N);
    for (key, value) in fields {
        map.insert(tera::value::Key::Str(key), value);
    }
    tera::Value::from(map)
}

/// The A-Z list's letter for `title`: its first character in capitals (`ß` is `SS`;
/// at most three characters, then `\0`s, so that the letters sort as their texts), or
/// `#` when that is no letter.
fn az_letter(title: &str) -> [char; 3] {
    let mut letter = ['#', '\0', '\0'];
    if let Some(first) = title.chars().next().filter(|c| c.is_alphabetic()) {
        letter[0] = '\0';
        for (slot, c) in letter.iter_mut().zip(first.to_uppercase()) {
            *slot = c;
        }
    }
    letter
}

/// One letter of the A-Z list (from [`az_letter`]): `{letter, items}`.
fn az_group(letter: &[char; 3], items: Vec<tera::Value>) -> tera::Value {
    let letter: String = letter.iter().take_while(|c| **c != '\0').collect();
    template_map([
        ("letter", tera::Value::from(letter)),
        ("items", tera::Value::from(items)),
    ])
}
