//! `sinew check`'s quality rules: readability, review dates, who stands behind the
//! advice, accessibility, and how pages, exercises and ladders fit together, run over a
//! finished in-memory build; then the clinic's settings (`rules:` in `site.yaml`, a
//! file's `check: {ignore: ...}`) decide what is reported.
//!
//! Nothing here reads files or the clock: the caller passes the build and `today` (and,
//! for `--previous`, the addresses the previous site published).
//! Every finding is a warning; errors come from the build itself.

pub mod a11y;
pub mod copies;
pub mod document;
pub mod escaped;
pub mod image;
pub mod placeholder;
pub mod previous;
pub mod quoted;
pub mod readability;
pub mod review;
pub mod settings;
pub mod spanish;
pub mod structure;
pub mod syllables;
pub mod translation;
pub mod trust;
pub mod video;

use crate::diagnostic::Diagnostics;
use crate::site::Built;
use jiff::civil::Date;

/// Every rule `check` adds to the build's own, with a one-line summary.
/// `docs/check.md` has a section for each.
pub const RULES: &[(&str, &str)] = &[
    (
        "readability",
        "a page's, exercise's or ladder's reading grade or SMOG grade is above the limit",
    ),
    (
        "review-overdue",
        "a page's, exercise's or ladder's next review date has passed",
    ),
    (
        "review-in-future",
        "a `reviewed` date is after today (a typing mistake)",
    ),
    (
        "review-missing",
        "a clinical page, an exercise or a ladder has no `reviewed` date",
    ),
    (
        "attribution-missing",
        "a clinical page, exercise or ladder names no reviewer or sources (when required)",
    ),
    (
        "required-section",
        "a clinical page lacks a section `required_sections` asks for",
    ),
    (
        "unknown-clinical-section",
        "`clinical_sections` names a folder that does not exist",
    ),
    (
        "image-alt",
        "an image has no alt text, or alt text that describes nothing",
    ),
    ("vague-link", "a link's text does not say where it goes"),
    ("heading-skip", "a heading level is skipped"),
    (
        "heading-h1",
        "a `#` heading in a page body, where the title is already the main heading",
    ),
    (
        "ladder-length",
        "a ladder has more exercises than `max_ladder_length`",
    ),
    ("unused-exercise", "no page or ladder uses an exercise"),
    (
        "orphan-page",
        "nothing links to a page and no menu or listing shows it",
    ),
    ("exercise-media", "an exercise has no video and no picture"),
    (
        "base-url-not-absolute",
        "`base_url` is only a path, so the sitemap and other features that need the site's full address are left out",
    ),
    (
        "duplicate-exercise",
        "an exercise is more than one stage of the same ladder",
    ),
    (
        "duplicate-title",
        "two pages in the same language have the same title",
    ),
    (
        "dose-mismatch",
        "a ladder stage's own `hold_seconds` differs from its exercise's hold",
    ),
    (
        "condition-backlink",
        "a ladder's condition page does not lead to the ladder's planner",
    ),
    (
        "gone-address",
        "with `--previous`: an address published before now leads nowhere",
    ),
    (
        settings::SETTINGS_RULE,
        "`rules` or `check: ignore:` names no rule, or silences one without a reason",
    ),
    (
        "translation-missing",
        "a page, exercise or ladder has no translation into one of the site's `languages`",
    ),
    (
        translation::SAFETY_RULE,
        "the clinic's advice for when it is closed (`out_of_hours`, shown with a severe flare-up) has no translation into one of the site's `languages`",
    ),
    (
        "translation-outdated",
        "a translation was reviewed before its original (or never), so it may say something the original no longer does",
    ),
    (
        "image-size",
        "a picture the site publishes is larger than 1 MB",
    ),
    (
        "image-format",
        "a picture the site publishes is in a format only Safari shows (`.heic`, `.tif`)",
    ),
    (
        "office-document",
        "the site publishes a Word document, spreadsheet or presentation as it is (`.docx`, `.xlsx`, ...)",
    ),
    ("video-captions", "a video file of the site has no captions"),
    (
        "video-size",
        "a video file of the site is larger than 20 MB",
    ),
    (
        "video-format",
        "a video file of the site is in a format most browsers cannot play (`.mov`, HEVC)",
    ),
    (
        "placeholder",
        "text marked `REPLACE:` (a placeholder) is still to be replaced",
    ),
    (
        "copied-file",
        "a page, exercise, ladder, picture or document is named as a copy of another (`about - Copy.md`, `logo (1).png`)",
    ),
    (
        "escaped-name",
        "a page or folder is named with `%` escapes (`knee%20pain.md`), so its address has `20` in it",
    ),
    (
        "quoted-text",
        "a title, description or other text is wholly inside quotes (`“About us”`), which would show",
    ),
];

