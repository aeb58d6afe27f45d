//! File-name rules every stage shares: which names the loader, the theme and the watcher
//! skip, how a name becomes the slug in a web address, and recognising a text file saved
//! as UTF-16. A leaf module: it imports
//! nothing from the crate.

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

/// UTF-16 without a byte-order mark: text whose every other byte is NUL (a quarter of
/// the first 512 bytes or more, in the odd or the even places).
pub fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    if head.len() < 4 {
        return false;
    }
    let nul_at = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|(i, b)| i % 2 == parity && **b == 0)
            .count()
    };
    let half = head.len() / 2;
    let (even, odd) = (nul_at(0), nul_at(1));
    (odd * 4 >= half * 3 && even * 8 < half) || (even * 4 >= half * 3 && odd * 8 < half)
}

/// Turns text into a URL-safe slug: lowercase letters and digits joined by single hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else if c != '\'' && c != '’' {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("What causes it?"), "what-causes-it");
        assert_eq!(slugify("  Don't  panic -- ok "), "dont-panic-ok");
        assert_eq!(slugify("Ödem"), "ödem");
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
