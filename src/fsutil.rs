//! Opening files that someone else may have replaced with something that is not a file:
//! a named pipe (opening or reading it waits forever for a writer), a socket, a device,
//! or a symbolic link. Used for sinew's own lock file and meant for `site.yaml`. And
//! which symbolic links among the site's sources sinew follows ([`LinkRules`]), with the
//! names of sinew's own files beside the output that they must not lead into.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// `.<out>` + this: the hidden working folder beside the output folder `<out>`.
pub const SPARE_TAG: &str = ".sinew-spare";
/// `.<out>` + this: the lock file beside the output folder.
pub const LOCK_TAG: &str = ".sinew-lock";
/// `.<out>` + this + `a` or `b`: the two manifests of stamps beside the output folder, one
/// for each of the folders that swap (`output::stamps`); + `new` while one is saved.
pub const STAMPS_TAG: &str = ".sinew-stamps-";
/// `.<out>` + this + a number: a folder an interrupted swap left beside the output.
pub const OLD_TAG: &str = ".sinew-old-";

/// How many threads [`io_pool`] has: enough reads in flight for a disk to answer many at
/// once when the files are not in memory (the first build after a reboot, a CI runner's
/// fresh clone, a big site pushed out of the cache by other programs), where two threads
/// kept two in flight; few enough that, mostly asleep, they cost nothing when the files
/// are in memory. Measured at 100,000 pages (bench/RESULTS.md, "Issue 20, eighth pass"):
/// 2 in flight read the sources in 10 s, 8 in 4.1 s, 16 in 3.5 s, 32 or 64 no faster.
pub const IO_THREADS: usize = 16;

/// The stack of each of [`io_pool`]'s threads: the folder walks recurse once per level,
/// and rayon's 2 MiB overflowed at 2,000 levels (1,000 in a debug build), aborting the
/// build. Only the pages used take memory; 32 MiB is room for about 30,000 levels.
const IO_STACK: usize = 32 << 20;

/// A pool of [`IO_THREADS`] threads named `sinew-<name>-<n>` for work that mostly waits on
/// the disk (reading many small files or folders), separate from rayon's global pool of
/// one thread per core; `None` if the threads cannot be started (then the caller's pool
/// does the work). Dropping it ends its threads, and gives back the allocator's memory
/// of each (one pool kept for the whole build raised a 10,000-page build's peak by about
/// 12 MB, two pools dropped after use by 3-10 MB: bench/RESULTS.md).
pub fn io_pool(name: &'static str) -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(IO_THREADS)
        .thread_name(move |i| format!("sinew-{name}-{i}"))
        .stack_size(IO_STACK)
        .build()
        .ok()
}

/// Which symbolic links among a site's sources (`content/`, `static/`, `templates/`)
/// sinew follows: a link that stays inside the site folder, or leads into a folder the
/// clinic named in `site.yaml` (`allow_links_outside`); never one into sinew's output
/// or working folders, wherever they are. Anything else could publish files the clinic
/// never meant to (a link to `/etc` published `/etc/shadow`; one to `/proc/self/environ`
/// the build's secrets), or the previous site inside the new one.
///
/// Inside the site, a link never leads into the site's own sources from another tree:
/// `static/src` → `content/` published every page's Markdown as it is written, drafts
/// included. So a link may lead into its own tree or into `static/` (published as it is
/// anyway), never to the site folder itself (or a folder holding it), `site.yaml`,
/// [`SOURCES`] other than its own tree, or a hidden file or folder (`.git`); and a link in
/// `content/` to a page or exercise file must keep its ending (`notes.txt` → `secret.md`
/// would publish the draft's text).
#[derive(Debug, Clone)]
pub struct LinkRules {
    root: PathBuf,
    allowed: Vec<PathBuf>,
}

/// The files and folders at the top of a site that hold its sources, which no link from
/// another tree may lead into (compared without regard to case, as Windows and macOS
/// name files).
pub const SOURCES: [&str; 4] = ["content", "templates", "i18n", "site.yaml"];

/// What a file of `content/` with this name is read as, if it is a source rather than a
/// file published as it is: `"md"` for a page, `"yaml"` for an exercise or ladder.
fn source_kind(name: &Path) -> Option<&'static str> {
    let ext = name.extension()?.to_string_lossy().to_ascii_lowercase();
    match ext.as_str() {
        "md" | "markdown" => Some("md"),
        "yaml" | "yml" => Some("yaml"),
        _ => None,
    }
}

