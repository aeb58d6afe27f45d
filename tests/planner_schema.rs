//! The ladder limits (issue 10): one set, defined in `sinew::content::ladder::LIMITS`,
//! enforced by the build and handed to the planner as a JSON Schema of the data its page
//! embeds (`#sinew-ladder`).
//!
//! - the committed `tests/fixtures/planner/ladder.schema.json` is the generated schema
//!   (`UPDATE_SCHEMA=1 cargo test --test planner_schema` rewrites it)
//! - a ladder at every limit (largest and smallest) builds, and its planner data, like
//!   the sample site's, passes the schema
//! - one past each limit is a build error naming the file and line

mod common;

use common::*;
use serde_json::Value;
use sinew::content::ladder::LIMITS;
use sinew::limits::LIST_ITEMS;
use sinew::render::schema::planner_data_schema;
use std::path::Path;

fn schema_file() -> std::path::PathBuf {
    fixtures().join("planner/ladder.schema.json")
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let generated = serde_json::to_string_pretty(&planner_data_schema()).unwrap() + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some_and(|v| v == "1") {
        std::fs::write(schema_file(), &generated).unwrap();
    }
    let committed = std::fs::read_to_string(schema_file()).unwrap_or_default();
    assert!(
        committed == generated,
        "tests/fixtures/planner/ladder.schema.json is out of date: run \
         `UPDATE_SCHEMA=1 cargo test --test planner_schema` and commit it"
    );
}

/// Checks `v` against the parts of JSON Schema the generated schema uses. Returns the
/// problems, each with its JSON path.
fn validate(schema: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let type_ok = types.iter().any(|t| match *t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_u64() || v.is_i64(),
        "null" => v.is_null(),
        _ => false,
    });
    if !types.is_empty() && !type_ok {
        out.push(format!("{at}: {v} is not {types:?}"));
        return;
    }
    if let Some(n) = v.as_i64() {
        if schema["minimum"].as_i64().is_some_and(|m| n < m) {
            out.push(format!("{at}: {n} is below {}", schema["minimum"]));
        }
        if schema["maximum"].as_i64().is_some_and(|m| n > m) {
            out.push(format!("{at}: {n} is above {}", schema["maximum"]));
        }
    }
    if let (Some(s), Some(min)) = (v.as_str(), schema["minLength"].as_u64())
        && (s.chars().count() as u64) < min
    {
        out.push(format!("{at}: too short"));
    }
    if let Some(items) = v.as_array() {
        let n = items.len() as u64;
        if schema["minItems"].as_u64().is_some_and(|m| n < m)
            || schema["maxItems"].as_u64().is_some_and(|m| n > m)
        {
            out.push(format!("{at}: {n} items"));
        }
        for (i, item) in items.iter().enumerate() {
            validate(&schema["items"], item, &format!("{at}[{i}]"), out);
        }
    }
    if let Some(obj) = v.as_object() {
        let props = schema["properties"].as_object();
        for r in schema["required"].as_array().into_iter().flatten() {
            let r = r.as_str().unwrap();
            if !obj.contains_key(r) {
                out.push(format!("{at}: `{r}` is missing"));
            }
        }
        for (k, val) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(s) => validate(s, val, &format!("{at}.{k}"), out),
                None if schema["additionalProperties"] == Value::Bool(false) => {
                    out.push(format!("{at}: `{k}` is not in the schema"))
                }
                None => {}
            }
        }
    }
}

/// Every planner page's `#sinew-ladder` data under a built site.
fn planner_data(out: &Path) -> Vec<(String, Value)> {
    let mut found = Vec::new();
    for e in walkdir::WalkDir::new(out.join("planner")) {
        let e = e.unwrap();
        if e.file_name() != "index.html" {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).unwrap();
        let Some(start) = html.find("id=\"sinew-ladder\">") else {
            continue;
        };
        let json = &html[start + "id=\"sinew-ladder\">".len()..];
        let json = &json[..json.find("</script>").unwrap()];
        found.push((
            e.path().display().to_string(),
            serde_json::from_str(json).unwrap(),
        ));
    }
    found
}

fn assert_valid(out: &Path, at_least: usize) {
    let schema = planner_data_schema();
    let data = planner_data(out);
    assert!(data.len() >= at_least, "{} planner pages", data.len());
    for (page, v) in data {
        let mut problems = Vec::new();
        validate(&schema, &v, "$", &mut problems);
        assert!(problems.is_empty(), "{page}: {problems:#?}");
    }
}

