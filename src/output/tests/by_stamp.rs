//! Tests of the manifest of stamps: unchanged files found by stamp, edits and racy files
//! caught, damaged or foreign manifests ignored, links never followed.

use super::*;

/// Builds `files` into `out`; returns how many were found unchanged by their stamp.
fn build(out: &Path, files: &[OutFile]) -> usize {
    let w = Writer::begin(out).unwrap();
    for f in files {
        w.write(f).unwrap();
    }
    let n = w.unchanged_by_stamp();
    w.commit().unwrap();
    n
}

/// Manifests saved while this lives see every file as settled (as if saved ten
/// seconds later), so the tests need not wait out the racy margin.
struct Settled;
impl Settled {
    fn new() -> Settled {
        stamps::SHIFT.set(10_000_000_000);
        Settled
    }
}
impl Drop for Settled {
    fn drop(&mut self) {
        stamps::SHIFT.set(0);
    }
}

fn site(page: &str) -> Vec<OutFile> {
    let mut files: Vec<OutFile> = (0..20)
        .map(|i| file(&format!("p{i}/index.html"), &format!("page {i}")))
        .collect();
    files.push(file("knee/index.html", page));
    files
}

/// Every file under `dir`, relative, with its bytes.
fn tree_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<_> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .to_string();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect();
    all.sort();
    all
}

fn expected(files: &[OutFile]) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<_> = files
        .iter()
        .map(|f| match &f.body {
            Body::Bytes(b) => (f.path.clone(), b.clone()),
            _ => unreachable!("the tests write bytes"),
        })
        .collect();
    all.sort();
    all
}

#[cfg(unix)]
fn inode_and_mtime(p: &Path) -> (u64, i64, i64) {
    use std::os::unix::fs::MetadataExt;
    let m = fs::symlink_metadata(p).unwrap();
    (m.ino(), m.mtime(), m.mtime_nsec())
}

#[cfg(unix)]
#[test]
fn a_rebuild_finds_unchanged_files_by_their_stamp_and_rewrites_a_changed_one() {
    let _settled = Settled::new();
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    let one = site("bend the knee");
    assert_eq!(build(&out, &one), 0, "first build");
    assert_eq!(build(&out, &one), 0, "second build: a new working folder");
    // The third build writes into the first one's folder, with its manifest.
    let before: Vec<_> = (0..20)
        .map(|i| inode_and_mtime(&sibling(&out, SPARE_TAG, "").join(format!("p{i}/index.html"))))
        .collect();
    let two = site("bend the knee gently");
    assert_eq!(build(&out, &two), 20, "every page but the changed one");
    let after: Vec<_> = (0..20)
        .map(|i| inode_and_mtime(&out.join(format!("p{i}/index.html"))))
        .collect();
    assert_eq!(before, after, "unchanged files are left alone");
    assert_eq!(tree_of(&out), expected(&two));
    // And again into the other folder, whose manifest is from the second build.
    assert_eq!(build(&out, &two), 20);
    assert_eq!(tree_of(&out), expected(&two));
    assert_eq!(build(&out, &two), 21, "now the changed page too");
    assert_eq!(tree_of(&out), expected(&two));
}

#[cfg(unix)]
#[test]
fn files_written_just_before_the_manifest_was_saved_are_read_back() {
    // No shift: these files were written milliseconds before their manifests, within
    // the racy margin, so a change in the same clock tick could have kept their times.
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    let one = site("bend the knee");
    for n in 0..4 {
        assert_eq!(build(&out, &one), 0, "build {n}");
    }
    assert_eq!(tree_of(&out), expected(&one));
}

#[cfg(unix)]
#[test]
fn a_file_edited_by_hand_in_the_output_is_rewritten_even_with_its_time_restored() {
    let _settled = Settled::new();
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    let one = site("bend the knee");
    for _ in 0..3 {
        build(&out, &one);
    }
    // Both folders have manifests. Edit the published page in place: same size,
    // other bytes, its modification time put back as it was.
    let edit = |page: &Path| {
        let old = fs::metadata(page).unwrap().modified().unwrap();
        fs::write(page, "BEND THE KNEE").unwrap();
        let f = fs::File::options().write(true).open(page).unwrap();
        f.set_times(fs::FileTimes::new().set_modified(old)).unwrap();
        assert_eq!(fs::metadata(page).unwrap().modified().unwrap(), old);
    };
    edit(&out.join("knee/index.html"));
    // The next build writes into the other folder; the one after into the edited one.
    assert_eq!(build(&out, &one), 21);
    assert_eq!(tree_of(&out), expected(&one));
    assert_eq!(
        build(&out, &one),
        20,
        "the edited file is compared, not trusted"
    );
    assert_eq!(tree_of(&out), expected(&one));
    // The same for the working folder itself, edited between builds.
    edit(&sibling(&out, SPARE_TAG, "").join("knee/index.html"));
    assert_eq!(build(&out, &one), 20);
    assert_eq!(tree_of(&out), expected(&one));
}

