//! The syntax of a single address as a clinic writes it (in Markdown, a YAML field or
//! `site.yaml`): which schemes are allowed. A leaf module: it imports nothing from the
//! crate. What an address points at inside the site is `link`'s job.

/// Rejects addresses that could run code or embed data (`javascript:`, `data:`, ...).
/// Accepts `http(s)://`, `mailto:`, `tel:`, site paths and relative paths.
pub fn check_url(url: &str) -> Result<(), String> {
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
    /// when the patient presses play).
    pub fn embed_url(self, id: &str) -> String {
        match self {
            VideoHost::YouTube => {
                format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1&rel=0")
            }
            VideoHost::Vimeo => format!("https://player.vimeo.com/video/{id}?autoplay=1&dnt=1"),
        }
    }
}

/// What a `video:` field names: a YouTube or Vimeo video (host and video id), another
/// web address, or a file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VideoAddress {
    /// A video on YouTube or Vimeo: its host and id.
    Hosted(VideoHost, String),
    /// Another web address: shown as a plain link.
    Web,
    /// A path: a video file of the site.
    SiteFile,
}

/// Sorts a `video:` address (whose scheme [`check_url`] accepted) by what the page does
/// with it. Recognises `youtube.com/watch?v=ID`, `youtu.be/ID`, `youtube.com/shorts/ID`,
/// `youtube.com/embed/ID`, `youtube-nocookie.com/embed/ID`, `vimeo.com/ID` and
/// `player.vimeo.com/video/ID`, over `https://` only (an `http://` address stays a link).
pub fn classify_video(url: &str) -> VideoAddress {
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
            Some(("embed" | "shorts" | "live", id)) => youtube_id(id.trim_end_matches('/')),
            _ => None,
        }
        .map(|id| (VideoHost::YouTube, id)),
        "youtu.be" => youtube_id(path.trim_end_matches('/')).map(|id| (VideoHost::YouTube, id)),
        "vimeo.com" | "player.vimeo.com" => {
            let id = path
                .trim_start_matches("video/")
                .trim_end_matches('/')
                .to_string();
            (!id.is_empty() && id.len() <= 20 && id.chars().all(|c| c.is_ascii_digit()))
                .then_some((VideoHost::Vimeo, id))
        }
        _ => None,
    };
    match id {
        Some((h, id)) => VideoAddress::Hosted(h, id),
        None => VideoAddress::Web,
    }
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
        assert_eq!(classify_video("http://youtu.be/dQw4w9WgXcQ"), Web);
        assert_eq!(classify_video("https://example.org/videos/lunge"), Web);
        assert_eq!(classify_video("/videos/grip.mp4"), SiteFile);
        assert_eq!(classify_video("grip.mp4"), SiteFile);
        assert_eq!(
            VideoHost::Vimeo.embed_url("1"),
            "https://player.vimeo.com/video/1?autoplay=1&dnt=1"
        );
    }
}
