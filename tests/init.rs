//! `sinew init` and `sinew new` run as a clinic runs them: the real binary in temporary
//! folders, then `build` and `check` on the result.

mod common;

use common::sinew;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

const TODAY: &str = "2026-11-25";

fn run(args: &[&str]) -> Output {
    sinew(args)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every file under `dir` (relative path -> bytes) and every folder (-> `None`).
fn tree(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            let bytes = e
                .file_type()
                .is_file()
                .then(|| std::fs::read(e.path()).unwrap());
            (rel, bytes)
        })
        .collect()
}

/// `sinew init <tmp>/site`, checked to succeed; returns the temp folder and the site.
fn init_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let o = run(&["init", s(&site)]);
    assert!(o.status.success(), "init failed: {}", text(&o.stderr));
    (tmp, site)
}

/// `sinew check --format json` findings as (rule, file, line).
fn findings(site: &Path, extra: &[&str]) -> (i32, Vec<(String, String, Option<u64>)>) {
    let mut args = vec![
        "check",
        "--root",
        s(site),
        "--today",
        TODAY,
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let o = run(&args);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|_| panic!("JSON: {}{}", text(&o.stdout), text(&o.stderr)));
    let list = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64(),
            )
        })
        .collect();
    (o.status.code().unwrap(), list)
}

#[test]
fn init_makes_the_starter_site_exactly() {
    let (_tmp, site) = init_site();
    let starter = Path::new(env!("CARGO_MANIFEST_DIR")).join("starter/site");
    let mut want = tree(&starter);
    let ignore = want.remove(Path::new("gitignore")).unwrap();
    want.insert(PathBuf::from(".gitignore"), ignore);
    assert_eq!(
        tree(&site),
        want,
        "every file in starter/site/ must be in init's list, byte for byte"
    );
}

#[test]
fn init_prints_the_next_three_commands() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("my site");
    let o = run(&["init", s(&site)]);
    assert!(o.status.success());
    let out = text(&o.stdout);
    let next = out
        .split("Next, run:\n")
        .nth(1)
        .expect("a `Next, run:` list");
    let commands: Vec<&str> = next
        .lines()
        .map(|l| l.split('#').next().unwrap().trim())
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        commands,
        [
            format!("cd \"{}\"", site.display()).as_str(),
            "sinew serve",
            "sinew check"
        ],
        "{out}"
    );

    // In the current folder there is nothing to `cd` to: serve, check, build.
    let here = tempfile::tempdir().unwrap();
    let o = common::sinew_in(here.path(), &["init"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.contains("  sinew serve")
            && out.contains("  sinew check")
            && out.contains("  sinew build")
            && !out.contains("cd "),
        "{out}"
    );
    assert!(here.path().join("site.yaml").is_file());
}

#[test]
fn the_starter_builds_and_check_finds_only_its_placeholders() {
    let (tmp, site) = init_site();
    let out = tmp.path().join("public");
    common::build_ok(&site, &out, &[]);
    for page in [
        "index.html",
        "contact/index.html",
        "conditions/index.html",
        "conditions/knee-pain/index.html",
        "exercises/sit-to-stand/index.html",
        "exercises/step-up/index.html",
        "planner/knee/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page} was not built");
    }

    let (code, found) = findings(&site, &[]);
    assert_eq!(code, 0, "no errors: the check passes without --strict");
    let p = |file: &str, line: u64| ("placeholder".to_string(), file.to_string(), Some(line));
    let mut want = vec![
        p("content/conditions/knee-pain.md", 3),
        p("content/conditions/knee-pain.md", 8),
        p("content/conditions/knee-pain.md", 12),
        p("content/conditions/knee-pain.md", 16),
        p("content/contact.md", 20),
        p("content/contact.md", 26),
        p("content/exercises/sit-to-stand.yaml", 4),
        p("content/exercises/sit-to-stand.yaml", 12),
        p("content/exercises/step-up.yaml", 4),
        p("content/exercises/step-up.yaml", 12),
        p("content/index.md", 3),
        p("content/index.md", 6),
        p("content/programs/knee.yaml", 5),
        p("content/programs/knee.yaml", 26),
        p("site.yaml", 9),
        p("site.yaml", 13),
        p("site.yaml", 19),
        p("site.yaml", 51),
        p("site.yaml", 52),
        p("site.yaml", 53),
        p("site.yaml", 54),
    ];
    // Nobody has reviewed the example condition page, exercises or ladder, so they have
    // no `reviewed` date (a date would tell patients they had been checked).
    for file in [
        "content/conditions/knee-pain.md",
        "content/exercises/sit-to-stand.yaml",
        "content/exercises/step-up.yaml",
        "content/programs/knee.yaml",
    ] {
        want.push(("review-missing".to_string(), file.to_string(), None));
    }
    want.sort();
    let mut found = found;
    found.sort();
    assert_eq!(found, want);

    let (strict, _) = findings(&site, &["--strict"]);
    assert_eq!(
        strict, 1,
        "--strict stops a site that still has placeholders"
    );
}

