//! Finding the sandbox node without ever downloading one.
//!
//! near-workspaces 0.24 starts the node through near-sandbox 0.4, which takes the binary
//! from `NEAR_SANDBOX_BIN_PATH` when it is set and otherwise from its own install folder
//! (`.near/near-sandbox-<version>/near-sandbox` under near-sandbox's build output, or under
//! `$HOME` with its `global_install` feature), downloading it there when it is missing. We
//! look in the same places first, and when we find a node we pin it in
//! `NEAR_SANDBOX_BIN_PATH`, so that near-sandbox takes exactly that file and never reaches
//! its download.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The environment variable near-sandbox reads the node's path from.
pub const BIN_PATH_VAR: &str = "NEAR_SANDBOX_BIN_PATH";

/// The sandbox version near-workspaces 0.24 starts, and so the one whose install folder
/// we look in.
pub const VERSION: &str = near_sandbox::DEFAULT_NEAR_SANDBOX_VERSION;

/// Why no sandbox node can be had; its `Display` is the message the suite fails with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoNode {
    /// `NEAR_SANDBOX_BIN_PATH` names a file that is not there.
    Missing(PathBuf),
    /// `NEAR_SANDBOX_BIN_PATH` is unset and no installed node was found at these paths.
    NotFound(Vec<PathBuf>),
}

impl fmt::Display for NoNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoNode::Missing(path) => write!(
                f,
                "no NEAR sandbox node: {BIN_PATH_VAR} is {}, which is not a file",
                path.display()
            )?,
            NoNode::NotFound(looked) => {
                write!(
                    f,
                    "no NEAR sandbox node: {BIN_PATH_VAR} is not set and none is installed"
                )?;
                let looked: Vec<String> = looked.iter().map(|p| p.display().to_string()).collect();
                write!(f, " (looked for {})", looked.join(", "))?;
            }
        }
        write!(
            f,
            "; set {BIN_PATH_VAR} to a sandbox `neard` (nearcore {VERSION}, the version \
             near-workspaces 0.24 expects, built with nearcore's `sandbox` feature). This \
             suite never downloads a node"
        )
    }
}

impl std::error::Error for NoNode {}

/// The sandbox node near-workspaces would use, pinned in `NEAR_SANDBOX_BIN_PATH`.
///
/// Decided once per process: the variable is set before any node starts, and the answer
/// does not change while tests run.
///
/// # Errors
///
/// [`NoNode`] when `NEAR_SANDBOX_BIN_PATH` names no file, or is unset and no installed node
/// is found.
pub fn require() -> Result<PathBuf, NoNode> {
    static FOUND: OnceLock<Result<PathBuf, NoNode>> = OnceLock::new();
    FOUND
        .get_or_init(|| {
            let roots = search_roots();
            let path = locate(std::env::var_os(BIN_PATH_VAR), &roots)?;
            if std::env::var_os(BIN_PATH_VAR).is_none() {
                // Pinned so that near-sandbox cannot fall through to its download.
                std::env::set_var(BIN_PATH_VAR, &path);
            }
            Ok(path)
        })
        .clone()
}

/// Where the node is, given `NEAR_SANDBOX_BIN_PATH`'s value and the folders in which an
/// installed node may be (see [`install_candidates`]).
pub fn locate(bin_path: Option<OsString>, roots: &SearchRoots) -> Result<PathBuf, NoNode> {
    if let Some(path) = bin_path.filter(|value| !value.is_empty()) {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(NoNode::Missing(path))
        };
    }
    let candidates = install_candidates(roots);
    candidates
        .iter()
        .find(|path| path.is_file())
        .cloned()
        .ok_or(NoNode::NotFound(candidates))
}

/// The folders an installed node is looked for under.
#[derive(Clone, Debug, Default)]
pub struct SearchRoots {
    /// Cargo's profile folders (`target/debug`), whose `build/near-sandbox-*/out` is where
    /// near-sandbox installs the node by default.
    pub profiles: Vec<PathBuf>,
    /// The home folder, under which near-sandbox's `global_install` puts the node.
    pub home: Option<PathBuf>,
}

