//! `site.yaml`: the site's settings, with defaults, read into a checked `SiteConfig`.
//! The settings, their defaults and the checks of its numbers and colour are here; the
//! site's addresses (`base_url`, `booking_url`, full addresses) are in `urls`, its
//! languages and the clinic's texts in them in `languages`, and the top menu in `menu`.

mod languages;
mod menu;
mod urls;

use crate::diagnostic::Diagnostic;
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub(crate) use languages::unknown_translation_language;
pub use languages::{ClinicTranslation, SiteText, SiteTranslation, is_language_code};
pub use menu::MenuItem;
pub use urls::{BASE_URL_HINT, check_base_url, percent_encode_path};

/// The clinic's contact details, shown by the theme on every page.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Clinic {
    /// The clinic's name.
    pub name: Option<String>,
    /// A phone number, as patients should dial it.
    pub phone: Option<String>,
    /// An email address.
    pub email: Option<String>,
    /// A postal address.
    pub address: Option<String>,
    /// Where patients book a consultation or telehealth appointment.
    #[serde(default, deserialize_with = "urls::booking_url_field")]
    pub booking_url: Option<String>,
    /// What to do when the clinic is closed, in the clinic's words (e.g. "Call NHS 111,
    /// or 999 in an emergency"); the planner shows it with a severe flare-up.
    pub out_of_hours: Option<String>,
}

/// Readability settings for `sinew check`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Readability {
    /// Highest acceptable Flesch-Kincaid grade for a page.
    #[serde(default = "default_max_grade")]
    pub max_grade: f64,
    /// Highest acceptable SMOG grade for a page.
    #[serde(default = "default_max_smog")]
    pub max_smog: f64,
}

fn default_max_grade() -> f64 {
    8.0
}

/// SMOG reads about two grades above Flesch-Kincaid on the same text, so its default
/// limit is two grades above `max_grade`'s.
fn default_max_smog() -> f64 {
    10.0
}

impl Default for Readability {
    fn default() -> Self {
        Readability {
            max_grade: default_max_grade(),
            max_smog: default_max_smog(),
        }
    }
}

/// What `site.yaml`'s `rules:` does with one `sinew check` rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    /// The rule does not run.
    Off,
    /// The rule reports warnings (every rule's default).
    Warning,
    /// The rule reports notes: shown, but `--strict` does not fail on them.
    Note,
}

/// `site.yaml`, as written by the clinic.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's title (required; empty counts as missing).
    #[serde(deserialize_with = "crate::yaml::required_text")]
    pub title: String,
    /// Where the site is published, e.g. `https://clinic.example/patients/` or `/`
    /// (checked by [`check_base_url`], and ending with `/`).
    #[serde(
        default = "urls::default_base_url",
        deserialize_with = "urls::base_url_field"
    )]
    pub base_url: String,
    /// The pages' language, e.g. `en` or `en-GB`.
    #[serde(
        default = "default_language",
        deserialize_with = "languages::language_field"
    )]
    pub language: String,
    /// The site's other languages (e.g. `[es]`), which its pages, exercises and ladders
    /// may be translated into; `language` is the default one.
    #[serde(default, deserialize_with = "languages::languages_field")]
    pub languages: Vec<String>,
    /// A one-line description of the site.
    #[serde(default)]
    pub description: Option<String>,
    /// Default review interval for pages, in months.
    #[serde(default = "default_review_months")]
    pub review_every_months: u32,
    /// Readability settings for `sinew check`.
    #[serde(default)]
    pub readability: Readability,
    /// Content folders whose pages are clinical (and so need a review date).
    #[serde(default)]
    pub clinical_sections: Vec<String>,
    /// Longest sensible ladder, for `sinew check`.
    #[serde(default = "default_max_ladder")]
    pub max_ladder_length: usize,
    /// Headings every clinical page must have (e.g. "When to get help"), for `sinew check`.
    #[serde(default)]
    pub required_sections: Vec<String>,
    /// Whether clinical pages, exercises and ladders must name `reviewed_by` and list
    /// `sources`, for `sinew check`.
    #[serde(default)]
    pub require_attribution: bool,
    /// `sinew check` rules turned off (or explicitly on), by name.
    #[serde(default)]
    pub rules: std::collections::BTreeMap<String, RuleSetting>,
    /// The clinic's contact details.
    #[serde(default)]
    pub clinic: Clinic,
    /// The colour of the installed app's title bar and splash screen (the web app
    /// manifest's `theme_color` and `<meta name="theme-color">`), `#rgb` or `#rrggbb`.
    #[serde(default = "default_theme_color")]
    pub theme_color: String,
    /// Folders outside the site that symbolic links in `content/`, `static/` or
    /// `templates/` may lead into (absolute, or relative to the site folder); links
    /// that leave the site for anywhere else are refused.
    #[serde(default)]
    pub allow_links_outside: Vec<String>,
    /// `site.yaml`'s text, for the lines of problems found after loading (such as
    /// `sinew check`'s `placeholder` rule).
    #[serde(skip)]
    pub text: String,
    /// The top menu, in order; without it the menu is made from the top of `content/`.
    #[serde(default)]
    pub menu: Option<Vec<MenuItem>>,
    /// The clinic's own texts (description, out-of-hours advice, topic names) in the
    /// site's other languages, by language code.
    #[serde(default)]
    pub translations: std::collections::BTreeMap<String, SiteTranslation>,
}

