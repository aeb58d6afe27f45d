//! An incremental rebuild equals a full build (issue 6): after every edit of a series,
//! the site a `Session` update leaves (the one `sinew serve` serves) equals,
//! file by file and byte for byte, a full build of the same sources; a failed update
//! reports exactly a full build's problems and the session keeps its last good build.
//!
//! - body edits, heading renames that break and fix anchors, two pages at once
//! - exercise shortcodes added and removed (the exercise's "used by" list)
//! - the home page's and a folder's own text
//! - front matter, new, removed and draft pages, `site.yaml`: full builds
//! - errors: a broken anchor, link or shortcode, broken front matter

mod common;

use common::*;
use sinew::site::{Body, BuildOptions, Redo, Session, Snapshot as Site, build};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a change is expected to do.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Want {
    /// Renders only some pages again.
    Incremental,
    /// Builds everything again.
    Full,
    /// Fails, as a full build does.
    Fails,
}

/// Every file's kind and bytes, sorted by path.
fn snapshot(site: &Site) -> Vec<(String, &'static str, Vec<u8>)> {
    let mut v: Vec<_> = site
        .files
        .iter()
        .map(|(path, body)| {
            let (kind, bytes) = match &**body {
                Body::Bytes(b) => ("bytes", b.clone()),
                Body::Builtin(b) => ("builtin", b.to_vec()),
                Body::File(p) => ("file", std::fs::read(p).unwrap()),
            };
            (path.to_string(), kind, bytes)
        })
        .collect();
    v.sort();
    v
}

fn first_difference(a: &[(String, &str, Vec<u8>)], b: &[(String, &str, Vec<u8>)]) -> String {
    let paths = |v: &[(String, &str, Vec<u8>)]| v.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    if paths(a) != paths(b) {
        return format!("different files:\n{:?}\n{:?}", paths(a), paths(b));
    }
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return format!(
                "`{}` differs:\n--- incremental\n{}\n--- full\n{}",
                x.0,
                String::from_utf8_lossy(&x.2),
                String::from_utf8_lossy(&y.2)
            );
        }
    }
    String::new()
}

/// A session over a fresh copy of the `basic` fixture, with what it serves.
struct Check {
    _dir: tempfile::TempDir,
    root: PathBuf,
    session: Session,
    served: Arc<Site>,
}

impl Check {
    fn new() -> Check {
        let dir = site_copy("basic");
        let root = dir.path().join("site").canonicalize().unwrap();
        let mut session = Session::new(opts(&root));
        let first = session.build().expect("the fixture builds");
        assert_eq!(first.redo, Redo::Everything);
        let served = first.site;
        Check {
            _dir: dir,
            root,
            session,
            served,
        }
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.root.join(rel)).unwrap();
        assert!(text.contains(from), "`{from}` is not in {rel}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Tells the session `changed` changed; checks it did `want` and that the result
    /// equals a full build. Returns the paths of the files it rendered again.
    fn update(&mut self, what: &str, changed: &[&str], want: Want) -> Vec<String> {
        let paths: Vec<PathBuf> = changed.iter().map(PathBuf::from).collect();
        let got = self.session.update(&paths);
        let full = build(&opts(&self.root));
        match (got, full) {
            (Ok(update), Ok(full)) => {
                let did = match update.redo {
                    Redo::Everything => Want::Full,
                    Redo::Pages => Want::Incremental,
                    Redo::Nothing => panic!("{what}: nothing made again"),
                };
                assert_eq!(did, want, "{what}");
                assert_eq!(update.warnings.0, full.warnings.0, "{what}: warnings");
                let rendered = update.changed;
                self.served = update.site;
                assert_eq!(self.served.pages, full.pages, "{what}");
                // The session leaves the search index to its caller (serve makes it on
                // a thread of its own): what it says to index must give the full
                // build's index.
                let index: Vec<(String, Arc<Body>)> = self
                    .session
                    .search_input()
                    .index()
                    .unwrap()
                    .into_iter()
                    .map(|f| (f.path, Arc::new(f.body)))
                    .collect();
                let served = self.served.with_files(&[], &index);
                let (a, b) = (snapshot(&served), snapshot(&Site::new(full)));
                assert!(a == b, "{what}: {}", first_difference(&a, &b));
                rendered
            }
            (Err(got), Err(full)) => {
                assert_eq!(want, Want::Fails, "{what}: {}", got.to_text());
                assert!(got.has_errors(), "{what}");
                assert_eq!(got.0, full.0, "{what}: the problems a full build reports");
                Vec::new()
            }
            (Ok(_), Err(full)) => panic!("{what}: a full build fails:\n{}", full.to_text()),
            (Err(got), Ok(_)) => panic!(
                "{what}: a full build succeeds, the update failed:\n{}",
                got.to_text()
            ),
        }
    }
}

fn opts(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        ..BuildOptions::default()
    }
}

