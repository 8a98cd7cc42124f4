//! Routing receipts between accounts, block by block.
//!
//! Everything ready in a block runs in it, in creation order; what it creates, and the
//! results it sends, arrive in the next block. A receipt waiting on others runs in the
//! block after its last input arrived, with the inputs as promise results in the order the
//! contract joined them. A receipt that returned a promise hands the receipts waiting for
//! it over to the returned receipt, as nearcore forwards data.

use super::accounts::Accounts;
use super::apply::{apply_receipt, Applied, Block, Ended, Inputs};
use super::clock::Clock;
use super::outcome::{Execution, Outcome, ReceiptId, ReceiptOutcome};
use super::receipt::{Action, DataId, Receipt, SYSTEM_ACCOUNT};
use super::spawn::Spawned;
use super::vm::Vm;
use near_vm_runner::logic::types::PromiseResult;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

/// A receipt not yet run, with the results that have reached it.
struct Waiting {
    receipt: Receipt,
    /// The first height it may run at.
    ready_at: u64,
    /// Results received: success bytes or `None` for a failure, and the height they arrive.
    received: HashMap<DataId, (Option<Vec<u8>>, u64)>,
}

impl Waiting {
    fn is_ready(&self, height: u64) -> bool {
        let arrived = |id: &DataId| self.received.get(id).is_some_and(|(_, at)| *at <= height);
        self.ready_at <= height && self.receipt.inputs.iter().all(arrived)
    }

    fn promise_results(&self) -> Vec<PromiseResult> {
        let result = |id: &DataId| match self.received.get(id) {
            Some((Some(bytes), _)) => PromiseResult::Successful(Rc::from(bytes.as_slice())),
            _ => PromiseResult::Failed,
        };
        self.receipt.inputs.iter().map(result).collect()
    }
}

/// Runs one transaction's receipts to completion.
pub(super) struct Router<'a> {
    accounts: &'a mut Accounts,
    vm: &'a Vm,
    clock: Clock,
    waiting: BTreeMap<ReceiptId, Waiting>,
    next_id: usize,
    next_data_id: DataId,
    done: Vec<ReceiptOutcome>,
}

impl<'a> Router<'a> {
    pub fn new(accounts: &'a mut Accounts, vm: &'a Vm, clock: Clock) -> Self {
        let (waiting, done) = (BTreeMap::new(), Vec::new());
        Router {
            accounts,
            vm,
            clock,
            waiting,
            next_id: 0,
            next_data_id: 0,
            done,
        }
    }

    /// Queues the receipt a transaction becomes; it runs at the clock's height.
    pub fn submit(&mut self, signer: &str, receiver: &str, actions: Vec<Action>) {
        let id = self.new_id();
        let receipt = Receipt {
            id,
            predecessor: signer.to_string(),
            receiver: receiver.to_string(),
            signer: signer.to_string(),
            refund_to: signer.to_string(),
            actions,
            is_refund: false,
            inputs: Vec::new(),
            output_receivers: Vec::new(),
        };
        self.queue(receipt, self.clock.height);
    }

    /// Runs block after block until no receipt is left; returns the record and the last
    /// height used.
    pub fn run(mut self) -> (Execution, u64) {
        let mut height = self.clock.height;
        while !self.waiting.is_empty() {
            let ready: Vec<ReceiptId> = self
                .waiting
                .iter()
                .filter(|(_, w)| w.is_ready(height))
                .map(|(id, _)| *id)
                .collect();
            if ready.is_empty() {
                self.fail_stranded(height);
                break;
            }
            for id in ready {
                if let Some(waiting) = self.waiting.remove(&id) {
                    self.run_one(waiting, height);
                }
            }
            height += 1;
        }
        let last = self
            .done
            .iter()
            .map(|r| r.block_height)
            .max()
            .unwrap_or(height);
        (
            Execution {
                receipts: self.done,
            },
            last,
        )
    }

    fn run_one(&mut self, waiting: Waiting, height: u64) {
        let results = waiting.promise_results();
        let receipt = waiting.receipt;
        let receivers = self.receiver_accounts(&receipt);
        let block = Block {
            height,
            timestamp_ns: self.clock.timestamp_ns(height),
        };
        let inputs = Inputs {
            vm: self.vm,
            block,
            promise_results: results.into(),
            output_receivers: &receivers,
        };
        let mut applied = apply_receipt(self.accounts, &receipt, &inputs);
        let spawned = std::mem::take(&mut applied.spawned);
        let new_ids = self.queue_spawned(&receipt, spawned, height + 1);
        let outcome = match std::mem::replace(&mut applied.ended, Ended::Value(Vec::new())) {
            Ended::Value(bytes) => Outcome::Value(bytes),
            Ended::Failure(text) => Outcome::Failure(text),
            Ended::Promise(position) => Outcome::Promise(new_ids[position]),
        };
        self.route_result(&receipt, &outcome, height);
        if !outcome.is_success() {
            self.refund(&receipt, height + 1);
        }
        self.done.push(record(&receipt, applied, outcome, height));
    }

