//! Site search (issue 16), the build's side: what is indexed and what is not, hidden
//! search terms, the same index bytes from two builds, the index's folder reserved, and
//! what a `Session` hands `sinew serve` to index in the background. The search page and
//! the exercise finder in a browser are `tests/browser/search.e2e.test.mjs`.

mod common;

use common::*;
use sinew::site::{BuildOptions, Redo, Session};
use std::fs;
use std::path::Path;

/// The built-in `base.html` with its footer changed: every page changes, not one page's
/// main text.
fn base_with_another_footer() -> String {
    let (_, base) = sinew::theme::TEMPLATES
        .iter()
        .find(|(n, _)| *n == "base.html")
        .unwrap();
    base.replace(
        "<footer class=\"site-footer\">",
        "<footer class=\"site-footer changed\">",
    )
}

/// The `basic` fixture with a draft, a page with lay terms and an old address
/// (`aliases`), an exercise and a ladder with lay terms.
fn site() -> tempfile::TempDir {
    let d = site_copy("basic");
    let root = d.path().join("site");
    write(
        &root,
        "content/elbow.md",
        "---\ntitle: Lateral elbow tendinopathy\nsearch_terms: [tennis elbow, sore elbow]\naliases: [\"/old-elbow/\"]\n---\nPain on the outside of the elbow.\n",
    );
    write(
        &root,
        "content/secret-draft.md",
        "---\ntitle: Not ready\ndraft: true\n---\nWork in progress.\n",
    );
    d
}

fn opts(root: &Path, drafts: bool) -> BuildOptions {
    BuildOptions {
        root: root.canonicalize().unwrap(),
        drafts,
        ..BuildOptions::default()
    }
}

/// The addresses a full build indexes, and the session's input.
fn indexed(root: &Path, drafts: bool) -> (Vec<String>, std::sync::Arc<sinew::site::SearchInput>) {
    let (urls, input, _) = indexed_and_published(root, drafts);
    (urls, input)
}

/// The addresses a full build indexes, the session's input, and every file it publishes.
fn indexed_and_published(
    root: &Path,
    drafts: bool,
) -> (
    Vec<String>,
    std::sync::Arc<sinew::site::SearchInput>,
    Vec<String>,
) {
    let mut s = Session::new(opts(root, drafts));
    let update = s.build().expect("builds");
    let input = update.search.expect("a first build indexes");
    let mut files: Vec<String> = update.site.files.keys().map(|k| k.to_string()).collect();
    files.sort();
    (
        input.docs.iter().map(|d| d.url.clone()).collect(),
        input,
        files,
    )
}

#[test]
fn pages_exercises_and_plans_are_indexed_but_not_drafts_404_log_sheets_handouts_redirects_tags_or_search()
 {
    let d = site();
    let root = d.path().join("site");
    for drafts in [false, true] {
        let (urls, _, files) = indexed_and_published(&root, drafts);
        // The handouts and the alias's redirect page are published, and not indexed.
        assert!(files.iter().any(|f| f.contains("/handout/")), "{files:?}");
        assert!(
            files.contains(&"old-elbow/index.html".to_string()),
            "{files:?}"
        );
        assert!(
            !urls
                .iter()
                .any(|u| u.contains("/handout/") || u.contains("old-elbow")),
            "{urls:?}"
        );
        assert!(urls.contains(&"/elbow/".to_string()), "{urls:?}");
        assert!(
            urls.iter()
                .any(|u| u.starts_with("/exercises/") && u != "/exercises/")
        );
        assert!(urls.iter().any(|u| u.starts_with("/planner/")), "{urls:?}");
        for never in [
            "/secret-draft/",
            "/404.html",
            "/search/",
            "/search/a-z/",
            "/tags/",
        ] {
            assert!(!urls.iter().any(|u| u == never), "{never} in {urls:?}");
        }
        assert!(
            !urls
                .iter()
                .any(|u| u.contains("log-sheet") || u.starts_with("/tags/"))
        );
    }
}

#[test]
fn search_terms_are_indexed_but_never_published() {
    let d = site();
    let root = d.path().join("site");
    let (_, input) = indexed(&root, false);
    let elbow = input.docs.iter().find(|d| d.url == "/elbow/").unwrap();
    // The terms are read with extra weight, at the end of the page's text.
    let words = elbow.text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words
            .contains("___PAGEFIND_WEIGHT___5 tennis elbow. sore elbow. ___END_PAGEFIND_WEIGHT___"),
        "{words}"
    );
    let out = d.path().join("public");
    build_ok(&root, &out, &[]);
    let tree = read_tree(&out);
    assert!(!page(&tree, "elbow/index.html").contains("tennis"));
    // The index holds the words (in its compressed chunks), so it finds the page.
    assert!(tree.keys().any(|k| k.starts_with("pagefind/index/")));
}