const PACING: &str = "content/guides/pacing.md";
const KNEE: &str = "content/guides/knee.md";
const ABOUT: &str = "content/about.md";
const HOME: &str = "content/index.md";
const GUIDES: &str = "content/guides/index.md";

#[test]
fn body_edits_render_only_their_page() {
    let mut c = Check::new();
    c.edit(
        PACING,
        "each day.",
        "each day.\n\nA new paragraph with *emphasis*.",
    );
    // A page's new text is a new site version: the offline worker changes with it.
    let r = c.update("body edit", &[PACING], Want::Incremental);
    assert_eq!(r, ["guides/pacing/index.html", "sw.js"]);
    let r = c.update("saved unchanged", &[PACING], Want::Incremental);
    assert_eq!(r, ["guides/pacing/index.html"]);
    c.edit(HOME, "Start with", "Welcome! Start with");
    let r = c.update("the home page's text", &[HOME], Want::Incremental);
    assert_eq!(r, ["index.html", "sw.js"]);
    c.edit(GUIDES, "Pick the one", "## Another heading\n\nPick the one");
    let r = c.update("a folder's own text", &[GUIDES], Want::Incremental);
    assert_eq!(r, ["guides/index.html", "sw.js"]);
    c.edit(ABOUT, "We are", "# We are here\n\nWe are");
    c.edit(PACING, "steady", "steady, gentle");
    let r = c.update("two pages at once", &[ABOUT, PACING], Want::Incremental);
    assert_eq!(r, ["about/index.html", "guides/pacing/index.html", "sw.js"]);
}

#[test]
fn renamed_headings_break_and_fix_anchors_elsewhere() {
    let mut c = Check::new();
    // pacing.md links to `knee.md#what-helps-1`, the second "What helps".
    c.edit(
        KNEE,
        "## What helps\n\nA second",
        "## What else helps\n\nA second",
    );
    c.update("a heading renamed under a link", &[KNEE], Want::Fails);
    // The session still holds the last good build: fixing the link in the other page
    // updates both pages from it.
    c.edit(PACING, "#what-helps-1", "#what-else-helps");
    let r = c.update("the link fixed", &[PACING], Want::Incremental);
    assert_eq!(
        r,
        [
            "guides/knee/index.html",
            "guides/pacing/index.html",
            "sw.js"
        ]
    );
    c.edit(KNEE, "## What else helps", "## What helps");
    c.update(
        "renamed back: now the fixed link breaks",
        &[KNEE],
        Want::Fails,
    );
    c.edit(
        KNEE,
        "## What helps\n\nA second",
        "## What else helps\n\nA second",
    );
    c.update("and fixed again", &[KNEE], Want::Incremental);
}

#[test]
fn exercise_shortcodes_update_the_exercise_page() {
    let mut c = Check::new();
    c.edit(
        ABOUT,
        "We are a test clinic.",
        "We are a test clinic.\n\n{{ exercise(id=\"squat\") }}\n",
    );
    let r = c.update("an exercise shortcode added", &[ABOUT], Want::Incremental);
    assert_eq!(
        r,
        ["about/index.html", "exercises/squat/index.html", "sw.js"]
    );
    c.edit(
        ABOUT,
        "[pacing](@/guides/pacing.md)",
        "[the squat](@/exercises/squat.yaml#steps)",
    );
    c.update("a link to the same exercise", &[ABOUT], Want::Incremental);
    c.edit(ABOUT, "{{ exercise(id=\"squat\") }}", "");
    c.update("the shortcode removed", &[ABOUT], Want::Incremental);
    c.edit(
        ABOUT,
        "[the squat](@/exercises/squat.yaml#steps)",
        "no link",
    );
    let r = c.update("the last use removed", &[ABOUT], Want::Incremental);
    assert!(
        r.contains(&"exercises/squat/index.html".to_string()),
        "{r:?}"
    );
}

