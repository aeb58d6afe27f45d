//! The HTTP side of `sinew serve`: a pool of workers answering GET and HEAD from the
//! in-memory site, refusing requests no browser sends, redirects, byte ranges and the
//! site's own 404 page (the path checks and routing are in `path`).
//!
//! No file is ever opened from a path built out of a request: a request path only
//! selects an entry of the built site (whose files the build chose), so `..`, encoded
//! separators or symlinks in the request cannot reach anything else.

use super::path::{Range, Route, content_type, not_found_page, parse_range, route, sanitize};
use super::reload::{self, EVENTS_PATH, OVERLAY_CSS_PATH, PREFIX, SCRIPT_PATH};
use super::{Shared, View, warm};
use crate::site::Body;
use std::io::{Cursor, Read, Seek, SeekFrom, Write};
use std::net::{IpAddr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, StatusCode};

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

/// A connection that sends nothing for this long (between requests, or in the middle of
/// one) is closed. A browser opens a new one when it needs to; an idle or half-sent
/// connection holds a thread and a file descriptor, and thousands of them would otherwise
/// use up the open-file limit for good.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// A client that reads nothing of an answer (or of its live-reload stream) for this
/// long is disconnected; a paused video asks again for the rest when it plays.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(60);

/// Replaces [`IDLE_TIMEOUT`] and [`WRITE_TIMEOUT`] (in milliseconds), so that the tests
/// can see connections closed without waiting a minute. Not for everyday use.
pub const TIMEOUT_ENV: &str = "SINEW_SERVE_TIMEOUT_MS";

/// The HTTP server on `listener`, with [`IDLE_TIMEOUT`] and [`WRITE_TIMEOUT`] on every
/// connection.
pub(crate) fn server(listener: TcpListener) -> anyhow::Result<tiny_http::Server> {
    let (read, write) = match std::env::var(TIMEOUT_ENV).ok().and_then(|v| v.parse().ok()) {
        Some(ms) => (Duration::from_millis(ms), Duration::from_millis(ms)),
        None => (IDLE_TIMEOUT, WRITE_TIMEOUT),
    };
    let timeouts = tiny_http::ConnectionTimeouts {
        read: Some(read),
        write: Some(write),
    };
    tiny_http::Server::from_listener_with_timeouts(listener, None, timeouts)
        .map_err(|e| anyhow::anyhow!("failed to start the web server: {e}"))
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
/// long, a missing or doubled `Host` (HTTP/1.1 requires exactly one; every browser sends
/// one with HTTP/1.0 too, and without it the DNS-rebinding check below could not be
/// made), or a body.
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
    if hosts != 1 {
        return Some(text(
            400,
            "bad request: a request needs exactly one Host header",
        ));
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
    let mut view = shared.view();
    if view.site.is_none() {
        if let Some(kept) = view.warm.clone() {
            if let Some(r) = answer_kept(&rq, &path, &kept, &view) {
                return Some((rq, r));
            }
            // A damaged file: nothing kept is trusted any more; wait for the build.
            shared.drop_warm();
        }
        view = shared.view_when_started();
    }
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
    let r = match route(&path, &site.base, |p| view.file(p).is_some()) {
        Route::Redirect(to) => redirect(&to),
        Route::File(key) => {
            let range = range_of(&rq);
            serve_file(&view, &key, 200, range.as_deref(), overlay)
                .unwrap_or_else(|| not_found(&view, &path, &site.base, overlay))
        }
        Route::NotFound => not_found(&view, &path, &site.base, overlay),
    };
    Some((rq, r))
}

/// The response from the site kept by an earlier start (see `warm`), or `None` when a
/// file of it is damaged.
fn answer_kept(rq: &Request, path: &str, kept: &warm::Stored, view: &View) -> Option<Reply> {
    let overlay = view.overlay.as_deref();
    let version = view.version;
    let not_found = || {
        let page = not_found_page(path, &kept.base, |p| kept.contains(p));
        match kept.body(&page) {
            Ok(Some(b)) => Some(
                serve_body(&b, &page, 404, None, version, overlay)
                    .unwrap_or_else(|| text(404, "not found")),
            ),
            Ok(None) => Some(text(404, "not found")),
            Err(warm::Damaged) => None,
        }
    };
    match route(path, &kept.base, |p| kept.contains(p)) {
        Route::Redirect(to) => Some(redirect(&to)),
        Route::File(key) => match kept.body(&key) {
            Ok(Some(body)) => {
                let range = range_of(rq);
                match serve_body(&body, &key, 200, range.as_deref(), version, overlay) {
                    Some(r) => Some(r),
                    None => not_found(),
                }
            }
            Ok(None) => not_found(),
            Err(warm::Damaged) => None,
        },
        Route::NotFound => not_found(),
    }
}

fn range_of(rq: &Request) -> Option<String> {
    rq.headers()
        .iter()
        .find(|h| h.field.equiv("Range"))
        .map(|h| h.value.as_str().to_string())
}

/// The site's page-not-found page for `path`: its language's (`/<lang>/404.html`) under
/// `/<lang>/`, else the root one ([`not_found_page`]).
fn not_found(view: &View, path: &str, base: &str, overlay: Option<&str>) -> Reply {
    let page = not_found_page(path, base, |p| view.file(p).is_some());
    serve_file(view, &page, 404, None, overlay).unwrap_or_else(|| text(404, "not found"))
}

/// The response for the served file `key`, or `None` if it cannot be read any more.
fn serve_file(
    view: &View,
    key: &str,
    status: u16,
    range: Option<&str>,
    overlay: Option<&str>,
) -> Option<Reply> {
    serve_body(view.file(key)?, key, status, range, view.version, overlay)
}

/// The response for `body`, the contents of the site's file `key`, or `None` if it
/// cannot be read any more.
fn serve_body(
    body: &Body,
    key: &str,
    status: u16,
    range: Option<&str>,
    version: u64,
    overlay: Option<&str>,
) -> Option<Reply> {
    let ct = content_type(key);
    if key.ends_with(".html") {
        let html: &[u8] = match body {
            Body::Bytes(b) => b,
            Body::Builtin(b) => b,
            Body::File(p) => {
                return crate::fsutil::read_regular(p)
                    .ok()
                    .map(|b| bytes(status, &ct, b));
            }
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
        // Only a path the build chose: a file of the site's `static/` or `content/`,
        // opened only if it is still an ordinary file (a named pipe put in its place
        // would hold the worker forever).
        Body::File(p) => {
            let f = crate::fsutil::open_regular(
                p,
                std::fs::OpenOptions::new().read(true),
                crate::fsutil::Links::Follow,
            )
            .ok()?;
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
}
