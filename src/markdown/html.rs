//! What the Markdown renderer checks in raw HTML and in text that did not become
//! Markdown: `href`/`src` addresses in HTML written inside a page, `id`s it adds, a
//! `<!--` comment that is never closed, and a link whose address has a space (which
//! Markdown shows as plain text).

/// One `href="..."`, `src="..."` or `id="..."` attribute in raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    /// `href`, `src` or `id`, lower-case.
    pub name: &'static str,
    /// The value as written.
    pub value: String,
    /// Byte range of the value in the HTML.
    pub range: std::ops::Range<usize>,
}

/// The `href`, `src` and `id` attributes of the tags in `html`, quoted with `"` or `'`
/// or not quoted.
pub fn attributes(html: &str) -> Vec<Attr> {
    let lower = html.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut out = Vec::new();
    for name in ["href", "src", "id"] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(name) {
            let at = from + i;
            from = at + name.len();
            // A whole attribute name: preceded by a space, followed by `=` and a quote.
            if at == 0 || !bytes[at - 1].is_ascii_whitespace() {
                continue;
            }
            let mut j = at + name.len();
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            if bytes.get(j) != Some(&b'=') {
                continue;
            }
            j += 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let (start, len) = match bytes.get(j) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let Some(len) = lower[j + 1..].find(quote as char) else {
                        continue;
                    };
                    (j + 1, len)
                }
                // Unquoted (`<img src=knee.png>`), as HTML allows: up to a space or the
                // tag's end, as a browser reads it (else it went unchecked here and the
                // rendered page's scan blamed a template for it).
                Some(c) if !c.is_ascii_whitespace() && *c != b'>' => {
                    let len = bytes[j..]
                        .iter()
                        .position(|c| c.is_ascii_whitespace() || *c == b'>')
                        .unwrap_or(bytes.len() - j);
                    (j, len)
                }
                _ => continue,
            };
            out.push(Attr {
                name,
                value: html[start..start + len].to_string(),
                range: start..start + len,
            });
            from = start + len;
        }
    }
    out.sort_by_key(|a| a.range.start);
    out
}

/// The address of a `[text](address)` that Markdown left as text because the address
/// has a space: (offset of `](` in `text`, the address).
#[cfg(test)]
fn spaced_link(text: &str) -> Option<(usize, String)> {
    spaced_links(text).into_iter().next()
}

/// Every `[text](address)` Markdown left as text because the address has a space or a
/// line break in it, as [`spaced_link`] finds the first.
pub(super) fn spaced_links(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("](") {
        let at = from + i;
        from = at + 2;
        let rest = &text[at + 2..];
        let Some(end) = rest.find(')') else { continue };
        let dest = rest[..end].trim();
        let external = dest.contains("://") || dest.starts_with("mailto:");
        if dest.contains(char::is_whitespace)
            && !external
            && !dest.starts_with('<')
            && !dest.contains('"')
        {
            out.push((at, dest.to_string()));
        }
    }
    out
}

/// Where an `@/` address stands in text Markdown left as it is (`[a] (@/x.md)`,
/// `[a](@/x.md` without its `)`): `@/` after `(` or `<` is only ever link syntax. The
/// offset of the `(` or `<`.
pub(super) fn stray_source_links(text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = ["(@/", "<@/"]
        .iter()
        .flat_map(|p| text.match_indices(p).map(|(i, _)| i))
        .collect();
    out.sort_unstable();
    out
}

/// A reference link (`[text][name]` or `[text][]`) or a footnote (`[^name]`) that
/// Markdown left as text because nothing defines it: (offset, what was written, the
/// name, whether it is a footnote).
pub(super) fn undefined_reference(text: &str) -> Option<(usize, String, String, bool)> {
    if let Some(at) = text.find("[^") {
        let rest = &text[at + 2..];
        if let Some(end) = rest.find(']')
            && end > 0
            && !rest[..end].contains([' ', '['])
        {
            let name = &rest[..end];
            return Some((at, format!("[^{name}]"), name.to_string(), true));
        }
    }
    let mut from = 0;
    while let Some(i) = text[from..].find("][") {
        let mid = from + i;
        from = mid + 2;
        let Some(open) = text[..mid].rfind('[') else {
            continue;
        };
        let Some(close) = text[mid + 2..].find(']') else {
            continue;
        };
        let label = &text[mid + 2..mid + 2 + close];
        let name = if label.is_empty() {
            &text[open + 1..mid]
        } else {
            label
        };
        if name.is_empty() || label.contains('[') {
            continue;
        }
        let written = &text[open..mid + 3 + close];
        return Some((open, written.to_string(), name.to_string(), false));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_attributes() {
        let a = attributes(r#"<a HREF="/x/" class=y id='top'><img src = "p.png" data-src="no">"#);
        let got: Vec<(&str, &str)> = a.iter().map(|a| (a.name, a.value.as_str())).collect();
        assert_eq!(got, vec![("href", "/x/"), ("id", "top"), ("src", "p.png")]);
        // Unquoted values, as HTML allows them, end at a space or the tag's end.
        let html = "<img src=knee.png alt=x><a href=@/pacing.md>p</a><img id=top>";
        let a = attributes(html);
        let got: Vec<(&str, &str)> = a.iter().map(|a| (a.name, a.value.as_str())).collect();
        assert_eq!(
            got,
            vec![("src", "knee.png"), ("href", "@/pacing.md"), ("id", "top")]
        );
        assert_eq!(&html[a[0].range.clone()], "knee.png");
    }

    #[test]
    fn finds_undefined_references() {
        assert_eq!(
            undefined_reference("read [pacing][pace-ref] now"),
            Some((5, "[pacing][pace-ref]".into(), "pace-ref".into(), false))
        );
        assert_eq!(
            undefined_reference("a claim[^src] here"),
            Some((7, "[^src]".into(), "src".into(), true))
        );
        assert_eq!(undefined_reference("plain [sic] text"), None);
    }

    #[test]
    fn finds_links_with_spaces() {
        assert_eq!(
            spaced_link("see [about pacing](@/pacing .md) now"),
            Some((17, "@/pacing .md".into()))
        );
        assert_eq!(spaced_link("a [b](c) d"), None);
        assert_eq!(
            spaced_link("[about\npacing](@/pacing\n.md)"),
            Some((13, "@/pacing\n.md".into()))
        );
        assert_eq!(
            spaced_links("[a](@/b c) and [d](@/e\nf)"),
            vec![(2, "@/b c".into()), (17, "@/e\nf".into())]
        );
        assert_eq!(
            stray_source_links("[about] (@/pacing.md) <@/x.md>"),
            vec![8, 22]
        );
        assert!(stray_source_links("see (the page) and <b>").is_empty());
        assert_eq!(spaced_link("f(x) = [a](b c \"title\")"), None);
    }
}
