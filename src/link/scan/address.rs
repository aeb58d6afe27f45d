//! One address as a page carries it: a scheme or `..` segment recognised, joined to
//! the page's folder; the site paths in a JSON island. (Character references are
//! decoded by `crate::address::decode_references`, the one decoder.)

/// The addresses in a JSON island: string values of keys named like an address (`url`,
/// `link`, `href`, `src`, `video`, `image`, `poster`, `captions`, or ending in `_url`)
/// that are site paths (`/...`, not `//...`), as (key, address) with `\/` unescaped.
pub(super) fn json_addresses(json: &str) -> Vec<(String, String)> {
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
pub(super) fn has_dot_segment(path: &str) -> bool {
    let b = path.as_bytes();
    b.ends_with(b"/.") || memchr::memchr_iter(b'.', b).any(|i| b.get(i + 1) == Some(&b'/'))
}

/// Whether `v` starts with a scheme (`https:`, `mailto:`, `tel:`).
pub(super) fn has_scheme(v: &str) -> bool {
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
pub(in crate::link) fn join(dir: &str, rel: &str) -> Option<String> {
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
