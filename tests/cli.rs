//! The command line on a closed pipe (`sinew build 2>&1 | head`): every command ends as
//! it would with a reader, quietly and with its own exit code, and never panics (exit
//! code 101, "failed printing to stdout" on the standard error). Each command is run
//! with its standard output, then its standard error, as a pipe whose reading end is
//! already closed, so every write to it fails with `EPIPE`.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Which standard stream of the command is a pipe nobody reads.
#[derive(Clone, Copy, Debug)]
enum Closed {
    Stdout,
    Stderr,
}

const BOTH: [Closed; 2] = [Closed::Stdout, Closed::Stderr];

/// `sinew args` in `dir`, with `closed` a pipe whose reading end is closed, the other
/// stream read.
fn spawn_closed(dir: &Path, args: &[&str], closed: Closed) -> Child {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let mut command = Command::new(env!("CARGO_BIN_EXE_sinew"));
    command.args(args).current_dir(dir).stdin(Stdio::null());
    match closed {
        Closed::Stdout => command.stdout(writer).stderr(Stdio::piped()),
        Closed::Stderr => command.stdout(Stdio::piped()).stderr(writer),
    };
    command.spawn().expect("run sinew")
}

/// What the open stream said, as text.
fn said(output: &Output) -> String {
    let bytes = if output.stdout.is_empty() {
        &output.stderr
    } else {
        &output.stdout
    };
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `sinew args` in `dir` with `closed` closed and checks it ends with `code` and
/// without a panic.
fn run_closed(dir: &Path, args: &[&str], closed: Closed, code: i32) {
    let output = spawn_closed(dir, args, closed)
        .wait_with_output()
        .expect("wait for sinew");
    let text = said(&output);
    assert!(
        !text.contains("panicked"),
        "`sinew {}` with its {closed:?} closed panicked:\n{text}",
        args.join(" ")
    );
    assert_eq!(
        output.status.code(),
        Some(code),
        "`sinew {}` with its {closed:?} closed: {}\n{text}",
        args.join(" "),
        output.status
    );
}

/// Runs `sinew args` in `dir` with each stream closed in turn and checks it ends with
/// `code` and without a panic; `after` checks what the command did each time.
fn ends_quietly(dir: &Path, args: &[&str], code: i32, after: impl Fn(Closed)) {
    for closed in BOTH {
        run_closed(dir, args, closed, code);
        after(closed);
    }
}

/// A new starter site (`sinew init`) in a temporary folder, at `site/`.
fn starter_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let o = common::sinew_in(dir.path(), &["init", "site"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    dir
}

#[test]
fn help_and_version_end_quietly_on_a_closed_pipe() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["--help"][..], &["--version"], &["build", "--help"], &[]] {
        // With no command clap prints its usage on the standard error and exits 2.
        let code = if args.is_empty() { 2 } else { 0 };
        ends_quietly(dir.path(), args, code, |_| {});
    }
}

#[test]
fn init_and_new_end_quietly_on_a_closed_pipe_and_still_write_their_files() {
    let dir = tempfile::tempdir().unwrap();
    for (closed, name) in BOTH.into_iter().zip(["a", "b"]) {
        run_closed(dir.path(), &["init", name], closed, 0);
        assert!(dir.path().join(name).join("site.yaml").is_file());
        // Again: the folder is no longer empty, an error.
        run_closed(dir.path(), &["init", name], closed, 1);
    }
    for (closed, lang) in BOTH.into_iter().zip(["fr", "de"]) {
        let page = format!("conditions/closed-{lang}");
        run_closed(
            dir.path(),
            &["new", "page", &page, "--root", "a"],
            closed,
            0,
        );
        assert!(dir.path().join(format!("a/content/{page}.md")).is_file());
        let exercise = format!("closed-{lang}");
        run_closed(
            dir.path(),
            &["new", "exercise", &exercise, "--root", "a"],
            closed,
            0,
        );
        run_closed(
            dir.path(),
            &["new", "language", lang, "--root", "a"],
            closed,
            0,
        );
        assert!(dir.path().join(format!("a/i18n/{lang}.yaml")).is_file());
    }
}

