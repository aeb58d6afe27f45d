//! What rendering a page needs from the site (`Env`) and what it gives the later
//! stages (`Rendered`: HTML, headings, links, shortcodes, images, text, problems).

use super::Shortcode;
use crate::diagnostic::Diagnostic;
use crate::link::LinkRef;
use crate::link::{Links, PageLinks, Target};

/// A heading of a rendered page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Its id attribute (the anchor).
    pub id: String,
    /// Its text.
    pub text: String,
    /// 1-based line in the file.
    pub line: usize,
}

/// An image or a link's text, with its line, for accessibility checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    /// Alt text or link text.
    pub text: String,
    /// Its destination.
    pub dest: String,
    /// 1-based line in the file.
    pub line: usize,
}

/// A page body rendered to HTML, with what later stages need to know about it.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Headings, in order.
    pub headings: Vec<Heading>,
    /// Internal (`@/`) links.
    pub links: Vec<LinkRef>,
    /// Shortcodes used (for backlinks).
    pub shortcodes: Vec<Shortcode>,
    /// Images with their alt text.
    pub images: Vec<Labelled>,
    /// Every link's text.
    pub link_texts: Vec<Labelled>,
    /// Body text without code and tables, one sentence-ending break per block.
    pub text: String,
    /// Problems.
    pub errors: Vec<Diagnostic>,
    /// Other ids on the page: footnotes' and those in raw HTML (anchors too).
    pub other_ids: Vec<String>,
}

/// Ids the theme's page templates put on every page: a heading or footnote never gets one.
pub const THEME_IDS: &[&str] = &["main"];

impl PageLinks for Rendered {
    fn links(&self) -> &[LinkRef] {
        &self.links
    }

    fn anchors(&self) -> Vec<&str> {
        self.headings
            .iter()
            .map(|h| h.id.as_str())
            .chain(self.other_ids.iter().map(String::as_str))
            .collect()
    }

    fn embeds(&self) -> Vec<Target> {
        self.shortcodes
            .iter()
            .map(|sc| match sc.name.as_str() {
                "exercise" => Target::Exercise(sc.args["id"].clone()),
                _ => Target::Planner(sc.args["program"].clone()),
            })
            .collect()
    }
}

/// Renders a shortcode to HTML, or says why it cannot: (message, hint).
pub type ShortcodeFn<'a> = dyn Fn(&Shortcode) -> Result<String, (String, String)> + Sync + 'a;

/// What rendering a page needs from the rest of the site.
pub struct Env<'a> {
    /// Checks and resolves every address the page carries.
    pub links: Links<'a>,
    /// The page's own output path, e.g. `conditions/knee/`.
    pub page_path: &'a str,
    /// The folder of the page's file under `content/` (`conditions` for
    /// `content/conditions/knee.md`): relative addresses start there.
    pub dir: &'a str,
    /// Keep the page's plain text in `Rendered::text` (for readability checks) and its
    /// images and link texts (`Rendered::images`, `link_texts`, for accessibility checks).
    pub collect_text: bool,
    /// Renders a shortcode to HTML, or explains why it cannot (message, hint).
    pub shortcode: &'a ShortcodeFn<'a>,
    /// The name of a table's scrolling region when no heading names it, in the page's
    /// language, with `{number}` for the table's number on the page (`Table {number}`;
    /// HTML text, as the string tables hold it).
    pub table_label: &'a str,
}
