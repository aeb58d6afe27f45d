//! `sinew init [DIR]`: writes the starter clinic site (the files in `starter/site/`,
//! embedded in the binary) into a new or empty folder, and prints what to run next.
//!
//! It never overwrites: a folder holding anything but a `.git` folder is refused before
//! anything is written, every file is created with "create new" (so a file that appears
//! meanwhile is not replaced either), and if a write fails, what was written is removed.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The starter site: path inside the new site -> text. `starter/site/gitignore` is
/// written as `.gitignore` (a `.gitignore` in the repository would apply to sinew's own
/// files).
const STARTER: &[(&str, &str)] = &[
    (".gitignore", include_str!("../../starter/site/gitignore")),
    ("site.yaml", include_str!("../../starter/site/site.yaml")),
    (
        "content/index.md",
        include_str!("../../starter/site/content/index.md"),
    ),
    (
        "content/contact.md",
        include_str!("../../starter/site/content/contact.md"),
    ),
    (
        "content/conditions/index.md",
        include_str!("../../starter/site/content/conditions/index.md"),
    ),
    (
        "content/conditions/knee-pain.md",
        include_str!("../../starter/site/content/conditions/knee-pain.md"),
    ),
    (
        "content/exercises/index.md",
        include_str!("../../starter/site/content/exercises/index.md"),
    ),
    (
        "content/exercises/sit-to-stand.yaml",
        include_str!("../../starter/site/content/exercises/sit-to-stand.yaml"),
    ),
    (
        "content/exercises/step-up.yaml",
        include_str!("../../starter/site/content/exercises/step-up.yaml"),
    ),
    (
        "content/programs/knee.yaml",
        include_str!("../../starter/site/content/programs/knee.yaml"),
    ),
    (
        "static/images/exercise-picture-to-come.svg",
        include_str!("../../starter/site/static/images/exercise-picture-to-come.svg"),
    ),
];

/// What `sinew init` was asked to do.
pub(crate) struct Options {
    /// The folder to create the site in; it must not exist, or be empty.
    pub(crate) dir: PathBuf,
}

pub(crate) fn run(opts: Options) -> Result<ExitCode> {
    let dir = &opts.dir;
    refuse_unless_empty(dir)?;
    let mut made = Vec::new();
    if let Err(e) = write_all(dir, &mut made) {
        // Leave things as they were: remove what this run created (files and folders,
        // the site's folder too if it made it), newest first.
        for p in made.iter().rev() {
            let _ = std::fs::remove_file(p).or_else(|_| std::fs::remove_dir(p));
        }
        return Err(e);
    }
    outln!(
        "Created a new clinic site in `{}` ({} files).\n",
        dir.display(),
        STARTER.len()
    );
    outln!("Lines holding `REPLACE:` are placeholders for your clinic's own details and a");
    outln!("clinician's words. The example health advice needs a clinician's check and a");
    outln!("`reviewed:` date before you publish. `sinew check` lists what is still to do.\n");
    outln!("Next, run:");
    let here = dir.components().all(|c| c == std::path::Component::CurDir);
    if !here {
        outln!("  cd {}", shell_quote(&dir.display().to_string()));
    }
    outln!("  sinew serve     # preview the site in your browser while you edit");
    outln!("  sinew check     # list the placeholders and anything else to fix");
    if here {
        outln!("  sinew build     # make the finished site in public/");
    }
    Ok(ExitCode::SUCCESS)
}

/// Fails, naming the problem and the fix, unless `dir` is missing or empty (a lone
/// `.git` folder is allowed, so a freshly made repository can be used).
fn refuse_unless_empty(dir: &Path) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        bail!(
            "`{}` is a file, not a folder; name a new folder for the site, e.g. `sinew init my-clinic-site`",
            dir.display()
        );
    }
    let mut entries: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("failed to read the folder `{}`", dir.display()))?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<std::io::Result<_>>()
        .with_context(|| format!("failed to read the folder `{}`", dir.display()))?;
    entries.retain(|n| n != ".git");
    if entries.is_empty() {
        return Ok(());
    }
    entries.sort();
    let shown: Vec<String> = entries.iter().take(3).map(|n| format!("`{n}`")).collect();
    let more = if entries.len() > 3 { ", ..." } else { "" };
    bail!(
        "`{}` is not empty (it holds {}{more}), and sinew init never writes over files; \
         nothing was changed. Name a new folder instead, e.g. `sinew init my-clinic-site`",
        dir.display(),
        shown.join(", ")
    )
}

/// Writes every starter file, recording each file and folder it creates in `made`.
fn write_all(dir: &Path, made: &mut Vec<PathBuf>) -> Result<()> {
    use std::io::Write;
    create_dirs(dir, made)?;
    for (rel, text) in STARTER {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            create_dirs(parent, made)?;
        }
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| format!("failed to create `{}`", path.display()))?;
        made.push(path.clone());
        f.write_all(text.as_bytes())
            .with_context(|| format!("failed to write `{}`", path.display()))?;
    }
    Ok(())
}

/// `create_dir_all` that records each folder it creates.
fn create_dirs(dir: &Path, made: &mut Vec<PathBuf>) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        create_dirs(parent, made)?;
    }
    std::fs::create_dir(dir)
        .with_context(|| format!("failed to create the folder `{}`", dir.display()))?;
    made.push(dir.to_path_buf());
    Ok(())
}

/// Quotes a path for the `cd` line when it holds anything but plain characters.
fn shell_quote(s: &str) -> String {
    let plain = s
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '\\' | ':'));
    if plain {
        s.to_string()
    } else {
        format!("\"{s}\"")
    }
}
