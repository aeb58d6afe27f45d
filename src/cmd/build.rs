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
    // Pages are rendered on every core and written by one thread: creating and
    // overwriting files from many threads at once was slower on the disks we measured.
    let (tx, rx) = sync_channel::<OutFile>(256);
    let (built, written) = std::thread::scope(|s| {
        let w = &writer;
        let handle = s.spawn(move || -> Result<()> {
            for f in rx {
                w.write(&f)?;
            }
            Ok(())
        });
        let built = sinew::site::build_to(&opts.build, &|f| {
            tx.send(f)
                .map_err(|_| "the output folder could not be written".to_string())
        });
        drop(tx);
        let written = handle
            .join()
            .unwrap_or_else(|_| Err(anyhow!("the writer thread crashed")));
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
    let t = Instant::now();
    writer.commit()?;
    let swap = t.elapsed();
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
            "timings: load {:.1} ms, link {:.1} ms, parse {:.1} ms, render and write {:.1} ms, swap {:.1} ms",
            ms(t.load),
            ms(t.link),
            ms(t.parse),
            ms(t.render),
            ms(swap)
        );
    }
    Ok(ExitCode::SUCCESS)
}
