//! Times making the site search index alone (issue 16), apart from the rest of the build:
//! builds the site at `SITE` in memory, then makes its index (as `sinew build` does after
//! rendering) and prints the index's CPU time (user + system, this process, Linux) and
//! wall time, the number of files and bytes, and a hash of them (the same site must give
//! the same hash every time).
//!
//! ```sh
//! cargo run --release --example search_index -- SITE [TIMES]
//! ```
//!
//! CPU time is what to compare on a machine shared with other work: run the two versions
//! back to back. `perf record -e cpu-clock --call-graph dwarf` on it profiles the index
//! without the rest of the build.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::Instant;

/// CPU time of this process so far, in seconds (Linux: `/proc/self/stat`; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // The fields after the command name, which is in parentheses: utime and stime are
    // the 12th and 13th of them, in clock ticks (100 per second on Linux).
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let tick = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (tick(11) + tick(12)) / 100.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(site) = args.next() else {
        eprintln!("usage: search_index SITE [TIMES]");
        std::process::exit(2);
    };
    let times: usize = args.next().and_then(|t| t.parse().ok()).unwrap_or(1);
    let mut session = sinew::site::Session::new(sinew::BuildOptions {
        root: site.into(),
        base_url: None,
        drafts: false,
        keep_text: false,
        previous_site: None,
        spill: None,
    });
    if let Err(problems) = session.build() {
        eprintln!("the site does not build:\n{problems:?}");
        std::process::exit(1);
    }
    let input = session.search_input();
    drop(session);
    for _ in 0..times {
        let (cpu, wall) = (cpu_seconds(), Instant::now());
        let files = match input.index() {
            Ok(f) => f,
            Err(e) => {
                eprintln!("the index could not be made: {e}");
                std::process::exit(1);
            }
        };
        let (cpu, wall) = (cpu_seconds() - cpu, wall.elapsed().as_secs_f64());
        let mut hash = DefaultHasher::new();
        let mut bytes = 0;
        for f in &files {
            f.path.hash(&mut hash);
            if let sinew::render::Body::Bytes(b) = &f.body {
                b.hash(&mut hash);
                bytes += b.len();
            }
        }
        println!(
            "search index of {} pages: {} files, {} bytes, hash {:016x}; cpu {cpu:.2} s, wall {wall:.2} s",
            input.docs.len(),
            files.len(),
            bytes,
            hash.finish()
        );
    }
}
