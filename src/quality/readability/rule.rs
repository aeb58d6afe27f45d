//! The `readability` rule: each page's, exercise's and ladder's text measured by its
//! language's formula against the site's limits (or the page's own), and a warning that
//! names the hardest sentences and the line of the first.

use super::{MIN_WORDS, hardest, line_in_body, score};
use crate::config::Readability;
use crate::content::Page;
use crate::content::exercise::ExerciseData;
use crate::content::ladder::LadderData;
use crate::diagnostic::Diagnostic;
use std::path::Path;

/// Shortens a sentence for a message.
fn quote(s: &str) -> String {
    const MAX: usize = 90;
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    let cut: String = s.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut} ...")
}

/// The limits a text is held to, and whether each is the file's own.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Highest Flesch-Kincaid grade.
    pub(crate) grade: f64,
    /// Highest SMOG grade.
    pub(crate) smog: f64,
    /// Whether `grade` is the file's own `max_grade` rather than the site's.
    pub(crate) own_grade: bool,
    /// Whether `smog` is the file's own `max_smog` rather than the site's.
    pub(crate) own_smog: bool,
}

impl Limits {
    /// The limits of a page: its own `max_grade` and `max_smog`, else the site's.
    pub(crate) fn for_page(page: &Page, site: &Readability) -> Limits {
        Limits {
            grade: page.meta.max_grade.unwrap_or(site.max_grade),
            smog: page.meta.max_smog.unwrap_or(site.max_smog),
            own_grade: page.meta.max_grade.is_some(),
            own_smog: page.meta.max_smog.is_some(),
        }
    }

    /// The site's limits (for exercises and ladders, which have no limits of their own).
    pub(crate) fn site(site: &Readability) -> Limits {
        Limits {
            grade: site.max_grade,
            smog: site.max_smog,
            own_grade: false,
            own_smog: false,
        }
    }
}

/// The `readability` rule for one page: a warning when its grade is above the limit (the
/// page's `max_grade`, else the site's) or its SMOG grade above its SMOG limit.
pub(crate) fn check_page(page: &Page, text: &str, site: &Readability) -> Option<Diagnostic> {
    let locate = |sentence: &str| line_in_body(&page.body, page.body_line, sentence);
    let fix = "A page that cannot avoid medical words may set its own limit in its front \
               matter, e.g. `max_grade: 10` (and `max_smog: 12`)";
    check_text(
        &page.file,
        "page",
        text,
        Limits::for_page(page, site),
        &locate,
        fix,
    )
}

/// The `readability` rule for a page in Spanish: its Szigriszt-Pazos perspicuity must be
/// at least "normal" on the INFLESZ scale (see `quality::spanish`).
pub(crate) fn check_page_spanish(page: &Page, text: &str) -> Option<Diagnostic> {
    check_spanish(&page.file, "page", text, None, "")
}

/// The `readability` rule for Spanish text: `what` names it ("page", "exercise's
/// Spanish translation"), `line` is where it starts, `fix` is added to the hint.
fn check_spanish(
    file: &Path,
    what: &str,
    text: &str,
    line: Option<usize>,
    fix: &str,
) -> Option<Diagnostic> {
    use crate::quality::spanish::{MIN_PERSPICUITY, inflesz, perspicuity};
    let (p, words, _) = perspicuity(text)?;
    if words < MIN_WORDS || p >= MIN_PERSPICUITY {
        return None;
    }
    let hint = format!(
        "use shorter sentences and shorter, everyday words (frases más cortas y palabras de \
         uso diario){}",
        if fix.is_empty() {
            String::new()
        } else {
            format!(". {fix}")
        }
    );
    Some(
        Diagnostic::warning(
            "readability",
            file,
            format!(
                "this {what} is hard to read: its Szigriszt-Pazos perspicuity is {p:.0}, \
                 \"{}\" on the INFLESZ scale, below {MIN_PERSPICUITY:.0} (\"normal\")",
                inflesz(p)
            ),
        )
        .at_line(line)
        .hint(hint),
    )
}

/// How an exercise's or a ladder's text in one language is measured.
pub(crate) enum Measured {
    /// Measured: the finding, if the text is too hard.
    Done(Option<Diagnostic>),
    /// Not measured: sinew has no formula for this language.
    NoFormula,
}

/// The `readability` rule for the words of an exercise or a ladder in language `lang`
/// (its own words in the site's language, or one of its `translations:`): English is
/// held to the site's grade limits, Spanish to Szigriszt-Pazos/INFLESZ; another
/// language is not measured. `at` is the key its words are under in `yaml`
/// (`translations.es`), for the line of a Spanish finding.
#[allow(clippy::too_many_arguments)]
pub(crate) fn check_yaml_text_in(
    lang: &str,
    file: &Path,
    what: &str,
    yaml: &str,
    at: Option<&str>,
    text: &str,
    site: &Readability,
) -> Measured {
    let fix = "If the words cannot be simpler, silence the rule for this file with a reason: \
               `check: {ignore: {readability: \"why\"}}`";
    match crate::i18n::base_code(lang) {
        "en" => Measured::Done(check_yaml_text(file, what, yaml, text, site)),
        "es" => {
            let line = at.and_then(|key| crate::yaml::line_of(yaml, 1, key));
            let what = match at {
                Some(_) => format!("{what}'s translation `{lang}`"),
                None => what.to_string(),
            };
            Measured::Done(check_spanish(file, &what, text, line, fix))
        }
        _ => Measured::NoFormula,
    }
}

