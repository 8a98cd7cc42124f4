//! An in-process receipt executor: real contract wasm, nearcore's VM, no node.
//!
//! Each function call runs in `near-vm-runner` 0.38 (wasmtime) with the mainnet
//! parameters of protocol version [`PROTOCOL_VERSION`], so gas, host functions and protocol
//! limits are the VM's own. Around it the executor does what nearcore's transaction runtime
//! does, as far as cross-contract fan-outs need:
//!
//! - **Receipts and routing.** The receipts a method creates (`promise_create`,
//!   `promise_then`, `promise_and`, batches) are read from the VM's action log and run
//!   in later blocks. A receipt that depends on others runs once all their results have
//!   arrived and sees them as promise results, in the order they were joined (success
//!   bytes, or failed). A method that returns a promise hands the receipts waiting for it
//!   over to the returned receipt (nearcore's data forwarding), and
//!   [`Execution::result`] follows returned promises the same way.
//! - **Blocks.** Everything ready in a block runs in it; what it creates and sends arrives
//!   in the next. The transaction's receipt runs at [`Executor::height`]; a call and its
//!   callback are therefore two blocks apart, as on chain when the accounts are on
//!   different shards. Blocks are one second apart unless [`Executor::set_block_time`]
//!   says otherwise.
//! - **Gas.** The attached gas is the receipt's prepaid gas. When a method finishes, its
//!   unused gas (prepaid minus used) is shared among the function calls it created that
//!   have a nonzero weight, by nearcore's rule (see `gas.rs`); `near-vm-runner` leaves that
//!   to the runtime. Gas burnt and used are recorded per receipt.
//! - **State and money.** Contract storage persists per account. A receipt's actions apply
//!   all or nothing: a failed receipt changes no storage or balance and creates no
//!   receipts. A deposit leaves the signer when the transaction is submitted (or the
//!   caller's balance when the method creates the promise), reaches the receiver when its
//!   receipt succeeds, and goes back to the refund account (the predecessor unless the
//!   contract set another) in a refund receipt one block after a failure.
//! - **Private methods.** Callbacks have the calling contract as predecessor, so near-sdk's
//!   `#[private]` check passes for them and fails for outsiders, as on chain.
//!
//! Simplifications, on purpose:
//!
//! - Gas is not paid for: balances never change by gas cost, and there are no gas refunds.
//!   Transaction-level checks a node makes (nonces, keys, the 1 PGas cap on a transaction)
//!   are not made; limits the VM enforces (per-receipt gas, promises, logs, sizes) are.
//! - Storage staking is not enforced; storage usage is tracked only as the VM reports it.
//! - All accounts live on one shard-less chain; there are no congestion or delayed
//!   receipts. Accounts are named only: implicit accounts are not created by transfers.
//! - Access keys are not modelled (adding or deleting one does nothing). Staking, deleting
//!   accounts, global contracts, state init, gas keys and yielded promises are not
//!   supported: a receipt carrying them fails with an `executor: ... not supported` text.
//! - A batch with several function calls runs them in order on the same account; only the
//!   last one's result is the receipt's result.

mod accounts;
mod apply;
mod call;
mod clock;
mod gas;
mod outcome;
mod receipt;
mod router;
mod spawn;
#[cfg(test)]
mod tests;
mod vm;

pub use call::{Call, DEFAULT_CALL_GAS};
pub use outcome::{Execution, Failure, Outcome, ReceiptId, ReceiptKind, ReceiptOutcome};
pub use vm::PROTOCOL_VERSION;

use accounts::Accounts;
use clock::Clock;
use near_vm_runner::logic::ReturnData;
use receipt::{Action, FunctionCall};
use router::Router;
use vm::{CallContext, Vm};

/// One NEAR in yoctoNEAR.
pub const ONE_NEAR: u128 = 1_000_000_000_000_000_000_000_000;

/// The balance [`Executor::deploy`] gives an account it has to create.
pub const DEFAULT_BALANCE: u128 = 100 * ONE_NEAR;

/// A chain in memory: accounts, their contracts and storage, and a block clock.
///
/// ```no_run
/// use parallel_tests::executor::{Call, Executor, ONE_NEAR};
///
/// let wasm = std::fs::read("target/near/counter.wasm").unwrap();
/// let mut chain = Executor::new();
/// chain.create_account("alice.near", 10 * ONE_NEAR);
/// chain.deploy("counter.near", &wasm);
/// let execution = chain.call(Call::new("alice.near", "counter.near", "increment"));
/// assert!(execution.is_success(), "{:?}", execution.failures());
/// ```
pub struct Executor {
    accounts: Accounts,
    vm: Vm,
    clock: Clock,
}

impl Default for Executor {
    fn default() -> Self {
        Self::new()
    }
}

impl Executor {
    /// An empty chain with mainnet parameters of protocol [`PROTOCOL_VERSION`], at height 1.
    pub fn new() -> Self {
        Executor {
            accounts: Accounts::default(),
            vm: Vm::mainnet(),
            clock: Clock::new(),
        }
    }

