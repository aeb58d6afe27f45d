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
//! - [`exercise_media`]: an exercise's `image`, `video`, `poster` and `captions` must be
//!   files the site publishes (beside the exercise file, or in `static/`) or, for a
//!   video, a web address; each goes through [`Links::check`] like any other address.
//! - [`check_videos`]: the site videos found, for the checks on their size and format
//!   ([`media_path`] says where each is looked for).
//!
//! The syntax rule alone (which schemes are allowed) is the leaf module `address`,
//! which `config` and `content` use while loading, before any URL is known.
//!
//! This module never reads files; it works on loaded `Content`.

mod anchors;
mod map;
pub mod scan;

pub use anchors::{
    EXERCISE_ANCHORS, LinkRef, PLANNER_ANCHORS, PageLinks, check_anchors, inbound_links, outbound,
};
pub use map::{EscapedName, RESERVED, RESERVED_FOLDERS, Resolved, Target, UrlMap, escaped_name};

use crate::address::check_url;
use crate::content::Content;
use crate::diagnostic::Diagnostic;
use std::collections::{BTreeMap, BTreeSet};

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
    /// Checks `written`, an address as a clinic wrote it in a file in the folder `dir`
    /// under `content/` (`guides` for `content/guides/knee.md`, `exercises` for an
    /// exercise), and returns what the page should carry.
    ///
    /// - `@/file` names a source under `content/`.
    /// - `/path` is a path of the published site (a page, a file from `static/` or
    ///   `content/`, a generated file), checked against what the build publishes; the
    ///   base path is put in front.
    /// - `path` (no `/` in front) starts from `dir`, the folder of the file it is
    ///   written in, as a text editor's preview reads it: a picture beside the page, or
    ///   another page's `.md` file. It is rewritten to the address where that is published.
    /// - `#anchor` is left as it is (the caller checks it against its own page).
    /// - Addresses with a scheme (`https:`, `mailto:`, `tel:`) and `//host/...` are other
    ///   sites; `javascript:`, `data:` and the like are refused.
    pub fn check(&self, dir: &str, written: &str) -> Result<Href, LinkError> {
        check_url(written).map_err(LinkError::Unsafe)?;
        if let Some(link) = written.strip_prefix("@/") {
            return self.source_link(link);
        }
        if written.is_empty() || written.starts_with('#') || is_external(written) {
            return Ok(Href {
                url: written.to_string(),
                target: None,
            });
        }
        // Split `path?query#anchor`.
        let (rest, anchor) = match written.split_once('#') {
            Some((r, a)) => (r, Some(a)),
            None => (written, None),
        };
        let (path, query) = match rest.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (rest, None),
        };
        let decoded = crate::address::percent_decode(path);
        let (site_path, relative) = match decoded.strip_prefix('/') {
            Some(p) => (Some(p.to_string()), false),
            None => (scan::join(dir, &decoded), true),
        };
        let Some(site_path) = site_path else {
            return Err(LinkError::Broken(
                format!("the address `{written}` goes up out of the `content` folder"),
                "addresses without a `/` in front start from the folder of the file they are written in; use `@/...` for a page or `/...` for a file in `static/`".into(),
            ));
        };
        // A relative address may name another page's source file (`pacing.md`).
        if relative && let Some((target, out)) = self.urls.source_target(&site_path) {
            return Ok(self.href(out, target, query, anchor.map(str::to_string)));
        }
        if relative
            && self
                .broken
                .contains(site_path.split('#').next().unwrap_or(&site_path))
        {
            return Err(LinkError::TargetBroken);
        }
        match self.urls.lookup_path(&site_path) {
            Some((out, target)) => Ok(self.href(out, target, query, anchor.map(str::to_string))),
            None => Err(self.nothing_there(written, &site_path, relative)),
        }
    }

    /// An `@/` link.
    fn source_link(&self, link: &str) -> Result<Href, LinkError> {
        match self.urls.resolve(link, self.drafts) {
            Ok(res) => {
                // Joined by `concat`, as `href` does.
                let mut url = [self.base, &crate::config::percent_encode_path(&res.path)].concat();
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
            Err((msg, hint)) => {
                let hint = if link.contains(' ') && !link.contains("%20") {
                    format!(
                        "{hint}; a file name with spaces works when the address is in angle brackets, e.g. `[text](<@/Tennis Elbow.md>)`, but a name without spaces (`tennis-elbow.md`) is simpler"
                    )
                } else {
                    hint
                };
                Err(LinkError::Broken(msg, hint))
            }
        }
    }

    /// What a page carries for a published `out` path.
    fn href(
        &self,
        out: String,
        target: Target,
        query: Option<&str>,
        anchor: Option<String>,
    ) -> Href {
        // `concat`, not `format!`, whose machinery cost 600 instructions a call here
        // (bench/RESULTS.md, twelfth pass).
        let mut url = [self.base, &crate::config::percent_encode_path(&out)].concat();
        if let Some(q) = query {
            url.push('?');
            url.push_str(q);
        }
        if let Some(a) = &anchor {
            url.push('#');
            url.push_str(a);
        }
        Href {
            url,
            target: Some(Resolved {
                target,
                path: out,
                anchor,
            }),
        }
    }

    /// The error for an address that points at nothing the build publishes.
    fn nothing_there(&self, written: &str, site_path: &str, relative: bool) -> LinkError {
        if self.drafts.contains(site_path) {
            // A file in a folder whose pages are all drafts (`content::load`).
            return LinkError::Broken(
                format!(
                    "the address `{written}` points at `content/{site_path}`, which is not published: every page in its folder is a draft (`draft: true`)"
                ),
                "publish a page of that folder (delete its `draft: true` line), or move the file out of the folder (for a shortcut, a symbolic link, out of the folder it leads to)".to_string(),
            );
        }
        let similar = self
            .urls
            .similar_path(site_path)
            .map(|s| format!("did you mean `{}{s}`?", self.base));
        if relative {
            // Written as if it started from the page's address, or as a `static/` path
            // without its `/`: say how to write it.
            let from_root = self
                .urls
                .lookup_path(written.trim_start_matches("./"))
                .map(|(p, _)| format!("`{}{p}` exists: a file in `static/` (or anywhere in the site) is written with a `/` in front, as `/{p}`", self.base));
            let hint = from_root.or(similar).unwrap_or_else(|| {
                format!("put the file at `content/{site_path}` (beside the page), or write an address the site publishes")
            });
            return LinkError::Broken(
                format!(
                    "the address `{written}` points at `content/{site_path}`, which does not exist (an address without a `/` in front starts from the folder of the file it is written in)"
                ),
                hint,
            );
        }
        let hint = similar.unwrap_or_else(|| {
            if site_path.split('/').any(|part| part == ".." || part == ".") {
                // `static/../x` would be no place in the site to put a file.
                "a `/` in front starts from the top of the site, above which there is nothing: write the address from the top of the site, without `..` (e.g. `/images/room.png` for `static/images/room.png`)".to_string()
            } else if site_path.is_empty() || site_path.ends_with('/') {
                "no page has this address: link to a page by its file, with `@/...` (e.g. `@/pacing.md`)".to_string()
            } else {
                format!("put the file at `static/{site_path}` (published at `/{site_path}`), or fix the address")
            }
        });
        LinkError::Broken(
            format!("the address `{written}` points at nothing the site publishes"),
            hint,
        )
    }
}

