//! The HTTP side of `sinew serve`: a pool of workers answering GET and HEAD from the
//! in-memory site, the request-path checks that keep every answer inside it, content
//! types, redirects, byte ranges and the site's own 404 page.
//!
//! No file is ever opened from a path built out of a request: a request path only
//! selects an entry of the built site (whose files the build chose), so `..`, encoded
//! separators or symlinks in the request cannot reach anything else.

use super::reload::{self, EVENTS_PATH, OVERLAY_CSS_PATH, PREFIX, SCRIPT_PATH};
use super::{Shared, Site};
use crate::site::Body;
use std::io::{Cursor, Read, Seek, SeekFrom, Write};
use std::net::{IpAddr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// Longest request target accepted; sinew's own URLs are far shorter.
pub const MAX_PATH_LEN: usize = 2048;

/// How many requests are answered at once. Live-reload streams hold no worker (see
/// `reload::Clients`), nor do long answers (see [`SEND_APART`]).
pub const WORKERS: usize = 8;

/// Answers with a body longer than this are sent by a thread of their own, not by a
/// worker. A browser that pauses a video stops reading its download and leaves the
/// connection open; the server's write then waits until the browser reads again, and
/// eight paused videos used to hold every worker, so that nothing else was answered.
/// Shorter answers fit in the connection's socket buffers and never wait like that.
pub const SEND_APART: usize = 256 * 1024;

/// Most bytes of header lines a request may have (431 above it); a browser sends a
/// few hundred, plus its cookies for the host.
pub const MAX_HEADERS_LEN: usize = 64 * 1024;

/// Why a request path was refused (answered with 400 Bad Request).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadPath {
    /// Longer than [`MAX_PATH_LEN`].
    TooLong,
    /// Not starting with `/` (absolute URLs, `*`, drive paths).
    NotAbsolute,
    /// A `%` not followed by two hex digits, or bytes that are not UTF-8.
    BadEncoding,
    /// A backslash, NUL or other control character, raw or percent-encoded.
    BadCharacter,
    /// A percent-encoded `.` or `/`, used only to slip past path checks.
    EncodedSeparator,
    /// A `.` or `..` segment, an empty segment (`//`) or a drive (`C:`).
    BadSegment,
}

/// Checks a request target and returns its path, percent-decoded exactly once.
///
/// The query and fragment are dropped. The result starts with `/`, has no empty, `.`
/// or `..` segment and no backslash or control character.
pub fn sanitize(target: &str) -> Result<String, BadPath> {
    if target.len() > MAX_PATH_LEN {
        return Err(BadPath::TooLong);
    }
    let raw = target.split(['?', '#']).next().unwrap_or("");
    if !raw.starts_with('/') {
        return Err(BadPath::NotAbsolute);
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let decoded = if b == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(BadPath::BadEncoding)?;
            let hex = std::str::from_utf8(hex).map_err(|_| BadPath::BadEncoding)?;
            let v = u8::from_str_radix(hex, 16).map_err(|_| BadPath::BadEncoding)?;
            i += 3;
            if matches!(v, b'.' | b'/') {
                return Err(BadPath::EncodedSeparator);
            }
            v
        } else {
            i += 1;
            b
        };
        if decoded == b'\\' || decoded < 0x20 || decoded == 0x7f {
            return Err(BadPath::BadCharacter);
        }
        out.push(decoded);
    }
    let path = String::from_utf8(out).map_err(|_| BadPath::BadEncoding)?;
    let segments: Vec<&str> = path[1..].split('/').collect();
    let last = segments.len() - 1;
    for (n, s) in segments.iter().enumerate() {
        let empty_inside = s.is_empty() && n != last;
        let drive =
            s.len() >= 2 && s.as_bytes()[0].is_ascii_alphabetic() && s.as_bytes()[1] == b':';
        if empty_inside || *s == "." || *s == ".." || drive {
            return Err(BadPath::BadSegment);
        }
    }
    Ok(path)
}

/// Where a (sanitized) path leads in a site published under `base` (e.g. `/patients/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The file with this output path (e.g. `conditions/index.html`).
    File(String),
    /// Redirect here (an address with the missing trailing slash).
    Redirect(String),
    /// Not in the site.
    NotFound,
}