#[cfg(unix)]
#[test]
fn a_manifest_missing_truncated_corrupt_or_about_another_folder_is_ignored() {
    use xxhash_rust::xxh3::xxh3_64;
    type Damage = fn(&Path, &[u8]);
    let damages: [(&str, Damage); 5] = [
        ("missing", |p, _| fs::remove_file(p).unwrap()),
        ("truncated", |p, b| fs::write(p, &b[..b.len() / 2]).unwrap()),
        ("corrupt", |p, b| {
            let mut b = b.to_vec();
            b[40] ^= 0xff;
            fs::write(p, b).unwrap()
        }),
        ("garbage", |p, _| fs::write(p, "not a manifest").unwrap()),
        ("another folder", |p, b| {
            // Whole, with a valid checksum, its entries right, but naming another
            // folder (say, one whose inode number this folder reused).
            let mut b = b.to_vec();
            b[16] ^= 1;
            let body = b.len() - 8;
            let sum = xxh3_64(&b[..body]);
            b[body..].copy_from_slice(&sum.to_le_bytes());
            fs::write(p, b).unwrap()
        }),
    ];
    for (what, damage) in damages {
        let _settled = Settled::new();
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        let one = site("bend the knee");
        build(&out, &one);
        build(&out, &one);
        for slot in stamps::slots(&out) {
            let bytes = fs::read(&slot).unwrap();
            damage(&slot, &bytes);
        }
        let two = site("bend the knee gently");
        assert_eq!(build(&out, &two), 0, "{what}");
        assert_eq!(tree_of(&out), expected(&two), "{what}");
        assert_eq!(build(&out, &two), 0, "{what}");
        assert_eq!(tree_of(&out), expected(&two), "{what}");
        // The builds saved new manifests, trusted from then on.
        assert_eq!(build(&out, &two), 21, "{what}");
    }
}

#[cfg(unix)]
#[test]
fn a_manifest_that_is_a_link_is_neither_read_nor_written_through() {
    let _settled = Settled::new();
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    let one = site("bend the knee");
    build(&out, &one);
    build(&out, &one);
    // Each slot made a link to a copy of itself elsewhere: a whole manifest that
    // would be trusted if it were read through the link.
    for (i, slot) in stamps::slots(&out).iter().enumerate() {
        let victim = d.path().join(format!("victim-{i}"));
        fs::copy(slot, &victim).unwrap();
        fs::remove_file(slot).unwrap();
        std::os::unix::fs::symlink(&victim, slot).unwrap();
    }
    let kept: Vec<Vec<u8>> = (0..2)
        .map(|i| fs::read(d.path().join(format!("victim-{i}"))).unwrap())
        .collect();
    assert_eq!(build(&out, &one), 0, "not read through the link");
    assert_eq!(tree_of(&out), expected(&one));
    for (i, kept) in kept.iter().enumerate() {
        let victim = fs::read(d.path().join(format!("victim-{i}"))).unwrap();
        assert_eq!(&victim, kept, "nothing written through the link");
    }
    // The new manifest replaced a link rather than going through it.
    let slot = &stamps::slots(&out)[0];
    assert!(fs::symlink_metadata(slot).unwrap().is_file());
}

#[cfg(unix)]
#[test]
fn a_file_replaced_by_a_link_or_a_hard_link_is_replaced_never_followed() {
    let _settled = Settled::new();
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("public");
    let one = site("bend the knee");
    for _ in 0..3 {
        build(&out, &one);
    }
    // The same bytes elsewhere: a hard link in the published site (a symbolic link
    // there is refused, see below), a symbolic link in the working folder.
    let outside = d.path().join("outside");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("soft.html"), "bend the knee").unwrap();
    fs::write(outside.join("hard.html"), "page 3").unwrap();
    fs::remove_file(out.join("p3/index.html")).unwrap();
    fs::hard_link(outside.join("hard.html"), out.join("p3/index.html")).unwrap();
    let spare = sibling(&out, SPARE_TAG, "");
    fs::remove_file(spare.join("knee/index.html")).unwrap();
    std::os::unix::fs::symlink(outside.join("soft.html"), spare.join("knee/index.html")).unwrap();
    assert_eq!(build(&out, &one), 20, "the link is not trusted");
    assert!(!out.join("knee/index.html").is_symlink());
    assert_eq!(tree_of(&out), expected(&one));
    assert_eq!(build(&out, &one), 20, "the hard link is not trusted");
    assert_eq!(tree_of(&out), expected(&one));
    {
        use std::os::unix::fs::MetadataExt;
        assert_eq!(fs::metadata(out.join("p3/index.html")).unwrap().nlink(), 1);
        assert_eq!(fs::metadata(outside.join("hard.html")).unwrap().nlink(), 1);
    }
    assert_eq!(
        fs::read_to_string(outside.join("soft.html")).unwrap(),
        "bend the knee"
    );
    assert_eq!(
        fs::read_to_string(outside.join("hard.html")).unwrap(),
        "page 3"
    );
}
