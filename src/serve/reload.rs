//! Live reload: the script every served page loads, the Server-Sent Events channel it
//! listens on, and the error overlay shown while the site does not build.
//!
//! Nothing here is inline (no `<script>` text, no `style=`): the theme's pages carry a
//! Content-Security-Policy that allows scripts and styles from the site only, so the
//! script and the overlay's styles are files under [`PREFIX`].

use crate::diagnostic::Diagnostics;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

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

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes `text` and shows its `quoted` parts (file names, fields, ids) as code.
fn escape_with_code(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len().is_multiple_of(2) {
        // An unpaired backtick: show the text as it is.
        return escape(text);
    }
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(&escape(part));
            out.push_str("</code>");
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

/// The overlay listing `errors` (warnings are left out: they do not stop a build).
/// `has_site` says whether an earlier version is being shown under it.
pub fn overlay_html(errors: &Diagnostics, has_site: bool) -> String {
    let list: Vec<_> = errors.0.iter().filter(|d| d.is_error()).collect();
    let n = list.len();
    let mut h = String::new();
    h.push_str("<div id=\"sinew-overlay\" role=\"alert\">");
    h.push_str(&format!(
        "<link rel=\"stylesheet\" href=\"{OVERLAY_CSS_PATH}\">"
    ));
    h.push_str("<div class=\"sinew-box\">");
    let what = if has_site { "rebuilt" } else { "built" };
    let problems = if n == 1 {
        "1 problem".to_string()
    } else {
        format!("{n} problems")
    };
    h.push_str(&format!(
        "<h2>The site could not be {what}: {problems}</h2>"
    ));
    h.push_str(if has_site {
        "<p>Under this message is the last version that built. Fix the problem and save the \
         file: this message goes away by itself.</p>"
    } else {
        "<p>There is no earlier version to show yet. Fix the problem and save the file: \
         the page appears by itself.</p>"
    });
    h.push_str("<ol>");
    for d in list {
        h.push_str("<li><p class=\"sinew-where\"><code>");
        h.push_str(&escape(&display_path(&d.file)));
        h.push_str("</code>");
        match (d.line, d.column) {
            (Some(l), Some(c)) => h.push_str(&format!(", line {l}, column {c}")),
            (Some(l), None) => h.push_str(&format!(", line {l}")),
            _ => {}
        }
        h.push_str("</p><p class=\"sinew-message\">");
        h.push_str(&escape_with_code(&d.message));
        h.push_str("</p>");
        if let Some(hint) = &d.hint {
            h.push_str("<p class=\"sinew-hint\">How to fix it: ");
            h.push_str(&escape_with_code(hint));
            h.push_str("</p>");
        }
        h.push_str("</li>");
    }
    h.push_str(
        "</ol><p><button type=\"button\" id=\"sinew-overlay-hide\">Hide this message</button></p>",
    );
    h.push_str("</div></div>");
    h
}

fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// The page sent for every address while the site has never built.
pub fn error_page(overlay: &str, version: u64) -> String {
    let script = script_tag(version);
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>The site has problems (sinew)</title></head>\n<body>{overlay}{script}</body></html>\n"
    )
}

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

/// One message on the live-reload channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Reload the page.
    Reload,
    /// Only stylesheets changed: fetch them again without reloading.
    Css,
    /// The build failed: show this overlay (HTML).
    Errors(String),
}

impl Message {
    /// The message as Server-Sent Events text, with `version` as its id.
    pub fn to_sse(&self, version: u64) -> String {
        let (event, data) = match self {
            Message::Reload => ("reload", "{}".to_string()),
            Message::Css => ("css", "{}".to_string()),
            // JSON keeps the HTML on one `data:` line.
            Message::Errors(html) => (
                "errors",
                serde_json::to_string(html).expect("a string serializes"),
            ),
        };
        format!("id: {version}\nevent: {event}\ndata: {data}\n\n")
    }
}

/// How many messages may wait for a stream whose page does not read them; past that the
/// stream is closed (its page reconnects and catches up when it reads again).
const QUEUE: usize = 16;

/// The open event streams.
///
/// No write is ever made while the list is locked, nor by the thread that changes the
/// site: each stream has a small thread of its own that writes what is queued for it,
/// and a broadcast only queues. A page that stops reading (a stalled or suspended
/// browser) therefore never holds up a rebuild nor another page: its queue fills and
/// it is dropped, and its writes fail after [`super::http::WRITE_TIMEOUT`].
#[derive(Default)]
pub struct Clients {
    streams: Mutex<Streams>,
}

#[derive(Default)]
struct Streams {
    next_id: u64,
    queues: Vec<(u64, std::sync::mpsc::SyncSender<std::sync::Arc<str>>)>,
}

