//! The planner's words (issue 18): the planner page embeds its language's string table
//! (`#sinew-strings`), and the JavaScript tests, which have no page, read the same
//! English table from `tests/fixtures/planner/strings.en.json`.
//!
//! - the committed file is the built-in English table as the build embeds it
//!   (`UPDATE_STRINGS=1 cargo test --test planner_strings` rewrites it)
//! - every `{name}` a planner text fills in is the same in English and Spanish, so a
//!   translation cannot lose a number or a name the patient needs

mod common;

use common::*;
use sinew::i18n::{Text, load};
use std::collections::BTreeSet;
use std::path::Path;

fn placeholders(t: &Text) -> BTreeSet<String> {
    let forms: Vec<&str> = match t {
        Text::Plain(s) => vec![s.as_str()],
        Text::Plural(m) => m.values().map(String::as_str).collect(),
    };
    let mut out = BTreeSet::new();
    for f in forms {
        let mut rest = f;
        while let Some(i) = rest.find('{') {
            let after = &rest[i + 1..];
            match after.find('}') {
                Some(j) => {
                    out.insert(after[..j].to_string());
                    rest = &after[j + 1..];
                }
                None => break,
            }
        }
    }
    out
}

#[test]
fn the_committed_english_table_is_the_built_in_one() {
    let (tables, diags) = load(Path::new("/nonexistent"), &["en".into()]);
    assert!(diags.is_empty());
    let generated =
        serde_json::to_string_pretty(&tables.get("en").unwrap().planner).unwrap() + "\n";
    let file = fixtures().join("planner/strings.en.json");
    if std::env::var_os("UPDATE_STRINGS").is_some_and(|v| v == "1") {
        std::fs::write(&file, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        committed == generated,
        "tests/fixtures/planner/strings.en.json is out of date: run \
         `UPDATE_STRINGS=1 cargo test --test planner_strings` and commit it"
    );
}

#[test]
fn spanish_fills_in_the_same_numbers_and_names_as_english() {
    let (tables, diags) = load(Path::new("/nonexistent"), &["en".into(), "es".into()]);
    assert!(diags.is_empty());
    let (en, es) = (tables.get("en").unwrap(), tables.get("es").unwrap());
    let mut problems = Vec::new();
    for (key, text) in en.theme.iter().chain(&en.planner.text) {
        let theirs = es.text(key).unwrap();
        if placeholders(text) != placeholders(theirs) {
            problems.push(format!(
                "{key}: {:?} vs {:?}",
                placeholders(text),
                placeholders(theirs)
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
