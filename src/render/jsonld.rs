//! Structured data for search engines and health-information tools: a schema.org
//! `MedicalWebPage` in JSON-LD on every page, exercise and planner page, saying who
//! reviewed it and when, what it rests on, that it is written for patients, what it is
//! about (a condition, an exercise, an exercise plan) and which clinic publishes it.
//!
//! Typed serde structs of our own (no schema.org crate is kept up to date), serialized by
//! [`script_json`](super::script_json) so no text can close the `<script>` element. The
//! block is `<script type="application/ld+json">`: data, never run, so the planner
//! page's `script-src 'self'` does not block it. Properties that need the site's full
//! address (`url`) are left out when `base_url` is only a path.

use crate::config::SiteConfig;
use crate::content::Content;
use crate::content::exercise::Dose;
use crate::content::trust::{Source, clinical_reason};
use crate::render::context::{ExerciseCtx, LadderCtx, Review};
use crate::render::script_json;
use serde::Serialize;

const CONTEXT: &str = "https://schema.org";
/// schema.org's audience of patients (a `MedicalAudienceType`).
const PATIENTS: &str = "https://schema.org/Patient";
/// schema.org's medical specialty of physiotherapy.
const PHYSIOTHERAPY: &str = "https://schema.org/Physiotherapy";

/// A schema.org `MedicalWebPage`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct MedicalWebPage {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    /// The page's title.
    name: String,
    /// One sentence about the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    /// The page's full address (only when `base_url` is a full address).
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    /// The page's language.
    in_language: String,
    /// Always patients.
    audience: &'static str,
    /// When a clinician last reviewed it (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    last_reviewed: Option<String>,
    /// Who reviewed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    reviewed_by: Option<Person>,
    /// The references it rests on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    citation: Vec<CreativeWork>,
    /// The condition a condition page is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    about: Option<Condition>,
    /// The exercise plan an exercise or planner page sets out.
    #[serde(skip_serializing_if = "Option::is_none")]
    main_entity: Option<ExercisePlan>,
    /// The clinic, when `site.yaml` names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Clinic>,
}

/// A schema.org `Person`: a reviewer.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Person {
    #[serde(rename = "@type")]
    kind: &'static str,
    /// The name (the part of `reviewed_by` before its first comma).
    name: String,
    /// The role and qualifications (the rest of `reviewed_by`).
    #[serde(skip_serializing_if = "Option::is_none")]
    job_title: Option<String>,
}

/// A schema.org `CreativeWork`: a source.
#[derive(Debug, Clone, Serialize)]
struct CreativeWork {
    #[serde(rename = "@type")]
    kind: &'static str,
    /// What the reference is.
    name: String,
    /// Where to read it (only a full address: a path means nothing outside the site).
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// A schema.org `MedicalCondition`.
#[derive(Debug, Clone, Serialize)]
struct Condition {
    #[serde(rename = "@type")]
    kind: &'static str,
    /// The condition's name (the condition page's title).
    name: String,
    /// The condition page's full address, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// A schema.org `ExercisePlan`: one exercise's dose, or a ladder and its steps.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ExercisePlan {
    #[serde(rename = "@type")]
    kind: &'static str,
    /// The exercise's or ladder's name.
    name: String,
    /// A sentence about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    /// The exercise's name (for one exercise or one step).
    #[serde(skip_serializing_if = "Option::is_none")]
    exercise_type: Option<String>,
    /// How often: "twice a day".
    #[serde(skip_serializing_if = "Option::is_none")]
    activity_frequency: Option<String>,
    /// Repetitions per set (a step's target).
    #[serde(skip_serializing_if = "Option::is_none")]
    repetitions: Option<u32>,
    /// The rest of the dose in words: sets, hold, the start and target of a step.
    #[serde(skip_serializing_if = "Option::is_none")]
    additional_variable: Option<String>,
    /// How many days a step usually takes.
    #[serde(skip_serializing_if = "Option::is_none")]
    activity_duration: Option<Days>,
    /// A ladder's steps, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    has_part: Vec<ExercisePlan>,
}

/// A schema.org `QuantitativeValue` in days.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Days {
    #[serde(rename = "@type")]
    kind: &'static str,
    /// Fewest days.
    min_value: u32,
    /// Most days.
    max_value: u32,
    /// UN/CEFACT's code for days.
    unit_code: &'static str,
}

/// A schema.org `MedicalClinic` specialising in physiotherapy.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Clinic {
    #[serde(rename = "@type")]
    kind: &'static str,
    /// The clinic's name.
    name: String,
    /// Always physiotherapy.
    medical_specialty: &'static str,
    /// Its phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    telephone: Option<String>,
    /// Its email address.
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    /// Its postal address, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<String>,
    /// The site's full address, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// The full address of `path` (relative to the base), when `base_url` is a full address
