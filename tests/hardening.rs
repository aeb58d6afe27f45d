//! `sinew build` against a site folder or output folder that someone has tampered with
//! (issue 14; see docs/guarantees.md):
//! - links: sinew's working folder or lock file being a symbolic link (in a fixture, and
//!   through a real `git clone` of a repository holding one), a link inside the output
//!   folder, and an output folder that is itself a link (allowed)
//! - a named pipe as the lock file
//! - power cuts: `--timings` reports the sync before the swap (the order itself is
//!   checked by the unit tests of `src/output/mod.rs`)

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
