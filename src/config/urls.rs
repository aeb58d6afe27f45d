//! The site's addresses in `site.yaml`: `base_url` (checked, and the path and full
//! addresses made from it) and the clinic's `booking_url`.

use super::SiteConfig;
use crate::yaml;

/// `base_url` when `site.yaml` has none: the site is published at the top of its host.
pub(super) fn default_base_url() -> String {
    "/".into()
}

/// `base_url`, checked while typing so that its problem is reported with the file's others.
pub(super) fn base_url_field<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let checked = yaml::checked_text(d, |s| {
        check_base_url(s).map_err(|m| (format!("is wrong: {m}"), BASE_URL_HINT.to_string()))
    })?;
    Ok(checked.unwrap_or_else(default_base_url))
}

/// `booking_url`, checked while typing (a refused scheme or a backslash).
pub(super) fn booking_url_field<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    yaml::checked_text(d, |s| {
        crate::address::check_url(s)
            .map(|()| s.to_string())
            .map_err(|m| {
                (
                    format!("is refused: {m}"),
                    "use an address starting with https://".to_string(),
                )
            })
    })
}

impl SiteConfig {
    /// The path part of `base_url`, always starting and ending with `/` (e.g. `/patients/`).
    pub fn base_path(&self) -> String {
        let url = &self.base_url;
        let path = match url.find("://") {
            Some(i) => match url[i + 3..].find('/') {
                Some(j) => &url[i + 3 + j..],
                None => "/",
            },
            None => url.as_str(),
        };
        let mut p = path.to_string();
        if !p.ends_with('/') {
            p.push('/');
        }
        p
    }

    /// `base_url` when it is a full address, else `None`.
    pub fn absolute_base(&self) -> Option<&str> {
        self.base_url
            .contains("://")
            .then_some(self.base_url.as_str())
    }

    /// The full address of `path` (an output path relative to the site's base, such as
    /// `conditions/knee/` or `sitemap.xml`; a leading `/` is ignored), with every byte
    /// that may not stand in an address percent-encoded; `None` when `base_url` is only
    /// a path.
    ///
    /// Every feature that needs the site's full address (the sitemap, `robots.txt`'s
    /// `Sitemap:` line, QR codes, `hreflang`, structured data, canonical links) calls
    /// this and leaves itself out on `None`; `sinew check` then says once what to set
    /// (rule `base-url-not-absolute`).
    pub fn absolute_url(&self, path: &str) -> Option<String> {
        let base = self.absolute_base()?;
        Some(format!(
            "{base}{}",
            percent_encode_path(path.trim_start_matches('/'))
        ))
    }
}

/// How to write `base_url`, for every error about it.
pub const BASE_URL_HINT: &str = "write the address where the site is published, such as `base_url: https://clinic.example/patients/`, or only its path, such as `base_url: /` or `base_url: /patients/`";

/// Checks a `base_url` (from `site.yaml` or `--base-url`) and returns it ending with `/`.
///
/// It is a path (`/`, `/patients/`) or a full `http(s)://host/path/` address. Anything
/// that would send the site's own stylesheets, scripts and links to another host or
/// break every link is refused: `//other.host/`, a backslash, `user:pass@`, a query or
/// fragment, spaces or control characters (a newline), and `.`/`..` segments.
pub fn check_base_url(url: &str) -> Result<String, String> {
    let shown = url.escape_debug();
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(format!(
            "`{shown}` contains a space, tab or line break, which an address cannot hold"
        ));
    }
    if url.contains('\\') {
        return Err(format!(
            "`{url}` contains a backslash `\\`: browsers read it as `/`, which can point the site at another host"
        ));
    }
    if url.contains(['?', '#']) {
        return Err(format!(
            "`{url}` has a `?` or `#` part, which would break every link of the site"
        ));
    }
    // Written into every page's attributes and scripts: a quote or `<` could end them.
    if let Some(c) = url
        .chars()
        .find(|c| matches!(c, '"' | '\'' | '<' | '>' | '`' | '{' | '}'))
    {
        return Err(format!(
            "`{url}` contains `{c}`, which a web address cannot hold"
        ));
    }
    let path = if let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    {
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if host.is_empty() {
            return Err(format!("`{url}` has no host name after `://`"));
        }
        if host.contains('@') {
            return Err(format!(
                "`{url}` holds a user name or password (`...@`), which must never be in a web address"
            ));
        }
        let host_ok = host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        if !host_ok {
            return Err(format!(
                "`{url}` has a host name with characters a host cannot have"
            ));
        }
        path
    } else if url.starts_with("//") {
        return Err(format!(
            "`{url}` starts with `//`, which browsers read as another web site's address"
        ));
    } else if url.starts_with('/') {
        url
    } else {
        return Err(format!("`{url}` is not a path or a full address"));
    };
    if path.split('/').any(|seg| seg == ".." || seg == ".") {
        return Err(format!(
            "`{url}` has a `.` or `..` part, which browsers resolve to another folder"
        ));
    }
    if path.contains("//") {
        return Err(format!("`{url}` has an empty folder name (`//`)"));
    }
    let mut out = url.to_string();
    if !out.ends_with('/') {
        out.push('/');
    }
    Ok(out)
}

/// Percent-encodes what may not stand in a URL path (non-ASCII letters, spaces, quotes,
/// ...), keeping `/` and existing `%XX` escapes.
pub fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let bytes = path.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let escape_start = b == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) || escape_start {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::tests::cfg;
    use std::path::Path;

    #[test]
    fn base_urls_that_point_elsewhere_are_refused() {
        for bad in [
            "//other.example/",
            "/\\other.example",
            "\\\\other.example",
            "https://user:pass@clinic.example/",
            "https://clinic.example/?x=1",
            "/patients/#top",
            "/patients/\nx",
            "/a/../b/",
            "https:///x",
            "clinic.example",
            "https://clinic.example/\"><script>/",
            "/p'/",
            "/{{ x }}/",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
        assert_eq!(check_base_url("/patients").unwrap(), "/patients/");
        assert_eq!(
            check_base_url("https://clinic.example:8443/p/").unwrap(),
            "https://clinic.example:8443/p/"
        );
    }

    #[test]
    fn absolute_urls_only_from_a_full_base() {
        assert_eq!(cfg("title: T\n").absolute_url("knee/"), None);
        let c = cfg("title: T\nbase_url: https://c.example/p/\n");
        assert_eq!(
            c.absolute_url("/conditions/ödem knee/").unwrap(),
            "https://c.example/p/conditions/%C3%B6dem%20knee/"
        );
        assert_eq!(
            c.absolute_url("a%20b").unwrap(),
            "https://c.example/p/a%20b"
        );
    }

    #[test]
    fn base_path_from_full_url() {
        let c = cfg("title: T\nbase_url: https://clinic.example/patients\n");
        assert_eq!(c.base_path(), "/patients/");
        assert_eq!(c.absolute_base(), Some("https://clinic.example/patients/"));
        assert_eq!(
            cfg("title: T\nbase_url: https://c.example\n").base_path(),
            "/"
        );
    }

    #[test]
    fn rejects_javascript_booking_url() {
        let e = SiteConfig::parse(
            "title: T\nclinic:\n  booking_url: javascript:alert(1)\n",
            Path::new("site.yaml"),
        )
        .unwrap_err();
        assert_eq!(e[0].line, Some(3));
    }
}
