//! A site in several languages: which pages exist in which language, each language's
//! navigation (a page not translated is linked in the default language, marked with
//! it), and the exercises and ladders with their words translated. A one-language site
//! has none of this and renders exactly as before.

use crate::content::{Content, Exercise, Ladder};
use crate::i18n::{Tables, fill};
use crate::link::{Target, UrlMap};
use crate::render::context::{ExerciseCtx, LadderCtx, Link, NavLink};
use crate::render::pages::words::word;
use std::collections::{BTreeMap, HashMap};

/// Everything the renderer needs about the site's other languages.
#[derive(Debug, Default)]
pub(crate) struct Translations {
    /// Output path of a page in the default language -> (language -> output path of its
    /// translation).
    pub(crate) versions: HashMap<String, BTreeMap<String, String>>,
    /// Output path of a translated page -> output path of its original.
    pub(crate) original_of: HashMap<String, String>,
    /// Language -> its main navigation.
    pub(crate) navs: BTreeMap<String, Vec<NavLink>>,
    /// Language -> exercise id -> the exercise in that language (translated ones only).
    pub(crate) exercises: BTreeMap<String, BTreeMap<String, ExerciseCtx>>,
    /// Language -> ladder id -> the ladder in that language (translated ones only).
    pub(crate) ladders: BTreeMap<String, BTreeMap<String, LadderCtx>>,
    /// Output path of a translated page, exercise, planner or listing -> its title in
    /// its language (what a link to it from a page in that language says).
    pub(crate) titles: HashMap<String, String>,
    /// Language -> folder -> the index in `Content::pages` of its translated `index.md`
    /// (`index.es.md`), the text of the folder's listing in that language.
    pub(crate) index_pages: BTreeMap<String, HashMap<String, usize>>,
    /// The default language's code and own name ("English"), what marks a page not
    /// translated (empty on a one-language site).
    pub(crate) default: (String, String),
    /// Language -> `site` as its pages see it (the clinic's texts in that language, or
    /// marked), from [`crate::render::pages::site_in`].
    pub(crate) sites: BTreeMap<String, crate::render::context::SiteCtx>,
}

impl Translations {
    /// The output path of `path` (a default-language address) in `code`, if translated.
    pub(crate) fn path_in(&self, path: &str, code: &str) -> Option<&str> {
        self.versions
            .get(path)
            .and_then(|v| v.get(code))
            .map(String::as_str)
    }

    /// Every version of the page at output path `path` (in any language): (language,
    /// path), the default language first. Empty when the page has no translation.
    pub(crate) fn all_versions(&self, default: &str, path: &str) -> Vec<(String, String)> {
        let original = self.original_of.get(path).map_or(path, String::as_str);
        match self.versions.get(original) {
            Some(v) if !v.is_empty() => {
                let mut out = vec![(default.to_string(), original.to_string())];
                out.extend(v.iter().map(|(c, p)| (c.clone(), p.clone())));
                out
            }
            _ => Vec::new(),
        }
    }
}

/// The link of a page in the default language, marked as such for a page in `code`.
fn fallback(l: &Link, default: &str, code: &str, tables: &Tables) -> NavLink {
    let mut l = l.clone();
    mark(&mut l, default, code, tables);
    l
}

/// Marks `l` (a link on a page in language `page`) as leading to a page in `lang` (the
/// default language, from a page in another) with its title in that language: the
/// theme puts `lang` on the title and the mark after it, "(en inglés)". A link whose
/// words are the page's own sets `title_lang` back to `None` after this.
pub(crate) fn mark(l: &mut Link, lang: &str, page: &str, tables: &Tables) {
    l.lang = Some(lang.to_string());
    l.title_lang = Some(lang.to_string());
    l.language = Some(tables.language_name_in(page, lang));
}

