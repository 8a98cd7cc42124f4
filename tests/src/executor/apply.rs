//! Applying one receipt's actions to its receiver, all or nothing.

use super::accounts::{Account, Accounts};
use super::receipt::{Action, FunctionCall, Receipt};
use super::spawn::{spawned_receipts, Spawned};
use super::vm::{CallContext, MethodRun, Vm};
use near_parameters::ExtCosts;
use near_vm_runner::logic::errors::FunctionCallError;
use near_vm_runner::logic::types::PromiseResult;
use near_vm_runner::logic::ReturnData;
use std::sync::Arc;

/// The block a receipt runs in.
#[derive(Clone, Copy)]
pub(super) struct Block {
    pub height: u64,
    pub timestamp_ns: u64,
}

/// How a receipt ended, with promises still named by their position among `spawned`.
pub(super) enum Ended {
    Value(Vec<u8>),
    Failure(String),
    Promise(usize),
}

/// The result of applying one receipt.
pub(super) struct Applied {
    pub ended: Ended,
    /// Receipts the receipt created; always empty when it failed.
    pub spawned: Vec<Spawned>,
    pub gas_burnt: u64,
    /// Of `gas_burnt`, what loading the contract's code cost.
    pub gas_loading: u64,
    pub gas_used: u64,
    pub logs: Vec<String>,
}

/// What a receipt sees besides its actions.
pub(super) struct Inputs<'a> {
    pub vm: &'a Vm,
    pub block: Block,
    pub promise_results: Arc<[PromiseResult]>,
    /// Accounts of the receipts waiting for this one's result.
    pub output_receivers: &'a [String],
}

/// Applies the receipt's actions in order to a scratch copy of the receiver and keeps the
/// copy only if all succeed: a failed receipt changes no state, as on chain.
pub(super) fn apply_receipt(
    accounts: &mut Accounts,
    receipt: &Receipt,
    inputs: &Inputs,
) -> Applied {
    let mut scratch = accounts.get(&receipt.receiver).cloned();
    let mut applied = Applied {
        // A receipt without a function call answers with empty bytes, as on chain.
        ended: Ended::Value(Vec::new()),
        spawned: Vec::new(),
        gas_burnt: 0,
        gas_loading: 0,
        gas_used: 0,
        logs: Vec::new(),
    };
    for (index, action) in receipt.actions.iter().enumerate() {
        let is_last = index + 1 == receipt.actions.len();
        if let Err(text) =
            apply_action(&mut scratch, action, receipt, inputs, is_last, &mut applied)
        {
            applied.ended = Ended::Failure(text);
            applied.spawned.clear();
            return applied;
        }
    }
    accounts.put(&receipt.receiver, scratch);
    applied
}

fn apply_action(
    scratch: &mut Option<Account>,
    action: &Action,
    receipt: &Receipt,
    inputs: &Inputs,
    is_last: bool,
    applied: &mut Applied,
) -> Result<(), String> {
    let receiver = &receipt.receiver;
    match action {
        Action::CreateAccount if scratch.is_some() => {
            return Err(format!("account `{receiver}` already exists"));
        }
        Action::CreateAccount => *scratch = Some(Account::with_balance(0)),
        Action::DeployContract(code) => existing(scratch, receiver)?.deploy(code),
        Action::Transfer(amount) => credit(existing(scratch, receiver)?, *amount)?,
        Action::KeyChange => {
            existing(scratch, receiver)?;
        }
        Action::Unsupported(what) => {
            return Err(format!(
                "executor: {what} are not supported (receipt to `{receiver}`)"
            ));
        }
        Action::FunctionCall(call) => {
            let account = existing(scratch, receiver)?;
            run_call(account, call, receipt, inputs, is_last, applied)?;
        }
    }
    Ok(())
}

fn existing<'a>(scratch: &'a mut Option<Account>, id: &str) -> Result<&'a mut Account, String> {
    scratch
        .as_mut()
        .ok_or_else(|| format!("account `{id}` does not exist"))
}

fn credit(account: &mut Account, amount: u128) -> Result<(), String> {
    account.balance = account
        .balance
        .checked_add(amount)
        .ok_or("executor: balance overflowed u128")?;
    Ok(())
}

/// Runs one function call and folds its result into `applied`.
fn run_call(
    account: &mut Account,
    call: &FunctionCall,
    receipt: &Receipt,
    inputs: &Inputs,
    is_last: bool,
    applied: &mut Applied,
) -> Result<(), String> {
    // Only the last action's result is delivered, so only it pays for the delivery.
    let output_receivers = if is_last {
        inputs.output_receivers
    } else {
        &[]
    };
    let ctx = CallContext {
        account: &receipt.receiver,
        signer: &receipt.signer,
        predecessor: &receipt.predecessor,
        refund_to: &receipt.refund_to,
        block_height: inputs.block.height,
        block_timestamp_ns: inputs.block.timestamp_ns,
        promise_results: Arc::clone(&inputs.promise_results),
        output_data_receivers: output_receivers,
        seed: receipt.id.0 as u64,
        view: false,
    };
    let run = inputs.vm.run(account, call, &ctx)?;
    record_run(account, call, run, &receipt.receiver, applied)
}

fn record_run(
    account: &mut Account,
    call: &FunctionCall,
    run: MethodRun,
    receiver: &str,
    applied: &mut Applied,
) -> Result<(), String> {
    let MethodRun {
        outcome,
        storage,
        action_log,
    } = run;
    applied.gas_burnt += outcome.burnt_gas.as_gas();
    applied.gas_loading += [
        ExtCosts::contract_loading_base,
        ExtCosts::contract_loading_bytes,
    ]
    .into_iter()
    .map(|cost| outcome.profile.get_ext_cost(cost).as_gas())
    .sum::<u64>();
    applied.gas_used += outcome.used_gas.as_gas();
    applied.logs.extend(outcome.logs.iter().cloned());
    if let Some(error) = &outcome.aborted {
        return Err(failure_text(error, &call.method, receiver));
    }
    account.balance = outcome.balance.as_yoctonear();
    account.storage = storage;
    account.storage_usage = outcome.storage_usage;
    let unused_gas = call.gas.saturating_sub(outcome.used_gas.as_gas());
    let offset = applied.spawned.len();
    let mut spawned = spawned_receipts(&action_log, unused_gas);
    applied.ended = match outcome.return_data {
        ReturnData::Value(bytes) => Ended::Value(bytes),
        ReturnData::None => Ended::Value(Vec::new()),
        ReturnData::ReceiptIndex(index) => match spawned.position(index) {
            Some(position) => Ended::Promise(offset + position),
            None => {
                return Err(format!(
                    "executor: returned promise {index} was never created"
                ))
            }
        },
    };
    for receipt in &mut spawned.list {
        receipt
            .dependencies
            .iter_mut()
            .for_each(|position| *position += offset);
    }
    applied.spawned.append(&mut spawned.list);
    Ok(())
}

/// The VM's error text, with the method and account added where the VM names neither.
fn failure_text(error: &FunctionCallError, method: &str, receiver: &str) -> String {
    match error {
        FunctionCallError::MethodResolveError(reason) => {
            format!("{reason}: `{receiver}` has no callable method `{method}`")
        }
        other => other.to_string(),
    }
}
