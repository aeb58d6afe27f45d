//! Whether a template's attribute pattern could have written an address, so that an
//! unknown address found in a page is reported at that template's line.

/// Whether a template's attribute value `pattern` (`{{ site.base_path }}style.css`)
/// could have written `value`: its literal parts appear in `value` in order, the first
/// at the start unless the pattern starts with an expression, the last at the end
/// unless it ends with one. Returns how many literal bytes matched (more is a closer
/// match), or `None`.
pub fn template_writes(pattern: &str, value: &str) -> Option<usize> {
    let mut literals: Vec<&str> = Vec::new();
    let mut rest = pattern;
    let mut starts_with_expr = false;
    let mut ends_with_expr = false;
    loop {
        let next = [rest.find("{{"), rest.find("{%")]
            .into_iter()
            .flatten()
            .min();
        match next {
            Some(i) => {
                if i == 0 && literals.is_empty() && rest.len() == pattern.len() {
                    starts_with_expr = true;
                }
                literals.push(&rest[..i]);
                let close = if rest[i..].starts_with("{{") {
                    "}}"
                } else {
                    "%}"
                };
                match rest[i..].find(close) {
                    Some(e) => rest = &rest[i + e + 2..],
                    None => {
                        ends_with_expr = true;
                        break;
                    }
                }
                if rest.is_empty() {
                    ends_with_expr = true;
                    break;
                }
            }
            None => {
                literals.push(rest);
                break;
            }
        }
    }
    if !starts_with_expr && !ends_with_expr && literals.len() == 1 {
        return (literals[0] == value).then_some(value.len());
    }
    let mut at = 0;
    let n = literals.len();
    let mut matched = 0;
    for (k, lit) in literals.iter().enumerate() {
        if lit.is_empty() {
            continue;
        }
        if k == 0 && !starts_with_expr {
            if !value.starts_with(lit) {
                return None;
            }
            at = lit.len();
        } else if k == n - 1 && !ends_with_expr {
            if value.len() < at + lit.len() || !value.ends_with(lit) {
                return None;
            }
            at = value.len();
        } else {
            at += value[at..].find(lit)? + lit.len();
        }
        matched += lit.len();
    }
    Some(matched)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_pattern_matches_what_it_could_write() {
        assert_eq!(
            template_writes("{{ site.base_path }}style.css", "/sub/style.css"),
            Some(9)
        );
        assert_eq!(
            template_writes("{{ site.base_path }}style.css", "/sub/x.css"),
            None
        );
        assert_eq!(
            template_writes("{{ current_url }}print/", "/a/print/"),
            Some(6)
        );
        assert_eq!(template_writes("{{ x }}", "/anything/"), Some(0));
        assert_eq!(template_writes("/contact/", "/contact/"), Some(9));
        assert_eq!(template_writes("/contact/", "/contact/x"), None);
        assert_eq!(
            template_writes("/a/{{ x }}/b/{{ y }}.html", "/a/1/b/2.html"),
            Some(11)
        );
        assert_eq!(template_writes("/a/{{ x }}/b/", "/z/1/b/"), None);
    }
}
