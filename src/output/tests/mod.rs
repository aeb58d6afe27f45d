//! Tests of `output`: the writer, the swap, stamps and the early sync, on real folders.

use super::swap::{OLD_TAG, STEPS};
use super::*;

mod by_stamp;
#[cfg(unix)]
mod recorded_folders;

fn file(path: &str, text: &str) -> OutFile {
    OutFile {
        path: path.into(),
        body: Body::Bytes(text.as_bytes().to_vec()),
    }
}

#[test]
fn replaces_contents_and_cleans_up() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    write_atomic(&out, &[file("a/index.html", "one"), file("gone.txt", "x")]).unwrap();
    write_atomic(&out, &[file("a/index.html", "two")]).unwrap();
    assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
    assert!(!out.join("gone.txt").exists());
    assert!(!out.join("a/gone").exists());
    // Besides the output there is only the spare (the previous site), the lock and
    // the manifests of stamps of the two folders.
    let mut names: Vec<_> = fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".public.sinew-lock",
            ".public.sinew-spare",
            ".public.sinew-stamps-a",
            ".public.sinew-stamps-b",
            "public"
        ]
    );
    // A third build reuses the spare and leaves nothing stale in it.
    write_atomic(
        &out,
        &[file("a", "now a file"), file("b/index.html", "three")],
    )
    .unwrap();
    assert_eq!(fs::read_to_string(out.join("a")).unwrap(), "now a file");
    let all: Vec<_> = walkdir::WalkDir::new(&out)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap().path().strip_prefix(&out).unwrap().to_path_buf())
        .collect();
    assert_eq!(all.len(), 3, "{all:?}");
}

#[cfg(unix)]
#[test]
fn overwrites_in_place_shorter_longer_and_never_through_symlinks() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("f.html");
    write_if_changed(&p, b"a long first version").unwrap();
    write_if_changed(&p, b"short").unwrap();
    assert_eq!(fs::read(&p).unwrap(), b"short");
    write_if_changed(&p, b"a longer third version").unwrap();
    assert_eq!(fs::read(&p).unwrap(), b"a longer third version");
    let outside = d.path().join("outside.txt");
    fs::write(&outside, "keep").unwrap();
    let link = d.path().join("link.html");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    write_if_changed(&link, b"new").unwrap();
    assert_eq!(fs::read_to_string(&outside).unwrap(), "keep");
    assert_eq!(fs::read(&link).unwrap(), b"new");
    assert!(
        !fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[cfg(unix)]
#[test]
fn an_unchanged_file_is_left_alone_and_a_changed_one_rewritten_to_its_last_byte() {
    use std::os::unix::fs::MetadataExt;
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("big.html");
    // Over one piece of the comparison (64 KiB), differing only in the last byte.
    let mut text = vec![b'a'; 200_000];
    write_if_changed(&p, &text).unwrap();
    let old = fs::File::options().write(true).open(&p).unwrap();
    let long_ago = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
    old.set_modified(long_ago).unwrap();
    write_if_changed(&p, &text).unwrap();
    assert_eq!(
        fs::metadata(&p).unwrap().mtime(),
        1_000_000,
        "rewritten unchanged"
    );
    *text.last_mut().unwrap() = b'b';
    write_if_changed(&p, &text).unwrap();
    assert_eq!(fs::read(&p).unwrap(), text);
    assert_ne!(fs::metadata(&p).unwrap().mtime(), 1_000_000);
}

#[cfg(unix)]
#[test]
fn a_folder_or_a_named_pipe_in_a_files_place_is_replaced() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("page.html");
    fs::create_dir_all(dir.join("inside")).unwrap();
    fs::write(dir.join("inside/x.txt"), "x").unwrap();
    write_if_changed(&dir, b"now a file").unwrap();
    assert_eq!(fs::read(&dir).unwrap(), b"now a file");
    let pipe = d.path().join("pipe.html");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap()
            .success()
    );
    // Never waits for a writer at the other end of the pipe.
    write_if_changed(&pipe, b"a file").unwrap();
    assert!(fs::symlink_metadata(&pipe).unwrap().is_file());
    assert_eq!(fs::read(&pipe).unwrap(), b"a file");
}

