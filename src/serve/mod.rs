//! `sinew serve`'s engine: builds the site into memory, serves it, watches its sources,
//! rebuilds on every save and tells open pages to reload.
//!
//! It never writes a file: the built site lives in a map from output path to contents,
//! and files that a build would copy are read from where they are when asked for. A
//! failed rebuild keeps the last good site and adds an error overlay to its pages.
//!
//! Modules: `watch` (raw events -> [`watch::Change`]), `http` (requests -> the site),
//! `reload` (the live-reload script, event stream and error overlay), `indexer` (the
//! search indexer's thread, at the lowest priority, and keeping the served site).

pub mod http;
mod indexer;
pub mod path;
mod rebuild;
pub mod reload;
pub mod warm;
pub mod watch;

pub use indexer::INDEXER_NICE;
use rebuild::Rebuilder;

use crate::diagnostic::Diagnostics;
/// The built site held in memory, as the library's [`crate::site::Session`] keeps it.
pub use crate::site::Snapshot as Site;
use crate::site::{Body, BuildOptions};
use anyhow::{Context, Result, bail};
use reload::{Clients, Message};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use watch::Change;

/// The first port tried when none is asked for.
pub const DEFAULT_PORT: u16 = 1111;
/// How many ports from [`DEFAULT_PORT`] up are tried.
const PORTS_TRIED: u16 = 100;

/// What to serve and where.
pub struct ServeOptions {
    /// What to build; `root` should be absolute.
    pub build: BuildOptions,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The port, or `None` for the first free one from [`DEFAULT_PORT`]. `Some(0)` lets
    /// the system choose.
    pub port: Option<u16>,
    /// Told about every build and watch problem, from the rebuild thread.
    pub on_event: Box<dyn Fn(&Event) + Send + Sync>,
}

/// What happened, for the person watching the terminal.
#[derive(Debug)]
pub enum Event<'a> {
    /// The site built (first build when `changed` is empty).
    Built {
        /// The sources that changed, relative to the site root.
        changed: &'a [PathBuf],
        /// Number of pages.
        pages: usize,
        /// How many pages were rendered again, when not all were.
        rendered: Option<usize>,
        /// How long the build took.
        took: Duration,
        /// Its warnings.
        warnings: &'a Diagnostics,
    },
    /// Files that are published as they are changed, so nothing needed rebuilding.
    Refreshed {
        /// The files, relative to the site root.
        changed: &'a [PathBuf],
    },
    /// The site did not build; the last good one is still served.
    Failed {
        /// The sources that changed, relative to the site root.
        changed: &'a [PathBuf],
        /// Every problem found.
        problems: &'a Diagnostics,
    },
    /// The watcher reported a problem.
    WatchError(String),
    /// The site search's index was brought up to date (on a thread of its own, after
    /// the pages it indexes were already served).
    Indexed {
        /// Pages indexed.
        pages: usize,
        /// How long indexing took.
        took: Duration,
    },
    /// The site search's index could not be built; the last one is still served.
    IndexFailed(String),
    /// The site as first built (search index included) was kept in the site's
    /// `.sinew-serve/` folder for a quick start next time, or could not be.
    Kept(Result<Duration, String>),
    /// The sources are as they were when the kept site was made: it is served at once
    /// while the site is built in the background.
    QuickStart,
}

/// What the server shows now.
#[derive(Clone, Default)]
pub(crate) struct View {
    /// The last good site, if any build has succeeded.
    pub(crate) site: Option<Arc<Site>>,
    /// The error overlay, while the latest build failed.
    pub(crate) overlay: Option<Arc<str>>,
    /// Changes whenever what a page would show changes.
    pub(crate) version: u64,
    /// The search index's files (under `pagefind/`, a folder no source can publish
    /// into), made apart from the pages on the indexer's thread and served beside
    /// `site` (see [`View::file`]): publishing either never copies the other.
    pub(crate) search: Arc<HashMap<String, Arc<Body>>>,
    /// The site kept by an earlier start for these very sources, served until the
    /// first build of this one is done (see `warm`).
    pub(crate) warm: Option<Arc<warm::Stored>>,
}

/// State shared by the HTTP workers and the rebuild thread.
pub(crate) struct Shared {
    view: RwLock<View>,
    pub(crate) clients: Clients,
    stopping: AtomicBool,
    /// Listening on a loopback address only: then requests must name a local host, so a
    /// web page elsewhere cannot read the preview through DNS rebinding.
    pub(crate) loopback_only: bool,
    /// The fingerprint of the sources the served site was built from, once it is
    /// published (never older than the site: see `warm::Sources::update`): the indexer
    /// keeps the site with it for a quick start next time. Taken away before any change
    /// is applied, and left so when a build fails.
    keep_as: Mutex<Option<u64>>,
    /// How many inputs the rebuild thread sent the indexer: the served index is the
    /// current one when the indexer has just put in place the one of this number.
    search_sent: std::sync::atomic::AtomicU64,
    /// How many batches of changes the rebuild thread has started on: a kept site being
    /// written is abandoned when this moves (its sources are no longer the served ones).
    saves: std::sync::atomic::AtomicU64,
    /// The site's folder, where the kept site goes.
    root: PathBuf,
    /// True while the first build runs in the background behind a kept site; requests
    /// that cannot be answered from it wait on `started`.
    starting: Mutex<bool>,
    started: Condvar,
}

