//! `sinew build` end to end: the real binary on fixture sites.
//!
//! - valid sites: pages, links both ways, review dates, tags, drafts, sitemap
//! - sub-path publishing (`--base-url`)
//! - determinism and atomic replacement of the output
//! - every broken site under `tests/fixtures/invalid/` fails with its message and
//!   leaves the previous output untouched

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::Path;

#[test]
fn basic_site_pages_links_and_backlinks() {
    let d = site_copy("basic");
    let out = d.path().join("out");
    let o = build_ok(&d.path().join("site"), &out, &[]);
    let summary = String::from_utf8_lossy(&o.stdout);
    // 18, the search page, its A-Z list and the planner's summary.
    assert!(summary.contains("built 21 pages"), "{summary}");
    let t = read_tree(&out);

    let knee = page(&t, "guides/knee/index.html");
    assert!(
        knee.contains(r#"href="/exercises/wall-sit/#steps""#),
        "link to exercise anchor"
    );
    assert!(
        knee.contains(r#"href="/planner/knee/""#),
        "condition page links to its planner"
    );
    assert!(knee.contains(r#"<h2 id="what-helps">"#) && knee.contains(r#"<h2 id="what-helps-1">"#));
    assert!(
        knee.contains(r#"class="card exercise-card""#)
            && knee.contains("3 sets of 5, hold 10 seconds, once a day")
    );
    assert!(knee.contains(r#"<ol class="ladder">"#) && knee.contains("from 1 x 3 up to 3 x 10"));
    assert!(
        knee.contains("Page last reviewed:")
            && knee.contains(r#"<time datetime="2026-01-15">15 January 2026</time>"#)
    );
    assert!(
        knee.contains(r#"<time datetime="2026-07-15">15 July 2026</time>"#),
        "next review is 6 months later"
    );
    assert!(knee.contains(r#"<img src="/images/knee.svg" alt="A knee diagram""#));
    assert!(knee.contains(r#"href="/tags/self-help/""#));
    assert!(!knee.contains("sinewshortcode"));

    let wall = page(&t, "exercises/wall-sit/index.html");
    assert!(wall.contains(r#"Step 1 of 3 in <a href="/planner/knee/">Knee ladder</a>"#));
    assert!(wall.contains(r#"Next step: <a href="/exercises/step-up/">Step up</a>"#));
    assert!(
        wall.contains(r#"<a href="/guides/knee/">Knee pain</a>"#),
        "exercise lists the pages that use it"
    );
    let step = page(&t, "exercises/step-up/index.html");
    assert!(step.contains(r#"Step before: <a href="/exercises/wall-sit/">Wall sit</a>"#));
    assert!(step.contains(r#"Next step: <a href="/exercises/squat/">Squat</a>"#));

    let plan = page(&t, "planner/knee/index.html");
    assert!(
        plan.contains(r#"<a href="/guides/knee/">Knee pain</a>"#),
        "planner links back to the condition"
    );
    assert!(plan.contains("<td>1</td><td>Wall sit</td><td>1 x 3</td>"));
    assert!(plan.contains("<td>4</td><td>Wall sit</td><td>3 x 10</td>"));
    assert!(plan.contains("<td>9</td><td>Squat</td><td>2 x 10</td>"));
    assert!(
        !plan.contains("<td>10</td>"),
        "4 + 3 + 2 days in the ideal schedule"
    );
    assert!(plan.contains(r#"<script type="application/json" id="sinew-ladder">"#));
    assert!(plan.contains("Content-Security-Policy"));
    let sheet = page(&t, "planner/knee/log-sheet/index.html");
    assert!(
        sheet.contains("<li>Squat: from 2 x 5 up to 2 x 10</li>"),
        "the log sheet lists the ladder's amounts:\n{sheet}"
    );
    assert!(
        !sheet.contains("<td>2 x 10</td>"),
        "no pre-printed dose: it is wrong after the first bad day"
    );
    assert!(
        sheet.contains("move up to the next dose the next day"),
        "the progression rule"
    );
    assert!(plan.contains(r#"href="/planner/knee/log-sheet/""#));

    let tag = page(&t, "tags/self-help/index.html");
    assert!(
        tag.contains("Knee pain") && tag.contains("Pacing"),
        "tags merge by slug"
    );
    let pacing = page(&t, "guides/pacing/index.html");
    assert!(
        pacing.contains(r#"<pre><code>{{ exercise(id="not-a-shortcode-in-code") }}"#),
        "code is left alone"
    );
    let guides = page(&t, "guides/index.html");
    assert!(
        guides.contains(r#"<h2 id="choosing-a-guide">"#),
        "a folder's index.md is its listing's text"
    );
    assert!(
        guides.find("Pacing").unwrap() < guides.find("Knee pain").unwrap(),
        "weight orders listings"
    );

    assert!(
        !t.contains_key("guides/old/index.html"),
        "drafts are left out"
    );
    assert!(t.contains_key("guides/handout.txt") && t.contains_key("images/knee.svg"));
    assert!(page(&t, "404.html").contains("cannot find that page"));
    // `base_url: /` is only a path: no sitemap (its addresses must be full), and no
    // `Sitemap:` line (issue 13, item 9).
    assert!(!t.contains_key("sitemap.xml"));
    assert_eq!(page(&t, "robots.txt"), "User-agent: *\nAllow: /\n");
}

#[test]
fn drafts_flag_includes_drafts() {
    let d = site_copy("basic");
    let out = d.path().join("out");
    build_ok(&d.path().join("site"), &out, &["--drafts"]);
    assert!(out.join("guides/old/index.html").is_file());
}

/// A folder all of whose pages are drafts is left out as they are: a draft in a page
/// folder (`new-service/index.md`, with its picture and leaflet) and a new section still
/// being written were published as empty listings in the top menu, with the draft's
/// files. A page that uses one of those files is told why it is not published.
#[test]
fn a_folder_of_drafts_is_left_out_with_its_files() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let out = d.path().join("out");
    let draft =
        |title: &str| format!("---\ntitle: {title}\ndraft: true\n---\n\nNot checked yet.\n");
    for (rel, text) in [
        ("content/new-service/index.md", draft("Shockwave therapy")),
        (
            "content/new-service/patient-photo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".into(),
        ),
        (
            "content/new-service/leaflet.txt",
            "Not for patients yet.".into(),
        ),
        ("content/coming-soon/acupuncture.md", draft("Acupuncture")),
        ("content/coming-soon/pilates/index.md", draft("Pilates")),
        ("content/guides/later/sciatica.md", draft("Sciatica")),
        (
            "content/new-service/pictures/room.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".into(),
        ),
    ] {
        std::fs::create_dir_all(site.join(rel).parent().unwrap()).unwrap();
        std::fs::write(site.join(rel), text).unwrap();
    }
    // Shortcuts (symbolic links) into a folder of drafts follow its rule: to the folder,
    // to a folder of its pictures (which has no page of its own to be a draft) and to
    // one picture, from the top and from a folder that is published.
    #[cfg(unix)]
    for (link, to) in [
        ("content/service", "new-service"),
        ("content/service-pictures", "new-service/pictures"),
        (
            "content/guides/room.svg",
            "../new-service/pictures/room.svg",
        ),
        ("content/guides/leaflet.txt", "../new-service/leaflet.txt"),
    ] {
        std::os::unix::fs::symlink(to, site.join(link)).unwrap();
    }
    build_ok(&site, &out, &[]);
    let t = read_tree(&out);
    let leaked: Vec<&String> = t
        .keys()
        .filter(|k| {
            [
                "new-service",
                "coming-soon",
                "guides/later",
                "service",
                "guides/room.svg",
                "guides/leaflet.txt",
            ]
            .iter()
            .any(|f| k.starts_with(f))
        })
        .collect();
    assert!(
        leaked.is_empty(),
        "published from draft folders: {leaked:?}"
    );
    for (path, text) in &t {
        let text = String::from_utf8_lossy(text);
        for name in [
            "/new-service/",
            "/coming-soon/",
            "/guides/later/",
            "New service",
            "Coming soon",
        ] {
            assert!(!text.contains(name), "{path} names `{name}`");
        }
    }
    assert!(
        t.contains_key("guides/index.html"),
        "the section with a published page stays"
    );

    let with_drafts = d.path().join("with-drafts");
    build_ok(&site, &with_drafts, &["--drafts"]);
    let t = read_tree(&with_drafts);
    for key in [
        "new-service/index.html",
        "new-service/patient-photo.svg",
        "new-service/leaflet.txt",
        "coming-soon/index.html",
        "coming-soon/acupuncture/index.html",
        "guides/later/sciatica/index.html",
    ] {
        assert!(t.contains_key(key), "--drafts publishes {key}");
    }
    #[cfg(unix)]
    for key in [
        "service/patient-photo.svg",
        "service-pictures/room.svg",
        "guides/room.svg",
        "guides/leaflet.txt",
    ] {
        assert!(t.contains_key(key), "--drafts publishes {key}");
    }

    let before = read_tree(&out);
    std::fs::write(
        site.join("content/about.md"),
        "---\ntitle: About\n---\n\n![Our room](/new-service/patient-photo.svg)\n",
    )
    .unwrap();
    let err = build_err(&site, &out, &[]);
    assert!(
        err.contains("points at `content/new-service/patient-photo.svg`, which is not published: every page in its folder is a draft"),
        "{err}"
    );
    assert!(read_tree(&out) == before);
    #[cfg(unix)]
    {
        std::fs::write(
            site.join("content/about.md"),
            "---\ntitle: About\n---\n\n![Our room](guides/room.svg)\n",
        )
        .unwrap();
        let err = build_err(&site, &out, &[]);
        assert!(
            err.contains("points at `content/guides/room.svg`, which is not published: every page in its folder is a draft")
                && err.contains("(for a shortcut, a symbolic link, out of the folder it leads to)"),
            "{err}"
        );
    }
}

/// `%XX` escapes decoded (the test's own, so it does not trust sinew's).
fn percent_decode(s: &str) -> String {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if let Some(v) = s
            .get(i + 1..i + 3)
            .filter(|_| b[i] == b'%')
            .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// Every internal `href`/`src` in every page must point at a file of the output.
fn assert_links_resolve(out: &Path, base: &str) {
    let t = read_tree(out);
    for (path, bytes) in &t {
        if !path.ends_with(".html") {
            continue;
        }
        let html = std::str::from_utf8(bytes).unwrap();
        for url in urls_in(html) {
            if url.starts_with("http")
                || url.starts_with("mailto:")
                || url.starts_with("tel:")
                || url.starts_with('#')
            {
                continue;
            }
            assert!(
                url.starts_with(base),
                "{path}: `{url}` does not start with the base path {base}"
            );
            let local = percent_decode(url[base.len()..].split('#').next().unwrap());
            let local = local.as_str();
            let found = t.contains_key(local)
                || t.contains_key(&format!("{local}index.html"))
                || (local.is_empty() && t.contains_key("index.html"));
            assert!(found, "{path}: `{url}` points at nothing");
        }
    }
}

#[test]
fn every_internal_link_resolves() {
    let d = site_copy("basic");
    let out = d.path().join("out");
    build_ok(&d.path().join("site"), &out, &[]);
    assert_links_resolve(&out, "/");
}

#[test]
fn sub_path_site_prefixes_every_url() {
    let d = site_copy("basic");
    let out = d.path().join("out");
    std::fs::write(
        d.path().join("site/content/guides/Ödem.md"),
        "---\ntitle: Swelling\n---\nSwelling.\n",
    )
    .unwrap();
    build_ok(
        &d.path().join("site"),
        &out,
        &["--base-url", "https://clinic.example/patients/"],
    );
    assert_links_resolve(&out, "/patients/");
    let t = read_tree(&out);
    let sitemap = page(&t, "sitemap.xml");
    assert!(sitemap.contains(
        "<loc>https://clinic.example/patients/guides/knee/</loc><lastmod>2026-01-15</lastmod>"
    ));
    assert!(
        sitemap.contains("<loc>https://clinic.example/patients/guides/%C3%B6dem/</loc>"),
        "non-ASCII paths are percent-encoded: {sitemap}"
    );
    assert!(!sitemap.contains("404"));
    assert!(
        page(&t, "robots.txt").contains("Sitemap: https://clinic.example/patients/sitemap.xml")
    );
    assert!(page(&t, "planner/knee/index.html").contains(r#"src="/patients/planner/main.js""#));
}

/// A site-level address written as a site path (`booking_url: /about/`) reaches every
/// place that shows it (the footer of every page, the planner's data) with the site's
/// folder in front, as every other address does.
#[test]
fn site_level_addresses_get_the_sites_folder() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let out = d.path().join("out");
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    std::fs::write(
        site.join("site.yaml"),
        yaml.replace(
            "booking_url: https://clinic.example/book",
            "booking_url: /about/",
        ),
    )
    .unwrap();
    build_ok(&site, &out, &["--base-url", "/patients/"]);
    assert_links_resolve(&out, "/patients/");
    let t = read_tree(&out);
    let planner = page(&t, "planner/knee/index.html");
    assert!(
        planner.contains(r#""booking_url":"/patients/about/""#),
        "{planner}"
    );
    assert!(!planner.contains(r#""/about/""#), "{planner}");
    assert!(page(&t, "guides/pacing/index.html").contains(r#"href="/patients/about/""#));
}

/// The service worker's `VERSION` line.
fn sw_version(t: &std::collections::BTreeMap<String, Vec<u8>>) -> String {
    let sw = page(t, "sw.js");
    sw.lines()
        .find(|l| l.starts_with("const VERSION = "))
        .expect("sw.js has a VERSION line")
        .to_string()
}

#[test]
fn offline_worker_manifest_and_summary_follow_the_site() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let (a, b) = (d.path().join("a"), d.path().join("b"));
    build_ok(
        &site,
        &a,
        &["--base-url", "https://clinic.example/patients/"],
    );
    build_ok(
        &site,
        &b,
        &["--base-url", "https://clinic.example/patients/"],
    );
    let (ta, tb) = (read_tree(&a), read_tree(&b));
    assert_eq!(
        page(&ta, "sw.js"),
        page(&tb, "sw.js"),
        "same input, same worker"
    );
    let sw = page(&ta, "sw.js");
    assert!(sw.contains(r#"const BASE = "/patients/";"#), "{sw}");
    assert!(
        sw.contains("/__sinew/"),
        "the worker leaves the live reload alone"
    );
    let m: serde_json::Value = serde_json::from_str(page(&ta, "manifest.webmanifest")).unwrap();
    assert_eq!(m["name"], "Test Clinic");
    assert_eq!(m["start_url"], "/patients/");
    assert_eq!(m["theme_color"], "#0b5d5a");
    for icon in m["icons"].as_array().unwrap() {
        let src = icon["src"]
            .as_str()
            .unwrap()
            .strip_prefix("/patients/")
            .unwrap();
        let png = &ta[src];
        assert_eq!(&png[1..4], b"PNG", "{src}");
        let size = icon["sizes"].as_str().unwrap().split('x').next().unwrap();
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        assert_eq!(
            width.to_string(),
            size,
            "{src} is as wide as the manifest says"
        );
    }
    let home = page(&ta, "index.html");
    assert!(home.contains(r#"<link rel="manifest" href="/patients/manifest.webmanifest">"#));
    assert!(home.contains(r#"<link rel="apple-touch-icon" href="/patients/icons/icon-180.png">"#));
    let planner = page(&ta, "planner/knee/index.html");
    assert!(planner.contains(r#"data-sw="/patients/sw.js" data-scope="/patients/""#));
    assert!(planner.contains("manifest-src 'self'; worker-src 'self'"));
    let summary = page(&ta, "planner/knee/summary/index.html");
    assert!(summary.contains(r#"src="/patients/planner/summary.js""#));
    assert!(summary.contains(r#"id="sinew-ladder""#));

    // Any change to the site is a new worker; the clinic's colour reaches the manifest.
    std::fs::write(
        site.join("content/about.md"),
        "---\ntitle: About us\n---\nNew words.\n",
    )
    .unwrap();
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    std::fs::write(site.join("site.yaml"), yaml + "theme_color: \"#123456\"\n").unwrap();
    build_ok(
        &site,
        &b,
        &["--base-url", "https://clinic.example/patients/"],
    );
    let tb = read_tree(&b);
    assert_ne!(sw_version(&ta), sw_version(&tb));
    assert!(page(&tb, "index.html").contains(r##"<meta name="theme-color" content="#123456">"##));
}

#[test]
fn sample_site_builds_and_links_resolve() {
    let d = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = d.path().join("public");
    build_ok(root, &out, &[]);
    assert_links_resolve(&out, "/");
    let t = read_tree(&out);
    for id in [
        "double-leg-bridge",
        "single-leg-bridge-bent-knee",
        "single-leg-bridge-straight-knee",
        "arabesque",
        "lunge",
        "jump-lunge",
    ] {
        assert!(
            t.contains_key(&format!("exercises/{id}/index.html")),
            "{id}"
        );
    }
    assert!(
        page(&t, "planner/hamstring/index.html").contains("<td>18</td>"),
        "six steps of three days"
    );
    // A patient may type /es/: the sample has a Spanish home page there (it was a 404,
    // and the Spanish pages' "Inicio" led to the English one).
    let es_home = page(&t, "es/index.html");
    assert!(es_home.contains(r#"<html lang="es""#), "{es_home}");
    assert!(es_home.contains("Ayuda para el dolor, en casa"));
}

#[test]
fn output_is_deterministic_and_replaced_atomically() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let (a, b) = (d.path().join("a"), d.path().join("b"));
    build_ok(&site, &a, &[]);
    build_ok(&site, &b, &[]);
    assert!(read_tree(&a) == read_tree(&b), "same input, same bytes");

    // A removed page disappears on the next build; no temporary folders are left.
    std::fs::remove_file(site.join("content/about.md")).unwrap();
    build_ok(&site, &a, &[]);
    assert!(!a.join("about/index.html").exists());
    assert_only_spare_and_lock_beside(d.path());
}

#[test]
fn refuses_to_write_over_the_site() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let s = site.to_str().unwrap();
    for out in [
        s.to_string(),
        format!("{s}/content/out"),
        d.path().to_str().unwrap().to_string(),
    ] {
        let o = sinew(&["build", "--root", s, "--out", &out]);
        assert_eq!(o.status.code(), Some(1), "{out}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("choose"),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    assert!(site.join("content/index.md").is_file());
}

/// Applies `tests/fixtures/invalid/<case>/` (files to add or replace, plus `expected.txt`:
/// lines that must appear in the error output, or with a leading `!`, must not)
/// over a copy of the basic site that was built once, then checks the rebuild fails with
/// the expected text and a fix hint, and leaves the previous output byte-for-byte as it
/// was.
fn invalid_case_fails_clearly_and_keeps_the_previous_output(name: &str) {
    let case = fixtures().join("invalid").join(name);
    let d = site_copy("basic");
    let site = d.path().join("site");
    let out = d.path().join("public");
    build_ok(&site, &out, &[]);
    let before = read_tree(&out);
    for e in walkdir::WalkDir::new(&case) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(&case).unwrap();
        if let (true, Some(to)) = (e.file_type().is_file(), fixture_target(&case, rel)) {
            std::fs::create_dir_all(site.join(&to).parent().unwrap()).unwrap();
            std::fs::copy(e.path(), site.join(to)).unwrap();
        }
    }
    let o = build(&site, &out, &[]);
    let stderr = String::from_utf8_lossy(&o.stderr).to_string();
    let expected = std::fs::read_to_string(case.join("expected.txt")).unwrap();
    // A line starting with `!` must not appear (a consequence reported twice, jargon).
    let missing: Vec<&str> = expected
        .lines()
        .filter(|l| match l.strip_prefix('!') {
            Some(absent) => stderr.contains(absent),
            None => !l.is_empty() && !stderr.contains(l),
        })
        .collect();
    assert!(
        o.status.code() == Some(1) && missing.is_empty() && !stderr.contains("panicked"),
        "{name}: exit {:?}, missing {missing:?}\n{stderr}",
        o.status.code()
    );
    assert!(stderr.contains("help:"), "{name}: no fix hint\n{stderr}");
    assert!(
        read_tree(&out) == before,
        "{name}: the previous output changed"
    );
}

/// One test per broken-site case: `invalid_cases! { test_name: "folder", ... }`.
macro_rules! invalid_cases {
    ($($test:ident: $folder:literal,)*) => {
        $(
            #[test]
            fn $test() {
                invalid_case_fails_clearly_and_keeps_the_previous_output($folder);
            }
        )*

        /// Every folder of `tests/fixtures/invalid/` has its test above.
        #[test]
        fn every_invalid_case_folder_has_a_test() {
            let listed = [$($folder),*];
            let mut missing = Vec::new();
            for e in std::fs::read_dir(fixtures().join("invalid")).unwrap() {
                let name = e.unwrap().file_name().to_string_lossy().to_string();
                if !listed.contains(&name.as_str()) {
                    missing.push(name);
                }
            }
            assert!(
                missing.is_empty(),
                "add these to `invalid_cases!` in tests/build.rs: {missing:?}"
            );
        }
    };
}

/// An unlisted Vimeo video's share link (`vimeo.com/ID/KEY`) gets the click-to-load
/// player with its key, which the player needs to show the video (it was a plain link,
/// the patient sent off to Vimeo's site).
/// The `video` fixture, changed by `edit` (given its site folder), built: its output.
fn video_site_built(edit: impl FnOnce(&Path)) -> BTreeMap<String, Vec<u8>> {
    let d = site_copy("video");
    let site = d.path().join("site");
    edit(&site);
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    read_tree(&out)
}

#[test]
fn an_unlisted_vimeo_link_gets_the_player_with_its_key() {
    let t = video_site_built(|site| {
        rewrite(site, "content/exercises/calf-raise.yaml", |t| {
            t.replace(
                "https://vimeo.com/76979871",
                "https://vimeo.com/76979871/1a2b3c4d5e?share=copy",
            )
        });
    });
    let calf = page(&t, "exercises/calf-raise/index.html");
    assert!(
        calf.contains(
            r#"data-embed="https://player.vimeo.com/video/76979871?h=1a2b3c4d5e&amp;autoplay=1&amp;dnt=1""#
        ),
        "{calf}"
    );
    assert!(calf.contains("frame-src https://player.vimeo.com;"));
}

/// A web video whose address is written with character references (`&#x68;ttps://`) is
/// a web address as the browser reads it: the page shows the player or the link to it,
/// not a search for a site file of that name.
#[test]
fn a_video_address_with_character_references_is_a_web_address() {
    let t = video_site_built(|site| {
        rewrite(site, "content/exercises/calf-raise.yaml", |t| {
            t.replace(
                "https://vimeo.com/76979871",
                "\"&#x68;ttps://vimeo.com/76979871\"",
            )
        });
        rewrite(site, "content/exercises/wall-push.yaml", |t| {
            t.replace(
                "https://example.org/videos/wall-push",
                "\"&#104;ttps&colon;//example.org/videos/wall-push\"",
            )
        });
    });
    let calf = page(&t, "exercises/calf-raise/index.html");
    assert!(
        calf.contains(
            r#"data-embed="https://player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1""#
        ),
        "{calf}"
    );
    let wall = page(&t, "exercises/wall-push/index.html");
    assert!(
        wall.contains(r#"<a class="button" href="https://example.org/videos/wall-push">"#),
        "{wall}"
    );
}

/// Exercise videos of every kind (issue 15): a site video with captions next to its
/// exercise file, YouTube and Vimeo behind a click-to-load button with a CSP naming only
/// their player, any other address as a plain link; print footers and QR codes.
#[test]
fn video_site_players_handouts_and_qr_codes() {
    let d = site_copy("video");
    let out = d.path().join("out");
    build_ok(&d.path().join("site"), &out, &[]);
    let t = read_tree(&out);

    let grip = page(&t, "exercises/grip/index.html");
    assert!(
        grip.contains(r#"<source src="/physio/exercises/grip.mp4" type="video/mp4">"#),
        "{grip}"
    );
    assert!(grip.contains(r#"<track kind="captions" src="/physio/exercises/grip.vtt" srclang="en-GB" label="Captions" default>"#));
    assert!(grip.contains(r#"preload="metadata""#));
    assert!(grip.contains("media-src 'self';") && !grip.contains("frame-src"));
    assert!(!grip.contains("video.js"), "no script for a site video");
    assert!(t.contains_key("exercises/grip.mp4") && t.contains_key("exercises/grip.vtt"));

    let hinge = page(&t, "exercises/hip-hinge/index.html");
    assert!(hinge.contains(
        r#"data-embed="https://www.youtube-nocookie.com/embed/AbCdEfGhIj0?autoplay=1&amp;rel=0""#
    ), "{hinge}");
    assert!(hinge.contains(r#"<script type="module" src="/physio/video.js"></script>"#));
    assert!(hinge.contains("frame-src https://www.youtube-nocookie.com; connect-src 'none'"));
    assert!(hinge.contains("Play the video of Hip hinge from YouTube"));
    assert!(
        !hinge.contains("ytimg") && !hinge.contains("<iframe"),
        "nothing from YouTube before play"
    );
    assert!(t.contains_key("video.js"));

    let calf = page(&t, "exercises/calf-raise/index.html");
    assert!(calf.contains("frame-src https://player.vimeo.com;"));
    assert!(
        calf.contains(r#"<img class="video-poster" src="/physio/images/calf-raise.jpg" alt="">"#)
    );

    let wall = page(&t, "exercises/wall-push/index.html");
    assert!(wall.contains(r#"<a class="button" href="https://example.org/videos/wall-push">"#));
    assert!(!wall.contains("Content-Security-Policy") && !wall.contains("video.js"));

    // A page whose CSP forbids sending forms (a player's, the planner's) links to the
    // search page from its header instead of holding the search form; the others hold it.
    let search_form = r#"<form class="site-search" role="search" action="/physio/search/""#;
    let search_link =
        r#"<p class="site-search"><a href="/physio/search/">Search this site</a></p>"#;
    assert!(wall.contains(search_form), "{wall}");
    let mut no_forms = 0;
    for (path, bytes) in &t {
        let Some(html) = path
            .ends_with(".html")
            .then(|| String::from_utf8_lossy(bytes))
        else {
            continue;
        };
        if html.contains("form-action 'none'") {
            no_forms += 1;
            assert!(
                !html.contains("<form"),
                "{path} sends a form its CSP forbids"
            );
            assert!(html.contains(search_link), "{path} has no way to search");
        }
    }
    assert!(
        no_forms >= 3,
        "the grip, hip-hinge and calf-raise pages at least"
    );

    // Print: the page's full address and a QR code for it and for the video.
    assert!(grip.contains("https://clinic.example/physio/exercises/grip/"));
    assert!(grip.contains(r#"aria-label="QR code: this exercise's page""#));
    assert!(grip.contains(r#"aria-label="QR code: the video of Grip squeeze""#));
    assert!(grip.contains("https://clinic.example/physio/exercises/grip.mp4"));
    assert!(grip.contains("Phone: 01632 960 555"));

    let handout = page(&t, "planner/arm/handout/index.html");
    for want in [
        "Step 1: <a href=\"/physio/exercises/grip/\">Grip squeeze</a>",
        "From 2 x 5 up to 2 x 10",
        "Squeeze it as hard as feels OK",
        "https://clinic.example/physio/exercises/hip-hinge/",
        "step back one more dose",
    ] {
        assert!(
            handout.contains(want),
            "{want} missing from the handout:\n{handout}"
        );
    }
    assert_eq!(handout.matches(r#"<svg class="qr""#).count(), 4);
    let plan = page(&t, "planner/arm/index.html");
    assert!(plan.contains(r#"href="/physio/planner/arm/handout/""#));
    assert!(
        plan.contains(r#""video":"/physio/exercises/grip.mp4""#),
        "the planner links the site video"
    );

    // With only a path for an address there is no QR code: print shows the path.
    let out2 = d.path().join("out2");
    build_ok(&d.path().join("site"), &out2, &["--base-url", "/physio/"]);
    let t2 = read_tree(&out2);
    let grip2 = page(&t2, "exercises/grip/index.html");
    assert!(!grip2.contains("<svg class=\"qr\""), "{grip2}");
    assert!(grip2.contains(
        r#"This page on the web: <span class="handout-address">/physio/exercises/grip/</span>"#
    ));
    assert!(grip2.contains(
        r#"Video of Grip squeeze: <span class="handout-address">/physio/exercises/grip.mp4</span>"#
    ));
}

mod invalid {
    use super::*;

    invalid_cases! {
        alias_collision: "alias-collision",
        alias_not_a_path: "alias-not-a-path",
        alias_percent_codes: "alias-percent-codes",
        bad_date: "bad-date",
        bad_exercise_id: "bad-exercise-id",
        id_with_accents: "id-with-accents",
        bad_theme_color: "bad-theme-color",
        baseline_max_zero: "baseline-max-zero",
        binary_file: "binary-file",
        broken_anchor: "broken-anchor",
        broken_anchor_on_exercise_list: "broken-anchor-on-exercise-list",
        broken_link: "broken-link",
        curly_quoted_address: "curly-quoted-address",
        link_to_a_renamed_page: "link-to-a-renamed-page",
        captions_on_youtube: "captions-on-youtube",
        condition_not_a_link: "condition-not-a-link",
        control_characters: "control-characters",
        days_min_above_max: "days-min-above-max",
        duplicate_keys: "duplicate-keys",
        empty_file: "empty-file",
        generated_file_collision: "generated-file-collision",
        invalid_utf8: "invalid-utf8",
        entity_encoded_addresses: "entity-encoded-addresses",
        javascript_in_raw_html: "javascript-in-raw-html",
        javascript_in_raw_html_attributes: "javascript-in-raw-html-attributes",
        javascript_link_in_markdown: "javascript-link-in-markdown",
        javascript_video: "javascript-video",
        link_to_draft: "link-to-draft",
        malformed_yaml: "malformed-yaml",
        missing_colon: "missing-colon",
        menu_broken_link: "menu-broken-link",
        menu_not_an_at_link: "menu-not-an-at-link",
        milestone_not_in_ladder: "milestone-not-in-ladder",
        misplaced_yaml: "misplaced-yaml",
        missing_image: "missing-image",
        missing_pain_rule: "missing-pain-rule",
        image_name_capitals: "image-name-capitals",
        missing_title: "missing-title",
        search_folder_taken: "search-folder-taken",
        severe_rise_within_pain_rule: "severe-rise-within-pain-rule",
        missing_video: "missing-video",
        site_missing_title: "site-missing-title",
        source_javascript: "source-javascript",
        start_above_target: "start-above-target",
        poster_on_another_host: "poster-on-another-host",
        static_page_collision: "static-page-collision",
        svg_with_script: "svg-with-script",
        tabs_in_yaml: "tabs-in-yaml",
        template_syntax: "template-syntax",
        translation_key_missing: "translation-key-missing",
        template_undefined: "template-undefined",
        template_unknown_include: "template-unknown-include",
        unclosed_shortcode: "unclosed-shortcode",
        unknown_exercise_in_ladder: "unknown-exercise-in-ladder",
        unknown_exercise_shortcode: "unknown-exercise-shortcode",
        unknown_field: "unknown-field",
        unknown_ladder_shortcode: "unknown-ladder-shortcode",
        unknown_program_field: "unknown-program-field",
        unknown_shortcode: "unknown-shortcode",
        unknown_template: "unknown-template",
        unnamable_folder: "unnamable-folder",
        unterminated_front_matter: "unterminated-front-matter",
        url_collision: "url-collision",
        emoji_name_collision: "emoji-name-collision",
        dose_without_reps: "dose-without-reps",
        value_line_indented_too_far: "value-line-indented-too-far",
        unclosed_quote: "unclosed-quote",
        video_embed_code: "video-embed-code",
        path_too_long: "path-too-long",
        blank_translated_name: "blank-translated-name",
        not_found_page_relative: "not-found-page-relative",
        srcset_in_page: "srcset-in-page",
        srcset_two_bad: "srcset-two-bad",
        srcset_hint_not_the_page: "srcset-hint-not-the-page",
        translation_file_lacks_new_texts: "translation-file-lacks-new-texts",
        unquoted_html_address: "unquoted-html-address",
        text_file_extension: "text-file-extension",
        page_html_poster: "page-html-poster",
        percent_codes_in_file_names: "percent-codes-in-file-names",
        wrong_type: "wrong-type",
        // Issue 13, items 5 and 12 to 16.
        blank_required_fields: "blank-required-fields",
        blank_list_items: "blank-list-items",
        list_item_indented_too_far: "list-item-indented-too-far",
        every_problem_at_once: "every-problem-at-once",
        broken_ladder_reported_once: "broken-ladder-reported-once",
        empty_ladder_file: "empty-ladder-file",
        line_from_parser: "line-from-parser",
        plain_words: "plain-words",
        utf16_file: "utf16-file",
        utf16_no_bom: "utf16-no-bom",
        // Found by trying to break the sample site as clinic staff would.
        broken_page_with_translation: "broken-page-with-translation",
        utf16_site_yaml: "utf16-site-yaml",
        language_not_a_code: "language-not-a-code",
        translation_of_a_draft: "translation-of-a-draft",
        broken_translation_table: "broken-translation-table",
        address_up_out_of_the_site: "address-up-out-of-the-site",
        // Item 10.
        addresses_to_other_hosts: "addresses-to-other-hosts",
        base_url_with_query: "base-url-with-query",
        milestone_link_other_host: "milestone-link-other-host",
        // Items 1, 2, 4, 6 and 7.
        unchecked_addresses: "unchecked-addresses",
        same_page_anchor: "same-page-anchor",
        footnote_twice: "footnote-twice",
        link_with_space: "link-with-space",
        link_left_as_text: "link-left-as-text",
        unclosed_comment: "unclosed-comment",
        unclosed_html_block: "unclosed-html-block",
        undefined_reference: "undefined-reference",
        duplicate_id: "duplicate-id",
        // Item 11: `check` runs the same checks (tests/check.rs).
        unwritable_names: "unwritable-names",
        // Item 16: template errors carry a line and column.
        template_unknown_filter: "template-unknown-filter",
        template_unknown_function: "template-unknown-function",
        template_unknown_test: "template-unknown-test",
        // Item 1: literal addresses in the site's templates.
        template_address: "template-address",
        template_address_outside_folder: "template-address-outside-folder",
        template_built_address: "template-built-address",
        template_relative_typo: "template-relative-typo",
        booking_url_page: "booking-url-page",
    }
}

#[test]
fn all_problems_are_reported_together() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    std::fs::write(
        site.join("content/about.md"),
        "---\ntitle: A\n---\n[x](@/nope.md)\n",
    )
    .unwrap();
    std::fs::write(site.join("content/exercises/squat.yaml"), "name: Squat\n").unwrap();
    let stderr = build_err(&site, &d.path().join("o"), &[]);
    assert!(
        stderr.contains("content/about.md:4") && stderr.contains("content/exercises/squat.yaml"),
        "{stderr}"
    );
    assert!(stderr.contains("2 problems found"), "{stderr}");
    assert!(!d.path().join("o").exists(), "nothing is written");
}

#[test]
fn site_files_override_the_built_in_theme_by_name() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    std::fs::create_dir_all(site.join("templates/shortcodes")).unwrap();
    std::fs::write(
        site.join("templates/page.html"),
        "{% extends \"base.html\" %}{% block main %}<h1 class=\"mine\">{{ page.title }}</h1>{{ page.content | safe }}{% endblock main %}",
    )
    .unwrap();
    std::fs::write(
        site.join("templates/shortcodes/exercise.html"),
        "<p class=\"my-card\">{{ exercise.name }}</p>",
    )
    .unwrap();
    std::fs::write(site.join("templates/wide.html"), "WIDE {{ page.title }}").unwrap();
    std::fs::write(
        site.join("content/wide.md"),
        "---\ntitle: Wide page\ntemplate: wide.html\n---\n",
    )
    .unwrap();
    std::fs::write(site.join("static/style.css"), "body { color: red }").unwrap();
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    let t = read_tree(&out);
    assert!(page(&t, "about/index.html").contains(r#"<h1 class="mine">About us</h1>"#));
    assert!(page(&t, "guides/knee/index.html").contains(r#"<p class="my-card">Wall sit</p>"#));
    assert_eq!(page(&t, "wide/index.html"), "WIDE Wide page");
    assert_eq!(page(&t, "style.css"), "body { color: red }");
    assert!(
        t.contains_key("planner/main.js"),
        "files the site does not override still come from the theme"
    );
    assert!(
        page(&t, "exercises/wall-sit/index.html").contains("Wall sit"),
        "other templates stay built in"
    );
}

#[test]
fn a_broken_shortcode_template_is_named_once_at_the_page_line() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    std::fs::create_dir_all(site.join("templates/shortcodes")).unwrap();
    std::fs::write(
        site.join("templates/shortcodes/exercise.html"),
        "<p>{{ exercise.no_such_field }}</p>",
    )
    .unwrap();
    let stderr = build_err(&site, &d.path().join("out"), &[]);
    assert!(
        stderr.contains("content/guides/knee.md:")
            && stderr.contains("the template `templates/shortcodes/exercise.html` that shows this shortcode has an error")
            && stderr.contains("help: fix `templates/shortcodes/exercise.html`"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("error[template]"),
        "the template's error is not repeated inside: {stderr}"
    );
}

#[test]
fn a_folder_that_is_not_a_site_is_explained() {
    let d = tempfile::tempdir().unwrap();
    let stderr = build_err(d.path(), &d.path().join("out"), &[]);
    assert!(
        stderr.contains("is not a sinew site") && stderr.contains("--root"),
        "{stderr}"
    );
}

#[test]
fn a_broken_page_is_reported_once_not_by_every_link_to_it() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    std::fs::write(
        site.join("content/guides/knee.md"),
        "---\ntitel: Knee\n---\n",
    )
    .unwrap();
    let stderr = build_err(&site, &d.path().join("o"), &[]);
    assert!(
        stderr.contains("content/guides/knee.md:2") && stderr.contains("1 problem found"),
        "{stderr}"
    );
}

#[test]
fn a_folder_of_other_files_is_never_emptied() {
    let d = site_copy("basic");
    let docs = d.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("thesis.txt"), "years of work").unwrap();
    let stderr = build_err(&d.path().join("site"), &docs, &[]);
    assert!(
        stderr.contains("already holds files that sinew did not make"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(docs.join("thesis.txt")).unwrap(),
        "years of work"
    );
    assert_eq!(std::fs::read_dir(&docs).unwrap().count(), 1);
}

#[cfg(unix)]
#[test]
fn an_output_folder_reached_through_a_symbolic_link_stays_a_link() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let real = d.path().join("real");
    let link = d.path().join("link");
    std::fs::create_dir_all(&real).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    for _ in 0..3 {
        build_ok(&site, &link, &[]);
    }
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(real.join("index.html").is_file() && link.join("guides/knee/index.html").is_file());
}

#[test]
fn a_base_url_that_is_not_an_address_is_refused_and_hidden_static_files_stay_private() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let stderr = build_err(
        &site,
        &d.path().join("o"),
        &["--base-url", "clinic.example"],
    );
    assert!(
        stderr.contains("is not a path or a full address"),
        "{stderr}"
    );

    std::fs::create_dir_all(site.join("static/.git")).unwrap();
    std::fs::write(site.join("static/.git/config"), "secret").unwrap();
    std::fs::write(site.join("static/.env"), "secret").unwrap();
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    let t = read_tree(&out);
    assert!(
        t.keys().all(|k| !k.contains(".git") && !k.contains(".env")),
        "{:?}",
        t.keys().collect::<Vec<_>>()
    );
}

/// Issue 13, item 12: "UTF-8 with BOM" (Windows Notepad) is read like UTF-8 in every text
/// file sinew reads: `site.yaml`, pages, exercises, ladders and templates.
#[test]
fn files_saved_with_a_byte_order_mark_build() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let with_bom = |rel: &str| {
        let path = site.join(rel);
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(std::fs::read(&path).unwrap());
        std::fs::write(&path, bytes).unwrap();
    };
    std::fs::create_dir_all(site.join("templates")).unwrap();
    std::fs::write(site.join("templates/wide.html"), "WIDE {{ page.title }}").unwrap();
    std::fs::write(
        site.join("content/wide.md"),
        "---\ntitle: Wide page\ntemplate: wide.html\n---\n",
    )
    .unwrap();
    for rel in [
        "site.yaml",
        "content/about.md",
        "content/wide.md",
        "content/exercises/squat.yaml",
        "content/programs/knee.yaml",
        "templates/wide.html",
    ] {
        with_bom(rel);
    }
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    let t = read_tree(&out);
    assert_eq!(page(&t, "wide/index.html"), "WIDE Wide page");
    assert!(page(&t, "planner/knee/index.html").contains("Knee ladder"));
    assert!(page(&t, "about/index.html").contains("About us"));
    assert!(!page(&t, "about/index.html").contains('\u{feff}'));
}

/// Issue 13, item 8: operating-system and office junk is never published (from
/// `content/` or `static/`), and `static/.well-known/` is.
#[test]
fn junk_files_are_never_published_and_well_known_is() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let write = |rel: &str, text: &str| {
        let path = site.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    for junk in [
        "static/Thumbs.db",
        "static/images/desktop.ini",
        "static/images/.DS_Store",
        "static/images/ehthumbs.db",
        "static/images/Icon\r",
        "static/__MACOSX/images/._knee.svg",
        "content/guides/~$leaflet.docx",
        "content/guides/.~lock.leaflet.docx#",
        "content/guides/scan.TMP",
        "content/guides/Thumbs.db",
    ] {
        write(junk, "private");
    }
    write(
        "static/.well-known/security.txt",
        "Contact: mailto:it@clinic.example\n",
    );
    write("static/.well-known/.secret", "private");
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    let t = read_tree(&out);
    assert_eq!(
        page(&t, ".well-known/security.txt"),
        "Contact: mailto:it@clinic.example\n"
    );
    let private: Vec<&String> = t.keys().filter(|k| t[*k] == b"private").collect();
    assert!(private.is_empty(), "published: {private:?}");
}

/// Issue 13, items 3, 4 and 6: files beside a page (a page folder's `index.md`, a plain
/// page, an exercise) are published and linked where they are; a relative link to a
/// page's `.md` file and an `@/` link in angle brackets with a space work; raw HTML
/// addresses are resolved like Markdown ones; every id on a page is unique.
#[test]
fn files_beside_pages_and_every_kind_of_address() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let write = |rel: &str, text: &str| {
        let path = site.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "content/conditions/knee/index.md",
        "---\ntitle: Knee folder\n---\n![Knee diagram](knee-diagram.png)\n\n\
         Print [the knee leaflet](knee%20leaflet.pdf).\n\n\
         <a href=\"@/guides/pacing.md#top\">pacing</a> <img src=\"knee-diagram.png\" alt=\"Knee\">\n",
    );
    write("content/conditions/knee/knee-diagram.png", "png");
    write(
        "site.yaml",
        "title: Test Clinic\nclinic:\n  booking_url: \"@/about.md\"\n",
    );
    write("content/conditions/knee/knee leaflet.pdf", "pdf");
    write(
        "content/guides/chart.md",
        "---\ntitle: Chart\n---\n## Sources\n\n## Main\n\n![Pacing chart](pacing-chart.png)\n\n\
         See [pacing](pacing.md) and [tennis elbow](<@/guides/Tennis Elbow.md>) and [knee](/conditions/knee).\n\n\
         A claim.[^sources] [Back up](#sources).\n\n<span id=\"top\"></span>[top](#top)\n\n[^sources]: A book.\n",
    );
    write("content/guides/pacing-chart.png", "png");
    write(
        "content/guides/Tennis Elbow.md",
        "---\ntitle: Tennis elbow\n---\nText.\n",
    );
    write(
        "content/guides/pacing.md",
        &format!(
            "{}\n<a id=\"top\"></a>\n",
            std::fs::read_to_string(site.join("content/guides/pacing.md")).unwrap()
        ),
    );
    write("content/exercises/squat.png", "png");
    write("content/exercises/squat.mp4", "mp4");
    write(
        "content/exercises/squat.yaml",
        "name: Squat\nsteps:\n  - Bend.\nimage: squat.png\nimage_alt: A squat\nvideo: squat.mp4\n",
    );
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    assert_links_resolve(&out, "/");
    let t = read_tree(&out);
    let knee = page(&t, "conditions/knee/index.html");
    assert!(
        knee.contains(r#"src="/conditions/knee/knee-diagram.png""#),
        "{knee}"
    );
    assert!(
        knee.contains(r#"href="/conditions/knee/knee%20leaflet.pdf""#),
        "{knee}"
    );
    assert!(
        knee.contains(r#"<a href="/guides/pacing/#top">pacing</a>"#),
        "{knee}"
    );
    assert!(knee.contains(r#"<img src="/conditions/knee/knee-diagram.png" alt="Knee">"#));
    assert!(t.contains_key("conditions/knee/knee-diagram.png"));
    assert!(
        knee.contains(r#"<a class="button" href="/about/">Book a consultation</a>"#),
        "a booking page of the site's own is linked by its published address"
    );
    assert!(
        page(&t, "conditions/index.html").contains("Knee folder"),
        "a page folder is a page of the listing above it"
    );
    let chart = page(&t, "guides/chart/index.html");
    assert!(
        chart.contains(r#"src="/guides/pacing-chart.png""#),
        "{chart}"
    );
    assert!(chart.contains(r#"href="/guides/pacing/""#));
    assert!(chart.contains(r#"href="/guides/tennis-elbow/""#));
    assert!(
        chart.contains(r#"href="/conditions/knee/""#),
        "a page's address without its `/` is completed"
    );
    // Every id is unique: `## Sources` and `[^sources]`, `## Main` and the skip link's `#main`.
    let ids: Vec<&str> = chart
        .split(" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");
    assert!(
        ids.contains(&"sources") && ids.contains(&"fn-sources") && ids.contains(&"main-1"),
        "{ids:?}"
    );
    let squat = page(&t, "exercises/squat/index.html");
    assert!(squat.contains(r#"src="/exercises/squat.png""#), "{squat}");
    assert!(squat.contains(r#"href="/exercises/squat.mp4""#), "{squat}");
}

#[test]
fn a_ladder_stage_without_a_hold_holds_as_its_exercise_does() {
    // One dose per step (issue 11): wall-sit's own page holds 10 seconds; a stage that
    // leaves `hold_seconds` out shows the same hold on the ladder and in the planner's
    // data, and `hold_seconds: 0` says plainly that this plan has no hold.
    let d = site_copy("basic");
    let site = d.path().join("site");
    let ladder = site.join("content/programs/knee.yaml");
    let text = std::fs::read_to_string(&ladder).unwrap();
    std::fs::write(&ladder, text.replace("    hold_seconds: 10\n", "")).unwrap();
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    let t = read_tree(&out);
    let plan = page(&t, "planner/knee/index.html");
    assert!(
        plan.contains("from 1 x 3 up to 3 x 10, hold each one for 10 seconds"),
        "{plan}"
    );
    assert!(plan.contains(r#""exercise":"wall-sit","name":"Wall sit""#));
    assert!(
        plan.contains(r#""days":{"min":4,"max":8},"hold_seconds":10}"#),
        "{plan}"
    );

    std::fs::write(&ladder, text.replace("hold_seconds: 10", "hold_seconds: 0")).unwrap();
    build_ok(&site, &out, &[]);
    let t = read_tree(&out);
    let plan = page(&t, "planner/knee/index.html");
    assert!(plan.contains("from 1 x 3 up to 3 x 10. Usually"), "{plan}");
    assert!(
        plan.contains(r#""days":{"min":4,"max":8},"hold_seconds":null}"#),
        "{plan}"
    );
}

/// The `<a>` elements of the main menu of an output page: (href, text, current).
fn menu_of(html: &str) -> Vec<(String, String, bool)> {
    let start = html
        .find(r#"<nav aria-label="Main">"#)
        .expect("a main menu");
    let nav = &html[start..start + html[start..].find("</nav>").unwrap()];
    nav.split("<a href=\"")
        .skip(1)
        .map(|a| {
            let (href, rest) = a.split_once('"').unwrap();
            let text = rest
                .split_once('>')
                .unwrap()
                .1
                .split_once("</a>")
                .unwrap()
                .0;
            (
                href.to_string(),
                text.to_string(),
                rest.starts_with(" aria-current=\"page\""),
            )
        })
        .collect()
}

#[test]
fn a_menu_in_site_yaml_replaces_the_automatic_one_in_its_order() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    let auto = menu_of(page(&read_tree(&out), "index.html"));
    assert_eq!(
        auto.iter().map(|(h, _, _)| h.as_str()).collect::<Vec<_>>(),
        ["/", "/guides/", "/about/", "/exercises/"],
        "without `menu:` the menu is made from content/"
    );

    std::fs::write(
        site.join("site.yaml"),
        "title: Test Clinic\n\
         menu:\n\
         \x20 - title: About the clinic\n\
         \x20   link: \"@/about.md\"\n\
         \x20 - { title: Knee pain, link: \"@/guides/knee.md\" }\n\
         \x20 - title: Exercises\n\
         \x20   link: \"@/exercises/\"\n\
         \x20 - title: Plans\n\
         \x20   link: \"@/programs/knee.yaml\"\n\
         \x20 - title: Home\n\
         \x20   link: \"@/\"\n",
    )
    .unwrap();
    build_ok(
        &site,
        &out,
        &["--base-url", "https://clinic.example/patients/"],
    );
    let t = read_tree(&out);
    let want = |current: &str| -> Vec<(String, String, bool)> {
        [
            ("/patients/about/", "About the clinic"),
            ("/patients/guides/knee/", "Knee pain"),
            ("/patients/exercises/", "Exercises"),
            ("/patients/planner/knee/", "Plans"),
            ("/patients/", "Home"),
        ]
        .iter()
        .map(|(h, t)| (h.to_string(), t.to_string(), *h == current))
        .collect()
    };
    assert_eq!(
        menu_of(page(&t, "about/index.html")),
        want("/patients/about/")
    );
    assert_eq!(menu_of(page(&t, "index.html")), want("/patients/"));
    assert_eq!(
        menu_of(page(&t, "guides/pacing/index.html")),
        want("none"),
        "a page the menu does not list is current nowhere"
    );
}

/// A big site keeps its pages' body HTML in a temporary file from its Markdown until its
/// page is made (issue 20's memory at 100,000 pages). The threshold is forced to zero
/// here: every regular page goes through the file, and every byte must be as without it.
#[test]
fn keeping_page_bodies_in_a_temporary_file_changes_no_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let beside = tempfile::tempdir().unwrap();
    let built = |spill| {
        sinew::site::build(&sinew::BuildOptions {
            root: root.to_path_buf(),
            spill,
            ..Default::default()
        })
        .expect("the sample site builds")
    };
    let memory = built(None);
    let below = built(Some(sinew::site::SpillOptions {
        dir: beside.path().to_path_buf(),
        above_pages: memory.content.pages.len(),
        markdown_above_pages: memory.content.pages.len(),
    }));
    let spilled = built(Some(sinew::site::SpillOptions {
        dir: beside.path().to_path_buf(),
        above_pages: 0,
        markdown_above_pages: 0,
    }));
    // The HTML through the file, the Markdown kept in memory (a 10,000-page build).
    let html_only = built(Some(sinew::site::SpillOptions {
        dir: beside.path().to_path_buf(),
        above_pages: 0,
        markdown_above_pages: memory.content.pages.len(),
    }));
    let regular = (memory.content.pages.iter())
        .filter(|p| p.kind == sinew::content::PageKind::Regular)
        .count();
    assert!(regular > 3, "the sample site has regular pages");
    assert_eq!(
        (memory.spilled, below.spilled),
        (0, 0),
        "not above the threshold"
    );
    assert_eq!(
        spilled.spilled, regular,
        "every regular page went through the file"
    );
    assert!(
        spilled.content.bodies_dropped,
        "the Markdown was put aside in the file"
    );
    assert!(!below.content.bodies_dropped);
    assert_eq!(html_only.spilled, regular, "the HTML went through the file");
    assert!(
        !html_only.content.bodies_dropped,
        "the Markdown was kept in memory from loading, not put aside"
    );
    for other in [&below, &spilled, &html_only] {
        assert_eq!(memory.files.len(), other.files.len());
        for (a, b) in memory.files.iter().zip(&other.files) {
            assert_eq!(a.path, b.path);
            assert!(
                body_bytes(&a.body) == body_bytes(&b.body),
                "`{}` differs when page bodies are kept in a file",
                a.path
            );
        }
    }
    // The file had no name, or was removed: nothing is left beside the output.
    assert_eq!(std::fs::read_dir(beside.path()).unwrap().count(), 0);
}

/// A build that keeps no text frees each regular page's body HTML once its page is made
/// (issue 20's memory target); every page must still get its own body, exactly once.
#[test]
fn freeing_page_bodies_as_pages_are_made_changes_no_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let built = |keep_text| {
        sinew::site::build(&sinew::BuildOptions {
            root: root.to_path_buf(),
            keep_text,
            ..Default::default()
        })
        .expect("the sample site builds")
    };
    let (kept, freed) = (built(true), built(false));
    let files = |b: &sinew::site::Built| -> Vec<(String, Vec<u8>)> {
        b.files
            .iter()
            .map(|f| (f.path.clone(), body_bytes(&f.body)))
            .collect()
    };
    assert_eq!(kept.files.len(), freed.files.len());
    for ((pa, a), (pb, b)) in files(&kept).into_iter().zip(files(&freed)) {
        assert_eq!(pa, pb);
        assert!(a == b, "`{pa}` differs when page bodies are freed");
    }
    let regular: Vec<usize> = (0..freed.content.pages.len())
        .filter(|i| freed.content.pages[*i].kind == sinew::content::PageKind::Regular)
        .collect();
    assert!(regular.len() > 3, "the sample site has regular pages");
    for i in regular {
        assert!(
            !kept.rendered[i].html.is_empty(),
            "kept when check reads it"
        );
    }
    assert!(
        freed.rendered.is_empty(),
        "what the Markdown told is not kept by a build that keeps no text"
    );
}

/// A page file named with a separate combining accent (`cafe` + U+0301, as macOS writes
/// names) gets the same address as one named with the whole letter `é`, and a link to
/// it finds it whichever way the link's `é` is written (`@/`, beside the page, a site
/// path, raw HTML). Two files whose names differ only so are one address: a collision.
#[test]
fn a_name_with_a_combining_accent_gets_the_address_of_the_whole_letter() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let write = |rel: &str, text: &str| {
        let path = site.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let (whole, parts) = ("caf\u{e9}", "cafe\u{301}");
    // The file on disk with the accent apart; the links typed with the whole letter.
    write(
        &format!("content/guides/{parts} knee.md"),
        "---\ntitle: Café knee\n---\nText.\n",
    );
    write(
        &format!("content/guides/{whole} back.md"),
        "---\ntitle: Café back\n---\nText.\n",
    );
    write(
        "content/guides/links.md",
        &format!(
            "---\ntitle: Links\n---\n[one](<@/guides/{whole} knee.md>) [two](<{whole} knee.md>) \
             [three](/guides/{whole}-knee/)\n\n[four](<@/guides/{parts} back.md>) \
             [five](/guides/{parts}-back/)\n\n<a href=\"/guides/{parts}-knee/\">six</a>\n"
        ),
    );
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    assert_links_resolve(&out, "/");
    let t = read_tree(&out);
    page(&t, &format!("guides/{whole}-knee/index.html"));
    page(&t, &format!("guides/{whole}-back/index.html"));
    assert!(
        !t.keys()
            .any(|k| k.contains('\u{301}') || k.contains("cafe")),
        "an address lost its accent or kept it apart: {:?}",
        t.keys().filter(|k| k.contains("caf")).collect::<Vec<_>>()
    );
    let links = page(&t, "guides/links/index.html");
    let knee = "/guides/caf%C3%A9-knee/";
    let back = "/guides/caf%C3%A9-back/";
    assert_eq!(
        links.matches(&format!("href=\"{knee}\"")).count(),
        4,
        "{links}"
    );
    assert_eq!(
        links.matches(&format!("href=\"{back}\"")).count(),
        2,
        "{links}"
    );

    // The same name written both ways in one folder: one address, reported.
    write(
        &format!("content/guides/{whole} knee.md"),
        "---\ntitle: Café knee again\n---\nText.\n",
    );
    let err = build_err(&site, &out, &[]);
    assert!(err.contains("url-collision"), "{err}");
    assert!(err.contains("the same address /guides/café-knee/"), "{err}");
}
