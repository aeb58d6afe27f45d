//! Tests of `parse`: every problem of a file at once, each at its line, in plain words.
use super::*;
use serde::Deserialize;

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Dose {
    sets: Option<u32>,
    reps: Option<u32>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct T {
    title: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    dose: Option<Dose>,
    #[serde(default)]
    weight: i64,
}

fn errs(text: &str) -> Vec<Diagnostic> {
    parse::<T>(text, Path::new("a.md"), 2, "front matter").unwrap_err()
}

fn err(text: &str) -> Diagnostic {
    errs(text).remove(0)
}

#[test]
fn unknown_field_gets_a_suggestion_and_line() {
    let d = err("titel: x\n");
    assert_eq!(d.message, "unknown field `titel` in the front matter");
    assert_eq!(d.hint.as_deref(), Some("did you mean `title`?"));
    assert_eq!(d.line, Some(2));
}

#[test]
fn missing_field_names_it() {
    let d = err("tags: [a]\n");
    assert!(
        d.message.contains("missing the required field `title`"),
        "{}",
        d.message
    );
}

#[test]
fn wrong_type_explains_lists() {
    let d = err("title: a\ntags: 3\n");
    assert_eq!(d.line, Some(3));
    assert_eq!(
        d.message,
        "`tags` in the front matter must be a list, not `3`"
    );
    assert!(d.hint.unwrap().contains("list"));
}

#[test]
fn tabs_are_explained() {
    let d = err("title: a\ntags:\n\t- x\n");
    assert!(d.hint.unwrap().contains("tab"), "{}", d.message);
}

#[test]
fn a_list_item_indented_with_a_tab_is_told_to_use_spaces() {
    // A tab before `- exercise:` (the next line indented with spaces): the hint is
    // about the tab, not the line below it, which is where it should be.
    let text = "title: Knee\nstages:\n  - exercise: squat\n    days: { min: 3, max: 6 }\n\t- exercise: step-up\n    start: { sets: 2, reps: 5 }\n";
    let e = parse::<crate::content::ladder::LadderData>(
        text,
        Path::new("l.yaml"),
        1,
        "exercise ladder",
    )
    .unwrap_err();
    assert_eq!(e[0].line, Some(5), "{e:#?}");
    let hint = e[0].hint.clone().unwrap();
    assert!(hint.contains("replace the tab with spaces"), "{hint}");
    assert!(!hint.contains("further to the right"), "{hint}");
}

#[test]
fn aliases_that_would_expand_past_the_limit_are_refused_at_once() {
    // 1 MB, repeated 1,000 times by aliases 3 bytes long: a gigabyte.
    let text = format!(
        "title: &a \"{}\"\ntags: [{}]\n",
        "x".repeat(1 << 20),
        vec!["*a"; 1000].join(", ")
    );
    let d = err(&text);
    assert_eq!(d.rule, "yaml-too-large");
    assert_eq!(d.line, Some(3), "the first alias's line");
    assert!(d.message.contains("grow past 20 MB"), "{}", d.message);
    // A few aliases within the limit are fine, as is a `*` that is text.
    let ok = parse::<T>(
        "title: &a \"Knee *pain*\"\ntags: [*a, *a]\n",
        Path::new("a.md"),
        2,
        "front matter",
    )
    .unwrap();
    assert_eq!(ok.tags, ["Knee *pain*", "Knee *pain*"]);
}

#[test]
fn a_text_longer_than_the_limit_is_refused_at_its_line() {
    let long = "a".repeat(MAX_TEXT_BYTES + 1);
    // The front matter starts at line 2 of the file (`errs`).
    let d = err(&format!("title: a\ntags:\n  - knee\n  - {long}\n"));
    assert_eq!(d.rule, "yaml-text-too-long");
    assert_eq!(d.line, Some(5), "{d:?}");
    assert_eq!(
        d.message,
        "item 2 of `tags` in the front matter is 21 KB long; sinew allows at most 20 KB in one text"
    );
    // A block text starts on the line below its key, which it is named by.
    let d = err(&format!("tags: [a]\ntitle: |\n  {long}\n"));
    assert_eq!(d.line, Some(4), "{d:?}");
    assert!(
        d.message
            .starts_with("`title` in the front matter is 21 KB"),
        "{d:?}"
    );
    // At the limit, a text is fine.
    let at_limit = format!("title: {}\n", "a".repeat(MAX_TEXT_BYTES));
    assert!(parse::<T>(&at_limit, Path::new("a.md"), 2, "front matter").is_ok());
}

#[test]
fn duplicate_keys_are_errors() {
    let d = err("title: a\ntitle: b\n");
    assert!(d.message.contains("duplicate"), "{}", d.message);
    assert_eq!(d.line, Some(3));
    let e = errs("title: a\ndose:\n  sets: 1\n  # sets: 2\n  sets: 3\n");
    assert_eq!(e[0].line, Some(6), "{e:#?}");
}

#[test]
fn a_line_indented_into_the_value_above_is_named() {
    let e = errs("dose:\n  sets: 2\n   reps: 5\n");
    // The front matter's first line is line 2 of the file (`errs`).
    assert_eq!(e[0].line, Some(3), "{e:#?}");
    assert!(
        e[0].hint
            .as_deref()
            .unwrap_or_default()
            .contains("the line below it, `reps: 5`, starts further to the right than `sets:`"),
        "{e:#?}"
    );
    // A value that is wrong on its own line keeps the usual hint.
    let e = errs("dose:\n  sets: two\n  reps: 5\n");
    assert!(
        !e[0]
            .hint
            .as_deref()
            .unwrap_or_default()
            .contains("line below")
    );
}

#[test]
fn an_unclosed_quote_is_named_at_the_line_it_opens() {
    let e = err("title: \"Pacing\nsummary: 'It''s fine'\ntags: [a]\n");
    assert_eq!(e.line, Some(2), "{e:#?}");
    assert!(
        e.message
            .contains("the text of `title` starts with a quote mark `\"` that is never closed"),
        "{e:#?}"
    );
    // A quoted text over two lines, with escaped quotes, then the unclosed one.
    let e = err("title: \"a \\\" b\n  c\"\nsummary: 'x''\n");
    assert_eq!(e.line, Some(4), "{e:#?}");
    assert!(e.message.contains("`summary`"), "{e:#?}");
}

#[test]
fn every_mistake_of_a_file_is_reported_at_once() {
    let e = errs("titel: x\nsummery: y\ndose:\n  reps: ten\n  sets: { a: 1 }\nweight: heavy\n");
    let got: Vec<(Option<usize>, &str)> = e.iter().map(|d| (d.line, d.message.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (Some(2), "unknown field `titel` in the front matter"),
            (Some(3), "unknown field `summery` in the front matter"),
            (
                Some(5),
                "`dose.reps` in the front matter must be a whole number (0, 1, 2 ...), not the text `ten`"
            ),
            (
                Some(6),
                "`dose.sets` in the front matter must be a whole number (0, 1, 2 ...), not a block of fields"
            ),
            (
                Some(7),
                "`weight` in the front matter must be a whole number, not the text `heavy`"
            ),
        ],
        "{e:#?}"
    );
}

#[test]
fn a_list_item_blanked_out_does_not_renumber_the_items_after_it() {
    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Stage {
        exercise: String,
        start: u32,
    }
    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Ladder {
        stages: Vec<Stage>,
    }
    // The same mistake in every stage (a receptionist's find-and-replace): each
    // message names its own stage, as its line does.
    let text = "stages:\n  - exercise: a\n    begin: 1\n  - exercise: b\n    begin: 2\n  - exercise: c\n    begin: 3\n";
    let e = parse::<Ladder>(text, Path::new("l.yaml"), 1, "exercise ladder").unwrap_err();
    let got: Vec<(Option<usize>, &str)> = e.iter().map(|d| (d.line, d.message.as_str())).collect();
    for (line, message) in &got {
        let n = (line.unwrap() - 2) / 2 + 1;
        assert!(
            message.contains(&format!("item {n} of `stages`")),
            "{got:#?}"
        );
    }
    assert!(got.iter().any(|(l, _)| *l == Some(7)), "{got:#?}");
}

#[test]
fn a_receptionists_slips_are_explained_in_plain_words() {
    // A second `: ` in a text.
    let d = err("title: Note: lie down\n");
    assert_eq!(d.line, Some(2), "{d:?}");
    assert!(d.message.contains("a second `: `"), "{d:?}");
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .contains("`title: \"Note: lie down\"`"),
        "{d:?}"
    );
    // The same, with the text in a word processor's curly quotes: they are not
    // quotes to YAML, and the fix is straight ones, not more quotes around them.
    let d = err("title: “Note: lie down”\n");
    let hint = d.hint.as_deref().unwrap();
    assert!(hint.contains("curly"), "{d:?}");
    assert!(hint.contains("`title: \"Note: lie down\"`"), "{d:?}");
    // A list item with no space after its dash.
    let d = err("title: a\ntags:\n  - knee\n  -hip\n");
    assert!(d.message.contains("needs a space after its `-`"), "{d:?}");
    assert!(d.hint.as_deref().unwrap().contains("`- hip`"), "{d:?}");
    // An item indented further than the ones above it.
    let d = err("title: a\ndose:\n  sets: 2\n reps: 5\n");
    assert!(!d.message.contains("did not find expected"), "{d:?}");
    assert!(d.message.contains("indented"), "{d:?}");
    for d in errs("title: Note: lie down\n") {
        assert!(!d.message.contains("mapping values"), "{d:?}");
    }
}

