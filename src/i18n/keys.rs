//! Checking a language file's keys against sinew's English table: a key sinew does not
//! use (with a "did you mean"), the texts missing (with where the first one goes), and
//! the number of month and weekday names.

use super::BUILTIN;
use super::file::File;
use crate::diagnostic::{Diagnostic, did_you_mean};
use std::path::Path;

/// Adds to `diags` every problem of the keys of `merged` (a built-in table with the
/// site's file `file`, whose text is `text`, over it) against `english`.
pub(super) fn check_keys(
    english: &File,
    merged: &File,
    text: &str,
    file: &Path,
    diags: &mut Vec<Diagnostic>,
) {
    // Lines from the YAML parser (`yaml::Spans`), never from searching the text.
    let spans = crate::yaml::Spans::of(text);
    // English's lines order the keys as sinew's file does: a missing key goes after the
    // one before it there that this file has.
    let english_spans = crate::yaml::Spans::of(BUILTIN[0].1);
    let english_line = |path: &str| english_spans.line(path).unwrap_or(usize::MAX);
    // (English line, `part: key`, part, key, English text)
    let mut missing = Vec::new();
    for (part, mine, all) in [
        ("theme", &merged.theme, &english.theme),
        ("planner", &merged.planner, &english.planner),
    ] {
        missing.extend(all.keys().filter(|k| !mine.contains_key(*k)).map(|k| {
            (
                english_line(&format!("{part}.{k}")),
                format!("{part}: {k}"),
                part,
                k.clone(),
                all[k].form(Some(2)).to_string(),
            )
        }));
        for key in mine.keys().filter(|k| !all.contains_key(*k)) {
            let hint = match did_you_mean(key, all.keys().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "remove it: sinew does not use this key".to_string(),
            };
            diags.push(
                Diagnostic::error(
                    "translation-key",
                    file,
                    format!("`{part}: {key}` is not a text sinew shows"),
                )
                .at_line(spans.line(&format!("{part}.{key}")))
                .hint(hint),
            );
        }
    }
    missing.sort();
    if let Some((at, _, part, key, _)) = missing.first() {
        // Each with its English, the text to translate (cut short past 80 characters):
        // a table written for an older sinew lacks only the few texts added since.
        let shown: Vec<String> = missing
            .iter()
            .take(5)
            .map(|(_, k, _, _, en)| {
                let en = match en.char_indices().nth(80) {
                    Some((cut, _)) => format!("{}...", &en[..cut]),
                    None => en.clone(),
                };
                format!("`{k}` (in English: \"{en}\")")
            })
            .collect();
        // Where the first goes: after the nearest key before it in sinew's order that
        // this file has, else under its part (`planner:`), else at the top of the file.
        let before = english
            .theme
            .keys()
            .map(|k| ("theme", k))
            .chain(english.planner.keys().map(|k| ("planner", k)))
            .map(|(p, k)| format!("{p}.{k}"))
            .filter(|p| english_line(p) < *at && p.starts_with(&format!("{part}.")))
            .filter_map(|p| Some((english_line(&p), spans.line(&p)?, p)))
            .max();
        let code = file
            .file_stem()
            .map_or(String::new(), |c| c.to_string_lossy().into_owned());
        let (line, place) = match (before, spans.line(part)) {
            (Some((_, l, p)), _) => (
                l,
                format!(
                    "add `{key}:` under `{part}:`, after `{}` (line {l})",
                    p.rsplit('.').next().unwrap_or(&p)
                ),
            ),
            (None, Some(l)) => (l, format!("add `{key}:` under `{part}:` (line {l})")),
            (None, None) => (1, format!("add a `{part}:` section with `{key}:` in it")),
        };
        let more = if missing.len() > 5 {
            format!(" and {} more", missing.len() - 5)
        } else {
            String::new()
        };
        diags.push(
            Diagnostic::error(
                "translation-key",
                file,
                format!(
                    "{} {} missing from this translation file: {}{more}",
                    missing.len(),
                    if missing.len() == 1 { "text is" } else { "texts are" },
                    shown.join(", ")
                ),
            )
            .at_line(Some(line))
            .hint(format!(
                "{place}, and translate each into the file's language, keeping every `{{name}}` as it is; the file needs every text of sinew's English table (docs/templates.md, \"Adding a language\", lists the texts added in recent versions; `sinew new language {code}` writes a whole table to start from in a site without `i18n/{code}.yaml`)"
            )),
        );
    }
    for (field, list, len) in [
        ("months", &merged.months, 12),
        ("months_short", &merged.months_short, 12),
        ("weekdays", &merged.weekdays, 7),
        ("weekdays_short", &merged.weekdays_short, 7),
    ] {
        match list {
            Some(l) if l.len() == len => {}
            _ => diags.push(
                Diagnostic::error(
                    "translation-key",
                    file,
                    format!("`{field}` must list {len} names"),
                )
                .at_line(spans.line(field).or(Some(1)))
                .hint(if len == 12 {
                    "list the months from January to December, e.g. `months: [enero, febrero, ...]`"
                } else {
                    "list the days from Monday to Sunday, e.g. `weekdays: [lunes, martes, ...]`"
                }),
            ),
        }
    }
}
