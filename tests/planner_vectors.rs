//! The build-time schedule (Rust) against the shared planner vectors that the JavaScript
//! engine's tests (`tests/js/planner.test.js`) also run, so the two cannot drift apart.

mod common;

use serde::Deserialize;
use sinew::content::ladder::{Days, SetsReps, Stage};
use sinew::planner::{Day, ideal_schedule};

#[derive(Deserialize)]
struct Vectors {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    ladder: Ladder,
    schedule: Vec<ExpectedDay>,
}

#[derive(Deserialize)]
struct Ladder {
    stages: Vec<VStage>,
}

#[derive(Deserialize)]
struct VStage {
    exercise: String,
    start: SetsReps,
    target: SetsReps,
    days: Days,
    hold_seconds: Option<u32>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct ExpectedDay {
    day: u32,
    stage: usize,
    sets: u32,
    reps: u32,
}

fn stages(l: &Ladder) -> Vec<Stage> {
    l.stages
        .iter()
        .map(|s| Stage {
            exercise: s.exercise.clone(),
            start: s.start,
            target: s.target,
            days: s.days,
            hold_seconds: s.hold_seconds,
        })
        .collect()
}

fn as_expected(days: &[Day]) -> Vec<ExpectedDay> {
    days.iter()
        .map(|d| ExpectedDay {
            day: d.day,
            stage: d.stage,
            sets: d.sets,
            reps: d.reps,
        })
        .collect()
}

#[test]
fn rust_schedule_matches_every_shared_vector() {
    let text = std::fs::read_to_string(common::fixtures().join("planner/vectors.json")).unwrap();
    let v: Vectors = serde_json::from_str(&text).unwrap();
    assert!(v.cases.len() >= 2);
    for case in &v.cases {
        assert_eq!(
            as_expected(&ideal_schedule(&stages(&case.ladder))),
            case.schedule,
            "case `{}`",
            case.name
        );
    }
}

#[test]
fn sample_planner_page_embeds_the_same_schedule() {
    let d = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    common::build_ok(root, &d.path().join("public"), &[]);
    let html =
        std::fs::read_to_string(d.path().join("public/planner/hamstring/index.html")).unwrap();
    let start = html.find(r#"id="sinew-ladder">"#).unwrap() + r#"id="sinew-ladder">"#.len();
    let end = start + html[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    let embedded: Vec<ExpectedDay> = serde_json::from_value(data["schedule"].clone()).unwrap();
    let ladder: Ladder = serde_json::from_value(data.clone()).unwrap();
    assert_eq!(embedded, as_expected(&ideal_schedule(&stages(&ladder))));
    assert_eq!(embedded.len(), 18);
    for key in [
        "id",
        "title",
        "times_per_day",
        "pain",
        "clinic",
        "stages",
        "milestones",
    ] {
        assert!(data.get(key).is_some(), "planner data lacks `{key}`");
    }
}
