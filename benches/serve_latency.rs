//! Dev-mode speed of `sinew serve`, through the real server (issue 6):
//!
//! - **first page**: from starting `sinew serve` to the first page served over HTTP;
//! - **save to served**: from writing a page to its new text served over HTTP (the
//!   live-reload event, then the GET a browser makes on it). Debounce included.
//!
//! Run with `cargo bench --bench serve_latency` (a release build). It measures the
//! repository's sample site, then a generated site of `SINEW_BENCH_PAGES` pages
//! (default 10,000: about 250 words each in 20 folders, with tags, headings, lists,
//! links between pages, 500 exercises and 100 ladders; a fixed seed), and prints the
//! median, fastest and slowest of each. `SINEW_BENCH_SITE=path/to/site` measures that
//! site instead of a generated one (its first regular page is edited, then restored).
//! It is a benchmark, not a test: it asserts nothing about the numbers. Run by
//! `cargo test --all-targets` (without `--bench`), it only checks that it works, on a
//! site of 200 pages with a few saves.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
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

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One GET on a new connection: (status, body), or `None` if nothing answers yet.
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(60))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    let text = String::from_utf8_lossy(&raw);
    let status = text.split(' ').nth(1)?.parse().ok()?;
    let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    Some((status, body.to_string()))
}

/// Starts `sinew serve` on `site` and returns it, its port, and the time until `url`
/// was first served with `needle` in it.
fn start(site: &Path, url: &str, needle: &str) -> (Server, u16, Duration) {
    let port = free_port();
    let t = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_sinew"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(site)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start sinew serve");
    let server = Server(child);
    loop {
        if let Some((200, body)) = get(port, url)
            && body.contains(needle)
        {
            return (server, port, t.elapsed());
        }
        assert!(t.elapsed() < Duration::from_secs(120), "nothing served");
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// The live-reload stream, opened as up to date (`v` is whatever the server says first).
fn events(port: u16) -> BufReader<TcpStream> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    write!(s, "GET /__sinew/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
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

struct Measured {
    first_page: Duration,
    saves: Vec<Duration>,
}

/// Serves `site`, then edits `page` (served at `url`) `runs` times.
fn measure(site: &Path, page: &Path, url: &str, runs: usize) -> Measured {
    let original = fs::read_to_string(page).unwrap();
    let title = original
        .lines()
        .find_map(|l| l.strip_prefix("title:"))
        .map(|t| t.trim().trim_matches('"').to_string())
        .unwrap_or_default();
    let (_server, port, first_page) = start(site, url, &title);
    let mut stream = events(port);
    let mut saves = Vec::with_capacity(runs);
    for i in 0..runs {
        let marker = format!("benchedit{}n{i}", std::process::id());
        let text = format!("{original}\nEdit {marker}.\n");
        let t = Instant::now();
        fs::write(page, text).unwrap();
        // A reload event may belong to an earlier change (the watcher can report one save
        // as several events): poll the page itself until it shows this edit.
        wait_for_reload(&mut stream);
        loop {
            if let Some((200, body)) = get(port, url)
                && body.contains(&marker)
            {
                break;
            }
            assert!(t.elapsed() < Duration::from_secs(30), "new text not served");
            std::thread::sleep(Duration::from_millis(1));
        }
        saves.push(t.elapsed());
        // Let the debouncer forget this save before the next one.
        std::thread::sleep(Duration::from_millis(100));
    }
    fs::write(page, original).unwrap();
    Measured { first_page, saves }
}

fn report(name: &str, m: Measured) {
    let mut times = m.saves;
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name}: first page served {:.0} ms after start; save to served: median {:.1} ms, \
         fastest {:.1} ms, slowest {:.1} ms ({} saves)",
        ms(m.first_page),
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
}

/// A small deterministic random number generator (no dependency for a benchmark).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

const WORDS: &[&str] = &[
    "pain", "tendon", "muscle", "joint", "knee", "hip", "back", "walk", "rest", "sleep", "gently",
    "slowly", "helps", "eases", "builds", "your", "the", "each", "daily", "steady", "exercise",
    "stretch", "strength", "balance", "with", "after", "before", "during", "for", "often", "short",
    "long", "easy", "firm", "warm", "plan", "week", "day", "step", "set",
];
const HEADINGS: &[&str] = &[
    "What it is",
    "What helps",
    "Things to avoid",
    "When to get help",
    "Your first week",
    "At work",
    "At home",
    "Common questions",
];
const FOLDERS: usize = 20;
const EXERCISES: usize = 500;
const LADDERS: usize = 100;

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s: Vec<&str> = (0..words).map(|_| rng.pick(WORDS)).collect();
    let first = s[0][..1].to_uppercase() + &s[0][1..];
    s[0] = &first;
    format!("{}.", s.join(" "))
}

