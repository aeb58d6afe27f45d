//! Tests of the recorded folders: what a build records, and the look for links inside the
//! output through them (settled folders not read, changed or new ones read whole).

use super::*;
use std::os::unix::fs::symlink;

/// Every folder under `dir` (not `dir`), relative, sorted.
fn folders_of(dir: &Path) -> Vec<String> {
    let mut all: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            rel.to_string_lossy().into_owned()
        })
        .collect();
    all.sort();
    all
}

/// The folders recorded for the folder that is `out` now.
fn recorded(out: &Path) -> Vec<String> {
    // Read as the next build reads them: the manifest naming `out`.
    let work = out.with_file_name(format!(
        ".{}.sinew-spare",
        out.file_name().unwrap().to_string_lossy()
    ));
    assert!(stamps::load(out, &work).out_described);
    let (text, reference_ns) =
        stamps::out_folders(out).expect("the folders of the output are recorded");
    let rec = folders::Recorded::new(text, reference_ns).expect("a manifest saved in the past");
    rec.paths().into_iter().map(String::from).collect()
}

fn pages(names: &[&str]) -> Vec<OutFile> {
    names
        .iter()
        .map(|n| file(&format!("{n}/index.html"), n))
        .collect()
}

/// The build refuses the link at `link` by its path as shown (`shown`), keeping the
/// output; once the link is removed, the next build goes through.
fn refused_then_built(out: &Path, site: &[OutFile], link: &Path, shown: &str) {
    let err = format!("{:#}", write_atomic(out, site).unwrap_err());
    assert!(err.contains(&format!("`{shown}`")), "{shown}: {err}");
    assert!(link.is_symlink(), "{shown}: the output was kept");
    fs::remove_file(link).unwrap();
    write_atomic(out, site).unwrap();
}

#[test]
fn each_build_records_exactly_the_folders_it_leaves() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    // Fresh, then a rebuild that drops some pages and adds deeper ones, then another
    // rebuild into the first folder (which still holds the first site's folders).
    let sites = [
        pages(&["a", "b/c", "b/d", "e"]),
        pages(&["a", "b/d", "f/g/h"]),
        pages(&["f/g/h", "i"]),
        pages(&["a"]),
    ];
    for (i, site) in sites.iter().enumerate() {
        write_atomic(&out, site).unwrap();
        assert_eq!(recorded(&out), folders_of(&out), "after build {i}");
    }
    // Folders made by hand in the working folder before a build (empty, so no file of
    // them is listed) are removed as stale, and not recorded.
    let spare = d.path().join(".public.sinew-spare");
    fs::create_dir_all(spare.join("by-hand/inner")).unwrap();
    write_atomic(&out, &sites[0]).unwrap();
    assert!(!out.join("by-hand").exists());
    assert_eq!(recorded(&out), folders_of(&out));
}

/// The look itself: a settled recorded folder is not read (a link in it, put there
/// before the manifest's time, is not seen), anything else is.
#[test]
fn only_folders_changed_since_the_manifest_or_not_recorded_are_read() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("out");
    for f in ["kept/deep", "new", "plain"] {
        fs::create_dir_all(root.join(f)).unwrap();
    }
    symlink("/", root.join("kept/link")).unwrap();
    symlink("/", root.join("kept/deep/link")).unwrap();
    symlink("/", root.join("new/link")).unwrap();
    symlink("/", root.join("top")).unwrap();
    let text = || folders::record(["kept", "kept/deep", "plain"].into_iter()).into_bytes();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as i64;
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    // Saved less than the racy margin after the folders changed (here, before): nothing
    // is settled, every folder is read.
    let racy = folders::Recorded::new(text(), now - 1_000_000_000).unwrap();
    assert_eq!(
        sorted(folders::links_in(&root, 10, &racy)),
        ["kept/deep/link", "kept/link", "new/link", "top"]
    );
    assert_eq!(folders::links_in(&root, 2, &racy).len(), 2);
    // Saved well after (the clock moved on with it): the recorded folders are not read,
    // the one not recorded and the top folder are.
    stamps::SHIFT.set(10_000_000_000);
    let settled = folders::Recorded::new(text(), now + 5_000_000_000);
    stamps::SHIFT.set(0);
    assert_eq!(
        sorted(folders::links_in(&root, 10, &settled.unwrap())),
        ["new/link", "top"]
    );
    // A manifest saved in the future (the clock was set back since) is not trusted.
    assert!(folders::Recorded::new(text(), now + 5_000_000_000).is_none());
}

/// Through the whole writer: a link put inside the output by hand after a build is found
/// wherever it is, in a folder the build recorded or in folders made by hand, and the
/// output is kept; removing it lets the next build through.
#[test]
fn a_link_put_in_the_output_after_a_build_is_found_in_recorded_folders_too() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    let site = pages(&["a", "b/c", "b/d", "e/f/g"]);
    // Manifests' reference times 2.3 s after they are saved: every folder a build made is
    // settled, and a change made 0.6 s after the save is not.
    stamps::SHIFT.set(2_300_000_000);
    write_atomic(&out, &site).unwrap();
    write_atomic(&out, &site).unwrap();
    for place in [
        "b/c/link",
        "e/f/g/link",
        "b/by-hand/deeper/link",
        "videos",
        "b/d",
    ] {
        std::thread::sleep(std::time::Duration::from_millis(600));
        let link = out.join(place);
        if link.is_dir() {
            // A recorded folder replaced by a link.
            fs::remove_dir_all(&link).unwrap();
        }
        fs::create_dir_all(link.parent().unwrap()).unwrap();
        symlink("/", &link).unwrap();
        refused_then_built(&out, &site, &link, place);
    }
    stamps::SHIFT.set(0);
}

