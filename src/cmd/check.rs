//! `sinew check`: build the site in memory exactly as `build` does, write nothing, and
//! report the build's problems plus the quality rules' findings, as text or JSON.

use crate::{CheckArgs, CheckFormat};
use anyhow::{Context, Result};
use jiff::civil::Date;
use sinew::{BuildOptions, quality};
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(args: CheckArgs) -> Result<ExitCode> {
    let today = match &args.today {
        Some(s) => s.trim().parse::<Date>().with_context(|| {
            format!(
                "`--today {s}` is not a date; write it as year-month-day, e.g. `--today 2026-11-25`"
            )
        })?,
        None => jiff::Zoned::now().date(),
    };
    let opts = BuildOptions {
        root: args.root.clone(),
        keep_text: true,
        drafts: args.drafts,
        ..BuildOptions::default()
    };
    let (findings, counts) = match sinew::build(&opts) {
        Ok(built) => {
            let input = quality::CheckInput {
                previous: match &args.previous {
                    Some(p) => Some(previous_addresses(p, &built.content.config.base_path())?),
                    None => None,
                },
            };
            let mut all = built.warnings.clone();
            all.extend(quality::check(&built, today, &input).0);
            all.sort_by_severity();
            let c = &built.content;
            (
                all,
                Some((c.pages.len(), c.exercises.len(), c.ladders.len())),
            )
        }
        Err(mut diags) => {
            diags.sort_by_severity();
            (diags, None)
        }
    };
    use sinew::diagnostic::Severity;
    // Notes (rules the clinic turned down) are shown but never fail `--strict`.
    let found = Found {
        errors: findings.count(Severity::Error),
        warnings: findings.count(Severity::Warning),
        notes: findings.count(Severity::Note),
    };
    let (errors, warnings) = (found.errors, found.warnings);
    let summary = summary(&found, counts, args.strict);
    match args.format {
        CheckFormat::Text => outln!("{}{summary}", findings.to_text()),
        CheckFormat::Json => {
            outln!("{}", findings.to_json());
            errln!("{summary}");
        }
    }
    let failed = errors > 0 || (args.strict && warnings > 0);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The addresses a previous version of the site published (relative to its base), read
/// from its output folder or its `sitemap.xml`, and how to name it in messages.
fn previous_addresses(path: &Path, base_path: &str) -> Result<(Vec<String>, String)> {
    let shown = path.display().to_string();
    let read_sitemap = |file: &Path| -> Result<Vec<String>> {
        let xml = std::fs::read_to_string(file).with_context(|| {
            format!(
                "`--previous {shown}`: cannot read `{}`; give the previous site's output folder or its sitemap.xml",
                file.display()
            )
        })?;
        Ok(quality::previous::sitemap_addresses(&xml, base_path))
    };
    if path.is_file() {
        return Ok((read_sitemap(path)?, shown));
    }
    if !path.is_dir() {
        anyhow::bail!(
            "`--previous {shown}` does not exist; give the previous site's output folder (e.g. a copy of `public/`) or its sitemap.xml"
        );
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
        let entry =
            entry.with_context(|| format!("`--previous {shown}`: cannot read the folder"))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(path)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if rel.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        out.push(quality::previous::address_of(&rel));
    }
    if out.is_empty() {
        anyhow::bail!(
            "`--previous {shown}` is an empty folder; give the previous site's output folder or its sitemap.xml"
        );
    }
    Ok((out, shown))
}

/// How many findings of each severity the report shows.
struct Found {
    errors: usize,
    warnings: usize,
    notes: usize,
}

/// One line saying what was found, in the report's order (errors, warnings, notes), and
/// whether the check passed, in plain words: what to fix first and whether the site
/// still builds.
fn summary(found: &Found, counts: Option<(usize, usize, usize)>, strict: bool) -> String {
    let n = |count: usize, one: &str| format!("{count} {one}{}", if count == 1 { "" } else { "s" });
    let what = match counts {
        Some((pages, exercises, ladders)) => {
            let mut parts = vec![n(pages, "page")];
            parts.extend((exercises > 0).then(|| n(exercises, "exercise")));
            parts.extend((ladders > 0).then(|| n(ladders, "ladder")));
            parts.join(", ")
        }
        None => "the site, which does not build, so the other checks did not run".to_string(),
    };
    let &Found {
        errors,
        warnings,
        notes,
    } = found;
    let mut parts: Vec<String> = [(errors, "error"), (warnings, "warning"), (notes, "note")]
        .into_iter()
        .filter(|&(count, _)| count > 0)
        .map(|(count, one)| n(count, one))
        .collect();
    let found = match parts.pop() {
        None => "no problems".to_string(),
        Some(last) if parts.is_empty() => last,
        Some(last) => format!("{} and {last}", parts.join(", ")),
    };
    let for_notes = if notes > 0 {
        " (notes are for information only)"
    } else {
        ""
    };
    let verdict = if errors > 0 && warnings > 0 {
        "failed: fix the errors first, the site does not build until they are fixed; then the warnings"
    } else if errors > 0 {
        "failed: fix the errors before publishing"
    } else if warnings > 0 && strict {
        "failed: --strict counts warnings as errors"
    } else if warnings > 0 {
        "passed with warnings: the site still builds, but fix them before you publish"
    } else {
        "passed"
    };
    let verdict = format!("{verdict}{for_notes}");
    format!("sinew check: {found} in {what}; {verdict}")
}