impl Clients {
    /// Starts an event stream on `writer`. When the page that opened it shows another
    /// version (`seen`) than the current one (`now`), it is told to reload at once: a
    /// reload shows exactly the current state, pages and overlay alike. `now` is read
    /// under the same lock as [`Clients::broadcast`] changes the state, and the stream is
    /// listed then, so it gets every later message and never misses a change.
    pub fn open(
        &self,
        mut writer: Box<dyn Write + Send>,
        seen: Option<u64>,
        now: impl FnOnce() -> u64,
    ) {
        let (tx, rx) = std::sync::mpsc::sync_channel::<std::sync::Arc<str>>(QUEUE);
        let (id, now) = {
            let mut streams = self.streams.lock().expect("clients lock");
            let id = streams.next_id;
            streams.next_id += 1;
            streams.queues.push((id, tx));
            (id, now())
        };
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                    Cache-Control: no-store\r\nX-Accel-Buffering: no\r\nConnection: close\r\n\r\n\
                    retry: 500\n\n";
        let mut first = head.to_string();
        if seen != Some(now) {
            first.push_str(&Message::Reload.to_sse(now));
        }
        // A new connection's send buffer is empty: this write does not wait.
        let started = writer
            .write_all(first.as_bytes())
            .and_then(|_| writer.flush())
            .is_ok()
            && std::thread::Builder::new()
                .name("sinew-events".into())
                .stack_size(64 * 1024)
                .spawn(move || {
                    // Ends when the stream is dropped from the list or a write fails;
                    // dropping the writer closes the connection.
                    for text in rx {
                        if writer
                            .write_all(text.as_bytes())
                            .and_then(|_| writer.flush())
                            .is_err()
                        {
                            return;
                        }
                    }
                })
                .is_ok();
        if !started {
            let mut streams = self.streams.lock().expect("clients lock");
            streams.queues.retain(|(i, _)| *i != id);
        }
    }

    /// Queues `message` for every open stream, dropping the ones whose page has gone or
    /// does not keep up. `update` runs first, under the lock, so that a stream opening
    /// meanwhile sees either the old state and this message or the new state.
    pub fn broadcast(&self, update: impl FnOnce() -> (Message, u64)) {
        let mut streams = self.streams.lock().expect("clients lock");
        let (message, version) = update();
        let text: std::sync::Arc<str> = message.to_sse(version).into();
        streams
            .queues
            .retain(|(_, q)| q.try_send(std::sync::Arc::clone(&text)).is_ok());
    }

    /// Sends an SSE comment to every stream so that closed ones are noticed and dropped.
    pub fn ping(&self) {
        let text: std::sync::Arc<str> = ": ping\n\n".into();
        let mut streams = self.streams.lock().expect("clients lock");
        streams
            .queues
            .retain(|(_, q)| q.try_send(std::sync::Arc::clone(&text)).is_ok());
    }

    /// Closes every stream (each closes once its thread has written what was queued).
    pub fn close_all(&self) {
        self.streams.lock().expect("clients lock").queues.clear();
    }

    /// How many streams are open (as far as the last message knows: a stream whose page
    /// left is dropped at the next broadcast or ping).
    pub fn len(&self) -> usize {
        self.streams.lock().expect("clients lock").queues.len()
    }