    /// Creates `account` with `balance_yocto`, or sets the balance of an existing one.
    pub fn create_account(&mut self, account: &str, balance_yocto: u128) {
        self.accounts.get_or_create(account, balance_yocto).balance = balance_yocto;
    }

    /// Deploys `wasm` on `account`, creating the account with [`DEFAULT_BALANCE`] if it
    /// does not exist. Storage is kept, as a redeploy on chain keeps it.
    pub fn deploy(&mut self, account: &str, wasm: &[u8]) {
        self.accounts
            .get_or_create(account, DEFAULT_BALANCE)
            .deploy(wasm);
    }

    /// Submits a transaction and runs it, and every receipt it causes, to the end.
    ///
    /// A transaction a node would reject (unknown signer, deposit above the signer's
    /// balance) yields one failed receipt and changes nothing.
    pub fn call(&mut self, call: Call) -> Execution {
        if let Err(text) = self.charge_signer(&call) {
            return rejected(call, text, self.clock.height);
        }
        let action = Action::FunctionCall(FunctionCall {
            method: call.method,
            args: call.args,
            deposit: call.deposit,
            gas: call.gas,
        });
        let mut router = Router::new(&mut self.accounts, &self.vm, self.clock);
        router.submit(&call.signer, &call.receiver, vec![action]);
        let (execution, last_height) = router.run();
        self.clock.height = last_height + 1;
        execution
    }

    /// Runs `method` as a view call (state changes and promises are refused by the VM) at
    /// the current height. Returns the bytes the method returned.
    pub fn view(&self, receiver: &str, method: &str, args: &[u8]) -> Result<Vec<u8>, Failure> {
        let account = self.accounts.get(receiver);
        let account =
            account.ok_or_else(|| Failure(format!("account `{receiver}` does not exist")))?;
        let call = FunctionCall {
            method: method.to_string(),
            args: args.to_vec(),
            deposit: 0,
            gas: 0,
        };
        let ctx = CallContext {
            account: receiver,
            signer: receiver,
            predecessor: receiver,
            refund_to: receiver,
            block_height: self.clock.height,
            block_timestamp_ns: self.clock.timestamp_ns(self.clock.height),
            promise_results: Vec::new().into(),
            output_data_receivers: &[],
            seed: 0,
            view: true,
        };
        let run = self.vm.run(account, &call, &ctx).map_err(Failure)?;
        if let Some(error) = run.outcome.aborted {
            return Err(Failure(error.to_string()));
        }
        match run.outcome.return_data {
            ReturnData::Value(bytes) => Ok(bytes),
            ReturnData::None => Ok(Vec::new()),
            ReturnData::ReceiptIndex(_) => {
                Err(Failure("a view call cannot return a promise".into()))
            }
        }
    }

    /// The account's balance in yoctoNEAR (0 if it does not exist).
    pub fn balance(&self, account: &str) -> u128 {
        self.accounts
            .get(account)
            .map_or(0, |account| account.balance)
    }

    /// True if the account exists.
    pub fn exists(&self, account: &str) -> bool {
        self.accounts.get(account).is_some()
    }

    /// The raw value under `key` in the account's contract storage.
    pub fn storage(&self, account: &str, key: &[u8]) -> Option<Vec<u8>> {
        self.accounts.get(account)?.storage.get(key).cloned()
    }

    /// The height the next transaction's first receipt runs at.
    pub fn height(&self) -> u64 {
        self.clock.height
    }

    /// Lets `blocks` empty blocks pass.
    pub fn advance_blocks(&mut self, blocks: u64) {
        self.clock.height += blocks;
    }

    /// Sets the time between blocks; timestamps are `genesis + height * block_time_ns`.
    pub fn set_block_time(&mut self, block_time_ns: u64) {
        self.clock.block_time_ns = block_time_ns;
    }

    /// The timestamp contracts see at `height`, in nanoseconds since the Unix epoch.
    pub fn block_timestamp_ns(&self, height: u64) -> u64 {
        self.clock.timestamp_ns(height)
    }

    /// Takes the deposit from the signer, as a node does when it accepts the transaction.
    fn charge_signer(&mut self, call: &Call) -> Result<(), String> {
        let signer = self.accounts.get_mut(&call.signer);
        let signer = signer.ok_or_else(|| format!("signer `{}` does not exist", call.signer))?;
        signer.balance = signer.balance.checked_sub(call.deposit).ok_or_else(|| {
            format!(
                "signer `{}` cannot pay a deposit of {} yoctoNEAR",
                call.signer, call.deposit
            )
        })?;
        Ok(())
    }
}

/// The record of a transaction a node would not accept.
fn rejected(call: Call, text: String, height: u64) -> Execution {
    let receipt = ReceiptOutcome {
        id: ReceiptId(0),
        kind: ReceiptKind::Call,
        predecessor: call.signer,
        receiver: call.receiver,
        method: call.method,
        args: call.args,
        deposit: call.deposit,
        gas_attached: call.gas,
        gas_burnt: 0,
        gas_loading: 0,
        gas_used: 0,
        logs: Vec::new(),
        outcome: Outcome::Failure(format!("transaction rejected: {text}")),
        block_height: height,
    };
    Execution {
        receipts: vec![receipt],
    }
}
