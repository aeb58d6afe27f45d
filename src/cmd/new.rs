//! `sinew new page|exercise|ladder PATH-OR-ID`: writes one file from a commented template
//! in `starter/new/` (embedded in the binary), never over an existing file, and prints the
//! address it will be published at.

use crate::{NewArgs, NewKind};
use anyhow::{Context, Result, bail};
use sinew::content::{EXERCISES_DIR, LADDERS_DIR, load_config};
use sinew::names::slugify;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

const PAGE: &str = include_str!("../../starter/new/page.md");
const EXERCISE: &str = include_str!("../../starter/new/exercise.yaml");
const LADDER: &str = include_str!("../../starter/new/ladder.yaml");

pub(crate) fn run(args: NewArgs) -> Result<ExitCode> {
    let root = &args.root;
    if !root.join("site.yaml").is_file() || !root.join("content").is_dir() {
        bail!(
            "`{}` is not a sinew site (it needs `site.yaml` and a `content` folder); run \
             `sinew new` in your site's folder or name it with `--root`, or start a site with \
             `sinew init my-clinic-site`",
            root.display()
        );
    }
    let name = args.name.trim().replace('\\', "/");
    let (rel, url_path, text) = match args.kind {
        NewKind::Page => {
            let parts = page_parts(&name)?;
            let rel = format!("{}.md", parts.join("/"));
            // Addresses are made of each part's slug, as the URL map makes them
            // (`a--b` -> `a-b`).
            let url = match parts.split_last() {
                Some((last, dirs)) if last == "index" => {
                    dirs.iter().map(|d| format!("{}/", slugify(d))).collect()
                }
                _ => parts.iter().map(|p| format!("{}/", slugify(p))).collect(),
            };
            let title = match parts.as_slice() {
                [only] if only == "index" => "Home".to_string(),
                [.., folder, last] if last == "index" => title_of(folder),
                [.., last] => title_of(last),
                [] => unreachable!("page_parts never returns an empty path"),
            };
            (rel, url, PAGE.replace("{title}", &title))
        }
        NewKind::Exercise => {
            let id = data_id(&name, EXERCISES_DIR, "exercise")?;
            let text = EXERCISE
                .replace("{id}", &id)
                .replace("{title}", &title_of(&id));
            (
                format!("{EXERCISES_DIR}/{id}.yaml"),
                format!("exercises/{id}/"),
                text,
            )
        }
        NewKind::Ladder => {
            let id = data_id(&name, LADDERS_DIR, "ladder")?;
            let exercise = first_exercise(root)?;
            let text = LADDER
                .replace("{id}", &id)
                .replace("{exercise}", &exercise)
                .replace("{title}", &format!("{} exercise ladder", title_of(&id)));
            (
                format!("{LADDERS_DIR}/{id}.yaml"),
                format!("planner/{id}/"),
                text,
            )
        }
    };
    if let NewKind::Page = args.kind {
        refuse_taken_address(root, &rel)?;
    }
    let shown = format!("content/{rel}");
    let path = root.join("content").join(&rel);
    if path.exists() {
        bail!(
            "`{shown}` already exists, and sinew new never writes over a file; nothing was changed. Edit that file, or choose another name"
        );
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("failed to create the folder `{}`", parent.display()))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .with_context(|| format!("failed to create `{shown}`"))?;
    f.write_all(text.as_bytes())
        .with_context(|| format!("failed to write `{shown}`"))?;

    let url = published_url(root, &url_path);
    println!("Created `{shown}`.");
    match args.kind {
        NewKind::Page => println!(
            "It is a draft, so it is not published yet: preview it with `sinew serve --drafts`.\n\
             When it is ready, delete its `draft: true` line: it will then be published at {url}"
        ),
        NewKind::Exercise | NewKind::Ladder => println!(
            "It will be published at {url} by the next `sinew build` (exercises and ladders have \
             no draft setting), so have a clinician check it first."
        ),
    }
    println!("Replace every `REPLACE:` placeholder in it; `sinew check` lists the ones left.");
    Ok(ExitCode::SUCCESS)
}

