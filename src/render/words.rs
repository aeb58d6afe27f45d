//! The templates' words: the Tera functions `t(key="...", name=...)` (a text of the
//! page's language from the string tables, its `{name}`s filled in, HTML-escaped) and
//! `date(iso="2026-03-05")` (a date with the language's month names), and
//! `marked(text=..., lang=..., to=...)` (a text in another language than the page's, or
//! a link's words to a page in another, with the mark "(en inglés)" after it).
//!
//! The page's language is the template variable `lang`, or the site's language when a
//! page has none. A key the table lacks is a template error naming the language file.

use crate::i18n::{Language, Tables, fill};
use std::collections::HashMap;
use std::sync::Arc;
use tera::{Error, Kwargs, State, TeraResult, Value};

/// Adds `t` and `date` to `tera`.
pub(crate) fn register(tera: &mut tera::Tera, tables: &Arc<Tables>, default_lang: &str) {
    tera.register_function(
        "t",
        Translate {
            tables: tables.clone(),
            default: default_lang.to_string(),
            plain: plain_texts(tables),
            made: std::sync::Mutex::default(),
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

/// Every language's texts as `t(key=...)` with no other argument gives them: each
/// `{name}` left as written, the plural's `other` form. Made once, so that the dozens
/// of `t()` calls on every page copy nothing (a long text is shared, not copied). The
/// same texts are every page's `texts` variable (`render::pages::Shared`).
pub(crate) fn plain_texts(tables: &Tables) -> HashMap<String, HashMap<String, Value>> {
    tables
        .all()
        .map(|lang| {
            // `Language::text` looks in the theme's texts first, then the planner's.
            let texts = lang
                .planner
                .text
                .iter()
                .chain(lang.theme.iter())
                .map(|(key, text)| (key.clone(), Value::from(fill(text.form(None), |_| None))))
                .collect();
            (lang.code.clone(), texts)
        })
        .collect()
}

/// Each language's template variable `texts`: [`plain_texts`] as one Tera map a
/// language, every text marked safe as `t()`'s result is (the tables' texts are the
/// theme's own HTML), so `{{ texts.skip_link }}` writes what `{{ t(key="skip_link") }}`
/// writes, without the map of arguments Tera builds for every function call.
pub(crate) fn texts(tables: &Tables) -> HashMap<String, Value> {
    plain_texts(tables)
        .into_iter()
        .map(|(code, texts)| {
            let texts: std::collections::BTreeMap<String, Value> = texts
                .into_iter()
                .map(|(key, text)| (key, text.mark_safe()))
                .collect();
            (code, Value::from(texts))
        })
        .collect()
}

/// The page's language code: the template variable `lang`, or the site's language.
/// Calls `f` with it, borrowed, so the dozens of calls on a page allocate nothing.
fn with_code<R>(
    default: &str,
    state: &State,
    f: impl FnOnce(&str) -> TeraResult<R>,
) -> TeraResult<R> {
    let value: Option<Value> = state.get("lang")?;
    match value.as_ref().map(|v| v.as_str()) {
        None => f(default),
        Some(Some(code)) => f(code),
        // Not a text: the same error as reading it as one.
        Some(None) => {
            let code: Option<String> = state.get("lang")?;
            f(code.as_deref().unwrap_or(default))
        }
    }
}

fn language<'a>(tables: &'a Tables, default: &str, state: &State) -> TeraResult<&'a Language> {
    with_code(default, state, |code| {
        tables.get(code).ok_or_else(|| {
            Error::message(format!(
                "the language `{code}` has no string table (add it to `languages:` in site.yaml)"
            ))
        })
    })
}

struct Translate {
    tables: Arc<Tables>,
    default: String,
    /// [`plain_texts`]: language code -> key -> the text as a key-only call gives it.
    plain: HashMap<String, HashMap<String, Value>>,
    /// The texts made by calls with text arguments, by [`made_key`]: the same call
    /// gives the same text (the footer's `t(key="footer_phone", phone=...)` and
    /// `t(key="footer_book", url=...)` on every page, a reviewer's name), and filling
    /// and escaping one cost about 4,000 instructions (bench/RESULTS.md, twelfth pass).
    /// At most [`MADE_MAX`] texts are kept.
    made: std::sync::Mutex<rustc_hash::FxHashMap<Vec<u8>, Value>>,
}

/// The most texts [`Translate::made`] keeps; calls beyond are made each time.
const MADE_MAX: usize = 4096;

/// What decides the text of a call to `t` with arguments: the page's language `code`,
/// whether the template escapes (`autoescape`), the `key`, and each other argument's
/// name, whether it is marked safe, and its text, sorted by name (Tera's map of
/// arguments has no fixed order); every part after its length, so no two calls share a
/// key. `None` when an argument is not a text (a number such as `n` picks a plural form:
/// such calls are made each time).
fn made_key(code: &str, key: &str, autoescape: bool, kwargs: &Kwargs) -> Option<Vec<u8>> {
    let mut args: Vec<(&str, &Value)> = Vec::with_capacity(4);
    for (k, v) in kwargs.iter() {
        let k = k.as_str()?;
        if k != "key" {
            v.as_str()?;
            args.push((k, v));
        }
    }
    args.sort_unstable_by_key(|(k, _)| *k);
    let mut out = Vec::with_capacity(64);
    let mut part = |bytes: &[u8]| {
        out.extend_from_slice(&bytes.len().to_le_bytes());
        out.extend_from_slice(bytes);
    };
    part(code.as_bytes());
    part(key.as_bytes());
    part(&[u8::from(autoescape)]);
    for (k, v) in args {
        part(k.as_bytes());
        part(&[u8::from(v.is_safe())]);
        part(v.as_str()?.as_bytes());
    }
    Some(out)
}

impl tera::Function<TeraResult<Value>> for Translate {
    fn call(&self, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
        let key: &str = kwargs.must_get("key")?;
        // Most calls name only the key: their text is made already.
        if kwargs.iter().nth(1).is_none() {
            let made = with_code(&self.default, state, |code| {
                Ok(self
                    .plain
                    .get(code)
                    .and_then(|texts| texts.get(key))
                    .cloned())
            })?;
            if let Some(value) = made {
                return Ok(value);
            }
        }
        let made = with_code(&self.default, state, |code| {
            Ok(made_key(code, key, state.autoescaping_enabled(), &kwargs))
        })?;
        if let Some(k) = &made
            && let Some(value) = self.made.lock().ok().and_then(|m| m.get(k).cloned())
        {
            return Ok(value);
        }
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
        let value = Value::from(fill(text.form(n), |name| {
            values
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }));
        if let Some(k) = made
            && let Ok(mut m) = self.made.lock()
            && m.len() < MADE_MAX
        {
            m.insert(k, value.clone());
        }
        Ok(value)
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
        let value: Value = kwargs.must_get("text")?;
        // A text that escaping leaves as it is (no `&`, `<`, `>`, `"` or `'`; nearly
        // every title), given back as the same value when nothing is added to it.
        let as_written = value.as_str().is_some_and(|s| {
            value.is_safe()
                || !state.autoescaping_enabled()
                || !s
                    .bytes()
                    .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
        });
        // Borrowed from the arguments: null, missing or empty is none.
        let code = |name: &str| -> Option<&str> {
            kwargs
                .iter()
                .find(|(k, _)| k.as_str() == Some(name))
                .and_then(|(_, v)| v.as_str())
                .filter(|s| !s.is_empty())
        };
        with_code(&self.default, state, |page| {
            let page = self
                .tables
                .get(page)
                .ok_or_else(|| {
                    Error::message(format!(
                        "the language `{page}` has no string table (add it to `languages:` in site.yaml)"
                    ))
                })?
                .code
                .as_str();
            // A text in the page's own language (a source that says `lang: en` on an
            // English page) is neither tagged nor marked.
            let other = |l: &str| crate::i18n::base_code(l) != crate::i18n::base_code(page);
            let lang = code("lang").filter(|l| other(l));
            let to = code("to").filter(|l| other(l));
            if as_written && lang.is_none() && to.is_none() {
                // Shared, not copied; Tera marks a safe function's value safe.
                return Ok(value.clone());
            }
            let text = match value.as_str() {
                // A text (nearly always): escaped as `escape_if_needed` would, without
                // first copying it.
                Some(s) if state.autoescaping_enabled() && !value.is_safe() => state.escape(s)?,
                Some(s) => s.to_string(),
                None => state.escape_if_needed(&value)?,
            };
            let mut out = match lang {
                Some(l) => format!("<span lang=\"{}\">{text}</span>", state.escape(l)?),
                None => text,
            };
            if let Some(l) = lang.or(to) {
                out.push(' ');
                // The tables' texts are the theme's own HTML, like `t`'s.
                out.push_str(&self.tables.marker(page, l));
            }
            Ok(Value::from(out))
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn tables() -> Arc<Tables> {
        let (tables, problems) = crate::i18n::load(
            std::path::Path::new("/nonexistent"),
            &["en".to_string(), "es".to_string()],
        );
        assert!(problems.is_empty(), "{problems:?}");
        Arc::new(tables)
    }

    fn render(text: &str, lang: Option<&str>) -> Result<String, tera::Error> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html"]);
        register(&mut tera, &tables(), "en");
        tera.add_raw_template("a.html", text).unwrap();
        let mut ctx = tera::Context::new();
        if let Some(lang) = lang {
            ctx.insert("lang", lang);
        }
        tera.render("a.html", &ctx)
    }

    /// `texts.<key>` writes exactly what `t(key="<key>")` writes, for every key of
    /// every language (texts with HTML, `{name}`s and plurals among them): the theme
    /// reads its texts one way or the other and the pages must not change.
    #[test]
    fn texts_write_what_a_key_only_t_writes() {
        // A clinic's own wording, with HTML and characters escaping would change.
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir(site.path().join("i18n")).unwrap();
        std::fs::write(
            site.path().join("i18n/en.yaml"),
            "theme:\n  skip_link: \"Skip to <em>the</em> page & its \\\"text\\\" {name}\"\n",
        )
        .unwrap();
        let (tables, problems) =
            crate::i18n::load(site.path(), &["en".to_string(), "es".to_string()]);
        assert!(problems.is_empty(), "{problems:?}");
        let texts = texts(&tables);
        let tables = Arc::new(tables);
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html"]);
        register(&mut tera, &tables, "en");
        let mut compared = 0;
        for lang in tables.all() {
            let keys: Vec<&String> = lang.planner.text.keys().chain(lang.theme.keys()).collect();
            assert!(keys.len() > 100, "{}: {} keys", lang.code, keys.len());
            let page: String = keys
                .iter()
                .map(|k| format!("{{{{ t(key=\"{k}\") }}}}\n"))
                .collect();
            let read: String = keys
                .iter()
                .map(|k| format!("{{{{ texts.{k} }}}}\n"))
                .collect();
            tera.add_raw_template("t.html", &page).unwrap();
            tera.add_raw_template("texts.html", &read).unwrap();
            let mut ctx = tera::Context::new();
            ctx.insert("lang", &lang.code);
            ctx.insert_value("texts", texts[&lang.code].clone());
            let by_t = tera.render("t.html", &ctx).unwrap();
            if lang.code == "en" {
                assert!(by_t.contains("Skip to <em>the</em> page & its \"text\" {name}"));
            }
            assert_eq!(
                tera.render("texts.html", &ctx).unwrap(),
                by_t,
                "{}",
                lang.code
            );
            compared += keys.len();
        }
        assert!(compared > 200);
    }

    /// A key-only `t()` gives its made-in-advance text, which must be the page's
    /// language's, as a call with arguments would fill it.
    #[test]
    fn t_gives_the_page_languages_text_with_or_without_arguments() {
        let page = "{{ t(key=\"skip_link\") }}|{{ t(key=\"footer_phone\", phone=\"<1>\") }}|\
                    {{ t(key=\"footer_phone\") }}|{{ t(key=\"tag_pages\", n=1) }}|{{ t(key=\"tag_pages\") }}";
        assert_eq!(
            render(page, None).unwrap(),
            "Skip to main content|Phone: &lt;1&gt;|Phone: {phone}|1 page|{n} pages"
        );
        assert_eq!(
            render(page, Some("en")).unwrap(),
            render(page, None).unwrap()
        );
        let es = render(page, Some("es")).unwrap();
        assert!(es.starts_with("Saltar al contenido principal|"), "{es}");
        assert!(!es.contains("Skip"), "{es}");
    }

    #[test]
    fn t_names_the_language_file_of_a_missing_key_and_refuses_an_unknown_language() {
        let e = render("{{ t(key=\"no_such_key\") }}", Some("es")).unwrap_err();
        let text = format!("{e:?}");
        assert!(
            text.contains("no_such_key") && text.contains("es"),
            "{text}"
        );
        let e = render("{{ t(key=\"skip_link\") }}", Some("fr")).unwrap_err();
        assert!(
            format!("{e:?}").contains("`fr` has no string table"),
            "{e:?}"
        );
    }

    #[test]
    fn marked_escapes_the_text_and_marks_only_another_language() {
        let page = "{{ marked(text=\"a<b\", lang=\"en\") }}|{{ marked(text=\"a<b\", lang=\"es\") }}|\
                    {{ marked(text=\"Inicio\", to=\"es\") }}|{{ marked(text=\"x\", lang=\"\", to=none) }}|\
                    {{ marked(text=\"<i>safe</i>\" | safe) }}|{{ marked(text=5) }}|\
                    {{ marked(text=\"It's\") }}|{{ marked(text=\"Knee pain\", lang=none) }}";
        assert_eq!(
            render(page, None).unwrap(),
            "a&lt;b|<span lang=\"es\">a&lt;b</span> (Spanish)|Inicio (Spanish)|x|<i>safe</i>|5|\
             It&#39;s|Knee pain"
        );
        let es = render("{{ marked(text=\"a\", lang=\"en-GB\") }}", Some("es")).unwrap();
        assert_eq!(es, "<span lang=\"en-GB\">a</span> (en inglés)");
    }

    #[test]
    fn a_text_made_once_is_given_again_only_for_the_same_call() {
        // One Tera, so the texts kept by the first render are there for the second.
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html"]);
        register(&mut tera, &tables(), "en");
        tera.add_raw_template(
            "a.html",
            "{{ t(key=\"footer_phone\", phone=p) }}|{{ t(key=\"footer_phone\", phone=p) }}|\
             {{ t(key=\"footer_phone\", phone=q) }}|{{ t(key=\"footer_phone\", phone=p | safe) }}",
        )
        .unwrap();
        let page = |lang: &str| {
            let mut ctx = tera::Context::new();
            ctx.insert("lang", lang);
            ctx.insert("p", "1 & 2");
            ctx.insert("q", "3");
            tera.render("a.html", &ctx).unwrap()
        };
        let en = "Phone: 1 &amp; 2|Phone: 1 &amp; 2|Phone: 3|Phone: 1 & 2";
        assert_eq!(page("en"), en);
        // Another language's text, then the first language's again, kept.
        assert_eq!(
            page("es"),
            "Teléfono: 1 &amp; 2|Teléfono: 1 &amp; 2|Teléfono: 3|Teléfono: 1 & 2"
        );
        assert_eq!(page("en"), en);
    }
}
