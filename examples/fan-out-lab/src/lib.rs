//! Fan-outs that exist for the tests of hostile and broken callees, not for reading: calls
//! that carry deposits whose failed calls NEAR refunds to the tipper, and a call whose callee
//! may answer the protocol's maximum of 4 MiB to a callback on a small budget; and a call
//! written with a near-sdk `#[ext_contract]` typed interface.

use near_contract_standards::fungible_token::core::ext_ft_core;
use near_sdk::json_types::U128;
use near_sdk::{near, AccountId, NearToken, PanicOnDefault, Promise};
use parallel_runtime::{parallel_calls, CallResult};

/// Two guestbooks to tip and a callee that may answer a lot.
#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Lab {
    first: AccountId,
    second: AccountId,
}

#[parallel_calls]
#[near]
impl Lab {
    #[init]
    pub fn new(first: AccountId, second: AccountId) -> Self {
        Self { first, second }
    }

    /// Posts a tipped message in both guestbooks, 1 NEAR each, paid by the caller; what a
    /// failed post refunds goes back to the caller. Answers how many posts went through.
    #[payable]
    #[parallel_calls(gas = 10 Tgas, refund_to = tipper)]
    pub fn tip_both(
        &mut self,
        tipper: AccountId,
        #[call(self.first, "add_message", args = { text: "thanks" }, deposit = 1 NEAR)]
        first: CallResult<()>,
        #[call(self.second, "add_message", args = { text: "thanks" },
               deposit = NearToken::from_near(1))]
        second: CallResult<()>,
    ) -> u8 {
        u8::from(first.is_ok()) + u8::from(second.is_ok())
    }

    /// Runs `tip_both` twice in one call: both fan-outs draw on the one attached deposit, so
    /// the caller must attach 4 NEAR. Answers the first run's count; the second runs
    /// alongside.
    #[payable]
    pub fn tip_both_twice(&mut self, tipper: AccountId) -> Promise {
        let first = self.tip_both(tipper.clone());
        // Dropping a near-sdk promise schedules it.
        drop(self.tip_both(tipper));
        first
    }

    /// Asks `first` for its greeting with all the gas answering 4 MiB takes, and reads it in
    /// a 5 Tgas callback with a 1 KiB cap.
    #[parallel_calls(callback_gas = 5 Tgas)]
    pub fn greeting_of_first(
        &mut self,
        #[call(self.first, "get_greeting", gas = 300 Tgas, max_len = 1 KiB,
               fallback = "no usable greeting".to_owned())]
        greeting: String,
    ) -> String {
        greeting
    }

    /// The same question with the failure event turned off: nothing is forwarded to the
    /// callback, and nothing is logged when the call fails.
    #[parallel_calls(callback_gas = 5 Tgas, events = false)]
    pub fn quiet_greeting_of_first(
        &mut self,
        #[call(self.first, "get_greeting", gas = 5 Tgas,
               fallback = "no usable greeting".to_owned())]
        greeting: String,
    ) -> String {
        greeting
    }

    /// Each counter's number, in the order given; `None` where a counter gave no usable
    /// answer. A dynamic call: past 128 counters it fans out as a tree of joins. An `i8`
    /// answers at most 4 bytes of JSON, and a cap that small keeps what the collectors and
    /// the callback reserve for reading small, so the list can be long.
    #[parallel_calls(callback_gas = 20 Tgas)]
    pub fn numbers(
        &mut self,
        counters: Vec<AccountId>,
        #[call(for counter in counters, counter, "get_num", gas = 3 Tgas, max_len = 8 B)]
        numbers: Vec<CallResult<i8>>,
    ) -> Vec<Option<i8>> {
        numbers.into_iter().map(Result::ok).collect()
    }

    /// The length of each callee's greeting, in the order given; `None` where it gave no
    /// usable answer. Answers of up to 8 KiB each: past 128 callees, the collectors must
    /// pack and return up to 128 of them, and the callback read them all.
    #[parallel_calls(callback_gas = 10 Tgas)]
    pub fn greeting_lengths(
        &mut self,
        callees: Vec<AccountId>,
        #[call(for callee in callees, callee, "get_greeting", gas = 4 Tgas, max_len = 8 KiB)]
        greetings: Vec<CallResult<String>>,
    ) -> Vec<Option<usize>> {
        greetings
            .into_iter()
            .map(|greeting| greeting.ok().map(|text| text.len()))
            .collect()
    }

    /// `first`'s greeting beside a dynamic call over borrowed items, each failed item -1; the
    /// aggregation still sees the list it iterated.
    #[parallel_calls(gas = 3 Tgas, callback_gas = 20 Tgas)]
    pub fn greeting_and_numbers(
        &mut self,
        counters: Vec<AccountId>,
        #[call(self.first, "get_greeting", fallback = String::new())] greeting: String,
        #[call(for counter in &counters, counter, "get_num", fallback = -1)] numbers: Vec<i8>,
    ) -> (String, Vec<(AccountId, i8)>) {
        (greeting, counters.into_iter().zip(numbers).collect())
    }

    /// `account`'s balance in each token, through the typed NEP-141 interface, every token
    /// required: one that gives no usable answer fails the answer, naming it.
    #[parallel_calls(gas = 5 Tgas)]
    pub fn balances(
        &mut self,
        account: AccountId,
        tokens: Vec<AccountId>,
        #[call(for token in tokens, token, ext_ft_core::ft_balance_of(account.clone()))]
        balances: Vec<U128>,
    ) -> Vec<U128> {
        balances
    }

    /// `account`'s balance in `token`, asked through near-contract-standards' typed NEP-141
    /// interface instead of by method name; `0` when the token gives no usable answer.
    #[parallel_calls(gas = 5 Tgas)]
    pub fn balance_of(
        &mut self,
        token: AccountId,
        account: AccountId,
        #[call(token, ext_ft_core::ft_balance_of(account.clone()), fallback = U128(0))]
        balance: U128,
    ) -> U128 {
        balance
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallel_runtime::testing::{Item, MockResults};

    fn lab() -> Lab {
        Lab::new(
            "first.test.near".parse().unwrap(),
            "second.test.near".parse().unwrap(),
        )
    }

    #[test]
    fn a_dynamic_call_is_mocked_item_by_item() {
        MockResults::new(Lab::NUMBERS_CALLS)
            .each(
                "numbers",
                [Item::value(4), Item::failure(), Item::raw(b"\"x\"")],
            )
            .install();
        assert_eq!(lab().numbers_callback(), vec![Some(4), None, None]);
    }

    #[test]
    fn a_mocked_dynamic_call_past_128_goes_through_collectors() {
        let items = (0..200).map(|index| match index {
            150 => Item::failure(),
            _ => Item::value(index % 100),
        });
        MockResults::new(Lab::NUMBERS_CALLS)
            .each("numbers", items)
            .install();
        let numbers = lab().numbers_callback();
        assert_eq!(numbers.len(), 200);
        assert_eq!(numbers[0], Some(0));
        assert_eq!(numbers[150], None);
        assert_eq!(numbers[199], Some(99));
    }

    #[test]
    fn a_dynamic_call_beside_a_single_call_is_mocked_by_name() {
        MockResults::new(Lab::GREETING_AND_NUMBERS_CALLS)
            .value("greeting", "Hi")
            .each("numbers", [Item::value(1), Item::failure()])
            .install();
        let counters: Vec<AccountId> = vec!["a.near".parse().unwrap(), "b.near".parse().unwrap()];
        let (greeting, numbers) = lab().greeting_and_numbers_callback(counters.clone());
        assert_eq!(greeting, "Hi");
        assert_eq!(
            numbers,
            vec![(counters[0].clone(), 1), (counters[1].clone(), -1)]
        );
    }
}
