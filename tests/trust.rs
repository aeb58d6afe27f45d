//! Who stands behind the advice, as the built site shows it (issue 19):
//! - JSON-LD (`MedicalWebPage`) on condition, exercise and planner pages, with the
//!   properties search engines and health tools look for, full addresses only when
//!   `base_url` is a full address, and hostile strings kept as data
//! - the reviewer, sources and review dates shown in plain words
//! - aliases: redirect pages at old addresses, outside the sitemap, `noindex`
//!
//! `tests/browser/trust.e2e.test.mjs` follows the redirects and parses the JSON-LD in
//! Chromium.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const LD: &str = r#"<script type="application/ld+json">"#;

/// Every JSON-LD block of a page, parsed.
fn ld_blocks(html: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(LD) {
        let after = &rest[i + LD.len()..];
        let end = after.find("</script>").expect("a closed block");
        let raw = &after[..end];
        assert!(!raw.contains('<'), "JSON-LD must not hold a raw `<`: {raw}");
        out.push(serde_json::from_str(raw).unwrap_or_else(|e| panic!("{e}: {raw}")));
        rest = &after[end..];
    }
    out
}

/// The one JSON-LD block of a page.
fn ld(tree: &BTreeMap<String, Vec<u8>>, path: &str) -> Value {
    let mut blocks = ld_blocks(page(tree, path));
    assert_eq!(blocks.len(), 1, "{path}: one JSON-LD block");
    blocks.remove(0)
}

fn build_sample(extra: &[&str]) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    build_ok(Path::new(env!("CARGO_MANIFEST_DIR")), &out, extra);
    let t = read_tree(&out);
    (d, t)
}

/// Every key in a JSON value, at any depth.
fn keys(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                out.push(k.clone());
                keys(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| keys(x, out)),
        _ => {}
    }
}

/// The properties every page's block has, whatever it is about.
fn assert_web_page(v: &Value, name: &str) {
    assert_eq!(v["@context"], "https://schema.org");
    assert_eq!(v["@type"], "MedicalWebPage");
    assert_eq!(v["name"], name);
    assert_eq!(v["inLanguage"], "en-GB");
    assert_eq!(v["audience"], "https://schema.org/Patient");
    assert_eq!(v["lastReviewed"], "2026-10-01");
    assert_eq!(v["reviewedBy"]["@type"], "Person");
    assert_eq!(v["reviewedBy"]["name"], "Jo Carter");
    assert_eq!(v["reviewedBy"]["jobTitle"], "MSc, Physiotherapist");
    assert!(
        v["citation"][0]["name"]
            .as_str()
            .unwrap()
            .starts_with("Goom TSH"),
        "{v}"
    );
    let clinic = &v["publisher"];
    assert_eq!(clinic["@type"], "MedicalClinic");
    assert_eq!(clinic["name"], "Riverside Physiotherapy");
    assert_eq!(
        clinic["medicalSpecialty"],
        "https://schema.org/Physiotherapy"
    );
    assert_eq!(clinic["telephone"], "01632 960 123");
}

