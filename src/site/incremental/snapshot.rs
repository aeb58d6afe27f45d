//! The site a [`super::Session`] keeps in memory ([`Snapshot`], what `sinew serve`
//! serves), each update merged into it, and what an update reports ([`Update`],
//! [`Redo`], [`Work`]).

use crate::config::SiteConfig;
use crate::diagnostic::Diagnostics;
use crate::render::{Body, OutFile};
use crate::site::{Built, SearchInput, Timings};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// A built site held in memory (what `sinew serve` serves).
#[derive(Debug)]
pub struct Snapshot {
    /// Output path (e.g. `conditions/index.html`) -> contents. Shared, paths and
    /// contents alike, so a site updated after a save reuses every file that did not
    /// change, and making or dropping one allocates nothing per file.
    pub files: HashMap<Arc<str>, Arc<Body>>,
    /// The path the site is published under, e.g. `/` or `/patients/`.
    pub base: String,
    /// The site's title.
    pub title: String,
    /// Number of pages.
    pub pages: usize,
    /// The sources copied as they are (`static/` and content assets), by absolute path.
    pub(super) copied: HashSet<PathBuf>,
}

impl Snapshot {
    /// Holds a successful build in memory.
    pub fn new(built: Built) -> Snapshot {
        Snapshot::merged(None, built.files, built.pages, &built.content.config)
    }

    /// This site without the files `remove` and with the files `add`: how `sinew serve`
    /// puts in a search index it made apart from the pages.
    pub fn with_files(&self, remove: &[String], add: &[(String, Arc<Body>)]) -> Snapshot {
        let mut files = self.files.clone();
        for p in remove {
            files.remove(p.as_str());
        }
        for (p, b) in add {
            files.insert(p.as_str().into(), Arc::clone(b));
        }
        Snapshot {
            files,
            base: self.base.clone(),
            title: self.title.clone(),
            pages: self.pages,
            copied: self.copied.clone(),
        }
    }

    /// `files` over `previous` (or alone, when there is none).
    pub(super) fn merged(
        previous: Option<&Snapshot>,
        files: Vec<OutFile>,
        pages: usize,
        config: &SiteConfig,
    ) -> Snapshot {
        let (mut all, mut copied) = match previous {
            Some(p) => (p.files.clone(), p.copied.clone()),
            None => (HashMap::new(), HashSet::new()),
        };
        for f in files {
            if let Body::File(p) = &f.body {
                copied.insert(p.clone());
            }
            all.insert(f.path.into(), Arc::new(f.body));
        }
        Snapshot {
            base: config.base_path(),
            title: config.title.clone(),
            pages,
            files: all,
            copied,
        }
    }
}

/// How much of the site an update made again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redo {
    /// Nothing: every change was a copied file written again, which is read when it is
    /// asked for.
    Nothing,
    /// Only the pages the changed Markdown text shows on.
    Pages,
    /// Everything.
    Everything,
}

/// What a successful [`Session::build`](super::Session::build) or
/// [`Session::update`](super::Session::update) made.
#[derive(Debug)]
pub struct Update {
    /// How much was made again.
    pub redo: Redo,
    /// The paths of the output files made again, sorted (every file after a full build).
    pub changed: Vec<String>,
    /// The whole site now.
    pub site: Arc<Snapshot>,
    /// The site's warnings (all of them, not only the changed pages').
    pub warnings: Diagnostics,
    /// Where the time went (only the stages that ran).
    pub timings: Timings,
    /// What the site search should index now, when it changed since the last update
    /// (a different text or set of indexed pages, or another language); `None` when the
    /// last index still holds. The session never indexes: the caller does, when it
    /// suits it (`sinew serve` on a thread of its own, so no save waits for it).
    pub search: Option<Arc<SearchInput>>,
    /// The work it took, counted.
    pub work: Work,
}

/// Work an update did, counted (not timed): a save at a big site should touch only the
/// pages it makes again, whatever the site's size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// HTML pages rendered and scanned for the addresses they carry.
    pub scanned: usize,
    /// Output files hashed for the offline worker's version.
    pub hashed: usize,
}
