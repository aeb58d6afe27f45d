//! Writing a built site to a folder so that the folder is always either the previous
//! complete site or the new complete site: files go to a temporary sibling folder that
//! is swapped in (atomically, where the OS allows) only when all of it is written.
//!
//! This module knows nothing of pages; it writes `OutFile`s.

use crate::site::{Body, OutFile};
use anyhow::{Context, Result, bail};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const TMP_TAG: &str = ".sinew-tmp-";
const OLD_TAG: &str = ".sinew-old-";

/// Refuses output folders that would overwrite the site's own sources.
pub fn check_out_dir(root: &Path, out: &Path) -> Result<()> {
    let root = absolute(root);
    let out = absolute(out);
    if out == root {
        bail!(
            "the output folder `{}` is the site itself: choose another, such as `public`",
            out.display()
        );
    }
    if root.starts_with(&out) {
        bail!(
            "the output folder `{}` contains the site: choose a folder inside or beside it, such as `public`",
            out.display()
        );
    }
    if out.join("content").exists() || out.join("site.yaml").exists() {
        bail!(
            "the output folder `{}` holds a `content` folder or `site.yaml`: it looks like a site, so sinew will not replace it",
            out.display()
        );
    }
    for source in ["content", "templates", "static"] {
        if out.starts_with(root.join(source)) {
            bail!(
                "the output folder `{}` is inside the site's `{source}` folder: choose another, such as `public`",
                out.display()
            );
        }
    }
    Ok(())
}

fn absolute(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    // Resolve `..` and symlinks where the path exists; fall back to the plain path.
    match abs.canonicalize() {
        Ok(c) => c,
        Err(_) => match (abs.parent(), abs.file_name()) {
            (Some(parent), Some(name)) => absolute(parent).join(name),
            _ => abs,
        },
    }
}

fn sibling(out: &Path, tag: &str, id: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}{tag}{id}"))
}

/// Removes what an interrupted earlier build left behind, and puts back an output
/// folder that an interrupted swap had moved aside.
pub fn recover(out: &Path) -> Result<()> {
    let Some(parent) = out.parent().map(|p| {
        if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        }
    }) else {
        return Ok(());
    };
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().to_string()) else {
        return Ok(());
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    let mut leftovers: Vec<PathBuf> = Vec::new();
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        if n.starts_with(&format!(".{name}{TMP_TAG}"))
            || n.starts_with(&format!(".{name}{OLD_TAG}"))
        {
            leftovers.push(e.path());
        }
    }
    leftovers.sort();
    for p in leftovers {
        let is_old = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().contains(OLD_TAG));
        if is_old && !out.exists() {
            fs::rename(&p, out).with_context(|| {
                format!(
                    "failed to restore `{}` from `{}`",
                    out.display(),
                    p.display()
                )
            })?;
        } else {
            fs::remove_dir_all(&p)
                .with_context(|| format!("failed to remove the leftover `{}`", p.display()))?;
        }
    }
    Ok(())
}

/// Writes `files` into `out`, replacing its previous contents only once every file is
/// written. If anything fails, `out` is left exactly as it was.
pub fn write_atomic(out: &Path, files: &[OutFile]) -> Result<()> {
    if out.exists() && !out.is_dir() {
        bail!(
            "`{}` is a file, not a folder: remove it or choose another output folder",
            out.display()
        );
    }
    recover(out)?;
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)
            .with_context(|| format!("failed to create `{}`", parent.display()))?;
    }
    let id = std::process::id().to_string();
    let tmp = sibling(out, TMP_TAG, &id);
    if tmp.exists() {
        fs::remove_dir_all(&tmp).ok();
    }
    if let Err(e) = write_all(&tmp, files) {
        fs::remove_dir_all(&tmp).ok();
        return Err(e);
    }
    swap_in(&tmp, out, &id)
}

fn write_all(dir: &Path, files: &[OutFile]) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("failed to create `{}`", dir.display()))?;
    let mut made: BTreeSet<PathBuf> = BTreeSet::new();
    for f in files {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent()
            && made.insert(parent.to_path_buf())
        {
            fs::create_dir_all(parent)
                .with_context(|| format!("failed to create `{}`", parent.display()))?;
        }
        let result = match &f.body {
            Body::Bytes(b) => fs::write(&path, b),
            Body::Builtin(b) => fs::write(&path, b),
            Body::File(src) => fs::copy(src, &path).map(|_| ()),
        };
        result.with_context(|| format!("failed to write `{}`", path.display()))?;
    }
    Ok(())
}

fn swap_in(tmp: &Path, out: &Path, id: &str) -> Result<()> {
    if !out.exists() {
        return fs::rename(tmp, out)
            .with_context(|| format!("failed to move the new site into `{}`", out.display()));
    }
    // One atomic step on Linux: the new site takes `out`'s place and the old one takes `tmp`'s.
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, tmp, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            fs::remove_dir_all(tmp)
                .with_context(|| format!("failed to remove the old site at `{}`", tmp.display()))?;
            return Ok(());
        }
    }
    // Elsewhere: two renames; `recover` puts `out` back if we are stopped between them.
    let old = sibling(out, OLD_TAG, id);
    fs::rename(out, &old)
        .with_context(|| format!("failed to move the old site aside from `{}`", out.display()))?;
    fs::rename(tmp, out)
        .with_context(|| format!("failed to move the new site into `{}`", out.display()))?;
    fs::remove_dir_all(&old)
        .with_context(|| format!("failed to remove the old site at `{}`", old.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutFile {
        OutFile {
            path: path.into(),
            body: Body::Bytes(text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn replaces_contents_and_cleans_up() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        write_atomic(&out, &[file("a/index.html", "one"), file("gone.txt", "x")]).unwrap();
        write_atomic(&out, &[file("a/index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert!(!out.join("gone.txt").exists());
        let names: Vec<_> = fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn failed_write_leaves_old_output() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        write_atomic(&out, &[file("index.html", "old")]).unwrap();
        let missing = OutFile {
            path: "x.png".into(),
            body: Body::File(d.path().join("nope.png")),
        };
        assert!(write_atomic(&out, &[file("index.html", "new"), missing]).is_err());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[test]
    fn recover_restores_a_moved_aside_output() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        let old = sibling(&out, OLD_TAG, "1");
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("index.html"), "kept").unwrap();
        fs::create_dir_all(sibling(&out, TMP_TAG, "1")).unwrap();
        recover(&out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "kept");
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_dangerous_output_folders() {
        let d = tempfile::tempdir().unwrap();
        fs::create_dir_all(d.path().join("content")).unwrap();
        assert!(check_out_dir(d.path(), d.path()).is_err());
        assert!(check_out_dir(d.path(), &d.path().join("content/out")).is_err());
        assert!(check_out_dir(&d.path().join("site"), d.path()).is_err());
        assert!(check_out_dir(d.path(), &d.path().join("public")).is_ok());
    }
}