#[test]
fn a_filled_in_starter_passes_strict() {
    let (_tmp, site) = init_site();
    // What a clinic does: replace every placeholder, and date the clinician's review.
    for e in walkdir::WalkDir::new(&site) {
        let e = e.unwrap();
        if !e.file_type().is_file() || e.path().extension().is_some_and(|x| x == "svg") {
            continue;
        }
        let t = std::fs::read_to_string(e.path()).unwrap();
        std::fs::write(e.path(), t.replace("REPLACE: ", "")).unwrap();
    }
    let page = site.join("content/conditions/knee-pain.md");
    let t = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        t.replacen(
            "program: knee\n",
            "program: knee\nreviewed: 2026-11-01\n",
            1,
        ),
    )
    .unwrap();
    for file in [
        "exercises/sit-to-stand.yaml",
        "exercises/step-up.yaml",
        "programs/knee.yaml",
    ] {
        let path = site.join("content").join(file);
        let t = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{t}reviewed: 2026-11-01\n")).unwrap();
    }
    let (code, found) = findings(&site, &["--strict"]);
    assert_eq!((code, found), (0, vec![]));
}

#[test]
fn the_gitignore_covers_the_output_and_sinews_folders() {
    let (_tmp, site) = init_site();
    let git = |args: &[&str]| {
        let o = std::process::Command::new("git")
            .arg("-C")
            .arg(&site)
            .args(args)
            .output()
            .expect("git is installed");
        assert!(o.status.success(), "git {args:?}: {}", text(&o.stderr));
        text(&o.stdout)
    };
    git(&["init", "-q"]);
    // Two builds, so the hidden working folder holds the previous site.
    common::build_ok(&site, &site.join("public"), &[]);
    common::build_ok(&site, &site.join("public"), &[]);
    assert!(site.join(".public.sinew-spare").is_dir());
    let status = git(&["status", "--porcelain", "--untracked-files=all"]);
    let untracked: Vec<&str> = status.lines().map(|l| &l[3..]).collect();
    assert!(
        untracked
            .iter()
            .all(|f| !f.starts_with("public/") && !f.contains("sinew-")),
        "{status}"
    );
    assert!(untracked.contains(&"site.yaml") && untracked.contains(&".gitignore"));
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("existing");
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::write(dir.join("notes.txt"), "the clinic's own notes").unwrap();
    std::fs::write(dir.join("content/index.md"), "---\ntitle: Ours\n---\n").unwrap();
    let before = tree(&dir);
    let o = run(&["init", s(&dir)]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains("is not empty")
            && err.contains("`notes.txt`")
            && err.contains("nothing was changed"),
        "{err}"
    );
    assert_eq!(tree(&dir), before);

    // A file is refused too.
    let o = run(&["init", s(&dir.join("notes.txt"))]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("is a file, not a folder"));
    assert_eq!(tree(&dir), before);
}

#[test]
fn init_accepts_a_folder_holding_only_git() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    let o = run(&["init", s(tmp.path())]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(tmp.path().join("site.yaml").is_file());
}

/// `sinew new KIND NAME` in `site`, returning (exit code, stdout, stderr).
fn new(site: &Path, kind: &str, name: &str) -> (i32, String, String) {
    let o = run(&["new", kind, name, "--root", s(site)]);
    (o.status.code().unwrap(), text(&o.stdout), text(&o.stderr))
}

