//! Live reload: the script every served page loads, the Server-Sent Events channel it
//! listens on, and the error overlay shown while the site does not build.
//!
//! Nothing here is inline (no `<script>` text, no `style=`): the theme's pages carry a
//! Content-Security-Policy that allows scripts and styles from the site only, so the
//! script and the overlay's styles are files under [`PREFIX`].

mod events;
mod overlay;

pub use events::{Clients, Message};
pub use overlay::{error_page, escape, overlay_html};

/// Every URL the dev server itself answers starts with this; no site file can (sinew
/// never publishes a path starting with `__`), whatever the site's `base_url`.
pub const PREFIX: &str = "/__sinew/";
/// The event stream.
pub const EVENTS_PATH: &str = "/__sinew/events";
/// The live-reload script.
pub const SCRIPT_PATH: &str = "/__sinew/reload.js";
/// The overlay's stylesheet.
pub const OVERLAY_CSS_PATH: &str = "/__sinew/overlay.css";

/// The live-reload script tag for a page that shows site `version`. The server adds it
/// as it sends each page (never the build), with the version of that moment, because a
/// page built once may be sent later with the overlay of a newer failed build.
pub fn script_tag(version: u64) -> String {
    format!("<script src=\"{SCRIPT_PATH}\" data-sinew-version=\"{version}\"></script>")
}

/// The live-reload script.
pub const SCRIPT: &str = r#"// sinew serve: reloads this page when the site is rebuilt. Only in previews.
(function () {
  "use strict";
  var me = document.currentScript;
  var version = (me && me.getAttribute("data-sinew-version")) || "";
  if (!window.EventSource) return;
  var events = new EventSource("/__sinew/events?v=" + encodeURIComponent(version));
  events.addEventListener("reload", function () {
    events.close();
    location.reload();
  });
  events.addEventListener("css", function () {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var old = links[i];
      var url = new URL(old.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("sinew-reload", Date.now());
      var fresh = old.cloneNode();
      fresh.href = url.href;
      fresh.addEventListener("load", function () { this.previous.remove(); });
      fresh.previous = old;
      old.after(fresh);
    }
  });
  events.addEventListener("errors", function (e) {
    var old = document.getElementById("sinew-overlay");
    if (old) old.remove();
    document.body.insertAdjacentHTML("beforeend", JSON.parse(e.data));
  });
  document.addEventListener("click", function (e) {
    if (e.target && e.target.id === "sinew-overlay-hide") {
      var o = document.getElementById("sinew-overlay");
      if (o) o.remove();
    }
  });
})();
"#;

/// The overlay's styles, kept apart from the site's so a broken theme cannot hide it.
pub const OVERLAY_CSS: &str = r#"#sinew-overlay { position: fixed; inset: 0; z-index: 2147483647; overflow: auto;
  background: rgba(20, 20, 30, 0.72); padding: 2rem 1rem; font: 16px/1.5 system-ui, sans-serif; }
#sinew-overlay .sinew-box { max-width: 48rem; margin: 0 auto; background: #fff; color: #1a1a1a;
  border-top: 0.5rem solid #b3261e; border-radius: 0.5rem; padding: 1.5rem 2rem; }
#sinew-overlay h2 { margin: 0 0 0.5rem; font-size: 1.4rem; color: #b3261e; }
#sinew-overlay ol { padding-left: 1.5rem; }
#sinew-overlay li { margin: 1rem 0; }
#sinew-overlay p { margin: 0.25rem 0; }
#sinew-overlay code { font: 0.95em ui-monospace, monospace; background: #f3f0f0; padding: 0 0.25rem; }
#sinew-overlay .sinew-message { font-weight: 600; }
#sinew-overlay .sinew-hint { color: #333; }
#sinew-overlay button { font: inherit; padding: 0.25rem 1rem; cursor: pointer; }
"#;

/// Prepares a built HTML page for sending: adds the overlay when there is one and the
/// live-reload script before the last `</body>` (at the end when there is none), and
/// lets the page open the live-reload channel.
pub fn prepare_page(html: &[u8], version: u64, overlay: Option<&str>) -> Vec<u8> {
    let mut out = html.to_vec();
    let at = out
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(out.len());
    let mut added = overlay.unwrap_or_default().to_string();
    added.push_str(&script_tag(version));
    out.splice(at..at, added.bytes());
    allow_event_stream(&mut out);
    out
}

