//! `sinew build` against a site folder or output folder that someone has tampered with
//! (issue 14; see docs/guarantees.md):
//! - links: sinew's working folder or lock file being a symbolic link (in a fixture, and
//!   through a real `git clone` of a repository holding one), a link inside the output
//!   folder, and an output folder that is itself a link (allowed)
//! - a named pipe as the lock file, as `site.yaml`, in `static/` and in `templates/`
//! - power cuts: `--timings` reports the sync before the swap (the order itself is
//!   checked by the unit tests of `src/output/mod.rs`)
//! - numbers out of their range (an error at their line, never a panic), YAML aliases
//!   that would expand to gigabytes (under a memory limit), a page's `template:` naming
//!   a built-in template made for other pages
//! - links in the sources that leave the site or lead into the output (refused by name),
//!   and one into a folder `site.yaml` allows
//! - files at the addresses `sinew serve` keeps for itself (`/__sinew/`)

mod common;

use common::*;
use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// Runs `sinew` with `args` in `dir`, failing the test if it has not ended after a
/// generous deadline (a hang is the bug some of these tests look for).
fn sinew_in(dir: &Path, args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_sinew"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sinew");
    let id = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(o) => o.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &id.to_string()]).status();
            panic!("sinew {args:?} did not finish: it hangs");
        }
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// A folder outside the site with a file that must survive everything.
fn victim(dir: &Path) -> std::path::PathBuf {
    let v = dir.join("victim");
    fs::create_dir_all(&v).unwrap();
    fs::write(v.join("precious.txt"), "the clinic's tax records").unwrap();
    v
}

fn assert_untouched(victim: &Path) {
    let names: Vec<_> = fs::read_dir(victim)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        ["precious.txt"],
        "something was written into the link's target"
    );
    assert_eq!(
        fs::read_to_string(victim.join("precious.txt")).unwrap(),
        "the clinic's tax records"
    );
}

fn assert_refused_link(o: &Output, name: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(name),
        "the error does not name `{name}`:\n{err}"
    );
    assert!(err.contains("is a symbolic link"), "{err}");
    assert!(err.contains("delete"), "no fix is given:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
}

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "core.symlinks=true",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn a_cloned_repository_with_a_linked_working_folder_cannot_touch_what_it_points_to() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let victim = victim(d.path());
    // What a hostile (or careless) repository holds: the working folder of the default
    // output, as a link to somewhere else on the clinic's computer.
    std::os::unix::fs::symlink(&victim, site.join(".public.sinew-spare")).unwrap();
    git(&site, &["init", "-q"]);
    git(&site, &["add", "-A"]);
    git(&site, &["commit", "-qm", "site"]);
    git(d.path(), &["clone", "-q", site.to_str().unwrap(), "clone"]);
    let clone = d.path().join("clone");
    assert!(
        clone.join(".public.sinew-spare").is_symlink(),
        "git kept the link"
    );

    // The first plain `sinew build` in the clone.
    let o = sinew_in(&clone, &["build"]);
    assert_refused_link(&o, ".public.sinew-spare");
    assert_untouched(&victim);
    assert!(!clone.join("public").exists(), "nothing is published");
    // Once the link is deleted, the build works.
    fs::remove_file(clone.join(".public.sinew-spare")).unwrap();
    let o = sinew_in(&clone, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(clone.join("public/index.html").is_file());
    assert_untouched(&victim);
}

#[cfg(unix)]
#[test]
fn none_of_sinews_own_names_is_used_through_a_link() {
    for name in [".out.sinew-spare", ".out.sinew-lock", ".out.sinew-old-42"] {
        let d = site_copy("basic");
        let site = d.path().join("site");
        let out = d.path().join("out");
        build_ok(&site, &out, &[]);
        build_ok(&site, &out, &[]);
        let before = read_tree(&out);
        let victim = victim(d.path());
        let path = d.path().join(name);
        let _ = fs::remove_dir_all(&path);
        let _ = fs::remove_file(&path);
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        let o = sinew_in(d.path(), &["build", "--root", "site", "--out", "out"]);
        assert_refused_link(&o, name);
        assert_untouched(&victim);
        assert!(read_tree(&out) == before, "{name}: the output changed");
    }
}

