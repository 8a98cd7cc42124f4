//! The reference page's `multiple_contracts`, written with `#[parallel_calls]`: one call
//! each to the hello, counter and guestbook contracts, at once, and one answer built from
//! all three.
//!
//! Answers, as the tests assert them:
//!
//! - all three answered: `Hello: <greeting>, Counter: <n>, Messages: <k> total`;
//! - hello gave no usable answer: its part names the call and why, e.g.
//!   ``Hello: call `hello` (get_greeting) failed``;
//! - counter gave none: its fallback, `Counter: 0`;
//! - guestbook gave none: its fallback, an empty list, `Messages: 0 total`.

use near_sdk::{near, AccountId, PanicOnDefault};
use parallel_runtime::{parallel_calls, CallResult};

/// A guestbook message, as the guestbook answers it.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostedMessage {
    pub premium: bool,
    pub sender: AccountId,
    pub text: String,
}

/// The accounts the fan-out calls.
#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Aggregator {
    hello_account: AccountId,
    counter_account: AccountId,
    guestbook_account: AccountId,
}

#[parallel_calls]
#[near]
impl Aggregator {
    #[init]
    pub fn new(
        hello_account: AccountId,
        counter_account: AccountId,
        guestbook_account: AccountId,
    ) -> Self {
        Self {
            hello_account,
            counter_account,
            guestbook_account,
        }
    }

    /// Greeting, count and number of messages, gathered in parallel.
    #[parallel_calls(gas = 5 Tgas, callback_gas = 10 Tgas)]
    pub fn multiple_contracts(
        &mut self,
        #[call(self.hello_account, "get_greeting")] hello: CallResult<String>,
        #[call(self.counter_account, "get_num", fallback = 0)] counter: i8,
        #[call(self.guestbook_account, "get_messages", fallback = Vec::new())] messages: Vec<
            PostedMessage,
        >,
    ) -> String {
        let hello = match hello {
            Ok(greeting) => format!("Hello: {greeting}"),
            Err(error) => format!("Hello: {error}"),
        };
        format!(
            "{hello}, Counter: {counter}, Messages: {} total",
            messages.len()
        )
    }
}

#[cfg(test)]
mod tests;
