//! Translations (issue 18): what is not translated yet into one of the site's
//! `languages` (`translation-missing`, which a clinic usually turns down to a note,
//! since partial translation is normal), and translations reviewed before their
//! original (`translation-outdated`): the original may have changed its advice since.

use crate::config::SiteText;
use crate::content::{Content, PageKind};
use crate::diagnostic::Diagnostic;
use crate::yaml;
use jiff::civil::Date;

/// `translation-missing`: each default-language page, exercise and ladder, for each of
/// the site's other languages it has no translation into.
pub(crate) fn missing(c: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let langs = &c.config.languages;
    // The way to a note is suggested only to a clinic that has not taken it.
    let noted = noted(c);
    let hint = if noted {
        "translate it (docs/content-format.md, \"Translations\")"
    } else {
        "translate it (docs/content-format.md, \"Translations\"), or turn this rule down to a note with `rules: {translation-missing: note}` in site.yaml while translation is under way"
    };
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
                // Named as a receptionist would: the home page, the page of a folder.
                let what = if p.kind == PageKind::Regular {
                    "this page".to_string()
                } else if dir.is_empty() {
                    "the home page".to_string()
                } else {
                    format!("the page of the folder `{dir}/`")
                };
                // `/<lang>/` is then sinew's own short page (`language-home.html`).
                let get = if p.kind == PageKind::Home {
                    format!(
                        "so `/{code}/` shows only a list of the pages translated into `{code}` and a link to the home page in the default language"
                    )
                } else {
                    format!("so its `{code}` readers get it in the default language")
                };
                out.push(
                    Diagnostic::warning(
                        "translation-missing",
                        &p.file,
                        format!("{what} has no `{code}` translation (`{file}`), {get}"),
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
    out.extend(site_texts(c, hint, noted));
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
fn site_texts(c: &Content, hint: &str, noted: bool) -> Vec<Diagnostic> {
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
                    // Safety advice: its own rule, a warning however the clinic set
                    // `translation-missing`.
                    SiteText::OutOfHours => {
                        out.push(safety_advice(c, code));
                        continue;
                    }
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
                .hint(if noted {
                    format!(
                        "name them under `translations: {code}: topics:` in site.yaml, e.g. `{first}: ...`"
                    )
                } else {
                    format!(
                        "name them under `translations: {code}: topics:` in site.yaml, e.g. `{first}: ...`, or turn this rule down to a note with `rules: {{translation-missing: note}}`"
                    )
                }),
            );
        }
    }
    out
}

/// `safety-advice-untranslated`: the clinic's advice for when it is closed, which the
/// planner shows with a severe flare-up, has no translation into `code`, so that
/// language's patients read it in the default language. A warning of its own (not
/// `translation-missing`, which clinics turn down to a note while translating): it is
/// the advice a patient in trouble needs to understand.
fn safety_advice(c: &Content, code: &str) -> Diagnostic {
    let cfg = &c.config;
    let line = |path: &str| yaml::line_of(&cfg.text, 1, path);
    let names = language_names(c);
    let (theirs, default) = (names(code), names(&cfg.language));
    // Where the translation goes: under the language's `translations:` entry (its
    // `clinic:` when it has one), else the whole entry is to be added.
    let fix = match line(&format!("translations.{code}.clinic"))
        .map(|n| (n, format!("translations.{code}.clinic")))
        .or_else(|| {
            line(&format!("translations.{code}")).map(|n| (n, format!("translations.{code}")))
        }) {
        Some((n, at)) if at.ends_with("clinic") => format!(
            "add `out_of_hours:` with its {theirs} words under `clinic:` at site.yaml line {n} (`translations: {code}: clinic: out_of_hours:`)"
        ),
        Some((n, _)) => format!(
            "add `clinic: out_of_hours:` with its {theirs} words under `{code}:` at site.yaml line {n} (`translations: {code}: clinic: out_of_hours:`)"
        ),
        None => format!(
            "add `translations: {code}: clinic: out_of_hours:` with its {theirs} words to site.yaml (docs/content-format.md, \"Translations\")"
        ),
    };
    Diagnostic::warning(
        SAFETY_RULE,
        "site.yaml",
        format!(
            "{theirs}-speaking patients will see the advice for when the clinic is closed (`out_of_hours`, shown with a severe flare-up) in {default}: it has no `{code}` translation"
        ),
    )
    .at_line(line(SiteText::OutOfHours.path()))
    .hint(format!(
        "{fix}; have a clinician who reads {theirs} check it"
    ))
}

/// The rule of an untranslated out-of-hours advice.
pub(crate) const SAFETY_RULE: &str = "safety-advice-untranslated";

/// A language's name in English, as sinew's messages say it ("Spanish"), else its code.
fn language_names(c: &Content) -> impl Fn(&str) -> String {
    let (tables, _) = crate::i18n::load(&c.root, &["en".to_string()]);
    move |code: &str| {
        let name = tables.language_name_in("en", code);
        if name != code {
            return name;
        }
        let base = crate::i18n::base_code(code);
        tables
            .get(base)
            .map(|t| t.name.clone())
            .unwrap_or_else(|| tables.language_name_in("en", base))
    }
}

/// Whether site.yaml already turns `translation-missing` down to a note.
fn noted(c: &Content) -> bool {
    c.config.rules.get("translation-missing") == Some(&crate::config::RuleSetting::Note)
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
