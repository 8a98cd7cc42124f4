//! Declarative, failure-tolerant NEAR cross-contract fan-outs.
//!
//! A contract that needs answers from several contracts at once marks a method with
//! `#[parallel_calls]` and declares each call on the parameter its answer binds to. The
//! attribute turns the method into two:
//!
//! - the **fan-out**, the public method, which schedules one promise per call, joined with
//!   `and` in declaration order, then a call to the callback on the contract itself;
//! - the **callback**, `<method>_callback`, which is `#[private]`, checks it got one
//!   result per call, reads each result with a size cap, decodes it into the parameter's
//!   type, and runs the method's body with every parameter bound by name.
//!
//! Nothing in the callback panics because a callee misbehaved: a call that failed,
//! answered too much or answered something that does not decode gives its `fallback`, or
//! a [`CallError`] saying which of those happened. Only a *required* call (a plain value
//! type, no fallback) fails the callback, with a message naming the call.
//!
//! # Example
//!
//! ```
//! use near_sdk::{near, AccountId, PanicOnDefault};
//! use parallel_runtime::{parallel_calls, CallResult};
//!
//! #[near(contract_state)]
//! #[derive(PanicOnDefault)]
//! pub struct Aggregator {
//!     hello_account: AccountId,
//!     counter_account: AccountId,
//! }
//!
//! #[parallel_calls] // above #[near]: it must expand first
//! #[near]
//! impl Aggregator {
//!     #[init]
//!     pub fn new(hello_account: AccountId, counter_account: AccountId) -> Self {
//!         Self { hello_account, counter_account }
//!     }
//!
//!     /// Greeting and count in one answer; a failed call shows as such.
//!     #[parallel_calls(callback_gas = 10 Tgas)]
//!     pub fn summary(
//!         &mut self,
//!         #[call(self.hello_account, "get_greeting", gas = 5 Tgas)] hello: CallResult<String>,
//!         #[call(self.counter_account, "get_num", gas = 5 Tgas, fallback = 0)] counter: i8,
//!     ) -> String {
//!         let hello = hello.unwrap_or_else(|error| error.to_string());
//!         format!("{hello} / {counter}")
//!     }
//! }
//! ```
//!
//! `summary` now takes no arguments and returns a `Promise`; `summary_callback` answers
//! the `String`.
//!
//! # Declaring calls
//!
//! `#[call(receiver, "method", options...)]` on a parameter. The receiver is any
//! expression giving an `AccountId` (a field of `self`, an argument of the method); it is
//! evaluated in the fan-out. Instead of `"method"`, a call may go through a near-sdk
//! `#[ext_contract]` typed interface, `ext_ft_core::ft_balance_of(account.clone())`: the
//! interface checks and encodes the arguments, while the fan-out still sets the receiver,
//! gas and deposit and names the call in its event (no `args` or `serializer` then).
//! Options:
//!
//! | option | meaning | default |
//! |---|---|---|
//! | `args = { key: value, ... }` | a JSON object; literal leaves are encoded at compile time | `{}` |
//! | `args = expr` | any `Serialize` value (or `BorshSerialize` with `serializer = borsh`) | |
//! | `gas = 5 Tgas` | static gas (`gas`, `Ggas`, `Tgas`, `Pgas`), or an expression of type `Gas` | the list's |
//! | `weight = 1` | share of the unused gas | the list's, else 0 |
//! | `deposit = 1 NEAR` | attached deposit (`yoctoNEAR`, `milliNEAR`, `NEAR`) or a `NearToken` | none |
//! | `fallback = expr` | the value when the call gives none | required |
//! | `max_len = 16 KiB` | the most bytes of the answer that are read; the callback reserves gas to read that many ([`gas::read_reserve`]) | 16 KiB |
//! | `serializer = borsh` | encode `args` with Borsh | `json` |
//! | `result_serializer = borsh` | decode the answer with Borsh | `json` |
//!
//! The parameter's type says how the aggregation takes the answer:
//!
//! - `T` with `fallback`: the answer, or the fallback when there is none;
//! - `CallResult<T>`: the answer, or a [`CallError`] saying why there is none;
//! - `T` alone: a required call; without an answer the callback fails naming it;
//! - `_`: the call is made, its answer is not read.
//!
//! A `()` type accepts an empty answer. Parameters without `#[call]` are the fan-out's own
//! arguments; those the body mentions reach the callback as its arguments.
//!
//! `#[call(for token in tokens, token, "ft_balance_of", ...)] balances: Vec<CallResult<U128>>`
//! is a *dynamic call*: one call per item of a list known at run time, results in the list's
//! order, past 128 calls through a tree of joins. See [`dynamic`].
//!
//! # List options
//!
//! `#[parallel_calls(...)]` on the method:
//!
//! | option | meaning | default |
//! |---|---|---|
//! | `callback_gas = 10 Tgas` | static gas for the callback's aggregation, which gets no share of unused gas, so it cannot be starved; the fan-out adds what reading the answers up to their caps costs | [`gas::DEFAULT_CALLBACK_GAS`] |
//! | `callback = name` | the callback's name | `<method>_callback` |
//! | `gas`, `weight`, `max_len` | defaults for the calls | |
//! | `events = false` | no failure event (see [`events`]) | on |
//! | `refund_to = expr` | the `AccountId` NEAR refunds a failed call's deposit to, evaluated in the fan-out; the caller must attach the calls' deposits (the method must be `#[payable]`) | this contract |
//!
//! Before scheduling anything, the fan-out checks that the gas left covers every call's
//! static gas plus the callback's (with its reading reserve), and fails naming the
//! shortfall otherwise.
//!
//! # Failures and deposits
//!
//! When calls failed, the callback logs one NEP-297 event naming each of them, its
//! receiver, method and [`FailureKind`] (see [`events`]). NEAR refunds a failed call's
//! deposit to the account that made the call, this contract, not to the user who paid it:
//! `refund_to` names another account on each call that carries a deposit, and NEAR refunds
//! it there directly. The contract never relays a refund: its callback cannot tell a callee
//! that failed (and was refunded) from one that kept the deposit and failed later, in a
//! promise it returned, so relaying on `Failed` would pay out what never came back.
//!
//! Since the refunds go to an account the caller may name, a fan-out with `refund_to` makes
//! the caller pay the calls' deposits: before scheduling anything it fails unless the
//! attached deposit covers them all (a dynamic call's deposit once per item), and it must be
//! `#[payable]` (a compile error says so). Whatever is attached beyond the deposits stays
//! with the contract, as in any payable method.
//!
//! ```
//! use near_sdk::{near, AccountId, PanicOnDefault};
//! use parallel_runtime::{parallel_calls, CallResult};
//!
//! #[near(contract_state)]
//! #[derive(PanicOnDefault)]
//! pub struct Tipper {
//!     guestbooks: (AccountId, AccountId),
//! }
//!
//! #[parallel_calls]
//! #[near]
//! impl Tipper {
//!     /// Tips both guestbooks 1 NEAR; a failed tip goes back to whoever paid it.
//!     #[payable]
//!     #[parallel_calls(gas = 10 Tgas, refund_to = tipper)]
//!     pub fn tip_both(
//!         &mut self,
//!         tipper: AccountId,
//!         #[call(self.guestbooks.0, "add_message", args = { text: "thanks" }, deposit = 1 NEAR)]
//!         first: CallResult<()>,
//!         #[call(self.guestbooks.1, "add_message", args = { text: "thanks" }, deposit = 1 NEAR)]
//!         second: CallResult<()>,
//!     ) -> u8 {
//!         u8::from(first.is_ok()) + u8::from(second.is_ok())
//!     }
//! }
//! ```

#![deny(missing_docs)]

mod result;

pub mod decode;
pub mod dynamic;
pub mod events;
pub mod gas;
#[cfg(feature = "testing")]
pub mod testing;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use parallel_macros::parallel_calls;
pub use result::{CallError, CallResult, FailureKind};
