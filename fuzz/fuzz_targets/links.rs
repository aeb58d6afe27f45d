//! Link resolution and Markdown rendering (which resolves every link and shortcode)
//! never panic, and every error they report points at a line of the page's body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sinew::link::{Links, UrlMap};
use sinew::markdown::{self, Env, Shortcode};
use std::collections::BTreeSet;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let urls = UrlMap::default();
    let drafts = BTreeSet::new();
    // The first line is tried as a link on its own, the whole text as a page body.
    let link = text.lines().next().unwrap_or("");
    let links = Links {
        urls: &urls,
        drafts: &drafts,
        broken: &drafts,
        base: "/sub/",
    };
    let _ = links.check("a/", link);
    let sc = |_: &Shortcode| -> Result<String, (String, String)> { Ok("<div>card</div>".into()) };
    let env = Env {
        links,
        page_path: "a/",
        dir: "a",
        shortcode: &sc,
        collect_text: true,
        table_label: "Table {number}",
    };
    let r = markdown::render(&text, Path::new("content/a.md"), 4, &env);
    for e in &r.errors {
        assert!(e.line.is_some_and(|l| l >= 4), "{e:?}");
    }
});