#[cfg(unix)]
#[test]
fn listing_finds_files_and_links_at_every_depth_and_follows_no_link() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("work");
    fs::create_dir_all(root.join("a/b/c")).unwrap();
    fs::create_dir_all(root.join("empty")).unwrap();
    fs::write(root.join("index.html"), "i").unwrap();
    fs::write(root.join("a/b/c/deep.html"), "d").unwrap();
    let elsewhere = d.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("secret.txt"), "s").unwrap();
    std::os::unix::fs::symlink(&elsewhere, root.join("a/link")).unwrap();
    let listing = tree::list_files(&root).unwrap();
    let mut all: Vec<&str> = listing.iter().collect();
    all.sort();
    assert_eq!(all, ["a/b/c/deep.html", "a/link", "index.html"]);
    assert_eq!(tree::links_in(&root, 5), ["a/link"]);
    std::os::unix::fs::symlink(&elsewhere, root.join("link2")).unwrap();
    assert_eq!(tree::links_in(&root, 1).len(), 1);
    assert_eq!(tree::links_in(&root, 5).len(), 2);
    assert!(tree::links_in(&d.path().join("missing"), 5).is_empty());
    assert!(tree::list_files(&d.path().join("missing")).is_none());
}

#[cfg(unix)]
#[test]
fn a_fresh_working_folder_creates_files_and_never_goes_through_a_link() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("new.html");
    write_new(&p, b"a first version").unwrap();
    assert_eq!(fs::read(&p).unwrap(), b"a first version");
    // Something there after all: overwritten and cut to length, as on a rebuild.
    write_new(&p, b"two").unwrap();
    assert_eq!(fs::read(&p).unwrap(), b"two");
    let outside = d.path().join("outside");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("a.txt"), "keep").unwrap();
    let link = d.path().join("link.html");
    std::os::unix::fs::symlink(outside.join("a.txt"), &link).unwrap();
    write_new(&link, b"new").unwrap();
    assert_eq!(fs::read_to_string(outside.join("a.txt")).unwrap(), "keep");
    assert_eq!(fs::read(&link).unwrap(), b"new");
    // A folder that turns out to be a link is replaced, not written through.
    let dir = d.path().join("videos");
    std::os::unix::fs::symlink(&outside, &dir).unwrap();
    make_dir(d.path(), "videos", &Mutex::default(), true).unwrap();
    assert!(fs::symlink_metadata(&dir).unwrap().is_dir());
    assert_eq!(fs::read_dir(&outside).unwrap().count(), 1);
}

#[cfg(unix)]
#[test]
fn a_file_in_the_working_folder_with_another_name_is_replaced_not_overwritten() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    write_atomic(&out, &[file("index.html", "one")]).unwrap();
    write_atomic(&out, &[file("index.html", "two")]).unwrap();
    // A source of the site, hard-linked into the working folder (a tar archive can).
    let source = d.path().join("index.md");
    fs::write(&source, "the clinic's page").unwrap();
    let spare = sibling(&out, SPARE_TAG, "");
    fs::remove_file(spare.join("index.html")).unwrap();
    fs::hard_link(&source, spare.join("index.html")).unwrap();
    write_atomic(&out, &[file("index.html", "three")]).unwrap();
    assert_eq!(fs::read_to_string(&source).unwrap(), "the clinic's page");
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "three");
}

#[test]
fn stale_files_and_the_folders_they_leave_empty_are_removed() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    let old = [
        file("x/y/z.html", "deep"),
        file("x/w.html", "w"),
        file("keep.html", "k"),
    ];
    write_atomic(&out, &old).unwrap();
    write_atomic(&out, &old).unwrap();
    // The spare now holds the old site; the next build must not publish its extras.
    write_atomic(&out, &[file("keep.html", "k2"), file("x/new.html", "n")]).unwrap();
    let mut all: Vec<String> = walkdir::WalkDir::new(&out)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            e.unwrap()
                .path()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .to_string()
        })
        .collect();
    all.sort();
    assert_eq!(all, ["keep.html", "x", "x/new.html"]);
}

/// Empty folders made by hand in the output (nothing in them to remove) are stale too:
/// they went to the working folder at the swap and came back into the output with the
/// build after, every other build, for good.
#[test]
fn empty_folders_made_by_hand_in_the_output_are_removed_as_stale() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    let site = [file("x/a.html", "a"), file("keep.html", "k")];
    write_atomic(&out, &site).unwrap();
    for f in ["empty", "nested/deeper/deepest", "x/inside"] {
        fs::create_dir_all(out.join(f)).unwrap();
    }
    let spare = d.path().join(".public.sinew-spare");
    for _ in 0..3 {
        write_atomic(&out, &site).unwrap();
        for f in ["empty", "nested", "x/inside"] {
            assert!(!out.join(f).exists() || !spare.join(f).exists(), "{f}");
        }
    }
    for dir in [&out, &spare] {
        for f in ["empty", "nested", "x/inside"] {
            assert!(!dir.join(f).exists(), "{}", dir.join(f).display());
        }
        assert!(dir.join("x/a.html").is_file());
    }
}

