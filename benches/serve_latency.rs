//! Save-to-reload latency of `sinew serve`, through the real server: the time from
//! writing a page to the live-reload stream announcing the rebuilt site.
//!
//! Run with `cargo bench --bench serve_latency` (a release build). It measures the
//! repository's sample site, then a generated site of `SINEW_BENCH_PAGES` pages
//! (default 10,000), and prints the median and worst of each. It is a benchmark, not
//! a test: it asserts nothing about the numbers.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Starts `sinew serve` on `site` and returns it with its port.
fn start(site: &Path) -> (Server, u16) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sinew"))
        .args(["serve", "--port", "0", "--root", site.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start sinew serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok());
    (
        Server(child),
        port.unwrap_or_else(|| panic!("unexpected first line: {line}")),
    )
}

/// The live-reload stream, opened as up to date (`v` is whatever the server says first).
fn events(port: u16) -> BufReader<TcpStream> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    write!(s, "GET /__sinew/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut r = BufReader::new(s);
    // Without a version the server says `reload` at once: read past it.
    wait_for_reload(&mut r);
    r
}

fn wait_for_reload(r: &mut BufReader<TcpStream>) {
    let mut line = String::new();
    loop {
        line.clear();
        assert!(r.read_line(&mut line).unwrap() > 0, "stream closed");
        if line.starts_with("event: reload") {
            return;
        }
        assert!(
            !line.starts_with("event: errors"),
            "the edited site did not build"
        );
    }
}

/// Edits `page` `runs` times and returns each save-to-event time.
fn measure(site: &Path, page: &str, runs: usize) -> Vec<Duration> {
    let (_server, port) = start(site);
    let mut stream = events(port);
    let path = site.join(page);
    let original = fs::read_to_string(&path).unwrap();
    let mut times = Vec::with_capacity(runs);
    for i in 0..runs {
        let text = format!("{original}\nEdit number {i}.\n");
        let t = Instant::now();
        fs::write(&path, text).unwrap();
        wait_for_reload(&mut stream);
        times.push(t.elapsed());
        // Let the debouncer forget this save before the next one.
        std::thread::sleep(Duration::from_millis(50));
    }
    times
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name}: median {:.1} ms, fastest {:.1} ms, slowest {:.1} ms ({} saves)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
}

fn generated_site(dir: &Path, pages: usize) {
    fs::write(dir.join("site.yaml"), "title: Generated clinic\n").unwrap();
    let content = dir.join("content");
    fs::create_dir_all(&content).unwrap();
    fs::write(
        content.join("index.md"),
        "---\ntitle: Home\n---\nWelcome.\n",
    )
    .unwrap();
    for s in 0..pages.div_ceil(100) {
        let section = content.join(format!("section-{s}"));
        fs::create_dir_all(&section).unwrap();
        for p in 0..100.min(pages - s * 100) {
            let text = format!(
                "---\ntitle: Page {p} of section {s}\ndescription: A generated page.\n---\n\n\
                 ## About this page\n\nSome text about pacing, with a [link home](@/index.md).\n\n\
                 - one\n- two\n- three\n"
            );
            fs::write(section.join(format!("page-{p}.md")), text).unwrap();
        }
    }
}

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let sample = dir.path().join("sample");
    fs::create_dir_all(&sample).unwrap();
    fs::copy(repo.join("site.yaml"), sample.join("site.yaml")).unwrap();
    copy_dir(&repo.join("content"), &sample.join("content"));
    report("sample site", measure(&sample, "content/pacing.md", 30));

    let pages: usize = std::env::var("SINEW_BENCH_PAGES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(10_000);
    let big = dir.path().join("generated");
    fs::create_dir_all(&big).unwrap();
    generated_site(&big, pages);
    report(
        &format!("generated site of {pages} pages"),
        measure(&big, "content/section-0/page-0.md", 5),
    );
}