/// Whether an address leaves the site: a scheme (`https:`, `mailto:`) or `//host`.
fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    match url.find(':') {
        Some(colon) => !url[..colon].contains(['/', '?', '#']),
        None => false,
    }
}

/// The "did you mean" of a lookup's hint (`did you mean `/images/Knee.png`?`), for an
/// exercise's media file written as `written`. When the two differ only in capitals, it
/// names the file as `written` would (`images/Knee.png` for `images/knee.png`) and says
/// that capitals count. `None` when the hint suggests nothing.
fn similar_file(hint: &str, written: &str) -> Option<String> {
    let rest = hint.strip_prefix("did you mean `")?;
    let (path, _) = rest.split_once("`?")?;
    let tail = path.len().checked_sub(written.len()).map(|i| &path[i..]);
    match tail.filter(|t| path.is_char_boundary(path.len() - t.len())) {
        Some(tail) if tail != written && tail.to_lowercase() == written.to_lowercase() => {
            Some(format!(
                "did you mean `{tail}`? The name must match the file's name exactly, capital letters too (the web server that publishes the site tells them apart)."
            ))
        }
        _ => Some(format!("did you mean `{path}`?")),
    }
}

/// The addresses an exercise's page carries for its `image`, `video`, `poster` and
/// `captions` (a site video's own address; a web video is not rewritten and not here).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Media {
    /// The picture's address, if any.
    pub image: Option<String>,
    /// The address of the video file of the site, if any.
    pub video: Option<String>,
    /// The poster picture's address, if any.
    pub poster: Option<String>,
    /// The captions file's address, if any.
    pub captions: Option<String>,
}

