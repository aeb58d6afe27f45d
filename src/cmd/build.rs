//! `sinew build`: build the site, stream it into the output's working folder, swap it in
//! only on success, and print problems and a summary.

use anyhow::Result;
use sinew::{BuildOptions, output};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

/// What the build is told when a file could not be written (the error itself, with the
/// file's name, is printed).
const WRITE_FAILED: &str = "the output folder could not be written";

/// How many files are written between two calls of [`crate::give_back_freed_memory`]
/// (the first file among them: rendering starts once the Markdown's memory is freed).
const PURGE_EVERY_FILES: usize = 4096;

/// Checked options for `sinew build`.
pub(crate) struct Options {
    /// What to build.
    pub build: BuildOptions,
    /// Where to write it.
    pub out: PathBuf,
    /// Print a breakdown of the time.
    pub timings: bool,
}

pub(crate) fn run(opts: Options) -> Result<ExitCode> {
    let start = Instant::now();
    output::check_out_dir(&opts.build.root, &opts.out)?;
    let writer = output::Writer::begin(&opts.out)?;
    // Each file is written on the thread that rendered it, as soon as it is made, so the
    // whole site is never held in memory. (Until 30 November they went to two writer
    // threads over a bounded channel: handing 11,000 files over cost more, in locks and
    // thread switches, than the writing it moved off the render threads; bench/RESULTS.md.)
    // The first write error stops the build: the render threads then make no more files.
    let failed = AtomicBool::new(false);
    let first_error = Mutex::new(None);
    let mut build = opts.build.clone();
    // The search index of the site there now is published again when no indexed page
    // changed.
    build.previous_site = Some(opts.out.clone());
    // A big site keeps its pages' body HTML in a temporary file until each page is made
    // (issue 20's memory target at 100,000 pages).
    build.spill = Some(sinew::site::SpillOptions {
        dir: writer.beside().to_path_buf(),
        above_pages: sinew::site::SPILL_ABOVE_PAGES,
        markdown_above_pages: sinew::site::MARKDOWN_ASIDE_ABOVE_PAGES,
    });
    let made = AtomicUsize::new(0);
    let built = sinew::site::build_to(&build, &|f| {
        if made
            .fetch_add(1, Ordering::Relaxed)
            .is_multiple_of(PURGE_EVERY_FILES)
        {
            crate::give_back_freed_memory();
        }
        if failed.load(Ordering::Relaxed) {
            return Err(WRITE_FAILED.to_string());
        }
        writer.write(&f).map_err(|e| {
            failed.store(true, Ordering::Relaxed);
            first_error.lock().expect("lock").get_or_insert(e);
            WRITE_FAILED.to_string()
        })
    });
    let written = match first_error.into_inner().expect("lock") {
        Some(e) => Err(e),
        None => Ok(()),
    };
    let built = match built {
        Ok(b) => b,
        Err(diags) => {
            written?;
            err!("{}", diags.to_text());
            let n = diags.error_count();
            errln!(
                "sinew: {n} {} found; nothing was published and `{}` is unchanged",
                if n == 1 { "problem" } else { "problems" },
                opts.out.display()
            );
            return Ok(ExitCode::from(1));
        }
    };
    written?;
    err!("{}", built.warnings.to_text());
    let files = writer.written();
    let busy = writer.busy();
    let by_stamp = writer.unchanged_by_stamp();
    let committed = writer.commit()?;
    outln!(
        "sinew: built {} pages ({files} files) into {} in {} ms",
        built.pages,
        opts.out.display(),
        start.elapsed().as_millis()
    );
    if opts.timings {
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        let t = built.timings;
        outln!(
            "timings: load {:.1} ms, link {:.1} ms, parse {:.1} ms, render {:.1} ms, search {:.1} ms, write {:.1} ms (on the render threads, while rendering), sync {:.1} ms, swap {:.1} ms, scan wait {:.1} ms",
            ms(t.load),
            ms(t.link),
            ms(t.parse),
            ms(t.render),
            ms(t.search),
            ms(busy),
            ms(committed.sync),
            ms(committed.swap),
            ms(committed.scan_wait)
        );
        outln!("timings: {by_stamp} of {files} files unchanged by their stamp (not opened)");
    }
    // The process ends here: freeing every page's data one by one would only delay it.
    std::mem::forget(built);
    Ok(ExitCode::SUCCESS)
}
