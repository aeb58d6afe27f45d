//! The `sinew` command line: parses arguments and hands them to `cmd::*`.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[macro_use]
mod cmd;

/// See Cargo.toml and ARCHITECTURE.md ("Dependencies") for why, and what it was measured
/// against.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Preview the site: build it in memory, serve it, and rebuild and reload on every save.
    Serve(ServeArgs),
    /// Check the site for problems (readability, review dates, accessibility) without writing it.
    Check(CheckArgs),
    /// Start a new clinic site in an empty folder, ready to build and fill in.
    Init(InitArgs),
    /// Add one page, exercise or ladder from a commented template.
    New(NewArgs),
}

/// Arguments of `sinew init`.
#[derive(clap::Args)]
struct InitArgs {
    /// The folder to create the site in; it must be new or empty.
    #[arg(default_value = ".")]
    dir: PathBuf,
}

/// Arguments of `sinew new`.
#[derive(clap::Args)]
pub(crate) struct NewArgs {
    /// What to add.
    #[arg(value_enum)]
    pub(crate) kind: NewKind,
    /// A page's path under content/ (e.g. `conditions/back-pain`), or an exercise's or
    /// ladder's id (e.g. `wall-sit`): lowercase letters, digits and hyphens; or a
    /// language's code (e.g. `fr`, `pt-BR`).
    #[arg(value_name = "PATH-OR-ID")]
    pub(crate) name: String,
    /// The site's folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
}

/// What `sinew new` adds.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum NewKind {
    /// A Markdown page, as a draft: `content/PATH.md`.
    Page,
    /// An exercise: `content/exercises/ID.yaml`.
    Exercise,
    /// An exercise ladder with its planner: `content/programs/ID.yaml`.
    Ladder,
    /// A language's words for the theme and planner, to translate: `i18n/CODE.yaml`,
    /// a copy of sinew's English table (or of its own, for a language sinew has).
    Language,
}

/// Arguments of `sinew serve`.
#[derive(clap::Args)]
pub(crate) struct ServeArgs {
    /// The site's folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// Port to listen on; without it the first free port from 1111 is used.
    #[arg(long)]
    pub(crate) port: Option<u16>,
    /// Address to listen on. Anything but 127.0.0.1 or ::1 lets other computers see the preview.
    #[arg(long, default_value = "127.0.0.1")]
    pub(crate) bind: String,
    /// Open the site in the default browser.
    #[arg(long)]
    pub(crate) open: bool,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub(crate) drafts: bool,
}

/// Arguments of `sinew check`.
#[derive(clap::Args)]
pub(crate) struct CheckArgs {
    /// The site's folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: CheckFormat,
    /// Count warnings as errors.
    #[arg(long)]
    pub(crate) strict: bool,
    /// The date to check review dates against (YYYY-MM-DD); defaults to today.
    #[arg(long)]
    pub(crate) today: Option<String>,
    /// Check draft pages too (`draft: true`), as `sinew build --drafts` would publish them.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// A previous version of the site (its output folder, or its sitemap.xml): report
    /// every address it published that now leads nowhere.
    #[arg(long, value_name = "DIR")]
    pub(crate) previous: Option<PathBuf>,
}

/// Output formats of `sinew check`.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum CheckFormat {
    /// For people.
    Text,
    /// For CI and other programs.
    Json,
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

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h`; the Rust crate names no constant for
/// it): how long freed memory is kept before it is given back to the system (times
/// `mi_option_arena_purge_mult`, 10).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// The purge delay `main` sets, in milliseconds (100 ms in mimalloc's arenas).
const PURGE_DELAY_MS: std::ffi::c_long = 10;

/// Gives every freed page in mimalloc's arenas back to the system now, whichever thread
/// freed it (`mi_collect(true)` purges the arenas, which the whole process shares, and
/// the calling thread's own free pages). `sinew build` calls it where a phase has freed
/// much at once: as rendering starts, after the Markdown, and every few thousand files.
pub(crate) fn give_back_freed_memory() {
    // SAFETY: `mi_collect` takes no pointer and may be called from any thread.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

fn main() -> ExitCode {
    // Freed memory goes back to the system after 100 ms rather than mimalloc's default
    // of 10 s, and at once where `sinew build` calls `give_back_freed_memory`. With no
    // delay at all (until 30 November) every free of a whole page of memory was its own
    // `madvise`, whose TLB shootdown interrupted the other core: 10% of a rebuild's CPU.
    // With the default delay the memory the Markdown phase freed was still held while the
    // pages rendered (peak 87-99 MB at 10,000 pages, against 77-79 MB). bench/RESULTS.md.
    // SAFETY: called first thing in `main`, before any other thread exists (the option
    // setter is not thread safe); it only stores a number.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS);
    }
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(a) => cmd::build::run(cmd::build::Options {
            out: a.out.unwrap_or_else(|| a.root.join("public")),
            build: sinew::BuildOptions {
                root: a.root,
                base_url: a.base_url,
                drafts: a.drafts,
                keep_text: false,
                // `cmd::build` gives the output folder, and the folder beside it.
                previous_site: None,
                spill: None,
            },
            timings: a.timings,
        }),
        Command::Serve(a) => cmd::serve::run(a),
        Command::Check(a) => cmd::check::run(a),
        Command::Init(a) => cmd::init::run(cmd::init::Options { dir: a.dir }),
        Command::New(a) => cmd::new::run(a),
    };
    let code = match result {
        Ok(code) => code,
        Err(e) => {
            // The error may quote file names: escape what a terminal would obey.
            let text = format!("{e:#}");
            let text = sinew::diagnostic::for_terminal(&text, sinew::diagnostic::Newlines::Indent);
            errln!("error: {text}");
            ExitCode::from(1)
        }
    };
    // A closed pipe never changes the code; an output that could not be written does.
    cmd::say::finish(code)
}