    /// Whether no stream is open.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
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
    use crate::diagnostic::Diagnostic;

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
    fn overlay_escapes_everything_from_the_site() {
        let mut ds = Diagnostics::default();
        ds.push(
            Diagnostic::error(
                "x",
                "content/<b>.md",
                "bad <script>alert('x')</script> & more",
            )
            .at(3, 2)
            .hint("use \"quotes\""),
        );
        ds.push(Diagnostic::warning("w", "content/w.md", "only a warning"));
        let h = overlay_html(&ds, true);
        assert!(h.contains("<code>content/&lt;b&gt;.md</code>, line 3, column 2"));
        assert!(h.contains("bad &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
        assert!(h.contains("How to fix it: use &quot;quotes&quot;"));
        assert!(h.contains("1 problem<") && !h.contains("only a warning"));
        assert!(!h.contains("<script"));
    }

    #[test]
    fn quoted_parts_of_messages_show_as_code() {
        assert_eq!(
            escape_with_code("field `ti<tle>` is wrong"),
            "field <code>ti&lt;tle&gt;</code> is wrong"
        );
        assert_eq!(escape_with_code("one ` alone"), "one ` alone");
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

    #[test]
    fn events_are_one_line_each() {
        let m = Message::Errors("<p>a\nb</p>".into());
        assert_eq!(
            m.to_sse(4),
            "id: 4\nevent: errors\ndata: \"<p>a\\nb</p>\"\n\n"
        );
        assert_eq!(
            Message::Reload.to_sse(5),
            "id: 5\nevent: reload\ndata: {}\n\n"
        );
    }

    /// A stream's other end: what was written, and whether writes fail or never return.
    #[derive(Clone, Default)]
    struct Sink {
        got: std::sync::Arc<(Mutex<Vec<u8>>, std::sync::Condvar)>,
        broken: bool,
        /// Every write waits until this is set (a page that reads nothing).
        stalled: Option<std::sync::Arc<(Mutex<bool>, std::sync::Condvar)>>,
    }

    impl Write for Sink {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            if self.broken {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            if let Some(stall) = &self.stalled {
                let mut released = stall.0.lock().unwrap();
                while !*released {
                    released = stall.1.wait(released).unwrap();
                }
                return Err(std::io::ErrorKind::TimedOut.into());
            }
            self.got.0.lock().unwrap().extend_from_slice(b);
            self.got.1.notify_all();
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Sink {
        /// Waits (with a deadline) until what was written ends with `end`, and returns it.
        fn wait_for_end(&self, end: &str) -> String {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
            let mut got = self.got.0.lock().unwrap();
            loop {
                let text = String::from_utf8(got.clone()).unwrap();
                if text.ends_with(end) {
                    return text;
                }
                let left = deadline.saturating_duration_since(std::time::Instant::now());
                assert!(!left.is_zero(), "never got {end:?}; got {text:?}");
                got = self.got.1.wait_timeout(got, left).unwrap().0;
            }
        }
    }

    #[test]
    fn a_stream_behind_the_site_catches_up_and_a_closed_one_is_dropped() {
        let clients = Clients::default();
        let a = Sink::default();
        clients.open(Box::new(a.clone()), Some(1), || 2);
        let b = Sink::default();
        clients.open(Box::new(b.clone()), Some(2), || 2);
        let broken = Sink {
            broken: true,
            ..Sink::default()
        };
        clients.open(Box::new(broken), None, || 2);
        assert_eq!(clients.len(), 2);
        clients.broadcast(|| (Message::Css, 3));
        let text = a.wait_for_end("id: 3\nevent: css\ndata: {}\n\n");
        assert!(text.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream"));
        assert!(text.ends_with(
            "retry: 500\n\nid: 2\nevent: reload\ndata: {}\n\nid: 3\nevent: css\ndata: {}\n\n"
        ));
        let up_to_date = b.wait_for_end("id: 3\nevent: css\ndata: {}\n\n");
        assert!(up_to_date.ends_with("retry: 500\n\nid: 3\nevent: css\ndata: {}\n\n"));
    }

    #[test]
    fn a_page_that_reads_nothing_never_holds_up_a_broadcast_and_is_dropped() {
        let clients = std::sync::Arc::new(Clients::default());
        let stall = std::sync::Arc::new((Mutex::new(false), std::sync::Condvar::new()));
        // The head goes through (a new connection's buffer is empty); every later write
        // waits, as on a connection whose page stopped reading.
        let stalling = Sink {
            stalled: Some(std::sync::Arc::clone(&stall)),
            ..Sink::default()
        };
        clients.open(Box::new(HeadThenStall(stalling)), Some(1), || 1);
        let good = Sink::default();
        clients.open(Box::new(good.clone()), Some(1), || 1);
        assert_eq!(clients.len(), 2);
        // Every broadcast returns although one stream's writes never do; once its queue
        // is full it is dropped, and the other gets every message. (On a thread, so that
        // a broadcast that waits fails the test instead of hanging it.)
        let (done_tx, done) = std::sync::mpsc::channel();
        let (c, g) = (std::sync::Arc::clone(&clients), good.clone());
        std::thread::spawn(move || {
            for v in 2..2 + QUEUE as u64 + 3 {
                c.broadcast(|| (Message::Reload, v));
                g.wait_for_end(&format!("id: {v}\nevent: reload\ndata: {{}}\n\n"));
            }
            done_tx.send(()).unwrap();
        });
        done.recv_timeout(std::time::Duration::from_secs(20))
            .expect("a broadcast waited for a page that reads nothing");
        assert_eq!(clients.len(), 1, "the stalled stream is dropped");
        *stall.0.lock().unwrap() = true;
        stall.1.notify_all();
    }

    /// Writes the head, then stalls on every later write.
    struct HeadThenStall(Sink);

    impl Write for HeadThenStall {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            if b.starts_with(b"HTTP/1.1") {
                return Ok(b.len());
            }
            self.0.write(b)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
}
