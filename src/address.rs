//! The syntax of a single address as a clinic writes it (in Markdown, a YAML field or
//! `site.yaml`): which schemes are allowed. A leaf module: it imports nothing from the
//! crate. What an address points at inside the site is `link`'s job.

use std::borrow::Cow;

/// Rejects addresses that could run code or embed data (`javascript:`, `data:`, ...).
/// Accepts `http(s)://`, `mailto:`, `tel:`, site paths and relative paths.
///
/// The scheme is read as a browser reads it ([`as_browser_reads`]): character references
/// decoded (`&#106;avascript:` is `javascript:` in an HTML attribute) and the tabs and
/// line breaks a browser ignores inside an address left out (`java&#x09;script:`), so
/// such an address is refused as what it is rather than taken for a path.
///
/// A backslash is refused anywhere (browsers read `/\\other.host` and `\\\\other.host` as
/// another web site, and a Windows path such as `images\\knee.png` works on no web
/// server), and so is a control character (a line break inside an address).
pub fn check_url(url: &str) -> Result<(), String> {
    // Word and Outlook turn typed quotes into curly ones: `(“@/contact.md”)` looks like
    // an address in quotes, and is a broken one (or, with `https:`, an unknown scheme).
    const CURLY: [char; 8] = ['“', '”', '„', '‘', '’', '‚', '«', '»'];
    if url.starts_with(CURLY) || url.ends_with(CURLY) {
        return Err(format!(
            "`{url}` is in curly quotes (“ ” or ‘ ’, as Word types them), which are not part of an address: remove them and write `{}`",
            url.trim_matches(CURLY)
        ));
    }
    let read = as_browser_reads(url);
    if refused_scheme(&read) {
        return Err(if read == url {
            format!(
                "`{url}` is not allowed: only http(s), mailto and tel addresses or site paths are"
            )
        } else {
            format!(
                "`{}` is not allowed: a browser reads it as `{}`, and only http(s), mailto and tel addresses or site paths are",
                url.escape_debug(),
                read.escape_debug()
            )
        });
    }
    if url.contains('\\') {
        return Err(format!(
            "`{url}` contains a backslash `\\`: web addresses use `/`, and browsers read `\\` as `/`, which can point at another web site"
        ));
    }
    // Nearly every address is ASCII: its bytes are read without decoding characters
    // (for ASCII, `char::is_control` is `u8::is_ascii_control`).
    let control = if url.is_ascii() {
        url.bytes().any(|b| b.is_ascii_control())
    } else {
        url.chars().any(char::is_control)
    };
    if control {
        return Err(format!(
            "`{}` contains a line break or another control character",
            url.escape_debug()
        ));
    }
    Ok(())
}

/// Whether `read` (an address as [`as_browser_reads`] gives it) starts with a scheme a
/// clinic's page may not carry; false for `http(s)`, `mailto`, `tel` and no scheme.
pub fn refused_scheme(read: &str) -> bool {
    let Some(colon) = memchr::memchr(b':', read.as_bytes()) else {
        return false;
    };
    let scheme = &read[..colon];
    if scheme.contains(['/', '?', '#']) {
        // The `:` is in a path, a query or an anchor: no scheme.
        return false;
    }
    // White space is left out, as a browser does (`java script:`).
    let allowed = |s: &str| {
        ["http", "https", "mailto", "tel"]
            .iter()
            .any(|a| s.eq_ignore_ascii_case(a))
    };
    if allowed(scheme) {
        return false;
    }
    if scheme.chars().any(char::is_whitespace) {
        let squeezed: String = scheme.chars().filter(|c| !c.is_whitespace()).collect();
        return !allowed(&squeezed);
    }
    true
}

