//! Shortcodes in Markdown: finding `{{ name(arg="value") }}` calls outside code, checking
//! them, and leaving a placeholder word where each was (the HTML comes later).

use crate::diagnostic::did_you_mean;
use std::collections::BTreeMap;

/// The shortcodes sinew knows and the arguments each takes.
pub const SHORTCODES: &[(&str, &[&str])] = &[("exercise", &["id"]), ("ladder", &["program"])];

/// A `{{ name(arg="value") }}` call in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortcode {
    /// Its name, e.g. `exercise`.
    pub name: String,
    /// Its arguments.
    pub args: BTreeMap<String, String>,
    /// 1-based line within the body.
    pub line: usize,
}

/// A problem found while scanning shortcodes: line within the body, message, hint.
pub type ScanError = (usize, String, String);

fn placeholder(n: usize) -> String {
    format!("{PLACEHOLDER}{n}x")
}

/// The start of every placeholder word.
const PLACEHOLDER: &str = "sinewshortcode";

/// Puts `rendered[n]` where the placeholder of shortcode `n` is in `html` (in place of
/// its whole paragraph when it is alone in one), in one pass over `html`: the time and
/// memory it takes grow with the page's length, not with the page's length times the
/// number of shortcodes (10,000 shortcodes once took 12 seconds this way).
pub(super) fn splice(html: &str, rendered: &[String]) -> String {
    let mut out =
        String::with_capacity(html.len() + rendered.iter().map(String::len).sum::<usize>());
    let mut used = vec![false; rendered.len()];
    let mut rest = html;
    while let Some(at) = rest.find(PLACEHOLDER) {
        let after = &rest[at + PLACEHOLDER.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let n = after[..digits]
            .parse::<usize>()
            .ok()
            .filter(|n| after[digits..].starts_with('x') && used.get(*n) == Some(&false));
        let Some(n) = n else {
            // Text that only looks like a placeholder, or one already replaced (its
            // first place wins, as it always has).
            out.push_str(&rest[..at + PLACEHOLDER.len()]);
            rest = after;
            continue;
        };
        used[n] = true;
        let before = &rest[..at];
        let end = &after[digits + 1..];
        let (before, end) = match (before.strip_suffix("<p>"), end.strip_prefix("</p>\n")) {
            (Some(b), Some(e)) => (b, e),
            _ => (before, end),
        };
        out.push_str(before);
        out.push_str(&rendered[n]);
        rest = end;
    }
    out.push_str(rest);
    out
}

/// Finds shortcodes outside code, replacing each with a placeholder word.
pub fn scan_shortcodes(body: &str) -> (String, Vec<Shortcode>, Vec<ScanError>) {
    // Every shortcode and every problem starts at a `{{`: most pages have none, and one
    // search for it is cheaper than reading the page line by line.
    if !body.contains("{{") {
        return (body.to_string(), Vec::new(), Vec::new());
    }
    let mut out = String::with_capacity(body.len());
    let mut found = Vec::new();
    let mut errors = Vec::new();
    // The open fence: its character and length; it closes on a line of at least as many.
    let mut fence: Option<(char, usize)> = None;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        let marker = ['`', '~'].into_iter().find_map(|c| {
            let n = trimmed.chars().take_while(|x| *x == c).count();
            (n >= 3).then_some((c, n))
        });
        match (fence, marker) {
            (None, Some(m)) => {
                fence = Some(m);
                out.push_str(line);
                continue;
            }
            (Some((fc, fl)), Some((c, n))) if fc == c && n >= fl => {
                fence = None;
                out.push_str(line);
                continue;
            }
            (Some(_), _) => {
                out.push_str(line);
                continue;
            }
            _ => {}
        }
        if !line.contains("{{") {
            out.push_str(line);
            continue;
        }
        let mut rest = line;
        // Inside a code span opened by this many backticks (it closes on a run of as many).
        let mut in_code: Option<usize> = None;
        while !rest.is_empty() {
            let next_tick = rest.find('`');
            let next_open = if in_code.is_some() {
                None
            } else {
                rest.find("{{")
            };
            match (next_tick, next_open) {
                (Some(t), o) if o.is_none_or(|o| t < o) => {
                    let run = rest[t..].bytes().take_while(|b| *b == b'`').count();
                    out.push_str(&rest[..t + run]);
                    rest = &rest[t + run..];
                    in_code = match in_code {
                        None => Some(run),
                        Some(n) if n == run => None,
                        open => open,
                    };
                }
                (_, Some(o)) => {
                    out.push_str(&rest[..o]);
                    match parse_call(&rest[o..]) {
                        Parsed::NotShortcode => {
                            out.push_str("{{");
                            rest = &rest[o + 2..];
                        }
                        Parsed::Error(msg, hint) => {
                            errors.push((i + 1, msg, hint));
                            out.push_str(&rest[o..]);
                            rest = "";
                        }
                        Parsed::Ok(name, args, len) => {
                            match check_call(&name, &args) {
                                Ok(()) => {
                                    out.push_str(&placeholder(found.len()));
                                    found.push(Shortcode {
                                        name,
                                        args,
                                        line: i + 1,
                                    });
                                }
                                Err((m, h)) => errors.push((i + 1, m, h)),
                            }
                            rest = &rest[o + len..];
                        }
                    }
                }
                _ => {
                    out.push_str(rest);
                    rest = "";
                }
            }
        }
    }
    (out, found, errors)
}