/// Writes a site of `pages` pages of about 250 words into `dir`.
fn generated_site(dir: &Path, pages: usize) {
    let mut rng = Rng(2024);
    fs::create_dir_all(dir).unwrap();
    fs::write(dir.join("site.yaml"), "title: Generated clinic\n").unwrap();
    let content = dir.join("content");
    let w = |rel: String, text: String| {
        let p = content.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    };
    w(
        "index.md".into(),
        "---\ntitle: Home\n---\nWelcome.\n".into(),
    );
    for e in 0..EXERCISES {
        w(
            format!("exercises/ex-{e}.yaml"),
            format!("name: Exercise {e}\nsteps:\n  - Stand tall.\n  - Move slowly.\n"),
        );
    }
    for l in 0..LADDERS {
        let stage = |n: usize| {
            format!(
                "  - exercise: ex-{}\n    start: {{ sets: 1, reps: 5 }}\n    target: {{ sets: 3, reps: 10 }}\n    days: {{ min: 3, max: 7 }}\n",
                (l * 3 + n) % EXERCISES
            )
        };
        w(
            format!("programs/ladder-{l}.yaml"),
            format!(
                "title: Ladder {l}\ntimes_per_day: 1\npain:\n  max_rise_during: 2\n  max_rise_after: 2\n  settle_minutes: 30\n  baseline_max: 5\nstages:\n{}{}{}",
                stage(0),
                stage(1),
                stage(2)
            ),
        );
    }
    let path = |n: usize| format!("folder-{}/page-{n}.md", n % FOLDERS);
    for f in 0..FOLDERS {
        w(
            format!("folder-{f}/index.md"),
            format!("---\ntitle: Folder {f}\n---\nThe pages of folder {f}.\n"),
        );
    }
    for n in 0..pages {
        let mut body = String::new();
        for h in 0..3 {
            body.push_str(&format!("## {}\n\n", HEADINGS[(n + h) % HEADINGS.len()]));
            for _ in 0..3 {
                body.push_str(&sentence(&mut rng, 9));
                body.push(' ');
            }
            let other = rng.below(pages);
            body.push_str(&format!(
                "See [page {other}](@/{}#{}).\n\n",
                path(other),
                content_anchor(other, rng.below(3))
            ));
            for _ in 0..3 {
                body.push_str(&format!("- {}\n", sentence(&mut rng, 6)));
            }
            body.push('\n');
        }
        if n % 10 == 0 {
            body.push_str(&format!(
                "{{{{ exercise(id=\"ex-{}\") }}}}\n",
                rng.below(EXERCISES)
            ));
        }
        let tags = format!("[tag-{}, tag-{}]", rng.below(50), rng.below(50));
        w(
            path(n),
            format!(
                "---\ntitle: Page {n}\ndescription: {}\ntags: {tags}\nweight: {}\n---\n\n{body}",
                sentence(&mut rng, 8),
                rng.below(100)
            ),
        );
    }
}

/// The id of page `n`'s `h`-th heading.
fn content_anchor(n: usize, h: usize) -> String {
    let text = HEADINGS[(n + h) % HEADINGS.len()];
    text.to_lowercase().replace(' ', "-")
}

/// The first regular page of the site at `root` (sorted), as (file, URL path).
fn first_page(root: &Path) -> (PathBuf, String) {
    let mut pages: Vec<PathBuf> = walk(&root.join("content"))
        .into_iter()
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md") && p.file_stem().is_some_and(|s| s != "index")
        })
        .collect();
    pages.sort();
    let page = pages.into_iter().next().expect("a page to edit");
    let rel = page.strip_prefix(root.join("content")).unwrap();
    let url = format!("/{}/", rel.with_extension("").to_string_lossy());
    (page, url)
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` does not.
    let quick = !std::env::args().any(|a| a == "--bench");
    let saves = if quick { 3 } else { 20 };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let sample = dir.path().join("sample");
    fs::create_dir_all(&sample).unwrap();
    fs::copy(repo.join("site.yaml"), sample.join("site.yaml")).unwrap();
    for sub in ["content", "templates", "static"] {
        if repo.join(sub).is_dir() {
            copy_dir(&repo.join(sub), &sample.join(sub));
        }
    }
    let page = sample.join("content/pacing.md");
    report(
        "sample site",
        measure(&sample, &page, "/pacing/", saves + 10),
    );

    let (name, big) = match std::env::var_os("SINEW_BENCH_SITE") {
        Some(site) => (
            format!("{}", Path::new(&site).display()),
            PathBuf::from(site),
        ),
        None => {
            let pages: usize = std::env::var("SINEW_BENCH_PAGES")
                .ok()
                .and_then(|p| p.parse().ok())
                .unwrap_or(if quick { 200 } else { 10_000 });
            let big = dir.path().join("generated");
            generated_site(&big, pages);
            (format!("generated site of {pages} pages"), big)
        }
    };
    let (page, url) = first_page(&big);
    report(&name, measure(&big, &page, &url, saves));
}
