//! `site.yaml`: the site's settings, with defaults, read into a checked `SiteConfig`.

use crate::diagnostic::Diagnostic;
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::path::Path;

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
    #[serde(default, deserialize_with = "booking_url_field")]
    pub booking_url: Option<String>,
    /// What to do when the clinic is closed, in the clinic's words (e.g. "Call NHS 111,
    /// or 999 in an emergency"); the planner shows it with a severe flare-up.
    pub out_of_hours: Option<String>,
}

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

/// One item of the top menu, from `menu:` in `site.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    /// The words shown in the menu.
    pub title: String,
    /// Where it goes: an `@/` link to a file or folder under `content/`.
    pub link: String,
    /// The item's line in `site.yaml`, for messages (found after parsing).
    #[serde(skip)]
    pub line: Option<usize>,
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
    #[serde(default = "default_base_url", deserialize_with = "base_url_field")]
    pub base_url: String,
    /// The pages' language, e.g. `en` or `en-GB`.
    #[serde(default = "default_language", deserialize_with = "language_field")]
    pub language: String,
    /// The site's other languages (e.g. `[es]`), which its pages, exercises and ladders
    /// may be translated into; `language` is the default one.
    #[serde(default, deserialize_with = "languages_field")]
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

fn default_base_url() -> String {
    "/".into()
}

/// `base_url`, checked while typing so that its problem is reported with the file's others.
fn base_url_field<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let checked = yaml::checked_text(d, |s| {
        check_base_url(s).map_err(|m| (format!("is wrong: {m}"), BASE_URL_HINT.to_string()))
    })?;
    Ok(checked.unwrap_or_else(default_base_url))
}

/// `booking_url`, checked while typing (a refused scheme or a backslash).
fn booking_url_field<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    yaml::checked_text(d, |s| {
        crate::address::check_url(s)
            .map(|()| s.to_string())
            .map_err(|m| {
                (
                    format!("is refused: {m}"),
                    "use an address starting with https://".to_string(),
                )
            })
    })
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
fn language_field<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(LangCode::deserialize(d)?.0)
}

/// `languages:`, each code checked while typing, so each problem has its own line.
fn languages_field<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Vec::<LangCode>::deserialize(d)?
        .into_iter()
        .map(|c| c.0)
        .collect())
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
            problems.extend(check_menu(menu, text, file));
        }
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

    /// The path part of `base_url`, always starting and ending with `/` (e.g. `/patients/`).
    pub fn base_path(&self) -> String {
        let url = &self.base_url;
        let path = match url.find("://") {
            Some(i) => match url[i + 3..].find('/') {
                Some(j) => &url[i + 3 + j..],
                None => "/",
            },
            None => url.as_str(),
        };
        let mut p = path.to_string();
        if !p.ends_with('/') {
            p.push('/');
        }
        p
    }

    /// `base_url` when it is a full address, else `None`.
    pub fn absolute_base(&self) -> Option<&str> {
        self.base_url
            .contains("://")
            .then_some(self.base_url.as_str())
    }

    /// The full address of `path` (an output path relative to the site's base, such as
    /// `conditions/knee/` or `sitemap.xml`; a leading `/` is ignored), with every byte
    /// that may not stand in an address percent-encoded; `None` when `base_url` is only
    /// a path.
    ///
    /// Every feature that needs the site's full address (the sitemap, `robots.txt`'s
    /// `Sitemap:` line, QR codes, `hreflang`, structured data, canonical links) calls
    /// this and leaves itself out on `None`; `sinew check` then says once what to set
    /// (rule `base-url-not-absolute`).
    pub fn absolute_url(&self, path: &str) -> Option<String> {
        let base = self.absolute_base()?;
        Some(format!(
            "{base}{}",
            percent_encode_path(path.trim_start_matches('/'))
        ))
    }
}

/// How to write `base_url`, for every error about it.
pub const BASE_URL_HINT: &str = "write the address where the site is published, such as `base_url: https://clinic.example/patients/`, or only its path, such as `base_url: /` or `base_url: /patients/`";

