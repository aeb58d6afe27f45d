//! Translations (issue 18): what is not translated yet into one of the site's
//! `languages` (`translation-missing`, which a clinic usually turns down to a note,
//! since partial translation is normal), and translations reviewed before their
//! original (`translation-outdated`): the original may have changed its advice since.

use crate::content::{Content, PageKind};
use crate::diagnostic::Diagnostic;
use crate::yaml;
use jiff::civil::Date;

/// `translation-missing`: each default-language page, exercise and ladder, for each of
/// the site's other languages it has no translation into.
pub(crate) fn missing(c: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let langs = &c.config.languages;
    let hint = "translate it (docs/content-format.md, \"Translations\"), or turn this rule down to a note with `rules: {translation-missing: note}` in site.yaml while translation is under way";
    for p in c.pages.iter().filter(|p| p.lang.is_none()) {
        for code in langs {
            let has = c
                .pages
                .iter()
                .any(|t| t.lang.as_deref() == Some(code) && t.original == p.source);
            if !has {
                let (dir, name) = p.source.rsplit_once('/').unwrap_or(("", &p.source));
                let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "md"));
                let file = if dir.is_empty() {
                    format!("content/{stem}.{code}.{ext}")
                } else {
                    format!("content/{dir}/{stem}.{code}.{ext}")
                };
                let what = if p.kind == PageKind::Regular {
                    "page"
                } else {
                    "folder's page"
                };
                out.push(
                    Diagnostic::warning(
                        "translation-missing",
                        &p.file,
                        format!("this {what} has no `{code}` translation (`{file}`), so its `{code}` readers get it in the default language"),
                    )
                    .hint(hint),
                );
            }
        }
    }
    for e in c.exercises.values() {
        for code in langs
            .iter()
            .filter(|l| !e.data.translations.contains_key(*l))
        {
            out.push(
                Diagnostic::warning(
                    "translation-missing",
                    &e.file,
                    format!("this exercise has no `{code}` translation (`translations: {code}:`)"),
                )
                .hint(hint),
            );
        }
    }
    out.extend(site_texts(c, hint));
    for l in c.ladders.values() {
        for code in langs
            .iter()
            .filter(|x| !l.data.translations.contains_key(*x))
        {
            out.push(
                Diagnostic::warning(
                    "translation-missing",
                    &l.file,
                    format!("this ladder has no `{code}` translation (`translations: {code}:`)"),
                )
                .hint(hint),
            );
        }
    }
    out
}

/// `translation-missing` for the clinic's own texts in site.yaml (`translations: <code>:`):
/// the description and the out-of-hours advice, each at its line, and the topics no
/// translation names, one finding per language.
fn site_texts(c: &Content, hint: &str) -> Vec<Diagnostic> {
    use crate::config::SiteText;
    use crate::names::slugify;
    let cfg = &c.config;
    let line = |path: &str| yaml::line_of(&cfg.text, 1, path);
    let mut out = Vec::new();
    // Every topic as the default language's pages name it, once (as the tag pages are).
    let mut topics: Vec<(String, &str)> = Vec::new();
    for p in c.pages.iter().filter(|p| p.lang.is_none()) {
        for t in &p.meta.tags {
            let slug = slugify(t);
            if !slug.is_empty() && !topics.iter().any(|(s, _)| *s == slug) {
                topics.push((slug, t));
            }
        }
    }
    topics.sort();
    for code in &cfg.languages {
        for field in SiteText::ALL {
            if let Some((_, Some(_))) = cfg.text_in(field, code) {
                let (what, so) = match field {
                    SiteText::Description => (
                        "the site's `description`",
                        "pages have no description for search engines",
                    ),
                    SiteText::OutOfHours => (
                        "the clinic's advice for when it is closed (`out_of_hours`)",
                        "pages show it in the default language",
                    ),
                };
                out.push(
                    Diagnostic::warning(
                        "translation-missing",
                        "site.yaml",
                        format!(
                            "{what} has no `{code}` translation (`translations: {code}: {}`), so the `{code}` {so}",
                            field.written()
                        ),
                    )
                    .at_line(line(field.path()))
                    .hint(hint),
                );
            }
        }
        let untranslated: Vec<&str> = topics
            .iter()
            .filter(|(_, t)| cfg.topic_in(t, code).is_none())
            .map(|(_, t)| *t)
            .collect();
        if let Some(first) = untranslated.first() {
            let shown: Vec<String> = untranslated
                .iter()
                .take(5)
                .map(|t| format!("`{t}`"))
                .collect();
            let more = match untranslated.len() {
                n if n > 5 => format!(" and {} more", n - 5),
                _ => String::new(),
            };
            let at = line(&format!("translations.{code}.topics"))
                .or_else(|| line(&format!("translations.{code}")))
                .or_else(|| {
                    let i = cfg.languages.iter().position(|l| l == code)?;
                    line(&format!("languages[{i}]"))
                });
            out.push(
                Diagnostic::warning(
                    "translation-missing",
                    "site.yaml",
                    format!(
                        "{} {} no `{code}` name, so {} shown in the default language on `{code}` pages: {}{more}",
                        untranslated.len(),
                        if untranslated.len() == 1 { "topic has" } else { "topics have" },
                        if untranslated.len() == 1 { "it is" } else { "they are" },
                        shown.join(", ")
                    ),
                )
                .at_line(at)
                .hint(format!(
                    "name them under `translations: {code}: topics:` in site.yaml, e.g. `{first}: ...`, or turn this rule down to a note with `rules: {{translation-missing: note}}`"
                )),
            );
        }
    }
    out
}

