//! A small lending market, the second callee of the portfolio demo.
//!
//! It keeps books only: each account's supplied and borrowed amounts, as `U128` strings
//! in JSON. No token moves, so that tests set a position up with two calls. The one rule a
//! market needs is kept: a loan may not exceed [`MAX_LOAN_TO_VALUE_PERCENT`] of what the
//! account supplied. The portfolio reads `get_account_positions`.

use near_sdk::json_types::U128;
use near_sdk::store::LookupMap;
use near_sdk::{env, near, require, AccountId, BorshStorageKey};

/// The most an account may owe, in percent of what it supplied.
pub const MAX_LOAN_TO_VALUE_PERCENT: u128 = 75;

/// One account's books, as `get_account_positions` answers them.
#[near(serializers = [borsh, json])]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccountPositions {
    pub supplied: U128,
    pub borrowed: U128,
}

#[near]
#[derive(BorshStorageKey)]
enum StorageKey {
    Positions,
}

/// Every account's positions.
#[near(contract_state)]
pub struct Lending {
    positions: LookupMap<AccountId, AccountPositions>,
}

impl Default for Lending {
    fn default() -> Self {
        Self {
            positions: LookupMap::new(StorageKey::Positions),
        }
    }
}

#[near]
impl Lending {
    /// Records `amount` more supplied by the caller; answers the caller's positions.
    pub fn supply(&mut self, amount: U128) -> AccountPositions {
        require!(amount.0 > 0, "the amount to supply must be positive");
        self.update(|position| {
            position.supplied = add(position.supplied, amount, "supplied");
        })
    }

    /// Records a loan of `amount` to the caller, within [`MAX_LOAN_TO_VALUE_PERCENT`] of
    /// what the caller supplied; answers the caller's positions.
    pub fn borrow(&mut self, amount: U128) -> AccountPositions {
        require!(amount.0 > 0, "the amount to borrow must be positive");
        self.update(|position| {
            let borrowed = add(position.borrowed, amount, "borrowed");
            let limit = position.supplied.0 / 100 * MAX_LOAN_TO_VALUE_PERCENT
                + position.supplied.0 % 100 * MAX_LOAN_TO_VALUE_PERCENT / 100;
            if borrowed.0 > limit {
                env::panic_str(&format!(
                    "a loan of {} would exceed {MAX_LOAN_TO_VALUE_PERCENT}% of the {} supplied",
                    borrowed.0, position.supplied.0
                ));
            }
            position.borrowed = borrowed;
        })
    }

    /// Records that the caller paid back `amount` of its loan; answers its positions.
    pub fn repay(&mut self, amount: U128) -> AccountPositions {
        self.update(|position| {
            let Some(left) = position.borrowed.0.checked_sub(amount.0) else {
                env::panic_str(&format!(
                    "cannot repay {}: only {} is borrowed",
                    amount.0, position.borrowed.0
                ));
            };
            position.borrowed = U128(left);
        })
    }

    /// What `account_id` supplied and borrowed; zeros for an account never seen.
    pub fn get_account_positions(&self, account_id: AccountId) -> AccountPositions {
        self.positions.get(&account_id).cloned().unwrap_or_default()
    }
}

impl Lending {
    /// Applies `change` to the caller's positions and answers them.
    fn update(&mut self, change: impl FnOnce(&mut AccountPositions)) -> AccountPositions {
        let position = self
            .positions
            .entry(env::predecessor_account_id())
            .or_default();
        change(position);
        position.clone()
    }
}

fn add(total: U128, amount: U128, what: &str) -> U128 {
    match total.0.checked_add(amount.0) {
        Some(sum) => U128(sum),
        None => env::panic_str(&format!("the amount {what} would overflow")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use near_sdk::test_utils::VMContextBuilder;
    use near_sdk::testing_env;

    fn account(name: &str) -> AccountId {
        name.parse().unwrap()
    }

    fn as_caller(name: &str) {
        testing_env!(VMContextBuilder::new()
            .predecessor_account_id(account(name))
            .build());
    }

    fn positions(supplied: u128, borrowed: u128) -> AccountPositions {
        AccountPositions {
            supplied: U128(supplied),
            borrowed: U128(borrowed),
        }
    }

    #[test]
    fn an_unknown_account_has_zero_positions() {
        as_caller("user.test.near");
        let lending = Lending::default();
        let answer = lending.get_account_positions(account("nobody.test.near"));
        assert_eq!(answer, positions(0, 0));
        assert_eq!(
            near_sdk::serde_json::to_string(&answer).unwrap(),
            r#"{"supplied":"0","borrowed":"0"}"#
        );
    }

    #[test]
    fn supply_and_borrow_are_recorded_per_account() {
        let mut lending = Lending::default();
        as_caller("alice.test.near");
        lending.supply(U128(1_000));
        lending.supply(U128(600));
        assert_eq!(lending.borrow(U128(1_200)), positions(1_600, 1_200));
        as_caller("bob.test.near");
        lending.supply(U128(10));

        let alice = lending.get_account_positions(account("alice.test.near"));
        assert_eq!(alice, positions(1_600, 1_200));
        let bob = lending.get_account_positions(account("bob.test.near"));
        assert_eq!(bob, positions(10, 0));
    }

    #[test]
    fn repay_lowers_the_loan() {
        let mut lending = Lending::default();
        as_caller("alice.test.near");
        lending.supply(U128(100));
        lending.borrow(U128(70));
        assert_eq!(lending.repay(U128(30)), positions(100, 40));
    }

    #[test]
    #[should_panic(expected = "a loan of 76 would exceed 75% of the 101 supplied")]
    fn a_loan_beyond_the_limit_is_refused() {
        let mut lending = Lending::default();
        as_caller("alice.test.near");
        lending.supply(U128(101));
        lending.borrow(U128(75));
        lending.borrow(U128(1));
    }

    #[test]
    fn the_limit_is_exact_for_huge_amounts() {
        let mut lending = Lending::default();
        as_caller("whale.test.near");
        lending.supply(U128(u128::MAX));
        let limit = u128::MAX / 100 * 75 + u128::MAX % 100 * 75 / 100;
        assert_eq!(lending.borrow(U128(limit)).borrowed, U128(limit));
    }

    #[test]
    #[should_panic(expected = "cannot repay 5: only 0 is borrowed")]
    fn repaying_more_than_owed_is_refused() {
        let mut lending = Lending::default();
        as_caller("alice.test.near");
        lending.repay(U128(5));
    }
}