/// Checks a `base_url` (from `site.yaml` or `--base-url`) and returns it ending with `/`.
///
/// It is a path (`/`, `/patients/`) or a full `http(s)://host/path/` address. Anything
/// that would send the site's own stylesheets, scripts and links to another host or
/// break every link is refused: `//other.host/`, a backslash, `user:pass@`, a query or
/// fragment, spaces or control characters (a newline), and `.`/`..` segments.
pub fn check_base_url(url: &str) -> Result<String, String> {
    let shown = url.escape_debug();
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(format!(
            "`{shown}` contains a space, tab or line break, which an address cannot hold"
        ));
    }
    if url.contains('\\') {
        return Err(format!(
            "`{url}` contains a backslash `\\`: browsers read it as `/`, which can point the site at another host"
        ));
    }
    if url.contains(['?', '#']) {
        return Err(format!(
            "`{url}` has a `?` or `#` part, which would break every link of the site"
        ));
    }
    let path = if let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    {
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if host.is_empty() {
            return Err(format!("`{url}` has no host name after `://`"));
        }
        if host.contains('@') {
            return Err(format!(
                "`{url}` holds a user name or password (`...@`), which must never be in a web address"
            ));
        }
        let host_ok = host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        if !host_ok {
            return Err(format!(
                "`{url}` has a host name with characters a host cannot have"
            ));
        }
        path
    } else if url.starts_with("//") {
        return Err(format!(
            "`{url}` starts with `//`, which browsers read as another web site's address"
        ));
    } else if url.starts_with('/') {
        url
    } else {
        return Err(format!("`{url}` is not a path or a full address"));
    };
    if path.split('/').any(|seg| seg == ".." || seg == ".") {
        return Err(format!(
            "`{url}` has a `.` or `..` part, which browsers resolve to another folder"
        ));
    }
    if path.contains("//") {
        return Err(format!("`{url}` has an empty folder name (`//`)"));
    }
    let mut out = url.to_string();
    if !out.ends_with('/') {
        out.push('/');
    }
    Ok(out)
}