/// The text of an exercise a patient reads (summary, steps, cautions), one item a line.
pub fn exercise_text(e: &ExerciseData) -> String {
    let mut lines: Vec<&str> = e.summary.iter().map(String::as_str).collect();
    lines.extend(e.steps.iter().map(String::as_str));
    lines.extend(e.cautions.iter().map(String::as_str));
    lines.join("\n")
}

/// The text of an exercise's translation a patient reads (summary, steps, cautions).
pub fn exercise_words_text(w: &crate::content::exercise::ExerciseWords) -> String {
    let mut lines: Vec<&str> = w.summary.iter().map(String::as_str).collect();
    lines.extend(w.steps.iter().map(String::as_str));
    lines.extend(w.cautions.iter().map(String::as_str));
    lines.join("\n")
}

/// The text of a ladder's translation a patient reads (description and milestones).
pub fn ladder_words_text(w: &crate::content::ladder::LadderWords) -> String {
    let mut lines: Vec<&str> = w.description.iter().map(String::as_str).collect();
    lines.extend(w.milestones.iter().map(String::as_str));
    lines.join("\n")
}

/// The text of a ladder a patient reads (description and milestones), one item a line.
pub fn ladder_text(l: &LadderData) -> String {
    let mut lines: Vec<&str> = l.description.iter().map(String::as_str).collect();
    lines.extend(l.milestones.iter().map(|m| m.unlocks.as_str()));
    lines.join("\n")
}

/// The `readability` rule for an exercise's or a ladder's text (`yaml` is the file's
/// text, for lines), held to the site's limits.
pub(crate) fn check_yaml_text(
    file: &Path,
    what: &str,
    yaml: &str,
    text: &str,
    site: &Readability,
) -> Option<Diagnostic> {
    let locate = |sentence: &str| line_in_body(yaml, 1, sentence);
    let fix = "If the words cannot be simpler, silence the rule for this file with a reason: \
               `check: {ignore: {readability: \"why\"}}`";
    check_text(file, what, text, Limits::site(site), &locate, fix)
}

fn check_text(
    file: &Path,
    what: &str,
    text: &str,
    limits: Limits,
    locate: &dyn Fn(&str) -> Option<usize>,
    fix: &str,
) -> Option<Diagnostic> {
    let s = score(text)?;
    let over_grade = s.grade > limits.grade;
    let over_smog = s.smog > limits.smog;
    if s.words < MIN_WORDS || !(over_grade || over_smog) {
        return None;
    }
    // Name the sentences above the limit (up to three); if none is above it on its own,
    // the two hardest. Sentences are ranked by Flesch-Kincaid, which (unlike SMOG) means
    // something for one sentence.
    let mut hard = hardest(text, 3);
    if hard.iter().any(|h| h.grade > limits.grade) {
        hard.retain(|h| h.grade > limits.grade);
    } else {
        hard.truncate(2);
    }
    let lines: Vec<Option<usize>> = hard.iter().map(|h| locate(&h.text)).collect();
    // One sentence per line, indented to sit under the hint's first line in text output.
    let list: String = hard
        .iter()
        .zip(&lines)
        .map(|(h, l)| {
            let at = l.map(|l| format!("line {l}: ")).unwrap_or_default();
            format!(
                "\n          - {at}\"{}\" (grade {:.0})",
                quote(&h.text),
                h.grade
            )
        })
        .collect();
    let whose = |own: bool, field: &str| {
        if own {
            format!("this {what}'s own limit (`{field}`)")
        } else {
            "the site's limit".to_string()
        }
    };
    // Each measure's value, and the limit it is above when it is.
    let part = |name: &str, value: f64, over: bool, own: bool, field: &str, limit: f64| {
        if over {
            format!(
                "its {name} is {value:.1}, above {} of {}",
                whose(own, field),
                fmt_grade(limit)
            )
        } else {
            format!("its {name} is {value:.1}")
        }
    };
    let parts = [
        part(
            "reading grade",
            s.grade,
            over_grade,
            limits.own_grade,
            "max_grade",
            limits.grade,
        ),
        part(
            "SMOG grade",
            s.smog,
            over_smog,
            limits.own_smog,
            "max_smog",
            limits.smog,
        ),
    ];
    let message = format!(
        "this {what} is hard to read: {} (its reading ease is {:.0}, where 60 or more is plain \
         English)",
        parts.join("; "),
        s.ease
    );
    let hint = format!(
        "use shorter sentences and everyday words. The hardest {}:{list}\n          {fix}",
        if hard.len() == 1 {
            "sentence is"
        } else {
            "sentences are"
        }
    );
    let line = lines.first().copied().flatten();
    Some(
        Diagnostic::warning("readability", file, message)
            .at_line(line)
            .hint(hint),
    )
}

fn fmt_grade(g: f64) -> String {
    if g.fract() == 0.0 {
        format!("{g:.0}")
    } else {
        format!("{g:.1}")
    }
}
