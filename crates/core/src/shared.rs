//! Finds the `shared/` folder (seeds, evaluation corpora, spec) that sits
//! beside the repository: `$NEWSGRAPH_SHARED` if set, else the first
//! `shared` directory beside the current directory or one of its ancestors.
//!
//! Tests that need it call [`require`]: when it is missing they are
//! recorded as skipped (the test script prints the count at the end), and
//! with `CI=true` they fail, so a CI run cannot pass without the corpora.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Path of `relative` inside the shared folder, if that exists.
pub fn shared_path(relative: &str) -> Option<PathBuf> {
    candidates().map(|root| root.join(relative)).find(|path| path.exists())
}

/// For tests: the path of `relative` inside the shared folder. When it is
/// missing, the test `test` is recorded as skipped and `None` is returned;
/// under `CI=true` a missing folder is a failure instead.
pub fn require(relative: &str, test: &str) -> Option<PathBuf> {
    if let Some(path) = shared_path(relative) {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|value| value == "true") {
        panic!("{test}: ../shared/{relative} is missing, and under CI=true a test that cannot run fails");
    }
    eprintln!("SKIPPED {test}: ../shared/{relative} is missing");
    record_skip(test, relative);
    None
}

/// Appends one line to `target/skipped-tests.txt`, which the test script
/// counts and clears.
fn record_skip(test: &str, relative: &str) {
    let Some(target) = target_dir() else { return };
    let _ = std::fs::create_dir_all(&target);
    if let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(target.join("skipped-tests.txt")) {
        let _ = writeln!(file, "{test}\t../shared/{relative}");
    }
}

/// The workspace's `target` folder (or `$CARGO_TARGET_DIR`).
fn target_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return Some(PathBuf::from(dir));
    }
    let manifest = PathBuf::from(option_env!("CARGO_MANIFEST_DIR")?);
    manifest.ancestors().find(|dir| dir.join("Cargo.lock").exists()).map(|root| root.join("target"))
}

fn candidates() -> impl Iterator<Item = PathBuf> {
    let from_env = std::env::var_os("NEWSGRAPH_SHARED").map(PathBuf::from);
    let cwd = std::env::current_dir().ok();
    let manifest = option_env!("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let ancestors = [cwd, manifest]
        .into_iter()
        .flatten()
        .flat_map(|dir| dir.ancestors().map(Path::to_path_buf).collect::<Vec<_>>())
        .map(|dir| dir.join("shared"));
    from_env.into_iter().chain(ancestors)
}
