//! File-name rules every stage shares: which names the loader, the theme and the watcher
//! skip, and how a name becomes the slug in a web address; which names are a copy's
//! (`copy`). A leaf module: it imports nothing from the crate.

mod copy;

pub use copy::{original_ends, original_name};

/// Files that operating systems and office programs leave beside documents: never
/// published (a thumbnail cache can hold pictures of deleted files; a lock file holds
/// the editor's name). Compared without regard to case. Listed in
/// docs/content-format.md ("Files that are never published").
pub const JUNK_NAMES: &[&str] = &[
    "thumbs.db",
    "ehthumbs.db",
    "ehthumbs_vista.db",
    "desktop.ini",
    "icon\r",
    "__macosx",
    "$recycle.bin",
    "system volume information",
];

/// Whether the watcher and loader should skip this file or folder name: hidden files
/// (`.DS_Store`, `._picture.jpg`, `.~lock.leaflet.docx#`), editor swap and backup
/// files, office lock files (`~$leaflet.docx`), downloads in progress and the
/// operating systems' [`JUNK_NAMES`].
pub fn is_ignored_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    JUNK_NAMES.contains(&lower.as_str())
        || name.starts_with("~$")
        || lower.ends_with(".crdownload")
        || lower.ends_with(".partial")
        || name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || lower.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913"
}

/// The most bytes a file or folder name may have on the file systems sites are
/// published to (ext4, NTFS, APFS).
pub const MAX_NAME_BYTES: usize = 255;

/// The longest path a published file may have inside the output folder, in bytes
/// (`conditions/knee/index.html` is 26). Windows tools and Explorer's zip extraction
/// refuse a whole path over 260 characters (`MAX_PATH`, the drive and the final NUL
/// included); 200 leaves 59 for the folder the site is copied or unzipped into
/// (`C:\Users\reception\Documents\clinic-site\public\` is 45). Bytes are counted,
/// which is never fewer than Windows' UTF-16 units, so an accented name errs on the
/// safe side. docs/content-format.md says why.
pub const MAX_PATH_BYTES: usize = 200;

/// Why the output file `path` (relative to the output folder, `a/b/index.html`) cannot
/// be published everywhere because the whole path is too long, or `None`.
pub fn path_too_long(path: &str) -> Option<String> {
    (path.len() > MAX_PATH_BYTES).then(|| {
        format!(
            "its file in the published site, `{}...`, would be {} bytes long with its folders, and Windows computers and zip tools cannot hold a path over {MAX_PATH_BYTES}",
            path.chars().take(40).collect::<String>(),
            path.len()
        )
    })
}

/// Why a name in the output cannot be written everywhere a site is published or
/// copied (a Windows host, a zip upload), or `None` when it can.
pub fn unwritable(name: &str) -> Option<String> {
    if name.len() > MAX_NAME_BYTES {
        let short: String = name.chars().take(30).collect();
        return Some(format!(
            "the name `{short}...` is {} bytes long, and file systems hold names of at most {MAX_NAME_BYTES}",
            name.len()
        ));
    }
    let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    let reserved = matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || ((stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit()
            && stem.as_bytes()[3] != b'0');
    if reserved {
        return Some(format!(
            "`{stem}` is a name Windows keeps for a device, so Windows hosts and zip files cannot hold it"
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*'))
    {
        return Some(format!(
            "the name `{name}` has the character `{c}`, which Windows hosts and zip files cannot hold"
        ));
    }
    if name.contains('%') {
        return Some(format!(
            "the name `{name}` has a `%`, which a web server reads with the two characters \
             after it as a code for another character (`%20` is a space), so its address \
             could never be opened"
        ));
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some(format!(
            "the name `{name}` ends with a dot or a space, which Windows drops"
        ));
    }
    None
}

/// A name with accents taken off, the same whether its letters were typed whole (`é`,
/// NFC) or as a letter and a combining accent (`e` + U+0301, NFD, as macOS writes
/// some names): two different names with the same key are the same name to some file
/// systems and to a web server on others.
pub fn normalisation_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            // A combining accent: drop it and the letter it sits on.
            out.pop();
        } else if c.is_ascii() {
            out.push(c);
        }
        // A whole accented letter is dropped too, so `é` and `e`+U+0301 agree.
    }
    out
}

/// `name` as a host that ignores case finds it (Windows, macOS): lower-case, in Unicode
/// NFC, so `Knee.JPG` and `knee.jpg`, or `Café` typed whole and with a combining accent,
/// are one name.
pub fn case_key(name: &str) -> String {
    nfc(&name.to_lowercase()).into_owned()
}

/// Whether `name` has a combining accent (U+0300 to U+036F).
pub fn has_combining_mark(name: &str) -> bool {
    name.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c))
}

