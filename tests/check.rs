//! `sinew check` run as a user runs it: the real binary on the fixture sites in
//! `tests/fixtures/check/<rule>/`, each made to trigger one rule, and on the sample site.
//!
//! Each rule's test lists the exact findings expected (rule, file, line) and checks them
//! in both the text and the JSON output, and the exit code with and without `--strict`.
//! Every run uses `--today 2026-11-25`, so review dates never go stale.

mod common;

use common::copy_dir;
use std::path::{Path, PathBuf};
use std::process::Command;

const TODAY: &str = "2026-11-25";

/// One finding as the user sees it: severity, rule, file, line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Finding {
    severity: String,
    rule: String,
    file: String,
    line: Option<usize>,
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(name)
}

fn sinew_check(root: &Path, extra: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_sinew"))
        .arg("check")
        .arg("--root")
        .arg(root)
        .args(["--today", TODAY])
        .args(extra)
        .output()
        .expect("run sinew");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Reads findings from the text report: `warning[rule]: message` then `  --> file:line`.
fn from_text(report: &str) -> Vec<Finding> {
    let lines: Vec<&str> = report.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let Some((severity, rest)) = l.split_once('[') else {
            continue;
        };
        if !matches!(severity, "warning" | "error") {
            continue;
        }
        let rule = rest.split_once("]: ").expect("rule").0.to_string();
        let place = lines[i + 1]
            .strip_prefix("  --> ")
            .expect("a `-->` line after each finding");
        let mut parts = place.split(':');
        let file = parts.next().unwrap().to_string();
        let line = parts.next().map(|n| n.parse().expect("line number"));
        out.push(Finding {
            severity: severity.to_string(),
            rule,
            file,
            line,
        });
    }
    out
}

fn from_json(report: &str) -> Vec<Finding> {
    let v: serde_json::Value = serde_json::from_str(report).expect("stdout is JSON");
    v.as_array()
        .expect("a JSON array")
        .iter()
        .map(|d| Finding {
            severity: d["severity"].as_str().unwrap().to_string(),
            rule: d["rule"].as_str().unwrap().to_string(),
            file: d["file"].as_str().unwrap().to_string(),
            line: d["line"].as_u64().map(|n| n as usize),
        })
        .collect()
}

/// Checks a fixture that builds: its warnings, exactly, in text and JSON, exit 0 without
/// `--strict` and 1 with it. Returns the text run for further checks.
fn check(name: &str, expected: &[(&str, &str, Option<usize>)]) -> Run {
    let root = fixture(name);
    let want: Vec<Finding> = expected
        .iter()
        .map(|(rule, file, line)| Finding {
            severity: "warning".into(),
            rule: rule.to_string(),
            file: file.to_string(),
            line: *line,
        })
        .collect();

    let text = sinew_check(&root, &[]);
    assert_eq!(
        from_text(&text.stdout),
        want,
        "text output:\n{}",
        text.stdout
    );
    assert_eq!(
        text.code, 0,
        "warnings alone pass without --strict:\n{}",
        text.stdout
    );

    let json = sinew_check(&root, &["--format", "json"]);
    assert_eq!(
        from_json(&json.stdout),
        want,
        "JSON output:\n{}",
        json.stdout
    );
    assert_eq!(json.code, 0);

    let strict = sinew_check(&root, &["--strict", "--format", "json"]);
    assert_eq!(
        strict.code,
        if want.is_empty() { 0 } else { 1 },
        "--strict exit code"
    );
    assert!(
        !root.join("public").exists(),
        "check must not write the site"
    );
    text
}

fn last_line(s: &str) -> &str {
    s.trim_end().lines().last().unwrap_or("")
}