/// Every YAML text of the site with its file and the file line of its first line:
/// `site.yaml`, each page's front matter (from line 2, after the opening `---`), each
/// exercise and ladder.
pub(crate) fn yaml_texts(c: &crate::content::Content) -> Vec<(&str, &std::path::Path, usize)> {
    let mut out = vec![(c.config.text.as_str(), std::path::Path::new("site.yaml"), 1)];
    out.extend(
        c.pages
            .iter()
            .map(|p| (p.front_matter.as_str(), p.file.as_path(), 2)),
    );
    out.extend(
        c.exercises
            .values()
            .map(|e| (e.text.as_str(), e.file.as_path(), 1)),
    );
    out.extend(
        c.ladders
            .values()
            .map(|l| (l.text.as_str(), l.file.as_path(), 1)),
    );
    out
}

/// One warning when `base_url` is only a path: every feature that needs the site's full
/// address (`SiteConfig::absolute_url`) is then left out of the build.
fn base_url_not_absolute(c: &crate::content::Content) -> Option<crate::diagnostic::Diagnostic> {
    if c.config.absolute_base().is_some() {
        return None;
    }
    Some(
        crate::diagnostic::Diagnostic::warning(
            "base-url-not-absolute",
            "site.yaml",
            format!(
                "`base_url` is only a path (`{}`), so the site has no sitemap.xml and robots.txt cannot tell search engines where it is",
                c.config.base_url
            ),
        )
        // Where `base_url` is written, or the top of the file where it is not (the
        // default `/`): where the line to change or add goes.
        .at_line(crate::yaml::line_of(&c.config.text, 1, "base_url").or(Some(1)))
        .hint("set `base_url` to the full address where the site is published, such as `base_url: https://clinic.example/` (or `https://clinic.example/patients/` in a sub-folder)"),
    )
}

/// The line of site.yaml where the language `lang` is set: its item in `languages:`,
/// or `language:` (the top of the file when neither is written: the default).
fn language_line(config: &crate::config::SiteConfig, lang: &str) -> Option<usize> {
    let text = &config.text;
    let listed = config
        .languages
        .iter()
        .position(|l| l == lang)
        .and_then(|i| crate::yaml::line_of(text, 1, &format!("languages[{i}]")));
    listed
        .or_else(|| crate::yaml::line_of(text, 1, "language"))
        .or(Some(1))
}

/// What `check` compares the site with, besides the build itself.
#[derive(Debug, Clone, Default)]
pub struct CheckInput {
    /// The addresses (relative to the base, `a/` for `a/index.html`) a previous version
    /// of the site published, and how to name that version in messages.
    pub previous: Option<(Vec<String>, String)>,
}