#[test]
fn list_items_are_counted_from_one_in_plain_words() {
    for (path, want) in [
        ("title", "`title`"),
        ("dose.reps", "`dose.reps`"),
        ("stages[0]", "item 1 of `stages`"),
        ("stages[2].start.reps", "`start.reps` in item 3 of `stages`"),
        (
            "translations.es.steps[1]",
            "item 2 of `translations.es.steps`",
        ),
        ("a[0].b[4].c", "`c` in item 5 of `b` in item 1 of `a`"),
        ("[0]", "item 1 of the list"),
    ] {
        assert_eq!(readable_path(path), want, "{path}");
    }
    // Every kind of message that names an item: a wrong type, a missing field, an
    // unknown field, a value in a form sinew does not know.
    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Stage {
        exercise: String,
        start: u32,
    }
    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Ladder {
        steps: Vec<String>,
        stages: Vec<Stage>,
        sources: Vec<crate::content::trust::Source>,
    }
    let text = "steps:\n  - a\n  - b\n  - { c: d }\nstages:\n  - exercise: a\n    start: x\n  - exercise: b\n  - exercise: c\n    start: 1\n    begin: 2\nsources:\n  - titel: A book\n";
    let e = parse::<Ladder>(text, Path::new("l.yaml"), 1, "exercise ladder").unwrap_err();
    let got: Vec<&str> = e.iter().map(|d| d.message.as_str()).collect();
    for want in [
        "item 3 of `steps` in the exercise ladder must be text",
        "`start` in item 1 of `stages` in the exercise ladder must be a whole number",
        "item 2 of `stages`: the exercise ladder is missing the required field `start`",
        "unknown field `begin` in the exercise ladder (in item 3 of `stages`)",
        "this entry of `sources` in the exercise ladder must be one line of text, or a `title:`",
    ] {
        assert!(
            got.iter().any(|m| m.contains(want)),
            "{want:?} not in {got:#?}"
        );
    }
    for m in &got {
        assert!(!m.contains('[') && !m.contains("enum"), "{got:#?}");
    }
}

