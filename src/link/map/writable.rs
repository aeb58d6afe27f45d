//! Output paths and names that cannot be written everywhere: too long for Windows and
//! zip tools, Windows device names, names that differ only in Unicode normalisation;
//! reported at the page, folder or alias that makes them.

use super::{Target, UrlMap};
use crate::diagnostic::Diagnostic;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// Output paths that cannot be written everywhere (too long, a Windows device name, two
/// names that differ only in Unicode normalisation), at the source that writes them.
/// Tag pages are checked where the tag is written (`content::validate`).
pub(super) fn unwritable_paths(m: &UrlMap) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut keys: BTreeMap<String, (&String, &PathBuf)> = BTreeMap::new();
    // The names in each output folder a name with `%` codes is in, made when one is found.
    let mut beside: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    out.extend(too_long_paths(m));
    for (path, writers) in &m.by_path {
        let Some((file, target)) = writers.first() else {
            continue;
        };
        if *target == Target::Generated && file.to_string_lossy().starts_with("(generated") {
            continue;
        }
        // An alias is checked where it is written, at its line (`content::validate`).
        if *target == Target::Generated && file.to_string_lossy().contains(ALIAS_LABEL) {
            continue;
        }
        let mut start = 0;
        for name in path.split('/') {
            let folder = &path[..start];
            start += name.len() + 1;
            if name.is_empty() {
                continue;
            }
            if let Some(why) = crate::names::unwritable(name) {
                let hint = match escaped_name(name) {
                    Some(e) => {
                        let beside = beside.entry(folder).or_insert_with(|| names_in(m, folder));
                        let taken = |n: &str| beside.contains(&crate::names::case_key(n));
                        let is = if e.escapes.len() == 1 { "is" } else { "are" };
                        let code = format!("{} {is} {}", e.codes(), e.what());
                        match e.copy_of(taken) {
                            Some(original) => format!(
                                "`{name}` looks like a copy of `{original}`: delete it if it is a leftover copy (the build then names any page that still uses it); if it is meant to be different, rename it to {}, and write its address with the new name. {code}",
                                e.renames(taken)
                            ),
                            None => format!(
                                "rename `{name}` to {}, and write its address with the new name. {code}",
                                e.renames(taken)
                            ),
                        }
                    }
                    None => "rename the file or folder: a short name of lower-case letters, digits and hyphens, such as `knee-pain`".to_string(),
                };
                out.push(
                    Diagnostic::error(
                        "unwritable-name",
                        file.clone(),
                        format!("the address /{} cannot be published: {why}", shorten(path)),
                    )
                    .hint(hint),
                );
                break;
            }
        }
        let key = crate::names::normalisation_key(path);
        match keys.get(&key) {
            Some((other, other_file))
                if *other != path
                    && (crate::names::has_combining_mark(path)
                        || crate::names::has_combining_mark(other)) =>
            {
                out.push(
                    Diagnostic::error(
                        "unwritable-name",
                        file.clone(),
                        format!(
                            "{} and {} have names that look the same but are written with different Unicode characters, so some computers treat them as one file",
                            super::label_in_words(other_file),
                            super::label_in_words(file)
                        ),
                    )
                    .hint("rename one of them (retype the accented letters, or use plain letters and hyphens)"),
                );
            }
            _ => {
                keys.insert(key, (path, file));
            }
        }
    }
    out
}

/// A file or folder name written with `%XX` escapes, as some download tools and unzip
/// programs write a space or a bracket (`My%20Folder`, `knee%20pain.md`), and what to
/// rename it to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscapedName {
    /// Each different escaped character in the name, in the order first written: all the
    /// escapes it is written with (`%20`, or the three of a zero-width space,
    /// `%E2%80%8B`), and what it stands for, in words ("a space", "`(`", "a zero-width
    /// space (a character that shows as nothing)").
    pub escapes: Vec<(String, String)>,
    /// The name with every escape decoded: `My Folder`, `knee pain.md`.
    pub decoded: String,
    /// That name as a slug, its endings kept: `my-folder`, `knee-pain.md`.
    pub slug: String,
}

