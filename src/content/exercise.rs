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
    /// The exercise's name (required).
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
    #[serde(default)]
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
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseWords {
    /// The exercise's name (required).
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
    /// When a clinician last reviewed this translation (`YYYY-MM-DD`).
    #[serde(default)]
    pub reviewed: Option<String>,
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

impl Dose {
    /// A short human description such as "2 sets of 12, hold 5 seconds, twice a day".
    pub fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        match (self.sets, self.reps) {
            (Some(s), Some(r)) => parts.push(format!("{s} {} of {r}", plural(s, "set", "sets"))),
            (None, Some(r)) => {
                parts.push(format!("{r} {}", plural(r, "repetition", "repetitions")))
            }
            (Some(s), None) => parts.push(format!("{s} {}", plural(s, "set", "sets"))),
            (None, None) => {}
        }
        if let Some(h) = self.hold_seconds.filter(|h| *h > 0) {
            parts.push(format!("hold {h} {}", plural(h, "second", "seconds")));
        }
        if let Some(t) = self.times_per_day {
            parts.push(times_per_day(t));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// "once a day", "twice a day", "3 times a day".
pub fn times_per_day(n: u32) -> String {
    match n {
        1 => "once a day".into(),
        2 => "twice a day".into(),
        n => format!("{n} times a day"),
    }
}

fn plural(n: u32, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_doses() {
        let d = Dose {
            sets: Some(2),
            reps: Some(12),
            hold_seconds: Some(5),
            times_per_day: Some(2),
        };
        assert_eq!(
            d.describe().unwrap(),
            "2 sets of 12, hold 5 seconds, twice a day"
        );
        let d = Dose {
            sets: Some(1),
            reps: None,
            hold_seconds: Some(0),
            times_per_day: Some(3),
        };
        assert_eq!(d.describe().unwrap(), "1 set, 3 times a day");
        assert_eq!(Dose::default().describe(), None);
    }
}
