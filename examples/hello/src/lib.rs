//! The "hello" callee of the parallel-execution demo: one stored greeting that anyone can read
//! and anyone can replace.
//!
//! JSON interface:
//! - `get_greeting()` answers a JSON string, `"Hello"` until someone changes it;
//! - `set_greeting({"greeting": "..."})` stores the new greeting and logs the change.

use near_sdk::{log, near};

/// What `get_greeting` answers before anyone has called `set_greeting`.
pub const DEFAULT_GREETING: &str = "Hello";

/// Contract state: the greeting currently stored.
#[near(contract_state)]
pub struct Contract {
    greeting: String,
}

impl Default for Contract {
    fn default() -> Self {
        Self {
            greeting: DEFAULT_GREETING.to_owned(),
        }
    }
}

#[near]
impl Contract {
    /// The stored greeting.
    pub fn get_greeting(&self) -> String {
        self.greeting.clone()
    }

    /// Replaces the stored greeting; the log line lets an explorer show what changed.
    pub fn set_greeting(&mut self, greeting: String) {
        log!(
            "greeting changed from {:?} to {:?}",
            self.greeting,
            greeting
        );
        self.greeting = greeting;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use near_sdk::test_utils::{accounts, get_logs, VMContextBuilder};
    use near_sdk::testing_env;

    fn called_by(index: usize) {
        testing_env!(VMContextBuilder::new()
            .predecessor_account_id(accounts(index))
            .build());
    }

    #[test]
    fn starts_with_the_default_greeting() {
        called_by(0);
        assert_eq!(Contract::default().get_greeting(), "Hello");
    }

    #[test]
    fn set_greeting_replaces_it_and_logs_the_change() {
        called_by(1);
        let mut contract = Contract::default();
        contract.set_greeting("Howdy".to_owned());
        assert_eq!(contract.get_greeting(), "Howdy");
        assert_eq!(
            get_logs(),
            vec![r#"greeting changed from "Hello" to "Howdy""#]
        );
    }

    #[test]
    fn accepts_an_empty_greeting() {
        called_by(2);
        let mut contract = Contract::default();
        contract.set_greeting(String::new());
        assert_eq!(contract.get_greeting(), "");
    }
}
