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

/// ASCII whitespace, as `u8::is_ascii_whitespace` (a class of `CLASS`).
const WS: u8 = 1;
/// What ends an attribute's name: whitespace, `=`, `>`, `/`.
const NAME_END: u8 = 2;
/// What a tag's name is made of: ASCII letters and digits, `-`.
const TAG_NAME: u8 = 4;
/// The classes of each byte, looked up once a byte: the tests they replace (one call and
/// several compares each) were most of the reader's instructions.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_whitespace() {
            t[b] |= WS | NAME_END;
        }
        if matches!(c, b'=' | b'>' | b'/') {
            t[b] |= NAME_END;
        }
        if c.is_ascii_alphanumeric() || c == b'-' {
            t[b] |= TAG_NAME;
        }
        b += 1;
    }
    t
};

/// Whether byte `b` is of `class`.
#[inline]
fn is(b: u8, class: u8) -> bool {
    CLASS[b as usize] & class != 0
}

/// The offset of the first byte `q` in `b` at or after `i`, or `b.len()`: eight bytes
/// at a time in a `u64` (the classic "has a zero byte" test on the bytes XORed with `q`,
/// whose lowest flagged byte is always a true match), as most runs are short.
#[inline]
fn find_byte(b: &[u8], mut i: usize, q: u8) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let pattern = ONES * u64::from(q);
    while let Some(word) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(word.try_into().expect("eight bytes")) ^ pattern;
        let found = x.wrapping_sub(ONES) & !x & HIGHS;
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i] != q {
        i += 1;
    }
    i
}

/// The offset of the next `<` at or after `i`: the next eight bytes in one word first
/// (`find_byte`), since nearly half of all tags follow the one before with nothing or a
/// line break between, then `memchr` for the rest.
#[inline]
fn next_lt(b: &[u8], i: usize) -> Option<usize> {
    let Some(word) = b.get(i..i + 8) else {
        let j = find_byte(b, i, b'<');
        return (j < b.len()).then_some(j);
    };
    let j = find_byte(word, 0, b'<');
    if j < 8 {
        return Some(i + j);
    }
    memchr::memchr(b'<', &b[i + 8..]).map(|k| i + 8 + k)
}

