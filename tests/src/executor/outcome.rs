//! What running a transaction produced: one record per receipt, and the transaction's answer.

use std::fmt;

/// Identifies a receipt within one [`Execution`]: `0` is the receipt the transaction became,
/// the others are numbered in the order they were created.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReceiptId(pub usize);

impl fmt::Display for ReceiptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "receipt #{}", self.0)
    }
}

/// How one receipt ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The method returned these bytes (empty when it returned nothing, as on chain).
    Value(Vec<u8>),
    /// The receipt failed; the text is the VM's error, e.g. `Smart contract panicked: ...`,
    /// or the executor's description of an action that could not be applied.
    Failure(String),
    /// The method returned a promise: its value is that of this receipt.
    Promise(ReceiptId),
}

impl Outcome {
    /// The returned bytes, if the receipt succeeded with a value.
    pub fn value(&self) -> Option<&[u8]> {
        match self {
            Outcome::Value(bytes) => Some(bytes),
            _ => None,
        }
    }

    /// The error text, if the receipt failed.
    pub fn failure(&self) -> Option<&str> {
        match self {
            Outcome::Failure(text) => Some(text),
            _ => None,
        }
    }

    /// True unless the receipt failed.
    pub fn is_success(&self) -> bool {
        !matches!(self, Outcome::Failure(_))
    }
}

/// What a receipt carried, to tell calls from plain transfers and refunds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReceiptKind {
    /// A receipt with a function call (possibly batched with other actions).
    Call,
    /// A transfer, or other actions without a function call.
    Transfer,
    /// The runtime's refund of the deposit of a failed receipt.
    Refund,
}

/// The record of one executed receipt.
#[derive(Clone, Debug)]
pub struct ReceiptOutcome {
    /// This receipt's id within the execution.
    pub id: ReceiptId,
    /// What the receipt carried.
    pub kind: ReceiptKind,
    /// The account that created the receipt (`system` for refunds).
    pub predecessor: String,
    /// The account the receipt ran on.
    pub receiver: String,
    /// The method called (the last one, for a batch); empty without a function call.
    pub method: String,
    /// The arguments of that call.
    pub args: Vec<u8>,
    /// All NEAR (yocto) the receipt's actions attached.
    pub deposit: u128,
    /// Gas attached to the function calls, including the share of unused gas they were given.
    pub gas_attached: u64,
    /// Gas the execution burnt, as the VM accounted it.
    pub gas_burnt: u64,
    /// Of `gas_burnt`, what loading the contract's code cost (nearcore charges it per byte
    /// of code, so it measures the contract's size, not the method's work).
    pub gas_loading: u64,
    /// Gas the execution used: burnt plus what it attached to the receipts it created.
    pub gas_used: u64,
    /// Log lines the method wrote.
    pub logs: Vec<String>,
    /// How the receipt ended.
    pub outcome: Outcome,
    /// The block the receipt ran in.
    pub block_height: u64,
}

/// Everything one transaction caused, receipt by receipt.
#[derive(Clone, Debug)]
pub struct Execution {
    /// The receipts in the order they ran.
    pub receipts: Vec<ReceiptOutcome>,
}

impl Execution {
    /// The receipt with this id, if it ran.
    pub fn receipt(&self, id: ReceiptId) -> Option<&ReceiptOutcome> {
        self.receipts.iter().find(|receipt| receipt.id == id)
    }

    /// The transaction's final answer. A method that returned a promise answers with the
    /// value of the returned receipt, followed recursively, as a node reports it.
    pub fn result(&self) -> &Outcome {
        // Only a hand-built `Execution` can be empty; the executor always records a receipt.
        static NOTHING_RAN: Outcome = Outcome::Failure(String::new());
        let Some(first) = self.receipts.first() else {
            return &NOTHING_RAN;
        };
        let mut current = &first.outcome;
        // A chain of returned promises is finite (every hop is a newer receipt); the bound
        // only guards against a malformed record.
        for _ in 0..=self.receipts.len() {
            let Outcome::Promise(next) = current else {
                return current;
            };
            match self.receipt(*next) {
                Some(receipt) => current = &receipt.outcome,
                None => return current,
            }
        }
        current
    }

    /// The returned bytes of [`Self::result`], if it is a value.
    pub fn value(&self) -> Option<&[u8]> {
        self.result().value()
    }

    /// True if the transaction's final answer is not a failure.
    pub fn is_success(&self) -> bool {
        self.result().is_success()
    }

    /// Gas burnt by all receipts together.
    pub fn total_gas_burnt(&self) -> u64 {
        self.receipts.iter().map(|receipt| receipt.gas_burnt).sum()
    }

    /// All log lines, in execution order.
    pub fn logs(&self) -> Vec<&str> {
        self.receipts
            .iter()
            .flat_map(|r| r.logs.iter().map(String::as_str))
            .collect()
    }

    /// The receipts that failed, in execution order.
    pub fn failures(&self) -> Vec<&ReceiptOutcome> {
        self.receipts
            .iter()
            .filter(|receipt| !receipt.outcome.is_success())
            .collect()
    }

    /// The receipts that called `method` on `receiver`, in execution order.
    pub fn calls(&self, receiver: &str, method: &str) -> Vec<&ReceiptOutcome> {
        let matches = |r: &&ReceiptOutcome| r.receiver == receiver && r.method == method;
        self.receipts.iter().filter(matches).collect()
    }

    /// Blocks between the first receipt and the last one (0 when everything ran in one block).
    pub fn blocks(&self) -> u64 {
        let first = self.receipts.first().map_or(0, |r| r.block_height);
        let last = self
            .receipts
            .iter()
            .map(|r| r.block_height)
            .max()
            .unwrap_or(first);
        last - first
    }
}

/// Why a view call gave no value: the VM's error or the executor's description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure(pub String);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Failure {}
