//! A call written with near-contract-standards' `#[ext_contract]` NEP-141 interface
//! (`ext_ft_core::ft_balance_of(...)`) instead of a method name, on nearcore's VM: the
//! interface encodes the arguments, the framework still plans the gas and names the call.

use parallel_tests::executor::{Call, Execution, Executor, ONE_NEAR};
use parallel_tests::wasm;

const LAB: &str = "lab.test.near";
const TOKEN: &str = "token.test.near";
const USER: &str = "user.test.near";

fn chain(token_wasm: &str, init: &str) -> Executor {
    let mut chain = Executor::new();
    chain.create_account(USER, 10 * ONE_NEAR);
    chain.deploy(TOKEN, &wasm::load(token_wasm));
    let execution = chain.call(Call::new(TOKEN, TOKEN, "new").args(init.as_bytes().to_vec()));
    assert!(execution.is_success(), "{:?}", execution.result());
    chain.deploy(LAB, &wasm::load("fan_out_lab"));
    let lab = br#"{"first":"first.test.near","second":"second.test.near"}"#.to_vec();
    assert!(chain
        .call(Call::new(LAB, LAB, "new").args(lab))
        .is_success());
    chain
}

fn balance_of(chain: &mut Executor) -> Execution {
    let args = format!(r#"{{"token":"{TOKEN}","account":"{USER}"}}"#).into_bytes();
    let execution = chain.call(Call::new(USER, LAB, "balance_of").args(args));
    assert!(execution.is_success(), "{:?}", execution.result());
    execution
}

#[test]
fn a_typed_call_reaches_the_token_with_the_interfaces_encoding_and_our_gas() {
    let init = format!(r#"{{"owner_id":"{USER}","total_supply":"1000"}}"#);
    let mut chain = chain("fungible_token", &init);
    let execution = balance_of(&mut chain);

    assert_eq!(execution.value(), Some(&br#""1000""#[..]));
    let asked = &execution.calls(TOKEN, "ft_balance_of")[0];
    assert_eq!(
        asked.args,
        format!(r#"{{"account_id":"{USER}"}}"#).into_bytes()
    );
    assert_eq!(asked.gas_attached, 5_000_000_000_000);
}

#[test]
fn a_typed_call_that_fails_gives_its_fallback_and_is_named_in_the_event() {
    let mut chain = chain("misbehaving", r#"{"mode":"panic"}"#);
    let execution = balance_of(&mut chain);

    assert_eq!(execution.value(), Some(&br#""0""#[..]));
    let logs = &execution.calls(LAB, "balance_of_callback")[0].logs;
    assert_eq!(logs.len(), 1);
    assert!(
        logs[0].contains(&format!(
            r#"{{"call":"balance","receiver":"{TOKEN}","method":"ft_balance_of","kind":"failed"}}"#
        )),
        "{}",
        logs[0]
    );
}
