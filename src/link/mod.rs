//! Addresses and links: the one place that knows where every source is published and
//! checks every address a page will carry.
//!
//! - `map`: the URL map (source -> output path, `@/` resolution, collisions). Every
//!   path the build publishes is registered here, generated ones included.
//! - [`Links::check`]: one call checks an address as written on a page (Markdown link
//!   or image, a YAML field such as a milestone's `link`, or a ladder's `condition`):
//!   refused schemes, `@/` links to files that do not exist or are drafts, and the base
//!   path for site paths. Markdown rendering and the template data both call it.
//! - `anchors`: `#anchor`s checked against the page they point at once every page is
//!   rendered, and which pages link to each target.
//! - [`check_images`]: an exercise's `image` must be a file the site publishes.
//! - [`check_videos`]: an exercise's site `video`, `poster` and `captions` must be files
//!   the site publishes ([`media_path`] says where each is looked for).
//!
//! The syntax rule alone (which schemes are allowed) is the leaf module `address`,
//! which `config` and `content` use while loading, before any URL is known.
//!
//! This module never reads files; it works on loaded `Content`.

mod anchors;
mod map;

pub use anchors::{
    EXERCISE_ANCHORS, LinkRef, PLANNER_ANCHORS, PageLinks, check_anchors, inbound_links, outbound,
};
pub use map::{RESERVED, RESERVED_FOLDERS, Resolved, Target, UrlMap};

use crate::address::check_url;
use crate::content::Content;
use crate::diagnostic::Diagnostic;
use std::collections::BTreeSet;

/// Everything checking an address needs: the URL map and what the build left out.
#[derive(Clone, Copy)]
pub struct Links<'a> {
    /// The URL map.
    pub urls: &'a UrlMap,
    /// Draft pages left out of this build.
    pub drafts: &'a BTreeSet<String>,
    /// Sources that exist but failed to load: links to them are not reported again.
    pub broken: &'a BTreeSet<String>,
    /// The base path, e.g. `/patients/`.
    pub base: &'a str,
}

/// An address that passed [`Links::check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Href {
    /// What to write in the page: `@/` resolved, the base path put in front of site paths.
    pub url: String,
    /// What an `@/` link points at.
    pub target: Option<Resolved>,
}

/// Why an address cannot be used as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// It could run code or embed data (`javascript:`, `data:`, ...): the message.
    Unsafe(String),
    /// An `@/` link to a file that does not exist or is a draft: message and hint.
    Broken(String, String),
    /// An `@/` link to a file that exists but failed to load, which is reported with
    /// that file already.
    TargetBroken,
}

impl Links<'_> {
    /// Checks `written`, an address as a clinic wrote it on the page published at
    /// `on` (its output path, e.g. `conditions/knee/`), and returns what the page
    /// should carry. `on` is where relative addresses will be checked from.
    pub fn check(&self, on: &str, written: &str) -> Result<Href, LinkError> {
        let _ = on;
        check_url(written).map_err(LinkError::Unsafe)?;
        if let Some(link) = written.strip_prefix("@/") {
            return match self.urls.resolve(link, self.drafts) {
                Ok(res) => {
                    let mut url = format!("{}{}", self.base, res.path);
                    if let Some(a) = &res.anchor {
                        url.push('#');
                        url.push_str(a);
                    }
                    Ok(Href {
                        url,
                        target: Some(res),
                    })
                }
                Err(_)
                    if self.broken.contains(
                        link.split('#')
                            .next()
                            .unwrap_or(link)
                            .trim_start_matches('/'),
                    ) =>
                {
                    Err(LinkError::TargetBroken)
                }
                Err((msg, hint)) => Err(LinkError::Broken(msg, hint)),
            };
        }
        let url = if written.starts_with('/') && !written.starts_with("//") {
            format!("{}{}", self.base, &written[1..])
        } else {
            written.to_string()
        };
        Ok(Href { url, target: None })
    }
}

