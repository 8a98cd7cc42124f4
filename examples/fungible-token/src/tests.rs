//! The token on near-sdk's mocked blockchain: minting, registration and transfers.

use super::*;
use near_sdk::test_utils::VMContextBuilder;
use near_sdk::testing_env;

const OWNER: &str = "treasury.test.near";
const USER: &str = "user.test.near";

fn account(name: &str) -> AccountId {
    name.parse().unwrap()
}

fn signed_by(name: &str, deposit: NearToken) {
    testing_env!(VMContextBuilder::new()
        .current_account_id(account("token.test.near"))
        .predecessor_account_id(account(name))
        .attached_deposit(deposit)
        .build());
}

fn token() -> Contract {
    signed_by(OWNER, NearToken::from_yoctonear(0));
    Contract::new(account(OWNER), U128(1_000_000), None)
}

#[test]
fn new_mints_the_whole_supply_to_the_owner() {
    let token = token();
    assert_eq!(token.ft_total_supply(), U128(1_000_000));
    assert_eq!(token.ft_balance_of(account(OWNER)), U128(1_000_000));
    assert_eq!(token.ft_metadata().symbol, "DUSD");
}

#[test]
fn an_unknown_account_holds_nothing() {
    assert_eq!(token().ft_balance_of(account(USER)), U128(0));
}

#[test]
fn a_registered_account_receives_a_transfer() {
    let mut token = token();
    let minimum = token.storage_balance_bounds().min;
    signed_by(USER, minimum);
    token.storage_deposit(None, None);
    signed_by(OWNER, NearToken::from_yoctonear(1));
    token.ft_transfer(account(USER), U128(1_250), None);
    assert_eq!(token.ft_balance_of(account(USER)), U128(1_250));
    assert_eq!(token.ft_balance_of(account(OWNER)), U128(998_750));
}

#[test]
#[should_panic(expected = "The account user.test.near is not registered")]
fn a_transfer_to_an_unregistered_account_fails() {
    let mut token = token();
    signed_by(OWNER, NearToken::from_yoctonear(1));
    token.ft_transfer(account(USER), U128(1), None);
}
