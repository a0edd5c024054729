//! Rules about the source that the compiler cannot check, checked over the
//! source text (as rust-analyzer's tidy tests do). Each says why.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 10, "found only {} source files", files.len());
    files
        .into_iter()
        .map(|p| {
            let name = p.strip_prefix(root).unwrap().display().to_string();
            // Code only: comments may talk about what the code may not do.
            let code: Vec<String> = fs::read_to_string(&p)
                .unwrap()
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .map(str::to_owned)
                .collect();
            (name, code.join("\n"))
        })
        .collect()
}

/// Fails when a file other than `allowed` (a file, or a folder of modules
/// beside it) contains any of `forbidden`.
fn only_in(allowed: &str, forbidden: &[&str], instead: &str) {
    let folder = format!("{}/", allowed.trim_end_matches(".rs"));
    for (name, text) in sources() {
        if name == allowed || name.starts_with(&folder) {
            continue;
        }
        for word in forbidden {
            assert!(!text.contains(word), "{name} uses `{word}`: {instead}");
        }
    }
}

/// Only the template layer makes raw markup: `PreEscaped` and a hand-made
/// `Render` would put unescaped text into `innerHTML`.
#[test]
fn only_the_template_layer_makes_raw_markup() {
    only_in(
        "src/html.rs",
        &["PreEscaped", "impl maud::Render", "Render for", "maud::"],
        "markup comes from crate::html only",
    );
}

/// Only `crate::dom` sets `innerHTML` (clippy's disallowed-methods says the
/// same for method calls; this also catches Leptos' `inner_html` attribute).
#[test]
fn only_dom_sets_inner_html() {
    only_in(
        "src/dom.rs",
        &["set_inner_html", "inner_html="],
        "draw with crate::dom",
    );
}

/// Only `crate::storage` touches browser storage.
#[test]
fn only_storage_touches_browser_storage() {
    only_in(
        "src/storage.rs",
        &["local_storage", "localStorage", "indexed_db", "indexedDB"],
        "go through crate::storage",
    );
}
