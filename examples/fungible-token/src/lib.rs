//! A NEP-141 fungible token, the first callee of the portfolio demo.
//!
//! All token logic is near-contract-standards' [`FungibleToken`]: balances, transfers
//! (`ft_transfer`, `ft_transfer_call` and its resolution), NEP-145 storage registration
//! and the NEP-297 events. This crate only gives it a state, an init that mints the whole
//! supply to one owner, and NEP-148 metadata. The portfolio reads `ft_balance_of`.

use near_contract_standards::fungible_token::events::{FtBurn, FtMint};
use near_contract_standards::fungible_token::metadata::{
    FungibleTokenMetadata, FungibleTokenMetadataProvider, FT_METADATA_SPEC,
};
use near_contract_standards::fungible_token::{
    FungibleToken, FungibleTokenCore, FungibleTokenResolver,
};
use near_contract_standards::storage_management::{
    StorageBalance, StorageBalanceBounds, StorageManagement,
};
use near_sdk::json_types::U128;
use near_sdk::{near, AccountId, BorshStorageKey, NearToken, PanicOnDefault, PromiseOrValue};

/// Where the token keeps its balances in contract storage.
#[near]
#[derive(BorshStorageKey)]
enum StorageKey {
    Accounts,
}

/// The token: balances and supply, and what wallets show about it.
#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Contract {
    token: FungibleToken,
    metadata: FungibleTokenMetadata,
}

#[near]
impl Contract {
    /// Mints `total_supply` to `owner_id`, who is registered for storage on the way.
    /// `metadata` defaults to the demo's dollar, `DUSD` with 6 decimals.
    #[init]
    pub fn new(
        owner_id: AccountId,
        total_supply: U128,
        metadata: Option<FungibleTokenMetadata>,
    ) -> Self {
        let metadata = metadata.unwrap_or_else(demo_metadata);
        metadata.assert_valid();
        let mut token = FungibleToken::new(StorageKey::Accounts);
        token.internal_register_account(&owner_id);
        token.internal_deposit(&owner_id, total_supply.0);
        FtMint {
            owner_id: &owner_id,
            amount: total_supply,
            memo: Some("initial supply"),
        }
        .emit();
        Self { token, metadata }
    }
}

/// The metadata `new` uses when given none.
pub fn demo_metadata() -> FungibleTokenMetadata {
    FungibleTokenMetadata {
        spec: FT_METADATA_SPEC.to_owned(),
        name: "Demo Dollar".to_owned(),
        symbol: "DUSD".to_owned(),
        icon: None,
        reference: None,
        reference_hash: None,
        decimals: 6,
    }
}

// The standard's methods, exported as they are; near-sdk's `#[near]` on the trait impls
// gives them their JSON ABI and the payable checks.

#[near]
impl FungibleTokenCore for Contract {
    #[payable]
    fn ft_transfer(&mut self, receiver_id: AccountId, amount: U128, memo: Option<String>) {
        self.token.ft_transfer(receiver_id, amount, memo)
    }

    #[payable]
    fn ft_transfer_call(
        &mut self,
        receiver_id: AccountId,
        amount: U128,
        memo: Option<String>,
        msg: String,
    ) -> PromiseOrValue<U128> {
        self.token.ft_transfer_call(receiver_id, amount, memo, msg)
    }

    fn ft_total_supply(&self) -> U128 {
        self.token.ft_total_supply()
    }

    fn ft_balance_of(&self, account_id: AccountId) -> U128 {
        self.token.ft_balance_of(account_id)
    }
}

#[near]
impl FungibleTokenResolver for Contract {
    #[private]
    fn ft_resolve_transfer(
        &mut self,
        sender_id: AccountId,
        receiver_id: AccountId,
        amount: U128,
    ) -> U128 {
        self.token
            .ft_resolve_transfer(sender_id, receiver_id, amount)
    }
}

#[near]
impl StorageManagement for Contract {
    #[payable]
    fn storage_deposit(
        &mut self,
        account_id: Option<AccountId>,
        registration_only: Option<bool>,
    ) -> StorageBalance {
        self.token.storage_deposit(account_id, registration_only)
    }

    #[payable]
    fn storage_withdraw(&mut self, amount: Option<NearToken>) -> StorageBalance {
        self.token.storage_withdraw(amount)
    }

    /// With `force`, a positive balance is burnt along with the registration.
    #[payable]
    fn storage_unregister(&mut self, force: Option<bool>) -> bool {
        match self.token.internal_storage_unregister(force) {
            Some((owner_id, burnt)) => {
                if burnt > 0 {
                    FtBurn {
                        owner_id: &owner_id,
                        amount: U128(burnt),
                        memo: Some("storage unregistered with force"),
                    }
                    .emit();
                }
                true
            }
            None => false,
        }
    }

    fn storage_balance_bounds(&self) -> StorageBalanceBounds {
        self.token.storage_balance_bounds()
    }

    fn storage_balance_of(&self, account_id: AccountId) -> Option<StorageBalance> {
        self.token.storage_balance_of(account_id)
    }
}

#[near]
impl FungibleTokenMetadataProvider for Contract {
    fn ft_metadata(&self) -> FungibleTokenMetadata {
        self.metadata.clone()
    }
}

#[cfg(test)]
mod tests;
