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
    /// A relative address on the page-not-found page, which is shown at every address
    /// that does not exist, so a relative address on it starts from anywhere.
    RelativeOnNotFound,
}

/// The page-not-found page's output path.
pub const NOT_FOUND: &str = "404.html";

/// One attribute of a tag: its name and its value (quotes removed), as slices of the
/// page, with the value's byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribute<'h> {
    /// The attribute's name as written.
    pub name: &'h str,
    /// Its value, as written (entities not decoded).
    pub value: &'h str,
    /// Where the value starts in the text.
    pub offset: usize,
}

/// Every attribute of every tag in `html`, in order, outside comments and outside the
/// text of `<script>` and `<style>` elements (their own attributes are included).
pub fn attributes(html: &str) -> Vec<Attribute<'_>> {
    let mut out = Vec::new();
    each_attribute(html, &mut |a| out.push(a), &mut |_| {});
    out
}

/// Calls `f` with every attribute of every tag, and `json` with the text of every
/// `<script type="application/json">` (the data a page's script reads).
fn each_attribute<'h>(
    html: &'h str,
    f: &mut dyn FnMut(Attribute<'h>),
    json: &mut dyn FnMut(&'h str),
) {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &b[i..]) {
        let start = i + lt + 1;
        i = start;
        // The first byte alone first: a call to compare three bytes at every tag
        // showed in the profile.
        if b.get(start) == Some(&b'!') && b[start..].starts_with(b"!--") {
            i = memchr::memmem::find(&b[start..], b"-->").map_or(b.len(), |e| start + e + 3);
            continue;
        }
        let name_end = start
            + b[start..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
                .count();
        if name_end == start || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let tag = &html[start..name_end];
        let script = tag.eq_ignore_ascii_case("script");
        let mut is_json = false;
        i = tag_attributes(html, name_end, &mut |a| {
            is_json |= script
                && a.name.eq_ignore_ascii_case("type")
                && a.value.eq_ignore_ascii_case("application/json");
            f(a)
        });
        let raw_text = script || tag.eq_ignore_ascii_case("style");
        if raw_text && b.get(i.saturating_sub(2)) != Some(&b'/') {
            // Skip to the closing tag: JSON or code may hold `<a href=...>` as text.
            let close = if script { "</script" } else { "</style" };
            let end = find_ignore_case(&html[i..], close).map_or(b.len(), |e| i + e);
            if is_json {
                json(&html[i..end]);
            }
            i = end;
        }
    }
}

/// Reads the attributes of a tag from `i` (just after its name) to its `>`; returns the
/// offset after the `>`.
fn tag_attributes<'h>(html: &'h str, mut i: usize, f: &mut dyn FnMut(Attribute<'h>)) -> usize {
    let b = html.as_bytes();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return i;
        }
        if b[i] == b'>' {
            return i + 1;
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = &html[name_start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            if name.is_empty() {
                i += 1;
            }
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let (start, end, next) = match b.get(i) {
            Some(q @ (b'"' | b'\'')) => {
                // Values are short: a plain loop beats setting up a `str::find`.
                let end = b[i + 1..]
                    .iter()
                    .position(|c| c == q)
                    .map_or(b.len(), |e| i + 1 + e);
                (i + 1, end, (end + 1).min(b.len()))
            }
            _ => {
                let end = i + b[i..]
                    .iter()
                    .take_while(|c| !c.is_ascii_whitespace() && **c != b'>')
                    .count();
                (i, end, end)
            }
        };
        f(Attribute {
            name,
            value: &html[start..end],
            offset: start,
        });
        i = next;
    }
}

fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    // Every needle here starts with `<`, which `find` looks for at memchr's speed.
    let n = needle.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'<', &hay.as_bytes()[from..]) {
        let at = from + i;
        if hay.as_bytes()[at..]
            .get(..n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Whether the attribute `name` holds an address that is checked, given its `value`:
/// `href`, `src`, `srcset`, `poster`, `action`, `formaction` always; a `data-*` one
/// only when its value is a path (`/...`, `./...`, `../...`).
fn holds_address(name: &str, value: &str) -> bool {
    let always: &[&str] = match name.len() {
        3 => &["src"],
        4 => &["href"],
        6 => &["srcset", "poster", "action"],
        10 => &["formaction"],
        _ => &[],
    };
    if always.iter().any(|a| name.eq_ignore_ascii_case(a)) {
        return true;
    }
    name.len() > 5
        && name[..5].eq_ignore_ascii_case("data-")
        && (value.starts_with('/') && !value.starts_with("//")
            || value.starts_with("./")
            || value.starts_with("../"))
}

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
                    let decoded = decode_entities(v.trim());
                    match self.resolve(&decoded, page) {
                        Ok(Some(anchor)) => anchors.push((a, anchor)),
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
        } else if page == NOT_FOUND {
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

/// The addresses in a JSON island: string values of keys named like an address (`url`,
/// `link`, `href`, `src`, `video`, `image`, `poster`, `captions`, or ending in `_url`)
/// that are site paths (`/...`, not `//...`), as (key, address) with `\/` unescaped.
fn json_addresses(json: &str) -> Vec<(String, String)> {
    const KEYS: [&str; 8] = [
        "url", "link", "href", "src", "video", "image", "poster", "captions",
    ];
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = json[from..].find("\":\"/") {
        let at = from + i;
        from = at + 4;
        let Some(key_start) = json[..at].rfind('"') else {
            continue;
        };
        let key = &json[key_start + 1..at];
        if !(KEYS.contains(&key) || key.ends_with("_url")) || json[at + 4..].starts_with('/') {
            continue;
        }
        let rest = &json[at + 3..];
        let mut value = String::new();
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => {
                    if let Some(e) = chars.next() {
                        value.push(e);
                    }
                }
                c => value.push(c),
            }
        }
        out.push((key.to_string(), value));
    }
    out
}

/// Whether `path` holds `./` or ends with `/.`: a `.` or `..` segment to resolve.
fn has_dot_segment(path: &str) -> bool {
    let b = path.as_bytes();
    b.ends_with(b"/.") || memchr::memchr_iter(b'.', b).any(|i| b.get(i + 1) == Some(&b'/'))
}

/// Whether `v` starts with a scheme (`https:`, `mailto:`, `tel:`).
fn has_scheme(v: &str) -> bool {
    match v.find(':') {
        Some(c) => {
            c > 0
                && v.as_bytes()[0].is_ascii_alphabetic()
                && v[..c]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        }
        None => false,
    }
}

/// `dir` (a folder, with or without its `/`, or empty) + `rel`, with `.` and `..`
/// resolved as a browser resolves them (an address ending in `.` or `..` names a folder);
/// `None` above the top. `Links::check` joins a written address with it too.
pub(super) fn join(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    let last = rel.rsplit('/').next().unwrap_or(rel);
    if (last.is_empty() || last == "." || last == "..") && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// The HTML character references an attribute value may hold, decoded (`&amp;`,
/// `&quot;`, `&#39;`, `&#x2F;`, ...); the value itself when it has none.
fn decode_entities(v: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', v.as_bytes()).is_none() {
        return Cow::Borrowed(v);
    }
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let n = match num.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(n)
                }
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether a template's attribute value `pattern` (`{{ site.base_path }}style.css`)
/// could have written `value`: its literal parts appear in `value` in order, the first
/// at the start unless the pattern starts with an expression, the last at the end
/// unless it ends with one. Returns how many literal bytes matched (more is a closer
/// match), or `None`.
pub fn template_writes(pattern: &str, value: &str) -> Option<usize> {
    let mut literals: Vec<&str> = Vec::new();
    let mut rest = pattern;
    let mut starts_with_expr = false;
    let mut ends_with_expr = false;
    loop {
        let next = [rest.find("{{"), rest.find("{%")]
            .into_iter()
            .flatten()
            .min();
        match next {
            Some(i) => {
                if i == 0 && literals.is_empty() && rest.len() == pattern.len() {
                    starts_with_expr = true;
                }
                literals.push(&rest[..i]);
                let close = if rest[i..].starts_with("{{") {
                    "}}"
                } else {
                    "%}"
                };
                match rest[i..].find(close) {
                    Some(e) => rest = &rest[i + e + 2..],
                    None => {
                        ends_with_expr = true;
                        break;
                    }
                }
                if rest.is_empty() {
                    ends_with_expr = true;
                    break;
                }
            }
            None => {
                literals.push(rest);
                break;
            }
        }
    }
    if !starts_with_expr && !ends_with_expr && literals.len() == 1 {
        return (literals[0] == value).then_some(value.len());
    }
    let mut at = 0;
    let n = literals.len();
    let mut matched = 0;
    for (k, lit) in literals.iter().enumerate() {
        if lit.is_empty() {
            continue;
        }
        if k == 0 && !starts_with_expr {
            if !value.starts_with(lit) {
                return None;
            }
            at = lit.len();
        } else if k == n - 1 && !ends_with_expr {
            if value.len() < at + lit.len() || !value.ends_with(lit) {
                return None;
            }
            at = value.len();
        } else {
            at += value[at..].find(lit)? + lit.len();
        }
        matched += lit.len();
    }
    Some(matched)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use crate::content::{Content, FrontMatter, Page, PageKind};
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    fn urls() -> UrlMap {
        let page = Page {
            source: "guides/pacing.md".into(),
            file: PathBuf::from("content/guides/pacing.md"),
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
            original: "guides/pacing.md".into(),
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

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            decode_entities("a&amp;b&#x2F;c&#47;d&bogus"),
            "a&b/c/d&bogus"
        );
        assert!(matches!(decode_entities("/plain/"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_template_pattern_matches_what_it_could_write() {
        assert_eq!(
            template_writes("{{ site.base_path }}style.css", "/sub/style.css"),
            Some(9)
        );
        assert_eq!(
            template_writes("{{ site.base_path }}style.css", "/sub/x.css"),
            None
        );
        assert_eq!(
            template_writes("{{ current_url }}print/", "/a/print/"),
            Some(6)
        );
        assert_eq!(template_writes("{{ x }}", "/anything/"), Some(0));
        assert_eq!(template_writes("/contact/", "/contact/"), Some(9));
        assert_eq!(template_writes("/contact/", "/contact/x"), None);
        assert_eq!(
            template_writes("/a/{{ x }}/b/{{ y }}.html", "/a/1/b/2.html"),
            Some(11)
        );
        assert_eq!(template_writes("/a/{{ x }}/b/", "/z/1/b/"), None);
    }
}