/// Lets a page's own Content-Security-Policy (a `<meta>` tag) reach the event stream:
/// the planner's policy says `connect-src 'none'`, which would block live reload.
/// Only what the preview needs is added (`'self'` to `connect-src`); nothing is taken
/// away, and `sinew build` output is never touched.
pub fn allow_event_stream(html: &mut Vec<u8>) {
    let Ok(text) = std::str::from_utf8(html) else {
        return;
    };
    let lower = text.to_ascii_lowercase();
    let Some(meta) = lower.find("http-equiv=\"content-security-policy\"") else {
        return;
    };
    // The policy is the next `content="..."` of the same tag.
    let tag_end = lower[meta..].find('>').map_or(lower.len(), |e| meta + e);
    let tag_start = lower[..meta].rfind('<').unwrap_or(meta);
    let Some(c) = lower[tag_start..tag_end].find("content=\"") else {
        return;
    };
    let value_start = tag_start + c + "content=\"".len();
    let Some(len) = lower[value_start..tag_end].find('"') else {
        return;
    };
    let policy = &text[value_start..value_start + len];
    let relaxed = relax_policy(policy);
    if relaxed != policy {
        html.splice(value_start..value_start + len, relaxed.bytes());
    }
}

/// `policy` with `'self'` allowed for `connect-src`.
fn relax_policy(policy: &str) -> String {
    let directives: Vec<&str> = policy
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .collect();
    let name = |d: &str| {
        d.split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    let sources =
        |d: &str| -> Vec<String> { d.split_whitespace().skip(1).map(str::to_string).collect() };
    let with_self = |mut s: Vec<String>| -> String {
        s.retain(|x| !x.eq_ignore_ascii_case("'none'"));
        if !s
            .iter()
            .any(|x| x.eq_ignore_ascii_case("'self'") || x == "*")
        {
            s.push("'self'".into());
        }
        s.join(" ")
    };
    let mut out: Vec<String> = Vec::new();
    let has_connect = directives.iter().any(|d| name(d) == "connect-src");
    for d in &directives {
        if name(d) == "connect-src" {
            out.push(format!("connect-src {}", with_self(sources(d))));
        } else {
            out.push(d.to_string());
        }
    }
    if !has_connect {
        // `connect-src` falls back to `default-src`; when that exists, keep its sources.
        match directives.iter().find(|d| name(d) == "default-src") {
            Some(d) => out.push(format!("connect-src {}", with_self(sources(d)))),
            None => return policy.to_string(),
        }
    }
    out.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_refuses_what_would_be_published_under_the_previews_own_folder() {
        assert_eq!(PREFIX, format!("/{}/", crate::link::RESERVED));
        for path in [EVENTS_PATH, SCRIPT_PATH, OVERLAY_CSS_PATH] {
            assert!(path.starts_with(PREFIX), "{path}");
        }
    }

    fn page() -> Vec<u8> {
        b"<html><head></head><body><p>Hi</p></body></html>".to_vec()
    }

    #[test]
    fn the_version_is_filled_in_and_the_overlay_goes_before_the_script() {
        let out = String::from_utf8(prepare_page(
            &page(),
            7,
            Some("<div id=\"sinew-overlay\"></div>"),
        ))
        .unwrap();
        assert_eq!(
            out,
            "<html><head></head><body><p>Hi</p><div id=\"sinew-overlay\"></div>\
             <script src=\"/__sinew/reload.js\" data-sinew-version=\"7\"></script></body></html>"
        );
        let plain = String::from_utf8(prepare_page(&page(), 3, None)).unwrap();
        assert!(plain.contains("data-sinew-version=\"3\"") && !plain.contains("overlay"));
        let bare = String::from_utf8(prepare_page(b"<p>No end tag", 4, None)).unwrap();
        assert!(
            bare.ends_with("data-sinew-version=\"4\"></script>"),
            "{bare}"
        );
    }

    #[test]
    fn a_policy_gets_self_for_connect_src_and_loses_nothing() {
        assert_eq!(
            relax_policy(
                "default-src 'none'; script-src 'self'; connect-src 'none'; form-action 'none'"
            ),
            "default-src 'none'; script-src 'self'; connect-src 'self'; form-action 'none'"
        );
        assert_eq!(
            relax_policy("default-src 'none'; img-src 'self'"),
            "default-src 'none'; img-src 'self'; connect-src 'self'"
        );
        assert_eq!(
            relax_policy("default-src https:"),
            "default-src https:; connect-src https: 'self'"
        );
        assert_eq!(
            relax_policy("connect-src 'self' https://x.example"),
            "connect-src 'self' https://x.example"
        );
        assert_eq!(relax_policy("img-src 'self'"), "img-src 'self'");
    }

    #[test]
    fn the_meta_policy_of_a_page_is_relaxed_in_place() {
        let mut html = b"<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; connect-src 'none'\"><title>t</title></head>".to_vec();
        allow_event_stream(&mut html);
        assert_eq!(
            String::from_utf8(html).unwrap(),
            "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; connect-src 'self'\"><title>t</title></head>"
        );
    }
}
