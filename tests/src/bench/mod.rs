//! The benchmark behind `scripts/bench.sh`: generated fan-outs against hand-written ones.

pub mod dynamic;
pub mod generate;
pub mod markdown;
pub mod measure;
pub mod report;
pub mod timing;