/// An address as a browser reads it from an HTML attribute: character references decoded
/// ([`decode_references`]), every tab and line break left out (a browser ignores them
/// anywhere in an address) and control characters and spaces at either end trimmed.
/// The address itself (no copy) when none of that changes it: nearly always.
pub fn as_browser_reads(url: &str) -> Cow<'_, str> {
    let b = url.as_bytes();
    let plain = memchr::memchr(b'&', b).is_none()
        && !b.iter().any(|&c| c < 0x20)
        && b.first().is_none_or(|&c| c != b' ')
        && b.last().is_none_or(|&c| c != b' ');
    if plain {
        return Cow::Borrowed(url);
    }
    let decoded = decode_references(url);
    let kept: String = decoded
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let trimmed = kept.trim_matches(|c: char| c <= ' ');
    Cow::Owned(trimmed.to_string())
}

/// The HTML character references in `v` decoded as a browser decodes them in an
/// attribute: numeric ones (`&#106;`, `&#x6A;`, `&#X6a`, with any number of leading
/// zeros, with or without the closing `;`) and the named ones that can matter in an
/// address (`&amp;`, `&quot;`, `&apos;`, `&lt;`, `&gt;`, `&colon;`, `&Tab;`,
/// `&NewLine;`, `&sol;`, `&num;`, `&quest;`, `&period;`, `&lpar;`, `&rpar;`,
/// `&nbsp;`, `&excl;`); anything else is kept as written. `v` itself when it has no `&`.
pub fn decode_references(v: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', v.as_bytes()).is_none() {
        return Cow::Borrowed(v);
    }
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(i) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        match reference(rest) {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference after an `&` stands for, and how many bytes of `s` it takes.
fn reference(s: &str) -> Option<(char, usize)> {
    if let Some(num) = s.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(h) => (h, 16, 2),
            None => (num, 10, 1),
        };
        let len = digits
            .bytes()
            .take_while(|b| (*b as char).is_digit(radix))
            .count();
        if len == 0 {
            return None;
        }
        let value = digits[..len]
            .trim_start_matches('0')
            .chars()
            .try_fold(0u32, |n, d| {
                n.checked_mul(radix)?.checked_add(d.to_digit(radix)?)
            });
        // Zero, a surrogate or a number out of range: U+FFFD, as a browser reads it.
        let c = value.and_then(char::from_u32).filter(|c| *c != '\0');
        let used = skip + len + usize::from(digits[len..].starts_with(';'));
        return Some((c.unwrap_or('\u{fffd}'), used));
    }
    const NAMED: [(&str, char); 16] = [
        ("amp", '&'),
        ("quot", '"'),
        ("apos", '\''),
        ("lt", '<'),
        ("gt", '>'),
        ("colon", ':'),
        ("Tab", '\t'),
        ("NewLine", '\n'),
        ("sol", '/'),
        ("num", '#'),
        ("quest", '?'),
        ("period", '.'),
        ("lpar", '('),
        ("rpar", ')'),
        ("nbsp", '\u{a0}'),
        ("excl", '!'),
    ];
    let end = s.find(';').filter(|e| *e <= 8)?;
    let name = &s[..end];
    NAMED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| (*c, end + 1))
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

/// A video host whose player sinew embeds behind a click-to-load facade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VideoHost {
    /// YouTube, embedded from its privacy-enhanced address (youtube-nocookie.com).
    YouTube,
    /// Vimeo, embedded with "do not track" (`dnt=1`).
    Vimeo,
}

impl VideoHost {
    /// The host's name as patients know it.
    pub fn name(self) -> &'static str {
        match self {
            VideoHost::YouTube => "YouTube",
            VideoHost::Vimeo => "Vimeo",
        }
    }

    /// The one origin a page embedding this host's player lets frames come from.
    pub fn frame_origin(self) -> &'static str {
        match self {
            VideoHost::YouTube => "https://www.youtube-nocookie.com",
            VideoHost::Vimeo => "https://player.vimeo.com",
        }
    }

    /// The player's address for the video `id`, starting as it loads (it only loads
    /// when the patient presses play). A Vimeo `id` may carry an unlisted video's key
    /// (`76979871?h=1a2b3c`), which the player needs to show it.
    pub fn embed_url(self, id: &str) -> String {
        match self {
            VideoHost::YouTube => {
                format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1&rel=0")
            }
            VideoHost::Vimeo => {
                let join = if id.contains('?') { '&' } else { '?' };
                format!("https://player.vimeo.com/video/{id}{join}autoplay=1&dnt=1")
            }
        }
    }
}

