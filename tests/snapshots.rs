//! Exact HTML of representative pages of the basic fixture site, where every byte of the
//! theme's output matters (structure, escaping, accessibility attributes).
//! After an intended change: `INSTA_UPDATE=always cargo test --test snapshots`, then read the diff.

mod common;

use common::*;

fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main> element");
    let end = html.find("</main>").expect("a closing </main>") + "</main>".len();
    &html[start..end]
}

#[test]
fn theme_output_is_stable() {
    let d = site_copy("basic");
    let out = d.path().join("out");
    build_ok(&d.path().join("site"), &out, &[]);
    let t = read_tree(&out);
    insta::assert_snapshot!(
        "exercise_page",
        main_of(page(&t, "exercises/wall-sit/index.html"))
    );
    insta::assert_snapshot!(
        "condition_page",
        main_of(page(&t, "guides/knee/index.html"))
    );
    insta::assert_snapshot!("planner_page", main_of(page(&t, "planner/knee/index.html")));
    insta::assert_snapshot!("frame", page(&t, "about/index.html"));
}
