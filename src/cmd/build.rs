//! `sinew build`: build the site, write it atomically, print problems and a summary.

use anyhow::Result;
use sinew::{BuildOptions, output};
use std::path::PathBuf;
use std::process::ExitCode;
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
    let built = match sinew::build(&opts.build) {
        Ok(b) => b,
        Err(diags) => {
            eprint!("{}", diags.to_text());
            let n = diags.error_count();
            eprintln!(
                "sinew: {n} {} found; nothing was written and `{}` is unchanged",
                if n == 1 { "problem" } else { "problems" },
                opts.out.display()
            );
            return Ok(ExitCode::from(1));
        }
    };
    eprint!("{}", built.warnings.to_text());
    let t = Instant::now();
    output::write_atomic(&opts.out, &built.files)?;
    let write = t.elapsed();
    println!(
        "sinew: built {} pages ({} files) into {} in {} ms",
        built.pages,
        built.files.len(),
        opts.out.display(),
        start.elapsed().as_millis()
    );
    if opts.timings {
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        let t = built.timings;
        println!(
            "timings: load {:.1} ms, link {:.1} ms, parse {:.1} ms, render {:.1} ms, write {:.1} ms",
            ms(t.load),
            ms(t.link),
            ms(t.parse),
            ms(t.render),
            ms(write)
        );
    }
    Ok(ExitCode::SUCCESS)
}
