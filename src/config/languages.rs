//! The site's languages in `site.yaml` (`language`, `languages:`) and the clinic's own
//! texts in the other ones (`translations:`).

use super::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The clinic's own texts in one of the site's other languages: `translations: es:` in
/// `site.yaml` (as exercises and ladders translate their words). A text left out is
/// shown in the default language, marked as such, and `sinew check` lists it
/// (`translation-missing`). The clinic's name, address, phone and email are names and
/// stay as written; menu items take the titles of the pages they lead to.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteTranslation {
    /// The site's one-line description in this language.
    #[serde(default, deserialize_with = "translated_text")]
    pub description: Option<String>,
    /// The clinic's texts in this language.
    #[serde(default)]
    pub clinic: ClinicTranslation,
    /// Topic (tag) names in this language, by the name the default language's pages
    /// give them (`knee: rodilla`), matched as their addresses are (`Knee` = `knee`).
    #[serde(default, deserialize_with = "topics_field")]
    pub topics: std::collections::BTreeMap<String, String>,
}

/// The clinic block's texts in another language (`translations: es: clinic:`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ClinicTranslation {
    /// What to do when the clinic is closed, in this language (safety advice: shown,
    /// marked in the default language, when left out).
    #[serde(default, deserialize_with = "translated_text")]
    pub out_of_hours: Option<String>,
}

/// A translated text: empty (or only spaces) is an error rather than a text that
/// silently shows nothing, since one of them is the clinic's safety advice.
fn translated_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    yaml::checked_text(d, |s| {
        if s.trim().is_empty() {
            Err((
                "is empty".to_string(),
                "write the translation after the colon, or delete the line to show the default language's text (marked as such)".to_string(),
            ))
        } else {
            Ok(s.trim().to_string())
        }
    })
}

/// `topics:` of a translation: every name non-empty.
fn topics_field<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<std::collections::BTreeMap<String, String>, D::Error> {
    struct Name(String);
    impl<'de> Deserialize<'de> for Name {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            translated_text(d)?.map(Name).ok_or_else(|| {
                yaml::field_error(
                    "is empty",
                    "write the topic's name in this language after the colon, or delete the line",
                )
            })
        }
    }
    Ok(std::collections::BTreeMap::<String, Name>::deserialize(d)?
        .into_iter()
        .map(|(k, v)| (k, v.0))
        .collect())
}

/// A text of the clinic's in `site.yaml` that has translations (see
/// [`SiteConfig::text_in`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteText {
    /// `description`.
    Description,
    /// `clinic: out_of_hours`.
    OutOfHours,
}

impl SiteText {
    /// Every such text.
    pub const ALL: [SiteText; 2] = [SiteText::Description, SiteText::OutOfHours];

    /// Its path in `site.yaml` (`clinic.out_of_hours`), for lines.
    pub fn path(self) -> &'static str {
        match self {
            SiteText::Description => "description",
            SiteText::OutOfHours => "clinic.out_of_hours",
        }
    }

    /// How `site.yaml` writes it under `translations: <code>:` (`clinic: out_of_hours:`).
    pub fn written(self) -> &'static str {
        match self {
            SiteText::Description => "description:",
            SiteText::OutOfHours => "clinic: out_of_hours:",
        }
    }
}

/// One code of `languages:`, checked while typing: it becomes a folder of every address
/// (`/es/`), so only letters, digits and `-` (`es`, `pt-BR`).
struct LangCode(String);

impl<'de> Deserialize<'de> for LangCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = yaml::checked_text(d, |s| {
            if is_language_code(s) {
                Ok(s.to_string())
            } else {
                Err((
                    format!("is `{s}`, which is not a language code"),
                    "write a language code such as `en` (English), `en-GB` (British English), `es` (Spanish) or `pt-BR` (Brazilian Portuguese)"
                        .to_string(),
                ))
            }
        })?;
        code.map(LangCode).ok_or_else(|| {
            yaml::field_error(
                "is empty",
                "write a language code such as `es`, or remove the empty item",
            )
        })
    }
}

