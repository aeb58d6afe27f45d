//! `sinew serve`'s engine: builds the site into memory, serves it, watches its sources,
//! rebuilds on every save and tells open pages to reload.
//!
//! It never writes a file: the built site lives in a map from output path to contents,
//! and files that a build would copy are read from where they are when asked for. A
//! failed rebuild keeps the last good site and adds an error overlay to its pages.
//!
//! Modules: `watch` (raw events -> [`watch::Change`]), `http` (requests -> the site),
//! `reload` (the live-reload script, event stream and error overlay).

pub mod http;
pub mod reload;
pub mod watch;

use crate::config::SiteConfig;
use crate::diagnostic::Diagnostics;
use crate::site::{Body, BuildOptions, build};
use anyhow::{Context, Result, bail};
use reload::{Clients, Message};
use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use watch::Change;

/// The first port tried when none is asked for.
pub const DEFAULT_PORT: u16 = 1111;
/// How many ports from [`DEFAULT_PORT`] up are tried.
const PORTS_TRIED: u16 = 100;

/// What to serve and where.
pub struct ServeOptions {
    /// What to build; `root` should be absolute. `inject_html` is set by the server.
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
}

/// A built site, held in memory.
#[derive(Debug)]
pub struct Site {
    /// Output path (e.g. `conditions/index.html`) -> contents.
    pub files: HashMap<String, Body>,
    /// The path the site is published under, e.g. `/` or `/patients/`.
    pub base: String,
    /// The site's title.
    pub title: String,
    /// Number of pages.
    pub pages: usize,
    /// The sources copied as they are (`static/` and content assets), by absolute path.
    copied: HashSet<PathBuf>,
}

impl Site {
    /// Holds a successful build in memory.
    pub fn new(built: crate::site::Built) -> Site {
        let copied = built
            .files
            .iter()
            .filter_map(|f| {
                if let Body::File(p) = &f.body {
                    Some(p.clone())
                } else {
                    None
                }
            })
            .collect();
        Site {
            base: built.content.config.base_path(),
            title: built.content.config.title.clone(),
            pages: built.pages,
            files: built.files.into_iter().map(|f| (f.path, f.body)).collect(),
            copied,
        }
    }
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
}

/// State shared by the HTTP workers and the rebuild thread.
pub(crate) struct Shared {
    view: RwLock<View>,
    pub(crate) clients: Clients,
    stopping: AtomicBool,
}

impl Shared {
    pub(crate) fn view(&self) -> View {
        self.view.read().expect("view lock").clone()
    }

    pub(crate) fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::Relaxed)
    }

    /// Changes the view and tells every open page, atomically for the pages.
    fn publish(&self, site: Option<Arc<Site>>, overlay: Option<Arc<str>>, message: Message) {
        self.clients.broadcast(|| {
            let mut v = self.view.write().expect("view lock");
            v.version += 1;
            if site.is_some() {
                v.site = site;
            }
            v.overlay = overlay;
            (message, v.version)
        });
    }
}

/// How the sources changed since the last build, and so what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// Only files that are published as they are changed contents, and the last build
    /// succeeded: they are read when asked for, so there is nothing to rebuild.
    Refresh,
    /// Build everything again.
    Rebuild,
}

/// Decides what `changes` need, given the site now served (`None` after a failed
/// build). Cheap and conservative: anything not plainly a copied file's new contents
/// is a full rebuild.
pub fn plan(changes: &[Change], site: Option<&Site>) -> Plan {
    let Some(site) = site else {
        return Plan::Rebuild;
    };
    let refresh = changes.iter().all(|c| match c {
        // A copied file written again: same name, still a file, so a full build would
        // list exactly the same files, and it never reads their contents.
        Change::Content(p) | Change::Static(p) => site.copied.contains(p) && p.is_file(),
        _ => false,
    });
    if refresh && !changes.is_empty() {
        Plan::Refresh
    } else {
        Plan::Rebuild
    }
}

/// Whether every change is to a stylesheet, so pages can swap stylesheets in place.
fn only_css(changes: &[Change]) -> bool {
    !changes.is_empty()
        && changes.iter().all(|c| {
            c.path()
                .and_then(Path::extension)
                .is_some_and(|e| e.eq_ignore_ascii_case("css"))
        })
}