/// The profile folders above the running executable, and `$HOME`.
fn search_roots() -> SearchRoots {
    let exe = std::env::current_exe().ok();
    let profiles = exe
        .iter()
        .flat_map(|exe| exe.ancestors())
        .filter(|dir| dir.join("build").is_dir())
        .map(Path::to_path_buf)
        .collect();
    SearchRoots {
        profiles,
        home: std::env::var_os("HOME").map(PathBuf::from),
    }
}

/// Every path where near-sandbox may have installed the node of [`VERSION`].
pub fn install_candidates(roots: &SearchRoots) -> Vec<PathBuf> {
    let installed = Path::new(".near")
        .join(format!("near-sandbox-{VERSION}"))
        .join("near-sandbox");
    let mut candidates = Vec::new();
    for profile in &roots.profiles {
        let Ok(entries) = std::fs::read_dir(profile.join("build")) else {
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|entry| {
                entry
                    .file_name()
                    .to_string_lossy()
                    .starts_with("near-sandbox-")
            })
            .map(|entry| entry.path().join("out").join(&installed))
            .collect();
        found.sort();
        candidates.extend(found);
    }
    candidates.extend(roots.home.iter().map(|home| home.join(&installed)));
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A directory of the test's own, removed when the test ends.
    struct Scratch(PathBuf);

    impl std::ops::Deref for Scratch {
        type Target = std::path::Path;

        fn deref(&self) -> &std::path::Path {
            &self.0
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn scratch(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("parallel-node-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    #[test]
    fn an_explicit_path_wins_when_it_is_a_file() {
        let dir = scratch("explicit");
        let node = dir.join("neard");
        std::fs::write(&node, b"").unwrap();
        let found = locate(Some(node.clone().into()), &SearchRoots::default());
        assert_eq!(found, Ok(node));
    }

    #[test]
    fn an_explicit_path_to_nothing_is_an_error_not_a_search() {
        let dir = scratch("missing");
        let installed = dir
            .join("home/.near")
            .join(format!("near-sandbox-{VERSION}"));
        std::fs::create_dir_all(&installed).unwrap();
        std::fs::write(installed.join("near-sandbox"), b"").unwrap();
        let roots = SearchRoots {
            profiles: Vec::new(),
            home: Some(dir.join("home")),
        };
        let missing = dir.join("no-such-neard");
        let error = locate(Some(missing.clone().into()), &roots).unwrap_err();
        assert_eq!(error, NoNode::Missing(missing));
        assert!(error.to_string().contains("which is not a file"), "{error}");
    }

    #[test]
    fn a_node_installed_by_near_sandbox_is_found() {
        let dir = scratch("installed");
        let out = dir.join("debug/build/near-sandbox-0123abcd/out/.near");
        let bin = out.join(format!("near-sandbox-{VERSION}/near-sandbox"));
        std::fs::create_dir_all(bin.parent().unwrap()).unwrap();
        std::fs::write(&bin, b"").unwrap();
        let roots = SearchRoots {
            profiles: vec![dir.join("debug")],
            home: None,
        };
        assert_eq!(locate(None, &roots), Ok(bin));
    }

    #[test]
    fn without_a_node_the_message_says_where_it_looked_and_what_to_set() {
        let dir = scratch("none");
        let roots = SearchRoots {
            profiles: Vec::new(),
            home: Some(dir.to_path_buf()),
        };
        let error = locate(None, &roots).unwrap_err();
        let text = error.to_string();
        assert!(text.starts_with("no NEAR sandbox node"), "{text}");
        assert!(text.contains(&dir.display().to_string()), "{text}");
        assert!(text.contains("set NEAR_SANDBOX_BIN_PATH"), "{text}");
        assert!(text.contains("never downloads"), "{text}");
    }
}