#[test]
fn writer_threads_never_write_into_a_folder_not_yet_made() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    let w = Writer::begin(&out).unwrap();
    std::thread::scope(|s| {
        for t in 0..4 {
            let w = &w;
            s.spawn(move || {
                for i in 0..300 {
                    let f = file(&format!("d{}/e{}/f{t}-{i}.html", i % 40, i % 7), "x");
                    w.write(&f).unwrap();
                }
            });
        }
    });
    assert_eq!(w.written(), 1200);
    w.commit().unwrap();
}

#[test]
fn failed_write_leaves_old_output() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    write_atomic(&out, &[file("index.html", "old")]).unwrap();
    let missing = OutFile {
        path: "x.png".into(),
        body: Body::File(d.path().join("nope.png")),
    };
    assert!(write_atomic(&out, &[file("index.html", "new"), missing]).is_err());
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1);
}

#[test]
fn recover_restores_a_moved_aside_output() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    let old = sibling(&out, OLD_TAG, "1");
    fs::create_dir_all(&old).unwrap();
    fs::write(old.join("index.html"), "kept").unwrap();
    recover(&out).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "kept");
    assert_eq!(fs::read_dir(d.path()).unwrap().count(), 1);
    // With the output in place, a leftover is removed.
    fs::create_dir_all(sibling(&out, OLD_TAG, "2")).unwrap();
    recover(&out).unwrap();
    assert_eq!(fs::read_dir(d.path()).unwrap().count(), 1);
}

#[test]
fn refuses_dangerous_output_folders() {
    let d = tempfile::tempdir().unwrap();
    fs::create_dir_all(d.path().join("content")).unwrap();
    assert!(check_out_dir(d.path(), d.path()).is_err());
    assert!(check_out_dir(d.path(), &d.path().join("content/out")).is_err());
    assert!(check_out_dir(&d.path().join("site"), d.path()).is_err());
    assert!(check_out_dir(d.path(), &d.path().join("public")).is_ok());
}

#[test]
fn the_new_site_is_on_disk_before_its_stamps_are_saved_and_swapped_in() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    for text in ["one", "two"] {
        STEPS.with(|s| s.borrow_mut().clear());
        write_atomic(&out, &[file("index.html", text)]).unwrap();
        assert_eq!(
            STEPS.with(|s| s.borrow().clone()),
            ["sync", "stamps", "swap", "sync parent"],
            "build `{text}`"
        );
    }
    // Nothing is synced or swapped when a write fails.
    STEPS.with(|s| s.borrow_mut().clear());
    let missing = OutFile {
        path: "x.png".into(),
        body: Body::File(d.path().join("nope.png")),
    };
    assert!(write_atomic(&out, &[missing]).is_err());
    assert!(STEPS.with(|s| s.borrow().is_empty()));
}

#[cfg(unix)]
#[test]
fn sinew_never_uses_its_own_names_through_a_link() {
    use std::os::unix::fs::symlink;
    for tag in [SPARE_TAG, LOCK_TAG, ".sinew-old-7"] {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        write_atomic(&out, &[file("index.html", "old")]).unwrap();
        let victim = d.path().join("victim");
        fs::create_dir_all(&victim).unwrap();
        fs::write(victim.join("precious.txt"), "keep").unwrap();
        let name = sibling(&out, tag, "");
        let _ = fs::remove_dir_all(&name);
        let _ = fs::remove_file(&name);
        symlink(&victim, &name).unwrap();
        let err = format!(
            "{:#}",
            write_atomic(&out, &[file("index.html", "new")]).unwrap_err()
        );
        assert!(err.contains("is a symbolic link"), "{tag}: {err}");
        assert!(
            err.contains("delete the link") || err.contains("delete it"),
            "{tag}: {err}"
        );
        assert_eq!(fs::read_dir(&victim).unwrap().count(), 1, "{tag}");
        assert_eq!(
            fs::read_to_string(victim.join("precious.txt")).unwrap(),
            "keep"
        );
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "old",
            "{tag}"
        );
        // `recover` alone never moves a link into place nor empties its target.
        if tag.starts_with(OLD_TAG) {
            fs::rename(&out, d.path().join("moved")).unwrap();
            assert!(recover(&out).is_err());
            assert!(!out.exists());
            assert_eq!(fs::read_dir(&victim).unwrap().count(), 1);
        }
    }
}

