//! Site search: the index of the site's pages that the search page (`/search/`) loads in
//! the browser. Pagefind builds it (the `search` Cargo feature, on by default) from the
//! same rendered pages the build writes, in process, into files under [`FOLDER`]: its
//! browser script, its WebAssembly for the site's language, and the index in chunks the
//! browser fetches on demand. No other tool and no network is needed.
//!
//! This module knows nothing of the site: it gets each page's address, its HTML and its
//! hidden search terms ([`Doc`]), and returns the files to publish. Which pages are
//! indexed is `render`'s decision.

use std::collections::BTreeMap;

#[cfg(feature = "search")]
mod text;

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
    /// What the indexer reads of the page: the text of its `<main>` with its search
    /// terms added (see `with_terms`), with Pagefind's weight markers (`text`).
    pub text: String,
    /// The result's title and image (`title`, `image`, `image_alt`), from the page's
    /// first `<h1>` and the first image after it.
    pub meta: BTreeMap<String, String>,
}

impl Doc {
    /// The page at `url` as the indexer reads it: the text of the `<main>` element of
    /// its published `html` (the only part indexed), without the parts every page
    /// repeats (`SKIP`), with `terms` added at its end, where the indexer reads them
    /// with extra weight but no patient ever sees them. A page without `<main>` has
    /// nothing to index. `lang` is the page's language (`en-GB`, `es`).
    pub fn new(url: String, lang: &str, html: &str, terms: &[String]) -> Doc {
        let lang = lang.to_ascii_lowercase();
        let main = match (html.find("<main"), html.rfind("</main>")) {
            (Some(a), Some(b)) if a < b => &html[a..b + "</main>".len()],
            _ => {
                return Doc {
                    url,
                    lang,
                    text: String::new(),
                    meta: BTreeMap::new(),
                };
            }
        };
        let main = with_terms(main.to_string(), terms);
        #[cfg(feature = "search")]
        {
            let text::Extract { text, meta } = text::extract(&main, SKIP);
            Doc {
                url,
                lang,
                text,
                meta,
            }
        }
        // Nothing is indexed without the feature: the HTML only tells pages apart.
        #[cfg(not(feature = "search"))]
        Doc {
            url,
            lang,
            text: main,
            meta: BTreeMap::new(),
        }
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

/// The elements of `<main>` the indexer does not read: those every page repeats
/// (breadcrumbs; the printed footer with the clinic's name, phone and booking address,
/// which would make every page a result for "phone" or the clinic's name), those that are
/// not text to find (the planner's forms), and whatever is printed only, never shown on
/// screen (a snippet would quote text the patient cannot see on the page).
#[cfg_attr(not(feature = "search"), allow(dead_code))]
const SKIP: &[&str] = &["nav", "form", ".print-only", "[data-search-skip]"];

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
    // Each page goes to the index of its own language. Pagefind gets each page's text
    // (`add_custom_record`), read on the render threads (`Doc::new`), rather than its
    // HTML, which it would parse one page at a time under its lock.
    let options = PagefindServiceConfig::builder()
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
                .add_custom_record(
                    d.url.clone(),
                    d.text.clone(),
                    d.lang.clone(),
                    Some(d.meta.clone()),
                    None,
                    None,
                )
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
/// nobody loads would only grow the site. So is its web worker: the search page has
/// Pagefind search on the page (`noWorker`), which is faster (bench/RESULTS.md).
#[cfg_attr(not(feature = "search"), allow(dead_code))]
fn wanted(name: &str) -> bool {
    !(name.starts_with("pagefind-ui")
        || name == "pagefind-worker.js"
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

    #[cfg(feature = "search")]
    #[test]
    fn a_doc_keeps_only_the_text_of_main() {
        let d = Doc::new(
            "/a/".into(),
            "en-GB",
            "<html><head><title>A</title></head><body><header>Menu</header><main id=\"main\"><h1>Knee &amp; hip</h1><nav>Home</nav><p>Walk<br>daily</p></main><footer>F</footer></body></html>",
            &["lay word".into()],
        );
        assert_eq!(d.lang, "en-gb");
        let words: Vec<&str> = d.text.split_whitespace().collect();
        assert_eq!(
            words,
            [
                "___PAGEFIND_AUTO_WEIGHT___7",
                "Knee",
                "&",
                "hip.",
                "___END_PAGEFIND_WEIGHT___",
                "Walk",
                "daily.",
                "___PAGEFIND_WEIGHT___5",
                "lay",
                "word.",
                "___END_PAGEFIND_WEIGHT___"
            ]
        );
        assert_eq!(d.meta.get("title").map(String::as_str), Some("Knee & hip"));
        let none = Doc::new(
            "/b/".into(),
            "en",
            "<html><body><p>x</p></body></html>",
            &[],
        );
        assert!(none.text.is_empty() && none.meta.is_empty());
    }

    #[test]
    fn pagefinds_own_interfaces_are_left_out() {
        assert!(wanted("pagefind.js"));
        assert!(wanted("wasm.en.pagefind"));
        assert!(wanted("fragment/en_123.pf_fragment"));
        assert!(!wanted("pagefind-ui.js"));
        assert!(!wanted("pagefind-component-ui.css"));
        assert!(!wanted("playground/index.html"));
        assert!(!wanted("pagefind-worker.js"));
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

    /// The pages sinew gives Pagefind as text (`add_custom_record`, from
    /// [`text::extract`]) are indexed as Pagefind indexes the same `<main>` as HTML
    /// (`add_html_file`, its own reader): the same word index, and the same result
    /// address, title, image, snippet text and word count. Only the anchors (sub-results,
    /// which the search page does not show) are left out.
    #[cfg(feature = "search")]
    #[test]
    fn custom_records_index_like_pagefinds_html_reader() {
        use pagefind::api::{PagefindIndex, SyntheticFile};
        use pagefind::options::PagefindServiceConfig;
        use std::io::Read;

        let pages = [
            (
                "/knee/",
                "en-gb",
                "<main id=\"main\"><nav class=\"crumbs\"><a href=\"/\">Home</a></nav><article><h1 id=\"knee\">Knee pain <em>going</em> downstairs</h1><img src=\"/k.jpg\" alt=\"A knee\"><p>Step&nbsp;down slowly &mdash; it's &lt;fine&gt;.<sup class=\"footnote-reference\" id=\"fr-1\"><a href=\"#fn-1\">1</a></sup></p><h2 id=\"why\">Why it hurts?</h2><ul><li>Kneecap (patella)</li><li>Tendon <strong>load</strong><br/>and rest</li></ul><table><tr><td>Sets</td><td>3</td></tr></table><div data-search-skip><p>Skip me</p></div><aside class=\"handout-footer print-only\"><p>Phone: 01632 960 000</p></aside><form><label>Date</label><input name=\"d\"></form><p>Ends with an empty anchor<a id=\"x\"></a></p><script>var no = 1;</script><!-- a comment --><section><h3>Next</h3><p>See   the\n  physio \u{201c}soon\u{201d}</p></section><p data-pagefind-weight=\"5\">runner's knee. sore knee. </p></article></main>",
            ),
            (
                "/es/rodilla/",
                "es",
                "<main><h1>Dolor de rodilla\n  al bajar</h1><p>Camine cada día, poco a poco</p><h4>Ejercicios</h4><p>Sentadillas</p></main>",
            ),
            (
                "/exercises/lunge/",
                "en-gb",
                "<main><div class=\"exercise\"><h1>Lunge <span class=\"badge\">new</span></h1><dl><dt>Dose</dt><dd>3 x 10</dd></dl><p>Keep your back straight*</p><figure><img src=\"l.png\"><figcaption>The \"lunge\"</figcaption></figure><p>Without a title first</p></div></main>",
            ),
            ("/empty/", "en-gb", "<main><nav>Only a menu</nav></main>"),
        ];
        let files = |custom: bool| -> Vec<SyntheticFile> {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap();
            runtime.block_on(async {
                let options = PagefindServiceConfig::builder()
                    .root_selector("main".to_string())
                    .exclude_selectors(SKIP.iter().map(|s| s.to_string()).collect())
                    .keep_index_url(false)
                    .write_playground(false)
                    .build();
                let mut index = PagefindIndex::new(Some(options)).unwrap();
                for (url, lang, main) in pages {
                    if custom {
                        let d = Doc::new(url.into(), lang, main, &[]);
                        index
                            .add_custom_record(d.url, d.text, d.lang, Some(d.meta), None, None)
                            .await
                            .unwrap();
                    } else {
                        let html = format!("<html lang=\"{lang}\"><body>{main}</body></html>");
                        index
                            .add_html_file(None, Some(url.into()), html)
                            .await
                            .unwrap();
                    }
                }
                index.get_files().await.unwrap()
            })
        };
        let (html, custom) = (files(false), files(true));
        let named = |f: &[SyntheticFile], ext: &str| -> Vec<String> {
            let mut v: Vec<String> = f
                .iter()
                .map(|f| f.filename.to_string_lossy().into_owned())
                .filter(|n| n.ends_with(ext))
                .collect();
            v.sort();
            v
        };
        // Index chunks are named by a hash of their bytes: the same names, the same words
        // on the same pages at the same positions with the same weights.
        assert_eq!(named(&html, ".pf_index"), named(&custom, ".pf_index"));
        assert!(!named(&html, ".pf_index").is_empty());
        let fragments = |f: &[SyntheticFile]| -> BTreeMap<String, serde_json::Value> {
            f.iter()
                .filter(|f| f.filename.to_string_lossy().ends_with(".pf_fragment"))
                .map(|f| {
                    let mut bytes = Vec::new();
                    flate2::read::GzDecoder::new(&f.contents[..])
                        .read_to_end(&mut bytes)
                        .unwrap();
                    let json = bytes.strip_prefix(b"pagefind_dcd".as_slice()).unwrap();
                    let mut v: serde_json::Value = serde_json::from_slice(json).unwrap();
                    v.as_object_mut().unwrap().remove("anchors");
                    (v["url"].as_str().unwrap().to_string(), v)
                })
                .collect()
        };
        let (a, b) = (fragments(&html), fragments(&custom));
        assert_eq!(a, b);
        // The empty page is not indexed by either.
        assert_eq!(a.len(), 3, "{a:#?}");
        assert_eq!(a["/knee/"]["meta"]["title"], "Knee pain going downstairs");
        assert_eq!(a["/knee/"]["meta"]["image_alt"], "A knee");
        let knee = a["/knee/"]["content"].as_str().unwrap();
        assert!(knee.contains("Step"), "{knee}");
        for skipped in ["Home", "Skip me", "01632", "Date", "var no"] {
            assert!(!knee.contains(skipped), "{skipped} in {knee}");
        }
    }
}