/// ([`SiteConfig::absolute_url`]).
fn full_url(config: &SiteConfig, path: &str) -> Option<String> {
    config.absolute_url(path)
}

/// "Alex Smith, MSc, Physiotherapist" -> name "Alex Smith", job title "MSc,
/// Physiotherapist".
fn person(reviewed_by: &str) -> Option<Person> {
    let r = reviewed_by.trim();
    if r.is_empty() {
        return None;
    }
    let (name, role) = match r.split_once(',') {
        Some((n, role)) if !role.trim().is_empty() => (n.trim(), Some(role.trim().to_string())),
        _ => (r, None),
    };
    Some(Person {
        kind: "Person",
        name: name.to_string(),
        job_title: role,
    })
}

fn citations(sources: &[Source]) -> Vec<CreativeWork> {
    sources
        .iter()
        .filter(|s| !s.title().trim().is_empty())
        .map(|s| CreativeWork {
            kind: "CreativeWork",
            name: s.title().to_string(),
            url: s
                .url()
                .map(str::trim)
                .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
                .map(str::to_string),
        })
        .collect()
}

fn clinic(config: &SiteConfig) -> Option<Clinic> {
    let c = &config.clinic;
    c.name.as_ref().map(|name| Clinic {
        kind: "MedicalClinic",
        name: name.clone(),
        medical_specialty: PHYSIOTHERAPY,
        telephone: c.phone.clone(),
        email: c.email.clone(),
        address: c.address.clone(),
        url: full_url(config, ""),
    })
}

/// What every page's structured data says, before what it is about.
struct PageFacts<'a> {
    /// The page's language (`inLanguage`).
    lang: &'a str,
    /// The title.
    name: &'a str,
    /// One sentence about it.
    description: Option<&'a str>,
    /// Its output path (relative to the base).
    path: &'a str,
    /// Its review dates.
    review: Option<&'a Review>,
    /// `reviewed_by`.
    reviewed_by: Option<&'a str>,
    /// `sources`.
    sources: &'a [Source],
}

/// A `MedicalWebPage` from a page's facts.
fn web_page(config: &SiteConfig, f: &PageFacts<'_>) -> MedicalWebPage {
    MedicalWebPage {
        context: CONTEXT,
        kind: "MedicalWebPage",
        name: f.name.to_string(),
        description: f.description.map(str::to_string),
        url: full_url(config, f.path),
        in_language: f.lang.to_string(),
        audience: PATIENTS,
        last_reviewed: f.review.map(|r| r.reviewed_iso.clone()),
        reviewed_by: f.reviewed_by.and_then(person),
        citation: citations(f.sources),
        about: None,
        main_entity: None,
        publisher: clinic(config),
    }
}

/// `about` for a condition page, titled `name` at output path `path`.
fn condition(config: &SiteConfig, name: &str, path: &str) -> Condition {
    Condition {
        kind: "MedicalCondition",
        name: name.to_string(),
        url: full_url(config, path),
    }
}

/// An exercise's plan: its own dose (`e`'s words are in the page's language `w`).
fn exercise_plan(e: &ExerciseCtx, dose: &Dose, w: &Words<'_>) -> ExercisePlan {
    ExercisePlan {
        kind: "ExercisePlan",
        name: e.name.clone(),
        description: e.summary.clone(),
        exercise_type: Some(e.name.clone()),
        activity_frequency: dose.times_per_day.map(|n| w.times_per_day(n)),
        repetitions: dose.reps,
        additional_variable: e.dose.clone(),
        activity_duration: None,
        has_part: Vec::new(),
    }
}

/// A ladder's plan: how often, and each step's exercise, dose and usual days, in the
/// words of `ctx` (the ladder in the page's language) and `w`.
fn ladder_plan(
    l: &crate::content::ladder::LadderData,
    ctx: &LadderCtx,
    names: &dyn Fn(&str) -> String,
    w: &Words<'_>,
) -> ExercisePlan {
    let steps = l
        .stages
        .iter()
        .map(|s| {
            let name = names(&s.exercise);
            let hold = s
                .hold_seconds
                .filter(|h| *h > 0)
                .map(|h| w.fill("jsonld_hold", &[("seconds", h)]))
                .unwrap_or_default();
            ExercisePlan {
                kind: "ExercisePlan",
                name: name.clone(),
                description: None,
                exercise_type: Some(name),
                activity_frequency: Some(w.times_per_day(l.times_per_day)),
                repetitions: Some(s.target.reps),
                additional_variable: Some(format!(
                    "{}{hold}",
                    w.fill(
                        "jsonld_step",
                        &[
                            ("start_sets", s.start.sets),
                            ("start_reps", s.start.reps),
                            ("target_sets", s.target.sets),
                            ("target_reps", s.target.reps),
                        ],
                    )
                )),
                activity_duration: Some(Days {
                    kind: "QuantitativeValue",
                    min_value: s.days.min,
                    max_value: s.days.max,
                    unit_code: "DAY",
                }),
                has_part: Vec::new(),
            }
        })
        .collect();
    ExercisePlan {
        kind: "ExercisePlan",
        name: ctx.title.clone(),
        description: ctx.description.clone(),
        exercise_type: None,
        activity_frequency: Some(w.times_per_day(l.times_per_day)),
        repetitions: None,
        additional_variable: None,
        activity_duration: None,
        has_part: steps,
    }
}

