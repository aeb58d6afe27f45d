//! The URL map's unit tests.

use super::*;
use crate::config::SiteConfig;
use crate::content::{FrontMatter, Page};
use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn the_search_index_folder_is_reserved() {
    let folder = crate::search::FOLDER.trim_end_matches('/');
    assert!(RESERVED_FOLDERS.iter().any(|(f, _)| *f == folder));
    assert!(RESERVED_FOLDERS.iter().any(|(f, _)| *f == RESERVED));
}

fn page(source: &str, kind: PageKind) -> Page {
    let section = source.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    Page {
        source: source.into(),
        file: PathBuf::from("content").join(source),
        section,
        kind,
        meta: FrontMatter {
            title: "T".into(),
            ..Default::default()
        },
        front_matter: String::new(),
        reviewed: None,
        body: String::new(),
        body_line: 1,
        in_own_folder: false,
        lang: None,
        original: source.into(),
        body_aside: None,
    }
}

fn content(pages: Vec<Page>, sections: &[&str]) -> Content {
    Content {
        root: PathBuf::from("/site"),
        config: SiteConfig::parse("title: T\nbase_url: /sub/\n", Path::new("site.yaml")).unwrap(),
        pages,
        exercises: Default::default(),
        ladders: Default::default(),
        sections: sections
            .iter()
            .map(|s| s.to_string())
            .chain([String::new()])
            .collect(),
        drafts: BTreeSet::from(["old.md".to_string()]),
        assets: vec![],
        broken_ids: BTreeSet::new(),
        bodies_dropped: false,
        bodies_aside: None,
    }
}

#[test]
fn resolves_pages_sections_and_anchors() {
    let c = content(
        vec![
            page("index.md", PageKind::Home),
            page("conditions/Knee Pain.md", PageKind::Regular),
            page("conditions/index.md", PageKind::Section),
        ],
        &["conditions"],
    );
    let (m, d) = UrlMap::build(&c, &[]);
    assert!(!d.has_errors(), "{}", d.to_text());
    let r = m
        .resolve("conditions/Knee Pain.md#causes", &c.drafts)
        .unwrap();
    assert_eq!(r.path, "conditions/knee-pain/");
    assert_eq!(r.anchor.as_deref(), Some("causes"));
    assert_eq!(
        m.resolve("conditions/index.md", &c.drafts).unwrap().path,
        "conditions/"
    );
    assert_eq!(
        m.resolve("conditions/", &c.drafts).unwrap().path,
        "conditions/"
    );
    assert_eq!(m.resolve("index.md", &c.drafts).unwrap().path, "");
    assert_eq!(m.resolve("programs/", &c.drafts).unwrap().path, "planner/");
}

#[test]
fn broken_links_suggest_and_drafts_explain() {
    let c = content(vec![page("pacing.md", PageKind::Regular)], &[]);
    let (m, _) = UrlMap::build(&c, &[]);
    let (msg, hint) = m.resolve("pacin.md", &c.drafts).unwrap_err();
    assert!(msg.contains("does not exist"));
    // The likely typo first, then what to do if the page was renamed.
    assert!(hint.starts_with("did you mean `@/pacing.md`? Or, if you renamed or moved that page"));
    assert!(hint.contains("`aliases:`"), "{hint}");
    let (msg, _) = m.resolve("old.md", &c.drafts).unwrap_err();
    assert!(msg.contains("draft"));
}

#[test]
fn collisions_are_reported() {
    let c = content(
        vec![
            page("a/index.md", PageKind::Section),
            page("a.md", PageKind::Regular),
        ],
        &["a"],
    );
    let (_, d) = UrlMap::build(&c, &[]);
    assert_eq!(d.error_count(), 1, "{}", d.to_text());
    assert!(d.0[0].message.contains("/sub/a/"), "{}", d.0[0].message);
}

