//! Receipts waiting to run, and the actions they carry.

use super::outcome::{ReceiptId, ReceiptKind};

/// Connects the output of one receipt to one input slot of a receipt waiting for it, as a
/// node's `data_id` does.
pub(super) type DataId = usize;

/// The account nearcore names as the predecessor of its refund receipts.
pub(super) const SYSTEM_ACCOUNT: &str = "system";

/// A function call action.
#[derive(Clone, Debug)]
pub(super) struct FunctionCall {
    pub method: String,
    pub args: Vec<u8>,
    pub deposit: u128,
    pub gas: u64,
}

/// The actions the executor applies. Others a contract may create are kept as
/// `Unsupported` and fail the receipt that carries them, so that a test notices.
#[derive(Clone, Debug)]
pub(super) enum Action {
    CreateAccount,
    DeployContract(Vec<u8>),
    FunctionCall(FunctionCall),
    Transfer(u128),
    /// Access keys are not modelled: adding or deleting one succeeds and does nothing.
    KeyChange,
    Unsupported(&'static str),
}

impl Action {
    pub fn deposit(&self) -> u128 {
        match self {
            Action::FunctionCall(call) => call.deposit,
            Action::Transfer(amount) => *amount,
            _ => 0,
        }
    }
}

/// A receipt that has been created and not yet run.
#[derive(Clone, Debug)]
pub(super) struct Receipt {
    pub id: ReceiptId,
    pub predecessor: String,
    pub receiver: String,
    pub signer: String,
    /// Where the deposit goes back if the receipt fails.
    pub refund_to: String,
    pub actions: Vec<Action>,
    pub is_refund: bool,
    /// The results this receipt waits for, in the order the contract joined them.
    pub inputs: Vec<DataId>,
    /// The receipts waiting for this one's result, with the slot each waits in.
    pub output_receivers: Vec<(DataId, ReceiptId)>,
}

impl Receipt {
    pub fn total_deposit(&self) -> u128 {
        self.actions.iter().map(Action::deposit).sum()
    }

    /// The last function call: it decides the receipt's result, as on chain.
    pub fn last_call(&self) -> Option<&FunctionCall> {
        self.actions.iter().rev().find_map(|action| match action {
            Action::FunctionCall(call) => Some(call),
            _ => None,
        })
    }

    /// Gas attached to all function calls, shares of unused gas included.
    pub fn attached_gas(&self) -> u64 {
        let gas = |action: &Action| match action {
            Action::FunctionCall(call) => call.gas,
            _ => 0,
        };
        self.actions.iter().map(gas).sum()
    }

    pub fn kind(&self) -> ReceiptKind {
        if self.is_refund {
            ReceiptKind::Refund
        } else if self.last_call().is_some() {
            ReceiptKind::Call
        } else {
            ReceiptKind::Transfer
        }
    }
}
