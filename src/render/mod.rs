//! The Tera environment (embedded theme plus the site's overrides), rendering a template
//! with a context, and turning Tera's errors into diagnostics that name the template file.
//!
//! Templates are given data only; nothing here touches the filesystem.

pub mod context;
pub(crate) mod data;
pub(crate) mod pages;
pub(crate) mod sitemap;

use crate::diagnostic::Diagnostic;
use crate::theme::Template;
use std::path::PathBuf;

/// A ready-to-use set of templates.
pub struct Renderer {
    tera: tera::Tera,
    files: Vec<(String, Option<PathBuf>)>,
}

impl Renderer {
    /// Compiles all templates. Every syntax error is reported.
    pub fn new(
        templates: &[Template],
        globals: &tera::Context,
    ) -> Result<Renderer, Vec<Diagnostic>> {
        let files: Vec<(String, Option<PathBuf>)> = templates
            .iter()
            .map(|t| (t.name.clone(), t.file.clone()))
            .collect();
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        if let Err(first) =
            tera.add_raw_templates(templates.iter().map(|t| (t.name.as_str(), t.text.as_str())))
        {
            let mut diags = Vec::new();
            // Tera stops at the first broken template and does not always say which one it
            // was. The built-in theme is known to compile, so compile each of the site's own
            // templates on its own beside the built-in ones (and the site's other new ones).
            let builtin = |name: &str| {
                crate::theme::TEMPLATES
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, text)| *text)
            };
            for t in templates.iter().filter(|t| t.file.is_some()) {
                let mut probe = tera::Tera::new();
                let others = templates.iter().filter(|o| o.name != t.name).map(|o| {
                    match (&o.file, builtin(&o.name)) {
                        (Some(_), Some(original)) => (o.name.as_str(), original),
                        _ => (o.name.as_str(), o.text.as_str()),
                    }
                });
                let mut all: Vec<(&str, &str)> = others.collect();
                all.push((t.name.as_str(), t.text.as_str()));
                if let Err(e) = probe.add_raw_templates(all) {
                    let d = to_diagnostic(&e, &files, Some(&t.name));
                    if !diags.contains(&d) {
                        diags.push(d);
                    }
                }
            }
            if diags.is_empty() {
                diags.push(to_diagnostic(&first, &files, None));
            }
            return Err(diags);
        }
        tera.global_context().extend(globals.clone());
        Ok(Renderer { tera, files })
    }

    /// Whether a template with this name exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `name` with `ctx`.
    pub fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, ctx)
            .map_err(|e| to_diagnostic(&e, &self.files, Some(name)))
    }
}

/// The file to name for a template: the site's own, or the built-in theme.
fn template_file(files: &[(String, Option<PathBuf>)], name: &str) -> PathBuf {
    match files.iter().find(|(n, _)| n == name) {
        Some((_, Some(f))) => f.clone(),
        _ => PathBuf::from(format!("(built-in theme) templates/{name}")),
    }
}

fn to_diagnostic(
    e: &tera::Error,
    files: &[(String, Option<PathBuf>)],
    current: Option<&str>,
) -> Diagnostic {
    use tera::ErrorKind;
    let hint = "check the template against the Tera documentation; `sinew` passes the variables listed in docs/templates.md";
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let name = if r.filename().is_empty() {
                current.unwrap_or("")
            } else {
                r.filename()
            };
            let span = r.span();
            let msg = r.message().to_string();
            let hint = if msg.contains("not found in context")
                || msg.contains("undefined")
                || msg.contains("Undefined")
            {
                "this variable does not exist here: check its spelling, or guard it with `{% if x is defined %}`".to_string()
            } else {
                hint.to_string()
            };
            Diagnostic::error(
                "template",
                template_file(files, name),
                format!("template error: {msg}"),
            )
            .at(span.start_line, span.start_col + 1)
            .hint(hint)
        }
        ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            "template",
            template_file(files, current),
            format!("this template extends `{parent}`, which does not exist"),
        )
        .hint("fix the name in `{% extends \"...\" %}`"),
        ErrorKind::TemplateNotFound(name) => Diagnostic::error(
            "template",
            current
                .map(|c| template_file(files, c))
                .unwrap_or_else(|| PathBuf::from("templates")),
            format!("the template `{name}` does not exist"),
        )
        .hint("check the template name; site templates live in `templates/`"),
        _ => Diagnostic::error(
            "template",
            current
                .map(|c| template_file(files, c))
                .unwrap_or_else(|| PathBuf::from("templates")),
            format!("template error: {}", first_line(&e.to_string())),
        )
        .hint(if e.to_string().contains("Unknown template") {
            "that template does not exist: check the name in `{% include %}` or `{% extends %}`; site templates live in `templates/`"
        } else {
            hint
        }),
    }
}

fn first_line(s: &str) -> &str {
    let line = s.lines().next().unwrap_or(s);
    line.strip_prefix("error: ").unwrap_or(line)
}

/// Serializes `value` as JSON that is safe inside an HTML `<script>` element: no `<`, `>`,
/// `&` or line/paragraph separators appear literally.
pub fn script_json<T: serde::Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("planner data serializes");
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let s = script_json(&"</script><script>alert(1)</script>&\u{2028}");
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&') && !s.contains('\u{2028}')
        );
        let back: String = serde_json::from_str(&s).unwrap();
        assert_eq!(back, "</script><script>alert(1)</script>&\u{2028}");
    }

    fn t(name: &str, text: &str) -> Template {
        Template {
            name: name.into(),
            text: text.into(),
            file: Some(PathBuf::from(format!("templates/{name}"))),
        }
    }

    #[test]
    fn syntax_errors_name_file_and_line() {
        let errs = Renderer::new(
            &[t("a.html", "ok\n{% if %}"), t("b.html", "{{ x }}")],
            &tera::Context::new(),
        )
        .err()
        .unwrap();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].file, PathBuf::from("templates/a.html"));
        assert_eq!(errs[0].line, Some(2));
    }

    #[test]
    fn undefined_variables_are_errors_with_line() {
        let r = Renderer::new(
            &[t("a.html", "line1\n{{ nothing.here }}")],
            &tera::Context::new(),
        )
        .unwrap();
        let e = r.render("a.html", &tera::Context::new()).unwrap_err();
        assert_eq!(e.file, PathBuf::from("templates/a.html"));
        assert_eq!(e.line, Some(2));
    }
}