/// `text` in Unicode Normalization Form C: a letter and a separate combining accent
/// (`e` + U+0301, as macOS writes file names) made the one precomposed letter (`é`), as
/// a keyboard types it. `text` itself (no copy) when it already is: ASCII, and nearly
/// every name typed anywhere.
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    }
}

/// Turns text into a URL-safe slug: lowercase letters and digits joined by single hyphens.
/// The text is made NFC first ([`nfc`]), so `café` gives `café` whether its `é` was
/// typed whole or as `e` and a combining accent.
pub fn slugify(text: &str) -> String {
    if text.is_ascii() {
        return slugify_ascii(text);
    }
    let text = nfc(text);
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        // ASCII (nearly every character of a title) without the Unicode tables, which
        // give the same answers for it.
        let alphanumeric = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if alphanumeric {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else if c != '\'' && c != '’' {
            dash = true;
        }
    }
    out
}

/// [`slugify`] of ASCII text (nearly every title, tag and heading), a byte at a time:
/// the same slug as the loop over characters, which cost about 600 instructions a slug
/// (decoding each character, pushing each as UTF-8); a 10,000-page build makes 150,000
/// slugs (bench/RESULTS.md, twelfth pass).
fn slugify_ascii(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    let mut dash = false;
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push(b'-');
            }
            dash = false;
            out.push(b.to_ascii_lowercase());
        } else if b != b'\'' {
            dash = true;
        }
    }
    String::from_utf8(out).expect("ASCII letters, digits and hyphens")
}

/// The id to suggest for a file or page name that cannot be one: `text` as [`slugify`]
/// makes it, with letters' accents taken off (`elevación-de-talón` becomes
/// `elevacion-de-talon`, `ñ` becomes `n`, `ß` `ss`) and any other letter without an
/// English form left out, so it holds only `a`-`z`, `0`-`9` and single hyphens, as an
/// exercise's or ladder's id must. Empty when nothing of `text` is left.
pub fn ascii_id(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let slug = slugify(text);
    let mut out = String::with_capacity(slug.len());
    let mut dash = false;
    for c in slug.nfd() {
        match c {
            'a'..='z' | '0'..='9' => {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(c);
            }
            'ß' => {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push_str("ss");
            }
            // An accent on the letter before it (NFD writes `ó` as `o` and U+0301).
            '\u{300}'..='\u{36f}' => {}
            _ => dash = true,
        }
    }
    out
}

