//! `sinew serve`: build the site in memory, serve it, rebuild and reload on every save,
//! and report each build in the terminal until Ctrl-C.

use crate::ServeArgs;
use anyhow::{Context, Result};
use sinew::serve::{Event, ServeOptions, Server};
use sinew::{BuildOptions, Diagnostics};
use std::net::{IpAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

pub(crate) fn run(args: ServeArgs) -> Result<ExitCode> {
    let bind = resolve(&args.bind)?;
    // The same error, printed the same way, as `sinew build` in a folder that is not a
    // site; nothing could ever be served from it.
    if let Err(d) = sinew::content::check_is_site(&args.root) {
        err!("{}", Diagnostics(vec![d]).to_text());
        errln!("sinew: 1 problem found; nothing is served");
        return Ok(ExitCode::from(1));
    }
    if !bind.is_loopback() {
        errln!(
            "warning: listening on {bind}: other computers on the network can see this preview, \
             drafts included. Leave `--bind` out to keep it on this computer"
        );
    }
    // Listened for before the server starts, so that a Ctrl-C (or SIGTERM) as soon as
    // `Server::start` returns stops it cleanly, keeping the site for a quick start next
    // time; one before that (during the first build) ends the program at once.
    let serving = std::sync::Arc::new(AtomicBool::new(false));
    let (tx, stop) = std::sync::mpsc::channel();
    ctrlc::set_handler({
        let serving = std::sync::Arc::clone(&serving);
        move || {
            if !serving.load(Ordering::SeqCst) {
                std::process::exit(130);
            }
            let _ = tx.send(());
        }
    })
    .context("failed to listen for Ctrl-C")?;
    let server = Server::start(ServeOptions {
        build: BuildOptions {
            root: args.root,
            drafts: args.drafts,
            ..BuildOptions::default()
        },
        bind,
        port: args.port,
        on_event: {
            // Warnings are printed when they change, not again after every save.
            let last_warnings = std::sync::Mutex::new(String::new());
            Box::new(move |e| report(e, &mut last_warnings.lock().expect("warnings lock")))
        },
    })?;
    serving.store(true, Ordering::SeqCst);
    let url = server.url();
    outln!("Serving {} at {url}", server.title());
    outln!("Edit and save any page: the browser updates by itself. Press Ctrl-C to stop.");
    if args.open {
        open_browser(&url);
    }
    let _ = stop.recv();
    errln!("\nStopping.");
    server.stop();
    Ok(ExitCode::SUCCESS)
}

/// `--bind` as an address: an IP address, or a name such as `localhost`.
fn resolve(bind: &str) -> Result<IpAddr> {
    if let Ok(ip) = bind.parse() {
        return Ok(ip);
    }
    (bind, 0)
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .map(|a| a.ip())
        .with_context(|| {
            format!("`--bind {bind}` is not an address of this computer: use e.g. 127.0.0.1")
        })
}

fn names(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    match names.len() {
        0..=3 => names.join(", "),
        n => format!("{} and {} more", names[..2].join(", "), n - 2),
    }
}

fn report(event: &Event, last_warnings: &mut String) {
    match event {
        Event::Built {
            changed,
            pages,
            rendered,
            took,
            warnings,
        } => {
            let text = warnings.to_text();
            if text != *last_warnings {
                err!("{text}");
                *last_warnings = text;
            }
            let why = if changed.is_empty() {
                String::new()
            } else {
                format!(" after a change to {}", names(changed))
            };
            let ms = took.as_millis();
            match rendered {
                Some(n) => errln!("rebuilt {n} of {pages} pages in {ms} ms{why}"),
                None => errln!("built {pages} pages in {ms} ms{why}"),
            }
        }
        Event::Refreshed { changed } => errln!("updated {} (no rebuild needed)", names(changed)),
        Event::Failed { changed, problems } => {
            err!("{}", errors_only(problems).to_text());
            let n = problems.error_count();
            let why = if changed.is_empty() {
                String::new()
            } else {
                format!(" after a change to {}", names(changed))
            };
            errln!(
                "the site could not be built{why}: {n} {}. The browser shows them; the last good version is still served",
                if n == 1 { "problem" } else { "problems" }
            );
        }
        Event::WatchError(e) => errln!("warning: watching for changes: {e}"),
        Event::Indexed { pages, took } => errln!(
            "search index updated: {pages} pages in {} ms",
            took.as_millis()
        ),
        Event::Kept(Ok(took)) => errln!(
            "kept this site for a quick start next time (in {} ms)",
            took.as_millis()
        ),
        Event::Kept(Err(e)) => errln!("warning: {e}; the next start builds first"),
        Event::QuickStart => {
            errln!("nothing changed since the site was kept: serving it at once while it builds")
        }
        Event::IndexFailed(e) => errln!(
            "warning: the search index could not be updated ({e}); search shows the last one"
        ),
    }
}

fn errors_only(d: &Diagnostics) -> Diagnostics {
    Diagnostics(d.0.iter().filter(|d| d.is_error()).cloned().collect())
}

/// Opens `url` in the default browser, or says how to when that is not possible.
fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let opened = cmd
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if opened.is_err() {
        outln!("Could not open a browser: open {url} in yours");
    }
}
