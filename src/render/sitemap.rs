//! `sitemap.xml` and `robots.txt`.

use crate::content::Content;
use crate::link::{Target, UrlMap};

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// `translated(path)` says whether a generated page is an exercise or planner page in
/// another language, listed like the default language's.
pub(crate) fn sitemap(
    c: &Content,
    urls: &UrlMap,
    url: &dyn Fn(&str) -> String,
    translated: &dyn Fn(&str) -> bool,
) -> String {
    let abs = c
        .config
        .absolute_base()
        .map(|b| b.trim_end_matches('/').to_string());
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, target) in urls.paths() {
        match target {
            Target::Asset(_) => continue,
            Target::Generated if !translated(path) => continue,
            _ => {}
        }
        let u = url(path);
        let full = match &abs {
            Some(a) => format!("{a}{}", &u[c.config.base_path().len() - 1..]),
            None => u,
        };
        out.push_str("  <url><loc>");
        out.push_str(&xml_escape(&full));
        out.push_str("</loc>");
        if let Target::Page(i) = target
            && let Some(d) = c.pages[*i].reviewed
        {
            out.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

pub(crate) fn robots(c: &Content) -> String {
    let mut s = String::from("User-agent: *\nAllow: /\n");
    if let Some(b) = c.config.absolute_base() {
        s.push_str(&format!("Sitemap: {b}sitemap.xml\n"));
    }
    s
}
