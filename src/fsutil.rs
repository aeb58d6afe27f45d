//! Opening files that someone else may have replaced with something that is not a file:
//! a named pipe (opening or reading it waits forever for a writer), a socket, a device,
//! or a symbolic link. Used for sinew's own lock file and meant for `site.yaml`.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::Path;

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
    let ft = file.metadata()?.file_type();
    if !ft.is_file() {
        return Err(not_regular(path, &ft));
    }
    #[cfg(unix)]
    {
        // Only there so that opening a pipe cannot block; ordinary reads and writes
        // from here on behave as usual.
        let flags = rustix::fs::fcntl_getfl(&file)?;
        rustix::fs::fcntl_setfl(&file, flags - rustix::fs::OFlags::NONBLOCK)?;
    }
    Ok(file)
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
    let mut f = open_regular(path, OpenOptions::new().read(true), Links::Follow)?;
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(all(test, unix))]
mod tests {
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
