//! Checks of translations: languages `site.yaml` does not list, a translated
//! exercise's empty steps and lists within `limits::LIST_ITEMS`, a translated ladder's milestone texts, and translated pages
//! whose original is missing or a draft.

use super::blank_items;
use crate::content::Content;
use crate::diagnostic::Diagnostic;
use crate::yaml;

/// Every translation's problems: exercises', then ladders', then pages'.
pub(super) fn translations(c: &Content, out: &mut Vec<Diagnostic>) {
    let langs = &c.config.languages;
    for e in c.exercises.values() {
        for code in e.data.translations.keys().filter(|k| !langs.contains(k)) {
            out.push(crate::config::unknown_translation_language(
                code, &e.file, &e.text,
            ));
        }
        // A translation's steps as the original's: a bare `steps:` (null, read as no
        // steps) would show that language's patients the exercise with no instructions.
        for (code, w) in &e.data.translations {
            let line = |path: &str| {
                yaml::line_of(&e.text, 1, &format!("translations.{code}.{path}"))
                    .or_else(|| yaml::line_of(&e.text, 1, &format!("translations.{code}")))
            };
            if w.steps.is_empty() {
                out.push(
                    Diagnostic::error(
                        "translation",
                        &e.file,
                        format!("`translations.{code}.steps` is empty, so `{code}` readers would see no instructions"),
                    )
                    .at_line(line("steps"))
                    .hint("list the translated instructions under it, each on its own line starting with `- `"),
                );
            }
            crate::limits::check_lists(
                &e.file,
                [
                    ("steps", w.steps.len()),
                    ("cautions", w.cautions.len()),
                    ("body_regions", w.body_regions.len()),
                    ("equipment", w.equipment.len()),
                ],
                |field| format!("translations.{code}.{field}"),
                line,
                "translate the original's items, one for one",
                out,
            );
            blank_items(
                "translation",
                &e.file,
                [("steps", &w.steps), ("cautions", &w.cautions)],
                |field| format!("translations.{code}.{field}"),
                line,
                out,
            );
        }
    }
    for l in c.ladders.values() {
        for code in l.data.translations.keys().filter(|k| !langs.contains(k)) {
            out.push(crate::config::unknown_translation_language(
                code, &l.file, &l.text,
            ));
        }
        for (code, w) in &l.data.translations {
            if w.milestones.len() != l.data.milestones.len() {
                out.push(
                    Diagnostic::error(
                        "translation",
                        &l.file,
                        format!(
                            "`translations: {code}` lists {} milestone texts, but the ladder has {} milestones",
                            w.milestones.len(),
                            l.data.milestones.len()
                        ),
                    )
                    .at_line(
                        yaml::line_of(&l.text, 1, &format!("translations.{code}.milestones"))
                            .or_else(|| yaml::line_of(&l.text, 1, &format!("translations.{code}"))),
                    )
                    .hint("under `milestones:`, translate what each milestone unlocks, in the ladder's order"),
                );
            }
        }
    }
    for p in c.pages.iter().filter(|p| p.lang.is_some()) {
        // A page that exists but could not be read has its own error already: its
        // translations are not orphans, and saying its file "does not exist" misleads.
        if !c.broken_ids.contains(&p.original)
            && !c
                .pages
                .iter()
                .any(|o| o.lang.is_none() && o.source == p.original)
        {
            if c.drafts.contains(&p.original) {
                out.push(
                    Diagnostic::error(
                        "translation",
                        &p.file,
                        format!(
                            "this page translates `content/{}`, which is a draft (`draft: true`), so it is not published",
                            p.original
                        ),
                    )
                    .hint(format!(
                        "remove `draft: true` from `content/{}`, or add `draft: true` to this translation too",
                        p.original
                    )),
                );
                continue;
            }
            out.push(
                Diagnostic::error(
                    "translation",
                    &p.file,
                    format!(
                        "this page translates `content/{}`, which does not exist",
                        p.original
                    ),
                )
                .hint(page_folder_translation(c, p).unwrap_or_else(|| format!(
                    "a translation is named after the page it translates plus the language: write the page `content/{}` first, or rename this file",
                    p.original
                ))),
            );
        }
    }
}

/// For `knee.es.md` beside a page folder `knee/` (whose page is `knee/index.md`): the
/// hint to move it into the folder as `knee/index.es.md`, the shape of its original.
fn page_folder_translation(c: &Content, p: &crate::content::Page) -> Option<String> {
    let code = p.lang.as_deref()?;
    let (stem, ext) = p.original.rsplit_once('.')?;
    let folder_page = format!("{stem}/index.{ext}");
    c.pages
        .iter()
        .any(|o| o.lang.is_none() && o.in_own_folder && o.source == folder_page)
        .then(|| {
            format!(
                "`content/{stem}/` is a page folder: move this file into it as `content/{stem}/index.{code}.{ext}`"
            )
        })
}