/// A running `sinew serve`.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    http: Arc<tiny_http::Server>,
    workers: Vec<JoinHandle<()>>,
    rebuilder: Option<JoinHandle<()>>,
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
        opts.build.root = root.clone();
        opts.build.inject_html = Some(reload::inject_html());
        let listener = bind(opts.bind, opts.port)?;
        http::no_delay(&listener);
        let addr = listener
            .local_addr()
            .context("failed to read the server's address")?;
        let http = Arc::new(
            tiny_http::Server::from_listener(listener, None)
                .map_err(|e| anyhow::anyhow!("failed to start the web server: {e}"))?,
        );
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
        });
        let (tx, rx) = mpsc::channel();
        // Watch before the first build so that no save made during it is missed.
        let watcher = watch::Watcher::start(&root, tx.clone())
            .context("failed to watch the site's files for changes")?;
        let mut rebuilder = Rebuilder {
            opts,
            shared: Arc::clone(&shared),
            watcher,
            changed: Vec::new(),
        };
        rebuilder.build(&[]);
        let workers = http::spawn_workers(&http, &shared);
        let fallback = match read_config(&root) {
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
            .spawn(move || rebuilder.run(rx))?;
        Ok(Server {
            addr,
            shared,
            http,
            workers,
            rebuilder: Some(rebuilder),
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
        let _ = self.stop_tx.send(Err(String::new()));
        if let Some(r) = self.rebuilder.take() {
            let _ = r.join();
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

fn read_config(root: &Path) -> Option<SiteConfig> {
    let text = std::fs::read_to_string(root.join("site.yaml")).ok()?;
    SiteConfig::parse(&text, Path::new("site.yaml")).ok()
}

/// The rebuild thread's state.
struct Rebuilder {
    opts: ServeOptions,
    shared: Arc<Shared>,
    watcher: watch::Watcher,
    changed: Vec<PathBuf>,
}

/// How often open event streams are checked (closed tabs are noticed and dropped).
const PING_EVERY: Duration = Duration::from_secs(15);

impl Rebuilder {
    fn run(mut self, rx: Receiver<Result<Vec<Change>, String>>) {
        loop {
            let mut changes: Vec<Change> = match rx.recv_timeout(PING_EVERY) {
                Ok(Ok(c)) => c,
                Ok(Err(e)) if e.is_empty() || self.shared.is_stopping() => return,
                Ok(Err(e)) => {
                    (self.opts.on_event)(&Event::WatchError(e));
                    continue;
                }
                Err(RecvTimeoutError::Timeout) => {
                    self.shared.clients.ping();
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            };
            // Saves that arrived while the last build ran are handled in one go.
            while let Ok(more) = rx.try_recv() {
                match more {
                    Ok(c) => changes.extend(c),
                    Err(e) if e.is_empty() => return,
                    Err(e) => (self.opts.on_event)(&Event::WatchError(e)),
                }
            }
            if self.shared.is_stopping() {
                return;
            }
            changes.sort();
            changes.dedup();
            self.apply(&changes);
        }
    }

    fn apply(&mut self, changes: &[Change]) {
        for c in changes {
            if let Change::Folder(dir) = c {
                self.watcher.renew(dir);
            }
        }
        let root = &self.opts.build.root;
        self.changed = changes
            .iter()
            .map(|c| match c {
                Change::Config => PathBuf::from("site.yaml"),
                Change::Folder(d) => PathBuf::from(d),
                Change::Rescan => PathBuf::from("(every file)"),
                Change::Content(p) | Change::Template(p) | Change::Static(p) => {
                    p.strip_prefix(root).unwrap_or(p).to_path_buf()
                }
            })
            .collect();
        let view = self.shared.view();
        let failed_before = view.overlay.is_some();
        // After a failed build the served site is older than the sources: rebuild.
        let current = if failed_before {
            None
        } else {
            view.site.as_deref()
        };
        match plan(changes, current) {
            Plan::Refresh => {
                let message = if only_css(changes) {
                    Message::Css
                } else {
                    Message::Reload
                };
                self.shared.publish(None, None, message);
                (self.opts.on_event)(&Event::Refreshed {
                    changed: &self.changed,
                });
            }
            Plan::Rebuild => self.build(changes),
        }
    }

    /// Builds the site and publishes the result.
    fn build(&mut self, changes: &[Change]) {
        let t = Instant::now();
        let failed_before = self.shared.view().overlay.is_some();
        match build(&self.opts.build) {
            Ok(built) => {
                let warnings = built.warnings.clone();
                let site = Arc::new(Site::new(built));
                let (pages, took) = (site.pages, t.elapsed());
                let message = if only_css(changes) && !failed_before {
                    Message::Css
                } else {
                    Message::Reload
                };
                self.shared.publish(Some(site), None, message);
                (self.opts.on_event)(&Event::Built {
                    changed: &self.changed,
                    pages,
                    took,
                    warnings: &warnings,
                });
            }
            Err(mut problems) => {
                // The file just saved is most likely the cause (a broken page also
                // breaks every link to it): list its problems first.
                problems.0.sort_by_key(|d| !self.changed.contains(&d.file));
                let has_site = self.shared.view().site.is_some();
                let overlay: Arc<str> = reload::overlay_html(&problems, has_site).into();
                self.shared.publish(
                    None,
                    Some(Arc::clone(&overlay)),
                    Message::Errors(overlay.to_string()),
                );
                (self.opts.on_event)(&Event::Failed {
                    changed: &self.changed,
                    problems: &problems,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A small site in a temporary folder.
    fn site() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        let w = |p: &str, t: &str| {
            let path = d.path().join(p);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, t).unwrap();
        };
        w("site.yaml", "title: Test clinic\n");
        w("content/index.md", "---\ntitle: Home\n---\nWelcome.\n");
        w(
            "content/knee.md",
            "---\ntitle: Knee\n---\nSee the [leaflet](/leaflet.pdf).\n",
        );
        w("content/leaflet.pdf", "%PDF-1.4 one");
        w("static/extra.css", "body { color: red }");
        w("static/img/logo.png", "png one");
        d
    }

    fn opts(root: &Path) -> BuildOptions {
        BuildOptions {
            root: root.canonicalize().unwrap(),
            inject_html: Some(reload::inject_html()),
            ..BuildOptions::default()
        }
    }

    fn full(root: &Path) -> Site {
        Site::new(build(&opts(root)).expect("builds"))
    }

    /// Every file's bytes, read as the server would send them.
    fn snapshot(site: &Site) -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = site
            .files
            .iter()
            .map(|(k, b)| {
                let bytes = match b {
                    Body::Bytes(b) => b.clone(),
                    Body::Builtin(b) => b.to_vec(),
                    Body::File(p) => fs::read(p).unwrap(),
                };
                (k.clone(), bytes)
            })
            .collect();
        v.sort();
        v
    }

    fn abs(d: &tempfile::TempDir, p: &str) -> PathBuf {
        d.path().canonicalize().unwrap().join(p)
    }

    /// Each edit, run through `plan`: when it says a refresh is enough, the site it
    /// keeps serving must equal a full build of the edited sources.
    #[test]
    fn a_refresh_gives_the_same_site_as_a_full_build() {
        type Edit = fn(&Path);
        let edits: &[(&str, Edit, Change, Plan)] = &[
            (
                "css rewritten",
                |r| fs::write(r.join("static/extra.css"), "body { color: blue }").unwrap(),
                Change::Static("static/extra.css".into()),
                Plan::Refresh,
            ),
            (
                "image replaced by rename",
                |r| {
                    fs::write(r.join("static/img/.logo.png.tmp"), "png two").unwrap();
                    fs::rename(
                        r.join("static/img/.logo.png.tmp"),
                        r.join("static/img/logo.png"),
                    )
                    .unwrap();
                },
                Change::Static("static/img/logo.png".into()),
                Plan::Refresh,
            ),
            (
                "content pdf rewritten",
                |r| fs::write(r.join("content/leaflet.pdf"), "%PDF-1.4 two").unwrap(),
                Change::Content("content/leaflet.pdf".into()),
                Plan::Refresh,
            ),
            (
                "static file added",
                |r| fs::write(r.join("static/new.js"), "x").unwrap(),
                Change::Static("static/new.js".into()),
                Plan::Rebuild,
            ),
            (
                "static file removed",
                |r| fs::remove_file(r.join("static/extra.css")).unwrap(),
                Change::Static("static/extra.css".into()),
                Plan::Rebuild,
            ),
            (
                "page edited",
                |r| fs::write(r.join("content/knee.md"), "---\ntitle: Knee!\n---\nNew.\n").unwrap(),
                Change::Content("content/knee.md".into()),
                Plan::Rebuild,
            ),
            (
                "file became a folder",
                |r| {
                    fs::remove_file(r.join("static/img/logo.png")).unwrap();
                    fs::create_dir(r.join("static/img/logo.png")).unwrap();
                },
                Change::Static("static/img/logo.png".into()),
                Plan::Rebuild,
            ),
        ];
        for (what, edit, change, want) in edits {
            let d = site();
            let before = full(d.path());
            edit(d.path());
            let change = match change.clone() {
                Change::Static(p) => Change::Static(abs(&d, p.to_str().unwrap())),
                Change::Content(p) => Change::Content(abs(&d, p.to_str().unwrap())),
                c => c,
            };
            let got = plan(&[change], Some(&before));
            assert_eq!(got, *want, "{what}");
            if got == Plan::Refresh {
                assert_eq!(snapshot(&before), snapshot(&full(d.path())), "{what}");
            }
        }
    }

    #[test]
    fn anything_after_a_failed_build_or_beyond_copied_files_rebuilds() {
        let d = site();
        let s = full(d.path());
        let css = Change::Static(abs(&d, "static/extra.css"));
        assert_eq!(plan(std::slice::from_ref(&css), None), Plan::Rebuild);
        assert_eq!(
            plan(&[css.clone(), Change::Config], Some(&s)),
            Plan::Rebuild
        );
        assert_eq!(
            plan(
                &[
                    css.clone(),
                    Change::Template(abs(&d, "templates/page.html"))
                ],
                Some(&s)
            ),
            Plan::Rebuild
        );
        assert_eq!(plan(&[Change::Folder("static")], Some(&s)), Plan::Rebuild);
        assert_eq!(plan(&[Change::Rescan], Some(&s)), Plan::Rebuild);
        assert_eq!(plan(&[], Some(&s)), Plan::Rebuild);
        assert_eq!(plan(&[css], Some(&s)), Plan::Refresh);
    }

    #[test]
    fn stylesheet_only_changes_are_recognised() {
        assert!(only_css(&[
            Change::Static("/s/static/a.css".into()),
            Change::Content("/s/content/b.CSS".into())
        ]));
        assert!(!only_css(&[
            Change::Static("/s/static/a.css".into()),
            Change::Static("/s/static/a.js".into())
        ]));
        assert!(!only_css(&[Change::Config]));
        assert!(!only_css(&[]));
    }

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
