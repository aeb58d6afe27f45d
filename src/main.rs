//! The `sinew` command line: parses arguments and hands them to `cmd::*`.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

mod cmd;

/// A static site generator for physiotherapy clinics.
#[derive(Parser)]
#[command(name = "sinew", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder (default `public/`).
    Build(BuildArgs),
}

/// Arguments of `sinew build`.
#[derive(clap::Args)]
pub(crate) struct BuildArgs {
    /// The site's folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site (relative to the current folder).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Publish at this address instead of `base_url` from site.yaml.
    #[arg(long)]
    base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Print where the time went.
    #[arg(long)]
    timings: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(a) => cmd::build::run(cmd::build::Options {
            out: a.out.unwrap_or_else(|| a.root.join("public")),
            build: sinew::BuildOptions { root: a.root, base_url: a.base_url, drafts: a.drafts, inject_html: None },
            timings: a.timings,
        }),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}
