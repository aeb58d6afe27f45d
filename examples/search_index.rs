//! Scratch: dump a site's search input, or index a dump and report CPU time.
#![allow(missing_docs, unreachable_pub, dead_code)]
use std::io::{Read, Write};

#[path = "../src/search/text.rs"]
mod text;

fn cpu() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap();
    let f: Vec<&str> = s.rsplit(')').next().unwrap().split_whitespace().collect();
    let t: f64 = f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap();
    t / 100.0
}

const SKIP: &[&str] = &["nav", "form", "[data-search-skip]"];

fn main_of(html: &str) -> &str {
    let a = html.find("<main").unwrap();
    let b = html.rfind("</main>").unwrap();
    &html[a..b + 7]
}

async fn html_way(docs: &[(String, String, String)]) -> Vec<pagefind::api::SyntheticFile> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;
    let options = PagefindServiceConfig::builder()
        .root_selector("main".to_string())
        .exclude_selectors(SKIP.iter().map(|s| s.to_string()).collect())
        .keep_index_url(false)
        .write_playground(false)
        .build();
    let mut index = PagefindIndex::new(Some(options)).unwrap();
    for d in docs {
        index.add_html_file(None, Some(d.0.clone()), d.2.clone()).await.unwrap();
    }
    index.get_files().await.unwrap()
}

async fn custom_way(docs: &[(String, String, String)]) -> Vec<pagefind::api::SyntheticFile> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;
    use rayon::prelude::*;
    let c = cpu();
    let ex: Vec<text::Extract> = docs.par_iter().map(|d| text::extract(main_of(&d.2), SKIP)).collect();
    eprintln!("extract cpu {:.2}", cpu() - c);
    let options = PagefindServiceConfig::builder()
        .keep_index_url(false)
        .write_playground(false)
        .build();
    let mut index = PagefindIndex::new(Some(options)).unwrap();
    for (d, e) in docs.iter().zip(ex) {
        index
            .add_custom_record(d.0.clone(), e.text, d.1.clone(), Some(e.meta), None, None)
            .await
            .unwrap();
    }
    index.get_files().await.unwrap()
}

fn fragments(files: &[pagefind::api::SyntheticFile]) -> std::collections::BTreeMap<String, serde_json::Value> {
    let mut out = std::collections::BTreeMap::new();
    for f in files {
        let n = f.filename.to_string_lossy();
        if !n.ends_with(".pf_fragment") {
            continue;
        }
        let mut d = flate2::read::GzDecoder::new(&f.contents[..]);
        let mut s = Vec::new();
        d.read_to_end(&mut s).unwrap();
        let mut v: serde_json::Value = serde_json::from_slice(&s[12..]).unwrap();
        v.as_object_mut().unwrap().remove("anchors");
        out.insert(v["url"].as_str().unwrap().to_string(), v);
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args[0] == "dump" {
        let mut s = sinew::site::Session::new(sinew::BuildOptions {
            root: args[1].clone().into(),
            base_url: None,
            drafts: false,
            keep_text: false,
            previous_site: None,
        });
        s.build().map_err(|_| "build failed").unwrap();
        let input = s.search_input();
        let mut f = std::io::BufWriter::new(std::fs::File::create(&args[2]).unwrap());
        for d in &input.docs {
            for p in [&d.url, &d.lang, &d.html] {
                f.write_all(p.as_bytes()).unwrap();
                f.write_all(b"\0").unwrap();
            }
        }
        return;
    }
    let mut buf = String::new();
    std::fs::File::open(&args[1]).unwrap().read_to_string(&mut buf).unwrap();
    let parts: Vec<&str> = buf.split('\0').collect();
    let docs: Vec<(String, String, String)> =
        parts.chunks_exact(3).map(|c| (c[0].into(), c[1].into(), c[2].into())).collect();
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let run = |way: &str| {
        let (c, t) = (cpu(), std::time::Instant::now());
        let files = if way == "html" { rt.block_on(html_way(&docs)) } else { rt.block_on(custom_way(&docs)) };
        let bytes: usize = files.iter().map(|f| f.contents.len()).sum();
        eprintln!("{way}: {} docs -> {} files, {} bytes; cpu {:.2} s, wall {:.2} s",
            docs.len(), files.len(), bytes, cpu() - c, t.elapsed().as_secs_f64());
        files
    };
    match args[0].as_str() {
        "html" => { run("html"); }
        "custom" => { run("custom"); }
        _ => {
            let a = run("html");
            let b = run("custom");
            let (fa, fb) = (fragments(&a), fragments(&b));
            let mut diffs = 0;
            for (u, v) in &fa {
                if fb.get(u) != Some(v) {
                    diffs += 1;
                    if diffs < 4 {
                        eprintln!("DIFF {u}\nhtml:   {v}\ncustom: {}", fb.get(u).map(|x| x.to_string()).unwrap_or_default());
                    }
                }
            }
            eprintln!("fragments: {} vs {}, {} differ", fa.len(), fb.len(), diffs);
            let idx = |f: &[pagefind::api::SyntheticFile]| -> std::collections::BTreeSet<String> {
                f.iter().map(|f| f.filename.to_string_lossy().to_string()).filter(|n| n.ends_with(".pf_index")).collect()
            };
            let (ia, ib) = (idx(&a), idx(&b));
            eprintln!("index chunks: {} vs {}, {} only in html", ia.len(), ib.len(), ia.difference(&ib).count());
        }
    }
}