#[test]
fn the_sample_sites_planner_data_passes_the_schema() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    build_ok(Path::new(env!("CARGO_MANIFEST_DIR")), &out, &[]);
    assert_valid(&out, 1);
}

/// A ladder at the largest value of every limit.
fn largest() -> String {
    let l = LIMITS;
    let mut y = format!(
        "title: Largest\ntimes_per_day: {}\npain:\n  max_rise_during: {}\n  max_rise_after: {}\n  settle_minutes: {}\n  baseline_max: {}\n  severe_rise: {}\nstages:\n",
        l.times_per_day.max,
        l.rise_during.max,
        l.rise_after.max,
        l.settle_minutes.max,
        l.baseline_max.max,
        l.severe_rise.max
    );
    for i in 0..l.stages.max {
        let ex = ["squat", "step-up", "wall-sit"][i as usize % 3];
        y += &format!(
            "  - exercise: {ex}\n    start: {{ sets: {s}, reps: {r} }}\n    target: {{ sets: {s}, reps: {r} }}\n    days: {{ min: {d}, max: {d} }}\n    hold_seconds: {h}\n",
            s = l.sets.max,
            r = l.reps.max,
            d = l.days.max,
            h = l.hold_seconds.max
        );
    }
    // As many milestones as a list may hold (`limits::LIST_ITEMS`).
    y += "milestones:\n";
    for _ in 0..LIST_ITEMS {
        y += &format!(
            "  - exercise: squat\n    reps: {}\n    unlocks: Everything.\n",
            l.reps.max
        );
    }
    y
}

/// A ladder at the smallest value of every limit.
fn smallest() -> String {
    let l = LIMITS;
    format!(
        "title: Smallest\ntimes_per_day: {}\npain:\n  max_rise_during: {}\n  max_rise_after: {}\n  settle_minutes: {}\n  baseline_max: {}\nstages:\n  - exercise: squat\n    start: {{ sets: {s}, reps: {r} }}\n    target: {{ sets: {s}, reps: {r} }}\n    days: {{ min: {d}, max: {d} }}\n    hold_seconds: {h}\nmilestones:\n  - exercise: squat\n    reps: {r}\n    unlocks: A little.\n",
        l.times_per_day.min,
        l.rise_during.min,
        l.rise_after.min,
        l.settle_minutes.min,
        l.baseline_max.min,
        s = l.sets.min,
        r = l.reps.min,
        d = l.days.min,
        h = l.hold_seconds.min
    )
}

#[test]
fn a_ladder_at_every_limit_builds_and_its_data_passes_the_schema() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    std::fs::write(site.join("content/programs/largest.yaml"), largest()).unwrap();
    std::fs::write(site.join("content/programs/smallest.yaml"), smallest()).unwrap();
    let out = d.path().join("public");
    build_ok(&site, &out, &[]);
    assert_valid(&out, 3);
}

/// The schema holds the planner to the build's limits on lists too: the largest ladder's
/// data with one milestone more than a ladder may have is refused.
#[test]
fn the_schema_refuses_more_milestones_than_a_ladder_may_have() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    std::fs::write(site.join("content/programs/largest.yaml"), largest()).unwrap();
    let out = d.path().join("public");
    build_ok(&site, &out, &[]);
    let (page, mut v) = planner_data(&out)
        .into_iter()
        .find(|(p, _)| p.contains("largest"))
        .expect("the largest ladder's planner page");
    let milestones = v["milestones"].as_array_mut().unwrap();
    assert_eq!(milestones.len(), LIST_ITEMS, "{page}");
    milestones.push(milestones[0].clone());
    let mut problems = Vec::new();
    validate(&planner_data_schema(), &v, "$", &mut problems);
    assert_eq!(
        problems,
        vec![format!("$.milestones: {} items", LIST_ITEMS + 1)],
        "{page}"
    );
}

