//! The modules of `src/` form layers (ARCHITECTURE.md, "Layers"): each imports only
//! from layers below its own, so there are no import circles and no upward imports.
//! Code under `#[cfg(test)]` is not counted, nor a module's tests in a file of their own
//! (`#[cfg(test)] mod tests;`).

use std::path::Path;

/// Each top-level module's layer, lowest first, as ARCHITECTURE.md lists them.
const LAYERS: &[(&str, u32)] = &[
    ("diagnostic", 0),
    ("yaml", 1),
    ("address", 1),
    ("names", 1),
    ("text", 1),
    ("fsutil", 1),
    ("limits", 1),
    ("spill", 1),
    ("svg", 1),
    ("search", 1),
    ("config", 2),
    ("content", 3),
    ("theme", 3),
    ("i18n", 3),
    ("planner", 4),
    ("link", 5),
    ("markdown", 6),
    ("render", 7),
    ("site", 8),
    ("output", 9),
    ("quality", 9),
    ("serve", 9),
    ("cmd", 10),
    ("main", 10),
];

fn layer(module: &str) -> Option<u32> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

#[test]
fn no_module_imports_one_from_its_own_layer_or_above() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    for e in walkdir::WalkDir::new(&src) {
        let e = e.unwrap();
        if e.path().extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .to_string();
        if rel == "lib.rs" {
            continue;
        }
        let module = rel.split(['/', '.']).next().unwrap();
        let Some(own) = layer(module) else {
            problems.push(format!(
                "src/{rel}: `{module}` is not in LAYERS (nor ARCHITECTURE.md)"
            ));
            continue;
        };
        // A module's tests in a file of their own (`yaml/tests.rs`, `output/tests/`) are
        // code under `#[cfg(test)]` too, when the module declares them so.
        if let Some(dir) = rel
            .strip_suffix("/tests.rs")
            .or_else(|| rel.split_once("/tests/").map(|(dir, _)| dir))
        {
            let parent = ["mod.rs", ""]
                .iter()
                .map(|f| match *f {
                    "" => src.join(format!("{dir}.rs")),
                    f => src.join(dir).join(f),
                })
                .find(|p| p.is_file())
                .map(|p| std::fs::read_to_string(p).unwrap())
                .unwrap_or_default();
            if parent.contains("#[cfg(test)]\nmod tests;") {
                continue;
            }
        }
        let text = std::fs::read_to_string(e.path()).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        for (at, _) in code.match_indices("crate::") {
            let line_start = code[..at].rfind('\n').map_or(0, |i| i + 1);
            if code[line_start..at].trim_start().starts_with("//") {
                continue;
            }
            let line = code[..at].matches('\n').count() + 1;
            for used in modules_named(&code[at + "crate::".len()..]) {
                if used == module {
                    continue;
                }
                match layer(&used) {
                    Some(l) if l < own => {}
                    // `crate::SomeType` in main.rs (clap types) is not a module.
                    None if module == "main" || module == "cmd" => {}
                    _ => problems.push(format!(
                        "src/{rel}:{line}: `{module}` (layer {own}) imports `{used}` (layer {:?})",
                        layer(&used)
                    )),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The modules a path after `crate::` starts from: `config` for `config::SiteConfig`,
/// each of a group's for `{config, link::{Links, UrlMap}}` (on one line or several).
/// Names of types (`crate::CheckArgs` in main.rs's commands) are not modules.
fn modules_named(after: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
            .collect()
    };
    let Some(group) = after.strip_prefix('{') else {
        return vec![ident(after)]
            .into_iter()
            .filter(|m| !m.is_empty())
            .collect();
    };
    let (mut depth, mut names, mut start) = (0, Vec::new(), 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                names.push(ident(&group[start..i]));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                names.push(ident(&group[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    names.retain(|m| !m.is_empty());
    names
}

#[test]
fn an_import_names_its_modules_grouped_or_not() {
    assert_eq!(modules_named("config::SiteConfig;"), ["config"]);
    assert_eq!(modules_named("yaml;"), ["yaml"]);
    assert_eq!(
        modules_named("{\n    config::SiteConfig,\n    link::{Links, UrlMap},\n    yaml,\n};"),
        ["config", "link", "yaml"]
    );
    assert!(modules_named("{CheckArgs, CheckFormat};").is_empty());
    assert!(modules_named("{};").is_empty());
}