#[test]
fn json_ld_on_condition_exercise_and_planner_pages() {
    let (_d, t) = build_sample(&["--base-url", "https://clinic.example/patients/"]);

    let cond = ld(&t, "conditions/hamstring-tendinopathy/index.html");
    assert_web_page(&cond, "Hamstring tendinopathy");
    assert_eq!(
        cond["url"],
        "https://clinic.example/patients/conditions/hamstring-tendinopathy/"
    );
    assert_eq!(cond["about"]["@type"], "MedicalCondition");
    assert_eq!(cond["about"]["name"], "Hamstring tendinopathy");
    assert_eq!(
        cond["citation"][1],
        serde_json::json!({"@type": "CreativeWork", "name": "NHS: Hamstring injury", "url": "https://www.nhs.uk/conditions/hamstring-injury/"})
    );
    assert_eq!(cond["publisher"]["url"], "https://clinic.example/patients/");

    let ex = ld(&t, "exercises/lunge/index.html");
    assert_web_page(&ex, "Lunge");
    assert_eq!(
        ex["url"],
        "https://clinic.example/patients/exercises/lunge/"
    );
    let plan = &ex["mainEntity"];
    assert_eq!(plan["@type"], "ExercisePlan");
    assert_eq!(plan["exerciseType"], "Lunge");
    assert_eq!(plan["activityFrequency"], "twice a day");
    // The exercise page's own dose (`dose:` in lunge.yaml), not a ladder stage's.
    assert_eq!(plan["repetitions"], 5);
    assert_eq!(plan["additionalVariable"], "2 sets of 5, twice a day");

    let planner = ld(&t, "planner/hamstring/index.html");
    assert_web_page(&planner, "Hamstring tendinopathy exercise ladder");
    assert_eq!(planner["about"]["@type"], "MedicalCondition");
    assert_eq!(
        planner["about"]["url"],
        "https://clinic.example/patients/conditions/hamstring-tendinopathy/"
    );
    let plan = &planner["mainEntity"];
    assert_eq!(plan["@type"], "ExercisePlan");
    assert_eq!(plan["activityFrequency"], "twice a day");
    let steps = plan["hasPart"].as_array().unwrap();
    assert_eq!(steps.len(), 6);
    assert_eq!(steps[0]["exerciseType"], "Double leg bridge");
    assert_eq!(steps[0]["repetitions"], 12);
    assert_eq!(
        steps[0]["additionalVariable"],
        "from 2 sets of 5 up to 2 sets of 12"
    );
    assert_eq!(steps[5]["activityDuration"]["minValue"], 3);
    assert_eq!(steps[5]["activityDuration"]["maxValue"], 6);
    assert_eq!(steps[5]["activityDuration"]["unitCode"], "DAY");

    // Pages that are not clinical are still MedicalWebPages, but about nothing.
    let pacing = ld(&t, "pacing/index.html");
    assert_eq!(pacing["@type"], "MedicalWebPage");
    assert!(pacing.get("about").is_none(), "{pacing}");
}

/// The lead's decision: properties that need the full address are left out when
/// `base_url` is only a path.
#[test]
fn json_ld_leaves_out_addresses_when_base_url_is_a_path() {
    let (_d, t) = build_sample(&["--base-url", "/"]);
    for path in [
        "conditions/hamstring-tendinopathy/index.html",
        "exercises/lunge/index.html",
        "planner/hamstring/index.html",
    ] {
        let v = ld(&t, path);
        let mut all = Vec::new();
        keys(&v, &mut all);
        // The sources' own `url`s are full addresses of other sites, so they stay.
        let citations = v["citation"]
            .as_array()
            .map_or(0, |c| c.iter().filter(|s| s.get("url").is_some()).count());
        assert_eq!(
            all.iter().filter(|k| *k == "url").count(),
            citations,
            "{path}: {v}"
        );
    }
}

#[test]
fn json_ld_keeps_hostile_strings_as_data() {
    let d = site_copy("hostile");
    let out = d.path().join("out");
    build_ok(&d.path().join("site"), &out, &[]);
    let t = read_tree(&out);

    let home = ld(&t, "index.html");
    assert_eq!(home["name"], "Home <script>alert(1)</script>");
    assert_eq!(
        home["reviewedBy"]["name"],
        "</script><script>alert('reviewer')</script>"
    );
    assert_eq!(
        home["citation"][0]["name"],
        "</script><script>alert('source')</script>"
    );
    assert_eq!(
        home["citation"][1]["url"],
        "https://ref.example/?a=\"onmouseover=alert(1)&b=</script><script>"
    );
    assert_eq!(home["publisher"]["name"], "<img src=x onerror=alert(1)>");

    let ex = ld(&t, "exercises/evil/index.html");
    assert_eq!(ex["name"], "Bridge </script><script>alert(1)</script>");
    assert_eq!(
        ex["reviewedBy"]["name"],
        "</script><script>alert('reviewer')</script> \u{2028} \"onmouseover=x"
    );
    let planner = ld(&t, "planner/evil/index.html");
    assert_eq!(
        planner["name"],
        "Plan </script><script>alert(1)</script> \u{2028} \"onmouseover=x"
    );
    assert_eq!(
        planner["mainEntity"]["hasPart"][0]["exerciseType"],
        "Bridge </script><script>alert(1)</script>"
    );
}

