//! **Architecture invariant:** the core knows nothing about the browser.
//! Walks the resolved dependency graph from `cargo metadata` and fails if
//! `zichtbaar-core` reaches a browser or UI crate by any path.

use std::collections::{BTreeSet, HashMap};
use std::process::Command;

use serde_json::Value;

const FORBIDDEN: [&str; 5] = ["leptos", "web-sys", "wasm-bindgen", "js-sys", "gloo"];

fn is_forbidden(name: &str) -> bool {
    FORBIDDEN.iter().any(|f| {
        name == *f || name.starts_with(&format!("{f}-")) || name.starts_with(&format!("{f}_"))
    })
}

/// Names of every package reachable from `root` through normal and build
/// dependencies (dev-dependencies do not ship).
fn reachable(metadata: &Value, root: &str) -> BTreeSet<String> {
    let names: HashMap<&str, &str> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let nodes: HashMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let start = names
        .iter()
        .find(|(_, name)| **name == root)
        .map(|(id, _)| *id)
        .unwrap_or_else(|| panic!("{root} not in cargo metadata"));
    let mut seen = BTreeSet::new();
    let mut stack = vec![start];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let shipped = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].is_null() || k["kind"] == "build");
            if shipped {
                stack.push(dep["pkg"].as_str().unwrap());
            }
        }
    }
    seen.into_iter().map(|id| names[id].to_owned()).collect()
}

fn metadata() -> Value {
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON")
}

#[test]
fn core_does_not_depend_on_browser_crates() {
    let metadata = metadata();
    let leaks: Vec<String> = reachable(&metadata, "zichtbaar-core")
        .into_iter()
        .filter(|n| is_forbidden(n))
        .collect();
    assert!(leaks.is_empty(), "zichtbaar-core reaches {leaks:?}");
}

#[test]
fn the_check_sees_browser_crates_where_they_are() {
    // The app crate does use them: if this fails, the walk above is blind.
    let reached = reachable(&metadata(), "zichtbaar");
    for name in ["leptos", "web-sys", "wasm-bindgen", "js-sys"] {
        assert!(
            reached.contains(name),
            "walk does not see {name} under the app"
        );
    }
}