    /// Sends the result to the receipts waiting for it, or hands them to the returned promise.
    fn route_result(&mut self, receipt: &Receipt, outcome: &Outcome, height: u64) {
        let data = match outcome {
            Outcome::Promise(returned) => {
                if let Some(target) = self.waiting.get_mut(returned) {
                    target
                        .receipt
                        .output_receivers
                        .extend(receipt.output_receivers.clone());
                }
                return;
            }
            Outcome::Value(bytes) => Some(bytes.clone()),
            Outcome::Failure(_) => None,
        };
        for (data_id, receiver) in &receipt.output_receivers {
            if let Some(target) = self.waiting.get_mut(receiver) {
                target.received.insert(*data_id, (data.clone(), height + 1));
            }
        }
    }

    /// Gives a failed receipt's deposit back, as nearcore's refund receipt does.
    fn refund(&mut self, failed: &Receipt, ready_at: u64) {
        let deposit = failed.total_deposit();
        if deposit == 0 || failed.is_refund {
            return;
        }
        let receipt = Receipt {
            id: self.new_id(),
            predecessor: SYSTEM_ACCOUNT.to_string(),
            receiver: failed.refund_to.clone(),
            signer: failed.signer.clone(),
            refund_to: failed.refund_to.clone(),
            actions: vec![Action::Transfer(deposit)],
            is_refund: true,
            inputs: Vec::new(),
            output_receivers: Vec::new(),
        };
        self.queue(receipt, ready_at);
    }

    /// Gives the receipts a method created their ids and wires up their dependencies.
    fn queue_spawned(
        &mut self,
        parent: &Receipt,
        spawned: Vec<Spawned>,
        ready_at: u64,
    ) -> Vec<ReceiptId> {
        let ids: Vec<ReceiptId> = spawned.iter().map(|_| self.new_id()).collect();
        for (spawned, &id) in spawned.into_iter().zip(&ids) {
            let mut inputs = Vec::new();
            for dependency in spawned.dependencies {
                let data_id = self.next_data_id;
                self.next_data_id += 1;
                inputs.push(data_id);
                // Dependencies are always created before the receipt that waits on them.
                if let Some(producer) = self.waiting.get_mut(&ids[dependency]) {
                    producer.receipt.output_receivers.push((data_id, id));
                }
            }
            let receipt = Receipt {
                id,
                predecessor: parent.receiver.clone(),
                receiver: spawned.receiver,
                signer: parent.signer.clone(),
                refund_to: spawned.refund_to.unwrap_or_else(|| parent.receiver.clone()),
                actions: spawned.actions,
                is_refund: false,
                inputs,
                output_receivers: Vec::new(),
            };
            self.queue(receipt, ready_at);
        }
        ids
    }

    fn receiver_accounts(&self, receipt: &Receipt) -> Vec<String> {
        let account = |(_, id): &(DataId, ReceiptId)| {
            self.waiting
                .get(id)
                .map(|waiting| waiting.receipt.receiver.clone())
        };
        receipt
            .output_receivers
            .iter()
            .filter_map(account)
            .collect()
    }

    /// Only reachable if a receipt waits for data nothing will send; fail it visibly.
    fn fail_stranded(&mut self, height: u64) {
        let text = "executor: receipt never received the results it waits for";
        for (_, waiting) in std::mem::take(&mut self.waiting) {
            let applied = Applied {
                ended: Ended::Failure(text.to_string()),
                spawned: Vec::new(),
                gas_burnt: 0,
                gas_loading: 0,
                gas_used: 0,
                logs: Vec::new(),
            };
            let outcome = Outcome::Failure(text.to_string());
            self.done
                .push(record(&waiting.receipt, applied, outcome, height));
        }
    }

    fn queue(&mut self, receipt: Receipt, ready_at: u64) {
        let waiting = Waiting {
            receipt,
            ready_at,
            received: HashMap::new(),
        };
        self.waiting.insert(waiting.receipt.id, waiting);
    }

    fn new_id(&mut self) -> ReceiptId {
        self.next_id += 1;
        ReceiptId(self.next_id - 1)
    }
}

fn record(receipt: &Receipt, applied: Applied, outcome: Outcome, height: u64) -> ReceiptOutcome {
    let call = receipt.last_call();
    ReceiptOutcome {
        id: receipt.id,
        kind: receipt.kind(),
        predecessor: receipt.predecessor.clone(),
        receiver: receipt.receiver.clone(),
        method: call.map(|call| call.method.clone()).unwrap_or_default(),
        args: call.map(|call| call.args.clone()).unwrap_or_default(),
        deposit: receipt.total_deposit(),
        gas_attached: receipt.attached_gas(),
        gas_burnt: applied.gas_burnt,
        gas_loading: applied.gas_loading,
        gas_used: applied.gas_used,
        logs: applied.logs,
        outcome,
        block_height: height,
    }
}
