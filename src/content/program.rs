//! One exercise ladder, read from `content/programs/<id>.yaml`.

use serde::{Deserialize, Serialize};

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
    pub exercise: String,
    /// Repetitions to reach within the pain rules.
    pub reps: u32,
    /// What it unlocks, in plain words.
    pub unlocks: String,
    /// Optional link: an `@/` source link or an address.
    #[serde(default)]
    pub link: Option<String>,
}

/// The fields of a ladder file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramData {
    /// The ladder's title.
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
    /// Optional link to the page on pacing, offered on a day the patient has to stop:
    /// an `@/` source link or an address.
    #[serde(default)]
    pub pacing: Option<String>,
}

/// A loaded ladder.
#[derive(Debug, Clone)]
pub struct Program {
    /// The id (the file stem).
    pub id: String,
    /// The file, relative to the site root.
    pub file: std::path::PathBuf,
    /// The file's text, for line lookups.
    pub text: String,
    /// The parsed fields.
    pub data: ProgramData,
}