/// What a `video:` field names: a YouTube or Vimeo video (host and video id), another
/// web address, or a file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VideoAddress {
    /// A video on YouTube or Vimeo: its host and id (an unlisted Vimeo video's id with
    /// its key, `76979871?h=1a2b3c`, as [`VideoHost::embed_url`] takes it).
    Hosted(VideoHost, String),
    /// Another web address: shown as a plain link.
    Web,
    /// A path: a video file of the site.
    SiteFile,
}

/// Sorts a `video:` address (whose scheme [`check_url`] accepted) by what the page does
/// with it. Recognises `youtube.com/watch?v=ID`, `youtu.be/ID`, `youtube.com/shorts/ID`,
/// `youtube.com/embed/ID` (and `/live/ID`, `/v/ID`), `youtube-nocookie.com/embed/ID`,
/// `vimeo.com/ID`, an unlisted video's `vimeo.com/ID/KEY`, `player.vimeo.com/video/ID`
/// (with `?h=KEY`), and a Vimeo video shown in a channel, group, showcase or the owner's
/// video list (`vimeo.com/channels/NAME/ID`, `vimeo.com/manage/videos/ID`, ...), over
/// `https://` only (an `http://` address stays a link).
///
/// The address is read as a browser reads it in the page's attribute
/// ([`as_browser_reads`], the decoder the link check uses): `&#x68;ttps://...` is a web
/// address, not a site file of that name.
pub fn classify_video(url: &str) -> VideoAddress {
    let url = as_browser_reads(url);
    let url = url.as_ref();
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return VideoAddress::SiteFile;
    }
    let Some(rest) = url.strip_prefix("https://") else {
        return VideoAddress::Web;
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let host = host.strip_prefix("m.").unwrap_or(host);
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let path = path.split('#').next().unwrap_or("");
    let query = query.split('#').next().unwrap_or("");
    let youtube_id = |id: &str| {
        (id.len() == 11
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .then(|| id.to_string())
    };
    let id = match host {
        "youtube.com" | "youtube-nocookie.com" => match path.split_once('/') {
            None if path == "watch" => query
                .split('&')
                .find_map(|kv| kv.strip_prefix("v="))
                .and_then(youtube_id),
            Some(("embed" | "shorts" | "live" | "v", id)) => youtube_id(id.trim_end_matches('/')),
            _ => None,
        }
        .map(|id| (VideoHost::YouTube, id)),
        "youtu.be" => youtube_id(path.trim_end_matches('/')).map(|id| (VideoHost::YouTube, id)),
        "vimeo.com" | "player.vimeo.com" => {
            vimeo_key(host, path, query).map(|k| (VideoHost::Vimeo, k))
        }
        _ => None,
    };
    match id {
        Some((h, id)) => VideoAddress::Hosted(h, id),
        None => VideoAddress::Web,
    }
}

/// The player id of a Vimeo address (`host` without `www.`, its path and query), with
/// an unlisted video's key: `76979871` or `76979871?h=1a2b3c`. Only digits make an id and
/// only ASCII letters and digits a key, so neither can break out of the player's address.
fn vimeo_key(host: &str, path: &str, query: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let (id, key) = match (host, parts.as_slice()) {
        ("player.vimeo.com", ["video", id]) => (*id, None),
        ("vimeo.com", [id]) => (*id, None),
        ("vimeo.com", [id, key]) if id.bytes().all(|b| b.is_ascii_digit()) => (*id, Some(*key)),
        ("vimeo.com", ["channels", _, id])
        | ("vimeo.com", ["groups", _, "videos", id])
        | ("vimeo.com", ["showcase" | "album", _, "video", id])
        | ("vimeo.com", ["manage", "videos", id]) => (*id, None),
        ("vimeo.com", ["manage", "videos", id, key]) => (*id, Some(*key)),
        _ => return None,
    };
    let key = key.or_else(|| query.split('&').find_map(|kv| kv.strip_prefix("h=")));
    let id_ok = !id.is_empty() && id.len() <= 20 && id.bytes().all(|b| b.is_ascii_digit());
    let key_ok = key.is_none_or(|k| {
        !k.is_empty() && k.len() <= 40 && k.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    (id_ok && key_ok).then(|| match key {
        Some(k) => format!("{id}?h={k}"),
        None => id.to_string(),
    })
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
        // The same answers with a character outside ASCII in the address, which takes
        // the path that decodes characters.
        assert!(check_url("java script:alert(1)").is_err());
        assert!(check_url("java\u{a0}script:alert(1)é").is_err());
        assert!(check_url("/a\u{85}b/é").is_err());
        assert!(check_url("/images/knee é.png").is_ok());
        assert!(check_url("/images/knee é:x.png").is_ok());
        assert!(check_url("HTTPS://x.example/é").is_ok());
    }

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        for hidden in [
            "&#106;avascript:alert(1)",
            "&#x6A;avascript:alert(1)",
            "&#X6a;avascript:alert(1)",
            "&#0000106avascript:alert(1)",
            "java&#x09;script:alert(1)",
            "java&Tab;script:alert(1)",
            "javascript&colon;alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "&#100;ata:text/html,x",
        ] {
            let e = check_url(hidden).unwrap_err();
            assert!(e.contains("is not allowed"), "{hidden}: {e}");
        }
        let e = check_url("&#106;avascript:alert(1)").unwrap_err();
        assert!(
            e.contains("a browser reads it as `javascript:alert(1)`"),
            "{e}"
        );
        // References that make an allowed address, or none, change nothing.
        assert!(check_url("https://x.example/?a=1&amp;b=2").is_ok());
        assert!(check_url("/guides/a&b.png").is_ok());
        assert!(check_url("/a&#58;b").is_ok());
        assert_eq!(as_browser_reads("/plain/"), "/plain/");
        assert!(matches!(as_browser_reads("/plain/"), Cow::Borrowed(_)));
        assert_eq!(
            decode_references("a&amp;b&#x2F;c&#47;d&bogus&#;"),
            "a&b/c/d&bogus&#;"
        );
        assert_eq!(
            decode_references("&#0;&#xD800;&#99999999999;"),
            "\u{fffd}\u{fffd}\u{fffd}"
        );
    }

    #[test]
    fn videos() {
        use VideoAddress::*;
        use VideoHost::*;
        let yt = |id: &str| Hosted(YouTube, id.to_string());
        assert_eq!(
            classify_video("https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
            yt("dQw4w9WgXcQ")
        );
        assert_eq!(
            classify_video("https://youtube.com/watch?feature=x&v=dQw4w9WgXcQ#t=3"),
            yt("dQw4w9WgXcQ")
        );
        assert_eq!(
            classify_video("https://youtu.be/dQw4w9WgXcQ"),
            yt("dQw4w9WgXcQ")
        );
        assert_eq!(
            classify_video("https://m.youtube.com/shorts/dQw4w9WgXcQ"),
            yt("dQw4w9WgXcQ")
        );
        assert_eq!(
            classify_video("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
            yt("dQw4w9WgXcQ")
        );
        assert_eq!(
            classify_video("https://vimeo.com/76979871"),
            Hosted(Vimeo, "76979871".into())
        );
        assert_eq!(
            classify_video("https://player.vimeo.com/video/76979871"),
            Hosted(Vimeo, "76979871".into())
        );
        // An id that could break out of the player's address stays a plain link.
        assert_eq!(classify_video("https://youtu.be/a\"><script>"), Web);
        assert_eq!(classify_video("https://vimeo.com/channels/staffpicks"), Web);
        // Every form of a Vimeo address a clinic copies: the share link of an unlisted
        // video (its key is what lets the player show it), the embed code's address,
        // and a video seen in a channel, group, showcase or the owner's list.
        let vimeo = |id: &str| Hosted(Vimeo, id.to_string());
        for (url, id) in [
            (
                "https://vimeo.com/76979871/1a2b3c4d5e",
                "76979871?h=1a2b3c4d5e",
            ),
            (
                "https://vimeo.com/76979871/1a2b3c4d5e?share=copy",
                "76979871?h=1a2b3c4d5e",
            ),
            (
                "https://player.vimeo.com/video/76979871?h=1a2b3c4d5e&badge=0",
                "76979871?h=1a2b3c4d5e",
            ),
            ("https://vimeo.com/76979871?share=copy", "76979871"),
            ("https://vimeo.com/channels/staffpicks/76979871", "76979871"),
            (
                "https://vimeo.com/groups/physio/videos/76979871",
                "76979871",
            ),
            (
                "https://vimeo.com/showcase/1234567/video/76979871",
                "76979871",
            ),
            ("https://vimeo.com/manage/videos/76979871", "76979871"),
            (
                "https://vimeo.com/manage/videos/76979871/1a2b3c4d5e",
                "76979871?h=1a2b3c4d5e",
            ),
        ] {
            assert_eq!(classify_video(url), vimeo(id), "{url}");
        }
        for url in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PL1&index=2",
            "https://youtu.be/dQw4w9WgXcQ?si=AbC123xyz",
            "https://youtu.be/dQw4w9WgXcQ?t=42",
            "https://www.youtube.com/live/dQw4w9WgXcQ?si=x",
            "https://youtube.com/shorts/dQw4w9WgXcQ?feature=share",
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube.com/embed/dQw4w9WgXcQ?start=10",
            "https://WWW.YouTube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube.com/v/dQw4w9WgXcQ",
        ] {
            assert_eq!(classify_video(url), yt("dQw4w9WgXcQ"), "{url}");
        }
        // A key that could break out of the player's address leaves a plain link.
        assert_eq!(classify_video("https://vimeo.com/76979871/a\"b"), Web);
        assert_eq!(classify_video("https://vimeo.com/76979871/a&b=1"), Web);
        assert_eq!(classify_video("https://vimeo.com/user123/videos"), Web);
        assert_eq!(
            VideoHost::Vimeo.embed_url("1?h=ab"),
            "https://player.vimeo.com/video/1?h=ab&autoplay=1&dnt=1"
        );
        assert_eq!(classify_video("http://youtu.be/dQw4w9WgXcQ"), Web);
        assert_eq!(classify_video("https://example.org/videos/lunge"), Web);
        // Character references are read as a browser reads them in an attribute: an
        // `https` address written with them is a web address, never a site file.
        assert_eq!(
            classify_video("&#x68;ttps://youtu.be/dQw4w9WgXcQ"),
            yt("dQw4w9WgXcQ")
        );
        assert_eq!(classify_video("&#104;ttps&colon;//example.org/v"), Web);
        assert_eq!(classify_video("http&#x3A;//example.org/v"), Web);
        assert_eq!(classify_video("grip&amp;squeeze.mp4"), SiteFile);
        assert_eq!(classify_video("/videos/grip.mp4"), SiteFile);
        assert_eq!(classify_video("grip.mp4"), SiteFile);
        assert_eq!(
            VideoHost::Vimeo.embed_url("1"),
            "https://player.vimeo.com/video/1?autoplay=1&dnt=1"
        );
    }
}
