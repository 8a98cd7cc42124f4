//! The "guestbook" callee of the parallel-execution demo: anyone can post a message; a message
//! that came with at least 0.01 NEAR is marked premium.
//!
//! JSON interface:
//! - `add_message({"text": "..."})`, payable, records the caller (the predecessor account) as
//!   the sender;
//! - `get_messages({"from_index": "0", "limit": "10"})` answers a JSON array of
//!   `{"premium": bool, "sender": "<account id>", "text": "..."}` in posting order; both
//!   arguments are optional decimal strings (`U64`) and default to 0 and 10;
//! - `total_messages()` answers a JSON number.

use near_sdk::json_types::U64;
use near_sdk::store::Vector;
use near_sdk::{env, near, AccountId, NearToken};

/// The smallest attached deposit that makes a message premium: 0.01 NEAR.
pub const PREMIUM_DEPOSIT: NearToken = NearToken::from_millinear(10);

/// How many messages `get_messages` answers when the caller gives no `limit`.
const DEFAULT_LIMIT: u64 = 10;

/// One posted message, stored with borsh and answered as a JSON object.
#[near(serializers = [borsh, json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostedMessage {
    /// Whether the message came with at least [`PREMIUM_DEPOSIT`].
    pub premium: bool,
    /// The account that called `add_message`.
    pub sender: AccountId,
    /// The message itself.
    pub text: String,
}

/// Contract state: every message in posting order.
#[near(contract_state)]
pub struct Contract {
    messages: Vector<PostedMessage>,
}

impl Default for Contract {
    fn default() -> Self {
        Self {
            messages: Vector::new(b"m"),
        }
    }
}

#[near]
impl Contract {
    /// Posts `text` on behalf of the caller.
    #[payable]
    pub fn add_message(&mut self, text: String) {
        let premium = env::attached_deposit() >= PREMIUM_DEPOSIT;
        let sender = env::predecessor_account_id();
        self.messages.push(PostedMessage {
            premium,
            sender,
            text,
        });
    }

    /// Up to `limit` messages starting at index `from_index`, oldest first.
    pub fn get_messages(&self, from_index: Option<U64>, limit: Option<U64>) -> Vec<PostedMessage> {
        let total = u64::from(self.messages.len());
        let start = from_index.map_or(0, u64::from).min(total);
        let end = start
            .saturating_add(limit.map_or(DEFAULT_LIMIT, u64::from))
            .min(total);
        // Both bounds are at most `total`, which came from a u32, so the casts are lossless.
        (start as u32..end as u32)
            .filter_map(|index| self.messages.get(index))
            .cloned()
            .collect()
    }

    /// How many messages have been posted.
    pub fn total_messages(&self) -> u32 {
        self.messages.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use near_sdk::serde_json::{self, json};
    use near_sdk::test_utils::{accounts, VMContextBuilder};
    use near_sdk::testing_env;

    fn post(contract: &mut Contract, sender: usize, deposit: NearToken, text: &str) {
        testing_env!(VMContextBuilder::new()
            .predecessor_account_id(accounts(sender))
            .attached_deposit(deposit)
            .build());
        contract.add_message(text.to_owned());
    }

    fn book_with(count: usize) -> Contract {
        testing_env!(VMContextBuilder::new().build());
        let mut contract = Contract::default();
        for index in 0..count {
            post(
                &mut contract,
                index % 3,
                NearToken::from_yoctonear(0),
                &format!("message {index}"),
            );
        }
        contract
    }

    #[test]
    fn records_sender_and_premium() {
        let mut contract = book_with(0);
        post(&mut contract, 1, NearToken::from_yoctonear(0), "free");
        post(&mut contract, 2, PREMIUM_DEPOSIT, "paid");
        post(
            &mut contract,
            3,
            NearToken::from_yoctonear(PREMIUM_DEPOSIT.as_yoctonear() - 1),
            "almost",
        );
        assert_eq!(contract.total_messages(), 3);
        let texts: Vec<_> = contract
            .get_messages(None, None)
            .into_iter()
            .map(|message| (message.sender, message.premium, message.text))
            .collect();
        assert_eq!(
            texts,
            vec![
                (accounts(1), false, "free".to_owned()),
                (accounts(2), true, "paid".to_owned()),
                (accounts(3), false, "almost".to_owned()),
            ]
        );
    }

    #[test]
    fn pages_default_to_the_first_ten() {
        let contract = book_with(12);
        let page = contract.get_messages(None, None);
        assert_eq!(page.len(), 10);
        assert_eq!(page[0].text, "message 0");
        assert_eq!(page[9].text, "message 9");
    }

    #[test]
    fn pages_honour_from_index_and_limit() {
        let contract = book_with(12);
        let page = contract.get_messages(Some(U64(10)), Some(U64(5)));
        let texts: Vec<_> = page.iter().map(|message| message.text.as_str()).collect();
        assert_eq!(texts, ["message 10", "message 11"]);
        assert!(contract.get_messages(Some(U64(12)), None).is_empty());
        assert!(contract
            .get_messages(Some(U64(u64::MAX)), Some(U64(u64::MAX)))
            .is_empty());
        assert_eq!(
            contract
                .get_messages(Some(U64(3)), Some(U64(u64::MAX)))
                .len(),
            9
        );
    }

    #[test]
    fn empty_book_answers_nothing() {
        let contract = book_with(0);
        assert_eq!(contract.total_messages(), 0);
        assert!(contract.get_messages(None, None).is_empty());
    }

    #[test]
    fn messages_are_json_objects() {
        let mut contract = book_with(0);
        post(&mut contract, 0, PREMIUM_DEPOSIT, "hi");
        let answer = serde_json::to_value(contract.get_messages(None, None)).unwrap();
        assert_eq!(
            answer,
            json!([{"premium": true, "sender": "alice", "text": "hi"}])
        );
    }
}