#[test]
fn readability() {
    let run = check(
        "readability",
        &[
            ("readability", "content/exercises/hip-hinge.yaml", Some(8)),
            ("readability", "content/osteoarthritis.md", Some(17)),
            ("readability", "content/smog-only.md", Some(8)),
            ("readability", "content/walking.md", Some(6)),
        ],
    );
    // Both formulas are shown; a page within its own `max_grade` is still held to the
    // SMOG limit, and exercise text (summary, steps, cautions) is measured too.
    assert!(
        run.stdout.contains(
            "its reading grade is 16.8; its SMOG grade is 17.1, above the site's limit of 10"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("this exercise is hard to read: its reading grade is 16.9"),
        "{}",
        run.stdout
    );
    // The hardest sentence is named with its line; the page with `max_grade: 20` passes, and
    // `physio.md` (one word, "grade 55") is too short to measure.
    assert!(
        run.stdout
            .contains("- line 17: \"Physiotherapists recommend a combination"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("above the site's limit of 8"));
    assert!(
        run.stdout
            .contains("above this page's own limit (`max_grade`) of 4")
    );
}

#[test]
fn review_overdue() {
    let run = check(
        "review-overdue",
        &[
            ("review-in-future", "content/future.md", Some(3)),
            ("review-overdue", "content/pacing.md", Some(4)),
            ("review-overdue", "content/sleep.md", Some(3)),
        ],
    );
    assert!(
        run.stdout.contains("was due on 1 October 2026"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("reviewed every 6 months"));
}

#[test]
fn review_missing() {
    check(
        "review-missing",
        &[
            ("review-missing", "content/conditions/back-pain.md", None),
            (
                "review-missing",
                "content/conditions/knee/runners-knee.md",
                None,
            ),
            // Exercises and ladders always give clinical advice.
            ("review-missing", "content/exercises/neck-turn.yaml", None),
            ("review-missing", "content/neck-pain.md", None),
            ("review-overdue", "content/programs/neck.yaml", Some(13)),
        ],
    );
}

#[test]
fn attribution_missing() {
    // `back.md` names both; a non-clinical page (home) needs neither.
    let run = check(
        "attribution-missing",
        &[
            ("attribution-missing", "content/conditions/hip.md", None),
            ("attribution-missing", "content/conditions/knee.md", None),
            ("attribution-missing", "content/exercises/squat.yaml", None),
        ],
    );
    assert!(
        run.stdout
            .contains("does not say what its advice rests on (`sources`)"),
        "{}",
        run.stdout
    );
}

#[test]
fn required_section() {
    // "When to get help now" counts as "When to get help"; `### Red flags!` as "Red flags";
    // `about.md` is not clinical.
    let run = check(
        "required-section",
        &[
            ("required-section", "content/conditions/hip.md", None),
            ("required-section", "content/conditions/knee.md", None),
        ],
    );
    assert!(
        run.stdout.contains("has no \"Red flags\" section"),
        "{}",
        run.stdout
    );
}

#[test]
fn duplicate_exercise() {
    check(
        "duplicate-exercise",
        &[
            ("duplicate-exercise", "content/programs/knee.yaml", Some(17)),
            ("duplicate-exercise", "content/programs/knee.yaml", Some(21)),
        ],
    );
}

#[test]
fn dose_mismatch() {
    // A stage without `hold_seconds` takes its exercise's hold (core.yaml's plank and
    // knee.yaml's wall-sit): nothing to report. One that writes a different hold (0 for the
    // 30-second plank, 10 for the 5-second bridge) is reported at its stage.
    let run = check(
        "dose-mismatch",
        &[
            ("dose-mismatch", "content/programs/knee.yaml", Some(17)),
            ("dose-mismatch", "content/programs/knee.yaml", Some(22)),
        ],
    );
    assert!(
        run.stdout.contains(
            "`hold_seconds: 0`, but the exercise's own page says to hold each one for 30 seconds"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn condition_backlink() {
    // `hip.md` has `program: hip`; `back.md` links to the back ladder's planner.
    check(
        "condition-backlink",
        &[("condition-backlink", "content/knee.md", None)],
    );
}

#[test]
fn check_settings() {
    // `exercise-media: off` silences the plank; `legal.md` silences its vague link with
    // a reason; `heading-skip` silenced without a reason still reports.
    let run = check(
        "check-settings",
        &[
            ("check-settings", "content/pacing.md", Some(5)),
            ("check-settings", "content/pacing.md", Some(6)),
            ("heading-skip", "content/pacing.md", Some(10)),
            ("check-settings", "site.yaml", Some(4)),
        ],
    );
    assert!(
        run.stdout.contains("did you mean `readability`?"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("did you mean `orphan-page`?"),
        "{}",
        run.stdout
    );
}

#[test]
fn drafts_are_checked_with_drafts() {
    let root = fixture("vague-link");
    let without = sinew_check(&root, &["--format", "json"]);
    assert!(
        !from_json(&without.stdout)
            .iter()
            .any(|f| f.file == "content/coming-soon.md")
    );
    let with = sinew_check(&root, &["--drafts", "--format", "json"]);
    assert!(
        from_json(&with.stdout).contains(&Finding {
            severity: "warning".into(),
            rule: "vague-link".into(),
            file: "content/coming-soon.md".into(),
            line: Some(5),
        }),
        "{}",
        with.stdout
    );
}

/// `--previous` with an earlier build's folder, or its sitemap.xml: a removed page is
/// reported; once a page names the old address in `aliases`, it is not.
#[test]
fn previous_finds_a_removed_page() {
    let d = tempfile::tempdir().unwrap();
    let site = d.path().join("site");
    copy_dir(&fixture("clean"), &site);
    let before = d.path().join("before");
    common::build_ok(&site, &before, &[]);

    // The contact page moves into a folder.
    std::fs::create_dir_all(site.join("content/about")).unwrap();
    std::fs::rename(
        site.join("content/contact.md"),
        site.join("content/about/contact.md"),
    )
    .unwrap();
    for f in ["content/index.md", "content/conditions/knee-pain.md"] {
        let p = site.join(f);
        let text = std::fs::read_to_string(&p)
            .unwrap()
            .replace("@/contact.md", "@/about/contact.md");
        std::fs::write(&p, text).unwrap();
    }
    let gone = Finding {
        severity: "warning".into(),
        rule: "gone-address".into(),
        file: before.to_str().unwrap().into(),
        line: None,
    };
    for previous in [before.clone(), before.join("sitemap.xml")] {
        let run = sinew_check(
            &site,
            &["--previous", previous.to_str().unwrap(), "--format", "json"],
        );
        let mut want = gone.clone();
        want.file = previous.to_str().unwrap().into();
        assert_eq!(from_json(&run.stdout), vec![want], "{}", run.stdout);
        let text = sinew_check(&site, &["--previous", previous.to_str().unwrap()]);
        assert!(
            text.stdout
                .contains("`/contact/` was published in the previous site"),
            "{}",
            text.stdout
        );
        assert!(
            text.stdout.contains("the page now at `/about/contact/`"),
            "{}",
            text.stdout
        );
    }

    // An alias keeps the old address working.
    let p = site.join("content/about/contact.md");
    let text = std::fs::read_to_string(&p).unwrap().replacen(
        "---\n",
        "---\naliases: [\"/contact/\"]\n",
        1,
    );
    std::fs::write(&p, text).unwrap();
    let run = sinew_check(&site, &["--previous", before.to_str().unwrap(), "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stdout);

    let missing = sinew_check(
        &site,
        &["--previous", d.path().join("nope").to_str().unwrap()],
    );
    assert_ne!(missing.code, 0);
    assert!(
        missing.stderr.contains("does not exist"),
        "{}",
        missing.stderr
    );
}

#[test]
fn unknown_clinical_section() {
    let run = check(
        "unknown-clinical-section",
        &[("unknown-clinical-section", "site.yaml", Some(4))],
    );
    assert!(
        run.stdout.contains("did you mean `treatments`?"),
        "{}",
        run.stdout
    );
}

#[test]
fn image_alt() {
    check(
        "image-alt",
        &[
            ("image-alt", "content/exercises/bridge.yaml", Some(5)),
            ("image-alt", "content/knee.md", Some(7)),
            ("image-alt", "content/knee.md", Some(11)),
            ("image-alt", "content/knee.md", Some(13)),
        ],
    );
}

#[test]
fn vague_link() {
    let run = check(
        "vague-link",
        &[
            ("vague-link", "content/contact.md", Some(5)),
            ("vague-link", "content/contact.md", Some(7)),
            ("vague-link", "content/contact.md", Some(8)),
            ("vague-link", "content/contact.md", Some(10)),
        ],
    );
    assert!(
        run.stdout
            .contains("the link text \"click here\" does not say where the link goes")
    );
}

#[test]
fn heading_skip() {
    check(
        "heading-skip",
        &[
            ("heading-skip", "content/pacing.md", Some(7)),
            ("heading-skip", "content/pacing.md", Some(15)),
        ],
    );
}

#[test]
fn heading_h1() {
    let run = check(
        "heading-h1",
        &[
            ("heading-h1", "content/sleep.md", Some(5)),
            ("heading-h1", "content/stairs.md", Some(7)),
        ],
    );
    assert!(
        run.stdout.contains("\"Sleep\" repeats the page title"),
        "{}",
        run.stdout
    );
}

#[test]
fn ladder_length() {
    check(
        "ladder-length",
        &[("ladder-length", "content/programs/long.yaml", Some(8))],
    );
}

#[test]
fn unused_exercise() {
    check(
        "unused-exercise",
        &[
            ("unused-exercise", "content/exercises/calf-raise.yaml", None),
            ("unused-exercise", "content/exercises/wall-sit.yaml", None),
        ],
    );
}

#[test]
fn orphan_page() {
    // `exercises/stretching.md` is linked from home and `conditions/knee-pain.md` is in a
    // listing, so neither is an orphan; a page that only links to itself is.
    check(
        "orphan-page",
        &[
            ("orphan-page", "content/exercises/tips/cool-down.md", None),
            ("orphan-page", "content/exercises/tips/self.md", None),
            ("orphan-page", "content/exercises/warm-up.md", None),
        ],
    );
}

#[test]
fn exercise_media() {
    check(
        "exercise-media",
        &[("exercise-media", "content/exercises/plank.yaml", None)],
    );
}

/// Issue 13, item 9: a path-only `base_url` leaves out the sitemap (and every other
/// feature that needs the site's full address), and `check` says so once.
#[test]
fn base_url_not_absolute() {
    let run = check(
        "base-url-not-absolute",
        &[("base-url-not-absolute", "site.yaml", Some(2))],
    );
    assert!(
        run.stdout
            .contains("`base_url` is only a path (`/patients/`)")
            && run.stdout.contains("base_url: https://clinic.example/"),
        "{}",
        run.stdout
    );
}

#[test]
fn placeholder() {
    let run = check(
        "placeholder",
        &[
            ("placeholder", "content/contact.md", Some(3)),
            ("placeholder", "content/contact.md", Some(8)),
            ("placeholder", "content/exercises/squat.yaml", Some(4)),
            ("placeholder", "content/programs/knee.yaml", Some(21)),
            ("placeholder", "site.yaml", Some(6)),
            ("placeholder", "site.yaml", Some(7)),
        ],
    );
    assert!(
        run.stdout
            .contains("placeholder still to replace: \"REPLACE: your phone number\""),
        "{}",
        run.stdout
    );
}

/// A title (or another text) wholly inside quotes, as Word leaves it, keeps the quotes on
/// the page (`title: “About us”` gave the tab title `“About us” | ...`).
#[test]
fn quoted_text() {
    let run = check(
        "quoted-text",
        &[
            ("quoted-text", "content/contact.md", Some(2)),
            ("quoted-text", "content/contact.md", Some(3)),
            ("quoted-text", "content/exercises/squat.yaml", Some(1)),
            ("quoted-text", "content/exercises/squat.yaml", Some(3)),
        ],
    );
    assert!(
        run.stdout.contains(
            "remove the quotes around the title, keeping the words inside them: `Book a call`"
        ),
        "{}",
        run.stdout
    );
}

/// Windows's, a browser's and a cloud drive's copies of a page (`contact - Copy.md`,
/// `contact (1).md`, `Copy of contact.md`) are published as pages of their own; so are
/// copies of pictures and documents in `content/` and `static/` (`logo (1).png`,
/// `leaflet - Copy.pdf`, GNOME Files' `leaflet (Copy 2).pdf` and `leaflet (another
/// copy).pdf`, `Knee – Copy.PNG` with an en dash beside `knee.png`, a copied folder
/// `images - Copy/` named once, Syncthing's `leaflet.sync-conflict-20261201-101010-
/// ABCDEF7.pdf`), beside their originals. A name like a copy's with no
/// original (`Copy of handout.pdf`, `map (2).pdf`) is not one.
#[test]
fn copied_file() {
    let run = check(
        "copied-file",
        &[
            ("copied-file", "content/Copy of contact.md", None),
            (
                "copied-file",
                "content/conditions/leaflet (Copy 2).pdf",
                None,
            ),
            (
                "copied-file",
                "content/conditions/leaflet (another copy).pdf",
                None,
            ),
            ("copied-file", "content/conditions/leaflet - Copy.pdf", None),
            (
                "copied-file",
                "content/conditions/leaflet.sync-conflict-20261201-101010-ABCDEF7.pdf",
                None,
            ),
            ("copied-file", "content/contact (1).md", None),
            ("duplicate-title", "content/contact (1).md", Some(2)),
            ("copied-file", "content/contact - Copy.md", None),
            ("duplicate-title", "content/contact - Copy.md", Some(2)),
            ("duplicate-title", "content/contact.md", Some(2)),
            (
                "copied-file",
                "content/contact.sync-conflict-20261130-093000-XYZ2345.md",
                None,
            ),
            (
                "duplicate-title",
                "content/contact.sync-conflict-20261130-093000-XYZ2345.md",
                Some(2),
            ),
            ("copied-file", "static/Knee \u{2013} Copy.PNG", None),
            ("copied-file", "static/images - Copy", None),
            ("copied-file", "static/logo (1).png", None),
        ],
    );
    // The name suggested carries the year `check` runs in (its `--today`).
    let year = &TODAY[..4];
    for words in [
        "`static/logo (1).png` looks like a copy of `static/logo.png`",
        "both are published, and a page that shows the copy may show an old version",
        &format!("rename it to say how it differs (such as `logo-{year}.png`)"),
        "`static/images - Copy` looks like a copy of `static/images`",
        // GNOME Files' names, a dash typed as an en dash, and other capitals.
        "`content/conditions/leaflet (Copy 2).pdf` looks like a copy of \
         `content/conditions/leaflet.pdf`",
        "`content/conditions/leaflet (another copy).pdf` looks like a copy of",
        "`static/Knee \u{2013} Copy.PNG` looks like a copy of `static/knee.png`",
        // Syncthing's copy of a file changed on two devices at once.
        "`content/contact.sync-conflict-20261130-093000-XYZ2345.md` looks like a copy of \
         `content/contact.md`",
        // Three copies of one leaflet are not all told to become one name.
        &format!("(such as `leaflet-{year}.pdf`)"),
        &format!("(such as `leaflet-{year}-2.pdf`)"),
        &format!("(such as `leaflet-{year}-3.pdf`)"),
    ] {
        assert!(run.stdout.contains(words), "{words}: {}", run.stdout);
    }
    assert!(
        run.stdout
            .contains("`content/contact - Copy.md` looks like a copy of `content/contact.md`")
            && run
                .stdout
                .contains("delete `content/contact - Copy.md` if it is a leftover copy"),
        "{}",
        run.stdout
    );
    // Another year, another name.
    let later = Command::new(env!("CARGO_BIN_EXE_sinew"))
        .args(["check", "--today", "2031-03-04", "--root"])
        .arg(fixture("copied-file"))
        .output()
        .expect("run sinew");
    let later = String::from_utf8(later.stdout).unwrap();
    assert!(later.contains("(such as `logo-2031.png`)"), "{later}");
}

/// A page or folder named with `%` escapes, as some download tools and unzip programs
/// write a space (`Helpful%20Tips/`, `back%20care.md`), is published at
/// `/helpful-20tips/...`: one warning at each such folder (not at every page in it) and
/// page, saying what to rename it to: a zero-width space's three codes named whole, every
/// different escaped character named (`hip%20pain%28acute%29.md`), never
/// a copy's name (`contact (1).md` beside `contact.md`, which is named as a copy) or a
/// name at another page's address (`sleep-well.md`).
#[test]
fn escaped_name() {
    let run = check(
        "escaped-name",
        &[
            ("escaped-name", "content/Helpful%20Tips", None),
            (
                "escaped-name",
                "content/Helpful%20Tips/sleep%20well.md",
                None,
            ),
            ("escaped-name", "content/back%20care.md", None),
            ("escaped-name", "content/contact%20(1).md", None),
            ("escaped-name", "content/hip%20pain%28acute%29.md", None),
            ("escaped-name", "content/knee%E2%80%8Bexercises.md", None),
            ("escaped-name", "content/search%21.md", None),
        ],
    );
    for words in [
        "the name `Helpful%20Tips` has `%20` in it, the code some download and unzip programs \
         write for a space: its pages are published at addresses with `helpful-20tips` in them",
        "rename the folder to `Helpful Tips` or `helpful-tips`",
        "rename the file to `back care.md` or `back-care.md`",
        // A zero-width space is three escapes, named whole and in words.
        "the name `knee%E2%80%8Bexercises.md` has `%E2%80%8B` in it, the code some download \
         and unzip programs write for a zero-width space (a character that shows as nothing)",
        "rename the file to `knee-exercises.md`,",
        // Every different escaped character is named, each once.
        "the name `hip%20pain%28acute%29.md` has `%20`, `%28` and `%29` in it, the codes some \
         download and unzip programs write for a space, `(` and `)`:",
        // A copy's name is not suggested, and the copy is named as one.
        "`contact%20(1).md` looks like a copy of `contact.md`: delete it if it is a leftover \
         copy; if it is meant to be a page of its own, rename the file to `contact-1.md`,",
        // Neither name is suggested when another page in the folder has its address.
        "rename the file to a name of plain letters, digits and hyphens whose address is still \
         free (`sleep-well.md` would have an address already used, by a page or folder beside \
         it or by the site itself)",
        // Nor a name at an address the site makes itself: `search%21.md` at the top is
        // not told to become `search.md` (the search page's address).
        "rename the file to a name of plain letters, digits and hyphens whose address is still \
         free (`search.md` would have an address already used",
    ] {
        assert!(run.stdout.contains(words), "{words}: {}", run.stdout);
    }
}

/// A picture named with `%` codes cannot be published (`unwritable-name`, an error); the
/// name its error suggests is never one another check flags: `logo%20(1).png` beside
/// `logo.png` is named as a copy, and `logo (1).png` (a copy's name) is not suggested.
#[test]
fn escaped_picture_names_suggest_no_flagged_name() {
    let dir = small_site("Picture clinic", &["static"], "");
    let root = dir.path();
    let png = std::fs::read(fixture("copied-file").join("static/logo.png")).unwrap();
    for name in ["logo.png", "logo%20(1).png", "knee%E2%80%8Bdiagram.png"] {
        std::fs::write(root.join("static").join(name), &png).unwrap();
    }
    let run = sinew_check(root, &[]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let all = format!("{}{}", run.stdout, run.stderr);
    for words in [
        "`logo%20(1).png` looks like a copy of `logo.png`: delete it if it is a leftover copy",
        "if it is meant to be different, rename it to `logo-1.png`, and write its address with \
         the new name. `%20` is the code some download and unzip programs write for a space",
        "rename `knee%E2%80%8Bdiagram.png` to `knee-diagram.png`, and write its address with the \
         new name. `%E2%80%8B` is the code some download and unzip programs write for a \
         zero-width space (a character that shows as nothing)",
    ] {
        assert!(all.contains(words), "{words}: {all}");
    }
    assert!(!all.contains("`logo (1).png`"), "{all}");
}

#[test]
fn video_captions() {
    check(
        "video-captions",
        &[("video-captions", "content/exercises/grip.yaml", Some(5))],
    );
}

#[test]
fn video_format() {
    check(
        "video-format",
        &[
            ("video-format", "content/exercises/grip.yaml", Some(5)),
            ("video-format", "content/exercises/stretch.yaml", Some(4)),
        ],
    );
}

/// A site of one home page in a temporary folder: `site.yaml` titled `title`, the
/// folders `dirs` (relative to the root) made, and `content/index.md` with `home` after
/// its front matter.
fn small_site(title: &str, dirs: &[&str], home: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("site.yaml"),
        format!("title: {title}\nbase_url: https://clinic.example/\n"),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    for d in dirs {
        std::fs::create_dir_all(root.join(d)).unwrap();
    }
    std::fs::write(
        root.join("content/index.md"),
        format!("---\ntitle: Home\n---\n\nWe help you move well.\n\n{home}"),
    )
    .unwrap();
    dir
}

/// A video just over the limit (a sparse file, so nothing large is written) is reported;
/// one at the limit is not.
#[test]
fn video_size() {
    let dir = small_site(
        "Video clinic",
        &["content/exercises", "static/videos"],
        "{{ exercise(id=\"big\") }}\n\n{{ exercise(id=\"fine\") }}\n",
    );
    let root = dir.path();
    for (id, bytes) in [("big", 20_000_001), ("fine", 20_000_000)] {
        let f = std::fs::File::create(root.join(format!("static/videos/{id}.mp4"))).unwrap();
        f.set_len(bytes).unwrap();
        std::fs::write(root.join(format!("static/videos/{id}.vtt")), "WEBVTT\n").unwrap();
        std::fs::write(
            root.join(format!("content/exercises/{id}.yaml")),
            format!(
                "name: {id}\nsteps: [Do it.]\nvideo: /videos/{id}.mp4\ncaptions: /videos/{id}.vtt\nreviewed: 2026-06-01\n"
            ),
        )
        .unwrap();
    }
    let run = sinew_check(root, &["--format", "json"]);
    assert_eq!(
        from_json(&run.stdout),
        vec![Finding {
            severity: "warning".into(),
            rule: "video-size".into(),
            file: "content/exercises/big.yaml".into(),
            line: Some(3),
        }],
        "{}{}",
        run.stdout,
        run.stderr
    );
}

/// A picture just over 1 MB (a sparse file: nothing large is written) is reported,
/// naming the picture; one at the limit is not, nor a large file that is no picture.
#[test]
fn image_size() {
    let dir = small_site(
        "Photo clinic",
        &["static/images"],
        "![A knee bent at a right angle](/images/big.JPG)\n\n![A knee held straight](/images/fine.png)\n\nRead [the leaflet](/leaflet.pdf).\n",
    );
    let root = dir.path();
    for (name, bytes) in [
        ("images/big.JPG", 1_000_001),
        ("images/fine.png", 1_000_000),
        ("leaflet.pdf", 3_000_000),
    ] {
        let f = std::fs::File::create(root.join("static").join(name)).unwrap();
        f.set_len(bytes).unwrap();
    }
    let run = sinew_check(root, &["--format", "json"]);
    assert_eq!(
        from_json(&run.stdout),
        vec![Finding {
            severity: "warning".into(),
            rule: "image-size".into(),
            file: "static/images/big.JPG".into(),
            line: None,
        }],
        "{}{}",
        run.stdout,
        run.stderr
    );
    let text = sinew_check(root, &[]);
    assert!(
        text.stdout
            .contains("the picture `static/images/big.JPG` is 1.0 MB, more than 1 MB"),
        "{}",
        text.stdout
    );
}

/// An iPhone photo left as HEIC (or a TIFF scan) shows only in Safari: reported at the
/// picture; a JPEG is not.
/// A Word document, spreadsheet or presentation dropped into the site is published as
/// it is (with its author, comments and tracked changes): `check` warns at the file; a
/// PDF leaflet is what it should be, and gets no warning.
#[test]
fn office_document() {
    let dir = small_site(
        "Leaflet clinic",
        &["content/leaflets", "static/forms"],
        "Read [the knee leaflet](leaflets/knee.pdf).\n",
    );
    let root = dir.path();
    std::fs::write(root.join("content/leaflets/knee.pdf"), "%PDF-1.4").unwrap();
    std::fs::write(root.join("content/leaflets/Knee advice.DOCX"), "PK").unwrap();
    std::fs::write(root.join("static/forms/intake.xlsx"), "PK").unwrap();
    let run = sinew_check(root, &["--format", "json"]);
    let finding = |file: &str| Finding {
        severity: "warning".into(),
        rule: "office-document".into(),
        file: file.into(),
        line: None,
    };
    let found: Vec<Finding> = from_json(&run.stdout)
        .into_iter()
        .filter(|f| f.rule == "office-document")
        .collect();
    assert_eq!(
        found,
        vec![
            finding("content/leaflets/Knee advice.DOCX"),
            finding("static/forms/intake.xlsx")
        ],
        "{}{}",
        run.stdout,
        run.stderr
    );
    let text = sinew_check(root, &[]);
    assert!(
        text.stdout.contains("save it as a PDF") || text.stderr.contains("save it as a PDF"),
        "{}{}",
        text.stdout,
        text.stderr
    );
}

#[test]
fn image_format() {
    let dir = small_site(
        "Photo clinic",
        &["static/images"],
        "![A knee bent at a right angle](/images/knee.HEIC)\n\n![A scan of a knee](/images/scan.tif)\n\n![A knee held straight](/images/fine.jpg)\n",
    );
    let root = dir.path();
    for name in ["knee.HEIC", "scan.tif", "fine.jpg"] {
        std::fs::write(root.join("static/images").join(name), "x").unwrap();
    }
    let run = sinew_check(root, &["--format", "json"]);
    let finding = |file: &str| Finding {
        severity: "warning".into(),
        rule: "image-format".into(),
        file: file.into(),
        line: None,
    };
    assert_eq!(
        from_json(&run.stdout),
        vec![
            finding("static/images/knee.HEIC"),
            finding("static/images/scan.tif")
        ],
        "{}{}",
        run.stdout,
        run.stderr
    );
}

#[test]
fn clean_site_passes_strict() {
    let run = check("clean", &[]);
    assert_eq!(
        last_line(&run.stdout),
        "sinew check: no problems in 3 pages, 2 exercises, 1 ladder; passed"
    );
    let json = sinew_check(&fixture("clean"), &["--format", "json", "--strict"]);
    assert_eq!(json.stdout.trim(), "[]");
}

#[test]
fn build_errors_fail_without_strict() {
    let root = fixture("build-error");
    let want = vec![Finding {
        severity: "error".into(),
        rule: "milestone-exercise".into(),
        file: "content/programs/legs.yaml".into(),
        line: Some(14),
    }];
    let text = sinew_check(&root, &[]);
    assert_eq!(from_text(&text.stdout), want, "{}", text.stdout);
    assert_eq!(text.code, 1);
    assert!(
        last_line(&text.stdout).contains("does not build"),
        "{}",
        text.stdout
    );
    let json = sinew_check(&root, &["--format", "json"]);
    assert_eq!(from_json(&json.stdout), want);
    assert_eq!(json.code, 1);
    assert!(
        json.stderr.contains("1 error"),
        "the summary goes to stderr: {}",
        json.stderr
    );
}

#[test]
fn strict_summary_says_why_it_failed() {
    let run = sinew_check(&fixture("heading-h1"), &["--strict"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        last_line(&run.stdout),
        "sinew check: 2 warnings in 3 pages; failed: --strict counts warnings as errors"
    );
}

/// The report shows what matters first: errors, then warnings, then notes (by file and
/// line inside each), in text and JSON alike, and the summary counts each.
#[test]
fn findings_are_ordered_by_severity_then_file() {
    let dir = small_site(
        "Order clinic",
        &[],
        "Read [about pacing](@/a-pacing.md) and [the knee](@/b-knee.md).\n",
    );
    let root = dir.path();
    // `vague-link` turned into a note, on the file that sorts first.
    std::fs::write(
        root.join("site.yaml"),
        "title: Order clinic\nbase_url: https://clinic.example/\nrules:\n  vague-link: note\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/a-pacing.md"),
        "---\ntitle: Pacing\n---\n\nTo book a call, [click here](@/b-knee.md).\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/b-knee.md"),
        "---\ntitle: Knee\n---\n\n## Knee pain\n\nRest.\n\n#### Exercises\n\nMove.\n\n##### More\n\nWalk.\n",
    )
    .unwrap();
    let json = sinew_check(root, &["--format", "json"]);
    let found: Vec<(String, String, String)> = from_json(&json.stdout)
        .into_iter()
        .map(|f| (f.severity, f.rule, f.file))
        .collect();
    let row = |s: &str, r: &str, f: &str| (s.to_string(), r.to_string(), f.to_string());
    assert_eq!(
        found,
        vec![
            row("warning", "heading-skip", "content/b-knee.md"),
            row("note", "vague-link", "content/a-pacing.md"),
        ],
        "{}",
        json.stdout
    );
    let text = sinew_check(root, &[]);
    let warning = text.stdout.find("warning[heading-skip]").expect("warning");
    let note = text.stdout.find("note[vague-link]").expect("note");
    assert!(warning < note, "{}", text.stdout);
    assert_eq!(
        last_line(&text.stdout),
        "sinew check: 1 warning and 1 note in 3 pages; passed with warnings: the site still builds, but fix them before you publish (notes are for information only)"
    );
    assert_eq!(text.code, 0);
}

#[test]
fn bad_today_is_explained() {
    let out = Command::new(env!("CARGO_BIN_EXE_sinew"))
        .args(["check", "--today", "25/11/2026", "--root"])
        .arg(fixture("clean"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("`--today 25/11/2026` is not a date"), "{err}");
}

/// The repository's sample site must pass `check --strict` (the "done when").
#[test]
fn sample_site_passes_strict() {
    let run = sinew_check(Path::new(env!("CARGO_MANIFEST_DIR")), &["--strict"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // Its notes (rules the site turns down, such as pages not yet translated) are counted
    // but never fail the check.
    let last = last_line(&run.stdout);
    assert!(
        last.ends_with("; passed (notes are for information only)") && !last.contains("warning"),
        "{}",
        run.stdout
    );
}

/// `docs/check.md` has a section for every rule.
#[test]
fn docs_cover_every_rule() {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/check.md"))
        .unwrap();
    for (rule, _) in sinew::quality::RULES {
        assert!(
            docs.contains(&format!("### `{rule}`")),
            "docs/check.md has no section for `{rule}`"
        );
    }
}

/// Issue 13, item 11: `check` runs every check `build` runs, so a name that cannot be
/// written (here a tag of 299 bytes, `aux`, and two names that differ only in Unicode
/// normalisation) fails `check` at its source line, not only `build`.
#[test]
fn check_fails_where_build_fails() {
    let all = check_broken_case("unwritable-names");
    assert!(
        all.contains("content/about.md:5") && all.contains("is 299 bytes long"),
        "{all}"
    );
    assert!(all.contains("content/aux.md"), "{all}");
}

/// Whole paths too long for Windows and zip tools fail `check` too, each at its source:
/// a tag and an alias at their lines, a page and a ladder at their files.
#[test]
fn check_fails_on_paths_too_long_for_windows() {
    let all = check_broken_case("path-too-long");
    for expected in [
        "content/about.md:6",
        "content/about.md:8",
        "the-seat-belt.md",
        "programme-for-patients-x.yaml",
        "cannot hold a path over 200",
    ] {
        assert!(all.contains(expected), "{expected}: {all}");
    }
}

/// `sinew check` on the basic site with the broken-site case `case` over it: exit
/// code 1, and its whole output.
fn check_broken_case(case: &str) -> String {
    let d = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for from in [
        fixtures.join("sites/basic"),
        fixtures.join("invalid").join(case),
    ] {
        for e in walkdir::WalkDir::new(&from) {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(&from).unwrap();
            if e.file_type().is_dir() {
                std::fs::create_dir_all(d.path().join(rel)).unwrap();
            } else if let Some(to) = common::fixture_target(&from, rel) {
                let dest = d.path().join(to);
                std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
                std::fs::copy(e.path(), &dest).unwrap();
            }
        }
    }
    let run = sinew_check(d.path(), &[]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    format!("{}{}", run.stdout, run.stderr)
}

#[test]
fn duplicate_title() {
    // Two pages called "Knee pain" (case and spaces aside): the second is named, at its
    // `title:` line; a page with a title of its own is not.
    let run = check(
        "duplicate-title",
        &[("duplicate-title", "content/conditions/knee.md", Some(2))],
    );
    assert!(
        run.stdout.contains("content/advice/knee.md"),
        "the warning names the other page: {}",
        run.stdout
    );
}
