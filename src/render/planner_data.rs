//! The JSON the planner script reads (`static/planner/ladder.js`), put in the planner
//! page as a data island (`planner_json`), not in the template's context:
//! `pages/planner.rs` fills it, `schema` describes it (`tests/fixtures/planner/ladder.schema.json`).

use serde::Serialize;

/// The JSON the planner script reads (see `static/planner/ladder.js`).
#[derive(Debug, Clone, Serialize)]
pub struct PlannerData {
    /// Ladder id.
    pub id: String,
    /// Ladder title.
    pub title: String,
    /// Sessions per day.
    pub times_per_day: u32,
    /// Pain rules.
    pub pain: crate::content::ladder::Pain,
    /// Clinic contact.
    pub clinic: PlannerClinic,
    /// Stages.
    pub stages: Vec<PlannerStage>,
    /// Milestones.
    pub milestones: Vec<PlannerMilestone>,
    /// The page on pacing.
    pub pacing: Option<String>,
    /// The pacing page's language when not the page's (its `hreflang`), else left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pacing_lang: Option<String>,
    /// The mark after the pacing link's words when `pacing_lang` is set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pacing_mark: Option<String>,
    /// Ideal schedule.
    pub schedule: Vec<crate::planner::Day>,
}

/// Clinic contact for the planner.
#[derive(Debug, Clone, Serialize)]
pub struct PlannerClinic {
    /// Name.
    pub name: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Booking link.
    pub booking_url: Option<String>,
    /// What to do when the clinic is closed (in the page's language, or the default
    /// one's when not translated).
    pub out_of_hours: Option<String>,
    /// The language of `out_of_hours` when it is not the page's (left out otherwise,
    /// so a one-language site's data is as before).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_of_hours_lang: Option<String>,
    /// The mark the page puts after `out_of_hours` when it is in another language
    /// ("(en inglés)"); left out otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_of_hours_mark: Option<String>,
}

/// A stage for the planner.
#[derive(Debug, Clone, Serialize)]
pub struct PlannerStage {
    /// Exercise id.
    pub exercise: String,
    /// Exercise name (marked, "Step-up (en inglés)", when not in the page's language).
    pub name: String,
    /// The language of the name's words when not the page's (an exercise not
    /// translated), else left out (a one-language site's data is as before): the
    /// script puts them in `<span lang>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_lang: Option<String>,
    /// The mark that ends `name` when `name_lang` is set ("(en inglés)").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_mark: Option<String>,
    /// Exercise page URL.
    pub url: String,
    /// Video URL.
    pub video: Option<String>,
    /// Start dose.
    pub start: crate::content::ladder::SetsReps,
    /// Target dose.
    pub target: crate::content::ladder::SetsReps,
    /// Days.
    pub days: crate::content::ladder::Days,
    /// Hold seconds.
    pub hold_seconds: Option<u32>,
}

/// A milestone for the planner.
#[derive(Debug, Clone, Serialize)]
pub struct PlannerMilestone {
    /// Exercise id.
    pub exercise: String,
    /// Exercise name (marked, "Step-up (en inglés)", when not in the page's language).
    pub name: String,
    /// The language of the name's words when not the page's, else left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_lang: Option<String>,
    /// The mark that ends `name` when `name_lang` is set ("(en inglés)").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_mark: Option<String>,
    /// Repetitions.
    pub reps: u32,
    /// What it unlocks.
    pub unlocks: String,
    /// Link URL.
    pub link: Option<String>,
    /// The language of the page `link` leads to when not the page's (the link's
    /// `hreflang`), else left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link_lang: Option<String>,
    /// The mark after the link's words when `link_lang` is set ("(en inglés)").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link_mark: Option<String>,
}
