//! The templates' words: the Tera functions `t(key="...", name=...)` (a text of the
//! page's language from the string tables, its `{name}`s filled in, HTML-escaped) and
//! `date(iso="2026-03-05")` (a date with the language's month names), and
//! `marked(text=..., lang=..., to=...)` (a text in another language than the page's, or
//! a link's words to a page in another, with the mark "(en inglés)" after it).
//!
//! The page's language is the template variable `lang`, or the site's language when a
//! page has none. A key the table lacks is a template error naming the language file.

use crate::i18n::{Language, Tables, fill};
use std::sync::Arc;
use tera::{Error, Kwargs, State, TeraResult, Value};

/// Adds `t` and `date` to `tera`.
pub(crate) fn register(tera: &mut tera::Tera, tables: &Arc<Tables>, default_lang: &str) {
    tera.register_function(
        "t",
        Translate {
            tables: tables.clone(),
            default: default_lang.to_string(),
        },
    );
    tera.register_function(
        "marked",
        Marked {
            tables: tables.clone(),
            default: default_lang.to_string(),
        },
    );
    tera.register_function(
        "date",
        FormatDate {
            tables: tables.clone(),
            default: default_lang.to_string(),
        },
    );
}

fn language<'a>(tables: &'a Tables, default: &str, state: &State) -> TeraResult<&'a Language> {
    let code: Option<String> = state.get("lang")?;
    let code = code.unwrap_or_else(|| default.to_string());
    tables.get(&code).ok_or_else(|| {
        Error::message(format!(
            "the language `{code}` has no string table (add it to `languages:` in site.yaml)"
        ))
    })
}

struct Translate {
    tables: Arc<Tables>,
    default: String,
}

impl tera::Function<TeraResult<Value>> for Translate {
    fn call(&self, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
        let key: &str = kwargs.must_get("key")?;
        let lang = language(&self.tables, &self.default, state)?;
        let Some(text) = lang.text(key) else {
            return Err(Error::message(format!(
                "the text `{key}` is not in {}: add `{key}:` under `theme:` there, or check the key's spelling",
                lang.file.display()
            )));
        };
        let n = kwargs.get::<Value>("n")?.and_then(|v| v.as_i64());
        let mut values = Vec::new();
        for (k, v) in kwargs.iter() {
            if let Some(k) = k.as_str()
                && k != "key"
            {
                values.push((k.to_string(), state.escape_if_needed(v)?));
            }
        }
        Ok(Value::from(fill(text.form(n), |name| {
            values
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })))
    }

    /// The tables' texts are the theme's own HTML, like a template's text; the values
    /// filled in are escaped above.
    fn is_safe(&self) -> bool {
        true
    }
}

/// `marked(text=..., lang=..., to=...)`: `text` (escaped) as a page in the page's
/// language shows it when it is not all in that language.
///
/// - `lang`: the language `text` is written in, when not the page's (an untranslated
///   page's title, the clinic's advice with no translation): the text goes in
///   `<span lang="...">` and the mark follows it, in the page's language.
/// - `to`: the language of the page a link leads to, when not the page's, for link
///   words that are in the page's language ("Inicio", to the English home page): only
///   the mark follows.
///
/// Null or missing `lang` and `to` give the text alone. The mark is
/// [`Tables::marker`]'s, the one source of it.
struct Marked {
    tables: Arc<Tables>,
    default: String,
}

impl tera::Function<TeraResult<Value>> for Marked {
    fn call(&self, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
        let text: Value = kwargs.must_get("text")?;
        let text = state.escape_if_needed(&text)?;
        let code = |name: &str| -> TeraResult<Option<String>> {
            Ok(kwargs
                .get::<Value>(name)?
                .and_then(|v| v.as_str().map(str::to_string))
                .filter(|s| !s.is_empty()))
        };
        let page = language(&self.tables, &self.default, state)?.code.clone();
        // A text in the page's own language (a source that says `lang: en` on an English
        // page) is neither tagged nor marked.
        let other = |l: Option<String>| {
            l.filter(|l| crate::i18n::base_code(l) != crate::i18n::base_code(&page))
        };
        let (lang, to) = (other(code("lang")?), other(code("to")?));
        let mut out = match &lang {
            Some(l) => format!("<span lang=\"{}\">{text}</span>", state.escape(l)?),
            None => text,
        };
        if let Some(l) = lang.or(to) {
            out.push(' ');
            // The tables' texts are the theme's own HTML, like `t`'s.
            out.push_str(&self.tables.marker(&page, &l));
        }
        Ok(Value::from(out))
    }

    /// The text and codes are escaped above; the rest is the theme's own HTML.
    fn is_safe(&self) -> bool {
        true
    }
}

struct FormatDate {
    tables: Arc<Tables>,
    default: String,
}

impl tera::Function<TeraResult<Value>> for FormatDate {
    fn call(&self, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
        let iso: &str = kwargs.must_get("iso")?;
        let date: jiff::civil::Date = iso
            .parse()
            .map_err(|_| Error::message(format!("`{iso}` is not a date (YYYY-MM-DD)")))?;
        let lang = language(&self.tables, &self.default, state)?;
        Ok(Value::from(lang.date(date)))
    }
}
