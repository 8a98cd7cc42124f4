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
    /// The dynamic call's name and its items' results, when one was given.
    each: Option<(String, Vec<PromiseResult>)>,
}

/// What one item of a dynamic call answered, for [`MockResults::each`].
///
/// ```
/// use parallel_runtime::testing::Item;
///
/// let items = [Item::value(3), Item::failure(), Item::raw(b"not json")];
/// assert_eq!(items.len(), 3);
/// ```
#[derive(Debug)]
pub struct Item(PromiseResult);

impl Item {
    /// The item answered `value`, as JSON.
    ///
    /// ```
    /// parallel_runtime::testing::Item::value("1000");
    /// ```
    pub fn value(value: impl near_sdk::serde::Serialize) -> Self {
        let bytes = near_sdk::serde_json::to_vec(&value)
            .unwrap_or_else(|error| panic!("cannot encode an item's value: {error}"));
        Item(PromiseResult::Successful(bytes))
    }

    /// The item answered these bytes.
    ///
    /// ```
    /// parallel_runtime::testing::Item::raw(b"\"7\"");
    /// ```
    pub fn raw(bytes: &[u8]) -> Self {
        Item(PromiseResult::Successful(bytes.to_vec()))
    }

    /// The item's call failed.
    ///
    /// ```
    /// parallel_runtime::testing::Item::failure();
    /// ```
    pub fn failure() -> Self {
        Item(PromiseResult::Failed)
    }
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
            each: None,
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

    /// What each item of the dynamic call `call` (`#[call(for x in xs, ...)]`) answered, in
    /// the list's order. Past 128 calls in all, they reach the callback packed by
    /// collectors, as after a real fan-out.
    ///
    /// ```
    /// use parallel_runtime::testing::{Item, MockResults};
    ///
    /// MockResults::new(&["name", "balances"])
    ///     .value("name", "wallet")
    ///     .each("balances", [Item::value("5"), Item::failure()]);
    /// ```
    pub fn each(mut self, call: &str, items: impl IntoIterator<Item = Item>) -> Self {
        if self.calls.last() != Some(&call) {
            panic!(
                "the fan-out's dynamic call is its last, and `{call}` is not: its calls are {:?}",
                self.calls
            );
        }
        let items = items.into_iter().map(|item| item.0).collect();
        self.each = Some((call.to_owned(), items));
        self
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
    pub fn install_with(mut self, mut context: VMContextBuilder) {
        let each = self.each.take();
        let singles = self.calls.len() - usize::from(each.is_some());
        let missing: Vec<&str> = self
            .calls
            .iter()
            .zip(&self.results)
            .take(singles)
            .filter(|(_, result)| result.is_none())
            .map(|(name, _)| *name)
            .collect();
        assert!(
            missing.is_empty(),
            "no mocked result for {missing:?}: give every call one"
        );
        let current = context.context.current_account_id.clone();
        context.predecessor_account_id(current);
        let mut results: Vec<PromiseResult> =
            self.results.into_iter().take(singles).flatten().collect();
        if let Some((_, items)) = each {
            // The fan-out forwards the list's length and how many collectors it went through;
            // the callback reads both from its input.
            let (len, groups) = (
                items.len(),
                crate::dynamic::fewest_groups(singles, items.len()),
            );
            let input = format!(r#"{{"__parallel":";{len};{groups};"}}"#).into_bytes();
            context.context.input = input.into();
            results.extend(dynamic_results(singles, items));
        }
        testing_env!(
            context.build(),
            near_sdk::test_vm_config(),
            RuntimeFeesConfig::test(),
            Default::default(),
            results
        );
    }
}

/// A dynamic call's results as the callback receives them: one per item, or past 128 calls
/// one packed answer per collector.
fn dynamic_results(singles: usize, items: Vec<PromiseResult>) -> Vec<PromiseResult> {
    use crate::dynamic::{fewest_groups, group_range, packing};
    use near_sdk::PromiseError;
    let count = fewest_groups(singles, items.len());
    if count == 0 {
        return items;
    }
    (0..count)
        .map(|group| {
            let mut packed = Vec::new();
            for item in &items[group_range(items.len(), count, group)] {
                let raw = match item {
                    PromiseResult::Successful(bytes) => Ok(bytes.clone()),
                    _ => Err(PromiseError::Failed),
                };
                packing::pack(&mut packed, raw);
            }
            PromiseResult::Successful(packed)
        })
        .collect()
}
