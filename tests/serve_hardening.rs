//! `sinew serve` against clients that hold what they can (issue 14; see
//! docs/guarantees.md, "The preview keeps answering"):
//! - hundreds of idle connections at the usual open-file limit, more than the limit
//!   allows, and the server closing idle ones by itself
//! - a live-reload page that never reads while the site is rebuilt again and again
//! - an HTTP/1.0 request without `Host`
//!
//! Like tests/serve.rs, each test runs the real binary and talks raw TCP to it; waiting is
//! always for something (a line, an answer, an event, a closed connection) with a deadline.

mod common;

use common::serve::Preview;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Command;
use std::time::{Duration, Instant};

/// Only ever waited in full when something is broken.
const DEADLINE: Duration = Duration::from_secs(30);

/// A running `sinew serve` (see `tests/common/serve.rs`), killed when dropped.
type Serve = Preview;

/// Starts `sinew serve` of a copy of the `serve-basic` fixture; with `open_files`, under
/// that open-file limit (soft and hard, set with util-linux's `prlimit`), and with `env`
/// set.
fn serve(open_files: Option<u32>, env: &[(&str, &str)]) -> Serve {
    let dir = common::site_copy("serve-basic");
    let site = dir.path().join("site");
    let bin = env!("CARGO_BIN_EXE_sinew");
    let args = ["serve", "--root", site.to_str().unwrap(), "--port", "0"];
    let mut command = match open_files {
        Some(n) => {
            let mut c = Command::new("prlimit");
            c.arg(format!("--nofile={n}:{n}"))
                .arg("--")
                .arg(bin)
                .args(args);
            c
        }
        None => {
            let mut c = Command::new(bin);
            c.args(args);
            c
        }
    };
    command.envs(env.iter().copied());
    Preview::launch(command, dir, site, DEADLINE)
}

impl Serve {
    /// One `GET` of `path` (below the base) on a new connection: the status, or why none
    /// came before `deadline`.
    fn get_status(&self, path: &str, deadline: Duration) -> Result<u16, String> {
        let end = Instant::now() + deadline;
        let mut s =
            TcpStream::connect_timeout(&self.addr(), deadline).map_err(|e| e.to_string())?;
        s.set_read_timeout(Some(
            end.saturating_duration_since(Instant::now())
                .max(Duration::from_millis(1)),
        ))
        .unwrap();
        write!(
            s,
            "GET {}{path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
            self.base
        )
        .map_err(|e| e.to_string())?;
        let mut head = String::new();
        BufReader::new(s)
            .read_line(&mut head)
            .map_err(|e| e.to_string())?;
        head.split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| format!("no status line: {head:?}"))
    }

    /// Asks for the home page until it is answered (the server may first have to make
    /// room), failing after the deadline; returns the status.
    fn get_until_answered(&self) -> u16 {
        let end = Instant::now() + DEADLINE;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "the preview never answered again");
            if let Ok(status) = self.get_status("", left) {
                return status;
            }
        }
    }

    fn still_running(&mut self) {
        assert!(
            self.child.try_wait().unwrap().is_none(),
            "sinew serve has exited"
        );
    }
}

/// Opens up to `n` connections that send nothing, stopping at the first that does not
/// connect (at its limit, the server accepts none, and once its queue of connections
/// waiting to be accepted is full the system completes none either).
fn idle_connections(addr: SocketAddr, n: usize) -> Vec<TcpStream> {
    (0..n)
        .map_while(|_| TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok())
        .collect()
}

#[test]
fn six_hundred_idle_connections_at_the_usual_open_file_limit_leave_the_preview_answering() {
    // tiny_http used two file descriptors a connection and ended its accept thread at
    // the limit: about 510 idle connections stopped the preview for good.
    let mut s = serve(Some(1024), &[]);
    let idle = idle_connections(s.addr(), 600);
    assert_eq!(idle.len(), 600);
    // Every one of them has been accepted: a request on the last one is answered.
    let mut last = idle.last().unwrap().try_clone().unwrap();
    last.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(last, "GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", s.base).unwrap();
    let mut first = [0; 12];
    last.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");
    assert_eq!(s.get_status("", DEADLINE), Ok(200));
    s.still_running();
}

#[test]
fn past_the_open_file_limit_the_preview_recovers_when_clients_leave() {
    let mut s = serve(Some(256), &[]);
    // Far more than the server can hold open.
    let idle = idle_connections(s.addr(), 600);
    assert!(idle.len() > 200, "{}", idle.len());
    s.still_running();
    drop(idle);
    assert_eq!(s.get_until_answered(), 200);
    // And it keeps accepting: more than the limit in turn, one after another.
    for _ in 0..300 {
        assert_eq!(s.get_status("", DEADLINE), Ok(200));
    }
    s.still_running();
}