/// Checks every exercise's `image`, `video`, `poster` and `captions` against what the
/// site publishes and returns the addresses their pages carry, by exercise id.
///
/// Each goes through [`Links::check`], the one set of address rules: a file name or path
/// without `/` in front starts from `content/exercises/` (a file beside the exercise
/// file); if nothing is there, an `image` is looked up in `static/` as before page
/// folders existed (`images/squat.svg`). A `/path` is a published path, and a `video`
/// may be a web address (YouTube, Vimeo or another site). Refused schemes are reported
/// by `content` and skipped here.
pub fn exercise_media(
    c: &Content,
    urls: &UrlMap,
    base: &str,
) -> (BTreeMap<String, Media>, Vec<Diagnostic>) {
    use crate::address::{VideoAddress, classify_video};
    let links = Links {
        urls,
        drafts: &c.drafts,
        broken: &c.broken_ids,
        base,
    };
    let mut out = BTreeMap::new();
    let mut diags = Vec::new();
    for e in c.exercises.values() {
        let spans = std::cell::OnceCell::new();
        let mut resolve = |field: &str, value: &Option<String>| -> Option<String> {
            let v = value.as_deref()?;
            if check_url(v).is_err() {
                return None;
            }
            if field != "image" && classify_video(v) != VideoAddress::SiteFile {
                // A web video (or a web poster or captions file): not a file of the site.
                return None;
            }
            let beside = links.check(crate::content::EXERCISES_DIR, v);
            let beside_hint = match &beside {
                Err(LinkError::Broken(_, h)) => Some(h.clone()),
                _ => None,
            };
            let found = match beside {
                Err(LinkError::Broken(..)) if field == "image" && !v.starts_with('/') => {
                    links.check("", &format!("/{v}"))
                }
                other => other,
            };
            match found {
                Ok(href) => Some(href.url),
                Err(LinkError::Broken(_, found_hint)) => {
                    let rel = v.trim_start_matches('/');
                    let (code, message, hint) = if field == "image" {
                        (
                            "missing-image",
                            format!("the image `{v}` does not exist"),
                            format!(
                                "put the file beside the exercise, at `content/exercises/{rel}`, or in `static/{rel}`; or fix the name"
                            ),
                        )
                    } else if v.starts_with('/') {
                        (
                            "missing-video",
                            format!("the {field} file `{v}` does not exist"),
                            format!(
                                "put the file at `static{v}` or fix the path; a file next to the \
                                 exercise is written without the `/`, e.g. `{field}: {}`",
                                v.rsplit('/').next().unwrap_or(v)
                            ),
                        )
                    } else {
                        (
                            "missing-video",
                            format!("the {field} file `{v}` does not exist"),
                            format!(
                                "put the file next to the exercise file, at `content/exercises/{v}`, \
                                 or write a path of the site such as `/videos/{v}` for a file in \
                                 `static/videos/`"
                            ),
                        )
                    };
                    // A file of a like name (`Knee.PNG` for `knee.png`): named first, as
                    // a Markdown link's "did you mean" is.
                    let similar = similar_file(&found_hint, v)
                        .or_else(|| similar_file(beside_hint.as_deref()?, v));
                    let hint = match similar {
                        Some(similar) => format!("{similar} Otherwise, {hint}"),
                        None => hint,
                    };
                    diags.push(
                        Diagnostic::error(code, &e.file, message)
                            .at_line(
                                spans
                                    .get_or_init(|| crate::yaml::Spans::of(&e.text))
                                    .line(field),
                            )
                            .hint(hint),
                    );
                    None
                }
                Err(_) => None,
            }
        };
        let media = Media {
            image: resolve("image", &e.data.image),
            video: resolve("video", &e.data.video),
            poster: resolve("poster", &e.data.poster),
            captions: resolve("captions", &e.data.captions),
        };
        out.insert(e.id.clone(), media);
    }
    (out, diags)
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

/// The site videos exercises name that the site publishes, for the checks on their
/// size and format. (A missing file is reported by [`exercise_media`]; web addresses are
/// not fetched: the build works offline.)
pub fn check_videos(c: &Content, urls: &UrlMap) -> Vec<SiteVideo> {
    use crate::address::{VideoAddress, classify_video};
    let mut videos = Vec::new();
    for e in c.exercises.values() {
        let Some(v) = &e.data.video else { continue };
        if check_url(v).is_err() || classify_video(v) != VideoAddress::SiteFile {
            continue;
        }
        if let Some(rel) =
            media_path(&crate::address::percent_decode(v)).filter(|r| urls.publishes_file(r))
        {
            videos.push(SiteVideo {
                exercise: e.id.clone(),
                source: urls.source_of(&rel),
                path: rel,
            });
        }
    }
    videos
}

#[cfg(test)]
mod tests {
    use super::media_path;
    use super::scan::join;

    /// The one join of a folder and a relative address, for both an address a clinic
    /// writes (`Links::check`) and one a rendered page carries (`scan`): as a browser
    /// resolves it, so an address ending in `.` or `..` names a folder.
    #[test]
    fn a_relative_address_joins_its_folder_as_a_browser_would() {
        assert_eq!(join("guides", "knee.md").as_deref(), Some("guides/knee.md"));
        assert_eq!(
            join("guides/", "./a/../b.png").as_deref(),
            Some("guides/b.png")
        );
        assert_eq!(join("guides", "../static/").as_deref(), Some("static/"));
        assert_eq!(join("a/b", "..").as_deref(), Some("a/"));
        assert_eq!(join("a/b/", ".").as_deref(), Some("a/b/"));
        assert_eq!(join("guides", "..").as_deref(), Some(""));
        assert_eq!(join("guides", "../.."), None);
        assert_eq!(join("", "x/../.."), None);
    }

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
