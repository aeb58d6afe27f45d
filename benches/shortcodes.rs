//! How long a page of many shortcodes takes to build (issue 14): the sample-sized `basic`
//! fixture plus one page holding 1,000, 10,000 and 40,000 `exercise` shortcodes, each
//! built through the library (`sinew::build`, in memory) a few times; it prints the
//! median per size. With the work in step with the page, 10 times the shortcodes take
//! about 10 times as long (they once took the square: 10,000 in 12 seconds).
//!
//! Run with `cargo bench --bench shortcodes` (a release build). It is a benchmark, not a
//! test: it asserts nothing about the numbers (`tests/complexity.rs` checks how the work
//! grows, by counting). Run by `cargo test --all-targets` (without `--bench`), it only
//! checks that it works, with 100 shortcodes once.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

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

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let (sizes, runs): (&[usize], usize) = if bench {
        (&[1_000, 10_000, 40_000], 5)
    } else {
        (&[100], 1)
    };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/basic"),
        &site,
    );
    for &n in sizes {
        let body: String = (0..n)
            .map(|i| format!("Step {i}.\n\n{{{{ exercise(id=\"squat\") }}}}\n\n"))
            .collect();
        fs::write(
            site.join("content/many.md"),
            format!("---\ntitle: Many exercises\n---\n\n{body}"),
        )
        .unwrap();
        let opts = sinew::BuildOptions {
            root: site.clone(),
            ..sinew::BuildOptions::default()
        };
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                sinew::build(&opts).expect("the site builds");
                t.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "build with {n:>6} shortcodes in one page: median {:>8.1} ms ({runs} runs)",
            times[runs / 2].as_secs_f64() * 1000.0
        );
    }
}