fn default_theme_color() -> String {
    "#0b5d5a".into()
}

/// Whether `c` is a CSS hex colour, `#rgb` or `#rrggbb`.
fn is_hex_colour(c: &str) -> bool {
    let hex = c.strip_prefix('#').unwrap_or("");
    (hex.len() == 3 || hex.len() == 6) && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

fn default_language() -> String {
    "en".into()
}
fn default_review_months() -> u32 {
    12
}
fn default_max_ladder() -> usize {
    8
}

impl SiteConfig {
    /// Parses `site.yaml`'s text, or returns every problem in it. `file` is used in
    /// messages only.
    pub fn parse(text: &str, file: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
        // `base_url` and `booking_url` are checked while typing (`base_url_field`,
        // `booking_url_field`), so every problem of the file is reported in one run.
        let mut cfg: SiteConfig = yaml::parse(text, file, 1, "site file")?;
        cfg.text = text.to_string();
        if let Ok(b) = check_base_url(&cfg.base_url) {
            cfg.base_url = b;
        }
        let mut problems = Vec::new();
        if !is_hex_colour(&cfg.theme_color) {
            problems.push(
                Diagnostic::error(
                    "config",
                    file,
                    format!(
                        "`theme_color` must be a colour such as `#0b5d5a`, not `{}`",
                        cfg.theme_color
                    ),
                )
                .at_line(yaml::line_of(text, 1, "theme_color"))
                .hint("write `#` and six hexadecimal digits, e.g. `theme_color: \"#0b5d5a\"` (with the quotes, so YAML does not read `#` as a comment)"),
            );
        }
        problems.extend(cfg.check_numbers(text, file));
        if let Some(menu) = &mut cfg.menu {
            problems.extend(menu::check_menu(menu, text, file));
        }
        problems.extend(languages::repeated_languages(&cfg, text, file));
        for code in cfg
            .translations
            .keys()
            .filter(|c| !cfg.languages.contains(c))
        {
            problems.push(unknown_translation_language(code, file, text));
        }
        if problems.is_empty() {
            Ok(cfg)
        } else {
            Err(problems)
        }
    }

    /// Checks every number against its range in [`crate::limits`], at its line; returns
    /// every number out of range, not only the first.
    fn check_numbers(&self, text: &str, file: &Path) -> Vec<Diagnostic> {
        use crate::limits::{self, check_f64, check_u32};
        let line = |path: &str| yaml::line_of(text, 1, path);
        let mut problems = Vec::new();
        problems.extend(
            check_u32(
                file,
                line("review_every_months"),
                "review_every_months",
                self.review_every_months,
                limits::REVIEW_EVERY_MONTHS,
                " months",
            )
            .err(),
        );
        problems.extend(
            check_f64(
                file,
                line("readability.max_grade"),
                "readability: max_grade",
                self.readability.max_grade,
                limits::MAX_GRADE,
            )
            .err(),
        );
        problems.extend(
            check_f64(
                file,
                line("readability.max_smog"),
                "readability: max_smog",
                self.readability.max_smog,
                limits::MAX_GRADE,
            )
            .err(),
        );
        limits::check_lists(
            file,
            [
                ("languages", self.languages.len()),
                ("menu", self.menu.as_ref().map_or(0, Vec::len)),
                ("clinical_sections", self.clinical_sections.len()),
                ("required_sections", self.required_sections.len()),
                ("allow_links_outside", self.allow_links_outside.len()),
            ],
            str::to_string,
            line,
            "keep each list to what the site needs",
            &mut problems,
        );
        let stages = limits::LADDER_STAGES;
        if !(stages.min as usize..=stages.max as usize).contains(&self.max_ladder_length) {
            problems.push(limits::out_of_range(
                file,
                line("max_ladder_length"),
                "max_ladder_length",
                self.max_ladder_length,
                (stages.min, stages.max),
                " exercises",
            ));
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `site.yaml`'s `text`, which must parse.
    pub(super) fn cfg(text: &str) -> SiteConfig {
        SiteConfig::parse(text, Path::new("site.yaml")).unwrap()
    }

    #[test]
    fn theme_colour_must_be_hex() {
        assert_eq!(cfg("title: T\ntheme_color: \"#abc\"\n").theme_color, "#abc");
        assert_eq!(cfg("title: T\n").theme_color, "#0b5d5a");
        let e =
            SiteConfig::parse("title: T\ntheme_color: red\n", Path::new("site.yaml")).unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(e[0].message.contains("theme_color"), "{}", e[0].message);
        assert_eq!(e[0].line, Some(2));
    }

    #[test]
    fn defaults_apply() {
        let c = cfg("title: T\n");
        assert_eq!(c.base_url, "/");
        assert_eq!(c.language, "en");
        assert_eq!(c.review_every_months, 12);
        assert_eq!(c.base_path(), "/");
    }

    #[test]
    fn numbers_out_of_range_are_errors_at_their_line() {
        for (text, line, message) in [
            (
                "title: T\nreview_every_months: 250000\n",
                2,
                "`review_every_months` is 250000, outside what sinew allows (1 to 60 months)",
            ),
            (
                "title: T\nreview_every_months: 0\n",
                2,
                "`review_every_months` is 0, outside what sinew allows (1 to 60 months)",
            ),
            (
                "title: T\nreadability:\n  max_grade: .nan\n",
                3,
                "`readability: max_grade` is NaN, outside what sinew allows (1 to 20)",
            ),
            (
                "title: T\nmax_ladder_length: 100000\n",
                2,
                "`max_ladder_length` is 100000, outside what sinew allows (1 to 30 exercises)",
            ),
        ] {
            let e = SiteConfig::parse(text, Path::new("site.yaml"))
                .unwrap_err()
                .remove(0);
            assert_eq!(
                (e.line, e.message.as_str()),
                (Some(line), message),
                "{text}"
            );
            assert_eq!(e.rule, "out-of-range");
        }
        let huge = SiteConfig::parse(
            "title: T\nreview_every_months: 99999999999\n",
            Path::new("site.yaml"),
        )
        .unwrap_err()
        .remove(0);
        assert_eq!(huge.line, Some(2), "{}", huge.message);
    }

    /// Issue 13's "report every problem in a file at once", for site.yaml: two numbers
    /// out of range and two bad menu items are four errors, each at its own line.
    #[test]
    fn every_number_and_menu_mistake_is_reported_in_one_run() {
        let text = "title: T\nreview_every_months: 0\nreadability:\n  max_grade: 99\nmenu:\n  - title: \"\"\n    link: \"@/a.md\"\n  - title: B\n    link: /b/\n";
        let found: Vec<(String, Option<usize>)> = SiteConfig::parse(text, Path::new("site.yaml"))
            .unwrap_err()
            .into_iter()
            .map(|d| (d.rule.to_string(), d.line))
            .collect();
        assert_eq!(
            found,
            [
                ("out-of-range".to_string(), Some(2)),
                ("out-of-range".to_string(), Some(4)),
                ("menu".to_string(), Some(7)),
                ("menu".to_string(), Some(9)),
            ]
        );
    }
}
