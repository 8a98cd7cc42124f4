//! The executor run on a small WAT contract, `probe.wat`, deployed on every account.

mod money_and_state;
mod promises;
mod single_receipt;
mod smoke;

use super::{Call, Executor, ONE_NEAR};

/// Gas a test transaction attaches: 300 Tgas.
const TX_GAS: u64 = 300_000_000_000_000;

/// a.near, b.near and caller.near, each with the probe contract and 100 NEAR; alice.near
/// with 10 NEAR and no contract.
fn chain() -> Executor {
    let wasm = wat::parse_str(include_str!("probe.wat")).expect("probe.wat parses");
    let mut chain = Executor::new();
    for account in ["a.near", "b.near", "caller.near"] {
        chain.create_account(account, 100 * ONE_NEAR);
        chain.deploy(account, &wasm);
    }
    chain.create_account("alice.near", 10 * ONE_NEAR);
    chain
}

fn call(receiver: &str, method: &str, args: &[u8]) -> Call {
    Call::new("alice.near", receiver, method)
        .args(args)
        .gas(TX_GAS)
}