/// Calls `f` with every attribute of every tag, and `json` with the text of every
/// `<script type="application/json">` (the data a page's script reads).
///
/// This reads every byte of every page the build writes (82 MB at 10,000 pages), so
/// it is written for speed: bytes classed by one table lookup (`CLASS`), the next `<`
/// and the end of a quoted value found eight bytes at a time (`find_byte`). Callgrind,
/// fresh 10,000-page build: 625 M instructions -> 500 M (bench/RESULTS.md, twelfth pass).
pub(super) fn each_attribute<'h>(
    html: &'h str,
    f: &mut dyn FnMut(Attribute<'h>),
    json: &mut dyn FnMut(&'h str),
) {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(lt) = next_lt(b, i) {
        let start = lt + 1;
        i = start;
        let Some(&first) = b.get(start) else { break };
        // Not a tag (`</p>`, `< 5`) or a comment, skipped to its end.
        if !first.is_ascii_alphabetic() {
            if first == b'!' && b[start..].starts_with(b"!--") {
                i = memchr::memmem::find(&b[start..], b"-->").map_or(b.len(), |e| start + e + 3);
            }
            continue;
        }
        let mut name_end = start + 1;
        while name_end < b.len() && is(b[name_end], TAG_NAME) {
            name_end += 1;
        }
        let tag = &html[start..name_end];
        let script = tag.len() == 6 && tag.eq_ignore_ascii_case("script");
        let mut is_json = false;
        i = if script {
            tag_attributes(html, name_end, &mut |a| {
                is_json |= a.name.eq_ignore_ascii_case("type")
                    && a.value.eq_ignore_ascii_case("application/json");
                f(a)
            })
        } else {
            tag_attributes(html, name_end, f)
        };
        let raw_text = script || tag.len() == 5 && tag.eq_ignore_ascii_case("style");
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
    let len = b.len();
    loop {
        while i < len && (is(b[i], WS) || b[i] == b'/') {
            i += 1;
        }
        if i >= len {
            return i;
        }
        if b[i] == b'>' {
            return i + 1;
        }
        let name_start = i;
        while i < len && !is(b[i], NAME_END) {
            i += 1;
        }
        let name = &html[name_start..i];
        while i < len && is(b[i], WS) {
            i += 1;
        }
        if i >= len || b[i] != b'=' {
            if name.is_empty() {
                i += 1;
            }
            continue;
        }
        i += 1;
        while i < len && is(b[i], WS) {
            i += 1;
        }
        let (start, end, next) = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                // Values are short but some are long (a QR code's path): by words.
                let e = find_byte(b, i + 1, q);
                (i + 1, e, (e + 1).min(len))
            }
            _ => {
                let mut e = i;
                while e < len && !is(b[e], WS) && b[e] != b'>' {
                    e += 1;
                }
                (i, e, e)
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
    // Every attribute of every page passes here (a million at 10,000 pages): its length
    // and first letter (`| 0x20` lowers an ASCII letter) leave at most one name to
    // compare, and rule out most (`class`, `rel`, `aria-label`) without one.
    let always = match (name.len(), name.as_bytes().first().map(|b| b | 0x20)) {
        (3, Some(b's')) => "src",
        (4, Some(b'h')) => "href",
        (4, Some(b'd')) => "data",
        (6, Some(b's')) => "srcset",
        (6, Some(b'p')) => "poster",
        (6, Some(b'a')) => "action",
        (10, Some(b'f')) => "formaction",
        (10, Some(b'x')) => "xlink:href",
        _ => "",
    };
    if !always.is_empty() && name.eq_ignore_ascii_case(always) {
        return true;
    }
    name.len() > 5
        && name[..5].eq_ignore_ascii_case("data-")
        && (value.starts_with('/') && !value.starts_with("//")
            || value.starts_with("./")
            || value.starts_with("../"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_is_found_where_a_search_a_byte_at_a_time_finds_it() {
        // Every start and every place of the byte in texts of up to 40 bytes, around
        // bytes with the high bit set (UTF-8), which the word test must not take for it.
        for len in 0..40 {
            for at in 0..=len {
                let mut text: Vec<u8> = (0..len).map(|i| [b'a', 0xC3, 0xA9, b'"'][i % 4]).collect();
                if at < len {
                    text[at] = b'<';
                }
                for from in 0..=len {
                    let naive = text[from..]
                        .iter()
                        .position(|b| *b == b'<')
                        .map_or(len, |i| from + i);
                    assert_eq!(find_byte(&text, from, b'<'), naive, "{text:?} from {from}");
                    assert_eq!(
                        next_lt(&text, from),
                        (naive < len).then_some(naive),
                        "{text:?} from {from}"
                    );
                }
            }
        }
    }

    #[test]
    fn attributes_are_read_across_words_comments_and_scripts() {
        let html = "<p><a href=\"/a-long-address/with/parts/\" class='x'>t</a><img src=a.png alt=\"\">\
                    <!-- <a href=\"/no\"> --><script type=\"application/json\">{\"a\":\"<a href=x>\"}</script>\
                    <b\tid = \"é-ok\">";
        let found: Vec<(&str, &str)> = attributes(html).iter().map(|a| (a.name, a.value)).collect();
        assert_eq!(
            found,
            [
                ("href", "/a-long-address/with/parts/"),
                ("class", "x"),
                ("src", "a.png"),
                ("alt", ""),
                ("type", "application/json"),
                ("id", "é-ok"),
            ]
        );
        let a = attributes(html);
        assert_eq!(
            &html[a[0].offset..a[0].offset + a[0].value.len()],
            a[0].value
        );
    }
}
