//! A site in two languages (issue 18), `tests/fixtures/sites/two-languages` (English and
//! Spanish):
//! - translated pages, exercises and ladders under `/es/`, untranslated ones not copied
//! - `lang` on `<html>`, the language switcher, `hreflang` alternates (full addresses
//!   only), the Spanish navigation linking untranslated pages in English, marked
//! - the planner's words and dates from the Spanish table; the sitemap lists both
//! - `sinew check`'s translation findings
//! - the lists of exercises (with the finder), of plans, of tags and each tag's page
//!   under `/es/`, listing translated items and the others in English, marked; every
//!   other link from a Spanish page to an English one marked too (breadcrumbs, "next
//!   step", a page's plan, shortcodes)
//! - structured data (JSON-LD) in the page's language; the words sinew writes itself
//!   (finder groups, A to Z kinds, doses, QR labels) from the string tables
//! - readability of exercise and ladder translations; a language with no table
//! - the page-not-found page in every language (the root one and `/es/404.html`), and
//!   `/es/` when the home page is not translated
//!
//! `tests/browser/i18n.e2e.test.mjs` runs the Spanish planner and a right-to-left page in
//! Chromium.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::Path;

/// A built site: the temporary copy (kept alive while the test reads) and its output.
type Built = (tempfile::TempDir, BTreeMap<String, Vec<u8>>);

/// A copy of the fixture, changed by `edit` (given its site folder), built into
/// `public/` with the `extra` arguments, and its output.
fn built_after(extra: &[&str], edit: impl FnOnce(&Path)) -> Built {
    let dir = site_copy("two-languages");
    let site = dir.path().join("site");
    edit(&site);
    let tree = rebuilt(&dir, "public", extra);
    (dir, tree)
}

/// The fixture as it is, built with the `extra` arguments.
fn built(extra: &[&str]) -> Built {
    built_after(extra, |_| {})
}

/// Builds the copy's site (as it is now) into its folder `out` and reads the output.
fn rebuilt(dir: &tempfile::TempDir, out: &str, extra: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let out = dir.path().join(out);
    build_ok(&dir.path().join("site"), &out, extra);
    read_tree(&out)
}

/// A copy of the fixture, changed by `edit` (given its site folder), whose build fails:
/// the error output.
fn build_fails(edit: impl FnOnce(&Path)) -> String {
    let dir = site_copy("two-languages");
    let site = dir.path().join("site");
    edit(&site);
    build_err(&site, &dir.path().join("public"), &[])
}

/// The part of `html` between `start` and the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let i = html
        .find(start)
        .unwrap_or_else(|| panic!("no `{start}` in {html}"));
    let rest = &html[i..];
    &rest[..rest.find(end).expect("closed")]
}