#[test]
fn new_makes_each_kind_and_the_site_builds() {
    let (tmp, site) = init_site();
    let cases = [
        (
            "page",
            "conditions/back-pain",
            "content/conditions/back-pain.md",
            "/conditions/back-pain/",
        ),
        (
            "exercise",
            "wall-sit",
            "content/exercises/wall-sit.yaml",
            "/exercises/wall-sit/",
        ),
        (
            "ladder",
            "back",
            "content/programs/back.yaml",
            "/planner/back/",
        ),
    ];
    for (kind, name, file, url) in cases {
        let (code, out, err) = new(&site, kind, name);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains(&format!("`{file}`")), "{out}");
        // The starter's `base_url` is a full (placeholder) address.
        assert!(
            out.contains(&format!("published at https://your-clinic.example{url}")),
            "{out}"
        );
        let t = std::fs::read_to_string(site.join(file)).unwrap();
        assert!(t.contains("REPLACE: "), "placeholders are marked: {file}");
        assert!(
            !t.lines().any(|l| l.starts_with("reviewed:")),
            "no review date: {file}"
        );
    }
    let page = std::fs::read_to_string(site.join("content/conditions/back-pain.md")).unwrap();
    assert!(page.contains("\ntitle: \"Back pain\"\n") && page.contains("\ndraft: true\n"));

    let out = tmp.path().join("public");
    common::build_ok(&site, &out, &["--drafts"]);
    for page in [
        "conditions/back-pain/index.html",
        "exercises/wall-sit/index.html",
        "planner/back/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page} was not built");
    }
    // Without --drafts the new page stays off the site; the others are published.
    common::build_ok(&site, &out, &[]);
    assert!(!out.join("conditions/back-pain/index.html").exists());
    assert!(out.join("exercises/wall-sit/index.html").is_file());
}

#[test]
fn new_never_writes_over_a_file() {
    let (_tmp, site) = init_site();
    for (kind, name, file) in [
        ("page", "contact", "content/contact.md"),
        ("exercise", "step-up", "content/exercises/step-up.yaml"),
        ("ladder", "knee", "content/programs/knee.yaml"),
    ] {
        let before = tree(&site);
        let (code, _, err) = new(&site, kind, name);
        assert_eq!(code, 1, "{kind} {name}");
        assert!(
            err.contains(&format!("`{file}` already exists"))
                && err.contains("nothing was changed"),
            "{err}"
        );
        assert_eq!(tree(&site), before);
    }
}

