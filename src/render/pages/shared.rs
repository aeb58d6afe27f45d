//! What every page of a language shares: the template values made once per build
//! (`Shared`).

use crate::i18n::Tables;
use crate::render::context::*;
use crate::render::script_json;
use std::collections::HashMap;

/// The template values every page of one language shares (`nav`, and `site` in a
/// translated language), made into Tera values once per build: inserting them into each
/// page's context would convert them again for every page, and Tera's values share
/// their lists and maps, so a clone is a counter increment.
pub(crate) struct Shared {
    /// The site's language's `nav`.
    pub(super) nav: tera::Value,
    /// Each other language's `nav` and `site`.
    pub(super) langs: HashMap<String, (tera::Value, Option<tera::Value>)>,
    /// Each language's `planner_strings` (its planner texts as the planner page and
    /// progress summary embed them): about half a million instructions each to make.
    pub(super) strings: HashMap<String, tera::Value>,
    /// Each language's `texts`: every text of its table as `t(key=...)` with no other
    /// argument gives it. The theme's templates read `texts.skip_link` rather than call
    /// `t(key="skip_link")`: the same text, without the map of arguments Tera builds
    /// for every function call (about 150 calls a page; bench/RESULTS.md, "Issue 20,
    /// ninth pass").
    pub(super) texts: HashMap<String, tera::Value>,
}

/// [`Shared`] for the site's navigation `nav`, its other languages `tr` and the
/// string tables.
pub(crate) fn shared(
    nav: &[NavLink],
    tr: &crate::render::langs::Translations,
    tables: &Tables,
) -> Shared {
    let mut langs: HashMap<String, (tera::Value, Option<tera::Value>)> = tr
        .navs
        .iter()
        .map(|(code, nav)| (code.clone(), (tera::Value::from_serializable(nav), None)))
        .collect();
    for (code, site) in &tr.sites {
        langs
            .entry(code.clone())
            .or_insert_with(|| (tera::Value::from_serializable(nav), None))
            .1 = Some(tera::Value::from_serializable(site));
    }
    let strings = tables
        .all()
        .map(|l| {
            let json = script_json(&Some(&l.planner));
            (l.code.clone(), tera::Value::from(json))
        })
        .collect();
    let texts = crate::render::words::texts(tables);
    Shared {
        nav: tera::Value::from_serializable(nav),
        langs,
        strings,
        texts,
    }
}
