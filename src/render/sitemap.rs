//! `sitemap.xml`, `robots.txt` and `site-address.css`: the files made from the site's
//! full address.

use crate::content::Content;
use crate::link::{Target, UrlMap};

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// `sitemap.xml`: the full address of every page and listing (percent-encoded), with
/// the page's review date as `<lastmod>`. Only made when `base_url` is a full address.
/// `translated(path)` says whether a generated page is an exercise or planner page in
/// another language, listed like the default language's.
pub(crate) fn sitemap(c: &Content, urls: &UrlMap, translated: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, target) in urls.paths() {
        match target {
            Target::Asset(_) => continue,
            Target::Generated if !translated(path) => continue,
            _ => {}
        }
        let Some(full) = c.config.absolute_url(path) else {
            continue;
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

/// `robots.txt`: everything allowed, and the sitemap's full address when there is one.
pub(crate) fn robots(c: &Content) -> String {
    let mut s = String::from("User-agent: *\nAllow: /\n");
    if let Some(sitemap) = c.config.absolute_url("sitemap.xml") {
        s.push_str(&format!("Sitemap: {sitemap}\n"));
    }
    s
}

/// The output path of the stylesheet that gives printed pages the site's address.
pub(crate) const SITE_ADDRESS_CSS: &str = "site-address.css";

/// `site-address.css`, made only when `base_url` is a full address: the scheme and host
/// of the site (`https://clinic.example` for `base_url: https://clinic.example/p/`) as
/// the CSS string `--site-origin`. A page links it for print only (`base.html`), and
/// `style.css`'s print rules put it before the address of each link to one of the
/// site's own pages (`/p/knee/`, as the build writes them), so a printed sheet reads
/// "Knee pain (https://clinic.example/p/knee/)". Without the file the variable is unset
/// and nothing is printed after such links: never a wrong address. `None` when
/// `base_url` is only a path.
pub(crate) fn site_address_css(config: &crate::config::SiteConfig) -> Option<String> {
    let base = config.absolute_base()?;
    let path = config.base_path();
    // Never a wrong address: an origin that cannot be told apart from the path gives
    // no file.
    let origin = base.strip_suffix(path.as_str())?;
    // `check_base_url` refuses backslashes and line breaks; a quote is escaped anyway.
    let origin = origin.replace('\\', "\\\\").replace('"', "\\\"");
    Some(format!(
        "/* Made by sinew from base_url in site.yaml: printed pages give this address before\n   \
         each link to one of the site's own pages (style.css, @media print). */\n\
         :root {{ --site-origin: \"{origin}\"; }}\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;

    fn content(yaml: &str) -> SiteConfig {
        SiteConfig::parse(yaml, std::path::Path::new("site.yaml")).unwrap()
    }

    #[test]
    fn the_site_address_is_the_origin_of_a_full_base_url() {
        let css = site_address_css(&content("title: T\nbase_url: https://c.example/p/\n")).unwrap();
        assert!(
            css.ends_with(":root { --site-origin: \"https://c.example\"; }\n"),
            "{css}"
        );
        let css = site_address_css(&content("title: T\nbase_url: https://c.example\n")).unwrap();
        assert!(
            css.contains("--site-origin: \"https://c.example\";"),
            "{css}"
        );
    }

    #[test]
    fn no_site_address_without_a_full_base_url() {
        assert_eq!(
            site_address_css(&content("title: T\nbase_url: /p/\n")),
            None
        );
        assert_eq!(site_address_css(&content("title: T\n")), None);
    }
}
