//! Starting the real `sinew serve` for a test: the process with its output read on
//! threads, and where it says it listens. Shared by `tests/serve.rs`,
//! `tests/serve_hardening.rs` and the load (`tests/load/mod.rs`, also a benchmark's).

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// A running `sinew serve`, killed when dropped (and its temporary folder removed).
pub(crate) struct Preview {
    pub(crate) child: Child,
    /// The port it listens on (127.0.0.1).
    pub(crate) port: u16,
    /// The path the site is served under, e.g. `/patients/`.
    pub(crate) base: String,
    /// The served site's folder.
    pub(crate) site: PathBuf,
    /// The lines it prints on stdout after the first (`Serving ... at <address>`).
    pub(crate) stdout: Receiver<String>,
    /// Everything printed on stderr so far; the condition is notified at every line.
    pub(crate) stderr: Arc<(Mutex<String>, Condvar)>,
    /// The temporary folder that holds `site` (and whatever a test put beside it).
    pub(crate) dir: tempfile::TempDir,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Preview {
    /// Starts `command` (a `sinew serve` of `site`, inside `dir`, on 127.0.0.1) with its
    /// stdout and stderr read on threads, and waits up to `deadline` for its first line,
    /// "Serving <title> at http://127.0.0.1:PORT/base/", for the port and base path.
    pub(crate) fn launch(
        mut command: Command,
        dir: tempfile::TempDir,
        site: PathBuf,
        deadline: Duration,
    ) -> Preview {
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {command:?}: {e}"));
        let (tx, stdout) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new((Mutex::new(String::new()), Condvar::new()));
        let err = child.stderr.take().unwrap();
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut s = sink.0.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
                sink.1.notify_all();
            }
        });
        let mut s = Preview {
            child,
            port: 0,
            base: String::new(),
            site,
            stdout,
            stderr,
            dir,
        };
        let line = s.stdout.recv_timeout(deadline).unwrap_or_else(|_| {
            panic!(
                "sinew serve printed no `Serving` line; stderr:\n{}",
                s.stderr()
            )
        });
        let rest = line
            .rsplit(' ')
            .next()
            .and_then(|url| url.strip_prefix("http://127.0.0.1:"))
            .unwrap_or_else(|| panic!("unexpected first line: {line}"));
        let (port, base) = rest.split_at(rest.find('/').unwrap());
        s.port = port.parse().unwrap();
        s.base = base.to_string();
        s
    }

    /// The address to connect to.
    pub(crate) fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    /// Everything the server printed to stderr so far.
    pub(crate) fn stderr(&self) -> String {
        self.stderr.0.lock().unwrap().clone()
    }

    /// Waits up to `deadline` until the server has printed `text` to stderr.
    pub(crate) fn wait_for_stderr_within(&self, text: &str, deadline: Duration) {
        let (lock, printed) = &*self.stderr;
        let all = lock.lock().unwrap();
        let (all, timeout) = printed
            .wait_timeout_while(all, deadline, |all| !all.contains(text))
            .unwrap();
        assert!(
            !timeout.timed_out(),
            "never printed {text:?}; stderr:\n{all}"
        );
    }

    /// `None` while the server runs, or how it ended.
    pub(crate) fn exited(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().unwrap()
    }
}
