//! The syntax of a single address as a clinic writes it (in Markdown, a YAML field or
//! `site.yaml`): which schemes are allowed. A leaf module: it imports nothing from the
//! crate. What an address points at inside the site is `link`'s job.

/// Rejects addresses that could run code or embed data (`javascript:`, `data:`, ...).
/// Accepts `http(s)://`, `mailto:`, `tel:`, site paths and relative paths.
///
/// A backslash is refused anywhere (browsers read `/\\other.host` and `\\\\other.host` as
/// another web site, and a Windows path such as `images\\knee.png` works on no web
/// server), and so is a control character (a line break inside an address).
pub fn check_url(url: &str) -> Result<(), String> {
    if url.contains('\\') {
        return Err(format!(
            "`{url}` contains a backslash `\\`: web addresses use `/`, and browsers read `\\` as `/`, which can point at another web site"
        ));
    }
    if url.chars().any(char::is_control) {
        return Err(format!(
            "`{}` contains a line break or another control character",
            url.escape_debug()
        ));
    }
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let lower = cleaned.to_ascii_lowercase();
    if let Some(colon) = lower.find(':') {
        let scheme = &lower[..colon];
        let before_path = !scheme.contains(['/', '?', '#']);
        if before_path && !matches!(scheme, "http" | "https" | "mailto" | "tel") {
            return Err(format!(
                "`{url}` is not allowed: only http(s), mailto and tel addresses or site paths are"
            ));
        }
    }
    Ok(())
}

/// Decodes `%XX` escapes (`my%20photo.jpg` -> `my photo.jpg`); anything else, and an
/// escape that does not make UTF-8, is kept as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|b| hex(*b)),
                bytes.get(i + 2).and_then(|b| hex(*b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(check_url("https://x.example/a").is_ok());
        assert!(check_url("/images/a.png").is_ok());
        assert!(check_url("images/a:b.png").is_ok());
        assert!(check_url("tel:+441234").is_ok());
        assert!(check_url("javascript:alert(1)").is_err());
        assert!(check_url(" JavaScript:alert(1)").is_err());
        assert!(check_url("java\tscript:alert(1)").is_err());
        assert!(check_url("data:text/html,<b>").is_err());
        assert!(check_url("vbscript:x").is_err());
        assert!(check_url("/\\other.example").is_err());
        assert!(check_url("\\\\other.example").is_err());
        assert!(check_url("/a\nb").is_err());
    }
}
