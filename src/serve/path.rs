//! From a request target to a file of the built site: the path checks that keep every
//! answer inside the site, routing (`dir/` to `dir/index.html`, redirects), content types
//! and byte ranges. Pure functions, no I/O.

/// Longest request target accepted; sinew's own URLs are far shorter.
pub const MAX_PATH_LEN: usize = 2048;

/// Why a request path was refused (answered with 400 Bad Request).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadPath {
    /// Longer than [`MAX_PATH_LEN`].
    TooLong,
    /// Not starting with `/` (absolute URLs, `*`, drive paths).
    NotAbsolute,
    /// A `%` not followed by two hex digits, or bytes that are not UTF-8.
    BadEncoding,
    /// A backslash, NUL or other control character, raw or percent-encoded.
    BadCharacter,
    /// A percent-encoded `.` or `/`, used only to slip past path checks.
    EncodedSeparator,
    /// A `.` or `..` segment, an empty segment (`//`) or a drive (`C:`).
    BadSegment,
}

/// Checks a request target and returns its path, percent-decoded exactly once.
///
/// The query and fragment are dropped. The result starts with `/`, has no empty, `.`
/// or `..` segment and no backslash or control character.
pub fn sanitize(target: &str) -> Result<String, BadPath> {
    if target.len() > MAX_PATH_LEN {
        return Err(BadPath::TooLong);
    }
    let raw = target.split(['?', '#']).next().unwrap_or("");
    if !raw.starts_with('/') {
        return Err(BadPath::NotAbsolute);
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let decoded = if b == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(BadPath::BadEncoding)?;
            let hex = std::str::from_utf8(hex).map_err(|_| BadPath::BadEncoding)?;
            let v = u8::from_str_radix(hex, 16).map_err(|_| BadPath::BadEncoding)?;
            i += 3;
            if matches!(v, b'.' | b'/') {
                return Err(BadPath::EncodedSeparator);
            }
            v
        } else {
            i += 1;
            b
        };
        if decoded == b'\\' || decoded < 0x20 || decoded == 0x7f {
            return Err(BadPath::BadCharacter);
        }
        out.push(decoded);
    }
    let path = String::from_utf8(out).map_err(|_| BadPath::BadEncoding)?;
    let segments: Vec<&str> = path[1..].split('/').collect();
    let last = segments.len() - 1;
    for (n, s) in segments.iter().enumerate() {
        let empty_inside = s.is_empty() && n != last;
        let drive =
            s.len() >= 2 && s.as_bytes()[0].is_ascii_alphabetic() && s.as_bytes()[1] == b':';
        if empty_inside || *s == "." || *s == ".." || drive {
            return Err(BadPath::BadSegment);
        }
    }
    Ok(path)
}

/// Where a (sanitized) path leads in a site published under `base` (e.g. `/patients/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The file with this output path (e.g. `conditions/index.html`).
    File(String),
    /// Redirect here (an address with the missing trailing slash).
    Redirect(String),
    /// Not in the site.
    NotFound,
}

/// Finds `path` among the output paths for which `exists` is true, the way a static
/// web server would serve `sinew build` output under `base`.
pub fn route(path: &str, base: &str, exists: impl Fn(&str) -> bool) -> Route {
    let Some(rel) = path.strip_prefix(base) else {
        // `/patients` for `/patients/`, or `/` when the site lives further down.
        if path == base.trim_end_matches('/') || path == "/" {
            return Route::Redirect(encode_path(base));
        }
        return Route::NotFound;
    };
    if rel.is_empty() || rel.ends_with('/') {
        let index = format!("{rel}index.html");
        return if exists(&index) {
            Route::File(index)
        } else {
            Route::NotFound
        };
    }
    if exists(rel) {
        return Route::File(rel.to_string());
    }
    if exists(&format!("{rel}/index.html")) {
        return Route::Redirect(encode_path(&format!("{base}{rel}/")));
    }
    Route::NotFound
}

/// The page-not-found page for `path` (as [`route`] takes it): the `404.html` of the
/// top folder under `base` the path is in (`/<lang>/404.html` for a missing page under
/// `/<lang>/`, which the build makes for every other language) when the site has one,
/// as a web host that serves a folder's own 404 page does; else the root `404.html`.
pub fn not_found_page(path: &str, base: &str, exists: impl Fn(&str) -> bool) -> String {
    let folder = path
        .strip_prefix(base)
        .and_then(|rel| rel.split_once('/'))
        .map(|(top, _)| top)
        .filter(|top| !top.is_empty());
    if let Some(top) = folder {
        let own = format!("{top}/404.html");
        if exists(&own) {
            return own;
        }
    }
    "404.html".to_string()
}