/// Builds the basic site with `ladder` as `content/programs/over.yaml` and checks the
/// build fails with `message` at line `line` of that file.
fn fails_at(what: &str, ladder: &str, message: &str, line: usize) -> Option<String> {
    let d = site_copy("basic");
    let site = d.path().join("site");
    std::fs::write(site.join("content/programs/over.yaml"), ladder).unwrap();
    let o = build(&site, &d.path().join("public"), &[]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    let place = format!("--> content/programs/over.yaml:{line}\n");
    let found = stderr
        .split("\n\n")
        .any(|block| block.contains(message) && block.contains(&place) && block.contains("help:"));
    (o.status.code() != Some(1) || !found)
        .then(|| format!("{what}: wanted `{message}` at line {line}, got:\n{stderr}"))
}

#[test]
fn one_past_each_limit_is_an_error_at_its_line() {
    let l = LIMITS;
    let base = smallest();
    // (what, replace, with, message, line of `smallest()`)
    let cases: Vec<(&str, String, String, String, usize)> = vec![
        (
            "times_per_day",
            format!("times_per_day: {}", l.times_per_day.min),
            format!("times_per_day: {}", l.times_per_day.max + 1),
            format!("`times_per_day` is {}", l.times_per_day.max + 1),
            2,
        ),
        (
            "pain rise",
            format!("max_rise_after: {}", l.rise_after.min),
            format!("max_rise_after: {}", l.rise_after.max + 1),
            format!(
                "pain `max_rise_after: {}` is above 10",
                l.rise_after.max + 1
            ),
            5,
        ),
        (
            "settle_minutes above",
            format!("settle_minutes: {}", l.settle_minutes.min),
            format!("settle_minutes: {}", l.settle_minutes.max + 1),
            format!("pain `settle_minutes` is {}", l.settle_minutes.max + 1),
            6,
        ),
        (
            "settle_minutes below",
            format!("settle_minutes: {}", l.settle_minutes.min),
            format!("settle_minutes: {}", l.settle_minutes.min - 1),
            format!("pain `settle_minutes` is {}", l.settle_minutes.min - 1),
            6,
        ),
        (
            "baseline_max below",
            format!("baseline_max: {}", l.baseline_max.min),
            format!("baseline_max: {}", l.baseline_max.min - 1),
            format!("pain `baseline_max` is {}", l.baseline_max.min - 1),
            7,
        ),
        (
            "baseline_max above",
            format!("baseline_max: {}", l.baseline_max.min),
            format!("baseline_max: {}", l.baseline_max.max + 1),
            format!(
                "pain `baseline_max: {}` is above 10",
                l.baseline_max.max + 1
            ),
            7,
        ),
        (
            "target sets",
            format!("target: {{ sets: {}", l.sets.min),
            format!("target: {{ sets: {}", l.sets.max + 1),
            format!("stage 1 `target` sets is {}", l.sets.max + 1),
            11,
        ),
        (
            "target reps",
            format!("target: {{ sets: {}, reps: {} }}", l.sets.min, l.reps.min),
            format!(
                "target: {{ sets: {}, reps: {} }}",
                l.sets.min,
                l.reps.max + 1
            ),
            format!("stage 1 `target` reps is {}", l.reps.max + 1),
            11,
        ),
        (
            "days",
            format!("days: {{ min: {d}, max: {d} }}", d = l.days.min),
            format!("days: {{ min: {}, max: {} }}", l.days.min, l.days.max + 1),
            format!("stage 1 `days.max` is {}", l.days.max + 1),
            12,
        ),
        (
            "hold_seconds",
            format!("hold_seconds: {}", l.hold_seconds.min),
            format!("hold_seconds: {}", l.hold_seconds.max + 1),
            format!("stage 1 `hold_seconds` is {}", l.hold_seconds.max + 1),
            13,
        ),
        (
            "milestone reps above",
            format!("    reps: {}\n", l.reps.min),
            format!("    reps: {}\n", l.reps.max + 1),
            format!("milestone 1 `reps` is {}", l.reps.max + 1),
            16,
        ),
        (
            "milestone reps below",
            format!("    reps: {}\n", l.reps.min),
            format!("    reps: {}\n", l.reps.min - 1),
            format!("milestone 1 `reps` is {}", l.reps.min - 1),
            16,
        ),
    ];
    let mut failures = Vec::new();
    for (what, from, to, message, line) in &cases {
        assert!(
            base.contains(from.as_str()),
            "{what}: `{from}` not in the ladder"
        );
        failures.extend(fails_at(
            what,
            &base.replacen(from.as_str(), to, 1),
            message,
            *line,
        ));
    }
    // One stage too many: the largest ladder plus one stage.
    let more = largest().replacen(
        "milestones:",
        "  - exercise: squat\n    start: { sets: 1, reps: 1 }\n    target: { sets: 1, reps: 1 }\n    days: { min: 1, max: 1 }\nmilestones:",
        1,
    );
    failures.extend(fails_at(
        "stages",
        &more,
        &format!("the number of stages is {}", l.stages.max + 1),
        9,
    ));
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