#[test]
fn reviewer_sources_and_review_dates_are_shown_in_plain_words() {
    let (_d, t) = build_sample(&[]);
    let cond = page(&t, "conditions/hamstring-tendinopathy/index.html");
    assert!(cond.contains("<h2 id=\"trust-title\">Who checked this information</h2>"));
    assert!(cond.contains("<p>Reviewed by Jo Carter, MSc, Physiotherapist.</p>"));
    assert!(cond.contains(
        r#"<li><a href="https://www.nhs.uk/conditions/hamstring-injury/">NHS: Hamstring injury</a></li>"#
    ));
    assert!(cond.contains("<li>Goom TSH, Malliaras P"));
    // Exercises and ladders show their own review dates (pages show theirs already).
    for path in ["exercises/lunge/index.html", "planner/hamstring/index.html"] {
        let html = page(&t, path);
        assert!(
            html.contains(r#"<dt>Last reviewed:</dt> <dd><time datetime="2026-10-01">1 October 2026</time></dd>"#),
            "{path}"
        );
        assert!(
            html.contains(r#"<dt>Next review due:</dt> <dd><time datetime="2027-10-01">1 October 2027</time></dd>"#),
            "{path}"
        );
        assert!(
            html.contains("Reviewed by Jo Carter, MSc, Physiotherapist."),
            "{path}"
        );
    }
}

fn alias_site(base_url: &str) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let d = tempfile::tempdir().unwrap();
    let site = d.path().join("site");
    std::fs::create_dir_all(site.join("content/conditions")).unwrap();
    std::fs::write(
        site.join("site.yaml"),
        format!("title: Moved\nbase_url: {base_url}\n"),
    )
    .unwrap();
    std::fs::write(
        site.join("content/index.md"),
        "---\ntitle: Home\n---\nHi.\n",
    )
    .unwrap();
    std::fs::write(
        site.join("content/conditions/knee-pain.md"),
        "---\ntitle: Knee <pain>\naliases: [\"/knee/\", \"/old/knee.html\", \"/a/b\"]\n---\nText.\n",
    )
    .unwrap();
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    let t = read_tree(&out);
    (d, t)
}

#[test]
fn aliases_make_redirect_pages_outside_the_sitemap() {
    let (_d, t) = alias_site("https://clinic.example/p/");
    for path in ["knee/index.html", "old/knee.html", "a/b/index.html"] {
        let html = page(&t, path);
        assert!(
            html.contains(
                r#"<meta http-equiv="refresh" content="0; url=/p/conditions/knee-pain/">"#
            ),
            "{path}: {html}"
        );
        assert!(html.contains(
            r#"<link rel="canonical" href="https://clinic.example/p/conditions/knee-pain/">"#
        ));
        assert!(html.contains(r#"<meta name="robots" content="noindex">"#));
        assert!(html.contains(r#"<a href="/p/conditions/knee-pain/">Knee &lt;pain&gt;</a>"#));
        assert!(!html.contains("ld+json"), "a redirect is not a page");
    }
    let sitemap = page(&t, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://clinic.example/p/conditions/knee-pain/</loc>"));
    assert!(!sitemap.contains("knee/<") && !sitemap.contains("old/") && !sitemap.contains("/a/b"));
}

#[test]
fn redirect_pages_have_no_canonical_link_without_the_full_address() {
    let (_d, t) = alias_site("/");
    let html = page(&t, "knee/index.html");
    assert!(html.contains(r#"content="0; url=/conditions/knee-pain/""#));
    assert!(!html.contains("canonical"), "{html}");
}