const LINK_HINT: &str = "delete the link. A file the site should show goes in `static/`, or beside its \
     page in `content/`; a page is published from `content/` without any link";

impl LinkRules {
    /// The rules for the site at `root`, with the folders `allowed` outside it (relative
    /// ones are relative to `root`).
    pub fn new(root: &Path, allowed: &[String]) -> LinkRules {
        let real = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        LinkRules {
            root: real(root),
            allowed: allowed.iter().map(|a| real(&root.join(a))).collect(),
        }
    }

    /// Whether sinew may follow the symbolic link at `link`, found in the site's folder
    /// `tree` (`"content"`, `"static"` or `"templates"`), or why not: a message naming
    /// where it leads and a hint, for an error naming the link. A link that leads
    /// nowhere is for the reader to report.
    pub fn check(&self, link: &Path, tree: &str) -> Result<(), (String, String)> {
        let Ok(target) = link.canonicalize() else {
            return Ok(());
        };
        if let Some(out) = sinews_own(&target) {
            return Err((
                format!(
                    "this symbolic link leads into `{}`, which is sinew's output or working \
                     folder: the site would publish its own previous version",
                    out.display()
                ),
                "delete the link; put the files it should show in `static/` or `content/`".into(),
            ));
        }
        if self.root.starts_with(&target) {
            return Err((
                format!(
                    "this symbolic link (shortcut) leads to `{}`, the folder that holds the \
                     whole site: sinew would publish its sources as they are written \
                     (`site.yaml`, every page's text, drafts included)",
                    target.display()
                ),
                LINK_HINT.into(),
            ));
        }
        if let Ok(inside) = target.strip_prefix(&self.root) {
            return self.check_inside(link, inside, tree);
        }
        if self.allowed.iter().any(|a| target.starts_with(a)) {
            return Ok(());
        }
        Err((
            format!(
                "this symbolic link leads outside the site folder, to `{}`: sinew would \
                 publish whatever is there",
                target.display()
            ),
            format!(
                "copy the files the site needs into the site folder instead; or, if the clinic means to \
                 publish that folder, add it to `site.yaml`: `allow_links_outside: [{}]`",
                target.display()
            ),
        ))
    }