/// Whether `s` is a language code as sinew accepts one: letters, digits and `-` (`es`,
/// `pt-BR`), the first part two or three letters.
pub fn is_language_code(s: &str) -> bool {
    s.split('-').enumerate().all(|(i, part)| {
        !part.is_empty()
            && part.len() <= 8
            && part.chars().all(|c| c.is_ascii_alphanumeric())
            && (i > 0 || (part.len() <= 3 && part.chars().all(|c| c.is_ascii_alphabetic())))
    })
}

/// `language:`, checked like each of `languages:` (it is every page's `lang`, which
/// screen readers pick their voice by, and search its word stemming).
pub(super) fn language_field<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(LangCode::deserialize(d)?.0)
}

/// `languages:`, each code checked while typing, so each problem has its own line.
pub(super) fn languages_field<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<String>, D::Error> {
    Ok(Vec::<LangCode>::deserialize(d)?
        .into_iter()
        .map(|c| c.0)
        .collect())
}

impl SiteConfig {
    /// The clinic's text at `field` (`description`, `clinic.out_of_hours`) as a page in
    /// language `code` shows it: the translation, or the default language's text with
    /// that language's code (to mark it) when there is none. `None` when the site has no
    /// such text at all.
    pub fn text_in(&self, field: SiteText, code: &str) -> Option<(String, Option<String>)> {
        let own = match field {
            SiteText::Description => self.description.as_ref(),
            SiteText::OutOfHours => self.clinic.out_of_hours.as_ref(),
        }?;
        if code == self.language {
            return Some((own.clone(), None));
        }
        let t = self.translations.get(code);
        let translated = match field {
            SiteText::Description => t.and_then(|t| t.description.as_ref()),
            SiteText::OutOfHours => t.and_then(|t| t.clinic.out_of_hours.as_ref()),
        };
        Some(match translated {
            Some(x) => (x.clone(), None),
            None => (own.clone(), Some(self.language.clone())),
        })
    }

    /// The name of topic (tag) `name` in language `code`, from `translations: <code>:
    /// topics:` (matched by the topic's address, so `Knee` and `knee` are one topic).
    pub fn topic_in(&self, name: &str, code: &str) -> Option<&str> {
        let slug = crate::names::slugify(name);
        self.translations
            .get(code)?
            .topics
            .iter()
            .find(|(k, _)| crate::names::slugify(k) == slug)
            .map(|(_, v)| v.as_str())
    }

    /// The default language, then the others, as `site.yaml` lists them.
    pub fn all_languages(&self) -> Vec<String> {
        let mut all = vec![self.language.clone()];
        for l in &self.languages {
            if !all.contains(l) {
                all.push(l.clone());
            }
        }
        all
    }
}

/// The errors for a code of `languages:` that is the site's main language (`language:`)
/// or that comes twice, each at its line: before, `languages: [en, fr]` on an English
/// site quietly published a second copy of the whole site under `/en/`. Codes are
/// compared without regard to case (`en-GB` and `en-gb` are one language).
pub(super) fn repeated_languages(cfg: &SiteConfig, text: &str, file: &Path) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (i, code) in cfg.languages.iter().enumerate() {
        let line = yaml::line_of(text, 1, &format!("languages[{i}]"));
        let same = |other: &String| other.eq_ignore_ascii_case(code);
        let (message, hint) = if same(&cfg.language) {
            (
                format!(
                    "`{code}` is the site's main language (`language: {}`), so it cannot also be \
                     one of its other languages",
                    cfg.language
                ),
                format!("list only the other languages: delete `{code}` from `languages:`"),
            )
        } else if cfg.languages[..i].iter().any(same) {
            (
                format!("`{code}` is listed twice in `languages:`"),
                format!("delete the second `{code}`"),
            )
        } else {
            continue;
        };
        problems.push(
            Diagnostic::error("config", file, message)
                .at_line(line)
                .hint(hint),
        );
    }
    problems
}