/// Works out the translations of a site: pages (from `knee.es.md` files), exercises and
/// ladders (from their `translations:`), and each language's navigation from the
/// default one (`nav`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn translations(
    c: &Content,
    urls: &UrlMap,
    base: &str,
    tables: &Tables,
    nav: &[Link],
    exercises: &BTreeMap<String, ExerciseCtx>,
    ladders: &BTreeMap<String, LadderCtx>,
) -> Translations {
    let mut t = Translations::default();
    if c.config.languages.is_empty() {
        return t;
    }
    let default = c.config.language.as_str();
    t.default = (
        default.to_string(),
        tables
            .get(default)
            .map_or(default.to_string(), |t| t.name.clone()),
    );
    let mut titles: HashMap<String, String> = HashMap::new();
    for (path, target) in urls.paths() {
        let Target::Page(i) = target else { continue };
        let p = &c.pages[*i];
        let Some(code) = &p.lang else { continue };
        let Some(original) = urls.path_of(&p.original) else {
            continue;
        };
        t.versions
            .entry(original.to_string())
            .or_default()
            .insert(code.clone(), path.clone());
        t.original_of.insert(path.clone(), original.to_string());
        titles.insert(path.clone(), p.meta.title.clone());
        if p.kind != crate::content::PageKind::Regular {
            t.index_pages
                .entry(code.clone())
                .or_default()
                .insert(p.section.clone(), *i);
        }
    }
    // The listings every other language has (see `render::pages::generated`): the
    // lists of exercises, of ladders and of tags, and each tag's page.
    let listings: Vec<String> = urls
        .paths()
        .map(|(p, _)| p)
        .filter(|p| *p == "exercises/" || *p == "planner/" || p.starts_with("tags/"))
        .cloned()
        .collect();
    for code in &c.config.languages {
        for from in &listings {
            let to = format!("{code}/{from}");
            if urls.lookup_path(&to).is_some() {
                t.original_of.insert(to.clone(), from.clone());
                let title = match from.as_str() {
                    "exercises/" => Some(word(tables, code, "nav_exercises", None)),
                    "planner/" => Some(word(tables, code, "exercise_plans", None)),
                    "tags/" => Some(word(tables, code, "topics", None)),
                    _ => None,
                };
                if let Some(title) = title {
                    titles.entry(to.clone()).or_insert(title);
                }
                t.versions
                    .entry(from.clone())
                    .or_default()
                    .insert(code.clone(), to);
            }
        }
    }
    for code in &c.config.languages {
        let mut ex = BTreeMap::new();
        for e in c.exercises.values() {
            if let Some(ctx) = exercises.get(&e.id)
                && let Some(x) =
                    exercise_in(e, ctx, code, base, tables, c.config.review_every_months)
            {
                let (from, to) = (
                    format!("exercises/{}/", e.id),
                    format!("{code}/exercises/{}/", e.id),
                );
                t.original_of.insert(to.clone(), from.clone());
                titles.insert(to.clone(), x.name.clone());
                t.versions.entry(from).or_default().insert(code.clone(), to);
                ex.insert(e.id.clone(), x);
            }
        }
        t.exercises.insert(code.clone(), ex);
    }
    for code in &c.config.languages {
        let mut ls = BTreeMap::new();
        for l in c.ladders.values() {
            if let Some(ctx) = ladders.get(&l.id)
                && let Some(x) = ladder_in(
                    default,
                    l,
                    ctx,
                    code,
                    (base, c.config.review_every_months),
                    tables,
                    &t,
                    &titles,
                )
            {
                for sub in ["", "log-sheet/", "handout/"] {
                    let from = format!("planner/{}/{sub}", l.id);
                    let to = format!("{code}/planner/{}/{sub}", l.id);
                    t.original_of.insert(to.clone(), from.clone());
                    if sub.is_empty() {
                        titles.insert(to.clone(), x.title.clone());
                    }
                    t.versions.entry(from).or_default().insert(code.clone(), to);
                }
                ls.insert(l.id.clone(), x);
            }
        }
        t.ladders.insert(code.clone(), ls);
    }
    for code in &c.config.languages {
        let items = nav
            .iter()
            .map(|l| {
                let path = l.url.strip_prefix(base).unwrap_or(&l.url);
                match t.path_in(path, code) {
                    Some(p) => NavLink {
                        title: titles
                            .get(p)
                            .cloned()
                            .unwrap_or_else(|| section_title(l, path, code, tables)),
                        url: format!("{base}{p}"),
                        lang: None,
                        language: None,
                        title_lang: None,
                    },
                    None => {
                        let mut l = fallback(l, default, code, tables);
                        // Home and Exercises are the theme's words, said in the page's
                        // language even when they lead to the default language's page.
                        let own = section_title(&l, path, code, tables);
                        if own != l.title {
                            l.title = own;
                            l.title_lang = None;
                        }
                        l
                    }
                }
            })
            .collect();
        t.navs.insert(code.clone(), items);
    }
    t.titles = titles;
    t
}

/// The title of a menu entry that has no page of its own in `code` but exists in it.
fn section_title(l: &Link, path: &str, code: &str, tables: &Tables) -> String {
    match path {
        "" => word(tables, code, "nav_home", None),
        "exercises/" => word(tables, code, "nav_exercises", None),
        _ => l.title.clone(),
    }
}