#[test]
fn links_to_pages_folders_and_files_come_and_go() {
    let mut c = Check::new();
    c.edit(
        ABOUT,
        "We are",
        "See the [handout](@/guides/handout.txt). We are",
    );
    c.update("a link to a copied file", &[ABOUT], Want::Incremental);
    c.edit(ABOUT, "See the [handout](@/guides/handout.txt). ", "");
    c.update("and removed", &[ABOUT], Want::Incremental);
    c.edit(
        ABOUT,
        "We are",
        "See [the guides](@/guides/#choosing-a-guide) and [home](@/index.md). We are",
    );
    c.update(
        "links to a folder's anchor and the home page",
        &[ABOUT],
        Want::Incremental,
    );
    c.edit(GUIDES, "## Choosing a guide", "## Picking a guide");
    c.update("the folder's heading renamed", &[GUIDES], Want::Fails);
    c.edit(GUIDES, "## Picking a guide", "## Choosing a guide");
    c.update("and back", &[GUIDES], Want::Incremental);
    c.edit(
        PACING,
        "[knee guide]",
        "[ladder](@/programs/knee.yaml#schedule) and [knee guide]",
    );
    c.update("a link to a planner's anchor", &[PACING], Want::Incremental);
    c.edit(PACING, "#schedule", "#nothing");
    c.update(
        "a planner anchor that does not exist",
        &[PACING],
        Want::Fails,
    );
}

#[test]
fn errors_in_a_page_are_reported_as_a_full_build_reports_them() {
    let mut c = Check::new();
    c.edit(ABOUT, "We are", "{{ exercise(id=\"lunge\") }}\n\nWe are");
    c.update("an unknown exercise", &[ABOUT], Want::Fails);
    c.edit(HOME, "Start with", "See [nothing](@/nope.md). Start with");
    c.update("and a broken link in another page", &[HOME], Want::Fails);
    c.edit(
        ABOUT,
        "{{ exercise(id=\"lunge\") }}",
        "{{ exercise(id=\"squat\") }}",
    );
    c.update("one fixed, one left", &[ABOUT], Want::Fails);
    c.edit(HOME, "See [nothing](@/nope.md). ", "");
    let r = c.update("both fixed", &[HOME], Want::Incremental);
    assert_eq!(
        r,
        [
            "about/index.html",
            "exercises/squat/index.html",
            "index.html",
            "sw.js"
        ]
    );
    c.edit(PACING, "{{ exercise", "{{ exercize");
    c.update(
        "a shortcode in a code block is text",
        &[PACING],
        Want::Incremental,
    );
    c.edit(PACING, "each day.", "each day. {{ exercise(id=\"squat\") ");
    c.update("an unclosed shortcode", &[PACING], Want::Fails);
}

#[test]
fn anything_but_page_text_is_a_full_build() {
    let mut c = Check::new();
    c.edit(PACING, "title: Pacing", "title: Pacing yourself");
    c.update("a title", &[PACING], Want::Full);
    c.edit(KNEE, "tags: [Knee, Self help]", "tags: [Knee]");
    c.update("tags", &[KNEE], Want::Full);
    c.write(
        "content/guides/new.md",
        "---\ntitle: New\n---\nA new page.\n",
    );
    c.update("a new page", &["content/guides/new.md"], Want::Full);
    c.edit("content/guides/new.md", "A new page.", "New text.");
    c.update(
        "the new page edited",
        &["content/guides/new.md"],
        Want::Incremental,
    );
    std::fs::remove_file(c.root.join(ABOUT)).unwrap();
    c.update("a page removed", &[ABOUT], Want::Full);
    c.edit(
        "content/guides/old.md",
        "Not published.",
        "Still not published.",
    );
    c.update("a draft edited", &["content/guides/old.md"], Want::Full);
    c.edit("site.yaml", "title: Test Clinic", "title: Test Clinic Two");
    c.update("site.yaml", &["site.yaml"], Want::Full);
    c.edit(
        "content/exercises/squat.yaml",
        "name: Squat",
        "name: Deep squat",
    );
    c.update("an exercise", &["content/exercises/squat.yaml"], Want::Full);
    c.edit(PACING, "Do a steady", "Do a very steady");
    c.edit(KNEE, "title: Knee pain", "title: Knee pain and stiffness");
    c.update(
        "a body and a front matter at once",
        &[PACING, KNEE],
        Want::Full,
    );
}

