//! Helpers shared by the integration tests: copying fixture sites, running the real
//! binary, and reading an output folder into memory; `serve` starts `sinew serve`.
#![allow(dead_code)]

pub(crate) mod serve;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The fixtures folder.
pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies a folder tree (files and folders only).
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// A fresh temporary copy of `tests/fixtures/sites/<name>`; the site is at `.path().join("site")`.
pub(crate) fn site_copy(name: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("sites").join(name), &d.path().join("site"));
    d
}

/// Runs the real `sinew` binary.
pub(crate) fn sinew(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sinew"))
        .args(args)
        .output()
        .expect("run sinew")
}

/// Runs `sinew build --root <root> --out <out>` plus `extra`, whatever comes of it.
pub(crate) fn build(root: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    sinew(&args)
}

/// Runs `sinew build --root <root> --out <out>` plus `extra`, and checks it succeeded.
pub(crate) fn build_ok(root: &Path, out: &Path, extra: &[&str]) -> Output {
    let o = build(root, out, extra);
    assert!(
        o.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// Runs `sinew build --root <root> --out <out>` plus `extra`, checks it failed as a site
/// with problems fails (exit code 1, no panic), and returns its error output.
pub(crate) fn build_err(root: &Path, out: &Path, extra: &[&str]) -> String {
    let o = build(root, out, extra);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(1), "the build should fail: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// Runs `sinew check --root <site> --format json` plus `extra` and returns its findings
/// (each an object: `severity`, `rule`, `file`, `line`, `message`, `hint`).
pub(crate) fn check_json(site: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec![
        "check",
        "--root",
        site.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let o = sinew(&args);
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "`sinew check` printed no findings ({e}):\n{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

/// The bytes of an output file a library build returned (`sinew::site::build`).
pub(crate) fn body_bytes(body: &sinew::site::Body) -> Vec<u8> {
    match body {
        sinew::site::Body::Bytes(v) => v.clone(),
        sinew::site::Body::Builtin(v) => v.to_vec(),
        sinew::site::Body::File(p) => std::fs::read(p).unwrap(),
    }
}

/// Writes `text` to the file `rel` of `site`, making its folders.
pub(crate) fn write(site: &Path, rel: &str, text: &str) {
    let path = site.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Replaces the file `rel` of `site` with `change` of its text.
pub(crate) fn rewrite(site: &Path, rel: &str, change: impl FnOnce(String) -> String) {
    let path = site.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(path, change(text)).unwrap();
}

/// Every file under `dir`, by relative path.
pub(crate) fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut m = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            m.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    m
}

/// A file of an output tree as text.
pub(crate) fn page<'a>(tree: &'a BTreeMap<String, Vec<u8>>, path: &str) -> &'a str {
    let bytes = tree.get(path).unwrap_or_else(|| {
        panic!(
            "no `{path}` in the output; have: {:?}",
            tree.keys().collect::<Vec<_>>()
        )
    });
    std::str::from_utf8(bytes).unwrap()
}

/// All `href="..."` and `src="..."` values in an HTML text.
pub(crate) fn urls_in(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_string());
                rest = &rest[end..];
            }
        }
    }
    out
}

/// Besides the output folders, a build leaves only its spare working folder (the previous
/// site, reused to make the next build fast) and its lock file: no temporary leftovers.
pub(crate) fn assert_only_spare_and_lock_beside(dir: &Path) {
    for e in std::fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        if name.contains(".sinew-") {
            assert!(
                name.ends_with(".sinew-spare")
                    || name.ends_with(".sinew-lock")
                    || name.ends_with(".sinew-stamps-a")
                    || name.ends_with(".sinew-stamps-b"),
                "leftover `{name}`"
            );
        }
    }
}

/// Runs the real `sinew` binary in the folder `dir`.
pub(crate) fn sinew_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sinew"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run sinew")
}

/// Where the fixture file `rel` (relative to the fixture folder `case`) goes in a copied
/// site, or `None` for the files that describe the fixture (`expected.txt`,
/// `long-names.txt`). `long-names.txt` holds `short/path => long/path` lines (`#` starts
/// a comment) for files whose real names would not fit in a Windows checkout of this
/// repository; each is copied to its long name.
pub(crate) fn fixture_target(case: &Path, rel: &Path) -> Option<PathBuf> {
    if rel == Path::new("expected.txt") || rel == Path::new("long-names.txt") {
        return None;
    }
    let renames = std::fs::read_to_string(case.join("long-names.txt")).unwrap_or_default();
    for line in renames.lines().filter(|l| !l.trim_start().starts_with('#')) {
        if let Some((short, long)) = line.split_once(" => ")
            && Path::new(short.trim()) == rel
        {
            return Some(PathBuf::from(long.trim()));
        }
    }
    Some(rel.to_path_buf())
}
