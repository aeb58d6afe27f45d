//! The string tables: every word the theme and the planner show, per language. English
//! and Spanish are built in (`i18n/en.yaml`, `i18n/es.yaml`, embedded like the theme); a
//! site's `i18n/<code>.yaml` changes some of a built-in language's texts or adds a
//! language (then with every key). Texts are looked up by key, with `{name}` filled in
//! and a plural form picked by number.

use crate::diagnostic::{Diagnostic, did_you_mean, relative};
use crate::text::NotText;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Built-in tables: (language code, text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("../i18n/en.yaml")),
    ("es", include_str!("../i18n/es.yaml")),
];

/// Languages written right to left (by their base code).
const RTL: &[&str] = &["ar", "ur", "fa", "he"];

/// Whether sinew writes language `code` right to left without a `direction:` setting.
pub fn is_rtl(code: &str) -> bool {
    RTL.contains(&base_code(code))
}

/// One text: plain, or chosen by a number.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Text {
    /// The same words whatever the numbers.
    Plain(String),
    /// Forms by number: `one`, `other`, or an exact number such as `"2"`.
    Plural(BTreeMap<String, String>),
}

impl Text {
    /// The form for `n` (`None` for plain texts): an exact number first, then `one` for
    /// 1, then `other`.
    pub fn form(&self, n: Option<i64>) -> &str {
        match self {
            Text::Plain(s) => s,
            Text::Plural(m) => n
                .and_then(|n| {
                    m.get(&n.to_string())
                        .or_else(|| (n == 1).then(|| m.get("one")).flatten())
                })
                .or_else(|| m.get("other"))
                .map_or("", String::as_str),
        }
    }
}

/// A language file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    name: Option<String>,
    direction: Option<Direction>,
    months: Option<Vec<String>>,
    months_short: Option<Vec<String>>,
    weekdays: Option<Vec<String>>,
    weekdays_short: Option<Vec<String>>,
    /// Words site search leaves out of a query (see [`Language::stop_words`]).
    stop_words: Option<Vec<String>>,
    /// Other languages' names in this language (see [`Language::language_names`]).
    #[serde(default)]
    language_names: BTreeMap<String, String>,
    #[serde(default)]
    theme: BTreeMap<String, Text>,
    #[serde(default)]
    planner: BTreeMap<String, Text>,
}

/// Which way a language is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left (Arabic, Urdu, Persian, Hebrew).
    Rtl,
}

/// Names of months and weekdays, and the planner's texts: what a planner page embeds
/// (`#sinew-strings`) for its script.
#[derive(Debug, Clone, Serialize)]
pub struct PlannerStrings {
    /// The language code, e.g. `es`.
    pub lang: String,
    /// January to December.
    pub months: Vec<String>,
    /// Jan to Dec.
    pub months_short: Vec<String>,
    /// Monday to Sunday.
    pub weekdays: Vec<String>,
    /// Mon to Sun.
    pub weekdays_short: Vec<String>,
    /// The planner's texts by key.
    pub text: BTreeMap<String, Text>,
}

/// One language's complete table.
#[derive(Debug, Clone)]
pub struct Language {
    /// Its code as the site writes it, e.g. `en-GB` or `es`.
    pub code: String,
    /// Its own name, e.g. `Español`.
    pub name: String,
    /// Which way it is written.
    pub direction: Direction,
    /// The theme's texts (HTML) by key.
    pub theme: BTreeMap<String, Text>,
    /// Words so common in the language ("the", "de") that site search leaves them out
    /// of a query that has other words, so they do not decide which page comes first.
    /// Lower case. Empty when the language's file lists none (then nothing is left out).
    pub stop_words: Vec<String>,
    /// Other languages' names in this language, by code (`en: inglés` in Spanish): what
    /// the mark after a text in another language says (`in_language`, "(en inglés)").
    /// A language not listed is named by its own name ("(English)").
    pub language_names: BTreeMap<String, String>,
    /// Month and weekday names and the planner's texts.
    pub planner: PlannerStrings,
    /// The file messages name (the site's, or the built-in one).
    pub file: PathBuf,
}

impl Language {
    /// The text for `key` (theme first, then planner), or `None`.
    pub fn text(&self, key: &str) -> Option<&Text> {
        self.theme.get(key).or_else(|| self.planner.text.get(key))
    }

