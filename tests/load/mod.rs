//! A mixed load on a real `sinew serve`, shared by the load test (`tests/serve_load.rs`,
//! which checks every answer) and the benchmark (`benches/serve_load.rs`, which times
//! the answers and includes this file with `#[path]`).
//!
//! [`run`] first opens the connections that browsers and careless clients hold:
//! live-reload streams, connections that send nothing, requests sent halfway that then
//! trickle one header line at a time, and downloads of a large file that stop reading.
//! Then `clients` threads send `requests` requests between them (even-numbered clients
//! over one kept-alive connection each, odd-numbered ones on a new connection each) and
//! compare every answer, byte for byte, with the one fetched before the load began.
//! Every request has a deadline; one that misses it is recorded as a stall, never waited
//! for. At the end the held connections must still work: the idle and half-sent ones get
//! their page, and every stream gets a `reload` event when a page is edited.
#![allow(dead_code)]

use crate::common::serve::Preview;
use crate::common::site_copy;
use std::fs;
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Command;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// Written beside the site root of every served copy; no answer may ever contain it.
pub(crate) const SECRET: &str =
    "SECRET-4e1f: this file is beside the site and must never be served";

/// Size of `static/big.bin`: far more than loopback socket buffers hold, so a client
/// that stops reading leaves the server with bytes it cannot send.
pub(crate) const BIG_FILE: usize = 32 << 20;

/// The mixed load: how many of each kind of client.
#[derive(Debug, Clone)]
pub(crate) struct Load {
    /// Threads sending requests at the same time.
    pub(crate) clients: usize,
    /// Requests sent by all of them together.
    pub(crate) requests: usize,
    /// Live-reload streams held open throughout.
    pub(crate) streams: usize,
    /// Connections that send nothing until the load is over.
    pub(crate) idle: usize,
    /// Requests sent up to the middle of their headers, then one more header line each
    /// time another twentieth of the load is done, and finished at the end.
    pub(crate) half_sent: usize,
    /// Downloads of `big.bin` whose client reads the status line and then stops reading.
    pub(crate) stalled_readers: usize,
    /// How long one request may take, from connecting to the last byte of its answer.
    pub(crate) deadline: Duration,
}

/// What [`run`] saw.
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// Wall time of the request phase (background connections excluded).
    pub(crate) elapsed: Duration,
    /// Time of every correct answer, kept-alive connections.
    pub(crate) keep_alive: Vec<Duration>,
    /// Time of every correct answer, a new connection each (connecting included).
    pub(crate) fresh: Vec<Duration>,
    /// Every wrong, missing or late answer, in words.
    pub(crate) failures: Vec<String>,
}

impl Report {
    /// Number of correct answers during the request phase.
    pub(crate) fn answered(&self) -> usize {
        self.keep_alive.len() + self.fresh.len()
    }

    /// Every correct answer's time, sorted.
    pub(crate) fn all(&self) -> Vec<Duration> {
        let mut v: Vec<Duration> = self.keep_alive.iter().chain(&self.fresh).copied().collect();
        v.sort();
        v
    }

    /// The failures, at most `n` of them, one a line, and how many there were.
    pub(crate) fn failures_summary(&self, n: usize) -> String {
        let mut s = format!("{} failures:\n", self.failures.len());
        for f in self.failures.iter().take(n) {
            s.push_str("  ");
            s.push_str(f);
            s.push('\n');
        }
        if self.failures.len() > n {
            s.push_str(&format!("  ... and {} more\n", self.failures.len() - n));
        }
        s
    }
}

/// The `p`-th percentile (0 to 100) of sorted durations.
pub(crate) fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

// ---------------------------------------------------------------------------------
// The server

/// A running `sinew serve` on a temporary copy of a fixture site, killed when dropped
/// (see `tests/common/serve.rs`).
pub(crate) type Server = Preview;

impl Server {
    /// Serves a copy of `tests/fixtures/sites/<fixture>` with `static/big.bin` added and
    /// [`SECRET`] in a file beside it, on a port the system chooses, and waits (up to
    /// `deadline`) for the server to say where it is.
    pub(crate) fn start(fixture: &str, deadline: Duration) -> Server {
        let dir = site_copy(fixture);
        let site = dir.path().join("site");
        fs::write(dir.path().join("secret.txt"), SECRET).unwrap();
        let big: Vec<u8> = (0..BIG_FILE).map(|i| (i % 251) as u8).collect();
        fs::write(site.join("static/big.bin"), big).unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_sinew"));
        command.args(["serve", "--port", "0", "--root", site.to_str().unwrap()]);
        Preview::launch(command, dir, site, deadline)
    }
}

