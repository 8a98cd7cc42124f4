//! Running a generated callback in a contract's own unit tests, with mocked results named
//! by call, not by index. Behind the `testing` feature (which turns on near-sdk's
//! `unit-testing`): add `parallel-runtime = { ..., features = ["testing"] }` to
//! `[dev-dependencies]`.
//!
//! The attribute gives every fan-out a constant listing its calls in result order,
//! `<FAN_OUT>_CALLS` (e.g. `Aggregator::MULTIPLE_CONTRACTS_CALLS`); [`MockResults`] takes
//! it, lets the test say what each call answered, and sets near-sdk's mocked blockchain
//! up so the callback runs as it would after its fan-out: called by the contract itself,
//! with one result per call.
//!
//! ```
//! use near_sdk::{near, AccountId, PanicOnDefault};
//! use parallel_runtime::testing::MockResults;
//! use parallel_runtime::{parallel_calls, CallResult};
//!
//! #[near(contract_state)]
//! #[derive(PanicOnDefault)]
//! pub struct Summary {
//!     hello: AccountId,
//!     counter: AccountId,
//! }
//!
//! #[parallel_calls]
//! #[near]
//! impl Summary {
//!     #[parallel_calls(gas = 5 Tgas)]
//!     pub fn summary(
//!         &mut self,
//!         #[call(self.hello, "get_greeting")] hello: CallResult<String>,
//!         #[call(self.counter, "get_num", fallback = -1)] counter: i8,
//!     ) -> String {
//!         format!("{} / {counter}", hello.unwrap_or_else(|error| error.to_string()))
//!     }
//! }
//!
//! let mut contract = Summary { hello: "h.near".parse().unwrap(), counter: "c.near".parse().unwrap() };
//!
//! MockResults::new(Summary::SUMMARY_CALLS).value("hello", "Howdy").value("counter", 7).install();
//! assert_eq!(contract.summary_callback(), "Howdy / 7");
//!
//! MockResults::new(Summary::SUMMARY_CALLS).failure("hello").raw("counter", b"oops").install();
//! assert_eq!(contract.summary_callback(), "call `hello` (get_greeting) failed / -1");
//! ```

use near_sdk::test_utils::VMContextBuilder;
use near_sdk::{testing_env, PromiseResult, RuntimeFeesConfig};

/// What each call of one fan-out answered, for a unit test of its callback.
#[derive(Debug)]
pub struct MockResults {
    calls: &'static [&'static str],
    results: Vec<Option<PromiseResult>>,
}

impl MockResults {
    /// Results for the fan-out whose calls are `calls`: its `<FAN_OUT>_CALLS` constant.
    ///
    /// ```
    /// let results = parallel_runtime::testing::MockResults::new(&["hello", "counter"]);
    /// ```
    pub fn new(calls: &'static [&'static str]) -> Self {
        MockResults {
            calls,
            results: calls.iter().map(|_| None).collect(),
        }
    }

    /// `call` answered `value` as JSON.
    ///
    /// ```
    /// # use parallel_runtime::testing::MockResults;
    /// MockResults::new(&["hello"]).value("hello", "Howdy");
    /// ```
    pub fn value(self, call: &str, value: impl near_sdk::serde::Serialize) -> Self {
        let bytes = near_sdk::serde_json::to_vec(&value)
            .unwrap_or_else(|error| panic!("cannot encode the value for `{call}`: {error}"));
        self.raw(call, &bytes)
    }

    /// `call` answered `value` as Borsh.
    ///
    /// ```
    /// # use parallel_runtime::testing::MockResults;
    /// MockResults::new(&["balance"]).borsh("balance", 7u128);
    /// ```
    pub fn borsh(self, call: &str, value: impl near_sdk::borsh::BorshSerialize) -> Self {
        let bytes = near_sdk::borsh::to_vec(&value)
            .unwrap_or_else(|error| panic!("cannot encode the value for `{call}`: {error}"));
        self.raw(call, &bytes)
    }

    /// `call` answered exactly these bytes (say, a payload that does not decode).
    ///
    /// ```
    /// # use parallel_runtime::testing::MockResults;
    /// MockResults::new(&["hello"]).raw("hello", b"not json {");
    /// ```
    pub fn raw(self, call: &str, bytes: &[u8]) -> Self {
        self.set(call, PromiseResult::Successful(bytes.to_vec()))
    }

    /// `call` failed.
    ///
    /// ```
    /// # use parallel_runtime::testing::MockResults;
    /// MockResults::new(&["hello"]).failure("hello");
    /// ```
    pub fn failure(self, call: &str) -> Self {
        self.set(call, PromiseResult::Failed)
    }

    fn set(mut self, call: &str, result: PromiseResult) -> Self {
        let Some(index) = self.calls.iter().position(|name| *name == call) else {
            panic!(
                "the fan-out has no call named `{call}`; its calls are {:?}",
                self.calls
            );
        };
        self.results[index] = Some(result);
        self
    }

    /// Installs the results in near-sdk's mocked blockchain, with the contract
    /// `contract.test.near` calling itself, as after its fan-out.
    ///
    /// # Panics
    ///
    /// When a call has no result: every call of a fan-out answers something.
    pub fn install(self) {
        let mut context = VMContextBuilder::new();
        context.current_account_id("contract.test.near".parse().expect("a valid account id"));
        self.install_with(context);
    }

    /// Installs the results with the test's own context; the predecessor is set to the
    /// context's current account, as after the fan-out.
    ///
    /// ```
    /// # use parallel_runtime::testing::MockResults;
    /// use near_sdk::test_utils::VMContextBuilder;
    ///
    /// let mut context = VMContextBuilder::new();
    /// context.current_account_id("dashboard.near".parse().unwrap());
    /// MockResults::new(&["hello"]).failure("hello").install_with(context);
    /// assert_eq!(near_sdk::env::predecessor_account_id(), "dashboard.near");
    /// ```
    pub fn install_with(self, mut context: VMContextBuilder) {
        let missing: Vec<&str> = self
            .calls
            .iter()
            .zip(&self.results)
            .filter(|(_, result)| result.is_none())
            .map(|(name, _)| *name)
            .collect();
        assert!(
            missing.is_empty(),
            "no mocked result for {missing:?}: give every call one"
        );
        let current = context.context.current_account_id.clone();
        context.predecessor_account_id(current);
        let results: Vec<PromiseResult> = self.results.into_iter().flatten().collect();
        testing_env!(
            context.build(),
            near_sdk::test_vm_config(),
            RuntimeFeesConfig::test(),
            Default::default(),
            results
        );
    }
}