    /// `{day} {month} {year}` for a calendar date, with this language's month names.
    pub fn date(&self, d: jiff::civil::Date) -> String {
        let pattern = self
            .theme
            .get("date")
            .map_or("{day} {month} {year}", |t| t.form(None));
        let month = self
            .planner
            .months
            .get(usize::try_from(d.month() - 1).unwrap_or(0))
            .cloned()
            .unwrap_or_default();
        fill(pattern, |name| match name {
            "day" => Some(d.day().to_string()),
            "month" => Some(month.clone()),
            "year" => Some(d.year().to_string()),
            _ => None,
        })
    }
}

/// Replaces each `{name}` in `text` with `value(name)`; unknown names stay as written.
pub fn fill(text: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if after[..close]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && close > 0 =>
            {
                match value(&after[..close]) {
                    Some(v) => out.push_str(&v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every language a site uses, by code.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    langs: BTreeMap<String, Language>,
}

impl Tables {
    /// The table of `code`, if the site uses that language.
    pub fn get(&self, code: &str) -> Option<&Language> {
        self.langs.get(code)
    }

    /// Every language, by code.
    pub fn all(&self) -> impl Iterator<Item = &Language> {
        self.langs.values()
    }

    /// The name of language `lang` as a page in language `page` says it: the page's
    /// table's `language_names` (by the full code, then the base code: `en-GB`, `en`),
    /// else the language's own name, else its code.
    pub fn language_name_in(&self, page: &str, lang: &str) -> String {
        let names = self.get(page).map(|t| &t.language_names);
        names
            .and_then(|n| n.get(lang).or_else(|| n.get(base_code(lang))))
            .cloned()
            .or_else(|| self.get(lang).map(|t| t.name.clone()))
            .unwrap_or_else(|| lang.to_string())
    }

    /// The mark a page in language `page` puts after a text, or a link to a page, in
    /// language `lang` (the default language on a translated page): the page's table's
    /// `in_language`, "(en inglés)" in Spanish. The one source of that mark, for the
    /// templates (`marked`) and the planner's script alike.
    pub fn marker(&self, page: &str, lang: &str) -> String {
        let name = self.language_name_in(page, lang);
        let text = self
            .get(page)
            .and_then(|t| t.text("in_language"))
            .map_or("({language})", |t| t.form(None));
        fill(text, |k| (k == "language").then(|| name.clone()))
    }
}

/// The base of a language code: `en-GB` -> `en`.
pub fn base_code(code: &str) -> &str {
    code.split(['-', '_']).next().unwrap_or(code)
}

fn parse_file(text: &str, file: &Path) -> Result<File, Vec<Diagnostic>> {
    crate::yaml::parse(text, file, 1, "translation file")
}

/// Reads a site's table as every source is read: UTF-8 with or without a byte-order
/// mark; UTF-16 refused with how to save it again.
fn read_table(path: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let bytes = crate::fsutil::read_regular(path).map_err(|e| {
        Diagnostic::error(
            "read",
            rel,
            format!("cannot read this translation file: {e}"),
        )
        .hint("make it an ordinary text file saved as UTF-8")
    })?;
    crate::text::decode(bytes).map_err(|why| match why {
        NotText::Utf16 => Diagnostic::error(
            "not-utf8",
            rel,
            "this file is saved as UTF-16 (\"Unicode\"), not UTF-8",
        )
        .hint("open it in your editor and save it again with the encoding \"UTF-8\""),
        NotText::Binary | NotText::NotUtf8 { .. } => {
            Diagnostic::error("not-utf8", rel, "this file is not saved as UTF-8 text")
                .hint("open it in your editor and save it with the encoding \"UTF-8\"")
        }
    })
}

/// Loads the tables of `codes` (the site's languages): the built-in file of each code or
/// its base (`en-GB` uses `en`), then the site's `i18n/<code>.yaml` or
/// `i18n/<base>.yaml` over it. A language with no built-in table needs every key of the
/// English one; every error names the language file. The site's own `language` with no
/// table at all uses the English words (a one-language Welsh site builds as before);
/// one of `languages:` with none is an error.
pub fn load(root: &Path, codes: &[String]) -> (Tables, Vec<Diagnostic>) {
    load_with_lines(root, codes, &|_| None)
}

/// [`load`] for the site `config` describes: its languages, and a language with no
/// table reported at its line of `site.yaml` (`languages:`).
pub fn load_site(root: &Path, config: &crate::config::SiteConfig) -> (Tables, Vec<Diagnostic>) {
    let line = |code: &str| {
        let i = config.languages.iter().position(|l| l == code)?;
        crate::yaml::line_of(&config.text, 1, &format!("languages[{i}]"))
    };
    load_with_lines(root, &config.all_languages(), &line)
}

/// [`load`], with `line` giving the line of `site.yaml` that names a language.
fn load_with_lines(
    root: &Path,
    codes: &[String],
    line: &dyn Fn(&str) -> Option<usize>,
) -> (Tables, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let english = parse_file(BUILTIN[0].1, Path::new("(built-in) i18n/en.yaml"))
        .expect("the built-in English table parses");
    let mut tables = Tables::default();
    for code in codes {
        let base = base_code(code);
        let builtin = BUILTIN
            .iter()
            .find(|(c, _)| *c == code.as_str())
            .or_else(|| BUILTIN.iter().find(|(c, _)| *c == base));
        let mut file_name =
            builtin.map(|(c, _)| PathBuf::from(format!("(built-in) i18n/{c}.yaml")));
        let mut merged = match builtin {
            Some((_, text)) => parse_file(text, Path::new("i18n")).expect("built-in tables parse"),
            None => File::default(),
        };
        let site_file = [code.as_str(), base]
            .iter()
            .map(|c| root.join("i18n").join(format!("{c}.yaml")))
            .find(|p| p.is_file());
        if let Some(path) = site_file {
            let rel = relative(root, &path);
            // Read as every source is: UTF-8 with or without a BOM; UTF-16 and binary refused.
            // A table that cannot be read or typed has its own error; the build goes on
            // with sinew's own words for the language (English when it has none), so its
            // pages raise no second, misleading "no string table" error.
            let fallback = |merged: File| {
                let words = if builtin.is_some() {
                    merged
                } else {
                    english.clone()
                };
                complete(code, words, rel.clone())
            };
            let text = match read_table(&path, &rel) {
                Ok(t) => t,
                Err(d) => {
                    diags.push(d);
                    tables.langs.insert(code.clone(), fallback(merged));
                    continue;
                }
            };
            match parse_file(&text, &rel) {
                Ok(site) => {
                    for (k, v) in site.theme {
                        merged.theme.insert(k, v);
                    }
                    for (k, v) in site.planner {
                        merged.planner.insert(k, v);
                    }
                    merged.name = site.name.or(merged.name);
                    merged.direction = site.direction.or(merged.direction);
                    merged.months = site.months.or(merged.months);
                    merged.months_short = site.months_short.or(merged.months_short);
                    merged.weekdays = site.weekdays.or(merged.weekdays);
                    merged.weekdays_short = site.weekdays_short.or(merged.weekdays_short);
                    merged.stop_words = site.stop_words.or(merged.stop_words);
                    merged.language_names.extend(site.language_names);
                    check_keys(&english, &merged, &text, &rel, &mut diags);
                }
                Err(ds) => {
                    diags.extend(ds);
                    tables.langs.insert(code.clone(), fallback(merged));
                    continue;
                }
            }
            file_name = Some(rel);
        }
        let Some(file) = file_name else {
            // The site's own language with no words of sinew's or the site's: its pages
            // keep English words, as every site had before string tables existed (its
            // `lang` stays the site's code). A one-language site builds as it did.
            if code == &codes[0] {
                let file = PathBuf::from("(built-in) i18n/en.yaml");
                let mut words = english.clone();
                // English words, but not English stop words for a language that is not
                // English: search would leave out words that mean something in it.
                if base_code(code) != "en" {
                    words.stop_words = None;
                }
                tables
                    .langs
                    .insert(code.clone(), complete(code, words, file));
                continue;
            }
            // Reported where the clinic named the language: the file it needs does not
            // exist, so it has no line to point at.
            diags.push(
                Diagnostic::error(
                    "translation-missing",
                    "site.yaml",
                    format!(
                        "the site uses the language `{code}`, but sinew has no words for it \
                         (no file `i18n/{code}.yaml`)"
                    ),
                )
                .at_line(line(code))
                .hint(format!(
                    "run `sinew new language {code}` in the site folder, which writes `i18n/{code}.yaml` with sinew's English words, and translate every text (see docs/templates.md, \"Adding a language\")"
                )),
            );
            continue;
        };
        tables
            .langs
            .insert(code.clone(), complete(code, merged, file));
    }
    (tables, diags)
}

fn check_keys(english: &File, merged: &File, text: &str, file: &Path, diags: &mut Vec<Diagnostic>) {
    // Lines from the YAML parser (`yaml::Spans`), never from searching the text.
    let spans = crate::yaml::Spans::of(text);
    // English's lines order the keys as sinew's file does: a missing key goes after the
    // one before it there that this file has.
    let english_spans = crate::yaml::Spans::of(BUILTIN[0].1);
    let english_line = |path: &str| english_spans.line(path).unwrap_or(usize::MAX);
    // (English line, `part: key`, part, key, English text)
    let mut missing = Vec::new();
    for (part, mine, all) in [
        ("theme", &merged.theme, &english.theme),
        ("planner", &merged.planner, &english.planner),
    ] {
        missing.extend(all.keys().filter(|k| !mine.contains_key(*k)).map(|k| {
            (
                english_line(&format!("{part}.{k}")),
                format!("{part}: {k}"),
                part,
                k.clone(),
                all[k].form(Some(2)).to_string(),
            )
        }));
        for key in mine.keys().filter(|k| !all.contains_key(*k)) {
            let hint = match did_you_mean(key, all.keys().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "remove it: sinew does not use this key".to_string(),
            };
            diags.push(
                Diagnostic::error(
                    "translation-key",
                    file,
                    format!("`{part}: {key}` is not a text sinew shows"),
                )
                .at_line(spans.line(&format!("{part}.{key}")))
                .hint(hint),
            );
        }
    }
    missing.sort();
    if let Some((at, first, part, key, english_text)) = missing.first() {
        let shown: Vec<String> = missing
            .iter()
            .take(5)
            .map(|(_, k, ..)| format!("`{k}`"))
            .collect();
        // Where the first goes: after the nearest key before it in sinew's order that
        // this file has, else under its part (`planner:`), else at the top of the file.
        let before = english
            .theme
            .keys()
            .map(|k| ("theme", k))
            .chain(english.planner.keys().map(|k| ("planner", k)))
            .map(|(p, k)| format!("{p}.{k}"))
            .filter(|p| english_line(p) < *at && p.starts_with(&format!("{part}.")))
            .filter_map(|p| Some((english_line(&p), spans.line(&p)?, p)))
            .max();
        let code = file
            .file_stem()
            .map_or(String::new(), |c| c.to_string_lossy().into_owned());
        let (line, place) = match (before, spans.line(part)) {
            (Some((_, l, p)), _) => (
                l,
                format!(
                    "add `{key}:` under `{part}:`, after `{}` (line {l})",
                    p.rsplit('.').next().unwrap_or(&p)
                ),
            ),
            (None, Some(l)) => (l, format!("add `{key}:` under `{part}:` (line {l})")),
            (None, None) => (1, format!("add a `{part}:` section with `{key}:` in it")),
        };
        let more = if missing.len() > 5 {
            format!(" and {} more", missing.len() - 5)
        } else {
            String::new()
        };
        diags.push(
            Diagnostic::error(
                "translation-key",
                file,
                format!(
                    "{} {} missing from this translation file: {}{more}",
                    missing.len(),
                    if missing.len() == 1 { "text is" } else { "texts are" },
                    shown.join(", ")
                ),
            )
            .at_line(Some(line))
            .hint(format!(
                "{place}: `{first}` is \"{english_text}\" in English; translate every text of sinew's English table into this file (`sinew new language {code}` writes one to start from; docs/templates.md, \"Adding a language\")"
            )),
        );
    }
    for (field, list, len) in [
        ("months", &merged.months, 12),
        ("months_short", &merged.months_short, 12),
        ("weekdays", &merged.weekdays, 7),
        ("weekdays_short", &merged.weekdays_short, 7),
    ] {
        match list {
            Some(l) if l.len() == len => {}
            _ => diags.push(
                Diagnostic::error(
                    "translation-key",
                    file,
                    format!("`{field}` must list {len} names"),
                )
                .at_line(spans.line(field).or(Some(1)))
                .hint(if len == 12 {
                    "list the months from January to December, e.g. `months: [enero, febrero, ...]`"
                } else {
                    "list the days from Monday to Sunday, e.g. `weekdays: [lunes, martes, ...]`"
                }),
            ),
        }
    }
}

fn complete(code: &str, f: File, file: PathBuf) -> Language {
    let direction = f.direction.unwrap_or(if RTL.contains(&base_code(code)) {
        Direction::Rtl
    } else {
        Direction::Ltr
    });
    Language {
        code: code.to_string(),
        name: f.name.unwrap_or_else(|| code.to_string()),
        direction,
        theme: f.theme,
        language_names: f.language_names,
        stop_words: f
            .stop_words
            .unwrap_or_default()
            .into_iter()
            .map(|w| w.trim().to_lowercase())
            .filter(|w| !w.is_empty())
            .collect(),
        planner: PlannerStrings {
            lang: code.to_string(),
            months: f.months.unwrap_or_default(),
            months_short: f.months_short.unwrap_or_default(),
            weekdays: f.weekdays.unwrap_or_default(),
            weekdays_short: f.weekdays_short.unwrap_or_default(),
            text: f.planner,
        },
        file,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("i18n")).unwrap();
        for (n, t) in files {
            std::fs::write(d.path().join("i18n").join(n), t).unwrap();
        }
        d
    }

    #[test]
    fn the_mark_is_the_page_languages_with_the_other_languages_name_in_it() {
        let s = site(&[("es.yaml", "language_names: {fr: francés}\n")]);
        let (t, d) = load(s.path(), &["en-GB".into(), "es".into()]);
        assert!(d.is_empty(), "{d:?}");
        // A Spanish page says "(en inglés)" of English, by its full or base code.
        assert_eq!(t.marker("es", "en-GB"), "(en inglés)");
        assert_eq!(t.marker("es", "en"), "(en inglés)");
        // The site's file adds names without losing the built-in ones.
        assert_eq!(t.marker("es", "fr"), "(en francés)");
        // An English page names Spanish in English.
        assert_eq!(t.marker("en-GB", "es"), "(Spanish)");
        // A language the page's table does not name: its own name, else its code.
        assert_eq!(t.language_name_in("es", "cy"), "cy");
        assert_eq!(t.language_name_in("en-GB", "en-GB"), "English");
    }

    #[test]
    fn stop_words_are_the_languages_own_and_keep_negations() {
        let en_site = site(&[]);
        let (t, d) = load(en_site.path(), &["en-GB".into(), "es".into()]);
        assert!(d.is_empty(), "{d:?}");
        let en = &t.get("en-GB").unwrap().stop_words;
        let es = &t.get("es").unwrap().stop_words;
        for w in ["the", "a", "of", "and"] {
            assert!(en.contains(&w.to_string()), "{w}");
        }
        for w in ["not", "no", "don't", "up", "down"] {
            assert!(
                !en.contains(&w.to_string()),
                "{w} changes what a patient means"
            );
        }
        for w in ["de", "la", "el", "los"] {
            assert!(es.contains(&w.to_string()), "{w}");
        }
        assert!(!es.contains(&"no".to_string()) && !es.contains(&"sin".to_string()));
        // A language sinew has no words for keeps English words, but no English stop words.
        let (t, _) = load(en_site.path(), &["de".into()]);
        assert!(t.get("de").unwrap().stop_words.is_empty());
        // A clinic's file replaces the list.
        let mine = site(&[("en.yaml", "stop_words: [The, ' of ']\n")]);
        let (t, d) = load(mine.path(), &["en".into()]);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(t.get("en").unwrap().stop_words, ["the", "of"]);
    }

    #[test]
    fn builtin_tables_have_the_same_keys() {
        let d = site(&[]);
        let (t, diags) = load(d.path(), &["en-GB".into(), "es".into()]);
        assert!(diags.is_empty(), "{diags:?}");
        let en = t.get("en-GB").unwrap();
        let es = t.get("es").unwrap();
        assert_eq!(
            en.theme.keys().collect::<Vec<_>>(),
            es.theme.keys().collect::<Vec<_>>()
        );
        assert_eq!(
            en.planner.text.keys().collect::<Vec<_>>(),
            es.planner.text.keys().collect::<Vec<_>>()
        );
        assert_eq!(es.planner.months.len(), 12);
        assert_eq!(es.planner.weekdays.len(), 7);
    }

    #[test]
    fn a_site_file_overrides_some_texts() {
        let d = site(&[("en.yaml", "theme:\n  nav_home: Start\n")]);
        let (t, diags) = load(d.path(), &["en".into()]);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            t.get("en").unwrap().text("nav_home").unwrap().form(None),
            "Start"
        );
        assert_eq!(t.get("en").unwrap().file, PathBuf::from("i18n/en.yaml"));
    }

    #[test]
    fn a_missing_text_is_reported_where_it_goes_with_its_key() {
        // After the nearest key before it (in sinew's order) that the file has.
        let d = site(&[(
            "fr.yaml",
            "name: Français\ntheme:\n  search_title: Chercher\n",
        )]);
        let (_, diags) = load(d.path(), &["fr".into()]);
        let d = diags
            .iter()
            .find(|d| d.message.contains("missing from this translation file"))
            .unwrap();
        assert!(
            d.message.contains(": `theme: search_label`,"),
            "{}",
            d.message
        );
        assert_eq!(d.line, Some(3));
        let hint = d.hint.as_deref().unwrap();
        assert!(
            hint.starts_with("add `search_label:` under `theme:`, after `search_title` (line 3): `theme: search_label` is \"")
                && hint.contains("`sinew new language fr`"),
            "{hint}"
        );
        // No part at all: the top of the file.
        let d = site(&[("fr.yaml", "name: Français\n")]);
        let (_, diags) = load(d.path(), &["fr".into()]);
        let d = diags
            .iter()
            .find(|d| d.message.contains("missing from this translation file"))
            .unwrap();
        assert_eq!(d.line, Some(1));
        assert!(
            d.hint
                .as_deref()
                .unwrap()
                .starts_with("add a `theme:` section with `search_title:` in it")
        );
    }

    #[test]
    fn a_new_language_needs_every_key_and_errors_name_its_file() {
        let d = site(&[(
            "fr.yaml",
            "name: Français\ntheme:\n  nav_home: Accueil\n  nav_hom: x\n",
        )]);
        let (_, diags) = load(d.path(), &["fr".into()]);
        assert!(diags.iter().all(|d| d.file == Path::new("i18n/fr.yaml")));
        assert!(diags.iter().any(|d| d.message.contains("texts are missing")
            && d.message.contains("`theme: search_title`")));
        let typo = diags
            .iter()
            .find(|d| d.message.contains("nav_hom`"))
            .unwrap();
        assert_eq!(typo.line, Some(4));
        assert!(typo.hint.as_deref().unwrap().contains("nav_home"));
        assert!(
            diags
                .iter()
                .any(|d| d.message.contains("`months` must list 12"))
        );
    }

    #[test]
    fn an_added_language_without_a_file_is_an_error() {
        let d = site(&[]);
        let (_, diags) = load(d.path(), &["en".into(), "ar".into()]);
        assert_eq!(diags.len(), 1);
        // Reported in site.yaml, which names the language: the file does not exist.
        assert_eq!(diags[0].file, PathBuf::from("site.yaml"));
        assert!(diags[0].message.contains("no file `i18n/ar.yaml`"));
    }

    #[test]
    fn the_sites_own_language_without_a_file_keeps_the_english_words() {
        let d = site(&[]);
        let (tables, diags) = load(d.path(), &["cy".into()]);
        assert!(diags.is_empty(), "{diags:?}");
        let cy = tables.get("cy").expect("a table for the site's language");
        let en = load(d.path(), &["en".into()]).0;
        let en = en.get("en").unwrap();
        assert_eq!(
            format!("{:?}", cy.text("skip_link")),
            format!("{:?}", en.text("skip_link"))
        );
    }

    #[test]
    fn plural_forms_and_placeholders() {
        let t: Text =
            serde_yaml::from_str("{\"2\": twice, one: once, other: \"{n} times\"}").unwrap();
        assert_eq!(t.form(Some(1)), "once");
        assert_eq!(t.form(Some(2)), "twice");
        assert_eq!(t.form(Some(5)), "{n} times");
        assert_eq!(
            fill("{n} times {x} {a b} {", |k| (k == "n").then(|| "5".into())),
            "5 times {x} {a b} {"
        );
    }

    #[test]
    fn rtl_languages_are_right_to_left() {
        assert_eq!(
            complete("ar", File::default(), "x".into()).direction,
            Direction::Rtl
        );
        assert_eq!(
            complete("es", File::default(), "x".into()).direction,
            Direction::Ltr
        );
    }

    #[test]
    fn dates_use_the_tables_month_names() {
        let d = site(&[]);
        let (t, _) = load(d.path(), &["en".into(), "es".into()]);
        let day = jiff::civil::date(2026, 3, 5);
        assert_eq!(t.get("en").unwrap().date(day), "5 March 2026");
        assert_eq!(t.get("es").unwrap().date(day), "5 de marzo de 2026");
    }
}
