//! The range of every number a clinic writes, and the error for one outside it.
//!
//! A number out of its range is an error at its file and line (never a panic, a page of
//! gigabytes or a date past the end of the calendar). Ladders' numbers are
//! `content::ladder::LIMITS`, built from the same [`Bounds`]; the others are here:
//! `site.yaml` and front matter (review interval, reading grade, listing weight, the
//! longest ladder `sinew check` accepts) and an exercise's dose, which uses the ladder
//! limits. `docs/content-format.md` lists them all.

use crate::diagnostic::Diagnostic;
use std::fmt::Display;
use std::path::Path;

/// The smallest and largest value a whole number may have, both allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// The smallest allowed value.
    pub min: u32,
    /// The largest allowed value.
    pub max: u32,
}

impl Bounds {
    /// Whether `v` is within the bounds.
    pub const fn contains(&self, v: u32) -> bool {
        self.min <= v && v <= self.max
    }
}

/// `review_every_months`, in `site.yaml` and in a page's front matter: at least once a
/// month, at most every five years. A longer interval is refused rather than allowed
/// because a patient-education page unchecked for longer is likely out of date (the
/// safer choice; the clinic can always review sooner).
pub const REVIEW_EVERY_MONTHS: Bounds = Bounds { min: 1, max: 60 };

/// The number of stages of a ladder (also the largest `max_ladder_length`).
pub const LADDER_STAGES: Bounds = Bounds { min: 1, max: 30 };

/// The most tags a page may have. Each tag has a page of its own, so without a limit a
/// few kilobytes of tags would make a site of gigabytes (and `sinew serve` holds the
/// whole site in memory).
pub const TAGS_PER_PAGE: usize = 20;

/// The most items any other list a clinic writes may hold: an exercise's `steps`,
/// `cautions`, `body_regions` and `equipment` (and a translation's), a ladder's
/// `milestones`, and the `search_terms`, `sources` and (a page's) `aliases` of pages,
/// exercises and ladders. Real ones hold a handful; each item is shown, printed and
/// indexed for search, so a list of thousands (a file pasted into itself, or made by a
/// program) would only make a slow build of a page nobody can use: 300,000 steps took
/// 16 seconds, most of them indexing the page.
pub const LIST_ITEMS: usize = 100;

/// The error for the list `field` (as the clinic reads it, e.g. `translations.es.steps`)
/// of `file`, which holds `count` items, more than `max`: at `line`, the line of the first
/// item past the limit. `fix` says what to do in the list's own terms.
pub fn too_many_items(
    file: &Path,
    line: Option<usize>,
    field: &str,
    count: usize,
    max: usize,
    fix: &str,
) -> Diagnostic {
    Diagnostic::error(
        "out-of-range",
        file,
        format!(
            "`{field}` has {count} items; sinew allows at most {max} (item {} is at this line)",
            max + 1
        ),
    )
    .at_line(line)
    .hint(format!(
        "{fix}. If the list was pasted in twice or made by a program, delete the items not needed, from this line on"
    ))
}

/// Checks each `(field, count)` against [`LIST_ITEMS`]: an error per list that is too
/// long, from [`too_many_items`]. `line` finds an item's line from its path (`steps[100]`,
/// counted from 0) and is called only for a list that is too long; `shown` turns a field
/// into the name the message gives it.
pub fn check_lists<'a>(
    file: &Path,
    lists: impl IntoIterator<Item = (&'a str, usize)>,
    shown: impl Fn(&str) -> String,
    line: impl Fn(&str) -> Option<usize>,
    fix: &str,
    out: &mut Vec<Diagnostic>,
) {
    for (field, count) in lists {
        if count > LIST_ITEMS {
            out.push(too_many_items(
                file,
                line(&format!("{field}[{LIST_ITEMS}]")),
                &shown(field),
                count,
                LIST_ITEMS,
                fix,
            ));
        }
    }
}

/// A page's `weight` (its place in listings), smallest and largest.
pub const WEIGHT: (i64, i64) = (-1_000_000, 1_000_000);

