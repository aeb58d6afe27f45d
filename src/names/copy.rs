//! Names that programs give a copy of a file or folder: Windows Explorer (`about - Copy`,
//! `about - Copy (2)`), macOS Finder (`about copy`, `about copy 2`), GNOME Files (`about
//! (Copy)`, `about (Copy 2)`, and before 2023 `about (copy)`, `about (another copy)`,
//! `about (3rd copy)`), KDE, browsers and GNOME Files for a second file of the same name
//! (`about (1)`, Firefox's `about(1)`), Google Drive and older Windows (`Copy of about`),
//! Dropbox and Nextcloud for a file changed in two places (`about (Alex's conflicted copy
//! 2026-12-01)`).

/// The word for a copy in those names, in the languages sinew has tables for and their
/// neighbours', lower-case.
const COPY_WORDS: [&str; 5] = ["copy", "copia", "kopie", "copie", "cópia"];

/// The words a copy's name starts with (`Copy of`: Google Drive and older Windows).
const COPY_PREFIXES: [&str; 4] = ["copy of ", "copia de ", "kopie von ", "copie de "];

/// The dashes of Windows's ` - Copy`: a hyphen, or the en or em dash a word processor,
/// a phone's keyboard or a cloud drive's web page puts for one (`knee – Copy`).
const DASHES: [char; 3] = ['-', '\u{2013}', '\u{2014}'];

/// The words before `copy` in GNOME Files' second copy: `about (another copy)`.
const ANOTHER: [&str; 2] = ["another ", "otra "];

/// `name` (a file's name without its endings, or a folder's) without the mark of a copy,
/// or `None` when it has none: `about - Copy`, `about – Copy (2)`, `about (1)`,
/// `about(1)`, `about (Copy 2)`, `about (another copy)`, `about (3rd copy)`, `Copy of
/// about`, `about copy`, `about copy 2`, `about (Alex's conflicted copy 2026-12-01)` are
/// all `about`. The mark is read without regard
/// to case (`About - COPY`); a number on its own (`stage 2`, `stage-2`) is no mark, as
/// it names stages, weeks and levels far more often than copies.
pub fn original_name(name: &str) -> Option<&str> {
    let lower = name.to_lowercase();
    // A number in brackets at the end: `about (1)`, `about - Copy (2)`, and Firefox's
    // `about(1)` without the space.
    let numbered = lower
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once('('))
        .filter(|(_, n)| all_digits(n))
        .map(|(s, _)| s.strip_suffix(' ').unwrap_or(s).len());
    let base = &lower[..numbered.unwrap_or(lower.len())];
    let cut = (windows_copy(base).or_else(|| bracketed_copy(base)))
        .or_else(|| finder_copy(base))
        .or(numbered);
    if let Some(len) = cut {
        // Lower-casing can change byte lengths only outside ASCII: cut the original
        // where the lower-case cut falls, if that is a boundary of the same text.
        return (len > 0
            && name.is_char_boundary(len)
            && name[..len].to_lowercase() == lower[..len])
            .then(|| name[..len].trim_end());
    }
    COPY_PREFIXES.iter().find_map(|p| {
        let rest = name.get(p.len()..)?;
        (name[..p.len()].to_lowercase() == *p && !rest.trim().is_empty()).then_some(rest)
    })
}

/// Syncthing's mark of a copy, made when a file was changed on two devices at once:
/// `leaflet.sync-conflict-20261201-101010-ABCDEF7.pdf` beside `leaflet.pdf`.
const SYNC_CONFLICT: &str = ".sync-conflict-";

/// `ends` (a file's name from its first `.` on, `.sync-conflict-20261201-101010-ABCDEF7.pdf`)
/// without Syncthing's mark of a copy: `.sync-conflict-`, the date (`YYYYMMDD`), the time
/// (`HHMMSS`) and the short id of the device that changed it (7 letters and digits), each
/// after a hyphen; `None` when it has no such mark. The mark is read without regard to case.
pub fn original_ends(ends: &str) -> Option<String> {
    let at = ends.to_ascii_lowercase().find(SYNC_CONFLICT)?;
    let mark = ends.get(at + SYNC_CONFLICT.len()..)?;
    let mut parts = mark.splitn(3, '-');
    let (date, time, rest) = (parts.next()?, parts.next()?, parts.next()?);
    let device_len = rest.find('.').unwrap_or(rest.len());
    let device = &rest[..device_len];
    let ok = date.len() == 8
        && all_digits(date)
        && time.len() == 6
        && all_digits(time)
        && device.len() == 7
        && device.bytes().all(|b| b.is_ascii_alphanumeric());
    ok.then(|| format!("{}{}", &ends[..at], &rest[device_len..]))
}

/// Whether `s` is a number: one or more ASCII digits.
fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The length of `base` (lower-case) before Windows's ` - copy`, with any dash.
fn windows_copy(base: &str) -> Option<usize> {
    COPY_WORDS.iter().find_map(|w| {
        let s = base.strip_suffix(w)?.strip_suffix(' ')?;
        let s = s.strip_suffix(DASHES)?.strip_suffix(' ')?;
        Some(s.len())
    })
}

