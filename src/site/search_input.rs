//! What the site search indexes ([`SearchInput`]): made into the files under
//! `pagefind/`, or the previous build's index published again when it was made from the
//! same pages.

use crate::diagnostic::Diagnostic;
use crate::render::{Body, OutFile};
use crate::search::Doc;
use std::path::Path;

/// What the site search indexes: every indexed page as the indexer reads it, and the
/// site's language. `sinew build` indexes it at once; `sinew serve` gets it from its
/// [`super::Session`] when it changed, and indexes it on a thread of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchInput {
    /// The pages, sorted by address. Shared, so that `sinew serve`'s session hands
    /// the indexer the 10,000 pages of a big site without copying their text after
    /// every save.
    pub docs: Vec<std::sync::Arc<Doc>>,
    /// The pages' language (`site.yaml`'s `language`).
    pub language: String,
}

impl SearchInput {
    pub(super) fn new(mut docs: Vec<std::sync::Arc<Doc>>, language: &str) -> SearchInput {
        docs.sort_by(|a, b| a.url.cmp(&b.url));
        SearchInput {
            docs,
            language: language.to_string(),
        }
    }

    /// Builds the index: the files to publish under `pagefind/`, with its key file
    /// (none without the `search` feature). The same input always gives the same bytes.
    pub fn index(&self) -> Result<Vec<OutFile>, String> {
        let files = crate::search::index(&self.docs)?;
        if files.is_empty() {
            return Ok(Vec::new());
        }
        let mut out: Vec<OutFile> = files
            .into_iter()
            .map(|(path, bytes)| OutFile {
                path,
                body: Body::Bytes(bytes),
            })
            .collect();
        out.push(OutFile {
            path: crate::search::KEY_FILE.to_string(),
            body: Body::Bytes(self.key().into_bytes()),
        });
        Ok(out)
    }

    /// What identifies this input: the sinew version, the language and a 128-bit hash
    /// of every page's address and HTML. Only used to tell whether a previous index can
    /// be published again, so a hash that changes between Rust releases costs no more
    /// than one index made anew.
    pub fn key(&self) -> String {
        use std::hash::{DefaultHasher, Hash, Hasher};
        let hash = |salt: u8| {
            let mut h = DefaultHasher::new();
            salt.hash(&mut h);
            self.language.hash(&mut h);
            self.docs.hash(&mut h);
            h.finish()
        };
        format!(
            "sinew {} search index of {} pages in `{}`: {:016x}{:016x}\n",
            env!("CARGO_PKG_VERSION"),
            self.docs.len(),
            self.language,
            hash(1),
            hash(2)
        )
    }

    /// The index in `previous/pagefind/`, as files to copy, when its key file shows it
    /// was made from this same input and it holds only ordinary files.
    pub(super) fn reuse(&self, previous: &Path) -> Option<Vec<OutFile>> {
        let dir = previous.join(crate::search::FOLDER);
        let key = std::fs::read(previous.join(crate::search::KEY_FILE)).ok()?;
        if key != self.key().into_bytes() {
            return None;
        }
        let mut out = Vec::new();
        for e in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let e = e.ok()?;
            let kind = e.path().symlink_metadata().ok()?.file_type();
            if kind.is_dir() {
                continue;
            }
            if !kind.is_file() {
                return None;
            }
            let rel = e.path().strip_prefix(previous).ok()?.to_str()?;
            out.push(OutFile {
                path: rel.replace('\\', "/"),
                body: Body::File(e.path().to_path_buf()),
            });
        }
        Some(out)
    }
}

pub(super) fn search_failed(e: String) -> Diagnostic {
    Diagnostic::error(
        "search-index",
        "(search index)",
        format!("the site search index could not be built: {e}"),
    )
    .hint("this is a fault in sinew, not in your site: please report it; `sinew build` with the same files will keep failing until it is fixed")
}