#[test]
fn one_call_checks_an_address_as_written_on_a_page() {
    use crate::link::{LinkError, Links};
    let mut c = content(vec![page("pacing.md", PageKind::Regular)], &[]);
    c.assets.push(crate::content::Asset {
        rel: "leaflet.pdf".into(),
        path: PathBuf::from("/site/content/leaflet.pdf"),
    });
    c.broken_ids.insert("exercises/bad.yaml".into());
    let (m, _) = UrlMap::build(&c, &[]);
    let links = Links {
        urls: &m,
        drafts: &c.drafts,
        broken: &c.broken_ids,
        base: "/sub/",
    };
    let href = links.check("a/", "@/pacing.md#why").unwrap();
    assert_eq!(href.url, "/sub/pacing/#why");
    assert_eq!(href.target.unwrap().target, Target::Page(0));
    assert_eq!(
        links.check("a", "/leaflet.pdf").unwrap().url,
        "/sub/leaflet.pdf"
    );
    assert_eq!(
        links.check("a", "../leaflet.pdf").unwrap().url,
        "/sub/leaflet.pdf"
    );
    assert_eq!(
        links.check("", "pacing.md#x").unwrap().url,
        "/sub/pacing/#x"
    );
    assert_eq!(links.check("", "/pacing").unwrap().url, "/sub/pacing/");
    assert!(matches!(
        links.check("", "/nothing.pdf"),
        Err(LinkError::Broken(..))
    ));
    assert!(matches!(
        links.check("a", "../../leaflet.pdf"),
        Err(LinkError::Broken(..))
    ));
    assert_eq!(
        links.check("a/", "https://x.example/").unwrap().url,
        "https://x.example/"
    );
    assert_eq!(
        links.check("a/", "//x.example/a").unwrap().url,
        "//x.example/a"
    );
    assert!(matches!(
        links.check("a/", "javascript:alert(1)"),
        Err(LinkError::Unsafe(_))
    ));
    assert!(matches!(
        links.check("a/", "@/pacin.md"),
        Err(LinkError::Broken(..))
    ));
    assert!(
        matches!(links.check("a/", "@/old.md"), Err(LinkError::Broken(m, _)) if m.contains("draft"))
    );
    assert_eq!(
        links.check("a/", "@/exercises/bad.yaml"),
        Err(LinkError::TargetBroken)
    );
}

#[test]
fn labels_name_the_file_in_backticks_and_the_added_words_outside() {
    let cases = [
        ("content/about.md", "`content/about.md`"),
        (
            "content/about.md (its alias `/contact/`)",
            "`content/about.md` (its alias `/contact/`)",
        ),
        (
            "content/exercises/squat.yaml (its `translations: es`)",
            "`content/exercises/squat.yaml` (its `translations: es`)",
        ),
        (
            "(built-in theme) static/style.css",
            "the built-in theme's `static/style.css`",
        ),
        ("(generated sitemap)", "sinew's generated sitemap"),
    ];
    for (label, words) in cases {
        assert_eq!(label_in_words(Path::new(label)), words);
    }
}

#[test]
fn names_with_percent_escapes_get_their_plain_names() {
    use super::escaped_name;
    let e = escaped_name("My%20Folder").unwrap();
    assert_eq!(
        (e.decoded.as_str(), e.slug.as_str()),
        ("My Folder", "my-folder")
    );
    assert_eq!(e.escapes, [("%20".to_string(), "a space".to_string())]);
    assert_eq!(
        (e.codes().as_str(), e.what().as_str()),
        (
            "`%20`",
            "the code some download and unzip programs write for a space"
        )
    );
    let e = escaped_name("knee%20pain%281%29.es.md").unwrap();
    assert_eq!(
        (e.decoded.as_str(), e.slug.as_str()),
        ("knee pain(1).es.md", "knee-pain-1.es.md")
    );
    // Each different escaped character named once, in the order first written.
    let e = escaped_name("knee%20pain%281%29%20%28old%29.pdf").unwrap();
    assert_eq!(e.codes(), "`%20`, `%28` and `%29`");
    assert_eq!(
        e.what(),
        "the codes some download and unzip programs write for a space, `(` and `)`"
    );
    let e = escaped_name("%28a%29.pdf").unwrap();
    assert_eq!(
        (e.codes().as_str(), e.escapes[0].1.as_str()),
        ("`%28` and `%29`", "`(`")
    );
    assert_eq!(escaped_name("a%2Fb").unwrap().decoded, "a-b");
    // The names suggested: each once, none blank, hidden or invisible.
    let renames = |name: &str| escaped_name(name).unwrap().renames(|_| false);
    assert_eq!(renames("My%20Folder"), "`My Folder` or `my-folder`");
    assert_eq!(renames("caf%C3%A9.png"), "`café.png`");
    assert_eq!(renames("a%2Fb.md"), "`a-b.md`");
    assert_eq!(renames("knee%E2%80%8Bpain.md"), "`knee-pain.md`");
    for blank in ["%E2%80%8B.png", "%E2%80%AE.md", "%20.pdf", "%00"] {
        assert_eq!(
            renames(blank),
            "a name of plain letters, digits and hyphens, such as `knee-pain`",
            "{blank}"
        );
    }
    for plain in ["50%.pdf", "knee pain.md", "100%-sure", "a%2"] {
        assert_eq!(escaped_name(plain), None, "{plain}");
    }
}

