//! The last word on addresses: a byte scan of every generated HTML page for the
//! addresses it carries (`href`, `src`, `srcset`, `poster`, `action`, `formaction`,
//! and `data-*` attributes whose value is a path), each resolved against the page's own
//! address and the site's `base_url` and looked up in the URL map.
//!
//! Markdown, YAML fields and templates' literal addresses are checked where they are
//! written ([`super::Links::check`]); this catches what only exists once a template
//! has run: an address built from variables (`{{ ladder.url }}handouts/`), a relative
//! address in a template (which depends on the page it lands on), or a site-level
//! setting a template writes as it is. Same-page `#anchor`s are checked against the
//! page's own ids; anchors on other pages are not (Markdown's are checked by `anchors`).
//!
//! It must stay cheap: it runs on every page of a 10,000-page site. One pass over the
//! bytes, no copy of the page, an allocation only for an address that is not a plain
//! path (entities, `%` escapes) and for what it reports.
mod address;
mod attributes;
mod pattern;

use crate::address::{as_browser_reads, decode_references, refused_scheme};
pub(super) use address::join;
use address::{has_dot_segment, has_scheme, json_addresses};
pub use attributes::{Attribute, attributes};
use attributes::{each_attribute, holds_address};
pub use pattern::template_writes;

use super::UrlMap;
use std::borrow::Cow;
// Fx: a fixed, fast hash; every address of every page is looked up here (SipHash showed
// in the profile), and nothing is iterated in hash order.
use rustc_hash::FxHashSet as HashSet;

/// What a page's address is checked against.
pub struct Site<'a> {
    /// Every path the build publishes (the URL map's), hashed once: a page looks up
    /// dozens of addresses, and a 10,000-page map is deep to search.
    published: HashSet<&'a str>,
    /// The base path, e.g. `/` or `/patients/`.
    base: &'a str,
    /// `base_url` when it is a full address (`https://clinic.example/patients/`): an
    /// address starting with it is one of the site's own.
    absolute: Option<&'a str>,
    /// Top folders whose files are only known once the build is done (the search
    /// index): any address under them is taken as published.
    open_folders: &'a [&'a str],
    /// This `Site`'s number, unique in the process: the addresses each thread found
    /// published ([`KNOWN`]) hold for this one only.
    id: u64,
}

/// How many addresses a thread remembers as published (about 60 bytes each); when full
/// it forgets them all and starts again, so the common ones (the menu, the style
/// sheet, the folders' pages) come back at once and memory stays bounded at 100,000
/// pages.
const KNOWN_MAX: usize = 4096;

thread_local! {
    /// The addresses starting with `/`, as a page writes them, that this thread found
    /// published, for the `Site` whose `id` is kept with them. Such an address means the
    /// same on every page, and most of a page's are the same on every page (the menu,
    /// the style sheet, the icons): found once, each costs a hash lookup on the next
    /// page, not entity decoding, scheme check and resolving (bench/RESULTS.md, "Issue
    /// 20, ninth pass").
    static KNOWN: std::cell::RefCell<(u64, HashSet<Box<str>>)> =
        std::cell::RefCell::new((0, HashSet::default()));
}

/// The next [`Site::id`] (never 0, the empty memory's).
fn next_site_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// An address in a page that points at nothing the site publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// The attribute it is in (`href`, `src`, `data-summary`, ...), lower-case.
    pub attr: String,
    /// The attribute's value as the page holds it (before entities are decoded).
    pub value: String,
    /// Why it points nowhere.
    pub why: Why,
}

/// Why an address points nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Nothing is published at this path (relative to the base, no leading `/`).
    Nothing(String),
    /// A site path outside the site's folder (`/contact/` on a site at `/patients/`).
    OutsideBase(String),
    /// A relative address that climbs above the site's top folder.
    AboveTop,
    /// `#anchor` on the page itself, and no element of the page has that id.
    NoAnchor(String),
    /// A scheme a page may not carry (`javascript:`, `data:`, ...), as a browser reads
    /// it (character references decoded, tabs and line breaks left out).
    RefusedScheme,
    /// A relative address on a page-not-found page (`404.html`, `<lang>/404.html`), which is shown at every address
    /// that does not exist, so a relative address on it starts from anywhere.
    RelativeOnNotFound,
}

/// The page-not-found page's output path.
pub const NOT_FOUND: &str = "404.html";

