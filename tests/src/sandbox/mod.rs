//! The scenarios on a real NEAR node: a sandbox `neard` started through near-workspaces 0.24.
//!
//! [`Sandbox`] is a [`Backend`] like the executor: it runs the same [`Scenario`]s and answers
//! the same [`Report`], so [`check`](crate::scenarios::check) judges both alike. Each
//! scenario gets a fresh node; its accounts are created under the same names as on the
//! executor, with whatever parents the node lacks (a top-level one by the registrar), its
//! contracts deployed from the same wasm, and its calls signed by the accounts the table
//! names. Where the executor and a node differ, the report says so: blocks are counted from
//! the block that included the transaction, and an answer holding a timestamp is checked
//! against the answering block's.
//!
//! The node is never downloaded: [`Sandbox::locate`] finds one the way near-workspaces does
//! (see [`node`]) or says why it cannot, before any node starts.
//!
//! ```no_run
//! use parallel_tests::sandbox::Sandbox;
//! use parallel_tests::scenarios::{self, check, Backend};
//!
//! let mut node = Sandbox::locate().unwrap_or_else(|no_node| panic!("{no_node}"));
//! for scenario in scenarios::all() {
//!     let report = node.run(&scenario);
//!     check(&scenario, &report).unwrap();
//! }
//! ```

pub mod blocks;
pub mod node;
mod run;

pub use node::NoNode;

use crate::scenarios::{Backend, Report, Scenario};
use std::path::PathBuf;

/// A sandbox node per scenario, driven from a Tokio runtime of its own so that callers stay
/// synchronous, as they are with the executor.
pub struct Sandbox {
    node: PathBuf,
    runtime: tokio::runtime::Runtime,
}

impl Sandbox {
    /// Finds the node; starts nothing yet.
    ///
    /// # Errors
    ///
    /// [`NoNode`], whose text says what to set, when no node can be had without a download.
    pub fn locate() -> Result<Self, NoNode> {
        let node = node::require()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a Tokio runtime can be built");
        Ok(Sandbox { node, runtime })
    }
}

impl Backend for Sandbox {
    fn describe(&self) -> String {
        format!(
            "a NEAR sandbox node ({}) through near-workspaces 0.24",
            self.node.display()
        )
    }

    fn run(&mut self, scenario: &Scenario) -> Report {
        self.runtime
            .block_on(run::run(scenario))
            .unwrap_or_else(|failure| {
                panic!(
                    "{} / {} / {} on the sandbox: {failure}",
                    scenario.demo, scenario.implementation, scenario.name
                )
            })
    }
}
