//! The top menu in `site.yaml` (`menu:`): its items with their lines, checked for what
//! needs no addresses (the links are resolved with the site's others).

use crate::diagnostic::Diagnostic;
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One item of the top menu, from `menu:` in `site.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    /// The words shown in the menu.
    pub title: String,
    /// Where it goes: an `@/` link to a file or folder under `content/`.
    pub link: String,
    /// The item's line in `site.yaml`, for messages (found after parsing).
    #[serde(skip)]
    pub line: Option<usize>,
}

/// Finds each menu item's line and checks what can be checked without the site's
/// addresses: a non-empty list, titles, and links written as `@/` links to whole pages.
/// (Whether each link's file exists is checked when links are resolved.)
pub(super) fn check_menu(menu: &mut [MenuItem], text: &str, file: &Path) -> Vec<Diagnostic> {
    // Every line from the parser's positions: each item's `link`, or the item itself.
    let spans = yaml::Spans::of(text);
    let menu_line = spans.line("menu").unwrap_or(1).saturating_sub(1);
    if menu.is_empty() {
        return vec![Diagnostic::error("menu", file, "`menu` lists no items")
            .at_line(Some(menu_line + 1))
            .hint("list the menu's items (`- title: Contact us` with `link: \"@/contact.md\"` under it), or delete `menu:` to have the menu made from your pages")];
    }
    for (i, item) in menu.iter_mut().enumerate() {
        item.line = spans
            .line(&format!("menu[{i}].link"))
            .or_else(|| spans.line(&format!("menu[{i}]")));
    }
    let mut problems = Vec::new();
    for item in menu.iter() {
        let at = item.line.or(Some(menu_line + 1));
        if item.title.trim().is_empty() {
            problems.push(
                Diagnostic::error("menu", file, "a menu item has an empty `title`")
                    .at_line(at)
                    .hint("write the words the menu shows, e.g. `title: Contact us`"),
            );
        }
        let link = item.link.trim();
        if !link.starts_with("@/") {
            problems.push(Diagnostic::error(
                "menu",
                file,
                format!("the menu item \"{}\" links to `{link}`, which is not an `@/` link", item.title),
            )
            .at_line(at)
            .hint("menu links name a file or folder under `content/`, in quotes: `link: \"@/contact.md\"` or `link: \"@/conditions/\"`; `@/` alone is the home page"));
        } else if link.contains('#') {
            problems.push(
                Diagnostic::error(
                    "menu",
                    file,
                    format!(
                        "the menu item \"{}\" links to part of a page (`{link}`)",
                        item.title
                    ),
                )
                .at_line(at)
                .hint("menu items go to whole pages: remove the `#` and what follows it"),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use crate::config::SiteConfig;
    use crate::config::tests::cfg;
    use std::path::Path;

    #[test]
    fn menu_items_get_their_lines() {
        let c = cfg(
            "title: T\n# menu: a comment\nmenu:\n  - title: Home\n    link: \"@/\"\n  - { title: Again, link: \"@/\" }\n  - title: Contact\n    link: \"@/contact.md\"\n",
        );
        let lines: Vec<_> = c.menu.unwrap().iter().map(|i| i.line).collect();
        assert_eq!(lines, [Some(5), Some(6), Some(8)]);
        assert!(cfg("title: T\n").menu.is_none());
    }

    #[test]
    fn menu_mistakes_are_explained_on_their_line() {
        let err = |text: &str| {
            SiteConfig::parse(text, Path::new("site.yaml"))
                .unwrap_err()
                .remove(0)
        };
        let e = err("title: T\nmenu: []\n");
        assert_eq!((e.rule, e.line), ("menu", Some(2)));
        let e = err("title: T\nmenu:\n  - title: Contact\n    link: /contact/\n");
        assert_eq!(e.line, Some(4));
        assert!(e.message.contains("not an `@/` link"), "{}", e.message);
        let e = err("title: T\nmenu:\n  - title: Contact\n    link: \"@/contact.md#hours\"\n");
        assert_eq!(e.line, Some(4));
        let e = err("title: T\nmenu:\n  - title: \"\"\n    link: \"@/contact.md\"\n");
        assert_eq!(e.line, Some(4));
        let e = err("title: T\nmenu:\n  - title: Contact\n    links: \"@/contact.md\"\n");
        assert!(e.message.contains("links"), "{}", e.message);
    }
}
