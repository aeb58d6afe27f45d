//! Reading a page's tags for their attributes, one pass over the bytes (comments,
//! scripts and styles skipped), and which attributes hold an address.

/// One attribute of a tag: its name and its value (quotes removed), as slices of the
/// page, with the value's byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribute<'h> {
    /// The attribute's name as written.
    pub name: &'h str,
    /// Its value, as written (entities not decoded).
    pub value: &'h str,
    /// Where the value starts in the text.
    pub offset: usize,
}

/// Every attribute of every tag in `html`, in order, outside comments and outside the
/// text of `<script>` and `<style>` elements (their own attributes are included).
pub fn attributes(html: &str) -> Vec<Attribute<'_>> {
    let mut out = Vec::new();
    each_attribute(html, &mut |a| out.push(a), &mut |_| {});
    out
}

/// Calls `f` with every attribute of every tag, and `json` with the text of every
/// `<script type="application/json">` (the data a page's script reads).
pub(super) fn each_attribute<'h>(
    html: &'h str,
    f: &mut dyn FnMut(Attribute<'h>),
    json: &mut dyn FnMut(&'h str),
) {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &b[i..]) {
        let start = i + lt + 1;
        i = start;
        // The first byte alone first: a call to compare three bytes at every tag
        // showed in the profile.
        if b.get(start) == Some(&b'!') && b[start..].starts_with(b"!--") {
            i = memchr::memmem::find(&b[start..], b"-->").map_or(b.len(), |e| start + e + 3);
            continue;
        }
        let name_end = start
            + b[start..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
                .count();
        if name_end == start || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let tag = &html[start..name_end];
        let script = tag.eq_ignore_ascii_case("script");
        let mut is_json = false;
        i = tag_attributes(html, name_end, &mut |a| {
            is_json |= script
                && a.name.eq_ignore_ascii_case("type")
                && a.value.eq_ignore_ascii_case("application/json");
            f(a)
        });
        let raw_text = script || tag.eq_ignore_ascii_case("style");
        if raw_text && b.get(i.saturating_sub(2)) != Some(&b'/') {
            // Skip to the closing tag: JSON or code may hold `<a href=...>` as text.
            let close = if script { "</script" } else { "</style" };
            let end = find_ignore_case(&html[i..], close).map_or(b.len(), |e| i + e);
            if is_json {
                json(&html[i..end]);
            }
            i = end;
        }
    }
}

/// Reads the attributes of a tag from `i` (just after its name) to its `>`; returns the
/// offset after the `>`.
pub(super) fn tag_attributes<'h>(
    html: &'h str,
    mut i: usize,
    f: &mut dyn FnMut(Attribute<'h>),
) -> usize {
    let b = html.as_bytes();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return i;
        }
        if b[i] == b'>' {
            return i + 1;
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = &html[name_start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            if name.is_empty() {
                i += 1;
            }
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let (start, end, next) = match b.get(i) {
            Some(q @ (b'"' | b'\'')) => {
                // Values are short: a plain loop beats setting up a `str::find`.
                let end = b[i + 1..]
                    .iter()
                    .position(|c| c == q)
                    .map_or(b.len(), |e| i + 1 + e);
                (i + 1, end, (end + 1).min(b.len()))
            }
            _ => {
                let end = i + b[i..]
                    .iter()
                    .take_while(|c| !c.is_ascii_whitespace() && **c != b'>')
                    .count();
                (i, end, end)
            }
        };
        f(Attribute {
            name,
            value: &html[start..end],
            offset: start,
        });
        i = next;
    }
}

pub(super) fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    // Every needle here starts with `<`, which `find` looks for at memchr's speed.
    let n = needle.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'<', &hay.as_bytes()[from..]) {
        let at = from + i;
        if hay.as_bytes()[at..]
            .get(..n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Whether the attribute `name` holds an address that is checked, given its `value`:
/// `href`, `src`, `srcset`, `poster`, `action`, `formaction`, an `<object>`'s `data` and
/// SVG's `xlink:href` always; a `data-*` one only when its value is a path (`/...`,
/// `./...`, `../...`).
pub(super) fn holds_address(name: &str, value: &str) -> bool {
    let always: &[&str] = match name.len() {
        3 => &["src"],
        4 => &["href", "data"],
        6 => &["srcset", "poster", "action"],
        10 => &["formaction", "xlink:href"],
        _ => &[],
    };
    if always.iter().any(|a| name.eq_ignore_ascii_case(a)) {
        return true;
    }
    name.len() > 5
        && name[..5].eq_ignore_ascii_case("data-")
        && (value.starts_with('/') && !value.starts_with("//")
            || value.starts_with("./")
            || value.starts_with("../"))
}