    /// [`LinkRules::check`] for a link whose target, `inside` (relative to the site
    /// folder, not empty), is in the site.
    fn check_inside(&self, link: &Path, inside: &Path, tree: &str) -> Result<(), (String, String)> {
        let shown = inside.to_string_lossy().replace('\\', "/");
        // Hidden files and folders are never published (`.git` can hold passwords
        // in its settings): a link must not publish them either.
        if let Some(hidden) = inside
            .components()
            .find(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        {
            return Err((
                format!(
                    "this symbolic link leads into `{}`, a hidden file or folder of the \
                     site, which is never published",
                    hidden.as_os_str().to_string_lossy()
                ),
                "delete the link; put the files it should show in `static/` or `content/`".into(),
            ));
        }
        let top = inside
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if top != tree && SOURCES.contains(&top.as_str()) {
            let what = if top == "site.yaml" {
                "`site.yaml`, the site's settings".to_string()
            } else {
                let slash = if link.is_dir() { "/" } else { "" };
                format!("`{shown}{slash}`, part of the site's own sources")
            };
            return Err((
                format!(
                    "this symbolic link (shortcut) leads to {what}: sinew would publish them \
                     as they are written, drafts and unpublished notes included"
                ),
                LINK_HINT.into(),
            ));
        }
        if tree == "content" && top == "content" {
            let to = source_kind(inside);
            if to.is_some() && to != source_kind(link) {
                return Err((
                    format!(
                        "this symbolic link (shortcut) leads to `{shown}`, whose text is a \
                         page's or exercise's source: under the link's name it would be \
                         published as it is written, drafts included"
                    ),
                    format!(
                        "delete the link, or give it the same ending as the file it leads to \
                         (`.{}`), so that it is read as a page",
                        inside.extension().unwrap_or_default().to_string_lossy()
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// What a file is to the site, for [`hard_links`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Published as it is: a file of `static/`, or a file of `content/` that is not a
    /// page, exercise or ladder (a picture, a leaflet).
    Published,
    /// A template of the site's `templates/`.
    Template,
    /// Read, never published as it is: a page, exercise or ladder of `content/` (drafts
    /// included), `site.yaml`, a file of `i18n/`.
    Source,
}

/// The `hard-link` errors for the files `named` (each with its path relative to the site
/// folder `root`, and what it is to the site) that are the same file, by device and
/// inode, as one of the site's `sources` (paths relative to `root`, read only when
/// needed) or as one of `named` of another kind: another name for a page's file (`ln
/// content/draft.md static/notes.txt`), which no path tells apart from a file of its own,
/// would publish the page's text as it is written, drafts included. Only a file with more
/// than one name (a link count above 1) can be one, so the sources are looked at only when
/// one of `named` has another name; a file that cannot be looked at is for its reader to
/// report. Unix only: elsewhere nothing is found.
pub fn hard_links(
    root: &Path,
    named: &[(&Path, Part)],
    sources: impl Iterator<Item = PathBuf>,
) -> Vec<crate::diagnostic::Diagnostic> {
    #[cfg(unix)]
    {
        use std::collections::HashMap;
        use std::os::unix::fs::MetadataExt;
        let id = |p: &Path| {
            fs::metadata(root.join(p))
                .ok()
                .filter(|m| m.nlink() > 1)
                .map(|m| (m.dev(), m.ino()))
        };
        // The files with another name, by their identity: every one, so that each name
        // to delete is reported in one build (three links to one draft are three errors).
        let mut linked: HashMap<(u64, u64), Vec<(&Path, Part)>> = HashMap::new();
        for &(path, part) in named {
            if let Some(key) = id(path) {
                linked.entry(key).or_default().push((path, part));
            }
        }
        if linked.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut found = std::collections::BTreeSet::new();
        let mut report = |file: &Path, part: Part, other: &Path, other_part: Part| {
            if found.insert(file.to_path_buf()) {
                out.push(same_file_error(file, part, other, other_part));
            }
        };
        for same in linked.values() {
            // Each published file that is another name of a template.
            let template = same.iter().find(|(_, p)| *p == Part::Template);
            for &(file, part) in same.iter().filter(|(_, p)| *p == Part::Published) {
                if let Some(&(template, _)) = template {
                    report(file, part, template, Part::Template);
                }
            }
        }
        for source in sources {
            let Some(key) = id(&source) else { continue };
            for &(file, part) in linked.get(&key).into_iter().flatten() {
                report(file, part, &source, Part::Source);
            }
        }
        out.sort_by(|a, b| a.file.cmp(&b.file));
        out
    }
    #[cfg(not(unix))]
    {
        let _ = (root, named, sources);
        Vec::new()
    }
}

/// The error for `file` (published as it is, or a template) that is the same file as
/// `other` (a template, or one of the site's sources).
fn same_file_error(
    file: &Path,
    part: Part,
    other: &Path,
    other_part: Part,
) -> crate::diagnostic::Diagnostic {
    let shown = |p: &Path| p.to_string_lossy().replace('\\', "/");
    let (f, o) = (shown(file), shown(other));
    let what = match (other_part, o.as_str()) {
        (Part::Template, _) => "a template of the site",
        (_, "site.yaml") => "the site's settings",
        (_, o) if o.starts_with("i18n/") => "one of the site's translation tables",
        // A page (`content/exercises/index.md`, the list of exercises) is a page there too.
        (_, o) if o.ends_with(".md") || o.ends_with(".markdown") => "a page's file",
        (_, o) if o.starts_with("content/exercises/") => "an exercise's file",
        (_, o) if o.starts_with("content/programs/") => "an exercise ladder's file",
        _ => "a page's file",
    };
    let harm = if part == Part::Published {
        let drafts = if other.starts_with("content") {
            ", drafts and private notes included"
        } else {
            ""
        };
        format!("the site would publish `{o}` as it is written{drafts}, at `{f}`'s address")
    } else {
        format!("whatever is written in one is in the other, and a change to `{f}` changes `{o}`")
    };
    crate::diagnostic::Diagnostic::error(
        "hard-link",
        file,
        format!(
            "`{f}` is the same file as `{o}`, {what}: it is a hard link, a second name for \
             one file, so {harm}"
        ),
    )
    .hint(if part == Part::Published {
        format!(
            "delete `{f}` (this leaves `{o}` as it is); if the site should offer that file, put \
             a copy there instead (copy and paste it in your file manager, or `cp`), which is a \
             file of its own"
        )
    } else {
        format!(
            "delete `{f}`, then, if the template needs that text, put a copy of `{o}` in its \
             place (copy and paste it in your file manager, or `cp`): a copy is a file of its own"
        )
    })
}

/// The error for a file or folder of the site's `folder` (`content`, `static`,
/// `templates`) that a walk through it could not read, in the clinic's words; `None` for
/// one whose name `skipped` says sinew never publishes anyway (a hidden or editor file:
/// `names::is_ignored_name`): a text editor's lock file, such as Emacs's `.#leaflet.md`
/// while `leaflet.md` is open, is a link to nothing, and must not stop the build. A loop
/// that `links` refuses anyway (a link to the site folder) is named by its rule.
pub fn walk_error(
    root: &Path,
    folder: &str,
    e: &walkdir::Error,
    links: &LinkRules,
    skipped: impl Fn(&str) -> bool,
) -> Option<crate::diagnostic::Diagnostic> {
    use crate::diagnostic::{Diagnostic, relative};
    let path = e.path();
    if path
        .and_then(|p| p.file_name())
        .is_some_and(|n| skipped(&n.to_string_lossy()))
    {
        return None;
    }
    let shown = path.map_or_else(|| PathBuf::from(folder), |p| relative(root, p));
    let refused = path
        .filter(|p| e.loop_ancestor().is_some() && p.is_symlink())
        .and_then(|p| links.check(p, folder).err());
    let d = if let Some((message, hint)) = refused {
        Diagnostic::error("link-outside", shown, message).hint(hint)
    } else if e.loop_ancestor().is_some() {
        Diagnostic::error(
            "read",
            shown,
            "this folder link points back to a folder that contains it (a loop)",
        )
        .hint("remove the symbolic link")
    } else if let Some(target) = path
        .filter(|p| p.is_symlink() && !p.exists())
        .and_then(|p| fs::read_link(p).ok())
    {
        Diagnostic::error(
            "read",
            shown,
            format!(
                "this symbolic link (shortcut) leads to `{}`, which does not exist",
                target.display()
            ),
        )
        .hint("delete the link, or put back the file or folder it leads to")
    } else {
        let why = e
            .io_error()
            .map_or_else(|| e.to_string(), |io| io.to_string());
        Diagnostic::error("read", shown, format!("cannot read this: {why}"))
            .hint("check that it exists and that you may read it (its permissions)")
    };
    Some(d)
}

/// The folder `path` is in (or is) that sinew made beside an output folder, or that
/// output folder itself: `.<out>.sinew-spare`, `.<out>.sinew-old-N`, or a folder with
/// sinew's lock file or working folder beside it.
fn sinews_own(path: &Path) -> Option<PathBuf> {
    path.ancestors().find_map(|a| {
        let name = a.file_name()?.to_string_lossy();
        let parent = a.parent()?;
        let own = (name.starts_with('.') && (name.ends_with(SPARE_TAG) || name.contains(OLD_TAG)))
            || [LOCK_TAG, SPARE_TAG]
                .iter()
                .any(|tag| fs::symlink_metadata(parent.join(format!(".{name}{tag}"))).is_ok());
        own.then(|| a.to_path_buf())
    })
}

/// Whether [`open_regular`] may follow a symbolic link at the path itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// A link to an ordinary file is opened (the clinic's own files, such as `site.yaml`).
    Follow,
    /// A link is refused (files sinew makes itself: a link there was put by someone else
    /// and would make sinew write wherever it points).
    Refuse,
}

/// What `ft` is, in words for a message: "a named pipe", "a folder", ...
pub fn kind_of(ft: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    if ft.is_symlink() {
        "a symbolic link"
    } else if ft.is_dir() {
        "a folder"
    } else if ft.is_file() {
        "an ordinary file"
    } else {
        "not an ordinary file"
    }
}

/// Opens `path` with `options`, but only if it is an ordinary file (or, with
/// [`Links::Follow`], a link to one). Anything else is refused with an error of kind
/// `InvalidInput` whose text says what the path is (for example "`x` is a named pipe, not
/// an ordinary file"); it never blocks on a named pipe. The check is made on the opened
/// file itself, so the path cannot be swapped for a pipe between a check and the open.
pub fn open_regular(path: &Path, options: &mut OpenOptions, links: Links) -> io::Result<File> {
    open_regular_measured(path, options, links).map(|(file, _)| file)
}

/// [`open_regular`], also giving the opened file's metadata: the check already looked it
/// up, and a second `fstat` for its size was one system call more for each of a site's
/// sources (bench/RESULTS.md, "eleventh pass").
pub fn open_regular_measured(
    path: &Path,
    options: &mut OpenOptions,
    links: Links,
) -> io::Result<(File, fs::Metadata)> {
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = OFlags::NONBLOCK;
        if links == Links::Refuse {
            flags |= OFlags::NOFOLLOW;
        }
        options.custom_flags(flags.bits() as i32);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        // A link refused by `O_NOFOLLOW` (ELOOP), a pipe with no reader opened for
        // writing (ENXIO), ...: say what the path is when that is the reason.
        Err(e) => {
            let meta = match links {
                Links::Follow => fs::metadata(path),
                Links::Refuse => fs::symlink_metadata(path),
            };
            return Err(match meta {
                Ok(m) if !m.is_file() => not_regular(path, &m.file_type()),
                _ => e,
            });
        }
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(path, &meta.file_type()));
    }
    // `O_NONBLOCK` is only there so that opening a pipe cannot block; ordinary reads and
    // writes from here on behave as usual. Linux ignores it for an ordinary file, so it
    // is left on there: clearing it took two system calls for each of a site's sources.
    #[cfg(all(unix, not(target_os = "linux")))]
    {
        let flags = rustix::fs::fcntl_getfl(&file)?;
        rustix::fs::fcntl_setfl(&file, flags - rustix::fs::OFlags::NONBLOCK)?;
    }
    Ok((file, meta))
}

fn not_regular(path: &Path, ft: &fs::FileType) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "`{}` is {}, not an ordinary file",
            path.display(),
            kind_of(ft)
        ),
    )
}

/// Reads the whole of `path` if it is an ordinary file or a link to one (see
/// [`open_regular`]); what `site.yaml` should be read with.
pub fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let (f, meta) = open_regular_measured(path, OpenOptions::new().read(true), Links::Follow)?;
    // Sized from the check's metadata: `File::read_to_end` would look the size up again
    // (an `fstat` and an `lseek`). One byte more, so that the read that finds the end
    // needs no room made first.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    (&f).take(u64::MAX).read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(all(test, unix))]
mod tests {
    #[test]
    fn a_hard_link_error_says_what_the_other_file_is() {
        let said = |other: &str| {
            let d = super::same_file_error(
                Path::new("static/a.txt"),
                Part::Published,
                Path::new(other),
                Part::Source,
            );
            d.message
        };
        assert!(said("content/exercises/index.md").contains(", a page's file:"));
        assert!(said("content/programs/index.es.md").contains(", a page's file:"));
        assert!(said("content/exercises/squat.yaml").contains(", an exercise's file:"));
        assert!(said("content/programs/knee.yml").contains(", an exercise ladder's file:"));
        assert!(said("content/about.md").contains(", a page's file:"));
    }