#[cfg(unix)]
#[test]
fn a_link_inside_the_working_folder_is_replaced_never_followed() {
    use std::os::unix::fs::symlink;
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    write_atomic(&out, &[file("index.html", "one")]).unwrap();
    write_atomic(&out, &[file("index.html", "two")]).unwrap();
    let victim = d.path().join("victim");
    fs::create_dir_all(&victim).unwrap();
    fs::write(victim.join("a.html"), "keep").unwrap();
    let spare = sibling(&out, SPARE_TAG, "");
    symlink(&victim, spare.join("videos")).unwrap();
    symlink(victim.join("a.html"), spare.join("page.html")).unwrap();
    write_atomic(
        &out,
        &[
            file("index.html", "three"),
            file("videos/a.html", "new"),
            file("page.html", "p"),
        ],
    )
    .unwrap();
    assert_eq!(fs::read_to_string(victim.join("a.html")).unwrap(), "keep");
    assert_eq!(fs::read_dir(&victim).unwrap().count(), 1);
    assert!(fs::symlink_metadata(out.join("videos")).unwrap().is_dir());
    assert_eq!(
        fs::read_to_string(out.join("videos/a.html")).unwrap(),
        "new"
    );
    // A stale link is removed as a link: what it points to stays.
    let spare_link = spare.join("old-link");
    symlink(&victim, &spare_link).unwrap();
    write_atomic(&out, &[file("index.html", "four")]).unwrap();
    assert_eq!(fs::read_to_string(victim.join("a.html")).unwrap(), "keep");
}

#[cfg(unix)]
#[test]
fn a_link_inside_the_output_folder_is_refused_and_the_output_kept() {
    use std::os::unix::fs::symlink;
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    write_atomic(&out, &[file("index.html", "one")]).unwrap();
    let nas = d.path().join("nas");
    fs::create_dir_all(&nas).unwrap();
    fs::write(nas.join("knee.mp4"), "video").unwrap();
    symlink(&nas, out.join("videos")).unwrap();
    let err = format!(
        "{:#}",
        write_atomic(&out, &[file("index.html", "two")]).unwrap_err()
    );
    assert!(err.contains("`videos`") && err.contains("static/"), "{err}");
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
    assert!(out.join("videos").is_symlink());
    assert_eq!(fs::read_to_string(nas.join("knee.mp4")).unwrap(), "video");
}

#[cfg(unix)]
#[test]
fn an_output_folder_that_is_a_link_is_built_where_it_points() {
    let d = tempfile::tempdir().unwrap();
    let www = d.path().join("www/site");
    fs::create_dir_all(&www).unwrap();
    let out = d.path().join("public");
    std::os::unix::fs::symlink(&www, &out).unwrap();
    write_atomic(&out, &[file("index.html", "one")]).unwrap();
    write_atomic(&out, &[file("index.html", "two")]).unwrap();
    assert!(out.is_symlink());
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
    assert!(d.path().join("www/.site.sinew-spare").is_dir());
}

/// The files under `dir` in the order of a plain depth-first walk with `read_dir` (the
/// same `getdents` order), each folder's entries in the order listed.
#[cfg(unix)]
fn listed_one_by_one(dir: &std::path::Path, prefix: &str, out: &mut Vec<String>) {
    for e in fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let rel = format!("{prefix}{}", e.file_name().to_string_lossy());
        if e.file_type().unwrap().is_dir() {
            listed_one_by_one(&e.path(), &format!("{rel}/"), out);
        } else {
            out.push(rel);
        }
    }
}

/// The walk reads sub-folders in parallel, yet lists in the order of a walk one folder
/// at a time, and the links found first are the ones reported.
#[cfg(unix)]
#[test]
fn the_parallel_listing_keeps_the_order_of_a_walk_one_folder_at_a_time() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("work");
    for i in 0..40 {
        let folder = root.join(format!("s{}/p{i}", i % 5));
        fs::create_dir_all(folder.join("deeper")).unwrap();
        fs::write(folder.join("index.html"), "i").unwrap();
        fs::write(folder.join("deeper/a.txt"), "a").unwrap();
        fs::write(root.join(format!("s{}/file{i}.html", i % 5)), "f").unwrap();
        if i % 9 == 0 {
            std::os::unix::fs::symlink("/", folder.join("link")).unwrap();
        }
    }
    let mut expected = Vec::new();
    listed_one_by_one(&root, "", &mut expected);
    assert_eq!(expected.len(), 40 * 3 + 5);
    let pool = crate::fsutil::io_pool("test").unwrap();
    let listing = pool.install(|| tree::list_files(&root)).unwrap();
    assert_eq!(listing.iter().collect::<Vec<_>>(), expected);
    let links: Vec<String> = expected
        .iter()
        .filter(|r| r.ends_with("/link"))
        .take(3)
        .cloned()
        .collect();
    assert_eq!(links.len(), 3);
    assert_eq!(pool.install(|| tree::links_in(&root, 3)), links);
}
