//! File-name rules every stage shares: which names the loader, the theme and the watcher
//! skip, and how a name becomes the slug in a web address. A leaf module: it imports
//! nothing from the crate.

/// Whether the watcher and loader should skip this file name (hidden files, editor
/// swap and backup files).
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913"
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
    }
}
