//! Site search: the index of the site's pages that the search page (`/search/`) loads in
//! the browser. Pagefind builds it (the `search` Cargo feature, on by default) from the
//! same rendered pages the build writes, in process, into files under [`FOLDER`]: its
//! browser script, its WebAssembly for the site's language, and the index in chunks the
//! browser fetches on demand. No other tool and no network is needed.
//!
//! This module knows nothing of the site: it gets each page's address, its HTML and its
//! hidden search terms ([`Doc`]), and returns the files to publish. Which pages are
//! indexed is `render`'s decision.

/// The output folder of the index and the search script (no leading `/`).
pub const FOLDER: &str = "pagefind/";

/// The script the search page imports, inside [`FOLDER`].
pub const SCRIPT: &str = "pagefind/pagefind.js";

/// A file in [`FOLDER`] that says which pages the index was made from, so a build whose
/// pages are the same can publish it again rather than make it anew.
pub const KEY_FILE: &str = "pagefind/sinew-index-key.txt";

/// Whether this build of sinew can make a search index (the `search` feature).
pub const ENABLED: bool = cfg!(feature = "search");

/// One page to index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Doc {
    /// The page's address as a browser requests it, base path included (`/knee/`).
    pub url: String,
    /// The page's language (`en-gb`, `es`: lower case): its words are stemmed, and
    /// found, in that language's index (the search page in that language loads it).
    pub lang: String,
    /// The page's HTML as the indexer reads it: its `<main>` with its search terms
    /// added (see [`with_terms`]), in a document whose `lang` is [`Doc::lang`].
    pub html: String,
}

impl Doc {
    /// The page at `url` as the indexer reads it: the `<main>` element of its published
    /// `html` (the only part indexed; keeping only it saves memory) with `terms` added
    /// at its end, where the indexer reads them with extra weight but no patient ever
    /// sees them, since this copy is only indexed, never published. A page without
    /// `<main>` is kept whole, and then has nothing the indexer reads. `lang` is the
    /// page's language (`en-GB`, `es`).
    pub fn new(url: String, lang: &str, html: &str, terms: &[String]) -> Doc {
        let main = match (html.find("<main"), html.rfind("</main>")) {
            (Some(a), Some(b)) if a < b => &html[a..b + "</main>".len()],
            _ => html,
        };
        let lang = lang.to_ascii_lowercase();
        let html = format!(
            "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"></head><body>{}</body></html>",
            escape(&lang),
            with_terms(main.to_string(), terms)
        );
        Doc { url, lang, html }
    }
}

/// `html` with `terms` added at the end of its `<main>` element. A page without `<main>`
/// is returned as it is.
fn with_terms(mut html: String, terms: &[String]) -> String {
    let terms: Vec<&str> = terms
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if terms.is_empty() {
        return html;
    }
    let Some(at) = html.rfind("</main>") else {
        return html;
    };
    let mut block = String::from("<p data-pagefind-weight=\"5\">");
    for t in terms {
        block.push_str(&escape(t));
        block.push_str(". ");
    }
    block.push_str("</p>");
    html.insert_str(at, &block);
    html
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The part of the page the indexer reads: the `<main>` element, without the elements
/// every page repeats (breadcrumbs) or that are not text to find (the planner's forms).
#[cfg(feature = "search")]
const ROOT: &str = "main";
#[cfg(feature = "search")]
const SKIP: &[&str] = &["nav", "form", "[data-search-skip]"];

/// Builds the index of `docs`: one index per language among their [`Doc::lang`]s (`en`,
/// `en-gb`, `es`...: the stemmer follows it), each loaded by the search page whose
/// `<html lang>` is that language. Returns every file to publish, by output path under
/// [`FOLDER`], sorted; the same docs always give the same bytes, in whatever order they
/// come.
#[cfg(feature = "search")]
pub fn index<D: std::borrow::Borrow<Doc>>(docs: &[D]) -> Result<Vec<(String, Vec<u8>)>, String> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;

    let mut docs: Vec<&Doc> = docs.iter().map(|d| d.borrow()).collect();
    // Pagefind numbers pages in the order they are added, and the numbers are in the
    // index's bytes.
    docs.sort_by(|a, b| a.url.cmp(&b.url));
    docs.dedup_by(|a, b| a.url == b.url);
    // No `force_language`: each page's `<html lang>` (from `Doc::new`) puts it in the
    // index of its language.
    let options = PagefindServiceConfig::builder()
        .root_selector(ROOT.to_string())
        .exclude_selectors(SKIP.iter().map(|s| s.to_string()).collect())
        .keep_index_url(false)
        .write_playground(false)
        .build();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("could not start the search indexer: {e}"))?;
    let files = runtime.block_on(async {
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        for d in docs {
            index
                .add_html_file(None, Some(d.url.clone()), d.html.clone())
                .await
                .map_err(|e| format!("could not index {}: {e}", d.url))?;
        }
        index.get_files().await.map_err(|e| e.to_string())
    })?;
    let mut out: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .filter_map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            wanted(&name).then(|| (format!("{FOLDER}{name}"), f.contents))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Without the `search` feature there is no index: the search page offers its A-Z list.