#[test]
fn a_block_written_as_text_gets_an_example_of_its_own_fields() {
    // `start: 2x5` and `days: 3-6`, as a person writes them.
    let text = "title: Knee\nstages:\n  - exercise: squat\n    start: 2x5\n    target: { sets: 2, reps: 12 }\n    days: 3-6\n";
    let e = crate::yaml::parse::<crate::content::ladder::LadderData>(
        text,
        Path::new("l.yaml"),
        1,
        "exercise ladder",
    )
    .unwrap_err();
    let hints: Vec<&str> = e.iter().filter_map(|d| d.hint.as_deref()).collect();
    assert!(
        hints.contains(&"write it as `start: { sets: 2, reps: 5 }` (2 sets of 5 reps)"),
        "{e:#?}"
    );
    assert!(
        hints.contains(&"write it as `days: { min: 3, max: 6 }` (3 to 6 days)"),
        "{e:#?}"
    );
}

#[test]
fn flow_mappings_are_blanked_one_entry_at_a_time() {
    let e = errs("title: a\ndose: { sets: x, reps: y }\n");
    assert_eq!(e.len(), 2, "{e:#?}");
    assert!(e[1].message.contains("`dose.reps`"), "{e:#?}");
}

proptest::proptest! {
    #[test]
    fn never_panics(s in ".{0,200}") {
        let _ = parse::<T>(&s, Path::new("a.md"), 1, "front matter");
        let _ = Spans::of(&s);
    }
}
