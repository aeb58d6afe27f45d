//! Promises that must survive hostile input and crashes (see docs/guarantees.md):
//! - hostile strings in every field come out escaped
//! - broken sites that can only be made at test time (symlink loops, huge files) fail clearly
//! - a build killed at random points never leaves the output missing or half-written

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

#[test]
fn hostile_strings_are_escaped_everywhere() {
    let d = site_copy("hostile");
    let out = d.path().join("out");
    build_ok(&d.path().join("site"), &out, &[]);
    let t = read_tree(&out);
    for (path, bytes) in &t {
        let mut text = String::from_utf8_lossy(bytes).to_string();
        // The planner's JSON is checked on its own below: inside a <script> element a
        // backslash-escaped quote is inert.
        if let Some(start) = text
            .find(r#"id="sinew-ladder">"#)
            .filter(|_| path.ends_with(".html"))
        {
            let end = start + text[start..].find("</script>").unwrap();
            text.replace_range(start..end, "");
        }
        // So is the JSON-LD block (tests/trust.rs parses it and checks its strings).
        const LD: &str = r#"<script type="application/ld+json">"#;
        while let Some(start) = text.find(LD).filter(|_| path.ends_with(".html")) {
            let end = start + text[start..].find("</script>").unwrap() + "</script>".len();
            let json = &text[start + LD.len()..end - "</script>".len()];
            assert!(
                !json.contains('<') && !json.contains('\u{2028}'),
                "{path}: JSON-LD is not script-safe"
            );
            text.replace_range(start..end, "");
        }
        if path.ends_with(".html") {
            // Every page's registration of the offline helper, the theme's (base.html).
            let text = text.replacen(
                r#"<script type="module" src="/offline.js"></script>"#,
                "",
                1,
            );
            let scripts = text.matches("<script").count();
            // The theme's own scripts: the planner's module, its ladder data and its words
            // (`#sinew-strings`), on the planner and its summary; the exercise finder's and
            // the search page's.
            let expected = match path.as_str() {
                "planner/evil/index.html" | "planner/evil/summary/index.html" => 3,
                "exercises/index.html" | "search/index.html" => 1,
                _ => 0,
            };
            assert_eq!(
                scripts, expected,
                "{path}: a <script> element came from content"
            );
            assert!(
                // (`="onmouseover-x"` is the slug of a hostile equipment name, inert.)
                !text.contains("\"onmouseover="),
                "{path}: an attribute quote was not escaped"
            );
            assert!(
                !text.contains("<img src=x"),
                "{path}: raw HTML from the clinic block"
            );
            assert!(
                !text.contains("<b>bold</b>") && !text.contains("<i>leg</i>"),
                "{path}: raw HTML from YAML"
            );
        }
        if path.ends_with(".xml") {
            assert!(!text.contains("<script"), "{path}");
        }
    }
    let planner = page(&t, "planner/evil/index.html");
    let start = planner.find(r#"id="sinew-ladder">"#).unwrap();
    let json = &planner[start..start + planner[start..].find("</script>").unwrap()];
    assert!(
        !json.contains('\u{2028}') && !json.contains("</"),
        "planner JSON is script-safe"
    );
    assert!(json.contains("\\u003c/script\\u003e"));
}

/// Builds `site` into `out`, which must fail with every one of `needles` in its errors.
fn expect_failure(site: &Path, out: &Path, needles: &[&str]) {
    let stderr = build_err(site, out, &[]);
    for n in needles {
        assert!(stderr.contains(n), "missing `{n}` in:\n{stderr}");
    }
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_an_error_and_keeps_output() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    let before = read_tree(&out);
    std::os::unix::fs::symlink("..", site.join("content/guides/loop")).unwrap();
    expect_failure(
        &site,
        &out,
        &[
            "content/guides/loop",
            "loop",
            "help: remove the symbolic link",
        ],
    );
    assert!(read_tree(&out) == before);
}

/// A text editor's lock file is a symbolic link to nothing (Emacs makes `.#leaflet.md`,
/// leading to `user@host.pid`, while `leaflet.md` is open): it is hidden and never
/// published, so it must not stop the build. A link to nothing that is not hidden is an
/// error naming the link and where it leads, in the same words in `content/` and
/// `static/` (the static one was skipped without a word).
#[cfg(unix)]
#[test]
fn an_editors_lock_link_is_ignored_and_a_link_to_nothing_is_named() {
    use std::os::unix::fs::symlink;
    let d = site_copy("basic");
    let site = d.path().join("site");
    let out = d.path().join("out");
    for lock in [
        "content/.#about.md",
        "static/.#style.css",
        "templates/.#page.html",
    ] {
        std::fs::create_dir_all(site.join(lock).parent().unwrap()).unwrap();
        symlink("reception@front-desk.4242:1733050000", site.join(lock)).unwrap();
    }
    build_ok(&site, &out, &[]);
    let before = read_tree(&out);
    symlink("../handouts/knee.md", site.join("content/knee.md")).unwrap();
    symlink("/nowhere/knee.pdf", site.join("static/knee.pdf")).unwrap();
    let err = build_err(&site, &out, &[]);
    for (link, target) in [
        ("content/knee.md", "../handouts/knee.md"),
        ("static/knee.pdf", "/nowhere/knee.pdf"),
    ] {
        assert!(
            err.contains(&format!(
                "leads to `{target}`, which does not exist\n  --> {link}\n"
            )),
            "{link}: {err}"
        );
    }
    assert_eq!(
        err.matches("help: delete the link, or put back the file or folder it leads to")
            .count(),
        2,
        "{err}"
    );
    assert!(!err.contains("IO error"), "{err}");
    assert!(read_tree(&out) == before);
}

#[test]
fn huge_markdown_file_is_refused() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    let before = read_tree(&out);
    let mut big = String::from("---\ntitle: Big\n---\n");
    big.push_str(&"word ".repeat(11 * 1024 * 1024 / 5));
    std::fs::write(site.join("content/big.md"), big).unwrap();
    expect_failure(
        &site,
        &out,
        &["content/big.md", "over 10 MB", "almost certainly a mistake"],
    );
    assert!(read_tree(&out) == before);
}

/// Adds `n` generated pages to a site so a build takes long enough to be killed midway.
fn add_pages(site: &Path, n: usize, marker: &str) {
    let dir = site.join("content/many");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..n {
        let body = format!(
            "---\ntitle: Page {i}\ntags: [t{}]\n---\n## Part one\n\n{marker} text for page {i}. [Next](@/many/p{}.md)\n\n- a\n- b\n",
            i % 7,
            (i + 1) % n
        );
        std::fs::write(dir.join(format!("p{i}.md")), body).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn killed_builds_never_damage_the_output() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let out = d.path().join("public");
    add_pages(&site, 1500, "old");
    build_ok(&site, &out, &[]);
    let old = read_tree(&out);

    // The content changes; the complete new site is what a finished build writes.
    add_pages(&site, 1500, "new");
    let reference = d.path().join("reference");
    let started = Instant::now();
    build_ok(&site, &reference, &[]);
    let full = started.elapsed();
    let new = read_tree(&reference);
    assert!(old != new);

    // Kill builds at spread-out moments across a whole build's duration.
    let mut seed: u64 = 0x5eed;
    let trees: [&BTreeMap<String, Vec<u8>>; 2] = [&old, &new];
    for round in 0..12 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let at = full.mul_f64(((seed >> 33) % 1000) as f64 / 1000.0 * 1.2);
        let mut child = Command::new(env!("CARGO_BIN_EXE_sinew"))
            .args([
                "build",
                "--root",
                site.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        let _ = child.kill();
        child.wait().unwrap();
        assert!(out.is_dir(), "round {round}: the output folder is missing");
        let now = read_tree(&out);
        assert!(
            trees.iter().any(|t| **t == now),
            "round {round} (killed after {at:?}): the output is half-written"
        );
    }

    // A later build cleans up whatever the killed ones left.
    build_ok(&site, &out, &[]);
    assert!(read_tree(&out) == new);
    assert_only_spare_and_lock_beside(d.path());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_content_is_an_error_not_a_hang() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    let before = read_tree(&out);
    let made = Command::new("mkfifo")
        .arg(site.join("content/guides/pipe.pdf"))
        .status()
        .expect("mkfifo (coreutils)");
    assert!(made.success());
    expect_failure(
        &site,
        &out,
        &["content/guides/pipe.pdf", "not an ordinary file"],
    );
    assert!(read_tree(&out) == before);
}