/// Finds `path` among the output paths for which `exists` is true, the way a static
/// web server would serve `sinew build` output under `base`.
pub fn route(path: &str, base: &str, exists: impl Fn(&str) -> bool) -> Route {
    let Some(rel) = path.strip_prefix(base) else {
        // `/patients` for `/patients/`, or `/` when the site lives further down.
        if path == base.trim_end_matches('/') || path == "/" {
            return Route::Redirect(encode_path(base));
        }
        return Route::NotFound;
    };
    if rel.is_empty() || rel.ends_with('/') {
        let index = format!("{rel}index.html");
        return if exists(&index) {
            Route::File(index)
        } else {
            Route::NotFound
        };
    }
    if exists(rel) {
        return Route::File(rel.to_string());
    }
    if exists(&format!("{rel}/index.html")) {
        return Route::Redirect(encode_path(&format!("{base}{rel}/")));
    }
    Route::NotFound
}

/// Percent-encodes what may not stand in a `Location` header as is.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `Content-Type` for an output path, with a charset for text.
pub fn content_type(path: &str) -> String {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let mime = match ext.as_str() {
        // mime_guess still answers the pre-standard names for these.
        "woff" => "font/woff".to_string(),
        "js" | "mjs" => "text/javascript".to_string(),
        "xml" => "application/xml".to_string(),
        _ => mime_guess::from_ext(&ext)
            .first_or_octet_stream()
            .essence_str()
            .to_string(),
    };
    let text = mime.starts_with("text/")
        || matches!(
            mime.as_str(),
            "application/json" | "application/xml" | "image/svg+xml"
        );
    if text {
        format!("{mime}; charset=utf-8")
    } else {
        mime
    }
}

/// A `Range: bytes=...` header resolved against a body of `len` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Range {
    /// No usable range: send the whole body (also for several ranges at once).
    Whole,
    /// Send bytes `start..=end`.
    Part(u64, u64),
    /// The range lies outside the body: 416.
    Unsatisfiable,
}

/// Reads one `Range` header value.
pub fn parse_range(header: Option<&str>, len: u64) -> Range {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return Range::Whole;
    };
    if spec.contains(',') {
        return Range::Whole;
    }
    let Some((a, b)) = spec.trim().split_once('-') else {
        return Range::Whole;
    };
    let (a, b) = (a.trim(), b.trim());
    let num = |s: &str| s.parse::<u64>().ok();
    match (a.is_empty(), b.is_empty()) {
        (true, false) => match num(b) {
            Some(0) => Range::Unsatisfiable,
            Some(n) if len > 0 => Range::Part(len - n.min(len), len - 1),
            Some(_) => Range::Unsatisfiable,
            None => Range::Whole,
        },
        (false, _) => match (num(a), if b.is_empty() { Some(u64::MAX) } else { num(b) }) {
            (Some(s), Some(e)) if s <= e && s < len => Range::Part(s, e.min(len - 1)),
            (Some(s), Some(e)) if s <= e => Range::Unsatisfiable,
            _ => Range::Whole,
        },
        (true, true) => Range::Whole,
    }
}

/// Starts the workers; each returns when `server` is unblocked after `shared.stopping`
/// is set.
pub(crate) fn spawn_workers(
    server: &Arc<tiny_http::Server>,
    shared: &Arc<Shared>,
) -> Vec<JoinHandle<()>> {
    (0..WORKERS)
        .map(|n| {
            let (server, shared) = (Arc::clone(server), Arc::clone(shared));
            std::thread::Builder::new()
                .name(format!("sinew-http-{n}"))
                .spawn(move || {
                    while let Ok(rq) = server.recv() {
                        if shared.is_stopping() {
                            break;
                        }
                        // A bug answering one request must not take a worker away.
                        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            handle(rq, &shared)
                        }));
                    }
                })
                .expect("spawn an HTTP worker")
        })
        .collect()
}

/// How often [`spawn_nudger`] connects.
const NUDGE_EVERY: Duration = Duration::from_millis(50);