impl View {
    /// The served file at output path `key`: the site's, or the search index's.
    pub(crate) fn file(&self, key: &str) -> Option<&Arc<Body>> {
        self.site
            .as_ref()
            .and_then(|s| s.files.get(key))
            .or_else(|| self.search.get(key))
    }
}

impl Shared {
    pub(crate) fn view(&self) -> View {
        self.view.read().expect("view lock").clone()
    }

    pub(crate) fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::Relaxed)
    }

    /// Waits until the first build is done when it runs in the background, and returns
    /// the view then.
    pub(crate) fn view_when_started(&self) -> View {
        let starting = self.starting.lock().expect("start lock");
        drop(
            self.started
                .wait_while(starting, |s| *s && !self.is_stopping())
                .expect("start lock"),
        );
        self.view()
    }

    /// Stops answering from the kept site (it was found damaged).
    pub(crate) fn drop_warm(&self) {
        self.view.write().expect("view lock").warm = None;
    }

    /// Marks the first build done: requests no longer wait for it.
    fn started(&self) {
        *self.starting.lock().expect("start lock") = false;
        self.started.notify_all();
    }

    /// Changes the view and tells every open page, atomically for the pages.
    fn publish(&self, site: Option<Arc<Site>>, overlay: Option<Arc<str>>, message: Message) {
        self.clients.broadcast(|| {
            let mut v = self.view.write().expect("view lock");
            v.version += 1;
            if let Some(site) = site {
                v.warm = None;
                // The session's own site, shared: the search index is served beside it
                // (`View::file`), so a save never copies the map of every output path.
                v.site = Some(site);
            }
            v.overlay = overlay;
            (message, v.version)
        });
    }

    /// Puts a new search index in place of the last one. Open pages are not told: what
    /// they show has not changed, and the next search reads the new index.
    fn publish_search(&self, files: Vec<(String, Arc<Body>)>) {
        let files = Arc::new(files.into_iter().collect());
        self.view.write().expect("view lock").search = files;
    }
}

/// A running `sinew serve`.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    http: Arc<tiny_http::Server>,
    workers: Vec<JoinHandle<()>>,
    rebuilder: Option<JoinHandle<()>>,
    indexer: Option<JoinHandle<()>>,
    stop_tx: Sender<Result<Vec<Change>, String>>,
    /// Title and base path from `site.yaml` alone, for when the site has never built.
    fallback: (String, String),
}

