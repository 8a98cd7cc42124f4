//! The ABI near-sdk generates for a contract using `#[parallel_calls]`, as `cargo near abi`
//! extracts it: built with near-sdk's `__abi-generate`, the contract exports one
//! `__near_abi_<first method>` function per impl block answering its ABI chunk as JSON.
//! Run with `cargo test -p portfolio --features abi --test abi`.
#![cfg(feature = "abi")]

// Keep the contract linked in, so its exported ABI function is found.
use portfolio as _;
use serde_json::Value;

// near-sdk declares it returning a Rust tuple; both sides are compiled by the same rustc,
// which is all cargo-near relies on too.
#[allow(improper_ctypes)]
extern "C" {
    fn __near_abi_get_portfolio_summary() -> (*const u8, usize);
}

fn chunk() -> Value {
    // SAFETY: near-sdk's generated function returns a leaked, fully initialized buffer of
    // `len` bytes that is never freed or written again.
    let bytes = unsafe {
        let (ptr, len) = __near_abi_get_portfolio_summary();
        std::slice::from_raw_parts(ptr, len)
    };
    serde_json::from_slice(bytes).expect("the ABI chunk is JSON")
}

fn function<'a>(chunk: &'a Value, name: &str) -> &'a Value {
    chunk["functions"]
        .as_array()
        .unwrap_or_else(|| panic!("no functions in the ABI chunk: {chunk:#}"))
        .iter()
        .find(|function| function["name"] == name)
        .unwrap_or_else(|| panic!("no `{name}` in the ABI: {chunk:#}"))
}

/// The names of a function's JSON arguments, in order.
fn arg_names(function: &Value) -> Vec<&str> {
    function["params"]["args"]
        .as_array()
        .expect("JSON arguments")
        .iter()
        .map(|arg| arg["name"].as_str().expect("a name"))
        .collect()
}

#[test]
fn the_fan_out_is_a_call_with_its_own_arguments_and_returns_a_promise() {
    let chunk = chunk();
    let fan_out = function(&chunk, "get_portfolio_summary");
    assert_eq!(fan_out["kind"], "call");
    let args = arg_names(fan_out);
    // The calls' parameters are gone; the fan-out's own arguments stay.
    assert_eq!(
        args,
        [
            "user_account",
            "token_contract",
            "lending_contract",
            "dex_contract"
        ]
    );
    assert!(fan_out["modifiers"].as_array().is_none_or(Vec::is_empty));
    assert!(fan_out["result"].is_object(), "{fan_out:#}");
}

#[test]
fn the_callback_is_private_and_answers_the_summary() {
    let chunk = chunk();
    let callback = function(&chunk, "get_portfolio_summary_callback");
    assert_eq!(callback["kind"], "call");
    assert_eq!(callback["modifiers"], serde_json::json!(["private"]));
    let args = arg_names(callback);
    // Only what the aggregation uses is forwarded.
    assert_eq!(args, ["user_account"]);
    let result = callback["result"]["type_schema"].to_string();
    assert!(result.contains("PortfolioSummary"), "{result}");
}