#[test]
fn two_builds_give_the_same_index_bytes() {
    let d = site();
    let root = d.path().join("site");
    let (a, b) = (d.path().join("a"), d.path().join("b"));
    build_ok(&root, &a, &[]);
    build_ok(&root, &b, &[]);
    let index = |dir: &Path| {
        let mut t = read_tree(dir);
        t.retain(|k, _| k.starts_with("pagefind/"));
        t
    };
    let (ia, ib) = (index(&a), index(&b));
    for want in [
        "pagefind/pagefind.js",
        "pagefind/pagefind-entry.json",
        "pagefind/wasm.en.pagefind",
    ] {
        assert!(ia.contains_key(want), "{want} in {:?}", ia.keys());
    }
    assert!(ia.keys().any(|k| k.starts_with("pagefind/fragment/")));
    assert!(ia == ib, "the index differs between two builds");
}

#[test]
fn the_index_follows_the_sites_language() {
    let d = site();
    let root = d.path().join("site");
    let yaml = fs::read_to_string(root.join("site.yaml")).unwrap();
    fs::write(root.join("site.yaml"), format!("{yaml}\nlanguage: de\n")).unwrap();
    let out = d.path().join("public");
    build_ok(&root, &out, &[]);
    let tree = read_tree(&out);
    assert!(
        tree.contains_key("pagefind/wasm.de.pagefind"),
        "{:?}",
        tree.keys()
    );
    let entry = String::from_utf8(tree["pagefind/pagefind-entry.json"].clone()).unwrap();
    assert!(entry.contains("\"de\""), "{entry}");
    // sinew has no German words: the pages say `lang="de"` and keep the English ones.
    let home = String::from_utf8(tree["index.html"].clone()).unwrap();
    assert!(home.contains("<html lang=\"de\""), "{home}");
    assert!(home.contains("Skip to main content"), "{home}");
}

#[test]
fn translated_pages_are_indexed_in_their_language_and_each_language_has_a_search_page() {
    let d = site_copy("two-languages");
    let root = d.path().join("site");
    let (urls, input, files) = indexed_and_published(&root, false);
    let lang_of = |url: &str| {
        input
            .docs
            .iter()
            .find(|d| d.url == url)
            .map(|d| d.lang.clone())
            .unwrap_or_else(|| panic!("{url} is not indexed: {urls:?}"))
    };
    assert_eq!(lang_of("/guides/knee/"), "en");
    assert_eq!(lang_of("/es/guides/knee/"), "es");
    assert_eq!(lang_of("/es/exercises/squat/"), "es");
    assert_eq!(lang_of("/es/planner/knee/"), "es");
    assert!(
        !urls
            .iter()
            .any(|u| u.contains("log-sheet") || u.contains("search/"))
    );
    for f in [
        "search/index.html",
        "es/search/index.html",
        "search/a-z/index.html",
        "es/search/a-z/index.html",
    ] {
        assert!(files.iter().any(|p| p == f), "{f} in {files:?}");
    }
    let out = d.path().join("public");
    build_ok(&root, &out, &[]);
    let tree = read_tree(&out);
    let entry = String::from_utf8(tree["pagefind/pagefind-entry.json"].clone()).unwrap();
    assert!(entry.contains("\"es\":{"), "{entry}");
    assert!(entry.contains("\"en\":{"), "{entry}");
    assert!(tree.contains_key("pagefind/wasm.es.pagefind"));
    let es = String::from_utf8(tree["es/search/index.html"].clone()).unwrap();
    assert!(es.contains("<html lang=\"es\""), "{es}");
    assert!(es.contains("action=\"/es/search/\""), "{es}");
    // The Spanish stop words reach the Spanish search page, the English the English one.
    assert!(es.contains("data-stop-words=\"de la que el"), "{es}");
    let en = String::from_utf8(tree["search/index.html"].clone()).unwrap();
    assert!(en.contains("data-stop-words=\"i me my"), "{en}");
    // Each search page links to its language's A-Z list, in its language's words, and
    // lists no page itself (a search would download the list).
    assert!(
        es.contains("<a href=\"/es/search/a-z/\">Ver todas las páginas de la A a la Z</a>"),
        "{es}"
    );
    assert!(
        en.contains("<a href=\"/search/a-z/\">Browse all pages A to Z</a>"),
        "{en}"
    );
    assert!(en.contains("The A to Z list works without JavaScript."));
    for html in [&es, &en] {
        assert!(!html.contains(">Dolor de rodilla</a>") && !html.contains(">Knee pain</a>"));
    }
    // Each A-Z lists its language's pages, under a breadcrumb back to its search page,
    // and loads no script.
    let es_az = String::from_utf8(tree["es/search/a-z/index.html"].clone()).unwrap();
    let en_az = String::from_utf8(tree["search/a-z/index.html"].clone()).unwrap();
    assert!(es_az.contains(">Dolor de rodilla</a>") && !es_az.contains(">Knee pain</a>"));
    assert!(en_az.contains(">Knee pain</a>") && !en_az.contains(">Dolor de rodilla</a>"));
    assert!(es_az.contains("<html lang=\"es\""), "{es_az}");
    assert!(
        es_az.contains("<title>Todas las páginas y ejercicios, de la A a la Z |"),
        "{es_az}"
    );
    assert!(
        en_az.contains("<li><a href=\"/search/\">Search</a></li>"),
        "{en_az}"
    );
    assert!(
        es_az.contains("<li><a href=\"/es/search/\">Buscar</a></li>"),
        "{es_az}"
    );
    for html in [&es_az, &en_az] {
        assert!(!html.contains("search.js"), "{html}");
    }
}