#[test]
fn a_failed_full_build_is_followed_by_full_builds_until_one_succeeds() {
    let mut c = Check::new();
    c.edit(PACING, "title: Pacing", "titel: Pacing");
    c.update("broken front matter", &[PACING], Want::Fails);
    c.edit(HOME, "Start with", "Now start with");
    c.update("another page while it is broken", &[HOME], Want::Fails);
    c.edit(PACING, "titel: Pacing", "title: Pacing");
    c.update("fixed", &[PACING], Want::Full);
    c.edit(PACING, "Do a steady", "Do a very steady");
    c.update("then pages again", &[PACING], Want::Incremental);
}

/// Issue 13: a page folder's `index.md` and pictures beside a page. A new folder and a new
/// picture are full builds; an edit of the page folder's text renders only that page.
#[test]
fn page_folders_and_files_beside_pages() {
    let mut c = Check::new();
    const KNEE_FOLDER: &str = "content/conditions/knee/index.md";
    c.write(
        KNEE_FOLDER,
        "---\ntitle: Knee folder\n---\n![A knee diagram](diagram.png)\n",
    );
    c.write("content/conditions/knee/diagram.png", "png");
    c.update(
        "a new page folder with its picture",
        &[KNEE_FOLDER, "content/conditions/knee/diagram.png"],
        Want::Full,
    );
    c.edit(KNEE_FOLDER, "![A knee", "Some text.\n\n![A knee");
    let r = c.update("the page folder's text", &[KNEE_FOLDER], Want::Incremental);
    // The page, and the service worker, whose version is a hash of every page.
    assert_eq!(r, ["conditions/knee/index.html", "sw.js"]);
    c.edit(KNEE_FOLDER, "(diagram.png)", "(diagrm.png)");
    c.update("a picture beside it misspelt", &[KNEE_FOLDER], Want::Fails);
    c.edit(KNEE_FOLDER, "(diagrm.png)", "(diagram.png)");
    c.update("and fixed", &[KNEE_FOLDER], Want::Incremental);
}

/// A save at a big site does work in proportion to what it changes, not to the site:
/// only the saved page is rendered, scanned for the addresses it carries and hashed for
/// the offline worker's version (counted by the session, never timed). Once, every save
/// hashed all the site's files again, which made saves at 10,000 pages ten times slower.
#[test]
fn a_save_at_a_big_site_renders_scans_and_hashes_only_the_saved_page() {
    const EXTRA: usize = 200;
    let mut c = Check::new();
    for i in 0..EXTRA {
        c.write(
            &format!("content/many/page-{i}.md"),
            &format!(
                "---\ntitle: Page {i}\n---\nSee the [pacing guide](@/guides/pacing.md) and \
                 [page 0](@/many/page-0.md).\n"
            ),
        );
    }
    let full = c.session.build().expect("builds");
    let pages = full.changed.iter().filter(|p| p.ends_with(".html")).count();
    assert!(pages > EXTRA, "{pages} pages");
    assert_eq!(full.work.scanned, pages, "a full build scans every page");
    assert_eq!(
        full.work.hashed,
        full.changed.len() - 1,
        "every file but sw.js"
    );
    c.edit(PACING, "each day.", "each day. A new sentence.");
    let saved = c.session.update(&[PathBuf::from(PACING)]).expect("updates");
    assert_eq!(saved.changed, ["guides/pacing/index.html", "sw.js"]);
    assert_eq!(saved.work.scanned, 1, "only the saved page is scanned");
    assert_eq!(saved.work.hashed, 1, "only the saved page is hashed");
    // And the site it leaves, the offline worker's version made from the kept hashes
    // included, is a full build's.
    c.edit(PACING, "A new sentence.", "Another new sentence.");
    let r = c.update("a body edit at a big site", &[PACING], Want::Incremental);
    assert_eq!(r, ["guides/pacing/index.html", "sw.js"]);
}