impl<'a> Site<'a> {
    /// What pages are checked against: the URL map `urls`, the base path (`/` or
    /// `/patients/`), `base_url` when it is a full address, and the top folders whose
    /// files are known only once the build is done (any address under them passes).
    pub fn new(
        urls: &'a UrlMap,
        base: &'a str,
        absolute: Option<&'a str>,
        open_folders: &'a [&'a str],
    ) -> Site<'a> {
        Site {
            published: urls.paths().map(|(p, _)| p.as_str()).collect(),
            base,
            absolute,
            open_folders,
            id: next_site_id(),
        }
    }

    /// Whether the site publishes `path` (as `UrlMap::lookup_path` finds it: a page's
    /// address also without its final `/` or with `index.html`).
    fn publishes(&self, path: &str) -> bool {
        if self.published.contains(path) {
            return true;
        }
        if let Some(folder) = path.strip_suffix("index.html")
            && (folder.is_empty() || folder.ends_with('/'))
        {
            return self.published.contains(folder);
        }
        !path.is_empty() && !path.ends_with('/') && self.published.contains(&*format!("{path}/"))
    }

    /// The addresses in `html`, the page published at `page` (relative to the base:
    /// `guides/pacing/` for a page, `404.html` for a file), that point at nothing the
    /// site publishes.
    pub fn check_page(&self, html: &str, page: &str) -> Vec<Unknown> {
        let mut out = Vec::new();
        let mut anchors: Vec<(Attribute<'_>, String)> = Vec::new();
        let mut ids: HashSet<&str> = HashSet::default();
        let mut islands: Vec<&str> = Vec::new();
        KNOWN.with_borrow_mut(|(id, known)| {
            if *id != self.id {
                *id = self.id;
                known.clear();
            }
        });
        each_attribute(
            html,
            &mut |a| {
                if a.name.eq_ignore_ascii_case("id") {
                    ids.insert(a.value);
                    return;
                }
                if !holds_address(a.name, a.value) {
                    return;
                }
                // A `srcset` lists addresses, each with its width or density after it.
                let srcset = a.name.eq_ignore_ascii_case("srcset");
                // Any other attribute is one address: not searched for a separator.
                let (mut list, mut one) = (a.value.split(','), std::iter::once(a.value));
                let candidates: &mut dyn Iterator<Item = &str> =
                    if srcset { &mut list } else { &mut one };
                for v in candidates {
                    let v = if srcset {
                        v.split_ascii_whitespace().next().unwrap_or_default()
                    } else {
                        v
                    };
                    // An address from the site's top (not `//host/...`) is the same
                    // on every page: one found published before is published now.
                    let absolute = v.starts_with('/') && !v.starts_with("//");
                    if absolute && KNOWN.with_borrow(|(_, known)| known.contains(v)) {
                        continue;
                    }
                    let decoded = decode_references(v.trim());
                    // `javascript:`, `data:` and the like, as `Links::check` refuses them
                    // in Markdown: raw HTML and templates may not write them either.
                    if refused_scheme(&as_browser_reads(&decoded)) {
                        out.push(Unknown {
                            attr: a.name.to_ascii_lowercase(),
                            value: a.value.to_string(),
                            why: Why::RefusedScheme,
                        });
                        continue;
                    }
                    match self.resolve(&decoded, page) {
                        Ok(Some(anchor)) => anchors.push((a, anchor)),
                        Ok(None) if absolute => KNOWN.with_borrow_mut(|(_, known)| {
                            if known.len() >= KNOWN_MAX {
                                known.clear();
                            }
                            known.insert(v.into());
                        }),
                        Ok(None) => {}
                        Err(why) => out.push(Unknown {
                            attr: a.name.to_ascii_lowercase(),
                            value: a.value.to_string(),
                            why,
                        }),
                    }
                }
            },
            &mut |j| islands.push(j),
        );
        for island in islands {
            for (key, v) in json_addresses(island) {
                if let Err(why) = self.resolve(&v, page) {
                    out.push(Unknown {
                        attr: format!("the page's data (`{key}`)"),
                        value: v,
                        why,
                    });
                }
            }
        }
        for (a, anchor) in anchors {
            // `#top` is the top of the page in every browser, with or without the id.
            if !ids.contains(anchor.as_str()) && !anchor.eq_ignore_ascii_case("top") {
                out.push(Unknown {
                    attr: a.name.to_ascii_lowercase(),
                    value: a.value.to_string(),
                    why: Why::NoAnchor(anchor),
                });
            }
        }
        out
    }

    /// Checks one address (entities decoded) on the page at `page`: `Ok(Some(anchor))`
    /// when it is a `#anchor` on this same page, to check once its ids are known.
    fn resolve(&self, v: &str, page: &str) -> Result<Option<String>, Why> {
        // Byte searches (`#`, `?`, `%` are ASCII, so every cut is at a character's
        // boundary): `str`'s char patterns cost a call and a compare per match.
        let (rest, anchor) = match memchr::memchr(b'#', v.as_bytes()) {
            Some(i) => (&v[..i], Some(&v[i + 1..])),
            None => (v, None),
        };
        let path = memchr::memchr(b'?', rest.as_bytes()).map_or(rest, |i| &rest[..i]);
        if path.is_empty() {
            // `#anchor` (or `?query`) alone: this page.
            return Ok(anchor
                .filter(|a| !a.is_empty())
                .map(crate::address::percent_decode));
        }
        let site_path: Cow<'_, str> = if let Some(p) = path.strip_prefix('/') {
            if p.starts_with('/') {
                return Ok(None);
            }
            match path.strip_prefix(self.base) {
                Some(inside) => Cow::Borrowed(inside),
                None if self.base.strip_suffix('/') == Some(path) => Cow::Borrowed(""),
                None => return Err(Why::OutsideBase(path.to_string())),
            }
        } else if let Some(inside) = self.absolute.and_then(|a| {
            path.strip_prefix(a)
                .or_else(|| (a.strip_suffix('/') == Some(path)).then_some(""))
        }) {
            Cow::Borrowed(inside)
        } else if has_scheme(path) {
            return Ok(None);
        } else if page == NOT_FOUND
            || page
                .strip_suffix(NOT_FOUND)
                .is_some_and(|lang| lang.ends_with('/'))
        {
            return Err(Why::RelativeOnNotFound);
        } else {
            let dir = &page[..page.rfind('/').map_or(0, |i| i + 1)];
            match join(dir, path) {
                Some(p) => Cow::Owned(p),
                None => return Err(Why::AboveTop),
            }
        };
        let site_path = if memchr::memchr(b'%', site_path.as_bytes()).is_some() {
            Cow::Owned(crate::address::percent_decode(&site_path))
        } else {
            site_path
        };
        // `./` and `..` inside a site path.
        let site_path = if has_dot_segment(&site_path) {
            match join("", &site_path) {
                Some(p) => Cow::Owned(p),
                None => return Err(Why::AboveTop),
            }
        } else {
            site_path
        };
        let top =
            &site_path[..memchr::memchr(b'/', site_path.as_bytes()).unwrap_or(site_path.len())];
        if self.open_folders.contains(&top) && site_path.len() > top.len() {
            return Ok(None);
        }
        if self.publishes(&site_path) {
            return Ok(None);
        }
        Err(Why::Nothing(site_path.into_owned()))
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use crate::content::{Content, FrontMatter, Page, PageKind};
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    fn urls() -> UrlMap {
        urls_with("guides/pacing.md")
    }

    /// A URL map of one page, at `source`, and the style sheet.
    fn urls_with(source: &str) -> UrlMap {
        let page = Page {
            source: source.into(),
            file: PathBuf::from("content").join(source),
            section: "guides".into(),
            kind: PageKind::Regular,
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
        };
        let c = Content {
            root: PathBuf::from("/site"),
            config: SiteConfig::parse("title: T\n", Path::new("site.yaml")).unwrap(),
            pages: vec![page],
            exercises: Default::default(),
            ladders: Default::default(),
            sections: BTreeSet::from(["guides".to_string(), String::new()]),
            drafts: BTreeSet::new(),
            assets: vec![],
            broken_ids: BTreeSet::new(),
            bodies_dropped: false,
            bodies_aside: None,
        };
        let (m, _) = UrlMap::build(
            &c,
            &[("style.css".into(), PathBuf::from("static/style.css"))],
        );
        m
    }

    fn unknown(html: &str, base: &str, absolute: Option<&str>) -> Vec<String> {
        let urls = urls();
        let site = Site::new(&urls, base, absolute, &["pagefind"]);
        site.check_page(html, "guides/pacing/")
            .into_iter()
            .map(|u| format!("{}={} {:?}", u.attr, u.value, u.why))
            .collect()
    }

    /// Each thread remembers the addresses it found published, for one site only: a
    /// later build in the same process (`sinew serve` makes one after every save) whose
    /// site no longer publishes one reports it, and so does the same build for an
    /// address the site never published, however often it is seen.
    #[test]
    fn an_address_found_published_is_known_for_that_site_only() {
        let html =
            r#"<a href="/guides/pacing/">p</a><link href="/style.css"><a href="/nowhere/">n</a>"#;
        let nothing = |p: &str| vec![format!("href={p} Nothing(\"{}\")", &p[1..])];
        let (before, after) = (urls(), urls_with("guides/rest.md"));
        let old = Site::new(&before, "/", None, &[]);
        for _ in 0..3 {
            let found = old.check_page(html, "guides/pacing/");
            let found: Vec<String> = found
                .iter()
                .map(|u| format!("{}={} {:?}", u.attr, u.value, u.why))
                .collect();
            assert_eq!(found, nothing("/nowhere/"));
        }
        // The same thread, the page renamed: its old address points at nothing now.
        let new = Site::new(&after, "/", None, &[]);
        let found: Vec<String> = new
            .check_page(html, "guides/rest/")
            .iter()
            .map(|u| format!("{}={} {:?}", u.attr, u.value, u.why))
            .collect();
        assert_eq!(
            found,
            [nothing("/guides/pacing/"), nothing("/nowhere/")].concat()
        );
        // And more addresses than a thread keeps: every one still checked.
        let many: String = (0..KNOWN_MAX + 10)
            .map(|i| format!(r#"<a href="/style.css?v={i}">s</a>"#))
            .collect();
        assert!(old.check_page(&many, "guides/pacing/").is_empty());
        assert!(old.check_page(&many, "guides/pacing/").is_empty());
        assert_eq!(old.check_page(html, "guides/pacing/").len(), 1);
    }

    #[test]
    fn published_addresses_pass_in_every_form() {
        let html = r##"<!doctype html><html><head><link rel="stylesheet" href="/sub/style.css">
            <script type="application/json">{"x": "<a href='/sub/nowhere/'>"}</script></head>
            <body id="b"><a href="/sub/guides/pacing/">p</a> <a href="../">up</a> <a href='./'>self</a>
            <a href=/sub/guides/pacing>bare</a> <a href="/sub/guides/pacing/index.html#b">i</a>
            <a href="https://clinic.example/sub/guides/">abs</a> <a href="https://other.example/x">o</a>
            <a href="mailto:a@b.example">m</a> <a href="tel:123">t</a> <a href="#b">b</a> <a href="#top">top</a>
            <a href="#">none</a> <a href="//cdn.example/x">cdn</a> <img srcset="/sub/style.css 1x, ../../style.css 2x">
            <div data-scope="/sub/" data-label="not/an/address" data-x="/sub/pagefind/pagefind.js"></div>
            <!-- <a href="/sub/commented-out/"> --> <a href="/sub/guides/pacing/?q=1&amp;r=2">q</a>
            <a href="/sub/style&#46;css">e</a> <form action="/sub/guides/"></form></body></html>"##;
        assert_eq!(
            unknown(html, "/sub/", Some("https://clinic.example/sub/")),
            Vec::<String>::new()
        );
    }

    #[test]
    fn unpublished_addresses_are_found_with_why() {
        let html = r##"<a href="/sub/pacnig/">a</a><a href="/contact/">b</a>
            <a href="print/">c</a><a href="../../../x">d</a><a href="#nope">e</a>
            <img srcset="/sub/style.css 1x, /sub/big.png 2x"><div data-summary="/sub/gone/"></div>
            <a href="https://clinic.example/sub/gone.pdf">f</a>"##;
        assert_eq!(
            unknown(html, "/sub/", Some("https://clinic.example/sub/")),
            vec![
                r#"href=/sub/pacnig/ Nothing("pacnig/")"#,
                r#"href=/contact/ OutsideBase("/contact/")"#,
                r#"href=print/ Nothing("guides/pacing/print/")"#,
                r#"href=../../../x AboveTop"#,
                r#"srcset=/sub/style.css 1x, /sub/big.png 2x Nothing("big.png")"#,
                r#"data-summary=/sub/gone/ Nothing("gone/")"#,
                r#"href=https://clinic.example/sub/gone.pdf Nothing("gone.pdf")"#,
                r#"href=#nope NoAnchor("nope")"#,
            ]
        );
    }

    #[test]
    fn site_paths_in_a_pages_data_are_checked() {
        let html = r#"<script type="application/json" id="d">{"title":"/ not an address",
            "booking_url":"/contact/","url":"\/sub\/guides\/pacing\/","video":"//cdn.example/v.mp4",
            "link":"/sub/gone/"}</script><script>var x = {"url":"/sub/js-only/"};</script>"#;
        assert_eq!(
            unknown(html, "/sub/", None),
            vec![
                r#"the page's data (`booking_url`)=/contact/ OutsideBase("/contact/")"#,
                r#"the page's data (`link`)=/sub/gone/ Nothing("gone/")"#,
            ]
        );
    }

    #[test]
    fn the_not_found_page_has_no_relative_addresses() {
        let urls = urls();
        let site = Site::new(&urls, "/", None, &[]);
        let html =
            r##"<a href="/guides/">ok</a><a href="#x" id="x">ok</a><link href="../../style.css">"##;
        let found = site.check_page(html, NOT_FOUND);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].why, Why::RelativeOnNotFound);
        assert!(site.check_page(html, "guides/pacing/").is_empty());
    }
}
