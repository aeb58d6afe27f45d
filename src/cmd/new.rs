//! `sinew new page|exercise|ladder PATH-OR-ID`: writes one file from a commented template
//! in `starter/new/` (embedded in the binary), never over an existing file, and prints the
//! address it will be published at. `sinew new language CODE` writes `i18n/CODE.yaml`, a
//! copy of sinew's built-in string table to translate (`language`).

use crate::{NewArgs, NewKind};
use anyhow::{Context, Result, bail};
use sinew::content::{EXERCISES_DIR, LADDERS_DIR, load_config};
use sinew::names::{ascii_id, slugify};
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
    if let NewKind::Language = args.kind {
        return language(root, &name);
    }
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
        NewKind::Language => unreachable!("written by `language` above"),
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
    write_new(&path, &shown, &text)?;

    let url = published_url(root, &url_path);
    outln!("Created `{shown}`.");
    match args.kind {
        NewKind::Page => outln!(
            "It is a draft, so it is not published yet: preview it with `sinew serve --drafts`.\n\
             When it is ready, delete its `draft: true` line: it will then be published at {url}"
        ),
        NewKind::Language => unreachable!("written by `language` above"),
        NewKind::Exercise | NewKind::Ladder => outln!(
            "It will be published at {url} by the next `sinew build` (exercises and ladders have \
             no draft setting), so have a clinician check it first."
        ),
    }
    outln!("Replace every `REPLACE:` placeholder in it; `sinew check` lists the ones left.");
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
            // Parts with nothing left (`..`, an empty part) are left out of the suggestion.
            let suggestion: Vec<String> = parts
                .iter()
                .map(|p| ascii_id(p))
                .filter(|p| !p.is_empty())
                .collect();
            let try_path = if suggestion.is_empty() {
                "conditions/knee-pain".to_string()
            } else {
                suggestion.join("/")
            };
            bail!(
                "`{name}` cannot be a page's path: each part may only hold lowercase letters \
                 a to z (no accents), digits and hyphens; try `sinew new page {try_path}`"
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
        let try_id = ascii_id(id.rsplit('/').next().unwrap_or(id));
        let try_id = if try_id.is_empty() {
            "my-id".into()
        } else {
            try_id
        };
        bail!(
            "`{name}` cannot be {} {what} id: an id may only hold lowercase letters a to z (no \
             accents), digits and hyphens, e.g. `sinew new {} {try_id}`",
            if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            },
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
        Ok(c) => c
            .absolute_url(url_path)
            .unwrap_or_else(|| format!("{}{url_path}", c.base_path())),
        // A site.yaml with a mistake: the build will say what; the address from `/`.
        Err(_) => format!("/{url_path}"),
    }
}

/// `sinew new language CODE`: writes `i18n/CODE.yaml`, the words of sinew's theme and
/// planner to translate. For a language sinew has built in (`es`, or `es-MX` by its base
/// code) its own table, to adjust; for any other, the English table with a header saying
/// what to translate, without English's search stop words (they would make search leave
/// out words of the new language). Never over an existing file.
fn language(root: &Path, code: &str) -> Result<ExitCode> {
    if !sinew::config::is_language_code(code) {
        bail!(
            "`{code}` is not a language code; write one such as `fr` (French) or `pt-BR` \
             (Brazilian Portuguese): letters, digits and hyphens"
        );
    }
    let shown = format!("i18n/{code}.yaml");
    let path = root.join("i18n").join(format!("{code}.yaml"));
    if path.exists() {
        bail!(
            "`{shown}` already exists, and sinew new never writes over a file; nothing was \
             changed. Translate the texts in that file, or delete it first to start again"
        );
    }
    let base = sinew::i18n::base_code(code);
    let own = sinew::i18n::BUILTIN
        .iter()
        .find(|(c, _)| *c == code)
        .or_else(|| sinew::i18n::BUILTIN.iter().find(|(c, _)| *c == base));
    let text = match own {
        Some((c, table)) => format!(
            "# The words of sinew's theme and planner for `{code}`: a copy of sinew's built-in \
             `{c}` table,\n# written by `sinew new language {code}`. Change the texts you want \
             worded differently\n# (the file replaces sinew's built-in words for `{code}`), and \
             keep every key and every `{{name}}`.\n#\n{table}"
        ),
        None => english_to_translate(code),
    };
    write_new(&path, &shown, &text)?;
    outln!("Created `{shown}`.");
    if own.is_none() {
        outln!(
            "Its texts are in English: translate every one of them (the comments at its top say \
             how), then add `{code}` to `languages:` in site.yaml. Until then, pages in `{code}` \
             would show English words."
        );
    } else {
        outln!(
            "Change the texts you want worded differently; add `{code}` to `languages:` in \
             site.yaml if the site does not list it yet."
        );
    }
    outln!("Have someone who reads the language check every text before patients rely on it.");
    Ok(ExitCode::SUCCESS)
}