enum Parsed {
    NotShortcode,
    Error(String, String),
    Ok(String, BTreeMap<String, String>, usize),
}

/// Quotation marks a word processor types in place of `"` and `'`.
const CURLY_QUOTES: [char; 6] = ['“', '”', '„', '‘', '’', '‚'];

/// Parses `{{ name(k="v", ...) }}` at the start of `s`.
fn parse_call(s: &str) -> Parsed {
    let b = s.as_bytes();
    let mut i = 2;
    let skip_ws = |i: &mut usize| {
        while *i < b.len() && (b[*i] == b' ' || b[*i] == b'\t') {
            *i += 1;
        }
    };
    skip_ws(&mut i);
    let name_start = i;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
        i += 1;
    }
    let name = &s[name_start..i];
    skip_ws(&mut i);
    if name.is_empty() || i >= b.len() || b[i] != b'(' {
        return Parsed::NotShortcode;
    }
    let unclosed = || {
        // Word and Outlook type curly quotes, which look like the straight ones a
        // shortcode needs: name them, and show the call with straight ones.
        let line = &s[..s.find('\n').unwrap_or(s.len())];
        if line.contains(CURLY_QUOTES) {
            let call = line.trim_end();
            let call = &call[..call.find("}}").map_or(call.len(), |e| e + 2)];
            return Parsed::Error(
                format!(
                    "the shortcode `{name}` has curly quotes (“ ” or ‘ ’, as Word types them) where it needs straight ones"
                ),
                format!(
                    "retype the quotes as straight double quotes: {}",
                    call.replace(CURLY_QUOTES, "\"")
                ),
            );
        }
        Parsed::Error(
            format!("the shortcode `{name}` is not written correctly or not closed"),
            format!(
                "write it on one line like {{{{ {name}(id=\"some-id\") }}}}, with `\")` and `}}}}` at the end"
            ),
        )
    };
    i += 1;
    let mut args = BTreeMap::new();
    loop {
        skip_ws(&mut i);
        if i < b.len() && b[i] == b')' {
            i += 1;
            break;
        }
        let k0 = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
            i += 1;
        }
        let key = &s[k0..i];
        skip_ws(&mut i);
        if key.is_empty() || i >= b.len() || b[i] != b'=' {
            return unclosed();
        }
        i += 1;
        skip_ws(&mut i);
        if i >= b.len() {
            return unclosed();
        }
        let value = if b[i] == b'"' || b[i] == b'\'' {
            let q = b[i];
            let v0 = i + 1;
            let Some(len) = b[v0..].iter().position(|c| *c == q) else {
                return unclosed();
            };
            i = v0 + len + 1;
            s[v0..v0 + len].to_string()
        } else {
            let v0 = i;
            while i < b.len()
                && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b'_' || b[i] == b'.')
            {
                i += 1;
            }
            if v0 == i {
                return unclosed();
            }
            s[v0..i].to_string()
        };
        args.insert(key.to_string(), value);
        skip_ws(&mut i);
        if i < b.len() && b[i] == b',' {
            i += 1;
        }
    }
    skip_ws(&mut i);
    if !s[i..].starts_with("}}") {
        return unclosed();
    }
    Parsed::Ok(name.to_string(), args, i + 2)
}

