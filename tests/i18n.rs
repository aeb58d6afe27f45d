//! A site in two languages (issue 18), `tests/fixtures/sites/two-languages` (English and
//! Spanish):
//! - translated pages, exercises and ladders under `/es/`, untranslated ones not copied
//! - `lang` on `<html>`, the language switcher, `hreflang` alternates (full addresses
//!   only), the Spanish navigation linking untranslated pages in English, marked
//! - the planner's words and dates from the Spanish table; the sitemap lists both
//! - `sinew check`'s translation findings
//!
//! `tests/browser/i18n.e2e.test.mjs` runs the Spanish planner and a right-to-left page in
//! Chromium.

mod common;

use common::*;
use std::collections::BTreeMap;

fn built(extra: &[&str]) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let site = site_copy("two-languages");
    let out = site.path().join("public");
    build_ok(&site.path().join("site"), &out, extra);
    let tree = read_tree(&out);
    (site, tree)
}

/// The part of `html` between `start` and the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let i = html
        .find(start)
        .unwrap_or_else(|| panic!("no `{start}` in {html}"));
    let rest = &html[i..];
    &rest[..rest.find(end).expect("closed")]
}

#[test]
fn translations_live_under_the_language_and_untranslated_pages_are_not_copied() {
    let (_s, tree) = built(&[]);
    for p in [
        "es/index.html",
        "es/guides/knee/index.html",
        "es/exercises/squat/index.html",
        "es/planner/knee/index.html",
        "es/planner/knee/log-sheet/index.html",
        "es/planner/knee/handout/index.html",
        "es/planner/knee/summary/index.html",
    ] {
        assert!(tree.contains_key(p), "{p} is missing");
    }
    for p in [
        "es/about/index.html",
        "es/guides/pacing/index.html",
        "es/exercises/step-up/index.html",
        "guides/knee.es/index.html",
    ] {
        assert!(!tree.contains_key(p), "{p} should not exist");
    }
    assert!(
        page(&tree, "guides/knee/index.html").starts_with("<!DOCTYPE html>\n<html lang=\"en\">")
    );
    let es = page(&tree, "es/guides/knee/index.html");
    assert!(
        es.starts_with("<!DOCTYPE html>\n<html lang=\"es\">"),
        "{es}"
    );
    assert!(es.contains("<h1>Dolor de rodilla</h1>"));
    assert!(es.contains("Saltar al contenido principal"));
    // Its shortcode and its planner link speak Spanish too.
    assert!(
        es.contains(r#"<a href="/es/exercises/squat/">Sentadilla</a>"#),
        "{es}"
    );
    assert!(es.contains(r#"href="/es/planner/knee/">Abrir su planificador de ejercicios: Escalera de la rodilla</a>"#));
    assert!(es.contains("15 de enero de 2026"));
}

#[test]
fn the_switcher_links_every_version_and_marks_the_current_one() {
    let (_s, tree) = built(&[]);
    for (path, current) in [
        ("guides/knee/index.html", "/guides/knee/"),
        ("es/guides/knee/index.html", "/es/guides/knee/"),
    ] {
        let html = page(&tree, path);
        let switcher = between(html, "class=\"languages\"", "</nav>");
        assert!(
            switcher.contains(r#"<a href="/guides/knee/" hreflang="en" lang="en""#),
            "{switcher}"
        );
        assert!(switcher.contains(r#"<a href="/es/guides/knee/" hreflang="es" lang="es""#));
        assert!(switcher.contains(">English</a>") && switcher.contains(">Español</a>"));
        assert!(
            switcher.contains(&format!(r#"href="{current}" hreflang"#))
                && switcher.matches("aria-current").count() == 1
        );
    }
    let ex = page(&tree, "es/exercises/squat/index.html");
    assert!(
        ex.contains(r#"<a href="/exercises/squat/" hreflang="en" lang="en">English</a>"#),
        "{ex}"
    );
    // A page with no translation has no switcher.
    assert!(!page(&tree, "guides/pacing/index.html").contains("class=\"languages\""));
    assert!(!page(&tree, "about/index.html").contains("class=\"languages\""));
}

#[test]
fn hreflang_alternates_are_full_addresses_and_left_out_without_one() {
    let (_s, tree) = built(&[]);
    let html = page(&tree, "es/guides/knee/index.html");
    for l in [
        r#"<link rel="alternate" hreflang="en" href="https://clinic.example/guides/knee/">"#,
        r#"<link rel="alternate" hreflang="es" href="https://clinic.example/es/guides/knee/">"#,
        r#"<link rel="alternate" hreflang="x-default" href="https://clinic.example/guides/knee/">"#,
    ] {
        assert!(html.contains(l), "missing {l}");
    }
    assert!(!page(&tree, "guides/pacing/index.html").contains("hreflang"));
    let (_s, tree) = built(&["--base-url", "/patients/"]);
    let html = page(&tree, "es/guides/knee/index.html");
    assert!(!html.contains("rel=\"alternate\""), "{html}");
    assert!(html.contains(r#"<a href="/patients/guides/knee/" hreflang="en" lang="en""#));
}

#[test]
fn the_spanish_navigation_links_untranslated_pages_in_english_marked_as_such() {
    let (_s, tree) = built(&[]);
    let html = page(&tree, "es/guides/knee/index.html");
    let nav = between(html, "<ul class=\"nav\">", "</ul>");
    assert!(
        nav.contains(r#"<li><a href="/es/">Bienvenida</a></li>"#),
        "{nav}"
    );
    assert!(
        nav.contains(
            r#"<li><a href="/about/" hreflang="en" lang="en">About us (English)</a></li>"#
        )
    );
    assert!(
        nav.contains(r#"<li><a href="/guides/" hreflang="en" lang="en">Guides (English)</a></li>"#)
    );
    assert!(nav.contains(
        r#"<li><a href="/exercises/" hreflang="en" lang="en">Exercises (English)</a></li>"#
    ));
    // The English navigation is as it always was.
    let en = between(
        page(&tree, "guides/knee/index.html"),
        "<ul class=\"nav\">",
        "</ul>",
    );
    assert!(
        en.contains(r#"<li><a href="/about/">About us</a></li>"#),
        "{en}"
    );
    assert!(!en.contains("hreflang"));
}

#[test]
fn the_spanish_planner_embeds_spanish_words_and_the_translated_ladder() {
    let (_s, tree) = built(&[]);
    let html = page(&tree, "es/planner/knee/index.html");
    let strings = between(
        html,
        r#"<script type="application/json" id="sinew-strings">"#,
        "</script>",
    );
    let strings: serde_json::Value =
        serde_json::from_str(strings.split_once('>').unwrap().1).unwrap();
    assert_eq!(strings["lang"], "es");
    assert_eq!(strings["months"][2], "marzo");
    assert_eq!(strings["text"]["moveUp"], "Suba: hoy toca {dose}.");
    let ladder = between(
        html,
        r#"<script type="application/json" id="sinew-ladder">"#,
        "</script>",
    );
    let ladder: serde_json::Value =
        serde_json::from_str(ladder.split_once('>').unwrap().1).unwrap();
    assert_eq!(ladder["title"], "Escalera de la rodilla");
    assert_eq!(ladder["stages"][0]["name"], "Sentadilla");
    assert_eq!(ladder["stages"][0]["url"], "/es/exercises/squat/");
    assert!(html.contains("<h1>Escalera de la rodilla</h1>"));
    assert!(html.contains("Camine un poco más cada día."));
    let log = page(&tree, "es/planner/knee/log-sheet/index.html");
    assert!(log.contains("Registro de ejercicios: Escalera de la rodilla"));
    assert!(log.contains("Si hace todas las sesiones de un día"));
    // The progress summary: Spanish around it and in the words its script reads.
    let sum = page(&tree, "es/planner/knee/summary/index.html");
    assert!(sum.contains("<h1>Mi progreso: Escalera de la rodilla</h1>"));
    assert!(sum.contains(r#"data-planner="/es/planner/knee/""#));
    let words = between(
        sum,
        r#"<script type="application/json" id="sinew-strings">"#,
        "</script>",
    );
    let words: serde_json::Value = serde_json::from_str(words.split_once('>').unwrap().1).unwrap();
    assert_eq!(words["text"]["rec_summaryPrint"], "Imprimir este resumen");
}

#[test]
fn the_sitemap_lists_every_language() {
    let (_s, tree) = built(&[]);
    let map = page(&tree, "sitemap.xml");
    for u in [
        "https://clinic.example/guides/knee/",
        "https://clinic.example/es/guides/knee/",
        "https://clinic.example/es/",
        "https://clinic.example/es/exercises/squat/",
        "https://clinic.example/es/planner/knee/",
    ] {
        assert!(
            map.contains(&format!("<loc>{u}</loc>")),
            "{u} missing from {map}"
        );
    }
    assert!(!map.contains("es/planner/knee/log-sheet/"));
}

#[test]
fn a_translation_of_a_missing_page_or_an_unknown_language_is_an_error() {
    let dir = site_copy("two-languages");
    let site = dir.path().join("site");
    std::fs::write(
        site.join("content/guides/ankle.es.md"),
        "---\ntitle: Tobillo\n---\nHola.\n",
    )
    .unwrap();
    let ex = site.join("content/exercises/step-up.yaml");
    let text = std::fs::read_to_string(&ex).unwrap();
    std::fs::write(
        &ex,
        format!("{text}translations:\n  fr:\n    name: Marche\n    steps: [Montez]\n"),
    )
    .unwrap();
    let out = sinew(&[
        "build",
        "--root",
        site.to_str().unwrap(),
        "--out",
        dir.path().join("public").to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("content/guides/ankle.es.md")
            && err.contains("translates `content/guides/ankle.md`, which does not exist"),
        "{err}"
    );
    assert!(
        err.contains("content/exercises/step-up.yaml:5")
            && err.contains("`translations: fr` is not one of the site's languages"),
        "{err}"
    );
}

/// One finding: severity, rule, file, line.
type Finding = (String, String, String, Option<u64>);

/// `sinew check --format json` on a copy of the fixture: the translation findings, and
/// whether `--strict` passed.
fn translation_findings(site_yaml_extra: &str) -> (Vec<Finding>, bool) {
    let dir = site_copy("two-languages");
    let site = dir.path().join("site");
    let yaml = site.join("site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{text}{site_yaml_extra}")).unwrap();
    let root = site.to_str().unwrap();
    let args = [
        "check",
        "--root",
        root,
        "--today",
        "2026-06-01",
        "--format",
        "json",
    ];
    let out = sinew(&args);
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut found: Vec<_> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("translation"))
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64(),
            )
        })
        .collect();
    found.sort();
    let strict = sinew(&[&args[..], &["--strict"]].concat()).status.success();
    (found, strict)
}

#[test]
fn check_lists_missing_and_outdated_translations() {
    let (found, _) = translation_findings("");
    let w = |rule: &str, file: &str, line: Option<u64>| {
        (
            "warning".to_string(),
            rule.to_string(),
            file.to_string(),
            line,
        )
    };
    assert_eq!(
        found,
        vec![
            w("translation-missing", "content/about.md", None),
            w(
                "translation-missing",
                "content/exercises/step-up.yaml",
                None
            ),
            w("translation-missing", "content/guides/index.md", None),
            w("translation-missing", "content/guides/pacing.md", None),
            // The ladder's Spanish words have no `reviewed` date, but neither has the
            // ladder: nothing to be older than.
            w("translation-outdated", "content/guides/knee.es.md", Some(3)),
        ]
    );
}

#[test]
fn missing_translations_can_be_turned_down_to_notes_that_strict_lets_pass() {
    let (found, strict) = translation_findings(
        "rules:\n  translation-missing: note\n  translation-outdated: off\n  review-missing: off\n  exercise-media: off\n  orphan-page: off\n  readability: off\n",
    );
    assert!(!found.is_empty());
    assert!(
        found
            .iter()
            .all(|(sev, rule, _, _)| sev == "note" && rule == "translation-missing"),
        "{found:?}"
    );
    assert!(strict, "notes must not fail --strict");
}

/// Issue 13 with issue 18: a page folder and its translation (`ankle/index.md`,
/// `ankle/index.es.md`) is one page in two languages, each at its folder's address, each
/// linking the files beside them from their source folder; `hreflang` and the sitemap use
/// percent-encoded full addresses, and are left out with a path-only `base_url`.
#[test]
fn page_folders_and_translated_pages_work_together() {
    let s = site_copy("two-languages");
    let site = s.path().join("site");
    let write = |rel: &str, text: &str| {
        let path = site.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "content/guides/ankle/index.md",
        "---\ntitle: Ankle\n---\n![Ankle diagram](ankle.png)\n\nSee [pacing](../pacing.md).\n",
    );
    write(
        "content/guides/ankle/index.es.md",
        "---\ntitle: Tobillo\n---\n![Diagrama del tobillo](ankle.png)\n\n[Hoja](hoja%20es.pdf)\n",
    );
    write("content/guides/ankle/ankle.png", "png");
    write("content/guides/ankle/hoja es.pdf", "pdf");
    write(
        "content/guides/rückenschmerz.md",
        "---\ntitle: Rücken\n---\nText.\n",
    );
    write(
        "content/guides/rückenschmerz.es.md",
        "---\ntitle: Espalda\n---\nTexto.\n",
    );
    let out = s.path().join("public");
    build_ok(&site, &out, &[]);
    let tree = read_tree(&out);
    let en = page(&tree, "guides/ankle/index.html");
    let es = page(&tree, "es/guides/ankle/index.html");
    assert!(en.contains(r#"src="/guides/ankle/ankle.png""#), "{en}");
    assert!(en.contains(r#"href="/guides/pacing/""#), "{en}");
    assert!(es.contains("<h1>Tobillo</h1>"), "{es}");
    assert!(es.contains(r#"src="/guides/ankle/ankle.png""#), "{es}");
    assert!(es.contains(r#"href="/guides/ankle/hoja%20es.pdf""#), "{es}");
    assert!(tree.contains_key("guides/ankle/hoja es.pdf"));
    assert!(
        !tree.contains_key("es/guides/ankle/index.es/index.html")
            && !tree.contains_key("guides/ankle/index.es/index.html"),
        "the translation is no page of its own folder"
    );
    assert!(
        es.contains(
            r#"<link rel="alternate" hreflang="en" href="https://clinic.example/guides/ankle/">"#
        ),
        "{es}"
    );
    assert!(es.contains(
        r#"<link rel="alternate" hreflang="es" href="https://clinic.example/es/guides/ankle/">"#
    ));
    // Full addresses are percent-encoded, in `hreflang` and in the sitemap alike.
    let back = page(&tree, "es/guides/rückenschmerz/index.html");
    assert!(
        back.contains(r#"hreflang="en" href="https://clinic.example/guides/r%C3%BCckenschmerz/">"#),
        "{back}"
    );
    let map = page(&tree, "sitemap.xml");
    for u in [
        "https://clinic.example/guides/ankle/",
        "https://clinic.example/es/guides/ankle/",
        "https://clinic.example/es/guides/r%C3%BCckenschmerz/",
    ] {
        assert!(
            map.contains(&format!("<loc>{u}</loc>")),
            "{u} missing from {map}"
        );
    }
    // A path-only base_url: no sitemap, no alternates, the pages all the same.
    let out2 = s.path().join("public2");
    build_ok(&site, &out2, &["--base-url", "/patients/"]);
    let tree = read_tree(&out2);
    assert!(!tree.contains_key("sitemap.xml"));
    let es = page(&tree, "es/guides/ankle/index.html");
    assert!(!es.contains("rel=\"alternate\""), "{es}");
    assert!(
        es.contains(r#"src="/patients/guides/ankle/ankle.png""#),
        "{es}"
    );
}

/// A translation must take the same shape as its original: `knee.es.md` beside a page
/// folder `knee/` translates nothing, and says where it belongs.
#[test]
fn a_translation_beside_a_page_folder_says_where_it_belongs() {
    let s = site_copy("two-languages");
    let site = s.path().join("site");
    std::fs::create_dir_all(site.join("content/guides/ankle")).unwrap();
    std::fs::write(
        site.join("content/guides/ankle/index.md"),
        "---\ntitle: Ankle\n---\nText.\n",
    )
    .unwrap();
    std::fs::write(
        site.join("content/guides/ankle.es.md"),
        "---\ntitle: Tobillo\n---\nTexto.\n",
    )
    .unwrap();
    let out = sinew(&[
        "build",
        "--root",
        site.to_str().unwrap(),
        "--out",
        s.path().join("public").to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("content/guides/ankle.es.md"), "{err}");
    assert!(err.contains("content/guides/ankle/index.es.md"), "{err}");
}
