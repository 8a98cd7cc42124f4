//! The reference page's DeFi portfolio dashboard, written with `#[parallel_calls]`: a
//! user's token balance, lending positions and liquidity, asked of three protocols at
//! once and summed up in one answer stamped with the block time.
//!
//! | result | call | gas | fallback |
//! |---|---|---|---|
//! | 0 `token_balance` | `ft_balance_of` | 5 Tgas | `"0"` |
//! | 1 `lending` | `get_account_positions` | 10 Tgas | `{"supplied":"0","borrowed":"0"}` |
//! | 2 `liquidity_positions` | `get_user_liquidity` | 8 Tgas | `[]` |
//!
//! The callback has 15 Tgas. A call gives its fallback when it failed, answered more
//! than 16 KiB, or answered something that does not decode into the type below (garbage,
//! or JSON of another shape): the summary is always complete.
//!
//! The types here are what the dashboard expects of the protocols; it does not link their
//! crates, whose exported methods would otherwise end up in this contract's wasm.

use near_sdk::json_types::U128;
use near_sdk::{env, near, AccountId};
use parallel_runtime::parallel_calls;

/// What an account supplied to and borrowed from the lending market.
#[near(serializers = [json])]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LendingPositions {
    pub supplied: U128,
    pub borrowed: U128,
}

/// An account's liquidity in one pool of the exchange.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiquidityPosition {
    pub pool: String,
    pub amount: U128,
}

/// The user's holdings in the three protocols.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holdings {
    pub token_balance: U128,
    pub lending: LendingPositions,
    pub liquidity_positions: Vec<LiquidityPosition>,
}

/// The dashboard's answer.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortfolioSummary {
    pub user_account: AccountId,
    pub portfolio: Holdings,
    /// When the summary was put together: the callback's block, in milliseconds since the
    /// Unix epoch.
    pub timestamp: u64,
}

/// The dashboard keeps nothing: every protocol is named by the caller.
#[near(contract_state)]
#[derive(Default)]
pub struct Portfolio {}

#[parallel_calls]
#[near]
impl Portfolio {
    /// `user_account`'s holdings in the token, lending market and exchange given, asked
    /// of all three at once.
    ///
    /// It is a change method, as on the page (`@call`): only a transaction can create
    /// promises, and `&mut self` keeps near-sdk's ABI from listing it as a view.
    #[parallel_calls(callback_gas = 15 Tgas)]
    pub fn get_portfolio_summary(
        &mut self,
        user_account: AccountId,
        token_contract: AccountId,
        lending_contract: AccountId,
        dex_contract: AccountId,
        #[call(token_contract, "ft_balance_of", args = { account_id: user_account },
            gas = 5 Tgas, fallback = U128(0))]
        token_balance: U128,
        #[call(lending_contract, "get_account_positions", args = { account_id: user_account },
            gas = 10 Tgas, fallback = LendingPositions::default())]
        lending: LendingPositions,
        #[call(dex_contract, "get_user_liquidity", args = { account_id: user_account },
            gas = 8 Tgas, fallback = Vec::new())]
        liquidity_positions: Vec<LiquidityPosition>,
    ) -> PortfolioSummary {
        PortfolioSummary {
            user_account,
            portfolio: Holdings {
                token_balance,
                lending,
                liquidity_positions,
            },
            timestamp: env::block_timestamp_ms(),
        }
    }
}

#[cfg(test)]
mod tests;