// ---------------------------------------------------------------------------------
// One request

/// One kind of request in the mix.
#[derive(Debug, Clone)]
struct Target {
    name: &'static str,
    method: &'static str,
    /// The request target, as sent.
    path: String,
    /// Extra header lines, each ending in `\r\n`.
    headers: &'static str,
    /// The status it must get.
    status: u16,
}

impl Target {
    fn is_stream(&self) -> bool {
        self.path.starts_with("/__sinew/events")
    }

    fn raw(&self, port: u16, close: bool) -> Vec<u8> {
        let connection = if close { "Connection: close\r\n" } else { "" };
        format!(
            "{} {} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{}{connection}\r\n",
            self.method, self.path, self.headers
        )
        .into_bytes()
    }
}

/// The requests of the mix, each listed as often as it should be sent: mostly pages and
/// their assets, as a browser would ask, and a little of everything else.
fn targets(base: &str) -> Vec<Target> {
    let t = |name, method, path: String, headers, status| Target {
        name,
        method,
        path,
        headers,
        status,
    };
    let b = |rel: &str| format!("{base}{rel}");
    let mut v = Vec::new();
    for _ in 0..3 {
        v.push(t("home page", "GET", b(""), "", 200));
        v.push(t("page", "GET", b("knee/"), "", 200));
        v.push(t("page", "GET", b("extra/"), "", 200));
        v.push(t("stylesheet", "GET", b("style.css"), "", 200));
        v.push(t(
            "reload script",
            "GET",
            "/__sinew/reload.js".into(),
            "",
            200,
        ));
    }
    v.extend([
        t("exercise page", "GET", b("exercises/one/"), "", 200),
        t("script", "GET", b("planner/main.js"), "", 200),
        t("image", "GET", b("img/dot.png"), "", 200),
        t("file read from disk", "GET", b("leaflet.pdf"), "", 200),
        t(
            "part of a video",
            "GET",
            b("media/clip.mp4"),
            "Range: bytes=4-9\r\n",
            206,
        ),
        t("HEAD of a page", "HEAD", b("knee/"), "", 200),
        t("address without its slash", "GET", b("knee"), "", 302),
        t("unknown page", "GET", b("no-such-page/"), "", 404),
        t("path out of the site", "GET", b("../secret.txt"), "", 400),
        t("POST", "POST", b(""), "Content-Length: 0\r\n", 405),
        t(
            "live-reload stream",
            "GET",
            "/__sinew/events?v=0".into(),
            "",
            200,
        ),
    ]);
    v
}

/// Status and body of one answer (for a live-reload stream: its first event's name).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Answer {
    status: u16,
    body: Vec<u8>,
}

impl Answer {
    fn describe(&self) -> String {
        let text = String::from_utf8_lossy(&self.body[..self.body.len().min(120)]).into_owned();
        format!("{} with {} bytes ({text:?})", self.status, self.body.len())
    }
}

/// Time left before `end`, or the error for a stall.
fn left(end: Instant, what: &str) -> Result<Duration, String> {
    let l = end.saturating_duration_since(Instant::now());
    if l.is_zero() {
        Err(format!("stalled: {what} not done before the deadline"))
    } else {
        Ok(l)
    }
}

fn io_error(e: std::io::Error, what: &str) -> String {
    match e.kind() {
        ErrorKind::WouldBlock | ErrorKind::TimedOut => {
            format!("stalled: {what} not done before the deadline")
        }
        _ => format!("{what} failed: {e}"),
    }
}

fn connect(addr: SocketAddr, end: Instant) -> Result<BufReader<TcpStream>, String> {
    let s = TcpStream::connect_timeout(&addr, left(end, "connecting")?)
        .map_err(|e| io_error(e, "connecting"))?;
    s.set_nodelay(true).ok();
    Ok(BufReader::with_capacity(64 << 10, s))
}