#[test]
fn idle_and_half_sent_connections_are_closed_by_the_server() {
    // The timeouts shortened for the test (the real ones are a minute).
    let mut s = serve(Some(256), &[("SINEW_SERVE_TIMEOUT_MS", "1500")]);
    let idle = idle_connections(s.addr(), 600);
    assert!(idle.len() > 200, "{}", idle.len());
    // Clients that never leave: the server closes them itself and answers again.
    assert_eq!(s.get_until_answered(), 200);
    // An idle connection and a half-sent request are each closed (read sees the end).
    let mut quiet = TcpStream::connect(s.addr()).unwrap();
    let mut half = TcpStream::connect(s.addr()).unwrap();
    write!(
        half,
        "GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow:",
        s.base
    )
    .unwrap();
    for c in [&mut quiet, &mut half] {
        c.set_read_timeout(Some(DEADLINE)).unwrap();
        let mut rest = Vec::new();
        // Closed: the end of the stream, or a reset, never the deadline.
        match c.read_to_end(&mut rest) {
            Ok(_) => {}
            Err(e) => assert_eq!(
                e.kind(),
                std::io::ErrorKind::ConnectionReset,
                "not closed by the server: {e}"
            ),
        }
    }
    drop(idle);
    s.still_running();
}

#[test]
fn an_http_1_0_request_without_host_is_refused() {
    let s = serve(None, &[]);
    let ask = |request: &str| -> String {
        let mut c = TcpStream::connect(s.addr()).unwrap();
        c.set_read_timeout(Some(DEADLINE)).unwrap();
        c.write_all(request.as_bytes()).unwrap();
        let mut head = String::new();
        BufReader::new(c).read_line(&mut head).unwrap();
        head
    };
    let base = &s.base;
    assert!(ask(&format!("GET {base} HTTP/1.0\r\n\r\n")).contains(" 400 "));
    assert!(ask(&format!("GET {base} HTTP/1.0\r\nHost: localhost\r\n\r\n")).contains(" 200 "));
}

/// A live-reload stream: `GET /__sinew/events` on a raw connection.
fn open_stream(s: &Serve, small_window: bool) -> TcpStream {
    let sock = if small_window {
        // A tiny receive buffer, so that the server's writes stall after a few events.
        let socket = rustix::net::socket(
            rustix::net::AddressFamily::INET,
            rustix::net::SocketType::STREAM,
            None,
        )
        .unwrap();
        rustix::net::sockopt::set_socket_recv_buffer_size(&socket, 1024).unwrap();
        rustix::net::connect(&socket, &s.addr()).unwrap();
        TcpStream::from(socket)
    } else {
        TcpStream::connect(s.addr()).unwrap()
    };
    let mut w = &sock;
    write!(
        w,
        "GET /__sinew/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    sock
}

#[test]
fn a_live_reload_page_that_never_reads_does_not_hold_up_rebuilds() {
    let mut s = serve(None, &[]);
    let stalled = open_stream(&s, true);
    let reader = open_stream(&s, false);
    reader.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut events = BufReader::new(reader);
    let knee = s.site.join("content/knee.md");
    // Each broken save sends every page the error box, several kilobytes with this long
    // link: far more than the stalled page's connection can hold after a few saves.
    let long = "x".repeat(3000);
    for i in 0..40 {
        let text = if i % 2 == 0 {
            format!("---\ntitle: Knee pain\n---\n\nSee [this](@/missing-{i}-{long}.md).\n")
        } else {
            format!("---\ntitle: Knee pain\n---\n\nKnee text version {i}.\n")
        };
        fs::write(&knee, text).unwrap();
        let want = if i % 2 == 0 {
            "event: errors"
        } else {
            "event: reload"
        };
        // The page that reads gets this save's event: the rebuild was not held up.
        loop {
            let mut line = String::new();
            let n = events.read_line(&mut line).unwrap_or_else(|e| {
                panic!("save {i}: no `{want}` in time ({e}): rebuilds are held up")
            });
            assert!(n > 0, "save {i}: the reading page's stream closed");
            if line.trim_end() == want {
                break;
            }
        }
    }
    assert_eq!(s.get_status("", DEADLINE), Ok(200));
    s.still_running();
    drop(stalled);
}