/// A folder whose name is not UTF-8, made by hand in the output: it goes to the working
/// folder at the next swap, where the build after removes it as stale, like any other
/// file or folder the clinic put in the output (and so never records it under a changed
/// name). Recorded under its name with `U+FFFD` in place of the byte, it was never
/// removed, came back into the output, and a link put inside it later was not seen: its
/// settled parent's recorded sub-folder could not be found by that name.
#[test]
fn a_folder_named_in_bytes_that_are_not_utf8_is_removed_and_a_link_in_it_found() {
    use std::os::unix::ffi::OsStrExt;
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    let site = pages(&["a", "b/c"]);
    let odd = std::ffi::OsStr::from_bytes(b"\xff");
    stamps::SHIFT.set(2_300_000_000);
    write_atomic(&out, &site).unwrap();
    fs::create_dir_all(out.join("b").join(odd).join("inner")).unwrap();
    fs::write(out.join("b").join(odd).join("inner/old.html"), "old").unwrap();
    // Into the working folder, then the build that works in it.
    write_atomic(&out, &site).unwrap();
    write_atomic(&out, &site).unwrap();
    let spare = d.path().join(".public.sinew-spare");
    for dir in [&out, &spare] {
        assert!(!dir.join("b").join(odd).exists(), "{}", dir.display());
    }
    // A link put there after the build (its parent `b` settled, if it were recorded).
    std::thread::sleep(std::time::Duration::from_millis(600));
    let inner = out.join("b").join(odd).join("inner");
    fs::create_dir_all(&inner).unwrap();
    symlink("/", inner.join("link")).unwrap();
    refused_then_built(&out, &site, &inner.join("link"), "b/\u{FFFD}/inner/link");
    stamps::SHIFT.set(0);
}

/// A damaged or forged manifest whose recorded folders name `..` never leads the look out
/// of the output: a settled folder's recorded sub-folders are looked at by name, and
/// `kept/..`, `kept/../..` would be the output and the folder holding it.
#[test]
fn recorded_parent_folders_never_lead_the_look_out_of_the_output() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("out");
    fs::create_dir_all(root.join("kept")).unwrap();
    fs::create_dir(d.path().join("outside")).unwrap();
    let made = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as i64;
    // Changed after the others: the only folder not settled, so it is read whole.
    std::thread::sleep(std::time::Duration::from_millis(500));
    symlink("/", d.path().join("outside/link")).unwrap();
    let text = folders::record(["kept", "kept/..", "kept/../..", "kept/../../outside"].into_iter());
    let recorded = folders::Recorded::new(text.into_bytes(), made + 2_300_000_000).unwrap();
    assert_eq!(
        folders::links_in(&root, 10, &recorded),
        Vec::<String>::new()
    );
}

/// A folder nested 1,500 deep in the output, then in the working folder: each walk goes
/// one level of recursion deeper for each level, and the I/O threads' stacks overflowed
/// (aborting the build: 2,000 levels in a release build, a few hundred in a debug one).
/// The link at the bottom is found, and once it is gone the deep folders are removed as
/// stale.
#[test]
fn a_folder_nested_very_deep_neither_crashes_the_build_nor_hides_a_link() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    let site = pages(&["a"]);
    write_atomic(&out, &site).unwrap();
    let deep: PathBuf = std::iter::once("videos")
        .chain(std::iter::repeat_n("d", 1500))
        .collect();
    fs::create_dir_all(out.join(&deep)).unwrap();
    let link = out.join(&deep).join("link");
    symlink("/", &link).unwrap();
    let shown = format!("{}/link", deep.to_str().unwrap());
    refused_then_built(&out, &site, &link, &shown);
    write_atomic(&out, &site).unwrap();
    for dir in [&out, &d.path().join(".public.sinew-spare")] {
        assert!(!dir.join("videos").exists(), "{}", dir.display());
    }
}

/// Folders' change times are trusted on a local disk's file system only: `/dev/shm`
/// (tmpfs on every Linux system, containers included) is one, `/proc` and `/sys` are not,
/// and neither is a folder that is not there.
#[cfg(target_os = "linux")]
#[test]
fn only_a_local_disks_file_system_is_trusted() {
    assert!(folders::trusted_file_system(Path::new("/dev/shm")));
    assert!(!folders::trusted_file_system(Path::new("/proc/self")));
    assert!(!folders::trusted_file_system(Path::new("/sys")));
    assert!(!folders::trusted_file_system(Path::new(
        "/dev/shm/sinew-missing/x"
    )));
}
