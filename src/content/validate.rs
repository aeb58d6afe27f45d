//! Checks that need every source loaded (but no URLs): ids that refer to each other,
//! ladder numbers and the syntax of addresses (whether an image exists is checked by
//! `link`, which knows every published file).

mod exercise;
mod ladder;
mod translation;

use super::Content;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::yaml;

/// Checks that need every source loaded: ids that refer to each other, ladder numbers,
/// the syntax of addresses.
pub(super) fn validate(c: &Content) -> Vec<Diagnostic> {
    // The four checks only read the content, so they run on the pool: called from the
    // load's own thread, one after another they kept one core busy and the other idle
    // (bench/RESULTS.md, "eleventh pass"). Their problems are listed in the same order.
    let each = |check: fn(&Content, &mut Vec<Diagnostic>)| {
        let mut out = Vec::new();
        check(c, &mut out);
        out
    };
    let ((mut out, translations), (pages_found, ladders)) = rayon::join(
        || {
            rayon::join(
                || each(exercise::exercises),
                || each(translation::translations),
            )
        },
        || rayon::join(|| each(pages), || each(ladder::ladders)),
    );
    out.extend(translations);
    out.extend(pages_found);
    out.extend(ladders);
    out
}

/// Every page's tags, aliases and `program`.
fn pages(c: &Content, out: &mut Vec<Diagnostic>) {
    for p in &c.pages {
        for (i, tag) in p.meta.tags.iter().enumerate() {
            let slug = crate::names::slugify(tag);
            let why = crate::names::unwritable(&slug)
                .or_else(|| crate::names::path_too_long(&format!("tags/{slug}/index.html")));
            if let Some(why) = why {
                out.push(
                    Diagnostic::error(
                        "unwritable-name",
                        &p.file,
                        format!("this tag cannot be the address of a page: {why}"),
                    )
                    .at_line(yaml::line_of(&p.front_matter, 2, &format!("tags[{i}]")))
                    .hint("use a short tag of one to three words, such as `knee pain`"),
                );
            }
        }
        for (i, a) in p.meta.aliases.iter().enumerate() {
            let line = yaml::line_of(&p.front_matter, 2, &format!("aliases[{i}]"));
            match super::trust::alias_path(a) {
                Err(m) => out.push(
                    Diagnostic::error("alias", &p.file, format!("the alias {m}"))
                        .at_line(line)
                        .hint("write the page's old address as a path of this site, e.g. `aliases: [\"/old/page/\"]`"),
                ),
                Ok(path) => {
                    let file = if path.ends_with('/') {
                        format!("{path}index.html")
                    } else {
                        path
                    };
                    let why = file
                        .split('/')
                        .find_map(crate::names::unwritable)
                        .or_else(|| crate::names::path_too_long(&file));
                    if let Some(why) = why {
                        out.push(
                            Diagnostic::error(
                                "unwritable-name",
                                &p.file,
                                format!("this alias cannot be published everywhere: {why}"),
                            )
                            .at_line(line)
                            .hint("shorten the old address, or leave the alias out"),
                        );
                    }
                }
            }
        }
        // A ladder file that failed to load is reported once, at its own line.
        if let Some(id) = &p.meta.ladder
            && !c.ladders.contains_key(id)
            && !c.broken_ids.contains(id)
        {
            let hint = match did_you_mean(id, c.ladders.keys().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "`program` names a file in `content/programs/`, without `.yaml`".into(),
            };
            out.push(
                Diagnostic::error(
                    "unknown-ladder",
                    &p.file,
                    format!("`program: {id}` names an exercise ladder that does not exist"),
                )
                .at_line(yaml::line_of(&p.front_matter, 2, "program"))
                .hint(hint),
            );
        }
    }
}

/// Errors for the blank items of an exercise's (or its translation's) `steps` and
/// `cautions`: a blank item would show patients an empty step or caution. `kind` is the
/// error's kind, `list` turns a field into the name the message gives it (`steps`,
/// `translations.es.steps`), `line` finds an item's line from its path (`steps[2]`, items
/// counted from 0; the message counts from 1).
fn blank_items(
    kind: &'static str,
    file: &std::path::Path,
    lists: [(&str, &[String]); 2],
    list: impl Fn(&str) -> String,
    line: impl Fn(&str) -> Option<usize>,
    out: &mut Vec<Diagnostic>,
) {
    for (field, items) in lists {
        for (i, item) in items.iter().enumerate() {
            if item.trim().is_empty() {
                out.push(
                    Diagnostic::error(
                        kind,
                        file,
                        format!("item {} of `{}` is empty", i + 1, list(field)),
                    )
                    .at_line(line(&format!("{field}[{i}]")))
                    .hint("write the text after the `- `, or delete the line"),
                );
            }
        }
    }
}

/// `review_every_months` of an exercise or ladder, within the range a page's has
/// (`limits::REVIEW_EVERY_MONTHS`), at its line.
fn review_months(file: &std::path::Path, text: &str, months: Option<u32>) -> Option<Diagnostic> {
    let v = months?;
    // The line is looked up (a parse of the file's positions) only for a mistake.
    if crate::limits::REVIEW_EVERY_MONTHS.contains(v) {
        return None;
    }
    crate::limits::check_u32(
        file,
        yaml::line_of(text, 1, "review_every_months"),
        "review_every_months",
        v,
        crate::limits::REVIEW_EVERY_MONTHS,
        " months",
    )
    .err()
}

#[cfg(test)]
mod tests {
    use super::blank_items;

    #[test]
    fn blank_items_name_their_list_and_count_from_one() {
        let steps = vec!["Stand tall".to_string(), "  ".to_string()];
        let cautions = vec![String::new()];
        let mut out = Vec::new();
        blank_items(
            "translation",
            std::path::Path::new("content/exercises/squat.yaml"),
            [("steps", &steps), ("cautions", &cautions)],
            |field| format!("translations.es.{field}"),
            |path| (path == "steps[1]").then_some(7),
            &mut out,
        );
        let got: Vec<_> = out
            .iter()
            .map(|d| (d.rule, d.message.as_str(), d.line))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "translation",
                    "item 2 of `translations.es.steps` is empty",
                    Some(7)
                ),
                (
                    "translation",
                    "item 1 of `translations.es.cautions` is empty",
                    None
                ),
            ]
        );
    }
}