/// A Markdown table scrolls on its own on a small screen, in a region a keyboard can
/// reach (`tabindex="0"`) and a screen reader names: by the heading before it, else
/// "Table 2" in the page's language ("Tabla 1" on a Spanish page). The table stays a
/// `<table>`; a page without a table is unchanged (the other tests' pages).
#[test]
fn markdown_tables_scroll_in_a_named_region() {
    const TABLE: &str = "| Week | Reps |\n| --- | --- |\n| 1 | 5 |\n";
    let (_d, t) = built_after(&[], |site| {
        rewrite(site, "content/guides/knee.md", |s| {
            format!("{s}\n\n## Doses by week\n\n{TABLE}\nAnd again:\n\n{TABLE}")
        });
        rewrite(site, "content/guides/knee.es.md", |s| {
            format!("{s}\n\n{TABLE}")
        });
    });
    let en = page(&t, "guides/knee/index.html");
    assert!(
        en.contains(
            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"doses-by-week\">\n<table><thead>"
        ),
        "{en}"
    );
    assert!(en.contains(r#"<h2 id="doses-by-week">Doses by week</h2>"#));
    assert!(
        en.contains(
            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table 2\">\n<table>"
        ),
        "a second table under the same heading gets a name of its own: {en}"
    );
    assert_eq!(en.matches("</table>\n</div>\n").count(), 2, "{en}");
    let es = page(&t, "es/guides/knee/index.html");
    assert!(
        es.contains(
            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Tabla 1\">\n<table>"
        ),
        "{es}"
    );
}

/// Static hosts serve one `404.html` at every missing address: it says so in Spanish
/// too, linking the Spanish home page; hosts that serve a folder's own `404.html` get
/// one in Spanish under `/es/`.
#[test]
fn the_page_not_found_page_speaks_every_language_of_the_site() {
    let (_d, t) = built(&[]);
    let root = page(&t, "404.html");
    let spanish = between(root, "<section lang=\"es\" dir=\"ltr\">", "</section>");
    assert!(
        spanish.contains("Lo sentimos, no encontramos esa página"),
        "{spanish}"
    );
    assert!(
        spanish.contains("<a href=\"/es/\" hreflang=\"es\">Ir a la página de inicio</a>"),
        "{spanish}"
    );
    assert!(
        root.contains("<html lang=\"en\""),
        "the page itself stays English"
    );
    let es = page(&t, "es/404.html");
    assert!(es.contains("<html lang=\"es\""), "{es}");
    assert!(
        es.contains("<h1>Lo sentimos, no encontramos esa página</h1>"),
        "{es}"
    );
    assert!(
        es.contains("<a href=\"/es/\">Ir a la página de inicio</a>"),
        "{es}"
    );
    assert!(!es.contains("Sorry, we cannot find"), "{es}");
    assert!(!es.contains("<section lang="), "{es}");
}

/// `/es/` with no `index.es.md`: a page in Spanish that says the home page is not
/// translated yet, links it (in English, marked as such) and lists the pages that are
/// translated, rather than the page-not-found page.
#[test]
fn the_language_home_without_a_translated_home_page_lists_its_pages() {
    let (_d, translated) = built(&[]);
    // With a translated home page, `/es/` is that page.
    assert!(page(&translated, "es/index.html").contains("<html lang=\"es\""));
    assert!(!page(&translated, "es/index.html").contains("En español</h1>"));
    let (_d, t) = built_after(&[], |site| {
        std::fs::remove_file(site.join("content/index.es.md")).unwrap();
    });
    let es = page(&t, "es/index.html");
    assert!(es.contains("<html lang=\"es\""), "{es}");
    let main = between(es, "<main", "</main>");
    assert!(main.contains("<h1>En español</h1>"), "{main}");
    assert!(
        main.contains("La página de inicio todavía no está disponible en español."),
        "{main}"
    );
    assert!(
        main.contains("<a href=\"/\" hreflang=\"en\">Ir a la página de inicio (en inglés)</a>"),
        "{main}"
    );
    assert!(
        main.contains("<a href=\"/es/guides/knee/\">Dolor de rodilla</a>"),
        "{main}"
    );
    // The root page-not-found page's link to `/es/` now leads to it.
    assert!(page(&t, "404.html").contains("href=\"/es/\""));
    // Not a page search engines should list as the Spanish home page.
    let sitemap = page(&t, "sitemap.xml");
    assert!(!sitemap.contains("/es/</loc>"), "{sitemap}");
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
            r#"<li><a href="/about/" hreflang="en"><span lang="en">About us</span> (en inglés)</a></li>"#
        )
    );
    assert!(nav.contains(
        r#"<li><a href="/guides/" hreflang="en"><span lang="en">Guides</span> (en inglés)</a></li>"#
    ));
    // The list of exercises exists in every language (listing what is translated).
    assert!(
        nav.contains(r#"<li><a href="/es/exercises/">Ejercicios</a></li>"#),
        "{nav}"
    );
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
    // The planner names and links an exercise not translated as English, marked.
    assert_eq!(ladder["stages"][1]["name"], "Step-up (en inglés)");
    assert_eq!(ladder["stages"][1]["url"], "/exercises/step-up/");
    assert_eq!(ladder["milestones"][0]["name"], "Step-up (en inglés)");
    // What a milestone unlocks is the script's text too (its milestones card): Spanish.
    assert_eq!(
        ladder["milestones"][0]["unlocks"],
        "Camine un poco más cada día."
    );
    // The script tags the English words and marks them (`name_lang`, `name_mark`), and
    // a milestone's "read more" to a page not translated carries its language and mark.
    assert_eq!(ladder["stages"][1]["name_lang"], "en");
    assert_eq!(ladder["stages"][1]["name_mark"], "(en inglés)");
    assert_eq!(ladder["stages"][0]["name_lang"], serde_json::Value::Null);
    assert_eq!(ladder["stages"][0]["name_mark"], serde_json::Value::Null);
    assert_eq!(ladder["milestones"][0]["name_lang"], "en");
    assert_eq!(ladder["milestones"][1]["link"], "/guides/pacing/");
    assert_eq!(ladder["milestones"][1]["link_lang"], "en");
    assert_eq!(ladder["milestones"][1]["link_mark"], "(en inglés)");
    // A page with a Spanish version is linked in Spanish, unmarked.
    assert_eq!(ladder["milestones"][0]["link"], "/es/guides/knee/");
    assert_eq!(
        ladder["milestones"][0]["link_lang"],
        serde_json::Value::Null
    );
    assert_eq!(
        ladder["milestones"][0]["link_mark"],
        serde_json::Value::Null
    );
    // So does the pacing page's link, offered on a day to stop.
    assert_eq!(ladder["pacing"], "/guides/pacing/");
    assert_eq!(ladder["pacing_lang"], "en");
    assert_eq!(ladder["pacing_mark"], "(en inglés)");
    // The page's own list of milestones says the same.
    assert!(html.contains(
        r#"<a class="no-print" href="/guides/pacing/" hreflang="en">Más información sobre esta meta (en inglés)</a>"#
    ));
    assert!(html.contains(
        r#"<a class="no-print" href="/es/guides/knee/">Más información sobre esta meta</a>"#
    ));
    // In English, nothing is marked.
    let en = page(&tree, "planner/knee/index.html");
    assert!(en.contains(
        r#"<a class="no-print" href="/guides/pacing/">Read more about this milestone</a>"#
    ));
    assert!(
        !en.contains("name_lang") && !en.contains("link_lang") && !en.contains("pacing_lang"),
        "a one-language page's data is as before"
    );
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
    let err = build_fails(|site| {
        write(
            site,
            "content/guides/ankle.es.md",
            "---\ntitle: Tobillo\n---\nHola.\n",
        );
        rewrite(site, "content/exercises/step-up.yaml", |text| {
            format!("{text}translations:\n  fr:\n    name: Marche\n    steps: [Montez]\n")
        });
    });
    assert!(
        err.contains("content/guides/ankle.es.md")
            && err.contains("translates `content/guides/ankle.md`, which does not exist"),
        "{err}"
    );
    assert!(
        err.contains("content/exercises/step-up.yaml:7")
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
    rewrite(&site, "site.yaml", |text| {
        format!("{text}{site_yaml_extra}")
    });
    let today = ["--today", "2026-06-01"];
    let all = check_json(&site, &today);
    let mut found: Vec<_> = all
        .iter()
        .filter(|f| {
            let rule = f["rule"].as_str().unwrap();
            rule.starts_with("translation") || rule == "safety-advice-untranslated"
        })
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
    let root = site.to_str().unwrap();
    let strict = sinew(&[&["check", "--root", root][..], &today, &["--strict"]].concat())
        .status
        .success();
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
            // site.yaml: `out_of_hours` (line 9) has no Spanish: safety advice, its own rule.
            w("safety-advice-untranslated", "site.yaml", Some(9)),
            w("translation-missing", "content/about.md", None),
            w(
                "translation-missing",
                "content/exercises/step-up.yaml",
                None
            ),
            w("translation-missing", "content/guides/index.md", None),
            w("translation-missing", "content/guides/pacing.md", None),
            // The topic `Pacing` has no Spanish name (at `topics:`, line 15).
            w("translation-missing", "site.yaml", Some(15)),
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
    // The out-of-hours advice with no Spanish stays a warning: it is safety advice.
    let (safety, rest): (Vec<_>, Vec<_>) = found
        .into_iter()
        .partition(|(_, rule, _, _)| rule == "safety-advice-untranslated");
    assert_eq!(
        safety,
        vec![(
            "warning".to_string(),
            "safety-advice-untranslated".to_string(),
            "site.yaml".to_string(),
            Some(9)
        )]
    );
    assert!(
        rest.iter()
            .all(|(sev, rule, _, _)| sev == "note" && rule == "translation-missing"),
        "{rest:?}"
    );
    assert!(!strict, "the untranslated safety advice fails --strict");
    // Translated, nothing is left that fails --strict.
    let (found, strict) = translation_findings(
        // (site.yaml ends inside `translations: es:`)
        "    clinic:\n      out_of_hours: Llame al 111.\nrules:\n  translation-missing: note\n  translation-outdated: off\n  review-missing: off\n  exercise-media: off\n  orphan-page: off\n  readability: off\n",
    );
    assert!(
        found.iter().all(|(sev, _, _, _)| sev == "note"),
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
    let (s, tree) = built_after(&[], |site| {
        write(
            site,
            "content/guides/ankle/index.md",
            "---\ntitle: Ankle\n---\n![Ankle diagram](ankle.png)\n\nSee [pacing](../pacing.md).\n",
        );
        write(
            site,
            "content/guides/ankle/index.es.md",
            "---\ntitle: Tobillo\n---\n![Diagrama del tobillo](ankle.png)\n\n[Hoja](hoja%20es.pdf)\n",
        );
        write(site, "content/guides/ankle/ankle.png", "png");
        write(site, "content/guides/ankle/hoja es.pdf", "pdf");
        write(
            site,
            "content/guides/rückenschmerz.md",
            "---\ntitle: Rücken\n---\nText.\n",
        );
        write(
            site,
            "content/guides/rückenschmerz.es.md",
            "---\ntitle: Espalda\n---\nTexto.\n",
        );
    });
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
    let tree = rebuilt(&s, "public2", &["--base-url", "/patients/"]);
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
    let err = build_fails(|site| {
        write(
            site,
            "content/guides/ankle/index.md",
            "---\ntitle: Ankle\n---\nText.\n",
        );
        write(
            site,
            "content/guides/ankle.es.md",
            "---\ntitle: Tobillo\n---\nTexto.\n",
        );
    });
    assert!(err.contains("content/guides/ankle.es.md"), "{err}");
    assert!(err.contains("content/guides/ankle/index.es.md"), "{err}");
}

#[test]
fn the_spanish_lists_show_translated_items_and_mark_the_english_ones() {
    let (_s, tree) = built(&[]);
    for p in [
        "es/exercises/index.html",
        "es/planner/index.html",
        "es/tags/index.html",
        "es/tags/knee/index.html",
    ] {
        assert!(tree.contains_key(p), "{p} is missing");
    }
    // A folder whose index.md is not translated is not copied.
    assert!(!tree.contains_key("es/guides/index.html"));
    let ex = page(&tree, "es/exercises/index.html");
    assert!(ex.starts_with("<!DOCTYPE html>\n<html lang=\"es\">"));
    assert!(ex.contains("<h1>Ejercicios</h1>"), "{ex}");
    // The finder's filters: the Spanish groups, and the English ones of the exercise
    // not translated, marked.
    let form = between(ex, "<form class=\"finder\"", "</form>");
    for label in [
        r#"<label><input type="checkbox" name="region" value="rodilla"> <span>Rodilla</span></label>"#,
        r#"<label><input type="checkbox" name="region" value="knee"> <span lang="en">Knee</span> (en inglés)</label>"#,
        r#"<label><input type="checkbox" name="equipment" value="silla"> <span>Silla</span></label>"#,
        r#"<label><input type="checkbox" name="equipment" value="step"> <span lang="en">Step</span> (en inglés)</label>"#,
    ] {
        assert!(form.contains(label), "{label} missing from {form}");
    }
    assert!(ex.contains(r#"<a href="/es/exercises/squat/">Sentadilla</a>"#));
    assert!(ex.contains(
        r#"<a href="/exercises/step-up/" hreflang="en"><span lang="en">Step-up</span> (en inglés)</a>"#
    ));
    assert!(!ex.contains(">Squat<"), "{ex}");
    // The untranslated exercise's equipment is English words, tagged.
    assert!(
        ex.contains(r#"<p class="small">Necesita: <span lang="en">step</span></p>"#),
        "{ex}"
    );
    let plans = page(&tree, "es/planner/index.html");
    assert!(plans.contains("<h1>Planes de ejercicios</h1>"), "{plans}");
    assert!(plans.contains(r#"<a href="/es/planner/knee/">Escalera de la rodilla</a>"#));
    // A tag's page lists the Spanish page and the English one, marked.
    let tag = page(&tree, "es/tags/knee/index.html");
    assert!(tag.contains(r#"<a href="/es/tags/">Temas</a>"#), "{tag}");
    assert!(tag.contains(r#"<a href="/es/guides/knee/">Dolor de rodilla</a>"#));
    assert!(tag.contains(
        r#"<a href="/guides/pacing/" hreflang="en"><span lang="en">Pacing</span> (en inglés)</a>"#
    ));
    let tags = page(&tree, "es/tags/index.html");
    assert!(
        tags.contains(r#"<a href="/es/tags/knee/">rodilla</a>"#),
        "{tags}"
    );
    // The English lists are as they were: no marks, English words.
    let en = page(&tree, "exercises/index.html");
    assert!(en.contains(r#"<a href="/exercises/squat/">Squat</a>"#));
    assert!(
        !en.contains("(English)") && !en.contains("(en inglés)"),
        "{en}"
    );
    // Each list's versions are alternates of each other, and in the sitemap (tag
    // pages are not, in any language).
    for (path, en, es) in [
        ("es/exercises/index.html", "exercises/", "es/exercises/"),
        ("exercises/index.html", "exercises/", "es/exercises/"),
        ("es/tags/knee/index.html", "tags/knee/", "es/tags/knee/"),
    ] {
        let html = page(&tree, path);
        for (lang, p) in [("en", en), ("es", es)] {
            let l = format!(
                r#"<link rel="alternate" hreflang="{lang}" href="https://clinic.example/{p}">"#
            );
            assert!(html.contains(&l), "{l} missing from {path}");
        }
    }
    let map = page(&tree, "sitemap.xml");
    for u in ["es/exercises/", "es/planner/"] {
        assert!(map.contains(&format!("<loc>https://clinic.example/{u}</loc>")));
    }
    assert!(!map.contains("tags/"), "{map}");
}

#[test]
fn every_link_from_a_spanish_page_to_an_english_one_is_marked() {
    let (_s, tree) = built(&[]);
    let knee = page(&tree, "es/guides/knee/index.html");
    let crumbs = between(knee, "class=\"breadcrumbs\"", "</nav>");
    assert!(crumbs.contains(r#"<a href="/es/">Inicio</a>"#), "{crumbs}");
    assert!(
        crumbs.contains(
            r#"<a href="/guides/" hreflang="en"><span lang="en">Guides</span> (en inglés)</a>"#
        ),
        "{crumbs}"
    );
    // Its tags lead to the Spanish tag pages, named in Spanish (site.yaml's `topics:`).
    assert!(
        knee.contains(r#"<a href="/es/tags/knee/">rodilla</a>"#),
        "{knee}"
    );
    let squat = page(&tree, "es/exercises/squat/index.html");
    let crumbs = between(squat, "class=\"breadcrumbs\"", "</nav>");
    assert!(
        crumbs.contains(r#"<a href="/es/exercises/">Ejercicios</a>"#),
        "{crumbs}"
    );
    // "Where this exercise is used": the Spanish plan and page; the next step's
    // exercise is not translated.
    assert!(squat.contains(r#"<a href="/es/planner/knee/">Escalera de la rodilla</a>"#));
    assert!(squat.contains(
        r#"<a href="/exercises/step-up/" hreflang="en"><span lang="en">Step-up</span> (en inglés)</a>"#
    ));
    assert!(squat.contains(r#"<ul><li><a href="/es/guides/knee/">Dolor de rodilla</a></li></ul>"#));
    // The planner's list of steps, and its handout.
    let planner = page(&tree, "es/planner/knee/index.html");
    assert!(planner.contains(r#"<a href="/es/planner/">Planes de ejercicios</a>"#));
    assert!(planner.contains(
        r#"<a href="/exercises/step-up/" hreflang="en"><span lang="en">Step-up</span> (en inglés)</a>"#
    ));
    // Its schedule names the untranslated exercise in English, tagged and marked.
    assert!(planner.contains(r#"<td><span lang="en">Step-up</span> (en inglés)</td>"#));
    let handout = page(&tree, "es/planner/knee/handout/index.html");
    // The handout's steps of the untranslated exercise are English words, tagged.
    assert!(
        handout.contains(r#"<ol class="handout-how" lang="en">"#),
        "{handout}"
    );
    assert_eq!(handout.matches(r#"<ol class="handout-how">"#).count(), 1);
    assert!(handout.contains(
        r#"<a href="/exercises/step-up/" hreflang="en"><span lang="en">Step-up</span> (en inglés)</a>"#
    ));
    // The English pages link English pages, unmarked.
    let en = page(&tree, "exercises/squat/index.html");
    assert!(
        !en.contains("(English)") && !en.contains("(en inglés)"),
        "{en}"
    );
    let used = between(en, "id=\"used-in\"", "</article>");
    assert!(
        !used.contains("/es/"),
        "a Spanish page listed on an English one: {used}"
    );
    assert!(used.contains(r#"<ul><li><a href="/guides/knee/">Knee pain</a></li></ul>"#));
}

#[test]
fn a_shortcode_of_an_untranslated_exercise_in_a_spanish_page_is_marked() {
    let (_s, tree) = built_after(&[], |site| {
        rewrite(site, "content/guides/knee.es.md", |text| {
            format!("{text}\n{{{{ exercise(id=\"step-up\") }}}}\n")
        })
    });
    let es = page(&tree, "es/guides/knee/index.html");
    assert!(
        es.contains(
            r#"<a href="/exercises/step-up/" hreflang="en"><span lang="en">Step-up</span> (en inglés)</a>"#
        ),
        "{es}"
    );
}

#[test]
fn structured_data_is_in_the_language_of_the_page() {
    let (_s, tree) = built(&[]);
    let jsonld = |path: &str| -> serde_json::Value {
        let html = page(&tree, path);
        let data = between(html, r#"<script type="application/ld+json">"#, "</script>");
        serde_json::from_str(data.split_once('>').unwrap().1).unwrap()
    };
    let knee = jsonld("es/guides/knee/index.html");
    assert_eq!(knee["inLanguage"], "es");
    assert_eq!(knee["name"], "Dolor de rodilla");
    assert_eq!(jsonld("guides/knee/index.html")["inLanguage"], "en");
    let squat = jsonld("es/exercises/squat/index.html");
    assert_eq!(squat["inLanguage"], "es");
    assert_eq!(squat["name"], "Sentadilla");
    assert_eq!(squat["mainEntity"]["name"], "Sentadilla");
    assert_eq!(squat["mainEntity"]["activityFrequency"], "dos veces al día");
    assert_eq!(
        squat["mainEntity"]["additionalVariable"],
        "2 series de 10, dos veces al día"
    );
    let plan = jsonld("es/planner/knee/index.html");
    assert_eq!(plan["inLanguage"], "es");
    assert_eq!(plan["name"], "Escalera de la rodilla");
    assert_eq!(plan["about"]["name"], "Dolor de rodilla");
    let step = &plan["mainEntity"]["hasPart"][0];
    assert_eq!(step["name"], "Sentadilla");
    assert_eq!(
        step["additionalVariable"],
        "de 2 series de 5 hasta 2 series de 10"
    );
    // English as before.
    let en = jsonld("planner/knee/index.html");
    assert_eq!(
        en["mainEntity"]["hasPart"][0]["additionalVariable"],
        "from 2 sets of 5 up to 2 sets of 10"
    );
}

#[test]
fn the_words_sinew_writes_itself_come_from_the_tables() {
    // A site in Spanish only: every word sinew writes is Spanish.
    let (_s, tree) = built_after(&[], |site| {
        write(
            site,
            "site.yaml",
            "title: Clínica\nbase_url: https://clinic.example/\nlanguage: es\n",
        );
        std::fs::remove_file(site.join("content/guides/knee.es.md")).unwrap();
        std::fs::remove_file(site.join("content/index.es.md")).unwrap();
        for f in ["content/exercises/squat.yaml", "content/programs/knee.yaml"] {
            rewrite(site, f, |text| {
                text.split("translations:").next().unwrap().to_string()
            });
        }
        write(
            site,
            "content/exercises/step-up.yaml",
            "name: Subir un escalón\nsteps: [Suba a un escalón bajo.]\ndose: { reps: 1, hold_seconds: 1 }\n",
        );
    });
    let ex = page(&tree, "exercises/index.html");
    for w in [
        r#"value="other"> <span>Otras</span>"#,
        r#"value="none"> <span>Sin material</span>"#,
    ] {
        assert!(ex.contains(w), "{w} missing from {ex}");
    }
    assert!(!ex.contains(">Other<") && !ex.contains("No equipment"));
    let search = page(&tree, "search/a-z/index.html");
    assert!(
        search.contains("<span class=\"kind\">(ejercicio)</span>"),
        "{search}"
    );
    assert!(search.contains("<span class=\"kind\">(plan de ejercicios)</span>"));
    let step = page(&tree, "exercises/step-up/index.html");
    assert!(step.contains("1 repetición, mantener 1 segundo"), "{step}");
    assert!(
        step.contains("Código QR: la página de este ejercicio"),
        "{step}"
    );
    let knee = page(&tree, "guides/knee/index.html");
    assert!(knee.contains("Código QR: esta página"), "{knee}");
    for (path, html) in &tree {
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(html);
            assert!(!html.contains("QR code:"), "English QR label in {path}");
        }
    }
}

/// `sinew check --format json` findings of `rule` on `site`: (severity, file, line,
/// message).
fn findings(site: &std::path::Path, rule: &str) -> Vec<(String, String, Option<u64>, String)> {
    let all = check_json(site, &["--today", "2026-06-01"]);
    all.iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn exercise_and_ladder_translations_are_measured_in_their_language() {
    let dir = site_copy("two-languages");
    let site = dir.path().join("site");
    // Easy English, and a Spanish translation in long words and long sentences.
    let hard = "La rehabilitación fisioterapéutica postoperatoria necesita consideraciones \
                biomecánicas extraordinariamente meticulosas, individualizadas y \
                sistemáticamente documentadas, independientemente de la sintomatología \
                predominantemente inflamatoria que caracteriza habitualmente la \
                recuperación articular.";
    let f = site.join("content/exercises/squat.yaml");
    let text = std::fs::read_to_string(&f).unwrap();
    let text = text.replace(
        "    summary: Doble las rodillas como para sentarse.",
        &format!("    summary: \"{hard}\""),
    );
    std::fs::write(&f, &text).unwrap();
    let l = site.join("content/programs/knee.yaml");
    let ladder = std::fs::read_to_string(&l).unwrap();
    std::fs::write(
        &l,
        ladder.replace(
            "    description: Ejercicios para la rodilla, paso a paso.",
            &format!("    description: \"{hard}\""),
        ),
    )
    .unwrap();
    let found = findings(&site, "readability");
    let line = |file: &str| {
        let text = std::fs::read_to_string(site.join(file)).unwrap();
        text.lines()
            .position(|l| l == "translations:")
            .map(|i| i as u64 + 2)
    };
    let squat: Vec<_> = found
        .iter()
        .filter(|f| f.1 == "content/exercises/squat.yaml")
        .collect();
    assert_eq!(squat.len(), 1, "{found:?}");
    assert_eq!(squat[0].0, "warning");
    assert_eq!(
        squat[0].2,
        line("content/exercises/squat.yaml"),
        "{found:?}"
    );
    assert!(
        squat[0].3.starts_with(
            "this exercise's translation `es` is hard to read: its Szigriszt-Pazos perspicuity is"
        ),
        "{found:?}"
    );
    let knee: Vec<_> = found
        .iter()
        .filter(|f| f.1 == "content/programs/knee.yaml")
        .collect();
    assert_eq!(knee.len(), 1, "{found:?}");
    assert_eq!(knee[0].2, line("content/programs/knee.yaml"));
    assert!(
        knee[0]
            .3
            .starts_with("this ladder's translation `es` is hard to read")
    );
    // The same words, easy again: nothing.
    std::fs::write(&f, text.replace(hard, "Doble las rodillas.")).unwrap();
    std::fs::write(&l, &ladder).unwrap();
    assert!(findings(&site, "readability").is_empty());
}

#[test]
fn a_translation_in_a_language_without_a_formula_gets_a_note() {
    let dir = site_copy("two-languages");
    let site = dir.path().join("site");
    let yaml = site.join("site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        text.replace("languages: [es]", "languages: [es, fr]"),
    )
    .unwrap();
    // French words: the built-in English table's texts stand in for a translation.
    let en = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n/en.yaml"),
    )
    .unwrap();
    std::fs::write(
        site.join("i18n/fr.yaml"),
        en.replace("name: English", "name: Français"),
    )
    .unwrap();
    let f = site.join("content/exercises/step-up.yaml");
    let ex = std::fs::read_to_string(&f).unwrap();
    std::fs::write(
        &f,
        format!(
            "{ex}translations:\n  fr:\n    name: Marche\n    steps: [Montez sur une marche.]\n"
        ),
    )
    .unwrap();
    let found = findings(&site, "readability");
    // At the `languages:` line that names `fr`.
    assert_eq!(
        found,
        vec![(
            "note".to_string(),
            "site.yaml".to_string(),
            Some(4),
            "readability is not measured for `fr` (1 page, exercise or ladder): sinew has no \
             well-defined published formula for it"
                .to_string()
        )]
    );
}

#[test]
fn a_language_without_words_is_reported_at_its_line_of_site_yaml() {
    let err = build_fails(|site| {
        rewrite(site, "site.yaml", |text| {
            text.replace("languages: [es]", "languages:\n  - es\n  - fr")
        })
    });
    assert!(
        err.contains(
            "error[translation-missing]: the site uses the language `fr`, but sinew has no \
             words for it (no file `i18n/fr.yaml`)\n  --> site.yaml:6\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("run `sinew new language fr` in the site folder, which writes `i18n/fr.yaml`")
    );
}

/// Writes `site.yaml` of a copy of the fixture, builds it and returns the output.
fn built_with_site_yaml(yaml: &str) -> Built {
    built_after(&[], |site| write(site, "site.yaml", yaml))
}

/// The fixture's site.yaml up to its `translations:` block.
fn site_yaml_without_translations() -> String {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/sites/two-languages/site.yaml"),
    )
    .unwrap();
    text.split("# The clinic's own texts")
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn the_clinics_texts_in_site_yaml_are_translated_or_shown_in_english_marked() {
    let (_s, tree) = built(&[]);
    // The description: Spanish on Spanish pages (a list page shows the site's).
    let es = page(&tree, "es/exercises/index.html");
    assert!(
        es.contains(
            r#"<meta name="description" content="Consejos y ejercicios para la rodilla de Test Clinic.">"#
        ),
        "{es}"
    );
    let en = page(&tree, "exercises/index.html");
    assert!(en.contains(
        r#"<meta name="description" content="Knee advice &amp; exercises from the Test Clinic.">"#
    ));
    // The out-of-hours advice has no Spanish: it is never left out, but shown in
    // English, with `lang` on the English words only and the mark in Spanish, on the
    // planner, its log sheet and its handout.
    let marked = r#"Cuando la clínica está cerrada: <span lang="en">Call NHS 111 for urgent advice, or 999 in an emergency.</span> (en inglés)"#;
    for p in [
        "es/planner/knee/index.html",
        "es/planner/knee/log-sheet/index.html",
        "es/planner/knee/handout/index.html",
    ] {
        assert!(page(&tree, p).contains(marked), "{p}: {}", page(&tree, p));
    }
    // The planner's script gets it with its language and mark, for a flare-up.
    let planner = page(&tree, "es/planner/knee/index.html");
    let ladder = between(
        planner,
        r#"<script type="application/json" id="sinew-ladder">"#,
        "</script>",
    );
    let ladder: serde_json::Value =
        serde_json::from_str(ladder.split_once('>').unwrap().1).unwrap();
    assert_eq!(
        ladder["clinic"]["out_of_hours"],
        "Call NHS 111 for urgent advice, or 999 in an emergency."
    );
    assert_eq!(ladder["clinic"]["out_of_hours_lang"], "en");
    assert_eq!(ladder["clinic"]["out_of_hours_mark"], "(en inglés)");
    // English as always: unmarked.
    let en = page(&tree, "planner/knee/index.html");
    assert!(en.contains(
        "When the clinic is closed: Call NHS 111 for urgent advice, or 999 in an emergency."
    ));
    assert!(!en.contains("<span lang="), "{en}");
    // Topics: named in Spanish where site.yaml names them, else in English, marked.
    let tags = page(&tree, "es/tags/index.html");
    assert!(tags.contains(r#"<a href="/es/tags/knee/">rodilla</a>"#));
    assert!(
        tags.contains(
            r#"<a href="/es/tags/pacing/"><span lang="en">Pacing</span> (en inglés)</a>"#
        ),
        "{tags}"
    );
    let pacing = page(&tree, "es/tags/pacing/index.html");
    assert!(
        pacing.contains(r#"<h1>Páginas sobre: <span lang="en">Pacing</span> (en inglés)</h1>"#),
        "{pacing}"
    );
    assert!(page(&tree, "tags/pacing/index.html").contains("<h1>Pages about: Pacing</h1>"));
}

#[test]
fn a_translated_out_of_hours_advice_is_shown_and_a_missing_description_left_out() {
    let yaml = format!(
        "{}translations:\n  es:\n    clinic:\n      out_of_hours: Llame al 111 si necesita consejo urgente, o al 999 si es una emergencia.\n",
        site_yaml_without_translations()
    );
    let (_s, tree) = built_with_site_yaml(&yaml);
    let planner = page(&tree, "es/planner/knee/index.html");
    assert!(planner.contains(
        "Cuando la clínica está cerrada: Llame al 111 si necesita consejo urgente, o al 999 si es una emergencia."
    ));
    assert!(!planner.contains("Call NHS 111"), "{planner}");
    assert!(!planner.contains("<span lang=\"en\">Call"), "{planner}");
    let ladder = between(
        planner,
        r#"<script type="application/json" id="sinew-ladder">"#,
        "</script>",
    );
    let ladder: serde_json::Value =
        serde_json::from_str(ladder.split_once('>').unwrap().1).unwrap();
    assert!(
        ladder["clinic"].get("out_of_hours_lang").is_none(),
        "{ladder}"
    );
    // No Spanish description: the Spanish pages have none rather than an English one
    // (a `<meta>` cannot mark its language); the English pages keep theirs.
    let es = page(&tree, "es/exercises/index.html");
    assert!(!es.contains(r#"<meta name="description""#), "{es}");
    assert!(page(&tree, "exercises/index.html").contains(r#"<meta name="description""#));
}

#[test]
fn check_lists_the_clinics_texts_not_translated_at_their_lines() {
    let dir = site_copy("two-languages");
    let site = dir.path().join("site");
    std::fs::write(site.join("site.yaml"), site_yaml_without_translations()).unwrap();
    let all = check_json(&site, &[]);
    let mine: Vec<(u64, String)> = all
        .iter()
        .filter(|f| {
            (f["rule"] == "translation-missing" || f["rule"] == "safety-advice-untranslated")
                && f["file"] == "site.yaml"
        })
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(mine.len(), 3, "{mine:?}");
    assert_eq!(mine[0].0, 4, "topics, at `languages:`: {mine:?}");
    assert!(
        mine[0].1.contains("2 topics have no `es` name") && mine[0].1.contains("`knee`, `Pacing`")
    );
    assert_eq!(mine[1].0, 5, "{mine:?}");
    assert!(
        mine[1].1.contains("`description`") && mine[1].1.contains("translations: es: description:")
    );
    assert_eq!(mine[2].0, 9, "{mine:?}");
    // Worded for a receptionist: who reads it in which language, and where to add it.
    assert_eq!(
        mine[2].1,
        "Spanish-speaking patients will see the advice for when the clinic is closed (`out_of_hours`, shown with a severe flare-up) in English: it has no `es` translation"
    );
}

#[test]
fn a_blank_translation_or_one_in_an_unknown_language_in_site_yaml_is_an_error() {
    for (extra, line, says) in [
        (
            "translations:\n  es:\n    clinic:\n      out_of_hours: \"  \"\n",
            13,
            "is empty",
        ),
        (
            "translations:\n  es:\n    topics:\n      knee: \"\"\n",
            13,
            "is empty",
        ),
        (
            "translations:\n  fr:\n    description: Conseils\n",
            11,
            "`translations: fr` is not one of the site's languages",
        ),
    ] {
        let err = build_fails(|site| {
            let yaml = format!("{}{extra}", site_yaml_without_translations());
            write(site, "site.yaml", &yaml)
        });
        assert!(err.contains(says), "{says} missing from {err}");
        assert!(
            err.contains(&format!("site.yaml:{line}")),
            "line {line} missing from {err}"
        );
        assert!(err.contains("help:"), "{err}");
    }
}

#[test]
fn a_spanish_page_without_a_spanish_home_marks_inicio_without_tagging_it_english() {
    let (_s, tree) = built_after(&[], |site| {
        std::fs::remove_file(site.join("content/index.es.md")).unwrap()
    });
    let knee = page(&tree, "es/guides/knee/index.html");
    let crumbs = between(knee, "class=\"breadcrumbs\"", "</nav>");
    // "Inicio" is Spanish: no `lang` on it; the mark says the page is in English.
    assert!(
        crumbs.contains(r#"<li><a href="/" hreflang="en">Inicio (en inglés)</a></li>"#),
        "{crumbs}"
    );
    let nav = between(knee, "<ul class=\"nav\">", "</ul>");
    assert!(
        nav.contains(r#"<li><a href="/" hreflang="en">Inicio (en inglés)</a></li>"#),
        "{nav}"
    );
    // Every mark on every Spanish page is the one Spanish wording, and every `lang="en"`
    // is on English words, never on a link that also holds Spanish ones.
    for (path, html) in &tree {
        if path.starts_with("es/") && path.ends_with(".html") {
            let html = String::from_utf8_lossy(html);
            assert!(!html.contains("(English)"), "{path}");
            for (i, _) in html.match_indices(" lang=\"en\"") {
                let before = &html[..i];
                let tag = &before[before.rfind('<').unwrap()..];
                // The switcher names each language in itself ("English"), in it.
                let switcher = html[i..].starts_with(" lang=\"en\">English</a>");
                assert!(
                    !tag.starts_with("<a ") || switcher,
                    "`lang` on a link in {path}: {}",
                    &html[i.saturating_sub(120)..i + 40]
                );
            }
        }
    }
}

#[test]
fn a_translations_structured_data_carries_its_own_review_date() {
    const SQUAT: &str = "content/exercises/squat.yaml";
    let (dir, tree) = built_after(&[], |site| {
        rewrite(site, SQUAT, |text| {
            text.replace("dose:", "reviewed: 2026-03-01\ndose:")
                .replace(
                    "    equipment: [silla]\n",
                    "    equipment: [silla]\n    reviewed: 2026-05-02\n",
                )
        })
    });
    let jsonld = |tree: &BTreeMap<String, Vec<u8>>, path: &str| -> serde_json::Value {
        let html = page(tree, path);
        let data = between(html, r#"<script type="application/ld+json">"#, "</script>");
        serde_json::from_str(data.split_once('>').unwrap().1).unwrap()
    };
    assert_eq!(
        jsonld(&tree, "exercises/squat/index.html")["lastReviewed"],
        "2026-03-01"
    );
    assert_eq!(
        jsonld(&tree, "es/exercises/squat/index.html")["lastReviewed"],
        "2026-05-02"
    );
    // The page says the same date as its structured data.
    let es = page(&tree, "es/exercises/squat/index.html");
    assert!(
        es.contains(r#"<time datetime="2026-05-02">2 de mayo de 2026</time>"#),
        "{es}"
    );
    // A translated page: its own front matter's date.
    assert_eq!(
        jsonld(&tree, "es/guides/knee/index.html")["lastReviewed"],
        "2026-01-15"
    );
    assert_eq!(
        jsonld(&tree, "guides/knee/index.html")["lastReviewed"],
        "2026-03-01"
    );
    // A translation with no date of its own claims none (not its original's).
    rewrite(&dir.path().join("site"), SQUAT, |dated| {
        dated.replace("    reviewed: 2026-05-02\n", "")
    });
    let tree = rebuilt(&dir, "public", &[]);
    assert_eq!(
        jsonld(&tree, "exercises/squat/index.html")["lastReviewed"],
        "2026-03-01"
    );
    let es = jsonld(&tree, "es/exercises/squat/index.html");
    assert!(es.get("lastReviewed").is_none(), "{es}");
    assert!(!page(&tree, "es/exercises/squat/index.html").contains("2026-03-01"));
}

#[test]
fn a_translations_review_date_that_is_not_a_date_is_an_error_at_its_line() {
    let err = build_fails(|site| {
        rewrite(site, "content/exercises/squat.yaml", |text| {
            text.replace(
                "    equipment: [silla]\n",
                "    equipment: [silla]\n    reviewed: 2026-13-01\n",
            )
        })
    });
    assert!(err.contains("`translations.es.reviewed`"), "{err}");
    assert!(err.contains("content/exercises/squat.yaml:22"), "{err}");
    assert!(err.contains("help:"), "{err}");
}

/// Issue 18 (a tester's finding): the out-of-hours advice with no translation is safety
/// advice: its own rule, a warning even where `translation-missing` is a note, with the
/// line of site.yaml where its translation goes.
#[test]
fn an_untranslated_out_of_hours_advice_is_a_safety_warning_that_says_where_to_add_it() {
    let dir = site_copy("two-languages");
    let site = dir.path().join("site");
    let yaml = site.join("site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        format!("{text}rules:\n  translation-missing: note\n"),
    )
    .unwrap();
    let all = check_json(&site, &[]);
    let found: Vec<&serde_json::Value> = all
        .iter()
        .filter(|f| f["rule"] == "safety-advice-untranslated")
        .collect();
    assert_eq!(found.len(), 1, "{all:#?}");
    let f = found[0];
    assert_eq!(f["severity"], "warning");
    assert_eq!(
        (f["file"].as_str(), f["line"].as_u64()),
        (Some("site.yaml"), Some(9))
    );
    // `translations: es:` is at line 13.
    assert_eq!(
        f["hint"],
        "add `clinic: out_of_hours:` with its Spanish words under `es:` at site.yaml line 13 (`translations: es: clinic: out_of_hours:`); have a clinician who reads Spanish check it"
    );
}

/// Issue 18 (a tester's finding): a translated text written as a bare key (`name:` with
/// nothing after it) is one error at that line, in exercises and ladders alike, not a
/// "missing field" at every later line of the translation.
#[test]
fn a_bare_translated_field_is_one_error_at_its_line() {
    for (file, from, to, path, line) in [
        (
            "content/exercises/squat.yaml",
            "    name: Sentadilla\n",
            "    name:\n",
            "translations.es.name",
            13,
        ),
        (
            "content/programs/knee.yaml",
            "    title: Escalera de la rodilla\n",
            "    title:\n",
            "translations.es.title",
            33,
        ),
        // A bare `steps:` reads as no steps: the Spanish page would have no instructions.
        (
            "content/exercises/squat.yaml",
            "    steps:\n      - Póngase de pie con los pies separados.\n      - Doble las rodillas despacio.\n",
            "    steps:\n",
            "translations.es.steps",
            15,
        ),
    ] {
        let dir = site_copy("two-languages");
        let site = dir.path().join("site");
        let text = std::fs::read_to_string(site.join(file)).unwrap();
        assert!(text.contains(from), "{file}");
        std::fs::write(site.join(file), text.replace(from, to)).unwrap();
        let all = check_json(&site, &[]);
        let errors: Vec<&serde_json::Value> =
            all.iter().filter(|f| f["severity"] == "error").collect();
        assert_eq!(errors.len(), 1, "{file}: {all:#?}");
        assert_eq!(errors[0]["file"], file);
        assert_eq!(errors[0]["line"], line, "{file}");
        let message = errors[0]["message"].as_str().unwrap();
        assert!(
            message.contains(&format!("`{path}`")) && message.contains("is empty"),
            "{message}"
        );
    }
}

/// Issue 18 (a tester's finding): with `translation-missing: note` in site.yaml, no
/// finding suggests turning it down to a note; without it, they do. Folder pages are
/// named as a receptionist would.
#[test]
fn missing_translation_findings_suggest_a_note_only_when_not_taken_and_name_folder_pages() {
    let findings = |extra: &str| {
        let dir = site_copy("two-languages");
        let site = dir.path().join("site");
        rewrite(&site, "site.yaml", |text| format!("{text}{extra}"));
        let all = check_json(&site, &[]);
        all.iter()
            .filter(|f| f["rule"] == "translation-missing")
            .map(|f| {
                (
                    f["file"].as_str().unwrap().to_string(),
                    f["message"].as_str().unwrap().to_string(),
                    f["hint"].as_str().unwrap().to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let noted = findings("rules:\n  translation-missing: note\n");
    assert!(noted.len() >= 5, "{noted:?}");
    assert!(
        noted.iter().all(|(_, _, hint)| !hint.contains("note")),
        "{noted:?}"
    );
    let warned = findings("");
    assert_eq!(warned.len(), noted.len());
    assert!(
        warned
            .iter()
            .all(|(_, _, hint)| hint.contains("translation-missing: note")),
        "{warned:?}"
    );
    let folder = warned
        .iter()
        .find(|(file, _, _)| file == "content/guides/index.md")
        .unwrap();
    assert!(
        folder
            .1
            .starts_with("the page of the folder `guides/` has no `es` translation"),
        "{folder:?}"
    );
    // The home page, once it has no Spanish version.
    let dir = site_copy("two-languages");
    let site = dir.path().join("site");
    std::fs::remove_file(site.join("content/index.es.md")).unwrap();
    let all = check_json(&site, &[]);
    let home = all
        .iter()
        .find(|f| f["rule"] == "translation-missing" && f["file"] == "content/index.md")
        .unwrap();
    assert!(
        home["message"]
            .as_str()
            .unwrap()
            .starts_with("the home page has no `es` translation (`content/index.es.md`), so `/es/` shows only a list of the pages translated into `es`"),
        "{home}"
    );
}

#[test]
fn a_translation_names_its_own_reviewer_never_its_originals() {
    const SQUAT: &str = "content/exercises/squat.yaml";
    const KNEE: &str = "content/programs/knee.yaml";
    let reviewer = "reviewed_by: \"Jo Carter, MSc, Physiotherapist\"\n";
    let (dir, tree) = built_after(&[], |site| {
        rewrite(site, SQUAT, |t| {
            t.replace("dose:", &format!("{reviewer}dose:"))
        });
        rewrite(site, KNEE, |t| {
            t.replace("pacing:", &format!("{reviewer}pacing:"))
        });
    });
    let reviewed_by = |tree: &BTreeMap<String, Vec<u8>>, path: &str| -> serde_json::Value {
        let html = page(tree, path);
        let data = between(html, r#"<script type="application/ld+json">"#, "</script>");
        let v: serde_json::Value = serde_json::from_str(data.split_once('>').unwrap().1).unwrap();
        v["reviewedBy"].clone()
    };
    // The originals name their reviewer, on the page and in the structured data.
    for path in ["exercises/squat/index.html", "planner/knee/index.html"] {
        assert!(page(&tree, path).contains("Jo Carter"), "{path}");
        assert_eq!(reviewed_by(&tree, path)["name"], "Jo Carter", "{path}");
    }
    // Their translations were checked by nobody the files name: no reviewer is claimed.
    for path in [
        "es/exercises/squat/index.html",
        "es/planner/knee/index.html",
    ] {
        let html = page(&tree, path);
        assert!(!html.contains("Jo Carter"), "{path}: {html}");
        assert!(!html.contains("Revisado por"), "{path}");
        assert!(reviewed_by(&tree, path).is_null(), "{path}");
    }
    // A translation's own reviewer is named on its page and in its structured data.
    let own = "    reviewed_by: \"Ana Ruiz, Fisioterapeuta\"\n";
    let site = dir.path().join("site");
    rewrite(&site, SQUAT, |t| {
        t.replace(
            "    equipment: [silla]\n",
            &format!("    equipment: [silla]\n{own}"),
        )
    });
    rewrite(&site, KNEE, |t| {
        t.replace(
            "    description: Ejercicios",
            &format!("{own}    description: Ejercicios"),
        )
    });
    let tree = rebuilt(&dir, "public", &[]);
    for path in [
        "es/exercises/squat/index.html",
        "es/planner/knee/index.html",
    ] {
        let html = page(&tree, path);
        assert!(
            html.contains("Revisado por Ana Ruiz, Fisioterapeuta"),
            "{path}: {html}"
        );
        assert!(!html.contains("Jo Carter"), "{path}");
        assert_eq!(reviewed_by(&tree, path)["name"], "Ana Ruiz", "{path}");
    }
}