/// The escapes of the file or folder name `name` ([`EscapedName`]), or `None` when it has
/// none (a `%` not followed by two hexadecimal digits, `50%.pdf`, is not one) or they do
/// not decode to text.
pub fn escaped_name(name: &str) -> Option<EscapedName> {
    let at = (0..name.len()).find(|&i| escape_at(name, i))?;
    let decoded = crate::address::percent_decode(name);
    if decoded == name {
        return None;
    }
    // A name cannot hold a slash or a control character, and should not hold an invisible
    // one (a zero-width space, a right-to-left override): such an escape is a hyphen.
    let decoded: String = (decoded.chars())
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() || invisible(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    let mut escapes: Vec<(String, String)> = Vec::new();
    let mut i = at;
    while i < name.len() {
        if !escape_at(name, i) {
            i += 1;
            continue;
        }
        let (code, character) = escaped_character(name, i);
        i += code.len();
        if !escapes.iter().any(|(c, _)| c.eq_ignore_ascii_case(code)) {
            let stands_for = match character {
                Some(c) => character_in_words(c),
                None => "a character".to_string(),
            };
            escapes.push((code.to_string(), stands_for));
        }
    }
    // The endings start at the first dot that does not start the name (`.es.md`).
    let (stem, ends) = split_ends(&decoded);
    let slug = format!("{}{}", crate::names::slugify(stem), ends.to_lowercase());
    Some(EscapedName {
        escapes,
        decoded,
        slug,
    })
}

impl EscapedName {
    /// The escapes in backquotes, for a sentence: "`%20`", "`%20` and `%28`", "`%20`,
    /// `%28` and `%29`".
    pub fn codes(&self) -> String {
        in_a_list(self.escapes.iter().map(|(c, _)| format!("`{c}`")))
    }

    /// What they are, for a sentence after [`Self::codes`]: "the code some download and
    /// unzip programs write for a space", or "the codes ... for a space and `(`".
    pub fn what(&self) -> String {
        let codes = if self.escapes.len() == 1 {
            "code"
        } else {
            "codes"
        };
        format!(
            "the {codes} some download and unzip programs write for {}",
            in_a_list(self.escapes.iter().map(|(_, w)| w.clone()))
        )
    }
}

/// `items` joined as a sentence lists them: "a", "a and b", "a, b and c".
fn in_a_list(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Whether an escape starts at byte `i` of `name`: a `%` and two hexadecimal digits.
fn escape_at(name: &str, i: usize) -> bool {
    name.as_bytes().get(i) == Some(&b'%')
        && (name.get(i + 1..i + 3)).is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `name` split before its endings, at the first dot that does not start it:
/// (`knee pain`, `.es.md`).
fn split_ends(name: &str) -> (&str, &str) {
    match name.char_indices().skip(1).find(|(_, c)| *c == '.') {
        Some((i, _)) => name.split_at(i),
        None => (name, ""),
    }
}

/// The escapes at byte `at` of `name` that write one character, and the character: one
/// escape for a character of the ASCII range (`%20`), up to four for another, as UTF-8
/// writes it (`%E2%80%8B`, a zero-width space). The first escape alone, and no character,
/// when those escapes are not a character's.
fn escaped_character(name: &str, at: usize) -> (&str, Option<char>) {
    let byte = |i: usize| -> Option<u8> {
        let hex = name.get(at + 3 * i..at + 3 * i + 3)?.strip_prefix('%')?;
        u8::from_str_radix(hex, 16).ok()
    };
    let first = byte(0).unwrap_or(0);
    let len = match first {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return (&name[at..at + 3], None),
    };
    let bytes: Option<Vec<u8>> = (0..len).map(byte).collect();
    match bytes.as_deref().map(std::str::from_utf8) {
        Some(Ok(text)) => (&name[at..at + 3 * len], text.chars().next()),
        _ => (&name[at..at + 3], None),
    }
}

/// A character a name's escape stands for, in words a receptionist reads: a space, an
/// invisible character by its name and what it does, another as itself in backquotes.
fn character_in_words(c: char) -> String {
    const SHOWS_AS_NOTHING: &str = "a character that shows as nothing";
    const REORDERS: &str = "an invisible character that changes the order of the text around it";
    let (name, what) = match c {
        ' ' => return "a space".to_string(),
        '\u{a0}' => (
            "a non-breaking space",
            "a space that keeps two words on one line",
        ),
        '\u{ad}' => (
            "a soft hyphen",
            "a hyphen that shows only where a line breaks",
        ),
        '\u{200b}' => ("a zero-width space", SHOWS_AS_NOTHING),
        '\u{200c}' => ("a zero-width non-joiner", SHOWS_AS_NOTHING),
        '\u{200d}' => ("a zero-width joiner", SHOWS_AS_NOTHING),
        '\u{2060}' => ("a word joiner", SHOWS_AS_NOTHING),
        '\u{feff}' => ("a byte order mark", SHOWS_AS_NOTHING),
        '\u{200e}' => ("a left-to-right mark", REORDERS),
        '\u{200f}' => ("a right-to-left mark", REORDERS),
        '\u{202e}' => ("a right-to-left override", REORDERS),
        c if invisible(c) => ("a text direction control", REORDERS),
        c if c.is_control() => ("a control character", "one that cannot be seen or typed"),
        c => return format!("`{c}`"),
    };
    format!("{name} ({what})")
}

impl EscapedName {
    /// The names to suggest, in words: "`My Folder` or `my-folder`", one when both are
    /// the same (`café.md`). None that is blank or hidden (a name that decodes to a
    /// zero-width space would be `.png`, which is never published), none that another
    /// check would flag (a copy's name, `logo (1).png`, `copied-file`; one a host cannot
    /// hold, `what?.md`, `unwritable-name`), and none that `taken` says a file or folder
    /// beside it already has: when none is left, the words of a plain name (one not used
    /// beside it, when the slug is).
    pub fn renames(&self, taken: impl Fn(&str) -> bool) -> String {
        let usable = |n: &str| {
            n.split('.')
                .next()
                .is_some_and(|stem| stem.chars().any(char::is_alphanumeric))
                && crate::names::original_name(split_ends(n).0).is_none()
                && crate::names::unwritable(n).is_none()
                && !taken(n)
        };
        let mut names: Vec<&str> = [self.decoded.as_str(), self.slug.as_str()]
            .into_iter()
            .filter(|n| usable(n))
            .collect();
        names.dedup();
        match names[..] {
            [] if taken(&self.slug) => format!(
                "a name of plain letters, digits and hyphens whose address is still free \
                 (`{}` would have an address already used, by a page or folder beside it or by \
                 the site itself)",
                self.slug
            ),
            [] => "a name of plain letters, digits and hyphens, such as `knee-pain`".to_string(),
            [one] => format!("`{one}`"),
            _ => format!("`{}` or `{}`", names[0], names[1]),
        }
    }

    /// The name of the file or folder this one is a copy of, when its decoded name is a
    /// copy's (`logo%20(1).png` is `logo (1).png`) and `taken` says a file or folder of the
    /// original's name (`logo.png`) is beside it; the nearest such original.
    pub fn copy_of(&self, taken: impl Fn(&str) -> bool) -> Option<String> {
        let (mut stem, ends) = split_ends(&self.decoded);
        while let Some(original) = crate::names::original_name(stem) {
            let name = format!("{original}{ends}");
            if taken(&name) {
                return Some(name);
            }
            stem = original;
        }
        None
    }
}

/// A character that shows as nothing, or reorders the text around it: a zero-width space
/// or joiner, a soft hyphen, a bidirectional control, a byte order mark.
fn invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}')
}

/// The names of the files and folders the site publishes in the output folder `folder`
/// (`""` or `images/`), as [`crate::names::case_key`]s.
fn names_in(m: &UrlMap, folder: &str) -> BTreeSet<String> {
    (m.by_path.range(folder.to_string()..))
        .take_while(|(p, _)| p.starts_with(folder))
        .filter_map(|(p, _)| p[folder.len()..].split('/').next())
        .filter(|n| !n.is_empty())
        .map(crate::names::case_key)
        .collect()
}

/// What the label of an alias's redirect page holds (`render::pages::generated`).
const ALIAS_LABEL: &str = "(its alias `";

/// Every source whose published files would have a whole path longer than
/// `names::MAX_PATH_BYTES`: a file the build makes under a page's or ladder's address
/// (a ladder's `log-sheet/`) is the fault of that page's or ladder's name. Tags and
/// aliases are checked where they are written, at their lines (`content::validate`).
pub(super) fn too_long_paths(m: &UrlMap) -> Vec<Diagnostic> {
    let mut found: BTreeMap<&PathBuf, (String, &str)> = BTreeMap::new();
    for (path, writers) in &m.by_path {
        let file_path = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.clone()
        };
        // A name too long on its own is reported once, as such (`unwritable_paths`).
        if file_path
            .split('/')
            .any(|n| crate::names::unwritable(n).is_some())
        {
            continue;
        }
        let Some(why) = crate::names::path_too_long(&file_path) else {
            continue;
        };
        let Some((file, target)) = writers.first() else {
            continue;
        };
        let label = file.to_string_lossy();
        let source = if *target != Target::Generated {
            Some(file)
        } else if label.contains(ALIAS_LABEL) {
            None
        } else if label.starts_with("(generated") {
            // The page or ladder whose address this file is under.
            path.char_indices()
                .filter(|(_, c)| *c == '/')
                .map(|(i, _)| &path[..=i])
                .filter_map(|prefix| m.by_path.get(prefix)?.first())
                .filter(|(_, t)| *t != Target::Generated)
                .map(|(f, _)| f)
                .next_back()
        } else {
            Some(file)
        };
        if let Some(source) = source {
            found.entry(source).or_insert((why, path));
        }
    }
    found
        .into_iter()
        .map(|(file, (why, _))| {
            Diagnostic::error(
                "unwritable-name",
                file.clone(),
                format!("this cannot be published everywhere: {why}"),
            )
            .hint(format!(
                "shorten the file's name (or its folders' names): the whole path in the site may be at most {} bytes",
                crate::names::MAX_PATH_BYTES
            ))
        })
        .collect()
}

/// A long path cut to its first 40 characters, for a message.
pub(super) fn shorten(name: &str) -> String {
    if name.chars().count() <= 40 {
        name.to_string()
    } else {
        format!("{}...", name.chars().take(40).collect::<String>())
    }
}

/// The name a regular page's address is made from: its file name without the extension,
/// or for a page folder's `index.md` the folder's name.
pub(super) fn page_name(p: &crate::content::Page) -> &str {
    let mut parts = p.source.rsplit('/');
    let file = parts.next().unwrap_or(&p.source);
    if p.in_own_folder {
        return parts.next().unwrap_or(file);
    }
    file.rsplit_once('.').map_or(file, |(s, _)| s)
}

pub(super) fn unnamable(file: PathBuf, name: &str, what: &str) -> Diagnostic {
    Diagnostic::error(
        "bad-name",
        file,
        format!("the {what} name `{name}` has no letters or digits, so it cannot be part of a web address"),
    )
    .hint(format!("rename the {what} with ordinary letters or digits, e.g. `knee-pain`"))
}