/// The hint of two or more files that write the same address (`url-collision`): what
/// each name lost or changed on its way to the address (an emoji or other sign left out,
/// capitals made small, spaces made dashes), so the clinic sees why `pacing-💪.md` and
/// `pacing.md` clash, then how to fix it.
pub fn collision_hint(files: &[&std::path::PathBuf]) -> String {
    let mut changes = Vec::new();
    for file in files {
        // Only the names of pages, exercises and ladders are made into addresses: a file of
        // `static/` keeps its own, and an alias is named with the page that has it.
        let page = file
            .extension()
            .is_some_and(|x| x == "md" || x == "yaml" || x == "yml");
        if !file.starts_with("content") || !page {
            continue;
        }
        let parts: Vec<String> = file
            .iter()
            .skip(1)
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let last = parts.len().saturating_sub(1);
        let mut said = Vec::new();
        let mut left_out = String::new();
        let (mut capitals, mut dashes) = (false, false);
        for (i, part) in parts.iter().enumerate() {
            // A page's name without its ending and its language (`knee.es.md`).
            let name = if i == last {
                let stem = part.rsplit_once('.').map_or(part.as_str(), |(s, _)| s);
                match stem.rsplit_once('.') {
                    Some((s, lang)) if (2..=3).contains(&lang.len()) => s,
                    _ => stem,
                }
            } else {
                part.as_str()
            };
            for c in name.chars() {
                if c.is_alphanumeric() {
                    capitals |= c.to_lowercase().ne(std::iter::once(c));
                } else if matches!(c, ' ' | '_' | '.') {
                    dashes = true;
                } else if c != '-' && !left_out.contains(c) {
                    left_out.push(c);
                }
            }
        }
        if !left_out.is_empty() {
            said.push(format!("`{left_out}` is left out"));
        }
        if capitals {
            said.push("capitals become small letters".to_string());
        }
        if dashes {
            said.push("spaces, `_` and `.` become `-`".to_string());
        }
        if !said.is_empty() {
            changes.push(format!("in `{}` {}", file.display(), said.join(", ")));
        }
    }
    let why = if changes.is_empty() {
        String::new()
    } else {
        format!(
            "an address keeps only the letters and digits of a name, with `-` between \
             words: {}; ",
            changes.join("; ")
        )
    };
    format!("{why}rename one of the files (or folders) so each page has its own address")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_collision_says_what_each_name_lost() {
        use std::path::PathBuf;
        let emoji = PathBuf::from("content/pacing-💪.md");
        let plain = PathBuf::from("content/pacing.md");
        assert_eq!(
            collision_hint(&[&emoji, &plain]),
            "an address keeps only the letters and digits of a name, with `-` between words: \
             in `content/pacing-💪.md` `💪` is left out; rename one of the files (or folders) \
             so each page has its own address"
        );
        let spaced = PathBuf::from("content/Knee Pain/index.es.md");
        assert!(
            collision_hint(&[&spaced, &plain]).contains(
                "in `content/Knee Pain/index.es.md` capitals become small letters, spaces, \
                 `_` and `.` become `-`; rename"
            ),
            "{}",
            collision_hint(&[&spaced, &plain])
        );
        assert_eq!(
            collision_hint(&[&plain, &plain]),
            "rename one of the files (or folders) so each page has its own address"
        );
    }

    #[test]
    fn unwritable_names() {
        assert!(unwritable("knee").is_none());
        assert!(unwritable("console").is_none());
        assert!(unwritable(&"a".repeat(256)).is_some());
        for bad in [
            "con", "AUX", "nul.txt", "com1", "LPT9.pdf", "a:b", "x.", "a%2fb", "50%.pdf",
        ] {
            assert!(unwritable(bad).is_some(), "{bad}");
        }
        assert!(unwritable("com0").is_none());
        assert_eq!(
            normalisation_key("caf\u{e9}"),
            normalisation_key("cafe\u{301}")
        );
        assert_ne!(normalisation_key("cafe"), normalisation_key("cafe\u{301}"));
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("What causes it?"), "what-causes-it");
        assert_eq!(slugify("  Don't  panic -- ok "), "dont-panic-ok");
        assert_eq!(slugify("Ödem"), "ödem");
        assert_eq!(slugify("Ödem KNEE-Übung 2"), "ödem-knee-übung-2");
    }

    #[test]
    fn a_combining_accent_gives_the_same_slug_as_the_whole_letter() {
        // `e` + U+0301 (as macOS writes names) and the precomposed `é`.
        assert_eq!(slugify("cafe\u{301}"), "café");
        assert_eq!(slugify("cafe\u{301} knee"), slugify("caf\u{e9} knee"));
        assert_eq!(slugify("U\u{308}bung"), "übung");
        assert_eq!(nfc("cafe\u{301}"), "caf\u{e9}");
        assert!(matches!(nfc("caf\u{e9}"), std::borrow::Cow::Borrowed(_)));
        assert!(matches!(nfc("plain"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn slugs_of_ascii_as_the_unicode_tables_make_them() {
        // `slugify` reads ASCII without the Unicode tables: the same slug either way.
        for b in 0u8..128 {
            let c = char::from(b);
            let text = format!("a{c}b{c}");
            let expected: String = {
                let mut out = String::new();
                let mut dash = false;
                for c in text.chars() {
                    if c.is_alphanumeric() {
                        if dash && !out.is_empty() {
                            out.push('-');
                        }
                        dash = false;
                        out.extend(c.to_lowercase());
                    } else if c != '\'' {
                        dash = true;
                    }
                }
                out
            };
            assert_eq!(slugify(&text), expected, "{c:?}");
        }
    }

    #[test]
    fn ignored_names() {
        assert!(is_ignored_name(".page.md.swp"));
        assert!(is_ignored_name("page.md~"));
        assert!(is_ignored_name("#page.md#"));
        assert!(!is_ignored_name("page.md"));
        for junk in [
            "Thumbs.db",
            "desktop.ini",
            ".DS_Store",
            "~$leaflet.docx",
            ".~lock.leaflet.docx#",
            "scan.TMP",
            "ehthumbs.db",
            "Icon\r",
            "__MACOSX",
            "._knee.jpg",
        ] {
            assert!(is_ignored_name(junk), "{junk:?}");
        }
        assert!(!is_ignored_name("Icon.png") && !is_ignored_name("thumbs.png"));
    }
}