#[cfg(unix)]
#[test]
fn a_link_inside_the_output_folder_is_refused_by_name_and_the_site_kept() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    let nas = victim(d.path());
    // The clinic links its video share into the published folder.
    std::os::unix::fs::symlink(&nas, out.join("videos")).unwrap();
    let before = read_tree(&out);
    for _ in 0..2 {
        let o = sinew_in(d.path(), &["build", "--root", "site", "--out", "out"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(
            err.contains("`videos`") && err.contains("symbolic link"),
            "{err}"
        );
        assert!(err.contains("static/"), "no fix is given:\n{err}");
        assert!(out.join("videos").is_symlink(), "the link was removed");
        assert!(read_tree(&out) == before, "the output changed");
        assert_untouched(&nas);
    }
}

#[cfg(unix)]
#[test]
fn an_output_folder_that_is_a_link_the_clinic_made_is_allowed() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let www = d.path().join("var/www/site");
    fs::create_dir_all(&www).unwrap();
    let out = d.path().join("public");
    std::os::unix::fs::symlink(&www, &out).unwrap();
    build_ok(&site, &out, &[]);
    fs::write(
        site.join("content/extra.md"),
        "---\ntitle: Extra\n---\nMore.\n",
    )
    .unwrap();
    build_ok(&site, &out, &[]);
    assert!(out.is_symlink(), "the clinic's link is kept");
    assert!(www.join("extra/index.html").is_file() || www.join("extra.html").is_file());
    assert!(read_tree(&out) == read_tree(&www));
}

#[cfg(unix)]
#[test]
fn a_named_pipe_as_the_lock_file_is_an_error_not_a_hang() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    let before = read_tree(&out);
    let lock = d.path().join(".out.sinew-lock");
    fs::remove_file(&lock).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(&lock)
            .status()
            .unwrap()
            .success()
    );
    let o = sinew_in(d.path(), &["build", "--root", "site", "--out", "out"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(".out.sinew-lock") && err.contains("is a named pipe"),
        "{err}"
    );
    assert!(err.contains("delete it"), "{err}");
    assert!(read_tree(&out) == before);
}

#[test]
fn timings_report_the_sync_before_the_swap() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let o = build_ok(&site, &d.path().join("out"), &["--timings"]);
    let text = String::from_utf8_lossy(&o.stdout);
    let line = text
        .lines()
        .find(|l| l.starts_with("timings:"))
        .unwrap_or_else(|| panic!("no timings line in:\n{text}"));
    let sync = line.find(", sync ").expect("a sync figure");
    let swap = line.find(", swap ").expect("a swap figure");
    assert!(sync < swap, "{line}");
}