/// An exercise's dose in `code`, from the tables: "2 sets of 12, hold 5 seconds, twice
/// a day" in English.
pub(crate) fn dose_in(e: &Exercise, code: &str, tables: &Tables) -> Option<String> {
    let d = &e.data.dose;
    let n = |x: u32| Some(i64::from(x));
    let mut parts = Vec::new();
    let unit = |key: &str, x: u32| word(tables, code, key, n(x));
    match (d.sets, d.reps) {
        (Some(s), Some(r)) => {
            let text = word(tables, code, "exercise_dose", None);
            let sets = unit("unit_set", s);
            parts.push(fill(&text, |k| match k {
                "sets" => Some(sets.clone()),
                "reps" => Some(r.to_string()),
                _ => None,
            }));
        }
        (None, Some(r)) => parts.push(unit("exercise_reps", r)),
        (Some(s), None) => parts.push(unit("unit_set", s)),
        (None, None) => {}
    }
    if let Some(h) = d.hold_seconds.filter(|h| *h > 0) {
        parts.push(unit("exercise_hold", h));
    }
    if let Some(x) = d.times_per_day {
        parts.push(word(tables, code, "times_per_day", n(x)));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// A translation's review dates, from its own `reviewed:` (with the interval of its
/// original, `own_months` or the site's `months`): what its page shows and its
/// structured data's `lastReviewed` says. None when the translation has no date: the
/// original's date says nothing about when anyone checked the translation, so it is
/// not claimed for it (docs/content-format.md, "Translations").
fn translation_review(
    reviewed: Option<&str>,
    own_months: Option<u32>,
    months: u32,
) -> Option<crate::render::context::Review> {
    let date = reviewed?.parse::<jiff::civil::Date>().ok();
    crate::render::trust::review_ctx(date, own_months.unwrap_or(months))
}

/// A translation's reviewer: its own `reviewed_by`, never its original's (who checked
/// the original's words, not the translation's). None when blank or not given.
fn translation_reviewer(reviewed_by: Option<&str>) -> Option<String> {
    reviewed_by
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
}

fn exercise_in(
    e: &Exercise,
    ctx: &ExerciseCtx,
    code: &str,
    base: &str,
    tables: &Tables,
    months: u32,
) -> Option<ExerciseCtx> {
    let w = e.data.translations.get(code)?;
    let mut x = ctx.clone();
    x.name = w.name.clone();
    x.summary = w.summary.clone();
    x.steps = w.steps.clone();
    x.image_alt = w.image_alt.clone().or(x.image_alt);
    x.cautions = w.cautions.clone();
    x.body_regions = w.body_regions.clone();
    x.equipment = w.equipment.clone();
    x.dose = dose_in(e, code, tables);
    x.trust.review = translation_review(w.reviewed.as_deref(), e.data.review_every_months, months);
    x.trust.reviewed_by = translation_reviewer(w.reviewed_by.as_deref());
    if let Some(p) = &mut x.player
        && p.qr.is_some()
    {
        let label = crate::render::pages::words::qr_label(tables, code, "qr_video_of", &x.name);
        p.qr = crate::render::qr::svg(&p.address, &label);
    }
    x.url = format!("{base}{code}/exercises/{}/", e.id);
    Some(x)
}

#[allow(clippy::too_many_arguments)]
fn ladder_in(
    c_default: &str,
    l: &Ladder,
    ctx: &LadderCtx,
    code: &str,
    (base, months): (&str, u32),
    tables: &Tables,
    t: &Translations,
    titles: &HashMap<String, String>,
) -> Option<LadderCtx> {
    let w = l.data.translations.get(code)?;
    let ex = t.exercises.get(code);
    let mut x = ctx.clone();
    x.title = w.title.clone();
    x.description = w.description.clone();
    x.trust.review = translation_review(w.reviewed.as_deref(), l.data.review_every_months, months);
    x.trust.reviewed_by = translation_reviewer(w.reviewed_by.as_deref());
    x.url = format!("{base}{code}/planner/{}/", l.id);
    x.times_per_day = word(tables, code, "times_per_day", Some(i64::from(x.sessions)));
    let default = c_default;
    let local = |link: &mut Link, id: &str| {
        if let Some(e) = ex.and_then(|m| m.get(id)) {
            link.title = e.name.clone();
            link.url = e.url.clone();
        } else {
            mark(link, default, code, tables);
        }
    };
    for (s, data) in x.stages.iter_mut().zip(&l.data.stages) {
        local(&mut s.exercise, &data.exercise);
    }
    // A link to a page of the site (a milestone's "read more", the pacing page): the
    // page's translation when it has one, else the page itself, with the language to
    // mark it with (as a condition's link below).
    let page_in = |url: &mut String| -> Option<String> {
        let rest = url.strip_prefix(base)?;
        // A translation's headings differ from its original's: a `#part` is dropped.
        let path = rest.split_once('#').map_or(rest, |(p, _)| p);
        match t.path_in(path, code) {
            Some(p) => {
                *url = format!("{base}{p}");
                None
            }
            None => Some(default.to_string()),
        }
    };
    for ((m, data), unlocks) in x
        .milestones
        .iter_mut()
        .zip(&l.data.milestones)
        .zip(&w.milestones)
    {
        local(&mut m.exercise, &data.exercise);
        m.unlocks = unlocks.clone();
        if let Some(url) = &mut m.link {
            m.link_lang = page_in(url);
        }
    }
    if let Some(url) = &mut x.pacing {
        x.pacing_lang = page_in(url);
    }
    for row in &mut x.schedule {
        if let Some(s) = l.data.stages.get(row.step.saturating_sub(1)) {
            match ex.and_then(|m| m.get(&s.exercise)) {
                Some(e) => row.exercise = e.name.clone(),
                None => row.lang = Some(default.to_string()),
            }
        }
    }
    if let Some(cond) = &mut x.condition {
        let path = cond.url.strip_prefix(base).unwrap_or(&cond.url).to_string();
        if let Some(p) = t.path_in(&path, code) {
            cond.url = format!("{base}{p}");
            if let Some(title) = titles.get(p) {
                cond.title = title.clone();
            }
        } else {
            mark(cond, default, code, tables);
        }
    }
    Some(x)
}
