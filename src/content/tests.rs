//! The tests of `content`'s loading (`load`), kept out of `mod.rs`.
use super::*;

/// Above [`READ_POOL_ABOVE`] sources the files are read on a pool of I/O threads:
/// the pages still come in the walk's (sorted) order, every broken file is reported
/// once, in that order, and bodies are dropped or kept as asked.
#[test]
fn a_site_read_on_the_io_pool_keeps_the_walks_order_and_every_error() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    std::fs::write(root.join("site.yaml"), "title: Clinic\n").unwrap();
    let count = READ_POOL_ABOVE + 50;
    let mut broken = Vec::new();
    for i in 0..count {
        let folder = root.join(format!("content/part-{}", i % 7));
        std::fs::create_dir_all(&folder).unwrap();
        let name = format!("page-{i:05}.md");
        let text = if i % 500 == 3 {
            broken.push(format!("content/part-{}/{name}", i % 7));
            "no front matter here\n".to_string()
        } else {
            format!("---\ntitle: Page {i}\n---\n\nBody {i}.\n")
        };
        std::fs::write(folder.join(name), text).unwrap();
    }
    broken.sort();
    for bodies_above in [None, Some(10)] {
        let aside_in = tempfile::tempdir().unwrap();
        let opts = LoadOptions {
            drafts: false,
            bodies_above,
            aside_in: Some(aside_in.path().to_path_buf()),
        };
        let (content, diags) = load(root, opts);
        let content = content.unwrap();
        assert_eq!(content.pages.len(), count - broken.len());
        let sources: Vec<&str> = content.pages.iter().map(|p| p.source.as_str()).collect();
        let mut sorted = sources.clone();
        sorted.sort();
        assert_eq!(sources, sorted);
        let reported: Vec<String> = diags
            .0
            .iter()
            .filter(|d| d.rule == "front-matter")
            .map(|d| d.file.to_string_lossy().replace('\\', "/"))
            .collect();
        assert_eq!(reported, broken);
        assert_eq!(content.bodies_dropped, bodies_above.is_some());
        assert_eq!(content.bodies_aside.is_some(), bodies_above.is_some());
        let spilled = content.bodies_aside.as_ref().map(|a| a.spilled());
        assert_ne!(spilled, Some(0), "the bodies put aside went to the file");
        // Every page gets its own body back, from memory or from the file put aside
        // (its name, `page-<i>.md`, says which body is its).
        for p in &content.pages {
            let i: usize = p.source[p.source.len() - 8..p.source.len() - 3]
                .parse()
                .unwrap();
            let body = match (&content.bodies_aside, p.body_aside) {
                (Some(aside), Some(at)) => {
                    assert!(p.body.is_empty(), "{}: the body is put aside", p.source);
                    aside.take(at)
                }
                (None, None) => p.body.clone(),
                other => panic!("{}: {other:?}", p.source),
            };
            assert_eq!(body, format!("\nBody {i}.\n"), "{}", p.source);
        }
        if let Some(aside) = &content.bodies_aside {
            assert_eq!(aside.failure(), None);
        }
    }
}