/// The error for a `translations: CODE` block (in site.yaml, an exercise or a ladder)
/// whose CODE is not one of the site's `languages:`, at the block's line in `text`.
pub(crate) fn unknown_translation_language(code: &str, file: &Path, text: &str) -> Diagnostic {
    Diagnostic::error(
        "translation",
        file,
        format!("`translations: {code}` is not one of the site's languages"),
    )
    .at_line(yaml::line_of(text, 1, &format!("translations.{code}")))
    .hint(format!(
        "add `{code}` to `languages:` in site.yaml, or check the language code"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::tests::cfg;

    #[test]
    fn language_codes_are_checked_with_their_lines() {
        let text = "title: T\nlanguages:\n  - es\n  - ../x\n";
        let ds =
            SiteConfig::parse(text, Path::new("site.yaml")).expect_err("a bad code is an error");
        assert_eq!(ds.len(), 1, "{ds:?}");
        assert_eq!(ds[0].line, Some(4), "{ds:?}");
        assert!(
            ds[0]
                .message
                .contains("is `../x`, which is not a language code"),
            "{ds:?}"
        );
        let ok = cfg("title: T\nlanguages: [es, pt-BR]\n");
        assert_eq!(ok.languages, ["es", "pt-BR"]);
    }

    #[test]
    fn the_main_language_or_a_language_twice_in_languages_is_an_error_at_its_line() {
        // `languages: [en, fr]` on an English site made a second English site under /en/.
        let e = SiteConfig::parse(
            "title: T\nlanguage: en\nlanguages: [en, fr]\n",
            Path::new("site.yaml"),
        )
        .unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].line, Some(3), "{e:?}");
        assert!(
            e[0].message.contains("`en` is the site's main language"),
            "{e:?}"
        );
        assert_eq!(
            e[0].hint.as_deref(),
            Some("list only the other languages: delete `en` from `languages:`")
        );
        let e = SiteConfig::parse(
            "title: T\nlanguages:\n  - es\n  - es\n",
            Path::new("site.yaml"),
        )
        .unwrap_err();
        assert_eq!(e[0].line, Some(4), "{e:?}");
        assert!(e[0].message.contains("`es` is listed twice"), "{e:?}");
        // The default's code in another spelling of case is the same language.
        assert!(
            SiteConfig::parse(
                "title: T\nlanguage: en-GB\nlanguages: [EN-gb]\n",
                Path::new("site.yaml")
            )
            .is_err()
        );
        assert_eq!(
            cfg("title: T\nlanguage: en-GB\nlanguages: [en, es]\n").languages,
            ["en", "es"]
        );
    }

    #[test]
    fn the_clinics_texts_in_another_language_are_translated_or_marked() {
        let c = cfg(
            "title: T\nlanguage: en-GB\nlanguages: [es]\ndescription: Advice\nclinic:\n  out_of_hours: Call 111\ntranslations:\n  es:\n    description: Consejos\n    topics: {Knee pain: dolor de rodilla}\n",
        );
        let own = |s: &str| Some((s.to_string(), None));
        assert_eq!(c.text_in(SiteText::Description, "es"), own("Consejos"));
        assert_eq!(c.text_in(SiteText::Description, "en-GB"), own("Advice"));
        // No Spanish: the English, with its language to mark it (never nothing).
        assert_eq!(
            c.text_in(SiteText::OutOfHours, "es"),
            Some(("Call 111".to_string(), Some("en-GB".to_string())))
        );
        // Topics match as their addresses do.
        assert_eq!(c.topic_in("knee-pain", "es"), Some("dolor de rodilla"));
        assert_eq!(c.topic_in("Knee Pain", "es"), Some("dolor de rodilla"));
        assert_eq!(c.topic_in("hip", "es"), None);
        // No text at all: nothing to show or mark.
        assert_eq!(cfg("title: T\n").text_in(SiteText::OutOfHours, "es"), None);
        // A language not in `languages:` is an error at its line.
        let e = SiteConfig::parse(
            "title: T\nlanguages: [es]\ntranslations:\n  fr:\n    description: X\n",
            Path::new("site.yaml"),
        )
        .unwrap_err();
        assert_eq!(e[0].line, Some(4), "{e:?}");
        assert!(e[0].message.contains("`translations: fr`"));
    }
}
