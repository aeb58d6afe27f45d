//! The string tables: every word the theme and the planner show, per language. English
//! and Spanish are built in (`i18n/en.yaml`, `i18n/es.yaml`, embedded like the theme); a
//! site's `i18n/<code>.yaml` changes some of a built-in language's texts or adds a
//! language (then with every key). Texts are looked up by key, with `{name}` filled in
//! and a plural form picked by number.
//!
//! One language's table and its lookups are in `language`; a language file as written,
//! read and parsed, in `file`; loading every language of a site (built-in tables with
//! the site's files over them) in `load`; checking a file's keys against English, with
//! where a missing one goes, in `keys`. The tables of a site, and the mark after a text
//! in another language, are here.

mod file;
mod keys;
mod language;
mod load;

use std::collections::BTreeMap;

pub use language::{Direction, Language, PlannerStrings, Text, fill};
pub use load::{load, load_site};

/// Built-in tables: (language code, text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("../../i18n/en.yaml")),
    ("es", include_str!("../../i18n/es.yaml")),
];

/// Languages written right to left (by their base code).
const RTL: &[&str] = &["ar", "ur", "fa", "he"];

/// Whether sinew writes language `code` right to left without a `direction:` setting.
pub fn is_rtl(code: &str) -> bool {
    RTL.contains(&base_code(code))
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

#[cfg(test)]
mod tests {
    use super::file::File;
    use super::load::complete;
    use super::*;
    use std::path::{Path, PathBuf};

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
            d.message
                .contains(": `theme: search_label` (in English: \"Search this site\"),"),
            "{}",
            d.message
        );
        assert_eq!(d.line, Some(3));
        let hint = d.hint.as_deref().unwrap();
        assert!(
            hint.starts_with("add `search_label:` under `theme:`, after `search_title` (line 3), and translate each")
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