fn send(c: &mut BufReader<TcpStream>, raw: &[u8], end: Instant) -> Result<(), String> {
    let s = c.get_mut();
    s.set_write_timeout(Some(left(end, "sending the request")?))
        .unwrap();
    s.write_all(raw)
        .map_err(|e| io_error(e, "sending the request"))
}

fn line(c: &mut BufReader<TcpStream>, end: Instant, what: &str) -> Result<String, String> {
    let mut buf = Vec::new();
    loop {
        c.get_ref()
            .set_read_timeout(Some(left(end, what)?))
            .unwrap();
        match c.read_until(b'\n', &mut buf) {
            Ok(0) => {
                return Err(format!(
                    "the server closed the connection before {what} was complete"
                ));
            }
            Ok(_) if buf.ends_with(b"\n") => {
                return Ok(String::from_utf8_lossy(&buf).trim_end().to_string());
            }
            Ok(_) => {}
            Err(e) => return Err(io_error(e, what)),
        }
    }
}

/// The status and headers (names lowercased) of an answer.
fn head(
    c: &mut BufReader<TcpStream>,
    end: Instant,
) -> Result<(u16, Vec<(String, String)>), String> {
    let status_line = line(c, end, "reading the status line")?;
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("not an HTTP status line: {status_line:?}"))?;
    let mut headers = Vec::new();
    loop {
        let l = line(c, end, "reading the headers")?;
        if l.is_empty() {
            return Ok((status, headers));
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
}

/// Reads one complete answer: by its `Content-Length`, or (a live-reload stream) up to
/// its first event.
fn answer(c: &mut BufReader<TcpStream>, method: &str, end: Instant) -> Result<Answer, String> {
    let (status, headers) = head(c, end)?;
    let get = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if get("content-type").is_some_and(|t| t.starts_with("text/event-stream")) {
        loop {
            let l = line(c, end, "waiting for the stream's first event")?;
            if let Some(name) = l.strip_prefix("event: ") {
                return Ok(Answer {
                    status,
                    body: name.as_bytes().to_vec(),
                });
            }
        }
    }
    let len: usize = get("content-length")
        .and_then(|l| l.parse().ok())
        .ok_or_else(|| format!("answer {status} has no Content-Length"))?;
    if method == "HEAD" {
        return Ok(Answer {
            status,
            body: Vec::new(),
        });
    }
    let mut body = vec![0; len];
    let mut got = 0;
    while got < len {
        c.get_ref()
            .set_read_timeout(Some(left(end, "reading the body")?))
            .unwrap();
        match c.read(&mut body[got..]) {
            Ok(0) => {
                return Err(format!(
                    "the server closed the connection after {got} of {len} body bytes"
                ));
            }
            Ok(n) => got += n,
            Err(e) => return Err(io_error(e, "reading the body")),
        }
    }
    Ok(Answer { status, body })
}

/// One request on a new connection that asks to be closed afterwards.
fn once(addr: SocketAddr, t: &Target, end: Instant) -> Result<Answer, String> {
    let mut c = connect(addr, end)?;
    send(&mut c, &t.raw(addr.port(), true), end)?;
    answer(&mut c, t.method, end)
}

// ---------------------------------------------------------------------------------
// The load

/// A small, fixed pseudo-random sequence (xorshift), so that each run sends the same mix.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// How many requests are done, for the half-sent connections' trickle.
#[derive(Default)]
struct Progress {
    done: Mutex<(usize, bool)>,
    changed: Condvar,
}

impl Progress {
    fn add(&self) {
        self.done.lock().unwrap().0 += 1;
        self.changed.notify_all();
    }

    fn finish(&self) {
        self.done.lock().unwrap().1 = true;
        self.changed.notify_all();
    }

    /// Waits until `n` requests are done; false if the load finished first.
    fn wait_for(&self, n: usize) -> bool {
        let g = self.done.lock().unwrap();
        let g = self
            .changed
            .wait_while(g, |(done, finished)| *done < n && !*finished)
            .unwrap();
        g.0 >= n
    }
}

/// What one client thread saw.
#[derive(Default)]
struct ClientResult {
    keep_alive: Vec<Duration>,
    fresh: Vec<Duration>,
    failures: Vec<String>,
}

fn client(
    id: usize,
    count: usize,
    addr: SocketAddr,
    targets: &[(Target, Answer)],
    deadline: Duration,
    progress: &Progress,
) -> ClientResult {
    let keep_alive = id.is_multiple_of(2);
    let mode = if keep_alive { "kept alive" } else { "new" };
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (id as u64 + 1).wrapping_mul(0x2545_F491));
    let mut conn: Option<BufReader<TcpStream>> = None;
    let mut out = ClientResult::default();
    for n in 0..count {
        let (t, want) = &targets[rng.below(targets.len())];
        let start = Instant::now();
        let end = start + deadline;
        // A stream stays open until it is closed, so it always gets its own connection.
        let reuse = keep_alive && !t.is_stream();
        let got = if reuse {
            (|| {
                if conn.is_none() {
                    conn = Some(connect(addr, end)?);
                }
                let c = conn.as_mut().unwrap();
                send(c, &t.raw(addr.port(), false), end)?;
                answer(c, t.method, end)
            })()
        } else {
            once(addr, t, end)
        };
        let took = start.elapsed();
        let what = format!(
            "client {id} ({mode} connection), request {n}: {} {} ({})",
            t.method, t.path, t.name
        );
        match got {
            Ok(a) if a == *want => {
                if reuse {
                    out.keep_alive.push(took);
                } else {
                    out.fresh.push(took);
                }
            }
            Ok(a) => out.failures.push(format!(
                "{what}: got {}, expected {}",
                a.describe(),
                want.describe()
            )),
            Err(e) => {
                out.failures
                    .push(format!("{what}: {e} (after {} ms)", took.as_millis()));
                conn = None;
            }
        }
        progress.add();
    }
    out
}