/// The page's path under `content/` as checked parts, without `.md`: `conditions/back-pain`
/// -> `["conditions", "back-pain"]`. Accepts a leading `content/` and a trailing `.md`.
fn page_parts(name: &str) -> Result<Vec<String>> {
    let trimmed = name.strip_prefix("content/").unwrap_or(name);
    let trimmed = trimmed.strip_suffix(".md").unwrap_or(trimmed);
    let parts: Vec<String> = trimmed.split('/').map(str::to_string).collect();
    for p in &parts {
        if !is_id(p) {
            let suggestion: Vec<String> = parts.iter().map(|p| slugify(p)).collect();
            bail!(
                "`{name}` cannot be a page's path: each part may only hold lowercase letters, \
                 digits and hyphens; try `sinew new page {}`",
                suggestion.join("/")
            );
        }
    }
    if let [first, _, ..] = parts.as_slice()
        && (first == EXERCISES_DIR || first == LADDERS_DIR)
        && parts.last().is_some_and(|l| l != "index")
    {
        bail!(
            "a page in `content/{first}/` is not listed anywhere, so patients could not find it; \
             put pages in `content/` or a folder such as `content/conditions/`, and make an \
             exercise with `sinew new exercise ID` or a ladder with `sinew new ladder ID`"
        );
    }
    Ok(parts)
}

/// Refuses a page whose address a folder's listing or one of sinew's own pages already
/// has, which would stop the build with a collision.
fn refuse_taken_address(root: &Path, rel: &str) -> Result<()> {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    if stem == "index" || stem.ends_with("/index") {
        return Ok(());
    }
    if root.join("content").join(stem).is_dir() {
        bail!(
            "`content/{stem}/` is a folder, and its listing page already has the address of \
             this page; nothing was changed. To write the listing's introduction, use \
             `sinew new page {stem}/index`"
        );
    }
    if let Some(own) = ["exercises", "planner", "tags"]
        .iter()
        .find(|o| **o == stem)
    {
        bail!(
            "the address /{own}/ is sinew's own list of {}; nothing was changed. Choose \
             another name",
            match *own {
                "exercises" => "all exercises",
                "planner" => "all planners",
                _ => "all tags",
            }
        );
    }
    Ok(())
}

/// An exercise's or ladder's id, accepting `content/<dir>/<id>.yaml` too.
fn data_id(name: &str, dir: &str, what: &str) -> Result<String> {
    let id = name.strip_prefix("content/").unwrap_or(name);
    let id = id.strip_prefix(&format!("{dir}/")).unwrap_or(id);
    let id = id.strip_suffix(".yaml").unwrap_or(id);
    if !is_id(id) {
        let try_id = slugify(id.rsplit('/').next().unwrap_or(id));
        let try_id = if try_id.is_empty() {
            "my-id".into()
        } else {
            try_id
        };
        bail!(
            "`{name}` cannot be an {what} id: an id may only hold lowercase letters, digits and \
             hyphens, e.g. `sinew new {} {try_id}`",
            if what == "exercise" {
                "exercise"
            } else {
                "ladder"
            }
        );
    }
    Ok(id.to_string())
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// "back-pain" -> "Back pain".
fn title_of(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The id of the site's first exercise (by name), which a new ladder starts from: a
/// ladder must name an existing exercise to build.
fn first_exercise(root: &Path) -> Result<String> {
    let dir = root.join("content").join(EXERCISES_DIR);
    let mut ids: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.strip_suffix(".yaml")
                    .filter(|s| is_id(s))
                    .map(str::to_string)
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    ids.sort();
    match ids.into_iter().next() {
        Some(id) => Ok(id),
        None => bail!(
            "a ladder needs at least one exercise, and `content/{EXERCISES_DIR}/` has none; \
             make one first with `sinew new exercise ID`; nothing was changed"
        ),
    }
}

/// Where `url_path` (e.g. `exercises/plank/`) is published, from `base_url` in site.yaml:
/// a full address when `base_url` is one, else a path from the site's root.
fn published_url(root: &Path, url_path: &str) -> String {
    match load_config(root) {
        Ok(c) => match c.absolute_base() {
            Some(base) => format!("{base}{url_path}"),
            None => format!("{}{url_path}", c.base_path()),
        },
        // A site.yaml with a mistake: the build will say what; the address from `/`.
        Err(_) => format!("/{url_path}"),
    }
}