#[test]
fn new_explains_bad_names_and_missing_sites() {
    let (_tmp, site) = init_site();
    let before = tree(&site);
    let (code, _, err) = new(&site, "page", "Back Pain");
    assert_eq!(code, 1);
    assert!(err.contains("try `sinew new page back-pain`"), "{err}");
    let (code, _, err) = new(&site, "exercise", "../wall-sit");
    assert_eq!(code, 1);
    assert!(err.contains("`sinew new exercise wall-sit`"), "{err}");
    let (code, _, err) = new(&site, "page", "../outside");
    assert_eq!(code, 1, "{err}");
    // The suggestion is a name `new` takes: no empty parts where `..` was.
    assert!(err.contains("try `sinew new page outside`"), "{err}");
    // A Spanish name is told the same name without its accents, never itself again.
    let (code, _, err) = new(&site, "page", "conditions/rodilla-está");
    assert_eq!(code, 1);
    assert!(
        err.contains("try `sinew new page conditions/rodilla-esta`"),
        "{err}"
    );
    let (code, _, err) = new(&site, "exercise", "elevación-de-talón");
    assert_eq!(code, 1);
    assert!(
        err.contains("`sinew new exercise elevacion-de-talon`"),
        "{err}"
    );
    let (code, _, err) = new(&site, "ladder", "Rodilla");
    assert_eq!(code, 1);
    assert!(err.contains("cannot be a ladder id"), "{err}");
    // Addresses a folder's listing or sinew's own pages have would collide in the build.
    let (code, _, err) = new(&site, "page", "conditions");
    assert_eq!(code, 1);
    assert!(err.contains("`sinew new page conditions/index`"), "{err}");
    let (code, _, err) = new(&site, "page", "tags");
    assert_eq!(code, 1);
    assert!(err.contains("/tags/ is sinew's own list"), "{err}");
    assert_eq!(tree(&site), before);

    let empty = tempfile::tempdir().unwrap();
    let (code, _, err) = new(empty.path(), "page", "x");
    assert_eq!(code, 1);
    assert!(
        err.contains("is not a sinew site") && err.contains("sinew init"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(empty.path()).unwrap().count(), 0);
}

#[test]
fn a_ladder_needs_an_exercise_first() {
    let (_tmp, site) = init_site();
    std::fs::remove_dir_all(site.join("content/exercises")).unwrap();
    std::fs::remove_file(site.join("content/programs/knee.yaml")).unwrap();
    let before = tree(&site);
    let (code, _, err) = new(&site, "ladder", "back");
    assert_eq!(code, 1);
    assert!(err.contains("sinew new exercise"), "{err}");
    assert_eq!(tree(&site), before);
}

#[test]
fn the_starters_menu_example_builds_when_uncommented() {
    let (tmp, site) = init_site();
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    let (head, example) = yaml.split_once("# menu:\n").expect("a menu example");
    let uncommented: String = example
        .lines()
        .map(|l| format!("{}\n", l.strip_prefix("# ").unwrap()))
        .collect();
    std::fs::write(
        site.join("site.yaml"),
        format!("{head}menu:\n{uncommented}"),
    )
    .unwrap();
    let out = tmp.path().join("public");
    common::build_ok(&site, &out, &[]);
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    let nav = home.split(r#"<nav aria-label="Main">"#).nth(1).unwrap();
    let nav = nav.split("</nav>").next().unwrap();
    let hrefs: Vec<&str> = nav
        .split("href=\"")
        .skip(1)
        .map(|a| a.split('"').next().unwrap())
        .collect();
    assert_eq!(hrefs, ["/", "/conditions/", "/exercises/", "/contact/"]);
}

/// Issue 18: `sinew new language CODE` writes `i18n/CODE.yaml` from sinew's built-in
/// table (English for a language sinew has no words for, with what to translate; sinew's
/// own for one it has), never over a file, and a site listing the language builds.
#[test]
fn new_language_writes_a_table_to_translate_and_the_site_builds() {
    let (tmp, site) = init_site();
    let (code, out, err) = new(&site, "language", "fr");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Created `i18n/fr.yaml`"), "{out}");
    let fr = std::fs::read_to_string(site.join("i18n/fr.yaml")).unwrap();
    assert!(fr.starts_with("# The words of sinew's theme and planner for the language `fr`"));
    assert!(
        fr.contains("TRANSLATE") && fr.contains("needs `direction: rtl`"),
        "{fr}"
    );
    assert!(fr.contains("\nname: \"fr\"\n") && fr.contains("\nplanner:\n"));
    // English's stop words would make search leave out French words: not copied.
    assert!(!fr.contains("stop_words:"), "{fr}");
    let (code, out, err) = new(&site, "language", "ar");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Created `i18n/ar.yaml`"));
    let ar = std::fs::read_to_string(site.join("i18n/ar.yaml")).unwrap();
    assert!(
        ar.contains("`ar` is written right to left: sinew knows it"),
        "{ar}"
    );
    // A language sinew has: its own words, to adjust.
    let (code, _, err) = new(&site, "language", "es");
    assert_eq!(code, 0, "{err}");
    let es = std::fs::read_to_string(site.join("i18n/es.yaml")).unwrap();
    assert!(
        es.contains("built-in `es` table") && es.contains("name: Español"),
        "{es}"
    );

    // Never over a file, and a bad code changes nothing.
    let before = tree(&site);
    let (code, _, err) = new(&site, "language", "fr");
    assert_eq!(code, 1);
    assert!(
        err.contains("`i18n/fr.yaml` already exists") && err.contains("nothing was changed"),
        "{err}"
    );
    let (code, _, err) = new(&site, "language", "../fr");
    assert_eq!(code, 1);
    assert!(err.contains("is not a language code"), "{err}");
    assert_eq!(tree(&site), before);

    // The site builds in the new languages (English words until translated), Arabic right
    // to left.
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    std::fs::write(
        site.join("site.yaml"),
        format!("{yaml}\nlanguages: [fr, ar, es]\n"),
    )
    .unwrap();
    let out_dir = tmp.path().join("out");
    let o = run(&["build", "--root", s(&site), "--out", s(&out_dir)]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let page = std::fs::read_to_string(out_dir.join("ar/exercises/index.html")).unwrap();
    assert!(page.contains(r#"<html lang="ar" dir="rtl">"#), "{page}");
    let page = std::fs::read_to_string(out_dir.join("fr/exercises/index.html")).unwrap();
    assert!(page.contains(r#"<html lang="fr">"#), "{page}");
}