#[cfg(unix)]
#[test]
fn file_names_with_escape_codes_or_line_breaks_reach_the_terminal_escaped() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let name = "bad\u{1b}[2J\u{1b}]0;pwned\u{7}\nerror: all fine.md";
    fs::write(
        site.join("content").join(name),
        "---\ntitel: x\n---\nText\n",
    )
    .unwrap();
    let o = sinew_in(d.path(), &["build", "--root", "site", "--out", "out"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        !err.chars().any(|c| c.is_control() && c != '\n'),
        "a control character reached the terminal:\n{err:?}"
    );
    assert!(
        err.contains(r"bad\u{1b}[2J\u{1b}]0;pwned\u{7}\nerror: all fine.md"),
        "{err}"
    );
    assert!(
        !err.lines().any(|l| l.starts_with("error: all fine")),
        "{err}"
    );

    // The same for an error about the output folder (`error: ...` from the command line).
    fs::remove_file(site.join("content").join(name)).unwrap();
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    std::os::unix::fs::symlink(d.path(), out.join("x\u{1b}[31m\nerror: y")).unwrap();
    let o = sinew_in(d.path(), &["build", "--root", "site", "--out", "out"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
    assert!(err.contains(r"x\u{1b}[31m\nerror: y"), "{err}");
}

/// Replaces the first `from` in the site's file `rel` with `to`.
fn edit(site: &Path, rel: &str, from: &str, to: &str) {
    let path = site.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn every_number_out_of_its_range_is_an_error_at_its_line_never_a_panic() {
    // (file, text replaced, its replacement, where the error must point, what it says)
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            "content/guides/knee.md",
            "review_every_months: 6",
            "review_every_months: 250000",
            "content/guides/knee.md:6",
            "`review_every_months` is 250000, outside what sinew allows (1 to 60 months)",
        ),
        (
            "site.yaml",
            "title: Test Clinic\n",
            "title: Test Clinic\nreview_every_months: 250000\n",
            "site.yaml:2",
            "`review_every_months` is 250000, outside what sinew allows (1 to 60 months)",
        ),
        (
            "site.yaml",
            "title: Test Clinic\n",
            "title: Test Clinic\nreadability:\n  max_grade: 1e300\n",
            "site.yaml:3",
            "`readability: max_grade` is 1000000",
        ),
        (
            "content/guides/knee.md",
            "title: Knee pain\n",
            "title: Knee pain\nweight: 9223372036854775807\n",
            "content/guides/knee.md:3",
            "`weight` is 9223372036854775807, outside what sinew allows (-1000000 to 1000000)",
        ),
        (
            "content/guides/knee.md",
            "title: Knee pain\n",
            "title: Knee pain\nmax_grade: -4\n",
            "content/guides/knee.md:3",
            "`max_grade` is -4, outside what sinew allows (1 to 20)",
        ),
        (
            "content/guides/knee.md",
            "title: Knee pain\n",
            "title: Knee pain\nmax_smog: 99\n",
            "content/guides/knee.md:3",
            "`max_smog` is 99, outside what sinew allows (1 to 20)",
        ),
        (
            "content/guides/knee.md",
            "tags: [Knee, Self help]",
            "tags: [t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15, t16, t17, t18, t19, t20, t21]",
            "content/guides/knee.md:4",
            "this page has 21 tags; a page may have at most 20",
        ),
        (
            "content/exercises/squat.yaml",
            "name: Squat\n",
            "name: Squat\ndose:\n  sets: 2\n  times_per_day: 100001\n",
            "content/exercises/squat.yaml:4",
            "`dose: times_per_day` is 100001, outside what sinew allows (1 to 6 sessions a day)",
        ),
        (
            "content/exercises/squat.yaml",
            "name: Squat\n",
            "name: Squat\nreview_every_months: 250000\n",
            "content/exercises/squat.yaml:2",
            "`review_every_months` is 250000, outside what sinew allows (1 to 60 months)",
        ),
        (
            "content/programs/knee.yaml",
            "title: Knee ladder\n",
            "title: Knee ladder\nreview_every_months: 250000\n",
            "content/programs/knee.yaml:2",
            "`review_every_months` is 250000, outside what sinew allows (1 to 60 months)",
        ),
    ];
    for (rel, from, to, at, message) in cases {
        let (file, line) = at.rsplit_once(':').unwrap();
        assert_eq!(file, *rel);
        let line: usize = line.parse().unwrap();
        refused_at_line(&[(rel, from, to.to_string())], rel, |_| line, message);
    }
}

/// One more than `limits::LIST_ITEMS` (100) items, `item(i)` each, for i from 0: the
/// last one, `item(100)`, is the first past the limit.
fn items(item: impl Fn(usize) -> String) -> String {
    (0..=100).map(item).collect()
}

#[test]
fn every_list_past_its_limit_is_an_error_at_its_first_extra_item() {
    // (edits: (file, text replaced, its replacement), the file the error is in, a text
    // on the line of the first item past the limit, what the error says). One case per
    // kind of file: an exercise, an exercise's translation, a ladder, a page's front
    // matter, site.yaml.
    type Case = (
        Vec<(&'static str, &'static str, String)>,
        &'static str,
        &'static str,
        &'static str,
    );
    let exercise = "content/exercises/squat.yaml";
    let cases: Vec<Case> = vec![
        (
            vec![(
                exercise,
                "  - Bend your knees and stand up again.\n",
                items(|i| format!("  - Step {i}.\n")),
            )],
            exercise,
            "- Step 100.",
            "`steps` has 101 items; sinew allows at most 100 (item 101 is at this line)",
        ),
        (
            vec![
                (
                    "site.yaml",
                    "title: Test Clinic\n",
                    "title: Test Clinic\nlanguages: [es]\n".into(),
                ),
                (
                    exercise,
                    "name: Squat\n",
                    format!(
                        "name: Squat\ntranslations:\n  es:\n    name: Sentadilla\n    steps: [Baja.]\n    cautions:\n{}",
                        items(|i| format!("      - Cuidado {i}.\n"))
                    ),
                ),
            ],
            exercise,
            "- Cuidado 100.",
            "`translations.es.cautions` has 101 items; sinew allows at most 100",
        ),
        (
            vec![(
                "content/programs/knee.yaml",
                "milestones:\n",
                format!(
                    "milestones:\n{}",
                    items(|i| format!(
                        "  - exercise: step-up\n    reps: 15\n    unlocks: Unlock {i}.\n"
                    ))
                ),
            )],
            "content/programs/knee.yaml",
            // The item's line is its first (`- exercise:`), the one after item 100's `unlocks`.
            "unlocks: Unlock 99.",
            "`milestones` has 102 items; sinew allows at most 100",
        ),
        (
            vec![(
                "content/guides/knee.md",
                "title: Knee pain\n",
                format!(
                    "title: Knee pain\naliases:\n{}",
                    items(|i| format!("  - /old-{i}/\n"))
                ),
            )],
            "content/guides/knee.md",
            "- /old-100/",
            "`aliases` has 101 items; sinew allows at most 100",
        ),
        (
            vec![(
                "site.yaml",
                "title: Test Clinic\n",
                format!(
                    "title: Test Clinic\nmenu:\n{}",
                    items(|i| format!("  - title: Menu {i}\n    link: \"@/about.md\"\n"))
                ),
            )],
            "site.yaml",
            "- title: Menu 100",
            "`menu` has 101 items; sinew allows at most 100",
        ),
    ];
    for (edits, rel, marker, message) in cases {
        let marker_line = |text: &str| {
            let line = 1 + text.lines().position(|l| l.contains(marker)).unwrap();
            if marker.starts_with("unlocks") {
                line + 1
            } else {
                line
            }
        };
        refused_at_line(&edits, rel, marker_line, message);
    }
}

/// Makes `edits` (file, text replaced, its replacement) to a copy of the basic site and
/// checks that `build` and `check` fail with `message` at `rel`'s line `line(text)`,
/// with a hint, never a panic, and the output folder unchanged.
fn refused_at_line(
    edits: &[(&str, &str, String)],
    rel: &str,
    line: impl Fn(&str) -> usize,
    message: &str,
) {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    let before = read_tree(&out);
    for (file, from, to) in edits {
        edit(&site, file, from, to);
    }
    let at = format!(
        "{rel}:{}\n",
        line(&fs::read_to_string(site.join(rel)).unwrap())
    );
    for args in [
        &["build", "--root", "site", "--out", "out"][..],
        &["check", "--root", "site"][..],
    ] {
        let o = sinew_in(d.path(), args);
        // `check` prints its report on standard output.
        let err = stderr(&o) + &String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(1), "{args:?} {rel}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(err.contains(message), "{args:?}: no `{message}`:\n{err}");
        assert!(err.contains(&at), "{args:?}: not at `{at}`:\n{err}");
        assert!(err.contains("help: "), "{err}");
    }
    assert!(read_tree(&out) == before, "{rel}: the output changed");
}

#[test]
fn a_text_past_its_limit_is_an_error_at_its_line() {
    // 20,001 bytes: one more than `yaml::MAX_TEXT_BYTES`; a step, and a page's description
    // written as a block (`|`), whose text starts on the line below its key.
    let long = "word ".repeat(4000) + "x";
    let exercise = "content/exercises/squat.yaml";
    refused_at_line(
        &[(
            exercise,
            "  - Bend your knees and stand up again.\n",
            format!("  - Stand.\n  - {long}\n"),
        )],
        exercise,
        |_| 4,
        "item 2 of `steps` in the exercise is 21 KB long; sinew allows at most 20 KB in one text",
    );
    refused_at_line(
        &[(
            "content/guides/knee.md",
            "description: What helps a sore knee.\n",
            format!("description: |\n  {long}\n"),
        )],
        "content/guides/knee.md",
        |_| 4,
        "`description` in the front matter is 21 KB long; sinew allows at most 20 KB in one text",
    );
}

#[cfg(target_os = "linux")]
#[test]
fn yaml_aliases_cannot_blow_a_small_file_up_into_gigabytes() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    let before = read_tree(&out);
    // 212 KB: a 100 KB value repeated 28,000 times by aliases, 2.8 GB once expanded (it
    // built, in 80 seconds, into pages of gigabytes).
    let text = format!(
        "name: Squat\nsummary: &a \"{}\"\nsteps: [{}]\n",
        "x".repeat(100_000),
        vec!["*a"; 28_000].join(", ")
    );
    assert!(text.len() < 215 * 1024);
    fs::write(site.join("content/exercises/squat.yaml"), text).unwrap();
    // Under a limit of 1 GB of memory (address space, set with util-linux's `prlimit`),
    // where expanding it fails with an abort.
    let o = Command::new("prlimit")
        .arg("--as=1000000000")
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_sinew"))
        .args(["build", "--root", "site", "--out", "out"])
        .current_dir(d.path())
        .output()
        .expect("run sinew under prlimit (util-linux)");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/exercises/squat.yaml:3")
            && err.contains("repeats its values with aliases (`*name`)")
            && err.contains("would grow past 20 MB"),
        "{err}"
    );
    assert!(read_tree(&out) == before);
}

