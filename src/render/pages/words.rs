//! The string tables' words as Rust code writes them into pages (QR codes' labels among
//! them), by language.

use crate::i18n::Tables;

/// The default language's text for `key` (English when a table lacks it, which the
/// loader has already reported).
pub(crate) fn word(tables: &Tables, code: &str, key: &str, n: Option<i64>) -> String {
    let text = tables
        .get(code)
        .and_then(|l| l.text(key))
        .map_or(key, |t| t.form(n));
    crate::i18n::fill(text, |name| {
        (name == "n").then(|| n.unwrap_or(0).to_string())
    })
}

/// What a screen reader reads for a QR code in `code`: "QR code: the page of Squat",
/// from the tables' `qr_label` and `what` (a key such as `qr_page_of`, whose `{name}`
/// is `name`).
pub(crate) fn qr_label(tables: &Tables, code: &str, what: &str, name: &str) -> String {
    let what = crate::i18n::fill(&word(tables, code, what, None), |k| {
        (k == "name").then(|| name.to_string())
    });
    crate::i18n::fill(&word(tables, code, "qr_label", None), |k| {
        (k == "what").then(|| what.clone())
    })
}
