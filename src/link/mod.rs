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
pub use map::{Resolved, Target, UrlMap};

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
