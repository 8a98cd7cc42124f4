//! A small exchange, the third callee of the portfolio demo.
//!
//! It keeps books only: how much liquidity each account holds in each pool, as a `U128`
//! string in JSON. No token moves, so that tests set a position up with one call per pool.
//! The portfolio reads `get_user_liquidity`.

use std::collections::BTreeMap;

use near_sdk::json_types::U128;
use near_sdk::store::LookupMap;
use near_sdk::{env, near, require, AccountId, BorshStorageKey};

/// The longest pool name accepted, in bytes.
pub const MAX_POOL_NAME_LEN: usize = 64;

/// One account's share of one pool, as `get_user_liquidity` answers it.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiquidityPosition {
    pub pool: String,
    pub amount: U128,
}

#[near]
#[derive(BorshStorageKey)]
enum StorageKey {
    Liquidity,
}

/// Every account's liquidity, by pool name.
#[near(contract_state)]
pub struct Dex {
    liquidity: LookupMap<AccountId, BTreeMap<String, u128>>,
}

impl Default for Dex {
    fn default() -> Self {
        Self {
            liquidity: LookupMap::new(StorageKey::Liquidity),
        }
    }
}

#[near]
impl Dex {
    /// Records `amount` more liquidity from the caller in `pool`; answers the caller's
    /// new amount in that pool.
    pub fn add_liquidity(&mut self, pool: String, amount: U128) -> U128 {
        require!(!pool.is_empty(), "the pool name must not be empty");
        require!(
            pool.len() <= MAX_POOL_NAME_LEN,
            "the pool name must be at most 64 bytes"
        );
        require!(amount.0 > 0, "the amount to add must be positive");
        let pools = self
            .liquidity
            .entry(env::predecessor_account_id())
            .or_default();
        let held = pools.entry(pool).or_default();
        *held = held
            .checked_add(amount.0)
            .unwrap_or_else(|| env::panic_str("the liquidity would overflow"));
        U128(*held)
    }

    /// Records that the caller took `amount` out of `pool`; answers what it has left there.
    /// A pool the caller empties leaves its positions.
    pub fn remove_liquidity(&mut self, pool: String, amount: U128) -> U128 {
        let account = env::predecessor_account_id();
        let pools = self.liquidity.get_mut(&account);
        let held = pools
            .as_ref()
            .and_then(|pools| pools.get(&pool))
            .copied()
            .unwrap_or(0);
        let Some(left) = held.checked_sub(amount.0) else {
            env::panic_str(&format!(
                "cannot remove {} from pool `{pool}`: only {held} is held",
                amount.0
            ));
        };
        if let Some(pools) = pools {
            if left == 0 {
                pools.remove(&pool);
            } else {
                pools.insert(pool, left);
            }
            if pools.is_empty() {
                self.liquidity.remove(&account);
            }
        }
        U128(left)
    }

    /// Every pool `account_id` holds liquidity in, by pool name; empty for an account
    /// never seen.
    pub fn get_user_liquidity(&self, account_id: AccountId) -> Vec<LiquidityPosition> {
        self.liquidity
            .get(&account_id)
            .into_iter()
            .flatten()
            .map(|(pool, amount)| LiquidityPosition {
                pool: pool.clone(),
                amount: U128(*amount),
            })
            .collect()
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

    fn position(pool: &str, amount: u128) -> LiquidityPosition {
        LiquidityPosition {
            pool: pool.to_owned(),
            amount: U128(amount),
        }
    }

    #[test]
    fn an_unknown_account_has_no_positions() {
        as_caller("user.test.near");
        let dex = Dex::default();
        assert_eq!(dex.get_user_liquidity(account("nobody.test.near")), []);
    }

    #[test]
    fn liquidity_is_recorded_per_account_and_pool_in_pool_order() {
        let mut dex = Dex::default();
        as_caller("alice.test.near");
        dex.add_liquidity("wnear-dusd".into(), U128(300));
        dex.add_liquidity("dusd-usdt".into(), U128(75));
        assert_eq!(dex.add_liquidity("wnear-dusd".into(), U128(20)), U128(320));
        as_caller("bob.test.near");
        dex.add_liquidity("wnear-dusd".into(), U128(1));

        let alice = dex.get_user_liquidity(account("alice.test.near"));
        assert_eq!(
            alice,
            [position("dusd-usdt", 75), position("wnear-dusd", 320)]
        );
        assert_eq!(
            near_sdk::serde_json::to_string(&alice[..1]).unwrap(),
            r#"[{"pool":"dusd-usdt","amount":"75"}]"#
        );
        let bob = dex.get_user_liquidity(account("bob.test.near"));
        assert_eq!(bob, [position("wnear-dusd", 1)]);
    }

    #[test]
    fn removing_everything_leaves_the_pool() {
        let mut dex = Dex::default();
        as_caller("alice.test.near");
        dex.add_liquidity("a".into(), U128(5));
        dex.add_liquidity("b".into(), U128(5));
        assert_eq!(dex.remove_liquidity("a".into(), U128(2)), U128(3));
        assert_eq!(dex.remove_liquidity("a".into(), U128(3)), U128(0));
        let left = dex.get_user_liquidity(account("alice.test.near"));
        assert_eq!(left, [position("b", 5)]);
    }

    #[test]
    #[should_panic(expected = "cannot remove 6 from pool `a`: only 5 is held")]
    fn removing_more_than_held_is_refused() {
        let mut dex = Dex::default();
        as_caller("alice.test.near");
        dex.add_liquidity("a".into(), U128(5));
        dex.remove_liquidity("a".into(), U128(6));
    }

    #[test]
    #[should_panic(expected = "the amount to add must be positive")]
    fn adding_nothing_is_refused() {
        as_caller("alice.test.near");
        Dex::default().add_liquidity("a".into(), U128(0));
    }
}
