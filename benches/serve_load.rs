//! Throughput and latency of `sinew serve` under the load test's mixed load: the real
//! server, 50 concurrent loopback clients (half on kept-alive connections, half on a new
//! connection per request), with live-reload streams, idle and half-sent connections and
//! downloads that stop reading held open throughout; then the same requests without
//! those. The load is `tests/load/mod.rs`, so every answer is still checked; the
//! benchmark prints numbers and asserts none about them.
//!
//! Run with `cargo bench --bench serve_load` (a release build); `SINEW_BENCH_REQUESTS`
//! sets the number of requests per run (default 50,000). `cargo test --all-targets`
//! runs it too, without `--bench`, as a quick check with 1,000 requests.

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/load/mod.rs"]
mod load;

use load::{Load, Report, Server, percentile};
use std::time::Duration;

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn line(what: &str, sorted: &[Duration]) {
    println!(
        "  {what:<30} {:>6} answers   p50 {:>9}   p90 {:>9}   p99 {:>9}   p99.9 {:>9}   max {:>9}",
        sorted.len(),
        ms(percentile(sorted, 50.0)),
        ms(percentile(sorted, 90.0)),
        ms(percentile(sorted, 99.0)),
        ms(percentile(sorted, 99.9)),
        ms(sorted.last().copied().unwrap_or_default()),
    );
}

fn report(name: &str, load: &Load, r: &Report) -> bool {
    println!(
        "{name}: {} requests from {} clients in {:.2} s = {:.0} requests/s",
        load.requests,
        load.clients,
        r.elapsed.as_secs_f64(),
        r.answered() as f64 / r.elapsed.as_secs_f64()
    );
    line("all", &r.all());
    let mut k = r.keep_alive.clone();
    k.sort();
    line("kept-alive connection", &k);
    let mut f = r.fresh.clone();
    f.sort();
    line("new connection (incl. connect)", &f);
    if !r.failures.is_empty() {
        println!("{}", r.failures_summary(10));
    }
    r.failures.is_empty()
}

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let requests = std::env::var("SINEW_BENCH_REQUESTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(if benchmarking { 50_000 } else { 1_000 });
    let mixed = Load {
        clients: 50,
        requests,
        streams: 20,
        idle: 20,
        half_sent: 20,
        stalled_readers: 12,
        deadline: Duration::from_secs(10),
    };
    let plain = Load {
        streams: 0,
        idle: 0,
        half_sent: 0,
        stalled_readers: 0,
        ..mixed.clone()
    };
    let mut ok = true;
    for (name, load) in [("mixed load", &mixed), ("requests only", &plain)] {
        // A fresh server each time, so one run's held connections do not weigh on the next.
        let mut server = Server::start("serve-basic", load.deadline);
        let r = load::run(&mut server, load);
        ok &= report(name, load, &r);
    }
    if !ok {
        eprintln!("some answers were wrong or late: the numbers above do not count them");
        std::process::exit(1);
    }
}