/// Works around a lost wake-up in tiny_http 0.12's connection thread pool: when
/// connections arrive in a burst, one can be queued behind a thread that has just been
/// given another connection. It then waits until some connection closes, which for a
/// live-reload stream or an idle browser socket may be never. A new connection makes
/// the pool look at its queue again (a fresh thread, or a woken one, takes the oldest
/// queued connection first), so connecting to ourselves now and then and closing at
/// once frees one queued connection every [`NUDGE_EVERY`]. That costs twenty loopback
/// connections a second, a negligible load, and is the price of keeping a browser's
/// idle or streaming sockets from ever stalling a page.
pub(crate) fn spawn_nudger(addr: SocketAddr, shared: &Arc<Shared>) -> JoinHandle<()> {
    let target = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => SocketAddr::from(([127, 0, 0, 1], addr.port())),
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::from((Ipv6Addr::LOCALHOST, addr.port()))
        }
        _ => addr,
    };
    let shared = Arc::clone(shared);
    std::thread::Builder::new()
        .name("sinew-http-nudge".into())
        .spawn(move || {
            while !shared.is_stopping() {
                std::thread::sleep(NUDGE_EVERY);
                let _ = TcpStream::connect_timeout(&target, Duration::from_secs(1));
            }
        })
        .expect("spawn the HTTP nudger")
}

/// Turns off Nagle's algorithm on `listener`, so on every connection it accepts (they
/// inherit the setting on Linux, macOS and Windows). tiny_http writes a response's head
/// and its body in separate writes; with Nagle on, the body then waited for the
/// client's delayed acknowledgement of the head, 40 ms on Linux, for every answer on a
/// kept-alive connection, which is how browsers fetch a page's files.
pub(crate) fn no_delay(listener: &TcpListener) {
    // Only slower without it, so a failure is not worth stopping for.
    let _ = rustix::net::sockopt::set_tcp_nodelay(listener, true);
}

type Reply = Response<Box<dyn Read + Send>>;

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn reply(status: u16, content_type: &str, body: Box<dyn Read + Send>, len: u64) -> Reply {
    Response::new(
        StatusCode(status),
        vec![
            header("Content-Type", content_type),
            header("Cache-Control", "no-store"),
            header("X-Content-Type-Options", "nosniff"),
        ],
        body,
        usize::try_from(len).ok(),
        None,
    )
    // A length is always known: send it rather than chunks, which video players want.
    .with_chunked_threshold(usize::MAX)
}

fn bytes(status: u16, content_type: &str, data: Vec<u8>) -> Reply {
    let len = data.len() as u64;
    reply(status, content_type, Box::new(Cursor::new(data)), len)
}

fn text(status: u16, message: &str) -> Reply {
    bytes(
        status,
        "text/plain; charset=utf-8",
        format!("{message}\n").into_bytes(),
    )
}

fn redirect(location: &str) -> Reply {
    text(302, &format!("moved to {location}")).with_header(header("Location", location))
}

/// Answers one request.
pub(crate) fn handle(rq: Request, shared: &Shared) {
    let has_body = declares_body(&rq);
    let Some((rq, mut response)) = answer(rq, shared) else {
        return;
    };
    if has_body {
        // The body is never read (see `vendor/README.md`), so the connection cannot
        // carry another request: ask the client to close it.
        response.add_header(header("Connection", "close"));
    }
    let long = response.data_length().is_some_and(|n| n > SEND_APART);
    if long && *rq.method() != Method::Head {
        // If the thread cannot start, dropping the request answers 500.
        let _ = std::thread::Builder::new()
            .name("sinew-http-send".into())
            .spawn(move || rq.respond(response));
    } else {
        let _ = rq.respond(response);
    }
}

/// Whether `rq` says a body follows its head. sinew serve reads none.
fn declares_body(rq: &Request) -> bool {
    rq.headers().iter().any(|h| {
        (h.field.equiv("Content-Length") && h.value.as_str().trim() != "0")
            || h.field.equiv("Transfer-Encoding")
    })
}

/// The refusal for a request that no browser sends, whatever it asks for: headers too
/// long, a missing or doubled `Host` (HTTP/1.1 requires exactly one), or a body.
fn refusal(rq: &Request, loopback_only: bool) -> Option<Reply> {
    let headers = rq.headers();
    let len: usize = headers
        .iter()
        .map(|h| h.field.as_str().len() + h.value.len() + 4)
        .sum();
    if len > MAX_HEADERS_LEN {
        return Some(text(431, "the request's headers are too long"));
    }
    let hosts = headers.iter().filter(|h| h.field.equiv("Host")).count();
    if hosts > 1 || (hosts == 0 && *rq.http_version() >= (1, 1)) {
        return Some(text(400, "bad request: HTTP/1.1 needs one Host header"));
    }
    if declares_body(rq) {
        return Some(text(413, "sinew serve accepts no request body"));
    }
    let host = headers
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str());
    if loopback_only && host.is_some_and(|h| !is_local_host(h)) {
        return Some(text(
            400,
            "this preview only answers to localhost or 127.0.0.1",
        ));
    }
    None
}

