//! Loading every language a site uses: the built-in table of each (or of its base
//! code), the site's `i18n/<code>.yaml` merged over it and its keys checked, and the
//! complete `Language` made from the result.

use super::file::{File, parse_file, read_table};
use super::keys::check_keys;
use super::{BUILTIN, Direction, Language, PlannerStrings, Tables, base_code, is_rtl};
use crate::diagnostic::{Diagnostic, relative};
use std::path::{Path, PathBuf};

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
            let text = match read_table(&path, &rel) {
                Ok(t) => t,
                Err(d) => {
                    diags.push(d);
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

/// The complete table of language `code` from its merged file, named as `file`.
pub(super) fn complete(code: &str, f: File, file: PathBuf) -> Language {
    let direction = f.direction.unwrap_or(if is_rtl(code) {
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
