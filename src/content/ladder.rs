//! One exercise ladder, read from `content/programs/<id>.yaml`, and the limits every
//! ladder's numbers must keep ([`LIMITS`]).

use serde::{Deserialize, Serialize};

pub use crate::limits::Bounds;

/// The numbers a ladder may hold. The build refuses a ladder outside them (an error at
/// the file and line), and the planner page's data schema
/// (`tests/fixtures/planner/ladder.schema.json`, generated from these) carries the same
/// limits to the planner script, so a ladder that builds always loads in the planner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Stages in a ladder.
    pub stages: Bounds,
    /// Sets of a stage's `start` and `target`.
    pub sets: Bounds,
    /// Repetitions of a stage's `start` and `target`, and of a milestone.
    pub reps: Bounds,
    /// A stage's `hold_seconds`.
    pub hold_seconds: Bounds,
    /// A stage's `days.min` and `days.max` (and `days.max` is at least `days.min`).
    pub days: Bounds,
    /// Sessions a day.
    pub times_per_day: Bounds,
    /// The pain rules' `max_rise_during` (a 0-10 score; at most 9, because `severe_rise`
    /// must be above it).
    pub rise_during: Bounds,
    /// The pain rules' `max_rise_after` (a 0-10 score).
    pub rise_after: Bounds,
    /// The pain rules' `baseline_max`: 0 would turn every patient away.
    pub baseline_max: Bounds,
    /// The pain rules' `settle_minutes`.
    pub settle_minutes: Bounds,
    /// The pain rules' `severe_rise` (and it is above `max_rise_during`).
    pub severe_rise: Bounds,
}

/// The one set of ladder limits (documented in `docs/content-format.md`).
pub const LIMITS: Limits = Limits {
    stages: crate::limits::LADDER_STAGES,
    sets: Bounds { min: 1, max: 10 },
    reps: Bounds { min: 1, max: 100 },
    hold_seconds: Bounds { min: 0, max: 300 },
    days: Bounds { min: 1, max: 90 },
    times_per_day: Bounds { min: 1, max: 6 },
    rise_during: Bounds { min: 0, max: 9 },
    rise_after: Bounds { min: 0, max: 10 },
    baseline_max: Bounds { min: 1, max: 10 },
    settle_minutes: Bounds { min: 1, max: 240 },
    severe_rise: Bounds { min: 1, max: 10 },
};

/// Sets and repetitions.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SetsReps {
    /// Sets per session.
    pub sets: u32,
    /// Repetitions per set.
    pub reps: u32,
}

/// How many days a stage should take.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Days {
    /// Fewest days before moving on.
    pub min: u32,
    /// Most days before the patient should contact the clinic.
    pub max: u32,
}

/// The pain rules, on a 0-10 scale.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Pain {
    /// Largest acceptable rise during exercise.
    pub max_rise_during: u32,
    /// Largest acceptable rise above usual after exercise ...
    pub max_rise_after: u32,
    /// ... for longer than this many minutes.
    pub settle_minutes: u32,
    /// Usual pain at or above this: the plan is not for you, book a consultation.
    pub baseline_max: u32,
    /// A rise at or above this is a severe flare: the planner shows the clinic's contact
    /// details that day. Must be above `max_rise_during`.
    #[serde(default = "default_severe_rise")]
    pub severe_rise: u32,
}

/// The severe rise when a ladder sets none: a rise of 5 or more.
fn default_severe_rise() -> u32 {
    5
}

/// One rung of the ladder.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// The exercise id.
    #[serde(deserialize_with = "crate::yaml::required_text")]
    pub exercise: String,
    /// The first day's dose.
    pub start: SetsReps,
    /// The dose to reach before moving on.
    pub target: SetsReps,
    /// Days to spend on the stage.
    pub days: Days,
    /// Seconds to hold each repetition, if the exercise is a hold.
    #[serde(default)]
    pub hold_seconds: Option<u32>,
}

/// Something a patient unlocks by passing a test set.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// The exercise of the test set (must be in the ladder).
    #[serde(deserialize_with = "crate::yaml::required_text")]
    pub exercise: String,
    /// Repetitions to reach within the pain rules.
    pub reps: u32,
    /// What it unlocks, in plain words.
    #[serde(deserialize_with = "crate::yaml::required_text")]
    pub unlocks: String,
    /// Optional link: an `@/` source link or an address.
    #[serde(default)]
    pub link: Option<String>,
}

/// The fields of a ladder file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LadderData {
    /// The ladder's title (required; empty counts as missing).
    #[serde(deserialize_with = "crate::yaml::required_text")]
    pub title: String,
    /// An `@/` link to the condition page.
    #[serde(default)]
    pub condition: Option<String>,
    /// A sentence about the ladder.
    #[serde(default)]
    pub description: Option<String>,
    /// Sessions per day.
    pub times_per_day: u32,
    /// The pain rules.
    pub pain: Pain,
    /// The rungs, in order.
    pub stages: Vec<Stage>,
    /// Milestones.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Words patients search with that should find this ladder's planner without being
    /// in its text: indexed by site search, never shown on the page.
    #[serde(default)]
    pub search_terms: Vec<String>,
    /// When a clinician last reviewed the ladder (`YYYY-MM-DD`).
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
    /// Optional link to the page on pacing, offered on a day the patient has to stop:
    /// an `@/` source link or an address.
    #[serde(default)]
    pub pacing: Option<String>,
    /// Its words in the site's other languages, by language code; the numbers are
    /// shared.
    #[serde(default)]
    pub translations: std::collections::BTreeMap<String, LadderWords>,
}

/// A ladder's words in another language.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LadderWords {
    /// The ladder's title (required; empty counts as missing).
    #[serde(deserialize_with = "crate::yaml::required_text")]
    pub title: String,
    /// A sentence about the ladder.
    #[serde(default)]
    pub description: Option<String>,
    /// What each milestone unlocks, in the ladder's order (one per milestone).
    #[serde(default)]
    pub milestones: Vec<String>,
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

/// A loaded ladder.
#[derive(Debug, Clone)]
pub struct Ladder {
    /// The id (the file stem).
    pub id: String,
    /// The file, relative to the site root.
    pub file: std::path::PathBuf,
    /// The file's text, for line lookups.
    pub text: String,
    /// The parsed fields.
    pub data: LadderData,
    /// `data.reviewed`, parsed.
    pub reviewed: Option<jiff::civil::Date>,
}