/// Percent-encodes what may not stand in a `Location` header as is.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `Content-Type` for an output path, with a charset for text.
pub fn content_type(path: &str) -> String {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let mime = match ext.as_str() {
        // mime_guess still answers the pre-standard names for these.
        "woff" => "font/woff".to_string(),
        "js" | "mjs" => "text/javascript".to_string(),
        "xml" => "application/xml".to_string(),
        _ => mime_guess::from_ext(&ext)
            .first_or_octet_stream()
            .essence_str()
            .to_string(),
    };
    let text = mime.starts_with("text/")
        || matches!(
            mime.as_str(),
            "application/json" | "application/xml" | "image/svg+xml"
        );
    if text {
        format!("{mime}; charset=utf-8")
    } else {
        mime
    }
}

/// A `Range: bytes=...` header resolved against a body of `len` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Range {
    /// No usable range: send the whole body (also for several ranges at once).
    Whole,
    /// Send bytes `start..=end`.
    Part(u64, u64),
    /// The range lies outside the body: 416.
    Unsatisfiable,
}

/// Reads one `Range` header value.
pub fn parse_range(header: Option<&str>, len: u64) -> Range {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return Range::Whole;
    };
    if spec.contains(',') {
        return Range::Whole;
    }
    let Some((a, b)) = spec.trim().split_once('-') else {
        return Range::Whole;
    };
    let (a, b) = (a.trim(), b.trim());
    let num = |s: &str| s.parse::<u64>().ok();
    match (a.is_empty(), b.is_empty()) {
        (true, false) => match num(b) {
            Some(0) => Range::Unsatisfiable,
            Some(n) if len > 0 => Range::Part(len - n.min(len), len - 1),
            Some(_) => Range::Unsatisfiable,
            None => Range::Whole,
        },
        (false, _) => match (num(a), if b.is_empty() { Some(u64::MAX) } else { num(b) }) {
            (Some(s), Some(e)) if s <= e && s < len => Range::Part(s, e.min(len - 1)),
            (Some(s), Some(e)) if s <= e => Range::Unsatisfiable,
            _ => Range::Whole,
        },
        (true, true) => Range::Whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_paths_pass_decoded_once() {
        assert_eq!(sanitize("/").unwrap(), "/");
        assert_eq!(
            sanitize("/conditions/knee/?x=1#top").unwrap(),
            "/conditions/knee/"
        );
        assert_eq!(sanitize("/caf%C3%A9/").unwrap(), "/café/");
        assert_eq!(sanitize("/a%20b.pdf").unwrap(), "/a b.pdf");
        // Decoded once only: what was encoded twice stays encoded.
        assert_eq!(sanitize("/%252e%252e/secret").unwrap(), "/%2e%2e/secret");
    }

    #[test]
    fn escapes_from_the_site_are_refused() {
        let cases: &[(&str, BadPath)] = &[
            ("/../secret.txt", BadPath::BadSegment),
            ("/a/../../secret.txt", BadPath::BadSegment),
            ("/./index.html", BadPath::BadSegment),
            ("/a/..", BadPath::BadSegment),
            ("/%2e%2e/secret.txt", BadPath::EncodedSeparator),
            ("/%2E%2E/secret.txt", BadPath::EncodedSeparator),
            ("/.%2e/secret.txt", BadPath::EncodedSeparator),
            ("/a%2f..%2fsecret.txt", BadPath::EncodedSeparator),
            ("/a%2F%2E%2E%2Fsecret", BadPath::EncodedSeparator),
            ("/..\\secret.txt", BadPath::BadCharacter),
            ("/a%5c..%5csecret.txt", BadPath::BadCharacter),
            ("/index.html%00.css", BadPath::BadCharacter),
            ("/a\u{0}b", BadPath::BadCharacter),
            ("/a%0d%0aSet-Cookie:x", BadPath::BadCharacter),
            ("//etc/passwd", BadPath::BadSegment),
            ("/a//b", BadPath::BadSegment),
            ("/C:/Windows/win.ini", BadPath::BadSegment),
            ("/c:%5cwindows", BadPath::BadCharacter),
            ("C:\\Windows\\win.ini", BadPath::NotAbsolute),
            ("http://example.org/../x", BadPath::NotAbsolute),
            ("*", BadPath::NotAbsolute),
            ("", BadPath::NotAbsolute),
            ("/%", BadPath::BadEncoding),
            ("/%2", BadPath::BadEncoding),
            ("/%zz", BadPath::BadEncoding),
            ("/%ff%fe", BadPath::BadEncoding),
            ("/%c0%ae%c0%ae/secret", BadPath::BadEncoding),
        ];
        for (raw, why) in cases {
            assert_eq!(sanitize(raw), Err(*why), "{raw:?}");
        }
        let long = format!("/{}", "a/".repeat(MAX_PATH_LEN));
        assert_eq!(sanitize(&long), Err(BadPath::TooLong));
    }

    fn site_has(p: &str) -> bool {
        [
            "index.html",
            "a/index.html",
            "style.css",
            "a/b.pdf",
            "404.html",
        ]
        .contains(&p)
    }

    #[test]
    fn routes_follow_a_static_web_server() {
        assert_eq!(route("/", "/", site_has), Route::File("index.html".into()));
        assert_eq!(
            route("/a/", "/", site_has),
            Route::File("a/index.html".into())
        );
        assert_eq!(route("/a", "/", site_has), Route::Redirect("/a/".into()));
        assert_eq!(
            route("/a/b.pdf", "/", site_has),
            Route::File("a/b.pdf".into())
        );
        assert_eq!(route("/a/b.pdf/", "/", site_has), Route::NotFound);
        assert_eq!(route("/nope", "/", site_has), Route::NotFound);
        assert_eq!(route("/b/", "/", site_has), Route::NotFound);
    }

    #[test]
    fn a_folder_s_own_404_page_is_found() {
        let has = |p: &str| ["404.html", "es/404.html", "es/index.html"].contains(&p);
        for (path, base, page) in [
            ("/es/nada/", "/", "es/404.html"),
            ("/es/a/b.pdf", "/", "es/404.html"),
            ("/es/", "/", "es/404.html"),
            ("/es", "/", "404.html"),
            ("/fr/nada/", "/", "404.html"),
            ("/nada", "/", "404.html"),
            ("/p/es/nada/", "/p/", "es/404.html"),
            ("/es/nada/", "/p/", "404.html"),
        ] {
            assert_eq!(not_found_page(path, base, has), page, "{path} under {base}");
        }
    }

    #[test]
    fn routes_honour_the_base_path() {
        let base = "/patients/";
        assert_eq!(
            route("/patients/", base, site_has),
            Route::File("index.html".into())
        );
        assert_eq!(
            route("/patients/style.css", base, site_has),
            Route::File("style.css".into())
        );
        assert_eq!(
            route("/patients", base, site_has),
            Route::Redirect("/patients/".into())
        );
        assert_eq!(
            route("/", base, site_has),
            Route::Redirect("/patients/".into())
        );
        assert_eq!(route("/style.css", base, site_has), Route::NotFound);
        assert_eq!(
            route("/patients/a", base, site_has),
            Route::Redirect("/patients/a/".into())
        );
        assert_eq!(route("/patientsx/", base, site_has), Route::NotFound);
    }

    #[test]
    fn redirects_are_encoded() {
        let has = |p: &str| p == "café/index.html";
        assert_eq!(
            route("/café", "/", has),
            Route::Redirect("/caf%C3%A9/".into())
        );
    }

    #[test]
    fn content_types_of_clinic_sites() {
        for (path, want) in [
            ("index.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("planner.js", "text/javascript; charset=utf-8"),
            ("data.json", "application/json; charset=utf-8"),
            ("favicon.svg", "image/svg+xml; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("a.png", "image/png"),
            ("a.JPG", "image/jpeg"),
            ("a.jpeg", "image/jpeg"),
            ("a.webp", "image/webp"),
            ("a.gif", "image/gif"),
            ("a.mp4", "video/mp4"),
            ("a.webm", "video/webm"),
            ("a.pdf", "application/pdf"),
            ("a.woff2", "font/woff2"),
            ("a.woff", "font/woff"),
            ("noext", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), want, "{path}");
        }
    }

    #[test]
    fn ranges() {
        assert_eq!(parse_range(None, 10), Range::Whole);
        assert_eq!(parse_range(Some("bytes=0-3"), 10), Range::Part(0, 3));
        assert_eq!(parse_range(Some("bytes=4-"), 10), Range::Part(4, 9));
        assert_eq!(parse_range(Some("bytes=5-100"), 10), Range::Part(5, 9));
        assert_eq!(parse_range(Some("bytes=-3"), 10), Range::Part(7, 9));
        assert_eq!(parse_range(Some("bytes=-30"), 10), Range::Part(0, 9));
        assert_eq!(parse_range(Some("bytes=10-"), 10), Range::Unsatisfiable);
        assert_eq!(parse_range(Some("bytes=-0"), 10), Range::Unsatisfiable);
        assert_eq!(parse_range(Some("bytes=0-1,3-4"), 10), Range::Whole);
        assert_eq!(parse_range(Some("bytes=5-2"), 10), Range::Whole);
        assert_eq!(parse_range(Some("items=0-1"), 10), Range::Whole);
    }
}
