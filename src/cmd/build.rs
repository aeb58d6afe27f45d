//! `sinew build`: build the site, stream it into the output's working folder, swap it in
//! only on success, and print problems and a summary.

use anyhow::{Result, anyhow};
use sinew::site::OutFile;
use sinew::{BuildOptions, output};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::sync_channel;
use std::time::Instant;

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
    // Pages are rendered on every core and handed to writer threads over a bounded
    // channel, so the whole site is never held in memory. Measured on the 10,000-page
    // benchmark here, two writers beat one by 5-10% (most files are compared with the
    // previous build or overwritten in place, not created).
    let (tx, rx) = sync_channel::<OutFile>(256);
    let rx = std::sync::Mutex::new(rx);
    let writers = 2;
    // Set when a writer fails: rendering then stops, and the writers keep draining the
    // channel so the renderers never wait on a full channel nobody reads.
    let failed = std::sync::atomic::AtomicBool::new(false);
    let (built, written) = std::thread::scope(|s| {
        let handles: Vec<_> = (0..writers)
            .map(|_| {
                let (w, rx, failed) = (&writer, &rx, &failed);
                s.spawn(move || -> Result<()> {
                    let mut result = Ok(());
                    loop {
                        let next = rx.lock().expect("channel lock").recv();
                        let Ok(f) = next else { return result };
                        if result.is_ok() && !failed.load(std::sync::atomic::Ordering::Relaxed) {
                            result = w.write(&f);
                            if result.is_err() {
                                failed.store(true, std::sync::atomic::Ordering::Relaxed);
                            }
                        }
                    }
                })
            })
            .collect();
        let mut build = opts.build.clone();
        // The search index of the site there now is published again when no indexed
        // page changed.
        build.previous_site = Some(opts.out.clone());
        // A big site keeps its pages' body HTML in a temporary file until each page is
        // made (issue 20's memory target at 100,000 pages).
        build.spill = Some(sinew::site::SpillOptions {
            dir: writer.beside().to_path_buf(),
            above_pages: sinew::site::SPILL_ABOVE_PAGES,
        });
        let built = sinew::site::build_to(&build, &|f| {
            if failed.load(std::sync::atomic::Ordering::Relaxed) {
                return Err("the output folder could not be written".to_string());
            }
            tx.send(f)
                .map_err(|_| "the output folder could not be written".to_string())
        });
        drop(tx);
        let written = handles.into_iter().try_for_each(|h| {
            h.join()
                .unwrap_or_else(|_| Err(anyhow!("a writer thread crashed")))
        });
        (built, written)
    });
    let built = match built {
        Ok(b) => b,
        Err(diags) => {
            written?;
            eprint!("{}", diags.to_text());
            let n = diags.error_count();
            eprintln!(
                "sinew: {n} {} found; nothing was published and `{}` is unchanged",
                if n == 1 { "problem" } else { "problems" },
                opts.out.display()
            );
            return Ok(ExitCode::from(1));
        }
    };
    written?;
    eprint!("{}", built.warnings.to_text());
    let files = writer.written();
    let busy = writer.busy();
    let committed = writer.commit()?;
    println!(
        "sinew: built {} pages ({files} files) into {} in {} ms",
        built.pages,
        opts.out.display(),
        start.elapsed().as_millis()
    );
    if opts.timings {
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        let t = built.timings;
        println!(
            "timings: load {:.1} ms, link {:.1} ms, parse {:.1} ms, render {:.1} ms, search {:.1} ms, write {:.1} ms (on {writers} threads, while rendering), sync {:.1} ms, swap {:.1} ms",
            ms(t.load),
            ms(t.link),
            ms(t.parse),
            ms(t.render),
            ms(t.search),
            ms(busy),
            ms(committed.sync),
            ms(committed.swap)
        );
    }
    // The process ends here: freeing every page's data one by one would only delay it.
    std::mem::forget(built);
    Ok(ExitCode::SUCCESS)
}