/// Percent-encodes what may not stand in a URL path (non-ASCII letters, spaces, quotes,
/// ...), keeping `/` and existing `%XX` escapes.
pub fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let bytes = path.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let escape_start = b == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) || escape_start {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Finds each menu item's line and checks what can be checked without the site's
/// addresses: a non-empty list, titles, and links written as `@/` links to whole pages.
/// (Whether each link's file exists is checked when links are resolved.)
fn check_menu(menu: &mut [MenuItem], text: &str, file: &Path) -> Vec<Diagnostic> {
    // Every line from the parser's positions: each item's `link`, or the item itself.
    let spans = yaml::Spans::of(text);
    let menu_line = spans.line("menu").unwrap_or(1).saturating_sub(1);
    if menu.is_empty() {
        return vec![Diagnostic::error("menu", file, "`menu` lists no items")
            .at_line(Some(menu_line + 1))
            .hint("list the menu's items (`- title: Contact us` with `link: \"@/contact.md\"` under it), or delete `menu:` to have the menu made from your pages")];
    }
    for (i, item) in menu.iter_mut().enumerate() {
        item.line = spans
            .line(&format!("menu[{i}].link"))
            .or_else(|| spans.line(&format!("menu[{i}]")));
    }
    let mut problems = Vec::new();
    for item in menu.iter() {
        let at = item.line.or(Some(menu_line + 1));
        if item.title.trim().is_empty() {
            problems.push(
                Diagnostic::error("menu", file, "a menu item has an empty `title`")
                    .at_line(at)
                    .hint("write the words the menu shows, e.g. `title: Contact us`"),
            );
        }
        let link = item.link.trim();
        if !link.starts_with("@/") {
            problems.push(Diagnostic::error(
                "menu",
                file,
                format!("the menu item \"{}\" links to `{link}`, which is not an `@/` link", item.title),
            )
            .at_line(at)
            .hint("menu links name a file or folder under `content/`, in quotes: `link: \"@/contact.md\"` or `link: \"@/conditions/\"`; `@/` alone is the home page"));
        } else if link.contains('#') {
            problems.push(
                Diagnostic::error(
                    "menu",
                    file,
                    format!(
                        "the menu item \"{}\" links to part of a page (`{link}`)",
                        item.title
                    ),
                )
                .at_line(at)
                .hint("menu items go to whole pages: remove the `#` and what follows it"),
            );
        }
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

    #[test]
    fn base_urls_that_point_elsewhere_are_refused() {
        for bad in [
            "//other.example/",
            "/\\other.example",
            "\\\\other.example",
            "https://user:pass@clinic.example/",
            "https://clinic.example/?x=1",
            "/patients/#top",
            "/patients/\nx",
            "/a/../b/",
            "https:///x",
            "clinic.example",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
        assert_eq!(check_base_url("/patients").unwrap(), "/patients/");
        assert_eq!(
            check_base_url("https://clinic.example:8443/p/").unwrap(),
            "https://clinic.example:8443/p/"
        );
    }

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
    fn absolute_urls_only_from_a_full_base() {
        assert_eq!(cfg("title: T\n").absolute_url("knee/"), None);
        let c = cfg("title: T\nbase_url: https://c.example/p/\n");
        assert_eq!(
            c.absolute_url("/conditions/ödem knee/").unwrap(),
            "https://c.example/p/conditions/%C3%B6dem%20knee/"
        );
        assert_eq!(
            c.absolute_url("a%20b").unwrap(),
            "https://c.example/p/a%20b"
        );
    }

    fn cfg(text: &str) -> SiteConfig {
        SiteConfig::parse(text, Path::new("site.yaml")).unwrap()
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
    fn base_path_from_full_url() {
        let c = cfg("title: T\nbase_url: https://clinic.example/patients\n");
        assert_eq!(c.base_path(), "/patients/");
        assert_eq!(c.absolute_base(), Some("https://clinic.example/patients/"));
        assert_eq!(
            cfg("title: T\nbase_url: https://c.example\n").base_path(),
            "/"
        );
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

    #[test]
    fn menu_items_get_their_lines() {
        let c = cfg(
            "title: T\n# menu: a comment\nmenu:\n  - title: Home\n    link: \"@/\"\n  - { title: Again, link: \"@/\" }\n  - title: Contact\n    link: \"@/contact.md\"\n",
        );
        let lines: Vec<_> = c.menu.unwrap().iter().map(|i| i.line).collect();
        assert_eq!(lines, [Some(5), Some(6), Some(8)]);
        assert!(cfg("title: T\n").menu.is_none());
    }

    #[test]
    fn menu_mistakes_are_explained_on_their_line() {
        let err = |text: &str| {
            SiteConfig::parse(text, Path::new("site.yaml"))
                .unwrap_err()
                .remove(0)
        };
        let e = err("title: T\nmenu: []\n");
        assert_eq!((e.rule, e.line), ("menu", Some(2)));
        let e = err("title: T\nmenu:\n  - title: Contact\n    link: /contact/\n");
        assert_eq!(e.line, Some(4));
        assert!(e.message.contains("not an `@/` link"), "{}", e.message);
        let e = err("title: T\nmenu:\n  - title: Contact\n    link: \"@/contact.md#hours\"\n");
        assert_eq!(e.line, Some(4));
        let e = err("title: T\nmenu:\n  - title: \"\"\n    link: \"@/contact.md\"\n");
        assert_eq!(e.line, Some(4));
        let e = err("title: T\nmenu:\n  - title: Contact\n    links: \"@/contact.md\"\n");
        assert!(e.message.contains("links"), "{}", e.message);
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

    #[test]
    fn rejects_javascript_booking_url() {
        let e = SiteConfig::parse(
            "title: T\nclinic:\n  booking_url: javascript:alert(1)\n",
            Path::new("site.yaml"),
        )
        .unwrap_err();
        assert_eq!(e[0].line, Some(3));
    }
}
