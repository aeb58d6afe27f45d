//! The modules of `src/` form layers (ARCHITECTURE.md, "Layers"): each imports only
//! from layers below its own, so there are no import circles and no upward imports.
//! Code under `#[cfg(test)]` is not counted.

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
        let text = std::fs::read_to_string(e.path()).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        for (n, line) in code.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for (i, _) in line.match_indices("crate::") {
                let rest = &line[i + "crate::".len()..];
                let used: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                    .collect();
                if used.is_empty() || used == module {
                    continue;
                }
                match layer(&used) {
                    Some(l) if l < own => {}
                    // `crate::SomeType` in main.rs (clap types) is not a module.
                    None if module == "main" || module == "cmd" => {}
                    _ => problems.push(format!(
                        "src/{rel}:{}: `{module}` (layer {own}) imports `{used}` (layer {:?})",
                        n + 1,
                        layer(&used)
                    )),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
