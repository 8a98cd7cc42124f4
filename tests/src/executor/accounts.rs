//! Account state: balance, contract code and contract storage, per account.

use near_vm_runner::ContractCode;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Bytes an account record takes on chain before any contract or data; only a starting
/// point for the storage usage the VM reports back (storage staking is not enforced).
const ACCOUNT_RECORD_BYTES: u64 = 100;

/// One account's state. Cloning it is how a receipt gets a scratch copy that is thrown
/// away if the receipt fails, as a node discards a failed receipt's state changes.
#[derive(Clone, Default)]
pub(super) struct Account {
    pub balance: u128,
    pub code: Option<Arc<ContractCode>>,
    pub storage: HashMap<Vec<u8>, Vec<u8>>,
    pub storage_usage: u64,
}

impl Account {
    pub fn with_balance(balance: u128) -> Self {
        Account {
            balance,
            storage_usage: ACCOUNT_RECORD_BYTES,
            ..Account::default()
        }
    }

    pub fn deploy(&mut self, wasm: &[u8]) {
        let old_len = self
            .code
            .as_ref()
            .map_or(0, |code| code.code().len() as u64);
        self.storage_usage = self.storage_usage.saturating_sub(old_len) + wasm.len() as u64;
        self.code = Some(Arc::new(ContractCode::new(wasm.to_vec(), None)));
    }
}

/// All accounts, by account id.
#[derive(Default)]
pub(super) struct Accounts {
    by_id: BTreeMap<String, Account>,
}

impl Accounts {
    pub fn get(&self, id: &str) -> Option<&Account> {
        self.by_id.get(id)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut Account> {
        self.by_id.get_mut(id)
    }

    /// Replaces (or with `None` removes) an account's state.
    pub fn put(&mut self, id: &str, account: Option<Account>) {
        match account {
            Some(account) => self.by_id.insert(id.to_string(), account),
            None => self.by_id.remove(id),
        };
    }

    pub fn get_or_create(&mut self, id: &str, balance: u128) -> &mut Account {
        self.by_id
            .entry(id.to_string())
            .or_insert_with(|| Account::with_balance(balance))
    }
}
