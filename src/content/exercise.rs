//! One exercise, read from `content/exercises/<id>.yaml`.

use serde::{Deserialize, Serialize};

/// An exercise's usual dose.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Dose {
    /// Sets per session.
    pub sets: Option<u32>,
    /// Repetitions per set.
    pub reps: Option<u32>,
    /// Seconds to hold each repetition.
    pub hold_seconds: Option<u32>,
    /// Sessions per day.
    pub times_per_day: Option<u32>,
}

/// The fields of an exercise file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseData {
    /// The exercise's name (required; empty counts as missing).
    #[serde(deserialize_with = "crate::yaml::required_text")]
    pub name: String,
    /// One sentence on what it is and why.
    #[serde(default)]
    pub summary: Option<String>,
    /// How to do it, one instruction per item (required).
    pub steps: Vec<String>,
    /// A demonstration video: a web address (YouTube and Vimeo get a click-to-load
    /// player) or a video file of the site (`/videos/grip.mp4` from `static/`, or a
    /// file name next to the exercise file).
    #[serde(default)]
    pub video: Option<String>,
    /// A picture shown before a site video or an embedded player loads (a file of the
    /// site, found like `video`).
    #[serde(default)]
    pub poster: Option<String>,
    /// The site video's captions: a WebVTT file of the site, found like `video`.
    #[serde(default)]
    pub captions: Option<String>,
    /// A picture, as a path under `static/`.
    #[serde(default)]
    pub image: Option<String>,
    /// Text describing the picture, for people who cannot see it.
    #[serde(default)]
    pub image_alt: Option<String>,
    /// Things to watch out for.
    #[serde(default)]
    pub cautions: Vec<String>,
    /// Body regions it works.
    #[serde(default)]
    pub body_regions: Vec<String>,
    /// Equipment needed.
    #[serde(default)]
    pub equipment: Vec<String>,
    /// The usual dose.
    #[serde(default)]
    pub dose: Dose,
    /// Words patients search with that should find this exercise without being in its
    /// text: indexed by site search, never shown on the page.
    #[serde(default)]
    pub search_terms: Vec<String>,
    /// When a clinician last reviewed the exercise (`YYYY-MM-DD`).
    #[serde(
        default,
        deserialize_with = "crate::content::front_matter::reviewed_date"
    )]
    pub reviewed: Option<String>,
    /// Months between reviews; the site's default when absent.
    #[serde(default)]
    pub review_every_months: Option<u32>,
    /// Who reviewed it: name and role.
    #[serde(default)]
    pub reviewed_by: Option<String>,
    /// The references its advice rests on.
    #[serde(default)]
    pub sources: Vec<super::trust::Source>,
    /// Its own `sinew check` settings (rules it silences, with a reason).
    #[serde(default)]
    pub check: super::trust::CheckSettings,
    /// Its words in the site's other languages, by language code (`es: {name: ...,
    /// steps: [...]}`); the numbers, pictures and videos are shared.
    #[serde(default)]
    pub translations: std::collections::BTreeMap<String, ExerciseWords>,
}

/// An exercise's words in another language.
///
/// Its fields repeat `ExerciseData`'s words on purpose: sharing them through
/// `#[serde(flatten)]` would lose `deny_unknown_fields` (serde cannot have both), and
/// with it the error at the line of a misspelt field.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseWords {
    /// The exercise's name (required; empty counts as missing).
    #[serde(deserialize_with = "crate::yaml::required_text")]
    pub name: String,
    /// One sentence on what it is and why.
    #[serde(default)]
    pub summary: Option<String>,
    /// How to do it, one instruction per item (required).
    pub steps: Vec<String>,
    /// Text describing the picture.
    #[serde(default)]
    pub image_alt: Option<String>,
    /// Things to watch out for.
    #[serde(default)]
    pub cautions: Vec<String>,
    /// Body regions it works.
    #[serde(default)]
    pub body_regions: Vec<String>,
    /// Equipment needed.
    #[serde(default)]
    pub equipment: Vec<String>,
    /// When a clinician last reviewed this translation (`YYYY-MM-DD`), checked as the
    /// original's `reviewed` is.
    #[serde(
        default,
        deserialize_with = "crate::content::front_matter::reviewed_date"
    )]
    pub reviewed: Option<String>,
    /// Who reviewed this translation (a clinician who reads the language). Shown on the
    /// translated page and in its structured data instead of the original's `reviewed_by`,
    /// which says who checked the original, not the translation: a translation without one
    /// names no reviewer (docs/content-format.md, "Translations").
    #[serde(default)]
    pub reviewed_by: Option<String>,
}

/// A loaded exercise.
#[derive(Debug, Clone)]
pub struct Exercise {
    /// The id (the file stem).
    pub id: String,
    /// The file, relative to the site root.
    pub file: std::path::PathBuf,
    /// The file's text, kept for line lookups in later checks.
    pub text: String,
    /// The parsed fields.
    pub data: ExerciseData,
    /// `data.reviewed`, parsed.
    pub reviewed: Option<jiff::civil::Date>,
}