#[cfg(not(feature = "search"))]
pub fn index<D: std::borrow::Borrow<Doc>>(_docs: &[D]) -> Result<Vec<(String, Vec<u8>)>, String> {
    Ok(Vec::new())
}

/// Whether a file of Pagefind's bundle is published. Its own search interfaces are
/// left out: the search page has a small one of its own (`static/search.js`), and files
/// nobody loads would only grow the site.
#[cfg_attr(not(feature = "search"), allow(dead_code))]
fn wanted(name: &str) -> bool {
    !(name.starts_with("pagefind-ui")
        || name.starts_with("pagefind-component-ui")
        || name.starts_with("pagefind-modular-ui")
        || name.starts_with("pagefind-highlight")
        || name.starts_with("playground/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_go_inside_main_escaped_and_nowhere_without_main() {
        let html = "<html><body><main><h1>Elbow</h1></main><footer>x</footer></body></html>";
        let out = with_terms(html.into(), &["tennis elbow".into(), " <sore> & ".into()]);
        assert_eq!(
            out,
            "<html><body><main><h1>Elbow</h1><p data-pagefind-weight=\"5\">tennis elbow. &lt;sore&gt; &amp;. </p></main><footer>x</footer></body></html>"
        );
        assert_eq!(with_terms(html.into(), &[" ".into()]), html);
        assert_eq!(with_terms("<p>x</p>".into(), &["a".into()]), "<p>x</p>");
    }

    #[test]
    fn a_doc_keeps_only_main() {
        let d = Doc::new(
            "/a/".into(),
            "en-GB",
            "<html><head><title>A</title></head><body><header>Menu</header><main id=\"main\"><h1>A</h1></main><footer>F</footer></body></html>",
            &["lay word".into()],
        );
        assert_eq!(
            d.html,
            "<!DOCTYPE html><html lang=\"en-gb\"><head><meta charset=\"utf-8\"></head><body><main id=\"main\"><h1>A</h1><p data-pagefind-weight=\"5\">lay word. </p></main></body></html>"
        );
    }

    #[test]
    fn pagefinds_own_interfaces_are_left_out() {
        assert!(wanted("pagefind.js"));
        assert!(wanted("wasm.en.pagefind"));
        assert!(wanted("fragment/en_123.pf_fragment"));
        assert!(!wanted("pagefind-ui.js"));
        assert!(!wanted("pagefind-component-ui.css"));
        assert!(!wanted("playground/index.html"));
    }

    #[cfg(feature = "search")]
    #[test]
    fn the_index_has_the_browser_files_and_is_the_same_in_any_order() {
        let doc = |url: &str, body: &str| {
            Doc::new(
                url.into(),
                "en-GB",
                &format!(
                    "<html><head><title>t</title></head><body><nav>Menu</nav><main><h1>{url}</h1><p>{body}</p></main></body></html>"
                ),
                &[],
            )
        };
        let a = vec![
            doc("/knee/", "Knee pain going downstairs"),
            doc("/elbow/", "Lateral elbow tendinopathy"),
            doc("/exercises/lunge/", "Step forward and bend both knees"),
        ];
        let mut b = a.clone();
        b.reverse();
        let first = index(&a).unwrap();
        let names: Vec<&str> = first.iter().map(|(p, _)| p.as_str()).collect();
        for want in ["pagefind/pagefind.js", "pagefind/pagefind-entry.json"] {
            assert!(names.contains(&want), "{want} in {names:?}");
        }
        for ext in [".pf_meta", ".pf_fragment", ".pf_index", ".pagefind"] {
            assert!(names.iter().any(|n| n.ends_with(ext)), "{ext} in {names:?}");
        }
        assert!(!names.iter().any(|n| n.contains("-ui")), "{names:?}");
        assert_eq!(first, index(&b).unwrap());
    }
}
