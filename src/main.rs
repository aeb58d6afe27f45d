//! The `sinew` command line: parses arguments and hands them to `cmd::*`.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[macro_use]
mod cmd;

/// See Cargo.toml and ARCHITECTURE.md ("Dependencies") for why, and what it was measured
/// against.
#[global_allocator]
static ALLOCATOR: Mimalloc = Mimalloc;

/// mimalloc as the global allocator, asked for an alignment only when a value needs more
/// than every block already has. The `mimalloc` crate's allocator calls
/// `mi_malloc_aligned` for every value, whose extra checks cost about 60 instructions an
/// allocation against `mi_malloc`'s 20-odd: a fresh 10,000-page build makes 4.6 million
/// (bench/RESULTS.md, twelfth pass). This is the rule `std`'s own allocator on Unix
/// follows with `malloc`.
struct Mimalloc;

/// The alignment of every block of at least this many bytes `mi_malloc` gives:
/// mimalloc's `MI_MAX_ALIGN_SIZE` (`types.h`; asserted of each block it hands out in
/// `alloc.c`: its pages start 16-aligned and its size classes from 16 bytes up are whole
/// multiples of 16). A smaller block is aligned to its size class, which is at least the
/// size asked for, so to any alignment up to that size.
const MI_MAX_ALIGN: usize = 16;

impl Mimalloc {
    /// Whether a block of `size` bytes from the plain calls is aligned enough for `align`.
    #[inline]
    fn plain_will_do(align: usize, size: usize) -> bool {
        align <= MI_MAX_ALIGN && align <= size
    }
}

// SAFETY: each call forwards to mimalloc with the layout's size, and with its alignment
// whenever the plain call's blocks might not have it (`plain_will_do`); every pointer is
// freed by `mi_free`, which takes blocks from either kind of call.
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys as mi;
        // SAFETY: plain C allocation calls; a null result is passed on as the failure.
        unsafe {
            if Self::plain_will_do(layout.align(), layout.size()) {
                mi::mi_malloc(layout.size()).cast()
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys as mi;
        // SAFETY: as `alloc`.
        unsafe {
            if Self::plain_will_do(layout.align(), layout.size()) {
                mi::mi_zalloc(layout.size()).cast()
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: `ptr` came from this allocator, that is from mimalloc.
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        use libmimalloc_sys as mi;
        // SAFETY: `ptr` came from this allocator with `layout`; a block moved by the
        // plain call is a new plain block of `new_size`, aligned as `plain_will_do` says.
        unsafe {
            if Self::plain_will_do(layout.align(), new_size) {
                mi::mi_realloc(ptr.cast(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}

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