#[test]
fn a_session_hands_out_a_new_index_input_only_when_indexed_text_changed() {
    let d = site();
    let root = d.path().join("site").canonicalize().unwrap();
    let mut s = Session::new(opts(&root, false));
    assert!(s.build().unwrap().search.is_some());
    // A new stylesheet: no page's text changed, so nothing to index.
    write(&root, "static/extra.css", "body { color: red }");
    let u = s.update(&[root.join("static/extra.css")]).unwrap();
    assert!(u.search.is_none());
    // A page's text: only that page's entry changes.
    let before = s.search_input();
    write(
        &root,
        "content/elbow.md",
        "---\ntitle: Lateral elbow tendinopathy\nsearch_terms: [tennis elbow, sore elbow]\naliases: [\"/old-elbow/\"]\n---\nPain when you grip a kettle.\n",
    );
    let u = s.update(&[root.join("content/elbow.md")]).unwrap();
    assert_eq!(u.redo, Redo::Pages);
    let after = u.search.expect("the page's text changed");
    let changed: Vec<&str> = after
        .docs
        .iter()
        .zip(&before.docs)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.url.as_str())
        .collect();
    assert_eq!(changed, ["/elbow/"]);
    // A template change that leaves every page's main text as it was: a full build,
    // but the index stands.
    write(&root, "templates/base.html", &base_with_another_footer());
    let u = s.update(&[root.join("templates/base.html")]).unwrap();
    assert_eq!(u.redo, Redo::Everything);
    assert!(u.search.is_none(), "only the footer changed");
}

#[test]
fn a_rebuild_whose_indexed_pages_are_the_same_publishes_the_previous_index_again() {
    let d = site();
    let root = d.path().join("site");
    let out = d.path().join("public");
    build_ok(&root, &out, &[]);
    let entry = out.join("pagefind/pagefind-entry.json");
    let made = fs::read(&entry).unwrap();
    assert!(out.join("pagefind/sinew-index-key.txt").is_file());
    // Marks the published index, so a build that copies it rather than makes it shows.
    fs::write(&entry, b"copied, not made again").unwrap();
    // A footer change: every page changes, but not one page's text.
    write(&root, "templates/base.html", &base_with_another_footer());
    build_ok(&root, &out, &[]);
    assert_eq!(fs::read(&entry).unwrap(), b"copied, not made again");
    // A page's text: the index is made again.
    write(
        &root,
        "content/elbow.md",
        "---\ntitle: Lateral elbow tendinopathy\n---\nPain when you grip a kettle.\n",
    );
    build_ok(&root, &out, &[]);
    let again = fs::read(&entry).unwrap();
    assert!(again != b"copied, not made again" && again != made);
}