/// A reading grade (`readability.max_grade` and `readability.max_smog` in `site.yaml`,
/// `max_grade` and `max_smog` in front matter),
/// smallest and largest: Flesch-Kincaid grades of ordinary text lie between them.
pub const MAX_GRADE: (f64, f64) = (1.0, 20.0);

/// The error for `field` (as the clinic wrote it) holding `value`, outside `min..=max`
/// (`unit` follows the numbers in the message, e.g. `" months"`).
pub fn out_of_range(
    file: &Path,
    line: Option<usize>,
    field: &str,
    value: impl Display,
    (min, max): (impl Display, impl Display),
    unit: &str,
) -> Diagnostic {
    Diagnostic::error(
        "out-of-range",
        file,
        format!("`{field}` is {value}, outside what sinew allows ({min} to {max}{unit})"),
    )
    .at_line(line)
    .hint(format!("use a number from {min} to {max}"))
}

/// Checks a whole number against `b`; see [`out_of_range`].
pub fn check_u32(
    file: &Path,
    line: Option<usize>,
    field: &str,
    value: u32,
    b: Bounds,
    unit: &str,
) -> Result<(), Diagnostic> {
    if b.contains(value) {
        Ok(())
    } else {
        Err(out_of_range(file, line, field, value, (b.min, b.max), unit))
    }
}

/// Checks a number with a fractional part against `(min, max)` (not-a-number is out of
/// every range); see [`out_of_range`].
pub fn check_f64(
    file: &Path,
    line: Option<usize>,
    field: &str,
    value: f64,
    (min, max): (f64, f64),
) -> Result<(), Diagnostic> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(out_of_range(file, line, field, value, (min, max), ""))
    }
}

/// The day a review is due: `reviewed` plus `months` months. It never panics, whatever
/// `months` is: past the end of the calendar it is the calendar's last day.
pub fn review_due(reviewed: jiff::civil::Date, months: u32) -> jiff::civil::Date {
    jiff::Span::new()
        .try_months(i64::from(months))
        .ok()
        .and_then(|span| reviewed.checked_add(span).ok())
        .unwrap_or(jiff::civil::Date::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_dates_never_panic_whatever_the_interval() {
        let d = jiff::civil::date(2026, 1, 31);
        assert_eq!(review_due(d, 1), jiff::civil::date(2026, 2, 28));
        assert_eq!(review_due(d, 250_000), jiff::civil::Date::MAX);
        assert_eq!(review_due(d, u32::MAX), jiff::civil::Date::MAX);
    }

    #[test]
    fn a_list_past_its_limit_is_an_error_at_its_first_extra_item() {
        let f = Path::new("content/exercises/squat.yaml");
        let asked = std::cell::RefCell::new(Vec::new());
        let mut out = Vec::new();
        check_lists(
            f,
            [("steps", LIST_ITEMS + 1), ("cautions", LIST_ITEMS)],
            |field| format!("translations.es.{field}"),
            |path| {
                asked.borrow_mut().push(path.to_string());
                Some(104)
            },
            "split it",
            &mut out,
        );
        // Only the list that is too long has its line looked up.
        assert_eq!(*asked.borrow(), ["steps[100]"]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].line, Some(104));
        assert_eq!(
            out[0].message,
            "`translations.es.steps` has 101 items; sinew allows at most 100 (item 101 is at this line)"
        );
        assert!(out[0].hint.as_deref().unwrap().starts_with("split it. "));
    }

    #[test]
    fn numbers_outside_their_range_are_errors_naming_the_field_and_line() {
        let f = Path::new("site.yaml");
        assert!(check_u32(f, Some(3), "x", 60, REVIEW_EVERY_MONTHS, " months").is_ok());
        let e = check_u32(
            f,
            Some(3),
            "review_every_months",
            250_000,
            REVIEW_EVERY_MONTHS,
            " months",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(3));
        assert_eq!(
            e.message,
            "`review_every_months` is 250000, outside what sinew allows (1 to 60 months)"
        );
        assert!(check_f64(f, None, "max_grade", f64::NAN, MAX_GRADE).is_err());
        assert!(check_f64(f, None, "max_grade", f64::INFINITY, MAX_GRADE).is_err());
        assert!(check_f64(f, None, "max_grade", 8.0, MAX_GRADE).is_ok());
    }
}
