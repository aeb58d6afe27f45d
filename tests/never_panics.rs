//! Property tests: the entry points that see clinic-written text never panic, whatever
//! the text (front matter, shortcodes, links, every YAML loader, Markdown rendering).

use proptest::prelude::*;
use sinew::config::SiteConfig;
use sinew::content::exercise::ExerciseData;
use sinew::content::ladder::LadderData;
use sinew::content::{FrontMatter, front_matter};
use sinew::link::{Links, UrlMap};
use sinew::markdown::{self, Env, Shortcode};
use sinew::yaml;
use std::collections::BTreeSet;
use std::path::Path;

/// Text that looks like YAML often enough to reach the deeper parts of the loaders.
fn yamlish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("title: ".to_string()),
            Just("name: ".to_string()),
            Just("steps:\n  - ".to_string()),
            Just("stages:\n  - exercise: a\n    start: {sets: 1, reps: 2}\n".to_string()),
            Just("pain: {max_rise_during: 2}\n".to_string()),
            Just("\t".to_string()),
            Just("\n".to_string()),
            Just("- ".to_string()),
            Just(": ".to_string()),
            Just("\"".to_string()),
            Just("&a *a ".to_string()),
            Just("!!binary ".to_string()),
            "\\PC{0,12}",
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn front_matter_split_never_panics(s in "\\PC*") {
        let _ = front_matter::split(&s);
    }

    #[test]
    fn yaml_loaders_never_panic(s in yamlish()) {
        let f = Path::new("x.yaml");
        let _ = yaml::parse::<FrontMatter>(&s, f, 2, "front matter");
        let _ = yaml::parse::<ExerciseData>(&s, f, 1, "exercise");
        let _ = yaml::parse::<LadderData>(&s, f, 1, "exercise ladder");
        let _ = SiteConfig::parse(&s, f);
    }

    #[test]
    fn yaml_loaders_never_panic_on_any_text(s in "\\PC*") {
        let f = Path::new("x.yaml");
        let _ = yaml::parse::<ExerciseData>(&s, f, 1, "exercise");
        let _ = SiteConfig::parse(&s, f);
    }

    #[test]
    fn link_resolution_and_markdown_never_panic(link in "\\PC*", body in "(\\PC|\n|\\{\\{ exercise\\(id=\"a\"\\) \\}\\}|\\[x\\]\\(@/)*") {
        let urls = UrlMap::default();
        let drafts = BTreeSet::new();
        let links = Links { urls: &urls, drafts: &drafts, broken: &drafts, base: "/sub/" };
        let _ = links.check("a/", &link);
        let sc = |_: &Shortcode| -> Result<String, (String, String)> { Ok("<div>card</div>".into()) };
        let env = Env { links, page_path: "a/", dir: "a", shortcode: &sc, collect_text: true, table_label: "Table {number}" };
        let r = markdown::render(&body, Path::new("content/a.md"), 4, &env);
        for e in &r.errors {
            prop_assert!(e.line.is_some_and(|l| l >= 4));
        }
    }

    #[test]
    fn shortcode_scanner_never_panics(s in "\\PC*") {
        let _ = markdown::scan_shortcodes(&s);
    }
}