/// Runs every quality rule over a successful build and returns the findings the
/// clinic's settings leave, sorted.
///
/// `today` is the date review dates are checked against.
pub fn check(built: &Built, today: Date, input: &CheckInput) -> Diagnostics {
    let c = &built.content;
    let read = &c.config.readability;
    let mut out = Vec::new();
    // Readability formulas are per language: English (Flesch-Kincaid, SMOG), Spanish
    // (Szigriszt-Pazos on the INFLESZ scale); other languages are not measured, which
    // one note per language says.
    let mut unmeasured: std::collections::BTreeMap<String, usize> = Default::default();
    for (page, r) in c.pages.iter().zip(&built.rendered) {
        let lang = page.lang.as_deref().unwrap_or(&c.config.language);
        match crate::i18n::base_code(lang) {
            "en" => out.extend(readability::check_page(page, &r.text, read)),
            "es" => out.extend(readability::check_page_spanish(page, &r.text)),
            _ => *unmeasured.entry(lang.to_string()).or_default() += 1,
        }
        out.extend(review::check_page(page, &c.config, today));
        out.extend(a11y::check_page(page, r));
        out.extend(trust::required_sections(page, r, &c.config));
    }
    // Exercises and ladders: their own words in the site's language, then each
    // translation's (`translations: es`) in its language.
    let default = c.config.language.as_str();
    let mut measure = |lang: &str, m: readability::Measured, out: &mut Vec<_>| match m {
        readability::Measured::Done(d) => out.extend(d),
        readability::Measured::NoFormula => *unmeasured.entry(lang.to_string()).or_default() += 1,
    };
    for e in c.exercises.values() {
        let text = readability::exercise_text(&e.data);
        let m = readability::check_yaml_text_in(
            default, &e.file, "exercise", &e.text, None, &text, read,
        );
        measure(default, m, &mut out);
        for (lang, w) in &e.data.translations {
            let text = readability::exercise_words_text(w);
            let at = format!("translations.{lang}");
            let m = readability::check_yaml_text_in(
                lang,
                &e.file,
                "exercise",
                &e.text,
                Some(&at),
                &text,
                read,
            );
            measure(lang, m, &mut out);
        }
    }
    for l in c.ladders.values() {
        let text = readability::ladder_text(&l.data);
        let m =
            readability::check_yaml_text_in(default, &l.file, "ladder", &l.text, None, &text, read);
        measure(default, m, &mut out);
        for (lang, w) in &l.data.translations {
            let text = readability::ladder_words_text(w);
            let at = format!("translations.{lang}");
            let m = readability::check_yaml_text_in(
                lang,
                &l.file,
                "ladder",
                &l.text,
                Some(&at),
                &text,
                read,
            );
            measure(lang, m, &mut out);
        }
    }
    for (lang, n) in unmeasured {
        let mut d = crate::diagnostic::Diagnostic::warning(
            "readability",
            "site.yaml",
            format!(
                "readability is not measured for `{lang}` ({n} {}): sinew has no well-defined published formula for it",
                if n == 1 {
                    "page, exercise or ladder"
                } else {
                    "pages, exercises or ladders"
                }
            ),
        )
        .at_line(language_line(&c.config, &lang))
        .hint("ask a native speaker who knows plain language to read the pages; see docs/check.md, \"readability\"");
        d.severity = crate::diagnostic::Severity::Note;
        out.push(d);
    }
    out.extend(review::check_data(c, today));
    out.extend(review::check_config(c));
    out.extend(base_url_not_absolute(c));
    out.extend(trust::attributions(c));
    out.extend(structure::orphans(c, &built.inbound));
    out.extend(structure::exercises(c, &built.inbound));
    out.extend(structure::ladders(c));
    out.extend(placeholder::content(c));
    out.extend(quoted::content(c));
    out.extend(copies::check(c, &built.files, today.year()));
    out.extend(escaped::check(c, &built.files));
    out.extend(structure::duplicate_exercises(c));
    out.extend(structure::duplicate_titles(c));
    out.extend(structure::dose_mismatches(c));
    out.extend(structure::condition_backlinks(c, &built.inbound));
    out.extend(translation::missing(c));
    out.extend(translation::outdated(c));
    out.extend(image::check(&c.root, &built.files));
    out.extend(document::check(&c.root, &built.files));
    if let Some((addresses, shown)) = &input.previous {
        let files: Vec<&str> = built.files.iter().map(|f| f.path.as_str()).collect();
        out.extend(previous::gone(addresses, &files, shown));
    }
    let mut out = Diagnostics(settings::apply(c, out));
    out.extend(video::check(c, &built.videos));
    out.sort();
    out
}