/// The length of `base` (lower-case) before GNOME Files' ` (copy)`, ` (copy 2)`,
/// ` (another copy)` or ` (3rd copy)`, or a cloud drive's ` (… conflicted copy …)`.
fn bracketed_copy(base: &str) -> Option<usize> {
    let (s, inner) = base.strip_suffix(')')?.rsplit_once('(')?;
    // Dropbox's and Nextcloud's copy of a file changed in two places at once: `about (Alex
    // Smith's conflicted copy 2026-12-01)`, `about (conflicted copy 2026-12-01 101010)`.
    let conflict = inner.contains("conflicted copy");
    let copy = conflict
        || COPY_WORDS.iter().any(|w| {
            inner == *w
                || inner
                    .strip_prefix(w)
                    .and_then(|n| n.strip_prefix(' '))
                    .is_some_and(all_digits)
                || ANOTHER.iter().any(|a| inner.strip_prefix(a) == Some(w))
                || inner
                    .strip_suffix(w)
                    .and_then(|o| o.strip_suffix(' '))
                    .is_some_and(ordinal)
        });
    copy.then(|| s.strip_suffix(' ').unwrap_or(s).len())
}

/// Whether `s` is an ordinal number as GNOME Files writes one: `3rd`, `21st`, `3.ª`.
fn ordinal(s: &str) -> bool {
    ["st", "nd", "rd", "th", ".ª", "ª", ".º", "º"]
        .iter()
        .any(|end| s.strip_suffix(end).is_some_and(all_digits))
}

/// The length of `base` (lower-case) before Finder's ` copy` or ` copy 2`.
fn finder_copy(base: &str) -> Option<usize> {
    let base = match base.rsplit_once(' ') {
        Some((s, n)) if all_digits(n) => s,
        _ => base,
    };
    COPY_WORDS
        .iter()
        .find_map(|w| Some(base.strip_suffix(w)?.strip_suffix(' ')?.len()))
}

#[cfg(test)]
mod tests {
    use super::{original_ends, original_name};

    #[test]
    fn syncthing_conflict_copies_are_recognised_by_their_endings() {
        for (ends, original) in [
            (".sync-conflict-20261201-101010-ABCDEF7.pdf", Some(".pdf")),
            (
                ".es.sync-conflict-20261201-101010-abcdef7.md",
                Some(".es.md"),
            ),
            (".SYNC-CONFLICT-20261201-101010-ABCDEF7.md", Some(".md")),
            (".sync-conflict-20261201-101010-ABCDEF7", Some("")),
            (".pdf", None),
            ("", None),
            // Not Syncthing's whole mark: another date, time or device id.
            (".sync-conflict-2026121-101010-ABCDEF7.pdf", None),
            (".sync-conflict-20261201-1010-ABCDEF7.pdf", None),
            (".sync-conflict-20261201-101010-ABC.pdf", None),
            (".sync-conflict-20261201-101010-ABCDEF7-x.pdf", None),
            (".sync-conflict.pdf", None),
        ] {
            assert_eq!(original_ends(ends).as_deref(), original, "{ends}");
        }
    }

    #[test]
    fn copies_names_are_recognised_and_other_names_are_not() {
        for (name, original) in [
            // Windows Explorer, in English and its neighbours' languages.
            ("about - Copy", Some("about")),
            ("about - Copy (2)", Some("about")),
            ("About - copia", Some("About")),
            ("about - Copy(2)", Some("about")),
            // The dash typed as an en or em dash.
            ("knee \u{2013} Copy", Some("knee")),
            ("knee \u{2014} Copy (3)", Some("knee")),
            ("knee \u{2013} Kopie", Some("knee")),
            // Browsers, KDE, and GNOME Files for a second file of the same name.
            ("about (1)", Some("about")),
            ("about(1)", Some("about")),
            ("café (1)", Some("café")),
            // GNOME Files: since 2023, and before.
            ("leaflet (Copy)", Some("leaflet")),
            ("leaflet (Copy 2)", Some("leaflet")),
            ("leaflet (copy)", Some("leaflet")),
            ("leaflet (another copy)", Some("leaflet")),
            ("leaflet (3rd copy)", Some("leaflet")),
            ("leaflet (21st copy)", Some("leaflet")),
            ("folleto (copia)", Some("folleto")),
            ("folleto (otra copia)", Some("folleto")),
            ("folleto (3.ª copia)", Some("folleto")),
            ("leaflet (Copy) (1)", Some("leaflet")),
            // macOS Finder.
            ("about copy", Some("about")),
            ("about copy 2", Some("about")),
            ("folleto copia", Some("folleto")),
            // Dropbox's and Nextcloud's copies of a file changed in two places.
            (
                "leaflet (Alex Smith's conflicted copy 2026-12-01)",
                Some("leaflet"),
            ),
            (
                "leaflet (conflicted copy 2026-12-01 101010)",
                Some("leaflet"),
            ),
            // Google Drive and older Windows.
            ("Copy of about", Some("about")),
            ("Copia de about", Some("about")),
            ("COPY OF about", Some("about")),
            // Not a copy's name.
            ("about", None),
            ("(1)", None),
            ("(copy)", None),
            ("knee pain (acute)", None),
            ("knee (copying exercises)", None),
            ("copy", None),
            ("photocopy", None),
            ("stage 2", None),
            ("stage-2", None),
            ("week (2nd)", None),
            ("copy of ", None),
            ("about - ", None),
        ] {
            assert_eq!(original_name(name), original, "{name}");
        }
    }
}
