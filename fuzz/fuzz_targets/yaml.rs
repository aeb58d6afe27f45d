//! Every YAML loader never panics: front matter, exercises, exercise ladders and
//! `site.yaml`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sinew::config::SiteConfig;
use sinew::content::exercise::ExerciseData;
use sinew::content::ladder::LadderData;
use sinew::content::FrontMatter;
use sinew::yaml;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let f = Path::new("x.yaml");
    let _ = yaml::parse::<FrontMatter>(&text, f, 2, "front matter");
    let _ = yaml::parse::<ExerciseData>(&text, f, 1, "exercise");
    let _ = yaml::parse::<LadderData>(&text, f, 1, "exercise ladder");
    let _ = SiteConfig::parse(&text, f);
});
