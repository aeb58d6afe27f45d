//! The clinic's say over `sinew check`: rules turned off in `site.yaml` (`rules:`), and a
//! page, exercise or ladder silencing one rule for itself with a written reason
//! (`check: {ignore: {rule: "reason"}}`). Names that are not rules are reported, so a
//! typing mistake never silently leaves a rule on.

use super::RULES;
use crate::config::RuleSetting;
use crate::content::Content;
use crate::content::trust::CheckSettings;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::yaml;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The rule that reports settings naming no rule, or silencing one without a reason. It
/// cannot be silenced itself.
pub const SETTINGS_RULE: &str = "check-settings";

fn is_rule(name: &str) -> bool {
    RULES.iter().any(|(r, _)| *r == name)
}

fn unknown(name: &str) -> String {
    match did_you_mean(name, RULES.iter().map(|(r, _)| *r)) {
        Some(m) => format!("did you mean `{m}`? The rules are listed in docs/check.md"),
        None => "use a rule name as `sinew check` prints it in square brackets, e.g. \
                 `readability`; the rules are listed in docs/check.md"
            .to_string(),
    }
}

/// Each file's own settings, with its YAML text and first line (for line lookups).
fn per_file(c: &Content) -> Vec<(&Path, &CheckSettings, &str, usize)> {
    let pages = c
        .pages
        .iter()
        .map(|p| (p.file.as_path(), &p.meta.check, p.front_matter.as_str(), 2));
    let exercises = c
        .exercises
        .values()
        .map(|e| (e.file.as_path(), &e.data.check, e.text.as_str(), 1));
    let ladders = c
        .ladders
        .values()
        .map(|l| (l.file.as_path(), &l.data.check, l.text.as_str(), 1));
    pages.chain(exercises).chain(ladders).collect()
}

/// Removes the findings the clinic has silenced and adds `check-settings` findings for
/// settings that name no rule or give no reason.
pub(crate) fn apply(c: &Content, findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (name, setting) in &c.config.rules {
        if !is_rule(name) {
            out.push(
                Diagnostic::warning(
                    SETTINGS_RULE,
                    "site.yaml",
                    format!("`rules` in site.yaml names `{name}`, which is not a rule of `sinew check` (setting: {})", match setting {
                        RuleSetting::Off => "off",
                        RuleSetting::Warning => "warning",
                        RuleSetting::Note => "note",
                    }),
                )
                .at_line(
                    yaml::line_of(&c.config.text, 1, &format!("rules.{name}"))
                        .or_else(|| yaml::line_of(&c.config.text, 1, "rules")),
                )
                .hint(unknown(name)),
            );
        }
    }
    let mut ignored: BTreeMap<PathBuf, &BTreeMap<String, String>> = BTreeMap::new();
    for (file, settings, text, first) in per_file(c) {
        for (rule, reason) in &settings.ignore {
            let line = yaml::line_of(text, first, &format!("check.ignore.{rule}"))
                .or_else(|| yaml::line_of(text, first, &format!("rules.{rule}")));
            if !is_rule(rule) {
                out.push(
                    Diagnostic::warning(
                        SETTINGS_RULE,
                        file,
                        format!(
                            "`check: ignore:` names `{rule}`, which is not a rule of `sinew check`"
                        ),
                    )
                    .at_line(line)
                    .hint(unknown(rule)),
                );
            } else if reason.trim().is_empty() {
                out.push(
                    Diagnostic::warning(
                        SETTINGS_RULE,
                        file,
                        format!("`{rule}` is silenced here without a reason"),
                    )
                    .at_line(line)
                    .hint(format!(
                        "write why the rule does not apply, so the next person to review the file knows, e.g. `{rule}: \"legal text, worded by our insurer\"`"
                    )),
                );
            }
        }
        ignored.insert(file.to_path_buf(), &settings.ignore);
    }
    let off = |rule: &str| c.config.rules.get(rule) == Some(&RuleSetting::Off);
    let note = |rule: &str| c.config.rules.get(rule) == Some(&RuleSetting::Note);
    let findings = findings.into_iter().map(|mut d| {
        if note(d.rule) {
            d.severity = crate::diagnostic::Severity::Note;
        }
        d
    });
    out.extend(findings.filter(|d| {
        let silenced = ignored
            .get(&d.file)
            .and_then(|m| m.get(d.rule))
            .is_some_and(|reason| !reason.trim().is_empty());
        !(off(d.rule) || silenced)
    }));
    out
}