/// The A-Z list (`/search/a-z/`): one group per first letter, in order (`#` first, for
/// every title that does not start with one, an accented capital its own), each item
/// by lower-cased title, then address; a folder without its own page listed by its name; exercises and plans
/// marked; drafts left out.
#[test]
fn the_a_to_z_list_groups_by_first_letter_and_sorts_by_title_then_address() {
    let d = site();
    let root = d.path().join("site");
    write(
        &root,
        "content/knees.md",
        "---\ntitle: knee pain\n---\nA second page with the same title in lower case.\n",
    );
    write(
        &root,
        "content/3-tips.md",
        "---\ntitle: 3 tips\n---\nTips.\n",
    );
    write(
        &root,
        "content/scarf.md",
        "---\ntitle: Écharpe\n---\nWarm.\n",
    );
    write(
        &root,
        "content/wrist/pain.md",
        "---\ntitle: Wrist pain\n---\nSore.\n",
    );
    // Titles whose first character is no letter but sorts after `z` when lower-cased:
    // Spanish's opening `¿`, a word processor's curly quote, `~`; and a letter whose
    // capital is a plain one (Turkish dotless `ı`, capital `I`). Each still goes under
    // its one `#` or letter.
    for (file, title) in [
        ("que", "¿Qué es la fisioterapia?"),
        ("frozen", "“Frozen” shoulder"),
        ("tilde", "~ Quick tips"),
        ("ilik", "ılık su"),
        ("ice", "Ice or heat"),
    ] {
        write(
            &root,
            &format!("content/{file}.md"),
            &format!("---\ntitle: '{title}'\n---\nText.\n"),
        );
    }
    let out = d.path().join("public");
    build_ok(&root, &out, &[]);
    let html = String::from_utf8(read_tree(&out)["search/a-z/index.html"].clone()).unwrap();
    // (letter, [(title, address, kind)]) as the page shows them.
    type Item = (String, String, String);
    let mut groups: Vec<(String, Vec<Item>)> = Vec::new();
    for part in html.split("<h2 id=\"letter-").skip(1) {
        let letter = part[part.find('>').unwrap() + 1..part.find("</h2>").unwrap()].to_string();
        let list = &part[..part.find("</ul>").unwrap()];
        let items = (list.split("<li><a href=\"").skip(1))
            .map(|li| {
                let (url, rest) = li.split_once("\">").unwrap();
                let (title, rest) = rest.split_once("</a>").unwrap();
                let kind = rest
                    .split_once("<span class=\"kind\">(")
                    .map_or("", |(_, k)| k.split_once(')').unwrap().0);
                (title.to_string(), url.to_string(), kind.to_string())
            })
            .collect();
        groups.push((letter, items));
    }
    let letters: Vec<&str> = groups.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(letters.first(), Some(&"#"), "{letters:?}");
    assert_eq!(letters.last(), Some(&"É"), "{letters:?}");
    let mut sorted = letters.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, letters, "each letter once, in order: {letters:?}");
    for (letter, items) in &groups {
        let keys: Vec<(String, &str)> = items
            .iter()
            .map(|(t, u, _)| (t.to_lowercase(), u.as_str()))
            .collect();
        let mut in_order = keys.clone();
        in_order.sort();
        assert_eq!(
            keys, in_order,
            "{letter}: by lower-cased title, then address"
        );
    }
    let all: Vec<&Item> = groups.iter().flat_map(|(_, i)| i).collect();
    for (letter, items) in &groups {
        for (title, ..) in items {
            let first: String = title.chars().next().unwrap().to_uppercase().collect();
            let want = if first.chars().all(char::is_alphabetic) {
                first
            } else {
                "#".into()
            };
            assert_eq!(&want, letter, "{title} under {letter}");
        }
    }
    let find = |title: &str| {
        all.iter()
            .position(|(t, ..)| t == title)
            .unwrap_or_else(|| panic!("{title} not in {all:?}"))
    };
    assert_eq!(all[find("Knee pain")].1, "/guides/knee/");
    assert_eq!(all[find("knee pain")].1, "/knees/");
    assert_eq!(find("knee pain"), find("Knee pain") + 1, "{all:?}");
    assert_eq!(
        all[find("Wrist")],
        &("Wrist".into(), "/wrist/".into(), String::new())
    );
    assert_eq!(all[find("Squat")].2, "exercise");
    assert_eq!(all[find("Knee ladder")].2, "exercise plan");
    assert_eq!(all[find("About us")].2, "", "a page has no kind");
    for draft in ["Not ready", "Old page"] {
        assert!(!all.iter().any(|(t, ..)| t == draft), "{draft} is a draft");
    }
}