    use super::*;
    use std::process::Command;

    #[test]
    fn files_and_links_to_them_open_and_nothing_else_does() {
        let d = tempfile::tempdir().unwrap();
        let file = d.path().join("site.yaml");
        fs::write(&file, "title: x\n").unwrap();
        assert_eq!(read_regular(&file).unwrap(), b"title: x\n");
        let link = d.path().join("link.yaml");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert_eq!(read_regular(&link).unwrap(), b"title: x\n");
        let refused = open_regular(&link, OpenOptions::new().write(true), Links::Refuse)
            .unwrap_err()
            .to_string();
        assert!(
            refused.ends_with("is a symbolic link, not an ordinary file"),
            "{refused}"
        );

        let pipe = d.path().join("pipe");
        assert!(
            Command::new("mkfifo")
                .arg(&pipe)
                .status()
                .unwrap()
                .success()
        );
        // Neither reading nor writing may wait for the other end of the pipe.
        let read = read_regular(&pipe).unwrap_err();
        assert_eq!(read.kind(), io::ErrorKind::InvalidInput);
        assert!(read.to_string().contains("is a named pipe"), "{read}");
        let write = open_regular(
            &pipe,
            OpenOptions::new().create(true).write(true),
            Links::Refuse,
        )
        .unwrap_err();
        assert!(write.to_string().contains("is a named pipe"), "{write}");
        let dir = read_regular(d.path()).unwrap_err();
        assert!(dir.to_string().contains("is a folder"), "{dir}");
        // A pipe reached through a link is still a pipe.
        let to_pipe = d.path().join("to-pipe");
        std::os::unix::fs::symlink(&pipe, &to_pipe).unwrap();
        assert!(
            read_regular(&to_pipe)
                .unwrap_err()
                .to_string()
                .contains("is a named pipe")
        );
    }
}
