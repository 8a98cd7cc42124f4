//! Test support for the parallel fan-out framework.
//!
//! The [`executor`] module runs real contract wasm offline: it executes NEAR receipts with
//! nearcore's own contract runtime (`near-vm-runner`) and routes the receipts a method creates
//! between accounts the way a node does, block by block. The demo and the integration tests
//! use it where a sandbox node is not available. The [`sandbox`] module runs the same
//! scenarios on a NEAR sandbox node through near-workspaces, where one is installed.

pub mod executor;
pub mod sandbox;
pub mod scenarios;
pub mod wasm;