/// A character UTF-8 writes in several bytes is named whole, with all its escapes, and an
/// invisible one by what it is.
#[test]
fn an_escaped_character_of_several_bytes_is_named_whole() {
    use super::escaped_name;
    for (name, code, stands_for) in [
        (
            "knee%E2%80%8Bpain.md",
            "%E2%80%8B",
            "a zero-width space (a character that shows as nothing)",
        ),
        ("caf%C3%A9.png", "%C3%A9", "`é`"),
        (
            "a%E2%80%AEgpj.png",
            "%E2%80%AE",
            "a right-to-left override (an invisible character that changes the order of the \
             text around it)",
        ),
        (
            "a%C2%A0b.md",
            "%C2%A0",
            "a non-breaking space (a space that keeps two words on one line)",
        ),
        ("smile%F0%9F%98%80.png", "%F0%9F%98%80", "`😀`"),
        (
            "a%09b.md",
            "%09",
            "a control character (one that cannot be seen or typed)",
        ),
        ("knee%20%E2%80%8B.md", "%20", "a space"),
    ] {
        let e = escaped_name(name).unwrap();
        assert_eq!(
            (e.escapes[0].0.as_str(), e.escapes[0].1.as_str()),
            (code, stands_for),
            "{name}"
        );
    }
    // A space and a zero-width space: both named, the second whole.
    let e = escaped_name("knee%20%E2%80%8B.md").unwrap();
    assert_eq!(e.codes(), "`%20` and `%E2%80%8B`");
}

/// No name suggested is one another check flags: a copy's name (`copied-file`), one a
/// host cannot hold (`unwritable-name`), or one a file or folder beside it has.
#[test]
fn no_name_suggested_is_flagged_by_another_check() {
    use super::escaped_name;
    let beside = ["logo.png", "knee-pain.md", "about.md"];
    let taken = |n: &str| beside.contains(&n);
    let e = escaped_name("logo%20(1).png").unwrap();
    assert_eq!(e.renames(taken), "`logo-1.png`");
    assert_eq!(e.renames(|_| false), "`logo-1.png`");
    assert_eq!(e.copy_of(taken).as_deref(), Some("logo.png"));
    assert_eq!(e.copy_of(|_| false), None);
    let e = escaped_name("Copy%20of%20Copy%20of%20about.md").unwrap();
    assert_eq!(e.renames(taken), "`copy-of-copy-of-about.md`");
    assert_eq!(e.copy_of(taken).as_deref(), Some("about.md"));
    for (name, renames) in [
        ("leaflet%20%E2%80%93%20Copy.pdf", "`leaflet-copy.pdf`"),
        ("what%3F.md", "`what.md`"),
        (
            "aux%2Emd",
            "a name of plain letters, digits and hyphens, such as `knee-pain`",
        ),
        ("50%2525.pdf", "`50-25.pdf`"),
        ("knee%20pain.md", "`knee pain.md`"),
    ] {
        assert_eq!(
            escaped_name(name).unwrap().renames(taken),
            renames,
            "{name}"
        );
    }
    // Both names taken (for a page, both publish at the address another page has).
    assert_eq!(
        escaped_name("knee%20pain.md").unwrap().renames(|_| true),
        "a name of plain letters, digits and hyphens whose address is still free \
         (`knee-pain.md` would have an address already used, by a page or folder beside it or \
         by the site itself)"
    );
}