/// Whether a translation reviewed on `translated` is older than its original reviewed
/// on `original`. A translation with no date, of an original with one, counts as older:
/// nobody has checked it against the advice as it stands (the safer reading).
fn older(translated: Option<Date>, original: Option<Date>) -> bool {
    match (translated, original) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(t), Some(o)) => t < o,
    }
}

fn date_text(d: Option<Date>) -> String {
    d.map_or("never".to_string(), |d| d.to_string())
}

/// `translation-outdated`: a translation reviewed before its original.
pub(crate) fn outdated(c: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let hint =
        "check the translation against the original and update it, then set its `reviewed:` date";
    for t in c.pages.iter().filter(|p| p.lang.is_some()) {
        let Some(o) = c
            .pages
            .iter()
            .find(|p| p.lang.is_none() && p.source == t.original)
        else {
            continue;
        };
        if older(t.reviewed, o.reviewed) {
            out.push(
                Diagnostic::warning(
                    "translation-outdated",
                    &t.file,
                    format!(
                        "this translation was reviewed {}, but its original `{}` was reviewed {}: the original may have changed since",
                        date_text(t.reviewed),
                        o.file.display(),
                        date_text(o.reviewed)
                    ),
                )
                .at_line(yaml::line_of(&t.front_matter, 2, "reviewed"))
                .hint(hint),
            );
        }
    }
    let parse = |s: &Option<String>| s.as_deref().and_then(|s| s.parse::<Date>().ok());
    let items = c
        .exercises
        .values()
        .map(|e| {
            let words: Vec<_> = e
                .data
                .translations
                .iter()
                .map(|(k, w)| (k, parse(&w.reviewed)))
                .collect();
            (&e.file, &e.text, e.reviewed, words)
        })
        .chain(c.ladders.values().map(|l| {
            let words: Vec<_> = l
                .data
                .translations
                .iter()
                .map(|(k, w)| (k, parse(&w.reviewed)))
                .collect();
            (&l.file, &l.text, l.reviewed, words)
        }));
    for (file, text, original, words) in items {
        for (code, reviewed) in words {
            if older(reviewed, original) {
                out.push(
                    Diagnostic::warning(
                        "translation-outdated",
                        file,
                        format!(
                            "its `{code}` translation was reviewed {}, but the original was reviewed {}: the original may have changed since",
                            date_text(reviewed),
                            date_text(original)
                        ),
                    )
                    .at_line(yaml::line_of(text, 1, &format!("translations.{code}.reviewed"))
                        .or_else(|| yaml::line_of(text, 1, &format!("translations.{code}"))))
                    .hint(hint),
                );
            }
        }
    }
    out
}