#[test]
fn a_template_a_page_cannot_use_is_an_error_at_its_template_line_not_in_the_theme() {
    for (rel, template, allowed) in [
        ("content/guides/knee.md", "planner.html", "page.html"),
        ("content/guides/knee.md", "section", "page.html"),
        ("content/guides/knee.md", "exercise.html", "page.html"),
        (
            "content/guides/index.md",
            "index.html",
            "section.html or page.html",
        ),
        (
            "content/guides/knee.md",
            "no-such",
            "create `templates/no-such`",
        ),
    ] {
        let d = site_copy("basic");
        let site = d.path().join("site");
        let (from, line) = if rel.ends_with("index.md") {
            ("title: Guides\n", 3)
        } else {
            ("title: Knee pain\n", 3)
        };
        edit(&site, rel, from, &format!("{from}template: {template}\n"));
        let o = sinew_in(d.path(), &["build", "--root", "site", "--out", "out"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(
            err.contains(&format!("--> {rel}:{line}")),
            "{template}: {err}"
        );
        assert!(err.contains(allowed), "{template}: {err}");
        assert!(!err.contains("built-in theme"), "{template}: {err}");
    }
    // The built-in templates a page can use build.
    let d = site_copy("basic");
    let site = d.path().join("site");
    edit(
        &site,
        "content/guides/index.md",
        "title: Guides\n",
        "title: Guides\ntemplate: page\n",
    );
    edit(
        &site,
        "content/index.md",
        "---\n",
        "---\ntemplate: section.html\n",
    );
    build_ok(&site, &d.path().join("out"), &[]);
}

#[test]
fn files_at_the_addresses_the_preview_keeps_are_refused_at_their_source() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    let before = read_tree(&out);
    for dir in ["static/__sinew", "content/__sinew"] {
        fs::create_dir_all(site.join(dir)).unwrap();
    }
    fs::write(site.join("static/__sinew/reload.js"), "alert(1)").unwrap();
    fs::write(site.join("content/__sinew/handout.pdf"), "%PDF").unwrap();
    let o = sinew_in(d.path(), &["build", "--root", "site", "--out", "out"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for (file, url) in [
        ("static/__sinew/reload.js", "/__sinew/reload.js"),
        ("content/__sinew/handout.pdf", "/__sinew/handout.pdf"),
    ] {
        assert!(
            err.contains(&format!("--> {file}\n"))
                && err.contains(&format!("published at {url}, an address sinew keeps")),
            "{file}: {err}"
        );
    }
    assert!(err.contains("rename the folder `__sinew`"), "{err}");
    assert!(read_tree(&out) == before);
}

#[cfg(unix)]
#[test]
fn links_that_leave_the_site_or_lead_into_the_output_are_refused_by_name() {
    use std::os::unix::fs::symlink;
    let d = site_copy("basic");
    let site = d.path().join("site");
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    let before = read_tree(&out);
    let links = [
        ("static/etc", d.path().join("../../etc")),
        ("static/system", "/etc".into()),
        ("content/environment.txt", "/proc/self/environ".into()),
        ("static/old-site", out.clone()),
        ("content/spare", d.path().join(".out.sinew-spare")),
        ("static/repository", site.join(".git")),
    ];
    fs::create_dir_all(site.join(".git")).unwrap();
    fs::write(
        site.join(".git/config"),
        "url = https://user:token@git.example/",
    )
    .unwrap();
    for (link, target) in &links {
        symlink(target, site.join(link)).unwrap();
    }
    let o = sinew_in(d.path(), &["build", "--root", "site", "--out", "out"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for (link, _) in &links {
        assert!(err.contains(&format!("--> {link}\n")), "{link}: {err}");
    }
    assert_eq!(
        err.matches("leads outside the site folder").count(),
        3,
        "{err}"
    );
    assert_eq!(
        err.matches("which is sinew's output or working folder")
            .count(),
        2,
        "{err}"
    );
    assert!(err.contains("allow_links_outside: [/etc]"), "{err}");
    assert!(
        err.contains("leads into `.git`, a hidden file or folder"),
        "{err}"
    );
    assert!(read_tree(&out) == before);
}

/// A link from a published tree into the site's own sources published them as written:
/// `static/src` → `content/` put every page's Markdown on the website, drafts included.
#[cfg(unix)]
#[test]
fn links_into_the_sites_own_sources_are_refused_by_name() {
    use std::os::unix::fs::symlink;
    let d = site_copy("basic");
    let site = d.path().join("site");
    let out = d.path().join("out");
    fs::write(
        site.join("content/secret.md"),
        "---\ntitle: Secret\ndraft: true\n---\nNot yet.\n",
    )
    .unwrap();
    fs::create_dir_all(site.join("templates")).unwrap();
    fs::create_dir_all(site.join("i18n")).unwrap();
    build_ok(&site, &out, &[]);
    let before = read_tree(&out);
    let links = [
        (
            "static/src",
            "../content",
            "`content/`, part of the site's own sources",
        ),
        (
            "static/settings.txt",
            "../site.yaml",
            "`site.yaml`, the site's settings",
        ),
        (
            "static/words",
            "../i18n",
            "`i18n/`, part of the site's own sources",
        ),
        ("static/all", "..", "the folder that holds the whole site"),
        (
            "static/parent",
            "../..",
            "the folder that holds the whole site",
        ),
        (
            "content/settings",
            "../site.yaml",
            "`site.yaml`, the site's settings",
        ),
        (
            "content/theme",
            "../templates",
            "`templates/`, part of the site's own sources",
        ),
        ("content/site", "..", "the folder that holds the whole site"),
        (
            "content/notes.txt",
            "secret.md",
            "leads to `content/secret.md`, whose text is a page's",
        ),
        (
            "templates/page-copy.html",
            "../content/secret.md",
            "`content/secret.md`, part of the site's own sources",
        ),
    ];
    for (link, target, _) in &links {
        symlink(target, site.join(link)).unwrap();
    }
    let o = sinew_in(d.path(), &["build", "--root", "site", "--out", "out"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for (link, _, words) in &links {
        let at = err
            .find(&format!("--> {link}\n"))
            .unwrap_or_else(|| panic!("{link}: {err}"));
        let message = &err[..at];
        let message = &message[message.rfind("error").unwrap()..];
        assert!(message.contains(words), "{link}: {message}");
    }
    assert!(
        err.contains("delete the link. A file the site should show goes in `static/`"),
        "{err}"
    );
    assert!(
        err.contains("give it the same ending as the file it leads to (`.md`)"),
        "{err}"
    );
    assert!(read_tree(&out) == before);

    // A link in its own tree, or into `static/`, is followed as before.
    for (link, ..) in &links {
        fs::remove_file(site.join(link)).unwrap();
    }
    symlink("secret.md", site.join("content/secret-copy.md")).unwrap();
    symlink("../static/images/knee.svg", site.join("content/knee.svg")).unwrap();
    symlink("images", site.join("static/pictures")).unwrap();
    build_ok(&site, &out, &[]);
    let tree = read_tree(&out);
    assert!(tree.contains_key("knee.svg") && tree.contains_key("pictures/knee.svg"));
    assert!(
        !tree.keys().any(|k| k.contains("secret")),
        "a draft is never published"
    );
}

/// A hard link (a second name for one file, which no path tells apart from a file of
/// its own) from `static/`, `templates/` or among `content/`'s pictures and documents to
/// one of the site's sources is refused as a symbolic link is: it published a draft's
/// text as it is written. Each is an error naming both names and saying to delete it or
/// copy the file; a real copy builds.
#[cfg(unix)]
#[test]
fn hard_links_to_the_sites_own_sources_are_refused_by_name() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let out = d.path().join("out");
    fs::write(
        site.join("content/secret.md"),
        "---\ntitle: Secret\ndraft: true\n---\nNot yet: private notes.\n",
    )
    .unwrap();
    fs::create_dir_all(site.join("templates")).unwrap();
    fs::create_dir_all(site.join("i18n")).unwrap();
    fs::write(site.join("i18n/en.yaml"), "name: English\n").unwrap();
    fs::write(site.join("templates/extra.html"), "<p>extra</p>\n").unwrap();
    build_ok(&site, &out, &[]);
    let before = read_tree(&out);
    let links = [
        ("static/notes.txt", "content/secret.md", "a page's file"),
        // Every name of one file is reported in one build, not one a build.
        ("static/notes2.txt", "content/secret.md", "a page's file"),
        (
            "content/guides/notes.txt",
            "content/secret.md",
            "a page's file",
        ),
        ("static/settings.txt", "site.yaml", "the site's settings"),
        (
            "static/words.txt",
            "i18n/en.yaml",
            "one of the site's translation tables",
        ),
        (
            "content/guides/squat.txt",
            "content/exercises/squat.yaml",
            "an exercise's file",
        ),
        (
            "static/extra.txt",
            "templates/extra.html",
            "a template of the site",
        ),
        (
            "static/extra2.txt",
            "templates/extra.html",
            "a template of the site",
        ),
        ("templates/about.html", "content/about.md", "a page's file"),
    ];
    for (link, source, _) in &links {
        fs::hard_link(site.join(source), site.join(link)).unwrap();
    }
    let o = sinew_in(d.path(), &["build", "--root", "site", "--out", "out"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for (link, source, words) in &links {
        let at = err
            .find(&format!("--> {link}\n"))
            .unwrap_or_else(|| panic!("{link}: {err}"));
        let message = &err[..at];
        let message = &message[message.rfind("error[hard-link]").unwrap()..];
        assert!(
            message.contains(&format!("`{link}` is the same file as `{source}`, {words}")),
            "{link}: {message}"
        );
        let hint = &err[at..];
        assert!(
            hint[..hint.find("\n\n").unwrap_or(hint.len())].contains(&format!("delete `{link}`")),
            "{link}: {hint}"
        );
    }
    assert!(
        err.contains(
            "the site would publish `content/secret.md` as it is written, drafts and private \
             notes included"
        ),
        "{err}"
    );
    assert!(err.contains("put a copy there instead"), "{err}");
    assert!(read_tree(&out) == before);
    // `check` refuses it as `build` does.
    let o = sinew_in(d.path(), &["check", "--root", "site"]);
    assert_eq!(o.status.code(), Some(1));
    let report = format!("{}{}", stderr(&o), String::from_utf8_lossy(&o.stdout));
    assert!(report.contains("--> static/notes.txt"), "{report}");

    // A copy is a file of its own, and a hard link between two published files (two
    // names for one picture) is left alone.
    for (link, ..) in &links {
        fs::remove_file(site.join(link)).unwrap();
    }
    fs::copy(
        site.join("content/secret.md"),
        site.join("static/notes.txt"),
    )
    .unwrap();
    fs::hard_link(
        site.join("static/images/knee.svg"),
        site.join("content/guides/knee.svg"),
    )
    .unwrap();
    build_ok(&site, &out, &[]);
    let tree = read_tree(&out);
    assert!(tree.contains_key("notes.txt") && tree.contains_key("guides/knee.svg"));
}

#[cfg(unix)]
#[test]
fn a_link_outside_the_site_is_followed_when_site_yaml_allows_its_folder() {
    use std::os::unix::fs::symlink;
    let d = site_copy("basic");
    let site = d.path().join("site");
    let shared = d.path().join("shared-videos");
    fs::create_dir_all(shared.join("knee")).unwrap();
    fs::write(shared.join("knee/bend.mp4"), "video").unwrap();
    symlink(&shared, site.join("static/videos")).unwrap();
    symlink(shared.join("knee/bend.mp4"), site.join("content/bend.mp4")).unwrap();
    edit(
        &site,
        "site.yaml",
        "title: Test Clinic\n",
        &format!(
            "title: Test Clinic\nallow_links_outside: [{}]\n",
            shared.display()
        ),
    );
    let out = d.path().join("out");
    build_ok(&site, &out, &[]);
    let tree = read_tree(&out);
    assert_eq!(tree["videos/knee/bend.mp4"], b"video");
    assert_eq!(tree["bend.mp4"], b"video");
    // Only that folder: a link to another one is still refused.
    symlink("/etc", site.join("static/etc")).unwrap();
    let o = sinew_in(d.path(), &["build", "--root", "site", "--out", "out"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("--> static/etc\n"), "{err}");
    assert!(!err.contains("static/videos"), "{err}");
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

#[cfg(unix)]
#[test]
fn named_pipes_as_site_yaml_a_static_file_or_a_template_are_errors_not_hangs() {
    for (rel, hint) in [
        ("site.yaml", "every site needs a `site.yaml`"),
        ("static/handout.pdf", "remove it"),
        ("templates/page.html", "remove it"),
    ] {
        let d = site_copy("basic");
        let site = d.path().join("site");
        let out = d.path().join("out");
        build_ok(&site, &out, &[]);
        let before = read_tree(&out);
        fs::create_dir_all(site.join(rel).parent().unwrap()).unwrap();
        let _ = fs::remove_file(site.join(rel));
        mkfifo(&site.join(rel));
        for args in [
            &["build", "--root", "site", "--out", "out"][..],
            &["check", "--root", "site"][..],
        ] {
            let o = sinew_in(d.path(), args);
            let err = stderr(&o) + &String::from_utf8_lossy(&o.stdout);
            assert_eq!(o.status.code(), Some(1), "{rel} {args:?}: {err}");
            assert!(err.contains(&format!("--> {rel}")), "{rel}: {err}");
            assert!(
                err.contains("is a named pipe") || err.contains("is not an ordinary file"),
                "{rel}: {err}"
            );
            assert!(err.contains(hint), "{rel}: {err}");
        }
        assert!(read_tree(&out) == before, "{rel}");
    }
}

/// A `base_url` (or `--base-url`) holding a quote or `<` is refused as an address, in
/// plain words, before any page is made: it is written into every page's attributes and
/// scripts, where it could end them. Before, the build went on and failed with a
/// screenful of links "outside the site's folder" naming the built-in templates.
#[test]
fn a_base_url_with_quotes_or_angle_brackets_is_refused_as_an_address() {
    let d = site_copy("basic");
    let site = d.path().join("site");
    for bad in [
        "https://clinic.example/\"><script>alert(1)</script>/",
        "/p'x/",
    ] {
        let o = sinew_in(&site, &["build", "--base-url", bad]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("which a web address cannot hold"), "{err}");
        assert!(!err.contains("templates/"), "{err}");
        assert!(!site.join("public").exists());
    }
}
