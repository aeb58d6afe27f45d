//! Printing to the terminal without ever panicking: `println!` and `eprintln!` panic when
//! the other end of the pipe has gone (`sinew build | head`), so the commands print with
//! `outln!`, `err!` and `errln!` instead.
//!
//! A closed pipe (`BrokenPipe`) ends the printing quietly, as it does for Unix tools, but
//! not the command: the site is still built or checked to the end, and the exit code is
//! the command's own. Any other failure to write the standard output (a full disk under
//! `sinew check --format json > report.json`) is kept, and [`finish`] turns a successful
//! exit code into 1 after saying so on the standard error, so a report that was cut short
//! never passes for a whole one.

use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Mutex;

/// The first failure to write the standard output other than a closed pipe.
static OUT_FAILED: Mutex<Option<io::Error>> = Mutex::new(None);

/// Where a text goes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stream {
    /// The standard output: what a command produces (summaries, `check`'s report).
    Out,
    /// The standard error: problems and progress.
    Err,
}

/// Writes `args` to `to`; a closed pipe is ignored, another failure on the standard output
/// is kept for [`finish`]. A failure on the standard error has nowhere to be told.
pub(crate) fn write(to: Stream, args: fmt::Arguments<'_>) {
    let result = match to {
        Stream::Out => io::stdout().lock().write_fmt(args),
        Stream::Err => io::stderr().lock().write_fmt(args),
    };
    if let Err(e) = result {
        keep(to, e);
    }
}

/// Keeps `e` if it matters: a failure on the standard output that is not a closed pipe.
fn keep(to: Stream, e: io::Error) {
    if to == Stream::Out && e.kind() != io::ErrorKind::BrokenPipe {
        OUT_FAILED
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get_or_insert(e);
    }
}

/// The exit code for a command that ended with `code`: the standard output is flushed,
/// and if any of it could not be written (a closed pipe aside) that is said on the
/// standard error and the code is 1.
pub(crate) fn finish(code: ExitCode) -> ExitCode {
    if let Err(e) = io::stdout().lock().flush() {
        keep(Stream::Out, e);
    }
    match OUT_FAILED.lock().unwrap_or_else(|p| p.into_inner()).take() {
        None => code,
        Some(e) => {
            write(
                Stream::Err,
                format_args!("error: the output could not be written in full: {e}\n"),
            );
            ExitCode::from(1)
        }
    }
}

/// `println!` that never panics: see the module's documentation.
macro_rules! outln {
    () => { $crate::cmd::say::write($crate::cmd::say::Stream::Out, format_args!("\n")) };
    ($($arg:tt)*) => {
        $crate::cmd::say::write($crate::cmd::say::Stream::Out, format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprint!` that never panics: see the module's documentation.
macro_rules! err {
    ($($arg:tt)*) => {
        $crate::cmd::say::write($crate::cmd::say::Stream::Err, format_args!($($arg)*))
    };
}

/// `eprintln!` that never panics: see the module's documentation.
macro_rules! errln {
    () => { $crate::cmd::say::write($crate::cmd::say::Stream::Err, format_args!("\n")) };
    ($($arg:tt)*) => {
        $crate::cmd::say::write($crate::cmd::say::Stream::Err, format_args!("{}\n", format_args!($($arg)*)))
    };
}
