//! The reference page's DeFi portfolio dashboard: `get_portfolio_summary` asks a NEP-141
//! token, a lending market and an exchange about one user at once. Every one of the eight
//! ways the three calls can fail or not, and a lending market that answers JSON of the
//! wrong shape.
//!
//! The working callees are the real contracts (`fungible_token` on near-contract-standards,
//! `lending`, `dex`), given the user's holdings through their own methods; a failing one
//! is the `misbehaving` contract in the matching mode.

use super::reference::Callee;
use super::{Deploy, Expected, Scenario, Step};
use crate::executor::Executor;
use serde_json::{json, Value};

pub const USER: &str = "user.test.near";
pub const PORTFOLIO: &str = "portfolio.test.near";
pub const TOKEN: &str = "token.test.near";
pub const LENDING: &str = "lending.test.near";
pub const DEX: &str = "dex.test.near";
/// Holds the token's supply and pays the user.
pub const TREASURY: &str = "treasury.test.near";

/// The token's supply: 1,000,000 DUSD (6 decimals).
const SUPPLY: &str = "1000000000000";
/// What the treasury pays the user: 1,250 DUSD.
const USER_TOKENS: &str = "1250000000";
const SUPPLIED: &str = "5000000000";
const BORROWED: &str = "1200000000";
/// The user's liquidity, by pool, in the order the exchange answers it (by pool name).
const LIQUIDITY: [(&str, &str); 2] = [("dusd-usdt", "75000000"), ("wnear-dusd", "300000000")];

/// What registering one account with the token costs: 125 bytes of storage at 10^19
/// yoctoNEAR a byte. Exactly the minimum, so the token sends no refund.
const TOKEN_STORAGE_DEPOSIT: u128 = 1_250_000_000_000_000_000_000;

/// Where the answer holds the callback block's timestamp, in milliseconds.
pub const TIMESTAMP_AT: &str = "/timestamp";

/// The runs the demo shows: each combination of token, lending and dex failing, in order
/// of how many fail, then a wrong-shape answer.
pub fn scenarios() -> Vec<Scenario> {
    use Callee::{AnswersWrongShape, Panics, Works};
    let runs = [
        ("every call succeeds", [Works, Works, Works]),
        ("token fails", [Panics, Works, Works]),
        ("lending fails", [Works, Panics, Works]),
        ("dex fails", [Works, Works, Panics]),
        ("token and lending fail", [Panics, Panics, Works]),
        ("token and dex fail", [Panics, Works, Panics]),
        ("lending and dex fail", [Works, Panics, Panics]),
        ("every call fails", [Panics, Panics, Panics]),
        (
            "lending answers JSON of the wrong shape",
            [Works, AnswersWrongShape, Works],
        ),
    ];
    runs.into_iter()
        .map(|(name, callees)| scenario(name, callees))
        .collect()
}

fn scenario(name: &str, [token, lending, dex]: [Callee; 3]) -> Scenario {
    let mut deploys = vec![
        protocol(
            TOKEN,
            "fungible_token",
            Some(("new", json!({"owner_id": TREASURY, "total_supply": SUPPLY}))),
            token,
        ),
        protocol(LENDING, "lending", None, lending),
        protocol(DEX, "dex", None, dex),
    ];
    deploys.push(Deploy {
        account: PORTFOLIO,
        wasm: "portfolio",
        init: None,
    });

    let mut setup = Vec::new();
    if token == Callee::Works {
        setup.push(
            Step::new(USER, TOKEN, "storage_deposit", json!({}))
                .with_deposit(TOKEN_STORAGE_DEPOSIT),
        );
        setup.push(
            Step::new(
                TREASURY,
                TOKEN,
                "ft_transfer",
                json!({"receiver_id": USER, "amount": USER_TOKENS}),
            )
            .with_deposit(1),
        );
    }
    if lending == Callee::Works {
        setup.push(Step::new(
            USER,
            LENDING,
            "supply",
            json!({"amount": SUPPLIED}),
        ));
        setup.push(Step::new(
            USER,
            LENDING,
            "borrow",
            json!({"amount": BORROWED}),
        ));
    }
    if dex == Callee::Works {
        // Added in the other order than answered: the exchange sorts by pool.
        for (pool, amount) in LIQUIDITY.iter().rev() {
            setup.push(Step::new(
                USER,
                DEX,
                "add_liquidity",
                json!({"pool": pool, "amount": amount}),
            ));
        }
    }

    let answer = expected(
        [token, lending, dex],
        callback_timestamp_ms(&deploys, &setup),
    );
    Scenario {
        demo: "get_portfolio_summary",
        implementation: "portfolio",
        name: name.to_owned(),
        deploys,
        setup,
        fan_out: Step::new(
            USER,
            PORTFOLIO,
            "get_portfolio_summary",
            json!({
                "user_account": USER,
                "token_contract": TOKEN,
                "lending_contract": LENDING,
                "dex_contract": DEX,
            }),
        ),
        expected: Expected::AnswerWithTimestamp {
            answer,
            timestamp_ms_at: TIMESTAMP_AT,
        },
    }
}

/// The real contract at `account`, or the misbehaving one in the mode `behaviour` names.
fn protocol(
    account: &'static str,
    wasm: &'static str,
    init: Option<(&'static str, Value)>,
    behaviour: Callee,
) -> Deploy {
    let mode = match behaviour {
        Callee::Works => {
            return Deploy {
                account,
                wasm,
                init,
            }
        }
        Callee::Panics => json!({"mode": "panic"}),
        Callee::AnswersGarbage => json!({"mode": "garbage"}),
        Callee::AnswersWrongShape => json!({"mode": "wrong_shape"}),
        Callee::AnswersTooMuch => json!({"mode": "huge", "size": 20 * 1024}),
    };
    Deploy {
        account,
        wasm: "misbehaving",
        init: Some(("new", mode)),
    }
}

/// The summary: what each protocol that works was given, the page's fallback for each one
/// that does not.
fn expected([token, lending, dex]: [Callee; 3], timestamp_ms: u64) -> Value {
    let token_balance = if token == Callee::Works {
        USER_TOKENS
    } else {
        "0"
    };
    let lending = if lending == Callee::Works {
        json!({"supplied": SUPPLIED, "borrowed": BORROWED})
    } else {
        json!({"supplied": "0", "borrowed": "0"})
    };
    let liquidity_positions: Vec<Value> = if dex == Callee::Works {
        LIQUIDITY
            .iter()
            .map(|(pool, amount)| json!({"pool": pool, "amount": amount}))
            .collect()
    } else {
        Vec::new()
    };
    json!({
        "user_account": USER,
        "portfolio": {
            "token_balance": token_balance,
            "lending": lending,
            "liquidity_positions": liquidity_positions,
        },
        "timestamp": timestamp_ms,
    })
}

/// The timestamp the executor gives the callback's block. On the executor every init and
/// setup call here takes one block (none creates a receipt), the fan-out runs in the block
/// after them, its calls in the next and the callback in the one after that.
fn callback_timestamp_ms(deploys: &[Deploy], setup: &[Step]) -> u64 {
    let chain = Executor::new();
    let inits = deploys
        .iter()
        .filter(|deploy| deploy.init.is_some())
        .count() as u64;
    let fan_out_height = chain.height() + inits + setup.len() as u64;
    chain.block_timestamp_ns(fan_out_height + 2) / 1_000_000
}
