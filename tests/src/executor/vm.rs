//! Running one method of one account's contract with nearcore's VM.

use super::accounts::Account;
use super::receipt::FunctionCall;
use near_parameters::vm::Config;
use near_parameters::{RuntimeConfigStore, RuntimeFeesConfig};
use near_primitives_core::account::AccountContract;
use near_primitives_core::config::ViewConfig;
use near_primitives_core::types::{AccountId, Balance, Gas};
use near_vm_runner::logic::mocks::mock_external::{MockAction, MockedExternal};
use near_vm_runner::logic::types::PromiseResult;
use near_vm_runner::logic::{VMContext, VMOutcome};
use near_vm_runner::MockContractRuntimeCache;
use std::collections::HashMap;
use std::sync::Arc;

/// The protocol version whose mainnet parameters the executor runs with.
pub const PROTOCOL_VERSION: u32 = 88;

/// Blocks per epoch on mainnet, only to give contracts a plausible `epoch_height`.
const EPOCH_LENGTH: u64 = 43_200;

/// Where and when a method runs, besides the call itself.
pub(super) struct CallContext<'a> {
    pub account: &'a str,
    pub signer: &'a str,
    pub predecessor: &'a str,
    pub refund_to: &'a str,
    pub block_height: u64,
    pub block_timestamp_ns: u64,
    pub promise_results: Arc<[PromiseResult]>,
    /// Accounts of the receipts waiting for this method's result (they pay for the data).
    pub output_data_receivers: &'a [String],
    /// Distinguishes the random seed of receipts in one block.
    pub seed: u64,
    pub view: bool,
}

/// What a method run left behind.
pub(super) struct MethodRun {
    pub outcome: VMOutcome,
    /// The contract storage after the run (to keep only if the receipt succeeds).
    pub storage: HashMap<Vec<u8>, Vec<u8>>,
    pub action_log: Vec<MockAction>,
}

/// nearcore's contract runtime with mainnet parameters and a cache of compiled contracts.
pub(super) struct Vm {
    wasm_config: Arc<Config>,
    fees: Arc<RuntimeFeesConfig>,
    cache: MockContractRuntimeCache,
}

/// One cache of compiled contracts for the whole process: every executor deploys the same
/// few contracts, and compiling them is most of the time a scenario takes.
fn shared_cache() -> MockContractRuntimeCache {
    static CACHE: std::sync::OnceLock<MockContractRuntimeCache> = std::sync::OnceLock::new();
    CACHE.get_or_init(MockContractRuntimeCache::default).clone()
}

impl Vm {
    pub fn mainnet() -> Self {
        let store = RuntimeConfigStore::new(None);
        let config = store.get_config(PROTOCOL_VERSION);
        Vm {
            wasm_config: Arc::clone(&config.wasm_config),
            fees: Arc::clone(&config.fees),
            cache: shared_cache(),
        }
    }

    /// Runs `call` on `account`. `Err` means the method could not start: no contract, an
    /// invalid account id, or an internal error of the runner. A contract that traps or
    /// panics is an `Ok` outcome with `aborted` set, as in nearcore.
    pub fn run(
        &self,
        account: &Account,
        call: &FunctionCall,
        ctx: &CallContext,
    ) -> Result<MethodRun, String> {
        let Some(code) = &account.code else {
            // nearcore reports a missing contract with the VM's own error.
            return Err(format!(
                "cannot find contract code for account {}",
                ctx.account
            ));
        };
        let context = self.context(account, call, ctx)?;
        let mut ext = MockedExternal::new();
        ext.code = Some(Arc::clone(code));
        ext.code_hash = *code.hash();
        ext.fake_trie = account.storage.clone();
        let gas_counter = context.make_gas_counter(&self.wasm_config);
        let prepared = near_vm_runner::prepare(
            &ext,
            Arc::clone(&self.wasm_config),
            Some(&self.cache),
            gas_counter,
            &call.method,
        );
        let outcome = near_vm_runner::run(prepared, &mut ext, &context, Arc::clone(&self.fees))
            .map_err(|error| format!("executor: the VM runner failed: {error:?}"))?;
        Ok(MethodRun {
            outcome,
            storage: ext.fake_trie,
            action_log: ext.action_log,
        })
    }

    fn context(
        &self,
        account: &Account,
        call: &FunctionCall,
        ctx: &CallContext,
    ) -> Result<VMContext, String> {
        let max_gas_burnt = self.wasm_config.limit_config.max_gas_burnt;
        let prepaid_gas = if ctx.view {
            max_gas_burnt
        } else {
            Gas::from_gas(call.gas)
        };
        let receivers = ctx.output_data_receivers.iter().map(|id| account_id(id));
        Ok(VMContext {
            current_account_id: account_id(ctx.account)?,
            signer_account_id: account_id(ctx.signer)?,
            // A borsh-encoded ed25519 key of zeros: keys are not modelled.
            signer_account_pk: vec![0; 33],
            predecessor_account_id: account_id(ctx.predecessor)?,
            refund_to_account_id: account_id(ctx.refund_to)?,
            input: call.args.as_slice().into(),
            promise_results: Arc::clone(&ctx.promise_results),
            block_height: ctx.block_height,
            block_timestamp: ctx.block_timestamp_ns,
            epoch_height: ctx.block_height / EPOCH_LENGTH,
            account_balance: Balance::from_yoctonear(account.balance),
            account_locked_balance: Balance::ZERO,
            storage_usage: account.storage_usage,
            account_contract: contract_of(account),
            attached_deposit: Balance::from_yoctonear(call.deposit),
            prepaid_gas,
            random_seed: random_seed(ctx.block_height, ctx.seed),
            view_config: ctx.view.then_some(ViewConfig { max_gas_burnt }),
            output_data_receivers: receivers.collect::<Result<_, _>>()?,
        })
    }
}

fn account_id(id: &str) -> Result<AccountId, String> {
    id.parse()
        .map_err(|error| format!("invalid account id `{id}`: {error}"))
}

fn contract_of(account: &Account) -> AccountContract {
    match &account.code {
        Some(code) => AccountContract::Local(*code.hash()),
        None => AccountContract::None,
    }
}

/// Deterministic, so that runs repeat; different per block and receipt.
fn random_seed(block_height: u64, seed: u64) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(32);
    for word in [block_height, seed, !block_height, !seed] {
        bytes.extend_from_slice(&word.to_le_bytes());
    }
    bytes
}