fn check_call(name: &str, args: &BTreeMap<String, String>) -> Result<(), (String, String)> {
    let Some((_, allowed)) = SHORTCODES.iter().find(|(n, _)| *n == name) else {
        let hint = match did_you_mean(name, SHORTCODES.iter().map(|(n, _)| *n)) {
            Some(s) => format!("did you mean `{s}`?"),
            None => {
                "the shortcodes are `exercise(id=\"...\")` and `ladder(program=\"...\")`".into()
            }
        };
        return Err((format!("there is no shortcode called `{name}`"), hint));
    };
    for k in args.keys() {
        if !allowed.contains(&k.as_str()) {
            return Err((
                format!("the shortcode `{name}` has no argument `{k}`"),
                format!("write `{name}({}=\"...\")`", allowed[0]),
            ));
        }
    }
    for a in *allowed {
        if !args.contains_key(*a) {
            return Err((
                format!("the shortcode `{name}` needs the argument `{a}`"),
                format!("write `{name}({a}=\"...\")`"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splice_puts_each_shortcode_in_its_place_once() {
        let html = "<p>sinewshortcode0x</p>\n<p>See sinewshortcode1x and sinewshortcode12 \
                    sinewshortcode0x.</p>\n";
        let out = splice(html, &["<aside>A</aside>".into(), "<b>B</b>".into()]);
        assert_eq!(
            out,
            "<aside>A</aside><p>See <b>B</b> and sinewshortcode12 sinewshortcode0x.</p>\n"
        );
    }

    fn scan(s: &str) -> (String, Vec<Shortcode>, Vec<ScanError>) {
        scan_shortcodes(s)
    }

    #[test]
    fn finds_shortcodes_and_leaves_code_alone() {
        let (out, found, errs) = scan(
            "a\n{{ exercise(id=\"lunge\") }}\n```\n{{ ladder(program=\"x\") }}\n```\n`{{ ladder(program=\"y\") }}`\n",
        );
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].name, "exercise");
        assert_eq!(found[0].args["id"], "lunge");
        assert_eq!(found[0].line, 2);
        assert!(out.contains("sinewshortcode0x"));
        assert!(out.contains("{{ ladder(program=\"x\") }}"));
        assert!(out.contains("`{{ ladder(program=\"y\") }}`"));
    }

    #[test]
    fn longer_fences_and_double_backtick_spans_are_code() {
        let (_, found, _) =
            scan("````\n```\n{{ exercise(id=\"a\") }}\n````\n``{{ exercise(id=\"b\") }} ` x``\n");
        assert!(found.is_empty(), "{found:?}");
        let (_, found, _) = scan("`` a `` {{ exercise(id=\"c\") }}\n");
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn plain_braces_are_text() {
        let (out, found, errs) = scan("use {{ and }} freely, {{name}}\n");
        assert!(found.is_empty() && errs.is_empty());
        assert_eq!(out, "use {{ and }} freely, {{name}}\n");
    }

    #[test]
    fn reports_bad_calls() {
        let (_, _, errs) = scan("x\n{{ exercise(id=\"lunge\") \n");
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].0, 2);
        assert!(errs[0].1.contains("not closed"));
        let (_, _, errs) = scan("{{ exercize(id=\"lunge\") }}\n");
        assert!(errs[0].2.contains("did you mean `exercise`"));
        let (_, _, errs) = scan("{{ ladder(id=\"h\") }}\n");
        assert!(errs[0].1.contains("no argument `id`"));
        // Word's curly quotes look like quotes and are not: the error says so.
        for call in [
            "{{ exercise(id=“lunge”) }}\n",
            "{{ exercise(id=”lunge”) }}\n",
        ] {
            let (_, _, errs) = scan(call);
            assert_eq!(errs.len(), 1, "{call}");
            assert!(errs[0].1.contains("curly quotes"), "{errs:?}");
            assert!(
                errs[0].2.contains("{{ exercise(id=\"lunge\") }}"),
                "{errs:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn scanning_never_panics(s in "\\PC*") {
            let _ = scan_shortcodes(&s);
        }

        #[test]
        fn scanning_arbitrary_shortcode_like_text_never_panics(s in "(\\{\\{|\\}\\}|[a-z]|\\(|\\)|=|\"|'|,| |`|\n)*") {
            let _ = scan_shortcodes(&s);
        }
    }
}
