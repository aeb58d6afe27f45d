//! `sinew serve` under load: the real binary, 10,000 requests from 50 concurrent loopback
//! clients, mixed with held live-reload streams, idle and half-sent connections and
//! downloads that stop reading. Every answer must be exactly right and none may miss
//! its deadline. The load itself is in `load/mod.rs`, shared with `benches/serve_load.rs`,
//! which measures what this test only checks.

mod common;
mod load;

use std::time::Duration;

#[test]
fn ten_thousand_mixed_requests_all_get_the_right_answer_in_time() {
    let load = load::Load {
        clients: 50,
        requests: 10_000,
        streams: 20,
        idle: 20,
        half_sent: 20,
        // More than the server's 8 HTTP workers.
        stalled_readers: 12,
        // Generous for a debug build on a busy 2-core machine; a stall is far longer.
        deadline: Duration::from_secs(10),
    };
    let mut server = load::Server::start("serve-basic", load.deadline);
    let report = load::run(&mut server, &load);
    assert!(
        report.failures.is_empty(),
        "{}server stderr:\n{}",
        report.failures_summary(20),
        server.stderr()
    );
    assert_eq!(report.answered(), load.requests);
    assert!(
        server.exited().is_none(),
        "the server stopped: {}",
        server.stderr()
    );
    assert!(!server.stderr().contains("panicked"), "{}", server.stderr());
}
