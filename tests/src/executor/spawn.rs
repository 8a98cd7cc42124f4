//! Turning the action log of one method run into the receipts it created.
//!
//! `MockedExternal` numbers receipts by their position in its action log, and every later
//! action, dependency and returned promise refers to a receipt by that number.

use super::gas::share_unused_gas;
use super::receipt::{Action, FunctionCall};
use near_vm_runner::logic::mocks::mock_external::MockAction;
use std::collections::HashMap;

/// A receipt created by a method, before it gets an id.
pub(super) struct Spawned {
    pub receiver: String,
    /// Positions (in [`SpawnedReceipts::list`]) of the receipts whose results it waits for.
    pub dependencies: Vec<usize>,
    pub actions: Vec<Action>,
    pub refund_to: Option<String>,
}

/// All receipts one method run created, in creation order.
pub(super) struct SpawnedReceipts {
    pub list: Vec<Spawned>,
    by_log_index: HashMap<u64, usize>,
}

impl SpawnedReceipts {
    /// The position of the receipt the VM knows by this index.
    pub fn position(&self, receipt_index: u64) -> Option<usize> {
        self.by_log_index.get(&receipt_index).copied()
    }
}

/// Reads the action log, then hands out `unused_gas` to the weighted function calls.
pub(super) fn spawned_receipts(log: &[MockAction], unused_gas: u64) -> SpawnedReceipts {
    let mut spawned = SpawnedReceipts {
        list: Vec::new(),
        by_log_index: HashMap::new(),
    };
    // (receipt position, action position, weight) of every call with a nonzero weight.
    let mut weighted = Vec::new();
    for (log_index, entry) in log.iter().enumerate() {
        if let Some(receiver) = new_receipt_receiver(entry) {
            let dependencies = match entry {
                MockAction::CreateReceipt {
                    receipt_indices, ..
                } => receipt_indices
                    .iter()
                    .filter_map(|&i| spawned.position(i))
                    .collect(),
                _ => Vec::new(),
            };
            let mut actions = Vec::new();
            if matches!(entry, MockAction::YieldCreate { .. }) {
                actions.push(Action::Unsupported(
                    "yielded promises (promise_yield_create)",
                ));
            }
            spawned
                .by_log_index
                .insert(log_index as u64, spawned.list.len());
            spawned.list.push(Spawned {
                receiver,
                dependencies,
                actions,
                refund_to: None,
            });
            continue;
        }
        let Some((receipt_index, action)) = appended_action(entry) else {
            continue;
        };
        let Some(position) = spawned.position(receipt_index) else {
            continue;
        };
        let receipt = &mut spawned.list[position];
        match action {
            Appended::Action(action, weight) => {
                if weight > 0 {
                    weighted.push((position, receipt.actions.len(), weight));
                }
                receipt.actions.push(action);
            }
            Appended::RefundTo(account) => receipt.refund_to = Some(account),
        }
    }
    give_unused_gas(&mut spawned, &weighted, unused_gas);
    spawned
}

fn give_unused_gas(spawned: &mut SpawnedReceipts, weighted: &[(usize, usize, u64)], gas: u64) {
    let weights: Vec<u64> = weighted.iter().map(|&(_, _, weight)| weight).collect();
    let shares = share_unused_gas(gas, &weights);
    for (&(position, action, _), share) in weighted.iter().zip(shares) {
        if let Action::FunctionCall(call) = &mut spawned.list[position].actions[action] {
            call.gas = call.gas.saturating_add(share);
        }
    }
}

fn new_receipt_receiver(entry: &MockAction) -> Option<String> {
    match entry {
        MockAction::CreateReceipt { receiver_id, .. }
        | MockAction::YieldCreate { receiver_id, .. } => Some(receiver_id.to_string()),
        _ => None,
    }
}

/// What a log entry adds to an existing receipt.
enum Appended {
    /// An action, with its unused-gas weight (0 for all but weighted function calls).
    Action(Action, u64),
    RefundTo(String),
}

fn appended_action(entry: &MockAction) -> Option<(u64, Appended)> {
    let plain = |index: &u64, action| Some((*index, Appended::Action(action, 0)));
    match entry {
        MockAction::FunctionCallWeight {
            receipt_index,
            method_name,
            args,
            attached_deposit,
            prepaid_gas,
            gas_weight,
        } => {
            let call = FunctionCall {
                method: String::from_utf8_lossy(method_name).into_owned(),
                args: args.clone(),
                deposit: attached_deposit.as_yoctonear(),
                gas: prepaid_gas.as_gas(),
            };
            Some((
                *receipt_index,
                Appended::Action(Action::FunctionCall(call), gas_weight.0),
            ))
        }
        MockAction::Transfer {
            receipt_index,
            deposit,
        } => plain(receipt_index, Action::Transfer(deposit.as_yoctonear())),
        MockAction::CreateAccount { receipt_index } => plain(receipt_index, Action::CreateAccount),
        MockAction::DeployContract {
            receipt_index,
            code,
        } => plain(receipt_index, Action::DeployContract(code.clone())),
        MockAction::SetRefundTo {
            receipt_index,
            refund_to,
        } => Some((*receipt_index, Appended::RefundTo(refund_to.to_string()))),
        other => unsupported_action(other),
    }
}

fn unsupported_action(entry: &MockAction) -> Option<(u64, Appended)> {
    let (index, action) = match entry {
        MockAction::AddKeyWithFullAccess { receipt_index, .. }
        | MockAction::AddKeyWithFunctionCall { receipt_index, .. }
        | MockAction::DeleteKey { receipt_index, .. } => (receipt_index, Action::KeyChange),
        MockAction::Stake { receipt_index, .. } => (receipt_index, Action::Unsupported("stake")),
        MockAction::DeleteAccount { receipt_index, .. } => {
            (receipt_index, Action::Unsupported("delete account"))
        }
        MockAction::DeployGlobalContract { receipt_index, .. }
        | MockAction::UseGlobalContract { receipt_index, .. } => {
            (receipt_index, Action::Unsupported("global contracts"))
        }
        MockAction::DeterministicStateInit { receipt_index, .. }
        | MockAction::UniversalStateInit { receipt_index, .. } => {
            (receipt_index, Action::Unsupported("state init"))
        }
        MockAction::TransferToGasKey { receipt_index, .. }
        | MockAction::AddGasKeyWithFullAccess { receipt_index, .. }
        | MockAction::AddGasKeyWithFunctionCall { receipt_index, .. } => {
            (receipt_index, Action::Unsupported("gas keys"))
        }
        // Receipt creation and the handled actions never reach here; resuming a yield
        // creates no receipt of its own.
        _ => return None,
    };
    Some((*index, Appended::Action(action, 0)))
}
