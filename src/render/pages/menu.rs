//! The site as every template sees it (`site`): the clinic's texts in each language
//! and the menu, listed in site.yaml or made from the top of `content/`.

use super::{folder_title, word};
use crate::config::{MenuItem, SiteConfig};
use crate::content::{Content, PageKind};
use crate::diagnostic::Diagnostic;
use crate::i18n::Tables;
use crate::link::UrlMap;
use crate::render::context::*;
use crate::render::sort_key;

/// What every template sees as `site`, and the problems of `menu:` in site.yaml (links
/// to files that do not exist or are drafts).
pub(crate) fn site_ctx(
    c: &Content,
    urls: &UrlMap,
    base: &str,
    tables: &Tables,
) -> (SiteCtx, Vec<Diagnostic>) {
    let (nav, problems) = match &c.config.menu {
        Some(menu) => listed_menu(menu, c, urls, base),
        None => (automatic_menu(c, urls, base, tables), Vec::new()),
    };
    // The booking address as written can be a page of the site (`@/contact.md`,
    // `/contact/`): the theme gets the published address (`prepare` reports a wrong one).
    let mut clinic = c.config.clinic.clone();
    if let Some(b) = &clinic.booking_url {
        clinic.booking_url = links(c, urls, base)
            .check("", b)
            .ok()
            .map(|h| h.url)
            .or(Some("#".into()));
    }
    let site = SiteCtx {
        title: c.config.title.clone(),
        description: c.config.description.clone(),
        language: c.config.language.clone(),
        base_path: base.to_string(),
        base_url: c.config.absolute_base().map(str::to_string),
        clinic,
        theme_color: c.config.theme_color.clone(),
        nav,
        description_lang: None,
        out_of_hours_lang: None,
    };
    (site, problems)
}

/// `site` as the pages in language `code` see it: the clinic's texts translated
/// (`translations: <code>:` in site.yaml), or the default language's with their
/// language, for the theme to mark; and that language's navigation.
pub(crate) fn site_in(site: &SiteCtx, config: &SiteConfig, code: &str, nav: &[Link]) -> SiteCtx {
    use crate::config::SiteText;
    let mut s = site.clone();
    s.nav = nav.to_vec();
    if let Some((text, lang)) = config.text_in(SiteText::Description, code) {
        s.description = Some(text);
        s.description_lang = lang;
    }
    if let Some((text, lang)) = config.text_in(SiteText::OutOfHours, code) {
        s.clinic.out_of_hours = Some(text);
        s.out_of_hours_lang = lang;
    }
    s
}

pub(super) fn links<'a>(c: &'a Content, urls: &'a UrlMap, base: &'a str) -> crate::link::Links<'a> {
    crate::link::Links {
        urls,
        drafts: &c.drafts,
        broken: &c.broken_ids,
        base,
    }
}

/// The menu `menu:` in site.yaml lists, in its order, each `@/` link resolved.
pub(super) fn listed_menu(
    menu: &[MenuItem],
    c: &Content,
    urls: &UrlMap,
    base: &str,
) -> (Vec<Link>, Vec<Diagnostic>) {
    let mut nav = Vec::new();
    let mut problems = Vec::new();
    for item in menu {
        // `check_menu` made sure each link is an `@/` link; it goes through the one
        // address check like every other address.
        match links(c, urls, base).check("", item.link.trim()) {
            Ok(href) => nav.push(Link {
                title: item.title.trim().to_string(),
                url: href.url,
                lang: None,
                language: None,
                title_lang: None,
            }),
            Err(crate::link::LinkError::TargetBroken | crate::link::LinkError::Unsafe(_)) => {}
            Err(crate::link::LinkError::Broken(msg, hint)) => problems.push(
                Diagnostic::error(
                    "broken-link",
                    "site.yaml",
                    format!("menu item \"{}\": {msg}", item.title.trim()),
                )
                .at_line(item.line)
                .hint(hint),
            ),
        }
    }
    (nav, problems)
}

/// The menu made from the top of `content/` when site.yaml has no `menu:`: Home, then
/// the top folders and pages by weight and title, with Exercises fourth.
pub(super) fn automatic_menu(c: &Content, urls: &UrlMap, base: &str, tables: &Tables) -> Vec<Link> {
    let lang = c.config.language.as_str();
    let mut items: Vec<((i64, String), Link)> = Vec::new();
    for s in c
        .sections
        .iter()
        .filter(|s| !s.is_empty() && !s.contains('/'))
    {
        let index = c
            .pages
            .iter()
            .find(|p| p.kind == PageKind::Section && &p.section == s && p.lang.is_none());
        let title = index
            .map(|p| p.meta.title.clone())
            .unwrap_or_else(|| folder_title(s));
        let weight = index.map_or(0, |p| p.meta.weight);
        let path = urls.path_of(&format!("{s}/")).unwrap_or_default();
        items.push((
            sort_key(weight, &title),
            Link {
                title,
                url: format!("{base}{path}"),
                lang: None,
                language: None,
                title_lang: None,
            },
        ));
    }
    for p in c
        .pages
        .iter()
        .filter(|p| p.kind == PageKind::Regular && p.section.is_empty() && p.lang.is_none())
    {
        let path = urls.path_of(&p.source).unwrap_or_default();
        items.push((
            sort_key(p.meta.weight, &p.meta.title),
            Link {
                title: p.meta.title.clone(),
                url: format!("{base}{path}"),
                lang: None,
                language: None,
                title_lang: None,
            },
        ));
    }
    items.sort();
    let mut nav: Vec<Link> = vec![Link {
        title: word(tables, lang, "nav_home", None),
        url: base.to_string(),
        lang: None,
        language: None,
        title_lang: None,
    }];
    nav.extend(items.into_iter().map(|(_, l)| l));
    if !c.exercises.is_empty() {
        let pos = nav.len().min(3);
        nav.insert(
            pos,
            Link {
                title: word(tables, lang, "nav_exercises", None),
                url: format!("{base}exercises/"),
                lang: None,
                language: None,
                title_lang: None,
            },
        );
    }
    nav
}