/// Whether a `Host` header names this computer (`localhost`, `*.localhost`, a loopback
/// address), with or without a port.
fn is_local_host(host: &str) -> bool {
    let host = host.trim();
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => host,
        }
    };
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The response for `rq`, or `None` when the request became an event stream.
fn answer(rq: Request, shared: &Shared) -> Option<(Request, Reply)> {
    if !matches!(rq.method(), Method::Get | Method::Head) {
        let r = text(405, "sinew serve answers GET and HEAD only")
            .with_header(header("Allow", "GET, HEAD"));
        return Some((rq, r));
    }
    if let Some(r) = refusal(&rq, shared.loopback_only) {
        return Some((rq, r));
    }
    let path = match sanitize(rq.url()) {
        Ok(p) => p,
        Err(why) => return Some((rq, text(400, &format!("bad request path ({why:?})")))),
    };
    if let Some(own) = path.strip_prefix(PREFIX) {
        let r = match format!("{PREFIX}{own}").as_str() {
            EVENTS_PATH => {
                open_events(rq, shared);
                return None;
            }
            SCRIPT_PATH => bytes(
                200,
                "text/javascript; charset=utf-8",
                reload::SCRIPT.as_bytes().to_vec(),
            ),
            OVERLAY_CSS_PATH => bytes(
                200,
                "text/css; charset=utf-8",
                reload::OVERLAY_CSS.as_bytes().to_vec(),
            ),
            _ => text(404, "not found"),
        };
        return Some((rq, r));
    }
    let view = shared.view();
    let Some(site) = &view.site else {
        // Nothing has ever built: every page is the list of problems.
        let overlay = view.overlay.as_deref().unwrap_or_default();
        let page = reload::error_page(overlay, view.version);
        return Some((
            rq,
            bytes(500, "text/html; charset=utf-8", page.into_bytes()),
        ));
    };
    let overlay = view.overlay.as_deref();
    let r = match route(&path, &site.base, |p| site.files.contains_key(p)) {
        Route::Redirect(to) => redirect(&to),
        Route::File(key) => {
            let range = rq
                .headers()
                .iter()
                .find(|h| h.field.equiv("Range"))
                .map(|h| h.value.as_str().to_string());
            serve_file(site, &key, 200, range.as_deref(), view.version, overlay)
                .unwrap_or_else(|| not_found(site, view.version, overlay))
        }
        Route::NotFound => not_found(site, view.version, overlay),
    };
    Some((rq, r))
}

fn not_found(site: &Site, version: u64, overlay: Option<&str>) -> Reply {
    serve_file(site, "404.html", 404, None, version, overlay)
        .unwrap_or_else(|| text(404, "not found"))
}

/// The response for the site's file `key`, or `None` if it cannot be read any more.
fn serve_file(
    site: &Site,
    key: &str,
    status: u16,
    range: Option<&str>,
    version: u64,
    overlay: Option<&str>,
) -> Option<Reply> {
    let ct = content_type(key);
    let body: &Body = site.files.get(key)?;
    if key.ends_with(".html") {
        let html: &[u8] = match body {
            Body::Bytes(b) => b,
            Body::Builtin(b) => b,
            Body::File(p) => return std::fs::read(p).ok().map(|b| bytes(status, &ct, b)),
        };
        return Some(bytes(
            status,
            &ct,
            reload::prepare_page(html, version, overlay),
        ));
    }
    let (mut reader, len): (Box<dyn ReadSeek>, u64) = match body {
        Body::Bytes(b) => (Box::new(Cursor::new(b.clone())), b.len() as u64),
        Body::Builtin(b) => (Box::new(Cursor::new(*b)), b.len() as u64),
        // Only a path the build chose: a file of the site's `static/` or `content/`.
        Body::File(p) => {
            let f = std::fs::File::open(p).ok()?;
            let len = f.metadata().ok()?.len();
            (Box::new(f), len)
        }
    };
    let r = match parse_range(range, len) {
        Range::Whole => reply(status, &ct, Box::new(reader), len),
        Range::Part(start, end) => {
            reader.seek(SeekFrom::Start(start)).ok()?;
            let n = end - start + 1;
            reply(206, &ct, Box::new(reader.take(n)), n).with_header(header(
                "Content-Range",
                &format!("bytes {start}-{end}/{len}"),
            ))
        }
        Range::Unsatisfiable => text(416, "range not satisfiable")
            .with_header(header("Content-Range", &format!("bytes */{len}"))),
    };
    Some(r.with_header(header("Accept-Ranges", "bytes")))
}

