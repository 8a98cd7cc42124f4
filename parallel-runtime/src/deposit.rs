//! Deposits of failed calls: NEAR refunds them to the contract that made the call, not to
//! the user who paid it. These helpers hand them on.

use crate::CallError;
use near_sdk::{AccountId, NearToken, Promise};

/// What NEAR refunded to this contract for the failed calls among `errors`.
///
/// ```
/// use near_sdk::NearToken;
/// use parallel_runtime::{deposit, CallError, FailureKind};
///
/// let one = NearToken::from_near(1);
/// let failed = CallError::new("a", "buy", FailureKind::Failed).with_deposit(one);
/// let undecodable = FailureKind::Undecodable { reason: "eof".into() };
/// let answered = CallError::new("b", "buy", undecodable).with_deposit(one);
/// assert_eq!(deposit::refunded([&failed, &answered]), one);
/// ```
pub fn refunded<'a>(errors: impl IntoIterator<Item = &'a CallError>) -> NearToken {
    errors
        .into_iter()
        .fold(NearToken::from_yoctonear(0), |total, error| {
            total.saturating_add(error.refunded_deposit())
        })
}

/// A transfer of the refunded deposits to `to`, or `None` when nothing came back.
///
/// Return the promise from the aggregation, or drop it to send it on its own.
///
/// ```
/// use near_sdk::NearToken;
/// use parallel_runtime::{deposit, CallError, FailureKind};
///
/// let user: near_sdk::AccountId = "user.near".parse().unwrap();
/// let failed = CallError::new("a", "buy", FailureKind::Failed).with_deposit(NearToken::from_near(1));
/// # near_sdk::testing_env!(near_sdk::test_utils::VMContextBuilder::new().build());
/// assert!(deposit::hand_back(user.clone(), [&failed]).is_some());
/// assert!(deposit::hand_back(user, []).is_none());
/// ```
pub fn hand_back<'a>(
    to: AccountId,
    errors: impl IntoIterator<Item = &'a CallError>,
) -> Option<Promise> {
    let amount = refunded(errors);
    (!amount.is_zero()).then(|| Promise::new(to).transfer(amount))
}
