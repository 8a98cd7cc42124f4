//! Block heights and their timestamps.

/// Nanoseconds in one second.
const SECOND_NS: u64 = 1_000_000_000;

/// The chain's notion of time: the height the next transaction lands in, and the
/// timestamp of any height (a block every `block_time_ns`).
#[derive(Clone, Copy, Debug)]
pub(super) struct Clock {
    pub height: u64,
    /// Timestamp of height 0.
    pub genesis_ns: u64,
    pub block_time_ns: u64,
}

impl Clock {
    /// Starts at height 1, with blocks one second apart from 2025-01-01T00:00:00Z.
    pub fn new() -> Self {
        Clock {
            height: 1,
            genesis_ns: 1_735_689_600 * SECOND_NS,
            block_time_ns: SECOND_NS,
        }
    }

    pub fn timestamp_ns(&self, height: u64) -> u64 {
        self.genesis_ns
            .saturating_add(height.saturating_mul(self.block_time_ns))
    }
}
