//! `sinew check --previous`: addresses a previous version of the site published that
//! now lead nowhere (no page, no file and no alias), because printed handouts, QR codes
//! and bookmarks still point at them.
//!
//! The caller reads the previous site (a folder of files, or its `sitemap.xml`); this
//! module compares addresses only.

use crate::diagnostic::{Diagnostic, did_you_mean};
use std::collections::BTreeSet;

/// An output file's address relative to the base: `a/index.html` is `a/`, the home
/// page's `index.html` is the empty string, anything else is its path.
pub fn address_of(file: &str) -> String {
    let file = file.trim_start_matches('/');
    if file == "index.html" {
        String::new()
    } else if let Some(dir) = file.strip_suffix("/index.html") {
        format!("{dir}/")
    } else {
        file.to_string()
    }
}

/// The addresses (relative to the base) of a `sitemap.xml`'s `<loc>` entries. Each
/// `<loc>` is a full address; the part after `base_path` (e.g. `/patients/`) is kept,
/// and an address outside it is kept whole so it is still reported.
pub fn sitemap_addresses(xml: &str, base_path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<loc>") {
        let after = &rest[i + 5..];
        let Some(j) = after.find("</loc>") else { break };
        let loc = after[..j]
            .trim()
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
        let path = match loc.find("://") {
            Some(k) => loc[k + 3..]
                .find('/')
                .map_or("/".to_string(), |s| loc[k + 3 + s..].to_string()),
            None => loc.clone(),
        };
        let path = path.split(['#', '?']).next().unwrap_or("").to_string();
        out.push(match path.strip_prefix(base_path) {
            Some(rel) => address_of(rel),
            None => path,
        });
        rest = &after[j..];
    }
    out
}

/// `gone-address`: every address of `previous` that the new site (`files`, its output
/// paths) no longer publishes. `shown` names the previous site in messages. Files in
/// the folders sinew keeps for itself ([`crate::link::RESERVED_FOLDERS`]) are not
/// addresses anyone holds: the search index's files are named after their contents
/// and change with every edit.
pub fn gone(previous: &[String], files: &[&str], shown: &str) -> Vec<Diagnostic> {
    let now: BTreeSet<String> = files.iter().map(|f| address_of(f)).collect();
    let pages: Vec<&str> = now
        .iter()
        .filter(|a| a.is_empty() || a.ends_with('/'))
        .map(String::as_str)
        .collect();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for addr in previous {
        let top = addr.split('/').next().unwrap_or_default();
        let sinews = crate::link::RESERVED_FOLDERS
            .iter()
            .any(|(f, _)| *f == top && addr.len() > top.len());
        if now.contains(addr) || sinews || !seen.insert(addr) {
            continue;
        }
        let shown_addr = format!("/{addr}");
        let message = format!(
            "`{shown_addr}` was published in the previous site ({shown}) and now leads \
             nowhere: printed handouts, QR codes and bookmarks with it will show \"page not found\""
        );
        let last = addr.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        let guess = pages
            .iter()
            .filter(|p| p.trim_end_matches('/').rsplit('/').next() == Some(last))
            .map(|p| p.to_string())
            .next()
            .or_else(|| did_you_mean(addr, pages.iter().copied()).map(str::to_string));
        let to = match guess {
            Some(p) => format!("the page now at `/{p}`"),
            None => "the page that replaced it".to_string(),
        };
        let hint = format!(
            "if the page moved, add `aliases: [\"{shown_addr}\"]` to the front matter of {to}, \
             so the old address sends readers there; if it was removed on purpose, ask \
             whether patients may still hold it on paper"
        );
        out.push(Diagnostic::warning("gone-address", shown, message).hint(hint));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_of_files() {
        assert_eq!(address_of("index.html"), "");
        assert_eq!(address_of("conditions/knee/index.html"), "conditions/knee/");
        assert_eq!(address_of("404.html"), "404.html");
    }

    #[test]
    fn reads_a_sitemap_under_its_base() {
        let xml = "<urlset><url><loc>https://c.example/patients/</loc></url>\
                   <url><loc>https://c.example/patients/a/b/</loc></url>\
                   <url><loc>https://c.example/elsewhere/?x=1&amp;y=2</loc></url></urlset>";
        assert_eq!(
            sitemap_addresses(xml, "/patients/"),
            ["", "a/b/", "/elsewhere/"]
        );
    }

    #[test]
    fn reports_what_is_gone_once_with_a_guess() {
        let prev: Vec<String> = ["", "knee/", "knee/", "old.pdf"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let d = gone(&prev, &["index.html", "conditions/knee/index.html"], "old");
        assert_eq!(d.len(), 2);
        assert!(d[0].message.contains("`/knee/`"), "{}", d[0].message);
        assert!(
            d[0].hint
                .as_deref()
                .unwrap()
                .contains("now at `/conditions/knee/`"),
            "{:?}",
            d[0].hint
        );
        assert!(d[1].message.contains("`/old.pdf`"));
    }

    #[test]
    fn the_search_indexs_own_files_are_never_gone() {
        let prev: Vec<String> = ["pagefind/fragment/en_1.pf_fragment", "pagefind-notes/"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let d = gone(&prev, &["index.html"], "old");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("`/pagefind-notes/`"));
    }
}