/// Checks that every exercise's `image` names a file the site publishes (from `static/`,
/// the built-in theme or `content/`). Addresses whose syntax is refused are reported by
/// `content` and skipped here.
pub fn check_images(c: &Content, urls: &UrlMap) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for e in c.exercises.values() {
        let Some(img) = &e.data.image else { continue };
        let rel = img.trim_start_matches('/');
        if check_url(img).is_err() || urls.publishes_file(rel) {
            continue;
        }
        out.push(
            Diagnostic::error(
                "missing-image",
                &e.file,
                format!("the image `{img}` does not exist"),
            )
            .at_line(crate::yaml::line_of(&e.text, 1, "image"))
            .hint(format!("put the picture at `static/{rel}` or fix the path")),
        );
    }
    out
}
/// The output path (no leading `/`) of a file an exercise names in `video`, `poster` or
/// `captions`: `/videos/grip.mp4` is a path of the site (from `static/` or `content/`),
/// and a bare name such as `grip.mp4` or `clips/grip.mp4` is next to the exercise file
/// (`content/exercises/`). `None` when `..` climbs out of the site.
pub fn media_path(written: &str) -> Option<String> {
    let joined = match written.strip_prefix('/') {
        Some(site) => site.to_string(),
        None => format!("{}/{written}", crate::content::EXERCISES_DIR),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// A site video an exercise names, found among the files the site publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteVideo {
    /// The exercise's id.
    pub exercise: String,
    /// The video's output path (no leading `/`).
    pub path: String,
    /// The file it is copied from, relative to the site root (`static/videos/a.mp4`), or
    /// `None` for a file of the built-in theme.
    pub source: Option<std::path::PathBuf>,
}

/// Checks that every exercise's site `video`, `poster` and `captions` is a file the site
/// publishes (web addresses are not fetched: the build works offline). Returns the
/// problems and the site videos found, for the checks on their size and format.
pub fn check_videos(c: &Content, urls: &UrlMap) -> (Vec<Diagnostic>, Vec<SiteVideo>) {
    use crate::address::{VideoAddress, classify_video};
    let mut out = Vec::new();
    let mut videos = Vec::new();
    for e in c.exercises.values() {
        let d = &e.data;
        for (field, value) in [
            ("video", &d.video),
            ("poster", &d.poster),
            ("captions", &d.captions),
        ] {
            let Some(v) = value else { continue };
            // Refused schemes and misplaced fields are reported by `content`.
            if check_url(v).is_err() || classify_video(v) != VideoAddress::SiteFile {
                continue;
            }
            if v.contains(':') && !v.starts_with('/') {
                continue;
            }
            let line = crate::yaml::key_line(&e.text, 1, field);
            let Some(rel) = media_path(v).filter(|r| urls.publishes_file(r)) else {
                let hint = if v.starts_with('/') {
                    format!(
                        "put the file at `static{}` or fix the path; a file next to the \
                         exercise is written without the `/`, e.g. `{field}: {}`",
                        v,
                        v.rsplit('/').next().unwrap_or(v)
                    )
                } else {
                    format!(
                        "put the file next to the exercise file, at `content/exercises/{v}`, \
                         or write a path of the site such as `/videos/{v}` for a file in \
                         `static/videos/`"
                    )
                };
                out.push(
                    Diagnostic::error(
                        "missing-video",
                        &e.file,
                        format!("the {field} file `{v}` does not exist"),
                    )
                    .at_line(line)
                    .hint(hint),
                );
                continue;
            };
            if field == "video" {
                videos.push(SiteVideo {
                    exercise: e.id.clone(),
                    source: urls.source_of(&rel),
                    path: rel,
                });
            }
        }
    }
    (out, videos)
}

#[cfg(test)]
mod tests {
    use super::media_path;

    #[test]
    fn media_is_a_site_path_or_next_to_the_exercise() {
        assert_eq!(media_path("/videos/a.mp4").as_deref(), Some("videos/a.mp4"));
        assert_eq!(media_path("a.mp4").as_deref(), Some("exercises/a.mp4"));
        assert_eq!(
            media_path("./clips/a.vtt").as_deref(),
            Some("exercises/clips/a.vtt")
        );
        assert_eq!(
            media_path("../videos/a.mp4").as_deref(),
            Some("videos/a.mp4")
        );
        assert_eq!(media_path("../../a.mp4"), None);
        assert_eq!(media_path("/"), None);
    }
}
