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
                .at_line(yaml::line_of(&t.front_matter, 2, "reviewed:"))
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
                    .at_line(yaml::line_of(text, 1, &format!("{code}:")))
                    .hint(hint),
                );
            }
        }
    }
    out
}
