//! The "floor" of issues 6 and 20: the least work any build of a site's pages must do.
//! One sequential pass that reads every content `.md` file, parses its Markdown with
//! pulldown-cmark (the same version and options as sinew) and writes the HTML over an
//! existing output folder (or, with `--fresh`, into a new one), with no templates, no
//! links and no front-matter parsing (the front matter is only cut off).
//!
//! `content/a/b.md` is written to `OUT/a/b/index.html`, `content/a/index.md` to
//! `OUT/a/index.html`, as sinew does. Used by `bench/run`:
//!
//! ```sh
//! cargo run --release --example floor -- SITE/content OUT
//! cargo run --release --example floor -- --in-place SITE/content OUT
//! cargo run --release --example floor -- --fresh SITE/content NEW_OUT
//! ```
//!
//! By default each file is written with `std::fs::write` (open with `O_TRUNC`, write).
//! With `--in-place` an existing file is opened without truncating, written from the
//! start and then cut to the new length. On ext4 the first form makes `close` allocate
//! the file's blocks and start writing them back at once (the `auto_da_alloc` heuristic
//! for files truncated to zero), which costs about ten times more per file on this
//! machine's disk; the second form leaves that to the background writeback.
//!
//! With `--fresh` the output folder must not exist yet: every folder and file is
//! created (`create_new`), as a build on a clean clone must do. This is the floor for
//! sinew's fresh build; creating a file costs far more than overwriting one on ext4.

use pulldown_cmark::{Options, Parser, html};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// How each output file is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `std::fs::write`: open with `O_TRUNC`, write (the default).
    Truncate,
    /// Open without truncating, write, then cut to length (`--in-place`).
    InPlace,
    /// Into a folder that does not exist yet: create every folder and file (`--fresh`).
    Fresh,
}

fn main() -> std::io::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mode = match args.first().map(String::as_str) {
        Some("--in-place") => Mode::InPlace,
        Some("--fresh") => Mode::Fresh,
        _ => Mode::Truncate,
    };
    if mode != Mode::Truncate {
        args.remove(0);
    }
    let [content, out] = args.as_slice() else {
        eprintln!("usage: floor [--in-place | --fresh] CONTENT_DIR OUT_DIR");
        std::process::exit(2);
    };
    let start = Instant::now();
    let content = Path::new(content);
    let out = Path::new(out);
    if mode == Mode::Fresh && out.exists() {
        eprintln!(
            "floor: `{}` already exists; --fresh creates every file, so remove or move it first",
            out.display()
        );
        std::process::exit(2);
    }
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut made: HashSet<PathBuf> = HashSet::new();
    let mut html_buf = String::new();
    let mut pages = 0usize;
    for entry in walkdir::WalkDir::new(content).sort_by_file_name() {
        let entry = entry?;
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(path)?;
        let body = strip_front_matter(&text);
        html_buf.clear();
        html::push_html(&mut html_buf, Parser::new_ext(body, opts));

        let rel = path.strip_prefix(content).expect("walked under content");
        let dir = if rel.file_stem().is_some_and(|s| s == "index") {
            out.join(rel.parent().unwrap_or(Path::new("")))
        } else {
            out.join(rel.with_extension(""))
        };
        if !made.contains(&dir) {
            std::fs::create_dir_all(&dir)?;
            made.insert(dir.clone());
        }
        let file = dir.join("index.html");
        match mode {
            Mode::InPlace => {
                let mut f = std::fs::OpenOptions::new()
                    .write(true)
                    .create(true)
                    .truncate(false)
                    .open(&file)?;
                f.write_all(html_buf.as_bytes())?;
                f.set_len(html_buf.len() as u64)?;
            }
            Mode::Fresh => {
                let mut f = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&file)?;
                f.write_all(html_buf.as_bytes())?;
            }
            Mode::Truncate => std::fs::write(&file, html_buf.as_bytes())?,
        }
        pages += 1;
    }
    println!("floor: {pages} pages in {} ms", start.elapsed().as_millis());
    Ok(())
}

/// The text after a leading `---` ... `---` block, or all of it.
fn strip_front_matter(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    match rest.find("\n---\n") {
        Some(end) => &rest[end + 5..],
        None => text,
    }
}