/// Connections held open during the load.
struct Held {
    streams: Vec<BufReader<TcpStream>>,
    idle: Vec<BufReader<TcpStream>>,
    half_sent: Vec<BufReader<TcpStream>>,
    stalled: Vec<BufReader<TcpStream>>,
}

/// The version of the site a page shows (`data-sinew-version`).
fn version_of(page: &Answer) -> String {
    let text = String::from_utf8_lossy(&page.body);
    let at = text
        .find("data-sinew-version=\"")
        .expect("a served page carries its version")
        + "data-sinew-version=\"".len();
    text[at..at + text[at..].find('"').unwrap()].to_string()
}

fn open_background(
    server: &Server,
    load: &Load,
    page: &Target,
    version: &str,
) -> Result<Held, String> {
    let addr = server.addr();
    let end = Instant::now() + load.deadline;
    let mut held = Held {
        streams: Vec::new(),
        idle: Vec::new(),
        half_sent: Vec::new(),
        stalled: Vec::new(),
    };
    for i in 0..load.stalled_readers {
        let mut c = connect(addr, end)?;
        let raw = format!(
            "GET {}big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            server.base
        );
        send(&mut c, raw.as_bytes(), end)?;
        let (status, _) = head(&mut c, end)
            .map_err(|e| format!("download {i} of big.bin that then stops reading: {e}"))?;
        if status != 200 {
            return Err(format!("download {i} of big.bin got {status}"));
        }
        held.stalled.push(c);
    }
    for i in 0..load.streams {
        let mut c = connect(addr, end)?;
        let raw = format!(
            "GET /__sinew/events?v={version} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        );
        send(&mut c, raw.as_bytes(), end)?;
        let (status, _) = head(&mut c, end).map_err(|e| format!("live-reload stream {i}: {e}"))?;
        if status != 200 {
            return Err(format!("live-reload stream {i} got {status}"));
        }
        held.streams.push(c);
    }
    for _ in 0..load.idle {
        held.idle.push(connect(addr, end)?);
    }
    for _ in 0..load.half_sent {
        let mut c = connect(addr, end)?;
        let raw = page.raw(addr.port(), true);
        // Everything but the blank line that ends the head.
        send(&mut c, &raw[..raw.len() - 2], end)?;
        held.half_sent.push(c);
    }
    Ok(held)
}

/// Runs `load` against `server` and reports every answer's time and every failure.
/// Panics only when the server cannot be set up for the load at all.
pub(crate) fn run(server: &mut Server, load: &Load) -> Report {
    let addr = server.addr();
    let mut report = Report::default();

    // The answer to each request before the load: the load must give exactly these.
    let mut expected = Vec::new();
    for t in targets(&server.base) {
        let end = Instant::now() + load.deadline;
        let a = once(addr, &t, end).unwrap_or_else(|e| panic!("{} {}: {e}", t.method, t.path));
        assert_eq!(
            a.status,
            t.status,
            "{} {}: {}",
            t.method,
            t.path,
            a.describe()
        );
        assert!(
            !String::from_utf8_lossy(&a.body).contains("SECRET-4e1f"),
            "{} leaked the secret",
            t.path
        );
        expected.push((t, a));
    }
    let page = expected
        .iter()
        .find(|(t, _)| t.path.ends_with("knee/") && t.method == "GET")
        .cloned()
        .expect("the mix has the knee page");
    let version = version_of(&page.1);

    let mut held = match open_background(server, load, &page.0, &version) {
        Ok(h) => h,
        Err(e) => {
            report
                .failures
                .push(format!("before the load, opening held connections: {e}"));
            return report;
        }
    };

    let progress = Progress::default();
    let step = (load.requests / 20).max(1);
    let start = Instant::now();
    std::thread::scope(|scope| {
        let trickle = scope.spawn(|| {
            let mut failures = Vec::new();
            let mut n = 0;
            while progress.wait_for((n + 1) * step) {
                n += 1;
                let header = format!("X-Slow-{n}: still sending\r\n");
                for (i, c) in held.half_sent.iter_mut().enumerate() {
                    let end = Instant::now() + load.deadline;
                    if let Err(e) = send(c, header.as_bytes(), end) {
                        failures.push(format!("half-sent request {i}, header line {n}: {e}"));
                    }
                }
            }
            failures
        });
        let clients: Vec<_> = (0..load.clients)
            .map(|id| {
                let count =
                    load.requests / load.clients + usize::from(id < load.requests % load.clients);
                let (expected, progress) = (&expected, &progress);
                scope.spawn(move || client(id, count, addr, expected, load.deadline, progress))
            })
            .collect();
        for c in clients {
            let r = c.join().expect("a client thread panicked");
            report.keep_alive.extend(r.keep_alive);
            report.fresh.extend(r.fresh);
            report.failures.extend(r.failures);
        }
        report.elapsed = start.elapsed();
        progress.finish();
        report
            .failures
            .extend(trickle.join().expect("the trickle thread panicked"));
    });

    // The connections held through the load still work.
    for (i, c) in held.idle.iter_mut().enumerate() {
        let end = Instant::now() + load.deadline;
        let got = send(c, &page.0.raw(addr.port(), true), end).and_then(|_| answer(c, "GET", end));
        match got {
            Ok(a) if a == page.1 => {}
            Ok(a) => report.failures.push(format!(
                "idle connection {i}, asking at last: got {}",
                a.describe()
            )),
            Err(e) => report
                .failures
                .push(format!("idle connection {i}, asking at last: {e}")),
        }
    }
    for (i, c) in held.half_sent.iter_mut().enumerate() {
        let end = Instant::now() + load.deadline;
        let got = send(c, b"\r\n", end).and_then(|_| answer(c, "GET", end));
        match got {
            Ok(a) if a == page.1 => {}
            Ok(a) => report.failures.push(format!(
                "half-sent request {i}, finished at last: got {}",
                a.describe()
            )),
            Err(e) => report
                .failures
                .push(format!("half-sent request {i}, finished at last: {e}")),
        }
    }
    if let Some(status) = server.exited() {
        report.failures.push(format!(
            "the server exited ({status}); stderr:\n{}",
            server.stderr()
        ));
        return report;
    }
    // An edit reaches every stream opened before the load.
    let knee = server.site.join("content/knee.md");
    let text = fs::read_to_string(&knee).unwrap();
    fs::write(&knee, format!("{text}\nEdited after the load.\n")).unwrap();
    for (i, c) in held.streams.iter_mut().enumerate() {
        let end = Instant::now() + load.deadline;
        let got = loop {
            match line(c, end, "waiting for the reload event") {
                Ok(l) if l == "event: reload" => break Ok(()),
                Ok(_) => {}
                Err(e) => break Err(e),
            }
        };
        if let Err(e) = got {
            report
                .failures
                .push(format!("live-reload stream {i}, after an edit: {e}"));
        }
    }
    drop(held);
    report
}