/// sinew's English table as the start of language `code`'s: a header saying what to
/// translate, its own `name` (the code until translated), the English months and days to
/// translate, no stop words, and every `theme` and `planner` text.
fn english_to_translate(code: &str) -> String {
    let english = sinew::i18n::BUILTIN[0].1;
    let field = |name: &str| {
        english
            .lines()
            .find(|l| l.starts_with(&format!("{name}: ")))
            .unwrap_or_default()
            .to_string()
    };
    // Everything from `theme:` on: the texts, with their comments.
    let texts = english
        .find("\ntheme:\n")
        .map_or(english, |i| &english[i + 1..]);
    let rtl = if sinew::i18n::is_rtl(code) {
        format!(
            "# `{code}` is written right to left: sinew knows it, and lays its pages out right to\n\
             # left without a setting.\n"
        )
    } else {
        "# A language written right to left (Arabic, Urdu, Persian and Hebrew are known to sinew)\n\
         # needs `direction: rtl` on a line of its own below `name:`.\n"
            .to_string()
    };
    format!(
        "# The words of sinew's theme and planner for the language `{code}`, written by\n\
         # `sinew new language {code}` as a copy of sinew's built-in English table: TRANSLATE\n\
         # every text below into `{code}`. sinew refuses a file that lacks a text, so none\n\
         # may be deleted; until a text is translated, it shows in English.\n\
         #\n\
         # - `name`: the language's own name, for the language switcher (\"Français\").\n\
         # - `months`, `months_short`, `weekdays`, `weekdays_short` (Monday first).\n\
         # - `language_names`: the site's other languages in yours, e.g. `{{en: anglais}}`,\n\
         #   which the mark after a text in another language says (`in_language` below).\n\
         # - every text under `theme:` and `planner:`. Keep the keys (before the colons) and\n\
         #   every `{{name}}` as they are: sinew fills them in. `theme` texts are HTML (write\n\
         #   `&amp;` for &); `planner` texts are plain text. A map with `one` and `other`\n\
         #   picks the text by number: give your language's forms.\n\
         # - `stop_words` (optional): words site search leaves out of a query, such as \"the\";\n\
         #   without a list, search leaves out nothing.\n\
         {rtl}\
         # Then add `{code}` to `languages:` in site.yaml (docs/content-format.md,\n\
         # \"Translations\"), and have someone who reads the language check every text.\n\
         name: \"{code}\"\n\
         language_names: {{}}\n\
         {}\n{}\n{}\n{}\n\
         {texts}",
        field("months"),
        field("months_short"),
        field("weekdays"),
        field("weekdays_short"),
    )
}

/// Writes `text` to `path`, making its folders, never over an existing file
/// (`create_new`); errors name the file as `shown` (its path from the site root).
fn write_new(path: &std::path::Path, shown: &str, text: &str) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("failed to create the folder `{}`", parent.display()))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("failed to create `{shown}`"))?;
    f.write_all(text.as_bytes())
        .with_context(|| format!("failed to write `{shown}`"))
}