/// The words structured data uses in the page's language.
pub(crate) struct Words<'a> {
    /// The string tables.
    pub(crate) tables: &'a crate::i18n::Tables,
    /// The page's language.
    pub(crate) lang: &'a str,
}

impl Words<'_> {
    /// "twice a day".
    fn times_per_day(&self, n: u32) -> String {
        crate::render::pages::word(self.tables, self.lang, "times_per_day", Some(n.into()))
    }

    /// The text of `key` with its `{name}`s filled with numbers.
    fn fill(&self, key: &str, values: &[(&str, u32)]) -> String {
        let text = crate::render::pages::word(self.tables, self.lang, key, None);
        crate::i18n::fill(&text, |k| {
            values
                .iter()
                .find(|(name, _)| *name == k)
                .map(|(_, v)| v.to_string())
        })
    }
}

/// The JSON-LD of page `i` of the content, published at `path`, in `lang`.
pub(crate) fn for_page(
    c: &Content,
    i: usize,
    path: &str,
    review: Option<&Review>,
    lang: &str,
) -> String {
    let p = &c.pages[i];
    let mut data = web_page(
        &c.config,
        &PageFacts {
            lang,
            name: &p.meta.title,
            description: p.meta.description.as_deref(),
            path,
            review,
            reviewed_by: p.meta.reviewed_by.as_deref(),
            sources: &p.meta.sources,
        },
    );
    if clinical_reason(p, &c.config).is_some() {
        data.about = Some(condition(&c.config, &p.meta.title, path));
    }
    script_json(&data)
}

/// The JSON-LD of an exercise's page, published at `path`; `e` is the exercise in the
/// page's language.
pub(crate) fn for_exercise(c: &Content, e: &ExerciseCtx, path: &str, w: &Words<'_>) -> String {
    let d = &c.exercises[&e.id].data;
    let mut data = web_page(
        &c.config,
        &PageFacts {
            lang: w.lang,
            name: &e.name,
            description: e.summary.as_deref(),
            path,
            review: e.trust.review.as_ref(),
            reviewed_by: e.trust.reviewed_by.as_deref(),
            sources: &d.sources,
        },
    );
    data.main_entity = Some(exercise_plan(e, &d.dose, w));
    script_json(&data)
}

/// The JSON-LD of a ladder's planner page, published at `path` (`base` is the base
/// path, to turn the condition page's URL back into a path).
///
/// `l` is the ladder in the page's language, `names` an exercise's name in it.
pub(crate) fn for_planner(
    c: &Content,
    names: &dyn Fn(&str) -> String,
    l: &LadderCtx,
    path: &str,
    base: &str,
    w: &Words<'_>,
) -> String {
    let d = &c.ladders[&l.id].data;
    let mut data = web_page(
        &c.config,
        &PageFacts {
            lang: w.lang,
            name: &l.title,
            description: l.description.as_deref(),
            path,
            review: l.trust.review.as_ref(),
            reviewed_by: l.trust.reviewed_by.as_deref(),
            sources: &d.sources,
        },
    );
    data.main_entity = Some(ladder_plan(d, l, names, w));
    data.about = l.condition.as_ref().map(|cond| {
        let rel = cond.url.strip_prefix(base).unwrap_or(&cond.url);
        condition(&c.config, &cond.title, rel)
    });
    script_json(&data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reviewer_splits_into_name_and_role() {
        let p = person(" Alex Smith, MSc, Physiotherapist ").unwrap();
        assert_eq!(p.name, "Alex Smith");
        assert_eq!(p.job_title.as_deref(), Some("MSc, Physiotherapist"));
        assert_eq!(person("Alex Smith").unwrap().job_title, None);
        assert!(person("  ").is_none());
    }

    #[test]
    fn only_full_addresses_are_cited() {
        let c = citations(&[
            Source::Text("Book".into()),
            Source::Linked {
                title: "Page".into(),
                url: Some("@/a.md".into()),
                lang: None,
            },
            Source::Linked {
                title: "Web".into(),
                url: Some("https://x.example/".into()),
                lang: None,
            },
        ]);
        assert_eq!(c.len(), 3);
        assert_eq!(c[1].url, None);
        assert_eq!(c[2].url.as_deref(), Some("https://x.example/"));
    }
}
