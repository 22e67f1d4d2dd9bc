//! Finds the `shared/` folder (seeds, evaluation corpora, spec) that sits
//! beside the repository: `$NEWSGRAPH_SHARED` if set, else the first
//! `shared` directory beside the current directory or one of its ancestors.

use std::path::{Path, PathBuf};

/// Path of `relative` inside the shared folder, if that exists.
pub fn shared_path(relative: &str) -> Option<PathBuf> {
    candidates().map(|root| root.join(relative)).find(|path| path.exists())
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