impl Server {
    /// Binds the port, builds the site once, and starts serving, watching and
    /// rebuilding in background threads. A first build that fails is not an error:
    /// the server shows the problems until they are fixed.
    pub fn start(mut opts: ServeOptions) -> Result<Server> {
        let root = std::path::absolute(&opts.build.root)
            .and_then(|r| r.canonicalize())
            .with_context(|| {
                format!(
                    "failed to find the site folder `{}`",
                    opts.build.root.display()
                )
            })?;
        if !root.is_dir() {
            bail!(
                "`{}` is not a folder: give the site's folder with `--root`",
                root.display()
            );
        }
        // Nothing could ever be served from a folder that is not a site (a typo in
        // `--root`, the wrong folder): say so now rather than serve an error page.
        // (`sinew serve` prints this problem as `sinew build` does before it gets here.)
        if let Err(d) = crate::content::check_is_site(&root) {
            bail!("{}: {}", d.message, d.hint.unwrap_or_default());
        }
        opts.build.root = root.clone();
        let listener = bind(opts.bind, opts.port)?;
        http::no_delay(&listener);
        let addr = listener
            .local_addr()
            .context("failed to read the server's address")?;
        let http = Arc::new(http::server(listener)?);
        // Versions start at the clock, so a page left open across a restart of
        // `sinew serve` never mistakes the new server's state for the one it shows.
        let start_version = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(1, |d| d.as_millis() as u64);
        let shared = Arc::new(Shared {
            view: RwLock::new(View {
                version: start_version,
                ..View::default()
            }),
            clients: Clients::default(),
            stopping: AtomicBool::new(false),
            loopback_only: opts.bind.is_loopback(),
            keep_as: Mutex::new(None),
            search_sent: std::sync::atomic::AtomicU64::new(0),
            saves: std::sync::atomic::AtomicU64::new(0),
            root: root.clone(),
            starting: Mutex::new(false),
            started: Condvar::new(),
        });
        let (tx, rx) = mpsc::channel();
        // Watch before the first build so that no save made during it is missed. The
        // sources are fingerprinted meanwhile (both take a while on a big site): a save
        // the watcher misses then is read by the first build all the same, and makes
        // the fingerprint differ from what was built, which only costs a quick start.
        let (watcher, sources) = std::thread::scope(|s| {
            let sources = s.spawn(|| warm::Sources::scan(&opts.build));
            let watcher = watch::Watcher::start(&root, tx.clone());
            (watcher, sources.join().ok().flatten())
        });
        let watcher = watcher.context("failed to watch the site's files for changes")?;
        let kept = sources
            .as_ref()
            .and_then(|s| warm::Stored::open(&root, s.fingerprint()));
        let quick = kept.is_some();
        if let Some(kept) = kept {
            shared.view.write().expect("view lock").warm = Some(Arc::new(kept));
            *shared.starting.lock().expect("start lock") = true;
            (opts.on_event)(&Event::QuickStart);
        }
        let on_event: Arc<dyn Fn(&Event) + Send + Sync> =
            Arc::from(std::mem::replace(&mut opts.on_event, Box::new(|_| {})));
        opts.on_event = Box::new({
            let on_event = Arc::clone(&on_event);
            move |e| on_event(e)
        });
        let (search_tx, search_rx) = mpsc::channel();
        let indexer = {
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name("sinew-search".into())
                .spawn(move || indexer::index_loop(&search_rx, &shared, &*on_event))?
        };
        let mut rebuilder = Rebuilder::new(opts, Arc::clone(&shared), watcher, search_tx, sources);
        if !quick {
            rebuilder.build(&[]);
        }
        let workers = http::spawn_workers(&http, &shared);
        let fallback = match crate::content::load_config(&root).ok() {
            Some(c) => (c.title.clone(), c.base_path()),
            None => (
                root.file_name()
                    .map_or("the site".into(), |n| n.to_string_lossy().to_string()),
                "/".to_string(),
            ),
        };
        // Ends by itself once `stopping` is set; nothing waits for it.
        drop(http::spawn_nudger(addr, &shared));
        let rebuilder = std::thread::Builder::new()
            .name("sinew-rebuild".into())
            .spawn(move || {
                if quick {
                    rebuilder.build_behind_kept();
                }
                rebuilder.run(rx)
            })?;
        Ok(Server {
            addr,
            shared,
            http,
            workers,
            rebuilder: Some(rebuilder),
            indexer: Some(indexer),
            stop_tx: tx,
            fallback,
        })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The site's address for a browser on this computer, base path included.
    pub fn url(&self) -> String {
        let ip = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::from([127, 0, 0, 1]),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        let base = self
            .shared
            .view()
            .site
            .map_or_else(|| self.fallback.1.clone(), |s| s.base.clone());
        format!("http://{}{base}", SocketAddr::new(ip, self.addr.port()))
    }

    /// The site's title (from `site.yaml`, or the folder's name if that cannot be read).
    pub fn title(&self) -> String {
        self.shared
            .view()
            .site
            .map_or_else(|| self.fallback.0.clone(), |s| s.title.clone())
    }

    /// Stops serving and watching, closes live-reload streams and waits for the threads.
    pub fn stop(mut self) {
        self.shared.stopping.store(true, Ordering::Relaxed);
        self.shared.started();
        let _ = self.stop_tx.send(Err(String::new()));
        if let Some(r) = self.rebuilder.take() {
            let _ = r.join();
        }
        // The rebuild thread held the indexer's only sender: it ends after the index it
        // may be making.
        if let Some(i) = self.indexer.take() {
            let _ = i.join();
        }
        for _ in &self.workers {
            self.http.unblock();
        }
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
        self.shared.clients.close_all();
    }
}

/// Binds `ip:port`, or the first free port from [`DEFAULT_PORT`] when none is given.
fn bind(ip: IpAddr, port: Option<u16>) -> Result<TcpListener> {
    match port {
        Some(p) => TcpListener::bind((ip, p)).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AddrInUse {
                anyhow::anyhow!("port {p} on {ip} is already in use (is another `sinew serve` running?): stop that program, choose another port with `--port`, or leave `--port` out to use a free one")
            } else {
                anyhow::anyhow!("failed to listen on {}: {e}", SocketAddr::new(ip, p))
            }
        }),
        None => {
            let mut last = None;
            for p in DEFAULT_PORT..DEFAULT_PORT + PORTS_TRIED {
                match TcpListener::bind((ip, p)) {
                    Ok(l) => return Ok(l),
                    Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
                    Err(e) => return Err(e).with_context(|| format!("failed to listen on {}", SocketAddr::new(ip, p))),
                }
            }
            Err(last.expect("a port was tried")).with_context(|| {
                format!("ports {DEFAULT_PORT} to {} on {ip} are all in use: choose one with `--port`", DEFAULT_PORT + PORTS_TRIED - 1)
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn an_asked_for_port_in_use_is_a_clear_error_and_a_free_one_is_found_otherwise() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let err = bind(IpAddr::from([127, 0, 0, 1]), Some(port))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!("port {port} on 127.0.0.1 is already in use")),
            "{err}"
        );
        let l = bind(IpAddr::from([127, 0, 0, 1]), None).unwrap();
        let p = l.local_addr().unwrap().port();
        assert!((DEFAULT_PORT..DEFAULT_PORT + PORTS_TRIED).contains(&p));
    }
}