#[test]
fn build_ends_quietly_on_a_closed_pipe_and_still_publishes_the_site() {
    let dir = starter_site();
    let out = dir.path().join("out");
    let out_arg = out.to_str().unwrap();
    ends_quietly(
        dir.path(),
        &["build", "--root", "site", "--out", out_arg, "--timings"],
        0,
        |closed| {
            assert!(
                out.join("index.html").is_file(),
                "{closed:?}: the site was not published"
            );
        },
    );
    // A site that does not build: the problems go to the closed standard error.
    std::fs::write(
        dir.path().join("site/content/exercises/broken.yaml"),
        "id: broken\nsteps: [\n",
    )
    .unwrap();
    ends_quietly(
        dir.path(),
        &["build", "--root", "site", "--out", out_arg],
        1,
        |_| {},
    );
}

#[test]
fn check_ends_quietly_on_a_closed_pipe_with_its_own_exit_code() {
    let dir = starter_site();
    // The starter site has warnings (placeholders, review dates) and no errors.
    ends_quietly(dir.path(), &["check", "--root", "site"], 0, |_| {});
    ends_quietly(
        dir.path(),
        &["check", "--root", "site", "--strict"],
        1,
        |_| {},
    );
    ends_quietly(
        dir.path(),
        &["check", "--root", "site", "--format", "json", "--strict"],
        1,
        |_| {},
    );
}

/// Whether something answers HTTP on `port`.
fn answers(port: u16) -> bool {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
    if s.write_all(b"GET / HTTP/1.0\r\n\r\n").is_err() {
        return false;
    }
    let mut head = [0u8; 5];
    s.read_exact(&mut head).is_ok() && &head == b"HTTP/"
}

// Stopped as Ctrl-C stops it, with SIGTERM.
#[cfg(unix)]
#[test]
fn serve_keeps_serving_on_a_closed_pipe_and_stops_quietly() {
    let dir = starter_site();
    for closed in BOTH {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let args = ["serve", "--root", "site", "--port", &port.to_string()];
        let mut child = spawn_closed(dir.path(), &args, closed);
        let deadline = Instant::now() + Duration::from_secs(120);
        while !answers(port) {
            if let Some(status) = child.try_wait().unwrap() {
                let output = child.wait_with_output().unwrap();
                panic!(
                    "`sinew serve` with its {closed:?} closed ended ({status}) before serving:\n{}",
                    said(&output)
                );
            }
            if Instant::now() >= deadline {
                let _ = child.kill();
                panic!("{closed:?}: `sinew serve` never served");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        // The server answers a moment before `serve` counts it as started (a stop
        // before that ends the program at once, as during the first build).
        std::thread::sleep(Duration::from_millis(300));
        // Ctrl-C's twin: it prints "Stopping." to the closed standard error, if that one.
        rustix::process::kill_process(
            rustix::process::Pid::from_child(&child),
            rustix::process::Signal::TERM,
        )
        .unwrap();
        let output = child.wait_with_output().unwrap();
        let text = said(&output);
        assert!(!text.contains("panicked"), "{closed:?}:\n{text}");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{closed:?}: {}\n{text}",
            output.status
        );
    }
}

/// A standard output that cannot be written for another reason than a closed pipe (here
/// a full disk) is not ignored: a report cut short must never pass for a whole one.
#[cfg(target_os = "linux")]
#[test]
fn an_output_that_cannot_be_written_fails_the_command() {
    let dir = starter_site();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_sinew"))
        .args(["check", "--root", "site", "--format", "json"])
        .current_dir(dir.path())
        .stdout(full)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("error: the output could not be written in full"),
        "{text}"
    );
    assert!(!text.contains("panicked"), "{text}");
}