trait ReadSeek: Read + Seek + Send {}
impl<T: Read + Seek + Send> ReadSeek for T {}

fn open_events(rq: Request, shared: &Shared) {
    // The page says which version it shows; a reconnecting stream says what it saw last.
    let last_id = rq
        .headers()
        .iter()
        .find(|h| h.field.equiv("Last-Event-ID"))
        .and_then(|h| h.value.as_str().trim().parse().ok());
    let query = rq.url().split_once('?').map(|(_, q)| q).unwrap_or("");
    let from_page = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("v="))
        .and_then(|v| v.parse().ok());
    let seen = last_id.or(from_page);
    let head_only = *rq.method() == Method::Head;
    let mut writer = rq.into_writer();
    if head_only {
        let _ = writer.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nContent-Length: 0\r\n\r\n");
        return;
    }
    shared.clients.open(writer, seen, || shared.view().version);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_host_names_pass() {
        for ok in [
            "127.0.0.1:1111",
            "localhost",
            "LOCALHOST:8080",
            "[::1]:1111",
            "app.localhost:1",
            "127.0.0.2",
        ] {
            assert!(is_local_host(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "10.0.0.1:1111",
            "[::2]:80",
            "",
        ] {
            assert!(!is_local_host(bad), "{bad}");
        }
    }

    #[test]
    fn ordinary_paths_pass_decoded_once() {
        assert_eq!(sanitize("/").unwrap(), "/");
        assert_eq!(
            sanitize("/conditions/knee/?x=1#top").unwrap(),
            "/conditions/knee/"
        );
        assert_eq!(sanitize("/caf%C3%A9/").unwrap(), "/café/");
        assert_eq!(sanitize("/a%20b.pdf").unwrap(), "/a b.pdf");
        // Decoded once only: what was encoded twice stays encoded.
        assert_eq!(sanitize("/%252e%252e/secret").unwrap(), "/%2e%2e/secret");
    }

    #[test]
    fn escapes_from_the_site_are_refused() {
        let cases: &[(&str, BadPath)] = &[
            ("/../secret.txt", BadPath::BadSegment),
            ("/a/../../secret.txt", BadPath::BadSegment),
            ("/./index.html", BadPath::BadSegment),
            ("/a/..", BadPath::BadSegment),
            ("/%2e%2e/secret.txt", BadPath::EncodedSeparator),
            ("/%2E%2E/secret.txt", BadPath::EncodedSeparator),
            ("/.%2e/secret.txt", BadPath::EncodedSeparator),
            ("/a%2f..%2fsecret.txt", BadPath::EncodedSeparator),
            ("/a%2F%2E%2E%2Fsecret", BadPath::EncodedSeparator),
            ("/..\\secret.txt", BadPath::BadCharacter),
            ("/a%5c..%5csecret.txt", BadPath::BadCharacter),
            ("/index.html%00.css", BadPath::BadCharacter),
            ("/a\u{0}b", BadPath::BadCharacter),
            ("/a%0d%0aSet-Cookie:x", BadPath::BadCharacter),
            ("//etc/passwd", BadPath::BadSegment),
            ("/a//b", BadPath::BadSegment),
            ("/C:/Windows/win.ini", BadPath::BadSegment),
            ("/c:%5cwindows", BadPath::BadCharacter),
            ("C:\\Windows\\win.ini", BadPath::NotAbsolute),
            ("http://example.org/../x", BadPath::NotAbsolute),
            ("*", BadPath::NotAbsolute),
            ("", BadPath::NotAbsolute),
            ("/%", BadPath::BadEncoding),
            ("/%2", BadPath::BadEncoding),
            ("/%zz", BadPath::BadEncoding),
            ("/%ff%fe", BadPath::BadEncoding),
            ("/%c0%ae%c0%ae/secret", BadPath::BadEncoding),
        ];
        for (raw, why) in cases {
            assert_eq!(sanitize(raw), Err(*why), "{raw:?}");
        }
        let long = format!("/{}", "a/".repeat(MAX_PATH_LEN));
        assert_eq!(sanitize(&long), Err(BadPath::TooLong));
    }

    fn site_has(p: &str) -> bool {
        [
            "index.html",
            "a/index.html",
            "style.css",
            "a/b.pdf",
            "404.html",
        ]
        .contains(&p)
    }

    #[test]
    fn routes_follow_a_static_web_server() {
        assert_eq!(route("/", "/", site_has), Route::File("index.html".into()));
        assert_eq!(
            route("/a/", "/", site_has),
            Route::File("a/index.html".into())
        );
        assert_eq!(route("/a", "/", site_has), Route::Redirect("/a/".into()));
        assert_eq!(
            route("/a/b.pdf", "/", site_has),
            Route::File("a/b.pdf".into())
        );
        assert_eq!(route("/a/b.pdf/", "/", site_has), Route::NotFound);
        assert_eq!(route("/nope", "/", site_has), Route::NotFound);
        assert_eq!(route("/b/", "/", site_has), Route::NotFound);
    }

    #[test]
    fn routes_honour_the_base_path() {
        let base = "/patients/";
        assert_eq!(
            route("/patients/", base, site_has),
            Route::File("index.html".into())
        );
        assert_eq!(
            route("/patients/style.css", base, site_has),
            Route::File("style.css".into())
        );
        assert_eq!(
            route("/patients", base, site_has),
            Route::Redirect("/patients/".into())
        );
        assert_eq!(
            route("/", base, site_has),
            Route::Redirect("/patients/".into())
        );
        assert_eq!(route("/style.css", base, site_has), Route::NotFound);
        assert_eq!(
            route("/patients/a", base, site_has),
            Route::Redirect("/patients/a/".into())
        );
        assert_eq!(route("/patientsx/", base, site_has), Route::NotFound);
    }

    #[test]
    fn redirects_are_encoded() {
        let has = |p: &str| p == "café/index.html";
        assert_eq!(
            route("/café", "/", has),
            Route::Redirect("/caf%C3%A9/".into())
        );
    }

    #[test]
    fn content_types_of_clinic_sites() {
        for (path, want) in [
            ("index.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("planner.js", "text/javascript; charset=utf-8"),
            ("data.json", "application/json; charset=utf-8"),
            ("favicon.svg", "image/svg+xml; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("a.png", "image/png"),
            ("a.JPG", "image/jpeg"),
            ("a.jpeg", "image/jpeg"),
            ("a.webp", "image/webp"),
            ("a.gif", "image/gif"),
            ("a.mp4", "video/mp4"),
            ("a.webm", "video/webm"),
            ("a.pdf", "application/pdf"),
            ("a.woff2", "font/woff2"),
            ("a.woff", "font/woff"),
            ("noext", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), want, "{path}");
        }
    }

    #[test]
    fn ranges() {
        assert_eq!(parse_range(None, 10), Range::Whole);
        assert_eq!(parse_range(Some("bytes=0-3"), 10), Range::Part(0, 3));
        assert_eq!(parse_range(Some("bytes=4-"), 10), Range::Part(4, 9));
        assert_eq!(parse_range(Some("bytes=5-100"), 10), Range::Part(5, 9));
        assert_eq!(parse_range(Some("bytes=-3"), 10), Range::Part(7, 9));
        assert_eq!(parse_range(Some("bytes=-30"), 10), Range::Part(0, 9));
        assert_eq!(parse_range(Some("bytes=10-"), 10), Range::Unsatisfiable);
        assert_eq!(parse_range(Some("bytes=-0"), 10), Range::Unsatisfiable);
        assert_eq!(parse_range(Some("bytes=0-1,3-4"), 10), Range::Whole);
        assert_eq!(parse_range(Some("bytes=5-2"), 10), Range::Whole);
        assert_eq!(parse_range(Some("items=0-1"), 10), Range::Whole);
    }
}
